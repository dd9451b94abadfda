"""Onboarding through the form, escalation attempts, the one-time password and first login."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts.models import Profile
from core import roles
from groups.models import IkmGroup
from mentoring.models import MentorAssignment
from tests import factories

pytestmark = pytest.mark.django_db
User = get_user_model()
CREATE = reverse("accounts:person_create")


def mentor_form(world, the_bank, **extra):
    return {
        "first_name": "Siti",
        "last_name": "Rahma",
        "username": "siti.rahma",
        "email": "",
        "phone": "0812 1111 2222",
        "role": roles.MENTOR,
        "bank": the_bank.pk,
        "ikm_groups": [world.group.pk, world.other_group.pk],
        "starts_on": "2024-01-01",
        **extra,
    }


def test_official_onboards_a_mentor_and_sees_the_password_once(client, world, bank):
    client.force_login(world.official)
    response = client.post(CREATE, mentor_form(world, bank))
    user = User.objects.get(username="siti.rahma")
    detail = reverse("accounts:person_detail", args=[user.pk])
    assert response.status_code == 302 and response["Location"] == detail
    page = client.get(detail)
    password = page.context["temporary_password"]
    assert user.check_password(password)
    assert password in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0")  # never cached by the browser
    again = client.get(detail)
    assert "temporary_password" not in again.context
    assert password not in again.content.decode()
    assert set(MentorAssignment.objects.filter(mentor=user).values_list("group", "bank")) == {
        (world.group.pk, bank.pk),
        (world.other_group.pk, bank.pk),
    }
    assert Profile.objects.get(user=user).phone == "0812 1111 2222"


def test_new_account_with_email_gets_a_set_password_link(client, world, bank, mailoutbox):
    client.force_login(world.official)
    client.post(CREATE, mentor_form(world, bank, email="siti@example.test"))
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["siti@example.test"] and "siti.rahma" in mail.body
    link = re.search(r"http://testserver(/akun/lupa-sandi/\S+)", mail.body).group(1)
    client.logout()
    form = client.get(link, follow=True)
    assert form.context["validlink"]
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "kopi-robusta-palu-2024", "new_password2": "kopi-robusta-palu-2024"},
    )
    assert response.status_code == 302
    user = User.objects.get(username="siti.rahma")
    assert user.check_password("kopi-robusta-palu-2024")
    assert not Profile.objects.get(user=user).must_change_password


def test_form_errors_are_shown_and_nothing_is_saved(client, world, bank):
    client.force_login(world.official)
    users_before = set(User.objects.values_list("pk", flat=True))
    response = client.post(
        CREATE, mentor_form(world, bank, bank="", ikm_groups=[], username="kasir1", phone="abc")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"bank", "ikm_groups", "phone"} <= set(errors)
    assert User.objects.filter(username="kasir1").count() == 1
    assert set(User.objects.values_list("pk", flat=True)) == users_before


def test_taken_username_is_a_field_error(client, world, bank):
    client.force_login(world.official)
    response = client.post(CREATE, mentor_form(world, bank, username="Pendamping1"))
    assert "username" in response.context["form"].errors


def test_inactive_group_is_not_a_choice(client, world, bank):
    closed = factories.IkmGroupFactory(is_active=False)
    client.force_login(world.official)
    response = client.post(CREATE, mentor_form(world, bank, ikm_groups=[closed.pk]))
    assert "ikm_groups" in response.context["form"].errors
    assert not User.objects.filter(username="siti.rahma").exists()


# --- escalation: extra fields, roles above one's own, other people's scope -------------------


def test_extra_fields_cannot_escalate_a_new_account(client, world, bank):
    client.force_login(world.official)
    official_group = Group.objects.get(name=roles.OFFICIAL)
    permission = Permission.objects.get(codename="change_ikmgroup")
    data = mentor_form(
        world,
        bank,
        is_superuser="on",
        is_staff="on",
        is_active="on",
        groups=[official_group.pk],
        user_permissions=[permission.pk],
        created_by=world.superuser.pk,
        must_change_password="",
    )
    assert client.post(CREATE, data).status_code == 302
    user = User.objects.get(username="siti.rahma")
    assert not user.is_superuser and not user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == [roles.MENTOR]
    assert not user.user_permissions.exists()
    profile = Profile.objects.get(user=user)
    assert profile.created_by == world.official and profile.must_change_password


@pytest.mark.parametrize(
    ("actor", "role"),
    [("official", roles.OFFICIAL), ("official", roles.PERUSDA), ("perusda", roles.MENTOR)],
)
def test_a_role_above_what_one_manages_is_a_form_error(client, world, bank, actor, role):
    client.force_login(getattr(world, actor))
    response = client.post(CREATE, mentor_form(world, bank, role=role))
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(username="siti.rahma").exists()


def test_perusda_form_has_no_mentor_fields(client, world):
    client.force_login(world.perusda)
    form = client.get(CREATE).context["form"]
    assert "bank" not in form.fields and "ikm_groups" not in form.fields
    assert [value for value, _label in form.fields["role"].choices] == [roles.CLERK]


def test_mentor_and_clerk_cannot_create(client, world, bank):
    for name in ("mentor", "clerk"):
        client.force_login(getattr(world, name))
        assert client.post(CREATE, mentor_form(world, bank)).status_code == 403
    assert not User.objects.filter(username="siti.rahma").exists()


def test_nobody_raises_their_own_role(client, world):
    official_group = Group.objects.get(name=roles.OFFICIAL)
    for name in ("official", "perusda", "mentor", "clerk"):
        user = getattr(world, name)
        client.force_login(user)
        for url_name, data in [
            ("accounts:person_scope", {"role": roles.OFFICIAL, "on": "2024-01-01"}),
            (
                "accounts:person_update",
                {"first_name": "X", "is_superuser": "on", "groups": [official_group.pk]},
            ),
        ]:
            response = client.post(reverse(url_name, args=[user.pk]), data)
            assert response.status_code in (403, 404), (name, url_name)
        user.refresh_from_db()
        assert not user.is_superuser and not user.is_staff
    assert set(world.mentor.groups.values_list("name", flat=True)) == {roles.MENTOR}
    assert set(world.perusda.groups.values_list("name", flat=True)) == {roles.PERUSDA}


def test_official_cannot_promote_a_mentor_by_posting_extra_fields(client, world, bank):
    client.force_login(world.official)
    official_group = Group.objects.get(name=roles.OFFICIAL)
    response = client.post(
        reverse("accounts:person_scope", args=[world.mentor.pk]),
        {
            "role": roles.MENTOR,
            "bank": bank.pk,
            "ikm_groups": [world.group.pk],
            "on": "2024-01-01",
            "groups": [official_group.pk],
            "is_superuser": "on",
            "is_staff": "on",
        },
    )
    assert response.status_code == 302
    mentor = User.objects.get(pk=world.mentor.pk)
    assert set(mentor.groups.values_list("name", flat=True)) == {roles.MENTOR}
    assert not mentor.is_superuser and not mentor.is_staff


def test_perusda_cannot_reach_a_mentor_through_the_scope_form(client, world):
    client.force_login(world.perusda)
    response = client.post(
        reverse("accounts:person_scope", args=[world.mentor.pk]),
        {"role": roles.CLERK, "outlets": [world.outlet.pk], "on": "2024-01-01"},
    )
    assert response.status_code == 404
    assert set(IkmGroup.objects.visible_to(world.mentor)) == {world.group}


def test_superuser_may_create_an_official(client, world):
    client.force_login(world.superuser)
    response = client.post(
        CREATE,
        {
            "first_name": "Budi",
            "username": "budi",
            "role": roles.OFFICIAL,
            "starts_on": "2024-01-01",
        },
    )
    assert response.status_code == 302
    assert roles.is_official(User.objects.get(username="budi"))


# --- first login ------------------------------------------------------------------------------


def new_account(client, world, bank):
    client.force_login(world.official)
    client.post(CREATE, mentor_form(world, bank))
    user = User.objects.get(username="siti.rahma")
    password = client.get(reverse("accounts:person_detail", args=[user.pk])).context[
        "temporary_password"
    ]
    client.logout()
    return user, password


def test_first_login_must_change_the_temporary_password(client, world, bank):
    user, password = new_account(client, world, bank)
    response = client.post(reverse("login"), {"username": "siti.rahma", "password": password})
    assert response.status_code == 302
    change = reverse("password_change")
    for url in ("/", reverse("accounts:profile"), reverse("accounts:person_list")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == change, url
    assert client.post(reverse("accounts:profile")).status_code == 302
    assert client.get(change).status_code == 200
    response = client.post(
        change,
        {
            "old_password": password,
            "new_password1": "tenun-donggala-2024",
            "new_password2": "tenun-donggala-2024",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
    home = client.get("/")
    assert home.status_code == 200
    assert {g.pk for g in home.context["groups"]} == {world.group.pk, world.other_group.pk}
    assert not Profile.objects.get(user=user).must_change_password
    # Next login: straight in.
    client.logout()
    client.post(reverse("login"), {"username": "siti.rahma", "password": "tenun-donggala-2024"})
    assert client.get("/").status_code == 200


def test_a_weak_new_password_is_refused(client, world, bank):
    user, password = new_account(client, world, bank)
    client.post(reverse("login"), {"username": "siti.rahma", "password": password})
    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert client.get("/").status_code == 302  # still held at the password change


def test_logout_stays_possible_before_the_change(client, world, bank):
    user, password = new_account(client, world, bank)
    client.post(reverse("login"), {"username": "siti.rahma", "password": password})
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_login_is_recorded_with_address(client, world, bank):
    user, password = new_account(client, world, bank)
    client.post(
        reverse("login"),
        {"username": "siti.rahma", "password": password},
        REMOTE_ADDR="192.0.2.44",
        HTTP_USER_AGENT="Mozilla/5.0 (Android)",
    )
    event = user.login_events.get()
    assert event.ip_address == "192.0.2.44" and "Android" in event.user_agent


# --- deactivation -----------------------------------------------------------------------------


def test_deactivated_person_cannot_log_in_and_keeps_their_name(client, world):
    world.mentor.set_password("kopi-robusta-palu-2024")
    world.mentor.save()
    name = world.mentor.get_full_name()
    assignment = MentorAssignment.objects.get(mentor=world.mentor)
    mentor_client = client.__class__()
    mentor_client.force_login(world.mentor)
    assert mentor_client.get("/").status_code == 200

    client.force_login(world.official)
    response = client.post(
        reverse("accounts:person_deactivate", args=[world.mentor.pk]), {"reason": "Pindah bank"}
    )
    assert response.status_code == 302

    # An open session ends at once.
    assert mentor_client.get("/").status_code == 302
    # A new login is refused.
    anonymous = client.__class__()
    response = anonymous.post(
        reverse("login"), {"username": "pendamping1", "password": "kopi-robusta-palu-2024"}
    )
    assert response.status_code == 200 and "_auth_user_id" not in anonymous.session
    assert response.context["form"].errors

    # Records stay, with the name.
    assignment.refresh_from_db()
    assert assignment.mentor.get_full_name() == name
    page = client.get(reverse("accounts:person_detail", args=[world.mentor.pk]))
    html = page.content.decode()
    assert name in html and world.group.code in html and 'data-testid="inactive"' in html
    listed = client.get(reverse("accounts:person_list"), {"status": "nonaktif"})
    assert name in listed.content.decode()


def test_deactivate_without_reason_changes_nothing(client, world):
    client.force_login(world.official)
    response = client.post(reverse("accounts:person_deactivate", args=[world.mentor.pk]), {})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    world.mentor.refresh_from_db()
    assert world.mentor.is_active


def test_reactivated_person_logs_in_again(client, world):
    world.clerk.set_password("kopi-robusta-palu-2024")
    world.clerk.save()
    client.force_login(world.perusda)
    client.post(reverse("accounts:person_deactivate", args=[world.clerk.pk]), {"reason": "Cuti"})
    assert (
        client.get(reverse("accounts:person_deactivate", args=[world.clerk.pk])).status_code == 302
    )
    client.post(reverse("accounts:person_reactivate", args=[world.clerk.pk]))
    assert (
        client.get(reverse("accounts:person_reactivate", args=[world.clerk.pk])).status_code == 302
    )
    other = client.__class__()
    other.post(reverse("login"), {"username": "kasir1", "password": "kopi-robusta-palu-2024"})
    assert other.get("/").status_code == 200


def test_official_gives_a_new_temporary_password(client, world):
    client.force_login(world.official)
    response = client.post(reverse("accounts:person_password", args=[world.clerk.pk]))
    page = client.get(response["Location"])
    password = page.context["temporary_password"]
    clerk = User.objects.get(pk=world.clerk.pk)
    assert clerk.check_password(password)
    other = client.__class__()
    other.post(reverse("login"), {"username": "kasir1", "password": password})
    assert other.get("/")["Location"] == reverse("password_change")
