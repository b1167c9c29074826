"""Drawing the timeline at each event's true precision."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from crisis.analysis.timeline import CompressedAxis, pack_rows
from crisis.report.style import COLUMN_WIDTH, INK, THEME_COLOURS


def draw_timeline(spans: pd.DataFrame, axis: CompressedAxis, themes: list[str]) -> plt.Figure:
    """One lane per theme: day-precise events as points, month/year spans as bars.

    ``spans`` is ``crisis.analysis.timeline.event_spans``; ``axis`` maps dates to x. Lanes follow
    ``themes``; within a lane, events are packed into sub-rows so that no two overlap. Raises
    ValueError on an event whose theme is not in ``themes`` (it would not be drawn).
    """
    unknown = sorted(set(spans["theme"]) - set(themes))
    if unknown:
        raise ValueError(f"themes without a lane: {', '.join(map(str, unknown))}")
    lanes = {t: spans[spans["theme"] == t].reset_index(drop=True) for t in themes}
    packed = {t: pack_rows(rows) for t, rows in lanes.items()}
    heights = {t: max(packed[t], default=0) + 1 for t in themes}
    fig, ax = plt.subplots(figsize=(11, 1.5 + 0.16 * sum(heights.values())))
    top, centres = 0.0, []
    for theme in themes:
        colour = THEME_COLOURS[theme]
        for row, sub in zip(lanes[theme].itertuples(), packed[theme], strict=True):
            y = top + sub
            if row.date_precision == "day":
                ax.plot(axis(row.start), [y], "o", color=colour, ms=5, mec=INK, mew=0.4)
            else:
                x0, x1 = axis(row.start)[0], axis(row.end)[0]
                ax.plot([x0, x1], [y, y], color=colour, lw=4, alpha=0.55, solid_capstyle="butt")
        centres.append(top + (heights[theme] - 1) / 2)
        top += heights[theme] + 1
        ax.axhline(top - 1, color="#DDDDDD", lw=0.6)
    for x in axis(pd.Series(axis.breaks[1:-1])):
        ax.axvline(x, color="#999999", lw=0.6, ls=":")
    ticks, labels = axis.ticks()
    ax.set_xticks(ticks, labels)
    ax.set_yticks(centres, [t.capitalize() for t in themes])
    ax.set_ylim(top - 0.5, -1)
    ax.set_xlim(0, float(sum(axis.widths)))
    ax.plot([], [], "o", color=INK, label="day-precise event")
    ax.plot([], [], color=INK, lw=4, alpha=0.55, label="month or year: the span it may fall in")
    ax.legend(loc="upper left", fontsize=9, ncol=2, bbox_to_anchor=(0, -0.06))
    fig.tight_layout()
    return fig


def draw_monthly(counts: pd.DataFrame) -> plt.Figure:
    """Stacked bars of events per month (the index, 1..12) and theme (the columns, in order),
    as ``crisis.analysis.timeline.monthly_counts`` gives them. Raises ValueError on a month outside
    1..12
    or a theme without a colour."""
    months_ok = all(isinstance(m, int | np.integer) and 1 <= m <= 12 for m in counts.index)
    if not months_ok:
        raise ValueError("the index must be months 1..12")
    colourless = sorted(set(counts.columns) - set(THEME_COLOURS))
    if colourless:
        raise ValueError(f"no colour for theme(s): {', '.join(map(str, colourless))}")
    fig, ax = plt.subplots(figsize=(COLUMN_WIDTH, 3.4))
    bottom = np.zeros(len(counts))
    months = [pd.Timestamp(2019, m, 1).strftime("%b") for m in counts.index]
    for theme in counts.columns:
        ax.bar(months, counts[theme], bottom=bottom, color=THEME_COLOURS[theme],
               label=theme.capitalize(), edgecolor="white", linewidth=0.5)  # fmt: skip
        bottom += counts[theme].to_numpy()
    for x, total in enumerate(bottom):
        ax.text(x, total, f"{int(total)}", ha="center", va="bottom", fontsize=10, color=INK)
    ax.set_ylabel("events")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max(float(bottom.max()), 1.0) * 1.25)
    ax.legend(ncol=2, fontsize=10, loc="upper right")
    fig.tight_layout()
    return fig
