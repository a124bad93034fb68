"""The data files a loader cannot work without, as the loader declares them.

Each loader module lists its needs in a module constant ``REQUIRED`` (a tuple of
:class:`Required`) built from the same path constants it reads, so a path is written once.
``hotspots.publish.preflight`` checks them all before ``make run`` starts a notebook.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: The ``hotspots download`` options the preflight can run to fetch a missing file.
DOWNLOADS = ("boundaries", "met", "police-archive")


@dataclass(frozen=True)
class Required:
    """A file (or, with ``*``, at least one file matching a pattern) under the data folder.

    ``download`` names the ``hotspots download --<option>`` that fetches it from its publisher;
    ``None`` when no publisher serves it, and then ``origin`` says where it comes from.
    """

    pattern: str
    what: str
    download: str | None = None
    origin: str = ""

    def __post_init__(self) -> None:
        if self.download is not None and self.download not in DOWNLOADS:
            raise ValueError(f"download must be one of {DOWNLOADS}, not {self.download!r}")
        if self.download is None and not self.origin:
            raise ValueError(f"{self.pattern}: say where a file without a download comes from")

    def present(self, root: Path) -> bool:
        """Whether ``root`` holds the file (or a file matching the pattern)."""
        if any(char in self.pattern for char in "*?["):
            return any(path.is_file() for path in root.glob(self.pattern))
        return (root / self.pattern).is_file()
