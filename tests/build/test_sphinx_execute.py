"""Tests of the Sphinx extension that executes the notebooks to read in a pool of processes."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from crisis.build import sphinx_execute
from crisis.build.notebooks import HASH_SEED
from crisis.build.sphinx_execute import (
    ParallelExecutor,
    Pending,
    executable,
    execute_text,
    execution_order,
    jobs,
    mark_executed,
    previous_runtimes,
    setup,
)


def _notebook_text(sources: list[str], metadata: dict | None = None) -> str:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s, id=f"c{i}") for i, s in enumerate(sources)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "py"}
    nb.metadata.update(metadata or {})
    return nbformat.writes(nb)


def _config(**changes: object) -> SimpleNamespace:
    """A stand-in for MyST-NB's NbParserConfig with the book's execution settings."""
    settings = {
        "execution_mode": "force",
        "execution_in_temp": False,
        "execution_excludepatterns": [],
        "kernel_rgx_aliases": {},
        "execution_timeout": 60,
        "execution_allow_errors": False,
    }
    return SimpleNamespace(**{**settings, **changes})


def _env(root: Path, docs: dict[str, str], **config: object) -> SimpleNamespace:
    """A stand-in for Sphinx's BuildEnvironment over the files ``docs`` (docname -> text)."""
    suffixes = {}
    for docname, text in docs.items():
        suffix = ".md" if text.startswith("#") else ".ipynb"
        path = root / f"{docname}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        suffixes[docname] = suffix
    return SimpleNamespace(
        mystnb_config=_config(**config), doc2path=lambda d: root / f"{d}{suffixes[d]}"
    )


def _app(env: SimpleNamespace) -> SimpleNamespace:
    config = SimpleNamespace(source_encoding="utf-8-sig", crisis_execute_first=[])
    return SimpleNamespace(env=env, config=config)


@pytest.mark.parametrize(
    ("setting", "wanted", "expected"),
    [("", 9, None), ("3", 9, 3), ("3", 2, 2), ("0", 5, 1), (" 1 ", 9, 1)],
)
def test_jobs_follow_the_setting_or_the_cores_within_the_notebooks(
    monkeypatch, setting, wanted, expected
):
    monkeypatch.setenv(sphinx_execute.JOBS_VARIABLE, setting)
    monkeypatch.setattr(sphinx_execute.os, "cpu_count", lambda: 2)
    assert jobs(wanted) == (expected if expected is not None else 2)


def test_jobs_refuse_a_setting_that_is_no_number(monkeypatch):
    monkeypatch.setenv(sphinx_execute.JOBS_VARIABLE, "two")
    with pytest.raises(ValueError):
        jobs(3)


def test_workers_are_forked_where_the_system_can():
    expected = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    assert sphinx_execute.start_context().get_start_method() == expected


def test_mark_executed_turns_myst_nb_execution_off_and_keeps_the_rest():
    text = _notebook_text(["1"], {"mystnb": {"render_plugin": "default"}, "other": 1})
    marked = nbformat.reads(mark_executed(text), as_version=4)
    assert marked.metadata.mystnb == {"render_plugin": "default", "execution_mode": "off"}
    assert marked.metadata.other == 1
    assert [c.source for c in marked.cells] == ["1"]


def test_only_notebooks_in_force_mode_without_own_settings_are_taken(tmp_path):
    plain, own = _notebook_text(["1"]), _notebook_text(["1"], {"mystnb": {"execution_timeout": 9}})
    env = _env(tmp_path, {"book/a": plain, "book/b": own, "book/page": "# Page\n"})
    assert executable(env, "book/a", plain)
    assert not executable(env, "book/b", own)
    assert not executable(env, "book/page", "# Page\n")
    assert not executable(env, "book/a", "not json")
    for changes in (
        {"execution_mode": "off"},
        {"execution_mode": "cache"},
        {"execution_mode": "auto"},
        {"execution_in_temp": True},
        {"execution_excludepatterns": ["book/a.*"]},
        {"kernel_rgx_aliases": {"python.*": "python3"}},
    ):
        other = _env(tmp_path, {"book/a": plain}, **changes)
        assert not executable(other, "book/a", plain), changes


def test_execute_text_runs_in_the_given_folder(tmp_path):
    result = execute_text(
        _notebook_text(["import os\nprint(os.getcwd())", "6 * 7"]), str(tmp_path), 60, False
    )
    assert result.error is None
    nb = nbformat.reads(result.text, as_version=4)
    assert nb.cells[0].outputs[0]["text"] == f"{tmp_path}\n"
    assert nb.cells[1].outputs[0]["data"]["text/plain"] == "42"
    assert result.seconds > 0


def test_execute_text_reports_a_failing_cell(tmp_path):
    result = execute_text(_notebook_text(["1 / 0"]), str(tmp_path), 60, False)
    assert result.text is None
    assert result.error == "CellExecutionError"


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """Three notebooks (one failing, one to be changed meanwhile) and one page, handed once to a
    real pool by ``start``; each test below takes a different document from it."""
    docs = {
        "book/changed": _notebook_text(["7 * 6"]),
        "book/good": _notebook_text(["6 * 7", "import os\nprint(os.environ['PYTHONHASHSEED'])"]),
        "book/page": "# Page\n",
        "book/zbad": _notebook_text(["1 / 0"]),
    }
    env = _env(tmp_path_factory.mktemp("book"), docs)
    app = _app(env)
    executor = ParallelExecutor()
    docnames = sorted(docs)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTHONHASHSEED", "7")  # the caller's, not the build's
        executor.start(app, env, docnames)
        seed_during = os.environ.get("PYTHONHASHSEED")
        yield SimpleNamespace(
            app=app, env=env, executor=executor, docnames=docnames, docs=docs, seed=seed_during
        )
        executor.stop()


def test_pages_without_execution_are_read_first(book):
    assert book.docnames[0] == "book/page"
    assert sorted(book.docnames[1:]) == ["book/changed", "book/good", "book/zbad"]
    assert book.executor.pool is not None


def test_an_executed_notebook_reaches_myst_nb_with_its_outputs(book):
    source = [book.docs["book/good"]]
    book.executor.source(book.app, "book/good", source)
    nb = nbformat.reads(source[0], as_version=4)
    assert nb.cells[0].outputs[0]["data"]["text/plain"] == "42"
    assert nb.cells[1].outputs[0]["text"] == f"{HASH_SEED}\n"  # the pool's kernel: the build's
    assert nb.metadata.mystnb == {"execution_mode": "off"}
    assert book.env.nb_metadata["book/good"]["exec_data"]["succeeded"] is True
    page = ["# Page\n"]
    book.executor.source(book.app, "book/page", page)
    assert page == ["# Page\n"]


def test_a_failing_notebook_is_left_to_myst_nb(book):
    source = [book.docs["book/zbad"]]
    book.executor.source(book.app, "book/zbad", source)
    assert source == [book.docs["book/zbad"]]


def test_a_notebook_changed_meanwhile_is_left_to_myst_nb(book):
    changed = _notebook_text(["7 * 6 + 0"])
    source = [changed]
    book.executor.source(book.app, "book/changed", source)
    assert source == [changed]


def test_a_notebook_whose_worker_died_is_left_to_myst_nb(book):
    text = _notebook_text(["1"])
    died: Future = Future()
    died.set_exception(RuntimeError("worker died"))
    book.executor.pending["book/died"] = Pending(text, died)
    source = [text]
    book.executor.source(book.app, "book/died", source)
    assert source == [text]


def test_stop_shuts_the_pool_and_is_repeatable(book):
    assert book.executor.stop() == []
    assert book.executor.pool is None and book.executor.pending == {}
    assert book.executor.stop() == []


def test_a_build_runs_under_the_build_hash_seed(book):
    # what MyST-NB executes itself (a notebook the pool failed) runs under the same seed
    assert book.seed == HASH_SEED


@pytest.mark.parametrize("caller", ["7", None])
def test_the_process_gets_its_own_hash_seed_back(tmp_path, monkeypatch, caller):
    if caller is None:
        monkeypatch.delenv("PYTHONHASHSEED", raising=False)
    else:
        monkeypatch.setenv("PYTHONHASHSEED", caller)
    env = _env(tmp_path, {"book/page": "# Page\n"})
    executor = ParallelExecutor()
    executor.start(_app(env), env, ["book/page"])  # nothing to execute: no pool
    executor.start(_app(env), env, ["book/page"])  # twice: the caller's seed is kept
    assert executor.pool is None and os.environ["PYTHONHASHSEED"] == HASH_SEED
    executor.stop()
    assert os.environ.get("PYTHONHASHSEED") == caller
    executor.stop()
    assert os.environ.get("PYTHONHASHSEED") == caller


def test_nothing_to_execute_starts_no_pool(tmp_path):
    env = _env(tmp_path, {"book/page": "# Page\n"}, execution_mode="off")
    executor = ParallelExecutor()
    docnames = ["book/page"]
    executor.start(_app(env), env, docnames)
    assert executor.pool is None and docnames == ["book/page"]


def test_setup_connects_the_handlers():
    connected, values = [], []
    app = SimpleNamespace(
        connect=lambda event, handler: connected.append(event),
        add_config_value=lambda name, default, rebuild, types: values.append((name, default)),
    )
    metadata = setup(app)
    assert values == [("crisis_execute_first", [])]
    assert connected == ["env-before-read-docs", "source-read", "env-updated", "build-finished"]
    assert metadata["parallel_read_safe"] is False


def test_the_longest_notebooks_start_first():
    texts = {d: (Path(f"{d}.ipynb"), "x" * size) for d, size in
             [("a", 10), ("b", 300), ("c", 20), ("slow", 5)]}  # fmt: skip
    # a clean build: the named slow notebooks first, then by size, then by name
    assert execution_order(texts, ["slow"], {}) == ["slow", "b", "c", "a"]
    # a rebuild: the last build's running times decide
    assert execution_order(texts, ["slow"], {"a": 9.0, "c": 30.0}) == ["c", "a", "slow", "b"]


def test_previous_runtimes_are_read_from_the_saved_environment():
    env = SimpleNamespace(nb_metadata={"book/a": {"exec_data": {"runtime": 4.5}},
                                       "book/b": {"exec_data": None}, "book/c": {}})  # fmt: skip
    assert previous_runtimes(env) == {"book/a": 4.5}
