"""Tests of evidence links and the anchored source texts on the tiny valid project."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from crisis.data.load import load_project
from crisis.data.text import normalise
from crisis.report import evidence, texts


@pytest.fixture
def project(tiny):
    return load_project(tiny)


def test_every_sentence_is_anchored_once_and_the_page_keeps_every_word(project):
    for source_id, raw in project.texts.items():
        page = "\n".join(texts.paragraphs(raw, source_id))
        anchors = re.findall(r'id="([^"]+)"', page)
        assert anchors == [f"{source_id}-s{n}" for n in range(1, texts.sentence_count(raw) + 1)]
        shown = re.sub(r"<[^>]+>", " ", page).replace("&quot;", '"').replace("&#x27;", "'")
        shown = shown.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        assert normalise(shown) == normalise(raw)


def test_a_quote_links_to_the_sentence_that_holds_it(project):
    row = project.events.iloc[0]
    raw = project.texts[row["source_id"]]
    number = evidence.sentence_number(raw, row["quote"])
    page = "\n".join(texts.paragraphs(raw, row["source_id"]))
    anchor = evidence.sentence_anchor(row["source_id"], number)
    sentence = re.search(rf'id="{anchor}">([^<]*)<', page).group(1)
    assert normalise(row["quote"].split("...")[0])[:30] in normalise(
        sentence.replace("&quot;", '"')
    )
    link = evidence.quote_link(project, row["source_id"], row["quote"])
    assert f'href="texts.html#{anchor}"' in link


def test_a_quote_not_in_the_text_is_refused():
    with pytest.raises(ValueError, match="quote not found"):
        evidence.sentence_number("One sentence. Another one.", "a third")


def test_event_and_claim_rows_carry_source_quote_and_coding(project):
    event_id = project.events["event_id"].iloc[0]
    rows = evidence.event_rows(project, [event_id])
    assert list(rows.columns) == evidence.ROW_COLUMNS
    assert len(rows) == int((project.events["event_id"] == event_id).sum())
    assert rows["coding"].str.fullmatch(r"[a-z]+, [^,]+, date (?:stated|inferred|borrowed)").all()
    fact_id = project.claims["fact_id"].iloc[0]
    claims = evidence.claim_rows(project, [fact_id])
    assert len(claims) == int((project.claims["fact_id"] == fact_id).sum())
    with pytest.raises(KeyError, match="no event 'nope'"):
        evidence.event_rows(project, ["nope"])
    with pytest.raises(KeyError):
        evidence.claim_rows(project, ["nope"])


def test_a_ledger_glues_a_reference_and_lists_its_evidence(project, glued):
    ledger = evidence.Ledger(project, "index")
    rows = evidence.event_rows(project, [project.events["event_id"].iloc[0]])
    ledger.glue("n_events", "six", rows, "events in the data")
    ((name, value, display),) = glued
    assert (name, display) == ("n_events", False)
    assert value.data == "{ref}`six <ev-index-n-events>`"
    section = ledger.section().data
    assert section.startswith("(ev-index-n-events)=\n")
    assert "**six**: events in the data" in section
    assert section.count('class="quote-link" href="texts.html#') == len(rows)


def test_a_ledger_refuses_numbers_without_evidence(project, glued):
    ledger = evidence.Ledger(project, "index")
    rows = evidence.event_rows(project, [project.events["event_id"].iloc[0]])
    with pytest.raises(ValueError, match="no rows"):
        ledger.glue("n", "0", rows.iloc[0:0], "nothing")
    with pytest.raises(ValueError, match="columns"):
        ledger.glue("n", "1", pd.DataFrame({"quote": ["x"]}), "bad")
    with pytest.raises(ValueError, match="lower-case"):
        ledger.glue("N-1", "1", rows, "bad name")
    ledger.glue("n", "1", rows, "ok")
    with pytest.raises(ValueError, match="glued twice"):
        ledger.glue("n", "1", rows, "again")
    assert [c[0] for c in glued] == ["n"]


def test_a_source_header_names_title_outlet_and_the_plain_file(project):
    row = project.sources.set_index("source_id").iloc[0].copy()
    row["file"], row["title"], row["outlet"] = "seeds/000_a.txt", "A & B", ""
    header = texts.source_header(row)
    assert "<cite>A &amp; B</cite>, the text names no outlet." in header
    assert 'href="../source-texts/000_a.txt" download' in header


def test_a_count_is_glued_in_words_and_cannot_exceed_its_rows(project, glued):
    ledger = evidence.Ledger(project, "index")
    event_id = project.events["event_id"].iloc[0]
    rows = evidence.event_rows(project, [event_id])
    assert ledger.count("n_one", rows, "one event", n=1, capital=True) == 1
    assert glued[-1][1].data == "{ref}`One <ev-index-n-one>`"
    with pytest.raises(ValueError, match="counts 9 but lists only"):
        ledger.count("n_nine", rows, "too many", n=9)


def test_a_derived_value_links_to_what_it_was_computed_from(project, glued):
    ledger = evidence.Ledger(project, "index")
    rows = evidence.event_rows(project, [project.events["event_id"].iloc[0]])
    ledger.count("n_all", rows, "reports")
    ledger.derived("share", "50%", "the share of reports", ["n_all"])
    section = ledger.section().data
    assert "(ev-index-share)=" in section
    assert "Computed from {ref}`" in section and "<ev-index-n-all>`" in section
    with pytest.raises(ValueError, match="unknown: \\['later'\\]"):
        ledger.derived("bad", "1", "from nothing yet", ["later"])
    with pytest.raises(ValueError, match="none given"):
        ledger.derived("bad", "1", "from nothing", [])


def test_a_long_list_of_rows_is_folded_but_kept_whole(project, glued):
    ledger = evidence.Ledger(project, "index")
    rows = evidence.event_rows(project, project.events["event_id"])
    assert len(rows) > evidence.FOLD_AFTER
    ledger.count("n_reports", rows, "every report")
    section = ledger.section().data
    assert f"<summary>All {len(rows)} quotes</summary>" in section
    assert section.count('class="quote-link"') == len(rows)


def test_events_facts_and_single_values_glue_with_all_their_reports(project, glued):
    ledger = evidence.Ledger(project, "index")
    event_id = project.events["event_id"].iloc[0]
    fact_id = project.claims["fact_id"].iloc[0]
    assert ledger.count_events("n_ev", [event_id, event_id], "one event, named twice") == 1
    assert ledger.count_facts("n_facts", [fact_id], "one fact") == 1
    ledger.event("when", "a date", event_id, "its date")
    source_id = project.claims.loc[project.claims["fact_id"] == fact_id, "source_id"].iloc[0]
    ledger.claim("value", "a value", fact_id, "its value", source_id=source_id)
    assert len(ledger.items["value"].rows) == 1
    with pytest.raises(KeyError, match="no report of"):
        ledger.event("bad", "x", event_id, "from nobody", source_id="nobody")
    with pytest.raises(ValueError, match="counts no event"):
        ledger.count_events("none", [], "nothing")


def test_a_count_of_the_page_itself_links_to_it(glued):
    evidence.glue_link("n_rows", "179", "#explorer-rows")
    assert glued[-1][1].data == '<a class="count-link" href="#explorer-rows">179</a>'
    with pytest.raises(ValueError, match="same page"):
        evidence.glue_link("n_rows", "179", "explorer.html")


def test_quotes_keep_dollars_and_stars_as_text_not_markup():
    assert evidence.inert("$20 million and $41.9 million") == (
        "&#36;20 million and &#36;41.9 million"
    )
    assert evidence.inert("a *b* _c_ <d> [e]") == (
        "a &#42;b&#42; &#95;c&#95; &lt;d&gt; &#91;e&#93;"
    )


def test_a_quote_is_shown_with_the_sources_own_dashes_and_spacing():
    raw = "The troika of tyranny \u2014 Cuba,\n  Nicaragua and Venezuela. Later words here."
    assert evidence.source_words(raw, "troika of tyranny - Cuba, Nicaragua") == (
        "troika of tyranny \u2014 Cuba, Nicaragua"
    )
    assert evidence.source_words(raw, "The troika ... words here") == "The troika ... words here"
    with pytest.raises(ValueError, match="not found"):
        evidence.source_words(raw, "troika of tyrants")


def test_a_setting_says_it_is_not_read_from_the_sources(project, glued):
    ledger = evidence.Ledger(project, "network")
    ledger.setting("n_null", "1,000", "rewired networks drawn for the null model")
    assert glued[-1][1].data == "{ref}`1,000 <ev-network-n-null>`"
    section = ledger.section().data
    assert "**1,000**: rewired networks drawn for the null model" in section
    assert 'class="evidence-setting">A setting of the analysis' in section


def test_a_repeated_single_row_reads_as_one_quote_and_units_as_words(project, glued):
    ledger = evidence.Ledger(project, "index")
    one = evidence.event_rows(project, [project.events["event_id"].iloc[0]]).iloc[:1]
    ledger.glue("a", "1", one, "first")
    ledger.glue("b", "1", one, "again")
    assert "The same quote as {ref}`1 <ev-index-a>`" in ledger.section().data
    assert evidence.UNIT_WORDS["usd"] == "US dollars"
