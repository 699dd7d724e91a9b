"""Many reports into a store, each drafted as an independent task on Dask.

Drafting one report is a pure function of (its bytes, its publication date, the gazetteer):
`draft_report` runs the same in this process, on an embedded `LocalCluster` (one worker per
core, the default) or on a cluster the user names. The gazetteer is opened once per worker
process (`load_gazetteer` is cached), not once per task. The client commits results to the
store in batches as they arrive, so a run stopped half-way keeps what it committed, and a
rerun skips every report whose content hash the store already holds.
"""

from __future__ import annotations

import glob
import hashlib
import itertools
import json
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pyarrow as pa

from mapview.data.storage import dump_json, write_atomic
from mapview.store.store import (
    DRAFT_TABLES,
    Store,
    article_table,
    committing,
    compact,
    create_store,
    incident_table,
    passage_table,
    place_shapes,
    place_table,
    write_parts,
)

SUFFIXES = (".txt", ".html", ".htm")
BATCH = 200  # results per commit: a killed run loses at most this many reports' work
IN_FLIGHT_PER_WORKER = 4  # tasks submitted ahead per worker
PER_TASK = 8  # reports drafted by one task


@dataclass(frozen=True)
class Report:
    """One input: where it came from, its bytes and what its sidecar says."""

    name: str
    raw: bytes
    published: date | None
    publisher: str
    url: str | None

    @property
    def digest(self) -> str:
        """The content hash a rerun compares: the bytes and the metadata that shape the draft."""
        h = hashlib.sha256(self.raw)
        h.update(f"\n{self.published}\n{self.publisher}\n{self.url}".encode())
        return h.hexdigest()


@dataclass
class RunReport:
    ingested: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    incidents: int = 0
    seconds: float = 0.0

    def lines(self) -> Iterator[str]:
        yield (
            f"{len(self.ingested)} ingested ({self.incidents} draft incidents), "
            f"{len(self.failed)} failed, {len(self.skipped)} skipped as unchanged, "
            f"in {self.seconds:.1f} s"
        )
        for name, error in self.failed:
            yield f"  failed: {name}: {error}"


def expand(paths: Iterable[str], from_list: Path | None = None) -> list[Path]:
    """Files, folders (their .txt, .html and .htm files, recursively) and globs, then the
    paths or file:// URLs of `from_list`, one per line; in order, each once."""
    wanted = list(paths)
    if from_list is not None:
        for line in from_list.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                wanted.append(unquote(urlparse(line).path) if line.startswith("file:") else line)
    out: dict[Path, None] = {}
    for item in wanted:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            found = [path]
        else:
            found = sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
            if not found:
                raise ValueError(f"{item}: no such file, folder or matching path")
        out.update(dict.fromkeys(found))
    return list(out)


def sidecar(path: Path) -> dict[str, Any]:
    """`report.html.json` beside `report.html`: {"published": "YYYY-MM-DD", "publisher": …,
    "url": …}, for reports whose page does not say."""
    side = path.with_name(path.name + ".json")
    if not side.is_file():
        return {}
    data = json.loads(side.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{side}: must be a JSON object")
    return data


def read_report(path: Path, published: date | None, publisher: str) -> Report:
    meta = sidecar(path)
    when = meta.get("published")
    try:
        day = date.fromisoformat(when) if when else published
    except ValueError:
        raise ValueError(f"{path}.json: published: {when!r} is not a date (YYYY-MM-DD)") from None
    return Report(
        str(path), path.read_bytes(), day, meta.get("publisher") or publisher, meta.get("url")
    )


def draft_report(report: Report) -> dict[str, Any]:
    """One report's draft as plain data (what crosses to the client), or its error."""
    from mapview.data.dataset import Dataset
    from mapview.ingest.drafts import IngestError, draft, read_article
    from mapview.ingest.gazetteer import load_gazetteer

    try:
        article = read_article(
            report.raw,
            report.name,
            published=report.published,
            publisher=report.publisher,
            url=report.url,
        )
        empty = Dataset(root=Path("."), articles={}, places={}, incidents=[])
        result = draft(article, empty, load_gazetteer())
    except (IngestError, ValueError) as exc:
        return {"name": report.name, "error": str(exc)}
    if not result.incidents:
        return {"name": report.name, "error": "no place found in this report"}
    from mapview.data.incidents import dump_incidents

    # The rows are built here, on the worker: the client only checks ids and writes parts,
    # so two workers on two cores are not held back by one client building every row.
    record = json.loads(article.model_dump_json(exclude_none=True))
    features = [p.to_feature() for p in result.places.values()]
    places = place_table(features, owners=[article.id] * len(features))
    shapes, points = place_shapes(places)
    incidents = dump_incidents(result.incidents)["incidents"]
    dates = {i.id: (i.date_start, i.date_end) for i in result.incidents}
    return {
        "name": report.name,
        "article": article.id,
        "incidents": len(incidents),
        "tables": {
            "drafts/articles": article_table([record], {article.id: report.digest}),
            "drafts/passages": passage_table([record]),
            "drafts/places": places,
            "drafts/incidents": incident_table(incidents, shapes, points, dates),
        },
    }


def draft_reports(reports: list[Report]) -> list[dict[str, Any]]:
    """A few reports in one task: Dask's cost per task (scheduling, messages, the client's
    bookkeeping) is then paid once for several 50-ms drafts. A report that fails in a way
    `draft_report` does not foresee fails alone."""
    out = []
    for report in reports:
        try:
            out.append(draft_report(report))
        except Exception as exc:  # a bug in one report's drafting: that report fails
            out.append({"name": report.name, "error": f"unexpected {type(exc).__name__}: {exc}"})
    return out


def known_hashes(store: Store) -> set[str]:
    con = store.connect()
    rows = con.execute(
        "SELECT source_hash FROM articles WHERE source_hash IS NOT NULL "
        "UNION SELECT source_hash FROM draft_articles WHERE source_hash IS NOT NULL"
    ).fetchall()
    return {r[0] for r in rows}


def commit_drafts(root: Path, results: list[dict[str, Any]], report: RunReport) -> None:
    """Write a batch of drafts as new parts and name them in one commit. A report whose
    article id the store already holds (reviewed or waiting) fails; the rest land."""
    with committing(root) as manifest:
        con = Store(root, manifest).connect()
        taken = {
            r[0]
            for r in con.execute(
                "SELECT id FROM articles UNION SELECT id FROM draft_articles"
            ).fetchall()
        }
        kept = []
        for result in results:
            aid = result["article"]
            if aid in taken:
                report.failed.append((result["name"], f"article {aid!r} is already in the store"))
                continue
            taken.add(aid)
            kept.append(result)
        if not kept:
            return
        for table in DRAFT_TABLES:
            rows = pa.concat_tables([r["tables"][table] for r in kept])
            manifest["tables"][table].extend(write_parts(root, table, rows))
        report.ingested.extend(r["name"] for r in kept)
        report.incidents += sum(r["incidents"] for r in kept)


def _chunks(items: Iterator[Report], size: int) -> Iterator[list[Report]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _client(scheduler: str | None, workers: int | None):  # type: ignore[no-untyped-def]
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(
        n_workers=workers or os.cpu_count() or 1,
        threads_per_worker=1,  # drafting is pure Python: one task per process and core
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    return Client(cluster)


def run(
    paths: list[str],
    store_root: Path,
    *,
    published: date | None = None,
    publisher: str = "unknown publisher",
    from_list: Path | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    batch: int = BATCH,
) -> RunReport:
    """Ingest every input into the store; a report's failure is listed, never fatal."""
    started = time.perf_counter()
    report = RunReport()
    store = create_store(store_root)
    seen = known_hashes(store)

    def reports() -> Iterator[Report]:
        """Each input read when its turn comes: a corpus of 100,000 reports is never in
        the client's memory at once."""
        for path in expand(paths, from_list):
            try:
                item = read_report(path, published, publisher)
            except (OSError, ValueError) as exc:
                report.failed.append((str(path), str(exc)))
                continue
            if item.digest in seen:
                report.skipped.append(item.name)
                continue
            seen.add(item.digest)
            yield item

    todo = reports()
    first = next(todo, None)
    if first is not None:
        from distributed import as_completed

        with _client(scheduler, workers) as client:
            # a few tasks per worker in flight: workers never wait for work, and the
            # scheduler never holds the whole corpus
            flight = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))
            names: dict[str, list[str]] = {}
            running = as_completed()

            def submit(items: list[Report]) -> None:
                future = client.submit(draft_reports, items, pure=False)
                names[future.key] = [item.name for item in items]
                running.add(future)

            chunks = _chunks(itertools.chain([first], todo), PER_TASK)
            for items in itertools.islice(chunks, flight):
                submit(items)
            done: list[dict[str, Any]] = []
            for future in running:
                try:
                    results = future.result()
                except Exception as exc:  # the task itself failed (a worker died): its reports
                    error = f"unexpected {type(exc).__name__}: {exc}"
                    results = [{"name": n, "error": error} for n in names[future.key]]
                names.pop(future.key, None)
                future.release()
                following = next(chunks, None)
                if following is not None:
                    submit(following)
                for result in results:
                    if "error" in result:
                        report.failed.append((result["name"], result["error"]))
                    else:
                        done.append(result)
                if len(done) >= batch:
                    commit_drafts(store.root, done, report)
                    done = []
            if done:
                commit_drafts(store.root, done, report)
            if not scheduler:
                client.cluster.close()
        # a batch's parts are small (one per month per batch): one part per month and table
        # keeps a large store's queries to a few files
        compact(store.root, DRAFT_TABLES)
    report.seconds = time.perf_counter() - started
    stamp = time.strftime("%Y%m%dT%H%M%S")
    write_atomic(
        store.root / "runs" / f"{stamp}-{os.getpid()}.json",
        dump_json(
            {
                "ingested": report.ingested,
                "failed": [{"file": n, "error": e} for n, e in report.failed],
                "skipped": report.skipped,
                "incidents": report.incidents,
                "seconds": round(report.seconds, 2),
            }
        ),
    )
    return report
