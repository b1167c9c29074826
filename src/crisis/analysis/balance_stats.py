"""How sure is the two-camp split? A signed null model, a report bootstrap, leave-one-source-out.

* ``null_frustration``: is the network more balanced than chance? Each draw rewires the observed
  ties by degree-preserving double-edge swaps done separately within the positive and within the
  negative layer (a swap never makes a self-loop or ties a pair twice, in either layer), so every
  actor keeps its numbers of positive and of negative ties; weights travel with their ties. The
  exact frustration of each draw (normalised by the total weight, which the swaps keep) is solved
  as in ``crisis.analysis.balance``. ``significance`` turns it into z and an empirical p-value.
* ``bootstrap_support``: resample the event *reports* -- the (event_id, source_id) keys of the
  edge table -- with replacement, rebuild the ties from the directed edges that at least one drawn
  report states (an event counts once however often it is drawn, as in ``aggregate_ties``), solve
  with the same anchors, and count for each actor the share of draws that put it in its
  full-data camp (``support``; a draw that leaves it without a camp counts against it).
* ``leave_one_source_out``: the camp of each actor with each source's reports removed.

A placement is ``firm`` when its support is >= 0.9 and its ties rest on more than one event; an
actor whose ties all come from a single event is never firm.

Everything is seeded: draw d uses its own generator from ``SeedSequence(seed).spawn``, so the
output is identical for any ``workers`` (the number of processes; they are ``spawn``ed, so a
script that uses them needs the ``if __name__ == "__main__":`` guard; notebooks need nothing).

Cost (CPU seconds in one process, measured on a loaded 2-core machine): only the value of a null
draw is needed, so each is solved on an exactly reduced graph (``balance_solver.frustration_value``:
leaves dropped, two-tie actors contracted), ~8-10 ms per draw on the actor network (80 tied
participants, 124 ties); a bootstrap draw costs ~3 ms. ``crisis.analysis.camps.assess`` (1,000 null
and 500 bootstrap draws, leave-one-source-out) takes ~10-14 s of CPU depending on the load.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd

from crisis.analysis.balance import ZERO, check_anchors, check_ties, edge_reports
from crisis.analysis.balance_solver import frustration_value, solve_arrays

FIRM_SUPPORT = 0.9
SWAPS_PER_TIE = 10  # double-edge swap attempts per tie and draw


def rewire(
    ia: np.ndarray, ib: np.ndarray, s: np.ndarray, rng: np.random.Generator, swaps: int
) -> tuple[np.ndarray, np.ndarray]:
    """Degree-preserving double-edge swaps within each sign layer; returns new (ia, ib).

    Tie k keeps its sign and weight (the caller's arrays at position k). ``swaps`` attempts are
    made per layer and tie; a swap that would make a self-loop or an existing pair is skipped.
    """
    a, b = ia.tolist(), ib.tolist()
    size = int(max(a + b, default=0)) + 1
    # a pair {x, y} is the integer min * size + max
    pairs = {x * size + y if x < y else y * size + x for x, y in zip(a, b, strict=True)}
    for layer in (1, -1):
        idx = np.flatnonzero(s == layer).tolist()
        if len(idx) < 2:
            continue
        tries = swaps * len(idx)
        picks = rng.integers(0, len(idx), size=(tries, 2)).tolist()
        flips = rng.integers(0, 2, size=tries).tolist()
        for (p, q), flip in zip(picks, flips, strict=True):
            if p == q:
                continue
            e, g = idx[p], idx[q]
            u, v = a[e], b[e]
            x, y = (a[g], b[g]) if flip else (b[g], a[g])
            if u == y or x == v:
                continue
            new1 = u * size + y if u < y else y * size + u
            new2 = x * size + v if x < v else v * size + x
            if new1 == new2 or new1 in pairs or new2 in pairs:
                continue
            pairs.remove(u * size + v if u < v else v * size + u)
            pairs.remove(x * size + y if x < y else y * size + x)
            pairs.add(new1)
            pairs.add(new2)
            a[e], b[e], a[g], b[g] = u, y, x, v
    return np.array(a, dtype=np.int64), np.array(b, dtype=np.int64)


def _normalised(n: int, ia, ib, w, s) -> float:
    """Exact normalised frustration of nodes 0..n-1 under the ties, without anchors."""
    return frustration_value(n, ia, ib, w, s) / float(w.sum())


def _null_chunk(n: int, ia, ib, w, s, swaps: int, seeds: list) -> np.ndarray:
    """Null draws, one per seed (each draw rewires the observed ties afresh)."""
    out = np.empty(len(seeds))
    for d, seed in enumerate(seeds):
        ra, rb = rewire(ia, ib, s, np.random.default_rng(seed), swaps)
        out[d] = _normalised(n, ra, rb, w, s)
    return out


def _chunks(seeds: list, workers: int) -> list[list]:
    """Split the per-draw seeds into contiguous chunks, a few per worker."""
    size = max(1, -(-len(seeds) // (4 * workers)))
    return [seeds[i : i + size] for i in range(0, len(seeds), size)]


def _run(task, shared: tuple, seeds: list, workers: int) -> list:
    """Run ``task(*shared, chunk)`` over the seed chunks, in order, on ``workers`` processes
    (``spawn``ed, so safe in a threaded parent; 1 = in this process). The output does not depend
    on ``workers``: every draw has its own seed."""
    if workers <= 1:
        return [task(*shared, seeds)]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(task, *shared, chunk) for chunk in _chunks(seeds, workers)]
        return [f.result() for f in futures]


def null_frustration(
    ties: pd.DataFrame,
    nodes: Iterable[str],
    draws: int = 1000,
    seed: int = 0,
    swaps: int = SWAPS_PER_TIE,
    workers: int = 1,
) -> np.ndarray:
    """Normalised frustration of ``draws`` sign-layer-rewired copies of ``ties`` (see module doc).

    Draw d rewires the observed ties with its own generator (``SeedSequence(seed).spawn``), so
    the result is the same for any number of ``workers`` (processes). Compare with
    ``frustration_split(ties, nodes).normalised`` (no anchors, or one anchor per component:
    anchors that disagree with the data add frustration the null does not have).
    """
    order = check_ties(ties, nodes)
    pos = {v: i for i, v in enumerate(order)}
    ia = np.array([pos[str(v)] for v in ties["a"]], dtype=np.int64)
    ib = np.array([pos[str(v)] for v in ties["b"]], dtype=np.int64)
    w = ties["weight"].to_numpy(dtype=float)
    s = ties["sign"].to_numpy(dtype=np.int64)
    if w.sum() <= 0:
        return np.zeros(draws)
    seeds = np.random.SeedSequence(seed).spawn(draws)
    parts = _run(_null_chunk, (len(order), ia, ib, w, s, swaps), seeds, workers)
    return np.round(np.concatenate(parts), 10)


def significance(observed: float, null: np.ndarray) -> dict[str, float]:
    """Mean and sd (ddof=1) of the null, z = (observed - mean) / sd (nan when sd is 0), and the
    one-sided empirical p = (1 + #(null <= observed)) / (1 + draws): small p = more balanced than
    the null."""
    null = np.asarray(null, dtype=float)
    if null.size == 0:
        raise ValueError("the null distribution is empty")
    mean = float(null.mean())
    sd = float(null.std(ddof=1)) if null.size > 1 else 0.0
    z = (observed - mean) / sd if sd > 0 else float("nan")
    p = (1 + int(np.sum(null <= observed + 1e-12))) / (1 + null.size)
    return {"observed": float(observed), "mean": mean, "sd": sd, "z": z, "p": p}


class _Reports:
    """The directed event edges as arrays, for fast resampling of reports."""

    def __init__(self, edges: pd.DataFrame, nodes: list[str]) -> None:
        frame = edge_reports(edges)
        strangers = sorted((set(frame["source"]) | set(frame["target"])) - set(nodes))
        if strangers:
            raise ValueError(f"edges name unknown node(s): {', '.join(map(str, strangers))}")
        pos = {v: i for i, v in enumerate(nodes)}
        a = np.array([pos[v] for v in frame["source"]], dtype=np.int64)
        b = np.array([pos[v] for v in frame["target"]], dtype=np.int64)
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        pairs = sorted(set(zip(lo.tolist(), hi.tolist(), strict=True)))
        index = {p: k for k, p in enumerate(pairs)}
        self.n = len(nodes)
        self.pair = np.array([index[p] for p in zip(lo.tolist(), hi.tolist(), strict=True)])
        self.pa = np.array([p[0] for p in pairs], dtype=np.int64)
        self.pb = np.array([p[1] for p in pairs], dtype=np.int64)
        self.signed = (frame["sign"] * frame["weight"]).to_numpy(dtype=float)
        stated = zip(frame["event_id"], frame["sources"], strict=True)
        keys = sorted({(e, s) for e, t in stated for s in t})
        self.keys = keys
        kpos = {k: i for i, k in enumerate(keys)}
        rows, reps = [], []
        for r, (e, t) in enumerate(zip(frame["event_id"], frame["sources"], strict=True)):
            for s in t:
                rows.append(r)
                reps.append(kpos[(e, s)])
        self.inc_row = np.array(rows, dtype=np.int64)
        self.inc_rep = np.array(reps, dtype=np.int64)
        self.n_rows = len(frame)
        # distinct events behind each node's edges (for the firm rule)
        events: dict[int, set] = {}
        for x, y, e in zip(a.tolist(), b.tolist(), frame["event_id"], strict=True):
            events.setdefault(x, set()).add(e)
            events.setdefault(y, set()).add(e)
        self.n_events = np.array([len(events.get(v, ())) for v in range(self.n)])

    def camps(self, chosen: np.ndarray, fixed: dict[int, int], anchored_all: bool) -> np.ndarray:
        """Camp (0/1, -1 for none) per node from the edges stated by the chosen reports."""
        hits = np.bincount(self.inc_row, weights=chosen[self.inc_rep], minlength=self.n_rows)
        kept = hits > 0
        net = np.bincount(self.pair[kept], weights=self.signed[kept], minlength=len(self.pa))
        live = np.abs(np.round(net, 10)) >= ZERO
        ia, ib, w = self.pa[live], self.pb[live], np.abs(net[live])
        s = np.where(net[live] > 0, 1, -1).astype(np.int64)
        x, comp = solve_arrays(self.n, ia, ib, w, s, fixed)
        anchored = set(comp.tolist()) if anchored_all else {comp[v] for v in fixed}
        tied = np.zeros(self.n, dtype=bool)
        tied[ia] = tied[ib] = True
        ok = np.array([c in anchored for c in comp.tolist()]) & (
            tied | np.isin(np.arange(self.n), list(fixed))
        )
        return np.where(ok, x, -1)


def _boot_chunk(reports: _Reports, fixed, everyone: bool, full: np.ndarray, seeds: list):
    """Per node, how many of the draws (one per seed) agree with the full-data camp."""
    k = len(reports.keys)
    agree = np.zeros(reports.n)
    for seed in seeds:
        rng = np.random.default_rng(seed)
        chosen = np.bincount(rng.integers(0, k, size=k), minlength=k).astype(float)
        agree += reports.camps(chosen, fixed, everyone) == full
    return agree


def _setup(edges, nodes, anchors):
    order = sorted(str(v) for v in nodes)
    if len(set(order)) != len(order):
        raise ValueError("nodes are not unique")
    fixed_names = check_anchors(anchors, order)
    reports = _Reports(edges, order)
    pos = {v: i for i, v in enumerate(order)}
    return order, reports, {pos[v]: c for v, c in fixed_names.items()}


def firm(support: pd.Series, n_events: pd.Series, threshold: float = FIRM_SUPPORT) -> pd.Series:
    """Firm placements: support >= ``threshold`` and ties resting on more than one event."""
    return (support.fillna(0) >= threshold) & (n_events > 1)


def bootstrap_support(
    edges: pd.DataFrame,
    nodes: Iterable[str],
    anchors: Mapping[str, int] | None,
    draws: int = 500,
    seed: int = 0,
    workers: int = 1,
) -> pd.DataFrame:
    """Per actor: ``camp`` (full data, <NA> for none), ``support`` (share of report-bootstrap
    draws placing it in that camp; NaN without a camp), ``n_events`` (distinct events behind its
    edges) and ``firm`` (see ``firm``). Indexed by actor id, sorted. Each draw has its own seed,
    so the result is the same for any number of ``workers`` (processes)."""
    order, reports, fixed = _setup(edges, nodes, anchors)
    everyone = anchors is None
    full = reports.camps(np.ones(len(reports.keys)), fixed, everyone)
    seeds = np.random.SeedSequence(seed).spawn(draws)
    parts = _run(_boot_chunk, (reports, fixed, everyone, full), seeds, workers)
    agree = np.sum(parts, axis=0) if parts else np.zeros(len(order))
    has = full >= 0
    frame = pd.DataFrame(
        {
            "camp": pd.array([int(c) if c >= 0 else pd.NA for c in full], "Int64"),
            "support": np.where(has, agree / max(draws, 1), np.nan),
            "n_events": reports.n_events,
        },
        index=pd.Index(order, name="actor_id"),
    )
    frame["firm"] = firm(frame["support"], frame["n_events"]) & has
    return frame


def leave_one_source_out(
    edges: pd.DataFrame, nodes: Iterable[str], anchors: Mapping[str, int] | None
) -> pd.DataFrame:
    """Camp per actor (rows, sorted) with all data (``all``) and without each source's reports
    (one column per source id, sorted); nullable Int64, <NA> for no camp."""
    order, reports, fixed = _setup(edges, nodes, anchors)
    everyone = anchors is None
    sources = sorted({s for _, s in reports.keys})
    columns = {"all": reports.camps(np.ones(len(reports.keys)), fixed, everyone)}
    for source in sources:
        chosen = np.array([0.0 if s == source else 1.0 for _, s in reports.keys])
        columns[source] = reports.camps(chosen, fixed, everyone)
    return pd.DataFrame(
        {
            c: pd.array([int(v) if v >= 0 else pd.NA for v in x], "Int64")
            for c, x in columns.items()
        },
        index=pd.Index(order, name="actor_id"),
    )


__all__ = [
    "bootstrap_support",
    "firm",
    "leave_one_source_out",
    "null_frustration",
    "rewire",
    "significance",
]
