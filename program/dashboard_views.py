"""Dashboards, one per role, and the yearly targets against what the records show."""

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.db.models import Count, Sum
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core import roles
from core.formatting import format_year
from core.months import add_months, month_start
from core.scoping import role_required
from groups.models import Condition, Sex, Stage
from marketing.models import Outlet, Sale, SaleLine, Settlement, Stock
from program import dashboard, targets


def url_or_blank(name: str, query: str = "") -> str:
    """A figure's link to the list behind it, or nothing while that list does not exist."""
    try:
        url = reverse(name)
    except NoReverseMatch:
        return ""
    return f"{url}?{query}" if query else url


def with_query(url: str, extra: str) -> str:
    if not url or not extra:
        return url
    return f"{url}{'&' if '?' in url else '?'}{extra}"


@require_GET
@role_required(roles.OFFICIAL, roles.MENTOR, roles.CLERK, roles.PERUSDA)
def dashboard_view(request):
    """The dashboard of the user's role; each is scoped to what that user may see."""
    user = request.user
    role = roles.primary_role(user)
    if role == roles.MENTOR:
        return mentor_dashboard(request)
    if role == roles.CLERK:
        return clerk_dashboard(request)
    if role == roles.PERUSDA:
        return perusda_dashboard(request)
    return official_dashboard(request)


def official_dashboard(request):
    user = request.user
    form = dashboard.DashboardFilterForm(request.GET or None, user=user)
    filters = form.filters()
    groups_query = filters.query_string()
    stages = dashboard.stage_counts(user, filters)
    for row in stages:
        row["url"] = with_query(
            url_or_blank("groups:group_list", f"tahap={row['value']}"), groups_query
        )
    mandiri = next(r["count"] for r in stages if r["value"] == Stage.MANDIRI)
    mandiri_target = targets.target_value(filters.end.year, targets.Metric.GROUPS_MANDIRI)
    members = dashboard.member_counts(user, filters)
    equipment = dashboard.equipment_summary(user, filters)
    year_ends = [
        min(dt.date(year, 12, 31), filters.end)
        for year in range(filters.start.year, filters.end.year + 1)
    ]
    funnel = dashboard.stage_funnel(user, filters, year_ends)
    sales = dashboard.sales_figures(user, filters)
    monthly, by_regency = sales["monthly"], sales["by_regency"]
    context = {
        "form": form,
        "filters": filters,
        "stages": stages,
        "group_total": sum(r["count"] for r in stages),
        "groups_url": with_query(url_or_blank("groups:group_list"), groups_query),
        "mandiri": mandiri,
        "mandiri_target": mandiri_target,
        "members": members,
        "members_female": members["by_sex"].get(Sex.FEMALE, 0),
        "members_male": members["by_sex"].get(Sex.MALE, 0),
        "mentoring": dashboard.mentoring_month(user, filters),
        "equipment": equipment,
        "equipment_conditions": [
            {
                "value": value,
                "label": label,
                "units": equipment["by_condition"].get(value, 0),
                "url": url_or_blank("groups:equipment_list", f"kondisi={value}"),
            }
            for value, label in Condition.choices
        ],
        "equipment_url": url_or_blank("groups:equipment_list"),
        "sales_month": sales["month"],
        "sales_ytd": sales["ytd"],
        "overdue": dashboard.overdue_settlements(user, filters),
        "overdue_url": url_or_blank("marketing:settlement_overdue"),
        "sales_url": url_or_blank("marketing:sales_report"),
        "training": dashboard.training_summary(user, filters),
        "training_url": url_or_blank("mentoring:event_list"),
        "credit": dashboard.credit_summary(user, filters),
        "credit_url": url_or_blank("mentoring:credit_list"),
        "readiness_url": url_or_blank("mentoring:readiness_list"),
        "charts": {
            "monthly_sales": {
                "labels": [m["month"].strftime("%Y-%m") for m in monthly],
                "values": [int(m["amount"]) for m in monthly],
            },
            "sales_by_regency": {
                "labels": [r["name"] for r in by_regency],
                "values": [int(r["amount"]) for r in by_regency],
            },
            "stage_funnel": {
                "labels": [str(label) for label in Stage.labels],
                "series": [
                    {"label": format_year(p["day"].year), "values": p["reached"]} for p in funnel
                ],
            },
            "readiness": dashboard.readiness_distribution(user, filters),
        },
    }
    return render(request, "dashboard/official.html", context)


def mentor_dashboard(request):
    user = request.user
    today = timezone.localdate()
    last_month = add_months(month_start(today), -1)
    context = {
        "groups": dashboard.groups_for(user, dashboard.DashboardFilterForm(user=user).filters())
        .select_related("theme")
        .order_by("code"),
        "missing": dashboard.groups_missing_report(user, last_month),
        "missing_month": last_month,
        "follow_ups": dashboard.follow_ups_due(user)[:50],
        "readiness": dashboard.readiness_rows(user),
    }
    return render(request, "dashboard/mentor.html", context)


def _outlet_rows(user, start, end):
    """Sales and stock per visible outlet: two grouped queries, whatever the outlet count."""
    outlets = list(Outlet.objects.visible_to(user).select_related("regency").order_by("code"))
    sales = {
        row["outlet"]: row
        for row in Sale.objects.visible_to(user)
        .completed()
        .filter(business_date__range=(start, end))
        .order_by()
        .values("outlet")
        .annotate(receipts=Count("pk"), amount=Sum("total"))
    }
    stock = dict(
        Stock.objects.visible_to(user)
        .order_by()
        .values_list("outlet")
        .annotate(units=Sum("quantity"))
    )
    for outlet in outlets:
        row = sales.get(outlet.pk, {})
        outlet.receipts = row.get("receipts", 0)
        outlet.amount = row.get("amount") or Decimal(0)
        outlet.units_on_hand = stock.get(outlet.pk) or 0
    return outlets


def perusda_dashboard(request):
    user = request.user
    today = timezone.localdate()
    first_day = month_start(today)
    overdue = Settlement.objects.visible_to(user).overdue()
    context = {
        "outlets": _outlet_rows(user, first_day, today),
        "ytd": Sale.objects.visible_to(user)
        .completed()
        .filter(business_date__range=(today.replace(month=1, day=1), today))
        .aggregate(amount=Sum("total"), receipts=Count("pk")),
        "overdue": overdue.aggregate(n=Count("pk"), amount=Sum("amount_due")),
        "overdue_rows": overdue.select_related("group").order_by("due_on")[:20],
        "overdue_url": url_or_blank("marketing:settlement_overdue"),
        "today": today,
    }
    return render(request, "dashboard/perusda.html", context)


def clerk_dashboard(request):
    user = request.user
    today = timezone.localdate()
    first_day = month_start(today)
    outlets = _outlet_rows(user, first_day, today)
    today_rows = {
        row["outlet"]: row
        for row in Sale.objects.visible_to(user)
        .completed()
        .filter(business_date=today)
        .order_by()
        .values("outlet")
        .annotate(receipts=Count("pk"), amount=Sum("total"))
    }
    top = (
        SaleLine.objects.visible_to(user)
        .filter(sale__status=Sale.Status.COMPLETED, sale__business_date__range=(first_day, today))
        .order_by()
        .values("product__name")
        .annotate(quantity=Sum("quantity"), amount=Sum("line_total"))
        .order_by("-quantity")[:5]
    )
    for outlet in outlets:
        row = today_rows.get(outlet.pk, {})
        outlet.today_receipts = row.get("receipts", 0)
        outlet.today_amount = row.get("amount") or Decimal(0)
    return render(
        request,
        "dashboard/clerk.html",
        {"outlets": outlets, "top_products": top, "today": today, "month_start": first_day},
    )


@role_required(roles.OFFICIAL, roles.PERUSDA)
def target_list(request):
    """Yearly targets against the actuals computed from the records; officials set them."""
    user = request.user
    can_edit = roles.is_official(user)
    year_param = request.GET.get("tahun", "")
    year = int(year_param) if year_param.isdigit() else timezone.localdate().year
    year = min(max(year, 2018), 2100)
    form = targets.TargetForm(year=year, data=request.POST or None) if can_edit else None
    if request.method == "POST":
        if not can_edit:
            return render(request, "403.html", status=403)
        if form.is_valid():
            targets.save_targets(year, form.cleaned_data, user)
            messages.success(request, _("Target tahun %(year)s disimpan.") % {"year": year})
            return redirect(f"{reverse('target_list')}?tahun={year}")
    rows = targets.rows_for(user, year)
    return render(
        request,
        "dashboard/targets.html",
        {
            "year": year,
            "years": list(range(2019, timezone.localdate().year + 3)),
            "rows": rows,
            "form": form,
            "can_edit": can_edit,
        },
    )
