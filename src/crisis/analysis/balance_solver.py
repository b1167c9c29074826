"""The exact least-frustration solver on integer arrays, used by ``crisis.analysis.balance``.

Nodes are 0..n-1; a tie k joins ``ia[k]`` and ``ib[k]`` with weight ``w[k]`` > 0 and sign
``s[k]`` (+1/-1); ``fixed`` maps nodes to the side (0/1) they must take. Balanced components are
two-coloured; the others are peeled of their single-tie actors and go to a mixed-integer linear
program (``scipy.optimize.milp``, HiGHS) strengthened by odd-cycle cuts in a cutting-plane loop
(see the module doc of ``crisis.analysis.balance`` for the model and its cost). ``_unique`` tests
per node whether its side is the same in every optimal split.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse.csgraph import connected_components, dijkstra

TOL = 1e-7  # two objectives closer than this are equal
MAX_ROUNDS = 50  # cutting-plane rounds before the MILP takes over


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
        lp = milp(
            cost,
            integrality=np.zeros(n + m),
            bounds=bounds,
            constraints=constraints(),
            options={"presolve": False},
        )
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


def unique_sides(n, ia, ib, w, s, fixed, x, comp) -> np.ndarray:
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


def frustration_value(n: int, ia, ib, w, s) -> float:
    """The least frustration of nodes 0..n-1 under the ties (no fixed nodes), value only.

    Faster than solving the split when only the value is needed (the null draws): the graph is
    reduced exactly first. A node with at most one tie costs nothing (it satisfies its tie); a
    node with two ties, a to u and b to v, is replaced by one tie u-v of sign sign(a)*sign(b) and
    weight min(|a|, |b|) (it satisfies both ties when u and v sit as that tie says, and else the
    heavier one); two parallel ties of opposite signs cost the lighter one whatever the split and
    leave their difference. What is left goes to ``solve_arrays``.
    """
    adj: dict[int, dict[int, float]] = {v: {} for v in range(n)}
    offset = 0.0

    def add(u: int, v: int, signed: float) -> None:
        nonlocal offset
        old = adj[u].get(v)
        if old is not None and old * signed < 0:
            offset += min(abs(old), abs(signed))
        new = signed if old is None else old + signed
        if abs(new) < 1e-12:
            adj[u].pop(v, None)
            adj[v].pop(u, None)
        else:
            adj[u][v] = adj[v][u] = new

    for i, j, weight, sign in zip(ia.tolist(), ib.tolist(), w.tolist(), s.tolist(), strict=True):
        add(i, j, weight * sign)
    queue = [v for v in range(n) if len(adj[v]) <= 2]
    while queue:
        v = queue.pop()
        if v not in adj or len(adj[v]) > 2:
            continue
        ties = list(adj.pop(v).items())
        for u, _ in ties:
            del adj[u][v]
        if len(ties) == 2:
            (u, a), (x, b) = ties
            add(u, x, (1.0 if a * b > 0 else -1.0) * min(abs(a), abs(b)))
        queue.extend(u for u, _ in ties if u in adj and len(adj[u]) <= 2)
    core = sorted(adj)
    if not core:
        return round(offset, 10)
    pos = {v: k for k, v in enumerate(core)}
    pairs = sorted((pos[u], pos[v], x) for u in core for v, x in adj[u].items() if u < v)
    ca = np.array([p[0] for p in pairs], dtype=np.int64)
    cb = np.array([p[1] for p in pairs], dtype=np.int64)
    cw = np.array([abs(p[2]) for p in pairs])
    cs = np.array([1 if p[2] > 0 else -1 for p in pairs], dtype=np.int64)
    x, _ = solve_arrays(len(core), ca, cb, cw, cs, {})
    return round(offset + float(cw[frustrated_mask(x, ca, cb, cs)].sum()), 10)
