"""``X-Query-Count`` / ``X-Query-Time-Ms`` response headers, for the benchmark only.

Off by default and in production: the middleware is added to ``MIDDLEWARE`` only when the
setting ``QUERY_COUNT_HEADER`` is true (environment ``DJANGO_QUERY_COUNT_HEADER=true``, set by
``benchmarks/settings.py``). It counts the statements the request sends to the default
database up to the moment the response leaves the view; a streamed body's own queries run later
and are not in the header.
"""

import time

from django.db import connection


class _Counter:
    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - start


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = _Counter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(counter.count)
        response["X-Query-Time-Ms"] = f"{counter.seconds * 1000:.2f}"
        return response
