// mapview's incident layer: the dataset's incidents, filtered to one view, drawn as
// clustered canvas markers (one per incident) where few are on screen and as one counted
// marker per place where many are, with the areas and lines of their places.
//
// The data is fetched once per page as small columns (incidents-*.json.gz); titles,
// sources and quotes follow in a second file (details-*.json.gz) that the first draw does
// not wait for. Each rerun of the page only calls mapviewIncidentLayer again with a new
// view (dates, categories, statuses, articles, the focused incident), so a slider move
// sends a few hundred bytes whatever the data's size. Popups are built on open with DOM
// text nodes: article text never becomes markup. Each marker carries a GeoJSON `feature`
// with the incident id (or, for a counted place, the place id), which streamlit-folium
// returns as `last_active_drawing` when clicked; areas and lines carry their place id.
(function () {
"use strict";

var cache = window.mapviewData = window.mapviewData || {};
function load(url) {
  if (!cache[url]) {
    cache[url] = fetch(url).then(function (r) {
      if (!r.ok || !r.body) { throw new Error(url + ": " + r.status); }
      // The server stores these files gzipped once; the browser inflates them.
      var body = /\.gz$/.test(new URL(url, window.location.href).pathname)
        ? r.body.pipeThrough(new DecompressionStream("gzip")) : r.body;
      return new Response(body).json();
    });
  }
  return cache[url];
}
window.mapviewFetchJSON = load;
// Settled once the first incident layer has drawn (or failed): the basemap waits for it.
var firstDrawn;
window.mapviewFirstDraw = new Promise(function (resolve) { firstDrawn = resolve; });
// This file arrives as the last part of the map's one script, whose URL names the data
// (`?data=`): start fetching it now, while the map is still being built, not after.
var me = document.currentScript;
var first = me && me.src ? new URL(me.src, window.location.href).searchParams.get("data") : null;
if (first) { load(first).catch(function () {}); }  // a failure is reported by the layer

function el(tag, text, cls) {
  var e = document.createElement(tag); if (text) { e.textContent = text; }
  if (cls) { e.className = cls; } return e;
}

function short(n) { return n >= 10000 ? Math.round(n / 1000) + "k" : String(n); }

window.mapviewIncidentLayer = function (parent, map, view) {
  var styles = window.mapviewStyles;
  var styleStatus = window.mapviewStyleStatus;
  var group = L.featureGroup().addTo(parent);
  // Framing a map whose frame has no height yet picks a meaningless zoom, and a view set
  // during a zoom animation is overwritten when the animation ends: wait for both.
  function whenSized(fn) {
    var size = map.getSize();
    if (!(size.x > 0 && size.y > 0)) { map.once("resize", function () { whenSized(fn); }); return; }
    if (map._animatingZoom) { map.once("zoomend", function () { whenSized(fn); }); return; }
    fn();
  }
  load(view.url).then(function (d) {
    if (!map.hasLayer(group)) { return; }  // a newer view replaced this one meanwhile
    var P = d.places, nPlaces = P.id.length;
    var styleOk = new Uint8Array(styles.length);
    view.styles.forEach(function (s) { styleOk[s] = 1; });
    var articles = new Set(view.articles);
    var artOk = d.articles.map(function (a) { return articles.has(a); });
    // The view's incidents, grouped by place (a counting sort: two passes, no objects).
    var count = new Int32Array(nPlaces);
    var shown = [];
    var focusIdx = -1;
    for (var i = 0; i < d.id.length; i++) {
      if (d.t0[i] > view.end || d.t1[i] < view.start || !styleOk[d.style[i]]
          || !artOk[d.art[i]]) { continue; }
      shown.push(i);
      count[d.pl[i]]++;
      if (view.focus && d.id[i] === view.focus) { focusIdx = i; }
    }
    var start = new Int32Array(nPlaces + 1);
    var used = [];
    for (var p = 0; p < nPlaces; p++) {
      start[p + 1] = start[p] + count[p];
      if (count[p]) { used.push(p); }
    }
    var next = start.slice(0, nPlaces);
    var byPlace = new Int32Array(shown.length);
    shown.forEach(function (k) { byPlace[next[d.pl[k]]++] = k; });

    var info = null;  // the details file, once it is here
    var details = view.details ? load(view.details) : Promise.resolve(null);
    details.then(function (dd) { info = dd; }).catch(function (err) { console.error(err); });
    var popup = function (k, dd) {
      var box = el("div", null, "mapview-popup");
      box.setAttribute("data-incident", d.id[k]);
      box.appendChild(el("h4", dd.title[k]));
      box.appendChild(el("div", dd.when[k] + " · " + styleStatus[d.style[k]] + " · "
                              + P.name[d.pl[k]], "meta"));
      box.appendChild(el("div", "Source: " + dd.source[dd.src[k]], "meta"));
      box.appendChild(el("div", "Report: " + dd.report[d.art[k]], "meta"));
      if (dd.quotes) {
        dd.quotes[k].forEach(function (q) {
          var b = el("blockquote", q[1]); b.title = "Paragraph " + q[0].slice(1); box.appendChild(b);
        });
      } else {
        box.appendChild(el("div", "Passages: in the side panel.", "meta"));
      }
      return box;
    };
    // One popup and one tooltip serve every marker: binding one each to 10,000 markers
    // costs seconds before the first draw.
    var shared = L.popup({maxWidth: 340});
    var tip = L.tooltip({direction: "top", offset: [0, -8]});
    var openFor = function (m) {
      var k = m.options.idx;
      shared.setLatLng(m.getLatLng());
      if (info) { shared.setContent(popup(k, info)).openOn(map); return; }
      shared.setContent(el("div", "Loading…", "mapview-popup-wait")).openOn(map);
      details.then(function (dd) {
        if (dd && map.hasLayer(shared) && shared.getLatLng().equals(m.getLatLng())) {
          shared.setContent(popup(k, dd));
        }
      });
    };

    var markers = {};
    var marker = function (k) {
      var m = markers[d.id[k]];
      if (!m) {
        m = L.circleMarker([P.lat[d.pl[k]], P.lng[d.pl[k]]],
                           Object.assign({idx: k}, styles[d.style[k]]));
        m.feature = {type: "Feature", properties: {id: d.id[k]}, geometry: null};
        markers[d.id[k]] = m;
      }
      return m;
    };
    window.mapviewMarkers = markers;
    // Markers and shapes share the map's one canvas (preferCanvas): a second canvas on
    // top would swallow every click meant for the areas and lines beneath it.
    var cluster = L.markerClusterGroup({maxClusterRadius: 30, showCoverageOnHover: false,
                                        spiderfyOnMaxZoom: true, chunkedLoading: true});
    cluster.on("click", function (e) { if (e.layer && e.layer.options.idx !== undefined) { openFor(e.layer); } });
    cluster.on("mouseover", function (e) {
      if (info && e.layer && e.layer.options.idx !== undefined) {
        tip.setLatLng(e.layer.getLatLng()).setContent(el("span", info.title[e.layer.options.idx]));
        map.openTooltip(tip);
      }
    });
    cluster.on("mouseout", function () { map.closeTooltip(tip); });
    var counted = L.featureGroup();  // a feature group: its clicks reach streamlit-folium
    var countMarker = function (q) {
      var n = count[q];
      var size = Math.round(24 + 7 * Math.log10(n));
      var label = P.name[q] + ": " + n + " incidents in view; zoom in to see each";
      var m = L.marker([P.lat[q], P.lng[q]], {
        icon: L.divIcon({className: "mapview-count", html: "<span>" + short(n) + "</span>",
                         iconSize: [size, size]}),
        title: label, alt: label, keyboard: true, riseOnHover: true
      });
      m.feature = {type: "Feature", properties: {place: P.id[q]}, geometry: null};
      m.on("click", function () {
        map.setView(m.getLatLng(), Math.min(map.getMaxZoom(), Math.max(map.getZoom() + 3, view.focusZoom)));
      });
      return m;
    };
    var shapes = L.geoJSON(d.shapes, {
      filter: function (f) { return count[f.properties.pl] > 0; },
      style: function (f) { return f.geometry.type.indexOf("Line") >= 0 ? view.line : view.area; },
      onEachFeature: function (f, l) { l.bindTooltip(el("span", f.properties.name), {sticky: true}); }
    });
    group.addLayer(shapes);
    group.addLayer(counted);
    group.addLayer(cluster);  // on the map first, so chunked loading draws as it goes

    // Which places get a marker per incident: all of them when the view holds few
    // incidents, else those near the screen while they hold few, else none.
    var detailed = new Uint8Array(nPlaces);
    var drawnKey = null;
    var redraw = function () {
      if (!map.hasLayer(group)) { return; }
      var list = used;
      if (shown.length > view.detailLimit) {
        var box = map.getBounds().pad(0.5), total = 0;
        list = [];
        for (var j = 0; j < used.length && total <= view.detailLimit; j++) {
          var q = used[j];
          if (box.contains([P.lat[q], P.lng[q]])) { list.push(q); total += count[q]; }
        }
        if (total > view.detailLimit) { list = []; }
      }
      var key = list.join(",");
      if (key === drawnKey) { return; }
      drawnKey = key;
      detailed.fill(0);
      list.forEach(function (q) { detailed[q] = 1; });
      cluster.clearLayers();
      counted.clearLayers();
      var batch = [];
      list.forEach(function (q) {
        for (var j = start[q]; j < start[q + 1]; j++) { batch.push(marker(byPlace[j])); }
      });
      used.forEach(function (q) { if (!detailed[q]) { counted.addLayer(countMarker(q)); } });
      cluster.addLayers(batch);
      map.getContainer().setAttribute("data-detailed", String(batch.length));
    };
    map.on("moveend", redraw);
    group.on("remove", function () { map.off("moveend", redraw); });

    var firstLayer = !window.mapviewFramed;
    var focus = focusIdx >= 0 ? marker(focusIdx) : null;
    if (firstLayer && shown.length && !focus) {
      // Open framed on what is in view (a shared link may narrow it); later layer swaps
      // leave the reader's view alone.
      var frame = L.latLngBounds(used.map(function (q) { return [P.lat[q], P.lng[q]]; }));
      shapes.eachLayer(function (l) { frame.extend(l.getBounds()); });
      whenSized(function () {
        map.fitBounds(frame, {padding: [30, 30], maxZoom: view.frameMaxZoom, animate: false});
        redraw();
      });
    }
    redraw();
    window.mapviewFramed = true;
    map.getContainer().setAttribute("data-incidents", String(shown.length));
    firstDrawn();
    if (!focus) { return; }
    // markercluster's zoomToShowLayer and getVisibleParent wait for an icon, which canvas
    // markers never get: zoom in until distinct places split, spiderfy what still shares
    // a place, then open the popup. A place too crowded to draw in detail shows the
    // focused incident on its own.
    var open = function () { openFor(focus); };
    var reveal = function () {
      if (!detailed[d.pl[focusIdx]]) {
        if (!map.hasLayer(focus)) { group.addLayer(focus); }
        open();
        return;
      }
      var parentLayer = map.hasLayer(focus) ? focus : cluster.getVisibleParent(focus);
      if (parentLayer === focus) { open(); }
      else if (parentLayer && parentLayer.spiderfy) { cluster.once("spiderfied", open); parentLayer.spiderfy(); }
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
        redraw();
        setTimeout(reveal, 400);  // after markercluster's own re-clustering transition
      });
    } else {
      reveal();
    }
  }).catch(function (err) {
    firstDrawn();
    map.getContainer().setAttribute("data-incidents", "error");
    console.error(err);
  });
  return group;
};
})();
