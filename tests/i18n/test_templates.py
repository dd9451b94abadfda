"""Every page template names its language from the active language, never a fixed one."""

import re
from pathlib import Path

from django.conf import settings

HTML_LANG = re.compile(r"<html[^>]*\blang=\"([^\"]*)\"")


def test_no_template_fixes_the_page_language():
    fixed = []
    base = Path(settings.BASE_DIR)
    roots = [base / "templates", *(p for p in base.glob("*/templates") if p.parent.name != ".venv")]
    for template in (t for root in roots for t in root.glob("**/*.html")):
        for lang in HTML_LANG.findall(template.read_text(encoding="utf-8")):
            if "{{" not in lang:
                fixed.append(f'{template.relative_to(settings.BASE_DIR)}: lang="{lang}"')
    assert not fixed, (
        'Use {% get_current_language as LANGUAGE_CODE %}<html lang="{{ LANGUAGE_CODE }}">: '
        + ", ".join(fixed)
    )
