from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mapview.data.dataset import Dataset, load_dataset
from mapview.data.errors import DataError
from mapview.data.seed import DESIGN_CARD_PLACES
from tests.conftest import Editor, record

REQUIRED = {
    "belgorod-cross-border-raid",
    "belgorod-mortar-artillery-fire",
    "belgorod-overnight-drone-attacks",
    "kozinka-civilian-killed",
    "belgorod-residents-resettled",
    "russian-mod-claims-attackers-repelled",
    "msu-free-russia-flag",
    "kremlin-drone-incident",
    "bakhmut-fighter-interview",
    "crimea-bridge-attack",
    "kyiv-missile-barrage",
}


def test_seed_holds_every_incident_the_report_describes(seed: Dataset) -> None:
    """The eleven incidents of the brief are all there."""
    assert {i.id for i in seed.incidents} >= REQUIRED


def test_six_design_card_places_each_have_incidents(seed: Dataset) -> None:
    """Every place of the first map is linked to at least one incident."""
    used = {i.place for i in seed.incidents}
    assert set(DESIGN_CARD_PLACES) <= used


@pytest.mark.parametrize(
    ("incident_id", "start", "end", "precision"),
    [
        ("belgorod-cross-border-raid", date(2023, 5, 21), date(2023, 5, 23), "day"),
        ("belgorod-overnight-drone-attacks", date(2023, 5, 22), date(2023, 5, 23), "day"),
        ("kozinka-civilian-killed", date(2023, 5, 23), date(2023, 5, 23), "day"),
        ("msu-free-russia-flag", date(2023, 5, 22), date(2023, 5, 22), "day"),
        ("kremlin-drone-incident", date(2023, 5, 1), date(2023, 5, 22), "month"),
        ("bakhmut-fighter-interview", date(2022, 12, 1), date(2022, 12, 31), "month"),
        ("crimea-bridge-attack", date(2022, 10, 1), date(2022, 10, 31), "month"),
    ],
)
def test_dates_are_resolved_from_the_report_words(
    seed: Dataset, incident_id: str, start: date, end: date, precision: str
) -> None:
    """Dates come from date_text and the publication day, with honest precision."""
    inc = seed.incident(incident_id)
    assert inc is not None
    assert (inc.date_start, inc.date_end, inc.date_precision) == (start, end, precision)


def test_passages_are_exact_quotes_with_offsets(seed: Dataset) -> None:
    """Every passage is the article's text at its offsets, character for character."""
    for inc in seed.incidents:
        article = seed.articles[inc.article]
        for p in inc.passages:
            para = article.paragraph(p.paragraph)
            assert para is not None and para.kind in ("body", "caption")
            assert para.text[p.start : p.end] == p.text


def test_statuses_follow_the_report_wording(seed: Dataset) -> None:
    """CNN could not verify the flag; the MoD's account is a claim; CNN's interview is its own."""
    status = {i.id: i.status for i in seed.incidents}
    assert status["msu-free-russia-flag"] == "unverified"
    assert status["russian-mod-claims-attackers-repelled"] == "claimed"
    assert status["bakhmut-fighter-interview"] == "confirmed"


def _problems(root: Path) -> str:
    with pytest.raises(DataError) as err:
        load_dataset(root)
    return str(err.value)


def test_date_end_before_start_is_rejected(edit_incidents: Editor) -> None:
    """A range that ends before it starts names the record and the field."""
    root = edit_incidents(
        lambda d: record(d, "kyiv-missile-barrage").update(
            date_start="2022-10-10", date_end="2022-10-01"
        )
    )
    text = _problems(root)
    assert "incidents.json" in text and "'kyiv-missile-barrage'" in text
    assert "date_end 2022-10-01 is before date_start 2022-10-10" in text


def test_quote_not_in_article_is_rejected(edit_incidents: Editor) -> None:
    """A passage that the article does not contain cannot back an incident."""

    def change(d: Any) -> None:
        record(d, "kozinka-civilian-killed")["passages"][0]["text"] = "Nobody was hurt."

    text = _problems(edit_incidents(change))
    assert "'kozinka-civilian-killed'" in text and "'passages.0.text'" in text
    assert "quote not found" in text


def test_stale_offsets_are_rejected(edit_incidents: Editor) -> None:
    """Offsets that no longer hold the quote are caught rather than highlighting other words."""

    def change(d: Any) -> None:
        record(d, "kozinka-civilian-killed")["passages"][0].update(start=5, end=20)

    assert "'passages.0.start'" in _problems(edit_incidents(change))


def test_unknown_place_is_rejected(edit_incidents: Editor) -> None:
    """An incident must point at a gazetteer entry."""
    root = edit_incidents(lambda d: record(d, "kyiv-missile-barrage").update(place="kiev"))
    text = _problems(root)
    assert (
        "'kyiv-missile-barrage'" in text and "'place'" in text and "unknown place id 'kiev'" in text
    )


def test_unknown_paragraph_is_rejected(edit_incidents: Editor) -> None:
    """A passage must name a paragraph the article has."""

    def change(d: Any) -> None:
        record(d, "kyiv-missile-barrage")["passages"][0]["paragraph"] = "p999"

    assert "has no paragraph p999" in _problems(edit_incidents(change))


def test_unresolvable_date_text_is_rejected(edit_incidents: Editor) -> None:
    """Words with no date and no explicit dates cannot be placed in time."""
    root = edit_incidents(
        lambda d: record(d, "kyiv-missile-barrage").update(date_text="afterwards")
    )
    text = _problems(root)
    assert "'date_text'" in text and "no date expression" in text


def test_bad_status_and_missing_field_are_both_reported(edit_incidents: Editor) -> None:
    """One run lists every problem, not just the first."""

    def change(d: Any) -> None:
        record(d, "kyiv-missile-barrage")["status"] = "rumoured"
        del record(d, "crimea-bridge-attack")["source"]

    text = _problems(edit_incidents(change))
    assert "'kyiv-missile-barrage': field 'status'" in text
    assert "'crimea-bridge-attack': field 'source'" in text


def test_duplicate_incident_id_is_rejected(edit_incidents: Editor) -> None:
    """Two records with one id would make links ambiguous."""
    root = edit_incidents(lambda d: d["incidents"].append(dict(record(d, "kyiv-missile-barrage"))))
    assert "duplicate incident id" in _problems(root)


def test_invalid_json_names_line_and_column(data_copy: Path) -> None:
    """A syntax error points at where to look."""
    (data_copy / "incidents.json").write_text('{"incidents": [}', encoding="utf-8")
    text = _problems(data_copy)
    assert "incidents.json" in text and "line 1, column" in text


def test_explicit_dates_override_date_text(edit_incidents: Editor) -> None:
    """When a person knows the exact day, the record can say so."""
    root = edit_incidents(
        lambda d: record(d, "crimea-bridge-attack").update(
            date_start="2022-10-08", date_precision="day"
        )
    )
    inc = load_dataset(root).incident("crimea-bridge-attack")
    assert inc is not None
    assert (inc.date_start, inc.date_end, inc.date_precision) == (date(2022, 10, 8),) * 2 + ("day",)
