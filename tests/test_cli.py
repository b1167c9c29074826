"""Tests of the command line (crisis.cli.main and ``python -m crisis``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TINY_SUMMARY, edit


def test_check_valid_project_prints_a_summary(tiny: Path, run_cli) -> None:
    code, out, err = run_cli("check", str(tiny))
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == "All checks passed."
    counts = dict(line.rsplit(maxsplit=1) for line in lines[1:-1])
    assert {k.strip(): int(v) for k, v in counts.items()} == TINY_SUMMARY
    assert lines[-1].split()[:2] == ["elapsed", "(s)"]
    assert float(lines[-1].split()[-1]) >= 0


def test_check_finds_the_root_from_the_working_folder(
    tiny: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tiny / "seeds")
    code, out, _ = run_cli("check")
    assert code == 0 and out.startswith("All checks passed.")


def test_check_of_a_folder_that_is_not_a_project_exits_2(tmp_path: Path, run_cli) -> None:
    code, out, err = run_cli("check", str(tmp_path))
    assert code == 2
    assert out == ""
    assert err == f"crisis: {tmp_path} is not a project (no data/datapackage.json)\n"


def test_check_outside_any_project_exits_2(
    tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("check")
    assert code == 2
    assert err.startswith("crisis: ") and "is not inside a project" in err
    assert len(err.splitlines()) == 1


def test_bad_arguments_exit_2_without_traceback(run_cli) -> None:
    code, out, err = run_cli("inspect")
    assert code == 2
    assert "invalid choice" in err and "Traceback" not in out + err
    code, _, _ = run_cli()
    assert code == 2


def test_help_exits_0(run_cli) -> None:
    code, out, _ = run_cli("--help")
    assert code == 0 and "check" in out and "export" in out


def test_export_writes_and_prints_each_table(tiny: Path, run_cli) -> None:
    out_dir = tiny / "derived"
    code, out, _ = run_cli("export", str(out_dir), "--root", str(tiny))
    assert code == 0
    written = [Path(line) for line in out.splitlines()]
    assert {p.name for p in written} >= {"camps.csv", "timeline.csv", "mentions.csv"}
    assert all(p.is_file() and p.parent == out_dir for p in written)
    header = (out_dir / "camps.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("actor_id,camp")


def test_export_refuses_invalid_data(tiny: Path, run_cli) -> None:
    edit(tiny / "data/claims.csv", "cargo_landed,35,", "cargo_landed,35t,")
    code, out, err = run_cli("export", str(tiny / "derived"), "--root", str(tiny))
    assert code == 1
    assert out.splitlines() == ["data/claims.csv:4: value '35t' is not a valid number"]
    assert "nothing exported" in err
    assert not (tiny / "derived").exists()


def test_export_of_a_folder_that_is_not_a_project_exits_2(tmp_path: Path, run_cli) -> None:
    code, _, err = run_cli("export", str(tmp_path / "out"), "--root", str(tmp_path))
    assert code == 2 and "is not a project" in err


def test_export_into_a_file_exits_2(tiny: Path, run_cli) -> None:
    code, _, err = run_cli("export", str(tiny / "data" / "sources.csv"), "--root", str(tiny))
    assert code == 2
    assert err.startswith("crisis: cannot write to ")


def test_export_without_the_export_module_exits_2(
    tiny: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "crisis.analysis.export", None)  # makes the import fail
    code, out, err = run_cli("export", str(tiny / "derived"), "--root", str(tiny))
    assert code == 2
    assert out == ""
    assert err == "crisis: export is not available (the module crisis.analysis.export is missing)\n"


def test_python_dash_m_crisis_reports_problems_without_traceback(tiny: Path) -> None:
    edit(tiny / "data/events.csv", "2019-03-25,day", "2019-02-30,day")
    done = subprocess.run(
        [sys.executable, "-m", "crisis", "check", str(tiny)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == "data/events.csv:6: date '2019-02-30' is not a calendar date\n"
    assert "Traceback" not in done.stderr
