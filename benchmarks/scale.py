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
    prefix: str = PREFIX
    made: dict = field(default_factory=dict)  # what a stage hands to later stages

    @property
    def user_prefix(self) -> str:
        return f"{self.prefix.lower()}_"

    @property
    def start(self) -> dt.date:
        return self.end - dt.timedelta(days=self.sizes.days - 1)

    def rng(self, stage: str) -> random.Random:
        # Reproducible load-test data, not a secret.
        return random.Random(f"{self.seed}:{self.prefix}:{stage}")  # nosec B311


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
            elif isinstance(f, models.UUIDField):
                out.append(
                    (lambda v: None if v is None else str(v))
                    if self.postgres
                    else (lambda v: None if v is None else v.hex)
                )
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
                # Model table and column names, quoted by the backend; the rows are parameters.
                sql = f"INSERT INTO {qn(table)} ({cols}) VALUES ({marks})"  # nosec B608
                cursor.executemany(sql, rows)

    def finish(self) -> None:
        """Move the sequences past the explicit keys; refresh the planner's statistics."""
        if self.postgres and self.touched:
            with self.connection.cursor() as cursor:
                for sql in self.connection.ops.sequence_reset_sql(no_style(), self.touched):
                    cursor.execute(sql)

    def analyze(self) -> None:
        with self.connection.cursor() as cursor:
            if self.postgres:
                # VACUUM also sets the visibility map, so that index-only scans need no heap;
                # it cannot run inside a transaction (a test's), where ANALYZE alone must do.
                command = "ANALYZE" if self.connection.in_atomic_block else "VACUUM (ANALYZE)"
                for model in self.touched:
                    cursor.execute(
                        f"{command} {self.connection.ops.quote_name(model._meta.db_table)}"
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

    from core import roles

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
                ctx.user_prefix + name,
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
    ctx.made["perusda_id"] = by_name["perusda"]
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
                f"{ctx.prefix}-{n:05d}",
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
        serial = Member.objects.count()  # a later batch continues the NIK serials
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
                f"{ctx.prefix}-G{n:04d}",
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


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _add_months(day: dt.date, n: int) -> dt.date:
    y, m = divmod(day.year * 12 + day.month - 1 + n, 12)
    return dt.date(y, m + 1, 1)


class _Trade:
    """The marketing rows of one month at a time, written before the next month is built."""

    def __init__(self, ctx: ScaleContext):
        from marketing import models as m

        self.m, self.ctx, self.w = m, ctx, ctx.writer
        self.clear()

    def clear(self):
        self.deliveries, self.delivery_lines, self.sales, self.lines = [], [], [], []
        self.entries, self.closings = [], []

    def flush(self):
        m, w = self.m, self.w
        w.insert(
            m.Delivery,
            [
                "id",
                "number",
                "outlet",
                "group",
                "sent_on",
                "status",
                "received_on",
                "received_by",
                "note",
                "created_by",
                "created_at",
            ],
            self.deliveries,
        )  # noqa: E501
        w.insert(
            m.DeliveryLine,
            [
                "id",
                "delivery",
                "product",
                "quantity_sent",
                "quantity_received",
                "consignment_price",
            ],
            self.delivery_lines,
        )  # noqa: E501
        w.insert(
            m.Sale,
            [
                "id",
                "outlet",
                "number",
                "sold_at",
                "business_date",
                "clerk",
                "total",
                "idempotency_key",
                "status",
                "voided_at",
                "voided_by",
                "void_reason",
            ],
            self.sales,
        )  # noqa: E501
        w.insert(
            m.SaleLine,
            [
                "id",
                "sale",
                "product",
                "group",
                "quantity",
                "unit_price",
                "consignment_price",
                "line_total",
            ],
            self.lines,
        )  # noqa: E501
        w.insert(
            m.StockEntry,
            [
                "id",
                "outlet",
                "product",
                "kind",
                "quantity",
                "balance_after",
                "reason",
                "delivery",
                "sale",
                "stock_return",
                "created_by",
                "created_at",
            ],
            self.entries,
        )  # noqa: E501
        w.insert(
            m.DailyClosing,
            [
                "id",
                "outlet",
                "business_date",
                "sales_count",
                "cash_expected",
                "cash_counted",
                "difference",
                "note",
                "closed_by",
                "closed_at",
            ],
            self.closings,
        )  # noqa: E501
        self.clear()


def seed_trade(ctx: ScaleContext) -> None:
    """Prices, consignment deliveries, the stock ledger, daily sales and closings, settlements.

    Exactly ``--sales`` sale lines over the days; 2.5 lines a receipt on average. Stock never
    goes negative: when a line needs more than the outlet holds, the product's group delivers
    first (all its products at that outlet, topped up). About 1 % of receipts are voided, which
    puts their units back on the ledger.
    """
    import heapq
    import uuid

    from marketing import models as m

    rng, sizes, w = ctx.rng("trade"), ctx.sizes, ctx.writer
    trade = _Trade(ctx)
    products = ctx.made["products"]  # (id, group, base price)
    outlets = ctx.made["outlet_ids"]
    clerk_of = dict(zip(outlets, ctx.made["clerk_ids"], strict=True))
    perusda = ctx.made["perusda_id"]
    groups = ctx.made["group_ids"]
    price_day = ctx.start - dt.timedelta(days=30)
    created = aware(price_day, 9 * 3600)
    retail, consign, group_of = {}, {}, {}
    for pk, group, base in products:
        retail[pk] = max(base, Decimal(1000))
        consign[pk] = (retail[pk] * 8 // 10 // 500) * 500 or Decimal(500)
        group_of[pk] = group
    w.insert(
        m.ProductPrice,
        [
            "id",
            "product",
            "valid_from",
            "consignment_price",
            "retail_price",
            "recorded_by",
            "created_at",
        ],  # noqa: E501
        (
            (pk, p, price_day, consign[p], retail[p], perusda, created)
            for pk, (p, _g, _b) in zip(w.ids(m.ProductPrice, len(products)), products, strict=True)
        ),
    )
    products_of_group: dict[int, list[int]] = {}
    for pk, group, _base in products:
        products_of_group.setdefault(group, []).append(pk)
    carried = {}  # outlet -> product ids it sells (the products of ~25 consignor groups)
    for outlet in outlets:
        consignors = rng.sample(groups, k=min(25, len(groups)))
        carried[outlet] = [p for g in consignors for p in products_of_group[g]]

    stock: dict[tuple[int, int], int] = {}
    receipt: dict[int, int] = dict.fromkeys(outlets, 0)
    settle: dict[tuple[int, dt.date, int], list] = {}  # (group, month, outlet) -> [qty, amount]
    delivery_ids = iter(w.ids(m.Delivery, sizes.sales_lines))  # more than ever needed
    # Keys are drawn lazily; ids() only reserves numbers, so over-reserving costs nothing.
    line_ids = iter(w.ids(m.DeliveryLine, sizes.sales_lines * 10))
    sale_ids = iter(w.ids(m.Sale, sizes.sales_lines))
    sale_line_ids = iter(w.ids(m.SaleLine, sizes.sales_lines))
    entry_ids = iter(w.ids(m.StockEntry, sizes.sales_lines * 12))
    closing_ids = iter(w.ids(m.DailyClosing, sizes.days * len(outlets)))
    delivery_count = 0

    def deliver(outlet, group, day, at, need_product, need):
        # Received at the moment the sale needs it: the ledger must read in time order, so a
        # delivery stamped earlier than the sales it follows would break the running balance.
        nonlocal delivery_count
        delivery_count += 1
        pk = next(delivery_ids)
        clerk = clerk_of[outlet]
        sent = day - dt.timedelta(days=rng.randint(1, 3))
        trade.deliveries.append(
            (
                pk,
                f"{PREFIX}-SJ-{pk:08d}",
                outlet,
                group,
                sent,
                "received",
                day,
                clerk,
                "",
                perusda,
                at,
            )
        )  # noqa: E501
        for product in products_of_group[group]:
            key = (outlet, product)
            on_hand = stock.get(key, 0)
            if product != need_product and on_hand >= 10:
                continue
            qty = rng.randint(20, 40) + (need if product == need_product else 0)
            stock[key] = on_hand + qty
            trade.delivery_lines.append((next(line_ids), pk, product, qty, qty, consign[product]))
            trade.entries.append(
                (
                    next(entry_ids),
                    outlet,
                    product,
                    "delivery",
                    qty,
                    stock[key],
                    "",
                    pk,
                    None,
                    None,
                    clerk,
                    at,
                )
            )  # noqa: E501

    # A void puts its units back minutes after the sale; it is written when that moment comes,
    # after any sale in between, so the ledger's running balance holds in time order.
    pending_voids: list = []

    def put_back_voids(until):
        while pending_voids and (until is None or pending_voids[0][0] <= until):
            voided_at, sale_id, outlet, clerk, sale_entries = heapq.heappop(pending_voids)
            for product, qty in sale_entries:
                stock[(outlet, product)] += qty
                trade.entries.append(
                    (
                        next(entry_ids),
                        outlet,
                        product,
                        "void",
                        qty,
                        stock[(outlet, product)],
                        "Salah input",
                        None,
                        sale_id,
                        None,
                        clerk,
                        voided_at,
                    )
                )  # noqa: E501

    per_day = sizes.sales_lines / sizes.days
    made = 0
    month = _month_start(ctx.start)
    for d in range(sizes.days):
        day = ctx.start + dt.timedelta(days=d)
        if _month_start(day) != month:
            trade.flush()
            month = _month_start(day)
        target = (
            min(sizes.sales_lines, round(per_day * (d + 1)))
            if d < sizes.days - 1
            else sizes.sales_lines
        )  # noqa: E501
        todays = []
        while made < target:
            outlet = rng.choice(outlets)
            n = min(rng.choice((1, 1, 2, 2, 3, 3, 4, 4)), target - made, len(carried[outlet]))
            made += n
            todays.append(
                (rng.randrange(8 * 3600, 20 * 3600), outlet, rng.sample(carried[outlet], n))
            )  # noqa: E501
        todays.sort()
        day_totals: dict[int, list] = {}
        for seconds, outlet, chosen in todays:
            sale_id = next(sale_ids)
            clerk = clerk_of[outlet]
            at = aware(day, seconds)
            put_back_voids(until=at)
            receipt[outlet] += 1
            total = Decimal(0)
            sale_entries = []
            void = rng.random() < 0.01
            for product in chosen:
                qty = rng.choice((1, 1, 1, 2, 2, 3))
                key = (outlet, product)
                if stock.get(key, 0) < qty:
                    deliver(outlet, group_of[product], day, at, product, qty)
                stock[key] -= qty
                line_total = retail[product] * qty
                total += line_total
                group = group_of[product]
                trade.lines.append(
                    (
                        next(sale_line_ids),
                        sale_id,
                        product,
                        group,
                        qty,
                        retail[product],
                        consign[product],
                        line_total,
                    )
                )  # noqa: E501
                trade.entries.append(
                    (
                        next(entry_ids),
                        outlet,
                        product,
                        "sale",
                        -qty,
                        stock[key],
                        "",
                        None,
                        sale_id,
                        None,
                        clerk,
                        at,
                    )
                )  # noqa: E501
                sale_entries.append((product, qty))
                if not void:
                    bucket = settle.setdefault((group, month, outlet), [0, Decimal(0)])
                    bucket[0] += qty
                    bucket[1] += consign[product] * qty
            voided_at = None
            if void:
                voided_at = at + dt.timedelta(minutes=rng.randint(2, 30))
                heapq.heappush(pending_voids, (voided_at, sale_id, outlet, clerk, sale_entries))
            else:
                totals = day_totals.setdefault(outlet, [0, Decimal(0)])
                totals[0] += 1
                totals[1] += total
            key = uuid.UUID(int=rng.getrandbits(128))
            trade.sales.append(
                (
                    sale_id,
                    outlet,
                    receipt[outlet],
                    at,
                    day,
                    clerk,
                    total,
                    key,
                    "void" if void else "completed",
                    voided_at,
                    clerk if void else None,
                    "Salah input" if void else "",
                )
            )  # noqa: E501
        put_back_voids(until=None)
        closed = aware(day, 20 * 3600 + 1800)
        for outlet, (count, cash) in sorted(day_totals.items()):
            short = Decimal(rng.choice((0, 0, 0, 0, 0, 0, 0, 0, 0, 500, 1000)))
            counted = max(Decimal(0), cash - short)
            trade.closings.append(
                (
                    next(closing_ids),
                    outlet,
                    day,
                    count,
                    cash,
                    counted,
                    counted - cash,
                    "",
                    clerk_of[outlet],
                    closed,
                )
            )  # noqa: E501
    trade.flush()

    w.insert(
        m.Stock,
        ["id", "outlet", "product", "quantity", "updated_at"],
        (
            (pk, outlet, product, qty, aware(ctx.end, 21 * 3600))
            for pk, ((outlet, product), qty) in zip(
                w.ids(m.Stock, len(stock)), sorted(stock.items()), strict=True
            )  # noqa: E501
        ),
    )
    w.insert(m.ReceiptSequence, ["outlet", "last_number"], sorted(receipt.items()))

    # Settlements: a group's consigned goods sold in a month, per outlet; due three months on.
    months = sorted({(g, mo) for g, mo, _o in settle})
    settlement_ids = dict(zip(months, w.ids(m.Settlement, len(months)), strict=True))
    totals: dict[tuple[int, dt.date], list] = {}
    lines = []
    for (group, mo, outlet), (qty, amount) in sorted(settle.items()):
        lines.append((settlement_ids[(group, mo)], outlet, qty, amount))
        t = totals.setdefault((group, mo), [0, Decimal(0)])
        t[0] += qty
        t[1] += amount
    rows = []
    for (group, mo), (qty, amount) in sorted(totals.items()):
        due = _add_months(mo, 3)
        paid = due < ctx.end - dt.timedelta(days=30)
        paid_on = due - dt.timedelta(days=rng.randint(0, 20)) if paid else None
        rows.append(
            (
                settlement_ids[(group, mo)],
                group,
                mo,
                qty,
                amount,
                0,
                amount,
                due,
                "paid" if paid else "due",
                paid_on,
                f"TRF-{settlement_ids[(group, mo)]}" if paid else "",
                perusda if paid else None,
                aware(_add_months(mo, 1), 9 * 3600),
            )
        )  # noqa: E501
    w.insert(
        m.Settlement,
        [
            "id",
            "group",
            "month",
            "quantity_sold",
            "gross_amount",
            "deductions",
            "amount_due",
            "due_on",
            "status",
            "paid_on",
            "payment_reference",
            "paid_by",
            "created_at",
        ],
        rows,
    )  # noqa: E501
    w.insert(
        m.SettlementLine,
        ["id", "settlement", "outlet", "quantity_sold", "amount"],
        ((pk, *row) for pk, row in zip(w.ids(m.SettlementLine, len(lines)), lines, strict=True)),
    )
    ctx.log(
        f"sale lines: {made}, deliveries: {delivery_count}, stock rows: {len(stock)}, "
        f"settlements: {len(rows)} ({len(lines)} lines)"
    )


def seed_mentoring(ctx: ScaleContext) -> None:
    """Monthly bookkeeping reports and about one mentoring session a month for every group."""
    from mentoring.models import BookkeepingReport, MentoringSession, SessionTopic, Topic

    rng, w = ctx.rng("mentoring"), ctx.writer
    groups = ctx.made["group_ids"]
    mentors = ctx.made["mentor_ids"]
    official = ctx.made["official_id"]
    first = _month_start(ctx.start)
    months = []
    mo = first
    while mo <= ctx.end:
        months.append(mo)
        mo = _add_months(mo, 1)
    reports, sessions, topics = [], [], []
    report_ids = iter(w.ids(BookkeepingReport, len(groups) * len(months)))
    session_ids = iter(w.ids(MentoringSession, len(groups) * len(months) * 2))
    topic_ids = iter(w.ids(SessionTopic, len(groups) * len(months) * 4))
    topic_values = Topic.values
    for i, group in enumerate(groups):
        mentor = mentors[i % len(mentors)]
        starts = rng.randrange(0, len(months))  # the month the group began keeping books
        for k, mo in enumerate(months):
            last_day = _add_months(mo, 1) - dt.timedelta(days=1)
            if k >= starts and last_day < ctx.end and rng.random() < 0.9:
                revenue = money(rng, 2_000_000, 60_000_000, 1000)
                cogs = revenue * Decimal(rng.randint(40, 70)) // 100
                opex = revenue * Decimal(rng.randint(5, 25)) // 100
                cash, recv = money(rng, 500_000, 20_000_000, 1000), money(rng, 0, 5_000_000, 1000)
                inv, pay = money(rng, 0, 10_000_000, 1000), money(rng, 0, 8_000_000, 1000)
                verified = rng.random() < 0.75
                at = aware(last_day + dt.timedelta(days=5), 10 * 3600)
                reports.append(
                    (
                        next(report_ids),
                        group,
                        mo,
                        revenue,
                        cogs,
                        opex,
                        revenue - cogs - opex,
                        cash,
                        recv,
                        inv,
                        pay,
                        cash + recv + inv - pay,
                        True,
                        rng.random() < 0.7,
                        rng.random() < 0.5,
                        rng.random() < 0.4,
                        rng.random() < 0.6,
                        "app" if rng.random() < 0.3 else "paper",
                        "",
                        mentor,
                        mentor if verified else None,
                        at if verified else None,
                        at,
                        at,
                    )
                )  # noqa: E501
            for _ in range(rng.choice((0, 1, 1, 1, 2))):
                held = mo + dt.timedelta(days=rng.randrange(0, 28))
                if held > ctx.end:
                    continue
                at = aware(held, 15 * 3600)
                status = rng.choices(
                    ["approved", "submitted", "draft", "returned"], [80, 10, 7, 3]
                )[0]  # noqa: E501
                reviewed = status in ("approved", "returned")
                pk = next(session_ids)
                sessions.append(
                    (
                        pk,
                        group,
                        mentor,
                        held,
                        status,
                        "Pendampingan rutin kelompok.",
                        at if status != "draft" else None,
                        official if reviewed else None,
                        at if reviewed else None,
                        "Lengkapi bukti kas." if status == "returned" else "",
                        at,
                        at,
                    )
                )  # noqa: E501
                for topic in rng.sample(topic_values, rng.randint(1, 2)):
                    topics.append((next(topic_ids), pk, topic))
    w.insert(
        BookkeepingReport,
        [
            "id",
            "group",
            "month",
            "revenue",
            "cost_of_goods",
            "operating_costs",
            "profit",
            "cash",
            "receivables",
            "inventory",
            "payables",
            "equity",
            "keeps_cash_book",
            "keeps_sales_book",
            "keeps_purchase_book",
            "keeps_stock_book",
            "separates_household_money",
            "method",
            "note",
            "entered_by",
            "verified_by",
            "verified_at",
            "created_at",
            "updated_at",
        ],
        reports,
    )  # noqa: E501
    w.insert(
        MentoringSession,
        [
            "id",
            "group",
            "mentor",
            "held_on",
            "status",
            "summary",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
            "review_note",
            "created_at",
            "updated_at",
        ],
        sessions,
    )  # noqa: E501
    w.insert(SessionTopic, ["id", "session", "topic"], topics)
    ctx.log(f"bookkeeping reports: {len(reports)}, sessions: {len(sessions)}")


STAGES: list[Callable[[ScaleContext], None]] = [
    seed_people,
    seed_groups,
    seed_outlets,
    seed_assignments,
    seed_trade,
    seed_mentoring,
]


def model_exists(label: str) -> bool:
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True
