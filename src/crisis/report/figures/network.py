"""Drawing the two camps: one block per camp, its firm members named, its ties aggregated.

A drawing of every actor and tie (~140 crossing edges) cannot be read; this one shows the camps
as two blocks. Each block lists its firm members by name, with a marker whose shape is the kind
of actor (camp colour fill: colour means the camp, shape the kind), and counts its tentative
members; the ties inside each camp and across the two are counted by sign, and the ties across
are drawn as two lines between the blocks (solid green cooperative, dashed grey conflictual). The
full detail is in the chapter's tables. ``camp_blocks_data`` is what the drawing shows, as a
tidy frame (the figure's download).
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch

from crisis.analysis.camps import Camps
from crisis.report.chapters.network import block_ties, members
from crisis.report.style import CAMP_COLOURS, INK, SIGN_COLOURS
from crisis.report.wording import actor_names, count_words

KIND_MARKERS = {
    "state": "o",
    "international_org": "h",
    "government_body": "s",
    "person": "^",
    "company": "D",
    "armed_group": "X",
    "political_group": "P",
}
CAMP_LABELS = {"maduro": "Maduro's camp", "guaido": "Guaidó's camp"}
FONT = 10.5
WRAP = 24  # characters per line of a name
ROW = 0.36  # inches per listed actor
WIDTH = 4.2  # narrow enough to keep its text legible on a 390-px phone


DATA_COLUMNS = ["block", "item", "actor", "kind", "count"]


def camp_blocks_data(camps: Camps, project) -> pd.DataFrame:
    """What ``draw_camp_blocks`` draws (``DATA_COLUMNS``): per camp (Maduro's first) one row
    per firm member named (its name and kind, in the drawn order), then the number of tentative
    members and of cooperative and conflictual ties inside; then the cooperative and conflictual
    ties across the two camps. ``actor`` and ``kind`` are empty on the count rows, ``count`` on
    the member rows."""
    names = actor_names(project)
    kind = dict(zip(project.actors["actor_id"], project.actors["kind"], strict=True))
    ties = block_ties(camps)
    rows = []
    for camp, label in CAMP_LABELS.items():
        rows += [(label, "firm member", names[a], kind[a].replace("_", " "), None)
                 for a in members(camps, camp, firm=True)]  # fmt: skip
        rows.append((label, "tentative members", "", "", len(members(camps, camp, firm=False))))
        rows += [(label, f"{sign} ties inside", "", "", n)
                 for sign, n in ties[(camp, camp)].items()]  # fmt: skip
    rows += [("across the camps", f"{sign} ties across", "", "", n)
             for sign, n in ties[("maduro", "guaido")].items()]  # fmt: skip
    frame = pd.DataFrame(rows, columns=DATA_COLUMNS)
    frame["count"] = frame["count"].astype("Int64")
    return frame


def _ties_text(counts: dict[str, int]) -> str:
    return f"{counts['cooperative']} cooperative, {counts['conflictual']} conflictual"


def draw_camp_blocks(camps: Camps, project) -> plt.Figure:
    """The two camps as blocks (Maduro's above, Guaidó's below): firm members named and marked
    by kind, tentative members counted, ties inside and across counted by sign (``block_ties``).

    ``WIDTH`` (< COLUMN_WIDTH) wide, so that it is not shrunk on a phone; text at ``FONT`` pt.
    Raises ValueError on an actor kind without a marker.
    """
    names = actor_names(project)
    kind = dict(zip(project.actors["actor_id"], project.actors["kind"], strict=True))
    firm = {c: members(camps, c, firm=True) for c in CAMP_LABELS}
    tentative = {c: len(members(camps, c, firm=False)) for c in CAMP_LABELS}
    unknown = sorted({kind[a] for ids in firm.values() for a in ids} - set(KIND_MARKERS))
    if unknown:
        raise ValueError(f"no marker for actor kind(s): {', '.join(unknown)}")
    ties = block_ties(camps)
    lines = {a: textwrap.wrap(names[a], WRAP) for ids in firm.values() for a in ids}
    heights = {c: 1.0 + sum(ROW * (1 + (len(lines[a]) - 1) * 0.5) for a in firm[c]) + 1.1
               for c in CAMP_LABELS}  # fmt: skip
    between, legend = 1.1, 0.9
    height = sum(heights.values()) + between + legend + 0.2
    fig = plt.figure(figsize=(WIDTH, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(0, height)
    ax.set_axis_off()
    tops = {"maduro": height - 0.1, "guaido": height - 0.1 - heights["maduro"] - between}
    for camp in CAMP_LABELS:
        x0, top = 0.08, tops[camp]
        bottom = top - heights[camp]
        box = FancyBboxPatch(
            (x0, bottom), WIDTH - 0.16, heights[camp], boxstyle="round,pad=0,rounding_size=0.12",
            facecolor="white", edgecolor=CAMP_COLOURS[camp], linewidth=2.5,
        )  # fmt: skip
        ax.add_patch(box)
        ax.text(x0 + 0.15, top - 0.3, CAMP_LABELS[camp], fontsize=FONT + 1.5, fontweight="bold",
                color=CAMP_COLOURS[camp], va="center")  # fmt: skip
        ax.text(x0 + 0.15, top - 0.65, "firm members", fontsize=FONT, color=INK, va="center",
                style="italic")  # fmt: skip
        y = top - 1.0 + ROW
        for actor in firm[camp]:
            y -= ROW + (len(lines[actor]) - 1) * ROW * 0.5
            ax.plot(x0 + 0.3, y, marker=KIND_MARKERS[kind[actor]], markersize=9, linestyle="",
                    color=CAMP_COLOURS[camp], markeredgecolor=INK, markeredgewidth=0.6)  # fmt: skip
            ax.text(x0 + 0.55, y, "\n".join(lines[actor]), fontsize=FONT, color=INK,
                    va="center", linespacing=1.1)  # fmt: skip
        more = tentative[camp]
        ax.text(x0 + 0.15, bottom + 0.8, f"+ {count_words(more)} tentative member"
                f"{'s' * (more != 1)}", fontsize=FONT, color=INK, va="center")  # fmt: skip
        inside = ties[(camp, camp)]
        ax.text(x0 + 0.15, bottom + 0.38, f"ties inside: {_ties_text(inside)}", fontsize=FONT,
                color=INK, va="center")  # fmt: skip
    across = ties[("maduro", "guaido")]
    upper = tops["maduro"] - heights["maduro"]
    lower = tops["guaido"]
    for n, (sign, style) in enumerate((("cooperative", "solid"), ("conflictual", (0, (4, 2))))):
        colour = SIGN_COLOURS["cooperation" if n == 0 else "conflict"]
        count = across[sign]
        x = 0.6 + n * 1.7
        ax.plot([x, x], [upper, lower], color=colour, linestyle=style,
                linewidth=1 + min(count, 30) / 5, solid_capstyle="butt")  # fmt: skip
        ax.text(x + 0.2, (upper + lower) / 2, f"{count} {sign}\nacross", fontsize=FONT,
                color=INK, va="center", linespacing=1.2)  # fmt: skip
    kinds = [k for k in KIND_MARKERS if any(kind[a] == k for ids in firm.values() for a in ids)]
    handles = [Line2D([], [], marker=KIND_MARKERS[k], linestyle="", color="white",
                      markeredgecolor=INK, markersize=9, label=k.replace("_", " "))
               for k in kinds]  # fmt: skip
    ax.legend(handles=handles, loc="lower center", ncol=2, fontsize=FONT, frameon=False,
              bbox_to_anchor=(0.5, 0.0), handletextpad=0.2, columnspacing=0.8)  # fmt: skip
    return fig
