"""Tables and values of the timeline chapter: dating precision and basis, events per year and
month, and how each source dates the events several sources report.
"""

from __future__ import annotations

import re

import pandas as pd

from crisis.data.dates import date_label, date_labels
from crisis.report.wording import actor_names, source_labels


def precision_counts(spans: pd.DataFrame) -> dict[str, int]:
    """Events drawn as a day, a month or a year (each event once, at its best precision)."""
    counts = spans["date_precision"].value_counts()
    return {p: int(counts.get(p, 0)) for p in ("day", "month", "year")}


def basis_groups(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The rows (events or event reports) whose date is stated, inferred and borrowed."""
    return {b: frame[frame["date_basis"] == b] for b in ("stated", "inferred", "borrowed")}


def basis_counts(frame: pd.DataFrame) -> dict[str, int]:
    """Rows whose date is stated, inferred and borrowed (events or event reports)."""
    return {b: len(rows) for b, rows in basis_groups(frame).items()}


BASIS_LABELS = {
    "stated": "Stated in its sentence",
    "inferred": "Inferred from the same text",
    "borrowed": "Borrowed from another source",
}


def dating_notes(project, event_id: str) -> pd.DataFrame:
    """How each source's report of an event was dated: as given, stated, inferred or borrowed,
    and why."""
    rows = project.events[project.events["event_id"] == event_id]
    if rows.empty:
        raise KeyError(f"no event '{event_id}' in data/events.csv")
    order = {s: i for i, s in enumerate(project.sources["source_id"])}
    rows = rows.assign(_s=rows["source_id"].map(order)).sort_values("_s", kind="stable")
    labels = source_labels(project)
    return pd.DataFrame(
        {
            "Source": rows["source_id"].map(labels).to_numpy(),
            "Date": date_labels(rows),
            "Basis": rows["date_basis"].map(BASIS_LABELS).to_numpy(),
            "How the date was fixed": [readable_note(project, n) or "—" for n in rows["note"]],
        }
    )


_ID = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*\b")


def readable_note(project, note: str) -> str:
    """A coder's note as readers see it: source ids become the sources' labels, event ids the
    event's summary in square brackets, an editorial insertion ('via [...]'), and an actor id
    that introduces the words naming it ("sergey_lavrov: 'the Russian foreign minister'") the
    actor's name. Other words are left alone."""
    if not isinstance(note, str) or not note:
        return ""
    labels = source_labels(project)
    names = actor_names(project)
    events = project.events.drop_duplicates("event_id").set_index("event_id")["summary"]

    def name(match: re.Match) -> str:
        word = match.group(0)
        if word in labels:
            if labels[word].lower() != word:
                return labels[word]
            # a label that is a common noun ('Encyclopedia'): 'the encyclopedia', as in prose
            before = note[: match.start()].lower()
            return word if before.endswith("the ") else f"the {word}"
        if word in events.index:
            return f"[{events[word].rstrip('.')}]"
        after = note[match.end() : match.end() + 3]
        if word in names and (after.startswith(": '") or "_" in word):
            return names[word]
        return word

    return _ID.sub(name, note)


def year_counts(spans: pd.DataFrame, year: int) -> dict[str, int]:
    """Events that start before ``year``, in it, and after it."""
    years = spans["start"].dt.year
    return {
        "before": int((years < year).sum()),
        "during": int((years == year).sum()),
        "after": int((years > year).sum()),
    }


def busiest_month(counts: pd.DataFrame, year: int) -> tuple[str, int]:
    """The month (label) with most events in a ``monthly_counts`` table, and its count.

    Ties go to the earlier month.
    """
    totals = counts.sum(axis=1)
    if totals.empty or totals.max() == 0:
        raise ValueError(f"no event is dated to a month of {year}")
    month = int(totals.idxmax())
    return date_label(f"{year}-{month:02d}", "month"), int(totals.max())


def month_events(spans: pd.DataFrame, year: int, month: int) -> pd.DataFrame:
    """The events (``event_spans`` rows) that ``monthly_counts`` places in a month of ``year``:
    dated to a day or a month, starting in that month."""
    starts = spans["start"]
    inside = (starts.dt.year == year) & (starts.dt.month == month)
    return spans[inside & (spans["date_precision"] != "year")]


def year_only_events(spans: pd.DataFrame, year: int) -> pd.DataFrame:
    """The events dated only to ``year`` (``monthly_counts``' ``undated_in_year``)."""
    return spans[(spans["start"].dt.year == year) & (spans["date_precision"] == "year")]


def multi_source_ids(spans: pd.DataFrame) -> list[str]:
    """The events (``event_spans``) reported by more than one source, in the spans' order."""
    return list(spans.loc[spans["n_sources"] > 1, "event_id"])


def report_dates(project, event_id: str) -> dict[str, str]:
    """How each source dates one event: source_id -> date label, in sources.csv order."""
    rows = project.events[project.events["event_id"] == event_id]
    if rows.empty:
        raise KeyError(f"no event '{event_id}' in data/events.csv")
    found = {
        r.source_id: date_label(r.date, r.date_precision) for r in rows.itertuples(index=False)
    }
    return {s: found[s] for s in project.sources["source_id"] if s in found}


def multi_source_events(spans: pd.DataFrame, project) -> pd.DataFrame:
    """Events reported by more than one source: date as drawn, theme, summary, the sources, the
    number of reports and how many of them date the event from their own text (stated or
    inferred, not borrowed)."""
    labels = source_labels(project)
    rows = spans[spans["event_id"].isin(multi_source_ids(spans))]
    events = project.events
    own = events[events["date_basis"] != "borrowed"].groupby("event_id")["source_id"].nunique()
    return pd.DataFrame(
        {
            "Date (as drawn)": date_labels(rows),
            "Theme": rows["theme"].str.capitalize().to_numpy(),
            "What happened (its most precisely dated report)": rows["summary"].to_numpy(),
            "Sources": [", ".join(labels[s] for s in ids) for ids in rows["source_ids"]],
            "Reports": rows["n_sources"].to_numpy(),
            "Dated by their own text": [int(own.get(e, 0)) for e in rows["event_id"]],
        }
    )
