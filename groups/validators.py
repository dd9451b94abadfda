"""Validation of Indonesian identity numbers (NIK) and of uploaded files (by content)."""

import datetime as dt
import os

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
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
    value = value or ""
    if not value.isdigit() and value:
        wrong = "".join(dict.fromkeys(c for c in value if not c.isdigit()))
        raise ValidationError(
            _("NIK hanya boleh berisi angka 0-9; tertulis juga: %(chars)s."),
            code="nik_digits",
            params={"chars": " ".join(repr(c) for c in wrong[:5])},
        )
    if len(value) != 16:
        raise ValidationError(
            _("NIK harus terdiri dari tepat 16 angka (tertulis %(length)d angka)."),
            code="nik_length",
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


def normalise_nik(value: str) -> str:
    """What people type or paste: spaces, dots and dashes between digit groups are dropped."""
    return "".join(c for c in str(value or "") if c not in " .-\u00a0\t").strip()


def mask_nik(nik: str) -> str:
    """Show only the region part and the last two digits: 7271••••••••••34."""
    if not nik:
        return ""
    return nik[:4] + "•" * (len(nik) - 6) + nik[-2:]


# --- uploads --------------------------------------------------------------------------------

# What a file must start with to be what it claims, and the names it may carry.
FILE_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
FILE_EXTENSIONS = {"pdf": (".pdf",), "jpeg": (".jpg", ".jpeg"), "png": (".png",)}
KIND_LABELS = {"pdf": "PDF", "jpeg": "JPEG", "png": "PNG"}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def sniff_kind(head: bytes) -> str | None:
    """The file kind its first bytes prove (pdf, jpeg, png), or None."""
    for kind, signatures in FILE_SIGNATURES.items():
        if any(head.startswith(sig) for sig in signatures):
            return kind
    return None


@deconstructible
class UploadValidator:
    """Accept a file only when its content is one of ``kinds`` and it is small enough.

    The name's extension must match the content too: a ``.pdf`` that is really something else
    (or a PDF renamed ``.png``) is refused. Files already stored are not read again.
    """

    def __init__(self, kinds=("pdf", "jpeg", "png"), max_bytes=MAX_UPLOAD_BYTES):
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes

    def __call__(self, value):
        if not value or getattr(value, "_committed", False):
            return
        allowed = ", ".join(KIND_LABELS[k] for k in self.kinds)
        size = getattr(value, "size", None)
        if size is not None and size > self.max_bytes:
            raise ValidationError(
                _("Berkas terlalu besar (%(size)s MB); paling besar %(max)s MB."),
                code="file_too_large",
                params={
                    "size": f"{size / 1024 / 1024:.1f}".replace(".", ","),
                    "max": self.max_bytes // (1024 * 1024),
                },
            )
        if size == 0:
            raise ValidationError(_("Berkas kosong."), code="file_empty")
        file = getattr(value, "file", value)
        position = file.tell() if hasattr(file, "tell") else 0
        file.seek(0)
        head = file.read(16)
        file.seek(position)
        kind = sniff_kind(head)
        if kind not in self.kinds:
            raise ValidationError(
                _("Isi berkas bukan %(allowed)s. Unggah pindaian dalam format %(allowed)s."),
                code="file_content",
                params={"allowed": allowed},
            )
        ext = os.path.splitext(getattr(value, "name", "") or "")[1].lower()
        if ext not in FILE_EXTENSIONS[kind]:
            raise ValidationError(
                _(
                    "Nama berkas berakhiran %(ext)s, tetapi isinya %(kind)s. "
                    "Periksa berkasnya dan unggah ulang."
                ),
                code="file_extension",
                params={"ext": ext or "(tanpa akhiran)", "kind": KIND_LABELS[kind]},
            )

    def __eq__(self, other):
        return (
            isinstance(other, UploadValidator)
            and self.kinds == other.kinds
            and self.max_bytes == other.max_bytes
        )
