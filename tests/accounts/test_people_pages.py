"""People list and person page: what officials and Perusda see, search, filters, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import services
from accounts.views import change_rows
from audit.services import REDACTED
from core import roles
from tests import factories
from tests.accounts.factories import LoginEventFactory, ProfileFactory

pytestmark = pytest.mark.django_db
LIST = reverse("accounts:person_list")


def listed(response):
    return {p.username for p in response.context["object_list"]}


def test_official_sees_everyone_with_role_and_organisation(client, world, bank):
    ProfileFactory(user=world.mentor, bank=bank)
    client.force_login(world.official)
    response = client.get(LIST)
    assert listed(response) == {u.username for u in world.users.values()}
    rows = {p.username: p for p in response.context["object_list"]}
    assert rows["pendamping1"].organisation == "Bank Sulteng"
    # no bank on the profile: the bank of the current assignments
    assert rows["pendamping2"].organisation == "Bank Uji"
    assert rows["kasir1"].organisation == "Gerai Satu"
    html = response.content.decode()
    assert "Bank Sulteng" in html and "Gerai Satu" in html and "Pendamping bank" in html


def test_perusda_sees_clerks_only_and_cannot_widen_with_a_role_filter(client, world):
    client.force_login(world.perusda)
    assert listed(client.get(LIST)) == {"kasir1", "kasir2"}
    assert listed(client.get(LIST, {"role": roles.OFFICIAL})) == {"kasir1", "kasir2"}
    assert listed(client.get(LIST, {"q": "pejabat"})) == set()


def test_search_and_filters(client, world, bank, other_bank):
    ProfileFactory(user=world.mentor, bank=bank)
    factories.MentorAssignmentFactory(mentor=world.other_mentor, bank=other_bank)
    world.other_clerk.is_active = False
    world.other_clerk.save()
    client.force_login(world.official)
    assert listed(client.get(LIST, {"q": world.mentor.last_name})) >= {"pendamping1"}
    assert listed(client.get(LIST, {"q": "kasir"})) == {"kasir1", "kasir2"}
    assert listed(client.get(LIST, {"role": roles.MENTOR})) == {"pendamping1", "pendamping2"}
    assert listed(client.get(LIST, {"bank": bank.pk})) == {"pendamping1"}
    assert listed(client.get(LIST, {"bank": other_bank.pk})) == {"pendamping2"}
    assert listed(client.get(LIST, {"outlet": world.outlet.pk})) == {"kasir1"}
    assert "kasir2" not in listed(client.get(LIST, {"status": "aktif"}))
    assert listed(client.get(LIST, {"status": "nonaktif"})) == {"kasir2"}
    # Nonsense in the query string narrows nothing and breaks nothing.
    assert client.get(LIST, {"bank": "x", "urut": "?", "status": "zz"}).status_code == 200


def test_sort_by_last_login_puts_never_logged_in_last(client, world):
    client.force_login(world.official)  # the only one with a last login
    factories.UserFactory(username="belum.pernah")
    people = list(client.get(LIST, {"urut": "masuk"}).context["object_list"])
    assert people[0].username == "pejabat"
    assert all(p.last_login is None for p in people[1:])


def make_people(n):
    outlet = factories.OutletFactory()
    for i in range(n):
        if i % 2:
            assignment = factories.MentorAssignmentFactory(
                mentor=factories.UserFactory(role=roles.MENTOR)
            )
            ProfileFactory(user=assignment.mentor)
        else:
            factories.OutletStaffFactory(
                user=factories.UserFactory(role=roles.CLERK), outlet=outlet
            )


def count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("params", [{}, {"q": "a", "role": roles.MENTOR, "status": "aktif"}])
def test_people_list_queries_do_not_grow(client, world, params):
    client.force_login(world.official)
    make_people(10)
    small = count_queries(client, LIST, params)
    make_people(60)
    assert count_queries(client, LIST, params) == small


def test_people_list_query_count(client, world, django_assert_num_queries):
    make_people(40)
    client.force_login(world.official)
    # session, user, savepoint + release (ATOMIC_REQUESTS), role names, count, the bank and
    # outlet choices of the filter form, page (profile and bank joined), role groups, current
    # assignments (bank, group joined), current outlet posts (outlet joined)
    with django_assert_num_queries(12):
        client.get(LIST)


def test_person_page_queries_do_not_grow(client, world):
    client.force_login(world.official)
    url = reverse("accounts:person_detail", args=[world.mentor.pk])
    small = count_queries(client, url)
    for _ in range(15):
        factories.MentorAssignmentFactory(mentor=world.mentor)
        LoginEventFactory(user=world.mentor)
        services.account_update(
            actor=world.official, user=world.mentor, first_name="A", last_name=str(_)
        )
    assert count_queries(client, url) == small


def test_person_page_shows_scope_logins_and_history_to_officials(client, world, bank):
    services.account_change_scope(
        actor=world.official,
        user=world.mentor,
        role=roles.MENTOR,
        bank=bank,
        groups=[world.group, world.other_group],
    )
    LoginEventFactory(user=world.mentor, ip_address="192.0.2.7")
    client.force_login(world.official)
    response = client.get(reverse("accounts:person_detail", args=[world.mentor.pk]))
    html = response.content.decode()
    assert world.other_group.name in html
    assert "192.0.2.7" in html
    assert 'data-testid="account-history"' in html
    assert "Peran atau cakupan diubah." in html
    assert world.official.get_full_name() in html  # who made the change
    assert response.context["can_manage"]


def test_perusda_reads_a_clerks_page_without_the_history(client, world):
    services.account_update(actor=world.perusda, user=world.clerk, first_name="Fitri")
    client.force_login(world.perusda)
    response = client.get(reverse("accounts:person_detail", args=[world.clerk.pk]))
    assert response.status_code == 200
    assert 'data-testid="account-history"' not in response.content.decode()


def test_official_sees_but_cannot_change_another_official(client, world):
    colleague = factories.UserFactory(role=roles.OFFICIAL)
    client.force_login(world.official)
    response = client.get(reverse("accounts:person_detail", args=[colleague.pk]))
    assert response.status_code == 200 and not response.context["can_manage"]
    assert reverse("accounts:person_deactivate", args=[colleague.pk]) not in (
        response.content.decode()
    )
    for name in ("person_update", "person_scope", "person_deactivate", "person_password"):
        assert client.get(reverse(f"accounts:{name}", args=[colleague.pk])).status_code == 404


def test_people_section_in_the_menu_for_officials_and_perusda_only(client, world):
    for name, shown in [("official", True), ("perusda", True), ("mentor", False), ("clerk", False)]:
        client.force_login(getattr(world, name))
        assert (LIST in client.get("/").content.decode()) is shown, name


def test_change_rows_read_like_a_sentence():
    rows = change_rows(
        {
            "scope": [None, {"role": "pendamping", "groups": ["IKM-01", "IKM-02"], "bank": ""}],
            "is_active": [True, False],
            "password": REDACTED,
        }
    )
    assert ("Peran", "—", "Pendamping bank") in rows
    assert ("Kelompok", "—", "IKM-01, IKM-02") in rows
    assert ("Bank", "—", "—") in rows
    assert ("Aktif", "Ya", "Tidak") in rows
    assert ("Kata sandi", "—", "(diganti)") in rows
