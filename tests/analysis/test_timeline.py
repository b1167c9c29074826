"""Tests of crisis.analysis.timeline on hand-built events: spans, the compressed axis, monthly
counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from support.frames import events_frame, report

from crisis.analysis import timeline

T = pd.Timestamp
THEMES = ["background", "military", "russia", "sanctions"]


# --- event_spans --------------------------------------------------------------------------------


def test_event_spans_draws_each_event_once_dated_by_its_most_precise_report():
    events = events_frame(
        report("x", ("russia",), ("cuba",), source_id="a", date="2019-03"),
        report("x", ("iran",), ("cuba", "venezuela"), source_id="b", date="2019-03-23"),
        report("x", ("russia",), (), source_id="c", date="2019"),
    )
    spans = timeline.event_spans(events, ["c", "b", "a"])
    assert len(spans) == 1
    row = spans.iloc[0]
    assert (row["date"], row["date_precision"]) == ("2019-03-23", "day")
    assert (row["start"], row["end"]) == (T("2019-03-23"), T("2019-03-24"))
    assert row["mid"] == T("2019-03-23 12:00")
    assert row["summary"] == "Summary of x by b."
    assert row["actors"] == ("iran", "russia")
    assert row["recipients"] == ("cuba", "venezuela")
    assert row["source_ids"] == ("c", "b", "a")  # in the given source order
    assert row["n_sources"] == 3


def test_event_spans_prefers_a_stated_date_then_the_earlier_source():
    events = events_frame(
        report("x", source_id="a", date="2019-03-25", basis="inferred"),
        report("x", source_id="b", date="2019-03-24", basis="stated"),
        report("y", source_id="b", date="2019-04-02"),
        report("y", source_id="a", date="2019-04-01"),
    )
    spans = timeline.event_spans(events, ["a", "b"]).set_index("event_id")
    assert spans.loc["x", "date"] == "2019-03-24"  # stated beats inferred
    assert spans.loc["y", "date"] == "2019-04-01"  # then the first source in the order
    reordered = timeline.event_spans(events, ["b", "a"]).set_index("event_id")
    assert reordered.loc["y", "date"] == "2019-04-02"


def test_event_spans_are_sorted_by_start_then_event_id():
    events = events_frame(
        report("late", date="2019-05-01"),
        report("b_year", date="2019"),
        report("a_year", date="2019"),
        report("early", date="2018-12"),
    )
    spans = timeline.event_spans(events)
    assert list(spans["event_id"]) == ["early", "a_year", "b_year", "late"]
    assert list(spans.columns) == timeline.SPAN_COLUMNS


def test_event_spans_of_no_events_is_empty_with_its_columns():
    spans = timeline.event_spans(events_frame())
    assert spans.empty and list(spans.columns) == timeline.SPAN_COLUMNS
    assert timeline.timeline_table(spans).empty


def test_event_spans_refuses_a_source_missing_from_the_order():
    events = events_frame(report("x", source_id="a"), report("x", source_id="z"))
    with pytest.raises(ValueError, match="not in the source order: z"):
        timeline.event_spans(events, ["a"])


def test_event_spans_refuses_an_unknown_date_basis():
    with pytest.raises(ValueError, match="unknown date basis: guessed"):
        timeline.event_spans(events_frame(report("x", basis="guessed")))


# --- the compressed axis ------------------------------------------------------------------------


def spans_from(*dates: str) -> pd.DataFrame:
    """Event spans of one single-report event per date."""
    return timeline.event_spans(
        events_frame(*(report(f"e{i}", date=d) for i, d in enumerate(dates)))
    )


def test_compressed_axis_is_continuous_and_strictly_increasing():
    axis = timeline.compressed_axis(spans_from("2001-05", "2019-03-23", "2021"))
    days = pd.Series(pd.date_range("2001-01-01", "2022-01-01", freq="D"))
    x = axis(days)
    assert (np.diff(x) > 0).all()
    # continuous: one day never jumps more than the widest day of any segment
    widest_day = max(
        w / (b - a).days for a, b, w in zip(axis.breaks, axis.breaks[1:], axis.widths, strict=False)
    )
    assert np.diff(x).max() <= widest_day + 1e-12
    assert x[0] == 0 and x[-1] == pytest.approx(sum(axis.widths))


def test_compressed_axis_squeezes_the_early_years_and_widens_2019():
    axis = timeline.compressed_axis(spans_from("2001-05", "2019-03-23"))
    width = {
        year: float(axis(T(f"{year + 1}-01-01"))[0] - axis(T(f"{year}-01-01"))[0])
        for year in (2005, 2016, 2018, 2019)
    }
    assert width[2005] < width[2016] <= width[2018] < width[2019]
    assert width[2019] > sum(axis.widths) / 3  # the crisis year takes the most room
    assert axis.breaks[0] == T("2001-01-01") and axis.breaks[-1] == T("2020-01-01")


def test_compressed_axis_ticks_are_ordered_and_name_years_and_2019_quarters():
    axis = timeline.compressed_axis(spans_from("2010", "2019-03-23"))
    positions, labels = axis.ticks()
    assert positions == sorted(positions)
    assert labels == ["2010", "2015", "2018", "2019", "Apr", "Jul", "Oct", "2020"]
    assert positions[labels.index("Jul")] == pytest.approx(float(axis(T("2019-07-01"))[0]))


def test_compressed_axis_refuses_no_events():
    with pytest.raises(ValueError, match="no events"):
        timeline.compressed_axis(spans_from())


@pytest.mark.parametrize(
    ("breaks", "widths", "message"),
    [
        (("2019-01-01", "2020-01-01"), (1.0, 2.0), "need 1 widths"),
        (("2019-01-01",), (), "need 1 widths"),
        (("2020-01-01", "2019-01-01"), (1.0,), "strictly increase"),
        (("2019-01-01", "2020-01-01"), (0.0,), "positive width"),
        (("2019-01-01", "2020-01-01"), (float("nan"),), "positive width"),
    ],
)
def test_a_compressed_axis_must_be_continuous_and_increasing(breaks, widths, message):
    with pytest.raises(ValueError, match=message):
        timeline.CompressedAxis(tuple(T(b) for b in breaks), widths)


def test_compressed_axis_clamps_dates_outside_its_range():
    axis = timeline.CompressedAxis((T("2019-01-01"), T("2020-01-01")), (2.0,))
    assert list(axis(pd.Series([T("2000-01-01"), T("2019-07-02 12:00"), T("2030-01-01")]))) == [
        0.0,
        pytest.approx(1.0, abs=1e-2),
        2.0,
    ]


# --- pack_rows ----------------------------------------------------------------------------------


def test_pack_rows_keeps_overlapping_and_touching_spans_apart():
    spans = pd.DataFrame(
        {
            "start": [T("2019-01-01"), T("2019-01-15"), T("2019-02-01"), T("2019-03-01")],
            "end": [T("2019-02-01"), T("2019-01-16"), T("2019-03-01"), T("2019-03-02")],
        }
    )
    # 0: January; 1 overlaps it; 2 touches the end of 0 and goes to row 1 (1 ended earlier);
    # 3 touches the end of 2 but not of 0, so it reuses row 0
    assert timeline.pack_rows(spans) == [0, 1, 1, 0]


# --- monthly counts -----------------------------------------------------------------------------


def test_monthly_counts_count_day_and_month_events_and_set_year_events_aside():
    spans = timeline.event_spans(
        events_frame(
            report("d1", date="2019-03-23", theme="russia"),
            report("d2", date="2019-03-25", theme="russia"),
            report("m1", date="2019-03", theme="military"),
            report("m2", date="2019-12", theme="sanctions"),
            report("y1", date="2019", theme="russia"),
            report("y2", date="2019", theme="background"),
            report("other_year", date="2018-03-01", theme="russia"),
        )
    )
    counts = timeline.monthly_counts(spans, THEMES)
    assert list(counts.index) == list(range(1, 13)) and counts.index.name == "month"
    assert list(counts.columns) == THEMES
    assert counts.loc[3].to_dict() == {"background": 0, "military": 1, "russia": 2, "sanctions": 0}
    assert counts.loc[12, "sanctions"] == 1
    assert int(counts.to_numpy().sum()) == 4  # year-precise and 2018 events are not counted
    assert counts.attrs["undated_in_year"] == 2
    assert timeline.monthly_counts(spans, THEMES, year=2018).loc[3, "russia"] == 1


def test_monthly_counts_refuse_a_theme_missing_from_the_list():
    spans = spans_from("2019-03")
    with pytest.raises(ValueError, match="themes not in the list: background"):
        timeline.monthly_counts(spans, ["russia"])


# --- timeline_table -----------------------------------------------------------------------------


def test_timeline_table_writes_iso_dates_and_joined_lists():
    events = events_frame(
        report("x", ("russia", "cuba"), ("venezuela",), source_id="b", date="2019-12"),
        report("x", ("russia",), ("venezuela",), source_id="a", date="2019-12"),
    )
    table = timeline.timeline_table(timeline.event_spans(events, ["a", "b"]))
    row = table.iloc[0]
    assert "mid" not in table.columns
    assert (row["start"], row["end"]) == ("2019-12-01", "2020-01-01")
    assert (row["actors"], row["recipients"], row["source_ids"]) == (
        "cuba|russia",
        "venezuela",
        "a|b",
    )


def test_monthly_counts_of_no_events_are_zero():
    counts = timeline.monthly_counts(timeline.event_spans(events_frame()), THEMES)
    assert counts.shape == (12, 4) and int(counts.to_numpy().sum()) == 0
    assert counts.attrs["undated_in_year"] == 0
