"""Places a user adds from a GeoNames country file: villages and camps too small for the
shipped gazetteer. The sample file's rows are invented, in GeoNames' dump format, around
one real town (Torodi, GeoNames 2438409) that the shipped gazetteer already has."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from mapview.cli import main
from mapview.data.article import build_article
from mapview.ingest import local_places
from mapview.ingest.gazetteer import Gazetteer, open_index
from mapview.ingest.local_places import LocalPlacesError
from mapview.ingest.mentions import find_mentions

SAMPLE = Path(__file__).parent / "data" / "geonames-invented-NE.txt"
REPORT = (
    "Gunmen killed nine soldiers near Tamazgouni, a village in Niger's Tillaberi region, "
    "on Monday. Survivors fled to Camp Oubrari."
)


def _names(gazetteer: Gazetteer, text: str) -> list[str]:
    article = build_article(
        f"A report\n\n{text}", article_id="t", publisher="P", published=date(2023, 8, 17)
    )
    return [m.candidate.name for m in find_mentions(article, gazetteer)]


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def added(gazetteer: Gazetteer, cache: Path) -> Gazetteer:
    local_places.add_dumps(cache, [SAMPLE], {2438409})
    assert gazetteer.path is not None
    return open_index(gazetteer.path, local_places.local_path(cache))


def test_the_shipped_gazetteer_lacks_the_village(gazetteer: Gazetteer) -> None:
    assert "Tamazgouni" not in _names(gazetteer, REPORT)


def test_an_added_village_and_camp_are_found(added: Gazetteer) -> None:
    names = _names(added, REPORT)
    assert "Tamazgouni" in names
    assert "Camp Oubrari" in names
    [village] = [c for c in added.lookup("tamasgouni") if c.name == "Tamazgouni"]
    assert (village.country, village.admin1, village.lat, village.lon) == (
        "NE",
        "08",
        13.051,
        1.523,
    )


def test_only_places_and_sites_are_kept(cache: Path) -> None:
    [added] = local_places.add_dumps(cache, [SAMPLE], {2438409})
    # a dry river bed and an abandoned village are left out; Torodi is already known
    assert (added.kept, added.already, added.ignored) == (2, 1, 2)
    assert local_places.sources(cache) == [("geonames-invented-NE.txt", 2)]


def test_adding_a_file_again_replaces_its_places(cache: Path) -> None:
    local_places.add_dumps(cache, [SAMPLE], set())
    local_places.add_dumps(cache, [SAMPLE], set())
    with sqlite3.connect(local_places.local_path(cache)) as con:
        [(n,)] = con.execute("SELECT COUNT(*) FROM name WHERE id = 990000001").fetchall()
    assert n == 3  # the name and two alternates, once each


def test_a_bad_line_names_file_line_and_field_and_saves_nothing(
    cache: Path, tmp_path: Path
) -> None:
    local_places.add_dumps(cache, [SAMPLE], set())
    before = local_places.local_path(cache).read_bytes()
    bad = tmp_path / "ML.txt"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    fields = lines[1].split("\t")
    fields[4] = "north"
    bad.write_text("\n".join([lines[0], "\t".join(fields)]) + "\n", encoding="utf-8")
    with pytest.raises(LocalPlacesError, match=r"ML\.txt line 2: latitude 'north' is not"):
        local_places.add_dumps(cache, [SAMPLE, bad], set())
    assert local_places.local_path(cache).read_bytes() == before


def test_a_file_that_is_not_a_dump_is_refused(cache: Path, tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("villages to check\nTamazgouni\n", encoding="utf-8")
    with pytest.raises(LocalPlacesError, match=r"notes\.txt line 1: 1 tab-separated fields"):
        local_places.add_dumps(cache, [other], set())
    assert not local_places.local_path(cache).exists()


def test_the_command_adds_lists_and_clears(
    gazetteer: Gazetteer,
    cache: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert gazetteer.path is not None
    cache.mkdir()
    (cache / gazetteer.path.name).symlink_to(gazetteer.path)  # the index, without a rebuild
    monkeypatch.setenv("MAPVIEW_CACHE", str(cache))
    assert main(["gazetteer", "add", str(SAMPLE)]) == 0
    assert "2 place(s) added, 1 already known" in capsys.readouterr().out
    assert main(["gazetteer", "list"]) == 0
    assert "geonames-invented-NE.txt: 2 place(s)" in capsys.readouterr().out
    assert main(["gazetteer", "add", str(tmp_path / "missing.zip")]) == 1
    err = capsys.readouterr().err
    assert "missing.zip: no such file" in err and "Traceback" not in err
    assert main(["gazetteer", "clear"]) == 0
    assert not local_places.local_path(cache).exists()


def test_a_lookup_with_added_places_reads_both_files_by_their_indexes(added: Gazetteer) -> None:
    """With a user's places attached, a name is looked up in each file through its key
    index and its place by id; the plan scans no table (a join across the two files'
    unions could use neither index: 0.2-0.5 s for each name found)."""
    assert added.con is not None
    plan = added.con.execute(
        "EXPLAIN QUERY PLAN SELECT id, MIN(alternate) FROM any_name_place WHERE key = ? "
        "GROUP BY id",
        ("mosul",),
    ).fetchall()
    steps = [row[-1] for row in plan]
    assert sum("USING INDEX name_key" in step for step in steps) == 2, steps  # both files
    assert sum("USING INTEGER PRIMARY KEY" in step for step in steps) == 2, steps
    assert not any(step.startswith(("SCAN t", "SCAN p")) for step in steps), steps
    assert [c.name for c in added.lookup("tamazgouni")] == ["Tamazgouni"]
    assert "Mosul" in [c.name for c in added.lookup("mosul")]
