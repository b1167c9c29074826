"""Tests of the sanctions chapter's counts with their events and of its figures' frames."""

from __future__ import annotations

import pytest
from test_helpers import make_project

from crisis.report import evidence, wording
from crisis.report.chapters import sanctions, thematic


@pytest.fixture
def project():
    return make_project()


def test_pairs_by_actor_count_what_sanction_counts_counts(project):
    names, countries = wording.actor_names(project), wording.actor_countries(project)
    for through in (countries, None):
        pairs = thematic.sanction_pairs(project.events, names, through)
        by_actor = sanctions.sanctions_by_actor(pairs)
        counts = thematic.sanction_counts(project.events, names, through)
        assert {a: len(ids) for a, ids in by_actor.items()} == counts.to_dict()
        assert list(by_actor) == list(counts.index)
    pairs = thematic.sanction_pairs(project.events, names, countries)
    assert sanctions.sanctions_by_actor(pairs) == {
        "United States": ["bank_sanctioned", "gold_sanctioned", "troika"]
    }


def test_an_event_without_a_target_still_counts_for_its_actor(project):
    events = project.events.copy()
    events.loc[events["event_id"] == "gold_sanctioned", "recipients"] = [()]
    pairs = thematic.sanction_pairs(events, wording.actor_names(project))
    assert sanctions.sanctions_by_actor(pairs)["US Treasury"] == ["gold_sanctioned"]
    assert thematic.sanction_counts(events, wording.actor_names(project))["US Treasury"] == 1


def test_actor_rows_list_every_report_of_each_actor_event(project):
    rows = sanctions.actor_event_rows(
        project, {"United States": ["bank_sanctioned"], "US Treasury": ["gold_sanctioned"]}
    )
    assert list(rows.columns) == evidence.ROW_COLUMNS
    assert list(rows["source_id"]) == ["alpha", "beta", "alpha"]
    assert rows["coding"].str.startswith("United States: sanction").sum() == 2
    assert rows["coding"].iloc[2].startswith("US Treasury: sanction")
    with pytest.raises(ValueError):
        sanctions.actor_event_rows(project, {})


def test_matrix_table_has_one_row_per_cell_drawn_with_its_count_and_events(project):
    names, countries = wording.actor_names(project), wording.actor_countries(project)
    matrix = thematic.sanction_matrix(project.events, names, countries)
    pairs = thematic.sanction_pairs(project.events, names, countries)
    table = sanctions.matrix_table(matrix, pairs)
    assert len(table) == matrix.size
    assert list(table["target"]) == [t for t in matrix.index for _ in matrix.columns]
    for target, actor, n, ids in table.itertuples(index=False):
        assert n == matrix.loc[target, actor]
        assert len(ids.split("|")) == n or (n == 0 and ids == "")
    cell = table[table["target"] == "Maduro government"].iloc[0]
    assert cell["event_ids"] == "gold_sanctioned|troika"
    assert all(isinstance(v, str | int) for v in table.to_numpy().ravel())
