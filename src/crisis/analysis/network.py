"""The actor network: a signed, weighted, directed graph built from the coded events.

Each report of an event gives one edge from every actor to every recipient it names (an actor is
never tied to itself). Its sign and weight come from the event type's PLOVER score
(``crisis.data.codebook``): sign = sign of the score, weight = |score| / 10. Several reports of one
event (same ``event_id``) make one edge, not several; when they name different actors or
recipients, the edges are the union of the pairs each report states.

The book's camps are computed in ``crisis.analysis.camps`` (exact structural balance, placement
by an actor's own acts). ``compute_camps`` here is the earlier seeded solve (the principals and
their governments fixed, every other actor the weighted average of its neighbours' stances); it is
kept only so that the network chapter can show what the exact method changes, and for the landing
page until it moves to ``camps.placement``. Do not use it for new findings.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from crisis.data.codebook import EVENT_TYPES

SEEDS: dict[str, tuple[str, ...]] = {
    "maduro": ("nicolas_maduro", "maduro_government"),
    "guaido": ("juan_guaido", "national_assembly"),
}
PRINCIPALS = SEEDS  # the two principals and the bodies that act for them
SIDE = {"maduro": 1, "guaido": -1}
ZERO = 1e-9  # a summed tie weight this close to 0 carries no sign
CAMP_COLUMNS = [
    "actor_id", "camp", "stance", "score_maduro", "score_guaido", "net", "seed", "n_ties",
    "evidence",
]  # fmt: skip
EDGE_COLUMNS = [
    "source", "target", "event_id", "event_type", "theme", "score", "sign", "weight",
    "source_ids", "n_sources",
]  # fmt: skip


def crisis_events(events: pd.DataFrame) -> pd.DataFrame:
    """The reports of crisis-scope events: the acts of the crisis, without the background and
    asides (``scope = context``, e.g. a measure against a third country for reasons of its own),
    which may be narrated but neither place actors in camps nor count as acts of the crisis.

    Raises ValueError when the events have no ``scope`` column.
    """
    if "scope" not in events.columns:
        raise ValueError("events have no 'scope' column: cannot tell the crisis from its context")
    return events[events["scope"] == "crisis"]


def edge_table(events: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, actor, recipient) pair stated by at least one report of the event.

    Pairs are formed within each report (an actor of one report is never paired with a recipient
    that only another report names); the edges of an event are the union of its reports' pairs,
    and ``source_ids`` / ``n_sources`` name the reports that state each pair. Events without
    recipients give no edge. Sorted by source, target, event_id. Raises ValueError on an event
    type the codebook does not know or on reports of one event that disagree on its type.
    """
    unknown = sorted(set(events["event_type"]) - set(EVENT_TYPES))
    if unknown:
        raise ValueError(f"unknown event type(s): {', '.join(map(str, unknown))}")
    mixed = sorted(
        str(e) for e, n in events.groupby("event_id")["event_type"].nunique().items() if n > 1
    )
    if mixed:
        raise ValueError(f"reports of one event disagree on its type: {', '.join(mixed)}")
    records = []
    for event_id, group in events.groupby("event_id", sort=True):
        first = group.iloc[0]
        pairs = sorted(
            {(a, r) for acts, recs in zip(group["actors"], group["recipients"], strict=True)
             for a in acts for r in recs if a != r}
        )  # fmt: skip
        score = EVENT_TYPES[first["event_type"]].score
        for a, r in pairs:
            stated = group[[a in acts and r in recs for acts, recs in
                            zip(group["actors"], group["recipients"], strict=True)]]  # fmt: skip
            sources = tuple(sorted(set(stated["source_id"])))
            records.append(
                (a, r, event_id, first["event_type"], first["theme"], score,
                 1 if score > 0 else -1, round(abs(score) / 10, 4), sources, len(sources))
            )  # fmt: skip
    frame = pd.DataFrame.from_records(records, columns=EDGE_COLUMNS)
    return frame.sort_values(["source", "target", "event_id"], kind="stable").reset_index(drop=True)


def build_graph(events: pd.DataFrame, actors: pd.DataFrame) -> nx.DiGraph:
    """Every actor as a node; edges aggregated per (actor, recipient) with signed weights.

    Nodes carry ``name``, ``kind``, ``country`` and ``role``; each edge carries ``weight`` (the
    signed sum over its events), ``pos_weight`` and ``neg_weight`` (the cooperative and the
    conflictual parts, both >= 0), ``n_events``, ``event_ids`` and ``event_types``. Nodes and
    edges are inserted in sorted order. Raises ValueError when an event names an actor that is
    not in ``actors``.
    """
    strangers = sorted(
        {a for column in ("actors", "recipients") for t in events[column] for a in t}
        - set(actors["actor_id"])
    )
    if strangers:
        raise ValueError(f"events name actors not in the actor table: {', '.join(strangers)}")
    graph = nx.DiGraph()
    for row in actors.sort_values("actor_id").itertuples(index=False):
        graph.add_node(
            row.actor_id, name=row.name, kind=row.kind, country=row.country, role=row.role
        )
    edges = edge_table(events)
    for (a, r), group in edges.groupby(["source", "target"], sort=True):
        signed = group["sign"] * group["weight"]
        graph.add_edge(
            a,
            r,
            weight=round(float(signed.sum()), 4),
            pos_weight=round(float(signed[signed > 0].sum()), 4),
            neg_weight=round(float(-signed[signed < 0].sum()), 4),
            n_events=len(group),
            event_ids=tuple(group["event_id"]),
            event_types=tuple(group["event_type"]),
        )
    return graph


def signed_ties(graph: nx.DiGraph) -> dict[str, dict[str, float]]:
    """Undirected signed tie strength between each pair: the sum of both directions' weights.

    A pair whose cooperative and conflictual events cancel out (|sum| < ``ZERO``) has no signed
    tie and is left out.
    """
    ties: dict[str, dict[str, float]] = {n: {} for n in sorted(graph.nodes)}
    for a, b, data in sorted(graph.edges(data=True)):
        ties[a][b] = ties[a].get(b, 0.0) + data["weight"]
        ties[b][a] = ties[b].get(a, 0.0) + data["weight"]
    return {n: {m: w for m, w in sorted(t.items()) if abs(w) >= ZERO} for n, t in ties.items()}


def check_seeds(seeds: dict[str, tuple[str, ...]]) -> None:
    """Refuse seeds that are not exactly the two sides ``maduro`` and ``guaido``, each a tuple
    of actor ids, with no actor on both sides."""
    if sorted(seeds) != sorted(SIDE):
        raise ValueError(f"seeds must name exactly the sides {sorted(SIDE)}, not {sorted(seeds)}")
    for side, ids in seeds.items():
        if isinstance(ids, str) or not all(isinstance(i, str) for i in ids):
            raise ValueError(f"the seeds of side '{side}' must be a tuple of actor ids")
    both = sorted(set(seeds["maduro"]) & set(seeds["guaido"]))
    if both:
        raise ValueError(f"actor(s) seeded on both sides: {', '.join(both)}")


def compute_camps(graph: nx.DiGraph, seeds: dict[str, tuple[str, ...]] = SEEDS) -> pd.DataFrame:
    """Each actor's camp (``maduro``, ``guaido`` or ``none``) from the signed structure.

    Seeds are fixed at +1 (Maduro) and -1 (Guaidó). Every other participant's stance is the
    weighted average of its neighbours' stances, each multiplied by the sign of the tie (a friend
    passes its stance on, an enemy the opposite): x_i = sum_j w_ij x_j / sum_j |w_ij|. This
    signed harmonic system has one solution, found by a linear solve, so the result does not
    depend on the order of the actors. The camp is the sign of the stance; actors with no signed
    path to a seed, or a stance of exactly zero, are ``none``. Media and commentators keep their
    ties but hold stance 0 and are placed in no camp: they report or analyse rather than take part.

    Columns: ``actor_id``, ``camp``, ``stance`` (the solved value in [-1, 1]; > 0 Maduro),
    ``score_maduro`` and ``score_guaido`` (the signed sum of the actor's direct ties to each
    side's seeds: > 0 cooperation, < 0 conflict), ``net`` (score_maduro - score_guaido, the direct
    lean before indirect ties count), ``seed``, ``n_ties`` (actors it has a signed tie with) and
    ``evidence`` (its strongest direct ties). One row per node, sorted by actor_id. Seeds absent
    from the graph are ignored; raises ValueError on malformed seeds (``check_seeds``).
    """
    check_seeds(seeds)
    ties = signed_ties(graph)
    nodes = sorted(ties)
    value = dict.fromkeys(nodes, 0.0)
    fixed: set[str] = set()
    for camp, ids in sorted(seeds.items()):
        for node in ids:
            if node in value:
                value[node] = float(SIDE[camp])
                fixed.add(node)
    movable = [
        n for n in nodes
        if n not in fixed and graph.nodes[n].get("role", "participant") == "participant"
        and _reaches(n, ties, fixed)
    ]  # fmt: skip
    index = {n: i for i, n in enumerate(movable)}
    a = np.eye(len(movable))
    b = np.zeros(len(movable))
    for n in movable:
        total = sum(abs(w) for w in ties[n].values())
        for nb, w in ties[n].items():
            if nb in index:
                a[index[n], index[nb]] -= w / total
            else:
                b[index[n]] += w * value[nb] / total
    if movable:
        for n, x in zip(movable, np.linalg.solve(a, b), strict=True):
            value[n] = float(x)
    name = {1: "maduro", -1: "guaido", 0: "none"}
    records = []
    for n in nodes:
        score = {side: sum(ties[n].get(s, 0.0) for s in ids) for side, ids in seeds.items()}
        records.append(
            {
                "actor_id": n,
                "camp": name[(value[n] > ZERO) - (value[n] < -ZERO)],
                "stance": round(value[n], 4) + 0.0,
                "score_maduro": round(score["maduro"], 4) + 0.0,
                "score_guaido": round(score["guaido"], 4) + 0.0,
                "net": round(score["maduro"] - score["guaido"], 4) + 0.0,
                "seed": n in fixed,
                "n_ties": len(ties[n]),
                "evidence": _evidence(graph, n),
            }
        )
    return pd.DataFrame.from_records(records, columns=CAMP_COLUMNS)


def _reaches(node: str, ties: dict[str, dict[str, float]], fixed: set[str]) -> bool:
    """Whether ``node`` has a path of ties to a seed (so its stance is determined)."""
    seen, stack = {node}, [node]
    while stack:
        for nb in ties[stack.pop()]:
            if nb in fixed:
                return True
            if nb not in seen:
                seen.add(nb)
                stack.append(nb)
    return False


def _evidence(graph: nx.DiGraph, node: str, limit: int = 3) -> str:
    """The strongest direct ties of an actor, as readable text, strongest first (ties of equal
    strength in text order): 'SUPPORT→juan_guaido (2 events); SANCTION←united_states (1 event)'.
    The arrow points from the actor to a recipient (→) or to the actor from another (←)."""
    items = []
    for a, b, data in list(graph.out_edges(node, data=True)) + list(
        graph.in_edges(node, data=True)
    ):
        other, arrow = (b, "→") if a == node else (a, "←")
        types = "/".join(sorted(set(data["event_types"])))
        count = data["n_events"]
        text = f"{types}{arrow}{other} ({count} event{'s' if count != 1 else ''})"
        items.append((-abs(data["weight"]), text))
    return "; ".join(text for _, text in sorted(items)[:limit])


def _layer(graph: nx.DiGraph, positive: bool) -> nx.DiGraph:
    """The positive (cooperative) or negative (conflictual) layer: every node, and the edges with
    a part of that sign, weighted by its size and with distance = 1 / weight."""
    layer = nx.DiGraph()
    layer.add_nodes_from(sorted(graph.nodes))
    for a, b, data in sorted(graph.edges(data=True)):
        w = data["pos_weight"] if positive else data["neg_weight"]
        if w > 0:
            layer.add_edge(a, b, weight=w, distance=1 / w)
    return layer


def centrality(graph: nx.DiGraph) -> pd.DataFrame:
    """Degree, betweenness and PageRank on the positive and the negative layers separately.

    A pair tied by both kinds of event is in both layers, with the cooperative part of its weight
    in one and the conflictual part in the other. Degree counts in- and out-ties; betweenness is
    normalised and uses distance = 1 / weight (strong ties are short); PageRank uses alpha 0.85,
    tolerance 1e-12 and the weights. Sorted by pagerank_pos (descending), then actor_id; measures
    rounded to 6 decimals so that the export is byte-stable.
    """
    out = pd.DataFrame({"actor_id": sorted(graph.nodes)})
    for name, positive in (("pos", True), ("neg", False)):
        layer = _layer(graph, positive)
        degree = dict(layer.degree())
        between = nx.betweenness_centrality(layer, weight="distance", normalized=True)
        rank = nx.pagerank(layer, alpha=0.85, weight="weight", max_iter=1000, tol=1e-12)
        out[f"degree_{name}"] = out["actor_id"].map(degree).astype(int)
        out[f"betweenness_{name}"] = out["actor_id"].map(between).round(6)
        out[f"pagerank_{name}"] = out["actor_id"].map(rank).round(6)
    return out.sort_values(["pagerank_pos", "actor_id"], ascending=[False, True]).reset_index(
        drop=True
    )
