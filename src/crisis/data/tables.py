"""Reading the data tables and validating them against ``data/datapackage.json``.

File-level problems (missing, empty, not UTF-8, wrong header, ragged rows) are found here
directly, while reading each CSV. The rows that were read are then handed to the
``frictionless`` library as inline data, which checks field types, required fields, enums,
patterns, unique fields, primary keys and foreign keys; each of its errors is translated into one
friendly line at the CSV line of the row (a record spanning several lines is reported at its
first line). Handing frictionless the rows already read means it never opens a file or the
network, never sees a row twice, and its row numbers map straight to CSV lines.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crisis.data.problems import Problem

DESCRIPTOR = "data/datapackage.json"

# The resources the project needs and the columns the checks and loaders rely on; a descriptor
# that drops one of them is reported instead of failing later.
CONTRACT: dict[str, tuple[str, ...]] = {
    "sources": ("source_id", "file", "title", "outlet", "label"),
    "actors": ("actor_id", "name", "kind", "country", "aliases"),
    "events": (
        "event_id", "date", "date_precision", "date_basis", "theme", "event_type", "mode",
        "actors", "recipients", "source_id", "quote", "note",
    ),
    "claims": (
        "fact_id", "value", "value_max", "hedge", "date", "attributed_to", "source_id", "quote",
        "note",
    ),
    "coverage_waivers": ("source_id", "sentence"),
}  # fmt: skip


@dataclass
class Table:
    """A table as read from disk: its resource name, path, header and rows (dicts of strings)."""

    name: str
    path: str
    fields: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # physical CSV line of each row
    readable: bool = True


def split_list(cell: str) -> list[str]:
    """The items of a ``|``-separated cell (empty items dropped)."""
    return [x for x in cell.split("|") if x]


def table_rows(table: Table | None) -> Iterator[tuple[int, dict[str, str]]]:
    """(CSV line, row) of every row of a readable table; nothing for a missing one."""
    if table is None or not table.readable:
        return iter(())
    return zip(table.lines, table.rows, strict=True)


def _as_list(value: Any) -> list[Any]:
    """A descriptor value that may be a single name or a list of names, as a list."""
    return value if isinstance(value, list) else [value]


def _resource_fields(res: Any) -> list[str] | None:
    """The field names of a well-formed resource description, else None."""
    if not isinstance(res, dict) or not isinstance(res.get("name"), str):
        return None
    schema = res.get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(res.get("path"), str) or not isinstance(fields, list):
        return None
    if not all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields):
        return None
    return [f["name"] for f in fields]


def descriptor_problems(descriptor: Any) -> list[str]:
    """What is structurally wrong with a data package descriptor (empty list when usable)."""
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return ["must be an object with a list of 'resources'"]
    wrong: list[str] = []
    names: list[str] = []
    for i, res in enumerate(descriptor["resources"], start=1):
        fields = _resource_fields(res)
        if fields is None:
            wrong.append(f"resource {i} needs a name, a path and schema.fields with names")
            continue
        if res["name"] in names:
            wrong.append(f"resource '{res['name']}' is described twice")
        names.append(res["name"])
        missing = [c for c in CONTRACT.get(res["name"], ()) if c not in fields]
        if missing:
            wrong.append(f"resource '{res['name']}' lacks the field(s) {', '.join(missing)}")
    wrong.extend(f"resource '{name}' is not described" for name in CONTRACT if name not in names)
    return wrong


def read_descriptor(root: Path) -> tuple[dict | None, list[Problem]]:
    """Load ``data/datapackage.json``; a broken descriptor is a problem, not a traceback."""
    path = root / DESCRIPTOR
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [Problem(DESCRIPTOR, 0, "file is missing")]
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, [Problem(DESCRIPTOR, 0, f"not valid JSON ({exc})")]
    wrong = descriptor_problems(descriptor)
    if wrong:
        return None, [Problem(DESCRIPTOR, 0, message) for message in wrong]
    return descriptor, []


def _decode(data: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    """The text of a CSV file (a UTF-8 byte-order mark is dropped), or the line of a bad byte."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(rel, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})")]


def header_problems(rel: str, header: list[str], expected: list[str]) -> list[Problem]:
    """Missing, unknown, repeated or misordered columns, all reported at line 1."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(rel, 1, f"column '{name}' appears twice"))
        seen.add(name)
    problems.extend(Problem(rel, 1, f"missing column '{n}'") for n in expected if n not in seen)
    problems.extend(Problem(rel, 1, f"unknown column '{n}'") for n in header if n not in expected)
    if not problems and header != expected:
        problems.append(Problem(rel, 1, f"columns must be in this order: {', '.join(expected)}"))
    return problems


def read_table(root: Path, resource: dict) -> tuple[Table, list[Problem]]:
    """Read one resource's CSV and check the file itself: presence, encoding, header, row width.

    Blank lines are skipped. The table is ``readable`` when its header is right; rows with the
    wrong number of cells are reported and left out.
    """
    rel = f"data/{resource['path']}"
    expected = [f["name"] for f in resource["schema"]["fields"]]
    table = Table(resource["name"], rel, expected, readable=False)
    path = root / rel
    if not path.is_file():
        return table, [Problem(rel, 0, "file is missing")]
    data = path.read_bytes()
    if not data:
        return table, [Problem(rel, 0, "file is empty (expected a header row)")]
    text, problems = _decode(data, rel)
    if text is None:
        return table, problems
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
        problems = header_problems(rel, header, expected)
        if problems:
            return table, problems
        table.readable = True
        line = reader.line_num
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(expected):
                hint = " (a quote may be unclosed)" if any("\n" in c for c in cells) else ""
                problems.append(
                    Problem(rel, start, f"{len(cells)} cells, expected {len(expected)}{hint}")
                )
                continue
            table.rows.append(dict(zip(expected, cells, strict=True)))
            table.lines.append(start)
    except csv.Error as exc:
        table.readable = False
        problems.append(Problem(rel, reader.line_num, f"not readable as CSV ({exc})"))
    return table, problems


def _inline_resource(resource: dict, table: Table, readable: set[str]) -> dict:
    """The resource as frictionless inline data, keeping only foreign keys to readable tables."""
    schema = copy.deepcopy(resource["schema"])
    schema["foreignKeys"] = [
        fk
        for fk in schema.get("foreignKeys", [])
        if (fk.get("reference", {}).get("resource") or resource["name"]) in readable
    ]
    data = [table.fields, *([row[f] for f in table.fields] for row in table.rows)]
    return {"name": resource["name"], "data": data, "schema": schema}


def validate_tables(descriptor: dict, tables: dict[str, Table]) -> list[Problem]:
    """Run frictionless over every readable table and translate its errors into Problems."""
    from frictionless import Package  # imported lazily: slow to import

    readable = {name for name, table in tables.items() if table.readable}
    resources = [
        _inline_resource(res, tables[res["name"]], readable)
        for res in descriptor["resources"]
        if res["name"] in readable
    ]
    schemas = {res["name"]: res["schema"] for res in descriptor["resources"]}
    try:
        report = Package({"name": "crisis", "resources": resources}).validate()
    except Exception as exc:  # frictionless raises several kinds on a schema it cannot use
        return [Problem(DESCRIPTOR, 0, f"the schema cannot be used: {str(exc).strip()}")]
    problems: list[Problem] = []
    for task in report.tasks:
        for err in task.errors:
            problems.extend(_translate(err, tables, tables[task.name], schemas[task.name]))
    for err in report.errors:
        problems.append(Problem(DESCRIPTOR, 0, err.message))
    return problems


def _key_text(names: list[str], row: dict[str, str]) -> str:
    """``name 'value'`` for one field, ``(a, b) = (x, y)`` for several."""
    values = [row.get(n, "") for n in names]
    if len(names) == 1:
        return f"{names[0]} '{values[0]}'"
    return f"({', '.join(names)}) = ({', '.join(values)})"


def _first_line(table: Table, index: int, names: list[str]) -> int | None:
    """The CSV line of the first row before row ``index`` with the same values in ``names``."""
    row = table.rows[index]
    for other, line in zip(table.rows[:index], table.lines[:index], strict=True):
        if all(other[n] == row[n] for n in names):
            return line
    return None


def _duplicate_message(table: Table, index: int, names: list[str], what: str) -> str:
    first = _first_line(table, index, names)
    where = f", first at line {first}" if first else ""
    return f"{what} {_key_text(names, table.rows[index])}{where}"


def _foreign_key_messages(tables: dict[str, Table], table: Table, index: int, schema: dict):
    """One message per foreign key of the row that does not resolve."""
    row = table.rows[index]
    for fk in schema.get("foreignKeys", []):
        names = _as_list(fk["fields"])
        ref = fk["reference"]
        target = tables.get(ref.get("resource") or table.name)
        if target is None or not target.readable:
            continue
        ref_fields = _as_list(ref["fields"])
        values = tuple(row.get(n, "") for n in names)
        known = {tuple(r[f] for f in ref_fields) for r in target.rows}
        if any(values) and values not in known:
            yield f"{_key_text(names, row)} is not in {target.path}"


def _constraint_message(name: str, cell: Any, field_desc: dict, note: str) -> str:
    constraints = field_desc.get("constraints", {})
    if '"required"' in note:
        return f"{name} is required but empty"
    if '"enum"' in note:
        return f"{name} '{cell}' is not one of {', '.join(map(str, constraints['enum']))}"
    if '"pattern"' in note:
        return f"{name} '{cell}' does not match the pattern {constraints['pattern']}"
    return f"{name} '{cell}' breaks a constraint ({note})"


def _translate(err: Any, tables: dict[str, Table], table: Table, schema: dict) -> list[Problem]:
    """One frictionless error as Problems at the CSV line of its row (none if redundant)."""
    row_number = getattr(err, "row_number", None)
    if not row_number:
        return [Problem(DESCRIPTOR, 0, f"{table.name}: {err.message}")]
    index = row_number - 2  # frictionless counts the header as row 1
    line = table.lines[index]
    key = _as_list(schema.get("primaryKey", []))
    name = getattr(err, "field_name", None)
    fields = {f["name"]: f for f in schema["fields"]}
    if err.type == "constraint-error" and name in fields:
        return [
            Problem(table.path, line, _constraint_message(name, err.cell, fields[name], err.note))
        ]
    if err.type == "type-error" and name in fields:
        kind = fields[name].get("type", "string")
        return [Problem(table.path, line, f"{name} '{err.cell}' is not a valid {kind}")]
    if err.type == "unique-error" and name in fields:
        if key == [name]:  # reported once, as a duplicate primary key
            return []
        return [Problem(table.path, line, _duplicate_message(table, index, [name], "repeated"))]
    if err.type == "primary-key":
        if not all(table.rows[index].get(k) for k in key):  # empty key cells: already required
            return []
        return [Problem(table.path, line, _duplicate_message(table, index, key, "duplicate key"))]
    if err.type == "foreign-key":
        messages = _foreign_key_messages(tables, table, index, schema)
        return [Problem(table.path, line, message) for message in messages]
    return [Problem(table.path, line, f"{err.type}: {err.note or err.message}")]
