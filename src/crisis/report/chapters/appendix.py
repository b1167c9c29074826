"""Reference tables for the data & methods appendix: codebook, schema, check results, downloads.

The schema tables are generated from ``data/datapackage.json`` and the codebook tables from
``crisis.data.codebook``, so the appendix cannot drift from what the check enforces.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from crisis.data.codebook import DATE_BASES, DATE_PRECISIONS, EVENT_TYPES, THEMES


def codebook_table() -> pd.DataFrame:
    """Event types with quad class, PLOVER score, tie sign, modes and definition."""
    return pd.DataFrame(
        [
            {
                "Event type": t.name,
                "Quad class": t.quad,
                "Score": t.score,
                "Tie": "positive" if t.score > 0 else "negative",
                "Modes": ", ".join(t.modes) or "—",
                "Definition": t.definition,
            }
            for t in EVENT_TYPES.values()
        ]
    )


#: The date bases as the data apply them, for readers (the codebook's one-line meanings leave
#: out when "on Monday" is inferred and the borrowing through an episode the text ties to).
DATE_BASIS_MEANINGS: dict[str, str] = {
    "stated": DATE_BASES["stated"],
    "inferred": "The date is resolved from the same text's own anchors — a heading, a "
    "neighbouring date, a caption, the article's chronology; 'on Monday' is inferred when the "
    "same text fixes the week. The note names the anchor.",
    "borrowed": "The text does not fix the date ('on Monday' with no week fixed anywhere in it). "
    "It comes from another source's report of the same event, or, for an event the text ties "
    "to an episode it tells ('five days after the landing'), from another source's date of that "
    "episode, shifted as the text says. The note names the source (and the episode). Never "
    "evidence that the sources agree on a date.",
}


def vocabulary_table() -> pd.DataFrame:
    """Themes, date precisions and date bases with their meaning."""
    rows = [("theme", k, v) for k, v in THEMES.items()]
    rows += [("date_precision", k, v) for k, v in DATE_PRECISIONS.items()]
    rows += [("date_basis", k, DATE_BASIS_MEANINGS.get(k, v)) for k, v in DATE_BASES.items()]
    return pd.DataFrame(rows, columns=["Field", "Value", "Meaning"])


def _constraints(field: dict) -> str:
    c = field.get("constraints", {})
    parts = []
    if "enum" in c:
        parts.append("one of " + ", ".join(c["enum"]))
    if "pattern" in c:
        parts.append(f"pattern {c['pattern']}")
    if c.get("unique"):
        parts.append("unique")
    return "; ".join(parts)


def read_descriptor(root: Path | str) -> dict:
    """The parsed ``data/datapackage.json`` of the project at ``root``."""
    path = Path(root) / "data" / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: no data package descriptor") from None


def schema_tables(root: Path) -> dict[str, pd.DataFrame]:
    """One table per resource of data/datapackage.json: field, type, required, rules, meaning."""
    descriptor = read_descriptor(root)
    tables = {}
    for res in descriptor["resources"]:
        tables[res["path"]] = pd.DataFrame(
            [
                {
                    "Field": f["name"],
                    "Type": f["type"],
                    "Required": "yes" if f.get("constraints", {}).get("required") else "",
                    "Rules": _constraints(f),
                    "Meaning": f.get("description", ""),
                }
                for f in res["schema"]["fields"]
            ]
        )
    return tables


def keys_table(root: Path) -> pd.DataFrame:
    """Primary and foreign keys of every table."""
    descriptor = read_descriptor(root)
    rows = []
    for res in descriptor["resources"]:
        pk = res["schema"].get("primaryKey", [])
        rows.append((res["path"], "primary key", ", ".join([pk] if isinstance(pk, str) else pk)))
        for fk in res["schema"].get("foreignKeys", []):
            fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
            ref = fk["reference"]
            ref_fields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
            target = f"{ref.get('resource') or res['name']}.{', '.join(ref_fields)}"
            rows.append((res["path"], "foreign key", f"{', '.join(fields)} → {target}"))
    return pd.DataFrame(rows, columns=["Table", "Key", "Fields"])


def check_summary(root: Path) -> pd.DataFrame:
    """The counts and coverage that ``python -m crisis check`` prints."""
    from crisis.data.check import run_checks, summary

    result = run_checks(root)
    if result.problems:
        raise ValueError("the data check fails; run python -m crisis check")
    return pd.DataFrame(list(summary(result).items()), columns=["Measure", "Count"])


def resource_paths(root: Path) -> list[str]:
    """The path (relative to ``data/``) of every table the data package describes, in order."""
    return [res["path"] for res in read_descriptor(root)["resources"]]


def coverage_by_source(coverage: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Dated sentences per source and what covers them: an event's quote or a waiver."""
    rows = []
    for source_id, label in labels.items():
        mine = coverage[coverage["source_id"] == source_id]
        rows.append(
            {
                "Source": label,
                "Dated sentences": len(mine),
                "Quoted by an event": int((mine["covered_by"] == "event").sum()),
                "Waived": int((mine["covered_by"] == "waiver").sum()),
                "Not covered": int((mine["covered_by"] == "").sum()),
            }
        )
    unknown = sorted(set(coverage["source_id"]) - set(labels))
    if unknown:
        raise ValueError(f"coverage rows for unknown source(s): {', '.join(unknown)}")
    return pd.DataFrame(rows)


_RAW_ID = re.compile(r"\s*\((?:[a-z0-9]+_)+[a-z0-9]+\)")


def readable_reason(reason: str) -> str:
    """A waiver's reason without the raw identifiers it names in brackets ('(venezuelans_fled)')."""
    return _RAW_ID.sub("", reason)


def waivers_table(waivers: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """The coverage waivers as readers see them: source label, the sentence, the reason."""
    return pd.DataFrame(
        {
            "Source": waivers["source_id"].map(labels).to_numpy(),
            "Dated sentence": waivers["sentence"].to_numpy(),
            "Why no event quotes it": [readable_reason(r) for r in waivers["reason"]],
        }
    )


def generated_dir(root: Path | str) -> Path:
    """Where the appendix writes the derived tables for download (git-ignored, build-time)."""
    return Path(root) / "book" / "_generated"


def coding_selections(project) -> dict[str, pd.DataFrame]:
    """How the coding rules fall on the data, with what each measure counts: measure -> the
    rows of ``project.events`` counted (event reports; for a measure of events, the first
    report of each event). ``coding_summary`` counts them; the appendix links each count to
    its rows (``crisis.report.evidence``)."""
    events = project.events
    first = events.drop_duplicates("event_id")
    per_event = events.groupby("event_id")["source_id"].nunique()
    own = events[events["date_basis"] != "borrowed"].groupby("event_id")["source_id"].nunique()
    several = set(per_event[per_event > 1].index)
    own_several = {e for e in several if own.get(e, 0) >= 2}
    return {
        "Event reports whose sentence states the date": events[events["date_basis"] == "stated"],
        "Event reports with a date inferred from the same text": events[
            events["date_basis"] == "inferred"
        ],
        "Event reports with a date borrowed from another source": events[
            events["date_basis"] == "borrowed"
        ],
        "Events in the crisis (scope crisis)": first[first["scope"] == "crisis"],
        "Events told as background or aside (scope context)": first[first["scope"] == "context"],
        "Events told by several sources": first[first["event_id"].isin(several)],
        "… of them dated by two or more from their own text": first[
            first["event_id"].isin(own_several)
        ],
        "Event reports that name no actor": events[events["actors"].map(len) == 0],
    }


def coding_summary(project) -> pd.DataFrame:
    """How the coding rules fall on the data: event reports by date basis, events by scope,
    events told by several sources that two or more date from their own text, reports that name
    no actor. One row per measure ("Measure", "Count"), counting ``coding_selections``."""
    rows = [(measure, len(rows)) for measure, rows in coding_selections(project).items()]
    return pd.DataFrame(rows, columns=["Measure", "Count"])


def coverage_evidence(coverage: pd.DataFrame, waivers: pd.DataFrame) -> pd.DataFrame:
    """Evidence rows (``crisis.report.evidence.ROW_COLUMNS``) of the dated sentences of the
    coverage table, one per row and in its order: the sentence as the quote, and as coding its
    date phrases and what covers it (an event's quote, or the waiver with its reason)."""
    from crisis.data.text import normalise
    from crisis.report.evidence import ROW_COLUMNS

    reasons = {
        (s, normalise(t)): readable_reason(r)
        for s, t, r in zip(waivers["source_id"], waivers["sentence"], waivers["reason"],
                           strict=True)
    }  # fmt: skip
    coding = []
    for source_id, sentence, dates, by in zip(
        coverage["source_id"], coverage["sentence"], coverage["dates"], coverage["covered_by"],
        strict=True,
    ):  # fmt: skip
        if by == "event":
            cover = "quoted by an event"
        elif by == "waiver":
            cover = f"waived: {reasons.get((source_id, normalise(sentence)), '')}".rstrip(": ")
        else:
            cover = "not covered"
        coding.append(f"dates: {dates}; {cover}")
    return pd.DataFrame(
        {"source_id": coverage["source_id"].to_numpy(), "quote": coverage["sentence"].to_numpy(),
         "coding": coding}, columns=ROW_COLUMNS,
    )  # fmt: skip


def readable_check_summary(root: Path) -> pd.DataFrame:
    """``check_summary`` with its measures written as sentences start (capitalised)."""
    summary = check_summary(root)
    return summary.assign(Measure=summary["Measure"].str.capitalize())


def guard_table(counts: dict[str, int], titles: dict[str, str]) -> pd.DataFrame:
    """Prose guards per page (``crisis.report.guards.count_guards``), pages by their title, in
    the given order, with a total row. KeyError for a page without a title."""
    rows = [(titles[page], n) for page, n in counts.items()]
    rows.append(("All pages", sum(counts.values())))
    return pd.DataFrame(rows, columns=["Page", "Prose guards"])


def page_titles(notebooks: list[Path]) -> dict[str, str]:
    """notebook stem -> the text of its first '# ' heading (the stem when it has none)."""
    titles = {}
    for path in notebooks:
        cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
        lines = (
            line
            for c in cells
            if c["cell_type"] == "markdown"
            for line in "".join(c["source"]).splitlines()
        )
        heading = next((line[2:].strip() for line in lines if line.startswith("# ")), None)
        titles[Path(path).stem] = heading or Path(path).stem
    return titles


def toc_notebooks(root: Path | str) -> list[Path]:
    """The notebooks of the book in the order of ``_toc.yml`` (root first, then each chapter)."""
    import yaml

    toc = yaml.safe_load((Path(root) / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part["chapters"]]
    paths = [Path(root) / f"{f}.ipynb" for f in files]
    return [p for p in paths if p.is_file()]
