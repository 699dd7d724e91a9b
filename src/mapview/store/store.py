"""The store's folder, its manifest and its tables.

Layout of a store folder:

    store.json                         the manifest: format, version, each table's live parts
    articles/part-*.parquet            one row per article: columns to query, the record as JSON
    passages/part-*.parquet            one row per paragraph of an article's text
    places/part-*.parquet              GeoParquet: one row per place, its geometry as WKB
    incidents/month=YYYY-MM/*.parquet  GeoParquet: one row per incident, the place's geometry
    files/part-*.parquet               the dataset folder's other files (README, sources)
    drafts/<table>/...                 the same four tables for drafts waiting for review

A part is written whole under a new name before the manifest names it, and the manifest is
replaced atomically under the dataset's writer lock (storage.writing): a reader sees a
commit whole or not at all, a killed writer leaves only unnamed parts, swept later. Each
row keeps its record's JSON, so `export` gives back the dataset folder's records exactly;
the other columns are copies for queries.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pyproj
import shapely
from shapely.geometry import shape

from mapview.data.dataset import load_dataset
from mapview.data.storage import (
    dump_feature_collection,
    dump_json,
    dump_record_list,
    read_json,
    write_atomic,
    writing,
)

FORMAT = "mapview-store"
VERSION = 1
MANIFEST = "store.json"
TABLES = ("articles", "passages", "places", "incidents", "files")
DRAFT_TABLES = ("drafts/articles", "drafts/passages", "drafts/places", "drafts/incidents")
CRS = "OGC:CRS84"  # WGS84 in longitude, latitude order, as RFC 7946 GeoJSON
CRS84_PROJJSON = pyproj.CRS(CRS).to_json_dict()
# Record files up to this size are kept as written, so a hand-formatted dataset exports
# byte for byte; larger ones are machine-written, and a copy would double the store.
RAW_KEEP_MAX = 16_000_000
_RECORD_FILES = ("places.geojson", "incidents.json")
ROW_GROUP = 8_192  # incidents per row group: the unit a box or month query can skip
ORPHAN_AGE_S = 3600  # a part no manifest names, older than this, is a killed writer's

_STRING = pa.string()
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("id", _STRING),
            ("publisher", _STRING),
            ("published", pa.date32()),
            ("title", _STRING),
            ("url", _STRING),
            ("source_hash", _STRING),
            ("record", _STRING),
        ]
    ),
    "passages": pa.schema(
        [("article", _STRING), ("paragraph", _STRING), ("kind", _STRING), ("text", _STRING)]
    ),
    "places": pa.schema(
        [
            ("seq", pa.int64()),
            ("id", _STRING),
            ("article", _STRING),  # a draft's place: the draft it belongs to
            ("name", _STRING),
            ("kind", _STRING),
            ("country", _STRING),
            ("lon", pa.float64()),
            ("lat", pa.float64()),
            ("record", _STRING),
            ("geometry", pa.binary()),
        ]
    ),
    "incidents": pa.schema(
        [
            ("seq", pa.int64()),
            ("id", _STRING),
            ("article", _STRING),
            ("place", _STRING),
            ("title", _STRING),
            ("category", _STRING),
            ("status", _STRING),
            ("date_start", pa.date32()),
            ("date_end", pa.date32()),
            ("month", _STRING),
            ("lon", pa.float64()),
            ("lat", pa.float64()),
            ("record", _STRING),
            ("geometry", pa.binary()),
        ]
    ),
    "files": pa.schema([("path", _STRING), ("data", pa.binary())]),
}


class StoreError(ValueError):
    """A store that cannot be used as asked; the message names the folder and the cause."""


def kind_of(table: str) -> str:
    return table.rsplit("/", 1)[-1]


def view_name(table: str) -> str:
    """The table's name in SQL: `incidents`, or `draft_incidents` for a draft table."""
    return table.replace("drafts/", "draft_")


def is_store(path: Path | str) -> bool:
    return (Path(path) / MANIFEST).is_file()


# -- rows from records --------------------------------------------------------------------


def article_table(records: Iterable[dict[str, Any]], hashes: dict[str, str]) -> pa.Table:
    rows = [
        {
            "id": r["id"],
            "publisher": r.get("publisher"),
            "published": pd.Timestamp(r["published"]).date(),
            "title": r.get("title"),
            "url": r.get("url"),
            "source_hash": hashes.get(r["id"]),
            "record": json.dumps(r, ensure_ascii=False),
        }
        for r in records
    ]
    return pa.Table.from_pylist(rows, schema=SCHEMAS["articles"])


def passage_table(records: Iterable[dict[str, Any]]) -> pa.Table:
    rows = [
        {"article": r["id"], "paragraph": p["id"], "kind": p.get("kind"), "text": p["text"]}
        for r in records
        for p in r.get("paragraphs", [])
    ]
    return pa.Table.from_pylist(rows, schema=SCHEMAS["passages"])


def place_table(
    features: list[dict[str, Any]], first_seq: int = 0, owners: list[str] | None = None
) -> pa.Table:
    geoms = [shape(f["geometry"]) for f in features]
    points = shapely.point_on_surface(geoms) if geoms else []
    rows = []
    for i, (f, geom, point) in enumerate(zip(features, geoms, points, strict=True)):
        props = f.get("properties") or {}
        country = props.get("country") or []
        rows.append(
            {
                "seq": first_seq + i,
                "id": f["id"],
                "article": owners[i] if owners else None,
                "name": props.get("name"),
                "kind": props.get("kind"),
                "country": country[0] if country else None,
                "lon": point.x,
                "lat": point.y,
                "record": json.dumps(f, ensure_ascii=False),
                "geometry": shapely.to_wkb(geom),
            }
        )
    return pa.Table.from_pylist(rows, schema=SCHEMAS["places"])


def incident_table(
    records: list[dict[str, Any]],
    geometry: dict[str, bytes],
    point: dict[str, tuple[float, float]],
    dates: dict[str, tuple[date, date]],
    first_seq: int = 0,
) -> pa.Table:
    """`geometry` and `point`: each place id's WKB and a point on it (from `places`);
    `dates`: each incident's resolved dates (a record may give only the report's words)."""
    rows = []
    for i, r in enumerate(records):
        start, end = dates[r["id"]]
        lon, lat = point.get(r["place"], (None, None))
        rows.append(
            {
                "seq": first_seq + i,
                "id": r["id"],
                "article": r["article"],
                "place": r["place"],
                "title": r.get("title"),
                "category": r.get("category"),
                "status": r.get("status"),
                "date_start": start,
                "date_end": end,
                "month": f"{start:%Y-%m}",
                "lon": lon,
                "lat": lat,
                "record": json.dumps(r, ensure_ascii=False),
                "geometry": geometry.get(r["place"]),
            }
        )
    return pa.Table.from_pylist(rows, schema=SCHEMAS["incidents"])


def place_shapes(places: pa.Table) -> tuple[dict[str, bytes], dict[str, tuple[float, float]]]:
    ids = places.column("id").to_pylist()
    wkb = places.column("geometry").to_pylist()
    lon, lat = places.column("lon").to_pylist(), places.column("lat").to_pylist()
    return dict(zip(ids, wkb, strict=True)), {
        i: (x, y) for i, x, y in zip(ids, lon, lat, strict=True)
    }


# -- parts --------------------------------------------------------------------------------


# WKB geometry type codes (ISO, 2D) as GeoParquet names them
_GEOMETRY_TYPES = {
    1: "Point", 2: "LineString", 3: "Polygon", 4: "MultiPoint", 5: "MultiLineString",
    6: "MultiPolygon", 7: "GeometryCollection",
}  # fmt: skip


def geo_metadata(geometry: pa.Array | pa.ChunkedArray) -> bytes:
    """GeoParquet 1.1 `geo` metadata for a WKB column: its encoding, the geometry types it
    holds and its CRS (CRS84: longitude, latitude on WGS84, as RFC 7946 GeoJSON).

    Written beside pyarrow's own Parquet rather than by way of a GeoDataFrame: the WKB is
    already made, and the round trip through shapely objects cost the ingest client a
    fifth of its time."""
    codes = set()
    for wkb in geometry.to_pylist():
        if wkb:
            order = "little" if wkb[0] == 1 else "big"
            codes.add(int.from_bytes(wkb[1:5], order) % 1000)
    column = {
        "encoding": "WKB",
        "geometry_types": sorted(_GEOMETRY_TYPES[c] for c in codes if c in _GEOMETRY_TYPES),
        "crs": CRS84_PROJJSON,
    }
    meta = {"version": "1.1.0", "primary_column": "geometry", "columns": {"geometry": column}}
    return json.dumps(meta).encode()


def _write_parquet(path: Path, table: pa.Table, row_group_size: int | None = None) -> None:
    """A part, written whole under a name nobody lists yet; GeoParquet where it has a
    geometry column (the `geo` metadata: encoding WKB, types, CRS84)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    if "geometry" in table.column_names:
        meta = {**(table.schema.metadata or {}), b"geo": geo_metadata(table.column("geometry"))}
        table = table.replace_schema_metadata(meta)
    pq.write_table(table, tmp, row_group_size=row_group_size)
    tmp.rename(path)


def write_parts(root: Path, table: str, data: pa.Table) -> list[str]:
    """Write `data` as new parts of `table` (incidents: one per month); return their paths
    relative to the store, to be named in the manifest by a commit."""
    name = f"part-{uuid.uuid4().hex}.parquet"
    if kind_of(table) != "incidents":
        rel = f"{table}/{name}"
        _write_parquet(root / rel, data)
        return [rel]
    out = []
    months = data.column("month")
    for month in sorted(set(months.to_pylist())) or ["none"]:
        rel = f"{table}/month={month}/{name}"
        part = data.filter(pa.compute.equal(months, month)) if len(data) else data
        _write_parquet(root / rel, _by_area(part), row_group_size=ROW_GROUP)
        out.append(rel)
    return out


def _by_area(part: pa.Table) -> pa.Table:
    """Rows in bands of one degree of longitude, south to north within each: a row group
    then covers a small box, and a query for a box skips the groups whose longitude and
    latitude ranges (kept in the footer) miss it."""
    if not len(part):
        return part
    band = pc.floor(pc.fill_null(part.column("lon"), 0.0))
    order = pc.sort_indices(
        pa.table({"band": band, "lat": part.column("lat")}),
        sort_keys=[("band", "ascending"), ("lat", "ascending")],
    )
    return part.take(order)


# -- the store ----------------------------------------------------------------------------


@dataclass
class Store:
    root: Path
    manifest: dict[str, Any]

    @classmethod
    def open(cls, root: Path | str) -> Store:
        root = Path(root)
        if not root.is_dir():
            raise StoreError(f"{root}: store folder not found")
        if not is_store(root):
            raise StoreError(f"{root}: not a mapview store (no {MANIFEST})")
        manifest = read_json(root / MANIFEST)
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise StoreError(f"{root / MANIFEST}: not a mapview store manifest")
        if manifest.get("version") != VERSION:
            raise StoreError(
                f"{root / MANIFEST}: store version {manifest.get('version')!r}; this mapview "
                f"reads version {VERSION}"
            )
        return cls(root, manifest)

    def files(self, table: str, months: Iterable[str] | None = None) -> list[Path]:
        """The table's live parts; for incidents, only those of `months` if given."""
        parts = self.manifest["tables"].get(table, [])
        if months is not None:
            wanted = {f"month={m}" for m in months}
            parts = [p for p in parts if p.split("/")[-2] in wanted]
        return [self.root / p for p in parts]

    def read(self, table: str, months: Iterable[str] | None = None) -> pa.Table:
        parts = self.files(table, months)
        if not parts:
            return SCHEMAS[kind_of(table)].empty_table()
        return pa.concat_tables([pq.read_table(p, schema=SCHEMAS[kind_of(table)]) for p in parts])

    def count(self, table: str) -> int:
        return sum(pq.ParquetFile(p).metadata.num_rows for p in self.files(table))

    def connect(self) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB with one view per table over its live parts (and nothing
        else: no extension is loaded, no file but the store's is read)."""
        con = duckdb.connect(":memory:")
        for table in (*TABLES, *DRAFT_TABLES):
            con.execute(f"CREATE VIEW {view_name(table)} AS {self.relation_sql(table)}")
        return con

    def relation_sql(self, table: str, months: Iterable[str] | None = None) -> str:
        parts = self.files(table, months)
        if not parts:
            cols = ", ".join(
                f"CAST(NULL AS {_SQL_TYPES[str(f.type)]}) AS {f.name}"
                for f in SCHEMAS[kind_of(table)]
            )
            return f"SELECT {cols} WHERE false"
        listed = ", ".join("'" + str(p).replace("'", "''") + "'" for p in parts)
        return f"SELECT * FROM read_parquet([{listed}], union_by_name = true)"


_SQL_TYPES = {
    "string": "VARCHAR",
    "date32[day]": "DATE",
    "int64": "BIGINT",
    "double": "DOUBLE",
    "binary": "BLOB",
}


def _empty_manifest() -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "tables": {t: [] for t in (*TABLES, *DRAFT_TABLES)},
    }


def create_store(root: Path) -> Store:
    """A new, empty store in a new or empty folder."""
    root = Path(root)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        if is_store(root):
            return Store.open(root)
        raise StoreError(f"{root}: not a mapview store and not empty; pass a new folder")
    root.mkdir(parents=True, exist_ok=True)
    with writing(root) as tx:
        if not is_store(root):
            tx.write(root / MANIFEST, dump_json(_empty_manifest()))
            tx.commit()
    return Store.open(root)


@contextmanager
def committing(root: Path) -> Iterator[dict[str, Any]]:
    """The manifest to change, under the writer lock; replaced whole when the block ends
    without error, untouched if it raises. Parts it no longer names are then removed."""
    with writing(root) as tx:
        before = Store.open(root).manifest
        manifest = json.loads(json.dumps(before))
        yield manifest
        tx.write(root / MANIFEST, dump_json(manifest))
        tx.commit()
    named = {p for parts in manifest["tables"].values() for p in parts}
    dropped = {p for parts in before["tables"].values() for p in parts} - named
    for rel in dropped:
        (root / rel).unlink(missing_ok=True)
    _sweep_orphans(root, named)


def compact(root: Path | str, tables: Iterable[str], min_parts: int = 2) -> int:
    """Merge each table's parts into one (incidents: one per month) where there are at least
    `min_parts`, in one commit; return how many parts were merged. Each ingest batch and
    each accept adds small parts, and a query opens every part it may need."""
    root, merged = Path(root), 0
    with committing(root) as manifest:
        for table in tables:
            groups: dict[str, list[str]] = {}
            for rel in manifest["tables"].get(table, []):
                month = rel.split("/")[-2] if kind_of(table) == "incidents" else ""
                groups.setdefault(month, []).append(rel)
            kept: list[str] = []
            for parts in groups.values():
                if len(parts) < min_parts:
                    kept.extend(parts)
                    continue
                schema = SCHEMAS[kind_of(table)]
                data = pa.concat_tables([pq.read_table(root / p, schema=schema) for p in parts])
                kept.extend(write_parts(root, table, data))
                merged += len(parts)
            manifest["tables"][table] = kept
    return merged


def _sweep_orphans(root: Path, named: set[str]) -> None:
    """Parts no manifest names, left by a writer killed before its commit."""
    now = time.time()
    for path in root.glob("**/*.parquet*"):
        rel = path.relative_to(root).as_posix()
        if rel not in named and now - path.stat().st_mtime > ORPHAN_AGE_S:
            path.unlink(missing_ok=True)


# -- build and export ---------------------------------------------------------------------


def build_store(data: Path | str, store: Path | str) -> Store:
    """The JSON dataset folder `data` as a new store at `store` (a new or empty folder).

    The folder is validated first (load_dataset): a store is built from a dataset that
    loads, never from a broken one. The store is made in a temporary folder beside the
    target and renamed into place, so no half-built store is ever seen.
    """
    data, store = Path(data), Path(store)
    dataset = load_dataset(data)  # DataError naming file, record and field if anything is wrong
    dates = {r.id: (r.date_start, r.date_end) for r in dataset.incidents}
    if store.exists() and (not store.is_dir() or any(store.iterdir())):
        raise StoreError(f"{store}: already exists and is not empty; pass a new folder")
    store.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{store.name}.", suffix=".tmpdir", dir=store.parent))
    try:
        articles = [read_json(p) for p in sorted((data / "articles").glob("*.json"))]
        features = read_json(data / "places.geojson")["features"]
        incidents = read_json(data / "incidents.json")["incidents"]
        others = {
            p.relative_to(data).as_posix(): p.read_bytes()
            for p in sorted(data.rglob("*"))
            if p.is_file()
            and p.relative_to(data).parts[0] not in ("articles", "drafts")
            and not p.name.startswith(".mapview-")
            and not (p.name in _RECORD_FILES and p.stat().st_size > RAW_KEEP_MAX)
        }
        places = place_table(features)
        geometry, point = place_shapes(places)
        manifest = _empty_manifest()
        tables = {
            "articles": article_table(articles, {}),
            "passages": passage_table(articles),
            "places": places,
            "incidents": incident_table(incidents, geometry, point, dates),
            "files": pa.Table.from_pylist(
                [{"path": k, "data": v} for k, v in others.items()], schema=SCHEMAS["files"]
            ),
        }
        for table, rows in tables.items():
            manifest["tables"][table] = write_parts(tmp, table, rows)
        write_atomic(tmp / MANIFEST, dump_json(manifest))
        if store.exists():
            store.rmdir()
        tmp.rename(store)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Store.open(store)


def _records(table: pa.Table) -> list[dict[str, Any]]:
    if "seq" in table.column_names:
        table = table.sort_by("seq")
    return [json.loads(r) for r in table.column("record").to_pylist()]


def _unchanged(original: bytes | None, key: str, records: list[dict[str, Any]]) -> bytes | None:
    if original is None:
        return None
    try:
        same = json.loads(original).get(key) == records
    except (ValueError, AttributeError):
        return None
    return original if same else None


def export_store(store: Path | str, data: Path | str, months: Iterable[str] | None = None) -> Path:
    """The store's reviewed records as a JSON dataset folder at `data` (new or empty),
    written in a temporary folder and renamed into place, then validated.

    `months`: only the incidents that began in those months (YYYY-MM), with the places and
    articles they name: a period of a large store (period.py).
    """
    source, data = Store.open(store), Path(data)
    if data.exists() and (not data.is_dir() or any(data.iterdir())):
        raise StoreError(f"{data}: already exists and is not empty; pass a new folder")
    data.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{data.name}.", suffix=".tmpdir", dir=data.parent))
    try:
        incident_rows = source.read("incidents", months)
        place_rows, article_rows = source.read("places"), source.read("articles")
        if months is not None:
            place_rows = place_rows.filter(
                pc.is_in(place_rows.column("id"), incident_rows.column("place").unique())
            )
            article_rows = article_rows.filter(
                pc.is_in(article_rows.column("id"), incident_rows.column("article").unique())
            )
        articles = sorted(_records(article_rows), key=lambda r: r["id"])
        (tmp / "articles").mkdir()
        for record in articles:
            write_atomic(tmp / "articles" / f"{record['id']}.json", dump_json(record))
        files = source.read("files")
        paths, blobs = files.column("path").to_pylist(), files.column("data").to_pylist()
        kept = dict(zip(paths, blobs, strict=True))
        if months is not None:  # a part of the records: the folder's own copies do not fit
            for name in _RECORD_FILES:
                kept.pop(name, None)
        # The folder's own files as they were built, where the records are still the same:
        # a hand-formatted incidents.json comes back byte for byte, not re-indented.
        features = _records(place_rows)
        write_atomic(
            tmp / "places.geojson",
            _unchanged(kept.pop("places.geojson", None), "features", features)
            or dump_feature_collection(features),
        )
        incidents = _records(incident_rows)
        write_atomic(
            tmp / "incidents.json",
            _unchanged(kept.pop("incidents.json", None), "incidents", incidents)
            or dump_record_list("incidents", incidents),
        )
        for rel, blob in kept.items():
            target = (tmp / rel).resolve()
            if tmp.resolve() not in target.parents:
                raise StoreError(f"{source.root}: file path {rel!r} leaves the dataset folder")
            write_atomic(target, blob)
        load_dataset(tmp)
        if data.exists():
            data.rmdir()
        tmp.rename(data)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return data
