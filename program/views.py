"""The home page of each role: what the program looks like from where the user stands."""

from django.db.models import Count, Q, Sum
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core import roles
from groups.models import IkmGroup, Member, Sex, Stage, Theme
from marketing.models import DailyClosing, Delivery, Outlet, Sale
from marketing.services.trade import business_date


@require_GET
def home(request):
    """One home page per role; a user without a role is told so instead of seeing nothing."""
    user = request.user
    role = roles.primary_role(user)
    if role == roles.OFFICIAL:
        return render(request, "home/official.html", _official_overview(user))
    if role == roles.MENTOR:
        groups = (
            IkmGroup.objects.visible_to(user)
            .select_related("theme", "kelurahan")
            .annotate(member_count=Count("members", filter=Q(members__left_on__isnull=True)))
            .order_by("code")
        )
        return render(request, "home/mentor.html", {"groups": groups})
    if role == roles.CLERK:
        return render(request, "home/clerk.html", _clerk_today(user))
    if role == roles.PERUSDA:
        outlets = Outlet.objects.visible_to(user).select_related("regency").order_by("code")
        return render(request, "home/perusda.html", {"outlets": outlets})
    return render(request, "home/no_role.html")


def _clerk_today(user) -> dict:
    """The clerk's outlets with today's sales (WITA), receipts, closing and goods to receive."""
    today = business_date()
    outlets = list(Outlet.objects.visible_to(user).select_related("regency").order_by("code"))
    sales = Sale.objects.visible_to(user).filter(business_date=today)
    completed = Q(status=Sale.Status.COMPLETED)
    per_outlet = {
        row["outlet"]: row
        for row in sales.values("outlet").annotate(
            count=Count("pk", filter=completed),
            total=Sum("total", filter=completed),
            voids=Count("pk", filter=Q(status=Sale.Status.VOID)),
        )
    }
    closed = set(
        DailyClosing.objects.visible_to(user)
        .filter(business_date=today)
        .values_list("outlet_id", flat=True)
    )
    waiting = dict(
        Delivery.objects.visible_to(user)
        .filter(status=Delivery.Status.SENT)
        .values_list("outlet")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for outlet in outlets:
        row = per_outlet.get(outlet.pk, {})
        outlet.today_count = row.get("count", 0)
        outlet.today_total = row.get("total") or 0
        outlet.today_voids = row.get("voids", 0)
        outlet.today_closed = outlet.pk in closed
        outlet.deliveries_waiting = waiting.get(outlet.pk, 0)
    recent = sales.select_related("outlet").order_by("-sold_at", "-id")[:10]
    return {"outlets": outlets, "today": today, "recent_sales": recent}


def _official_overview(user) -> dict:
    groups = IkmGroup.objects.visible_to(user).active()
    by_stage = dict(groups.values_list("stage").annotate(n=Count("pk")).order_by())
    members = Member.objects.visible_to(user).active().filter(group__is_active=True)
    by_sex = dict(members.values_list("sex").annotate(n=Count("pk")).order_by())
    themes = (
        Theme.objects.visible_to(user)
        .annotate(group_count=Count("groups", filter=Q(groups__is_active=True)))
        .order_by("name")
    )
    return {
        "group_count": sum(by_stage.values()),
        "stages": [(value, label, by_stage.get(value, 0)) for value, label in Stage.choices],
        "member_count": sum(by_sex.values()),
        "members_female": by_sex.get(Sex.FEMALE, 0),
        "members_male": by_sex.get(Sex.MALE, 0),
        "themes": themes,
        "outlet_count": Outlet.objects.visible_to(user).active().count(),
    }
