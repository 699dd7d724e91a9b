"""The app's page: the map first, then the panels around it.

Streamlit reruns this top to bottom on every interaction. State that must survive is the
view (dates, filters, selection, story step) in `st.session_state`, mirrored into the URL
so a copied link reopens the same view (state.py). The map's base is rendered once per
dataset and sent unchanged on every run (mapframe.py), which streamlit-folium recognises,
so only the incident layer's view is swapped and the reader's zoom and position stay.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from mapview.dashboard import access, settings
from mapview.dashboard import markdown as md
from mapview.dashboard.layers import (
    CONTESTED_WORDS,
    layer_view,
    status_key,
    view_script,
)
from mapview.dashboard.mapframe import map_frame
from mapview.dashboard.panels import (
    article_panel,
    downloads,
    incident_panel,
    search_panel,
    sidebar,
    table,
    timeline_chart,
)
from mapview.dashboard.playback import PLAY_SPEEDS, ticker
from mapview.dashboard.state import (
    assets_dir,
    current_view,
    dataset_key,
    get_dataset,
    init_state,
    log,
    move_window,
    published_urls,
    rendered_base,
    select,
    store_period,
    use_static_dir,
)
from mapview.dashboard.story import story_map
from mapview.dashboard.view import (
    View,
    to_query,
    visible,
)
from mapview.data.dataset import Dataset, data_dir, is_store
from mapview.data.errors import DataError

_review: Any = None  # the review page of this run, for the sidebar's link; None: no access

MAP_HEIGHT = 560  # px the component asks for; page.css then fits the map to the window

FIRST_RUN_FALLBACK_S = 3.0  # the first run's wait for the map before drawing the rest anyway

PAGE_CSS = Path(__file__).with_name("page.css")


def map_panel(view: View) -> None:
    ss = st.session_state
    key = dataset_key()
    data_url, details_url = published_urls(*key)
    dataset = get_dataset()
    story = story_map(dataset, ss.w_article, ss.mv_step) if ss.mv_step is not None else None
    layer = layer_view(
        data_url,
        view,
        focus=ss.mv_selected,
        pan=ss.mv_pan,
        details_url=details_url,
        popup=ss.mv_popup,
        story=story,
    )
    ss.mv_pan = ss.mv_popup = False
    out = map_frame(
        rendered_base(*key),
        view_script(layer),
        key="map",
        height=MAP_HEIGHT,
        returned_objects=["last_active_drawing", "last_object_clicked_count"],
    )
    handle_click(out or {}, dataset, view)
    tiles = settings.tiles()
    if tiles is None:
        st.caption(
            "Basemap: Natural Earth, drawn offline by this server. The map asks no other "
            "site for anything."
        )
    else:
        st.caption(
            f"Basemap: Natural Earth with online tiles from {md.escape(tiles.host)}, turned "
            "on by whoever runs this server: your browser asks that site for the area you view."
        )


def handle_click(out: dict[str, Any], dataset: Dataset, view: View) -> None:
    """A new click on the map selects its incident, or its place (an area, a line, a
    crowded place): the one incident there in view, else the place's list."""
    ss = st.session_state
    count = out.get("last_object_clicked_count")
    if not count or count == ss.mv_click:
        return
    ss.mv_click = count
    props = ((out.get("last_active_drawing") or {}).get("properties")) or {}
    if props.get("id"):
        select(str(props["id"]), pan=False, from_map=True)
    elif props.get("place"):
        place = str(props["place"])
        here = visible(dataset, view).at_place(place) if place in dataset.places else []
        if len(here) == 1:
            select(here[0].id, pan=False, from_map=True)
        else:
            select(None, pan=False)
            ss.mv_place = place


def show_errors(exc: DataError) -> None:
    """Visitors learn that the data is broken; the server's log says where and how.

    Problems name files on the server, which a visitor has no business seeing (and cannot
    fix); whoever runs the server reads them in its log or with `mapview validate`.
    """
    for problem in exc.problems:
        log.error("dataset problem: %s", problem)
    st.error(
        f"The published dataset cannot be shown right now: it has {len(exc.problems)} "
        "problem(s). Whoever runs this server can see them in its log or with "
        "`mapview validate`."
    )


def waiting_drafts() -> int:
    """Drafts waiting in the dataset being served (a store's or a folder's)."""
    root = data_dir()
    if is_store(root):
        from mapview.dashboard.review_store import waiting

        return waiting(root)
    from mapview.ingest.drafts import pending_drafts

    return len(pending_drafts(root))


def _review_page() -> None:
    """Imported on use: visitors' runs never load the ingest half."""
    from mapview.dashboard import review_page

    review_page.render()


def _may_review() -> bool:
    """Whether this visitor gets the review page at all (access.py says who may)."""
    ss = st.session_state
    given = st.query_params.get("token")
    if given is not None:
        ss.mv_review_token = given  # kept for the session, never left in the address bar
        del st.query_params["token"]
    try:
        policy = access.policy()
    except settings.SettingsError as exc:
        log.error("%s: the review page is off", exc)
        return False
    return policy.allows(access.peer_address(), ss.get("mv_review_token"))


def render(static_dir: Path | None = None) -> None:
    """The whole app; `static_dir` is the `static/` folder beside the app's script. The
    map is the one page every visitor has; the review page exists only for reviewers."""
    global _review
    if static_dir is not None:
        use_static_dir(static_dir)
    st.set_page_config(page_title="mapview", page_icon="🗺️", layout="wide")
    try:
        pages = [st.Page(_render, title="Map", default=True)]
        _review = None
        if _may_review():
            _review = st.Page(_review_page, title="Review drafts", url_path="review")
            pages.append(_review)
        st.navigation(pages, position="hidden").run()
    except Exception:  # never a traceback or a server path in a visitor's page
        log.exception("the page failed")
        st.error(
            "Something went wrong on the server while drawing this page. Reload to try "
            "again; whoever runs the server can find the details in its log."
        )


@st.fragment(run_every=FIRST_RUN_FALLBACK_S)
def _draw_the_rest() -> None:
    """Reruns the page if nothing has since the first run (the map never reported back).

    Drawn only by a first run: once a full run has happened the fragment is gone and its
    timer with it.
    """
    ss = st.session_state
    if ss.get("mv_rest_armed"):
        ss.mv_rest_armed = False
        st.rerun(scope="app")
    ss.mv_rest_armed = True


def _render() -> None:
    assets_dir()
    try:
        settings.tiles()
    except settings.SettingsError as exc:
        log.error("%s", exc)
        st.error("This server's map settings are invalid; its log says which.")
        return
    try:
        store_period()  # on a store: which months this session loads
        dataset = get_dataset()
    except DataError as exc:
        show_errors(exc)
        return
    init_state(dataset)
    ss = st.session_state
    if "mv_next_window" in ss:
        # A playback step. Kept until a run has drawn it to the end (below): a run cut
        # short by another rerun request would otherwise lose it to the browser's older
        # slider value, and playback stalled one step short of the end.
        move_window(ss.mv_next_window)
    st.html(PAGE_CSS)  # styles only: Streamlit adds them without taking any room
    for notice in ss.mv_notices:
        st.warning(md.escape(notice))  # notices quote the URL, which anyone can write
    # A session's first run sends the map and little else: the browser then loads the map
    # while it is idle, instead of while it parses the table's and the chart's code (2 MB
    # of JavaScript). The map's first report back to the server reruns the page, which
    # draws the rest; should that report never come, `_draw_the_rest` does.
    full = ss.mv_full
    ss.mv_full = True
    view = current_view()
    shown = visible(dataset, view)
    st.title("mapview")
    st.caption(
        f"{len(shown)} of {len(dataset.incidents)} incidents from {view.start:%d %b %Y} "
        f"to {view.end:%d %b %Y}. Markers: colour = category; {status_key()}; "
        f"{CONTESTED_WORDS}. Areas and lines are shaded with a count."
    )
    if not shown:
        st.info("No incident matches these filters. Widen the time window or the filters.")
    left, right = st.columns([3, 2], gap="medium")
    with left:
        map_panel(view)  # first in its column, so later elements never move (remount) it
        if full:
            timeline_chart(dataset, shown, view)
    if full:
        with right:
            search_panel(dataset, shown)
            incident_panel(dataset, shown)
            article_panel(dataset, shown)
        sidebar(dataset)
        if _review is not None:
            st.sidebar.page_link(_review, label=f"Review drafts ({waiting_drafts()} waiting)")
        st.subheader("Incidents in view")
        table(dataset, shown)
        downloads(dataset, shown)
    else:
        st.sidebar.header("Filters")
        _draw_the_rest()
    query = to_query(current_view(), dataset)
    if ss.get("mv_period"):
        query["period"] = ss.mv_period  # a store's months: a colleague loads the same
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
    if full:
        ss.pop("mv_next_window", None)  # the step is on the page now, slider included
    if ss.mv_playing and full:
        ticker(PLAY_SPEEDS.get(ss.w_speed or "1×", 1.0))
