"""Drawing how the sources compare."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from crisis.report.style import COLUMN_WIDTH, INK, source_colours


def draw_heatmap(
    table: pd.DataFrame,
    *,
    fmt: str = "{:.0f}",
    cmap: str = "Greys",
    xlabel: str = "",
    ylabel: str = "",
    zero: str | None = None,
) -> plt.Figure:
    """A labelled heatmap of a numeric table, with each cell's value written in it (``fmt``;
    a zero cell shows ``zero`` instead when given, e.g. "–").

    Rows and columns keep the table's order; the colour scale starts at 0 and is grey (colour
    carries other meanings in the book). Column labels are wrapped, not rotated. At most
    ``COLUMN_WIDTH`` wide. Raises ValueError on an empty table or on negative or missing values.
    """
    if table.empty:
        raise ValueError("nothing to draw: the table is empty")
    cells = table.to_numpy(float)
    if np.isnan(cells).any() or (cells < 0).any():
        raise ValueError("a heatmap needs non-negative values in every cell")
    width = min(COLUMN_WIDTH, 2.4 + 1.0 * table.shape[1])
    fig, ax = plt.subplots(figsize=(width, 1.2 + 0.42 * table.shape[0]))
    values = cells
    ax.imshow(values, cmap=cmap, aspect="auto", vmin=0, vmax=max(values.max(), 1e-9) * 1.15)
    top = values.max() if values.size else 0
    for (i, j), v in np.ndenumerate(values):
        text = zero if zero is not None and v == 0 else fmt.format(v)
        ax.text(j, i, text, ha="center", va="center", fontsize=10,
                color="white" if top and v > 0.55 * top else INK)  # fmt: skip
    columns = [textwrap.fill(str(c), 12, break_long_words=False) for c in table.columns]
    ax.set_xticks(range(table.shape[1]), columns, fontsize=10)
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    ax.set_yticks(range(table.shape[0]), [str(i) for i in table.index], fontsize=10)
    ax.tick_params(length=0)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.tight_layout()
    return fig


def heatmap_frame(table: pd.DataFrame, row: str, column: str, value: str) -> pd.DataFrame:
    """The cells ``draw_heatmap`` draws as a tidy frame: one row per cell, in the drawing's order
    (row by row, columns left to right), with the columns ``row``, ``column`` and ``value``."""
    return pd.DataFrame(
        [
            {row: str(r), column: str(c), value: table.iloc[i, j].item()}
            for i, r in enumerate(table.index)
            for j, c in enumerate(table.columns)
        ],
        columns=[row, column, value],
    )


def draw_claims(long: pd.DataFrame, facts: list[str], source_ids: list[str]) -> plt.Figure:
    """Each fact's reported values by source, hedged intervals as whiskers, scaled per fact.

    ``long`` is ``crisis.analysis.corroboration.claim_table``; one panel per fact in ``facts``, one
    row
    per report with a marker at the value and a line over its interval, coloured by source.
    Raises ValueError when there are no facts, a fact has no reports, or a report comes from a
    source not in ``source_ids``.
    """
    if not facts:
        raise ValueError("no facts to draw")
    absent = [f for f in facts if not (long["fact_id"] == f).any()]
    if absent:
        raise ValueError(f"no reports of fact(s): {', '.join(absent)}")
    chosen = long[long["fact_id"].isin(facts)]
    strangers = sorted(set(chosen["source_id"]) - set(source_ids))
    if strangers:
        raise ValueError(f"reports from sources not in the list: {', '.join(strangers)}")
    colours = source_colours(source_ids)
    fig, axes = plt.subplots(len(facts), 1, figsize=(9, 0.5 + 1.25 * len(facts)), squeeze=False)
    for ax, fact in zip(axes[:, 0], facts, strict=True):
        rows = long[long["fact_id"] == fact]
        for k, row in enumerate(rows.itertuples()):
            y = k
            ax.plot([row.low, row.high], [y, y], color=colours[row.source_id], lw=2)
            ax.plot([row.value], [y], "o", color=colours[row.source_id], mec=INK, mew=0.4)
            ax.text(row.high, y, f"  {row.source}: {row.display}", va="center", fontsize=8)
        lo, hi = rows["low"].min(), rows["high"].max()
        pad = max((hi - lo) * 0.15, hi * 0.06, 1e-9)
        ax.set_xlim(lo - pad, hi + 3.5 * pad)
        ax.set_ylim(-0.7, len(rows) - 0.3)
        ax.set_yticks([])
        ax.set_title(f"{rows['subject'].iloc[0]} ({rows['unit'].iloc[0]})", fontsize=10, loc="left")
    fig.tight_layout()
    return fig
