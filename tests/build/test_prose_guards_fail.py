"""A data change that makes a guarded finding false stops the notebook, naming the sentence.

On a copy of the project, the State Dept provoked article's count of the December 2018 aircraft
is made equal to Battle for influence's (the data check still passes), so the landing page's
finding that one fact is in conflict is no longer true; executing the landing page must then
fail with the guard's message. The unchanged copy runs through, so the edit, not the copy, stops
it. Both runs stop after the guarded cell (the cells after it compute the camps, which the guard
does not read).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError
from support.project_copy import copy_project, project_env

from crisis.build.notebooks import run

FACT = "russian_planes_december_2018"
GUARDED = "one conflicts"


def keep_through(notebook: Path, text: str) -> None:
    """Cut ``notebook`` after the first code cell whose source holds ``text``."""
    nb = nbformat.read(notebook, as_version=4)
    sources = [c.source if c.cell_type == "code" else "" for c in nb.cells]
    last = next((i for i, source in enumerate(sources) if text in source), None)
    if last is None:
        raise ValueError(f"no code cell of {notebook.name} holds {text!r}")
    nb.cells = nb.cells[: last + 1]
    nbformat.write(nb, notebook)


def make_counts_agree(claims: Path) -> None:
    """Give State Dept provoked's report of FACT Battle for influence's value. Its value is a sum
    (four aircraft) whose note says how it was derived, so the data check still passes."""
    text = claims.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    reports = {r["source_id"]: r for r in rows if r["fact_id"] == FACT}
    assert reports["state_dept_provoked"]["value"] != reports["battle_for_influence"]["value"]
    assert "derived" in reports["state_dept_provoked"]["note"].lower()
    reports["state_dept_provoked"]["value"] = reports["battle_for_influence"]["value"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    claims.write_text(out.getvalue(), encoding="utf-8", newline="")


@pytest.mark.slow
def test_a_finding_made_false_by_the_data_fails_the_notebook(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "copy")
    keep_through(root / "book" / "index.ipynb", GUARDED)
    run(root / "book" / "index.ipynb", env=project_env(root))  # the copy itself runs through
    make_counts_agree(root / "data" / "claims.csv")
    with pytest.raises(CellExecutionError) as failure:
        run(root / "book" / "index.ipynb", env=project_env(root))
    # the guard itself failed (not another error in the same cell), naming its sentence
    assert failure.value.ename == "ProseGuardError", failure.value.ename
    assert "prose guard failed" in failure.value.evalue
    assert GUARDED in failure.value.evalue


def test_a_notebook_is_cut_after_the_cell_that_holds_the_text(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("one conflicts"),
        nbformat.v4.new_code_cell("a = 1"),
        nbformat.v4.new_code_cell("guard('one conflicts', a == 1)"),
        nbformat.v4.new_code_cell("b = 2"),
    ]
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    keep_through(path, "one conflicts")
    cells = nbformat.read(path, as_version=4).cells
    assert [c.source for c in cells] == ["one conflicts", "a = 1", "guard('one conflicts', a == 1)"]
    with pytest.raises(ValueError, match="no code cell of n.ipynb holds 'absent'"):
        keep_through(path, "absent")
