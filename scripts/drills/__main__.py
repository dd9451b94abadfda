"""Run every drill (or those named) in one go: ``.venv/bin/python -m scripts.drills [name ...]``.

They share one private PostgreSQL instance and one migrated template database (see
``common.SharedPostgres``); each drill still gets databases of its own. Each drill's time is
printed, then the total. Exit 1 at the first drill that fails.
"""

import importlib
import sys
import time

from scripts.drills.common import DrillError, SharedPostgres, say

DRILLS = {
    "backup_restore": "backup and restore (SQLite and PostgreSQL)",
    "db_restart": "database restart under load (503 during the outage, recovery without restart)",
    "two_servers": "two app servers, one database",
}


def run_all(names: list[str]) -> None:
    unknown = sorted(set(names) - set(DRILLS))
    if unknown:
        sys.exit(f"unknown drills: {', '.join(unknown)}; known: {', '.join(DRILLS)}")
    started = time.monotonic()
    try:
        with SharedPostgres():
            say(f"shared PostgreSQL ready in {time.monotonic() - started:.0f} s")
            for name in names:
                say(f"=== drill: {DRILLS[name]} ===")
                begun = time.monotonic()
                importlib.import_module(f"scripts.drills.{name}").drill()
                say(f"drill {name} passed in {time.monotonic() - begun:.0f} s")
    except DrillError as failure:
        say(f"DRILL FAILED: {failure}")
        sys.exit(1)
    say(f"all drills passed in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    run_all(sys.argv[1:] or list(DRILLS))
