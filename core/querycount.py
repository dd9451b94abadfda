"""``X-Query-Count`` / ``X-Query-Time-Ms`` response headers, for the benchmark only.

Off by default and in production: the middleware is added to ``MIDDLEWARE`` only when the
setting ``QUERY_COUNT_HEADER`` is true (environment ``DJANGO_QUERY_COUNT_HEADER=true``, set by
``benchmarks/settings.py``). Besides the number of statements and their time it tells the
deepest ``OFFSET`` and how many statements ``COUNT``. It counts the statements the request
sends to the default database up to the moment the response leaves the view; a streamed body's
own queries run later and are not in the header.
"""

import re
import time

from django.db import connection

OFFSET = re.compile(r"\bOFFSET\s+(\d+)", re.IGNORECASE)
COUNT = re.compile(r"\bCOUNT\(", re.IGNORECASE)


class _Counter:
    def __init__(self):
        self.count = 0
        self.seconds = 0.0
        self.max_offset = 0
        self.counts = 0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - start
            offsets = [int(n) for n in OFFSET.findall(sql)]
            if offsets:
                self.max_offset = max(self.max_offset, *offsets)
            if COUNT.search(sql):
                self.counts += 1


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = _Counter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(counter.count)
        response["X-Query-Time-Ms"] = f"{counter.seconds * 1000:.2f}"
        response["X-Query-Max-Offset"] = str(counter.max_offset)
        response["X-Query-Counts"] = str(counter.counts)
        return response
