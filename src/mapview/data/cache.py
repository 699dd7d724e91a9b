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

import pyarrow as pa
import pyarrow.parquet as pq

from mapview.data.incidents import Quote, Record

FORMAT = "mapview-incidents-v2"
KEEP = 8  # newest cache files kept; each is a few MB at 100,000 incidents
log = logging.getLogger("mapview")

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
        (
            "passages",
            pa.list_(
                pa.struct(
                    [
                        ("paragraph", pa.string()),
                        ("text", pa.string()),
                        ("start", pa.int64()),
                        ("end", pa.int64()),
                    ]
                )
            ),
        ),
    ]
)


def cache_dir() -> Path:
    base = os.environ.get("MAPVIEW_CACHE") or Path.home() / ".cache" / "mapview"
    return Path(base) / "datasets"


def content_key(files: list[tuple[str, bytes]]) -> str:
    """SHA-256 over the format, each file's name relative to the dataset, and its bytes."""
    digest = hashlib.sha256(FORMAT.encode())
    for name, data in sorted(files):
        digest.update(f"\0{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def shared(values: list[Any]) -> list[Any]:
    """Equal values as one object: a column read from Parquet makes a new string per row,
    and 100,000 copies of a handful of categories, places and sources were tens of MB of
    the server's memory."""
    pool: dict[Any, Any] = {}
    return [pool.setdefault(v, v) for v in values]


def exists(key: str) -> bool:
    return (cache_dir() / f"{key}.parquet").exists()


def read(key: str) -> list[Record] | None:
    path = cache_dir() / f"{key}.parquet"
    if not path.exists():
        return None
    try:
        table = pq.read_table(path, schema=SCHEMA)
        cols = {n: table.column(n).to_pylist() for n in SCHEMA.names if n != "passages"}
        nested = table.column("passages").combine_chunks()
        offsets = nested.offsets.to_pylist()
        flat = nested.flatten()
        paragraph, text, start, end = (
            flat.field(n).to_pylist() for n in ("paragraph", "text", "start", "end")
        )
    except Exception as exc:  # a damaged cache is only a slower load
        log.warning("ignoring unreadable dataset cache %s: %s", path.name, exc)
        return None
    quotes = [Quote(*q) for q in zip(shared(paragraph), text, start, end, strict=True)]
    grouped = [tuple(quotes[a:b]) for a, b in pairwise(offsets)]
    days: dict[int, date] = {}
    ordinal = date.fromordinal

    def day(n: int) -> date:
        d = days.get(n)
        if d is None:
            d = days[n] = ordinal(n)
        return d

    return [
        Record(*fields)
        for fields in zip(
            cols["id"],
            cols["title"],
            shared(cols["category"]),
            shared(cols["place"]),
            shared(cols["article"]),
            shared(cols["date_text"]),
            map(day, cols["date_start"]),
            map(day, cols["date_end"]),
            shared(cols["date_precision"]),
            cols["ongoing"],
            shared(cols["status"]),
            shared(cols["source"]),
            shared(cols["summary"]),
            grouped,
            cols["confidence"],
            strict=True,
        )
    ]


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


def write(key: str, records: list[Record]) -> None:
    """Best effort: a cache that cannot be written costs the next load time, nothing else."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        columns = {
            name: [getattr(r, name) for r in records]
            for name in SCHEMA.names
            if name not in ("passages", "date_start", "date_end")
        }
        columns["date_start"] = [r.date_start.toordinal() for r in records]
        columns["date_end"] = [r.date_end.toordinal() for r in records]
        columns["passages"] = [
            [
                {"paragraph": q.paragraph, "text": q.text, "start": q.start, "end": q.end}
                for q in r.passages
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
