"""Every check of the project's data, collected as Problems; and the coverage of dated sentences.

``run_checks(root)`` reads the tables, validates them against the datapackage (frictionless),
then checks what a schema cannot: dates against their precision, numbers, modes against the
codebook, actor ids, verbatim quotes, actor names found in the sources, and the coverage rule.
Every problem is collected; a check that needs a table which could not be read is skipped.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from crisis.data import agreement, consistency
from crisis.data.codebook import EVENT_TYPES, SCOPES
from crisis.data.coverage import COVERAGE_COLUMNS, check_coverage, coverage_table
from crisis.data.dates import DATE_FORM, PRECISION_BY_LENGTH, precision_of
from crisis.data.problems import Problem
from crisis.data.tables import (
    Table,
    read_descriptor,
    read_table,
    split_list,
    validate_tables,
)
from crisis.data.tables import table_rows as _rows
from crisis.data.text import find_quote, missing_part, normalise, quote_parts


@dataclass
class CheckResult:
    """The outcome of a check: the tables read, the seed texts, problems and coverage."""

    root: Path
    tables: dict[str, Table] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    coverage: pd.DataFrame | None = None


def check_dates(table: Table) -> list[Problem]:
    """A date must be a real calendar date whose form agrees with its ``date_precision``.

    Dates of the wrong form are left to the schema's pattern (reported once, by frictionless).
    """
    problems = []
    for line, row in _rows(table):
        date, precision = row["date"], row.get("date_precision")
        if not DATE_FORM.fullmatch(date):
            continue
        if len(date) == 10:
            try:
                dt.date.fromisoformat(date)
            except ValueError:
                problems.append(Problem(table.path, line, f"date '{date}' is not a calendar date"))
                continue
        implied = precision_of(date)
        if precision in PRECISION_BY_LENGTH.values() and precision != implied:
            problems.append(
                Problem(
                    table.path,
                    line,
                    f"date '{date}' has {implied} precision but date_precision is '{precision}'",
                )
            )
    return problems


def number_value(cell: str) -> float | None:
    """A number cell as float (parsed like frictionless does, via Decimal); None if not a number.

    Non-finite values (nan, inf) parse, as float NaN or infinity; ``check_numbers`` refuses them.
    """
    try:
        number = Decimal(cell)
    except InvalidOperation:
        return None
    return float(number) if not number.is_snan() else math.nan


def check_numbers(claims: Table) -> list[Problem]:
    """Values must be finite; a range's ``value_max`` must not be below its ``value``.

    Cells that are not numbers at all are left to the schema (reported by frictionless).
    """
    problems = []
    for line, row in _rows(claims):
        value, value_max = number_value(row["value"]), number_value(row["value_max"])
        for name, number in (("value", value), ("value_max", value_max)):
            if number is not None and not math.isfinite(number):
                problems.append(Problem(claims.path, line, f"{name} '{row[name]}' is not finite"))
        if value is not None and value_max is not None and value_max < value:
            problems.append(
                Problem(
                    claims.path,
                    line,
                    f"value_max '{row['value_max']}' is less than value '{row['value']}'",
                )
            )
    return problems


def check_modes(events: Table) -> list[Problem]:
    """A mode must be one of its event type's modes in the codebook (or empty)."""
    problems = []
    for line, row in _rows(events):
        etype, mode = row["event_type"], row["mode"]
        if mode and etype in EVENT_TYPES and mode not in EVENT_TYPES[etype].modes:
            allowed = ", ".join(EVENT_TYPES[etype].modes) or "none"
            problems.append(
                Problem(events.path, line, f"mode '{mode}' is not a mode of {etype} ({allowed})")
            )
    return problems


def check_actor_ids(events: Table, actors: Table) -> list[Problem]:
    """Every actor and recipient must be in actors.csv; nobody acts on themselves."""
    known = {row["actor_id"] for _, row in _rows(actors)}
    problems = []
    for line, row in _rows(events):
        for column in ("actors", "recipients"):
            for actor in split_list(row[column]):
                if actor not in known:
                    problems.append(
                        Problem(events.path, line, f"{column}: '{actor}' is not in {actors.path}")
                    )
        for actor in sorted(set(split_list(row["actors"])) & set(split_list(row["recipients"]))):
            problems.append(Problem(events.path, line, f"'{actor}' is both actor and recipient"))
    return problems


def read_texts(root: Path, sources: Table) -> tuple[dict[str, str], list[Problem]]:
    """The raw text of each source's seed file, keyed by source_id."""
    texts, problems = {}, []
    for line, row in _rows(sources):
        try:
            texts[row["source_id"]] = (root / row["file"]).read_text(encoding="utf-8")
        except (FileNotFoundError, IsADirectoryError):
            problems.append(Problem(sources.path, line, f"file '{row['file']}' does not exist"))
        except UnicodeDecodeError:
            problems.append(Problem(sources.path, line, f"file '{row['file']}' is not UTF-8"))
    return texts, problems


def check_source_metadata(sources: Table, norm: dict[str, str]) -> list[Problem]:
    """Titles and outlets (when given) must be stated by the text itself."""
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
            message = f"quote not found in source '{row['source_id']}'"
            if len(quote_parts(row["quote"])) > 1:
                part = missing_part(row["quote"], text) or ""
                shown = part if len(part) <= 60 else part[:60] + "…"
                message += f' (this part is missing or out of order: "{shown}")'
            problems.append(Problem(table.path, line, message))
    return problems


def _names(row: dict[str, str]) -> list[str]:
    """An actor's name and aliases, normalised, without repeats, in order."""
    return list(dict.fromkeys(normalise(n) for n in [row["name"], *split_list(row["aliases"])]))


def check_actor_names(actors: Table, norm: dict[str, str]) -> list[Problem]:
    """Each actor is named (whole word, case-sensitive) in some source by its name or an alias."""
    corpus = "\n".join(norm[sid] for sid in sorted(norm))
    problems = []
    for line, row in _rows(actors):
        if not any(
            re.search(rf"(?<!\w){re.escape(name)}(?!\w)", corpus) for name in _names(row) if name
        ):
            problems.append(
                Problem(actors.path, line, f"actor '{row['actor_id']}' is not named in any source")
            )
    return problems


def check_shared_aliases(actors: Table) -> list[Problem]:
    """No name or alias may belong to two actors; each actor involved is reported."""
    owners: dict[str, list[tuple[int, str]]] = {}
    for line, row in _rows(actors):
        for name in _names(row):
            owners.setdefault(name, []).append((line, row["actor_id"]))
    problems = []
    for alias, rows in owners.items():
        for line, actor_id in rows:
            others = [f"'{a}' (line {ln})" for ln, a in rows if a != actor_id]
            if others:
                problems.append(
                    Problem(
                        actors.path,
                        line,
                        f"alias '{alias}' of '{actor_id}' also belongs to {', '.join(others)}",
                    )
                )
    return problems


def _readable(table: Table | None) -> bool:
    return table is not None and table.readable


def _gate_checks(descriptor: dict, t: dict[str, Table]) -> list[Problem]:
    """The agreement checks that need no source text, and the one-gate checks."""
    events, claims, actors = t["events"], t["claims"], t["actors"]
    return [
        *agreement.check_claim_values(claims),
        *agreement.check_date_notes(events),
        *consistency.check_shared_by_reports(events),
        *consistency.check_country_kinds(actors),
        *consistency.check_vocabulary(events, descriptor),
        *consistency.check_vocabulary(claims, descriptor),
    ]


def _sentence_checks(texts: dict[str, str], events: Table, actors: Table) -> list[Problem]:
    """The agreement checks that read each event quote's sentence: stated dates, named actors."""
    if not _readable(events):
        return []
    contexts = agreement.event_contexts(events, agreement.read_sources(texts))
    problems = agreement.check_stated_dates(events, contexts)
    if _readable(actors):
        problems += agreement.check_named_actors(events, actors, contexts)
    return problems


def run_checks(root: Path | str) -> CheckResult:
    """Run every check over the project at ``root``; never raises on bad data.

    ``problems`` come sorted (file, line, message) without repeats; ``coverage`` is set when
    the sources, events and waivers could be read.
    """
    result = CheckResult(Path(root))
    descriptor, problems = read_descriptor(result.root)
    result.problems.extend(problems)
    if descriptor is None:
        return result
    for resource in descriptor["resources"]:
        table, problems = read_table(result.root, resource)
        result.tables[table.name] = table
        result.problems.extend(problems)
    result.problems.extend(validate_tables(descriptor, result.tables))
    t = result.tables
    sources, actors, events = t["sources"], t["actors"], t["events"]
    claims, waivers = t["claims"], t["coverage_waivers"]
    result.problems.extend(check_dates(events) + check_dates(claims) + check_numbers(claims))
    result.problems.extend(check_modes(events) + check_shared_aliases(actors))
    result.problems.extend(_gate_checks(descriptor, t))
    if _readable(actors):
        result.problems.extend(check_actor_ids(events, actors))
    if _readable(sources):
        result.texts, problems = read_texts(result.root, sources)
        result.problems.extend(problems)
        norm = {sid: normalise(text) for sid, text in result.texts.items()}
        result.problems.extend(check_source_metadata(sources, norm))
        result.problems.extend(check_quotes(events, norm) + check_quotes(claims, norm))
        if not problems:  # an actor may be named only in a text that could not be read
            result.problems.extend(check_actor_names(actors, norm))
        result.problems.extend(_sentence_checks(result.texts, events, actors))
        if _readable(events) and _readable(waivers):
            files = {row["source_id"]: row["file"] for row in sources.rows}
            result.coverage = coverage_table(result.texts, files, events, waivers)
            result.problems.extend(check_coverage(result.coverage, result.texts, waivers))
    result.problems = sorted(set(result.problems))
    return result


def dated_sentences(root: Path | str) -> pd.DataFrame:
    """The coverage table of the project at ``root`` (see ``coverage_table``), whatever its state.

    Empty (with the columns) when the sources, events or waivers cannot be read.
    """
    coverage = run_checks(root).coverage
    return pd.DataFrame(columns=COVERAGE_COLUMNS) if coverage is None else coverage


def summary(result: CheckResult) -> dict[str, int]:
    """Counts per table and coverage, for a project that passed the check."""
    t = result.tables
    events, claims = t["events"].rows, t["claims"].rows
    cov = result.coverage if result.coverage is not None else pd.DataFrame(columns=["covered_by"])
    event_sources = _sources_per(events, "event_id")
    fact_sources = _sources_per(claims, "fact_id")
    return {
        "sources": len(t["sources"].rows),
        "actors": len(t["actors"].rows),
        "events": len(event_sources),
        "event reports": len(events),
        "events reported by more than one source": sum(len(s) > 1 for s in event_sources.values()),
        "claims": len(claims),
        "facts": len(fact_sources),
        "facts reported by more than one source": sum(len(s) > 1 for s in fact_sources.values()),
        "waivers": len(t["coverage_waivers"].rows),
        "dated sentences": len(cov),
        "covered by events": int((cov["covered_by"] == "event").sum()),
        "covered by waivers": int((cov["covered_by"] == "waiver").sum()),
        **_basis_and_scope_counts(events),
        "derived values": sum(agreement.is_derived(row.get("note", "")) for row in claims),
    }


def _basis_and_scope_counts(events: list[dict[str, str]]) -> dict[str, int]:
    """Event reports per date basis; events per scope (only when events.csv has a scope)."""
    counts = {
        f"reports with {article} {basis} date": sum(row["date_basis"] == basis for row in events)
        for article, basis in (("a", "stated"), ("an", "inferred"), ("a", "borrowed"))
    }
    if events and "scope" in events[0]:
        scope = {row["event_id"]: row["scope"] for row in events}
        counts.update({f"{s} events": sum(v == s for v in scope.values()) for s in SCOPES})
    return counts


def _sources_per(rows: list[dict[str, str]], key: str) -> dict[str, set[str]]:
    """For each value of ``key``, the set of sources reporting it."""
    groups: dict[str, set[str]] = {}
    for row in rows:
        groups.setdefault(row[key], set()).add(row["source_id"])
    return groups
