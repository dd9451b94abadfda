"""The clerk's pages: the counter, receipts, voids, deliveries, stock and the day's closing."""

import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketing.models import DailyClosing, Delivery, Sale, Stock, StockEntry, StockReturn
from marketing.services import trade as services
from tests import factories
from tests.marketing.trade_helpers import (
    assert_ledger_matches_stock,
    priced_product,
    shelve,
    stock_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(world, client):
    keripik = priced_product(world.group, name="Keripik Pisang", retail=15000)
    abon = priced_product(world.group, name="Abon Ikan", retail=25000)
    shelve(world.outlet, keripik, 5)
    shelve(world.outlet, abon, 3)
    world.extra.update(keripik=keripik, abon=abon)
    client.force_login(world.clerk)
    return world


def sale_post(lines, key=None):
    return {
        "idempotency_key": str(key or uuid.uuid4()),
        "product": [str(p.pk) for p, _q in lines],
        "quantity": [str(q) for _p, q in lines],
    }


def counter_url(w, outlet=None):
    return reverse("marketing:counter", kwargs={"outlet": (outlet or w.outlet).pk})


def test_counter_shows_stocked_products_with_a_fresh_key(client, shop):
    response = client.get(counter_url(shop))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Keripik Pisang" in html and "Abon Ikan" in html
    keys = re.findall(r'name="idempotency_key" value="([0-9a-f-]+)"', html)
    assert len(keys) == 1
    again = client.get(counter_url(shop)).content.decode()
    assert keys[0] not in again, "every drawing of the counter gets its own key"
    assert "marketing/trade.js" in html


def test_sale_through_the_counter_and_its_resend_is_one_sale(client, shop):
    data = sale_post([(shop.extra["keripik"], 2), (shop.extra["abon"], 1)])
    first = client.post(counter_url(shop), data)
    sale = Sale.objects.get()
    assert first.status_code == 302
    assert first["Location"] == reverse("marketing:sale_receipt", kwargs={"pk": sale.pk})
    assert sale.total == 2 * 15000 + 25000
    second = client.post(counter_url(shop), data)  # double tap / resend
    assert second["Location"] == first["Location"]
    assert Sale.objects.count() == 1
    assert stock_of(shop.outlet, shop.extra["keripik"]) == 3
    receipt = client.get(first["Location"]).content.decode()
    assert sale.receipt_number in receipt
    assert "tidak dicatat dua kali" in receipt
    assert_ledger_matches_stock()


def test_total_is_the_servers_whatever_the_browser_sends(client, shop):
    data = sale_post([(shop.extra["keripik"], 1)])
    data["total"] = "1"
    client.post(counter_url(shop), data)
    assert Sale.objects.get().total == 15000


def test_selling_more_than_stock_is_a_form_error(client, shop):
    response = client.post(counter_url(shop), sale_post([(shop.extra["abon"], 4)]))
    assert response.status_code == 200
    assert "Stok tidak cukup" in response.content.decode()
    assert not Sale.objects.exists()


def test_product_without_stock_here_is_a_form_error(client, shop):
    elsewhere = priced_product(shop.other_group)
    shelve(shop.other_outlet, elsewhere, 4)
    response = client.post(counter_url(shop), sale_post([(elsewhere, 1)]))
    assert response.status_code == 200
    assert "tidak ada di stok gerai ini" in response.content.decode()
    assert not Sale.objects.exists()
    response = client.post(counter_url(shop), sale_post([]))
    assert "paling sedikit satu produk" in response.content.decode()


def test_other_outlets_counter_sales_and_stock_are_not_found(client, shop):
    shelve(shop.other_outlet, shop.extra["keripik"], 4)
    assert client.get(counter_url(shop, shop.other_outlet)).status_code == 404
    response = client.post(
        counter_url(shop, shop.other_outlet), sale_post([(shop.extra["keripik"], 1)])
    )
    assert response.status_code == 404
    factories.OutletStaffFactory(user=shop.other_clerk, outlet=shop.other_outlet)
    other_sale, _ = services.sale_record(
        clerk=shop.other_clerk,
        outlet=shop.other_outlet,
        lines=[(shop.extra["keripik"].pk, 1)],
        idempotency_key=uuid.uuid4(),
    )
    assert client.get(reverse("marketing:sale_receipt", args=[other_sale.pk])).status_code == 404
    assert client.get(reverse("marketing:sale_void", args=[other_sale.pk])).status_code == 404
    listing = client.get(reverse("marketing:sale_list"))
    assert other_sale not in listing.context["object_list"]
    foreign_filter = client.get(reverse("marketing:sale_list"), {"gerai": shop.other_outlet.pk})
    assert foreign_filter.context["filter_form"].errors
    assert list(foreign_filter.context["object_list"]) == []
    stock = client.get(reverse("marketing:stock_list"), {"gerai": shop.other_outlet.pk})
    assert list(stock.context["object_list"]) == []


def test_counter_start_goes_straight_to_the_only_outlet_or_lets_pick(client, shop):
    response = client.get(reverse("marketing:counter_start"))
    assert response["Location"] == counter_url(shop)
    second = factories.OutletFactory(name="Gerai Tiga")
    factories.OutletStaffFactory(user=shop.clerk, outlet=second)
    response = client.get(reverse("marketing:counter_start"))
    assert response.status_code == 200
    assert "Gerai Tiga" in response.content.decode()


def test_void_through_the_page(client, shop):
    client.post(counter_url(shop), sale_post([(shop.extra["keripik"], 2)]))
    sale = Sale.objects.get()
    url = reverse("marketing:sale_void", args=[sale.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert Sale.objects.get().status == "completed"
    response = client.post(url, {"reason": "Salah jumlah"})
    assert response.status_code == 302
    sale.refresh_from_db()
    assert (sale.status, sale.void_reason) == ("void", "Salah jumlah")
    assert stock_of(shop.outlet, shop.extra["keripik"]) == 5
    assert "DIBATALKAN" in client.get(response["Location"]).content.decode()
    assert_ledger_matches_stock()


def test_closing_through_the_page_locks_the_day(client, shop):
    client.post(counter_url(shop), sale_post([(shop.extra["keripik"], 2)]))
    url = reverse("marketing:closing_create", kwargs={"outlet": shop.outlet.pk})
    page = client.get(url)
    assert page.context["summary"].cash_expected == 30000
    response = client.post(url, {"cash_counted": "29.000", "note": ""})
    assert response.status_code == 200
    assert "selisih" in response.content.decode()
    response = client.post(url, {"cash_counted": "30.000"})
    assert response.status_code == 302
    assert DailyClosing.objects.get().difference == 0
    response = client.post(counter_url(shop), sale_post([(shop.extra["keripik"], 1)]))
    assert response.status_code == 200
    assert "sudah ditutup" in response.content.decode()
    assert Sale.objects.count() == 1
    sale = Sale.objects.get()
    response = client.post(reverse("marketing:sale_void", args=[sale.pk]), {"reason": "x"})
    assert "sudah ditutup" in response.content.decode()
    assert Sale.objects.get().status == "completed"


def test_delivery_created_by_perusda_received_by_the_clerk(client, shop):
    product = priced_product(shop.group, name="Bawang Goreng")
    client.force_login(shop.perusda)
    url = reverse("marketing:delivery_create")
    step = client.get(url, {"outlet": shop.outlet.pk, "group": shop.group.pk})
    assert "Bawang Goreng" in step.content.decode()
    response = client.post(
        url,
        {
            "outlet": shop.outlet.pk,
            "group": shop.group.pk,
            "sent_on": services.business_date().isoformat(),
            "product": [product.pk],
            "quantity": ["12"],
        },
    )
    delivery = Delivery.objects.get()
    assert response["Location"] == reverse("marketing:delivery_detail", args=[delivery.pk])
    foreign = priced_product(shop.other_group)
    response = client.post(
        url,
        {
            "outlet": shop.outlet.pk,
            "group": shop.group.pk,
            "sent_on": services.business_date().isoformat(),
            "product": [foreign.pk],
            "quantity": ["1"],
        },
    )
    assert response.status_code == 200 and Delivery.objects.count() == 1

    client.force_login(shop.clerk)
    note = client.get(reverse("marketing:delivery_note", args=[delivery.pk]))
    assert delivery.number in note.content.decode()
    line = delivery.lines.get()
    receive = reverse("marketing:delivery_receive", args=[delivery.pk])
    assert client.get(receive).status_code == 200
    response = client.post(receive, {f"line_{line.pk}": "11", "note": "1 rusak"})
    assert response.status_code == 302
    assert stock_of(shop.outlet, product) == 11
    detail = client.get(reverse("marketing:delivery_detail", args=[delivery.pk]))
    assert "-1" in detail.content.decode()
    assert_ledger_matches_stock()


RECEIVED_TOO_MANY = {
    "id": "Lebih banyak dari yang dikirim (4 %(unit)s).",
    "en": "More than was sent (4 %(unit)s).",
}


@pytest.mark.parametrize("language", ["id", "en"])
def test_receiving_more_than_sent_is_an_error_on_the_line_and_changes_nothing(
    client, shop, settings, language
):
    keripik, abon = shop.extra["keripik"], shop.extra["abon"]
    delivery = services.delivery_create(
        user=shop.perusda,
        outlet=shop.outlet,
        group=shop.group,
        lines=[(keripik.pk, 4), (abon.pk, 2)],
    )
    lines = {line.product_id: line for line in delivery.lines.all()}
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    detail = client.get(reverse("marketing:delivery_detail", args=[delivery.pk])).content.decode()
    receive = re.search(r'href="([^"]+)" data-testid="receive"', detail).group(1)
    page = client.get(receive)
    field = f"line_{lines[keripik.pk].pk}"
    assert f'name="{field}"' in page.content.decode()

    response = client.post(receive, {field: "6", f"line_{lines[abon.pk].pk}": "2", "note": ""})
    assert response.status_code == 200
    expected = RECEIVED_TOO_MANY[language] % {"unit": keripik.unit}
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert errors[field][0].startswith(expected)
    assert expected in response.content.decode()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert (stock_of(shop.outlet, keripik), stock_of(shop.outlet, abon)) == (5, 3)
    assert not StockEntry.objects.filter(delivery=delivery).exists()

    # Fewer than sent is received, and the difference shows on the delivery.
    response = client.post(receive, {field: "3", f"line_{lines[abon.pk].pk}": "2", "note": ""})
    assert response.status_code == 302
    assert (stock_of(shop.outlet, keripik), stock_of(shop.outlet, abon)) == (8, 5)
    detail = client.get(response["Location"])
    assert [line.difference for line in detail.context["lines"]] == [0, -1]  # by product name
    assert "-1" in detail.content.decode()
    assert_ledger_matches_stock()


def test_return_write_off_and_stock_take_pages(client, shop):
    keripik = shop.extra["keripik"]
    url = reverse("marketing:return_create", kwargs={"outlet": shop.outlet.pk})
    response = client.post(
        url, {"product": [keripik.pk], "quantity": ["2"], "reason": "expired", "note": ""}
    )
    assert response.status_code == 302
    assert StockReturn.objects.get().group == shop.group
    foreign = priced_product(shop.other_group)
    shelve(shop.outlet, foreign, 2)
    response = client.post(
        url,
        {
            "product": [keripik.pk, foreign.pk],
            "quantity": ["1", "1"],
            "reason": "unsold",
        },
    )
    assert "Satu retur untuk satu kelompok" in response.content.decode()
    stock = keripik.stock.get(outlet=shop.outlet)
    response = client.post(
        reverse("marketing:stock_write_off", args=[stock.pk]), {"quantity": 1, "reason": "Rusak"}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("marketing:stock_adjust", args=[stock.pk]), {"counted": 1, "reason": "Opname"}
    )
    assert response.status_code == 302
    assert stock_of(shop.outlet, keripik) == 1
    card = client.get(reverse("marketing:stock_card", args=[stock.pk]))
    kinds = [e.kind for e in card.context["entries"]]
    assert kinds == ["adjustment", "write_off", "return", "delivery"]
    assert_ledger_matches_stock()


def test_after_closing_the_stock_pages_say_the_day_is_closed(client, shop):
    keripik = shop.extra["keripik"]
    services.day_close(
        user=shop.clerk, outlet=shop.outlet, day=services.business_date(), cash_counted=0
    )
    stock = keripik.stock.get(outlet=shop.outlet)
    delivery = services.delivery_create(
        user=shop.perusda, outlet=shop.outlet, group=shop.group, lines=[(keripik.pk, 4)]
    )
    posts = [
        (
            reverse("marketing:delivery_receive", args=[delivery.pk]),
            {f"line_{delivery.lines.get().pk}": "4"},
        ),
        (
            reverse("marketing:return_create", kwargs={"outlet": shop.outlet.pk}),
            {"product": [keripik.pk], "quantity": ["2"], "reason": "expired"},
        ),
        (reverse("marketing:stock_write_off", args=[stock.pk]), {"quantity": 1, "reason": "R"}),
        (reverse("marketing:stock_adjust", args=[stock.pk]), {"counted": 1, "reason": "Opname"}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 200, url
        assert "sudah ditutup" in response.content.decode(), url
    assert stock_of(shop.outlet, keripik) == 5
    assert not StockReturn.objects.exists()
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_clerk_home_shows_todays_sales(client, shop):
    client.post(counter_url(shop), sale_post([(shop.extra["keripik"], 2)]))
    html = client.get(reverse("home")).content.decode()
    assert "Rp 30.000" in html
    assert Sale.objects.get().receipt_number in html


def _count(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def _trade(w, size):
    for i in range(size):
        product = priced_product(w.group, name=f"Produk Banyak {size}-{i}")
        shelve(w.outlet, product, 10)
        sale, _ = services.sale_record(
            clerk=w.clerk,
            outlet=w.outlet,
            lines=[(product.pk, 2), (w.extra["abon"].pk, 1)] if i == 0 else [(product.pk, 2)],
            idempotency_key=uuid.uuid4(),
        )
        if i % 3 == 0:
            services.sale_void(user=w.clerk, sale=sale, reason="uji")
        delivery = services.delivery_create(
            user=w.perusda, outlet=w.outlet, group=w.group, lines=[(product.pk, 3)]
        )
        if i % 2:
            services.delivery_receive(
                user=w.clerk, delivery=delivery, received={delivery.lines.get().pk: 3}
            )


LIST_PAGES = [
    ("marketing:sale_list", {}),
    ("marketing:sale_list", {"status": "void"}),
    ("marketing:stock_list", {}),
    ("marketing:stock_list", {"q": "banyak", "habis": "1"}),
    ("marketing:delivery_list", {}),
    ("marketing:return_list", {}),
    ("marketing:closing_list", {}),
    ("home", {}),
]


@pytest.mark.parametrize(("url_name", "params"), LIST_PAGES)
@pytest.mark.parametrize("role", ["clerk", "perusda", "official"])
def test_list_pages_do_not_grow_with_the_data(client, shop, url_name, params, role):
    client.force_login(getattr(shop, role))
    _trade(shop, 2)
    few = _count(client, reverse(url_name), params)
    _trade(shop, 7)
    assert _count(client, reverse(url_name), params) == few


def test_stock_card_and_receipt_do_not_grow_with_the_data(client, shop):
    stock = shop.extra["keripik"].stock.get(outlet=shop.outlet)
    card = reverse("marketing:stock_card", args=[stock.pk])
    few = _count(client, card)
    for _ in range(6):
        sale, _ = services.sale_record(
            clerk=shop.clerk,
            outlet=shop.outlet,
            lines=[(shop.extra["keripik"].pk, 1)],
            idempotency_key=uuid.uuid4(),
        )
        services.sale_void(user=shop.clerk, sale=sale, reason="uji")
    assert StockEntry.objects.count() > 12
    assert _count(client, card) == few


def test_counter_keeps_ids_and_quantities_unformatted_beyond_a_thousand(client, world):
    """Indonesian number format writes 1234 as "1.234": never in a form value or an id."""
    product = priced_product(world.group, pk=12345, name="Kopi Seribu")
    shelve(world.outlet, product, 1500)
    client.force_login(world.clerk)
    url = reverse("marketing:counter", kwargs={"outlet": world.outlet.pk})
    page = client.get(url).content.decode()
    assert 'name="product" value="12345"' in page
    assert 'data-testid="qty-12345"' in page
    assert 'max="1500"' in page and 'data-stock="1500"' in page
    form = client.get(url).context["form"]
    response = client.post(
        url,
        {
            "idempotency_key": form["idempotency_key"].value(),
            "product": ["12345"],
            "quantity": ["1200"],
        },
    )
    assert response.status_code == 302
    assert Stock.objects.get(outlet=world.outlet, product=product).quantity == 300
