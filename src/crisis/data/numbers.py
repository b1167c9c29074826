"""Reading the numbers a text states: digits, number words, scale words, percentages, ranges.

``stated_numbers(text)`` returns every number the text states, in order, each with the hedge the
text puts on it. What counts as a number:

- digits with thousands separators and decimals: ``20,000``, ``41.9``, ``3.5``, ``$9``,
  ``1,000-strong``; a percentage (``40%``, ``40 percent``) is the number 40;
- exact number words: ``one`` .. ``nineteen``, ``twenty`` .. ``ninety`` (``twenty-five``),
  ``hundred``, ``thousand``, ``a dozen`` (12), ``a hundred``; plurals (``dozens``,
  ``hundreds``) and ``a few``/``several`` are not numbers;
- a scale word after either, with or without a space, multiplies it: ``41.9 million``,
  ``$41.9million``, ``3million``, ``two billion``, ``$9bn``;
- a range is two numbers joined by ``to``, a hyphen or a dash (``20,000 to 25,000``, ``20-25``),
  or ``between X and Y``; a scale word written only after the top applies to both ends
  (``20 to 25 million``).

The hedge of a number is one of the codebook's ``HEDGES`` written immediately before it (a
currency sign may stand between: ``over $9 billion``), or ``or so``/``or more`` right after it.
All values are ``Decimal`` so that ``41.9 million`` is exactly 41900000.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from crisis.data.codebook import HEDGES, TRAILING_HEDGES

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {
    "hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "bn": 10**9, "dozen": 12,
}  # fmt: skip
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCALE = r"(?:\s?(?:million|billion|trillion|thousand)|bn)(?![a-z])"
_PERCENT = r"(?:\s?%|\s(?:percent|per cent)(?![a-z]))"
_WORD = "|".join(sorted(UNITS, key=len, reverse=True))
_WORDS = (
    rf"(?:(?:{_WORD})(?:[\s-](?:{_WORD}|hundred|thousand|million|billion|dozen))*"
    r"|an?\s(?:dozen|hundred|thousand|million|billion)"
    r"(?:[\s-](?:" + _WORD + r"|hundred|thousand|million|billion))*)"
)
_NUMBER = re.compile(
    rf"(?<![\w.,])(?:(?P<digits>{_DIGITS})(?P<dscale>{_SCALE})?"
    rf"|(?P<words>{_WORDS}))(?![\w])(?!,\d)(?P<percent>{_PERCENT})?",
    re.IGNORECASE,
)
_JOIN = re.compile(r"\s*(?:to|-|\u2013|\u2014)\s*\$?\s*|\s+and\s+\$?", re.IGNORECASE)
_BETWEEN = re.compile(r"(?:^|\W)between\s+\$?$", re.IGNORECASE)
_LEADING = sorted((h for h in HEDGES if h and h not in TRAILING_HEDGES), key=len, reverse=True)
_HEDGE_BEFORE = re.compile(
    rf"(?:^|(?<=\W))({'|'.join(map(re.escape, _LEADING))})\s+(?:US)?\$?\s*$", re.IGNORECASE
)
_HEDGE_AFTER = re.compile(rf"^\s+({'|'.join(map(re.escape, TRAILING_HEDGES))})(?!\w)", re.I)


@dataclass(frozen=True)
class Stated:
    """A number the text states: ``low`` (the number, or the bottom of a range), ``high`` (the
    top of a range, else None), the hedge the text puts on it ('' if none) and the words."""

    low: Decimal
    high: Decimal | None
    hedge: str
    text: str


@dataclass(frozen=True)
class _Match:
    value: Decimal
    scale: int  # the scale word written after it (1 if none)
    start: int
    end: int


def words_value(words: str) -> Decimal | None:
    """The value of a run of number words ('twenty-five', 'a dozen', 'two hundred'), or None.

    Units and tens add up; 'hundred' and 'dozen' multiply what precedes them; 'thousand',
    'million', 'billion' close a group. 'a'/'an' counts as one only before a scale word; any
    other word makes the run not a number.
    """
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t and t != "and"]
    total, current, seen = 0, 0, False
    for token in tokens:
        if token in ("a", "an"):
            current = 1
        elif token in UNITS:
            current, seen = current + UNITS[token], True
        elif token in ("hundred", "dozen"):
            current, seen = max(current, 1) * SCALES[token], True
        elif token in SCALES:
            total, current, seen = total + max(current, 1) * SCALES[token], 0, True
        else:
            return None
    return Decimal(total + current) if seen else None


def _scale(text: str) -> int:
    word = text.strip().lower()
    return SCALES.get(word, 1)


def _matches(text: str) -> list[_Match]:
    """Every single number of the text with its offsets (ranges are formed afterwards)."""
    found = []
    for m in _NUMBER.finditer(text):
        if m.group("digits"):
            scale = _scale(m.group("dscale") or "")
            value = Decimal(m.group("digits").replace(",", "")) * scale
        else:
            value = words_value(m.group("words"))
            if value is None:
                continue
            last = re.split(r"[\s-]+", m.group("words").lower())[-1]
            scale = SCALES[last] if last in ("thousand", "million", "billion") else 1
        found.append(_Match(value, scale, m.start(), m.end()))
    return found


def _hedge(text: str, start: int, end: int) -> str:
    """The hedge right before ``text[start:]`` or right after ``text[:end]``, lower case."""
    before = _HEDGE_BEFORE.search(text[max(0, start - 20) : start])
    if before:
        return before.group(1).lower()
    after = _HEDGE_AFTER.match(text[end:])
    return after.group(1).lower() if after else ""


def _joined(text: str, low: _Match, high: _Match) -> bool:
    """Whether two consecutive numbers form a range ('X to Y', 'X-Y', 'between X and Y')."""
    join = _JOIN.fullmatch(text[low.end : high.start])
    if join is None:
        return False
    if "and" in join.group(0).lower():
        return _BETWEEN.search(text[max(0, low.start - 12) : low.start]) is not None
    return _range(low, high)[0] <= high.value


def _range(low: _Match, high: _Match) -> tuple[Decimal, Decimal]:
    """The ends of a range; a scale written only after the top applies to the bottom too."""
    bottom = low.value * high.scale if low.scale == 1 else low.value
    return bottom, high.value


def stated_numbers(text: str) -> list[Stated]:
    """Every number ``text`` states, in order: single numbers and ranges (see the module doc).

    The ends of a range are not listed on their own: the text states the range, not either end.
    """
    matches = _matches(text)
    out: list[Stated] = []
    i = 0
    while i < len(matches):
        m = matches[i]
        nxt = matches[i + 1] if i + 1 < len(matches) else None
        if nxt is not None and _joined(text, m, nxt):
            low, high = _range(m, nxt)
            words = text[m.start : nxt.end]
            out.append(Stated(low, high, _hedge(text, m.start, nxt.end), words))
            i += 2
            continue
        out.append(Stated(m.value, None, _hedge(text, m.start, m.end), text[m.start : m.end]))
        i += 1
    return out


def show(number: Stated) -> str:
    """'nearly 100', '20000 to 25000': a stated number as the check's messages print it."""
    value = f"{plain(number.low)}" + (f" to {plain(number.high)}" if number.high else "")
    if number.hedge in TRAILING_HEDGES:
        return f"{value} {number.hedge}"
    return f"{number.hedge} {value}".strip()


def plain(value: Decimal | None) -> str:
    """A Decimal without exponent or trailing zeros: 41900000, 33.4."""
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
