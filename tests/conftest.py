"""Shared fixtures: settings for fast tests, one user per role, and the scoping world."""

import importlib
from dataclasses import dataclass, field

import factory.random
import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group

from accounts.roles_sync import sync_role_permissions
from core import roles
from groups import reference as groups_reference
from groups.models import Theme
from marketing import reference as marketing_reference
from marketing.models import Regency
from mentoring.models import CreditScheme
from tests import factories


@pytest.fixture(autouse=True)
def _seeded_factories(request):
    """Factories and Faker draw the same values for a test on every run, in any order."""
    factory.random.reseed_random(f"palu-ikm:{request.node.nodeid}")


@pytest.fixture(autouse=True)
def _fast_test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    # A slow machine must not turn one request of a query-count test into a session save.
    settings.SESSION_SEEN_WRITE_INTERVAL = 24 * 3600


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Reference data comes from data migrations; a transactional test's flush removes it."""
    names = request.fixturenames
    if "transactional_db" in names or "live_server" in names:
        request.getfixturevalue("transactional_db")
    elif "db" not in names and not request.node.get_closest_marker("django_db"):
        return
    else:
        request.getfixturevalue("db")
    ensure_reference_data()


def ensure_reference_data():
    if not Theme.objects.exists():
        groups_reference.load()
    if not Regency.objects.exists():
        marketing_reference.load()
    if not Group.objects.filter(name__in=roles.ALL).exists():
        sync_role_permissions()
    if not CreditScheme.objects.exists():
        # The KUR tiers and readiness thresholds are data migrations too.
        importlib.import_module("mentoring.migrations.0004_credit_seed").seed(django_apps, None)


@pytest.fixture
def role_group(db):
    def get(name: str) -> Group:
        return Group.objects.get_or_create(name=name)[0]

    return get


@pytest.fixture
def official(db):
    return factories.UserFactory(username="pejabat", role=roles.OFFICIAL)


@pytest.fixture
def mentor(db):
    return factories.UserFactory(username="pendamping1", role=roles.MENTOR)


@pytest.fixture
def other_mentor(db):
    return factories.UserFactory(username="pendamping2", role=roles.MENTOR)


@pytest.fixture
def clerk(db):
    return factories.UserFactory(username="kasir1", role=roles.CLERK)


@pytest.fixture
def other_clerk(db):
    return factories.UserFactory(username="kasir2", role=roles.CLERK)


@pytest.fixture
def perusda(db):
    return factories.UserFactory(username="perusda", role=roles.PERUSDA)


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="admin", is_superuser=True, is_staff=True)


@dataclass
class World:
    """Two of everything, so that every test can check 'own' against 'the peer's'.

    ``group`` is accompanied by ``mentor`` (pendamping1) only; ``other_group`` by
    ``other_mentor``. ``outlet`` is staffed by ``clerk`` (kasir1) only; ``other_outlet`` by
    ``other_clerk``.
    """

    users: dict
    group: object
    other_group: object
    outlet: object
    other_outlet: object
    extra: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.users[name]
        except KeyError:
            raise AttributeError(name) from None


@pytest.fixture
def world(official, mentor, other_mentor, clerk, other_clerk, perusda, superuser):
    group = factories.IkmGroupFactory(name="Kelompok Satu")
    other_group = factories.IkmGroupFactory(name="Kelompok Dua")
    factories.MentorAssignmentFactory(mentor=mentor, group=group)
    factories.MentorAssignmentFactory(mentor=other_mentor, group=other_group)
    factories.MemberFactory(group=group)
    factories.MemberFactory(group=other_group)
    factories.ProductFactory(group=group)
    factories.ProductFactory(group=other_group)
    outlet = factories.OutletFactory(name="Gerai Satu")
    other_outlet = factories.OutletFactory(name="Gerai Dua")
    factories.OutletStaffFactory(user=clerk, outlet=outlet)
    factories.OutletStaffFactory(user=other_clerk, outlet=other_outlet)
    return World(
        users={
            "official": official,
            "mentor": mentor,
            "other_mentor": other_mentor,
            "clerk": clerk,
            "other_clerk": other_clerk,
            "perusda": perusda,
            "superuser": superuser,
        },
        group=group,
        other_group=other_group,
        outlet=outlet,
        other_outlet=other_outlet,
    )
