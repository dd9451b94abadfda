"""Keyset pages: every row exactly once, in order, forwards and backwards, one query a page."""

import datetime as dt

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from core.pagination import (
    KeysetPaginator,
    capped_count,
    decode_cursor,
    encode_cursor,
)
from groups.models import IkmGroup, Theme
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    themes = list(Theme.objects.order_by("pk")[:3])
    rows = []
    for n in range(23):
        rows.append(
            factories.IkmGroupFactory(
                theme=themes[n % 3],
                formed_on=dt.date(2018, 1, 1) + dt.timedelta(days=n // 4),  # ties of four
            )
        )
    return rows


ORDERINGS = [("-formed_on", "-id"), ("formed_on", "id"), ("theme", "-formed_on", "id"), ("-pk",)]


def in_order(ordering):
    """The rows in that order; a foreign key sorts by its column (not the theme's name)."""
    return list(IkmGroup.objects.order_by(*[f.replace("theme", "theme_id") for f in ordering]))


def walk_forward(paginator):
    page = paginator.page()
    seen = [list(page)]
    while page.has_next:
        page = paginator.page(after=page.next_cursor)
        seen.append(list(page))
    return seen


@pytest.mark.parametrize("ordering", ORDERINGS)
def test_forward_pages_hold_every_row_once_in_order(groups, ordering):
    expected = in_order(ordering)
    pages = walk_forward(KeysetPaginator(IkmGroup.objects.all(), ordering, per_page=5))
    assert [len(p) for p in pages] == [5, 5, 5, 5, 3]
    assert [row for page in pages for row in page] == expected


@pytest.mark.parametrize("ordering", ORDERINGS)
def test_backward_from_the_last_page(groups, ordering):
    expected = in_order(ordering)
    paginator = KeysetPaginator(IkmGroup.objects.all(), ordering, per_page=5)
    page = paginator.page(last=True)
    assert list(page) == expected[-5:]
    assert page.is_last and not page.has_next and page.has_previous
    pages = [list(page)]
    while page.has_previous:
        page = paginator.page(before=page.previous_cursor)
        pages.insert(0, list(page))
    # Back at the start, the first page is the one the list opens with (full, overlapping).
    assert pages[0] == expected[:5]
    assert [row for p in pages[1:] for row in p] == expected[3:]


def test_flags_and_cursors_of_first_and_next_pages(groups):
    paginator = KeysetPaginator(IkmGroup.objects.all(), ("code", "id"), per_page=10)
    first = paginator.page()
    assert first.has_next and not first.has_previous and first.previous_cursor is None
    second = paginator.page(after=first.next_cursor)
    assert second.has_previous and second.has_next
    back = paginator.page(before=second.previous_cursor)
    assert list(back) == list(first)


def test_filtered_queryset_and_empty_list(groups):
    theme = groups[0].theme
    queryset = IkmGroup.objects.filter(theme=theme)
    pages = walk_forward(KeysetPaginator(queryset, ("-formed_on", "-id"), per_page=3))
    assert sum(len(p) for p in pages) == queryset.count() == 8
    empty = KeysetPaginator(IkmGroup.objects.none(), ("-id",)).page()
    assert list(empty) == [] and not empty.has_other_pages()


def test_one_query_a_page_without_offset_or_count(groups):
    paginator = KeysetPaginator(IkmGroup.objects.all(), ("-formed_on", "-id"), per_page=5)
    first = paginator.page()
    for kwargs in ({}, {"after": first.next_cursor}, {"last": True}):
        with CaptureQueriesContext(connection) as queries:
            list(paginator.page(**kwargs))
        assert len(queries) == 1
        sql = queries[0]["sql"].upper()
        assert "OFFSET" not in sql and "COUNT(" not in sql


def test_a_deep_page_starts_its_scan_at_the_cursor(groups):
    """The first key is bounded on its own (``<=``), so an index range scan can start there."""
    paginator = KeysetPaginator(IkmGroup.objects.all(), ("-formed_on", "-id"), per_page=5)
    cursor = paginator.page().next_cursor
    with CaptureQueriesContext(connection) as queries:
        paginator.page(after=cursor)
    assert '"formed_on" <=' in queries[0]["sql"]


@pytest.mark.parametrize(
    "cursor", ["", "garbage!", encode_cursor(["x"]), encode_cursor(["2018-01-01", "abc"]), "e30"]
)
def test_a_bad_cursor_shows_the_first_page(groups, cursor):
    paginator = KeysetPaginator(IkmGroup.objects.all(), ("-formed_on", "-id"), per_page=5)
    assert list(paginator.page(after=cursor)) == list(paginator.page())


def test_cursor_round_trip_keeps_types():
    values = [dt.datetime(2024, 5, 1, 8, 30, tzinfo=dt.UTC), 42]
    assert decode_cursor(encode_cursor(values)) == ["2024-05-01T08:30:00Z", 42]
    assert decode_cursor("%%%") is None


def test_page_from_request(groups):
    paginator = KeysetPaginator(IkmGroup.objects.all(), ("code", "id"), per_page=5)
    request = RequestFactory().get("/", {"terakhir": "1"})
    assert (
        list(paginator.page_from_request(request))
        == list(IkmGroup.objects.order_by("code", "id"))[-5:]
    )


def test_capped_count(groups):
    assert capped_count(IkmGroup.objects.all(), cap=100) == (23, True)
    assert capped_count(IkmGroup.objects.all(), cap=10) == (10, False)
    with CaptureQueriesContext(connection) as queries:
        capped_count(IkmGroup.objects.all(), cap=10)
    assert "LIMIT 11" in queries[0]["sql"]


def test_paginator_count_is_capped(groups, settings):
    paginator = KeysetPaginator(IkmGroup.objects.all(), ("-id",), per_page=5)
    assert paginator.count == 23
