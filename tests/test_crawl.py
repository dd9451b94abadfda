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
from django.core.management import call_command
from django.urls import Resolver404, resolve

pytestmark = pytest.mark.django_db

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


@pytest.fixture
def crawled(client):
    call_command("seed_demo", verbosity=0)
    results = {}
    for user in get_user_model().objects.order_by("username"):
        client.force_login(user)
        results[user.username] = crawl(client)
        client.logout()
    return results


def test_no_server_error_on_any_reachable_page(crawled):
    for username, pages in crawled.items():
        assert len(pages) > 1, f"{username}: the crawl found nothing but the start page"
        errors = {url: code for url, code in pages.items() if code >= 500}
        assert not errors, f"{username}: {errors}"


PEERS = [("pendamping1", "pendamping2"), ("kasir1", "kasir2")]


def test_peers_cannot_open_each_others_object_pages(client, crawled):
    User = get_user_model()
    for first, second in PEERS:
        for owner, peer in ((first, second), (second, first)):
            object_urls = [
                url
                for url, code in crawled[owner].items()
                if code == 200
                and re.search(r"/\d+(/|$)", urlsplit(url).path)
                and url not in crawled[peer]
            ]
            client.force_login(User.objects.get(username=peer))
            leaks = {url: client.get(url).status_code for url in object_urls}
            assert not {u: c for u, c in leaks.items() if c not in (403, 404)}, (owner, peer)
