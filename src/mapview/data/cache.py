"""A columnar copy of a dataset's validated incidents, keyed by the bytes of its files.

Validating 100,000 incidents takes seconds (pydantic per record, dates resolved from the
report's words, quotes found in paragraphs). The result depends only on the dataset's files,
so it is kept as Parquet under a name made from the SHA-256 of every file it was made from:
if any byte of any file differs, the name differs and the cache is simply not found. A
cache file never stands in for validation of different data, and a stale one is never read.

Parquet rather than pickle: reading it runs no code, whoever wrote the cache folder.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from mapview.data.incidents import Quote, Record, Version

FORMAT = "mapview-incidents-v4"  # v3: actors, fatalities, accounts; v4: reviewed
KEEP = 8  # newest cache files kept; each is a few MB at 100,000 incidents
log = logging.getLogger("mapview")

QUOTES = pa.list_(
    pa.struct(
        [
            ("paragraph", pa.string()),
            ("text", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
        ]
    )
)
SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("title", pa.string()),
        ("category", pa.string()),
        ("place", pa.string()),
        ("article", pa.string()),
        ("date_text", pa.string()),
        ("date_start", pa.int32()),  # proleptic ordinals: read back without date parsing
        ("date_end", pa.int32()),
        ("date_precision", pa.string()),
        ("ongoing", pa.bool_()),
        ("status", pa.string()),
        ("source", pa.string()),
        ("summary", pa.string()),
        ("confidence", pa.float64()),
        ("passages", QUOTES),
        ("actors", pa.list_(pa.string())),
        ("fatalities", pa.int64()),
        ("fatalities_text", pa.string()),
        (
            "accounts",
            pa.list_(
                pa.struct(
                    [
                        ("source", pa.string()),
                        ("status", pa.string()),
                        ("says", pa.string()),
                        ("passages", QUOTES),
                    ]
                )
            ),
        ),
        ("reviewed_by", pa.string()),
        ("reviewed_on", pa.int32()),
    ]
)
NESTED = ("passages", "date_start", "date_end", "actors", "accounts", "reviewed_on")


def cache_root() -> Path:
    """mapview's own cache folder, for everything it keeps between runs (this module's
    Parquet copies, the gazetteer's index, a store's periods, `serve`'s app folders):
    $MAPVIEW_CACHE, else the XDG cache folder."""
    if os.environ.get("MAPVIEW_CACHE"):
        return Path(os.environ["MAPVIEW_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mapview"


def cache_dir() -> Path:
    return cache_root() / "datasets"


def content_key(files: list[tuple[str, bytes]]) -> str:
    """SHA-256 over the format, each file's name relative to the dataset, and its bytes."""
    digest = hashlib.sha256(FORMAT.encode())
    for name, data in sorted(files):
        digest.update(f"\0{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def pooled(column: pa.Array | pa.ChunkedArray) -> list[Any]:
    """A column of few distinct values as a list holding one object per value.

    Reading it row by row makes a new string per row: 100,000 throwaway copies of a
    handful of categories, places and sources, interleaved in memory with the records
    that stay, which kept the server tens of MB larger than its data.
    """
    encoded = pc.dictionary_encode(column)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    values = np.array([*encoded.dictionary.to_pylist(), None], dtype=object)
    indices = encoded.indices.fill_null(len(values) - 1).to_numpy(zero_copy_only=False)
    return values[indices].tolist()  # type: ignore[no-any-return]


def days(column: pa.ChunkedArray) -> list[date]:
    """Ordinal days as dates, one object per distinct day (see `pooled`)."""
    ordinals = column.to_numpy()
    distinct, inverse = np.unique(ordinals, return_inverse=True)
    objects = np.array([date.fromordinal(int(n)) for n in distinct], dtype=object)
    return objects[inverse].tolist()  # type: ignore[no-any-return]


def _flat(column: pa.Array | pa.ChunkedArray) -> tuple[list[int], pa.Array]:
    """A list column as (row offsets into the values, the values). A nested list (the
    passages of accounts) is a slice of its parent: its offsets need not start at 0."""
    nested = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    offsets = nested.offsets.to_numpy()
    return (offsets - offsets[0]).tolist(), nested.flatten()


def _quotes(column: pa.Array | pa.ChunkedArray) -> list[tuple[Quote, ...]]:
    """A list-of-passages column as one tuple of quotes per row."""
    offsets, flat = _flat(column)
    quotes = [
        Quote(*q)
        for q in zip(
            pooled(flat.field("paragraph")),
            flat.field("text").to_pylist(),
            flat.field("start").to_pylist(),
            flat.field("end").to_pylist(),
            strict=True,
        )
    ]
    return [tuple(quotes[a:b]) for a, b in pairwise(offsets)]


def _sparse(offsets: list[int], items: list[Any]) -> list[tuple[Any, ...]]:
    """Rows of a list column that is empty in most rows: every empty row shares the one
    empty tuple, and only the rows holding something are looked at."""
    rows: list[tuple[Any, ...]] = [()] * (len(offsets) - 1)
    if items:
        ends = np.asarray(offsets)
        for n in np.flatnonzero(ends[1:] > ends[:-1]).tolist():
            rows[n] = tuple(items[offsets[n] : offsets[n + 1]])
    return rows


def _actors(column: pa.ChunkedArray) -> list[tuple[str, ...]]:
    """One tuple object per distinct set of actors, shared by the rows naming it: most
    incidents of one conflict name the same few actors (see `pooled`)."""
    offsets, flat = _flat(column)
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    return [shared.setdefault(t, t) if t else t for t in _sparse(offsets, pooled(flat))]


def _accounts(column: pa.ChunkedArray) -> list[tuple[Version, ...]]:
    offsets, flat = _flat(column)
    if len(flat) == 0:
        return _sparse(offsets, [])
    versions = [
        Version(*v)
        for v in zip(
            pooled(flat.field("source")),
            pooled(flat.field("status")),
            flat.field("says").to_pylist(),
            _quotes(flat.field("passages")),
            strict=True,
        )
    ]
    return _sparse(offsets, versions)


def exists(key: str) -> bool:
    return (cache_dir() / f"{key}.parquet").exists()


def read(key: str) -> list[Record] | None:
    path = cache_dir() / f"{key}.parquet"
    if not path.exists():
        return None
    try:
        table = pq.read_table(path, schema=SCHEMA)
        col = table.column
        return [
            Record(*fields)
            for fields in zip(
                col("id").to_pylist(),
                col("title").to_pylist(),
                pooled(col("category")),
                pooled(col("place")),
                pooled(col("article")),
                pooled(col("date_text")),
                days(col("date_start")),
                days(col("date_end")),
                pooled(col("date_precision")),
                col("ongoing").to_pylist(),
                pooled(col("status")),
                pooled(col("source")),
                pooled(col("summary")),
                _quotes(col("passages")),
                col("confidence").to_pylist(),
                _actors(col("actors")),
                col("fatalities").to_pylist(),
                pooled(col("fatalities_text")),
                _accounts(col("accounts")),
                pooled(col("reviewed_by")),
                [
                    None if n is None else date.fromordinal(n)
                    for n in col("reviewed_on").to_pylist()
                ],
                strict=True,
            )
        ]
    except Exception as exc:  # a damaged cache is only a slower load
        log.warning("ignoring unreadable dataset cache %s: %s", path.name, exc)
        return None


_pending: list[threading.Thread] = []


def write_later(key: str, records: list[Record]) -> None:
    """Write beside the caller's work (the first page draws meanwhile); not a daemon, so a
    command that ends first still leaves a whole cache file behind."""
    thread = threading.Thread(target=write, args=(key, records), name="mapview-cache")
    _pending.append(thread)
    thread.start()


def wait() -> None:
    """Until every cache write started here has finished (tests, benchmarks)."""
    while _pending:
        _pending.pop().join()


def _quote_row(q: Quote) -> dict[str, Any]:
    return {"paragraph": q.paragraph, "text": q.text, "start": q.start, "end": q.end}


def write(key: str, records: list[Record]) -> None:
    """Best effort: a cache that cannot be written costs the next load time, nothing else."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        columns = {
            name: [getattr(r, name) for r in records] for name in SCHEMA.names if name not in NESTED
        }
        columns["date_start"] = [r.date_start.toordinal() for r in records]
        columns["date_end"] = [r.date_end.toordinal() for r in records]
        columns["passages"] = [[_quote_row(q) for q in r.passages] for r in records]
        columns["actors"] = [list(r.actors) for r in records]
        columns["reviewed_on"] = [
            r.reviewed_on.toordinal() if r.reviewed_on else None for r in records
        ]
        columns["accounts"] = [
            [
                {
                    "source": a.source,
                    "status": a.status,
                    "says": a.says,
                    "passages": [_quote_row(q) for q in a.passages],
                }
                for a in r.accounts
            ]
            for r in records
        ]
        table = pa.table(columns, schema=SCHEMA)
        tmp = folder / f".{key}.{os.getpid()}.tmp"
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, folder / f"{key}.parquet")
        for old in sorted(folder.glob("*.parquet"), key=lambda p: p.stat().st_mtime)[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not write the dataset cache in %s: %s", folder, exc)
