"""The ``hotspots`` command: ``hotspots download …`` fetches the raw data, ``hotspots where``
shows the data folder and which of the files the notebooks read are there."""

from __future__ import annotations

import argparse
import hashlib
import logging
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from hotspots.config import BASE_URL_ENV, DATA_ENV, data_dir, data_dir_is_set, relative_to_data
from hotspots.io.download import fetch as download
from hotspots.io.download import sources
from hotspots.io.errors import DataFileError
from hotspots.io.files import read_bytes
from hotspots.io.workforce import workforce_file
from hotspots.months import MonthSpan, check_month

POLICE_FOLDER = re.compile(r"\d{4}-\d{2}")
OTHER_FILES = (
    sources.WARDS_2022.dest,
    *sources.CENSUS_TS007A_MEMBERS.values(),
    *sources.CENSUS_ODWP01EW_MEMBERS.values(),
    *(source.dest for source in sources.TOWN_CENTRES),
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 failed, 2 usage)."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        return args.run(args)
    except download.DownloadError as exc:
        print(f"hotspots: download failed: {exc}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hotspots", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    get = commands.add_parser("download", help="fetch raw data into the data folder")
    get.set_defaults(run=_download, parser=get)
    get.add_argument(
        "--police-archive",
        metavar="YYYY-MM|latest",
        type=_month_or_latest,
        help="data.police.uk archive (36 months to YYYY-MM) to unpack",
    )
    get.add_argument(
        "--forces",
        nargs="+",
        default=list(sources.DEFAULT_FORCES),
        metavar="FORCE",
        help="forces to unpack (default: %(default)s)",
    )
    get.add_argument(
        "--kinds",
        nargs="+",
        default=list(sources.DEFAULT_KINDS),
        choices=sources.ARCHIVE_KINDS,
        metavar="KIND",
        help="street, outcomes, stop-and-search (default: %(default)s)",
    )
    get.add_argument(
        "--months",
        nargs="+",
        type=_months,
        metavar="YYYY-MM[..YYYY-MM]",
        help="months to unpack (default: all the archive holds)",
    )
    get.add_argument("--keep-zip", action="store_true", help="keep the archive after unpacking")
    get.add_argument("--met", action="store_true", help="Met borough and ward counts")
    get.add_argument("--boundaries", action="store_true", help="London boundary zips")
    get.add_argument(
        "--wards-2022", action="store_true", help="London's 2022 wards (ONS feature service)"
    )
    get.add_argument(
        "--census", action="store_true", help="Census 2021 residents (TS007A) and ODWP01EW"
    )
    get.add_argument(
        "--workforce", action="store_true", help="Home Office police workforce table (ODS)"
    )
    get.add_argument(
        "--town-centres", action="store_true", help="GLA town-centre boundaries and points"
    )
    get.add_argument(
        "--all",
        action="store_true",
        help="all of the above, Met counts and the latest police archive (a large zip)",
    )
    get.add_argument(
        "--api-point",
        nargs=3,
        metavar=("LAT", "LNG", "YYYY-MM"),
        help="street crimes within a mile of a point (data.police.uk API)",
    )
    get.add_argument(
        "--api-poly",
        nargs=2,
        metavar=("LAT,LNG:LAT,LNG:…", "YYYY-MM"),
        help="street crimes inside a polygon (data.police.uk API)",
    )
    get.add_argument(
        "--refresh", action="store_true", help="fetch boundaries and single files even if present"
    )
    get.add_argument("--base-url", help=f"fetch from this server instead (${BASE_URL_ENV})")
    get.add_argument("--no-progress", action="store_true", help="no progress bars")

    where = commands.add_parser("where", help="show the data folder and which files are there")
    where.set_defaults(run=_where)
    where.add_argument(
        "--verify", action="store_true", help="check the SHA-256 of files with a known checksum"
    )
    return parser


def _month_or_latest(text: str) -> str:
    return text if text == "latest" else _month(text)


def _month(text: str) -> str:
    try:
        return check_month(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _months(text: str) -> list[str]:
    first, _, last = text.partition("..")
    return MonthSpan(_month(first), _month(last)).labels if last else [_month(first)]


def _download(args: argparse.Namespace) -> int:
    wanted = (
        args.all,
        args.met,
        args.boundaries,
        args.wards_2022,
        args.census,
        args.workforce,
        args.town_centres,
        args.police_archive,
        args.api_point,
        args.api_poly,
    )
    if not any(wanted):
        args.parser.error(
            "choose what to fetch: --all, --met, --boundaries, --wards-2022, --census, "
            "--workforce, --town-centres, --police-archive, --api-point or --api-poly"
        )
    point = poly = None
    try:
        if args.api_point:
            point = [float(v) for v in args.api_point[:2]]
            check_month(args.api_point[2])
        if args.api_poly:
            poly = [_pair(v) for v in args.api_poly[0].split(":")]
            if len(poly) < 3:
                raise ValueError(f"a polygon needs at least 3 vertices, got {len(poly)}")
            check_month(args.api_poly[1])
    except ValueError as exc:
        args.parser.error(f"--api-point/--api-poly: {exc}")
    options = {"base_url": args.base_url, "progress": not args.no_progress}
    if args.all or args.boundaries:
        download.download_boundaries(refresh=args.refresh, **options)
    if args.all or args.wards_2022:
        download.download_wards_2022(refresh=args.refresh, **options)
    if args.all or args.census:
        download.download_census(**options)
    if args.all or args.workforce:
        download.download_workforce(refresh=args.refresh, **options)
    if args.all or args.town_centres:
        download.download_town_centres(refresh=args.refresh, **options)
    if args.all or args.met:
        download.download_met(**options)
    month = args.police_archive or ("latest" if args.all else None)
    if month == "latest":
        month = download.latest_police_month(base_url=args.base_url)
    if month:
        months = sorted({m for group in args.months for m in group}) if args.months else None
        download.download_police_archive(
            month,
            forces=args.forces,
            kinds=args.kinds,
            months=months,
            keep_zip=args.keep_zip,
            **options,
        )
    if point:
        download.download_api_point(*point, args.api_point[2], **options)
    if poly:
        download.download_api_poly(poly, args.api_poly[1], **options)
    return 0


def _pair(text: str) -> tuple[float, float]:
    lat, lng = text.split(",")
    return float(lat), float(lng)


def _where(args: argparse.Namespace) -> int:
    root = data_dir()
    origin = f"${DATA_ENV}" if data_dir_is_set() else "default"
    print(f"data folder: {root}  ({origin})")
    print("boundaries:")
    for source in sources.BOUNDARIES:
        print(f"  {'present' if (root / source.dest).exists() else 'MISSING'}  {source.dest}")
    print("wards, populations, workforce, town centres:")
    for relative in OTHER_FILES:
        print(f"  {'present' if (root / relative).exists() else 'MISSING'}  {relative}")
    try:
        print(f"  present  {relative_to_data(workforce_file())}")
    except DataFileError:
        print(f"  MISSING  {sources.WORKFORCE.dest}")
    print("Met counts (London Datastore):")
    for (level, _), name in sources.MET_FILES.items():
        found = root.glob(f"met_datastore/{level}/*/{name}*")
        folders = sorted({p.parent.name for p in found if p.name in (name, f"{name}.gz")})
        print(f"  {name}: {', '.join(folders) if folders else 'MISSING'}")
    print("data.police.uk monthly files:")
    for force in sources.DEFAULT_FORCES:
        for kind in sources.DEFAULT_KINDS:
            print(f"  {force} {kind}: {_month_summary(root, force, kind)}")
    api = sorted((root / "police_uk" / "api").glob("*.json*"))
    print(f"data.police.uk API extracts: {len(api)} in police_uk/api")
    manifest = download.read_manifest()
    print(f"manifest: {len(manifest)} downloaded files in {download.MANIFEST}")
    return _verify(root, manifest) if args.verify else 0


def _month_summary(root: Path, force: str, kind: str) -> str:
    months = sorted(
        {
            p.parent.name
            for p in root.glob(f"police_uk/*/*-{force}-{kind}.csv*")
            if POLICE_FOLDER.fullmatch(p.parent.name)
            and p.name.removesuffix(".gz") == f"{p.parent.name}-{force}-{kind}.csv"
        }
    )
    if not months:
        return "MISSING"
    gaps = sorted(set(MonthSpan(months[0], months[-1]).labels) - set(months))
    return f"{len(months)} months {months[0]}..{months[-1]}; gaps: {', '.join(gaps) or 'none'}"


def _verify(root: Path, manifest: list[dict]) -> int:
    """Compare present files with the known and the recorded checksums; 1 if any differ."""
    expected = dict(sources.KNOWN_SHA256)
    expected.update({entry["file"]: entry["sha256"] for entry in manifest})
    checked = bad = 0
    for name, sha256 in sorted(expected.items()):
        path = root / name
        if not path.exists():
            continue
        try:
            ok = hashlib.sha256(read_bytes(path)).hexdigest() == sha256
        except DataFileError:
            ok = False
        checked += 1
        bad += not ok
        print(f"  {'ok' if ok else 'CHECKSUM MISMATCH'}  {name}")
    print(f"verified {checked} files: {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
