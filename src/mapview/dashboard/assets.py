"""Offline assets: Leaflet, MarkerCluster and the basemap, served by the app itself.

folium's defaults load scripts from CDNs, which a newsroom laptop on a plane or an
analyst on an air-gapped network cannot reach. Streamlit's static serving only serves
real files under `static/` beside app.py (it answers 400 for symlinks), so they are
copied out of the XStatic pip packages; the basemap is written from Natural Earth and
the place names from GeoNames (see labels.py).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import time
import urllib.parse
from functools import cache
from pathlib import Path
from typing import Any

import xstatic.pkg.leaflet as xs_leaflet
import xstatic.pkg.leaflet_markercluster as xs_cluster

from mapview.dashboard.labels import labels_file, write_labels
from mapview.data.naturalearth import basemap_geojson
from mapview.data.storage import write_atomic

URL_ROOT = "/app/static"
VENDOR = {
    "leaflet": (xs_leaflet.BASE_DIR, ["leaflet.js", "leaflet.css", "images"]),
    "markercluster": (
        xs_cluster.BASE_DIR,
        ["leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"],
    ),
}
BASEMAP_FILE = "mapview/basemap-countries.geojson.gz"  # gzipped once: see publish_data


def url(*parts: str) -> str:
    return "/".join([URL_ROOT, *parts])


LEAFLET_JS = [("leaflet", url("vendor", "leaflet", "leaflet.js"))]
LEAFLET_CSS = [("leaflet_css", url("vendor", "leaflet", "leaflet.css"))]
CLUSTER_JS = [("markercluster", url("vendor", "markercluster", "leaflet.markercluster.js"))]
CLUSTER_CSS = [
    ("markercluster_css", url("vendor", "markercluster", "MarkerCluster.css")),
    ("markercluster_default_css", url("vendor", "markercluster", "MarkerCluster.Default.css")),
]
BASEMAP_URL = url(BASEMAP_FILE)
LABELS_URL = url(labels_file())  # named by its sources, so no stale cache (labels.py)
JS_SOURCE = Path(__file__).parent / "js"  # mapview's own browser code, shipped in the package
MAP_BUNDLE_FILE = "mapview/js/map.js"


def _bundle_parts() -> list[Path]:
    """Leaflet, MarkerCluster, then mapview's own scripts, in the order they must run."""
    return [
        Path(xs_leaflet.BASE_DIR) / "leaflet.js",
        Path(xs_cluster.BASE_DIR) / "leaflet.markercluster.js",
        *sorted(JS_SOURCE.glob("*.js")),
    ]


@cache
def map_bundle() -> tuple[str, str]:
    """The map's scripts as one file, and its content hash.

    streamlit-folium loads a map's scripts one after another, each waiting for the last:
    four files cost four round trips before the map can start (0.3 s measured at 10k).
    One file costs one, and a content hash in its URL means a new release is never
    served from a browser's cache of the old one.
    """
    text = "\n;\n".join(p.read_text(encoding="utf-8") for p in _bundle_parts()) + "\n"
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def map_js(data_url: str) -> str:
    """The bundle's URL, naming the incident data so the browser fetches it while the
    map's code still runs (see incidents.js)."""
    query = urllib.parse.urlencode({"v": map_bundle()[1], "data": data_url})
    return url(*MAP_BUNDLE_FILE.split("/")) + "?" + query


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
    bundle, _ = map_bundle()
    dst = static_dir / MAP_BUNDLE_FILE
    if not dst.exists() or dst.read_text(encoding="utf-8") != bundle:
        write_atomic(dst, bundle)
    basemap = static_dir / BASEMAP_FILE
    if not basemap.exists():
        write_atomic(basemap, gzip.compress(basemap_geojson().encode("utf-8"), 9, mtime=0))
    write_labels(static_dir)
    return static_dir


DATA_DIR = "mapview/data"
GRACE_S = 120  # a page that loaded just before a dataset changed may still fetch the old file


def publish_data(payload: dict[str, Any], static_dir: Path, kind: str = "incidents") -> str:
    """Write a dataset's map payload as a gzipped static file named by its content; return
    its URL.

    Gzipped once here rather than by the server on every request: Streamlit's server
    compresses each response of `/app/static` anew in its event loop, which took 1.7 s
    for 100,000 incidents and held up every other session meanwhile. The page inflates
    it with the browser's own `DecompressionStream`. Named by hash, a new dataset never
    reuses a stale browser cache and an unchanged one is never rewritten. Anyone who can
    open the dashboard can read this file, exactly as they can read the page: it holds
    nothing the page does not show. Every other file of this kind goes (after a short
    grace for pages mid-load), so the server serves its current dataset and nothing it
    served before.
    """
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    digest = hashlib.sha256(text).hexdigest()[:16]
    name = f"{kind}-{digest}.json.gz"
    folder = Path(static_dir) / DATA_DIR
    target = folder / name
    if not target.exists():
        write_atomic(target, gzip.compress(text, compresslevel=6, mtime=0))
    now = time.time()
    for old in folder.glob(f"{kind}-*"):
        try:
            if old.name != name and now - old.stat().st_mtime > GRACE_S:
                old.unlink()
        except FileNotFoundError:  # another session of this server removed it first
            pass
    return url(DATA_DIR, name)
