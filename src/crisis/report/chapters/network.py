"""Tables and values of the actor-network chapter: the tie rules, the graph's size, the camps
and their robustness by source, the most central actors and the ties that break the balance.
"""

from __future__ import annotations

import pandas as pd

from crisis.data.codebook import EVENT_TYPES
from crisis.report.wording import CAMP_NAMES, actor_names, source_labels


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
