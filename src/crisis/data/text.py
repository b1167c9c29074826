"""Text utilities: normalisation, verbatim quote search, sentences and date phrases."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_SPACE = re.compile(r"\s+")
ELISION = re.compile(r"\s*(?:\.\.\.|\u2026)\s*")


def normalise(text: str) -> str:
    """NFC, straight quotes, ASCII hyphens, single spaces, stripped."""
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    return _SPACE.sub(" ", text).strip()


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """``normalise(text)`` and, for each of its characters, the offset it comes from.

    The index from normalised offsets back to the original, built in one linear pass. Offsets
    refer to the NFC form of ``text`` (the same string when the text is already NFC, as the seeds
    are); a collapsed run of whitespace maps to the run's first character.
    """
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    out: list[str] = []
    offsets: list[int] = []
    pending_space = -1
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and pending_space < 0:
                pending_space = i
            continue
        if pending_space >= 0:
            out.append(" ")
            offsets.append(pending_space)
            pending_space = -1
        out.append(ch)
        offsets.append(i)
    return "".join(out), offsets


def quote_parts(quote: str) -> list[str]:
    """The normalised parts of a quote, split at its ``...`` elisions (empty parts dropped)."""
    return [p for p in ELISION.split(normalise(quote)) if p]


def find_quote(quote: str, text: str) -> list[tuple[int, int]] | None:
    """The span in ``text`` of each part of ``quote`` (split at elisions), or None if absent.

    ``text`` must already be normalised (``normalise``); the quote is normalised here. Parts
    must occur in order without overlapping; each is found at its earliest possible place, so
    a quote is found whenever any in-order placement exists. Case-sensitive. An empty quote
    (or one that is only an elision) is never found.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for part in quote_parts(quote):
        at = text.find(part, pos)
        if at < 0:
            return None
        spans.append((at, at + len(part)))
        pos = at + len(part)
    return spans or None


def missing_part(quote: str, text: str) -> str | None:
    """The first part of an elided quote that cannot be found (in order), else None."""
    pos = 0
    for part in quote_parts(quote):
        at = text.find(part, pos)
        if at < 0:
            return part
        pos = at + len(part)
    return None


def all_occurrences(part: str, text: str) -> list[int]:
    """Every start offset of ``part`` in ``text`` (non-overlapping, left to right)."""
    starts, pos = [], text.find(part)
    while pos >= 0 and part:
        starts.append(pos)
        pos = text.find(part, pos + len(part))
    return starts


@dataclass(frozen=True)
class Sentence:
    """A sentence: offsets in the normalised text of the whole source, its text and seed line."""

    start: int
    end: int
    text: str
    line: int


_ABBREVIATIONS = {
    "U.S.", "U.N.", "U.K.", "Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Lt.", "Col.", "St.", "Jr.",
    "Sr.", "vs.", "No.", "Inc.", "Ltd.", "Co.", "a.m.", "p.m.", "e.g.", "i.e.", "Jan.", "Feb.",
    "Aug.", "Sept.", "Oct.", "Nov.", "Dec.", "Prof.", "Sen.", "Rep.",
}  # fmt: skip
# A sentence ends at . ? or ! (and any closing quotes/brackets) before a space and a word that
# starts with a capital letter or a digit, possibly after an opening quote or bracket.
_SENTENCE_END = re.compile(r"[.?!][\"')\]]*(?= +[\"'(\[]?(\w))")


def _is_abbreviation(chunk: str, dot: int) -> bool:
    """Whether the word ending with the dot at ``dot`` is an abbreviation or an initial."""
    start = chunk.rfind(" ", 0, dot) + 1
    word = chunk[start : dot + 1].lstrip("\"'([")
    return word in _ABBREVIATIONS or re.fullmatch(r"[A-Z]\.", word) is not None


def split_sentences(raw: str) -> list[Sentence]:
    """Split a source into sentences: lines first (each line is a paragraph), then sentence ends.

    A sentence ends at ``.``, ``?`` or ``!`` (with any closing quotes or brackets) followed by a
    space and a capital letter, a digit or an opening quote; a ``.`` ending a known abbreviation
    (``U.S.``, ``Mr.``, ``Sept.``, ...) or a single capital initial (``John R. Bolton``) does not
    end a sentence. ``start``/``end`` are offsets in ``normalise(raw)`` (equal to
    ``joined_text(raw)``); ``line`` is the 1-based line of the raw file; ``text`` is normalised.
    """
    sentences: list[Sentence] = []
    norm_pos = 0
    for lineno, line in enumerate(raw.split("\n"), start=1):
        chunk = normalise(line)
        if not chunk:
            continue
        begin = 0
        for m in _SENTENCE_END.finditer(chunk):
            following = m.group(1)
            if not (following.isupper() or following.isdigit()):
                continue
            if chunk[m.start()] == "." and _is_abbreviation(chunk, m.start()):
                continue
            piece = chunk[begin : m.end()].strip()
            if piece:
                at = begin + (len(chunk[begin : m.end()]) - len(chunk[begin : m.end()].lstrip()))
                sentences.append(Sentence(norm_pos + at, norm_pos + at + len(piece), piece, lineno))
            begin = m.end()
        piece = chunk[begin:].strip()
        if piece:
            at = begin + (len(chunk[begin:]) - len(chunk[begin:].lstrip()))
            sentences.append(Sentence(norm_pos + at, norm_pos + at + len(piece), piece, lineno))
        norm_pos += len(chunk) + 1
    return sentences


def joined_text(raw: str) -> str:
    """The normalised text whose offsets ``split_sentences`` uses: non-empty lines joined by ' '."""
    return " ".join(c for c in (normalise(line) for line in raw.split("\n")) if c)


_MONTHS = (
    "January|February|March|April|June|July|August|September|October|November|December"
    "|Jan\\.|Feb\\.|Aug\\.|Sept\\.|Oct\\.|Nov\\.|Dec\\."
)
_NUMBER = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|some)"
_DATE = re.compile(
    "|".join(
        [
            r"(?<![\w.])(?:18|19|20)\d\d(?:s|'s)?(?![\w])",
            rf"(?<![\w])(?:{_MONTHS})(?![\w])",
            r"(?<![\w])May(?=\s+(?:\d|of\s+\d))",
            r"(?<=\d\s)May(?![\w])",
            r"(?<![\w])(?:(?:[Ii]n|[Oo]f|[Ss]ince|[Uu]ntil|[Ee]arly|[Ll]ate)\s+|[Mm]id-)May(?![\w])",
            r"(?<![\w])(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?(?![\w])",
            r"(?i:(?<![\w])(?:last|this|next|past)\s+(?:weekend|week|month|year)(?![\w]))",
            r"(?i:(?<![\w])(?:earlier|later)\s+(?:that|this)\s+(?:week|month|year)(?![\w]))",
            r"(?i:(?<![\w])in\s+recent\s+(?:days|weeks|months|years)(?![\w]))",
            rf"(?i:(?<![\w]){_NUMBER}\s+(?:days?|weeks?|months?|years?)\s+"
            r"(?:ago|earlier|later|after|before)(?![\w]))",
            r"(?i:(?<![\w])(?:past|last)\s+\w+\s+(?:days|weeks|months|years)(?![\w]))",
            r"(?i:(?<![\w])(?:yesterday|today|tomorrow)(?![\w]))",
        ]
    )
)


def date_phrases(sentence: str) -> list[str]:
    """Every phrase in ``sentence`` that states a date, in order."""
    return [m.group(0) for m in _DATE.finditer(sentence)]
