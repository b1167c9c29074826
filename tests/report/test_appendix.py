"""Tests of the appendix tables (crisis.appendix) and of the appendix's download links."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from crisis.analysis.export import NAMES
from crisis.data.codebook import DATE_BASES, DATE_PRECISIONS, EVENT_TYPES, THEMES
from crisis.report.chapters import appendix

ROOT = Path(__file__).resolve().parents[2]


def _write_descriptor(root: Path, resources: list[dict]) -> Path:
    (root / "data").mkdir(parents=True, exist_ok=True)
    path = root / "data" / "datapackage.json"
    path.write_text(json.dumps({"name": "t", "resources": resources}), encoding="utf-8")
    return root


TOY = [
    {
        "name": "things",
        "path": "things.csv",
        "schema": {
            "fields": [
                {"name": "id", "type": "string", "description": "Slug.",
                 "constraints": {"required": True, "unique": True, "pattern": "^[a-z]+$"}},
                {"name": "colour", "type": "string",
                 "constraints": {"enum": ["red", "blue"]}},
                {"name": "parent", "type": "string", "description": "Another thing."},
            ],
            "primaryKey": "id",
            "foreignKeys": [{"fields": "parent", "reference": {"resource": "", "fields": "id"}}],
        },
    }
]  # fmt: skip


# --- codebook -------------------------------------------------------------------------------


def test_codebook_table_has_every_event_type_with_its_sign():
    table = appendix.codebook_table()
    assert list(table["Event type"]) == list(EVENT_TYPES)
    for row in table.itertuples(index=False):
        event_type = EVENT_TYPES[row[0]]
        assert row.Score == event_type.score
        assert row.Tie == ("positive" if event_type.score > 0 else "negative")
        assert row.Modes == (", ".join(event_type.modes) or "—")


def test_vocabulary_table_lists_themes_precisions_and_bases():
    table = appendix.vocabulary_table()
    expected = [*THEMES, *DATE_PRECISIONS, *DATE_BASES]
    assert list(table["Value"]) == expected
    assert set(table["Field"]) == {"theme", "date_precision", "date_basis"}
    meaning = table.set_index("Value")["Meaning"]
    # 'on Monday' is inferred when the text fixes the week, borrowed when it does not
    assert "fixes the week" in meaning["inferred"] and "no week fixed" in meaning["borrowed"]
    assert "episode" in meaning["borrowed"]


# --- schema ---------------------------------------------------------------------------------


def test_schema_tables_cover_every_resource_and_field_of_the_real_package():
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    tables = appendix.schema_tables(ROOT)
    assert list(tables) == [r["path"] for r in descriptor["resources"]]
    for resource in descriptor["resources"]:
        fields = resource["schema"]["fields"]
        table = tables[resource["path"]]
        assert list(table["Field"]) == [f["name"] for f in fields]
        required = [bool(f.get("constraints", {}).get("required")) for f in fields]
        assert list(table["Required"] == "yes") == required


def test_schema_tables_spell_out_enum_pattern_and_unique(tmp_path):
    table = appendix.schema_tables(_write_descriptor(tmp_path, TOY))["things.csv"]
    rules = dict(zip(table["Field"], table["Rules"], strict=True))
    assert rules == {"id": "pattern ^[a-z]+$; unique", "colour": "one of red, blue", "parent": ""}
    assert list(table["Meaning"]) == ["Slug.", "", "Another thing."]


def test_keys_table_accepts_string_keys_and_self_references(tmp_path):
    table = appendix.keys_table(_write_descriptor(tmp_path, TOY))
    assert table.to_dict("records") == [
        {"Table": "things.csv", "Key": "primary key", "Fields": "id"},
        {"Table": "things.csv", "Key": "foreign key", "Fields": "parent → things.id"},
    ]


def test_keys_table_of_the_real_package_names_each_primary_key():
    table = appendix.keys_table(ROOT)
    primary = table[table["Key"] == "primary key"].set_index("Table")["Fields"]
    assert primary["events.csv"] == "event_id, source_id"
    assert primary["claims.csv"] == "fact_id, source_id"


def test_a_missing_descriptor_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no data package descriptor"):
        appendix.schema_tables(tmp_path)


def test_resource_paths_in_descriptor_order(tmp_path):
    assert appendix.resource_paths(_write_descriptor(tmp_path, TOY)) == ["things.csv"]


# --- the data check -------------------------------------------------------------------------


def test_check_summary_adds_up(tiny):
    """On the tiny project: whether the committed data passes is test_project_data's concern."""
    summary = appendix.check_summary(tiny).set_index("Measure")["Count"]
    assert (
        summary["dated sentences"] == summary["covered by events"] + summary["covered by waivers"]
    )
    assert summary["events"] <= summary["event reports"]
    assert summary["facts"] <= summary["claims"]


def test_check_summary_refuses_broken_data(tmp_path):
    for folder in ("data", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    events = tmp_path / "data" / "events.csv"
    text = events.read_text(encoding="utf-8")
    events.write_text(
        text.replace("was sworn in on 10 January", "was crowned on 10 January"), "utf-8"
    )
    with pytest.raises(ValueError, match="the data check fails"):
        appendix.check_summary(tmp_path)


def test_coverage_by_source_counts_what_covers_each_dated_sentence():
    coverage = pd.DataFrame(
        {"source_id": ["s1", "s1", "s1", "s2"], "covered_by": ["event", "waiver", "", "event"]}
    )
    table = appendix.coverage_by_source(coverage, {"s1": "One", "s2": "Two", "s3": "Three"})
    assert table.to_dict("records") == [
        {"Source": "One", "Dated sentences": 3, "Quoted by an event": 1, "Waived": 1,
         "Not covered": 1},
        {"Source": "Two", "Dated sentences": 1, "Quoted by an event": 1, "Waived": 0,
         "Not covered": 0},
        {"Source": "Three", "Dated sentences": 0, "Quoted by an event": 0, "Waived": 0,
         "Not covered": 0},
    ]  # fmt: skip


def test_coverage_by_source_rejects_an_unknown_source():
    coverage = pd.DataFrame({"source_id": ["ghost"], "covered_by": ["event"]})
    with pytest.raises(ValueError, match="unknown source"):
        appendix.coverage_by_source(coverage, {"s1": "One"})


def test_waivers_table_uses_source_labels():
    waivers = pd.DataFrame({"source_id": ["s1"], "sentence": ["In 1947."], "reason": ["Old."]})
    table = appendix.waivers_table(waivers, {"s1": "One"})
    assert table.to_dict("records") == [
        {"Source": "One", "Dated sentence": "In 1947.", "Why no event quotes it": "Old."}
    ]


def test_waiver_reasons_lose_their_raw_identifiers():
    reason = "A count over 'the past five years', coded in claims.csv (venezuelans_fled); it dates."
    assert appendix.readable_reason(reason) == (
        "A count over 'the past five years', coded in claims.csv; it dates."
    )
    assert appendix.readable_reason("Old (1947).") == "Old (1947)."


# --- downloads ------------------------------------------------------------------------------


def test_generated_dir_is_inside_the_book_and_ignored_by_git():
    assert appendix.generated_dir(ROOT) == ROOT / "book" / "_generated"
    assert "book/_generated/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_appendix_offers_every_data_table_and_every_derived_table_for_download():
    notebook = nbformat.read(ROOT / "book" / "appendix.ipynb", as_version=4)
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    for path in appendix.resource_paths(ROOT):
        assert f"<../data/{path}>`" in markdown, path
    for name in NAMES:
        assert f"<_generated/{name}.csv>`" in markdown, name


def _coded_reports() -> pd.DataFrame:
    """Five reports of three events: bases, scopes, an actorless report, a context event."""
    return pd.DataFrame(
        {
            "event_id": ["a", "a", "b", "b", "c"],
            "source_id": ["s1", "s2", "s1", "s2", "s1"],
            "date_basis": ["stated", "inferred", "stated", "borrowed", "inferred"],
            "scope": ["crisis", "crisis", "crisis", "crisis", "context"],
            "actors": [("x",), ("x",), ("y",), (), ("z",)],
        }
    )


def test_coding_summary_counts_bases_scopes_own_dates_and_actorless_reports():
    from types import SimpleNamespace

    events = _coded_reports()
    table = appendix.coding_summary(SimpleNamespace(events=events))
    assert table["Count"].tolist() == [2, 2, 1, 2, 1, 2, 1, 1]
    assert not any(m[0].islower() for m in table["Measure"])


def test_readable_check_summary_capitalises_the_measures():
    table = appendix.readable_check_summary(ROOT)
    assert table["Measure"].iloc[0] == "Sources"
    assert table["Count"].tolist() == appendix.check_summary(ROOT)["Count"].tolist()


def test_guard_table_names_pages_and_adds_a_total():
    table = appendix.guard_table(
        {"index": 2, "sources": 3}, {"index": "Home", "sources": "Sources"}
    )
    assert table.to_dict("list") == {
        "Page": ["Home", "Sources", "All pages"],
        "Prose guards": [2, 3, 5],
    }
    with pytest.raises(KeyError):
        appendix.guard_table({"ghost": 1}, {})


def test_page_titles_read_the_first_heading(tmp_path):
    titled, bare = tmp_path / "a.ipynb", tmp_path / "b.ipynb"
    titled.write_text(json.dumps({"cells": [
        {"cell_type": "code", "source": ["# not a heading"]},
        {"cell_type": "markdown", "source": ["Intro\n", "# The title\n", "## Sub"]},
    ]}), encoding="utf-8")  # fmt: skip
    bare.write_text(json.dumps({"cells": []}), encoding="utf-8")
    assert appendix.page_titles([titled, bare]) == {"a": "The title", "b": "b"}


def test_toc_notebooks_follow_the_table_of_contents(tmp_path):
    (tmp_path / "book").mkdir()
    for name in ("index", "b", "a"):
        (tmp_path / "book" / f"{name}.ipynb").write_text("{}", encoding="utf-8")
    (tmp_path / "_toc.yml").write_text(
        "root: book/index\nparts:\n  - chapters:\n      - file: book/b\n      - file: book/refs\n"
        "      - file: book/a\n",
        encoding="utf-8",
    )
    assert [p.stem for p in appendix.toc_notebooks(tmp_path)] == ["index", "b", "a"]


def test_coding_selections_hold_the_rows_coding_summary_counts():
    from types import SimpleNamespace

    events = _coded_reports()
    project = SimpleNamespace(events=events)
    selections = appendix.coding_selections(project)
    table = appendix.coding_summary(project)
    assert list(selections) == table["Measure"].tolist()
    assert [len(rows) for rows in selections.values()] == table["Count"].tolist()
    assert list(selections["Event reports with a date borrowed from another source"].index) == [3]
    assert list(selections["Events told by several sources"]["event_id"]) == ["a", "b"]
    assert list(selections["… of them dated by two or more from their own text"]["event_id"]) == [
        "a"
    ]
    assert list(selections["Events told as background or aside (scope context)"]["event_id"]) == [
        "c"
    ]


def test_coverage_evidence_gives_each_dated_sentence_and_what_covers_it():
    coverage = pd.DataFrame(
        {
            "source_id": ["s1", "s1", "s2"],
            "sentence": ["In 2019 it happened.", "=== 2019 ===", "Guaido's day in 2020."],
            "dates": ["2019", "2019", "2020"],
            "covered_by": ["event", "waiver", "waiver"],
        }
    )
    waivers = pd.DataFrame(
        {
            "source_id": ["s1", "s2"],
            "sentence": ["=== 2019 ===", "Guaido’s day in 2020."],
            "reason": ["A heading (x_y).", "A summary."],
        }
    )
    rows = appendix.coverage_evidence(coverage, waivers)
    assert list(rows.columns) == ["source_id", "quote", "coding"]
    assert list(rows["quote"]) == list(coverage["sentence"])
    assert rows["coding"].tolist() == [
        "dates: 2019; quoted by an event",
        "dates: 2019; waived: A heading.",
        "dates: 2020; waived: A summary.",
    ]


def test_every_real_count_of_the_coverage_evidence_matches_the_table():
    from crisis.data.load import load_project
    from crisis.report.wording import source_labels

    project = load_project(ROOT)
    rows = appendix.coverage_evidence(project.coverage, project.waivers)
    table = appendix.coverage_by_source(project.coverage, source_labels(project))
    assert len(rows) == table["Dated sentences"].sum()
    assert rows["coding"].str.contains("; waived: ").sum() == table["Waived"].sum()
    assert not rows["coding"].str.endswith("waived").any()
