"""Tests of crisis.analysis.corroboration on hand-built claims and events."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from support.frames import actors_frame, claim, claims_frame, events_frame, report

from crisis.analysis import corroboration as cor
from crisis.data.codebook import HEDGES

ROOT = Path(__file__).resolve().parents[2]

NAN = math.nan
THEMES = ["background", "military", "russia", "sanctions"]


# --- intervals and display ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "value_max", "hedge", "expected"),
    [
        (100, NAN, "", (100, 100)),
        (100, NAN, "about", (90, 110)),
        (100, NAN, "around", (90, 110)),
        (100, NAN, "some", (90, 110)),
        (100, NAN, "or so", (90, 110)),
        (100, NAN, "nearly", (90, 100)),
        (100, NAN, "just", (90, 100)),
        (100, NAN, "less than", (90, 100)),
        (100, NAN, "up to", (90, 100)),
        (100, NAN, "more than", (100, 110)),
        (100, NAN, "over", (100, 110)),
        (20000, 25000, "", (20000, 25000)),
        (20000, 25000, "about", (18000, 27500)),
        (-10, NAN, "about", (-11, -9)),
    ],
)
def test_interval_reads_hedges_and_ranges(value, value_max, hedge, expected):
    low, high = cor.interval(value, value_max, hedge)
    assert (low, high) == pytest.approx(expected)


def test_every_hedge_of_the_schema_has_bounds():
    descriptor = json.loads((ROOT / "data/datapackage.json").read_text(encoding="utf-8"))
    (claims,) = [r for r in descriptor["resources"] if r["name"] == "claims"]
    (hedge,) = [f for f in claims["schema"]["fields"] if f["name"] == "hedge"]
    assert set(hedge["constraints"]["enum"]) <= set(cor.HEDGE_BOUNDS)
    assert cor.HEDGE_BOUNDS is HEDGES  # one vocabulary, the codebook's, for check and analysis


@pytest.mark.parametrize(
    ("value", "value_max", "hedge", "message"),
    [
        (100, NAN, "give or take", "unknown hedge 'give or take'"),
        (NAN, NAN, "", "not a finite number"),
        (100, 50, "", "does not run upward"),
        (100, math.inf, "", "does not run upward"),
    ],
)
def test_interval_refuses_bad_reports(value, value_max, hedge, message):
    with pytest.raises(ValueError, match=message):
        cor.interval(value, value_max, hedge)


@pytest.mark.parametrize(
    ("value", "value_max", "hedge", "text"),
    [
        (100, NAN, "nearly", "nearly 100"),
        (3000000, NAN, "", "3,000,000"),
        (20000, 25000, "", "20,000–25,000"),
        (33.4, NAN, "", "33.4"),
        (1.5, 2.5, "about", "about 1.5–2.5"),
    ],
)
def test_display_value_shows_the_report_as_readers_read_it(value, value_max, hedge, text):
    assert cor.display_value(value, value_max, hedge) == text


# --- claims -------------------------------------------------------------------------------------


CLAIMS = claims_frame(
    claim("same", "a", 35, unit="tonnes"),
    claim("same", "b", 35, unit="tonnes"),
    claim("hedged", "a", 100, hedge="nearly"),
    claim("hedged", "b", 95),
    claim("close", "a", 100),
    claim("close", "b", 104),
    claim("apart", "b", 400),
    claim("apart", "a", 100, hedge="about"),
    claim("range", "a", 20000, 25000),
    claim("range", "c", 22000),
    claim("alone", "a", 7),
    claim("zeros", "a", 0),
    claim("zeros", "b", 0, hedge="about"),
)


def test_claim_table_has_one_row_per_report_with_interval_and_display():
    long = cor.claim_table(CLAIMS, {"a": "Source A"})
    assert len(long) == len(CLAIMS)
    assert list(long.columns) == [
        "fact_id",
        "source_id",
        "value",
        "value_max",
        "hedge",
        "unit",
        "subject",
        "low",
        "high",
        "display",
        "source",
    ]
    first = long.iloc[2]
    assert (first["low"], first["high"], first["display"]) == (90, 100, "nearly 100")
    assert list(long["source"][:2]) == ["Source A", "b"]  # unlabelled sources keep their id


def test_compare_claims_classifies_each_fact_reported_by_several_sources():
    comparison = cor.compare_claims(CLAIMS).set_index("fact_id")
    assert comparison["status"].to_dict() == {
        "apart": "conflict",
        "close": "within tolerance",  # 4 % apart, under the 5 % tolerance
        "hedged": "within tolerance",  # 'nearly 100' reaches down to 90
        "range": "within tolerance",  # 22,000 lies in the range
        "same": "agree",
        "zeros": "within tolerance",  # equal values, but one is hedged
    }
    assert "alone" not in comparison.index  # a fact told by one source is not compared
    assert list(comparison.index) == sorted(comparison.index)


def test_compare_claims_reports_values_spread_and_relative_spread():
    comparison = cor.compare_claims(CLAIMS, {"a": "A", "b": "B"}).set_index("fact_id")
    apart = comparison.loc["apart"]
    assert apart["values"] == "B: 400; A: about 100"  # in the claims' order
    assert (apart["min"], apart["max"], apart["spread"]) == (100, 400, 300)
    assert apart["rel_spread"] == 0.75
    assert apart["n_sources"] == 2 and apart["unit"] == "troops"
    assert comparison.loc["range", "max"] == 25000  # the top of a range counts
    assert comparison.loc["zeros", "rel_spread"] == 0  # no division by a zero maximum
    assert comparison.loc["same", "unit"] == "tonnes"


def test_compare_claims_calls_disjoint_hedged_intervals_a_conflict():
    claims = claims_frame(
        claim("x", "a", 100, hedge="more than"), claim("x", "b", 80, hedge="up to")
    )
    assert cor.compare_claims(claims)["status"].tolist() == ["conflict"]


def test_a_fact_told_in_different_units_is_not_comparable():
    claims = claims_frame(claim("x", "a", 35, unit="tonnes"), claim("x", "b", 35, unit="tons"))
    (row,) = cor.compare_claims(claims).to_dict("records")
    assert row["status"] == cor.NOT_COMPARABLE == "not comparable"
    assert row["unit"] == "tonnes | tons"
    assert row["values"] == "a: 35 tonnes; b: 35 tons"
    assert all(math.isnan(row[c]) for c in ("min", "max", "spread", "rel_spread"))


def test_compare_claims_without_shared_facts_is_empty_with_its_columns():
    comparison = cor.compare_claims(claims_frame(claim("x", "a", 1), claim("y", "b", 2)))
    assert comparison.empty
    assert list(comparison.columns)[:4] == ["fact_id", "subject", "unit", "n_sources"]
    assert list(comparison.columns)[-1] == "status"


# --- events -------------------------------------------------------------------------------------


EVENTS = events_frame(
    report("landing", source_id="a", date="2019-03-23", theme="russia"),
    report("landing", source_id="c", date="2019-03", theme="russia"),
    report("landing", source_id="c", date="2019-03", theme="russia"),  # a duplicate report
    report("wagner", source_id="a", date="2019-01-25", theme="military"),
    report("wagner", source_id="b", date="2019-01-26", theme="military"),
    report("vague", source_id="b", date="2019", theme="sanctions"),
    report("vague", source_id="a", date="2019-04-02", theme="sanctions"),
    report("moved", source_id="a", date="2019-03", theme="background"),
    report("moved", source_id="b", date="2019-04", theme="background"),
)


def test_event_corroboration_marks_each_source_and_compares_dates_at_the_coarser_precision():
    table = cor.event_corroboration(EVENTS, ["a", "b", "c"]).set_index("event_id")
    assert list(table.columns) == [
        "theme", "a", "b", "c", "n_sources", "dates", "dates_agree", "n_dated",
        "compared_at",
    ]  # fmt: skip
    assert table.loc["landing", ["a", "b", "c"]].tolist() == [True, False, True]
    assert table.loc["landing", "n_sources"] == 2
    assert table["dates_agree"].to_dict() == {
        "landing": True,  # 2019-03-23 lies in 2019-03
        "moved": False,
        "vague": True,  # 2019-04-02 lies in 2019
        "wagner": False,  # one day apart is a disagreement
    }
    assert table.loc["wagner", "dates"] == "a: 2019-01-25; b: 2019-01-26"
    assert table["compared_at"].to_dict() == {
        "landing": "month", "moved": "month", "vague": "year", "wagner": "day",
    }  # fmt: skip


def test_a_borrowed_date_is_no_evidence_of_agreement():
    events = events_frame(
        report("landing", source_id="a", date="2019-03-23"),
        report("landing", source_id="b", date="2019-03-23", basis="borrowed"),
        report("call", source_id="a", date="2019-03-25"),
        report("call", source_id="b", date="2019-03-23", basis="borrowed"),
    )
    table = cor.event_corroboration(events, ["a", "b"]).set_index("event_id")
    assert table.loc["landing", "dates"] == "a: 2019-03-23; b: 2019-03-23 (borrowed)"
    # one own date: nothing to disagree with; the borrowed one counts neither way
    assert table["dates_agree"].to_dict() == {"call": True, "landing": True}
    assert table["n_dated"].to_dict() == {"call": 1, "landing": 1}


def test_event_corroboration_refuses_a_source_outside_the_list():
    with pytest.raises(ValueError, match="sources not in the list: c"):
        cor.event_corroboration(EVENTS, ["a", "b"])


def test_event_corroboration_of_no_events_keeps_its_columns():
    table = cor.event_corroboration(events_frame(), ["a"])
    assert table.empty and "dates_agree" in table.columns and "a" in table.columns


def test_coverage_matrix_counts_distinct_events_per_source_and_theme():
    matrix = cor.coverage_matrix(EVENTS, ["c", "b", "a", "d"], THEMES)
    assert list(matrix.index) == ["c", "b", "a", "d"] and list(matrix.columns) == THEMES
    assert matrix.loc["c", "russia"] == 1  # two reports of one event count once
    assert matrix.loc["a"].to_dict() == {
        "background": 1,
        "military": 1,
        "russia": 1,
        "sanctions": 1,
    }
    assert matrix.loc["d"].sum() == 0


def test_coverage_matrix_refuses_unknown_sources_and_themes():
    with pytest.raises(ValueError, match="sources not in the list: b, c"):
        cor.coverage_matrix(EVENTS, ["a"], THEMES)
    with pytest.raises(ValueError, match="themes not in the list: background"):
        cor.coverage_matrix(EVENTS, ["a", "b", "c"], ["military", "russia", "sanctions"])


# --- attribution ----------------------------------------------------------------------------------


def _actors():
    frame = actors_frame(
        ("us", "state"), ("admin", "government_body"), ("pompeo", "person"),
        ("palladino", "person"), ("lavrov", "person"), ("kremlin", "government_body"),
    )  # fmt: skip
    frame["country"] = ["", "us", "us", "us", "", ""]
    return frame


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (("pompeo",), ("pompeo",), "same actors"),
        (("us",), ("admin",), "named at different levels"),
        (("lavrov",), ("lavrov", "kremlin"), "one names more"),
        (("pompeo",), ("palladino",), "different actors"),
        (("pompeo",), ("admin",), "different actors"),
    ],
)
def test_actor_agreement_tells_how_the_reports_credit_the_act(first, second, expected):
    events = events_frame(
        report("e", first, source_id="a"), report("e", second, source_id="b"),
        report("alone", ("us",), source_id="a"),
    )  # fmt: skip
    table = cor.actor_agreement(events, _actors())
    assert list(table["event_id"]) == ["e"]
    assert table["status"].iloc[0] == expected
    assert table["actors"].iloc[0] == f"a: {'|'.join(first)}; b: {'|'.join(second)}"


def test_actor_agreement_takes_the_strongest_difference_of_any_pair():
    events = events_frame(
        report("e", ("pompeo",), source_id="a"), report("e", ("us",), source_id="b"),
        report("e", ("palladino",), source_id="c"),
    )  # fmt: skip
    assert cor.actor_agreement(events, _actors())["status"].tolist() == ["different actors"]


def test_actor_agreement_refuses_an_unknown_actor():
    events = events_frame(report("e", ("nobody",), source_id="a"), report("e", source_id="b"))
    with pytest.raises(ValueError, match="nobody"):
        cor.actor_agreement(events, _actors())
