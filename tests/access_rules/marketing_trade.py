"""Access rules of the trade at the outlets: the counter, sales, deliveries, stock, closings.

Object URLs use kasir1's outlet (the world's ``outlet``): ``other_clerk`` (kasir2, at another
outlet) answers 404 there. The counter and receiving goods are the clerk's own work: the system
administrator may open them but the services refuse their writes (403). POST rows send valid
data, so those allowed are redirected (302) after the write.
"""

import uuid

from marketing.models import Delivery
from marketing.services import trade as services
from tests.access import rule
from tests.marketing.trade_helpers import priced_product, shelve

READERS = "302 200 200 403 403 200 200 200"
OWN_OUTLET_READ = "302 200 200 403 403 200 404 200"
CLERK_PAGE = "302 200 403 403 403 200 404 403"
CLERK_POST = "302 403 403 403 403 302 404 403"
KEEPER_PAGE = "302 200 403 403 403 200 404 200"
KEEPER_POST = "302 302 403 403 403 302 404 302"


def stocked(w):
    product = priced_product(w.group)
    shelve(w.outlet, product, 5)
    return product


def outlet(w):
    return {"outlet": w.outlet.pk}


def stock(w):
    return {"pk": stocked(w).stock.get(outlet=w.outlet).pk}


def sale(w):
    sold, _ = services.sale_record(
        clerk=w.clerk,
        outlet=w.outlet,
        lines=[(stocked(w).pk, 1)],
        idempotency_key=uuid.uuid4(),
    )
    return {"pk": sold.pk}


def delivery(w):
    sent = services.delivery_create(
        user=w.perusda, outlet=w.outlet, group=w.group, lines=[(priced_product(w.group).pk, 4)]
    )
    return {"pk": sent.pk}


def sale_data(w):
    return {"idempotency_key": str(uuid.uuid4()), "product": [stocked(w).pk], "quantity": ["1"]}


def delivery_data(w):
    return {
        "outlet": w.outlet.pk,
        "group": w.group.pk,
        "sent_on": services.business_date().isoformat(),
        "product": [priced_product(w.group).pk],
        "quantity": ["3"],
    }


def receive_data(w):
    line = Delivery.objects.get(outlet=w.outlet, status="sent").lines.get()
    return {f"line_{line.pk}": str(line.quantity_sent)}


def return_data(w):
    return {"product": [stocked(w).pk], "quantity": ["1"], "reason": "unsold"}


RULES = [
    # the counter and sales
    rule("marketing:counter_start", "302 200 403 403 403 302 302 403"),
    rule("marketing:counter", CLERK_PAGE, kwargs=outlet),
    rule("marketing:counter", CLERK_POST, kwargs=outlet, method="post", data=sale_data),
    rule("marketing:sale_list", READERS),
    rule("marketing:sale_receipt", OWN_OUTLET_READ, kwargs=sale),
    rule("marketing:sale_void", KEEPER_PAGE, kwargs=sale),
    rule(
        "marketing:sale_void",
        KEEPER_POST,
        kwargs=sale,
        method="post",
        data=lambda w: {"reason": "Salah input"},
    ),
    # deliveries
    rule("marketing:delivery_list", READERS),
    rule("marketing:delivery_create", "302 200 200 403 403 403 403 200"),
    rule(
        "marketing:delivery_create",
        "302 302 302 403 403 403 403 302",
        method="post",
        data=delivery_data,
    ),
    rule("marketing:delivery_detail", OWN_OUTLET_READ, kwargs=delivery),
    rule("marketing:delivery_note", OWN_OUTLET_READ, kwargs=delivery),
    rule("marketing:delivery_receive", CLERK_PAGE, kwargs=delivery),
    rule(
        "marketing:delivery_receive",
        CLERK_POST,
        kwargs=delivery,
        method="post",
        data=receive_data,
    ),
    # stock, returns, write-offs, stock-takes
    rule("marketing:stock_list", READERS),
    rule("marketing:stock_card", OWN_OUTLET_READ, kwargs=stock),
    rule("marketing:stock_write_off", KEEPER_PAGE, kwargs=stock),
    rule(
        "marketing:stock_write_off",
        KEEPER_POST,
        kwargs=stock,
        method="post",
        data=lambda w: {"quantity": "1", "reason": "Kemasan rusak"},
    ),
    rule("marketing:stock_adjust", KEEPER_PAGE, kwargs=stock),
    rule(
        "marketing:stock_adjust",
        KEEPER_POST,
        kwargs=stock,
        method="post",
        data=lambda w: {"counted": "0", "reason": "Stok opname"},
    ),
    rule("marketing:return_list", READERS),
    rule("marketing:return_create", KEEPER_PAGE, kwargs=outlet),
    rule("marketing:return_create", KEEPER_POST, kwargs=outlet, method="post", data=return_data),
    # daily closing
    rule("marketing:closing_list", READERS),
    rule("marketing:closing_create", KEEPER_PAGE, kwargs=outlet),
    rule(
        "marketing:closing_create",
        KEEPER_POST,
        kwargs=outlet,
        method="post",
        data=lambda w: {"cash_counted": "0"},
    ),
]
