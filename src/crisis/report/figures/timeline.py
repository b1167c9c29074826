"""Drawing the timeline at each event's true precision."""

from __future__ import annotations

import matplotlib.patheffects as pe
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from crisis.analysis.timeline import CompressedAxis, pack_rows
from crisis.report.style import COLUMN_WIDTH, INK, THEME_COLOURS

_POINT_WIDTH = 0.16  # axis units a day marker takes, so that markers in one row never touch


def _pack(x0: list[float], x1: list[float]) -> list[int]:
    """Rows for intervals in x so that two in one row are at least ``_POINT_WIDTH`` apart."""
    frame = pd.DataFrame({"start": x0, "end": [b + _POINT_WIDTH for b in x1]})
    return pack_rows(frame)


def _break_mark(ax, x: float, height_in: float) -> None:
    """A '//' on the x axis where the scale changes (about a tenth of an inch tall)."""
    dy = 0.05 / height_in
    for dx in (-0.05, 0.05):
        ax.plot([x + dx - 0.04, x + dx + 0.04], [-dy, dy], transform=ax.get_xaxis_transform(),
                color=INK, lw=1.1, clip_on=False, gid="axis-break")  # fmt: skip


def _merge_labels(items: list[tuple[float, int]], gap: float = 0.4) -> list[tuple[float, int]]:
    """Year counts (x, count) whose labels would touch, merged into one label with their sum."""
    merged: list[list[float]] = []
    for x, count in items:
        if merged and x - merged[-1][2] < gap:
            merged[-1][1] += count
            merged[-1][2] = x
        else:
            merged.append([x, count, x])
    return [((first + last) / 2, int(count)) for first, count, last in merged]


def draw_timeline(spans: pd.DataFrame, axis: CompressedAxis, themes: list[str]) -> plt.Figure:
    """One lane per theme: day-precise events as points, month-precise ones as bars over the
    month, and the events dated only to a year as one bar per lane and year with their count.

    A point or month bar is filled when the source states its date and hollow when the date is
    inferred or borrowed (``date_basis`` of the dating report). Within a lane, points and month
    bars are packed into rows that never overlap on the page; year counts sit on the lane's top
    row. The axis is ``axis`` (piecewise linear); each change of scale is marked '//' on the x
    axis. ``COLUMN_WIDTH`` wide. Raises ValueError on an event whose theme is not in ``themes``.
    """
    unknown = sorted(set(spans["theme"]) - set(themes))
    if unknown:
        raise ValueError(f"themes without a lane: {', '.join(map(str, unknown))}")
    lanes = {}
    for theme in themes:
        rows = spans[spans["theme"] == theme]
        placed = rows[rows["date_precision"] != "year"].reset_index(drop=True)
        x0 = [float(v) for v in axis(placed["start"])] if len(placed) else []
        x1 = [float(v) for v in axis(placed["end"])] if len(placed) else []
        years = rows.loc[rows["date_precision"] == "year", "start"].dt.year.value_counts()
        lanes[theme] = (placed, x0, x1, _pack(x0, x1), years.sort_index())
    heights = {t: max(lanes[t][3], default=-1) + 1 + (len(lanes[t][4]) > 0) for t in themes}
    total = sum(max(h, 1) for h in heights.values()) + len(themes)
    fig, ax = plt.subplots(figsize=(COLUMN_WIDTH, 1.9 + 0.17 * total))
    top, centres = 0.0, []
    for theme in themes:
        colour = THEME_COLOURS[theme]
        placed, x0, x1, packed, years = lanes[theme]
        offset = 0
        if len(years):
            labels = []
            for year, count in years.items():
                a = float(axis(pd.Timestamp(f"{year}-01-01"))[0])
                b = float(axis(pd.Timestamp(f"{year + 1}-01-01"))[0])
                # a pale band (it must not outweigh the dated events) inside a full-colour
                # border, so the band still stands out 3:1 from the white background
                ax.plot([a, b], [top, top], color=colour, lw=9, alpha=0.22, solid_capstyle="butt",
                        gid="year-count", path_effects=band_edge(colour))  # fmt: skip
                labels.append(((a + b) / 2, int(count)))
            for x, count in _merge_labels(labels):
                ax.text(x, top, str(count), ha="center", va="center", fontsize=10, color=INK)
            offset = 1
        for row, a, b, sub in zip(placed.itertuples(), x0, x1, packed, strict=True):
            y = top + offset + sub
            own = row.date_basis == "stated"
            if row.date_precision == "day":
                ax.plot([a], [y], "o", ms=6, mfc=colour if own else "white", mec=colour,
                        mew=1.4, gid="day")  # fmt: skip
            else:
                b = max(b, a + 0.08)  # a month in a compressed stretch stays visible
                ax.plot([a, b], [y, y], color=colour, lw=5, solid_capstyle="butt", gid="month")
                if not own:
                    ax.plot([a, b], [y, y], color="white", lw=2.2, solid_capstyle="butt")
        height = max(heights[theme], 1)
        centres.append(top + (height - 1) / 2)
        top += height + 1
        ax.axhline(top - 1, color="#DDDDDD", lw=0.6)
    fig.tight_layout()
    height_in = ax.get_position().height * fig.get_size_inches()[1]
    for x in axis(pd.Series(axis.breaks[1:-1])):
        _break_mark(ax, float(x), height_in)
    ticks, labels = axis.ticks()
    ax.set_xticks(ticks, labels, fontsize=10)
    ax.set_yticks(centres, [t.capitalize() for t in themes], fontsize=10)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(top - 0.5, -1)
    ax.set_xlim(0, float(sum(axis.widths)))
    handles = [
        Line2D([], [], ls="", marker="o", ms=6, mfc=INK, mec=INK, label="day, stated"),
        Line2D(
            [],
            [],
            ls="",
            marker="o",
            ms=6,
            mfc="white",
            mec=INK,
            mew=1.4,
            label="day, inferred or borrowed",
        ),  # fmt: skip
        Line2D([], [], color=INK, lw=5, label="month it falls in (hollow: inferred or borrowed)"),
        Line2D(
            [],
            [],
            color=INK,
            lw=9,
            alpha=0.22,
            label="number of events dated only to a year",
            path_effects=band_edge(INK),
        ),
        Line2D([], [], ls="", marker="$//$", ms=10, color=INK, label="the axis changes scale"),
    ]
    ax.legend(handles=handles, loc="upper left", fontsize=10, ncol=2, bbox_to_anchor=(-0.2, -0.08),
              handlelength=2.2, columnspacing=1.2)  # fmt: skip
    fig.tight_layout()
    return fig


def band_edge(colour: str) -> list:
    """Path effects that frame a thick, pale line with a 1-pt border in ``colour``."""
    return [
        pe.Stroke(linewidth=11, foreground=colour, capstyle="butt"),
        pe.Stroke(linewidth=9, foreground="white", capstyle="butt"),
        pe.Normal(),
    ]


def draw_monthly(counts: pd.DataFrame, height: float = 2.4) -> plt.Figure:
    """Stacked bars of events per month (the index, 1..12) and theme (the columns, in order),
    as ``crisis.analysis.timeline.monthly_counts`` gives them, ``height`` inches tall. Raises
    ValueError on a month outside 1..12 or a theme without a colour."""
    months_ok = all(isinstance(m, int | np.integer) and 1 <= m <= 12 for m in counts.index)
    if not months_ok:
        raise ValueError("the index must be months 1..12")
    colourless = sorted(set(counts.columns) - set(THEME_COLOURS))
    if colourless:
        raise ValueError(f"no colour for theme(s): {', '.join(map(str, colourless))}")
    fig, ax = plt.subplots(figsize=(COLUMN_WIDTH, height))
    bottom = np.zeros(len(counts))
    months = [pd.Timestamp(2019, m, 1).strftime("%b") for m in counts.index]
    for theme in counts.columns:
        ax.bar(months, counts[theme], bottom=bottom, color=THEME_COLOURS[theme],
               label=theme.capitalize(), edgecolor="white", linewidth=0.5)  # fmt: skip
        bottom += counts[theme].to_numpy()
    for x, total in enumerate(bottom):
        ax.text(x, total, f"{int(total)}", ha="center", va="bottom", fontsize=10, color=INK)
    ax.set_ylabel("events")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
    ax.set_ylim(0, max(float(bottom.max()), 1.0) * 1.25)
    ax.legend(ncol=2, fontsize=10, loc="upper right")
    fig.tight_layout()
    return fig
