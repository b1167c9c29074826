"""Writing the files that a notebook or an export produces, so that rewriting them is harmless.

A file is replaced atomically (a temporary file in the same folder, then a rename), so that a
reader - a build, a test - never sees it half-written; and it is left alone, with its time, when
it already holds the same bytes, so that re-running a notebook (nbval, a test) does not make
Sphinx, which compares the times of a page's files, re-read and re-execute the pages that show
them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def replace_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless it holds them already; True if the file was written."""
    path = Path(path)
    if path.is_file() and path.read_bytes() == data:
        return False
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)  # as a plain write would leave it, not mkstemp's 0600
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True
