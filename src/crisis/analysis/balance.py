"""Exact structural balance of the signed actor network: the two-camp split of least frustration.

A *tie* joins two actors with a sign (+1 cooperation, -1 conflict) and a weight > 0. A split puts
every actor in camp 0 or camp 1; a tie is *frustrated* when it is positive across the camps or
negative within one. The frustration index is the least total weight of frustrated ties over all
splits (Aref & Wilson's weighted line index of balance); it is solved exactly as a mixed-integer
linear program with ``scipy.optimize.milp`` (HiGHS): a binary ``x_i`` per actor, a continuous
``f_ij`` in [0, 1] per tie, and

* positive tie: ``f >= x_i - x_j`` and ``f >= x_j - x_i``;
* negative tie: ``f >= x_i + x_j - 1`` and ``f >= 1 - x_i - x_j``;

minimising ``sum(w * f)``. Before the solver is called, every connected component is checked for
exact balance (a two-colouring that honours every sign: frustration 0, no solver needed), and
actors with a single tie are peeled off (each can always satisfy its one tie) and placed back
afterwards; only what is left of the unbalanced components goes to the solver. The plain model's
LP relaxation has bound 0 (x = 1/2 everywhere), which leaves HiGHS's branch and bound ~1 s per
solve on 100 actors / 150 ties; so odd-cycle inequalities (Barahona's cuts, separated by shortest
paths in the parity-doubled graph) are added in a cutting-plane loop first. When the relaxation's
optimum is a split it is optimal and no branching is needed; otherwise the MILP runs with all
cuts. That takes ~10-40 ms of CPU per solve on 100 actors / 150 ties.

Camps and anchors. ``anchors`` maps actor ids to the camp (0 or 1) they are fixed to, e.g.
``{"nicolas_maduro": 0, "juan_guaido": 1}``: camp 0 is then the Maduro side. Anchors are hard
constraints. A connected component that holds no anchor is still split (its smallest actor id,
its *reference*, is put on side 0), but its actors get camp ``<NA>``: nothing ties them to either
anchored camp. With ``anchors=None`` every component's reference acts as its anchor, so every
tied actor gets a camp, meaningful only relative to the other actors of its component. An actor
with no tie and no anchor always has camp ``<NA>``.

Uniqueness (per actor): ``unique`` is True when the actor's side relative to the anchors (or the
reference) of its component is the same in every optimal split; it is tested by forcing the actor
to the other side and re-solving its component: unique when the optimum gets worse. Anchors and
references are unique by definition; so is every actor of an exactly balanced component.

This module takes plain pandas/numpy inputs and imports no other ``crisis`` module. The resampling
statistics (null model, bootstrap, leave-one-source-out) live in ``crisis.analysis.balance_stats``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from crisis.analysis.balance_solver import TOL, frustrated_mask, solve_arrays, unique_sides

ZERO = 1e-9  # a net tie weight this close to 0 carries no sign and is dropped
TIE_COLUMNS = ["a", "b", "weight", "sign", "events", "sources", "n_events"]
BRUTE_MAX = 12


@dataclass(frozen=True)
class Balance:
    """The least-frustration split of a signed graph.

    ``camp``: 0/1 per actor, ``<NA>`` outside anchored components (nullable Int64).
    ``side``: 0/1 per actor relative to its component's anchors or reference (always set).
    ``component``: component number per actor (0 = component of the smallest actor id, ...).
    ``unique``: whether the actor's side is the same in every optimal split.
    ``index``: weighted frustration; ``normalised``: index / total tie weight (0 without ties).
    ``frustrated``: the ties that contradict the split, with all their columns (events, sources).
    """

    camp: pd.Series
    side: pd.Series
    component: pd.Series
    unique: pd.Series
    index: float
    normalised: float
    total_weight: float
    frustrated: pd.DataFrame

    @property
    def unique_split(self) -> bool:
        """Whether the optimal split is unique (up to the sides of unanchored components).

        Raises ValueError when the split was solved with ``uniqueness=False``.
        """
        if self.unique.isna().any():
            raise ValueError("uniqueness was not computed (solved with uniqueness=False)")
        return bool(self.unique.all())

    def labels(self, names: tuple[str, str] = ("maduro", "guaido")) -> pd.Series:
        """Camp names per actor: ``names[0]`` for camp 0, ``names[1]`` for camp 1, else ``none``."""
        return pd.Series(
            [names[int(c)] if not pd.isna(c) else "none" for c in self.camp],
            index=self.camp.index,
            name="camp",
            dtype=object,
        )


# --- input --------------------------------------------------------------------------------------


def _source_ids(value: object) -> tuple[str, ...]:
    """A report's source ids as a sorted tuple: one id (str) or an iterable of ids."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable):
        return tuple(sorted({str(v) for v in value}))
    raise ValueError(f"source ids must be a string or a list of strings, not {value!r}")


def check_signs_weights(frame: pd.DataFrame, what: str) -> None:
    """Raise ValueError unless every sign is +1/-1 and every weight a finite number > 0."""
    weight = pd.to_numeric(frame["weight"], errors="coerce")
    bad = frame.index[~(np.isfinite(weight) & (weight > 0))]
    if len(bad):
        raise ValueError(
            f"{what} weight must be a finite number > 0 (rows {list(bad[:5])}: "
            f"{list(frame.loc[bad[:5], 'weight'])})"
        )
    bad = frame.index[~frame["sign"].isin([1, -1])]
    if len(bad):
        raise ValueError(
            f"{what} sign must be +1 or -1 (rows {list(bad[:5])}: "
            f"{list(frame.loc[bad[:5], 'sign'])})"
        )


def edge_reports(edges: pd.DataFrame) -> pd.DataFrame:
    """One row per directed (source, target, event_id) with its ``sources`` tuple.

    ``edges`` has columns ``source``, ``target`` (actor ids), ``event_id``, ``sign``, ``weight``
    and either ``source_ids`` (a tuple of the reports' source ids) or ``source_id`` (one per
    row). Several rows of one (source, target, event_id) -- several reports of one event -- are
    one edge; their source ids are merged. Raises ValueError on a missing column, a self-loop, a
    bad sign or weight, or rows of one edge that disagree on sign or weight.
    """
    sid = "source_ids" if "source_ids" in edges.columns else "source_id"
    missing = sorted({"source", "target", "event_id", "sign", "weight", sid} - set(edges.columns))
    if missing:
        raise ValueError(f"edges lack column(s): {', '.join(missing)}")
    loops = edges[edges["source"] == edges["target"]]
    if len(loops):
        raise ValueError(f"self-loop: an edge joins {loops['source'].iloc[0]!r} to itself")
    check_signs_weights(edges, "edge")
    frame = edges[["source", "target", "event_id", "sign", "weight"]].copy()
    frame["sources"] = [_source_ids(v) for v in edges[sid]]
    key = ["source", "target", "event_id"]
    rows = []
    for (a, b, e), group in frame.groupby(key, sort=True):
        if group["sign"].nunique() > 1 or group["weight"].nunique() > 1:
            raise ValueError(f"reports of event {e!r} disagree on the sign or weight of {a}->{b}")
        merged = tuple(sorted({s for t in group["sources"] for s in t}))
        rows.append((a, b, e, int(group["sign"].iloc[0]), float(group["weight"].iloc[0]), merged))
    return pd.DataFrame(rows, columns=[*key, "sign", "weight", "sources"])


def aggregate_ties(edges: pd.DataFrame) -> pd.DataFrame:
    """Undirected ties from directed event edges: signed weights summed per unordered pair.

    Each (source, target, event_id) counts once however many reports state it (see
    ``edge_reports``); both directions of a pair add up. Pairs whose net weight is ~0 (< ``ZERO``)
    carry no sign and are dropped. Returns columns ``a`` < ``b``, ``weight`` (|net|), ``sign``,
    ``events`` and ``sources`` (sorted tuples of the event and source ids behind the tie) and
    ``n_events``, sorted by (a, b).
    """
    frame = edge_reports(edges)
    if frame.empty:
        return pd.DataFrame(columns=TIE_COLUMNS)
    a = frame[["source", "target"]].min(axis=1)
    b = frame[["source", "target"]].max(axis=1)
    frame = frame.assign(a=a, b=b, signed=frame["sign"] * frame["weight"])
    rows = []
    for (x, y), group in frame.groupby(["a", "b"], sort=True):
        net = round(float(np.sum(np.sort(group["signed"].to_numpy()))), 10)
        if abs(net) < ZERO:
            continue
        events = tuple(sorted(set(group["event_id"])))
        sources = tuple(sorted({s for t in group["sources"] for s in t}))
        rows.append((x, y, abs(net), 1 if net > 0 else -1, events, sources, len(events)))
    return pd.DataFrame(rows, columns=TIE_COLUMNS)


def check_ties(ties: pd.DataFrame, nodes: Iterable[str]) -> list[str]:
    """Validate ``ties`` against ``nodes``; return the sorted node list.

    Raises ValueError on a missing column, a duplicate node, a self-loop, a tie naming an unknown
    node, a bad weight or sign, or a pair tied twice (in either order).
    """
    missing = sorted({"a", "b", "weight", "sign"} - set(ties.columns))
    if missing:
        raise ValueError(f"ties lack column(s): {', '.join(missing)}")
    order = [str(n) for n in nodes]
    if len(set(order)) != len(order):
        raise ValueError("nodes are not unique")
    known = set(order)
    loops = ties[ties["a"] == ties["b"]]
    if len(loops):
        raise ValueError(f"self-loop: a tie joins {loops['a'].iloc[0]!r} to itself")
    strangers = sorted((set(ties["a"].astype(str)) | set(ties["b"].astype(str))) - known)
    if strangers:
        raise ValueError(f"ties name unknown node(s): {', '.join(strangers)}")
    check_signs_weights(ties, "tie")
    pairs = [tuple(sorted((str(x), str(y)))) for x, y in zip(ties["a"], ties["b"], strict=True)]
    doubled = sorted({p for p in pairs if pairs.count(p) > 1})
    if doubled:
        raise ValueError(f"pair tied more than once: {doubled[0][0]} -- {doubled[0][1]}")
    return sorted(order)


def check_anchors(anchors: Mapping[str, int] | None, nodes: list[str]) -> dict[str, int]:
    """Raise ValueError on an anchor that is not a node or not fixed to camp 0 or 1."""
    anchors = dict(anchors or {})
    unknown = sorted(set(anchors) - set(nodes))
    if unknown:
        raise ValueError(f"anchor(s) not among the nodes: {', '.join(unknown)}")
    bad = sorted(a for a, c in anchors.items() if c not in (0, 1))
    if bad:
        raise ValueError(f"anchor(s) must be fixed to camp 0 or 1: {', '.join(bad)}")
    return {a: int(c) for a, c in anchors.items()}


def _arrays(ties: pd.DataFrame, nodes: list[str]) -> tuple[np.ndarray, ...]:
    """Ties as integer endpoints (positions in ``nodes``), weights and signs."""
    pos = {n: i for i, n in enumerate(nodes)}
    ia = np.array([pos[str(x)] for x in ties["a"]], dtype=np.int64)
    ib = np.array([pos[str(x)] for x in ties["b"]], dtype=np.int64)
    return ia, ib, ties["weight"].to_numpy(dtype=float), ties["sign"].to_numpy(dtype=np.int64)


# --- public API ---------------------------------------------------------------------------------


def frustration_split(
    ties: pd.DataFrame,
    nodes: Iterable[str],
    anchors: Mapping[str, int] | None = None,
    uniqueness: bool = True,
) -> Balance:
    """The exact least-frustration two-camp split of ``nodes`` under ``ties`` (see module doc).

    ``ties``: columns ``a``, ``b``, ``weight`` > 0, ``sign`` +1/-1 (any other column, e.g.
    ``events``, is carried into ``frustrated``). ``anchors``: actor -> camp 0/1, hard constraints.
    ``uniqueness=False`` skips the per-actor re-solves (``unique`` is then all ``<NA>``).
    """
    order = check_ties(ties, nodes)
    fixed_names = check_anchors(anchors, order)
    pos = {v: i for i, v in enumerate(order)}
    fixed = {pos[v]: c for v, c in fixed_names.items()}
    ia, ib, w, s = _arrays(ties, order)
    n = len(order)
    x, comp = solve_arrays(n, ia, ib, w, s, fixed)
    anchored = {comp[v] for v in fixed} if anchors is not None else set(comp.tolist())
    placed = np.isin(np.arange(n), [*ia.tolist(), *ib.tolist(), *fixed])
    camp = pd.array(
        [int(x[v]) if comp[v] in anchored and placed[v] else pd.NA for v in range(n)], "Int64"
    )
    bad = frustrated_mask(x, ia, ib, s)
    total = float(w.sum())
    index = float(w[bad].sum())
    if uniqueness:
        unique = pd.Series(
            unique_sides(n, ia, ib, w, s, fixed, x, comp), index=order, name="unique"
        )
    else:
        unique = pd.Series(pd.array([pd.NA] * n, "boolean"), index=order, name="unique")
    return Balance(
        camp=pd.Series(camp, index=order, name="camp"),
        side=pd.Series(x, index=order, name="side"),
        component=pd.Series(comp.astype(np.int64), index=order, name="component"),
        unique=unique,
        index=round(index, 10),
        normalised=round(index / total, 10) if total > 0 else 0.0,
        total_weight=round(total, 10),
        frustrated=ties[bad].reset_index(drop=True),
    )


def frustration_brute(
    ties: pd.DataFrame, nodes: Iterable[str], anchors: Mapping[str, int] | None = None
) -> tuple[float, list[dict[str, int]]]:
    """Brute force over all 2**n splits (n <= 12) for tests: (least frustration, every optimal
    split as {node: 0/1}); splits that break an anchor are skipped."""
    order = check_ties(ties, nodes)
    fixed = check_anchors(anchors, order)
    if len(order) > BRUTE_MAX:
        raise ValueError(f"brute force is for at most {BRUTE_MAX} nodes, not {len(order)}")
    ia, ib, w, s = _arrays(ties, order)
    splits = np.array(list(itertools.product((0, 1), repeat=len(order))), dtype=np.int64)
    pos = {v: i for i, v in enumerate(order)}
    for v, c in fixed.items():
        splits = splits[splits[:, pos[v]] == c]
    same = splits[:, ia] == splits[:, ib]
    cost = (np.where(s > 0, ~same, same) * w).sum(axis=1)
    best = float(cost.min())
    optimal = splits[cost <= best + TOL]
    return round(best, 10), [dict(zip(order, map(int, row), strict=True)) for row in optimal]
