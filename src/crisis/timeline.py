"""The timeline: each event once, drawn over the span its date's precision allows.

A day-precise event is the day [d, d+1); a month-precise one the whole month; a year-precise one
the whole year. When several sources report an event, the most precise report dates it (ties go
to a stated date over an inferred one, then to the first source in sources.csv order).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

_RANK = {"day": 0, "month": 1, "year": 2}
_BASIS = {"stated": 0, "inferred": 1}


def date_span(date: str, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The half-open span [start, end) a date of the given precision may fall in."""
    start = pd.Timestamp(date if precision != "year" else f"{date}-01-01")
    if precision == "day":
        return start, start + pd.Timedelta(days=1)
    if precision == "month":
        return start, start + pd.offsets.MonthBegin(1)
    return start, start + pd.offsets.YearBegin(1)


def event_spans(events: pd.DataFrame, source_order: list[str] | None = None) -> pd.DataFrame:
    """One row per event_id dated by its most precise report, with the span and all sources."""
    order = {s: i for i, s in enumerate(source_order or sorted(events["source_id"].unique()))}
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
    frame = pd.DataFrame.from_records(records)
    return frame.sort_values(["start", "event_id"], kind="stable").reset_index(drop=True)


def _days(dates: pd.Series) -> np.ndarray:
    """Days since 1970-01-01, whatever the datetime unit."""
    return ((dates - pd.Timestamp(0)) / pd.Timedelta(days=1)).to_numpy(float)


@dataclass(frozen=True)
class CompressedAxis:
    """A piecewise-linear date scale: each segment [break_i, break_i+1) gets a share of width."""

    breaks: tuple[pd.Timestamp, ...]
    widths: tuple[float, ...]

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
    """Squeeze the sparse years before 2018 so that 2019 is readable."""
    first = min(spans["start"].min().year, 2015)
    last = max(spans["end"].max().year + (spans["end"].max().dayofyear > 1), 2020)
    breaks = (pd.Timestamp(f"{first}-01-01"), pd.Timestamp("2015-01-01"),
              pd.Timestamp("2018-01-01"), pd.Timestamp("2019-01-01"),
              pd.Timestamp("2020-01-01"), pd.Timestamp(f"{last}-01-01"))  # fmt: skip
    widths = (1.0, 1.5, 1.5, 6.0, 1.5 * (last - 2020))
    keep = [i for i in range(len(widths)) if breaks[i] < breaks[i + 1]]
    return CompressedAxis(
        tuple([breaks[keep[0]]] + [breaks[i + 1] for i in keep]), tuple(widths[i] for i in keep)
    )


def pack_rows(spans: pd.DataFrame) -> list[int]:
    """A row for each span (in order) so that spans in one row neither overlap nor touch."""
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

    Year-precise events in ``year`` cannot be placed in a month; they are not spread over the
    months but counted in the ``undated_in_year`` attribute of the result.
    """
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
    """The spans as plain strings, for export."""
    out = spans.drop(columns=["mid"]).copy()
    for column in ("start", "end"):
        out[column] = out[column].dt.strftime("%Y-%m-%d")
    for column in ("actors", "recipients", "source_ids"):
        out[column] = out[column].map("|".join)
    return out
