"""Lists and pages run the same number of queries with 10 and with 200 groups.

Each data set has members of both sexes, products, papers, a BAST with two items and an
inspection per group, all visible to the mentor too, so that every relation the templates touch
is exercised.
"""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.models import IkmGroup
from tests import factories
from tests.groups.factories import EquipmentCheckFactory, EquipmentFactory, HandoverFactory

pytestmark = pytest.mark.django_db


SERIALS = itertools.count(1)


def build(size, mentor):
    groups = factories.IkmGroupFactory.create_batch(size)
    for group in groups:
        factories.MentorAssignmentFactory(mentor=mentor, group=group)
        factories.MemberFactory(group=group, sex="M")
        factories.MemberFactory(group=group, sex="F", nik=factories._nik(next(SERIALS), "F"))
        factories.ProductFactory(group=group)
        factories.LegalDocumentFactory(group=group, kind="sku", expires_on=dt.date(2020, 6, 1))
        bast = HandoverFactory(group=group)
        EquipmentCheckFactory(equipment=EquipmentFactory(handover=bast))
        EquipmentFactory(handover=bast, in_use=False)
    return groups


def count(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


PAGES = [
    ("groups:group_list", {}),
    ("groups:group_list", {"q": "Kelompok", "urut": "-anggota"}),
    ("groups:equipment_list", {}),
    ("groups:equipment_list", {"kondisi": "good", "urut": "nilai"}),
    ("groups:equipment_overdue", {}),
    ("groups:document_status", {}),
]


@pytest.mark.parametrize("role", ["official", "mentor"])
def test_list_pages_do_not_grow_with_the_data(client, official, mentor, role):
    client.force_login(official if role == "official" else mentor)
    build(10, mentor)
    small = {f"{name} {params}": count(client, reverse(name), params) for name, params in PAGES}
    build(190, mentor)
    assert IkmGroup.objects.count() == 200
    large = {f"{name} {params}": count(client, reverse(name), params) for name, params in PAGES}
    assert large == small


# Exact counts for the two busiest lists (official), listed so that a change has to say why:
# session, user, SAVEPOINT (ATOMIC_REQUESTS), role names, then
#   group list: page count, per stage, per theme, RELEASE, choice lists of the filter (themes,
#               kecamatan, kelurahan), the page's rows (members counted in subqueries);
#   register:   budget years (filter choices), page count, totals, the tabs' badges (one
#               aggregate), RELEASE, choice lists (themes, groups), the page's rows.
EXACT = {"groups:group_list": 12, "groups:equipment_list": 12}


@pytest.mark.parametrize("url_name", list(EXACT))
def test_exact_query_counts(client, official, mentor, url_name, django_assert_num_queries):
    build(10, mentor)
    client.force_login(official)
    with django_assert_num_queries(EXACT[url_name]):
        client.get(reverse(url_name))


def test_profile_and_bast_pages_do_not_grow_with_members_and_items(client, official, mentor):
    group = build(1, mentor)[0]
    client.force_login(official)
    bast = group.handovers.first()
    item = bast.items.first()
    urls = [
        reverse("groups:group_detail", args=[group.pk]),
        reverse("groups:handover_detail", args=[bast.pk]),
        reverse("groups:equipment_detail", args=[item.pk]),
        reverse("groups:record_history", args=["ikmgroup", group.pk]),
    ]
    before = [count(client, url) for url in urls]
    for n in range(40):
        factories.MemberFactory(group=group, nik=f"7271011005{n + 10:02d}0001")
        factories.ProductFactory(group=group)
        factories.LegalDocumentFactory(group=group, kind="npwp")
        EquipmentCheckFactory(equipment=EquipmentFactory(handover=bast))
        EquipmentCheckFactory(equipment=item)
        group.name = f"Nama {n}"
        group.save()
    assert [count(client, url) for url in urls] == before
