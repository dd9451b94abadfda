"""Who sees and who changes which accounts (Person.visible_to / manageable_by), and logins."""

import pytest
from django.contrib.auth.models import Group

from accounts.models import LoginEvent, Person, managed_roles
from core import roles
from tests import factories
from tests.accounts.factories import LoginEventFactory

pytestmark = pytest.mark.django_db


def ids(queryset):
    return set(queryset.values_list("pk", flat=True))


def test_officials_and_superusers_see_every_account(world):
    everyone = ids(Person.objects.all())
    assert ids(Person.objects.visible_to(world.official)) == everyone
    assert ids(Person.objects.visible_to(world.superuser)) == everyone


def test_perusda_sees_clerks_only(world):
    # A clerk who also holds another role is not 'a clerk only': Perusda does not see them.
    double = factories.UserFactory(role=roles.CLERK)
    double.groups.add(Group.objects.get(name=roles.MENTOR))
    no_role = factories.UserFactory()
    visible = ids(Person.objects.visible_to(world.perusda))
    assert visible == {world.clerk.pk, world.other_clerk.pk}
    assert double.pk not in visible and no_role.pk not in visible


def test_perusda_still_sees_a_deactivated_clerk(world):
    gone = factories.UserFactory(role=roles.CLERK, is_active=False)
    assert gone.pk in ids(Person.objects.visible_to(world.perusda))


@pytest.mark.parametrize("role", ["mentor", "other_mentor", "clerk", "other_clerk"])
def test_mentors_and_clerks_see_no_accounts_not_even_their_own(world, role):
    assert not Person.objects.visible_to(getattr(world, role)).exists()


def test_inactive_official_sees_nothing(world):
    world.official.is_active = False
    world.official.save()
    assert not Person.objects.visible_to(world.official).exists()


def test_official_manages_mentors_clerks_and_roleless_accounts_only(world):
    no_role = factories.UserFactory()
    staff = factories.UserFactory(is_staff=True)
    manageable = ids(Person.objects.manageable_by(world.official))
    assert manageable == {
        world.mentor.pk,
        world.other_mentor.pk,
        world.clerk.pk,
        world.other_clerk.pk,
        no_role.pk,
    }
    assert world.official.pk not in manageable  # not even themself
    assert world.perusda.pk not in manageable and world.superuser.pk not in manageable
    assert staff.pk not in manageable


def test_perusda_manages_clerks_only(world):
    assert ids(Person.objects.manageable_by(world.perusda)) == {
        world.clerk.pk,
        world.other_clerk.pk,
    }


def test_superuser_manages_everyone_but_themself(world):
    manageable = ids(Person.objects.manageable_by(world.superuser))
    assert manageable == ids(Person.objects.exclude(pk=world.superuser.pk))


@pytest.mark.parametrize("role", ["mentor", "clerk", "other_clerk"])
def test_mentors_and_clerks_manage_nobody(world, role):
    assert not Person.objects.manageable_by(getattr(world, role)).exists()
    assert managed_roles(getattr(world, role)) == frozenset()


def test_managed_roles(world):
    assert managed_roles(world.superuser) == frozenset(roles.ALL)
    assert managed_roles(world.official) == {roles.MENTOR, roles.CLERK}
    assert managed_roles(world.perusda) == {roles.CLERK}


def test_login_events_own_for_mentors_and_clerks_all_for_officials(world):
    events = {name: LoginEventFactory(user=getattr(world, name)) for name in world.users}
    everyone = {e.pk for e in events.values()}
    assert ids(LoginEvent.objects.visible_to(world.official)) == everyone
    for name in ("mentor", "other_mentor", "clerk", "other_clerk"):
        assert ids(LoginEvent.objects.visible_to(getattr(world, name))) == {events[name].pk}
    assert ids(LoginEvent.objects.visible_to(world.perusda)) == {
        events["perusda"].pk,
        events["clerk"].pk,
        events["other_clerk"].pk,
    }


def test_role_permissions_include_the_people_pages(world):
    official = world.official
    assert official.has_perm("accounts.view_person") and official.has_perm("accounts.add_person")
    assert world.perusda.has_perm("accounts.change_person")
    assert not world.mentor.has_perm("accounts.view_person")
    assert not world.clerk.has_perm("accounts.view_person")
