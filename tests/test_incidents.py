from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from mapview.data.dataset import Dataset, load_dataset
from mapview.data.errors import DataError
from mapview.data.incidents import (
    Account,
    Incident,
    Passage,
    Record,
    is_contested,
    load_incidents,
    save_incidents,
)
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


# Sides, actors and deaths


def test_seed_gives_the_sides_of_the_raid(seed: Dataset) -> None:
    """The raid carries the Legion's claim, the ministry's and the Kremlin's version and
    Kyiv's denial of involvement, each with its own quotes; the headline stays the claim."""
    raid = seed.incident("belgorod-cross-border-raid")
    assert raid is not None and raid.status == "claimed" and raid.contested
    sources = [a.source for a in raid.accounts]
    assert any("Defense Ministry" in s for s in sources)
    assert any("Yusov" in s for s in sources)
    assert {a.status for a in raid.accounts} == {"claimed", "denied"}
    assert raid.actors == ("Freedom for Russia Legion", "Russian Volunteer Corps")


def test_seed_kremlin_drones_and_flag_video_are_contested(seed: Dataset) -> None:
    kremlin = seed.incident("kremlin-drone-incident")
    flag = seed.incident("msu-free-russia-flag")
    assert kremlin is not None and flag is not None
    assert [a.status for a in kremlin.accounts] == ["claimed", "denied", "unverified"]
    assert {a.source for a in flag.accounts} >= {"CNN"} and flag.contested
    assert not flag.actors  # the group did not claim the act: no actor is read into it


def test_seed_fatalities_only_where_the_report_counts(seed: Dataset) -> None:
    """One death at Kozinka, in the report's words; no other incident is given a count."""
    counts = {i.id: i.fatalities for i in seed.incidents if i.fatalities is not None}
    assert counts == {"kozinka-civilian-killed": 1}
    kozinka = seed.incident("kozinka-civilian-killed")
    assert kozinka is not None and kozinka.fatalities_text == "One civilian was killed"


def test_account_passages_are_exact_quotes_with_offsets(seed: Dataset) -> None:
    """Every account quote is the article's text at its offsets, filled in on load."""
    quotes = [(inc, q) for inc in seed.incidents for a in inc.accounts for q in a.passages]
    assert len(quotes) >= 10
    for inc, q in quotes:
        para = seed.articles[inc.article].paragraph(q.paragraph)
        assert para is not None and para.kind == "body"
        assert q.end > q.start and para.text[q.start : q.end] == q.text


def test_account_quote_not_in_article_names_its_field(edit_incidents: Editor) -> None:
    def change(d: Any) -> None:
        record(d, "kremlin-drone-incident")["accounts"][1]["passages"][0]["text"] = "Kyiv agreed."

    text = _problems(edit_incidents(change))
    assert "'kremlin-drone-incident': field 'accounts.1.passages.0.text'" in text
    assert "quote not found" in text


def test_account_stale_offsets_and_unknown_paragraph(edit_incidents: Editor) -> None:
    def change(d: Any) -> None:
        accounts = record(d, "belgorod-cross-border-raid")["accounts"]
        accounts[0]["passages"][1].update(start=0, end=4)
        accounts[2]["passages"][0]["paragraph"] = "p999"

    text = _problems(edit_incidents(change))
    assert "field 'accounts.0.passages.1.start'" in text
    assert "field 'accounts.2.passages.0.paragraph'" in text and "p999" in text


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"source": ""}, "accounts.0.source"),
        ({"status": "rumoured"}, "accounts.0.status"),
        ({"passages": []}, "accounts.0.passages"),
        ({"who": "x"}, "accounts.0.who"),
    ],
)
def test_bad_account_fields_name_the_field(
    edit_incidents: Editor, change: dict[str, Any], field: str
) -> None:
    root = edit_incidents(lambda d: record(d, "msu-free-russia-flag")["accounts"][0].update(change))
    assert f"'msu-free-russia-flag': field '{field}'" in _problems(root)


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"fatalities": -1}, "fatalities", "greater than or equal to 0"),
        ({"fatalities": "12"}, "fatalities", "valid integer"),
        ({"fatalities": True}, "fatalities", "valid integer"),
        ({"actors": ["Russian armed forces", "Russian armed forces"]}, "actors", "listed twice"),
        ({"actors": [" Hamas"]}, "actors", "surrounding spaces"),
        ({"actors": [""]}, "actors", "surrounding spaces"),
        ({"actors": "Hamas"}, "actors", "valid list"),
        ({"fatalities_text": "Nobody died"}, "fatalities_text", "not in any of the incident"),
    ],
)
def test_bad_actors_and_fatalities_name_the_field(
    edit_incidents: Editor, change: dict[str, Any], field: str, words: str
) -> None:
    root = edit_incidents(lambda d: record(d, "kyiv-missile-barrage").update(change))
    text = _problems(root)
    assert f"'kyiv-missile-barrage': field '{field}'" in text and words in text


def test_fatalities_text_may_quote_an_account(edit_incidents: Editor) -> None:
    """A toll that only one side gives is still the report's words."""
    root = edit_incidents(
        lambda d: record(d, "belgorod-cross-border-raid").update(
            fatalities_text="until they were completely eliminated"
        )
    )
    raid = load_dataset(root).incident("belgorod-cross-border-raid")
    assert raid is not None and raid.fatalities is None
    assert raid.fatalities_text == "until they were completely eliminated"


@pytest.mark.parametrize(
    ("headline", "accounts", "contested"),
    [
        ("claimed", [], False),
        ("denied", [], True),
        ("claimed", [("Legion", "claimed")], False),
        ("claimed", [("Legion", "claimed"), ("Legion", "claimed")], False),
        ("claimed", [("Legion", "claimed"), ("Ministry", "claimed")], True),
        ("reported", [("Governor", "reported"), ("Governor", "unverified")], True),
        ("reported", [("Kyiv", "denied")], True),
    ],
)
def test_contested_when_accounts_differ_or_deny(
    headline: str, accounts: list[tuple[str, str]], contested: bool
) -> None:
    passage = Passage(paragraph="p1", text="x")
    incident = Incident(
        id="x",
        title="x",
        category="other",
        place="x",
        article="x",
        date_text="x",
        status=headline,  # type: ignore[arg-type]
        source="x",
        passages=[passage],
        accounts=[
            Account(source=s, status=st, passages=[passage])  # type: ignore[arg-type]
            for s, st in accounts
        ],
    )
    assert incident.contested is contested
    assert is_contested(headline, incident.accounts) is contested


def test_incidents_file_round_trips_the_new_fields(seed_dir: Path, tmp_path: Path) -> None:
    """Saved and read back, actors, deaths and accounts are unchanged; empty lists are
    left out of the file rather than written as noise."""
    first = load_incidents(seed_dir / "incidents.json")
    save_incidents(tmp_path / "incidents.json", first)
    again = load_incidents(tmp_path / "incidents.json")
    assert again == first
    raw = json.loads((tmp_path / "incidents.json").read_text(encoding="utf-8"))
    crimea = record(raw, "crimea-bridge-attack")
    assert "actors" not in crimea and "accounts" not in crimea and "fatalities" not in crimea
    assert record(raw, "kozinka-civilian-killed")["fatalities"] == 1


def test_record_to_dict_is_the_file_format(seed: Dataset) -> None:
    """A loaded record written back out validates as an incident with the same fields."""
    for inc in seed.incidents:
        again = Record.of(Incident.model_validate(inc.to_dict()))
        assert again == inc


def test_table_has_actor_death_and_contested_columns(seed: Dataset) -> None:
    t = seed.table
    n = seed.position("kozinka-civilian-killed")
    raid = seed.position("belgorod-cross-border-raid")
    assert n is not None and raid is not None
    assert t["fatalities"].to_numpy()[n] == 1.0
    assert np.isnan(t["fatalities"].to_numpy()[raid])
    assert t["contested"].dtype == bool and bool(t["contested"].to_numpy()[raid])
    assert t["actors"].iloc[raid] == ("Freedom for Russia Legion", "Russian Volunteer Corps")
    assert int(t["contested"].sum()) == sum(i.contested for i in seed.incidents)


def test_actor_list_and_mask(seed: Dataset) -> None:
    """Every actor once, in order; the mask keeps the incidents naming any chosen actor."""
    assert seed.actors == sorted(seed.actors, key=str.casefold)
    assert "Russian armed forces" in seed.actors and len(set(seed.actors)) == len(seed.actors)
    mask = seed.actor_mask({"Russian armed forces", "Russian Volunteer Corps"})
    chosen = {seed.incidents[k].id for k in np.flatnonzero(mask)}
    assert chosen == {
        "belgorod-cross-border-raid",
        "russian-mod-claims-attackers-repelled",
        "kyiv-missile-barrage",
    }
    assert not seed.actor_mask(set()).any()
    assert not seed.actor_mask({"nobody"}).any()
    assert seed.actor_mask(seed.actors).sum() == sum(bool(i.actors) for i in seed.incidents)
