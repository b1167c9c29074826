"""A clean copy of the project to build in, for the tests that build the book and the benchmark.

The copy holds the files git knows of (tracked, or new and not ignored) as they are in the work
tree: no ``_build``, ``.venv``, caches or artefacts. Builds in the copy run with the copy's
``src`` first on ``PYTHONPATH``, so the notebooks' kernels and the Sphinx extensions import the
copy's ``crisis`` package, not the one installed (editable) from the original tree.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BOOK_FLAGS = ("-n", "-W", "--keep-going")
EXECUTED = ": Executed notebook in "
# A line of a build's log that Sphinx logged at the level of a warning or above.
PROBLEM = re.compile(r"\b(WARNING|ERROR|CRITICAL): (.*)")
# A cross-reference Sphinx could not resolve: to a document, or to a label.
REFERENCE = re.compile(r"WARNING: (unknown document|undefined label): '([^']+)'")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# A glued value: plain glued text, or a number glued as a link to its evidence (``#ev-...``).
GLUED = re.compile(
    r'<span class="pasted-text">(.*?)</span>'
    r'|<a class="reference internal" href="#ev-[^"]*"><span class="std std-ref">(.*?)</span></a>',
    re.S,
)
IMAGE = re.compile(r'<img[^>]*\bsrc="([^"]+)"')


def project_files(root: Path = ROOT) -> list[str]:
    """The project's files as git sees them (tracked or untracked-but-not-ignored), sorted.

    Raises RuntimeError with git's message if ``root`` is not a git work tree.
    """
    result = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        message = result.stderr.decode(errors="replace").strip()
        raise RuntimeError(f"cannot list the project's files with git: {message}")
    names = {name for name in result.stdout.decode().split("\0") if name}
    return sorted(name for name in names if (root / name).is_file())


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    """Copy the project's files from ``root`` into ``dest`` (created); returns ``dest``."""
    for name in project_files(root):
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / name, target)
    return dest


def project_env(root: Path) -> dict[str, str]:
    """The environment for commands run in the copy ``root``: its ``src`` first on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(root / "src"), env.get("PYTHONPATH", "")) if p
    )
    return env


@dataclass(frozen=True)
class Run:
    """A finished command: its exit code, its output (stdout then stderr) and its duration."""

    returncode: int
    output: str
    seconds: float


def run(
    args: list[str], root: Path, timeout: float = 1800, env: dict[str, str] | None = None
) -> Run:
    """Run ``args`` in ``root`` with :func:`project_env` (plus ``env``); returns the finished
    :class:`Run`."""
    start = time.perf_counter()
    result = subprocess.run(
        args,
        cwd=root,
        env={**project_env(root), **(env or {})},
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    seconds = time.perf_counter() - start
    return Run(result.returncode, result.stdout + result.stderr, seconds)


def build_book(
    root: Path, *extra: str, flags: tuple[str, ...] = BOOK_FLAGS, env: dict[str, str] | None = None
) -> Run:
    """``jupyter-book build . -n -W --keep-going`` (or other ``flags``) in ``root``, with the
    venv's jupyter-book (and ``env`` added to the environment)."""
    return run([str(BIN / "jupyter-book"), "build", ".", *flags, *extra], root, env=env)


def trim_book(root: Path, first: str, others: tuple[str, ...]) -> list[str]:
    """Make the copy ``root`` a book of the page ``first`` and the chapters ``others`` only.

    Rewrites ``_toc.yml``; ``only_build_toc_files`` in ``_config.yml`` then leaves every other
    page (and its notebook) out of the build. Returns the trimmed book's pages.
    """
    lines = ["format: jb-book", f"root: {first}", "chapters:"]
    lines += [f"  - file: {page}" for page in others]
    (root / "_toc.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [first, *others]


def warnings_of(output: str) -> list[str]:
    """The warnings and errors of a build's log, ``LEVEL: message`` one line each, in log order."""
    return [
        f"{found[1]}: {found[2]}"
        for line in ANSI.sub("", output).splitlines()
        if (found := PROBLEM.search(line))
    ]


def defines(source: str, label: str) -> bool:
    """True if a page's source (a notebook with its outputs, or markdown) defines ``label``:
    as a MyST target ``(label)=`` or as a figure's ``:name: label``."""
    name = rf":name: {re.escape(label)}(?![\w-])"
    return f"({label})=" in source or re.search(name, source) is not None


def other_warnings(warnings: list[str], root: Path, kept: list[str]) -> list[str]:
    """The warnings of a trimmed book's build that are not a link to what it left out.

    A link is to what was left out when it names a page of ``root/book`` that is not in ``kept``
    (``unknown document``), or a label that such a page defines and no kept page does
    (``undefined label``). Every other warning, and every error, is returned.
    """
    pages = {path.stem: path.read_text(encoding="utf-8") for path in page_sources(root)}
    kept_names = {Path(page).name for page in kept}
    left_out = {name: text for name, text in pages.items() if name not in kept_names}
    others = []
    for warning in warnings:
        found = REFERENCE.fullmatch(warning)
        if found and found[1] == "unknown document":
            allowed = found[2] in left_out
        elif found:
            label = found[2]
            allowed = any(defines(text, label) for text in left_out.values()) and not any(
                defines(pages[name], label) for name in kept_names if name in pages
            )
        else:
            allowed = False
        if not allowed:
            others.append(warning)
    return others


def page_sources(root: Path) -> list[Path]:
    """The source files of the book's pages: ``book/*.ipynb`` and ``book/*.md``, sorted."""
    return sorted([*(root / "book").glob("*.ipynb"), *(root / "book").glob("*.md")])


def executed_notebooks(output: str) -> list[str]:
    """The notebooks that a build's log says it executed, in log order (myst-nb's lines)."""
    return [line.split(EXECUTED)[0].strip() for line in output.splitlines() if EXECUTED in line]


def add_event_report(events: Path, event_id: str) -> dict[str, str]:
    """Append a copy of the first day-precise report of ``events.csv`` under a new event id.

    Returns the new row. The quote, actors and date are an existing report's, so the row passes
    every check; it adds one event, one report and one more point to the timeline. Raises
    ValueError if ``event_id`` is taken or no report is day-precise.
    """
    text = events.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    if event_id in {r["event_id"] for r in rows}:
        raise ValueError(f"event id {event_id!r} is taken")
    day = [r for r in rows if r["date_precision"] == "day"]
    if not day:
        raise ValueError("no day-precise report to copy")
    row = {**day[0], "event_id": event_id}
    out = io.StringIO()
    csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n").writerow(row)
    events.write_text(text.rstrip("\n") + "\n" + out.getvalue(), encoding="utf-8", newline="")
    return row


def glued_texts(html: str) -> list[str]:
    """The glued values of a page (``{glue:text}`` and evidence links), in page order."""
    return [(plain or linked).strip() for plain, linked in GLUED.findall(html)]


def page_images(page: Path) -> list[bytes]:
    """The bytes of every image a built page shows, in page order."""
    html = page.read_text(encoding="utf-8")
    return [(page.parent / src).read_bytes() for src in IMAGE.findall(html)]


def event_count(events: Path) -> int:
    """The number of distinct events (event ids) in ``events.csv``."""
    with events.open(encoding="utf-8", newline="") as handle:
        return len({row["event_id"] for row in csv.DictReader(handle)})
