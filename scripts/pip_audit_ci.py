"""Run pip-audit over the project's virtualenv; fail on a known vulnerability, fail SOFT only
when no vulnerability service can be reached.

pip-audit asks a vulnerability service about each installed version: PyPI's JSON API
(``/pypi/<name>/<version>/json``) or OSV (``api.osv.dev``). On a machine that reaches PyPI
only through its package index, both are missing: PyPI answers 404 for every version (pip-audit
then reports "Dependency not found on PyPI" for every package and exits 0 — a silent false
green) and OSV does not resolve. This wrapper tells those cases apart:

- some packages audited, a vulnerability found          -> exit 1 (listed);
- some packages audited, none vulnerable                 -> exit 0;
- no package could be audited by any service, or the
  service failed with a network error                    -> exit 0 with a loud WARNING;
- any other pip-audit failure                            -> exit 1.

Run: ``.venv/bin/python scripts/pip_audit_ci.py``.
"""

import json
import subprocess  # nosec B404
import sys
import tempfile
from pathlib import Path

SERVICES = ("pypi", "osv")
NETWORK_ERRORS = (
    "ConnectionError",
    "NameResolutionError",
    "Max retries exceeded",
    "ReadTimeout",
    "ConnectTimeout",
    "Temporary failure in name resolution",
    "Name or service not known",
    "Network is unreachable",
)
PIP_AUDIT = Path(sys.executable).with_name("pip-audit")


def audit(service: str) -> tuple[str, list, str]:
    """('ok' | 'unreachable' | 'error', dependencies, detail) for one vulnerability service."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        # Fixed argv, no shell.
        result = subprocess.run(  # nosec B603
            [
                str(PIP_AUDIT),
                "--vulnerability-service", service,
                "--skip-editable",
                "--progress-spinner", "off",
                "--format", "json",
                "--output", report.name,
                "--timeout", "30",
            ],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )  # fmt: skip
        text = Path(report.name).read_text() if Path(report.name).stat().st_size else ""
    dependencies = json.loads(text)["dependencies"] if text.strip() else []
    audited = [d for d in dependencies if "skip_reason" not in d]
    if any(marker in result.stderr for marker in NETWORK_ERRORS):
        return "unreachable", dependencies, result.stderr.strip().splitlines()[-1]
    if dependencies and not audited:
        return "unreachable", dependencies, dependencies[0]["skip_reason"]
    if result.returncode not in (0, 1) or not dependencies:
        return "error", dependencies, result.stderr.strip()[-2000:]
    return "ok", dependencies, ""


def main() -> int:
    for service in SERVICES:
        state, dependencies, detail = audit(service)
        if state == "unreachable":
            print(f"pip-audit: the '{service}' vulnerability service is not reachable: {detail}")
            continue
        if state == "error":
            print(f"pip-audit failed with the '{service}' service:\n{detail}")
            return 1
        vulnerable = [d for d in dependencies if d.get("vulns")]
        skipped = [d for d in dependencies if "skip_reason" in d]
        audited = len(dependencies) - len(skipped)
        print(f"pip-audit ({service}): {audited} packages audited, {len(skipped)} skipped")
        for dep in skipped:
            print(f"  skipped {dep['name']} {dep.get('version', '')}: {dep['skip_reason']}")
        for dep in vulnerable:
            for vuln in dep["vulns"]:
                fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
                print(f"  VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fix: {fixes})")
        return 1 if vulnerable else 0
    print(
        "WARNING: pip-audit could not reach any vulnerability service from this machine "
        f"({', '.join(SERVICES)}); NO package was audited. This step fails soft on network "
        "errors only; run pip-audit where PyPI's JSON API or OSV is reachable."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
