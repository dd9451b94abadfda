import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from groups.models import IkmGroup
from marketing.models import Outlet
from marketing.services.staff import staff_assign, staff_end
from mentoring.services.assignments import assignment_end, assignment_start
from tests import factories

pytestmark = pytest.mark.django_db


def test_mentor_assignment_gives_and_ending_removes_access(world):
    group = factories.IkmGroupFactory()
    bank = factories.BankFactory()
    assignment = assignment_start(
        mentor=world.mentor, group=group, bank=bank, starts_on=dt.date(2024, 1, 1)
    )
    assert group in IkmGroup.objects.visible_to(world.mentor)
    with pytest.raises(ValidationError):
        assignment_start(mentor=world.mentor, group=group, bank=bank)
    assignment_end(assignment=assignment, ends_on=dt.date(2024, 6, 1))
    assert group not in IkmGroup.objects.visible_to(world.mentor)


def test_only_mentors_can_be_assigned(world):
    with pytest.raises(ValidationError):
        assignment_start(mentor=world.clerk, group=world.group, bank=factories.BankFactory())


def test_clerk_post_gives_and_ending_removes_outlet(world):
    outlet = factories.OutletFactory()
    post = staff_assign(user=world.clerk, outlet=outlet, starts_on=dt.date(2024, 1, 1))
    assert outlet in Outlet.objects.visible_to(world.clerk)
    with pytest.raises(ValidationError):
        staff_assign(user=world.clerk, outlet=outlet)
    with pytest.raises(ValidationError):
        staff_end(post=post, ends_on=dt.date(2023, 1, 1))
    staff_end(post=post, ends_on=dt.date(2024, 2, 1))
    assert outlet not in Outlet.objects.visible_to(world.clerk)


def test_only_clerks_can_be_posted(world):
    with pytest.raises(ValidationError):
        staff_assign(user=world.mentor, outlet=world.outlet)
