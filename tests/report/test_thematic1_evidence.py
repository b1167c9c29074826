"""Tests of the evidence rows and figure frames of the background and military chapters
(crisis.report.chapters.background_military), on the project's own data."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest

from crisis.data.load import load_project
from crisis.report import evidence, records, wording
from crisis.report.chapters import background_military as bm
from crisis.report.chapters import thematic

matplotlib.use("Agg")

SIDES = {"maduro": ("nicolas_maduro", "maduro_government"), "guaido": ("juan_guaido",)}
WORDS = [
    ("cuban_operatives_brookings", "cuban_operatives_in_venezuela", "encyclopedia",
     "hundreds to thousands", "Cuban intelligence operatives"),
    ("russian_operatives_after_cut", "rostec_reduces_staff", "encyclopedia",
     "a few dozen", "Russian operatives after the cut"),
]  # fmt: skip


@pytest.fixture(scope="module")
def project():
    return load_project()


def test_support_report_events_are_support_reports_with_their_event(project):
    tagged = bm.support_report_events(project, SIDES)
    whole = thematic.support_reports(project, SIDES)
    assert list(tagged.columns) == [*whole.columns, "event_id"]
    plain = tagged.drop(columns="event_id").drop_duplicates(ignore_index=True)
    assert plain.values.tolist() == whole.values.tolist()
    events = project.events
    for event_id, source_id in zip(tagged["event_id"], tagged["source_id"], strict=True):
        report = events[(events["event_id"] == event_id) & (events["source_id"] == source_id)]
        assert list(report["event_type"]) == ["SUPPORT"]


def test_stance_evidence_has_a_row_per_state_and_report(project):
    tagged = bm.support_report_events(project, SIDES)
    stances = thematic.stance_matrix(tagged.drop(columns="event_id"), wording.source_order(project))
    for side in SIDES:
        names = list(stances.loc[stances["side"] == side, "name"])
        rows = bm.stance_evidence(project, tagged, side, names)
        assert list(rows.columns) == evidence.ROW_COLUMNS
        mine = tagged[tagged["side"] == side]
        assert len(rows) == len(mine) >= len(names)
        assert list(rows["source_id"]) == list(mine["source_id"])
        assert [c.split(":")[0] for c in rows["coding"]] == list(mine["name"])
    russia = bm.stance_evidence(project, tagged, "maduro", ["Russia"])
    russian = stances[(stances["name"] == "Russia") & (stances["side"] == "maduro")]
    assert russia["source_id"].nunique() == int(russian["n_sources"].iloc[0])
    assert all(c.startswith("Russia: support") for c in russia["coding"])


def test_report_rows_keep_the_order_once_and_refuse_a_report_not_made(project):
    row = project.events.iloc[0]
    pair = (row["event_id"], row["source_id"])
    other = project.events.iloc[5]
    rows = bm.report_rows(project, [pair, (other["event_id"], other["source_id"]), pair])
    assert list(rows["source_id"]) == [row["source_id"], other["source_id"]]
    assert list(rows["quote"]) == [row["quote"], other["quote"]]
    assert bm.report_rows(project, []).empty
    with pytest.raises(KeyError, match="no report"):
        bm.report_rows(project, [(row["event_id"], "no_such_source")])


def test_size_evidence_has_one_row_per_size_drawn(project):
    sources, labels = wording.source_order(project), wording.source_labels(project)
    sized = thematic.force_sizes(
        project.claims, ["russian_troops_march_2019", "wagner_mercenaries_in_venezuela"], sources,
        labels,
    )  # fmt: skip
    worded = thematic.worded_sizes(project, WORDS, labels)
    sizes = pd.concat([worded.iloc[:1], sized, worded.iloc[1:]], ignore_index=True)
    rows = bm.size_evidence(project, sizes, WORDS)
    assert list(rows.columns) == evidence.ROW_COLUMNS
    assert list(rows["source_id"]) == list(sizes["source_id"])
    assert "hundreds to thousands" in rows["quote"].iloc[0]
    assert "a few dozen" in rows["quote"].iloc[-1]
    claims = project.claims
    for quote, fact, source in zip(rows["quote"].iloc[1:-1], sizes["fact_id"].iloc[1:-1],
                                   sizes["source_id"].iloc[1:-1], strict=True):  # fmt: skip
        stated = claims[(claims["fact_id"] == fact) & (claims["source_id"] == source)]
        assert quote == stated["quote"].iloc[0]


def test_glue_event_date_links_the_date_to_its_best_report(project, glued):
    ledger = evidence.Ledger(project, "test")
    event_id = "guaido_declared_interim_president"
    text = bm.glue_event_date(ledger, "date_guaido", event_id, "a declaration")
    assert text == records.event_date(project, event_id)
    best = records.best_report(project, event_id)
    rows = ledger.items["date_guaido"].rows
    assert list(rows["source_id"]) == [best["source_id"]]
    assert list(rows["quote"]) == [best["quote"]]
    assert glued[0][0] == "date_guaido"
