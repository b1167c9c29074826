"""The coverage rule: every dated sentence of a source is quoted by an event or waived."""

from __future__ import annotations

import pandas as pd

from crisis.data.problems import Problem
from crisis.data.tables import Table
from crisis.data.tables import table_rows as _rows
from crisis.data.text import all_occurrences, date_phrases, normalise, quote_parts, split_sentences

COVERAGE_COLUMNS = ["source_id", "file", "line", "sentence", "dates", "covered_by"]


def quoted_spans(events: Table, norm: dict[str, str]) -> dict[str, list[tuple[int, int]]]:
    """Per source, every span of the normalised text that an event quote (or part) occupies."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for _, row in _rows(events):
        text = norm.get(row["source_id"])
        if text is None:
            continue
        for part in quote_parts(row["quote"]):
            for start in all_occurrences(part, text):
                spans.setdefault(row["source_id"], []).append((start, start + len(part)))
    return {sid: sorted(s) for sid, s in spans.items()}


def coverage_table(
    texts: dict[str, str], files: dict[str, str], events: Table, waivers: Table
) -> pd.DataFrame:
    """Every dated sentence of every source and what covers it: 'event', 'waiver' or ''.

    Columns: source_id, file (the seed), line (in the seed), sentence, dates (the date phrases,
    '; '-joined), covered_by. A sentence is covered by an event when any event quote of that
    source overlaps it (every occurrence of the quote counts), else by a waiver naming it.
    Sources appear in the order of ``texts``, sentences in text order.
    """
    norm = {sid: normalise(raw) for sid, raw in texts.items()}
    quoted = quoted_spans(events, norm)
    waived = {(row["source_id"], normalise(row["sentence"])) for _, row in _rows(waivers)}
    records = []
    for source_id, raw in texts.items():
        spans = quoted.get(source_id, [])
        for sentence in split_sentences(raw):
            dates = date_phrases(sentence.text)
            if not dates:
                continue
            if any(s < sentence.end and e > sentence.start for s, e in spans):
                by = "event"
            elif (source_id, sentence.text) in waived:
                by = "waiver"
            else:
                by = ""
            records.append(
                {
                    "source_id": source_id,
                    "file": files[source_id],
                    "line": sentence.line,
                    "sentence": sentence.text,
                    "dates": "; ".join(dates),
                    "covered_by": by,
                }
            )
    return pd.DataFrame.from_records(records, columns=COVERAGE_COLUMNS)


def check_coverage(coverage: pd.DataFrame, texts: dict[str, str], waivers: Table) -> list[Problem]:
    """Uncovered dated sentences, and waivers whose sentence is no longer in the source."""
    problems = []
    for row in coverage[coverage["covered_by"] == ""].itertuples():
        excerpt = row.sentence if len(row.sentence) <= 80 else row.sentence[:80] + "…"
        problems.append(
            Problem(
                row.file,
                row.line,
                f'dated sentence not covered by any event or waiver: "{excerpt}"',
            )
        )
    sentences = {(sid, s.text) for sid, raw in texts.items() for s in split_sentences(raw)}
    for line, row in _rows(waivers):
        key = (row["source_id"], normalise(row["sentence"]))
        if row["source_id"] in texts and key not in sentences:
            problems.append(
                Problem(waivers.path, line, f"waived sentence not found in source '{key[0]}'")
            )
    return problems
