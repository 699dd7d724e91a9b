"""The place-name file the offline map writes on its basemap (labels.py, js/labels.js)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import folium
import pytest

from mapview.dashboard import assets, labels
from mapview.dashboard.layers import VectorBasemap
from mapview.data.naturalearth import in_countries

MAX_GZ_BYTES = 800_000  # fetched by every page after its first draw: keep it well under 1 MB


@pytest.fixture(scope="module")
def payload() -> dict[str, Any]:
    return json.loads(gzip.decompress(labels.label_bytes()))


def _city(payload: dict[str, Any], name: str, country: str) -> dict[str, Any]:
    c = payload["cities"]
    for n, found in enumerate(c["name"]):
        if found == name and c["country"][n] == country:
            return {key: column[n] for key, column in c.items()}
    raise AssertionError(f"{name} ({country}) is not in the label file")


def test_cities_are_columns_sorted_biggest_first(payload: dict[str, Any]) -> None:
    """The browser takes names from the top until the zoom's population floor."""
    c = payload["cities"]
    assert set(c) == {"name", "lat", "lng", "population", "country", "capital", "part"}
    assert len({len(column) for column in c.values()}) == 1
    pops = c["population"]
    assert pops == sorted(pops, reverse=True)
    assert len(pops) > 20_000 and min(pops) >= labels.MIN_POPULATION * 0.99  # after rounding
    assert all(len(code) == 2 for code in c["country"])


@pytest.mark.parametrize(
    ("name", "country", "lat", "lng"),
    [
        ("Kharkiv", "UA", 49.99, 36.23),
        ("Belgorod", "RU", 50.60, 36.59),
        ("Shebekino", "RU", 50.41, 36.90),
        ("Vovchansk", "UA", 50.29, 36.94),
    ],
)
def test_border_towns_are_where_they_are(
    payload: dict[str, Any], name: str, country: str, lat: float, lng: float
) -> None:
    city = _city(payload, name, country)
    assert abs(city["lat"] - lat) < 0.1 and abs(city["lng"] - lng) < 0.1


def test_capitals_are_marked(payload: dict[str, Any]) -> None:
    assert _city(payload, "Kyiv", "UA")["capital"] == 1
    assert _city(payload, "Moscow", "RU")["capital"] == 1
    assert _city(payload, "Kharkiv", "UA")["capital"] == 0


def test_a_district_bigger_than_its_city_is_a_part(payload: dict[str, Any]) -> None:
    """GeoNames gives Mariupol's Pravyi Bereh district more people than Mariupol: the map
    must still call the city Mariupol until zoomed in on it."""
    district, city = _city(payload, "Pravyi Bereh", "UA"), _city(payload, "Mariupol", "UA")
    assert district["population"] > city["population"]
    assert district["part"] == 1 and city["part"] == 0
    for name, country in (("Kharkiv", "UA"), ("Belgorod", "RU"), ("Shebekino", "RU")):
        assert _city(payload, name, country)["part"] == 0


def test_country_names_sit_inside_their_country(payload: dict[str, Any]) -> None:
    k = payload["countries"]
    assert len({len(column) for column in k.values()}) == 1
    where = {name: (k["lng"][n], k["lat"][n]) for n, name in enumerate(k["name"])}
    assert in_countries(*where["Ukraine"], ["UA"])
    assert in_countries(*where["Russia"], ["RU"])
    assert all(lo <= hi for lo, hi in zip(k["minZoom"], k["maxZoom"], strict=True))


def test_file_is_small_and_credits_its_sources(payload: dict[str, Any]) -> None:
    assert len(labels.label_bytes()) < MAX_GZ_BYTES
    assert "GeoNames" in payload["attribution"] and "CC BY 4.0" in payload["attribution"]
    assert "Natural Earth" in payload["attribution"]
    assert "GeoNames" in payload["credit"] and "CC BY 4.0" in payload["credit"]


def test_install_assets_writes_the_file_the_url_names(tmp_path: Path) -> None:
    """The URL the map asks for is the file on disk; a rebuild's old files go."""
    static = tmp_path / "static"
    stale = static / "mapview" / "labels-000000000000.json.gz"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    assets.install_assets(static)
    assert assets.LABELS_URL.startswith(assets.URL_ROOT + "/mapview/labels-")
    written = static / assets.LABELS_URL.removeprefix(assets.URL_ROOT + "/")
    assert written.read_bytes() == labels.label_bytes()
    assert not stale.exists()
    before = written.stat().st_mtime_ns
    assets.install_assets(static)  # cheap when already done: not rewritten
    assert written.stat().st_mtime_ns == before


def test_basemap_script_asks_for_the_labels() -> None:
    m = folium.Map(tiles=None)
    VectorBasemap().add_to(m)
    html = m.get_root().render()
    assert f"window.mapviewLabels(map, {json.dumps(assets.LABELS_URL)})" in html
