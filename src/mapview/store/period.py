"""A store read a few months at a time: the dashboard's bounded view of a large store.

The page filters, plays and draws its incidents in the browser, which is fast up to about
a million loaded at once but costs the server a gigabyte there and a minute to load. A
newsroom's store holds many times that. So the dashboard loads a *period*: consecutive
months of the store, chosen so that their incidents stay under a limit, and read from
those months' parts only (the store is partitioned by the month an incident began). Which
months hold how many incidents is read from the parts' Parquet footers, not from the rows.

A period's records are exported once per version of the store's manifest into mapview's
cache as an ordinary dataset folder (validated like any other), so everything the page
does on a folder it does on a period, and two visitors of one period share one copy.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from mapview.data.storage import reading
from mapview.store.store import Store, export_store

PERIOD_LIMIT = 100_000  # incidents loaded at once: the size the page is measured fast at
KEEP_PERIODS = 12  # exported periods kept in the cache, the most recently used

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Period:
    """Months `first` to `last` (YYYY-MM, both included)."""

    first: str
    last: str

    @classmethod
    def parse(cls, text: str | None) -> Period | None:
        """`2023-01..2023-03` (or one month, `2023-02`); None for anything else."""
        if not text:
            return None
        first, _, last = text.partition("..")
        last = last or first
        if not (_MONTH.match(first) and _MONTH.match(last)):
            return None
        return cls(min(first, last), max(first, last))

    @property
    def key(self) -> str:
        """As the link writes it."""
        return self.first if self.first == self.last else f"{self.first}..{self.last}"

    @property
    def label(self) -> str:
        """As a reader says it: `Jan 2023 to Mar 2023`."""
        first, last = month_label(self.first), month_label(self.last)
        return first if first == last else f"{first} to {last}"

    def months(self, counts: dict[str, int]) -> list[str]:
        return [m for m in counts if self.first <= m <= self.last]


def month_label(month: str) -> str:
    return date.fromisoformat(f"{month}-01").strftime("%b %Y")


def month_counts(store: Store) -> dict[str, int]:
    """Incidents per month of the store's reviewed incidents, oldest first, from the
    parts' footers (no row is read)."""
    counts: dict[str, int] = {}
    for rel in store.manifest["tables"].get("incidents", []):
        month = rel.split("/")[-2].removeprefix("month=")
        if _MONTH.match(month):
            rows = pq.ParquetFile(store.root / rel).metadata.num_rows
            counts[month] = counts.get(month, 0) + rows
    return {m: n for m, n in sorted(counts.items()) if n}


def choose_period(
    counts: dict[str, int], wanted: Period | None, limit: int = PERIOD_LIMIT
) -> tuple[Period | None, bool]:
    """The period to load and whether it differs from `wanted` (cut or moved).

    No wish: the latest months that fit under `limit`. A wish is kept to the store's months
    and, when its incidents pass the limit, cut to its latest months that fit: readers
    mostly want what is new. A single month is loaded whatever its size (it is the store's
    smallest part). None: the store has no incidents.
    """
    months = list(counts)
    if not months:
        return None, False
    if wanted is None:
        first, last = months[0], months[-1]
    else:
        first, last = max(wanted.first, months[0]), min(wanted.last, months[-1])
        if first > last:  # the wish lies wholly outside the store: its nearest month
            first = last = months[-1] if wanted.first > months[-1] else months[0]
    inside = [m for m in months if first <= m <= last] or [last]
    chosen: list[str] = []
    total = 0
    for month in reversed(inside):
        if chosen and total + counts.get(month, 0) > limit:
            break
        chosen.insert(0, month)
        total += counts.get(month, 0)
    period = Period(chosen[0], chosen[-1])
    cut = wanted is not None and period != wanted
    return period, cut


def period_folder(store_root: Path, period: Period, cache: Path) -> Path:
    """The period's records as a dataset folder in `cache`, exported on first use for this
    version of the manifest (another process may be exporting it too: the first rename
    wins and both read the same records)."""
    with reading(store_root):
        manifest = (store_root / "store.json").read_bytes()
        version = hashlib.sha256(manifest).hexdigest()[:16]
        target = cache / f"{store_root.name}-{version}-{period.key.replace('..', '_')}"
        if not target.exists():
            store = Store.open(store_root)
            with contextlib.suppress(FileExistsError, OSError):
                export_store(store_root, target, months=period.months(month_counts(store)))
            _prune(cache, keep=target)
    with contextlib.suppress(OSError):
        os.utime(target)  # used now: the last to be pruned
    return target


def _prune(cache: Path, keep: Path) -> None:
    """Old exports go: a store's every version and period would otherwise pile up. A
    server that loaded one holds its records in memory and does not read the folder again."""
    folders = sorted(
        (p for p in cache.iterdir() if p.is_dir() and p != keep and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in folders[KEEP_PERIODS - 1 :]:
        shutil.rmtree(old, ignore_errors=True)
