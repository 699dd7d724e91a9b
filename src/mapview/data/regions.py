"""Border regions derived from real boundary data instead of drawn by eye.

No pip package here ships oblast polygons, so "the Belgorod border region" is derived:
the stretch of the Russia-Ukraine border that Belgorod oblast holds (selected by the
oblast's longitude span), buffered a fixed depth into Russia. The result is an honest
"border zone on the Russian side", and the recipe is stored beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from mapview.data.naturalearth import country_shapes


@dataclass(frozen=True)
class BorderZone:
    inside: str  # ISO alpha-2 of the country the zone lies in
    across: str  # ISO alpha-2 of the neighbour
    bbox: tuple[float, float, float, float]  # lon/lat window that selects the border stretch
    depth_km: float
    utm_epsg: int

    def describe(self) -> str:
        w, s, e, n = self.bbox
        return (
            f"Derived: the {self.inside}-{self.across} border line from Natural Earth "
            f"(intersection of the two country outlines) within lon {w}..{e}, lat {s}..{n}, "
            f"buffered {self.depth_km:g} km (in EPSG:{self.utm_epsg}) and clipped to "
            f"{self.inside}'s polygon."
        )


# Belgorod oblast borders Ukraine from the Kursk oblast tripoint (about 35.4 E) to the
# Voronezh oblast tripoint (about 38.3 E); these spans are read off GeoNames/OSM maps.
BELGOROD_BORDER = BorderZone("RU", "UA", (35.35, 49.85, 38.35, 51.05), 20.0, 32637)


def derive(zone: BorderZone, decimals: int = 4) -> BaseGeometry:
    shapes = country_shapes()
    inside, across = shapes[zone.inside], shapes[zone.across]
    border = shapely.intersection(inside.boundary, across.boundary)
    border = shapely.intersection(border, shapely.box(*zone.bbox))
    if border.is_empty:
        raise ValueError(f"{zone.inside} and {zone.across} share no border inside {zone.bbox}")
    to_utm = Transformer.from_crs(4326, zone.utm_epsg, always_xy=True).transform
    to_wgs = Transformer.from_crs(zone.utm_epsg, 4326, always_xy=True).transform
    metric = shapely.transform(border, to_utm, interleaved=False)
    buffered = shapely.transform(metric.buffer(zone.depth_km * 1000), to_wgs, interleaved=False)
    area = shapely.intersection(buffered, inside)
    area = shapely.set_precision(area.simplify(0.005), 10**-decimals)
    if area.geom_type == "GeometryCollection":
        area = shapely.MultiPolygon([g for g in area.geoms if g.geom_type == "Polygon"])
    return area
