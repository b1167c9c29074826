"""Evidence and figure data of the Russia chapter: the rows behind its counts and dates, and the
tidy frames its figures draw, computed from the same frames as the values they back.
"""

from __future__ import annotations

import pandas as pd

from crisis.analysis.timeline import timeline_table
from crisis.report.evidence import ROW_COLUMNS, event_rows
from crisis.report.records import best_report, event_date


def title_rows(sources: pd.DataFrame) -> pd.DataFrame:
    """One evidence row per source of ``sources`` (rows of sources.csv): its title, which opens
    its text, as the quote; the coding says what kind of source it is."""
    return pd.DataFrame(
        {
            "source_id": sources["source_id"].to_numpy(),
            "quote": sources["title"].to_numpy(),
            "coding": [f"{kind} article, its title" if kind == "news" else f"{kind}, its title"
                       for kind in sources["kind"]],
        },
        columns=ROW_COLUMNS,
    )  # fmt: skip


def report_rows(project, reports: pd.DataFrame) -> pd.DataFrame:
    """The evidence rows of exactly the given reports (rows of ``project.events``, a subset
    keeping its index), in their order: not every report of their events, only these.

    Raises KeyError for a row that is not one of ``project.events``.
    """
    unknown = [i for i in reports.index if i not in project.events.index]
    if unknown or reports.empty:
        raise KeyError(f"not reports of data/events.csv: {unknown or 'none given'}")
    ids = list(dict.fromkeys(reports["event_id"]))
    rows = event_rows(project, ids)
    # event_rows keeps the events.csv order of the reports of these events
    rows.index = project.events.index[project.events["event_id"].isin(set(ids))]
    return rows.loc[reports.index].reset_index(drop=True)


def dated(project, event_id: str) -> tuple[str, str]:
    """An event's date label (``records.event_date``) and the source of the report it is read
    from (``records.best_report``), for ``Ledger.event``."""
    return event_date(project, event_id), str(best_report(project, event_id)["source_id"])


def grid_table(grid: pd.DataFrame, status: pd.DataFrame) -> pd.DataFrame:
    """The cells of a report grid (``thematic.report_grid``, ``report_status_grid``) as a tidy
    frame: one row per source and column, in the order drawn (row by row), with the text shown
    and its status. Raises ValueError when the two grids do not match."""
    if grid.shape != status.shape or list(grid.index) != list(status.index):
        raise ValueError("the value grid and the status grid do not match")
    if list(grid.columns) != list(status.columns):
        raise ValueError("the value grid and the status grid do not match")
    return pd.DataFrame(
        [
            {"source": source, "figure": column, "shown": str(grid.at[source, column]),
             "status": str(status.at[source, column])}
            for source in grid.index
            for column in grid.columns
        ],
        columns=["source", "figure", "shown", "status"],
    )  # fmt: skip


def timeline_rows(
    spans: pd.DataFrame,
    theme: str,
    *,
    window: tuple[str, str] | None = None,
    exclude: tuple[str, str] | None = None,
    colours: dict[str, str] | None = None,
    legend: dict[str, str] | None = None,
) -> pd.DataFrame:
    """The events ``chapter_timeline.draw_theme_timeline`` draws with the same arguments, top row
    first, as plain values (``analysis.timeline.timeline_table``) with the colour of each mark
    and the legend entry it stands for. Raises ValueError when no event is left, as the drawing
    does."""
    from crisis.report.figures.chapter_timeline import _rows
    from crisis.report.style import INK, THEME_COLOURS

    rows = _rows(spans, theme, window, exclude).drop(columns="_coarse")
    colour = [(colours or {}).get(e, THEME_COLOURS.get(theme, INK)) for e in rows["event_id"]]
    key = {c: label for label, c in (legend or {}).items()}
    table = timeline_table(rows.reset_index(drop=True))
    table.insert(0, "row", range(1, len(table) + 1))
    table["colour"] = colour
    table["legend"] = [key.get(c, "") for c in colour]
    return table
