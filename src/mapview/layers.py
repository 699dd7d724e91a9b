"""The map layers: an offline base map, the places drawn in their own geometry, incidents.

Untrusted article text reaches the browser only as JSON data (through Jinja's `tojson`,
which escapes `<`, `>`, `&` and quotes) and is put on the page with `textContent`, never
as HTML, so no title or quote can run script or break out of the map's code.
All coordinates enter Leaflet through `latlng()`: the one place [lon, lat] becomes [lat, lon].
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from mapview import assets
from mapview.dataset import Dataset
from mapview.incidents import CATEGORIES, STATUSES, Incident
from mapview.view import date_label

# Above this many incidents in view, popups carry a summary and the passages stay in the
# side panel: full quotes for 10,000 markers would cost megabytes on every slider move.
FULL_POPUP_LIMIT = 500
MAX_ZOOM = 18
FOCUS_ZOOM = 11  # close enough that distinct places no longer share a cluster

STATUS_STYLE: dict[str, dict[str, Any]] = {
    "confirmed": {"fillOpacity": 0.95, "weight": 2, "dashArray": None},
    "reported": {"fillOpacity": 0.65, "weight": 2, "dashArray": None},
    "claimed": {"fillOpacity": 0.12, "weight": 3, "dashArray": None},
    "unverified": {"fillOpacity": 0.12, "weight": 3, "dashArray": "4 4"},
    "denied": {"fillOpacity": 0.0, "weight": 2, "dashArray": "1 5"},
}
STATUS_LABEL = {
    "confirmed": "solid",
    "reported": "filled",
    "claimed": "hollow",
    "unverified": "hollow, dashed",
    "denied": "open, dotted",
}


def latlng(lon: float, lat: float) -> list[float]:
    """GeoJSON [lon, lat] to Leaflet [lat, lon]; every swap goes through here."""
    return [round(lat, 6), round(lon, 6)]


def _style_key(category: str, status: str) -> str:
    return f"{category}|{status}"


def marker_styles() -> dict[str, dict[str, Any]]:
    styles = {}
    for cat, (_, colour) in CATEGORIES.items():
        for status, base in STATUS_STYLE.items():
            styles[_style_key(cat, status)] = {
                "color": colour,
                "fillColor": colour,
                "radius": 8,
                **base,
            }
    return styles


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
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function (map) {
  var pane = map.createPane("mapview-basemap");
  pane.style.zIndex = 150;
  pane.style.pointerEvents = "none";
  fetch({{ this.url|tojson }})
    .then(function (r) { if (!r.ok) { throw new Error("basemap " + r.status); } return r.json(); })
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


class IncidentLayer(JSCSSMixin, MacroElement):
    """Incidents as canvas circle markers, clustered so incidents at one place stay reachable.

    Data travels as compact column arrays; popups are built on open from that data with
    DOM text nodes. Each marker carries a GeoJSON `feature` with the incident id, which
    streamlit-folium returns as `last_active_drawing` when it is clicked.
    """

    default_js = assets.CLUSTER_JS
    default_css = assets.CLUSTER_CSS

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (parent, map) {
  var d = {{ this.data|tojson }};
  var styles = {{ this.styles|tojson }};
  var group = d.cluster
    ? L.markerClusterGroup({maxClusterRadius: 30, showCoverageOnHover: false,
                            spiderfyOnMaxZoom: true, chunkedLoading: true})
    : L.featureGroup();
  var renderer = L.canvas({padding: 0.5});
  function el(tag, text, cls) {
    var e = document.createElement(tag); if (text) { e.textContent = text; }
    if (cls) { e.className = cls; } return e;
  }
  function popup(i) {
    var box = el("div", null, "mapview-popup");
    box.setAttribute("data-incident", d.id[i]);
    box.appendChild(el("h4", d.title[i]));
    box.appendChild(el("div", d.when[i] + " · " + d.status[i] + " · " + d.place[d.pl[i]], "meta"));
    box.appendChild(el("div", "Source: " + d.source[d.src[i]], "meta"));
    var quotes = d.quotes ? d.quotes[i] : [];
    quotes.forEach(function (q) {
      var b = el("blockquote", q[1]); b.title = "Paragraph " + q[0]; box.appendChild(b);
    });
    if (!d.quotes) { box.appendChild(el("div", "Passages: see the side panel.", "meta")); }
    return box;
  }
  var markers = {};
  for (var i = 0; i < d.id.length; i++) {
    var m = L.circleMarker([d.lat[i], d.lng[i]], Object.assign({renderer: renderer}, styles[d.style[i]]));
    m.feature = {type: "Feature", properties: {id: d.id[i]}, geometry: null};
    m.bindPopup(popup.bind(null, i), {maxWidth: 340});
    m.bindTooltip(el("span", d.title[i]));
    markers[d.id[i]] = m;
    group.addLayer(m);
  }
  group.addTo(parent);
  map.getContainer().setAttribute("data-incidents", String(d.id.length));
  window.mapviewMarkers = markers;
  var focus = d.focus && markers[d.focus];
  if (focus) {
    // After this script: the group joins the map only once the whole layer code has run.
    // markercluster's zoomToShowLayer waits for an icon, which canvas markers never get:
    // zoom in close enough to split clusters of distinct places, then spiderfy what is
    // left (incidents that share one place), then open the popup.
    setTimeout(function () {
      var open = function () { focus.openPopup(); };
      var reveal = function () {
        // getVisibleParent also looks for an icon; a canvas marker is visible when on the map.
        var parent = map.hasLayer(focus) ? focus : group.getVisibleParent(focus);
        if (parent === focus) { open(); }
        else if (parent && parent.spiderfy) { group.once("spiderfied", open); parent.spiderfy(); }
      };
      if (d.pan) {
        map.setView(focus.getLatLng(), Math.max(map.getZoom(), {{ this.focus_zoom }}), {animate: false});
        setTimeout(reveal, 400);  // after markercluster's own re-clustering transition
      } else {
        reveal();
      }
    }, 0);
  }
  return group;
})({{ this._parent.get_name() }}, {{ this.map_name() }});
{% endmacro %}
"""
    )

    def map_name(self) -> str:
        node = self._parent
        while node is not None and not isinstance(node, folium.Map):
            node = node._parent
        if node is None:
            raise ValueError("IncidentLayer must be added to a map or to a layer on one")
        return node.get_name()

    def __init__(
        self,
        dataset: Dataset,
        incidents: Sequence[Incident],
        focus: str | None = None,
        pan: bool = False,
        cluster: bool = True,
        full_popups: bool | None = None,
    ) -> None:
        super().__init__()
        self._name = "IncidentLayer"
        self.focus_zoom = FOCUS_ZOOM
        if focus is not None and not any(i.id == focus for i in incidents):
            focus = None
        if full_popups is None:
            full_popups = len(incidents) <= FULL_POPUP_LIMIT
        places = sorted({i.place for i in incidents})
        sources = sorted({i.source for i in incidents})
        place_idx = {p: n for n, p in enumerate(places)}
        source_idx = {s: n for n, s in enumerate(sources)}
        anchors = {p: latlng(*dataset.places[p].anchor) for p in places}
        self.styles = marker_styles()
        self.data: dict[str, Any] = {
            "cluster": cluster,
            "focus": focus,
            "pan": pan,
            "id": [i.id for i in incidents],
            "lat": [anchors[i.place][0] for i in incidents],
            "lng": [anchors[i.place][1] for i in incidents],
            "style": [_style_key(i.category, i.status) for i in incidents],
            "title": [i.title for i in incidents],
            "when": [date_label(i) for i in incidents],
            "status": [i.status for i in incidents],
            "pl": [place_idx[i.place] for i in incidents],
            "place": [dataset.places[p].name for p in places],
            "src": [source_idx[i.source] for i in incidents],
            "source": sources,
        }
        if full_popups:
            self.data["quotes"] = [[[p.paragraph, p.text] for p in i.passages] for i in incidents]


class PlaceShapes(MacroElement):
    """Areas and lines of the places in view, drawn once each under the incident markers.

    Clicking one returns its place id, so the page can list every incident there.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (parent) {
  var layer = L.geoJSON({{ this.data|tojson }}, {
    style: function (f) { return f.geometry.type.indexOf("Line") >= 0 ? {{ this.line|tojson }} : {{ this.area|tojson }}; },
    onEachFeature: function (f, l) {
      var t = document.createElement("span"); t.textContent = f.properties.name;
      l.bindTooltip(t, {sticky: true});
    }
  });
  layer.addTo(parent);
  return layer;
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, dataset: Dataset, place_ids: Sequence[str]) -> None:
        super().__init__()
        self._name = "PlaceShapes"
        features = []
        for pid in place_ids:
            place = dataset.places[pid]
            if place.geometry.geom_type == "Point":
                continue
            feature = place.to_feature(decimals=4)
            feature["properties"] = {"place": pid, "name": place.name}
            features.append(feature)
        self.data = {"type": "FeatureCollection", "features": features}
        self.area = {"color": "#b03a2e", "weight": 2, "fillColor": "#e6b0aa", "fillOpacity": 0.35}
        self.line = {"color": "#1a5276", "weight": 6, "opacity": 0.85}


def bounds(dataset: Dataset, incidents: Sequence[Incident]) -> list[list[float]] | None:
    """[[south, west], [north, east]] around the places of `incidents`."""
    import shapely

    geoms = [dataset.places[p].geometry for p in {i.place for i in incidents}]
    if not geoms:
        return None
    w, s, e, n = shapely.GeometryCollection(geoms).bounds
    return [latlng(w, s), latlng(e, n)]


def base_map(dataset: Dataset, *, tiles: bool = True) -> folium.Map:
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
    # serves; nothing here uses Bootstrap or Font Awesome icons.
    m.default_js = assets.LEAFLET_JS
    m.default_css = assets.LEAFLET_CSS
    VectorBasemap().add_to(m)
    if tiles:
        folium.TileLayer(
            "OpenStreetMap",
            max_zoom=MAX_ZOOM,
            attr="© OpenStreetMap contributors",
        ).add_to(m)
    Legend().add_to(m)
    box = bounds(dataset, dataset.incidents)
    if box:
        m.fit_bounds(box, padding=(20, 20))
    return m


def incident_group(
    dataset: Dataset,
    incidents: Sequence[Incident],
    focus: str | None = None,
    pan: bool = False,
) -> folium.FeatureGroup:
    """The layer that follows the filters; streamlit-folium swaps it without a map reload."""
    group = folium.FeatureGroup(name="Incidents")
    PlaceShapes(dataset, sorted({i.place for i in incidents})).add_to(group)
    IncidentLayer(dataset, incidents, focus=focus, pan=pan).add_to(group)
    return group
