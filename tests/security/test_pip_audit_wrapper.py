"""The CI wrapper around pip-audit fails on vulnerabilities and only fails soft on the network."""

import json
import subprocess
from pathlib import Path

import pytest

from scripts import pip_audit_ci


def fake_pip_audit(monkeypatch, *, by_service: dict):
    """by_service: service -> (returncode, stderr, report dict or None)."""

    def run(argv, **kwargs):
        service = argv[argv.index("--vulnerability-service") + 1]
        output = Path(argv[argv.index("--output") + 1])
        code, stderr, report = by_service[service]
        if report is not None:
            output.write_text(json.dumps(report))
        return subprocess.CompletedProcess(argv, code, "", stderr)

    monkeypatch.setattr(pip_audit_ci.subprocess, "run", run)


CLEAN = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}], "fixes": []}
VULNERABLE = {
    "dependencies": [
        {
            "name": "django",
            "version": "5.2.1",
            "vulns": [{"id": "PYSEC-1", "fix_versions": ["5.2.2"]}],
        }
    ],
    "fixes": [],
}
ALL_SKIPPED = {
    "dependencies": [
        {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"}
    ],
    "fixes": [],
}
NO_DNS = "requests.exceptions.ConnectionError: NameResolutionError(api.osv.dev)"


def test_clean_audit_passes(monkeypatch, capsys):
    fake_pip_audit(monkeypatch, by_service={"pypi": (0, "", CLEAN)})
    assert pip_audit_ci.main() == 0
    assert "1 packages audited" in capsys.readouterr().out


def test_a_vulnerability_fails(monkeypatch, capsys):
    fake_pip_audit(monkeypatch, by_service={"pypi": (1, "", VULNERABLE)})
    assert pip_audit_ci.main() == 1
    assert "VULNERABLE django 5.2.1: PYSEC-1" in capsys.readouterr().out


def test_pypi_unusable_falls_back_to_osv(monkeypatch):
    fake_pip_audit(
        monkeypatch, by_service={"pypi": (0, "", ALL_SKIPPED), "osv": (1, "", VULNERABLE)}
    )
    assert pip_audit_ci.main() == 1


def test_no_service_reachable_is_a_loud_soft_pass(monkeypatch, capsys):
    fake_pip_audit(monkeypatch, by_service={"pypi": (0, "", ALL_SKIPPED), "osv": (1, NO_DNS, None)})
    assert pip_audit_ci.main() == 0
    assert "NO package was audited" in capsys.readouterr().out


@pytest.mark.parametrize("stderr", ["Traceback: KeyError: 'x'", "usage: pip-audit ..."])
def test_other_failures_fail(monkeypatch, stderr):
    fake_pip_audit(monkeypatch, by_service={"pypi": (2, stderr, None)})
    assert pip_audit_ci.main() == 1
