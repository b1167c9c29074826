"""Figures of the thematic chapters."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from crisis.style import CAMP_COLOURS, INK, PALETTE, THEME_COLOURS


def draw_event_strip(spans: pd.DataFrame, theme: str, start: str, end: str) -> plt.Figure:
    """A chapter's own timeline: one row per event between ``start`` and ``end``, labelled."""
    rows = spans[(spans["theme"] == theme) & (spans["start"] >= start) & (spans["start"] < end)]
    rows = rows.reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(10, 0.8 + 0.32 * max(len(rows), 1)))
    colour = THEME_COLOURS[theme]
    for i, row in rows.iterrows():
        if row["date_precision"] == "day":
            ax.plot([row["start"]], [i], "o", color=colour, mec=INK, mew=0.4, ms=5)
        else:
            ax.plot([row["start"], row["end"]], [i, i], color=colour, lw=5, alpha=0.5,
                    solid_capstyle="butt")  # fmt: skip
        ax.text(row["end"], i, "  " + row["event_id"].replace("_", " "), va="center", fontsize=8)
    ax.set_yticks([])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(pd.Timestamp(start), pd.Timestamp(end))
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def draw_counts(table: pd.DataFrame, xlabel: str, colour: str = PALETTE["blue"]) -> plt.Figure:
    """A horizontal bar chart of a one-column count table (largest first)."""
    ordered = table.iloc[:, 0].sort_values(kind="stable")
    fig, ax = plt.subplots(figsize=(8, 0.8 + 0.32 * len(ordered)))
    ax.barh([str(i) for i in ordered.index], ordered.to_numpy(), color=colour)
    for y, v in enumerate(ordered.to_numpy()):
        ax.text(v, y, f" {v:g}", va="center", fontsize=9)
    ax.set_xlabel(xlabel)
    fig.tight_layout()
    return fig


def draw_support(support: pd.DataFrame) -> plt.Figure:
    """One bar per state backing a side, coloured by side, length = number of sources."""
    rows = support.iloc[::-1].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(8, 0.8 + 0.35 * len(rows)))
    ax.barh(rows["state"], rows["sources"], color=[CAMP_COLOURS[s] for s in rows["side"]])
    ax.set_xlabel("sources reporting the support")
    ax.set_xticks(range(0, int(rows["sources"].max()) + 1))
    handles = [plt.Rectangle((0, 0), 1, 1, color=CAMP_COLOURS[s]) for s in ("maduro", "guaido")]
    ax.legend(handles, ["backs Maduro", "backs Guaidó"], loc="lower right")
    fig.tight_layout()
    return fig
