"""The review page (`/review`): from machine draft to published incident without JSON.

Only reached by those `access.py` lets in. Each incident of a draft is a form: its passage
in the article, its place among the namesakes the resolver weighed (with why each lost),
its dates with the words they came from, category and status. A saved form goes through
`mapview.ingest.review`, which checks it with the dataset's rules and writes the draft
whole; accepting goes through the same locked, all-or-nothing `accept` as the command.
Article text is untrusted: it is shown with `st.text` or escaped Markdown, never as HTML.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from mapview.dashboard import markdown as md
from mapview.dashboard import review_map, settings
from mapview.dashboard.access import is_loopback, peer_address
from mapview.dashboard.mapframe import RenderedBase, map_frame, render_base
from mapview.dashboard.state import assets_dir, log
from mapview.data.dataset import data_dir, is_store
from mapview.data.errors import DataError
from mapview.data.incidents import CATEGORIES, STATUSES, Incident, Reviewed
from mapview.data.storage import StorageError
from mapview.ingest import accept, ingest, write_draft
from mapview.ingest.drafts import IngestError, pending_drafts
from mapview.ingest.review import (
    DraftView,
    add_from_passage,
    add_option,
    choose_option,
    edit_draft,
    is_current,
    load_draft,
    merge,
    option_label,
    place_point,
    reject,
    search_options,
    set_dates,
    set_fields,
    split,
)

REVIEWABLE = [s for s in STATUSES if s != "unreviewed"]
NEW_POINT = "A place the gazetteer lacks: click the map or give its position…"
# The widgets of an incident's form, each keyed `PREFIX + incident id`: cleared after a
# save so the form shows the draft as saved. The map's toggle and what it last reported
# are not among them: the map stays open, and an old click is not taken for a new one.
FORM_KEYS = ["rv_place_", "rv_pname_", "rv_lat_", "rv_lon_", "rv_src_", "rv_start_", "rv_end_",
             "rv_cat_", "rv_status_", "rv_source_", "rv_actors_", "rv_pt_"]  # fmt: skip
MAP_HEIGHT = 360


def _problems(exc: Exception) -> None:
    """The reviewer sees what is wrong with their edit; nothing was saved."""
    if isinstance(exc, DataError):
        for problem in exc.problems:
            st.error(md.escape(f"{problem.record} {problem.field}: {problem.message}"))
    else:
        st.error(md.escape(str(exc)))


def _gazetteer() -> Any:
    from mapview.ingest.gazetteer import load_gazetteer

    return load_gazetteer()


def _bring_in(root: Any) -> None:
    """Upload a report and draft it: for reviewers at the server's own keyboard only,
    since it runs ingest on the server."""
    with st.expander("Bring in a report", expanded=not pending_drafts(root)):
        with st.form("rv_ingest", clear_on_submit=True):
            upload = st.file_uploader("Report (text or HTML page)", type=["txt", "html", "htm"])
            published = st.date_input("Published", value=None, format="YYYY-MM-DD")
            publisher = st.text_input("Publisher", value="")
            submitted = st.form_submit_button("Draft it")
        if submitted:
            if upload is None:
                st.error("Choose a report file first.")
                return
            try:
                result = ingest(
                    upload.getvalue(),
                    upload.name,
                    published=published,
                    root=root,
                    publisher=publisher.strip() or "unknown publisher",
                )
                write_draft(root, result)
            except (IngestError, DataError, StorageError, ValueError) as exc:
                _problems(exc)
                return
            st.session_state.rv_draft = result.article.id
            st.success(
                md.escape(
                    f"Drafted {result.article.id}: {len(result.incidents)} incident(s) "
                    "to review below."
                )
            )


@st.cache_resource(show_spinner=False)
def _map_base(tiles: settings.TileSource | None) -> RenderedBase:
    """Rendered once for every incident's map: a rerun then sends only the layer, and the
    map keeps its component (no reload, no report back that would cost the reviewer's
    next click) and the reviewer's zoom."""
    return render_base(review_map.review_base(tiles))


def _on_map(view: DraftView, incident: Incident, new_point: int) -> None:
    """The incident's place and its namesakes on a map, for the reviewer who opens it.

    A click on a numbered namesake selects it in the form below; a click elsewhere puts
    a new point there and fills the form's position. Nothing is saved until Save.
    """
    ident = incident.id
    if not st.toggle("Show on the map", key=f"rv_showmap_{ident}"):
        return
    point = st.session_state.get(f"rv_pt_{ident}")
    layer = review_map.layer_script(review_map.map_data(view, incident, point))
    with st.container(key=f"rv_mapbox_{ident}"):
        st.caption("Click a numbered place to choose it, or anywhere else to put a new point.")
        returned = map_frame(_map_base(settings.tiles()), layer, key=f"rv_map_{ident}",
                             height=MAP_HEIGHT, returned_objects=review_map.RETURNED)  # fmt: skip
    seen = st.session_state.setdefault(f"rv_seen_map_{ident}", {})
    pick = review_map.read_pick(returned, seen)
    if pick is None:
        return
    if pick.option is not None:
        if pick.option < len(view.options.get(incident.place, [])):
            st.session_state[f"rv_place_{ident}"] = pick.option + 1
            st.session_state.pop(f"rv_pt_{ident}", None)
    elif pick.point is not None:
        st.session_state[f"rv_pt_{ident}"] = pick.point
        st.session_state[f"rv_lat_{ident}"], st.session_state[f"rv_lon_{ident}"] = pick.point
        st.session_state[f"rv_place_{ident}"] = new_point
    st.rerun()  # the map draws the choice, the form shows it


def _incident_form(root: Any, view: DraftView, incident: Incident) -> None:
    draft_id = view.article.id
    ident = incident.id
    place = view.place(incident.place)
    options = view.options.get(incident.place, [])
    with st.container(border=True, key=f"rv_inc_{ident}"):
        st.markdown(f"**{md.escape(incident.title)}**")
        for passage in incident.passages:
            st.text(f"{passage.paragraph}: {passage.text}")
        st.caption(
            md.escape(
                f"confidence {incident.confidence if incident.confidence is not None else '-'}"
                f" · dates from “{incident.date_text}” · {incident.summary}"
            )
        )
        current = f"{place.name} ({', '.join(place.country) or 'no country'})" if place else "?"
        labels = [f"Keep {current}"]
        labels += [
            f"{k}. {option_label(o)}: score {o.get('score', 0)}, {o['why']}"
            + (" (the place now)" if is_current(view, incident, o) else "")
            for k, o in enumerate(options, start=1)
        ]
        labels.append(NEW_POINT)
        chosen_now = next((k for k, o in enumerate(options) if is_current(view, incident, o)), None)
        _on_map(view, incident, len(labels) - 1)
        # Defaults go into the session before the widgets exist, so a click on the map
        # (which sets them) and the widgets never disagree about who set the value.
        defaults = {
            "rv_place_": 0, "rv_lat_": None, "rv_lon_": None, "rv_start_": incident.date_start,
            "rv_end_": incident.date_end, "rv_cat_": incident.category,
            "rv_status_": incident.status, "rv_source_": incident.source,
            "rv_actors_": "; ".join(incident.actors),
        }  # fmt: skip
        for prefix, value in defaults.items():
            st.session_state.setdefault(prefix + ident, value)
        chosen = st.session_state[f"rv_place_{ident}"]
        if not isinstance(chosen, int) or not 0 <= chosen < len(labels):
            # The choices changed under it: a save relabels them ("the place now"), and a
            # browser still showing the old labels sends one the server no longer has,
            # which Streamlit hands back as the label's text
            st.session_state[f"rv_place_{ident}"] = 0
        with st.form(f"rv_form_{ident}"):
            pick = st.radio("Place", range(len(labels)), format_func=lambda k: md.escape(labels[k]),
                            key=f"rv_place_{ident}")  # fmt: skip
            if place is not None:
                st.caption(md.escape(place.note or place.source))
            a, b, c = st.columns(3)
            name = a.text_input("New place name", key=f"rv_pname_{ident}")
            lat = b.number_input("Latitude", -90.0, 90.0, format="%.5f", key=f"rv_lat_{ident}")
            lon = c.number_input("Longitude", -180.0, 180.0, format="%.5f", key=f"rv_lon_{ident}")
            source = st.text_input("Where the position comes from", key=f"rv_src_{ident}")
            d1, d2 = st.columns(2)
            start = d1.date_input("From", key=f"rv_start_{ident}")
            end = d2.date_input("To", key=f"rv_end_{ident}")
            c1, c2 = st.columns(2)
            category = c1.selectbox("Category", list(CATEGORIES), key=f"rv_cat_{ident}")
            statuses = ["unreviewed", *REVIEWABLE]
            status = c2.selectbox("Status", statuses, format_func=lambda s: f"{s}: {STATUSES[s]}",
                                  key=f"rv_status_{ident}")  # fmt: skip
            s1, s2 = st.columns(2)
            who = s1.text_input("Who says so (source)", key=f"rv_source_{ident}")
            actors = s2.text_input("Actors (separated by ;)", key=f"rv_actors_{ident}")
            save = st.form_submit_button("Save changes")
            drop = st.form_submit_button("Reject this incident")
    _search(root, draft_id, incident)
    if not (save or drop):
        return

    def change(v: DraftView) -> None:
        if drop:
            reject(v, ident)
            return
        if pick == len(labels) - 1:
            if lat is None or lon is None:
                raise IngestError("give the new place's latitude and longitude")
            place_point(v, ident, name, float(lat), float(lon), source)
        elif pick >= 1 and pick - 1 != chosen_now:
            choose_option(v, ident, pick - 1, _gazetteer())
        if isinstance(start, date) and isinstance(end, date):
            inc = v.incident(ident)
            if (start, end) != (inc.date_start, inc.date_end):
                set_dates(v, ident, start, end)
        named = [a.strip() for a in actors.split(";") if a.strip()]
        set_fields(
            v, ident, category=category, status=status, source=who.strip(),
            actors=list(dict.fromkeys(named)),
        )  # fmt: skip

    try:
        edit_draft(root, draft_id, change)
    except (IngestError, DataError, StorageError, ValueError) as exc:
        _problems(exc)
        return
    for prefix in FORM_KEYS:
        st.session_state.pop(prefix + ident, None)  # the form shows the saved draft next run
    st.session_state.rv_toast = "Rejected." if drop else "Saved."
    st.rerun()


def _search(root: Any, draft_id: str, incident: Incident) -> None:
    """Another place from the gazetteer, added to the incident's choices above."""
    with st.form(f"rv_find_{incident.id}", border=False):
        a, b = st.columns([3, 1], vertical_alignment="bottom")
        text = a.text_input("Search the gazetteer for another place",
                            key=f"rv_q_{incident.id}")  # fmt: skip
        go = b.form_submit_button("Search")
    if not go or not text.strip():
        return
    found = search_options(_gazetteer(), text)
    if not found:
        st.warning(md.escape(f"No place called {text.strip()!r} in the gazetteer."))
        return

    def add(v: DraftView) -> None:
        known = {(o["name"], o.get("geonames_id")) for o in v.options.get(incident.place, [])}
        for option in found:
            if (option["name"], option.get("geonames_id")) not in known:
                add_option(v, incident.id, option)

    try:
        edit_draft(root, draft_id, add)
    except (IngestError, DataError, StorageError, ValueError) as exc:
        _problems(exc)
        return
    st.session_state.rv_toast = f"{len(found)} place(s) found: they are among the choices."
    st.rerun()


def _tools(root: Any, view: DraftView) -> None:
    """Merge two incidents, split one, or add one from words of the article."""
    ids = [i.id for i in view.incidents]
    with st.expander("Merge, split or add incidents"):
        with st.form("rv_merge", border=False):
            a, b = st.columns(2)
            keep = a.selectbox("Keep", ids, key="rv_keep")
            other = b.selectbox("and fold into it", ids, index=min(1, len(ids) - 1), key="rv_other")
            merge_go = st.form_submit_button("Merge")
        with st.form("rv_split", border=False):
            one = st.selectbox("Split off the last passage of", ids, key="rv_split_pick")
            split_go = st.form_submit_button("Split")
        with st.form("rv_add", border=False):
            paras = [p.id for p in view.article.body]
            para = st.selectbox("Paragraph", paras, key="rv_add_para")
            words = st.text_input("Words copied from it", key="rv_add_words")
            used = list(dict.fromkeys(i.place for i in view.incidents))
            where = st.selectbox(
                "Place", used, key="rv_add_place",
                format_func=lambda pid: view.place(pid).name if view.place(pid) else pid,  # type: ignore[union-attr]
            )  # fmt: skip
            add_go = st.form_submit_button("Add incident")
    change = None
    if merge_go:
        change = lambda v: merge(v, keep, other)  # noqa: E731
    elif split_go:
        change = lambda v: split(v, one)  # noqa: E731
    elif add_go:
        change = lambda v: add_from_passage(v, para, words, where)  # noqa: E731
    if change is None:
        return
    try:
        edit_draft(root, view.article.id, change)
    except (IngestError, DataError, StorageError, ValueError) as exc:
        _problems(exc)
        return
    st.session_state.rv_toast = "Saved."
    st.rerun()


def render() -> None:
    root = data_dir()
    assets_dir()  # the maps' offline files, should this page be a session's first
    if is_store(root):
        from mapview.dashboard import review_store

        review_store.render(root)
        return
    st.title("Review drafts")
    st.caption(
        "Machine-read drafts wait here until a person checks them. Nothing below is "
        "published until you accept it."
    )
    notice = st.session_state.pop("rv_notice", None)
    if notice:
        st.success(notice)
    toast = st.session_state.pop("rv_toast", None)
    if toast:  # over the page, not in it: nothing moves under the reviewer's next click
        st.toast(toast)
    if is_loopback(peer_address()):
        _bring_in(root)
    drafts = pending_drafts(root)
    if not drafts:
        st.info("No drafts are waiting.")
        return
    wanted = st.session_state.get("rv_draft")
    draft_id = st.selectbox(
        "Draft", drafts, index=drafts.index(wanted) if wanted in drafts else 0, key="rv_pick"
    )
    st.session_state.rv_draft = draft_id
    try:
        view = load_draft(root, draft_id)
    except (IngestError, DataError, StorageError, ValueError) as exc:
        log.error("draft %s cannot be read: %s", draft_id, exc)
        st.error("This draft's files cannot be read; the server's log says why.")
        return
    art = view.article
    st.subheader(md.escape(art.title or art.id))
    st.caption(md.escape(f"{art.publisher}, published {art.published:%d %b %Y}"))
    with st.expander("The article"):
        for para in art.body:
            st.text(f"{para.id}: {para.text}")
    for incident in view.incidents:
        _incident_form(root, view, incident)
    if view.incidents:
        _tools(root, view)
    waiting = [i.id for i in view.incidents if i.status == "unreviewed"]
    with st.form("rv_accept"):
        reviewer = st.text_input("Your name (recorded on each incident)", key="rv_reviewer")
        go = st.form_submit_button("Accept and publish this draft", type="primary")
    if waiting:
        st.caption(
            md.escape(f"{len(waiting)} incident(s) still need a status: {', '.join(waiting)}")
        )
    if go:
        name = reviewer.strip()
        if not name or len(name) > 80:
            st.error("Give your name (1-80 characters): it is recorded with each incident.")
            return
        try:
            done = accept(root, draft_id, Reviewed(by=name, on=date.today()))
        except (IngestError, DataError, StorageError, ValueError) as exc:
            _problems(exc)
            return
        st.session_state.pop("rv_draft", None)
        st.session_state.rv_notice = (
            f"Published {draft_id}: {done.incidents} incident(s), {done.places} new place(s)."
        )
        st.rerun()
