"""Playback of the timeline: play, pause, step and speed.

A fragment's timer moves the window on while playing, so Pause is immediate and the
page's run never sleeps; the window's end steps from one date with news to the next.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import streamlit as st

from mapview.dashboard.state import get_dataset, move_window
from mapview.data.dataset import Dataset

PLAY_SPEEDS = {"½×": 2.0, "1×": 1.0, "2×": 0.5, "4×": 0.25}  # seconds per playback step


def on_play() -> None:
    """Play from where the window is; from the start once it has reached the end."""
    ss = st.session_state
    ss.mv_playing = not ss.mv_playing
    ss.pop("mv_next_window", None)  # a step a tick had queued must not land after Pause
    if ss.mv_playing:
        start, end = ss.w_window
        if end >= get_dataset().date_span[1]:
            move_window((start, start))


def on_step(forward: bool) -> None:
    ss = st.session_state
    ss.mv_playing = False
    ss.pop("mv_next_window", None)
    dataset = get_dataset()
    window = (play_step if forward else play_back)(dataset, ss.w_window)
    if window is not None:
        move_window(window)


def _news_days(dataset: Dataset) -> np.ndarray:
    """The days on which some incident starts, sorted, derived once per dataset: the
    step buttons ask for the next and previous of them on every rerun, and scanning a
    million start days for each cost 8 ms of a slider move."""
    days = dataset.derived.get("news_days")
    if days is None:
        days = dataset.derived["news_days"] = np.unique(dataset.table["start"].to_numpy())
    return days  # type: ignore[no-any-return]


def play_step(dataset: Dataset, window: tuple[date, date]) -> tuple[date, date] | None:
    """The window after one playback step: the end moves to the next date with news."""
    _, span_end = dataset.date_span
    start, end = window
    if end >= span_end:
        return None
    days = _news_days(dataset)
    at = int(np.searchsorted(days, end.toordinal(), side="right"))
    return (start, date.fromordinal(int(days[at])) if at < len(days) else span_end)


def play_back(dataset: Dataset, window: tuple[date, date]) -> tuple[date, date] | None:
    """The window one step back: the end returns to the previous date with news (not
    before the window's start)."""
    start, end = window
    if end <= start:
        return None
    days = _news_days(dataset)
    at = int(np.searchsorted(days, end.toordinal(), side="left")) - 1
    earlier = int(days[at]) if at >= 0 else 0
    return (start, date.fromordinal(earlier) if earlier >= start.toordinal() else start)


def play_tick(dataset: Dataset, window: tuple[date, date]) -> tuple[tuple[date, date] | None, bool]:
    """One tick of playback: the next window (None: none left), and whether to play on.
    The tick that reaches the last date stops, so the page shows "Play" with it."""
    step = play_step(dataset, window)
    return step, step is not None and step[1] < dataset.date_span[1]


def ticker(delay: float) -> None:
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
        on_click=on_play,
        width="stretch",
    )
    for column, onward, mover in ((back, False, play_back), (forward, True, play_step)):
        column.button(
            "",
            key="w_forward" if onward else "w_back",
            icon=":material/skip_next:" if onward else ":material/skip_previous:",
            help=f"Step {'forward' if onward else 'back'}: the window ends at the "
            f"{'next' if onward else 'previous'} date with news",
            on_click=on_step,
            args=(onward,),
            disabled=mover(dataset, window) is None,
            width="stretch",
        )
    st.segmented_control("Speed", list(PLAY_SPEEDS), key="w_speed", width="stretch")
