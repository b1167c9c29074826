"""Numbers of the landing page: the size of the dataset, the span of dates, the camps' sizes,
the states backing each claimant and the range of values a fact is given.
"""

from __future__ import annotations

import pandas as pd

from crisis.analysis.network import SEEDS
from crisis.data.codebook import score
from crisis.data.dates import date_label
from crisis.report.wording import CAMP_NAMES, actor_names


def project_counts(project) -> dict[str, int]:
    """Counts of sources, actors, events, event reports, claims and facts (and their overlap)."""
    events, claims = project.events, project.claims
    event_sources = events.groupby("event_id")["source_id"].nunique()
    fact_sources = claims.groupby("fact_id")["source_id"].nunique()
    return {
        "sources": len(project.sources),
        "actors": len(project.actors),
        "events": int(events["event_id"].nunique()),
        "event_reports": len(events),
        "multi_source_events": int((event_sources > 1).sum()),
        "claims": len(claims),
        "facts": int(claims["fact_id"].nunique()),
        "multi_source_facts": int((fact_sources > 1).sum()),
    }


def date_range(spans: pd.DataFrame) -> tuple[str, str]:
    """Labels of the earliest and the latest event, each at its own precision."""
    if spans.empty:
        raise ValueError("no events: the date range is undefined")
    first = spans.sort_values(["start", "event_id"], kind="stable").iloc[0]
    last = spans.sort_values(["end", "start", "event_id"], kind="stable").iloc[-1]
    return (
        date_label(first["date"], first["date_precision"]),
        date_label(last["date"], last["date_precision"]),
    )


def year_range(spans: pd.DataFrame) -> tuple[int, int]:
    """The first and the last calendar year an event may fall in."""
    if spans.empty:
        raise ValueError("no events: the year range is undefined")
    last = spans["end"].max() - pd.Timedelta(days=1)
    return int(spans["start"].min().year), int(last.year)


def camp_sizes(camps: pd.DataFrame) -> dict[str, int]:
    """Actors per computed camp, always with the three keys maduro, guaido and none."""
    unknown = sorted(set(camps["camp"]) - set(CAMP_NAMES))
    if unknown:
        raise ValueError(f"unknown camp(s): {', '.join(unknown)}")
    counts = camps["camp"].value_counts()
    return {camp: int(counts.get(camp, 0)) for camp in CAMP_NAMES}


def backing_states(project, seeds: dict[str, tuple[str, ...]] = SEEDS) -> dict[str, list[str]]:
    """Names of the states that a SUPPORT event shows backing each principal (sorted)."""
    names = actor_names(project)
    kind = dict(zip(project.actors["actor_id"], project.actors["kind"], strict=True))
    support = project.events[project.events["event_type"] == "SUPPORT"]
    out: dict[str, list[str]] = {}
    for side, principals in sorted(seeds.items()):
        found = {
            actor
            for actors, recipients in zip(support["actors"], support["recipients"], strict=True)
            if set(recipients) & set(principals)
            for actor in actors
            if kind[actor] == "state"
        }
        out[side] = sorted(names[a] for a in found)
    return out


def value_range(claims: pd.DataFrame, fact_id: str) -> tuple[float, float]:
    """The smallest and the largest value the sources give for one fact (ranges included)."""
    rows = claims[claims["fact_id"] == fact_id]
    if rows.empty:
        raise KeyError(f"no claim '{fact_id}' in data/claims.csv")
    values = pd.concat([rows["value"], rows["value_max"].dropna()])
    return float(values.min()), float(values.max())


def differing_facts(comparison: pd.DataFrame) -> pd.DataFrame:
    """The facts (from ``compare_claims``) whose sources do not give one identical value."""
    return comparison[comparison["status"] != "agree"].reset_index(drop=True)


def percent(part: int, whole: int) -> float:
    """``part`` as a percentage of ``whole``, to one decimal."""
    if whole <= 0:
        raise ValueError("the whole must be positive")
    if not 0 <= part <= whole:
        raise ValueError(f"part {part} is not between 0 and {whole}")
    return round(100 * part / whole, 1)


def sources_reporting_backing(project, state: str, principals: tuple[str, ...]) -> list[str]:
    """The sources (in sources.csv order) with a report of a cooperative act — an event type of
    positive PLOVER score — by ``state`` or an actor belonging to it, towards one of
    ``principals``. Raises KeyError for a state not in the actors table."""
    if state not in set(project.actors["actor_id"]):
        raise KeyError(f"no actor '{state}' in data/actors.csv")
    belongs = dict(zip(project.actors["actor_id"], project.actors["country"], strict=True))
    found = {
        source
        for source, etype, actors, recipients in zip(
            project.events["source_id"],
            project.events["event_type"],
            project.events["actors"],
            project.events["recipients"],
            strict=True,
        )
        if score(etype) > 0
        and set(recipients) & set(principals)
        and any(a == state or belongs.get(a) == state for a in actors)
    }
    return [s for s in project.sources["source_id"] if s in found]


def events_told_by_all(project) -> list[str]:
    """The events every source reports, in the order data/events.csv first reports them."""
    events = project.events
    per_event = events.groupby("event_id")["source_id"].nunique()
    everyone = set(per_event[per_event == len(project.sources)].index)
    first = events[events["event_id"].isin(everyone)].sort_values("row", kind="stable")
    return list(first.drop_duplicates("event_id")["event_id"])
