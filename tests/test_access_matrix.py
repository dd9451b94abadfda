"""Every named URL × every role: the page gate (403), the scope (404) and the login (302).

Object URLs are built from the world's 'own' objects (pendamping1's group, kasir1's outlet), so
the columns ``other_mentor`` and ``other_clerk`` check that a peer cannot open them.
"""

import importlib
import pkgutil

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import access_rules
from tests.access import ROLES

# Namespaces with their own access control, checked by their own tests.
EXEMPT_NAMESPACES = {"admin"}


def _all_rules():
    rules = []
    for module_info in pkgutil.iter_modules(access_rules.__path__):
        module = importlib.import_module(f"{access_rules.__name__}.{module_info.name}")
        rules.extend(module.RULES)
    return rules


RULES = _all_rules()


def _named_urls(patterns=None, namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in EXEMPT_NAMESPACES:
                continue
            prefix = f"{namespace}{ns}:" if ns else namespace
            yield from _named_urls(entry.url_patterns, prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_has_a_rule():
    declared = {r.url_name for r in RULES}
    missing = sorted(set(_named_urls()) - declared)
    assert not missing, f"URLs without an access rule in tests/access_rules/: {missing}"


def test_every_rule_names_a_url():
    existing = set(_named_urls())
    unknown = sorted({r.url_name for r in RULES} - existing)
    assert not unknown, f"rules for URLs that do not exist: {unknown}"


CASES = [pytest.param(r, role, id=f"{r.id}-{role}") for r in RULES for role in ROLES]


@pytest.mark.parametrize(("access_rule", "role"), CASES)
def test_access(db, client, shared_world, access_rule, role):
    world = shared_world
    if role != "anonymous":
        client.force_login(getattr(world, role))
    kwargs = access_rule.kwargs(world) if access_rule.kwargs else {}
    url = reverse(access_rule.url_name, kwargs=kwargs)
    if access_rule.method == "post":
        data = access_rule.data(world) if access_rule.data else {}
        response = client.post(url, data)
    else:
        response = client.get(url)
    expected = access_rule.expected[role]
    assert response.status_code == expected, (
        f"{access_rule.id} as {role}: {response.status_code}, expected {expected}"
    )
    if role == "anonymous" and expected == 302:
        assert response["Location"].startswith(reverse("login"))


def test_every_url_that_accepts_post_has_a_post_rule(db, client, shared_world):
    """A view that does not answer POST with 405 must have its POST rows in the matrix.

    Found by asking, not by reading decorators: each URL without a POST rule is sent an empty
    POST as a superuser (past every role gate), inside a rolled-back savepoint. A page meant to
    be read only should say so (``require_GET``, or a class view without ``post``), which
    also keeps it from being used as a write endpoint by mistake.
    """
    world = shared_world
    with_post_rule = {r.url_name for r in RULES if r.method == "post"}
    first_rule = {}
    for r in RULES:
        first_rule.setdefault(r.url_name, r)
    missing = []
    for name in sorted(set(_named_urls()) - with_post_rule):
        access_rule = first_rule.get(name)
        if access_rule is None:
            continue  # reported by test_every_url_has_a_rule
        kwargs = access_rule.kwargs(world) if access_rule.kwargs else {}
        client.force_login(world.superuser)
        with transaction.atomic():
            response = client.post(reverse(name, kwargs=kwargs), {})
            transaction.set_rollback(True)
        if response.status_code != 405:
            missing.append(f"{name} (POST answered {response.status_code})")
    assert not missing, f"URLs that accept POST without a POST rule: {missing}"
