"""Figures of the analysis chapters that the other plot modules do not draw."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from crisis.report.style import COLUMN_WIDTH, INK

SHARED, ALONE = "Shared with another source", "Reported by it alone"


def draw_source_profile(profile: pd.DataFrame) -> plt.Figure:
    """Events per source as stacked bars: told by other sources too, or by this source alone.

    ``profile`` is ``crisis.report.chapters.sources.source_profile``: one row per source with the
    columns
    ``Source``, ``Shared with another source`` and ``Reported by it alone``.
    """
    missing = [c for c in ("Source", SHARED, ALONE) if c not in profile.columns]
    if missing:
        raise ValueError(f"profile lacks column(s): {', '.join(missing)}")
    rows = profile.iloc[::-1].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(COLUMN_WIDTH, 1.3 + 0.5 * len(rows)))
    shared, alone = rows[SHARED].to_numpy(), rows[ALONE].to_numpy()
    ax.barh(rows["Source"], shared, color="#4D4D4D", label="also reported by another source")
    ax.barh(rows["Source"], alone, left=shared, color="#BDBDBD", hatch="//",
            edgecolor="#4D4D4D", linewidth=0, label="reported by this source alone")  # fmt: skip
    for y, (s, a) in enumerate(zip(shared, alone, strict=True)):
        ax.text(s + a, y, f" {s} + {a}", va="center", fontsize=10, color=INK)
    ax.set_xlabel("events reported")
    ax.set_xlim(0, 1.15 * max(float((shared + alone).max()), 1.0))
    ax.tick_params(labelsize=10)
    ax.legend(loc="lower right", fontsize=10)
    fig.tight_layout()
    return fig


MONTHLY_COLUMNS = ["month", "month_name", "theme", "events"]


def monthly_table(counts: pd.DataFrame, year: int = 2019) -> pd.DataFrame:
    """The frame ``crisis.report.figures.timeline.draw_monthly`` draws, tidy for download: one row
    per month and theme (``MONTHLY_COLUMNS``: the month's number and short name as the axis
    shows it, the theme, the events in that segment of the bar), months in order, themes in the
    order of the columns of ``counts`` (``crisis.analysis.timeline.monthly_counts``)."""
    rows = [
        (int(month), pd.Timestamp(year, int(month), 1).strftime("%b"), str(theme),
         int(counts.loc[month, theme]))
        for month in counts.index
        for theme in counts.columns
    ]  # fmt: skip
    return pd.DataFrame.from_records(rows, columns=MONTHLY_COLUMNS)
