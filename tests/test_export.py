from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from xml.etree import ElementTree as ET

import shapely

from mapview.data.dataset import Dataset
from mapview.data.export import KML_NS, export, to_csv, to_geojson, to_kml


def test_geojson_is_rfc7946(seed: Dataset) -> None:
    """Lon/lat order, no crs member, at most 7 decimals, one feature per incident."""
    text = to_geojson(seed, seed.incidents)
    data = json.loads(text)
    assert data["type"] == "FeatureCollection" and "crs" not in data
    assert len(data["features"]) == len(seed.incidents)
    kozinka = next(f for f in data["features"] if f["id"] == "kozinka-civilian-killed")
    assert kozinka["geometry"] == {"type": "Point", "coordinates": [35.6026, 50.4613]}
    decimals = max(
        len(m)
        for m in re.findall(r"\d+\.(\d+)", json.dumps([f["geometry"] for f in data["features"]]))
    )
    assert decimals <= 7


def test_geojson_carries_every_field_and_passages(seed: Dataset) -> None:
    """Properties hold the record's fields, passages with paragraph, text and offsets."""
    data = json.loads(to_geojson(seed, seed.incidents))
    props = next(f for f in data["features"] if f["id"] == "msu-free-russia-flag")["properties"]
    for key in (
        "id",
        "title",
        "category",
        "place",
        "date_start",
        "date_end",
        "date_precision",
        "date_text",
        "status",
        "source",
        "passages",
    ):
        assert key in props, key
    first = props["passages"][0]
    assert set(first) == {"paragraph", "text", "start", "end"}
    assert first["paragraph"] == "p33" and first["text"].startswith("In another incident")


def test_geojson_keeps_geometry_types(seed: Dataset) -> None:
    """The bridge incident is a line, the border incidents an area."""
    data = json.loads(to_geojson(seed, seed.incidents))
    kinds = {f["id"]: f["geometry"]["type"] for f in data["features"]}
    assert kinds["crimea-bridge-attack"] == "LineString"
    assert kinds["belgorod-cross-border-raid"] == "Polygon"


def test_csv_round_trips_with_wkt(seed: Dataset) -> None:
    """Each row parses back: WKT into the same geometry, passages from JSON."""
    rows = list(csv.DictReader(io.StringIO(to_csv(seed, seed.incidents))))
    assert len(rows) == len(seed.incidents)
    row = next(r for r in rows if r["id"] == "crimea-bridge-attack")
    geom = shapely.from_wkt(row["wkt"])
    assert geom.equals_exact(seed.places["crimea-bridge"].geometry, 1e-7)
    assert json.loads(row["passages"])[0]["paragraph"] == "p47"
    assert row["date_start"] == "2022-10-01" and row["date_precision"] == "month"


def test_csv_neutralises_formulas(seed: Dataset) -> None:
    """Text that a spreadsheet would run as a formula is prefixed with a quote."""
    inc = replace(seed.incident("kyiv-missile-barrage"), title="=HYPERLINK(1)")  # type: ignore[type-var]
    row = next(csv.DictReader(io.StringIO(to_csv(seed, [inc]))))
    assert row["title"] == "'=HYPERLINK(1)"


def test_kml_parses_with_placemarks_and_passages(seed: Dataset) -> None:
    """KML is well-formed, one placemark per incident, passages in the description."""
    root = ET.fromstring(to_kml(seed, seed.incidents).encode("utf-8"))
    ns = {"k": KML_NS}
    marks = root.findall(".//k:Placemark", ns)
    assert len(marks) == len(seed.incidents)
    koz = next(m for m in marks if m.get("id") == "kozinka-civilian-killed")
    assert "A civilian from the village of Kozinka was killed" in koz.findtext(
        "k:description", namespaces=ns
    )
    assert koz.findtext(".//k:coordinates", namespaces=ns).strip() == "35.6026000,50.4613000"
    assert koz.findtext(".//k:begin", namespaces=ns) == "2023-05-23"
    bridge = next(m for m in marks if m.get("id") == "crimea-bridge-attack")
    assert bridge.find(".//k:LineString", ns) is not None


def test_kml_escapes_markup(seed: Dataset) -> None:
    """Markup in a title stays text in KML, not an element."""
    inc = replace(seed.incident("kyiv-missile-barrage"), title="<b>x</b> & y")  # type: ignore[type-var]
    text = to_kml(seed, [inc])
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in text
    assert ET.fromstring(text.encode()).find(f".//{{{KML_NS}}}name") is not None


def test_unknown_format_is_an_error(seed: Dataset) -> None:
    """A typo in the format is an error that lists the choices."""
    try:
        export(seed, seed.incidents, "shp")
    except ValueError as exc:
        assert "geojson" in str(exc)
    else:
        raise AssertionError("no error for an unknown format")


def _features(seed: Dataset) -> dict[str, dict[str, object]]:
    data = json.loads(to_geojson(seed, seed.incidents))
    return {f["id"]: f["properties"] for f in data["features"]}


def test_geojson_carries_accounts_with_their_quotes(seed: Dataset) -> None:
    """Each account has who, how sure, what it says and its passages with offsets."""
    raid = _features(seed)["belgorod-cross-border-raid"]
    assert raid["contested"] is True
    accounts = raid["accounts"]
    assert isinstance(accounts, list) and len(accounts) == 4
    for account in accounts:
        assert set(account) == {"source", "status", "says", "passages"}
        assert account["says"] and account["passages"]
        for p in account["passages"]:
            assert set(p) == {"paragraph", "text", "start", "end"} and p["end"] > p["start"]
    assert accounts[1]["source"] == "Russian Defense Ministry"
    assert accounts[1]["passages"][0]["paragraph"] == "p17"


def test_geojson_every_feature_has_actors_fatalities_and_contested(seed: Dataset) -> None:
    """The same keys on every feature (GIS tables take them from the first one); an
    unknown toll is null, not 0."""
    features = _features(seed)
    for props in features.values():
        assert {"actors", "fatalities", "fatalities_text", "contested", "accounts"} <= set(props)
    assert features["kozinka-civilian-killed"]["fatalities"] == 1
    assert features["kozinka-civilian-killed"]["actors"] == ["Ukrainian Armed Forces"]
    bridge = features["crimea-bridge-attack"]
    assert bridge["fatalities"] is None and bridge["accounts"] == []
    assert bridge["actors"] == [] and bridge["contested"] is False


def test_csv_flat_columns_for_actors_deaths_and_accounts(seed: Dataset) -> None:
    """Actors joined by "; ", an empty cell for an unknown toll, accounts counted, as text
    and as JSON that parses back to the GeoJSON's accounts."""
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(to_csv(seed, seed.incidents)))}
    raid = rows["belgorod-cross-border-raid"]
    assert raid["actors"] == "Freedom for Russia Legion; Russian Volunteer Corps"
    assert raid["fatalities"] == "" and raid["contested"] == "True"
    assert raid["accounts_count"] == "4"
    assert "Russian Defense Ministry (claimed): " in raid["accounts_text"]
    assert json.loads(raid["accounts"]) == _features(seed)["belgorod-cross-border-raid"]["accounts"]
    koz = rows["kozinka-civilian-killed"]
    assert (koz["fatalities"], koz["fatalities_text"]) == ("1", "One civilian was killed")
    bridge = rows["crimea-bridge-attack"]
    assert (bridge["accounts_count"], bridge["accounts"], bridge["contested"]) == ("0", "", "False")


def test_kml_has_actor_death_and_account_data(seed: Dataset) -> None:
    root = ET.fromstring(to_kml(seed, seed.incidents).encode("utf-8"))
    ns = {"k": KML_NS}
    marks = {m.get("id"): m for m in root.findall(".//k:Placemark", ns)}

    def data(mark_id: str) -> dict[str, str]:
        items = marks[mark_id].findall(".//k:Data", ns)
        return {d.get("name"): d.findtext("k:value", namespaces=ns) or "" for d in items}

    kremlin = data("kremlin-drone-incident")
    assert kremlin["contested"] == "true" and kremlin["accounts_count"] == "3"
    assert data("kozinka-civilian-killed")["fatalities"] == "1"
    assert data("crimea-bridge-attack")["fatalities"] == ""
    text = marks["kremlin-drone-incident"].findtext("k:description", namespaces=ns)
    assert "Contested accounts:" in text and "Ukraine and the United States (denied)" in text
