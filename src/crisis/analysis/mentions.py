"""The mentions table: every occurrence of an actor's name or alias in every source."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

import pandas as pd

from crisis.data.text import normalise, split_sentences

if TYPE_CHECKING:
    from crisis.data.load import Project

COLUMNS = ["actor_id", "source_id", "sentence_no", "alias", "start", "end", "sentence"]


def alias_pattern(actors: pd.DataFrame) -> tuple[re.Pattern, dict[str, str]]:
    """One alternation over every name and alias, longest first, matched as whole words.

    Returns the pattern and the owner (actor_id) of each normalised alias. Longest first makes
    the regex prefer "United States" over "US"-like prefixes at the same place; the lookarounds
    make word boundaries work with accented letters and with aliases ending in a dot ("U.S.").
    """
    owner: dict[str, str] = {}
    for actor_id, name, aliases in actors[["actor_id", "name", "aliases"]].itertuples(index=False):
        for alias in (*aliases, name):
            if normalise(alias):
                owner.setdefault(normalise(alias), actor_id)
    ordered = sorted(owner, key=lambda a: (-len(a), a))
    body = "|".join(re.escape(a) for a in ordered) or "(?!)"  # no alias: match nothing
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])"), owner


def mentions_in_text(
    source_id: str, raw: str, pattern: re.Pattern, owner: dict[str, str]
) -> list[dict]:
    """Mentions in one source, scanned once (linear in the text's length).

    ``start``/``end`` are offsets in ``normalise(raw)``; ``sentence_no`` is the 0-based index of
    the sentence (``split_sentences``) holding the mention.
    """
    sentences = split_sentences(raw)
    starts = [s.start for s in sentences]
    text = normalise(raw)
    found = []
    for m in pattern.finditer(text):
        i = max(bisect.bisect_right(starts, m.start()) - 1, 0)
        found.append(
            {
                "actor_id": owner[m.group(0)],
                "source_id": source_id,
                "sentence_no": i,
                "alias": m.group(0),
                "start": m.start(),
                "end": m.end(),
                "sentence": sentences[i].text if sentences else "",
            }
        )
    return found


def find_mentions(project: Project) -> pd.DataFrame:
    """Every alias occurrence (actor, source, sentence), sorted by source then position.

    Columns: actor_id, source_id, sentence_no, alias, start, end, sentence. Matches never
    overlap; where aliases compete at one place, the longest wins.
    """
    pattern, owner = alias_pattern(project.actors)
    records = []
    for source_id in sorted(project.texts):
        records.extend(mentions_in_text(source_id, project.texts[source_id], pattern, owner))
    frame = pd.DataFrame.from_records(records, columns=COLUMNS)
    return frame.sort_values(["source_id", "start"], kind="stable").reset_index(drop=True)
