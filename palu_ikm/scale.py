"""Province-sized data for load tests: ``manage.py seed_scale --sales N --seed S``.

The shape follows N, the number of sale lines (defaults for N = 1,000,000): ~2,000 groups of ~15
members, ~5,000 products, 200 outlets with one clerk each, one mentor per ten groups, and three
years of daily sales, mentoring sessions and monthly bookkeeping reports.

Fast: rows are generated in Python with explicit primary keys and written with ``COPY`` on
PostgreSQL (``executemany`` in batches on SQLite), then sequences are reset and the tables
analysed. No model ``save()``, no signals and no history rows: this is data for measuring pages,
not a record of anyone's work. Deterministic: the same ``--sales``, ``--seed`` and ``--end``
give the same rows.

The rows a stage writes come from its own random stream (seeded from ``--seed`` and the stage's
name), so adding a stage never changes what the others write.
"""

import datetime as dt
import io
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.core.management.color import no_style
from django.db import connections, models
from django.utils import timezone

PREFIX = "SK"  # codes and usernames of scale data start with it (``SK-00001``, ``sk_pejabat``)
USER_PREFIX = "sk_"
DEFAULT_PASSWORD = "skala-palu-ikm-2026"  # nosec B105 - load-test accounts on a throwaway DB


@dataclass(frozen=True)
class Sizes:
    sales_lines: int
    groups: int
    members_per_group: int
    outlets: int
    products_per_group: float
    days: int
    mentors: int

    @classmethod
    def for_sales(cls, n: int, *, days: int = 3 * 365) -> "Sizes":
        """About 2,000 groups, 200 outlets and 5,000 products for a million lines (never below
        a small office's size)."""
        return cls(
            sales_lines=n,
            groups=max(20, n // 500),
            members_per_group=15,
            outlets=max(4, n // 5000),
            products_per_group=2.5,
            days=days,
            mentors=max(2, n // 5000),
        )


@dataclass
class ScaleContext:
    seed: int
    sizes: Sizes
    end: dt.date
    writer: "BulkWriter"
    password_hash: str
    log: Callable[[str], None] = print
    made: dict = field(default_factory=dict)  # what a stage hands to later stages

    @property
    def start(self) -> dt.date:
        return self.end - dt.timedelta(days=self.sizes.days - 1)

    def rng(self, stage: str) -> random.Random:
        # Reproducible load-test data, not a secret.
        return random.Random(f"{self.seed}:{stage}")  # nosec B311


class BulkWriter:
    """Insert many rows fast, with explicit primary keys, on PostgreSQL or SQLite."""

    def __init__(self, using: str = "default", batch: int = 50_000):
        self.connection = connections[using]
        self.batch = batch
        self.postgres = self.connection.vendor == "postgresql"
        self.touched: list[type[models.Model]] = []
        self._next: dict[type[models.Model], int] = {}

    def ids(self, model, n: int) -> range:
        """``n`` fresh primary keys for ``model`` (after the largest one in the table)."""
        if model not in self._next:
            top = model._base_manager.aggregate(top=models.Max("pk"))["top"] or 0
            self._next[model] = top + 1
        start = self._next[model]
        self._next[model] = start + n
        return range(start, start + n)

    def _converters(self, model, columns):
        out = []
        for column in columns:
            f = model._meta.get_field(column)
            if isinstance(f, models.DateTimeField):
                out.append(self._datetime)
            elif isinstance(f, models.DateField):
                out.append(lambda v: None if v is None else v.isoformat())
            elif isinstance(f, models.DecimalField):
                out.append(lambda v: None if v is None else str(v))
            elif isinstance(f, models.BooleanField):
                out.append(
                    (lambda v: None if v is None else ("t" if v else "f"))
                    if self.postgres
                    else (lambda v: None if v is None else int(v))
                )
            else:
                out.append(None)
        return out

    def _datetime(self, value):
        if value is None:
            return None
        if self.postgres:
            return value.isoformat()
        return self.connection.ops.adapt_datetimefield_value(value)

    def insert(self, model, columns: list[str], rows: Iterable[tuple]) -> int:
        """Write ``rows`` (tuples in the order of ``columns``; field names) into ``model``."""
        if model not in self.touched:
            self.touched.append(model)
        converters = self._converters(model, columns)
        db_columns = [model._meta.get_field(c).column for c in columns]
        table = model._meta.db_table
        qn = self.connection.ops.quote_name
        total = 0
        chunk = []
        for row in rows:
            chunk.append(
                tuple(v if c is None else c(v) for c, v in zip(converters, row, strict=True))
            )
            if len(chunk) >= self.batch:
                self._write(table, db_columns, chunk, qn)
                total += len(chunk)
                chunk = []
        if chunk:
            self._write(table, db_columns, chunk, qn)
            total += len(chunk)
        return total

    def _write(self, table, columns, rows, qn):
        cols = ", ".join(qn(c) for c in columns)
        with self.connection.cursor() as cursor:
            if self.postgres:
                buffer = io.StringIO()
                for row in rows:
                    buffer.write("\t".join(_copy_text(v) for v in row))
                    buffer.write("\n")
                buffer.seek(0)
                cursor.copy_expert(f"COPY {qn(table)} ({cols}) FROM STDIN", buffer)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {qn(table)} ({cols}) VALUES ({marks})", rows)

    def finish(self) -> None:
        """Move the sequences past the explicit keys; refresh the planner's statistics."""
        if self.postgres and self.touched:
            with self.connection.cursor() as cursor:
                for sql in self.connection.ops.sequence_reset_sql(no_style(), self.touched):
                    cursor.execute(sql)

    def analyze(self) -> None:
        with self.connection.cursor() as cursor:
            if self.postgres:
                # VACUUM also sets the visibility map, so that index-only scans need no heap.
                for model in self.touched:
                    cursor.execute(
                        f"VACUUM (ANALYZE) {self.connection.ops.quote_name(model._meta.db_table)}"
                    )
            else:
                cursor.execute("ANALYZE")


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = (
            text.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return text


def aware(day: dt.date, seconds: int) -> dt.datetime:
    """A moment on ``day`` in the project's time zone, ``seconds`` after midnight."""
    naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=seconds)
    return timezone.make_aware(naive)


def money(rng: random.Random, low: int, high: int, step: int = 500) -> Decimal:
    return Decimal(rng.randrange(low // step, high // step + 1) * step)


FIRST_F = [
    "Siti",
    "Nurhayati",
    "Rahma",
    "Fatmawati",
    "Hasna",
    "Sri",
    "Nurul",
    "Wahyuni",
    "Masita",
    "Rosmini",
]
FIRST_M = [
    "Abdul",
    "Muhammad",
    "Rusdin",
    "Ahmad",
    "Hamka",
    "Syamsul",
    "Irwan",
    "Lukman",
    "Arifin",
    "Taufik",
]
LAST = [
    "Lamasitudju",
    "Tombolotutu",
    "Lasahido",
    "Pettalolo",
    "Lamakarate",
    "Djanggola",
    "Mardjun",
    "Lariwu",
    "Rahman",
    "Said",
]
GOODS = [
    ("Kripik pisang", "bungkus"),
    ("Bawang goreng", "toples"),
    ("Tas anyaman", "buah"),
    ("Keset sabut", "buah"),
    ("Pelet ikan", "karung"),
    ("Tusuk sate", "ikat"),
    ("Kain tenun", "lembar"),
    ("Abon ikan", "toples"),
    ("Keranjang rotan", "buah"),
    ("Pakan ayam", "karung"),
]
GROUP_WORDS = ["Maju", "Bangkit", "Sejahtera", "Mandiri", "Lestari", "Berkarya", "Jaya", "Makmur"]


# --- stages -----------------------------------------------------------------------------------
def seed_people(ctx: ScaleContext) -> None:
    """Accounts: a superuser, an official, a Perusda manager, mentors and one clerk per outlet."""
    from django.contrib.auth.models import Group, User

    from palu_ikm import roles

    sizes, w = ctx.sizes, ctx.writer
    role_ids = dict(Group.objects.filter(name__in=roles.ALL).values_list("name", "pk"))
    accounts = [("admin", None, True), ("pejabat", roles.OFFICIAL, False)]
    accounts.append(("perusda", roles.PERUSDA, False))
    accounts += [(f"pendamping{i:03d}", roles.MENTOR, False) for i in range(1, sizes.mentors + 1)]
    accounts += [(f"kasir{i:03d}", roles.CLERK, False) for i in range(1, sizes.outlets + 1)]
    ids = w.ids(User, len(accounts))
    joined = aware(ctx.start, 8 * 3600)
    w.insert(
        User,
        [
            "id",
            "username",
            "password",
            "first_name",
            "last_name",
            "email",
            "is_staff",
            "is_superuser",
            "is_active",
            "date_joined",
        ],
        (
            (
                pk,
                USER_PREFIX + name,
                ctx.password_hash,
                name.title(),
                "Skala",
                "",
                su,
                su,
                True,
                joined,
            )
            for pk, (name, _role, su) in zip(ids, accounts, strict=True)
        ),
    )
    through = User.groups.through
    links = [(pk, role_ids[role]) for pk, (_n, role, _s) in zip(ids, accounts, strict=True) if role]
    w.insert(
        through,
        ["id", "user", "group"],
        (
            (pk, user, group)
            for pk, (user, group) in zip(w.ids(through, len(links)), links, strict=True)
        ),
    )
    by_name = {name: pk for pk, (name, _r, _s) in zip(ids, accounts, strict=True)}
    ctx.made["mentor_ids"] = [by_name[f"pendamping{i:03d}"] for i in range(1, sizes.mentors + 1)]
    ctx.made["clerk_ids"] = [by_name[f"kasir{i:03d}"] for i in range(1, sizes.outlets + 1)]
    ctx.made["official_id"] = by_name["pejabat"]
    ctx.log(f"accounts: {len(accounts)}")


def seed_groups(ctx: ScaleContext) -> None:
    """Groups over the themes and Palu's kelurahan, their members and products."""
    from groups.models import IkmGroup, Kelurahan, Member, Position, Product, Stage, Theme

    rng, sizes, w = ctx.rng("groups"), ctx.sizes, ctx.writer
    themes = list(Theme.objects.order_by("code").values_list("pk", flat=True))
    kelurahan = list(Kelurahan.objects.order_by("code").values_list("pk", "name"))
    stages = Stage.values
    weights = [20, 30, 30, 15, 5][: len(stages)]
    group_ids = list(w.ids(IkmGroup, sizes.groups))
    now = aware(ctx.end, 12 * 3600)
    groups = []
    for n, pk in enumerate(group_ids, start=1):
        kel_id, kel_name = rng.choice(kelurahan)
        formed = ctx.start - dt.timedelta(days=rng.randrange(180, 2500))
        groups.append(
            (
                pk,
                f"{PREFIX}-{n:05d}",
                f"{rng.choice(GROUP_WORDS)} {kel_name} {n}",
                rng.choice(themes),
                kel_id,
                f"Jl. Skala No. {n}",
                formed,
                "",
                "",
                "",
                "",
                "",
                rng.choices(stages, weights)[0],
                formed + dt.timedelta(days=rng.randrange(30, 400)),
                rng.random() > 0.05,
                "",
                now,
                now,
            )
        )
    w.insert(
        IkmGroup,
        [
            "id",
            "code",
            "name",
            "theme",
            "kelurahan",
            "address",
            "formed_on",
            "phone",
            "email",
            "bank_name",
            "bank_account_number",
            "bank_account_holder",
            "stage",
            "stage_since",
            "is_active",
            "notes",
            "created_at",
            "updated_at",
        ],
        groups,
    )
    formed_on = {row[0]: row[6] for row in groups}

    def members():
        serial = 0
        for group_id in group_ids:
            size = rng.randint(sizes.members_per_group // 2, sizes.members_per_group * 3 // 2)
            for k in range(size):
                serial += 1
                sex = rng.choice("FM")
                born = rng.randint(1960, 2002)
                day = serial % 28 + 1 + (40 if sex == "F" else 0)
                month = (serial // 28) % 12 + 1
                # 72 71 0k (Palu, kecamatan k), DDMMYY (+40 on the day for women), serial.
                region = f"7271{(serial // 336) % 8 + 1:02d}"
                nik = f"{region}{day:02d}{month:02d}{born % 100:02d}{serial // 2688 + 1:04d}"
                first = rng.choice(FIRST_F if sex == "F" else FIRST_M)
                position = (
                    [Position.CHAIR, Position.SECRETARY, Position.TREASURER][k]
                    if k < 3
                    else Position.MEMBER
                )
                joined = formed_on[group_id] + dt.timedelta(days=rng.randrange(0, 400))
                left = (
                    joined + dt.timedelta(days=rng.randrange(30, 900))
                    if k >= 3 and rng.random() < 0.08
                    else None
                )
                yield (
                    group_id,
                    f"{first} {rng.choice(LAST)}",
                    nik,
                    sex,
                    born,
                    position,
                    "",
                    joined,
                    left,
                )

    member_rows = list(members())
    w.insert(
        Member,
        [
            "id",
            "group",
            "name",
            "nik",
            "sex",
            "birth_year",
            "position",
            "phone",
            "joined_on",
            "left_on",
        ],
        ((pk, *row) for pk, row in zip(w.ids(Member, len(member_rows)), member_rows, strict=True)),
    )

    products = []
    for group_id in group_ids:
        count = max(1, round(rng.uniform(1, sizes.products_per_group * 2 - 1)))
        for k in range(count):
            good, unit = GOODS[(group_id + k) % len(GOODS)]
            products.append(
                (group_id, f"{good} {k + 1}", unit, money(rng, 5_000, 500_000), "", "", True)
            )
    product_ids = list(w.ids(Product, len(products)))
    w.insert(
        Product,
        ["id", "group", "name", "unit", "base_price", "pirt_number", "halal_number", "is_active"],
        ((pk, *row) for pk, row in zip(product_ids, products, strict=True)),
    )
    ctx.made["group_ids"] = group_ids
    ctx.made["products"] = [
        (pk, row[0], row[3]) for pk, row in zip(product_ids, products, strict=True)
    ]  # (id, group id, base price)
    ctx.log(f"groups: {len(groups)}, members: {len(member_rows)}, products: {len(products)}")


def seed_outlets(ctx: ScaleContext) -> None:
    """Outlets across the regencies, each staffed by one clerk."""
    from marketing.models import Outlet, OutletStaff, Regency

    rng, sizes, w = ctx.rng("outlets"), ctx.sizes, ctx.writer
    regencies = list(Regency.objects.order_by("code").values_list("pk", "name"))
    outlet_ids = list(w.ids(Outlet, sizes.outlets))
    rows = []
    for n, pk in enumerate(outlet_ids, start=1):
        regency_id, regency_name = regencies[(n - 1) % len(regencies)]
        rows.append(
            (
                pk,
                f"{PREFIX}-G{n:04d}",
                f"Gerai {regency_name} {n}",
                regency_id,
                f"Jl. Gerai No. {n}",
                "",
                ctx.start - dt.timedelta(days=rng.randrange(0, 365)),
                True,
            )
        )
    w.insert(
        Outlet,
        ["id", "code", "name", "regency", "address", "phone", "opened_on", "is_active"],
        rows,
    )
    staff = list(zip(ctx.made["clerk_ids"], outlet_ids, strict=True))
    w.insert(
        OutletStaff,
        ["id", "user", "outlet", "starts_on", "ends_on"],
        (
            (pk, user, outlet, ctx.start, None)
            for pk, (user, outlet) in zip(w.ids(OutletStaff, len(staff)), staff, strict=True)
        ),
    )
    ctx.made["outlet_ids"] = outlet_ids
    ctx.log(f"outlets: {len(rows)}")


def seed_assignments(ctx: ScaleContext) -> None:
    """Banks and one mentor for every group (mentor k has groups k, k + m, k + 2m, ...)."""
    from mentoring.models import Bank, MentorAssignment

    w = ctx.writer
    banks = []
    for code, name in [("SK-BANK1", "Bank Skala Satu"), ("SK-BANK2", "Bank Skala Dua")]:
        banks.append(Bank.objects.get_or_create(code=code, defaults={"name": name})[0].pk)
    mentors = ctx.made["mentor_ids"]
    groups = ctx.made["group_ids"]
    now = aware(ctx.end, 12 * 3600)
    rows = (
        (pk, mentors[i % len(mentors)], banks[(i % len(mentors)) % 2], group, ctx.start, None, now)
        for i, (pk, group) in enumerate(
            zip(w.ids(MentorAssignment, len(groups)), groups, strict=True)
        )
    )
    n = w.insert(
        MentorAssignment,
        ["id", "mentor", "bank", "group", "starts_on", "ends_on", "created_at"],
        rows,
    )
    ctx.log(f"mentor assignments: {n}")


STAGES: list[Callable[[ScaleContext], None]] = [
    seed_people,
    seed_groups,
    seed_outlets,
    seed_assignments,
]


def model_exists(label: str) -> bool:
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True
