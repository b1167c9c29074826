"""Tests of crisis.data.dates: the one date parser behind the timeline's spans and the labels."""

from __future__ import annotations

import pandas as pd
import pytest

from crisis.data import dates

T = pd.Timestamp
BAD_DATES = [
    ("2019-03", "week", "unknown date precision"),
    ("2019-03", "day", "does not have the form of precision 'day'"),
    ("2019", "month", "does not have the form of precision 'month'"),
    ("19-03-01", "day", "does not have the form"),
    ("2019-02-30", "day", "does not exist"),
    ("2019-13", "month", "does not exist"),
]


@pytest.mark.parametrize(
    ("date", "precision", "start", "end"),
    [
        ("2019-03-23", "day", "2019-03-23", "2019-03-24"),
        ("2019-12-31", "day", "2019-12-31", "2020-01-01"),
        ("2019-03", "month", "2019-03-01", "2019-04-01"),
        ("2019-12", "month", "2019-12-01", "2020-01-01"),
        ("2020-02", "month", "2020-02-01", "2020-03-01"),
        ("2016", "year", "2016-01-01", "2017-01-01"),
    ],
)
def test_date_span_is_the_half_open_span_of_the_precision(date, precision, start, end):
    assert dates.date_span(date, precision) == (T(start), T(end))


@pytest.mark.parametrize(
    ("date", "precision", "label"),
    [("2019-03-03", "day", "3 March 2019"), ("2019-12", "month", "December 2019"),
     ("2015", "year", "2015")],
)  # fmt: skip
def test_date_label_writes_each_precision(date, precision, label):
    assert dates.date_label(date, precision) == label


@pytest.mark.parametrize(("date", "precision", "message"), BAD_DATES)
def test_spans_and_labels_refuse_the_same_bad_dates_with_the_same_message(date, precision, message):
    for parse in (dates.date_start, dates.date_span, dates.date_label):
        with pytest.raises(ValueError, match=message):
            parse(date, precision)


def test_date_labels_label_every_row_in_order():
    frame = pd.DataFrame({"date": ["2019", "2019-03-23"], "date_precision": ["year", "day"]})
    assert dates.date_labels(frame) == ["2019", "23 March 2019"]


def test_a_dates_form_gives_its_precision():
    forms = ("2019", "2019-03", "2019-03-23")
    assert [dates.precision_of(d) for d in forms] == ["year", "month", "day"]
    with pytest.raises(KeyError):
        dates.precision_of("19")
