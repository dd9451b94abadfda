"""Every page, every role: the same number of SQL queries with little data and with a lot.

Registry-driven: the pages are the GET rows of the access matrix (``tests/access_rules/``) that
answer 200 to the role, so a new page is checked as soon as it has its access rule. The world grows
twice (``grow``), first a little so that every list has rows, then a lot, and each role's pages
are counted after each: a batch from ``seed_scale`` is put in the role's scope (the mentor is
assigned its groups, the clerk posted to its outlets) and the world's own group and outlet take
over the rows of a seeded group and outlet (members, products, sale lines, deliveries, sessions,
reports, sales, stock...). The counts must not change.
"""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groups.models import IkmGroup
from marketing.models import Outlet, OutletStaff, ReceiptSequence, Sale
from mentoring.models import MentorAssignment
from tests.test_access_matrix import RULES

pytestmark = pytest.mark.django_db

ROLES = ["superuser", "official", "mentor", "clerk", "perusda"]

# Pages whose count may legitimately differ, with the reason.
SKIP: dict[str, str] = {
    # One query per kind of record the page's 50 events name (people, groups, outlets...), to
    # show names instead of ids: bounded by the number of models, never by the number of events
    # (tests/audit/test_readable_trail.py counts it with few and many events).
    "audit:event_list": "names of the records the events refer to: one query per kind",
}

# Relations the growth does not move: moving them would change who may see what.
SCOPE_MODELS = {MentorAssignment, OutletStaff, ReceiptSequence}


def _pages(world, role):
    pages, made = {}, {}
    for rule in RULES:
        if rule.method != "get" or rule.expected.get(role) != 200 or rule.url_name in SKIP:
            continue
        # One object per kwargs function: several rules share one (e.g. a report's pages).
        if rule.kwargs and rule.kwargs not in made:
            made[rule.kwargs] = rule.kwargs(world)
        kwargs = made[rule.kwargs] if rule.kwargs else {}
        pages[reverse(rule.url_name, kwargs=kwargs)] = rule.url_name
    return pages


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            for _chunk in response.streaming_content:
                pass
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return len(queries)


def _move(parent_model, source, target, shift):
    """Point every row of ``source``'s one-to-many relations at ``target`` (where the database
    allows it: a row that would break a unique rule stays where it is)."""
    for rel in parent_model._meta.related_objects:
        model = rel.related_model
        if not rel.one_to_many or model in SCOPE_MODELS or model._meta.auto_created:
            continue
        name = rel.field.name
        changes = {name: target}
        if model is Sale:
            changes["number"] = F("number") + shift  # receipt numbers are unique per outlet
        try:
            with transaction.atomic():
                model._base_manager.filter(**{name: source}).update(**changes)
        except IntegrityError:
            pass


def grow(world, prefix, sales, days):
    """More rows in every list the world's users see, and under the world's own objects."""
    end = timezone.localdate() - dt.timedelta(days=2)
    call_command("seed_scale", sales=sales, days=days, end=end, prefix=prefix, stdout=io.StringIO())
    groups = list(IkmGroup.objects.filter(code__startswith=f"{prefix}-").order_by("code"))
    outlets = list(Outlet.objects.filter(code__startswith=f"{prefix}-").order_by("code"))
    bank = MentorAssignment.objects.filter(mentor=world.mentor).first().bank
    today = timezone.localdate()
    MentorAssignment.objects.bulk_create(
        MentorAssignment(mentor=world.mentor, bank=bank, group=g, starts_on=today) for g in groups
    )
    OutletStaff.objects.bulk_create(
        OutletStaff(user=world.clerk, outlet=o, starts_on=today) for o in outlets
    )
    shift = 100_000 * len(world.extra.setdefault("grown", [None]))
    world.extra["grown"].append(prefix)
    _move(IkmGroup, groups[0], world.group, shift)
    _move(Outlet, outlets[0], world.outlet, shift)
    for group in groups[1:6]:  # history rows, hence audit events
        group.notes = "diperbarui"
        group.save()


@pytest.mark.parametrize("role", ROLES)
def test_every_page_runs_the_same_queries_with_more_data(client, world, role):
    pages = _pages(world, role)
    assert pages, f"no page answers 200 to {role}"
    client.force_login(world.users[role])
    # Long enough that every list has rows in the small set too (e.g. settlements already
    # overdue): an empty list skips its prefetches, which is not growth.
    grow(world, "SA", sales=300, days=200)
    small = {url: _count(client, url) for url in pages}
    grow(world, "SB", sales=1500, days=400)
    large = {url: _count(client, url) for url in pages}
    grew = {
        f"{pages[url]} {url}": (small[url], large[url]) for url in pages if small[url] != large[url]
    }  # noqa: E501
    assert not grew, f"{role}: query counts (small, large) changed: {grew}"
