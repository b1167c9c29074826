"""The events and claims of the project as the chapters look them up: one event's reports,
dates, sources and actors; the story in date order; one fact's reports and values.

An unknown event, fact or theme raises rather than giving an empty table that would read as
"nothing happened".
"""

from __future__ import annotations

import pandas as pd

from crisis.analysis.corroboration import display_value
from crisis.data.codebook import THEMES
from crisis.data.dates import date_label
from crisis.report.wording import actor_names, join_names, source_labels, source_order

BASIS_RANK = {"stated": 0, "inferred": 1, "borrowed": 2}
BASIS_SUFFIX = {"stated": "", "inferred": " (inferred)", "borrowed": " (from another source)"}
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def _event_rows(project, event_id: str) -> pd.DataFrame:
    rows = project.events[project.events["event_id"] == event_id]
    if rows.empty:
        raise KeyError(f"no event '{event_id}' in data/events.csv")
    return rows


def best_report(project, event_id: str) -> pd.Series:
    """The most precisely dated report of an event (stated before inferred before borrowed, then
    source order)."""
    order = {s: i for i, s in enumerate(source_order(project))}
    rows = _event_rows(project, event_id)
    key = rows.apply(
        lambda r: (
            _PRECISION_RANK[r["date_precision"]],
            BASIS_RANK[r["date_basis"]],
            order[r["source_id"]],
        ),
        axis=1,
    )
    return rows.loc[key.sort_values(kind="stable").index[0]]


def event_date(project, event_id: str) -> str:
    """The date label of an event, from its most precise report."""
    best = best_report(project, event_id)
    return date_label(best["date"], best["date_precision"])


def report_date(project, event_id: str, source_id: str) -> str:
    """The date label one source gives an event; KeyError if that source does not report it."""
    rows = _event_rows(project, event_id)
    rows = rows[rows["source_id"] == source_id]
    if rows.empty:
        raise KeyError(f"source '{source_id}' does not report event '{event_id}'")
    return date_label(rows.iloc[0]["date"], rows.iloc[0]["date_precision"])


def event_sources(project, event_id: str) -> list[str]:
    """The sources reporting an event, in sources.csv order."""
    found = set(_event_rows(project, event_id)["source_id"])
    return [s for s in source_order(project) if s in found]


def event_actors(project, event_id: str, column: str = "actors") -> list[str]:
    """The actor ids (or, with ``column="recipients"``, recipient ids) of all reports of an
    event, each once, in the order the reports name them (reports in data/events.csv order)."""
    rows = _event_rows(project, event_id).sort_values("row", kind="stable")
    return list(dict.fromkeys(a for t in rows[column] for a in t))


def event_count(project, event_type: str | None = None, theme: str | None = None) -> int:
    """The number of distinct events (not reports), optionally of one type and one theme."""
    events = project.events
    if event_type is not None:
        events = events[events["event_type"] == event_type]
    if theme is not None:
        events = events[events["theme"] == theme]
    return int(events["event_id"].nunique())


def story_spans(project) -> pd.DataFrame:
    """Every event once (``crisis.analysis.timeline.event_spans``), in date order; events starting
    on the
    same date keep the order in which data/events.csv first reports them (the sources' order of
    telling), not the alphabetical order of their ids."""
    from crisis.analysis.timeline import event_spans

    spans = event_spans(project.events, source_order(project))
    first_row = project.events.groupby("event_id", sort=True)["row"].min()
    spans = spans.assign(_r=spans["event_id"].map(first_row))
    spans = spans.sort_values(["start", "_r"], kind="stable")
    return spans.drop(columns="_r").reset_index(drop=True)


def theme_spans(project, theme: str) -> pd.DataFrame:
    """The events of one theme, each once, in the order of ``story_spans``."""
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}; expected one of {', '.join(THEMES)}")
    spans = story_spans(project)
    return spans[spans["theme"] == theme].reset_index(drop=True)


def event_quotes(project) -> dict[str, str]:
    """event_id -> every report's verbatim quote with its source label, in sources.csv order:
    'Encyclopedia: “…”; The Week: “…”'."""
    labels = source_labels(project)
    order = {s: i for i, s in enumerate(source_order(project))}
    events = project.events.assign(_s=project.events["source_id"].map(order))
    events = events.sort_values(["event_id", "_s"], kind="stable")
    return {
        event_id: "; ".join(
            f"{labels[s]}: “{q}”" for s, q in zip(group["source_id"], group["quote"], strict=True)
        )
        for event_id, group in events.groupby("event_id", sort=True)
    }


def event_reports(project, event_ids: list[str], *, summaries: bool = False) -> pd.DataFrame:
    """Every report of the given events: event, source, date as reported, verbatim quote.

    Rows follow ``event_ids``, then sources.csv order. With ``summaries`` the first column is
    "What happened" (the summary of each event's best report) instead of the event id in words.
    KeyError on an unknown event id.
    """
    for event_id in event_ids:
        _event_rows(project, event_id)
    labels = source_labels(project)
    rows = project.events[project.events["event_id"].isin(event_ids)].copy()
    rows["_o"] = rows["event_id"].map({e: i for i, e in enumerate(event_ids)})
    rows["_s"] = rows["source_id"].map({s: i for i, s in enumerate(source_order(project))})
    rows = rows.sort_values(["_o", "_s"], kind="stable")
    first = (
        {"What happened": [best_report(project, e)["summary"] for e in rows["event_id"]]}
        if summaries
        else {"Event": rows["event_id"].str.replace("_", " ").to_numpy()}
    )
    return pd.DataFrame(
        {
            **first,
            "Source": rows["source_id"].map(labels).to_numpy(),
            "Date given": [
                date_label(d, p) + BASIS_SUFFIX[b]
                for d, p, b in zip(
                    rows["date"], rows["date_precision"], rows["date_basis"], strict=True
                )
            ],
            "The source's words": rows["quote"].to_numpy(),
        }
    ).reset_index(drop=True)


def claim_rows(claims: pd.DataFrame, fact_ids: list[str]) -> pd.DataFrame:
    missing = [f for f in fact_ids if f not in set(claims["fact_id"])]
    if missing:
        raise KeyError(f"no claim {', '.join(map(repr, missing))} in data/claims.csv")
    return claims[claims["fact_id"].isin(fact_ids)]


def claim_reports(project, fact_ids: list[str]) -> pd.DataFrame:
    """Every report of the given facts: what is counted, source, value as stated, quote."""
    labels = source_labels(project)
    rows = claim_rows(project.claims, fact_ids).copy()
    rows["_o"] = rows["fact_id"].map({f: i for i, f in enumerate(fact_ids)})
    rows = rows.sort_values(["_o", "row"], kind="stable")
    return pd.DataFrame(
        {
            "What is counted": rows["subject"].to_numpy(),
            "Source": rows["source_id"].map(labels).to_numpy(),
            "Value": [
                f"{display_value(v, m, h)} {u}"
                for v, m, h, u in zip(
                    rows["value"], rows["value_max"], rows["hedge"], rows["unit"], strict=True
                )
            ],
            "The source's words": rows["quote"].to_numpy(),
        }
    ).reset_index(drop=True)


def _claim_row(project, fact_id: str, source_id: str | None) -> pd.Series:
    rows = project.claims[project.claims["fact_id"] == fact_id]
    if source_id is not None:
        rows = rows[rows["source_id"] == source_id]
    if rows.empty:
        raise KeyError(f"no claim '{fact_id}' from '{source_id}' in data/claims.csv")
    return rows.iloc[0]


def claim_value(project, fact_id: str, source_id: str | None = None) -> float:
    """The value of a fact as one source (default: the first reporting it) states it."""
    return float(_claim_row(project, fact_id, source_id)["value"])


def claim_bounds(project, fact_id: str, source_id: str | None = None) -> tuple[float, float]:
    """A stated range as (value, value_max); a single value gives (value, value)."""
    row = _claim_row(project, fact_id, source_id)
    top = row["value_max"]
    return float(row["value"]), float(row["value"] if pd.isna(top) else top)


def month_window(month: str) -> tuple[str, str]:
    """'2019-03' -> ('2019-03-01', '2019-04-01'): the half-open window of one month.

    Raises ValueError for anything but an existing YYYY-MM month.
    """
    date_label(month, "month")
    start = pd.Timestamp(f"{month}-01")
    end = start + pd.offsets.MonthBegin(1)
    return f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}"


def in_window(spans: pd.DataFrame, start: str, end: str) -> pd.Series:
    """True for events whose whole span lies in [start, end) (a month-dated event in a month)."""
    return (spans["start"] >= pd.Timestamp(start)) & (spans["end"] <= pd.Timestamp(end))


def event_camps(spans: pd.DataFrame, camps: pd.DataFrame) -> dict[str, str]:
    """event_id -> the camp of the actors who acted ('maduro', 'guaido' or 'none').

    ``camps`` has columns ``actor_id`` and ``camp`` (``crisis.analysis.camps`` ``Camps.table``).
    An event takes its actors' camp when all of its actors placed in a camp share one; actors in
    no camp are ignored; an event whose actors are in no camp, or in both, is 'none'.
    """
    camp = dict(zip(camps["actor_id"], camps["camp"], strict=True))
    out = {}
    for event_id, actors in zip(spans["event_id"], spans["actors"], strict=True):
        placed = {camp.get(a, "none") for a in actors} - {"none"}
        out[event_id] = placed.pop() if len(placed) == 1 else "none"
    return out


def acting_camps(project) -> dict[str, str]:
    """event_id -> camp of its actors (``event_camps``), with the camps of the exact
    least-frustration split (``crisis.analysis.camps.placement``: no resampling, so it is cheap)."""
    from crisis.analysis.camps import placement

    camps = placement(project.events, project.actors).table
    return event_camps(story_spans(project), camps)


NO_ACTOR = "no actor named"


def _report_items(project, event_id: str, head: list[str], suffix: dict[str, str]) -> list[dict]:
    """The reports of one event in sources.csv order, for an event block: source label, the date
    it gives (with ``suffix`` for its basis), the actors it credits when they differ from
    ``head``, and its verbatim quote."""
    names, labels = actor_names(project), source_labels(project)
    order = {s: i for i, s in enumerate(source_order(project))}
    rows = _event_rows(project, event_id)
    rows = rows.assign(_s=rows["source_id"].map(order)).sort_values("_s", kind="stable")
    return [
        {
            "source": labels[r["source_id"]],
            "date": date_label(r["date"], r["date_precision"]) + suffix[r["date_basis"]],
            "credits": join_names(r["actors"], names) if list(r["actors"]) != head else "",
            "quote": r["quote"],
        }
        for r in rows.to_dict("records")
    ]


def event_blocks(project, event_ids: list[str]) -> list[dict]:
    """The given events as blocks for reading (``crisis.report.display.event_blocks``), in the
    given order: date (of the most precise report, with its basis), what happened, who → whom
    (all reports' actors and recipients, as display names), and every report in sources.csv
    order with the date it gives, the actors it credits when they differ from the block's, and
    its verbatim quote. KeyError on an unknown event id.
    """
    names = actor_names(project)
    blocks = []
    for event_id in event_ids:
        best = best_report(project, event_id)
        actors = event_actors(project, event_id)
        reports = _report_items(project, event_id, actors, BASIS_SUFFIX)
        blocks.append(
            {
                "event_id": event_id,
                "date": date_label(best["date"], best["date_precision"])
                + BASIS_SUFFIX[best["date_basis"]],
                "what": best["summary"],
                "who": join_names(actors, names) or NO_ACTOR,
                "whom": join_names(event_actors(project, event_id, "recipients"), names),
                "reports": reports,
            }
        )
    return blocks


def context_events(project) -> set[str]:
    """The ids of events whose scope is ``context``: told by the sources, not acts of the crisis."""
    events = project.events
    return set(events.loc[events["scope"] == "context", "event_id"])


def report_actors(project, event_id: str) -> dict[str, tuple[str, ...]]:
    """Who acted in each report of one event, as that source tells it: source_id -> actor ids,
    in sources.csv order. KeyError on an unknown event."""
    rows = _event_rows(project, event_id)
    found = dict(zip(rows["source_id"], rows["actors"], strict=True))
    return {s: tuple(found[s]) for s in source_order(project) if s in found}


PLAIN_BASIS = {
    "stated": "",
    "inferred": " (inferred by the book)",
    "borrowed": " (taken from another source's report)",
}


def report_led_blocks(project, event_ids: list[str]) -> list[dict]:
    """Like ``event_blocks``, but the head of each block is that of its most precise report: what
    happened, who acted and towards whom as that one report tells it, so that the head never
    names an actor its own summary leaves out. Every other report names the actors it credits
    when they differ from the head's. Dates carry a plain-words basis (``PLAIN_BASIS``) instead
    of the short codes. KeyError on an unknown event id.
    """
    names = actor_names(project)
    blocks = []
    for event_id in event_ids:
        best = best_report(project, event_id)
        head = list(best["actors"])
        reports = _report_items(project, event_id, head, PLAIN_BASIS)
        blocks.append(
            {
                "event_id": event_id,
                "date": date_label(best["date"], best["date_precision"])
                + PLAIN_BASIS[best["date_basis"]],
                "what": best["summary"],
                "who": join_names(head, names) or NO_ACTOR,
                "whom": join_names(best["recipients"], names),
                "reports": reports,
            }
        )
    return blocks


def own_reports(project, event_id: str) -> pd.DataFrame:
    """Every report of one event, each with its own summary (not the best report's): source,
    what this report says happened, date as reported, verbatim quote; sources.csv order.
    KeyError on an unknown event id."""
    table = event_reports(project, [event_id])
    rows = _event_rows(project, event_id)
    order = {s: i for i, s in enumerate(source_order(project))}
    rows = rows.assign(_s=rows["source_id"].map(order)).sort_values("_s", kind="stable")
    table = table.drop(columns="Event")
    table.insert(1, "What this report says", rows["summary"].to_numpy())
    return table
