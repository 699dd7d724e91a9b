from __future__ import annotations

from dataclasses import replace
from datetime import date

from mapview.dashboard.view import (
    by_paragraph,
    date_label,
    default_view,
    in_view,
    parse_query,
    search,
    story_steps,
    to_query,
    visible,
)
from mapview.data.dataset import Dataset


def test_default_view_shows_everything(seed: Dataset) -> None:
    """With no URL parameters every incident is in view, over the report's whole timeline."""
    view = default_view(seed)
    assert (view.start, view.end) == (date(2022, 10, 1), date(2023, 5, 23))
    assert len(visible(seed, view)) == len(seed.incidents)


def test_query_round_trip(seed: Dataset) -> None:
    """A view written to the URL reads back as the same view."""
    view, notices = parse_query(
        {
            "start": "2023-05-20",
            "end": "2023-05-23",
            "cat": "drone-attack,casualty",
            "status": "reported",
            "incident": "kozinka-civilian-killed",
        },
        seed,
    )
    assert notices == []
    again, _ = parse_query(to_query(view, seed), seed)
    assert again == view
    assert [i.id for i in visible(seed, view)] == [
        "kremlin-drone-incident",
        "belgorod-overnight-drone-attacks",
        "kozinka-civilian-killed",
    ]


def test_date_window_overlap_keeps_month_precise_events(seed: Dataset) -> None:
    """A window inside May still shows the Kremlin incident dated only 'earlier this month'."""
    view, _ = parse_query({"start": "2023-05-10", "end": "2023-05-12"}, seed)
    assert [i.id for i in visible(seed, view)] == ["kremlin-drone-incident"]


def test_bad_values_are_ignored_with_notices(seed: Dataset) -> None:
    """Garbage in the URL falls back to defaults and says what was ignored."""
    view, notices = parse_query(
        {"start": "yesterday", "end": "2031-01-01", "cat": "aliens", "incident": "nope"}, seed
    )
    assert view == default_view(seed)
    text = " ".join(notices)
    assert "'start'" in text and "outside the data" in text
    assert "aliens" in text and "nope" in text


def test_swapped_dates_are_put_in_order(seed: Dataset) -> None:
    """end before start is read as the same window, with a notice."""
    view, notices = parse_query({"start": "2023-05-23", "end": "2023-05-01"}, seed)
    assert (view.start, view.end) == (date(2023, 5, 1), date(2023, 5, 23))
    assert notices


def test_empty_result(seed: Dataset) -> None:
    """A window with no news yields no incidents, not an error."""
    view, _ = parse_query({"start": "2023-01-10", "end": "2023-01-20"}, seed)
    assert len(visible(seed, view)) == 0


def test_default_view_is_an_empty_query(seed: Dataset) -> None:
    """The plain URL is the default view, so shared links stay short."""
    assert to_query(default_view(seed), seed) == {}


def test_date_labels_match_precision(seed: Dataset) -> None:
    """A month-precise date reads as a month, a day as a day."""
    assert date_label(seed.incident("crimea-bridge-attack")) == "October 2022"
    assert date_label(seed.incident("kozinka-civilian-killed")) == "23 May 2023"
    assert date_label(seed.incident("belgorod-cross-border-raid")) == "2023-05-21 – 2023-05-23"


def test_play_step_moves_to_the_next_dated_incident(seed: Dataset) -> None:
    """Each playback step ends the window on the next date that has news, then stops."""
    from mapview.dashboard.playback import play_step

    assert play_step(seed, (date(2022, 10, 1), date(2022, 10, 1))) == (
        date(2022, 10, 1),
        date(2022, 12, 1),
    )
    assert play_step(seed, (date(2022, 10, 1), date(2023, 5, 23))) is None


def test_vectorised_filter_agrees_with_the_rule(seed: Dataset) -> None:
    """The table-based filter keeps exactly the incidents the one-incident rule keeps."""
    from itertools import product

    from mapview.dashboard.view import in_view

    windows = [
        (date(2022, 10, 1), date(2023, 5, 23)),
        (date(2023, 5, 10), date(2023, 5, 12)),
        (date(2022, 12, 31), date(2022, 12, 31)),
        (date(2023, 1, 1), date(2023, 4, 30)),
    ]
    category_sets = [{"drone-attack"}, {"shelling", "casualty", "testimony"}, set()]
    status_sets = [{"reported"}, {"claimed", "unverified", "confirmed"}]
    base = default_view(seed)
    for (start, end), cats, stats in product(windows, category_sets, status_sets):
        view = replace(
            base, start=start, end=end, categories=frozenset(cats), statuses=frozenset(stats)
        )
        assert [i.id for i in visible(seed, view)] == [
            i.id for i in seed.incidents if in_view(i, view)
        ]


def test_tile_settings_are_validated() -> None:
    import pytest

    from mapview.dashboard.settings import SettingsError, tile_source

    assert tile_source(None, None) is None
    assert tile_source("off", None) is None
    assert tile_source("osm", None).host == "tile.openstreetmap.org"  # type: ignore[union-attr]
    lan = tile_source("http://10.0.0.5:8080/{z}/{x}/{y}.png", "© our own tiles")
    assert lan is not None and lan.host == "10.0.0.5:8080"
    for bad, attribution in [
        ("ftp://x/{z}/{x}/{y}", "a"),
        ("http://x/tiles", "a"),
        ("http://x/{z}/{x}/{y}", None),
    ]:
        with pytest.raises(SettingsError, match="MAPVIEW_TILES"):
            tile_source(bad, attribution)


def test_timeline_counts_pick_a_bar_size_and_sum_to_the_view(seed: Dataset) -> None:
    """Counts are made in Python per day, week or month; together they are the view."""
    from mapview.dashboard.view import timeline_counts

    view = default_view(seed)
    unit, rows = timeline_counts(seed, view)
    assert unit == "week"  # the seed spans October 2022 to May 2023
    total = sum(v for row in rows for k, v in row.items() if k not in ("date", "kind"))
    assert abs(total - len(visible(seed, view))) < 0.01  # spread values are rounded
    days = [date.fromisoformat(str(r["date"])) for r in rows]
    assert all(d.weekday() == 0 for d in days)


def test_timeline_spreads_vague_dates_over_their_span(seed: Dataset) -> None:
    """A day-precise incident counts 1 in its bar; a month-precise one is spread over the
    weeks of its month (no bar holds all of it); an ongoing one runs to the report's date."""
    from mapview.dashboard.view import DAY_KIND, SPAN_KIND, timeline_counts

    crimea = next(i for i in seed.incidents if i.id == "crimea-bridge-attack")
    assert crimea.date_precision == "month" and crimea.date_start != crimea.date_end
    view = replace(default_view(seed), categories=frozenset({crimea.category}))
    view = replace(view, end=date(2022, 12, 31))
    _, rows = timeline_counts(seed, view)
    label = "Attack on infrastructure"
    spread = [r[label] for r in rows if r["kind"] == SPAN_KIND and label in r]
    assert len(spread) >= 4 and abs(sum(spread) - 1) < 0.01 and max(spread) < 0.5
    assert not [r for r in rows if r["kind"] == DAY_KIND]
    kozinka = replace(default_view(seed), start=date(2023, 5, 23), end=date(2023, 5, 23))
    _, rows = timeline_counts(seed, replace(kozinka, categories=frozenset({"casualty"})))
    assert [(r["kind"], r["Casualties"]) for r in rows] == [(DAY_KIND, 1)]


def test_shown_reads_records_only_where_asked(seed: Dataset) -> None:
    """The incidents in view as positions: indexing, slicing, finding one, one place's."""
    view = replace(default_view(seed), start=date(2023, 5, 22), end=date(2023, 5, 23))
    shown = visible(seed, view)
    every = [i for i in seed.incidents if in_view(i, view)]
    assert list(shown) == every and shown[:2] == every[:2] and shown[-1] == every[-1]
    assert shown.position(every[1].id) == 1
    outside = next(i for i in seed.incidents if not in_view(i, view))
    assert shown.position(outside.id) is None and shown.position("no-such") is None
    place = every[0].place
    assert shown.at_place(place) == [i for i in every if i.place == place]
    assert shown.at_place("atlantis") == []


def test_visible_holds_for_incidents_out_of_time_order(seed: Dataset) -> None:
    """A loaded dataset is in time order and the filter skips the tail after the window;
    one built in any other order is filtered in full, with the same result."""
    from mapview.data.dataset import Dataset as DatasetType

    shuffled = DatasetType(seed.root, seed.articles, seed.places, list(reversed(seed.incidents)))
    view = replace(default_view(seed), start=date(2023, 5, 22), end=date(2023, 5, 22))
    expected = {i.id for i in seed.incidents if in_view(i, view)}
    assert 0 < len(expected) < len(seed.incidents)
    assert {i.id for i in visible(seed, view)} == expected
    assert {i.id for i in visible(shuffled, view)} == expected


def test_story_step_actor_and_report_round_trip(seed: Dataset) -> None:
    """step=N, actor= and the shown report survive the URL; a step that is not a
    paragraph of the report's text is dropped with a notice saying which steps exist."""
    steps = story_steps(seed, next(iter(seed.articles)))
    assert steps[0] >= 1 and steps == sorted(steps) and 9 in steps
    actor = seed.actors[0]
    view, notices = parse_query({"step": "9", "actor": actor}, seed)
    assert notices == [] and view.step == 9 and view.actors == frozenset({actor})
    assert parse_query(to_query(view, seed), seed)[0] == view
    assert {"step": "9", "actor": actor}.items() <= to_query(view, seed).items()
    bad, notices = parse_query({"step": "1"}, seed)  # the title, not a story step
    assert bad.step is None and "step" in notices[0] and str(steps[0]) in notices[0]
    bad, notices = parse_query({"step": "x9", "actor": "Nobody"}, seed)
    assert bad.step is None and bad.actors is None and len(notices) == 2


def test_actor_filter_keeps_incidents_naming_an_actor(seed: Dataset) -> None:
    """Only incidents whose actors include a chosen one; the vectorised filter agrees
    with the rule."""
    for actor in seed.actors:
        view = replace(default_view(seed), actors=frozenset({actor}))
        kept = [i.id for i in visible(seed, view)]
        assert kept and kept == [i.id for i in seed.incidents if actor in i.actors]
        assert all(in_view(i, view) == (i.id in kept) for i in seed.incidents)


def test_search_finds_words_anywhere_in_an_incident(seed: Dataset) -> None:
    """Every word must be somewhere in the title, place, source, passages, actors or
    accounts; case and accents do not matter; the count covers hits not listed."""
    hits, total = search(seed, "UNFORTUNATELY lósses")  # a passage's words
    assert [i.id for i in hits] == ["kozinka-civilian-killed"] and total == 1
    hits, _ = search(seed, "kerch")  # an alias is not searched, but the place name is
    assert hits == []
    hits, _ = search(seed, "crimea bridge")
    assert [i.id for i in hits] == ["crimea-bridge-attack"]
    hits, total = search(seed, "belgorod", limit=2)
    assert len(hits) == 2 and total > 2
    assert search(seed, "   ") == ([], 0)
    assert search(seed, "no-such-word-anywhere") == ([], 0)


def test_by_paragraph_finds_incidents_quoting_a_paragraph(seed: Dataset) -> None:
    """The story's map and highlights come from the incidents that quote the paragraph,
    in their passages or in their accounts' passages."""
    article = next(iter(seed.articles))
    for n in story_steps(seed, article):
        pid = f"p{n}"
        expected = {
            i.id
            for i in seed.incidents
            if any(q.paragraph == pid for q in i.passages)
            or any(q.paragraph == pid for a in i.accounts for q in a.passages)
        }
        assert {i.id for i in by_paragraph(seed, article, pid)} == expected
    assert {i.id for i in by_paragraph(seed, article, "p9")} >= {"belgorod-mortar-artillery-fire"}
