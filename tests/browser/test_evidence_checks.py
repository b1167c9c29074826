"""The evidence checks catch each kind of breakage, on small pages broken on purpose."""

from __future__ import annotations

from evidence_checks import (
    anchored_sentences,
    evidence_links,
    link_problems,
    quote_problems,
    unlinked_numbers,
)
from playwright.sync_api import Page

GOOD_ITEM = (
    '<p id="ev-x-n"><strong>three</strong>: events</p>'
    '<ul><li><a class="quote-link" href="texts.html#a-s1">“One”</a></li></ul>'
)


def _open(page: Page, body: str) -> None:
    page.set_content(f"<html><body><article>{body}</article></body></html>")


def test_a_glued_number_without_a_link_is_found_and_a_glued_name_is_not(page: Page) -> None:
    _open(
        page,
        '<p><span class="pasted-text">12</span> and <span class="pasted-text">March 2019</span>'
        ' and <span class="pasted-text">five</span> by <span class="pasted-text">Cuba, Iran'
        '</span></p><p><a href="#ev-x-n">three</a></p>' + GOOD_ITEM,
    )
    assert unlinked_numbers(page) == [
        f"glued value {v!r} is plain text, not a link to its evidence"
        for v in sorted(["12", "March 2019", "five"])
    ]


def test_a_good_evidence_link_passes(page: Page) -> None:
    _open(page, '<p><a href="#ev-x-n">three</a></p>' + GOOD_ITEM)
    links = evidence_links(page)
    assert len(links) == 1 and links[0].quotes == (("texts.html#a-s1", "“One”"),)
    assert link_problems(links) == []


def test_a_missing_target_a_wrong_value_and_an_empty_item_are_found(page: Page) -> None:
    _open(
        page,
        '<p><a href="#ev-x-gone">1</a> <a href="#ev-x-n">four</a> <a href="#ev-x-e">2</a></p>'
        + GOOD_ITEM
        + '<p id="ev-x-e"><strong>2</strong>: nothing</p><h2>Next</h2>',
    )
    problems = link_problems(evidence_links(page))
    assert problems == [
        "'1' -> #ev-x-gone: no such target on the page",
        "'2' -> #ev-x-e: the evidence lists no quote, no input and is no setting",
        "'four' -> #ev-x-n: the evidence shows 'three', not the value",
    ]


def test_a_derived_value_needs_its_inputs_on_the_page(page: Page) -> None:
    _open(
        page,
        '<p><a href="#ev-x-share">50%</a></p>'
        '<p id="ev-x-share"><strong>50%</strong>: a share</p>'
        '<p>Computed from <a href="#ev-x-n">three</a>; <a href="#ev-x-lost">9</a>.</p>' + GOOD_ITEM,
    )
    problems = link_problems(evidence_links(page))
    assert problems == [
        "'50%' -> #ev-x-share: input #ev-x-lost is not on the page",
        "'9' -> #ev-x-lost: no such target on the page",
    ]


def test_quotes_must_be_verbatim_and_link_the_sentence_that_holds_them() -> None:
    seeds = {"a": "One sentence here. Two words follow, and more."}
    sentences = anchored_sentences(
        '<span class="sentence" id="a-s1">One sentence here.</span> '
        '<span class="sentence" id="a-s2">Two words follow, and more.</span>'
    )
    assert sentences == {"a-s1": "One sentence here.", "a-s2": "Two words follow, and more."}
    good = [("texts.html#a-s2", "“Two words follow...more”")]
    assert quote_problems(good, seeds, sentences) == []
    bad = [
        ("texts.html#a-s1", "“Two words follow”"),  # the wrong sentence
        ("texts.html#a-s2", "“Two words followed”"),  # not the source's words
        ("texts.html#a-s9", "“One sentence”"),  # no such sentence
        ("explorer.html#a-s1", "“One sentence”"),  # not a link to the texts
    ]
    assert quote_problems(bad, seeds, sentences) == sorted(
        [
            "quote 'Two words follow' -> texts.html#a-s1: the sentence linked does not hold "
            "the quote's start",
            "quote 'Two words followed' -> texts.html#a-s2: these words are not in a",
            "quote 'One sentence' -> texts.html#a-s9: no such sentence on the texts page",
            "quote 'One sentence' -> explorer.html#a-s1: not a link to a sentence of a source",
        ]
    )


def test_a_setting_needs_no_rows_but_must_say_it_is_one(page: Page) -> None:
    _open(
        page,
        '<p><a href="#ev-x-s">1,000</a> <a href="#ev-x-t">5%</a></p>'
        '<p id="ev-x-s"><strong>1,000</strong>: draws</p>'
        '<p><span class="evidence-setting">A setting of the analysis.</span></p>'
        '<p id="ev-x-t"><strong>5%</strong>: a tolerance</p>'
        '<p><span class="evidence-setting">A setting.</span></p>'
        + GOOD_ITEM.replace('id="ev-x-n"', 'class="more"'),
    )
    assert link_problems(evidence_links(page)) == [
        "'5%' -> #ev-x-t: a setting of the analysis cannot also have rows"
    ]
