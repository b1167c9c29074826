"""The benchmark's synthetic corpus is valid data N times the size, and its slope fit is right."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import slope  # noqa: E402
from synthetic import copy_source, make_corpus, read_rows  # noqa: E402

from crisis.data.check import run_checks  # noqa: E402


def test_a_doubled_corpus_passes_the_check_with_twice_the_rows(tiny: Path, tmp_path: Path) -> None:
    """Built from the valid tiny project (whose borrowed date names its lender, renamed in each
    copy); the committed data's own validity is test_project_data's concern."""
    one = make_corpus(tiny, tmp_path / "one", 1)
    two = make_corpus(tiny, tmp_path / "two", 2)
    assert [str(p) for p in run_checks(tmp_path / "two").problems] == []
    assert two.chars == 2 * one.chars
    _, actors = read_rows(tiny / "data" / "actors.csv")
    assert two.rows - len(actors) == 2 * (one.rows - len(actors))
    _, sources = read_rows(tmp_path / "two" / "data" / "sources.csv")
    assert len({row["source_id"] for row in sources}) == len(sources)
    assert len(list((tmp_path / "two" / "seeds").glob("*.txt"))) == len(sources)


def test_a_source_copy_gets_a_new_id_file_and_label() -> None:
    row = {"source_id": "the_week", "file": "seeds/001_ab.txt", "label": "The Week", "kind": "news"}
    assert copy_source(row, 3) == {
        "source_id": "the_week_x3",
        "file": "seeds/001_ab_x3.txt",
        "label": "The Week #3",
        "kind": "news",
    }


def test_a_factor_below_one_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        make_corpus(ROOT, tmp_path / "zero", 0)
    assert not (tmp_path / "zero").exists()


def test_slope_is_the_power_of_the_growth() -> None:
    sizes = [1, 10, 50, 100]
    assert slope(sizes, [0.5 * s for s in sizes]) == pytest.approx(1.0)
    assert slope(sizes, [0.01 * s**2 for s in sizes]) == pytest.approx(2.0)
    with pytest.raises(ValueError, match="two distinct sizes"):
        slope([10, 10], [1.0, 2.0])
