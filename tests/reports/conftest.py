"""Records for the report tests: two groups of the world plus sales, items, sessions, trainings."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.utils import timezone

from groups.models import Condition, Sex
from marketing import summary
from marketing.models import Sale, SaleLine, Settlement, SettlementLine, Stock
from mentoring.models import Attendance
from tests import factories
from tests.groups.factories import EquipmentFactory, HandoverFactory
from tests.mentoring.factories_sessions import BookkeepingReportFactory, MentoringSessionFactory
from tests.mentoring.factories_training import ParticipantFactory, TrainingEventFactory


def sell(outlet, product, quantity, price, *, clerk, day=None, status="completed"):
    day = day or timezone.localdate()
    sale = Sale.objects.create(
        outlet=outlet,
        number=Sale.objects.filter(outlet=outlet).count() + 1,
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


def add_group_records(world, group, *, outlet, clerk, scale=1):
    """Members, an item, sales, a session, a verified report and a training seat for a group."""
    today = timezone.localdate()
    product = group.products.first()
    factories.MemberFactory(group=group, sex=Sex.FEMALE)
    EquipmentFactory(
        handover=HandoverFactory(group=group, handed_over_on=today - dt.timedelta(days=40)),
        value=1_000_000 * scale,
        quantity=2,
        condition=Condition.MINOR,
        in_use=False,
    )
    sell(outlet, product, 3 * scale, Decimal(10000), clerk=clerk)
    sell(outlet, product, 2, Decimal(10000), clerk=clerk, status="void")
    mentor = group.mentor_assignments.first().mentor
    MentoringSessionFactory(group=group, mentor=mentor, held_on=today, status="submitted")
    BookkeepingReportFactory(
        group=group, month=today.replace(day=1), verified_by=mentor, verified_at=timezone.now()
    )
    Stock.objects.update_or_create(outlet=outlet, product=product, defaults={"quantity": 5})


@pytest.fixture
def records(world):
    today = timezone.localdate()
    add_group_records(world, world.group, outlet=world.outlet, clerk=world.clerk)
    add_group_records(
        world, world.other_group, outlet=world.other_outlet, clerk=world.other_clerk, scale=2
    )
    event = TrainingEventFactory(starts_on=today, ends_on=today)
    for member in world.group.members.all():
        ParticipantFactory(event=event, member=member, attendance=Attendance.PRESENT, passed=True)
    for member in world.other_group.members.all():
        ParticipantFactory(event=event, member=member, attendance=Attendance.ABSENT)
    month = today.replace(day=1) - dt.timedelta(days=70)
    late = Settlement.objects.create(
        group=world.other_group,
        month=month.replace(day=1),
        gross_amount=90000,
        deductions=0,
        amount_due=90000,
        due_on=today - dt.timedelta(days=10),
    )
    SettlementLine.objects.create(
        settlement=late, outlet=world.other_outlet, quantity_sold=9, amount=90000
    )
    world.extra["event"] = event
    return world
