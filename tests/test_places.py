from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import shapely
from pyproj import Geod

from mapview.data.dataset import Dataset, load_dataset
from mapview.data.errors import DataError
from mapview.data.places import load_places
from mapview.data.regions import BELGOROD_BORDER, derive
from mapview.data.seed import rebuild
from tests.conftest import Editor, feature

DESIGN_CARD = {
    "belgorod-border": "Polygon",
    "kozinka": "Point",
    "moscow-state-university": "Point",
    "kremlin": "Point",
    "bakhmut": "Point",
    "crimea-bridge": "LineString",
}


def test_design_card_places_have_the_right_geometry(seed: Dataset) -> None:
    """A village is a point, the bridge a line, the border region an area."""
    for place_id, kind in DESIGN_CARD.items():
        assert seed.places[place_id].geometry.geom_type == kind, place_id


def test_every_place_cites_a_source(seed: Dataset) -> None:
    """Analysts can check where every coordinate came from."""
    for place in seed.places.values():
        assert len(place.source) > 20, place.id
        assert "placeholder" not in place.source


def test_kozinka_matches_geonames(seed: Dataset) -> None:
    """Kozinka sits at GeoNames 543229's coordinates, in [lon, lat] order."""
    point = seed.places["kozinka"].geometry
    assert (point.x, point.y) == (35.6026, 50.4613)
    assert seed.places["kozinka"].geonames_id == 543229


def test_border_region_holds_kozinka_and_lies_in_russia(seed: Dataset) -> None:
    """The derived area covers the raid's village and stays on the Russian side."""
    region = seed.places["belgorod-border"].geometry
    assert region.contains(shapely.Point(35.6026, 50.4613))
    assert not region.contains(shapely.Point(36.2304, 49.9935))  # Kharkiv, Ukraine
    assert 3_000 < region.area * 111 * 71 < 12_000  # km², roughly, at 50°N


def test_border_region_is_reproducible(seed: Dataset) -> None:
    """The shipped polygon is exactly what the derivation recipe makes."""
    assert derive(BELGOROD_BORDER).equals(seed.places["belgorod-border"].geometry)


def test_bridge_runs_from_kerch_to_taman(seed: Dataset) -> None:
    """The line starts on the Crimean (west) shore and ends on the Taman (east) shore."""
    line = seed.places["crimea-bridge"].geometry
    (x0, _), (x1, _) = line.coords[0], line.coords[-1]
    assert x0 < 36.5 < 36.6 < x1
    assert 17_000 < Geod(ellps="WGS84").geometry_length(line) < 21_000  # about 19 km


def test_aliases_include_artemivsk_and_kerch_bridge(seed: Dataset) -> None:
    """Other names a report may use resolve to the same place."""
    assert "Artemivsk" in seed.places["bakhmut"].aliases
    assert "Kerch bridge" in seed.places["crimea-bridge"].aliases


def _expect(path: Path, *fragments: str) -> None:
    with pytest.raises(DataError) as err:
        load_dataset(path)
    text = str(err.value)
    for fragment in fragments:
        assert fragment in text, text


def test_swapped_coordinates_are_rejected(edit_places: Editor) -> None:
    """[lat, lon] typed for Kozinka is caught, naming the file, record and field."""
    root = edit_places(
        lambda d: feature(d, "kozinka")["geometry"].update(coordinates=[50.4613, 35.6026])
    )
    _expect(root, "places.geojson", "'kozinka'", "'geometry'", "look swapped")


def test_out_of_range_coordinates_are_rejected(edit_places: Editor) -> None:
    """A latitude of 135 cannot be on Earth."""
    root = edit_places(lambda d: feature(d, "kyiv")["geometry"].update(coordinates=[30.5, 135.0]))
    _expect(root, "'kyiv'", "'geometry'", "out of range")


def test_point_in_wrong_country_is_rejected(edit_places: Editor) -> None:
    """Bakhmut placed in Russia contradicts its country, UA."""
    root = edit_places(lambda d: feature(d, "bakhmut")["geometry"].update(coordinates=[37.6, 55.7]))
    _expect(root, "'bakhmut'", "lies in RU, not in UA")


def test_crs_member_is_rejected(edit_places: Editor) -> None:
    """RFC 7946 dropped 'crs'; a file with one was made for another convention."""
    root = edit_places(lambda d: d.update(crs={"type": "name"}))
    _expect(root, "places.geojson", "'crs'")


def test_unsupported_geometry_is_rejected(edit_places: Editor) -> None:
    """Only points, lines and areas are places."""

    def change(d: Any) -> None:
        feature(d, "kyiv")["geometry"] = {"type": "GeometryCollection", "geometries": []}

    _expect(edit_places(change), "'kyiv'", "'geometry'", "must be one of")


def test_duplicate_place_id_is_rejected(edit_places: Editor) -> None:
    """Two places with one id would make incidents ambiguous."""
    root = edit_places(lambda d: d["features"].append(dict(feature(d, "kyiv"))))
    _expect(root, "'kyiv'", "duplicate place id")


def test_unknown_place_kind_is_rejected(edit_places: Editor) -> None:
    """A misspelt kind is reported with the field's name."""
    root = edit_places(lambda d: feature(d, "kyiv")["properties"].update(kind="citty"))
    _expect(root, "'kyiv'", "'kind'")


def test_rebuild_keeps_curated_places(data_copy: Path, seed: Dataset) -> None:
    """Regenerating the derived parts leaves the hand-curated entries exactly as they were."""
    rebuild(data_copy)
    rebuilt = load_places(data_copy / "places.geojson")
    assert rebuilt.keys() == seed.places.keys()
    for pid in DESIGN_CARD:
        assert rebuilt[pid].geometry.equals(seed.places[pid].geometry)
        assert rebuilt[pid].source == seed.places[pid].source
