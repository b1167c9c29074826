"""The reader checks catch what they are for: pages broken on purpose, and the book unfixed.

Each broken page has one kind of fault (a squeezed, eagerly loaded figure; controls named
differently from what they show; a heavy page; an icon without a glyph; a reference list with
file paths and a dead link; a menu button that does nothing) beside a clean part that must pass,
so the checks do not simply report everything. The navigation check also runs on the real book
with its fix (``book/_static/theme-fixes.js``) blocked: it must fail there.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from page_checks import fetch_status, open_page, serve
from playwright.sync_api import Browser, Route
from reader_checks import (
    aspect_problems,
    axe_problems,
    axe_violations,
    count_transfer,
    figure_text_problems,
    icon_problems,
    lazy_problems,
    reference_problems,
    table_problems,
    toggle_problems,
    weight_problems,
)

PHONE = {"width": 390, "height": 844}

FIGURES = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Figures</title>
<style>img { max-width: 100%; }</style></head>
<body><main id="main-content">
  <img id="squeezed" src="wide.png" alt="squeezed" style="width: 800px; height: 400px;">
  <img id="fine" src="wide.png" alt="fine" width="800" height="400" loading="lazy"
       style="height: auto;">
</main></body></html>
"""

SMALL_TEXT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Figure text</title>
<style>img { max-width: 100%; height: auto; }</style></head>
<body><main id="main-content">
  <figure id="fig-legible"><img src="wide.png" alt="legible" width="200" height="100"></figure>
  <figure id="fig-tiny"><img src="wide.png" alt="tiny" width="200" height="100"
    style="width: 60px"></figure>
  <figure id="fig-unknown"><img src="wide.png" alt="unknown" width="200" height="100"></figure>
</main></body></html>
"""

TABLES = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tables</title>
<style>main { width: 600px; } td.clip { max-width: 50px; overflow: hidden; white-space: nowrap; }
</style></head>
<body><main id="main-content">
  <table id="fits"><tr><td>A short table that fits the column.</td></tr></table>
  <table id="wide" style="width: 900px"><tr><td>Too wide for the column.</td></tr></table>
  <table id="clipped"><tr><td class="clip">A quote cut off by its cell</td></tr></table>
</main></body></html>
"""

CONTROLS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Controls</title></head>
<body><main>
  <h1>Controls</h1>
  <button aria-label="Find">Search Ctrl+K</button>
  <div role="list"><div role="doc-biblioentry">An entry</div></div>
</main></body></html>
"""

CLEAN_CONTROLS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Clean controls</title></head>
<body><main>
  <h1>Controls</h1>
  <button>Search Ctrl+K</button>
  <div role="list"><div role="listitem">An entry</div></div>
</main></body></html>
"""

ICONS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Icons</title>
<style>.fa-drawn::before { content: "x"; }</style></head>
<body><main><i class="fa-solid fa-drawn"></i><i class="fa-solid fa-forgotten"></i></main>
</body></html>
"""

REFERENCES = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>References</title></head>
<body><main>
  <div class="citation" id="a"><p>A title. The Outlet. <a href="text.txt">Read it</a>.</p></div>
  <div class="citation" id="b"><p>B title. News article; seeds/001_b.txt.</p></div>
  <div class="citation" id="c"><p>C title. <a href="missing.html">Read it</a>.</p></div>
</main></body></html>
"""

OUTSIDE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Outside</title></head>
<body><div><p>The book's title, outside every landmark.</p></div><main><h1>Inside</h1></main>
</body></html>
"""

MENU = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Menu</title>
<style>#menu { display: none; } #menu.open { display: block; }</style></head>
<body>
  <button class="dead-toggle">Menu</button>
  <button class="live-toggle" onclick="document.getElementById('menu').classList.add('open')">
    Menu</button>
  <nav id="menu"><a class="chapter" href="#one">Chapter one</a></nav>
</body></html>
"""


def png(width: int, height: int) -> bytes:
    """A valid grey PNG of the given size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def broken_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small site of pages broken on purpose, served on localhost."""
    site = tmp_path_factory.mktemp("reader_site")
    for name, html in {
        "figures.html": FIGURES,
        "controls.html": CONTROLS,
        "clean-controls.html": CLEAN_CONTROLS,
        "icons.html": ICONS,
        "references.html": REFERENCES,
        "menu.html": MENU,
        "outside.html": OUTSIDE,
        "small-text.html": SMALL_TEXT,
        "tables.html": TABLES,
    }.items():
        (site / name).write_text(html, encoding="utf-8")
    (site / "wide.png").write_bytes(png(200, 100))
    (site / "text.txt").write_text("The source text.\n", encoding="utf-8")
    (site / "heavy.html").write_text(
        '<!doctype html><title>Heavy</title><img src="heavy.png" alt="heavy">', encoding="utf-8"
    )
    (site / "heavy.png").write_bytes(png(600, 600))
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1366, "height": 900}], ids=["390", "1366"])
def test_aspect_check_reports_the_squeezed_figure_only(
    browser: Browser, broken_url: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    open_page(page, broken_url + "figures.html")
    problems = aspect_problems(page)
    context.close()
    if viewport["width"] < 800:
        # Narrowed to the window but kept 400 px high: squeezed.
        assert len(problems) == 1 and "wide.png" in problems[0], problems
        assert "proportions" in problems[0]
    else:
        # Wide enough to be shown at its stated size, which has the image's proportions (2:1).
        assert problems == []


def test_aspect_check_reports_a_figure_drawn_at_other_proportions(
    browser: Browser, broken_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    open_page(page, broken_url + "figures.html")
    page.evaluate("() => { document.getElementById('squeezed').style.height = '250px'; }")
    problems = aspect_problems(page)
    context.close()
    assert len(problems) == 1 and "shown 800x250 px, drawn 200x100 px" in problems[0], problems


def test_lazy_check_reports_the_eager_figure(page, broken_url: str) -> None:
    open_page(page, broken_url + "figures.html")
    assert lazy_problems(page) == ["image wide.png is not lazy-loaded"]


def test_axe_reports_mismatched_names_and_a_list_of_non_items(page, broken_url: str) -> None:
    open_page(page, broken_url + "controls.html")
    problems = axe_problems(page)
    assert any(p.startswith("critical aria-required-children") for p in problems), problems
    assert any(p.startswith("serious label-content-name-mismatch") for p in problems), problems
    open_page(page, broken_url + "clean-controls.html")
    assert axe_problems(page) == []


def test_axe_reports_content_outside_every_landmark(page, broken_url: str) -> None:
    open_page(page, broken_url + "outside.html")
    rules = {v.rule: v for v in axe_violations(page)}
    assert "region" in rules and rules["region"].nodes == 1, rules
    open_page(page, broken_url + "clean-controls.html")
    assert "region" not in {v.rule for v in axe_violations(page)}


def test_weight_check_reports_a_page_over_its_budget(browser: Browser, broken_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    with count_transfer(page) as transfer:
        open_page(page, broken_url + "heavy.html")
    context.close()
    assert transfer.total > 1000
    problems = weight_problems(transfer, budget=1000)
    assert len(problems) == 1 and "heavy.png" in problems[0], problems
    assert weight_problems(transfer, budget=transfer.total) == []


def test_icon_check_reports_the_icon_without_a_glyph(page, broken_url: str) -> None:
    open_page(page, broken_url + "icons.html")
    assert icon_problems(page) == ["icon draws nothing: fa-solid fa-forgotten"]


def test_reference_check_reports_paths_and_missing_texts(page, broken_url: str) -> None:
    open_page(page, broken_url + "references.html")
    assert reference_problems(page, fetch_status) == [
        "entry links to a missing text (404): " + broken_url + "missing.html",
        "entry links to no source text: B title. News article; seeds/001_b.txt.",
        "entry shows a file path: B title. News article; seeds/001_b.txt.",
    ]


def test_toggle_check_reports_a_button_that_does_nothing(page, broken_url: str) -> None:
    open_page(page, broken_url + "menu.html")
    assert toggle_problems(page, ".dead-toggle", "#menu a.chapter") == [
        "clicking .dead-toggle shows no #menu a.chapter"
    ]
    assert toggle_problems(page, ".live-toggle", "#menu a.chapter") == []


@pytest.mark.parametrize(
    ("button", "panel"),
    [
        (".primary-toggle", "#pst-primary-sidebar-modal nav.bd-docs-nav a.reference"),
        (".secondary-toggle", "#pst-secondary-sidebar-modal nav.page-toc a.nav-link"),
    ],
)
def test_the_book_menus_do_nothing_on_a_phone_without_the_fix(
    browser: Browser, base_url: str, button: str, panel: str
) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()

    def without_fix(route: Route) -> None:
        route.fulfill(status=200, content_type="text/javascript", body="")

    page.route("**/theme-fixes.js*", without_fix)
    open_page(page, base_url + "book/military.html")
    problems = toggle_problems(page, button, panel)
    context.close()
    assert problems == [f"clicking {button} shows no {panel}"]


def test_the_fixed_book_has_the_fix_script(site: Path) -> None:
    assert (site / "_static" / "theme-fixes.js").is_file()


def test_figure_text_check_reports_a_shrunk_figure_and_one_without_facts(
    page, broken_url: str
) -> None:
    open_page(page, broken_url + "small-text.html")
    facts = {  # 2 in wide with 10 pt text: 200 px wide shows it at 13.9 px, 60 px at 4.2 px
        "fig-legible": {"width_in": 2.0, "min_font_pt": 10.0},
        "fig-tiny": {"width_in": 2.0, "min_font_pt": 10.0},
    }
    problems = figure_text_problems(page, facts)
    assert [p.split(":")[0] for p in problems] == ["figure fig-tiny", "figure fig-unknown"]
    assert "shown at 4.2 px" in problems[0]


def test_table_check_reports_a_wide_table_and_a_clipping_cell(page, broken_url: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    open_page(page, broken_url + "tables.html")
    problems = table_problems(page)
    assert [p.split(":")[0] for p in problems] == ["clipped", "wide"]
    assert "900 px wide in a 600 px column" in problems[1]
