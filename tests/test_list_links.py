"""Paging and filter links work when followed from the rendered page, as a user clicks them.

Every link here is read from the HTML the list sent (by its text), never built by the test: a
link written ``href="?{% querystring %}"`` reads ``??page=2`` and shows page 1 again, and one
that removes the last parameter must still leave the filter.
"""

import datetime as dt
import re
from html import unescape

import pytest

from groups.models import IkmGroup
from mentoring.models import MentoringSession
from tests import factories
from tests.mentoring.factories_sessions import MentoringSessionFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>', re.S)


def link(response, text: str) -> str:
    """The address of the one link on the page whose visible text contains ``text``."""
    html = response.content.decode()
    found = [
        unescape(href)
        for href, inner in LINK.findall(html)
        if text in unescape(re.sub(r"<[^>]+>", "", inner))
    ]
    assert len(found) == 1, f"one link {text!r} expected, found {found}"
    href = found[0]
    assert href.startswith("/") and "??" not in href, href
    return href


def follow(client, response, text: str):
    follow.last_url = link(response, text)
    answer = client.get(follow.last_url)
    assert answer.status_code == 200, follow.last_url
    return answer


def codes(response) -> list[str]:
    return [group.code for group in response.context["page_obj"].object_list]


def test_numbered_pages_are_reached_by_their_links(client, official):
    factories.IkmGroupFactory.create_batch(60)  # three pages of 25
    client.force_login(official)
    first = client.get("/kelompok/")
    assert first.context["page_obj"].number == 1

    second = follow(client, first, "Berikutnya")
    assert second.context["page_obj"].number == 2
    assert not set(codes(second)) & set(codes(first))

    last = follow(client, second, "Terakhir")
    assert last.context["page_obj"].number == 3
    back = follow(client, last, "Sebelumnya")
    assert codes(back) == codes(second)
    assert codes(follow(client, back, "Pertama")) == codes(first)

    seen = set()
    page = first
    while True:
        seen |= set(codes(page))
        if not page.context["page_obj"].has_next():
            break
        page = follow(client, page, "Berikutnya")
    assert seen == set(IkmGroup.objects.values_list("code", flat=True))


def test_a_filter_is_kept_while_paging(client, official):
    theme_group = factories.IkmGroupFactory()
    factories.IkmGroupFactory.create_batch(30, theme=theme_group.theme)
    factories.IkmGroupFactory.create_batch(5)
    client.force_login(official)
    first = client.get(f"/kelompok/?tema={theme_group.theme_id}")
    expected = IkmGroup.objects.filter(theme=theme_group.theme).count()
    assert first.context["paginator"].count == expected
    second = follow(client, first, "Berikutnya")
    assert f"tema={theme_group.theme_id}" in follow.last_url
    assert second.context["paginator"].count == expected
    assert len(codes(first)) + len(codes(second)) == expected


def test_a_stage_badge_lists_that_stage_and_all_lists_every_stage(client, official):
    factories.IkmGroupFactory.create_batch(3, stage="mandiri")
    factories.IkmGroupFactory.create_batch(4, stage="formed")
    client.force_login(official)
    everything = client.get("/kelompok/")
    mandiri = follow(client, everything, "Mandiri:")
    assert "tahap=mandiri" in follow.last_url
    assert mandiri.context["paginator"].count == 3
    assert {g.stage for g in mandiri.context["page_obj"].object_list} == {"mandiri"}


def test_keyset_pages_are_reached_by_their_links(client):
    mentor = factories.UserFactory(role="pendamping")
    group = factories.IkmGroupFactory()
    start = dt.date(2024, 1, 1)
    for day in range(60):
        MentoringSessionFactory(mentor=mentor, group=group, held_on=start + dt.timedelta(day))
    client.force_login(mentor)
    first = client.get("/pendampingan/sesi/")
    shown = [s.pk for s in first.context["page_obj"].object_list]
    assert shown and len(shown) < 60

    seen = list(shown)
    page = first
    while "Berikutnya" in re.sub(r"<[^>]+>", "", page.content.decode()) and len(seen) < 60:
        page = follow(client, page, "Berikutnya")
        assert "setelah=" in follow.last_url
        seen += [s.pk for s in page.context["page_obj"].object_list]
    assert sorted(seen) == sorted(MentoringSession.objects.values_list("pk", flat=True))

    previous = follow(client, page, "Sebelumnya")
    assert "sebelum=" in follow.last_url
    assert [s.pk for s in previous.context["page_obj"].object_list] != [
        s.pk for s in page.context["page_obj"].object_list
    ]
    assert [s.pk for s in follow(client, previous, "Pertama").context["page_obj"].object_list] == (
        shown
    )
