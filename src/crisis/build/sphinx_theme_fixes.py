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
- **The source texts are served with the book.** Every file of ``seeds/`` is copied to
  ``_build/html/source-texts/``, with a page that shows it (UTF-8 declared, readable on a
  phone); the bibliography style ``crisis`` (pybtex's ``unsrt``, but a source's ``url`` shown
  as a link "Read the source text" instead of a bare address) links each entry of the
  reference list to that page.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.template import field, href, join, optional

if TYPE_CHECKING:
    from docutils.nodes import document
    from sphinx.application import Sphinx

# Where the source texts are served, relative to the HTML output folder.
SOURCE_TEXTS = "source-texts"

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


# A source text as a page of the book: UTF-8 declared (a bare .txt is read as windows-1252 by
# browsers when the server names no charset), readable on a phone, light or dark.
def copy_source_texts(seeds: Path, outdir: Path) -> list[Path]:
    """Serve every ``seeds/*.txt`` in ``outdir/source-texts``, byte for byte, for download (the
    book's texts page shows them with every sentence anchored); returns the copies."""
    target = outdir / SOURCE_TEXTS
    target.mkdir(parents=True, exist_ok=True)
    copies = []
    for text in sorted(seeds.glob("*.txt")):
        shutil.copyfile(text, target / text.name)
        copies.append(target / text.name)
    return copies


def _copy_sources(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished`` handler: serve the source texts with the HTML book."""
    if exception is None and app.builder.format == "html":
        root = Path(app.srcdir)
        copy_source_texts(root / "seeds", Path(app.outdir))


class CrisisStyle(UnsrtStyle):
    """pybtex's ``unsrt`` style with each entry's ``url`` shown as a link, not as an address."""

    def format_url(self, e: Any) -> Any:
        """The ``url`` field as the link "Read the text"."""
        return href(field("url", raw=True))["Read the text"]

    def format_web_refs(self, e: Any) -> Any:
        """Only the link to the source text (no visit date, DOI or e-print: no source has one)."""
        return join[optional[self.format_url(e)], "."]


def setup(app: Sphinx) -> dict[str, object]:
    """Register the handlers (late, after the theme's own page-context handlers)."""
    register_plugin("pybtex.style.formatting", "crisis", CrisisStyle)
    app.connect("html-page-context", _fix_page, priority=800)
    app.connect("build-finished", _copy_sources)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
