"""Tests of the Russia chapter's evidence rows and figure frames (crisis.report.chapters.russia)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from crisis.data.load import load_project
from crisis.report import evidence, records
from crisis.report.chapters import russia as chapter
from crisis.report.chapters import thematic
from crisis.report.figures.chapter_timeline import draw_theme_timeline, wrap_full
from crisis.report.figures.thematic import camp_colours
from crisis.report.wording import source_labels, source_order


@pytest.fixture(scope="module")
def project():
    return load_project()


def test_title_rows_quote_each_title_and_link_to_its_sentence(project):
    news = project.sources[project.sources["kind"] == "news"]
    rows = chapter.title_rows(news)
    assert list(rows.columns) == evidence.ROW_COLUMNS
    assert list(rows["source_id"]) == list(news["source_id"])
    assert list(rows["quote"]) == list(news["title"])
    assert set(rows["coding"]) == {"news article, its title"}
    for source_id, quote in zip(rows["source_id"], rows["quote"], strict=True):
        assert evidence.quote_link(project, source_id, quote).startswith('<a class="quote-link"')


def test_report_rows_are_exactly_the_reports_given_in_their_order(project):
    call = project.events[project.events["event_id"] == "pompeo_warns_lavrov"]
    some = call[call["source_id"] != "the_slatest"].iloc[::-1]
    rows = chapter.report_rows(project, some)
    assert list(rows.columns) == evidence.ROW_COLUMNS
    assert list(rows["source_id"]) == list(some["source_id"])
    assert list(rows["quote"]) == list(some["quote"])
    assert len(rows) == len(call) - 1


def test_report_rows_across_events_keep_the_given_order(project):
    events = project.events
    picked = events[
        events["event_id"].isin(["pompeo_warns_lavrov", "russian_planes_land_march_2019"])
    ]
    picked = picked.sample(frac=1, random_state=3)
    rows = chapter.report_rows(project, picked)
    assert list(rows["quote"]) == list(picked["quote"])


def test_report_rows_refuse_rows_not_in_the_events(project):
    stray = project.events.iloc[:1].rename(index={project.events.index[0]: -1})
    with pytest.raises(KeyError):
        chapter.report_rows(project, stray)
    with pytest.raises(KeyError):
        chapter.report_rows(project, project.events.iloc[:0])


def test_dated_reads_the_date_from_the_most_precise_report(project):
    text, source_id = chapter.dated(project, "russian_planes_land_march_2019")
    assert (text, source_id) == ("23 March 2019", "encyclopedia")
    text, source_id = chapter.dated(project, "wagner_contractors_protect_maduro")
    assert (
        source_id == records.best_report(project, "wagner_contractors_protect_maduro")["source_id"]
    )
    assert text == records.event_date(project, "wagner_contractors_protect_maduro")


def test_grid_table_has_one_row_per_cell_drawn(project):
    sources = source_order(project)
    labels = source_labels(project)
    facts = ["russian_planes_march_2019", "russian_troops_march_2019"]
    sizes = thematic.force_sizes(project.claims, facts, sources, labels)
    grid = thematic.report_grid(sizes, sources, labels)
    status = thematic.report_status_grid(sizes, sources, labels)
    table = chapter.grid_table(grid, status)
    assert list(table.columns) == ["source", "figure", "shown", "status"]
    assert len(table) == grid.size
    for row in table.itertuples():
        assert grid.at[row.source, row.figure] == row.shown
        assert status.at[row.source, row.figure] == row.status
    assert list(table["source"].drop_duplicates()) == [labels[s] for s in sources]
    assert table.map(lambda v: isinstance(v, str)).all().all()


def test_grid_table_refuses_grids_that_do_not_match():
    grid = pd.DataFrame({"A": ["1"], "B": ["2"]}, index=["x"])
    with pytest.raises(ValueError):
        chapter.grid_table(grid, grid[["A"]])
    with pytest.raises(ValueError):
        chapter.grid_table(grid, grid.set_axis(["A", "C"], axis="columns"))


@pytest.mark.parametrize("args", [{"window": ("2019-03-01", "2019-04-01")},
                                  {"exclude": ("2019-03-01", "2019-04-01")}])  # fmt: skip
def test_timeline_rows_are_the_rows_drawn_top_down(project, args):
    spans = records.story_spans(project)
    colours, legend = camp_colours(records.acting_camps(project), records.context_events(project))
    table = chapter.timeline_rows(spans, "russia", colours=colours, legend=legend, **args)
    fig = draw_theme_timeline(spans, "russia", colours=colours, legend=legend, **args)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    plt.close(fig)
    assert labels == [wrap_full(s, 44) for s in table["summary"]]
    assert list(table["row"]) == list(range(1, len(table) + 1))
    assert set(table["legend"]) <= set(legend)
    assert all(table["colour"] == [colours[e] for e in table["event_id"]])
    plain = table.map(lambda v: isinstance(v, (str, int, float)))
    assert plain.all().all()
    assert not table["actors"].str.contains(r"[\(\[]").any()


def test_timeline_rows_refuse_an_empty_selection(project):
    spans = records.story_spans(project)
    with pytest.raises(ValueError):
        chapter.timeline_rows(spans, "russia", window=("1990-01-01", "1990-02-01"))
