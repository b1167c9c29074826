"""Evidence and figure data of the Russia chapter: the rows behind its counts and dates, and the
tidy frames its figures draw, computed from the same frames as the values they back.
"""

from __future__ import annotations

import pandas as pd

from crisis.report.records import best_report, event_date


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
