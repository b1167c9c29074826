"""The network chapter's camp tables (crisis.report.chapters.network) on the project's data."""

from __future__ import annotations

import pytest

from crisis.analysis import camps, network
from crisis.data.load import load_project
from crisis.report.chapters import network as page


@pytest.fixture(scope="module")
def project():
    return load_project()


@pytest.fixture(scope="module")
def assessed(project):
    return camps.assess(project.events, project.actors, null_draws=20, boot_draws=50)


def test_members_table_lists_every_placed_actor_by_name_firm_first(assessed, project):
    table = page.members_table(assessed, project)
    assert len(table) == int((assessed.table["camp"] != "none").sum())
    assert set(table["Placement"]) <= {"firm", "tentative"}
    assert not table["Actor"].isin(assessed.table["actor_id"]).any()  # names, not ids
    for camp in ("Maduro", "Guaidó"):
        placement = list(table.loc[table["Camp"] == camp, "Placement"])
        assert placement == sorted(placement)  # firm before tentative


def test_unplaced_table_counts_every_actor_in_no_camp_once(assessed, project):
    table = page.unplaced_table(assessed, project)
    assert table["Actors"].sum() == int((assessed.table["camp"] == "none").sum())
    assert set(table["Why no camp"]) <= set(page.REASONS.values())
    with pytest.raises(KeyError):
        page.reason_count(assessed, "no reason")


def test_frustrated_quotes_give_each_source_its_own_words(assessed, project):
    frustrated = camps.frustrated_ties(assessed)
    quotes = page.frustrated_quotes(frustrated, project)
    assert len(quotes) == sum(len(s.split("|")) for s in frustrated["source_ids"])
    for quote in quotes["In the source's words"]:
        assert quote.strip("“”") in set(project.events["quote"])


def test_source_dependence_and_block_ties_add_up(assessed, project):
    dependence = page.source_dependence(assessed, project)
    assert list(dependence["Source left out"]) == list(project.sources["label"])
    blocks = page.block_ties(assessed)
    placed = set(assessed.table.loc[assessed.table["camp"] != "none", "actor_id"])
    both = assessed.ties[assessed.ties["a"].isin(placed) & assessed.ties["b"].isin(placed)]
    assert sum(sum(v.values()) for v in blocks.values()) == len(both)
    with pytest.raises(ValueError, match="assess"):
        page.source_dependence(camps.placement(project.events, project.actors), project)


def test_seeded_comparison_lists_only_differences(assessed, project):
    graph = network.build_graph(network.crisis_events(project.events), project.actors)
    table = page.seeded_comparison(assessed, network.compute_camps(graph), project)
    assert (table["Seeded solve"] != table["Now"]).all()


def test_prose_names_put_the_article_where_english_wants_it(project):
    assert page.prose_name("united_states", project) == "the United States"
    assert page.prose_name("russia", project) == "Russia"
    assert page.prose_name("maduro_government", project) == "the Maduro government"
    assert page.prose_names(["russia", "cuba"], project) == "Russia and Cuba"


def test_stated_lineups_compare_each_named_backer_with_its_computed_camp(assessed, project):
    table = page.stated_lineups(assessed, project)
    assert list(table.columns) == ["Actor", "Side the texts state", "Stated by", "Computed camp",
                                   "agrees"]  # fmt: skip
    assert not table["Actor"].isin(assessed.table["actor_id"]).any()  # names, not ids
    sides = list(table["Side the texts state"])
    assert sides == sorted(sides, key=["Maduro", "Guaidó"].index)
    russia = table[table["Actor"] == "Russia"].iloc[0]
    assert russia["Side the texts state"] == "Maduro" and "Encyclopedia" in russia["Stated by"]
    assert bool(russia["agrees"]) == (russia["Computed camp"] == "Maduro")
