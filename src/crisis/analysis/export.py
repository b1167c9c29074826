"""The derived tables, computed once by ``derived_tables`` for both the book and the export.

``python -m crisis export DIR`` calls ``export_tables``; the appendix of the book calls it too,
so the downloadable tables are the ones the chapters show. Two runs on the same data write the
same bytes: rows are sorted stably, floats are written with ``FLOAT_FORMAT`` (10 significant
digits: whole numbers stay whole, 3000000 is not written 3e+06) and lines end in ``\\n``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from crisis.analysis import camps, corroboration, network, timeline
from crisis.analysis.mentions import find_mentions
from crisis.data.files import replace_if_changed

if TYPE_CHECKING:
    from crisis.data.load import Project

NAMES = ("camps", "frustrated", "centrality", "timeline", "corroboration", "mentions")
FLOAT_FORMAT = "%.10g"


def derived_tables(project: Project) -> dict[str, pd.DataFrame]:
    """camps, frustrated, centrality, timeline, corroboration and mentions, as the book shows them.

    camps: ``camps.assess(...).table`` (sorted by actor_id: camp, support, firm, unique, n_acts,
    depends_on, reason, evidence); frustrated: ``camps.frustrated_ties`` of the same assessment
    (the network chapter calls both); centrality: ``network.centrality``;
    timeline: ``timeline.timeline_table`` of the event spans (by start, event_id); corroboration:
    ``corroboration.compare_claims`` with source labels (by fact_id); mentions:
    ``crisis.analysis.mentions.find_mentions`` (by source_id, start). Keys are in ``NAMES`` order.
    """
    graph = network.build_graph(network.crisis_events(project.events), project.actors)
    spans = timeline.event_spans(project.events, list(project.sources["source_id"]))
    labels = dict(zip(project.sources["source_id"], project.sources["label"], strict=True))
    assessed = camps.assess(project.events, project.actors)
    return {
        "camps": assessed.table,
        "frustrated": camps.frustrated_ties(assessed),
        "centrality": network.centrality(graph),
        "timeline": timeline.timeline_table(spans),
        "corroboration": corroboration.compare_claims(project.claims, labels),
        "mentions": find_mentions(project),
    }


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write a table byte-stably: UTF-8, no index, ``FLOAT_FORMAT``, ``\\n`` line ends.

    Raises ValueError on a cell holding a tuple or list, which has no stable CSV form (join it
    with ``|`` first).
    """
    for column in frame.columns:
        if frame[column].map(lambda cell: isinstance(cell, tuple | list)).any():
            raise ValueError(f"column {column!r} holds lists; join them before writing {path}")
    text = frame.to_csv(index=False, lineterminator="\n", float_format=FLOAT_FORMAT)
    replace_if_changed(Path(path), text.encode("utf-8"))
    return path


def export_tables(project: Project, outdir: Path | str) -> list[Path]:
    """Write every derived table as ``<name>.csv`` into ``outdir`` (created if needed).

    Returns the written paths in ``NAMES`` order.
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    tables = derived_tables(project)
    return [write_csv(tables[name], outdir / f"{name}.csv") for name in NAMES]
