"""The derived tables, computed once by ``derived_tables`` for both the book and the export."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crisis import corroboration, network, timeline
from crisis.mentions import find_mentions

NAMES = ("camps", "centrality", "timeline", "corroboration", "mentions")


def derived_tables(project) -> dict[str, pd.DataFrame]:
    """camps, centrality, timeline, corroboration and mentions, as the book shows them."""
    graph = network.build_graph(project.events, project.actors)
    camps = network.compute_camps(graph)
    spans = timeline.event_spans(project.events, list(project.sources["source_id"]))
    labels = dict(zip(project.sources["source_id"], project.sources["label"], strict=True))
    return {
        "camps": camps,
        "centrality": network.centrality(graph),
        "timeline": timeline.timeline_table(spans),
        "corroboration": corroboration.compare_claims(project.claims, labels),
        "mentions": find_mentions(project),
    }


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write a table byte-stably: fixed float format and line endings, no index."""
    frame.to_csv(path, index=False, lineterminator="\n", float_format="%.6g", encoding="utf-8")
    return path


def export_tables(project, outdir: Path) -> list[Path]:
    """Write every derived table as ``<name>.csv`` into ``outdir`` (created if needed)."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    tables = derived_tables(project)
    return [write_csv(tables[name], outdir / f"{name}.csv") for name in NAMES]
