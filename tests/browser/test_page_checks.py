"""The page checks catch what they are for: a tiny site broken on purpose, one fault of each kind.

The broken page has a missing image, a missing ``<object>`` file, links to a missing page, a
missing anchor on another page and a missing anchor on itself, a ``console.error``, an uncaught
exception and a block wider than a phone. Its sibling page is clean and must pass every check,
so the checks do not simply report everything.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from page_checks import (
    LinkTargets,
    console_problems,
    link_problems,
    media_problems,
    open_page,
    overflow_problems,
    serve,
    site_pages,
)
from playwright.sync_api import Browser, Page
from views import CHROMIUM, VIEWS, measure_all

BROKEN = """<!doctype html>
<html><head><meta charset="utf-8"><title>Broken</title></head>
<body>
  <h1 id="top">A broken page</h1>
  <img src="pixel.png" alt="loads">
  <img src="missing.png" alt="does not load">
  <object data="missing.svg" type="image/svg+xml"></object>
  <a href="other.html">fine</a>
  <a href="other.html#here">fine anchor</a>
  <a href="#top">fine own anchor</a>
  <a href="https://example.org/">external: not checked</a>
  <a href="nope.html">missing page</a>
  <a href="other.html#nowhere">missing anchor</a>
  <a href="#gone">missing own anchor</a>
  <div style="width: 2000px">too wide for a phone</div>
  <script>console.error("boom");</script>
  <script>throw new Error("uncaught on purpose");</script>
</body></html>
"""

CLEAN = """<!doctype html>
<html><head><meta charset="utf-8"><title>Clean</title></head>
<body>
  <h1 id="here">A clean page</h1>
  <img src="pixel.png" alt="a pixel">
  <a href="index.html#top">back</a>
</body></html>
"""


def png_pixel() -> bytes:
    """A valid 1x1 grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-page site: index.html broken in every way, other.html clean."""
    site = tmp_path_factory.mktemp("broken_site")
    (site / "index.html").write_text(BROKEN, encoding="utf-8")
    (site / "other.html").write_text(CLEAN, encoding="utf-8")
    (site / "pixel.png").write_bytes(png_pixel())
    (site / "_static").mkdir()
    (site / "_static" / "template.html").write_text("<div></div>", encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def broken_url(broken_site: Path) -> Iterator[str]:
    """The broken site served on localhost."""
    with serve(broken_site) as url:
        yield url


def test_pages_are_discovered_without_theme_templates(broken_site: Path) -> None:
    assert site_pages(broken_site) == ["index.html", "other.html"]


def test_console_check_reports_errors_exceptions_and_missing_files(
    page: Page, broken_url: str
) -> None:
    problems = console_problems(open_page(page, broken_url + "index.html"))
    assert any(p.startswith("console error: boom") for p in problems), problems
    assert "uncaught exception: uncaught on purpose" in problems
    assert f"HTTP 404: {broken_url}missing.png" in problems
    assert f"HTTP 404: {broken_url}missing.svg" in problems


def test_media_check_reports_the_broken_image_and_object(page: Page, broken_url: str) -> None:
    open_page(page, broken_url + "index.html")
    assert media_problems(page) == [
        "image did not load: missing.png",
        f"object data not found (404): {broken_url}missing.svg",
    ]


def test_link_check_reports_missing_pages_and_anchors(page: Page, broken_url: str) -> None:
    open_page(page, broken_url + "index.html")
    assert link_problems(page, broken_url, LinkTargets()) == [
        "link to a missing anchor: index.html#gone",
        "link to a missing anchor: other.html#nowhere",
        "link to a missing page (404): nope.html",
    ]


def test_overflow_check_reports_a_page_wider_than_a_phone(
    browser: Browser, broken_url: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    open_page(page, broken_url + "index.html")
    problems = overflow_problems(page)
    open_page(page, broken_url + "other.html")
    clean = overflow_problems(page)
    context.close()
    assert len(problems) == 1 and "390 px window" in problems[0], problems
    assert clean == []


def test_every_view_runs_every_page_check(
    browser: Browser, broken_url: str, tmp_path: Path
) -> None:
    # what the book's views fixture runs (views.measure_all, two threads), on the broken site
    found = measure_all(CHROMIUM, broken_url, ["index.html", "other.html"], 2, tmp_path)
    assert [(v.view, v.page) for v in found] == [
        (f"{name} {scheme}", page)
        for name, _, scheme in VIEWS
        for page in ("index.html", "other.html")
    ]
    for view in found:
        if view.page == "other.html":
            assert (view.console, view.media, view.links, view.overflow) == ([], [], [], [])
            assert (view.n_images, view.n_links) == (1, 1)
            continue
        assert "uncaught exception: uncaught on purpose" in view.console, view.view
        assert len(view.media) == 2 and len(view.links) == 3, view.view
        assert len(view.overflow) == (1 if view.view.startswith("phone") else 0), view.view
        assert view.screenshot.parent == tmp_path and view.screenshot.is_file()
