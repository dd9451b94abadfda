"""NIK checks: each way a NIK can be wrong gets its own clear Indonesian message."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from groups.forms.members import MemberForm
from groups.models import Member
from groups.validators import mask_nik, nik_birth_date, normalise_nik, validate_nik
from tests import factories

VALID_MALE = "7271011005850001"  # Palu, born 10-05-1985
VALID_FEMALE = "7271015005850002"  # day + 40: a woman born 10-05-1985


@pytest.mark.parametrize("nik", [VALID_MALE, VALID_FEMALE, "1101010101010001"])
def test_valid_niks_pass(nik):
    validate_nik(nik)


def test_female_day_plus_forty_gives_birth_date_and_sex():
    assert nik_birth_date(VALID_FEMALE) == (dt.date(1985, 5, 10), "F")
    assert nik_birth_date(VALID_MALE) == (dt.date(1985, 5, 10), "M")


@pytest.mark.parametrize(
    ("nik", "code", "words"),
    [
        ("727101100585001", "nik_length", "tepat 16 angka (tertulis 15"),
        ("72710110058500012", "nik_length", "tertulis 17"),
        ("72710110O5850001", "nik_digits", "hanya boleh berisi angka"),
        ("7271-0110-0585-0001", "nik_digits", "'-'"),
        ("0071011005850001", "nik_province", "bukan kode provinsi"),
        ("9971011005850001", "nik_province", "(99)"),
        ("7200011005850001", "nik_region", "tidak boleh 00"),
        ("7271013205850001", "nik_birth_date", "tanggal lahir yang sah"),  # day 32
        ("7271017205850001", "nik_birth_date", "720585"),  # female day 32
        ("7271011013850001", "nik_birth_date", "101385"),  # month 13
        ("7271013002850001", "nik_birth_date", "300285"),  # 30 February
        ("7271011005850000", "nik_serial", "0000"),
    ],
)
def test_each_wrong_nik_has_its_own_message(nik, code, words):
    with pytest.raises(ValidationError) as excinfo:
        validate_nik(nik)
    error = excinfo.value
    assert error.code == code
    assert words in error.messages[0]


def test_spaces_and_dots_are_dropped_before_the_check():
    assert normalise_nik(" 7271 0110.0585-0001 ") == VALID_MALE


def test_masked_nik_keeps_region_and_last_two_digits():
    assert mask_nik(VALID_MALE) == "7271••••••••••01"
    assert Member(nik=VALID_MALE).nik_masked == "7271••••••••••01"


def form(official, group, **data):
    values = {
        "name": "Ani",
        "nik": VALID_FEMALE,
        "sex": "F",
        "position": "member",
        "joined_on": "2020-01-01",
    }
    values.update(data)
    return MemberForm(data=values, user=official, group=group, instance=Member(group=group))


@pytest.mark.django_db
class TestMemberForm:
    def test_valid_form_takes_birth_year_from_nik(self, official):
        f = form(official, factories.IkmGroupFactory())
        assert f.is_valid(), f.errors
        assert f.cleaned_data["birth_year"] == 1985

    def test_typed_with_spaces_is_accepted(self, official):
        f = form(official, factories.IkmGroupFactory(), nik="7271 0150 0585 0002")
        assert f.is_valid(), f.errors
        assert f.cleaned_data["nik"] == VALID_FEMALE

    @pytest.mark.parametrize(
        ("nik", "words"),
        [
            ("72710150058500", "tepat 16 angka"),
            ("7271O15005850002", "hanya boleh berisi angka"),
            ("0271015005850002", "bukan kode provinsi"),
            ("7271013305850002", "tanggal lahir yang sah"),
        ],
    )
    def test_bad_nik_is_a_message_next_to_the_field(self, official, nik, words):
        f = form(official, factories.IkmGroupFactory(), nik=nik)
        assert not f.is_valid()
        assert words in " ".join(f.errors["nik"])

    def test_female_nik_with_male_sex_is_flagged(self, official):
        f = form(official, factories.IkmGroupFactory(), sex="M")
        assert not f.is_valid()
        assert "perempuan" in " ".join(f.errors["sex"])

    def test_birth_year_must_match_nik(self, official):
        f = form(official, factories.IkmGroupFactory(), birth_year="1990")
        assert not f.is_valid()
        assert "1985" in " ".join(f.errors["birth_year"])

    def test_duplicate_of_an_active_member_names_the_group(self, official):
        other = factories.MemberFactory(nik=VALID_FEMALE, sex="F")
        f = form(official, factories.IkmGroupFactory())
        assert not f.is_valid()
        message = " ".join(f.errors["nik"])
        assert "sudah terdaftar" in message and other.group.code in message

    def test_duplicate_of_a_member_who_left_is_allowed(self, official):
        factories.MemberFactory(
            nik=VALID_FEMALE, sex="F", left_on=timezone.localdate() - dt.timedelta(days=1)
        )
        f = form(official, factories.IkmGroupFactory())
        assert f.is_valid(), f.errors

    def test_second_active_chair_is_refused(self, official):
        group = factories.IkmGroupFactory()
        factories.MemberFactory(group=group, position="chair", name="Ketua Lama")
        f = form(official, group, position="chair")
        assert not f.is_valid()
        assert "Ketua Lama" in " ".join(f.errors["position"])
