"""Outlet, price and settlement forms under attack.

Valid base payloads are the access matrix's POST bodies (``tests/access_rules/marketing_money.py``).
"""

from tests.access_rules import marketing_money as rules
from tests.security.hostile.registry import form

FORMS = [
    form(
        "outlet_create",
        "marketing:outlet_create",
        lambda w: {**rules.outlet_data(w), "address": "Jl. Uji 1", "phone": "081234567890"},
        ("marketing.Outlet",),
        text=("code", "name", "address", "phone"),
        choices=("regency",),
        user="perusda",
    ),
    form(
        "outlet_staff_add",
        "marketing:outlet_staff_add",
        lambda w: {"user": w.other_clerk.pk, "starts_on": rules.today()},
        ("marketing.OutletStaff",),
        kwargs=rules.outlet,
        dates=("starts_on",),
        choices=("user",),
        user="perusda",
    ),
    form(
        "price_create",
        "marketing:price_create",
        rules.price_data,
        ("marketing.ProductPrice",),
        kwargs=rules.product,
        numbers=("consignment_price", "retail_price"),
        dates=("valid_from",),
        user="perusda",
    ),
    form(
        "outlet_price_create",
        "marketing:outlet_price_create",
        rules.outlet_price_data,
        ("marketing.OutletPrice",),
        kwargs=rules.product,
        numbers=("retail_price",),
        dates=("valid_from",),
        choices=("outlet",),
        user="perusda",
    ),
    form(
        "settlement_pay",
        "marketing:settlement_pay",
        rules.pay_data,
        ("marketing.Settlement",),
        kwargs=rules.sold_settlement,
        text=("payment_reference",),
        dates=("paid_on",),
        numbers=("expected_amount",),
        past_dates=("paid_on",),
        user="perusda",
    ),
]
