"""What a spreadsheet shows for a cell of a CSV download."""

import re

# core.exports writes a code kept as text as ="0812345678"; a spreadsheet shows 0812345678.
CODE_AS_TEXT = re.compile(r'="([0-9][0-9 .,/-]*)"')


def as_shown(cell: str) -> str:
    match = CODE_AS_TEXT.fullmatch(cell)
    return match.group(1) if match else cell
