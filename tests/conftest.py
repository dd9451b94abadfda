"""Shared fixtures: settings for fast tests, one user per role, and the scoping world."""

import importlib
from dataclasses import dataclass, field

import factory.random
import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import override_settings

from accounts.roles_sync import sync_role_permissions
from core import roles
from groups import reference as groups_reference
from groups.models import Theme
from marketing import reference as marketing_reference
from marketing.models import Regency
from mentoring.models import CreditScheme
from tests import factories

# Tests whose outcome does not depend on the database engine, run once in CI (on PostgreSQL,
# the production engine; `make test` runs them like any other):
# - what the page does in Chromium (browser journeys), the translation catalogue and the
#   English pages, the code rules (they read the source);
# - who may open which URL (the access matrix: decorators and `visible_to` filters on ids, the
#   same rows on every engine) and how many queries a page runs (the ORM issues the same
#   queries on both engines; the tests prove the count does not grow with the rows).
# Everything that meets an engine's own behaviour (aggregates, dates, money sums, locks,
# constraints, hostile input, the crawl of the demo) runs on both.
ENGINE_INDEPENDENT = (
    "tests/browser/",
    "tests/i18n/test_catalogue.py",
    "tests/i18n/test_english_pages.py",
    "tests/test_code_rules.py",
    "tests/test_access_matrix.py",
    "tests/test_query_counts_all.py",
    "tests/groups/test_query_counts.py",
    "tests/mentoring/test_training_query_counts.py",
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.nodeid.startswith(ENGINE_INDEPENDENT):
            item.add_marker(pytest.mark.engine_independent)


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


def populate_world(users: dict) -> World:
    """Two groups, two outlets, one mentor and one clerk each: the world of the scoping tests."""
    group = factories.IkmGroupFactory(name="Kelompok Satu")
    other_group = factories.IkmGroupFactory(name="Kelompok Dua")
    factories.MentorAssignmentFactory(mentor=users["mentor"], group=group)
    factories.MentorAssignmentFactory(mentor=users["other_mentor"], group=other_group)
    factories.MemberFactory(group=group)
    factories.MemberFactory(group=other_group)
    factories.ProductFactory(group=group)
    factories.ProductFactory(group=other_group)
    outlet = factories.OutletFactory(name="Gerai Satu")
    other_outlet = factories.OutletFactory(name="Gerai Dua")
    factories.OutletStaffFactory(user=users["clerk"], outlet=outlet)
    factories.OutletStaffFactory(user=users["other_clerk"], outlet=other_outlet)
    return World(
        users=users,
        group=group,
        other_group=other_group,
        outlet=outlet,
        other_outlet=other_outlet,
    )


def build_world() -> World:
    """The world with its users, outside the function-scoped fixtures (see test_access_matrix)."""
    return populate_world(
        {
            "official": factories.UserFactory(username="pejabat", role=roles.OFFICIAL),
            "mentor": factories.UserFactory(username="pendamping1", role=roles.MENTOR),
            "other_mentor": factories.UserFactory(username="pendamping2", role=roles.MENTOR),
            "clerk": factories.UserFactory(username="kasir1", role=roles.CLERK),
            "other_clerk": factories.UserFactory(username="kasir2", role=roles.CLERK),
            "perusda": factories.UserFactory(username="perusda", role=roles.PERUSDA),
            "superuser": factories.UserFactory(username="admin", is_superuser=True, is_staff=True),
        }
    )


@pytest.fixture(scope="module")
def shared_world(request, django_db_setup, django_db_blocker):
    """The world, built once per module and test process, for modules of many small cases.

    It is written inside a transaction that stays open for the module; each test's own
    transaction (pytest-django's ``db``, which the test must request) nests inside it as a
    savepoint and is rolled back, so nothing a test writes reaches the next one, and the
    module's rollback leaves the database as it found it. Not for tests that flush the
    database (``transactional_db``, ``live_server``).
    """
    fast_hasher = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast_hasher):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            ensure_reference_data()
            factory.random.reseed_random(f"palu-ikm:shared-world:{request.module.__name__}")
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(official, mentor, other_mentor, clerk, other_clerk, perusda, superuser):
    return populate_world(
        {
            "official": official,
            "mentor": mentor,
            "other_mentor": other_mentor,
            "clerk": clerk,
            "other_clerk": other_clerk,
            "perusda": perusda,
            "superuser": superuser,
        }
    )
