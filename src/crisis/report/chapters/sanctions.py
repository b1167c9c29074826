"""The sanctions chapter's counts with the events they count, and the frames its figures draw.

``crisis.report.chapters.thematic.sanction_matrix`` and ``sanction_counts`` count distinct
SANCTION events per sanctioning actor (and target), from the pairs ``thematic.sanction_pairs``
gives with their ``event_id``; the functions here turn those pairs into the events behind each
count, so that every count the chapter glues links to the events it counts
(``crisis.report.evidence``), and into the tidy frames behind the chapter's two figures.
"""

from __future__ import annotations

import pandas as pd

from crisis.report.evidence import ROW_COLUMNS, event_rows


def sanctions_by_actor(pairs: pd.DataFrame) -> dict[str, list[str]]:
    """Sanctioning actor -> its distinct sanction events (from ``sanction_pairs``), largest
    first, then by name: the events ``thematic.sanction_counts`` counts."""
    ids = {
        actor: list(dict.fromkeys(group["event_id"]))
        for actor, group in pairs.groupby("sanctioning actor", sort=True)
    }
    return dict(sorted(ids.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def actor_event_rows(project, by_actor: dict[str, list[str]]) -> pd.DataFrame:
    """Evidence rows (``evidence.ROW_COLUMNS``) for a count of actors: every report of each
    actor's events, its coding prefixed with the actor ("Canada: SANCTION, April 2019 ...").
    Raises ValueError when no actor is given."""
    if not by_actor:
        raise ValueError("no actor to give evidence for")
    frames = []
    for actor, ids in by_actor.items():
        rows = event_rows(project, ids)
        frames.append(rows.assign(coding=[f"{actor}: {c}" for c in rows["coding"]]))
    return pd.concat(frames, ignore_index=True)[ROW_COLUMNS]


def matrix_table(matrix: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """The sanction matrix as drawn, one row per cell in drawing order (targets top to bottom,
    actors left to right): target, sanctioning actor, the number written in the cell (0 for an
    empty cell) and the events counted there, joined with "|"."""
    events = pairs.groupby(["target", "sanctioning actor"])["event_id"].agg(
        lambda s: "|".join(sorted(set(s)))
    )
    rows = [
        {
            "target": target,
            "sanctioning actor": actor,
            "sanctions": int(matrix.loc[target, actor]),
            "event_ids": events.get((target, actor), ""),
        }
        for target in matrix.index
        for actor in matrix.columns
    ]
    return pd.DataFrame(rows, columns=["target", "sanctioning actor", "sanctions", "event_ids"])
