"""Tests of the build benchmark's report: its ratios, goals and the data-edit check."""

from __future__ import annotations

import run as benchmark
from run import Timing, edit_shows, least, ratio_lines


def _timings(clean: float, edit: float, noop: float, floor: float = 100.0) -> list[Timing]:
    return [
        Timing("**floor** (notebooks alone + build without execution)", floor),
        Timing("clean build", clean),
        Timing("no-op rebuild", noop),
        Timing("rebuild after one data edit", edit),
    ]


def test_goals_are_those_of_the_parallel_build():
    assert (benchmark.CLEAN_GOAL, benchmark.EDIT_GOAL, benchmark.NOOP_GOAL) == (0.7, 0.75, 0.1)


def test_ratios_are_met_within_the_goals():
    lines = ratio_lines(_timings(clean=60, edit=70, noop=5))
    assert lines == [
        "- clean / floor = 0.60 (goal <= 0.7: met)",
        "- data-edit rebuild / floor = 0.70 (goal <= 0.75: met)",
        "- no-op / clean = 0.08 (goal <= 0.1: met)",
        "- the data edit shows in the rebuilt book: yes",
    ]


def test_ratios_over_the_goals_and_a_missing_edit_are_reported():
    lines = ratio_lines(_timings(clean=90, edit=80, noop=10), shown=False)
    assert [line.endswith("NOT met)") for line in lines[:3]] == [True, True, True]
    assert lines[3].endswith("NO")


def test_least_keeps_each_steps_fastest_run():
    first = [Timing("a", 3.0, "x"), Timing("b", 1.0, "y")]
    second = [Timing("a", 2.0, "z"), Timing("b", 4.0, "w")]
    assert least([first, second]) == [Timing("a", 2.0, "z"), Timing("b", 1.0, "y")]


def test_edit_shows_only_when_the_count_moved_to_the_new_one():
    assert edit_shows(["x", "105", "7 May"], ["x", "106", "7 May"], 105, 106)
    assert not edit_shows(["x", "105"], ["x", "105"], 105, 106)
    assert not edit_shows(["x"], ["x"], 105, 106)
    assert not edit_shows(["x", "105"], ["106"], 105, 106)
