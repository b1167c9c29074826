"""The agreement rule: the values of a row say what its quote's words say.

Claims (``check_claim_values``): ``value`` is a number the quote states (``crisis.data.numbers``)
and ``value_max`` the top of a range the quote states from ``value``; a quote that states a range
needs ``value_max``. The hedge is the quote's own: when the quote writes a hedge word right
before the number (``nearly 100``), ``hedge`` must be that word; a hedge the quote does not put
on the number must still be a word or phrase of the quote. A value that is derived rather than
read (a sum, a conversion) is exempt when its ``note`` says how, in the form ``derived: <how>``.

Events are read against *the quote's sentence*: every sentence of the source that the quote (or
a part of an elided quote) overlaps, joined. A quote that occurs several times in its source has
one such context per occurrence; a check passes when any of them passes.

- ``stated`` dates (``check_stated_dates``): every component of the date at its precision is
  written in the sentence: the year (``2019``) for year precision; the month's name and the year
  for month precision; the day next to the month's name (``23 March``, ``March 23rd``) and the
  year for day precision. No component is taken from elsewhere in the text: a date the sentence
  does not state in full is ``inferred`` or ``borrowed``.
- ``inferred`` and ``borrowed`` dates need a note (``check_date_notes``); a borrowed note names
  (by ``source_id``) another source that reports the same ``event_id``, and the borrowed date is
  that report's date, at most as precise, and not itself borrowed.
- actors and recipients (``check_named_actors``): each is named in the sentence by its name or an
  alias (whole words, case-sensitive but for the capital of a sentence's first word), or the note
  mentions its ``actor_id`` to say how the text identifies it, e.g.
  ``nicolas_maduro: 'the president'``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from crisis.data.dates import DATE_FORM
from crisis.data.numbers import Stated, plain, show, stated_numbers
from crisis.data.problems import Problem
from crisis.data.tables import Table, split_list, table_rows
from crisis.data.text import Sentence, all_occurrences, find_quote, normalise, quote_parts
from crisis.data.text import split_sentences as _split

DERIVED = re.compile(r"(?<![\w])derived:", re.IGNORECASE)
MONTHS: dict[int, tuple[str, ...]] = {
    1: ("January", "Jan."), 2: ("February", "Feb."), 3: ("March", "Mar."),
    4: ("April", "Apr."), 5: ("May",), 6: ("June", "Jun."), 7: ("July", "Jul."),
    8: ("August", "Aug."), 9: ("September", "Sept.", "Sep."), 10: ("October", "Oct."),
    11: ("November", "Nov."), 12: ("December", "Dec."),
}  # fmt: skip


def word_in(word: str, text: str, flags: int = 0) -> bool:
    """Whether ``word`` occurs in ``text`` as a whole word or phrase."""
    return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text, flags) is not None


def is_derived(note: str) -> bool:
    """Whether a claim's note declares its value derived (``derived: <how>``)."""
    return DERIVED.search(note) is not None


# --- claims --------------------------------------------------------------------------------


def _decimal(cell: str) -> Decimal | None:
    """A finite number cell as Decimal; None when empty, not a number or not finite."""
    try:
        number = Decimal(cell)
    except InvalidOperation:
        return None
    return number if number.is_finite() and math.isfinite(float(number)) else None


def _listing(numbers: list[Stated]) -> str:
    if not numbers:
        return "the quote states no number"
    return "the quote states: " + ", ".join(show(n) for n in numbers)


def hedge_problem(hedge: str, number: Stated, quote: str) -> str | None:
    """What is wrong with a row's hedge for the stated number it matches, or None."""
    if number.hedge and hedge.lower() != number.hedge:
        if not hedge:
            return f"hedge is empty but the quote says '{show(number)}'"
        return f"hedge '{hedge}' is not the quote's hedge '{number.hedge}' ('{show(number)}')"
    if hedge and not word_in(hedge, quote, re.IGNORECASE):
        return f"hedge '{hedge}' is not in the quote"
    return None


def claim_problems(value: Decimal, value_max: Decimal | None, hedge: str, quote: str) -> list[str]:
    """What is wrong with a claim's value, value_max and hedge against its quote (pure)."""
    text = normalise(quote)
    numbers = stated_numbers(text)
    if value_max is None:
        matches = [n for n in numbers if n.high is None and n.low == value]
        if not matches:
            ranges = [n for n in numbers if n.high is not None and value in (n.low, n.high)]
            if ranges:
                return [f"value_max is empty but the quote states the range '{show(ranges[0])}'"]
            return [
                f"value '{plain(value)}' is not a number the quote states ({_listing(numbers)})"
            ]
    else:
        matches = [n for n in numbers if n.low == value and n.high == value_max]
        if not matches:
            return [
                f"value '{plain(value)}' to value_max '{plain(value_max)}' is not a range the "
                f"quote states ({_listing(numbers)})"
            ]
    hedges = [hedge_problem(hedge, n, text) for n in matches]
    return [] if None in hedges else [str(hedges[0])]


def check_claim_values(claims: Table) -> list[Problem]:
    """Each claim's value, value_max and hedge against its quote; derived values are exempt."""
    problems = []
    for line, row in table_rows(claims):
        value = _decimal(row["value"])
        if value is None or not row["quote"] or is_derived(row.get("note", "")):
            continue
        value_max = _decimal(row["value_max"]) if row["value_max"] else None
        if row["value_max"] and (value_max is None or value_max < value):
            continue  # not a number, or a downward range: reported by the schema / check_numbers
        for message in claim_problems(value, value_max, row.get("hedge", ""), row["quote"]):
            problems.append(Problem(claims.path, line, message))
    return problems


# --- the quote's sentence ------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A source's normalised text and its sentences (offsets into that text)."""

    text: str
    sentences: tuple[Sentence, ...]
    starts: tuple[int, ...]


def read_sources(texts: dict[str, str]) -> dict[str, Source]:
    """Each raw source text, normalised and split into sentences once."""
    out = {}
    for source_id, raw in texts.items():
        sentences = tuple(_split(raw))
        out[source_id] = Source(normalise(raw), sentences, tuple(s.start for s in sentences))
    return out


def _sentences_over(source: Source, spans: list[tuple[int, int]]) -> str:
    """The sentences overlapping any of ``spans``, joined by a space, in order."""
    picked: dict[int, str] = {}
    for start, end in spans:
        i = max(bisect.bisect_right(source.starts, start) - 1, 0)
        while i < len(source.sentences) and source.sentences[i].start < end:
            if source.sentences[i].end > start:
                picked[i] = source.sentences[i].text
            i += 1
    return " ".join(picked[i] for i in sorted(picked))


def quote_contexts(quote: str, source: Source) -> list[str]:
    """The quote's sentence(s) for each place the quote occurs; [] when it is not found."""
    parts = quote_parts(quote)
    if len(parts) == 1:
        starts = all_occurrences(parts[0], source.text)
        return [_sentences_over(source, [(s, s + len(parts[0]))]) for s in starts]
    spans = find_quote(quote, source.text)
    return [] if spans is None else [_sentences_over(source, spans)]


# --- dates ---------------------------------------------------------------------------------


def states_date(sentence: str, date: str) -> bool:
    """Whether ``sentence`` writes every component of ``date`` (YYYY, YYYY-MM or YYYY-MM-DD)."""
    if not re.search(rf"(?<!\d){date[:4]}(?!\d)", sentence):
        return False
    if len(date) == 4:
        return True
    names = "|".join(re.escape(n) for n in MONTHS[int(date[5:7])])
    if len(date) == 7:
        return re.search(rf"(?<!\w)(?:{names})(?!\w)", sentence) is not None
    day = rf"0?{int(date[8:10])}(?:st|nd|rd|th)?"
    pattern = rf"(?<![\w]){day}\s+(?:of\s+)?(?:{names})(?!\w)|(?<!\w)(?:{names})\s+{day}(?!\w)"
    return re.search(pattern, sentence) is not None


def check_stated_dates(events: Table, contexts: dict[int, list[str]]) -> list[Problem]:
    """A ``stated`` date must be written in full in the quote's sentence (``states_date``)."""
    problems = []
    for line, row in table_rows(events):
        found = contexts.get(line)
        if row["date_basis"] != "stated" or not found or not DATE_FORM.fullmatch(row["date"]):
            continue  # a date of the wrong form is the schema's to report
        if not any(states_date(c, row["date"]) for c in found):
            problems.append(
                Problem(
                    events.path,
                    line,
                    f"date '{row['date']}' is not stated in the quote's sentence "
                    "(make the basis inferred or borrowed, with a note)",
                )
            )
    return problems


def _reports(events: Table) -> dict[str, dict[str, tuple[int, dict[str, str]]]]:
    """For each event_id, its reports by source_id: (line, row)."""
    out: dict[str, dict[str, tuple[int, dict[str, str]]]] = {}
    for line, row in table_rows(events):
        out.setdefault(row["event_id"], {})[row["source_id"]] = (line, row)
    return out


def borrowed_problem(row: dict[str, str], others: dict[str, tuple[int, dict[str, str]]]) -> str:
    """What is wrong with a borrowed date given the other reports of its event ('' if fine)."""
    lenders = [sid for sid in others if word_in(sid, row["note"])]
    if not others:
        return f"date_basis 'borrowed' but no other source reports '{row['event_id']}'"
    if not lenders:
        named = ", ".join(sorted(others))
        return f"borrowed date: the note names none of the other sources of the event ({named})"
    line, lender = others[lenders[0]]
    if lender["date_basis"] == "borrowed":
        return f"borrowed date: the report of '{lenders[0]}' (line {line}) is itself borrowed"
    lent = _shifted(lender["date"], row["note"])
    if len(lent) < len(row["date"]) or lent[: len(row["date"])] != row["date"]:
        return (
            f"borrowed date '{row['date']}' is not the date of the report of '{lenders[0]}' "
            f"(line {line}: '{lent}')"
        )
    return ""


_VIA = re.compile(r"\bvia ([a-z0-9_]+)")
_SHIFT = re.compile(r"\bvia [a-z0-9_]+ ([+-]\d+) days?\b")


def _shifted(date: str, note: str) -> str:
    """A lent day-precise date moved by the note's ``via <event_id> +N days`` (the text says
    "five days after"); any other date unchanged."""
    match = _SHIFT.search(note)
    if not match or len(date) != 10:
        return date
    moved = dt.date.fromisoformat(date) + dt.timedelta(days=int(match[1]))
    return moved.isoformat()


def anchor_event(note: str, reports: dict) -> str | None:
    """The event a borrowed date is anchored to: ``via <event_id>`` in the note.

    A text that gives an event no date of its own but ties it to another episode it tells
    ("after the landing") borrows that episode's date from another source's report of it; the
    note then says ``Borrowed from <source_id> via <event_id>``. None without such a phrase or
    when the id is not an event.
    """
    match = _VIA.search(note)
    return match[1] if match and match[1] in reports else None


def check_date_notes(events: Table) -> list[Problem]:
    """Inferred and borrowed dates need a note; a borrowed one names its lender (see module)."""
    problems = []
    reports = _reports(events)
    for line, row in table_rows(events):
        basis = row["date_basis"]
        if basis not in ("inferred", "borrowed"):
            continue
        if not row["note"].strip():
            how = "saying how" if basis == "inferred" else "naming the source it comes from"
            problems.append(Problem(events.path, line, f"date_basis '{basis}' needs a note {how}"))
            continue
        if basis == "borrowed":
            anchor = anchor_event(row["note"], reports)
            if anchor is None and _VIA.search(row["note"]):
                problems.append(Problem(events.path, line,
                                        f"borrowed date: the note's '{_VIA.search(row['note'])[0]}'"
                                        " names no event of data/events.csv"))  # fmt: skip
                continue
            event = anchor or row["event_id"]
            others = {s: r for s, r in reports[event].items() if s != row["source_id"]}
            message = borrowed_problem(row, others)
            if message:
                problems.append(Problem(events.path, line, message))
    return problems


# --- actors --------------------------------------------------------------------------------


def name_patterns(actors: Table) -> dict[str, re.Pattern]:
    """For each actor_id, one pattern matching its name or any alias as a whole word.

    Case-sensitive, except that an alias in lower case also matches with a capital first letter,
    as at the start of a sentence ('opposition' matches 'Opposition deputies').
    """
    patterns: dict[str, re.Pattern] = {}
    for _, row in table_rows(actors):
        if row["actor_id"] in patterns:
            continue  # a repeated id: the first row counts (the repeat is a duplicate key)
        names = {normalise(n) for n in [row["name"], *split_list(row["aliases"])]} - {""}
        names |= {n[0].upper() + n[1:] for n in names if n[0].islower()}  # sentence start
        body = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) or "(?!)"
        patterns[row["actor_id"]] = re.compile(rf"(?<![\w])(?:{body})(?![\w])")
    return patterns


def actor_problems(row: dict[str, str], found: list[str], patterns: dict[str, re.Pattern]):
    """Actors and recipients of a row neither named in its sentence nor mentioned in its note."""
    for column in ("actors", "recipients"):
        for actor in split_list(row[column]):
            if actor not in patterns or any(patterns[actor].search(c) for c in found):
                continue
            if not word_in(actor, row["note"]):
                yield (
                    f"{column}: '{actor}' is not named in the quote's sentence "
                    f"(nor identified in the note as '{actor}: ...')"
                )


def check_named_actors(
    events: Table, actors: Table, contexts: dict[int, list[str]]
) -> list[Problem]:
    """Every actor and recipient is named in the quote's sentence or identified by the note."""
    patterns = name_patterns(actors)
    problems = []
    for line, row in table_rows(events):
        found = contexts.get(line)
        if found:
            problems.extend(
                Problem(events.path, line, m) for m in actor_problems(row, found, patterns)
            )
    return problems


def event_contexts(events: Table, sources: dict[str, Source]) -> dict[int, list[str]]:
    """For each event row (by CSV line) whose quote is found, the quote's sentence(s)."""
    out = {}
    for line, row in table_rows(events):
        source = sources.get(row["source_id"])
        if source is not None and row["quote"]:
            out[line] = quote_contexts(row["quote"], source)
    return out
