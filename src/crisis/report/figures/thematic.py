"""Figures of the thematic chapters (background, military, Russia, sanctions).

Each function takes a frame shaped by ``crisis.report.chapters.thematic`` and
``crisis.report.records`` (or ``crisis.analysis.timeline.event_spans``),
returns a new matplotlib Figure and raises ValueError on input it cannot draw honestly (nothing
to draw, a side with no colour, a log scale over a non-positive value). Figures are at most
9 inches wide, so that on a phone they shrink less and stay legible.
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

from crisis.analysis.timeline import CompressedAxis
from crisis.report.style import CAMP_COLOURS, INK, THEME_COLOURS, source_colours

CAMP_LABELS: dict[str, str] = {
    "maduro": "Maduro's camp",
    "guaido": "Guaidó's camp",
    "none": "neither camp",
}
SIDE_LABELS: dict[str, str] = {"maduro": "backs Maduro", "guaido": "backs Guaidó"}
STATUS_COLOURS: dict[str, str] = {
    "as most sources": "#BFE3D6",
    "stated differently": "#F7D9A6",
    "only source": "#CFE3F2",
    "not stated": "#EFEFEF",
}
WIDTH = 8.0


NOT_STATED_LABEL = "date not stated (inferred or borrowed)"


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


def camp_colours(camps: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """From event_id -> camp (``crisis.report.records.acting_camps``): event_id -> the camp's
    colour, and
    a legend (label -> colour) of the camps present, in the order Maduro, Guaidó, neither.

    Raises ValueError for a camp without a colour.
    """
    unknown = sorted(set(camps.values()) - set(CAMP_COLOURS))
    if unknown:
        raise ValueError(f"camps without a colour: {', '.join(unknown)}")
    colours = {event_id: CAMP_COLOURS[camp] for event_id, camp in camps.items()}
    present = set(camps.values())
    legend = {CAMP_LABELS[c]: CAMP_COLOURS[c] for c in CAMP_LABELS if c in present}
    return colours, legend


def year_segments(spans: pd.DataFrame) -> list[tuple[int, int, int]]:
    """The years the events cover, as segments (first year, year after the last, events).

    Each year in which an event starts is a segment of its own; a run of years in which none
    starts becomes one segment with 0 events. Raises ValueError when there are no events.
    """
    if spans.empty:
        raise ValueError("no events to place on an axis")
    starts = spans["start"].dt.year.value_counts().to_dict()
    first = int(spans["start"].min().year)
    last = int((spans["end"].max() - pd.Timedelta(days=1)).year)
    segments, year = [], first
    while year <= last:
        if starts.get(year, 0):
            segments.append((year, year + 1, int(starts[year])))
            year += 1
        else:
            end = year
            while end <= last and not starts.get(end, 0):
                end += 1
            segments.append((year, end, 0))
            year = end
    return segments


def _years_axis(spans: pd.DataFrame) -> tuple[CompressedAxis, list, list, list]:
    """A piecewise-linear axis giving each year with events 1 + sqrt(events) units of width and
    each run of empty years a narrow gap; returns the axis, tick positions and labels, and the
    (x0, x1) of the gaps. A year taking a quarter of the axis gets a July tick; one taking nearly
    half of it gets April, July and October ticks."""
    segments = year_segments(spans)
    widths = [1 + n**0.5 if n else 0.3 for _, _, n in segments]
    breaks = [pd.Timestamp(f"{segments[0][0]}-01-01")]
    breaks += [pd.Timestamp(f"{end}-01-01") for _, end, _ in segments]
    axis = CompressedAxis(tuple(breaks), tuple(widths))
    total = sum(widths)
    ticks, labels, gaps = [], [], []
    for (start, _end, n), width in zip(segments, widths, strict=True):
        x0 = float(axis(pd.Timestamp(f"{start}-01-01"))[0])
        if not n:
            gaps.append((x0, x0 + width))
            continue
        ticks.append(x0)
        labels.append(str(start))
        share = width / total
        months = (4, 7, 10) if share >= 0.44 else (7,) if share >= 0.25 else ()
        if months:
            for month in months:
                quarter = pd.Timestamp(f"{start}-{month:02d}-01")
                ticks.append(float(axis(quarter)[0]))
                labels.append(f"{quarter:%b}")
    ticks.append(total)
    labels.append(str(segments[-1][1]))
    return axis, ticks, labels, gaps


def _window_axis(start: pd.Timestamp, end: pd.Timestamp) -> tuple[CompressedAxis, list, list]:
    """A linear axis over [start, end) with a tick on the 1st, 8th, 15th, 22nd and 29th."""
    axis = CompressedAxis((start, end), (1.0,))
    days = pd.date_range(start, end - pd.Timedelta(days=1), freq="D")
    ticks = [d for d in days if d.day in (1, 8, 15, 22, 29)]
    labels = [f"{d.day} {d:%b}" for d in ticks]
    return axis, [float(axis(d)[0]) for d in ticks], labels


def draw_theme_timeline(
    spans: pd.DataFrame,
    theme: str,
    *,
    window: tuple[str, str] | None = None,
    exclude: tuple[str, str] | None = None,
    colours: dict[str, str] | None = None,
    legend: dict[str, str] | None = None,
    label_width: int = 44,
) -> Figure:
    """A chapter's own timeline: one row per event of ``theme``, labelled with its summary.

    Each event sits at its true precision: a point for a day, a bar over the month or year it may
    fall in; filled when the source states the date, hollow when it is inferred from the text's
    own anchors or borrowed from another source. Without
    ``window``, each year with events gets a width growing with its number of events and runs of
    empty years shrink to a shaded gap; with ``window=(start, end)`` only the events lying wholly
    inside it are drawn, on a linear axis, day-dated ones first (a close-up). Events starting on
    the same date keep their order in ``spans`` (``crisis.report.records.story_spans`` gives the
    order of
    telling).
    ``exclude=(start, end)`` leaves out the events lying wholly inside that period (they belong
    to a close-up) and shades it. ``colours`` maps event_id to a colour (default: the theme's);
    ``legend`` maps a legend label to a colour, shown when some event uses that colour.
    """
    from crisis.report.records import in_window

    rows = spans[spans["theme"] == theme]
    if window is not None:
        rows = rows[in_window(rows, *window)]
    if exclude is not None:
        rows = rows[~in_window(rows, *exclude)]
    if rows.empty:
        raise ValueError(f"no '{theme}' events to draw")
    coarse = rows["date_precision"] != "day"
    keys = ["_coarse", "start"] if window is not None else ["start"]
    rows = rows.assign(_coarse=coarse).sort_values(keys, kind="stable").reset_index(drop=True)
    colours = {e: (colours or {}).get(e, THEME_COLOURS.get(theme, INK)) for e in rows["event_id"]}
    gaps: list[tuple[float, float]] = []
    if window is not None:
        axis, ticks, tick_labels = _window_axis(pd.Timestamp(window[0]), pd.Timestamp(window[1]))
    else:
        axis, ticks, tick_labels, gaps = _years_axis(rows)
    ylabels = [wrap_label(s, label_width, 3) for s in rows["summary"]]
    heights = np.array([0.5 + 0.6 * (label.count("\n") + 1) for label in ylabels])
    ys = np.cumsum(heights) - heights / 2
    total = float(heights.sum())
    fig, ax = plt.subplots(figsize=(WIDTH, 1.5 + 0.25 * total))
    for y, row in zip(ys, rows.to_dict("records"), strict=True):
        colour = colours[row["event_id"]]
        fill = colour if row["date_basis"] == "stated" else "white"
        if row["date_precision"] == "day":
            ax.plot(axis(row["start"]), [y], "o", ms=6.5, mew=1.4, mfc=fill, mec=colour)
        else:
            x0, x1 = axis(row["start"])[0], axis(row["end"])[0]
            ax.barh(y, x1 - x0, left=x0, height=0.5, color=fill, edgecolor=colour, lw=1.4)
    for x0, x1 in gaps:
        ax.axvspan(x0, x1, color="#E4E4E4", lw=0, zorder=0)
    if exclude is not None and window is None:
        x0, x1 = (float(axis(pd.Timestamp(d))[0]) for d in exclude)
        ax.axvspan(x0, x1, color="#D8D8D8", lw=0, zorder=0)
        ax.text((x0 + x1) / 2, -0.2, "close-up", ha="center", va="bottom", fontsize=8)
    ax.set_yticks(ys, ylabels)
    ax.tick_params(axis="y", labelsize=9, length=0)
    ax.set_ylim(total, -0.8 if exclude is not None else -0.1)
    ax.set_xlim(0, float(sum(axis.widths)))
    ax.set_xticks(ticks, tick_labels)
    ax.grid(axis="y", color="#EEEEEE", lw=0.6)
    ax.set_axisbelow(True)
    used = set(colours.values())
    handles = [Patch(color=c, label=k) for k, c in (legend or {}).items() if c in used]
    handles += [
        Line2D([], [], marker="o", ls="", color=INK, label="date stated"),
        Line2D([], [], marker="o", ls="", mec=INK, mfc="white", label=NOT_STATED_LABEL),
        Patch(facecolor="white", edgecolor=INK, label="bar: the month or year it falls in"),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -1.6 / (1 + total)),
              ncol=2, fontsize=8.5, handlelength=1.2)  # fmt: skip
    fig.tight_layout()
    return fig


def draw_sanction_matrix(matrix: pd.DataFrame) -> Figure:
    """Targets (rows) × sanctioning actors (columns) from
    ``crisis.report.chapters.thematic.sanction_matrix``.

    A cell holds the number of distinct SANCTION events; an empty cell means none.
    """
    if matrix.empty or int(matrix.to_numpy().sum()) == 0:
        raise ValueError("no sanctions to draw")
    values = matrix.to_numpy(float)
    fig, ax = plt.subplots(
        figsize=(min(WIDTH, 2.6 + 0.62 * matrix.shape[1]), 1.6 + 0.42 * matrix.shape[0])
    )
    shown = np.where(values > 0, values, np.nan)
    ax.imshow(shown, cmap="Blues", vmin=0, vmax=values.max() * 1.25, aspect="auto")
    for (i, j), v in np.ndenumerate(values):
        if v > 0:
            ax.text(j, i, f"{v:.0f}", ha="center", va="center", fontsize=9,
                    color="white" if v > 0.6 * values.max() else INK)  # fmt: skip
    ax.set_xticks(
        range(matrix.shape[1]),
        [wrap_label(c, 16, 3) for c in matrix.columns],
        rotation=40,
        ha="right",
        fontsize=8.5,
    )
    ax.set_yticks(range(matrix.shape[0]), [wrap_label(r, 26, 2) for r in matrix.index])
    ax.set_xticks(np.arange(matrix.shape[1] + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(matrix.shape[0] + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="#DDDDDD", lw=0.6)
    ax.tick_params(which="minor", length=0)
    ax.set_xlabel("sanctioning actor")
    ax.set_ylabel("target")
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.tight_layout()
    return fig


def draw_force_sizes(sizes: pd.DataFrame, source_ids: list[str]) -> Figure:
    """Reported sizes of foreign forces on one logarithmic axis, one row per report.

    ``sizes`` is ``crisis.report.chapters.thematic.force_sizes``: reports are grouped by fact (a
    bold heading per
    fact), coloured by source; a dot is the stated value and a line the interval its hedge or
    range allows, so the spread between sources and between facts shows at a glance.
    """
    if sizes.empty:
        raise ValueError("no reported sizes to draw")
    if (sizes["low"] <= 0).any():
        raise ValueError("a logarithmic axis cannot show a value of zero or less")
    colours = source_colours(source_ids)
    missing = sorted(set(sizes["source_id"]) - set(colours))
    if missing:
        raise ValueError(f"sources not listed: {', '.join(missing)}")
    facts = list(dict.fromkeys(sizes["fact_id"]))
    y, positions, headings = 0.0, [], []
    for fact in facts:
        headings.append((y, fact))
        y += 1.0
        for _ in range(int((sizes["fact_id"] == fact).sum())):
            positions.append(y)
            y += 1.0
        y += 0.4
    fig, ax = plt.subplots(figsize=(WIDTH, 0.7 + 0.3 * y))
    for pos, row in zip(positions, sizes.itertuples(), strict=True):
        colour = colours[row.source_id]
        ax.plot([row.low, row.high], [pos, pos], color=colour, lw=2.2, solid_capstyle="butt")
        ax.plot([row.value], [pos], "o", color=colour, mec=INK, mew=0.5, ms=6)
        ax.text(row.high * 1.12, pos, f"{row.source}: {row.display}", va="center", fontsize=8.5)
    subjects = dict(
        zip(sizes["fact_id"], sizes["subject"] + " (" + sizes["unit"] + ")", strict=False)
    )
    trans = blended_transform_factory(ax.transAxes, ax.transData)
    for pos, fact in headings:
        ax.text(0, pos, wrap_label(subjects[fact], 90, 1), transform=trans, fontsize=9,
                fontweight="bold", va="center")  # fmt: skip
    ax.set_xscale("log")
    ax.set_xlim(sizes["low"].min() / 2, sizes["high"].max() * 12)
    ax.set_ylim(y - 0.2, -0.8)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color="#EEEEEE", lw=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel("number reported (logarithmic scale)")
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
    unknown = sorted(set(status.to_numpy().ravel()) - set(STATUS_COLOURS))
    if unknown:
        raise ValueError(f"unknown status: {', '.join(unknown)}")
    n_rows, n_cols = grid.shape
    fig, ax = plt.subplots(figsize=(min(WIDTH, 2.0 + 2.3 * n_cols), 1.5 + 0.5 * n_rows))
    for (i, j), text in np.ndenumerate(grid.to_numpy()):
        state = status.iat[i, j]
        ax.add_patch(plt.Rectangle((j - 0.48, i - 0.44), 0.96, 0.88,
                                   color=STATUS_COLOURS[state], lw=0))  # fmt: skip
        ax.text(j, i, str(text), ha="center", va="center", fontsize=9,
                color="#777777" if state == "not stated" else INK)  # fmt: skip
    ax.set_xlim(-0.5, n_cols - 0.5)
    ax.set_ylim(n_rows - 0.5, -0.5)
    ax.set_xticks(range(n_cols), [wrap_label(c, 24, 3) for c in grid.columns], fontsize=9)
    ax.xaxis.tick_top()
    ax.set_yticks(range(n_rows), list(grid.index))
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    present = [s for s in STATUS_COLOURS if s in set(status.to_numpy().ravel())]
    handles = [Patch(color=STATUS_COLOURS[s], label=s) for s in present]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), ncol=len(present),
              fontsize=8.5)  # fmt: skip
    fig.tight_layout()
    return fig


def draw_actor_stances(
    stances: pd.DataFrame, source_ids: list[str], labels: dict[str, str]
) -> Figure:
    """Who backs whom, source by source (``crisis.report.chapters.thematic.stance_matrix``).

    One row per (actor, side), one column per source: a dot in the side's camp colour where the
    source reports the backing, a faint ring where it does not.
    """
    if stances.empty:
        raise ValueError("no stances to draw")
    unknown = sorted(set(stances["side"]) - set(SIDE_LABELS))
    if unknown:
        raise ValueError(f"sides without a colour: {', '.join(unknown)}")
    fig, ax = plt.subplots(figsize=(min(WIDTH, 3.2 + 1.25 * len(source_ids)),
                                    1.4 + 0.38 * len(stances)))  # fmt: skip
    for i, row in stances.reset_index(drop=True).iterrows():
        for j, source in enumerate(source_ids):
            if row[source]:
                ax.plot(j, i, "o", ms=11, color=CAMP_COLOURS[row["side"]], mec=INK, mew=0.4)
            else:
                ax.plot(j, i, "o", ms=11, mfc="none", mec="#CCCCCC", mew=0.8)
    sides = list(stances["side"])
    for i in range(1, len(sides)):
        if sides[i] != sides[i - 1]:
            ax.axhline(i - 0.5, color="#999999", lw=0.8)
    names = [wrap_label(labels.get(s, s), 12, 2) for s in source_ids]
    ax.set_xticks(range(len(source_ids)), names, fontsize=9)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(stances)), list(stances["name"]))
    ax.set_xlim(-0.6, len(source_ids) - 0.4)
    ax.set_ylim(len(stances) - 0.5, -0.5)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    present = list(dict.fromkeys(sides))
    handles = [Patch(color=CAMP_COLOURS[s], label=SIDE_LABELS[s]) for s in present]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), ncol=len(present),
              fontsize=9)  # fmt: skip
    fig.tight_layout()
    return fig
