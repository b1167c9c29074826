"""One gate: data that passes the check always exports (``python -m crisis export``).

Seeded mutations of the valid tiny project: cells replaced by plausible wrong values (drawn from
other rows of the same column, the schema's enums, blanks and a few specials), pairs of such
changes, units swapped within a fact, and rows dropped. Every mutated project that passes
``run_checks`` must load and go through ``export_tables`` without an exception. Set
``CRISIS_MUTATIONS`` to run more than the default number of mutations.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import traceback
from pathlib import Path

import pytest
from conftest import DESCRIPTOR, make_tiny_project

from crisis.analysis.export import export_tables
from crisis.data.check import run_checks
from crisis.data.load import load_project

SEED = 2019
COUNT = int(os.environ.get("CRISIS_MUTATIONS", "150"))
TABLES = ("actors", "events", "claims")
SPECIALS: dict[str, list[str]] = {
    "value": ["0", "-1", "35.5", "1e9"],
    "value_max": ["0", "35", "100", "1e9"],
    "date": ["2019", "2019-03", "2019-03-24", "2018-05", "2019-02-30", "2018-13", "May 2018"],
    "actors": ["nobody", "russia|venezuela", "nicolas_maduro|juan_guaido", "venezuela"],
    "recipients": ["russia", "russia|venezuela", "nicolas_maduro", "venezuela|juan_guaido"],
    "country": ["venezuela", "caricom", "nicolas_maduro", "russia"],
    "note": ["", "Borrowed from state_dept_provoked.", "Borrowed from the_week.", "derived: x"],
    "attributed_to": ["russia", "nobody", "caricom"],
    "mode": ["phone", "military", "troops", "visit"],
}
Table = tuple[list[str], list[dict[str, str]]]
Change = tuple[str, int, str, str]  # table, row index, column, new value ('' drops the row)


def read(path: Path) -> Table:
    header, *rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    return header, [dict(zip(header, r, strict=True)) for r in rows]


def write(path: Path, table: Table) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table[0])
    writer.writerows([row[c] for c in table[0]] for row in table[1])
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def enums(root: Path) -> dict[tuple[str, str], list[str]]:
    descriptor = json.loads((root / DESCRIPTOR).read_text(encoding="utf-8"))
    return {
        (res["name"], field["name"]): list(field["constraints"]["enum"])
        for res in descriptor["resources"]
        for field in res["schema"]["fields"]
        if "enum" in field.get("constraints", {})
    }


def candidates(tables: dict[str, Table], enum, name: str, column: str, value: str) -> list[str]:
    """Plausible wrong values for one cell: other rows' values, enum values, blank, specials."""
    pool = [row[column] for row in tables[name][1]] + enum.get((name, column), [])
    pool += ["", *SPECIALS.get(column, [])]
    return sorted({v for v in pool if v != value})


def mutations(tables: dict[str, Table], enum, rng: random.Random, count: int) -> list[list[Change]]:
    """``count`` seeded mutations: every (table, column) once, then random cells, pairs of
    cells, unit swaps and dropped rows."""
    cells = [(n, i, c) for n in TABLES for i in range(len(tables[n][1])) for c in tables[n][0]]

    def one(name: str, index: int, column: str) -> Change:
        value = tables[name][1][index][column]
        return (name, index, column, rng.choice(candidates(tables, enum, name, column, value)))

    out = [[one(n, rng.randrange(len(tables[n][1])), c)] for n in TABLES for c in tables[n][0]]
    units = enum[("claims", "unit")]
    while len(out) < count:
        kind = rng.random()
        if kind < 0.5:
            out.append([one(*rng.choice(cells))])
        elif kind < 0.8:
            out.append([one(*rng.choice(cells)), one(*rng.choice(cells))])
        elif kind < 0.9:
            index = rng.randrange(len(tables["claims"][1]))
            out.append([("claims", index, "unit", rng.choice(units))])
        else:
            name = rng.choice(TABLES)
            out.append([(name, rng.randrange(len(tables[name][1])), "", "")])
    return out[:count]


def apply(tables: dict[str, Table], changes: list[Change]) -> dict[str, Table]:
    new = {n: (h, [dict(r) for r in rows]) for n, (h, rows) in tables.items()}
    dropped: dict[str, set[int]] = {}
    for name, index, column, value in changes:
        if column:
            new[name][1][index][column] = value
        else:
            dropped.setdefault(name, set()).add(index)
    for name, indices in dropped.items():
        header, rows = new[name]
        new[name] = (header, [r for i, r in enumerate(rows) if i not in indices])
    return new


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_tiny_project(tmp_path_factory.mktemp("gate") / "tiny")


def test_every_mutation_that_passes_the_check_exports(base: Path, tmp_path: Path) -> None:
    tables = {n: read(base / "data" / f"{n}.csv") for n in TABLES}
    enum = enums(base)
    passed, failures = 0, []
    for changes in mutations(tables, enum, random.Random(SEED), COUNT):
        for name, table in apply(tables, changes).items():
            write(base / "data" / f"{name}.csv", table)
        if run_checks(base).problems:
            continue
        passed += 1
        try:
            export_tables(load_project(base), tmp_path / "out")
        except Exception:  # the gate leaked: the check passed data the analysis refuses
            failures.append(f"{changes}\n{traceback.format_exc(limit=-2)}")
    for name, table in tables.items():
        write(base / "data" / f"{name}.csv", table)
    assert failures == []
    assert passed >= COUNT // 10, "too few mutations pass the check to test the gate"
    assert run_checks(base).problems == []  # the base project was restored
