import pytest

from tests.groups.factories import EquipmentCheckFactory, EquipmentFactory, HandoverFactory


@pytest.fixture
def equipment_world(world):
    """A BAST, an item and an inspection for the world's group and for the peer's group."""
    own = EquipmentFactory(handover=HandoverFactory(group=world.group))
    peer = EquipmentFactory(handover=HandoverFactory(group=world.other_group))
    world.extra.update(
        equipment=own,
        other_equipment=peer,
        check=EquipmentCheckFactory(equipment=own),
        other_check=EquipmentCheckFactory(equipment=peer),
    )
    return world
