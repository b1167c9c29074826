"""The camps (crisis.analysis.camps) on hand-made event tables: placement by an actor's own acts,
exact frustration, firmness, robustness by source, and the export sharing the chapter's functions.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from support.frames import actors_frame, events_frame, report

from crisis.analysis import balance, camps
from crisis.analysis.balance_solver import frustration_value
from crisis.data.codebook import EVENT_TYPES

ROOT = Path(__file__).resolve().parents[2]
ACTORS = actors_frame(
    ("nicolas_maduro", "person"),
    ("maduro_government", "government_body"),
    ("juan_guaido", "person"),
    ("russia", "state"),
    ("cuba", "state"),
    ("united_states", "state"),
    ("canada", "state"),
    ("peru", "state"),
    ("reuters", "company", "media"),
)
# Balanced: Maduro and Russia against the US and Guaidó; the Maduro government only receives a
# sanction; Reuters is a medium; Peru has no event; the Mahan-Air-like ban is context.
BALANCED = [
    report("m1", ("nicolas_maduro",), ("united_states",), "ACCUSE", "a"),
    report("m2", ("russia",), ("nicolas_maduro",), "SUPPORT", "a"),
    report("m2", ("russia",), ("nicolas_maduro",), "SUPPORT", "b"),
    report("m3", ("russia",), ("united_states",), "ACCUSE", "a"),
    report("m4", ("united_states",), ("juan_guaido",), "SUPPORT", "b"),
    report("m5", ("juan_guaido",), ("nicolas_maduro",), "REJECT", "b"),
    report("m6", ("united_states",), ("maduro_government",), "SANCTION", "b"),
    report("m7", ("canada",), ("juan_guaido",), "SUPPORT", "a"),
    report("m8", ("reuters",), ("nicolas_maduro",), "ACCUSE", "a"),
    report("m9", ("peru",), ("russia",), "SANCTION", "a", scope="context"),
]


def assess(*reports: dict, **kwargs) -> camps.Camps:
    kwargs = {"null_draws": 40, "boot_draws": 200, **kwargs}
    return camps.assess(events_frame(*reports), ACTORS, **kwargs)


def test_a_balanced_network_has_no_frustration_and_the_expected_split():
    result = assess(*BALANCED)
    table = result.table.set_index("actor_id")
    assert result.split.index == 0 and result.split.normalised == 0
    assert result.split.frustrated.empty and camps.frustrated_ties(result).empty
    assert list(table.loc[["nicolas_maduro", "russia"], "camp"]) == ["maduro", "maduro"]
    assert list(table.loc[["united_states", "juan_guaido", "canada"], "camp"]) == ["guaido"] * 3
    # Guaidó is not anchored: his side is a result of the ties
    assert camps.ANCHORS == {"nicolas_maduro": 0}
    assert table["unique"].dropna().all()


def test_victims_media_context_and_the_untied_are_left_unplaced_with_a_reason():
    table = assess(*BALANCED).table.set_index("actor_id")
    assert table.loc["maduro_government", ["camp", "reason"]].tolist() == ["none", "receives only"]
    assert table.loc["reuters", ["camp", "reason"]].tolist() == ["none", "media"]
    # Peru's only event is context: it ties Peru to no one
    assert table.loc["peru", ["camp", "reason"]].tolist() == ["none", "no tie"]
    assert (table.loc[table["camp"] == "none", "reason"] != "").all()
    assert (table.loc[table["camp"] != "none", "reason"] == "").all()


def test_a_victim_still_counts_in_the_split():
    # the sanctioned government sits on Maduro's side of the split, but is not placed
    result = assess(*BALANCED)
    assert camps.side_of(result, "maduro_government") == "maduro"
    assert camps.camp_of(result)["maduro_government"] == "none"


def test_a_known_frustration_is_found_and_reported_with_its_events():
    # Cuba aids Russia and supports the United States: one of the two ties must be frustrated,
    # the lighter one.
    reports = [
        *BALANCED,
        report("c1", ("cuba",), ("russia",), "AID", "a"),
        report("c2", ("cuba",), ("united_states",), "SUPPORT", "b"),
    ]
    result = assess(*reports)
    aid, support = EVENT_TYPES["AID"].score / 10, EVENT_TYPES["SUPPORT"].score / 10
    assert result.split.index == pytest.approx(min(aid, support))
    frustrated = camps.frustrated_ties(result)
    lighter = "c2" if support < aid else "c1"
    assert list(frustrated["event_id"]) == [lighter]
    assert list(frustrated.columns) == camps.FRUSTRATED_COLUMNS
    assert frustrated["actor"].iloc[0] == "cuba"
    total = result.ties["weight"].sum()
    assert result.split.normalised == pytest.approx(min(aid, support) / total)


def test_an_actor_placed_by_one_event_is_never_firm_however_high_its_support():
    # Canada's one act, against the anchor, is reported by four sources: almost every draw keeps it
    reports = [r for r in BALANCED if r["event_id"] != "m7"] + [
        report("m7", ("canada",), ("nicolas_maduro",), "ACCUSE", s) for s in "abcd"
    ]
    table = assess(*reports).table.set_index("actor_id")
    assert table.loc["canada", "n_acts"] == 1
    assert table.loc["canada", "support"] >= 0.9
    assert not table.loc["canada", "firm"]
    assert not table.loc[table["n_acts"] <= 1, "firm"].any()


def test_support_and_firmness_follow_the_rule():
    table = assess(*BALANCED).table
    placed = table[table["camp"] != "none"]
    assert placed["support"].between(0, 1).all()
    assert table.loc[table["camp"] == "none", "support"].isna().all()
    expected = (placed["support"] >= 0.9) & (placed["n_acts"] > 1)
    assert placed["firm"].tolist() == expected.tolist()


def test_leave_one_source_out_names_the_sources_a_placement_depends_on():
    table = assess(*BALANCED).table.set_index("actor_id")
    # Canada's one act is told by source a only; without b, nothing ties Guaidó, and so Canada,
    # to Maduro's side
    assert table.loc["canada", "depends_on"] == "a|b"
    assert table.loc["russia", "depends_on"] == ""  # supports Maduro in both sources


def test_resampling_is_seeded():
    first = assess(*BALANCED, seed=3)
    second = assess(*BALANCED, seed=3)
    pd.testing.assert_frame_equal(first.table, second.table)
    assert np.array_equal(first.null, second.null)


def test_placement_matches_the_assessment_without_resampling():
    events = events_frame(*BALANCED)
    quick, full = camps.placement(events, ACTORS), camps.assess(events, ACTORS, 20, 50)
    assert camps.camp_of(quick) == camps.camp_of(full)
    assert quick.table["support"].isna().all() and not quick.table["firm"].any()
    with pytest.raises(ValueError, match="no null draws"):
        quick.significance()


def test_significance_compares_with_the_null_draws():
    result = assess(*BALANCED)
    sig = result.significance()
    assert len(result.null) == 40
    assert sig["observed"] == result.split.normalised
    assert 0 < sig["p"] <= 1


@pytest.mark.parametrize("seed", range(40))
def test_the_reduced_frustration_value_equals_brute_force(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 11))
    pairs = sorted({tuple(sorted(rng.choice(n, 2, replace=False).tolist())) for _ in range(2 * n)})
    ties = pd.DataFrame(
        {
            "a": [f"n{a:02d}" for a, _ in pairs],
            "b": [f"n{b:02d}" for _, b in pairs],
            "weight": rng.choice([0.1, 0.4, 0.5, 1.0], len(pairs)),
            "sign": rng.choice([1, -1], len(pairs)),
        }
    )
    nodes = [f"n{i:02d}" for i in range(n)]
    best, _ = balance.frustration_brute(ties, nodes)
    ia = np.array([a for a, _ in pairs])
    ib = np.array([b for _, b in pairs])
    value = frustration_value(n, ia, ib, ties["weight"].to_numpy(), ties["sign"].to_numpy())
    assert value == pytest.approx(best)


def test_the_export_and_the_chapter_share_the_camp_functions(monkeypatch):
    from crisis.analysis import export
    from crisis.data.load import load_project

    calls = []
    real_assess, real_frustrated = camps.assess, camps.frustrated_ties

    def spy_assess(*args, **kwargs):
        calls.append("assess")
        return real_assess(*args, **{**kwargs, "null_draws": 10, "boot_draws": 20})

    def spy_frustrated(result):
        calls.append("frustrated_ties")
        return real_frustrated(result)

    monkeypatch.setattr(camps, "assess", spy_assess)
    monkeypatch.setattr(camps, "frustrated_ties", spy_frustrated)
    project = load_project(ROOT)
    tables = export.derived_tables(project)
    assert calls == ["assess", "frustrated_ties"]
    result = real_assess(project.events, project.actors, null_draws=10, boot_draws=20)
    pd.testing.assert_frame_equal(tables["camps"], result.table)
    pd.testing.assert_frame_equal(tables["frustrated"], real_frustrated(result))
    cells = json.loads((ROOT / "book" / "network.ipynb").read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert "camps_analysis.assess(project.events, project.actors)" in code
    assert "camps_analysis.frustrated_ties(assessed)" in code
