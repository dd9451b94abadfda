"""Access rules of banks and mentor assignments: officials manage, a mentor reads their own."""

import datetime as dt

from django.utils import timezone

from groups.models import Theme
from mentoring.models import BankTheme
from tests import factories
from tests.access import OFFICIAL_ONLY, rule

READERS = "302 200 200 200 200 403 403 403"
OFFICIAL_POST = "302 302 302 403 403 403 403 403"


def today():
    return timezone.localdate()


def own_assignment(w):
    return {"pk": w.group.mentor_assignments.get(mentor=w.mentor).pk}


def bank(w):
    return {"pk": factories.BankFactory().pk}


def bank_theme(w):
    link = BankTheme.objects.create(
        bank=factories.BankFactory(), theme=Theme.objects.first(), starts_on=dt.date(2020, 1, 1)
    )
    return {"pk": link.pk}


def assignment_data(w):
    return {
        "group": factories.IkmGroupFactory().pk,
        "mentor": w.mentor.pk,
        "bank": factories.BankFactory().pk,
        "starts_on": today().isoformat(),
    }


def bank_data(w):
    return {"code": "BNI", "name": "Bank Negara Indonesia", "is_active": "on"}


RULES = [
    rule("mentoring:assignment_list", READERS),
    rule("mentoring:assignment_create", OFFICIAL_ONLY),
    rule("mentoring:assignment_create", OFFICIAL_POST, method="post", data=assignment_data),
    rule("mentoring:assignment_stop", OFFICIAL_ONLY, kwargs=own_assignment),
    rule(
        "mentoring:assignment_stop",
        OFFICIAL_POST,
        kwargs=own_assignment,
        method="post",
        data=lambda w: {"last_day": (today() - dt.timedelta(days=1)).isoformat()},
    ),
    rule("mentoring:bank_list", OFFICIAL_ONLY),
    rule("mentoring:bank_create", OFFICIAL_ONLY),
    rule("mentoring:bank_create", OFFICIAL_POST, method="post", data=bank_data),
    rule("mentoring:bank_update", OFFICIAL_ONLY, kwargs=bank),
    rule("mentoring:bank_update", OFFICIAL_POST, kwargs=bank, method="post", data=bank_data),
    rule("mentoring:bank_theme_create", OFFICIAL_ONLY, kwargs=bank),
    rule(
        "mentoring:bank_theme_create",
        OFFICIAL_POST,
        kwargs=bank,
        method="post",
        data=lambda w: {"theme": Theme.objects.first().pk, "starts_on": today().isoformat()},
    ),
    rule("mentoring:bank_theme_end", OFFICIAL_ONLY, kwargs=bank_theme),
    rule(
        "mentoring:bank_theme_end",
        OFFICIAL_POST,
        kwargs=bank_theme,
        method="post",
        data=lambda w: {"ends_on": today().isoformat()},
    ),
]
