"""The built book as a reader's browser sees it: every page, every image, every internal link.

Each page of ``_build/html`` is opened in headless Chromium in the four views of ``views.py``
(phone and desktop, light and dark); the checks of ``page_checks`` run on every view and every
problem found is listed in the failure message as ``page (view): problem``.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
import yaml
from page_checks import open_page
from playwright.sync_api import Browser, Page
from views import View, listed

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
LANDING = "book/index.html"
SEARCH_TERM = "Zakharova"


def toc_pages(root: Path) -> list[str]:
    """The HTML page of every file in ``_toc.yml`` (root and chapters), sorted."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part["chapters"]]
    files += [chapter["file"] for chapter in toc.get("chapters", [])]
    return sorted(f"{file}.html" for file in files)


def png_size(path: Path) -> tuple[int, int]:
    """The (width, height) of a PNG file, read from its header."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_every_chapter_search_and_index_page_is_found(pages: list[str]) -> None:
    expected = {*toc_pages(ROOT), "index.html", "search.html", "genindex.html"}
    assert expected <= set(pages), f"pages missing from the build: {sorted(expected - set(pages))}"


def test_no_page_logs_a_console_error(views: list[View]) -> None:
    problems = listed(views, "console")
    assert not problems, "\n".join(problems)


def test_every_image_loads(views: list[View]) -> None:
    problems = listed(views, "media")
    assert not problems, "\n".join(problems)
    # The chapters draw figures: the check must have looked at some in every view.
    for view in {v.view for v in views}:
        shown = sum(v.n_images for v in views if v.view == view and v.page.startswith("book/"))
        assert shown >= 5, f"only {shown} images looked at in the {view} view"


def test_every_internal_link_resolves(views: list[View]) -> None:
    problems = listed(views, "links")
    assert not problems, "\n".join(problems)
    assert all(v.n_links > 0 for v in views), "a page without any link: navigation is missing"


def test_no_page_scrolls_sideways_on_a_phone(views: list[View]) -> None:
    problems = listed(views, "overflow")
    assert not problems, "\n".join(problems)
    assert any(v.view.startswith("phone") for v in views), "no phone view measured"


def test_site_root_leads_to_the_landing_page(page: Page, base_url: str) -> None:
    open_page(page, base_url + "index.html")
    page.wait_for_url(base_url + LANDING)
    assert page.locator("h1").first.inner_text().strip()


def test_search_finds_a_term_of_a_chapter(page: Page, base_url: str, site: Path) -> None:
    chapters = [p for p in toc_pages(ROOT) if SEARCH_TERM in (site / p).read_text("utf-8")]
    assert chapters, f"no chapter mentions {SEARCH_TERM!r}: pick another search term"
    open_page(page, f"{base_url}search.html?q={SEARCH_TERM}")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=20_000)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    found = sorted({href.split("?")[0].split("#")[0] for href in hrefs})
    assert set(found) & set(chapters), f"search for {SEARCH_TERM!r} found {found}, not {chapters}"


@pytest.mark.parametrize(("name", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_landing_page_screenshot(
    browser: Browser, base_url: str, name: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    log = open_page(page, base_url + LANDING)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"landing-{name}.png"
    page.screenshot(path=str(path))
    context.close()
    assert png_size(path) == (viewport["width"], viewport["height"])
    assert not log.errors, "\n".join(log.errors)
