"""What the person running the server decides, read from the environment once per process.

Visitors cannot change any of this from the page: turning on online tiles sends every
visitor's map view to a third-party host, so it is the server's choice, not a widget's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlparse

OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"


class SettingsError(ValueError):
    """A server setting that cannot work; the message names the variable."""


@dataclass(frozen=True)
class TileSource:
    url: str
    attribution: str

    @property
    def host(self) -> str:
        return urlparse(self.url).netloc


def tile_source(value: str | None, attribution: str | None) -> TileSource | None:
    """MAPVIEW_TILES: unset or `off` (the default: no request leaves the server), `osm`, or
    a tile URL template such as a newsroom's own tile server on the LAN."""
    value = (value or "").strip()
    if value.lower() in ("", "off", "none", "0", "false"):
        return None
    if value.lower() == "osm":
        return TileSource(OSM_URL, attribution or OSM_ATTRIBUTION)
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise SettingsError(
            f"MAPVIEW_TILES={value!r}: use off, osm, or an http(s) URL template "
            "with {z}/{x}/{y}"
        )
    if not all(part in value for part in ("{z}", "{x}", "{y}")):
        raise SettingsError(
            f"MAPVIEW_TILES={value!r}: the URL template needs {{z}}, {{x}} and {{y}}"
        )
    if not attribution:
        raise SettingsError(
            "MAPVIEW_TILES_ATTRIBUTION is required with a custom tile URL: tiles carry a licence"
        )
    return TileSource(value, attribution)


@cache
def tiles() -> TileSource | None:
    return tile_source(os.environ.get("MAPVIEW_TILES"), os.environ.get("MAPVIEW_TILES_ATTRIBUTION"))
