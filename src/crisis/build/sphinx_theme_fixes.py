"""A Sphinx extension that fixes what readers meet in the rendered pages of the book.

Each fix rewrites the HTML of a page's body before the theme wraps it (``html-page-context``):

- **Figures keep their proportions.** MyST-NB writes a notebook PNG's stored size as an inline
  ``style="width: Wpx; height: Hpx;"``; the theme's ``max-width: 100%`` then narrows the image
  but keeps its height, so every figure is squeezed on a phone. The size becomes ``width`` and
  ``height`` attributes instead, which the style sheet may scale (``height: auto``) and which
  still let the browser reserve the figure's space before it loads.
- **Figures load when the reader gets to them**: ``loading="lazy"``, ``decoding="async"``.
- **Code toggles are named by what they say.** MyST-NB labels each hidden cell's ``<summary>``
  "Toggle hidden content" while it shows "Show code cell source": a speech-input user who says
  what they see cannot reach it (axe-core ``label-content-name-mismatch``). The label is dropped,
  so the visible text names the control.
- **The reference list is a list of list items.** docutils marks each citation
  ``role="doc-biblioentry"`` inside a ``role="list"``: a role that ARIA 1.2 deprecates and that a
  list may not hold (axe-core ``aria-required-children``, ``aria-deprecated-role``); each becomes
  ``role="listitem"``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils.nodes import document
    from sphinx.application import Sphinx

_IMG = re.compile(r"<img\b[^>]*>")
_SIZE_STYLE = re.compile(r'\sstyle="\s*width:\s*(?P<w>[\d.]+)px;\s*height:\s*(?P<h>[\d.]+)px;?\s*"')


def _number(text: str) -> str:
    """A pixel size as an HTML attribute value (attributes take whole pixels)."""
    return str(round(float(text)))


def fix_image(tag: str) -> str:
    """One ``<img>`` tag with its pixel size as attributes and lazy loading."""
    if (size := _SIZE_STYLE.search(tag)) and " width=" not in tag and " height=" not in tag:
        attributes = f' width="{_number(size["w"])}" height="{_number(size["h"])}"'
        tag = tag[: size.start()] + attributes + tag[size.end() :]
    if " loading=" not in tag:
        tag = tag.replace("<img ", '<img loading="lazy" decoding="async" ', 1)
    return tag


def fix_body(body: str) -> str:
    """A page body with every fix of this module applied (applying it twice changes nothing)."""
    body = _IMG.sub(lambda match: fix_image(match[0]), body)
    body = body.replace('<summary aria-label="Toggle hidden content">', "<summary>")
    return body.replace('role="doc-biblioentry"', 'role="listitem"')


def _fix_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: document
) -> None:
    """``html-page-context`` handler: fix the body of the page about to be written."""
    if isinstance(context.get("body"), str):
        context["body"] = fix_body(context["body"])


def setup(app: Sphinx) -> dict[str, object]:
    """Register the handler (late, after the theme's own page-context handlers)."""
    app.connect("html-page-context", _fix_page, priority=800)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
