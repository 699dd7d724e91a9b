"""The columnar store: a corpus's articles, passages, places and incidents as GeoParquet,
queried with DuckDB.

A folder of JSON files is the reviewed, human-editable form of a dataset, loaded whole. A
newsroom's archive (millions of incidents) needs files an engine can read in part: the
store keeps each table as Parquet parts (incidents partitioned by the month they began),
lists the live parts in one manifest replaced atomically under the dataset's writer lock,
and leaves the queries to DuckDB. `mapview store build` and `mapview store export` turn
one form into the other without loss.
"""

from mapview.store.store import (
    DRAFT_TABLES,
    TABLES,
    Store,
    StoreError,
    build_store,
    export_store,
    is_store,
)

__all__ = [
    "DRAFT_TABLES",
    "TABLES",
    "Store",
    "StoreError",
    "build_store",
    "export_store",
    "is_store",
]
