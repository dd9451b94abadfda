"""The credit dossier of a group: what a bank officer asks to see, in one PDF.

Profile (the bank account only for those who see it on the profile), members (NIK shown only
by its last four digits), legal documents, the last twelve months of bookkeeping as SAK EMKM
statements, sales through the outlets per month, equipment received, a summary of the
mentoring and, once credit readiness is installed, its checklist.
Every part is read through ``visible_to(user)`` in a fixed number of queries.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import TruncMonth
from django.template.loader import render_to_string
from django.utils import timezone

from core import roles
from core.months import add_months, month_range, month_start
from groups.models import Equipment, LegalDocument, Member, Position
from marketing.models import SaleLine
from marketing.settlements import consignment_value
from mentoring import readiness, statements
from mentoring.models import (
    Attendance,
    BookkeepingReport,
    MentorAssignment,
    MentoringSession,
    SessionTopic,
    Topic,
    TrainingParticipant,
)

MONTHS = 12
ZERO = Decimal(0)


def mask_nik_last4(nik: str) -> str:
    """Every digit hidden but the last four: ••••••••••••1234."""
    if not nik:
        return ""
    return "•" * (len(nik) - 4) + nik[-4:]


def period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The twelve complete months before the running one (first day of first, last day)."""
    last = add_months(month_start(today), -1)
    first = add_months(last, -(MONTHS - 1))
    end = add_months(last, 1) - dt.timedelta(days=1)
    return first, end


def _members(group, user):
    order = {value: i for i, value in enumerate(Position.values)}
    members = sorted(
        Member.objects.visible_to(user).active().filter(group=group),
        key=lambda m: (order.get(m.position, 99), m.name),
    )
    for member in members:
        member.nik_last4 = mask_nik_last4(member.nik)
    return members


def _sales(group, user, first, end):
    rows = (
        SaleLine.objects.visible_to(user)
        .filter(group=group, sale__status="completed", sale__business_date__range=(first, end))
        .annotate(month=TruncMonth("sale__business_date"))
        .order_by()
        .values("month")
        .annotate(units=Sum("quantity"), amount=Sum("line_total"), owed=Sum(consignment_value()))
    )
    by_month = {}
    for row in rows:
        month = row["month"].date() if isinstance(row["month"], dt.datetime) else row["month"]
        by_month[month] = row
    months = []
    for month in month_range(first, end):
        row = by_month.get(month, {})
        months.append(
            {
                "month": month,
                "quantity": row.get("units") or 0,
                "amount": row.get("amount") or ZERO,
                "owed": row.get("owed") or ZERO,
            }
        )
    return {
        "months": months,
        "quantity": sum(m["quantity"] for m in months),
        "amount": sum((m["amount"] for m in months), ZERO),
        "owed": sum((m["owed"] for m in months), ZERO),
    }


def _mentoring(group, user):
    sessions = (
        MentoringSession.objects.visible_to(user)
        .filter(group=group)
        .exclude(status=MentoringSession.Status.DRAFT)
    )
    summary = sessions.aggregate(
        n=Count("pk"),
        approved=Count("pk", filter=Q(status=MentoringSession.Status.APPROVED)),
        last=Max("held_on"),
    )
    topics = dict(
        SessionTopic.objects.filter(session__in=sessions.values("pk"))
        .order_by()
        .values_list("topic")
        .annotate(n=Count("pk"))
    )
    summary["topics"] = [
        {"label": label, "count": topics[value]}
        for value, label in Topic.choices
        if value in topics
    ]
    last = sessions.order_by("-held_on", "-pk").select_related("mentor").first()
    summary["last_session"] = last
    summary["mentors"] = list(
        MentorAssignment.objects.visible_to(user)
        .filter(group=group)
        .active_on()
        .select_related("mentor", "bank")
        .order_by("starts_on")
    )
    return summary


def _trainings(group, user):
    return (
        TrainingParticipant.objects.visible_to(user)
        .filter(member__group=group)
        .aggregate(
            seats=Count("pk"),
            present=Count("pk", filter=Q(attendance=Attendance.PRESENT)),
            passed=Count("pk", filter=Q(passed=True)),
            people=Count("member", distinct=True),
        )
    )


def _readiness(group):
    return readiness.evaluate([group]).get(group.pk)


def dossier_context(group, user, *, today: dt.date | None = None) -> dict:
    """Everything the dossier shows, for a group the caller has already found visible."""
    today = today or timezone.localdate()
    first, end = period(today)
    reports_12 = list(
        BookkeepingReport.objects.visible_to(user)
        .filter(group=group, month__range=(first, end))
        .order_by("month")
    )
    latest = reports_12[-1] if reports_12 else None
    items = list(
        Equipment.objects.visible_to(user)
        .active()
        .filter(handover__group=group)
        .select_related("handover")
        .order_by("handover__handed_over_on", "name", "pk")
    )
    for item in items:
        item.worth = item.value * item.quantity
    members = _members(group, user)
    return {
        "group": group,
        # The same rule as the profile: a mentor's copy has no bank account in it.
        "show_account": roles.sees_bank_account(user),
        "today": today,
        "first": first,
        "end": end,
        "chair": next((m for m in members if m.position == Position.CHAIR), None),
        "members": members,
        "members_female": sum(1 for m in members if m.sex == "F"),
        "members_male": sum(1 for m in members if m.sex == "M"),
        "documents": list(
            LegalDocument.objects.visible_to(user)
            .filter(group=group)
            .order_by("kind", "-issued_on")
        ),
        "reports": reports_12,
        "verified_months": sum(1 for r in reports_12 if r.is_verified),
        "missing_months": [
            m for m in month_range(first, end) if m not in {r.month for r in reports_12}
        ],
        "pl": statements.profit_and_loss(reports_12) if reports_12 else None,
        "position": statements.financial_position(latest),
        "sales": _sales(group, user, first, end),
        "equipment": items,
        "equipment_value": sum((e.worth for e in items), ZERO),
        "mentoring": _mentoring(group, user),
        "trainings": _trainings(group, user),
        "readiness": _readiness(group),
    }


def dossier_html(context: dict) -> str:
    return render_to_string("reports/dossier.html", context)


def dossier_pdf(context: dict, *, base_url: str) -> bytes:
    """The dossier as PDF bytes; fonts come from the machine (DejaVu), no network needed."""
    from weasyprint import HTML  # heavy import: only when a dossier is printed

    return HTML(string=dossier_html(context), base_url=base_url).write_pdf()
