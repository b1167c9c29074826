"""Tests of crisis.analysis.export on the tiny valid project (tests/conftest.py): files, columns,
bytes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crisis.analysis import export
from crisis.data.load import load_project

COLUMNS = {
    "camps": ["actor_id", "camp", "support", "firm", "unique", "n_acts", "reason", "evidence"],
    "frustrated": ["a", "b", "camp_a", "camp_b", "event_id", "actor", "recipient", "source_ids"],
    "centrality": ["actor_id", "degree_pos", "pagerank_pos", "degree_neg", "pagerank_neg"],
    "timeline": ["event_id", "date", "date_precision", "start", "end", "source_ids"],
    "corroboration": ["fact_id", "values", "min", "max", "spread", "rel_spread", "status"],
    "mentions": ["actor_id", "source_id", "sentence_no", "alias", "start", "end", "sentence"],
}


def same_values(written: pd.Series, derived: pd.Series) -> bool:
    """Whether a column read back from CSV holds the derived column's values."""
    if pd.api.types.is_bool_dtype(derived.dtype):  # a missing value is written as an empty cell
        shown = ["" if pd.isna(v) else str(v) for v in derived]
        return written.astype(str).tolist() == shown
    if pd.api.types.is_numeric_dtype(derived.dtype):
        read = pd.to_numeric(written.replace("", np.nan)).astype(float)
        return bool(np.allclose(read, derived.astype(float), rtol=1e-9, equal_nan=True))
    return written.astype(str).tolist() == derived.astype(str).tolist()


def test_export_writes_each_table_with_its_columns(tiny: Path, tmp_path: Path):
    written = export.export_tables(load_project(tiny), tmp_path / "deep" / "out")
    assert [p.name for p in written] == [f"{name}.csv" for name in export.NAMES]
    for path in written:
        frame = pd.read_csv(path, keep_default_na=False)
        assert not frame.empty or path.stem == "frustrated", path.name
        assert set(COLUMNS[path.stem]) <= set(frame.columns), path.name


def test_export_twice_gives_identical_bytes(tiny: Path, tmp_path: Path):
    project = load_project(tiny)
    first = export.export_tables(project, tmp_path / "one")
    second = export.export_tables(load_project(tiny), tmp_path / "two")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
        assert b"\r\n" not in a.read_bytes()


def test_the_written_tables_are_the_derived_tables(tiny: Path, tmp_path: Path):
    project = load_project(tiny)
    tables = export.derived_tables(project)
    assert list(tables) == list(export.NAMES)
    for path in export.export_tables(project, tmp_path):
        derived = tables[path.stem]
        written = pd.read_csv(path, keep_default_na=False)
        assert list(written.columns) == list(derived.columns), path.name
        assert len(written) == len(derived), path.name
        for column in derived.columns:
            assert same_values(written[column], derived[column]), (path.name, column)


def test_derived_tables_place_the_principals_and_compare_shared_facts(tiny: Path):
    tables = export.derived_tables(load_project(tiny))
    camps = tables["camps"].set_index("actor_id")["camp"]
    reasons = tables["camps"].set_index("actor_id")["reason"]
    # Maduro anchors the sides but only receives acts in the tiny data: no camp of his own
    assert camps["nicolas_maduro"] == "none" and reasons["nicolas_maduro"] == "receives only"
    assert camps["juan_guaido"] == "guaido"  # he acts against Maduro
    assert camps["united_states"] == "guaido"  # it backs Guaidó in the tiny data
    assert list(tables["corroboration"]["fact_id"]) == ["russian_servicemen_landed"]
    assert tables["timeline"]["event_id"].is_unique


def test_write_csv_keeps_whole_numbers_whole(tmp_path: Path):
    path = export.write_csv(pd.DataFrame({"x": [3000000.0, 0.1 + 0.2, 1 / 3]}), tmp_path / "t.csv")
    assert path.read_text(encoding="utf-8") == "x\n3000000\n0.3\n0.3333333333\n"


def test_write_csv_refuses_unjoined_lists(tmp_path: Path):
    with pytest.raises(ValueError, match="column 'actors' holds lists"):
        export.write_csv(pd.DataFrame({"actors": [("a", "b")]}), tmp_path / "t.csv")
    assert not (tmp_path / "t.csv").exists()


def test_export_into_a_file_fails(tiny: Path, tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(FileExistsError):
        export.export_tables(load_project(tiny), blocker)


def test_writing_the_same_table_again_leaves_the_file_and_its_time(tmp_path: Path):
    import os

    frame = pd.DataFrame({"x": [1, 2]})
    path = export.write_csv(frame, tmp_path / "t.csv")
    os.utime(path, (1_000_000, 1_000_000))
    export.write_csv(frame, path)
    assert path.stat().st_mtime == 1_000_000
    export.write_csv(pd.DataFrame({"x": [1, 3]}), path)
    assert path.read_text(encoding="utf-8") == "x\n1\n3\n"
