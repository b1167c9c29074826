"""Reading the data tables and validating them against ``data/datapackage.json``.

File-level problems (missing, empty, not UTF-8, wrong header, ragged rows) are found here
directly; field types, required fields, enums, patterns, keys and foreign keys are checked by the
``frictionless`` library and its errors are translated into one friendly line each.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from crisis.problems import Problem

DESCRIPTOR = "data/datapackage.json"


@dataclass
class Table:
    """A table as read from disk: its resource name, path, header and rows (dicts of strings)."""

    name: str
    path: str
    fields: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # physical CSV line of each row
    readable: bool = True


def read_descriptor(root: Path) -> tuple[dict | None, list[Problem]]:
    """Load ``data/datapackage.json``; a broken descriptor is a problem, not a traceback."""
    path = root / DESCRIPTOR
    try:
        return json.loads(path.read_text(encoding="utf-8")), []
    except FileNotFoundError:
        return None, [Problem(DESCRIPTOR, 0, "file is missing")]
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, [Problem(DESCRIPTOR, 0, f"not valid JSON ({exc})")]


def _decode(data: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(rel, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})")]


def read_table(root: Path, resource: dict) -> tuple[Table, list[Problem]]:
    """Read one resource's CSV and check the file itself: presence, encoding, header, row width."""
    rel = resource["path"] if "/" in resource["path"] else f"data/{resource['path']}"
    expected = [f["name"] for f in resource["schema"]["fields"]]
    table = Table(resource["name"], rel, expected, readable=False)
    path = root / rel
    if not path.is_file():
        return table, [Problem(rel, 0, "file is missing")]
    data = path.read_bytes()
    if not data.strip():
        return table, [Problem(rel, 0, "file is empty (expected a header row)")]
    text, problems = _decode(data, rel)
    if text is None:
        return table, problems
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(rel, 1, f"column '{name}' appears twice"))
        seen.add(name)
    for name in expected:
        if name not in header:
            problems.append(Problem(rel, 1, f"missing column '{name}'"))
    for name in header:
        if name not in expected:
            problems.append(Problem(rel, 1, f"unknown column '{name}'"))
    if not problems and header != expected:
        problems.append(Problem(rel, 1, f"columns must be in this order: {', '.join(expected)}"))
    if problems:
        return table, problems
    table.readable = True
    line = reader.line_num
    for cells in reader:
        start = line + 1
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(expected):
            problems.append(Problem(rel, start, f"{len(cells)} cells, expected {len(expected)}"))
            continue
        table.rows.append(dict(zip(expected, cells, strict=True)))
        table.lines.append(start)
    return table, problems


def _constraint_text(field_desc: dict) -> str:
    c = field_desc.get("constraints", {})
    if "enum" in c:
        return "is not one of " + ", ".join(c["enum"])
    if "pattern" in c:
        return f"does not match the pattern {c['pattern']}"
    return "breaks a constraint"


def validate_tables(root: Path, descriptor: dict, tables: dict[str, Table]) -> list[Problem]:
    """Run frictionless over every readable table and translate its errors into Problems."""
    from frictionless import Package  # imported lazily: slow to import

    problems: list[Problem] = []
    good = {n for n, t in tables.items() if t.readable}
    resources = []
    for res in descriptor["resources"]:
        if res["name"] not in good:
            continue
        res = json.loads(json.dumps(res))
        fks = res["schema"].get("foreignKeys", [])
        res["schema"]["foreignKeys"] = [
            fk for fk in fks if fk["reference"].get("resource", res["name"]) in good | {""}
        ]
        resources.append(res)
    package = Package({"name": "crisis", "resources": resources}, basepath=str(root / "data"))
    report = package.validate()
    fields = {
        r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in descriptor["resources"]
    }
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    for task in report.tasks:
        for err in task.errors:
            problems.append(
                _translate(err, tables, task.name, fields[task.name], schemas[task.name])
            )
    return problems


def _row_at(table: Table, line: int) -> dict[str, str]:
    try:
        return table.rows[table.lines.index(line)]
    except ValueError:
        return {}


def _key_text(names: list[str], row: dict[str, str]) -> str:
    values = [row.get(n, "") for n in names]
    if len(names) == 1:
        return f"{names[0]} '{values[0]}'"
    return f"({', '.join(names)}) = ({', '.join(values)})"


def _duplicate_message(table: Table, line: int, schema: dict) -> str:
    key = schema.get("primaryKey", [])
    key = [key] if isinstance(key, str) else key
    row = _row_at(table, line)
    first = next(
        (
            ln
            for ln, r in zip(table.lines, table.rows, strict=True)
            if ln < line and all(r[k] == row.get(k) for k in key)
        ),
        None,
    )
    where = f", first at line {first}" if first else ""
    return f"duplicate key {_key_text(key, row)}{where}"


def _foreign_key_message(tables: dict[str, Table], table: Table, line: int, schema: dict) -> str:
    row = _row_at(table, line)
    for fk in schema.get("foreignKeys", []):
        names = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        ref = fk["reference"]
        target = tables.get(ref.get("resource") or table.name)
        ref_fields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        values = tuple(row.get(n, "") for n in names)
        known = {tuple(r[f] for f in ref_fields) for r in target.rows} if target else set()
        if any(values) and values not in known:
            return f"{_key_text(names, row)} is not in {target.path if target else 'data'}"
    return "unknown reference"


def _translate(err, tables: dict[str, Table], name_: str, fields: dict, schema: dict) -> Problem:
    table = tables[name_]
    row = getattr(err, "row_number", None) or 0
    name = getattr(err, "field_name", None)
    cell = getattr(err, "cell", None)
    kind = err.type
    if kind == "constraint-error" and name:
        note = err.note or ""
        if "required" in note:
            return Problem(table.path, row, f"{name} is required but empty")
        if "unique" in note:
            return Problem(table.path, row, f"{name} '{cell}' is not unique")
        return Problem(table.path, row, f"{name} '{cell}' {_constraint_text(fields[name])}")
    if kind == "type-error" and name:
        ftype = fields[name]["type"]
        return Problem(table.path, row, f"{name} '{cell}' is not a valid {ftype}")
    if kind == "primary-key":
        return Problem(table.path, row, _duplicate_message(table, row, schema))
    if kind == "foreign-key":
        return Problem(table.path, row, _foreign_key_message(tables, table, row, schema))
    return Problem(table.path, row, f"{kind}: {err.note or err.message}")
