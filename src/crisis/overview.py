"""Numbers and reader-facing tables of the landing page and the three analysis chapters.

Everything here is a small pure function of the loaded project or of a table computed by
``crisis.network``, ``crisis.timeline`` or ``crisis.corroboration``: counts for the landing page,
the span of dates covered, the key findings, and the readable tables (actor names instead of ids,
source labels instead of source ids) that the network, timeline and sources chapters display.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML

from crisis.codebook import EVENT_TYPES
from crisis.corroboration import display_value
from crisis.network import SEEDS
from crisis.views import actor_names, date_label, source_labels


def html_table(frame: pd.DataFrame) -> HTML:
    """A table as the book shows it: every row, every character of every cell, no index column.

    A DataFrame's own notebook display truncates long cells (the sources' quotes) and long tables
    (over 60 rows); ``to_html`` does neither, escapes the text and is deterministic, and the
    ``HTML`` wrapper's plain-text form carries no memory address, so nbval can compare it.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"expected a DataFrame, got {type(frame).__name__}")
    return HTML(frame.to_html(index=False, justify="left", border=0, na_rep=""))


CAMP_NAMES: dict[str, str] = {"maduro": "Maduro", "guaido": "Guaidó", "none": "no camp"}
STATUS_ORDER: dict[str, int] = {"conflict": 0, "within tolerance": 1, "agree": 2}


# --- the landing page ---------------------------------------------------------------------------


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


# --- the actor network --------------------------------------------------------------------------


def tie_rules() -> pd.DataFrame:
    """How each event type signs and weighs a tie: PLOVER score, sign, weight = |score| / 10."""
    rows = sorted(EVENT_TYPES.values(), key=lambda t: (-t.score, t.name))
    return pd.DataFrame(
        {
            "Event type": [t.name for t in rows],
            "Quad class": [t.quad for t in rows],
            "PLOVER score": [t.score for t in rows],
            "Tie": ["positive" if t.score > 0 else "negative" for t in rows],
            "Edge weight": [round(abs(t.score) / 10, 2) for t in rows],
        }
    )


def graph_summary(graph) -> dict[str, int]:
    """Actors, actors with at least one tie, and directed actor pairs by the sign of their tie."""
    weights = [d["weight"] for _, _, d in graph.edges(data=True)]
    return {
        "actors": graph.number_of_nodes(),
        "tied_actors": sum(1 for n in graph.nodes if graph.degree(n) > 0),
        "untied_actors": sum(1 for n in graph.nodes if graph.degree(n) == 0),
        "pairs": len(weights),
        "positive_pairs": sum(w > 0 for w in weights),
        "negative_pairs": sum(w < 0 for w in weights),
        "mixed_pairs": sum(
            1 for _, _, d in graph.edges(data=True) if d["pos_weight"] > 0 and d["neg_weight"] > 0
        ),
    }


def camp_table(camps: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Members of each camp by kind of actor, by name (camps in order Maduro, Guaidó, none)."""
    info = actors.set_index("actor_id")
    frame = camps.assign(
        kind=camps["actor_id"].map(info["kind"]),
        name=camps["actor_id"].map(info["name"]),
        _c=camps["camp"].map({c: i for i, c in enumerate(CAMP_NAMES)}),
    ).sort_values(["_c", "kind", "name"], kind="stable")
    rows = []
    for (_, camp, kind), group in frame.groupby(["_c", "camp", "kind"], sort=True):
        rows.append(
            {
                "Camp": CAMP_NAMES[camp],
                "Kind": kind.replace("_", " "),
                "Actors": len(group),
                "Names": ", ".join(group["name"]),
            }
        )
    return pd.DataFrame(rows, columns=["Camp", "Kind", "Actors", "Names"])


def role_camps(camps: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Actors per role (participant, media, commentator) and camp."""
    roles = camps["actor_id"].map(actors.set_index("actor_id")["role"])
    table = pd.crosstab(roles, camps["camp"]).reindex(columns=list(CAMP_NAMES), fill_value=0)
    table.columns = [CAMP_NAMES[c] for c in table.columns]
    table.index.name = "Role"
    return table.astype(int).reset_index()


def _single_tie(camps: pd.DataFrame) -> pd.Series:
    """Placed, non-seed actors with exactly one tie."""
    return (camps["camp"] != "none") & ~camps["seed"] & (camps["n_ties"] == 1)


def single_tie_actors(camps: pd.DataFrame) -> int:
    """How many actors in a camp owe their place to a single tie (seeds excluded)."""
    return int(_single_tie(camps).sum())


def single_tie_names(
    camps: pd.DataFrame, actors: pd.DataFrame, kind: str | None = None
) -> list[str]:
    """Names of the placed, non-seed actors with a single tie (of one ``kind`` if given)."""
    info = actors.set_index("actor_id")
    placed = camps[_single_tie(camps)]
    if kind is not None:
        placed = placed[placed["actor_id"].map(info["kind"]) == kind]
    return sorted(placed["actor_id"].map(info["name"]))


def top_actors(
    centrality: pd.DataFrame, actors: pd.DataFrame, layer: str, n: int = 10, by: str = "degree"
) -> pd.DataFrame:
    """The ``n`` leading actors of the ``pos`` or ``neg`` layer, ranked ``by`` degree or PageRank.

    Ties in the ranking are broken by the other measure, then by actor_id, so the order is stable.
    """
    if layer not in ("pos", "neg"):
        raise ValueError(f"layer must be 'pos' or 'neg', not '{layer}'")
    if by not in ("degree", "pagerank"):
        raise ValueError(f"by must be 'degree' or 'pagerank', not '{by}'")
    other = "pagerank" if by == "degree" else "degree"
    info = actors.set_index("actor_id")
    top = centrality.sort_values(
        [f"{by}_{layer}", f"{other}_{layer}", "actor_id"],
        ascending=[False, False, True],
        kind="stable",
    ).head(n)
    return pd.DataFrame(
        {
            "Actor": top["actor_id"].map(info["name"]).to_numpy(),
            "Kind": top["actor_id"].map(info["kind"]).str.replace("_", " ").to_numpy(),
            "Ties": top[f"degree_{layer}"].to_numpy(),
            "Betweenness": top[f"betweenness_{layer}"].round(4).to_numpy(),
            "PageRank": top[f"pagerank_{layer}"].round(4).to_numpy(),
        }
    )


def fragile_camps(robustness: pd.DataFrame, project) -> pd.DataFrame:
    """Actors whose camp changes when one source is left out: which source, and to what."""
    names, labels = actor_names(project), source_labels(project)
    rows = []
    for record in robustness[robustness["depends_on"] != ""].itertuples(index=False):
        for source_id in record.depends_on.split("|"):
            rows.append(
                {
                    "Actor": names[record.actor_id],
                    "Camp": CAMP_NAMES[record.camp],
                    "Left out": labels[source_id],
                    "Camp without it": CAMP_NAMES[getattr(record, f"without_{source_id}")],
                }
            )
    frame = pd.DataFrame(rows, columns=["Actor", "Camp", "Left out", "Camp without it"])
    return frame.sort_values(["Left out", "Camp", "Actor"], kind="stable").reset_index(drop=True)


def dependence_counts(robustness: pd.DataFrame, project) -> pd.DataFrame:
    """For each source, how many camp assignments change when it is left out."""
    labels = source_labels(project)
    rows = []
    for source_id in project.sources["source_id"]:
        column = f"without_{source_id}"
        changed = (
            int((robustness[column] != robustness["camp"]).sum()) if column in robustness else 0
        )
        rows.append({"Source left out": labels[source_id], "Assignments that change": changed})
    return pd.DataFrame(rows)


def robust_core(
    robustness: pd.DataFrame, camps: pd.DataFrame, project, min_ties: int = 3
) -> list[str]:
    """Placed actors with at least ``min_ties`` ties whose camp no single source decides.

    Names, most ties first (then alphabetical).
    """
    names = actor_names(project)
    frame = camps.merge(robustness[["actor_id", "depends_on"]], on="actor_id", validate="1:1")
    core = frame[(frame["camp"] != "none") & (frame["depends_on"] == "")]
    core = core[core["n_ties"] >= min_ties].assign(name=lambda d: d["actor_id"].map(names))
    core = core.sort_values(["n_ties", "name"], ascending=[False, True], kind="stable")
    return list(core["name"])


def sanction_events(events: pd.DataFrame, camps: pd.DataFrame) -> dict[str, list[str]]:
    """The SANCTION events imposed by members of each camp (event ids, sorted).

    An event whose actors sit in two camps is listed under both.
    """
    camp = dict(zip(camps["actor_id"], camps["camp"], strict=True))
    sanctions = events[events["event_type"] == "SANCTION"]
    found: dict[str, set[str]] = {c: set() for c in CAMP_NAMES}
    for event_id, actors in zip(sanctions["event_id"], sanctions["actors"], strict=True):
        for actor in actors:
            found[camp.get(actor, "none")].add(event_id)
    return {c: sorted(ids) for c, ids in found.items()}


def sanctions_by_camp(events: pd.DataFrame, camps: pd.DataFrame) -> dict[str, int]:
    """Distinct SANCTION events imposed by members of each camp (an event counts once per camp)."""
    return {c: len(ids) for c, ids in sanction_events(events, camps).items()}


def frustrated_table(frustrated: pd.DataFrame, project) -> pd.DataFrame:
    """The ties that break structural balance, with the events behind each."""
    names = actor_names(project)
    summary = project.events.drop_duplicates("event_id").set_index("event_id")["summary"]
    return pd.DataFrame(
        {
            "From": frustrated["source"].map(names).to_numpy(),
            "To": frustrated["target"].map(names).to_numpy(),
            "Camps": [
                f"{CAMP_NAMES[a]} → {CAMP_NAMES[b]}"
                for a, b in zip(frustrated["source_camp"], frustrated["target_camp"], strict=True)
            ],
            "Net weight": frustrated["weight"].to_numpy(),
            "Events": [
                " / ".join(summary[e] for e in ids.split("|")) for ids in frustrated["event_ids"]
            ],
        }
    )


# --- the timeline -------------------------------------------------------------------------------


def precision_counts(spans: pd.DataFrame) -> dict[str, int]:
    """Events drawn as a day, a month or a year (each event once, at its best precision)."""
    counts = spans["date_precision"].value_counts()
    return {p: int(counts.get(p, 0)) for p in ("day", "month", "year")}


def basis_counts(frame: pd.DataFrame) -> dict[str, int]:
    """Rows whose date is stated and rows whose date is inferred (events or event reports)."""
    counts = frame["date_basis"].value_counts()
    return {b: int(counts.get(b, 0)) for b in ("stated", "inferred")}


def dating_notes(project, event_id: str) -> pd.DataFrame:
    """How each source's report of an event was dated: as given, stated or inferred, and why."""
    rows = project.events[project.events["event_id"] == event_id]
    if rows.empty:
        raise KeyError(f"no event '{event_id}' in data/events.csv")
    order = {s: i for i, s in enumerate(project.sources["source_id"])}
    rows = rows.assign(_s=rows["source_id"].map(order)).sort_values("_s", kind="stable")
    labels = source_labels(project)
    return pd.DataFrame(
        {
            "Source": rows["source_id"].map(labels).to_numpy(),
            "Date": [
                date_label(d, p) for d, p in zip(rows["date"], rows["date_precision"], strict=True)
            ],
            "Basis": rows["date_basis"].to_numpy(),
            "How the date was fixed": [n or "—" for n in rows["note"]],
        }
    )


def year_counts(spans: pd.DataFrame, year: int) -> dict[str, int]:
    """Events that start before ``year``, in it, and after it."""
    years = spans["start"].dt.year
    return {
        "before": int((years < year).sum()),
        "during": int((years == year).sum()),
        "after": int((years > year).sum()),
    }


def busiest_month(counts: pd.DataFrame, year: int) -> tuple[str, int]:
    """The month (label) with most events in a ``monthly_counts`` table, and its count.

    Ties go to the earlier month.
    """
    totals = counts.sum(axis=1)
    if totals.empty or totals.max() == 0:
        raise ValueError(f"no event is dated to a month of {year}")
    month = int(totals.idxmax())
    return date_label(f"{year}-{month:02d}", "month"), int(totals.max())


def report_dates(project, event_id: str) -> dict[str, str]:
    """How each source dates one event: source_id -> date label, in sources.csv order."""
    rows = project.events[project.events["event_id"] == event_id]
    if rows.empty:
        raise KeyError(f"no event '{event_id}' in data/events.csv")
    found = {
        r.source_id: date_label(r.date, r.date_precision) for r in rows.itertuples(index=False)
    }
    return {s: found[s] for s in project.sources["source_id"] if s in found}


def multi_source_events(spans: pd.DataFrame, project) -> pd.DataFrame:
    """Events reported by more than one source: date as drawn, summary, the sources."""
    labels = source_labels(project)
    rows = spans[spans["n_sources"] > 1]
    return pd.DataFrame(
        {
            "Date (as drawn)": [
                date_label(d, p) for d, p in zip(rows["date"], rows["date_precision"], strict=True)
            ],
            "Theme": rows["theme"].to_numpy(),
            "What happened": rows["summary"].to_numpy(),
            "Sources": [", ".join(labels[s] for s in ids) for ids in rows["source_ids"]],
            "Reports": rows["n_sources"].to_numpy(),
        }
    )


# --- the sources --------------------------------------------------------------------------------


def source_profile(project) -> pd.DataFrame:
    """Per source: events reported, of which shared with another source or its own; facts."""
    events, claims = project.events, project.claims
    shared = events.groupby("event_id")["source_id"].nunique()
    shared_ids = set(shared[shared > 1].index)
    rows = []
    for source_id, label in source_labels(project).items():
        ids = set(events.loc[events["source_id"] == source_id, "event_id"])
        facts = claims.loc[claims["source_id"] == source_id, "fact_id"]
        rows.append(
            {
                "Source": label,
                "Events": len(ids),
                "Shared with another source": len(ids & shared_ids),
                "Reported by it alone": len(ids - shared_ids),
                "Facts (numbers)": int(facts.nunique()),
            }
        )
    return pd.DataFrame(rows)


def sources_per_event(project) -> pd.DataFrame:
    """How many events are told by one, two, three ... sources."""
    counts = project.events.groupby("event_id")["source_id"].nunique().value_counts().sort_index()
    return pd.DataFrame({"Sources reporting": counts.index, "Events": counts.to_numpy()})


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
