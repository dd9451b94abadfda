"""Recompute the monthly sales summary from the sale lines.

The write path keeps the summary in step with every sale and void; run this after loading sale
lines in bulk past it (an import, a restore of an older backup) or to repair it.
"""

import time

from django.core.management.base import BaseCommand

from marketing import summary


class Command(BaseCommand):
    help = "Recompute the monthly sales summary (marketing.SalesMonth) from the sale lines."

    def handle(self, *args, **options):
        began = time.perf_counter()
        rows = summary.rebuild()
        self.stdout.write(
            self.style.SUCCESS(
                f"Sales summary rebuilt: {rows} rows in {time.perf_counter() - began:.1f} s."
            )
        )
