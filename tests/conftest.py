"""Shared fixtures: a tiny but complete and VALID project that a test can break one way at a time.

The tiny project reuses the real schema (``data/datapackage.json``), the real seeds and the real
rows of ``data/sources.csv`` for two sources (``the_week`` and ``state_dept_provoked``), and
writes small actors/events/claims/waivers tables whose quotes really occur in those two seeds.
Every sentence of the two seeds that states a date is quoted by an event or waived, so the
project passes the whole check; the line numbers given in comments are the CSV lines that the
bad-input tests expect in their messages.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DESCRIPTOR = "data/datapackage.json"
TINY_SOURCES = ("the_week", "state_dept_provoked")
# What `python -m crisis check` counts in the tiny project below.
TINY_SUMMARY = {
    "sources": 2,
    "actors": 12,
    "events": 7,
    "event reports": 8,
    "events reported by more than one source": 1,
    "claims": 4,
    "facts": 3,
    "facts reported by more than one source": 1,
    "waivers": 3,
    "dated sentences": 12,
    "covered by events": 9,
    "covered by waivers": 3,
    "reports with a stated date": 1,
    "reports with an inferred date": 6,
    "reports with a borrowed date": 1,
    "crisis events": 7,
    "context events": 0,
    "derived values": 0,
}

# line 2 russia, 3 venezuela, 4 united_states, 5 nicolas_maduro, 6 juan_guaido, 7 john_bolton,
# 8 maria_zakharova, 9 mike_pompeo, 10 sergei_lavrov, 11 caricom, 12 donald_trump,
# 13 venezuelan_opposition
ACTORS = """\
actor_id,name,kind,country,aliases,description,role
russia,Russia,state,,Russia|Moscow|Kremlin,Sends troops to Venezuela.,participant
venezuela,Venezuela,state,,Venezuela|Caracas,The country in crisis.,participant
united_states,United States,state,,United States|US|Washington,Backs Guaidó.,participant
nicolas_maduro,Nicolás Maduro,person,venezuela,Nicolás Maduro|Nicolas Maduro|Maduro,President.,participant
juan_guaido,Juan Guaido,person,venezuela,Juan Guaido|Juan Guaidó|Guaido,Opposition leader.,participant
john_bolton,John Bolton,person,united_states,John Bolton|Bolton,US security adviser.,participant
maria_zakharova,Maria Zakharova,person,russia,Maria Zakharova|Zakharova,Spokeswoman.,participant
mike_pompeo,Mike Pompeo,person,united_states,Mike Pompeo,US Secretary of State.,participant
sergei_lavrov,Sergei Lavrov,person,russia,Sergei Lavrov|Sergey Lavrov,Foreign minister.,participant
caricom,Caribbean Community,international_org,,Caribbean Community|CARICOM,Regional body.,participant
donald_trump,Donald Trump,person,united_states,Donald Trump|Trump,US President.,participant
venezuelan_opposition,Venezuelan opposition,political_group,venezuela,opposition,Opposes Maduro.,participant
"""  # noqa: E501

# line 2-3 the arrival told by both sources (The Week's date borrowed from the other);
# 4 Guaidó's declaration (an elided quote); 5 US support; 6 Pompeo's call; 7 CARICOM meeting;
# 8 Bolton's tweet; 9 the opposition rejects the 2018 election (the one stated date)
EVENTS = """\
event_id,date,date_precision,date_basis,scope,theme,event_type,mode,actors,recipients,summary,source_id,quote,note
russian_planes_land,2019-03-23,day,borrowed,crisis,military,AID,military,russia,venezuela,Two Russian planes land in Caracas.,the_week,"The remarks came five days after photographs showed nearly 100 Russian servicemen disembarking from two military planes in Caracas",Borrowed from state_dept_provoked.
russian_planes_land,2019-03-23,day,inferred,crisis,military,AID,military,russia,venezuela,Two Russian planes land in Caracas.,state_dept_provoked,"two more Russian air force planes landed in Venezuela's main airport last weekend",Last weekend before the article. russia: 'Russian air force planes'.
guaido_declares_himself_president,2019-01,month,inferred,crisis,background,REJECT,,juan_guaido,nicolas_maduro,Guaidó declares himself president.,the_week,"Juan Guaido claimed in January that he was constitutionally bound to take charge ... He declared himself president later that month",January of the article's year.
us_backs_guaido,2019-01,month,inferred,crisis,background,SUPPORT,,united_states,juan_guaido,The US backs Guaidó.,the_week,the Trump administration declared its support for Guaido in January,January of the article's year. united_states: 'the Trump administration'.
pompeo_calls_lavrov,2019-03-25,day,inferred,crisis,russia,CONSULT,phone,mike_pompeo,sergei_lavrov,Pompeo phones Lavrov.,state_dept_provoked,US Secretary of State Mike Pompeo told his Russian counterpart Sergei Lavrov in a phone call on Monday,The Monday after the landing.
caricom_meets_guaido,2019-03,month,inferred,crisis,background,CONSULT,,caricom,juan_guaido,CARICOM ministers meet Guaidó.,state_dept_provoked,"On Saturday, CARICOM foreign affairs ministers met by videoconference with Guaido",Month of the article.
bolton_warns,2019-03-23,day,inferred,crisis,sanctions,THREATEN,,john_bolton,nicolas_maduro,Bolton warns Maduro's helpers.,state_dept_provoked,you are on notice today that the United States is watching.”,'March 23' of the article's year.
opposition_rejects_election,2018-05,month,stated,crisis,background,REJECT,,venezuelan_opposition,nicolas_maduro,The opposition rejects Maduro's re-election.,the_week,"When Maduro was elected for a second term in May 2018, the opposition refused to recognise the results",
"""  # noqa: E501

# line 2-3 one fact told by both sources; 4 cargo; 5 a percentage
CLAIMS = """\
fact_id,value,value_max,unit,hedge,subject,date,theme,attributed_to,source_id,quote,note
russian_servicemen_landed,100,,troops,nearly,Russian servicemen landing in Caracas,2019-03,military,,the_week,nearly 100 Russian servicemen,
russian_servicemen_landed,100,,troops,,Russian servicemen landing in Caracas,2019-03,military,,state_dept_provoked,a deployment of 100 troops,
cargo_landed,35,,tonnes,,cargo landed with the troops,2019-03,military,,state_dept_provoked,35 tonnes of material,
putin_approval,33.4,,percent,,public support for Putin in Russia,2019,russia,,the_week,to a record low of 33.4%,
"""  # noqa: E501

# line 2 Monroe Doctrine; 3 CARICOM met Trump; 4 the 1960s
WAIVERS = """\
source_id,sentence,reason
the_week,"Earlier in March, comments made by US National Security Advisor John Bolton contained a reference to the Monroe Doctrine, a controversial 1820s policy first enacted by then-president James Monroe that saw the US attempt to prevent European colonisation or intervention in the western hemisphere.",Not coded.
state_dept_provoked,"Last Friday, a select group of four Caribbean Community (CARICOM) leaders met with Trump, as an opportunity to thank these countries for their support for peace and democracy in Venezuela.",Not coded.
state_dept_provoked,"Amid increased isolation, Moscow has expanded co-operation with Caracas, increasing arms sales and extending credit, military co-operation and a strategy that may interfere with US plans to intervene in Venezuela on Guaido’s behalf, evoking the Russian military playbook during the Cuban missile crisis of the 1960s, and more recently in Syria and Ukraine.",A comparison.
"""  # noqa: E501


def _tiny_sources_csv() -> str:
    """The header and the real rows of data/sources.csv for the two tiny sources."""
    text = (ROOT / "data" / "sources.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    kept = [rows[0], *[r for r in rows[1:] if r and r[0] in TINY_SOURCES]]
    assert [r[0] for r in kept[1:]] == list(TINY_SOURCES), "tiny sources missing from sources.csv"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(kept)
    return out.getvalue()


def with_recoding(descriptor: dict) -> dict:
    """The descriptor with the events' ``scope`` column and the ``borrowed`` date basis of the
    data contract, added if the project's own descriptor does not have them yet."""
    (events,) = [r for r in descriptor["resources"] if r["name"] == "events"]
    fields = events["schema"]["fields"]
    names = [f["name"] for f in fields]
    if "scope" not in names:
        scope = {"name": "scope", "type": "string"}
        scope["constraints"] = {"required": True, "enum": ["crisis", "context"]}
        fields.insert(names.index("date_basis") + 1, scope)
    basis = fields[names.index("date_basis")]["constraints"]["enum"]
    basis.extend(b for b in ["borrowed"] if b not in basis)
    return descriptor


def make_tiny_project(root: Path) -> Path:
    """Write the valid tiny project into the (empty or missing) folder ``root``; returns it."""
    (root / "data").mkdir(parents=True)
    descriptor = with_recoding(json.loads((ROOT / DESCRIPTOR).read_text(encoding="utf-8")))
    (root / DESCRIPTOR).write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    tables = {
        "sources.csv": _tiny_sources_csv(),
        "actors.csv": ACTORS,
        "events.csv": EVENTS,
        "claims.csv": CLAIMS,
        "coverage_waivers.csv": WAIVERS,
    }
    for name, text in tables.items():
        (root / "data" / name).write_text(text, encoding="utf-8", newline="")
    return root


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A valid tiny project in a fresh temporary folder; returns its root."""
    return make_tiny_project(tmp_path / "tiny")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in a text file, insisting that ``old`` occurs ``count`` times."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8", newline="")


def drop_line(path: Path, startswith: str) -> None:
    """Remove the one line of a CSV that starts with ``startswith``."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(startswith)]
    assert len(kept) == len(lines) - 1
    path.write_text("".join(kept), encoding="utf-8", newline="")


def append(path: Path, line: str) -> int:
    """Append one CSV record to a table; returns the record's line number."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8", newline="")
    return text.count("\n") + 1


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run ``crisis.cli.main(argv)``; returns (exit code, stdout, stderr)."""
    from crisis.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the tests marked ``slow`` first, keeping the order otherwise; nothing is deselected.

    Under pytest-xdist (``make test``) the slow modules then start at once, each on a core,
    instead of being handed out last and leaving one core idle while the other finishes them.
    """
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture
def glued(monkeypatch):
    """Record what the report helpers glue (name, value, display) instead of displaying it
    through IPython."""
    import myst_nb

    calls: list[tuple[str, object, bool]] = []
    monkeypatch.setattr(myst_nb, "glue", lambda n, v, display=True: calls.append((n, v, display)))
    return calls
