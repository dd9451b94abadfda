"""Credit readiness: computed from a group's records against thresholds kept as data.

Nothing here is typed in by a person. A *criterion* reads one or more *datasets* (loaded for
many groups at once, each in a fixed number of queries) and answers, for one group, passed /
failed / not applicable, a link to the evidence and, when it fails, what is missing in words.
The score is passed / applicable.

Both are registries, so that a criterion can plug in when the records it needs exist: the
bookkeeping and session criteria register only when their models are installed, and the outlet
sales criterion reads ``marketing.selectors.group_sales_totals`` (mentoring may read marketing;
marketing never imports this module).
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Count, Max, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import format_rupiah as _rupiah
from core.months import add_months, month_start, months_between
from groups.models import DocumentKind, LegalDocument, Member
from marketing.selectors import group_sales_totals
from mentoring import models as mentoring_models
from mentoring.models import CreditApplication, ReadinessRule

PASS, FAIL, NOT_APPLICABLE = "pass", "fail", "na"


# --- months ---------------------------------------------------------------------------------------


def _day(value: dt.date) -> str:
    return date_format(value, "j M Y")


def _month(value: dt.date) -> str:
    return date_format(value, "F Y")


# --- the registries ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What every criterion of one evaluation shares."""

    today: dt.date
    rule: ReadinessRule

    @property
    def last_complete_month(self) -> dt.date:
        return add_months(month_start(self.today), -1)


@dataclass(frozen=True)
class Result:
    code: str
    label: str
    status: str  # PASS, FAIL or NOT_APPLICABLE
    evidence: str = ""  # what the records show, in words
    evidence_url: str = ""
    missing: str = ""  # what is still missing, in words (empty unless failed)
    short: str = ""  # the criterion's short name (set by ``evaluate``)

    @property
    def passed(self) -> bool:
        return self.status == PASS

    @property
    def applicable(self) -> bool:
        return self.status != NOT_APPLICABLE


Loader = Callable[[list[int], Context], dict]
Check = Callable[[object, dict, Context], Result]


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str
    check: Check  # (group, {dataset name: this group's data or None}, context) -> Result
    needs: tuple[str, ...] = ()
    order: int = 100


_criteria: dict[str, Criterion] = {}
_datasets: dict[str, Loader] = {}


def register_dataset(name: str, loader: Loader) -> None:
    """A loader returns ``{group_id: data}`` for many groups in a fixed number of queries."""
    _datasets[name] = loader


def register(criterion: Criterion) -> None:
    missing = [name for name in criterion.needs if name not in _datasets]
    if missing:
        raise ValueError(f"{criterion.code}: unknown datasets {missing}")
    _criteria[criterion.code] = criterion


def unregister(code: str) -> None:
    _criteria.pop(code, None)


def criteria() -> list[Criterion]:
    return sorted(_criteria.values(), key=lambda c: (c.order, c.code))


@dataclass
class Readiness:
    """One group's readiness: every criterion's result, the score and what is missing."""

    group: object
    results: list[Result] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(1 for r in self.results if r.passed)

    @property
    def applicable(self) -> int:
        return sum(1 for r in self.results if r.applicable)

    @property
    def score(self) -> float:
        return self.passed / self.applicable if self.applicable else 0.0

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def missing(self) -> list[Result]:
        return [r for r in self.results if r.status == FAIL]

    @property
    def is_ready(self) -> bool:
        return bool(self.applicable) and not self.missing


def evaluate(groups: Iterable, *, today: dt.date | None = None, rule=None) -> dict[int, Readiness]:
    """Readiness of every group given, in one query per dataset whatever the number of groups."""
    groups = list(groups)
    context = Context(today=today or timezone.localdate(), rule=rule or ReadinessRule.current())
    active = criteria()
    ids = [g.pk for g in groups]
    needed = {name for c in active for name in c.needs}
    data = {name: (_datasets[name](ids, context) if ids else {}) for name in sorted(needed)}
    readiness = {}
    for group in groups:
        own = {name: data[name].get(group.pk) for name in needed}
        results = [replace(c.check(group, own, context), short=str(c.label)) for c in active]
        readiness[group.pk] = Readiness(group=group, results=results)
    return readiness


def rank(readiness: Iterable[Readiness]) -> list[Readiness]:
    """Most ready first; ties by the number of criteria passed, then by group code."""
    return sorted(readiness, key=lambda r: (-r.score, -r.passed, r.group.code))


# --- stored evaluations (lists and charts over many groups) -------------------------------------


def stamp(rule) -> str:
    """What an evaluation depends on besides the records and the day: the rule and criteria."""
    changed = rule.updated_at.isoformat() if rule.updated_at else "default"
    codes = ",".join(c.code for c in criteria())
    return f"{rule.pk or 0}@{changed}:{codes}"[:255]


def refresh(groups, *, today: dt.date | None = None, rule=None) -> int:
    """Evaluate and store the groups of the queryset ``groups`` whose stored row is stale.

    A row is stale when it is missing (a record it reads changed: ``readiness_store``), from
    an earlier day (windows of months move with the date) or from another rule or set of
    criteria. On a quiet day only the groups whose records changed are evaluated again; the
    whole set once a day (``manage.py refresh_readiness`` at night does it in advance). A fixed
    number of queries whatever the number of groups. Returns how many were evaluated.
    """
    today = today or timezone.localdate()
    rule = rule or ReadinessRule.current()
    current = stamp(rule)
    # scoping: ok (the rows of the groups the caller scoped)
    fresh = mentoring_models.GroupReadiness.objects.filter(evaluated_on=today, stamp=current)
    stale = list(groups.exclude(pk__in=fresh.values("group_id")).order_by())
    if not stale:
        return 0
    evaluated = evaluate(stale, today=today, rule=rule)
    rows = [
        mentoring_models.GroupReadiness(
            group_id=group_id,
            score=result.score,
            percent=result.percent,
            passed=result.passed,
            applicable=result.applicable,
            is_ready=result.is_ready,
            evaluated_on=today,
            stamp=current,
        )
        for group_id, result in evaluated.items()
    ]
    # scoping: ok (the rows of the groups the caller scoped)
    mentoring_models.GroupReadiness.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["group"],
        update_fields=["score", "percent", "passed", "applicable", "is_ready", "evaluated_on"]
        + ["stamp"],
    )
    return len(rows)


def stored(groups, *, today: dt.date | None = None, rule=None):
    """The stored readiness of the queryset ``groups``, refreshed where stale, most ready first
    (the order of ``rank``)."""
    refresh(groups, today=today, rule=rule)
    # scoping: ok (the rows of the groups the caller scoped)
    return mentoring_models.GroupReadiness.objects.filter(
        group__in=groups.order_by().values("pk")
    ).order_by("-score", "-passed", "group__code")


def forget(group_ids: Iterable[int]) -> None:
    """A record of these groups changed: their stored readiness must be evaluated again."""
    # scoping: ok (a write, no page reads it)
    mentoring_models.GroupReadiness.objects.filter(group_id__in=list(group_ids)).delete()


# --- evidence links ---------------------------------------------------------------------------


def _profile(group, anchor: str = "") -> str:
    url = reverse("groups:group_detail", args=[group.pk])
    return f"{url}#{anchor}" if anchor else url


def _first_url(candidates: list[tuple[str, list]], fallback: str) -> str:
    """The first of the named pages that exists (an app may not offer it yet), else fallback."""
    for name, args in candidates:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return fallback


# --- datasets ---------------------------------------------------------------------------------

LEGAL_KINDS = (DocumentKind.NIB, DocumentKind.SKU, DocumentKind.NPWP)


def load_documents(ids: list[int], context: Context) -> dict:
    """``{group_id: {kind: number}}`` of NIB, SKU and NPWP papers valid today."""
    rows = (
        # scoping: ok (ids: the groups the caller scoped)
        LegalDocument.objects.filter(group_id__in=ids, kind__in=LEGAL_KINDS)
        .valid_on(context.today)
        .order_by("group_id", "kind", "-issued_on")
        .values_list("group_id", "kind", "number")
    )
    found: dict[int, dict] = {}
    for group_id, kind, number in rows:
        found.setdefault(group_id, {}).setdefault(kind, number)
    return found


def load_members(ids: list[int], context: Context) -> dict:
    """``{group_id: (active members, of whom without NIK)}``."""
    rows = (
        # scoping: ok (ids: the groups the caller scoped)
        Member.objects.filter(group_id__in=ids, left_on__isnull=True)
        .order_by()
        .values("group_id")
        .annotate(total=Count("pk"), without_nik=Count("pk", filter=Q(nik="")))
        .values_list("group_id", "total", "without_nik")
    )
    return {group_id: (total, without) for group_id, total, without in rows}


def load_planned_loan(ids: list[int], context: Context) -> dict:
    """``{group_id: (amount, application id)}`` of the latest open credit application."""
    rows = (
        # scoping: ok (ids: the groups the caller scoped)
        CreditApplication.objects.filter(group_id__in=ids)
        .open()
        .order_by("group_id", "-created_at", "-id")
        .values_list("group_id", "amount_requested", "pk")
    )
    latest: dict[int, tuple] = {}
    for group_id, amount, pk in rows:
        latest.setdefault(group_id, (amount, pk))
    return latest


register_dataset("documents", load_documents)
register_dataset("members", load_members)
register_dataset("planned_loan", load_planned_loan)


# --- criteria on the groups registry and credit ---------------------------------------------


def check_running(group, data, context: Context) -> Result:
    needed = context.rule.months_running
    months = months_between(group.formed_on, context.today)
    passed = add_months(group.formed_on, needed) <= context.today
    evidence = _("Berjalan %(months)d bulan, sejak %(day)s.") % {
        "months": months,
        "day": _day(group.formed_on),
    }
    return Result(
        code="running",
        label=_("Usaha berjalan minimal %(months)d bulan") % {"months": needed},
        status=PASS if passed else FAIL,
        evidence=evidence,
        evidence_url=_profile(group),
        missing=""
        if passed
        else _("Usaha baru berjalan %(months)d bulan; perlu %(needed)d bulan (sejak %(day)s).")
        % {
            "months": months,
            "needed": needed,
            "day": _day(add_months(group.formed_on, needed)),
        },
    )


def check_legal(group, data, context: Context) -> Result:
    papers = data["documents"] or {}
    held = [kind for kind in (DocumentKind.NIB, DocumentKind.SKU) if kind in papers]
    labels = dict(DocumentKind.choices)
    return Result(
        code="legal",
        label=_("NIB atau SKU tercatat dan berlaku"),
        status=PASS if held else FAIL,
        evidence=", ".join(f"{labels[k]} {papers[k]}" for k in held),
        evidence_url=_profile(group, "dokumen"),
        missing=""
        if held
        else _("Belum ada NIB atau Surat Keterangan Usaha yang berlaku; catat salah satunya."),
    )


def check_nik(group, data, context: Context) -> Result:
    total, without = data["members"] or (0, 0)
    passed = total > 0 and without == 0
    if total == 0:
        missing = _("Belum ada anggota aktif yang tercatat.")
    elif without:
        missing = _("%(count)d anggota aktif belum tercatat NIK-nya.") % {"count": without}
    else:
        missing = ""
    return Result(
        code="nik",
        label=_("NIK semua anggota aktif tercatat"),
        status=PASS if passed else FAIL,
        evidence=_("%(count)d anggota aktif.") % {"count": total},
        evidence_url=_profile(group, "anggota"),
        missing=missing,
    )


def check_npwp(group, data, context: Context) -> Result:
    threshold = context.rule.npwp_loan_threshold
    planned = data["planned_loan"]
    papers = data["documents"] or {}
    label = _("NPWP tercatat bila pinjaman di atas %(amount)s") % {"amount": _rupiah(threshold)}
    if planned is None or planned[0] <= threshold:
        evidence = (
            _("Belum ada pengajuan kredit yang direncanakan.")
            if planned is None
            else _("Pinjaman yang direncanakan %(amount)s, tidak di atas batas.")
            % {"amount": _rupiah(planned[0])}
        )
        return Result(
            code="npwp",
            label=label,
            status=NOT_APPLICABLE,
            evidence=evidence,
            evidence_url=_credit_url(planned, group),
        )
    has = DocumentKind.NPWP in papers
    return Result(
        code="npwp",
        label=label,
        status=PASS if has else FAIL,
        evidence=_("Pinjaman yang direncanakan %(amount)s.") % {"amount": _rupiah(planned[0])}
        + (" NPWP " + papers[DocumentKind.NPWP] if has else ""),
        evidence_url=_profile(group, "dokumen"),
        missing=""
        if has
        else _("Pinjaman %(amount)s di atas %(threshold)s: catat NPWP kelompok.")
        % {"amount": _rupiah(planned[0]), "threshold": _rupiah(threshold)},
    )


def _credit_url(planned, group) -> str:
    if planned is None:
        return _profile(group)
    return reverse("mentoring:credit_detail", args=[planned[1]])


register(Criterion("running", gettext_lazy("Usaha berjalan"), check_running, order=10))
register(Criterion("legal", gettext_lazy("NIB atau SKU"), check_legal, ("documents",), order=20))
register(Criterion("nik", gettext_lazy("NIK anggota"), check_nik, ("members",), order=30))
register(
    Criterion("npwp", gettext_lazy("NPWP"), check_npwp, ("planned_loan", "documents"), order=80)
)


# --- criteria on bookkeeping reports and mentoring sessions ---------------------------------


def load_reports(ids: list[int], context: Context) -> dict:
    """``{group_id: {month: (verified, profit, keeps cash book, keeps sales book)}}``.

    Enough months back for the longest window a rule asks for (and at least two years, so that
    a long run of verified reports is shown in full).
    """
    rule = context.rule
    span = max(rule.consecutive_verified_reports, rule.profit_window_months, 24)
    since = add_months(month_start(context.today), -span)
    rows = (
        # scoping: ok (ids: the groups the caller scoped)
        mentoring_models.BookkeepingReport.objects.filter(
            group_id__in=ids, month__gte=since, month__lte=context.today
        )
        .order_by()
        .values_list(
            "group_id", "month", "verified_at", "profit", "keeps_cash_book", "keeps_sales_book"
        )
    )
    found: dict[int, dict] = {}
    for group_id, month, verified_at, profit, cash, sales in rows:
        found.setdefault(group_id, {})[month] = (verified_at is not None, profit, cash, sales)
    return found


def verified_run(reports: dict, context: Context) -> tuple[int, dt.date | None]:
    """Consecutive verified months ending at the last complete month (or the current one).

    The current month counts when its report is already verified; otherwise the run is
    counted back from the last complete month. A month without a verified report ends it.
    """
    month = month_start(context.today)
    if not reports.get(month, (False,))[0]:
        month = context.last_complete_month
    end, run = month, 0
    while reports.get(month, (False,))[0]:
        run += 1
        month = add_months(month, -1)
    return run, end if run else None


def _reports_url(group) -> str:
    return _first_url([("mentoring:group_report_list", [group.pk])], _profile(group))


def _statements_url(group) -> str:
    return _first_url(
        [("mentoring:group_statements", [group.pk]), ("mentoring:group_report_list", [group.pk])],
        _profile(group),
    )


def check_bookkeeping(group, data, context: Context) -> Result:
    needed = context.rule.consecutive_verified_reports
    run, end = verified_run(data["reports"] or {}, context)
    passed = run >= needed
    evidence = (
        _("%(count)d bulan berturut-turut terverifikasi sampai %(month)s.")
        % {"count": run, "month": _month(end)}
        if run
        else _("Belum ada laporan terverifikasi sampai %(month)s.")
        % {"month": _month(context.last_complete_month)}
    )
    return Result(
        code="bookkeeping",
        label=_("Laporan pembukuan %(count)d bulan berturut-turut diverifikasi pendamping")
        % {"count": needed},
        status=PASS if passed else FAIL,
        evidence=evidence,
        evidence_url=_reports_url(group),
        missing=""
        if passed
        else _(
            "Baru %(count)d bulan berturut-turut laporan terverifikasi; perlu %(needed)d "
            "(bulan tanpa laporan terverifikasi memutus hitungan)."
        )
        % {"count": run, "needed": needed},
    )


def check_books(group, data, context: Context) -> Result:
    reports = data["reports"] or {}
    label = _("Buku kas dan buku penjualan diselenggarakan")
    if not reports:
        return Result(
            code="books",
            label=label,
            status=FAIL,
            evidence_url=_reports_url(group),
            missing=_("Belum ada laporan pembukuan bulanan."),
        )
    latest = max(reports)
    _verified, _profit, cash, sales = reports[latest]
    lacking = []
    if not cash:
        lacking.append(_("buku kas"))
    if not sales:
        lacking.append(_("buku penjualan"))
    return Result(
        code="books",
        label=label,
        status=FAIL if lacking else PASS,
        evidence=_("Menurut laporan %(month)s.") % {"month": _month(latest)},
        evidence_url=_reports_url(group),
        missing=_("Laporan %(month)s: belum menyelenggarakan %(books)s.")
        % {"month": _month(latest), "books": _(" dan ").join(lacking)}
        if lacking
        else "",
    )


def check_profit(group, data, context: Context) -> Result:
    rule = context.rule
    reports = data["reports"] or {}
    last = context.last_complete_month
    months = [add_months(last, -i) for i in range(rule.profit_window_months)]
    profitable = sum(
        1 for m in months if m in reports and reports[m][1] is not None and reports[m][1] > 0
    )
    without = sum(1 for m in months if m not in reports)
    passed = profitable >= rule.profitable_months
    missing = ""
    if not passed:
        missing = _("Berlaba %(count)d dari %(window)d bulan terakhir; perlu %(needed)d.") % {
            "count": profitable,
            "window": rule.profit_window_months,
            "needed": rule.profitable_months,
        }
        if without:
            missing += " " + _("%(count)d bulan tanpa laporan.") % {"count": without}
    return Result(
        code="profit",
        label=_("Laba positif pada %(needed)d dari %(window)d bulan terakhir")
        % {"needed": rule.profitable_months, "window": rule.profit_window_months},
        status=PASS if passed else FAIL,
        evidence=_("%(count)d bulan berlaba, %(first)s – %(last)s.")
        % {"count": profitable, "first": _month(months[-1]), "last": _month(last)},
        evidence_url=_statements_url(group),
        missing=missing,
    )


def load_sessions(ids: list[int], context: Context) -> dict:
    """``{group_id: date}`` of the latest submitted or approved mentoring session."""
    session = mentoring_models.MentoringSession
    rows = (
        session.objects.filter(
            group_id__in=ids,
            status__in=[session.Status.SUBMITTED, session.Status.APPROVED],
            held_on__lte=context.today,
        )
        .order_by()
        .values("group_id")
        .annotate(last=Max("held_on"))
        .values_list("group_id", "last")
    )
    return dict(rows)


def check_session(group, data, context: Context) -> Result:
    months = context.rule.session_within_months
    since = add_months(context.today, -months)
    last = data["sessions"]
    passed = last is not None and last >= since
    if last is None:
        missing = _("Belum ada sesi pendampingan yang diajukan atau disetujui.")
    elif not passed:
        missing = _("Sesi terakhir %(day)s; perlu sesi sejak %(since)s.") % {
            "day": _day(last),
            "since": _day(since),
        }
    else:
        missing = ""
    return Result(
        code="session",
        label=_("Sesi pendampingan dalam %(months)d bulan terakhir") % {"months": months},
        status=PASS if passed else FAIL,
        evidence=_("Sesi terakhir %(day)s.") % {"day": _day(last)} if last else "",
        evidence_url=_first_url(
            [("mentoring:group_session_list", [group.pk])],
            _profile(group),
        ),
        missing=missing,
    )


def register_record_criteria() -> None:
    """Bookkeeping and session criteria, once their models are installed."""
    if hasattr(mentoring_models, "BookkeepingReport"):
        register_dataset("reports", load_reports)
        register(
            Criterion(
                "bookkeeping",
                gettext_lazy("Laporan pembukuan terverifikasi"),
                check_bookkeeping,
                ("reports",),
                order=40,
            )
        )
        register(
            Criterion(
                "books", gettext_lazy("Buku kas dan penjualan"), check_books, ("reports",), 50
            )
        )
        register(Criterion("profit", gettext_lazy("Laba"), check_profit, ("reports",), 60))
    if hasattr(mentoring_models, "MentoringSession"):
        register_dataset("sessions", load_sessions)
        register(
            Criterion(
                "session",
                gettext_lazy("Sesi pendampingan"),
                check_session,
                ("sessions",),
                order=70,
            )
        )


# --- sales through outlets (plugs in when the marketing app offers them) ---------------------


def check_outlet_sales(group, data, context: Context) -> Result:
    months = context.rule.sales_within_months
    totals = data["outlet_sales"] or {}
    amount = totals.get("retail_amount") or totals.get("amount") or Decimal(0)
    passed = amount > 0
    return Result(
        code="outlet_sales",
        label=_("Penjualan lewat gerai dalam %(months)d bulan terakhir") % {"months": months},
        status=PASS if passed else FAIL,
        evidence=_("Terjual %(amount)s dalam %(count)d bulan.")
        % {"amount": _rupiah(amount), "count": totals.get("months") or 0}
        if passed
        else "",
        evidence_url=_sales_url(group),
        missing=""
        if passed
        else _("Belum ada penjualan lewat gerai Perusda dalam %(months)d bulan terakhir.")
        % {"months": months},
    )


def _sales_url(group) -> str:
    url = _first_url([("marketing:sales_report", [])], "")
    return f"{url}?kelompok={group.pk}" if url else _profile(group)


def register_outlet_sales(source=group_sales_totals) -> bool:
    """Register the outlet sales criterion; True once registered.

    ``source(group_ids, since=date)`` answers ``{group_id: {"amount": Rp, "retail_amount": Rp,
    "quantity": units, "months": months with sales}}`` for the groups with non-voided sales
    through the outlets from ``since`` on: ``marketing.selectors.group_sales_totals`` (mentoring
    sits above marketing in the layers, so this is an ordinary import); tests pass their own.
    """

    def load_outlet_sales(ids, context):
        since = add_months(context.today, -context.rule.sales_within_months)
        return dict(source(ids, since=since))

    register_dataset("outlet_sales", load_outlet_sales)
    register(
        Criterion(
            "outlet_sales",
            gettext_lazy("Penjualan lewat gerai"),
            check_outlet_sales,
            ("outlet_sales",),
            order=90,
        )
    )
    return True
