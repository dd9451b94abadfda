"""House rules that a reviewer would otherwise have to remember.

Views, forms and exports reach scoped rows only through ``visible_to(user)``: a bare
``Model.objects.filter(...)`` there is how data leaks between groups and outlets.
"""

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[1]
LOCAL_APPS = ("core", "program", "groups", "mentoring", "marketing", "accounts", "audit")
# Every module that builds a queryset a page, an export or an API shows: views, forms, filters,
# exports, and the cross-app readers behind the dashboards, reports, dossier and send-ups.
CHECKED_FILES = (
    "views.py",
    "forms.py",
    "filters.py",
    "exports.py",
    "report_views.py",
    "dashboard_views.py",
    "dashboard.py",
    "reports.py",
    "dossier.py",
    "sendup.py",
    "targets.py",
    "readiness.py",
    "pickers.py",
    "selectors.py",
)


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
    bare = re.compile(rf"\b({names})\.(objects|_default_manager)\.(?!visible_to\b|none\(\))(\w+)")
    offenders = []
    for path in _checked_paths():
        previous = ""
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            # A correlated subquery reads only rows of its outer row, which is scoped already;
            # any other exception says why on its line or the line above ("scoping: ok (...)").
            exempt = "OuterRef(" in line or "scoping: ok" in line or "scoping: ok" in previous
            if bare.search(line) and not exempt:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
            previous = line
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


def test_no_get_model_reaches_another_app():
    """``apps.get_model("other_app", ...)`` is an import the layers contract cannot see.

    Data migrations name their own app's models, and the audit trail and the backup read models
    by label without knowing any app; those are the only uses.
    """
    call = re.compile(r"get_model\(\s*[\"'](\w+)[\"']")
    offenders = []
    for app in LOCAL_APPS:
        for path in (ROOT / app).rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                match = call.search(line)
                if match and match.group(1) != app and "migrations" not in path.parts:
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, offenders


def _lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _copy_of_the_code(tmp_path: Path) -> Path:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    tree = tmp_path / "tree"
    for package in config["tool"]["importlinter"]["root_packages"]:
        shutil.copytree(
            ROOT / package, tree / package, ignore=shutil.ignore_patterns("*.pyc", "__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_the_layers_hold_and_a_violating_import_breaks_them(tmp_path):
    tree = _copy_of_the_code(tmp_path)
    kept = _lint_imports(tree)
    assert kept.returncode == 0, kept.stdout + kept.stderr

    # The sales app reaching up into mentoring, and core reaching any app: both refused.
    with (tree / "marketing" / "pricing.py").open("a", encoding="utf-8") as module:
        module.write("\nfrom mentoring import models as _mentoring_models  # noqa\n")
    with (tree / "core" / "months.py").open("a", encoding="utf-8") as module:
        module.write("\nimport groups.models  # noqa\n")
    broken = _lint_imports(tree)
    assert broken.returncode == 1, broken.stdout
    assert "marketing.pricing -> mentoring" in broken.stdout
    assert "core.months -> groups.models" in broken.stdout
