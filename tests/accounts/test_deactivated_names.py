"""A deactivated person's past sessions and sales still show their name."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import services
from marketing.models import Sale, SaleLine
from mentoring.models import MentoringSession

pytestmark = pytest.mark.django_db


def test_past_session_and_sale_keep_the_name_after_deactivation(client, world):
    mentor, clerk = world.users["mentor"], world.users["clerk"]
    mentor.first_name, mentor.last_name = "Rahmawati", "Lamato"
    mentor.save()
    clerk.first_name, clerk.last_name = "Moh.", "Rizal"
    clerk.save()
    session = MentoringSession.objects.create(
        group=world.group, mentor=mentor, held_on=timezone.localdate() - dt.timedelta(days=3)
    )
    sale = Sale.objects.create(
        outlet=world.outlet,
        number=1,
        business_date=timezone.localdate(),
        clerk=clerk,
        total=15000,
        idempotency_key=uuid.uuid4(),
    )
    product = world.group.products.first()
    SaleLine.objects.create(
        sale=sale,
        product=product,
        group=world.group,
        quantity=1,
        unit_price=15000,
        consignment_price=12000,
        line_total=15000,
    )
    official = world.users["official"]
    services.account_deactivate(actor=official, user=mentor, reason="Pindah tugas")
    services.account_deactivate(actor=official, user=clerk, reason="Kontrak selesai")
    mentor.refresh_from_db()
    clerk.refresh_from_db()
    assert not mentor.is_active and not clerk.is_active

    client.force_login(official)
    page = client.get(reverse("mentoring:session_detail", args=[session.pk]))
    assert page.status_code == 200
    assert "Rahmawati Lamato" in page.content.decode()
    receipt = client.get(reverse("marketing:sale_receipt", args=[sale.pk]))
    assert receipt.status_code == 200
    assert "Moh. Rizal" in receipt.content.decode()
    # The records themselves are untouched.
    assert MentoringSession.objects.get(pk=session.pk).mentor_id == mentor.pk
    assert Sale.objects.get(pk=sale.pk).clerk_id == clerk.pk
