"""A Sphinx extension that executes the notebooks Sphinx is about to read in parallel.

MyST-NB executes a notebook while Sphinx reads it, one notebook after the other, so a build
uses one core. With ``execute_notebooks: force`` (MyST-NB's ``nb_execution_mode = "force"``),
this extension takes over the execution:

1. ``env-before-read-docs``: Sphinx has decided which documents to read (those changed, plus
   every notebook when ``crisis.build.sphinx_freshness`` saw the inputs change). Each of them that
   is a notebook is handed, as the text Sphinx will read, to a pool of worker processes (one per
   core, at most one per notebook; forked from Sphinx), which executes it exactly as MyST-NB
   would (jupyter-cache's ``single_nb_execution``: working directory its folder, the configured
   timeout and ``allow_errors``). The documents are reordered so that the pages that need no
   execution are read first, while the pool works; the pool starts the longest notebooks first
   (``execution_order``: last build's running times, else ``crisis_execute_first``).
2. ``source-read``: when Sphinx reads a notebook, the extension waits for its execution and
   hands MyST-NB the executed notebook, marked ``mystnb.execution_mode: off`` so that MyST-NB
   renders its outputs instead of executing it again, and logs ``Executed notebook in ...``
   like MyST-NB does.

A notebook whose text changed between the two events, or whose execution failed, is handed to
MyST-NB unchanged: MyST-NB then executes it itself and reports a failure in its usual way (with
``nb_execution_raise_on_error`` the build stops). Nothing is executed that Sphinx does not read,
so a rebuild with nothing changed executes nothing, and nothing is written into ``book/``.

``CRISIS_BUILD_JOBS`` sets the number of worker processes (default: the number of cores).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from crisis.build.notebooks import HASH_SEED

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)
_UNSET = object()

JOBS_VARIABLE = "CRISIS_BUILD_JOBS"
METADATA_KEY = "mystnb"


@dataclass(frozen=True)
class Executed:
    """What a worker returns: the executed notebook's text (``None`` on failure), the seconds the
    execution took, and the error's name on failure."""

    text: str | None
    seconds: float
    error: str | None = None


def execute_text(text: str, folder: str, timeout: int | None, allow_errors: bool) -> Executed:
    """Execute the notebook ``text`` with ``folder`` as working directory, as MyST-NB's "force"
    mode does; returns the executed notebook's text (nbformat's JSON).

    Runs in a worker process of the pool, whose environment the kernel inherits: the pool is
    made after ``ParallelExecutor.start`` set ``PYTHONHASHSEED`` to the build's
    (``crisis.build.notebooks.HASH_SEED``). A failing cell gives ``Executed(None, seconds,
    error)``.
    """
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution

    notebook = nbformat.reads(text, as_version=4)
    start = time.perf_counter()
    result = single_nb_execution(
        notebook, cwd=folder, timeout=timeout, allow_errors=allow_errors, meta_override=True
    )
    seconds = time.perf_counter() - start
    if result.err is not None:
        return Executed(None, seconds, type(result.err).__name__)
    return Executed(nbformat.writes(notebook), result.time)


def restore_hash_seed(previous: str | None) -> None:
    """Give ``PYTHONHASHSEED`` back its ``previous`` value (``None``: unset)."""
    if previous is None:
        os.environ.pop("PYTHONHASHSEED", None)
    else:
        os.environ["PYTHONHASHSEED"] = previous


def mark_executed(text: str) -> str:
    """The executed notebook ``text`` with MyST-NB told not to execute it again."""
    import nbformat

    notebook = nbformat.reads(text, as_version=4)
    settings = dict(notebook.metadata.get(METADATA_KEY, {}))
    settings["execution_mode"] = "off"
    notebook.metadata[METADATA_KEY] = settings
    return nbformat.writes(notebook)


def start_context() -> multiprocessing.context.BaseContext:
    """How the workers start: forked where the system can (Linux), so that they begin at once
    with everything Sphinx and MyST-NB imported (jupyter-cache, nbclient), else spawned.

    A spawned worker first imports the ``jupyter-book`` command and jupyter-cache again, about
    1.5 seconds before its first notebook starts. Forking is safe here: the pool is made before
    it starts its own thread, and Sphinx runs no other thread.
    """
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def jobs(wanted: int) -> int:
    """Worker processes for ``wanted`` notebooks: ``CRISIS_BUILD_JOBS`` or the cores, at most
    ``wanted``, at least 1. Raises ValueError for a ``CRISIS_BUILD_JOBS`` that is no integer."""
    setting = os.environ.get(JOBS_VARIABLE, "").strip()
    cores = int(setting) if setting else (os.cpu_count() or 1)
    return max(1, min(cores, wanted))


def executable(env: BuildEnvironment, docname: str, text: str) -> bool:
    """True if MyST-NB would execute ``docname`` in "force" mode and this extension may do it.

    Only ``.ipynb`` files are taken, and none that sets its own MyST-NB options in its metadata or
    matches ``nb_execution_excludepatterns``: those are left to MyST-NB.
    """
    config = env.mystnb_config
    path = Path(env.doc2path(docname))
    if config.execution_mode != "force" or path.suffix != ".ipynb" or config.execution_in_temp:
        return False
    posix = PurePosixPath(path.as_posix())
    if any(posix.match(pattern) for pattern in config.execution_excludepatterns):
        return False
    if config.kernel_rgx_aliases:
        return False
    try:
        metadata = json.loads(text).get("metadata", {})
    except ValueError:
        return False
    return METADATA_KEY not in metadata


@dataclass
class Pending:
    """A notebook handed to the pool: the text sent and the future of its execution."""

    text: str
    future: Future[Executed]


class ParallelExecutor:
    """The pool and the notebooks it executes during one build."""

    def __init__(self) -> None:
        self.pool: ProcessPoolExecutor | None = None
        self.pending: dict[str, Pending] = {}
        self.hash_seed: str | None | object = _UNSET  # the process's own, while a build runs

    def start(self, app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        """``env-before-read-docs`` handler: execute the notebooks among ``docnames``.

        For the build, Sphinx's process runs under the build's hash seed, so that what MyST-NB
        executes itself (what the pool does not take) runs under it too; ``stop`` restores it.
        """
        if self.hash_seed is _UNSET:
            self.hash_seed = os.environ.get("PYTHONHASHSEED")
        os.environ["PYTHONHASHSEED"] = HASH_SEED
        texts = {}
        for docname in docnames:
            path = Path(env.doc2path(docname))
            if path.suffix != ".ipynb":
                continue
            text = path.read_text(encoding=app.config.source_encoding)
            if executable(env, docname, text):
                texts[docname] = (path, text)
        if not texts:
            return
        config = env.mystnb_config
        order = execution_order(texts, app.config.crisis_execute_first, previous_runtimes(env))
        self.pool = ProcessPoolExecutor(max_workers=jobs(len(order)), mp_context=start_context())
        for docname in order:
            path, text = texts[docname]
            future = self.pool.submit(
                execute_text,
                text,
                str(path.parent.resolve()),
                config.execution_timeout,
                config.execution_allow_errors,
            )
            self.pending[docname] = Pending(text, future)
        # Read the pages that execute nothing first, then the notebooks in the pool's order.
        docnames[:] = [d for d in docnames if d not in self.pending] + order

    def source(self, app: Sphinx, docname: str, source: list[str]) -> None:
        """``source-read`` handler: give MyST-NB the executed notebook."""
        pending = self.pending.pop(docname, None)
        if pending is None:
            return
        try:
            result = pending.future.result()
        except Exception as error:  # the pool itself failed (a worker died): no result at all
            result = Executed(None, 0.0, type(error).__name__)
        if source[0] != pending.text:
            logger.info(
                "notebook changed while it was executed; MyST-NB executes it again",
                location=docname,
            )
            return
        if result.text is None:
            logger.info(
                f"Executing notebook failed in the pool ({result.error}); "
                "MyST-NB executes it again to report the error",
                location=docname,
            )
            return
        source[0] = mark_executed(result.text)
        record_execution(app.env, docname, result.seconds)
        logger.info(f"Executed notebook in {result.seconds:.2f} seconds", location=docname)

    def stop(self, *_: Any) -> list[str]:
        """Shut the pool down (``env-updated`` and ``build-finished``); returns no document."""
        for pending in self.pending.values():
            pending.future.cancel()
        self.pending.clear()
        if self.hash_seed is not _UNSET:
            restore_hash_seed(self.hash_seed)
            self.hash_seed = _UNSET
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        return []


def previous_runtimes(env: BuildEnvironment) -> dict[str, float]:
    """The seconds each notebook took when the last build executed it (MyST-NB's execution data
    in the saved environment; empty on a clean build)."""
    from myst_nb.sphinx_ import NbMetadataCollector

    found = {}
    for docname, data in NbMetadataCollector.get_doc_data(env).items():
        runtime = (data.get("exec_data") or {}).get("runtime")
        if isinstance(runtime, int | float):
            found[docname] = float(runtime)
    return found


def execution_order(
    texts: dict[str, tuple[Path, str]], first: list[str], runtimes: dict[str, float]
) -> list[str]:
    """The order the pool starts the notebooks in: longest first, so that no long notebook
    starts last while the other workers idle.

    Known running times (``runtimes``, from the last build) come first, longest first; on a clean
    build, the notebooks named in ``crisis_execute_first`` (those known to be slow), then the
    rest by size. Ties are broken by name, so the order is the same every time.
    """
    rank = {d: i for i, d in enumerate(first)}
    return sorted(
        texts,
        key=lambda d: (-runtimes.get(d, 0.0), rank.get(d, len(rank)), -len(texts[d][1]), d),
    )


def record_execution(env: BuildEnvironment, docname: str, seconds: float) -> None:
    """Store the execution data MyST-NB stores after executing ``docname`` itself."""
    from datetime import datetime

    from myst_nb.sphinx_ import NbMetadataCollector

    NbMetadataCollector.set_exec_data(
        env,
        docname,
        {
            "mtime": datetime.now().timestamp(),
            "runtime": seconds,
            "method": "force",
            "succeeded": True,
            "error": None,
            "traceback": None,
        },
    )


def setup(app: Sphinx) -> dict[str, object]:
    """Register the handlers with Sphinx."""
    # Notebooks known to run longest (they compute the camps' resampling), started first on a
    # clean build; a rebuild uses the running times of the last build instead.
    app.add_config_value("crisis_execute_first", [], "env", types=[list])
    executor = ParallelExecutor()
    app.connect("env-before-read-docs", executor.start)
    app.connect("source-read", executor.source)
    app.connect("env-updated", executor.stop)
    app.connect("build-finished", executor.stop)
    return {"version": "1", "parallel_read_safe": False, "parallel_write_safe": True}
