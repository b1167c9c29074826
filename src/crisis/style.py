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

import matplotlib as mpl
import matplotlib.pyplot as plt

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
THEME_COLOURS: dict[str, str] = {
    "background": PALETTE["grey"],
    "military": PALETTE["orange"],
    "russia": PALETTE["vermillion"],
    "sanctions": PALETTE["blue"],
}
CAMP_COLOURS: dict[str, str] = {
    "maduro": PALETTE["vermillion"],
    "guaido": PALETTE["blue"],
    "none": "#BBBBBB",
}
_SOURCE_CYCLE = ("black", "orange", "sky_blue", "bluish_green", "reddish_purple", "blue")
INK = "#222222"


def source_colours(source_ids: list[str]) -> dict[str, str]:
    """A distinct palette colour per source, in the given order."""
    return {s: PALETTE[_SOURCE_CYCLE[i % len(_SOURCE_CYCLE)]] for i, s in enumerate(source_ids)}


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


def show(fig: plt.Figure, name: str) -> None:
    """Glue ``fig`` under ``name`` for a ``{glue:figure}`` directive, then close it."""
    from myst_nb import glue

    glue(name, fig, display=False)
    plt.close(fig)


def format_number(value: float, decimals: int = 1) -> str:
    """1234 -> '1,234'; 33.4 -> '33.4'; 41900000 -> '41,900,000'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.{decimals}f}"


def glue_number(name: str, value: float, decimals: int = 1) -> None:
    """Glue a number, formatted for prose, to be written ``{glue:text}`name```."""
    glue_text(name, format_number(value, decimals))


def glue_text(name: str, text: str) -> None:
    """Glue a piece of text for prose.

    Returns None, so a notebook cell ending with it shows nothing (a trailing ``;`` is not
    reliable: nbval executes cells without storing history, which defeats IPython's check).
    """
    from myst_nb import glue

    glue(name, text, display=False)
