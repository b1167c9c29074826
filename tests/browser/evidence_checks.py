"""The checks of evidence links, as plain functions (like ``page_checks``).

A number the prose shows through glue is a link (``a[href^="#ev-"]``) to an evidence item on the
same page: a paragraph with that id that repeats the number in bold, followed by the rows behind
it (quotes linked to their sentence on the texts page) or a "Computed from" line linking to
other items. Each check returns a sorted list of readable problems; an empty list means the page
is fine. ``test_evidence.py`` runs them on the book, ``test_evidence_checks.py`` on pages broken
on purpose.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser

from playwright.sync_api import Page

from crisis.data.text import find_quote, normalise

# A glued value that holds a number: a digit, a number word or a month (a date).
NUMBER = re.compile(
    r"\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand|million|billion|January|February|March|April|May|"
    r"June|July|August|September|October|November|December)\b",
    re.IGNORECASE,
)

# Glued plain text (MyST-NB's ``{glue:text}``) in the article: it cannot carry a link.
PASTED_TEXT_JS = """
() => Array.from(document.querySelectorAll('article .pasted-text'), el => el.textContent.trim())
"""

# Every evidence link of the article and what its target holds: the bold value, the quote
# links and "computed from" links that follow it, up to the next item or heading.
EVIDENCE_JS = """
() => Array.from(document.querySelectorAll('article a[href^="#ev-"]'), a => {
  const id = decodeURIComponent(a.hash.slice(1));
  const target = document.getElementById(id);
  const item = {text: a.textContent.trim(), id: id, found: !!target, bold: null,
                quotes: [], inputs: [], setting: false, prose: !a.closest('section#evidence')};
  if (!target) return item;
  const bold = target.querySelector('strong');
  item.bold = bold ? bold.textContent.trim() : null;
  let next = target.nextElementSibling;
  const parts = [target];
  while (next && !next.id && !/^H[1-6]$/.test(next.tagName) && !next.querySelector('h1,h2,h3')) {
    parts.push(next);
    next = next.nextElementSibling;
  }
  for (const part of parts) {
    if (part.querySelector('.evidence-setting')) item.setting = true;
    part.querySelectorAll('a.quote-link').forEach(q =>
      item.quotes.push([q.getAttribute('href'), q.textContent]));
    part.querySelectorAll('a[href^="#ev-"]').forEach(i =>
      item.inputs.push([decodeURIComponent(i.hash.slice(1)),
                        !!document.getElementById(decodeURIComponent(i.hash.slice(1)))]));
  }
  return item;
})
"""


@dataclass(frozen=True)
class EvidenceLink:
    """One evidence link and what its target holds."""

    text: str
    id: str
    found: bool
    bold: str | None
    quotes: tuple[tuple[str, str], ...]
    inputs: tuple[tuple[str, bool], ...]
    setting: bool = False
    prose: bool = True


def evidence_links(page: Page) -> list[EvidenceLink]:
    """The evidence links of the open page, in page order."""
    return [
        EvidenceLink(
            d["text"],
            d["id"],
            d["found"],
            d["bold"],
            tuple(map(tuple, d["quotes"])),
            tuple(map(tuple, d["inputs"])),
            d["setting"],
            d["prose"],
        )
        for d in page.evaluate(EVIDENCE_JS)
    ]


def unlinked_numbers(page: Page) -> list[str]:
    """Glued values of the open page that hold a number but are plain text, not a link."""
    return sorted(
        f"glued value {text!r} is plain text, not a link to its evidence"
        for text in page.evaluate(PASTED_TEXT_JS)
        if NUMBER.search(text)
    )


def link_problems(links: list[EvidenceLink]) -> list[str]:
    """Evidence links whose target is missing, does not repeat the value, or shows nothing."""
    problems = []
    for link in links:
        where = f"{link.text!r} -> #{link.id}"
        if not link.found:
            problems.append(f"{where}: no such target on the page")
            continue
        if link.bold != link.text:
            problems.append(f"{where}: the evidence shows {link.bold!r}, not the value")
        if not link.quotes and not link.inputs and not link.setting:
            problems.append(f"{where}: the evidence lists no quote, no input and is no setting")
        if link.setting and (link.quotes or link.inputs):
            problems.append(f"{where}: a setting of the analysis cannot also have rows")
        problems += [f"{where}: input #{i} is not on the page" for i, ok in link.inputs if not ok]
    return sorted(set(problems))


class _Sentences(HTMLParser):
    """The text of every element with an id of the texts page (the anchored sentences)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sentences: dict[str, str] = {}
        self._open: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ident = dict(attrs).get("id") if tag == "span" else None
        self._open.append(ident)
        if ident:
            self.sentences[ident] = ""

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for ident in self._open:
            if ident:
                self.sentences[ident] += data


def anchored_sentences(texts_html: str) -> dict[str, str]:
    """Sentence id (``<source>-s<n>``) -> its text, from the texts page's HTML."""
    parser = _Sentences()
    parser.feed(texts_html)
    return {k: v for k, v in parser.sentences.items() if re.fullmatch(r"[a-z0-9_]+-s\d+", k)}


def quote_problems(
    quotes: list[tuple[str, str]], seeds: Mapping[str, str], sentences: Mapping[str, str]
) -> list[str]:
    """Quote links whose words are not verbatim in their source, or whose sentence on the texts
    page is missing or does not hold the quote's opening words.

    ``quotes``: (href, shown text) pairs; ``seeds``: source id -> its raw text; ``sentences``:
    sentence id -> text (``anchored_sentences``).
    """
    problems = []
    texts = {s: normalise(raw) for s, raw in seeds.items()}
    for href, shown in quotes:
        page, _, anchor = href.partition("#")
        words = html.unescape(shown).strip().removeprefix("“").removesuffix("”")
        source = anchor.rsplit("-s", 1)[0]
        where = f"quote {words[:50]!r} -> {href}"
        if not page.endswith("texts.html") or source not in texts:
            problems.append(f"{where}: not a link to a sentence of a source")
        elif not find_quote(words, texts[source]):
            problems.append(f"{where}: these words are not in {source}")
        elif anchor not in sentences:
            problems.append(f"{where}: no such sentence on the texts page")
        else:
            opening = normalise(re.split(r"\.\.\.|…", words)[0])[:24].strip()
            if opening not in normalise(sentences[anchor]):
                problems.append(f"{where}: the sentence linked does not hold the quote's start")
    return sorted(set(problems))
