"""The layering contract (pyproject.toml, import-linter) holds, and breaks on a wrong import."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).parent / "lint-imports"
LAYERS = ("data", "analysis", "report", "build")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    return subprocess.run(
        [str(LINT), "--no-cache"], cwd=root, env=env, capture_output=True, text=True, check=False
    )


def copy_package(dest: Path) -> Path:
    shutil.copytree(ROOT / "src" / "crisis", dest / "src" / "crisis",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def test_every_layer_is_a_subpackage_and_the_contract_is_kept():
    for layer in LAYERS:
        assert (ROOT / "src" / "crisis" / layer / "__init__.py").is_file(), layer
    loose = sorted(p.name for p in (ROOT / "src" / "crisis").glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "cli.py"]
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout
    assert "1 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    root = copy_package(tmp_path)
    module = root / "src" / "crisis" / "data" / "codebook.py"
    module.write_text(module.read_text() + "\nfrom crisis.report import style  # noqa\n")
    result = lint_imports(root)
    assert result.returncode != 0
    assert "0 kept, 1 broken" in result.stdout
    assert "crisis.data.codebook -> crisis.report.style" in result.stdout
