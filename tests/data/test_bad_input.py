"""One test per kind of broken input: ``python -m crisis check`` names the exact FILE:ROW.

Each case breaks the valid tiny project (tests/conftest.py) in one way, runs
``crisis.cli.main(["check", ROOT])`` and asserts the exit code 1, the exact lines printed and
that no traceback escapes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import append, drop_line, edit

Breaker = Callable[[Path], None]
WEEK = "seeds/001_f264443a0b98e616.txt"


def _line(path: Path, number: int) -> str:
    """The physical line ``number`` (1-based) of a text file, without its line end."""
    return path.read_text(encoding="utf-8").splitlines()[number - 1]


def write_bytes(path: Path, data: bytes) -> None:
    """Overwrite a file with raw bytes."""
    path.write_bytes(data)


def not_utf8(root: Path) -> None:
    """Put a Latin-1 byte into line 6 of events.csv."""
    path = root / "data/events.csv"
    path.write_bytes(path.read_bytes().replace(b"Pompeo phones", b"Pompeo \xe9 phones"))


CASES: dict[str, tuple[Breaker, list[str]]] = {
    "missing file": (
        lambda r: (r / "data/claims.csv").unlink(),
        ["data/claims.csv: file is missing"],
    ),
    "empty file": (
        lambda r: write_bytes(r / "data/claims.csv", b""),
        ["data/claims.csv: file is empty (expected a header row)"],
    ),
    "not UTF-8": (not_utf8, ["data/events.csv:6: not valid UTF-8 (byte 0xe9)"]),
    "missing column": (
        lambda r: edit(r / "data/claims.csv", "value,value_max,unit", "value,unit"),
        ["data/claims.csv:1: missing column 'value_max'"],
    ),
    "unknown column": (
        lambda r: edit(r / "data/coverage_waivers.csv", ",reason\n", ",reasons\n"),
        [
            "data/coverage_waivers.csv:1: missing column 'reason'",
            "data/coverage_waivers.csv:1: unknown column 'reasons'",
        ],
    ),
    "duplicated column": (
        lambda r: edit(r / "data/claims.csv", "value,value_max,unit", "value,value,unit"),
        [
            "data/claims.csv:1: column 'value' appears twice",
            "data/claims.csv:1: missing column 'value_max'",
        ],
    ),
    "columns out of order": (
        lambda r: edit(
            r / "data/coverage_waivers.csv", "source_id,sentence,", "sentence,source_id,"
        ),
        ["data/coverage_waivers.csv:1: columns must be in this order: source_id, sentence, reason"],
    ),
    "wrong number of cells": (
        lambda r: edit(r / "data/claims.csv", "cargo_landed,35,", "cargo_landed,35,,"),
        ["data/claims.csv:4: 13 cells, expected 12"],
    ),
    "duplicate primary key": (
        lambda r: append(r / "data/events.csv", _line(r / "data/events.csv", 2)),
        [
            "data/events.csv:10: duplicate key (event_id, source_id) = "
            "(russian_planes_land, the_week), first at line 2"
        ],
    ),
    "duplicate actor id": (
        lambda r: append(r / "data/actors.csv", "russia,Russia,state,,Russia,D.,participant"),
        ["data/actors.csv:14: duplicate key actor_id 'russia', first at line 2"],
    ),
    "repeated unique field": (
        lambda r: edit(r / "data/sources.csv", "news,State Dept provoked", "news,The Week"),
        ["data/sources.csv:3: repeated label 'The Week', first at line 2"],
    ),
    "bad enum": (
        lambda r: edit(r / "data/events.csv", "2019-03,month,inferred", "2019-03,week,inferred"),
        ["data/events.csv:7: date_precision 'week' is not one of year, month, day"],
    ),
    "bad pattern": (
        lambda r: edit(r / "data/events.csv", "caricom_meets_guaido,", "Caricom-meets,"),
        [
            "data/events.csv:7: event_id 'Caricom-meets' does not match the pattern "
            "^[a-z0-9]+(_[a-z0-9]+)*$"
        ],
    ),
    "required cell empty": (
        lambda r: edit(r / "data/claims.csv", "cargo landed with the troops", ""),
        ["data/claims.csv:4: subject is required but empty"],
    ),
    "date disagrees with precision": (
        lambda r: edit(r / "data/events.csv", "2019-03,month,inferred", "2019-03,day,inferred"),
        ["data/events.csv:7: date '2019-03' has month precision but date_precision is 'day'"],
    ),
    "impossible date": (
        lambda r: edit(r / "data/events.csv", "2019-03-25,day", "2019-02-30,day"),
        ["data/events.csv:6: date '2019-02-30' is not a calendar date"],
    ),
    "impossible claim date": (
        lambda r: edit(r / "data/claims.csv", ",2019,russia,", ",2019-04-31,russia,"),
        ["data/claims.csv:5: date '2019-04-31' is not a calendar date"],
    ),
    "unknown actor id": (
        lambda r: edit(r / "data/events.csv", "mike_pompeo,sergei_lavrov", "mike_pompeo,lavrov"),
        ["data/events.csv:6: recipients: 'lavrov' is not in data/actors.csv"],
    ),
    "actor is its own recipient": (
        lambda r: edit(
            r / "data/events.csv", "mike_pompeo,sergei_lavrov", "mike_pompeo,mike_pompeo"
        ),
        ["data/events.csv:6: 'mike_pompeo' is both actor and recipient"],
    ),
    "unknown source id": (
        lambda r: edit(r / "data/claims.csv", ",,state_dept_provoked,a deploy", ",,bbc,a deploy"),
        ["data/claims.csv:3: source_id 'bbc' is not in data/sources.csv"],
    ),
    "unknown attributed_to": (
        lambda r: edit(r / "data/claims.csv", "russia,,the_week", "russia,putin,the_week"),
        ["data/claims.csv:5: attributed_to 'putin' is not in data/actors.csv"],
    ),
    "unknown country": (
        lambda r: edit(r / "data/actors.csv", "person,russia,Maria", "person,rusia,Maria"),
        ["data/actors.csv:8: country 'rusia' is not in data/actors.csv"],
    ),
    "quote not verbatim": (
        lambda r: edit(r / "data/claims.csv", "35 tonnes of material", "35 tons of material"),
        ["data/claims.csv:4: quote not found in source 'state_dept_provoked'"],
    ),
    "quote from another source": (
        lambda r: edit(
            r / "data/claims.csv", "the_week,to a record low", "state_dept_provoked,to a record low"
        ),
        ["data/claims.csv:5: quote not found in source 'state_dept_provoked'"],
    ),
    "elided quote out of order": (
        lambda r: edit(
            r / "data/events.csv",
            '"Juan Guaido claimed in January that he was constitutionally bound to take charge '
            '... He declared himself president later that month"',
            '"He declared himself president later that month ... Juan Guaido claimed in January"',
        ),
        [
            "data/events.csv:4: quote not found in source 'the_week' (this part is missing or "
            'out of order: "Juan Guaido claimed in January")'
        ],
    ),
    "actor not found in any source": (
        lambda r: append(
            r / "data/actors.csv", "xi_jinping,Xi Jinping,person,,Xi Jinping|Xi,Leader.,participant"
        ),
        ["data/actors.csv:14: actor 'xi_jinping' is not named in any source"],
    ),
    "alias matched only inside a word": (
        lambda r: append(r / "data/actors.csv", "rus,Rus,state,,Rus,Part of Russia.,participant"),
        ["data/actors.csv:14: actor 'rus' is not named in any source"],
    ),
    "alias shared by two actors": (
        lambda r: edit(
            r / "data/actors.csv", "Mike Pompeo,US Secretary", "Mike Pompeo|Trump,US Secretary"
        ),
        [
            "data/actors.csv:9: alias 'Trump' of 'mike_pompeo' also belongs to 'donald_trump' "
            "(line 12)",
            "data/actors.csv:12: alias 'Trump' of 'donald_trump' also belongs to 'mike_pompeo' "
            "(line 9)",
        ],
    ),
    "uncovered dated sentence": (
        lambda r: drop_line(r / "data/events.csv", "us_backs_guaido,"),
        [
            f"{WEEK}:57: dated sentence not covered by any event or waiver: "
            '"Hot on the heels of the UK, Canada and the majority of other South American coun…"'
        ],
    ),
    "uncovered dated sentence after a waiver is removed": (
        lambda r: drop_line(r / "data/coverage_waivers.csv", 'state_dept_provoked,"Last Friday'),
        [
            "seeds/003_9d10a45d5acd1919.txt:21: dated sentence not covered by any event or waiver: "
            '"Last Friday, a select group of four Caribbean Community (CARICOM) leaders met wi…"'
        ],
    ),
    "stale waiver": (
        lambda r: append(r / "data/coverage_waivers.csv", "the_week,In 2030 nothing happened.,No."),
        ["data/coverage_waivers.csv:5: waived sentence not found in source 'the_week'"],
    ),
    "mode not in codebook": (
        lambda r: edit(r / "data/events.csv", "CONSULT,phone", "CONSULT,military"),
        [
            "data/events.csv:6: mode 'military' is not a mode of CONSULT "
            "(visit, third-party, multilateral, phone)"
        ],
    ),
    "bad number in claims.value": (
        lambda r: edit(r / "data/claims.csv", "cargo_landed,35,", "cargo_landed,35t,"),
        ["data/claims.csv:4: value '35t' is not a valid number"],
    ),
    "non-finite number": (
        lambda r: edit(r / "data/claims.csv", "cargo_landed,35,", "cargo_landed,inf,"),
        ["data/claims.csv:4: value 'inf' is not finite"],
    ),
    "range upside down": (
        lambda r: edit(r / "data/claims.csv", "cargo_landed,35,", "cargo_landed,35,20"),
        ["data/claims.csv:4: value_max '20' is less than value '35'"],
    ),
    # --- the agreement rule: claims ---
    "claim value not stated by the quote": (
        lambda r: edit(r / "data/claims.csv", "cargo_landed,35,", "cargo_landed,36,"),
        ["data/claims.csv:4: value '36' is not a number the quote states (the quote states: 35)"],
    ),
    "claim range not stated by the quote": (
        lambda r: edit(r / "data/claims.csv", "cargo_landed,35,,", "cargo_landed,35,40,"),
        [
            "data/claims.csv:4: value '35' to value_max '40' is not a range the quote states "
            "(the quote states: 35)"
        ],
    ),
    "claim hedge dropped": (
        lambda r: edit(r / "data/claims.csv", "100,,troops,nearly,", "100,,troops,,"),
        ["data/claims.csv:2: hedge is empty but the quote says 'nearly 100'"],
    ),
    "claim hedge not the quote's": (
        lambda r: edit(r / "data/claims.csv", "100,,troops,nearly,", "100,,troops,about,"),
        ["data/claims.csv:2: hedge 'about' is not the quote's hedge 'nearly' ('nearly 100')"],
    ),
    "claim hedge not in the quote": (
        lambda r: edit(r / "data/claims.csv", "100,,troops,,", "100,,troops,over,"),
        ["data/claims.csv:3: hedge 'over' is not in the quote"],
    ),
    "hedge the schema allows but the analysis does not know": (
        lambda r: (
            edit(r / "data/datapackage.json", '"less than"', '"less than", "give or take"'),
            edit(r / "data/claims.csv", "100,,troops,,", "100,,troops,give or take,"),
        ),
        [
            "data/claims.csv:3: hedge 'give or take' is not in the codebook, so the analysis "
            "cannot use it",
            "data/claims.csv:3: hedge 'give or take' is not in the quote",
        ],
    ),
    # --- the agreement rule: dates ---
    "stated date not in the quote's sentence": (
        lambda r: edit(r / "data/events.csv", "2019-03,month,inferred", "2019-03,month,stated"),
        [
            "data/events.csv:7: date '2019-03' is not stated in the quote's sentence "
            "(make the basis inferred or borrowed, with a note)"
        ],
    ),
    "stated date differs from the sentence's": (
        lambda r: edit(r / "data/events.csv", "2018-05,month,stated", "2018-06,month,stated"),
        [
            "data/events.csv:9: date '2018-06' is not stated in the quote's sentence "
            "(make the basis inferred or borrowed, with a note)"
        ],
    ),
    "stated date of the wrong form": (
        lambda r: edit(r / "data/events.csv", "2018-05,month,stated", "2018-13,month,stated"),
        [
            "data/events.csv:9: date '2018-13' does not match the pattern "
            "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
        ],
    ),
    "inferred date without a note": (
        lambda r: edit(r / "data/events.csv", ",The Monday after the landing.", ","),
        ["data/events.csv:6: date_basis 'inferred' needs a note saying how"],
    ),
    "borrowed date without a note": (
        lambda r: edit(r / "data/events.csv", ",Borrowed from state_dept_provoked.", ","),
        ["data/events.csv:2: date_basis 'borrowed' needs a note naming the source it comes from"],
    ),
    "borrowed date whose note names no other source": (
        lambda r: edit(r / "data/events.csv", "from state_dept_provoked.", "from the other one."),
        [
            "data/events.csv:2: borrowed date: the note names none of the other sources of the "
            "event (state_dept_provoked)"
        ],
    ),
    "borrowed date that is not the lender's": (
        lambda r: edit(r / "data/events.csv", "2019-03-23,day,borrowed", "2019-03-24,day,borrowed"),
        [
            "data/events.csv:2: borrowed date '2019-03-24' is not the date of the report of "
            "'state_dept_provoked' (line 3: '2019-03-23')"
        ],
    ),
    "borrowed date of an event no other source reports": (
        lambda r: edit(
            r / "data/events.csv",
            "2019-01,month,inferred,crisis,background,SUPPORT",
            "2019-01,month,borrowed,crisis,background,SUPPORT",
        ),
        ["data/events.csv:5: date_basis 'borrowed' but no other source reports 'us_backs_guaido'"],
    ),
    "date basis the schema allows but the analysis does not know": (
        lambda r: (
            edit(r / "data/datapackage.json", '"inferred"', '"inferred", "guessed"'),
            edit(r / "data/events.csv", "2019-03,month,inferred", "2019-03,month,guessed"),
        ),
        [
            "data/events.csv:7: date_basis 'guessed' is not in the codebook, so the analysis "
            "cannot use it"
        ],
    ),
    # --- the agreement rule: actors ---
    "actor not named in the quote's sentence": (
        lambda r: edit(r / "data/events.csv", "phone,mike_pompeo,", "phone,donald_trump,"),
        [
            "data/events.csv:6: actors: 'donald_trump' is not named in the quote's sentence "
            "(nor identified in the note as 'donald_trump: ...')"
        ],
    ),
    "recipient not named in the quote's sentence": (
        lambda r: edit(r / "data/events.csv", "caricom,juan_guaido,", "caricom,nicolas_maduro,"),
        [
            "data/events.csv:7: recipients: 'nicolas_maduro' is not named in the quote's "
            "sentence (nor identified in the note as 'nicolas_maduro: ...')"
        ],
    ),
    "note that no longer identifies an actor": (
        lambda r: edit(r / "data/events.csv", " united_states: 'the Trump", " 'the Trump"),
        [
            "data/events.csv:5: actors: 'united_states' is not named in the quote's sentence "
            "(nor identified in the note as 'united_states: ...')"
        ],
    ),
    # --- one gate: what the analysis would refuse ---
    "reports of one event with different types": (
        lambda r: edit(
            r / "data/events.csv",
            "military,AID,military,russia,venezuela,Two Russian planes land in Caracas.,state_dept",
            "military,MOBILIZE,troops,"
            "russia,venezuela,Two Russian planes land in Caracas.,state_dept",
        ),
        [
            "data/events.csv:3: event_type 'MOBILIZE' differs from 'AID' in the report of the "
            "same event at line 2"
        ],
    ),  # fmt: skip
    "reports of one event with different themes": (
        lambda r: edit(
            r / "data/events.csv", "inferred,crisis,military,", "inferred,crisis,russia,"
        ),
        [
            "data/events.csv:3: theme 'russia' differs from 'military' in the report of the "
            "same event at line 2"
        ],
    ),
    "reports of one event with different scopes": (
        lambda r: edit(
            r / "data/events.csv", "inferred,crisis,military,", "inferred,context,military,"
        ),
        [
            "data/events.csv:3: scope 'context' differs from 'crisis' in the report of the "
            "same event at line 2"
        ],
    ),
    "country that is not a state": (
        lambda r: edit(r / "data/actors.csv", "person,russia,Maria", "person,caricom,Maria"),
        [
            "data/actors.csv:8: country 'caricom' is an actor of kind 'international_org', "
            "not a state"
        ],
    ),
    "seed file missing": (
        lambda r: (r / "seeds/003_9d10a45d5acd1919.txt").unlink(),
        ["data/sources.csv:3: file 'seeds/003_9d10a45d5acd1919.txt' does not exist"],
    ),
    "title not in the text": (
        lambda r: edit(r / "data/sources.csv", "Why are Russian troops", "Why are Russian tanks"),
        ["data/sources.csv:2: title 'Why are Russian tanks in Venezuela?' is not in the text"],
    ),
    "outlet not in the text": (
        lambda r: edit(r / "data/sources.csv", ",The Week,news", ",The Weekly,news"),
        ["data/sources.csv:2: outlet 'The Weekly' is not in the text"],
    ),
    "unclosed quote": (
        lambda r: edit(r / "data/claims.csv", ",,percent,,public", ',,percent,,"public'),
        ["data/claims.csv:5: 6 cells, expected 12 (a quote may be unclosed)"],
    ),
    "descriptor without resources": (
        lambda r: (r / "data/datapackage.json").write_text("{}", encoding="utf-8"),
        ["data/datapackage.json: must be an object with a list of 'resources'"],
    ),
    "descriptor not JSON": (
        lambda r: (r / "data/datapackage.json").write_text("{", encoding="utf-8"),
        [],  # the JSON error text comes from the json module; checked by prefix below
    ),
    "schema unusable": (
        lambda r: edit(r / "data/datapackage.json", '"type": "number"', '"type": "numeral"', 2),
        [],  # frictionless words the reason; checked by prefix below
    ),
}

PREFIXED = {
    "descriptor not JSON": "data/datapackage.json: not valid JSON (",
    "schema unusable": "data/datapackage.json: the schema cannot be used: ",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_input_is_reported_at_its_line(case: str, tiny: Path, run_cli) -> None:
    breaker, expected = CASES[case]
    breaker(tiny)
    code, out, err = run_cli("check", str(tiny))
    assert code == 1
    assert "Traceback" not in out + err
    lines = out.splitlines()
    if case in PREFIXED:
        assert len(lines) == 1 and lines[0].startswith(PREFIXED[case])
    else:
        assert lines == expected
    assert err.strip() == f"{len(lines)} problem(s) found."


def test_every_problem_is_reported_at_once_and_sorted(tiny: Path, run_cli) -> None:
    for case in ("bad enum", "quote not verbatim", "unknown actor id", "stale waiver"):
        CASES[case][0](tiny)
    code, out, _ = run_cli("check", str(tiny))
    assert code == 1
    assert out.splitlines() == [
        "data/claims.csv:4: quote not found in source 'state_dept_provoked'",
        "data/coverage_waivers.csv:5: waived sentence not found in source 'the_week'",
        "data/events.csv:6: recipients: 'lavrov' is not in data/actors.csv",
        "data/events.csv:7: date_precision 'week' is not one of year, month, day",
    ]


def test_problems_in_one_row_are_all_reported(tiny: Path, run_cli) -> None:
    edit(
        tiny / "data/claims.csv",
        "cargo_landed,35,,tonnes,,cargo landed with the troops,2019-03,military,,state_dept",
        "cargo_landed,lots,,kilos,,cargo landed with the troops,2019-3,military,nobody,state_dept",
    )
    code, out, _ = run_cli("check", str(tiny))
    assert code == 1
    assert out.splitlines() == [
        "data/claims.csv:4: attributed_to 'nobody' is not in data/actors.csv",
        "data/claims.csv:4: date '2019-3' does not match the pattern "
        "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
        "data/claims.csv:4: unit 'kilos' is not one of people, troops, personnel, planes, "
        "tonnes, tons, usd, percent, countries, years",
        "data/claims.csv:4: value 'lots' is not a valid number",
    ]


def test_line_numbers_count_physical_lines_of_multiline_records(tiny: Path, run_cli) -> None:
    edit(tiny / "data/claims.csv", "cargo landed with the troops", '"cargo landed\nwith troops"')
    edit(tiny / "data/claims.csv", "putin_approval,33.4,", "putin_approval,x,")
    code, out, _ = run_cli("check", str(tiny))
    assert code == 1
    assert out.splitlines() == ["data/claims.csv:6: value 'x' is not a valid number"]


def test_blank_lines_are_skipped_but_counted(tiny: Path, run_cli) -> None:
    edit(tiny / "data/claims.csv", "\ncargo_landed,35,", "\n\n\ncargo_landed,35t,")
    code, out, _ = run_cli("check", str(tiny))
    assert code == 1
    assert out.splitlines() == ["data/claims.csv:6: value '35t' is not a valid number"]


def test_a_table_that_cannot_be_read_skips_the_checks_that_need_it(tiny: Path, run_cli) -> None:
    (tiny / "data/actors.csv").unlink()
    edit(tiny / "data/events.csv", "mike_pompeo,sergei_lavrov", "mike_pompeo,lavrov")
    code, out, _ = run_cli("check", str(tiny))
    assert code == 1
    assert out.splitlines() == ["data/actors.csv: file is missing"]
