// mapview's incident layer: the dataset's incidents, filtered to one view. At a point
// place each incident is a clustered marker (a symbol for its status) where few are on
// screen, and the place one counted disc where many are; at an area or a line the shape
// itself is shaded, with a badge counting its incidents.
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

function isEnter(e) { return e.originalEvent && e.originalEvent.key === "Enter"; }

// A click from the keyboard: the same event a mouse click fires, so streamlit-folium
// reports it and the page selects what was chosen.
function press(layer, e) {
  layer.fire("click", {latlng: layer.getLatLng(), originalEvent: e.originalEvent}, true);
}

window.mapviewIncidentLayer = function (parent, map, viewOnly) {
  var view = Object.assign({}, window.mapviewLayerConfig, viewOnly);
  var styles = window.mapviewStyles;  // [colour, status] per style index
  var group = L.featureGroup().addTo(parent);
  // Framing a map whose frame has no height yet picks a meaningless zoom, and a view set
  // during a zoom animation is overwritten when the animation ends: wait for both.
  function whenSized(fn) {
    var size = map.getSize();
    if (!(size.x > 0 && size.y > 0)) { map.once("resize", function () { whenSized(fn); }); return; }
    if (map._animatingZoom) { map.once("zoomend", function () { whenSized(fn); }); return; }
    fn();
  }
  // A popup left open for a selection the reader has since cleared goes with it. Only a
  // change from a selection to none closes it: a view made before a click on the map
  // reached the server has no selection either, and must not close the click's popup.
  if (!view.focus && window.mapviewLastFocus) { map.closePopup(); }
  window.mapviewLastFocus = view.focus;
  load(view.url).then(function (d) {
    if (!map.hasLayer(group)) { return; }  // a newer view replaced this one meanwhile
    var P = d.places, nPlaces = P.id.length;
    var styleOk = new Uint8Array(styles.length);
    view.styles.forEach(function (s) { styleOk[s] = 1; });
    var articles = new Set(view.articles);
    var artOk = d.articles.map(function (a) { return articles.has(a); });
    var actorOk = null;  // null: every incident, whoever its actors
    if (view.actors && d.act) {
      var wanted = new Set(view.actors);
      actorOk = d.actors.map(function (a) { return wanted.has(a); });
    }
    var hasActor = function (i) {
      var list = d.act[i];
      for (var j = 0; j < list.length; j++) { if (actorOk[list[j]]) { return true; } }
      return false;
    };
    // The view's incidents, grouped by place (a counting sort: two passes, no objects).
    var count = new Int32Array(nPlaces);
    var shown = [];
    var focusIdx = -1;
    for (var i = 0; i < d.id.length; i++) {
      if (d.t0[i] > view.end || d.t1[i] < view.start || !styleOk[d.style[i]]
          || !artOk[d.art[i]] || (actorOk && !hasActor(i))) { continue; }
      shown.push(i);
      count[d.pl[i]]++;
      if (view.focus && d.id[i] === view.focus) { focusIdx = i; }
    }
    var start = new Int32Array(nPlaces + 1);
    var used = [], usedPoints = [];
    for (var p = 0; p < nPlaces; p++) {
      start[p + 1] = start[p] + count[p];
      if (count[p]) { used.push(p); if (!P.geom[p]) { usedPoints.push(p); } }
    }
    var next = start.slice(0, nPlaces);
    var byPlace = new Int32Array(shown.length);
    shown.forEach(function (k) { byPlace[next[d.pl[k]]++] = k; });
    var contested = function (k) { return d.cx ? d.cx[k] === 1 : false; };
    var symbol = function (k) {
      var s = styles[d.style[k]];
      return window.mapviewSymbol(s[1], s[0], contested(k));
    };

    var info = null;  // the details file, once it is here
    var details = view.details ? load(view.details) : Promise.resolve(null);
    var popup = function (k, dd) {
      var box = el("div", null, "mapview-popup");
      box.setAttribute("data-incident", d.id[k]);
      box.appendChild(el("h4", dd.title[k]));
      var status = el("div", null, "meta mapview-status");
      var mark = el("span", null, "mapview-symbol");
      mark.innerHTML = symbol(k);  // mapview's own SVG, from constants (symbols.js)
      status.appendChild(mark);
      status.appendChild(document.createTextNode(
        styles[d.style[k]][1] + (contested(k) ? " · contested: the sources disagree" : "")));
      box.appendChild(status);
      box.appendChild(el("div", "When: " + dd.when[k], "meta"));
      var q = d.pl[k];
      box.appendChild(el("div", "Where: " + P.name[q] + " (" + d.precision[P.prec[q]] + ")",
                         "meta mapview-where"));
      box.appendChild(el("div", "Source: " + dd.source[dd.src[k]], "meta"));
      if (dd.accounts && dd.accounts[k] && dd.accounts[k].length) {
        var list = el("div", null, "mapview-accounts");
        list.appendChild(el("b", "Accounts"));
        dd.accounts[k].forEach(function (a) {
          var row = el("div", null, "mapview-account");
          row.appendChild(el("b", a[0] + " (" + a[1] + ")"));
          if (a[2]) { row.appendChild(el("div", a[2])); }
          list.appendChild(row);
        });
        box.appendChild(list);
      }
      box.appendChild(el("div", "Report: " + dd.report[d.art[k]], "meta"));
      if (dd.quotes) {
        dd.quotes[k].forEach(function (qt) {
          var b = el("blockquote", qt[1]); b.title = "Paragraph " + qt[0].slice(1); box.appendChild(b);
        });
      } else {
        box.appendChild(el("div", "Passages: in the side panel.", "meta"));
      }
      return box;
    };
    // One popup and one tooltip serve every marker: binding one each to 10,000 markers
    // costs seconds before the first draw.
    // Tall popups (accounts, several quotes) scroll inside, never past the map's edge.
    var shared = L.popup({maxWidth: 360, autoPanPadding: [20, 20],
                          maxHeight: Math.max(200, Math.round(map.getSize().y * 0.55))});
    var tip = L.tooltip({direction: "top", offset: [0, -10]});
    var openAt = function (k, latlng) {
      shared.setLatLng(latlng);
      if (info) { shared.setContent(popup(k, info)).openOn(map); return; }
      shared.setContent(el("div", "Loading…", "mapview-popup-wait")).openOn(map);
      details.then(function (dd) {
        if (dd && map.hasLayer(shared) && shared.getLatLng().equals(latlng)) {
          shared.setContent(popup(k, dd));
        }
      });
    };
    var anchor = function (q) { return L.latLng(P.lat[q], P.lng[q]); };

    // Point places: one marker per incident, its symbol telling status and category.
    var size = window.mapviewSymbolSize;
    var markers = {};
    var label = function (k) {
      return (info ? info.title[k] + " — " : "") + styles[d.style[k]][1] + ", " + P.name[d.pl[k]];
    };
    var marker = function (k) {
      var m = markers[d.id[k]];
      if (!m) {
        m = L.marker(anchor(d.pl[k]), {
          idx: k, keyboard: true, title: label(k), alt: label(k),
          icon: L.divIcon({className: "mapview-mk", html: symbol(k), iconSize: [size, size]})
        });
        m.feature = {type: "Feature", properties: {id: d.id[k]}, geometry: null};
        markers[d.id[k]] = m;
      }
      return m;
    };
    window.mapviewMarkers = markers;
    details.then(function (dd) {
      info = dd;
      Object.keys(markers).forEach(function (id) {  // titles for screen readers, now known
        var m = markers[id];
        m.options.title = m.options.alt = label(m.options.idx);
        if (m._icon) { m._icon.title = m.options.title; }
      });
    }).catch(function (err) { console.error(err); });
    // No re-clustering animation: a symbol is where its place is the moment the map
    // stops, so a click (or a test) aimed at it never lands where it was sliding from.
    var cluster = L.markerClusterGroup({maxClusterRadius: 30, showCoverageOnHover: false,
                                        zoomToBoundsOnClick: false, spiderfyOnMaxZoom: false,
                                        chunkedLoading: true, animate: false});
    // A cluster opens a step at a time: two zoom levels closer, or fanned out when its
    // incidents share one spot (or nothing closer would split them).
    var openCluster = function (c) {
      var b = c.getBounds(), z = map.getZoom();
      var fit = Math.min(map.getBoundsZoom(b.pad(0.2)), map.getMaxZoom());
      if (b.getNorthEast().equals(b.getSouthWest()) || fit <= z) { c.spiderfy(); return; }
      map.setView(b.getCenter(), Math.min(fit, z + 2));
    };
    cluster.on("clusterclick", function (e) { openCluster(e.layer); });
    cluster.on("clusterkeypress", function (e) { if (isEnter(e)) { openCluster(e.layer); } });
    cluster.on("click", function (e) {
      if (e.layer && e.layer.options.idx !== undefined) { openAt(e.layer.options.idx, e.layer.getLatLng()); }
    });
    cluster.on("keypress", function (e) {
      if (isEnter(e) && e.layer && e.layer.options.idx !== undefined) { press(e.layer, e); }
    });
    cluster.on("mouseover", function (e) {
      if (info && e.layer && e.layer.options.idx !== undefined) {
        tip.setLatLng(e.layer.getLatLng()).setContent(el("span", info.title[e.layer.options.idx]));
        map.openTooltip(tip);
      }
    });
    cluster.on("mouseout", function () { map.closeTooltip(tip); });

    // A counted disc stands for a crowded point place until the reader zooms in.
    var counted = L.featureGroup();  // a feature group: its clicks reach streamlit-folium
    var badgePane = "mapview-badges";
    if (!map.getPane(badgePane)) { map.createPane(badgePane).style.zIndex = 590; }
    var badge = function (q, cls, title, onClick) {
      var n = count[q];
      var px = Math.round(24 + 7 * Math.log10(n));
      var area = cls !== "mapview-count";
      var w = area ? px + 8 : px;
      var m = L.marker(anchor(q), {
        // An area's badge sits just above its centre, beneath the markers of any point
        // place near it (its own pane), so it never hides a village's symbol.
        icon: L.divIcon({className: cls, html: "<span>" + short(n) + "</span>",
                         iconSize: [w, px], iconAnchor: area ? [w / 2, px + 6] : [w / 2, px / 2]}),
        pane: area ? badgePane : "markerPane",
        title: title, alt: title, keyboard: true, riseOnHover: true
      });
      m.feature = {type: "Feature", properties: {place: P.id[q]}, geometry: null};
      m.on("click", onClick);
      m.on("keypress", function (e) { if (isEnter(e)) { press(m, e); } });
      return m;
    };
    var countMarker = function (q) {
      var m = badge(q, "mapview-count",
                    P.name[q] + ": " + count[q] + " incidents in view; zoom in to see each",
                    function () {
                      map.setView(m.getLatLng(), Math.min(map.getMaxZoom(),
                                  Math.max(map.getZoom() + 3, view.focusZoom)));
                    });
      return m;
    };

    // Lines and areas: their incidents are drawn on the shape itself (shaded, with a count
    // badge), never as markers at one point inside it, which would read as a precise spot.
    var focusPlace = focusIdx >= 0 ? d.pl[focusIdx] : -1;
    var single = function (q) { return count[q] === 1 ? byPlace[start[q]] : -1; };
    var shapeStyle = function (f) {
      var s = f.geometry.type.indexOf("Line") >= 0 ? view.line : view.area;
      return f.properties.pl === focusPlace ? Object.assign({}, s, view.focusShape) : s;
    };
    var shapeClick = function (q, latlng) {
      var k = single(q);
      if (k >= 0) { openAt(k, latlng); }
    };
    var shapeLayers = {};
    var shapes = L.geoJSON(d.shapes, {
      filter: function (f) { return count[f.properties.pl] > 0; },
      style: shapeStyle,
      onEachFeature: function (f, l) {
        var q = f.properties.pl;
        shapeLayers[P.id[q]] = l;
        l.bindTooltip(el("span", f.properties.name + ": " + count[q] + " incident(s) in view, "
                         + d.precision[P.prec[q]]), {sticky: true});
        l.on("click", function (e) { shapeClick(q, e.latlng); });
      }
    });
    window.mapviewShapes = shapeLayers;
    var areaBadges = L.featureGroup();
    used.forEach(function (q) {
      if (!P.geom[q]) { return; }
      var title = P.name[q] + ": " + count[q] + " incident(s) in view on this "
        + (P.geom[q] === 1 ? "line" : "area");
      areaBadges.addLayer(badge(q, "mapview-area-count", title, function () {
        shapeClick(q, anchor(q));
      }));
    });
    // Points that stand for a whole city or region get a dashed ring for their extent.
    var halos = L.layerGroup();
    usedPoints.forEach(function (q) {
      var r = view.halo[P.prec[q]];
      if (r) {
        halos.addLayer(L.circle(anchor(q), Object.assign({radius: r, interactive: false}, view.haloStyle)));
      }
    });
    group.addLayer(halos);
    group.addLayer(shapes);
    group.addLayer(areaBadges);
    group.addLayer(counted);
    group.addLayer(cluster);  // on the map first, so chunked loading draws as it goes

    // Which point places get a marker per incident: all of them when the view holds few
    // incidents, else those near the screen while they hold few, else none.
    var detailed = new Uint8Array(nPlaces);
    var pointTotal = 0;
    usedPoints.forEach(function (q) { pointTotal += count[q]; });
    var drawnKey = null;
    var redraw = function () {
      if (!map.hasLayer(group)) { return; }
      var list = usedPoints;
      if (pointTotal > view.detailLimit) {
        var box = map.getBounds().pad(0.5), total = 0;
        list = [];
        for (var j = 0; j < usedPoints.length && total <= view.detailLimit; j++) {
          var q = usedPoints[j];
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
      usedPoints.forEach(function (q) { if (!detailed[q]) { counted.addLayer(countMarker(q)); } });
      cluster.addLayers(batch);
      map.getContainer().setAttribute("data-detailed", String(batch.length));
    };
    map.on("moveend", redraw);
    group.on("remove", function () { map.off("moveend", redraw); });

    var firstLayer = !window.mapviewFramed;
    var focusShape = focusPlace >= 0 && P.geom[focusPlace] ? shapeLayers[P.id[focusPlace]] : null;
    var focus = focusIdx >= 0 && !focusShape ? marker(focusIdx) : null;
    var storyBox = view.story && view.story.points.length ? L.latLngBounds(view.story.points) : null;
    if (storyBox) {
      // A story step names its places: fly to them all, once per step (a rerun of the same
      // step, a slider move say, leaves the reader's view alone).
      if (window.mapviewStoryStep !== view.story.step) {
        window.mapviewStoryStep = view.story.step;
        whenSized(function () {
          map.flyToBounds(storyBox, {padding: [60, 60], maxZoom: view.focusZoom, duration: 0.8});
        });
      }
    } else if (firstLayer && shown.length && focusIdx < 0) {
      // Open framed on what is in view (a shared link may narrow it); later layer swaps
      // leave the reader's view alone.
      var frame = L.latLngBounds(used.map(function (q) { return [P.lat[q], P.lng[q]]; }));
      shapes.eachLayer(function (l) { frame.extend(l.getBounds()); });
      // The frame waits for the map to have a size, which a loaded machine may give it
      // only after this layer has drawn (and after a rerun has swapped it): until then the
      // map is not yet where the reader will first see it, and says so (data-framed).
      window.mapviewFramePending = true;
      whenSized(function () {
        map.fitBounds(frame, {padding: [30, 30], maxZoom: view.frameMaxZoom, animate: false});
        redraw();
        window.mapviewFramePending = false;
        map.getContainer().setAttribute("data-framed", "1");
      });
    }
    if (!view.story) { window.mapviewStoryStep = null; }
    redraw();
    window.mapviewFramed = true;
    if (!window.mapviewFramePending) { map.getContainer().setAttribute("data-framed", "1"); }
    map.getContainer().setAttribute("data-incidents", String(shown.length));
    firstDrawn();
    if (focusIdx < 0) { return; }
    // A link that names an incident opens on it. The page reruns right after its first
    // draw and swaps this layer, so the wish to pan is kept for a moment across swaps.
    var pending = window.mapviewPendingFocus;
    var pan = !storyBox && (view.pan || firstLayer
      || (pending && pending.id === view.focus && Date.now() < pending.until));
    if (pan && (view.pan || firstLayer)) {
      window.mapviewPendingFocus = {id: view.focus, until: Date.now() + 3000};
    }
    // A selection made by clicking on the map already has its popup, which the reader may
    // since have closed: this view must not open it again.
    var wantPopup = view.popup || pan;
    if (focusShape) {
      var here = anchor(focusPlace);
      if (pan) {
        whenSized(function () {
          map.fitBounds(focusShape.getBounds(), {padding: [40, 40], maxZoom: view.focusZoom, animate: false});
          redraw();
          if (wantPopup) { openAt(focusIdx, here); }
        });
      } else if (wantPopup) {
        openAt(focusIdx, here);
      }
      return;
    }
    // Zoom in until distinct places split, fan out what still shares a place, then open
    // the popup. A place too crowded to draw in detail shows the focused incident alone.
    var open = function () { if (wantPopup) { openAt(focusIdx, focus.getLatLng()); } };
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
