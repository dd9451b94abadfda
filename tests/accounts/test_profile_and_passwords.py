"""Own profile page, password reset by email, and the email settings."""

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import PasswordResetRequest, Profile
from audit.models import AuditEvent
from tests.accounts.factories import LoginEventFactory, ProfileFactory
from tests.factories import MentorAssignmentFactory

pytestmark = pytest.mark.django_db
PROFILE = reverse("accounts:profile")
RESET = reverse("accounts:password_reset")


def test_mentor_profile_shows_role_groups_and_logins(client, world, bank):
    ProfileFactory(user=world.mentor, bank=bank, phone="0811 2222 3333")
    LoginEventFactory(user=world.mentor, ip_address="192.0.2.10")
    LoginEventFactory(user=world.other_mentor, ip_address="192.0.2.99")
    client.force_login(world.mentor)
    html = client.get(PROFILE).content.decode()
    assert "Pendamping bank" in html and "Bank Sulteng" in html and "0811 2222 3333" in html
    assert world.group.name in html and world.other_group.name not in html
    assert "192.0.2.10" in html and "192.0.2.99" not in html
    assert reverse("password_change") in html


def test_clerk_profile_shows_their_outlet(client, world):
    client.force_login(world.clerk)
    html = client.get(PROFILE).content.decode()
    assert "Gerai Satu" in html and "Gerai Dua" not in html


@pytest.mark.parametrize("role", ["official", "perusda", "superuser"])
def test_profile_for_the_other_roles(client, world, role):
    client.force_login(getattr(world, role))
    response = client.get(PROFILE)
    assert response.status_code == 200
    assert world.users[role].username in response.content.decode()


def test_a_login_is_listed_on_ones_own_profile(client, world):
    client.force_login(world.clerk)  # force_login sends user_logged_in too
    assert world.clerk.login_events.count() == 1
    assert len(client.get(PROFILE).context["logins"]) == 1


def test_profile_queries_do_not_grow(client, world):
    client.force_login(world.mentor)
    with CaptureQueriesContext(connection) as small:
        client.get(PROFILE)
    for _ in range(20):
        LoginEventFactory(user=world.mentor)
        MentorAssignmentFactory(mentor=world.mentor)
    with CaptureQueriesContext(connection) as large:
        client.get(PROFILE)
    assert len(small.captured_queries) == len(large.captured_queries)


def test_password_reset_by_email(client, world, mailoutbox):
    ProfileFactory(user=world.clerk, must_change_password=True)
    response = client.post(RESET, {"email": world.clerk.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [world.clerk.email]
    body = mailoutbox[0].body
    assert "kasir1" in body and "kata sandi baru" in body
    link = re.search(r"http://testserver(/akun/lupa-sandi/\S+)", body).group(1)
    page = client.get(link, follow=True)
    assert page.context["validlink"]
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "sagu-tawaeli-2024", "new_password2": "sagu-tawaeli-2024"},
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")
    world.clerk.refresh_from_db()
    assert world.clerk.check_password("sagu-tawaeli-2024")
    assert not Profile.objects.get(user=world.clerk).must_change_password
    assert AuditEvent.objects.filter(
        model="user", object_id=str(world.clerk.pk), note__icontains="tautan email"
    ).exists()
    # The link works once.
    assert not client.get(link, follow=True).context["validlink"]


def test_password_reset_tells_nothing_about_unknown_or_inactive_addresses(
    client, world, mailoutbox
):
    world.mentor.is_active = False
    world.mentor.save()
    for email in ("tidak.ada@example.test", world.mentor.email):
        response = client.post(RESET, {"email": email})
        assert response["Location"] == reverse("accounts:password_reset_done")
    assert mailoutbox == []


def test_password_reset_links_are_limited_per_address_and_per_network(
    client, world, mailoutbox, settings, caplog
):
    settings.PALU_PASSWORD_RESETS_PER_EMAIL = 3
    settings.PALU_PASSWORD_RESETS_PER_IP = 5
    for _ in range(3):
        assert client.post(RESET, {"email": world.clerk.email}).status_code == 302
    response = client.post(RESET, {"email": world.clerk.email.upper()})
    assert response.status_code == 200
    assert "Terlalu banyak permintaan" in response.content.decode()
    assert len(mailoutbox) == 3
    assert "password reset throttled" in caplog.text and world.clerk.email not in caplog.text
    # Another address from the same network: two more, then the network's limit.
    assert client.post(RESET, {"email": "lain@example.test"}).status_code == 302
    assert client.post(RESET, {"email": "lain2@example.test"}).status_code == 302
    assert client.post(RESET, {"email": "lain3@example.test"}).status_code == 200
    # From another network the clerk's own limit still holds; an hour later it is lifted.
    other_network = {"REMOTE_ADDR": "10.9.8.7"}
    assert client.post(RESET, {"email": world.clerk.email}, **other_network).status_code == 200
    PasswordResetRequest.objects.update(requested_at=timezone.now() - dt.timedelta(minutes=61))
    assert client.post(RESET, {"email": world.clerk.email}).status_code == 302
    assert len(mailoutbox) == 4
    # Only digests are kept.
    assert not PasswordResetRequest.objects.filter(email_digest__contains="@").exists()


def test_login_page_links_to_password_reset(client):
    assert RESET in client.get(reverse("login")).content.decode()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("", "django.core.mail.backends.console.EmailBackend  localhost 25 False False"),
        (
            "smtp+tls://palu%40kota.id:rahasia@smtp.kota.id:587",
            "django.core.mail.backends.smtp.EmailBackend palu@kota.id smtp.kota.id 587 True False",
        ),
        (
            "smtp+ssl://palu:rahasia@smtp.kota.id:465",
            "django.core.mail.backends.smtp.EmailBackend palu smtp.kota.id 465 False True",
        ),
    ],
)
def test_email_settings_come_from_django_email_url(url, expected):
    env = {**os.environ, "DJANGO_DEBUG": "true"}
    env.pop("DJANGO_EMAIL_URL", None)
    if url:
        env["DJANGO_EMAIL_URL"] = url
    code = (
        "from palu_ikm import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST_USER, "
        "s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.stdout.strip() == expected
