"""The review page's map: a draft incident's place, its rival namesakes, a dropped point.

The reviewer sees where the resolver put the incident and where the other places of that
name are, numbered as in the form's list; a click on a number picks that place, and a
click anywhere else puts a new point there for a place the gazetteer lacks. The map is
offline like the dashboard's (the app's own Leaflet and basemap, js/review.js) and is
drawn only for the incident a reviewer opens it on: a draft of twenty incidents would
otherwise start twenty maps, each reading the world's borders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from mapview.dashboard import assets, layers
from mapview.dashboard.layers import FRAME_MAX_ZOOM, offline_map
from mapview.dashboard.settings import TileSource
from mapview.data.incidents import Incident
from mapview.ingest.review import DraftView, is_current, option_label

# What the page asks streamlit-folium to send back: a marker's GeoJSON with the click
# counter (to tell a second click on the same marker from a rerun), and a click on the map.
RETURNED = ["last_active_drawing", "last_object_clicked_count", "last_clicked"]
STYLE = {
    "place": {"color": "#b03a2e", "weight": 3, "fillColor": "#e6b0aa", "fillOpacity": 0.35},
    "placePoint": {"radius": 13, "color": "#b03a2e", "weight": 3, "fillOpacity": 0.15},
    "dropped": {"radius": 8, "color": "#1a5276", "weight": 3, "fillColor": "#5dade2",
                "fillOpacity": 0.9},
}  # fmt: skip


class ReviewCode(JSCSSMixin, MacroElement):
    """The map's code (the app's one bundle, js/review.js among it) and its styles."""

    _template = Template(
        """
{% macro header(this, kwargs) %}
<style>
  #map_div { height: 100vh !important; }
  .mapview-option { display: flex; align-items: center; justify-content: center;
                    border-radius: 50%; background: #fff; color: #222; border: 2px solid #555;
                    font: bold 12px sans-serif; box-shadow: 0 1px 3px rgba(0,0,0,.4); }
  .mapview-option-current { background: #b03a2e; color: #fff; border-color: #fff; }
</style>
{% endmacro %}
"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "ReviewCode"
        self.default_js = [("mapview_map", assets.map_js(""))]


def map_data(
    view: DraftView, incident: Incident, point: tuple[float, float] | None = None
) -> dict[str, Any]:
    """What js/review.js draws, as GeoJSON ([lon, lat]); `point` is (lat, lon) as clicked."""
    place = view.place(incident.place)
    now = None
    if place is not None:
        now = place.to_feature(decimals=5)
        now["properties"] = {"name": place.name}
    options = [
        {
            "type": "Feature",
            "properties": {
                "option": k,
                "n": k + 1,
                "label": option_label(o),
                "current": is_current(view, incident, o),
            },
            "geometry": {"type": "Point", "coordinates": [o["lon"], o["lat"]]},
        }
        for k, o in enumerate(view.options.get(incident.place, []))
    ]
    dropped = None
    if point is not None:
        lat, lon = point
        dropped = {"type": "Feature", "properties": {},
                   "geometry": {"type": "Point", "coordinates": [lon, lat]}}  # fmt: skip
    # The map frames itself anew only when what it shows changes, not for a dropped point:
    # a reviewer who zoomed in to put it keeps the zoom.
    frame = [incident.place, len(options)]
    return {
        "frame": frame,
        "place": now,
        "options": {"type": "FeatureCollection", "features": options},
        "point": dropped,
        "style": STYLE,
        "maxZoom": FRAME_MAX_ZOOM,
    }


def review_base(tiles: TileSource | None = None) -> folium.Map:
    """The part of every review map that never changes: rendered once (mapframe.py), so
    a rerun swaps only the layer and the frame keeps its component, zoom and position."""
    m = offline_map(tiles, after_first_draw=False, location=[30, 20], zoom_start=2, min_zoom=1)
    ReviewCode().add_to(m)
    return m


def layer_script(data: dict[str, Any]) -> str:
    """The review layer's script for one rerun (js/review.js draws it)."""
    return layers.layer_script("mapviewReviewLayer", data)


@dataclass(frozen=True)
class MapPick:
    """What the reviewer did on the map: picked a numbered namesake, or dropped a point."""

    option: int | None = None
    point: tuple[float, float] | None = None  # (lat, lon)


def read_pick(returned: dict[str, Any] | None, seen: dict[str, Any]) -> MapPick | None:
    """The reviewer's new act on the map, if any; `seen` remembers the last one handled.

    streamlit-folium sends its last click again on every rerun, so only a value that has
    changed since the last run is an act: a new click counter with a marker's GeoJSON is
    a pick, a new clicked position is a point.
    """
    if not returned:
        return None
    count = returned.get("last_object_clicked_count")
    clicked = returned.get("last_clicked")
    pick = None
    if count != seen.get("count"):
        drawing = returned.get("last_active_drawing") or {}
        option = (drawing.get("properties") or {}).get("option")
        if isinstance(option, int) and not isinstance(option, bool) and option >= 0:
            pick = MapPick(option=option)
    if pick is None and clicked and clicked != seen.get("clicked"):
        lat, lon = clicked.get("lat"), clicked.get("lng")
        if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
            lon = (lon + 180) % 360 - 180  # a world copied sideways is still the one world
            if -90 <= lat <= 90:
                pick = MapPick(point=(round(lat, 5), round(lon, 5)))
    seen["count"], seen["clicked"] = count, clicked
    return pick
