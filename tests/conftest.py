"""Shared test set-up: the data mirror, one cache per test session, and a clean ledger.

- Unit tests build small files in ``tmp_path`` and point ``HOTSPOTS_DATA`` at them.
- Mirror tests read the real data folder (``HOTSPOTS_DATA``, CI: ``../shared/data``). Mark them
  ``@requires_mirror("relative/path", ...)``: the test is marked ``mirror`` and skipped with the
  missing paths named when the folder lacks them. Their fixture ``mirror`` points the loaders
  at the data folder and at **one** Parquet cache for the whole session, so each source is
  parsed once per test run, whatever the number of modules that read it.
- ``make quick`` runs ``-m "not mirror and not slow"``: no data folder needed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hotspots.config import CACHE_ENV, DATA_ENV, data_dir
from hotspots.io.ledger import LEDGER

MIRROR = data_dir()


def has_mirror(*relative: str) -> bool:
    """Whether the data folder holds every path in ``relative``."""
    return all((MIRROR / r).exists() for r in relative)


def requires_mirror(*relative: str) -> pytest.MarkDecorator:
    """Mark a test ``mirror`` and skip it unless the data folder holds ``relative``."""
    missing = [r for r in relative if not (MIRROR / r).exists()]

    def mark(function):
        function = pytest.mark.mirror(function)
        return pytest.mark.skipif(
            bool(missing), reason=f"not in the data folder ({DATA_ENV}): {missing}"
        )(function)

    return mark


@pytest.fixture(scope="session")
def mirror(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The real data folder, read through one cache for the whole session (the test is skipped
    when there is no data folder; ``requires_mirror`` also names the files a test needs)."""
    if not MIRROR.is_dir():
        pytest.skip(f"no data folder at {MIRROR} ({DATA_ENV})")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DATA_ENV, str(MIRROR))
        patch.setenv(CACHE_ENV, str(tmp_path_factory.mktemp("session-cache")))
        yield MIRROR


@pytest.fixture(autouse=True)
def clean_ledger() -> Iterator[None]:
    """Each test sees, and leaves, the load ledger as it was."""
    saved = dict(LEDGER)
    yield
    LEDGER.clear()
    LEDGER.update(saved)
