"""Production settings: `check --deploy` is clean, HTTPS switches follow the environment, and
every response carries the security headers.

Settings are read once per process, so the production cases run `manage.py` in a subprocess with
the environment a server would have (debug off, a real secret key, no pytest).
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from core.security import content_security_policy

BASE_DIR = Path(__file__).resolve().parents[2]

PRINT_SETTINGS = """
import json
from django.conf import settings
names = ["DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
         "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
         "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY", "SECURE_PROXY_SSL_HEADER",
         "SESSION_COOKIE_AGE", "X_FRAME_OPTIONS", "TRUSTED_PROXY_COUNT"]
print(json.dumps({n: getattr(settings, n, None) for n in names}))
"""


def production_env(**extra) -> dict:
    """The environment of a production server: no pytest, no debug, a real key."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k != "PYTEST_VERSION" and not k.startswith(("DJANGO_", "PYTEST_XDIST"))
    }
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="palu-ikm.example.go.id",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://palu-ikm.example.go.id",
    )
    env.update(extra)
    return env


def manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_settings(**extra) -> dict:
    result = manage("shell", "-c", PRINT_SETTINGS, env=production_env(**extra))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_has_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_when_https_is_switched_off():
    """The CI step really catches a weakened deployment (the check is not a no-op)."""
    env = production_env(DJANGO_SECURE_SSL_REDIRECT="false", DJANGO_SECURE_HSTS_SECONDS="0")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout
    assert "security.W008" in result.stderr + result.stdout


def test_production_defaults_are_https_only():
    values = production_settings()
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_HTTPONLY"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SECURE_PROXY_SSL_HEADER"] is None
    assert values["SESSION_COOKIE_AGE"] == 12 * 3600


def test_production_switches_come_from_the_environment():
    values = production_settings(
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_HSTS_SECONDS="3600",
        DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
        DJANGO_TRUSTED_PROXY_COUNT="1",
    )
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 3600
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["TRUSTED_PROXY_COUNT"] == 1


def test_debug_mode_switches_https_off():
    values = production_settings(DJANGO_DEBUG="true")
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["SESSION_COOKIE_SECURE"] is False


def test_a_malformed_proxy_header_setting_is_refused():
    env = production_env(DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO")
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECURE_PROXY_SSL_HEADER" in result.stderr


@pytest.mark.django_db
def test_test_suite_runs_without_https_redirect(settings, client):
    """Tests run with debug off, so the HTTPS switches must default off under pytest."""
    assert settings.DEBUG is False
    assert settings.SECURE_SSL_REDIRECT is False
    assert client.get(reverse("login")).status_code == 200


@pytest.mark.django_db
def test_ssl_redirect_sends_plain_http_to_https_but_not_the_health_check(settings, client):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("login"))
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/"
    # The load balancer's plain-HTTP health check is answered, not redirected.
    assert client.get(reverse("healthz")).status_code == 200


@pytest.mark.django_db
def test_proxy_header_marks_the_request_secure(settings, client):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get(reverse("login"), headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    spoofed_plain = client.get(reverse("login"), headers={"X-Forwarded-Proto": "http"})
    assert spoofed_plain.status_code == 301


@pytest.mark.django_db
def test_hsts_header_on_secure_responses(settings, client):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


@pytest.mark.django_db
def test_security_headers_on_every_page(client, official):
    client.force_login(official)
    for url in (reverse("login"), reverse("home"), reverse("healthz"), "/tidak-ada/"):
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp, url
        assert "script-src 'self';" in csp, url
        assert "frame-ancestors 'none'" in csp, url
        assert "unsafe-inline" not in csp.split("style-src-attr")[0], url


def test_csp_header_is_built_from_the_setting(settings):
    policy = content_security_policy(settings.CONTENT_SECURITY_POLICY)
    assert policy.startswith("default-src 'self'; script-src 'self'; style-src 'self';")
    assert "'unsafe-eval'" not in policy


@pytest.mark.django_db
def test_cookies_are_httponly_samesite_and_secure_when_configured(settings, client, official):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    response = client.get(reverse("login"), secure=True)
    csrf = response.cookies["csrftoken"]
    assert csrf["httponly"] and csrf["secure"] and csrf["samesite"] == "Lax"
    response = client.post(
        reverse("login"),
        {"username": official.username, "password": "palu-ikm-demo"},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["httponly"] and session["secure"] and session["samesite"] == "Lax"
    assert int(session["max-age"]) == settings.SESSION_COOKIE_AGE
