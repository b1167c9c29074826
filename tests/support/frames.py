"""Hand-built frames shaped like the loader's output, for the tests of the analysis modules.

Cells follow ``crisis.data.load``: strings with "" for empty, tuples for ``actors``/``recipients``,
an int ``row`` column. Nothing here reads the project's data.
"""

from __future__ import annotations

import pandas as pd

EVENT_COLUMNS = [
    "event_id", "date", "date_precision", "date_basis", "scope", "theme", "event_type", "mode",
    "actors", "recipients", "summary", "source_id", "quote", "note",
]  # fmt: skip
_PRECISION = {4: "year", 7: "month", 10: "day"}


def report(
    event_id: str,
    actors: tuple[str, ...] = (),
    recipients: tuple[str, ...] = (),
    event_type: str = "SUPPORT",
    source_id: str = "a",
    date: str = "2019-01-23",
    basis: str = "stated",
    theme: str = "background",
    scope: str = "crisis",
) -> dict:
    """One report of an event (one events.csv row); the precision follows from the date."""
    return {
        "event_id": event_id,
        "date": date,
        "date_precision": _PRECISION[len(date)],
        "date_basis": basis,
        "scope": scope,
        "theme": theme,
        "event_type": event_type,
        "mode": "",
        "actors": tuple(actors),
        "recipients": tuple(recipients),
        "summary": f"Summary of {event_id} by {source_id}.",
        "source_id": source_id,
        "quote": f"quote of {event_id}",
        "note": "",
    }


def events_frame(*reports: dict) -> pd.DataFrame:
    """An events table from ``report`` rows, with the CSV line numbers in ``row``."""
    frame = pd.DataFrame.from_records(list(reports), columns=EVENT_COLUMNS).astype(object)
    frame["row"] = pd.Series(range(2, len(reports) + 2), dtype="int64")
    return frame


def actors_frame(*rows: tuple[str, str] | tuple[str, str, str]) -> pd.DataFrame:
    """An actors table from (actor_id, kind) or (actor_id, kind, role) tuples."""
    records = [
        {
            "actor_id": r[0],
            "name": r[0].replace("_", " ").title(),
            "kind": r[1],
            "country": "",
            "aliases": (r[0],),
            "description": "",
            "role": r[2] if len(r) > 2 else "participant",
        }
        for r in rows
    ]
    frame = pd.DataFrame.from_records(records).astype(object)
    frame["row"] = pd.Series(range(2, len(rows) + 2), dtype="int64")
    return frame


def claim(
    fact_id: str,
    source_id: str,
    value: float,
    value_max: float = float("nan"),
    hedge: str = "",
    unit: str = "troops",
) -> dict:
    """One claims.csv row."""
    return {
        "fact_id": fact_id,
        "value": float(value),
        "value_max": float(value_max),
        "unit": unit,
        "hedge": hedge,
        "subject": f"subject of {fact_id}",
        "date": "2019",
        "source_id": source_id,
        "quote": f"quote of {fact_id}",
    }


def claims_frame(*rows: dict) -> pd.DataFrame:
    """A claims table from ``claim`` rows (value and value_max float, NaN when empty)."""
    frame = pd.DataFrame.from_records(list(rows))
    frame["value"] = frame["value"].astype(float)
    frame["value_max"] = frame["value_max"].astype(float)
    return frame


# A small signed network with two sources, a and b, for the network tests and figures.
ACTORS = actors_frame(
    ("nicolas_maduro", "person"),
    ("maduro_government", "government_body"),
    ("juan_guaido", "person"),
    ("national_assembly", "government_body"),
    ("russia", "state"),
    ("cuba", "state"),
    ("united_states", "state"),
    ("iran", "state"),
    ("canada", "state"),
    ("switzerland", "state"),
    ("peru", "state"),
    ("reuters", "company", "media"),
)
# Two sources, a and b. Expected camps: russia (supports Maduro), cuba (aids russia: friend of a
# friend) and iran (accuses the US: enemy of an enemy) with Maduro; the US and canada with
# Guaidó; switzerland (supports both equally), peru (no event) and reuters (media) in none.
EVENTS = events_frame(
    report("e1", ("russia",), ("nicolas_maduro",), "SUPPORT", "a"),
    report("e2", ("united_states",), ("juan_guaido",), "SUPPORT", "a"),
    report("e2", ("united_states",), ("juan_guaido",), "SUPPORT", "b"),
    report("e3", ("united_states",), ("maduro_government",), "SANCTION", "b"),
    report("e4", ("cuba",), ("russia",), "AID", "a"),
    report("e5", ("iran",), ("united_states",), "ACCUSE", "a"),
    report("e6", ("reuters",), ("nicolas_maduro",), "ACCUSE", "a"),
    report("e7", ("switzerland",), ("nicolas_maduro", "juan_guaido"), "SUPPORT", "b"),
    report("e8", ("canada",), ("juan_guaido",), "SUPPORT", "b"),
    report("e9", ("juan_guaido",), ("nicolas_maduro",), "REJECT", "a"),
)


def corroboration_sample() -> pd.DataFrame:
    """An ``event_corroboration`` frame with one event of each kind the date comparison sorts:
    told once, dated by one source only (the others borrow), agreeing to the month, compatible
    only at the year, and differing."""
    return pd.DataFrame(
        {
            "event_id": ["one", "borrowed", "agree", "year", "differ"],
            "n_sources": [1, 3, 2, 2, 2],
            "n_dated": [1, 1, 2, 2, 2],
            "dates_agree": [True, True, True, True, False],
            "compared_at": ["day", "day", "month", "year", "day"],
        }
    )
