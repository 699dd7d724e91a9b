"""Store figures (issue "Beyond one machine"): corpus ingest on Dask with 1 and 2 workers,
and a store of N incidents: build time, size, and the dashboard's bounded queries.

    .venv/bin/python benchmarks/bench_store.py [--reports 1000] [--incidents 1000000]

Reports are generated from our own sentence templates and gazetteer places; incidents
come from benchmarks/synthetic.py. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import make_dataset
from mapview.store import Store, build_store
from mapview.store.ingest import run

TOWNS = [
    ("Kharkiv", "Ukraine"), ("Mosul", "Iraq"), ("El Fasher", "Sudan"), ("Goma", "Congo"),
    ("Aleppo", "Syria"), ("Kandahar", "Afghanistan"), ("Maiduguri", "Nigeria"),
    ("Bamako", "Mali"), ("Mogadishu", "Somalia"), ("Sittwe", "Myanmar"),
    ("Port-au-Prince", "Haiti"), ("Juba", "South Sudan"), ("Marawi", "Philippines"),
]  # fmt: skip
SENTENCES = [
    "Shelling hit {a} on {day}, and residents fled toward {b}, officials in {country} said.",
    "In {a}, a market was struck on {day}; at least {n} people were wounded.",
    "Aid convoys reached {b} two days later after the road from {a} reopened.",
    "Fighters attacked a checkpoint near {a} on {day}, the army of {country} said.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def make_reports(folder: Path, n: int, seed: int = 11) -> None:
    """N reports of about 1,000 words (ten paragraphs of twenty-odd sentences)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for i in range(n):
        paragraphs = []
        for _ in range(10):
            a, country = rng.choice(TOWNS)
            b, _ = rng.choice(TOWNS)
            words = [
                rng.choice(SENTENCES).format(
                    a=a, b=b, country=country, day=rng.choice(DAYS), n=rng.randint(2, 40)
                )
                for _ in range(4)
            ]
            paragraphs.append(" ".join(words))
        published = date(2023, 1, 1) + timedelta(days=rng.randint(0, 700))
        text = f"Report {i}\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"r{i:05d}.txt").write_text(text)
        (folder / f"r{i:05d}.txt.json").write_text(f'{{"published": "{published}"}}')


def bench_ingest(reports: int, tmp: Path) -> None:
    corpus = tmp / "corpus"
    make_reports(corpus, reports)
    rates = {}
    for workers in (1, 2):
        store = tmp / f"ingest-{workers}"
        started = time.perf_counter()
        report = run([str(corpus)], store, workers=workers)
        seconds = time.perf_counter() - started
        rates[workers] = len(report.ingested) / seconds
        print(
            f"ingest {reports} reports, {workers} worker(s): {seconds:.1f} s, "
            f"{rates[workers]:.1f} reports/s ({report.incidents} draft incidents, "
            f"{len(report.failed)} failed; cluster start included)"
        )
        shutil.rmtree(store)
    print(f"ingest speed-up, 2 workers over 1: {rates[2] / rates[1]:.2f}x (target 1.7x)")


def bench_store(incidents: int, tmp: Path) -> None:
    data = make_dataset(tmp / "data", incidents)
    started = time.perf_counter()
    store = build_store(data, tmp / "store")
    built = time.perf_counter() - started
    size = sum(p.stat().st_size for p in store.root.rglob("*") if p.is_file())
    print(f"store of {incidents} incidents: built in {built:.1f} s, {size / 1e6:.0f} MB on disk")
    store = Store.open(store.root)
    con = store.connect()
    months = [r[0] for r in con.execute("SELECT DISTINCT month FROM incidents").fetchall()]
    month = sorted(months)[len(months) // 2]

    def timed(label: str, sql: str) -> None:
        runs = []
        for _ in range(5):
            fresh = Store.open(store.root).connect()  # a page's query: a new connection
            t = time.perf_counter()
            rows = fresh.sql(sql).to_arrow_table()  # as a page reads it: columns
            runs.append(time.perf_counter() - t)
        print(f"  {label}: median {statistics.median(runs) * 1000:.0f} ms ({len(rows):,} rows)")

    one_month = store.relation_sql("incidents", [month])
    timed(
        f"one month ({month}), the month's parts only",
        f"SELECT id, place, lon, lat, date_start, category FROM ({one_month})",
    )
    timed(
        "a country-sized box (5 x 5 degrees), whole store",
        "SELECT id, place, lon, lat FROM incidents "
        "WHERE lon BETWEEN 30 AND 35 AND lat BETWEEN 46 AND 51",
    )
    timed(
        "a country-sized box in one month",
        f"SELECT id, place, lon, lat, date_start, category FROM ({one_month}) "
        "WHERE lon BETWEEN 30 AND 35 AND lat BETWEEN 46 AND 51",
    )
    timed(
        "counts per place in the box, whole store",
        "SELECT place, count(*) FROM incidents "
        "WHERE lon BETWEEN 30 AND 35 AND lat BETWEEN 46 AND 51 GROUP BY place",
    )
    timed(
        "counts per place, whole store",
        "SELECT place, count(*) FROM incidents GROUP BY place",
    )
    bench_page(store.root, tmp)


def bench_page(store: Path, tmp: Path) -> None:
    """The dashboard on the store: it loads a period (the latest months under
    PERIOD_LIMIT incidents), so page open and a slider move are those of that period."""
    import os

    from streamlit.testing.v1 import AppTest

    from benchmarks.bench_dashboard import CHROMIUM, first_draw, rerun_times
    from mapview.store.period import PERIOD_LIMIT, choose_period, month_counts

    os.environ["MAPVIEW_CACHE"] = str(tmp / "cache")  # no period exported yet
    counts = month_counts(Store.open(store))
    period, _ = choose_period(counts, None)
    assert period is not None
    loaded = sum(counts[m] for m in period.months(counts))
    print(
        f"dashboard on the store: loads {period.label}, {loaded:,} incidents "
        f"(limit {PERIOD_LIMIT:,})"
    )
    first, _, script = rerun_times(store, step_days=7)
    print(f"  first page run, new period (export, validate, publish): {first:.1f} s")
    print(f"  rerun after a slider move: {script * 1000:.0f} ms in the page script (median of 5)")
    os.environ["MAPVIEW_DATA"] = str(store)
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=900)
    at.run().run()
    months = list(counts)
    other = months[months.index(period.first) - 1]
    picker = at.select_slider(key=f"w_period_{period.key}").set_value((other, other))
    t = time.perf_counter()
    picker.run()
    print(f"  another month picked ({other}): {time.perf_counter() - t:.1f} s to its page")
    if Path(CHROMIUM).exists():
        cold, warm, rss = first_draw(store)
        print(f"  first visit to a new server: {cold:.1f} s to the first incidents")
        print(f"  first incidents drawn: {warm:.1f} s (median of 3 later visits)")
        print(f"  server memory after the visits: {rss:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--incidents", type=int, default=1_000_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mapview-bench-store-"))
    try:
        if args.reports:
            bench_ingest(args.reports, tmp)
        if args.incidents:
            bench_store(args.incidents, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
