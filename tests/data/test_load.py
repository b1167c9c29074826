"""Tests of crisis.data.load: typed frames from a valid project, refusal of an invalid one."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from conftest import edit

from crisis.data.check import run_checks
from crisis.data.load import (
    Project,
    find_project_root,
    load_actors,
    load_claims,
    load_events,
    load_project,
    load_sources,
    load_waivers,
)
from crisis.data.problems import DataError

LISTS = {"actors": ["aliases"], "events": ["actors", "recipients"]}
NUMBERS = {"claims": ["value", "value_max"]}


@pytest.fixture
def project(tiny: Path) -> Project:
    return load_project(tiny)


@pytest.mark.parametrize("name", ["sources", "actors", "events", "claims", "waivers"])
def test_string_columns_hold_str_never_nan(project: Project, name: str) -> None:
    frame = getattr(project, name)
    special = {"row", *LISTS.get(name, []), *NUMBERS.get(name, [])}
    for column in frame.columns.difference(sorted(special)):
        assert all(type(v) is str for v in frame[column]), column
    assert not frame.drop(columns=NUMBERS.get(name, [])).isna().any().any()


def test_empty_cells_are_empty_strings(project: Project) -> None:
    assert project.events["mode"].tolist()[2:4] == ["", ""]
    assert project.actors.set_index("actor_id").loc["russia", "country"] == ""


def test_list_columns_are_tuples(project: Project) -> None:
    actors = project.actors.set_index("actor_id")
    assert actors.loc["russia", "aliases"] == ("Russia", "Moscow", "Kremlin")
    events = project.events
    assert events.loc[0, "actors"] == ("russia",)
    assert all(isinstance(v, tuple) for v in events["recipients"])


def test_empty_list_cell_is_an_empty_tuple(tiny: Path) -> None:
    edit(tiny / "data/events.csv", "john_bolton,nicolas_maduro,", "john_bolton,,")
    events = load_project(tiny).events.set_index("event_id")
    assert events.loc["bolton_warns", "recipients"] == ()


def test_numbers_are_floats_with_nan_for_empty(project: Project) -> None:
    claims = project.claims
    assert claims["value"].dtype == float and claims["value_max"].dtype == float
    assert claims["value"].tolist() == [100.0, 100.0, 35.0, 33.4]
    assert all(math.isnan(v) for v in claims["value_max"])


def test_rows_keep_file_order_with_their_csv_lines(project: Project) -> None:
    assert project.events["row"].tolist() == [2, 3, 4, 5, 6, 7, 8, 9]
    assert project.events["row"].dtype == "int64"
    assert project.events["event_id"].tolist()[:2] == ["russian_planes_land"] * 2
    assert project.sources["source_id"].tolist() == ["the_week", "state_dept_provoked"]


def test_texts_are_the_raw_seeds(project: Project, tiny: Path) -> None:
    raw = (tiny / "seeds/001_f264443a0b98e616.txt").read_text(encoding="utf-8")
    assert project.texts["the_week"] == raw
    assert project.root == tiny


def test_coverage_comes_with_the_project(project: Project) -> None:
    assert isinstance(project.coverage, pd.DataFrame)
    assert len(project.coverage) == 12


def test_convenience_loaders(tiny: Path) -> None:
    assert load_sources(tiny)["source_id"].tolist() == ["the_week", "state_dept_provoked"]
    assert len(load_actors(tiny)) == 12
    assert len(load_events(tiny)) == 8
    assert len(load_claims(tiny)) == 4
    assert len(load_waivers(tiny)) == 3


def test_broken_project_is_refused_with_the_checks_problems(tiny: Path) -> None:
    edit(tiny / "data/claims.csv", "cargo_landed,35,", "cargo_landed,35t,")
    edit(tiny / "data/events.csv", "CONSULT,phone", "CONSULT,tank")
    with pytest.raises(DataError) as caught:
        load_project(tiny)
    assert caught.value.problems == run_checks(tiny).problems
    assert len(caught.value.problems) == 2
    assert (
        str(caught.value).splitlines()[0] == "data/claims.csv:4: value '35t' is not a valid number"
    )


def test_convenience_loaders_refuse_too(tiny: Path) -> None:
    (tiny / "data/claims.csv").unlink()
    with pytest.raises(DataError, match="data/claims.csv: file is missing"):
        load_sources(tiny)


def test_load_project_finds_the_root_from_the_working_folder(
    tiny: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tiny / "seeds")
    assert load_project().root == tiny.resolve()


def test_find_project_root_walks_up(tiny: Path) -> None:
    assert find_project_root(tiny / "seeds") == tiny.resolve()
    assert find_project_root(tiny) == tiny.resolve()


def test_find_project_root_outside_a_project(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no data/datapackage.json"):
        find_project_root(tmp_path)


def test_load_project_of_a_folder_that_is_not_a_project(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        load_project(tmp_path)
    assert [str(p) for p in caught.value.problems] == ["data/datapackage.json: file is missing"]
