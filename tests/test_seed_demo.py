from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from accounts.demo import ACCOUNTS, DEMO_PASSWORD
from core import roles
from groups.models import IkmGroup, Member, Product
from groups.validators import validate_nik
from marketing.models import Outlet, OutletStaff, Regency
from mentoring.models import Bank, MentorAssignment
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.django_db

MODELS = [get_user_model(), IkmGroup, Member, Product, Bank, MentorAssignment, Outlet, OutletStaff]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seed_demo_twice_creates_nothing_new():
    call_command("seed_demo", verbosity=0)
    first = counts()
    call_command("seed_demo", verbosity=0)
    assert counts() == first


def test_demo_data_has_the_program_shape():
    load_demo()
    groups = IkmGroup.objects.all()
    assert groups.count() == 22
    assert Counter(g.theme.code for g in groups) == dict.fromkeys({g.theme.code for g in groups}, 2)
    assert len({g.theme_id for g in groups}) == 11
    assert all(g.kelurahan.code.startswith("72.71.") for g in groups)
    for group in groups:
        assert 5 <= group.members.count() <= 15
        assert 1 <= group.products.count() <= 4
    for member in Member.objects.all():
        validate_nik(member.nik)
    assert Bank.objects.count() == 2
    outlets = Outlet.objects.select_related("regency")
    assert outlets.count() == 12
    assert {o.regency_id for o in outlets} == set(
        Regency.objects.filter(kind=Regency.Kind.KABUPATEN).values_list("pk", flat=True)
    )


def test_demo_accounts_roles_and_disjoint_scopes():
    load_demo()
    User = get_user_model()
    for username in ACCOUNTS:
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)
    users = {u.username: u for u in User.objects.all()}
    assert users["admin"].is_superuser
    assert roles.primary_role(users["pejabat"]) == roles.OFFICIAL
    assert roles.primary_role(users["perusda"]) == roles.PERUSDA
    mine = set(IkmGroup.objects.visible_to(users["pendamping1"]).values_list("pk", flat=True))
    theirs = set(IkmGroup.objects.visible_to(users["pendamping2"]).values_list("pk", flat=True))
    assert mine and theirs and not mine & theirs
    banks = {
        name: set(
            MentorAssignment.objects.filter(mentor=users[name]).values_list("bank", flat=True)
        )
        for name in ("pendamping1", "pendamping2")
    }
    assert len(banks["pendamping1"]) == 1 and banks["pendamping1"] != banks["pendamping2"]
    outlet1 = set(Outlet.objects.visible_to(users["kasir1"]).values_list("pk", flat=True))
    outlet2 = set(Outlet.objects.visible_to(users["kasir2"]).values_list("pk", flat=True))
    assert len(outlet1) == 1 and len(outlet2) == 1 and outlet1 != outlet2
