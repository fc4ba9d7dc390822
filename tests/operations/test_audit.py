"""The dependency audit's verdict (scripts/audit.py): vulnerabilities fail, silence is said."""

import importlib.util

import pytest

from tests.helpers.paths import ROOT

pytestmark = pytest.mark.db_agnostic

SCRIPT = ROOT / "scripts" / "audit.py"
spec = importlib.util.spec_from_file_location("audit", SCRIPT)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

CLEAN = {"name": "django", "version": "5.2.19", "vulns": []}
VULNERABLE = {
    "name": "sqlparse",
    "version": "0.4.3",
    "vulns": [{"id": "GHSA-rrm6-wvj7-cwh2", "fix_versions": ["0.4.4"]}],
}
SKIPPED = {"name": "django", "skip_reason": "Dependency not found on PyPI"}


def verdict(*dependencies, required=False):
    return audit.verdict(*audit.summarise({"dependencies": list(dependencies)}), required)


def test_a_known_vulnerability_fails_with_the_fixed_version():
    code, lines = verdict(CLEAN, VULNERABLE)
    assert code == 1
    assert "VULNERABLE sqlparse 0.4.3: GHSA-rrm6-wvj7-cwh2 (fixed in 0.4.4)" in lines


def test_no_known_vulnerability_passes():
    code, lines = verdict(CLEAN)
    assert code == 0 and lines[-1] == "No known vulnerabilities in 1 audited packages."


def test_an_unreachable_service_is_said_and_fails_only_when_required():
    code, lines = verdict(SKIPPED)
    assert code == 0 and lines[0].startswith("NOT AUDITED")
    assert verdict(SKIPPED, required=True)[0] == 1


def test_the_lock_exports_every_locked_package(tmp_path):
    target = tmp_path / "requirements.txt"
    audit.export_lock(target)
    names = {d["name"] for d in audit.unreachable(target)["dependencies"]}
    assert {"django", "pip-audit", "hypothesis"} <= names
