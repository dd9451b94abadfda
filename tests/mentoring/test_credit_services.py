"""Credit applications: limits of the schemes, the legal steps, and the step to mandiri."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import AuditEvent
from groups.models import Stage, StageChange
from mentoring.models import CreditApplication, CreditScheme
from mentoring.services import credit as services
from tests import factories
from tests.mentoring.factories_credit import CreditApplicationFactory, kur

pytestmark = pytest.mark.django_db
Status = CreditApplication.Status


@pytest.fixture
def group(mentor):
    group = factories.IkmGroupFactory(stage=Stage.CREDIT_READY, stage_since=dt.date(2023, 1, 1))
    factories.MentorAssignmentFactory(mentor=mentor, group=group)
    return group


@pytest.fixture
def bank():
    return factories.BankFactory()


def create(user, group, bank, amount="25000000", scheme="KUR-MIKRO", **kwargs):
    return services.credit_application_create(
        user=user,
        group=group,
        bank=bank,
        scheme=kur(scheme),
        amount_requested=Decimal(amount),
        **kwargs,
    )


def test_kur_tiers_are_seeded_with_their_limits():
    limits = {s.code: (s.min_amount, s.max_amount) for s in CreditScheme.objects.all()}
    assert limits["KUR-SUPER-MIKRO"] == (1, 10_000_000)
    assert limits["KUR-MIKRO"] == (10_000_001, 100_000_000)
    assert limits["KUR-KECIL"] == (100_000_001, 500_000_000)


@pytest.mark.parametrize(
    ("scheme", "amount", "ok"),
    [
        ("KUR-SUPER-MIKRO", "10000000", True),
        ("KUR-SUPER-MIKRO", "10000001", False),
        ("KUR-MIKRO", "10000000", False),
        ("KUR-MIKRO", "10000001", True),
        ("KUR-MIKRO", "100000000", True),
        ("KUR-KECIL", "100000000", False),
        ("KUR-KECIL", "500000000", True),
        ("KUR-KECIL", "500000001", False),
    ],
)
def test_amount_must_lie_within_the_scheme_limits(mentor, group, bank, scheme, amount, ok):
    if ok:
        assert create(mentor, group, bank, amount, scheme).status == Status.DRAFT
    else:
        with pytest.raises(ValidationError) as error:
            create(mentor, group, bank, amount, scheme)
        assert "amount_requested" in error.value.message_dict
        assert not CreditApplication.objects.exists()


def test_a_banks_own_scheme_needs_that_bank(mentor, group, bank):
    other = factories.BankFactory(code="BRI", name="BRI")
    scheme = CreditScheme.objects.create(
        code="BRI-KECIL", name="Kredit BRI", bank=other, min_amount=1, max_amount=10**9
    )
    with pytest.raises(ValidationError) as error:
        services.credit_application_create(
            user=mentor, group=group, bank=bank, scheme=scheme, amount_requested=Decimal(5)
        )
    assert "scheme" in error.value.message_dict


def test_mentor_cannot_record_for_a_group_not_theirs(mentor, bank):
    foreign = factories.IkmGroupFactory()
    with pytest.raises(PermissionDenied):
        create(mentor, foreign, bank)


def test_ended_assignment_ends_the_right_to_record(mentor, bank):
    group = factories.IkmGroupFactory()
    factories.MentorAssignmentFactory(
        mentor=mentor, group=group, ends_on=timezone.localdate() - dt.timedelta(days=1)
    )
    with pytest.raises(PermissionDenied):
        create(mentor, group, bank)


def test_clerk_cannot_record(clerk, group, bank):
    with pytest.raises(PermissionDenied):
        create(clerk, group, bank)


def test_official_records_for_any_group(official, bank):
    application = create(official, factories.IkmGroupFactory(), bank)
    assert application.recorded_by == official


def test_full_path_to_disbursement_and_mandiri(mentor, group, bank):
    today = timezone.localdate()
    application = create(mentor, group, bank)
    services.credit_application_submit(
        user=mentor, application=application, submitted_on=today - dt.timedelta(days=20)
    )
    approved = services.credit_application_approve(
        user=mentor,
        application=application,
        amount_approved=Decimal("20000000"),
        decided_on=today - dt.timedelta(days=5),
    )
    assert approved.status == Status.APPROVED
    group.refresh_from_db()
    assert group.stage == Stage.MANDIRI
    assert group.stage_since == today - dt.timedelta(days=5)
    change = StageChange.objects.get(group=group, to_stage=Stage.MANDIRI)
    assert change.automatic and change.decided_by == mentor
    assert change.from_stage == Stage.CREDIT_READY
    assert "KUR Mikro" in change.reason and "Bank Uji" in change.reason

    disbursed = services.credit_application_disburse(
        user=mentor, application=application, disbursed_on=today
    )
    assert disbursed.status == Status.DISBURSED
    # Mandiri once: the payout adds no second roadmap step.
    assert StageChange.objects.filter(group=group, to_stage=Stage.MANDIRI).count() == 1


def test_every_step_is_in_the_audit_trail_with_who(mentor, group, bank):
    application = create(mentor, group, bank)
    services.credit_application_submit(user=mentor, application=application)
    events = AuditEvent.objects.filter(model="creditapplication", object_id=str(application.pk))
    assert [e.action for e in events.order_by("id")] == ["create", "update"]
    assert {e.actor for e in events} == {mentor}
    assert events.order_by("id").last().changes["status"] == ["draft", "submitted"]


def test_approval_dated_before_the_current_stage_is_recorded_on_its_start(official, bank):
    group = factories.IkmGroupFactory(stage=Stage.MENTORED, stage_since=timezone.localdate())
    application = CreditApplicationFactory(group=group, submitted=True, bank=bank)
    services.credit_application_approve(
        user=official,
        application=application,
        amount_approved=Decimal(1000),
        decided_on=dt.date(2024, 2, 1),
    )
    change = StageChange.objects.get(group=group, to_stage=Stage.MANDIRI)
    assert change.changed_on == timezone.localdate()


def test_rejection_needs_the_banks_reason_and_leaves_the_stage(mentor, group, bank):
    application = CreditApplicationFactory(group=group, bank=bank, submitted=True)
    with pytest.raises(ValidationError) as error:
        services.credit_application_reject(user=mentor, application=application, note=" ")
    assert "note" in error.value.message_dict
    rejected = services.credit_application_reject(
        user=mentor, application=application, note="Agunan belum cukup"
    )
    assert rejected.status == Status.REJECTED
    group.refresh_from_db()
    assert group.stage == Stage.CREDIT_READY


ILLEGAL = [
    ("draft", "approve"),
    ("draft", "reject"),
    ("draft", "disburse"),
    ("submitted", "submit"),
    ("submitted", "disburse"),
    ("approved", "submit"),
    ("approved", "approve"),
    ("approved", "reject"),
    ("rejected", "approve"),
    ("rejected", "disburse"),
    ("rejected", "submit"),
    ("disbursed", "disburse"),
    ("disbursed", "reject"),
]


def _at(status, group, bank):
    traits = {
        "draft": {},
        "submitted": {"submitted": True},
        "approved": {"approved": True},
        "rejected": {
            "status": Status.REJECTED,
            "submitted_on": dt.date(2024, 1, 10),
            "decided_on": dt.date(2024, 2, 1),
            "note": "Ditolak",
        },
        "disbursed": {
            "approved": True,
            "status": Status.DISBURSED,
            "disbursed_on": dt.date(2024, 3, 1),
        },
    }[status]
    return CreditApplicationFactory(group=group, bank=bank, **traits)


def _step(step, user, application):
    call = {
        "submit": lambda: services.credit_application_submit(user=user, application=application),
        "approve": lambda: services.credit_application_approve(
            user=user, application=application, amount_approved=Decimal(1000)
        ),
        "reject": lambda: services.credit_application_reject(
            user=user, application=application, note="Tidak layak"
        ),
        "disburse": lambda: services.credit_application_disburse(
            user=user, application=application
        ),
    }
    return call[step]()


@pytest.mark.parametrize(("status", "step"), ILLEGAL)
def test_illegal_transitions_are_refused_with_a_reason(mentor, group, bank, status, step):
    application = _at(status, group, bank)
    before = CreditApplication.objects.filter(pk=application.pk).values().get()
    with pytest.raises(ValidationError) as error:
        _step(step, mentor, application)
    label = str(Status(status).label)
    assert label in " ".join(error.value.messages)
    assert CreditApplication.objects.filter(pk=application.pk).values().get() == before
    assert not StageChange.objects.filter(group=group, to_stage=Stage.MANDIRI).exists()


def test_a_submitted_application_can_no_longer_be_edited(mentor, group, bank):
    application = CreditApplicationFactory(group=group, bank=bank, submitted=True)
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        services.credit_application_update(
            user=mentor, application=application, amount_requested=Decimal("30000000")
        )


def test_a_draft_can_be_corrected_within_the_limits(mentor, group, bank):
    application = create(mentor, group, bank)
    updated = services.credit_application_update(
        user=mentor, application=application, amount_requested=Decimal("90000000")
    )
    assert updated.amount_requested == 90_000_000
    with pytest.raises(ValidationError):
        services.credit_application_update(
            user=mentor, application=application, amount_requested=Decimal("100000001")
        )


def test_approved_amount_cannot_exceed_the_amount_asked(mentor, group, bank):
    application = CreditApplicationFactory(group=group, bank=bank, submitted=True)
    with pytest.raises(ValidationError) as error:
        services.credit_application_approve(
            user=mentor, application=application, amount_approved=Decimal("25000001")
        )
    assert "amount_approved" in error.value.message_dict
    approved = services.credit_application_approve(
        user=mentor, application=application, amount_approved=Decimal("25000000")
    )
    assert approved.amount_approved == approved.amount_requested


@pytest.mark.parametrize(
    ("field", "call"),
    [
        (
            "decided_on",
            lambda u, a: services.credit_application_approve(
                user=u, application=a, amount_approved=Decimal(1), decided_on=dt.date(2024, 1, 9)
            ),
        ),
        (
            "decided_on",
            lambda u, a: services.credit_application_reject(
                user=u,
                application=a,
                note="x",
                decided_on=timezone.localdate() + dt.timedelta(days=1),
            ),
        ),
    ],
)
def test_decision_dates_must_be_plausible(mentor, group, bank, field, call):
    application = CreditApplicationFactory(group=group, bank=bank, submitted=True)
    with pytest.raises(ValidationError) as error:
        call(mentor, application)
    assert field in error.value.message_dict


def test_disbursement_not_before_the_decision(mentor, group, bank):
    application = CreditApplicationFactory(group=group, bank=bank, approved=True)
    with pytest.raises(ValidationError) as error:
        services.credit_application_disburse(
            user=mentor, application=application, disbursed_on=dt.date(2024, 1, 31)
        )
    assert "disbursed_on" in error.value.message_dict


def test_database_refuses_an_approved_amount_above_the_request(group, bank):
    application = CreditApplicationFactory(group=group, bank=bank, approved=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        CreditApplication.objects.filter(pk=application.pk).update(
            amount_approved=Decimal("25000001")
        )


def test_database_refuses_approved_without_a_decision_date(group, bank):
    application = CreditApplicationFactory(group=group, bank=bank, submitted=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        CreditApplication.objects.filter(pk=application.pk).update(status=Status.APPROVED)
