"""What a reader of the built book meets on a phone and a desktop, as plain functions.

Each check takes a Playwright page already opened on a page (or a site folder) and returns a
sorted list of problems, one readable line each; an empty list means the page is fine. The same
functions run on the real book (``test_reader.py``) and on pages broken on purpose
(``test_reader_checks.py``), which shows that each check catches what it is for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from page_checks import LOAD_ALL_IMAGES_JS
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# The images of the page's content (the article), not of the theme's frame.
CONTENT_IMAGES = "#main-content img, article img"


# For each shown content image: its src, natural size and the size of its content box.
IMAGE_BOXES_JS = """
(selector) => Array.from(document.querySelectorAll(selector))
  .filter(img => img.naturalWidth > 0 && img.getClientRects().length > 0)
  .map(img => {
    const s = getComputedStyle(img);
    const px = name => parseFloat(s[name]) || 0;
    const rect = img.getBoundingClientRect();
    return {
      src: img.getAttribute('src'),
      loading: img.getAttribute('loading'),
      natural: [img.naturalWidth, img.naturalHeight],
      shown: [
        rect.width - px('paddingLeft') - px('paddingRight')
          - px('borderLeftWidth') - px('borderRightWidth'),
        rect.height - px('paddingTop') - px('paddingBottom')
          - px('borderTopWidth') - px('borderBottomWidth'),
      ],
    };
  })
"""

# A reader's violations: axe-core's rules at the two impacts the quality bar forbids.
FORBIDDEN_IMPACTS = ("critical", "serious")


def load_all_images(page: Page) -> None:
    """Load every image of the page now, lazy ones included; returns when all are settled."""
    page.evaluate(LOAD_ALL_IMAGES_JS)


@dataclass(frozen=True)
class ImageBox:
    """One content image: where it comes from, its natural and its shown size."""

    src: str
    loading: str | None
    natural: tuple[float, float]
    shown: tuple[float, float]

    @property
    def aspect_error(self) -> float:
        """How far the shown width/height ratio is from the natural one (0.1 = 10%)."""
        natural = self.natural[0] / self.natural[1]
        shown = self.shown[0] / self.shown[1] if self.shown[1] else float("inf")
        return abs(shown / natural - 1)


def image_boxes(page: Page) -> list[ImageBox]:
    """Every shown content image of the page (all loaded first)."""
    load_all_images(page)
    return [
        ImageBox(b["src"], b["loading"], tuple(b["natural"]), tuple(b["shown"]))
        for b in page.evaluate(IMAGE_BOXES_JS, CONTENT_IMAGES)
    ]


def aspect_problems(page: Page, tolerance: float = 0.02) -> list[str]:
    """The content images shown with proportions more than ``tolerance`` off their own."""
    return sorted(
        f"image {box.src} shown {box.shown[0]:.0f}x{box.shown[1]:.0f} px, drawn "
        f"{box.natural[0]:.0f}x{box.natural[1]:.0f} px: proportions {box.aspect_error:.0%} off"
        for box in image_boxes(page)
        if box.aspect_error > tolerance
    )


def lazy_problems(page: Page) -> list[str]:
    """The content images that load with the page although the reader may never scroll to them."""
    return sorted(
        f"image {src} is not lazy-loaded"
        for src, loading in page.evaluate(
            "(s) => Array.from(document.querySelectorAll(s),"
            " i => [i.getAttribute('src'), i.getAttribute('loading')])",
            CONTENT_IMAGES,
        )
        if loading != "lazy"
    )


@dataclass(frozen=True)
class Violation:
    """One axe-core rule the page breaks, with its impact and how many elements break it."""

    rule: str
    impact: str
    nodes: int
    targets: tuple[str, ...]

    def line(self) -> str:
        """The violation as one readable line."""
        shown = ", ".join(self.targets[:3]) + (" ..." if len(self.targets) > 3 else "")
        return f"{self.impact} {self.rule} ({self.nodes} elements: {shown})"


def axe_violations(page: Page) -> list[Violation]:
    """Every violation axe-core finds on the page as it is now (scripts run, images loaded)."""
    if not AXE.is_file():
        msg = f"axe-core not found at {AXE}: run `make browser-deps` (npm ci)"
        raise FileNotFoundError(msg)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({rule: v.id, impact: v.impact,"
        " targets: v.nodes.map(n => n.target.join(' '))}))"
    )
    return sorted(
        (
            Violation(v["rule"], v["impact"] or "", len(v["targets"]), tuple(v["targets"]))
            for v in found
        ),
        key=lambda v: (
            FORBIDDEN_IMPACTS.index(v.impact) if v.impact in FORBIDDEN_IMPACTS else 9,
            v.rule,
        ),
    )


def axe_problems(page: Page) -> list[str]:
    """The critical and serious axe-core violations of the page, one line each."""
    return [v.line() for v in axe_violations(page) if v.impact in FORBIDDEN_IMPACTS]


@dataclass
class Transfer:
    """The bytes a page's first view moves over the network, counted by Chromium (CDP)."""

    by_url: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """All bytes received, headers included."""
        return sum(self.by_url.values())

    def largest(self, n: int = 5) -> list[tuple[str, int]]:
        """The ``n`` heaviest responses."""
        return sorted(self.by_url.items(), key=lambda item: -item[1])[:n]


@contextmanager
def count_transfer(page: Page) -> Iterator[Transfer]:
    """Count the bytes received while the block runs (open the page inside it, fresh context)."""
    transfer = Transfer()
    urls: dict[str, str] = {}
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.on(
        "Network.responseReceived", lambda e: urls.update({e["requestId"]: e["response"]["url"]})
    )
    session.on(
        "Network.loadingFinished",
        lambda e: transfer.by_url.update(
            {urls.get(e["requestId"], e["requestId"]): int(e["encodedDataLength"])}
        ),
    )
    try:
        yield transfer
    finally:
        session.detach()


def weight_problems(transfer: Transfer, budget: int) -> list[str]:
    """A problem if the page moved more than ``budget`` bytes, naming its heaviest files."""
    if transfer.total <= budget:
        return []
    heaviest = ", ".join(
        f"{url.rsplit('/', 1)[-1]} {size / 1e6:.2f} MB" for url, size in transfer.largest(3)
    )
    return [f"{transfer.total / 1e6:.2f} MB transferred, budget {budget / 1e6:.2f} MB ({heaviest})"]


def toggle_problems(page: Page, button: str, panel_link: str) -> list[str]:
    """A problem unless clicking the visible ``button`` shows a link matching ``panel_link``.

    The button is the first element matching ``button`` that the reader can see; after the
    click, a link of ``panel_link`` must become visible and receive a click (not be covered).
    """
    buttons = page.locator(button).filter(visible=True)
    if buttons.count() == 0:
        return [f"no visible {button}"]
    links = page.locator(panel_link)
    if links.filter(visible=True).count():
        return [f"{panel_link} is visible before {button} is clicked"]
    buttons.first.click()
    try:
        links.filter(visible=True).first.wait_for(state="visible", timeout=3000)
    except Exception:  # noqa: BLE001 (Playwright's TimeoutError: the panel never opened)
        return [f"clicking {button} shows no {panel_link}"]
    try:
        links.filter(visible=True).first.click(trial=True, timeout=3000)
    except Exception:  # noqa: BLE001
        return [f"{panel_link} shown by {button} cannot be clicked"]
    return []


# For each shown Font Awesome icon: its classes and what its ::before draws.
ICON_GLYPHS_JS = """
() => Array.from(document.querySelectorAll('i[class*="fa-"]'))
  .filter(i => i.getClientRects().length > 0)
  .map(i => [i.className.replace(/\\s+/g, ' ').trim(),
             getComputedStyle(i, '::before').content])
"""


def icon_problems(page: Page) -> list[str]:
    """The shown icons (``<i class="fa-…">``) that draw nothing: no glyph mapped to them."""
    return sorted(
        {
            f"icon draws nothing: {classes}"
            for classes, content in page.evaluate(ICON_GLYPHS_JS)
            if content in ("none", "normal", "")
        }
    )


# Each entry of the reference list: its text and the addresses of its links.
CITATIONS_JS = """
() => Array.from(document.querySelectorAll('.citation'), c => ({
  id: c.id,
  text: c.innerText.replace(/\\s+/g, ' ').trim(),
  links: Array.from(c.querySelectorAll('a[href]'), a => a.href),
}))
"""


def reference_problems(page: Page, status: Callable[[str], int]) -> list[str]:
    """What is wrong with the reference list of the page open in ``page``.

    Each entry must link to its source text, a link the site serves (``status`` gives a URL's
    HTTP status), and no entry may show a file path (``seeds/``, ``.txt``).
    """
    citations = page.evaluate(CITATIONS_JS)
    if not citations:
        return ["the page has no reference list"]
    problems = []
    for entry in citations:
        shown = entry["text"][:60]
        if "seeds/" in entry["text"] or ".txt" in entry["text"]:
            problems.append(f"entry shows a file path: {shown}")
        if not entry["links"]:
            problems.append(f"entry links to no source text: {shown}")
        for url in entry["links"]:
            if (code := status(url)) != 200:
                problems.append(f"entry links to a missing text ({code}): {url}")
    return sorted(problems)


# The smallest text a figure may be shown with, in CSS px, at any width (the body text is 16 px).
MIN_FIGURE_TEXT_PX = 9.0

FIGURE_WIDTHS_JS = """
() => Array.from(document.querySelectorAll('figure[id]'))
  .map(f => [f.id, f.querySelector('img')])
  .filter(([, img]) => img && img.getClientRects().length > 0)
  .map(([id, img]) => [id, img.getBoundingClientRect().width])
"""


def figure_text_px(width_in: float, min_font_pt: float, shown_px: float) -> float:
    """The size in CSS px at which a figure's smallest text is shown: drawn at ``min_font_pt``
    on a figure ``width_in`` inches wide, shown ``shown_px`` CSS px wide (1 pt = 1/72 in)."""
    return min_font_pt / 72 * shown_px / width_in


def figure_text_problems(
    page: Page, facts: dict[str, dict[str, float]], minimum: float = MIN_FIGURE_TEXT_PX
) -> list[str]:
    """The figures of the page whose smallest text is shown under ``minimum`` CSS px.

    ``facts`` maps each figure's label (its HTML id) to what the build recorded when it drew it
    (``width_in``, ``min_font_pt``: crisis.report.style.write_figure_facts); a figure on the page
    without recorded facts is a problem too, since its text size cannot be told."""
    load_all_images(page)
    problems = []
    for label, shown in page.evaluate(FIGURE_WIDTHS_JS):
        fact = facts.get(label)
        if fact is None:
            problems.append(f"figure {label}: no recorded width and font size")
            continue
        px = figure_text_px(fact["width_in"], fact["min_font_pt"], shown)
        if px < minimum:
            problems.append(
                f"figure {label}: smallest text shown at {px:.1f} px (< {minimum:g}): drawn "
                f"{fact['min_font_pt']:g} pt on {fact['width_in']:g} in, shown {shown:.0f} px wide"
            )
    return problems


TABLES_JS = """
() => {
  const main = document.querySelector('article.bd-article')
    || document.querySelector('#main-content') || document.body;
  const width = main.getBoundingClientRect().width;
  const found = [];
  main.querySelectorAll('table').forEach((table, i) => {
    if (table.getClientRects().length === 0) return;
    const name = table.id || table.className || `table ${i + 1}`;
    const w = table.getBoundingClientRect().width;
    if (w > width + 1) {
      found.push(`${name}: ${Math.round(w)} px wide in a ${Math.round(width)} px column`);
    }
    table.querySelectorAll('td, th').forEach((cell) => {
      const s = getComputedStyle(cell);
      const hides = s.overflowX !== 'visible' && s.overflowX !== 'auto';
      if (cell.scrollWidth > cell.clientWidth + 1 && hides) {
        found.push(`${name}: a cell clips its text (${cell.textContent.trim().slice(0, 40)})`);
      }
    });
  });
  return found;
}
"""


def table_problems(page: Page) -> list[str]:
    """Tables wider than the page's article column (they need sideways scrolling) and cells that
    clip their text."""
    return sorted(page.evaluate(TABLES_JS))
