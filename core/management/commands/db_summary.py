import json

from django.core.management.base import BaseCommand
from django.db import connections

from core import backup


class Command(BaseCommand):
    help = "Print the row count and the sum of every DecimalField of every table, as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, database: str, **options):
        summary = backup.summarize(connections[database])
        self.stdout.write(json.dumps(summary, indent=2, sort_keys=True))
