"""Offline assets: Leaflet, jQuery, MarkerCluster and the basemap, served by the app itself.

folium's defaults load scripts from CDNs, which a newsroom laptop on a plane or an
analyst on an air-gapped network cannot reach. Streamlit's static serving only serves
real files under `static/` beside app.py (it answers 400 for symlinks), so they are
copied out of the XStatic pip packages; the basemap is written from Natural Earth.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from pathlib import Path
from typing import Any

import xstatic.pkg.jquery as xs_jquery
import xstatic.pkg.leaflet as xs_leaflet
import xstatic.pkg.leaflet_markercluster as xs_cluster

from mapview.data.naturalearth import basemap_geojson
from mapview.data.storage import write_atomic

URL_ROOT = "/app/static"
VENDOR = {
    "leaflet": (xs_leaflet.BASE_DIR, ["leaflet.js", "leaflet.css", "images"]),
    "jquery": (xs_jquery.BASE_DIR, ["jquery.min.js"]),
    "markercluster": (
        xs_cluster.BASE_DIR,
        ["leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"],
    ),
}
BASEMAP_FILE = "mapview/basemap-countries.geojson"


def url(*parts: str) -> str:
    return "/".join([URL_ROOT, *parts])


LEAFLET_JS = [
    ("leaflet", url("vendor", "leaflet", "leaflet.js")),
    ("jquery", url("vendor", "jquery", "jquery.min.js")),
]
LEAFLET_CSS = [("leaflet_css", url("vendor", "leaflet", "leaflet.css"))]
CLUSTER_JS = [("markercluster", url("vendor", "markercluster", "leaflet.markercluster.js"))]
CLUSTER_CSS = [
    ("markercluster_css", url("vendor", "markercluster", "MarkerCluster.css")),
    ("markercluster_default_css", url("vendor", "markercluster", "MarkerCluster.Default.css")),
]
BASEMAP_URL = url(BASEMAP_FILE)
JS_SOURCE = Path(__file__).parent / "js"  # mapview's own browser code, shipped in the package


def _versioned(name: str) -> str:
    """The URL of one of mapview's scripts, with its content hash: a new release is never
    served from a browser's cache of the old one."""
    digest = hashlib.sha256((JS_SOURCE / name).read_bytes()).hexdigest()[:12]
    return url("mapview", "js", name) + f"?v={digest}"


INCIDENTS_JS = _versioned("incidents.js")


def install_assets(static_dir: Path) -> Path:
    """Copy every asset the map needs under `static_dir`; cheap when already done."""
    static_dir = Path(static_dir)
    for name, (base, entries) in VENDOR.items():
        target = static_dir / "vendor" / name
        for entry in entries:
            src, dst = Path(base) / entry, target / entry
            if src.is_dir():
                shutil.copytree(src, dst, dirs_exist_ok=True)
            elif not dst.exists() or dst.stat().st_size != src.stat().st_size:
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dst)
    for script in JS_SOURCE.glob("*.js"):
        dst = static_dir / "mapview" / "js" / script.name
        if not dst.exists() or dst.read_bytes() != script.read_bytes():
            write_atomic(dst, script.read_text(encoding="utf-8"))
    basemap = static_dir / BASEMAP_FILE
    if not basemap.exists():
        write_atomic(basemap, basemap_geojson())
    return static_dir


DATA_DIR = "mapview/data"
GRACE_S = 120  # a page that loaded just before a dataset changed may still fetch the old file


def publish_data(payload: dict[str, Any], static_dir: Path) -> str:
    """Write a dataset's map payload as a static file named by its content; return its URL.

    Named by hash, a new dataset never reuses a stale browser cache and an unchanged one
    is never rewritten. Anyone who can open the dashboard can read this file, exactly as
    they can read the page: it holds nothing the page does not show. Every other data file
    goes (after a short grace for pages mid-load), so the server serves its current dataset
    and nothing it served before.
    """
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    name = f"incidents-{digest}.json"
    folder = Path(static_dir) / DATA_DIR
    target = folder / name
    if not target.exists():
        write_atomic(target, text)
    now = time.time()
    for old in folder.glob("incidents-*.json"):
        try:
            if old.name != name and now - old.stat().st_mtime > GRACE_S:
                old.unlink()
        except FileNotFoundError:  # another session of this server removed it first
            pass
    return url(DATA_DIR, name)
