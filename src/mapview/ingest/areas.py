"""Areas for first-level regions (oblast, province, state, governorate), derived honestly.

No package on the registries ships admin-1 polygons (Natural Earth's admin-1 file is not
packaged), so a region's area is derived from what is shipped: every GeoNames place of
500+ people in the country carries its region's code. Each place gets the part of the
country nearer to it than to any other place (a Voronoi cell), the cells are clipped to the
Natural Earth country outline, and the cells of the region's places are merged. The edge
between two regions is therefore off by about half the spacing between villages (a few km
where villages are dense, tens of km in deserts); every derived area says so in its source.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from mapview.data.naturalearth import country_shapes
from mapview.ingest.gazetteer import TERRITORIES, WHOLE_TERRITORY, Gazetteer

METHOD = (
    "Derived area: Voronoi cells of the GeoNames places (500+ people) coded to this region, "
    "clipped to the Natural Earth 1:10m country outline; edges are approximate to the spacing "
    "of settlements, not an administrative boundary."
)


WINDOW_ABOVE = 5000  # places in a country above which only those around the region count


def _cells(gazetteer: Gazetteer, country: str, admin1: str) -> list[BaseGeometry]:
    """Voronoi cells of the region's places, computed among the places around it only (a
    cell depends on its neighbours, not on places a region away), which keeps Russia or the
    United States as quick as Lebanon. Arrays throughout: a country has up to 60,000."""
    xy, codes = _seeds(gazetteer, country)
    if len(xy) < 2:
        return []
    own = xy[codes == admin1]
    if not len(own) or len(xy) < 2:
        return []
    (w, s), (e, n) = own.min(axis=0), own.max(axis=0)
    margin = max(3.0, 0.5 * max(e - w, n - s))
    w, s, e, n = w - margin, s - margin, e + margin, n + margin
    if len(xy) > WINDOW_ABOVE:  # dense countries: only the places around the region
        inside = (xy[:, 0] >= w) & (xy[:, 0] <= e) & (xy[:, 1] >= s) & (xy[:, 1] <= n)
        xy, codes = xy[inside], codes[inside]
    points = shapely.multipoints(xy)
    frame = shapely.box(w, s, e, n).buffer(1.0)
    cells = shapely.voronoi_polygons(points, extend_to=frame, ordered=True)
    return [c for c, code in zip(cells.geoms, codes, strict=True) if code == admin1]


_SEEDS: dict[tuple[int, str], tuple[np.ndarray, np.ndarray]] = {}


def _seeds(gazetteer: Gazetteer, country: str) -> tuple[np.ndarray, np.ndarray]:
    """A country's places as one seed per spot (lon, lat) with its region code, kept for
    the next region of the same country."""
    key = (id(gazetteer.con), country)
    if key not in _SEEDS:
        if len(_SEEDS) > 16:
            _SEEDS.clear()
        rows = gazetteer.country_places(country)
        xy = np.round(np.array([(lon, lat) for lon, lat, _ in rows]).reshape(-1, 2), 4)
        codes = np.array([code for _, _, code in rows], dtype=object)
        xy, first = np.unique(xy, axis=0, return_index=True)
        _SEEDS[key] = (xy, codes[first])
    return _SEEDS[key]


_AREAS: dict[tuple[int, str, str], BaseGeometry | None] = {}


def region_area(gazetteer: Gazetteer, country: str, admin1: str) -> BaseGeometry | None:
    """The derived area of one region, simplified to about 1 km; None if none can be made.

    Deriving one takes 5-50 ms; each is kept beside the gazetteer's index once derived
    (`<index>-areas.sqlite`, tied to the index's version), so a region is derived once per
    installation, not once per report."""
    key = (id(gazetteer.con), country, admin1)
    if key not in _AREAS:
        if len(_AREAS) > 256:
            _AREAS.clear()
        found, area = _stored(gazetteer, country, admin1)
        if not found:
            area = _derive(gazetteer, country, admin1)
            _store(gazetteer, country, admin1, area)
        _AREAS[key] = area
    return _AREAS[key]


_STORES: dict[Path, sqlite3.Connection | None] = {}


def _store_con(gazetteer: Gazetteer) -> sqlite3.Connection | None:
    """The areas file beside the index; None where it cannot be opened (a read-only
    cache folder): areas are then derived each time, nothing fails."""
    if gazetteer.path is None:
        return None
    path = gazetteer.path.with_name(gazetteer.path.stem + "-areas.sqlite")
    if path not in _STORES:
        try:
            con = sqlite3.connect(path, timeout=10, check_same_thread=False)
            con.execute(
                "CREATE TABLE IF NOT EXISTS area (country TEXT, admin1 TEXT, wkb BLOB, "
                "PRIMARY KEY (country, admin1))"
            )
            con.commit()
            _STORES[path] = con
        except sqlite3.Error:
            _STORES[path] = None
    return _STORES[path]


def _stored(gazetteer: Gazetteer, country: str, admin1: str) -> tuple[bool, BaseGeometry | None]:
    con = _store_con(gazetteer)
    if con is None:
        return False, None
    try:
        row = con.execute(
            "SELECT wkb FROM area WHERE country = ? AND admin1 = ?", (country, admin1)
        ).fetchone()
    except sqlite3.Error:
        return False, None
    if row is None:
        return False, None
    return True, (shapely.from_wkb(row[0]) if row[0] is not None else None)


def _store(gazetteer: Gazetteer, country: str, admin1: str, area: BaseGeometry | None) -> None:
    con = _store_con(gazetteer)
    if con is None:
        return
    try:
        wkb = shapely.to_wkb(area) if area is not None else None
        con.execute("INSERT OR REPLACE INTO area VALUES (?, ?, ?)", (country, admin1, wkb))
        con.commit()
    except sqlite3.Error:
        pass  # another writer holds it: derived again next time


def _territory(gazetteer: Gazetteer, country: str) -> BaseGeometry | None:
    """A territory's own Natural Earth outline, or (an overseas department Natural Earth
    draws inside France) the part of its parent's outline around its towns."""
    shapes = country_shapes()
    outline = shapes.get(country)
    if outline is None:
        parent = shapes.get(TERRITORIES.get(country, ""))
        xy, _ = _seeds(gazetteer, country)
        if parent is None or not len(xy):
            return None
        (w, s), (e, n) = xy.min(axis=0), xy.max(axis=0)
        margin = TERRITORY_MARGIN_DEG
        outline = shapely.intersection(
            parent, shapely.box(w - margin, s - margin, e + margin, n + margin)
        )
    area = shapely.set_precision(outline.simplify(0.01), 1e-4)
    return area if area.geom_type in ("Polygon", "MultiPolygon") and not area.is_empty else None


TERRITORY_MARGIN_DEG = 0.2  # around a department's towns: its coast, not the next island


def _derive(gazetteer: Gazetteer, country: str, admin1: str) -> BaseGeometry | None:
    if admin1 == WHOLE_TERRITORY:
        return _territory(gazetteer, country)
    mine = _cells(gazetteer, country, admin1)
    if not mine:
        return None
    area = shapely.coverage_union_all(mine)  # cells of one diagram share their edges
    outline = country_shapes().get(country)
    if outline is not None:  # clip once, after the merge: the outline is large
        area = shapely.intersection(area, outline)
    area = shapely.set_precision(area.simplify(0.01), 1e-4)
    if area.geom_type == "GeometryCollection":
        polys = [g for g in area.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
        area = shapely.union_all(polys)
    if area.is_empty or area.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    return area
