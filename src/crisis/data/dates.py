"""Dates as the data writes them: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` with a precision.

The one parser of the package: the timeline's spans (``date_span``) and the labels the book
prints (``date_label``) both read a date through ``date_start``, so they accept and refuse the
same dates with the same messages.
"""

from __future__ import annotations

import re

import pandas as pd

# Any date of the data: YYYY, YYYY-MM or YYYY-MM-DD with a real month and a day of 01-31.
DATE_FORM = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")
DATE_FORMS = {
    "year": re.compile(r"\d{4}"),
    "month": re.compile(r"\d{4}-\d{2}"),
    "day": re.compile(r"\d{4}-\d{2}-\d{2}"),
}
# The precision a date's form implies (a claim has no precision column: its date says it).
PRECISION_BY_LENGTH = {4: "year", 7: "month", 10: "day"}


def precision_of(date: str) -> str:
    """'2019' -> 'year', '2019-03' -> 'month', '2019-03-23' -> 'day'; KeyError for another form."""
    return PRECISION_BY_LENGTH[len(date)]


def date_start(date: str, precision: str) -> pd.Timestamp:
    """The first day a date of the given precision may fall on ('2019-03' -> 1 March 2019).

    Raises ValueError for an unknown precision, a date whose form does not match it, or a date
    that does not exist (``2019-02-30``).
    """
    if precision not in DATE_FORMS:
        raise ValueError(f"unknown date precision {precision!r}; expected year, month or day")
    if not isinstance(date, str) or not DATE_FORMS[precision].fullmatch(date):
        raise ValueError(f"date {date!r} does not have the form of precision {precision!r}")
    try:
        return pd.Timestamp(date if precision != "year" else f"{date}-01-01")
    except ValueError as error:
        raise ValueError(f"date {date!r} does not exist") from error


def date_span(date: str, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The half-open span [start, end) a date of the given precision may fall in."""
    start = date_start(date, precision)
    if precision == "day":
        return start, start + pd.Timedelta(days=1)
    if precision == "month":
        return start, start + pd.offsets.MonthBegin(1)
    return start, start + pd.offsets.YearBegin(1)


def date_label(date: str, precision: str) -> str:
    """'2019-03-23' -> '23 March 2019'; '2019-03' -> 'March 2019'; '2019' -> '2019'."""
    stamp = date_start(date, precision)
    if precision == "year":
        return str(stamp.year)
    if precision == "month":
        return f"{stamp:%B} {stamp.year}"
    return f"{stamp.day} {stamp:%B} {stamp.year}"


def date_labels(frame: pd.DataFrame) -> list[str]:
    """``date_label`` of every row of a frame with ``date`` and ``date_precision`` columns."""
    return [date_label(d, p) for d, p in zip(frame["date"], frame["date_precision"], strict=True)]
