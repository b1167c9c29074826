"""Tables and values of the four thematic chapters (background, military, Russia, sanctions):
the events of a theme, force sizes as each source states them, sanctions by actor and target,
the answers of their targets, and who backs whom in each source.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from crisis.analysis.corroboration import display_value, interval
from crisis.data.codebook import THEMES
from crisis.data.dates import date_labels
from crisis.report.records import claim_rows, event_quotes, story_spans, theme_spans
from crisis.report.wording import actor_names, join_names, source_labels, source_order

NOT_STATED = "not stated"


AS_MOST = "the commonest form"


DIFFERS = "stated differently"


ONLY = "only source"


def theme_events(project, theme: str) -> pd.DataFrame:
    """One row per event of a theme, in date order: date, what happened, who, the sources and
    their words."""
    spans = theme_spans(project, theme)
    names, labels = actor_names(project), source_labels(project)
    quotes = event_quotes(project)
    return pd.DataFrame(
        {
            "Date": date_labels(spans),
            "What happened": spans["summary"].to_numpy(),
            "Type": spans["event_type"].to_numpy(),
            "Actors": [", ".join(names[a] for a in t) for t in spans["actors"]],
            "Aimed at": [", ".join(names[a] for a in t) for t in spans["recipients"]],
            "Sources": [", ".join(labels[s] for s in t) for t in spans["source_ids"]],
            "In the sources' words": [quotes[e] for e in spans["event_id"]],
        }
    )


def force_sizes(
    claims: pd.DataFrame,
    fact_ids: list[str],
    source_ids: list[str],
    labels: dict[str, str] | None = None,
) -> pd.DataFrame:
    """The reported sizes of some facts, one row per report, in ``fact_ids`` then source order.

    Columns: fact_id, subject, unit, source_id, source (label), value, value_max, hedge, low and
    high (the interval the hedge or range allows, ``crisis.analysis.corroboration.interval``) and
    display
    ('more than 20,000'). KeyError on an unknown fact or a report from a source not listed.
    """
    rows = claim_rows(claims, fact_ids)
    unknown = sorted(set(rows["source_id"]) - set(source_ids))
    if unknown:
        raise KeyError(f"claims from sources not listed: {', '.join(unknown)}")
    rows = rows.assign(
        _f=rows["fact_id"].map({f: i for i, f in enumerate(fact_ids)}),
        _s=rows["source_id"].map({s: i for i, s in enumerate(source_ids)}),
    ).sort_values(["_f", "_s"], kind="stable")
    bounds = [
        interval(v, m, h)
        for v, m, h in zip(rows["value"], rows["value_max"], rows["hedge"], strict=True)
    ]
    return pd.DataFrame(
        {
            "fact_id": rows["fact_id"].to_numpy(),
            "subject": rows["subject"].to_numpy(),
            "unit": rows["unit"].to_numpy(),
            "source_id": rows["source_id"].to_numpy(),
            "source": [(labels or {}).get(s, s) for s in rows["source_id"]],
            "value": rows["value"].to_numpy(float),
            "value_max": rows["value_max"].to_numpy(float),
            "hedge": rows["hedge"].to_numpy(),
            "low": [b[0] for b in bounds],
            "high": [b[1] for b in bounds],
            "display": [
                display_value(v, m, h)
                for v, m, h in zip(rows["value"], rows["value_max"], rows["hedge"], strict=True)
            ],
        }
    )


def multi_source_facts(sizes: pd.DataFrame) -> list[str]:
    """The facts of a ``force_sizes`` frame that more than one source reports, in its order."""
    counts = sizes.groupby("fact_id", sort=False)["source_id"].nunique()
    return [f for f in dict.fromkeys(sizes["fact_id"]) if counts[f] > 1]


def _form(row: pd.Series) -> tuple[float, float | None, str]:
    top = None if pd.isna(row["value_max"]) else float(row["value_max"])
    return float(row["value"]), top, row["hedge"]


def report_status(sizes: pd.DataFrame) -> dict[tuple[str, str], str]:
    """How each report of a fact compares with the others: (fact_id, source_id) -> status.

    'the commonest form' when it states the fact in the form (value, range and hedge) that more
    sources use than any other form, 'stated differently' otherwise, 'only source' when a single
    source reports the fact.
    """
    status = {}
    for fact_id, group in sizes.groupby("fact_id", sort=True):
        forms = [_form(r) for _, r in group.iterrows()]
        if len(forms) == 1:
            status[(fact_id, group["source_id"].iloc[0])] = ONLY
            continue
        ranked = Counter(forms).most_common()
        top = ranked[0][1]
        unique = len(ranked) == 1 or ranked[1][1] < top
        modal = ranked[0][0] if top > 1 and unique else None
        for form, source_id in zip(forms, group["source_id"], strict=True):
            status[(fact_id, source_id)] = AS_MOST if form == modal else DIFFERS
    return status


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def report_grid(
    sizes: pd.DataFrame, source_ids: list[str], labels: dict[str, str] | None = None
) -> pd.DataFrame:
    """Sources (rows, all of them) × facts (columns, by subject): each report as stated.

    A cell reads '100 troops'; a source that does not report the fact reads 'not stated'.
    Columns are the facts' subjects with a capital first letter, in the order of ``sizes``.
    """
    cell = {
        (f, s): f"{d} {u}"
        for f, s, d, u in zip(
            sizes["fact_id"], sizes["source_id"], sizes["display"], sizes["unit"], strict=True
        )
    }
    return _source_fact_grid(sizes, source_ids, labels, cell)


def report_status_grid(
    sizes: pd.DataFrame, source_ids: list[str], labels: dict[str, str] | None = None
) -> pd.DataFrame:
    """The same grid as ``report_grid`` holding each report's ``report_status`` (or 'not
    stated')."""
    return _source_fact_grid(sizes, source_ids, labels, report_status(sizes))


def _source_fact_grid(
    sizes: pd.DataFrame,
    source_ids: list[str],
    labels: dict[str, str] | None,
    cell: dict[tuple[str, str], str],
) -> pd.DataFrame:
    """Sources (rows) × facts (columns, by capitalised subject) filled from ``cell``, keyed by
    (fact_id, source_id); a missing report reads 'not stated'."""
    labels = labels or {}
    facts = list(dict.fromkeys(sizes["fact_id"]))
    subjects = {f: _capital(s) for f, s in zip(sizes["fact_id"], sizes["subject"], strict=True)}
    grid = pd.DataFrame(
        {subjects[f]: [cell.get((f, s), NOT_STATED) for s in source_ids] for f in facts},
        index=[labels.get(s, s) for s in source_ids],
    )
    grid.index.name = "Source"
    return grid


def sanction_pairs(
    events: pd.DataFrame,
    names: dict[str, str] | None = None,
    countries: dict[str, str] | None = None,
) -> pd.DataFrame:
    """One row per (sanctioning actor, target, event_id) of the SANCTION events, as
    ``sanction_matrix`` counts them: a sanctioning person or body counts as its state
    through ``countries``; names from ``names`` (the id where missing). An event with no target
    has one row with an empty target. Sorted by actor, target, event."""
    names, countries = names or {}, countries or {}
    sanctions = events[events["event_type"] == "SANCTION"]
    pairs = sorted(
        {
            (names.get(by, by), names.get(r, r), event_id)
            for event_id, acts, recs in zip(
                sanctions["event_id"], sanctions["actors"], sanctions["recipients"], strict=True
            )
            for by in {countries.get(a) or a for a in acts}
            for r in (recs or ("",))
        }
    )
    return pd.DataFrame(pairs, columns=["sanctioning actor", "target", "event_id"])


def sanction_matrix(
    events: pd.DataFrame,
    names: dict[str, str] | None = None,
    countries: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Distinct SANCTION events per target (rows) and sanctioning actor (columns).

    An event with several actors or targets counts once in each cell it touches; its reports
    count once. With ``countries`` (actor_id -> the actor_id of its state, "" for none), a
    sanctioning person or body counts as its state (the Treasury as the United States), so an
    event by Bolton and the United States counts once for the United States. Rows and columns
    are ordered by total (largest first), then by name; names come from ``names`` (the id
    where missing). Without SANCTION events the result is an empty frame.
    """
    pairs = sanction_pairs(events, names, countries)
    frame = pairs[pairs["target"] != ""]
    matrix = pd.crosstab(frame["target"], frame["sanctioning actor"]).astype(int)
    rows = sorted(matrix.index, key=lambda n: (-int(matrix.loc[n].sum()), n))
    columns = sorted(matrix.columns, key=lambda n: (-int(matrix[n].sum()), n))
    return matrix.loc[rows, columns]


def sanction_counts(
    events: pd.DataFrame,
    names: dict[str, str] | None = None,
    countries: dict[str, str] | None = None,
) -> pd.Series:
    """Distinct SANCTION events per sanctioning actor (through ``countries`` as in
    ``sanction_matrix``; all reports of an event together), largest first, then by name. An
    event with no target counts too."""
    names, countries = names or {}, countries or {}
    sanctions = events[events["event_type"] == "SANCTION"]
    pairs = {
        (names.get(by, by), event_id)
        for event_id, acts in zip(sanctions["event_id"], sanctions["actors"], strict=True)
        for by in {countries.get(a) or a for a in acts}
    }
    counts = Counter(name for name, _ in pairs)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return pd.Series(dict(ordered), dtype="int64", name="sanctions")


def sanction_table(project, theme: str | None = None) -> pd.DataFrame:
    """Every SANCTION event (of one theme, or all) in date order: who, on whom, what, the
    sources and their words."""
    spans = story_spans(project)
    spans = spans[spans["event_type"] == "SANCTION"]
    if theme is not None:
        if theme not in THEMES:
            raise ValueError(f"unknown theme {theme!r}; expected one of {', '.join(THEMES)}")
        spans = spans[spans["theme"] == theme]
    names, labels = actor_names(project), source_labels(project)
    quotes = event_quotes(project)
    return pd.DataFrame(
        {
            "Date": date_labels(spans),
            "Imposed by": [join_names(t, names) for t in spans["actors"]],
            "On": [join_names(t, names) for t in spans["recipients"]],
            "Measure": spans["summary"].to_numpy(),
            "Sources": [", ".join(labels[s] for s in t) for t in spans["source_ids"]],
            "In the sources' words": [quotes[e] for e in spans["event_id"]],
        }
    ).reset_index(drop=True)


def responses(
    project,
    targets: tuple[str, ...],
    types: tuple[str, ...] = ("REJECT", "ACCUSE"),
    theme: str = "sanctions",
) -> pd.DataFrame:
    """How the targets answered: every report of an event of ``types`` in ``theme`` by any of
    ``targets``, in date order (then sources.csv order), with the source's words."""
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}; expected one of {', '.join(THEMES)}")
    names, labels = actor_names(project), source_labels(project)
    events = project.events
    rows = events[
        (events["theme"] == theme)
        & events["event_type"].isin(types)
        & events["actors"].map(lambda a: bool(set(a) & set(targets)))
    ]
    from crisis.analysis.timeline import date_span

    rows = rows.assign(
        _t=[date_span(d, p)[0] for d, p in zip(rows["date"], rows["date_precision"], strict=True)],
        _s=rows["source_id"].map({s: i for i, s in enumerate(source_order(project))}),
    ).sort_values(["_t", "event_id", "_s"], kind="stable")
    return pd.DataFrame(
        {
            "Date": date_labels(rows),
            "Who answered": [join_names(t, names) for t in rows["actors"]],
            "To": [join_names(t, names) for t in rows["recipients"]],
            "Source": rows["source_id"].map(labels).to_numpy(),
            "The source's words": rows["quote"].to_numpy(),
        }
    ).reset_index(drop=True)


def support_reports(
    project,
    sides: dict[str, tuple[str, ...]],
    kinds: tuple[str, ...] = ("state",),
    through: tuple[str, ...] = ("government_body",),
) -> pd.DataFrame:
    """Who backs whom, per source: one row per (actor, side, source) of a SUPPORT event.

    ``sides`` maps a side name to the recipients that stand for it (e.g. ``{"maduro":
    ("nicolas_maduro", "maduro_government")}``). Actors of the given ``kinds`` count; an actor of
    a kind in ``through`` (a government body such as the State Department) counts as its country
    when that country is of a kind in ``kinds``. Backing is foreign: an actor counted as the
    country its recipient belongs to (the National Assembly declaring Guaidó) is left out.
    Columns: actor_id, name, side, source_id; sorted by side (``sides`` order), name, source.
    """
    kind = dict(zip(project.actors["actor_id"], project.actors["kind"], strict=True))
    country = dict(zip(project.actors["actor_id"], project.actors["country"], strict=True))
    names = actor_names(project)
    order = {s: i for i, s in enumerate(source_order(project))}

    def counted(actor: str) -> str | None:
        if kind[actor] in kinds:
            return actor
        if kind[actor] in through and kind.get(country[actor]) in kinds:
            return country[actor]
        return None

    support = project.events[project.events["event_type"] == "SUPPORT"]
    found = {
        (counted(actor), side, source)
        for acts, recs, source in zip(
            support["actors"], support["recipients"], support["source_id"], strict=True
        )
        for side, recipients in sides.items()
        if set(recs) & set(recipients)
        for actor in acts
        if counted(actor) is not None
        and counted(actor) not in {country[r] or r for r in set(recs) & set(recipients)}
    }
    side_rank = {s: i for i, s in enumerate(sides)}
    records = sorted(found, key=lambda t: (side_rank[t[1]], names[t[0]], t[0], order[t[2]]))
    return pd.DataFrame(
        [(a, names[a], side, s) for a, side, s in records],
        columns=["actor_id", "name", "side", "source_id"],
    )


def stance_matrix(reports: pd.DataFrame, source_ids: list[str]) -> pd.DataFrame:
    """From ``support_reports``: one row per (actor, side), one bool column per source.

    Rows keep the side order of ``reports``; within a side, the actors most sources name come
    first, then by name. Columns: name, side, then the source ids, then n_sources.
    """
    records = []
    for (side, name), group in reports.groupby(["side", "name"], sort=False):
        row = {"name": name, "side": side}
        row.update({s: s in set(group["source_id"]) for s in source_ids})
        row["n_sources"] = int(group["source_id"].nunique())
        records.append(row)
    frame = pd.DataFrame.from_records(records, columns=["name", "side", *source_ids, "n_sources"])
    side_rank = {s: i for i, s in enumerate(dict.fromkeys(reports["side"]))}
    frame = frame.assign(_r=frame["side"].map(side_rank)).sort_values(
        ["_r", "n_sources", "name"], ascending=[True, False, True], kind="stable"
    )
    return frame.drop(columns="_r").reset_index(drop=True)


# The span a size given only in words allows, as drawn (the caption states it): "hundreds to
# thousands" runs from a hundred to just under ten thousand; "a few dozen" from two to five dozen.
WORDED_SPANS: dict[str, tuple[float, float]] = {
    "hundreds to thousands": (100.0, 9999.0),
    "a few dozen": (24.0, 60.0),
}


def worded_sizes(
    project, specs: list[tuple[str, str, str, str, str]], labels: dict[str, str] | None = None
) -> pd.DataFrame:
    """Sizes a source gives only in words, as rows shaped like ``force_sizes``.

    Each spec is (fact_id, event_id, source_id, words, subject): ``words`` must be a key of
    ``WORDED_SPANS`` and occur in that source's quote of that event (case-insensitive), else
    ValueError. ``value`` is NaN (no number is stated), ``low``/``high`` the span the words
    allow, ``display`` the words in quotation marks, ``unit`` 'people'.
    """
    records = []
    for fact_id, event_id, source_id, words, subject in specs:
        if words not in WORDED_SPANS:
            raise ValueError(f"no span for the words {words!r}; add it to WORDED_SPANS")
        rows = project.events[
            (project.events["event_id"] == event_id) & (project.events["source_id"] == source_id)
        ]
        if rows.empty:
            raise KeyError(f"source '{source_id}' does not report event '{event_id}'")
        if words.lower() not in " ".join(rows.iloc[0]["quote"].split()).lower():
            raise ValueError(f"{words!r} is not in {source_id}'s quote of '{event_id}'")
        low, high = WORDED_SPANS[words]
        records.append(
            {"fact_id": fact_id, "subject": subject, "unit": "people", "source_id": source_id,
             "source": (labels or {}).get(source_id, source_id), "value": float("nan"),
             "value_max": float("nan"), "hedge": "", "low": low, "high": high,
             "display": f"“{words}”"}
        )  # fmt: skip
    return pd.DataFrame.from_records(records)
