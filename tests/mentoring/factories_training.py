"""Factories for trainings, participants and apprenticeships (valid with no arguments)."""

import datetime as dt

import factory

from groups.models import BudgetSource
from mentoring.models import (
    Apprenticeship,
    Attendance,
    BankTheme,
    Training,
    TrainingEvent,
    TrainingParticipant,
)
from mentoring.services.training import new_certificate_code
from tests.factories import BankFactory, MemberFactory, _theme


class BankThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BankTheme

    bank = factory.SubFactory(BankFactory)
    theme = factory.LazyFunction(_theme)
    starts_on = dt.date(2020, 1, 1)


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    title = factory.Sequence(lambda n: f"Pelatihan Uji {n}")
    description = "Pembukuan sederhana"


class TrainingEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingEvent

    training = factory.SubFactory(TrainingFactory)
    starts_on = dt.date(2024, 3, 4)
    ends_on = dt.date(2024, 3, 6)
    place = "Aula Dinas Perindustrian Kota Palu"
    facilitator = "Tim BDI Makassar"


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingParticipant

    event = factory.SubFactory(TrainingEventFactory)
    member = factory.SubFactory(MemberFactory)


class PassedParticipantFactory(ParticipantFactory):
    attendance = Attendance.PRESENT
    pre_score = 55
    post_score = 85
    passed = True
    certificate_code = factory.LazyFunction(new_certificate_code)
    certificate_issued_on = dt.date(2024, 3, 6)


class ApprenticeshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Apprenticeship

    member = factory.SubFactory(MemberFactory)
    host_name = "CV Bakpia Jaya"
    host_region = "Kota Yogyakarta, DI Yogyakarta"
    starts_on = dt.date(2023, 8, 1)
    ends_on = dt.date(2023, 8, 14)
    funding_source = BudgetSource.APBD_KOTA
    funding_amount = 7500000
