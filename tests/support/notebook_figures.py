"""The ``{glue:figure}`` directives of the book's notebooks (shared by the notebook checks and
the browser tests)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

DIRECTIVE = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{glue:figure\}[ \t]+(?P<key>\S+)[ \t]*\n"
    r"(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
OPTION = re.compile(r"^:(?P<name>[\w-]+):[ \t]*(?P<value>.*)$")


@dataclass(frozen=True)
class GlueFigure:
    """One ``{glue:figure}`` directive: its key, options and caption."""

    key: str
    options: dict[str, str]
    caption: str


def glue_figures(markdown: str) -> list[GlueFigure]:
    """The ``{glue:figure}`` directives in a piece of MyST markdown, in order."""
    found = []
    for match in DIRECTIVE.finditer(markdown):
        lines = match["body"].splitlines()
        options = {}
        while lines and (option := OPTION.match(lines[0])):
            options[option["name"]] = option["value"].strip()
            lines.pop(0)
        found.append(GlueFigure(match["key"], options, "\n".join(lines).strip()))
    return found


def figure_labels(book: Path) -> dict[str, dict[str, str]]:
    """Page (``book/<stem>.html``) -> {figure label: glue key} for every notebook of the book."""
    found: dict[str, dict[str, str]] = {}
    for path in sorted(book.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        figures = [f for c in nb.cells if c.cell_type == "markdown" for f in glue_figures(c.source)]
        found[f"book/{path.stem}.html"] = {
            f.options["name"]: f.key for f in figures if f.options.get("name")
        }
    return found
