"""Downloading the raw data into :func:`hotspots.paths.data_dir`, in the mirror's layout.

:func:`fetch` is one resumable, verified HTTP download (standard library only). The
``download_*`` functions fetch one kind of source each (see :mod:`hotspots.sources`) and
record what they wrote in ``MANIFEST.json``: file, url, sha256, bytes and retrieval date.
For a ``.gz`` file, sha256 and bytes are those of the uncompressed content, as in the
mirror's SOURCES.md files.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import http.client
import io
import json
import logging
import os
import re
import sys
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from urllib.parse import unquote, urlencode, urlsplit

from tqdm import tqdm

from hotspots import __version__
from hotspots.config import data_dir
from hotspots.io.download import sources
from hotspots.io.files import CHUNK, atomic_write, sha256_file
from hotspots.months import MonthSpan, check_month, shift_month

log = logging.getLogger(__name__)

USER_AGENT = f"london-hotspots/{__version__} (research; Python urllib)"
RETRY_STATUSES = {408, 425, 429}  # and every 5xx
MANIFEST = "MANIFEST.json"
MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
ARCHIVE_MEMBER = re.compile(
    r"(?:.*/)?(?P<month>\d{4}-\d{2})-(?P<force>.+)-(?P<kind>street|outcomes|stop-and-search)\.csv"
)


class DownloadError(RuntimeError):
    """A download that failed; the message names the URL and the problem."""

    def __init__(self, url: str, problem: str, status: int | None = None) -> None:
        self.url = url
        self.problem = problem
        self.status = status
        super().__init__(f"{url}: {problem}")


class _Retry(Exception):
    """A failure worth another attempt (server error, dropped connection, short body)."""

    def __init__(self, problem: str, status: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.status = status


# --- one file -----------------------------------------------------------------------------


def fetch(
    url: str,
    dest: str | Path,
    *,
    sha256: str | None = None,
    retries: int = 3,
    backoff: float = 1.0,
    progress: bool = True,
    timeout: float = 60.0,
) -> Path:
    """Download ``url`` to ``dest`` and return ``dest``.

    Bytes go to ``<dest>.part``; a later attempt (or run) resumes it with an HTTP Range request
    guarded by If-Range, and starts again from zero when the server answers 200 instead of 206.
    The file is renamed into place only once its size matches Content-Length and its SHA-256
    matches ``sha256`` (when given). Server errors (5xx, 408, 429), dropped connections and
    short bodies are retried ``retries`` times, waiting ``backoff``, 2x, 4x... seconds; other
    HTTP errors fail at once. When ``dest`` already has the expected checksum nothing is fetched.
    """
    dest = Path(dest)
    if sha256 and dest.exists() and sha256_file(dest) == sha256:
        log.info("%s: already present (checksum verified)", dest.name)
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    meta = dest.with_name(dest.name + ".part.json")
    for attempt in range(retries + 1):
        try:
            _transfer(url, part, meta, progress=progress, timeout=timeout)
            break
        except _Retry as exc:
            if attempt == retries:
                tries = f"{retries + 1} attempt{'s' if retries else ''}"
                problem = f"{exc.problem} (gave up after {tries})"
                raise DownloadError(url, problem, exc.status) from None
            delay = backoff * 2**attempt
            log.warning("%s: %s; retry %d of %d in %.1f s", url, exc, attempt + 1, retries, delay)
            time.sleep(delay)
    if sha256:
        got = sha256_file(part)
        if got != sha256:
            part.unlink()
            meta.unlink(missing_ok=True)
            raise DownloadError(url, f"checksum mismatch: expected sha256 {sha256}, got {got}")
    os.replace(part, dest)
    meta.unlink(missing_ok=True)
    return dest


def _transfer(url: str, part: Path, meta: Path, *, progress: bool, timeout: float) -> None:
    """One attempt: request the missing bytes of ``part`` and append (206) or rewrite (200)."""
    have, validator = _resume_point(url, part, meta)
    headers = {"User-Agent": USER_AGENT}
    if have:
        headers.update({"Range": f"bytes={have}-", "If-Range": validator})
    try:
        request = urllib.request.Request(url, headers=headers)
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        problem = f"HTTP {exc.code} {exc.reason}"
        if exc.code == 416:
            part.unlink(missing_ok=True)
            raise _Retry(f"{problem} for the resumed range; starting again", exc.code) from None
        if exc.code >= 500 or exc.code in RETRY_STATUSES:
            raise _Retry(problem, exc.code) from None
        raise DownloadError(url, problem, exc.code) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        raise _Retry(f"connection failed ({getattr(exc, 'reason', exc)})") from None
    with response:
        if response.status == 206:
            start, total = _content_range(response.headers.get("Content-Range", ""))
            if start != have:
                part.unlink(missing_ok=True)
                raise _Retry(f"server resumed at byte {start}, not {have}")
            mode = "ab"
        else:
            if have:
                log.info("%s: server sent the whole file again; starting from zero", url)
            have, mode = 0, "wb"
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
        _write_meta(meta, url, response.headers, total)
        size = _copy(response, part, mode, have, total, progress=progress)
    if total is not None and size != total:
        raise _Retry(f"truncated body: {size} of {total} bytes")


def _resume_point(url: str, part: Path, meta: Path) -> tuple[int, str]:
    """Bytes already in ``part`` that may be resumed, and the validator to send in If-Range."""
    try:
        info = json.loads(meta.read_text())
        have = part.stat().st_size
    except (OSError, ValueError):
        info, have = {}, 0
    total = info.get("total")
    fits = have > 0 and (total is None or have < total)
    if fits and info.get("url") == url and info.get("validator"):
        return have, info["validator"]
    part.unlink(missing_ok=True)
    return 0, ""


def _write_meta(meta: Path, url: str, headers: http.client.HTTPMessage, total: int | None) -> None:
    """Remember what the ``.part`` file holds, so that a later run can resume it safely."""
    etag = headers.get("ETag") or ""
    validator = etag if etag and not etag.startswith("W/") else headers.get("Last-Modified", "")
    meta.write_text(json.dumps({"url": url, "validator": validator, "total": total}))


def _content_range(value: str) -> tuple[int, int | None]:
    """Start and total length from ``Content-Range: bytes start-end/total``."""
    match = re.fullmatch(r"bytes (\d+)-\d+/(\d+|\*)", value.strip())
    if not match:
        raise _Retry(f"unreadable Content-Range {value!r}")
    return int(match[1]), int(match[2]) if match[2] != "*" else None


def _copy(
    response: BinaryIO, part: Path, mode: str, have: int, total: int | None, *, progress: bool
) -> int:
    """Stream the body into ``part``; return its size. A dropped connection is retryable."""
    bar = tqdm(
        total=total,
        initial=have,
        unit="B",
        unit_scale=True,
        unit_divisor=1024,
        desc=part.stem,
        file=sys.stderr,
        leave=False,
        disable=not (progress and sys.stderr.isatty()),
    )
    size = have
    with bar, open(part, mode) as out:
        try:
            for block in iter(lambda: response.read(CHUNK), b""):
                out.write(block)
                size += len(block)
                bar.update(len(block))
        except (http.client.HTTPException, OSError) as exc:
            out.flush()
            raise _Retry(f"connection dropped after {size} bytes ({exc!r})") from None
    return size


# --- the manifest ---------------------------------------------------------------------------


def read_manifest() -> list[dict]:
    """The entries of ``data_dir()/MANIFEST.json`` (empty when there is none)."""
    path = data_dir() / MANIFEST
    return json.loads(path.read_text())["files"] if path.exists() else []


def record(path: Path, url: str, sha256: str, size: int) -> None:
    """Add or replace the manifest entry for ``path`` (written atomically)."""
    name = path.relative_to(data_dir()).as_posix()
    entries = {e["file"]: e for e in read_manifest()}
    entries[name] = {
        "file": name,
        "url": url,
        "sha256": sha256,
        "bytes": size,
        "retrieved": dt.datetime.now(dt.UTC).date().isoformat(),
    }
    with atomic_write(data_dir() / MANIFEST, "w") as handle:
        json.dump({"files": sorted(entries.values(), key=lambda e: e["file"])}, handle, indent=1)
        handle.write("\n")


def _fetch_checked(
    url: str, dest: Path, check: Callable[[Path], str | None], *, sha256: str | None, progress: bool
) -> Path:
    """Fetch into the staging folder and move to ``dest`` only if ``check`` finds no problem,
    so a bad answer never replaces a good file; record it in the manifest."""
    staged = fetch(url, staging_dir() / dest.name, sha256=sha256, progress=progress)
    problem = check(staged)
    if problem:
        staged.unlink()
        raise DownloadError(url, problem)
    dest.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, dest)
    record(dest, url, sha256_file(dest), dest.stat().st_size)
    return dest


# --- months ---------------------------------------------------------------------------------


# --- data.police.uk -------------------------------------------------------------------------


def staging_dir() -> Path:
    """Where archives and listings wait before they are unpacked: ``data_dir()/.downloads``."""
    return data_dir() / ".downloads"


def latest_police_month(*, base_url: str | None = None) -> str:
    """The newest month data.police.uk has published (its ``crime-last-updated`` API)."""
    url = sources.resolve(sources.POLICE_LAST_UPDATED.url, base_url)
    path = fetch(url, data_dir() / sources.POLICE_LAST_UPDATED.dest, progress=False)
    try:
        return check_month(str(json.loads(path.read_text())["date"])[:7])
    except (ValueError, KeyError, TypeError) as exc:
        raise DownloadError(url, f"unexpected answer {path.read_text()[:80]!r}") from exc
    finally:
        path.unlink(missing_ok=True)


def download_police_archive(
    month: str,
    *,
    forces: Sequence[str] = sources.DEFAULT_FORCES,
    kinds: Sequence[str] = sources.DEFAULT_KINDS,
    months: Iterable[str] | None = None,
    keep_zip: bool = False,
    base_url: str | None = None,
    progress: bool = True,
) -> list[Path]:
    """Fetch the data.police.uk archive ``month`` and unpack the wanted files, gzipped.

    The archive holds every force's files for the 36 months to ``month``; ``months`` (default:
    all 36), ``forces`` and ``kinds`` choose which become ``police_uk/YYYY-MM/<name>.csv.gz``.
    The zip stays in ``data_dir()/.downloads`` when ``keep_zip`` is set or unpacking fails, and
    a zip found there is used instead of downloading again.
    """
    check_month(month)
    window = MonthSpan.ending(month, 36).labels
    wanted_months = sorted(set(months)) if months is not None else window
    url = sources.resolve(sources.POLICE_ARCHIVE.url.format(month=month), base_url)
    outside = [m for m in wanted_months if m not in window]
    if outside:
        raise DownloadError(url, f"months {outside} are outside the archive's {window[0]}..{month}")
    bad_kinds = sorted(set(kinds) - set(sources.ARCHIVE_KINDS))
    if bad_kinds:
        raise DownloadError(url, f"unknown kinds {bad_kinds}; use {list(sources.ARCHIVE_KINDS)}")
    archive = staging_dir() / f"police-archive-{month}.zip"
    if archive.exists():
        log.info("using the archive already downloaded: %s", archive)
    else:
        fetch(url, archive, progress=progress)
    try:
        with zipfile.ZipFile(archive) as zf:
            written = _unpack_archive(zf, url, set(forces), set(kinds), set(wanted_months))
    except (zipfile.BadZipFile, EOFError) as exc:
        archive.unlink()
        raise DownloadError(url, f"corrupt zip archive ({exc}); deleted, run again") from exc
    if not keep_zip:
        archive.unlink()
    return written


def _unpack_archive(
    zf: zipfile.ZipFile, url: str, forces: set[str], kinds: set[str], months: set[str]
) -> list[Path]:
    members = {}
    for info in zf.infolist():
        match = ARCHIVE_MEMBER.fullmatch(info.filename)
        if match:
            members[(match["month"], match["force"], match["kind"])] = info
    unknown = forces - {force for _, force, _ in members}
    if unknown:
        known = sorted({force for _, force, _ in members})
        raise DownloadError(url, f"no files for forces {sorted(unknown)}; the archive has {known}")
    written = []
    for key in sorted((m, f, k) for m in months for f in forces for k in kinds):
        if key not in members:
            log.warning("%s: the archive has no %s %s file for %s", url, key[1], key[2], key[0])
            continue
        month, force, kind = key
        dest = data_dir() / sources.POLICE_ARCHIVE.dest.format(month=month, force=force, kind=kind)
        with zf.open(members[key]) as source:
            digest, size = _gzip_copy(source, dest)
        record(dest, f"{url}#{members[key].filename}", digest, size)
        written.append(dest)
    log.info("unpacked %d files from %s", len(written), url)
    return written


def _gzip_copy(source: BinaryIO, dest: Path) -> tuple[str, int]:
    """Gzip ``source`` into ``dest`` atomically (no name or time in the header, so the bytes
    depend only on the content); return the SHA-256 and size of the uncompressed bytes."""
    with atomic_write(dest) as raw, gzip.GzipFile("", "wb", 6, raw, mtime=0) as out:
        return _stream(source, out)


def download_api_point(
    lat: float, lng: float, month: str, *, base_url: str | None = None, progress: bool = False
) -> Path:
    """Save the street-level crimes within one mile of (lat, lng) in ``month``, JSON as sent."""
    values = {"lat": _coord(lat), "lng": _coord(lng), "month": check_month(month)}
    return _download_api(sources.POLICE_API_POINT, values, base_url, progress)


def download_api_poly(
    poly: Sequence[tuple[float, float]],
    month: str,
    *,
    base_url: str | None = None,
    progress: bool = False,
) -> Path:
    """Save the street-level crimes inside the polygon of (lat, lng) vertices, JSON as sent."""
    if len(poly) < 3:
        raise ValueError(f"a polygon needs at least 3 vertices, got {len(poly)}")
    text = ":".join(f"{_coord(lat)},{_coord(lng)}" for lat, lng in poly)
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    values = {"poly": text, "digest": digest, "month": check_month(month)}
    return _download_api(sources.POLICE_API_POLY, values, base_url, progress)


def _coord(value: float) -> str:
    return f"{float(value):.6f}".rstrip("0").rstrip(".")


def _download_api(
    source: sources.Source, values: dict[str, str], base_url: str | None, progress: bool
) -> Path:
    url = sources.resolve(source.url.format(**values), base_url)
    dest = data_dir() / source.dest.format(**values)
    try:
        return _fetch_checked(url, dest, _crimes_problem, sha256=None, progress=progress)
    except DownloadError as exc:
        if exc.status == 503:
            hint = "the API answers 503 above 10,000 crimes: ask for a smaller area"
            raise DownloadError(url, f"{exc.problem}; {hint}", 503) from exc
        raise


def _crimes_problem(path: Path) -> str | None:
    try:
        crimes = json.loads(path.read_bytes())
    except ValueError:
        crimes = None
    if not isinstance(crimes, list):
        return "the answer is not a JSON list of crimes"
    log.info("%s: %d crimes", path.name, len(crimes))
    return None


# --- London Datastore -----------------------------------------------------------------------


def download_met(
    levels: Sequence[str] = ("borough", "ward"),
    *,
    historical: bool = True,
    base_url: str | None = None,
    progress: bool = True,
) -> list[Path]:
    """Fetch the Met's borough/ward crime counts from the London Datastore, gzipped into
    ``met_datastore/<level>/vintage_<YYYY-MM>__datastore/``.

    YYYY-MM is the last month column in the header of the "most recent 24 months" file. The
    "Historical" file of the same release goes in the same folder, as in the mirror, since
    the two together make one continuous series (a warning says when they do not join up).
    """
    listing_url = sources.resolve(sources.MET_LISTING, base_url)
    listing = staging_dir() / "met-listing.json"
    fetch(listing_url, listing, progress=False)
    try:
        resources = _listed_resources(listing_url, json.loads(listing.read_bytes()))
    except ValueError as exc:
        raise DownloadError(listing_url, f"the dataset listing is not JSON ({exc})") from exc
    finally:
        listing.unlink(missing_ok=True)
    written = []
    for level in levels:
        recent = _fetch_met_csv(
            sources.MET_SOURCES[(level, "recent")], resources, base_url, progress
        )
        vintage = recent.months[-1]
        written.append(recent.store(level, vintage))
        if historical:
            past = _fetch_met_csv(
                sources.MET_SOURCES[(level, "historical")], resources, base_url, progress
            )
            if shift_month(past.months[-1], 1) != recent.months[0]:
                log.warning(
                    "%s: Historical ends %s but the recent file starts %s",
                    level,
                    past.months[-1],
                    recent.months[0],
                )
            written.append(past.store(level, vintage))
    return written


def _listed_resources(url: str, listing: dict) -> list[dict]:
    resources = listing.get("resources") if isinstance(listing, dict) else None
    if isinstance(resources, dict):
        resources = list(resources.values())
    if not isinstance(resources, list):
        raise DownloadError(url, "the dataset listing has no 'resources'")
    return [r for r in resources if isinstance(r, dict) and r.get("url")]


class _MetCsv:
    """A downloaded Met CSV waiting in the staging folder, with the months its header lists."""

    def __init__(self, source: sources.Source, url: str, path: Path) -> None:
        self.source, self.url, self.path = source, url, path
        with open(path, newline="", encoding="utf-8-sig", errors="replace") as handle:
            header = next(csv.reader(handle), [])
        self.months = sorted(f"{h[:4]}-{h[4:]}" for h in header if re.fullmatch(r"\d{6}", h))
        if not self.months:
            path.unlink()
            raise DownloadError(url, f"no YYYYMM month columns in the header {header[:5]}")

    def store(self, level: str, vintage: str) -> Path:
        dest = data_dir() / self.source.dest.format(
            level=level, vintage=vintage, resource=self.source.resource
        )
        with open(self.path, "rb") as handle:
            digest, size = _gzip_copy(handle, dest)
        record(dest, self.url, digest, size)
        self.path.unlink()
        log.info("%s (%s..%s)", dest.relative_to(data_dir()), self.months[0], self.months[-1])
        return dest


def _fetch_met_csv(
    source: sources.Source, resources: list[dict], base_url: str | None, progress: bool
) -> _MetCsv:
    """Pick the newest resource whose file name (or title) is ``source.resource``; fetch it."""
    name = source.resource
    found = [
        r
        for r in resources
        if name in (unquote(urlsplit(r["url"]).path.rsplit("/", 1)[-1]), r.get("title"))
    ]
    if not found:
        listed = sorted(str(r.get("title")) for r in resources)
        raise DownloadError(
            sources.resolve(source.url, base_url), f"no resource named {name!r}; listed: {listed}"
        )
    newest = max(
        found,
        key=lambda r: (
            str(r.get("temporal_coverage_to") or ""),
            str(r.get("check_timestamp") or ""),
        ),
    )
    url = sources.resolve(newest["url"], base_url)
    return _MetCsv(source, url, fetch(url, staging_dir() / name, progress=progress))


# --- boundaries -----------------------------------------------------------------------------


def download_boundaries(
    *, refresh: bool = False, base_url: str | None = None, progress: bool = True
) -> list[Path]:
    """Fetch the London boundary zips into ``geography/``; present ones are kept unless
    ``refresh``."""
    written = []
    for source in sources.BOUNDARIES:
        dest = data_dir() / source.dest
        if dest.exists() and not refresh:
            log.info("%s: already present", source.dest)
            continue
        url = sources.resolve(source.url, base_url)
        _fetch_checked(url, dest, _zip_problem, sha256=source.sha256, progress=progress)
        written.append(dest)
    return written


def _zip_problem(path: Path) -> str | None:
    return None if zipfile.is_zipfile(path) else "the download is not a zip file"


# --- ONS feature service (2022 wards) ---------------------------------------------------------


def download_wards_2022(
    *,
    refresh: bool = False,
    page_size: int = sources.FEATURE_PAGE_SIZE,
    base_url: str | None = None,
    progress: bool = False,
) -> Path | None:
    """Fetch London's 2022 wards from the ONS feature service into
    ``geography/wards_dec2022_london.geojson.gz`` (kept when present unless ``refresh``)."""
    source = sources.WARDS_2022
    dest = data_dir() / source.dest
    if dest.exists() and not refresh:
        log.info("%s: already present", source.dest)
        return None
    return download_feature_service(
        source.url, sources.WARDS_2022_WHERE, dest, page_size=page_size, base_url=base_url,
        progress=progress,
    )


def download_feature_service(
    url: str,
    where: str,
    dest: Path,
    *,
    page_size: int = sources.FEATURE_PAGE_SIZE,
    base_url: str | None = None,
    progress: bool = False,
) -> Path:
    """Query an ArcGIS feature service layer page by page as GeoJSON and gzip the stitched
    FeatureCollection to ``dest``.

    Each page asks for ``resultRecordCount=page_size`` features from ``resultOffset``; another
    page is asked for while the answer says ``exceededTransferLimit`` (top level or under
    ``properties``, as ArcGIS writes it in GeoJSON). Each page is one :func:`fetch` (server
    errors retried, cut-off bodies resumed); an answer that is not a FeatureCollection (an
    ArcGIS error object, HTML), an empty page that claims more, or a feature id seen twice
    raises :class:`DownloadError` and writes nothing.
    """
    if page_size < 1:
        raise ValueError("page_size must be at least 1")
    query = {"where": where, "outFields": "*", "outSR": "4326", "f": "geojson"}
    features: list[dict] = []
    first_url = None
    while True:
        params = {**query, "resultOffset": len(features), "resultRecordCount": page_size}
        page_url = sources.resolve(f"{url}?{urlencode(params)}", base_url)
        first_url = first_url or page_url
        staged = fetch(page_url, staging_dir() / f"{dest.name}.page.json", progress=progress)
        try:
            page = json.loads(staged.read_bytes())
        except ValueError:
            page = None
        finally:
            staged.unlink(missing_ok=True)
        batch = page.get("features") if isinstance(page, dict) else None
        if not isinstance(batch, list) or page.get("type") != "FeatureCollection":
            shown = json.dumps(page)[:120] if page is not None else "not JSON"
            raise DownloadError(page_url, f"not a GeoJSON FeatureCollection: {shown}")
        more = page.get("exceededTransferLimit") or \
            (page.get("properties") or {}).get("exceededTransferLimit")
        if more and not batch:
            raise DownloadError(page_url, "an empty page says more features follow")
        features.extend(batch)
        log.info("%s: %d features so far", dest.name, len(features))
        if not more:
            break
    ids = [f.get("id", (f.get("properties") or {}).get("OBJECTID")) for f in features]
    seen = [i for i in ids if i is not None]
    if len(seen) != len(set(seen)):
        raise DownloadError(first_url, "the pages repeat a feature (the layer changed while "
                                       "paging?); run again")
    if not features:
        raise DownloadError(first_url, f"no features match {where!r}")
    collection = {"type": "FeatureCollection", "features": features}
    body = json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode()
    digest, size = _gzip_copy(io.BytesIO(body), dest)
    record(dest, first_url, digest, size)
    log.info("%s: %d features", dest.relative_to(data_dir()), len(features))
    return dest


# --- zipped bulk files (Census 2021) --------------------------------------------------------


def download_census(*, base_url: str | None = None, progress: bool = False) -> list[Path]:
    """Fetch the Census 2021 bulk zips (TS007A, ODWP01EW) and unpack the files the loaders
    read into ``population/``."""
    written = []
    for source, members in ((sources.CENSUS_TS007A, sources.CENSUS_TS007A_MEMBERS),
                            (sources.CENSUS_ODWP01EW, sources.CENSUS_ODWP01EW_MEMBERS)):
        written += download_zip_members(source, members, base_url=base_url, progress=progress)
    return written


def download_zip_members(
    source: sources.Source,
    members: dict[str, str],
    *,
    base_url: str | None = None,
    progress: bool = False,
) -> list[Path]:
    """Fetch ``source``'s zip and copy each of ``members`` (its name in the zip, at any folder
    depth) to its destination in the data folder, gzipped when that ends in ``.gz``.

    A zip without one of the members, or a corrupt zip, raises and writes nothing; the zip is
    deleted afterwards.
    """
    url = sources.resolve(source.url, base_url)
    archive = fetch(url, data_dir() / source.dest, progress=progress)
    try:
        with zipfile.ZipFile(archive) as zf:
            names = {PurePosixPath(n).name: n for n in zf.namelist()}
            absent = sorted(set(members) - set(names))
            if absent:
                raise DownloadError(url, f"the zip lacks {absent}; it has {sorted(names)[:10]}")
            written = []
            for member, relative in members.items():
                dest = data_dir() / relative
                with zf.open(names[member]) as stream:
                    if relative.endswith(".gz"):
                        digest, size = _gzip_copy(stream, dest)
                    else:
                        digest, size = _plain_copy(stream, dest)
                record(dest, f"{url}#{names[member]}", digest, size)
                written.append(dest)
    except (zipfile.BadZipFile, EOFError) as exc:
        raise DownloadError(url, f"corrupt zip archive ({exc})") from exc
    finally:
        archive.unlink(missing_ok=True)
    return written


def _plain_copy(source: BinaryIO, dest: Path) -> tuple[str, int]:
    """Copy ``source`` into ``dest`` atomically; return the SHA-256 and size."""
    with atomic_write(dest) as out:
        return _stream(source, out)


def _stream(source: BinaryIO, out: BinaryIO) -> tuple[str, int]:
    """Stream ``source`` into ``out``; return the SHA-256 and size of the bytes copied."""
    digest, size = hashlib.sha256(), 0
    for block in iter(lambda: source.read(CHUNK), b""):
        digest.update(block)
        size += len(block)
        out.write(block)
    return digest.hexdigest(), size


# --- single files: workforce, town centres ----------------------------------------------------


def download_workforce(
    *, refresh: bool = False, base_url: str | None = None, progress: bool = False
) -> list[Path]:
    """Fetch the Home Office police workforce open data table (ODS) into ``workforce/``."""
    return _download_files((sources.WORKFORCE,), refresh, base_url, progress)


def download_town_centres(
    *, refresh: bool = False, base_url: str | None = None, progress: bool = False
) -> list[Path]:
    """Fetch the GLA town-centre boundaries (GeoPackage) and 2016 points (zipped shapefile)
    into ``geography/town_centres/``."""
    return _download_files(sources.TOWN_CENTRES, refresh, base_url, progress)


def _download_files(
    chosen: Iterable[sources.Source], refresh: bool, base_url: str | None, progress: bool
) -> list[Path]:
    written = []
    for source in chosen:
        dest = data_dir() / source.dest
        if dest.exists() and not refresh:
            log.info("%s: already present", source.dest)
            continue
        check = _sqlite_problem if dest.suffix == ".gpkg" else _zip_problem
        url = sources.resolve(source.url, base_url)
        written.append(_fetch_checked(url, dest, check, sha256=source.sha256, progress=progress))
    return written


def _sqlite_problem(path: Path) -> str | None:
    with open(path, "rb") as handle:
        magic = handle.read(16)
    return None if magic == b"SQLite format 3\x00" else "the download is not a GeoPackage"
