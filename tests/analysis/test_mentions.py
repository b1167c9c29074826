"""Tests of crisis.analysis.mentions.find_mentions: whole words, longest match, one scan per
source."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from crisis.analysis import mentions
from crisis.analysis.mentions import COLUMNS, alias_pattern, find_mentions
from crisis.data.load import Project, load_project
from crisis.data.text import normalise, split_sentences


def _project(actors: list[tuple[str, str, tuple[str, ...]]], texts: dict[str, str]) -> Project:
    """A minimal Project holding just what find_mentions reads."""
    frame = pd.DataFrame(actors, columns=["actor_id", "name", "aliases"])
    empty = pd.DataFrame()
    return Project(Path("."), empty, frame, empty, empty, empty, texts, empty)


ACTORS = [
    ("united_states", "United States", ("United States", "U.S.", "US")),
    ("us_state_department", "US State Department", ("US State Department",)),
    ("juan_guaido", "Juan Guaidó", ("Juan Guaidó", "Guaidó", "Guaido")),
    ("russia", "Russia", ("Russia",)),
]


def test_columns_and_order_on_the_tiny_project(tiny: Path) -> None:
    project = load_project(tiny)
    found = find_mentions(project)
    assert list(found.columns) == COLUMNS
    assert list(found["source_id"].unique()) == ["state_dept_provoked", "the_week"]
    assert found.equals(found.sort_values(["source_id", "start"], kind="stable"))
    assert len(found) > 50


def test_each_mention_points_into_the_normalised_text_and_its_sentence(tiny: Path) -> None:
    project = load_project(tiny)
    found = find_mentions(project)
    aliases = {
        row.actor_id: {row.name, *row.aliases} for row in project.actors.itertuples(index=False)
    }
    for source_id, rows in found.groupby("source_id"):
        text = normalise(project.texts[source_id])
        sentences = split_sentences(project.texts[source_id])
        for row in rows.itertuples(index=False):
            assert text[row.start : row.end] == row.alias
            assert row.alias in aliases[row.actor_id]
            sentence = sentences[row.sentence_no]
            assert sentence.start <= row.start and row.end <= sentence.end
            assert row.sentence == sentence.text


def test_whole_words_only_with_accents_and_dots() -> None:
    text = "Russian troops. Russia's U.S.-backed Guaidó's; Guaidós US-led USA."
    found = find_mentions(_project(ACTORS, {"s": text}))
    assert list(zip(found["actor_id"], found["alias"], strict=True)) == [
        ("russia", "Russia"),
        ("united_states", "U.S."),
        ("juan_guaido", "Guaidó"),
        ("united_states", "US"),
    ]


def test_longest_alias_wins_and_matches_do_not_overlap() -> None:
    text = "The US State Department and the United States. Juan Guaidó met US envoys."
    found = find_mentions(_project(ACTORS, {"s": text}))
    assert found["alias"].tolist() == [
        "US State Department",
        "United States",
        "Juan Guaidó",
        "US",
    ]
    assert (found["start"].shift(-1).dropna() >= found["end"].iloc[:-1]).all()
    assert found["sentence_no"].tolist() == [0, 0, 1, 1]


def test_matching_is_case_sensitive_and_normalised() -> None:
    text = "russia said.\nJuan\u00a0  Guaidó spoke."
    found = find_mentions(_project(ACTORS, {"s": text}))
    assert found["alias"].tolist() == ["Juan Guaidó"]
    assert found["sentence_no"].tolist() == [1]


def test_sources_come_sorted_and_empty_results_keep_the_columns() -> None:
    found = find_mentions(_project(ACTORS, {"b": "Russia.", "a": "Russia."}))
    assert found["source_id"].tolist() == ["a", "b"]
    none = find_mentions(_project(ACTORS, {"a": "Nobody here."}))
    assert none.empty and list(none.columns) == COLUMNS


def test_no_actors_match_nothing() -> None:
    assert find_mentions(_project([], {"a": "Russia and the US."})).empty


def test_one_pattern_one_scan_per_source(monkeypatch: pytest.MonkeyPatch) -> None:
    """Linear in the text: one compiled alternation, scanned once per source."""
    scans: list[int] = []
    built: list[int] = []

    class Spy:
        def __init__(self, pattern: re.Pattern) -> None:
            self.pattern = pattern

        def finditer(self, text: str):
            scans.append(len(text))
            return self.pattern.finditer(text)

    def spy_pattern(actors: pd.DataFrame):
        built.append(1)
        pattern, owner = alias_pattern(actors)
        return Spy(pattern), owner

    monkeypatch.setattr(mentions, "alias_pattern", spy_pattern)
    texts = {"a": "Russia. " * 50, "b": "The US. " * 50, "c": "Guaido. " * 50}
    found = find_mentions(_project(ACTORS, texts))
    assert len(found) == 150
    assert built == [1]
    assert len(scans) == 3


def test_alias_pattern_lists_longest_first() -> None:
    pattern, owner = alias_pattern(pd.DataFrame(ACTORS, columns=["actor_id", "name", "aliases"]))
    body = pattern.pattern
    assert body.index(re.escape("US State Department")) < body.index(re.escape("United States"))
    assert owner["Guaido"] == "juan_guaido" and owner["U.S."] == "united_states"
