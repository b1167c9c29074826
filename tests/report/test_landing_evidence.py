"""The landing page's numbers come with the rows they count (crisis.report.chapters.landing) and
its figure with the frame it draws (crisis.report.figures.overview.monthly_table)."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from crisis.analysis import camps
from crisis.analysis.corroboration import event_corroboration
from crisis.analysis.timeline import event_spans, monthly_counts
from crisis.data.codebook import THEMES
from crisis.data.load import load_project
from crisis.report import evidence, wording
from crisis.report.chapters import landing
from crisis.report.chapters import sources as sources_page
from crisis.report.chapters import timeline as timeline_page
from crisis.report.figures.overview import MONTHLY_COLUMNS, monthly_table


@pytest.fixture
def project(tiny):
    return load_project(tiny)


@pytest.fixture
def spans(project):
    return event_spans(project.events, wording.source_order(project))


def _linkable(project, rows: pd.DataFrame) -> None:
    """Every row is an evidence row whose quote is found in its source (the ledger needs it)."""
    assert list(rows.columns) == evidence.ROW_COLUMNS
    for source_id, quote in zip(rows["source_id"], rows["quote"], strict=True):
        evidence.quote_link(project, source_id, quote)


def test_actor_rows_give_each_actor_the_first_sentence_naming_it(project):
    rows = landing.actor_rows(project)
    _linkable(project, rows)
    assert len(rows) == landing.project_counts(project)["actors"]
    names = dict(zip(project.actors["actor_id"], project.actors["name"], strict=True))
    assert rows["coding"].iloc[0] == f"{names[project.actors['actor_id'].iloc[0]]}, state"
    # The Week comes first in sources.csv order; "Russian" in its title is no alias of Russia
    russia = rows[project.actors["actor_id"].to_numpy() == "russia"].iloc[0]
    assert russia["source_id"] == "the_week" and russia["quote"].startswith(
        "Tensions increase as Russia"
    )


def test_actor_rows_refuse_an_actor_no_source_names(project):
    extra = project.actors.iloc[:1].assign(actor_id="ghost", name="Ghost", aliases=[("Ghost",)])
    ghost = dataclasses.replace(
        project, actors=pd.concat([project.actors, extra], ignore_index=True)
    )
    with pytest.raises(ValueError, match="ghost"):
        landing.actor_rows(ghost)


def test_backing_reports_are_the_rows_behind_backing_states(project):
    reports = landing.backing_reports(project)
    assert list(reports.columns) == landing.BACKING_COLUMNS
    _linkable(project, reports[evidence.ROW_COLUMNS])
    # the only SUPPORT of a principal by a state: the US backs Guaidó (The Week)
    assert reports[["side", "state", "source_id"]].to_dict("records") == [
        {"side": "guaido", "state": "United States", "source_id": "the_week"}
    ]
    assert reports["coding"].iloc[0] == "United States: support, January 2019, date inferred"
    assert landing.backing_states(project) == {"guaido": ["United States"], "maduro": []}


def test_monthly_events_list_the_events_the_counts_count(spans):
    counts, placed, undated = landing.monthly_events(spans, list(THEMES))
    assert counts.equals(monthly_counts(spans, list(THEMES)))
    assert len(placed) == counts.to_numpy().sum() == 6
    assert undated == [] and counts.attrs["undated_in_year"] == 0
    march = sorted(placed.loc[placed["month"] == 3, "event_id"])
    assert march == [
        "bolton_warns", "caricom_meets_guaido", "pompeo_calls_lavrov", "russian_planes_land",
    ]  # fmt: skip
    label, ids = landing.busiest_month_events(counts, placed, 2019)
    assert (label, sorted(ids)) == ("March 2019", march)
    assert timeline_page.busiest_month(counts, 2019) == (label, len(ids))


def test_monthly_events_count_year_only_events_apart(spans):
    year_only = spans.iloc[:1].assign(
        event_id="vague", date="2019", date_precision="year",
        start=pd.Timestamp("2019-01-01"), end=pd.Timestamp("2020-01-01"),
    )  # fmt: skip
    counts, placed, undated = landing.monthly_events(
        pd.concat([spans, year_only], ignore_index=True), list(THEMES)
    )
    assert undated == ["vague"] and counts.attrs["undated_in_year"] == 1
    assert "vague" not in set(placed["event_id"])


def test_date_comparison_ids_are_the_events_behind_date_comparison(project):
    for events in (project.events, load_project().events):
        source_ids = sorted(set(events["source_id"]))
        corroboration = event_corroboration(events, source_ids)
        ids = sources_page.date_comparison_ids(corroboration)
        counts = sources_page.date_comparison(corroboration)
        assert {k: len(ids[k]) for k in ("multi", "comparable", "agree")} == {
            k: counts[k] for k in ("multi", "comparable", "agree")
        }
        assert ids["year_only"] == counts["year_only"] and ids["differ"] == counts["differ"]
        assert set(ids["agree"]) | set(ids["year_only"]) | set(ids["differ"]) == set(
            ids["comparable"]
        )


def test_act_rows_list_every_report_of_each_actors_acts(project):
    placed = camps.placement(project.events, project.actors)
    members = placed.table[placed.table["camp"] != "none"]
    rows = landing.act_rows(project, members)
    _linkable(project, rows)
    expected = sum(
        int(project.events["event_id"].isin(acts.split("|")).sum()) for acts in members["evidence"]
    )
    assert len(rows) == expected >= len(members)
    assert (
        rows["coding"]
        .iloc[0]
        .startswith(wording.actor_names(project)[members["actor_id"].iloc[0]] + " acts: ")
    )
    with pytest.raises(ValueError, match="no act"):
        landing.act_rows(project, placed.table[placed.table["n_acts"] == 0].iloc[:1])


def test_tie_rows_put_the_contradicted_ties_first(project):
    placed = camps.placement(project.events, project.actors)
    rows = landing.tie_rows(project, placed)
    _linkable(project, rows)
    tied = set(placed.edges["event_id"])
    assert len(rows) == int(project.events["event_id"].isin(tied).sum())
    contradicted = set(camps.frustrated_ties(placed)["event_id"])
    marked = rows["coding"].str.startswith("a tie the split contradicts: ")
    assert int(marked.sum()) == int(project.events["event_id"].isin(contradicted).sum())
    assert not marked.iloc[int(marked.sum()) :].any()


def test_monthly_table_is_the_tidy_frame_of_the_bars_drawn(spans):
    counts = monthly_counts(spans, list(THEMES))
    table = monthly_table(counts)
    assert list(table.columns) == MONTHLY_COLUMNS
    assert len(table) == 12 * len(THEMES)
    assert table["events"].sum() == counts.to_numpy().sum()
    assert list(table["month_name"].iloc[:: len(THEMES)]) == [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]  # fmt: skip
    wide = table.pivot(index="month", columns="theme", values="events")[list(THEMES)]
    assert wide.to_numpy().tolist() == counts.to_numpy().tolist()
    assert not table.map(lambda v: isinstance(v, tuple | list)).to_numpy().any()
    assert all(pd.api.types.is_integer_dtype(table[c]) for c in ("month", "events"))


def test_act_rows_quote_only_reports_that_name_the_actor(project):
    from crisis.analysis import camps

    table = camps.assess(project.events, project.actors).table
    placed = table[table["camp"] != "none"]
    rows = landing.act_rows(project, placed)
    names = dict(zip(project.actors["name"], project.actors["actor_id"], strict=True))
    events = project.events
    for coding, source_id, quote in zip(rows["coding"], rows["source_id"], rows["quote"],
                                        strict=True):  # fmt: skip
        actor = names[coding.split(" acts: ")[0]]
        report = events[(events["source_id"] == source_id) & (events["quote"] == quote)]
        assert report["actors"].map(lambda named, a=actor: a in named).any(), (actor, quote)
