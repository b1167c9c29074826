"""The shared figure style and the helpers that put figures and numbers into the book.

Colours are the Okabe–Ito palette, safe for the common forms of colour blindness. Figures have a
white background and dark ink, so they stay legible as light "cards" in the book theme's dark
mode; they are rendered as PNG at twice the screen resolution ("retina") for high-DPI screens.

In a notebook, a figure is glued with ``show(fig, "name")`` and placed from markdown with::

    ```{glue:figure} name
    :alt: What the figure shows, for a screen-reader user.
    :name: fig-name

    The caption.
    ```

Numbers in prose are glued with ``glue_number("name", value)`` and written ``{glue:text}`name```.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from crisis.data.files import replace_if_changed

PALETTE: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#8C8C8C",
}
# One colour language for the whole book: each colour below means one thing in every figure.
# - camps: vermillion is Maduro's camp, blue Guaidó's, grey no camp; used for nothing else;
# - themes: purple, olive, teal and magenta for background, military, Russia and sanctions;
# - ties: green for a cooperative tie, dark grey (dashed) for a conflictual one;
# - sources and kinds of actor are told apart by marker shape and label, never by colour;
# - filled vs hollow marks a date the source states vs one inferred or borrowed.
# Every colour that carries meaning has at least 3:1 contrast against the white figure
# background (WCAG non-text contrast), tested in tests/report/test_style.py.
CAMP_COLOURS: dict[str, str] = {
    "maduro": PALETTE["vermillion"],
    "guaido": PALETTE["blue"],
    "none": "#767676",
}
THEME_COLOURS: dict[str, str] = {
    "background": "#6A3D9A",
    "military": "#5E6A00",
    "russia": "#01665E",
    "sanctions": "#C51B7D",
}
SIGN_COLOURS: dict[str, str] = {"cooperation": "#1B7837", "conflict": "#4D4D4D"}
SOURCE_MARKERS: tuple[str, ...] = ("o", "s", "D", "^", "v", "P", "X")
_SOURCE_CYCLE = ("black", "orange", "sky_blue", "bluish_green", "reddish_purple", "blue")
INK = "#222222"
# Figures are drawn for the book's content column: about 750 CSS px on a desktop, i.e. 7.5 in at
# the 100 dpi of ``use_style``, so text drawn at 10-11 pt shows at about the body text's size.
# No figure is wider (a wider one is shrunk, and its text with it); narrower figures show at
# their natural size. Text is never drawn smaller than MIN_FONT_PT.
COLUMN_WIDTH = 7.5
MIN_FONT_PT = 9.0
_GLUE_NAME = re.compile(r"[A-Za-z0-9_-]+")


def contrast(colour: str, background: str = "#FFFFFF") -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(hex_colour: str) -> float:
        rgb = mpl.colors.to_rgb(hex_colour)
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(colour), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def source_markers(source_ids: list[str]) -> dict[str, str]:
    """A distinct marker shape per source, in the given order (sources are never told apart by
    colour). Raises ValueError on a repeated id or on more sources than shapes."""
    ids = list(source_ids)
    repeated = sorted({s for s in ids if ids.count(s) > 1})
    if repeated:
        raise ValueError(f"source ids repeated: {', '.join(repeated)}")
    if len(ids) > len(SOURCE_MARKERS):
        raise ValueError(f"{len(ids)} sources but only {len(SOURCE_MARKERS)} marker shapes")
    return dict(zip(ids, SOURCE_MARKERS, strict=False))


def source_colours(source_ids: list[str]) -> dict[str, str]:
    """A distinct palette colour per source, in the given order.

    Raises ValueError on a repeated id, or on more sources than there are distinct colours (two
    sources sharing a colour could not be told apart in a figure).
    """
    ids = list(source_ids)
    repeated = sorted({s for s in ids if ids.count(s) > 1})
    if repeated:
        raise ValueError(f"source ids repeated: {', '.join(repeated)}")
    if len(ids) > len(_SOURCE_CYCLE):
        raise ValueError(
            f"{len(ids)} sources but only {len(_SOURCE_CYCLE)} distinct source colours: "
            "add a colour to crisis.report.style._SOURCE_CYCLE"
        )
    return {s: PALETTE[name] for s, name in zip(ids, _SOURCE_CYCLE, strict=False)}


def use_style() -> None:
    """Set matplotlib's defaults for every figure of the book (and retina inline output)."""
    mpl.rcParams.update(
        {
            "figure.facecolor": "white",
            "axes.facecolor": "white",
            "savefig.facecolor": "white",
            "figure.dpi": 100,
            "font.size": 11,
            "axes.titlesize": 12,
            "axes.labelsize": 11,
            "axes.edgecolor": INK,
            "axes.labelcolor": INK,
            "text.color": INK,
            "xtick.color": INK,
            "ytick.color": INK,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": mpl.cycler(color=[PALETTE[c] for c in _SOURCE_CYCLE]),
            "legend.frameon": False,
            "svg.hashsalt": "crisis",
            "path.simplify": True,
        }
    )
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("retina")
    except ImportError:  # pragma: no cover - outside IPython the default is fine
        pass


def check_glue_name(name: str) -> str:
    """Return ``name`` if it can be a glue key (letters, digits, ``_`` and ``-``), else raise."""
    if not _GLUE_NAME.fullmatch(name):
        raise ValueError(f"glue name must be letters, digits, '_' or '-', got {name!r}")
    return name


def show(fig: Figure, name: str, data=None, folder: Path | None = None) -> None:
    """Glue ``fig`` under ``name`` for a ``{glue:figure}`` directive, then close it.

    The figure is not displayed in the cell; the markdown places it, with its caption, alt text
    and label (see the module docstring). With ``data`` (the frame the figure draws), the figure
    is also written for download: ``<name>.csv`` (the frame, byte-stable) and ``<name>.png`` into
    ``folder`` (default: ``book/_generated/figures`` of the project), which the caption links
    with ``{download}`` roles. Raises TypeError if ``fig`` is not a Figure or ``data`` not a
    DataFrame.
    """
    from myst_nb import glue

    if not isinstance(fig, Figure):
        raise TypeError(f"show() needs a matplotlib Figure, got {type(fig).__name__}")
    check_glue_name(name)
    csv = write_figure_files(fig, name, data, folder)[0] if data is not None else None
    write_figure_facts(fig, name, folder, csv)
    glue(name, fig, display=False)
    plt.close(fig)


def smallest_font_pt(fig: Figure) -> float:
    """The size in points of the smallest visible, non-empty text a figure draws."""
    from matplotlib.text import Text

    sizes = [
        t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()
    ]
    return float(min(sizes)) if sizes else float("inf")


def write_figure_facts(
    fig: Figure, name: str, folder: Path | None = None, csv: Path | None = None
) -> Path | None:
    """Write ``<name>.json``: the figure's width in inches and its smallest text in points, so
    the browser tests can tell the size its text is shown at from its displayed width; with
    ``csv`` (the frame drawn, as written for download), its number of rows and its SHA-256, so
    that they can tell the download is the frame this build drew. Outside a project (a notebook
    with no book to record for) and without ``folder``, nothing is written and None is
    returned."""
    import hashlib
    import io
    import json
    from csv import reader as csv_rows

    from crisis.data.problems import DataError

    if folder is None:
        try:
            folder = figure_folder()
        except DataError:
            return None
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    facts = {
        "width_in": round(float(fig.get_figwidth()), 3),
        "height_in": round(float(fig.get_figheight()), 3),
        "dpi": float(mpl.rcParams["figure.dpi"]),
        "min_font_pt": smallest_font_pt(fig),
    }
    if csv is not None:
        data = Path(csv).read_bytes()
        facts["data_rows"] = sum(1 for _ in csv_rows(io.StringIO(data.decode("utf-8")))) - 1
        facts["data_sha256"] = hashlib.sha256(data).hexdigest()
    path = folder / f"{name}.json"
    replace_if_changed(path, (json.dumps(facts, sort_keys=True) + "\n").encode("utf-8"))
    return path


def figure_folder(root: Path | None = None) -> Path:
    """Where figures are written for download: ``book/_generated/figures`` of the project."""
    from crisis.data.load import find_project_root

    return Path(root or find_project_root()) / "book" / "_generated" / "figures"


def write_figure_files(fig: Figure, name: str, data, folder: Path | None = None) -> list[Path]:
    """Write the frame a figure draws as ``<name>.csv`` and the figure as ``<name>.png``."""
    import pandas as pd

    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"a figure's data must be a DataFrame, got {type(data).__name__}")
    folder = Path(folder) if folder is not None else figure_folder()
    folder.mkdir(parents=True, exist_ok=True)
    csv, png = folder / f"{name}.csv", folder / f"{name}.png"
    import io

    text = data.to_csv(index=False, lineterminator="\n", float_format="%.10g")
    replace_if_changed(csv, text.encode("utf-8"))
    image = io.BytesIO()
    fig.savefig(image, format="png", dpi=200, metadata={"Software": None})
    replace_if_changed(png, image.getvalue())
    return [csv, png]


def format_number(value: float, decimals: int = 1) -> str:
    """1234 -> '1,234'; 33.4 -> '33.4'; 41900000 -> '41,900,000'; 3.0 -> '3'.

    Raises ValueError for NaN or infinity (a missing value must never reach the prose) and for a
    negative number of decimals.
    """
    if not math.isfinite(value):
        raise ValueError(f"cannot write {value!r} in prose")
    if decimals < 0:
        raise ValueError(f"decimals must be >= 0, got {decimals}")
    rounded = round(float(value), decimals)
    if rounded.is_integer():
        return f"{int(rounded):,}"
    return f"{rounded:,.{decimals}f}"


def glue_number(name: str, value: float, decimals: int = 1) -> None:
    """Glue a number, formatted for prose, to be written ``{glue:text}`name```."""
    glue_text(name, format_number(value, decimals))


def glue_text(name: str, text: str) -> None:
    """Glue a piece of text for prose.

    Returns None, so a notebook cell ending with it shows nothing (a trailing ``;`` is not
    reliable: nbval executes cells without storing history, which defeats IPython's check).
    """
    from myst_nb import glue

    if not isinstance(text, str):
        raise TypeError(f"glue_text() needs a str, got {type(text).__name__}")
    glue(check_glue_name(name), text, display=False)
