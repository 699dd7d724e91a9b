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
from mapview.dashboard.access import is_loopback, peer_address
from mapview.dashboard.state import log
from mapview.data.dataset import data_dir
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
NEW_POINT = "A place the gazetteer lacks: put a point…"


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


def _incident_form(root: Any, view: DraftView, incident: Incident) -> None:
    draft_id = view.article.id
    place = view.place(incident.place)
    options = view.options.get(incident.place, [])
    with st.container(border=True, key=f"rv_inc_{incident.id}"):
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
        labels += [f"{option_label(o)}: score {o.get('score', 0)}, {o['why']}" for o in options]
        labels.append(NEW_POINT)
        chosen_now = next((k for k, o in enumerate(options) if is_current(view, incident, o)), None)
        with st.form(f"rv_form_{incident.id}"):
            pick = st.radio("Place", range(len(labels)), format_func=lambda k: md.escape(labels[k]),
                            index=0, key=f"rv_place_{incident.id}")  # fmt: skip
            if place is not None:
                st.caption(md.escape(place.note or place.source))
            a, b, c = st.columns(3)
            name = a.text_input("New place name", key=f"rv_pname_{incident.id}")
            lat = b.number_input("Latitude", -90.0, 90.0, value=None, key=f"rv_lat_{incident.id}")
            lon = c.number_input(
                "Longitude", -180.0, 180.0, value=None, key=f"rv_lon_{incident.id}"
            )
            source = st.text_input("Where the position comes from", key=f"rv_src_{incident.id}")
            d1, d2 = st.columns(2)
            start = d1.date_input("From", value=incident.date_start, key=f"rv_start_{incident.id}")
            end = d2.date_input("To", value=incident.date_end, key=f"rv_end_{incident.id}")
            c1, c2 = st.columns(2)
            categories = list(CATEGORIES)
            category = c1.selectbox(
                "Category", categories, index=categories.index(incident.category),
                key=f"rv_cat_{incident.id}",
            )  # fmt: skip
            statuses = ["unreviewed", *REVIEWABLE]
            status = c2.selectbox(
                "Status", statuses, index=statuses.index(incident.status),
                format_func=lambda s: f"{s}: {STATUSES[s]}", key=f"rv_status_{incident.id}",
            )  # fmt: skip
            s1, s2 = st.columns(2)
            who = s1.text_input("Who says so (source)", value=incident.source,
                                key=f"rv_source_{incident.id}")  # fmt: skip
            actors = s2.text_input("Actors (separated by ;)", value="; ".join(incident.actors),
                                   key=f"rv_actors_{incident.id}")  # fmt: skip
            save = st.form_submit_button("Save changes")
            drop = st.form_submit_button("Reject this incident")
    _search(root, draft_id, incident)
    if not (save or drop):
        return
    ident = incident.id

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
    for key in [k for k in st.session_state if str(k).endswith(f"_{ident}")]:
        del st.session_state[key]  # the form shows the saved draft on the next run
    st.session_state.rv_notice = "Rejected." if drop else "Saved."
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
    st.session_state.rv_notice = f"{len(found)} place(s) found: they are among the choices."
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
    st.session_state.rv_notice = "Saved."
    st.rerun()


def render() -> None:
    root = data_dir()
    st.title("Review drafts")
    st.caption(
        "Machine-read drafts wait here until a person checks them. Nothing below is "
        "published until you accept it."
    )
    notice = st.session_state.pop("rv_notice", None)
    if notice:
        st.success(notice)
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
