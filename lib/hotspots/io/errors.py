"""The one error type for bad input files: it always names the file, the row and the problem."""

from __future__ import annotations

from pathlib import Path


class DataFileError(ValueError):
    """A source file that cannot be read as documented.

    ``row`` is the 1-based line number in the file (the header is line 1) or ``None`` when the
    problem concerns the whole file (missing columns, truncated archive, …).
    """

    def __init__(self, path: str | Path, problem: str, row: int | None = None) -> None:
        self.path = str(path)
        self.row = row
        self.problem = problem
        where = f"{self.path}, row {row}" if row is not None else self.path
        super().__init__(f"{where}: {problem}")
