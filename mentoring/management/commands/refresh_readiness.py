"""Evaluate the credit readiness of every active group and store it, ahead of the day.

Stored evaluations are valid for the day they were made on (the windows of months move with
the date). Run this shortly after midnight (cron) so the first reader of the readiness list or
the dashboards does not wait for every group to be evaluated; without it they are evaluated
on the first request of the day instead.
"""

import time

from django.core.management.base import BaseCommand

from groups.models import IkmGroup
from mentoring import readiness


class Command(BaseCommand):
    help = "Evaluate and store the credit readiness of every active group (once a day)."

    def handle(self, *args, **options):
        began = time.perf_counter()
        evaluated = readiness.refresh(IkmGroup.objects.active())
        self.stdout.write(
            self.style.SUCCESS(
                f"Credit readiness stored: {evaluated} groups evaluated "
                f"in {time.perf_counter() - began:.1f} s."
            )
        )
