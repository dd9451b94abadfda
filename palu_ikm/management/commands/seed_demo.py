import datetime as dt
import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts import demo as accounts_demo
from groups import demo as groups_demo
from marketing import demo as marketing_demo
from mentoring import demo as mentoring_demo


class Command(BaseCommand):
    help = "Load the demo data (idempotent: running it again adds nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2017, help="random seed")

    @transaction.atomic
    def handle(self, *args, seed: int, **options):
        rng = random.Random(seed)
        today: dt.date = timezone.localdate()
        accounts_demo.seed()
        groups = groups_demo.seed(rng, today)
        mentoring_demo.seed(rng, today, groups)
        marketing_demo.seed(rng, today)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data ready. Accounts: "
                + ", ".join(accounts_demo.ACCOUNTS)
                + f" (password: {accounts_demo.DEMO_PASSWORD})"
            )
        )
