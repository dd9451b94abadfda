"""The program's figures, computed from the records for one user and one set of filters.

Site-level: it reads every app (the apps never import it). Every figure is a database
aggregate over rows reached through ``visible_to``, so a dashboard never counts what its viewer
may not see, and each function runs a fixed number of queries whatever the data size.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import roles
from core.months import month_end, month_range, month_start
from groups.models import (
    Equipment,
    IkmGroup,
    Kecamatan,
    Member,
    Stage,
    StageChange,
    Theme,
    equipment_worth,
)
from marketing.models import OutletSalesMonth, Regency, SaleLine, SalesMonth, Settlement

ZERO = Decimal(0)


@dataclass(frozen=True)
class Filters:
    start: dt.date  # first day of the first month
    end: dt.date  # last day of the last month
    theme: Theme | None = None
    kecamatan: Kecamatan | None = None
    regency: Regency | None = None

    @property
    def month(self) -> tuple[dt.date, dt.date]:
        """'This month' of the dashboard: the last month of the period."""
        return month_start(self.end), self.end

    @property
    def year_to_date(self) -> tuple[dt.date, dt.date]:
        return self.end.replace(month=1, day=1), self.end

    def group_q(self, prefix: str = "") -> Q:
        q = Q()
        if self.theme:
            q &= Q(**{f"{prefix}theme": self.theme})
        if self.kecamatan:
            q &= Q(**{f"{prefix}kelurahan__kecamatan": self.kecamatan})
        return q

    def query_string(self) -> str:
        """The filters as list-page parameters (the group list's names)."""
        parts = []
        if self.theme:
            parts.append(f"tema={self.theme.pk}")
        if self.kecamatan:
            parts.append(f"kecamatan={self.kecamatan.pk}")
        return "&".join(parts)


class MonthField(forms.DateField):
    """A month picker (``<input type=month>``) that yields the first day of the month."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m"]


class DashboardFilterForm(forms.Form):
    start = MonthField(label=_("Dari bulan"), required=False)
    end = MonthField(label=_("Sampai bulan"), required=False)
    theme = forms.ModelChoiceField(queryset=Theme.objects.none(), label=_("Tema"), required=False)
    kecamatan = forms.ModelChoiceField(
        queryset=Kecamatan.objects.none(), label=_("Kecamatan"), required=False
    )
    regency = forms.ModelChoiceField(
        queryset=Regency.objects.none(), label=_("Kabupaten/kota gerai"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.visible_to(user)
        self.fields["kecamatan"].queryset = Kecamatan.objects.visible_to(user)
        self.fields["regency"].queryset = Regency.objects.visible_to(user)

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        start, end = cleaned.get("start"), cleaned.get("end")
        if end and end > today:
            self.add_error("end", _("Bulan akhir tidak boleh di masa depan."))
        if start and start.year < 2018:
            self.add_error("start", _("Program dimulai tahun 2018."))
        if start and end and start > end:
            self.add_error("start", _("Bulan awal harus sebelum bulan akhir."))
        return cleaned

    def filters(self) -> Filters:
        """The filters of a valid form; defaults: January of this year to this month."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        end_month = data.get("end") or today
        end = min(month_end(end_month), today) if end_month <= today else today
        start = data.get("start") or end.replace(month=1, day=1)
        return Filters(
            start=month_start(start),
            end=end,
            theme=data.get("theme"),
            kecamatan=data.get("kecamatan"),
            regency=data.get("regency"),
        )


# --- groups ------------------------------------------------------------------------------


def groups_for(user, filters: Filters):
    return IkmGroup.objects.visible_to(user).active().filter(filters.group_q())


def stage_counts(user, filters: Filters) -> list[dict]:
    """Active groups per roadmap stage, in roadmap order (one query)."""
    counts = dict(groups_for(user, filters).order_by().values_list("stage").annotate(n=Count("pk")))
    return [
        {"value": value, "label": label, "count": counts.get(value, 0)}
        for value, label in Stage.choices
    ]


def member_counts(user, filters: Filters) -> dict:
    members = (
        Member.objects.visible_to(user)
        .active()
        .filter(group__is_active=True)
        .filter(filters.group_q("group__"))
    )
    by_sex = dict(members.order_by().values_list("sex").annotate(n=Count("pk")))
    return {"total": sum(by_sex.values()), "by_sex": by_sex}


def stage_funnel(user, filters: Filters, points: list[dt.date]) -> list[dict]:
    """For each day in ``points``: how many groups had reached at least each stage.

    A group's stage on a day is its last recorded change on or before that day (one query for
    all changes of the visible groups; the roadmap is short, so the walk is in Python).
    """
    group_ids = groups_for(user, filters).values("pk")
    changes = (
        StageChange.objects.filter(group__in=group_ids, changed_on__lte=points[-1])
        .order_by("group_id", "changed_on", "id")
        .values_list("group_id", "changed_on", "to_stage")
    )
    history: dict[int, list[tuple[dt.date, str]]] = {}
    for group_id, changed_on, to_stage in changes:
        history.setdefault(group_id, []).append((changed_on, to_stage))
    order = list(Stage.values)
    funnel = []
    for point in points:
        reached = [0] * len(order)
        for steps in history.values():
            current = None
            for changed_on, to_stage in steps:
                if changed_on <= point:
                    current = to_stage
            if current is not None:
                for i in range(order.index(current) + 1):
                    reached[i] += 1
        funnel.append({"day": point, "reached": reached})
    return funnel


def equipment_summary(user, filters: Filters) -> dict:
    items = (
        Equipment.objects.visible_to(user)
        .filter(is_active=True)
        .filter(filters.group_q("handover__group__"))
    )
    totals = items.aggregate(value=Sum(equipment_worth()), units=Sum("quantity"), lines=Count("pk"))
    by_condition = dict(items.order_by().values_list("condition").annotate(n=Sum("quantity")))
    idle = items.filter(in_use=False).aggregate(n=Sum("quantity"))["n"] or 0
    return {
        "value": totals["value"] or ZERO,
        "units": totals["units"] or 0,
        "by_condition": by_condition,
        "idle": idle,
    }


# --- outlet sales --------------------------------------------------------------------------


def sale_lines_for(user, filters: Filters):
    """Completed sale lines for figures that need single receipts (the outlet report)."""
    lines = SaleLine.objects.visible_to(user).filter(sale__status="completed")
    lines = lines.filter(filters.group_q("group__"))
    if filters.regency:
        lines = lines.filter(sale__outlet__regency=filters.regency)
    return lines


def sales_months_for(user, filters: Filters):
    """The monthly sales summary the user may see, narrowed by the filters.

    The dashboards' periods are whole months (up to today in the current one), so their sales
    figures are sums of summary rows kept by the write path instead of every sale line of the
    period (docs/PERFORMANCE.md). Per outlet when nothing narrows the groups (officials, Perusda
    and clerks see whole outlets): a year of a province is a few thousand rows. Per group and
    product when a theme or kecamatan filter, or a mentor's scope, picks groups.
    """
    whole_outlets = roles.is_official(user) or roles.is_perusda(user) or roles.is_clerk(user)
    if whole_outlets and not filters.group_q():
        rows = OutletSalesMonth.objects.visible_to(user)
    else:
        rows = SalesMonth.objects.visible_to(user).filter(filters.group_q("group__"))
    if filters.regency:
        rows = rows.filter(outlet__regency=filters.regency)
    return rows


def sales_total(user, filters: Filters, start: dt.date, end: dt.date) -> dict:
    """Sales of the whole months from ``start``'s to ``end``'s."""
    totals = (
        sales_months_for(user, filters)
        .filter(month__range=(month_start(start), month_start(end)))
        .aggregate(amount=Sum("amount"), quantity=Sum("quantity"))
    )
    return {"amount": totals["amount"] or ZERO, "quantity": totals["quantity"] or 0}


def monthly_sales(user, filters: Filters) -> list[dict]:
    rows = dict(
        sales_months_for(user, filters)
        .filter(month__range=(filters.start, month_start(filters.end)))
        .order_by()
        .values_list("month")
        .annotate(total=Sum("amount"))
    )
    return [
        {"month": m, "amount": rows.get(m, ZERO)} for m in month_range(filters.start, filters.end)
    ]


def sales_by_regency(user, filters: Filters) -> list[dict]:
    rows = (
        sales_months_for(user, filters)
        .filter(month__range=(filters.start, month_start(filters.end)))
        .order_by()
        .values("outlet__regency__name")
        .annotate(total=Sum("amount"))
        .order_by("-total", "outlet__regency__name")
    )
    return [{"name": r["outlet__regency__name"], "amount": r["total"]} for r in rows]


def sales_figures(user, filters: Filters) -> dict:
    """The official dashboard's sales figures from ONE query over the monthly summary.

    ``monthly`` (as ``monthly_sales``), ``by_regency`` (as ``sales_by_regency``), ``month`` and
    ``ytd`` (as ``sales_total`` of the dashboard's month and year to date). Every range is
    whole months up to ``filters.end``, so one query grouped by month and regency over the
    union of the ranges gives them all.
    """
    ytd_start, _ytd_end = filters.year_to_date
    month_first, _month_end = filters.month
    first = min(filters.start, ytd_start)
    rows = (
        sales_months_for(user, filters)
        .filter(month__range=(first, month_first))
        .order_by()
        .values_list("month", "outlet__regency__name")
        .annotate(total=Sum("amount"), units=Sum("quantity"))
    )
    monthly: dict = {}
    regencies: dict = {}
    ytd = {"amount": ZERO, "quantity": 0}
    month = {"amount": ZERO, "quantity": 0}
    for day, regency, amount, quantity in rows:
        if day >= filters.start:
            monthly[day] = monthly.get(day, ZERO) + amount
            regencies[regency] = regencies.get(regency, ZERO) + amount
        for total, since in ((ytd, ytd_start), (month, month_first)):
            if day >= since:
                total["amount"] += amount
                total["quantity"] += quantity
    return {
        "monthly": [
            {"month": m, "amount": monthly.get(m, ZERO)}
            for m in month_range(filters.start, filters.end)
        ],
        "by_regency": [
            {"name": name, "amount": amount}
            for name, amount in sorted(regencies.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "month": month,
        "ytd": ytd,
    }


def overdue_settlements(user, filters: Filters) -> dict:
    rows = Settlement.objects.visible_to(user).overdue().filter(filters.group_q("group__"))
    totals = rows.aggregate(n=Count("pk"), amount=Sum("amount_due"))
    return {"count": totals["n"], "amount": totals["amount"] or ZERO}


# --- mentoring -----------------------------------------------------------------------------


def mentoring_month(user, filters: Filters) -> dict:
    """Sessions held and bookkeeping reports of the dashboard's month, and report coverage."""
    from mentoring.models import BookkeepingReport, MentoringSession

    start, end = filters.month
    sessions = (
        MentoringSession.objects.visible_to(user)
        .filter(held_on__range=(start, end))
        .filter(filters.group_q("group__"))
        .exclude(status=MentoringSession.Status.DRAFT)
    )
    by_status = dict(sessions.order_by().values_list("status").annotate(n=Count("pk")))
    groups = groups_for(user, filters)
    reported = (
        BookkeepingReport.objects.visible_to(user)
        .filter(month=start, group__in=groups.values("pk"))
        .aggregate(
            n=Count("group", distinct=True),
            verified=Count("pk", filter=Q(verified_at__isnull=False)),
        )
    )
    group_total = groups.count()
    return {
        "sessions": sum(by_status.values()),
        "sessions_by_status": by_status,
        "reports": reported["n"],
        "reports_verified": reported["verified"],
        "groups": group_total,
        "coverage": round(100 * reported["n"] / group_total) if group_total else 0,
    }


def groups_missing_report(user, month: dt.date):
    """The user's active groups without a bookkeeping report for ``month``."""
    from mentoring.models import BookkeepingReport

    reported = BookkeepingReport.objects.visible_to(user).filter(month=month).values("group")
    return (
        IkmGroup.objects.visible_to(user)
        .active()
        .exclude(pk__in=reported)
        .select_related("theme")
        .order_by("code")
    )


def follow_ups_due(user, within_days: int = 7):
    from mentoring.models import FollowUp

    horizon = timezone.localdate() + dt.timedelta(days=within_days)
    return (
        FollowUp.objects.visible_to(user)
        .filter(is_done=False, due_on__lte=horizon)
        .select_related("session__group")
        .order_by("due_on", "id")
    )


# --- credit readiness ------------------------------------------------------------------------

READINESS_BANDS = [(0, 24), (25, 49), (50, 74), (75, 99), (100, 100)]


def readiness_distribution(user, filters: Filters) -> dict:
    """How many of the filtered groups score in each band of credit readiness.

    Counted in the database over the stored evaluations (``readiness.stored``), so the chart
    costs the same for 20 groups as for 2,000.
    """
    from mentoring import readiness

    bands = readiness.stored(groups_for(user, filters)).aggregate(
        **{
            f"band{index}": Count("pk", filter=Q(percent__gte=low, percent__lte=high))
            for index, (low, high) in enumerate(READINESS_BANDS)
        }
    )
    return {
        "labels": [
            f"{low}–{high}%" if low != high else f"{high}%" for low, high in READINESS_BANDS
        ],
        "values": [bands[f"band{index}"] for index in range(len(READINESS_BANDS))],
    }


def readiness_rows(user) -> list[dict]:
    """The user's groups, most ready first, with what each still lacks."""
    from mentoring import readiness

    groups = IkmGroup.objects.visible_to(user).active().select_related("theme")
    ranked = readiness.rank(readiness.evaluate(groups).values())
    return [
        {
            "group": r.group,
            "score": r.percent,
            "missing": [str(m.short or m.label) for m in r.missing],
            "url": reverse("mentoring:readiness_group", args=[r.group.pk]),
        }
        for r in ranked
    ]


# --- trainings and credit ----------------------------------------------------------------------


def training_summary(user, filters: Filters, start: dt.date | None = None, end=None) -> dict:
    """Training events that started in the period, their participants and who attended."""
    from mentoring.models import Attendance, TrainingParticipant

    start, end = start or filters.start, end or filters.end
    participants = (
        TrainingParticipant.objects.visible_to(user)
        .filter(event__starts_on__range=(start, end))
        .filter(filters.group_q("member__group__"))
    )
    totals = participants.aggregate(
        events=Count("event", distinct=True),
        participants=Count("pk"),
        present=Count("pk", filter=Q(attendance=Attendance.PRESENT)),
        members=Count("member", distinct=True, filter=Q(attendance=Attendance.PRESENT)),
        passed=Count("pk", filter=Q(passed=True)),
    )
    return totals


def credit_summary(user, filters: Filters, start: dt.date | None = None, end=None) -> dict:
    """Credit applications approved or disbursed in the period: groups and amounts."""
    from mentoring.models import CreditApplication

    start, end = start or filters.start, end or filters.end
    granted = (
        CreditApplication.objects.visible_to(user)
        .filter(
            status__in=[CreditApplication.Status.APPROVED, CreditApplication.Status.DISBURSED],
            decided_on__range=(start, end),
        )
        .filter(filters.group_q("group__"))
    )
    return granted.aggregate(
        groups=Count("group", distinct=True), amount=Sum("amount_approved"), count=Count("pk")
    )
