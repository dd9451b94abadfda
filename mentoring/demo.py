"""Demo data for mentoring: two partner banks and each demo mentor's groups."""

import datetime as dt

from django.contrib.auth import get_user_model

from mentoring import demo_credit, demo_sessions, demo_training
from mentoring.models import Bank, MentorAssignment

BANKS = [("BANK-SULTENG", "Bank Sulteng"), ("BRI", "Bank Rakyat Indonesia")]

# Disjoint sets of groups (by position in the demo list) for the two demo mentors.
MENTOR_GROUPS = {
    "pendamping1": ("BANK-SULTENG", range(0, 11, 2)),
    "pendamping2": ("BRI", range(1, 12, 2)),
}


def seed(ctx) -> None:
    groups = ctx.groups
    banks = {}
    for code, name in BANKS:
        banks[code], _created = Bank.objects.get_or_create(code=code, defaults={"name": name})
    users = get_user_model().objects.in_bulk(list(MENTOR_GROUPS), field_name="username")
    for username, (bank_code, indexes) in MENTOR_GROUPS.items():
        for index in indexes:
            group = groups[index]
            MentorAssignment.objects.get_or_create(
                mentor=users[username],
                group=group,
                bank=banks[bank_code],
                defaults={"starts_on": max(group.formed_on, dt.date(2018, 1, 1))},
            )
    demo_sessions.seed(ctx)
    demo_training.seed(ctx)
    demo_credit.seed(ctx)
