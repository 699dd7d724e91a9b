"""Story mode: the report walked paragraph by paragraph, the map following.

The step is a paragraph number (`p16` is step 16) and lives in the URL, so a shared link
opens at that point of the story. The map flies to the places the paragraph's incidents
are at; the article box scrolls to the paragraph (page_js/story.js).
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from mapview.dashboard.layers import (
    latlng,
)
from mapview.dashboard.state import get_dataset
from mapview.dashboard.view import (
    by_paragraph,
    story_steps,
)
from mapview.data.dataset import Dataset

STORY_JS = Path(__file__).parent / "page_js" / "story.js"


def _story_steps() -> list[int]:
    return story_steps(get_dataset(), st.session_state.w_article)


def on_story(move: int | None) -> None:
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
            on_click=on_story,
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
            on_click=on_story,
            args=(-1,),
            disabled=at == 0,
            shortcut="Left",
        )
        st.markdown(f"**Paragraph {ss.mv_step}** ({at + 1} of {len(steps)})")
        st.button(
            "Next",
            key="w_story_next",
            icon=":material/arrow_forward:",
            on_click=on_story,
            args=(1,),
            disabled=at == len(steps) - 1,
            shortcut="Right",
        )
        st.button("End story", key="w_story_end", on_click=on_story, args=(None,))
    if ss.pop("mv_story_moved", False) or ss.get("mv_story_scrolled") != ss.mv_step:
        ss.mv_story_scrolled = ss.mv_step
        # mapview's own script and a number: no text from any report goes into it
        st.html(
            f"<script>{STORY_JS.read_text(encoding='utf-8')}</script>"
            f"<script>window.mapviewStoryScroll({json.dumps(ss.mv_step)});</script>",
            unsafe_allow_javascript=True,
            width="content",
        )
