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
from mapview.data.places import LOCATION_PRECISION

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

# Status is told by a symbol's shape and fill (js/symbols.js draws them), colour being the
# category's. These words are the only description of the symbols: the legend, the page's
# caption and the filters all use them.
STATUS_SYMBOL: dict[str, str] = {
    "confirmed": "filled disc",
    "reported": "half-filled disc",
    "claimed": "ring",
    "unverified": "dashed ring",
    "denied": "struck-through ring",
    "unreviewed": "dotted ring with a dot",
}
CONTESTED_SYMBOL = "dark outer ring"
CONTESTED_WORDS = f"{CONTESTED_SYMBOL}: contested, the sources give different accounts"
# Points standing for a city or a region get a dashed ring of about this radius (metres).
HALO_M = {"city": 8_000, "region": 60_000}


def status_key() -> str:
    """The symbols in one line, for the page: the legend's words, shortened."""
    return "; ".join(f"{words} = {status}" for status, words in STATUS_SYMBOL.items())


def latlng(lon: float, lat: float) -> list[float]:
    """GeoJSON [lon, lat] to Leaflet [lat, lon]; every swap goes through here."""
    return [round(lat, 6), round(lon, 6)]


STYLE_KEYS = [(cat, status) for cat in CATEGORIES for status in STATUS_SYMBOL]
STYLE_INDEX = {key: n for n, key in enumerate(STYLE_KEYS)}
PRECISIONS = list(LOCATION_PRECISION)
GEOM_CODE = {"point": 0, "city": 0, "region": 0, "line": 1, "area": 2}


def marker_styles() -> list[list[str]]:
    """[colour, status] per (category, status); markers refer to them by index."""
    return [[CATEGORIES[cat][1], status] for cat, status in STYLE_KEYS]


class VectorBasemap(MacroElement):
    """Land, borders and coasts from Natural Earth, fetched once from the app's static files.

    Loaded by URL rather than inlined, so the browser caches it and it is not resent on
    every rerun. It sits in a pane below the tiles: when tiles load they cover it, when
    they cannot load (offline) it is the map. Place names (js/labels.js, data from
    labels.py) follow it, so neither holds up the first incident draw.
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
  {% if this.after_first_draw %}window.mapviewFirstDraw{% else %}Promise.resolve(){% endif %}
    .then(function () { return window.mapviewFetchJSON({{ this.url|tojson }}); })
    .then(function (data) {
      L.geoJSON(data, {pane: "mapview-basemap", interactive: false, style: {{ this.style|tojson }}})
        .addTo(map);
      map.getContainer().setAttribute("data-basemap", "loaded");
    })
    .catch(function (err) { map.getContainer().setAttribute("data-basemap", "failed"); console.error(err); })
    // Names after the land they name; without the land they still say where the reader is.
    .then(function () { window.mapviewLabels(map, {{ this.labels_url|tojson }}); });
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(
        self,
        url: str = assets.BASEMAP_URL,
        labels_url: str = assets.LABELS_URL,
        land: str = "#f4f1ea",
        border: str = "#8c8c8c",
        sea: str = "#c9dde9",
        after_first_draw: bool = True,
    ) -> None:
        super().__init__()
        self._name = "VectorBasemap"
        # The dashboard's map waits for its incidents; a map without any (the review
        # page's) would wait for ever.
        self.after_first_draw = after_first_draw
        self.url = url
        self.labels_url = labels_url
        self.sea = sea
        self.style = {"color": border, "weight": 0.8, "fillColor": land, "fillOpacity": 1}


class MapControls(MacroElement):
    """The legend and the full-screen button (js/controls.js), and the styles of
    everything mapview draws on the map."""

    _template = Template(
        """
{% macro header(this, kwargs) %}
<style>
  /* The map fills its frame, whose height the page sets from the window (page.py). */
  #map_div { height: 100vh !important; min-height: 320px; }
  .mapview-legend { background: rgba(255,255,255,.94); padding: 6px 8px; font: 11px/1.35 sans-serif;
                    border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); max-width: 270px;
                    max-height: 70vh; overflow: auto; }
  .mapview-legend b { display: block; margin-top: 4px; }
  .mapview-legend-row { display: flex; align-items: center; gap: 5px; min-height: 20px; }
  .mapview-swatch { flex: 0 0 22px; display: inline-flex; justify-content: center; }
  .mapview-swatch i { display:inline-block; width:12px; height:12px; border-radius:50%;
                      border:2px solid; box-sizing:border-box; }
  .mapview-legend-badge { width: 22px; height: 16px; font-size: 9px !important; }
  .mapview-mk { background: none; border: none; }
  .mapview-mk:focus-visible, .mapview-count:focus-visible, .mapview-area-count:focus-visible,
  .marker-cluster:focus-visible { outline: 3px solid #1a73e8; outline-offset: 1px; border-radius: 50%; }
  .mapview-popup h4 { margin: 0 0 4px; font-size: 14px; }
  .mapview-popup .meta { color: #444; font-size: 12px; margin-bottom: 4px; }
  .mapview-status { display: flex; align-items: center; gap: 4px; }
  .mapview-accounts { border-top: 1px solid #ddd; margin: 4px 0; padding-top: 3px; font-size: 12px; }
  .mapview-account { margin: 2px 0 4px; }
  .mapview-popup blockquote { margin: 4px 0; padding-left: 6px; border-left: 3px solid #bbb;
                              font-size: 12px; max-height: 160px; overflow: auto; }
  .mapview-count, .mapview-area-count, .mapview-legend-badge { display: flex; align-items: center;
                   justify-content: center; font: bold 11px sans-serif; box-shadow: 0 1px 3px rgba(0,0,0,.4); }
  .mapview-count, .mapview-legend-count { border-radius: 50%; background: rgba(38,38,38,.82); color: #fff;
                   border: 2px solid #fff; }
  .mapview-area-count, .mapview-legend-area { border-radius: 9px; background: #fff; color: #7b241c;
                   border: 2px solid #b03a2e; }
  .mapview-fullscreen a { display: flex !important; align-items: center; justify-content: center; }
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
window.mapviewLegend({{ this._parent.get_name() }}, {{ this.spec|tojson }});
window.mapviewFullscreen({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "MapControls"
        self.spec = {
            "categories": [[label, colour] for label, colour in CATEGORIES.values()],
            "statuses": [[s, STATUS_SYMBOL[s], STATUSES[s]] for s in STATUSES],
            "contested": CONTESTED_WORDS,
            "locations": [[k, v] for k, v in LOCATION_PRECISION.items()],
            "areaBadge": "white badge on a line or area: its incidents in view; click to list",
            "crowded": "dark disc: that many incidents at one place; zoom in or click to see each",
        }


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
    precision = [dataset.places[p].precision for p in places]
    shapes = []
    for pid in places:
        place = dataset.places[pid]
        if place.geometry.geom_type != "Point":
            feature = place.to_feature(decimals=4)
            feature["properties"] = {"place": pid, "name": place.name, "pl": place_idx[pid]}
            shapes.append(feature)
    payload = {
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
            "geom": [GEOM_CODE[p] for p in precision],  # 0 point, 1 line, 2 area
            "prec": [PRECISIONS.index(p) for p in precision],
        },
        "precision": [LOCATION_PRECISION[p] for p in PRECISIONS],
        "shapes": {"type": "FeatureCollection", "features": shapes},
    }
    # Optional columns, sent only when some incident needs them: most datasets have
    # neither contested events nor actors, and 100,000 zeros are 200 KB of JSON.
    if any(i.accounts for i in incidents):
        payload["cx"] = [1 if i.contested else 0 for i in incidents]
    if dataset.actors:
        actor_idx = {a: n for n, a in enumerate(dataset.actors)}
        payload["actors"] = dataset.actors
        payload["act"] = [[actor_idx[a] for a in i.actors] for i in incidents]
    return payload


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
    if any(i.accounts for i in incidents):
        data["accounts"] = [[[a.source, a.status, a.says] for a in i.accounts] for i in incidents]
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
window.mapviewLayerConfig = {{ this.config|tojson }};
{% endmacro %}
"""
    )

    def __init__(self, data_url: str | None = None) -> None:
        super().__init__()
        self._name = "IncidentCode"
        self.default_js = [("mapview_map", assets.map_js(data_url or ""))]
        self.styles = marker_styles()
        self.config = LAYER_CONFIG


# What every view of the incident layer shares: sent once with the base map, not on
# every rerun (js/incidents.js merges it under each view).
LAYER_CONFIG: dict[str, Any] = {
    "detailLimit": DETAIL_LIMIT,
    "focusZoom": FOCUS_ZOOM,
    "frameMaxZoom": FRAME_MAX_ZOOM,
    "area": {"color": "#b03a2e", "weight": 2, "fillColor": "#e6b0aa", "fillOpacity": 0.35},
    "line": {"color": "#1a5276", "weight": 6, "opacity": 0.85},
    "focusShape": {"weight": 5, "fillOpacity": 0.55, "color": "#641e16"},
    "halo": [HALO_M.get(p, 0) for p in PRECISIONS],
    "haloStyle": {"color": "#555", "weight": 1, "dashArray": "4 4", "fillOpacity": 0.06},
}


def layer_view(
    data_url: str,
    view: View,
    focus: str | None = None,
    pan: bool = False,
    details_url: str | None = None,
    *,
    popup: bool = True,
    story: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What one rerun tells the incident layer: the data's URLs and the view to draw.

    `popup=False` when the selection came from a click on the map, which opened its own
    popup (the reader may have closed it since). `story` is a story step: its number and
    the [lat, lon] of the places its paragraph names, which the map flies to once.
    """
    return {
        "url": data_url,
        "details": details_url,
        "start": view.start.toordinal(),
        "end": view.end.toordinal(),
        "styles": [
            n
            for n, (cat, status) in enumerate(STYLE_KEYS)
            if cat in view.categories and status in view.statuses
        ],
        "articles": sorted(view.articles),
        "actors": sorted(view.actors) if view.actors is not None else None,
        "focus": focus,
        "pan": pan and focus is not None,
        "popup": popup,
        "story": story,
    }


def _js_json(value: Any) -> str:
    """JSON safe inside a script: no '</script>' or HTML comment can close or open it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def view_script(view: dict[str, Any]) -> str:
    """The incident layer's script for one rerun (js/incidents.js draws it)."""
    return layer_script("mapviewIncidentLayer", view)


def layer_script(function: str, data: Any) -> str:
    """The feature group streamlit-folium swaps in on each rerun, written directly: it
    calls `window[function](group, map, data)`, which fills the group.

    Same shape as the one `st_folium` renders from a folium FeatureGroup (the names its
    frontend looks for), without building and rendering a folium element tree per rerun.
    """
    return (
        "var feature_group_feature_group_0 = L.featureGroup({});\n"
        f"window.{function}(feature_group_feature_group_0, map_div, {_js_json(data)});\n"
        "map_div.addLayer(feature_group_feature_group_0);\n"
        "window.feature_group = window.feature_group || [];\n"
        "window.feature_group.push(feature_group_feature_group_0);\n"
    )


def offline_map(
    tiles: TileSource | None, *, after_first_draw: bool = True, **options: Any
) -> folium.Map:
    """A folium map on the offline basemap, its Leaflet from the app's own bundle (added by
    the caller's code element), and online tiles only if the server's operator chose them."""
    m = folium.Map(tiles=None, max_zoom=MAX_ZOOM, control_scale=True, world_copy_jump=True,
                   **options)  # fmt: skip
    # folium's CDN links (Leaflet, jQuery, Bootstrap, Font Awesome) give way to files the app
    # serves; nothing here uses jQuery, Bootstrap or Font Awesome icons.
    m.default_js = []
    m.default_css = assets.LEAFLET_CSS
    VectorBasemap(after_first_draw=after_first_draw).add_to(m)
    if tiles is not None:  # only when the server's operator chose it (MAPVIEW_TILES)
        folium.TileLayer(tiles.url, max_zoom=MAX_ZOOM, attr=tiles.attribution).add_to(m)
    return m


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
    m = offline_map(tiles, location=[50, 35], zoom_start=4, min_zoom=2, prefer_canvas=True)
    m.options["max_zoom"] = MAX_ZOOM  # markercluster needs it even when no tile layer sets it
    m.options["min_zoom"] = 2
    MapControls().add_to(m)
    IncidentCode(data_url).add_to(m)
    box = bounds(dataset)
    if box:
        m.fit_bounds(box, padding=(20, 20))
    return m
