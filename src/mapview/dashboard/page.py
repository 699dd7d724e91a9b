"""The app's page: filters, map, incident panel, article, timeline, table and downloads.

Streamlit reruns this top to bottom on every interaction. State that must survive is the
view (dates, filters, selection) in `st.session_state`, mirrored into the URL so a copied
link reopens the same view. The map's base is rendered once per dataset and sent unchanged
on every run (mapframe.py), which streamlit-folium recognises, so only the incident layer's
view is swapped and the reader's zoom and position stay where they were.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import streamlit as st

from mapview.dashboard import markdown as md
from mapview.dashboard import settings
from mapview.dashboard.assets import install_assets, publish_data
from mapview.dashboard.layers import (
    base_map,
    detail_payload,
    layer_view,
    map_payload,
    view_script,
)
from mapview.dashboard.mapframe import RenderedBase, map_frame, render_base
from mapview.dashboard.view import (
    Shown,
    View,
    date_label,
    parse_query,
    timeline_counts,
    to_query,
    visible,
)
from mapview.data import naturalearth
from mapview.data.dataset import Dataset, data_dir, load_dataset
from mapview.data.errors import DataError
from mapview.data.export import FORMATS, export
from mapview.data.incidents import CATEGORIES, STATUSES, Record

APP_DIR = Path(__file__).resolve().parents[3]
log = logging.getLogger("mapview")
PLAY_DELAY_S = 1.0
PARAGRAPH_LINKS = 4  # incident links under one paragraph; more become a count
LINKS_UP_TO = 200  # above this many incidents in view, paragraphs carry no incident links
PLACE_LIST = 20  # incidents listed in a place's panel; a crowded place says how many more
SELECT_LIMIT = 100  # options in the incident picker; the table's pages and the map reach the rest
FIRST_RUN_FALLBACK_S = 3.0  # the first run's wait for the map before drawing the rest anyway
TABLE_PAGE = 50  # rows sent to the browser per page; downloads always hold every incident in view


def _fingerprint(root: Path) -> tuple[tuple[str, float], ...]:
    files = [*root.glob("articles/*.json"), root / "places.geojson", root / "incidents.json"]
    return tuple(sorted((str(p), p.stat().st_mtime) for p in files if p.exists()))


@st.cache_resource(show_spinner="Loading the dataset…")
def _load(root: str, fingerprint: tuple[tuple[str, float], ...]) -> Dataset:
    del fingerprint  # part of the cache key: an edited file reloads the data
    try:
        return load_dataset(root)
    finally:
        # The border check's polygons: 60 MB the page never reads. The memory goes back
        # to the system with the payloads' in `_published`, which always follows.
        naturalearth.release()


_static_dir = APP_DIR / "static"


# Arrow's default pool (mimalloc) keeps what it freed for reuse; the system allocator
# gives it back on `malloc_trim`: 17 MB less for the life of a server that read 100,000
# incidents from the cache. The page serialises small tables, so speed does not suffer.
pa.set_memory_pool(pa.system_memory_pool())


def give_back_memory() -> None:
    """Return what loading freed to the system: Arrow's pool and C malloc keep freed
    memory for reuse, about 30 MB after reading 100,000 incidents from the cache, which a
    server that loads once would hold for its lifetime."""
    pa.default_memory_pool().release_unused()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)


@st.cache_resource
def _assets(static_dir: str) -> Path:
    return install_assets(Path(static_dir))


@st.cache_resource(show_spinner=False)
def _published(root: str, fingerprint: tuple[tuple[str, float], ...]) -> tuple[str, str]:
    """The URLs of the map's two data files (see `layers.map_payload`), written once."""
    dataset, static = _load(root, fingerprint), _assets(str(_static_dir))
    urls = (
        publish_data(map_payload(dataset), static, "incidents"),
        publish_data(detail_payload(dataset), static, "details"),
    )
    give_back_memory()  # what loading and building the payloads freed
    return urls


@st.cache_resource(show_spinner=False)
def _base(root: str, fingerprint: tuple[tuple[str, float], ...]) -> RenderedBase:
    """The base map, built and rendered once per dataset version for every visitor."""
    dataset, (data_url, _) = _load(root, fingerprint), _published(root, fingerprint)
    return render_base(base_map(dataset, tiles=settings.tiles(), data_url=data_url))


def _dataset_key() -> tuple[str, tuple[tuple[str, float], ...]]:
    root = data_dir()
    return str(root), _fingerprint(root) if root.is_dir() else ()


def get_dataset() -> Dataset:
    return _load(*_dataset_key())


# --- state ---------------------------------------------------------------------------


def _init_state(dataset: Dataset) -> None:
    ss = st.session_state
    if ss.get("mv_init") == str(dataset.root):
        return
    view, notices = parse_query(st.query_params.to_dict(), dataset)
    ss.mv_init = str(dataset.root)
    ss.mv_notices = notices
    ss.w_window = (view.start, view.end)
    ss.w_dates = (view.start, view.end)
    ss.w_cats = [c for c in CATEGORIES if c in view.categories]
    ss.w_stats = [s for s in STATUSES if s in view.statuses]
    ss.w_arts = sorted(view.articles)
    ss.mv_selected = view.incident
    ss.mv_place = None
    ss.mv_pan = view.incident is not None
    ss.mv_click = None
    ss.mv_playing = False
    ss.mv_table_gen = 0
    ss.mv_rest_armed = False
    ss.mv_full = False  # the session's first run draws the map first; see _render


def current_view() -> View:
    ss = st.session_state
    start, end = ss.w_window
    return View(
        start=start,
        end=end,
        categories=frozenset(ss.w_cats),
        statuses=frozenset(ss.w_stats),
        articles=frozenset(ss.w_arts),
        incident=ss.mv_selected,
    )


def select(incident_id: str | None, *, pan: bool) -> None:
    ss = st.session_state
    if incident_id != ss.mv_selected:
        ss.mv_table_gen += 1  # the table's highlighted row is stale now; reset it
    ss.mv_selected = incident_id
    ss.mv_place = None
    ss.mv_pan = pan and incident_id is not None


def _on_window() -> None:
    st.session_state.w_dates = st.session_state.w_window
    st.session_state.mv_playing = False


def _on_dates() -> None:
    value = st.session_state.w_dates
    if isinstance(value, tuple | list) and len(value) == 2:
        st.session_state.w_window = (value[0], value[1])
    st.session_state.mv_playing = False


def _on_incident_box() -> None:
    select(st.session_state.w_incident, pan=True)


def _on_table() -> None:
    state = st.session_state.get(f"w_table_{st.session_state.mv_table_gen}")
    rows = state.selection.rows if state is not None else []
    ids = st.session_state.get("mv_table_ids", [])
    if rows and rows[0] < len(ids):
        select(ids[rows[0]], pan=True)


def _on_play() -> None:
    ss = st.session_state
    ss.mv_playing = not ss.mv_playing
    if ss.mv_playing:
        start, _ = ss.w_window
        ss.w_window = ss.w_dates = (start, start)


def play_step(dataset: Dataset, window: tuple[date, date]) -> tuple[date, date] | None:
    """The window after one playback step: the end moves to the next date with news."""
    _, span_end = dataset.date_span
    start, end = window
    if end >= span_end:
        return None
    starts = dataset.table["start"].to_numpy()
    later = starts[starts > end.toordinal()]
    return (start, date.fromordinal(int(later.min())) if len(later) else span_end)


# --- page parts ------------------------------------------------------------------------


def sidebar(dataset: Dataset) -> None:
    lo, hi = dataset.date_span
    with st.sidebar:
        st.header("Filters")  # also drawn alone on a first run: the page keeps its width
        st.slider(
            "Time window",
            min_value=lo,
            max_value=max(hi, lo + timedelta(days=1)),
            key="w_window",
            format="D MMM YYYY",
            on_change=_on_window,
        )
        st.date_input("Date range", key="w_dates", min_value=lo, max_value=hi, on_change=_on_dates)
        label = "⏸ Pause" if st.session_state.mv_playing else "▶ Play timeline"
        st.button(label, key="w_play", on_click=_on_play, width="stretch")
        st.multiselect(
            "Categories", list(CATEGORIES), key="w_cats", format_func=lambda c: CATEGORIES[c][0]
        )
        st.multiselect("Status", list(STATUSES), key="w_stats", help=_status_help())
        if len(dataset.articles) > 1:
            st.multiselect(
                "Articles",
                sorted(dataset.articles),
                key="w_arts",
                format_func=lambda a: dataset.articles[a].title,
            )
        # What a visitor learns about the data: the published dataset, never where it lives
        # on the server or what is waiting for review.
        st.caption(
            f"Published dataset: {len(dataset.articles)} report(s), {len(dataset.places)} "
            f"place(s), {len(dataset.incidents)} incident(s)."
        )


def _status_help() -> str:
    return "  \n".join(f"**{k}**: {v}" for k, v in STATUSES.items())


def map_panel(view: View) -> None:
    ss = st.session_state
    key = _dataset_key()
    data_url, details_url = _published(*key)
    layer = layer_view(data_url, view, focus=ss.mv_selected, pan=ss.mv_pan, details_url=details_url)
    ss.mv_pan = False
    out = map_frame(
        _base(*key),
        view_script(layer),
        key="map",
        height=560,
        returned_objects=["last_active_drawing", "last_object_clicked_count"],
    )
    handle_click(out or {})
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


def handle_click(out: dict[str, Any]) -> None:
    """A new click on the map selects its incident (or its place, for an area or line)."""
    ss = st.session_state
    count = out.get("last_object_clicked_count")
    if not count or count == ss.mv_click:
        return
    ss.mv_click = count
    props = ((out.get("last_active_drawing") or {}).get("properties")) or {}
    if props.get("id"):
        select(str(props["id"]), pan=False)
    elif props.get("place"):
        select(None, pan=False)
        ss.mv_place = str(props["place"])


def incident_panel(dataset: Dataset, shown: Shown) -> None:
    ss = st.session_state
    ids = [i.id for i in shown[:SELECT_LIMIT]]
    if ss.mv_selected and ss.mv_selected not in ids:
        ids.insert(0, ss.mv_selected)
    ss.w_incident = ss.mv_selected
    titles = {i.id: i.title for i in shown[:SELECT_LIMIT]}
    if ss.mv_selected and (chosen := dataset.incident(ss.mv_selected)):
        titles[chosen.id] = chosen.title
    st.selectbox(
        "Selected incident",
        [None, *ids],
        key="w_incident",
        format_func=lambda i: "— none —" if i is None else titles.get(i, i),
        placeholder="— none: click a marker or a row —",
        on_change=_on_incident_box,
    )
    incident = dataset.incident(ss.mv_selected) if ss.mv_selected else None
    if incident is None:
        if ss.mv_place and ss.mv_place in dataset.places:
            place_panel(dataset, ss.mv_place, shown)
        else:
            st.caption(
                "Click a marker, a row of the table or a passage's link to read its sources."
            )
        return
    if shown.position(incident.id) is None:
        st.warning("This incident is outside the current filters; it is not on the map.")
    place = dataset.places[incident.place]
    article = dataset.articles[incident.article]
    with st.container(border=True, key="incident_detail"):
        st.markdown("#### " + md.escape(incident.title))
        st.markdown(
            f"**When:** {md.escape(date_label(incident))} "
            f"(precision: {incident.date_precision}; the report says "
            f"“{md.escape(incident.date_text)}”"
            + (", still under way at publication" if incident.ongoing else "")
            + ")  \n"
            f"**Status:** {incident.status} — {md.escape(STATUSES[incident.status])}  \n"
            f"**Who says so:** {md.escape(incident.source)}  \n"
            f"**Where:** {md.escape(place.name)} ({place.geometry.geom_type.lower()}; "
            f"{md.escape(place.source)})  \n"
            f"**Category:** {md.escape(CATEGORIES[incident.category][0])}"
        )
        if incident.summary:
            st.markdown("*" + md.escape(incident.summary) + "*")
        for passage in incident.passages:
            st.markdown(
                f"> {md.escape(passage.text)}  \n"
                f"> — {md.escape(article.publisher)}, {article.published.isoformat()}, "
                f"“{md.escape(article.title)}”, paragraph {passage.paragraph[1:]}"
            )


def place_panel(dataset: Dataset, place_id: str, shown: Shown) -> None:
    place = dataset.places[place_id]
    st.markdown("#### " + md.escape(place.name))
    st.caption(md.escape(place.source))
    here = shown.at_place(place_id)
    if len(here) > PLACE_LIST:
        st.caption(
            f"{len(here):,} incidents here in view; the first {PLACE_LIST} by date are listed. "
            "Narrow the time window to list the others, or zoom in on the map."
        )
    for incident in here[:PLACE_LIST]:
        st.button(
            md.escape(f"{date_label(incident)}: {incident.title}"),
            key=f"place_pick_{incident.id}",
            on_click=select,
            args=(incident.id,),
            kwargs={"pan": False},
        )


def article_panel(dataset: Dataset, shown: Shown) -> None:
    ss = st.session_state
    selected = dataset.incident(ss.mv_selected) if ss.mv_selected else None
    article_ids = sorted(dataset.articles)
    if selected is not None:
        ss.w_article = selected.article
    elif ss.get("w_article") not in article_ids:
        ss.w_article = article_ids[0]
    if len(article_ids) > 1:
        st.selectbox(
            "Article",
            article_ids,
            key="w_article",
            format_func=lambda a: dataset.articles[a].title,
        )
    article = dataset.articles[ss.w_article]
    st.markdown("### " + md.escape(article.title))
    st.caption(
        md.escape(f"{article.publisher}, {article.published:%d %B %Y}")
        + (". " + md.escape(article.attribution) if article.attribution else "")
    )
    backing: dict[str, dict[str, Record]] = {}
    for incident in shown if len(shown) <= LINKS_UP_TO else ():
        if incident.article == article.id:
            for passage in incident.passages:
                backing.setdefault(passage.paragraph, {})[incident.id] = incident
    spans: dict[str, list[tuple[int, int]]] = {}
    if selected is not None and selected.article == article.id:
        for p in selected.passages:
            spans.setdefault(p.paragraph, []).append((p.start, p.end))
    leftovers = []
    with st.container(height=520, key="article_text"):
        # Paragraphs without links go out together as one element: a long report is
        # otherwise fifty elements re-sent and re-drawn on every slider move.
        run: list[str] = []
        for para in article.paragraphs:
            if para.kind in ("caption", "boilerplate"):
                leftovers.append(para)
                continue
            if para.kind == "title":
                continue
            text = md.highlight(para.text, spans.get(para.id, []))
            run.append(("##### " if para.kind == "heading" else "") + text)
            links = list(backing.get(para.id, {}).values())
            if not links:
                continue
            st.markdown("\n\n".join(run))
            run = []
            shown_links = links[:PARAGRAPH_LINKS]
            for incident in shown_links:
                st.button(
                    "↳ " + md.escape(incident.title),
                    key=f"para_{para.id}_{incident.id}",
                    type="tertiary",
                    on_click=select,
                    args=(incident.id,),
                    kwargs={"pan": True},
                )
            if len(links) > len(shown_links):
                st.caption(f"…and {len(links) - len(shown_links):,} more incident(s) cite this")
        if run:
            st.markdown("\n\n".join(run))
        if leftovers:
            with st.expander(f"Page leftovers kept out of the text ({len(leftovers)})"):
                for para in leftovers:
                    st.caption(f"{para.kind}: {md.escape(para.text)}")


def timeline_chart(dataset: Dataset, shown: Shown, view: View) -> None:
    """Incidents per day, week or month by category: counts made in Python, a few KB."""
    if not shown:
        return
    unit, rows = timeline_counts(dataset, view, shown)
    labels = [label for label, _ in CATEGORIES.values()]
    lo, hi = dataset.date_span
    # An Arrow table rather than inline values: Streamlit converts inline values through
    # pandas on every rerun, 7 ms of a slider move for a few dozen rows.
    counts = pa.table(
        {"date": [r["date"] for r in rows], **{c: [r.get(c, 0) for r in rows] for c in labels}}
    )
    spec = {
        "height": 110,
        "transform": [
            {"fold": labels, "as": ["category", "incidents"]},
            {"filter": "datum.incidents > 0"},
        ],
        "mark": {"type": "bar"},
        "encoding": {
            "x": {
                "field": "date",
                "type": "temporal",
                "title": f"incidents per {unit}",
                "scale": {"domain": [lo.isoformat(), (hi + timedelta(days=1)).isoformat()]},
            },
            "y": {
                "aggregate": "sum",
                "field": "incidents",
                "type": "quantitative",
                "title": None,
            },
            "color": {
                "field": "category",
                "type": "nominal",
                "legend": None,
                "scale": {"domain": labels, "range": [c for _, c in CATEGORIES.values()]},
            },
            "tooltip": [
                {"field": "date", "type": "temporal", "title": unit},
                {"field": "category"},
                {"field": "incidents", "type": "quantitative"},
            ],
        },
    }
    st.vega_lite_chart(counts, spec, width="stretch")


def table(dataset: Dataset, shown: Shown) -> None:
    """A page of the incidents in view: a rerun sends 50 rows, not the whole selection."""
    ss = st.session_state
    pages = max(1, -(-len(shown) // TABLE_PAGE))
    if pages > 1:
        selected = ss.mv_selected
        at = shown.position(selected)
        if at is not None and ss.get("mv_table_follow") != selected:
            ss.w_page = at // TABLE_PAGE + 1  # open on the selected incident's page
            ss.mv_table_follow = selected
        ss.w_page = min(max(1, int(ss.get("w_page", 1))), pages)
        left, right = st.columns([1, 3])
        left.number_input("Page", min_value=1, max_value=pages, step=1, key="w_page")
        right.caption(
            f"{len(shown):,} incidents in view, {TABLE_PAGE} a page; downloads below hold them all."
        )
    first = (ss.w_page - 1) * TABLE_PAGE if pages > 1 else 0
    rows_shown = shown[first : first + TABLE_PAGE]
    ss.mv_table_ids = [i.id for i in rows_shown]
    frame = pa.table(  # Arrow as Streamlit sends it: no pandas conversion per rerun
        {
            "date": [date_label(i) for i in rows_shown],
            "title": [i.title for i in rows_shown],
            "place": [dataset.places[i.place].name for i in rows_shown],
            "status": [i.status for i in rows_shown],
            "category": [CATEGORIES[i.category][0] for i in rows_shown],
            "source": [i.source for i in rows_shown],
        }
    )
    selected = ss.mv_selected
    rows = [n for n, i in enumerate(rows_shown) if i.id == selected]
    st.dataframe(
        frame,
        key=f"w_table_{ss.mv_table_gen}",
        on_select=_on_table,
        selection_mode="single-row",
        selection_default={"selection": {"rows": rows, "columns": []}} if rows else None,
        hide_index=True,
        width="stretch",
    )


def downloads(dataset: Dataset, shown: Shown) -> None:
    cols = st.columns(len(FORMATS))
    for col, (fmt, (mime, ext)) in zip(cols, FORMATS.items(), strict=True):
        col.download_button(
            f"Download {fmt.upper()}",
            data=lambda fmt=fmt: export(dataset, list(shown), fmt),
            file_name=f"mapview-incidents.{ext}",
            mime=mime,
            key=f"dl_{fmt}",
            on_click="ignore",
            width="stretch",
        )


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


def render(static_dir: Path | None = None) -> None:
    """The whole page; `static_dir` is the `static/` folder beside the app's script."""
    global _static_dir
    if static_dir is not None:
        _static_dir = static_dir
    st.set_page_config(page_title="mapview", page_icon="🗺️", layout="wide")
    try:
        _render()
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
    _assets(str(_static_dir))
    try:
        settings.tiles()
    except settings.SettingsError as exc:
        log.error("%s", exc)
        st.error("This server's map settings are invalid; its log says which.")
        return
    try:
        dataset = get_dataset()
    except DataError as exc:
        show_errors(exc)
        return
    _init_state(dataset)
    ss = st.session_state
    if "mv_next_window" in ss:
        ss.w_window = ss.w_dates = ss.pop("mv_next_window")
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
        f"to {view.end:%d %b %Y}. Markers: colour = category; filled = confirmed or reported, "
        "hollow = claimed, dashed = unverified, fine dashes = unreviewed machine draft."
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
            incident_panel(dataset, shown)
            article_panel(dataset, shown)
        sidebar(dataset)
        st.subheader("Incidents in view")
        table(dataset, shown)
        downloads(dataset, shown)
    else:
        st.sidebar.header("Filters")
        _draw_the_rest()
    query = to_query(current_view(), dataset)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
    if ss.mv_playing:
        step = play_step(dataset, ss.w_window)
        if step is None:
            ss.mv_playing = False
        else:
            time.sleep(PLAY_DELAY_S)
            ss.mv_next_window = step  # widgets take new values only before they are drawn
            st.rerun()
