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
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse.csgraph import connected_components, dijkstra

ZERO = 1e-9  # a net tie weight this close to 0 carries no sign and is dropped
TOL = 1e-7  # two objectives closer than this are equal
TIE_COLUMNS = ["a", "b", "weight", "sign", "events", "sources", "n_events"]
BRUTE_MAX = 12
MAX_ROUNDS = 50  # cutting-plane rounds before the MILP takes over


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


# --- the exact solver on integer arrays ---------------------------------------------------------


def frustrated_mask(x: np.ndarray, ia: np.ndarray, ib: np.ndarray, s: np.ndarray) -> np.ndarray:
    """True for ties frustrated by the split ``x``: positive across, negative within a camp."""
    same = x[ia] == x[ib]
    return np.where(s > 0, ~same, same)


def _colour(nodes: list[int], adj: dict, fixed: dict[int, int], x: np.ndarray) -> bool:
    """Two-colour one component so that every tie is satisfied, starting from its fixed nodes;
    write into ``x`` and return True, or return False when no such colouring exists."""
    start = min(fixed) if fixed else nodes[0]
    seen = {start: fixed.get(start, 0)}
    stack = [start]
    while stack:
        u = stack.pop()
        for v, sign in adj.get(u, ()):
            want = seen[u] if sign > 0 else 1 - seen[u]
            if v in seen:
                if seen[v] != want:
                    return False
            else:
                seen[v] = want
                stack.append(v)
    if any(seen[v] != c for v, c in fixed.items()):
        return False
    for v, c in seen.items():
        x[v] = c
    return True


def _odd_cycle_cuts(n: int, ia, ib, s, f: np.ndarray) -> list[tuple[dict[int, float], float]]:
    """Odd-cycle inequalities violated by the fractional frustration vector ``f``.

    Around any closed walk the frustrated ties number as many, mod 2, as its negative ties. So for
    a closed walk C and a set F of its ties of the wrong parity, sum_{C-F} f - sum_F f >= 1 - |F|.
    The most violated walk through each node is a shortest path in the doubled graph whose nodes
    are (node, parity) (Barahona's separation). Returns (coefficients per tie, right-hand side).
    """
    m = len(ia)
    neg = (s < 0).astype(np.int64)
    k = np.tile(np.arange(m), 4)
    p = np.repeat([0, 1, 0, 1], m)
    in_f = np.repeat([0, 0, 1, 1], m)
    u = ia[k] + p * n
    v = ib[k] + (p ^ neg[k] ^ in_f) * n
    cost = np.where(in_f == 1, 1.0 - f[k], f[k]).clip(0.0) + 1e-9
    code = np.full((2 * n, 2 * n), -1, dtype=np.int64)
    code[u, v] = code[v, u] = 2 * k + in_f
    heads, tails = np.concatenate([u, v]), np.concatenate([v, u])
    graph = sparse.csr_array((np.concatenate([cost, cost]), (heads, tails)), shape=(2 * n, 2 * n))
    dist, pred = dijkstra(
        graph, directed=True, indices=np.arange(n), return_predecessors=True, limit=1.0
    )
    cuts, seen = [], set()
    for v in range(n):
        if dist[v, v + n] >= 1.0 - 1e-6:
            continue
        coef: dict[int, float] = {}
        in_set, node = 0, v + n
        while node != v:
            back = int(pred[v, node])
            tie, flag = divmod(int(code[back, node]), 2)
            coef[tie] = coef.get(tie, 0.0) + (-1.0 if flag else 1.0)
            in_set += flag
            node = back
        key = (tuple(sorted(coef.items())), in_set)
        if key not in seen:
            seen.add(key)
            cuts.append((coef, 1.0 - in_set))
    return cuts


def _milp(n: int, ia, ib, w, s, fixed: dict[int, int], pool: list | None = None) -> np.ndarray:
    """The exact solution on nodes 0..n-1 (x binary per node, f in [0, 1] per tie); returns x.

    The plain model's LP bound is 0, so odd-cycle cuts are added first in a cutting-plane loop
    over the LP relaxation (starting from the cuts violated at f = 0, the shortest unbalanced
    closed walks). When the LP optimum is integral it meets every odd-cycle inequality, so it is
    a valid frustration pattern and optimal; otherwise the MILP is solved with all cuts (valid
    for every split). ``pool``, a list of cuts for these same ties, is used and extended (the
    cuts of one solve speed up the next on the same ties, whatever is fixed).
    """
    m = len(ia)
    rows = np.repeat(np.arange(2 * m), 3)
    t = np.arange(m)
    pos = s > 0
    # row 2t:   pos: x_i - x_j - f <= 0     neg:  x_i + x_j - f <= 1
    # row 2t+1: pos: x_j - x_i - f <= 0     neg: -x_i - x_j - f <= -1
    cols = np.stack([ia, ib, n + t, ia, ib, n + t], axis=1).reshape(-1)
    vals = np.stack(
        [np.ones(m), np.where(pos, -1.0, 1.0), -np.ones(m),
         -np.ones(m), np.where(pos, 1.0, -1.0), -np.ones(m)], axis=1
    ).reshape(-1)  # fmt: skip
    upper = np.stack([np.where(pos, 0.0, 1.0), np.where(pos, 0.0, -1.0)], axis=1).reshape(-1)
    base = sparse.csr_array((vals, (rows, cols)), shape=(2 * m, n + m))
    lower = np.zeros(n + m)
    high = np.ones(n + m)
    for v, c in fixed.items():
        lower[v] = high[v] = c
    bounds = Bounds(lower, high)
    cost = np.concatenate([np.zeros(n), w])
    pool = [] if pool is None else pool

    def constraints() -> list[LinearConstraint]:
        out = [LinearConstraint(base, -np.inf, upper)]
        if pool:
            r = [row for row, (coef, _) in enumerate(pool) for _ in coef]
            c = [n + k for coef, _ in pool for k in coef]
            v = [value for coef, _ in pool for value in coef.values()]
            matrix = sparse.csr_array((v, (r, c)), shape=(len(pool), n + m))
            out.append(LinearConstraint(matrix, np.array([rhs for _, rhs in pool]), np.inf))
        return out

    def relaxation() -> np.ndarray:
        lp = milp(cost, integrality=np.zeros(n + m), bounds=bounds, constraints=constraints())
        return lp.x[n:]

    def split(f: np.ndarray) -> np.ndarray | None:
        """The split whose frustrated ties are f's, if f is integral and one exists."""
        if not np.all(np.abs(f - np.round(f)) < 1e-6):
            return None
        x = np.zeros(n, dtype=np.int64)
        flipped = np.where(np.round(f) > 0, -s, s)
        adj: dict[int, list[tuple[int, int]]] = {}
        for i, j, sign in zip(ia.tolist(), ib.tolist(), flipped.tolist(), strict=True):
            adj.setdefault(i, []).append((j, sign))
            adj.setdefault(j, []).append((i, sign))
        return x if _colour_all(n, adj, fixed, x) else None

    # Each f below is an optimum of a relaxation: when it is a split, that split is optimal.
    f = relaxation() if pool else np.zeros(m)
    for _ in range(MAX_ROUNDS):
        x = split(f)
        if x is not None:
            return x
        cuts = _odd_cycle_cuts(n, ia, ib, s, f)
        if not cuts:
            break
        pool.extend(cuts)
        f = relaxation()
    result = milp(
        cost,
        integrality=np.concatenate([np.ones(n), np.zeros(m)]),
        bounds=bounds,
        constraints=constraints(),
        options={"mip_rel_gap": 0.0},
    )
    if result.x is None:  # pragma: no cover - the problem is always feasible
        raise RuntimeError(f"the frustration MILP failed: {result.message}")
    return np.round(result.x[:n]).astype(np.int64)


def _colour_all(n: int, adj: dict, fixed: dict[int, int], x: np.ndarray) -> bool:
    """Two-colour every component of nodes 0..n-1 (see ``_colour``); False on any conflict."""
    done: set[int] = set()
    for v in [*sorted(fixed), *range(n)]:
        if v in done:
            continue
        stack, comp = [v], {v}
        while stack:
            for nb, _ in adj.get(stack.pop(), ()):
                if nb not in comp:
                    comp.add(nb)
                    stack.append(nb)
        fix = {u: c for u, c in fixed.items() if u in comp} or {v: 0}
        if not _colour(sorted(comp), adj, fix, x):
            return False
        done |= comp
    return True


def _peel(nodes: list[int], ia, ib, fixed: Mapping[int, int]) -> tuple[list, list[int]]:
    """Peel unfixed nodes with at most one tie, repeatedly; returns (peeled, core).

    ``peeled`` lists (node, its one neighbour at peeling time or -1, that tie's position) in
    peeling order; ``core`` is the sorted rest (the 2-core plus the fixed nodes).
    """
    adj: dict[int, dict[int, int]] = {v: {} for v in nodes}
    for k, (i, j) in enumerate(zip(ia.tolist(), ib.tolist(), strict=True)):
        adj[i][j] = k
        adj[j][i] = k
    peeled = []
    queue = [v for v in nodes if len(adj[v]) <= 1 and v not in fixed]
    while queue:
        v = queue.pop()
        if v not in adj or len(adj[v]) > 1 or v in fixed:
            continue
        if adj[v]:
            ((u, k),) = adj[v].items()
            del adj[u][v]
            peeled.append((v, u, k))
            if len(adj[u]) <= 1 and u not in fixed:
                queue.append(u)
        else:
            peeled.append((v, -1, -1))
        del adj[v]
    return peeled, sorted(adj)


def _solve_hard(nodes: list[int], ia, ib, w, s, fixed: dict[int, int], x: np.ndarray) -> None:
    """Solve the ties (ia, ib, w, s) among ``nodes`` exactly: peel unfixed leaves, run the MILP
    on the rest, place the leaves back so that each satisfies its one tie; write into ``x``."""
    peeled, core = _peel(nodes, ia, ib, fixed)
    inner = set(core)
    keep = np.array([i in inner and j in inner for i, j in zip(ia, ib, strict=True)], dtype=bool)
    if keep.any():
        index = {v: c for c, v in enumerate(core)}
        sub = _milp(
            len(core),
            np.array([index[i] for i in ia[keep]], dtype=np.int64),
            np.array([index[j] for j in ib[keep]], dtype=np.int64),
            w[keep], s[keep], {index[v]: c for v, c in fixed.items() if v in index},
        )  # fmt: skip
        x[core] = sub
    else:
        for v in core:
            x[v] = fixed.get(v, 0)
    for v, u, k in reversed(peeled):
        x[v] = 0 if u < 0 else (x[u] if s[k] > 0 else 1 - x[u])


def solve_arrays(n: int, ia, ib, w, s, fixed: dict[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Least-frustration split of nodes 0..n-1 with ``fixed`` sides; returns (x, component).

    Every component without a fixed node gets its smallest node fixed to side 0 (its reference).
    Balanced components are two-coloured; the others go, peeled, to one MILP.
    """
    graph = sparse.coo_array((np.ones(len(ia)), (ia, ib)), shape=(n, n))
    _, comp = connected_components(graph, directed=False)
    x = np.zeros(n, dtype=np.int64)
    members: dict[int, list[int]] = {}
    for v, c in enumerate(comp.tolist()):
        members.setdefault(c, []).append(v)
    adj: dict[int, list[tuple[int, int]]] = {}
    for i, j, sign in zip(ia.tolist(), ib.tolist(), s.tolist(), strict=True):
        adj.setdefault(i, []).append((j, sign))
        adj.setdefault(j, []).append((i, sign))
    hard_nodes: list[int] = []
    hard_fixed: dict[int, int] = {}
    for group in members.values():
        fix = {v: fixed[v] for v in group if v in fixed} or {group[0]: 0}
        if not _colour(group, adj, fix, x):
            hard_nodes.extend(group)
            hard_fixed.update(fix)
    if hard_nodes:
        hard = np.isin(ia, hard_nodes)
        _solve_hard(sorted(hard_nodes), ia[hard], ib[hard], w[hard], s[hard], hard_fixed, x)
    return x, comp


def _unique(n, ia, ib, w, s, fixed, x, comp) -> np.ndarray:
    """Per node: is its side the same in every optimal split (given the fixed nodes)?

    Only unbalanced components need work. Peeled leaves satisfy their one tie in every optimal
    split, so each is unique exactly when its neighbour is; each core node is forced to the other
    side and the core re-solved: unique when the optimum gets worse. A re-solve that stays optimal
    is another optimal split, and every node it moves is non-unique (no re-solve for them).
    """
    unique = np.ones(n, dtype=bool)
    bad = frustrated_mask(x, ia, ib, s)
    for c in np.unique(comp):
        inside = comp[ia] == c
        if float(w[inside & bad].sum()) == 0.0:
            continue  # exactly balanced and connected: the colouring is forced
        group = np.flatnonzero(comp == c).tolist()
        fix = {v: fixed[v] for v in group if v in fixed} or {group[0]: 0}
        ca, cb, cw, cs = ia[inside], ib[inside], w[inside], s[inside]
        peeled, core = _peel(group, ca, cb, fix)
        local = {v: k for k, v in enumerate(core)}
        keep = np.array([i in local and j in local for i, j in zip(ca, cb, strict=True)])
        la = np.array([local[v] for v in ca[keep].tolist()], dtype=np.int64)
        lb = np.array([local[v] for v in cb[keep].tolist()], dtype=np.int64)
        lw, ls = cw[keep], cs[keep]
        xc = x[core]
        best = float(lw[frustrated_mask(xc, la, lb, ls)].sum())
        lfix = {local[v]: side for v, side in fix.items()}
        settled: set[int] = set(lfix)
        pool: list = []
        _milp(len(core), la, lb, lw, ls, lfix, pool)  # fills the cut pool
        for k in range(len(core)):
            if k in settled:
                continue
            y = _milp(len(core), la, lb, lw, ls, {**lfix, k: 1 - int(xc[k])}, pool)
            if float(lw[frustrated_mask(y, la, lb, ls)].sum()) > best + TOL:
                settled.add(k)
            else:
                for moved in np.flatnonzero(y != xc).tolist():
                    unique[core[moved]] = False
                    settled.add(moved)
        for v, u, _ in reversed(peeled):
            unique[v] = unique[u] if u >= 0 else True
    return unique


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
        unique = pd.Series(_unique(n, ia, ib, w, s, fixed, x, comp), index=order, name="unique")
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
