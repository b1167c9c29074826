"""Tests of crisis.data.numbers: the numbers a text states, with their ranges and hedges."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crisis.data.numbers import show, stated_numbers, words_value


def shown(text: str) -> list[str]:
    return [show(n) for n in stated_numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # digits, separators, decimals
        ("35 tonnes of material", ["35"]),
        ("more than 20,000 Cubans", ["more than 20000"]),
        ("a record low of 33.4%", ["33.4"]),
        ("a growth of 3.5%", ["3.5"]),
        ("40 percent of voters", ["40"]),
        ("40 per cent of voters", ["40"]),
        ("a 1,000-strong force", ["1000"]),
        ("3,000,000 people", ["3000000"]),
        ("the 35-year-old leader", ["35"]),
        # scale words, with or without a space, with a currency sign
        ("41.9 million", ["41900000"]),
        ("allocate $41.9million of its", ["41900000"]),
        ("3million", ["3000000"]),
        ("invested over $9 billion in", ["over 9000000000"]),
        ("$9bn", ["9000000000"]),
        ("nearly 3 million to flee", ["nearly 3000000"]),
        ("some 3 million Venezuelans", ["some 3000000"]),
        # number words
        ("two planes", ["2"]),
        ("Two nuclear weapon-capable planes", ["2"]),
        ("sixteen Cuban doctors", ["16"]),
        ("around forty Russian soldiers", ["around 40"]),
        ("twenty-five people", ["25"]),
        ("one hundred people", ["100"]),
        ("a hundred people", ["100"]),
        ("two thousand troops", ["2000"]),
        ("a dozen advisers", ["12"]),
        ("two dozen advisers", ["24"]),
        ("two million people", ["2000000"]),
        # not numbers
        ("dozens of associates", []),
        ("hundreds of soldiers", []),
        ("a few planes", []),
        ("several planes", []),
        ("An-124 Ruslan", ["124"]),
        # hedges
        ("nearly 100 Russian servicemen", ["nearly 100"]),
        ("only about 15% of Venezuelans", ["about 15"]),
        ("almost 50 countries", ["almost 50"]),
        ("at least 3 planes", ["at least 3"]),
        ("up to 400 mercenaries", ["up to 400"]),
        ("More than 50 countries", ["more than 50"]),
        ("100 or so troops", ["100 or so"]),
        ("a deployment of 100 troops", ["100"]),
        # ranges
        ("the 20,000 to 25,000 Cuban security forces", ["20000 to 25000"]),
        ("between 100 and 200 troops", ["100 to 200"]),
        ("20-25 advisers", ["20 to 25"]),
        ("20 to 25 million people", ["20000000 to 25000000"]),
        ("three to five planes", ["3 to 5"]),
        ("about 20,000 to 25,000 Cubans", ["about 20000 to 25000"]),
        # several numbers, in order
        ("two Russian planes landed carrying 99 troops", ["2", "99"]),
        ("in December 2018, two planes", ["2018", "2"]),
    ],
)
def test_stated_numbers(text: str, expected: list[str]) -> None:
    assert shown(text) == expected


def test_values_are_exact_decimals() -> None:
    (number,) = stated_numbers("$41.9 million")
    assert number.low == Decimal("41900000") and number.high is None
    (stated,) = stated_numbers("between 100 and 200")
    assert (stated.low, stated.high, stated.text) == (100, 200, "100 and 200")


def test_a_downward_pair_is_not_a_range() -> None:
    assert shown("from 2019 to 5 planes") == ["2019", "5"]


@pytest.mark.parametrize(
    ("words", "value"),
    [("two", 2), ("nineteen", 19), ("ninety-nine", 99), ("a dozen", 12), ("a few", None)],
)
def test_words_value(words: str, value: int | None) -> None:
    assert words_value(words) == (None if value is None else Decimal(value))
