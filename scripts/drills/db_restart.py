"""Drill: PostgreSQL goes away under load and comes back; the app recovers by itself.

1. A private PostgreSQL instance (never the shared cluster), a migrated database, gunicorn
   (2 workers, persistent connections with health checks, production settings).
2. Four signed-in users click continuously (bounded in time) during the whole drill.
3. PostgreSQL is stopped: every page, the login form and /healthz answer 503 with the Indonesian
   "coba lagi" page — no 500, no hang, no dropped connection.
4. PostgreSQL is started again: within a few seconds every request succeeds again, on every
   worker, without restarting gunicorn. The users' sessions survived.
5. The same with an immediate ``pg_ctl restart`` under load.

Run: ``.venv/bin/python -m scripts.drills.db_restart`` (about 40 s).
"""

import collections
import threading
import time

from scripts.drills.common import (
    WRONG_PASSWORD,
    AppServer,
    Browser,
    app_env,
    check,
    free_port,
    main,
    prepared_database,
    private_postgres,
    say,
    static_root,
)

USERS = 4
LOAD_LIMIT_SECONDS = 240  # the load threads stop by themselves after this, whatever happens
OUTAGE_SECONDS = 4
RECOVERY_LIMIT_SECONDS = 15
ALLOWED = {200, 503}


class Load:
    """Signed-in users clicking through the home page and the health check, in threads."""

    def __init__(self, base: str, browsers: list[Browser]):
        self.base = base
        self.browsers = browsers
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.results: list[tuple[float, str, int | str]] = []
        self.threads = [
            threading.Thread(target=self._click, args=(b,), daemon=True) for b in browsers
        ]

    def _click(self, browser: Browser):
        deadline = time.monotonic() + LOAD_LIMIT_SECONDS
        paths = ["/", "/healthz", "/audit/"]
        i = 0
        while not self.stop.is_set() and time.monotonic() < deadline:
            path = paths[i % len(paths)]
            i += 1
            try:
                status = browser.get(path).status
            except OSError as error:  # refused, reset or timed out: the app must not do that
                status = f"{type(error).__name__}"
            with self.lock:
                self.results.append((time.monotonic(), path, status))
            time.sleep(0.02)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=20)

    def between(self, start: float, end: float) -> collections.Counter:
        with self.lock:
            return collections.Counter(s for t, _p, s in self.results if start <= t < end)


def drill():
    with private_postgres() as pg:
        database_url = prepared_database(pg, "palu_drill_restart")
        env = app_env(DATABASE_URL=database_url, DJANGO_CONN_MAX_AGE=60)
        env["DJANGO_STATIC_ROOT"] = str(static_root(env))
        with AppServer(free_port(), env, workers=2, name="restart") as app:
            browsers = [Browser(app.base) for _ in range(USERS)]
            for browser in browsers:
                check(browser.login("drill-pejabat").status == 302, "a user signs in")
            check(all(b.get("/").status == 200 for b in browsers), "home page answers 200")

            poster = Browser(app.base)
            token = poster.csrf_token("/accounts/login/")
            with Load(app.base, browsers) as load:
                time.sleep(2)
                t_stop = time.monotonic()
                pg.stop()
                outage_probe(app, browsers[0], poster, token)
                time.sleep(OUTAGE_SECONDS)
                t_start = time.monotonic()
                pg.start()
                recovered_after = wait_for_recovery(app)
                check(
                    recovered_after < RECOVERY_LIMIT_SECONDS,
                    f"requests succeed again {recovered_after:.1f} s after PostgreSQL is back",
                )
                time.sleep(2)
                t_restart = time.monotonic()
                pg.restart()
                wait_for_recovery(app)
                time.sleep(3)
                t_end = time.monotonic()

            before = load.between(0, t_stop)
            during = load.between(t_stop, t_start)
            after_restart = load.between(t_restart, t_end)
            everything = load.between(0, t_end + 60)
            say(f"load before the outage: {dict(before)}")
            say(f"load while PostgreSQL was down: {dict(during)}")
            say(f"load around the immediate restart: {dict(after_restart)}")
            check(set(before) == {200}, "before the outage every request succeeds")
            check(during[503] > 0, "during the outage users get 503 pages")
            check(
                set(everything) <= ALLOWED,
                f"no request failed any other way (no 500, reset or timeout): {dict(everything)}",
            )
            tail = load.between(t_end - 2, t_end)
            check(tail and set(tail) == {200}, "at the end every request succeeds again")
            for browser in browsers:
                check(browser.get("/").status == 200, "the user's session survived the outage")
            check(app.process.poll() is None, "gunicorn was never restarted")


def outage_probe(app: AppServer, signed_in: Browser, poster: Browser, token: str):
    """While PostgreSQL is down, every kind of request answers the 503 'coba lagi' page."""
    anonymous = Browser(app.base)
    time.sleep(0.5)
    for browser, path in (
        (anonymous, "/accounts/login/"),
        (signed_in, "/"),
        (signed_in, "/audit/"),
    ):
        started = time.monotonic()
        response = browser.get(path)
        took = time.monotonic() - started
        check(
            response.status == 503,
            f"GET {path} during the outage answers {response.status} in {took:.2f} s",
        )
        check("coba lagi" in response.text.lower(), f"GET {path}: the page says 'coba lagi'")
        check(response.headers.get("Retry-After") == "30", f"GET {path}: with Retry-After")
    response = poster.post(
        "/accounts/login/",
        {"csrfmiddlewaretoken": token, "username": "drill-pejabat", "password": WRONG_PASSWORD},
    )
    check(response.status == 503, "a login form sent during the outage answers 503")
    health = anonymous.get("/healthz")
    check(health.status == 503 and "unreachable" in health.text, "/healthz reports 503")


def wait_for_recovery(app: AppServer) -> float:
    """Seconds until 30 requests in a row (spread over the workers) all succeed."""
    started = time.monotonic()
    probe = Browser(app.base)
    streak = 0
    while time.monotonic() - started < 60:
        status = probe.get("/healthz").status
        if status == 200:
            page = probe.get("/accounts/login/").status
            streak = streak + 1 if page == 200 else 0
        else:
            streak = 0
        if streak >= 30:
            return time.monotonic() - started
        time.sleep(0.05)
    return time.monotonic() - started


if __name__ == "__main__":
    main(drill)
