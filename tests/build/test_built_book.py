"""The helpers that find the book ``make book`` built: they refuse a missing or stale build."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from types import SimpleNamespace

import pytest
from support.built_book import ENVIRONMENT, SITE, current_site, downloads

from crisis.build.sphinx_freshness import inputs_digest


def fake_build(root: Path, digest: str | None) -> None:
    """A built book in ``root``: a landing page and an environment that stores ``digest``."""
    (root / SITE).mkdir(parents=True)
    (root / SITE / "index.html").write_text("<p>book</p>", encoding="utf-8")
    (root / ENVIRONMENT).parent.mkdir(parents=True)
    (root / ENVIRONMENT).write_bytes(pickle.dumps(SimpleNamespace(crisis_inputs_digest=digest)))


def test_a_build_from_the_current_inputs_is_found(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "events.csv").write_text("event_id\na\n", encoding="utf-8")
    fake_build(tmp_path, inputs_digest(tmp_path))
    assert current_site(tmp_path) == tmp_path / SITE


def test_a_missing_build_names_the_command_to_run(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match=r"no built book .*run `make book` first"):
        current_site(tmp_path)


def test_a_build_from_other_inputs_is_stale(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "events.csv").write_text("event_id\na\n", encoding="utf-8")
    fake_build(tmp_path, inputs_digest(tmp_path))
    (tmp_path / "data" / "events.csv").write_text("event_id\nb\n", encoding="utf-8")
    with pytest.raises(AssertionError, match=r"older than data/.*run `make book` first"):
        current_site(tmp_path)


def test_a_build_older_than_a_page_is_stale(tmp_path: Path) -> None:
    (tmp_path / "book").mkdir()
    page = tmp_path / "book" / "appendix.ipynb"
    page.write_text("{}", encoding="utf-8")
    fake_build(tmp_path, inputs_digest(tmp_path))
    built = (tmp_path / ENVIRONMENT).stat().st_mtime
    os.utime(page, (built + 10, built + 10))
    with pytest.raises(AssertionError, match=r"older than book/appendix.ipynb: run `make book`"):
        current_site(tmp_path)


def test_downloads_are_those_the_page_links(tmp_path: Path) -> None:
    (tmp_path / "book").mkdir()
    for folder, name, text in (("a1", "camps.csv", "x"), ("b2", "timeline.csv", "y")):
        (tmp_path / "_downloads" / folder).mkdir(parents=True)
        (tmp_path / "_downloads" / folder / name).write_text(text, encoding="utf-8")
    (tmp_path / "_downloads" / "old").mkdir()  # a folder of an earlier build, not linked
    (tmp_path / "_downloads" / "old" / "camps.csv").write_text("stale", encoding="utf-8")
    (tmp_path / "book" / "appendix.html").write_text(
        '<a href="../_downloads/a1/camps.csv">camps</a> <a href="#x">x</a> '
        '<a class="download" href="../_downloads/b2/timeline.csv"><code>t</code></a>',
        encoding="utf-8",
    )
    assert downloads(tmp_path, "book/appendix.html") == {"camps.csv": b"x", "timeline.csv": b"y"}
    (tmp_path / "book" / "appendix.html").write_text(
        '<a href="../_downloads/a1/camps.csv">a</a><a href="../_downloads/old/camps.csv">b</a>',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="book/appendix.html links two downloads named camps.csv"):
        downloads(tmp_path, "book/appendix.html")


def test_a_touched_configuration_is_not_a_stale_build(tmp_path: Path) -> None:
    # Sphinx re-reads nothing for a configuration with a new time only, and so does not rewrite
    # its environment: counting it stale would fail until some page changed.
    (tmp_path / "_config.yml").write_text("title: x\n", encoding="utf-8")
    fake_build(tmp_path, inputs_digest(tmp_path))
    built = (tmp_path / ENVIRONMENT).stat().st_mtime
    os.utime(tmp_path / "_config.yml", (built + 10, built + 10))
    assert current_site(tmp_path) == tmp_path / SITE
