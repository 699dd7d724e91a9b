"""Reviewing a draft: the edits a reviewer makes between `ingest` and `accept`.

The review page calls these; they know nothing of Streamlit. Every edit loads the draft
under the dataset's writer lock, applies one change, checks every incident with the same
rules as `mapview validate` and `accept`, and writes the draft's files together or not at
all. A change that breaks a rule is refused with the problem, and the draft stays as it was.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import shapely
from pydantic import ValidationError

from mapview.data.article import Article, dump_article, load_article
from mapview.data.dataset import load_dataset
from mapview.data.errors import DataError, Problem
from mapview.data.incidents import (
    STATUSES,
    Incident,
    Passage,
    complete,
    dump_incidents,
    load_incidents,
)
from mapview.data.places import Place, load_places, position_text
from mapview.data.storage import dump_feature_collection, dump_json, reading, writing
from mapview.ingest.drafts import (
    CANDIDATES,
    IngestError,
    candidate_record,
    categorise,
    drafts_dir,
    place_for,
    slug,
)
from mapview.ingest.gazetteer import Candidate, Gazetteer
from mapview.ingest.mentions import Mention

MANUAL_SOURCE = "Placed by a reviewer on the review page"


@dataclass
class DraftView:
    """A draft as the reviewer sees it; `options` are the namesakes the resolver weighed
    for each drafted place, as candidates.json keeps them."""

    article: Article
    places: dict[str, Place]  # the draft's new places
    incidents: list[Incident]
    options: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    known: dict[str, Place] = field(default_factory=dict)  # the dataset's places

    def place(self, place_id: str) -> Place | None:
        return self.places.get(place_id) or self.known.get(place_id)

    def incident(self, incident_id: str) -> Incident:
        for incident in self.incidents:
            if incident.id == incident_id:
                return incident
        raise IngestError(f"no incident {incident_id!r} in this draft")


def _files(root: Path, article_id: str) -> tuple[Path, Path, Path, Path]:
    folder = drafts_dir(root, article_id)
    return (
        folder / "article.json",
        folder / "places.geojson",
        folder / "incidents.json",
        folder / CANDIDATES,
    )


def load_draft(root: Path, article_id: str) -> DraftView:
    """The draft as it stands: read under the dataset's read lock, so never half of an
    edit that is landing."""
    root = Path(root)
    with reading(root):
        return _read_draft(root, article_id)


def _read_draft(root: Path, article_id: str) -> DraftView:
    art, places_file, inc_file, cand_file = _files(root, article_id)
    if not art.is_file():
        raise IngestError(f"no draft {article_id!r} waiting in this dataset")
    options = json.loads(cand_file.read_text(encoding="utf-8")) if cand_file.exists() else {}
    return DraftView(
        load_article(art),
        load_places(places_file) if places_file.exists() else {},
        load_incidents(inc_file),
        options,
        load_dataset(root).places,
    )


def edit_draft(root: Path, article_id: str, change: Callable[[DraftView], None]) -> DraftView:
    """Apply `change` to the draft, check it whole, and save it whole."""
    root = Path(root)
    with writing(root) as tx:
        view = _read_draft(root, article_id)  # the writer lock keeps commits out
        change(view)
        _drop_unused_places(view)
        problems: list[Problem] = []
        merged = {**view.known, **view.places}
        for incident in view.incidents:
            checked = incident.model_copy(deep=True)
            problems.extend(complete(checked, view.article, merged, f"draft {article_id}"))
        ids = [i.id for i in view.incidents]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            problems.append(Problem(f"draft {article_id}", dup, "id", "two incidents share it"))
        if problems:
            raise DataError(problems)
        art, places_file, inc_file, cand_file = _files(root, article_id)
        tx.write(art, dump_article(view.article))
        tx.write(
            places_file, dump_feature_collection([p.to_feature() for p in view.places.values()])
        )
        tx.write(inc_file, dump_json(dump_incidents(view.incidents)))
        tx.write(cand_file, dump_json(view.options))
        tx.commit()
    return view


def _drop_unused_places(view: DraftView) -> None:
    used = {i.place for i in view.incidents}
    for pid in [p for p in view.places if p not in used]:
        del view.places[pid]


def option_label(option: dict[str, Any]) -> str:
    where = option.get("country") or "no country"
    pop = f", population {option['population']:,}" if option.get("population") else ""
    at = position_text(option["lat"], option["lon"], 3)
    return f"{option['name']} ({option['kind']}, {where}{pop}; {at})"


def is_current(view: DraftView, incident: Incident, option: dict[str, Any]) -> bool:
    place = view.place(incident.place)
    if place is None:
        return False
    if option.get("place_id"):
        return option["place_id"] == place.id
    if option.get("geonames_id") is not None and option["kind"] not in ("feature", "site"):
        return place.geonames_id == option["geonames_id"]
    return place.name == option["name"] and place.geonames_id is None


def choose_option(view: DraftView, incident_id: str, index: int, gaz: Gazetteer) -> None:
    """Make the incident's place the namesake `index` of its place's options."""
    incident = view.incident(incident_id)
    options = view.options.get(incident.place, [])
    if not 0 <= index < len(options):
        raise IngestError(f"incident {incident_id!r} has no place option {index}")
    option = options[index]
    if option.get("place_id"):
        new = view.known.get(option["place_id"])
        if new is None:
            raise IngestError(f"place {option['place_id']!r} is no longer in the dataset")
    else:
        record = {
            k: v for k, v in option.items() if k not in ("score", "why", "place_id", "current")
        }
        candidate = Candidate(**record)
        mention = Mention(
            incident.passages[0].paragraph,
            0,
            0,
            candidate.name,
            candidate,
            1.0,
            f"chosen by the reviewer among the namesakes ({option.get('why', '')})",
        )
        new = place_for(mention, gaz, view.known, view.places)
        new.note = (
            f"Chosen by a reviewer from the namesakes mapview weighed: {option_label(option)}"
        )
    view.options.setdefault(new.id, options)
    incident.place = new.id


def search_options(gaz: Gazetteer, text: str, limit: int = 12) -> list[dict[str, Any]]:
    """Gazetteer places whose name or alternate name is `text`, most populous first."""
    from mapview.ingest.gazetteer import fold

    found = sorted(gaz.lookup(fold(text)), key=lambda c: -c.population)[:limit]
    return [candidate_record(c, 0.0, "found by the reviewer's search") for c in found]


def add_option(view: DraftView, incident_id: str, option: dict[str, Any]) -> int:
    """Put a searched place among the incident's options; its index."""
    incident = view.incident(incident_id)
    options = view.options.setdefault(incident.place, [])
    options.append(option)
    return len(options) - 1


def place_point(
    view: DraftView, incident_id: str, name: str, lat: float, lon: float, source: str
) -> None:
    """A place the gazetteer lacks, dropped on the map by the reviewer with a source note."""
    name, source = name.strip(), source.strip()
    if not name:
        raise IngestError("the new place needs a name")
    if not source:
        raise IngestError("say where the position comes from (a map, a report, a source)")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise IngestError(f"{lat}, {lon} is not a position on Earth")
    incident = view.incident(incident_id)
    pid = slug(name) or "place"
    while pid in view.known or pid in view.places:
        pid = f"{pid}-x"
    view.places[pid] = Place(
        id=pid,
        name=name,
        kind="village",
        source=f"{MANUAL_SOURCE}: {source}",
        note="Position set by hand during review.",
        geometry=shapely.Point(round(lon, 6), round(lat, 6)),
    )
    view.options.setdefault(pid, view.options.get(incident.place, []))
    incident.place = pid


def set_dates(view: DraftView, incident_id: str, start: date, end: date) -> None:
    if end < start:
        raise IngestError(f"the end {end} is before the start {start}")
    incident = view.incident(incident_id)
    incident.date_start, incident.date_end = start, end
    incident.date_precision = _precision(start, end)
    incident.ongoing = False


def _precision(start: date, end: date) -> str:
    last = calendar.monthrange(start.year, start.month)[1]
    if start.day == 1 and end == start.replace(day=last):
        return "month"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return "year"
    return "day"


def set_fields(view: DraftView, incident_id: str, **values: Any) -> None:
    """Category, status, source, title or actors, each checked by the model."""
    incident = view.incident(incident_id)
    if "status" in values and values["status"] not in STATUSES:
        raise IngestError(f"unknown status {values['status']!r}")
    data = incident.model_dump()
    data.update(values)
    try:
        updated = Incident.model_validate(data)
    except ValidationError as exc:
        raise IngestError(
            "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        ) from None
    for key in values:
        setattr(incident, key, getattr(updated, key))


def reject(view: DraftView, incident_id: str) -> None:
    view.incidents.remove(view.incident(incident_id))


def add_from_passage(view: DraftView, paragraph: str, text: str, place_id: str) -> str:
    """A new incident for words the reviewer selected in the article; its id."""
    para = view.article.paragraph(paragraph)
    if para is None:
        raise IngestError(f"no paragraph {paragraph!r} in the article")
    text = text.strip()
    if not text or text not in para.text:
        raise IngestError("the passage must be words copied from that paragraph")
    n = 1 + len(view.incidents)
    taken = {i.id for i in view.incidents}
    while f"{view.article.id}-r{n}" in taken:
        n += 1
    ident = f"{view.article.id}-r{n}"
    view.incidents.append(
        Incident(
            id=ident,
            title=text[:120],
            category=categorise(text),  # type: ignore[arg-type]
            place=place_id,
            article=view.article.id,
            date_text=view.article.published.isoformat(),
            date_start=view.article.published,
            date_end=view.article.published,
            date_precision="day",
            status="unreviewed",
            source=view.article.publisher,
            passages=[Passage(paragraph=paragraph, text=text)],
        )
    )
    return ident


def merge(view: DraftView, keep_id: str, other_id: str) -> None:
    """Two drafts of one event: the second's passages join the first, and it goes."""
    keep, other = view.incident(keep_id), view.incident(other_id)
    if keep is other:
        raise IngestError("pick two different incidents to merge")
    seen = {(p.paragraph, p.text) for p in keep.passages}
    keep.passages.extend(p for p in other.passages if (p.paragraph, p.text) not in seen)
    keep.date_start = min(filter(None, [keep.date_start, other.date_start]), default=None)
    keep.date_end = max(filter(None, [keep.date_end, other.date_end]), default=None)
    view.incidents.remove(other)


def split(view: DraftView, incident_id: str) -> str:
    """An incident of several passages becomes two: the last passage goes to a new one."""
    incident = view.incident(incident_id)
    if len(incident.passages) < 2:
        raise IngestError("an incident with one passage cannot be split")
    passage = incident.passages.pop()
    ident = add_from_passage(view, passage.paragraph, passage.text, incident.place)
    new = view.incident(ident)
    new.date_start, new.date_end = incident.date_start, incident.date_end
    new.date_precision, new.date_text = incident.date_precision, incident.date_text
    new.category, new.status, new.source = incident.category, incident.status, incident.source
    return ident


def waiting_statuses(view: DraftView) -> list[str]:
    """Incidents still marked as machine-read: each needs a status a person chose."""
    return [i.id for i in view.incidents if i.status == "unreviewed"]
