"""The dashboard in headless Debian chromium, against a real server, with no network.

Every request that leaves the loopback address is aborted and recorded, so these tests
also prove the page needs no CDN. AppTest cannot click inside the map's frame; these can.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from mapview.dashboard.assets import LABELS_URL
from mapview.dashboard.view import parse_query, story_steps, visible
from mapview.data.dataset import DEFAULT_DATA, load_dataset
from tests.servers import APP_DIR, streamlit_server

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("MAPVIEW_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = APP_DIR / "tests" / "artifacts"
SCREENSHOT = APP_DIR / "docs" / "screenshot.png"
XSS_DATA = Path(__file__).parent / "data" / "xss"
TIMEOUT_MS = 30_000


@pytest.fixture(scope="session")
def seed_url() -> Iterator[str]:
    with streamlit_server(DEFAULT_DATA) as url:
        yield url


@pytest.fixture(scope="session")
def xss_url() -> Iterator[str]:
    with streamlit_server(XSS_DATA) as url:
        yield url


class Page:
    """A page with outside requests blocked and counted, and helpers for the map frame."""

    def __init__(self, browser: object, url: str) -> None:
        self.base = url
        self.context = browser.new_context(viewport={"width": 1500, "height": 1200})  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route: object) -> None:
        request = route.request  # type: ignore[attr-defined]
        if urlparse(request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            self.blocked.append(f"{request.resource_type} {request.url}")
            route.abort()  # type: ignore[attr-defined]

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    def open(self, query: str = "") -> Page:
        self.page.goto(self.base + "/" + query)
        self.map_frame()
        return self

    def map_frame(self, incidents: int | None = None):  # type: ignore[no-untyped-def]
        """The streamlit-folium frame once its incident layer is drawn and the map framed on
        it (a test that moves the map before the first framing would be moved back)."""
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        selector = "#map_div[data-framed][data-incidents]"
        if incidents is not None:
            selector = f'#map_div[data-framed][data-incidents="{incidents}"]'
        while time.monotonic() < deadline:
            for frame in self.page.frames:
                try:
                    if "streamlit_folium" in frame.url and frame.query_selector(selector):
                        return frame
                except PlaywrightError:  # a frame replaced while we looked
                    continue
            self.page.wait_for_timeout(200)  # pumps the route handler, unlike sleep
        raise AssertionError(f"map frame with {selector} never appeared")

    def settle(self, frame, incident_id: str | None = None) -> None:  # type: ignore[no-untyped-def]
        """Wait until the map has stopped moving (and the marker, if named, is unclustered)."""
        marker = (
            f" && window.mapviewMarkers[{incident_id!r}]._map"
            f" && window.mapviewMarkers[{incident_id!r}]._map === map"
            if incident_id
            else ""
        )
        frame.wait_for_function(
            "() => map._loaded && !map._animatingZoom"
            " && !(map._panAnim && map._panAnim._inProgress)" + marker,
            timeout=TIMEOUT_MS,
        )

    def complete(self) -> None:
        """Wait until the whole page is drawn: the run after the map's first report adds
        the filters, panels and table, and each shows a placeholder until its code loads."""
        for selector in ('[data-testid="stSlider"]', '[data-testid="stDataFrame"]'):
            self.page.locator(selector).first.wait_for(timeout=TIMEOUT_MS)
        self.page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stSkeleton\"]')",
            timeout=TIMEOUT_MS,
        )

    def incidents_drawn(self) -> int:
        return int(self.map_frame().eval_on_selector("#map_div", "e => e.dataset.incidents"))

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def seed_page(browser: object, seed_url: str) -> Iterator[Page]:
    page = Page(browser, seed_url)
    yield page
    page.close()


def test_map_draws_every_incident_offline(seed_page: Page) -> None:
    """All 12 incidents, the places' areas and lines, and the vector basemap draw offline."""
    seed_page.open()
    frame = seed_page.map_frame(incidents=12)
    frame.wait_for_selector('#map_div[data-basemap="loaded"]', timeout=TIMEOUT_MS)
    dataset = load_dataset(DEFAULT_DATA)
    at_points = sum(
        dataset.places[i.place].precision not in ("line", "area") for i in dataset.incidents
    )
    assert 0 < at_points < 12
    # point places: a marker per incident; lines and areas: the shape and a count badge
    assert frame.evaluate("Object.keys(window.mapviewMarkers).length") == at_points
    badges = frame.eval_on_selector_all(
        ".mapview-area-count", "els => els.map(e => Number(e.textContent))"
    )
    assert len(badges) == 2 and sum(badges) == 12 - at_points
    shapes = frame.evaluate(
        """() => { let n = 0; map.eachLayer(l => { if (l.feature && l.feature.geometry
             && l.feature.properties && l.feature.properties.place) n++; }); return n; }"""
    )
    assert shapes == 2  # the Belgorod border area and the Crimea bridge line
    assert frame.evaluate("typeof L") == "object"
    assert frame.evaluate("typeof jQuery") == "undefined"  # nothing needs it: not shipped
    local_only = [b for b in seed_page.blocked if b.split()[0] in ("script", "stylesheet")]
    assert local_only == [], "the page asked a CDN for code"
    seed_page.page.locator(".st-key-article_text").wait_for(timeout=TIMEOUT_MS)
    page_text = seed_page.page.inner_text("body")
    for place in ("Kozinka", "Bakhmut", "Moscow State University", "Kremlin", "Crimea"):
        assert place in page_text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    seed_page.complete()
    seed_page.settle(frame)
    seed_page.page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)


def test_url_dates_show_fewer(seed_page: Page) -> None:
    """start/end in the URL narrow the map to the incidents of that window."""
    dataset = load_dataset(DEFAULT_DATA)
    view, _ = parse_query({"start": "2023-05-22", "end": "2023-05-23"}, dataset)
    expected = len(visible(dataset, view))
    assert 0 < expected < 12
    seed_page.open("?start=2023-05-22&end=2023-05-23")
    seed_page.map_frame(incidents=expected)
    assert seed_page.incidents_drawn() == expected


def test_url_incident_shows_its_passage(seed_page: Page) -> None:
    """?incident= opens that incident: its passages in the side panel and its popup."""
    seed_page.open("?incident=kozinka-civilian-killed")
    panel = seed_page.page.locator(".st-key-incident_detail")
    panel.wait_for(timeout=TIMEOUT_MS)
    expect(panel).to_contain_text(
        "A civilian from the village of Kozinka was killed", timeout=TIMEOUT_MS
    )
    frame = seed_page.map_frame()
    popup = frame.wait_for_selector(
        '.mapview-popup[data-incident="kozinka-civilian-killed"]', timeout=TIMEOUT_MS
    )
    assert "Unfortunately, we have losses" in popup.inner_text()
    expect(panel).to_contain_text(re.compile(r"Fatalities:(\*\*)? 1"), timeout=TIMEOUT_MS)


def _click_marker(page: Page, incident_id: str) -> None:
    frame = page.map_frame()
    frame.evaluate(
        f"() => {{ map.setView(window.mapviewMarkers[{incident_id!r}].getLatLng(), 9,"
        " {animate: false}); }"
    )
    page.settle(frame, incident_id)
    point = frame.evaluate(
        f"(() => {{ const p = map.latLngToContainerPoint("
        f"window.mapviewMarkers[{incident_id!r}].getLatLng()); return [p.x, p.y]; }})()"
    )
    box = frame.frame_element().bounding_box()
    origin = frame.query_selector("#map_div").bounding_box()
    assert box is not None and origin is not None
    page.page.mouse.click(origin["x"] + point[0], origin["y"] + point[1])


def test_clicking_a_marker_shows_its_passages(seed_page: Page) -> None:
    """A click on the Bakhmut marker opens its popup and the side panel's passages."""
    seed_page.open()
    seed_page.map_frame(incidents=12)
    _click_marker(seed_page, "bakhmut-fighter-interview")
    frame = seed_page.map_frame()
    popup = frame.wait_for_selector(
        '.mapview-popup[data-incident="bakhmut-fighter-interview"]', timeout=TIMEOUT_MS
    )
    assert "Sam Kiley interviewed that same fighter" in popup.inner_text()
    panel = seed_page.page.locator(".st-key-incident_detail")
    panel.wait_for(timeout=TIMEOUT_MS)
    expect(panel).to_contain_text(
        "Sam Kiley interviewed that same fighter in December", timeout=TIMEOUT_MS
    )
    seed_page.page.wait_for_url("**incident=bakhmut-fighter-interview*", timeout=TIMEOUT_MS)


def test_slider_keeps_the_map_view(seed_page: Page) -> None:
    """Moving the time slider swaps the incident layer but keeps zoom and centre."""
    seed_page.open()
    frame = seed_page.map_frame(incidents=12)
    # the view is set again until it holds: on a busy machine the map may still fit itself
    # to its data once after the frame first shows it, undoing a single setView
    frame.wait_for_function(
        """() => {
            if (map.getZoom() !== 9 && !map._animatingZoom) {
                map.setView([50.46, 35.60], 9, {animate: false});
            }
            return map.getZoom() === 9 && !map._animatingZoom;
        }""",
        polling=250,
    )
    before = frame.evaluate("[map.getZoom(), map.getCenter().lat, map.getCenter().lng]")
    handle = seed_page.page.locator('[data-testid="stSlider"] input[type="range"]').first
    # Move the start to 10 November, one day per key press, each press confirmed by the URL:
    # on a busy machine a press made while the app reruns can be lost, so the test waits
    # for each step instead of counting presses.
    for _ in range(200):
        url = seed_page.page.url
        start = parse_qs(urlparse(url).query).get("start", ["2022-10-01"])[0]
        if start >= "2022-11-10":
            break
        handle.focus()
        seed_page.page.keyboard.press("ArrowRight")
        try:
            seed_page.page.wait_for_url(lambda u, url=url: u != url, timeout=5_000)
        except PlaywrightError:
            continue  # the press was lost during a rerun: press again
    frame = seed_page.map_frame(incidents=10)
    after = frame.evaluate("[map.getZoom(), map.getCenter().lat, map.getCenter().lng]")
    assert after[0] == before[0] == 9
    assert abs(after[1] - before[1]) < 1e-6 and abs(after[2] - before[2]) < 1e-6
    assert "start=2022-11-10" in seed_page.page.url


def test_hostile_text_is_shown_not_run(browser: object, xss_url: str) -> None:
    """Markup, </script> and backticks in article text show literally and never execute."""
    page = Page(browser, xss_url).open(
        "?incident=hostile-shelling&cat=[x](javascript:alert(8)),shelling"
    )
    try:
        frame = page.map_frame(incidents=1)
        popup = frame.wait_for_selector(".mapview-popup", timeout=TIMEOUT_MS)
        assert "<img src=x onerror=alert(1)>" in popup.inner_text()
        assert "</script>" in popup.inner_text()
        panel = page.page.locator(".st-key-incident_detail")
        panel.wait_for(timeout=TIMEOUT_MS)
        expect(panel).to_contain_text("<img src=x onerror=alert(1)>", timeout=TIMEOUT_MS)
        expect(panel).to_contain_text("`${alert(5)}`", timeout=TIMEOUT_MS)
        article = page.page.locator(".st-key-article_text")
        expect(article).to_contain_text("[a link](javascript:alert(4))", timeout=TIMEOUT_MS)
        expect(article).to_contain_text(":red[colour]", timeout=TIMEOUT_MS)
        expect(article).to_contain_text("$x^2$", timeout=TIMEOUT_MS)
        # every element is drawn by now, so any script hidden in them would have run
        assert page.dialogs == []
        assert page.page.query_selector('img[src="x"]') is None
        assert frame.query_selector('img[src="x"]') is None
        assert page.page.query_selector('a[href^="javascript"]') is None
        assert page.page.query_selector('img[src*="example.invalid"]') is None
        body = page.page.inner_text("body")
        assert "[click me](javascript:alert(7))" in body  # the attribution, as text
        assert "[x](javascript:alert(8))" in body  # the URL notice, as text
        assert [e for e in page.errors if "alert" in e] == []
    finally:
        page.close()


@pytest.fixture(scope="session")
def two_article_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seed plus a second report brought in with `mapview ingest` and `mapview accept`."""
    import shutil

    from mapview.cli import main

    root = tmp_path_factory.mktemp("two") / "geodata"
    shutil.copytree(DEFAULT_DATA, root)
    article = Path(__file__).parent / "data" / "articles" / "kharkiv-drones.txt"
    assert (
        main(
            [
                "ingest",
                str(article),
                "--published",
                "2024-05-18",
                "--data",
                str(root),
                "--id",
                "kharkiv",
                "--publisher",
                "Example News",
            ]
        )
        == 0
    )
    assert main(["accept", "kharkiv", "--data", str(root)]) == 0
    with streamlit_server(root) as url:
        yield url


def test_second_report_maps_beside_the_seed(browser: object, two_article_url: str) -> None:
    """An ingested report's places join the seed's on one map, each passage naming its report."""
    page = Page(browser, two_article_url).open("?incident=kharkiv-2")
    try:
        frame = page.map_frame()
        total = int(frame.eval_on_selector("#map_div", "e => e.dataset.incidents"))
        assert total > 12
        popup = frame.wait_for_selector(
            '.mapview-popup[data-incident="kharkiv-2"]', timeout=TIMEOUT_MS
        )
        assert "Vovchansk" in popup.inner_text()
        assert "Report: Example News, 2024-05-18" in popup.inner_text()
        panel = page.page.locator(".st-key-incident_detail")
        panel.wait_for(timeout=TIMEOUT_MS)  # drawn by the run after the map's first report
        expect(panel).to_contain_text("Example News, 2024-05-18", timeout=TIMEOUT_MS)
        sidebar = page.page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text("Articles", exact=True).wait_for(timeout=TIMEOUT_MS)
    finally:
        page.close()


def test_opens_framed_on_the_incidents_in_view(seed_page: Page) -> None:
    """A link narrowed to Moscow's incidents opens on Moscow, not on the whole report."""
    seed_page.open("?cat=symbolic-action")
    frame = seed_page.map_frame(incidents=2)
    frame.wait_for_function("map.getZoom() >= 8", timeout=TIMEOUT_MS)
    lat, lng = frame.evaluate("[map.getCenter().lat, map.getCenter().lng]")
    assert abs(lat - 55.73) < 0.2 and abs(lng - 37.57) < 0.3


def test_clicking_a_table_row_focuses_the_map(seed_page: Page) -> None:
    """Selecting the first row (the Crimea bridge attack) centres the map on it and opens it."""
    seed_page.open()
    seed_page.map_frame(incidents=12)
    grid = seed_page.page.locator('[data-testid="stDataFrame"]')
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    seed_page.page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)  # first row's selector
    frame = seed_page.map_frame()
    popup = frame.wait_for_selector(
        '.mapview-popup[data-incident="crimea-bridge-attack"]', timeout=TIMEOUT_MS
    )
    assert "occupied Crimea in October" in popup.inner_text()
    lat, lng = frame.evaluate("[map.getCenter().lat, map.getCenter().lng]")
    assert abs(lat - 45.27) < 0.2 and abs(lng - 36.57) < 0.3
    seed_page.page.wait_for_url("**incident=crimea-bridge-attack*", timeout=TIMEOUT_MS)


def test_clicking_an_area_lists_its_incidents(seed_page: Page) -> None:
    """A click inside the Belgorod border zone, away from markers, lists the zone's incidents."""
    seed_page.open("?start=2023-05-21")
    frame = seed_page.map_frame(incidents=9)
    inside = [50.4728, 37.15]  # in the zone, 90 km east of its markers
    frame.evaluate("() => { map.setView([50.62, 36.0], 8, {animate: false}); }")
    seed_page.settle(frame)
    script = "(() => { const p = map.latLngToContainerPoint(%s); return [p.x, p.y]; })()"
    point = frame.evaluate(script % inside)
    origin = frame.query_selector("#map_div").bounding_box()
    assert origin is not None
    seed_page.page.mouse.click(origin["x"] + point[0], origin["y"] + point[1])
    pick = seed_page.page.locator(".st-key-place_pick_belgorod-cross-border-raid")
    pick.wait_for(timeout=TIMEOUT_MS)  # the place panel's button for one of its incidents
    expect(pick).to_contain_text("Cross-border ground raid", timeout=TIMEOUT_MS)
    assert seed_page.page.locator(".st-key-place_pick_kozinka-civilian-killed").count() == 0
    pick.click()
    panel = seed_page.page.locator(".st-key-incident_detail")
    panel.wait_for(timeout=TIMEOUT_MS)
    expect(panel).to_contain_text("had begun Sunday night", timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def broken_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A dataset with a bad record and a draft waiting, served like any other."""
    import json
    import shutil

    root = tmp_path_factory.mktemp("broken") / "geodata"
    shutil.copytree(DEFAULT_DATA, root)
    data = json.loads((root / "incidents.json").read_text(encoding="utf-8"))
    data["incidents"][0]["place"] = "atlantis"
    (root / "incidents.json").write_text(json.dumps(data), encoding="utf-8")
    with streamlit_server(root) as url:
        yield url


def test_broken_dataset_shows_a_plain_message(browser: object, broken_url: str) -> None:
    """Visitors read that the data cannot be shown: no traceback, no path, no record."""
    page = Page(browser, broken_url)
    try:
        page.page.goto(broken_url + "/")
        alert = page.page.locator('[data-testid="stAlert"]').first
        alert.wait_for(timeout=TIMEOUT_MS)
        expect(alert).to_contain_text("cannot be shown", timeout=TIMEOUT_MS)
        body = page.page.inner_text("body")
        for leak in ("Traceback", "atlantis", "incidents.json", "/tmp", "/work", "geodata"):
            assert leak not in body, leak
        html = page.page.content()
        assert "/tmp/" not in html and "Traceback" not in html
    finally:
        page.close()


def test_page_shows_no_path_no_draft_and_asks_no_other_host(
    browser: object, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """With default settings: the published dataset only, and every request stays on the
    server (tiles included)."""
    import shutil

    root = tmp_path_factory.mktemp("drafted") / "geodata"
    shutil.copytree(DEFAULT_DATA, root)
    (root / "drafts" / "secret-draft-report").mkdir(parents=True)
    with streamlit_server(root) as url:
        page = Page(browser, url)
        requests: list[str] = []
        page.page.on("request", lambda r: requests.append(r.url))
        try:
            page.open()
            frame = page.map_frame(incidents=12)
            frame.wait_for_selector('#map_div[data-basemap="loaded"]', timeout=TIMEOUT_MS)
            frame.evaluate("() => { map.setView([50.46, 35.60], 9, {animate: false}); }")
            page.settle(frame)
            html = page.page.content() + frame.content()
            assert "secret-draft-report" not in html
            assert str(root) not in html and "/tmp/" not in html
            hosts = {
                urlparse(r).netloc for r in requests if urlparse(r).scheme in ("http", "https")
            }
            assert hosts == {urlparse(url).netloc}, hosts
            assert page.blocked == []
            tiles = frame.evaluate(
                "() => { let n = 0; map.eachLayer(l => { if (l instanceof L.TileLayer) n++; });"
                " return n; }"
            )
            assert tiles == 0
        finally:
            page.close()


@pytest.fixture(scope="session")
def crowded_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """4,000 incidents at 40 places: more than the map draws one by one at once."""
    from benchmarks.synthetic import make_dataset

    root = make_dataset(tmp_path_factory.mktemp("crowded") / "geodata", 4_000, places=40)
    with streamlit_server(root) as url:
        yield url


def test_crowded_places_are_counted_until_zoomed_in(browser: object, crowded_url: str) -> None:
    """Above the detail limit each place is one counted marker; zoomed in on one place, its
    incidents are markers of their own; a click on a count zooms in and opens the place."""
    from mapview.dashboard.layers import DETAIL_LIMIT

    assert DETAIL_LIMIT < 4_000
    page = Page(browser, crowded_url).open()
    try:
        frame = page.map_frame(incidents=4_000)
        frame.wait_for_selector('#map_div[data-detailed="0"]', timeout=TIMEOUT_MS)
        counts = frame.eval_on_selector_all(
            ".mapview-count", "els => els.map(e => Number(e.textContent))"
        )
        assert len(counts) == 40 and sum(counts) == 4_000
        first = frame.eval_on_selector(".mapview-count", "e => e.parentElement ? 1 : 0")
        assert first == 1
        # Zoomed in on one place: its incidents become markers, the other places stay counted.
        frame.evaluate(
            "() => { const m = Object.values(map._layers).find(l => l.feature"
            " && l.feature.properties && l.feature.properties.place === 'pl-0');"
            " map.setView(m.getLatLng(), 12, {animate: false}); }"
        )
        frame.wait_for_function(
            "() => { const n = Number(document.getElementById('map_div').dataset.detailed);"
            " return n > 0 && n < 4000; }",
            timeout=TIMEOUT_MS,
        )
        detailed = int(frame.eval_on_selector("#map_div", "e => e.dataset.detailed"))
        left = frame.eval_on_selector_all(
            ".mapview-count", "els => els.map(e => Number(e.textContent))"
        )
        assert sum(left) + detailed == 4_000
        # A click on a counted place: the map zooms in on it and the side panel opens it.
        frame.evaluate("() => { map.setView([49, 35], 6, {animate: false}); }")
        marker = frame.wait_for_selector(".mapview-count", timeout=TIMEOUT_MS)
        zoom = frame.evaluate("map.getZoom()")
        marker.click()
        frame.wait_for_function(f"() => map.getZoom() > {zoom}", timeout=TIMEOUT_MS)
        panel = page.page.get_by_role("heading", name="Place ")
        panel.first.wait_for(timeout=TIMEOUT_MS)
    finally:
        page.close()


def test_page_is_complete_even_if_the_map_never_reports(seed_page: Page) -> None:
    """The first run sends the map alone and the map's first report draws the rest; a map
    that never reports (its code blocked here) still gets the filters, panels and table."""
    seed_page.page.route("**/streamlit_folium*/**/main.*.js", lambda route: route.abort())
    seed_page.page.goto(seed_page.base + "/")
    seed_page.page.locator('[data-testid="stDataFrame"]').wait_for(timeout=TIMEOUT_MS)
    seed_page.page.locator('[data-testid="stSlider"]').wait_for(timeout=TIMEOUT_MS)
    expect(seed_page.page.locator("body")).to_contain_text("12 of 12 incidents", timeout=TIMEOUT_MS)


# --- the analyst's map: story, playback, keyboard, areas, contested events ---------------


def _url_param(page: Page, key: str) -> str | None:
    return parse_qs(urlparse(page.page.url).query).get(key, [None])[0]


def test_map_fills_the_window_and_goes_full_screen(seed_page: Page) -> None:
    """The map takes the window's height, not a fixed 560 px, and has a full-screen button."""
    seed_page.open()
    frame = seed_page.map_frame(incidents=12)
    height = seed_page.page.evaluate(
        "() => document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]')"
        ".getBoundingClientRect().height"
    )
    assert height > 900  # the viewport is 1200 px tall
    assert frame.evaluate("map.getSize().y") > 900
    button = frame.wait_for_selector(".mapview-fullscreen a", timeout=TIMEOUT_MS)
    assert button.get_attribute("aria-label") == "Full screen"
    button.click()
    frame.wait_for_selector('#map_div[data-fullscreen="on"]', timeout=TIMEOUT_MS)
    assert frame.evaluate("document.fullscreenElement === map.getContainer()")
    frame.click(".mapview-fullscreen a")
    frame.wait_for_selector('#map_div[data-fullscreen="off"]', timeout=TIMEOUT_MS)


def test_story_mode_walks_the_report(seed_page: Page) -> None:
    """step=N opens the story at paragraph N: its box in the article, the map on its
    places; the arrow keys step on and back, and the URL follows."""
    dataset = load_dataset(DEFAULT_DATA)
    article = next(iter(dataset.articles))
    steps = story_steps(dataset, article)
    assert 9 in steps
    seed_page.open("?step=9")
    here = seed_page.page.locator(".st-key-story_here")
    here.wait_for(timeout=TIMEOUT_MS)
    expect(here).to_contain_text("Paragraph 9", timeout=TIMEOUT_MS)
    # the paragraph's own words
    expect(here).to_contain_text("criminal actions", timeout=TIMEOUT_MS)
    seed_page.page.wait_for_function(
        "() => document.body.dataset.storyStep === '9'", timeout=TIMEOUT_MS
    )
    frame = seed_page.map_frame()
    # paragraph 9 quotes the Belgorod border incidents: the map flies to that area
    frame.wait_for_function(
        "() => !map._animatingZoom && map.getZoom() >= 6 && map.getBounds().contains([50.6, 36.6])",
        timeout=TIMEOUT_MS,
    )
    nxt = steps[steps.index(9) + 1]
    seed_page.complete()  # a key pressed while the page is still being drawn is lost
    seed_page.page.keyboard.press("ArrowRight")  # the page has the focus, not the map
    seed_page.page.wait_for_url(f"**step={nxt}*", timeout=TIMEOUT_MS)
    seed_page.page.wait_for_function(
        f"() => document.body.dataset.storyStep === '{nxt}'", timeout=TIMEOUT_MS
    )
    expect(seed_page.page.locator(".st-key-story_here")).to_contain_text(
        f"Paragraph {nxt}", timeout=TIMEOUT_MS
    )
    seed_page.page.keyboard.press("ArrowLeft")
    seed_page.page.wait_for_url("**step=9*", timeout=TIMEOUT_MS)
    seed_page.page.get_by_role("button", name="End story").click()
    seed_page.page.wait_for_url(lambda u: "step=" not in u, timeout=TIMEOUT_MS)


def _speed(page: Page, label: str) -> None:
    page.page.locator(".st-key-w_speed").get_by_text(label).click()
    page.page.wait_for_function(
        "(label) => [...document.querySelectorAll('.st-key-w_speed button')]"
        ".some(b => b.textContent.includes(label) && b.getAttribute('aria-checked') === 'true')",
        arg=label,
        timeout=TIMEOUT_MS,
    )


def test_playback_ends_on_play_and_resumes_where_it_paused(seed_page: Page) -> None:
    """Pause holds the window (no step lands after it); Play goes on from where the window
    is instead of starting over, runs to the last date, and the button reads "Play" again."""
    seed_page.open("?end=2022-10-31")
    seed_page.complete()
    play = seed_page.page.locator('.st-key-w_play:not([data-stale="true"]) button').first
    _speed(seed_page, "½×")  # two seconds a step: time to pause after the first
    play.click()
    seed_page.page.wait_for_url(lambda u: "end=2022-10-31" not in u, timeout=TIMEOUT_MS)
    play.click()  # Pause
    play.filter(has_text="Play").wait_for(timeout=TIMEOUT_MS)
    paused_at = _url_param(seed_page, "end")
    assert paused_at is not None and paused_at > "2022-10-31"
    _speed(seed_page, "4×")  # a rerun: a step queued before Pause would land in it
    assert _url_param(seed_page, "end") == paused_at
    # Play again: every window from here on ends at or after the paused one
    play.click()
    ends = []
    # each step is a full rerun of the page: on a loaded machine several seconds each
    deadline = time.monotonic() + 4 * TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        ends.append(_url_param(seed_page, "end") or "2023-05-23")
        if ends[-1] == "2023-05-23" and play.filter(has_text="Play").count():
            break
        seed_page.page.wait_for_timeout(100)  # pumps events; the loop waits for the end
    assert ends[-1] == "2023-05-23", f"playback stopped short: {sorted(set(ends))}"
    assert min(ends) >= paused_at, f"playback restarted: {sorted(set(ends))}"
    assert _url_param(seed_page, "start") is None  # the window's start never moved
    play.filter(has_text="Play").wait_for(timeout=TIMEOUT_MS)
    expect(seed_page.page.locator("body")).to_contain_text("12 of 12 incidents", timeout=TIMEOUT_MS)


def _point(frame, latlng: list[float]) -> list[float]:  # type: ignore[no-untyped-def]
    return frame.evaluate(  # type: ignore[no-any-return]
        "(ll) => { const p = map.latLngToContainerPoint(ll); return [p.x, p.y]; }", latlng
    )


def test_closed_popup_stays_closed_after_the_click_is_handled(seed_page: Page) -> None:
    """A marker's popup, closed before the page's rerun arrives, does not reopen with the
    rerun, nor when the reader then clicks an area."""
    seed_page.open()
    seed_page.map_frame(incidents=12)
    seed_page.complete()
    _click_marker(seed_page, "bakhmut-fighter-interview")
    frame = seed_page.map_frame()
    frame.wait_for_selector('.mapview-popup[data-incident="bakhmut-fighter-interview"]')
    frame.click(".leaflet-popup-close-button")
    # Leaflet fades a closed popup out before it leaves the page
    frame.wait_for_selector(".leaflet-popup", state="detached", timeout=TIMEOUT_MS)
    seed_page.page.wait_for_url("**incident=bakhmut-fighter-interview*", timeout=TIMEOUT_MS)
    seed_page.page.locator(".st-key-incident_detail").wait_for(timeout=TIMEOUT_MS)
    assert frame.query_selector(".leaflet-popup") is None
    # now a click inside the Belgorod border area (away from its badge): its list opens
    frame.evaluate("() => { map.setView([50.62, 36.0], 8, {animate: false}); }")
    seed_page.settle(frame)
    x, y = _point(frame, [50.4728, 37.15])
    origin = frame.query_selector("#map_div").bounding_box()
    seed_page.page.mouse.click(origin["x"] + x, origin["y"] + y)
    seed_page.page.locator(".st-key-place_pick_belgorod-cross-border-raid").wait_for(
        timeout=TIMEOUT_MS
    )
    seed_page.page.wait_for_url(lambda u: "incident=" not in u, timeout=TIMEOUT_MS)
    assert seed_page.map_frame().query_selector(".leaflet-popup") is None


def test_keyboard_opens_markers_and_clusters(seed_page: Page) -> None:
    """Markers are in the tab order and Enter opens one; Enter on a cluster opens it a
    step at a time (never more than two zoom levels), as a click does."""
    seed_page.open()
    frame = seed_page.map_frame(incidents=12)
    seed_page.settle(frame)
    frame.evaluate("() => { map.setView([55.73, 37.57], 5, {animate: false}); }")
    seed_page.settle(frame)
    cluster = frame.wait_for_selector(".marker-cluster", timeout=TIMEOUT_MS)
    assert cluster.get_attribute("tabindex") == "0"
    zoom = frame.evaluate("map.getZoom()")
    cluster.focus()
    seed_page.page.keyboard.press("Enter")
    frame.wait_for_function(
        f"() => map.getZoom() > {zoom} || document.querySelector('.leaflet-marker-icon"
        '[style*="opacity"]\')',
        timeout=TIMEOUT_MS,
    )
    seed_page.settle(frame)
    assert frame.evaluate("map.getZoom()") <= zoom + 2
    # a single marker: focusable, and Enter selects it and opens its popup
    frame.evaluate(
        "() => { map.setView(window.mapviewMarkers['kozinka-civilian-killed'].getLatLng(), 10,"
        " {animate: false}); }"
    )
    seed_page.settle(frame, "kozinka-civilian-killed")
    icon = frame.evaluate_handle("window.mapviewMarkers['kozinka-civilian-killed']._icon")
    assert icon.get_attribute("tabindex") == "0"
    assert "Kozinka" in (icon.get_attribute("title") or "")
    icon.focus()
    seed_page.page.keyboard.press("Enter")
    frame.wait_for_selector(
        '.mapview-popup[data-incident="kozinka-civilian-killed"]', timeout=TIMEOUT_MS
    )
    seed_page.page.wait_for_url("**incident=kozinka-civilian-killed*", timeout=TIMEOUT_MS)


def test_area_incident_is_drawn_on_its_area(seed_page: Page) -> None:
    """An incident at an area is the area itself, highlighted, with a count badge, not a
    marker at a point inside it; its popup says how precise the place is."""
    seed_page.open("?incident=belgorod-cross-border-raid")
    frame = seed_page.map_frame()
    popup = frame.wait_for_selector(
        '.mapview-popup[data-incident="belgorod-cross-border-raid"]', timeout=TIMEOUT_MS
    )
    assert "area: somewhere inside it" in popup.inner_text()
    assert frame.evaluate("'belgorod-cross-border-raid' in window.mapviewMarkers") is False
    weight = frame.evaluate("window.mapviewShapes['belgorod-border'].options.weight")
    assert weight == 5  # the focused area is drawn heavier
    # the whole area is in view
    assert frame.evaluate(
        "map.getBounds().contains(window.mapviewShapes['belgorod-border'].getBounds())"
    )
    badges = frame.eval_on_selector_all(
        ".mapview-area-count", "els => els.map(e => e.getAttribute('title'))"
    )
    assert any(b.startswith("Belgorod border region:") and "area" in b for b in badges)
    seed_page.complete()  # the page's second run has framed the focus again by now
    seed_page.settle(frame)
    frame.wait_for_function(  # basemap, names and the popup drawn in full
        "() => { const p = document.querySelector('.leaflet-popup');"
        " const m = document.getElementById('map_div');"
        " return p && getComputedStyle(p).opacity === '1' && m.dataset.basemap === 'loaded'"
        " && Number(m.dataset.labels) > 0; }",
        timeout=TIMEOUT_MS,
    )
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    seed_page.page.screenshot(path=str(SCREENSHOT), full_page=False)  # the README's picture
    # a line with one incident: its badge opens that incident
    frame.evaluate(
        "() => { map.fitBounds(window.mapviewShapes['crimea-bridge'].getBounds(),"
        " {animate: false}); }"
    )
    seed_page.settle(frame)
    frame.click('.mapview-area-count[title^="Crimea bridge"]')
    frame.wait_for_selector('.mapview-popup[data-incident="crimea-bridge-attack"]')
    seed_page.page.wait_for_url("**incident=crimea-bridge-attack*", timeout=TIMEOUT_MS)


def test_contested_event_shows_its_accounts_side_by_side(seed_page: Page) -> None:
    """An event told differently by each side: marked on the map (a dark outer ring), its
    accounts in the popup and side by side in the panel, each with its own quotes."""
    seed_page.open("?incident=kremlin-drone-incident")
    panel = seed_page.page.locator(".st-key-incident_detail")
    panel.wait_for(timeout=TIMEOUT_MS)
    expect(panel).to_contain_text("contested", timeout=TIMEOUT_MS)
    boxes = seed_page.page.locator('[class*="st-key-account_"]')
    boxes.nth(1).wait_for(timeout=TIMEOUT_MS)  # both accounts: they render one by one
    # side by side, not one under the other (waited for: the panel may still be laying out)
    seed_page.page.wait_for_function(
        "() => { const tops = [...document.querySelectorAll('[class*=\"st-key-account_\"]')]"
        ".slice(0, 3).map(e => e.getBoundingClientRect().top);"
        " return tops.length >= 2 && Math.max(...tops) - Math.min(...tops) < 5; }",
        timeout=TIMEOUT_MS,
    )
    texts = " ".join(boxes.nth(k).inner_text() for k in range(boxes.count()))
    assert "denied" in texts and "claimed" in texts
    frame = seed_page.map_frame()
    popup = frame.wait_for_selector(
        '.mapview-popup[data-incident="kremlin-drone-incident"]', timeout=TIMEOUT_MS
    )
    assert "contested" in popup.inner_text() and "Accounts" in popup.inner_text()
    ring = frame.evaluate(
        "window.mapviewMarkers['kremlin-drone-incident'].options.icon.options.html"
    )
    assert 'r="9.6"' in ring  # the contested mark
    plain = frame.evaluate(
        "window.mapviewMarkers['bakhmut-fighter-interview'].options.icon.options.html"
    )
    assert 'r="9.6"' not in plain


def test_search_selects_and_flies_to_the_hit(seed_page: Page) -> None:
    """Words from a passage find the incident; picking it selects it and opens it."""
    seed_page.open()
    seed_page.complete()
    box = seed_page.page.get_by_placeholder("Search titles, places, sources, quotes")
    box.fill("unfortunately losses")
    box.press("Enter")
    hit = seed_page.page.locator(".st-key-hit_kozinka-civilian-killed button")
    hit.wait_for(timeout=TIMEOUT_MS)
    hit.click()
    seed_page.page.wait_for_url("**incident=kozinka-civilian-killed*", timeout=TIMEOUT_MS)
    frame = seed_page.map_frame()
    frame.wait_for_selector(
        '.mapview-popup[data-incident="kozinka-civilian-killed"]', timeout=TIMEOUT_MS
    )
    frame.wait_for_function(
        "() => map.getBounds().contains(window.mapviewMarkers['kozinka-civilian-killed']"
        ".getLatLng()) && map.getZoom() >= 8",
        timeout=TIMEOUT_MS,
    )


# --- place names --------------------------------------------------------------------------

# The labels in view, as the reader sees them: text and box (in the frame's pixels).
LABELS_SHOWN = """() => [...document.querySelectorAll('.mapview-labels .mapview-label')].map(e => {
  const r = e.getBoundingClientRect();
  return {text: e.textContent, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom};
}).filter(b => b.x1 > b.x0 && b.y1 > b.y0)"""


def wait_placed(frame) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """The labels once a placement has finished on a map at rest."""
    frame.wait_for_function(
        "() => Number(document.getElementById('map_div').dataset.labels) > 0"
        " && map._loaded && !map._animatingZoom",
        timeout=TIMEOUT_MS,
    )
    shown: list[dict[str, Any]] = frame.evaluate(LABELS_SHOWN)
    return shown


def assert_apart(shown: list[dict[str, Any]]) -> None:
    for n, a in enumerate(shown):
        for b in shown[n + 1 :]:
            overlap = (
                a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]
            )
            assert not overlap, f"{a['text']!r} overlaps {b['text']!r}"


def populations(frame, names: list[str]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Each named town's population, from the label file the page itself loaded."""
    return dict(
        frame.evaluate(
            """([url, names]) => window.mapviewFetchJSON(url).then(d => {
                 const want = new Set(names), out = [];
                 d.cities.name.forEach((n, i) => {
                   if (want.has(n)) { out.push([n, d.cities.population[i]]); want.delete(n); }
                 });
                 return out; })""",
            [LABELS_URL, names],
        )
    )


def test_place_names_are_text_apart_and_denser_zoomed_in(seed_page: Page) -> None:
    """Town and city names are text in the map's frame, never overlap, never take a
    click, and grow denser as the reader zooms in; all offline."""
    frame = seed_page.open().map_frame()
    shown = wait_placed(frame)
    texts = {s["text"] for s in shown}
    assert texts & {"Belgorod", "Kharkiv"}, sorted(texts)
    name = "Kharkiv" if "Kharkiv" in texts else "Belgorod"
    label = frame.get_by_text(name, exact=True)  # DOM text: what find and screen readers see
    assert label.first.is_visible()
    assert label.first.evaluate("e => getComputedStyle(e).pointerEvents") == "none"
    assert len(shown) <= 80
    assert_apart(shown)
    # A click on a name reaches the map beneath it: the name is not what is hit there.
    hit = label.first.evaluate(
        """e => { const r = e.getBoundingClientRect();
                  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                  return hit === null ? null : hit === e || e.contains(hit); }"""
    )
    assert hit is False

    before = {s["text"] for s in shown}
    zoom = frame.evaluate("map.getZoom()")
    frame.evaluate(  # a new placement is told by the attribute coming back
        "(z) => { document.getElementById('map_div').removeAttribute('data-labels');"
        " map.setView([50.45, 36.75], z, {animate: false}); }",
        max(zoom + 3, 10),
    )
    shown = wait_placed(frame)
    assert_apart(shown)
    after = {s["text"] for s in shown}
    new = sorted(after - before)
    assert new, "zooming in named no new place"
    pops = populations(frame, sorted(before | after))
    assert min(pops[t] for t in new if t in pops) < min(pops[t] for t in before if t in pops)
    assert after & {"Shebekino", "Vovchansk", "Razumnoye", "Stroitel"}, sorted(after)
    credit = frame.inner_text(".leaflet-control-attribution")
    assert "GeoNames (CC BY 4.0)" in credit  # CC BY: credited where the names are shown
    assert seed_page.blocked == [], seed_page.blocked
    assert seed_page.errors == [], seed_page.errors


# The review page (/review): from machine draft to published incident in the browser

TRIPOLI_HTML = Path(__file__).parent / "data" / "articles" / "tripoli-floods.html"
TRIPOLI = "example-wire-2024-05-18-shelling-and-floods-around-tripoli"
REVIEW_SHOT = APP_DIR / "docs" / "review.png"
TOKEN = "test-token-0123456789abcdef"


def _until(check: Any, what: str) -> Any:
    """Polls `check` until it returns something true: the condition the test asserts."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _draft(root: Path) -> Any:
    from mapview.ingest.review import load_draft

    return load_draft(root, TRIPOLI)


def _country(root: Path, ident: str) -> list[str] | None:
    view = _draft(root)
    place = view.place(view.incident(ident).place)
    return place.country if place else None


@pytest.fixture
def review_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    root = tmp_path_factory.mktemp("review") / "geodata"
    shutil.copytree(DEFAULT_DATA, root)
    return root


def test_a_reviewer_drafts_fixes_and_publishes_a_report(browser: object, review_data: Path) -> None:
    """Upload a report, move one incident to the other Tripoli on its map, drop a point
    for another and fix its dates, reject one, set statuses, accept: the published map
    shows the result and who reviewed it."""
    with streamlit_server(review_data) as url:
        page = Page(browser, url)
        pg = page.page
        pg.goto(url + "/review")
        pg.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(TRIPOLI_HTML))
        pg.get_by_label("Publisher").fill("Example Wire")
        pg.get_by_role("button", name="Draft it").click()
        first, second, third = (f"{TRIPOLI}-{n}" for n in (1, 2, 3))
        expect(pg.locator(f".st-key-rv_inc_{third}")).to_contain_text(
            "fish market", timeout=TIMEOUT_MS
        )
        # the first incident goes to Tripoli in Libya, one of the namesakes the resolver
        # weighed, picked on the incident's map: Tab reaches each numbered namesake (the
        # Libyan city and its region overlap at this zoom) and Enter picks it
        form = pg.locator(f".st-key-rv_inc_{first}")
        form.get_by_text("Show on the map").click()
        themap = pg.frame_locator(f".st-key-rv_mapbox_{first} iframe")
        themap.locator(".mapview-option[title*='Tripoli (city, LY']").focus()
        pg.keyboard.press("Enter")
        chosen = form.locator(f".st-key-rv_place_{first} label").filter(
            has=pg.locator("input:checked")
        )
        expect(chosen).to_contain_text("Tripoli (city, LY", timeout=TIMEOUT_MS)
        form.get_by_role("button", name="Save changes").click()
        _until(lambda: _country(review_data, first) == ["LY"], "the first incident in Libya")
        # the second incident: a point the gazetteer lacks, dropped on the map just north of
        # where the resolver put it, and its dates: the flood began two days before
        form = pg.locator(f".st-key-rv_inc_{second}")
        form.get_by_text("Show on the map").click()
        themap = pg.frame_locator(f".st-key-rv_mapbox_{second} iframe")
        now = themap.locator(".leaflet-overlay-pane path").first  # the current place's ring
        expect(now).to_be_visible(timeout=TIMEOUT_MS)
        now.scroll_into_view_if_needed()  # the mouse clicks where the window shows
        ring = now.bounding_box()
        assert ring is not None
        # above the ring and the numbered marker of the place it is now: on the map itself
        pg.mouse.click(ring["x"] + ring["width"] / 2, ring["y"] + ring["height"] / 2 - 22)
        chosen = form.locator(f".st-key-rv_place_{second} label").filter(
            has=pg.locator("input:checked")
        )
        expect(chosen).to_contain_text("click the map", timeout=TIMEOUT_MS)
        lat_box = form.locator(f".st-key-rv_lat_{second} input")
        lon_box = form.locator(f".st-key-rv_lon_{second} input")
        expect(lat_box).not_to_have_value("", timeout=TIMEOUT_MS)
        expect(themap.locator(".leaflet-tooltip", has_text="New point")).to_be_visible(
            timeout=TIMEOUT_MS
        )
        lat, lon = float(lat_box.input_value()), float(lon_box.input_value())
        assert 34.4 < lat < 46 and 34 < lon < 37.5, (lat, lon)  # north of Lebanon's Tripoli
        form.get_by_label("New place name").fill("Coast road north of Tripoli")
        form.get_by_label("Where the position comes from").fill("the report's paragraph 4")
        for key, day in (("start", "20240514"), ("end", "20240516")):
            # a date field of year, month and day segments: typing fills them in turn
            field = form.locator(f".st-key-rv_{key}_{second}")
            field.get_by_role("spinbutton", name=re.compile("^year")).click()
            pg.keyboard.type(day)
            expect(field.locator('input[type="date"]')).to_have_value(
                f"{day[:4]}-{day[4:6]}-{day[6:]}", timeout=TIMEOUT_MS
            )
        form.get_by_role("button", name="Save changes").click()
        _until(lambda: _draft(review_data).incident(second).date_start == date(2024, 5, 14),
               "the second incident's new start date")  # fmt: skip
        dropped = _draft(review_data).place(_draft(review_data).incident(second).place)
        assert dropped.name == "Coast road north of Tripoli"
        assert dropped.anchor == pytest.approx((lon, lat), abs=1e-5)
        assert "the report's paragraph 4" in dropped.source
        # the save's rerun has drawn the form anew, with the saved place
        expect(pg.locator(f".st-key-rv_place_{second}")).to_contain_text(
            "Keep Coast road north of Tripoli", timeout=TIMEOUT_MS
        )
        pg.locator(f".st-key-rv_inc_{third}").get_by_role(
            "button", name="Reject this incident"
        ).click()
        _until(lambda: len(_draft(review_data).incidents) == 2, "the third incident rejected")
        for ident in (first, second):
            form = pg.locator(f".st-key-rv_inc_{ident}")
            status = form.locator(f".st-key-rv_status_{ident}").get_by_role("combobox")
            status.click()
            status.press_sequentially("reported")  # typing opens the list, filtered
            pg.get_by_role("option", name=re.compile(r"^reported")).click()
            expect(status).to_have_value(re.compile(r"^reported"), timeout=TIMEOUT_MS)
            form.get_by_role("button", name="Save changes").click()
            _until(lambda i=ident: _draft(review_data).incident(i).status == "reported",
                   f"{ident}'s status")  # fmt: skip
        # the last save's rerun has drawn the page when both forms show the saved status
        for ident in (first, second):
            status = pg.locator(f".st-key-rv_status_{ident}").get_by_role("combobox")
            expect(status).to_have_value(re.compile(r"^reported"), timeout=TIMEOUT_MS)
        # the first incident's map, redrawn around its new place, for the README's picture
        themap = pg.frame_locator(f".st-key-rv_mapbox_{first} iframe")
        expect(themap.locator("#map_div")).to_have_attribute("data-basemap", "loaded",
                                                             timeout=TIMEOUT_MS)  # fmt: skip
        expect(themap.locator(".mapview-option-current")).to_be_visible(timeout=TIMEOUT_MS)
        # looked up when called: an element a rerun replaced cannot be held stale
        pg.evaluate("k => document.querySelector('.st-key-' + k).scrollIntoView()",
                    f"rv_inc_{first}")  # fmt: skip
        REVIEW_SHOT.parent.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(REVIEW_SHOT), full_page=False)  # the README's picture
        pg.get_by_label("Your name (recorded on each incident)").fill("A. Analyst")
        pg.get_by_role("button", name="Accept and publish this draft").click()
        expect(pg.get_by_text(f"Published {TRIPOLI}", exact=False)).to_be_visible(
            timeout=TIMEOUT_MS
        )
        published = load_dataset(review_data)
        mine = {i.id: i for i in published.incidents if i.article == TRIPOLI}
        assert set(mine) == {first, second}
        assert published.places[mine[first].place].country == ["LY"]
        assert (mine[second].date_start, mine[second].date_end) == (
            date(2024, 5, 14),
            date(2024, 5, 16),
        )
        assert published.places[mine[second].place].anchor == pytest.approx((lon, lat), abs=1e-5)
        page.open(f"?incident={first}")
        panel = pg.locator(".st-key-incident_detail")
        expect(panel).to_contain_text("Reviewed: by A. Analyst", timeout=TIMEOUT_MS)
        expect(panel).to_contain_text("GeoNames 2210247", timeout=TIMEOUT_MS)  # Tripoli, Libya
        page.map_frame(incidents=len(visible(published, parse_query({}, published)[0])))
        assert page.blocked == [] and page.errors == []
        page.close()


def test_the_review_page_is_closed_to_visitors_without_the_token(
    browser: object, review_data: Path
) -> None:
    """With MAPVIEW_REVIEW=token every visitor needs the token, the machine itself too:
    without it there is no review page, no draft id, no draft text."""
    from mapview.ingest import ingest, write_draft

    result = ingest(TRIPOLI_HTML.read_bytes(), "t.html", published=None, root=review_data,
                    publisher="Example Wire")  # fmt: skip
    write_draft(review_data, result)
    env = {"MAPVIEW_REVIEW": "token", "MAPVIEW_REVIEW_TOKEN": TOKEN}
    with streamlit_server(review_data, env=env) as url:
        page = Page(browser, url)
        for query in ("", "?token=not-the-token-at-all"):
            page.page.goto(f"{url}/review{query}")
            page.map_frame()  # the map page, the only one this visitor has
            body = page.page.inner_text("body")
            assert "Review drafts" not in body and TRIPOLI not in body
            assert "fish market" not in body
        page.page.goto(f"{url}/review?token={TOKEN}")
        expect(page.page.get_by_text("Review drafts").first).to_be_visible(timeout=TIMEOUT_MS)
        expect(page.page.locator(f".st-key-rv_inc_{TRIPOLI}-3")).to_contain_text(
            "fish market", timeout=TIMEOUT_MS
        )
        _until(lambda: "token" not in page.page.url, "the token to leave the address bar")
        page.close()
