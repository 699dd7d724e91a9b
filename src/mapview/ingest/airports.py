"""Airports and air bases by the names reports give them: "Keflavík International Airport",
"Baghdad airport", "Dover Air Force Base", "Ivato International Airport".

Why: reports locate evacuations, strikes and arrivals at airports and air bases, and
GeoNames' cities500 lists none of them; drawn at their town, most miss by 10-30 km, which is
the difference between the runway and the city centre. `airportsdata` (MIT, updated monthly,
28,000 ICAO aerodromes with coordinates, IATA codes and the city each serves) is the kept
package made for this; the gazetteer's index holds its aerodromes by name and by town.

A name is matched on its distinctive words ("keflavik" for "Keflavík International
Airport"), so "Ivato International Airport" meets airportsdata's "Ivato Airport" and
"Dover Air Force Base" its "Dover Afb Airport"; "Baghdad airport" also meets the airport
that serves Baghdad. A name airportsdata does not have is tried without the town in front
("Kyiv Boryspil airport"), then as the town's airport ("Cayenne-Félix Eboué airport",
renamed since airportsdata's "Cayenne-Rochambeau"), or by the first words of its name
("Mutiara SIS Al-Jufri Airport", airportsdata's "Mutiara Airport"). Only an airport near
the town the report puts it in, or in a country the report names, is taken; between
several, one with an IATA code (a public airport) wins, and a name several far-apart
airports share is left unresolved.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import astuple, dataclass
from functools import cache
from importlib import metadata, resources
from typing import Protocol

from mapview.data.names import fold
from mapview.data.places import km_between

# Words every aerodrome name may carry; what is left is the name of its own.
_GENERIC = frozenset(
    {
        "international", "intl", "regional", "national", "domestic", "municipal", "airport",
        "airports", "aerodrome", "airfield", "airstrip", "air", "base", "airbase", "force",
        "field", "army", "naval", "navy", "station", "military", "the", "of", "de", "del",
        "da", "do", "aeroporto", "aeropuerto", "aeroport", "afb", "ab", "joint", "space",
        "sir",  # "Sir Grantley Adams International Airport" is "Grantley Adams" in reports
    }
)  # fmt: skip
_MILITARY = frozenset({"base", "airbase", "afb", "ab", "force", "army", "naval", "navy"})
NEAR_KM = 60.0  # an airport serving a town lies within this of its centre
SOURCE = "airportsdata"


@dataclass(frozen=True)
class Airport:
    icao: str
    iata: str
    name: str
    city: str
    country: str
    lat: float
    lon: float

    @property
    def military(self) -> bool:
        return _military(self.name)

    @property
    def source(self) -> str:
        code = f"ICAO {self.icao}" + (f", IATA {self.iata}" if self.iata else "")
        return f"{SOURCE} {metadata.version('airportsdata')} (MIT): {self.name}, {code}"


def _military(name: str) -> bool:
    """An air base's name ("Dover Air Force Base", "Bagram Air Base") rather than an
    airport's."""
    return bool(set(fold(name).split()) & _MILITARY)


def core(name: str) -> str:
    """The distinctive words of an aerodrome's name ("" when it has none of its own);
    "Herat's airport" is Herat's."""
    name = _POSSESSIVE.sub("", name)
    return " ".join(w for w in fold(name).split() if w not in _GENERIC)


_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")


# airportsdata (20260905) gives these aerodromes' reference points as degree, minute and
# second digits read as decimals: Brussels Airport at 50.5405, 4.2904, 40 km south of its
# runways, for 50°54'05" N 4°29'04" E. Each is read here as the digits it holds; the values
# agree with the aerodromes' published reference points (Belgian and Luxembourg AIPs).
_DMS_WRITTEN_AS_DECIMAL = frozenset(
    ["EBBR", "EBMB", "EBCI", "EBAW", "EBLG", "EBOS", "EBKT", "ELLX"]
)


def _from_dms_digits(value: float) -> float:
    """50.5405 read as 50°54'05"."""
    sign = -1 if value < 0 else 1
    degrees, rest = divmod(round(abs(value) * 10_000), 10_000)
    minutes, seconds = divmod(rest, 100)
    return sign * (degrees + minutes / 60 + seconds / 3600)


def _airports() -> Iterator[Airport]:
    """Every aerodrome airportsdata lists, its misplaced ones put back; a short or
    malformed row is skipped."""
    path = resources.files("airportsdata").joinpath("airports.csv")
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        head = next(rows)
        cols = [head.index(c) for c in ("icao", "iata", "name", "city", "country", "lat", "lon")]
        for row in rows:
            try:
                icao, iata, name, city, country, lat, lon = (row[i] for i in cols)
                at = (float(lat), float(lon))
            except (IndexError, ValueError):
                continue
            if icao in _DMS_WRITTEN_AS_DECIMAL:
                at = (_from_dms_digits(at[0]), _from_dms_digits(at[1]))
            yield Airport(icao, iata, name, city, country, *at)


def index_rows() -> Iterator[tuple[str, str, str, str, str, str, str, float, float]]:
    """Rows for the gazetteer's index (read once per installed version): each aerodrome by
    the distinctive words of its name ("name"), also without the city's name in front
    ("Tokyo Haneda" is "haneda" too), and each public one by the city it serves ("city").
    Columns: key, by, icao, iata, name, city, country, lat, lon."""
    for airport in _airports():
        key = core(airport.name)
        if not key:
            continue
        port = astuple(airport)
        yield (key, "name", *port)
        # "Cayenne / Rochambeau": an airport may serve a city and the place it stands in
        city = airport.city
        towns = {fold(city)} | {fold(part) for part in city.split("/")} - {""}
        for town in sorted(towns):
            if key.startswith(town + " "):
                yield (key[len(town) + 1 :], "name", *port)
            if airport.iata:
                yield (town, "city", *port)
        # "Martinique Aime Cesaire", "Bukavu Kavumu", "Abu Dhabi-Al Dhafra AB": the place
        # in front is not always the city it lists; reports write "Aimé Césaire
        # International Airport", "Kavumu airport", "Al Dhafra Air Base"
        words = key.split()
        for n in (1, 2):
            rest = " ".join(words[n:])
            if len(words) > n and len(rest) >= SUFFIX_MIN and rest not in towns:
                yield (rest, "name", *port)


SUFFIX_MIN = 5  # a shorter rest of a name ("al", "san") says too little
TOWN_KM = 30.0  # the only public airport this near a town is the one its name gives


def town_airport(name: str, near: tuple[float, float]) -> Airport | None:
    """ "Naypyitaw International Airport", which airportsdata lists under another spelling
    ("Naypyidaw Airport", serving Pyinmana): the one public airport near the town the name
    opens with, tried when no name matched. None for an air base, or with two near."""
    if _military(name):
        return None
    found = [p for p in _public_airports() if km_between(p.lat, p.lon, *near) <= TOWN_KM]
    return found[0] if len(found) == 1 else None


@cache
def _public_airports() -> tuple[Airport, ...]:
    """Every aerodrome with an IATA code (a public airport), read only when a name matched
    none: the last way to find "<town> International Airport"."""
    return tuple(p for p in _airports() if p.iata and not p.military)


class AirportIndex(Protocol):
    def airports(self, key: str) -> list[tuple[str, Airport]]: ...


def find_airport(
    index: AirportIndex, name: str, near: tuple[float, float] | None, countries: set[str]
) -> Airport | None:
    """The aerodrome a site name means: `near` is the (lat, lon) of the town the text puts
    it in or names in it, `countries` those the report names. None when no aerodrome of
    that name is near that town or in those countries, or several far apart are."""
    key = core(name)
    if not key:
        return None

    def where(found: list[Airport]) -> list[Airport]:
        if near is not None:
            return [p for p in found if km_between(p.lat, p.lon, *near) <= NEAR_KM]
        return [p for p in found if p.country in countries] if countries else found

    rows = index.airports(key)
    # by its own name, else by the town it serves ("Athens International Airport": a US
    # "Athens Municipal Airport" is no reason to miss the one serving Athens, Greece)
    found = where([p for by, p in rows if by == "name"]) or where(
        [p for by, p in rows if by == "city"]
    )
    words = key.split()
    for i in range(1, len(words)):
        if found:
            break
        # "Kyiv Boryspil airport": the town, then the airport's own name
        found = where([p for by, p in index.airports(" ".join(words[i:])) if by == "name"])
    for i in range(len(words) - 1, 0, -1):
        if found:
            break
        # "Mutiara SIS Al-Jufri Airport", airportsdata's "Mutiara Airport" under the name
        # added to it since; "Cayenne-Félix Eboué airport", under a newer name than
        # airportsdata's: the airport of the town its name begins with
        rows = index.airports(" ".join(words[:i]))
        found = where([p for by, p in rows if by == "name"]) or where(
            [p for by, p in rows if by == "city"]
        )
    if not found:
        return None
    military = _military(name)
    found.sort(
        key=lambda p: (
            p.military != military,
            not p.iata,
            "international" not in p.name.lower(),
            km_between(p.lat, p.lon, *near) if near else 0.0,
        )
    )
    best = found[0]
    if near is None and any(km_between(p.lat, p.lon, best.lat, best.lon) > NEAR_KM for p in found):
        return None  # "Aurora Municipal Airport": several, far apart, and nothing says which
    return best
