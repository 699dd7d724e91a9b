"""Places and the gazetteer: where each thing a report names really is, and why we think so.

A place keeps the geometry that fits it (a village is a point, a bridge a line, a border
region an area) and the citation for its coordinates, because an analyst who doubts a
marker must be able to check it. Coordinates are GeoJSON order, [lon, lat], everywhere.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Literal

import shapely
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from mapview.data.article import SLUG, pydantic_problems
from mapview.data.errors import DataError, Problem, display_path
from mapview.data.storage import dump_feature_collection, read_json, write_atomic

PlaceKind = Literal[
    "country", "region", "city", "town", "village", "landmark", "infrastructure", "area"
]
GEOMETRY_TYPES = {"Point", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}

# How precisely a place's geometry says where something happened, coarsest last. A point
# that stands for a whole city, region or country says much less than a point on a
# building; readers must be able to see the difference on the map.
LocationPrecision = Literal["point", "city", "region", "line", "area"]
LOCATION_PRECISION: dict[str, str] = {
    "point": "a point: the spot the report names (a village, a site, a building)",
    "city": "a city as one point: somewhere in or near it (dashed ring)",
    "region": "a region or country as one point: anywhere in it (wide dotted ring)",
    "line": "along a line (a bridge, a road): anywhere on it",
    "area": "an area: somewhere inside it, shaded, with a count",
}


class Place(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    id: str = Field(pattern=SLUG)
    name: str = Field(min_length=1)
    kind: PlaceKind
    country: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    geonames_id: int | None = None
    source: str = Field(min_length=1)
    note: str = ""
    # A site no gazetteer has, drawn at the point of the place the report puts it in
    # ("the Aguaruto prison" at Culiacán): that place's name. Drawn as somewhere near it.
    located_at: str | None = None
    geometry: BaseGeometry

    @property
    def anchor(self) -> tuple[float, float]:
        """(lon, lat) where this place's incident markers sit: on the line, inside the area."""
        geom = self.geometry
        if geom.geom_type == "Point":
            return (geom.x, geom.y)
        if geom.geom_type in ("LineString", "MultiLineString"):
            p = geom.interpolate(0.5, normalized=True)
            return (p.x, p.y)
        # The area's visual centre (the inside point farthest from its edge), where its
        # count badge reads as belonging to the whole area rather than to a spot near
        # its rim, which is where representative_point() tends to land.
        if geom.geom_type == "MultiPolygon":
            geom = max(geom.geoms, key=lambda g: g.area)
        if geom.geom_type == "Polygon":
            w, s, e, n = geom.bounds
            p = polylabel(geom, tolerance=max(e - w, n - s) / 200)
        else:
            p = geom.representative_point()
        return (p.x, p.y)

    @property
    def precision(self) -> LocationPrecision:
        """How much the geometry tells: see LOCATION_PRECISION."""
        kind = self.geometry.geom_type
        if kind in ("LineString", "MultiLineString"):
            return "line"
        if kind != "Point":
            return "area"
        if self.kind == "city" or self.located_at:
            return "city"
        if self.kind in ("region", "country", "area"):
            return "region"
        return "point"

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]

    def to_feature(self, decimals: int = 7) -> dict[str, Any]:
        props = self.model_dump(mode="json", exclude={"geometry", "id"}, exclude_none=True)
        geom = shapely.set_precision(self.geometry, 10**-decimals) if decimals else self.geometry
        return {"type": "Feature", "id": self.id, "properties": props, "geometry": mapping(geom)}


def position_text(lat: float, lon: float, digits: int = 5) -> str:
    """A position as a reader writes it: "32.88700 N 13.18700 E", "42.808 N 92.258 W"."""
    return (
        f"{abs(lat):.{digits}f} {'N' if lat >= 0 else 'S'} "
        f"{abs(lon):.{digits}f} {'E' if lon >= 0 else 'W'}"
    )


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of the Earth's mean radius: plenty exact for
    telling a namesake 700 km away from one in the next valley."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(h)))


def _coordinates(geom: BaseGeometry) -> list[tuple[float, float]]:
    return [tuple(c) for c in shapely.get_coordinates(geom).tolist()]  # type: ignore[misc]


def check_place(place: Place, file: str, countries: bool = True) -> list[Problem]:
    """Rules a coordinate must pass; the swap rule catches the commonest hand-entry mistake.

    `countries=False` skips only the check against country borders, for bytes that passed
    it before (see `dataset._load`): it needs the Natural Earth polygons, 60 MB in memory.
    """
    problems = []
    geom = place.geometry
    for lon, lat in _coordinates(geom):
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            msg = f"coordinate [{lon}, {lat}] is out of range (GeoJSON order is [lon, lat])"
            problems.append(Problem(file, place.id, "geometry", msg))
            return problems
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        problems.append(Problem(file, place.id, "geometry", f"invalid geometry: {reason}"))
        return problems
    if countries and place.country and geom.geom_type == "Point":
        from mapview.data.naturalearth import country_at, in_countries

        lon, lat = geom.x, geom.y
        if not in_countries(lon, lat, place.country):
            here = country_at(lon, lat)  # only to say where it is instead
            swapped = country_at(lat, lon) if -90 <= lon <= 90 else set()
            claimed = "/".join(place.country)
            if swapped & set(place.country):
                msg = (
                    f"[{lon}, {lat}] lies outside {claimed} but [{lat}, {lon}] lies inside: "
                    "latitude and longitude look swapped (GeoJSON order is [lon, lat])"
                )
            else:
                found = ", ".join(sorted(here)) or "no country"
                msg = f"[{lon}, {lat}] lies in {found}, not in {claimed}"
            problems.append(Problem(file, place.id, "geometry", msg))
    return problems


def _non_numbers(coords: Any) -> list[Any]:
    """Coordinate values that are not JSON numbers (shapely would quietly coerce "35.6")."""
    stack, found = [coords], []
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, bool) or not isinstance(item, int | float):
            found.append(item)
    return found


def place_from_feature(
    feature: Any, file: str, index: int, countries: bool = True
) -> tuple[Place | None, list[Problem]]:
    record = f"#{index}"
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return None, [Problem(file, record, None, "not a GeoJSON Feature")]
    record = str(feature.get("id") or record)
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
        kinds = ", ".join(sorted(GEOMETRY_TYPES))
        return None, [Problem(file, record, "geometry", f"must be one of {kinds}")]
    bad = _non_numbers(geometry.get("coordinates"))
    if bad:
        msg = f"coordinates must be numbers, found {bad[-1]!r} (GeoJSON order is [lon, lat])"
        return None, [Problem(file, record, "geometry", msg)]
    try:
        geom = shape(geometry)
    except Exception as exc:  # shapely raises several types for malformed coordinates
        return None, [Problem(file, record, "geometry", f"malformed coordinates: {exc}")]
    props = feature.get("properties")
    if not isinstance(props, dict):
        return None, [Problem(file, record, "properties", "must be an object")]
    try:
        place = Place.model_validate({**props, "id": feature.get("id"), "geometry": geom})
    except ValidationError as exc:
        return None, pydantic_problems(file, record, exc)
    return place, check_place(place, file, countries)


def load_places(path: Path, raw: bytes | None = None, countries: bool = True) -> dict[str, Place]:
    file = display_path(path)
    data = read_json(path, raw)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise DataError([Problem(file, None, None, "must be a GeoJSON FeatureCollection")])
    if "crs" in data:
        msg = "RFC 7946 GeoJSON has no 'crs' member: coordinates are always WGS84 [lon, lat]"
        raise DataError([Problem(file, None, "crs", msg)])
    places: dict[str, Place] = {}
    problems: list[Problem] = []
    for i, feature in enumerate(data.get("features") or []):
        place, found = place_from_feature(feature, file, i, countries)
        problems.extend(found)
        if place is None:
            continue
        if place.id in places:
            problems.append(Problem(file, place.id, "id", "duplicate place id"))
        places[place.id] = place
    if problems:
        raise DataError(problems)
    return places


def save_places(path: Path, places: dict[str, Place]) -> None:
    write_atomic(path, dump_feature_collection([p.to_feature() for p in places.values()]))
