"""The page fixes of crisis.build.sphinx_theme_fixes, on HTML fragments as MyST-NB writes them."""

from __future__ import annotations

from pathlib import Path

from crisis.build.sphinx_theme_fixes import copy_source_texts, fix_body, fix_image

FIGURE = '<img alt="A chart." src="../_images/a.png" style="width: 789px; height: 503px;" />'


def test_a_figure_gets_its_size_as_attributes_and_loads_lazily():
    assert fix_image(FIGURE) == (
        '<img loading="lazy" decoding="async" alt="A chart." src="../_images/a.png"'
        ' width="789" height="503" />'
    )


def test_fractional_sizes_are_rounded():
    tag = '<img src="a.png" style="width: 10.6px; height: 5.2px" />'
    assert ' width="11" height="5"' in fix_image(tag)


def test_an_image_with_its_own_attributes_or_other_style_keeps_them():
    sized = '<img src="a.png" width="10" style="width: 20px; height: 10px;" />'
    assert 'style="width: 20px; height: 10px;"' in fix_image(sized)
    styled = '<img src="a.png" style="border: 1px" loading="eager" />'
    assert fix_image(styled) == styled


def test_fixing_twice_changes_nothing():
    body = f"<p>{FIGURE}</p>"
    assert fix_body(fix_body(body)) == fix_body(body)


def test_code_toggles_are_named_by_their_text():
    body = '<summary aria-label="Toggle hidden content">\n<p>Show code cell source</p>'
    assert fix_body(body) == "<summary>\n<p>Show code cell source</p>"


def test_citations_are_list_items():
    body = '<div role="list" class="citation-list">\n<div class="citation" role="doc-biblioentry">'
    assert 'role="listitem"' in fix_body(body)
    assert "doc-biblioentry" not in fix_body(body)


def test_the_source_texts_are_served_byte_for_byte(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "000_a.txt").write_bytes("Un texto, año <1>.\n".encode())
    (seeds / "001_b.txt").write_bytes(b"Another text.\n")
    (seeds / "notes.md").write_text("not a source", encoding="utf-8")
    copies = copy_source_texts(seeds, tmp_path / "html")
    served = tmp_path / "html" / "source-texts"
    assert copies == [served / "000_a.txt", served / "001_b.txt"]
    for copy in copies:
        assert copy.read_bytes() == (seeds / copy.name).read_bytes()
