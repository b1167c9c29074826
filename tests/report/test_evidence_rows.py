"""Evidence rows shared by the chapters: exact event reports and sources (crisis.report.evidence),
on the project's own data."""

from __future__ import annotations

import pytest

from crisis.data.load import load_project
from crisis.report import evidence


@pytest.fixture
def project():
    return load_project()


def test_report_rows_are_exactly_the_reports_given_in_their_order(project):
    call = project.events[project.events["event_id"] == "pompeo_warns_lavrov"]
    some = call[call["source_id"] != "the_slatest"].iloc[::-1]
    rows = evidence.report_rows(project, some)
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
    rows = evidence.report_rows(project, picked)
    assert list(rows["quote"]) == list(picked["quote"])


def test_report_rows_refuse_rows_not_in_the_events_and_an_empty_set(project):
    stray = project.events.iloc[:1].rename(index={project.events.index[0]: -1})
    with pytest.raises(KeyError, match="not rows of data/events.csv"):
        evidence.report_rows(project, stray)
    moved = project.events.iloc[:2].copy()
    moved.index = moved.index[::-1]
    with pytest.raises(KeyError, match="not rows of data/events.csv"):
        evidence.report_rows(project, moved)
    with pytest.raises(ValueError, match="no event report"):
        evidence.report_rows(project, project.events.iloc[:0])


def test_source_rows_quote_each_title_and_link_to_its_sentence(project):
    rows = evidence.source_rows(project)
    assert list(rows.columns) == evidence.ROW_COLUMNS
    assert list(rows["source_id"]) == list(project.sources["source_id"])
    assert list(rows["quote"]) == list(project.sources["title"])
    for source_id, quote in zip(rows["source_id"], rows["quote"], strict=True):
        assert evidence.quote_link(project, source_id, quote).startswith('<a class="quote-link"')
    some = evidence.source_rows(project, ["the_week", "encyclopedia"])
    assert list(some["source_id"]) == ["encyclopedia", "the_week"]  # sources.csv order


def test_source_rows_refuse_an_unknown_source_and_a_text_without_its_title(project):
    with pytest.raises(KeyError, match="no source 'ghost'"):
        evidence.source_rows(project, ["ghost"])
    project.sources.loc[0, "title"] = "A title the text does not have"
    with pytest.raises(ValueError, match="does not contain its title"):
        evidence.source_rows(project)


def test_claim_values_read_as_written_not_in_exponent_form(project):
    big = project.claims[project.claims["value"] >= 1e6].iloc[0]
    rows = evidence.claim_rows(project, [big["fact_id"]], big["source_id"])
    assert "e+" not in rows["coding"].iloc[0]
    assert f"{big['value']:,.0f}" in rows["coding"].iloc[0]


def test_a_claim_row_gives_the_date_its_value_holds_for(project):
    rows = evidence.claim_rows(project, ["venezuelans_sanctioned_by_march_2018"], "encyclopedia")
    assert rows["coding"].tolist() == ["78 people, dated 27 March 2018"]


def test_own_dated_rows_leave_out_borrowed_dates(project):
    event_id = "pompeo_warns_lavrov"
    rows = evidence.own_dated_rows(project, [event_id])
    reports = project.events[project.events["event_id"] == event_id]
    assert len(rows) == int((reports["date_basis"] != "borrowed").sum()) < len(reports)
    assert not rows["coding"].str.endswith("date borrowed").any()
