"""Editing a data file and rebuilding never shows a stale number or figure; a no-op rebuild is free.

On a clean copy of the project the book is built three times: from scratch; after one new event
report is added to ``data/events.csv`` (a second, separately coded reading of a day-precise
event, whose quote exists, so the data check still passes); and again with nothing changed.
The landing page's glued count of events and the timeline's figure must change with the data,
and the last build must execute no notebook at all.

The copy's book is trimmed to the landing page, the timeline, the texts page and the references:
three notebooks (one of them the landing page, which computes the camps) for the two workers of
the pool. ``crisis.build.sphinx_freshness`` marks every notebook the build found, whatever the
book holds, so three builds of four pages test what three builds of the whole book would, in
a third of the time. The only warnings allowed are links to the pages left out. ``make
benchmark`` times the same edit on the whole book and looks for it on the landing page.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.project_copy import (
    ANSI,
    Run,
    add_event_report,
    build_book,
    copy_project,
    event_count,
    executed_notebooks,
    glued_texts,
    other_warnings,
    page_images,
    run,
    trim_book,
    warnings_of,
)

from crisis.build.sphinx_execute import JOBS_VARIABLE

pytestmark = pytest.mark.slow

PROBE_ID = "freshness_probe"

# The trimmed book: the landing page glues the count of events; the timeline draws them; the
# texts page is a third notebook; the references page holds the citations.
PAGES = ("book/index", ("book/timeline", "book/texts", "book/references"))
N_NOTEBOOKS = 3
# Fewer workers than notebooks, on any machine: one of them waits for a free worker.
WORKERS = 2
# Without -W: the trimmed book's links to the chapters left out are warnings, checked below.
TRIMMED_FLAGS = ("-n", "--keep-going")


@dataclass(frozen=True)
class Built:
    """What a build showed: its log, the landing page's glued texts, the timeline's images."""

    run: Run
    glued: list[str]
    figures: list[bytes]


def build(root: Path, pages: list[str]) -> Built:
    """Build the trimmed book of ``pages`` in ``root``; fail with the log's end if the build
    fails, or with the warnings if any is not a link to a page left out."""
    result = build_book(root, flags=TRIMMED_FLAGS, env={JOBS_VARIABLE: str(WORKERS)})
    assert result.returncode == 0, ANSI.sub("", result.output)[-5000:]
    unexpected = other_warnings(warnings_of(result.output), root, pages)
    assert not unexpected, "\n".join(unexpected)
    site = root / "_build" / "html" / "book"
    return Built(
        run=result,
        glued=glued_texts((site / "index.html").read_text(encoding="utf-8")),
        figures=page_images(site / "timeline.html"),
    )


@dataclass(frozen=True)
class Story:
    """The three builds of the test and the event counts before and after the edit."""

    notebooks: list[str]
    clean: Built
    edited: Built
    noop: Built
    events_before: int
    events_after: int
    check: Run


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    """Build, edit one data row, rebuild, rebuild again without changes."""
    root = copy_project(tmp_path_factory.mktemp("fresh") / "project")
    pages = trim_book(root, PAGES[0], PAGES[1])
    notebooks = sorted(str(root / p) + ".ipynb" for p in pages if (root / f"{p}.ipynb").is_file())
    assert len(notebooks) == N_NOTEBOOKS, f"the trimmed book's notebooks: {notebooks}"
    events = root / "data" / "events.csv"
    clean = build(root, pages)
    before = event_count(events)
    add_event_report(events, PROBE_ID)
    check = run([sys.executable, "-m", "crisis", "check"], root)
    edited = build(root, pages)
    noop = build(root, pages)
    return Story(
        notebooks=notebooks,
        clean=clean,
        edited=edited,
        noop=noop,
        events_before=before,
        events_after=event_count(events),
        check=check,
    )


def test_the_added_report_passes_the_data_check(story: Story) -> None:
    assert story.check.returncode == 0, story.check.output
    assert story.events_after == story.events_before + 1


def test_a_clean_build_executes_every_notebook(story: Story) -> None:
    assert sorted(executed_notebooks(story.clean.run.output)) == story.notebooks


def test_a_data_edit_executes_every_notebook_again(story: Story) -> None:
    assert sorted(executed_notebooks(story.edited.run.output)) == story.notebooks


def test_a_data_edit_changes_the_glued_event_count(story: Story) -> None:
    before, after = story.clean.glued, story.edited.glued
    assert str(story.events_before) in before, f"no glued count of events in {before}"
    position = before.index(str(story.events_before))
    assert after[position] == str(story.events_after), (before, after)


def test_a_data_edit_changes_the_timeline_figure(story: Story) -> None:
    assert story.clean.figures, "the timeline page shows no image"
    assert len(story.edited.figures) == len(story.clean.figures)
    assert story.edited.figures != story.clean.figures


def test_a_rebuild_without_changes_executes_nothing(story: Story) -> None:
    log = ANSI.sub("", story.noop.run.output)
    assert executed_notebooks(log) == []
    assert "0 added, 0 changed, 0 removed" in log, log[-3000:]
    assert story.noop.glued == story.edited.glued
    assert story.noop.figures == story.edited.figures


def test_glued_texts_and_images_are_read_from_html(tmp_path: Path) -> None:
    (tmp_path / "img.png").write_bytes(b"png bytes")
    page = tmp_path / "page.html"
    page.write_text(
        '<p><span class="pasted-text">105</span> and <span class="pasted-text">\n7 May\n'
        '</span> of <a class="reference internal" href="#ev-index-n-events"><span '
        'class="std std-ref">111</span></a></p><img alt="x" src="img.png" />',
        encoding="utf-8",
    )
    assert glued_texts(page.read_text(encoding="utf-8")) == ["105", "7 May", "111"]
    assert page_images(page) == [b"png bytes"]
    assert glued_texts("<p>no glue</p>") == []


def test_a_missing_image_is_an_error(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text('<img src="gone.png">', encoding="utf-8")
    with pytest.raises(FileNotFoundError):
        page_images(page)


def test_the_added_report_is_a_new_event_of_a_known_day(tmp_path: Path) -> None:
    events = tmp_path / "events.csv"
    events.write_text(
        'event_id,date,date_precision,quote\na,2019,year,"x, y"\nb,2019-03-23,day,"z ""q"""\n',
        encoding="utf-8",
    )
    row = add_event_report(events, "probe")
    assert row == {
        "event_id": "probe",
        "date": "2019-03-23",
        "date_precision": "day",
        "quote": 'z "q"',
    }
    assert events.read_text(encoding="utf-8").endswith('probe,2019-03-23,day,"z ""q"""\n')
    assert event_count(events) == 3
    with pytest.raises(ValueError, match="taken"):
        add_event_report(events, "probe")
    events.write_text("event_id,date,date_precision\na,2019,year\n", encoding="utf-8")
    with pytest.raises(ValueError, match="day-precise"):
        add_event_report(events, "probe")


def test_a_trimmed_book_holds_only_its_pages(tmp_path: Path) -> None:
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/index\n", encoding="utf-8")
    assert trim_book(tmp_path, "book/a", ("book/b", "book/c")) == ["book/a", "book/b", "book/c"]
    assert (tmp_path / "_toc.yml").read_text(encoding="utf-8") == (
        "format: jb-book\nroot: book/a\nchapters:\n  - file: book/b\n  - file: book/c\n"
    )


def test_only_links_to_what_was_left_out_are_allowed_warnings(tmp_path: Path) -> None:
    book = tmp_path / "book"
    book.mkdir()
    (book / "timeline.ipynb").write_text('"(ev-timeline-n)=\\n", ":name: fig-timeline"', "utf-8")
    (book / "index.ipynb").write_text('":name: fig-index-monthly", "(ev-index-n)="', "utf-8")
    (book / "sources.md").write_text("(sources-top)=\n# Sources", encoding="utf-8")
    log = (
        "\x1b[91m/p/book/timeline.ipynb:7: WARNING: undefined label: 'fig-index-monthly'\x1b[0m\n"
        "/p/book/timeline.ipynb:9: WARNING: unknown document: 'sources'\n"
        "/p/book/timeline.ipynb:10: WARNING: undefined label: 'ev-timeline-n'\n"
        "/p/book/timeline.ipynb:11: WARNING: unknown document: 'timeline'\n"
        "/p/book/timeline.ipynb:12: WARNING: undefined label: 'nowhere'\n"
        "/p/book/timeline.ipynb:14: WARNING: undefined label: 'fig-index'\n"
        "/p/book/timeline.ipynb:13: ERROR: Unknown directive type: 'glue:figur'\n"
        "reading sources... done\n"
    )
    warnings = warnings_of(log)
    assert warnings[:2] == [
        "WARNING: undefined label: 'fig-index-monthly'",
        "WARNING: unknown document: 'sources'",
    ]
    assert len(warnings) == 7
    # left out: index and sources; a label the kept timeline defines, a link to the kept page
    # itself, a label nobody defines, an error and a label that only begins like a left-out
    # page's label are all reported
    assert other_warnings(warnings, tmp_path, ["book/timeline"]) == warnings[2:]
    assert warnings_of("build succeeded.\n") == []
