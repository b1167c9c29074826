"""Same data, same bytes: the export and the figures do not depend on chance or on hash order.

Each test runs once under ``PYTHONHASHSEED=1`` and compares with a run made before it under the
build's hash seed (``crisis.build.notebooks.HASH_SEED``, 0): the export with the tables that the
built appendix offers for download (written when ``make book`` executed it), the figures with
those of the stored notebook (executed by ``make execute``). A result that depends on the
iteration order of a set, or of a dict built from one, differs between the two runs and fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from support.built_book import current_site, downloads

from crisis.build.notebooks import HASH_SEED
from crisis.build.notebooks import run as run_notebook

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SEED = "1"
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


def test_an_export_under_another_hash_seed_is_what_the_book_serves(tmp_path: Path) -> None:
    assert SEED != HASH_SEED, "the test must run under another hash seed than the build"
    served = downloads(current_site(ROOT), "book/appendix.html")
    exported = export(tmp_path / "export", SEED)
    assert {"camps.csv", "centrality.csv", "timeline.csv", "corroboration.csv"} <= set(exported)
    assert all(exported.values()), "an exported table is empty"
    missing = sorted(set(exported) - set(served))
    assert not missing, f"exported tables the book does not serve: {missing}"
    different = [name for name in exported if exported[name] != served[name]]
    assert not different, (
        f"the export differs from the book's tables between hash seeds: {different}"
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_figures_under_another_hash_seed_are_the_stored_ones(name: str) -> None:
    assert SEED != HASH_SEED, "the test must run under another hash seed than the stored run"
    notebook = ROOT / "book" / f"{name}.ipynb"
    stored = images(nbformat.read(notebook, as_version=4))
    drawn = images(execute(notebook, SEED))
    assert stored, f"{name}.ipynb draws no figure"
    assert len(drawn) == len(stored)
    different = [i for i, (a, b) in enumerate(zip(stored, drawn, strict=True)) if a != b]
    assert not different, (
        f"{name}.ipynb: images {different} differ from the stored ones: is the stored notebook "
        "older than the code (`make execute`)? If not, they depend on the hash seed"
    )


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
