"""Assignment, bank, training and apprenticeship forms under attack.

Valid base payloads are the access matrix's POST bodies (``tests/access_rules/mentoring_*.py``).
"""

from tests.access_rules import mentoring_assignments as assign_rules
from tests.access_rules import mentoring_training as rules
from tests.security.hostile.registry import form


def _no_score_out_of_range(row):
    for name in ("pre_score", "post_score"):
        value = getattr(row, name, None)
        assert value is None or 0 <= value <= 100, (name, value)


def _apprenticeship_sane(row):
    assert row.ends_on >= row.starts_on
    assert row.funding_amount is None or row.funding_amount >= 0


FORMS = [
    form(
        "assignment_create",
        "mentoring:assignment_create",
        assign_rules.assignment_data,
        ("mentoring.MentorAssignment",),
        dates=("starts_on",),
        choices=("group", "mentor", "bank"),
    ),
    form(
        "bank_create",
        "mentoring:bank_create",
        assign_rules.bank_data,
        ("mentoring.Bank",),
        text=("code", "name"),
        choices=("is_active",),
    ),
    form(
        "bank_theme_create",
        "mentoring:bank_theme_create",
        lambda w: {"theme": w.group.theme_id, "starts_on": "2024-01-01"},
        ("mentoring.BankTheme",),
        kwargs=assign_rules.bank,
        dates=("starts_on",),
        choices=("theme",),
    ),
    form(
        "training_create",
        "mentoring:training_create",
        rules.training_data,
        ("mentoring.Training",),
        text=("title", "description"),
        choices=("themes", "is_active"),
    ),
    form(
        "event_create",
        "mentoring:event_create",
        lambda w: {**rules.event_data(w), "note": "catatan"},
        ("mentoring.TrainingEvent",),
        kwargs=rules.training,
        text=("place", "facilitator", "note"),
        numbers=("capacity",),
        dates=("starts_on", "ends_on"),
        choices=("themes",),
    ),
    form(
        "participants_add",
        "mentoring:participants_add",
        lambda w: {"groups": [w.group.pk]},
        ("mentoring.TrainingParticipant",),
        kwargs=rules.event,
        choices=("groups", "members"),
        invariant=_no_score_out_of_range,
    ),
    form(
        "apprenticeship_create",
        "mentoring:apprenticeship_create",
        rules.apprenticeship_data,
        ("mentoring.Apprenticeship",),
        kwargs=rules.member,
        text=("host_name", "host_region", "learned", "outcome"),
        numbers=("funding_amount",),
        dates=("starts_on", "ends_on"),
        choices=("host_kind", "funding_source"),
        files=("outcome_report",),
        invariant=_apprenticeship_sane,
    ),
]
