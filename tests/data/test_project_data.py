"""The project's own data passes every check, quickly."""

from __future__ import annotations

import time
from pathlib import Path

from crisis.data.check import run_checks, summary
from crisis.data.load import load_project

ROOT = Path(__file__).resolve().parents[2]


def test_project_data_passes_the_check() -> None:
    problems = run_checks(ROOT).problems
    assert [str(p) for p in problems] == []


def test_check_of_the_whole_project_is_fast() -> None:
    run_checks(ROOT)  # the first run pays for importing frictionless
    started = time.perf_counter()
    run_checks(ROOT)
    assert time.perf_counter() - started < 3.0


def test_project_counts_are_consistent() -> None:
    counts = summary(run_checks(ROOT))
    assert counts["sources"] == len(list((ROOT / "seeds").glob("*.txt")))
    assert 0 < counts["events"] <= counts["event reports"]
    assert 0 < counts["facts"] <= counts["claims"]
    assert counts["dated sentences"] == counts["covered by events"] + counts["covered by waivers"]
    assert counts["covered by waivers"] <= counts["waivers"]


def test_project_loads_with_every_seed_text() -> None:
    project = load_project(ROOT)
    assert sorted(project.texts) == sorted(project.sources["source_id"])
    for row in project.sources.itertuples(index=False):
        assert project.texts[row.source_id] == (ROOT / row.file).read_text(encoding="utf-8")
