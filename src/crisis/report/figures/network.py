"""Drawing the actor network."""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from crisis.report.style import CAMP_COLOURS, INK, PALETTE, SIGN_COLOURS

KIND_MARKERS = {
    "state": "o",
    "international_org": "h",
    "government_body": "s",
    "person": "^",
    "company": "D",
    "armed_group": "X",
    "political_group": "P",
}
CAMP_LABELS = {"maduro": "Maduro's camp", "guaido": "Guaidó's camp", "none": "no camp"}


def short_name(name: str, limit: int = 18) -> str:
    """A label short enough to read in the drawing: cut to ``limit`` characters, ending in '…'."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def draw_network(
    graph: nx.DiGraph,
    camps: pd.DataFrame,
    pos: dict,
    label_top: int = 40,
    ax: Axes | None = None,
) -> plt.Figure:
    """Nodes coloured by camp and shaped by kind; solid blue-green positive and dashed
    vermillion negative edges, width by weight; the best-connected actors labelled.

    Only the nodes in ``pos`` (``crisis.analysis.network.layout``) are drawn, and the edges between
    them.
    The ``label_top`` actors with most ties are labelled with their short names. Draws on ``ax``
    when given (and returns its figure), else on a new figure. Raises ValueError on a node of a
    kind without a marker or a camp without a colour.
    """
    camp = dict(zip(camps["actor_id"], camps["camp"], strict=True))
    nodes = sorted(pos)
    kinds = sorted({str(graph.nodes[n].get("kind")) for n in nodes} - set(KIND_MARKERS))
    if kinds:
        raise ValueError(f"no marker for actor kind(s): {', '.join(kinds)}")
    colourless = sorted({camp.get(n, "none") for n in nodes} - set(CAMP_COLOURS))
    if colourless:
        raise ValueError(f"no colour for camp(s): {', '.join(map(str, colourless))}")
    own = ax is None
    if ax is None:
        fig, ax = plt.subplots(figsize=(11, 8.5))
    else:
        fig = ax.figure
    edges = sorted((a, b, d) for a, b, d in graph.edges(data=True) if a in pos and b in pos)
    for positive, colour, style in ((True, SIGN_COLOURS["cooperation"], "solid"),
                                     (False, SIGN_COLOURS["conflict"], "dashed")):  # fmt: skip
        chosen = [(a, b) for a, b, d in edges if (d["weight"] > 0) == positive]
        widths = [0.6 + 1.6 * abs(graph[a][b]["weight"]) for a, b in chosen]
        nx.draw_networkx_edges(
            graph, pos, edgelist=chosen, ax=ax, edge_color=colour, style=style, width=widths,
            alpha=0.55, arrows=True, arrowsize=8, node_size=120, connectionstyle="arc3,rad=0.08",
        )  # fmt: skip
    degree = dict(graph.degree(nodes))
    for kind, marker in KIND_MARKERS.items():
        chosen = [n for n in nodes if graph.nodes[n].get("kind") == kind]
        if chosen:
            nx.draw_networkx_nodes(
                graph, pos, nodelist=chosen, node_shape=marker, ax=ax,
                node_color=[CAMP_COLOURS[camp.get(n, "none")] for n in chosen],
                node_size=[60 + 25 * degree[n] for n in chosen], edgecolors=INK, linewidths=0.5,
            )  # fmt: skip
    top = sorted(nodes, key=lambda n: (-degree[n], n))[:label_top]
    labels = {n: short_name(graph.nodes[n].get("name", n)) for n in top}
    nx.draw_networkx_labels(graph, pos, labels=labels, font_size=8, ax=ax, font_color=INK)
    handles = [Line2D([], [], marker="o", ls="", color=CAMP_COLOURS[c], label=CAMP_LABELS[c])
               for c in ("maduro", "guaido", "none")]  # fmt: skip
    handles += [Line2D([], [], marker=m, ls="", color="white", markeredgecolor=INK,
                       label=k.replace("_", " ")) for k, m in KIND_MARKERS.items()]  # fmt: skip
    handles += [
        Line2D([], [], color=SIGN_COLOURS["cooperation"], label="cooperative tie"),
        Line2D([], [], color=SIGN_COLOURS["conflict"], ls="--", label="conflictual tie"),
    ]
    ax.legend(handles=handles, loc="lower center", ncol=4, fontsize=8, bbox_to_anchor=(0.5, -0.14))
    ax.set_axis_off()
    if own:
        fig.tight_layout()
    return fig


def draw_camp_sizes(camps: pd.DataFrame, actors: pd.DataFrame) -> plt.Figure:
    """Actors per camp (rows Maduro, Guaidó, none), stacked by kind (sorted)."""
    kinds = actors.set_index("actor_id")["kind"]
    table = pd.crosstab(camps["camp"], camps["actor_id"].map(kinds)).reindex(
        ["maduro", "guaido", "none"], fill_value=0
    )
    fig, ax = plt.subplots(figsize=(8, 3.2))
    left = pd.Series(0, index=table.index)
    colours = list(PALETTE.values())[1:]
    for i, kind in enumerate(sorted(table.columns)):
        ax.barh([CAMP_LABELS[c] for c in table.index], table[kind], left=left,
                color=colours[i % len(colours)], label=kind.replace("_", " "))  # fmt: skip
        left += table[kind]
    ax.invert_yaxis()
    ax.set_xlabel("actors")
    ax.legend(ncol=4, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.25))
    fig.tight_layout()
    return fig
