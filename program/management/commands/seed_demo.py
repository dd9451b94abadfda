import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts import demo as accounts_demo
from groups import demo as groups_demo
from marketing import demo as marketing_demo
from mentoring import demo as mentoring_demo
from program.demo import DemoContext

# Order matters: each loader may use what the ones before it made.
LOADERS = [accounts_demo, groups_demo, marketing_demo, mentoring_demo]


class Command(BaseCommand):
    help = "Load the demo data (idempotent: running it again adds nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2017, help="random seed")

    @transaction.atomic
    def handle(self, *args, seed: int, **options):
        # Reproducible demo data, not a secret.
        rng = random.Random(seed)  # nosec B311
        ctx = DemoContext(rng=rng, today=timezone.localdate())
        for loader in LOADERS:
            loader.seed(ctx)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data ready. Accounts: "
                + ", ".join(accounts_demo.ACCOUNTS)
                + f" (password: {accounts_demo.DEMO_PASSWORD})"
            )
        )
