"""Access rules of outlets, prices, settlements and reports: every URL, GET and POST.

Object URLs use the world's own rows: kasir1's outlet (``outlet``) and pendamping1's group
(``group``), so ``other_clerk`` and ``other_mentor`` answer 404 where their role may read the
page. POST rows send valid data, so the roles that may write are redirected (302) after it.
"""

from django.utils import timezone

from marketing.models import OutletStaff
from tests.access import rule

OUTLET_READERS = "302 200 200 403 403 200 200 200"
OWN_OUTLET = "302 200 200 403 403 200 404 200"
OUTLET_MANAGERS = "302 200 200 403 403 403 403 200"
OUTLET_MANAGERS_POST = "302 302 302 403 403 403 403 302"
POST_ONLY = "302 405 405 405 405 405 405 405"


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
]
