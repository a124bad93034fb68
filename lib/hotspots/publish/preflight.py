"""Before any notebook starts: are the data files the loaders need in the data folder?

``python -m hotspots.publish.preflight`` (run first by ``make run``). The list comes from the
loaders themselves: each module in :data:`LOADERS` declares ``REQUIRED``
(:class:`hotspots.io.required.Required`). When files are missing:

- if every missing file has a publisher (a ``hotspots download`` option) and the publisher's
  server answers within :data:`PROBE_TIMEOUT` seconds, they are fetched with the project's
  download code (resumable, verified, progress bars on a terminal);
- otherwise the check stops with one short message naming each missing file, whether and
  where it can be downloaded (or which third party it comes from), and the two ways out:
  ``make download``, or ``HOTSPOTS_DATA=/path/to/folder``. Exit status 3, no traceback.

Nothing is fetched when a missing file has no publisher: the run could not go on anyway.
"""

from __future__ import annotations

import argparse
import http.client
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from urllib.parse import urlsplit

from hotspots.config import DATA_ENV, data_dir, data_dir_is_set
from hotspots.io import boundaries, met, police_uk, police_uk_extracts
from hotspots.io.download import fetch, sources
from hotspots.io.required import Required

#: The loader modules whose ``REQUIRED`` files every run needs.
LOADERS: tuple[ModuleType, ...] = (boundaries, met, police_uk, police_uk_extracts)
PROBE_TIMEOUT = 3.0
MISSING_STATUS = 3

#: ``hotspots download`` option -> (a URL on the publisher's server, the download to run).
DOWNLOADS: dict[str, tuple[str, Callable[[], object]]] = {
    "boundaries": (sources.BOUNDARIES[0].url, lambda: fetch.download_boundaries()),
    "met": (sources.MET_LISTING, lambda: fetch.download_met()),
    "police-archive": (
        sources.POLICE_LAST_UPDATED.url,
        lambda: fetch.download_police_archive(fetch.latest_police_month()),
    ),
}


@dataclass
class Preflight:
    """The outcome: files still missing, the servers that did not answer, failed downloads."""

    missing: list[Required] = field(default_factory=list)
    fetched: list[Required] = field(default_factory=list)
    unreachable: dict[str, str] = field(default_factory=dict)  # download option -> host
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing


def required_files(modules: Iterable[ModuleType] | None = None) -> list[Required]:
    """Every ``REQUIRED`` entry of ``modules`` (default :data:`LOADERS`), each pattern once."""
    seen: dict[str, Required] = {}
    for module in LOADERS if modules is None else modules:
        for need in module.REQUIRED:
            seen.setdefault(need.pattern, need)
    return list(seen.values())


def server(download: str) -> str:
    """The host (``HOTSPOTS_BASE_URL``'s, when set) the download ``download`` fetches from."""
    return urlsplit(sources.resolve(DOWNLOADS[download][0])).netloc


def reachable(download: str, timeout: float = PROBE_TIMEOUT) -> bool:
    """Whether the server of ``download`` answers an HTTP request (any status) in time."""
    parts = urlsplit(sources.resolve(DOWNLOADS[download][0]))
    request = urllib.request.Request(
        f"{parts.scheme}://{parts.netloc}/", method="HEAD", headers={"User-Agent": fetch.USER_AGENT}
    )
    try:
        urllib.request.urlopen(request, timeout=timeout).close()
    except urllib.error.HTTPError as exc:
        exc.close()  # the server answered
    except (urllib.error.URLError, OSError, http.client.HTTPException):
        return False
    return True


def check(
    required: Sequence[Required] | None = None,
    *,
    fetch_missing: bool = True,
    say: Callable[[str], None] = print,
) -> Preflight:
    """Find the missing files of ``required`` (default: :func:`required_files`); fetch them
    when all can be downloaded, their servers answer and ``fetch_missing`` is set."""
    root = data_dir()
    needs = required_files() if required is None else list(required)
    result = Preflight(missing=[need for need in needs if not need.present(root)])
    if not result.missing or not fetch_missing:
        return result
    if any(need.download is None for need in result.missing):
        return result
    for option in sorted({need.download for need in result.missing}):
        if not reachable(option):
            result.unreachable[option] = server(option)
    if result.unreachable:
        return result
    for option in sorted({need.download for need in result.missing}):
        wanted = [need.pattern for need in result.missing if need.download == option]
        say(f"preflight: fetching {', '.join(wanted)} from {server(option)} "
            f"(hotspots download --{option})")
        try:
            DOWNLOADS[option][1]()
        except fetch.DownloadError as exc:
            result.problems.append(str(exc))
    still = [need for need in result.missing if not need.present(root)]
    result.fetched = [need for need in result.missing if need not in still]
    result.missing = still
    return result


def message(result: Preflight) -> str:
    """The one message shown when files are still missing."""
    root = data_dir()
    where = f"{DATA_ENV}" if data_dir_is_set() else f"the default; set {DATA_ENV} to change it"
    lines = [f"preflight: {len(result.missing)} data file(s) the notebooks need are not in "
             f"{root} ({where}):"]
    for need in result.missing:
        if need.download is None:
            how = f"no publisher serves it: {need.origin}"
        else:
            how = f"`hotspots download --{need.download}` fetches it from {server(need.download)}"
            if need.download in result.unreachable:
                how += " (not reachable now)"
        lines.append(f"  {need.pattern}\n      {need.what}; {how}")
    lines.extend(f"  download failed: {problem}" for problem in result.problems)
    lines.append(
        "Either run `make download` where the publishers can be reached, or point the run at a "
        f"folder that has them: `make run {DATA_ENV}=/path/to/folder` (the offline mirror, "
        "../shared/data, has every one)."
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Check (and fetch); 0 when every file is there, :data:`MISSING_STATUS` otherwise."""
    parser = argparse.ArgumentParser(prog="python -m hotspots.publish.preflight",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--no-fetch", action="store_true", help="only check, never download")
    args = parser.parse_args(argv)
    result = check(fetch_missing=not args.no_fetch)
    if result.fetched:
        print(f"preflight: fetched {len(result.fetched)} missing data file(s)", flush=True)
    if result.ok:
        return 0
    print(message(result), file=sys.stderr)
    return MISSING_STATUS


if __name__ == "__main__":
    sys.exit(main())
