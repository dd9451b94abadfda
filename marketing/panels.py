"""Marketing's sections on a group's profile: what Perusda owes and paid the group."""

from django.db.models import Count, Q, Sum
from django.utils import timezone

from core import roles
from marketing.models import Settlement


def settlements_panel(group, user) -> dict | None:
    """Due, overdue and recent settlements of the group (two queries); None for clerks."""
    if not (roles.is_official(user) or roles.is_perusda(user) or roles.is_mentor(user)):
        return None
    today = timezone.localdate()
    rows = Settlement.objects.visible_to(user).filter(group=group)
    totals = rows.order_by().aggregate(
        due=Sum("amount_due", filter=Q(status=Settlement.Status.DUE), default=0),
        overdue=Sum(
            "amount_due", filter=Q(status=Settlement.Status.DUE, due_on__lt=today), default=0
        ),
        overdue_count=Count(
            "pk", filter=Q(status=Settlement.Status.DUE, due_on__lt=today, amount_due__gt=0)
        ),
        paid=Sum("amount_due", filter=Q(status=Settlement.Status.PAID), default=0),
    )
    recent = list(rows.order_by("-month")[:6])
    for row in recent:
        row.late_days = row.days_overdue(today)
    return {"settlement_totals": totals, "settlements": recent, "today": today}
