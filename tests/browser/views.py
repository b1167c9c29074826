"""Every page of the built book as readers see it: a 390-px phone and a 1366-px desktop, light
and dark, each page opened once per view in a fresh browser context (an empty cache: a reader's
first view), with the per-page checks of ``page_checks`` and ``reader_checks`` run on that one
opening (the menus, the references and the previews are tested on pages of their own).

Pages wait for the network to be idle and axe-core works in the page's own renderer, so the
views are measured by a few threads, each driving its own Chromium (Playwright's objects belong
to the thread that made them); the results come back in the order of the views and pages.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from page_checks import (
    LinkTargets,
    console_problems,
    link_problems,
    media_problems,
    open_page,
    overflow_problems,
)
from playwright.sync_api import Browser, sync_playwright
from reader_checks import (
    ImageBox,
    Transfer,
    Violation,
    aspect_problems,
    axe_violations,
    count_transfer,
    figure_text_problems,
    icon_problems,
    image_boxes,
    lazy_problems,
    table_problems,
)
from support.notebook_figures import figure_labels

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
FIGURE_LABELS = figure_labels(ROOT / "book")
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
VIEWS = [
    (name, viewport, scheme)
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP))
    for scheme in ("light", "dark")
]
# Threads measuring views at once, each with its own Chromium. Measured on two cores (60 views,
# quiet machine): 129 s with one, 98 s with two, 90 s with three.
THREADS = 2
# Playwright's waits (30 s by default) stretched: the views share the cores with the other tests.
TIMEOUT_MS = 90_000


@dataclass(frozen=True)
class View:
    """One page as one reader saw it: what it cost and what the checks found."""

    page: str
    view: str
    transfer: Transfer
    theme: str
    console: list[str]
    violations: list[Violation]
    images: list[ImageBox]
    media: list[str]
    aspect: list[str]
    lazy: list[str]
    icons: list[str]
    figure_text: list[str]
    tables: list[str]
    overflow: list[str]
    links: list[str]
    n_images: int
    n_links: int
    screenshot: Path


def slug(page: str) -> str:
    """A file-name-safe name for a page: 'book/index.html' -> 'book-index'."""
    return page.removesuffix(".html").replace("/", "-")


def figure_facts(page: str) -> dict[str, dict[str, float]]:
    """Figure label -> the width and smallest font the build recorded when drawing it."""
    # the site's root index.html is the book's landing page (book/index) too
    labels = FIGURE_LABELS.get(page) or FIGURE_LABELS.get(f"book/{page}", {})
    folder = ROOT / "book" / "_generated" / "figures"
    return {
        label: json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        for label, key in labels.items()
        if (folder / f"{key}.json").is_file()
    }


def listed(views: list[View], attribute: str) -> list[str]:
    """One line ``page (view): problem`` for each problem of ``attribute``."""
    return [f"{v.page} ({v.view}): {p}" for v in views for p in getattr(v, attribute)]


Job = tuple[str, dict[str, int], str, str]  # view name, viewport, colour scheme, page


def measure(
    browser: Browser, base_url: str, job: Job, targets: LinkTargets, screenshots: Path
) -> View:
    """Open one page in one view (fresh context) and run every check on it.

    The order matters: the lazy-loading check runs before anything scrolls or loads images,
    axe-core before the figures are measured (which loads the lazy images), the screenshot of
    the first screen before the checks that scroll.
    """
    name, viewport, scheme, path = job
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    with count_transfer(page) as transfer:
        log = open_page(page, base_url + path)
    theme = page.evaluate("() => document.documentElement.dataset.theme")
    lazy = lazy_problems(page)
    violations = axe_violations(page)
    images = image_boxes(page)  # loads the lazy images
    screenshot = screenshots / f"{slug(path)}-{name}-{scheme}.png"
    page.screenshot(path=str(screenshot))
    view = View(
        page=path,
        view=f"{name} {scheme}",
        transfer=transfer,
        theme=theme,
        console=console_problems(log),
        violations=violations,
        images=images,
        media=media_problems(page),
        aspect=aspect_problems(page),
        lazy=lazy,
        icons=icon_problems(page),
        figure_text=figure_text_problems(page, figure_facts(path)),
        tables=table_problems(page) if name == "desktop" else [],
        overflow=overflow_problems(page) if name == "phone" else [],
        links=link_problems(page, base_url, targets),
        n_images=page.locator("img").count(),
        n_links=page.locator("a[href]").count(),
        screenshot=screenshot,
    )
    context.close()
    return view


def measure_share(
    chromium: Path, base_url: str, jobs: list[Job], targets: LinkTargets, screenshots: Path
) -> list[View]:
    """Measure ``jobs`` one after the other in this thread's own headless Chromium."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), headless=True)
        try:
            return [measure(browser, base_url, job, targets, screenshots) for job in jobs]
        finally:
            browser.close()


def measure_all(
    chromium: Path,
    base_url: str,
    pages: list[str],
    threads: int = THREADS,
    screenshots: Path = SCREENSHOTS,
) -> list[View]:
    """Every page in every view, in the order of ``VIEWS`` then ``pages``; the screenshots go to
    ``screenshots``."""
    screenshots.mkdir(parents=True, exist_ok=True)
    jobs = [(name, viewport, scheme, path) for name, viewport, scheme in VIEWS for path in pages]
    shares = [jobs[i::threads] for i in range(threads)]
    targets = LinkTargets()  # shared: a target page is fetched about once for all threads
    with ThreadPoolExecutor(threads) as pool:
        futures = [
            pool.submit(measure_share, chromium, base_url, share, targets, screenshots)
            for share in shares
        ]
        done = [future.result() for future in futures]
    found = {(view.view, view.page): view for share in done for view in share}
    return [found[(f"{name} {scheme}", path)] for name, _, scheme, path in jobs]
