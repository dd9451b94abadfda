"""Officials read who changed what and when on each registry record; never a NIK."""

import datetime as dt

import pytest
from django.urls import reverse

from groups import services
from tests import factories
from tests.groups.factories import EquipmentFactory, HandoverFactory

pytestmark = pytest.mark.django_db


def history(client, model, pk):
    return client.get(reverse("groups:record_history", args=[model, pk]))


def test_group_change_shows_who_when_and_what(client, world):
    client.force_login(world.official)
    client.post(
        reverse("groups:group_update", args=[world.group.pk]),
        {
            "code": world.group.code,
            "name": "Nama Sesudah",
            "theme": world.group.theme_id,
            "kelurahan": world.group.kelurahan_id,
            "formed_on": "2018-03-01",
        },
    )
    response = history(client, "ikmgroup", world.group.pk)
    entries = response.context["entries"]
    assert entries[0]["kind"] == "Diubah"
    assert entries[0]["who"] == world.official.get_full_name()
    assert {"label": "nama kelompok", "old": "Kelompok Satu", "new": "Nama Sesudah"} in entries[0][
        "changes"
    ]
    assert entries[-1]["kind"] == "Dibuat"


def test_member_history_never_shows_the_nik(client, world):
    member = world.group.members.first()
    old_nik = member.nik
    client.force_login(world.official)
    client.post(
        reverse("groups:member_update", args=[member.pk]),
        {
            "name": "Nama Baru",
            "nik": "7271011005850042",
            "sex": "M",
            "position": "secretary",
            "joined_on": "2018-03-01",
        },
    )
    response = history(client, "member", member.pk)
    html = response.content.decode()
    assert "Nama Baru" in html and "Sekretaris" in html
    assert old_nik not in html and "7271011005850042" not in html
    assert all(c["label"] != "NIK" for e in response.context["entries"] for c in e["changes"])


@pytest.mark.parametrize(
    "model", ["product", "legaldocument", "handover", "equipment", "equipmentcheck"]
)
def test_every_registry_record_has_a_history_page(client, world, model):
    handover = HandoverFactory(group=world.group)
    item = EquipmentFactory(handover=handover)
    objects = {
        "product": world.group.products.first(),
        "legaldocument": factories.LegalDocumentFactory(group=world.group),
        "handover": handover,
        "equipment": item,
        "equipmentcheck": services.equipment_check_record(
            equipment=item, checked_on=dt.date(2022, 1, 5), condition="good", in_use=True
        ),
    }
    obj = objects[model]
    client.force_login(world.official)
    response = history(client, model, obj.pk)
    assert response.status_code == 200
    assert response.context["entries"][-1]["kind"] == "Dibuat"


def test_fk_changes_show_names(client, world, official):
    other_theme = factories.IkmGroupFactory().theme
    while other_theme == world.group.theme:
        other_theme = factories.IkmGroupFactory().theme
    services.group_update(group=world.group, theme=other_theme)
    client.force_login(official)
    changes = history(client, "ikmgroup", world.group.pk).context["entries"][0]["changes"]
    assert {
        "label": "tema",
        "old": str(world.group.history.earliest().theme),
        "new": str(other_theme),
    } in changes


def test_unknown_model_and_foreign_pk_are_404(client, world):
    client.force_login(world.official)
    assert history(client, "user", world.official.pk).status_code == 404
    assert history(client, "member", 999999).status_code == 404


def test_mentors_cannot_read_history(client, world):
    client.force_login(world.mentor)
    assert history(client, "ikmgroup", world.group.pk).status_code == 403


def test_values_read_as_on_the_audit_page(client, world):
    """Money in Rupiah and dates written out, with the audit trail's formatter."""
    item = EquipmentFactory(handover=HandoverFactory(group=world.group), value=12500000)
    item.value = 15000000
    item.next_check_due = dt.date(2027, 5, 4)
    item.save()
    client.force_login(world.official)
    changes = history(client, "equipment", item.pk).context["entries"][0]["changes"]
    shown = {c["label"]: (c["old"], c["new"]) for c in changes}
    assert shown["nilai (Rp)"] == ("Rp 12.500.000", "Rp 15.000.000")
    assert shown["pemeriksaan berikutnya"] == ("1 Des 2021", "4 Mei 2027")
