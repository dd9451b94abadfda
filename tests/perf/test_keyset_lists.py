"""The trade lists that grow with time page by keyset: every row once, in order, no OFFSET."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketing.models import DailyClosing, Delivery, Settlement

pytestmark = pytest.mark.django_db

LISTS = [
    ("marketing:delivery_list", Delivery, ("-sent_on", "-id")),
    ("marketing:closing_list", DailyClosing, ("-business_date", "outlet")),
    ("marketing:settlement_list", Settlement, ("-month", "group")),
]


@pytest.fixture
def perusda_client(client):
    call_command(
        "seed_scale", sales=1500, days=120, seed=3, end=dt.date(2026, 6, 30), stdout=io.StringIO()
    )
    client.force_login(User.objects.get(username="sk_perusda"))
    return client


def walk(client, url):
    """Follow the 'next' links from the first page to the last; the rows and queries seen."""
    seen, queries, response = [], [], client.get(url)
    while True:
        page = response.context["page_obj"]
        seen += [row.pk for row in page.object_list]
        if not page.has_next:
            return seen, queries
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"setelah": page.next_cursor})
        assert response.status_code == 200
        queries.append([q["sql"] for q in captured.captured_queries])


@pytest.mark.parametrize(("name", "model", "ordering"), LISTS)
def test_every_row_once_in_order_with_the_same_queries_on_every_page(
    perusda_client, name, model, ordering
):
    user = User.objects.get(username="sk_perusda")
    expected = list(model.objects.visible_to(user).order_by(*ordering).values_list("pk", flat=True))
    seen, queries = walk(perusda_client, reverse(name))
    assert len(queries) >= 1, "the seeded rows fill more than one page"
    assert seen == expected
    assert len({len(page) for page in queries}) == 1
    for sql in (s for page in queries for s in page):
        assert " OFFSET " not in sql.upper()


@pytest.mark.parametrize(("name", "model", "ordering"), LISTS)
def test_the_last_page_is_the_end_of_the_list(perusda_client, name, model, ordering):
    user = User.objects.get(username="sk_perusda")
    expected = list(model.objects.visible_to(user).order_by(*ordering).values_list("pk", flat=True))
    response = perusda_client.get(reverse(name), {"terakhir": "1"})
    page = response.context["page_obj"]
    shown = [row.pk for row in page.object_list]
    assert shown == expected[-len(shown) :]
    assert not page.has_next and page.has_previous
