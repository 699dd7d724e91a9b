// The map's controls: the legend (what every symbol, colour and shape means, in the same
// words the page uses) and a full-screen button. Python passes the words; this file
// decides how they are shown. Everything is built with DOM text nodes.
(function () {
"use strict";

function el(tag, text, cls) {
  var e = document.createElement(tag); if (text) { e.textContent = text; }
  if (cls) { e.className = cls; } return e;
}

function row(parent, swatchHTML, text) {
  var r = el("div", null, "mapview-legend-row");
  var s = el("span", null, "mapview-swatch");
  s.innerHTML = swatchHTML;  // mapview's own SVG or an empty span, never data
  r.appendChild(s);
  r.appendChild(el("span", text));
  parent.appendChild(r);
}

var GREY = "#555";
var LOCATION_SWATCH = {
  point: function () { return window.mapviewSymbol("confirmed", GREY, false); },
  city: function () {
    return '<svg width="22" height="22" viewBox="-11 -11 22 22"><circle r="9.5" fill="#777" '
      + 'fill-opacity=".12" stroke="#555" stroke-dasharray="3 2"/><circle r="4" fill="#555"/></svg>';
  },
  region: function () {
    return '<svg width="22" height="22" viewBox="-11 -11 22 22"><circle r="10" fill="#777" '
      + 'fill-opacity=".08" stroke="#555" stroke-dasharray="1.5 2.5"/><circle r="3" fill="#555"/></svg>';
  },
  line: function () {
    return '<svg width="22" height="22" viewBox="0 0 22 22"><path d="M2,17L20,5" stroke="#1a5276" '
      + 'stroke-width="4"/></svg>';
  },
  area: function () {
    return '<svg width="22" height="22" viewBox="0 0 22 22"><rect x="2" y="4" width="18" height="14" '
      + 'fill="#e6b0aa" stroke="#b03a2e" stroke-width="1.5"/></svg>';
  }
};

// spec: {categories: [[label, colour]], statuses: [[status, symbol words, meaning]],
//        contested, locations: [[kind, words]], crowded}
window.mapviewLegend = function (map, spec) {
  var legend = L.control({position: "bottomright"});
  legend.onAdd = function () {
    var div = L.DomUtil.create("details", "mapview-legend");
    div.open = map.getSize().x > 700;
    div.appendChild(el("summary", "Legend"));
    div.appendChild(el("b", "Category (colour)"));
    spec.categories.forEach(function (c) {
      row(div, '<i style="background:' + c[1] + ';border-color:' + c[1] + '"></i>', c[0]);
    });
    div.appendChild(el("b", "Status (shape)"));
    spec.statuses.forEach(function (s) {
      var r = el("div", null, "mapview-legend-row");
      r.title = s[2];
      var sw = el("span", null, "mapview-swatch");
      sw.innerHTML = window.mapviewSymbol(s[0], GREY, false);
      r.appendChild(sw);
      r.appendChild(el("span", s[0] + ": " + s[1]));
      div.appendChild(r);
    });
    row(div, window.mapviewSymbol("claimed", GREY, true), spec.contested);
    div.appendChild(el("b", "Where (how precise)"));
    spec.locations.forEach(function (p) { row(div, LOCATION_SWATCH[p[0]](), p[1]); });
    row(div, '<span class="mapview-legend-badge mapview-legend-area"><span>3</span></span>',
        spec.areaBadge);
    row(div, '<span class="mapview-legend-badge mapview-legend-count"><span>42</span></span>',
      spec.crowded);
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  legend.addTo(map);
};

// Full screen for the map alone. The map lives in streamlit-folium's frame, which
// Streamlit allows to go full screen; where a browser forbids it the button stays away.
window.mapviewFullscreen = function (map) {
  var box = map.getContainer();
  if (!document.fullscreenEnabled || !box.requestFullscreen) { return; }
  var control = L.control({position: "topleft"});
  control.onAdd = function () {
    var bar = L.DomUtil.create("div", "leaflet-bar mapview-fullscreen");
    var a = L.DomUtil.create("a", "", bar);
    a.href = "#";
    a.setAttribute("role", "button");
    var label = function () {
      var on = document.fullscreenElement === box;
      a.title = on ? "Leave full screen" : "Full screen";
      a.setAttribute("aria-label", a.title);
      a.setAttribute("aria-pressed", on ? "true" : "false");
      box.setAttribute("data-fullscreen", on ? "on" : "off");
    };
    a.innerHTML = '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">'
      + '<path d="M1,6V1H6M10,1H15V6M15,10V15H10M6,15H1V10" fill="none" stroke="#333" '
      + 'stroke-width="2"/></svg>';
    label();
    L.DomEvent.on(a, "click", function (e) {
      L.DomEvent.preventDefault(e);
      L.DomEvent.stopPropagation(e);
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else { box.requestFullscreen().catch(function (err) { console.error(err); }); }
    });
    document.addEventListener("fullscreenchange", function () {
      label();
      map.invalidateSize();
    });
    return bar;
  };
  control.addTo(map);
};
})();
