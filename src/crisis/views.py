"""Tables and values the chapters show, shaped from the loaded project.

Every function here is pure (it reads the project's frames and returns a new value), except
``glue_citation``, which glues a computed ``{cite:p}`` role for the prose. Tables have readable
column names and a deterministic row order; an unknown event, fact or theme raises rather than
giving an empty table that would read as "nothing happened".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

import pandas as pd

from crisis.codebook import THEMES
from crisis.corroboration import display_value, interval
from crisis.style import format_number

_DATE_FORMS = {
    "year": re.compile(r"\d{4}"),
    "month": re.compile(r"\d{4}-\d{2}"),
    "day": re.compile(r"\d{4}-\d{2}-\d{2}"),
}
_SLUG = re.compile(r"[a-z0-9]+(_[a-z0-9]+)*")
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
NOT_STATED = "not stated"
AS_MOST = "as most sources"
DIFFERS = "stated differently"
ONLY = "only source"


def date_label(date: str, precision: str) -> str:
    """'2019-03-23' -> '23 March 2019'; '2019-03' -> 'March 2019'; '2019' -> '2019'.

    Raises ValueError for an unknown precision, a date whose form does not match it, or a date
    that does not exist (``2019-02-30``).
    """
    if precision not in _DATE_FORMS:
        raise ValueError(f"unknown date precision {precision!r}; expected year, month or day")
    if not _DATE_FORMS[precision].fullmatch(str(date)):
        raise ValueError(f"date {date!r} does not have the form of precision {precision!r}")
    try:
        stamp = pd.Timestamp(date if precision != "year" else f"{date}-01-01")
    except ValueError as error:
        raise ValueError(f"date {date!r} does not exist") from error
    if precision == "year":
        return str(stamp.year)
    if precision == "month":
        return f"{stamp:%B} {stamp.year}"
    return f"{stamp.day} {stamp:%B} {stamp.year}"


def cite_keys(source_ids: Iterable[str]) -> str:
    """The keys of a ``{cite:p}`` role: 'encyclopedia,the_week' (order kept, repeats dropped).

    Raises ValueError for no source at all or an id that is not a source slug.
    """
    keys = list(dict.fromkeys(source_ids))
    if not keys:
        raise ValueError("a citation needs at least one source")
    bad = [k for k in keys if not isinstance(k, str) or not _SLUG.fullmatch(k)]
    if bad:
        raise ValueError(f"not source ids: {', '.join(map(repr, bad))}")
    return ",".join(keys)


def citation(source_ids: Iterable[str]) -> str:
    """The MyST markup citing the given sources: ``{cite:p}`a,b```."""
    return "{cite:p}`" + cite_keys(source_ids) + "`"


def glue_citation(name: str, source_ids: Iterable[str]) -> None:
    """Glue a computed citation, written ``{glue:md}`name:myst``` in the prose.

    Used where the prose says which sources report something, so the citation follows the data.
    """
    from IPython.display import Markdown
    from myst_nb import glue

    from crisis.style import check_glue_name

    glue(check_glue_name(name), Markdown(citation(source_ids)), display=False)


def large_number(value: float) -> str:
    """A count for prose: 3000000 -> '3 million', 41900000 -> '41.9 million', 20000 -> '20,000'.

    Raises ValueError for a negative, NaN or infinite value.
    """
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"cannot write {value!r} as a count")
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{format_number(value / size)} {word}"
    return format_number(value)


def usd(value: float) -> str:
    """A sum of US dollars for prose: 41900000 -> '$41.9 million', 9e9 -> '$9 billion'.

    Raises ValueError for a negative, NaN or infinite sum.
    """
    return "$" + large_number(value)


def event_count(project, event_type: str | None = None, theme: str | None = None) -> int:
    """The number of distinct events (not reports), optionally of one type and one theme."""
    events = project.events
    if event_type is not None:
        events = events[events["event_type"] == event_type]
    if theme is not None:
        events = events[events["theme"] == theme]
    return int(events["event_id"].nunique())


def source_labels(project) -> dict[str, str]:
    """source_id -> the short label readers see."""
    return dict(zip(project.sources["source_id"], project.sources["label"], strict=True))


def source_order(project) -> list[str]:
    """The source ids in sources.csv order (the order of every per-source display)."""
    return list(project.sources["source_id"])


def in_source_order(project, source_ids: Iterable[str]) -> list[str]:
    """The given source ids once each, in sources.csv order; KeyError on an unknown id."""
    wanted = set(source_ids)
    unknown = sorted(wanted - set(source_order(project)))
    if unknown:
        raise KeyError(f"unknown sources: {', '.join(unknown)}")
    return [s for s in source_order(project) if s in wanted]


def actor_names(project) -> dict[str, str]:
    """actor_id -> display name."""
    return dict(zip(project.actors["actor_id"], project.actors["name"], strict=True))


def join_words(words: Iterable[str]) -> str:
    """'Russia, China and Cuba' from words in the given order ('' for none)."""
    shown = list(words)
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def join_names(ids: Iterable[str], names: dict[str, str]) -> str:
    """``join_words`` of the names of actor ids (in the given order); KeyError on an unknown id."""
    return join_words(names[i] for i in ids)


def _event_rows(project, event_id: str) -> pd.DataFrame:
    rows = project.events[project.events["event_id"] == event_id]
    if rows.empty:
        raise KeyError(f"no event '{event_id}' in data/events.csv")
    return rows


def best_report(project, event_id: str) -> pd.Series:
    """The most precisely dated report of an event (stated before inferred, then source order)."""
    order = {s: i for i, s in enumerate(source_order(project))}
    rows = _event_rows(project, event_id)
    key = rows.apply(
        lambda r: (
            _PRECISION_RANK[r["date_precision"]],
            r["date_basis"] != "stated",
            order[r["source_id"]],
        ),
        axis=1,
    )
    return rows.loc[key.sort_values(kind="stable").index[0]]


def event_date(project, event_id: str) -> str:
    """The date label of an event, from its most precise report."""
    best = best_report(project, event_id)
    return date_label(best["date"], best["date_precision"])


def report_date(project, event_id: str, source_id: str) -> str:
    """The date label one source gives an event; KeyError if that source does not report it."""
    rows = _event_rows(project, event_id)
    rows = rows[rows["source_id"] == source_id]
    if rows.empty:
        raise KeyError(f"source '{source_id}' does not report event '{event_id}'")
    return date_label(rows.iloc[0]["date"], rows.iloc[0]["date_precision"])


def event_sources(project, event_id: str) -> list[str]:
    """The sources reporting an event, in sources.csv order."""
    found = set(_event_rows(project, event_id)["source_id"])
    return [s for s in source_order(project) if s in found]


def event_actors(project, event_id: str, column: str = "actors") -> list[str]:
    """The actor ids (or, with ``column="recipients"``, recipient ids) of all reports of an
    event, each once, in the order the reports name them (reports in data/events.csv order)."""
    rows = _event_rows(project, event_id).sort_values("row", kind="stable")
    return list(dict.fromkeys(a for t in rows[column] for a in t))


def story_spans(project) -> pd.DataFrame:
    """Every event once (``crisis.timeline.event_spans``), in date order; events starting on the
    same date keep the order in which data/events.csv first reports them (the sources' order of
    telling), not the alphabetical order of their ids."""
    from crisis.timeline import event_spans

    spans = event_spans(project.events, source_order(project))
    first_row = project.events.groupby("event_id", sort=True)["row"].min()
    spans = spans.assign(_r=spans["event_id"].map(first_row))
    spans = spans.sort_values(["start", "_r"], kind="stable")
    return spans.drop(columns="_r").reset_index(drop=True)


def theme_spans(project, theme: str) -> pd.DataFrame:
    """The events of one theme, each once, in the order of ``story_spans``."""
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}; expected one of {', '.join(THEMES)}")
    spans = story_spans(project)
    return spans[spans["theme"] == theme].reset_index(drop=True)


def event_quotes(project) -> dict[str, str]:
    """event_id -> every report's verbatim quote with its source label, in sources.csv order:
    'Encyclopedia: “…”; The Week: “…”'."""
    labels = source_labels(project)
    order = {s: i for i, s in enumerate(source_order(project))}
    events = project.events.assign(_s=project.events["source_id"].map(order))
    events = events.sort_values(["event_id", "_s"], kind="stable")
    return {
        event_id: "; ".join(
            f"{labels[s]}: “{q}”" for s, q in zip(group["source_id"], group["quote"], strict=True)
        )
        for event_id, group in events.groupby("event_id", sort=True)
    }


def theme_events(project, theme: str) -> pd.DataFrame:
    """One row per event of a theme, in date order: date, what happened, who, the sources and
    their words."""
    spans = theme_spans(project, theme)
    names, labels = actor_names(project), source_labels(project)
    quotes = event_quotes(project)
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
            "In the sources' words": [quotes[e] for e in spans["event_id"]],
        }
    )


def event_reports(project, event_ids: list[str]) -> pd.DataFrame:
    """Every report of the given events: event, source, date as reported, verbatim quote.

    Rows follow ``event_ids``, then sources.csv order. KeyError on an unknown event id.
    """
    for event_id in event_ids:
        _event_rows(project, event_id)
    labels = source_labels(project)
    rows = project.events[project.events["event_id"].isin(event_ids)].copy()
    rows["_o"] = rows["event_id"].map({e: i for i, e in enumerate(event_ids)})
    rows["_s"] = rows["source_id"].map({s: i for i, s in enumerate(source_order(project))})
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


def _claim_rows(claims: pd.DataFrame, fact_ids: list[str]) -> pd.DataFrame:
    missing = [f for f in fact_ids if f not in set(claims["fact_id"])]
    if missing:
        raise KeyError(f"no claim {', '.join(map(repr, missing))} in data/claims.csv")
    return claims[claims["fact_id"].isin(fact_ids)]


def claim_reports(project, fact_ids: list[str]) -> pd.DataFrame:
    """Every report of the given facts: what is counted, source, value as stated, quote."""
    labels = source_labels(project)
    rows = _claim_rows(project.claims, fact_ids).copy()
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


def _claim_row(project, fact_id: str, source_id: str | None) -> pd.Series:
    rows = project.claims[project.claims["fact_id"] == fact_id]
    if source_id is not None:
        rows = rows[rows["source_id"] == source_id]
    if rows.empty:
        raise KeyError(f"no claim '{fact_id}' from '{source_id}' in data/claims.csv")
    return rows.iloc[0]


def claim_value(project, fact_id: str, source_id: str | None = None) -> float:
    """The value of a fact as one source (default: the first reporting it) states it."""
    return float(_claim_row(project, fact_id, source_id)["value"])


def claim_bounds(project, fact_id: str, source_id: str | None = None) -> tuple[float, float]:
    """A stated range as (value, value_max); a single value gives (value, value)."""
    row = _claim_row(project, fact_id, source_id)
    top = row["value_max"]
    return float(row["value"]), float(row["value"] if pd.isna(top) else top)


def force_sizes(
    claims: pd.DataFrame,
    fact_ids: list[str],
    source_ids: list[str],
    labels: dict[str, str] | None = None,
) -> pd.DataFrame:
    """The reported sizes of some facts, one row per report, in ``fact_ids`` then source order.

    Columns: fact_id, subject, unit, source_id, source (label), value, value_max, hedge, low and
    high (the interval the hedge or range allows, ``crisis.corroboration.interval``) and display
    ('more than 20,000'). KeyError on an unknown fact or a report from a source not listed.
    """
    rows = _claim_rows(claims, fact_ids)
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

    'as most sources' when it states the fact in the form (value, range and hedge) that more
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
    names, countries = names or {}, countries or {}
    sanctions = events[events["event_type"] == "SANCTION"]
    pairs = sorted(
        {
            (names.get(by, by), names.get(r, r), event_id)
            for event_id, acts, recs in zip(
                sanctions["event_id"], sanctions["actors"], sanctions["recipients"], strict=True
            )
            for by in {countries.get(a) or a for a in acts}
            for r in recs
        }
    )
    frame = pd.DataFrame(pairs, columns=["sanctioning actor", "target", "event_id"])
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


def actor_countries(project) -> dict[str, str]:
    """actor_id -> the actor_id of its state ("" when it has none)."""
    return dict(zip(project.actors["actor_id"], project.actors["country"], strict=True))


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
            "Date": [
                date_label(d, p)
                for d, p in zip(spans["date"], spans["date_precision"], strict=True)
            ],
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
    from crisis.timeline import date_span

    rows = rows.assign(
        _t=[date_span(d, p)[0] for d, p in zip(rows["date"], rows["date_precision"], strict=True)],
        _s=rows["source_id"].map({s: i for i, s in enumerate(source_order(project))}),
    ).sort_values(["_t", "event_id", "_s"], kind="stable")
    return pd.DataFrame(
        {
            "Date": [
                date_label(d, p) for d, p in zip(rows["date"], rows["date_precision"], strict=True)
            ],
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


def event_camps(spans: pd.DataFrame, camps: pd.DataFrame) -> dict[str, str]:
    """event_id -> the camp of the actors who acted ('maduro', 'guaido' or 'none').

    ``camps`` is ``crisis.network.compute_camps`` output. An event takes its actors' camp when
    all of its actors placed in a camp share one; actors in no camp are ignored; an event whose
    actors are in no camp, or in both, is 'none'.
    """
    camp = dict(zip(camps["actor_id"], camps["camp"], strict=True))
    out = {}
    for event_id, actors in zip(spans["event_id"], spans["actors"], strict=True):
        placed = {camp.get(a, "none") for a in actors} - {"none"}
        out[event_id] = placed.pop() if len(placed) == 1 else "none"
    return out


def acting_camps(project) -> dict[str, str]:
    """event_id -> camp of its actors (``event_camps``), with camps computed from the signed
    actor network of all events (``crisis.network.compute_camps``)."""
    from crisis.network import build_graph, compute_camps

    camps = compute_camps(build_graph(project.events, project.actors))
    return event_camps(story_spans(project), camps)


def month_window(month: str) -> tuple[str, str]:
    """'2019-03' -> ('2019-03-01', '2019-04-01'): the half-open window of one month.

    Raises ValueError for anything but an existing YYYY-MM month.
    """
    date_label(month, "month")
    start = pd.Timestamp(f"{month}-01")
    end = start + pd.offsets.MonthBegin(1)
    return f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}"


def in_window(spans: pd.DataFrame, start: str, end: str) -> pd.Series:
    """True for events whose whole span lies in [start, end) (a month-dated event in a month)."""
    return (spans["start"] >= pd.Timestamp(start)) & (spans["end"] <= pd.Timestamp(end))


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
