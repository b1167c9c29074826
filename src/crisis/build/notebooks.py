"""Re-execute the book's notebooks in place: ``python -m crisis.build.notebooks [NOTEBOOK ...]``.

Notebooks are stored executed so that nbval can compare them. Each one runs with its own folder
as working directory and the ``python3`` kernel (the Python that runs this module); volatile
metadata (execution timestamps, widget state) is dropped, so executing twice with the same inputs
writes byte-identical files. With no arguments, every notebook in the project's ``book/`` folder
is executed. A notebook whose execution fails is left as it was.

The kernels of the stored notebooks and of the book's build run under ``PYTHONHASHSEED`` =
``HASH_SEED``, so that these runs are alike on every machine; the determinism tests run under
another seed and compare.
"""

from __future__ import annotations

import hashlib
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat

KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}
VOLATILE_CELL_METADATA = ("execution", "collapsed", "ExecuteTime")
VOLATILE_NOTEBOOK_METADATA = ("widgets",)
HASH_SEED = "0"


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop metadata that changes from run to run and pin the kernelspec; returns ``nb``.

    Cells without an id (allowed before nbformat 4.5) get one derived from their position, so
    nbformat does not invent a random one when writing.
    """
    for index, cell in enumerate(nb.cells):
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if nb.get("nbformat_minor", 0) >= 5 and not cell.get("id"):
            cell["id"] = hashlib.sha256(f"cell-{index}".encode()).hexdigest()[:8]
    for key in VOLATILE_NOTEBOOK_METADATA:
        nb.metadata.pop(key, None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    return nb


def run(path: Path, timeout: int = 600, env: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """Execute a notebook (working directory: its folder) and return it, without writing it.

    ``env`` is the kernel's environment (default: this process's, with ``PYTHONHASHSEED`` set
    to ``HASH_SEED``). Raises nbclient's CellExecutionError if a cell fails.
    """
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=KERNELSPEC["name"],
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    # nbclient hands ``env`` to the kernel launcher.
    client.execute(env={**os.environ, "PYTHONHASHSEED": HASH_SEED} if env is None else env)
    return nb


def execute(path: Path, timeout: int = 600) -> Path:
    """Execute one notebook in place (working directory: its folder) and return its path.

    Raises nbclient's CellExecutionError if a cell fails; the file is then left untouched. A
    notebook whose outputs came out the same is not rewritten (``replace_if_changed``), so that
    the next build does not take it for an edited page and execute it again.
    """
    from crisis.data.files import replace_if_changed

    text = nbformat.writes(clean(run(path, timeout)))
    replace_if_changed(path, (text if text.endswith("\n") else text + "\n").encode("utf-8"))
    return path


def book_notebooks(root: Path) -> list[Path]:
    """The notebooks of the book under ``root``, sorted by name."""
    return sorted((root / "book").glob("*.ipynb"))


def main(argv: list[str] | None = None) -> int:
    """Execute the given notebooks (default: the whole book), two at a time; 0 on success."""
    from crisis.data.load import find_project_root
    from crisis.data.problems import DataError

    args = sys.argv[1:] if argv is None else argv
    try:
        paths = [Path(a) for a in args] or book_notebooks(find_project_root())
    except DataError as error:
        print(error, file=sys.stderr)
        return 2
    missing = [str(p) for p in paths if p.suffix != ".ipynb" or not p.is_file()]
    if missing:
        print(f"not a notebook: {', '.join(missing)}", file=sys.stderr)
        return 2
    with ProcessPoolExecutor(max_workers=2) as pool:
        for path in pool.map(execute, paths):
            print(f"executed {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
