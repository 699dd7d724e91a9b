"""The page's state: the dataset (loaded and published once per version, for every
visitor) and one visitor's view of it in `st.session_state`, with the callbacks that
change the view. The panels read it; none of them owns it.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import time
from datetime import date
from pathlib import Path

import pyarrow as pa
import streamlit as st

from mapview.dashboard import settings
from mapview.dashboard.assets import install_assets, publish_data
from mapview.dashboard.layers import (
    base_map,
    detail_payload,
    map_payload,
)
from mapview.dashboard.mapframe import RenderedBase, render_base
from mapview.dashboard.view import (
    View,
    parse_query,
    shown_article,
)
from mapview.data import cache, naturalearth
from mapview.data.dataset import Dataset, data_dir, is_store, load_dataset
from mapview.data.errors import DataError, Problem, display_path
from mapview.data.incidents import CATEGORIES, STATUSES

APP_DIR = Path(__file__).resolve().parents[3]

log = logging.getLogger("mapview")


def _fingerprint(root: Path) -> tuple[tuple[str, float], ...]:
    files = [
        *root.glob("articles/*.json"),
        root / "places.geojson",
        root / "incidents.json",
        root / "store.json",  # a store: its manifest changes with every commit
    ]
    return tuple(sorted((str(p), p.stat().st_mtime) for p in files if p.exists()))


Fingerprint = tuple[tuple[str, float], ...]

# One dataset per version of the files and, on a store, per period: a server keeps the
# last few a visitor asked for, not every period anyone browsed.
KEPT_DATASETS = 3


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=KEPT_DATASETS)
def _load(root: str, fingerprint: Fingerprint, period: str | None = None) -> Dataset:
    del fingerprint  # part of the cache key: an edited file reloads the data
    try:
        if period is not None:
            from mapview.store.period import Period, period_folder

            chosen = Period.parse(period)
            assert chosen is not None  # the key is made by `store_period`
            return load_dataset(period_folder(Path(root), chosen, _periods_dir()))
        return load_dataset(root)
    finally:
        # The border check's polygons: 60 MB the page never reads. The memory goes back
        # to the system with the payloads' in `published_urls`, which always follows.
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
def installed_assets(static_dir: str) -> Path:
    return install_assets(Path(static_dir))


@st.cache_resource(show_spinner=False, max_entries=KEPT_DATASETS)
def published_urls(
    root: str, fingerprint: Fingerprint, period: str | None = None
) -> tuple[str, str]:
    """The URLs of the map's two data files (see `layers.map_payload`), written once."""
    dataset = _load(root, fingerprint, period)
    static = installed_assets(str(_static_dir))
    urls = (
        publish_data(map_payload(dataset), static, "incidents"),
        publish_data(detail_payload(dataset), static, "details"),
    )
    give_back_memory()  # what loading and building the payloads freed
    return urls


@st.cache_resource(show_spinner=False, max_entries=KEPT_DATASETS)
def rendered_base(root: str, fingerprint: Fingerprint, period: str | None = None) -> RenderedBase:
    """The base map, built and rendered once per dataset version for every visitor."""
    dataset = _load(root, fingerprint, period)
    data_url, _ = published_urls(root, fingerprint, period)
    return render_base(base_map(dataset, tiles=settings.tiles(), data_url=data_url))


def dataset_key() -> tuple[str, Fingerprint, str | None]:
    """What names the dataset this session sees: the folder, its files' versions and, on a
    store, the period loaded (`store_period`)."""
    root = data_dir()
    period = st.session_state.get("mv_period") if is_store(root) else None
    return str(root), _fingerprint(root) if root.is_dir() else (), period


def get_dataset() -> Dataset:
    return _load(*dataset_key())


# -- a store's periods ---------------------------------------------------------------------


def _periods_dir() -> Path:
    return cache.cache_root() / "periods"


@st.cache_resource(show_spinner=False, max_entries=KEPT_DATASETS)
def store_months(root: str, fingerprint: Fingerprint) -> dict[str, int]:
    """Incidents per month of the store, once per version of its manifest."""
    from mapview.store import Store, StoreError
    from mapview.store.period import month_counts

    del fingerprint
    try:
        return month_counts(Store.open(root))
    except (StoreError, OSError) as exc:
        raise DataError([Problem(display_path(Path(root)), None, None, str(exc))]) from None


def store_period() -> None:
    """On a store, choose the months this session loads (`mv_period`), before anything
    reads the dataset: the link's `period`, else the latest months that fit the limit.
    A new version of the store keeps the session's period where the store still has it."""
    ss = st.session_state
    root = data_dir()
    if not is_store(root):
        ss.mv_period = None
        return
    from mapview.store.period import PERIOD_LIMIT, Period, choose_period

    counts = store_months(str(root), _fingerprint(root))
    raw = None
    if ss.get("mv_period_of") == str(root) and ss.get("mv_period"):
        wanted, asked = Period.parse(ss.mv_period), False
    else:
        raw = st.query_params.get("period")
        wanted, asked = Period.parse(raw), raw is not None
        if asked and wanted is None:
            ss.mv_period_notice = (
                f"Ignored 'period' in the link: {raw!r} is not a month range (use YYYY-MM..YYYY-MM)"
            )
    period, cut = choose_period(counts, wanted, PERIOD_LIMIT)
    if asked and cut and period is not None and wanted is not None:
        ss.mv_period_notice = (
            f"The link asks for {wanted.label}, which holds more than {PERIOD_LIMIT:,} "
            f"incidents or lies outside this store's months; showing {period.label}."
        )
    ss.mv_period_of = str(root)
    ss.mv_period = period.key if period is not None else None


def on_period(key: str) -> None:
    """The reader chose other months: load them (cut to the limit, latest kept) and start
    their view afresh, keeping the filters that still mean the same."""
    from mapview.store.period import PERIOD_LIMIT, Period, choose_period

    ss = st.session_state
    first, last = ss[key]
    root = data_dir()
    counts = store_months(str(root), _fingerprint(root))
    period, cut = choose_period(counts, Period(first, last), PERIOD_LIMIT)
    if period is None:
        return
    if cut:
        ss.mv_period_notice = (
            f"{Period(first, last).label} holds more than {PERIOD_LIMIT:,} incidents; "
            f"loaded {period.label}, the latest months that fit."
        )
    ss.mv_period = period.key
    for param in ("start", "end", "incident", "step", "article", "report"):
        if param in st.query_params:
            del st.query_params[param]  # the old period's dates and records
    ss.mv_init = None  # init_state reads the new period's view


def init_state(dataset: Dataset) -> None:
    ss = st.session_state
    if ss.get("mv_init") == str(dataset.root):
        return
    view, notices = parse_query(st.query_params.to_dict(), dataset)
    ss.mv_init = str(dataset.root)
    period_notice = ss.pop("mv_period_notice", None)
    ss.mv_notices = [period_notice, *notices] if period_notice else notices
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


ECHO_SECONDS = 10.0


def move_window(window: tuple[date, date]) -> None:
    """Move the time window from the server (playback, the step buttons).

    The browser still shows an older window until this run's page reaches it, and any
    request it sends meanwhile (the map reporting its redraw does) carries that old
    value. Streamlit takes it for the reader moving the slider back, which stopped
    playback short of the end on a loaded machine. So every window a server-side move
    replaced is kept as an echo for a few seconds, and `on_window` / `on_dates` ignore
    them: at four steps a second the browser can be several steps behind.
    """
    ss = st.session_state
    now = time.monotonic()
    old = tuple(ss.w_window)
    if old != tuple(window):
        echoes = {w: t for w, t in ss.get("mv_echoes", {}).items() if now - t <= ECHO_SECONDS}
        echoes[old] = now
        ss.mv_echoes = echoes
    ss.w_window = ss.w_dates = window
    ss.mv_moved_to = tuple(window)  # where the server put it: what an echo gives way to


def _echo(value: object) -> bool:
    """True when `value` is no move by the reader: the browser's stale report of a window
    a server-side move replaced in the last few seconds (the server's window is put
    back), or, while such echoes are live, the server's own window."""
    ss = st.session_state
    if not isinstance(value, tuple | list):
        return False
    echoes = ss.get("mv_echoes", {})
    here = ss.get("mv_next_window") or ss.get("mv_moved_to")
    seen = echoes.get(tuple(value))
    if seen is not None and time.monotonic() - seen <= ECHO_SECONDS:
        ss.w_window = ss.w_dates = here
        return True
    # A request can carry both widgets' stale values: the slider's echo above puts the
    # server's window back, and the date boxes' callback, which runs next, then reads that
    # window. It is where the server put it, not a move by the reader.
    return bool(echoes) and here is not None and tuple(value) == tuple(here)


def on_window() -> None:
    if _echo(st.session_state.w_window):
        return
    st.session_state.w_dates = st.session_state.w_window
    st.session_state.mv_playing = False
    st.session_state.pop("mv_next_window", None)  # the reader's window, not playback's
    st.session_state.pop("mv_echoes", None)


def on_dates() -> None:
    value = st.session_state.w_dates
    if _echo(value):
        return
    if isinstance(value, tuple | list) and len(value) == 2:
        st.session_state.w_window = (value[0], value[1])
    st.session_state.mv_playing = False
    st.session_state.pop("mv_next_window", None)
    st.session_state.pop("mv_echoes", None)


def on_incident_box() -> None:
    select(st.session_state.w_incident, pan=True)


def on_table() -> None:
    state = st.session_state.get(f"w_table_{st.session_state.mv_table_gen}")
    rows = state.selection.rows if state is not None else []
    ids = st.session_state.get("mv_table_ids", [])
    if rows and rows[0] < len(ids):
        select(ids[rows[0]], pan=True)


def use_static_dir(path: Path) -> None:
    """Where the app's `static/` folder is (beside its script), for the files it publishes."""
    global _static_dir
    _static_dir = Path(path)


def assets_dir() -> Path:
    """The static folder, with the map's offline assets installed in it (once)."""
    return installed_assets(str(_static_dir))
