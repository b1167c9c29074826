"""Tests of the Russia chapter's evidence rows and figure frames (crisis.report.chapters.russia)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from crisis.data.load import load_project
from crisis.report import records
from crisis.report.chapters import russia as chapter
from crisis.report.chapters import thematic
from crisis.report.figures.chapter_timeline import draw_theme_timeline, drawn_table, wrap_full
from crisis.report.figures.thematic import camp_colours
from crisis.report.wording import source_labels, source_order


@pytest.fixture(scope="module")
def project():
    return load_project()


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


MARCH = ("2019-03-01", "2019-04-01")


@pytest.mark.parametrize(("theme", "args"), [("russia", {"window": MARCH}),
                                             ("russia", {"exclude": MARCH}),
                                             ("background", {}), ("military", {}),
                                             ("sanctions", {})])  # fmt: skip
def test_drawn_table_holds_the_rows_drawn_top_down(project, theme, args):
    spans = records.story_spans(project)
    colours, legend = camp_colours(records.acting_camps(project), records.context_events(project))
    table = drawn_table(spans, theme, colours=colours, legend=legend, **args)
    fig = draw_theme_timeline(spans, theme, colours=colours, legend=legend, **args)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    plt.close(fig)
    assert labels == [wrap_full(s, 44) for s in table["summary"]]
    assert list(table["row"]) == list(range(1, len(table) + 1))
    assert set(table["legend"]) <= set(legend)
    assert all(table["colour"] == [colours[e] for e in table["event_id"]])
    plain = table.map(lambda v: isinstance(v, (str, int, float)))
    assert plain.all().all()
    assert not table["actors"].str.contains(r"[\(\[]").any()


def test_drawn_table_refuses_an_empty_selection(project):
    spans = records.story_spans(project)
    with pytest.raises(ValueError, match="no 'russia' events to draw"):
        drawn_table(spans, "russia", window=("1990-01-01", "1990-02-01"))
