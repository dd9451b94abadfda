"""The English catalogue as the tests see it, and what an untranslated string looks like."""

import re
from functools import cache
from pathlib import Path

from django.conf import settings

from tests.i18n import pofile

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
DOMAINS = ("django", "djangojs")


def catalogue_path(language: str = "en", domain: str = "django") -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def catalogues(language: str = "en") -> list[Path]:
    """The PO files of a language (djangojs only once a script has strings to translate)."""
    return [p for d in DOMAINS if (p := catalogue_path(language, d)).exists()]


# %(name)s, %(n)d, %s, %d and the like (python-format); %% is a literal percent sign.
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


# Codes and acronyms (NIK, P-IRT, BAST, SN) read the same in both languages.
ACRONYM = re.compile(r"[A-Z0-9][A-Z0-9 ./-]*")
# Placeholders that stand for a count or a number: %(n)d, %(count)s and the like.
NUMERIC_PLACEHOLDER = re.compile(r"%(\((n|count|counter|number|total|rows|units|max|year)\)s|.*d)")
NUMBER = r"[0-9][0-9.,]*"


def _pattern(msgid: str) -> re.Pattern | None:
    """A msgid with placeholders as a pattern, or None when it would also match ordinary data.

    Each numeric placeholder stands for a number, any other for some text. A pattern is kept
    when its text has two words or more, or when all its placeholders are numbers: "Pemeriksaan
    %(name)s" would also match a note that starts with "Pemeriksaan".
    """
    literal = PLACEHOLDER.split(msgid.replace("%%", "%"))
    found = PLACEHOLDER.findall(msgid.replace("%%", ""))
    numeric = [bool(NUMERIC_PLACEHOLDER.fullmatch(p)) for p in found]
    words = len(re.findall(r"[^\W\d_]{2,}", " ".join(literal)))
    if words == 0 or (words < 2 and not all(numeric)):
        return None
    parts = [re.escape(literal[0])]
    for is_number, text in zip(numeric, literal[1:], strict=True):
        parts.append(NUMBER if is_number else ".+?")
        parts.append(re.escape(text))
    return re.compile("".join(parts))


# Texts written into records when they are saved (e.g. the reason of an automatic stage change):
# a page shows them in the language they were saved in, like any other data.
STORED_TEXTS = {
    "Kelompok terbentuk",
    "Kredit %(scheme)s dari %(bank)s disetujui (%(amount)s)",
}


@cache
def indonesian_texts() -> tuple[frozenset[str], tuple[re.Pattern, ...]]:
    """What an English page must not show: every msgid whose English text is different.

    Plain msgids are returned as exact strings; msgids with placeholders as patterns (see
    ``_pattern``). Left out: msgids with markup (their text is split across elements), codes
    and acronyms, msgids that are also the English text of another entry, and texts stored in
    records (``STORED_TEXTS``).
    """
    exact: set[str] = set()
    patterns: list[re.Pattern] = []
    entries = [e for path in catalogues() for e in pofile.read(path)]
    # A msgid that is also the English of another msgid ("Unit") is English on the page.
    english = {" ".join(text.split()) for e in entries for text in e.msgstr.values()}
    for entry in entries:
        if entry.msgid in STORED_TEXTS:
            continue
        pairs = [(entry.msgid, entry.msgstr.get(0, ""))]
        if entry.msgid_plural is not None:
            pairs.append((entry.msgid_plural, entry.msgstr.get(1, "")))
        for msgid, msgstr in pairs:
            msgid = " ".join(msgid.split())
            if msgid == " ".join(msgstr.split()) or msgid in english or "<" in msgid:
                continue
            if PLACEHOLDER.search(msgid):
                if (pattern := _pattern(msgid)) is not None:
                    patterns.append(pattern)
            elif not ACRONYM.fullmatch(msgid):
                exact.add(msgid)
    return frozenset(exact), tuple(patterns)
