"""Tables and values the chapters show, shaped from the loaded project (pure functions)."""

from __future__ import annotations

import pandas as pd

from crisis.corroboration import display_value

_MONTH_FIRST = {"day": "%-d %B %Y", "month": "%B %Y", "year": "%Y"}


def date_label(date: str, precision: str) -> str:
    """'2019-03-23' -> '23 March 2019'; '2019-03' -> 'March 2019'; '2019' -> '2019'."""
    stamp = pd.Timestamp(date if precision != "year" else f"{date}-01-01")
    return stamp.strftime(_MONTH_FIRST[precision])


def source_labels(project) -> dict[str, str]:
    """source_id -> the short label readers see."""
    return dict(zip(project.sources["source_id"], project.sources["label"], strict=True))


def actor_names(project) -> dict[str, str]:
    """actor_id -> display name."""
    return dict(zip(project.actors["actor_id"], project.actors["name"], strict=True))


def best_report(project, event_id: str) -> pd.Series:
    """The most precisely dated report of an event (stated before inferred, then source order)."""
    rank = {"day": 0, "month": 1, "year": 2}
    order = {s: i for i, s in enumerate(project.sources["source_id"])}
    rows = project.events[project.events["event_id"] == event_id]
    if rows.empty:
        raise KeyError(f"no event '{event_id}' in data/events.csv")
    key = rows.apply(
        lambda r: (rank[r["date_precision"]], r["date_basis"] != "stated", order[r["source_id"]]),
        axis=1,
    )
    return rows.loc[key.sort_values(kind="stable").index[0]]


def event_date(project, event_id: str) -> str:
    """The date label of an event, from its most precise report."""
    best = best_report(project, event_id)
    return date_label(best["date"], best["date_precision"])


def event_sources(project, event_id: str) -> list[str]:
    """The sources reporting an event, in sources.csv order."""
    order = list(project.sources["source_id"])
    found = set(project.events.loc[project.events["event_id"] == event_id, "source_id"])
    return [s for s in order if s in found]


def theme_events(project, theme: str) -> pd.DataFrame:
    """One row per event of a theme, in date order: date, what happened, who, sources."""
    from crisis.timeline import event_spans

    spans = event_spans(project.events, list(project.sources["source_id"]))
    spans = spans[spans["theme"] == theme]
    names, labels = actor_names(project), source_labels(project)
    return pd.DataFrame(
        {
            "Date": [
                date_label(d, p)
                for d, p in zip(spans["date"], spans["date_precision"], strict=True)
            ],
            "What happened": spans["summary"].to_numpy(),
            "Type": spans["event_type"].to_numpy(),
            "Actors": [", ".join(names[a] for a in t) for t in spans["actors"]],
            "Aimed at": [", ".join(names[a] for a in t) for t in spans["recipients"]],
            "Sources": [", ".join(labels[s] for s in t) for t in spans["source_ids"]],
        }
    ).reset_index(drop=True)


def event_reports(project, event_ids: list[str]) -> pd.DataFrame:
    """Every report of the given events: event, source, date as reported, verbatim quote."""
    labels = source_labels(project)
    rows = project.events[project.events["event_id"].isin(event_ids)].copy()
    rows["_o"] = rows["event_id"].map({e: i for i, e in enumerate(event_ids)})
    rows["_s"] = rows["source_id"].map({s: i for i, s in enumerate(project.sources["source_id"])})
    rows = rows.sort_values(["_o", "_s"], kind="stable")
    return pd.DataFrame(
        {
            "Event": rows["event_id"].str.replace("_", " ").to_numpy(),
            "Source": rows["source_id"].map(labels).to_numpy(),
            "Date given": [
                date_label(d, p) + (" (inferred)" if b == "inferred" else "")
                for d, p, b in zip(
                    rows["date"], rows["date_precision"], rows["date_basis"], strict=True
                )
            ],
            "The source's words": rows["quote"].to_numpy(),
        }
    ).reset_index(drop=True)


def claim_reports(project, fact_ids: list[str]) -> pd.DataFrame:
    """Every report of the given facts: what is counted, source, value as stated, quote."""
    labels = source_labels(project)
    rows = project.claims[project.claims["fact_id"].isin(fact_ids)].copy()
    rows["_o"] = rows["fact_id"].map({f: i for i, f in enumerate(fact_ids)})
    rows = rows.sort_values(["_o", "row"], kind="stable")
    return pd.DataFrame(
        {
            "What is counted": rows["subject"].to_numpy(),
            "Source": rows["source_id"].map(labels).to_numpy(),
            "Value": [
                f"{display_value(v, m, h)} {u}"
                for v, m, h, u in zip(
                    rows["value"], rows["value_max"], rows["hedge"], rows["unit"], strict=True
                )
            ],
            "The source's words": rows["quote"].to_numpy(),
        }
    ).reset_index(drop=True)


def claim_value(project, fact_id: str, source_id: str | None = None) -> float:
    """The value of a fact as one source (default: the first reporting it) states it."""
    rows = project.claims[project.claims["fact_id"] == fact_id]
    if source_id is not None:
        rows = rows[rows["source_id"] == source_id]
    if rows.empty:
        raise KeyError(f"no claim '{fact_id}' from '{source_id}' in data/claims.csv")
    return float(rows.iloc[0]["value"])


def supporters(
    project, recipients: tuple[str, ...], kinds: tuple[str, ...] = ("state",)
) -> list[str]:
    """Actors of the given kinds with a SUPPORT event aimed at any of ``recipients`` (sorted)."""
    kind = dict(zip(project.actors["actor_id"], project.actors["kind"], strict=True))
    events = project.events[project.events["event_type"] == "SUPPORT"]
    found = {
        a
        for acts, recs in zip(events["actors"], events["recipients"], strict=True)
        if set(recs) & set(recipients)
        for a in acts
        if kind[a] in kinds
    }
    return sorted(found)


def sanction_matrix(project, theme: str | None = None) -> pd.DataFrame:
    """Distinct SANCTION events per sanctioning actor (rows) and target (columns), by name."""
    names = actor_names(project)
    events = project.events[project.events["event_type"] == "SANCTION"]
    if theme is not None:
        events = events[events["theme"] == theme]
    events = events.drop_duplicates("event_id")
    pairs = [
        (names[a], names[r])
        for acts, recs in zip(events["actors"], events["recipients"], strict=True)
        for a in acts
        for r in recs
    ]
    frame = pd.DataFrame(pairs, columns=["sanctioning actor", "target"])
    return pd.crosstab(frame["sanctioning actor"], frame["target"]).astype(int)


def responses(project, targets: tuple[str, ...], types: tuple[str, ...] = ("REJECT", "ACCUSE"),
              theme: str = "sanctions") -> pd.DataFrame:  # fmt: skip
    """Events of the given types by the given actors in a theme: how the targets answered."""
    names = actor_names(project)
    rows = project.events[
        (project.events["theme"] == theme)
        & project.events["event_type"].isin(types)
        & project.events["actors"].map(lambda a: bool(set(a) & set(targets)))
    ].drop_duplicates("event_id")
    return pd.DataFrame(
        {
            "Date": [
                date_label(d, p) for d, p in zip(rows["date"], rows["date_precision"], strict=True)
            ],
            "Who answered": [", ".join(names[a] for a in t) for t in rows["actors"]],
            "To": [", ".join(names[a] for a in t) for t in rows["recipients"]],
            "The source's words": rows["quote"].to_numpy(),
        }
    ).reset_index(drop=True)


def support_table(project, sides: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """States backing each side: one row per (state, side) with the number of sources saying so."""
    kind = dict(zip(project.actors["actor_id"], project.actors["kind"], strict=True))
    names = actor_names(project)
    events = project.events[project.events["event_type"] == "SUPPORT"]
    records = []
    for side, recipients in sides.items():
        sources: dict[str, set[str]] = {}
        for acts, recs, src in zip(
            events["actors"], events["recipients"], events["source_id"], strict=True
        ):
            if set(recs) & set(recipients):
                for a in acts:
                    if kind[a] == "state":
                        sources.setdefault(a, set()).add(src)
        records += [
            {"state": names[a], "side": side, "sources": len(s)} for a, s in sources.items()
        ]
    frame = pd.DataFrame.from_records(records, columns=["state", "side", "sources"])
    return frame.sort_values(
        ["side", "sources", "state"], ascending=[True, False, True]
    ).reset_index(drop=True)


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
