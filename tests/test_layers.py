"""What the map is sent: payload columns, precision, symbols and the legend's words."""

from __future__ import annotations

from mapview.dashboard.layers import (
    STATUS_SYMBOL,
    MapControls,
    detail_payload,
    map_payload,
    marker_styles,
)
from mapview.data.dataset import Dataset
from mapview.data.incidents import STATUSES
from mapview.data.places import LOCATION_PRECISION


def test_seed_places_say_how_precise_they_are(seed: Dataset) -> None:
    """A village or a landmark is a point, a city named as a whole is city-level, the
    border zone an area, the bridge a line."""
    precision = {pid: p.precision for pid, p in seed.places.items()}
    assert precision["kozinka"] == "point" and precision["kremlin"] == "point"
    assert precision["moscow"] == "city" and precision["kyiv"] == "city"
    assert precision["belgorod-border"] == "area"
    assert precision["crimea-bridge"] == "line"


def test_area_anchor_is_inside_the_area(seed: Dataset) -> None:
    """The count badge of an area sits inside it."""
    from shapely.geometry import Point

    area = seed.places["belgorod-border"]
    assert area.geometry.contains(Point(*area.anchor))


def test_payload_tells_shapes_precision_contested_and_actors(seed: Dataset) -> None:
    """Per place a geometry code and a precision; per incident contested and actors,
    sent because the seed has them."""
    data = map_payload(seed)
    places = data["places"]
    by_id = dict(zip(places["id"], range(len(places["id"])), strict=True))
    assert places["geom"][by_id["belgorod-border"]] == 2
    assert places["geom"][by_id["crimea-bridge"]] == 1
    assert places["geom"][by_id["kozinka"]] == 0
    assert data["precision"][places["prec"][by_id["moscow"]]].startswith("a city")
    assert len(data["precision"]) == len(LOCATION_PRECISION)
    ids = data["id"]
    contested = {ids[k] for k, flag in enumerate(data["cx"]) if flag}
    assert contested == {i.id for i in seed.incidents if i.contested}
    assert "kremlin-drone-incident" in contested and "bakhmut-fighter-interview" not in contested
    for k, incident in enumerate(seed.incidents):
        assert [data["actors"][a] for a in data["act"][k]] == list(incident.actors)
    accounts = detail_payload(seed)["accounts"]
    kremlin = ids.index("kremlin-drone-incident")
    assert {a[1] for a in accounts[kremlin]} >= {"claimed", "denied"}


def test_payload_leaves_out_columns_nobody_needs(seed: Dataset) -> None:
    """Without accounts or actors the payload carries no zeros for them."""
    from dataclasses import replace

    plain = replace(
        seed,
        incidents=[replace(i, accounts=(), actors=()) for i in seed.incidents],
        derived={},
    )
    plain.__dict__.pop("actors", None)
    data = map_payload(plain)
    assert "cx" not in data and "act" not in data
    assert "accounts" not in detail_payload(plain)


def test_one_wording_for_status_symbols() -> None:
    """Every status has a symbol, described in the same words by the legend (and the
    page, which reads the same table); the symbols differ by shape, not colour alone."""
    assert set(STATUS_SYMBOL) == set(STATUSES)
    assert len(set(STATUS_SYMBOL.values())) == len(STATUS_SYMBOL)
    spec = MapControls().spec
    assert [s[:2] for s in spec["statuses"]] == [[k, STATUS_SYMBOL[k]] for k in STATUSES]
    assert {colour for colour, _ in marker_styles()} and all(
        status in STATUS_SYMBOL for _, status in marker_styles()
    )
