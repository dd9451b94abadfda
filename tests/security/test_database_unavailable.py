"""A lost database answers a clear Indonesian 503 "try again" page, wherever the error surfaces.

The real outage (PostgreSQL stopped and started under a running gunicorn) is proven by
``scripts/drills/db_restart.py``, run by CI; here the error is raised at each place it can
surface inside one request.
"""

from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import InterfaceError, OperationalError, transaction
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

TRY_AGAIN = "coba lagi"


@pytest.fixture
def client(official):
    client = Client(raise_request_exception=False)
    client.force_login(official)
    return client


def assert_try_again_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    text = response.content.decode()
    assert "Layanan sedang tidak tersedia" in text and TRY_AGAIN in text.lower()
    assert "Content-Security-Policy" in response.headers


def test_database_lost_while_loading_the_session(client):
    # Before any view: SessionMiddleware/AuthenticationMiddleware read the session row.
    with mock.patch.object(SessionStore, "load", side_effect=OperationalError("server closed")):
        response = client.get(reverse("home"))
    assert_try_again_page(response)


def test_database_lost_when_the_request_transaction_opens(client):
    # ATOMIC_REQUESTS opens a transaction around the view: the error surfaces before the view.
    real_enter = transaction.Atomic.__enter__
    calls = []

    def failing_enter(self):
        calls.append(self)
        if len(calls) == 1:
            raise OperationalError("could not connect to server: Connection refused")
        return real_enter(self)

    with mock.patch.object(transaction.Atomic, "__enter__", failing_enter):
        response = client.get(reverse("home"))
    assert calls, "the request transaction was not opened"
    assert_try_again_page(response)


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_database_lost_inside_the_view(client, error):
    with mock.patch("program.views._official_overview", side_effect=error("connection lost")):
        response = client.get(reverse("home"))
    assert_try_again_page(response)


def test_database_lost_on_the_login_post():
    anonymous = Client(raise_request_exception=False)
    with mock.patch("django.contrib.auth.forms.authenticate", side_effect=OperationalError("gone")):
        response = anonymous.post(reverse("login"), {"username": "a", "password": "b"})
    assert_try_again_page(response)


def test_other_errors_stay_a_500(client):
    with mock.patch("program.views._official_overview", side_effect=ValueError("bug")):
        response = client.get(reverse("home"))
    assert response.status_code == 500
    assert "Terjadi gangguan pada server (500)" in response.content.decode()


def test_error_pages_survive_a_broken_template(client):
    with (
        mock.patch("program.views._official_overview", side_effect=OperationalError("x")),
        mock.patch("core.errors.loader.get_template", side_effect=RuntimeError("no")),
    ):
        response = client.get(reverse("home"))
    assert response.status_code == 503
    assert "coba lagi" in response.content.decode()


def test_health_check_reports_the_database(client):
    with mock.patch("core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
