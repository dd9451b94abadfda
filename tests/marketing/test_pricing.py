"""Prices of a day: the latest product price valid then, the outlet's retail price over it."""

import datetime as dt
from decimal import Decimal

import pytest

from marketing.models import OutletPrice, ProductPrice
from marketing.pricing import prices_on
from tests import factories

pytestmark = pytest.mark.django_db


def _price(product, day, consignment, retail):
    return ProductPrice.objects.create(
        product=product, valid_from=day, consignment_price=consignment, retail_price=retail
    )


def test_latest_price_valid_on_the_day_and_outlet_override(django_assert_num_queries):
    outlet, other_outlet = factories.OutletFactory(), factories.OutletFactory()
    a, b, unpriced = factories.ProductFactory.create_batch(3)
    _price(a, dt.date(2024, 1, 1), 10000, 15000)
    _price(a, dt.date(2024, 6, 1), 12000, 18000)
    _price(a, dt.date(2025, 1, 1), 14000, 20000)  # not yet valid on the day asked
    _price(b, dt.date(2024, 3, 1), 5000, 7000)
    OutletPrice.objects.create(
        outlet=outlet, product=a, valid_from=dt.date(2024, 5, 1), retail_price=17000
    )
    OutletPrice.objects.create(
        outlet=outlet, product=a, valid_from=dt.date(2024, 7, 1), retail_price=19000
    )
    OutletPrice.objects.create(
        outlet=other_outlet, product=b, valid_from=dt.date(2024, 1, 1), retail_price=9000
    )
    with django_assert_num_queries(2):
        prices = prices_on(outlet, [a.pk, b.pk, unpriced.pk], dt.date(2024, 6, 15))
    assert prices == {a.pk: (Decimal(12000), Decimal(17000)), b.pk: (Decimal(5000), Decimal(7000))}
    assert prices_on(outlet, [a.pk], dt.date(2024, 7, 1))[a.pk] == (12000, 19000)
    assert prices_on(other_outlet, [a.pk, b.pk], dt.date(2024, 6, 15)) == {
        a.pk: (12000, 18000),
        b.pk: (5000, 9000),
    }
    assert prices_on(outlet, [a.pk], dt.date(2023, 12, 31)) == {}


def test_query_count_does_not_grow_with_products(django_assert_num_queries):
    outlet = factories.OutletFactory()
    products = factories.ProductFactory.create_batch(12)
    for i, product in enumerate(products):
        _price(product, dt.date(2024, 1, 1), 1000 + i, 2000 + i)
        _price(product, dt.date(2024, 2, 1), 1100 + i, 2100 + i)
    with django_assert_num_queries(2):
        prices = prices_on(outlet, [p.pk for p in products], dt.date(2024, 3, 1))
    assert len(prices) == 12
    with django_assert_num_queries(0):
        assert prices_on(outlet, [], dt.date(2024, 3, 1)) == {}
