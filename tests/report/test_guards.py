"""Tests of prose guards and house-style counts."""

from __future__ import annotations

import json

import numpy as np
import pytest

from crisis.report import guards, wording


def test_a_true_guard_passes_and_a_false_one_names_its_sentence():
    guards.guard("No fact is in conflict.", True)
    guards.guard("Numpy truth counts.", np.bool_(True))
    with pytest.raises(guards.ProseGuardError, match="'No fact is in conflict.'"):
        guards.guard("No fact is in conflict.", False)


@pytest.mark.parametrize("condition", [1, "yes", None, np.array([True, True])])
def test_a_guard_refuses_anything_but_a_bool(condition):
    with pytest.raises((TypeError, ValueError)):
        guards.guard("A sentence.", condition)


def test_a_guard_must_name_its_sentence():
    with pytest.raises(ValueError, match="names the sentence"):
        guards.guard("  ", True)


def test_count_guards_counts_calls_in_code_cells_only(tmp_path):
    cells = [
        {"cell_type": "markdown", "source": ["guard('not code', True)"]},
        {"cell_type": "code", "source": ["guard('a', x == 1)\n", "guards.guard('b', True)"]},
        {"cell_type": "code", "source": ["print('guard')"]},
    ]
    path = tmp_path / "chapter.ipynb"
    path.write_text(json.dumps({"cells": cells}))
    assert guards.count_guards([path]) == {"chapter": 2}


@pytest.mark.parametrize(("value", "text"), [(0, "zero"), (4, "four"), (9, "nine"), (10, "10"),
                                             (1234, "1,234"), (3.0, "three")])  # fmt: skip
def test_count_words_writes_words_under_ten(value, text):
    assert wording.count_words(value) == text


@pytest.mark.parametrize("value", [-1, 2.5, True])
def test_count_words_refuses_what_is_not_a_count(value):
    with pytest.raises(ValueError):
        wording.count_words(value)
