"""Production settings plus what the benchmark needs: the query-count header and the admin
changelist it compares against. Debug stays off; the server is a real gunicorn on PostgreSQL."""

from palu_ikm.settings import *  # noqa: F403
from palu_ikm.settings import MIDDLEWARE

QUERY_COUNT_HEADER = True
if "core.querycount.QueryCountMiddleware" not in MIDDLEWARE:
    MIDDLEWARE = ["core.querycount.QueryCountMiddleware", *MIDDLEWARE]
ROOT_URLCONF = "benchmarks.urls"
