"""The book that ``make book`` built in the work tree, for tests that compare against it.

Such a test fails, naming the command to run, when the book is not built or was built from
other inputs than those in the work tree now; it never builds the book itself (``make test``
builds it first, once).
"""

from __future__ import annotations

import pickle
from pathlib import Path

from crisis.build.sphinx_freshness import inputs_digest

ENVIRONMENT = Path("_build") / ".doctrees" / "environment.pickle"
SITE = Path("_build") / "html"


def current_site(root: Path) -> Path:
    """The HTML folder of the book built in ``root``; AssertionError if missing or stale."""
    site, environment = root / SITE, root / ENVIRONMENT
    if not (site / "index.html").is_file() or not environment.is_file():
        raise AssertionError(f"no built book in {root / '_build'}: run `make book` first")
    with environment.open("rb") as handle:
        built_from = getattr(pickle.load(handle), "crisis_inputs_digest", None)  # noqa: S301
    if built_from != inputs_digest(root):
        raise AssertionError(
            "the built book is older than data/, seeds/ or src/crisis/: run `make book` first"
        )
    return site


def downloads(site: Path) -> dict[str, bytes]:
    """The files the built book offers for download, by name; ValueError if a name repeats."""
    found: dict[str, bytes] = {}
    for path in sorted((site / "_downloads").glob("*/*")):
        if path.name in found:
            raise ValueError(f"two downloads are named {path.name}")
        found[path.name] = path.read_bytes()
    return found
