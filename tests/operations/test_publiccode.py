"""The public-code paperwork: publiccode.yml passes the standard's schema in `make lint`, a
broken one fails it, and the version is the same everywhere (scripts/check_publiccode.py)."""

import importlib.util
import subprocess
import sys

import pytest
import yaml

from tests.helpers.paths import ROOT

pytestmark = pytest.mark.db_agnostic

SCRIPT = ROOT / "scripts" / "check_publiccode.py"
spec = importlib.util.spec_from_file_location("check_publiccode", SCRIPT)
check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check)


def ours():
    return check.load_yaml(ROOT / "publiccode.yml")


def problems_of(document, tmp_path):
    path = tmp_path / "publiccode.yml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return check.problems(path)


def test_ours_passes_as_make_lint_runs_it():
    result = subprocess.run(
        [sys.executable, str(SCRIPT)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "valid against publiccode.yml 0.4" in result.stdout


def test_a_missing_required_key_fails_and_is_named(tmp_path):
    document = ours()
    del document["legal"]
    path = tmp_path / "publiccode.yml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "'legal' is a required property" in result.stderr


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"developmentStatus": "ready"}, "developmentStatus: 'ready' is not one of"),
        ({"categories": ["maps"]}, "categories/0: 'maps' is not one of"),
        ({"softwareType": "standalone"}, "softwareType: 'standalone' is not one of"),
        ({"publiccodeYmlVersion": "0.2"}, "publiccodeYmlVersion: '0.2' does not match"),
        ({"releaseDate": "3 december 2026"}, "releaseDate: '3 december 2026' does not match"),
        ({"maintenance": {"type": "contract"}}, "'contractors' is a required property"),
    ],
)
def test_values_outside_the_standard_fail(tmp_path, change, expected):
    assert any(expected in line for line in problems_of(ours() | change, tmp_path))


def test_a_long_description_is_needed_in_one_language(tmp_path):
    document = ours()
    for text in document["description"].values():
        text.pop("longDescription")
    assert any("mandatory for at least one language" in p for p in problems_of(document, tmp_path))


def test_a_short_description_over_150_characters_fails(tmp_path):
    document = ours()
    document["description"]["nl"]["shortDescription"] = "x" * 151
    assert any("is too long" in line for line in problems_of(document, tmp_path))


def test_ours_is_eupl_in_dutch_and_english_and_needs_postgis():
    document = ours()
    assert document["legal"]["license"] == "EUPL-1.2"
    assert set(document["description"]) == {"nl", "en"}
    assert document["localisation"]["availableLanguages"] == ["nl", "en"]
    assert {"PostgreSQL", "PostGIS"} <= {d["name"] for d in document["dependsOn"]["open"]}


def test_another_version_than_the_code_says_fails(tmp_path):
    found = problems_of(ours() | {"softwareVersion": "9.9.9"}, tmp_path)
    assert found == [
        f"publiccode.yml says version 9.9.9 of {ours()['releaseDate']}; ontmoeting/__init__.py "
        f"says {check.project_version()[0]} of {check.project_version()[1]}"
    ]


def test_the_changelog_names_the_current_version_as_its_newest_release():
    from ontmoeting import RELEASE_DATE, __version__

    newest = check.RELEASE.search((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert (newest["version"], newest["date"]) == (__version__, RELEASE_DATE)


def test_the_licence_is_the_eupl_1_2_in_full():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    for article in ("1.Definitions", "5.Obligations of the Licensee", "15.Applicable Law"):
        assert article in text
    assert "Appendix" in text and "Compatible Licences" in text
