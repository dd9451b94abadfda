"""The Content-Security-Policy forbids inline scripts and <style>: no template may rely on them.

Scripts go to static files (``{% block scripts %}<script src="{% static ... %}">``); data for a
script goes into ``{{ value|json_script:"id" }}`` or ``data-`` attributes. Inline ``style=""``
attributes are allowed by the policy.
"""

import re
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
SKIP_DIRS = {".venv", "node_modules", "staticfiles", ".git", "test-artifacts"}

INLINE_SCRIPT = re.compile(
    r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")", re.I
)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.I)
STYLE_ELEMENT = re.compile(r"<style\b", re.I)
PDF_ONLY = "{# PDF only"


def project_templates():
    for path in sorted(BASE_DIR.rglob("*.html")):
        parts = set(path.relative_to(BASE_DIR).parts)
        if parts & SKIP_DIRS or "templates" not in parts:
            continue
        yield path


TEMPLATES = list(project_templates())


def test_templates_are_found():
    names = {p.relative_to(BASE_DIR).as_posix() for p in TEMPLATES}
    assert "templates/base.html" in names


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.relative_to(BASE_DIR).as_posix())
def test_template_has_nothing_the_csp_would_block(path):
    text = path.read_text(encoding="utf-8")
    problems = []
    checks = [
        ("inline <script>", INLINE_SCRIPT),
        ("on...= event handler", EVENT_HANDLER),
        ("javascript: URL", JS_URL),
    ]
    # A document WeasyPrint turns into a PDF carries its print styles with it; it is never
    # served as a page, so the policy does not apply to its <style> (scripts stay forbidden).
    if PDF_ONLY not in text[:300]:
        checks.append(("<style> element", STYLE_ELEMENT))
    for name, pattern in checks:
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            problems.append(f"line {line}: {name}")
    assert not problems, f"{path.name}: move it to a static file — " + ", ".join(problems)


@pytest.mark.parametrize(
    ("snippet", "caught"),
    [
        ("<script>alert(1)</script>", True),
        ('<script src="/static/app.js"></script>', False),
        ('<script id="d" type="application/json">{}</script>', False),
        ('<button onclick="go()">', True),
        ('<a href="javascript:go()">', True),
        ("<style>body{}</style>", True),
        ('<div style="width: 40%">', False),
    ],
)
def test_the_guard_recognises_what_the_csp_blocks(snippet, caught):
    found = any(p.search(snippet) for p in (INLINE_SCRIPT, EVENT_HANDLER, JS_URL, STYLE_ELEMENT))
    assert found is caught
