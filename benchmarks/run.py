"""Benchmark Palu IKM against a real gunicorn: ``python -m benchmarks.run --help``.

1. migrates the database in ``--db`` and, when it holds no scale data yet, runs
   ``seed_scale --sales N`` (a fresh database each time you change N);
2. collects static files and starts gunicorn (debug off, ``benchmarks.settings``: the
   production settings plus a query-count header and a plain admin changelist of sale lines);
3. logs in as each role and requests every page of ``benchmarks/pages.py`` sequentially
   (warm-up first), recording latency, the server's SQL statement count, deepest OFFSET and
   COUNT statements, and for exports the server process's peak memory;
4. runs the hand-written SQL of the dashboard figures directly (the floor) and prints ratios;
5. writes the table into ``docs/PERFORMANCE.md`` between ``<!-- bench:LABEL -->`` markers.

Requests/s is one client's sequential rate (1 / mean latency): the machine is small and shared,
and what matters here is each page's own cost.
"""

import argparse
import json
import os
import platform
import re
import secrets
import signal
import socket
import statistics
import subprocess  # nosec B404 - starts our own gunicorn and manage.py
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
REPORT = ROOT / "docs" / "PERFORMANCE.md"


@dataclass
class Result:
    name: str
    user: str
    kind: str
    url: str
    n: int = 0
    p50: float = 0.0
    p95: float = 0.0
    p99: float = 0.0
    rps: float = 0.0
    queries: str = ""
    max_offset: int = 0
    counts: int = 0
    sql_ms: float = 0.0
    bytes: int = 0
    peak_mb: float | None = None
    target_ms: float | None = None
    error: str = ""
    samples: list = field(default_factory=list, repr=False)


def percentile(values, q):
    """Nearest-rank percentile of a list of numbers."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def env_for(db: str, static_root: Path) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=db,
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(40),
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_SECURE_HSTS_SECONDS="0",
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_QUERY_COUNT_HEADER="true",
    )
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # nosec B603


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(env, port: int, workers: int):
    log = open(RESULTS / "gunicorn.log", "w")  # noqa: SIM115 - closed when the server stops
    proc = subprocess.Popen(  # nosec B603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "palu_ikm.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "300",
            "--access-logfile",
            "-",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    import requests

    try:
        return _wait_for(proc, port, requests)
    except BaseException:
        proc.terminate()
        raise


def _wait_for(proc, port, requests):
    for _ in range(120):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10).status_code == 200:
                return proc
        except requests.RequestException:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.5)
    proc.terminate()
    raise SystemExit(f"gunicorn did not start; see {RESULTS / 'gunicorn.log'}")


def worker_pids(master: int) -> list[int]:
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return []
    return [int(pid) for pid in children]


def peak_rss_mb(pids) -> float | None:
    """Largest peak resident memory (VmHWM) among the server's worker processes, in MB."""
    peaks = []
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmHWM:\s+(\d+) kB", status)
        if match:
            peaks.append(int(match.group(1)) / 1024)
    return max(peaks) if peaks else None


def login(base: str, username: str, password: str):
    import requests

    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(
        f"{base}/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=30,
        allow_redirects=False,
    )
    if response.status_code != 302:
        raise SystemExit(f"login as {username} failed ({response.status_code})")
    return session


def measure(session, base, page, url, n, warmup, master) -> Result:
    result = Result(page.name, page.user, page.kind, url, target_ms=page.target_ms)
    timings, queries = [], set()
    n = min(n, page.requests or n)
    total = n + warmup
    if page.kind == "export":
        total = min(total, 3)
        warmup = 1
    for i in range(total):
        start = time.perf_counter()
        if page.post is not None:
            token = session.cookies.get("csrftoken", "")
            data = page.post(i) if callable(page.post) else page.post
            response = session.post(
                base + url,
                data={**data, "csrfmiddlewaretoken": token},
                headers={"Referer": base + url},
                allow_redirects=False,
                timeout=600,
            )
            ok = response.status_code == 302  # 200 would be the form again, with an error
        else:
            response = session.get(base + url, timeout=600, stream=page.kind == "export")
            size = sum(len(chunk) for chunk in response.iter_content(65536))
            result.bytes = size
            ok = response.status_code == 200
        elapsed = (time.perf_counter() - start) * 1000
        if not ok:
            result.error = f"HTTP {response.status_code}"
            return result
        if i >= warmup:
            timings.append(elapsed)
            queries.add(response.headers.get("X-Query-Count", "?"))
            result.max_offset = max(
                result.max_offset, int(response.headers.get("X-Query-Max-Offset", 0))
            )  # noqa: E501
            result.counts = int(response.headers.get("X-Query-Counts", 0))
            result.sql_ms = float(response.headers.get("X-Query-Time-Ms", 0))
    result.n = len(timings)
    result.samples = timings
    result.p50, result.p95, result.p99 = (percentile(timings, q) for q in (50, 95, 99))
    result.rps = 1000 / statistics.mean(timings)
    result.queries = "/".join(sorted(queries))
    if page.kind == "export":
        result.peak_mb = peak_rss_mb(worker_pids(master))
    return result


def floor(db_alias_env, n: int) -> dict:
    """p50/p95 of each hand-written SQL statement, run in this process (no HTTP, no ORM)."""
    from django.db import connection
    from django.utils import timezone

    from benchmarks.pages import FLOOR_SQL

    out = {}
    if connection.vendor != "postgresql":
        return out
    today = timezone.localdate()
    params = {"start": today.replace(month=1, day=1), "end": today}
    for key, sql in FLOOR_SQL.items():
        timings = []
        with connection.cursor() as cursor:
            for i in range(n + 2):
                start = time.perf_counter()
                cursor.execute(sql, params)
                cursor.fetchall()
                if i >= 2:
                    timings.append((time.perf_counter() - start) * 1000)
        out[key] = {"p50": percentile(timings, 50), "p95": percentile(timings, 95)}
    return out


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f"{kb / 1024 / 1024:.0f} GB"
    except (OSError, AttributeError):
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores ({cpu}), {mem} RAM, {platform.system()} {platform.release()}, Python {platform.python_version()}; load average at start {load}"  # noqa: E501


def sizes() -> dict:
    from django.db import connection

    from groups.models import IkmGroup, Member, Product
    from marketing.models import Outlet, Sale, SaleLine

    counts = {
        "groups": IkmGroup.objects.count(),
        "members": Member.objects.count(),
        "products": Product.objects.count(),
        "outlets": Outlet.objects.count(),
        "sales": Sale.objects.count(),
        "sale lines": SaleLine.objects.count(),
    }
    try:
        from mentoring.models import BookkeepingReport, MentoringSession

        counts["sessions"] = MentoringSession.objects.count()
        counts["bookkeeping reports"] = BookkeepingReport.objects.count()
    except ImportError:
        pass
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            counts["database"] = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        import sqlite3

        counts["database"] = f"SQLite {sqlite3.sqlite_version}"
    return counts


def fmt(v, digits=1):
    return "–" if v is None else f"{v:.{digits}f}"


def table(results: list[Result], floors: dict, page_defs) -> str:
    by_name = {r.name: r for r in results}
    lines = [
        "| page | role | p50 ms | p95 ms | p99 ms | req/s | SQL | max OFFSET | COUNTs | target p95 | |",  # noqa: E501
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        if r.error:
            lines.append(f"| {r.name} | {r.user.removeprefix('sk_')} | {r.error} |||||||||")
            continue
        verdict = ""
        if r.target_ms:
            verdict = "hit" if r.p95 <= r.target_ms else "**miss**"
        extra = f" ({r.peak_mb:.0f} MB peak)" if r.peak_mb else ""
        lines.append(
            f"| {r.name}{extra} | {r.user.removeprefix('sk_')} | {fmt(r.p50)} | {fmt(r.p95)} | "
            f"{fmt(r.p99)} | {fmt(r.rps)} | {r.queries} | {r.max_offset} | {r.counts} | "
            f"{fmt(r.target_ms, 0) if r.target_ms else ''} | {verdict} |"
        )
    ratios = []
    for page in page_defs:
        mine, other = by_name.get(page.name), by_name.get(page.compare or "")
        if mine and other and not mine.error and not other.error:
            ratios.append(
                f"| {page.name} vs {other.name} | {mine.rps / other.rps:.1f}× req/s | "
                f"{other.p95 / mine.p95:.1f}× faster at p95 |"
            )
        if page.floor and page.floor in floors and mine and not mine.error:
            sql = floors[page.floor]
            ratios.append(
                f"| {page.name} vs its hand-written SQL ({sql['p95']:.1f} ms p95) | "
                f"{mine.p95 / sql['p95']:.1f}× the SQL | |"
            )
    if ratios:
        lines += ["", "| comparison | ratio | |", "|---|---|---|", *ratios]
    if floors:
        lines += ["", "| hand-written SQL | p50 ms | p95 ms |", "|---|---:|---:|"]
        lines += [f"| `{k}` | {v['p50']:.1f} | {v['p95']:.1f} |" for k, v in floors.items()]
    return "\n".join(lines)


def write_report(label: str, body: str) -> None:
    start, end = f"<!-- bench:{label} -->", f"<!-- /bench:{label} -->"
    text = REPORT.read_text() if REPORT.exists() else "# Performance\n"
    block = f"{start}\n{body}\n{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + f"\n\n## Measured: {label}\n\n{block}\n"
    REPORT.write_text(text)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db", default=os.environ.get("DATABASE_URL", f"sqlite:///{RESULTS / 'bench.sqlite3'}")
    )  # noqa: E501
    parser.add_argument("--sales", type=int, default=100_000, help="sale lines to seed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end", default="2026-11-28", help="last day of the seeded data")
    parser.add_argument("--requests", type=int, default=30, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--only", default="", help="measure only pages whose name contains this (several: a|b)"
    )
    parser.add_argument("--label", default="", help="report section (default: <db>-<sales>)")
    parser.add_argument("--no-report", action="store_true", help="print only")
    args = parser.parse_args(argv)

    RESULTS.mkdir(parents=True, exist_ok=True)
    static_root = RESULTS / "static"
    env = env_for(args.db, static_root)
    os.environ.update(
        {
            k: env[k]
            for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_SECRET_KEY", "DJANGO_DEBUG")
        }
    )  # noqa: E501
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.models import User

    from benchmarks import scale
    from benchmarks.pages import Ids, pages, resolve

    manage(env, "migrate", "--noinput", "-v0")
    if not User.objects.filter(username__startswith=scale.USER_PREFIX).exists():
        print(f"seeding {args.sales} sale lines ...", flush=True)
        manage(
            env,
            "seed_scale",
            "--sales",
            str(args.sales),
            "--seed",
            str(args.seed),
            "--end",
            args.end,
        )  # noqa: E501
    manage(env, "collectstatic", "--noinput", "-v0")  # quick when nothing changed
    data = sizes()
    label = args.label or f"{data['database'].split()[0].lower()}-{data['sale lines']}"
    ids = Ids.load()
    wanted = [part.strip().lower() for part in args.only.split("|")]
    page_defs = [p for p in pages(ids) if any(w in p.name.lower() for w in wanted)]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    info = machine()
    server = start_gunicorn(env, port, args.workers)
    results = []
    try:
        sessions = {}
        for page in page_defs:
            url = resolve(page)
            if url is None:
                print(f"skip   {page.name} (no {page.url_name} in this version)")
                continue
            if page.user not in sessions:
                sessions[page.user] = login(base, page.user, scale.DEFAULT_PASSWORD)
            try:
                result = measure(
                    sessions[page.user], base, page, url, args.requests, args.warmup, server.pid
                )
            except Exception as error:  # noqa: BLE001 - a broken page is a row of the report
                result = Result(page.name, page.user, page.kind, url, error=type(error).__name__)
            results.append(result)
            print(
                f"{result.name:<45} p50 {fmt(result.p50):>7} p95 {fmt(result.p95):>7} ms "
                f"{fmt(result.rps):>6} req/s  SQL {result.queries:<5} offset {result.max_offset} "
                f"counts {result.counts} {result.error}",
                flush=True,
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    floors = floor(env, args.requests)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    head = (
        f"Run {when} on {info}.\n\nData: "
        + ", ".join(f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}" for k, v in data.items())
        + f". gunicorn {args.workers} workers, debug off; {args.requests} sequential requests per "
        f"page after {args.warmup} warm-up requests; latency measured at the client.\n"
    )
    body = head + "\n" + table(results, floors, page_defs)
    print("\n" + body)
    (RESULTS / f"{label}.json").write_text(
        json.dumps(
            {
                "when": when,
                "machine": info,
                "data": data,
                "floors": floors,
                "results": [asdict(r) for r in results],
            },
            indent=1,
            default=str,
        )  # fmt: skip
    )
    if not args.no_report:
        write_report(label, body)
        print(f"\nwritten to {REPORT.relative_to(ROOT)} (section {label})")


if __name__ == "__main__":
    main()
