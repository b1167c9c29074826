"""The two camps of the crisis, from what each actor does: exact structural balance.

Ties. Only crisis-scope events count (``network.crisis_events``), and only between participants:
media and commentators (``role`` in actors.csv) report or analyse and are left out with their
ties. Each event gives a signed, weighted edge from every actor to every recipient
(``network.edge_table``); an event counts once however many sources report it, and the edges of
a pair of actors are summed into one undirected tie (``balance.aggregate_ties``).

Split. The two-camp split of least frustration over all tied participants is solved exactly
(``balance.frustration_split``). One anchor names the sides: Nicolás Maduro is fixed to the camp
called ``maduro``; the other side is ``guaido``. A single anchor is no constraint (swapping the
two sides of a split frustrates the same ties), so the frustration index is the unanchored optimum
and can be compared with the null model; anchoring Guaidó too would be a hard constraint that adds
frustration whenever the data put him on Maduro's side. Where Guaidó lands is a result.

Placement. An actor gets a camp only when it acts: it is an ``actor`` of a crisis event with a
participant recipient (``n_acts`` > 0) and sits in Maduro's connected component. Everyone else is
``none``, with a ``reason``: ``media`` / ``commentator`` (role), ``no tie`` (no crisis event
ties it to another participant), ``receives only`` (only on the receiving end: a victim, a
target), ``ties cancel`` (its cooperative and conflictual events sum to nothing) or ``not
connected`` (no chain of ties to Maduro's component).

Uncertainty (``assess``). ``support``: the share of report-bootstrap draws that place the actor
in its camp (``balance_stats.bootstrap_support``); ``firm``: support >= 0.9 and more than one act
(an actor placed by a single event is never firm); ``depends_on``: the sources whose removal
changes its camp (``balance_stats.leave_one_source_out``); the frustration index against the
signed-degree-preserving null (``balance_stats.null_frustration``). All seeded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crisis.analysis import balance, balance_stats
from crisis.analysis.network import crisis_events, edge_table

ANCHORS = {"nicolas_maduro": 0}
SIDES = ("maduro", "guaido")
GUAIDO = "juan_guaido"
NULL_DRAWS = 1000
BOOT_DRAWS = 500
SEED = 2019
REASONS = ("media", "commentator", "no tie", "receives only", "ties cancel", "not connected")
TABLE_COLUMNS = [
    "actor_id", "camp", "support", "firm", "unique", "n_acts", "depends_on", "reason", "evidence",
]  # fmt: skip
FRUSTRATED_COLUMNS = [
    "a", "b", "camp_a", "camp_b", "sign", "weight", "event_id", "event_type", "actor",
    "recipient", "source_ids",
]  # fmt: skip


@dataclass(frozen=True)
class Camps:
    """The camps and everything behind them.

    ``table``: one row per actor of actors.csv (``TABLE_COLUMNS``, sorted by actor_id);
    ``split``: the exact split (``balance.Balance``); ``edges``: the participant event edges;
    ``ties``: the undirected signed ties; ``null``: the null draws of the normalised frustration
    (empty without ``assess``); ``loso``: camps without each source (None without ``assess``).
    """

    table: pd.DataFrame
    split: balance.Balance
    edges: pd.DataFrame
    ties: pd.DataFrame
    null: np.ndarray
    loso: pd.DataFrame | None

    def significance(self) -> dict[str, float]:
        """The normalised frustration index against the null (``balance_stats.significance``).

        Raises ValueError when the camps were computed without resampling (``placement``)."""
        if self.null.size == 0:
            raise ValueError("no null draws: use camps.assess, not camps.placement")
        return balance_stats.significance(self.split.normalised, self.null)


def participant_edges(events: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """``network.edge_table`` of the crisis-scope events, between participants only.

    Raises ValueError when an event names an actor that is not in ``actors``."""
    role = dict(zip(actors["actor_id"], actors["role"], strict=True))
    edges = edge_table(crisis_events(events))
    strangers = sorted((set(edges["source"]) | set(edges["target"])) - set(role))
    if strangers:
        raise ValueError(f"events name actors not in the actor table: {', '.join(strangers)}")
    keep = (edges["source"].map(role) == "participant") & (
        edges["target"].map(role) == "participant"
    )
    return edges[keep].reset_index(drop=True)


def _acts(edges: pd.DataFrame) -> dict[str, list[str]]:
    """actor_id -> the events (sorted) in which it acts towards a participant."""
    out: dict[str, set[str]] = {}
    for actor, event_id in zip(edges["source"], edges["event_id"], strict=True):
        out.setdefault(actor, set()).add(event_id)
    return {a: sorted(e) for a, e in out.items()}


def _reason(actor: str, role: str, acts, tied: set, tie_nodes: set, split) -> str:
    """Why an actor has no camp ('' when it has one)."""
    if role != "participant":
        return role
    if actor not in tied:
        return "no tie"
    if actor not in acts:
        return "receives only"
    if pd.isna(split.camp[actor]):
        return "not connected" if actor in tie_nodes else "ties cancel"
    return ""


def _changed(loso: pd.DataFrame, actor: str) -> str:
    """The sources (``|``) without which the actor's camp differs (another camp or none)."""
    base = int(loso.loc[actor, "all"])
    out = []
    for source in loso.columns[1:]:
        value = loso.loc[actor, source]
        if pd.isna(value) or int(value) != base:
            out.append(str(source))
    return "|".join(out)


def _solve(events: pd.DataFrame, actors: pd.DataFrame):
    edges = participant_edges(events, actors)
    ties = balance.aggregate_ties(edges)
    nodes = sorted(set(edges["source"]) | set(edges["target"]))
    anchors = {a: c for a, c in ANCHORS.items() if a in nodes}
    split = balance.frustration_split(ties, nodes, anchors)
    return edges, ties, nodes, anchors, split


def _table(actors, edges, ties, split, support=None, loso=None) -> pd.DataFrame:
    acts = _acts(edges)
    tied = set(edges["source"]) | set(edges["target"])
    tie_nodes = set(ties["a"]) | set(ties["b"])
    rows = []
    for actor, role in sorted(zip(actors["actor_id"], actors["role"], strict=True)):
        reason = _reason(actor, role, acts, tied, tie_nodes, split)
        camp = SIDES[int(split.camp[actor])] if not reason else "none"
        sup = float(support.loc[actor, "support"]) if support is not None and not reason else np.nan
        n_acts = len(acts.get(actor, ()))
        depends = _changed(loso, actor) if loso is not None and not reason else ""
        rows.append(
            {
                "actor_id": actor,
                "camp": camp,
                "support": round(sup, 4) if not np.isnan(sup) else np.nan,
                "firm": bool(not reason and sup >= balance_stats.FIRM_SUPPORT and n_acts > 1),
                "unique": bool(split.unique[actor]) if not reason else pd.NA,
                "n_acts": n_acts,
                "depends_on": depends,
                "reason": reason,
                "evidence": "|".join(acts.get(actor, ())),
            }
        )
    table = pd.DataFrame.from_records(rows, columns=TABLE_COLUMNS)
    table["unique"] = table["unique"].astype("boolean")
    return table


def placement(events: pd.DataFrame, actors: pd.DataFrame) -> Camps:
    """The exact split and the camps, without resampling (``support`` NaN, nobody firm).

    Cheap (a few milliseconds of CPU): for pages that only need who is in which camp."""
    edges, ties, _, _, split = _solve(events, actors)
    return Camps(_table(actors, edges, ties, split), split, edges, ties, np.zeros(0), None)


def assess(
    events: pd.DataFrame,
    actors: pd.DataFrame,
    null_draws: int = NULL_DRAWS,
    boot_draws: int = BOOT_DRAWS,
    seed: int = SEED,
    workers: int = 1,
) -> Camps:
    """The camps with their uncertainty: bootstrap support, firmness, leave-one-source-out and
    the null draws of the frustration index (all seeded; the same for any ``workers``)."""
    edges, ties, nodes, anchors, split = _solve(events, actors)
    support = balance_stats.bootstrap_support(edges, nodes, anchors, boot_draws, seed, workers)
    loso = balance_stats.leave_one_source_out(edges, nodes, anchors)
    null = balance_stats.null_frustration(ties, nodes, null_draws, seed, workers=workers)
    table = _table(actors, edges, ties, split, support, loso)
    return Camps(table, split, edges, ties, null, loso)


def camp_of(camps: Camps) -> dict[str, str]:
    """actor_id -> camp ('maduro', 'guaido' or 'none') for every actor."""
    return dict(zip(camps.table["actor_id"], camps.table["camp"], strict=True))


def side_of(camps: Camps, actor: str) -> str:
    """The side of the split an actor sits on (placed or not), or 'none' when it has no tie to
    Maduro's component."""
    if actor not in camps.split.camp.index or pd.isna(camps.split.camp[actor]):
        return "none"
    return SIDES[int(camps.split.camp[actor])]


def frustrated_ties(camps: Camps) -> pd.DataFrame:
    """The ties the split frustrates, one row per event edge behind them (``FRUSTRATED_COLUMNS``):
    the pair ``a`` < ``b``, the sides of the split they sit on, the tie's net sign and weight, and
    each event with its actor, recipient and reporting sources (``|``-joined). Sorted by a, b,
    event_id, actor, recipient."""
    rows = []
    edges = camps.edges
    for tie in camps.split.frustrated.itertuples(index=False):
        pair = {tie.a, tie.b}
        inside = edges[edges["source"].isin(pair) & edges["target"].isin(pair)]
        for edge in inside.itertuples(index=False):
            rows.append(
                (tie.a, tie.b, side_of(camps, tie.a), side_of(camps, tie.b), int(tie.sign),
                 float(tie.weight), edge.event_id, edge.event_type, edge.source, edge.target,
                 "|".join(edge.source_ids))
            )  # fmt: skip
    frame = pd.DataFrame(rows, columns=FRUSTRATED_COLUMNS)
    return frame.sort_values(
        ["a", "b", "event_id", "actor", "recipient"], kind="stable"
    ).reset_index(drop=True)
