"""Audit the locked dependencies (uv.lock, dev group included) for known vulnerabilities.

Exports the lock with uv, runs pip-audit on it and exits 1 when a locked package has a known
vulnerability. A vulnerability service that cannot be reached audits nothing: that is said
loudly, and fails the run only with AUDIT_REQUIRED=1 (see README, "Dependency audit").

    .venv/bin/python scripts/audit.py            # what `make audit` runs
    AUDIT_SERVICE=osv AUDIT_REQUIRED=1 …          # another service; unreachable = failure
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIP_AUDIT = ROOT / ".venv" / "bin" / "pip-audit"


def find_uv():
    """uv as scripts/venv.sh finds it: on PATH, else the one it bootstrapped into var/."""
    return shutil.which("uv") or str(ROOT / "var" / "uv-bootstrap" / "bin" / "uv")


def export_lock(target):
    command = [find_uv(), "export", "--frozen", "--no-hashes", "--no-emit-project", "-q"]
    subprocess.run([*command, "-o", str(target)], cwd=ROOT, check=True)  # noqa: S603


def run_pip_audit(requirements, report, service):
    command = [str(PIP_AUDIT), "-r", str(requirements), "--disable-pip", "--no-deps"]
    command += ["-s", service, "--progress-spinner", "off", "-f", "json", "-o", str(report)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)  # noqa: S603


def unreachable(requirements):
    """A report in which every locked package was skipped."""
    names = [
        line.split("==")[0]
        for line in requirements.read_text().splitlines()
        if line and not line.startswith(("#", " "))
    ]
    return {"dependencies": [{"name": n, "skip_reason": "service unreachable"} for n in names]}


def summarise(report):
    """(vulnerable, audited, skipped) from pip-audit's JSON report."""
    vulnerable, audited, skipped = [], [], []
    for dependency in report["dependencies"]:
        if "skip_reason" in dependency:
            skipped.append(dependency)
        elif dependency.get("vulns"):
            vulnerable.append(dependency)
        else:
            audited.append(dependency)
    return vulnerable, audited, skipped


def verdict(vulnerable, audited, skipped, required):
    """(exit code, lines to print)."""
    lines = []
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            lines.append(
                f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} "
                f"(fixed in {fixed})"
            )
    if vulnerable:
        lines.append("Upgrade within the constraints: uv lock --upgrade-package NAME")
        return 1, lines
    if not audited:
        lines.append(
            f"NOT AUDITED: the vulnerability service answered for none of the {len(skipped)} "
            "locked packages (unreachable from this machine?)."
        )
        lines.append("Set AUDIT_REQUIRED=1 where it is reachable to make this a failure.")
        return (1 if required else 0), lines
    for dependency in skipped:
        lines.append(f"not audited: {dependency['skip_reason']}")
    lines.append(f"No known vulnerabilities in {len(audited)} audited packages.")
    return 0, lines


def main():
    service = os.environ.get("AUDIT_SERVICE", "pypi")
    required = os.environ.get("AUDIT_REQUIRED", "") in {"1", "true", "yes", "on"}
    with tempfile.TemporaryDirectory() as folder:
        requirements, report = Path(folder) / "requirements.txt", Path(folder) / "audit.json"
        export_lock(requirements)
        result = run_pip_audit(requirements, report, service)
        if report.exists():
            data = json.loads(report.read_text())
        else:
            # pip-audit stopped before writing a report: the service could not be reached.
            print("\n".join(result.stderr.strip().splitlines()[-1:]), file=sys.stderr)
            data = unreachable(requirements)
    code, lines = verdict(*summarise(data), required)
    print(f"pip-audit ({service}) on uv.lock:")
    print("\n".join(f"  {line}" for line in lines))
    return code


if __name__ == "__main__":
    sys.exit(main())
