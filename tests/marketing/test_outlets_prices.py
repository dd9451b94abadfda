"""Outlet pages and the price list: scope, clerks' posts, price history and its rules."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from marketing.models import Outlet, OutletPrice, OutletStaff, ProductPrice
from marketing.services import catalog as services_catalog
from tests.marketing.trade import price

pytestmark = pytest.mark.django_db


def test_clerk_lists_only_their_outlet(client, world):
    client.force_login(world.clerk)
    response = client.get(reverse("marketing:outlet_list"))
    assert list(response.context["object_list"]) == [world.outlet]
    assert (
        client.get(reverse("marketing:outlet_detail", args=[world.other_outlet.pk])).status_code
        == 404
    )


def test_manager_creates_and_closes_an_outlet(client, world):
    client.force_login(world.perusda)
    response = client.post(
        reverse("marketing:outlet_create"),
        {"code": " g-new ", "name": "Gerai Baru", "regency": world.outlet.regency_id},
    )
    outlet = Outlet.objects.get(code="G-NEW")
    assert response.status_code == 302
    client.post(reverse("marketing:outlet_set_active", args=[outlet.pk]), {"confirm": "on"})
    outlet.refresh_from_db()
    assert not outlet.is_active
    assert outlet.history.count() == 2  # audited


def test_duplicate_outlet_code_is_a_form_error(client, world):
    client.force_login(world.official)
    response = client.post(
        reverse("marketing:outlet_create"),
        {"code": world.outlet.code, "name": "Lagi", "regency": world.outlet.regency_id},
    )
    assert response.status_code == 200
    assert "code" in response.context["form"].errors


def test_clerk_posted_and_ended_from_the_outlet_page(client, world):
    client.force_login(world.perusda)
    response = client.post(
        reverse("marketing:outlet_staff_add", args=[world.outlet.pk]),
        {"user": world.other_clerk.pk, "starts_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    post = OutletStaff.objects.get(outlet=world.outlet, user=world.other_clerk)
    assert world.outlet in Outlet.objects.visible_to(world.other_clerk)
    # a second post at the same outlet is refused with a message, nothing saved
    response = client.post(
        reverse("marketing:outlet_staff_add", args=[world.outlet.pk]),
        {"user": world.other_clerk.pk, "starts_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200 and response.context["form"].errors
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    post.starts_on = yesterday - dt.timedelta(days=5)
    post.save()
    client.post(
        reverse("marketing:outlet_staff_end", args=[post.pk]), {"ends_on": yesterday.isoformat()}
    )
    assert world.outlet not in Outlet.objects.visible_to(world.other_clerk)


def test_a_non_clerk_cannot_be_posted(client, world):
    client.force_login(world.perusda)
    response = client.post(
        reverse("marketing:outlet_staff_add", args=[world.outlet.pk]),
        {"user": world.mentor.pk, "starts_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200
    assert "user" in response.context["form"].errors


def test_price_change_is_a_new_row_and_history_shows_margins(client, world):
    product = world.group.products.first()
    old = price(product, 10000, 15000, valid_from=dt.date(2020, 1, 1))
    client.force_login(world.perusda)
    today = timezone.localdate()
    response = client.post(
        reverse("marketing:price_create", args=[product.pk]),
        {
            "consignment_price": "11.000",
            "retail_price": "Rp 16.500",
            "valid_from": today.isoformat(),
        },
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert (old.consignment_price, old.retail_price) == (10000, 15000)  # never edited
    response = client.get(reverse("marketing:price_detail", args=[product.pk]))
    assert response.context["current"].margin == Decimal(5500)
    assert [p.valid_from for p in response.context["prices"]] == [today, dt.date(2020, 1, 1)]
    listing = client.get(reverse("marketing:price_list"))
    row = next(p for p in listing.context["object_list"] if p.pk == product.pk)
    assert (row.consignment_now, row.retail_now, row.margin_now) == (11000, 16500, 5500)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"consignment_price": "10000", "retail_price": "9000"}, "retail_price"),
        ({"consignment_price": "0", "retail_price": "9000"}, "consignment_price"),
        ({"consignment_price": "abc", "retail_price": "9000"}, "consignment_price"),
        ({"consignment_price": "1000", "retail_price": "9000", "back": True}, "valid_from"),
    ],
)
def test_bad_prices_are_form_errors(client, world, data, field):
    product = world.group.products.first()
    client.force_login(world.perusda)
    day = timezone.localdate() - dt.timedelta(days=3 if data.pop("back", False) else 0)
    response = client.post(
        reverse("marketing:price_create", args=[product.pk]),
        {**data, "valid_from": day.isoformat()},
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ProductPrice.objects.exists()


def test_outlet_price_must_cover_the_consignment_price(client, world):
    product = world.group.products.first()
    price(product, 10000, 15000)
    client.force_login(world.perusda)
    url = reverse("marketing:outlet_price_create", args=[product.pk])
    today = timezone.localdate().isoformat()
    response = client.post(
        url, {"outlet": world.outlet.pk, "retail_price": "9000", "valid_from": today}
    )
    assert "retail_price" in response.context["form"].errors
    response = client.post(
        url, {"outlet": world.outlet.pk, "retail_price": "17000", "valid_from": today}
    )
    assert response.status_code == 302
    assert OutletPrice.objects.get().retail_price == 17000


def test_mentor_reads_own_groups_prices_only(client, world):
    mine, theirs = world.group.products.first(), world.other_group.products.first()
    price(mine)
    price(theirs)
    client.force_login(world.mentor)
    listing = client.get(reverse("marketing:price_list"))
    assert [p.pk for p in listing.context["object_list"]] == [mine.pk]
    assert client.get(reverse("marketing:price_detail", args=[theirs.pk])).status_code == 404


def test_clerk_sees_only_their_outlets_prices(client, world):
    product = world.group.products.first()
    price(product)
    for outlet in (world.outlet, world.other_outlet):
        OutletPrice.objects.create(outlet=outlet, product=product, retail_price=16000)
    client.force_login(world.clerk)
    response = client.get(reverse("marketing:price_detail", args=[product.pk]))
    assert [r.outlet_id for r in response.context["outlet_prices"]] == [world.outlet.pk]


def test_only_the_manager_sets_prices(world):
    product = world.group.products.first()
    with pytest.raises(PermissionDenied):
        services_catalog.price_set(
            product=product,
            consignment_price=Decimal(1),
            retail_price=Decimal(2),
            valid_from=timezone.localdate(),
            by=world.official,
        )
