"""Comparing the sources: which events and facts each reports, and where their numbers differ.

A reported value is read as an interval: an exact value v is [v, v]; a range is [value,
value_max]; hedges widen it as the codebook's ``HEDGES`` say — "about", "around", "some",
"or so": ±10 %; "nearly", "just", "less than", "up to": [0.9 v, v]; "more than", "over",
"at least": [v, 1.1 v]. Reports of one fact *agree* when they give the same value with no hedge,
are *within tolerance* when their intervals share a point or their values differ by at most
``TOLERANCE`` (5 %) of the largest, and *conflict* otherwise. Each report keeps the unit its
source states ("tons" and "tonnes" are different units), so reports of one fact in different
units are *not comparable*: they are listed side by side, but no spread is computed and they
neither agree nor conflict.
"""

from __future__ import annotations

import math

import pandas as pd

from crisis.data.codebook import HEDGES

TOLERANCE = 0.05
HEDGE_BOUNDS = HEDGES
NOT_COMPARABLE = "not comparable"


def interval(value: float, value_max: float, hedge: str) -> tuple[float, float]:
    """The interval [low, high] a reported value stands for (see the module docstring).

    ``value_max`` is NaN (or None) unless the source gives a range. For a negative value the
    hedge's factors apply to its size, and the ends are returned in increasing order. Raises
    ValueError on an unknown hedge, a value that is not a finite number, or a range whose top is
    below its bottom.
    """
    if hedge not in HEDGE_BOUNDS:
        raise ValueError(f"unknown hedge {hedge!r}; expected one of {sorted(HEDGE_BOUNDS)}")
    if value is None or not math.isfinite(value):
        raise ValueError(f"reported value {value!r} is not a finite number")
    top = value if value_max is None or math.isnan(value_max) else value_max
    if not math.isfinite(top) or top < value:
        raise ValueError(f"range {value}–{value_max} does not run upward")
    low, high = HEDGE_BOUNDS[hedge]
    ends = (value * low, top * high)
    return min(ends), max(ends)


def display_value(value: float, value_max: float, hedge: str) -> str:
    """A report as readers see it: '20,000–25,000', 'nearly 100'."""

    def fmt(x: float) -> str:
        return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"

    text = fmt(value)
    if value_max is not None and not math.isnan(value_max):
        text += f"–{fmt(value_max)}"
    return f"{hedge} {text}".strip()


def claim_table(claims: pd.DataFrame, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """Long form of the claims: one row per report with its interval and display text.

    Columns: fact_id, source_id, value, value_max, hedge, unit, subject, low, high (the
    ``interval``), display (``display_value``) and source (the label from ``labels``, default
    the source id). Rows keep the claims' order.
    """
    out = claims[["fact_id", "source_id", "value", "value_max", "hedge", "unit", "subject"]].copy()
    bounds = [
        interval(v, m, h)
        for v, m, h in zip(out["value"], out["value_max"], out["hedge"], strict=True)
    ]
    out["low"] = [b[0] for b in bounds]
    out["high"] = [b[1] for b in bounds]
    out["display"] = [
        display_value(v, m, h)
        for v, m, h in zip(out["value"], out["value_max"], out["hedge"], strict=True)
    ]
    names = labels or {}
    out["source"] = [names.get(s, s) for s in out["source_id"]]
    return out.reset_index(drop=True)


def status(reports: pd.DataFrame) -> str:
    """agree / within tolerance / conflict for the reports of one fact (``claim_table`` rows).

    agree: every report gives the same exact value, with no hedge and no range; within
    tolerance: the intervals share a point, or all values lie within ``TOLERANCE`` of the
    largest; conflict otherwise.
    """
    exact = (reports["hedge"] == "") & reports["value_max"].isna()
    if exact.all() and reports["value"].nunique() == 1:
        return "agree"
    if reports["low"].max() <= reports["high"].min():
        return "within tolerance"
    values = pd.concat([reports["value"], reports["value_max"].dropna()])
    if values.max() - values.min() <= TOLERANCE * abs(values.max()):
        return "within tolerance"
    return "conflict"


def _comparison(fact_id: str, group: pd.DataFrame) -> dict:
    """The comparison row of one fact's reports (``claim_table`` rows)."""
    units = list(dict.fromkeys(group["unit"]))
    shown = group["display"] if len(units) == 1 else group["display"] + " " + group["unit"]
    values = group[["value", "value_max"]].stack()
    low, high = float(values.min()), float(values.max())
    record = {
        "fact_id": fact_id,
        "subject": group["subject"].iloc[0],
        "unit": " | ".join(units),
        "n_sources": group["source_id"].nunique(),
        "values": "; ".join(f"{s}: {d}" for s, d in zip(group["source"], shown, strict=True)),
        "min": low,
        "max": high,
        "spread": high - low,
        "rel_spread": round((high - low) / abs(high), 6) if high else 0.0,
        "status": status(group),
    }
    if len(units) > 1:
        nan = float("nan")
        record.update(min=nan, max=nan, spread=nan, rel_spread=nan, status=NOT_COMPARABLE)
    return record


def compare_claims(claims: pd.DataFrame, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per fact reported by more than one source: values side by side, status, spread.

    Columns: fact_id, subject, unit, n_sources, values ('source: display; ...' in the claims'
    order), min and max (over values and range tops, before hedging), spread (max - min),
    rel_spread (spread / max, 0 when max is 0) and status (``status``). Sorted by fact_id.
    A fact whose reports give different units has the units joined by ' | ' (in the claims'
    order), each value shown with its unit, NaN min, max, spread and rel_spread, and the status
    ``NOT_COMPARABLE``.
    """
    long = claim_table(claims, labels)
    records = [
        _comparison(fact_id, group)
        for fact_id, group in long.groupby("fact_id", sort=True)
        if group["source_id"].nunique() >= 2
    ]
    columns = ["fact_id", "subject", "unit", "n_sources", "values", "min", "max", "spread",
               "rel_spread", "status"]  # fmt: skip
    return pd.DataFrame.from_records(records, columns=columns)


_LENGTH = {"year": 4, "month": 7, "day": 10}
_RANK = {"year": 0, "month": 1, "day": 2}


def _unknown_sources(events: pd.DataFrame, source_ids: list[str]) -> None:
    """Refuse events from a source not in ``source_ids`` (they would be dropped silently)."""
    unknown = sorted(set(events["source_id"]) - set(source_ids))
    if unknown:
        raise ValueError(f"events from sources not in the list: {', '.join(map(str, unknown))}")


def event_corroboration(events: pd.DataFrame, source_ids: list[str]) -> pd.DataFrame:
    """Per event: which sources report it, how many, and whether their dates agree.

    Columns: event_id, theme, one boolean column per source (in ``source_ids`` order),
    n_sources, dates ('source: date; ...' in the events' order) and dates_agree: every report
    gives the same date once cut to the coarsest precision among them (2019-03 agrees with
    2019-03-23 and with 2019, not with 2019-04-02). A borrowed date is marked '(borrowed)' in
    ``dates`` and left out of ``dates_agree``: it is another source's date, so it is never
    evidence that the sources agree; ``n_dated`` counts the sources that date the event
    themselves, so agreement means something only where it is at least 2; ``compared_at`` is the
    precision the own dates are compared at (the finest they share: 'year' when one of them
    gives only the year, so that agreement is compatibility, not agreement to the day or
    month). Sorted by event_id.
    Raises ValueError on events from a source not in ``source_ids`` or an unknown date
    precision.
    """
    _unknown_sources(events, source_ids)
    precisions = sorted(set(events["date_precision"]) - set(_RANK))
    if precisions:
        raise ValueError(f"unknown date precision: {', '.join(map(str, precisions))}")
    columns = ["event_id", "theme", *source_ids, "n_sources", "dates", "dates_agree", "n_dated",
               "compared_at"]  # fmt: skip
    records = []
    for event_id, group in events.groupby("event_id", sort=True):
        own = group[group["date_basis"] != "borrowed"]  # a borrowed date is no evidence
        coarsest = min(own["date_precision"], key=_RANK.get, default="day")
        dates = {d[: _LENGTH[coarsest]] for d in own["date"]}
        record = {"event_id": event_id, "theme": group["theme"].iloc[0]}
        record.update({s: s in set(group["source_id"]) for s in source_ids})
        record["n_sources"] = group["source_id"].nunique()
        record["dates"] = "; ".join(
            f"{s}: {d}" + (" (borrowed)" if b == "borrowed" else "")
            for s, d, b in zip(group["source_id"], group["date"], group["date_basis"], strict=True)
        )
        record["dates_agree"] = len(dates) == 1
        record["n_dated"] = own["source_id"].nunique()
        record["compared_at"] = coarsest
        records.append(record)
    return pd.DataFrame.from_records(records, columns=columns)


def coverage_matrix(events: pd.DataFrame, source_ids: list[str], themes: list[str]) -> pd.DataFrame:
    """Distinct events per source (rows, in ``source_ids`` order) and theme (columns, in
    ``themes`` order); a source or theme without events has zeros. Raises ValueError on events
    from a source or of a theme not in the lists."""
    _unknown_sources(events, source_ids)
    unknown = sorted(set(events["theme"]) - set(themes))
    if unknown:
        raise ValueError(f"events of themes not in the list: {', '.join(map(str, unknown))}")
    distinct = events.drop_duplicates(["event_id", "source_id"])
    return (
        pd.crosstab(distinct["source_id"], distinct["theme"])
        .reindex(index=source_ids, columns=themes, fill_value=0)
        .astype(int)
    )


ATTRIBUTION_ORDER = (
    "same actors",
    "named at different levels",
    "one names more",
    "different actors",
)


def _compatible(a: str, b: str, state_of: dict[str, str]) -> bool:
    """One actor stands for the other: the same actor, or one is the state the other belongs to."""
    return a == b or state_of.get(a) == b or state_of.get(b) == a


def _pair_status(first: set[str], second: set[str], state_of: dict[str, str]) -> str:
    if first == second:
        return "same actors"
    if all(any(_compatible(a, b, state_of) for b in second) for a in first) and all(
        any(_compatible(b, a, state_of) for a in first) for b in second
    ):
        return "named at different levels"
    if first < second or second < first:
        return "one names more"
    return "different actors"


def actor_agreement(events: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Per event told by several sources: do its reports credit the same actors?

    Each report keeps the actors its own source names. Two reports are compared pairwise:
    *same actors* (identical sets); *named at different levels* (every actor of each has a
    counterpart in the other that is the same actor or the state it belongs to, e.g. "the United
    States" and "the Trump administration"); *one names more* (one set contains the other, e.g.
    Lavrov, and Lavrov with the Kremlin); *different actors* otherwise (Pompeo in one report,
    spokesman Palladino in another). An event takes the strongest difference of any pair
    (``ATTRIBUTION_ORDER``). Columns: event_id, n_sources, status, actors ('source: a|b; ...' in the
    events' order). Sorted by event_id. Raises ValueError on an actor missing from ``actors``.
    """
    state_of = {
        a: c
        for a, c in zip(actors["actor_id"], actors["country"], strict=True)
        if isinstance(c, str) and c
    }
    known = set(actors["actor_id"])
    unknown = sorted({a for t in events["actors"] for a in t} - known)
    if unknown:
        raise ValueError(f"actors not in the actors table: {', '.join(unknown)}")
    rank = {s: i for i, s in enumerate(ATTRIBUTION_ORDER)}
    records = []
    for event_id, group in events.groupby("event_id", sort=True):
        if group["source_id"].nunique() < 2:
            continue
        sets = [set(t) for t in group["actors"]]
        statuses = [
            _pair_status(sets[i], sets[j], state_of)
            for i in range(len(sets))
            for j in range(i + 1, len(sets))
        ]
        records.append(
            {
                "event_id": event_id,
                "n_sources": group["source_id"].nunique(),
                "status": max(statuses, key=rank.get),
                "actors": "; ".join(
                    f"{s}: {'|'.join(a)}"
                    for s, a in zip(group["source_id"], group["actors"], strict=True)
                ),
            }
        )
    return pd.DataFrame.from_records(records, columns=["event_id", "n_sources", "status", "actors"])
