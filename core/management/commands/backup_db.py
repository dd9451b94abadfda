from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = (
        "Back up the database (PostgreSQL: pg_dump -Fc; SQLite: online backup) and the uploaded "
        "files into a new folder, with a manifest of row counts and money sums per table."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", type=Path, help="new (or empty) folder for the backup")
        parser.add_argument("--database", default="default", help="database alias")
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="leave out MEDIA_ROOT and PRIVATE_MEDIA_ROOT (uploaded files)",
        )

    def handle(self, *args, output: Path, database: str, no_media: bool, **options):
        try:
            manifest = backup.backup(output, alias=database, media=not no_media)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(table["rows"] for table in manifest["summary"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {output}: {manifest['engine']}, "
                f"{len(manifest['summary'])} tables, {rows} rows, "
                f"{manifest.get('media_files', 0)} media files, "
                f"{manifest.get('private_media_files', 0)} private media files."
            )
        )
