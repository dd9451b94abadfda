"""Accounts, sign-in and the audit page's filters under attack."""

from tests.access_rules import accounts as rules
from tests.factories import PASSWORD
from tests.security.hostile.registry import SearchEndpoint, form

ACCOUNT_MODELS = (
    "auth.User",
    "auth.User_groups",
    "accounts.Profile",
    "marketing.OutletStaff",
    "mentoring.MentorAssignment",
)


def _new_clerk(w):
    return {**rules.new_clerk_form(w), "email": "sinta@example.org", "phone": "0812 3456 7890"}


FORMS = [
    form(
        "person_create",
        "accounts:person_create",
        _new_clerk,
        ACCOUNT_MODELS,
        text=("first_name", "last_name", "username", "email", "phone"),
        dates=("starts_on",),
        choices=("role", "outlets"),
    ),
    form(
        "person_update",
        "accounts:person_update",
        rules.details_form,
        ACCOUNT_MODELS,
        kwargs=rules.clerk,
        text=("first_name", "last_name", "phone"),
    ),
    form(
        "person_update_by_perusda",
        "accounts:person_update",
        lambda w: {**rules.details_form(w), "email": "kasir@example.org"},
        ACCOUNT_MODELS,
        kwargs=rules.clerk,
        user="perusda",
        text=("email",),
    ),
    form(
        "person_scope",
        "accounts:person_scope",
        rules.scope_form,
        ACCOUNT_MODELS,
        kwargs=rules.clerk,
        dates=("on",),
        choices=("role", "outlets"),
    ),
    form(
        "person_deactivate",
        "accounts:person_deactivate",
        lambda w: {"reason": "Pindah tugas"},
        ACCOUNT_MODELS,
        kwargs=rules.clerk,
        text=("reason",),
    ),
    form(
        "password_change",
        "password_change",
        lambda w: {
            "old_password": PASSWORD,
            "new_password1": "Tenun-Donggala-2024!",
            "new_password2": "Tenun-Donggala-2024!",
        },
        ("auth.User",),
        user="clerk",
        text=("old_password", "new_password1"),
    ),
    form(
        "login",
        "login",
        lambda w: {"username": "kasir1", "password": PASSWORD},
        ("auth.User",),
        user="anonymous",
        text=("username", "password"),
        # After five failures django-axes answers 429 with its own page: also a refusal.
        refused=(200, 429),
    ),
    form(
        "password_reset",
        "accounts:password_reset",
        lambda w: {"email": "kasir1@example.org"},
        ("auth.User",),
        user="anonymous",
        text=("email",),
    ),
]

SEARCHES = [
    SearchEndpoint(
        "person_list",
        "accounts:person_list",
        ("q", "role", "bank", "outlet", "status", "urut", "page"),
        users=("official", "perusda"),
    ),
    SearchEndpoint(
        "audit_events",
        "audit:event_list",
        ("date_from", "date_to", "user", "action", "target", "object_id", "page"),
    ),
]
