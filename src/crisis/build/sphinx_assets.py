"""A Sphinx extension that writes each page's scripts once (a workaround for a Sphinx 7 bug).

Sphinx 7 keeps an inline script added with ``app.add_js_file(None, body=...)`` twice when an
extension adds it after the HTML builder started (the builder stores it once with filename
``None`` and once with ``""``; fixed upstream in Sphinx 8.2, sphinx-doc/sphinx#13402).
``sphinx_thebe``, which Jupyter Book always loads, does exactly that, so every page declared
``const THEBE_JS_URL`` twice and the browser reported "Identifier 'THEBE_JS_URL' has already
been declared". This handler drops the repeated scripts before a page is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils.nodes import document
    from sphinx.application import Sphinx


def script_key(script: Any) -> tuple[str, object, tuple[tuple[str, str], ...]]:
    """What makes two scripts the same: file name (``None`` counts as ``""``), priority, attributes.

    Accepts Sphinx's ``_JavaScript`` objects (``filename``, ``priority``, ``attributes``) and,
    as older themes pass them, plain file names.
    """
    if isinstance(script, str):
        return (script, None, ())
    attributes = tuple(sorted((str(k), str(v)) for k, v in script.attributes.items()))
    return (script.filename or "", script.priority, attributes)


def unique_scripts(scripts: list[Any]) -> list[Any]:
    """``scripts`` without repeats, first occurrences kept in their order."""
    seen: set[tuple[str, object, tuple[tuple[str, str], ...]]] = set()
    kept = []
    for script in scripts:
        key = script_key(script)
        if key not in seen:
            seen.add(key)
            kept.append(script)
    return kept


def _dedupe_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: document
) -> None:
    """``html-page-context`` handler: keep each script of the page once."""
    scripts = context.get("script_files")
    if isinstance(scripts, list):
        scripts[:] = unique_scripts(scripts)


def setup(app: Sphinx) -> dict[str, object]:
    """Register the handler with Sphinx (last, after the handlers that add page scripts)."""
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
