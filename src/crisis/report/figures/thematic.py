"""Figures of the thematic chapters (background, military, Russia, sanctions).

Each function takes a frame shaped by ``crisis.report.chapters.thematic`` and
``crisis.report.records`` (or ``crisis.analysis.timeline.event_spans``),
returns a new matplotlib Figure and raises ValueError on input it cannot draw honestly (nothing
to draw, a side with no colour, a log scale over a non-positive value). Figures are at most
``COLUMN_WIDTH`` wide with text at 10 pt or more, so that they show at their natural size on a
desktop and stay legible on a phone. The chapter timeline is in ``chapter_timeline``.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import blended_transform_factory

from crisis.report.figures.chapter_timeline import (  # noqa: F401 (re-exported)
    draw_theme_timeline,
    year_segments,
)
from crisis.report.style import CAMP_COLOURS, COLUMN_WIDTH, INK, format_number, source_markers

CAMP_LABELS: dict[str, str] = {
    "maduro": "Maduro's camp",
    "guaido": "Guaidó's camp",
    "none": "neither camp, or context",
}
SIDE_LABELS: dict[str, str] = {"maduro": "backs Maduro", "guaido": "backs Guaidó"}
# How a report compares with the others is drawn in ink and pattern, not colour (colours are
# the camps' and the themes'): a plain framed cell, a hatched one, a dotted one, a blank grey one.
STATUS_STYLES: dict[str, dict[str, str]] = {
    "the commonest form": {"facecolor": "white", "edgecolor": INK, "hatch": ""},
    "stated differently": {"facecolor": "white", "edgecolor": INK, "hatch": "///"},
    "only source": {"facecolor": "white", "edgecolor": INK, "hatch": ".."},
    "not stated": {"facecolor": "#EFEFEF", "edgecolor": "#EFEFEF", "hatch": ""},
}
WIDTH = COLUMN_WIDTH
FONT_PT = 10.0


def wrap_label(text: str, width: int = 48, lines: int = 2) -> str:
    """Wrap ``text`` to at most ``lines`` lines of ``width`` characters, ending with '…' if cut.

    Raises ValueError for a width below 10 or fewer than one line.
    """
    if width < 10 or lines < 1:
        raise ValueError(f"cannot wrap to {lines} line(s) of {width} characters")
    wrapped = textwrap.wrap(" ".join(str(text).split()), width)
    if len(wrapped) > lines:
        last = textwrap.shorten(" ".join(wrapped[lines - 1 :]), width - 1, placeholder="")
        wrapped = [*wrapped[: lines - 1], last.rstrip(" ,;:.") + "…"]
    return "\n".join(wrapped)


def camp_colours(
    camps: dict[str, str], context: set[str] | frozenset[str] = frozenset()
) -> tuple[dict[str, str], dict[str, str]]:
    """From event_id -> camp (``crisis.report.records.acting_camps``): event_id -> the camp's
    colour, and a legend (label -> colour) of the camps present, in the order Maduro, Guaidó,
    neither.

    Events in ``context`` (scope ``context``: not acts of the crisis) are drawn in the no-camp
    grey whatever their actors' camp, so that a measure about Iran is not shown as an act of a
    camp. Raises ValueError for a camp without a colour.
    """
    unknown = sorted(set(camps.values()) - set(CAMP_COLOURS))
    if unknown:
        raise ValueError(f"camps without a colour: {', '.join(unknown)}")
    shown = {e: ("none" if e in context else camp) for e, camp in camps.items()}
    colours = {event_id: CAMP_COLOURS[camp] for event_id, camp in shown.items()}
    present = set(shown.values())
    legend = {CAMP_LABELS[c]: CAMP_COLOURS[c] for c in CAMP_LABELS if c in present}
    return colours, legend


def draw_sanction_matrix(matrix: pd.DataFrame) -> Figure:
    """Targets (rows) × sanctioning actors (columns) from
    ``crisis.report.chapters.thematic.sanction_matrix``.

    A cell holds the number of distinct SANCTION events; an empty cell means none. Labels are
    horizontal and wrapped, text at 10 pt, the figure at most ``COLUMN_WIDTH`` wide.
    """
    if matrix.empty or int(matrix.to_numpy().sum()) == 0:
        raise ValueError("no sanctions to draw")
    values = matrix.to_numpy(float)
    n_rows, n_cols = matrix.shape
    fig, ax = plt.subplots(figsize=(min(WIDTH, 2.4 + 0.85 * n_cols), 1.5 + 0.42 * n_rows))
    shown = np.where(values > 0, values, np.nan)
    ax.imshow(shown, cmap="Greys", vmin=0, vmax=values.max() * 1.25, aspect="auto")
    for (i, j), v in np.ndenumerate(values):
        if v > 0:  # a framed cell: even the palest grey stands out 3:1 from the white page
            ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, edgecolor="#595959",
                                       lw=0.8))  # fmt: skip
            ax.text(j, i, f"{v:.0f}", ha="center", va="center", fontsize=FONT_PT + 1,
                    color="white" if v > 0.6 * values.max() else INK)  # fmt: skip
    ax.set_xticks(range(n_cols), [wrap_label(c, 11, 3) for c in matrix.columns],
                  fontsize=FONT_PT)  # fmt: skip
    ax.xaxis.tick_top()
    ax.set_yticks(range(n_rows), [wrap_label(r, 24, 2) for r in matrix.index], fontsize=FONT_PT)
    ax.set_xticks(np.arange(n_cols + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(n_rows + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="#DDDDDD", lw=0.6)
    ax.tick_params(which="both", length=0)
    ax.set_xlabel("Imposed by", fontsize=FONT_PT + 1)
    ax.xaxis.set_label_position("top")
    ax.set_ylabel("Imposed on", fontsize=FONT_PT + 1)
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.tight_layout()
    return fig


def draw_force_sizes(sizes: pd.DataFrame, source_ids: list[str]) -> Figure:
    """Reported sizes of foreign forces on one logarithmic axis, one row per report.

    ``sizes`` is ``crisis.report.chapters.thematic.force_sizes`` (optionally with
    ``worded_sizes`` rows appended): reports are grouped by fact, a bold heading per fact. Each
    source has its own marker shape (``crisis.report.style.source_markers``), never its own
    colour. A marker is the stated value (a hedge such as "about" is written beside it, not
    drawn) and a line the stated range; a size given only in words (``value`` NaN) is a line
    over the span the words allow, without a marker. Ticks read 10, 100, 1,000.
    """
    if sizes.empty:
        raise ValueError("no reported sizes to draw")
    if (sizes["low"] <= 0).any():
        raise ValueError("a logarithmic axis cannot show a value of zero or less")
    markers = source_markers(source_ids)
    missing = sorted(set(sizes["source_id"]) - set(markers))
    if missing:
        raise ValueError(f"sources not listed: {', '.join(missing)}")
    facts = list(dict.fromkeys(sizes["fact_id"]))
    y, positions, headings = 0.0, {}, []
    for fact in facts:
        headings.append((y, fact))
        y += 1.0
        for index in sizes.index[sizes["fact_id"] == fact]:
            positions[index] = y
            y += 1.0
        y += 0.4
    fig, ax = plt.subplots(figsize=(WIDTH, 0.9 + 0.3 * y))
    for index, row in sizes.iterrows():
        pos = positions[index]
        ax.plot([row["low"], row["high"]], [pos, pos], color=INK, lw=2.0, solid_capstyle="butt")
        if pd.notna(row["value"]):
            ax.plot([row["value"]], [pos], markers[row["source_id"]], color="white", mec=INK,
                    mew=1.4, ms=8)  # fmt: skip
        ax.text(row["high"] * 1.25, pos, f"{row['source']}: {row['display']}", va="center",
                fontsize=FONT_PT)  # fmt: skip
    subjects = dict(zip(sizes["fact_id"], sizes["subject"], strict=False))
    trans = blended_transform_factory(ax.transAxes, ax.transData)
    for pos, fact in headings:
        ax.text(0, pos, wrap_label(subjects[fact], 80, 1), transform=trans, fontsize=FONT_PT,
                fontweight="bold", va="center")  # fmt: skip
    ax.set_xscale("log")
    floor = 10.0 ** np.floor(np.log10(max(sizes["low"].min() / 2, 1)))
    ax.set_xlim(floor, sizes["high"].max() * 8)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: format_number(v)))
    ax.xaxis.set_minor_formatter(plt.NullFormatter())
    ax.tick_params(axis="x", labelsize=FONT_PT)
    ax.set_ylim(y - 0.2, -0.8)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color="#EEEEEE", lw=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel("number reported (logarithmic scale)", fontsize=FONT_PT)
    fig.tight_layout()
    return fig


def draw_report_grid(grid: pd.DataFrame, status: pd.DataFrame) -> Figure:
    """Sources × facts side by side: each cell the value as that source states it, shaded by how
    it compares with the other sources (``crisis.report.chapters.thematic.report_grid`` and
    ``report_status_grid``)."""
    if grid.empty:
        raise ValueError("no reports to draw")
    if grid.shape != status.shape or list(grid.index) != list(status.index):
        raise ValueError("the value grid and the status grid do not match")
    unknown = sorted(set(status.to_numpy().ravel()) - set(STATUS_STYLES))
    if unknown:
        raise ValueError(f"unknown status: {', '.join(unknown)}")
    n_rows, n_cols = grid.shape
    fig, ax = plt.subplots(figsize=(min(WIDTH, 1.8 + 1.9 * n_cols), 1.7 + 0.5 * n_rows))
    for (i, j), text in np.ndenumerate(grid.to_numpy()):
        state = status.iat[i, j]
        style = STATUS_STYLES[state]
        ax.add_patch(plt.Rectangle((j - 0.48, i - 0.44), 0.96, 0.88, lw=1.0, **style))
        ax.text(j, i, wrap_label(str(text), 18, 2), ha="center", va="center", fontsize=FONT_PT,
                color="#595959" if state == "not stated" else INK,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})  # fmt: skip
    ax.set_xlim(-0.5, n_cols - 0.5)
    ax.set_ylim(n_rows - 0.5, -0.5)
    ax.set_xticks(range(n_cols), [wrap_label(c, 20, 3) for c in grid.columns], fontsize=FONT_PT)
    ax.xaxis.tick_top()
    ax.set_yticks(range(n_rows), list(grid.index), fontsize=FONT_PT)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    present = [s for s in STATUS_STYLES if s in set(status.to_numpy().ravel())]
    handles = [Patch(label=s, lw=1.0, **STATUS_STYLES[s]) for s in present]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), ncol=2,
              fontsize=FONT_PT)  # fmt: skip
    fig.tight_layout()
    return fig


def draw_actor_stances(
    stances: pd.DataFrame, source_ids: list[str], labels: dict[str, str]
) -> Figure:
    """Who backs whom, source by source (``crisis.report.chapters.thematic.stance_matrix``).

    One row per (actor, side), one column per source: a dot in the side's camp colour where the
    source reports the backing, a faint ring where it does not; the last column is the number of
    sources naming the backing.
    """
    if stances.empty:
        raise ValueError("no stances to draw")
    unknown = sorted(set(stances["side"]) - set(SIDE_LABELS))
    if unknown:
        raise ValueError(f"sides without a colour: {', '.join(unknown)}")
    fig, ax = plt.subplots(figsize=(min(WIDTH, 2.8 + 0.95 * (len(source_ids) + 1)),
                                    1.6 + 0.36 * len(stances)))  # fmt: skip
    for i, row in stances.reset_index(drop=True).iterrows():
        for j, source in enumerate(source_ids):
            if row[source]:
                ax.plot(j, i, "o", ms=11, color=CAMP_COLOURS[row["side"]], mec=INK, mew=0.4)
            else:
                ax.plot(j, i, "o", ms=11, mfc="none", mec="#8C8C8C", mew=0.8)
        total = int(sum(bool(row[s]) for s in source_ids))
        ax.text(len(source_ids), i, str(total), ha="center", va="center", fontsize=FONT_PT)
    sides = list(stances["side"])
    for i in range(1, len(sides)):
        if sides[i] != sides[i - 1]:
            ax.axhline(i - 0.5, color="#999999", lw=0.8)
    names = [wrap_label(labels.get(s, s), 13, 2) for s in source_ids] + ["sources\nnaming it"]
    ax.set_xticks(range(len(source_ids) + 1), names, fontsize=FONT_PT)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(stances)), list(stances["name"]), fontsize=FONT_PT)
    ax.set_xlim(-0.6, len(source_ids) + 0.5)
    ax.set_ylim(len(stances) - 0.5, -0.5)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    present = list(dict.fromkeys(sides))
    handles = [Line2D([], [], marker="o", ls="", ms=10, color=CAMP_COLOURS[s], mec=INK,
                      mew=0.4, label=SIDE_LABELS[s]) for s in present]  # fmt: skip
    handles.append(Line2D([], [], marker="o", ls="", ms=10, mfc="none", mec="#8C8C8C",
                          label="not named by this source"))  # fmt: skip
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), ncol=3,
              fontsize=FONT_PT, handletextpad=0.3)  # fmt: skip
    fig.tight_layout()
    return fig
