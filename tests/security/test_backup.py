"""Backup pieces that can be checked in-process. The full round trip (seed, back up, restore
into an empty SQLite and PostgreSQL database, compare) is ``scripts/drills/backup_restore.py``,
run by CI."""

import io
import json
import tarfile

import pytest
from django.db import connection
from django.db.models import Sum

from core import backup
from groups.models import Product
from tests import factories


@pytest.mark.django_db
def test_summary_counts_rows_and_sums_money_like_the_orm():
    factories.ProductFactory(base_price=15000)
    factories.ProductFactory(base_price=1250000)
    summary = backup.summarize(connection)
    products = summary[Product._meta.db_table]
    assert products["rows"] == Product.objects.count()
    expected = Product.objects.aggregate(total=Sum("base_price"))["total"]
    assert products["sums"]["base_price"] == str(int(expected))
    # Every table is there, also those without a model (e.g. django_migrations).
    assert "django_migrations" in summary and summary["django_migrations"]["rows"] > 0


def test_every_decimal_field_is_summed():
    columns = backup.money_columns()
    assert "base_price" in columns[Product._meta.db_table]
    assert "base_price" in columns["groups_historicalproduct"]


def test_compare_names_each_difference():
    before = {"a": {"rows": 2, "sums": {"x": "10"}}, "b": {"rows": 1, "sums": {}}}
    assert backup.compare(before, before) == []
    after = {"a": {"rows": 2, "sums": {"x": "9"}}, "c": {"rows": 0, "sums": {}}}
    problems = backup.compare(before, after)
    assert any(p.startswith("a: expected") for p in problems)
    assert "b: missing" in problems and "c: unexpected table" in problems


def write_backup(folder, files: dict[str, bytes]):
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    manifest = {
        "format": backup.FORMAT,
        "engine": "sqlite",
        "database": "database.sqlite3",
        "summary": {},
        "files": {name: backup.sha256(folder / name) for name in files},
    }
    (folder / backup.MANIFEST).write_text(json.dumps(manifest))


def test_a_damaged_backup_is_refused(tmp_path):
    write_backup(tmp_path / "b", {"database.sqlite3": b"SQLite format 3\x00..."})
    assert backup.read_manifest(tmp_path / "b")["engine"] == "sqlite"
    (tmp_path / "b" / "database.sqlite3").write_bytes(b"changed")
    with pytest.raises(backup.BackupError, match="damaged"):
        backup.read_manifest(tmp_path / "b")


def test_a_folder_without_manifest_is_refused(tmp_path):
    with pytest.raises(backup.BackupError, match="not a backup folder"):
        backup.read_manifest(tmp_path)


@pytest.mark.django_db
def test_backup_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "old.txt").write_text("keep me")
    with pytest.raises(backup.BackupError, match="not empty"):
        backup.backup(tmp_path)
    assert (tmp_path / "old.txt").read_text() == "keep me"


@pytest.mark.django_db
def test_restore_refuses_a_database_that_has_tables(tmp_path):
    write_backup(tmp_path / "b", {"database.sqlite3": b"x"})
    manifest = json.loads((tmp_path / "b" / backup.MANIFEST).read_text())
    manifest["engine"] = connection.vendor
    (tmp_path / "b" / backup.MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(backup.BackupError, match="already has"):
        backup.restore(tmp_path / "b")


@pytest.mark.django_db
def test_restore_refuses_a_backup_of_another_engine(tmp_path):
    write_backup(tmp_path / "b", {"database.pgdump": b"x"})
    manifest = json.loads((tmp_path / "b" / backup.MANIFEST).read_text())
    manifest["engine"] = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    (tmp_path / "b" / backup.MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(backup.BackupError, match="This backup is from"):
        backup.restore(tmp_path / "b")


def test_media_archive_with_a_path_escape_is_not_extracted_outside(tmp_path):
    """The restore extracts with tarfile's "data" filter: "../" entries are refused."""
    archive = tmp_path / "media.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = b"owned"
        info = tarfile.TarInfo("../escaped.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    target = tmp_path / "media"
    target.mkdir()
    with tarfile.open(archive, "r:gz") as tar, pytest.raises(tarfile.OutsideDestinationError):
        tar.extractall(target, filter="data")
    assert not (tmp_path / "escaped.txt").exists()


def test_media_archive_holds_files_only(tmp_path, settings):
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "a.pdf").write_bytes(b"%PDF")
    (media / "link").symlink_to("/etc/passwd")
    count = backup._archive_media(media, tmp_path / "m.tar.gz")
    assert count == 1
    with tarfile.open(tmp_path / "m.tar.gz") as tar:
        assert tar.getnames() == ["documents/a.pdf"]
