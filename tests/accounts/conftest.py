import pytest

from tests import factories


@pytest.fixture
def bank(db):
    return factories.BankFactory(code="BANK-SULTENG", name="Bank Sulteng")


@pytest.fixture
def other_bank(db):
    return factories.BankFactory(code="BRI", name="Bank Rakyat Indonesia")
