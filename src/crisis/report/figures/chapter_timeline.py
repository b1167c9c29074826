"""A thematic chapter's own timeline: one labelled row per event, each at its true precision.

The figure is drawn for the book's content column (``COLUMN_WIDTH`` wide, text at 10 pt or
more). Its marks, all explained by the legend:

- a point for an event dated to a day, a thin bar over the month or the year for one dated only
  that precisely (thinner for a year, so that the least precise data takes the least ink);
- filled when the source states the date, hollow when it is inferred from the text's own anchors
  or borrowed from another source's report;
- ``//`` on the axis where a run of years without events is left out (the axis is piecewise
  linear: each year with events gets a width growing with its number of events);
- a shaded band for a period left to a close-up (``exclude``).

Labels are the events' summaries wrapped in full, never cut.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.transforms import blended_transform_factory

from crisis.analysis.timeline import CompressedAxis, timeline_table
from crisis.report.style import COLUMN_WIDTH, INK, THEME_COLOURS

FONT_PT = 10.0
BAR_HEIGHT = {"month": 0.12, "year": 0.07}  # in inches (the y axis is drawn in inches)
LINE_IN = 0.19  # the height of one line of label text at 10 pt
CLOSE_UP_SHADE = "#E3E3E3"
BREAK_MARK = r"$/\!/$"


def wrap_full(text: str, width: int = 40) -> str:
    """Wrap ``text`` to lines of at most ``width`` characters, keeping every word (no '…').

    Raises ValueError for a width below 10.
    """
    if width < 10:
        raise ValueError(f"cannot wrap to lines of {width} characters")
    return "\n".join(textwrap.wrap(" ".join(str(text).split()), width)) or ""


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


def years_axis(spans: pd.DataFrame) -> tuple[CompressedAxis, list, list, list]:
    """A piecewise-linear axis giving each year with events 1 + sqrt(events) units of width and
    each run of empty years a narrow gap; returns the axis, tick positions and labels, and the
    (x0, x1) of the gaps. A year taking a quarter of the axis gets a July tick; one taking nearly
    half of it gets April, July and October ticks."""
    segments = year_segments(spans)
    widths = [1 + n**0.5 if n else 0.4 for _, _, n in segments]
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
        for month in months:
            quarter = pd.Timestamp(f"{start}-{month:02d}-01")
            ticks.append(float(axis(quarter)[0]))
            labels.append(f"{quarter:%b}")
    ticks.append(total)
    labels.append(str(segments[-1][1]))
    return axis, ticks, labels, gaps


def window_axis(start: pd.Timestamp, end: pd.Timestamp) -> tuple[CompressedAxis, list, list]:
    """A linear axis over [start, end) with a tick on the 1st, 8th, 15th, 22nd and 29th."""
    axis = CompressedAxis((start, end), (1.0,))
    days = pd.date_range(start, end - pd.Timedelta(days=1), freq="D")
    ticks = [d for d in days if d.day in (1, 8, 15, 22, 29)]
    labels = [f"{d.day} {d:%b}" for d in ticks]
    return axis, [float(axis(d)[0]) for d in ticks], labels


def drawn_rows(spans, theme, window=None, exclude=None) -> pd.DataFrame:
    """The events ``draw_theme_timeline`` draws for ``theme`` (within ``window``, without
    ``exclude``), top row first. Raises ValueError when none is left."""
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
    return rows.assign(_coarse=coarse).sort_values(keys, kind="stable").reset_index(drop=True)


def _legend_handles(rows, colours, legend, gaps, exclude_label) -> list:
    used = set(colours.values())
    handles = [Patch(color=c, label=k) for k, c in (legend or {}).items() if c in used]
    kinds = set(zip(rows["date_precision"] == "day", rows["date_basis"] == "stated", strict=True))
    marks = [
        ((True, True), Line2D([], [], marker="o", ls="", color=INK, label="day, date stated")),
        (
            (True, False),
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                mec=INK,
                mfc="white",
                mew=1.5,
                label="day, date inferred or borrowed",
            ),
        ),  # fmt: skip
        (
            (False, True),
            Patch(facecolor=INK, edgecolor=INK, label="bar: the month or year, date stated"),
        ),  # fmt: skip
        (
            (False, False),
            Patch(
                facecolor="white",
                edgecolor=INK,
                lw=1.5,
                label="bar: the month or year, inferred or borrowed",
            ),
        ),  # fmt: skip
    ]
    handles += [handle for kind, handle in marks if kind in kinds]
    if gaps:
        handles.append(Line2D([], [], marker=BREAK_MARK, ls="", color=INK, ms=12,
                              label="years without events left out"))  # fmt: skip
    if exclude_label:
        handles.append(Patch(color=CLOSE_UP_SHADE, label=exclude_label))
    return handles


def draw_theme_timeline(
    spans: pd.DataFrame,
    theme: str,
    *,
    window: tuple[str, str] | None = None,
    exclude: tuple[str, str] | None = None,
    exclude_label: str = "left to the close-up",
    colours: dict[str, str] | None = None,
    legend: dict[str, str] | None = None,
    label_width: int = 44,
) -> Figure:
    """A chapter's own timeline: one row per event of ``theme``, labelled with its summary.

    Without ``window``, the axis is piecewise linear over years (``years_axis``), with ``//``
    where empty years are left out; with ``window=(start, end)`` only the events lying wholly
    inside it are drawn, on a linear axis, day-dated ones first (a close-up). Events starting on
    the same date keep their order in ``spans``. ``exclude=(start, end)`` leaves out the events
    lying wholly inside that period and shades it (legend: ``exclude_label``). ``colours`` maps
    event_id to a colour (default: the theme's); ``legend`` maps a label to a colour, shown when
    some event uses it. Raises ValueError when no event is left to draw.
    """
    rows = drawn_rows(spans, theme, window, exclude)
    colours = {e: (colours or {}).get(e, THEME_COLOURS.get(theme, INK)) for e in rows["event_id"]}
    gaps: list[tuple[float, float]] = []
    if window is not None:
        axis, ticks, tick_labels = window_axis(pd.Timestamp(window[0]), pd.Timestamp(window[1]))
    else:
        axis, ticks, tick_labels, gaps = years_axis(rows)
    ylabels = [wrap_full(s, label_width) for s in rows["summary"]]
    heights = [0.12 + LINE_IN * (label.count("\n") + 1) for label in ylabels]
    ys, y = [], 0.0
    for h in heights:
        ys.append(y + h / 2)
        y += h
    top = 0.35 if exclude is not None and window is None else 0.1
    handles = _legend_handles(rows, colours, legend, gaps, exclude_label if exclude else "")
    legend_in = 0.3 * ((len(handles) + 1) // 2) + 0.15
    bottom_in = 0.45 + legend_in
    height = y + top + bottom_in + 0.1
    fig = plt.figure(figsize=(COLUMN_WIDTH, height))
    left = (label_width * 0.074 + 0.2) / COLUMN_WIDTH
    ax = fig.add_axes((left, bottom_in / height, 0.97 - left, (y + top) / height))
    for yy, row in zip(ys, rows.to_dict("records"), strict=True):
        colour = colours[row["event_id"]]
        fill = colour if row["date_basis"] == "stated" else "white"
        if row["date_precision"] == "day":
            ax.plot(axis(row["start"]), [yy], "o", ms=7, mew=1.5, mfc=fill, mec=colour, zorder=3)
        else:
            x0, x1 = axis(row["start"])[0], axis(row["end"])[0]
            bar = BAR_HEIGHT[row["date_precision"]]
            ax.add_patch(Rectangle((x0, yy - bar / 2), x1 - x0, bar, facecolor=fill,
                                   edgecolor=colour, lw=1.2, zorder=2))  # fmt: skip
    trans = blended_transform_factory(ax.transData, ax.transAxes)
    for x0, x1 in gaps:
        for x in (x0, x1):
            ax.axvline(x, color="#BBBBBB", lw=0.6, ls=":", zorder=0)
        ax.text((x0 + x1) / 2, 0, BREAK_MARK, transform=trans, ha="center", va="center",
                fontsize=12, color=INK, zorder=5, clip_on=False,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})  # fmt: skip
    if exclude is not None and window is None:
        x0, x1 = (float(axis(pd.Timestamp(d))[0]) for d in exclude)
        ax.axvspan(x0, x1, color=CLOSE_UP_SHADE, lw=0, zorder=0)
        ax.text((x0 + x1) / 2, -0.05, "close-up", ha="center", va="bottom", fontsize=FONT_PT)
    ax.set_yticks(ys, ylabels)
    ax.tick_params(axis="y", labelsize=FONT_PT, length=0)
    ax.tick_params(axis="x", labelsize=FONT_PT)
    ax.set_ylim(y, -top)
    ax.set_xlim(0, float(sum(axis.widths)))
    ax.set_xticks(ticks, tick_labels)
    ax.grid(axis="y", color="#EEEEEE", lw=0.6)
    ax.set_axisbelow(True)
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.01, 0.05 / height), ncol=2,
               fontsize=FONT_PT, handlelength=1.4, borderaxespad=0)  # fmt: skip
    return fig


def drawn_table(
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
    rows = drawn_rows(spans, theme, window, exclude).drop(columns="_coarse")
    colour = [(colours or {}).get(e, THEME_COLOURS.get(theme, INK)) for e in rows["event_id"]]
    key = {c: label for label, c in (legend or {}).items()}
    table = timeline_table(rows.reset_index(drop=True))
    table.insert(0, "row", range(1, len(table) + 1))
    table["colour"] = colour
    table["legend"] = [key.get(c, "") for c in colour]
    return table
