"""The book's configuration leaves out every folder that the tools create beside the book.

Jupyter Book excludes, page by page, every markdown or notebook file missing from the table of
contents, and Sphinx rebuilds every page when that list changes. A folder that appears after a
first build (``node_modules`` from ``npm ci`` for the browser tests, pytest's cache, the
artefacts) must therefore be excluded as a whole in ``_config.yml``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sphinx.util.matching import Matcher

ROOT = Path(__file__).resolve().parents[2]
CREATED = (
    "node_modules/axe-core/README.md",
    "artifacts/evidence-links.md",
    ".pytest_cache/README.md",
    ".venv/lib/x/README.md",
    "_build/html/_sources/a.md",
)


@pytest.mark.parametrize("path", CREATED)
def test_folders_the_tools_create_are_excluded(path: str) -> None:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    excluded = Matcher(config["exclude_patterns"])
    parts = path.split("/")
    assert any(excluded("/".join(parts[: i + 1])) for i in range(len(parts))), path
