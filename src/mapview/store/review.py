"""Accepting a store's drafts: the JSON dataset's rules (each draft validated whole, lands
whole or stays waiting; one commit under the writer lock) over GeoParquet parts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import shapely
from pydantic import ValidationError

from mapview.data.article import Article
from mapview.data.errors import Problem
from mapview.data.incidents import Incident, complete
from mapview.data.places import Place, place_from_feature
from mapview.store.store import (
    DRAFT_TABLES,
    TABLES,
    Store,
    article_table,
    committing,
    compact,
    incident_table,
    place_shapes,
    place_table,
    write_parts,
)

COMPACT_AFTER = 8  # parts of one table (and month) before an accept merges them


@dataclass
class AcceptReport:
    accepted: list[str] = field(default_factory=list)
    incidents: int = 0
    places: int = 0
    problems: list[Problem] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)


def _place(feature: dict[str, Any], where: str) -> Place:
    # the country check (Natural Earth's polygons, 60 MB) is the JSON accept's; a store's
    # drafts come from the gazetteer, whose countries are its own
    place, problems = place_from_feature(feature, where, 0, countries=False)
    if place is None:
        raise ValueError("; ".join(str(p) for p in problems))
    return place


def accept_all(root: Path) -> AcceptReport:
    """Every draft waiting in the store, in article id order. A draft with a problem stays
    waiting (its problems name the draft and the record); the others land in one commit."""
    report = AcceptReport()
    with committing(Path(root)) as manifest:
        store = Store(Path(root), manifest)
        drafts = {t: store.read(t) for t in DRAFT_TABLES}
        if len(drafts["drafts/articles"]) == 0:
            return report
        places = store.read("places")
        known = dict(
            zip(places.column("id").to_pylist(), places.column("record").to_pylist(), strict=True)
        )
        known_wkb = dict(
            zip(places.column("id").to_pylist(), places.column("geometry").to_pylist(), strict=True)
        )
        by_geonames = {
            json.loads(r)["properties"].get("geonames_id"): pid for pid, r in known.items()
        }
        by_geonames.pop(None, None)
        con = store.connect()
        taken_incidents = {r[0] for r in con.execute("SELECT id FROM incidents").fetchall()}
        taken_articles = {r[0] for r in con.execute("SELECT id FROM articles").fetchall()}
        seq_places = con.execute("SELECT coalesce(max(seq) + 1, 0) FROM places").fetchone()[0]
        seq_incidents = con.execute("SELECT coalesce(max(seq) + 1, 0) FROM incidents").fetchone()[0]

        art = drafts["drafts/articles"]
        draft_places = drafts["drafts/places"]
        draft_incidents = drafts["drafts/incidents"]
        new_articles, hashes, new_features, new_incidents = [], {}, [], []
        shapes: dict[str, bytes] = {}
        dates: dict[str, tuple[Any, Any]] = {}
        accepted_ids: list[str] = []
        for i in sorted(range(len(art)), key=lambda k: art.column("id")[k].as_py()):
            aid = art.column("id")[i].as_py()
            where = f"{store.root}: draft {aid}"
            problems: list[Problem] = []
            record = json.loads(art.column("record")[i].as_py())
            try:
                article = Article.model_validate(record)
            except ValidationError as exc:
                report.problems.append(Problem(where, aid, "article", str(exc).splitlines()[0]))
                report.waiting.append(aid)
                continue
            if aid in taken_articles:
                problems.append(Problem(where, aid, "id", "an article with this id is accepted"))
            mine = draft_places.filter(pc.equal(draft_places.column("article"), aid))
            mapping: dict[str, str] = {}
            adding: list[dict[str, Any]] = []
            for feature_text, wkb in zip(
                mine.column("record").to_pylist(), mine.column("geometry").to_pylist(), strict=True
            ):
                feature = json.loads(feature_text)
                pid, gid = feature["id"], feature["properties"].get("geonames_id")
                if pid in known and shapely.from_wkb(known_wkb[pid]).equals(shapely.from_wkb(wkb)):
                    mapping[pid] = pid  # the same place, already in the store
                elif gid is not None and gid in by_geonames:
                    mapping[pid] = by_geonames[gid]
                else:
                    new_id, n = pid, 2
                    while new_id in known:
                        new_id, n = f"{pid}-{n}", n + 1
                    mapping[pid] = new_id
                    feature = {**feature, "id": new_id}
                    adding.append(feature)
                    known[new_id] = json.dumps(feature)
                    known_wkb[new_id] = wkb
                    if gid is not None:
                        by_geonames[gid] = new_id
            incidents = draft_incidents.filter(pc.equal(draft_incidents.column("article"), aid))
            records = []
            for text in incidents.column("record").to_pylist():
                inc = json.loads(text)
                inc["place"] = mapping.get(inc["place"], inc["place"])
                if inc["id"] in taken_incidents:
                    problems.append(Problem(where, inc["id"], "id", "already in the store"))
                try:
                    checked = Incident.model_validate(inc)
                    place_id = inc["place"]
                    here = {place_id: _place(json.loads(known[place_id]), where)}
                    problems.extend(complete(checked, article, here, where))
                except (ValidationError, ValueError, KeyError) as exc:
                    problems.append(Problem(where, inc["id"], "record", str(exc).splitlines()[0]))
                    continue
                dates[inc["id"]] = (checked.date_start, checked.date_end)
                records.append(inc)
            if problems:
                report.problems.extend(problems)
                report.waiting.append(aid)
                for feature in adding:  # not landing: free its ids again
                    known.pop(feature["id"], None)
                continue
            accepted_ids.append(aid)
            taken_articles.add(aid)
            taken_incidents.update(r["id"] for r in records)
            new_articles.append(record)
            hashes[aid] = art.column("source_hash")[i].as_py()
            new_features.extend(adding)
            new_incidents.extend(records)
            report.incidents += len(records)
            report.places += len(adding)
        new_places = place_table(new_features, first_seq=seq_places)
        _, points = place_shapes(places)  # each place's point, as the store keeps it
        points.update(place_shapes(new_places)[1])
        for pid in {r["place"] for r in new_incidents}:
            shapes[pid] = known_wkb[pid]
        if accepted_ids:
            tables: dict[str, pa.Table] = {
                "articles": article_table(new_articles, hashes),
                "passages": drafts["drafts/passages"].filter(
                    pc.is_in(drafts["drafts/passages"].column("article"), pa.array(accepted_ids))
                ),
                "places": new_places,
                "incidents": incident_table(new_incidents, shapes, points, dates, seq_incidents),
            }
            for table, rows in tables.items():
                if len(rows):
                    manifest["tables"][table].extend(write_parts(store.root, table, rows))
            # the drafts that stay, written again without the accepted ones
            gone = pa.array(accepted_ids)
            for table in DRAFT_TABLES:
                key = "id" if table == "drafts/articles" else "article"
                rest = drafts[table].filter(pc.invert(pc.is_in(drafts[table].column(key), gone)))
                manifest["tables"][table] = (
                    write_parts(store.root, table, rest) if len(rest) else []
                )
        report.accepted = accepted_ids
    if report.accepted:  # each accept adds a part per table and month: merge the many
        compact(Path(root), TABLES, min_parts=COMPACT_AFTER)
    return report
