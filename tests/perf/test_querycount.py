"""The query-count header exists only when the benchmark setting asks for it."""

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory

from core.querycount import QueryCountMiddleware
from groups.models import Theme

pytestmark = pytest.mark.django_db


def test_off_by_default(client, official):
    assert "core.querycount.QueryCountMiddleware" not in settings.MIDDLEWARE
    client.force_login(official)
    response = client.get("/kelompok/")
    assert response.status_code == 200
    assert "X-Query-Count" not in response


def test_counts_the_queries_of_a_request():
    def view(request):
        list(Theme.objects.all()[20:30])
        Theme.objects.count()
        return HttpResponse("ok")

    response = QueryCountMiddleware(view)(RequestFactory().get("/"))
    assert response["X-Query-Count"] == "2"
    assert float(response["X-Query-Time-Ms"]) >= 0
    assert response["X-Query-Max-Offset"] == "20"
    assert response["X-Query-Counts"] == "1"
