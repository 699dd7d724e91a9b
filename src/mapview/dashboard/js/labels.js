// mapview's place names: towns, cities and countries written on the offline basemap, so
// a reader zoomed in on a region can tell where it is.
//
// The names are text in the page (one <span> each, text set with textContent), not
// pixels: a screen reader reads them and the browser's find finds them. They live in a
// pane of their own above the basemap (z 150) and below the tiles (z 200), so a tile
// layer an operator configured, which carries its own names, covers them as it covers
// the basemap; incident markers and areas (z 400 and up) stay on top. They never take a
// click (pointer-events: none).
//
// The data (labels-*.json.gz, written by labels.py) is columns sorted by population,
// biggest first. On every move the names are chosen again: the biggest places in view
// first, down to a population floor that falls as the reader zooms in, each kept only if
// its box clears every box already placed, up to a cap, so names never crowd.
(function () {
"use strict";

// Below this zoom, the smallest population named; from FLOORS.length on, every place in
// the file (10,000 people and more) may be named if there is room.
var FLOORS = [3e6, 3e6, 3e6, 1.5e6, 7e5, 3e5, 1.2e5, 5e4, 2.5e4];
var CAP = 80;
// A district GeoNames counts as bigger than its better-known city (labels.py `_parts`)
// is named only from this zoom, where the city's own name is beside it.
var PART_ZOOM = 10;
var GAP = 3;  // px kept clear around each name
var DOT = 4;  // px from a place's point to its dot's outer edge
var PAD = 10;  // px between the point and the start of the text
// px: a smaller place whose point is this close to a named one is part of it at this
// scale (a city's districts, its suburbs), and would otherwise take the other side of
// the dot, as if it were the city's name.
var NEAR = 16;
// One style per kind of name: small town, town, city, capital, country. The same font
// strings size the text on a canvas (to test for overlap before anything is drawn) and
// style it in the page, so the measured box is the drawn box.
var KINDS = {
  s: {font: "11px sans-serif", line: 13, colour: "#3a3a3a"},
  m: {font: "12px sans-serif", line: 14, colour: "#2a2a2a"},
  l: {font: "600 13px sans-serif", line: 15, colour: "#1c1c1c"},
  c: {font: "bold 13px sans-serif", line: 15, colour: "#111"},
  k: {font: "600 12px sans-serif", line: 14, colour: "#6b5f4b"}
};
// A light halo keeps dark text legible over land (#f4f1ea), sea (#c9dde9) and borders.
var HALO = "0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff, 0 0 4px rgba(255,255,255,.9)";

function addStyle() {
  if (document.getElementById("mapview-label-style")) { return; }
  var rules = [
    ".mapview-labels { pointer-events: none; }",
    ".mapview-label { position: absolute; left: 0; top: 0; white-space: nowrap; "
      + "pointer-events: none; text-shadow: " + HALO + "; padding-left: " + PAD + "px; }",
    ".mapview-label.w { padding-left: 0; padding-right: " + PAD + "px; }",
    ".mapview-label::before { content: \"\"; position: absolute; left: " + (DOT - 3)
      + "px; top: 50%; width: 6px; height: 6px; margin-top: -3px; border-radius: 50%; "
      + "background: #4a4a4a; box-shadow: 0 0 0 1px #fff; }",
    ".mapview-label.w::before { left: auto; right: " + (DOT - 3) + "px; }",
    ".mapview-label.c::before { background: #fff; border: 2px solid #111; "
      + "box-sizing: border-box; }",
    ".mapview-label.k { padding: 0; text-transform: uppercase; }",
    ".mapview-label.k::before { display: none; }"
  ];
  Object.keys(KINDS).forEach(function (k) {
    var s = KINDS[k];
    rules.push(".mapview-label." + k + " { font: " + s.font.replace(/(\d+px)/, "$1/" + s.line + "px")
               + "; color: " + s.colour + "; height: " + s.line + "px; }");
  });
  var style = document.createElement("style");
  style.id = "mapview-label-style";
  style.textContent = rules.join("\n");
  document.head.appendChild(style);
}

function floorFor(zoom) {
  var z = Math.max(0, Math.floor(zoom));
  return z < FLOORS.length ? FLOORS[z] : 0;
}

function kindOf(cities, i) {
  if (cities.capital[i]) { return "c"; }
  var n = cities.population[i];
  return n >= 1e6 ? "l" : n >= 1e5 ? "m" : "s";
}

window.mapviewLabels = function (map, url) {
  if (map._mapviewLabels) { return; }
  map._mapviewLabels = true;
  addStyle();
  var pane = map.getPane("mapview-labels") || map.createPane("mapview-labels");
  pane.style.zIndex = 180;
  pane.style.pointerEvents = "none";
  // Hidden while a zoom animates (Leaflet's own class); placed anew when it ends.
  L.DomUtil.addClass(pane, "mapview-labels");
  L.DomUtil.addClass(pane, "leaflet-zoom-hide");
  var container = map.getContainer();
  var measure = document.createElement("canvas").getContext("2d");
  var widths = {};
  function width(text, kind) {
    var key = kind + text;
    if (widths[key] === undefined) {
      measure.font = KINDS[kind].font;
      widths[key] = Math.ceil(measure.measureText(text).width) + 1;
    }
    return widths[key];
  }
  var data = null;

  function place() {
    var size = map.getSize();
    if (!data || !(size.x > 0 && size.y > 0)) { return; }
    var zoom = map.getZoom();
    var view = map.getBounds();
    var south = view.getSouth(), north = view.getNorth();
    var west = view.getWest(), east = view.getEast();
    var centre = view.getCenter().lng;
    var boxes = [];
    // The map's own controls (zoom, scale, legend) sit above the panes: a name beneath
    // one would be half hidden, so their boxes count as taken.
    var origin = container.getBoundingClientRect();
    container.querySelectorAll(".leaflet-control").forEach(function (c) {
      var r = c.getBoundingClientRect();
      if (r.width && r.height) {
        boxes.push([r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top]);
      }
    });
    var frag = document.createDocumentFragment();
    var count = 0;
    var dots = [];

    function free(b) {
      if (b[0] < 0 || b[1] < 0 || b[2] > size.x || b[3] > size.y) { return false; }
      for (var j = 0; j < boxes.length; j++) {
        var o = boxes[j];
        if (b[0] < o[2] + GAP && b[2] + GAP > o[0] && b[1] < o[3] + GAP && b[3] + GAP > o[1]) {
          return false;
        }
      }
      return true;
    }
    // The copy of a longitude nearest the view's centre: the map may be panned onto
    // the world's next copy.
    function near(lng) { return lng + 360 * Math.round((centre - lng) / 360); }
    function alone(p) {
      for (var j = 0; j < dots.length; j++) {
        if (Math.abs(dots[j].x - p.x) < NEAR && Math.abs(dots[j].y - p.y) < NEAR) { return false; }
      }
      return true;
    }
    function inView(lat, lng) { return lat >= south && lat <= north && lng >= west && lng <= east; }
    function add(text, kind, box, east) {
      var span = document.createElement("span");
      span.className = "mapview-label " + kind + (east ? "" : " w");
      span.textContent = text;
      L.DomUtil.setPosition(span, map.containerPointToLayerPoint([box[0], box[1]]));
      frag.appendChild(span);
      boxes.push(box);
      count++;
    }

    var C = data.countries;
    if (C) {
      for (var k = 0; k < C.name.length && count < CAP; k++) {
        // Natural Earth's own zoom range for the name, rounded to the nearest whole zoom.
        if (zoom + 0.5 < C.minZoom[k] || zoom - 0.5 > C.maxZoom[k]) { continue; }
        var clng = near(C.lng[k]);
        if (!inView(C.lat[k], clng)) { continue; }
        var cp = map.latLngToContainerPoint([C.lat[k], clng]);
        var upper = C.name[k].toUpperCase();
        var w = width(upper, "k"), h = KINDS.k.line;
        var cb = [Math.round(cp.x - w / 2), Math.round(cp.y - h / 2), 0, 0];
        cb[2] = cb[0] + w; cb[3] = cb[1] + h;
        if (free(cb)) { add(C.name[k], "k", cb, true); }
      }
    }
    var T = data.cities, floor = floorFor(zoom);
    for (var i = 0; i < T.name.length && count < CAP && T.population[i] >= floor; i++) {
      if (T.part[i] && zoom < PART_ZOOM) { continue; }
      var lng = near(T.lng[i]);
      if (!inView(T.lat[i], lng)) { continue; }
      var kind = kindOf(T, i);
      var pt = map.latLngToContainerPoint([T.lat[i], lng]);
      if (!alone(pt)) { continue; }
      var tw = width(T.name[i], kind) + PAD, th = KINDS[kind].line;
      var x = Math.round(pt.x), y = Math.round(pt.y - th / 2);
      // Text to the east of the dot, or else to the west.
      var box = [x - DOT, y, x - DOT + tw, y + th];
      if (free(box)) { add(T.name[i], kind, box, true); dots.push(pt); continue; }
      box = [x + DOT - tw, y, x + DOT, y + th];
      if (free(box)) { add(T.name[i], kind, box, false); dots.push(pt); }
    }
    pane.replaceChildren(frag);
    container.setAttribute("data-labels", String(count));
  }

  // zoomend, moveend and resize often come together: place once, after all of them.
  var pending = false;
  function schedule() {
    if (pending) { return; }
    pending = true;
    Promise.resolve().then(function () { pending = false; place(); });
  }
  window.mapviewFetchJSON(url)
    .then(function (d) {
      data = d;
      // Leaflet writes credits as HTML: this one is plain text from our own file, escaped.
      if (map.attributionControl && d.credit) {
        map.attributionControl.addAttribution(d.credit.replace(/&/g, "&amp;").replace(/</g, "&lt;"));
      }
      map.on("zoomend moveend resize", schedule);
      place();
    })
    .catch(function (err) { container.setAttribute("data-labels", "failed"); console.error(err); });
};
})();
