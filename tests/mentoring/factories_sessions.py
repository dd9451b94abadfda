"""Factories for mentoring sessions and monthly bookkeeping reports."""

import datetime as dt

import factory

from mentoring.models import BookkeepingReport, FollowUp, MentoringSession, SessionTopic
from tests.factories import IkmGroupFactory, MentorAssignmentFactory, UserFactory


class MentoringSessionFactory(factory.django.DjangoModelFactory):
    """A draft session; the mentor is assigned to the group unless ``assign=False``."""

    class Meta:
        model = MentoringSession
        skip_postgeneration_save = True

    group = factory.SubFactory(IkmGroupFactory)
    mentor = factory.SubFactory(UserFactory, role="pendamping")
    held_on = dt.date(2024, 5, 14)
    summary = "Memeriksa buku kas dan menyusun laporan laba rugi."

    @factory.post_generation
    def assign(self, create, extracted, **kwargs):
        assigned = self.group.mentor_assignments.filter(mentor=self.mentor).exists()
        if create and extracted is not False and not assigned:
            MentorAssignmentFactory(mentor=self.mentor, group=self.group)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create:
            for topic in extracted or ["bookkeeping"]:
                SessionTopic.objects.create(session=self, topic=topic)


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    session = factory.SubFactory(MentoringSessionFactory)
    action = "Mencatat semua penjualan harian di buku penjualan"
    due_on = dt.date(2024, 6, 14)


class BookkeepingReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookkeepingReport

    group = factory.SubFactory(IkmGroupFactory)
    month = dt.date(2024, 5, 1)
    revenue = 12_000_000
    cost_of_goods = 7_000_000
    operating_costs = 2_000_000
    cash = 4_000_000
    receivables = 1_000_000
    inventory = 3_000_000
    payables = 500_000
    keeps_cash_book = True
    keeps_sales_book = True
