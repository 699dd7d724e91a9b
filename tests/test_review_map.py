"""The review page's map, without a browser: what it draws, that it stays offline and
escaped, and how a click the browser reports becomes a pick or a point."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import shapely

from mapview.dashboard import assets
from mapview.dashboard.mapframe import render_base
from mapview.dashboard.review_map import MapPick, layer_script, map_data, read_pick, review_base
from mapview.ingest import ingest, write_draft
from mapview.ingest.review import DraftView, load_draft

REPORT = """Shelling near two places called Tripoli

Shelling hit Tripoli on Friday, killing three people, officials said.
"""


@pytest.fixture
def view(data_copy: Path) -> DraftView:
    result = ingest(REPORT.encode(), "r.txt", published=date(2024, 5, 18), root=data_copy,
                    article_id="tripoli")  # fmt: skip
    write_draft(data_copy, result)
    return load_draft(data_copy, "tripoli")


def test_the_map_draws_the_place_and_its_namesakes_in_geojson_order(view: DraftView) -> None:
    incident = view.incidents[0]
    data = map_data(view, incident)
    place = view.place(incident.place)
    assert place is not None
    assert data["place"]["properties"] == {"name": place.name}
    assert data["place"]["geometry"]["coordinates"] == pytest.approx(place.anchor, abs=1e-5)
    options = view.options[incident.place]
    drawn = data["options"]["features"]
    assert [f["properties"]["n"] for f in drawn] == list(range(1, len(options) + 1))
    for feature, option in zip(drawn, options, strict=True):
        assert feature["geometry"]["coordinates"] == [option["lon"], option["lat"]]  # RFC 7946
    # the resolver's choice is drawn as the current one, the namesakes that lost are not
    assert [f["properties"]["current"] for f in drawn] == [True] + [False] * (len(drawn) - 1)
    assert data["point"] is None
    dropped = map_data(view, incident, point=(34.5, 35.9))["point"]
    assert dropped["geometry"]["coordinates"] == [35.9, 34.5]


def test_the_map_is_offline_and_names_cannot_break_out(view: DraftView) -> None:
    incident = view.incidents[0]
    place = view.place(incident.place)
    assert place is not None
    place.name = "</script><img src=x onerror=alert(1)>"
    view.options[incident.place][0]["name"] = "<b>bold</b>"
    base = render_base(review_base())
    assert base.js_links == [assets.map_js("")]
    assert not any(link.startswith("http") for link in base.js_links + base.css_links)
    layer = layer_script(map_data(view, incident))
    assert "window.mapviewReviewLayer(feature_group_feature_group_0, map_div, " in layer
    assert "<" not in layer  # no name can close the script or open markup
    assert "\\u003c/script\\u003e" in layer  # there, as JSON text


def test_an_area_is_drawn_as_its_shape(view: DraftView) -> None:
    incident = view.incidents[0]
    place = view.place(incident.place)
    assert place is not None
    place.geometry = shapely.box(35.7, 34.3, 36.0, 34.6)
    assert map_data(view, incident)["place"]["geometry"]["type"] == "Polygon"


def marker(option: int, count: int) -> dict[str, object]:
    return {
        "last_active_drawing": {"type": "Feature", "properties": {"option": option}},
        "last_object_clicked_count": count,
        "last_clicked": None,
    }


def test_a_click_is_read_once_however_often_the_browser_repeats_it() -> None:
    seen: dict[str, object] = {}
    assert read_pick(None, seen) is None
    assert read_pick(marker(0, 0) | {"last_active_drawing": None}, seen) is None  # first draw
    assert read_pick(marker(2, 1), seen) == MapPick(option=2)
    assert read_pick(marker(2, 1), seen) is None  # the same report, sent again by a rerun
    assert read_pick(marker(2, 2), seen) == MapPick(option=2)  # the same marker, clicked again
    clicked = marker(2, 2) | {"last_clicked": {"lat": 34.512345678, "lng": 35.9}}
    assert read_pick(clicked, seen) == MapPick(point=(34.51235, 35.9))
    assert read_pick(clicked, seen) is None


def test_clicks_off_the_one_world_or_without_an_option_are_not_picks() -> None:
    sideways = {"last_clicked": {"lat": 10.0, "lng": 365.5}}
    assert read_pick(sideways, {}) == MapPick(point=(10.0, 5.5))  # a world copied east
    assert read_pick({"last_clicked": {"lat": 95.0, "lng": 0.0}}, {}) is None
    other = marker(0, 1) | {"last_active_drawing": {"properties": {"place": "x"}}}
    assert read_pick(other, {}) is None  # a feature that is not a numbered namesake
    assert read_pick(marker(-1, 1), {}) is None


def test_positions_read_with_their_hemispheres() -> None:
    from mapview.ingest.review import option_label

    option = {"name": "Tripoli", "kind": "city", "country": "US", "lat": 42.808, "lon": -92.258}
    assert "42.808 N 92.258 W" in option_label(option)
    assert "33.900 S 18.400 E" in option_label(option | {"lat": -33.9, "lon": 18.4})
