"""Tests of the in-place notebook executor (crisis.build.notebooks) on a tiny notebook."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError

from crisis.build import notebooks

CELLS = [
    "import os\nprint(os.path.basename(os.getcwd()))",
    "import matplotlib.pyplot as plt\n"
    "from crisis.report.style import glue_number, show, use_style\n"
    "use_style()\n"
    "fig, ax = plt.subplots()\n"
    "ax.bar(['a', 'b'], [1, 2])\n"
    "show(fig, 'fig_tiny')\n"
    "glue_number('n_tiny', 1234.0)",
    "6 * 7",
    "print(os.environ['PYTHONHASHSEED'])",
]


def _notebook(folder: Path, sources: list[str] = CELLS) -> Path:
    """Write an unexecuted notebook with volatile metadata into ``folder``; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s, id=f"c{i}") for i, s in enumerate(sources)]
    nb.cells[0].metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00.000000Z"}
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nb.metadata["kernelspec"] = {"name": "something-else", "display_name": "x", "language": "x"}
    path = folder / "tiny.ipynb"
    nbformat.write(nb, path)
    return path


OLD_TIME = 1_000_000


@pytest.fixture(scope="module")
def executed_twice(tmp_path_factory) -> tuple[bytes, bytes, nbformat.NotebookNode, float]:
    path = _notebook(tmp_path_factory.mktemp("run") / "chapter_folder")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTHONHASHSEED", "7")  # not the build's: the kernel must get its own
        notebooks.execute(path)
        first = path.read_bytes()
        os.utime(path, (OLD_TIME, OLD_TIME))
        notebooks.execute(path)
        second = path.read_bytes()
    return first, second, nbformat.reads(second.decode(), as_version=4), path.stat().st_mtime


def test_executing_twice_writes_identical_bytes(executed_twice):
    first, second, *_ = executed_twice
    assert first == second


def test_an_unchanged_notebook_is_not_rewritten(executed_twice):
    # a build compares file times: a rewrite would make it execute the page again
    *_, mtime = executed_twice
    assert mtime == OLD_TIME


def test_runs_in_the_notebook_folder_with_counts_in_sequence(executed_twice):
    _, _, nb, _ = executed_twice
    assert nb.cells[0].outputs[0]["text"] == "chapter_folder\n"
    assert [c.execution_count for c in nb.cells] == [1, 2, 3, 4]
    assert nb.cells[2].outputs[0]["data"]["text/plain"] == "42"
    assert nb.cells[3].outputs[0]["text"] == f"{notebooks.HASH_SEED}\n"  # as in the build


def test_glued_outputs_are_stored(executed_twice):
    _, _, nb, _ = executed_twice
    glued = {o.metadata["scrapbook"]["name"]: o.data for o in nb.cells[1].outputs}
    assert set(glued) == {"fig_tiny", "n_tiny"}
    assert any(k.endswith("image/png") for k in glued["fig_tiny"])
    assert glued["n_tiny"]["application/papermill.record/text/plain"] == "'1,234'"


def test_volatile_metadata_is_dropped_and_kernel_pinned(executed_twice):
    _, _, nb, _ = executed_twice
    assert all("execution" not in c.metadata for c in nb.cells)
    assert "widgets" not in nb.metadata
    assert nb.metadata.kernelspec == notebooks.KERNELSPEC


def test_failing_notebook_raises_and_is_left_untouched(tmp_path):
    path = _notebook(tmp_path, ["x = 1", "1 / 0"])
    before = path.read_bytes()
    with pytest.raises(CellExecutionError, match="ZeroDivisionError"):
        notebooks.execute(path)
    assert path.read_bytes() == before


def test_clean_gives_missing_cell_ids_a_stable_id():
    def bare() -> nbformat.NotebookNode:
        nb = nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell("1"), nbformat.v4.new_code_cell("2")]
        )
        for cell in nb.cells:
            del cell["id"]
        return nb

    ids = [c.id for c in notebooks.clean(bare()).cells]
    assert ids == [c.id for c in notebooks.clean(bare()).cells]
    assert len(set(ids)) == 2


def test_book_notebooks_lists_only_notebooks_in_book_sorted(tmp_path):
    for name in ("b.ipynb", "a.ipynb", "notes.md"):
        (tmp_path / "book").mkdir(exist_ok=True)
        (tmp_path / "book" / name).write_text("{}")
    assert [p.name for p in notebooks.book_notebooks(tmp_path)] == ["a.ipynb", "b.ipynb"]


def test_main_refuses_paths_that_are_not_notebooks(tmp_path, capsys):
    (tmp_path / "page.md").write_text("# Page\n")
    assert notebooks.main([str(tmp_path / "missing.ipynb"), str(tmp_path / "page.md")]) == 2
    assert "not a notebook" in capsys.readouterr().err


def test_main_outside_a_project_reports_and_fails(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert notebooks.main([]) == 2
    assert "datapackage.json" in capsys.readouterr().err
