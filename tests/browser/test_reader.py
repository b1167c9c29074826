"""The built book as readers see it on a 390-px phone and a 1366-px desktop, light and dark.

Every page is opened once in each of the four views (phone/desktop x light/dark), each time in a
fresh browser context (an empty cache: a reader's first view). On each view the session fixture
``views`` (``views.py``) counts the bytes transferred, runs axe-core, measures every figure and
saves a screenshot to ``artifacts/screenshots/`` (git-ignored); the tests then read what it
found. The checks themselves are shown to fire on pages broken on purpose in
``test_reader_checks.py``; the menus, the references and the icon are tested here on pages of
their own.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from page_checks import fetch_status, open_page
from playwright.sync_api import Browser
from reader_checks import (
    FORBIDDEN_IMPACTS,
    reference_problems,
    toggle_problems,
    weight_problems,
)
from views import DESKTOP, FIGURE_LABELS, PHONE, SCREENSHOTS, VIEWS, View, listed

ROOT = Path(__file__).resolve().parents[2]
TABLET = {"width": 900, "height": 1000}
# Bytes a page may transfer at its first view (HTML, styles, scripts, fonts and the images
# loaded before any scrolling; lazy figures further down count only when scrolled to).
# Measured 2026-11-29: 0.95-1.44 MB on a phone, 0.95-2.33 MB on a desktop (the network page,
# whose 1.3 MB figure is near its top); 2.4-3.9 MB before the theme's Font Awesome script
# (1.45 MB) was dropped and figures were lazy-loaded.
PAGE_BUDGET = 2_500_000
# A page with a section list and chapters before and after it.
CHAPTER = "book/military.html"
OTHER_CHAPTER = "book/russia.html"


def test_every_view_is_in_its_colour_mode(views: list[View]) -> None:
    wrong = [f"{v.page} ({v.view}): theme {v.theme}" for v in views if v.theme not in v.view]
    assert not wrong, "\n".join(wrong)


def test_figures_keep_their_proportions(views: list[View]) -> None:
    problems = listed(views, "aspect")
    assert not problems, "\n".join(problems)
    # Every view of a chapter with figures was measured.
    for name, _, scheme in VIEWS:
        shown = [i for v in views if v.view == f"{name} {scheme}" for i in v.images]
        assert len(shown) >= 15, f"only {len(shown)} figures measured in the {name} {scheme} view"


def test_figure_text_is_legible_at_every_width(views: list[View]) -> None:
    problems = listed(views, "figure_text")
    assert not problems, "\n".join(problems)
    assert any(FIGURE_LABELS.values()), "no figure found in the notebooks: nothing was measured"


def test_no_table_needs_sideways_scrolling_or_clips_text_on_a_desktop(views: list[View]) -> None:
    problems = listed(views, "tables")
    assert not problems, "\n".join(problems)
    assert any(v.view.startswith("desktop") for v in views), "no desktop view measured"


def test_figures_load_lazily(views: list[View]) -> None:
    problems = listed(views, "lazy")
    assert not problems, "\n".join(problems)


def test_no_critical_or_serious_accessibility_violation(views: list[View]) -> None:
    problems = [
        f"{v.page} ({v.view}): {violation.line()}"
        for v in views
        for violation in v.violations
        if violation.impact in FORBIDDEN_IMPACTS
    ]
    assert not problems, "\n".join(problems)


def test_everything_shown_is_inside_a_landmark(views: list[View]) -> None:
    # axe-core's (moderate) region rule: a reader moving by landmark reaches every part.
    problems = [
        f"{v.page} ({v.view}): {violation.line()}"
        for v in views
        for violation in v.violations
        if violation.rule == "region"
    ]
    assert not problems, "\n".join(problems)


def test_every_icon_is_drawn(views: list[View]) -> None:
    problems = listed(views, "icons")
    assert not problems, "\n".join(problems)


def test_every_page_keeps_to_its_weight_budget(views: list[View]) -> None:
    problems = [
        f"{v.page} ({v.view}): {problem}"
        for v in views
        for problem in weight_problems(v.transfer, PAGE_BUDGET)
    ]
    assert not problems, "\n".join(problems)
    assert all(v.transfer.total > 0 for v in views), "a page transferred nothing: not measured"


def test_screenshots_of_every_page_in_every_view(views: list[View], pages: list[str]) -> None:
    assert len(views) == len(pages) * len(VIEWS)
    missing = [str(v.screenshot) for v in views if not v.screenshot.is_file()]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["390px", "900px"])
def test_menu_button_opens_the_chapter_list(
    browser: Browser, base_url: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    log = open_page(page, base_url + CHAPTER)
    chapters = "#pst-primary-sidebar-modal nav.bd-docs-nav a.reference"
    problems = toggle_problems(page, ".primary-toggle", chapters)
    if not problems:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"menu-open-{viewport['width']}.png"))
        # The reader picks another chapter from the list and gets there.
        page.locator(chapters).filter(visible=True).and_(
            page.locator(f"[href$='{Path(OTHER_CHAPTER).name}']")
        ).click()
        page.wait_for_url(base_url + OTHER_CHAPTER)
    context.close()
    assert not problems, "\n".join(problems)
    assert not log.errors, "\n".join(log.errors)


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["390px", "900px"])
def test_contents_button_opens_the_section_list(
    browser: Browser, base_url: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    open_page(page, base_url + CHAPTER)
    sections = "#pst-secondary-sidebar-modal nav.page-toc a.nav-link"
    problems = toggle_problems(page, ".secondary-toggle", sections)
    if not problems:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"contents-open-{viewport['width']}.png"))
        link = page.locator(sections).filter(visible=True).nth(1)
        target = (link.get_attribute("href") or "").split("#")[-1]
        link.click()
        page.wait_for_url(f"**#{target}")
    context.close()
    assert not problems, "\n".join(problems)


def test_menu_button_folds_the_sidebar_on_a_desktop(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    open_page(page, base_url + CHAPTER)
    sidebar = page.locator("#pst-primary-sidebar")
    shown_before = sidebar.is_visible()
    page.locator(".primary-toggle").filter(visible=True).first.click()
    page.wait_for_timeout(600)  # the theme's fold transition
    folded = sidebar.is_hidden()
    page.locator(".primary-toggle").filter(visible=True).first.click()
    page.wait_for_timeout(600)
    unfolded = sidebar.is_visible()
    context.close()
    assert shown_before, "the chapter list is not shown on a desktop"
    assert folded, "the menu button does not fold the chapter list away on a desktop"
    assert unfolded, "a second click does not bring the chapter list back"


def read_sources() -> list[dict[str, str]]:
    """data/sources.csv, one dict per source."""
    with (ROOT / "data" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_reference_list_links_every_source_text(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    open_page(page, base_url + "book/references.html")
    problems = reference_problems(page, fetch_status)
    entries = page.locator(".citation").all_inner_texts()
    links = page.locator(".citation a[href]").evaluate_all("a => a.map(e => e.href)")
    assert not problems, "\n".join(problems)
    sources = read_sources()
    assert len(entries) == len(sources) == len(links)
    for source in sources:
        # The entry names the source as its text does: title, and outlet where the text has one.
        entry = next((e for e in entries if source["title"] in e), None)
        assert entry is not None, f"no reference entry has the title {source['title']!r}"
        assert source["outlet"] in entry, f"{source['source_id']}: outlet missing in {entry!r}"
        seed = ROOT / source["file"]
        # Its link opens the source's section of the texts page, which shows the text's words
        # sentence by sentence, and links to the file itself, served byte for byte.
        anchor = "text-" + source["source_id"].replace("_", "-")
        url = next(u for u in links if u.endswith(f"/texts.html#{anchor}"))
        open_page(page, url)
        section = page.locator(f"section:has(> span#{anchor})")
        assert source["title"] in section.locator(".source-meta").inner_text()
        shown = " ".join(section.locator(".source-text .sentence").all_inner_texts())
        words = seed.read_text(encoding="utf-8").split()
        assert shown.split() == words, f"{url} does not show every word of {seed}"
        plain = section.locator(f"a[href$='/{seed.name}']").evaluate("a => a.href")
        served = (ROOT / "_build" / "html" / plain.removeprefix(base_url)).read_bytes()
        assert fetch_status(plain) == 200 and served == seed.read_bytes(), plain
    context.close()


def test_favicon_and_footer(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    open_page(page, base_url + "book/index.html")
    icons = page.locator("link[rel='icon']").evaluate_all("links => links.map(e => e.href)")
    footer = page.locator(".bd-footer-content").inner_text()
    context.close()
    assert len(icons) == 1, f"the page declares {len(icons)} icons"
    icon = icons[0]
    assert fetch_status(icon) == 200, f"the declared icon {icon} is not served"
    assert fetch_status(base_url + "favicon.ico") == 200, "no /favicon.ico at the site root"
    assert "By the project contributors" in footer, footer
