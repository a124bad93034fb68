"""A tiny London data folder in the publishers' layouts, shared by the io and analyses tests.

Two boroughs (City of London, Westminster), their LSOAs of 2011 and 2021, three 2022 wards
(one of them a self-intersecting "bowtie" to be repaired) plus one outside London, and the
best-fit lookup between them.
"""

from __future__ import annotations

import gzip
import json
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
from pyproj import Transformer
from shapely.geometry import Polygon, box

from hotspots.geo.crs import to_bng
from hotspots.io import boundaries as geo


def zip_layers(target: Path, folder: str, layers: dict[str, gpd.GeoDataFrame]) -> None:
    """Write each layer as a shapefile and zip its components under ``folder``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work, zipfile.ZipFile(target, "w") as archive:
        for name, frame in layers.items():
            frame.to_file(Path(work) / f"{name}.shp")
        for part in sorted(Path(work).iterdir()):
            archive.write(part, folder + part.name)


def layer(rows: list[dict], shapes: list) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry=shapes, crs=geo.BNG)


# British National Grid metres near Westminster, so that the WGS 84 round trip stays in London
X0, Y0 = 529_000, 180_000


def cell(x0: float, x1: float) -> Polygon:
    return box(X0 + x0, Y0, X0 + x1, Y0 + 100)


BOWTIE = Polygon([(X0 + 100, Y0), (X0 + 200, Y0 + 100), (X0 + 200, Y0), (X0 + 100, Y0 + 100)])

BOROUGHS = layer(
    [
        {"NAME": "City of London", "GSS_CODE": "E09000001", "HECTARES": 1.0, "ONS_INNER": "T"},
        {"NAME": "Westminster", "GSS_CODE": "E09000033", "HECTARES": 2.0, "ONS_INNER": "T"},
    ],
    [cell(0, 100), cell(100, 300)],
)

WARDS_2014 = layer(
    [
        {"NAME": "Bishopsgate", "GSS_CODE": "E05000002", "LB_GSS_CD": "E09000001",
         "BOROUGH": "City of London", "HECTARES": 1.0},
        {"NAME": "St. James's", "GSS_CODE": "E05000644", "LB_GSS_CD": "E09000033",
         "BOROUGH": "Westminster", "HECTARES": 1.0},
        {"NAME": "Abbey Road", "GSS_CODE": "E05000630", "LB_GSS_CD": "E09000033",
         "BOROUGH": "Westminster", "HECTARES": 1.0},
    ],
    [cell(0, 100), cell(100, 200), cell(200, 300)],
)

LSOAS_2011 = layer(
    [
        {"LSOA11CD": code, "LSOA11NM": name, "MSOA11CD": "E02000001", "MSOA11NM": "m",
         "LAD11CD": lad, "LAD11NM": lad_name, "USUALRES": res, "HHOLDRES": res,
         "COMESTRES": 0, "HHOLDS": 1}
        for code, name, lad, lad_name, res in [
            ("E01000001", "City of London 001A", "E09000001", "City of London", 1465),
            ("E01004651", "Westminster 003A", "E09000033", "Westminster", 1500),
            ("E01004652", "Westminster 017A", "E09000033", "Westminster", 1600),
        ]
    ],
    [cell(0, 100), BOWTIE, cell(200, 300)],
)

# The 2022 wards: code, name, LAD code, LAD name, geometry (BNG; written as WGS 84 GeoJSON)
WARDS_2022 = [
    ("E05009288", "Aldersgate", "E09000001", "City of London", cell(0, 100)),
    ("E05013806", "St James's", "E09000033", "Westminster", BOWTIE),
    ("E05013808", "West End", "E09000033", "Westminster", cell(200, 300)),
    ("E05099999", "Elsewhere", "E07000001", "Elsewhere", cell(400, 500)),
]

LOOKUP_ROWS = [
    ("E01000001", "E05009288", "Aldersgate"),
    ("E01018945", "E05013298", "Lanivet, Blisland & Bodmin St Lawrence"),
    ("E01004651", "E05013806", "St James's"),
    ("W01000001", "NA", "NA"),
    ("E01004652", "E05013808", "West End"),
]


def lsoa21(codes: list[str], borough: str, lad: str) -> gpd.GeoDataFrame:
    rows = [{"lsoa21cd": c, "lsoa21nm": f"{borough} {c[-3:]}", "msoa21cd": "E02000001",
             "msoa21nm": "m", "lad22cd": lad, "lad22nm": borough} for c in codes]
    start = 0 if lad == "E09000001" else 100
    return layer(rows, [cell(start + i * 100, start + i * 100 + 100) for i in range(len(codes))])


def write_lsoas_2021(root: Path, files: dict[str, gpd.GeoDataFrame]) -> None:
    target = root / geo.LSOA21_ZIP
    target.unlink(missing_ok=True)
    zip_layers(target, geo.LSOA21_FOLDER, files)


def ward_features(rows: list[tuple] = WARDS_2022) -> dict:
    """The wards as the ONS feature service's GeoJSON (WGS 84, ONS column names)."""
    frame = gpd.GeoDataFrame(
        {"WD22CD": [r[0] for r in rows], "WD22NM": [r[1] for r in rows],
         "WD22NMW": [" "] * len(rows), "LAD22CD": [r[2] for r in rows],
         "LAD22NM": [r[3] for r in rows], "BNG_E": [X0 + 50] * len(rows),
         "BNG_N": [Y0 + 50] * len(rows), "OBJECTID": list(range(1, len(rows) + 1))},
        geometry=[r[4] for r in rows], crs=geo.BNG,
    ).to_crs("EPSG:4326")
    return json.loads(frame.to_json())


def write_wards_2022(root: Path, rows: list[tuple] = WARDS_2022) -> Path:
    target = root / geo.WARDS22_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(gzip.compress(json.dumps(ward_features(rows)).encode()))
    return target


def write_lookup(root: Path, rows: list[tuple] = LOOKUP_ROWS) -> Path:
    target = root / geo.LOOKUP_FILE
    lines = ['"lsoa21cd","ward22cd","ward22nm"'] + [
        ",".join(v if v == "NA" else f'"{v}"' for v in row) for row in rows]
    target.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    return target


def make_data_folder(root: Path) -> Path:
    """Write every geography file of the tiny folder under ``root``; return ``root``."""
    zip_layers(
        root / geo.STAT_GIS_ZIP,
        "statistical-gis-boundaries-london/ESRI/",
        {"London_Borough_Excluding_MHW": BOROUGHS, "London_Ward": WARDS_2014,
         "LSOA_2011_London_gen_MHW": LSOAS_2011},
    )
    write_lsoas_2021(root, {
        "Westminster": lsoa21(["E01004651", "E01004652"], "Westminster", "E09000033"),
        "City of London": lsoa21(["E01000001"], "City of London", "E09000001"),
    })
    write_wards_2022(root)
    write_lookup(root)
    return root


# --- police.uk test folders ----------------------------------------------------------------

TO_LONLAT = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


def write_boroughs(root: Path) -> None:
    """A two-borough stand-in for the London Datastore zip: Westminster north of a 200 m wide
    'Thames' (N 179,900–180,100) and Lambeth south of it, both E 525,000–535,000."""
    frame = gpd.GeoDataFrame(
        {
            "GSS_CODE": ["E09000033", "E09000022"],
            "NAME": ["Westminster", "Lambeth"],
            "HECTARES": [5000.0, 4900.0],
            "ONS_INNER": ["T", "T"],
        },
        geometry=[box(525_000, 180_100, 535_000, 185_000), box(525_000, 175_000, 535_000, 179_900)],
        crs="EPSG:27700",
    )
    shp = root / "shp"
    shp.mkdir(parents=True)
    frame.to_file(shp / "London_Borough_Excluding_MHW.shp")
    target = root / "geography" / "statistical-gis-boundaries-london.zip"
    target.parent.mkdir(parents=True)
    with zipfile.ZipFile(target, "w") as archive:
        for part in shp.iterdir():
            archive.write(part, f"statistical-gis-boundaries-london/ESRI/{part.name}")


def lonlat(x: float, y: float) -> tuple[str, str]:
    lon, lat = TO_LONLAT.transform(x, y)
    return f"{lon:.6f}", f"{lat:.6f}"


def lonlat_xy(lon: float, lat: float) -> tuple[float, float]:
    """A WGS 84 point in British National Grid metres."""
    x, y = to_bng([lon], [lat])
    return x.item(), y.item()
