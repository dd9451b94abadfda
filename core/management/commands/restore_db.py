from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = (
        "Restore a backup folder made by backup_db into the configured EMPTY database (and empty "
        "MEDIA_ROOT), then check row counts and money sums of every table against its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="backup folder made by backup_db")
        parser.add_argument("--database", default="default", help="database alias")
        parser.add_argument("--no-media", action="store_true", help="do not restore media")

    def handle(self, *args, source: Path, database: str, no_media: bool, **options):
        try:
            problems = backup.restore(source, alias=database, media=not no_media)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        if problems:
            raise CommandError(
                "Restored, but the data differs from the backup's manifest:\n  "
                + "\n  ".join(problems)
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {source}; every table's row count and money sums match the manifest."
            )
        )
