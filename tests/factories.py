"""Factories that make valid objects with no arguments."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from groups.models import IkmGroup, Kelurahan, LegalDocument, Member, Product, Sex, Theme
from marketing.models import Outlet, OutletStaff, Regency
from mentoring.models import Bank, MentorAssignment

PASSWORD = "palu-ikm-demo"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="id_ID")
    last_name = factory.Faker("last_name", locale="id_ID")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get_or_create(name=extracted)[0])


def _pick(rows):
    """A row drawn with factory_boy's generator, which the suite seeds per test (conftest)."""
    rows = list(rows)
    return factory.random.randgen.choice(rows) if rows else None


def _theme():
    return _pick(Theme.objects.order_by("pk"))


def _kelurahan():
    return _pick(Kelurahan.objects.order_by("pk"))


class IkmGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IkmGroup

    code = factory.Sequence(lambda n: f"T-{n:04d}")
    name = factory.Sequence(lambda n: f"Kelompok Uji {n}")
    theme = factory.LazyFunction(_theme)
    kelurahan = factory.LazyFunction(_kelurahan)
    formed_on = dt.date(2018, 3, 1)
    stage_since = dt.date(2018, 3, 1)


def _nik(n: int, sex: str = Sex.MALE) -> str:
    day = 10 + (40 if sex == Sex.FEMALE else 0)
    return f"727101{day:02d}0585{(n % 9999) + 1:04d}"


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    group = factory.SubFactory(IkmGroupFactory)
    name = factory.Faker("name", locale="id_ID")
    sex = Sex.MALE
    nik = factory.Sequence(lambda n: _nik(n))
    birth_year = 1985
    joined_on = dt.date(2018, 3, 1)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    group = factory.SubFactory(IkmGroupFactory)
    name = factory.Sequence(lambda n: f"Produk {n}")
    unit = "bungkus"
    base_price = 15000


class LegalDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalDocument

    group = factory.SubFactory(IkmGroupFactory)
    kind = "nib"
    number = factory.Sequence(lambda n: f"91200{n:08d}")
    issued_on = dt.date(2020, 1, 15)


class BankFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bank
        django_get_or_create = ("code",)

    code = "BANK-UJI"
    name = "Bank Uji"


class MentorAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorAssignment

    mentor = factory.SubFactory(UserFactory, role="pendamping")
    bank = factory.SubFactory(BankFactory)
    group = factory.SubFactory(IkmGroupFactory)
    starts_on = dt.date(2019, 1, 1)


def _regency():
    return _pick(Regency.objects.filter(kind=Regency.Kind.KABUPATEN).order_by("pk"))


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet

    code = factory.Sequence(lambda n: f"G-{n:04d}")
    name = factory.Sequence(lambda n: f"Gerai Uji {n}")
    regency = factory.LazyFunction(_regency)
    opened_on = dt.date(2019, 1, 1)


class OutletStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutletStaff

    user = factory.SubFactory(UserFactory, role="kasir")
    outlet = factory.SubFactory(OutletFactory)
    starts_on = dt.date(2019, 1, 1)
