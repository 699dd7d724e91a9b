"""Filtered views: which incidents a reader is looking at, and how that view lives in a URL.

A view is the whole shareable state (date window, categories, statuses, article, the
selected incident). Parsing a URL never fails: a bad value is dropped with a notice the
page shows, because a mistyped link from a colleague must still open the map.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import numpy as np

from mapview.data.dataset import Dataset
from mapview.data.incidents import CATEGORIES, STATUSES, Record


@dataclass(frozen=True)
class View:
    start: date
    end: date
    categories: frozenset[str]
    statuses: frozenset[str]
    articles: frozenset[str]
    incident: str | None = None


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
    )


def visible_mask(dataset: Dataset, view: View) -> np.ndarray:
    """Which incidents `in_view` keeps, computed on the dataset's table in one pass."""
    t = dataset.table
    return (
        (t["start"].to_numpy() <= view.end.toordinal())
        & (t["end"].to_numpy() >= view.start.toordinal())
        & t["category"].isin(view.categories).to_numpy()
        & t["status"].isin(view.statuses).to_numpy()
        & t["article"].isin(view.articles).to_numpy()
    )


def visible(dataset: Dataset, view: View) -> list[Record]:
    """Incidents in view, in time order (the dataset keeps them sorted)."""
    incidents = dataset.incidents
    return [incidents[k] for k in np.flatnonzero(visible_mask(dataset, view))]


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


def timeline_counts(dataset: Dataset, view: View) -> tuple[str, list[dict[str, object]]]:
    """Incidents in view per day, week or month (whichever keeps the chart under about 120
    bars), one row per bar with a count per category label.

    Aggregated here, so a slider move sends a few KB of counts whatever the dataset's size,
    not a row per incident or per day and category.
    """
    lo, hi = dataset.date_span
    span = (hi - lo).days
    unit = "day" if span <= 120 else "week" if span <= 840 else "month"
    mask = visible_mask(dataset, view)
    table = dataset.table
    starts = table["start"].to_numpy()[mask]
    if unit == "week":
        starts = starts - (starts - 1) % 7  # the Monday of each week
    elif unit == "month":
        days = (starts - EPOCH_ORDINAL).astype("datetime64[D]")
        firsts = days.astype("datetime64[M]").astype("datetime64[D]")
        starts = firsts.astype(np.int64) + EPOCH_ORDINAL
    names = table["category"].cat.categories
    codes = table["category"].cat.codes.to_numpy()[mask].astype(np.int64)
    keys, counts = np.unique(starts * 256 + codes, return_counts=True)
    rows: dict[int, dict[str, object]] = {}
    for key, n in zip(keys.tolist(), counts.tolist(), strict=True):
        day = key >> 8
        row = rows.setdefault(day, {"date": date.fromordinal(day).isoformat()})
        row[CATEGORIES[names[key & 255]][0]] = n
    return unit, list(rows.values())
