"""Tests of the Sphinx extension that re-executes the notebooks when their inputs change."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from crisis.build.sphinx_freshness import (
    STATIC,
    _outdated,
    input_files,
    inputs_digest,
    setup,
    stale_notebooks,
    stale_page_for_static,
)

FILES = {
    "data/sources.csv": b"source_id,label\nthe_week,The Week\n",
    "data/datapackage.json": b"{}\n",
    "seeds/000_a.txt": b"Some text.\n",
    "src/crisis/load.py": b"X = 1\n",
    "src/crisis/plots/network.py": b"Y = 2\n",
}


def _project(root: Path, files: dict[str, bytes] = FILES) -> Path:
    """Write ``files`` under ``root`` (in the given order) and return ``root``."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return _project(tmp_path / "project")


def _env(digest: str | None = None) -> SimpleNamespace:
    """A stand-in for Sphinx's BuildEnvironment with two notebooks and one markdown page."""
    paths = {"book/index": "book/index.ipynb", "book/network": "book/network.ipynb"}
    paths["book/references"] = "book/references.md"
    env = SimpleNamespace(found_docs=set(paths), doc2path=lambda d: Path("/src") / paths[d])
    if digest is not None:
        env.crisis_inputs_digest = digest
    return env


def test_digest_is_stable_when_nothing_changes(project):
    assert inputs_digest(project) == inputs_digest(project)


def test_digest_does_not_depend_on_creation_order(tmp_path):
    reverse = dict(reversed(list(FILES.items())))
    assert inputs_digest(_project(tmp_path / "a")) == inputs_digest(
        _project(tmp_path / "b", reverse)
    )


@pytest.mark.parametrize("name", sorted(FILES))
def test_digest_changes_when_one_byte_of_any_input_changes(project, name):
    before = inputs_digest(project)
    path = project / name
    content = bytearray(path.read_bytes())
    content[0] ^= 1
    path.write_bytes(bytes(content))
    assert inputs_digest(project) != before


def test_digest_changes_when_an_input_is_added_renamed_or_removed(project):
    digests = {inputs_digest(project)}
    (project / "data/claims.csv").write_bytes(b"fact_id\n")
    digests.add(inputs_digest(project))
    (project / "data/claims.csv").rename(project / "data/claims2.csv")
    digests.add(inputs_digest(project))
    (project / "data/claims2.csv").unlink()
    assert len(digests) == 3
    assert inputs_digest(project) in digests


def test_digest_ignores_byte_code_hidden_files_and_other_folders(project):
    before = inputs_digest(project)
    _project(
        project,
        {
            "src/crisis/__pycache__/load.cpython-311.pyc": b"\0",
            "data/.sources.csv.swp": b"\0",
            "book/index.ipynb": b"{}",
            "_build/html/index.html": b"<html>",
            "src/other/thing.py": b"Z = 3\n",
        },
    )
    assert inputs_digest(project) == before
    assert [p.relative_to(project).as_posix() for p in input_files(project)] == sorted(FILES)


def test_digest_of_a_folder_without_inputs_is_that_of_no_files(tmp_path):
    assert inputs_digest(tmp_path) == inputs_digest(tmp_path / "missing")
    assert input_files(tmp_path) == []


def test_first_build_marks_every_notebook_and_remembers_the_digest():
    env = _env()
    assert stale_notebooks(env, "abc") == ["book/index", "book/network"]
    assert env.crisis_inputs_digest == "abc"


def test_rebuild_with_same_inputs_marks_nothing():
    assert stale_notebooks(_env("abc"), "abc") == []


def test_changed_inputs_mark_every_notebook_but_not_markdown():
    env = _env("abc")
    assert stale_notebooks(env, "def") == ["book/index", "book/network"]
    assert env.crisis_inputs_digest == "def"


def test_setup_connects_to_env_get_outdated_and_loads_the_parallel_executor():
    connected, loaded = [], []
    app = SimpleNamespace(
        connect=lambda event, handler: connected.append(event), setup_extension=loaded.append
    )
    metadata = setup(app)
    assert connected == ["env-get-outdated"]
    assert loaded == ["crisis.build.sphinx_execute"]
    assert metadata["parallel_read_safe"] is True


def test_static_digest_follows_the_css_only(project):
    _project(project, {"book/_static/custom.css": b"img { filter: none; }\n"})
    before = inputs_digest(project, STATIC)
    (project / "data/sources.csv").write_bytes(b"changed\n")
    assert inputs_digest(project, STATIC) == before
    (project / "book/_static/custom.css").write_bytes(b"img { filter: blur(1px); }\n")
    assert inputs_digest(project, STATIC) != before


def test_changed_static_files_mark_one_markdown_page_once():
    env = _env()
    assert stale_page_for_static(env, "css1") == ["book/references"]
    assert stale_page_for_static(env, "css1") == []
    assert stale_page_for_static(env, "css2") == ["book/references"]


def test_changed_static_files_fall_back_to_a_notebook_when_there_is_no_markdown_page():
    env = _env()
    env.found_docs.discard("book/references")
    assert stale_page_for_static(env, "css1") == ["book/index"]


def test_handler_marks_nothing_on_a_second_build_with_the_same_files(project):
    app = SimpleNamespace(srcdir=str(project))
    env = _env()
    first = _outdated(app, env, set(), set(), set())
    assert first == ["book/index", "book/network", "book/references"]
    assert _outdated(app, env, set(), set(), set()) == []
    (project / "seeds/000_a.txt").write_bytes(b"Other text.\n")
    assert _outdated(app, env, set(), set(), set()) == ["book/index", "book/network"]
