"""The group list and profile, and the official's edits: what each role sees and may do."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core import panels
from core.panels import Panel
from groups.models import IkmGroup, Member, Product, Stage, StageChange
from tests import factories
from tests.groups.factories import EquipmentFactory, HandoverFactory

pytestmark = pytest.mark.django_db

LIST = reverse("groups:group_list")


def listed(response):
    return [g.code for g in response.context["object_list"]]


class TestGroupList:
    def test_mentor_sees_only_own_groups(self, client, world):
        client.force_login(world.mentor)
        assert listed(client.get(LIST)) == [world.group.code]

    def test_official_sees_all_active_groups_by_default(self, client, world):
        gone = factories.IkmGroupFactory(is_active=False)
        client.force_login(world.official)
        codes = listed(client.get(LIST))
        assert world.group.code in codes and world.other_group.code in codes
        assert gone.code not in codes
        assert gone.code in listed(client.get(LIST, {"status": "semua"}))
        assert listed(client.get(LIST, {"status": "nonaktif"})) == [gone.code]

    def test_search_by_name_code_and_member_name(self, client, world):
        factories.MemberFactory(group=world.other_group, name="Zulaikha Lamasitudju")
        client.force_login(world.official)
        assert listed(client.get(LIST, {"q": "Kelompok Dua"})) == [world.other_group.code]
        assert listed(client.get(LIST, {"q": world.group.code.lower()})) == [world.group.code]
        assert listed(client.get(LIST, {"q": "zulaikha"})) == [world.other_group.code]

    def test_mentor_search_by_member_name_never_widens(self, client, world):
        factories.MemberFactory(group=world.other_group, name="Zulaikha Lamasitudju")
        client.force_login(world.mentor)
        assert listed(client.get(LIST, {"q": "zulaikha"})) == []

    def test_filters_theme_kecamatan_kelurahan_stage(self, client, world):
        g = world.group
        IkmGroup.objects.filter(pk=g.pk).update(stage=Stage.MENTORED)
        client.force_login(world.official)
        assert g.code in listed(client.get(LIST, {"tema": g.theme_id}))
        assert g.code in listed(client.get(LIST, {"kelurahan": g.kelurahan_id}))
        assert g.code in listed(client.get(LIST, {"kecamatan": g.kelurahan.kecamatan_id}))
        assert listed(client.get(LIST, {"tahap": "mentored"})) == [g.code]

    def test_mentor_cannot_filter_by_unknown_choice_to_see_more(self, client, world):
        client.force_login(world.mentor)
        response = client.get(LIST, {"tahap": "bogus"})
        assert response.status_code == 200
        assert listed(response) == []

    def test_sort_by_members_and_stage_in_roadmap_order(self, client, official):
        small = factories.IkmGroupFactory(stage=Stage.CREDIT_READY)
        big = factories.IkmGroupFactory(stage=Stage.CAPACITY)
        factories.MemberFactory.create_batch(3, group=big)
        factories.MemberFactory(group=small)
        client.force_login(official)
        assert listed(client.get(LIST, {"urut": "-anggota"})) == [big.code, small.code]
        assert listed(client.get(LIST, {"urut": "tahap"})) == [big.code, small.code]
        assert listed(client.get(LIST, {"urut": "-tahap"})) == [small.code, big.code]

    def test_counts_per_stage_theme_and_sex(self, client, official):
        group = factories.IkmGroupFactory(stage=Stage.MENTORED)
        factories.MemberFactory(group=group, sex="M")
        factories.MemberFactory(group=group, sex="F", nik="7271015005850077")
        factories.MemberFactory(
            group=group, sex="F", nik="7271015005850078", left_on=dt.date(2020, 1, 1)
        )
        factories.IkmGroupFactory(stage=Stage.FORMED, theme=group.theme)
        client.force_login(official)
        response = client.get(LIST)
        stages = {value: count for value, _label, count in response.context["stage_counts"]}
        assert stages[Stage.MENTORED] == 1 and stages[Stage.FORMED] == 1
        assert dict(response.context["theme_counts"])[group.theme.name] == 2
        row = next(g for g in response.context["object_list"] if g.pk == group.pk)
        assert (row.members_female, row.members_male, row.member_total) == (1, 1, 2)

    def test_paginated_in_the_database(self, client, official):
        factories.IkmGroupFactory.create_batch(30)
        client.force_login(official)
        response = client.get(LIST)
        assert len(response.context["object_list"]) == 25
        assert len(client.get(LIST, {"page": 2}).context["object_list"]) == 5


class TestProfile:
    def test_profile_shows_key_facts_chair_and_masked_nik_for_mentor(self, client, world):
        chair = factories.MemberFactory(
            group=world.group, position="chair", name="Ibu Ketua", phone="081234567890"
        )
        client.force_login(world.mentor)
        response = client.get(reverse("groups:group_detail", args=[world.group.pk]))
        html = response.content.decode()
        assert response.context["chair"] == chair
        assert "Ibu Ketua" in html and world.group.theme.name in html
        assert chair.nik not in html and chair.nik_masked in html
        assert "Tambah anggota" not in html  # mentors read, officials write

    def test_official_sees_full_nik(self, client, world):
        member = world.group.members.first()
        client.force_login(world.official)
        html = client.get(reverse("groups:group_detail", args=[world.group.pk])).content.decode()
        assert member.nik in html

    def test_profile_counts_members_by_sex_and_lists_former_members(self, client, world):
        factories.MemberFactory(group=world.group, sex="F", nik="7271015005850055")
        factories.MemberFactory(group=world.group, name="Sudah Keluar", left_on=dt.date(2021, 1, 1))
        client.force_login(world.official)
        response = client.get(reverse("groups:group_detail", args=[world.group.pk]))
        assert (response.context["members_female"], response.context["members_male"]) == (1, 1)
        assert [m.name for m in response.context["former_members"]] == ["Sudah Keluar"]

    def test_timeline_has_stage_changes_and_equipment(self, client, world, official):
        from groups.services import group_change_stage

        group_change_stage(
            group=world.group, to_stage=Stage.CAPACITY, reason="Pelatihan", decided_by=official
        )
        EquipmentFactory(handover=HandoverFactory(group=world.group, number="BAST-TL-1"))
        client.force_login(world.mentor)
        response = client.get(reverse("groups:group_detail", args=[world.group.pk]))
        kinds = {e.kind for e in response.context["timeline"]}
        assert {"stage", "equipment"} <= kinds
        assert "BAST-TL-1" in response.content.decode()

    def test_registered_panels_render_with_their_context(self, client, world, settings, tmp_path):
        (tmp_path / "panel_test.html").write_text(
            "<p data-testid='panel'>Laporan {{ months }} bulan untuk {{ group.code }}</p>"
        )
        settings.TEMPLATES = [
            {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
        ]
        panels.register(
            Panel(
                name="test.books",
                title="Pembukuan uji",
                template_name="panel_test.html",
                context=lambda group, user: (
                    {"months": 7} if user.username == "pendamping1" else None
                ),
            )
        )
        try:
            client.force_login(world.mentor)
            html = client.get(
                reverse("groups:group_detail", args=[world.group.pk])
            ).content.decode()
            assert "Pembukuan uji" in html and f"Laporan 7 bulan untuk {world.group.code}" in html
            client.force_login(world.official)
            html = client.get(
                reverse("groups:group_detail", args=[world.group.pk])
            ).content.decode()
            assert "Pembukuan uji" not in html  # the panel left itself out for this user
        finally:
            panels._panels.pop("test.books")


class TestGroupEdits:
    def test_create_records_the_formed_stage(self, client, official):
        theme = factories.IkmGroupFactory().theme
        kel = factories.IkmGroupFactory().kelurahan
        client.force_login(official)
        response = client.post(
            reverse("groups:group_create"),
            {
                "code": "ikm-50",
                "name": "Baru",
                "theme": theme.pk,
                "kelurahan": kel.pk,
                "formed_on": "2022-04-01",
                "phone": "0812 3456 7890",
            },
        )
        group = IkmGroup.objects.get(code="IKM-50")
        assert response.status_code == 302 and response["Location"] == group.get_absolute_url()
        change = StageChange.objects.get(group=group)
        assert (change.to_stage, change.changed_on, change.decided_by) == (
            Stage.FORMED,
            dt.date(2022, 4, 1),
            official,
        )

    def test_duplicate_code_and_bad_phone_are_field_errors(self, client, world):
        client.force_login(world.official)
        response = client.post(
            reverse("groups:group_create"),
            {
                "code": world.group.code,
                "name": "X",
                "theme": world.group.theme_id,
                "kelurahan": world.group.kelurahan_id,
                "formed_on": "2022-04-01",
                "phone": "abc",
            },
        )
        form = response.context["form"]
        assert response.status_code == 200
        assert "code" in form.errors and "phone" in form.errors
        assert IkmGroup.objects.count() == 2

    def test_update_keeps_stage(self, client, world):
        IkmGroup.objects.filter(pk=world.group.pk).update(stage=Stage.MENTORED)
        client.force_login(world.official)
        client.post(
            reverse("groups:group_update", args=[world.group.pk]),
            {
                "code": world.group.code,
                "name": "Nama Baru",
                "theme": world.group.theme_id,
                "kelurahan": world.group.kelurahan_id,
                "formed_on": "2018-03-01",
            },
        )
        world.group.refresh_from_db()
        assert (world.group.name, world.group.stage) == ("Nama Baru", Stage.MENTORED)

    def test_deactivate_and_reactivate_never_delete(self, client, world):
        url = reverse("groups:group_set_active", args=[world.group.pk])
        client.force_login(world.official)
        assert client.post(url, {}).status_code == 200  # no confirmation: nothing happens
        world.group.refresh_from_db()
        assert world.group.is_active
        client.post(url, {"confirm": "on"})
        world.group.refresh_from_db()
        assert not world.group.is_active and Member.objects.filter(group=world.group).exists()
        client.post(url, {"confirm": "on"})
        world.group.refresh_from_db()
        assert world.group.is_active

    def test_stage_change_through_the_form(self, client, world):
        client.force_login(world.official)
        url = reverse("groups:group_stage", args=[world.group.pk])
        response = client.post(
            url, {"to_stage": "capacity", "changed_on": "2017-01-01", "reason": "x"}
        )
        assert "changed_on" in response.context["form"].errors  # before the current stage began
        client.post(
            url,
            {
                "to_stage": "capacity",
                "changed_on": timezone.localdate().isoformat(),
                "reason": "Pelatihan selesai",
            },
        )
        change = StageChange.objects.get(group=world.group)
        assert (change.to_stage, change.reason, change.decided_by) == (
            "capacity",
            "Pelatihan selesai",
            world.official,
        )

    def test_peer_mentor_gets_404_on_the_profile(self, client, world):
        client.force_login(world.other_mentor)
        assert client.get(reverse("groups:group_detail", args=[world.group.pk])).status_code == 404


class TestMembersAndProducts:
    def test_add_member_with_wrong_then_right_nik(self, client, world):
        url = reverse("groups:member_create", args=[world.group.pk])
        data = {
            "name": "Ani",
            "nik": "727101500585",
            "sex": "F",
            "position": "member",
            "joined_on": "2020-01-01",
        }
        client.force_login(world.official)
        members_before = set(Member.objects.values_list("pk", flat=True))
        response = client.post(url, data)
        assert "tepat 16 angka" in " ".join(response.context["form"].errors["nik"])
        assert set(Member.objects.values_list("pk", flat=True)) == members_before
        response = client.post(url, {**data, "nik": "7271015005850099"})
        member = Member.objects.exclude(pk__in=members_before).get()
        assert member.name == "Ani"
        assert member.group == world.group and member.birth_year == 1985

    def test_duplicate_active_nik_is_one_clear_field_error(self, client, world):
        other = world.other_group.members.first()
        client.force_login(world.official)
        response = client.post(
            reverse("groups:member_create", args=[world.group.pk]),
            {
                "name": "Dobel",
                "nik": other.nik,
                "sex": other.sex,
                "position": "member",
                "joined_on": "2020-01-01",
            },
        )
        form = response.context["form"]
        assert other.group.code in " ".join(form.errors["nik"])
        assert not form.non_field_errors()

    def test_leave_keeps_the_member_and_frees_the_nik(self, client, world):
        member = world.group.members.first()
        client.force_login(world.official)
        client.post(
            reverse("groups:member_leave", args=[member.pk]),
            {"left_on": timezone.localdate().isoformat()},
        )
        member.refresh_from_db()
        assert member.left_on == timezone.localdate()
        response = client.post(
            reverse("groups:member_create", args=[world.other_group.pk]),
            {
                "name": member.name,
                "nik": member.nik,
                "sex": member.sex,
                "position": "member",
                "joined_on": timezone.localdate().isoformat(),
            },
        )
        assert response.status_code == 302
        assert Member.objects.filter(nik=member.nik).count() == 2

    def test_leave_before_joining_is_refused(self, client, world):
        member = world.group.members.first()
        client.force_login(world.official)
        response = client.post(
            reverse("groups:member_leave", args=[member.pk]), {"left_on": "2000-01-01"}
        )
        assert "left_on" in response.context["form"].errors

    def test_product_price_typed_with_dots_and_duplicate_name(self, client, world):
        client.force_login(world.official)
        url = reverse("groups:product_create", args=[world.group.pk])
        client.post(
            url,
            {"name": "Keripik", "unit": "bungkus", "base_price": "Rp 25.000", "is_active": "on"},
        )
        assert Product.objects.get(name="Keripik").base_price == 25000
        response = client.post(url, {"name": "keripik", "unit": "kg", "base_price": "1"})
        assert "name" in response.context["form"].errors
        response = client.post(url, {"name": "Lain", "unit": "kg", "base_price": "12.500,50"})
        assert "base_price" in response.context["form"].errors

    def test_no_new_members_on_an_inactive_group(self, client, world):
        IkmGroup.objects.filter(pk=world.group.pk).update(is_active=False)
        client.force_login(world.official)
        response = client.post(
            reverse("groups:member_create", args=[world.group.pk]),
            {
                "name": "Ani",
                "nik": "7271015005850099",
                "sex": "F",
                "position": "member",
                "joined_on": "2020-01-01",
            },
        )
        assert response.status_code == 200
        assert "nonaktif" in " ".join(response.context["form"].non_field_errors())


def test_a_posted_group_field_is_ignored(client, world):
    """The group comes from the URL or the row, never from the form."""
    member = world.group.members.first()
    product = world.group.products.first()
    client.force_login(world.official)
    client.post(
        reverse("groups:member_update", args=[member.pk]),
        {
            "name": "Tetap",
            "nik": member.nik,
            "sex": member.sex,
            "position": "member",
            "joined_on": "2018-03-01",
            "group": world.other_group.pk,
        },
    )
    client.post(
        reverse("groups:product_create", args=[world.group.pk]),
        {"name": "Produk Tetap", "unit": "kg", "base_price": "1000", "group": world.other_group.pk},
    )
    client.post(
        reverse("groups:product_update", args=[product.pk]),
        {"name": product.name, "unit": "kg", "base_price": "1000", "group": world.other_group.pk},
    )
    member.refresh_from_db()
    product.refresh_from_db()
    assert member.name == "Tetap" and member.group == world.group
    assert product.group == world.group
    assert Product.objects.get(name="Produk Tetap").group == world.group
