"""The source texts as the book shows them: every paragraph, every sentence anchored.

Each sentence is a ``<span class="sentence" id="<source_id>-s<n>">``, numbered as
``crisis.data.text.split_sentences`` numbers them (the numbering the data check and the evidence
links use), so a link to ``texts.html#<source_id>-s<n>`` lands on it and the page's stylesheet
highlights the target. The text is the seed's own, characters as written (curly quotes kept).
"""

from __future__ import annotations

import html
import unicodedata
from pathlib import Path

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


def source_header(row) -> str:
    """The line above a text: its title and outlet as the text states them (or that it names
    none), and a link to the plain file served with the book (``source-texts/``)."""
    outlet = html.escape(row["outlet"]) if row["outlet"] else "the text names no outlet"
    name = html.escape(Path(row["file"]).name)
    return (
        f'<p class="source-meta"><cite>{html.escape(row["title"])}</cite>, {outlet}. '
        f'<a href="../source-texts/{name}" download>The plain text file</a>.</p>'
    )


def source_html(raw: str, source_id: str, row=None) -> HTML:
    """A source text as one HTML block for the texts page, under its header when ``row`` (its
    data/sources.csv row) is given."""
    body = "\n".join(paragraphs(raw, source_id))
    header = source_header(row) + "\n" if row is not None else ""
    return HTML(f'{header}<div class="source-text" lang="en">\n{body}\n</div>')


def sentence_count(raw: str) -> int:
    """How many sentences (anchors) a source has."""
    return len(split_sentences(raw))


def source_block(project, source_id: str) -> HTML:
    """``source_html`` of one source of the project, under its header."""
    row = project.sources.set_index("source_id").loc[source_id]
    return source_html(project.texts[source_id], source_id, row)
