"""Hostile values in every search and filter box of every page, for every role that opens it.

The boxes are read from the pages themselves (each ``<form method="get">``'s fields), so a new
filter is covered as soon as it is drawn. Each hostile value goes into every field at once, then
the page must answer 200 (or redirect), never a server error, and never echo a payload raw.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.security.hostile import values
from tests.test_access_matrix import RULES

pytestmark = pytest.mark.django_db

HOSTILE = (
    values.LONG,
    "nul\x00byte",
    values.XSS,
    values.XSS_ATTR,
    values.EMOJI,
    values.RTL,
    "' OR '1'='1' --",
    "%_\\",
    "-1",
    "1e309",
    "99999999999999999999999999",
    "9999-99-99",
    "0001-01",
)
ROLES = ("official", "mentor", "clerk", "perusda")


class GetForms(HTMLParser):
    """The names of the fields of the page's GET forms that submit to the page itself."""

    def __init__(self, path):
        super().__init__()
        self.path, self.inside, self.names = path, False, set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            method = (attrs.get("method") or "get").lower()
            action = attrs.get("action") or ""
            self.inside = method == "get" and action in ("", self.path, "?", ".")
        elif (
            self.inside
            and tag in ("input", "select", "textarea")
            and attrs.get("name")
            and (attrs.get("type") or "text") not in ("submit", "button", "file")
        ):
            self.names.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def _pages(world, role):
    made, pages = {}, []
    for rule in RULES:
        if rule.method != "get" or rule.expected.get(role) != 200:
            continue
        if rule.kwargs and rule.kwargs not in made:
            made[rule.kwargs] = rule.kwargs(world)
        pages.append(reverse(rule.url_name, kwargs=made.get(rule.kwargs, {})))
    return sorted(set(pages))


@pytest.mark.parametrize("role", ROLES)
def test_hostile_searches_and_filters(client, world, role):
    client.force_login(getattr(world, role))
    problems, checked = [], 0
    for url in _pages(world, role):
        response = client.get(url)
        if response.streaming or "html" not in response.get("Content-Type", ""):
            continue
        forms = GetForms(url)
        forms.feed(response.content.decode())
        names = forms.names - {"next", "csrfmiddlewaretoken"}
        if not names:
            continue
        for value in HOSTILE:
            checked += 1
            answer = client.get(url, dict.fromkeys(names, value))
            body = b"" if answer.streaming else answer.content
            if answer.status_code not in (200, 302):
                problems.append(f"{url} {value[:20]!r}: {answer.status_code}")
            elif any(marker.encode() in body for marker in values.RAW_MARKERS):
                problems.append(f"{url} {value[:20]!r}: payload echoed raw")
    print(f"{role}: {checked // len(HOSTILE)} pages with filters")
    assert checked >= 5 * len(HOSTILE), f"only {checked} searches found for {role}"
    assert not problems, "\n".join(problems)
