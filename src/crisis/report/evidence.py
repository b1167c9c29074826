"""Evidence: every number the prose prints leads, in one click, to the words it came from.

A chapter keeps one ``Ledger``. Instead of gluing a bare number it calls
``ledger.glue(name, text, rows, what)``: the prose writes ``{glue:md}`name:myst``` and shows
``text`` as a link to the chapter's evidence section, where the item ``name`` lists ``rows`` -
for a value read from a report, that report; for a count, the rows counted - each with its
source, its verbatim quote (linked to the sentence in the source texts page, ``texts.html``)
and its coding. The last cell of the chapter displays ``ledger.section()``. The evidence is
computed from the same frames as the number, in the same cell, so the two cannot disagree;
links are Sphinx references (``{ref}``), so a missing target fails the build.

Counts are glued with ``ledger.count`` (the number in house style, from the rows it counts).
A value computed from other glued values (a share, a statistic of the network) is glued with
``ledger.derived``: its evidence names what it was computed from and links to their evidence.
A list of more than ``FOLD_AFTER`` rows is folded (``<details>``), so that the section stays
readable; the rows are all in the page, for the browser tests, a printout and a screen reader.

An item whose rows are exactly those of an earlier item says so and links to it instead of
listing them again.

Rows are a frame with the columns of ``ROW_COLUMNS``: ``source_id``, ``quote`` and ``coding``
(what the row says in the data's terms: the event type and date, or the value and unit).
``event_rows`` and ``claim_rows`` make them from the project's tables.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache

import pandas as pd
from IPython.display import Markdown

from crisis.data.dates import date_label, precision_of
from crisis.data.text import find_quote, normalise, split_sentences

ROW_COLUMNS = ["source_id", "quote", "coding"]
FOLD_AFTER = 6
PER_REPORT = "source that reports a thing counted"
TEXTS_PAGE = "texts.html"
_NAME = re.compile(r"[a-z0-9_]+")


def sentence_anchor(source_id: str, number: int) -> str:
    """The HTML id of sentence ``number`` (1-based) of a source on the texts page."""
    return f"{source_id}-s{number}"


@cache
def _sentences(raw: str) -> tuple:
    return tuple(split_sentences(raw))


def sentence_number(raw: str, quote: str) -> int:
    """The 1-based number of the sentence of ``raw`` where ``quote`` (its first part) begins.

    Raises ValueError when the quote is not in the text (the data check prevents that for
    the project's own rows).
    """
    spans = find_quote(quote, normalise(raw))
    if not spans:
        raise ValueError(f"quote not found in the source: {quote[:60]!r}")
    start = spans[0][0]
    for number, sentence in enumerate(_sentences(raw), start=1):
        if sentence.start <= start < sentence.end:
            return number
    raise ValueError(f"quote begins between sentences: {quote[:60]!r}")


_MARKUP = str.maketrans({c: f"&#{ord(c)};" for c in "$*_`[]\\~|"})


def inert(text: str) -> str:
    """``text`` escaped for HTML, with the characters Markdown would read as markup (``$`` for
    maths, ``*`` and ``_`` for emphasis, brackets, backticks) written as character references,
    so that a source's words show as they are when the evidence is parsed as MyST."""
    return html.escape(text).translate(_MARKUP)


@cache
def _mapped(raw: str) -> tuple[str, str, tuple[int, ...]]:
    import unicodedata

    from crisis.data.text import normalise_with_map

    text, offsets = normalise_with_map(raw)
    return unicodedata.normalize("NFC", raw), text, tuple(offsets)


def source_words(raw: str, quote: str) -> str:
    """The quote as the source writes it: each part (split at ``...``) cut from ``raw`` itself,
    so that its dashes, quotation marks and accents are the source's, not the normalised ones
    of the data; whitespace runs become one space. Raises ValueError when it is not in ``raw``.
    """
    original, text, offsets = _mapped(raw)
    spans = find_quote(quote, text)
    if not spans:
        raise ValueError(f"quote not found in the source: {quote[:60]!r}")
    parts = [" ".join(original[offsets[a] : offsets[b - 1] + 1].split()) for a, b in spans]
    return " ... ".join(parts)


def quote_link(project, source_id: str, quote: str) -> str:
    """HTML: the quote in curly quotes, as the source writes it, linked to its sentence on the
    texts page."""
    raw = project.texts[source_id]
    number = sentence_number(raw, quote)
    href = f"{TEXTS_PAGE}#{sentence_anchor(source_id, number)}"
    return f'<a class="quote-link" href="{href}">“{inert(source_words(raw, quote))}”</a>'


def _report_rows(rows: pd.DataFrame) -> pd.DataFrame:
    coding = [
        f"{t.lower()}, {date_label(d, p)}, date {b}"
        for t, d, p, b in zip(rows["event_type"], rows["date"], rows["date_precision"],
                              rows["date_basis"], strict=True)
    ]  # fmt: skip
    return pd.DataFrame(
        {"source_id": rows["source_id"].to_numpy(), "quote": rows["quote"].to_numpy(),
         "coding": coding}, columns=ROW_COLUMNS,
    )  # fmt: skip


def event_rows(project, event_ids) -> pd.DataFrame:
    """One evidence row per report of the given events (in data/events.csv order)."""
    wanted = set(event_ids)
    missing = sorted(wanted - set(project.events["event_id"]))
    if missing:
        raise KeyError(f"no event {', '.join(map(repr, missing))} in data/events.csv")
    return _report_rows(project.events[project.events["event_id"].isin(wanted)])


def report_rows(project, reports: pd.DataFrame) -> pd.DataFrame:
    """The evidence rows of exactly the given event reports - rows of ``project.events``, a
    subset keeping its index - in their order: only these, not every report of their events.

    Raises KeyError for a row that is not one of ``project.events`` and ValueError for none.
    """
    events = project.events
    stray = reports.index.difference(events.index)
    if len(stray) or not events.loc[reports.index, "event_id"].equals(reports["event_id"]):
        raise KeyError("reports that are not rows of data/events.csv")
    if reports.empty:
        raise ValueError("no event report to give evidence for")
    return _report_rows(events.loc[reports.index])


OWN_DATE = "report that dates one of them from its own words"


def own_dated_rows(project, event_ids) -> pd.DataFrame:
    """The evidence rows of the reports of the given events that date them from their own words
    (stated or inferred, not borrowed): the reports a comparison of the sources' dates reads,
    since a borrowed date is no evidence that two sources agree."""
    events = project.events
    own = events["event_id"].isin(set(event_ids)) & (events["date_basis"] != "borrowed")
    return report_rows(project, events[own])


def source_rows(project, source_ids=None) -> pd.DataFrame:
    """One evidence row per source (all, or ``source_ids`` in sources.csv order), for a count
    of sources: its title, which heads its text, as the quote; its kind and outlet as coding.
    Raises KeyError for an unknown source, ValueError for a text without its title."""
    sources = project.sources
    if source_ids is not None:
        wanted = set(source_ids)
        missing = sorted(wanted - set(sources["source_id"]))
        if missing:
            raise KeyError(f"no source {', '.join(map(repr, missing))} in data/sources.csv")
        sources = sources[sources["source_id"].isin(wanted)]
    for source_id, title in zip(sources["source_id"], sources["title"], strict=True):
        if normalise(title) not in normalise(project.texts[source_id]):
            raise ValueError(f"the text of {source_id!r} does not contain its title {title!r}")
    coding = [
        f"{kind}, {outlet}" if isinstance(outlet, str) and outlet else kind
        for kind, outlet in zip(sources["kind"], sources["outlet"], strict=True)
    ]
    return pd.DataFrame(
        {"source_id": sources["source_id"].to_numpy(), "quote": sources["title"].to_numpy(),
         "coding": coding}, columns=ROW_COLUMNS,
    )  # fmt: skip


def claim_rows(project, fact_ids, source_id: str | None = None) -> pd.DataFrame:
    """One evidence row per report of the given facts (of one source, if given); the coding is
    the value as coded ('nearly 3,000,000 people') and the date the claim holds for, if any."""
    wanted = set(fact_ids)
    rows = project.claims[project.claims["fact_id"].isin(wanted)]
    if source_id is not None:
        rows = rows[rows["source_id"] == source_id]
    if rows.empty:
        raise KeyError(f"no claim {sorted(wanted)!r} from {source_id!r} in data/claims.csv")
    coding = []
    for value, top, hedge, unit, date in zip(rows["value"], rows["value_max"], rows["hedge"],
                                             rows["unit"], rows["date"], strict=True):  # fmt: skip
        amount = _amount(value) if pd.isna(top) else f"{_amount(value)} to {_amount(top)}"
        words = " ".join(x for x in (hedge, amount, UNIT_WORDS.get(unit, unit)) if x)
        if isinstance(date, str) and date:
            words += f", dated {date_label(date, precision_of(date))}"
        coding.append(words)
    return pd.DataFrame(
        {"source_id": rows["source_id"].to_numpy(), "quote": rows["quote"].to_numpy(),
         "coding": coding}, columns=ROW_COLUMNS,
    )  # fmt: skip


UNIT_WORDS = {"usd": "US dollars"}  # units as readers write them, where the code is not a word


def _amount(value: float) -> str:
    """A claimed value as a reader writes it: 9000000000 -> '9,000,000,000'; 35.5 -> '35.5'."""
    return f"{value:,.12g}"


@dataclass
class Item:
    """One glued value and its evidence."""

    name: str
    text: str
    what: str
    rows: pd.DataFrame
    inputs: tuple[str, ...] = ()
    fold_note: str = ""
    setting: bool = False


@dataclass
class Ledger:
    """The evidence of one chapter's numbers, in the order they were glued."""

    project: object
    chapter: str
    items: dict[str, Item] = field(default_factory=dict)

    def label(self, name: str) -> str:
        """The Sphinx label of an item: ``ev-<chapter>-<name>``."""
        return f"ev-{self.chapter}-{name}".replace("_", "-")

    def glue(self, name: str, text: str, rows: pd.DataFrame, what: str) -> None:
        """Glue ``text`` as a link to its evidence; write ``{glue:md}`name:myst``` in prose.

        ``what`` says in words what the value is ("events reported by all five sources").
        Raises ValueError for a bad or repeated name, empty text, rows without the columns of
        ``ROW_COLUMNS`` or no row at all (a number without evidence does not exist).
        """
        if list(rows.columns) != ROW_COLUMNS:
            raise ValueError(
                f"evidence rows need the columns {ROW_COLUMNS}, got {list(rows.columns)}"
            )
        if rows.empty:
            raise ValueError(f"evidence {name!r} has no rows: a number without evidence")
        self._add(Item(name, text, what, rows.reset_index(drop=True)))

    def count(self, name: str, rows: pd.DataFrame, what: str, n: int | None = None,
              capital: bool = False, per: str = PER_REPORT) -> int:  # fmt: skip
        """Glue a count in house style (words under ten), linked to the rows it counts.

        ``n`` is the count when it is not the number of rows (events counted, each with all its
        reports; ``per`` then says what each of the more numerous rows is: "one for each
        <per>"); ``capital`` starts it with a capital letter, for the start of a sentence.
        Returns the count. A count of zero has no rows to show: glue it with ``derived`` from
        the rows examined.
        """
        from crisis.report.wording import count_words

        value = len(rows) if n is None else n
        if value > len(rows):
            raise ValueError(f"evidence {name!r} counts {value} but lists only {len(rows)} rows")
        text = count_words(value)
        self.glue(name, text[:1].upper() + text[1:] if capital else text, rows, what)
        if value < len(rows):
            self.items[name].fold_note = f" (one for each {per})"
        return value

    def count_events(self, name: str, event_ids, what: str, capital: bool = False) -> int:
        """Glue the number of distinct events in ``event_ids``, with every report of each."""
        ids = list(dict.fromkeys(event_ids))
        if not ids:
            raise ValueError(f"evidence {name!r} counts no event: glue a zero with derived()")
        return self.count(name, event_rows(self.project, ids), what, n=len(ids), capital=capital)

    def count_facts(self, name: str, fact_ids, what: str, capital: bool = False) -> int:
        """Glue the number of distinct facts in ``fact_ids``, with every claim of each."""
        ids = list(dict.fromkeys(fact_ids))
        if not ids:
            raise ValueError(f"evidence {name!r} counts no fact: glue a zero with derived()")
        return self.count(name, claim_rows(self.project, ids), what, n=len(ids), capital=capital)

    def event(self, name: str, text: str, event_id: str, what: str,
              source_id: str | None = None) -> None:  # fmt: skip
        """Glue ``text`` (a date, a name) read from the reports of one event (of one source)."""
        rows = event_rows(self.project, [event_id])
        if source_id is not None:
            rows = rows[rows["source_id"] == source_id]
            if rows.empty:
                raise KeyError(f"no report of {event_id!r} from {source_id!r} in data/events.csv")
        self.glue(name, text, rows, what)

    def claim(self, name: str, text: str, fact_id: str, what: str,
              source_id: str | None = None) -> None:  # fmt: skip
        """Glue ``text`` (a value) read from the claims of one fact (of one source)."""
        self.glue(name, text, claim_rows(self.project, [fact_id], source_id), what)

    def setting(self, name: str, text: str, what: str) -> None:
        """Glue ``text``, a setting of the analysis (a number of resampling draws, a tolerance):
        not read from the sources nor computed from them; its evidence says so."""
        self._add(Item(name, text, what, pd.DataFrame(columns=ROW_COLUMNS), setting=True))

    def derived(self, name: str, text: str, what: str, inputs: list[str]) -> None:
        """Glue ``text``, a value computed from values glued before in this chapter (``inputs``,
        their names); its evidence says how and links to theirs."""
        unknown = [i for i in inputs if i not in self.items]
        if not inputs or unknown:
            raise ValueError(
                f"evidence {name!r} must be derived from values glued before it in chapter "
                f"{self.chapter!r}; unknown: {unknown or 'none given'}"
            )
        self._add(Item(name, text, what, pd.DataFrame(columns=ROW_COLUMNS), tuple(inputs)))

    def _add(self, item: Item) -> None:
        from myst_nb import glue

        name, text = item.name, item.text
        if not _NAME.fullmatch(name):
            raise ValueError(f"evidence name must be lower-case letters, digits and _: {name!r}")
        if name in self.items:
            raise ValueError(f"evidence {name!r} glued twice in chapter {self.chapter!r}")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"evidence {name!r} has no text to show")
        self.items[name] = item
        glue(name, Markdown(f"{{ref}}`{_escape_role(text)} <{self.label(name)}>`"), display=False)

    def section(self) -> Markdown:
        """The chapter's evidence section: one labelled block per item, each row with its source,
        its quote linked to the source sentence, and its coding."""
        labels = dict(zip(self.project.sources["source_id"], self.project.sources["label"],
                          strict=True))  # fmt: skip
        blocks, seen = [], {}
        for item in self.items.values():
            lines = [f"({self.label(item.name)})=", "",
                     f"**{_escape_md(item.text)}**: {_escape_md(item.what)}", ""]  # fmt: skip
            if item.setting:
                lines.append('<span class="evidence-setting">A setting of the analysis, chosen '
                             "in the code: not read from the sources.</span>")  # fmt: skip
            if item.inputs:
                links = [f"{{ref}}`{_escape_role(self.items[i].text)} <{self.label(i)}>` "
                         f"({_escape_md(self.items[i].what)})" for i in item.inputs]  # fmt: skip
                lines.append("Computed from " + "; ".join(links) + ".")
            same = seen.get(_key(item.rows))
            if same is not None:
                same_rows = "quote" if len(item.rows) == 1 else f"{len(item.rows)} quotes"
                lines.append(f"The same {same_rows} as {{ref}}"
                             f"`{_escape_role(self.items[same].text)} <{self.label(same)}>` "
                             f"({_escape_md(self.items[same].what)}).")  # fmt: skip
                blocks.append("\n".join(lines))
                continue
            if len(item.rows):
                seen[_key(item.rows)] = item.name
            rows = [
                f"- {html.escape(labels[s])}: {quote_link(self.project, s, q)} "
                f"<span class=\"coding\">({inert(c)})</span>"
                for s, q, c in zip(item.rows["source_id"], item.rows["quote"], item.rows["coding"],
                                   strict=True)
            ]  # fmt: skip
            if len(rows) > FOLD_AFTER:
                rows = [f'<details class="evidence-rows"><summary>All {len(rows)} quotes'
                        f"{item.fold_note}</summary>", "", *rows, "", "</details>"]  # fmt: skip
            lines += rows
            blocks.append("\n".join(lines))
        return Markdown("\n\n".join(blocks) + "\n")


def glue_link(name: str, text: str, href: str) -> None:
    """Glue ``text`` as a plain link to ``href``, written ``{glue:md}`name:myst``` in prose: for
    a count whose rows are the page itself (the explorer's table, the texts page's sentences)."""
    from myst_nb import glue

    if not _NAME.fullmatch(name):
        raise ValueError(f"glue name must be lower-case letters, digits and _: {name!r}")
    if not href.startswith("#") or len(href) < 2:
        raise ValueError(f"glue_link needs a '#id' on the same page, got {href!r}")
    markup = f'<a class="count-link" href="{html.escape(href)}">{html.escape(text)}</a>'
    glue(name, Markdown(markup), display=False)


def _key(rows: pd.DataFrame) -> tuple:
    return tuple(map(tuple, rows.to_numpy().tolist()))


def _escape_role(text: str) -> str:
    return text.replace("<", r"\<").replace("`", "'")


def _escape_md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>$])", r"\\\1", text)
