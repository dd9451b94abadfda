"""The demo data, seeded once per test process and restored from a snapshot after that.

``seed_demo`` takes seconds (months of outlet trade); the crawl, the English pages, the browser
journeys and the demo checks all start from its result. The first caller seeds it and copies
every table's rows into memory; later callers empty the tables and put the same rows back
(PostgreSQL: COPY; SQLite: one ``executemany`` per table) inside one transaction, so that the
deferred foreign keys are checked once, at the end. Tests of ``seed_demo`` itself (idempotent,
consistent) still call the command.
"""

import io

from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

_snapshot: dict | None = None


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _take() -> dict:
    quote = connection.ops.quote_name
    rows = {}
    with connection.cursor() as cursor:
        for table in _tables():
            if connection.vendor == "postgresql":
                buffer = io.StringIO()
                cursor.copy_expert(f"COPY {quote(table)} TO STDOUT", buffer)
                rows[table] = buffer.getvalue()
            else:
                cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608
                columns = [column[0] for column in cursor.description]
                rows[table] = (columns, cursor.fetchall())
    return rows


def _restore(snapshot: dict):
    quote = connection.ops.quote_name
    tables = _tables()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(quote(t) for t in tables)} CASCADE")
            for table in tables:
                if snapshot.get(table):
                    cursor.copy_expert(
                        f"COPY {quote(table)} FROM STDIN", io.StringIO(snapshot[table])
                    )
            from django.apps import apps

            models = [m for m in apps.get_models(include_auto_created=True)]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
            for table in tables:
                columns, values = snapshot.get(table, ((), ()))
                if values:
                    names = ", ".join(quote(c) for c in columns)
                    marks = ", ".join("%s" for _ in columns)
                    cursor.executemany(
                        f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})",  # noqa: S608
                        values,
                    )


def load_demo():
    """The database holds exactly what ``seed_demo`` writes on an empty database."""
    global _snapshot
    if _snapshot is None:
        call_command("seed_demo", verbosity=0)
        _snapshot = {"vendor": connection.vendor, "rows": _take()}
        return
    _restore(_snapshot["rows"])
