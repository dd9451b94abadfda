"""Site-level pages: health check, home per role, roles and permissions, error pages."""

from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.db import OperationalError
from django.urls import reverse

from core import roles
from core.formatting import format_rupiah
from groups.models import Stage
from tests import factories

pytestmark = pytest.mark.django_db


def test_healthz_ok(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_503_when_database_unreachable(client):
    with mock.patch("core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_official_home_counts_from_records(client, world):
    factories.IkmGroupFactory(stage=Stage.MANDIRI)
    factories.IkmGroupFactory(is_active=False)
    client.force_login(world.official)
    response = client.get(reverse("home"))
    assert response.context["group_count"] == 3
    stages = {value: count for value, _label, count in response.context["stages"]}
    assert stages[Stage.MANDIRI] == 1 and stages[Stage.FORMED] == 2
    assert response.context["member_count"] == 2
    assert response.context["outlet_count"] == 2


def test_mentor_home_lists_only_own_groups(client, world):
    client.force_login(world.mentor)
    response = client.get(reverse("home"))
    assert list(response.context["groups"]) == [world.group]
    assert world.other_group.name not in response.content.decode()


def test_clerk_home_shows_only_own_outlet(client, world):
    client.force_login(world.clerk)
    response = client.get(reverse("home"))
    assert list(response.context["outlets"]) == [world.outlet]
    assert world.other_outlet.name not in response.content.decode()


def test_user_without_role_is_told_so(client):
    client.force_login(factories.UserFactory())
    response = client.get(reverse("home"))
    assert "belum diberi peran" in response.content.decode()


def test_unknown_url_is_an_indonesian_404(client, world):
    client.force_login(world.official)
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_role_groups_hold_exactly_their_declared_permissions():
    for role in roles.ALL:
        group = Group.objects.get(name=role)
        held = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert held == set(roles.PERMISSIONS[role])


def test_every_declared_permission_exists():
    for role, perms in roles.PERMISSIONS.items():
        for dotted in perms:
            app_label, codename = dotted.split(".")
            assert Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).exists(), f"{role}: {dotted} does not exist"


def test_superuser_passes_every_role_gate(world):
    assert roles.has_any(world.superuser, {roles.CLERK})
    assert roles.is_official(world.superuser)


def test_bank_account_is_for_officials_and_the_perusda_manager_only(world):
    """The one rule the profile, the group export, the payout slip and the dossier follow."""
    seen = {name: roles.sees_bank_account(user) for name, user in world.users.items()}
    seen["anonymous"] = roles.sees_bank_account(AnonymousUser())
    assert {name for name, sees in seen.items() if sees} == {"superuser", "official", "perusda"}


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (1250000, "Rp 1.250.000"),
        (0, "Rp 0"),
        (-5000, "-Rp 5.000"),
        (None, "–"),
        ("999.6", "Rp 1.000"),
    ],
)
def test_rupiah_format(amount, shown):
    assert format_rupiah(amount) == shown
