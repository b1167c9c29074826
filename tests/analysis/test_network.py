"""Tests of crisis.analysis.network on hand-built events: edges, graph, camps, balance,
centrality."""

from __future__ import annotations

import pandas as pd
import pytest
from support.frames import ACTORS, EVENTS, events_frame, report

from crisis.analysis import network
from crisis.data.codebook import EVENT_TYPES


def camps_of(events: pd.DataFrame = EVENTS, **kwargs) -> dict[str, str]:
    """actor_id -> computed camp."""
    camps = network.compute_camps(network.build_graph(events, ACTORS), **kwargs)
    return dict(zip(camps["actor_id"], camps["camp"], strict=True))


# --- edge_table ---------------------------------------------------------------------------------


def test_edge_table_makes_one_edge_per_event_and_pair_from_several_reports():
    edges = network.edge_table(EVENTS)
    assert list(edges.columns) == network.EDGE_COLUMNS
    us = edges[edges["event_id"] == "e2"]
    assert len(us) == 1
    row = us.iloc[0]
    assert (row["source"], row["target"]) == ("united_states", "juan_guaido")
    assert row["source_ids"] == ("a", "b") and row["n_sources"] == 2
    assert row["score"] == EVENT_TYPES["SUPPORT"].score and row["sign"] == 1
    assert row["weight"] == pytest.approx(0.46)


def test_edge_table_signs_and_weighs_conflict_by_the_plover_score():
    row = network.edge_table(EVENTS).set_index("event_id").loc["e3"]
    assert row["sign"] == -1
    assert row["weight"] == pytest.approx(abs(EVENT_TYPES["SANCTION"].score) / 10)
    assert row["theme"] == "background" and row["event_type"] == "SANCTION"


def test_edge_table_gives_one_edge_per_recipient_and_is_sorted():
    edges = network.edge_table(EVENTS)
    assert sorted(edges.loc[edges["event_id"] == "e7", "target"]) == [
        "juan_guaido",
        "nicolas_maduro",
    ]
    keys = list(zip(edges["source"], edges["target"], edges["event_id"], strict=True))
    assert keys == sorted(keys)


def test_edge_table_unions_pairs_of_reports_that_disagree_but_never_crosses_reports():
    events = events_frame(
        report("x", ("russia",), ("venezuela",), "AID", "a"),
        report("x", ("russia", "cuba"), ("maduro_government",), "AID", "b"),
    )
    edges = network.edge_table(events)
    pairs = {(s, t): ids for s, t, ids in edges[["source", "target", "source_ids"]].to_numpy()}
    assert pairs == {
        ("russia", "venezuela"): ("a",),
        ("russia", "maduro_government"): ("b",),
        ("cuba", "maduro_government"): ("b",),
    }
    assert ("cuba", "venezuela") not in pairs


def test_edge_table_skips_events_without_recipients_and_self_ties():
    events = events_frame(
        report("alone", ("russia",), (), "MOBILIZE"),
        report("self", ("russia",), ("russia", "cuba"), "AGREE"),
    )
    edges = network.edge_table(events)
    assert list(zip(edges["source"], edges["target"], strict=True)) == [("russia", "cuba")]


def test_edge_table_of_no_events_is_empty_with_its_columns():
    edges = network.edge_table(events_frame())
    assert edges.empty and list(edges.columns) == network.EDGE_COLUMNS


def test_edge_table_refuses_an_unknown_event_type():
    with pytest.raises(ValueError, match="unknown event type.*HUG"):
        network.edge_table(events_frame(report("x", ("russia",), ("cuba",), "HUG")))


def test_edge_table_refuses_reports_that_disagree_on_the_event_type():
    events = events_frame(
        report("x", ("russia",), ("cuba",), "AID", "a"),
        report("x", ("russia",), ("cuba",), "ASSAULT", "b"),
    )
    with pytest.raises(ValueError, match="disagree on its type: x"):
        network.edge_table(events)


# --- build_graph --------------------------------------------------------------------------------


def test_build_graph_has_every_actor_with_its_attributes_even_without_ties():
    graph = network.build_graph(EVENTS, ACTORS)
    assert sorted(graph.nodes) == sorted(ACTORS["actor_id"])
    assert list(graph.nodes) == sorted(graph.nodes)
    assert graph.degree("peru") == 0
    assert graph.nodes["reuters"] == {
        "name": "Reuters",
        "kind": "company",
        "country": "",
        "role": "media",
    }


def test_build_graph_sums_signed_weights_over_the_events_of_a_pair():
    events = events_frame(
        report("help", ("russia",), ("cuba",), "AID"),
        report("help", ("russia",), ("cuba",), "AID", "b"),
        report("blame", ("russia",), ("cuba",), "ACCUSE"),
    )
    edge = network.build_graph(events, ACTORS)["russia"]["cuba"]
    assert edge["weight"] == pytest.approx(0.74 - 0.2)
    assert edge["pos_weight"] == pytest.approx(0.74)
    assert edge["neg_weight"] == pytest.approx(0.2)
    assert edge["n_events"] == 2
    assert edge["event_ids"] == ("blame", "help")
    assert edge["event_types"] == ("ACCUSE", "AID")


def test_build_graph_refuses_events_naming_unknown_actors():
    events = events_frame(report("x", ("russia",), ("atlantis",), "AID"))
    with pytest.raises(ValueError, match="not in the actor table: atlantis"):
        network.build_graph(events, ACTORS)


# --- compute_camps ------------------------------------------------------------------------------


def test_camps_follow_structural_balance():
    camps = camps_of()
    assert {a for a, c in camps.items() if c == "maduro"} == {
        "nicolas_maduro",
        "maduro_government",
        "russia",
        "cuba",
        "iran",
    }
    assert {a for a, c in camps.items() if c == "guaido"} == {
        "juan_guaido",
        "national_assembly",
        "united_states",
        "canada",
    }
    assert camps["switzerland"] == "none"  # an exact tie between the sides
    assert camps["peru"] == "none"  # no tie at all
    assert camps["reuters"] == "none"  # media report rather than take part


def test_camps_table_has_scores_evidence_and_one_row_per_actor():
    camps = network.compute_camps(network.build_graph(EVENTS, ACTORS)).set_index("actor_id")
    assert list(camps.reset_index().columns) == network.CAMP_COLUMNS
    assert list(camps.index) == sorted(ACTORS["actor_id"])
    us = camps.loc["united_states"]
    assert us["score_maduro"] == pytest.approx(-0.52)
    assert us["score_guaido"] == pytest.approx(0.46)
    assert us["net"] == pytest.approx(-0.98)
    assert us["stance"] == pytest.approx(-1.0)
    assert us["n_ties"] == 3 and not us["seed"]
    assert us["evidence"] == (
        "SANCTION→maduro_government (1 event); SUPPORT→juan_guaido (1 event); ACCUSE←iran (1 event)"
    )
    assert camps.loc["nicolas_maduro", "seed"] and camps.loc["nicolas_maduro", "stance"] == 1
    assert camps.loc["cuba", "net"] == 0 and camps.loc["cuba", "stance"] > 0
    assert camps.loc["peru", "evidence"] == "" and camps.loc["peru", "n_ties"] == 0


def test_camps_do_not_depend_on_the_order_of_the_reports():
    shuffled = EVENTS.iloc[[7, 3, 9, 0, 5, 2, 8, 1, 4, 6]].reset_index(drop=True)
    first = network.compute_camps(network.build_graph(EVENTS, ACTORS))
    second = network.compute_camps(network.build_graph(shuffled, ACTORS))
    pd.testing.assert_frame_equal(first, second)


def test_camps_come_from_the_seeds_not_from_a_list():
    swapped = {
        "maduro": ("juan_guaido", "national_assembly"),
        "guaido": ("nicolas_maduro", "maduro_government"),
    }
    camps = camps_of(seeds=swapped)
    assert camps["russia"] == "guaido" and camps["united_states"] == "maduro"


def test_a_tie_whose_events_cancel_out_places_no_one():
    events = events_frame(
        report("yes", ("peru",), ("nicolas_maduro",), "AGREE"),
        report("no", ("peru",), ("nicolas_maduro",), "REJECT"),
    )
    camps = network.compute_camps(network.build_graph(events, ACTORS)).set_index("actor_id")
    assert camps.loc["peru", "camp"] == "none"
    assert camps.loc["peru", "n_ties"] == 0


def test_seeds_missing_from_the_graph_are_ignored():
    actors = ACTORS[ACTORS["actor_id"] != "national_assembly"]
    events = EVENTS[EVENTS["event_id"] != "e9"]
    camps = network.compute_camps(network.build_graph(events, actors)).set_index("actor_id")
    assert "national_assembly" not in camps.index
    assert camps.loc["canada", "camp"] == "guaido"


@pytest.mark.parametrize(
    ("seeds", "message"),
    [
        ({"maduro": ("nicolas_maduro",)}, "exactly the sides"),
        ({"maduro": ("x",), "guaido": ("y",), "third": ("z",)}, "exactly the sides"),
        ({"maduro": "nicolas_maduro", "guaido": ("juan_guaido",)}, "tuple of actor ids"),
        ({"maduro": ("russia",), "guaido": ("russia", "cuba")}, "both sides: russia"),
    ],
)
def test_compute_camps_refuses_malformed_seeds(seeds, message):
    graph = network.build_graph(EVENTS, ACTORS)
    with pytest.raises(ValueError, match=message):
        network.compute_camps(graph, seeds)


def test_principals_are_the_default_seeds():
    assert network.PRINCIPALS == {
        "maduro": ("nicolas_maduro", "maduro_government"),
        "guaido": ("juan_guaido", "national_assembly"),
    }


# --- frustration --------------------------------------------------------------------------------


# --- centrality ---------------------------------------------------------------------------------


def test_centrality_measures_each_layer_separately():
    events = events_frame(
        report("ab", ("russia",), ("cuba",), "AID"),
        report("bc", ("cuba",), ("iran",), "AID"),
        report("hit", ("united_states",), ("iran",), "SANCTION"),
        report("mixed", ("russia",), ("cuba",), "ACCUSE"),
    )
    central = network.centrality(network.build_graph(events, ACTORS)).set_index("actor_id")
    assert central.loc["cuba", "degree_pos"] == 2
    assert central.loc["cuba", "betweenness_pos"] > 0  # on the only path russia -> iran
    assert central.loc["russia", "betweenness_pos"] == 0
    assert central.loc["iran", "degree_neg"] == 1 and central.loc["iran", "degree_pos"] == 1
    assert central.loc["cuba", "degree_neg"] == 1  # the mixed pair is in both layers
    assert central.loc["peru", "degree_pos"] == 0 and central.loc["peru", "degree_neg"] == 0
    assert central["pagerank_pos"].sum() == pytest.approx(1, abs=1e-5)
    assert central.loc["iran", "pagerank_neg"] > central.loc["united_states", "pagerank_neg"]


def test_centrality_is_sorted_by_positive_pagerank_then_id_and_rounded():
    central = network.centrality(network.build_graph(EVENTS, ACTORS))
    assert list(central.columns) == [
        "actor_id",
        "degree_pos",
        "betweenness_pos",
        "pagerank_pos",
        "degree_neg",
        "betweenness_neg",
        "pagerank_neg",
    ]
    keys = list(zip(-central["pagerank_pos"], central["actor_id"], strict=True))
    assert keys == sorted(keys)
    for column in ("betweenness_pos", "pagerank_pos", "betweenness_neg", "pagerank_neg"):
        assert all(round(v, 6) == v for v in central[column])


# --- camp_robustness ----------------------------------------------------------------------------


# --- layout -------------------------------------------------------------------------------------


def test_crisis_events_keep_only_crisis_scope_reports_and_need_the_column():
    events = events_frame(
        report("act", ("russia",), ("cuba",)),
        report("aside", ("united_states",), ("iran",), scope="context"),
    )
    assert list(network.crisis_events(events)["event_id"]) == ["act"]
    with pytest.raises(ValueError, match="no 'scope' column"):
        network.crisis_events(events.drop(columns="scope"))
