"""The officials' reports: program figures per theme, kelurahan, bank and outlet, training
attendance and the equipment register.

Site-level like the dashboard: it reads every app, and no app imports it. Each report is a
``Report`` in a registry, with the roles that may open it, the filters it offers and a
``build(user, filters)`` that returns a ``Table``. Rules every report keeps:

- every row and every figure is an aggregate over rows reached through ``visible_to(user)``
  (a mentor's report counts only their groups; the export holds exactly the on-screen rows);
- aggregation happens in the database, grouped by the row key, so each report runs a fixed
  number of queries whatever the number of groups, sales or items;
- filters narrow, never widen: they are applied after scoping.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import roles
from core.exports import TextColumn
from core.months import month_start
from groups.models import (
    Condition,
    Equipment,
    IkmGroup,
    Kelurahan,
    Member,
    Sex,
    Stage,
    Theme,
    equipment_worth,
)
from marketing.models import Outlet, Regency, SaleLine, Settlement, SettlementLine, Stock
from mentoring import readiness
from mentoring.models import CreditApplication
from program import dashboard
from program.dashboard import Filters

ZERO = Decimal(0)

# --- the shape of a report -------------------------------------------------------------------


TEXT, INT, MONEY, PERCENT, DATE, BOOL = "text", "int", "money", "percent", "date", "bool"
# A year is a label, not a count: written 2026, never grouped like 2.026 (core.formatting).
YEAR = "year"


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = TEXT
    # A code written with digits (KBLI, BAST number...): text on screen, and kept as text in
    # the spreadsheet download (core.exports.TextColumn).
    code: bool = False


@dataclass
class Table:
    """Columns and rows (lists of values in column order), totals, and small summary figures.

    ``rows`` is a list, or, for long registers, a queryset that ``to_row`` turns into values
    (the page paginates it in the database, the export iterates it in chunks).
    """

    columns: list[Column]
    rows: Iterable
    totals: list | None = None
    to_row: Callable | None = None
    summary: list[dict] = field(default_factory=list)

    @property
    def headers(self) -> list:
        return [TextColumn(str(c.label)) if c.code else str(c.label) for c in self.columns]

    def value_rows(self, rows=None) -> Iterable[list]:
        rows = self.rows if rows is None else rows
        if self.to_row is None:
            yield from rows
            return
        source = rows.iterator(chunk_size=1000) if hasattr(rows, "iterator") else rows
        for obj in source:
            yield self.to_row(obj)


@dataclass(frozen=True)
class Report:
    slug: str
    title: str
    description: str
    allowed_roles: frozenset[str]
    filters: tuple[str, ...]
    build: Callable[..., Table]
    order: int = 100
    paginate: bool = False


_reports: dict[str, Report] = {}


def register(report: Report) -> None:
    _reports[report.slug] = report


def get(slug: str) -> Report | None:
    return _reports.get(slug)


def reports_for(user) -> list[Report]:
    return sorted(
        (r for r in _reports.values() if roles.has_any(user, r.allowed_roles)),
        key=lambda r: (r.order, r.slug),
    )


# --- filters ---------------------------------------------------------------------------------


class ReportFilterForm(dashboard.DashboardFilterForm):
    """The dashboard's period, theme, kecamatan and regency, plus equipment condition."""

    condition = forms.ChoiceField(
        label=gettext_lazy("Kondisi"),
        choices=[("", "---------"), *Condition.choices],
        required=False,
    )

    def __init__(self, *args, user, report: Report, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        for name in list(self.fields):
            if name not in report_fields(report):
                del self.fields[name]

    def condition_value(self) -> str:
        if self.is_valid():
            return self.cleaned_data.get("condition") or ""
        return ""


def report_fields(report: Report) -> tuple[str, ...]:
    names = []
    for name in report.filters:
        names.extend(("start", "end") if name == "period" else (name,))
    return tuple(names)


@dataclass(frozen=True)
class ReportFilters:
    """The dashboard filters plus what only some reports offer."""

    base: Filters
    condition: str = ""

    def __getattr__(self, name):
        return getattr(self.base, name)


# --- shared group figures ----------------------------------------------------------------------


def visible_groups(user, filters: Filters):
    """Active groups the user may see, narrowed by the theme and kecamatan filters."""
    return IkmGroup.objects.visible_to(user).active().filter(filters.group_q())


def _keyed(rows, key: str, value: str):
    return {row[key]: row[value] for row in rows}


def readiness_percents(groups) -> dict[int, int]:
    """Credit readiness score (percent) per group id, computed from the records."""
    return {gid: r.percent for gid, r in readiness.evaluate(groups).items()}


def group_figures(user, filters: Filters, key: str) -> dict:
    """Figures of the visible active groups grouped by ``key`` (a field of the group).

    One query each for stages, members, equipment and sales, plus the readiness evaluation.
    """
    groups = visible_groups(user, filters)
    group_ids = groups.values("pk")
    figures: dict = {}

    def entry(k):
        return figures.setdefault(
            k,
            {
                "groups": 0,
                "stages": dict.fromkeys(Stage.values, 0),
                "female": 0,
                "male": 0,
                "equipment": ZERO,
                "sales": ZERO,
                "quantity": 0,
                "readiness": [],
            },
        )

    for row in groups.order_by().values(key, "stage").annotate(n=Count("pk")):
        item = entry(row[key])
        item["groups"] += row["n"]
        item["stages"][row["stage"]] += row["n"]

    members = (
        Member.objects.visible_to(user)
        .active()
        .filter(group__in=group_ids)
        .order_by()
        .values(f"group__{key}", "sex")
        .annotate(n=Count("pk"))
    )
    for row in members:
        item = entry(row[f"group__{key}"])
        item["female" if row["sex"] == Sex.FEMALE else "male"] += row["n"]

    equipment = (
        Equipment.objects.visible_to(user)
        .active()
        .filter(handover__group__in=group_ids, handover__handed_over_on__lte=filters.end)
        .order_by()
        .values(f"handover__group__{key}")
        .annotate(worth=Sum(equipment_worth()))
    )
    for row in equipment:
        entry(row[f"handover__group__{key}"])["equipment"] = row["worth"] or ZERO

    sales = (
        SaleLine.objects.visible_to(user)
        .filter(
            sale__status="completed",
            sale__business_date__range=(filters.start, filters.end),
            group__in=group_ids,
        )
        .order_by()
        .values(f"group__{key}")
        .annotate(amount=Sum("line_total"), quantity=Sum("quantity"))
    )
    for row in sales:
        item = entry(row[f"group__{key}"])
        item["sales"] = row["amount"] or ZERO
        item["quantity"] = row["quantity"] or 0

    evaluated = list(groups)
    percents = readiness_percents(evaluated)
    for group in evaluated:
        if group.pk in percents:
            entry(getattr(group, f"{key}_id"))["readiness"].append(percents[group.pk])
    return figures


def _average(values: list) -> int | None:
    return round(sum(values) / len(values)) if values else None


def _figure_columns() -> list[Column]:
    columns = [
        Column(_("Kelompok aktif"), INT),
        Column(_("Anggota perempuan"), INT),
        Column(_("Anggota laki-laki"), INT),
        Column(_("Anggota"), INT),
    ]
    columns += [Column(str(label), INT) for label in Stage.labels]
    columns += [
        Column(_("Nilai peralatan (Rp)"), MONEY),
        Column(_("Penjualan gerai (Rp)"), MONEY),
        Column(_("Terjual (unit)"), INT),
        Column(_("Rata-rata kesiapan kredit (%)"), PERCENT),
    ]
    return columns


def _figure_values(item: dict) -> list:
    values = [
        item["groups"],
        item["female"],
        item["male"],
        item["female"] + item["male"],
        *[item["stages"][s] for s in Stage.values],
        item["equipment"],
        item["sales"],
        item["quantity"],
        _average(item["readiness"]),
    ]
    return values


def _figure_totals(items: list[dict]) -> list:
    total = {
        "groups": sum(i["groups"] for i in items),
        "female": sum(i["female"] for i in items),
        "male": sum(i["male"] for i in items),
        "stages": {s: sum(i["stages"][s] for i in items) for s in Stage.values},
        "equipment": sum((i["equipment"] for i in items), ZERO),
        "sales": sum((i["sales"] for i in items), ZERO),
        "quantity": sum(i["quantity"] for i in items),
        "readiness": [p for i in items for p in i["readiness"]],
    }
    return _figure_values(total)


# --- per theme, per kelurahan ------------------------------------------------------------------


def theme_report(user, filters: Filters) -> Table:
    figures = group_figures(user, filters, "theme")
    themes = Theme.objects.visible_to(user).filter(pk__in=list(figures)).order_by("name")
    columns = [Column(_("Tema")), Column(_("KBLI"), code=True), *_figure_columns()]
    rows = [[str(t), t.kbli, *_figure_values(figures[t.pk])] for t in themes]
    totals = [_("Jumlah"), "", *_figure_totals([figures[t.pk] for t in themes])]
    return Table(columns, rows, totals)


def kelurahan_report(user, filters: Filters) -> Table:
    figures = group_figures(user, filters, "kelurahan")
    places = (
        Kelurahan.objects.visible_to(user)
        .filter(pk__in=list(figures))
        .select_related("kecamatan")
        .order_by("kecamatan__name", "name")
    )
    columns = [Column(_("Kecamatan")), Column(_("Kelurahan")), *_figure_columns()]
    rows = [[k.kecamatan.name, k.name, *_figure_values(figures[k.pk])] for k in places]
    totals = [_("Jumlah"), "", *_figure_totals([figures[k.pk] for k in places])]
    return Table(columns, rows, totals)


# --- per bank ------------------------------------------------------------------------------------


def _assignment_bank(mentor_path: str, group_path: str):
    """Subquery: the bank of the (latest) assignment of that mentor to that group."""
    from mentoring.models import MentorAssignment

    return Subquery(
        MentorAssignment.objects.filter(mentor=OuterRef(mentor_path), group=OuterRef(group_path))
        .order_by("-starts_on", "-pk")
        .values("bank")[:1]
    )


def bank_report(user, filters: Filters) -> Table:
    """Per partner bank: groups and mentors in the period, sessions, verified reports, credit.

    A session or a verified report counts for the bank of the assignment of its mentor to its
    group. Credit applications count by their submission day.
    """
    from mentoring.models import Bank, BookkeepingReport, MentorAssignment, MentoringSession

    group_ids = visible_groups(user, filters).values("pk")
    assignments = (
        MentorAssignment.objects.visible_to(user)
        .filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=filters.start),
            starts_on__lte=filters.end,
            group__in=group_ids,
        )
        .order_by()
        .values("bank")
        .annotate(
            groups=Count("group", distinct=True),
            mentors=Count("mentor", distinct=True),
        )
    )
    assigned = {row["bank"]: row for row in assignments}
    sessions = _keyed(
        MentoringSession.objects.visible_to(user)
        .exclude(status=MentoringSession.Status.DRAFT)
        .filter(held_on__range=(filters.start, filters.end), group__in=group_ids)
        .annotate(bank=_assignment_bank("mentor", "group"))
        .order_by()
        .values("bank")
        .annotate(n=Count("pk")),
        "bank",
        "n",
    )
    verified = _keyed(
        BookkeepingReport.objects.visible_to(user)
        .verified()
        .filter(month__range=(month_start(filters.start), filters.end), group__in=group_ids)
        .annotate(bank=_assignment_bank("verified_by", "group"))
        .order_by()
        .values("bank")
        .annotate(n=Count("pk")),
        "bank",
        "n",
    )
    credit = {
        row["bank"]: row
        for row in CreditApplication.objects.visible_to(user)
        .filter(submitted_on__range=(filters.start, filters.end), group__in=group_ids)
        .order_by()
        .values("bank")
        .annotate(
            n=Count("pk"),
            requested=Sum("amount_requested"),
            approved_n=Count("pk", filter=Q(amount_approved__isnull=False)),
            approved=Sum("amount_approved"),
        )
    }
    bank_ids = set(assigned) | set(sessions) | set(verified) | set(credit)
    banks = Bank.objects.visible_to(user).filter(pk__in=bank_ids).order_by("name")
    columns = [
        Column(_("Bank")),
        Column(_("Kelompok didampingi"), INT),
        Column(_("Pendamping"), INT),
        Column(_("Sesi pendampingan"), INT),
        Column(_("Laporan pembukuan terverifikasi"), INT),
        Column(_("Pengajuan kredit"), INT),
        Column(_("Nilai diajukan (Rp)"), MONEY),
        Column(_("Pengajuan disetujui"), INT),
        Column(_("Nilai disetujui (Rp)"), MONEY),
    ]
    rows = []
    for bank in banks:
        c = credit.get(bank.pk, {})
        rows.append(
            [
                bank.name,
                assigned.get(bank.pk, {}).get("groups", 0),
                assigned.get(bank.pk, {}).get("mentors", 0),
                sessions.get(bank.pk, 0),
                verified.get(bank.pk, 0),
                c.get("n", 0),
                c.get("requested") or ZERO,
                c.get("approved_n", 0),
                c.get("approved") or ZERO,
            ]
        )
    totals = [_("Jumlah")] + [
        sum((r[i] for r in rows), ZERO if columns[i].kind == MONEY else 0)
        for i in range(1, len(columns))
    ]
    # A group or mentor working with two banks is one group or mentor in the total.
    totals[1] = (
        visible_groups(user, filters)
        .filter(
            pk__in=MentorAssignment.objects.visible_to(user)
            .filter(
                Q(ends_on__isnull=True) | Q(ends_on__gte=filters.start), starts_on__lte=filters.end
            )
            .values("group")
        )
        .count()
    )
    totals[2] = None
    return Table(columns, rows, totals)


# --- per outlet / regency -------------------------------------------------------------------------


def outlet_report(user, filters: Filters, *, level: str = "outlet") -> Table:
    """Per outlet (or per regency): sales and units in the period, stock on hand now, and
    settlements overdue today (their outlet shares)."""
    by_regency = level == "regency"
    outlets = Outlet.objects.visible_to(user).select_related("regency")
    if filters.regency:
        outlets = outlets.filter(regency=filters.regency)
    outlet_key = "regency" if by_regency else "pk"
    sales = {
        row["key"]: row
        for row in dashboard.sale_lines_for(user, filters)
        .filter(sale__business_date__range=(filters.start, filters.end))
        .order_by()
        .annotate(key=F(f"sale__outlet__{outlet_key}"))
        .values("key")
        .annotate(
            amount=Sum("line_total"),
            quantity=Sum("quantity"),
            receipts=Count("sale", distinct=True),
        )
    }
    stock_rows = Stock.objects.visible_to(user).filter(outlet__in=outlets.values("pk"))
    stock_rows = stock_rows.filter(filters.group_q("product__group__"))
    stock = _keyed(
        stock_rows.order_by()
        .annotate(key=F(f"outlet__{outlet_key}"))
        .values("key")
        .annotate(units=Sum("quantity")),
        "key",
        "units",
    )
    overdue_ids = (
        Settlement.objects.visible_to(user)
        .overdue()
        .filter(filters.group_q("group__"))
        .values("pk")
    )
    overdue = {
        row["key"]: row
        for row in SettlementLine.objects.filter(settlement__in=overdue_ids)
        .filter(outlet__in=outlets.values("pk"))
        .order_by()
        .annotate(key=F(f"outlet__{outlet_key}"))
        .values("key")
        .annotate(amount=Sum("amount"), n=Count("settlement", distinct=True))
    }
    figure_columns = [
        Column(_("Struk"), INT),
        Column(_("Penjualan (Rp)"), MONEY),
        Column(_("Terjual (unit)"), INT),
        Column(_("Stok di gerai (unit)"), INT),
        Column(_("Pembayaran terlambat"), INT),
        Column(_("Nilai terlambat (Rp)"), MONEY),
    ]

    def figures(key):
        s, o = sales.get(key, {}), overdue.get(key, {})
        return [
            s.get("receipts", 0),
            s.get("amount") or ZERO,
            s.get("quantity") or 0,
            stock.get(key) or 0,
            o.get("n", 0),
            o.get("amount") or ZERO,
        ]

    if by_regency:
        regency_ids = set(outlets.values_list("regency", flat=True))
        regencies = Regency.objects.visible_to(user).filter(pk__in=regency_ids).order_by("code")
        columns = [Column(_("Kabupaten/kota")), *figure_columns]
        rows = [[str(r), *figures(r.pk)] for r in regencies]
    else:
        columns = [
            Column(_("Kode gerai"), code=True),
            Column(_("Gerai")),
            Column(_("Kabupaten/kota")),
        ]
        columns += figure_columns
        rows = [[o.code, o.name, str(o.regency), *figures(o.pk)] for o in outlets.order_by("code")]
    first = len(columns) - len(figure_columns)
    totals = [_("Jumlah")] + [""] * (first - 1)
    totals += [
        sum((r[i] for r in rows), ZERO if columns[i].kind == MONEY else 0)
        for i in range(first, len(columns))
    ]
    # A settlement late at two outlets is one late settlement.
    late = SettlementLine.objects.filter(
        settlement__in=overdue_ids, outlet__in=outlets.values("pk")
    )
    totals[first + 4] = late.aggregate(n=Count("settlement", distinct=True))["n"]
    return Table(columns, rows, totals)


def regency_report(user, filters: Filters) -> Table:
    return outlet_report(user, filters, level="regency")


# --- training attendance -----------------------------------------------------------------------


def training_report(user, filters: Filters) -> Table:
    """Per training event starting in the period: the participants the user may see, how many
    came (of those whose attendance is recorded) and how many passed (of those present)."""
    from mentoring.models import Attendance, TrainingEvent, TrainingParticipant

    participants = (
        TrainingParticipant.objects.visible_to(user)
        .filter(event__starts_on__range=(filters.start, filters.end))
        .filter(filters.group_q("member__group__"))
    )
    counts = {
        row["event"]: row
        for row in participants.order_by()
        .values("event")
        .annotate(
            n=Count("pk"),
            female=Count("pk", filter=Q(member__sex=Sex.FEMALE)),
            present=Count("pk", filter=Q(attendance=Attendance.PRESENT)),
            recorded=Count("pk", filter=~Q(attendance=Attendance.UNKNOWN)),
            passed=Count("pk", filter=Q(passed=True)),
            groups=Count("member__group", distinct=True),
        )
    }
    events = (
        TrainingEvent.objects.visible_to(user)
        .filter(pk__in=list(counts))
        .select_related("training")
        .order_by("starts_on", "pk")
    )
    columns = [
        Column(_("Pelatihan")),
        Column(_("Mulai"), DATE),
        Column(_("Selesai"), DATE),
        Column(_("Tempat")),
        Column(_("Kelompok"), INT),
        Column(_("Peserta"), INT),
        Column(_("Peserta perempuan"), INT),
        Column(_("Hadir"), INT),
        Column(_("Tingkat kehadiran (%)"), PERCENT),
        Column(_("Lulus"), INT),
        Column(_("Tingkat kelulusan (%)"), PERCENT),
    ]

    def figures(c):
        return [
            c["groups"],
            c["n"],
            c["female"],
            c["present"],
            rate(c["present"], c["recorded"]),
            c["passed"],
            rate(c["passed"], c["present"]),
        ]

    rows = [
        [e.training.title, e.starts_on, e.ends_on, e.place, *figures(counts[e.pk])] for e in events
    ]
    total = {
        k: sum(counts[e.pk][k] for e in events)
        for k in ("n", "female", "present", "recorded", "passed")
    }
    total["groups"] = participants.aggregate(g=Count("member__group", distinct=True))["g"]
    totals = [_("Jumlah"), None, None, "", *figures(total)]
    return Table(columns, rows, totals)


def rate(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


# --- equipment register ------------------------------------------------------------------------


def equipment_report(user, filters: ReportFilters) -> Table:
    """Every item handed out (still on the books), with its BAST, value and latest check."""
    items = (
        Equipment.objects.visible_to(user)
        .active()
        .filter(filters.group_q("handover__group__"))
        .filter(handover__handed_over_on__lte=filters.end)
        .select_related("handover__group__theme", "handover__group__kelurahan")
        .order_by("handover__group__code", "handover__handed_over_on", "name", "pk")
    )
    if filters.condition:
        items = items.filter(condition=filters.condition)
    columns = [
        Column(_("Kode kelompok"), code=True),
        Column(_("Kelompok")),
        Column(_("Tema")),
        Column(_("Kelurahan")),
        Column(_("Nomor BAST"), code=True),
        Column(_("Tanggal serah terima"), DATE),
        Column(_("Sumber anggaran")),
        Column(_("Tahun anggaran"), YEAR),
        Column(_("Barang")),
        Column(_("Jumlah unit"), INT),
        Column(_("Nilai satuan (Rp)"), MONEY),
        Column(_("Nilai (Rp)"), MONEY),
        Column(_("Kondisi")),
        Column(_("Dipakai"), BOOL),
        Column(_("Terakhir diperiksa"), DATE),
        Column(_("Pemeriksaan berikutnya"), DATE),
    ]

    def to_row(e):
        h, g = e.handover, e.handover.group
        return [
            g.code,
            g.name,
            str(g.theme),
            g.kelurahan.name,
            h.number,
            h.handed_over_on,
            h.get_budget_source_display(),
            h.budget_year,
            e.name,
            e.quantity,
            e.value,
            e.value * e.quantity,
            e.get_condition_display(),
            e.in_use,
            e.last_checked_on,
            e.next_check_due,
        ]

    totals_row = items.aggregate(units=Sum("quantity"), worth=Sum(equipment_worth()), n=Count("pk"))
    by_condition = dict(items.order_by().values_list("condition").annotate(n=Sum("quantity")))
    idle = items.filter(in_use=False).aggregate(n=Sum("quantity"))["n"] or 0
    summary = [
        {"label": label, "value": by_condition.get(value, 0), "kind": INT}
        for value, label in Condition.choices
    ]
    summary.append({"label": _("Tidak dipakai"), "value": idle, "kind": INT})
    totals = [_("Jumlah")] + [""] * 8
    totals += [totals_row["units"] or 0, None, totals_row["worth"] or ZERO, "", None, None, None]
    return Table(columns, items, totals, to_row=to_row, summary=summary)


# --- the registry ------------------------------------------------------------------------------

READERS = frozenset({roles.OFFICIAL, roles.MENTOR})
SALES_READERS = frozenset({roles.OFFICIAL, roles.PERUSDA})

for _report in (
    Report(
        "tema",
        gettext_lazy("Per tema"),
        gettext_lazy(
            "Kelompok, anggota per jenis kelamin, tahap, nilai peralatan, penjualan dan "
            "kesiapan kredit per tema industri."
        ),
        READERS,
        ("period", "kecamatan"),
        theme_report,
        order=10,
    ),
    Report(
        "kelurahan",
        gettext_lazy("Per kelurahan"),
        gettext_lazy("Angka yang sama per kelurahan dan kecamatan."),
        READERS,
        ("period", "theme", "kecamatan"),
        kelurahan_report,
        order=20,
    ),
    Report(
        "bank",
        gettext_lazy("Per bank"),
        gettext_lazy(
            "Kelompok dan pendamping, sesi, laporan pembukuan terverifikasi dan pengajuan "
            "kredit per bank mitra."
        ),
        READERS,
        ("period", "theme", "kecamatan"),
        bank_report,
        order=30,
    ),
    Report(
        "gerai",
        gettext_lazy("Per gerai"),
        gettext_lazy("Penjualan, unit terjual, stok di gerai dan pembayaran terlambat per gerai."),
        SALES_READERS,
        ("period", "theme", "regency"),
        outlet_report,
        order=40,
    ),
    Report(
        "kabupaten",
        gettext_lazy("Per kabupaten/kota"),
        gettext_lazy("Angka gerai dijumlahkan per kabupaten/kota."),
        SALES_READERS,
        ("period", "theme", "regency"),
        regency_report,
        order=45,
    ),
    Report(
        "pelatihan",
        gettext_lazy("Kehadiran pelatihan"),
        gettext_lazy("Per penyelenggaraan pelatihan: peserta, kehadiran dan kelulusan."),
        READERS,
        ("period", "theme", "kecamatan"),
        training_report,
        order=50,
    ),
    Report(
        "peralatan",
        gettext_lazy("Register peralatan"),
        gettext_lazy(
            "Setiap barang yang diserahkan: kelompok, BAST, nilai, kondisi, dipakai atau "
            "tidak, pemeriksaan terakhir."
        ),
        READERS,
        ("period", "theme", "kecamatan", "condition"),
        equipment_report,
        order=60,
        paginate=True,
    ),
):
    register(_report)
