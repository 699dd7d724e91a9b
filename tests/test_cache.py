"""The incident cache is keyed by the files' bytes: it never stands in for other data."""

from __future__ import annotations

from pathlib import Path

import pytest

import mapview.data.dataset as dataset_module
from mapview.data import cache
from mapview.data.dataset import load_dataset as load
from mapview.data.errors import DataError
from tests.conftest import Editor, record


def load_dataset(root: Path):  # type: ignore[no-untyped-def]
    """Load, then wait for the cache copy the load started."""
    try:
        return load(root)
    finally:
        cache.wait()


@pytest.fixture
def cached(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A private cache folder, used for datasets of any size."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("MAPVIEW_CACHE", str(folder))
    monkeypatch.setattr(dataset_module, "CACHE_FROM", 0)
    return folder / "datasets"


def test_a_cache_hit_gives_the_same_incidents(cached: Path, data_copy: Path) -> None:
    fresh = load_dataset(data_copy)
    assert len(list(cached.glob("*.parquet"))) == 1
    again = load_dataset(data_copy)
    assert again.incidents == fresh.incidents  # every field, passages and dates included
    assert [i.id for i in again.incidents] == [i.id for i in fresh.incidents]


def test_any_edit_misses_the_cache_and_is_validated(cached: Path, edit_incidents: Editor) -> None:
    root = edit_incidents(lambda d: None)  # same records, other bytes
    load_dataset(root)
    edit_incidents(lambda d: record(d, "kyiv-missile-barrage").update(place="atlantis"))
    with pytest.raises(DataError, match="atlantis"):
        load_dataset(root)


def test_an_article_edit_is_part_of_the_key(cached: Path, data_copy: Path) -> None:
    """Incidents are completed against their article: the article's bytes key the cache."""
    load_dataset(data_copy)
    article = next((data_copy / "articles").glob("*.json"))
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Kozinka was killed", "Kozinka died"), encoding="utf-8")
    with pytest.raises(DataError, match="quote not found"):
        load_dataset(data_copy)


def test_a_damaged_cache_file_is_only_a_slower_load(cached: Path, data_copy: Path) -> None:
    fresh = load_dataset(data_copy)
    [path] = cached.glob("*.parquet")
    path.write_bytes(b"not parquet at all")
    assert load_dataset(data_copy).incidents == fresh.incidents


def test_border_check_is_skipped_only_for_bytes_that_passed_it(
    cached: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache hit means these very bytes passed every check, the country borders included;
    any edit to the places file is checked against the borders again."""
    import json

    from mapview.data import naturalearth

    load_dataset(data_copy)
    calls: list[object] = []
    real = naturalearth.in_countries
    monkeypatch.setattr(
        naturalearth, "in_countries", lambda *a, **k: calls.append(a) or real(*a, **k)
    )
    load_dataset(data_copy)
    assert calls == []  # trusted: the 60 MB of polygons stay unloaded
    path = data_copy / "places.geojson"
    places = json.loads(path.read_text(encoding="utf-8"))
    point = next(
        f
        for f in places["features"]
        if f["geometry"]["type"] == "Point" and f["properties"].get("country") == ["RU"]
    )
    point["geometry"]["coordinates"] = [2.35, 48.85]  # Paris
    path.write_text(json.dumps(places), encoding="utf-8")
    with pytest.raises(DataError, match="not in RU"):
        load_dataset(data_copy)
    assert calls


def test_sides_actors_and_deaths_survive_the_cache(cached: Path, data_copy: Path) -> None:
    """The Parquet copy carries accounts with their quotes and offsets, actors and tolls."""
    fresh = load_dataset(data_copy)
    again = load_dataset(data_copy)
    raid = again.incident("belgorod-cross-border-raid")
    kozinka = again.incident("kozinka-civilian-killed")
    assert raid is not None and kozinka is not None
    assert raid == fresh.incident("belgorod-cross-border-raid")
    assert raid.contested and len(raid.accounts) == 4
    assert raid.accounts[3].status == "denied" and raid.accounts[3].passages[2].end > 0
    assert raid.actors == ("Freedom for Russia Legion", "Russian Volunteer Corps")
    assert (kozinka.fatalities, kozinka.fatalities_text) == (1, "One civilian was killed")
    crimea = again.incident("crimea-bridge-attack")
    assert crimea is not None
    assert (crimea.accounts, crimea.actors, crimea.fatalities) == ((), (), None)


def test_cache_read_gives_what_was_written(cached: Path, data_copy: Path) -> None:
    """Read straight from the file, not through a load that might have validated again."""
    fresh = load_dataset(data_copy)
    [path] = cached.glob("*.parquet")
    records = cache.read(path.stem)
    assert records is not None and records == fresh.incidents
    barrage = next(r for r in records if r.id == "russian-mod-claims-attackers-repelled")
    other = next(r for r in records if r.id == "kyiv-missile-barrage")
    assert barrage.actors is other.actors  # one tuple per distinct set of actors
