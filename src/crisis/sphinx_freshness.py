"""A Sphinx extension that re-reads (so re-executes) every notebook when the inputs change.

Notebooks compute from ``data/``, ``seeds/`` and ``src/crisis/``; Sphinx only knows that a page
is out of date when its own file changed. This extension stores a digest of those inputs in the
build environment and, when the digest differs, marks every notebook outdated. A rebuild with
nothing changed re-reads, and so re-executes, nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

INPUTS = ("data", "seeds", "src/crisis")
SUFFIXES = {".csv", ".json", ".txt", ".py"}


def inputs_digest(root: Path) -> str:
    """SHA-256 over the sorted relative paths and bytes of every input file under ``root``."""
    digest = hashlib.sha256()
    for folder in INPUTS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(p for p in base.rglob("*") if p.is_file() and p.suffix in SUFFIXES):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def _outdated(app, env, added, changed, removed) -> list[str]:
    digest = inputs_digest(Path(app.srcdir))
    if getattr(env, "crisis_inputs_digest", None) == digest:
        return []
    env.crisis_inputs_digest = digest
    return sorted(d for d in env.found_docs if str(env.doc2path(d)).endswith(".ipynb"))


def setup(app):
    app.connect("env-get-outdated", _outdated)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
