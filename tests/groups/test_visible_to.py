"""Scoping of the registry's new models, own against the peer's, for every role."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from groups.models import Equipment, EquipmentCheck, Handover, LegalDocument
from mentoring.models import MentorAssignment
from tests import factories

pytestmark = pytest.mark.django_db


def pks(queryset):
    return set(queryset.values_list("pk", flat=True))


MODELS = [
    (
        Handover,
        lambda w: w.extra["equipment"].handover,
        lambda w: w.extra["other_equipment"].handover,
    ),
    (Equipment, lambda w: w.extra["equipment"], lambda w: w.extra["other_equipment"]),
    (EquipmentCheck, lambda w: w.extra["check"], lambda w: w.extra["other_check"]),
]


@pytest.mark.parametrize(("model", "own", "peer"), MODELS, ids=[m[0].__name__ for m in MODELS])
class TestEquipmentScoping:
    def test_official_and_superuser_see_all(self, equipment_world, model, own, peer):
        w = equipment_world
        both = {own(w).pk, peer(w).pk}
        assert pks(model.objects.visible_to(w.official)) == both
        assert pks(model.objects.visible_to(w.superuser)) == both

    def test_mentor_sees_own_group_only(self, equipment_world, model, own, peer):
        w = equipment_world
        assert pks(model.objects.visible_to(w.mentor)) == {own(w).pk}
        assert pks(model.objects.visible_to(w.other_mentor)) == {peer(w).pk}

    def test_clerks_perusda_and_anonymous_see_nothing(self, equipment_world, model, own, peer):
        w = equipment_world
        for user in (w.clerk, w.other_clerk, w.perusda, AnonymousUser()):
            assert not model.objects.visible_to(user).exists()

    def test_ended_assignment_ends_access(self, equipment_world, model, own, peer):
        w = equipment_world
        MentorAssignment.objects.filter(mentor=w.mentor).update(
            ends_on=timezone.localdate() - dt.timedelta(days=1)
        )
        assert not model.objects.visible_to(w.mentor).exists()


def test_documents_scoped_like_their_group(world):
    own = factories.LegalDocumentFactory(group=world.group)
    peer = factories.LegalDocumentFactory(group=world.other_group)
    assert pks(LegalDocument.objects.visible_to(world.official)) == {own.pk, peer.pk}
    assert pks(LegalDocument.objects.visible_to(world.mentor)) == {own.pk}
    assert pks(LegalDocument.objects.visible_to(world.other_mentor)) == {peer.pk}
    for user in (world.clerk, world.perusda, AnonymousUser()):
        assert not LegalDocument.objects.visible_to(user).exists()
