"""The data explorer: every event report and every claim in one searchable, filterable table.

``explorer_rows`` shapes the rows (human labels, a sortable date, the quote linked to its
sentence on the texts page); ``explorer_html`` renders them with the filter controls that
``book/_static/explorer.js`` drives in the reader's browser, offline (no CDN, no library). Each
row carries its filterable values as ``data-*`` attributes, so the script never parses text.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from crisis.data.dates import date_label, date_span, precision_of
from crisis.report.evidence import quote_link
from crisis.report.wording import actor_names, source_labels

SCOPE_LABELS = {"crisis": "Act of the crisis", "context": "Context"}
BASIS_LABELS = {
    "stated": "Stated by the source",
    "inferred": "Inferred from the same text",
    "borrowed": "Borrowed from another source",
}
COLUMNS = [
    "record", "date", "start", "end", "theme", "type", "actors", "recipients", "what", "source",
    "scope", "basis", "quote",
]  # fmt: skip
FILTERS = {  # column -> label of its drop-down
    "record": "Record",
    "theme": "Theme",
    "type": "Type",
    "source": "Source",
    "scope": "Scope",
    "basis": "Date basis",
}
HEADERS = {
    "date": "Date",
    "type": "Type",
    "actors": "Who",
    "recipients": "Towards",
    "what": "What the row says",
    "source": "Source",
    "quote": "The source's words",
}


def _names(ids, names: dict[str, str]) -> str:
    return ", ".join(names[i] for i in ids)


def explorer_rows(project) -> pd.DataFrame:
    """One row per event report and per claim, events first, each in data order."""
    names, labels = actor_names(project), source_labels(project)
    ev = project.events
    spans = [date_span(d, p) for d, p in zip(ev["date"], ev["date_precision"], strict=True)]
    events = pd.DataFrame(
        {
            "record": "Event report",
            "date": [
                date_label(d, p) for d, p in zip(ev["date"], ev["date_precision"], strict=True)
            ],
            "start": [s.strftime("%Y-%m-%d") for s, _ in spans],
            "end": [(e - pd.Timedelta(days=1)).strftime("%Y-%m-%d") for _, e in spans],
            "theme": ev["theme"].str.capitalize().to_numpy(),
            "type": ev["event_type"].str.capitalize().to_numpy(),
            "actors": [_names(t, names) for t in ev["actors"]],
            "recipients": [_names(t, names) for t in ev["recipients"]],
            "what": ev["summary"].to_numpy(),
            "source": ev["source_id"].map(labels).to_numpy(),
            "scope": ev["scope"].map(SCOPE_LABELS).to_numpy(),
            "basis": ev["date_basis"].map(BASIS_LABELS).to_numpy(),
            "quote": [
                quote_link(project, s, q) for s, q in zip(ev["source_id"], ev["quote"], strict=True)
            ],  # fmt: skip
        }
    )
    cl = project.claims
    claims = pd.DataFrame(
        {
            "record": "Number",
            "date": [date_label(d, precision_of(d)) if d else "" for d in cl["date"]],
            "start": [_first_day(d) for d in cl["date"]],
            "end": [_last_day(d) for d in cl["date"]],
            "theme": "",
            "type": "Number",
            "actors": "",
            "recipients": "",
            "what": [_claim_text(r) for r in cl.to_dict("records")],
            "source": cl["source_id"].map(labels).to_numpy(),
            "scope": "",
            "basis": "",
            "quote": [
                quote_link(project, s, q) for s, q in zip(cl["source_id"], cl["quote"], strict=True)
            ],  # fmt: skip
        }
    )
    return pd.concat([events, claims], ignore_index=True)[COLUMNS]


def _first_day(date: str) -> str:
    """The first day a claim's date may fall on, ISO ('' for an undated claim)."""
    return date_span(date, precision_of(date))[0].strftime("%Y-%m-%d") if date else ""


def _last_day(date: str) -> str:
    """The last day a claim's date may fall on, ISO ('' for an undated claim)."""
    if not date:
        return ""
    return (date_span(date, precision_of(date))[1] - pd.Timedelta(days=1)).strftime("%Y-%m-%d")


def _claim_text(row: dict) -> str:
    top = row["value_max"]
    amount = f"{row['value']:,.10g}" if pd.isna(top) else f"{row['value']:,.10g} to {top:,.10g}"
    said = " ".join(x for x in (row["hedge"], amount, row["unit"]) if x)
    return f"{row['subject'][:1].upper()}{row['subject'][1:]}: {said}"


def _options(values: pd.Series) -> str:
    seen = sorted({v for v in values if v})
    return "".join(f'<option value="{html.escape(v)}">{html.escape(v)}</option>' for v in seen)


def explorer_html(rows: pd.DataFrame) -> HTML:
    """The explorer: filters, a live count and the table (``book/_static/explorer.js``)."""
    controls = [
        '<label>Search <input type="search" data-filter="text" '
        'placeholder="words, names, quotes"></label>',
        '<label>From <input type="date" data-filter="from"></label>',
        '<label>To <input type="date" data-filter="to"></label>',
    ]
    for column, label in FILTERS.items():
        controls.append(
            f'<label>{label} <select data-filter="{column}"><option value="">all</option>'
            f"{_options(rows[column])}</select></label>"
        )
    controls.append(
        '<label>Sort by <select data-sort-select><option value="">data order</option>'
        + "".join(f'<option value="{c}">{h}</option>' for c, h in HEADERS.items())
        + "</select></label>"
    )
    head = "".join(
        f'<th scope="col"><button type="button" data-sort="{c}">{h}</button></th>'
        for c, h in HEADERS.items()
    )
    body = []
    for r in rows.to_dict("records"):
        attrs = " ".join(f'data-{c}="{html.escape(str(r[c]))}"' for c in (*FILTERS, "start", "end"))
        cells = "".join(
            f'<td data-label="{HEADERS[c]}">{r[c] if c == "quote" else html.escape(str(r[c]))}</td>'
            for c in HEADERS
        )
        body.append(f"<tr {attrs}>{cells}</tr>")
    return HTML(
        '<div class="explorer">\n'
        f'<form class="explorer-filters" role="search" aria-label="Filter the rows">'
        f"{''.join(controls)}</form>\n"
        f'<p class="explorer-count" aria-live="polite">{len(rows)} rows</p>\n'
        f'<table class="explorer-table" id="explorer-rows"><thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{chr(10).join(body)}\n</tbody></table>\n</div>"
    )
