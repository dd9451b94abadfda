"""The language switcher: Indonesian by default, English on request, and the choice is kept."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def _switch(client, language, next_url="/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def test_indonesian_is_the_default(client, official):
    client.force_login(official)
    html = client.get("/").content.decode()
    assert '<html lang="id">' in html
    assert "Ikhtisar program IKM" in html


def test_a_browser_asking_for_english_gets_english(client, official):
    client.force_login(official)
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="en">' in html
    assert "IKM program overview" in html


@pytest.mark.parametrize("signed_in", [True, False])
def test_the_switcher_is_on_every_page_and_on_the_login_page(client, official, signed_in):
    if signed_in:
        client.force_login(official)
        path = reverse("groups:group_list") + "?tahap=formed"
    else:
        path = reverse("login")
    html = client.get(path).content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assert 'name="language" value="en"' in html
    assert 'name="language" value="id"' in html
    # It comes back to the page it was on, query string included.
    assert f'name="next" value="{path.replace("&", "&amp;")}"' in html


def test_switching_to_english_keeps_the_page_and_the_choice(client, official):
    client.force_login(official)
    page = reverse("groups:group_list") + "?tahap=formed"
    response = _switch(client, "en", page)
    assert response.status_code == 302
    assert response["Location"] == page
    cookie = client.cookies[COOKIE]
    assert cookie.value == "en"
    # The choice outlives the browser session: a cookie with an expiry, not a session cookie.
    assert int(cookie["max-age"]) >= 300 * 24 * 3600
    assert cookie["httponly"]
    html = client.get(page, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert '<html lang="en">' in html
    assert "Groups" in html or "Group" in html
    # The active language is marked in the switcher.
    assert 'value="en" lang="en"' in html
    assert html.count('aria-pressed="true"') == 1


def test_switching_back_to_indonesian(client, official):
    client.force_login(official)
    _switch(client, "en")
    _switch(client, "id")
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="id">' in html
    assert "Ikhtisar program IKM" in html


def test_the_choice_survives_signing_out_and_in(client, official):
    """The cookie, not the session, holds the language: the login page is English too."""
    client.force_login(official)
    _switch(client, "en")
    client.post(reverse("logout"))
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in html
    assert "Sign in to Palu IKM" in html


def test_anonymous_visitors_can_switch_on_the_login_page(client):
    response = _switch(client, "en", reverse("login"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "Sign in to Palu IKM" in client.get(reverse("login")).content.decode()


def test_an_unknown_language_changes_nothing(client):
    response = _switch(client, "xx")
    assert response.status_code == 302
    assert COOKIE not in client.cookies


def test_next_must_be_on_this_site(client):
    response = _switch(client, "en", "https://evil.example/phish")
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_get_is_refused(client):
    assert client.get(reverse("set_language") + "?language=en").status_code == 405
    assert COOKIE not in client.cookies


def test_the_switch_needs_the_csrf_token(official):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(official)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 403
