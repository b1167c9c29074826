"""Tests of the network, timeline and source figures on hand-built frames: what is drawn, that
drawing twice gives the same PNG bytes, and what is refused."""

from __future__ import annotations

import io

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from support.frames import ACTORS, EVENTS, claim, claims_frame, events_frame, report

from crisis.analysis import corroboration, network, timeline
from crisis.report.figures.network import CAMP_LABELS, draw_camp_sizes, draw_network, short_name
from crisis.report.figures.sources import draw_claims, draw_heatmap
from crisis.report.figures.timeline import _merge_labels, draw_monthly, draw_timeline
from crisis.report.style import CAMP_COLOURS, COLUMN_WIDTH, SIGN_COLOURS, THEME_COLOURS, use_style

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


def network_parts():
    graph = network.build_graph(EVENTS, ACTORS)
    camps = network.compute_camps(graph)
    return graph, camps, network.layout(graph, camps)


def test_draw_network_draws_every_placed_actor_coloured_by_camp_and_shaped_by_kind():
    graph, camps, pos = network_parts()
    ax = draw_network(graph, camps, pos).axes[0]
    assert sum(len(c.get_offsets()) for c in ax.collections) == len(pos)
    assert len(ax.collections) == 4  # state, government body, person, company
    camp = dict(zip(camps["actor_id"], camps["camp"], strict=True))
    drawn = {to_hex(c) for coll in ax.collections for c in coll.get_facecolors()}
    assert drawn == {to_hex(CAMP_COLOURS[camp[n]]) for n in pos}
    assert sorted(t.get_text() for t in ax.texts) == sorted(graph.nodes[n]["name"] for n in pos)


def test_draw_network_draws_negative_ties_dashed_and_positive_ties_solid():
    graph, camps, pos = network_parts()
    ax = draw_network(graph, camps, pos).axes[0]
    styles = [p.get_linestyle() for p in ax.patches]
    negative = sum(1 for a, b, d in graph.edges(data=True) if d["weight"] < 0)
    assert len(styles) == graph.number_of_edges()
    assert styles.count("solid") == graph.number_of_edges() - negative
    assert len(styles) - styles.count("solid") == negative > 0
    dashed = [p for p in ax.patches if p.get_linestyle() != "solid"]
    assert {to_hex(p.get_edgecolor()) for p in dashed} == {to_hex(SIGN_COLOURS["conflict"])}


def test_draw_network_has_a_legend_for_camps_kinds_and_signs():
    graph, camps, pos = network_parts()
    labels = legend_texts(draw_network(graph, camps, pos).axes[0])
    assert set(CAMP_LABELS.values()) <= set(labels)
    assert {"state", "person", "government body", "company"} <= set(labels)
    assert {"cooperative tie", "conflictual tie"} <= set(labels)


def test_draw_network_labels_only_the_best_connected_and_draws_on_a_given_axes():
    graph, camps, pos = network_parts()
    fig, ax = plt.subplots()
    assert draw_network(graph, camps, pos, label_top=2, ax=ax) is fig
    assert sorted(t.get_text() for t in ax.texts) == ["Juan Guaido", "Nicolas Maduro"]


def test_draw_network_twice_gives_the_same_png():
    graph, camps, pos = network_parts()
    assert png(draw_network(graph, camps, pos)) == png(draw_network(graph, camps, pos))


def test_draw_network_refuses_a_kind_without_a_marker():
    graph, camps, pos = network_parts()
    graph.nodes["russia"]["kind"] = "planet"
    with pytest.raises(ValueError, match="no marker for actor kind.*planet"):
        draw_network(graph, camps, pos)


def test_short_name_cuts_long_names_with_an_ellipsis():
    assert short_name("Russia") == "Russia"
    assert short_name("Bolivarian National Intelligence Service", 18) == "Bolivarian Nation…"
    assert len(short_name("x" * 40, 10)) == 10


def test_draw_camp_sizes_stacks_kinds_per_camp():
    graph, camps, _ = network_parts()
    ax = draw_camp_sizes(camps, ACTORS).axes[0]
    widths = {}
    for bar in ax.patches:
        y = round(bar.get_y() + bar.get_height() / 2)
        widths[y] = widths.get(y, 0) + bar.get_width()
    sizes = camps["camp"].value_counts()
    assert [widths[i] for i in range(3)] == [sizes["maduro"], sizes["guaido"], sizes["none"]]


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
