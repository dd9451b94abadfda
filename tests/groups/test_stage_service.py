import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core import timeline
from groups.models import Stage, StageChange
from groups.services import group_change_stage
from tests import factories

pytestmark = pytest.mark.django_db


def test_change_is_recorded_and_moves_the_group(official):
    group = factories.IkmGroupFactory(stage=Stage.FORMED, stage_since=dt.date(2020, 1, 1))
    change = group_change_stage(
        group=group,
        to_stage=Stage.CAPACITY,
        reason="Pelatihan produksi selesai",
        changed_on=dt.date(2021, 5, 3),
        decided_by=official,
    )
    group.refresh_from_db()
    assert (group.stage, group.stage_since) == (Stage.CAPACITY, dt.date(2021, 5, 3))
    assert (change.from_stage, change.to_stage, change.decided_by) == (
        Stage.FORMED,
        Stage.CAPACITY,
        official,
    )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"to_stage": "bogus"}, "to_stage"),
        ({"reason": "   "}, "reason"),
        ({"to_stage": Stage.FORMED}, "to_stage"),
        ({"changed_on": dt.date(2019, 12, 31)}, "changed_on"),
        ({"changed_on": timezone.localdate() + dt.timedelta(days=1)}, "changed_on"),
    ],
)
def test_bad_changes_are_refused_and_change_nothing(kwargs, field):
    group = factories.IkmGroupFactory(stage=Stage.FORMED, stage_since=dt.date(2020, 1, 1))
    args = {"group": group, "to_stage": Stage.MENTORED, "reason": "alasan"} | kwargs
    with pytest.raises(ValidationError) as excinfo:
        group_change_stage(**args)
    assert field in excinfo.value.message_dict
    group.refresh_from_db()
    assert group.stage == Stage.FORMED
    assert not StageChange.objects.exists()


def test_stage_changes_appear_on_the_timeline(official):
    group = factories.IkmGroupFactory(stage_since=dt.date(2020, 1, 1))
    group_change_stage(group=group, to_stage=Stage.MANDIRI, reason="KUR disetujui", automatic=True)
    entries = timeline.entries_for(group, official)
    assert [e.kind for e in entries] == ["stage"]
    assert "Mandiri" in entries[0].title and "otomatis" in entries[0].detail


def test_mandiri_by_hand_needs_a_credit_the_bank_granted(official):
    from tests.mentoring.factories_credit import CreditApplicationFactory

    group = factories.IkmGroupFactory(stage=Stage.CREDIT_READY, stage_since=dt.date(2020, 1, 1))
    CreditApplicationFactory(group=group, submitted=True)  # the bank has not decided
    with pytest.raises(ValidationError) as excinfo:
        group_change_stage(
            group=group, to_stage=Stage.MANDIRI, reason="Sudah mandiri", decided_by=official
        )
    assert "menyetujui atau mencairkan" in str(excinfo.value.message_dict["to_stage"])
    group.refresh_from_db()
    assert group.stage == Stage.CREDIT_READY and not StageChange.objects.exists()
    CreditApplicationFactory(group=group, approved=True)
    group_change_stage(
        group=group, to_stage=Stage.MANDIRI, reason="KUR disetujui", decided_by=official
    )
    group.refresh_from_db()
    assert group.stage == Stage.MANDIRI
