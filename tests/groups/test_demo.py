"""The registry's demo data: every roadmap stage, papers with gaps, equipment."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from groups.models import (
    Equipment,
    EquipmentCheck,
    Handover,
    IkmGroup,
    LegalDocument,
    Stage,
    StageChange,
)
from mentoring.models import CreditApplication
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.django_db

MODELS = [StageChange, LegalDocument, Handover, Equipment, EquipmentCheck]


@pytest.fixture
def seeded():
    load_demo()


def test_second_run_adds_nothing(seeded):
    first = {m.__name__: m.objects.count() for m in MODELS}
    call_command("seed_demo", verbosity=0)
    assert {m.__name__: m.objects.count() for m in MODELS} == first
    assert all(first.values())


def test_every_stage_with_a_history(seeded):
    stages = set(IkmGroup.objects.values_list("stage", flat=True))
    assert stages == set(Stage.values)
    # Mandiri is never seeded as a stage: only a granted credit application leads there.
    for group in IkmGroup.objects.filter(stage=Stage.MANDIRI):
        assert group.credit_applications.filter(
            status__in=[CreditApplication.Status.APPROVED, CreditApplication.Status.DISBURSED]
        ).exists(), group.code
    for group in IkmGroup.objects.all():
        changes = list(group.stage_changes.order_by("changed_on", "id"))
        assert changes[0].to_stage == Stage.FORMED and changes[-1].to_stage == group.stage
        assert changes[-1].changed_on == group.stage_since <= timezone.localdate()


def test_mentored_and_credit_ready_groups_have_mentors(seeded):
    for group in IkmGroup.objects.filter(stage__in=[Stage.MENTORED, Stage.CREDIT_READY]):
        assert group.mentor_assignments.exists(), group.code


def test_documents_have_gaps_expired_and_expiring_papers(seeded):
    assert IkmGroup.objects.with_document_problems(problem="missing").exists()
    assert IkmGroup.objects.with_document_problems(problem="expired").exists()
    assert IkmGroup.objects.with_document_problems(problem="expiring").exists()
    assert IkmGroup.objects.exclude(
        pk__in=IkmGroup.objects.with_document_problems().values("pk")
    ).exists()


def test_equipment_per_group_with_basts_mismatches_and_overdue_checks(seeded):
    for group in IkmGroup.objects.all():
        assert Handover.objects.filter(group=group).exists()
    assert (
        Handover.objects.filter(items__isnull=False).distinct().count() == Handover.objects.count()
    )
    assert Equipment.objects.filter(mismatch=True).exclude(mismatch_note="").exists()
    assert Equipment.objects.check_overdue().exists()
    assert Equipment.objects.not_in_use().exists()
    # Most items were checked recently: overdue is the exception, not the rule.
    assert Equipment.objects.check_overdue().count() < Equipment.objects.count() / 4
