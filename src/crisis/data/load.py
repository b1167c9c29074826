"""Loading the project's data as typed pandas DataFrames, refusing invalid data.

``load_project()`` runs the same checks as ``python -m crisis check`` and raises ``DataError``
listing every problem, so no chapter can render from broken data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from crisis.data.check import number_value, run_checks
from crisis.data.problems import DataError, Problem
from crisis.data.tables import DESCRIPTOR, Table

_LISTS = {"actors": ("aliases",), "events": ("actors", "recipients")}
_NUMBERS = {"claims": ("value", "value_max")}


@dataclass(frozen=True)
class Project:
    """The validated data of a project: one DataFrame per table and the raw source texts."""

    root: Path
    sources: pd.DataFrame
    actors: pd.DataFrame
    events: pd.DataFrame
    claims: pd.DataFrame
    waivers: pd.DataFrame
    texts: dict[str, str]
    coverage: pd.DataFrame


def find_project_root(start: Path | str | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: cwd) holding data/datapackage.json."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / DESCRIPTOR).is_file():
            return folder
    raise DataError([Problem(str(here), 0, f"no {DESCRIPTOR} here or in any parent folder")])


def to_frame(table: Table) -> pd.DataFrame:
    """A table's rows as a typed DataFrame: str cells, tuple lists, float numbers, ``row``."""
    frame = pd.DataFrame.from_records(table.rows, columns=table.fields).astype(object)
    for column in _LISTS.get(table.name, ()):
        frame[column] = [tuple(x for x in cell.split("|") if x) for cell in frame[column]]
    for column in _NUMBERS.get(table.name, ()):
        values = [number_value(cell) for cell in frame[column]]  # None for an empty cell
        frame[column] = pd.Series([math.nan if v is None else v for v in values], dtype=float)
    frame["row"] = pd.Series(table.lines, dtype="int64")
    return frame


def load_project(root: Path | str | None = None) -> Project:
    """Validate and load every table of the project at ``root`` (default: found from cwd)."""
    root = find_project_root() if root is None else Path(root)
    result = run_checks(root)
    if result.problems:
        raise DataError(result.problems)
    t = result.tables
    return Project(
        root=root,
        sources=to_frame(t["sources"]),
        actors=to_frame(t["actors"]),
        events=to_frame(t["events"]),
        claims=to_frame(t["claims"]),
        waivers=to_frame(t["coverage_waivers"]),
        texts=dict(result.texts),
        coverage=result.coverage,
    )


def load_sources(root: Path | str | None = None) -> pd.DataFrame:
    """sources.csv, validated with the whole project."""
    return load_project(root).sources


def load_actors(root: Path | str | None = None) -> pd.DataFrame:
    """actors.csv, validated with the whole project."""
    return load_project(root).actors


def load_events(root: Path | str | None = None) -> pd.DataFrame:
    """events.csv, validated with the whole project."""
    return load_project(root).events


def load_claims(root: Path | str | None = None) -> pd.DataFrame:
    """claims.csv, validated with the whole project."""
    return load_project(root).claims


def load_waivers(root: Path | str | None = None) -> pd.DataFrame:
    """coverage_waivers.csv, validated with the whole project."""
    return load_project(root).waivers
