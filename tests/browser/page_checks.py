"""The checks a reader's browser makes on each page of the built book, as plain functions.

Each check takes a Playwright page (already opened on a page of a served site) or a site folder
and returns a sorted list of problems, one readable line each; an empty list means the page is
fine. The same functions run on the real book (``test_book.py``) and on a small site broken on
purpose (``test_page_checks.py``), which shows that they do catch each kind of breakage.
"""

from __future__ import annotations

import contextlib
import functools
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from playwright.sync_api import ConsoleMessage, Error, Page, Request, Response

# Sphinx templates under _static/ are fragments for the theme, not pages a reader opens.
NOT_PAGES = ("_static/", "_sources/", "_downloads/", "_images/")

FAVICON = "/favicon.ico"

# Images that ``loading="lazy"`` keeps from loading until scrolled to are loaded now, so a check
# that needs every image (its natural size, whether it is broken) sees them all.
LOAD_ALL_IMAGES_JS = """
async () => {
  const images = Array.from(document.images);
  images.forEach(img => { if (img.loading === 'lazy') img.loading = 'eager'; });
  await Promise.all(images.map(img => img.complete ? null :
    new Promise(done => {
      img.addEventListener('load', done);
      img.addEventListener('error', done);
    })));
}
"""
# The images of the page that failed to load (a broken src gives naturalWidth 0), asked once
# every image has loaded or failed (LOAD_ALL_IMAGES_JS first).
BROKEN_IMAGES_JS = """
() => Array.from(document.images)
  .filter(img => !(img.complete && img.naturalWidth > 0))
  .map(img => img.getAttribute('src') || '(no src)')
"""

OBJECTS_JS = "() => Array.from(document.querySelectorAll('object[data]'), o => o.data)"
LINKS_JS = "() => Array.from(document.querySelectorAll('a[href]'), a => a.href)"


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as POSIX paths relative to ``site``, sorted."""
    pages = (path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    return sorted(page for page in pages if not page.startswith(NOT_PAGES))


class _QuietHandler(SimpleHTTPRequestHandler):
    """A static file handler that does not print a line per request."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Drop the access log."""


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on a free localhost port in a thread; yields the base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class ConsoleLog:
    """The console errors, uncaught exceptions and failed requests of a page while it was open.

    A resource that fails to load shows in the console only as "Failed to load resource"; the
    failed response itself names the URL, so both are kept.
    """

    errors: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        """Record a console message of type error (``console.error``, failed resources).

        Chromium asks a site for ``/favicon.ico`` by itself when a page declares no icon; that
        request is the browser's, not the page's, so its 404 is not a problem of the page (the
        book declares its icon and serves ``/favicon.ico`` too: ``test_reader.py`` checks both).
        """
        where = message.location.get("url", "")
        if message.type == "error" and not where.endswith(FAVICON):
            self.errors.append(f"console error: {message.text} ({where})")

    def on_page_error(self, error: Error) -> None:
        """Record an uncaught exception of the page's scripts."""
        self.errors.append(f"uncaught exception: {error.message}")

    def on_response(self, response: Response) -> None:
        """Record a response with an error status (a missing image, script or style sheet)."""
        if response.status >= 400:
            self.errors.append(f"HTTP {response.status}: {response.url}")

    def on_request_failed(self, request: Request) -> None:
        """Record a request that got no response at all (refused, aborted, blocked)."""
        self.errors.append(f"request failed ({request.failure}): {request.url}")


def open_page(page: Page, url: str) -> ConsoleLog:
    """Open ``url`` in ``page``, wait until the network is idle; returns the console log."""
    log = ConsoleLog()
    page.on("console", log.on_console)
    page.on("pageerror", log.on_page_error)
    page.on("response", log.on_response)
    page.on("requestfailed", log.on_request_failed)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return log


def console_problems(log: ConsoleLog) -> list[str]:
    """The console errors and uncaught exceptions of a page, sorted."""
    return sorted(log.errors)


def fetch_status(url: str) -> int:
    """The HTTP status of a GET of ``url`` (a 4xx/5xx is returned, not raised)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (localhost only)
            return response.status
    except urllib.error.HTTPError as error:
        error.close()
        return error.code


def media_problems(page: Page, status: Callable[[str], int] = fetch_status) -> list[str]:
    """The ``<img>`` elements that did not load and ``<object>`` data that is not served."""
    page.evaluate(LOAD_ALL_IMAGES_JS)
    images = [f"image did not load: {src}" for src in page.evaluate(BROKEN_IMAGES_JS)]
    objects = [
        f"object data not found ({code}): {url}"
        for url in page.evaluate(OBJECTS_JS)
        if (code := status(url)) != 200
    ]
    return sorted(images + objects)


class _IdParser(HTMLParser):
    """Collects the fragment targets of an HTML document: every ``id`` and ``<a name>``."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record the element's id (and an anchor's name)."""
        for key, value in attrs:
            if value and (key == "id" or (tag == "a" and key == "name")):
                self.ids.add(value)


def html_ids(html: str) -> frozenset[str]:
    """Every ``id`` (and ``<a name>``) in an HTML document."""
    parser = _IdParser()
    parser.feed(html)
    parser.close()
    return frozenset(parser.ids)


@dataclass
class LinkTargets:
    """Fetches link targets over HTTP once each: their status and the ids they define."""

    cache: dict[str, tuple[int, frozenset[str]]] = field(default_factory=dict)

    def get(self, url: str) -> tuple[int, frozenset[str]]:
        """The status of ``url`` (without fragment) and, for HTML, the ids it defines."""
        if url not in self.cache:
            try:
                with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
                    body = response.read()
                    is_html = response.headers.get_content_type() == "text/html"
                    ids = html_ids(body.decode("utf-8", "replace")) if is_html else frozenset()
                    self.cache[url] = (response.status, ids)
            except urllib.error.HTTPError as error:
                error.close()
                self.cache[url] = (error.code, frozenset())
        return self.cache[url]


def link_problems(page: Page, base_url: str, targets: LinkTargets) -> list[str]:
    """The internal links of the page that do not resolve.

    A link is internal when it points to ``base_url``'s origin. Its target must answer 200, and a
    ``#fragment`` must name an element id of the target page. Each problem names the link as
    written relative to the site.
    """
    origin = urlsplit(base_url)[:2]
    problems = set()
    for href in page.evaluate(LINKS_JS):
        if urlsplit(href)[:2] != origin:
            continue
        target, fragment = urldefrag(href)
        status, ids = targets.get(target)
        shown = href.removeprefix(base_url)
        if status != 200:
            problems.add(f"link to a missing page ({status}): {shown}")
        elif fragment and unquote(fragment) not in ids:
            problems.add(f"link to a missing anchor: {shown}")
    return sorted(problems)


def overflow_problems(page: Page) -> list[str]:
    """A problem if the page is wider than the window (a reader would have to scroll sideways)."""
    width, window = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    return [f"page is {width} px wide in a {window} px window"] if width > window else []
