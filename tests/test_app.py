"""The page's Python side through Streamlit's AppTest: filters, URL state, errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import Editor, record
from tests.servers import APP_DIR

TIMEOUT = 60


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, seed_dir: Path) -> AppTest:
    monkeypatch.setenv("MAPVIEW_DATA", str(seed_dir))
    return AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=TIMEOUT)


def open_page(at: AppTest) -> AppTest:
    """A visitor's first two runs: the map alone, then, once the map reports back (here:
    at once), the rest of the page."""
    return at.run().run()


def caption_text(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def test_first_run_sends_the_map_then_the_rest(app: AppTest) -> None:
    """A session's first run draws the map and little else, so the browser loads the map
    while idle; the next run (the map reporting back) adds the filters, panels and table."""
    app.run()
    assert not app.exception
    assert "12 of 12 incidents" in caption_text(app)
    assert len(app.dataframe) == 0 and len(app.slider) == 0 and len(app.multiselect) == 0
    app.run()
    assert len(app.dataframe) == 1 and len(app.slider) == 1
    assert app.dataframe[0].value.shape[0] == 12


def test_default_page_shows_all_incidents(app: AppTest) -> None:
    """With no URL state every incident is in view and nothing is flagged."""
    open_page(app)
    assert not app.exception
    assert "12 of 12 incidents" in caption_text(app)
    assert len(app.warning) == 0
    assert app.dataframe[0].value.shape[0] == 12


def test_url_window_and_filters_are_applied(app: AppTest) -> None:
    """start, end and status from the URL narrow the view."""
    app.query_params["start"] = "2023-05-22"
    app.query_params["end"] = "2023-05-23"
    app.query_params["status"] = "unverified"
    open_page(app)
    assert "2 of 12 incidents" in caption_text(app)
    assert app.session_state["w_stats"] == ["unverified"]


def test_bad_url_values_warn_and_fall_back(app: AppTest) -> None:
    """Garbage in the link gives visible notices and the default view, not a crash."""
    app.query_params["start"] = "soon"
    app.query_params["cat"] = "aliens"
    app.query_params["incident"] = "[x](javascript:alert(1))"
    open_page(app)
    assert not app.exception
    notices = " ".join(w.value for w in app.warning)
    assert "\\'start\\'" in notices and "aliens" in notices
    assert "\\[x\\]\\(javascript" in notices  # URL text is escaped, never a live link
    assert "12 of 12 incidents" in caption_text(app)


def test_url_incident_opens_its_panel(app: AppTest) -> None:
    """?incident= selects the incident and shows its exact passages."""
    app.query_params["incident"] = "msu-free-russia-flag"
    open_page(app)
    text = " ".join(m.value for m in app.markdown)
    assert "Moscow State University" in text
    assert "unable to independently verify" in text
    assert app.selectbox(key="w_incident").value == "msu-free-russia-flag"


def test_filter_change_is_written_to_the_url(app: AppTest) -> None:
    """Changing a filter rewrites the query string so the link reproduces the view."""
    open_page(app)
    app.multiselect(key="w_cats").set_value(["casualty"]).run()
    assert "1 of 12 incidents" in caption_text(app)
    assert app.query_params["cat"] == "casualty"


def test_selecting_in_the_box_selects_everywhere(app: AppTest) -> None:
    """Choosing an incident updates the panel, the URL and the table's selection."""
    open_page(app)
    app.selectbox(key="w_incident").set_value("crimea-bridge-attack").run()
    assert app.query_params["incident"] == "crimea-bridge-attack"
    text = " ".join(m.value for m in app.markdown)
    assert "occupied Crimea in October" in text


def test_empty_window_says_so(app: AppTest) -> None:
    """A window with no incidents tells the reader what to do."""
    app.query_params["start"] = "2023-01-10"
    app.query_params["end"] = "2023-01-20"
    open_page(app)
    assert not app.exception
    assert any("No incident matches" in i.value for i in app.info)


def test_date_picker_moves_the_slider(app: AppTest) -> None:
    """The date-range picker and the slider are one window."""
    from datetime import date

    open_page(app)
    app.date_input(key="w_dates").set_value((date(2023, 5, 1), date(2023, 5, 23))).run()
    assert app.slider(key="w_window").value == (date(2023, 5, 1), date(2023, 5, 23))
    assert app.query_params["start"] == "2023-05-01"


def page_text(at: AppTest) -> str:
    """Every text element a visitor can read (markdown, captions, alerts, code, widgets)."""
    parts: list[str] = []
    for kind in ("markdown", "caption", "error", "warning", "info", "code", "title", "header"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [str(e.label) for e in at.selectbox] + [str(e.label) for e in at.button]
    return "\n".join(parts)


def test_broken_dataset_shows_visitors_a_plain_message(
    monkeypatch: pytest.MonkeyPatch, edit_incidents: Editor, caplog: pytest.LogCaptureFixture
) -> None:
    """A bad MAPVIEW_DATA folder: visitors read that it is broken, not where or why; the
    server's log has each problem."""
    root = edit_incidents(lambda d: record(d, "kyiv-missile-barrage").update(place="atlantis"))
    monkeypatch.setenv("MAPVIEW_DATA", str(root))
    at = open_page(AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=TIMEOUT))
    assert not at.exception
    assert "cannot be shown" in at.error[0].value
    text = page_text(at)
    assert "atlantis" not in text and str(root) not in text and "incidents.json" not in text
    assert "Traceback" not in text
    assert any("unknown place id 'atlantis'" in r.getMessage() for r in caplog.records)


def test_unexpected_failure_is_a_plain_message(
    monkeypatch: pytest.MonkeyPatch, seed_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A bug anywhere in the page shows a sentence, not a stack trace with server paths."""
    import mapview.dashboard.page

    def broken(*args: object, **kwargs: object) -> None:
        raise RecursionError(f"maximum recursion depth exceeded in {seed_dir}")

    monkeypatch.setattr(mapview.dashboard.page, "timeline_chart", broken)
    monkeypatch.setenv("MAPVIEW_DATA", str(seed_dir))
    at = open_page(AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=TIMEOUT))
    assert not at.exception
    assert "Something went wrong" in at.error[0].value
    assert str(seed_dir) not in page_text(at)
    assert any(r.exc_info for r in caplog.records)


def test_play_ticks_run_to_the_end_and_stop_there(seed_dir: Path) -> None:
    """Each tick moves the window's end to the next date with news; the tick that reaches
    the last date is the last one, so the button reads "Play" as the last date shows."""
    from mapview.dashboard.playback import play_tick
    from mapview.data.dataset import load_dataset

    dataset = load_dataset(seed_dir)
    lo, hi = dataset.date_span
    window, playing, ends = (lo, lo), True, []
    while playing:
        step, playing = play_tick(dataset, window)
        assert step is not None and step[0] == lo and step[1] > window[1]
        window = step
        ends.append(window[1].isoformat())
    assert ends[-1] == hi.isoformat() == "2023-05-23"
    assert ends == sorted(set(ends)) and len(ends) >= 3
    assert play_tick(dataset, window) == (None, False)


def test_play_resumes_where_it_paused_and_restarts_at_the_end(app: AppTest) -> None:
    """Play from a window short of the end goes on from it; from the end it starts over;
    Pause drops a step a tick had queued, so the window stays where Pause found it."""
    app.query_params["end"] = "2022-10-31"
    open_page(app)
    assert "2 of 12" in caption_text(app)
    app.button(key="w_play").click().run()
    assert app.session_state["mv_playing"] is True
    assert app.slider(key="w_window").value[1].isoformat() == "2022-10-31"  # resumed
    assert app.button(key="w_play").label == "Pause"
    app.session_state["mv_next_window"] = app.slider(key="w_window").value  # a queued tick
    app.button(key="w_play").click().run()
    assert app.session_state["mv_playing"] is False
    assert app.button(key="w_play").label == "Play"
    assert "mv_next_window" not in app.session_state
    assert app.slider(key="w_window").value[1].isoformat() == "2022-10-31"
    app.slider(key="w_window").set_value(
        (app.slider(key="w_window").value[0], date(2023, 5, 23))
    ).run()
    app.button(key="w_play").click().run()
    lo, hi = app.slider(key="w_window").value
    assert lo == hi == date(2022, 10, 1)  # from the end, playback starts over


def test_step_buttons_move_one_date_with_news(app: AppTest) -> None:
    """Step forward and back move the window's end between dates that have news."""
    app.query_params["end"] = "2022-10-31"
    open_page(app)
    app.button(key="w_forward").click().run()
    end = app.slider(key="w_window").value[1]
    assert end > date(2022, 10, 31)
    assert app.session_state["mv_playing"] is False
    app.button(key="w_back").click().run()
    back = app.slider(key="w_window").value[1]
    assert back < end and back >= date(2022, 10, 1)
    assert "incidents from 01 Oct 2022" in caption_text(app)


def test_visitors_see_no_server_path_and_no_draft(
    monkeypatch: pytest.MonkeyPatch, data_copy: Path
) -> None:
    """The published dataset and nothing else: no folder, no ids of drafts under review."""
    (data_copy / "drafts" / "secret-draft-report").mkdir(parents=True)
    monkeypatch.setenv("MAPVIEW_DATA", str(data_copy))
    at = open_page(AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=TIMEOUT))
    assert not at.exception
    text = page_text(at) + "\n".join(c.value for c in at.sidebar.caption)
    assert "Published dataset: 1 report(s)" in text
    assert "secret-draft-report" not in text and "drafts" not in text
    assert str(data_copy) not in text and "/geodata" not in text


def test_tiles_are_off_unless_the_server_turns_them_on(
    monkeypatch: pytest.MonkeyPatch, app: AppTest
) -> None:
    """By default the map has no tile layer and says so; MAPVIEW_TILES=osm adds one."""
    from mapview.dashboard import settings

    settings.tiles.cache_clear()
    open_page(app)
    assert "asks no other site" in caption_text(app)
    assert "tile.openstreetmap.org" not in str(app.get("deckgl_json_chart")) + caption_text(app)
    monkeypatch.setenv("MAPVIEW_TILES", "osm")
    settings.tiles.cache_clear()
    try:
        at = open_page(AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=TIMEOUT))
        assert "online tiles from tile\\.openstreetmap\\.org" in caption_text(at)
    finally:
        settings.tiles.cache_clear()


def test_story_buttons_walk_the_paragraphs_and_the_url_follows(app: AppTest) -> None:
    """Follow the story starts at the report's first paragraph of text; Next and Previous
    move one paragraph; the URL holds the step; End story leaves it."""
    from mapview.dashboard.view import story_steps
    from mapview.data.dataset import load_dataset

    steps = story_steps(load_dataset(app_data(app)), "cnn-2023-05-23-belgorod-raid")
    open_page(app)
    app.button(key="w_story_start").click().run()
    assert app.session_state["mv_step"] == steps[0]
    assert app.query_params["step"] == str(steps[0])
    app.button(key="w_story_next").click().run()
    assert app.session_state["mv_step"] == steps[1]
    assert f"Paragraph {steps[1]}" in " ".join(m.value for m in app.markdown)
    app.button(key="w_story_prev").click().run()
    assert app.session_state["mv_step"] == steps[0]
    assert app.button(key="w_story_prev").disabled
    app.button(key="w_story_end").click().run()
    assert app.session_state["mv_step"] is None and "step" not in app.query_params


def app_data(app: AppTest) -> str:
    import os

    return os.environ["MAPVIEW_DATA"]


def test_contested_incident_lists_each_account(app: AppTest) -> None:
    """The panel of a contested incident says so and shows each account, with its status
    and its own quote."""
    from mapview.dashboard import markdown as md
    from mapview.data.dataset import load_dataset

    app.query_params["incident"] = "kremlin-drone-incident"
    open_page(app)
    assert not app.exception
    text = " ".join(m.value for m in app.markdown)
    assert "contested: the sources disagree" in text
    assert "denied (struck-through ring)" in text
    incident = load_dataset(app_data(app)).incident("kremlin-drone-incident")
    assert incident is not None and len(incident.accounts) >= 2
    for account in incident.accounts:
        assert md.escape(account.source) in text
        for quote in account.passages:  # each account's own quotes, with their paragraph
            assert f"(paragraph {quote.paragraph[1:]})" in caption_text(app)


def test_actor_filter_narrows_the_view(app: AppTest) -> None:
    """Picking an actor keeps the incidents naming it, and the URL says which."""
    open_page(app)
    actors = app.multiselect(key="w_actors").options
    assert "Russian armed forces" in actors
    app.multiselect(key="w_actors").set_value(["Russian armed forces"]).run()
    assert app.query_params["actor"] == "Russian armed forces"
    shown = app.dataframe[0].value.shape[0]
    assert 0 < shown < 12
    assert f"{shown} of 12 incidents" in caption_text(app)


def test_page_and_legend_use_one_wording_for_symbols(app: AppTest) -> None:
    """The page's caption describes each status symbol in the legend's words."""
    from mapview.dashboard.layers import CONTESTED_WORDS, STATUS_SYMBOL

    open_page(app)
    caption = caption_text(app)
    for status, words in STATUS_SYMBOL.items():
        assert f"{words} = {status}" in caption
    assert CONTESTED_WORDS in caption


def test_reruns_print_no_deprecation_warning(
    app: AppTest, caplog: pytest.LogCaptureFixture
) -> None:
    """No Streamlit API the page uses is deprecated: a session used to log the
    `use_container_width` warning twice per rerun."""
    app.query_params["incident"] = "belgorod-cross-border-raid"
    open_page(app)
    app.button(key="w_story_start").click().run()
    app.button(key="w_back").click().run()
    assert not app.exception
    logged = [r.getMessage() for r in caplog.records if "deprecat" in r.getMessage().lower()]
    assert logged == []
    assert not [w for w in app.get("alert") if "deprecat" in str(w.proto).lower()]


def test_a_playback_step_is_kept_until_a_run_draws_it(app: AppTest) -> None:
    """A step queued by the playback timer lands in the next run and is then dropped; the
    reader moving the slider meanwhile wins over it."""
    open_page(app)
    lo = app.slider(key="w_window").value[0]
    app.session_state["mv_next_window"] = (lo, date(2022, 12, 1))
    app.run()
    assert app.slider(key="w_window").value[1] == date(2022, 12, 1)
    assert "mv_next_window" not in app.session_state
    app.session_state["mv_next_window"] = (lo, date(2023, 5, 1))
    app.slider(key="w_window").set_value((lo, date(2022, 11, 1))).run()
    assert app.slider(key="w_window").value[1] == date(2022, 11, 1)
    assert "mv_next_window" not in app.session_state


def test_the_browsers_stale_window_does_not_stop_playback(app: AppTest) -> None:
    """While a playback step travels to the browser, a request from the page (the map
    reporting its redraw) still carries the old slider value: it must not read as the
    reader moving the slider, which stopped playback one step short of the end."""
    app.query_params["end"] = "2023-05-21"
    open_page(app)
    shown = app.slider(key="w_window").value
    app.button(key="w_play").click().run()
    app.session_state["mv_next_window"] = (shown[0], date(2023, 5, 22))  # the timer's step
    app.run()
    assert app.slider(key="w_window").value[1] == date(2023, 5, 22)
    app.slider(key="w_window").set_value(shown).run()  # the browser's stale report
    assert app.session_state["mv_playing"] is True
    assert app.slider(key="w_window").value[1] == date(2023, 5, 22)
    app.date_input(key="w_dates").set_value(shown).run()  # the same, from the date boxes
    assert app.session_state["mv_playing"] is True
    assert app.slider(key="w_window").value[1] == date(2023, 5, 22)
    # the reader's own move still stops playback and wins
    app.slider(key="w_window").set_value((shown[0], date(2023, 1, 1))).run()
    assert app.session_state["mv_playing"] is False
    assert app.slider(key="w_window").value[1] == date(2023, 1, 1)


def test_a_stale_slider_and_date_boxes_in_one_request_do_not_stop_playback(
    app: AppTest,
) -> None:
    """A loaded browser's request can carry both stale values at once. The slider's echo
    puts the server's window back first, and the date boxes' callback then read that
    window, which is no echo, as the reader's move: playback stopped one step short (seen
    in a loaded run's log)."""
    app.query_params["end"] = "2023-05-21"
    open_page(app)
    shown = app.slider(key="w_window").value
    app.button(key="w_play").click().run()
    app.session_state["mv_next_window"] = (shown[0], date(2023, 5, 22))  # the timer's step
    app.run()
    app.slider(key="w_window").set_value(shown)
    app.date_input(key="w_dates").set_value(shown)
    app.run()  # one request, both stale
    assert app.session_state["mv_playing"] is True
    assert app.slider(key="w_window").value[1] == date(2023, 5, 22)


def test_a_step_button_survives_the_browsers_stale_window(app: AppTest) -> None:
    """The step buttons move the window from the server too: the old value the browser
    may still send afterwards does not undo the step."""
    app.query_params["end"] = "2022-10-31"
    open_page(app)
    shown = app.slider(key="w_window").value
    app.button(key="w_forward").click().run()
    stepped = app.slider(key="w_window").value
    assert stepped[1] > shown[1]
    app.slider(key="w_window").set_value(shown).run()
    assert app.slider(key="w_window").value == stepped


def test_a_browser_several_steps_behind_does_not_stop_playback(app: AppTest) -> None:
    """At four steps a second a loaded browser can report a window two steps old: still an
    echo of playback's own moves, not the reader's."""
    app.query_params["end"] = "2023-05-01"
    open_page(app)
    shown = app.slider(key="w_window").value
    app.button(key="w_play").click().run()
    for end in (date(2023, 5, 21), date(2023, 5, 22)):
        app.session_state["mv_next_window"] = (shown[0], end)  # the timer's steps
        app.run()
    assert app.slider(key="w_window").value[1] == date(2023, 5, 22)
    app.slider(key="w_window").set_value(shown).run()  # two steps old
    assert app.session_state["mv_playing"] is True
    assert app.slider(key="w_window").value[1] == date(2023, 5, 22)
