import pytest
from django.contrib.auth.models import AnonymousUser

from audit.models import AuditEvent
from audit.services import REDACTED, audit_record
from tests import factories

pytestmark = pytest.mark.django_db


def test_history_of_a_core_record_feeds_the_trail():
    group = factories.IkmGroupFactory(name="Lama")
    group.name = "Baru"
    group.save()
    events = AuditEvent.objects.filter(model="ikmgroup", object_id=str(group.pk)).order_by("id")
    assert [e.action for e in events] == ["create", "update"]
    assert events[1].changes["name"] == ["Lama", "Baru"]


def test_member_nik_never_reaches_the_trail():
    member = factories.MemberFactory()
    member.nik = "7271015005850099"
    member.save()
    for event in AuditEvent.objects.filter(model="member"):
        assert "nik" not in event.changes
        assert member.nik not in str(event.changes)


def test_sensitive_fields_are_redacted():
    event = audit_record(
        actor=AnonymousUser(),
        action=AuditEvent.Action.OTHER,
        app_label="auth",
        model="user",
        changes={"password": ["a", "b"], "email": ["x", "y"]},
    )
    assert event.changes == {"password": REDACTED, "email": ["x", "y"]}
    assert event.actor is None


def test_trail_is_visible_to_officials_only(world):
    factories.IkmGroupFactory()
    assert AuditEvent.objects.visible_to(world.official).exists()
    for role in ("mentor", "clerk", "perusda"):
        assert not AuditEvent.objects.visible_to(getattr(world, role)).exists()
