"""Comparing the sources: which events and facts each reports, and where their numbers differ.

A reported value is read as an interval: an exact value v is [v, v]; a range is [value,
value_max]; hedges widen it — "about", "around", "some", "or so": ±10 %; "nearly", "just",
"less than", "up to": [0.9 v, v]; "more than", "over": [v, 1.1 v]. Reports of one fact
*agree* when they give the same value with no hedge, are *within tolerance* when their intervals
share a point or their values differ by at most ``TOLERANCE`` (5 %) of the largest, and
*conflict* otherwise.
"""

from __future__ import annotations

import math

import pandas as pd

TOLERANCE = 0.05
HEDGE_BOUNDS = {
    "": (1.0, 1.0),
    "about": (0.9, 1.1),
    "around": (0.9, 1.1),
    "some": (0.9, 1.1),
    "or so": (0.9, 1.1),
    "nearly": (0.9, 1.0),
    "just": (0.9, 1.0),
    "less than": (0.9, 1.0),
    "up to": (0.9, 1.0),
    "more than": (1.0, 1.1),
    "over": (1.0, 1.1),
}


def interval(value: float, value_max: float, hedge: str) -> tuple[float, float]:
    """The interval a reported value stands for."""
    low, high = HEDGE_BOUNDS[hedge]
    top = value if value_max is None or math.isnan(value_max) else value_max
    return value * low, top * high


def display_value(value: float, value_max: float, hedge: str) -> str:
    """A report as readers see it: '20,000–25,000', 'nearly 100'."""

    def fmt(x: float) -> str:
        return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"

    text = fmt(value)
    if value_max is not None and not math.isnan(value_max):
        text += f"–{fmt(value_max)}"
    return f"{hedge} {text}".strip()


def claim_table(claims: pd.DataFrame, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """Long form of the claims: one row per report with its interval and display text."""
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
    out["source"] = out["source_id"].map(labels or {}).fillna(out["source_id"])
    return out.reset_index(drop=True)


def status(reports: pd.DataFrame) -> str:
    """agree / within tolerance / conflict for the reports of one fact."""
    exact = (reports["hedge"] == "") & reports["value_max"].isna()
    if exact.all() and reports["value"].nunique() == 1:
        return "agree"
    if reports["low"].max() <= reports["high"].min():
        return "within tolerance"
    values = pd.concat([reports["value"], reports["value_max"].dropna()])
    if values.max() - values.min() <= TOLERANCE * values.max():
        return "within tolerance"
    return "conflict"


def compare_claims(claims: pd.DataFrame, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per fact reported by more than one source: values side by side, status, spread."""
    long = claim_table(claims, labels)
    records = []
    for fact_id, group in long.groupby("fact_id", sort=True):
        if group["source_id"].nunique() < 2:
            continue
        values = group[["value", "value_max"]].stack()
        records.append(
            {
                "fact_id": fact_id,
                "subject": group["subject"].iloc[0],
                "unit": group["unit"].iloc[0],
                "n_sources": group["source_id"].nunique(),
                "values": "; ".join(
                    f"{s}: {d}" for s, d in zip(group["source"], group["display"], strict=True)
                ),
                "min": float(values.min()),
                "max": float(values.max()),
                "spread": float(values.max() - values.min()),
                "rel_spread": round(float((values.max() - values.min()) / values.max()), 6),
                "status": status(group),
            }
        )
    columns = ["fact_id", "subject", "unit", "n_sources", "values", "min", "max", "spread",
               "rel_spread", "status"]  # fmt: skip
    return pd.DataFrame.from_records(records, columns=columns)


def _coarse(date: str, precision: str, to: str) -> str:
    return date[: {"year": 4, "month": 7, "day": 10}[to]]


def event_corroboration(events: pd.DataFrame, source_ids: list[str]) -> pd.DataFrame:
    """Per event: which sources report it, how many, and whether their dates agree."""
    rank = {"year": 0, "month": 1, "day": 2}
    records = []
    for event_id, group in events.groupby("event_id", sort=True):
        coarsest = min(group["date_precision"], key=rank.get)
        dates = {
            _coarse(d, p, coarsest)
            for d, p in zip(group["date"], group["date_precision"], strict=True)
        }
        record = {"event_id": event_id, "theme": group["theme"].iloc[0]}
        record.update({s: s in set(group["source_id"]) for s in source_ids})
        record["n_sources"] = group["source_id"].nunique()
        record["dates"] = "; ".join(
            f"{s}: {d}" for s, d in zip(group["source_id"], group["date"], strict=True)
        )
        record["dates_agree"] = len(dates) == 1
        records.append(record)
    return pd.DataFrame.from_records(records)


def coverage_matrix(events: pd.DataFrame, source_ids: list[str], themes: list[str]) -> pd.DataFrame:
    """Distinct events per source and theme."""
    distinct = events.drop_duplicates(["event_id", "source_id"])
    return (
        pd.crosstab(distinct["source_id"], distinct["theme"])
        .reindex(index=source_ids, columns=themes, fill_value=0)
        .astype(int)
    )
