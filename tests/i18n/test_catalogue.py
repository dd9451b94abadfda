"""The English catalogue is complete, translated, and compiled from the PO file in the repository.

``make messages`` rebuilds ``locale/en/LC_MESSAGES/django.po`` from the source (GNU gettext) and
compiles ``django.mo``; both files are committed, so that a clone runs in English without
gettext installed. These tests fail when a string was added to the code but not to the catalogue,
when an entry is untranslated or fuzzy, or when the committed ``.mo`` is older than the ``.po``.
"""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.i18n import pofile
from tests.i18n.catalogue import catalogue_path, catalogues, placeholders

ENGLISH = catalogue_path("en")


def _entries(path: Path = ENGLISH) -> list[pofile.Entry]:
    return pofile.read(path)


def _where(entry: pofile.Entry) -> str:
    return f"{entry.references[0] if entry.references else '?'}: {entry.msgid!r}"


def test_english_catalogue_exists():
    assert ENGLISH.exists(), "locale/en/LC_MESSAGES/django.po is missing: run `make messages`"
    assert len(_entries()) > 100


def test_every_entry_is_translated_and_none_is_fuzzy():
    problems = []
    for path in catalogues("en"):
        for entry in _entries(path):
            if entry.fuzzy:
                problems.append(f"fuzzy      {_where(entry)}")
            elif not entry.translated:
                problems.append(f"untranslated {_where(entry)}")
    assert not problems, (
        "English catalogue entries to translate (locale/en/LC_MESSAGES/*.po):\n"
        + "\n".join(problems)
    )


def test_translations_keep_the_placeholders():
    problems = []
    for path in catalogues("en"):
        for entry in _entries(path):
            expected = placeholders(entry.msgid)
            for index, text in entry.msgstr.items():
                source = entry.msgid if index == 0 else (entry.msgid_plural or entry.msgid)
                expected = placeholders(source)
                got = placeholders(text)
                # A singular may leave out the count (e.g. "one group" for %(n)s).
                if got != expected and not (index == 0 and set(got) <= set(expected)):
                    problems.append(f"{_where(entry)}: {expected} became {got}")
    assert not problems, "\n".join(problems)


def test_compiled_catalogue_matches_the_po_file():
    """The committed .mo holds exactly the translations of the committed .po."""
    for path in catalogues("en"):
        compiled = path.with_suffix(".mo")
        assert compiled.exists(), f"{compiled.name} is missing: run `make messages`"
        with compiled.open("rb") as handle:
            catalog = dict(gettext.GNUTranslations(handle)._catalog)
        catalog.pop("", None)  # the header
        expected = {}
        for entry in _entries(path):
            if entry.fuzzy or not entry.translated:
                continue
            msgid = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
            if entry.msgid_plural is None:
                expected[msgid] = entry.msgstr[0]
            else:
                for index, text in entry.msgstr.items():
                    expected[(msgid, index)] = text
        stale = sorted(
            str(k) for k in expected.keys() | catalog.keys() if expected.get(k) != catalog.get(k)
        )
        assert not stale, (
            f"{compiled} does not match {path.name}: run `make messages` (or "
            f"`manage.py compilemessages`) and commit the .mo. Differences: {stale[:10]}"
        )


def _gettext_tools_or_skip():
    missing = [tool for tool in ("xgettext", "msgmerge", "msguniq") if not shutil.which(tool)]
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but GNU gettext is missing ({', '.join(missing)})")
        pytest.skip("GNU gettext is not installed (apt-get install gettext)")


# What is not source: left out of the scratch copy (as `make messages` leaves it out).
_TOP_LEVEL_SKIP = {
    ".git",
    ".venv",
    "node_modules",
    "staticfiles",
    "media",
    "private-media",
    "test-artifacts",
}
_ANYWHERE_SKIP = {"__pycache__", ".pytest_cache", ".ruff_cache"}


def _not_source(root: Path):
    def ignore(directory, names):
        top = Path(directory) == root
        skipped = {n for n in names if n in _ANYWHERE_SKIP or (top and n in _TOP_LEVEL_SKIP)}
        skipped |= {n for n in names if n.endswith((".mo", ".sqlite3"))}
        if Path(directory) == root / "static":
            skipped.add("vendor")
        return skipped

    return ignore


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_catalogue_has_every_string_of_the_source(tmp_path, domain):
    """``makemessages`` on a scratch copy of the source finds no msgid the catalogue lacks."""
    _gettext_tools_or_skip()
    source = Path(settings.BASE_DIR)
    scratch = tmp_path / "src"
    shutil.copytree(source, scratch, ignore=_not_source(source))
    for po in (scratch / "locale").glob("*/LC_MESSAGES/*.po"):
        po.unlink()  # a fresh extraction, not a merge with the committed catalogue
    env = {**os.environ, "DJANGO_DEBUG": "true"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(  # noqa: S603 (a fixed command on a copy of the repository)
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-d",
            domain,
            "-l",
            "en",
            "--no-obsolete",
        ],
        cwd=scratch,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    extracted_path = scratch / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
    extracted = {e.key: e for e in pofile.read(extracted_path)} if extracted_path.exists() else {}
    committed_path = catalogue_path("en", domain)
    committed = {e.key: e for e in pofile.read(committed_path)} if committed_path.exists() else {}
    missing = [_where(extracted[k]) for k in extracted.keys() - committed.keys()]
    obsolete = [_where(committed[k]) for k in committed.keys() - extracted.keys()]
    assert not missing and not obsolete, (
        "The English catalogue is out of date: run `make messages`, translate the new entries "
        f"and commit locale/.\nNot in the catalogue: {sorted(missing)}\n"
        f"No longer in the source: {sorted(obsolete)}"
    )
