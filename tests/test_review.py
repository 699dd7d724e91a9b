"""Reviewing a draft without editing JSON: the edits the review page makes, each checked
and saved whole, then an accept that records who reviewed it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from mapview.data.dataset import load_dataset
from mapview.data.errors import DataError
from mapview.data.incidents import Reviewed
from mapview.ingest import accept, ingest, write_draft
from mapview.ingest.drafts import CANDIDATES, IngestError
from mapview.ingest.gazetteer import Gazetteer
from mapview.ingest.review import (
    add_from_passage,
    choose_option,
    edit_draft,
    is_current,
    load_draft,
    merge,
    place_point,
    reject,
    set_dates,
    set_fields,
    split,
)

REPORT = """Floods and shelling in two places called Tripoli

Shelling hit Tripoli on Friday, killing three people, officials said.

Flood water also cut the coast road north of Tripoli on Thursday.
"""
PUBLISHED = date(2024, 5, 18)


@pytest.fixture
def drafted(data_copy: Path) -> Path:
    result = ingest(
        REPORT.encode(), "report.txt", published=PUBLISHED, root=data_copy, article_id="tripoli"
    )
    write_draft(data_copy, result)
    return data_copy


def _tripoli(root: Path) -> str:
    view = load_draft(root, "tripoli")
    return view.incidents[0].id


def test_the_draft_keeps_every_namesake_weighed_the_chosen_one_first(drafted: Path) -> None:
    view = load_draft(drafted, "tripoli")
    incident = view.incidents[0]
    options = view.options[incident.place]
    countries = {o["country"] for o in options}
    chosen = view.place(incident.place)
    assert chosen is not None and chosen.country
    assert {"LB", "LY"} <= countries  # both Tripolis are there
    assert all(o["why"] for o in options)
    assert [is_current(view, incident, o) for o in options] == [True] + [False] * (len(options) - 1)
    assert options[0]["why"].startswith("chosen: ")


def test_choosing_the_other_namesake_moves_the_incident(
    drafted: Path, gazetteer: Gazetteer
) -> None:
    ident = _tripoli(drafted)
    view = load_draft(drafted, "tripoli")
    before = view.place(view.incident(ident).place)
    assert before is not None
    other = next(
        k
        for k, o in enumerate(view.options[view.incident(ident).place])
        if o["name"] == "Tripoli" and o["country"] not in before.country
    )
    view = edit_draft(drafted, "tripoli", lambda v: choose_option(v, ident, other, gazetteer))
    after = view.place(view.incident(ident).place)
    assert after is not None and after.country != before.country
    assert "Chosen by a reviewer" in after.note
    saved = load_draft(drafted, "tripoli")  # on disk, not only in memory
    assert saved.incident(ident).place == after.id
    assert any(is_current(saved, saved.incident(ident), o) for o in saved.options[after.id])
    # the resolver's own choice is still among them: the reviewer can go back to it
    view = edit_draft(drafted, "tripoli", lambda v: choose_option(v, ident, 0, gazetteer))
    back = view.place(view.incident(ident).place)
    assert back is not None and back.country == before.country


def test_a_reviewer_places_a_point_the_gazetteer_lacks(drafted: Path) -> None:
    ident = _tripoli(drafted)
    edit_draft(
        drafted,
        "tripoli",
        lambda v: place_point(v, ident, "Coast road bridge", 34.51, 35.88, "satellite image"),
    )
    view = load_draft(drafted, "tripoli")
    place = view.place(view.incident(ident).place)
    assert place is not None and place.name == "Coast road bridge"
    assert (place.geometry.x, place.geometry.y) == (35.88, 34.51)
    assert "satellite image" in place.source
    with pytest.raises(IngestError, match="say where the position comes from"):
        edit_draft(drafted, "tripoli", lambda v: place_point(v, ident, "Bridge", 34, 35, " "))


def test_fixing_dates_and_fields(drafted: Path) -> None:
    ident = _tripoli(drafted)
    edit_draft(drafted, "tripoli", lambda v: set_dates(v, ident, date(2024, 5, 1), PUBLISHED))
    edit_draft(
        drafted, "tripoli", lambda v: set_fields(v, ident, status="reported", category="other")
    )
    incident = load_draft(drafted, "tripoli").incident(ident)
    assert (incident.date_start, incident.date_end) == (date(2024, 5, 1), PUBLISHED)
    assert (incident.status, incident.category) == ("reported", "other")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda v, i: set_dates(v, i, date(2024, 5, 20), date(2024, 5, 20)), "after the article"),
        (lambda v, i: set_dates(v, i, date(2024, 5, 3), date(2024, 5, 2)), "before the start"),
        (lambda v, i: set_fields(v, i, category="parade"), "category"),
        (lambda v, i: set_fields(v, i, status="true"), "unknown status"),
    ],
)
def test_an_edit_that_breaks_a_rule_is_refused_and_nothing_changes(
    drafted: Path, change, message: str
) -> None:  # type: ignore[no-untyped-def]
    ident = _tripoli(drafted)
    folder = drafted / "drafts" / "tripoli"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with pytest.raises((DataError, IngestError, ValueError)) as caught:
        edit_draft(drafted, "tripoli", lambda v: change(v, ident))
    problems = getattr(caught.value, "problems", None)
    assert message in (str(problems) if problems else str(caught.value))
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_reject_merge_split_and_add(drafted: Path) -> None:
    view = load_draft(drafted, "tripoli")
    first, second = [i.id for i in view.incidents][:2]
    edit_draft(drafted, "tripoli", lambda v: merge(v, first, second))
    view = load_draft(drafted, "tripoli")
    assert [i.id for i in view.incidents] == [first]
    assert len(view.incident(first).passages) == 2
    made: list[str] = []
    edit_draft(drafted, "tripoli", lambda v: made.append(split(v, first)))
    view = load_draft(drafted, "tripoli")
    assert len(view.incidents) == 2 and len(view.incident(made[0]).passages) == 1
    place = view.incident(first).place
    edit_draft(
        drafted,
        "tripoli",
        lambda v: made.append(add_from_passage(v, "p2", "killing three people", place)),
    )
    assert load_draft(drafted, "tripoli").incident(made[1]).passages[0].text == (
        "killing three people"
    )
    with pytest.raises(IngestError, match="words copied from that paragraph"):
        edit_draft(drafted, "tripoli", lambda v: add_from_passage(v, "p2", "not there", place))
    edit_draft(drafted, "tripoli", lambda v: reject(v, made[1]))
    assert made[1] not in [i.id for i in load_draft(drafted, "tripoli").incidents]


def test_accept_records_the_reviewer_and_needs_statuses(drafted: Path) -> None:
    reviewer = Reviewed(by="A. Analyst", on=date(2026, 11, 30))
    with pytest.raises(DataError) as caught:
        accept(drafted, "tripoli", reviewer)
    assert all(p.field == "status" for p in caught.value.problems)
    assert (drafted / "drafts" / "tripoli").is_dir()  # nothing merged
    for incident in load_draft(drafted, "tripoli").incidents:
        edit_draft(drafted, "tripoli", lambda v, i=incident.id: set_fields(v, i, status="reported"))
    accept(drafted, "tripoli", reviewer)
    dataset = load_dataset(drafted)
    mine = [i for i in dataset.incidents if i.article == "tripoli"]
    assert mine and all(
        (i.reviewed_by, i.reviewed_on) == ("A. Analyst", date(2026, 11, 30)) for i in mine
    )
    others = [i for i in dataset.incidents if i.article != "tripoli"]
    assert all(i.reviewed_by is None for i in others)  # curated data never looks reviewed
    saved = json.loads((drafted / "incidents.json").read_text(encoding="utf-8"))
    assert {"by": "A. Analyst", "on": "2026-11-30"} in [
        r.get("reviewed") for r in saved["incidents"]
    ]


def test_candidates_file_is_written_beside_the_draft(drafted: Path) -> None:
    assert (drafted / "drafts" / "tripoli" / CANDIDATES).is_file()


def test_the_command_signs_a_review_only_when_every_status_is_chosen(
    drafted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mapview.cli import main

    args = ["accept", "tripoli", "--data", str(drafted), "--reviewer", "A. Analyst"]
    assert main(args) == 1
    assert "still 'unreviewed'" in capsys.readouterr().err
    for incident in load_draft(drafted, "tripoli").incidents:
        edit_draft(drafted, "tripoli", lambda v, i=incident.id: set_fields(v, i, status="claimed"))
    assert main(args) == 0
    assert all(
        i.reviewed_by == "A. Analyst"
        for i in load_dataset(drafted).incidents
        if i.article == "tripoli"
    )


def test_a_place_choice_the_server_no_longer_has_falls_back_to_keeping_the_place(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save relabels an incident's place choices; a browser still showing the old
    labels sends one back, which Streamlit hands over as its text. The form starts again
    from "Keep", not a failed page."""
    from streamlit.testing.v1 import AppTest

    html = Path(__file__).parent / "data" / "articles" / "tripoli-floods.html"
    result = ingest(
        html.read_bytes(), html.name, published=None, root=data_copy, publisher="Example Wire"
    )
    write_draft(data_copy, result)
    ident = result.incidents[0].id
    monkeypatch.setenv("MAPVIEW_DATA", str(data_copy))
    at = AppTest.from_file(str(Path(__file__).with_name("review_app.py")), default_timeout=60)
    at.session_state[f"rv_place_{ident}"] = "2. Tripoli (city, LY): an old label"
    at.run()
    assert not at.exception and not at.error
    assert at.radio(key=f"rv_place_{ident}").value == 0
