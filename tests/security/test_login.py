"""Login throttling (django-axes), its audit trail and logs, password rules, session rotation and
a logout that ends the session on the server. Logins go through the real login view, since axes
needs the request."""

import datetime as dt
import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY, get_user_model, password_validation
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from core.security import client_ip
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("login")
WRONG = "Salah-Sandi-Rahasia-77"


def attempt(client, username, password, address="10.20.30.40"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def log_all(caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("axes", "audit", "django", "core", "program"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def test_five_failures_lock_the_username_from_that_address(client, official):
    for _ in range(4):
        response = attempt(client, "pejabat", WRONG)
        assert response.status_code == 200
        assert "Nama pengguna atau kata sandi salah" in response.content.decode()
    locked = attempt(client, "pejabat", WRONG)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Terlalu banyak percobaan masuk yang gagal" in page
    assert "15 menit" in page
    # Even the right password is refused while locked.
    again = attempt(client, "pejabat", PASSWORD)
    assert again.status_code == 429
    assert SESSION_KEY not in client.session


def test_lockout_is_per_username_and_address(official, mentor):
    attacker = Client()
    for _ in range(5):
        attempt(attacker, "pejabat", WRONG, address="10.0.0.66")
    assert attempt(attacker, "pejabat", PASSWORD, address="10.0.0.66").status_code == 429
    # The same person from their own office, and another account from the attacker's address.
    assert attempt(Client(), "pejabat", PASSWORD, address="10.0.0.7").status_code == 302
    assert attempt(Client(), "pendamping1", PASSWORD, address="10.0.0.66").status_code == 302


def test_lockout_ends_after_fifteen_minutes(client, official):
    for _ in range(5):
        attempt(client, "pejabat", WRONG)
    assert attempt(client, "pejabat", PASSWORD).status_code == 429
    earlier = AccessAttempt.objects.get().attempt_time - dt.timedelta(minutes=16)
    AccessAttempt.objects.update(attempt_time=earlier)
    response = attempt(client, "pejabat", PASSWORD)
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(official.pk)


def test_success_resets_the_failure_count(client, official):
    for _ in range(4):
        attempt(client, "pejabat", WRONG)
    assert attempt(client, "pejabat", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        assert attempt(client, "pejabat", WRONG).status_code == 200


def test_failed_logins_and_lockout_are_logged_and_audited_without_the_password(
    client, official, log_all
):
    for _ in range(5):
        attempt(client, "pejabat", WRONG, address="10.9.8.7")
    attempt(client, "orang-tak-dikenal", WRONG, address="10.9.8.7")

    messages = [r.getMessage() for r in log_all.records]
    assert sum(f"Login failed: account id={official.pk}" in m for m in messages) == 5
    assert any("Locked out" in m and "10.9.8.7" in m for m in messages)
    assert any(
        r.name.startswith("axes") and "Locking out" in r.getMessage() for r in log_all.records
    )
    assert any("Login failed: account id=unknown address=10.9.8.7" in m for m in messages)

    failed = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED)
    assert failed.filter(object_id=str(official.pk)).count() == 5
    assert failed.filter(object_id="").count() == 1
    locked = AuditEvent.objects.get(action=AuditEvent.Action.LOCKED_OUT)
    assert locked.object_id == str(official.pk) and locked.app_label == "auth"
    assert "10.9.8.7" in locked.note and locked.actor is None

    # Nothing anywhere holds the password; the unknown name (maybe a mistyped password) is kept
    # only in axes' own lockout table, which needs it to count failures per username.
    trail = [
        str(v)
        for e in AuditEvent.objects.all()
        for v in (e.object_repr, e.note, e.changes, e.object_id)
    ]
    logged = [r.getMessage() + repr(r.args) for r in log_all.records]
    attempts = [str(a) + a.post_data + a.get_data for a in AccessAttempt.objects.all()]
    for text in trail + logged + attempts:
        assert WRONG not in text
    for text in trail + logged:
        assert "orang-tak-dikenal" not in text


def test_client_address_behind_a_trusted_proxy(settings, rf):
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    # The left entry is whatever the client claimed; the proxy appended the real address.
    assert client_ip(request) == "203.0.113.9"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "6.6.6.6"
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_ip(request) == "127.0.0.1"


def test_behind_a_proxy_lockout_follows_the_real_client(settings, official):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    for _ in range(5):
        attacker.post(LOGIN, {"username": "pejabat", "password": WRONG})
    assert attacker.post(LOGIN, {"username": "pejabat", "password": PASSWORD}).status_code == 429
    official_client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    response = official_client.post(LOGIN, {"username": "pejabat", "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("Pendek-123", "terlalu pendek"),
        ("password1234", "terlalu umum"),
        ("123456789012345", "seluruhnya terdiri dari angka"),
        ("pejabat12345", "mirip"),
    ],
)
def test_weak_passwords_are_refused(official, password, problem):
    with pytest.raises(ValidationError) as error:
        password_validation.validate_password(password, user=official)
    assert problem in " ".join(error.value.messages).lower()


def test_a_long_uncommon_password_is_accepted(official):
    password_validation.validate_password("Tenun-Donggala-2025!", user=official)


def test_password_change_form_refuses_a_short_password(client, official):
    client.force_login(official)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Pendek-1", "new_password2": "Pendek-1"},
    )
    assert response.status_code == 200
    assert "terlalu pendek" in response.content.decode()
    official.refresh_from_db()
    assert official.check_password(PASSWORD)


def test_session_key_is_rotated_at_login(client, official):
    session = client.session
    session["before_login"] = True
    session.save()
    before = session.session_key
    client.cookies["sessionid"] = before
    assert attempt(client, "pejabat", PASSWORD).status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert client.session[SESSION_KEY] == str(official.pk)


def test_logout_ends_the_session_on_the_server(client, official):
    assert attempt(client, "pejabat", PASSWORD).status_code == 302
    old_key = client.cookies["sessionid"].value
    assert client.get(reverse("home")).status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=old_key).exists()
    # Someone who kept a copy of the old cookie is not signed in with it.
    replay = Client()
    replay.cookies["sessionid"] = old_key
    response = replay.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_logout_is_post_only(client, official):
    client.force_login(official)
    assert client.get(reverse("logout")).status_code == 405
    assert SESSION_KEY in client.session


def test_inactive_account_cannot_log_in(client, official):
    get_user_model().objects.filter(pk=official.pk).update(is_active=False)
    response = attempt(client, "pejabat", PASSWORD)
    assert response.status_code == 200
    assert SESSION_KEY not in client.session
