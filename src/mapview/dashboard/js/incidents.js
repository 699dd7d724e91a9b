// mapview's incident layer: the dataset's incidents, filtered to one view, as clustered
// canvas markers with the areas and lines of their places.
//
// The data file is fetched once per page; each rerun of the page only calls
// mapviewIncidentLayer again with a new view (dates, categories, statuses, articles, the
// focused incident), so a slider move sends a few hundred bytes whatever the data's size.
// Popups are built on open with DOM text nodes: article text never becomes markup. Each
// marker carries a GeoJSON `feature` with the incident id, which streamlit-folium returns
// as `last_active_drawing` when clicked; areas and lines carry their place id the same way.
(function () {
"use strict";

window.mapviewIncidentLayer = function (parent, map, view) {
  var styles = window.mapviewStyles;
  var styleStatus = window.mapviewStyleStatus;
  var group = L.featureGroup().addTo(parent);
  var cache = window.mapviewData = window.mapviewData || {};
  if (!cache[view.url]) {
    cache[view.url] = fetch(view.url).then(function (r) {
      if (!r.ok) { throw new Error("incident data " + r.status); } return r.json();
    });
  }
  // Framing a map whose frame has no height yet picks a meaningless zoom, and a view set
  // during a zoom animation is overwritten when the animation ends: wait for both.
  function whenSized(fn) {
    var size = map.getSize();
    if (!(size.x > 0 && size.y > 0)) { map.once("resize", function () { whenSized(fn); }); return; }
    if (map._animatingZoom) { map.once("zoomend", function () { whenSized(fn); }); return; }
    fn();
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag); if (text) { e.textContent = text; }
    if (cls) { e.className = cls; } return e;
  }
  cache[view.url].then(function (d) {
    if (!map.hasLayer(group)) { return; }  // a newer view replaced this one meanwhile
    var cats = new Set(view.styles);
    var arts = new Set(view.articles);
    var markers = {};
    var places = new Set();
    var cluster = L.markerClusterGroup({maxClusterRadius: 30, showCoverageOnHover: false,
                                        spiderfyOnMaxZoom: true, chunkedLoading: true});
    var popup = function (i) {
      var box = el("div", null, "mapview-popup");
      box.setAttribute("data-incident", d.id[i]);
      box.appendChild(el("h4", d.title[i]));
      box.appendChild(el("div", d.when[i] + " · " + styleStatus[d.style[i]] + " · " + d.place[d.pl[i]], "meta"));
      box.appendChild(el("div", "Source: " + d.source[d.src[i]], "meta"));
      box.appendChild(el("div", "Report: " + d.report[d.art[i]], "meta"));
      if (d.quotes) {
        d.quotes[i].forEach(function (q) {
          var b = el("blockquote", q[1]); b.title = "Paragraph " + q[0].slice(1); box.appendChild(b);
        });
      } else {
        box.appendChild(el("div", "Passages: in the side panel.", "meta"));
      }
      return box;
    };
    // One popup and one tooltip serve every marker: binding one each to 10,000 markers
    // costs seconds before the first draw.
    // Markers and shapes share the map's one canvas (preferCanvas): a second canvas on
    // top would swallow every click meant for the areas and lines beneath it.
    var shared = L.popup({maxWidth: 340});
    var tip = L.tooltip({direction: "top", offset: [0, -8]});
    var openFor = function (m) {
      shared.setLatLng(m.getLatLng()).setContent(popup(m.options.idx)).openOn(map);
    };
    var batch = [];
    for (var i = 0; i < d.id.length; i++) {
      if (d.t0[i] > view.end || d.t1[i] < view.start || !cats.has(d.style[i])
          || !arts.has(d.articles[d.art[i]])) { continue; }
      var m = L.circleMarker([d.lat[i], d.lng[i]], Object.assign({idx: i}, styles[d.style[i]]));
      m.feature = {type: "Feature", properties: {id: d.id[i]}, geometry: null};
      markers[d.id[i]] = m;
      places.add(d.pl[i]);
      batch.push(m);
    }
    cluster.on("click", function (e) { if (e.layer && e.layer.options.idx !== undefined) { openFor(e.layer); } });
    cluster.on("mouseover", function (e) {
      if (e.layer && e.layer.options.idx !== undefined) {
        tip.setLatLng(e.layer.getLatLng()).setContent(el("span", d.title[e.layer.options.idx]));
        map.openTooltip(tip);
      }
    });
    cluster.on("mouseout", function () { map.closeTooltip(tip); });
    var shapes = L.geoJSON(d.shapes, {
      filter: function (f) { return places.has(f.properties.pl); },
      style: function (f) { return f.geometry.type.indexOf("Line") >= 0 ? view.line : view.area; },
      onEachFeature: function (f, l) { l.bindTooltip(el("span", f.properties.name), {sticky: true}); }
    });
    group.addLayer(shapes);
    group.addLayer(cluster);  // on the map first, so chunked loading draws as it goes
    cluster.addLayers(batch);
    window.mapviewMarkers = markers;
    var firstLayer = !window.mapviewFramed;
    var focus = view.focus && markers[view.focus];
    if (firstLayer && batch.length && !focus) {
      // Open framed on what is in view (a shared link may narrow it); later layer swaps
      // leave the reader's view alone.
      var box = L.latLngBounds(batch.map(function (m) { return m.getLatLng(); }));
      shapes.eachLayer(function (l) { box.extend(l.getBounds()); });
      whenSized(function () {
        map.fitBounds(box, {padding: [30, 30], maxZoom: view.frameMaxZoom, animate: false});
      });
    }
    window.mapviewFramed = true;
    map.getContainer().setAttribute("data-incidents", String(batch.length));
    if (!focus) { return; }
    // markercluster's zoomToShowLayer and getVisibleParent wait for an icon, which canvas
    // markers never get: zoom in until distinct places split, spiderfy what still shares
    // a place, then open the popup.
    var open = function () { openFor(focus); };
    var reveal = function () {
      var parent = map.hasLayer(focus) ? focus : cluster.getVisibleParent(focus);
      if (parent === focus) { open(); }
      else if (parent && parent.spiderfy) { cluster.once("spiderfied", open); parent.spiderfy(); }
    };
    // A link that names an incident opens on it. The page reruns right after its first
    // draw and swaps this layer, so the wish to pan is kept for a moment across swaps.
    var pending = window.mapviewPendingFocus;
    var pan = view.pan || firstLayer
      || (pending && pending.id === view.focus && Date.now() < pending.until);
    if (pan && (view.pan || firstLayer)) {
      window.mapviewPendingFocus = {id: view.focus, until: Date.now() + 3000};
    }
    if (pan) {
      whenSized(function () {
        map.setView(focus.getLatLng(), Math.max(map.getZoom(), view.focusZoom), {animate: false});
        setTimeout(reveal, 400);  // after markercluster's own re-clustering transition
      });
    } else {
      reveal();
    }
  }).catch(function (err) {
    map.getContainer().setAttribute("data-incidents", "error");
    console.error(err);
  });
  return group;
};
})();
