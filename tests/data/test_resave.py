"""A valid project saved again by a spreadsheet (CRLF line ends, a UTF-8 BOM, rows in another
order) still passes the check with the same counts."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import TINY_SUMMARY

from crisis.data.check import run_checks, summary

TABLES = ("sources.csv", "actors.csv", "events.csv", "claims.csv", "coverage_waivers.csv")


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def bom(text: str) -> str:
    return "\ufeff" + text


def reversed_rows(text: str) -> str:
    """The same CSV with its records in reverse order (the header stays first), quoted as a
    spreadsheet writes them (every cell with a comma or a quote quoted, CRLF-free)."""
    header, *rows = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *reversed(rows)])
    return out.getvalue()


def everything(text: str) -> str:
    return bom(crlf(reversed_rows(text)))


@pytest.mark.parametrize("resave", [crlf, bom, reversed_rows, everything])
def test_a_resaved_project_still_passes(tiny: Path, resave: Callable[[str], str]) -> None:
    for name in TABLES:
        path = tiny / "data" / name
        text = path.read_text(encoding="utf-8")
        path.write_bytes(resave(text).encode("utf-8"))
    result = run_checks(tiny)
    assert [str(p) for p in result.problems] == []
    assert summary(result) == TINY_SUMMARY
