"""People pages: officials (all accounts) and the Perusda manager (clerks only).

Object rows target ``kasir1`` (world.clerk): a clerk's account, which officials and Perusda
manage. Further rows target an official's and a mentor's account, which Perusda must not even
see (404), and which an official may see but not change (404 on the change pages).
"""

from tests import factories
from tests.access import EVERYONE, rule

PEOPLE = "302 200 200 403 403 403 403 200"
# A successful form post redirects (302); mentors and clerks are stopped at the gate (403).
PEOPLE_POST = "302 302 302 403 403 403 403 302"
# Django's password reset pages are public and also open for signed-in users.
PUBLIC = "200 200 200 200 200 200 200 200"


def clerk(world):
    return {"pk": world.clerk.pk}


def official(world):
    return {"pk": world.official.pk}


def mentor(world):
    return {"pk": world.mentor.pk}


def inactive_clerk(world):
    user = factories.UserFactory(role="kasir", is_active=False)
    return {"pk": user.pk}


def new_clerk_form(world):
    return {
        "first_name": "Sinta",
        "last_name": "Lamakarate",
        "username": "sinta.baru",
        "role": "kasir",
        "outlets": [world.outlet.pk],
        "starts_on": "2024-01-01",
    }


def details_form(world):
    return {"first_name": "Fitri", "last_name": "Tombolotutu", "phone": "0812 3456 7890"}


def scope_form(world):
    return {"role": "kasir", "outlets": [world.other_outlet.pk], "on": "2024-06-01"}


RULES = [
    rule("accounts:person_list", PEOPLE),
    rule("accounts:person_create", PEOPLE),
    rule("accounts:person_create", PEOPLE_POST, method="post", data=new_clerk_form),
    # A clerk's page: officials and Perusda see it.
    rule("accounts:person_detail", PEOPLE, kwargs=clerk),
    # An official's or a mentor's page: not for Perusda (404, as if it did not exist).
    rule("accounts:person_detail", "302 200 200 403 403 403 403 404", kwargs=official),
    rule("accounts:person_detail", "302 200 200 403 403 403 403 404", kwargs=mentor),
    rule("accounts:person_update", PEOPLE, kwargs=clerk),
    rule("accounts:person_update", PEOPLE_POST, kwargs=clerk, method="post", data=details_form),
    # Nobody but a superuser changes an official: the official themself and Perusda get 404.
    rule("accounts:person_update", "302 200 404 403 403 403 403 404", kwargs=official),
    rule(
        "accounts:person_update",
        "302 302 404 403 403 403 403 404",
        kwargs=official,
        method="post",
        data=details_form,
    ),
    rule("accounts:person_update", "302 200 200 403 403 403 403 404", kwargs=mentor),
    rule("accounts:person_scope", PEOPLE, kwargs=clerk),
    rule("accounts:person_scope", PEOPLE_POST, kwargs=clerk, method="post", data=scope_form),
    rule("accounts:person_scope", "302 200 404 403 403 403 403 404", kwargs=official),
    rule("accounts:person_scope", "302 200 200 403 403 403 403 404", kwargs=mentor),
    # Making a mentor an official: only a superuser may (302); for an official 'pejabat' is
    # not a choice, so the form answers with an error (200) and nothing changes.
    rule(
        "accounts:person_scope",
        "302 302 200 403 403 403 403 404",
        kwargs=mentor,
        method="post",
        data=lambda w: {"role": "pejabat", "on": "2024-06-01"},
    ),
    rule("accounts:person_deactivate", PEOPLE, kwargs=clerk),
    rule(
        "accounts:person_deactivate",
        PEOPLE_POST,
        kwargs=clerk,
        method="post",
        data=lambda w: {"reason": "Pindah tugas"},
    ),
    rule("accounts:person_deactivate", "302 200 404 403 403 403 403 404", kwargs=official),
    rule("accounts:person_deactivate", "302 200 200 403 403 403 403 404", kwargs=mentor),
    rule("accounts:person_reactivate", PEOPLE, kwargs=inactive_clerk),
    rule("accounts:person_reactivate", PEOPLE_POST, kwargs=inactive_clerk, method="post"),
    rule("accounts:person_password", PEOPLE, kwargs=clerk),
    rule("accounts:person_password", PEOPLE_POST, kwargs=clerk, method="post"),
    rule("accounts:person_password", "302 200 404 403 403 403 403 404", kwargs=official),
    rule("accounts:profile", EVERYONE),
    rule("accounts:password_reset", PUBLIC),
    # Bad input answers with the form again for everyone (the sending is tested in
    # tests/accounts/test_passwords.py: its redirect goes to a public page, not to the login).
    rule("accounts:password_reset", PUBLIC, method="post", data=lambda w: {"email": "bukan"}),
    rule("accounts:password_reset_done", PUBLIC),
    rule(
        "accounts:password_reset_confirm",
        PUBLIC,
        kwargs=lambda w: {"uidb64": "MQ", "token": "bukan-token"},
    ),
    # A made-up link: the 'link invalid' page for a POST as for a GET, and nothing changes.
    rule(
        "accounts:password_reset_confirm",
        PUBLIC,
        kwargs=lambda w: {"uidb64": "MQ", "token": "bukan-token"},
        method="post",
        data=lambda w: {"new_password1": "Tenun-Donggala-2024!", "new_password2": "x"},
    ),
    rule("accounts:password_reset_complete", PUBLIC),
]
