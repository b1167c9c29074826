"""Tests of crisis.data.check and crisis.data.tables on the valid tiny project and on small
tables."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pandas as pd
import pytest
from conftest import TINY_SUMMARY, append, drop_line, edit

from crisis.data.check import (
    COVERAGE_COLUMNS,
    check_dates,
    check_numbers,
    check_shared_aliases,
    dated_sentences,
    number_value,
    run_checks,
    summary,
)
from crisis.data.problems import DataError, Problem
from crisis.data.tables import Table, descriptor_problems, read_descriptor, read_table

WEEK = "seeds/001_f264443a0b98e616.txt"
DEPT = "seeds/003_9d10a45d5acd1919.txt"

# --- Problem and DataError ------------------------------------------------------------------


def test_problem_prints_file_row_and_message() -> None:
    assert str(Problem("data/events.csv", 17, "bad")) == "data/events.csv:17: bad"
    assert (
        str(Problem("data/events.csv", 0, "file is missing")) == "data/events.csv: file is missing"
    )


def test_data_error_sorts_and_joins_its_problems() -> None:
    error = DataError([Problem("data/b.csv", 2, "y"), Problem("data/a.csv", 9, "x")])
    assert [p.file for p in error.problems] == ["data/a.csv", "data/b.csv"]
    assert str(error) == "data/a.csv:9: x\ndata/b.csv:2: y"


# --- the valid tiny project -----------------------------------------------------------------


def test_tiny_project_passes(tiny: Path) -> None:
    result = run_checks(tiny)
    assert result.problems == []
    assert set(result.texts) == {"the_week", "state_dept_provoked"}


def test_summary_counts(tiny: Path) -> None:
    assert summary(run_checks(tiny)) == TINY_SUMMARY


def test_coverage_table_lists_dated_sentences_and_what_covers_them(tiny: Path) -> None:
    coverage = dated_sentences(tiny)
    assert list(coverage.columns) == COVERAGE_COLUMNS
    week = coverage[coverage["source_id"] == "the_week"]
    assert list(week["line"]) == [29, 55, 55, 55, 57, 65]
    assert list(week["covered_by"]) == ["event", "event", "event", "event", "event", "waiver"]
    assert set(week["file"]) == {WEEK}
    may = week.iloc[1]
    assert may["sentence"].startswith("When Maduro was elected for a second term in May 2018")
    assert may["dates"] == "in May; 2018"
    assert list(coverage["source_id"]) == ["the_week"] * 6 + ["state_dept_provoked"] * 6


def test_elided_quote_covers_each_sentence_its_parts_touch(tiny: Path) -> None:
    drop_line(tiny / "data/events.csv", "opposition_rejects_election,")  # quotes the first one
    coverage = dated_sentences(tiny)
    line55 = coverage[(coverage["source_id"] == "the_week") & (coverage["line"] == 55)]
    by_start = dict(zip(line55["sentence"].str[:20], line55["covered_by"], strict=True))
    assert by_start == {
        "When Maduro was elec": "",
        "As leader of the cou": "event",
        "He declared himself ": "event",
    }


def test_a_quote_found_twice_covers_both_places(tiny: Path) -> None:
    seed = tiny / "seeds/001_f264443a0b98e616.txt"
    again = "\nAgain, the Trump administration declared its support for Guaido in January.\n"
    seed.write_text(seed.read_text(encoding="utf-8") + again, encoding="utf-8")
    coverage = dated_sentences(tiny)
    repeated = coverage[coverage["sentence"].str.startswith("Again,")]
    assert list(repeated["covered_by"]) == ["event"]
    assert run_checks(tiny).problems == []


def test_waiver_matches_sentence_after_normalisation(tiny: Path) -> None:
    edit(tiny / "data/coverage_waivers.csv", "Guaido’s behalf", "Guaido's   behalf")
    assert run_checks(tiny).problems == []


def test_waiver_must_match_the_whole_sentence(tiny: Path) -> None:
    edit(tiny / "data/coverage_waivers.csv", ", and more recently in Syria and Ukraine.", ".")
    lines = [str(p) for p in run_checks(tiny).problems]
    assert lines == [
        "data/coverage_waivers.csv:4: waived sentence not found in source 'state_dept_provoked'",
        f"{DEPT}:27: dated sentence not covered by any event or waiver: "
        '"Amid increased isolation, Moscow has expanded co-operation with Caracas, increas…"',
    ]


def test_byte_order_mark_is_tolerated(tiny: Path) -> None:
    path = tiny / "data/events.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert run_checks(tiny).problems == []


def test_header_only_table_is_valid(tiny: Path) -> None:
    path = tiny / "data/claims.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    result = run_checks(tiny)
    assert result.problems == []
    assert summary(result)["claims"] == 0


def test_quotes_match_across_quote_and_dash_styles(tiny: Path) -> None:
    append(
        tiny / "data/claims.csv",
        "putin_approval,33.4,,percent,,support,2019,russia,,the_week,"
        '"public support for Putin in Russia has dropped ""to a record low of 33.4%""",',
    )
    edit(
        tiny / "data/events.csv", "Venezuela's main airport", "Venezuela\u2019s  main\u00a0airport"
    )
    assert run_checks(tiny).problems == [
        Problem("data/claims.csv", 6, "duplicate key (fact_id, source_id) = "
                "(putin_approval, the_week), first at line 5"),
    ]  # fmt: skip


def test_check_never_opens_a_socket(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the check tried to use the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    edit(tiny / "data/claims.csv", ",,state_dept_provoked,a deploy", ",,bbc,a deploy")
    assert [str(p) for p in run_checks(tiny).problems] == [
        "data/claims.csv:3: source_id 'bbc' is not in data/sources.csv"
    ]


def test_problems_are_unique_and_sorted(tiny: Path) -> None:
    edit(tiny / "data/events.csv", "2019-03,month,inferred", "2019-03,week,inferred")
    edit(tiny / "data/claims.csv", "35 tonnes of material", "35 tons")
    problems = run_checks(tiny).problems
    assert problems == sorted(set(problems))
    assert [p.file for p in problems] == ["data/claims.csv", "data/events.csv"]


def test_coverage_is_absent_when_events_cannot_be_read(tiny: Path) -> None:
    (tiny / "data/events.csv").write_bytes(b"")
    result = run_checks(tiny)
    assert result.coverage is None
    assert dated_sentences(tiny).empty
    assert list(dated_sentences(tiny).columns) == COVERAGE_COLUMNS


# --- single checks on small tables ----------------------------------------------------------


def _table(name: str, rows: list[dict[str, str]]) -> Table:
    fields = list(rows[0]) if rows else []
    return Table(name, f"data/{name}.csv", fields, rows, list(range(2, len(rows) + 2)))


def test_check_dates() -> None:
    table = _table(
        "events",
        [
            {"date": "2019", "date_precision": "year"},
            {"date": "2019-02", "date_precision": "month"},
            {"date": "2019-02-28", "date_precision": "day"},
            {"date": "2020-02-29", "date_precision": "day"},
            {"date": "2019-02-29", "date_precision": "day"},
            {"date": "2019-02", "date_precision": "year"},
            {"date": "2019-02-30", "date_precision": "month"},
            {"date": "19-02", "date_precision": "month"},  # wrong form: the schema's pattern
            {"date": "2019", "date_precision": "decade"},  # not a precision: the schema's enum
        ],
    )
    assert [str(p) for p in check_dates(table)] == [
        "data/events.csv:6: date '2019-02-29' is not a calendar date",
        "data/events.csv:7: date '2019-02' has month precision but date_precision is 'year'",
        "data/events.csv:8: date '2019-02-30' is not a calendar date",
    ]


def test_check_numbers() -> None:
    rows = [
        {"value": "1", "value_max": ""},
        {"value": "1", "value_max": "2"},
        {"value": "nan", "value_max": ""},
        {"value": "5", "value_max": "-inf"},
        {"value": "x", "value_max": "3"},
    ]
    assert [str(p) for p in check_numbers(_table("claims", rows))] == [
        "data/claims.csv:4: value 'nan' is not finite",
        "data/claims.csv:5: value_max '-inf' is not finite",
        "data/claims.csv:5: value_max '-inf' is less than value '5'",
    ]


@pytest.mark.parametrize(
    ("cell", "value"),
    [("35", 35.0), (" 41900000 ", 41900000.0), ("1e3", 1000.0), ("-2.5", -2.5), ("", None)],
)
def test_number_value(cell: str, value: float | None) -> None:
    assert number_value(cell) == value


def test_number_value_refuses_words() -> None:
    assert number_value("35t") is None
    assert number_value("1,5") is None


def test_shared_alias_is_found_after_normalisation() -> None:
    rows = [
        {"actor_id": "a", "name": "Guaidó", "aliases": "Juan Guaidó"},
        {"actor_id": "b", "name": "Juan  Guaidó", "aliases": ""},
        {"actor_id": "c", "name": "C", "aliases": "C|C"},  # repeated within one actor: fine
    ]
    assert [str(p) for p in check_shared_aliases(_table("actors", rows))] == [
        "data/actors.csv:2: alias 'Juan Guaidó' of 'a' also belongs to 'b' (line 3)",
        "data/actors.csv:3: alias 'Juan Guaidó' of 'b' also belongs to 'a' (line 2)",
    ]


# --- reading tables and the descriptor ------------------------------------------------------

RESOURCE = {
    "name": "things",
    "path": "things.csv",
    "schema": {"fields": [{"name": "id", "type": "string"}, {"name": "n", "type": "number"}]},
}


def _read(tmp_path: Path, data: bytes) -> tuple[Table, list[str]]:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "things.csv").write_bytes(data)
    table, problems = read_table(tmp_path, RESOURCE)
    return table, [str(p) for p in problems]


def test_read_table_keeps_rows_and_their_physical_lines(tmp_path: Path) -> None:
    table, problems = _read(tmp_path, b'id,n\r\na,1\r\n\r\n"b\r\nc",2\r\nd,3\r\n')
    assert problems == []
    assert table.readable
    assert [r["id"] for r in table.rows] == ["a", "b\r\nc", "d"]
    assert table.lines == [2, 4, 6]


def test_read_table_reports_file_problems(tmp_path: Path) -> None:
    assert _read(tmp_path, b"   \n")[1] == ["data/things.csv:1: missing column 'id'",
                                            "data/things.csv:1: missing column 'n'",
                                            "data/things.csv:1: unknown column '   '"]  # fmt: skip
    table, problems = _read(tmp_path, b"id,n\na,1\nb\xff,2\n")
    assert problems == ["data/things.csv:3: not valid UTF-8 (byte 0xff)"]
    assert not table.readable
    table, problems = _read(tmp_path, b"id,n\na,1,2\nb,2\n")
    assert problems == ["data/things.csv:2: 3 cells, expected 2"]
    assert table.readable and [r["id"] for r in table.rows] == ["b"]


def test_read_table_reports_a_missing_file(tmp_path: Path) -> None:
    table, problems = read_table(tmp_path, RESOURCE)
    assert [str(p) for p in problems] == ["data/things.csv: file is missing"]
    assert not table.readable


def test_read_descriptor_of_the_project_is_usable() -> None:
    root = Path(__file__).resolve().parents[2]
    descriptor, problems = read_descriptor(root)
    assert problems == [] and descriptor is not None
    assert descriptor_problems(descriptor) == []


@pytest.mark.parametrize(
    ("descriptor", "first"),
    [
        ([], "must be an object with a list of 'resources'"),
        ({"resources": {}}, "must be an object with a list of 'resources'"),
        ({"resources": [7]}, "resource 1 needs a name, a path and schema.fields with names"),
        ({"resources": [{"name": "x", "path": "x.csv", "schema": {"fields": [{}]}}]},
         "resource 1 needs a name, a path and schema.fields with names"),
        ({"resources": [{"name": "sources", "path": "s.csv", "schema": {"fields": []}}]},
         "resource 'sources' lacks the field(s) source_id, file, title, outlet, label"),
        ({"resources": []}, "resource 'sources' is not described"),
    ],
)  # fmt: skip
def test_descriptor_problems(descriptor: object, first: str) -> None:
    assert descriptor_problems(descriptor)[0] == first


def test_descriptor_describing_a_resource_twice(tiny: Path) -> None:
    path = tiny / "data/datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"].append(descriptor["resources"][0])
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    assert [str(p) for p in run_checks(tiny).problems] == [
        "data/datapackage.json: resource 'sources' is described twice"
    ]


def test_coverage_frame_types(tiny: Path) -> None:
    coverage = dated_sentences(tiny)
    assert pd.api.types.is_integer_dtype(coverage["line"])
    assert set(coverage["covered_by"]) <= {"event", "waiver", ""}
