"""Access rules of outlets, prices, settlements and reports: every URL, GET and POST.

Object URLs use the world's own rows: kasir1's outlet (``outlet``) and pendamping1's group
(``group``), so ``other_clerk`` and ``other_mentor`` answer 404 where their role may read the
page. POST rows send valid data, so the roles that may write are redirected (302) after it.
"""

from django.utils import timezone

from marketing.models import OutletStaff, ProductPrice, Settlement
from marketing.settlements import last_closed_month
from tests.access import EVERYONE, rule
from tests.marketing.trade import at, sale, settlement

OUTLET_READERS = "302 200 200 403 403 200 200 200"
OWN_OUTLET = "302 200 200 403 403 200 404 200"
OUTLET_MANAGERS = "302 200 200 403 403 403 403 200"
OUTLET_MANAGERS_POST = "302 302 302 403 403 403 403 302"
POST_ONLY = GET_ONLY = "302 405 405 405 405 405 405 405"  # the other method is refused
OWN_PRODUCT = "302 200 200 200 404 200 200 200"
PERUSDA_ONLY = "302 200 403 403 403 403 403 200"
PERUSDA_POST = "302 302 403 403 403 403 403 302"
MONEY_READERS = "302 200 200 200 200 403 403 200"
OWN_SETTLEMENT = "302 200 200 200 404 403 403 200"


def today():
    return timezone.localdate().isoformat()


def outlet(w):
    return {"pk": w.outlet.pk}


def post(w):
    return {"pk": OutletStaff.objects.get(outlet=w.outlet, user=w.clerk).pk}


def outlet_data(w):
    return {"code": "G-BARU", "name": "Gerai Baru", "regency": w.outlet.regency_id}


def outlet_update_data(w):
    return {"code": w.outlet.code, "name": "Gerai Satu Baru", "regency": w.outlet.regency_id}


def product(w):
    return {"pk": w.group.products.first().pk}


def price_data(w):
    return {"consignment_price": "10.000", "retail_price": "15.000", "valid_from": today()}


def outlet_price_data(w):
    ProductPrice.objects.get_or_create(
        product=w.group.products.first(),
        valid_from=timezone.localdate(),
        defaults={"consignment_price": 10000, "retail_price": 15000},
    )
    return {"outlet": w.outlet.pk, "retail_price": "16.000", "valid_from": today()}


def own_settlement(w):
    """The world group's settlement of last month (made once, reused by every rule)."""
    month = last_closed_month()
    existing = Settlement.objects.filter(group=w.group, month=month).first()
    return {"pk": (existing or settlement(w.group, month, amount=20000)).pk}


def sold_settlement(w):
    """A due settlement of the last month whose sales add up to what it shows."""
    month = last_closed_month()
    product = w.group.products.first()
    sold_at = at(month.year, month.month, 10)
    sale(w.outlet, [(product, 2, 15000, 10000)], sold_at=sold_at)
    return {"pk": settlement(w.group, month, amount=20000, quantity=2).pk}


def pay_data(w):
    return {"paid_on": today(), "payment_reference": "TRF-1", "expected_amount": "20000"}


RULES = [
    # outlets and their clerks
    rule("marketing:outlet_list", OUTLET_READERS),
    rule("marketing:outlet_detail", OWN_OUTLET, kwargs=outlet),
    rule("marketing:outlet_create", OUTLET_MANAGERS),
    rule("marketing:outlet_create", OUTLET_MANAGERS_POST, method="post", data=outlet_data),
    rule("marketing:outlet_update", OUTLET_MANAGERS, kwargs=outlet),
    rule(
        "marketing:outlet_update",
        OUTLET_MANAGERS_POST,
        kwargs=outlet,
        method="post",
        data=outlet_update_data,
    ),
    rule("marketing:outlet_set_active", OUTLET_MANAGERS, kwargs=outlet),
    rule(
        "marketing:outlet_set_active",
        OUTLET_MANAGERS_POST,
        kwargs=outlet,
        method="post",
        data=lambda w: {"confirm": "on"},
    ),
    rule("marketing:outlet_staff_add", OUTLET_MANAGERS, kwargs=outlet),
    rule(
        "marketing:outlet_staff_add",
        OUTLET_MANAGERS_POST,
        kwargs=outlet,
        method="post",
        data=lambda w: {"user": w.other_clerk.pk, "starts_on": today()},
    ),
    rule("marketing:outlet_staff_end", POST_ONLY, kwargs=post),
    rule(
        "marketing:outlet_staff_end",
        OUTLET_MANAGERS_POST,
        kwargs=post,
        method="post",
        data=lambda w: {"ends_on": today()},
    ),
    # prices
    rule("marketing:price_list", EVERYONE),
    rule("marketing:price_detail", OWN_PRODUCT, kwargs=product),
    rule("marketing:price_create", PERUSDA_ONLY, kwargs=product),
    rule("marketing:price_create", PERUSDA_POST, kwargs=product, method="post", data=price_data),
    rule("marketing:outlet_price_create", PERUSDA_ONLY, kwargs=product),
    rule(
        "marketing:outlet_price_create",
        PERUSDA_POST,
        kwargs=product,
        method="post",
        data=outlet_price_data,
    ),
    rule("marketing:price_detail", GET_ONLY, kwargs=product, method="post"),
    # settlements to groups
    rule("marketing:settlement_list", MONEY_READERS),
    rule("marketing:settlement_overdue", MONEY_READERS),
    rule("marketing:settlement_overdue", GET_ONLY, method="post"),
    rule("marketing:settlement_export", MONEY_READERS, kwargs=lambda w: {"fmt": "csv"}),
    rule("marketing:settlement_export", MONEY_READERS, kwargs=lambda w: {"fmt": "xlsx"}),
    rule("marketing:settlement_detail", OWN_SETTLEMENT, kwargs=own_settlement),
    rule("marketing:settlement_detail", GET_ONLY, kwargs=own_settlement, method="post"),
    rule("marketing:settlement_slip", OWN_SETTLEMENT, kwargs=own_settlement),
    rule("marketing:settlement_slip", GET_ONLY, kwargs=own_settlement, method="post"),
    rule("marketing:settlement_slip_pdf", OWN_SETTLEMENT, kwargs=own_settlement),
    rule("marketing:settlement_slip_pdf", GET_ONLY, kwargs=own_settlement, method="post"),
    rule("marketing:settlement_generate", PERUSDA_ONLY),
    rule(
        "marketing:settlement_generate",
        PERUSDA_POST,
        method="post",
        data=lambda w: {"month": last_closed_month().strftime("%Y-%m")},
    ),
    rule("marketing:settlement_pay", PERUSDA_ONLY, kwargs=own_settlement),
    rule(
        "marketing:settlement_pay",
        PERUSDA_POST,
        kwargs=sold_settlement,
        method="post",
        data=pay_data,
    ),
    # reports
    rule("marketing:sales_report", EVERYONE),
    rule("marketing:sales_report", GET_ONLY, method="post"),
    rule("marketing:sales_report_export", EVERYONE, kwargs=lambda w: {"fmt": "csv"}),
    rule("marketing:sales_report_export", EVERYONE, kwargs=lambda w: {"fmt": "xlsx"}),
    rule("marketing:sales_lines_export", EVERYONE, kwargs=lambda w: {"fmt": "csv"}),
    rule("marketing:sales_lines_export", EVERYONE, kwargs=lambda w: {"fmt": "xlsx"}),
    rule("marketing:stock_report", OUTLET_READERS),
    rule("marketing:stock_report", GET_ONLY, method="post"),
    rule("marketing:stock_report_export", OUTLET_READERS, kwargs=lambda w: {"fmt": "csv"}),
    rule("marketing:stock_report_export", OUTLET_READERS, kwargs=lambda w: {"fmt": "xlsx"}),
]
