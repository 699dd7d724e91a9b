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
import json
import logging
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import streamlit as st

from mapview.dashboard import markdown as md
from mapview.dashboard import settings
from mapview.dashboard.assets import install_assets, publish_data
from mapview.dashboard.layers import (
    CONTESTED_WORDS,
    STATUS_SYMBOL,
    base_map,
    detail_payload,
    latlng,
    layer_view,
    map_payload,
    status_key,
    view_script,
)
from mapview.dashboard.mapframe import RenderedBase, map_frame, render_base
from mapview.dashboard.view import (
    DAY_KIND,
    SPAN_KIND,
    Shown,
    View,
    by_paragraph,
    date_label,
    parse_query,
    search,
    shown_article,
    story_steps,
    timeline_counts,
    to_query,
    visible,
)
from mapview.data import naturalearth
from mapview.data.dataset import Dataset, data_dir, load_dataset
from mapview.data.errors import DataError
from mapview.data.export import FORMATS, export
from mapview.data.incidents import CATEGORIES, STATUSES, Record
from mapview.data.places import LOCATION_PRECISION

APP_DIR = Path(__file__).resolve().parents[3]
MAP_HEIGHT = 560  # px the component asks for; page.css then fits the map to the window
log = logging.getLogger("mapview")
PLAY_SPEEDS = {"½×": 2.0, "1×": 1.0, "2×": 0.5, "4×": 0.25}  # seconds per playback step
PARAGRAPH_LINKS = 4  # incident links under one paragraph; more become a count
LINKS_UP_TO = 200  # above this many incidents in view, paragraphs carry no incident links
PLACE_LIST = 20  # incidents listed in a place's panel; a crowded place says how many more
SELECT_LIMIT = 100  # options in the incident picker; the table's pages and the map reach the rest
FIRST_RUN_FALLBACK_S = 3.0  # the first run's wait for the map before drawing the rest anyway
TABLE_PAGE = 50  # rows sent to the browser per page; downloads always hold every incident in view
SEARCH_HITS = 8  # search results listed; more are counted
SPAN_LIMIT = 120  # up to this many incidents in view, the timeline draws each one's dates
PAGE_CSS = Path(__file__).with_name("page.css")
STORY_JS = Path(__file__).parent / "page_js" / "story.js"


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
    ss.w_actors = sorted(view.actors) if view.actors is not None else []
    ss.w_article = shown_article(dataset, view)
    ss.w_speed = "1×"
    ss.mv_step = view.step
    ss.mv_selected = view.incident
    ss.mv_place = None
    ss.mv_pan = view.incident is not None
    ss.mv_popup = view.incident is not None
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
        actors=frozenset(ss.w_actors) if ss.w_actors else None,
        step=ss.mv_step,
        report=ss.get("w_article"),
    )


def select(incident_id: str | None, *, pan: bool, from_map: bool = False) -> None:
    """Select an incident. A click on the map opened its own popup, which the reader may
    close before the page's rerun arrives: only other ways of selecting ask for one."""
    ss = st.session_state
    if incident_id != ss.mv_selected:
        ss.mv_table_gen += 1  # the table's highlighted row is stale now; reset it
    ss.mv_selected = incident_id
    ss.mv_place = None
    ss.mv_pan = pan and incident_id is not None
    ss.mv_popup = incident_id is not None and not from_map


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
    """Play from where the window is; from the start once it has reached the end."""
    ss = st.session_state
    ss.mv_playing = not ss.mv_playing
    ss.pop("mv_next_window", None)  # a step a tick had queued must not land after Pause
    if ss.mv_playing:
        start, end = ss.w_window
        if end >= get_dataset().date_span[1]:
            ss.w_window = ss.w_dates = (start, start)


def _on_step(forward: bool) -> None:
    ss = st.session_state
    ss.mv_playing = False
    ss.pop("mv_next_window", None)
    dataset = get_dataset()
    window = (play_step if forward else play_back)(dataset, ss.w_window)
    if window is not None:
        ss.w_window = ss.w_dates = window


def play_step(dataset: Dataset, window: tuple[date, date]) -> tuple[date, date] | None:
    """The window after one playback step: the end moves to the next date with news."""
    _, span_end = dataset.date_span
    start, end = window
    if end >= span_end:
        return None
    starts = dataset.table["start"].to_numpy()
    later = starts[starts > end.toordinal()]
    return (start, date.fromordinal(int(later.min())) if len(later) else span_end)


def play_back(dataset: Dataset, window: tuple[date, date]) -> tuple[date, date] | None:
    """The window one step back: the end returns to the previous date with news (not
    before the window's start)."""
    start, end = window
    if end <= start:
        return None
    starts = dataset.table["start"].to_numpy()
    earlier = starts[(starts < end.toordinal()) & (starts >= start.toordinal())]
    return (start, date.fromordinal(int(earlier.max())) if len(earlier) else start)


def play_tick(dataset: Dataset, window: tuple[date, date]) -> tuple[tuple[date, date] | None, bool]:
    """One tick of playback: the next window (None: none left), and whether to play on.
    The tick that reaches the last date stops, so the page shows "Play" with it."""
    step = play_step(dataset, window)
    return step, step is not None and step[1] < dataset.date_span[1]


def _ticker(delay: float) -> None:
    """While playing, a fragment that reruns every `delay` seconds moves the window on.

    A fragment's timer, rather than sleeping in the page's run: Pause then stops the
    next step at once (a sleeping run used to finish its step after the click), and the
    timer goes with the fragment when a run no longer draws it.
    """

    @st.fragment(run_every=delay)
    def tick() -> None:
        ss = st.session_state
        if ss.pop("mv_tick_drawn", False) or not ss.mv_playing:
            return  # drawn by a full run: the first step is `delay` away
        window, ss.mv_playing = play_tick(get_dataset(), ss.w_window)
        if window is not None:
            ss.mv_next_window = window  # widgets take new values only before they are drawn
        st.rerun(scope="app")

    st.session_state.mv_tick_drawn = True
    tick()


# --- story mode ------------------------------------------------------------------------


def _story_steps() -> list[int]:
    return story_steps(get_dataset(), st.session_state.w_article)


def _on_story(move: int | None) -> None:
    """Start the story (move 0), go back or on a paragraph (-1, +1), or end it (None)."""
    ss = st.session_state
    steps = _story_steps()
    if move is None or not steps:
        ss.mv_step = None
        return
    at = steps.index(ss.mv_step) if ss.mv_step in steps else -1
    ss.mv_step = steps[min(max(at + move, 0), len(steps) - 1)] if at >= 0 else steps[0]
    ss.mv_story_moved = True


def story_map(dataset: Dataset, article_id: str, step: int) -> dict[str, object]:
    """What the map needs for a story step: the step, and [lat, lon] points around the
    places its paragraph names (an area's or a line's corners, so all of it is in view)."""
    points: list[list[float]] = []
    for place_id in dict.fromkeys(i.place for i in by_paragraph(dataset, article_id, f"p{step}")):
        geom = dataset.places[place_id].geometry
        if geom.geom_type == "Point":
            points.append(latlng(geom.x, geom.y))
        else:
            w, s, e, n = geom.bounds
            points += [latlng(w, s), latlng(e, n)]
    return {"step": step, "points": points}


def story_bar(dataset: Dataset) -> None:
    ss = st.session_state
    steps = _story_steps()
    if not steps:
        return
    if ss.mv_step is None:
        st.button(
            "Follow the story",
            key="w_story_start",
            icon=":material/auto_stories:",
            on_click=_on_story,
            args=(0,),
            help="Walk the report paragraph by paragraph; the map flies to the places each "
            "one names. Arrow keys step through it.",
        )
        return
    at = steps.index(ss.mv_step)
    with st.container(key="story_bar", horizontal=True, vertical_alignment="center"):
        st.button(
            "Previous",
            key="w_story_prev",
            icon=":material/arrow_back:",
            on_click=_on_story,
            args=(-1,),
            disabled=at == 0,
            shortcut="Left",
        )
        st.markdown(f"**Paragraph {ss.mv_step}** ({at + 1} of {len(steps)})")
        st.button(
            "Next",
            key="w_story_next",
            icon=":material/arrow_forward:",
            on_click=_on_story,
            args=(1,),
            disabled=at == len(steps) - 1,
            shortcut="Right",
        )
        st.button("End story", key="w_story_end", on_click=_on_story, args=(None,))
    if ss.pop("mv_story_moved", False) or ss.get("mv_story_scrolled") != ss.mv_step:
        ss.mv_story_scrolled = ss.mv_step
        # mapview's own script and a number: no text from any report goes into it
        st.html(
            f"<script>{STORY_JS.read_text(encoding='utf-8')}</script>"
            f"<script>window.mapviewStoryScroll({json.dumps(ss.mv_step)});</script>",
            unsafe_allow_javascript=True,
            width="content",
        )


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
        playback(dataset)
        st.multiselect(
            "Categories", list(CATEGORIES), key="w_cats", format_func=lambda c: CATEGORIES[c][0]
        )
        st.multiselect(
            "Status",
            list(STATUSES),
            key="w_stats",
            help=_status_help(),
            format_func=lambda s: f"{s} ({STATUS_SYMBOL[s]})",
        )
        if dataset.actors:
            st.multiselect(
                "Actors",
                dataset.actors,
                key="w_actors",
                placeholder="everyone",
                help="Only incidents that name one of these actors; empty: every incident.",
            )
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
    return "  \n".join(f"**{k}** ({STATUS_SYMBOL[k]}): {v}" for k, v in STATUSES.items())


def playback(dataset: Dataset) -> None:
    """Play, pause, step and speed. Material icons, which Streamlit ships with its page:
    the text glyph for pause showed as an empty box in Debian's chromium."""
    ss = st.session_state
    window = ss.w_window
    back, play, forward = st.columns([1, 2, 1], gap="small")
    play.button(
        "Pause" if ss.mv_playing else "Play",
        key="w_play",
        icon=":material/pause:" if ss.mv_playing else ":material/play_arrow:",
        help="Grow the window date by date from where it is (from the start once it has "
        "reached the end)",
        on_click=_on_play,
        width="stretch",
    )
    for column, onward, mover in ((back, False, play_back), (forward, True, play_step)):
        column.button(
            "",
            key="w_forward" if onward else "w_back",
            icon=":material/skip_next:" if onward else ":material/skip_previous:",
            help=f"Step {'forward' if onward else 'back'}: the window ends at the "
            f"{'next' if onward else 'previous'} date with news",
            on_click=_on_step,
            args=(onward,),
            disabled=mover(dataset, window) is None,
            width="stretch",
        )
    st.segmented_control("Speed", list(PLAY_SPEEDS), key="w_speed", width="stretch")


def map_panel(view: View) -> None:
    ss = st.session_state
    key = _dataset_key()
    data_url, details_url = _published(*key)
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
        _base(*key),
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


def search_panel(dataset: Dataset, shown: Shown) -> None:
    """Find an incident by any word of its title, place, source, passages or accounts;
    picking a hit selects it and flies the map there."""
    text = st.text_input(
        "Search",
        key="w_search",
        placeholder="Search titles, places, sources, quotes",
        label_visibility="collapsed",
        icon=":material/search:",
    )
    if not text.strip():
        return
    hits, total = search(dataset, text, SEARCH_HITS)
    if not total:
        st.caption("No incident matches these words.")
        return
    names = dataset.places
    with st.container(key="search_hits"):
        for incident in hits:
            outside = "" if shown.position(incident.id) is not None else " (outside the filters)"
            st.button(
                md.escape(f"{incident.title} — {names[incident.place].name}, ")
                + md.escape(date_label(incident) + outside),
                key=f"hit_{incident.id}",
                type="tertiary",
                on_click=select,
                args=(incident.id,),
                kwargs={"pan": True},
            )
        if total > len(hits):
            st.caption(f"{total:,} incidents match; the first {len(hits)} by date are listed.")


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
        lines = [
            f"**When:** {md.escape(date_label(incident))} "
            f"(precision: {incident.date_precision}; the report says "
            f"“{md.escape(incident.date_text)}”"
            + (", still under way at publication" if incident.ongoing else "")
            + ")",
            f"**Status:** {incident.status} ({STATUS_SYMBOL[incident.status]}) — "
            f"{md.escape(STATUSES[incident.status])}",
            f"**Who says so:** {md.escape(incident.source)}",
            f"**Where:** {md.escape(place.name)} — "
            f"{md.escape(LOCATION_PRECISION[place.precision])} ({md.escape(place.source)})",
            f"**Category:** {md.escape(CATEGORIES[incident.category][0])}",
        ]
        if incident.actors:
            lines.append("**Actors:** " + md.escape("; ".join(incident.actors)))
        if incident.fatalities is not None:
            said = f" (“{incident.fatalities_text}”)" if incident.fatalities_text else ""
            lines.append(f"**Fatalities:** {incident.fatalities}" + md.escape(said))
        st.markdown("  \n".join(lines))
        if incident.summary:
            st.markdown("*" + md.escape(incident.summary) + "*")
        cite = (
            f"{md.escape(article.publisher)}, {article.published.isoformat()}, "
            f"“{md.escape(article.title)}”"
        )
        for passage in incident.passages:
            st.markdown(
                f"> {md.escape(passage.text)}  \n> — {cite}, paragraph {passage.paragraph[1:]}"
            )
        if incident.accounts:
            accounts_panel(incident)


def accounts_panel(incident: Record) -> None:
    """The event as each side tells it, side by side, each with its own quotes."""
    st.markdown(
        "**Accounts** — "
        + (
            "contested: the sources disagree (on the map: " + CONTESTED_WORDS.split(":")[0] + ")"
            if incident.contested
            else "the sources agree"
        )
    )
    per_row = 3 if len(incident.accounts) >= 3 else len(incident.accounts)
    for first in range(0, len(incident.accounts), per_row):
        columns = st.columns(per_row)
        for n, (column, account) in enumerate(
            zip(columns, incident.accounts[first : first + per_row], strict=False)
        ):
            with column.container(border=True, key=f"account_{first + n}"):
                st.markdown(
                    f"**{md.escape(account.source)}**  \n"
                    f"{account.status} ({STATUS_SYMBOL[account.status]})"
                )
                if account.says:
                    st.markdown("*" + md.escape(account.says) + "*")
                for quote in account.passages:
                    st.caption(f"“{md.escape(quote.text)}” (paragraph {quote.paragraph[1:]})")


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
    if place.precision != "point":
        st.caption(md.escape(LOCATION_PRECISION[place.precision]))
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
    if selected is not None and ss.mv_step is None:
        ss.w_article = selected.article
    elif ss.get("w_article") not in article_ids:
        ss.w_article = article_ids[0]
    if len(article_ids) > 1:
        st.selectbox(
            "Article",
            article_ids,
            key="w_article",
            format_func=lambda a: dataset.articles[a].title,
            on_change=_on_story,
            args=(None,),  # another report: its story starts afresh
        )
    story_bar(dataset)
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
    here = f"p{ss.mv_step}" if ss.mv_step is not None else None
    story_links: list[Record] = []
    if here is not None:
        # The step's paragraph: every passage any incident quotes from it, filters or not,
        # because the story is the report's.
        story_links = by_paragraph(dataset, article.id, here)
        for incident in story_links:
            for q in [*incident.passages, *(q for a in incident.accounts for q in a.passages)]:
                if q.paragraph == here:
                    spans.setdefault(here, []).append((q.start, q.end))
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
            if para.id == here:
                if run:
                    st.markdown("\n\n".join(run))
                    run = []
                with st.container(key="story_here", border=True):
                    st.caption(f"Paragraph {ss.mv_step}")
                    st.markdown(text)
                    for incident in story_links[:PARAGRAPH_LINKS]:
                        st.button(
                            "↳ " + md.escape(incident.title),
                            key=f"story_{incident.id}",
                            type="tertiary",
                            on_click=select,
                            args=(incident.id,),
                            kwargs={"pan": False},
                        )
                    if len(story_links) > PARAGRAPH_LINKS:
                        more = len(story_links) - PARAGRAPH_LINKS
                        st.caption(f"…and {more:,} more incident(s) cite this")
                continue
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
    """The timeline: each incident's own dates when few are in view, else counts."""
    if not shown:
        return
    if len(shown) <= SPAN_LIMIT:
        date_spans(dataset, shown)
    else:
        counts_chart(dataset, shown, view)


SPAN_KINDS = {
    "day": "a known day (tick)",
    "span": "a week, month or range it falls somewhere in (bar)",
    "ongoing": "still under way at publication (bar to the report's date, hatched end)",
}


def date_spans(dataset: Dataset, shown: Shown) -> None:
    """One row per incident: a tick on a day-precise date, a bar over the month (or week,
    or range) a vaguer one falls in, a bar to the report's date for one still under way.
    A count per day would draw a month-precise event on its first day, as if precise."""
    rows: dict[str, list[Any]] = {k: [] for k in ("title", "start", "end", "kind", "category")}
    for incident in shown:
        end = incident.date_end
        if incident.ongoing:
            kind, end = "ongoing", max(end, dataset.articles[incident.article].published)
        elif incident.date_start == end:
            kind = "day"
        else:
            kind = "span"
        rows["title"].append(f"{date_label(incident)}: {incident.title}")
        rows["start"].append(incident.date_start.isoformat())
        rows["end"].append((end + timedelta(days=1)).isoformat())  # bars cover whole days
        rows["kind"].append(SPAN_KINDS[kind])
        rows["category"].append(CATEGORIES[incident.category][0])
    lo, hi = dataset.date_span
    labels = [label for label, _ in CATEGORIES.values()]
    y = {"field": "title", "type": "nominal", "sort": None, "axis": None}
    colour = {
        "field": "category",
        "type": "nominal",
        "legend": None,
        "scale": {"domain": labels, "range": [c for _, c in CATEGORIES.values()]},
    }
    tooltip = [{"field": "title"}, {"field": "kind", "title": "date"}]
    x = {
        "field": "start",
        "type": "temporal",
        "title": None,
        "scale": {"domain": [lo.isoformat(), (hi + timedelta(days=1)).isoformat()]},
    }
    spec = {
        "height": min(260, 14 * len(shown) + 30),
        "layer": [
            {
                "transform": [{"filter": f"datum.kind != '{SPAN_KINDS['day']}'"}],
                "mark": {"type": "bar", "height": 9, "opacity": 0.55},
                "encoding": {
                    "x": x,
                    "x2": {"field": "end"},
                    "y": y,
                    "color": colour,
                    "strokeDash": {
                        "field": "kind",
                        "type": "nominal",
                        "legend": None,
                        "scale": {
                            "domain": [SPAN_KINDS["span"], SPAN_KINDS["ongoing"]],
                            "range": [[1, 0], [4, 2]],
                        },
                    },
                    "stroke": colour,
                    "tooltip": tooltip,
                },
            },
            {
                "transform": [{"filter": f"datum.kind == '{SPAN_KINDS['day']}'"}],
                "mark": {"type": "tick", "thickness": 3, "height": 12},
                "encoding": {"x": x, "y": y, "color": colour, "tooltip": tooltip},
            },
        ],
    }
    st.vega_lite_chart(pa.table(rows), spec, width="stretch", key="w_spans")
    st.caption(
        "Each incident in view on its own row: a tick is a known day; a bar, a week, month "
        "or range it falls somewhere in; a dashed bar, still under way when reported (it "
        "runs to the report's date). Hover for the title."
    )


def counts_chart(dataset: Dataset, shown: Shown, view: View) -> None:
    """Incidents per day, week or month by category: counts made in Python, a few KB.
    Solid: incidents known to the day; pale: the others, spread over their span."""
    unit, rows = timeline_counts(dataset, view, shown)
    labels = [label for label, _ in CATEGORIES.values()]
    lo, hi = dataset.date_span
    # An Arrow table rather than inline values: Streamlit converts inline values through
    # pandas on every rerun, 7 ms of a slider move for a few dozen rows.
    counts = pa.table(
        {
            "date": [r["date"] for r in rows],
            "kind": [r["kind"] for r in rows],
            **{c: [float(r.get(c, 0)) for r in rows] for c in labels},  # type: ignore[arg-type]
        }
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
            "opacity": {
                "field": "kind",
                "type": "nominal",
                "legend": None,
                "scale": {"domain": [DAY_KIND, SPAN_KIND], "range": [1.0, 0.4]},
            },
            "order": {"field": "kind"},
            "tooltip": [
                {"field": "date", "type": "temporal", "title": unit},
                {"field": "category"},
                {"field": "kind", "title": "dates"},
                {"field": "incidents", "type": "quantitative", "format": ".2~f"},
            ],
        },
    }
    st.vega_lite_chart(counts, spec, width="stretch")
    st.caption(
        "Solid: incidents known to the day. Pale: incidents known only to a week, a month "
        "or a range, or still under way when reported, spread evenly over their days, so "
        "they cover their span instead of standing on its first day."
    )


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
        st.subheader("Incidents in view")
        table(dataset, shown)
        downloads(dataset, shown)
    else:
        st.sidebar.header("Filters")
        _draw_the_rest()
    query = to_query(current_view(), dataset)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
    if ss.mv_playing and full:
        _ticker(PLAY_SPEEDS.get(ss.w_speed or "1×", 1.0))
