"""Factories for the registry's equipment and paper models (valid with no arguments)."""

import datetime as dt

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from groups.models import (
    BudgetSource,
    Condition,
    Equipment,
    EquipmentCategory,
    EquipmentCheck,
    Handover,
)
from tests.factories import IkmGroupFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def pdf_upload(name="scan.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_upload(name="foto.png", content=PNG_BYTES):
    return SimpleUploadedFile(name, content, content_type="image/png")


class HandoverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Handover

    group = factory.SubFactory(IkmGroupFactory)
    number = factory.Sequence(lambda n: f"027/{n:04d}/BAST-UJI/2021")
    handed_over_on = dt.date(2021, 6, 1)
    budget_source = BudgetSource.APBD_KOTA
    budget_year = 2021


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipment

    handover = factory.SubFactory(HandoverFactory)
    name = factory.Sequence(lambda n: f"Mesin uji {n}")
    category = EquipmentCategory.MACHINE
    value = 12500000
    next_check_due = dt.date(2021, 12, 1)


class EquipmentCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EquipmentCheck

    equipment = factory.SubFactory(EquipmentFactory)
    checked_on = factory.Sequence(lambda n: dt.date(2022, 1, 1) + dt.timedelta(days=n))
    condition = Condition.GOOD
    in_use = True
    next_check_due = factory.LazyAttribute(lambda o: o.checked_on + dt.timedelta(days=180))
