"""Idle timeout (30 minutes) and absolute timeout (12 hours) of a signed-in session."""

from unittest import mock

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import security
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
MINUTE = 60
T0 = 1_800_000_000  # a fixed "now" (seconds since the epoch)


class Clock:
    def __init__(self):
        self.now = T0

    def advance(self, minutes: float):
        self.now += minutes * MINUTE

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    fake = Clock()
    with mock.patch("core.security.time.time", fake):
        yield fake


@pytest.fixture
def signed_in(client, official, clock):
    response = client.post(reverse("login"), {"username": "pejabat", "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture(autouse=True)
def _real_write_interval(settings):
    """The suite writes last-seen once a day (query counts); here the real interval applies."""
    settings.SESSION_SEEN_WRITE_INTERVAL = security.SEEN_WRITE_INTERVAL


def test_settings_are_consistent(settings):
    assert settings.SESSION_IDLE_TIMEOUT == 30 * MINUTE
    assert settings.SESSION_ABSOLUTE_TIMEOUT == 12 * 60 * MINUTE
    # The cookie (and the database row) never outlive the absolute timeout.
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_ABSOLUTE_TIMEOUT


def test_activity_within_thirty_minutes_keeps_the_session(signed_in, clock):
    for _ in range(6):  # two hours of work, a click every 25 minutes
        clock.advance(25)
        assert signed_in.get(reverse("home")).status_code == 200


def test_idle_for_thirty_minutes_ends_the_session(signed_in, clock):
    key = signed_in.cookies["sessionid"].value
    clock.advance(10)
    assert signed_in.get(reverse("home")).status_code == 200
    clock.advance(30)
    response = signed_in.get(reverse("home") + "?tab=1")
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=%2F%3Ftab%3D1"
    assert not Session.objects.filter(session_key=key).exists()
    page = signed_in.get(response["Location"])
    text = page.content.decode()
    assert "Sesi Anda berakhir karena tidak ada kegiatan selama 30 menit" in text
    assert SESSION_KEY not in signed_in.session


def test_absolute_timeout_ends_even_an_active_session(signed_in, clock):
    for _ in range(12 * 60 // 20 - 1):  # a click every 20 minutes, just under 12 hours
        clock.advance(20)
        assert signed_in.get(reverse("home")).status_code == 200
    clock.advance(25)
    response = signed_in.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    text = signed_in.get(response["Location"]).content.decode()
    assert "sudah 12 jam sejak Anda masuk" in text


def test_an_expired_post_is_not_processed(signed_in, clock, official):
    clock.advance(31)
    response = signed_in.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Tenun-Donggala-2025!",
            "new_password2": "Tenun-Donggala-2025!",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("login")
    official.refresh_from_db()
    assert official.check_password(PASSWORD)


def test_logging_in_again_starts_a_fresh_clock(signed_in, clock):
    clock.advance(31)
    signed_in.get(reverse("home"))
    response = signed_in.post(reverse("login"), {"username": "pejabat", "password": PASSWORD})
    assert response.status_code == 302
    clock.advance(29)
    assert signed_in.get(reverse("home")).status_code == 200


def session_writes(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum(
        q["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"] for q in captured
    )


def test_last_seen_is_written_at_most_once_a_minute(signed_in, clock):
    signed_in.get(reverse("home"))
    clock.advance(0.5)
    assert session_writes(signed_in, reverse("healthz")) == 0
    clock.advance(1)
    assert session_writes(signed_in, reverse("healthz")) == 1


def test_anonymous_requests_are_untouched(client, clock):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
