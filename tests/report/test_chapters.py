"""Tests of the landing-page numbers and the analysis chapters' tables (crisis.report.chapters)."""

from __future__ import annotations

import math
from types import SimpleNamespace

import matplotlib
import pandas as pd
import pytest
from support.frames import corroboration_sample

from crisis.analysis import network
from crisis.analysis.timeline import event_spans
from crisis.data.codebook import EVENT_TYPES
from crisis.report import display
from crisis.report.chapters import landing
from crisis.report.chapters import network as network_page
from crisis.report.chapters import sources as sources_page
from crisis.report.chapters import timeline as timeline_page
from crisis.report.figures.overview import draw_source_profile

matplotlib.use("Agg")

EVENT_COLUMNS = [
    "event_id",
    "date",
    "date_precision",
    "date_basis",
    "theme",
    "event_type",
    "mode",
    "actors",
    "recipients",
    "summary",
    "source_id",
    "quote",
    "note",
]


def _event(event_id, date, precision, source_id, etype="SUPPORT", actors=("a",),
           recipients=("maduro",), basis="stated", theme="background"):  # fmt: skip
    return {
        "event_id": event_id, "date": date, "date_precision": precision, "date_basis": basis,
        "theme": theme, "event_type": etype, "mode": "", "actors": tuple(actors),
        "recipients": tuple(recipients), "summary": f"{event_id} happened.",
        "source_id": source_id, "quote": "q", "note": "",
    }  # fmt: skip


@pytest.fixture
def tiny():
    """A small, hand-checkable project: three sources, five actors, four events, three facts."""
    sources = pd.DataFrame({"source_id": ["s1", "s2", "s3"], "label": ["One", "Two", "Three"]})
    actors = pd.DataFrame(
        {
            "actor_id": ["a", "b", "maduro", "guaido", "press"],
            "name": ["Alpha", "Beta", "Maduro", "Guaidó", "The Press"],
            "kind": ["state", "person", "person", "person", "company"],
            "country": ["", "", "", "", ""],
            "role": ["participant", "participant", "participant", "participant", "media"],
        }
    )
    events = pd.DataFrame.from_records(
        [
            _event("e1", "2019-03-23", "day", "s1"),
            _event("e1", "2019-03", "month", "s2", basis="inferred"),
            _event(
                "e2", "2018", "year", "s1", etype="SUPPORT", actors=("b",), recipients=("guaido",)
            ),  # fmt: skip
            _event(
                "e3",
                "2001-05",
                "month",
                "s3",
                etype="ACCUSE",
                actors=("a",),
                recipients=("guaido",),
                theme="russia",
            ),  # fmt: skip
            _event(
                "e4",
                "2020",
                "year",
                "s2",
                etype="SUPPORT",
                actors=("press",),
                recipients=("maduro",),
                basis="inferred",
            ),  # fmt: skip
        ],
        columns=EVENT_COLUMNS,
    )
    claims = pd.DataFrame(
        {
            "fact_id": ["troops", "troops", "troops", "cargo"],
            "source_id": ["s1", "s2", "s3", "s1"],
            "value": [99.0, 100.0, 90.0, 35.0],
            "value_max": [math.nan, math.nan, 95.0, math.nan],
        }
    )
    return SimpleNamespace(sources=sources, actors=actors, events=events, claims=claims)


# --- display -------------------------------------------------------------------------------


def test_html_table_keeps_every_row_and_character_and_drops_the_index():
    quote = ("A long quote <with> markup-like text " * 5).strip()
    frame = pd.DataFrame({"Quote": [quote] * 70, "n": range(70)})
    html = display.html_table(frame).data
    assert html.count("<tr") == 71
    assert quote.replace("<", "&lt;").replace(">", "&gt;") in html
    assert "<th></th>" not in html and ">69<" in html
    assert html == display.html_table(frame).data


def test_html_table_refuses_anything_but_a_dataframe():
    with pytest.raises(TypeError, match="expected a DataFrame"):
        display.html_table([1, 2, 3])


# --- landing page ---------------------------------------------------------------------------


def test_project_counts_counts_events_once_and_reports_each(tiny):
    counts = landing.project_counts(tiny)
    assert counts == {
        "sources": 3, "actors": 5, "events": 4, "event_reports": 5, "multi_source_events": 1,
        "claims": 4, "facts": 2, "multi_source_facts": 1,
    }  # fmt: skip


def test_date_range_labels_each_end_at_its_own_precision(tiny):
    spans = event_spans(tiny.events, ["s1", "s2", "s3"])
    assert landing.date_range(spans) == ("May 2001", "2020")


def test_year_range_does_not_run_into_the_year_after_a_year_span(tiny):
    spans = event_spans(tiny.events, ["s1", "s2", "s3"])
    assert landing.year_range(spans) == (2001, 2020)


def test_date_and_year_range_refuse_an_empty_timeline(tiny):
    empty = event_spans(tiny.events, ["s1", "s2", "s3"]).iloc[0:0]
    with pytest.raises(ValueError, match="no events"):
        landing.date_range(empty)
    with pytest.raises(ValueError, match="no events"):
        landing.year_range(empty)


def test_camp_sizes_always_has_three_camps_and_rejects_unknown_ones():
    camps = pd.DataFrame({"actor_id": ["x", "y", "z"], "camp": ["maduro", "maduro", "none"]})
    assert landing.camp_sizes(camps) == {"maduro": 2, "guaido": 0, "none": 1}
    with pytest.raises(ValueError, match="unknown camp"):
        landing.camp_sizes(pd.DataFrame({"actor_id": ["x"], "camp": ["neutral"]}))


def test_backing_states_counts_states_only_and_only_support_for_a_principal(tiny):
    seeds = {"maduro": ("maduro",), "guaido": ("guaido",)}
    # e1: state Alpha backs Maduro; e2: a person backs Guaidó; e3: an ACCUSE; e4: a company.
    assert landing.backing_states(tiny, seeds) == {"guaido": [], "maduro": ["Alpha"]}


def test_value_range_includes_range_ends_and_rejects_unknown_facts(tiny):
    assert landing.value_range(tiny.claims, "troops") == (90.0, 100.0)
    with pytest.raises(KeyError, match="no claim 'ghost'"):
        landing.value_range(tiny.claims, "ghost")


def test_differing_facts_keeps_everything_but_agreement():
    comparison = pd.DataFrame(
        {"fact_id": ["a", "b", "c"], "status": ["agree", "within tolerance", "conflict"]}
    )
    assert list(landing.differing_facts(comparison)["fact_id"]) == ["b", "c"]


@pytest.mark.parametrize(("part", "whole", "expected"), [(1, 3, 33.3), (0, 5, 0.0), (5, 5, 100.0)])
def test_percent(part, whole, expected):
    assert landing.percent(part, whole) == expected


@pytest.mark.parametrize(("part", "whole"), [(1, 0), (-1, 4), (5, 4)])
def test_percent_rejects_impossible_shares(part, whole):
    with pytest.raises(ValueError):
        landing.percent(part, whole)


# --- network --------------------------------------------------------------------------------


def test_tie_rules_follow_the_codebook_scores():
    rules = network_page.tie_rules()
    assert len(rules) == len(EVENT_TYPES)
    for row in rules.itertuples(index=False):
        score = EVENT_TYPES[row[0]].score
        assert row[2] == score
        assert row[3] == ("positive" if score > 0 else "negative")
        assert row[4] == pytest.approx(abs(score) / 10)
    assert list(rules["PLOVER score"]) == sorted(rules["PLOVER score"], reverse=True)


def test_graph_summary_counts_signed_pairs(tiny):
    graph = network.build_graph(tiny.events, tiny.actors)
    summary = network_page.graph_summary(graph)
    # ties: a->maduro (+), b->guaido (+), a->guaido (-), press->maduro (+); nobody is untied.
    assert summary == {
        "actors": 5, "tied_actors": 5, "untied_actors": 0, "pairs": 4, "positive_pairs": 3,
        "negative_pairs": 1, "mixed_pairs": 0,
    }  # fmt: skip


def test_top_actors_ranks_by_the_chosen_measure_and_rejects_bad_arguments(tiny):
    centrality = pd.DataFrame(
        {
            "actor_id": ["a", "b", "maduro"],
            "degree_pos": [1, 3, 3], "betweenness_pos": [0.0, 0.1, 0.2],
            "pagerank_pos": [0.5, 0.2, 0.3],
            "degree_neg": [0, 0, 0], "betweenness_neg": [0.0, 0.0, 0.0],
            "pagerank_neg": [0.3, 0.3, 0.4],
        }
    )  # fmt: skip
    by_degree = network_page.top_actors(centrality, tiny.actors, "pos", n=2)
    assert list(by_degree["Actor"]) == ["Maduro", "Beta"]  # equal degree: higher PageRank first
    by_rank = network_page.top_actors(centrality, tiny.actors, "neg", by="pagerank")
    assert list(by_rank["Actor"]) == ["Maduro", "Alpha", "Beta"]
    with pytest.raises(ValueError, match="layer"):
        network_page.top_actors(centrality, tiny.actors, "both")
    with pytest.raises(ValueError, match="by must be"):
        network_page.top_actors(centrality, tiny.actors, "pos", by="fame")


def test_sanctions_by_camp_counts_each_event_once_per_camp():
    events = pd.DataFrame(
        {
            "event_id": ["s1", "s1", "s2", "x"],
            "event_type": ["SANCTION", "SANCTION", "SANCTION", "SUPPORT"],
            "actors": [("us", "ca"), ("us",), ("ve",), ("us",)],
        }
    )
    camps = pd.DataFrame({"actor_id": ["us", "ca", "ve"], "camp": ["guaido", "guaido", "maduro"]})
    assert network_page.sanctions_by_camp(events, camps) == {"maduro": 1, "guaido": 1, "none": 0}
    assert network_page.sanction_events(events, camps) == {
        "maduro": ["s2"],
        "guaido": ["s1"],
        "none": [],
    }


# --- timeline -------------------------------------------------------------------------------


def test_precision_and_basis_counts(tiny):
    spans = event_spans(tiny.events, ["s1", "s2", "s3"])
    assert timeline_page.precision_counts(spans) == {"day": 1, "month": 1, "year": 2}
    assert timeline_page.basis_counts(spans) == {"stated": 3, "inferred": 1, "borrowed": 0}
    assert timeline_page.basis_counts(tiny.events) == {"stated": 3, "inferred": 2, "borrowed": 0}


def test_multi_source_events_lists_each_such_event_once_with_its_sources(tiny):
    spans = event_spans(tiny.events, ["s1", "s2", "s3"])
    table = timeline_page.multi_source_events(spans, tiny)
    assert table.to_dict("records") == [
        {"Date (as drawn)": "23 March 2019", "Theme": "Background",
         "What happened (its most precisely dated report)": "e1 happened.",
         "Sources": "One, Two", "Reports": 2, "Dated by their own text": 2}
    ]  # fmt: skip


def test_dating_notes_show_each_report_in_source_order(tiny):
    tiny.events.loc[1, "note"] = "From the other sources."
    table = timeline_page.dating_notes(tiny, "e1")
    assert table.to_dict("records") == [
        {"Source": "One", "Date": "23 March 2019", "Basis": "Stated in its sentence",
         "How the date was fixed": "—"},
        {"Source": "Two", "Date": "March 2019", "Basis": "Inferred from the same text",
         "How the date was fixed": "From the other sources."},
    ]  # fmt: skip
    with pytest.raises(KeyError, match="no event 'ghost'"):
        timeline_page.dating_notes(tiny, "ghost")


def test_readable_note_names_sources_events_and_actors_for_readers(tiny):
    note = "Borrowed from s2 via e1 +5 days: the text gives no date. a: 'the alpha', b a"
    assert timeline_page.readable_note(tiny, note) == (
        "Borrowed from Two via [e1 happened] +5 days: the text gives no date. "
        "Alpha: 'the alpha', b a"
    )
    assert timeline_page.readable_note(tiny, "") == ""
    tiny.events.loc[1, "note"] = "Borrowed from s1."
    assert timeline_page.dating_notes(tiny, "e1")["How the date was fixed"].iloc[1] == (
        "Borrowed from One."
    )
    tiny.sources.loc[0, ["source_id", "label"]] = ["encyclopedia", "Encyclopedia"]
    assert timeline_page.readable_note(tiny, "From encyclopedia; the encyclopedia's words.") == (
        "From the encyclopedia; the encyclopedia's words."
    )


def test_year_counts_split_before_during_after(tiny):
    spans = event_spans(tiny.events, ["s1", "s2", "s3"])
    assert timeline_page.year_counts(spans, 2019) == {"before": 2, "during": 1, "after": 1}


def test_busiest_month_prefers_the_earlier_month_on_a_tie_and_needs_events():
    counts = pd.DataFrame({"russia": [0, 2, 0, 2], "military": [0, 0, 0, 0]}, index=[1, 2, 3, 4])
    assert timeline_page.busiest_month(counts, 2019) == ("February 2019", 2)
    with pytest.raises(ValueError, match="no event"):
        timeline_page.busiest_month(counts * 0, 2019)


def test_report_dates_in_source_order_and_unknown_event(tiny):
    assert timeline_page.report_dates(tiny, "e1") == {"s1": "23 March 2019", "s2": "March 2019"}
    with pytest.raises(KeyError, match="no event 'ghost'"):
        timeline_page.report_dates(tiny, "ghost")


# --- sources --------------------------------------------------------------------------------


def test_source_profile_splits_shared_and_own_events(tiny):
    profile = sources_page.source_profile(tiny)
    assert profile.to_dict("records") == [
        {"Source": "One", "Events": 2, "Shared with another source": 1,
         "Reported by it alone": 1, "Facts (numbers)": 2},
        {"Source": "Two", "Events": 2, "Shared with another source": 1,
         "Reported by it alone": 1, "Facts (numbers)": 1},
        {"Source": "Three", "Events": 1, "Shared with another source": 0,
         "Reported by it alone": 1, "Facts (numbers)": 1},
    ]  # fmt: skip


def test_sources_per_event(tiny):
    table = sources_page.sources_per_event(tiny)
    assert table.to_dict("records") == [
        {"Sources reporting": 1, "Events": 3},
        {"Sources reporting": 2, "Events": 1},
    ]


def test_comparison_table_puts_conflicts_first():
    comparison = pd.DataFrame(
        {
            "fact_id": ["a", "b", "c"], "subject": ["A", "B", "C"], "unit": ["u", "u", "u"],
            "values": ["x", "y", "z"], "spread": [0.0, 1.0, 50.0],
            "rel_spread": [0.0, 0.01, 0.5], "status": ["agree", "within tolerance", "conflict"],
        }
    )  # fmt: skip
    table = sources_page.comparison_table(comparison)
    assert list(table["What is counted"]) == ["C", "B", "A"]
    assert list(table["Spread (% of largest)"]) == [50.0, 1.0, 0.0]


def test_claim_displays_show_hedges_and_ranges(tiny):
    tiny.claims["hedge"] = ["", "nearly", "", ""]
    assert sources_page.claim_displays(tiny, "troops") == {
        "s1": "99",
        "s2": "nearly 100",
        "s3": "90–95",
    }
    with pytest.raises(KeyError, match="no claim 'ghost'"):
        sources_page.claim_displays(tiny, "ghost")


def test_date_disagreements():
    corroboration = pd.DataFrame({"event_id": ["z", "a", "m"], "dates_agree": [False, True, False]})
    assert sources_page.date_disagreements(corroboration) == ["m", "z"]


# --- figure ---------------------------------------------------------------------------------


def test_draw_source_profile_draws_two_bars_per_source(tiny):
    fig = draw_source_profile(sources_page.source_profile(tiny))
    ax = fig.axes[0]
    assert len(ax.patches) == 2 * len(tiny.sources)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Three", "Two", "One"]


def test_draw_source_profile_rejects_a_table_without_the_split():
    with pytest.raises(ValueError, match="lacks column"):
        draw_source_profile(pd.DataFrame({"Source": ["One"], "Events": [3]}))


def test_date_comparison_counts_only_events_with_two_own_dates():
    corroboration = corroboration_sample()
    # a year-dated report is compatible with a day-dated one, which is not agreement
    assert sources_page.date_comparison(corroboration) == {
        "multi": 4, "comparable": 3, "agree": 1, "year_only": ["year"], "differ": ["differ"],
    }  # fmt: skip


def test_attribution_table_names_who_acted_in_each_report(tiny):
    tiny.events = pd.concat(
        [tiny.events, pd.DataFrame([_event("e1", "2019", "year", "s3", actors=("b",))])],
        ignore_index=True,
    )
    tiny.events["row"] = range(2, len(tiny.events) + 2)
    agreement = pd.DataFrame(
        {"event_id": ["e1"], "n_sources": [3], "status": ["different actors"], "actors": [""]}
    )
    table = sources_page.attribution_table(tiny, agreement)
    assert table.to_dict("records") == [
        {
            "Event (one report's summary)": "e1 happened.",
            "Actors compared": "Different actors",
            "Who acted, as each source tells it": "One: Alpha; Two: Alpha; Three: Beta",
        }
    ]


def test_sources_reporting_backing_follows_cooperative_acts_of_a_state_and_its_people(tiny):
    tiny.actors["country"] = ["", "a", "", "", ""]
    tiny.events["row"] = range(2, len(tiny.events) + 2)
    # e1 (s1, s2): Alpha supports Maduro; e2 (s1): Beta, of Alpha, supports Guaidó;
    # e3 (s3): Alpha accuses Guaidó (conflict, not backing).
    assert landing.sources_reporting_backing(tiny, "a", ("maduro",)) == ["s1", "s2"]
    assert landing.sources_reporting_backing(tiny, "a", ("guaido",)) == ["s1"]
    with pytest.raises(KeyError, match="nobody"):
        landing.sources_reporting_backing(tiny, "nobody", ("maduro",))


def test_events_told_by_all_in_file_order(tiny):
    tiny.events = pd.concat(
        [tiny.events, pd.DataFrame([_event("e1", "2019", "year", "s3")])], ignore_index=True
    )
    tiny.events["row"] = range(2, len(tiny.events) + 2)
    assert landing.events_told_by_all(tiny) == ["e1"]


def test_top_theme_takes_the_largest_column_and_the_first_on_a_tie():
    matrix = pd.DataFrame({"a": [1, 2], "b": [3, 2]}, index=["x", "y"])
    assert sources_page.top_theme(matrix) == {"x": "b", "y": "a"}
