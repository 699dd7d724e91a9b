"""Exports of incidents: GeoJSON (RFC 7946), CSV with WKT, and KML for Google Earth.

The CLI and the dashboard's download buttons call these same functions, so a file
downloaded from a filtered view and one made on the command line never disagree.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any, Literal
from xml.etree import ElementTree as ET

import shapely
from shapely.geometry import mapping

from mapview.data.dataset import Dataset
from mapview.data.incidents import Record

Format = Literal["geojson", "csv", "kml"]
FORMATS: dict[str, tuple[str, str]] = {
    "geojson": ("application/geo+json", "geojson"),
    "csv": ("text/csv", "csv"),
    "kml": ("application/vnd.google-earth.kml+xml", "kml"),
}
DECIMALS = 7
KML_NS = "http://www.opengis.net/kml/2.2"
KML_DATA = ("category", "status", "source", "place", "date_precision", "date_text")


def incident_properties(dataset: Dataset, incident: Record) -> dict[str, Any]:
    """Every feature gets the same keys: a GIS attribute table is made from the first
    feature's, so an unknown death toll is null rather than missing."""
    props = incident.to_dict()
    props.setdefault("fatalities", None)
    props.setdefault("fatalities_text", None)
    props.setdefault("reviewed", None)  # a machine draft accepted unreviewed, or curated data
    props["contested"] = incident.contested
    place = dataset.places[incident.place]
    props["place_name"] = place.name
    props["place_source"] = place.source
    article = dataset.articles[incident.article]
    props["article_title"] = article.title
    props["publisher"] = article.publisher
    props["published"] = article.published.isoformat()
    return props


def _geometry(dataset: Dataset, incident: Record) -> shapely.Geometry:
    return shapely.set_precision(dataset.places[incident.place].geometry, 10**-DECIMALS)


def to_geojson(dataset: Dataset, incidents: Iterable[Record]) -> str:
    features = [
        {
            "type": "Feature",
            "id": inc.id,
            "geometry": mapping(_geometry(dataset, inc)),
            "properties": incident_properties(dataset, inc),
        }
        for inc in incidents
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


CSV_COLUMNS = [
    "id",
    "title",
    "category",
    "status",
    "source",
    "place",
    "place_name",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "ongoing",
    "article",
    "publisher",
    "published",
    "summary",
    "actors",
    "fatalities",
    "fatalities_text",
    "contested",
    "reviewed_by",
    "reviewed_on",
    "accounts_count",
    "accounts_text",
    "accounts",
    "passages_text",
    "passages",
    "wkt",
]


def to_csv(dataset: Dataset, incidents: Iterable[Record]) -> str:
    """One row per incident; passages and accounts as readable text and as JSON for
    round-tripping; actors joined by "; " (names hold commas: "Hamas, the group's ...");
    an unknown death toll is an empty cell, never 0."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for inc in incidents:
        row = incident_properties(dataset, inc)
        row["passages_text"] = " | ".join(p["text"] for p in row["passages"])
        row["passages"] = json.dumps(row["passages"], ensure_ascii=False)
        row["actors"] = "; ".join(row["actors"])
        row["accounts_count"] = len(row["accounts"])
        row["accounts_text"] = " | ".join(_account_line(a) for a in row["accounts"])
        row["accounts"] = json.dumps(row["accounts"], ensure_ascii=False) if inc.accounts else ""
        reviewed = row.pop("reviewed") or {}
        row["reviewed_by"], row["reviewed_on"] = reviewed.get("by"), reviewed.get("on")
        row["wkt"] = shapely.to_wkt(_geometry(dataset, inc), rounding_precision=DECIMALS)
        writer.writerow({k: _csv_safe(v) for k, v in row.items()})
    return out.getvalue()


def _account_line(account: dict[str, Any]) -> str:
    line = f"{account['source']} ({account['status']})"
    return f"{line}: {account['says']}" if account["says"] else line


def _csv_safe(value: Any) -> Any:
    """Neutralise spreadsheet formula injection from article-derived text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not _is_number(value):
        return "'" + value
    return value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _kml_geometry(parent: ET.Element, geom: shapely.Geometry) -> None:
    def coords(g: shapely.Geometry) -> str:
        return " ".join(f"{x:.{DECIMALS}f},{y:.{DECIMALS}f}" for x, y in shapely.get_coordinates(g))

    kind = geom.geom_type
    if kind.startswith("Multi"):
        multi = ET.SubElement(parent, f"{{{KML_NS}}}MultiGeometry")
        for part in geom.geoms:
            _kml_geometry(multi, part)
    elif kind == "Point":
        ET.SubElement(
            ET.SubElement(parent, f"{{{KML_NS}}}Point"), f"{{{KML_NS}}}coordinates"
        ).text = coords(geom)
    elif kind == "LineString":
        line = ET.SubElement(parent, f"{{{KML_NS}}}LineString")
        ET.SubElement(line, f"{{{KML_NS}}}tessellate").text = "1"
        ET.SubElement(line, f"{{{KML_NS}}}coordinates").text = coords(geom)
    elif kind == "Polygon":
        poly = ET.SubElement(parent, f"{{{KML_NS}}}Polygon")
        rings = [("outerBoundaryIs", geom.exterior)] + [
            ("innerBoundaryIs", r) for r in geom.interiors
        ]
        for tag, ring in rings:
            boundary = ET.SubElement(poly, f"{{{KML_NS}}}{tag}")
            lr = ET.SubElement(boundary, f"{{{KML_NS}}}LinearRing")
            ET.SubElement(lr, f"{{{KML_NS}}}coordinates").text = coords(ring)


def _kml_description(props: dict[str, Any]) -> str:
    """Plain text: ElementTree escapes it, so Google Earth shows quotes literally."""
    lines = [
        f"{props['date_start']} to {props['date_end']} ({props['date_precision']}; "
        f'report: "{props["date_text"]}")',
        f"Status: {props['status']}. Source: {props['source']}",
        f"Place: {props['place_name']}",
    ]
    if props["actors"]:
        lines.append(f"Actors: {'; '.join(props['actors'])}")
    if props["fatalities"] is not None:
        lines.append(f"Fatalities: {props['fatalities']}")
    lines.append("")
    lines += [f"[{p['paragraph']}] \u201c{p['text']}\u201d" for p in props["passages"]]
    if props["accounts"]:
        lines += ["", "Contested accounts:" if props["contested"] else "Accounts:"]
        for account in props["accounts"]:
            lines.append(f"- {_account_line(account)}")
            lines += [f"  [{p['paragraph']}] \u201c{p['text']}\u201d" for p in account["passages"]]
    lines += ["", f"{props['publisher']}, {props['published']}: {props['article_title']}"]
    return "\n".join(lines)


def to_kml(dataset: Dataset, incidents: Iterable[Record]) -> str:
    ET.register_namespace("", KML_NS)
    root = ET.Element(f"{{{KML_NS}}}kml")
    doc = ET.SubElement(root, f"{{{KML_NS}}}Document")
    ET.SubElement(doc, f"{{{KML_NS}}}name").text = "mapview incidents"
    for inc in incidents:
        props = incident_properties(dataset, inc)
        mark = ET.SubElement(doc, f"{{{KML_NS}}}Placemark", id=inc.id)
        ET.SubElement(mark, f"{{{KML_NS}}}name").text = inc.title
        ET.SubElement(mark, f"{{{KML_NS}}}description").text = _kml_description(props)
        span = ET.SubElement(mark, f"{{{KML_NS}}}TimeSpan")
        ET.SubElement(span, f"{{{KML_NS}}}begin").text = props["date_start"]
        ET.SubElement(span, f"{{{KML_NS}}}end").text = props["date_end"]
        data = ET.SubElement(mark, f"{{{KML_NS}}}ExtendedData")
        flat = {
            **{k: str(props[k]) for k in KML_DATA},
            "actors": "; ".join(props["actors"]),
            "fatalities": "" if props["fatalities"] is None else str(props["fatalities"]),
            "contested": "true" if props["contested"] else "false",
            "accounts_count": str(len(props["accounts"])),
        }
        for key, value in flat.items():
            item = ET.SubElement(data, f"{{{KML_NS}}}Data", name=key)
            ET.SubElement(item, f"{{{KML_NS}}}value").text = value
        _kml_geometry(mark, _geometry(dataset, inc))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def export(dataset: Dataset, incidents: Iterable[Record], fmt: str) -> str:
    if fmt == "geojson":
        return to_geojson(dataset, incidents)
    if fmt == "csv":
        return to_csv(dataset, incidents)
    if fmt == "kml":
        return to_kml(dataset, incidents)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
