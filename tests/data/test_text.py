"""Unit tests of crisis.data.text: normalisation, quote search, sentence splitting, date phrases."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisis.data.text import (
    all_occurrences,
    date_phrases,
    find_quote,
    joined_text,
    missing_part,
    normalise,
    normalise_with_map,
    quote_parts,
    split_sentences,
)

ROOT = Path(__file__).resolve().parents[2]

# --- normalise ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Russia\u2019s \u201cboots\u201d", 'Russia\'s "boots"'),
        ("\u2018single\u2019 and \u201alow\u201b", "'single' and 'low'"),
        ("5\u2032 10\u2033", "5' 10\""),
        ("Cold War\u2013style \u2014 war \u2212 1", "Cold War-style - war - 1"),
        ("a\u00a0b\u2009c\u202fd", "a b c d"),
        ("  two\n\n lines\t and\r\ntabs  ", "two lines and tabs"),
        ("Nicola\u0301s", "Nicolás"),  # decomposed accent -> NFC
        ("", ""),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_normalise_keeps_case_and_ellipsis() -> None:
    assert normalise("U.S. said\u2026 NO") == "U.S. said\u2026 NO"


def test_normalise_with_map_points_back_to_the_raw_text() -> None:
    raw = "  Why \u201care\u201d\n\n  Russian   troops?  "
    text, offsets = normalise_with_map(raw)
    assert text == normalise(raw)
    assert len(offsets) == len(text)
    assert raw[offsets[text.index("Russian")] :].startswith("Russian")
    assert raw[offsets[text.index('"are')]] == "\u201c"
    assert offsets == sorted(offsets)


# --- quotes ---------------------------------------------------------------------------------

TEXT = normalise("The U.S. warned Russia. Russia sent planes to Caracas.\nThen Russia waited.")


def test_find_quote_returns_the_span_of_a_verbatim_quote() -> None:
    spans = find_quote("Russia sent planes", TEXT)
    assert spans is not None and len(spans) == 1
    start, end = spans[0]
    assert TEXT[start:end] == "Russia sent planes"


def test_find_quote_normalises_the_quote_and_spans_line_breaks() -> None:
    assert find_quote("planes  to\nCaracas. Then", TEXT) is not None
    assert find_quote("warned \u201cRussia\u201d", normalise('warned "Russia"')) is not None


def test_find_quote_is_case_sensitive_and_verbatim() -> None:
    assert find_quote("russia sent planes", TEXT) is None
    assert find_quote("Russia sent jets", TEXT) is None
    assert find_quote("", TEXT) is None
    assert find_quote("...", TEXT) is None


def test_elided_quote_parts_must_occur_in_order() -> None:
    spans = find_quote("The U.S. warned ... sent planes \u2026 waited", TEXT)
    assert spans is not None
    assert [TEXT[s:e] for s, e in spans] == ["The U.S. warned", "sent planes", "waited"]
    assert spans == sorted(spans)
    assert find_quote("sent planes ... The U.S. warned", TEXT) is None


def test_elided_parts_must_not_overlap() -> None:
    assert find_quote("Russia sent ... sent planes", TEXT) is None
    text = normalise("abc abc")
    assert find_quote("abc ... abc", text) == [(0, 3), (4, 7)]


def test_missing_part_names_the_first_part_that_fails() -> None:
    assert missing_part("sent planes ... The U.S. warned", TEXT) == "The U.S. warned"
    assert missing_part("The U.S. ... tanks", TEXT) == "tanks"
    assert missing_part("The U.S. ... waited", TEXT) is None


def test_quote_parts_split_on_both_elision_forms() -> None:
    assert quote_parts("a ... b\u2026c ...") == ["a", "b", "c"]
    assert quote_parts("no elision") == ["no elision"]


def test_all_occurrences_finds_every_place() -> None:
    assert all_occurrences("Russia", TEXT) == [16, 24, 60]
    assert all_occurrences("tanks", TEXT) == []
    assert all_occurrences("", TEXT) == []


# --- sentences ------------------------------------------------------------------------------


def _texts(raw: str) -> list[str]:
    return [s.text for s in split_sentences(raw)]


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    raw = (
        "U.S. Secretary of State Mike Pompeo spoke. National Security Advisor John R. Bolton "
        "agreed with Mr. Trump at 10 a.m. Monday. Gen. Padrino and Dr. X met on Sept. 3."
    )
    assert _texts(raw) == [
        "U.S. Secretary of State Mike Pompeo spoke.",
        "National Security Advisor John R. Bolton agreed with Mr. Trump at 10 a.m. Monday.",
        "Gen. Padrino and Dr. X met on Sept. 3.",
    ]


def test_sentence_ends_before_capitals_digits_quotes_and_accents() -> None:
    raw = 'He left. 2019 was hard! "Why?" she asked. (Then) silence? Él vino. and more.'
    assert _texts(raw) == [
        "He left.",
        "2019 was hard!",
        '"Why?" she asked.',
        "(Then) silence?",
        "Él vino. and more.",
    ]


def test_lines_are_paragraphs_with_their_line_numbers() -> None:
    raw = "Title without stop\n\n  First line. Second one.\nThird\u2019s line"
    sentences = split_sentences(raw)
    assert [(s.text, s.line) for s in sentences] == [
        ("Title without stop", 1),
        ("First line.", 3),
        ("Second one.", 3),
        ("Third's line", 4),
    ]


def test_sentence_offsets_index_the_normalised_text() -> None:
    raw = (ROOT / "seeds" / "002_b0aaf6c32aceeaab.txt").read_text(encoding="utf-8")
    text = normalise(raw)
    sentences = split_sentences(raw)
    assert len(sentences) > 10
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert [s.start for s in sentences] == sorted(s.start for s in sentences)


@pytest.mark.parametrize("seed", sorted(p.name for p in (ROOT / "seeds").glob("*.txt")))
def test_joined_lines_equal_the_normalised_seed(seed: str) -> None:
    raw = (ROOT / "seeds" / seed).read_text(encoding="utf-8")
    assert joined_text(raw) == normalise(raw)


def test_split_sentences_of_an_empty_text() -> None:
    assert split_sentences("") == []
    assert split_sentences("\n \n") == []


# --- date phrases ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Maduro was sworn in on 10 January 2019.", ["January", "2019"]),
        ("A controversial 1820s policy and the 1960's crisis.", ["1820s", "1960's"]),
        ("He was elected in May 2018.", ["in May", "2018"]),
        ("It happened on 1 May.", ["May"]),
        ("By mid-May the troops left.", ["mid-May"]),
        ("Since May, nothing.", ["Since May"]),
        ("On Sept. 3 and Dec. 24.", ["Sept.", "Dec."]),
        ("Last Friday, leaders met; on Saturdays they rest.", ["Friday", "Saturdays"]),
        ("The planes landed last weekend.", ["last weekend"]),
        ("This week it rained, next month it snows.", ["This week", "next month"]),
        ("Later that month he declared himself president.", ["Later that month"]),
        ("In recent weeks tensions rose.", ["In recent weeks"]),
        ("Three months after the bombers, two years ago.", ["Three months after", "two years ago"]),
        ("Over the past two years, inflation soared.", ["past two years"]),
        ("Yesterday he spoke; today he is silent.", ["Yesterday", "today"]),
        ("From 1800 to 2099.", ["1800", "2099"]),
    ],
)
def test_date_phrases_found(sentence: str, expected: list[str]) -> None:
    assert date_phrases(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia may be attempting to set up a base.",
        "May I ask a question?",
        "Theresa May said so.",
        "The Mayor spoke.",
        "Two Tu-160 bombers and 35 tonnes of cargo.",
        "Nearly 100 servicemen; 33.4% support; 1799 or 2100 units.",
        "A 35-year-old leader.",
        "Marchers filled the streets.",
        "They march on.",
        "",
    ],
)
def test_date_phrases_not_found(sentence: str) -> None:
    assert date_phrases(sentence) == []
