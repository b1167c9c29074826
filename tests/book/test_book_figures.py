"""Every figure of the book is placed once, with alt text, a label and a caption.

Sphinx does not warn about a figure without alt text, so this checks the notebooks' sources: each
``show(fig, "name")`` in a code cell has one ``{glue:figure} name`` directive in a markdown cell
of the same notebook, carrying a non-empty ``:alt:``, a ``:name:`` label and a caption.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest
from support.notebook_figures import GlueFigure, glue_figures

BOOK = Path(__file__).resolve().parents[2] / "book"
NOTEBOOKS = sorted(BOOK.glob("*.ipynb"))


def shown_keys(code: str) -> list[str]:
    """The glue keys of the ``show(fig, "key")`` calls in a code cell, in source order.

    A key that is not a plain string (an f-string, a variable) is returned as ``"?"``, so that a
    figure whose name cannot be checked is reported rather than ignored.
    """
    python = "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line for line in code.split("\n")
    )
    keys = []
    for node in ast.walk(ast.parse(python)):
        if not isinstance(node, ast.Call) or len(node.args) < 2:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name == "show":
            key = node.args[1]
            keys.append((node.lineno, key.value if isinstance(key, ast.Constant) else "?"))
    return [key for _, key in sorted(keys)]


def figure_problems(nb: nbformat.NotebookNode) -> list[str]:
    """What is wrong with the figures of one notebook (empty when nothing is)."""
    shown = [k for c in nb.cells if c.cell_type == "code" for k in shown_keys(c.source)]
    placed = [f for c in nb.cells if c.cell_type == "markdown" for f in glue_figures(c.source)]
    problems = [f"{k}: shown but never placed" for k in shown if k not in {f.key for f in placed}]
    for figure in placed:
        if figure.key not in shown:
            problems.append(f"{figure.key}: placed but never shown")
        if [f.key for f in placed].count(figure.key) > 1:
            problems.append(f"{figure.key}: placed more than once")
        if not figure.options.get("alt"):
            problems.append(f"{figure.key}: no alt text")
        if not figure.options.get("name"):
            problems.append(f"{figure.key}: no :name: label")
        if not figure.caption:
            problems.append(f"{figure.key}: no caption")
    return sorted(set(problems))


def _nb(markdown: str, code: str = 'show(fig, "fig_a")') -> nbformat.NotebookNode:
    cells = [nbformat.v4.new_code_cell(code), nbformat.v4.new_markdown_cell(markdown)]
    return nbformat.v4.new_notebook(cells=cells)


GOOD = "```{glue:figure} fig_a\n:alt: Two bars.\n:name: fig-a\n\nThe caption.\n```\n"


def test_a_complete_figure_has_no_problem():
    assert figure_problems(_nb(GOOD)) == []
    assert glue_figures(GOOD) == [
        GlueFigure("fig_a", {"alt": "Two bars.", "name": "fig-a"}, "The caption.")
    ]


def test_colon_fences_and_multiline_show_calls_are_read():
    markdown = ":::{glue:figure} fig_a\n:alt: Bars.\n:name: fig-a\n\nCaption.\n:::\n"
    assert figure_problems(_nb(markdown, 'show(\n    draw(x),\n    "fig_a",\n)')) == []


@pytest.mark.parametrize(
    ("markdown", "problem"),
    [
        (GOOD.replace(":alt: Two bars.\n", ""), "fig_a: no alt text"),
        (GOOD.replace(":alt: Two bars.", ":alt:"), "fig_a: no alt text"),
        (GOOD.replace(":name: fig-a\n", ""), "fig_a: no :name: label"),
        (GOOD.replace("The caption.\n", ""), "fig_a: no caption"),
        (GOOD.replace("fig_a", "fig_b"), "fig_a: shown but never placed"),
        (GOOD + GOOD, "fig_a: placed more than once"),
        ("No figure here.", "fig_a: shown but never placed"),
    ],
)
def test_incomplete_figures_are_reported(markdown, problem):
    assert problem in figure_problems(_nb(markdown))


def test_a_figure_placed_but_never_shown_is_reported():
    assert figure_problems(_nb(GOOD, code="x = 1")) == ["fig_a: placed but never shown"]


def test_the_book_has_notebooks():
    assert len(NOTEBOOKS) >= 9


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_of_the_book_is_complete(path):
    assert figure_problems(nbformat.read(path, as_version=4)) == []


def test_show_keys_are_read_in_order_and_unreadable_keys_are_reported():
    code = '%matplotlib inline\nstyle.show(b, "fig_b")\nshow(a, "fig_a")\nprint(x, "fig_c")'
    assert shown_keys(code) == ["fig_b", "fig_a"]
    assert "?: shown but never placed" in figure_problems(_nb(GOOD, 'show(fig, f"fig_{x}")'))
