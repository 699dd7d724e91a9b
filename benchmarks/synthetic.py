"""A synthetic dataset of N incidents for benchmarks: realistic field sizes, valid data."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

from mapview.data.incidents import CATEGORIES, STATUSES

WORDS = [
    *[
        "shelling",
        "reported",
        "near",
        "the",
        "village",
        "officials",
        "said",
        "drones",
        "struck",
        "a",
        "depot",
    ],
    *[
        "residents",
        "evacuated",
        "after",
        "artillery",
        "fire",
        "damaged",
        "houses",
        "on",
        "the",
        "outskirts",
    ],
]


def make_dataset(root: Path, n: int, places: int = 400, seed: int = 7) -> Path:
    rng = random.Random(seed)
    (root / "articles").mkdir(parents=True, exist_ok=True)
    paragraphs = [
        {"id": f"p{i}", "kind": "body", "text": " ".join(rng.choices(WORDS, k=40)) + "."}
        for i in range(1, 41)
    ]
    article = {
        "id": "synthetic",
        "title": "Synthetic benchmark report",
        "publisher": "Bench",
        "published": "2023-12-31",
        "language": "en",
        "paragraphs": paragraphs,
    }
    (root / "articles" / "synthetic.json").write_text(json.dumps(article), encoding="utf-8")
    features = []
    for i in range(places):
        lon, lat = rng.uniform(30.0, 40.0), rng.uniform(46.0, 52.0)
        features.append(
            {
                "type": "Feature",
                "id": f"pl-{i}",
                "properties": {"name": f"Place {i}", "kind": "village", "source": "synthetic"},
                "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
            }
        )
    (root / "places.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
    cats, stats = list(CATEGORIES), list(STATUSES)
    incidents = []
    for i in range(n):
        para = rng.choice(paragraphs)
        words = para["text"].split()
        k = rng.randrange(0, len(words) - 12)
        quote = " ".join(words[k : k + 12])
        day = date(2023, 1, 1) + timedelta(days=rng.randrange(365))
        incidents.append(
            {
                "id": f"inc-{i}",
                "title": " ".join(rng.choices(WORDS, k=6)).capitalize(),
                "category": rng.choice(cats),
                "place": f"pl-{rng.randrange(places)}",
                "article": "synthetic",
                "date_text": day.isoformat(),
                "date_start": day.isoformat(),
                "date_precision": "day",
                "status": rng.choice(stats),
                "source": f"Source {i % 30}",
                "passages": [{"paragraph": para["id"], "text": quote}],
            }
        )
    (root / "incidents.json").write_text(json.dumps({"incidents": incidents}), encoding="utf-8")
    return root
