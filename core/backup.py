"""Backup and restore of the database and the uploaded files (``backup_db`` / ``restore_db``).

A backup is a folder:

- ``database.pgdump`` (PostgreSQL, ``pg_dump -Fc``) or ``database.sqlite3`` (SQLite, made with
  SQLite's online backup API, so the app may keep running);
- ``media.tar.gz``: everything under ``MEDIA_ROOT`` (scans, photos, attachments);
- ``private-media.tar.gz``: everything under ``PRIVATE_MEDIA_ROOT`` (legal papers, BASTs and
  inspection photos, which only scoped views send; see groups/storage.py);
- ``manifest.json``: engine, time, checksums, and the row count and money sums of every table,
  taken from the same snapshot as the dump, so that a restore can prove it is complete.

Restoring goes into an EMPTY database and an empty media folder only; nothing is overwritten.
This module imports no app. It runs pg_dump/pg_restore with fixed arguments, never a shell.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404
import tarfile
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections, models, transaction
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
PRIVATE_MEDIA_ARCHIVE = "private-media.tar.gz"
DUMP_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in plain words."""


# --- what a database holds ------------------------------------------------------------------


def money_columns() -> dict[str, list[str]]:
    """Every DecimalField column (money and other amounts), by table."""
    columns: dict[str, list[str]] = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DecimalField):
                columns.setdefault(model._meta.db_table, []).append(field.column)
    return columns


def _number(value) -> str:
    return format(Decimal(str(value if value is not None else 0)).normalize(), "f")


def summarize(connection) -> dict:
    """Row count of every table and the sum of every DecimalField column, on ``connection``."""
    quote = connection.ops.quote_name
    money = money_columns()
    summary = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            columns = money.get(table, [])
            selects = ["COUNT(*)", *(f"SUM({quote(column)})" for column in columns)]
            # Table and column names come from the database's own catalogue, not from input.
            sql = " ".join(["SELECT", ", ".join(selects), "FROM", quote(table)])
            cursor.execute(sql)
            row = cursor.fetchone()
            sums = zip(columns, row[1:], strict=True)
            summary[table] = {
                "rows": row[0],
                "sums": {column: _number(value) for column, value in sums},
            }
    return summary


def compare(expected: dict, actual: dict) -> list[str]:
    """Differences between two summaries, one line each (empty when they agree)."""
    problems = []
    for table in sorted(set(expected) | set(actual)):
        if table not in actual:
            problems.append(f"{table}: missing")
        elif table not in expected:
            problems.append(f"{table}: unexpected table")
        elif expected[table] != actual[table]:
            problems.append(f"{table}: expected {expected[table]}, found {actual[table]}")
    return problems


# --- helpers --------------------------------------------------------------------------------


def engine(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in DUMP_FILES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pg_tool(name: str) -> str:
    """``pg_dump``/``pg_restore``: from DJANGO_PG_BIN_DIR, PATH, or the newest Debian install."""
    bin_dir = os.environ.get("DJANGO_PG_BIN_DIR")
    if bin_dir:
        return str(Path(bin_dir) / name)
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    if candidates:
        return str(candidates[-1])
    found = shutil.which(name)
    if found:
        return found
    raise BackupError(
        f"{name} was not found; install the PostgreSQL client or set DJANGO_PG_BIN_DIR."
    )


def pg_env(alias: str = "default") -> dict:
    """libpq environment for the configured database: the password never goes on a command line."""
    db = connections[alias].settings_dict
    env = dict(os.environ)
    for key, value in (
        ("PGHOST", db.get("HOST")),
        ("PGPORT", db.get("PORT")),
        ("PGUSER", db.get("USER")),
        ("PGPASSWORD", db.get("PASSWORD")),
        ("PGDATABASE", db.get("NAME")),
        ("PGSSLMODE", db.get("OPTIONS", {}).get("sslmode")),
    ):
        if value:
            env[key] = str(value)
    return env


def _run(argv: list[str], env: dict) -> None:
    # Fixed argv, no shell.
    result = subprocess.run(  # nosec B603
        argv, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(argv[0]).name} failed: {result.stderr.strip()[-2000:]}")


def _archive_media(media_root: Path, target: Path) -> int:
    count = 0
    with tarfile.open(target, "w:gz") as archive:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.add(path, arcname=path.relative_to(media_root).as_posix())
                    count += 1
    return count


# --- backup ---------------------------------------------------------------------------------


def _private_media_root() -> Path | None:
    root = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    return Path(root) if root else None


def backup(output: Path, *, alias: str = "default", media: bool = True) -> dict:
    """Write a backup folder at ``output`` (new or empty) and return its manifest."""
    output = Path(output)
    if output.exists() and any(output.iterdir()):
        raise BackupError(f"{output} is not empty; choose a new folder for the backup.")
    output.mkdir(parents=True, exist_ok=True)
    vendor = engine(alias)
    dump = output / DUMP_FILES[vendor]
    if vendor == "postgresql":
        summary = _backup_postgresql(dump, alias)
    else:
        summary = _backup_sqlite(dump, alias)
    manifest = {
        "format": FORMAT,
        "engine": vendor,
        "created_at": timezone.now().isoformat(),
        "database": DUMP_FILES[vendor],
        "summary": summary,
        "files": {DUMP_FILES[vendor]: sha256(dump)},
    }
    if media:
        archive = output / MEDIA_ARCHIVE
        manifest["media_files"] = _archive_media(Path(settings.MEDIA_ROOT), archive)
        manifest["files"][MEDIA_ARCHIVE] = sha256(archive)
        private_root = _private_media_root()
        if private_root is not None:
            archive = output / PRIVATE_MEDIA_ARCHIVE
            manifest["private_media_files"] = _archive_media(private_root, archive)
            manifest["files"][PRIVATE_MEDIA_ARCHIVE] = sha256(archive)
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def _backup_postgresql(dump: Path, alias: str) -> dict:
    """pg_dump from an exported snapshot: the manifest's counts are those of the dump exactly."""
    connection = connections[alias]
    with transaction.atomic(using=alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        summary = summarize(connection)
        _run(
            [
                pg_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={dump}",
            ],
            pg_env(alias),
        )
    return summary


def _backup_sqlite(dump: Path, alias: str) -> dict:
    source = sqlite3.connect(str(connections[alias].settings_dict["NAME"]))
    target = sqlite3.connect(str(dump))
    try:
        source.backup(target)  # SQLite's online backup: consistent while the app runs
    finally:
        source.close()
        target.close()
    return _summarize_sqlite_file(dump, alias)


def _summarize_sqlite_file(path: Path, alias: str) -> dict:
    """Summary of an SQLite file, through a second Django connection pointed at it."""
    settings_dict = {**connections[alias].settings_dict, "NAME": str(path)}
    connection = connections[alias].__class__(settings_dict, alias="__backup__")
    try:
        return summarize(connection)
    finally:
        connection.close()


# --- restore --------------------------------------------------------------------------------


def read_manifest(source: Path) -> dict:
    path = Path(source) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{source} is not a backup folder ({MANIFEST} is missing).")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    for name, digest in manifest["files"].items():
        if sha256(Path(source) / name) != digest:
            raise BackupError(f"{name} is damaged (its checksum does not match the manifest).")
    return manifest


def restore(source: Path, *, alias: str = "default", media: bool = True) -> list[str]:
    """Restore a backup folder into the configured, empty database (and empty MEDIA_ROOT).

    Returns the differences between the restored data and the manifest (empty = complete).
    """
    source = Path(source)
    manifest = read_manifest(source)
    vendor = engine(alias)
    if manifest["engine"] != vendor:
        raise BackupError(
            f"This backup is from {manifest['engine']}; the configured database is {vendor}."
        )
    connection = connections[alias]
    with connection.cursor() as cursor:
        existing = connection.introspection.table_names(cursor)
    if existing:
        raise BackupError(
            f"The target database already has {len(existing)} tables. Restore into a new, empty "
            "database (createdb, or a new SQLite file name in DATABASE_URL)."
        )
    media_root = Path(settings.MEDIA_ROOT)
    restore_media = media and MEDIA_ARCHIVE in manifest["files"]
    if restore_media and media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"MEDIA_ROOT {media_root} is not empty; restore media into a new one.")
    private_root = _private_media_root()
    restore_private = media and PRIVATE_MEDIA_ARCHIVE in manifest["files"]
    if restore_private and private_root is None:
        raise BackupError("The backup holds private media but PRIVATE_MEDIA_ROOT is not set.")
    if restore_private and private_root.exists() and any(private_root.iterdir()):
        raise BackupError(
            f"PRIVATE_MEDIA_ROOT {private_root} is not empty; restore media into a new one."
        )
    dump = source / manifest["database"]
    target_name = connections[alias].settings_dict["NAME"]
    if vendor == "postgresql":
        connection.close()
        _run(
            [
                pg_tool("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={target_name}",
                str(dump),
            ],
            pg_env(alias),
        )
    else:
        connection.close()
        source_db = sqlite3.connect(str(dump))
        target_db = sqlite3.connect(str(target_name))
        try:
            source_db.backup(target_db)
        finally:
            source_db.close()
            target_db.close()
    if restore_media:
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(source / MEDIA_ARCHIVE, "r:gz") as archive:
            # The "data" filter refuses absolute paths, "..", links out of the folder and devices.
            archive.extractall(media_root, filter="data")
    if restore_private:
        private_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(source / PRIVATE_MEDIA_ARCHIVE, "r:gz") as archive:
            archive.extractall(private_root, filter="data")
    return compare(manifest["summary"], summarize(connections[alias]))
