"""Credit application and readiness threshold forms under attack; the two lists' filters.

Valid base payloads are the access matrix's POST bodies
(``tests/access_rules/mentoring_credit.py``).
"""

from tests.access_rules import mentoring_credit as rules
from tests.security.hostile.registry import SearchEndpoint, form

CREDIT_MODELS = ("mentoring.CreditApplication", "groups.IkmGroup", "groups.StageChange")


def _within_limits(row):
    if not hasattr(row, "scheme"):  # the group and its roadmap step written with an approval
        return
    scheme = row.scheme
    assert scheme.min_amount <= row.amount_requested <= scheme.max_amount
    assert row.amount_approved is None or 0 < row.amount_approved <= row.amount_requested


def _thresholds_sane(row):
    assert row.profitable_months <= row.profit_window_months
    assert row.npwp_loan_threshold >= 0


def _approve(w):
    return {"decision": "approve", "amount_approved": "20.000.000", "decided_on": rules.today()}


FORMS = [
    form(
        "credit_create",
        "mentoring:credit_create",
        lambda w: {**rules.application_data(w), "note": "Modal kerja"},
        CREDIT_MODELS,
        user="mentor",
        text=("note",),
        numbers=("amount_requested",),
        choices=("group", "bank", "scheme"),
        invariant=_within_limits,
    ),
    form(
        "credit_update",
        "mentoring:credit_update",
        lambda w: {**rules.update_data(w), "note": "Modal kerja"},
        CREDIT_MODELS,
        kwargs=rules.draft,
        user="mentor",
        text=("note",),
        numbers=("amount_requested",),
        choices=("bank", "scheme"),
        invariant=_within_limits,
    ),
    form(
        "credit_decide",
        "mentoring:credit_decide",
        lambda w: {**_approve(w), "note": "Disetujui komite"},
        CREDIT_MODELS,
        kwargs=rules.submitted,
        text=("note",),
        numbers=("amount_approved",),
        dates=("decided_on",),
        choices=("decision",),
        past_dates=("decided_on",),
        invariant=_within_limits,
    ),
    form(
        "credit_disburse",
        "mentoring:credit_disburse",
        lambda w: {"disbursed_on": rules.today()},
        CREDIT_MODELS,
        kwargs=rules.approved,
        dates=("disbursed_on",),
        past_dates=("disbursed_on",),
        invariant=_within_limits,
    ),
    form(
        "readiness_rule",
        "mentoring:readiness_rule",
        rules.rule_data,
        ("mentoring.ReadinessRule",),
        numbers=(
            "months_running",
            "consecutive_verified_reports",
            "profitable_months",
            "profit_window_months",
            "session_within_months",
            "npwp_loan_threshold",
            "sales_within_months",
        ),
        invariant=_thresholds_sane,
    ),
]

SEARCHES = [
    SearchEndpoint(
        "credit_list",
        "mentoring:credit_list",
        ("kelompok", "bank", "status", "page"),
        users=("official", "mentor"),
    ),
    SearchEndpoint(
        "readiness_list",
        "mentoring:readiness_list",
        ("tema", "bank", "siap", "page"),
        users=("official", "mentor"),
    ),
]
