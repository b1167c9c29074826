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


def test_tie_reports_are_the_reports_of_the_ties_and_only_of_them(assessed):
    ties = assessed.ties
    reports = page.tie_reports(assessed)
    pairs = {frozenset(p) for p in zip(ties["a"], ties["b"], strict=True)}
    made = {frozenset(p) for p in zip(reports["actor"], reports["recipient"], strict=True)}
    assert made == pairs  # every tie has a report, every report makes a tie
    positive = page.tie_reports(assessed, ties[ties["sign"] > 0])
    negative = page.tie_reports(assessed, ties[ties["sign"] < 0])
    assert len(positive) + len(negative) == len(reports)
    assert not reports.duplicated().any()


def test_act_reports_are_the_acts_that_place_each_actor(assessed):
    placed = assessed.table[assessed.table["camp"] != "none"]
    reports = page.act_reports(assessed, placed["actor_id"])
    assert list(reports.columns) == page.REPORT_COLUMNS
    events = reports.groupby("actor")["event_id"].nunique()
    assert events.to_dict() == dict(zip(placed["actor_id"], placed["n_acts"], strict=True))
    assert page.act_reports(assessed, []).empty


def test_received_reports_name_only_the_given_recipients(assessed):
    receivers = assessed.table.loc[assessed.table["reason"] == "receives only", "actor_id"]
    reports = page.received_reports(assessed, receivers)
    assert set(reports["recipient"]) == set(receivers)
    assert not reports["actor"].isin(set(receivers)).any()  # they only receive


def test_report_rows_quote_each_report_and_say_who_acts_towards_whom(assessed, project):
    from crisis.report import evidence

    reports = page.act_reports(assessed, ["russia"])
    rows = page.report_rows(project, reports)
    assert list(rows.columns) == evidence.ROW_COLUMNS
    assert len(rows) == len(reports)
    assert list(rows["source_id"]) == list(reports["source_id"])
    assert rows["coding"].str.startswith("Russia → ").all()
    quotes = set(zip(project.events["source_id"], project.events["quote"], strict=True))
    assert set(zip(rows["source_id"], rows["quote"], strict=True)) <= quotes
    first = page.lineup_reports(project).head(1)  # no recipient column: the actor alone
    name = project.actors.set_index("actor_id").loc[first["actor"].iloc[0], "name"]
    assert page.report_rows(project, first)["coding"].iloc[0].startswith(f"{name}: ")
    bad = reports.head(1).assign(source_id="no_such_source")
    with pytest.raises(KeyError):
        page.report_rows(project, bad)


def test_dependent_actors_are_the_ones_source_dependence_counts(assessed, project):
    dependence = page.source_dependence(assessed, project).set_index("Source left out")
    labels = dict(zip(project.sources["source_id"], project.sources["label"], strict=True))
    for source, label in labels.items():
        lost, switched = page.dependent_actors(assessed, source)
        assert len(lost) == dependence.loc[label, "Lose their camp"]
        assert len(switched) == dependence.loc[label, "Switch"]
    with pytest.raises(ValueError, match="assess"):
        page.dependent_actors(camps.placement(project.events, project.actors), "encyclopedia")


def test_lineup_reports_name_each_actor_of_the_stated_lineups(assessed, project):
    reports = page.lineup_reports(project)
    assert len(reports.drop_duplicates(["side", "actor"])) == len(
        page.stated_lineups(assessed, project)
    )
    assert set(reports["event_id"]) == set(page.LINEUP_EVENTS)


def test_camp_blocks_data_has_the_rows_the_figure_draws(assessed, project):
    from crisis.report.figures.network import DATA_COLUMNS, camp_blocks_data

    data = camp_blocks_data(assessed, project)
    assert list(data.columns) == DATA_COLUMNS
    names = dict(zip(project.actors["actor_id"], project.actors["name"], strict=True))
    ties = page.block_ties(assessed)
    for camp, label in (("maduro", "Maduro's camp"), ("guaido", "Guaidó's camp")):
        block = data[data["block"] == label].set_index("item")
        firm = page.members(assessed, camp, firm=True)
        assert list(data.loc[data["item"].eq("firm member") & data["block"].eq(label),
                             "actor"]) == [names[a] for a in firm]  # fmt: skip
        tentative = len(page.members(assessed, camp, firm=False))
        assert block.loc["tentative members", "count"] == tentative
        assert block.loc["cooperative ties inside", "count"] == ties[(camp, camp)]["cooperative"]
        assert block.loc["conflictual ties inside", "count"] == ties[(camp, camp)]["conflictual"]
    across = data[data["block"] == "across the camps"].set_index("item")["count"]
    assert across["cooperative ties across"] == ties[("maduro", "guaido")]["cooperative"]
    assert across["conflictual ties across"] == ties[("maduro", "guaido")]["conflictual"]
    assert not data.map(lambda v: isinstance(v, (list, tuple))).any().any()
