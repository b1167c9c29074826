"""The source texts as the book shows them: every paragraph, every sentence anchored.

Each sentence is a ``<span class="sentence" id="<source_id>-s<n>">``, numbered as
``crisis.data.text.split_sentences`` numbers them (the numbering the data check and the evidence
links use), so a link to ``texts.html#<source_id>-s<n>`` lands on it and the page's stylesheet
highlights the target. The text is the seed's own, characters as written (curly quotes kept).
"""

from __future__ import annotations

import html
import unicodedata

from IPython.display import HTML

from crisis.data.text import normalise_with_map, split_sentences
from crisis.report.evidence import sentence_anchor


def paragraphs(raw: str, source_id: str) -> list[str]:
    """The HTML paragraphs of a source, one per non-empty line, each sentence anchored."""
    sentences = split_sentences(raw)
    out, number, pos = [], 0, 0
    for line in raw.split("\n"):
        chunk, offsets = normalise_with_map(line)
        if not chunk:
            continue
        nfc = unicodedata.normalize("NFC", line)
        spans = []
        while number < len(sentences) and sentences[number].start < pos + len(chunk) + 1:
            s = sentences[number]
            a, b = offsets[s.start - pos], offsets[s.end - 1 - pos] + 1
            number += 1
            spans.append(
                f'<span class="sentence" id="{sentence_anchor(source_id, number)}">'
                f"{html.escape(nfc[a:b])}</span>"
            )
        out.append("<p>" + " ".join(spans) + "</p>")
        pos += len(chunk) + 1
    if number != len(sentences):
        raise ValueError(f"{source_id}: {len(sentences) - number} sentence(s) not placed")
    return out


def source_html(raw: str, source_id: str) -> HTML:
    """A source text as one HTML block for the texts page."""
    body = "\n".join(paragraphs(raw, source_id))
    return HTML(f'<div class="source-text" lang="en">\n{body}\n</div>')


def sentence_count(raw: str) -> int:
    """How many sentences (anchors) a source has."""
    return len(split_sentences(raw))
