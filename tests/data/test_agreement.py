"""Tests of crisis.data.agreement on small inputs and of its conventions on the tiny project."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import DESCRIPTOR, TINY_SUMMARY, edit

from crisis.data.agreement import (
    claim_problems,
    is_derived,
    name_patterns,
    quote_contexts,
    read_sources,
    states_date,
)
from crisis.data.check import run_checks, summary
from crisis.data.tables import Table

SENTENCE = "On 23 March 2019, two Russian planes landed in Venezuela."


@pytest.mark.parametrize(
    ("sentence", "date", "stated"),
    [
        (SENTENCE, "2019-03-23", True),
        (SENTENCE, "2019-03", True),
        (SENTENCE, "2019", True),
        (SENTENCE, "2019-03-24", False),
        (SENTENCE, "2019-04", False),
        (SENTENCE, "2018", False),
        ("Trump met Rosales on March 27, 2019.", "2019-03-27", True),
        ("Trump met Rosales on March 27th 2019.", "2019-03-27", True),
        ("Trump met Rosales on Feb. 22, 2019.", "2019-02-22", True),
        ("on the 3rd of March 2019", "2019-03-03", True),
        ("on 13 March 2019", "2019-03-03", False),
        ("Bolton on March 23, declared via Twitter", "2019-03-23", False),  # no year: strict
        ("Two days later on 4 May, the government called", "2016-05-04", False),
        ("a bilateral agreement signed in May 2001", "2001-05", True),
        ("in 2016 the OAS met", "2016", True),
        ("in 20160 units", "2016", False),
        ("March 2019 polls", "2019-03", True),
        ("he may come in 2019", "2019-05", False),  # 'may' is not the month
    ],
)
def test_states_date(sentence: str, date: str, stated: bool) -> None:
    assert states_date(sentence, date) is stated


def problems(value: str, value_max: str | None, hedge: str, quote: str) -> list[str]:
    top = None if value_max is None else Decimal(value_max)
    return claim_problems(Decimal(value), top, hedge, quote)


@pytest.mark.parametrize(
    ("value", "value_max", "hedge", "quote"),
    [
        ("41900000", None, "", "USAID would allocate $41.9million of its fund"),
        ("9000000000", None, "over", "Russia has also invested over $9 billion"),
        ("100", None, "nearly", "nearly 100 Russian servicemen"),
        ("2", None, "", "two planes"),
        ("20000", "25000", "", "the 20,000 to 25,000 Cuban security forces"),
        ("100", "200", "", "between 100 and 200 troops"),
        ("1000", None, "", "a 1,000-strong force"),
        ("3.5", None, "", "a 3.5% rise"),
        ("15", None, "about", "only about 15% of Venezuelans"),
        ("100", None, "or so", "100 or so troops"),
        ("2", None, "", "two planes, then nearly 2 more"),  # one unhedged 2 is enough
    ],
)
def test_claims_that_agree_with_their_quote(value, value_max, hedge, quote) -> None:
    assert problems(value, value_max, hedge, quote) == []


@pytest.mark.parametrize(
    ("value", "value_max", "hedge", "quote", "message"),
    [
        ("41.9", None, "", "$41.9million", "value '41.9' is not a number the quote states "
         "(the quote states: 41900000)"),
        ("3", None, "", "a few planes", "value '3' is not a number the quote states "
         "(the quote states no number)"),
        ("20000", None, "", "20,000 to 25,000 Cubans",
         "value_max is empty but the quote states the range '20000 to 25000'"),
        ("25000", None, "", "20,000 to 25,000 Cubans",
         "value_max is empty but the quote states the range '20000 to 25000'"),
        ("20000", "30000", "", "20,000 to 25,000 Cubans", "value '20000' to value_max '30000' "
         "is not a range the quote states (the quote states: 20000 to 25000)"),
        ("100", None, "", "nearly 100 troops", "hedge is empty but the quote says 'nearly 100'"),
        ("100", None, "about", "nearly 100 troops",
         "hedge 'about' is not the quote's hedge 'nearly' ('nearly 100')"),
        ("100", None, "about", "100 troops", "hedge 'about' is not in the quote"),
    ],
)  # fmt: skip
def test_claims_that_disagree_with_their_quote(value, value_max, hedge, quote, message) -> None:
    assert problems(value, value_max, hedge, quote) == [message]


def test_a_hedge_the_quote_uses_elsewhere_is_accepted() -> None:
    assert problems("100", None, "about", "about a deployment of 100 troops") == []


@pytest.mark.parametrize(
    ("note", "derived"),
    [
        ("derived: 19.4 + 2 million", True),
        ("Derived: the sum of lines 4 and 5", True),
        ("A sum; derived: 4 + 5", True),
        ("underived: x", False),
        ("derived from the sum", False),
        ("", False),
    ],
)
def test_is_derived(note: str, derived: bool) -> None:
    assert is_derived(note) is derived


def test_quote_contexts_are_the_sentences_each_occurrence_touches() -> None:
    raw = "It began in 2019. Two planes landed. Then two planes left.\nTwo planes came back."
    source = read_sources({"s": raw})["s"]
    assert quote_contexts("two planes", source) == ["Then two planes left."]
    assert quote_contexts("planes", source) == [
        "Two planes landed.",
        "Then two planes left.",
        "Two planes came back.",
    ]
    assert quote_contexts("began in 2019. Two planes", source) == [
        "It began in 2019. Two planes landed."
    ]
    assert quote_contexts("It began ... came back", source) == [
        "It began in 2019. Two planes came back."
    ]
    assert quote_contexts("absent", source) == []


# --- the conventions on the tiny project ---------------------------------------------------------


def test_a_derived_value_passes_and_is_counted(tiny: Path) -> None:
    edit(
        tiny / "data/claims.csv",
        "cargo_landed,35,,tonnes,,cargo landed with the troops,2019-03,military,,"
        "state_dept_provoked,35 tonnes of material,",
        "cargo_landed,35000,,tonnes,,cargo landed with the troops,2019-03,military,,"
        "state_dept_provoked,35 tonnes of material,derived: 35 tonnes in kilograms",
    )
    result = run_checks(tiny)
    assert result.problems == []
    assert summary(result)["derived values"] == 1


def test_a_note_naming_the_actor_id_identifies_it(tiny: Path) -> None:
    edit(tiny / "data/events.csv", "phone,mike_pompeo,", "phone,donald_trump,")
    edit(tiny / "data/events.csv", "The Monday after the landing.", "donald_trump: 'the US'.")
    assert run_checks(tiny).problems == []


def test_a_lower_case_alias_is_found_at_the_start_of_a_sentence() -> None:
    actors = Table("actors", "data/actors.csv", ["actor_id", "name", "aliases"], readable=True)
    actors.rows = [{"actor_id": "opp", "name": "Venezuelan opposition", "aliases": "opposition"}]
    actors.lines = [2]
    pattern = name_patterns(actors)["opp"]
    assert pattern.search("Opposition deputies denounced")
    assert pattern.search("the opposition refused")
    assert not pattern.search("OPPOSITION")


def test_context_events_are_counted(tiny: Path) -> None:
    edit(
        tiny / "data/events.csv", "2019-03,month,inferred,crisis", "2019-03,month,inferred,context"
    )
    result = run_checks(tiny)
    assert result.problems == []
    counts = summary(result)
    assert (counts["crisis events"], counts["context events"]) == (6, 1)


def test_a_project_without_the_scope_column_passes_without_scope_counts(tiny: Path) -> None:
    """The data as it was before the scope column: the check runs and counts no scopes."""
    path = tiny / DESCRIPTOR
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    (events,) = [r for r in descriptor["resources"] if r["name"] == "events"]
    events["schema"]["fields"] = [f for f in events["schema"]["fields"] if f["name"] != "scope"]
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    table = tiny / "data/events.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    table.write_text(
        "".join(line.replace(",crisis,", ",", 1).replace(",scope,", ",", 1) for line in lines),
        encoding="utf-8",
    )
    result = run_checks(tiny)
    assert result.problems == []
    expected = {
        k: v for k, v in TINY_SUMMARY.items() if k not in ("crisis events", "context events")
    }
    assert summary(result) == expected


def test_a_borrowed_date_may_come_through_the_episode_the_text_ties_it_to():
    from crisis.data.agreement import _shifted, anchor_event, borrowed_problem

    reports = {"landing": {"enc": (3, {"date": "2019-03-23", "date_basis": "stated"})}}
    note = "Borrowed from enc via landing +5 days: 'five days after' the landing."
    assert anchor_event(note, reports) == "landing"
    assert anchor_event("Borrowed from enc via nothing_known", reports) is None
    assert _shifted("2019-03-23", note) == "2019-03-28"
    assert _shifted("2019-03", note) == "2019-03"  # only a day can move by days
    row = {"event_id": "remarks", "date": "2019-03-28", "note": note}
    assert borrowed_problem(row, reports["landing"]) == ""
    wrong = {**row, "date": "2019-03-27"}
    assert "is not the date of the report of 'enc' (line 3: '2019-03-28')" in borrowed_problem(
        wrong, reports["landing"]
    )
