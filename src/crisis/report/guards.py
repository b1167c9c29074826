"""Prose guards: a sentence whose truth depends on the data is backed by an assertion.

A chapter states a finding in words ("no fact is in conflict", "the only switch is Venezuela")
and, in the cell that computes it, calls ``guard(sentence, condition)``. If a data change makes
the condition false, the cell raises ``ProseGuardError`` naming the sentence, so the book does
not build with a sentence its data contradicts. ``count_guards`` counts the guards of the
notebooks (the appendix reports it).
"""

from __future__ import annotations

import ast
import json
from pathlib import Path


class ProseGuardError(AssertionError):
    """A sentence of the prose is no longer true of the data."""


def guard(sentence: str, condition: bool) -> None:
    """Raise ``ProseGuardError`` naming ``sentence`` unless ``condition`` is true.

    ``sentence`` is the sentence of the prose (or its opening words) that the condition backs;
    ``condition`` must be a real bool (a pandas or numpy truth value is converted), so that an
    empty frame or a NaN cannot pass by accident.
    """
    if not isinstance(sentence, str) or not sentence.strip():
        raise ValueError("a guard names the sentence it backs")
    if hasattr(condition, "item"):
        condition = condition.item()
    if not isinstance(condition, bool):
        raise TypeError(f"a guard needs a bool, got {type(condition).__name__} for {sentence!r}")
    if not condition:
        raise ProseGuardError(f"prose guard failed: the data no longer supports {sentence!r}")


def _guard_calls(source: str) -> int:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return 0
    return sum(
        isinstance(node, ast.Call)
        and (
            getattr(node.func, "id", None) == "guard" or getattr(node.func, "attr", None) == "guard"
        )
        for node in ast.walk(tree)
    )


def count_guards(notebooks: list[Path]) -> dict[str, int]:
    """notebook stem -> the number of ``guard(...)`` calls in its code cells (given order)."""
    counts = {}
    for path in notebooks:
        cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
        code = ("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        counts[Path(path).stem] = sum(_guard_calls(src) for src in code)
    return counts
