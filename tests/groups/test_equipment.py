"""Equipment handed out: BASTs, items, inspections, the register and its lists."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from groups import services
from groups.models import CHECK_INTERVAL_DAYS, Condition, Equipment, EquipmentCheck, Handover
from tests import factories
from tests.groups.factories import EquipmentFactory, HandoverFactory, png_upload

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


class TestServices:
    def test_one_bast_covers_several_items_due_for_a_check_in_six_months(self):
        group = factories.IkmGroupFactory()
        bast = services.handover_create(
            group=group,
            number="BAST-1",
            handed_over_on=dt.date(2022, 3, 1),
            budget_source="dak",
            budget_year=2022,
        )
        for name in ("Mesin A", "Mesin B"):
            services.equipment_create(handover=bast, name=name, category="machine", value=1000)
        assert bast.items.count() == 2
        item = bast.items.first()
        assert item.next_check_due == dt.date(2022, 3, 1) + dt.timedelta(days=CHECK_INTERVAL_DAYS)
        assert (item.condition, item.in_use, item.group) == (Condition.GOOD, True, group)

    def test_mismatch_needs_an_explanation(self):
        bast = HandoverFactory()
        with pytest.raises(ValidationError) as excinfo:
            services.equipment_create(
                handover=bast, name="X", category="machine", value=1, mismatch=True
            )
        assert "mismatch_note" in excinfo.value.message_dict

    def test_duplicate_bast_number_is_refused(self):
        HandoverFactory(number="BAST-9")
        with pytest.raises(ValidationError):
            services.handover_create(
                group=factories.IkmGroupFactory(),
                number="BAST-9",
                handed_over_on=dt.date(2022, 1, 1),
                budget_source="dak",
                budget_year=2022,
            )

    def test_latest_check_sets_the_items_state_an_older_one_does_not(self, official):
        item = EquipmentFactory(handover=HandoverFactory(handed_over_on=dt.date(2021, 1, 1)))
        services.equipment_check_record(
            equipment=item,
            checked_on=dt.date(2023, 6, 1),
            condition="major",
            in_use=False,
            checked_by=official,
        )
        services.equipment_check_record(
            equipment=item, checked_on=dt.date(2022, 6, 1), condition="good", in_use=True
        )
        item.refresh_from_db()
        assert (item.condition, item.in_use, item.last_checked_on) == (
            "major",
            False,
            dt.date(2023, 6, 1),
        )
        assert item.next_check_due == dt.date(2023, 6, 1) + dt.timedelta(days=CHECK_INTERVAL_DAYS)
        assert EquipmentCheck.objects.filter(equipment=item).count() == 2

    @pytest.mark.parametrize(
        ("day", "field"),
        [(dt.date(2020, 12, 31), "checked_on"), (TODAY() + dt.timedelta(days=1), "checked_on")],
    )
    def test_check_dates_must_be_plausible(self, day, field):
        item = EquipmentFactory(handover=HandoverFactory(handed_over_on=dt.date(2021, 1, 1)))
        with pytest.raises(ValidationError) as excinfo:
            services.equipment_check_record(
                equipment=item, checked_on=day, condition="good", in_use=True
            )
        assert field in excinfo.value.message_dict

    def test_two_checks_on_one_day_are_refused(self):
        item = EquipmentFactory()
        services.equipment_check_record(
            equipment=item, checked_on=dt.date(2023, 1, 1), condition="good", in_use=True
        )
        with pytest.raises(ValidationError):
            services.equipment_check_record(
                equipment=item, checked_on=dt.date(2023, 1, 1), condition="minor", in_use=True
            )


class TestLists:
    def test_overdue_and_unused_lists(self, client, world):
        overdue = EquipmentFactory(
            handover=HandoverFactory(group=world.group),
            next_check_due=TODAY() - dt.timedelta(days=1),
        )
        fine = EquipmentFactory(
            handover=HandoverFactory(group=world.group),
            next_check_due=TODAY() + dt.timedelta(days=10),
        )
        idle = EquipmentFactory(
            handover=HandoverFactory(group=world.group),
            in_use=False,
            next_check_due=TODAY() + dt.timedelta(days=5),
        )
        EquipmentFactory(handover=HandoverFactory(group=world.group), in_use=False, is_active=False)
        peer_overdue = EquipmentFactory(
            handover=HandoverFactory(group=world.other_group),
            next_check_due=TODAY() - dt.timedelta(days=3),
        )
        client.force_login(world.official)
        rows = client.get(reverse("groups:equipment_overdue")).context["object_list"]
        assert {e.pk for e in rows} == {overdue.pk, peer_overdue.pk}
        assert fine.pk not in {e.pk for e in rows}
        rows = client.get(reverse("groups:equipment_unused")).context["object_list"]
        assert [e.pk for e in rows] == [idle.pk]
        client.force_login(world.mentor)
        rows = client.get(reverse("groups:equipment_overdue")).context["object_list"]
        assert [e.pk for e in rows] == [overdue.pk]

    def test_register_filters_theme_group_condition_year(self, client, world):
        a = EquipmentFactory(
            handover=HandoverFactory(
                group=world.group, budget_year=2019, handed_over_on=dt.date(2019, 5, 1)
            ),
            condition="minor",
        )
        b = EquipmentFactory(
            handover=HandoverFactory(
                group=world.other_group, budget_year=2022, handed_over_on=dt.date(2022, 5, 1)
            )
        )
        url = reverse("groups:equipment_list")
        client.force_login(world.official)

        def pks(**params):
            return {e.pk for e in client.get(url, params).context["object_list"]}

        assert pks() == {a.pk, b.pk}
        assert pks(kelompok=world.group.pk) == {a.pk}
        assert pks(kondisi="minor") == {a.pk}
        assert pks(tahun="2022") == {b.pk}
        assert a.pk in pks(tema=world.group.theme_id)

    def test_list_total_counts_every_unit_at_its_value(self, client, world):
        EquipmentFactory(handover=HandoverFactory(group=world.group), value=2_000_000, quantity=3)
        EquipmentFactory(handover=HandoverFactory(group=world.group), value=500_000, quantity=1)
        client.force_login(world.official)
        response = client.get(reverse("groups:equipment_list"))
        assert response.context["totals"] == {"value": 6_500_000, "count": 4}
        html = response.content.decode()
        totals = html[html.index('data-testid="equipment-totals"') :].split("</p>")[0]
        assert "4 unit" in totals and "6.500.000" in totals

    def test_mentor_filtering_by_the_peers_group_gets_nothing(self, client, equipment_world):
        w = equipment_world
        client.force_login(w.mentor)
        response = client.get(reverse("groups:equipment_list"), {"kelompok": w.other_group.pk})
        assert response.status_code == 200
        assert list(response.context["object_list"]) == []
        assert "kelompok" in response.context["filter"].form.errors

    def test_check_form_and_photo_download(self, client, equipment_world):
        w = equipment_world
        item = w.extra["equipment"]
        client.force_login(w.official)
        response = client.post(
            reverse("groups:equipment_check_create", args=[item.pk]),
            {
                "checked_on": TODAY().isoformat(),
                "condition": "unusable",
                "note": "Rusak",
                "photo": png_upload(),
            },
        )
        assert response.status_code == 302
        check = item.checks.get(checked_on=TODAY())
        assert (check.checked_by, check.in_use) == (w.official, False)
        item.refresh_from_db()
        assert item.condition == Condition.UNUSABLE
        client.force_login(w.mentor)
        assert (
            client.get(reverse("groups:equipment_check_photo", args=[check.pk])).status_code == 200
        )
        client.force_login(w.other_mentor)
        assert (
            client.get(reverse("groups:equipment_check_photo", args=[check.pk])).status_code == 404
        )

    def test_check_form_refuses_a_pdf_photo_and_a_second_check_that_day(
        self, client, equipment_world
    ):
        w = equipment_world
        item = w.extra["equipment"]
        client.force_login(w.official)
        url = reverse("groups:equipment_check_create", args=[item.pk])
        from tests.groups.factories import pdf_upload

        response = client.post(
            url,
            {
                "checked_on": TODAY().isoformat(),
                "condition": "good",
                "in_use": "on",
                "photo": pdf_upload("foto.jpg"),
            },
        )
        assert "photo" in response.context["form"].errors
        client.post(url, {"checked_on": TODAY().isoformat(), "condition": "good", "in_use": "on"})
        response = client.post(
            url, {"checked_on": TODAY().isoformat(), "condition": "minor", "in_use": "on"}
        )
        assert "checked_on" in response.context["form"].errors
        assert item.checks.filter(checked_on=TODAY()).count() == 1

    def test_mentor_cannot_record_a_check_and_peer_cannot_see_the_item(
        self, client, equipment_world
    ):
        w = equipment_world
        item = w.extra["equipment"]
        client.force_login(w.mentor)
        assert (
            client.post(reverse("groups:equipment_check_create", args=[item.pk]), {}).status_code
            == 403
        )
        assert client.get(reverse("groups:equipment_detail", args=[item.pk])).status_code == 200
        client.force_login(w.other_mentor)
        assert client.get(reverse("groups:equipment_detail", args=[item.pk])).status_code == 404
        assert (
            client.get(reverse("groups:handover_detail", args=[item.handover_id])).status_code
            == 404
        )

    def test_add_item_with_mismatch_from_the_bast_page(self, client, world):
        bast = HandoverFactory(group=world.group)
        client.force_login(world.official)
        url = reverse("groups:equipment_create", args=[bast.pk])
        response = client.post(
            url,
            {
                "name": "Perajang",
                "category": "machine",
                "quantity": "1",
                "value": "8.750.000",
                "mismatch": "on",
            },
        )
        assert "mismatch_note" in response.context["form"].errors
        client.post(
            url,
            {
                "name": "Perajang",
                "category": "machine",
                "quantity": "1",
                "value": "8.750.000",
                "requested": "stainless",
                "delivered": "besi",
                "mismatch": "on",
                "mismatch_note": "bukan stainless",
            },
        )
        item = Equipment.objects.get(name="Perajang")
        assert (item.value, item.mismatch, item.handover) == (8750000, True, bast)

    def test_handover_group_comes_from_the_url_and_unknown_group_is_404(self, client, world):
        client.force_login(world.official)
        response = client.post(
            reverse("groups:handover_create", args=[world.other_group.pk]),
            {
                "number": "B-1",
                "handed_over_on": "2022-01-01",
                "budget_source": "dak",
                "budget_year": "2022",
            },
        )
        assert response.status_code == 302
        assert Handover.objects.get(number="B-1").group == world.other_group
        response = client.post(
            reverse("groups:handover_create", args=[999999]),
            {
                "number": "B-2",
                "handed_over_on": "2022-01-01",
                "budget_source": "dak",
                "budget_year": "2022",
            },
        )
        assert response.status_code == 404


class TestDocumentStatus:
    def test_lists_missing_expired_and_expiring_documents(self, client, world):
        today = TODAY()
        complete = factories.IkmGroupFactory(name="Lengkap")
        for kind in ("nib", "sku", "npwp"):
            factories.LegalDocumentFactory(group=complete, kind=kind, expires_on=None)
        expired = factories.IkmGroupFactory(name="Kedaluwarsa")
        for kind in ("nib", "npwp"):
            factories.LegalDocumentFactory(group=expired, kind=kind)
        factories.LegalDocumentFactory(
            group=expired,
            kind="sku",
            issued_on=dt.date(2020, 1, 1),
            expires_on=today - dt.timedelta(days=1),
        )
        expiring = factories.IkmGroupFactory(name="Segera")
        for kind in ("nib", "npwp", "sku"):
            factories.LegalDocumentFactory(group=expiring, kind=kind)
        factories.LegalDocumentFactory(
            group=expiring,
            kind="halal",
            issued_on=dt.date(2020, 1, 1),
            expires_on=today + dt.timedelta(days=30),
        )
        renewed = factories.IkmGroupFactory(name="Diperpanjang")
        for kind in ("nib", "npwp"):
            factories.LegalDocumentFactory(group=renewed, kind=kind)
        factories.LegalDocumentFactory(
            group=renewed, kind="sku", issued_on=dt.date(2020, 1, 1), expires_on=dt.date(2021, 1, 1)
        )
        factories.LegalDocumentFactory(
            group=renewed,
            kind="sku",
            issued_on=today - dt.timedelta(days=10),
            expires_on=today + dt.timedelta(days=300),
        )
        url = reverse("groups:document_status")
        client.force_login(world.official)

        def names(**params):
            return {row["group"].name for row in client.get(url, params).context["rows"]}

        listed = names()
        assert {"Kedaluwarsa", "Segera", "Kelompok Satu", "Kelompok Dua"} <= listed
        assert "Lengkap" not in listed and "Diperpanjang" not in listed
        assert names(masalah="expired") == {"Kedaluwarsa"}
        assert names(masalah="expiring") == {"Segera"}
        assert "Kedaluwarsa" not in names(masalah="missing")
        assert names(masalah="expiring", jenis="sku") == set()
        client.force_login(world.mentor)
        assert names() == {"Kelompok Satu"}
