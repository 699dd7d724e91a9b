"""Places a user adds to the gazetteer from GeoNames' country files.

Why: the index ships every GeoNames place of 500 or more people, but the places conflict
reports name are often smaller: villages, refugee camps, army posts, mines (Koutougou,
Kutupalong, Inates). No package on the registries ships GeoNames' full lists, and the
dashboard never fetches anything, so an analyst who works on a country downloads its file
once (`https://download.geonames.org/export/dump/NE.zip`, 1-50 MB, CC BY 4.0) on any
machine and runs `mapview gazetteer add NE.zip`. The places go into a second, small SQLite
file beside the index, which survives the index being rebuilt for a new version; the
gazetteer reads both.

What is kept: populated places (GeoNames class P, but not historical, abandoned or
destroyed ones) and the kinds of site reports name (camps, airports and air bases,
mosques, churches, monasteries, prisons, dams, bridges, mines, hospitals, military
installations, passes and mountains), each as a point. Places the index already has are
skipped, so alternate names never fight over one place.
"""

from __future__ import annotations

import fcntl
import io
import math
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mapview.data.names import fold

SKIPPED_PPL = frozenset({"PPLH", "PPLQ", "PPLW", "PPLCH"})
SITE_CODES = frozenset(
    {
        "CMPRF", "CMP", "AIRP", "AIRB", "AIRF", "AIRH", "MSQE", "CH", "MSTY", "PRN", "DAM",
        "BDG", "MN", "MNAU", "HSP", "INSM", "PASS", "MT", "PK", "OILF", "PS", "PSN",
    }
)  # fmt: skip
COLUMNS = 19  # GeoNames' dump format, https://download.geonames.org/export/dump/readme.txt
MAX_BYTES = 2_000_000_000


class LocalPlacesError(ValueError):
    """A file that is not a GeoNames country dump, named with the line and field."""


@dataclass(frozen=True)
class Added:
    file: str
    kept: int  # rows written to the local file
    already: int  # places the index already has
    ignored: int  # rows of other classes (rivers, farms, administrative units…)


def local_path(cache: Path) -> Path:
    return cache / "gazetteer-local.sqlite"


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """Lines of NE.txt, or of the NE.txt inside NE.zip."""
    if not path.is_file():
        raise LocalPlacesError(f"{path}: no such file")
    if path.stat().st_size > MAX_BYTES:
        raise LocalPlacesError(f"{path}: larger than 2 GB; add one country's file at a time")
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            members = [n for n in zf.namelist() if n.endswith(".txt") and n != "readme.txt"]
            if len(members) != 1:
                raise LocalPlacesError(
                    f"{path}: expected one GeoNames .txt file inside, found {len(members)}"
                )
            with zf.open(members[0]) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8")
                yield from enumerate(text, 1)
        return
    with path.open(encoding="utf-8") as fh:
        yield from enumerate(fh, 1)


def _float(value: str, low: float, high: float, where: str, field: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise LocalPlacesError(f"{where}: {field} {value!r} is not a number") from None
    if not math.isfinite(number) or not low <= number <= high:
        raise LocalPlacesError(f"{where}: {field} {value} is outside {low:g}..{high:g}")
    return number


def read_dump(
    path: Path, known: set[int]
) -> tuple[list[tuple[object, ...]], list[tuple[str, int, int]], Added]:
    """Rows for the place and name tables; every line is checked before anything is kept."""
    places: list[tuple[object, ...]] = []
    names: list[tuple[str, int, int]] = []
    already = ignored = 0
    try:
        for n, line in _lines(path):
            where = f"{path.name} line {n}"
            row = line.rstrip("\n").split("\t")
            if len(row) != COLUMNS:
                raise LocalPlacesError(
                    f"{where}: {len(row)} tab-separated fields, a GeoNames dump has {COLUMNS}"
                )
            if not row[0].isdigit():
                raise LocalPlacesError(f"{where}: geonameid {row[0]!r} is not a number")
            gid = int(row[0])
            lat = _float(row[4], -90, 90, where, "latitude")
            lon = _float(row[5], -180, 180, where, "longitude")
            cls, code = row[6], row[7]
            if not ((cls == "P" and code not in SKIPPED_PPL) or code in SITE_CODES):
                ignored += 1
                continue
            if gid in known:
                already += 1
                continue
            if not row[1].strip():
                raise LocalPlacesError(f"{where}: name is empty")
            pop = int(row[14]) if row[14].isdigit() else 0
            places.append((gid, row[1], row[8], row[10], pop, lat, lon, "city", ""))
            keys = {fold(row[1])}
            names.append((fold(row[1]), gid, 0))
            for alt in [row[2], *row[3].split(",")]:
                key = fold(alt) if alt and len(alt) >= 3 else ""
                if key and key not in keys and not any(c.isdigit() for c in key):
                    keys.add(key)
                    names.append((key, gid, 1))
    except UnicodeDecodeError:
        raise LocalPlacesError(f"{path}: not UTF-8 text; is it a GeoNames dump?") from None
    except zipfile.BadZipFile as exc:
        raise LocalPlacesError(f"{path}: {exc}") from None
    return places, names, Added(path.name, len(places), already, ignored)


@contextmanager
def _locked(cache: Path) -> Iterator[None]:
    cache.mkdir(parents=True, exist_ok=True)
    fd = os.open(cache / ".gazetteer-local.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


_SCHEMA = """
    CREATE TABLE IF NOT EXISTS place (id INTEGER PRIMARY KEY, name TEXT, country TEXT,
        admin1 TEXT, population INTEGER, lat REAL, lon REAL, kind TEXT, feature TEXT);
    CREATE TABLE IF NOT EXISTS name (key TEXT, id INTEGER, alternate INTEGER);
    CREATE TABLE IF NOT EXISTS skel (key TEXT, id INTEGER);
    CREATE TABLE IF NOT EXISTS source (file TEXT PRIMARY KEY, places INTEGER);
    CREATE INDEX IF NOT EXISTS name_key ON name(key);
    CREATE INDEX IF NOT EXISTS skel_key ON skel(key);
"""


def add_dumps(cache: Path, paths: list[Path], known: set[int]) -> list[Added]:
    """Read every file first, then write them all into a copy of the local file and put
    the copy in place: two users adding at once, or a kill mid-write, lose nothing."""
    from mapview.ingest.gazetteer import insert_places

    read = [read_dump(p, known) for p in paths]
    target = local_path(cache)
    with _locked(cache):
        fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-local.", dir=cache)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            con = sqlite3.connect(tmp)
            if target.exists():
                with sqlite3.connect(f"file:{target}?mode=ro", uri=True) as old:
                    old.backup(con)
            con.executescript(_SCHEMA)
            for places, names, added in read:
                ids = [(p[0],) for p in places]
                for table in ("name", "skel"):
                    con.executemany(f"DELETE FROM {table} WHERE id = ?", ids)
                insert_places(con, places, names, replace=True)
                con.execute("INSERT OR REPLACE INTO source VALUES (?, ?)", (added.file, added.kept))
            con.commit()
            con.close()
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return [added for _, _, added in read]


def sources(cache: Path) -> list[tuple[str, int]]:
    """(file, places kept) for each file added so far."""
    target = local_path(cache)
    if not target.exists():
        return []
    with sqlite3.connect(f"file:{target}?mode=ro", uri=True) as con:
        return list(con.execute("SELECT file, places FROM source ORDER BY file"))


def clear(cache: Path) -> bool:
    with _locked(cache):
        target = local_path(cache)
        if not target.exists():
            return False
        target.unlink()
        return True
