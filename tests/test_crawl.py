"""Crawl every link each demo account can reach: no server errors, and no peer's pages.

For each demo account the crawler follows the links of every page it is shown (a few URLs per
URL pattern, so that the crawl stays fast as the app grows). Then, for the two mentors and the
two clerks, every object URL one of them reached must answer 403 or 404 to the other, unless the
other reached the same URL on their own.

One test per account (the outlets' other clerks together), so that test processes share the
work; a process keeps each account's crawl for the peer checks that need it. The demo data is
the same in every process (``load_demo``), so a crawl holds wherever it ran.
"""

import re
from collections import Counter, deque
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import Resolver404, resolve

from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"#]*)')
SKIP_PREFIXES = ("/static/", "/media/", "/admin/")
PER_PATTERN = 3
MAX_PAGES = 600
NAMED_ACCOUNTS = ("admin", "pejabat", "pendamping1", "pendamping2", "kasir1", "kasir2", "perusda")
OTHER_ACCOUNTS = "other-accounts"  # every other demo account (the outlets' clerks)
PEERS = [("pendamping1", "pendamping2"), ("kasir1", "kasir2")]


def crawl(client, start="/", *, per_pattern_limit=PER_PATTERN, inspect=None):
    """Status code of every page reached from ``start``; ``inspect(url, response)`` sees each
    HTML page (the English crawl in tests/i18n checks the text of every page with it)."""
    seen: dict[str, int] = {}
    per_pattern: Counter = Counter()
    downloads: set = set()
    queue = deque([start])
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        try:
            match = resolve(urlsplit(url).path)
            name = match.view_name
            # A download (CSV, Excel, PDF) is fetched once per view and format: its filtered
            # variants run the query its list page already ran, and a big one takes seconds.
            variant = (name, *(v for v in match.kwargs.values() if not str(v).isdigit()))
        except Resolver404:
            name = variant = url
        if per_pattern[name] >= per_pattern_limit or variant in downloads:
            continue
        per_pattern[name] += 1
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code != 200:
            continue
        if "html" not in response.get("Content-Type", ""):
            downloads.add(variant)
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


_crawls: dict[str, dict[str, int]] = {}


def crawled(username: str, per_pattern_limit: int = PER_PATTERN) -> dict[str, int]:
    """What ``username`` reaches on the demo data: URL -> status code (kept for the process)."""
    if username not in _crawls:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        _crawls[username] = crawl(client, per_pattern_limit=per_pattern_limit)
    return _crawls[username]


@pytest.mark.parametrize("account", [*NAMED_ACCOUNTS, OTHER_ACCOUNTS])
def test_no_server_error_on_any_reachable_page(account):
    load_demo()
    if account == OTHER_ACCOUNTS:
        others = get_user_model().objects.exclude(username__in=NAMED_ACCOUNTS)
        usernames = list(others.order_by("username").values_list("username", flat=True))
        assert usernames, "the demo has accounts beyond the named ones"
    else:
        usernames = [account]
    # The outlets' other clerks share kasir1's role and pages, each with its own outlet: one URL
    # of each pattern is enough to prove their scope answers without an error.
    limit = 1 if account == OTHER_ACCOUNTS else PER_PATTERN
    for username in usernames:
        pages = crawled(username, limit)
        assert len(pages) > 1, f"{username}: the crawl found nothing but the start page"
        errors = {url: code for url, code in pages.items() if code >= 500}
        assert not errors, f"{username}: {errors}"


@pytest.mark.parametrize(("first", "second"), PEERS)
def test_peers_cannot_open_each_others_object_pages(first, second):
    load_demo()
    client = Client()
    for owner, peer in ((first, second), (second, first)):
        owned, peers_own = crawled(owner), crawled(peer)
        object_urls = [
            url
            for url, code in owned.items()
            if code == 200 and re.search(r"/\d+(/|$)", urlsplit(url).path) and url not in peers_own
        ]
        assert object_urls, f"{owner} reached no object page that {peer} did not"
        client.force_login(get_user_model().objects.get(username=peer))
        answers = {url: client.get(url).status_code for url in object_urls}
        assert not {u: c for u, c in answers.items() if c not in (403, 404)}, (owner, peer)
