"""The review page on a store: the drafts a corpus ingest left waiting, accepted together.

A store's drafts come by the hundred from `mapview ingest --store`; they are listed here
with their incidents and accepted with the command's rules (store/review.py: each draft
checked whole against its article and places, those with a problem stay waiting, the rest
land in one commit under the writer lock). Editing one incident at a time is the JSON
folder's review page; a store's drafts are machine readings published as "unreviewed",
which the map draws as such. Article text is untrusted: shown in data frames, never HTML.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from mapview.dashboard import markdown as md
from mapview.dashboard.state import log

LISTED = 500  # drafts listed; the count above the list says how many more wait


def waiting(root: Path) -> int:
    """Drafts waiting in the store, from the parts' footers."""
    from mapview.store import Store

    return Store.open(root).count("drafts/articles")


def _drafts(root: Path) -> pd.DataFrame:
    from mapview.store import Store

    con = Store.open(root).connect()
    return con.execute(
        f"""SELECT a.id AS draft, a.title, a.published, count(i.id) AS incidents
            FROM draft_articles a LEFT JOIN draft_incidents i ON i.article = a.id
            GROUP BY ALL ORDER BY a.id LIMIT {LISTED}"""
    ).df()


def _incidents(root: Path, draft: str) -> pd.DataFrame:
    from mapview.store import Store

    con = Store.open(root).connect()
    return con.execute(
        """SELECT i.id, i.title, p.name AS place, i.date_start AS start, i.date_end AS "end",
                  i.category
           FROM draft_incidents i LEFT JOIN draft_places p
             ON p.id = i.place AND p.article = i.article
           WHERE i.article = ? ORDER BY i.seq""",
        [draft],
    ).df()


def render(root: Path) -> None:
    from mapview.store import StoreError
    from mapview.store.review import accept_all

    st.title("Review drafts")
    st.caption(
        "This dataset is a store: its drafts come from `mapview ingest --store` and are "
        "accepted together. Each draft is checked whole; one with a problem stays waiting. "
        'Accepted incidents are published as "unreviewed" machine readings.'
    )
    notice = st.session_state.pop("rv_notice", None)
    if notice:
        st.success(notice)
    for problem in st.session_state.pop("rv_store_problems", []):
        st.error(md.escape(problem))
    try:
        total = waiting(root)
        drafts = _drafts(root) if total else None
    except (StoreError, OSError) as exc:
        log.error("the store's drafts cannot be read: %s", exc)
        st.error("The store's drafts cannot be read; the server's log says why.")
        return
    if drafts is None or drafts.empty:
        st.info("No drafts are waiting.")
        return
    more = f" (the first {LISTED} listed)" if total > LISTED else ""
    st.subheader(f"{total} draft(s) waiting{more}")
    st.dataframe(drafts, hide_index=True, use_container_width=True)
    draft = st.selectbox("A draft's incidents", list(drafts["draft"]), key="rv_store_pick")
    if draft:
        st.dataframe(_incidents(root, draft), hide_index=True, use_container_width=True)
    if st.button(f"Accept all {total} draft(s)", type="primary", key="rv_store_accept"):
        try:
            done = accept_all(root)
        except (StoreError, OSError, ValueError) as exc:
            log.error("accepting the store's drafts failed: %s", exc)
            st.error("The drafts could not be accepted; nothing was published. The log says why.")
            return
        st.session_state.rv_notice = (
            f"Published {len(done.accepted)} draft(s): {done.incidents} incident(s), "
            f"{done.places} new place(s). {len(done.waiting)} still waiting."
        )
        st.session_state.rv_store_problems = [
            f"{p.record} {p.field}: {p.message}" for p in done.problems[:50]
        ]
        st.rerun()
