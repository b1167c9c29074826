"""One click from any number to the source's words, as a reader's browser sees it.

Every page of the book's table of contents is opened once; the glued numbers of its prose must
all be links to evidence on the page, each evidence item must show its value and the quotes (or
inputs) behind it, and every quote must be the source's verbatim words, linked to the sentence
that holds them on the texts page. Then: hovering a number shows its evidence, a quote link
lands on its highlighted sentence, the figure downloads are the frames drawn, and the explorer
searches and filters on a desktop and a phone. The number of evidence links per page is written
to ``artifacts/evidence-links.md``.
"""

from __future__ import annotations

import hashlib
import json
import struct
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from evidence_checks import (
    EvidenceLink,
    anchored_sentences,
    evidence_links,
    link_problems,
    quote_problems,
    unlinked_numbers,
)
from page_checks import open_page
from playwright.sync_api import Browser, Page
from test_book import DESKTOP, PHONE, toc_pages

from crisis.data.load import load_project

ROOT = Path(__file__).resolve().parents[2]
FIGURE_FACTS = ROOT / "book" / "_generated" / "figures"
TEXTS = "book/texts.html"
EXPLORER = "book/explorer.html"
HIGHLIGHT = "rgb(255, 240, 160)"  # .source-text .sentence:target in evidence.css (light mode)

DOWNLOADS_JS = """
() => Array.from(document.querySelectorAll('article figure'), f => ({
  id: f.id,
  links: Array.from(f.querySelectorAll('figcaption a.download'), a => a.href),
}))
"""


@dataclass(frozen=True)
class PageEvidence:
    """What one page shows: glued numbers left as plain text, evidence links, quote links."""

    path: str
    unlinked: tuple[str, ...]
    links: tuple[EvidenceLink, ...]
    quotes: tuple[tuple[str, str], ...]
    figures: tuple[dict, ...]


@pytest.fixture(scope="module")
def evidence(browser: Browser, base_url: str) -> list[PageEvidence]:
    """Every page of the table of contents, opened at desktop size, and its evidence."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    found = []
    for path in toc_pages(ROOT):
        open_page(page, base_url + path)
        quotes = page.eval_on_selector_all(
            "article a.quote-link", "qs => qs.map(q => [q.getAttribute('href'), q.textContent])"
        )
        found.append(
            PageEvidence(
                path,
                tuple(unlinked_numbers(page)),
                tuple(evidence_links(page)),
                tuple(map(tuple, quotes)),
                tuple(page.evaluate(DOWNLOADS_JS)),
            )
        )
    context.close()
    report = [
        "| page | glued numbers in the prose | linked to their evidence | evidence quote links |",
        "| --- | ---: | ---: | ---: |",
    ]
    for e in found:
        prose = sum(link.prose for link in e.links)
        report.append(f"| {e.path} | {prose + len(e.unlinked)} | {prose} | {len(e.quotes)} |")
    (ROOT / "artifacts").mkdir(exist_ok=True)
    (ROOT / "artifacts" / "evidence-links.md").write_text("\n".join(report) + "\n", "utf-8")
    return found


def test_every_glued_number_in_the_prose_is_a_link(evidence: list[PageEvidence]) -> None:
    problems = [f"{e.path}: {p}" for e in evidence for p in e.unlinked]
    assert not problems, "\n".join(problems)
    # the chapters do show numbers: the check has links to look at on each of them
    chapters = [e for e in evidence if e.path not in (TEXTS, EXPLORER, "book/references.html")]
    assert all(e.links for e in chapters), [e.path for e in chapters if not e.links]


def test_every_evidence_link_shows_its_value_and_its_rows(evidence: list[PageEvidence]) -> None:
    problems = [f"{e.path}: {p}" for e in evidence for p in link_problems(list(e.links))]
    assert not problems, "\n".join(problems)


def test_every_quote_is_verbatim_and_links_the_sentence_that_holds_it(
    evidence: list[PageEvidence], site: Path
) -> None:
    project = load_project(ROOT)
    sentences = anchored_sentences((site / TEXTS).read_text("utf-8"))
    quotes = sorted({q for e in evidence for q in e.quotes})
    assert len(quotes) > 100, f"only {len(quotes)} quote links in the book"
    problems = quote_problems(quotes, project.texts, sentences)
    assert not problems, "\n".join(problems)


def test_hovering_a_number_shows_its_evidence(page: Page, base_url: str) -> None:
    open_page(page, base_url + "book/timeline.html")
    link = page.locator('article p a[href^="#ev-"]').first
    value = link.inner_text().strip()
    link.hover()
    tip = page.locator(".evidence-tip")
    tip.wait_for(state="visible", timeout=5_000)
    assert tip.locator("strong").first.inner_text().strip() == value
    assert tip.locator("a.quote-link").count() >= 1
    page.mouse.move(0, 0)
    tip.wait_for(state="detached", timeout=5_000)


def test_a_quote_link_lands_on_its_highlighted_sentence(page: Page, base_url: str) -> None:
    open_page(page, base_url + "book/timeline.html")
    quote = page.locator("article a.quote-link").first
    quote.evaluate("q => { const d = q.closest('details'); if (d) d.open = true; }")
    words = quote.inner_text().strip("“”")
    quote.click()
    page.wait_for_url("**/texts.html#*")
    target = page.locator(":target")
    assert target.count() == 1, "the link's sentence is not the page's target"
    assert "sentence" in (target.get_attribute("class") or "")
    assert words[:20] in target.inner_text()
    background = target.evaluate("t => getComputedStyle(t).backgroundColor")
    assert background == HIGHLIGHT, f"the sentence reached is not highlighted ({background})"
    box = target.bounding_box()
    height = page.viewport_size["height"]
    assert box is not None and 0 <= box["y"] < height, "the sentence is not on the screen"


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - localhost only
        return response.read()


def test_every_figure_offers_its_data_and_image_and_they_are_what_was_drawn(
    evidence: list[PageEvidence],
) -> None:
    problems, checked = [], 0
    for e in evidence:
        for figure in e.figures:
            where = f"{e.path}#{figure['id']}"
            csv = [u for u in figure["links"] if u.endswith(".csv")]
            png = [u for u in figure["links"] if u.endswith(".png")]
            if len(csv) != 1 or len(png) != 1:
                problems.append(f"{where}: needs one CSV and one PNG download, has {figure}")
                continue
            name = csv[0].rsplit("/", 1)[1].removesuffix(".csv")
            facts = json.loads((FIGURE_FACTS / f"{name}.json").read_text("utf-8"))
            data, image = _fetch(csv[0]), _fetch(png[0])
            if hashlib.sha256(data).hexdigest() != facts.get("data_sha256"):
                problems.append(f"{where}: the CSV served is not the frame this build drew")
            if facts.get("data_rows", 0) < 1:
                problems.append(f"{where}: the frame drawn has no rows")
            if image[:8] != b"\x89PNG\r\n\x1a\n":
                problems.append(f"{where}: the image download is not a PNG")
                continue
            width, height = struct.unpack(">II", image[16:24])
            ratio = facts["width_in"] / facts["height_in"]
            if abs(width / height - ratio) > 0.02 * ratio:
                problems.append(f"{where}: the PNG's shape {width}x{height} is not the figure's")
            checked += 1
    assert not problems, "\n".join(problems)
    assert checked >= 10, f"only {checked} figures with downloads"


def _visible_rows(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        ".explorer tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.textContent)"
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_explorer_searches_filters_and_links_every_row(
    browser: Browser, base_url: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    open_page(page, base_url + EXPLORER)
    everything = _visible_rows(page)
    links = page.locator(".explorer tbody tr a.quote-link[href*='texts.html#']").count()
    assert links == len(everything) > 100, "every row links its quote to its sentence"
    count = page.locator(".explorer-count")
    page.fill(".explorer input[data-filter='text']", "Wagner")
    found = _visible_rows(page)
    assert 0 < len(found) < len(everything)
    assert all("wagner" in row.lower() for row in found)
    assert count.inner_text().startswith(str(len(found)))
    page.fill(".explorer input[data-filter='text']", "")
    assert len(_visible_rows(page)) == len(everything)
    page.select_option(".explorer select[data-filter='theme']", "Sanctions")
    shown = page.eval_on_selector_all(
        ".explorer tbody tr",
        "rows => rows.filter(r => !r.hidden).map(r => [r.dataset.theme, r.dataset.end])",
    )
    assert shown and {theme for theme, _ in shown} == {"Sanctions"}
    page.select_option(".explorer select[data-filter='theme']", "")
    page.fill(".explorer input[data-filter='from']", "2019-03-01")
    page.fill(".explorer input[data-filter='to']", "2019-03-31")
    march = page.eval_on_selector_all(
        ".explorer tbody tr",
        "rows => rows.filter(r => !r.hidden).map(r => [r.dataset.start, r.dataset.end])",
    )
    assert 0 < len(march) < len(everything) / 2, "a month keeps its own rows, not the year's"
    assert all("2019-03-01" <= start <= end <= "2019-03-31" for start, end in march)
    page.fill(".explorer input[data-filter='from']", "")
    page.fill(".explorer input[data-filter='to']", "")
    page.fill(".explorer input[data-filter='text']", "guaido")
    plain = len(_visible_rows(page))
    page.fill(".explorer input[data-filter='text']", "Guaidó")
    assert plain == len(_visible_rows(page)) > 0, "search ignores accents"
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    context.close()


def test_printing_opens_every_folded_list_of_evidence(page: Page, base_url: str) -> None:
    open_page(page, base_url + "book/timeline.html")
    folded = page.locator("details.evidence-rows")
    assert folded.count() > 0
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    closed = page.eval_on_selector_all(
        "details.evidence-rows", "ds => ds.filter(d => !d.open).length"
    )
    assert closed == 0, f"{closed} evidence lists stay folded in a printout"


def test_the_preview_of_a_number_stays_on_the_screen_below_the_header(
    page: Page, base_url: str
) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    open_page(page, base_url + "book/index.html")
    links = page.locator('article p a[href^="#ev-"]')
    page.evaluate("window.scrollTo(0, 600)")
    header = page.evaluate(
        "() => document.querySelector('.bd-header-article').getBoundingClientRect().bottom"
    )
    # a number low on the screen, and one in the middle, whose preview may open upward
    for floor in (550, 380):
        number = next(
            i
            for i in range(links.count())
            if (links.nth(i).bounding_box() or {"y": 0})["y"] > floor
        )
        page.keyboard.press("Escape")  # close the last preview, which may cover this number
        page.mouse.move(0, 0)
        links.nth(number).hover()
        tip = page.locator(".evidence-tip")
        tip.wait_for(state="visible", timeout=5_000)
        box = tip.bounding_box()
        assert box is not None and box["y"] >= header and box["y"] + box["height"] <= 768, box
        assert tip.locator("li").count() <= 3, "the preview shows at most three rows"
