// The review page's map (review_map.py): the place a draft incident is at now, the
// namesakes the resolver weighed (numbered as in the form's list of places) and the point
// the reviewer has dropped, if any. A click on a numbered marker picks that namesake; a
// click anywhere else puts a new point there. streamlit-folium reports both, the marker's
// GeoJSON (whose properties name the option) as `last_active_drawing` and a click on the
// map as `last_clicked`; review_page.py reads them. Names may come from the article, so
// they reach the page as text (titles, text nodes), never as markup.
(function () {
"use strict";

function text(value) {
  var e = document.createElement("span");
  e.textContent = value;
  return e;
}

window.mapviewReviewLayer = function (group, map, data) {
  var bounds = L.latLngBounds([]);
  function cover(layer) {
    var b = layer.getBounds();
    if (b.isValid()) { bounds.extend(b); }
    return layer;
  }
  if (data.place) {
    // Not clickable: a click on it is a click on the map, a point put there.
    var now = L.geoJSON(data.place, {
      interactive: false,
      style: data.style.place,
      pointToLayer: function (f, ll) {
        return L.circleMarker(ll, L.extend({interactive: false}, data.style.placePoint));
      }
    }).addTo(group);
    now.bindTooltip(text("Now: " + data.place.properties.name),
                    {permanent: true, direction: "right", offset: [10, 0]});
    cover(now);
  }
  // In the feature group streamlit-folium swaps in, so it hears the markers' clicks.
  var options = L.geoJSON(data.options, {
    pointToLayer: function (f, ll) {
      var p = f.properties;
      var m = L.marker(ll, {
        icon: L.divIcon({
          className: "mapview-option" + (p.current ? " mapview-option-current" : ""),
          html: text(String(p.n)),
          iconSize: [24, 24]
        }),
        title: p.n + ". " + p.label,
        zIndexOffset: p.current ? 1000 : 0,  // the place now is never hidden under another
        riseOnHover: true
      });
      // Leaflet's Enter only opens popups: on a focused namesake it picks it, as a click
      // does (and namesakes close together can be told apart by Tab).
      m.on("keypress", function (e) {
        if (e.originalEvent.key === "Enter") {
          m.fire("click", {latlng: m.getLatLng(), originalEvent: e.originalEvent}, true);
        }
      });
      return m;
    }
  }).addTo(group);
  cover(options);
  if (data.point) {
    var dropped = L.geoJSON(data.point, {
      interactive: false,
      pointToLayer: function (f, ll) {
        return L.circleMarker(ll, L.extend({interactive: false}, data.style.dropped));
      }
    }).addTo(group);
    dropped.bindTooltip(text("New point"), {permanent: true, direction: "left", offset: [-10, 0]});
    cover(dropped);
  }
  map.getContainer().setAttribute("data-options", String(data.options.features.length));
  // Framed when what it shows is new, not on every rerun: a reviewer who zoomed in to
  // put a point keeps the zoom. A frame with no size yet would pick a meaningless zoom.
  var key = JSON.stringify(data.frame);
  if (map._mapviewFrame === key) { return; }
  map._mapviewFrame = key;
  function frame() {
    if (bounds.isValid()) {
      map.fitBounds(bounds, {padding: [30, 30], maxZoom: data.maxZoom, animate: false});
    }
  }
  if (map.getSize().y > 0) { frame(); } else { map.once("resize", frame); }
};
})();
