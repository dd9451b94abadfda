"""House rules that a reviewer would otherwise have to remember.

Views, forms and exports reach scoped rows only through ``visible_to(user)``: a bare
``Model.objects.filter(...)`` there is how data leaks between groups and outlets.
"""

import re
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[1]
LOCAL_APPS = ("palu_ikm", "groups", "mentoring", "marketing", "accounts", "audit")
CHECKED_FILES = ("views.py", "forms.py", "filters.py", "exports.py")


def _scoped_model_names() -> set[str]:
    return {
        model.__name__
        for model in apps.get_models()
        if hasattr(model._default_manager, "visible_to")
    }


def _checked_paths():
    for app in LOCAL_APPS:
        base = ROOT / app
        for name in CHECKED_FILES:
            yield from base.glob(name)
            yield from base.glob(f"{name.removesuffix('.py')}/*.py")


def test_views_and_forms_reach_scoped_models_only_through_visible_to():
    names = "|".join(sorted(_scoped_model_names()))
    bare = re.compile(rf"\b({names})\.(objects|_default_manager)\.(?!visible_to\b)(\w+)")
    offenders = []
    for path in _checked_paths():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if bare.search(line) and "scoping: ok" not in line:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "use Model.objects.visible_to(user) instead:\n" + "\n".join(offenders)


def test_no_get_object_or_404_on_a_model_class():
    """``get_object_or_404(Model, ...)`` bypasses scoping; pass a scoped queryset instead."""
    names = "|".join(sorted(_scoped_model_names()))
    pattern = re.compile(rf"get_object_or_404\(\s*({names})\s*,")
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in _checked_paths()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not offenders, offenders
