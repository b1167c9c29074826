"""Tests of the readable event blocks (records.event_blocks, display.event_blocks) and of sizes
given only in words (chapters.thematic.worded_sizes) on the hand-built project of test_helpers."""

from __future__ import annotations

import math

import pytest
from test_helpers import EVENTS, make_project

from crisis.report import display, records, wording
from crisis.report.chapters import thematic


@pytest.fixture
def project():
    return make_project()


def test_event_blocks_give_date_what_who_and_every_report_in_source_order(project):
    (block,) = records.event_blocks(project, ["landing"])
    assert block["date"] == "24 March 2019"  # the best report: a day, stated
    assert block["what"] == "landing happens."
    assert block["who"] == "Russia"
    assert block["whom"] == "Maduro government and Nicolás Maduro"
    assert [r["source"] for r in block["reports"]] == ["Alpha", "Beta", "Gamma"]
    assert [r["date"] for r in block["reports"]] == [
        "March 2019", "23 March 2019 (inferred)", "24 March 2019"
    ]  # fmt: skip
    assert [r["quote"] for r in block["reports"]][0] == "words of alpha on landing"
    assert all(r["credits"] == "" for r in block["reports"])  # every report credits Russia


def test_event_blocks_name_the_actors_a_report_credits_when_they_differ():
    events = [*EVENTS, {**EVENTS[3], "actors": ("bolton",), "source_id": "alpha"}]
    (block,) = records.event_blocks(make_project(events=events), ["warning"])
    assert block["who"] == "United States and John Bolton"  # the file order of reports
    credits = {r["source"]: r["credits"] for r in block["reports"]}
    assert credits == {"Alpha": "John Bolton", "Gamma": "United States"}


def test_event_blocks_say_when_no_actor_is_named():
    events = [{**EVENTS[3], "actors": (), "event_id": "detained"}]
    (block,) = records.event_blocks(make_project(events=events), ["detained"])
    assert block["who"] == records.NO_ACTOR


def test_event_blocks_refuse_an_unknown_event(project):
    with pytest.raises(KeyError, match="no event 'nothing'"):
        records.event_blocks(project, ["landing", "nothing"])


def test_display_event_blocks_render_every_quote_whole_and_escaped(project):
    blocks = records.event_blocks(project, ["warning", "landing"])
    blocks[0]["reports"][0]["quote"] = "a <b>bold</b> & long quote " * 20
    html = display.event_blocks(blocks).data
    assert html.count('class="event-block"') == 2
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; long quote" in html and "<b>" not in html
    assert html.count("long quote") == 20  # nothing cut
    assert "<table" not in html  # no wide table to scroll sideways
    assert html.index("25 March 2019") < html.index("23 March 2019")  # the given order
    assert "United States → Russia" in html


def test_display_event_blocks_refuse_nothing_or_an_event_without_reports(project):
    with pytest.raises(ValueError, match="no events"):
        display.event_blocks([])
    block = records.event_blocks(project, ["warning"])[0]
    with pytest.raises(ValueError, match="without a report: warning"):
        display.event_blocks([{**block, "reports": []}])


def test_worded_sizes_check_the_words_against_the_quote(project):
    spec = ("ops", "landing", "alpha", "hundreds to thousands", "operatives")
    events = [{**e, "quote": "there were hundreds to thousands of them"} for e in EVENTS]
    sizes = thematic.worded_sizes(make_project(events=events), [spec], {"alpha": "Alpha"})
    row = sizes.iloc[0]
    assert math.isnan(row["value"]) and (row["low"], row["high"]) == (100.0, 9999.0)
    assert row["display"] == "“hundreds to thousands”" and row["source"] == "Alpha"
    with pytest.raises(ValueError, match="not in alpha's quote"):
        thematic.worded_sizes(project, [spec])
    with pytest.raises(ValueError, match="no span for the words"):
        thematic.worded_sizes(project, [("ops", "landing", "alpha", "scores", "x")])
    with pytest.raises(KeyError, match="does not report"):
        thematic.worded_sizes(project, [("ops", "warning", "alpha", "a few dozen", "x")])


def test_names_in_running_prose_take_their_article():
    from crisis.report.wording import join_prose_names, with_article

    assert with_article("United States") == "the United States"
    assert with_article("Maduro government") == "the Maduro government"
    assert with_article("Canada") == "Canada"
    assert join_prose_names(["United States", "Canada", "United Kingdom"]) == (
        "the United States, Canada and the United Kingdom"
    )


def test_context_events_are_the_events_of_context_scope():
    events = [*EVENTS, {**EVENTS[3], "event_id": "iran_measure", "scope": "context"}]
    assert records.context_events(make_project(events=events)) == {"iran_measure"}
    assert records.context_events(make_project()) == set()


def test_report_led_blocks_head_with_the_best_reports_actors_and_plain_date_words():
    events = [*EVENTS, {**EVENTS[3], "actors": ("bolton",), "source_id": "alpha"}]
    built = make_project(events=events)
    (block,) = records.report_led_blocks(built, ["warning"])
    best = records.best_report(built, "warning")
    assert block["who"] == wording.join_names(best["actors"], wording.actor_names(built))
    assert block["who"] != "United States and John Bolton"  # not the union of all reports
    credits = {r["source"]: r["credits"] for r in block["reports"]}
    assert credits[wording.source_labels(built)[best["source_id"]]] == ""
    assert sum(bool(c) for c in credits.values()) == 1
    assert not any(s in r["date"] for r in block["reports"] for s in ("(inferred)", "(from"))


def test_report_led_blocks_say_inferred_dates_in_words(project):
    (block,) = records.report_led_blocks(project, ["landing"])
    assert [r["date"] for r in block["reports"]][1] == "23 March 2019 (inferred by the book)"


def test_chapter_event_blocks_word_the_credits_and_refuse_empty_input(project):
    events = [*EVENTS, {**EVENTS[3], "actors": ("bolton",), "source_id": "alpha"}]
    blocks = records.report_led_blocks(make_project(events=events), ["warning"])
    html = display.chapter_event_blocks(blocks).data
    assert "(acting, in this report: " in html and "(credits" not in html
    with pytest.raises(ValueError, match="no events"):
        display.chapter_event_blocks([])
