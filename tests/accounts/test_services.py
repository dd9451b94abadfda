"""Account services: onboarding, scope changes, (de)activation and the audit trail they leave."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts import services
from accounts.models import Profile
from audit.models import AuditEvent
from core import roles
from groups.models import IkmGroup
from marketing.models import Outlet, OutletStaff
from mentoring.models import MentorAssignment
from tests import factories

pytestmark = pytest.mark.django_db
User = get_user_model()


def events_for(user):
    return AuditEvent.objects.filter(app_label="auth", model="user", object_id=str(user.pk))


def new_mentor(actor, bank, groups, **extra):
    return services.account_create(
        actor=actor,
        first_name="Siti",
        last_name="Rahma",
        username="siti.rahma",
        email="siti@example.test",
        phone="0812 1111 2222",
        role=roles.MENTOR,
        bank=bank,
        groups=groups,
        **extra,
    )


def test_temporary_passwords_pass_the_validators_and_differ():
    passwords = {services.temporary_password_generate() for _ in range(50)}
    assert len(passwords) == 50
    for password in passwords:
        validate_password(password)
        assert len(password) >= 12


def test_official_creates_a_mentor_with_bank_and_groups(world, bank):
    group2 = factories.IkmGroupFactory()
    new = new_mentor(world.official, bank, [world.group, group2])
    user = new.user
    assert user.check_password(new.temporary_password)
    assert not user.is_superuser and not user.is_staff
    assert services.account_role(user) == roles.MENTOR
    assert list(user.groups.values_list("name", flat=True)) == [roles.MENTOR]
    profile = Profile.objects.get(user=user)
    assert profile.must_change_password and profile.bank == bank
    assert profile.created_by == world.official
    visible = IkmGroup.objects.visible_to(User.objects.get(pk=user.pk))
    assert set(visible) == {world.group, group2}
    assert set(MentorAssignment.objects.filter(mentor=user).values_list("bank", flat=True)) == {
        bank.pk
    }
    event = events_for(user).get()
    assert event.action == AuditEvent.Action.CREATE and event.actor == world.official
    assert event.changes["scope"][1]["groups"] == sorted([world.group.code, group2.code])
    assert new.temporary_password not in str(event.changes)


def test_perusda_creates_a_clerk_for_an_outlet(world):
    new = services.account_create(
        actor=world.perusda,
        first_name="Dewi",
        username="dewi",
        role=roles.CLERK,
        outlets=[world.other_outlet],
    )
    assert set(Outlet.objects.visible_to(User.objects.get(pk=new.user.pk))) == {world.other_outlet}


@pytest.mark.parametrize(
    ("actor", "role"),
    [
        ("official", roles.OFFICIAL),
        ("official", roles.PERUSDA),
        ("perusda", roles.MENTOR),
        ("perusda", roles.OFFICIAL),
        ("mentor", roles.MENTOR),
        ("clerk", roles.CLERK),
    ],
)
def test_nobody_creates_a_role_above_what_they_manage(world, bank, actor, role):
    with pytest.raises(PermissionDenied):
        services.account_create(
            actor=getattr(world, actor),
            first_name="X",
            username="naik.pangkat",
            role=role,
            bank=bank,
            groups=[world.group],
            outlets=[world.outlet],
        )
    assert not User.objects.filter(username="naik.pangkat").exists()


def test_only_a_superuser_creates_an_official(world):
    new = services.account_create(
        actor=world.superuser, first_name="Budi", username="budi", role=roles.OFFICIAL
    )
    assert services.account_role(new.user) == roles.OFFICIAL
    assert not MentorAssignment.objects.filter(mentor=new.user).exists()


def test_mentor_needs_a_bank_and_a_group(world):
    with pytest.raises(ValidationError) as exc:
        services.account_create(
            actor=world.official, first_name="X", username="x", role=roles.MENTOR
        )
    assert set(exc.value.error_dict) == {"bank", "ikm_groups"}
    assert not User.objects.filter(username="x").exists()


def test_clerk_needs_an_outlet(world):
    with pytest.raises(ValidationError) as exc:
        services.account_create(actor=world.perusda, first_name="X", username="x", role=roles.CLERK)
    assert set(exc.value.error_dict) == {"outlets"}


def test_username_taken_case_insensitively(world):
    with pytest.raises(ValidationError) as exc:
        services.account_create(
            actor=world.perusda,
            first_name="X",
            username="KASIR1",
            role=roles.CLERK,
            outlets=[world.outlet],
        )
    assert "username" in exc.value.error_dict


def test_inactive_outlet_cannot_be_given(world):
    closed = factories.OutletFactory(is_active=False)
    with pytest.raises(ValidationError) as exc:
        services.account_create(
            actor=world.perusda, first_name="X", username="x", role=roles.CLERK, outlets=[closed]
        )
    assert "outlets" in exc.value.error_dict


def test_scope_change_ends_old_assignments_and_starts_new_ones(world, bank):
    mentor = new_mentor(world.official, bank, [world.group], starts_on=dt.date(2024, 1, 1)).user
    keep = factories.IkmGroupFactory()
    services.account_change_scope(
        actor=world.official,
        user=mentor,
        role=roles.MENTOR,
        bank=bank,
        groups=[world.group, keep],
        on=dt.date(2024, 2, 1),
    )
    new_group = factories.IkmGroupFactory()
    services.account_change_scope(
        actor=world.official,
        user=mentor,
        role=roles.MENTOR,
        bank=bank,
        groups=[keep, new_group],
        on=dt.date(2024, 3, 1),
    )
    rows = {
        (a.group_id, a.starts_on, a.ends_on) for a in MentorAssignment.objects.filter(mentor=mentor)
    }
    assert rows == {
        (world.group.pk, dt.date(2024, 1, 1), dt.date(2024, 2, 29)),
        (keep.pk, dt.date(2024, 2, 1), None),
        (new_group.pk, dt.date(2024, 3, 1), None),
    }
    assert set(IkmGroup.objects.visible_to(User.objects.get(pk=mentor.pk))) == {keep, new_group}
    last = events_for(mentor).order_by("-id").first()
    assert last.changes["groups"] == [
        sorted([world.group.code, keep.code]),
        sorted([keep.code, new_group.code]),
    ]
    assert last.actor == world.official


def test_scope_change_today_removes_access_at_once(world):
    """Ended the day before: an assignment that ran before today is gone today."""
    services.account_change_scope(
        actor=world.official,
        user=world.mentor,
        role=roles.MENTOR,
        bank=factories.BankFactory(),
        groups=[world.other_group],
    )
    mentor = User.objects.get(pk=world.mentor.pk)
    assert list(IkmGroup.objects.visible_to(mentor)) == [world.other_group]


def test_moving_a_clerk_to_another_outlet(world):
    services.account_change_scope(
        actor=world.perusda, user=world.clerk, role=roles.CLERK, outlets=[world.other_outlet]
    )
    clerk = User.objects.get(pk=world.clerk.pk)
    assert list(Outlet.objects.visible_to(clerk)) == [world.other_outlet]
    old = OutletStaff.objects.get(user=clerk, outlet=world.outlet)
    assert old.ends_on == timezone.localdate() - dt.timedelta(days=1)


def test_role_change_from_mentor_to_clerk_ends_the_mentoring(world):
    services.account_change_scope(
        actor=world.official, user=world.mentor, role=roles.CLERK, outlets=[world.outlet]
    )
    mentor = User.objects.get(pk=world.mentor.pk)
    assert services.account_role(mentor) == roles.CLERK
    assert not IkmGroup.objects.visible_to(mentor).exists()
    assert list(Outlet.objects.visible_to(mentor)) == [world.outlet]
    event = events_for(mentor).get()
    assert event.changes["role"] == [roles.MENTOR, roles.CLERK]


def test_perusda_cannot_turn_a_clerk_into_a_mentor(world, bank):
    with pytest.raises(PermissionDenied):
        services.account_change_scope(
            actor=world.perusda, user=world.clerk, role=roles.MENTOR, bank=bank, groups=[]
        )
    assert services.account_role(world.clerk) == roles.CLERK


def test_official_cannot_promote_anyone_to_official(world):
    with pytest.raises(PermissionDenied):
        services.account_change_scope(actor=world.official, user=world.mentor, role=roles.OFFICIAL)
    assert services.account_role(world.mentor) == roles.MENTOR


def test_nobody_changes_their_own_account(world):
    for actor in (world.official, world.perusda, world.superuser):
        with pytest.raises(PermissionDenied):
            services.account_change_scope(actor=actor, user=actor, role=roles.CLERK)
        with pytest.raises(PermissionDenied):
            services.account_deactivate(actor=actor, user=actor, reason="x")


def test_superuser_promotes_a_mentor_to_official(world):
    services.account_change_scope(actor=world.superuser, user=world.mentor, role=roles.OFFICIAL)
    mentor = User.objects.get(pk=world.mentor.pk)
    assert roles.is_official(mentor)
    assert not MentorAssignment.objects.active_on().filter(mentor=mentor).exists()


def test_deactivate_keeps_records_and_ends_scope_today(world):
    services.account_deactivate(actor=world.official, user=world.mentor, reason="Pindah bank")
    mentor = User.objects.get(pk=world.mentor.pk)
    assert not mentor.is_active
    assignment = MentorAssignment.objects.get(mentor=mentor)
    assert assignment.ends_on == timezone.localdate()
    assert mentor.get_full_name() == world.mentor.get_full_name()
    assert str(mentor) in str(assignment)
    event = events_for(mentor).get()
    assert event.changes["is_active"] == [True, False]
    assert "Pindah bank" in event.note
    assert not roles.role_names(mentor)  # an inactive account holds no role in the app


def test_deactivate_needs_a_reason_and_an_active_account(world):
    with pytest.raises(ValidationError):
        services.account_deactivate(actor=world.official, user=world.mentor, reason="  ")
    services.account_deactivate(actor=world.official, user=world.mentor, reason="Keluar")
    with pytest.raises(ValidationError):
        services.account_deactivate(actor=world.official, user=world.mentor, reason="Lagi")


def test_reactivate(world):
    services.account_deactivate(actor=world.perusda, user=world.clerk, reason="Cuti")
    services.account_reactivate(actor=world.perusda, user=world.clerk)
    clerk = User.objects.get(pk=world.clerk.pk)
    assert clerk.is_active and roles.is_clerk(clerk)
    assert [e.changes["is_active"] for e in events_for(clerk).order_by("id")] == [
        [True, False],
        [False, True],
    ]
    with pytest.raises(ValidationError):
        services.account_reactivate(actor=world.perusda, user=clerk)


def test_scope_of_an_inactive_account_cannot_change(world):
    services.account_deactivate(actor=world.perusda, user=world.clerk, reason="Cuti")
    with pytest.raises(ValidationError):
        services.account_change_scope(
            actor=world.perusda, user=world.clerk, role=roles.CLERK, outlets=[world.outlet]
        )


def test_update_details_records_only_what_changed(world):
    services.account_update(
        actor=world.official,
        user=world.mentor,
        first_name=world.mentor.first_name,
        last_name="Baru",
        email=world.mentor.email,
        phone="0813 0000 1111",
    )
    event = events_for(world.mentor).get()
    assert set(event.changes) == {"last_name", "phone"}


def test_bad_phone_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.account_update(
            actor=world.official, user=world.mentor, first_name="A", phone="telp saya"
        )
    assert "phone" in exc.value.error_dict


def test_official_gives_a_new_temporary_password(world):
    new = services.account_password_reset(actor=world.official, user=world.mentor)
    mentor = User.objects.get(pk=world.mentor.pk)
    assert mentor.check_password(new.temporary_password)
    assert services.must_change_password(mentor)
    event = events_for(mentor).get()
    assert new.temporary_password not in str(event.changes)


def test_password_changed_clears_the_first_login_requirement(world, bank):
    user = new_mentor(world.official, bank, [world.group]).user
    assert services.must_change_password(user)
    services.password_changed(user=user)
    assert not services.must_change_password(user)


def test_login_record_tolerates_a_strange_address(world):
    event = services.login_record(user=world.mentor, ip_address="not-an-ip", user_agent="x" * 400)
    assert event.ip_address is None and len(event.user_agent) == 255
