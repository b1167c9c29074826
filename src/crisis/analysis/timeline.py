"""The timeline: each event once, drawn over the span its date's precision allows.

A day-precise event is the day [d, d+1); a month-precise one the whole month; a year-precise one
the whole year. When several sources report an event, the most precise report dates it (ties go
to a stated date over an inferred one and an inferred over a borrowed one, then to the first
source in sources.csv order).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crisis.data.codebook import DATE_BASES
from crisis.data.dates import date_span

_RANK = {"day": 0, "month": 1, "year": 2}
_BASIS = {basis: rank for rank, basis in enumerate(DATE_BASES)}  # stated, inferred, borrowed
SPAN_COLUMNS = [
    "event_id", "date", "date_precision", "date_basis", "start", "end", "mid", "theme",
    "event_type", "actors", "recipients", "summary", "source_ids", "n_sources",
]  # fmt: skip


def event_spans(events: pd.DataFrame, source_order: list[str] | None = None) -> pd.DataFrame:
    """One row per event_id dated by its most precise report, with the span and all sources.

    The dating report is the most precise one (day > month > year); on a tie, a stated date wins
    over an inferred one and an inferred over a borrowed one, then the source that comes first in
    ``source_order`` (default: sorted source ids). ``start``/``end`` are the half-open span of
    that date (``date_span``), ``mid`` its middle; theme, event type and summary come from the
    dating report; ``actors`` and ``recipients`` are the union over all reports (sorted tuples);
    ``source_ids`` lists every reporting source in ``source_order``. Sorted by start, then
    event_id. Raises ValueError on a source missing from ``source_order``, an unknown date basis
    or a malformed date.
    """
    order = {s: i for i, s in enumerate(source_order or sorted(events["source_id"].unique()))}
    missing = sorted(set(events["source_id"]) - set(order))
    if missing:
        raise ValueError(f"sources not in the source order: {', '.join(map(str, missing))}")
    bases = sorted(set(events["date_basis"]) - set(_BASIS))
    if bases:
        raise ValueError(f"unknown date basis: {', '.join(map(str, bases))}")
    ranked = events.assign(
        _p=events["date_precision"].map(_RANK),
        _b=events["date_basis"].map(_BASIS),
        _s=events["source_id"].map(order),
    ).sort_values(["event_id", "_p", "_b", "_s"], kind="stable")
    records = []
    for event_id, group in ranked.groupby("event_id", sort=True):
        best = group.iloc[0]
        start, end = date_span(best["date"], best["date_precision"])
        records.append(
            {
                "event_id": event_id,
                "date": best["date"],
                "date_precision": best["date_precision"],
                "date_basis": best["date_basis"],
                "start": start,
                "end": end,
                "mid": start + (end - start) / 2,
                "theme": best["theme"],
                "event_type": best["event_type"],
                "actors": tuple(sorted({a for t in group["actors"] for a in t})),
                "recipients": tuple(sorted({a for t in group["recipients"] for a in t})),
                "summary": best["summary"],
                "source_ids": tuple(sorted(group["source_id"], key=order.get)),
                "n_sources": len(group),
            }
        )
    if not records:
        frame = pd.DataFrame(columns=SPAN_COLUMNS).astype(object)
        for column in ("start", "end", "mid"):
            frame[column] = pd.Series(dtype="datetime64[s]")
        frame["n_sources"] = pd.Series(dtype="int64")
        return frame
    frame = pd.DataFrame.from_records(records, columns=SPAN_COLUMNS)
    return frame.sort_values(["start", "event_id"], kind="stable").reset_index(drop=True)


def _days(dates: pd.Series) -> np.ndarray:
    """Days since 1970-01-01, whatever the datetime unit."""
    return ((dates - pd.Timestamp(0)) / pd.Timedelta(days=1)).to_numpy(float)


@dataclass(frozen=True)
class CompressedAxis:
    """A piecewise-linear date scale: each segment [break_i, break_i+1) gets a share of width.

    Within a segment, x grows linearly with time; the map is continuous and strictly increasing
    over [breaks[0], breaks[-1]] and clamps dates outside it to the ends. Raises ValueError
    unless the breaks strictly increase and there is one positive width per segment.
    """

    breaks: tuple[pd.Timestamp, ...]
    widths: tuple[float, ...]

    def __post_init__(self) -> None:
        """Refuse a scale that would not be continuous and strictly increasing."""
        if len(self.breaks) < 2 or len(self.widths) != len(self.breaks) - 1:
            raise ValueError(
                f"{len(self.breaks)} breaks need {max(len(self.breaks) - 1, 1)} widths, "
                f"got {len(self.widths)}"
            )
        if any(b <= a for a, b in zip(self.breaks, self.breaks[1:], strict=False)):
            raise ValueError("the breaks of a compressed axis must strictly increase")
        if not all(np.isfinite(w) and w > 0 for w in self.widths):
            raise ValueError("every segment of a compressed axis needs a positive width")

    def __call__(self, dates) -> np.ndarray:
        """Map dates (Timestamp or array-like) to x positions in [0, sum(widths)]."""
        t = _days(pd.to_datetime(pd.Series(np.atleast_1d(dates))))
        b = _days(pd.Series(self.breaks))
        x = np.concatenate([[0.0], np.cumsum(self.widths)])
        return np.interp(t, b, x)

    def ticks(self) -> tuple[list[float], list[str]]:
        """Tick positions and labels: each segment's start year, and quarters inside 2019."""
        dates = [
            pd.Timestamp(f"{y}-01-01") for y in range(self.breaks[0].year, self.breaks[-1].year + 1)
        ]
        labels = [str(d.year) for d in dates]
        keep = [i for i, d in enumerate(dates) if d in self.breaks]
        quarters = [pd.Timestamp(f"2019-{m:02d}-01") for m in (4, 7, 10)]
        pos = [float(self(dates[i])[0]) for i in keep] + [float(self(q)[0]) for q in quarters]
        lab = [labels[i] for i in keep] + [q.strftime("%b") for q in quarters]
        order = np.argsort(pos, kind="stable")
        return [pos[i] for i in order], [lab[i] for i in order]


def compressed_axis(spans: pd.DataFrame) -> CompressedAxis:
    """Squeeze the sparse years before 2018 so that 2019 is readable.

    Segments (widths): [first year, 2015) 1.0, [2015, 2018) 1.5, 2018 1.5, 2019 6.0, and 1.5 a
    year after 2020; a segment the events do not reach is dropped. Raises ValueError when there
    are no spans.
    """
    if spans.empty:
        raise ValueError("no events to place on an axis")
    first = min(spans["start"].min().year, 2015)
    last = max((spans["end"].max() - pd.Timedelta(days=1)).year + 1, 2020)  # end is exclusive
    breaks = (pd.Timestamp(f"{first}-01-01"), pd.Timestamp("2015-01-01"),
              pd.Timestamp("2018-01-01"), pd.Timestamp("2019-01-01"),
              pd.Timestamp("2020-01-01"), pd.Timestamp(f"{last}-01-01"))  # fmt: skip
    widths = (1.0, 1.5, 1.5, 6.0, 1.5 * (last - 2020))
    keep = [i for i in range(len(widths)) if breaks[i] < breaks[i + 1]]
    return CompressedAxis(
        tuple([breaks[keep[0]]] + [breaks[i + 1] for i in keep]), tuple(widths[i] for i in keep)
    )


def pack_rows(spans: pd.DataFrame) -> list[int]:
    """A row for each span (in order) so that spans in one row neither overlap nor touch.

    Greedy: each span goes to the first row whose last span ended before it starts.
    """
    ends: list[pd.Timestamp] = []
    rows = []
    for start, end in zip(spans["start"], spans["end"], strict=True):
        row = next((i for i, last in enumerate(ends) if last < start), len(ends))
        if row == len(ends):
            ends.append(end)
        else:
            ends[row] = end
        rows.append(row)
    return rows


def monthly_counts(spans: pd.DataFrame, themes: list[str], year: int = 2019) -> pd.DataFrame:
    """Events per month of ``year`` and theme, counting day- and month-precise events only.

    Index: month 1..12; columns: ``themes`` in the given order. Year-precise events in ``year``
    cannot be placed in a month; they are not spread over the months but counted in the
    ``undated_in_year`` attribute of the result. Raises ValueError when an event's theme is not
    in ``themes`` (it would silently go uncounted).
    """
    unknown = sorted(set(spans["theme"]) - set(themes))
    if unknown:
        raise ValueError(f"themes not in the list: {', '.join(map(str, unknown))}")
    in_year = spans[spans["start"].dt.year == year]
    placed = in_year[in_year["date_precision"] != "year"]
    table = (
        pd.crosstab(placed["start"].dt.month, placed["theme"])
        .reindex(index=range(1, 13), columns=themes, fill_value=0)
        .astype(int)
    )
    table.index.name = "month"
    table.attrs["undated_in_year"] = int((in_year["date_precision"] == "year").sum())
    return table


def timeline_table(spans: pd.DataFrame) -> pd.DataFrame:
    """The spans as plain strings, for export: ISO dates (end exclusive), lists joined by ``|``,
    without ``mid``."""
    out = spans.drop(columns=["mid"]).copy()
    for column in ("start", "end"):
        out[column] = out[column].dt.strftime("%Y-%m-%d")
    for column in ("actors", "recipients", "source_ids"):
        out[column] = out[column].map("|".join)
    return out
