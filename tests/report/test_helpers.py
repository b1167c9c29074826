"""Tests of crisis.report (labels, records, chapters.thematic) on hand-built projects: every shape,
order and refusal the chapters use."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from crisis.data.load import Project
from crisis.report import records, wording
from crisis.report.chapters import thematic

SOURCES = [("alpha", "Alpha"), ("beta", "Beta"), ("gamma", "Gamma")]
ACTORS = [
    # actor_id, name, kind, country
    ("us", "United States", "state", ""),
    ("treasury", "US Treasury", "government_body", "us"),
    ("bolton", "John Bolton", "person", "us"),
    ("ru", "Russia", "state", ""),
    ("ve", "Venezuela", "state", ""),
    ("assembly", "National Assembly", "government_body", "ve"),
    ("maduro", "Nicolás Maduro", "person", "ve"),
    ("gov", "Maduro government", "government_body", "ve"),
    ("guaido", "Juan Guaidó", "person", "ve"),
    ("bank", "A bank", "company", "ve"),
    ("paper", "A newspaper", "company", ""),
]


# event_id, date, precision, basis, theme, type, actors, recipients, source (lists: "|")
EVENT_ROWS = """\
landing,2019-03,month,stated,russia,AID,ru,gov,alpha
landing,2019-03-23,day,inferred,russia,AID,ru,maduro,beta
landing,2019-03-24,day,stated,russia,AID,ru,gov,gamma
warning,2019-03-25,day,stated,russia,THREATEN,us,ru,gamma
backing_maduro,2019,year,stated,background,SUPPORT,ru,maduro,alpha
backing_maduro,2019,year,stated,background,SUPPORT,ru,maduro,beta
backing_guaido,2019-01,month,stated,background,SUPPORT,treasury,guaido,beta
declared,2019-01-23,day,stated,background,SUPPORT,assembly,guaido,alpha
bank_sanctioned,2019-03,month,stated,sanctions,SANCTION,us,bank,alpha
bank_sanctioned,2019-03,month,stated,sanctions,SANCTION,us,bank,beta
maduro_rejects,2019-03,month,stated,sanctions,REJECT,gov,us,alpha
gold_sanctioned,2019-03,month,stated,sanctions,SANCTION,treasury,gov,alpha
troika,2019-04-17,day,stated,sanctions,SANCTION,bolton|us,gov|ve,alpha
maduro_scoffs,2019-04,month,stated,sanctions,REJECT,maduro,us,beta
maduro_accuses,2019,year,stated,military,ACCUSE,maduro,us,alpha
"""


def parse_events(text: str) -> list[dict]:
    """Event reports with the columns of data/events.csv (lists as tuples) from EVENT_ROWS."""
    records = []
    for line in text.splitlines():
        event_id, date, precision, basis, theme, kind, actors, recipients, source = line.split(",")
        records.append(
            {
                "event_id": event_id,
                "date": date,
                "date_precision": precision,
                "date_basis": basis,
                "scope": "crisis",
                "theme": theme,
                "event_type": kind,
                "mode": "",
                "actors": tuple(actors.split("|")),
                "recipients": tuple(recipients.split("|")),
                "summary": f"{event_id} happens.",
                "source_id": source,
                "quote": f"words of {source} on {event_id}",
                "note": "",
            }
        )
    return records


EVENTS = parse_events(EVENT_ROWS)


def claim(fact_id, value, source, hedge="", value_max=math.nan, unit="troops", subject=None):
    """One claim report with the columns of data/claims.csv."""
    return {
        "fact_id": fact_id,
        "value": float(value),
        "value_max": float(value_max),
        "unit": unit,
        "hedge": hedge,
        "subject": subject or f"troops in {fact_id}",
        "date": "2019",
        "theme": "russia",
        "attributed_to": "",
        "source_id": source,
        "quote": f"{source} says {value}",
        "note": "",
    }


CLAIMS = [
    claim("troops", 99, "alpha"),
    claim("troops", 100, "beta", hedge="nearly"),
    claim("troops", 100, "gamma"),
    claim("cubans", 20000, "alpha", hedge="more than", unit="people", subject="Cubans working"),
    claim("cuban_forces", 20000, "alpha", value_max=25000, unit="personnel"),
    claim("planes", 2, "beta", unit="planes"),
    claim("planes", 2, "gamma", unit="planes"),
]


def frame(records: list[dict]) -> pd.DataFrame:
    """A typed frame with the ``row`` column the loader adds (header = line 1)."""
    out = pd.DataFrame.from_records(records).astype(object)
    out["row"] = range(2, len(out) + 2)
    for column in ("value", "value_max"):
        if column in out:
            out[column] = out[column].astype(float)
    return out


def make_project(events=EVENTS, claims=CLAIMS, actors=ACTORS) -> Project:
    """A hand-built Project: three sources, eleven actors, the events and claims above."""
    sources = frame(
        [
            {"source_id": s, "file": f"seeds/{s}.txt", "title": s, "outlet": "", "kind": "news",
             "label": label}
            for s, label in SOURCES
        ]
    )  # fmt: skip
    actors = frame(
        [
            {"actor_id": a, "name": n, "kind": k, "country": c, "aliases": (n,),
             "description": n, "role": "participant"}
            for a, n, k, c in actors
        ]
    )  # fmt: skip
    return Project(
        root=Path("."),
        sources=sources,
        actors=actors,
        events=frame(events),
        claims=frame(claims),
        waivers=frame([{"source_id": "alpha", "sentence": "x", "reason": "y"}]),
        texts={},
        coverage=pd.DataFrame(),
    )


@pytest.fixture
def project() -> Project:
    return make_project()


# --- dates and citations -------------------------------------------------------------------


def test_cite_keys_keeps_order_and_drops_repeats():
    assert wording.cite_keys(["the_week", "encyclopedia", "the_week"]) == "the_week,encyclopedia"
    assert wording.citation(("encyclopedia",)) == "{cite:p}`encyclopedia`"


@pytest.mark.parametrize("ids", [[], ["The Week"], ["ok", ""], ["a,b"]])
def test_cite_keys_refuses_no_source_or_bad_ids(ids):
    with pytest.raises(ValueError):
        wording.cite_keys(ids)


@pytest.mark.parametrize(
    ("value", "text"),
    [(41900000, "$41.9 million"), (2000000, "$2 million"), (9e9, "$9 billion"), (950, "$950")],
)
def test_usd_writes_sums_for_prose(value, text):
    assert wording.usd(value) == text


@pytest.mark.parametrize("value", [-1.0, math.nan, math.inf])
def test_usd_and_large_number_refuse_impossible_values(value):
    with pytest.raises(ValueError):
        wording.usd(value)
    with pytest.raises(ValueError):
        wording.large_number(value)


def test_large_number_words_millions():
    assert wording.large_number(3000000) == "3 million"
    assert wording.large_number(20000) == "20,000"


def test_event_count_counts_events_not_reports(project):
    assert records.event_count(project) == 11
    assert records.event_count(project, "SANCTION") == 3
    assert records.event_count(project, "SUPPORT", "background") == 3
    assert records.event_count(project, "SANCTION", "russia") == 0


def test_join_names_reads_as_a_list():
    names = {"a": "A", "b": "B", "c": "C"}
    assert wording.join_names([], names) == ""
    assert wording.join_names(["a"], names) == "A"
    assert wording.join_names(["b", "a"], names) == "B and A"
    assert wording.join_names(["a", "b", "c"], names) == "A, B and C"
    with pytest.raises(KeyError):
        wording.join_names(["z"], names)
    assert wording.join_words(iter(["x", "y"])) == "x and y"


# --- events ----------------------------------------------------------------------------------


def test_best_report_prefers_precision_then_stated_then_source_order(project):
    # beta and gamma are both day-precise; gamma's date is stated, beta's inferred
    assert records.best_report(project, "landing")["source_id"] == "gamma"
    assert records.event_date(project, "landing") == "24 March 2019"
    # two year-precise stated reports: the first source in sources.csv order wins
    assert records.best_report(project, "backing_maduro")["source_id"] == "alpha"


def test_report_date_and_sources_of_an_event(project):
    assert records.report_date(project, "landing", "alpha") == "March 2019"
    assert records.report_date(project, "landing", "beta") == "23 March 2019"
    assert records.event_sources(project, "landing") == ["alpha", "beta", "gamma"]
    assert records.event_actors(project, "landing", "recipients") == ["gov", "maduro"]
    assert records.event_actors(project, "troika") == ["bolton", "us"]
    with pytest.raises(KeyError, match="does not report"):
        records.report_date(project, "warning", "alpha")


@pytest.mark.parametrize(
    "call",
    [records.best_report, records.event_date, records.event_sources, records.event_actors],
)
def test_unknown_event_is_refused(project, call):
    with pytest.raises(KeyError, match="no event 'nothing'"):
        call(project, "nothing")


def test_in_source_order_sorts_and_deduplicates(project):
    assert wording.in_source_order(project, ["gamma", "alpha", "gamma"]) == ["alpha", "gamma"]
    with pytest.raises(KeyError, match="unknown sources: delta"):
        wording.in_source_order(project, ["delta"])


def test_story_spans_break_date_ties_by_file_order_not_by_id(project):
    spans = records.story_spans(project)
    march = list(spans.loc[spans["date"] == "2019-03", "event_id"])
    # all three start on 1 March 2019; the file tells bank, rejection, gold in that order
    assert march == ["bank_sanctioned", "maduro_rejects", "gold_sanctioned"]
    assert spans["start"].is_monotonic_increasing


def test_theme_events_one_row_per_event_in_date_order(project):
    table = thematic.theme_events(project, "background")
    assert list(table.columns) == ["Date", "What happened", "Type", "Actors", "Aimed at",
                                   "Sources", "In the sources' words"]  # fmt: skip
    assert table.loc[0, "In the sources' words"] == (
        "Alpha: “words of alpha on backing_maduro”; Beta: “words of beta on backing_maduro”"
    )
    assert list(table["Date"]) == ["2019", "January 2019", "23 January 2019"]
    assert table.loc[0, "Sources"] == "Alpha, Beta"
    assert table.loc[1, "Actors"] == "US Treasury"
    with pytest.raises(ValueError, match="unknown theme"):
        thematic.theme_events(project, "economy")


def test_event_reports_follow_the_given_events_then_source_order(project):
    table = records.event_reports(project, ["warning", "landing"])
    assert list(table["Event"]) == ["warning", "landing", "landing", "landing"]
    assert list(table["Source"]) == ["Gamma", "Alpha", "Beta", "Gamma"]
    assert table.loc[2, "Date given"] == "23 March 2019 (inferred)"
    assert table.loc[1, "The source's words"] == "words of alpha on landing"
    with pytest.raises(KeyError):
        records.event_reports(project, ["landing", "nothing"])
    readable = records.event_reports(project, ["warning", "landing"], summaries=True)
    assert list(readable.columns) == ["What happened", *table.columns[1:]]
    assert readable["What happened"].iloc[0] == records.best_report(project, "warning")["summary"]


def test_own_reports_give_each_report_its_own_summary(project):
    table = records.own_reports(project, "landing")
    assert list(table.columns) == ["Source", "What this report says", "Date given",
                                   "The source's words"]  # fmt: skip
    assert list(table["Source"]) == ["Alpha", "Beta", "Gamma"]
    rows = project.events[project.events["event_id"] == "landing"].set_index("source_id")
    assert list(table["What this report says"]) == list(rows.loc[["alpha", "beta", "gamma"],
                                                                 "summary"])  # fmt: skip
    with pytest.raises(KeyError):
        records.own_reports(project, "nothing")


# --- claims and sizes ------------------------------------------------------------------------


def test_claim_values_bounds_and_reports(project):
    assert records.claim_value(project, "troops") == 99
    assert records.claim_value(project, "troops", "gamma") == 100
    assert records.claim_bounds(project, "cuban_forces") == (20000, 25000)
    assert records.claim_bounds(project, "troops", "beta") == (100, 100)
    reports = records.claim_reports(project, ["cubans", "troops"])
    assert list(reports["Value"]) == ["more than 20,000 people", "99 troops", "nearly 100 troops",
                                      "100 troops"]  # fmt: skip
    with pytest.raises(KeyError):
        records.claim_value(project, "troops", "nowhere")
    with pytest.raises(KeyError):
        records.claim_reports(project, ["nothing"])


def test_force_sizes_orders_by_fact_then_source_with_hedged_intervals(project):
    sizes = thematic.force_sizes(project.claims, ["cubans", "troops", "cuban_forces"],
                              ["gamma", "beta", "alpha"], {"alpha": "A"})  # fmt: skip
    assert list(zip(sizes["fact_id"], sizes["source_id"], strict=True)) == [
        ("cubans", "alpha"), ("troops", "gamma"), ("troops", "beta"), ("troops", "alpha"),
        ("cuban_forces", "alpha"),
    ]  # fmt: skip
    cubans = sizes.iloc[0]
    assert cubans["low"] == 20000 and cubans["high"] > 20000 and cubans["source"] == "A"
    nearly = sizes.iloc[2]
    assert nearly["low"] < 100 and nearly["high"] == 100 and nearly["source"] == "beta"
    assert tuple(sizes.iloc[4][["low", "high", "display"]]) == (20000, 25000, "20,000–25,000")


def test_multi_source_facts_keep_the_frame_order(project):
    sizes = thematic.force_sizes(project.claims, ["planes", "cubans", "troops"],
                              ["alpha", "beta", "gamma"])  # fmt: skip
    assert thematic.multi_source_facts(sizes) == ["planes", "troops"]
    assert thematic.multi_source_facts(sizes[sizes["fact_id"] == "cubans"]) == []


def test_force_sizes_refuses_unknown_facts_and_unlisted_sources(project):
    with pytest.raises(KeyError, match="nothing"):
        thematic.force_sizes(project.claims, ["nothing"], ["alpha"])
    with pytest.raises(KeyError, match="not listed: beta, gamma"):
        thematic.force_sizes(project.claims, ["troops"], ["alpha"])


def test_report_status_marks_the_majority_form(project):
    sizes = thematic.force_sizes(project.claims, ["troops", "planes", "cubans"],
                              ["alpha", "beta", "gamma"])  # fmt: skip
    status = thematic.report_status(sizes)
    # 99, nearly 100 and 100: three different forms, no majority
    assert {status[("troops", s)] for s in ("alpha", "beta", "gamma")} == {thematic.DIFFERS}
    assert status[("planes", "beta")] == status[("planes", "gamma")] == thematic.AS_MOST
    assert status[("cubans", "alpha")] == thematic.ONLY


def test_report_status_majority_and_outlier():
    claims = frame([claim("t", 100, "alpha"), claim("t", 100, "beta"), claim("t", 99, "gamma")])
    sizes = thematic.force_sizes(claims, ["t"], ["alpha", "beta", "gamma"])
    status = thematic.report_status(sizes)
    assert [status[("t", s)] for s in ("alpha", "beta", "gamma")] == [
        thematic.AS_MOST, thematic.AS_MOST, thematic.DIFFERS
    ]  # fmt: skip


def test_report_grids_cover_every_source(project):
    sizes = thematic.force_sizes(project.claims, ["planes", "cubans"], ["alpha", "beta", "gamma"])
    labels = {"alpha": "A", "beta": "B", "gamma": "G"}
    grid = thematic.report_grid(sizes, ["alpha", "beta", "gamma"], labels)
    status = thematic.report_status_grid(sizes, ["alpha", "beta", "gamma"], labels)
    assert list(grid.index) == list(status.index) == ["A", "B", "G"]
    assert list(grid.columns) == ["Troops in planes", "Cubans working"]
    assert list(grid["Troops in planes"]) == ["not stated", "2 planes", "2 planes"]
    assert list(grid["Cubans working"]) == ["more than 20,000 people", "not stated", "not stated"]
    assert list(status["Cubans working"]) == [
        thematic.ONLY,
        thematic.NOT_STATED,
        thematic.NOT_STATED,
    ]


# --- sanctions and answers -------------------------------------------------------------------


def test_sanction_matrix_counts_distinct_events_per_cell(project):
    names = wording.actor_names(project)
    matrix = thematic.sanction_matrix(project.events, names)
    # the bank sanction is told twice but counts once; troika names Bolton and the US
    assert matrix.loc["A bank", "United States"] == 1
    assert matrix.loc["Maduro government", "John Bolton"] == 1
    assert matrix.loc["Maduro government", "United States"] == 1
    assert matrix.loc["Maduro government", "US Treasury"] == 1
    assert list(matrix.index) == ["Maduro government", "Venezuela", "A bank"]
    assert list(matrix.columns) == ["United States", "John Bolton", "US Treasury"]


def test_sanction_matrix_through_countries_counts_an_event_once_per_state(project):
    matrix = thematic.sanction_matrix(
        project.events, wording.actor_names(project), wording.actor_countries(project)
    )
    assert list(matrix.columns) == ["United States"]
    # gold (Treasury) and troika (Bolton and the US): two events, not three
    assert matrix.loc["Maduro government", "United States"] == 2
    assert int(matrix.to_numpy().sum()) == 4


def test_sanction_matrix_without_sanctions_is_empty(project):
    events = project.events[project.events["event_type"] != "SANCTION"]
    assert thematic.sanction_matrix(events).empty


def test_sanction_counts_count_each_event_once_per_sanctioner(project):
    names, countries = wording.actor_names(project), wording.actor_countries(project)
    assert thematic.sanction_counts(project.events, names, countries).to_dict() == {
        "United States": 3
    }
    by_actor = thematic.sanction_counts(project.events, names)
    assert by_actor.to_dict() == {"United States": 2, "John Bolton": 1, "US Treasury": 1}
    assert thematic.sanction_counts(project.events.iloc[0:0]).empty


def test_sanction_table_lists_sanctions_in_date_order(project):
    table = thematic.sanction_table(project)
    assert list(table["Measure"]) == ["bank_sanctioned happens.", "gold_sanctioned happens.",
                                      "troika happens."]  # fmt: skip
    assert table.loc[2, "Imposed by"] == "John Bolton and United States"
    assert table.loc[2, "On"] == "Maduro government and Venezuela"
    assert table.loc[0, "Sources"] == "Alpha, Beta"
    assert table.loc[2, "In the sources' words"] == "Alpha: “words of alpha on troika”"
    assert thematic.sanction_table(project, "military").empty
    with pytest.raises(ValueError, match="unknown theme"):
        thematic.sanction_table(project, "oil")


def test_responses_are_the_targets_answers_in_date_order(project):
    table = thematic.responses(project, ("maduro", "gov"))
    assert list(table["Date"]) == ["March 2019", "April 2019"]
    assert list(table["Who answered"]) == ["Maduro government", "Nicolás Maduro"]
    assert list(table["Source"]) == ["Alpha", "Beta"]
    # the ACCUSE event is in another theme; asking for it there finds it
    assert len(thematic.responses(project, ("maduro",), theme="military")) == 1
    assert thematic.responses(project, ("ru",)).empty
    with pytest.raises(ValueError, match="unknown theme"):
        thematic.responses(project, ("maduro",), theme="nowhere")


# --- stances and camps -----------------------------------------------------------------------


SIDES = {"maduro": ("maduro", "gov"), "guaido": ("guaido",)}


def test_support_reports_count_bodies_as_their_state_and_skip_domestic_backing(project):
    reports = thematic.support_reports(project, SIDES)
    assert list(zip(reports["actor_id"], reports["side"], reports["source_id"], strict=True)) == [
        ("ru", "maduro", "alpha"), ("ru", "maduro", "beta"), ("us", "guaido", "beta"),
    ]  # fmt: skip
    # the National Assembly (Venezuelan) declaring Guaidó is not foreign backing
    assert "ve" not in set(reports["actor_id"])
    only_states = thematic.support_reports(project, SIDES, through=())
    assert list(only_states["actor_id"]) == ["ru", "ru"]


def test_stance_matrix_one_row_per_actor_and_side(project):
    reports = thematic.support_reports(project, SIDES)
    matrix = thematic.stance_matrix(reports, ["alpha", "beta", "gamma"])
    assert list(matrix.columns) == ["name", "side", "alpha", "beta", "gamma", "n_sources"]
    assert list(matrix["name"]) == ["Russia", "United States"]
    assert matrix.loc[0, ["alpha", "beta", "gamma"]].tolist() == [True, True, False]
    assert list(matrix["n_sources"]) == [2, 1]


def test_event_camps_need_one_camp_among_the_actors():
    spans = pd.DataFrame(
        {"event_id": ["a", "b", "c", "d"],
         "actors": [("x",), ("x", "y"), ("x", "n"), ("n", "unknown")]}
    )  # fmt: skip
    camps = pd.DataFrame({"actor_id": ["x", "y", "n"], "camp": ["maduro", "guaido", "none"]})
    assert records.event_camps(spans, camps) == {"a": "maduro", "b": "none", "c": "maduro",
                                               "d": "none"}  # fmt: skip


def test_acting_camps_follow_the_signed_network():
    # the network's seeds are the real principals, so this project names them by their real ids
    rows = (
        EVENT_ROWS.replace(",maduro,", ",nicolas_maduro,")
        .replace(",gov,", ",maduro_government,")
        .replace(",gov|", ",maduro_government|")
    )
    real_ids = {"maduro": "nicolas_maduro", "gov": "maduro_government"}
    actors = [(real_ids.get(a, a), *rest) for a, *rest in ACTORS]
    project = make_project(events=parse_events(rows), actors=actors)
    camps = records.acting_camps(project)
    assert set(camps) == set(project.events["event_id"])
    # Russia aids and backs Maduro: its landing is in Maduro's camp; the US warns Russia
    assert camps["landing"] == "maduro"
    assert camps["warning"] == "guaido"


def test_month_window_is_half_open_and_refuses_bad_months():
    assert records.month_window("2019-03") == ("2019-03-01", "2019-04-01")
    assert records.month_window("2019-12") == ("2019-12-01", "2020-01-01")
    for bad in ("2019-13", "2019", "March"):
        with pytest.raises(ValueError):
            records.month_window(bad)


def test_in_window_keeps_events_lying_wholly_inside(project):
    spans = records.story_spans(project)
    inside = spans.loc[records.in_window(spans, "2019-03-01", "2019-04-01"), "event_id"]
    assert set(inside) == {"landing", "warning", "bank_sanctioned", "maduro_rejects",
                           "gold_sanctioned"}  # fmt: skip


def test_report_actors_keep_each_sources_own_actors(project):
    event_id = project.events["event_id"].iloc[0]
    by_source = records.report_actors(project, event_id)
    rows = project.events[project.events["event_id"] == event_id]
    assert set(by_source) == set(rows["source_id"])
    assert list(by_source) == records.event_sources(project, event_id)
    for source_id, actors in by_source.items():
        assert actors == tuple(rows.loc[rows["source_id"] == source_id, "actors"].iloc[0])
    with pytest.raises(KeyError):
        records.report_actors(project, "no_such_event")


@pytest.mark.parametrize(
    ("name", "text"),
    [("United States", "the United States"), ("United Kingdom", "the United Kingdom"),
     ("Russia", "Russia"), ("Canada", "Canada")],
)  # fmt: skip
def test_with_article_puts_the_before_the_names_that_take_it(name, text):
    assert wording.with_article(name) == text
