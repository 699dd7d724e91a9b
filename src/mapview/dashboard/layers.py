"""The map layers: an offline base map, the places drawn in their own geometry, incidents.

Untrusted article text reaches the browser only as JSON data (through Jinja's `tojson`,
which escapes `<`, `>`, `&` and quotes) and is put on the page with `textContent`, never
as HTML, so no title or quote can run script or break out of the map's code.
All coordinates enter Leaflet through `latlng()`: the one place [lon, lat] becomes [lat, lon].
"""

from __future__ import annotations

import json
from typing import Any

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from mapview.dashboard import assets
from mapview.dashboard.settings import TileSource
from mapview.dashboard.view import View, date_label
from mapview.data.dataset import Dataset
from mapview.data.incidents import CATEGORIES, STATUSES

# Above this many incidents in a dataset, popups carry a summary and the passages stay in
# the side panel: full quotes for 10,000 markers would make the data file several times larger.
FULL_POPUP_LIMIT = 500
# Up to this many incidents in the part of the map on screen, each is its own marker
# (clustered); above it, each place is one marker with its count until the reader zooms
# in. Building 100,000 markers took 1.2 s and 125 MB in the browser for 400 places.
DETAIL_LIMIT = 3000
MAX_ZOOM = 18
FOCUS_ZOOM = 9  # close enough that distinct places split, far enough to see the region
FRAME_MAX_ZOOM = 9  # opening on a single place still shows the region around it

STATUS_STYLE: dict[str, dict[str, Any]] = {
    "confirmed": {"fillOpacity": 0.95, "weight": 2, "dashArray": None},
    "reported": {"fillOpacity": 0.65, "weight": 2, "dashArray": None},
    "claimed": {"fillOpacity": 0.12, "weight": 3, "dashArray": None},
    "unverified": {"fillOpacity": 0.12, "weight": 3, "dashArray": "4 4"},
    "denied": {"fillOpacity": 0.0, "weight": 2, "dashArray": "1 5"},
    "unreviewed": {"fillOpacity": 0.35, "weight": 1, "dashArray": "2 3"},
}
STATUS_LABEL = {
    "confirmed": "solid",
    "reported": "filled",
    "claimed": "hollow",
    "unverified": "hollow, dashed",
    "denied": "open, dotted",
    "unreviewed": "light, fine dashes",
}


def latlng(lon: float, lat: float) -> list[float]:
    """GeoJSON [lon, lat] to Leaflet [lat, lon]; every swap goes through here."""
    return [round(lat, 6), round(lon, 6)]


STYLE_KEYS = [(cat, status) for cat in CATEGORIES for status in STATUS_STYLE]
STYLE_INDEX = {key: n for n, key in enumerate(STYLE_KEYS)}


def marker_styles() -> list[dict[str, Any]]:
    """One Leaflet path style per (category, status); markers refer to them by index."""
    return [
        {
            "color": CATEGORIES[cat][1],
            "fillColor": CATEGORIES[cat][1],
            "radius": 8,
            **STATUS_STYLE[status],
        }
        for cat, status in STYLE_KEYS
    ]


class VectorBasemap(MacroElement):
    """Land, borders and coasts from Natural Earth, fetched once from the app's static files.

    Loaded by URL rather than inlined, so the browser caches it and it is not resent on
    every rerun. It sits in a pane below the tiles: when tiles load they cover it, when
    they cannot load (offline) it is the map.
    """

    _template = Template(
        """
{% macro header(this, kwargs) %}
<style>
  .leaflet-container { background: {{ this.sea }}; }
  .mapview-legend { background: rgba(255,255,255,.92); padding: 6px 8px; font: 11px/1.35 sans-serif;
                    border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); max-width: 240px; }
  .mapview-legend i { display:inline-block; width:12px; height:12px; border-radius:50%;
                      margin-right:5px; vertical-align:middle; border:2px solid; box-sizing:border-box; }
  .mapview-popup h4 { margin: 0 0 4px; font-size: 14px; }
  .mapview-popup .meta { color: #444; font-size: 12px; margin-bottom: 4px; }
  .mapview-popup blockquote { margin: 4px 0; padding-left: 6px; border-left: 3px solid #bbb;
                              font-size: 12px; max-height: 160px; overflow: auto; }
  .mapview-count { display: flex; align-items: center; justify-content: center; border-radius: 50%;
                   background: rgba(38,38,38,.82); color: #fff; border: 2px solid #fff;
                   font: bold 11px sans-serif; box-shadow: 0 1px 3px rgba(0,0,0,.4); }
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function (map) {
  var pane = map.createPane("mapview-basemap");
  pane.style.zIndex = 150;
  pane.style.pointerEvents = "none";
  // Fetched once the incidents are drawn: they are what the reader came for, and parsing
  // and drawing the world's borders would otherwise hold them up by a few hundred ms.
  window.mapviewFirstDraw
    .then(function () { return window.mapviewFetchJSON({{ this.url|tojson }}); })
    .then(function (data) {
      L.geoJSON(data, {pane: "mapview-basemap", interactive: false, style: {{ this.style|tojson }}})
        .addTo(map);
      map.getContainer().setAttribute("data-basemap", "loaded");
    })
    .catch(function (err) { map.getContainer().setAttribute("data-basemap", "failed"); console.error(err); });
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(
        self,
        url: str = assets.BASEMAP_URL,
        land: str = "#f4f1ea",
        border: str = "#8c8c8c",
        sea: str = "#c9dde9",
    ) -> None:
        super().__init__()
        self._name = "VectorBasemap"
        self.url = url
        self.sea = sea
        self.style = {"color": border, "weight": 0.8, "fillColor": land, "fillOpacity": 1}


class Legend(MacroElement):
    """Category colours and status styles, built with DOM text nodes."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map) {
  var legend = L.control({position: "bottomright"});
  legend.onAdd = function () {
    var div = L.DomUtil.create("details", "mapview-legend");
    div.open = map.getSize().x > 700;
    var summary = document.createElement("summary"); summary.textContent = "Legend";
    div.appendChild(summary);
    var title = document.createElement("b"); title.textContent = "Category"; div.appendChild(title);
    {{ this.categories|tojson }}.forEach(function (c) {
      var row = document.createElement("div"); var dot = document.createElement("i");
      dot.style.background = c[1]; dot.style.borderColor = c[1]; row.appendChild(dot);
      row.appendChild(document.createTextNode(c[0])); div.appendChild(row);
    });
    var t2 = document.createElement("b"); t2.textContent = "Status"; div.appendChild(t2);
    {{ this.statuses|tojson }}.forEach(function (s) {
      var row = document.createElement("div"); row.textContent = s; div.appendChild(row);
    });
    var t3 = document.createElement("b"); t3.textContent = "Crowded places"; div.appendChild(t3);
    var row = document.createElement("div");
    row.textContent = "dark disc with a number: that many incidents at one place; zoom in "
      + "or click it to see each";
    div.appendChild(row);
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  legend.addTo(map);
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Legend"
        self.categories = [[label, colour] for label, colour in CATEGORIES.values()]
        self.statuses = [f"{s}: {STATUS_LABEL[s]}" for s in STATUSES]


def map_payload(dataset: Dataset) -> dict[str, Any]:
    """What the map needs to filter and draw every incident: small columns of numbers.

    Fetched once per page and filtered there, so each rerun sends only the view. Titles,
    dates as words, sources and quotes are in `detail_payload`, fetched after the first
    draw: at 100,000 incidents they are three quarters of the bytes, and nobody reads a
    popup before the map is on screen.
    """
    incidents = dataset.incidents  # the details file follows the same order
    places = sorted(dataset.places)
    articles = sorted(dataset.articles)
    place_idx = {p: n for n, p in enumerate(places)}
    article_idx = {a: n for n, a in enumerate(articles)}
    anchors = [latlng(*dataset.places[p].anchor) for p in places]
    shapes = []
    for pid in places:
        place = dataset.places[pid]
        if place.geometry.geom_type != "Point":
            feature = place.to_feature(decimals=4)
            feature["properties"] = {"place": pid, "name": place.name, "pl": place_idx[pid]}
            shapes.append(feature)
    return {
        "id": [i.id for i in incidents],
        "pl": [place_idx[i.place] for i in incidents],
        "style": [STYLE_INDEX[(i.category, i.status)] for i in incidents],
        "t0": [i.date_start.toordinal() for i in incidents],
        "t1": [i.date_end.toordinal() for i in incidents],
        "art": [article_idx[i.article] for i in incidents],
        "articles": articles,
        "places": {
            "id": places,
            "name": [dataset.places[p].name for p in places],
            "lat": [a[0] for a in anchors],
            "lng": [a[1] for a in anchors],
        },
        "shapes": {"type": "FeatureCollection", "features": shapes},
    }


def detail_payload(dataset: Dataset) -> dict[str, Any]:
    """What popups and tooltips show, in `map_payload`'s order (the dataset's)."""
    incidents = dataset.incidents
    sources = sorted({i.source for i in incidents})
    articles = sorted(dataset.articles)
    source_idx = {s: n for n, s in enumerate(sources)}
    data: dict[str, Any] = {
        "title": [i.title for i in incidents],
        "when": [date_label(i) for i in incidents],
        "src": [source_idx[i.source] for i in incidents],
        "source": sources,
        "report": [
            f"{a.publisher}, {a.published.isoformat()}: {a.title}"
            for a in (dataset.articles[x] for x in articles)
        ],
    }
    if len(incidents) <= FULL_POPUP_LIMIT:
        data["quotes"] = [[[p.paragraph, p.text] for p in i.passages] for i in incidents]
    return data


class IncidentCode(JSCSSMixin, MacroElement):
    """The map's code (Leaflet, MarkerCluster, the incident layer) and constant styles,
    loaded once with the base map.

    The code is one static file (`assets.map_bundle`) whose URL names the dataset's
    incident data, so the data is on its way before the map is built. The layer
    (js/incidents.js) is called again on every rerun with only the view; see `view_script`.
    """

    default_css = assets.CLUSTER_CSS
    _template = Template(
        """
{% macro script(this, kwargs) %}
window.mapviewStyles = {{ this.styles|tojson }};
window.mapviewStyleStatus = {{ this.style_status|tojson }};
{% endmacro %}
"""
    )

    def __init__(self, data_url: str | None = None) -> None:
        super().__init__()
        self._name = "IncidentCode"
        self.default_js = [("mapview_map", assets.map_js(data_url or ""))]
        self.styles = marker_styles()
        self.style_status = [status for _, status in STYLE_KEYS]


def layer_view(
    data_url: str,
    view: View,
    focus: str | None = None,
    pan: bool = False,
    details_url: str | None = None,
) -> dict[str, Any]:
    """What one rerun tells the incident layer: the data's URLs and the view to draw."""
    return {
        "url": data_url,
        "details": details_url,
        "detailLimit": DETAIL_LIMIT,
        "start": view.start.toordinal(),
        "end": view.end.toordinal(),
        "styles": [
            n
            for n, (cat, status) in enumerate(STYLE_KEYS)
            if cat in view.categories and status in view.statuses
        ],
        "articles": sorted(view.articles),
        "focus": focus,
        "pan": pan and focus is not None,
        "focusZoom": FOCUS_ZOOM,
        "frameMaxZoom": FRAME_MAX_ZOOM,
        "area": {"color": "#b03a2e", "weight": 2, "fillColor": "#e6b0aa", "fillOpacity": 0.35},
        "line": {"color": "#1a5276", "weight": 6, "opacity": 0.85},
    }


def _js_json(value: Any) -> str:
    """JSON safe inside a script: no '</script>' or HTML comment can close or open it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def view_script(view: dict[str, Any]) -> str:
    """The feature group streamlit-folium swaps in on each rerun, written directly.

    Same shape as the one `st_folium` renders from a folium FeatureGroup (the names its
    frontend looks for), without building and rendering a folium element tree per rerun.
    """
    return (
        "var feature_group_feature_group_0 = L.featureGroup({});\n"
        f"window.mapviewIncidentLayer(feature_group_feature_group_0, map_div, {_js_json(view)});\n"
        "map_div.addLayer(feature_group_feature_group_0);\n"
        "window.feature_group = window.feature_group || [];\n"
        "window.feature_group.push(feature_group_feature_group_0);\n"
    )


def bounds(dataset: Dataset) -> list[list[float]] | None:
    """[[south, west], [north, east]] around the places that have incidents."""
    if dataset.extent is None:
        return None
    w, s, e, n = dataset.extent
    return [latlng(w, s), latlng(e, n)]


def base_map(
    dataset: Dataset, *, tiles: TileSource | None = None, data_url: str | None = None
) -> folium.Map:
    """The part of the map that never changes with filters: built once, kept across reruns."""
    m = folium.Map(
        location=[50, 35],
        zoom_start=4,
        tiles=None,
        max_zoom=MAX_ZOOM,
        min_zoom=2,
        prefer_canvas=True,
        control_scale=True,
        world_copy_jump=True,
    )
    m.options["max_zoom"] = MAX_ZOOM  # markercluster needs it even when no tile layer sets it
    m.options["min_zoom"] = 2
    # folium's CDN links (Leaflet, jQuery, Bootstrap, Font Awesome) give way to files the app
    # serves; nothing here uses jQuery, Bootstrap or Font Awesome icons.
    m.default_js = []  # Leaflet comes in the map's one bundle (IncidentCode)
    m.default_css = assets.LEAFLET_CSS
    VectorBasemap().add_to(m)
    if tiles is not None:  # only when the server's operator chose it (MAPVIEW_TILES)
        folium.TileLayer(tiles.url, max_zoom=MAX_ZOOM, attr=tiles.attribution).add_to(m)
    Legend().add_to(m)
    IncidentCode(data_url).add_to(m)
    box = bounds(dataset)
    if box:
        m.fit_bounds(box, padding=(20, 20))
    return m
