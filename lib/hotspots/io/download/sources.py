"""The catalogue of remote sources: where each file comes from and where it goes.

Every ``dest`` is a template relative to :func:`hotspots.paths.data_dir` and matches the
layout of the offline mirror, so the loaders read a download and the mirror alike.

URLs were valid as of writing (November 2026) and may move: publishers re-host files, and
the London Datastore changes a resource's path with every monthly release, which is why the
Met files are found through the dataset's API listing rather than by a fixed URL.

``HOTSPOTS_BASE_URL`` (or a ``base_url`` argument) sends every request to another server
instead, keeping host and path: ``https://data.police.uk/data/archive/2024-05.zip`` becomes
``<base>/data.police.uk/data/archive/2024-05.zip`` (the layout ``wget -x`` writes). The tests
use it to point everything at a server on 127.0.0.1.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from hotspots.config import base_url

DEFAULT_FORCES = ("metropolitan", "city-of-london")
DEFAULT_KINDS = ("street", "stop-and-search")
ARCHIVE_KINDS = ("street", "outcomes", "stop-and-search")


@dataclass(frozen=True)
class Source:
    """One remote file.

    ``url`` and ``dest`` are ``str.format`` templates. ``resource`` names the publisher's file
    to pick from a London Datastore dataset listing (then ``url`` is the listing). ``sha256``
    is the expected checksum of the downloaded bytes, when the publisher's bytes are fixed.
    """

    name: str
    url: str
    dest: str
    resource: str | None = None
    sha256: str | None = None


POLICE_ARCHIVE = Source(
    "police-archive",
    # Every force's street, outcomes and stop-and-search files for the 36 months to {month}.
    "https://data.police.uk/data/archive/{month}.zip",
    "police_uk/{month}/{month}-{force}-{kind}.csv.gz",
)
POLICE_LAST_UPDATED = Source(
    "police-last-updated",
    # {"date": "YYYY-MM-01"}: the newest month data.police.uk has published.
    "https://data.police.uk/api/crime-last-updated",
    ".downloads/crime-last-updated.json",
)
POLICE_API_POINT = Source(
    "police-api-point",
    # Every crime within one mile of the point; the API refuses (503) above 10,000 crimes.
    "https://data.police.uk/api/crimes-street/all-crime?lat={lat}&lng={lng}&date={month}",
    "police_uk/api/all-crime_{month}_{lat}_{lng}.json",
)
POLICE_API_POLY = Source(
    "police-api-poly",
    # poly = "lat,lng:lat,lng:..." (the API closes the ring itself).
    "https://data.police.uk/api/crimes-street/all-crime?poly={poly}&date={month}",
    "police_uk/api/all-crime_{month}_poly-{digest}.json",
)

# London Datastore "Recorded Crime: Geographic Breakdown" (MPS), formerly slug
# "recorded_crime_summary"; /api/dataset/<id> lists the current resources and their URLs.
MET_LISTING = "https://data.london.gov.uk/api/dataset/exy3m"
MET_DEST = "met_datastore/{level}/vintage_{vintage}__datastore/{resource}.gz"
MET_FILES = {
    ("borough", "recent"): "MPS Borough Level Crime (most recent 24 months).csv",
    ("borough", "historical"): "MPS Borough Level Crime (Historical).csv",
    ("ward", "recent"): "MPS Ward Level Crime (most recent 24 months).csv",
    ("ward", "historical"): "MPS Ward Level Crime (Historical).csv",
}
MET_SOURCES = {
    key: Source(f"met-{key[0]}-{key[1]}", MET_LISTING, MET_DEST, resource=name)
    for key, name in MET_FILES.items()
}

# London Datastore "Statistical GIS Boundary Files for London" (dataset 20od9). No sha256: the
# mirror's checksums are of re-zipped copies, not of the publisher's zips.
BOUNDARIES = (
    Source(
        "boundaries-london",
        "https://data.london.gov.uk/download/20od9/9ba8c833-6370-4b11-abdc-314aa020d5e0/"
        "statistical-gis-boundaries-london.zip",
        "geography/statistical-gis-boundaries-london.zip",
    ),
    Source(
        "boundaries-lsoa-2021",
        "https://data.london.gov.uk/download/20od9/2a5e50ac-c22e-4d68-89e2-85f1e0ff9057/"
        "LB_LSOA2021_shp.zip",
        "geography/LB_LSOA2021_shp.zip",
    ),
)

# ONS Open Geography Portal, "Wards (December 2022) Boundaries UK BSC": an ArcGIS feature
# service, queried in pages of GeoJSON (resultOffset/resultRecordCount) for London's wards
# (LAD22CD E09...). The pages are stitched into one FeatureCollection and gzipped.
WARDS_2022 = Source(
    "wards-2022",
    "https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services/"
    "Wards_December_2022_Boundaries_UK_BSC/FeatureServer/0/query",
    "geography/wards_dec2022_london.geojson.gz",
)
WARDS_2022_WHERE = "LAD22CD LIKE 'E09%'"
FEATURE_PAGE_SIZE = 500  # the service allows up to 2,000 features a page

# Census 2021 bulk files (Nomis). ``members`` maps a file in the zip to its place in the data
# folder (gzipped when the destination ends in .gz), as in the mirror.
CENSUS_TS007A = Source(
    "census2021-ts007a",
    "https://www.nomisweb.co.uk/output/census/2021/census2021-ts007a.zip",
    ".downloads/census2021-ts007a.zip",
)
CENSUS_TS007A_MEMBERS = {
    "census2021-ts007a-ltla.csv": "population/census2021-ts007a-ltla.csv",
    "census2021-ts007a-lsoa.csv": "population/census2021-ts007a-lsoa.csv.gz",
}
CENSUS_ODWP01EW = Source(
    "census2021-odwp01ew",
    # origin-destination: location of usual residence and place of work (not checked online)
    "https://www.nomisweb.co.uk/output/census/2021/odwp01ew.zip",
    ".downloads/odwp01ew.zip",
)
CENSUS_ODWP01EW_MEMBERS = {"ODWP01EW_LTLA.csv": "population/ODWP01EW_LTLA.csv.gz"}

# Home Office "Police workforce, England and Wales": the open data table of 28 January 2026
# (31 March 2007-2025), from the URL cited in workforce/SOURCES.md (not fetched here). The
# loader reads the newest open-data-table-police-workforce-DDMMYY.ods under workforce/.
WORKFORCE = Source(
    "police-workforce",
    "https://assets.publishing.service.gov.uk/media/697255b5a1311bdcfa0ed8f3/"
    "open-data-table-police-workforce-280126.ods",
    "workforce/homeoffice_open_data/open-data-table-police-workforce-280126.ods",
)

# GLA town-centre network (London Datastore; town_centres/SOURCES.md). Not in the offline
# mirror; the identifiers come from public code and were not checked against the live site.
TOWN_CENTRES = (
    Source(
        "town-centre-boundaries",
        "https://data.london.gov.uk/download/e55z7/84b3939e-c301-48e5-85e0-31699b1cb751/"
        "Town_Centres_Boundaries.gpkg",
        "geography/town_centres/Town_Centres_Boundaries.gpkg",
    ),
    Source(
        "town-centre-points-2016",
        "https://data.london.gov.uk/download/town-centre-locations/"
        "50e12a40-90c4-4a46-af20-9891d1441a5c/LP_2016_town_centre_points.zip",
        "geography/town_centres/LP_2016_town_centre_points.zip",
    ),
)

# SHA-256 of the publisher's exact bytes (the uncompressed CSV) of the Met files the mirror
# holds, from met_datastore/SOURCES.md; ``hotspots where --verify`` checks them.
_BR = MET_FILES[("borough", "recent")]
_BH = MET_FILES[("borough", "historical")]
_WR = MET_FILES[("ward", "recent")]
# fmt: off
_KNOWN = (
    ("borough/vintage_2025-02__andyxuegit", _BH,
     "25dcce4cd5068a745eba761ac2d734b001286a89f75c1e023d04677a18696ef9"),
    ("borough/vintage_2025-02__andyxuegit", _BR,
     "487b7d014f8657fedc20ddeda59b4dc6d3266bae490efd14745dfa229867c97c"),
    ("borough/vintage_2025-11__joanna-jaeeun", _BH,
     "4de11f744764510a7d0b8d527bfe8e9f50ec564790563d4c4af766e5b50a366e"),
    ("borough/vintage_2025-11__joanna-jaeeun", _BR,
     "234bf253436ffb59fd3201c0c186cebff21a0fdf7387bbe6bfb969dde7443176"),
    ("borough/vintage_2024-11__hyusuf101", _BR,
     "84b1dbf01f8dbba369f5481171b4fc80dfef5021f106860c6928872ebc15d180"),
    ("borough/vintage_2025-12__JDevs-py", _BR,
     "c69a17c04e2c7fe185e85ce113dead812678a89bc6a6e15c4fab78b2abeab700"),
    ("borough/vintage_2026-06__mithun-ksms", _BR,
     "1f24a7bcfab350190c07b0febae7b9aa4d89efba8342edfd535c54262adb4642"),
    ("ward/vintage_2025-03__zhouzhou725", _WR,
     "425714a77a6b14b32a8c182c8167232c42a46200a5c2b92c4e4d6efa48869305"),
    ("ward/vintage_2025-06__langtonhugh", _WR,
     "de5b9423bc833f2a8c04bcd3c5a18445f47c4ed02151f6fc59120729cd5ed700"),
    ("ward/vintage_2025-12__JDevs-py", _WR,
     "909316431d2c97aa99403f1216e948f5a25c27f85f8313dd22a662ef81204286"),
    ("ward/vintage_2026-01__lb-lewisham", _WR,
     "ca29d0c88bd1a511665159a67a6042dbff130b93027376ed8ceb84721d498389"),
    ("ward/vintage_2026-03__hou1020", _WR,
     "da57ed3898c360c48a56142407647c257539e4b6bb9fe95c6e2ae6f5b8678fdb"),
)
# fmt: on
KNOWN_SHA256 = {f"met_datastore/{folder}/{name}.gz": sha256 for folder, name, sha256 in _KNOWN}


def resolve(url: str, override: str | None = None) -> str:
    """``url`` itself, or rewritten to ``<base>/<host>/<path>?<query>`` under the override."""
    base = base_url(override)
    if not base:
        return url
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    return f"{base.rstrip('/')}/{parts.netloc}{parts.path}{query}"
