"""Dashboard speed and size at 10,000, 100,000 and 1,000,000 synthetic incidents.

Measures, per size:
- dataset load and validation time, then the load from the validated Parquet copy;
- server time of one full page rerun after a slider move (Streamlit AppTest, warm caches),
  median of several moves;
- bytes sent to the browser for the map: the map script and incident layer on every rerun,
  and the two data files the page fetches once (gzipped, as served);
- time from navigation to the first drawn incidents in headless Debian chromium, timed in
  the page as bench_peers.py does, and the server's memory after those visits.

Run: `make bench` (or `.venv/bin/python benchmarks/bench_dashboard.py [N ...]`).
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import make_dataset  # noqa: E402
from mapview.dashboard.layers import (  # noqa: E402
    base_map,
    detail_payload,
    layer_view,
    map_payload,
    view_script,
)
from mapview.dashboard.view import default_view, visible  # noqa: E402
from mapview.data import cache  # noqa: E402
from mapview.data.dataset import load_dataset  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def map_bytes(root: Path) -> tuple[int, int, int, int, int]:
    """(map script, layer per rerun, data file and details file once per page (gzipped, as
    served), incidents)."""
    import gzip
    import json

    from mapview.dashboard.mapframe import render_base

    ds = load_dataset(root)
    view = default_view(ds)
    script = render_base(base_map(ds)).script
    layer = view_script(
        layer_view("/app/static/mapview/data/incidents-0123456789abcdef.json", view)
    )
    sizes = [
        len(gzip.compress(json.dumps(p(ds), separators=(",", ":")).encode(), 6))
        for p in (map_payload, detail_payload)
    ]
    return len(script.encode()), len(layer.encode()), sizes[0], sizes[1], len(visible(ds, view))


def rerun_times(root: Path, moves: int = 5, step_days: int = 30) -> tuple[float, float, float]:
    """(first run, median rerun as AppTest sees it, median time inside the page script).

    AppTest polls for the run's end, which adds a few milliseconds; the script time is
    measured around `mapview.dashboard.page.render` itself, which is the server's work.
    """
    from streamlit.testing.v1 import AppTest

    import mapview.dashboard.page

    script_times: list[float] = []
    original = mapview.dashboard.page.render

    def timed(*args: object, **kwargs: object) -> None:
        t0 = time.perf_counter()
        try:
            original(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            script_times.append(time.perf_counter() - t0)

    os.environ["MAPVIEW_DATA"] = str(root)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)
    t0 = time.perf_counter()
    at.run()  # a session's first run: the map alone
    first = time.perf_counter() - t0
    at.run()  # the map's first report: the rest of the page
    if at.exception:
        raise RuntimeError(at.exception)
    mapview.dashboard.page.render = timed  # app.py imports it afresh on every run
    lo, hi = at.slider(key="w_window").value
    times = []
    try:
        for k in range(moves):
            start = lo + timedelta(days=step_days * (k % 2 + 1))
            slider = at.slider(key="w_window").set_value((start, hi))
            t0 = time.perf_counter()
            slider.run()
            times.append(time.perf_counter() - t0)
    finally:
        mapview.dashboard.page.render = original
    return first, statistics.median(times), statistics.median(script_times)


def first_draw(root: Path) -> tuple[float, float, float]:
    """(first visit, median of three later visits, server RSS in MB after them), timed in
    the page as bench_peers.py times every app."""
    from playwright.sync_api import sync_playwright

    from benchmarks.bench_peers import APPS, visit
    from tests.servers import rss_kb, streamlit_server
    from tests.test_browser import FLAGS

    ready = next(test for name, _, test in APPS if name == "mapview")
    info: dict[str, int] = {}
    with streamlit_server(root, info=info, timeout=600) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        cold = visit(browser, url, ready)  # loads the dataset, publishes its data files
        warm = statistics.median(visit(browser, url, ready) for _ in range(3))
        rss = rss_kb(info["pid"]) / 1024
        browser.close()
        return cold, warm, rss


def main(sizes: list[int]) -> None:
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = make_dataset(Path(tmp) / f"n{n}", n)
            os.environ["MAPVIEW_CACHE"] = str(Path(tmp) / "cache")  # start with none
            t0 = time.perf_counter()
            load_dataset(root)
            load_s = time.perf_counter() - t0
            cache.wait()
            t0 = time.perf_counter()
            load_dataset(root)
            cached_s = time.perf_counter() - t0
            map_js, layer, data, details, shown = map_bytes(root)
            first, rerun, script = rerun_times(root)
            cold, draw, server_rss = (
                first_draw(root) if Path(CHROMIUM).exists() else (float("nan"),) * 3
            )
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"incidents: {n:,}")
            print(f"  load + validate dataset:       {load_s * 1000:8.0f} ms (first time)")
            print(f"  load again (validated copy):   {cached_s * 1000:8.0f} ms")
            print(f"  first page run (cold caches):  {first * 1000:8.0f} ms (the map alone)")
            print(
                f"  rerun after a slider move:     {script * 1000:8.0f} ms in the page script "
                f"({rerun * 1000:.0f} ms through AppTest; medians of 5)"
            )
            print(f"  map script + incident layer:   {map_js + layer:8,d} bytes per rerun")
            per = data / shown
            print(f"  incident data file (gzipped):  {data:8,d} bytes once, {per:.1f} B/incident")
            print(f"  details file (after the draw): {details:8,d} bytes once")
            print(f"  first visit to a new server:   {cold * 1000:8.0f} ms to the first incidents")
            print(f"  first incidents drawn:         {draw * 1000:8.0f} ms (median of 3 visits)")
            print(f"  server memory after visits:    {server_rss:8.0f} MB")
            print(f"  peak RSS of this process:      {rss:8.0f} MB (loads, AppTest)")
            sys.stdout.flush()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000])
