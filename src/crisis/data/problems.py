"""Problems found in the project's data, reported as one line each: ``FILE:ROW: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: the file (relative to the project root), the line (0 = whole file), what."""

    file: str
    row: int
    message: str

    def __str__(self) -> str:
        where = self.file if self.row == 0 else f"{self.file}:{self.row}"
        return f"{where}: {self.message}"


class DataError(Exception):
    """Raised when the project's data is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
