"""Evidence rows and figure frames of the background and military chapters.

The chapters glue their numbers through an ``crisis.report.evidence.Ledger``; the functions here
give the rows behind the numbers that the shared helpers of ``crisis.report.chapters.thematic``
compute without saying which reports they used (who backs whom, the force sizes), and the tidy
frame a chapter timeline draws, for its download.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from crisis.report import evidence, records
from crisis.report.chapters import thematic


def glue_event_date(ledger: evidence.Ledger, name: str, event_id: str, what: str) -> str:
    """Glue the date of an event as the book gives it (``records.event_date``, from its most
    precise report), linked to that report; returns the date label."""
    best = records.best_report(ledger.project, event_id)
    text = records.event_date(ledger.project, event_id)
    ledger.event(name, text, event_id, what, source_id=best["source_id"])
    return text


def report_rows(project, reports) -> pd.DataFrame:
    """Evidence rows (``evidence.ROW_COLUMNS``) of the given reports, (event_id, source_id) pairs,
    in the given order, each pair once. KeyError when a source does not report the event."""
    events = project.events
    where = events.groupby(["event_id", "source_id"], sort=False).groups
    chosen = []
    for event_id, source_id in dict.fromkeys(map(tuple, reports)):
        if (event_id, source_id) not in where:
            raise KeyError(f"no report of {event_id!r} from {source_id!r} in data/events.csv")
        chosen += list(where[(event_id, source_id)])
    if not chosen:
        return pd.DataFrame(columns=evidence.ROW_COLUMNS)
    return evidence.report_rows(project, events.loc[chosen])


def support_report_events(project, sides: dict[str, tuple[str, ...]], **options) -> pd.DataFrame:
    """``thematic.support_reports`` with the event each row comes from: the same columns plus
    ``event_id``, one row per (actor, side, source, event), in the same order.

    Each SUPPORT report is passed alone through ``thematic.support_reports`` (``options`` are
    its ``kinds`` and ``through``), so the rows are exactly those it counts; without the
    ``event_id`` column and its duplicates, the frame is ``support_reports`` itself.
    """
    events = project.events
    support = events[events["event_type"] == "SUPPORT"]
    frames = []
    for index in support.index:
        one = dataclasses.replace(project, events=events.loc[[index]])
        found = thematic.support_reports(one, sides, **options)
        frames.append(found.assign(event_id=events.at[index, "event_id"]))
    columns = ["actor_id", "name", "side", "source_id", "event_id"]
    if not frames:
        return pd.DataFrame(columns=columns)
    tagged = pd.concat(frames, ignore_index=True)
    whole = thematic.support_reports(project, sides, **options)
    order = {tuple(r): i for i, r in enumerate(whole.itertuples(index=False))}
    key = tagged[list(whole.columns)].apply(tuple, axis=1).map(order)
    tagged = tagged.assign(_o=key).sort_values(["_o", "event_id"], kind="stable")
    return tagged[columns].reset_index(drop=True)


def stance_evidence(project, tagged: pd.DataFrame, side: str, names=None) -> pd.DataFrame:
    """Evidence rows of the stances backing ``side`` (of the states in ``names``, if given):
    one row per row of ``tagged`` (``support_report_events``), that is per state and report,
    the state named first in its coding ("China: support, 2019, date stated"), so that a count of
    states is never larger than its rows."""
    rows = tagged[tagged["side"] == side]
    if names is not None:
        rows = rows[rows["name"].isin(list(names))]
    pairs = list(zip(rows["event_id"], rows["source_id"], strict=True))
    found = [report_rows(project, [pair]) for pair in pairs]
    if not found:
        return pd.DataFrame(columns=evidence.ROW_COLUMNS)
    out = pd.concat(found, ignore_index=True)
    out["coding"] = [f"{n}: {c}" for n, c in zip(rows["name"], out["coding"], strict=True)]
    return out


def size_evidence(project, sizes: pd.DataFrame, words) -> pd.DataFrame:
    """Evidence rows of a force-sizes frame (``thematic.force_sizes`` with ``worded_sizes`` rows),
    one per row of ``sizes`` in its order: the claim of that source, or, for a size given in
    words, that source's report of the event named by its spec in ``words`` (the specs of
    ``worded_sizes``)."""
    worded = {fact: event for fact, event, *_ in words}
    frames = []
    for fact_id, source_id in zip(sizes["fact_id"], sizes["source_id"], strict=True):
        if fact_id in worded:
            frames.append(report_rows(project, [(worded[fact_id], source_id)]))
        else:
            frames.append(evidence.claim_rows(project, [fact_id], source_id))
    if not frames:
        return pd.DataFrame(columns=evidence.ROW_COLUMNS)
    return pd.concat(frames, ignore_index=True)
