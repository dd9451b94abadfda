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


@cache
def indonesian_texts() -> tuple[frozenset[str], tuple[re.Pattern, ...]]:
    """What an English page must not show: every msgid whose English text is different.

    Plain msgids are returned as exact strings; msgids with placeholders as patterns where each
    placeholder stands for some text. Msgids with markup are left out (their text is split
    across elements).
    """
    exact: set[str] = set()
    patterns: list[re.Pattern] = []
    for path in catalogues():
        for entry in pofile.read(path):
            pairs = [(entry.msgid, entry.msgstr.get(0, ""))]
            if entry.msgid_plural is not None:
                pairs.append((entry.msgid_plural, entry.msgstr.get(1, "")))
            for msgid, msgstr in pairs:
                msgid = " ".join(msgid.split())
                if msgid == " ".join(msgstr.split()) or "<" in msgid:
                    continue
                if PLACEHOLDER.search(msgid):
                    literal = PLACEHOLDER.split(msgid.replace("%%", "%"))
                    if sum(len(p.strip()) for p in literal) < 4:
                        continue  # e.g. "%s (menurun)" is too loose to spot
                    patterns.append(re.compile(".+?".join(re.escape(p) for p in literal)))
                else:
                    exact.add(msgid)
    return frozenset(exact), tuple(patterns)
