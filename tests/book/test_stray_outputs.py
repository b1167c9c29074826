"""No notebook shows a bare value a cell happened to end with (a count a glue call returned):
every output a reader sees is a table, a figure, text the chapter prints on purpose or evidence."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))


def stray_values(nb: nbformat.NotebookNode) -> list[str]:
    """Cells whose result is shown as plain text only (``'2019'``, ``5``), as 'cell N: value'."""
    return [
        f"cell {number}: {output['data']['text/plain'][:40]}"
        for number, cell in enumerate(nb.cells, start=1)
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "execute_result" and set(output["data"]) == {"text/plain"}
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_cell_shows_a_stray_value(path: Path) -> None:
    problems = stray_values(nbformat.read(path, as_version=4))
    # assign the value: a trailing ';' hides it when a notebook is run, not under nbval
    assert not problems, f"{path.name}: assign these cells' last value: {problems}"


def test_a_stray_value_is_found_and_a_table_is_not() -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "n", outputs=[nbformat.v4.new_output("execute_result", data={"text/plain": "5"})]
        ),
        nbformat.v4.new_code_cell(
            "t",
            outputs=[
                nbformat.v4.new_output(
                    "execute_result", data={"text/plain": "<T>", "text/html": "<table/>"}
                )
            ],
        ),
    ]
    assert stray_values(nb) == ["cell 1: 5"]
