"""Fixtures of the browser tests: the built book, served on localhost, and headless Chromium.

The tests use Debian's Chromium (``apt-get install chromium``; ``make browser-deps`` does it)
through Playwright's Python package; Playwright's own browser downloads are never used. Every
test in this folder is marked ``browser``, so ``pytest -m "not browser"`` leaves them out.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from page_checks import serve, site_pages
from playwright.sync_api import Browser, Page, sync_playwright
from views import CHROMIUM, TIMEOUT_MS, View, measure_all

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_build" / "html"
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
BUILD = ["build", ".", "-n", "-W", "--keep-going"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of this folder ``browser``."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def build_book(root: Path) -> None:
    """Build the book of ``root`` into ``root/_build/html``; fail the test if the build fails."""
    result = subprocess.run(
        [str(JUPYTER_BOOK), *BUILD], cwd=root, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        pytest.fail(
            "the book did not build (jupyter-book build . -n -W --keep-going):\n"
            + result.stdout[-4000:]
            + result.stderr[-4000:],
            pytrace=False,
        )


@pytest.fixture(scope="session")
def site() -> Path:
    """The built book's HTML folder; built first if it is missing (``make book`` builds it)."""
    if not (SITE / "index.html").is_file():
        build_book(ROOT)
    return SITE


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The URL of the built book served from a thread on a free localhost port."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium; the test fails (never skips) when it is not installed."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium` "
            "(`make browser-deps`), or set CHROMIUM to its path",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page (own context: no cache or storage shared between tests) at desktop size."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)  # the cores are shared with the other tests
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def pages(site: Path) -> list[str]:
    """Every page of the built book."""
    return site_pages(site)


@pytest.fixture(scope="session")
def views(browser: Browser, base_url: str, pages: list[str]) -> list[View]:
    """Every page in every view, measured once (``views.measure_all``): the reader tests and
    the book tests read what it found. Needs ``browser`` for its check that Chromium exists."""
    return measure_all(CHROMIUM, base_url, pages)
