"""A dataset folder: articles, a gazetteer and incidents, loaded and checked as one.

Layout (see geodata/README.md):
    articles/<article-id>.json   cleaned articles with numbered paragraphs
    places.geojson               the gazetteer, RFC 7946
    incidents.json               {"incidents": [...]}
    drafts/                      machine-made incidents awaiting review (not loaded)
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from mapview.data import cache
from mapview.data.article import Article, load_article
from mapview.data.errors import DataError, Problem, display_path
from mapview.data.incidents import Incident, Record, complete, parse_incidents
from mapview.data.places import Place, load_places
from mapview.data.storage import read_bytes, read_json, reading

# The embedded dataset ships inside the package (in a checkout, `src/mapview/geodata` is a
# link to the top-level `geodata/`), so an installed mapview finds it as a checkout does.
DEFAULT_DATA = (Path(__file__).resolve().parents[1] / "geodata").resolve()
CACHE_FROM = 2_000  # smaller datasets validate faster than a cache file is read


def data_dir() -> Path:
    """The dataset the dashboard and CLI use unless told otherwise."""
    return Path(os.environ.get("MAPVIEW_DATA") or DEFAULT_DATA)


def writable_data_dir() -> Path:
    """The dataset a command that writes (ingest, accept) uses unless told otherwise.

    In a checkout that is the embedded dataset, as for every command. An installed mapview
    keeps it in site-packages, where a write would be lost on the next upgrade (or refused):
    such a command must be told its folder.
    """
    root = data_dir()
    installed = any(part.endswith("-packages") for part in DEFAULT_DATA.parts)
    if not os.environ.get("MAPVIEW_DATA") and installed:
        raise ValueError(
            "the embedded dataset is part of the installed package and is not written to: "
            "pass --data DIR (a new or empty folder starts a dataset) or set MAPVIEW_DATA"
        )
    return root


@dataclass
class Dataset:
    root: Path
    articles: dict[str, Article]
    places: dict[str, Place]
    incidents: list[Record] = field(default_factory=list)
    # Arrays the dashboard derives from `table` once per dataset (timeline bars, say),
    # kept with the data they were derived from so they cannot outlive it.
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def table(self) -> pd.DataFrame:
        """One row per incident, in the same order, for vectorised filtering and counting.

        `actors` holds each record's own tuple (no copies); `fatalities` is float so that
        "the report does not say" can be NaN, which every comparison leaves out;
        `contested` is `Record.contested`. To filter by actor use `actor_mask`.
        """
        n = len(self.incidents)
        status = pd.Categorical([i.status for i in self.incidents])
        contested = np.asarray(status == "denied")  # without accounts, only a denial is
        for k in [k for k, i in enumerate(self.incidents) if i.accounts]:
            contested[k] = self.incidents[k].contested
        return pd.DataFrame(
            {
                "start": np.array([i.date_start.toordinal() for i in self.incidents], np.int64),
                "end": np.array([i.date_end.toordinal() for i in self.incidents], np.int64),
                "category": pd.Categorical([i.category for i in self.incidents]),
                "status": status,
                "article": pd.Categorical([i.article for i in self.incidents]),
                "place": pd.Categorical([i.place for i in self.incidents]),
                "actors": pd.Series([i.actors for i in self.incidents], dtype=object),
                "fatalities": np.fromiter(
                    (np.nan if i.fatalities is None else i.fatalities for i in self.incidents),
                    np.float64,
                    n,
                ),
                "contested": contested,
            }
        )

    @cached_property
    def actors(self) -> list[str]:
        """Every actor any incident names, once, in alphabetical order (case aside)."""
        names = {a for i in self.incidents for a in i.actors}
        return sorted(names, key=lambda a: (a.casefold(), a))

    @cached_property
    def _actor_codes(self) -> tuple[np.ndarray, np.ndarray]:
        """(row offsets, positions in `actors`): each incident's actors as numbers, laid
        end to end, so a filter is one gather and one cumulative sum over the mentions."""
        index = {a: k for k, a in enumerate(self.actors)}
        codes = np.fromiter((index[a] for i in self.incidents for a in i.actors), np.int32)
        counts = np.fromiter((len(i.actors) for i in self.incidents), np.int64, len(self.incidents))
        return np.concatenate(([0], np.cumsum(counts))), codes

    def actor_mask(self, chosen: Collection[str]) -> np.ndarray:
        """Which incidents (rows of `table`) name at least one of the chosen actors."""
        offsets, codes = self._actor_codes
        wanted = np.fromiter((a in chosen for a in self.actors), bool, len(self.actors))
        seen = np.concatenate(([0], np.cumsum(wanted[codes], dtype=np.int64)))
        return seen[offsets[1:]] > seen[offsets[:-1]]  # type: ignore[no-any-return]

    @cached_property
    def extent(self) -> tuple[float, float, float, float] | None:
        """(west, south, east, north) around every place that has an incident."""
        geoms = [self.places[p].geometry for p in {i.place for i in self.incidents}]
        return shapely.GeometryCollection(geoms).bounds if geoms else None

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {i.id: n for n, i in enumerate(self.incidents)}

    def position(self, incident_id: str) -> int | None:
        """Where an incident is in `incidents` (and in `table`'s rows)."""
        return self._positions.get(incident_id)

    def incident(self, incident_id: str) -> Record | None:
        """By id; the page asks several times per rerun, so this is a lookup, not a scan."""
        n = self._positions.get(incident_id)
        return None if n is None else self.incidents[n]

    @cached_property
    def date_span(self) -> tuple[date, date]:
        starts = [i.date_start for i in self.incidents]
        ends = [i.date_end for i in self.incidents]
        if not starts:
            today = max((a.published for a in self.articles.values()), default=date.today())
            return today, today
        return min(starts), max(ends)


def is_store(root: Path | str) -> bool:
    """A store's folder (mapview.store) rather than a folder of JSON files: it has a
    manifest. Checked here, without importing the store's engines."""
    return (Path(root) / "store.json").is_file()


def load_dataset(root: Path | str | None = None) -> Dataset:
    """Load and cross-check every file; raise one DataError listing all problems."""
    root = Path(root) if root is not None else data_dir()
    if not root.is_dir():
        raise DataError([Problem(display_path(root), None, None, "dataset folder not found")])
    if is_store(root):
        root = _store_snapshot(root)
    with reading(root):
        return _load(root)


def _store_snapshot(store: Path) -> Path:
    """A store read as a dataset: its reviewed records exported once per version of its
    manifest into mapview's cache, then loaded like any folder. The whole store is read:
    right for the stores one analyst builds, not yet for millions of incidents (the
    dashboard does not ask the store bounded queries yet)."""
    import hashlib

    from mapview.store import export_store

    with reading(store):
        version = hashlib.sha256((store / "store.json").read_bytes()).hexdigest()[:16]
        target = cache.cache_root() / "stores" / f"{store.name}-{version}"
        if not target.exists():
            with contextlib.suppress(FileExistsError, OSError):
                export_store(store, target)  # another process may have made it first
    if not (target / "places.geojson").exists():
        raise DataError([Problem(display_path(store), None, None, "store cannot be read")])
    return target


def _feature_ids(path: Path, raw: bytes | None) -> set[str]:
    """Ids in a places file that failed to load, so its incidents are not flagged twice."""
    try:
        data = read_json(path, raw)
        return {str(f.get("id")) for f in data.get("features") or [] if isinstance(f, dict)}
    except (DataError, AttributeError):
        return set()


def _raw(path: Path, problems: list[Problem]) -> bytes | None:
    try:
        return read_bytes(path)
    except DataError as exc:
        problems.extend(exc.problems)
        return None


def _load(root: Path) -> Dataset:
    """Every file is read once, as bytes; those bytes are both parsed and hashed, so the
    incident cache is keyed by exactly what was validated."""
    problems: list[Problem] = []
    article_paths = sorted((root / "articles").glob("*.json"))
    places_path = root / "places.geojson"
    inc_path = root / "incidents.json"
    raw: dict[Path, bytes | None] = {p: _raw(p, problems) for p in article_paths}
    if places_path.exists() or places_path.is_symlink():  # a broken link is an error
        raw[places_path] = _raw(places_path, problems)
    else:
        problems.append(Problem(display_path(places_path), None, None, "file is missing"))
    has_incidents = inc_path.exists() or inc_path.is_symlink()
    if has_incidents:
        raw[inc_path] = _raw(inc_path, problems)
    articles: dict[str, Article] = {}
    broken_articles: set[str] = set()
    for path in article_paths:
        if raw[path] is None:
            broken_articles.add(path.stem)
            continue
        try:
            article = load_article(path, raw[path])
        except DataError as exc:
            problems.extend(exc.problems)
            broken_articles.add(path.stem)
            continue
        if article.id != path.stem:
            msg = f"article id {article.id!r} must match the file name {path.stem!r}"
            problems.append(Problem(display_path(path), article.id, "id", msg))
        articles[article.id] = article
    key = None
    if not problems and has_incidents and raw.get(inc_path) is not None:
        files = [(str(p.relative_to(root)), data) for p, data in raw.items() if data is not None]
        key = cache.content_key(files)
    # Bytes that passed every check before (the cache is keyed by them) need not be held
    # against the country borders again: that check alone loads 60 MB of polygons.
    trusted = key is not None and cache.exists(key)
    places: dict[str, Place] = {}
    broken_places: set[str] = set()
    if raw.get(places_path) is not None:
        try:
            places = load_places(places_path, raw[places_path], countries=not trusted)
        except DataError as exc:
            problems.extend(exc.problems)
            broken_places = _feature_ids(places_path, raw[places_path]) or {"*"}
    if not problems and key is not None:
        cached = cache.read(key)
        if cached is not None:  # these very bytes were validated before
            return Dataset(root=root, articles=articles, places=places, incidents=cached)
    incidents: list[Incident] = []
    if has_incidents and raw.get(inc_path) is not None:
        file = display_path(inc_path)
        try:
            incidents, found = parse_incidents(read_json(inc_path, raw[inc_path]), file)
        except DataError as exc:
            found = exc.problems
        problems.extend(found)
        for incident in incidents:
            article = articles.get(incident.article)
            if article is None:
                if incident.article not in broken_articles:
                    msg = f"unknown article id {incident.article!r}"
                    problems.append(Problem(file, incident.id, "article", msg))
                continue
            # a place that failed to load is reported once above, not again per incident
            broken = incident.place in broken_places or "*" in broken_places
            problems.extend(complete(incident, article, None if broken else places, file))
    if problems:
        raise DataError(problems)
    records = sorted(
        (Record.of(i) for i in incidents), key=lambda r: (r.date_start, r.date_end, r.id)
    )  # time order, once
    if key is not None and len(records) >= CACHE_FROM:
        cache.write_later(key, list(records))  # the first page draws meanwhile
    return Dataset(root=root, articles=articles, places=places, incidents=records)
