"""Every check of the project's data, collected as Problems; and the coverage of dated sentences.

``run_checks(root)`` reads the tables, validates them against the datapackage (frictionless),
then checks what a schema cannot: dates against their precision, modes against the codebook,
actor and source ids, verbatim quotes, actor names found in the sources, and the coverage rule.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from crisis.codebook import EVENT_TYPES
from crisis.problems import Problem
from crisis.tables import Table, read_descriptor, read_table, validate_tables
from crisis.text import (
    all_occurrences,
    date_phrases,
    find_quote,
    missing_part,
    normalise,
    quote_parts,
    split_sentences,
)

_PRECISION = {4: "year", 7: "month", 10: "day"}


@dataclass
class CheckResult:
    """The outcome of a check: the tables read, the seed texts, problems and coverage."""

    root: Path
    tables: dict[str, Table] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    coverage: pd.DataFrame | None = None


def _split(cell: str) -> list[str]:
    return [x for x in cell.split("|") if x]


def _rows(table: Table | None):
    if table is None or not table.readable:
        return []
    return list(zip(table.lines, table.rows, strict=True))


def check_dates(table: Table) -> list[Problem]:
    """A date must be a real calendar date whose form agrees with its stated precision."""
    problems = []
    for line, row in _rows(table):
        date, precision = row.get("date", ""), row.get("date_precision")
        if not date:
            continue
        try:
            if len(date) == 10:
                dt.date.fromisoformat(date)
        except ValueError:
            problems.append(Problem(table.path, line, f"date '{date}' is not a calendar date"))
            continue
        implied = _PRECISION.get(len(date))
        if precision is not None and implied and precision != implied:
            problems.append(
                Problem(
                    table.path,
                    line,
                    f"date '{date}' has {implied} precision but date_precision is '{precision}'",
                )
            )
    return problems


def check_modes(events: Table) -> list[Problem]:
    """A mode must be one of its event type's modes in the codebook."""
    problems = []
    for line, row in _rows(events):
        etype, mode = row["event_type"], row["mode"]
        if mode and etype in EVENT_TYPES and mode not in EVENT_TYPES[etype].modes:
            allowed = ", ".join(EVENT_TYPES[etype].modes) or "none"
            problems.append(
                Problem(events.path, line, f"mode '{mode}' is not a mode of {etype} ({allowed})")
            )
    return problems


def check_actor_ids(events: Table, actor_ids: set[str]) -> list[Problem]:
    """Every actor and recipient must be in actors.csv; nobody acts on themselves."""
    problems = []
    for line, row in _rows(events):
        for column in ("actors", "recipients"):
            for actor in _split(row[column]):
                if actor not in actor_ids:
                    problems.append(
                        Problem(events.path, line, f"{column}: '{actor}' is not in data/actors.csv")
                    )
        both = sorted(set(_split(row["actors"])) & set(_split(row["recipients"])))
        if both:
            problems.append(
                Problem(events.path, line, f"'{both[0]}' is both an actor and a recipient")
            )
    return problems


def read_texts(root: Path, sources: Table) -> tuple[dict[str, str], list[Problem]]:
    """The raw text of each source's seed file."""
    texts, problems = {}, []
    for line, row in _rows(sources):
        path = root / row["file"]
        try:
            texts[row["source_id"]] = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            problems.append(Problem(sources.path, line, f"file '{row['file']}' does not exist"))
        except UnicodeDecodeError:
            problems.append(Problem(sources.path, line, f"file '{row['file']}' is not UTF-8"))
    return texts, problems


def check_source_metadata(sources: Table, norm: dict[str, str]) -> list[Problem]:
    """Titles and outlets must be stated by the text itself."""
    problems = []
    for line, row in _rows(sources):
        text = norm.get(row["source_id"])
        if text is None:
            continue
        for column in ("title", "outlet"):
            if row[column] and normalise(row[column]) not in text:
                problems.append(
                    Problem(sources.path, line, f"{column} '{row[column]}' is not in the text")
                )
    return problems


def check_quotes(table: Table, norm: dict[str, str]) -> list[Problem]:
    """Every quote must occur verbatim (after normalisation) in its source; elisions in order."""
    problems = []
    for line, row in _rows(table):
        text = norm.get(row["source_id"])
        if text is None or not row["quote"]:
            continue
        if find_quote(row["quote"], text) is None:
            parts = quote_parts(row["quote"])
            message = f"quote not found in source '{row['source_id']}'"
            if len(parts) > 1:
                part = missing_part(row["quote"], text) or ""
                message += f' (part not found in order: "{part[:60]}")'
            problems.append(Problem(table.path, line, message))
    return problems


def _word_pattern(alias: str) -> re.Pattern:
    return re.compile(rf"(?<![\w]){re.escape(normalise(alias))}(?![\w])")


def check_actor_names(actors: Table, norm: dict[str, str]) -> list[Problem]:
    """Each actor is found in some source by name or alias; no alias names two actors."""
    problems = []
    owner: dict[str, tuple[str, int]] = {}
    corpus = "\n".join(norm.values())
    for line, row in _rows(actors):
        names = [row["name"], *_split(row["aliases"])]
        if not any(_word_pattern(n).search(corpus) for n in names if n):
            problems.append(
                Problem(actors.path, line, f"actor '{row['actor_id']}' is not named in any source")
            )
        for alias in dict.fromkeys(_split(row["aliases"])):
            if alias in owner and owner[alias][0] != row["actor_id"]:
                other, other_line = owner[alias]
                problems.append(
                    Problem(
                        actors.path,
                        line,
                        f"alias '{alias}' also belongs to '{other}' (line {other_line})",
                    )
                )
            owner.setdefault(alias, (row["actor_id"], line))
    return problems


def coverage_table(
    texts: dict[str, str], files: dict[str, str], events: Table, waivers: Table
) -> pd.DataFrame:
    """Every dated sentence of every source and what covers it: 'event', 'waiver' or ''."""
    quoted: dict[str, list[tuple[int, int]]] = {}
    for _, row in _rows(events):
        text = normalise(texts.get(row["source_id"], ""))
        for part in quote_parts(row["quote"]):
            for start in all_occurrences(part, text):
                quoted.setdefault(row["source_id"], []).append((start, start + len(part)))
    waived = {(r["source_id"], normalise(r["sentence"])) for _, r in _rows(waivers)}
    records = []
    for source_id, raw in texts.items():
        spans = sorted(quoted.get(source_id, []))
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
    columns = ["source_id", "file", "line", "sentence", "dates", "covered_by"]
    return pd.DataFrame.from_records(records, columns=columns)


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
        if (
            row["source_id"] in texts
            and (row["source_id"], normalise(row["sentence"])) not in sentences
        ):
            problems.append(
                Problem(
                    waivers.path,
                    line,
                    f"waived sentence not found in source '{row['source_id']}'",
                )
            )
    return problems


def run_checks(root: Path | str) -> CheckResult:
    """Run every check over the project at ``root``; never raises on bad data."""
    result = CheckResult(Path(root))
    descriptor, problems = read_descriptor(result.root)
    result.problems.extend(problems)
    if descriptor is None:
        return result
    for resource in descriptor["resources"]:
        table, problems = read_table(result.root, resource)
        result.tables[table.name] = table
        result.problems.extend(problems)
    result.problems.extend(validate_tables(result.root, descriptor, result.tables))
    t = result.tables
    sources, actors = t.get("sources"), t.get("actors")
    events, claims, waivers = t.get("events"), t.get("claims"), t.get("coverage_waivers")
    for table in (events, claims):
        if table is not None:
            result.problems.extend(check_dates(table))
    if events is not None:
        result.problems.extend(check_modes(events))
        if actors is not None and actors.readable:
            ids = {r["actor_id"] for r in actors.rows}
            result.problems.extend(check_actor_ids(events, ids))
    if sources is None or not sources.readable:
        return result
    result.texts, problems = read_texts(result.root, sources)
    result.problems.extend(problems)
    norm = {sid: normalise(text) for sid, text in result.texts.items()}
    result.problems.extend(check_source_metadata(sources, norm))
    for table in (events, claims):
        if table is not None:
            result.problems.extend(check_quotes(table, norm))
    if actors is not None:
        result.problems.extend(check_actor_names(actors, norm))
    if events is not None and events.readable and waivers is not None and waivers.readable:
        files = {r["source_id"]: r["file"] for r in sources.rows}
        result.coverage = coverage_table(result.texts, files, events, waivers)
        result.problems.extend(check_coverage(result.coverage, result.texts, waivers))
    result.problems = sorted(set(result.problems))
    return result


def summary(result: CheckResult) -> dict[str, int]:
    """Counts per table and coverage, for a project that passed the check."""
    t = result.tables
    events, claims = t["events"].rows, t["claims"].rows
    fact_sources: dict[str, set[str]] = {}
    for row in claims:
        fact_sources.setdefault(row["fact_id"], set()).add(row["source_id"])
    cov = result.coverage if result.coverage is not None else pd.DataFrame(columns=["covered_by"])
    return {
        "sources": len(t["sources"].rows),
        "actors": len(t["actors"].rows),
        "events": len({r["event_id"] for r in events}),
        "event reports": len(events),
        "events reported by more than one source": sum(
            1 for ids in _group(events, "event_id").values() if len(ids) > 1
        ),
        "claims": len(claims),
        "facts": len(fact_sources),
        "facts reported by more than one source": sum(len(s) > 1 for s in fact_sources.values()),
        "waivers": len(t["coverage_waivers"].rows),
        "dated sentences": len(cov),
        "covered by events": int((cov["covered_by"] == "event").sum()),
        "covered by waivers": int((cov["covered_by"] == "waiver").sum()),
    }


def _group(rows: list[dict[str, str]], key: str) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for row in rows:
        groups.setdefault(row[key], set()).add(row["source_id"])
    return groups
