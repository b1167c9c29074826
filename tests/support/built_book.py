"""The book that ``make book`` built in the work tree, for tests that compare against it.

Such a test fails, naming the command to run, when the book is not built or was built from
other inputs than those in the work tree now; it never builds the book itself (``make test``
and ``make unit`` build it first, once).
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

from crisis.build.sphinx_freshness import inputs_digest

ENVIRONMENT = Path("_build") / ".doctrees" / "environment.pickle"
SITE = Path("_build") / "html"
# The pages: Sphinx re-reads a page newer than its last reading and then rewrites the
# environment, so a page newer than the environment has not been built. (Not so the
# configuration, whose new time alone re-reads nothing.)
PAGE_FILES = ("book/*.ipynb", "book/*.md")
DOWNLOAD = re.compile(r'href="([^"#]*_downloads/[^"#]+)"')


def current_site(root: Path) -> Path:
    """The HTML folder of the book built in ``root``; AssertionError if missing or stale.

    Stale: built from other ``data/``, ``seeds/`` or ``src/crisis/`` than now (the digest the
    build stored), or older than a page.
    """
    site, environment = root / SITE, root / ENVIRONMENT
    if not (site / "index.html").is_file() or not environment.is_file():
        raise AssertionError(f"no built book in {root / '_build'}: run `make book` first")
    with environment.open("rb") as handle:
        built_from = getattr(pickle.load(handle), "crisis_inputs_digest", None)  # noqa: S301
    built_at = environment.stat().st_mtime
    newer = [
        p for pattern in PAGE_FILES for p in root.glob(pattern) if p.stat().st_mtime > built_at
    ]
    if built_from != inputs_digest(root) or newer:
        changed = (
            ", ".join(str(p.relative_to(root)) for p in sorted(newer)) or "data/, seeds/ or src/"
        )
        raise AssertionError(f"the built book is older than {changed}: run `make book` first")
    return site


def downloads(site: Path, page: str) -> dict[str, bytes]:
    """The files that the built ``page`` (e.g. ``book/appendix.html``) links for download, by
    name. ValueError if two of its downloads share a name."""
    html_page = site / page
    found: dict[str, bytes] = {}
    for href in DOWNLOAD.findall(html_page.read_text(encoding="utf-8")):
        path = (html_page.parent / href).resolve()
        if path.name in found and found[path.name] != path.read_bytes():
            raise ValueError(f"{page} links two downloads named {path.name}")
        found[path.name] = path.read_bytes()
    return found
