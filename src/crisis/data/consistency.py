"""One gate: what the analysis would refuse, the check refuses first, at the row that causes it.

- The reports of one event agree on what the project codes about the event itself: its
  ``event_type`` (the network refuses a mix), its ``theme`` (the timeline and the corroboration
  each take it from one report) and its ``scope`` (crisis or context), when that column exists.
  Each report that differs from the event's first report is flagged.
- An actor's ``country`` is an actor of kind ``state``.
- Every coded value the analysis looks up is one the codebook knows (event types, themes, date
  precisions, date bases, scopes, hedges), even when the datapackage's enum would let it through.
  A value that the schema's enum already refuses is not reported twice.

Units are not checked here: reports of one fact may give different units (the unit is the
source's own), and the corroboration calls such a fact "not comparable" instead of refusing it.
"""

from __future__ import annotations

from collections.abc import Iterable

from crisis.data.codebook import DATE_BASES, DATE_PRECISIONS, EVENT_TYPES, HEDGES, SCOPES, THEMES
from crisis.data.problems import Problem
from crisis.data.tables import Table, table_rows

SHARED_BY_REPORTS = ("event_type", "theme", "scope")
VOCABULARIES: dict[str, dict[str, Iterable[str]]] = {
    "events": {
        "event_type": EVENT_TYPES,
        "theme": THEMES,
        "date_precision": DATE_PRECISIONS,
        "date_basis": DATE_BASES,
        "scope": SCOPES,
    },
    "claims": {"theme": THEMES, "hedge": HEDGES},
}


def check_shared_by_reports(events: Table) -> list[Problem]:
    """Reports of one event that differ from its first report on type, theme or scope."""
    first: dict[str, tuple[int, dict[str, str]]] = {}
    problems = []
    for line, row in table_rows(events):
        if row["event_id"] not in first:
            first[row["event_id"]] = (line, row)
            continue
        at, one = first[row["event_id"]]
        for column in SHARED_BY_REPORTS:
            if column in row and row[column] != one[column]:
                problems.append(
                    Problem(
                        events.path,
                        line,
                        f"{column} '{row[column]}' differs from '{one[column]}' in the report of "
                        f"the same event at line {at}",
                    )
                )
    return problems


def check_country_kinds(actors: Table) -> list[Problem]:
    """An actor's country must be an actor of kind state (unknown ids: the foreign key)."""
    kinds = {row["actor_id"]: row.get("kind", "") for _, row in table_rows(actors)}
    problems = []
    for line, row in table_rows(actors):
        country = row["country"]
        if country in kinds and kinds[country] != "state":
            problems.append(
                Problem(
                    actors.path,
                    line,
                    f"country '{country}' is an actor of kind '{kinds[country]}', not a state",
                )
            )
    return problems


def field_enum(descriptor: dict, resource: str, name: str) -> set[str] | None:
    """The enum the datapackage gives a field, or None (no such field or no enum)."""
    for res in descriptor.get("resources", []):
        if res.get("name") != resource:
            continue
        for field in res["schema"]["fields"]:
            if field["name"] == name:
                enum = field.get("constraints", {}).get("enum")
                return {str(v) for v in enum} if isinstance(enum, list) else None
    return None


def check_vocabulary(table: Table, descriptor: dict) -> list[Problem]:
    """Coded values the codebook does not know (empty cells and schema-refused values skipped)."""
    problems = []
    for column, known in VOCABULARIES.get(table.name, {}).items():
        enum = field_enum(descriptor, table.name, column)
        for line, row in table_rows(table):
            value = row.get(column, "")
            if not value or value in known or (enum is not None and value not in enum):
                continue
            problems.append(
                Problem(
                    table.path,
                    line,
                    f"{column} '{value}' is not in the codebook, so the analysis cannot use it",
                )
            )
    return problems
