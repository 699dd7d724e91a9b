"""The `mapview` command: check, export and rebuild datasets from a shell.

Bad input ends in one line per problem and exit status 1, never a traceback: the people
running this fix data files, and a stack trace tells them nothing about which record.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from mapview.data.article import SLUG
from mapview.data.dataset import DEFAULT_DATA, writable_data_dir
from mapview.data.errors import DataError
from mapview.data.storage import StorageError


def _cmd_validate(args: argparse.Namespace) -> int:
    from mapview.data.dataset import load_dataset

    dataset = load_dataset(args.dir)
    print(
        f"{dataset.root}: ok: {len(dataset.articles)} article(s), {len(dataset.places)} "
        f"place(s), {len(dataset.incidents)} incident(s)"
    )
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from mapview.data.dataset import load_dataset
    from mapview.data.export import export
    from mapview.data.storage import write_atomic

    dataset = load_dataset(args.data)
    if args.output not in (None, "-"):
        refuse_dataset_file(Path(args.output), dataset.root)
    text = export(dataset, dataset.incidents, args.format)
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        write_atomic(Path(args.output), text)
        print(f"wrote {len(dataset.incidents)} incident(s) to {args.output}", file=sys.stderr)
    return 0


DATASET_PARTS = ("incidents.json", "places.geojson", "articles", "drafts")


def refuse_dataset_file(output: Path, root: Path) -> None:
    """An export never lands on a file the dataset is made of (or inside its folders)."""
    out, base = output.resolve(), root.resolve()
    if not out.is_relative_to(base) or out == base:
        return
    first = out.relative_to(base).parts[0]
    if first in DATASET_PARTS or first.startswith(".mapview-"):
        raise ValueError(f"{output} is part of the dataset itself; write the export elsewhere")


def _cmd_seed(args: argparse.Namespace) -> int:
    from mapview.data.dataset import load_dataset
    from mapview.data.seed import rebuild

    rebuild(Path(args.dir))
    load_dataset(args.dir)
    print(f"{args.dir}: seed article and derived region rebuilt")
    return 0


def _cmd_assets(args: argparse.Namespace) -> int:
    from mapview.dashboard.assets import install_assets

    root = install_assets(Path(args.static))
    print(f"offline assets ready in {root}")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from mapview.dashboard.serve import serve

    data = Path(args.data) if args.data else None
    if data is not None and not data.exists():
        raise ValueError(f"{data}: dataset folder not found")
    serve(data, args.port, args.address)
    return 0  # not reached: the server replaces this process


def _cmd_store(args: argparse.Namespace) -> int:
    from mapview.store import build_store, export_store

    if args.action == "build":
        store = build_store(Path(args.data), Path(args.store))
        counts = ", ".join(f"{store.count(t)} {t}" for t in ("articles", "places", "incidents"))
        print(f"{store.root}: store built from {args.data}: {counts}")
    else:
        target = export_store(Path(args.store), Path(args.data))
        print(f"{target}: dataset exported from {args.store}")
    return 0


def _cmd_query(args: argparse.Namespace) -> int:
    import csv

    import duckdb

    from mapview.store import Store

    con = Store.open(Path(args.store)).connect()
    try:
        result = con.execute(args.sql)
    except duckdb.Error as exc:
        raise ValueError(f"query failed: {exc}") from None
    writer = csv.writer(sys.stdout, lineterminator="\n")
    if result.description is None:
        return 0
    writer.writerow([d[0] for d in result.description])
    while rows := result.fetchmany(10_000):
        writer.writerows(rows)
    return 0


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: use YYYY-MM-DD") from exc


def _article_id(text: str) -> str:
    if not re.fullmatch(SLUG, text) or len(text) > 80:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an article id: use up to 80 lower-case letters, digits and -"
        )
    return text


def _cmd_ingest(args: argparse.Namespace) -> int:
    from mapview.ingest import ingest, write_draft

    if args.store:
        return _ingest_to_store(args)
    if args.from_list or len(args.article) != 1:
        raise ValueError("several reports go into a store: pass --store STORE")
    if args.scheduler or args.workers:
        raise ValueError("--scheduler and --workers run a corpus into a store: pass --store")
    args.article = args.article[0]
    if args.article == "-":
        raw, name = sys.stdin.buffer.read(), "<stdin>"
    else:
        path = Path(args.article)
        if not path.is_file():
            raise ValueError(f"{path}: no such file")
        raw, name = path.read_bytes(), str(path)
    root = Path(args.data) if args.data else writable_data_dir()
    result = ingest(
        raw,
        name,
        published=args.published,
        root=root,
        article_id=args.id,
        title=args.title,
        publisher=args.publisher,
        url=args.url,
    )
    target = write_draft(root, result, replace=args.replace)
    print(
        f"{target}: {len(result.incidents)} draft incident(s), {len(result.places)} new place(s); "
        f"review, then `mapview accept {result.article.id}`"
    )
    for inc in result.incidents:
        print(f"  {inc.id}: {inc.place} {inc.date_text!r} ({inc.confidence}) {inc.title[:70]}")
    return 0


def _ingest_to_store(args: argparse.Namespace) -> int:
    from mapview.store.ingest import run

    if "-" in args.article:
        raise ValueError("a store reads files, folders and globs, not standard input")
    if args.workers is not None and args.workers < 1:
        raise ValueError("--workers must be at least 1")
    report = run(
        args.article,
        Path(args.store),
        published=args.published,
        publisher=args.publisher,
        from_list=Path(args.from_list) if args.from_list else None,
        scheduler=args.scheduler,
        workers=args.workers,
    )
    print(f"{args.store}: " + "\n".join(report.lines()))
    return 1 if report.failed and not report.ingested and not report.skipped else 0


def _cmd_accept(args: argparse.Namespace) -> int:
    from mapview.ingest import accept
    from mapview.ingest.drafts import pending_drafts

    if args.store:
        from mapview.data.errors import DataError
        from mapview.store.review import accept_all

        if not args.all or args.article_id or args.reviewer:
            raise ValueError("a store's drafts are accepted together: pass --all alone")
        result = accept_all(Path(args.store))
        print(
            f"{args.store}: accepted {len(result.accepted)} draft(s): {result.incidents} "
            f"incident(s), {result.places} new place(s); {len(result.waiting)} still waiting"
        )
        if result.problems:
            raise DataError(result.problems)
        return 0

    root = Path(args.data) if args.data else writable_data_dir()
    if args.all == bool(args.article_id):
        raise ValueError("name one draft id, or pass --all")
    ids = pending_drafts(root) if args.all else [args.article_id]
    if not ids:
        print(f"{root}: no drafts waiting")
        return 0
    reviewer = None
    if args.reviewer is not None:
        from mapview.data.incidents import Reviewed

        name = args.reviewer.strip()
        if not name or len(name) > 80:
            raise ValueError("--reviewer takes your name (1-80 characters)")
        reviewer = Reviewed(by=name, on=date.today())
    for article_id in ids:
        done = accept(root, article_id, reviewer)
        if done.already:
            print(f"{article_id}: already accepted (an interrupted accept was finished)")
        else:
            print(
                f"accepted {article_id}: {done.incidents} incident(s), {done.places} new place(s)"
            )
    return 0


def _cmd_gazetteer(args: argparse.Namespace) -> int:
    from mapview.ingest import local_places
    from mapview.ingest.gazetteer import cache_dir, place_ids

    cache = cache_dir()
    if args.action == "add":
        if not args.files:
            raise ValueError("name one or more GeoNames country files (NE.zip, NE.txt)")
        for added in local_places.add_dumps(cache, [Path(f) for f in args.files], place_ids()):
            print(
                f"{added.file}: {added.kept} place(s) added, {added.already} already known, "
                f"{added.ignored} of other kinds left out"
            )
        return 0
    if args.files:
        raise ValueError(f"`mapview gazetteer {args.action}` takes no files")
    if args.action == "clear":
        gone = local_places.clear(cache)
        print("added places removed" if gone else "no added places")
        return 0
    rows = local_places.sources(cache)
    for file, count in rows:
        print(f"{file}: {count} place(s)")
    if not rows:
        print("no added places: the gazetteer is GeoNames' places of 500+ people and regions")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mapview", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check a dataset folder")
    p.add_argument("dir", nargs="?", default=None, help="dataset folder (default: embedded)")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("export", help="export incidents as GeoJSON, CSV or KML")
    p.add_argument("--format", "-f", choices=["geojson", "csv", "kml"], default="geojson")
    p.add_argument("--data", default=None, help="dataset folder (default: embedded)")
    p.add_argument("-o", "--output", default=None, help="output file; '-' or none for stdout")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("seed", help="rebuild the seed article and derived region from sources")
    p.add_argument("dir", nargs="?", default=str(DEFAULT_DATA))
    p.set_defaults(func=_cmd_seed)

    p = sub.add_parser(
        "assets", help="copy the map's scripts and basemap into static/ for offline use"
    )
    p.add_argument("--static", default="static", help="folder Streamlit serves (default: static)")
    p.set_defaults(func=_cmd_assets)
    p = sub.add_parser(
        "serve",
        help="start the dashboard (from any folder; assets and settings come with mapview)",
    )
    p.add_argument(
        "--data", default=None, help="dataset folder (default: $MAPVIEW_DATA or embedded)"
    )
    p.add_argument("--port", type=int, default=None, help="port (default: 8501)")
    p.add_argument(
        "--address",
        default=None,
        help="address to listen on (default: 0.0.0.0, the local network; 127.0.0.1 for "
        "this machine only)",
    )
    p.set_defaults(func=_cmd_serve)
    p = sub.add_parser("ingest", help="draft incidents from a new article (text, HTML or -)")
    p.add_argument(
        "article",
        nargs="+",
        help="plain-text or HTML file, or - for standard input; with --store, any number of "
        "files, folders and globs",
    )
    p.add_argument(
        "--store",
        default=None,
        help="draft into this store (made if new): reports run as tasks on Dask, a run "
        "report lists what failed, reports already in the store are skipped",
    )
    p.add_argument("--from-list", default=None, help="with --store: a file of paths, one per line")
    p.add_argument(
        "--scheduler", default=None, help="with --store: a Dask cluster, tcp://HOST:PORT"
    )
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        help="with --store: local worker processes (default: one per core)",
    )
    p.add_argument(
        "--published",
        type=_iso_date,
        default=None,
        help="publication date, YYYY-MM-DD (required unless the HTML page has one)",
    )
    p.add_argument(
        "--data", default=None, help="dataset folder (default: $MAPVIEW_DATA or embedded)"
    )
    p.add_argument(
        "--id",
        type=_article_id,
        default=None,
        help="article id (default: from publisher, date, title)",
    )
    p.add_argument("--title", default=None)
    p.add_argument("--publisher", "--source", dest="publisher", default="unknown publisher")
    p.add_argument("--url", default=None)
    p.add_argument("--replace", action="store_true", help="replace an existing draft")
    p.set_defaults(func=_cmd_ingest)

    p = sub.add_parser(
        "gazetteer",
        help="add the villages, camps and sites of a GeoNames country file to the gazetteer",
        description="add: read GeoNames country files (NE.zip or NE.txt from "
        "https://download.geonames.org/export/dump/) into the gazetteer, for places too "
        "small for the shipped one; list: the files added; clear: remove them all.",
    )
    p.add_argument("action", choices=["add", "list", "clear"])
    p.add_argument("files", nargs="*", help="GeoNames country files (add only)")
    p.set_defaults(func=_cmd_gazetteer)

    p = sub.add_parser(
        "store",
        help="turn a dataset folder into a columnar store (GeoParquet) and back",
        description="build: a new store from a dataset folder; export: a new dataset folder "
        "from a store (the same records, the folder's files byte for byte where unchanged).",
    )
    p.add_argument("action", choices=["build", "export"])
    p.add_argument("--data", required=True, help="the dataset folder (export: a new folder)")
    p.add_argument("--store", required=True, help="the store folder (build: a new folder)")
    p.set_defaults(func=_cmd_store)

    p = sub.add_parser(
        "query",
        help="SQL over a store with DuckDB, CSV on stdout",
        description="Tables: incidents, places, passages, articles, files, and draft_incidents, "
        "draft_places, draft_passages, draft_articles for drafts waiting for review. Geometry "
        "is WKB; lon and lat are a point on each place.",
    )
    p.add_argument("sql", help='e.g. "SELECT month, count(*) FROM incidents GROUP BY 1"')
    p.add_argument("--store", required=True, help="the store folder")
    p.set_defaults(func=_cmd_query)

    p = sub.add_parser("accept", help="merge reviewed drafts into the dataset")
    p.add_argument("article_id", nargs="?", default=None, help="the draft to accept")
    p.add_argument("--all", action="store_true", help="accept every waiting draft, in id order")
    p.add_argument("--store", default=None, help="accept the drafts waiting in this store")
    p.add_argument(
        "--reviewer",
        default=None,
        help="your name: each incident records who reviewed it and when (every incident "
        "then needs a status other than 'unreviewed')",
    )
    p.add_argument(
        "--data", default=None, help="dataset folder (default: $MAPVIEW_DATA or embedded)"
    )
    p.set_defaults(func=_cmd_accept)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except (OSError, ValueError, StorageError) as exc:
        print(f"mapview {args.command}: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug, or input no check foresaw: one line, detail on request
        if os.environ.get("MAPVIEW_DEBUG"):
            raise
        print(
            f"mapview {args.command}: unexpected {type(exc).__name__}: {exc} "
            "(set MAPVIEW_DEBUG=1 to see the traceback)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
