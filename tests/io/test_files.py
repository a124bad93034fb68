"""Tests for hotspots.io.files: file helpers shared by the loaders, the cache and the downloader."""

from __future__ import annotations

import gzip
import os

import pytest

from hotspots.io import files
from hotspots.io.errors import DataFileError


def test_read_text_handles_gzip_and_bom(tmp_path):
    plain = tmp_path / "a.csv"
    plain.write_bytes("\ufeffx,y\n1,2\n".encode())
    packed = tmp_path / "b.csv.gz"
    packed.write_bytes(gzip.compress(b"x,y\n1,2\n"))
    assert files.read_text(plain) == "x,y\n1,2\n"
    assert files.read_text(packed) == "x,y\n1,2\n"


def test_non_utf8_bytes_name_the_row(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"x,y\n1,2\n3,\xff\n")
    with pytest.raises(DataFileError, match=r"bad\.csv, row 3: bytes that are not UTF-8"):
        files.read_text(bad)


def test_truncated_gzip_is_a_clear_error(tmp_path):
    whole = gzip.compress(b"x,y\n" + b"1,2\n" * 1000)
    cut = tmp_path / "cut.csv.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DataFileError, match="cut.csv.gz: truncated or corrupt gzip"):
        files.read_text(cut)


def test_atomic_write_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "out.bin"
    with pytest.raises(RuntimeError), files.atomic_write(target) as handle:
        handle.write(b"half")
        raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []
    with files.atomic_write(target) as handle:
        handle.write(b"whole")
    assert target.read_bytes() == b"whole"


def test_atomic_write_keeps_an_identical_file_and_gives_normal_permissions(tmp_path):
    target = tmp_path / "out.bin"
    with files.atomic_write(target) as handle:
        handle.write(b"same")
    assert target.stat().st_mode & 0o777 == 0o666 & ~files.UMASK
    os.utime(target, (1_000_000, 1_000_000))
    with files.atomic_write(target) as handle:
        handle.write(b"same")
    assert target.stat().st_mtime == 1_000_000 and list(tmp_path.iterdir()) == [target]
    with files.atomic_write(target) as handle:
        handle.write(b"changed")
    assert target.read_bytes() == b"changed" and target.stat().st_mtime != 1_000_000


def test_sha256_of_known_bytes(tmp_path):
    path = tmp_path / "abc"
    path.write_bytes(b"abc")
    expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert files.sha256_file(path) == expected
