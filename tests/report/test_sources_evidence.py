"""Evidence of the timeline and sources chapters: the helpers give the ids and rows they count,
and the figures' download frames hold the cells drawn."""

from __future__ import annotations

import pandas as pd
import pytest
from support.frames import corroboration_sample

from crisis.analysis.corroboration import event_corroboration
from crisis.analysis.mentions import find_mentions
from crisis.analysis.timeline import event_spans, monthly_counts
from crisis.data.codebook import THEMES
from crisis.data.load import load_project
from crisis.report import evidence, wording
from crisis.report.chapters import sources as sources_page
from crisis.report.chapters import timeline as timeline_page
from crisis.report.figures.sources import heatmap_frame


@pytest.fixture
def project(tiny):
    return load_project(tiny)


@pytest.fixture
def spans(project):
    return event_spans(project.events, wording.source_order(project))


# --- timeline -------------------------------------------------------------------------------


def test_basis_groups_are_the_rows_basis_counts_counts(project, spans):
    for frame in (spans, project.events):
        groups = timeline_page.basis_groups(frame)
        assert {b: len(rows) for b, rows in groups.items()} == timeline_page.basis_counts(frame)
        assert sum(len(rows) for rows in groups.values()) == len(frame)
        for basis, rows in groups.items():
            assert set(rows["date_basis"]) <= {basis}


def test_month_and_year_only_events_are_what_monthly_counts_counts(spans):
    year = int(spans["start"].dt.year.mode().iloc[0])
    counts = monthly_counts(spans, list(THEMES), year)
    for month in range(1, 13):
        placed = timeline_page.month_events(spans, year, month)
        assert len(placed) == int(counts.loc[month].sum())
        for theme in THEMES:
            assert (placed["theme"] == theme).sum() == counts.loc[month, theme]
    undated = timeline_page.year_only_events(spans, year)
    assert len(undated) == counts.attrs["undated_in_year"]


def test_multi_source_ids_are_the_rows_of_the_multi_source_table(project, spans):
    ids = timeline_page.multi_source_ids(spans)
    assert ids == ["russian_planes_land"]
    assert len(timeline_page.multi_source_events(spans, project)) == len(ids)


# --- sources --------------------------------------------------------------------------------


def test_events_by_sources_are_the_events_sources_per_event_counts(project):
    groups = sources_page.events_by_sources(project)
    table = sources_page.sources_per_event(project)
    assert table["Events"].tolist() == [len(ids) for ids in groups.values()]
    assert table["Sources reporting"].tolist() == list(groups)
    assert sorted(e for ids in groups.values() for e in ids) == sorted(
        set(project.events["event_id"])
    )
    assert groups[2] == ["russian_planes_land"]


def test_source_events_are_the_events_the_profile_counts(project):
    split = sources_page.source_events(project)
    profile = sources_page.source_profile(project).set_index("Source")
    labels = wording.source_labels(project)
    for source_id, ids in split.items():
        row = profile.loc[labels[source_id]]
        assert len(ids["shared"]) == row["Shared with another source"]
        assert len(ids["alone"]) == row["Reported by it alone"]
        reported = set(project.events.loc[project.events["source_id"] == source_id, "event_id"])
        assert set(ids["shared"]) | set(ids["alone"]) == reported
    assert "russian_planes_land" in split["the_week"]["shared"]


def test_period_events_are_the_events_of_a_period_and_those_one_source_alone_reports():
    spans = pd.DataFrame(
        {
            "event_id": ["a", "b", "c", "d"],
            "start": pd.to_datetime(["2018-05-01", "2018-12-01", "2019-01-01", "2019-06-01"]),
            "source_ids": [("s1",), ("s1", "s2"), ("s1",), ("s2",)],
        }
    )
    assert sources_page.period_events(spans, "s1", "2000-01-01", "2019-01-01") == (
        ["a", "b"],
        ["a"],
    )
    assert sources_page.period_events(spans, "s2", "2019-01-01", "2020-01-01") == (
        ["c", "d"],
        ["d"],
    )


def test_date_comparison_ids_are_what_date_comparison_counts(project):
    corroboration = corroboration_sample()
    ids = sources_page.date_comparison_ids(corroboration)
    assert ids == {
        "multi": ["agree", "borrowed", "differ", "year"], "comparable": ["agree", "differ", "year"],
        "agree": ["agree"], "year_only": ["year"], "differ": ["differ"],
    }  # fmt: skip
    counts = sources_page.date_comparison(corroboration)
    assert counts == {
        "multi": 4, "comparable": 3, "agree": 1, "year_only": ["year"], "differ": ["differ"],
    }  # fmt: skip
    real = event_corroboration(project.events, wording.source_order(project))
    assert sources_page.date_comparison_ids(real)["multi"] == ["russian_planes_land"]


def test_mention_rows_give_one_row_per_mention_with_its_sentence(project):
    mentions = find_mentions(project)
    names = wording.actor_names(project)
    rows = sources_page.mention_rows(mentions, names)
    assert list(rows.columns) == evidence.ROW_COLUMNS
    assert len(rows) == len(mentions) > 0
    first = mentions.iloc[0]
    assert rows["coding"].iloc[0] == f"“{first['alias']}”: {names[first['actor_id']]}"
    for source_id, quote, number in zip(
        rows["source_id"], rows["quote"], mentions["sentence_no"], strict=True
    ):
        # the link lands on the sentence that holds the mention (or an identical earlier one)
        assert evidence.sentence_number(project.texts[source_id], quote) <= number + 1


def test_mention_rows_count_in_the_ledger(project, monkeypatch):
    import myst_nb

    monkeypatch.setattr(myst_nb, "glue", lambda *a, **k: None)
    ledger = evidence.Ledger(project, "sources")
    mentions = find_mentions(project)
    rows = sources_page.mention_rows(mentions, wording.actor_names(project))
    n = ledger.count("n_mentions", rows, "mentions")
    assert n == len(mentions)
    assert "texts.html#" in ledger.section().data


# --- figures --------------------------------------------------------------------------------


def test_heatmap_frame_has_one_row_per_cell_drawn_in_drawing_order():
    table = pd.DataFrame({"Russia": [3, 0], "Sanctions": [1, 2]}, index=["One", "Two"])
    frame = heatmap_frame(table, "Source", "Theme", "Events")
    assert frame.to_dict("records") == [
        {"Source": "One", "Theme": "Russia", "Events": 3},
        {"Source": "One", "Theme": "Sanctions", "Events": 1},
        {"Source": "Two", "Theme": "Russia", "Events": 0},
        {"Source": "Two", "Theme": "Sanctions", "Events": 2},
    ]
    assert all(isinstance(v, int) for v in frame["Events"])
