"""The bibliography has one entry per source, stating only what the source text states."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pybtex.database import BibliographyData, parse_string

ROOT = Path(__file__).resolve().parents[2]
ALLOWED_FIELDS = {"title", "howpublished", "note", "url"}
# Where the book shows each source text, relative to the reference page (book/references.html):
# the texts page, at the section labelled text-<source_id with dashes>.
TEXTS_URL = "texts.html#text-"


def read_sources(root: Path = ROOT) -> dict[str, dict[str, str]]:
    """data/sources.csv as source_id -> row."""
    with (root / "data" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return {row["source_id"]: row for row in csv.DictReader(handle)}


def reference_problems(bib: BibliographyData, sources: dict[str, dict[str, str]]) -> list[str]:
    """What in ``bib`` disagrees with ``sources`` (empty when nothing does)."""
    problems = [f"{k}: no bibliography entry" for k in sources if k not in bib.entries]
    problems += [f"{k}: not a source in data/sources.csv" for k in bib.entries if k not in sources]
    for key, entry in bib.entries.items():
        if key not in sources:
            continue
        if entry.persons:
            problems.append(f"{key}: names authors or editors the text does not state")
        extra = sorted(set(entry.fields) - ALLOWED_FIELDS)
        if extra:
            problems.append(f"{key}: fields the texts do not state: {', '.join(extra)}")
        if entry.fields.get("title", "").strip("{}") != sources[key]["title"]:
            problems.append(f"{key}: title differs from data/sources.csv")
        if entry.fields.get("howpublished", "") != sources[key]["outlet"]:
            problems.append(f"{key}: outlet differs from data/sources.csv")
        if entry.fields.get("url", "") != TEXTS_URL + key.replace("_", "-"):
            problems.append(f"{key}: url is not the source's section of the texts page")
        label = sources[key].get("label")
        if label and not entry.fields.get("note", "").endswith(f"called {label} in the chapters"):
            problems.append(f"{key}: note does not give the short name the chapters use")
        if "seeds/" in entry.fields.get("note", ""):
            problems.append(f"{key}: note shows a file path")
    return problems


def test_the_bibliography_matches_the_sources_table():
    bib = parse_string((ROOT / "book" / "references.bib").read_text(encoding="utf-8"), "bibtex")
    assert reference_problems(bib, read_sources()) == []


GOOD = """@misc{a,
  title = {{A title}},
  howpublished = {The Outlet},
  note = {News article},
  url = {texts.html#text-a}
}
"""
SOURCES = {"a": {"title": "A title", "outlet": "The Outlet", "file": "seeds/000_a.txt"}}


@pytest.mark.parametrize(
    ("bibtex", "problem"),
    [
        ("", "a: no bibliography entry"),
        (GOOD + "@misc{b, title = {B}}\n", "b: not a source in data/sources.csv"),
        (
            GOOD.replace("{{A title}}", "{{Another title}}"),
            "a: title differs from data/sources.csv",
        ),
        (
            GOOD.replace("  howpublished = {The Outlet},\n", ""),
            "a: outlet differs from data/sources.csv",
        ),
        (GOOD.replace("note", "year = {2019},\n  note"), "a: fields the texts do not state: year"),
        (
            GOOD.replace("note", "author = {Someone},\n  note"),
            "a: names authors or editors the text",
        ),
        (
            GOOD.replace("#text-a", "#text-b"),
            "a: url is not the source's section of the texts page",
        ),
        (
            GOOD.replace("News article}", "News article; seeds/000\\_a.txt}"),
            "a: note shows a file path",
        ),
    ],
)
def test_disagreements_are_reported(bibtex, problem):
    problems = reference_problems(parse_string(bibtex, "bibtex"), SOURCES)
    assert any(p.startswith(problem) for p in problems), problems


def test_a_matching_entry_has_no_problem():
    assert reference_problems(parse_string(GOOD, "bibtex"), SOURCES) == []
