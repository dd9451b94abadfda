"""Validation of Indonesian identity numbers (NIK)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Kemendagri province codes: NIK digits 1-2.
PROVINCE_CODES = frozenset(
    {
        11, 12, 13, 14, 15, 16, 17, 18, 19, 21,
        31, 32, 33, 34, 35, 36,
        51, 52, 53,
        61, 62, 63, 64, 65,
        71, 72, 73, 74, 75, 76,
        81, 82, 91, 92, 93, 94, 95, 96, 97,
    }
)  # fmt: skip


def nik_birth_date(nik: str) -> tuple[dt.date | None, str | None]:
    """Birth date and sex encoded in a 16-digit NIK (women add 40 to the day), or (None, None)."""
    day, month, year2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "F" if day > 40 else "M"
    if day > 40:
        day -= 40
    this_year2 = timezone.localdate().year % 100
    century = 2000 if year2 <= this_year2 else 1900
    try:
        return dt.date(century + year2, month, day), sex
    except ValueError:
        return None, None


def validate_nik(value: str) -> None:
    """16 digits: province, regency and district codes, birth date (DDMMYY) and a serial."""
    if not value.isdigit() or len(value) != 16:
        raise ValidationError(
            _("NIK harus terdiri dari tepat 16 angka (tertulis %(length)d karakter)."),
            code="nik_format",
            params={"length": len(value)},
        )
    if int(value[0:2]) not in PROVINCE_CODES:
        raise ValidationError(
            _("Dua angka pertama NIK (%(code)s) bukan kode provinsi yang sah."),
            code="nik_province",
            params={"code": value[0:2]},
        )
    if value[2:4] == "00" or value[4:6] == "00":
        raise ValidationError(
            _("Kode kabupaten/kota atau kecamatan pada NIK (angka 3-6) tidak boleh 00."),
            code="nik_region",
        )
    born, _sex = nik_birth_date(value)
    if born is None:
        raise ValidationError(
            _(
                "Angka 7-12 NIK harus tanggal lahir yang sah (TTBBTT; perempuan: tanggal + 40), "
                "tertulis %(part)s."
            ),
            code="nik_birth_date",
            params={"part": value[6:12]},
        )
    if value[12:16] == "0000":
        raise ValidationError(
            _("Nomor urut NIK (4 angka terakhir) tidak boleh 0000."), code="nik_serial"
        )


def mask_nik(nik: str) -> str:
    """Show only the region part and the last two digits: 7271••••••••••34."""
    if not nik:
        return ""
    return nik[:4] + "•" * (len(nik) - 6) + nik[-2:]
