"""File-level helpers shared by loaders, the cache and the downloader."""

from __future__ import annotations

import filecmp
import gzip
import hashlib
import io
import os
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hotspots.config import data_dir
from hotspots.io.errors import DataFileError

CHUNK = 1 << 20

#: The process's file-creation mask (read once: ``os.umask`` can only be read by setting it).
UMASK = os.umask(0)
os.umask(UMASK)


def data_file(relative: str) -> Path:
    """``relative`` in the data folder; a missing file raises :class:`DataFileError` naming it."""
    path = data_dir() / relative
    if not path.exists():
        raise DataFileError(relative, "file not found in the data folder")
    return path


def sha256_file(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def read_bytes(path: str | Path) -> bytes:
    """A file's content, transparently gunzipped when it ends in ``.gz``.

    A truncated or corrupt gzip stream raises :class:`DataFileError` naming the file.
    """
    path = Path(path)
    if not path.exists():
        raise DataFileError(path, "file not found")
    if path.suffix != ".gz":
        return path.read_bytes()
    try:
        with gzip.open(path, "rb") as handle:
            return handle.read()
    except (EOFError, OSError, zlib.error) as exc:
        raise DataFileError(path, f"truncated or corrupt gzip archive ({exc})") from exc


def read_text(path: str | Path) -> str:
    """A file decoded as UTF-8 (BOM allowed); bad bytes raise an error naming the row."""
    raw = read_bytes(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = raw[: exc.start].count(b"\n") + 1
        raise DataFileError(path, f"bytes that are not UTF-8 at offset {exc.start}", row) from exc


def text_stream(path: str | Path) -> io.StringIO:
    """A validated UTF-8 text stream of a (possibly gzipped) file, for ``pandas.read_csv``."""
    return io.StringIO(read_text(path))


@contextmanager
def atomic_write(target: str | Path, mode: str = "wb") -> Iterator[io.IOBase]:
    """Write to a temporary file beside ``target`` and rename it into place on success.

    When ``target`` already holds exactly the bytes written, it is left as it is (its
    modification time too), so reruns on unchanged data touch nothing; a new file gets the
    usual permissions (0666 less the umask), not the temporary file's 0600.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, mode) as handle:
            yield handle
        if target.is_file() and filecmp.cmp(tmp, target, shallow=False):
            Path(tmp).unlink()
            return
        os.chmod(tmp, 0o666 & ~UMASK)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
