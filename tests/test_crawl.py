"""Crawl every link each demo account can reach: no server errors, and no peer's pages.

For each demo account the crawler follows the links of every page it is shown (a few URLs per
URL pattern, so that the crawl stays fast as the app grows). Then, for the two mentors and the
two clerks, every object URL one of them reached must answer 403 or 404 to the other, unless the
other reached the same URL on their own.
"""

import re
from collections import Counter, deque
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

from tests.conftest import ensure_reference_data
from tests.demo_snapshot import load_demo

HREF = re.compile(r'href="([^"#]*)')
SKIP_PREFIXES = ("/static/", "/media/", "/admin/")
PER_PATTERN = 3
MAX_PAGES = 600


def crawl(client, start="/", *, per_pattern_limit=PER_PATTERN, inspect=None):
    """Status code of every page reached from ``start``; ``inspect(url, response)`` sees each
    HTML page (the English crawl in tests/i18n checks the text of every page with it)."""
    seen: dict[str, int] = {}
    per_pattern: Counter = Counter()
    queue = deque([start])
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        try:
            name = resolve(urlsplit(url).path).view_name
        except Resolver404:
            name = url
        if per_pattern[name] >= per_pattern_limit:
            continue
        per_pattern[name] += 1
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        if inspect is not None:
            inspect(url, response)
        for href in HREF.findall(response.content.decode()):
            href = unescape(href)
            if href.startswith("?"):
                href = urlsplit(url).path + href
            if href.startswith("/") and not href.startswith(SKIP_PREFIXES) and href not in seen:
                queue.append(href)
    return seen


@pytest.fixture(scope="module")
def crawled(django_db_setup, django_db_blocker):
    """Each demo account's crawl, and what each peer got for the other's object pages.

    Crawling takes a minute: it runs once for the module, inside a transaction rolled back at
    the end, and the tests below only read what it saw.
    """
    User = get_user_model()
    with django_db_blocker.unblock(), transaction.atomic():
        ensure_reference_data()
        load_demo()
        client = Client()
        pages = {}
        for user in User.objects.order_by("username"):
            client.force_login(user)
            pages[user.username] = crawl(client)
            client.logout()
        peer_answers = {}
        for first, second in PEERS:
            for owner, peer in ((first, second), (second, first)):
                object_urls = [
                    url
                    for url, code in pages[owner].items()
                    if code == 200
                    and re.search(r"/\d+(/|$)", urlsplit(url).path)
                    and url not in pages[peer]
                ]
                client.force_login(User.objects.get(username=peer))
                peer_answers[owner, peer] = {
                    url: client.get(url).status_code for url in object_urls
                }
                client.logout()
        transaction.set_rollback(True)
    return pages, peer_answers


def test_no_server_error_on_any_reachable_page(crawled):
    pages_by_user, _ = crawled
    for username, pages in pages_by_user.items():
        assert len(pages) > 1, f"{username}: the crawl found nothing but the start page"
        errors = {url: code for url, code in pages.items() if code >= 500}
        assert not errors, f"{username}: {errors}"


PEERS = [("pendamping1", "pendamping2"), ("kasir1", "kasir2")]


def test_peers_cannot_open_each_others_object_pages(crawled):
    _, peer_answers = crawled
    assert set(peer_answers) == {(a, b) for x, y in PEERS for a, b in ((x, y), (y, x))}
    for (owner, peer), answers in peer_answers.items():
        assert answers, f"{owner} reached no object page that {peer} did not"
        assert not {u: c for u, c in answers.items() if c not in (403, 404)}, (owner, peer)
