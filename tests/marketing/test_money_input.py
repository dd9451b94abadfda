"""Amounts typed into the money forms are read whole in both interface languages.

A Perusda manager in the English interface types prices as "150,000"; a clerk closing the day
types the cash counted the same way. Those must be stored as 150000, and an amount that could
be a decimal must be refused next to its field, with nothing saved.
"""

import uuid

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from marketing.models import DailyClosing, ProductPrice
from marketing.services import trade as services
from tests.marketing.trade_helpers import priced_product, shelve

pytestmark = pytest.mark.django_db

DECIMAL_MESSAGE = {
    "id": "Tulis jumlah rupiah tanpa desimal, misalnya 150000 atau 150.000.",
    "en": "Write the rupiah amount without decimals, e.g. 150000 or 150,000.",
}
# The same amount as an Indonesian and an English user writes it, in either interface.
WRITTEN = ("150.000", "150,000", "Rp 150.000", "Rp 150,000")


def _speak(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language


def _price_page(client, world, language):
    product = world.group.products.first()
    client.force_login(world.perusda)
    _speak(client, language)
    url = reverse("marketing:price_create", args=[product.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="consignment_price"' in page.content.decode()
    return product, url


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("written", WRITTEN)
def test_price_typed_with_thousand_separators_is_stored_whole(client, world, language, written):
    product, url = _price_page(client, world, language)
    response = client.post(
        url,
        {
            "consignment_price": written,
            "retail_price": "175.000" if language == "id" else "175,000",
            "valid_from": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    stored = ProductPrice.objects.get(product=product)
    assert (stored.consignment_price, stored.retail_price) == (150000, 175000)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("typed", ["1.5", "1,5", "150,00", "150.000,50", "1.500,000"])
def test_price_that_could_be_a_decimal_is_refused_and_nothing_saved(client, world, language, typed):
    _product, url = _price_page(client, world, language)
    response = client.post(
        url,
        {
            "consignment_price": typed,
            "retail_price": "2.000",
            "valid_from": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["consignment_price"] == [DECIMAL_MESSAGE[language]]
    assert DECIMAL_MESSAGE[language] in response.content.decode()
    assert not ProductPrice.objects.exists()


@pytest.fixture
def day_with_sales(world, client):
    """kasir1's outlet sold 10 × Rp 15.000 today: Rp 150.000 is expected in the till."""
    product = priced_product(world.group, retail=15000)
    shelve(world.outlet, product, 10)
    services.sale_record(
        clerk=world.clerk,
        outlet=world.outlet,
        lines=[(product.pk, 10)],
        idempotency_key=uuid.uuid4(),
    )
    client.force_login(world.clerk)
    return reverse("marketing:closing_create", kwargs={"outlet": world.outlet.pk})


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("written", WRITTEN)
def test_cash_counted_with_thousand_separators_closes_without_difference(
    client, day_with_sales, language, written
):
    _speak(client, language)
    page = client.get(day_with_sales)
    assert page.context["summary"].cash_expected == 150000
    response = client.post(day_with_sales, {"cash_counted": written, "note": ""})
    assert response.status_code == 302
    closing = DailyClosing.objects.get()
    assert (closing.cash_counted, closing.difference) == (150000, 0)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("typed", ["149.5", "150,00", "1.500,000"])
def test_cash_counted_that_could_be_a_decimal_is_refused_and_the_day_stays_open(
    client, day_with_sales, language, typed
):
    _speak(client, language)
    # A note, so that only the amount itself can stop the closing.
    response = client.post(day_with_sales, {"cash_counted": typed, "note": "dihitung ulang"})
    assert response.status_code == 200
    assert response.context["form"].errors["cash_counted"] == [DECIMAL_MESSAGE[language]]
    assert DECIMAL_MESSAGE[language] in response.content.decode()
    assert not DailyClosing.objects.exists()
