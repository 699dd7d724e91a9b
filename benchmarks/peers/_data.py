"""The points every peer app draws: the incidents of a synthetic mapview dataset, one
(lat, lon) per incident at its place, read from the dataset's own files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd


def points() -> pd.DataFrame:
    root = Path(os.environ["PEER_DATA"])
    features = json.loads((root / "places.geojson").read_text(encoding="utf-8"))["features"]
    where = {f["id"]: f["geometry"]["coordinates"] for f in features}
    incidents = json.loads((root / "incidents.json").read_text(encoding="utf-8"))["incidents"]
    lon = [where[i["place"]][0] for i in incidents]
    lat = [where[i["place"]][1] for i in incidents]
    return pd.DataFrame({"lat": lat, "lon": lon})
