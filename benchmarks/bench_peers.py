"""First map drawn: mapview beside the other ways to put these points on a Streamlit page.

Each app (mapview, and the peers in `benchmarks/peers/`) runs as its own `streamlit run`
on loopback with the same synthetic incidents; headless Debian chromium opens it twice
(the first visit warms the server's caches, as an earlier colleague would) and the second
visit is timed from navigation until the app's points are on screen:
- mapview: its incident layer has drawn (`#map_div[data-incidents]` in the map frame);
- streamlit-folium + FastMarkerCluster: a marker or cluster icon exists in the map frame;
- st.pydeck_chart, st.map: deck.gl's canvas exists (points follow within a frame or two;
  deck.gl gives no signal a page can read, so this is a lower bound);
- hello: the word is on the page.
Also prints each server's memory after the visits. Not a test: figures depend on the machine.

Run: `make bench` (or `.venv/bin/python benchmarks/bench_peers.py [N ...]`).
"""

from __future__ import annotations

import re
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import AbstractContextManager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import make_dataset  # noqa: E402
from mapview.dashboard.assets import install_assets  # noqa: E402
from tests.servers import rss_kb, serve, streamlit_server  # noqa: E402
from tests.test_browser import FLAGS  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
OUTSIDE = re.compile(r"^(?!https?://127\.0\.0\.1[:/])")
PEERS = ROOT / "benchmarks" / "peers"
CONFIG = """[server]
headless = true
enableStaticServing = true
fileWatcherType = "none"
[browser]
gatherUsageStats = false
"""


def peer_server(script: str, data: Path, info: dict[str, int]) -> AbstractContextManager[str]:
    """A peer app in a folder of its own, with the app's offline Leaflet files."""
    app = Path(tempfile.mkdtemp(prefix="mapview-peer-"))
    shutil.copyfile(PEERS / script, app / script)
    shutil.copyfile(PEERS / "_data.py", app / "_data.py")
    (app / ".streamlit").mkdir()
    (app / ".streamlit" / "config.toml").write_text(CONFIG)
    install_assets(app / "static")
    return serve(app, script, {"PEER_DATA": str(data)}, info=info)


# Each app's "points are on screen" as a test the page itself runs every 10 ms (in every
# frame), noting the time the test first passes. Measured in the page,
# the figure does not depend on how often this script looks, nor on a frame being too
# busy to answer while it builds the map.
APPS: list[tuple[str, str | None, str]] = [
    ("a page that only says hello", "hello.py", "document.body.textContent.includes('hello')"),
    ("mapview", None, "!!document.querySelector('#map_div[data-incidents]')"),
    (
        "streamlit-folium + FastMarkerCluster",
        "fastcluster.py",
        "!!document.querySelector('#map_div .leaflet-marker-icon, #map_div .marker-cluster')",
    ),
    (
        "st.pydeck_chart ScatterplotLayer",
        "pydeck_app.py",
        "!!document.querySelector('[data-testid=\"stDeckGlJsonChart\"] canvas')",
    ),
    (
        "st.map",
        "stmap.py",
        "!!document.querySelector('[data-testid=\"stDeckGlJsonChart\"] canvas')",
    ),
]
WATCH = """(() => {
  const ready = () => { try { return %s; } catch (e) { return false; } };
  const mark = () => {
    if (!window.__benchReady && document.body && ready()) {
      window.__benchReady = performance.timeOrigin + performance.now();
      top.postMessage({benchReady: window.__benchReady}, "*");
    }
  };
  const timer = setInterval(() => { mark(); if (window.__benchReady) clearInterval(timer); }, 10);
  if (window === top) {
    window.addEventListener("message", (e) => {
      if (e.data && e.data.benchReady && !window.__benchFirst) {
        window.__benchFirst = e.data.benchReady;
      }
    });
  }
})();"""


def visit(browser, url: str, ready: str) -> float:  # type: ignore[no-untyped-def]
    """Seconds from navigation until `ready` first held in any frame of a fresh context."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(WATCH % ready)
    page = context.new_page()
    # Only requests to other hosts are intercepted (and refused): routing every request
    # through this script would delay each of the page's files by a round trip to Python,
    # more for the apps that load more files.
    page.route(OUTSIDE, lambda r: r.abort())
    page.goto(url + "/")
    deadline = time.monotonic() + 180
    while True:
        first = page.evaluate("window.__benchFirst || null")
        if first:
            elapsed = (first - page.evaluate("performance.timeOrigin")) / 1000
            break
        if time.monotonic() > deadline:
            elapsed = float("nan")
            break
        page.wait_for_timeout(50)
    context.close()
    return float(elapsed)


def main(sizes: list[int], runs: int = 3) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for n in sizes:
            data = make_dataset(Path(tmp) / f"n{n}", n)
            print(
                f"== first points drawn, {n:,} incidents at 400 places ({runs} visits, median) =="
            )
            print(f"  {'app':40s} {'first draw':>11s} {'server RSS':>11s}")
            for name, script, ready in APPS:
                info: dict[str, int] = {}
                server = (
                    streamlit_server(data, info=info)
                    if script is None
                    else peer_server(script, data, info)
                )
                with server as url:
                    visit(browser, url, ready)  # warm the server, as a first colleague does
                    times = [visit(browser, url, ready) for _ in range(runs)]
                    rss = rss_kb(info["pid"]) / 1024
                print(f"  {name:40s} {statistics.median(times):9.2f} s {rss:8.0f} MB")
                sys.stdout.flush()
        browser.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
