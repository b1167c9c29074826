"""Tables and values of the actor-network chapter: the tie rules, the graph's size, the camps
(``crisis.analysis.camps``) with their members, the actors left unplaced, the frustrated ties in
the sources' words, the robustness by source, the comparison with the earlier seeded solve and the
most central actors. Every table shows names and labels, never ids.

The evidence of the chapter's counts: ``edge_reports`` turns event edges into one row per
report, ``tie_reports`` / ``act_reports`` / ``received_reports`` select the reports that make a
set of ties, place a set of actors or are all an actor receives, and ``report_rows`` gives them
as evidence rows (``crisis.report.evidence``), each coded with who acts towards whom.
"""

from __future__ import annotations

import pandas as pd

from crisis.analysis.camps import Camps
from crisis.data.codebook import EVENT_TYPES
from crisis.report import evidence
from crisis.report.wording import (
    CAMP_NAMES,
    actor_names,
    join_words,
    source_labels,
    source_order,
)


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


REASONS = {
    "media": "a news outlet: it reports the acts",
    "commentator": "a commentator, analyst or journalist the sources quote",
    "no tie": "no crisis event ties it to another participant",
    "receives only": "only on the receiving end of acts (a target or a victim)",
    "ties cancel": "its cooperative and conflictual events cancel out",
    "not connected": "acts, but with no chain of ties to Maduro's side",
}


def _kind(project) -> dict[str, str]:
    pairs = zip(project.actors["actor_id"], project.actors["kind"], strict=True)
    return {a: k.replace("_", " ") for a, k in pairs}


def members(camps: Camps, camp: str, firm: bool | None = None) -> list[str]:
    """Actor ids of one camp, most support first (then by id); only firm or only tentative
    members with ``firm`` True/False."""
    table = camps.table[camps.table["camp"] == camp]
    if firm is not None:
        table = table[table["firm"] == firm]
    table = table.sort_values(["support", "n_acts", "actor_id"], ascending=[False, False, True])
    return list(table["actor_id"])


def members_table(camps: Camps, project) -> pd.DataFrame:
    """Every placed actor: camp, firm or tentative, name, kind, support, acts, and the sources
    without which its camp changes. Camps in order Maduro, Guaidó; firm first; most support
    first."""
    names, kinds, labels = actor_names(project), _kind(project), source_labels(project)
    rows = []
    for camp in ("maduro", "guaido"):
        for firm in (True, False):
            for actor in members(camps, camp, firm):
                row = camps.table.set_index("actor_id").loc[actor]
                depends = [labels[s] for s in row["depends_on"].split("|") if s]
                rows.append(
                    {
                        "Camp": CAMP_NAMES[camp],
                        "Placement": "firm" if firm else "tentative",
                        "Actor": names[actor],
                        "Kind": kinds[actor],
                        "Support": f"{row['support']:.2f}",
                        "Acts": int(row["n_acts"]),
                        "Camp changes without": ", ".join(depends) or "—",
                    }
                )
    return pd.DataFrame(rows)


def unplaced_table(camps: Camps, project) -> pd.DataFrame:
    """The actors in no camp, grouped by why: reason, how many, their names (sorted)."""
    names = actor_names(project)
    table = camps.table[camps.table["camp"] == "none"]
    rows = []
    for reason, text in REASONS.items():
        ids = table.loc[table["reason"] == reason, "actor_id"]
        if len(ids):
            rows.append({"Why no camp": text, "Actors": len(ids),
                         "Names": ", ".join(sorted(names[a] for a in ids))})  # fmt: skip
    return pd.DataFrame(rows, columns=["Why no camp", "Actors", "Names"])


def reason_count(camps: Camps, reason: str) -> int:
    """How many actors have no camp for ``reason`` (a key of ``REASONS``)."""
    if reason not in REASONS:
        raise KeyError(f"unknown reason: {reason}")
    return int((camps.table["reason"] == reason).sum())


def frustrated_quotes(frustrated: pd.DataFrame, project) -> pd.DataFrame:
    """The frustrated ties (``camps.frustrated_ties``) in the sources' words: one row per event
    and reporting source, with the actor, the recipient, the sides of the split they sit on, the
    event type and the source's quote."""
    names, labels = actor_names(project), source_labels(project)
    quotes = project.events.set_index(["event_id", "source_id"])["quote"]
    rows = []
    for edge in frustrated.itertuples(index=False):
        side = {edge.a: edge.camp_a, edge.b: edge.camp_b}
        for source in edge.source_ids.split("|"):
            rows.append(
                {
                    "Actor": f"{names[edge.actor]} ({CAMP_NAMES[side[edge.actor]]})",
                    "Recipient": f"{names[edge.recipient]} ({CAMP_NAMES[side[edge.recipient]]})",
                    "Event type": edge.event_type.lower(),
                    "Source": labels[source],
                    "In the source's words": f"“{quotes[(edge.event_id, source)]}”",
                }
            )
    return pd.DataFrame(rows, columns=["Actor", "Recipient", "Event type", "Source",
                                       "In the source's words"])  # fmt: skip


def source_dependence(camps: Camps, project) -> pd.DataFrame:
    """Per source (sources.csv order): how many placed actors lose their camp and how many
    switch to the other camp when that source's reports are left out."""
    if camps.loso is None:
        raise ValueError("no leave-one-source-out: use camps.assess")
    labels = source_labels(project)
    rows = []
    for source in source_order(project):
        lost, switched = dependent_actors(camps, source)
        rows.append({"Source left out": labels[source], "Lose their camp": len(lost),
                     "Switch": len(switched)})  # fmt: skip
    return pd.DataFrame(rows, columns=["Source left out", "Lose their camp", "Switch"])


def dependent_actors(camps: Camps, source: str) -> tuple[list[str], list[str]]:
    """The placed actors (ids, sorted) that lose their camp and those that switch to the other
    camp when ``source``'s reports are left out (none for a source with no report behind a tie).

    Raises ValueError without leave-one-source-out (``camps.placement``)."""
    if camps.loso is None:
        raise ValueError("no leave-one-source-out: use camps.assess")
    placed = camps.table.loc[camps.table["camp"] != "none", "actor_id"]
    loso = camps.loso.loc[placed]
    if source not in loso.columns:
        return [], []
    lost = loso.index[loso[source].isna()]
    switched = loso.index[loso[source].notna() & (loso[source] != loso["all"])]
    return sorted(lost), sorted(switched)


def seeded_comparison(camps: Camps, seeded: pd.DataFrame, project) -> pd.DataFrame:
    """The actors whose camp differs from the earlier seeded solve (``network.compute_camps``):
    name, the seeded camp, the camp now and why (the reason it has no camp, or 'switched')."""
    names = actor_names(project)
    now = camps.table.set_index("actor_id")
    before = seeded.set_index("actor_id")["camp"]
    rows = []
    for actor in sorted(now.index, key=lambda a: names[a]):
        old = before.get(actor, "none")
        new = now.loc[actor, "camp"]
        if old != new:
            why = REASONS[now.loc[actor, "reason"]] if new == "none" else "placed by its own acts"
            rows.append({"Actor": names[actor], "Seeded solve": CAMP_NAMES[old],
                         "Now": CAMP_NAMES[new], "Why": why})  # fmt: skip
    return pd.DataFrame(rows, columns=["Actor", "Seeded solve", "Now", "Why"])


def block_ties(camps: Camps) -> dict[tuple[str, str], dict[str, int]]:
    """Ties between placed actors, aggregated by the pair of camps: (camp, camp) ->
    {'cooperative': n, 'conflictual': n}; keys ('maduro', 'maduro'), ('guaido', 'guaido') and
    ('maduro', 'guaido') (across), always all three."""
    camp = dict(zip(camps.table["actor_id"], camps.table["camp"], strict=True))
    out = {k: {"cooperative": 0, "conflictual": 0}
           for k in (("maduro", "maduro"), ("guaido", "guaido"), ("maduro", "guaido"))}  # fmt: skip
    for a, b, sign in zip(camps.ties["a"], camps.ties["b"], camps.ties["sign"], strict=True):
        pair = tuple(sorted((camp.get(a, "none"), camp.get(b, "none")), reverse=True))
        if "none" in pair:
            continue
        out[pair]["cooperative" if sign > 0 else "conflictual"] += 1
    return out


_ARTICLE_KINDS = ("government_body", "international_org", "political_group", "armed_group")


def prose_name(actor: str, project) -> str:
    """An actor's name as running prose writes it, with 'the' where English wants it: bodies,
    organisations and groups ('the Maduro government', 'the Kremlin'; not a plural such as
    'FARC dissidents') and states named 'United ...' ('the United States')."""
    row = project.actors.set_index("actor_id").loc[actor]
    name, kind = str(row["name"]), str(row["kind"])
    plural = name.endswith("s") and not name.endswith("States") and kind == "armed_group"
    if (kind in _ARTICLE_KINDS and not plural) or name.startswith("United "):
        return f"the {name}"
    return name


def prose_names(actors: list[str], project) -> str:
    """``prose_name`` of each actor, joined: 'Russia, Cuba and the Kremlin' (given order)."""
    return join_words(prose_name(a, project) for a in actors)


def leading(centrality: pd.DataFrame, layer: str, by: str = "degree", n: int = 1) -> list[str]:
    """The ids of the ``n`` leading actors of the ``pos`` or ``neg`` layer ``by`` degree or
    PageRank (ties broken by the other measure, then by id), as ``top_actors`` ranks them."""
    if layer not in ("pos", "neg") or by not in ("degree", "pagerank"):
        raise ValueError(f"no ranking of layer {layer!r} by {by!r}")
    other = "pagerank" if by == "degree" else "degree"
    ranked = centrality.sort_values(
        [f"{by}_{layer}", f"{other}_{layer}", "actor_id"], ascending=[False, False, True],
        kind="stable",
    )  # fmt: skip
    return list(ranked["actor_id"].head(n))


#: The events in which a source states who backs whom, and the side each one's actors take.
LINEUP_EVENTS: dict[str, str] = {
    "states_support_maduro": "maduro",
    "states_recognise_guaido": "guaido",
}


def stated_lineups(camps: Camps, project) -> pd.DataFrame:
    """The line-ups the texts state (``LINEUP_EVENTS``) against the computed camps: one row per
    actor named in them, with the side the texts put it on, the sources that do, and its
    computed camp ('no camp' when it has none); ``agrees`` whether the two match. Sorted by
    stated side (Maduro's first), then name."""
    names, labels = actor_names(project), source_labels(project)
    camp = dict(zip(camps.table["actor_id"], camps.table["camp"], strict=True))
    found: dict[tuple[str, str], list[str]] = {}
    for report in lineup_reports(project).itertuples(index=False):
        found.setdefault((report.side, report.actor), []).append(report.source_id)
    order = {s: i for i, s in enumerate(project.sources["source_id"])}
    records = [
        {
            "Actor": names[actor],
            "Side the texts state": CAMP_NAMES[side],
            "Stated by": ", ".join(labels[s] for s in sorted(set(ids), key=order.get)),
            "Computed camp": CAMP_NAMES.get(camp.get(actor, "none"), "no camp"),
            "agrees": camp.get(actor) == side,
        }
        for (side, actor), ids in found.items()
    ]
    table = pd.DataFrame(
        records, columns=["Actor", "Side the texts state", "Stated by", "Computed camp", "agrees"]
    )
    rank = {CAMP_NAMES["maduro"]: 0, CAMP_NAMES["guaido"]: 1}
    table = table.assign(_r=table["Side the texts state"].map(rank))
    return (
        table.sort_values(["_r", "Actor"], kind="stable").drop(columns="_r").reset_index(drop=True)
    )


def lineup_reports(project) -> pd.DataFrame:
    """The reports of the line-ups the texts state (``LINEUP_EVENTS``): one row per actor named
    and report naming it (``side``, ``actor``, ``event_id``, ``source_id``), in events.csv
    order."""
    rows = []
    events = project.events
    for event_id, side in LINEUP_EVENTS.items():
        reports = events[events["event_id"] == event_id]
        for source_id, actors in zip(reports["source_id"], reports["actors"], strict=True):
            rows += [(side, actor, event_id, source_id) for actor in actors]
    return pd.DataFrame(rows, columns=["side", "actor", "event_id", "source_id"])


REPORT_COLUMNS = ["actor", "recipient", "event_id", "source_id"]


def edge_reports(edges: pd.DataFrame) -> pd.DataFrame:
    """Event edges (``network.edge_table``, ``Camps.edges``) as reports: one row per edge and
    source that states it (``REPORT_COLUMNS``), sorted by actor, recipient, event, source."""
    rows = [
        (actor, recipient, event_id, source_id)
        for actor, recipient, event_id, sources in zip(
            edges["source"], edges["target"], edges["event_id"], edges["source_ids"], strict=True
        )
        for source_id in sources
    ]
    frame = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    return frame.sort_values(REPORT_COLUMNS, kind="stable").reset_index(drop=True)


def tie_reports(camps: Camps, ties: pd.DataFrame | None = None) -> pd.DataFrame:
    """The reports that make ``ties`` (rows of ``camps.ties``; all of them by default): every
    report of an event edge, in either direction, between the two actors of one of the ties."""
    ties = camps.ties if ties is None else ties
    pairs = {frozenset(pair) for pair in zip(ties["a"], ties["b"], strict=True)}
    reports = edge_reports(camps.edges)
    keep = [frozenset(pair) in pairs
            for pair in zip(reports["actor"], reports["recipient"], strict=True)]  # fmt: skip
    return reports[keep].reset_index(drop=True)


def act_reports(camps: Camps, actor_ids) -> pd.DataFrame:
    """The reports of the acts that place ``actor_ids``: the event edges in which each is the
    actor (its ``n_acts`` events), one row per actor, event and source, with the recipients of
    that act ``|``-joined."""
    reports = edge_reports(camps.edges)
    reports = reports[reports["actor"].isin(set(actor_ids))]
    key = ["actor", "event_id", "source_id"]
    joined = reports.groupby(key, sort=True)["recipient"].agg("|".join).reset_index()
    return joined[REPORT_COLUMNS]


def received_reports(camps: Camps, actor_ids) -> pd.DataFrame:
    """The reports of every event edge of which one of ``actor_ids`` is the recipient."""
    reports = edge_reports(camps.edges)
    return reports[reports["recipient"].isin(set(actor_ids))].reset_index(drop=True)


def report_rows(project, reports: pd.DataFrame) -> pd.DataFrame:
    """Evidence rows (``evidence.ROW_COLUMNS``) of ``reports`` (``event_id``, ``source_id``,
    ``actor`` and, optionally, ``recipient`` ``|``-joined): each report's quote, coded with who
    acts towards whom and the event's coding
    ('Russia → Nicolás Maduro: support, 2019, date stated').

    Raises KeyError for a report that is not in data/events.csv."""
    names = actor_names(project)
    events = project.events
    recipients = reports["recipient"] if "recipient" in reports.columns else [""] * len(reports)
    cache: dict[str, pd.DataFrame] = {}
    rows = []
    for actor, recipient, event_id, source_id in zip(
        reports["actor"], recipients, reports["event_id"], reports["source_id"], strict=True
    ):
        if event_id not in cache:
            found = evidence.event_rows(project, [event_id])
            cache[event_id] = found.assign(
                _source=events.loc[events["event_id"] == event_id, "source_id"].to_numpy()
            )
        found = cache[event_id]
        found = found[found["_source"] == source_id]
        if found.empty:
            raise KeyError(f"no report of {event_id!r} from {source_id!r} in data/events.csv")
        who = names[actor]
        if recipient:
            who += " → " + ", ".join(names[r] for r in recipient.split("|"))
        row = found.iloc[0]
        rows.append((source_id, row["quote"], f"{who}: {row['coding']}"))
    return pd.DataFrame(rows, columns=evidence.ROW_COLUMNS)
