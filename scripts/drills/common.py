"""Shared pieces of the reliability drills: a private PostgreSQL, gunicorn, and a tiny browser.

The drills never touch the machine's shared PostgreSQL cluster: each starts its own throwaway
instance (``initdb`` into a temporary folder, on a free port, as the ``postgres`` user when run
as root) and removes it afterwards. Every request goes to 127.0.0.1 only, with timeouts, and
every loop is bounded. Processes are started with fixed arguments, never through a shell.
"""

import contextlib
import http.client
import os
import re
import secrets
import shutil
import socket
import subprocess  # nosec B404
import sys
import tempfile
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
# A throwaway account in a throwaway database, and a password that is wrong on purpose.
DRILL_PASSWORD = "Latihan-Pulih-2025!"  # nosec B105
WRONG_PASSWORD = "Salah-Sandi-Latihan"  # nosec B105


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class DrillError(AssertionError):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise DrillError(message)
    say(f"ok: {message}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_bin_dir() -> Path:
    if os.environ.get("DJANGO_PG_BIN_DIR"):
        return Path(os.environ["DJANGO_PG_BIN_DIR"])
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise DrillError("PostgreSQL server binaries (initdb, pg_ctl) are not installed")


def run(argv, *, env=None, cwd=BASE_DIR, timeout=600, quiet=False) -> str:
    # Fixed argv, no shell.
    result = subprocess.run(  # nosec B603
        [str(a) for a in argv],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise DrillError(
            f"{' '.join(map(str, argv))} exited {result.returncode}:\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    if not quiet and result.stdout.strip():
        say(result.stdout.strip().splitlines()[-1])
    return result.stdout


class PrivatePostgres:
    """A throwaway PostgreSQL instance of our own, on a free port, in a temporary folder."""

    def __init__(self):
        self.bin = pg_bin_dir()
        self.port = free_port()
        self.base = Path(tempfile.mkdtemp(prefix="palu-ikm-drill-pg-"))
        self.data = self.base / "data"
        self.log = self.base / "postgresql.log"
        self.as_postgres = os.geteuid() == 0  # PostgreSQL refuses to run as root

    def _cmd(self, name, *args):
        argv = [str(self.bin / name), *map(str, args)]
        if self.as_postgres:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        return argv

    def __enter__(self):
        if self.as_postgres:
            shutil.chown(self.base, "postgres", "postgres")
        run(
            self._cmd(
                "initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                "--locale=C.UTF-8", "--no-sync",
            ),
            quiet=True,
        )  # fmt: skip
        self.start()
        return self

    def __exit__(self, *exc):
        with contextlib.suppress(Exception):
            run(self._cmd("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop"), quiet=True)
        shutil.rmtree(self.base, ignore_errors=True)

    @property
    def _options(self) -> str:
        return (
            f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c max_connections=60"
        )

    def start(self):
        # -l: the server's output goes to a file, never to our pipe (which would never close).
        argv = self._cmd("pg_ctl", "-D", self.data, "-l", self.log, "-o", self._options, "-w")
        run([*argv, "start"], quiet=True, timeout=120)
        say(f"private PostgreSQL up on 127.0.0.1:{self.port}")

    def stop(self):
        # "fast": what a restart by the operator does; open connections are cut.
        argv = self._cmd("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")
        run(argv, quiet=True, timeout=120)
        say("private PostgreSQL stopped")

    def restart(self):
        run(
            self._cmd(
                "pg_ctl", "-D", self.data, "-l", self.log, "-o", self._options,
                "-m", "fast", "-w", "restart",
            ),
            quiet=True,
            timeout=120,
        )  # fmt: skip
        say("private PostgreSQL restarted")

    def createdb(self, name: str, template: str | None = None) -> str:
        options = ["--template", template] if template else []
        argv = self._cmd("createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres")
        run([*argv, *options, name])
        return self.url(name)

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


def app_env(**extra) -> dict:
    """A production environment: debug off, a real key, behind an HTTPS-terminating proxy."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PYTEST")) and k != "DATABASE_URL"
    }
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
        DJANGO_LOG_LEVEL="WARNING",
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(*args, env, timeout=600, quiet=False) -> str:
    return run([PYTHON, "manage.py", *args], env=env, timeout=timeout, quiet=quiet)


def static_root(env: dict) -> Path:
    """collectstatic once per CI run: DRILL_STATIC_ROOT is reused when it holds a manifest."""
    given = os.environ.get("DRILL_STATIC_ROOT")
    root = Path(given) if given else Path(tempfile.mkdtemp(prefix="palu-ikm-drill-static-"))
    if not (root / "staticfiles.json").is_file():
        say("collectstatic (production manifest storage)")
        manage("collectstatic", "--noinput", "-v0", env={**env, "DJANGO_STATIC_ROOT": str(root)})
    return root


CREATE_USERS = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
User = get_user_model()
official = User.objects.create_user("drill-pejabat", password="{password}", first_name="Latihan")
official.groups.add(Group.objects.get(name="pejabat"))
User.objects.create_superuser("drill-admin", "drill@example.test", "{password}")
print("users ready")
"""


def prepare_database(env: dict) -> None:
    manage("migrate", "--noinput", "-v0", env=env)
    manage("shell", "-c", CREATE_USERS.format(password=DRILL_PASSWORD), env=env)


# Set while `python -m scripts.drills` runs every drill: one private instance for all of them.
_shared: "SharedPostgres | None" = None
MIGRATED_TEMPLATE = "palu_drill_migrated"


class SharedPostgres:
    """One private PostgreSQL for a run of several drills, with a migrated template database.

    Starting an instance and migrating a database take most of a drill's time: the runner does
    both once, and each drill copies the template (CREATE DATABASE ... TEMPLATE) instead.
    """

    def __init__(self):
        self.pg = PrivatePostgres()

    def __enter__(self):
        global _shared
        self.pg.__enter__()
        template_url = self.pg.createdb(MIGRATED_TEMPLATE)
        prepare_database(app_env(DATABASE_URL=template_url))
        say(f"template database {MIGRATED_TEMPLATE} migrated, with the drill accounts")
        _shared = self
        return self

    def __exit__(self, *exc):
        global _shared
        _shared = None
        self.pg.__exit__(*exc)


@contextlib.contextmanager
def private_postgres():
    """The run's shared instance when there is one, else a throwaway one of this drill's own."""
    if _shared is not None:
        yield _shared.pg
        return
    with PrivatePostgres() as pg:
        yield pg


def prepared_database(pg: PrivatePostgres, name: str) -> str:
    """A database with every migration applied and the drill accounts: its URL."""
    if _shared is not None and _shared.pg is pg:
        return pg.createdb(name, template=MIGRATED_TEMPLATE)
    url = pg.createdb(name)
    prepare_database(app_env(DATABASE_URL=url))
    return url


class AppServer:
    """gunicorn serving the app on 127.0.0.1:port with the given environment."""

    def __init__(self, port: int, env: dict, *, workers: int = 2, name: str = "app"):
        self.port, self.env, self.workers, self.name = port, env, workers, name
        self.log_path = Path(tempfile.mkstemp(prefix=f"palu-ikm-{name}-", suffix=".log")[1])
        self.process = None

    def __enter__(self):
        self._log = self.log_path.open("w")
        # Fixed argv, no shell.
        self.process = subprocess.Popen(  # nosec B603
            [
                PYTHON, "-m", "gunicorn", "palu_ikm.wsgi",
                "--bind", f"127.0.0.1:{self.port}",
                "--workers", str(self.workers),
                "--timeout", "30",
                "--graceful-timeout", "5",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise DrillError(f"{self.name} exited:\n{self.log_path.read_text()[-3000:]}")
            with contextlib.suppress(OSError):
                Browser(self.base).get("/healthz")
                say(f"{self.name}: gunicorn with {self.workers} workers on {self.base}")
                return self
            time.sleep(0.3)
        raise DrillError(f"{self.name} did not answer within 60 s")

    def __exit__(self, exc_type, exc, tb):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self._log.close()
        if exc_type is None:
            self.log_path.unlink(missing_ok=True)
        else:
            tail = "\n".join(self.log_text().splitlines()[-40:])
            say(f"{self.name}: gunicorn log kept at {self.log_path}; its end:\n{tail}")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")


class Response:
    def __init__(self, status: int, headers: dict, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """Keeps cookies like a browser, behind the HTTPS proxy (X-Forwarded-Proto: https)."""

    def __init__(self, base: str, timeout: float = 10):
        self.base = base
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def request(self, method, path, *, body=None, headers=None, base=None) -> Response:
        base = base or self.base
        host = base.removeprefix("http://")
        conn = http.client.HTTPConnection(host, timeout=self.timeout)
        all_headers = {
            "Host": host,
            "X-Forwarded-Proto": "https",
            "User-Agent": "palu-ikm-drill",
        }
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        all_headers.update(headers or {})
        try:
            conn.request(method, path, body=body, headers=all_headers)
            raw = conn.getresponse()
            data = raw.read()
            set_cookies = raw.headers.get_all("Set-Cookie") or []
            response = Response(raw.status, dict(raw.headers.items()), data)
        finally:
            conn.close()
        for header in set_cookies:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path, fields: dict, *, files=None, base=None) -> Response:
        base = base or self.base
        host = base.removeprefix("http://")
        headers = {"Origin": f"https://{host}", "Referer": f"https://{host}{path}"}
        if files:
            boundary = uuid.uuid4().hex
            body = _multipart(fields, files, boundary)
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        else:
            body = urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return self.request("POST", path, body=body, headers=headers, base=base)

    def csrf_token(self, path, base=None) -> str:
        page = self.get(path, base=base)
        match = CSRF_INPUT.search(page.text)
        if page.status != 200 or not match:
            raise DrillError(f"no form at {path}: {page.status}")
        return match.group(1)

    def login(self, username, password=DRILL_PASSWORD, base=None) -> Response:
        token = self.csrf_token("/accounts/login/", base=base)
        return self.post(
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password},
            base=base,
        )


def _multipart(fields: dict, files: dict, boundary: str) -> bytes:
    lines = []
    for name, value in fields.items():
        lines += [
            f"--{boundary}".encode(),
            f'Content-Disposition: form-data; name="{name}"'.encode(),
            b"",
            str(value).encode(),
        ]
    for name, (filename, content, content_type) in files.items():
        lines += [
            f"--{boundary}".encode(),
            f'Content-Disposition: form-data; name="{name}"; filename="{filename}"'.encode(),
            f"Content-Type: {content_type}".encode(),
            b"",
            content,
        ]
    lines += [f"--{boundary}--".encode(), b""]
    return b"\r\n".join(lines)


def main(drill) -> None:
    """Run a drill function; exit 1 with the reason when it fails."""
    started = time.monotonic()
    try:
        drill()
    except DrillError as failure:
        say(f"DRILL FAILED: {failure}")
        sys.exit(1)
    say(f"drill passed in {time.monotonic() - started:.0f} s")
