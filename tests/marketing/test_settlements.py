"""Settlement arithmetic: month boundaries in Palu's time, voids, idempotence, payment rules."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from marketing import settlements
from marketing.models import Settlement
from marketing.selectors import group_sales_totals
from tests import factories
from tests.marketing.trade import at, sale

pytestmark = pytest.mark.django_db

TODAY = dt.date(2024, 3, 15)
JAN = dt.date(2024, 1, 1)
FEB = dt.date(2024, 2, 1)


@pytest.fixture
def shop(world):
    product = world.group.products.first()
    other = world.other_group.products.first()
    return world, product, other


def test_sale_at_2359_wita_on_the_31st_belongs_to_that_month(shop, settings):
    world, product, _other = shop
    settings.TIME_ZONE = "Asia/Makassar"
    sale(world.outlet, [(product, 2, 15000, 10000)], sold_at=at(2024, 1, 31, 23, 59))
    sale(world.outlet, [(product, 3, 15000, 10000)], sold_at=at(2024, 2, 1, 0, 0))
    settlements.settlements_generate(month=JAN, today=TODAY)
    settlements.settlements_generate(month=FEB, today=TODAY)
    jan = Settlement.objects.get(group=world.group, month=JAN)
    feb = Settlement.objects.get(group=world.group, month=FEB)
    assert (jan.quantity_sold, jan.amount_due) == (2, Decimal(20000))
    assert (feb.quantity_sold, feb.amount_due) == (3, Decimal(30000))


def test_voided_sales_count_for_nothing(shop):
    world, product, _other = shop
    sale(world.outlet, [(product, 4, 15000, 10000)], sold_at=at(2024, 1, 10))
    sale(world.outlet, [(product, 5, 15000, 10000)], sold_at=at(2024, 1, 11), void=True)
    settlements.settlements_generate(month=JAN, today=TODAY)
    jan = Settlement.objects.get(group=world.group, month=JAN)
    assert (jan.quantity_sold, jan.gross_amount, jan.deductions) == (4, Decimal(40000), 0)


def test_consignment_price_of_the_line_is_used_per_outlet(shop):
    world, product, other = shop
    sale(
        world.outlet,
        [(product, 2, 15000, 10000), (other, 1, 9000, 7000)],
        sold_at=at(2024, 1, 5),
    )
    sale(world.other_outlet, [(product, 1, 16000, 11000)], sold_at=at(2024, 1, 6))
    settlements.settlements_generate(month=JAN, today=TODAY)
    mine = Settlement.objects.get(group=world.group, month=JAN)
    lines = {line.outlet_id: (line.quantity_sold, line.amount) for line in mine.lines.all()}
    assert lines == {
        world.outlet.pk: (2, Decimal(20000)),
        world.other_outlet.pk: (1, Decimal(11000)),
    }
    assert mine.amount_due == Decimal(31000)
    theirs = Settlement.objects.get(group=world.other_group, month=JAN)
    assert theirs.amount_due == Decimal(7000)


def test_generate_is_idempotent_and_refreshes_due_ones(shop):
    world, product, _other = shop
    sale(world.outlet, [(product, 2, 15000, 10000)], sold_at=at(2024, 1, 5))
    first = settlements.settlements_generate(month=JAN, today=TODAY)
    again = settlements.settlements_generate(month=JAN, today=TODAY)
    assert (first.created, again.created, again.updated, again.unchanged) == (1, 0, 0, 1)
    history = Settlement.history.count()
    sale(world.outlet, [(product, 1, 15000, 10000)], sold_at=at(2024, 1, 6))
    third = settlements.settlements_generate(month=JAN, today=TODAY)
    assert third.updated == 1
    assert Settlement.objects.get(group=world.group, month=JAN).amount_due == Decimal(30000)
    assert Settlement.history.count() == history + 1


def test_due_date_is_days_after_month_end(settings):
    settings.PALU_SETTLEMENT_DUE_DAYS = 30
    assert settlements.due_date(JAN) == dt.date(2024, 3, 1)
    assert settlements.due_date(FEB) == dt.date(2024, 3, 30)  # leap year: Feb ends on the 29th
    settings.PALU_SETTLEMENT_DUE_DAYS = 7
    assert settlements.due_date(dt.date(2023, 12, 1)) == dt.date(2024, 1, 7)


def test_current_month_cannot_be_settled(shop):
    with pytest.raises(ValidationError):
        settlements.settlements_generate(month=dt.date(2024, 3, 1), today=TODAY)


def test_paid_settlement_is_never_changed(shop, perusda):
    world, product, _other = shop
    sale(world.outlet, [(product, 2, 15000, 10000)], sold_at=at(2024, 1, 5))
    settlements.settlements_generate(month=JAN, today=TODAY)
    jan = Settlement.objects.get(group=world.group, month=JAN)
    settlements.settlement_mark_paid(
        settlement=jan, paid_on=dt.date(2024, 2, 10), reference="TRF-77", by=perusda
    )
    sale(world.outlet, [(product, 9, 15000, 10000)], sold_at=at(2024, 1, 7))
    result = settlements.settlements_generate(month=JAN, today=TODAY)
    assert result.paid_kept == 1
    jan.refresh_from_db()
    assert (jan.status, jan.amount_due, jan.paid_by) == ("paid", Decimal(20000), perusda)
    assert settlements.live_amount(jan) == Decimal(110000)
    with pytest.raises(ValidationError):
        settlements.settlement_refresh(settlement=jan, by=perusda)
    with pytest.raises(ValidationError):
        settlements.settlement_mark_paid(
            settlement=jan, paid_on=dt.date(2024, 2, 11), reference="X", by=perusda
        )


@pytest.mark.parametrize(
    ("paid_on", "reference", "field"),
    [
        (dt.date(2024, 1, 31), "TRF", "paid_on"),  # before the month ended
        (dt.date(2099, 1, 1), "TRF", "paid_on"),  # in the future
        (dt.date(2024, 2, 5), "  ", "payment_reference"),
    ],
)
def test_payment_needs_a_sensible_date_and_reference(shop, perusda, paid_on, reference, field):
    world, product, _other = shop
    sale(world.outlet, [(product, 2, 15000, 10000)], sold_at=at(2024, 1, 5))
    settlements.settlements_generate(month=JAN, today=TODAY)
    jan = Settlement.objects.get(group=world.group, month=JAN)
    with pytest.raises(ValidationError) as error:
        settlements.settlement_mark_paid(
            settlement=jan, paid_on=paid_on, reference=reference, by=perusda
        )
    assert field in error.value.message_dict
    jan.refresh_from_db()
    assert jan.status == "due"


def test_payment_refused_when_the_amount_changed_since_it_was_shown(shop, perusda):
    world, product, _other = shop
    sale(world.outlet, [(product, 2, 15000, 10000)], sold_at=at(2024, 1, 5))
    settlements.settlements_generate(month=JAN, today=TODAY)
    jan = Settlement.objects.get(group=world.group, month=JAN)
    sale(world.outlet, [(product, 1, 15000, 10000)], sold_at=at(2024, 1, 9))
    with pytest.raises(ValidationError):
        settlements.settlement_mark_paid(
            settlement=jan,
            paid_on=dt.date(2024, 2, 5),
            reference="TRF",
            by=perusda,
            expected_amount=Decimal(20000),
        )
    jan.refresh_from_db()
    assert (jan.status, jan.amount_due) == ("due", Decimal(20000))


def test_only_the_perusda_manager_writes_settlements(shop, official, clerk):
    for user in (official, clerk):
        with pytest.raises(PermissionDenied):
            settlements.settlements_generate(month=JAN, today=TODAY, by=user)


def test_overdue_and_days_overdue(shop, settings):
    world, product, _other = shop
    settings.PALU_SETTLEMENT_DUE_DAYS = 30
    sale(world.outlet, [(product, 2, 15000, 10000)], sold_at=at(2024, 1, 5))
    settlements.settlements_generate(month=JAN, today=TODAY)
    jan = Settlement.objects.get(group=world.group, month=JAN)
    assert jan.due_on == dt.date(2024, 3, 1)
    assert jan.days_overdue(dt.date(2024, 3, 1)) == 0
    assert jan.days_overdue(dt.date(2024, 3, 11)) == 10
    assert list(Settlement.objects.overdue(dt.date(2024, 3, 11))) == [jan]
    assert not Settlement.objects.overdue(dt.date(2024, 3, 1)).exists()


def test_all_sales_voided_keeps_a_zero_settlement(shop):
    world, product, _other = shop
    first = sale(world.outlet, [(product, 2, 15000, 10000)], sold_at=at(2024, 1, 5))
    settlements.settlements_generate(month=JAN, today=TODAY)
    first.status, first.voided_at = "void", first.sold_at
    first.save()
    settlements.settlements_generate(month=JAN, today=TODAY)
    jan = Settlement.objects.get(group=world.group, month=JAN)
    assert (jan.amount_due, jan.lines.count()) == (0, 0)


def test_group_sales_totals_in_one_query(shop, django_assert_num_queries):
    world, product, other = shop
    sale(world.outlet, [(product, 2, 15000, 10000)], sold_at=at(2024, 1, 5))
    sale(world.outlet, [(product, 1, 15000, 10000)], sold_at=at(2024, 3, 5))
    sale(world.outlet, [(product, 7, 15000, 10000)], sold_at=at(2024, 3, 6), void=True)
    sale(world.other_outlet, [(other, 4, 9000, 7000)], sold_at=at(2023, 12, 5))
    extra = factories.IkmGroupFactory()
    with django_assert_num_queries(1):
        totals = group_sales_totals([world.group.pk, world.other_group.pk, extra.pk])
    assert totals[world.group.pk] == {
        "quantity": 3,
        "amount": Decimal(30000),
        "retail_amount": Decimal(45000),
        "months": 2,
    }
    assert totals[world.other_group.pk]["months"] == 1
    assert extra.pk not in totals
    since = group_sales_totals([world.group.pk], since=dt.date(2024, 2, 1))
    assert since[world.group.pk]["quantity"] == 1


def test_pay_from_the_page_then_slip_page_and_pdf(client, shop, perusda):
    world, product, _other = shop
    sold_at = at(2024, 1, 5)
    sale(world.outlet, [(product, 2, 15000, 10000)], sold_at=sold_at)
    settlements.settlements_generate(month=JAN, today=TODAY)
    jan = Settlement.objects.get(group=world.group, month=JAN)
    client.force_login(perusda)
    url = reverse("marketing:settlement_pay", args=[jan.pk])
    stale = client.post(
        url, {"paid_on": "2024-02-10", "payment_reference": "TRF-9", "expected_amount": "1"}
    )
    assert stale.status_code == 200 and stale.context["form"].non_field_errors()
    response = client.post(
        url, {"paid_on": "2024-02-10", "payment_reference": "TRF-9", "expected_amount": "20000"}
    )
    assert response.status_code == 302
    jan.refresh_from_db()
    assert (jan.status, jan.paid_by, jan.payment_reference) == ("paid", perusda, "TRF-9")
    page = client.get(reverse("marketing:settlement_slip", args=[jan.pk]))
    assert "Rp 20.000" in page.content.decode() and "TRF-9" in page.content.decode()
    pdf = client.get(reverse("marketing:settlement_slip_pdf", args=[jan.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_settlement_download_keeps_the_transfer_reference_as_text(client, shop, perusda):
    world, product, _other = shop
    sale(world.outlet, [(product, 2, 15000, 10000)], sold_at=at(2024, 1, 5))
    settlements.settlements_generate(month=JAN, today=TODAY)
    jan = Settlement.objects.get(group=world.group, month=JAN)
    settlements.settlement_mark_paid(
        settlement=jan, paid_on=dt.date(2024, 2, 10), reference="0012024021000077", by=perusda
    )
    client.force_login(perusda)
    response = client.get(reverse("marketing:settlement_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("Kode kelompok")].value)
    reference = row[header.index("Referensi")]
    assert (reference.value, reference.data_type, reference.number_format) == (
        "0012024021000077",
        "s",
        "@",
    )
    paid = row[header.index("Jumlah dibayar (Rp)")]
    assert (paid.value, paid.data_type) == (20000, "n")
