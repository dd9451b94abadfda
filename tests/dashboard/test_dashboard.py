"""Dashboard figures equal sums computed here from the records, per role and with filters."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.months import add_months
from groups.models import Condition, Sex, Stage
from marketing import summary
from marketing.models import Sale, SaleLine, Settlement
from mentoring.models import BookkeepingReport, MentoringSession
from program import dashboard, targets
from program.models import Metric, ProgramTarget
from tests import factories
from tests.groups.factories import EquipmentFactory, HandoverFactory

pytestmark = pytest.mark.django_db


def sell(outlet, product, quantity, price, *, day=None, status="completed", clerk):
    day = day or timezone.localdate()
    number = Sale.objects.filter(outlet=outlet).count() + 1
    sale = Sale.objects.create(
        outlet=outlet,
        number=number,
        sold_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10))),
        business_date=day,
        clerk=clerk,
        total=quantity * price,
        idempotency_key=uuid.uuid4(),
        status=status,
        voided_at=timezone.now() if status == "void" else None,
    )
    line = SaleLine.objects.create(
        sale=sale,
        product=product,
        group=product.group,
        quantity=quantity,
        unit_price=price,
        consignment_price=price - 1000,
        line_total=quantity * price,
    )
    if status == "completed":
        summary.apply_sale(sale, [line], sign=1)  # as the write path does
    return sale


@pytest.fixture
def records(world):
    """Sales in both outlets, equipment, members, stages and a late settlement."""
    today = timezone.localdate()
    own_product = world.group.products.first()
    other_product = world.other_group.products.first()
    clerk = world.users["clerk"]
    sell(world.outlet, own_product, 3, Decimal(10000), clerk=clerk)
    sell(world.outlet, own_product, 2, Decimal(10000), clerk=clerk, status="void")
    sell(world.other_outlet, other_product, 5, Decimal(20000), clerk=world.users["other_clerk"])
    last_year = today.replace(year=today.year - 1, month=6, day=15)
    sell(world.outlet, own_product, 7, Decimal(5000), day=last_year, clerk=clerk)
    factories.MemberFactory(group=world.group, sex=Sex.FEMALE)
    EquipmentFactory(
        handover=HandoverFactory(group=world.group),
        value=1_500_000,
        quantity=2,
        condition=Condition.MAJOR,
    )
    EquipmentFactory(handover=HandoverFactory(group=world.other_group), value=700_000, quantity=1)
    Settlement.objects.create(
        group=world.other_group,
        month=add_months(today.replace(day=1), -3),
        gross_amount=90000,
        deductions=0,
        amount_due=90000,
        due_on=today - dt.timedelta(days=10),
    )
    world.other_group.stage = Stage.MANDIRI
    world.other_group.save()
    return world


def figures(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("dashboard"), params)
    assert response.status_code == 200
    return response.context


def test_official_figures_equal_the_records(client, records):
    context = figures(client, records.users["official"])
    today = timezone.localdate()
    lines = SaleLine.objects.filter(sale__status="completed")
    expected_month = sum(
        line.line_total for line in lines if line.sale.business_date >= today.replace(day=1)
    )
    expected_ytd = sum(
        line.line_total
        for line in lines
        if line.sale.business_date >= today.replace(month=1, day=1)
    )
    assert context["sales_month"]["amount"] == expected_month == Decimal(3 * 10000 + 5 * 20000)
    assert context["sales_ytd"]["amount"] == expected_ytd
    assert context["overdue"] == {"count": 1, "amount": Decimal(90000)}
    assert context["equipment"]["value"] == Decimal(1_500_000 * 2 + 700_000)
    assert context["equipment"]["by_condition"][Condition.MAJOR] == 2
    assert context["members"]["total"] == 3
    assert context["members_female"] == sum(
        1 for m in records.group.members.all() if m.sex == Sex.FEMALE
    ) + sum(1 for m in records.other_group.members.all() if m.sex == Sex.FEMALE)
    assert context["mandiri"] == 1
    assert context["group_total"] == 2


def test_filters_narrow_every_figure(client, records):
    context = figures(
        client,
        records.users["official"],
        theme=records.group.theme_id,
        regency=records.outlet.regency_id,
    )
    if records.group.theme_id != records.other_group.theme_id:
        assert context["group_total"] == 1
        assert context["mandiri"] == 0
    assert context["sales_month"]["amount"] == Decimal(30000)


def test_period_filter_reaches_last_year(client, records):
    today = timezone.localdate()
    start = f"{today.year - 1}-01"
    end = f"{today.year - 1}-12"
    context = figures(client, records.users["official"], start=start, end=end)
    assert context["sales_month"]["amount"] == 0  # December of last year
    monthly = context["charts"]["monthly_sales"]
    assert len(monthly["labels"]) == 12
    assert sum(monthly["values"]) == 35000


def test_future_period_is_a_form_error_not_a_crash(client, records):
    context = figures(client, records.users["official"], end="2999-01", start="abc")
    assert context["form"].errors
    assert context["filters"].end == timezone.localdate()


def test_perusda_sees_every_outlet_and_the_overdue_settlement(client, records):
    context = figures(client, records.users["perusda"])
    amounts = {o.pk: o.amount for o in context["outlets"]}
    assert amounts[records.outlet.pk] == Decimal(30000)
    assert amounts[records.other_outlet.pk] == Decimal(100000)
    assert context["overdue"]["n"] == 1


def test_clerk_sees_only_their_outlet(client, records):
    context = figures(client, records.users["clerk"])
    assert [o.pk for o in context["outlets"]] == [records.outlet.pk]
    assert context["outlets"][0].today_amount == Decimal(30000)
    assert [p["product__name"] for p in context["top_products"]] == [
        records.group.products.first().name
    ]


def test_mentor_dashboard_counts_only_their_groups(client, records):
    today = timezone.localdate()
    last_month = add_months(today.replace(day=1), -1)
    BookkeepingReport.objects.create(
        group=records.other_group,
        month=last_month,
        revenue=1,
        cost_of_goods=0,
        operating_costs=0,
        cash=0,
        receivables=0,
        inventory=0,
        payables=0,
    )
    context = figures(client, records.users["mentor"])
    assert [g.pk for g in context["groups"]] == [records.group.pk]
    assert [g.pk for g in context["missing"]] == [records.group.pk]


def test_mentoring_month_counts_submitted_sessions_and_reports(records):
    today = timezone.localdate()
    for status in ("draft", "submitted", "approved"):
        reviewed = {"reviewed_by": records.users["official"], "reviewed_at": timezone.now()}
        MentoringSession.objects.create(
            group=records.group,
            mentor=records.users["mentor"],
            held_on=today,
            status=status,
            **(reviewed if status == "approved" else {}),
        )
    BookkeepingReport.objects.create(
        group=records.group,
        month=today.replace(day=1),
        revenue=10,
        cost_of_goods=1,
        operating_costs=1,
        cash=1,
        receivables=0,
        inventory=0,
        payables=0,
    )
    filters = dashboard.DashboardFilterForm(user=records.users["official"]).filters()
    month = dashboard.mentoring_month(records.users["official"], filters)
    assert month["sessions"] == 2
    assert month["reports"] == 1
    assert month["coverage"] == 50
    mentor_view = dashboard.mentoring_month(records.users["other_mentor"], filters)
    assert mentor_view["sessions"] == 0


def test_targets_against_actuals(client, records):
    year = timezone.localdate().year
    official = records.users["official"]
    client.force_login(official)
    response = client.post(
        f"{reverse('target_list')}?tahun={year}",
        {"groups_mandiri": "4", "outlet_sales": "260000", "bookkeeping_coverage": ""},
    )
    assert response.status_code == 302
    assert ProgramTarget.objects.get(year=year, metric=Metric.GROUPS_MANDIRI).value == 4
    rows = {r["metric"]: r for r in targets.rows_for(official, year)}
    assert rows["groups_mandiri"]["actual"] is not None
    sales = sum(
        line.line_total
        for line in SaleLine.objects.filter(
            sale__status="completed", sale__business_date__year=year
        )
    )
    assert rows["outlet_sales"]["actual"] == sales
    assert rows["outlet_sales"]["percent"] == int(round(100 * sales / Decimal(260000)))
    assert rows["outlet_sales"]["met"] is False
    assert rows["bookkeeping_coverage"]["target"] is None


def test_bad_target_changes_nothing(client, records):
    year = timezone.localdate().year
    client.force_login(records.users["official"])
    response = client.post(
        f"{reverse('target_list')}?tahun={year}",
        {"groups_mandiri": "-3", "bookkeeping_coverage": "150", "outlet_sales": "1e99"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert {"groups_mandiri", "bookkeeping_coverage", "outlet_sales"} <= set(form.errors)
    assert not ProgramTarget.objects.exists()


@pytest.mark.parametrize(
    ("language", "written", "refused"),
    [("id", "Rp 260.000.000", "2,5"), ("en", "260,000,000", "2.5")],
)
def test_sales_target_is_typed_like_any_other_rupiah_amount(
    client, world, settings, language, written, refused
):
    year = timezone.localdate().year
    client.force_login(world.official)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = f"{reverse('target_list')}?tahun={year}"
    response = client.post(url, {"outlet_sales": refused})
    assert "outlet_sales" in response.context["form"].errors
    assert not ProgramTarget.objects.exists()
    assert client.post(url, {"outlet_sales": written}).status_code == 302
    assert ProgramTarget.objects.get(year=year, metric=Metric.OUTLET_SALES).value == 260_000_000


def test_stage_funnel_follows_recorded_changes(records):
    from groups.models import StageChange

    official = records.users["official"]
    StageChange.objects.create(
        group=records.group, to_stage=Stage.FORMED, changed_on=dt.date(2020, 3, 1), reason="x"
    )
    StageChange.objects.create(
        group=records.group,
        from_stage=Stage.FORMED,
        to_stage=Stage.MANDIRI,
        changed_on=dt.date(2022, 5, 1),
        reason="x",
    )
    filters = dashboard.Filters(start=dt.date(2020, 1, 1), end=dt.date(2022, 12, 31))
    funnel = dashboard.stage_funnel(
        official, filters, [dt.date(2020, 12, 31), dt.date(2021, 12, 31), dt.date(2022, 12, 31)]
    )
    assert [p["reached"][0] for p in funnel] == [1, 1, 1]
    assert [p["reached"][-1] for p in funnel] == [0, 0, 1]


def _query_count(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("dashboard")).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", ["official", "mentor", "clerk", "perusda"])
def test_dashboard_queries_do_not_grow_with_the_data(client, records, role):
    user = records.users[role]
    small = _query_count(client, user)
    clerk = records.users["clerk"]
    for _i in range(8):
        group = factories.IkmGroupFactory()
        factories.MentorAssignmentFactory(mentor=records.users["mentor"], group=group)
        product = factories.ProductFactory(group=group)
        factories.MemberFactory(group=group)
        sell(records.outlet, product, 1, Decimal(1000), clerk=clerk)
        outlet = factories.OutletFactory()
        sell(outlet, product, 1, Decimal(1000), clerk=clerk)
    assert _query_count(client, user) == small


def test_training_credit_and_readiness_figures(client, records):
    from mentoring import readiness
    from mentoring.models import Attendance
    from tests.mentoring.factories_credit import CreditApplicationFactory
    from tests.mentoring.factories_training import ParticipantFactory, TrainingEventFactory

    today = timezone.localdate()
    event = TrainingEventFactory(starts_on=today.replace(day=1), ends_on=today.replace(day=1))
    own_members = list(records.group.members.all())
    for member in own_members:
        ParticipantFactory(event=event, member=member, attendance=Attendance.PRESENT)
    ParticipantFactory(
        event=event, member=records.other_group.members.first(), attendance=Attendance.ABSENT
    )
    CreditApplicationFactory(
        group=records.group,
        approved=True,
        submitted_on=today.replace(day=1),
        decided_on=today.replace(day=1),
    )
    context = figures(client, records.users["official"])
    assert context["training"]["participants"] == len(own_members) + 1
    assert context["training"]["members"] == len(own_members)
    assert context["training"]["events"] == 1
    assert context["credit"]["groups"] == 1
    assert context["credit"]["amount"] == Decimal("20000000")
    scores = [r.percent for r in readiness.evaluate([records.group, records.other_group]).values()]
    bands = context["charts"]["readiness"]["values"]
    assert sum(bands) == 2
    for score in scores:
        index = next(
            i for i, (low, high) in enumerate(dashboard.READINESS_BANDS) if low <= score <= high
        )
        assert bands[index] >= 1
    rows = {r["metric"]: r for r in targets.rows_for(records.users["official"], today.year)}
    assert rows["members_trained"]["actual"] == len(own_members)
    assert rows["credit_disbursed"]["actual"] == 1


def test_mentor_readiness_rows_are_their_groups_only(client, records):
    context = figures(client, records.users["mentor"])
    assert [r["group"].pk for r in context["readiness"]] == [records.group.pk]
    assert context["readiness"][0]["url"].endswith(f"/{records.group.pk}/")
