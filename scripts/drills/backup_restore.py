"""Drill: back up, restore into an empty database, and prove nothing was lost.

For SQLite and for PostgreSQL (a private instance, never the shared cluster):

1. a fresh database gets the demo data (``seed_demo``) and a few uploaded files;
2. ``manage.py backup_db`` writes the backup folder (dump, media archive, manifest);
3. ``manage.py restore_db`` restores it into a NEW empty database and a new media folder
   (and itself checks every table against the manifest);
4. independently, ``manage.py db_summary`` of the source and of the restored database are
   compared table by table: row counts and the sum of every DecimalField (money); the media files
   are compared byte for byte;
5. restoring again into the now non-empty database is refused.

Run: ``.venv/bin/python -m scripts.drills.backup_restore`` (about 40 s).
"""

import hashlib
import json
import shutil
import tempfile
from pathlib import Path

from scripts.drills.common import (
    DrillError,
    app_env,
    check,
    main,
    manage,
    prepared_database,
    private_postgres,
    run,
    say,
)

UPLOADS = {
    "documents/2024/nib-kelompok-1.pdf": b"%PDF-1.4\n% NIB\n%%EOF\n",
    "equipment/2024/foto mesin.jpg": bytes(range(256)) * 40,
}


def files_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


PRIVATE_UPLOADS = {"documents/0123456789abcdef.pdf": b"%PDF-1.4\n% SKU\n%%EOF\n"}


def round_trip(label: str, source_url: str, target_url: str, work: Path):
    say(f"--- {label} ---")
    media, restored_media, folder = work / "media", work / "media-restored", work / "backup"
    private, restored_private = work / "private-media", work / "private-media-restored"
    for root, uploads in ((media, UPLOADS), (private, PRIVATE_UPLOADS)):
        for name, content in uploads.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(content)
    source = app_env(
        DATABASE_URL=source_url, DJANGO_MEDIA_ROOT=media, DJANGO_PRIVATE_MEDIA_ROOT=private
    )
    target = app_env(
        DATABASE_URL=target_url,
        DJANGO_MEDIA_ROOT=restored_media,
        DJANGO_PRIVATE_MEDIA_ROOT=restored_private,
    )
    manage("migrate", "--noinput", "-v0", env=source)
    manage("seed_demo", env=source)
    manage("backup_db", folder, env=source)
    manifest = json.loads((folder / "manifest.json").read_text())
    check(manifest["media_files"] == len(UPLOADS), f"{label}: the media files are in the backup")
    check(
        manifest["private_media_files"] == len(PRIVATE_UPLOADS),
        f"{label}: the private media files are in the backup",
    )
    manage("restore_db", folder, env=target)

    before = json.loads(manage("db_summary", env=source, quiet=True))
    after = json.loads(manage("db_summary", env=target, quiet=True))
    check(set(before) == set(after), f"{label}: the same {len(before)} tables")
    rows = sum(t["rows"] for t in before.values())
    money = {
        f"{table}.{column}": total
        for table, summary in before.items()
        for column, total in summary["sums"].items()
    }
    check(rows > 500, f"{label}: the demo data is there ({rows} rows)")
    check(money, f"{label}: there are money columns to compare ({len(money)})")
    for table in sorted(before):
        if before[table] != after[table]:
            raise DrillError(f"{label}: {table} differs: {before[table]} != {after[table]}")
    say(f"{label}: money sums compared: {money}")
    say(f"ok: {label}: every table's row count and money sums are equal after the restore")
    check(files_digest(media) == files_digest(restored_media), f"{label}: media files identical")
    check(
        files_digest(private) == files_digest(restored_private),
        f"{label}: private media files (scans) identical",
    )
    try:
        manage("restore_db", folder, "--no-media", env=target, quiet=True)
    except DrillError as refused:
        check("already has" in str(refused), f"{label}: restoring over existing data is refused")
    else:
        raise DrillError(f"{label}: restore into a non-empty database was not refused")


def drill():
    work = Path(tempfile.mkdtemp(prefix="palu-ikm-drill-backup-"))
    try:
        sqlite_dir = work / "sqlite"
        sqlite_dir.mkdir()
        round_trip(
            "SQLite",
            f"sqlite:///{sqlite_dir / 'source.sqlite3'}",
            f"sqlite:///{sqlite_dir / 'restored.sqlite3'}",
            sqlite_dir,
        )
        with private_postgres() as pg:
            pg_dir = work / "postgresql"
            pg_dir.mkdir()
            source_url = prepared_database(pg, "palu_drill_source")
            target_url = pg.createdb("palu_drill_restored")
            # The dump tools must come from the same installation as the server.
            run([pg.bin / "pg_dump", "--version"])
            round_trip("PostgreSQL", source_url, target_url, pg_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(drill)
