"""The trail is written in the change's own transaction, and holds no secrets; nor do the logs."""

import json
import logging

import pytest
from django.contrib.sessions.models import Session
from django.core import serializers
from django.db import transaction
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from groups.models import IkmGroup, Member
from tests import factories

NIK_FIRST = "7271014505900001"
NIK_SECOND = "7271014505900002"
NEW_PASSWORD = "Tenun-Donggala-2025!"
WRONG_PASSWORD = "Bukan-Sandi-Yang-Benar-42"


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_leaves_no_event():
    with pytest.raises(RuntimeError), transaction.atomic():
        group = factories.IkmGroupFactory(name="Tidak Jadi")
        group.name = "Tidak Jadi Juga"
        group.save()
        # Written inside the transaction...
        assert AuditEvent.objects.filter(object_id=str(group.pk), model="ikmgroup").count() == 2
        raise RuntimeError("the rest of the change failed")
    # ...and gone with it.
    assert not IkmGroup.objects.filter(name__startswith="Tidak Jadi").exists()
    assert not AuditEvent.objects.filter(model="ikmgroup").exists()


@pytest.mark.django_db(transaction=True)
def test_a_committed_change_keeps_its_event():
    with transaction.atomic():
        group = factories.IkmGroupFactory(name="Jadi")
    assert AuditEvent.objects.filter(object_id=str(group.pk), action="create").count() == 1


def member_form(group, nik, **extra):
    data = {
        "group": group.pk,
        "name": "Siti Rahma",
        "nik": nik,
        "sex": "F",
        "birth_year": "1990",
        "position": "member",
        "phone": "081234567890",
        "joined_on": "2020-03-01",
        "left_on": "",
    }
    data.update(extra)
    return data


@pytest.mark.django_db
def test_no_password_nik_or_session_key_in_the_trail_or_the_logs(superuser, caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("axes", "audit", "django", "core", "program", "simple_history"):
        caplog.set_level(logging.DEBUG, logger=name)
    group = factories.IkmGroupFactory()

    admin = Client()
    response = admin.post(reverse("login"), {"username": "admin", "password": factories.PASSWORD})
    assert response.status_code == 302
    session_key = admin.cookies["sessionid"].value
    # A member created and updated (new NIK) through the app.
    response = admin.post(reverse("admin:groups_member_add"), member_form(group, NIK_FIRST))
    assert response.status_code == 302, response.content.decode()[:2000]
    member = Member.objects.get(nik=NIK_FIRST)
    response = admin.post(
        reverse("admin:groups_member_change", args=[member.pk]),
        member_form(group, NIK_SECOND, name="Siti Rahmawati"),
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.nik == NIK_SECOND
    # A password change and a failed login.
    response = admin.post(
        reverse("password_change"),
        {
            "old_password": factories.PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    Client().post(reverse("login"), {"username": "admin", "password": WRONG_PASSWORD})

    events = AuditEvent.objects.all()
    assert events.filter(model="member", action="create").exists()
    update = events.get(model="member", action="update")
    assert update.changes["name"] == ["Siti Rahma", "Siti Rahmawati"]
    assert events.filter(action="login_failed").exists()

    secrets = [NIK_FIRST, NIK_SECOND, NEW_PASSWORD, WRONG_PASSWORD, factories.PASSWORD]
    secrets += [session_key, *Session.objects.values_list("session_key", flat=True)]
    trail = serializers.serialize("json", events)
    logged = "\n".join(
        f"{r.name} {r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in caplog.records
    )
    assert caplog.records, "nothing was logged at all"
    for secret in secrets:
        assert secret not in trail, f"a secret reached the audit trail: {secret[:4]}…"
        assert secret not in logged, f"a secret reached the logs: {secret[:4]}…"
    assert "nik" not in json.loads(trail)[0]["fields"]["changes"]
