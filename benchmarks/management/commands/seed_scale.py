import datetime as dt
import time

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from benchmarks import scale


class Command(BaseCommand):
    help = (
        "Fill an empty database with province-sized, deterministic load-test data "
        "(N sale lines and everything around them), then ANALYZE. Never on a real database: "
        "it creates accounts sk_* with a known password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sales", type=int, default=100_000, help="sale lines (N)")
        parser.add_argument("--seed", type=int, default=1, help="random seed")
        parser.add_argument(
            "--end",
            type=dt.date.fromisoformat,
            default=None,
            help="last day of the data (YYYY-MM-DD; default today): same seed + end = same rows",
        )
        parser.add_argument("--days", type=int, default=3 * 365, help="days of history")
        parser.add_argument(
            "--prefix",
            default=scale.PREFIX,
            help="start of codes and (lower case) usernames, so that batches can sit side by side",
        )
        parser.add_argument(
            "--password", default=scale.DEFAULT_PASSWORD, help="password of the sk_* accounts"
        )

    def handle(self, *args, sales, seed, end, days, password, prefix, **options):
        if sales < 1:
            raise CommandError("--sales must be at least 1.")
        user_prefix = f"{prefix.lower()}_"
        if User.objects.filter(username__startswith=user_prefix).exists():
            raise CommandError("This database already holds scale data; use a fresh one.")
        sizes = scale.Sizes.for_sales(sales, days=days)
        ctx = scale.ScaleContext(
            seed=seed,
            sizes=sizes,
            end=end or timezone.localdate(),
            writer=scale.BulkWriter(),
            password_hash=make_password(password),
            log=lambda line: self.stdout.write(f"  {line}"),
            prefix=prefix,
        )
        started = time.perf_counter()
        for stage in scale.STAGES:
            began = time.perf_counter()
            with transaction.atomic():
                stage(ctx)
            self.stdout.write(f"{stage.__name__}: {time.perf_counter() - began:.1f} s")
        ctx.writer.finish()
        began = time.perf_counter()
        if scale.model_exists("marketing.SalesMonth"):
            from marketing import summary
            from marketing.models import OutletSalesMonth, SalesMonth

            rows = summary.rebuild()
            ctx.writer.touched += [SalesMonth, OutletSalesMonth]
            self.stdout.write(f"sales summary: {rows} rows in {time.perf_counter() - began:.1f} s")
            began = time.perf_counter()
        ctx.writer.analyze()
        self.stdout.write(f"analyze: {time.perf_counter() - began:.1f} s")
        names = ["admin", "pejabat", "perusda", "pendamping001..", "kasir001.."]
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale data ready in {time.perf_counter() - started:.0f} s "
                f"({sales} sale lines, seed {seed}, until {ctx.end}). Accounts: "
                + ", ".join(user_prefix + name for name in names)
            )
        )
