"""Month arithmetic, written once: the reports, settlements, statements and readiness share it.

A *month* is the date of its first day. ``add_months`` keeps the day of the month where it can
(31 January + 1 month is 28 or 29 February); on a first day it gives a first day.
"""

import calendar
import datetime as dt


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (or earlier); the 31st falls back to the month's last day."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_month(day: dt.date) -> dt.date:
    """The first day of the month after ``day``'s."""
    return add_months(month_start(day), 1)


def month_range(start: dt.date, end: dt.date) -> list[dt.date]:
    """First days of every month from ``start``'s month to ``end``'s month, both included."""
    months, month = [], month_start(start)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    return months


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` (0 when ``end`` is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return max(months, 0)
