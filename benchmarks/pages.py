"""What the benchmark measures: pages per role, the admin changelist and the SQL floor.

A page whose URL name is not in this checkout (the app has not got it yet) is skipped. URLs
that need ids (a group, an outlet) are resolved against the seeded database before the run.
"""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

from benchmarks import scale

U = scale.USER_PREFIX
OFFICIAL, MENTOR, CLERK, PERUSDA, ADMIN = (
    f"{U}pejabat",
    f"{U}pendamping001",
    f"{U}kasir001",
    f"{U}perusda",
    f"{U}admin",
)


@dataclass
class Page:
    name: str  # shown in the report
    user: str
    url_name: str
    kind: str = "list"  # list, detail, dashboard, export, write, admin
    params: dict = field(default_factory=dict)
    args: tuple = ()
    post: dict | None = None  # form data for a write (a callable of the run number)
    floor: str | None = None  # key of FLOOR_SQL with the same figures (dashboards)
    compare: str | None = None  # name of the admin page it is compared with
    target_ms: float | None = None  # p95 target
    requests: int | None = None  # fewer measured requests for pages that take seconds


@dataclass
class Ids:
    """Rows the URLs point to, looked up in the seeded database."""

    group: int = 0
    outlet: int = 0
    group_pages: int = 1
    theme: int = 0
    admin_last_page: int = 1
    sale_cursor: str = ""  # the 10,000th newest receipt: a deep page of the sales list
    sale_day: str = ""  # a business day a year before the end of the data
    product: int = 0  # a product in stock at the clerk's outlet (recording a sale)
    export_month: dict = field(default_factory=dict)  # the last full month of the data
    session_cursor: str = ""  # the 10,000th newest session
    report_cursor: str = ""  # the 10,000th report of the report list

    @classmethod
    def load(cls) -> "Ids":
        from groups.models import IkmGroup
        from marketing.models import Outlet, OutletStaff

        groups = IkmGroup.objects.filter(code__startswith=f"{scale.PREFIX}-", is_active=True)
        first = groups.order_by("code").first()
        clerk_outlet = (
            OutletStaff.objects.filter(user__username=CLERK)
            .values_list("outlet", flat=True)
            .first()
        )
        outlet = clerk_outlet or (Outlet.objects.values_list("pk", flat=True).first() or 0)
        return cls(
            group=first.pk if first else 0,
            outlet=outlet,
            **_trade(outlet),
            **_mentoring(),
            group_pages=max(1, groups.count() // 25),
            theme=first.theme_id if first else 0,
            admin_last_page=max(1, -(-_sale_lines() // 100)),  # the admin shows 100 a page
        )


def _trade(outlet: int) -> dict:
    """Cursor, day and product for the sales pages. The clerk's day is opened again (the
    seeded data closes every day) so that recording a sale is a real sale."""
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from core.pagination import encode_cursor
    from marketing.models import DailyClosing, Sale, Stock

    deep = Sale.objects.order_by("-sold_at", "-id").values_list("sold_at", "id")[9_999:10_000]
    last = Sale.objects.order_by("-business_date").values_list("business_date", flat=True).first()
    product = (
        Stock.objects.filter(outlet=outlet).order_by("-quantity").values_list("product", flat=True)
    ).first()
    with transaction.atomic():
        DailyClosing.objects.filter(outlet=outlet, business_date=timezone.localdate()).delete()
    month = (last.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m") if last else ""
    return {
        "export_month": {"dari": month, "sampai": month},
        "sale_cursor": encode_cursor(deep[0]) if deep else "",
        "sale_day": str(last - dt.timedelta(days=365)) if last else "",
        "product": product or 0,
    }


def _mentoring() -> dict:
    """Cursors of the 10,000th row of the session and report lists (their keyset orders)."""
    from core.pagination import KeysetPaginator
    from mentoring.models import BookkeepingReport, MentoringSession

    out = {}
    for key, queryset, ordering in (
        ("session_cursor", MentoringSession.objects.all(), ("-held_on", "-id")),
        (
            "report_cursor",
            BookkeepingReport.objects.select_related("group"),
            ("-month", "group__code", "pk"),
        ),  # noqa: E501
    ):
        paginator = KeysetPaginator(queryset, ordering)
        row = queryset.order_by(*paginator._order(reverse=False))[9_999:10_000].first()
        out[key] = paginator.cursor_for(row) if row else ""
    return out


def _sale(ids: "Ids"):
    """Form data of one sale of one unit (a fresh idempotency key each time)."""
    import uuid

    def data(_n):
        return {"idempotency_key": str(uuid.uuid4()), "product": ids.product, "quantity": "1"}

    return data


def _sale_lines() -> int:
    from marketing.models import SaleLine

    return SaleLine.objects.count()


def pages(ids: Ids) -> list[Page]:
    """Every page measured, in report order."""
    deep = max(1, ids.group_pages * 3 // 4)
    return [
        Page("Group list, page 1", OFFICIAL, "groups:group_list", target_ms=80),
        Page(
            "Group list, deep page",
            OFFICIAL,
            "groups:group_list",
            params={"page": deep},
            target_ms=80,
        ),
        Page(
            "Group list, filtered by theme",
            OFFICIAL,
            "groups:group_list",
            params={"tema": ids.theme},
            target_ms=80,
        ),
        Page(
            "Group list, search", OFFICIAL, "groups:group_list", params={"q": "Siti"}, target_ms=80
        ),
        Page("Group list (mentor)", MENTOR, "groups:group_list", target_ms=80),
        Page("Group profile", OFFICIAL, "groups:group_detail", kind="detail", args=(ids.group,)),
        Page(
            "Dashboard (official)",
            OFFICIAL,
            "dashboard",
            kind="dashboard",
            floor="official_sales",
            target_ms=150,
            requests=5,
        ),
        Page(
            "Dashboard (Perusda)", PERUSDA, "dashboard", kind="dashboard", target_ms=150, requests=5
        ),
        Page("Dashboard (clerk)", CLERK, "dashboard", kind="dashboard", target_ms=150),
        Page("Dashboard (mentor)", MENTOR, "dashboard", kind="dashboard", target_ms=150),
        Page("Session list, page 1", OFFICIAL, "mentoring:session_list", target_ms=80),
        Page(
            "Session list, deep page (10,000th)",
            OFFICIAL,
            "mentoring:session_list",
            params={"setelah": ids.session_cursor},
            target_ms=80,
        ),
        Page("Session list (mentor)", MENTOR, "mentoring:session_list", target_ms=80),
        Page("Bookkeeping reports, page 1", OFFICIAL, "mentoring:report_list", target_ms=80),
        Page(
            "Bookkeeping reports, deep page (10,000th)",
            OFFICIAL,
            "mentoring:report_list",
            params={"setelah": ids.report_cursor},
            target_ms=80,
        ),
        Page("Outlet list", PERUSDA, "marketing:outlet_list", target_ms=80),
        Page("Outlet page", PERUSDA, "marketing:outlet_detail", kind="detail", args=(ids.outlet,)),
        Page(
            "Sales list, page 1",
            PERUSDA,
            "marketing:sale_list",
            compare="Admin sale lines, page 1",
            target_ms=80,
        ),
        Page(
            "Sales list, deep page (10,000th)",
            PERUSDA,
            "marketing:sale_list",
            params={"setelah": ids.sale_cursor},
            target_ms=80,
        ),
        Page(
            "Sales list, last page",
            PERUSDA,
            "marketing:sale_list",
            params={"terakhir": 1},
            compare="Admin sale lines, last page",
            target_ms=80,
        ),
        Page("Deliveries, page 1", PERUSDA, "marketing:delivery_list", target_ms=80),
        Page(
            "Deliveries, last page",
            PERUSDA,
            "marketing:delivery_list",
            params={"terakhir": 1},
            target_ms=80,
        ),
        Page(
            "Daily closings, last page",
            PERUSDA,
            "marketing:closing_list",
            params={"terakhir": 1},
            target_ms=80,
        ),
        Page(
            "Settlements, last page",
            PERUSDA,
            "marketing:settlement_list",
            params={"terakhir": 1},
            target_ms=80,
        ),
        Page(
            "Sales list, by outlet",
            PERUSDA,
            "marketing:sale_list",
            params={"gerai": ids.outlet},
            compare="Admin sale lines, by outlet",
            target_ms=80,
        ),
        Page(
            "Sales list, by day",
            PERUSDA,
            "marketing:sale_list",
            params={"tanggal": ids.sale_day},
            target_ms=80,
        ),
        Page("Sales list (clerk)", CLERK, "marketing:sale_list", target_ms=80),
        Page(
            "Sales report (12 months)",
            PERUSDA,
            "marketing:sales_report",
            kind="dashboard",
            target_ms=150,
            requests=5,
        ),
        Page("Readiness list", OFFICIAL, "mentoring:readiness_list", target_ms=80),
        Page(
            "Record a sale (POST)",
            CLERK,
            "marketing:counter",
            kind="write",
            args=(ids.outlet,),
            post=_sale(ids),
            target_ms=50,
        ),
        Page(
            "Export sale lines, one month (CSV)",
            PERUSDA,
            "marketing:sales_lines_export",
            kind="export",
            args=("csv",),
            params=ids.export_month,
        ),
        Page(
            "Export sale lines, one month (XLSX)",
            PERUSDA,
            "marketing:sales_lines_export",
            kind="export",
            args=("xlsx",),
            params=ids.export_month,
        ),
        # The plain Django admin over the same sale lines (what the sales list is compared with).
        Page(
            "Admin sale lines, page 1",
            ADMIN,
            "benchadmin:marketing_saleline_changelist",
            kind="admin",
        ),
        Page(
            "Admin sale lines, last page",
            ADMIN,
            "benchadmin:marketing_saleline_changelist",
            kind="admin",
            params={"p": ids.admin_last_page},
            requests=5,
        ),
        Page(
            "Admin sale lines, by outlet",
            ADMIN,
            "benchadmin:marketing_saleline_changelist",
            kind="admin",
            params={"sale__outlet__id__exact": ids.outlet},
        ),
    ]


# Hand-written SQL of dashboard figures: the floor an ORM page is compared with. Parameters:
# %(start)s and %(end)s, the dashboard's default period (January of this year to today).
FLOOR_SQL = {
    # The official dashboard's sales figures (per month, per regency, year to date, this
    # month) all come from one pass: completed sale lines of the period by month and regency.
    "official_sales": """
        SELECT date_trunc('month', s.business_date) AS month, r.name,
               sum(l.line_total), sum(l.quantity)
        FROM marketing_saleline l
        JOIN marketing_sale s ON s.id = l.sale_id
        JOIN marketing_outlet o ON o.id = s.outlet_id
        JOIN marketing_regency r ON r.id = o.regency_id
        WHERE s.status = 'completed' AND s.business_date BETWEEN %(start)s AND %(end)s
        GROUP BY 1, 2
    """,
    # The same figures from the per-outlet monthly summary the write path keeps (what the page
    # reads when no filter narrows the groups).
    "official_sales_summary": """
        SELECT m.month, r.name, sum(m.amount), sum(m.quantity)
        FROM marketing_outletsalesmonth m
        JOIN marketing_outlet o ON o.id = m.outlet_id
        JOIN marketing_regency r ON r.id = o.regency_id
        WHERE m.month BETWEEN date_trunc('month', %(start)s::date) AND %(end)s
        GROUP BY 1, 2
    """,
}


def resolve(page: Page) -> str | None:
    """The page's path with its query string, or None when this checkout lacks the URL."""
    from urllib.parse import urlencode

    try:
        path = reverse(page.url_name, args=page.args)
    except NoReverseMatch:
        return None
    return f"{path}?{urlencode(page.params)}" if page.params else path
