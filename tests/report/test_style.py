"""Tests of the shared figure style and the glue helpers (crisis.report.style)."""

from __future__ import annotations

import math
import re

import matplotlib
import matplotlib.pyplot as plt
import pytest

from crisis.data.codebook import THEMES
from crisis.report import style

matplotlib.use("Agg")

HEX = re.compile(r"#[0-9A-F]{6}")
OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


def _luminance(hex_colour: str) -> float:
    """Relative luminance (WCAG) of a #RRGGBB colour."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_palette_is_okabe_ito_hex():
    assert all(HEX.fullmatch(c) for c in style.PALETTE.values())
    assert set(style.PALETTE.values()) >= OKABE_ITO


def test_theme_colours_cover_exactly_the_codebook_themes_and_differ():
    assert set(style.THEME_COLOURS) == set(THEMES)
    assert len(set(style.THEME_COLOURS.values())) == len(THEMES)


def test_camp_colours_are_distinct_and_the_two_camps_are_palette_colours():
    assert set(style.CAMP_COLOURS) == {"maduro", "guaido", "none"}
    assert len(set(style.CAMP_COLOURS.values())) == 3
    assert {style.CAMP_COLOURS["maduro"], style.CAMP_COLOURS["guaido"]} <= OKABE_ITO


def test_ink_is_legible_on_the_white_figure_background():
    assert _contrast(style.INK, "#FFFFFF") >= 7


def test_source_colours_keep_order_and_are_distinct():
    ids = ["encyclopedia", "the_week", "the_slatest", "state_dept_provoked", "battle_for_influence"]
    colours = style.source_colours(ids)
    assert list(colours) == ids
    assert len(set(colours.values())) == len(ids)
    assert style.source_colours(ids) == colours
    assert style.source_colours([]) == {}


def test_source_colours_reject_repeated_ids():
    with pytest.raises(ValueError, match="repeated: a"):
        style.source_colours(["a", "b", "a"])


def test_source_colours_reject_more_sources_than_colours():
    with pytest.raises(ValueError, match="distinct source colours"):
        style.source_colours([f"s{i}" for i in range(20)])


def test_use_style_sets_white_background_dark_ink_and_fixed_svg_salt():
    with matplotlib.rc_context():
        style.use_style()
        rc = matplotlib.rcParams
        assert matplotlib.colors.to_hex(rc["figure.facecolor"]) == "#ffffff"
        assert matplotlib.colors.to_hex(rc["savefig.facecolor"]) == "#ffffff"
        assert rc["text.color"] == style.INK
        assert rc["svg.hashsalt"] == "crisis"
        assert rc["font.size"] >= 10
        cycle = [c.upper() for c in rc["axes.prop_cycle"].by_key()["color"]]
        assert set(cycle) <= set(style.PALETTE.values())


def test_same_figure_saves_to_identical_bytes(tmp_path):
    def draw(path):
        with matplotlib.rc_context():
            style.use_style()
            fig, ax = plt.subplots()
            ax.bar(["a", "b"], [1, 2])
            fig.savefig(path, format="svg", metadata={"Date": None})
            plt.close(fig)
        return path.read_bytes()

    assert draw(tmp_path / "one.svg") == draw(tmp_path / "two.svg")


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1234, 1, "1,234"),
        (3.0, 1, "3"),
        (41_900_000, 1, "41,900,000"),
        (33.44, 1, "33.4"),
        (33.96, 1, "34"),
        (0.125, 2, "0.12"),
        (-1500, 0, "-1,500"),
        (2.5, 0, "2"),
    ],
)
def test_format_number(value, decimals, text):
    assert style.format_number(value, decimals) == text


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_format_number_refuses_missing_values(value):
    with pytest.raises(ValueError, match="cannot write"):
        style.format_number(value)


def test_format_number_refuses_negative_decimals():
    with pytest.raises(ValueError, match="decimals"):
        style.format_number(1.5, -1)


def test_glue_number_glues_the_formatted_text_hidden(glued):
    assert style.glue_number("n_events", 1234.0) is None
    assert glued == [("n_events", "1,234", False)]


def test_glue_text_refuses_non_text_and_bad_names(glued):
    with pytest.raises(TypeError, match="needs a str"):
        style.glue_text("n", 3)
    with pytest.raises(ValueError, match="glue name"):
        style.glue_text("two words", "x")
    with pytest.raises(ValueError, match="glue name"):
        style.glue_text("", "x")
    assert glued == []


def test_show_glues_the_figure_and_closes_it(glued):
    fig, _ = plt.subplots()
    style.show(fig, "fig_test")
    assert glued == [("fig_test", fig, False)]
    assert not plt.fignum_exists(fig.number)


def test_show_refuses_what_is_not_a_figure(glued):
    fig, ax = plt.subplots()
    with pytest.raises(TypeError, match="Figure"):
        style.show(ax, "fig_test")
    plt.close(fig)
    assert glued == []


def test_each_meaning_has_its_own_colours_with_3_to_1_contrast():
    groups = [style.CAMP_COLOURS, style.THEME_COLOURS, style.SIGN_COLOURS]
    every = [c.upper() for g in groups for c in g.values()]
    assert len(every) == len(set(every)), "a colour means two things"
    low = {c: round(style.contrast(c), 2) for c in every if style.contrast(c) < 3}
    assert not low, f"colours under 3:1 against white: {low}"


def test_contrast_is_the_wcag_ratio():
    assert style.contrast("#000000") == pytest.approx(21)
    assert style.contrast("#FFFFFF") == pytest.approx(1)
    assert style.contrast("#767676") == pytest.approx(4.54, abs=0.01)


def test_source_markers_are_distinct_and_refuse_repeats():
    markers = style.source_markers(["a", "b", "c"])
    assert list(markers) == ["a", "b", "c"] and len(set(markers.values())) == 3
    with pytest.raises(ValueError, match="repeated"):
        style.source_markers(["a", "a"])


def test_show_writes_the_drawn_frame_and_the_image_for_download(glued, tmp_path):
    import pandas as pd

    frame = pd.DataFrame({"month": ["2019-03"], "events": [12]})
    fig, ax = plt.subplots()
    ax.bar(frame["month"], frame["events"])
    style.show(fig, "fig_counts", data=frame, folder=tmp_path)
    assert (tmp_path / "fig_counts.csv").read_text() == "month,events\n2019-03,12\n"
    assert (tmp_path / "fig_counts.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [c[0] for c in glued] == ["fig_counts"]
    with pytest.raises(TypeError, match="DataFrame"):
        style.show(plt.figure(), "fig_bad", data=[1, 2], folder=tmp_path)


def test_show_records_the_width_and_the_smallest_text_of_a_figure(glued, tmp_path):
    import json

    style.use_style()
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.set_title("Title", fontsize=12)
    ax.set_xlabel("months", fontsize=9.5)
    ax.text(0.5, 0.5, "", fontsize=4)  # empty text is not text a reader sees
    style.show(fig, "fig_facts", folder=tmp_path)
    facts = json.loads((tmp_path / "fig_facts.json").read_text())
    assert facts["width_in"] == 6 and facts["height_in"] == 3 and facts["dpi"] == 100
    assert facts["min_font_pt"] == 9.5


def test_figure_facts_are_not_written_outside_a_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fig = plt.figure()
    assert style.write_figure_facts(fig, "fig_nowhere") is None
    assert list(tmp_path.iterdir()) == []
    plt.close(fig)


def test_figure_facts_record_the_rows_and_digest_of_the_frame_drawn(tmp_path):
    import hashlib
    import json

    import pandas as pd

    fig, ax = plt.subplots(figsize=(4, 2))
    frame = pd.DataFrame({"label": ["a", "two\nlines", "c"], "value": [1, 2.5, 3]})
    ax.bar(frame["label"], frame["value"])
    style.show(fig, "fig_data", data=frame, folder=tmp_path)
    facts = json.loads((tmp_path / "fig_data.json").read_text())
    csv = (tmp_path / "fig_data.csv").read_bytes()
    assert facts["data_rows"] == 3  # a quoted line break is not a row
    assert facts["data_sha256"] == hashlib.sha256(csv).hexdigest()
    assert (tmp_path / "fig_data.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_showing_the_same_figure_again_leaves_its_files_and_their_times(glued, tmp_path):
    import os

    import pandas as pd

    frame = pd.DataFrame({"month": ["2019-03"], "events": [12]})

    def draw() -> None:
        fig, ax = plt.subplots()
        ax.bar(frame["month"], frame["events"])
        style.show(fig, "fig_again", data=frame, folder=tmp_path)

    draw()
    files = sorted(tmp_path.iterdir())
    assert [f.name for f in files] == ["fig_again.csv", "fig_again.json", "fig_again.png"]
    for path in files:
        os.utime(path, (1_000_000, 1_000_000))
    draw()  # a notebook run again (nbval, a test): the next build must not see new files
    assert sorted(tmp_path.iterdir()) == files
    assert [f.stat().st_mtime for f in files] == [1_000_000] * 3
