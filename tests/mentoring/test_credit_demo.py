"""Demo credit data: every status present, two to four groups mandiri, idempotent."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from groups.models import IkmGroup, Stage, StageChange
from mentoring.models import CreditApplication
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.django_db


def test_demo_credit_applications(client):
    load_demo()
    statuses = set(CreditApplication.objects.values_list("status", flat=True))
    assert statuses == set(CreditApplication.Status.values)
    mandiri = IkmGroup.objects.filter(stage=Stage.MANDIRI)
    assert 2 <= mandiri.count() <= 4
    assert StageChange.objects.filter(to_stage=Stage.MANDIRI, automatic=True).count() == (
        mandiri.count()
    )
    before = (CreditApplication.objects.count(), StageChange.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (CreditApplication.objects.count(), StageChange.objects.count()) == before

    client.force_login(get_user_model().objects.get(username="pendamping1"))
    response = client.get(reverse("mentoring:readiness_list"))
    assert response.status_code == 200
    assert len(response.context["rows"]) == 6
    scores = {r.percent for r in response.context["rows"]}
    assert len(scores) > 1  # a spread, not one value for everyone
