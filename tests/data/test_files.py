"""Files written by notebooks and the export: atomic, and untouched when unchanged."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from crisis.data import files
from crisis.data.files import replace_if_changed


def test_same_bytes_leave_the_file_and_its_time_alone(tmp_path: Path) -> None:
    path = tmp_path / "fig.png"
    assert replace_if_changed(path, b"one") is True
    os.utime(path, (1_000_000, 1_000_000))
    assert replace_if_changed(path, b"one") is False
    assert path.stat().st_mtime == 1_000_000
    assert replace_if_changed(path, b"two") is True
    assert path.read_bytes() == b"two"
    assert path.stat().st_mtime != 1_000_000
    assert path.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fig.png"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "table.csv"
    path.write_bytes(b"old")

    def refuse(source: str, target: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        replace_if_changed(path, b"new")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.csv"]
