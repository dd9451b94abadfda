"""Access rules of credit applications and credit readiness: every URL, GET and POST.

Object URLs use the world's own group (pendamping1's), so ``other_mentor`` answers 404; a POST
of a new application naming the world's group is a form error (200) for the peer mentor.
"""

from django.utils import timezone

from tests import factories
from tests.access import OFFICIAL_ONLY, rule
from tests.mentoring.factories_credit import CreditApplicationFactory, kur

READERS = "302 200 200 200 200 403 403 403"
OWN_OBJECT = "302 200 200 200 404 403 403 403"
OWN_POST = "302 302 302 302 404 403 403 403"
POST_ONLY = "302 405 405 405 405 405 405 405"
GET_ONLY = "302 405 405 405 405 405 405 405"
OFFICIAL_POST = "302 302 302 403 403 403 403 403"


def draft(w):
    return {"pk": CreditApplicationFactory(group=w.group, recorded_by=w.mentor).pk}


def submitted(w):
    return {"pk": CreditApplicationFactory(group=w.group, submitted=True).pk}


def approved(w):
    return {"pk": CreditApplicationFactory(group=w.group, approved=True).pk}


def group(w):
    return {"pk": w.group.pk}


def application_data(w):
    return {
        "group": w.group.pk,
        "bank": factories.BankFactory().pk,
        "scheme": kur().pk,
        "amount_requested": "25.000.000",
        "note": "",
    }


def update_data(w):
    data = application_data(w)
    del data["group"]
    return {**data, "amount_requested": "30.000.000"}


def today():
    return timezone.localdate().isoformat()


def rule_data(w):
    return {
        "months_running": "6",
        "consecutive_verified_reports": "6",
        "profitable_months": "4",
        "profit_window_months": "6",
        "session_within_months": "3",
        "npwp_loan_threshold": "50.000.000",
        "sales_within_months": "6",
    }


RULES = [
    rule("mentoring:credit_list", READERS),
    rule("mentoring:credit_list", "302 405 405 405 405 403 403 403", method="post"),
    rule("mentoring:credit_create", READERS),
    rule(
        "mentoring:credit_create",
        "302 302 302 302 200 403 403 403",
        method="post",
        data=application_data,
    ),
    rule("mentoring:credit_detail", OWN_OBJECT, kwargs=draft),
    rule("mentoring:credit_update", OWN_OBJECT, kwargs=draft),
    rule("mentoring:credit_update", OWN_POST, kwargs=draft, method="post", data=update_data),
    rule("mentoring:credit_submit", POST_ONLY, kwargs=draft),
    rule(
        "mentoring:credit_submit",
        OWN_POST,
        kwargs=draft,
        method="post",
        data=lambda w: {"submitted_on": today()},
    ),
    rule("mentoring:credit_decide", OWN_OBJECT, kwargs=submitted),
    rule(
        "mentoring:credit_decide",
        OWN_POST,
        kwargs=submitted,
        method="post",
        data=lambda w: {
            "decision": "approve",
            "amount_approved": "20.000.000",
            "decided_on": today(),
        },
    ),
    rule("mentoring:credit_disburse", OWN_OBJECT, kwargs=approved),
    rule(
        "mentoring:credit_disburse",
        OWN_POST,
        kwargs=approved,
        method="post",
        data=lambda w: {"disbursed_on": today()},
    ),
    rule("mentoring:readiness_list", READERS),
    rule("mentoring:readiness_list", GET_ONLY, method="post"),
    rule("mentoring:readiness_group", OWN_OBJECT, kwargs=group),
    rule("mentoring:readiness_group", GET_ONLY, kwargs=group, method="post"),
    rule("mentoring:readiness_rule", OFFICIAL_ONLY),
    rule("mentoring:readiness_rule", OFFICIAL_POST, method="post", data=rule_data),
]
