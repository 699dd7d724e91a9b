"""How well `mapview ingest` reads the seed report, against the curated dataset (prints figures).

Two runs: with the curated gazetteer as shipped (landmarks, bridge, border area and their
aliases), and with GeoNames alone (no curated entries), which is what an article about
places nobody has curated gets. Metrics:
- place recall/precision: a drafted place counts when it lies within 5 km of a curated
  point or line, or inside a curated area;
- date accuracy: curated incidents for which a draft at a matching place has the same
  date range;
- passage overlap: for each curated incident, the best character overlap (Jaccard) of a
  matching draft's passages with the curated passages, averaged;
- throughput on one core for a 1,000-word article, gazetteer load time and memory.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

from pyproj import Geod

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mapview.dataset import DEFAULT_DATA, Dataset, load_dataset  # noqa: E402
from mapview.gazetteer import load_gazetteer  # noqa: E402
from mapview.ingest import Draft, draft  # noqa: E402
from mapview.places import Place  # noqa: E402
from mapview.seed import DESIGN_CARD_PLACES, SEED_ID, build_seed_article  # noqa: E402

DESIGN_CARD = list(DESIGN_CARD_PLACES)
GEOD = Geod(ellps="WGS84")


def distance_km(a: Place, b: Place) -> float:
    pa, pb = a.geometry, b.geometry
    if pb.geom_type in ("Polygon", "MultiPolygon") and pb.buffer(0.01).contains(pa.centroid):
        return 0.0
    from shapely.ops import nearest_points

    p1, p2 = nearest_points(pa, pb)
    return GEOD.inv(p1.x, p1.y, p2.x, p2.y)[2] / 1000


def near(place: Place, curated: Place) -> bool:
    return distance_km(place, curated) <= 5


def evaluate(result: Draft, seed: Dataset, places: dict[str, Place]) -> dict[str, object]:
    everything = {**places, **result.places}
    found = {inc.place: everything[inc.place] for inc in result.incidents}
    hits = {cid for cid, c in seed.places.items() if any(near(f, c) for f in found.values())}
    true = [fid for fid, f in found.items() if any(near(f, c) for c in seed.places.values())]
    false = sorted(set(found) - set(true))
    dates_ok, overlaps = 0, []
    for cur in seed.incidents:
        target = seed.places[cur.place]
        drafts = [d for d in result.incidents if near(found[d.place], target)]
        if any((d.date_start, d.date_end) == (cur.date_start, cur.date_end) for d in drafts):
            dates_ok += 1
        best = 0.0
        for d in drafts:
            for cp in cur.passages:
                for dp in d.passages:
                    if cp.paragraph != dp.paragraph:
                        continue
                    a, b = set(range(cp.start, cp.end)), set(range(dp.start, dp.end))  # type: ignore[arg-type]
                    best = max(best, len(a & b) / len(a | b))
        overlaps.append(best)
    return {
        "design-card places found": len(hits & set(DESIGN_CARD)) / len(DESIGN_CARD),
        "design-card places missed": sorted(set(DESIGN_CARD) - hits),
        "curated places found": len(hits) / len(seed.places),
        "place precision": len(true) / len(found) if found else 0.0,
        "false places": false,
        "curated incident dates recovered": dates_ok / len(seed.incidents),
        "mean passage overlap": sum(overlaps) / len(overlaps),
        "draft incidents": len(result.incidents),
    }


def thousand_words(article_text: str) -> str:
    words = article_text.split()
    return " ".join(words[:1000])


def main() -> None:
    seed = load_dataset(DEFAULT_DATA)
    article = build_seed_article(DEFAULT_DATA / "sources" / f"{SEED_ID}.txt")
    t0 = time.perf_counter()
    gaz = load_gazetteer()
    load_s = time.perf_counter() - t0
    for label, places in (("curated gazetteer + GeoNames", seed.places), ("GeoNames only", {})):
        base = Dataset(root=DEFAULT_DATA, articles={}, places=places, incidents=[])
        result = draft(article.model_copy(update={"id": "eval"}), base, gaz)
        print(f"{label}:")
        for key, value in evaluate(result, seed, places).items():
            shown = f"{value:.0%}" if isinstance(value, float) else value
            print(f"  {key + ':':36} {shown}")
    # Throughput: a 1,000-word article (the seed's words, repeated to length).
    body = " ".join(p.text for p in article.body)
    while len(body.split()) < 1000:
        body += " " + body
    text = "\n\n".join(
        thousand_words(body)[i : i + 600] for i in range(0, len(thousand_words(body)), 600)
    )
    from mapview.article import build_article

    big = build_article(
        text, article_id="bench", publisher="Bench", published=article.published, title="Bench"
    )
    base = Dataset(root=DEFAULT_DATA, articles={}, places=seed.places, incidents=[])
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < 3:
        draft(big, base, gaz)
        n += 1
    rate = n / (time.perf_counter() - t0)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    fresh = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time; t=time.perf_counter(); "
            "from mapview.gazetteer import load_gazetteer; load_gazetteer(); "
            "print(time.perf_counter()-t)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    print("throughput:")
    print(f"  {'gazetteer load (this process):':36} {load_s:.2f} s")
    print(f"  {'gazetteer load incl. imports (fresh):':36} {float(fresh.stdout):.2f} s")
    print(f"  {'1,000-word articles per second:':36} {rate:.1f}")
    print(f"  {'peak memory (RSS):':36} {rss:.0f} MB")


if __name__ == "__main__":
    main()
