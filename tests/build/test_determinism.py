"""Same data, same bytes: the export and the figures do not depend on chance or on hash order.

Each pair of runs uses a different ``PYTHONHASHSEED``, so a result that depends on the iteration
order of a set or of a dict built from one differs between the two runs and fails the test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from crisis.build.notebooks import run as run_notebook

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ("1", "2")
# The notebooks whose figures come from a layout or an ordering that chance could change.
NOTEBOOKS = ("network", "timeline")
IMAGE_TYPES = ("image/png", "image/svg+xml", "image/jpeg")


def seeded_env(seed: str) -> dict[str, str]:
    """The current environment with ``PYTHONHASHSEED`` set to ``seed``."""
    return {**os.environ, "PYTHONHASHSEED": seed}


def export(outdir: Path, seed: str) -> dict[str, bytes]:
    """Run ``python -m crisis export OUTDIR`` under hash seed ``seed``; returns name -> bytes."""
    result = subprocess.run(
        [sys.executable, "-m", "crisis", "export", str(outdir), "--root", str(ROOT)],
        env=seeded_env(seed),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return {path.name: path.read_bytes() for path in sorted(outdir.iterdir())}


def execute(notebook: Path, seed: str) -> nbformat.NotebookNode:
    """Execute ``notebook`` in its folder, kernel under hash seed ``seed``; not written back."""
    return run_notebook(notebook, env=seeded_env(seed))


def images(nb: nbformat.NotebookNode) -> list[str]:
    """Every image (PNG, SVG or JPEG, base64 or text) among a notebook's outputs, in order.

    Figures glued with ``myst_nb.glue`` are stored under a prefixed MIME type
    (``application/papermill.record/image/png``); they count as images too.
    """
    return [
        value
        for cell in nb.cells
        for output in cell.get("outputs", [])
        for mime, value in output.get("data", {}).items()
        if mime.endswith(IMAGE_TYPES)
    ]


def test_export_twice_writes_identical_files(tmp_path: Path) -> None:
    first, second = (export(tmp_path / f"run{seed}", seed) for seed in SEEDS)
    assert sorted(first) == sorted(second)
    assert {"camps.csv", "centrality.csv", "timeline.csv", "corroboration.csv"} <= set(first)
    assert all(first[name] for name in first), "an exported table is empty"
    different = [name for name in first if first[name] != second[name]]
    assert not different, f"exports differ between hash seeds: {different}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_figures_are_identical_twice(name: str) -> None:
    notebook = ROOT / "book" / f"{name}.ipynb"
    first, second = (images(execute(notebook, seed)) for seed in SEEDS)
    assert first, f"{name}.ipynb draws no figure"
    assert len(first) == len(second)
    different = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
    assert not different, f"{name}.ipynb: images {different} differ between hash seeds"


def test_images_are_found_in_every_kind_of_output() -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("text"),
        nbformat.v4.new_code_cell(
            "x",
            outputs=[
                nbformat.v4.new_output("display_data", data={"image/png": "AAA"}),
                nbformat.v4.new_output("stream", text="printed"),
                nbformat.v4.new_output(
                    "display_data",
                    data={
                        "application/papermill.record/image/png": "GLUED",
                        "application/papermill.record/text/plain": "<Figure>",
                    },
                ),
                nbformat.v4.new_output(
                    "execute_result", data={"text/plain": "1", "image/svg+xml": "<svg/>"}
                ),
            ],
        ),
    ]
    assert images(nb) == ["AAA", "GLUED", "<svg/>"]
    assert images(nbformat.v4.new_notebook()) == []


def test_a_failing_export_fails_loudly(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "crisis", "export", str(tmp_path), "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert result.stderr.strip()
    assert list(tmp_path.iterdir()) == []
