"""Each ``visible_to`` for each role: own rows in, the peer's rows out, unknown roles nothing."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from groups.models import IkmGroup, Kelurahan, LegalDocument, Member, Product, Theme
from marketing.models import Outlet, OutletStaff, Regency
from mentoring.models import Bank, MentorAssignment
from tests import factories

pytestmark = pytest.mark.django_db


def pks(queryset):
    return set(queryset.values_list("pk", flat=True))


@pytest.fixture
def nobody(db):
    """Signed in, but with no role at all."""
    return factories.UserFactory(username="tanpa-peran")


class TestGroups:
    def test_official_and_superuser_see_all(self, world):
        all_groups = {world.group.pk, world.other_group.pk}
        assert pks(IkmGroup.objects.visible_to(world.official)) == all_groups
        assert pks(IkmGroup.objects.visible_to(world.superuser)) == all_groups

    def test_mentor_sees_only_assigned_group(self, world):
        assert pks(IkmGroup.objects.visible_to(world.mentor)) == {world.group.pk}
        assert pks(IkmGroup.objects.visible_to(world.other_mentor)) == {world.other_group.pk}

    def test_perusda_sees_groups_as_consignment_partners(self, world):
        assert pks(IkmGroup.objects.visible_to(world.perusda)) == {
            world.group.pk,
            world.other_group.pk,
        }

    def test_clerk_unknown_role_and_anonymous_see_none(self, world, nobody):
        assert not IkmGroup.objects.visible_to(world.clerk).exists()
        assert not IkmGroup.objects.visible_to(nobody).exists()
        assert not IkmGroup.objects.visible_to(AnonymousUser()).exists()

    def test_ended_assignment_ends_access(self, world):
        assignment = MentorAssignment.objects.get(mentor=world.mentor)
        assignment.ends_on = timezone.localdate() - dt.timedelta(days=1)
        assignment.save()
        assert not IkmGroup.objects.visible_to(world.mentor).exists()

    def test_future_assignment_gives_no_access_yet(self, world):
        group = factories.IkmGroupFactory()
        factories.MentorAssignmentFactory(
            mentor=world.mentor, group=group, starts_on=timezone.localdate() + dt.timedelta(days=3)
        )
        assert pks(IkmGroup.objects.visible_to(world.mentor)) == {world.group.pk}

    def test_conditions_hold_for_the_same_assignment(self, world):
        """An ended assignment of this mentor plus another mentor's active one: no access."""
        group = factories.IkmGroupFactory()
        yesterday = timezone.localdate() - dt.timedelta(days=1)
        factories.MentorAssignmentFactory(
            mentor=world.mentor, group=group, starts_on=dt.date(2019, 1, 1), ends_on=yesterday
        )
        factories.MentorAssignmentFactory(mentor=world.other_mentor, group=group)
        assert group.pk not in pks(IkmGroup.objects.visible_to(world.mentor))
        assert group.pk in pks(IkmGroup.objects.visible_to(world.other_mentor))

    def test_inactive_user_sees_nothing(self, world):
        world.official.is_active = False
        world.official.save()
        assert not IkmGroup.objects.visible_to(world.official).exists()


class TestMembers:
    def test_official_sees_all(self, world):
        assert Member.objects.visible_to(world.official).count() == 2

    def test_mentor_sees_own_groups_members(self, world):
        visible = Member.objects.visible_to(world.mentor)
        assert {m.group_id for m in visible} == {world.group.pk}

    @pytest.mark.parametrize("role", ["clerk", "other_clerk", "perusda"])
    def test_outlet_roles_see_no_personal_data(self, world, role):
        assert not Member.objects.visible_to(getattr(world, role)).exists()

    def test_anonymous_and_unknown_see_none(self, world, nobody):
        assert not Member.objects.visible_to(AnonymousUser()).exists()
        assert not Member.objects.visible_to(nobody).exists()


class TestProducts:
    @pytest.mark.parametrize("role", ["official", "clerk", "other_clerk", "perusda"])
    def test_catalogue_roles_see_all(self, world, role):
        assert Product.objects.visible_to(getattr(world, role)).count() == 2

    def test_mentor_sees_own_groups_products(self, world):
        assert {p.group_id for p in Product.objects.visible_to(world.mentor)} == {world.group.pk}

    def test_anonymous_and_unknown_see_none(self, world, nobody):
        assert not Product.objects.visible_to(AnonymousUser()).exists()
        assert not Product.objects.visible_to(nobody).exists()


class TestLegalDocuments:
    def test_scoped_like_members(self, world, nobody):
        mine = factories.LegalDocumentFactory(group=world.group)
        theirs = factories.LegalDocumentFactory(group=world.other_group)
        assert pks(LegalDocument.objects.visible_to(world.official)) == {mine.pk, theirs.pk}
        assert pks(LegalDocument.objects.visible_to(world.mentor)) == {mine.pk}
        for user in (world.clerk, world.perusda, nobody, AnonymousUser()):
            assert not LegalDocument.objects.visible_to(user).exists()


class TestMentorAssignments:
    def test_official_sees_all_mentor_own(self, world, nobody):
        assert MentorAssignment.objects.visible_to(world.official).count() == 2
        assert {a.mentor_id for a in MentorAssignment.objects.visible_to(world.mentor)} == {
            world.mentor.pk
        }
        for user in (world.clerk, world.perusda, nobody, AnonymousUser()):
            assert not MentorAssignment.objects.visible_to(user).exists()


class TestOutlets:
    @pytest.mark.parametrize("role", ["official", "superuser", "perusda"])
    def test_program_roles_see_all(self, world, role):
        assert pks(Outlet.objects.visible_to(getattr(world, role))) == {
            world.outlet.pk,
            world.other_outlet.pk,
        }

    def test_clerk_sees_only_staffed_outlet(self, world):
        assert pks(Outlet.objects.visible_to(world.clerk)) == {world.outlet.pk}
        assert pks(Outlet.objects.visible_to(world.other_clerk)) == {world.other_outlet.pk}

    def test_clerk_moved_away_loses_outlet(self, world):
        post = OutletStaff.objects.get(user=world.clerk)
        post.ends_on = timezone.localdate() - dt.timedelta(days=1)
        post.save()
        assert not Outlet.objects.visible_to(world.clerk).exists()

    def test_mentor_unknown_and_anonymous_see_none(self, world, nobody):
        for user in (world.mentor, nobody, AnonymousUser()):
            assert not Outlet.objects.visible_to(user).exists()


class TestOutletStaff:
    def test_scoping(self, world, nobody):
        assert OutletStaff.objects.visible_to(world.official).count() == 2
        assert OutletStaff.objects.visible_to(world.perusda).count() == 2
        assert {s.user_id for s in OutletStaff.objects.visible_to(world.clerk)} == {world.clerk.pk}
        for user in (world.mentor, nobody, AnonymousUser()):
            assert not OutletStaff.objects.visible_to(user).exists()


@pytest.mark.parametrize("model", [Theme, Kelurahan, Regency, Bank])
def test_reference_data_is_read_by_every_signed_in_user(world, nobody, model):
    assert model.objects.visible_to(world.clerk).count() == model.objects.count()
    assert model.objects.visible_to(nobody).count() == model.objects.count()
    assert not model.objects.visible_to(AnonymousUser()).exists()
