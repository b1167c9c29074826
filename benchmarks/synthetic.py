"""A synthetic corpus N times the size of the real one, for timing the data check at scale.

Every source is copied N times under a new id (``<source_id>_x<k>``, seed ``<stem>_x<k>.txt``,
label ``<label> #<k>``), and every event, claim and waiver row is copied once per copy of its
source, pointing at it. The corpus is therefore valid exactly when the real data is, and the
text, the rows and the dated sentences all grow N times. Actors are not copied: an actor must
be named in a source by a name no other actor has, so copies of an actor would need new text.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

ROW_TABLES = ("events.csv", "claims.csv", "coverage_waivers.csv")
KEPT = ("datapackage.json", "actors.csv")


@dataclass(frozen=True)
class CorpusSize:
    """The size of a corpus: characters of source text and data rows (all tables)."""

    chars: int
    rows: int


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows of a CSV file."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    """Write a CSV file with ``\\n`` line ends, quoting only where needed."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def copy_id(source_id: str, k: int) -> str:
    """The id of copy ``k`` of a source."""
    return f"{source_id}_x{k}"


def copy_source(row: dict[str, str], k: int) -> dict[str, str]:
    """Copy ``k`` of a row of ``sources.csv``: new id, seed file and label."""
    seed = Path(row["file"])
    return {
        **row,
        "source_id": copy_id(row["source_id"], k),
        "file": (seed.parent / f"{seed.stem}_x{k}{seed.suffix}").as_posix(),
        "label": f"{row['label']} #{k}",
    }


def _renamed_note(row: dict[str, str], ids: list[str], k: int) -> dict[str, str]:
    """The row's note with every source id it names (e.g. a borrowed date's lender) renamed to
    its k-th copy; nothing for a table without notes."""
    if "note" not in row:
        return {}
    pattern = re.compile(r"(?<![\w])(" + "|".join(map(re.escape, ids)) + r")(?![\w])")
    return {"note": pattern.sub(lambda m: copy_id(m.group(1), k), row["note"])}


def make_corpus(src: Path, dest: Path, factor: int) -> CorpusSize:
    """Write into ``dest`` the data and seeds of ``src`` copied ``factor`` times; returns the size.

    Raises ValueError for a factor below 1.
    """
    if factor < 1:
        raise ValueError(f"factor must be at least 1, got {factor}")
    (dest / "data").mkdir(parents=True)
    (dest / "seeds").mkdir()
    for name in KEPT:
        shutil.copyfile(src / "data" / name, dest / "data" / name)
    header, sources = read_rows(src / "data" / "sources.csv")
    copies = [copy_source(row, k) for k in range(factor) for row in sources]
    write_rows(dest / "data" / "sources.csv", header, copies)
    chars = 0
    for k in range(factor):
        for row in sources:
            text = (src / row["file"]).read_text(encoding="utf-8")
            (dest / copy_source(row, k)["file"]).write_text(text, encoding="utf-8", newline="")
            chars += len(text)
    rows = len(copies) + len(read_rows(src / "data" / "actors.csv")[1])
    for name in ROW_TABLES:
        header, table = read_rows(src / "data" / name)
        ids = [row["source_id"] for row in sources]
        copied = [
            {**row, "source_id": copy_id(row["source_id"], k), **_renamed_note(row, ids, k)}
            for k in range(factor)
            for row in table
        ]
        write_rows(dest / "data" / name, header, copied)
        rows += len(copied)
    return CorpusSize(chars=chars, rows=rows)
