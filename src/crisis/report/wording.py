"""Wording the book prints: labels of dates, sources, actors and camps, citations, counts.

Pure functions of the loaded project (or of plain values), shared by every chapter; an
unknown id raises rather than printing a raw code.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from crisis.report.style import format_number

_SLUG = re.compile(r"[a-z0-9]+(_[a-z0-9]+)*")


CAMP_NAMES: dict[str, str] = {"maduro": "Maduro", "guaido": "Guaidó", "none": "no camp"}


def cite_keys(source_ids: Iterable[str]) -> str:
    """The keys of a ``{cite:p}`` role: 'encyclopedia,the_week' (order kept, repeats dropped).

    Raises ValueError for no source at all or an id that is not a source slug.
    """
    keys = list(dict.fromkeys(source_ids))
    if not keys:
        raise ValueError("a citation needs at least one source")
    bad = [k for k in keys if not isinstance(k, str) or not _SLUG.fullmatch(k)]
    if bad:
        raise ValueError(f"not source ids: {', '.join(map(repr, bad))}")
    return ",".join(keys)


def citation(source_ids: Iterable[str]) -> str:
    """The MyST markup citing the given sources: ``{cite:p}`a,b```."""
    return "{cite:p}`" + cite_keys(source_ids) + "`"


def glue_citation(name: str, source_ids: Iterable[str]) -> None:
    """Glue a computed citation, written ``{glue:md}`name:myst``` in the prose.

    Used where the prose says which sources report something, so the citation follows the data.
    """
    from IPython.display import Markdown
    from myst_nb import glue

    from crisis.report.style import check_glue_name

    glue(check_glue_name(name), Markdown(citation(source_ids)), display=False)


def large_number(value: float) -> str:
    """A count for prose: 3000000 -> '3 million', 41900000 -> '41.9 million', 20000 -> '20,000'.

    Raises ValueError for a negative, NaN or infinite value.
    """
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"cannot write {value!r} as a count")
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{format_number(value / size)} {word}"
    return format_number(value)


def usd(value: float) -> str:
    """A sum of US dollars for prose: 41900000 -> '$41.9 million', 9e9 -> '$9 billion'.

    Raises ValueError for a negative, NaN or infinite sum.
    """
    return "$" + large_number(value)


def source_labels(project) -> dict[str, str]:
    """source_id -> the short label readers see."""
    return dict(zip(project.sources["source_id"], project.sources["label"], strict=True))


def source_order(project) -> list[str]:
    """The source ids in sources.csv order (the order of every per-source display)."""
    return list(project.sources["source_id"])


def in_source_order(project, source_ids: Iterable[str]) -> list[str]:
    """The given source ids once each, in sources.csv order; KeyError on an unknown id."""
    wanted = set(source_ids)
    unknown = sorted(wanted - set(source_order(project)))
    if unknown:
        raise KeyError(f"unknown sources: {', '.join(unknown)}")
    return [s for s in source_order(project) if s in wanted]


def actor_names(project) -> dict[str, str]:
    """actor_id -> display name."""
    return dict(zip(project.actors["actor_id"], project.actors["name"], strict=True))


def actor_countries(project) -> dict[str, str]:
    """actor_id -> the actor_id of its state ("" when it has none)."""
    return dict(zip(project.actors["actor_id"], project.actors["country"], strict=True))


def join_words(words: Iterable[str]) -> str:
    """'Russia, China and Cuba' from words in the given order ('' for none)."""
    shown = list(words)
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def join_names(ids: Iterable[str], names: dict[str, str]) -> str:
    """``join_words`` of the names of actor ids (in the given order); KeyError on an unknown id."""
    return join_words(names[i] for i in ids)


_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def count_words(value: int) -> str:
    """A count for running prose in house style: words under ten ('four'), digits from ten on
    ('12', '1,234'). Raises ValueError for a negative or non-whole count."""
    if isinstance(value, bool) or not float(value).is_integer() or value < 0:
        raise ValueError(f"not a count: {value!r}")
    value = int(value)
    return _SMALL[value] if value < 10 else f"{value:,}"


def glue_count(name: str, value: int) -> None:
    """Glue a count in house style (``count_words``), written ``{glue:text}`name``` in prose."""
    from crisis.report.style import glue_text

    glue_text(name, count_words(value))


# Names that take "the" in running prose ("the United States", "the Maduro government").
_THE = re.compile(
    r"(United |European |Organization |Maduro government|Trump administration|National "
    r"Assembly|Kremlin|Venezuelan opposition|US |Russian Foreign|Russian military|IRGC|OAS|ELN|"
    r"Netherlands|Philippines|Bahamas|Dominican Republic)"
)


def with_article(name: str) -> str:
    """A name as running prose writes it: 'the United States', 'the OAS', but 'Canada'."""
    return f"the {name}" if _THE.match(name) else name


def join_prose_names(names: Iterable[str]) -> str:
    """``join_words`` of names with their articles: 'Canada, the United States and Cuba'."""
    return join_words(with_article(n) for n in names)
