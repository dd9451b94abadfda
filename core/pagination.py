"""Pagination for big lists: keyset pages and bounded counts.

Django's ``Paginator`` asks for ``COUNT(*)`` of the whole filtered list and reads page *n* with
``OFFSET (n - 1) * size``: both grow with the table. On a million sale lines the count costs tens
of milliseconds and the last page seconds (the database sorts and skips every row before it).

``KeysetPaginator`` reads a page as "the next ``size`` rows after the last row seen" on a unique
ordering (e.g. ``("-sold_at", "-id")``): with an index on those columns every page, the first,
a deep one and the last, costs the same few index reads. Links carry an opaque cursor
(``?setelah=...`` / ``?sebelum=...``) instead of a page number; "last page" is the first page
read backwards. It never counts: ``capped_count`` tells "12" or "more than 10.000" cheaply.

Rules for the ordering: its last field must be unique (the primary key), no field may be NULL,
and the columns should be indexed in that order (with the list's equality filters in front,
e.g. ``(outlet, sold_at, id)`` for a list filtered by outlet).
"""

import base64
import binascii
import json
from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q, QuerySet
from django.db.models.constants import LOOKUP_SEP

COUNT_CAP = 10_000
AFTER = "setelah"
BEFORE = "sebelum"
LAST = "terakhir"


def encode_cursor(values) -> str:
    raw = json.dumps(list(values), cls=DjangoJSONEncoder, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> list | None:
    """The values in a cursor, or None when it is not one of ours (a bad link shows page 1)."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    return values if isinstance(values, list) else None


def _field(model, path: str):
    """The model field at the end of a ``a__b__c`` path."""
    parts = path.split(LOOKUP_SEP)
    for part in parts[:-1]:
        model = model._meta.get_field(part).related_model
    return model._meta.pk if parts[-1] == "pk" else model._meta.get_field(parts[-1])


@dataclass
class KeysetPage:
    """One page of rows, and the cursors that lead to its neighbours."""

    object_list: list
    has_next: bool
    has_previous: bool
    next_cursor: str | None = None
    previous_cursor: str | None = None
    is_last: bool = False
    extra: dict = field(default_factory=dict)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    def querystring_next(self) -> dict:
        return {AFTER: self.next_cursor, BEFORE: None, LAST: None}

    def querystring_previous(self) -> dict:
        return {BEFORE: self.previous_cursor, AFTER: None, LAST: None}


class KeysetPaginator:
    """Pages of ``queryset`` in ``ordering`` (e.g. ``("-sold_at", "-id")``), ``per_page`` a page.

    One query a page: it reads ``per_page + 1`` rows to know whether another page follows.
    """

    def __init__(self, queryset: QuerySet, ordering, per_page: int = 25):
        if not ordering:
            raise ValueError("A keyset ordering needs at least one field (ending in a unique one).")
        self.queryset = queryset
        self.ordering = tuple(ordering)
        self.per_page = per_page
        self.descending = [name.startswith("-") for name in self.ordering]
        names = [name.lstrip("-") for name in self.ordering]
        self._model_fields = [_field(queryset.model, name) for name in names]
        # A foreign key sorts by its column, not by the related model's default ordering.
        self.fields = [
            LOOKUP_SEP.join([*name.split(LOOKUP_SEP)[:-1], f.attname]) if f.is_relation else name
            for name, f in zip(names, self._model_fields, strict=True)
        ]

    @cached_property
    def count(self) -> int:
        """The number of rows, exact up to ``COUNT_CAP`` and ``COUNT_CAP`` beyond (see
        ``capped_count``): what ``Paginator.count`` users read, without counting a big table."""
        return capped_count(self.queryset, COUNT_CAP)[0]

    # --- cursors ------------------------------------------------------------------------------
    def cursor_for(self, row) -> str:
        """The cursor of a row (a model instance or a ``values()`` dict)."""
        values = []
        for name, model_field in zip(self.fields, self._model_fields, strict=True):
            if isinstance(row, dict):
                values.append(row[name])
                continue
            value = row
            for part in name.split(LOOKUP_SEP)[:-1]:
                value = getattr(value, part)
            values.append(getattr(value, model_field.attname))
        return encode_cursor(values)

    def _parse(self, cursor: str | None):
        if not cursor:
            return None
        values = decode_cursor(cursor)
        if values is None or len(values) != len(self.fields):
            return None
        parsed = []
        for model_field, value in zip(self._model_fields, values, strict=True):
            if value is None:
                return None
            target = getattr(model_field, "target_field", None) or model_field
            try:
                parsed.append(target.to_python(value))
            except (ValidationError, TypeError, ValueError, FieldDoesNotExist):
                return None
        return parsed

    def _after(self, values, reverse: bool) -> Q:
        """Rows strictly after ``values`` in the ordering (before them when ``reverse``).

        ``a < x OR (a = x AND b < y) ...``, with ``a <= x`` in front so that the database starts
        its index scan at the cursor instead of filtering from the first row.
        """
        clauses = None
        for i, name in enumerate(self.fields):
            descending = self.descending[i] != reverse
            step = Q(**{f"{name}__{'lt' if descending else 'gt'}": values[i]})
            step &= Q(**{self.fields[j]: values[j] for j in range(i)})
            clauses = step if clauses is None else clauses | step
        first_descending = self.descending[0] != reverse
        bound = Q(**{f"{self.fields[0]}__{'lte' if first_descending else 'gte'}": values[0]})
        return bound & clauses

    def _order(self, reverse: bool):
        return [
            (f"-{name}" if desc != reverse else name)
            for name, desc in zip(self.fields, self.descending, strict=True)
        ]

    def _fetch(self, queryset, reverse: bool):
        return list(queryset.order_by(*self._order(reverse))[: self.per_page + 1])

    # --- pages --------------------------------------------------------------------------------
    def page(self, *, after: str | None = None, before: str | None = None, last: bool = False):
        """The page after a cursor, before a cursor, the last page, or (by default) the first."""
        after_values, before_values = self._parse(after), self._parse(before)
        if last:
            rows = self._fetch(self.queryset, reverse=True)
            more = len(rows) > self.per_page
            rows = rows[: self.per_page][::-1]
            return self._page(rows, has_next=False, has_previous=more, is_last=True)
        if before_values is not None:
            rows = self._fetch(self.queryset.filter(self._after(before_values, True)), True)
            if len(rows) < self.per_page:
                # Back at the start with a short page: show the real first page instead.
                return self.page()
            more = len(rows) > self.per_page
            rows = rows[: self.per_page][::-1]
            return self._page(rows, has_next=True, has_previous=more)
        queryset = self.queryset
        if after_values is not None:
            queryset = queryset.filter(self._after(after_values, False))
        rows = self._fetch(queryset, reverse=False)
        more = len(rows) > self.per_page
        rows = rows[: self.per_page]
        return self._page(rows, has_next=more, has_previous=after_values is not None)

    def page_from_request(self, request):
        params = request.GET
        return self.page(
            after=params.get(AFTER), before=params.get(BEFORE), last=params.get(LAST) == "1"
        )

    def _page(self, rows, *, has_next, has_previous, is_last=False):
        if not rows:
            # Past either end (a stale link): nothing to point to but the first page.
            return KeysetPage([], has_next=False, has_previous=has_previous, is_last=is_last)
        return KeysetPage(
            rows,
            has_next=has_next,
            has_previous=has_previous,
            next_cursor=self.cursor_for(rows[-1]) if has_next else None,
            previous_cursor=self.cursor_for(rows[0]) if has_previous else None,
            is_last=is_last or not has_next,
        )


def capped_count(queryset: QuerySet, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """``(n, exact)``: the number of rows if there are at most ``cap``, else ``(cap, False)``.

    ``SELECT COUNT(*) FROM (SELECT ... LIMIT cap + 1)``: the database stops after ``cap + 1``
    rows, so the cost is bounded whatever the table size.
    """
    n = queryset.order_by().values("pk")[: cap + 1].count()  # no annotations in the subquery
    return (n, True) if n <= cap else (cap, False)


class KeysetPaginationMixin:
    """For a ``ListView``: pages in ``keyset_ordering`` instead of page numbers.

    The context gets ``page_obj`` (a ``KeysetPage``), ``is_paginated``, ``keyset = True`` and
    ``row_count`` / ``row_count_exact`` (``capped_count`` of the whole list);
    ``templates/_partials/keyset_pagination.html`` draws the links.
    """

    keyset_ordering: tuple = ("-pk",)
    paginate_by = 25

    def get_keyset_ordering(self):
        return self.keyset_ordering

    def paginate_queryset(self, queryset, page_size):
        self.row_count = capped_count(queryset)
        paginator = KeysetPaginator(queryset, self.get_keyset_ordering(), per_page=page_size)
        paginator.count = self.row_count[0]  # already counted
        page = paginator.page_from_request(self.request)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["keyset"] = True
        if hasattr(self, "row_count"):
            context["row_count"], context["row_count_exact"] = self.row_count
        return context
