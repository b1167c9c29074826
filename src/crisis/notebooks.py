"""Re-execute the book's notebooks in place: ``python -m crisis.notebooks [NOTEBOOK ...]``.

Notebooks are stored executed so that nbval can compare them. Each one runs with its folder as
working directory and the ``python3`` kernel; volatile metadata (execution timestamps) is
dropped, so executing twice with the same data writes byte-identical files.
"""

from __future__ import annotations

import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat

BOOK = Path("book")


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop metadata that changes from run to run."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    return nb


def execute(path: Path, timeout: int = 600) -> Path:
    """Execute one notebook in place and return its path."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nbformat.write(clean(nb), path)
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    paths = [Path(a) for a in args] or sorted(BOOK.glob("*.ipynb"))
    with ProcessPoolExecutor(max_workers=2) as pool:
        for path in pool.map(execute, paths):
            print(f"executed {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
