"""How the book shows a table: every row, every character, no index column."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML


def html_table(frame: pd.DataFrame) -> HTML:
    """A table as the book shows it: every row, every character of every cell, no index column.

    A DataFrame's own notebook display truncates long cells (the sources' quotes) and long tables
    (over 60 rows); ``to_html`` does neither, escapes the text and is deterministic, and the
    ``HTML`` wrapper's plain-text form carries no memory address, so nbval can compare it.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"expected a DataFrame, got {type(frame).__name__}")
    return HTML(frame.to_html(index=False, justify="left", border=0, na_rep=""))


def _block_html(block: dict, credits: str = "credits ") -> str:
    """One event block; ``credits`` introduces the actors a report credits when they differ."""
    esc = html.escape
    who = esc(block["who"]) + (f" → {esc(block['whom'])}" if block.get("whom") else "")
    reports = "".join(
        f'<li><span class="event-source">{esc(r["source"])}</span>, {esc(r["date"])}'
        + (f" ({credits}{esc(r['credits'])})" if r.get("credits") else "")
        + f": “{esc(r['quote'])}”</li>"
        for r in block["reports"]
    )
    return (
        '<div class="event-block">'
        f'<p class="event-head"><strong>{esc(block["date"])}</strong> — {esc(block["what"])}'
        f'<br><span class="event-who">{who}</span></p>'
        f'<ul class="event-reports">{reports}</ul></div>'
    )


def event_blocks(blocks: list[dict], credits: str = "credits ") -> HTML:
    """Events for reading, one block each instead of a wide table: a bold date, what happened
    and who → whom on the first lines, then each report (source, the date it gives, the actors
    it credits where they differ, introduced by ``credits``, its whole quote) as a list item.
    Nothing is clipped and nothing needs sideways scrolling at any width.

    ``blocks`` are ``crisis.report.records.event_blocks`` dicts. All text is HTML-escaped.
    Raises ValueError for no blocks, or for a block without a report.
    """
    if not blocks:
        raise ValueError("no events to show")
    empty = [b.get("event_id", "?") for b in blocks if not b.get("reports")]
    if empty:
        raise ValueError(f"events without a report: {', '.join(empty)}")
    body = "".join(_block_html(b, credits) for b in blocks)
    return HTML('<div class="event-blocks">' + body + "</div>")


def chapter_event_blocks(blocks: list[dict]) -> HTML:
    """``event_blocks`` for the thematic chapters (``crisis.report.records.report_led_blocks``):
    a report whose actors differ from the head's says so in words ("acting, in this report: …")
    rather than with the short label "credits". Same errors as ``event_blocks``.
    """
    return event_blocks(blocks, credits="acting, in this report: ")
