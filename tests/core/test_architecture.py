"""The dependency rules hold (import-linter, as `make lint` runs it), and the contracts do
fail when an import breaks them: each case copies the code, adds one bad import and lints."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
pytestmark = pytest.mark.db_agnostic


def lint(root):
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def copy_with(tmp_path, module, source):
    """The project's Python code with one more module."""
    for package in ("places", "surveys", "ontmoeting"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=only_python)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    (tmp_path / module).write_text(source)
    return tmp_path


def only_python(folder, names):
    return [n for n in names if not n.endswith(".py") and not (Path(folder) / n).is_dir()]


def test_the_code_keeps_every_contract():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "BROKEN" not in result.stdout


@pytest.mark.parametrize(
    "module, source, contract",
    [
        ("places/probe.py", "from surveys import models\n", "places never imports surveys"),
        ("places/probe.py", "from ontmoeting import urls\n", "apps never import the project"),
        ("surveys/probe.py", "import ontmoeting.settings\n", "apps never import the project"),
        ("places/models/probe.py", "from places.views import public\n", "inside places"),
        ("places/maps/probe.py", "from places.policy import figures\n", "inside places"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(tmp_path, module, source, contract):
    result = lint(copy_with(tmp_path, module, source))
    assert result.returncode == 1
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(line.startswith(contract) for line in broken), result.stdout[-2000:]
