"""What the benchmark measures: pages per role, the admin changelist and the SQL floor.

A page whose URL name is not in this checkout (the app has not got it yet) is skipped. URLs
that need ids (a group, an outlet) are resolved against the seeded database before the run.
"""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

from palu_ikm import scale

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


@dataclass
class Ids:
    """Rows the URLs point to, looked up in the seeded database."""

    group: int = 0
    outlet: int = 0
    group_pages: int = 1
    theme: int = 0
    admin_last_page: int = 1

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
        return cls(
            group=first.pk if first else 0,
            outlet=clerk_outlet or (Outlet.objects.values_list("pk", flat=True).first() or 0),
            group_pages=max(1, groups.count() // 25),
            theme=first.theme_id if first else 0,
            admin_last_page=max(1, -(-_sale_lines() // 100)),  # the admin shows 100 a page
        )


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
        ),  # noqa: E501
        Page(
            "Group list, filtered by theme",
            OFFICIAL,
            "groups:group_list",
            params={"tema": ids.theme},
            target_ms=80,
        ),  # noqa: E501
        Page(
            "Group list, search", OFFICIAL, "groups:group_list", params={"q": "Siti"}, target_ms=80
        ),  # noqa: E501
        Page("Group list (mentor)", MENTOR, "groups:group_list", target_ms=80),
        Page("Group profile", OFFICIAL, "groups:group_detail", kind="detail", args=(ids.group,)),
        Page(
            "Dashboard (official)",
            OFFICIAL,
            "dashboard",
            kind="dashboard",
            floor="official_sales",
            target_ms=150,
        ),  # noqa: E501
        Page("Dashboard (Perusda)", PERUSDA, "dashboard", kind="dashboard", target_ms=150),
        Page("Dashboard (clerk)", CLERK, "dashboard", kind="dashboard", target_ms=150),
        Page("Dashboard (mentor)", MENTOR, "dashboard", kind="dashboard", target_ms=150),
        Page("Session list, page 1", OFFICIAL, "mentoring:session_list", target_ms=80),
        Page(
            "Session list, deep page",
            OFFICIAL,
            "mentoring:session_list",
            params={"page": 200},
            target_ms=80,
        ),  # noqa: E501
        Page("Session list (mentor)", MENTOR, "mentoring:session_list", target_ms=80),
        Page("Bookkeeping reports, page 1", OFFICIAL, "mentoring:report_list", target_ms=80),
        Page(
            "Bookkeeping reports, deep page",
            OFFICIAL,
            "mentoring:report_list",
            params={"page": 200},
            target_ms=80,
        ),  # noqa: E501
        Page("Outlet list", PERUSDA, "marketing:outlet_list", target_ms=80),
        Page("Outlet page", PERUSDA, "marketing:outlet_detail", kind="detail", args=(ids.outlet,)),  # noqa: E501
        # The plain Django admin over the same sale lines (what the sales list is compared with).
        Page(
            "Admin sale lines, page 1",
            ADMIN,
            "benchadmin:marketing_saleline_changelist",
            kind="admin",
        ),  # noqa: E501
        Page(
            "Admin sale lines, last page",
            ADMIN,
            "benchadmin:marketing_saleline_changelist",
            kind="admin",
            params={"p": ids.admin_last_page},
        ),  # noqa: E501
        Page(
            "Admin sale lines, by outlet",
            ADMIN,
            "benchadmin:marketing_saleline_changelist",
            kind="admin",
            params={"sale__outlet__id__exact": ids.outlet},
        ),  # noqa: E501
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
}


def resolve(page: Page) -> str | None:
    """The page's path with its query string, or None when this checkout lacks the URL."""
    from urllib.parse import urlencode

    try:
        path = reverse(page.url_name, args=page.args)
    except NoReverseMatch:
        return None
    return f"{path}?{urlencode(page.params)}" if page.params else path
