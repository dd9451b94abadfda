"""Mentor assignments and banks: the official's pages, the default bank of a theme, and that
ending an assignment ends the mentor's access at once."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from groups.models import IkmGroup
from mentoring.models import Bank, BankTheme, MentorAssignment
from mentoring.services.assignments import (
    assignment_create,
    assignment_stop,
    bank_theme_start,
    default_bank_for,
)
from tests import factories
from tests.mentoring.factories_training import BankThemeFactory

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def test_assigning_without_a_bank_uses_the_bank_of_the_groups_theme(client, world):
    group = factories.IkmGroupFactory()
    bank = Bank.objects.create(code="BSG", name="Bank Sulteng")
    BankThemeFactory(bank=bank, theme=group.theme)
    client.force_login(world.official)
    response = client.post(
        reverse("mentoring:assignment_create"),
        {"group": group.pk, "mentor": world.other_mentor.pk, "starts_on": today().isoformat()},
    )
    assert response.status_code == 302
    assignment = MentorAssignment.objects.get(group=group)
    assert assignment.bank == bank
    assert assignment.mentor == world.other_mentor


def test_the_form_offers_the_themes_bank_for_a_group_from_its_profile(client, world):
    bank = Bank.objects.create(code="BSG", name="Bank Sulteng")
    BankThemeFactory(bank=bank, theme=world.group.theme)
    client.force_login(world.official)
    response = client.get(reverse("mentoring:assignment_create"), {"kelompok": world.group.pk})
    form = response.context["form"]
    assert form.initial["group"] == world.group
    assert form.initial["bank"] == bank


def test_no_bank_and_no_bank_for_the_theme_is_a_form_error(client, world):
    group = factories.IkmGroupFactory()
    client.force_login(world.official)
    response = client.post(
        reverse("mentoring:assignment_create"),
        {"group": group.pk, "mentor": world.mentor.pk, "starts_on": today().isoformat()},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["bank"]
    assert not MentorAssignment.objects.filter(group=group).exists()


def test_a_mentor_works_only_for_the_bank_of_their_account(world):
    own_bank = Bank.objects.create(code="BSG", name="Bank Sulteng")
    other_bank = Bank.objects.create(code="BRI", name="BRI")
    Profile.objects.update_or_create(user=world.mentor, defaults={"bank": own_bank})
    world.mentor.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        assignment_create(mentor=world.mentor, group=factories.IkmGroupFactory(), bank=other_bank)
    assert "bank" in error.value.error_dict


def test_a_clerk_cannot_be_assigned(client, world):
    client.force_login(world.official)
    response = client.post(
        reverse("mentoring:assignment_create"),
        {
            "group": world.other_group.pk,
            "mentor": world.clerk.pk,
            "bank": factories.BankFactory().pk,
            "starts_on": today().isoformat(),
        },
    )
    assert response.context["form"].errors["mentor"]
    assert not MentorAssignment.objects.filter(mentor=world.clerk).exists()


def test_ending_an_assignment_ends_the_mentors_access_immediately(client, world):
    assignment = MentorAssignment.objects.get(mentor=world.mentor, group=world.group)
    group_url = reverse("groups:group_detail", args=[world.group.pk])
    client.force_login(world.mentor)
    assert client.get(group_url).status_code == 200

    client.force_login(world.official)
    stop_url = reverse("mentoring:assignment_stop", args=[assignment.pk])
    form = client.get(stop_url).context["form"]
    response = client.post(stop_url, {"last_day": form.initial["last_day"].isoformat()})
    assert response.status_code == 302

    assignment.refresh_from_db()
    assert assignment.ends_on == today() - dt.timedelta(days=1)
    assert world.group not in IkmGroup.objects.visible_to(world.mentor)
    client.force_login(world.mentor)
    assert client.get(group_url).status_code == 404
    # The ended assignment stays on the mentor's own list, marked as ended.
    listed = client.get(reverse("mentoring:assignment_list"), {"status": "semua"})
    assert assignment in listed.context["object_list"]


def test_ending_on_a_later_day_keeps_access_until_then(world):
    assignment = MentorAssignment.objects.get(mentor=world.mentor, group=world.group)
    assignment_stop(assignment=assignment, last_day=today() + dt.timedelta(days=3))
    assert world.group in IkmGroup.objects.visible_to(world.mentor)


def test_ending_an_assignment_that_has_not_started_withdraws_it(world):
    group = factories.IkmGroupFactory()
    future = factories.MentorAssignmentFactory(
        mentor=world.mentor, group=group, starts_on=today() + dt.timedelta(days=5)
    )
    assert assignment_stop(assignment=future) is None
    assert not MentorAssignment.objects.filter(pk=future.pk).exists()
    assert MentorAssignment.history.filter(id=future.pk, history_type="-").exists()


def test_an_old_assignment_cannot_end_before_it_started(world):
    assignment = MentorAssignment.objects.get(mentor=world.mentor, group=world.group)
    with pytest.raises(ValidationError):
        assignment_stop(assignment=assignment, last_day=assignment.starts_on - dt.timedelta(1))
    assert MentorAssignment.objects.filter(pk=assignment.pk, ends_on__isnull=True).exists()


def test_an_ended_assignment_cannot_be_ended_again(client, world):
    assignment = MentorAssignment.objects.get(mentor=world.mentor, group=world.group)
    assignment_stop(assignment=assignment)
    client.force_login(world.official)
    url = reverse("mentoring:assignment_stop", args=[assignment.pk])
    assert client.get(url).status_code == 404


def test_one_bank_per_theme_at_a_time(world):
    theme = world.group.theme
    first = BankThemeFactory(theme=theme, starts_on=dt.date(2020, 1, 1))
    other = Bank.objects.create(code="BRI", name="BRI")
    with pytest.raises(ValidationError):
        bank_theme_start(bank=other, theme=theme, starts_on=dt.date(2024, 1, 1))
    first.ends_on = dt.date(2023, 12, 31)
    first.save()
    link = bank_theme_start(bank=other, theme=theme, starts_on=dt.date(2024, 1, 1))
    assert default_bank_for(world.group) == link.bank


def test_official_filters_the_list_by_bank_mentor_group_and_status(client, world):
    other_bank = Bank.objects.create(code="BRI", name="BRI")
    peer = MentorAssignment.objects.get(mentor=world.other_mentor)
    peer.bank = other_bank
    peer.save()
    own = MentorAssignment.objects.get(mentor=world.mentor)
    client.force_login(world.official)
    url = reverse("mentoring:assignment_list")

    def listed(**params):
        return list(client.get(url, params).context["object_list"])

    assert set(listed()) == {own, peer}
    assert listed(bank=other_bank.pk) == [peer]
    assert listed(pendamping=world.mentor.pk) == [own]
    assert listed(kelompok=world.other_group.pk) == [peer]
    assert listed(status="selesai") == []
    assignment_stop(assignment=own)
    assert listed() == [peer]
    assert listed(status="selesai") == [own]


def test_a_mentor_sees_only_their_own_assignments(client, world):
    client.force_login(world.mentor)
    url = reverse("mentoring:assignment_list")
    rows = list(client.get(url).context["object_list"])
    assert [a.mentor for a in rows] == [world.mentor]
    # Naming the peer's group narrows nothing open: it is not a valid choice for this mentor.
    rows = client.get(url, {"kelompok": world.other_group.pk}).context["object_list"]
    assert list(rows) == []


def test_bank_pages_create_and_change_a_bank(client, world):
    client.force_login(world.official)
    response = client.post(
        reverse("mentoring:bank_create"), {"code": "bni", "name": "BNI", "is_active": "on"}
    )
    assert response.status_code == 302
    bank = Bank.objects.get(code="BNI")
    response = client.post(
        reverse("mentoring:bank_update", args=[bank.pk]), {"code": "BNI", "name": "Bank BNI"}
    )
    bank.refresh_from_db()
    assert (bank.name, bank.is_active) == ("Bank BNI", False)
    duplicate = client.post(reverse("mentoring:bank_create"), {"code": "BNI", "name": "Lagi"})
    assert duplicate.status_code == 200 and duplicate.context["form"].errors["code"]


def test_bank_theme_pages(client, world):
    bank = factories.BankFactory()
    client.force_login(world.official)
    client.post(
        reverse("mentoring:bank_theme_create", args=[bank.pk]),
        {"theme": world.group.theme_id, "starts_on": "2024-01-01"},
    )
    link = BankTheme.objects.get(bank=bank)
    client.post(reverse("mentoring:bank_theme_end", args=[link.pk]), {"ends_on": "2023-01-01"})
    link.refresh_from_db()
    assert link.ends_on is None  # before the start: refused
    client.post(reverse("mentoring:bank_theme_end", args=[link.pk]), {"ends_on": "2024-06-30"})
    link.refresh_from_db()
    assert link.ends_on == dt.date(2024, 6, 30)
