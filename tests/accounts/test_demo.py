import pytest
from django.core.management import call_command

from accounts.demo import ACCOUNTS
from accounts.models import LoginEvent, Person, Profile
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.django_db


def test_demo_accounts_get_a_profile_once_and_are_not_held_at_first_login():
    load_demo()
    first = (Profile.objects.count(), LoginEvent.objects.count(), Person.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Profile.objects.count(), LoginEvent.objects.count(), Person.objects.count()) == first
    profiles = Profile.objects.filter(user__username__in=ACCOUNTS)
    assert profiles.count() == len(ACCOUNTS)
    assert not profiles.filter(must_change_password=True).exists()
    assert len(set(profiles.values_list("phone", flat=True))) == len(ACCOUNTS)
