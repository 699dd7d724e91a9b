"""How well `mapview ingest` reads reports it was not built on (prints figures; not a test).

The corpus is `benchmarks/corpus/` (see its README): a development half the rules may be tuned
on and a test half that is only ever scored. For each report, against its gold:
- place recall: gold places that a drafted place matches (a point or line within the gold
  tolerance; for a region, a drafted *area* that holds the gold point or lies within the
  tolerance of it);
- false places: drafted places that match no gold place, with their names;
- date accuracy: gold key events for which a draft at a matching place, whose passage holds
  the gold quote, has exactly the gold date range;
- ingest time (reading, cleaning and drafting; the gazetteer already open).
The same figures for a gazetteer-only baseline: every capitalised name the gazetteer knows,
its most populous namesake, the first date in the sentence; no context, no rules.
Then throughput, gazetteer load time and peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import shapely
from pyproj import Geod
from shapely.geometry.base import BaseGeometry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mapview.data.article import Article, build_article  # noqa: E402
from mapview.data.dataset import Dataset  # noqa: E402
from mapview.data.dates import find_dates  # noqa: E402
from mapview.ingest.drafts import _sentences, read_source  # noqa: E402
from mapview.ingest.drafts import draft as mapview_draft  # noqa: E402
from mapview.ingest.gazetteer import Gazetteer, fold, load_gazetteer  # noqa: E402
from mapview.ingest.mentions import _is_cap  # noqa: E402

CORPUS = ROOT / "benchmarks" / "corpus"
GEOD = Geod(ellps="WGS84")


@dataclass
class Drafted:
    """What either reader produced: places (name, geometry) and dated passages."""

    places: dict[str, tuple[str, BaseGeometry]] = field(default_factory=dict)
    # (place id, paragraph text span start/end, date start, date end)
    events: list[tuple[str, str, int, int, date, date]] = field(default_factory=list)


def km(geom: BaseGeometry, lon: float, lat: float) -> float:
    point = shapely.Point(lon, lat)
    if geom.geom_type in ("Polygon", "MultiPolygon") and geom.contains(point):
        return 0.0
    from shapely.ops import nearest_points

    p1, _ = nearest_points(geom, point)
    return GEOD.inv(p1.x, p1.y, lon, lat)[2] / 1000


def matches(geom: BaseGeometry, gold: dict) -> bool:  # type: ignore[type-arg]
    """A region needs an area that holds its point; anything else needs a point or line
    near it (an area counts only if its own centre is that near: a province drawn around
    a city has not found the city)."""
    is_area = geom.geom_type in ("Polygon", "MultiPolygon")
    if gold["kind"] == "region" and not is_area:
        return False
    if gold["kind"] != "region" and is_area:
        centre = geom.representative_point()
        return km(centre, gold["lon"], gold["lat"]) <= gold["tolerance_km"]
    return km(geom, gold["lon"], gold["lat"]) <= gold["tolerance_km"]


def loosely(geom: BaseGeometry, gold: dict) -> bool:  # type: ignore[type-arg]
    """For false places: a drafted point inside a gold region's tolerance is not false."""
    return km(geom, gold["lon"], gold["lat"]) <= gold["tolerance_km"]


def mapview_reader(article: Article, gaz: Gazetteer) -> Drafted:
    base = Dataset(root=ROOT, articles={}, places={}, incidents=[])
    result = mapview_draft(article, base, gaz)
    out = Drafted({pid: (p.name, p.geometry) for pid, p in result.places.items()})
    for inc in result.incidents:
        for p in inc.passages:
            out.events.append(
                (inc.place, p.paragraph, p.start or 0, p.end or 0, inc.date_start, inc.date_end)
            )  # type: ignore[arg-type]
    return out


def baseline_reader(article: Article, gaz: Gazetteer) -> Drafted:
    """Gazetteer only: longest known capitalised name, most populous namesake, first date."""
    import re

    out = Drafted()
    for para in article.body:
        dates = list(find_dates(para.text, article.published))
        for s, e in _sentences(para.text):
            sentence = para.text[s:e]
            words = [(m.start(), m.group(0)) for m in re.finditer(r"[\w'’-]+", sentence)]
            when = next((d.range for d in dates if s <= d.start < e), None)
            i = 0
            while i < len(words):
                hit = None
                for n in range(min(4, len(words) - i), 0, -1):
                    chunk = [w for _, w in words[i : i + n]]
                    if not all(_is_cap(w) for w in chunk):
                        continue
                    cands = [c for c in gaz.lookup(fold(" ".join(chunk))) if c.kind == "city"]
                    if cands:
                        hit = (n, max(cands, key=lambda c: c.population))
                        break
                if hit is None:
                    i += 1
                    continue
                n, c = hit
                i += n
                pid = str(c.geonames_id)
                out.places[pid] = (c.name, shapely.Point(c.lon, c.lat))
                start, end = (when.start, when.end) if when else (article.published,) * 2
                out.events.append((pid, para.id, s, e, start, end))
    return out


def score(article: Article, gold: dict, got: Drafted) -> dict[str, object]:  # type: ignore[type-arg]
    golds = gold["places"]
    found = [g for g in golds if any(matches(geom, g) for _, geom in got.places.values())]
    false = sorted(
        name
        for name, geom in got.places.values()
        if not any(matches(geom, g) or loosely(geom, g) for g in golds)
    )
    paragraphs = {p.id: p.text for p in article.body}
    by_name = {g["name"]: g for g in golds}
    dated = 0
    missed_dates = []
    for event in gold["events"]:
        target = by_name[event["place"]]
        want = (date.fromisoformat(event["date_start"]), date.fromisoformat(event["date_end"]))
        ok = False
        for pid, para, s, e, d0, d1 in got.events:
            text = paragraphs.get(para, "")
            at = text.find(event["quote"])
            if at < 0 or not (s <= at < e or at <= s < at + len(event["quote"])):
                continue
            if matches(got.places[pid][1], target) and (d0, d1) == want:
                ok = True
                break
        dated += ok
        if not ok:
            missed_dates.append(f"{event['place']} {event['date_start']}")
    return {
        "places": len(golds),
        "found": len(found),
        "missed": sorted(g["name"] for g in golds if g not in found),
        "false": false,
        "events": len(gold["events"]),
        "dated": dated,
        "missed_dates": missed_dates,
    }


def load_report(path: Path) -> tuple[Article, dict]:  # type: ignore[type-arg]
    gold = json.loads(path.read_text(encoding="utf-8"))
    src = path.parent / gold["file"]
    text, title, _ = read_source(src.read_bytes(), src.name)
    published = date.fromisoformat(gold["published"])
    article = build_article(
        text, article_id=src.stem, publisher=gold["publisher"], published=published, title=title
    )
    return article, gold


def run_half(half: str, gaz: Gazetteer, verbose: bool) -> dict[str, dict[str, float]]:
    totals: dict[str, dict[str, float]] = {}
    paths = sorted((CORPUS / half).glob("*.gold.json"))
    print(f"\n== {half} half: {len(paths)} reports ==")
    if not paths:
        return totals  # validation/ between rounds: folded into dev/, the next not yet written
    for label, reader in (("mapview", mapview_reader), ("baseline", baseline_reader)):
        t = totals.setdefault(label, dict.fromkeys(("places", "found", "false", "ev", "ok"), 0.0))
        t["time"] = 0.0
        t["worst_false"] = 0
        print(f"-- {label} --")
        for path in paths:
            article, gold = load_report(path)
            t0 = time.perf_counter()
            got = reader(article, gaz)
            elapsed = time.perf_counter() - t0
            r = score(article, gold, got)
            t["places"] += r["places"]  # type: ignore[operator]
            t["found"] += r["found"]  # type: ignore[operator]
            t["false"] += len(r["false"])  # type: ignore[arg-type]
            t["worst_false"] = max(t["worst_false"], len(r["false"]))  # type: ignore[arg-type]
            t["ev"] += r["events"]  # type: ignore[operator]
            t["ok"] += r["dated"]  # type: ignore[operator]
            t["time"] += elapsed
            name = path.name.removesuffix(".gold.json")
            print(
                f"  {name:28} places {r['found']:>2}/{r['places']:<2} false {len(r['false']):>2}"  # type: ignore[arg-type]
                f"  dates {r['dated']}/{r['events']}  {elapsed * 1000:6.0f} ms"
            )
            if verbose or label == "mapview":
                if r["false"]:
                    print(f"      false: {', '.join(r['false'])}")  # type: ignore[arg-type]
                if verbose and r["missed"]:
                    print(f"      missed: {', '.join(r['missed'])}")  # type: ignore[arg-type]
                if verbose and r["missed_dates"]:
                    print(f"      undated: {', '.join(r['missed_dates'])}")  # type: ignore[arg-type]
        n = len(paths) or 1
        print(
            f"  {'overall':28} place recall {t['found'] / max(t['places'], 1):.2f}, "
            f"false places {t['false']:.0f} ({t['false'] / n:.1f}/report, worst "
            f"{t['worst_false']:.0f}), key-event dates {t['ok'] / max(t['ev'], 1):.2f}, "
            f"{t['time'] / n * 1000:.0f} ms/report"
        )
    return totals


def throughput(gaz: Gazetteer) -> float:
    """1,000-word articles per second, on the dev reports' words, gazetteer open. Each
    article is a different thousand words (ten paragraphs of 100), so nothing one report
    leaves in a cache makes the next faster than a fresh report would be."""
    words: list[str] = []
    for path in sorted((CORPUS / "dev").glob("*.gold.json")):
        article, _ = load_report(path)
        words += " ".join(p.text for p in article.body).split()
    articles = []
    for k, first in enumerate(range(0, len(words) - 1000, 1000)):
        chunks = [" ".join(words[i : i + 100]) for i in range(first, first + 1000, 100)]
        articles.append(
            build_article(
                "\n\n".join(chunks),
                article_id=f"bench{k}",
                publisher="Bench",
                published=date(2024, 6, 1),
            )
        )
    base = Dataset(root=ROOT, articles={}, places={}, incidents=[])
    t0 = time.perf_counter()
    for article in articles:
        mapview_draft(article, base, gaz)
    return len(articles) / (time.perf_counter() - t0)


def one_megabyte_line(gaz: Gazetteer) -> float:
    """Seconds to ingest 1 MB of report text on one line (is any step quadratic?)."""
    words: list[str] = []
    for path in sorted((CORPUS / "dev").glob("*.gold.json")):
        article, _ = load_report(path)
        words += " ".join(p.text for p in article.body).split()
    text = " ".join(words)
    while len(text) < 1_000_000:
        text += " " + text
    return _seconds_to_draft(gaz, text[:1_000_000])


def _seconds_to_draft(gaz: Gazetteer, text: str) -> float:
    """Seconds from raw bytes on one line to a draft: reading, cleaning and drafting."""
    base = Dataset(root=ROOT, articles={}, places={}, incidents=[])
    t0 = time.perf_counter()
    body, _, _ = read_source(("Title\n\n" + text).encode(), "big.txt")
    article = build_article(body, article_id="big", publisher="B", published=date(2024, 6, 1))
    mapview_draft(article, base, gaz)
    return time.perf_counter() - t0


def hostile_line(gaz: Gazetteer) -> float:
    """Seconds to ingest 1 MB on one line made of runs of thirty hyphen-joined capitalised
    words ("Ab-Ab-…-Ab and Cd villagers fled Kharkiv on Monday."): article text is
    untrusted, and a name pattern that could split such a run two ways at every hyphen took
    2^n steps (a run of 24 words did not finish in a minute)."""
    unit = "-".join(["Ab"] * 30) + " and Cd villagers fled Kharkiv on Monday. "
    return _seconds_to_draft(
        gaz, "Shelling hit Kharkiv in Ukraine. " + unit * (1_000_000 // len(unit))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--half", choices=["dev", "test", "validation", "both"], default="both",
        help="both: dev, test and validation (blind reports not yet tuned on)",
    )  # fmt: skip
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses too")
    args = parser.parse_args()
    fresh = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time; t=time.perf_counter(); "
            "from mapview.ingest.gazetteer import load_gazetteer; load_gazetteer(); "
            "print(time.perf_counter()-t)",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "src"), **__import__("os").environ},
    )
    t0 = time.perf_counter()
    gaz = load_gazetteer()
    load_s = time.perf_counter() - t0
    halves = ["dev", "test", "validation"] if args.half == "both" else [args.half]
    for half in halves:
        run_half(half, gaz, args.verbose)
    print("\n== throughput ==")
    print(f"  {'gazetteer load (this process):':40} {load_s:.2f} s")
    print(f"  {'gazetteer load incl. imports (fresh):':40} {float(fresh.stdout):.2f} s")
    print(f"  {'1,000-word articles per second:':40} {throughput(gaz):.1f}")
    print(f"  {'1 MB report on one line:':40} {one_megabyte_line(gaz):.1f} s")
    print(f"  {'1 MB of hyphen-joined capitals:':40} {hostile_line(gaz):.1f} s")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  {'peak memory (RSS):':40} {rss:.0f} MB")


if __name__ == "__main__":
    main()
