"""Time the book's builds and the data check at scale: ``make benchmark`` (not a test).

On a clean copy of the project (the files git knows of, in a temporary folder) it measures:

- the **floor**: every notebook executed alone, one after the other, plus a Sphinx build with
  notebook execution off: the least any build that executes every notebook can cost;
- the **clean build** (``jupyter-book build . -n -W --keep-going`` from nothing), a **no-op
  rebuild**, a **rebuild after one data edit** (one event report added), and **nbval**;

and prints them as a markdown table with the ratios and their goals: clean/floor <= 0.7 and
data-edit rebuild/floor <= 0.75 (the build executes the notebooks on every core), no-op/clean
<= 0.1, and whether the data edit shows in the rebuilt book (the landing page's glued count of
events goes up by one). The machine's load average before and after is printed too: other work
on the machine slows every step. With ``--repeats N`` the build steps run N times, each on a new
copy, and the least time of each step is kept.

Then it builds synthetic corpora 1x, 10x, 50x and 100x the size of the sources
(``benchmarks/synthetic.py``) and times the full data check (``crisis.data.check.run_checks``)
and ``crisis.analysis.mentions.find_mentions`` on each, with throughput and the log-log slope
(1 = linear).

Usage: ``python benchmarks/run.py [--skip-build] [--skip-scale] [--repeats N]
[--sizes 1,10,50,100]``.
The tables are also written to ``artifacts/benchmark.md``.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from crisis.build.notebooks import run as run_notebook

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "benchmarks")]

from support.project_copy import (  # noqa: E402
    BIN,
    Run,
    add_event_report,
    build_book,
    copy_project,
    event_count,
    executed_notebooks,
    glued_texts,
    project_env,
    run,
)
from synthetic import make_corpus  # noqa: E402

CLEAN_GOAL = 0.7
EDIT_GOAL = 0.75
NOOP_GOAL = 0.1
# nbval as `make nbval` runs it: on every core, each notebook's cells on one worker.
NBVAL = ("--nbval", "book/", "-n", "auto", "--dist", "loadfile", "-p", "no:cacheprovider", "-q")
NOEXEC_CONFIG = "_config_noexec.yml"
REPORT = ROOT / "artifacts" / "benchmark.md"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class Timing:
    """One measured step: its name, seconds, and a note (what it did)."""

    step: str
    seconds: float
    note: str = ""


def execute_alone(notebook: Path, root: Path) -> float:
    """Seconds to execute ``notebook`` alone with nbclient (kernel start included); not saved."""
    start = time.perf_counter()
    run_notebook(notebook, env=project_env(root))
    return time.perf_counter() - start


def write_noexec_config(root: Path) -> Path:
    """A copy of ``_config.yml`` with notebook execution off; returns its path."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    config.setdefault("execute", {})["execute_notebooks"] = "off"
    path = root / NOEXEC_CONFIG
    path.write_text(yaml.safe_dump(config, sort_keys=True), encoding="utf-8")
    return path


def checked(result: Run, step: str) -> Run:
    """``result`` if it succeeded; otherwise stop with the end of its output."""
    if result.returncode != 0:
        sys.exit(f"{step} failed:\n{result.output[-4000:]}")
    return result


def last_line(output: str) -> str:
    """The last non-empty line of a command's output, without terminal colours."""
    lines = [line for line in ANSI.sub("", output).splitlines() if line.strip()]
    return lines[-1].strip("= ") if lines else ""


def landing_count(root: Path) -> list[str]:
    """The glued texts of the built landing page of ``root``."""
    page = root / "_build" / "html" / "book" / "index.html"
    return glued_texts(page.read_text(encoding="utf-8"))


def edit_shows(before: list[str], after: list[str], events_before: int, events_after: int) -> bool:
    """True if the landing page's glued count of events went from the old to the new count."""
    if str(events_before) not in before or len(after) != len(before):
        return False
    return after[before.index(str(events_before))] == str(events_after)


def build_timings(root: Path, probe: str = "benchmark_probe") -> tuple[list[Timing], bool]:
    """Every build step of the module docstring, in order, on the project copy ``root``.

    Returns the timings and whether the data edit (event id ``probe``) showed in the book.
    """
    timings = []
    notebooks = sorted((root / "book").glob("*.ipynb"))
    alone = [Timing(f"execute {nb.name} alone", execute_alone(nb, root)) for nb in notebooks]
    timings += alone
    noexec = checked(
        build_book(root, "--config", str(write_noexec_config(root)), "--path-output", "_noexec"),
        "build without execution",
    )
    timings.append(Timing("Sphinx build, execution off", noexec.seconds))
    floor = sum(t.seconds for t in alone) + noexec.seconds
    timings.append(Timing("**floor** (notebooks alone + build without execution)", floor))
    nbval = run([str(BIN / "pytest"), *NBVAL], root)
    timings.append(
        Timing("nbval (strict, every notebook, -n auto)", nbval.seconds, last_line(nbval.output))
    )
    events = root / "data" / "events.csv"
    shown = False
    for step, edit in (
        ("clean build", False),
        ("no-op rebuild", False),
        ("rebuild after one data edit", True),
    ):
        if edit:
            before, count_before = landing_count(root), event_count(events)
            add_event_report(events, probe)
        result = checked(build_book(root), step)
        note = f"{len(executed_notebooks(result.output))} notebooks executed"
        if edit:
            shown = edit_shows(before, landing_count(root), count_before, event_count(events))
            note += "; the new event count shows" if shown else "; the new event count is MISSING"
        timings.append(Timing(step, result.seconds, note))
    return timings, shown


def least(runs: Sequence[list[Timing]]) -> list[Timing]:
    """Step by step, the run with the least seconds (steps in the order of the first run)."""
    return [min(steps, key=lambda t: t.seconds) for steps in zip(*runs, strict=True)]


def ratio_lines(timings: Sequence[Timing], shown: bool = True) -> list[str]:
    """The ratios of the build steps with their goals, and whether the data edit showed."""
    by = {t.step.split(" (")[0].strip("*"): t.seconds for t in timings}
    clean, floor, noop = by["clean build"], by["floor"], by["no-op rebuild"]
    edit = by["rebuild after one data edit"]
    lines = []
    for name, value, goal in (
        ("clean / floor", clean / floor, CLEAN_GOAL),
        ("data-edit rebuild / floor", edit / floor, EDIT_GOAL),
        ("no-op / clean", noop / clean, NOOP_GOAL),
    ):
        verdict = "met" if value <= goal else "NOT met"
        lines.append(f"- {name} = {value:.2f} (goal <= {goal}: {verdict})")
    lines.append(f"- the data edit shows in the rebuilt book: {'yes' if shown else 'NO'}")
    return lines


def load_line(when: str) -> str:
    """The machine's load average (1, 5, 15 minutes) and core count, for the report."""
    one, five, fifteen = os.getloadavg()
    return f"- load average {when}: {one:.1f}, {five:.1f}, {fifteen:.1f} ({os.cpu_count()} cores)"


def timing_table(timings: Sequence[Timing]) -> list[str]:
    """A markdown table of the build timings."""
    lines = ["| step | seconds | note |", "| --- | ---: | --- |"]
    lines += [f"| {t.step} | {t.seconds:.1f} | {t.note} |" for t in timings]
    return lines


def best_of(function: Callable[[], object], repeats: int) -> float:
    """The least seconds of ``repeats`` calls of ``function``."""
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def slope(sizes: Sequence[float], seconds: Sequence[float]) -> float:
    """The least-squares slope of log(seconds) against log(size): 1 is linear, 2 quadratic.

    Raises ValueError with fewer than two distinct sizes.
    """
    if len(set(sizes)) < 2:
        raise ValueError("a slope needs at least two distinct sizes")
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


@dataclass(frozen=True)
class ScalePoint:
    """The timings at one corpus size."""

    factor: int
    chars: int
    rows: int
    check: float
    load: float
    mentions: float
    n_mentions: int


def scale_point(factor: int, workdir: Path) -> ScalePoint:
    """Build the corpus ``factor`` times the sources and time check, load and mentions on it."""
    from crisis.analysis.mentions import find_mentions
    from crisis.data.check import run_checks
    from crisis.data.load import load_project

    root = workdir / f"corpus_{factor}x"
    size = make_corpus(ROOT, root, factor)
    repeats = 3 if factor <= 10 else 1
    problems = run_checks(root).problems
    if problems:
        sys.exit(f"the {factor}x corpus fails the check: {problems[:3]}")
    check = best_of(lambda: run_checks(root), repeats)
    start = time.perf_counter()
    project = load_project(root)
    load = time.perf_counter() - start
    mentions = best_of(lambda: find_mentions(project), 3)
    return ScalePoint(
        factor, size.chars, size.rows, check, load, mentions, len(find_mentions(project))
    )


def scale_table(points: Sequence[ScalePoint]) -> list[str]:
    """A markdown table of the scale timings, throughput and fitted exponents."""
    lines = [
        "| size | chars | rows | check s | check chars/s | check rows/s "
        "| load_project s | find_mentions s | mentions chars/s | mentions found |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for p in points:
        lines.append(
            f"| {p.factor}x | {p.chars:,} | {p.rows:,} | {p.check:.2f} | {p.chars / p.check:,.0f} "
            f"| {p.rows / p.check:,.0f} | {p.load:.2f} | {p.mentions:.3f} "
            f"| {p.chars / p.mentions:,.0f} | {p.n_mentions:,} |"
        )
    if len(points) >= 2:
        lines.append("")
        for name, pick in (
            ("check", lambda p: p.check),
            ("load_project", lambda p: p.load),
            ("find_mentions", lambda p: p.mentions),
        ):
            every = slope([p.chars for p in points], [pick(p) for p in points])
            large = [p for p in points if p.factor >= 10]
            tail = (
                f"; from 10x up: {slope([p.chars for p in large], [pick(p) for p in large]):.2f}"
                if len({p.factor for p in large}) >= 2
                else ""
            )
            lines.append(f"- log-log slope of {name} time vs size: {every:.2f}{tail}")
    return lines


def camps_section() -> list[str]:
    """CPU and wall seconds of the whole camp computation on the project's data
    (``crisis.analysis.camps.assess``: exact split, 1,000 null and 500 bootstrap draws,
    leave-one-source-out), one process; the goal is under 10 s of CPU."""
    from crisis.analysis.camps import BOOT_DRAWS, NULL_DRAWS, assess
    from crisis.data.load import load_project

    project = load_project(ROOT)
    cpu, wall = time.process_time(), time.perf_counter()
    assess(project.events, project.actors)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return [
        "## Camps",
        "",
        f"`camps.assess` ({NULL_DRAWS:,} null and {BOOT_DRAWS:,} bootstrap draws): "
        f"{cpu:.1f} s CPU, {wall:.1f} s wall (goal: under 10 s CPU).",
        "",
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print and save the tables. Returns 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="only the scale benchmark")
    parser.add_argument("--skip-scale", action="store_true", help="only the build benchmark")
    parser.add_argument("--sizes", default="1,10,50,100", help="corpus sizes, e.g. 1,10,50,100")
    parser.add_argument(
        "--repeats", type=int, default=1, help="build runs, each on a new copy; least time kept"
    )
    args = parser.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    report = ["# Benchmark", ""]
    with tempfile.TemporaryDirectory(prefix="crisis-bench-") as tmp:
        workdir = Path(tmp)
        if not args.skip_build:
            loads = [load_line("before")]
            runs, shown = [], []
            for repeat in range(max(1, args.repeats)):
                root = copy_project(workdir / f"project_{repeat}")
                timings, edit_shown = build_timings(root, f"benchmark_probe_{repeat}")
                runs.append(timings)
                shown.append(edit_shown)
            loads.append(load_line("after"))
            timings = least(runs)
            title = f"least of {len(runs)} runs" if len(runs) > 1 else "one run"
            report += [f"## Build ({title})", "", *timing_table(timings), ""]
            report += [*ratio_lines(timings, all(shown)), *loads, ""]
            print("\n".join(report), flush=True)
        if not args.skip_scale:
            points = []
            for factor in sizes:
                points.append(scale_point(factor, workdir))
                print(f"scale {factor}x done", file=sys.stderr, flush=True)
            section = ["## Scale (data check and mentions)", "", *scale_table(points), ""]
            print("\n".join(section))
            report += section
    section = camps_section()
    print("\n".join(section))
    report += section
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(report) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
