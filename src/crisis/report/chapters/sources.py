"""Tables and values of the chapter comparing the sources: what each source covers, how many
sources report each event, how their numbers and dates compare, and whom each source mentions.
"""

from __future__ import annotations

import pandas as pd

from crisis.analysis.corroboration import ATTRIBUTION_ORDER, display_value
from crisis.report.records import best_report
from crisis.report.wording import actor_names, source_labels

STATUS_ORDER: dict[str, int] = {
    "conflict": 0, "within tolerance": 1, "agree": 2, "not comparable": 3
}  # fmt: skip


def event_source_counts(project) -> pd.Series:
    """Per event id (sorted): the number of sources that report it."""
    return project.events.groupby("event_id")["source_id"].nunique()


def source_events(project) -> dict[str, dict[str, list[str]]]:
    """Per source (sources.csv order): the ids of its events, split into ``shared`` (another
    source reports them too) and ``alone`` (only it), each in data/events.csv order."""
    events = project.events
    counts = event_source_counts(project)
    shared_ids = set(counts[counts > 1].index)
    out = {}
    for source_id in source_labels(project):
        ids = list(dict.fromkeys(events.loc[events["source_id"] == source_id, "event_id"]))
        out[source_id] = {
            "shared": [e for e in ids if e in shared_ids],
            "alone": [e for e in ids if e not in shared_ids],
        }
    return out


def source_profile(project) -> pd.DataFrame:
    """Per source: events reported, of which shared with another source or its own; facts."""
    claims = project.claims
    split = source_events(project)
    rows = []
    for source_id, label in source_labels(project).items():
        shared, alone = split[source_id]["shared"], split[source_id]["alone"]
        facts = claims.loc[claims["source_id"] == source_id, "fact_id"]
        rows.append(
            {
                "Source": label,
                "Events": len(shared) + len(alone),
                "Shared with another source": len(shared),
                "Reported by it alone": len(alone),
                "Facts (numbers)": int(facts.nunique()),
            }
        )
    return pd.DataFrame(rows)


def events_by_sources(project) -> dict[int, list[str]]:
    """The ids of the events told by one, two, three ... sources (keys ascending)."""
    counts = event_source_counts(project)
    return {int(n): list(counts[counts == n].index) for n in sorted(set(counts))}


def sources_per_event(project) -> pd.DataFrame:
    """How many events are told by one, two, three ... sources."""
    groups = events_by_sources(project)
    return pd.DataFrame(
        {"Sources reporting": list(groups), "Events": [len(ids) for ids in groups.values()]}
    )


def mention_rows(mentions: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Evidence rows of actor mentions (``find_mentions`` rows): the sentence holding each, and
    as coding the words found and the actor they name."""
    return pd.DataFrame(
        {
            "source_id": mentions["source_id"].to_numpy(),
            "quote": mentions["sentence"].to_numpy(),
            "coding": [
                f"“{alias}”: {names[a]}"
                for alias, a in zip(mentions["alias"], mentions["actor_id"], strict=True)
            ],
        },
        columns=["source_id", "quote", "coding"],
    )


def comparison_table(comparison: pd.DataFrame) -> pd.DataFrame:
    """The claim comparison for readers: conflicts first, then tolerance, then agreement."""
    ordered = comparison.assign(_s=comparison["status"].map(STATUS_ORDER)).sort_values(
        ["_s", "rel_spread", "fact_id"], ascending=[True, False, True], kind="stable"
    )
    return pd.DataFrame(
        {
            "What is counted": ordered["subject"].to_numpy(),
            "Unit": ordered["unit"].to_numpy(),
            "Values by source": ordered["values"].to_numpy(),
            "Spread": ordered["spread"].to_numpy(),
            "Spread (% of largest)": (100 * ordered["rel_spread"]).round(1).to_numpy(),
            "Status": ordered["status"].to_numpy(),
        }
    )


def claim_displays(project, fact_id: str) -> dict[str, str]:
    """How each source states one fact ('nearly 100'): source_id -> text, in sources.csv order."""
    rows = project.claims[project.claims["fact_id"] == fact_id]
    if rows.empty:
        raise KeyError(f"no claim '{fact_id}' in data/claims.csv")
    found = {
        r.source_id: display_value(r.value, r.value_max, r.hedge)
        for r in rows.itertuples(index=False)
    }
    return {s: found[s] for s in project.sources["source_id"] if s in found}


def date_disagreements(corroboration: pd.DataFrame) -> list[str]:
    """Events whose reports, read at their coarsest common precision, give different dates."""
    return sorted(corroboration.loc[~corroboration["dates_agree"], "event_id"])


def salience(mentions: pd.DataFrame, project, top: int = 12) -> pd.DataFrame:
    """Share (%) of each source's actor mentions going to the most mentioned actors overall."""
    names, labels = actor_names(project), source_labels(project)
    counts = pd.crosstab(mentions["actor_id"], mentions["source_id"])
    share = counts / counts.sum() * 100
    order = counts.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]
    out = share.loc[order, [s for s in project.sources["source_id"] if s in share.columns]]
    out.index = [names[a] for a in out.index]
    out.columns = [labels[s] for s in out.columns]
    return out.round(1)


def date_comparison_ids(corroboration: pd.DataFrame) -> dict[str, list[str]]:
    """``date_comparison`` as event ids: multi, comparable, agree (to the day or the month),
    year_only and differ, each sorted by event id."""
    multi = corroboration[corroboration["n_sources"] > 1]
    comparable = multi[multi["n_dated"] >= 2]
    agree = comparable[comparable["dates_agree"]]
    at_year = agree["compared_at"] == "year"
    return {
        "multi": sorted(multi["event_id"]),
        "comparable": sorted(comparable["event_id"]),
        "agree": sorted(agree.loc[~at_year, "event_id"]),
        "year_only": sorted(agree.loc[at_year, "event_id"]),
        "differ": sorted(comparable.loc[~comparable["dates_agree"], "event_id"]),
    }


def date_comparison(corroboration: pd.DataFrame) -> dict[str, object]:
    """How the dates of events told by several sources compare, counting own dates only.

    ``corroboration`` is ``event_corroboration``. A borrowed date is no evidence of agreement,
    so only events with at least two reports dated by their own text (``n_dated``) are compared,
    each at the finest precision its own dates share (``compared_at``). Returns: multi (events
    told by several sources), comparable (of them, with two own dates or more), agree (the
    comparable events whose own dates agree to the day or the month), year_only (the ids of
    those compatible only at the year: one report gives only the year, which is no agreement)
    and differ (the ids of the comparable events whose own dates differ).
    """
    ids = date_comparison_ids(corroboration)
    return {
        "multi": len(ids["multi"]),
        "comparable": len(ids["comparable"]),
        "agree": len(ids["agree"]),
        "year_only": ids["year_only"],
        "differ": ids["differ"],
    }


def attribution_table(project, agreement: pd.DataFrame) -> pd.DataFrame:
    """``actor_agreement`` for readers: the event, the verdict and who acted in each report.

    Differences first (in ``ATTRIBUTION_ORDER`` reversed), then by event id; actors by name,
    sources by label, reports in sources.csv order.
    """
    names, labels = actor_names(project), source_labels(project)
    order = {s: i for i, s in enumerate(project.sources["source_id"])}
    rank = {s: -i for i, s in enumerate(ATTRIBUTION_ORDER)}
    rows = agreement.assign(_r=agreement["status"].map(rank))
    rows = rows.sort_values(["_r", "event_id"], kind="stable")
    out = []
    for event_id, status in zip(rows["event_id"], rows["status"], strict=True):
        reports = project.events[project.events["event_id"] == event_id]
        reports = reports.assign(_s=reports["source_id"].map(order)).sort_values("_s")
        who = "; ".join(
            f"{labels[s]}: " + (", ".join(names[a] for a in actors) or "no one named")
            for s, actors in zip(reports["source_id"], reports["actors"], strict=True)
        )
        out.append(
            {
                "Event (one report's summary)": best_report(project, event_id)["summary"],
                "Actors compared": status.capitalize(),
                "Who acted, as each source tells it": who,
            }
        )
    return pd.DataFrame(
        out,
        columns=[
            "Event (one report's summary)",
            "Actors compared",
            "Who acted, as each source tells it",
        ],
    )


def period_events(
    spans: pd.DataFrame, source_id: str, start: str, end: str
) -> tuple[list[str], list[str]]:
    """The ids of the events (``event_spans``) starting in [start, end), and of those of them
    ``source_id`` alone reports, in the spans' order."""
    starts = spans["start"]
    inside = spans[(starts >= pd.Timestamp(start)) & (starts < pd.Timestamp(end))]
    alone = inside["source_ids"].map(lambda ids: tuple(ids) == (source_id,))
    return list(inside["event_id"]), list(inside.loc[alone, "event_id"])


def top_theme(matrix: pd.DataFrame) -> dict[str, str]:
    """Row -> the column with the largest count in a ``coverage_matrix`` (first on a tie)."""
    return {row: str(matrix.loc[row].idxmax()) for row in matrix.index}
