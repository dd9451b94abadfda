"""A small reader of gettext PO files, enough for the catalogue tests (no extra dependency).

It reads what ``makemessages`` writes: ``msgctxt``, ``msgid``, ``msgid_plural``, ``msgstr`` and
``msgstr[n]`` with continuation lines, flags (``#, fuzzy``) and references (``#:``); obsolete
entries (``#~``) are skipped.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}
_ESCAPE = re.compile(r"\\(.)")
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"\s*$')


def unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)
    line: int = 0

    @property
    def key(self) -> tuple:
        """What identifies an entry in a catalogue."""
        return (self.msgctxt, self.msgid, self.msgid_plural)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())

    @property
    def translations(self) -> list[str]:
        return [self.msgstr[i] for i in sorted(self.msgstr)]


def parse(text: str) -> list[Entry]:
    """Every entry of the catalogue, the header (empty msgid) included."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None  # which field continuation lines extend

    def finish():
        nonlocal current, target
        if current is not None and target is not None:
            entries.append(current)
        current, target = None, None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if target is not None and target[0] != "msgctxt":
                finish()  # a comment after a complete entry starts the next one
            if current is None:
                current = Entry(line=number)
            if line.startswith("#,"):
                current.flags.update(f.strip() for f in line[2:].split(",") if f.strip())
            elif line.startswith("#:"):
                current.references.extend(line[2:].split())
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, index, value = match.groups()
            if keyword in ("msgctxt", "msgid") and target is not None and target[0] == "msgstr":
                finish()
            if current is None:
                current = Entry(line=number)
            value = unescape(value)
            if keyword == "msgctxt":
                current.msgctxt = value
                target = ("msgctxt", 0)
            elif keyword == "msgid":
                current.msgid = value
                target = ("msgid", 0)
            elif keyword == "msgid_plural":
                current.msgid_plural = value
                target = ("msgid_plural", 0)
            else:
                position = int(index) if index is not None else 0
                current.msgstr[position] = value
                target = ("msgstr", position)
            continue
        if line.startswith('"') and line.endswith('"') and current is not None and target:
            value = unescape(line[1:-1])
            name, position = target
            if name == "msgstr":
                current.msgstr[position] += value
            else:
                setattr(current, name, getattr(current, name) + value)
            continue
        raise ValueError(f"line {number}: cannot read {raw!r}")
    finish()
    return entries


def read(path: Path) -> list[Entry]:
    """The entries of a PO file, without the header."""
    return [e for e in parse(Path(path).read_text(encoding="utf-8")) if e.msgid]
