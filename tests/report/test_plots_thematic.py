"""Tests of crisis.report.figures.thematic on hand-built frames: what is drawn, and what is
refused."""

from __future__ import annotations

import io
import math

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

from crisis.analysis.timeline import date_span
from crisis.report.figures import thematic
from crisis.report.figures.chapter_timeline import BREAK_MARK
from crisis.report.style import CAMP_COLOURS, COLUMN_WIDTH, THEME_COLOURS, use_style

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _style_and_close():
    use_style()
    yield
    plt.close("all")


def spans_frame(rows: list[tuple[str, str, str, str, str]]) -> pd.DataFrame:
    """Spans like crisis.analysis.timeline.event_spans from (event_id, date, precision, basis,
    theme)."""
    records = []
    for event_id, date, precision, basis, theme in rows:
        start, end = date_span(date, precision)
        records.append(
            {"event_id": event_id, "date": date, "date_precision": precision,
             "date_basis": basis, "theme": theme, "start": start, "end": end,
             "summary": f"Summary of {event_id}.", "actors": ("x",)}
        )  # fmt: skip
    return pd.DataFrame.from_records(records)


SPANS = spans_frame(
    [
        ("old", "2001-05", "month", "stated", "russia"),
        ("bombers", "2018-12", "month", "inferred", "russia"),
        ("landing", "2019-03-23", "day", "stated", "russia"),
        ("call", "2019-03-25", "day", "inferred", "russia"),
        ("march", "2019-03", "month", "inferred", "russia"),
        ("year", "2019", "year", "stated", "russia"),
        ("other_theme", "2019-03-24", "day", "stated", "sanctions"),
    ]
)


def png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=50)
    return buffer.getvalue()


def markers(ax) -> list:
    """The lines of an axes drawn as markers without a connecting line (event points)."""
    return [line for line in ax.get_lines() if line.get_marker() == "o" and len(line.get_xdata())]


# --- helpers ---------------------------------------------------------------------------------


def test_wrap_label_keeps_short_text_and_cuts_long_text():
    assert thematic.wrap_label("Short text.", 20) == "Short text."
    wrapped = thematic.wrap_label("word " * 40, 20, 2)
    lines = wrapped.split("\n")
    assert len(lines) == 2 and all(len(line) <= 20 for line in lines)
    assert lines[-1].endswith("…")
    with pytest.raises(ValueError):
        thematic.wrap_label("x", 5)
    with pytest.raises(ValueError):
        thematic.wrap_label("x", 20, 0)


def test_year_segments_give_each_busy_year_its_own_segment_and_merge_empty_years():
    segments = thematic.year_segments(SPANS[SPANS["theme"] == "russia"])
    assert segments == [(2001, 2002, 1), (2002, 2018, 0), (2018, 2019, 1), (2019, 2020, 4)]
    with pytest.raises(ValueError):
        thematic.year_segments(SPANS.iloc[0:0])


def test_camp_colours_colour_each_event_and_list_the_camps_present():
    colours, legend = thematic.camp_colours({"a": "guaido", "b": "none", "c": "guaido"})
    assert colours == {"a": CAMP_COLOURS["guaido"], "b": CAMP_COLOURS["none"],
                       "c": CAMP_COLOURS["guaido"]}  # fmt: skip
    assert legend == {
        "Guaidó's camp": CAMP_COLOURS["guaido"],
        "neither camp, or context": CAMP_COLOURS["none"],
    }
    with pytest.raises(ValueError, match="camps without a colour: chavez"):
        thematic.camp_colours({"a": "chavez"})


# --- timeline --------------------------------------------------------------------------------


def test_camp_colours_draw_context_events_grey_whatever_their_actors_camp():
    colours, legend = thematic.camp_colours({"a": "guaido", "b": "guaido"}, context={"b"})
    assert colours == {"a": CAMP_COLOURS["guaido"], "b": CAMP_COLOURS["none"]}
    assert list(legend) == ["Guaidó's camp", "neither camp, or context"]


def test_theme_timeline_draws_one_labelled_row_per_event_of_the_theme():
    fig = thematic.draw_theme_timeline(SPANS, "russia")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [f"Summary of {e}." for e in ("old", "bombers", "year", "march", "landing",
                                                   "call")]  # fmt: skip
    points = markers(ax)
    assert len(points) == 2  # the two day-dated events
    # stated: filled; inferred: hollow
    fills = sorted(to_hex(p.get_markerfacecolor()) for p in points)
    assert fills == sorted([to_hex(THEME_COLOURS["russia"]), "#ffffff"])
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == 4  # the month- and year-dated events, and no grey band for the gap
    heights = sorted(round(p.get_height(), 2) for p in bars)
    assert heights == [0.07, 0.12, 0.12, 0.12]  # a year's bar is thinner than a month's
    assert fig.get_figwidth() <= COLUMN_WIDTH


def test_theme_timeline_marks_axis_breaks_and_explains_every_mark():
    fig = thematic.draw_theme_timeline(SPANS, "russia")
    ax = fig.axes[0]
    assert BREAK_MARK in [t.get_text() for t in ax.texts]  # 2002-2017 left out
    entries = [t.get_text() for t in fig.legends[0].get_texts()]
    assert entries == [
        "day, date stated",
        "day, date inferred or borrowed",
        "bar: the month or year, date stated",
        "bar: the month or year, inferred or borrowed",
        "years without events left out",
    ]
    sizes = [t.get_fontsize() for t in ax.get_yticklabels() + ax.get_xticklabels()]
    assert min(sizes) >= 10


def test_theme_timeline_keeps_long_labels_whole():
    long = SPANS.assign(summary="A very long summary " * 6)
    fig = thematic.draw_theme_timeline(long, "russia")
    label = fig.axes[0].get_yticklabels()[0].get_text()
    assert "…" not in label
    assert label.replace("\n", " ").split() == ("A very long summary " * 6).split()


def test_theme_timeline_window_is_a_close_up_with_day_events_first():
    fig = thematic.draw_theme_timeline(SPANS, "russia", window=("2019-03-01", "2019-04-01"))
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["Summary of landing.", "Summary of call.", "Summary of march."]
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks == ["1 Mar", "8 Mar", "15 Mar", "22 Mar", "29 Mar"]


def test_theme_timeline_exclude_leaves_out_the_close_up():
    fig = thematic.draw_theme_timeline(SPANS, "russia", exclude=("2019-03-01", "2019-04-01"))
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["Summary of old.", "Summary of bombers.", "Summary of year."]
    assert "close-up" in [t.get_text() for t in fig.axes[0].texts]
    assert "left to the close-up" in [t.get_text() for t in fig.legends[0].get_texts()]


def test_theme_timeline_colours_events_and_shows_only_used_legend_entries():
    colours = {"landing": CAMP_COLOURS["maduro"], "call": CAMP_COLOURS["guaido"]}
    legend = {"Maduro's camp": CAMP_COLOURS["maduro"], "Guaidó's camp": CAMP_COLOURS["guaido"],
              "neither camp": CAMP_COLOURS["none"]}  # fmt: skip
    fig = thematic.draw_theme_timeline(
        SPANS, "russia", window=("2019-03-01", "2019-04-01"), colours=colours, legend=legend
    )
    ax = fig.axes[0]
    edges = {to_hex(p.get_markeredgecolor()) for p in markers(ax)}
    assert edges == {to_hex(CAMP_COLOURS["maduro"]), to_hex(CAMP_COLOURS["guaido"])}
    entries = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "Maduro's camp" in entries and "Guaidó's camp" in entries
    assert "neither camp" not in entries  # no event is drawn in that colour


def test_theme_timeline_is_deterministic():
    first = png(thematic.draw_theme_timeline(SPANS, "russia"))
    second = png(thematic.draw_theme_timeline(SPANS, "russia"))
    assert first == second


@pytest.mark.parametrize(
    "kwargs",
    [{"theme": "background"}, {"theme": "russia", "window": ("2020-01-01", "2020-02-01")}],
)
def test_theme_timeline_refuses_nothing_to_draw(kwargs):
    with pytest.raises(ValueError, match="no '.*' events to draw"):
        thematic.draw_theme_timeline(SPANS, **kwargs)


# --- sanctions, sizes, grids, stances --------------------------------------------------------


def test_sanction_matrix_writes_the_non_zero_counts():
    matrix = pd.DataFrame(
        [[3, 0], [1, 2]], index=["Government", "Bank"], columns=["United States", "Canada"]
    )
    fig = thematic.draw_sanction_matrix(matrix)
    ax = fig.axes[0]
    assert sorted(t.get_text() for t in ax.texts) == ["1", "2", "3"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Government", "Bank"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["United\nStates", "Canada"]


@pytest.mark.parametrize(
    "matrix", [pd.DataFrame(), pd.DataFrame([[0]], index=["a"], columns=["b"])]
)
def test_sanction_matrix_refuses_no_sanctions(matrix):
    with pytest.raises(ValueError, match="no sanctions"):
        thematic.draw_sanction_matrix(matrix)


def sizes_frame(rows: list[tuple]) -> pd.DataFrame:
    """Rows like crisis.thematic.force_sizes from (fact, source, value, low, high, display)."""
    return pd.DataFrame.from_records(
        [
            {"fact_id": f, "subject": f"size of {f}", "unit": "troops", "source_id": s,
             "source": s.upper(), "value": v, "value_max": math.nan, "hedge": "", "low": lo,
             "high": hi, "display": d}
            for f, s, v, lo, hi, d in rows
        ]
    )  # fmt: skip


SIZES = sizes_frame(
    [
        ("cubans", "alpha", 20000, 20000, 25000, "20,000–25,000"),
        ("troops", "alpha", 99, 99, 99, "99"),
        ("troops", "beta", 100, 90, 100, "nearly 100"),
    ]
)


def test_force_sizes_draws_each_report_on_a_log_axis():
    fig = thematic.draw_force_sizes(SIZES, ["alpha", "beta"])
    ax = fig.axes[0]
    assert ax.get_xscale() == "log"
    texts = [t.get_text() for t in ax.texts]
    assert "ALPHA: 20,000–25,000" in texts and "BETA: nearly 100" in texts
    assert "size of cubans" in texts and "size of troops" in texts
    assert not any(t.endswith("(troops)") for t in texts)  # no unit tags on the headings
    dots = [line for line in ax.get_lines() if line.get_marker() in ("o", "s")]
    assert sorted(float(d.get_xdata()[0]) for d in dots) == [99, 100, 20000]
    # sources differ by marker shape, not colour
    assert {d.get_marker() for d in dots if d.get_xdata()[0] == 100} == {"s"}
    assert {to_hex(d.get_markeredgecolor()) for d in dots} == {"#222222"}
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert "1,000" in ticks and not any("^" in t for t in ticks)
    assert fig.get_figwidth() <= COLUMN_WIDTH


def test_force_sizes_draws_a_size_in_words_as_a_span_without_a_marker():
    worded = sizes_frame([("ops", "alpha", 100, 100, 9999, "“hundreds to thousands”")])
    worded["value"] = math.nan
    fig = thematic.draw_force_sizes(worded, ["alpha"])
    ax = fig.axes[0]
    assert not [line for line in ax.get_lines() if line.get_marker() not in ("None", "", None)]
    assert "ALPHA: “hundreds to thousands”" in [t.get_text() for t in ax.texts]


def test_force_sizes_refuses_what_a_log_axis_cannot_show():
    with pytest.raises(ValueError, match="zero or less"):
        thematic.draw_force_sizes(sizes_frame([("t", "alpha", 0, 0, 0, "0")]), ["alpha"])
    with pytest.raises(ValueError, match="not listed: beta"):
        thematic.draw_force_sizes(SIZES, ["alpha"])
    with pytest.raises(ValueError, match="no reported sizes"):
        thematic.draw_force_sizes(SIZES.iloc[0:0], ["alpha"])


def test_report_grid_writes_each_cell_and_a_legend_of_the_statuses_used():
    grid = pd.DataFrame({"Troops": ["99 troops", "not stated"]}, index=["A", "B"])
    status = pd.DataFrame({"Troops": ["only source", "not stated"]}, index=["A", "B"])
    fig = thematic.draw_report_grid(grid, status)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts] == ["99 troops", "not stated"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["only source", "not stated"]


def test_report_grid_refuses_mismatched_or_unknown_statuses():
    grid = pd.DataFrame({"Troops": ["99", "100"]}, index=["A", "B"])
    with pytest.raises(ValueError, match="do not match"):
        thematic.draw_report_grid(grid, grid.iloc[:1])
    with pytest.raises(ValueError, match="unknown status: 100, 99"):
        thematic.draw_report_grid(grid, grid)
    with pytest.raises(ValueError, match="no reports"):
        thematic.draw_report_grid(grid.iloc[0:0], grid.iloc[0:0])


STANCES = pd.DataFrame(
    {"name": ["Russia", "China", "United States"], "side": ["maduro", "maduro", "guaido"],
     "alpha": [True, True, True], "beta": [True, False, False], "n_sources": [2, 1, 1]}
)  # fmt: skip


def test_actor_stances_fill_a_dot_where_a_source_reports_the_backing():
    fig = thematic.draw_actor_stances(STANCES, ["alpha", "beta"], {"alpha": "Alpha"})
    ax = fig.axes[0]
    dots = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert len(dots) == 6  # 3 actors × 2 sources
    filled = [line for line in dots if line.get_markerfacecolor() != "none"]
    colours = sorted(to_hex(line.get_markerfacecolor()) for line in filled)
    expected = [CAMP_COLOURS["maduro"]] * 3 + [CAMP_COLOURS["guaido"]]
    assert colours == sorted(to_hex(c) for c in expected)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Alpha", "beta", "sources\nnaming it"]
    assert [t.get_text() for t in ax.texts] == ["2", "1", "1"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "backs Maduro",
        "backs Guaidó",
        "not named by this source",
    ]


def test_actor_stances_refuse_unknown_sides_and_empty_input():
    with pytest.raises(ValueError, match="sides without a colour: nobody"):
        thematic.draw_actor_stances(STANCES.assign(side="nobody"), ["alpha", "beta"], {})
    with pytest.raises(ValueError, match="no stances"):
        thematic.draw_actor_stances(STANCES.iloc[0:0], ["alpha"], {})
