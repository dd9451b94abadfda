"""Factories for credit applications (a draft within the KUR Mikro limits by default)."""

import datetime as dt
from decimal import Decimal

import factory

from mentoring.models import CreditApplication, CreditScheme
from tests import factories


def kur(code: str = "KUR-MIKRO") -> CreditScheme:
    """One of the KUR schemes seeded by the migration."""
    return CreditScheme.objects.get(code=code)


class CreditApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CreditApplication

    group = factory.SubFactory(factories.IkmGroupFactory)
    bank = factory.SubFactory(factories.BankFactory)
    scheme = factory.LazyFunction(kur)
    amount_requested = Decimal("25000000")
    recorded_by = factory.SubFactory(factories.UserFactory, role="pejabat")

    class Params:
        submitted = factory.Trait(
            status=CreditApplication.Status.SUBMITTED, submitted_on=dt.date(2024, 1, 10)
        )
        approved = factory.Trait(
            status=CreditApplication.Status.APPROVED,
            submitted_on=dt.date(2024, 1, 10),
            decided_on=dt.date(2024, 2, 1),
            amount_approved=Decimal("20000000"),
        )
