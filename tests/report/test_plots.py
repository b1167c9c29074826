"""Tests of the network, timeline and source figures on hand-built frames: what is drawn, that
drawing twice gives the same PNG bytes, and what is refused."""

from __future__ import annotations

import io

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from support.frames import claim, claims_frame, events_frame, report

from crisis.analysis import corroboration, timeline
from crisis.report.figures.sources import draw_claims, draw_heatmap
from crisis.report.figures.timeline import _merge_labels, draw_monthly, draw_timeline
from crisis.report.style import COLUMN_WIDTH, THEME_COLOURS, use_style

matplotlib.use("Agg")
THEMES = ["background", "military", "russia", "sanctions"]


@pytest.fixture(autouse=True)
def _style_and_close():
    use_style()
    yield
    plt.close("all")


def png(fig) -> bytes:
    """The figure as PNG bytes, without the software version in the metadata."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=40, metadata={"Software": None})
    return buffer.getvalue()


def legend_texts(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


# --- the network --------------------------------------------------------------------------------


# --- the timeline -------------------------------------------------------------------------------


SPANS = timeline.event_spans(
    events_frame(
        report("old", date="2001-05", theme="russia"),
        report("landing", date="2019-03-23", theme="russia"),
        report("call", date="2019-03-25", theme="russia"),
        report("march", date="2019-03", theme="military"),
        report("year", date="2019", theme="sanctions"),
        report("busy", date="2019-03-24", theme="sanctions"),
    )
)


def points_and_bars(ax) -> tuple[list, list, list]:
    """The day markers, the month bars and the year-count bars of a timeline."""
    by = {g: [ln for ln in ax.lines if ln.get_gid() == g] for g in ("day", "month", "year-count")}
    return by["day"], by["month"], by["year-count"]


def test_draw_timeline_marks_days_as_points_months_as_bars_and_counts_years():
    axis = timeline.compressed_axis(SPANS)
    ax = draw_timeline(SPANS, axis, THEMES).axes[0]
    points, months, years = points_and_bars(ax)
    assert len(points) == 3 and len(months) == 2 and len(years) == 1
    ends = sorted(round(float(bar.get_xdata()[0]), 6) for bar in months)
    expected = sorted(
        round(float(axis(s)[0]), 6)
        for s, p in SPANS[["start", "date_precision"]].to_numpy()
        if p == "month"
    )
    assert ends == expected
    assert [t.get_text() for t in ax.texts] == ["1"]
    colours = {to_hex(ln.get_markeredgecolor()) for ln in points}
    assert colours == {to_hex(THEME_COLOURS[t]) for t in ("russia", "sanctions")}


def test_draw_timeline_fills_stated_days_and_leaves_inferred_ones_hollow():
    spans = timeline.event_spans(
        events_frame(
            report("said", date="2019-03-23", theme="russia"),
            report("guessed", date="2019-06-02", theme="russia", basis="borrowed"),
        )
    )
    points, _, _ = points_and_bars(
        draw_timeline(spans, timeline.compressed_axis(spans), THEMES).axes[0]
    )
    faces = sorted(to_hex(p.get_markerfacecolor()) for p in points)
    assert faces == sorted([to_hex(THEME_COLOURS["russia"]), "#ffffff"])


def test_merge_labels_joins_counts_that_would_touch():
    assert _merge_labels([(0.0, 1), (0.1, 1), (2.0, 3)]) == [(0.05, 2), (2.0, 3)]


def test_draw_timeline_has_one_lane_per_theme_and_the_compressed_ticks():
    axis = timeline.compressed_axis(SPANS)
    fig = draw_timeline(SPANS, axis, THEMES)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [t.capitalize() for t in THEMES]
    assert [t.get_text() for t in ax.get_xticklabels()] == axis.ticks()[1]
    assert ax.get_xlim() == (0, pytest.approx(sum(axis.widths)))
    assert len(legend_texts(ax)) == 5
    assert fig.get_size_inches()[0] <= COLUMN_WIDTH
    breaks = [ln for ln in ax.lines if ln.get_gid() == "axis-break"]
    assert len(breaks) == 2 * (len(axis.breaks) - 2)


def test_draw_timeline_twice_gives_the_same_png():
    axis = timeline.compressed_axis(SPANS)
    assert png(draw_timeline(SPANS, axis, THEMES)) == png(draw_timeline(SPANS, axis, THEMES))


def test_draw_timeline_refuses_an_event_without_a_lane():
    with pytest.raises(ValueError, match="themes without a lane: military, sanctions"):
        draw_timeline(SPANS, timeline.compressed_axis(SPANS), ["background", "russia"])


def test_draw_monthly_stacks_one_bar_per_month_and_theme():
    counts = timeline.monthly_counts(SPANS, THEMES)
    ax = draw_monthly(counts).axes[0]
    assert len(ax.patches) == 12 * len(THEMES)
    assert legend_texts(ax) == [t.capitalize() for t in THEMES]
    march = [p for p in ax.patches if round(p.get_x() + p.get_width() / 2) == 2]
    assert sum(p.get_height() for p in march) == 4  # 2 russia days, 1 month, 1 sanctions day
    assert png(draw_monthly(counts)) == png(draw_monthly(counts))


def test_draw_monthly_refuses_bad_months_and_themes_without_colour():
    counts = timeline.monthly_counts(SPANS, THEMES)
    with pytest.raises(ValueError, match="months 1..12"):
        draw_monthly(counts.set_axis(range(12)))
    with pytest.raises(ValueError, match="no colour for theme.*weather"):
        draw_monthly(counts.assign(weather=0))


# --- the sources --------------------------------------------------------------------------------


def test_draw_heatmap_writes_each_value_in_its_cell():
    table = pd.DataFrame({"russia": [3, 0], "military": [1, 2]}, index=["A", "B"])
    ax = draw_heatmap(table, xlabel="theme").axes[0]
    assert [t.get_text() for t in ax.texts] == ["3", "1", "0", "2"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B"]
    assert ax.get_xlabel() == "theme"
    assert png(draw_heatmap(table)) == png(draw_heatmap(table))


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (pd.DataFrame(), "empty"),
        (pd.DataFrame({"x": [1, -1]}), "non-negative"),
        (pd.DataFrame({"x": [1, None]}), "non-negative"),
    ],
)
def test_draw_heatmap_refuses_what_it_cannot_draw_honestly(table, message):
    with pytest.raises(ValueError, match=message):
        draw_heatmap(table)


CLAIMS = claims_frame(
    claim("troops", "a", 100, hedge="nearly"),
    claim("troops", "b", 100),
    claim("troops", "c", 400),
    claim("cargo", "a", 35, unit="tonnes"),
    claim("cargo", "b", 30, 40, unit="tonnes"),
)


def test_draw_claims_draws_a_panel_per_fact_and_a_marker_and_whisker_per_report():
    long = corroboration.claim_table(CLAIMS, {"a": "A"})
    fig = draw_claims(long, ["troops", "cargo"], ["a", "b", "c"])
    assert len(fig.axes) == 2
    troops, cargo = fig.axes
    markers = [ln for ln in troops.lines if ln.get_marker() == "o"]
    whiskers = [ln for ln in troops.lines if ln.get_marker() != "o"]
    assert len(markers) == 3 and len(whiskers) == 3
    assert [tuple(w.get_xdata()) for w in whiskers] == [(90, 100), (100, 100), (400, 400)]
    assert [tuple(w.get_xdata()) for w in cargo.lines if w.get_marker() != "o"] == [
        (35, 35),
        (30, 40),
    ]
    assert troops.get_title(loc="left") == "subject of troops (troops)"
    assert [t.get_text().strip() for t in troops.texts][0] == "A: nearly 100"


def test_draw_claims_twice_gives_the_same_png():
    long = corroboration.claim_table(CLAIMS)
    first = png(draw_claims(long, ["troops", "cargo"], ["a", "b", "c"]))
    assert first == png(draw_claims(long, ["troops", "cargo"], ["a", "b", "c"]))


def test_draw_claims_refuses_missing_facts_and_unlisted_sources():
    long = corroboration.claim_table(CLAIMS)
    with pytest.raises(ValueError, match="no facts"):
        draw_claims(long, [], ["a", "b", "c"])
    with pytest.raises(ValueError, match="no reports of fact.*ghost"):
        draw_claims(long, ["troops", "ghost"], ["a", "b", "c"])
    with pytest.raises(ValueError, match="sources not in the list: c"):
        draw_claims(long, ["troops"], ["a", "b"])


def test_the_camp_blocks_name_only_firm_members_in_legible_text_within_the_column():
    from crisis.analysis import camps
    from crisis.data.load import load_project
    from crisis.report.figures.network import draw_camp_blocks
    from crisis.report.style import COLUMN_WIDTH, MIN_FONT_PT

    project = load_project()
    placed = camps.placement(project.events, project.actors)
    table = placed.table.assign(firm=placed.table["actor_id"].isin(["russia", "united_states"]))
    fig = draw_camp_blocks(camps.Camps(table, placed.split, placed.edges, placed.ties,
                                       placed.null, None), project)  # fmt: skip
    texts = [t for t in fig.axes[0].texts]
    shown = {t.get_text() for t in texts}
    assert {"Russia", "United States"} <= shown and "Cuba" not in shown
    assert fig.get_size_inches()[0] <= COLUMN_WIDTH
    assert min(t.get_fontsize() for t in texts) >= MIN_FONT_PT
