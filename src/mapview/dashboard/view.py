"""Filtered views: which incidents a reader is looking at, and how that view lives in a URL.

A view is the whole shareable state (date window, categories, statuses, article, the
selected incident). Parsing a URL never fails: a bad value is dropped with a notice the
page shows, because a mistyped link from a colleague must still open the map.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import overload

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from mapview.data.dataset import Dataset
from mapview.data.incidents import CATEGORIES, STATUSES, Record
from mapview.data.names import fold


@dataclass(frozen=True)
class View:
    start: date
    end: date
    categories: frozenset[str]
    statuses: frozenset[str]
    articles: frozenset[str]
    incident: str | None = None
    actors: frozenset[str] | None = None  # None: every incident, whoever acted
    step: int | None = None  # story mode at this paragraph of `report` (p16 is 16)
    report: str | None = None  # the article the page shows, when not the first


def story_steps(dataset: Dataset, article_id: str) -> list[int]:
    """The paragraphs a story walks through: the report's own text, in order (headings,
    captions and page furniture are not steps)."""
    article = dataset.articles[article_id]
    return [int(p.id[1:]) for p in article.paragraphs if p.kind == "body"]


def shown_article(dataset: Dataset, view: View) -> str:
    return view.report if view.report in dataset.articles else sorted(dataset.articles)[0]


def default_view(dataset: Dataset) -> View:
    start, end = dataset.date_span
    return View(
        start=start,
        end=end,
        categories=frozenset(CATEGORIES),
        statuses=frozenset(STATUSES),
        articles=frozenset(dataset.articles),
    )


def _first(value: str | Iterable[str] | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    items = list(value)
    return items[0] if items else None


def _parse_set(
    raw: str | None, allowed: Iterable[str], name: str, notices: list[str]
) -> frozenset[str] | None:
    if raw is None:
        return None
    allowed = set(allowed)
    items = [x.strip() for x in raw.split(",") if x.strip()]
    unknown = [x for x in items if x not in allowed]
    if unknown:
        notices.append(f"Ignored unknown {name} in the link: {', '.join(unknown)}")
    known = frozenset(x for x in items if x in allowed)
    if items and not known:
        return None
    return known


def parse_query(params: Mapping[str, str | list[str]], dataset: Dataset) -> tuple[View, list[str]]:
    """Read a view from URL query parameters; unusable values fall back to the default."""
    view = default_view(dataset)
    notices: list[str] = []
    lo, hi = view.start, view.end
    dates: dict[str, date] = {}
    for key in ("start", "end"):
        raw = _first(params.get(key))
        if raw is None:
            continue
        try:
            value = date.fromisoformat(raw)
        except ValueError:
            notices.append(f"Ignored '{key}' in the link: {raw!r} is not a date (use YYYY-MM-DD)")
            continue
        if not lo <= value <= hi:
            clamped = min(max(value, lo), hi)
            notices.append(f"'{key}' {value} is outside the data ({lo} to {hi}); using {clamped}")
            value = clamped
        dates[key] = value
    start, end = dates.get("start", lo), dates.get("end", hi)
    if end < start:
        notices.append(f"'end' {end} is before 'start' {start}; the dates were swapped")
        start, end = end, start
    view = replace(view, start=start, end=end)
    cats = _parse_set(_first(params.get("cat")), CATEGORIES, "category", notices)
    stats = _parse_set(_first(params.get("status")), STATUSES, "status", notices)
    arts = _parse_set(_first(params.get("article")), dataset.articles, "article", notices)
    view = replace(
        view,
        categories=cats if cats is not None else view.categories,
        statuses=stats if stats is not None else view.statuses,
        articles=arts if arts is not None else view.articles,
    )
    incident = _first(params.get("incident"))
    if incident is not None:
        if dataset.incident(incident) is None:
            notices.append(f"Ignored 'incident' in the link: no incident {incident!r}")
        else:
            view = replace(view, incident=incident)
    actors = _parse_set(_first(params.get("actor")), dataset.actors, "actor", notices)
    if actors is not None:
        view = replace(view, actors=actors)
    report = _first(params.get("report"))
    if report is not None:
        if report in dataset.articles:
            view = replace(view, report=report)
        else:
            notices.append(f"Ignored 'report' in the link: no report {report!r}")
    step = _first(params.get("step"))
    if step is not None:
        steps = story_steps(dataset, shown_article(dataset, view))
        if step.isdigit() and int(step) in steps:
            view = replace(view, step=int(step))
        elif steps:
            notices.append(
                f"Ignored 'step' in the link: {step!r} is not a paragraph of the report's "
                f"text (use {steps[0]} to {steps[-1]})"
            )
    return view, notices


def to_query(view: View, dataset: Dataset) -> dict[str, str]:
    """The shortest query string that reproduces `view`: defaults are left out."""
    base = default_view(dataset)
    query: dict[str, str] = {}
    if view.start != base.start:
        query["start"] = view.start.isoformat()
    if view.end != base.end:
        query["end"] = view.end.isoformat()
    for key, chosen, full, order in (
        ("cat", view.categories, base.categories, list(CATEGORIES)),
        ("status", view.statuses, base.statuses, list(STATUSES)),
        ("article", view.articles, base.articles, sorted(dataset.articles)),
    ):
        if chosen != full:
            query[key] = ",".join(x for x in order if x in chosen)
    if view.incident:
        query["incident"] = view.incident
    if view.actors is not None:
        query["actor"] = ",".join(sorted(view.actors))
    if view.report is not None and view.report != shown_article(dataset, base):
        query["report"] = view.report
    if view.step is not None:
        query["step"] = str(view.step)
    return query


def in_view(incident: Record, view: View) -> bool:
    """Shown when its date range overlaps the window, so a month-precise event stays visible."""
    assert incident.date_start is not None and incident.date_end is not None
    return (
        incident.date_start <= view.end
        and incident.date_end >= view.start
        and incident.category in view.categories
        and incident.status in view.statuses
        and incident.article in view.articles
        and (view.actors is None or not view.actors.isdisjoint(incident.actors))
    )


def _days(dataset: Dataset) -> tuple[np.ndarray, np.ndarray, bool]:
    """(first days, last days) as int32 ordinals, and whether the incidents are in order of
    their first day (a loaded dataset always is), derived once per dataset."""
    cached = dataset.derived.get("days")
    if cached is None:
        t = dataset.table
        start = t["start"].to_numpy().astype(np.int32)
        end = t["end"].to_numpy().astype(np.int32)
        ordered = bool(np.all(start[1:] >= start[:-1]))
        cached = dataset.derived["days"] = (start, end, ordered)
    return cached  # type: ignore[no-any-return]


def visible_mask(dataset: Dataset, view: View) -> np.ndarray:
    """Which incidents `in_view` keeps, computed on the dataset's table in one pass.

    In time order, the incidents that start after the window are a tail that is never
    looked at; a filter that keeps every value present costs nothing; the others are one
    lookup per value, then an index.
    """
    start, end, ordered = _days(dataset)
    last = view.end.toordinal()
    n = int(np.searchsorted(start, last, side="right")) if ordered else len(start)
    head = end[:n] >= view.start.toordinal()
    if not ordered:
        head &= start <= last
    t = dataset.table
    for column, chosen in (
        (t["category"], view.categories),
        (t["status"], view.statuses),
        (t["article"], view.articles),
    ):
        categories = column.cat.categories
        ok = np.fromiter((c in chosen for c in categories), bool, len(categories))
        if not ok.all():
            head &= ok[column.cat.codes.to_numpy()[:n]]
    if view.actors is not None:
        head &= dataset.actor_mask(view.actors)[:n]
    mask = np.zeros(len(start), bool)
    mask[:n] = head
    return mask


class Shown(Sequence[Record]):
    """The incidents in view, in time order: positions in the dataset, made into records
    only when read.

    A slider move at 100,000 incidents used to build a list of every record in view and
    scan it for the selected one, twice per rerun; the page reads 50 rows of it.
    """

    def __init__(self, dataset: Dataset, index: np.ndarray) -> None:
        self.dataset = dataset
        self.index = index

    def __len__(self) -> int:
        return len(self.index)

    @overload
    def __getitem__(self, k: int) -> Record: ...
    @overload
    def __getitem__(self, k: slice) -> list[Record]: ...
    def __getitem__(self, k: int | slice) -> Record | list[Record]:
        incidents = self.dataset.incidents
        if isinstance(k, slice):
            return [incidents[n] for n in self.index[k].tolist()]
        return incidents[int(self.index[k])]

    def __iter__(self) -> Iterator[Record]:
        incidents = self.dataset.incidents
        return (incidents[n] for n in self.index.tolist())

    def position(self, incident_id: str | None) -> int | None:
        """Where an incident is among those in view, or None when it is not in view."""
        n = self.dataset.position(incident_id) if incident_id else None
        if n is None:
            return None
        k = int(np.searchsorted(self.index, n))
        return k if k < len(self.index) and self.index[k] == n else None

    def at_place(self, place_id: str) -> list[Record]:
        """The incidents in view at one place, in time order."""
        places = self.dataset.table["place"]
        if place_id not in places.cat.categories:
            return []
        code = places.cat.categories.get_loc(place_id)
        here = self.index[places.cat.codes.to_numpy()[self.index] == code]
        return [self.dataset.incidents[n] for n in here.tolist()]


def visible(dataset: Dataset, view: View) -> Shown:
    """Incidents in view, in time order (the dataset keeps them sorted)."""
    return Shown(dataset, np.flatnonzero(visible_mask(dataset, view)))


def date_label(incident: Record) -> str:
    """A date as precise as the report is, and no more."""
    assert incident.date_start is not None and incident.date_end is not None
    return _label(incident.date_start, incident.date_end, incident.date_precision)


@lru_cache(maxsize=4096)
def _label(s: date, e: date, p: str | None) -> str:
    if p == "year":
        return str(s.year) if s.year == e.year else f"{s.year}–{e.year}"
    if p == "month" and (s.year, s.month) == (e.year, e.month):
        return s.strftime("%B %Y")
    if s == e:
        return f"{s.day} {s.strftime('%B %Y')}"
    return f"{s.isoformat()} – {e.isoformat()}"


EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _bars(dataset: Dataset, unit: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """(first day of each bar, each day's bar, each incident's bar and category as one
    number, category labels), derived once per dataset: a slider move then counts with one
    gather and np.bincount, linear at a million incidents, where sorting them cost 35 ms."""
    cached = dataset.derived.get(f"bars-{unit}")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    lo, hi = dataset.date_span
    ordinals = np.arange(lo.toordinal(), hi.toordinal() + 1, dtype=np.int64)
    if unit == "week":
        ordinals = ordinals - (ordinals - 1) % 7  # the Monday of each week
    elif unit == "month":
        days = (ordinals - EPOCH_ORDINAL).astype("datetime64[D]")
        firsts = days.astype("datetime64[M]").astype("datetime64[D]")
        ordinals = firsts.astype(np.int64) + EPOCH_ORDINAL
    bars, bar_of_day = np.unique(ordinals, return_inverse=True)
    table = dataset.table
    names = [CATEGORIES[c][0] for c in table["category"].cat.categories]
    day = table["start"].to_numpy() - lo.toordinal()
    codes = table["category"].cat.codes.to_numpy()
    keys = (bar_of_day[day] * len(names) + codes).astype(np.int32)
    dataset.derived[f"bars-{unit}"] = result = (bars, bar_of_day, keys, names)
    return result


def _spans(dataset: Dataset) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(whether each incident spans days, its first and last day from the dataset's first
    day). An event still under way at publication runs to its report's date."""
    cached = dataset.derived.get("spans")
    if cached is None:
        lo, hi = dataset.date_span
        t = dataset.table
        first = t["start"].to_numpy() - lo.toordinal()
        last = t["end"].to_numpy() - lo.toordinal()
        articles = t["article"].cat.categories
        published = np.array([dataset.articles[a].published.toordinal() for a in articles])
        ongoing = np.fromiter((i.ongoing for i in dataset.incidents), bool, len(first))
        reported = published[t["article"].cat.codes.to_numpy()] - lo.toordinal()
        last = np.where(ongoing, np.maximum(last, reported), last)
        last = np.minimum(last, (hi - lo).days)
        cached = dataset.derived["spans"] = (last > first, first, last)
    return cached  # type: ignore[no-any-return]


DAY_KIND = "a known day"
SPAN_KIND = "spread over its span"


def timeline_counts(
    dataset: Dataset, view: View, shown: Shown | None = None
) -> tuple[str, list[dict[str, object]]]:
    """Incidents in view per day, week or month (whichever keeps the chart under about 120
    bars), one row per bar and kind with a count per category label.

    An incident known to the day counts 1 in its bar (kind DAY_KIND). One known only to a
    week, a month or a range, or still under way, is spread evenly over its days (kind
    SPAN_KIND), so a month-precise event covers its month at 1/30 a day instead of
    standing on the 1st as if that were its date. Aggregated here, so a slider move sends
    a few KB of counts whatever the dataset's size.
    """
    lo, hi = dataset.date_span
    span = (hi - lo).days
    unit = "day" if span <= 120 else "week" if span <= 840 else "month"
    index = (shown or visible(dataset, view)).index
    bars, bar_of_day, keys, names = _bars(dataset, unit)
    spread, first, last = _spans(dataset)
    wide = spread[index]
    counts = np.bincount(keys[index[~wide]], minlength=len(bars) * len(names))
    tables = {DAY_KIND: counts.reshape(len(bars), len(names)).astype(float)}
    some = index[wide]
    if len(some):
        days = span + 2  # a column past the last day, where every span's end lands at worst
        codes = dataset.table["category"].cat.codes.to_numpy()[some].astype(np.int64)
        weight = 1.0 / (last[some] - first[some] + 1)
        size = len(names) * days
        diff = np.bincount(codes * days + first[some], weight, minlength=size) - np.bincount(
            codes * days + last[some] + 1, weight, minlength=size
        )
        density = np.cumsum(diff.reshape(len(names), days), axis=1)[:, : span + 1]
        tables[SPAN_KIND] = np.stack(
            [np.bincount(bar_of_day, row, minlength=len(bars)) for row in density], axis=1
        )
    rows: list[dict[str, object]] = []
    for kind, counted in tables.items():
        for bar in np.flatnonzero(counted.sum(axis=1) > 1e-9):
            row: dict[str, object] = {
                "date": date.fromordinal(int(bars[bar])).isoformat(),
                "kind": kind,
            }
            for code in np.flatnonzero(counted[bar] > 1e-9):
                value = float(counted[bar, code])
                row[names[code]] = int(value) if kind == DAY_KIND else round(value, 3)
            rows.append(row)
    return unit, rows


def _search_text(dataset: Dataset) -> pa.Array:
    """Each incident's searchable words, folded, derived once per dataset."""
    cached = dataset.derived.get("search")
    if cached is None:
        names = {p: place.name for p, place in dataset.places.items()}
        cached = dataset.derived["search"] = pa.array(
            [
                fold(
                    " | ".join(
                        [
                            i.title,
                            names.get(i.place, ""),
                            i.source,
                            *(q.text for q in i.passages),
                            *i.actors,
                            *(f"{a.source} {a.says}" for a in i.accounts),
                        ]
                    )
                )
                for i in dataset.incidents
            ],
            pa.string(),
        )
    return cached


def search(dataset: Dataset, text: str, limit: int = 8) -> tuple[list[Record], int]:
    """Incidents whose title, place, source, passages, actors or accounts hold every word
    of `text`, in time order: the first `limit`, and how many there are."""
    words = fold(text).split()
    if not words or not dataset.incidents:
        return [], 0
    haystack = _search_text(dataset)
    hit = pc.match_substring(haystack, words[0])
    for word in words[1:]:
        hit = pc.and_(hit, pc.match_substring(haystack, word))
    positions = np.flatnonzero(hit.to_numpy(zero_copy_only=False))
    return [dataset.incidents[int(k)] for k in positions[:limit]], len(positions)


def by_paragraph(dataset: Dataset, article_id: str, paragraph: str) -> list[Record]:
    """The incidents whose passages (or accounts' passages) quote one paragraph."""
    index = dataset.derived.get("by_paragraph")
    if index is None:
        index = {}
        for n, i in enumerate(dataset.incidents):
            quotes = [*i.passages, *(q for a in i.accounts for q in a.passages)]
            for para in dict.fromkeys(q.paragraph for q in quotes):
                index.setdefault((i.article, para), []).append(n)
        dataset.derived["by_paragraph"] = index
    return [dataset.incidents[n] for n in index.get((article_id, paragraph), [])]
