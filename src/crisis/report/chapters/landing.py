"""Numbers of the landing page: the size of the dataset, the span of dates, the camps' sizes,
the states backing each claimant and the range of values a fact is given.

Each count the page prints comes with the rows it counts, as evidence rows
(``crisis.report.evidence.ROW_COLUMNS``: source, verbatim quote, coding), so that the number
and its evidence are computed from one frame: ``source_rows``, ``actor_rows``,
``backing_reports``, ``monthly_events``, ``act_rows`` and
``tie_rows``.
"""

from __future__ import annotations

import pandas as pd

from crisis.analysis.camps import frustrated_ties
from crisis.analysis.mentions import find_mentions
from crisis.analysis.network import SEEDS
from crisis.analysis.timeline import monthly_counts
from crisis.data.codebook import score
from crisis.data.dates import date_label
from crisis.report.chapters.timeline import busiest_month
from crisis.report.evidence import ROW_COLUMNS, event_rows
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


BACKING_COLUMNS = ["side", "state", *ROW_COLUMNS]


def backing_reports(project, seeds: dict[str, tuple[str, ...]] = SEEDS) -> pd.DataFrame:
    """The SUPPORT reports that show a state backing a principal: one row per report and state
    it names (``BACKING_COLUMNS``: the side, the state's name and the evidence row of the
    report, its coding naming the state), by side, then state name, then data/events.csv order.
    """
    names = actor_names(project)
    kind = dict(zip(project.actors["actor_id"], project.actors["kind"], strict=True))
    support = project.events[project.events["event_type"] == "SUPPORT"]
    records = []
    for side, principals in sorted(seeds.items()):
        for r in support.to_dict("records"):
            if not set(r["recipients"]) & set(principals):
                continue
            for actor in r["actors"]:
                if kind[actor] == "state":
                    coding = (
                        f"{names[actor]}: support, "
                        f"{date_label(r['date'], r['date_precision'])}, date {r['date_basis']}"
                    )
                    records.append((side, names[actor], r["source_id"], r["quote"], coding))
    frame = pd.DataFrame.from_records(records, columns=BACKING_COLUMNS)
    return frame.sort_values(["side", "state"], kind="stable").reset_index(drop=True)


def backing_states(project, seeds: dict[str, tuple[str, ...]] = SEEDS) -> dict[str, list[str]]:
    """Names of the states that a SUPPORT event shows backing each principal (sorted); the rows
    behind them are ``backing_reports``."""
    reports = backing_reports(project, seeds)
    return {
        side: sorted(set(reports.loc[reports["side"] == side, "state"])) for side in sorted(seeds)
    }


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


def actor_rows(project) -> pd.DataFrame:
    """One evidence row per actor, in actors.csv order: the first sentence (sources in
    sources.csv order) that names it, and its name and kind. Raises ValueError for an actor that
    no source names."""
    order = {s: i for i, s in enumerate(project.sources["source_id"])}
    mentions = find_mentions(project)
    mentions = mentions.assign(_s=mentions["source_id"].map(order))
    first = mentions.sort_values(["_s", "start"], kind="stable").drop_duplicates("actor_id")
    first = first.set_index("actor_id")
    missing = [a for a in project.actors["actor_id"] if a not in first.index]
    if missing:
        raise ValueError(f"no source names the actor(s) {', '.join(missing)}")
    ids = project.actors["actor_id"]
    return pd.DataFrame(
        {"source_id": first.loc[ids, "source_id"].to_numpy(),
         "quote": first.loc[ids, "sentence"].to_numpy(),
         "coding": [f"{n}, {k.replace('_', ' ')}" for n, k in
                    zip(project.actors["name"], project.actors["kind"], strict=True)]},
        columns=ROW_COLUMNS,
    )  # fmt: skip


def monthly_events(spans: pd.DataFrame, themes: list[str], year: int = 2019):
    """``monthly_counts`` with the events it counts: ``(counts, placed, undated)``.

    ``placed`` has one row per event drawn (event_id, month, theme); ``undated`` lists the ids
    of the events of ``year`` dated only to the year. Raises ValueError if they do not add up to
    the counts (the two would have drifted apart).
    """
    counts = monthly_counts(spans, themes, year)
    in_year = spans[spans["start"].dt.year == year]
    dated = in_year[in_year["date_precision"] != "year"]
    placed = pd.DataFrame({"event_id": dated["event_id"].to_numpy(),
                           "month": dated["start"].dt.month.to_numpy(),
                           "theme": dated["theme"].to_numpy()})  # fmt: skip
    undated = list(in_year.loc[in_year["date_precision"] == "year", "event_id"])
    tally = placed.groupby(["month", "theme"]).size()
    drawn = counts.stack()
    drawn = drawn[drawn > 0]
    if (
        not tally.sort_index().equals(drawn.sort_index().rename_axis(["month", "theme"]))
        or len(undated) != counts.attrs["undated_in_year"]
    ):
        raise ValueError("the events listed do not add up to the monthly counts")
    return counts, placed, undated


def busiest_month_events(counts: pd.DataFrame, placed: pd.DataFrame, year: int):
    """The busiest month's label (``timeline.busiest_month``) and the ids of its events, from
    ``monthly_events``."""
    label, n = busiest_month(counts, year)
    month = int(counts.sum(axis=1).idxmax())
    ids = list(placed.loc[placed["month"] == month, "event_id"])
    if len(ids) != n:
        raise ValueError(f"{label} has {n} events in the counts but {len(ids)} listed")
    return label, ids


def act_rows(project, table: pd.DataFrame) -> pd.DataFrame:
    """The evidence of actors placed by their acts: for each actor of ``table`` (rows of
    ``crisis.analysis.camps`` ``Camps.table``, in its order), every report of an event in its
    ``evidence`` (its acts) that names it among the actors - a report keeps its own actors -
    the coding naming the actor. Raises ValueError for an actor without such a report."""
    from crisis.report.evidence import report_rows

    names = actor_names(project)
    events = project.events
    frames = []
    for actor, acts in zip(table["actor_id"], table["evidence"], strict=True):
        own = events[events["event_id"].isin(acts.split("|") if acts else [])
                     & events["actors"].map(lambda named, a=actor: a in named)]  # fmt: skip
        if own.empty:
            raise ValueError(f"actor {actor!r} has no act to show")
        rows = report_rows(project, own)
        frames.append(rows.assign(coding=f"{names[actor]} acts: " + rows["coding"]))
    if not frames:
        return pd.DataFrame(columns=ROW_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def tie_rows(project, camps) -> pd.DataFrame:
    """Every report of the events behind the ties of ``camps`` (``crisis.analysis.camps``
    ``Camps``): first those of the ties the split contradicts, their coding saying so, then the
    others, each group in data/events.csv order."""
    contradicted = set(frustrated_ties(camps)["event_id"])
    tied = set(camps.edges["event_id"])
    first = event_rows(project, sorted(contradicted)) if contradicted else None
    rest = event_rows(project, sorted(tied - contradicted))
    if first is None:
        return rest
    first = first.assign(coding="a tie the split contradicts: " + first["coding"])
    return pd.concat([first, rest], ignore_index=True)
