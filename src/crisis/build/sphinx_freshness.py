"""A Sphinx extension that re-reads (so re-executes) every notebook when the inputs change.

Notebooks compute from ``data/``, ``seeds/`` and ``src/crisis/``; Sphinx only knows that a page
is out of date when its own file changed. This extension stores a digest of those inputs in the
build environment and, when the digest differs, marks every notebook outdated. A rebuild with
nothing changed re-reads, and so re-executes, nothing. A change to the static files
(``book/_static``, the CSS) marks one markdown page, so that Sphinx copies them again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

INPUTS = ("data", "seeds", "src/crisis")
STATIC = ("book/_static",)
IGNORED_SUFFIXES = {".pyc", ".pyo"}


def is_input(path: Path, root: Path) -> bool:
    """True for a file that can change what a notebook computes.

    Everything under the input folders counts except byte-code and hidden or cache folders and
    files (``__pycache__``, ``.ipynb_checkpoints``, editor swap files), which Python and editors
    write by themselves.
    """
    parts = path.relative_to(root).parts
    hidden = any(part.startswith(".") or part == "__pycache__" for part in parts)
    return path.is_file() and not hidden and path.suffix not in IGNORED_SUFFIXES


def input_files(root: Path, folders: tuple[str, ...] = INPUTS) -> list[Path]:
    """The input files in ``folders`` under ``root``, sorted by their relative POSIX path."""
    found = [
        path
        for folder in folders
        if (root / folder).is_dir()
        for path in (root / folder).rglob("*")
        if is_input(path, root)
    ]
    return sorted(found, key=lambda path: path.relative_to(root).as_posix())


def inputs_digest(root: Path, folders: tuple[str, ...] = INPUTS) -> str:
    """SHA-256 over the sorted relative paths and bytes of every input file in ``folders``."""
    digest = hashlib.sha256()
    for path in input_files(root, folders):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def stale_notebooks(env: BuildEnvironment, digest: str) -> list[str]:
    """Every notebook document if ``digest`` differs from the one stored in ``env``, else none.

    Stores ``digest`` in ``env`` (which Sphinx pickles with the build), so the next build compares
    against the inputs this one executed with.
    """
    if getattr(env, "crisis_inputs_digest", None) == digest:
        return []
    env.crisis_inputs_digest = digest
    return sorted(d for d in env.found_docs if str(env.doc2path(d)).endswith(".ipynb"))


def stale_page_for_static(env: BuildEnvironment, digest: str) -> list[str]:
    """One page to rewrite if the static files (CSS) changed since the stored ``digest``.

    Sphinx copies static files only when it writes some page, so a CSS edit alone would never
    reach ``_build``. Rewriting one markdown page (no notebook, so nothing executes) is enough.
    """
    if getattr(env, "crisis_static_digest", None) == digest:
        return []
    env.crisis_static_digest = digest
    pages = sorted(d for d in env.found_docs if not str(env.doc2path(d)).endswith(".ipynb"))
    return pages[:1] or sorted(env.found_docs)[:1]


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated`` handler: the pages to re-read because their inputs changed."""
    root = Path(app.srcdir)
    notebooks = stale_notebooks(env, inputs_digest(root))
    pages = stale_page_for_static(env, inputs_digest(root, STATIC))
    return sorted(set(notebooks) | set(pages))


def setup(app: Sphinx) -> dict[str, object]:
    """Register the handler with Sphinx, and the parallel executor of the outdated notebooks."""
    app.setup_extension("crisis.build.sphinx_execute")
    app.connect("env-get-outdated", _outdated)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
