"""How the book shows a table: every row, every character, no index column."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML


def html_table(frame: pd.DataFrame) -> HTML:
    """A table as the book shows it: every row, every character of every cell, no index column.

    A DataFrame's own notebook display truncates long cells (the sources' quotes) and long tables
    (over 60 rows); ``to_html`` does neither, escapes the text and is deterministic, and the
    ``HTML`` wrapper's plain-text form carries no memory address, so nbval can compare it.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"expected a DataFrame, got {type(frame).__name__}")
    return HTML(frame.to_html(index=False, justify="left", border=0, na_rep=""))
