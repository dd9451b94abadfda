"""At phone width kasir1 receives a delivery, sells two products, voids one, closes the day."""

from decimal import Decimal

from selenium.webdriver.common.by import By

from accounts.demo import DEMO_PASSWORD
from groups.models import IkmGroup
from marketing.demo import CLERK_OUTLETS
from marketing.models import DailyClosing, Outlet, ProductPrice, Sale, Stock
from marketing.services import trade as services
from tests import factories
from tests.factories import UserFactory


def consign(outlet):
    """Perusda sends two new products of a demo group to kasir1's outlet."""
    group = IkmGroup.objects.order_by("code").first()
    products = []
    for name, consignment, retail in (
        ("Dodol Uji Nangka", 12000, 18000),
        ("Sambal Uji Roa", 20000, 27500),
    ):
        product = factories.ProductFactory(group=group, name=name, unit="bungkus")
        ProductPrice.objects.create(
            product=product,
            valid_from=services.business_date(),
            consignment_price=consignment,
            retail_price=retail,
        )
        products.append(product)
    manager = UserFactory(username="perusda-uji", role="perusda")
    delivery = services.delivery_create(
        user=manager, outlet=outlet, group=group, lines=[(p.pk, 6) for p in products]
    )
    return delivery, products


def test_clerk_receives_sells_voids_and_closes_the_day(pages, demo_data):
    outlet = Outlet.objects.get(code=CLERK_OUTLETS["kasir1"])
    DailyClosing.objects.filter(outlet=outlet, business_date=services.business_date()).delete()
    delivery, (dodol, sambal) = consign(outlet)

    pages.phone()
    pages.login("kasir1", DEMO_PASSWORD)
    assert pages.horizontal_overflow() <= 0, "the clerk's home is wider than a phone"

    # Receive the delivery: one bag of dodol is missing.
    pages.open(f"/pemasaran/pengiriman/{delivery.pk}/")
    pages.navigate(pages.wait_for("[data-testid='receive']"), "[data-testid='edit-form']")
    line = delivery.lines.get(product=dodol)
    pages.fill(f"line_{line.pk}", "5")
    status = pages.navigate(pages.find("[data-testid='save']"), "[data-testid='delivery-status']")
    assert status.text == "Diterima"
    assert "-1" in pages.find("[data-testid='delivery-lines']").text
    assert Stock.objects.get(outlet=outlet, product=dodol).quantity == 5
    assert pages.horizontal_overflow() <= 0

    def sell(product, taps):
        pages.open(f"/pemasaran/kasir/{outlet.pk}/")
        pages.wait_for("[data-testid='counter-form']")
        search = pages.find("[data-counter-search]")
        search.send_keys(product.name.split()[0])
        row = pages.find(f"[data-testid='qty-{product.pk}']").find_element(
            By.XPATH, "./ancestor::li"
        )
        for _ in range(taps):
            pages.tap(row.find_element(By.CSS_SELECTOR, "[data-step='1']"))
        expected = f"Rp {int(taps * product_price[product.pk]):,}".replace(",", ".")
        live_total = pages.find("[data-testid='live-total']")
        pages.eventually(lambda: live_total.text == expected)  # the steppers' script
        assert live_total.text == expected
        assert pages.horizontal_overflow() <= 0, "the counter is wider than a phone"
        pages.screenshot(f"marketing-counter-{product.pk}")
        number = pages.navigate(
            pages.find("[data-testid='sell']"), "[data-testid='receipt-number']"
        ).text
        assert pages.find("[data-testid='receipt-total']").text == expected
        return number

    product_price = {dodol.pk: Decimal(18000), sambal.pk: Decimal(27500)}
    first = sell(dodol, 2)
    second = sell(sambal, 1)
    assert first != second
    assert Sale.objects.filter(outlet=outlet, status="completed").count() >= 2

    # Void the second sale with a reason.
    pages.navigate(pages.find("[data-testid='void']"), "[data-testid='edit-form']")
    pages.fill("reason", "Pembeli batal")
    badge = pages.navigate(pages.find("[data-testid='save']"), "[data-testid='void-badge']")
    assert "DIBATALKAN" in badge.text
    assert Stock.objects.get(outlet=outlet, product=sambal).quantity == 6

    # Close the day with the cash the page expects.
    pages.open(f"/pemasaran/tutup-harian/gerai/{outlet.pk}/")
    expected_cash = pages.wait_for("[data-testid='cash-expected']").text
    assert "Dodol Uji Nangka" in pages.find("[data-testid='day-summary']").text
    assert "Sambal Uji Roa" not in pages.find("[data-testid='day-summary']").text
    pages.fill("cash_counted", expected_cash)
    assert pages.horizontal_overflow() <= 0
    pages.navigate(pages.find("[data-testid='save']"), "[data-testid='closing-list']")
    closing = DailyClosing.objects.get(outlet=outlet, business_date=services.business_date())
    assert closing.difference == 0
    pages.screenshot("marketing-day-closed")

    # The counter now refuses new sales for the day.
    pages.open(f"/pemasaran/kasir/{outlet.pk}/")
    assert pages.wait_for("[data-testid='day-closed']").is_displayed()
