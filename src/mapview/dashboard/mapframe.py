"""The map frame: streamlit-folium's component, with the base map rendered once.

`st_folium` renders the whole folium map to HTML and JavaScript on every rerun, although
only the incident layer's view changes with the filters: measured at 17 ms of the page's
server time per slider move, paid by every visitor on every move. Here the base map is
rendered once per dataset (the `RenderedBase`), each rerun sends only the few hundred
bytes of `layers.view_script`, and both go to the same component with the arguments
`st_folium` would send. The frontend cannot tell the difference, and the reader's zoom
and position stay.

This leans on streamlit-folium's module-level helpers, so pyproject pins the minor
version and `tests/test_mapframe.py` checks that what is used here is still there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import folium
import streamlit_folium as sf


@dataclass(frozen=True)
class RenderedBase:
    """Everything the component needs that depends only on the base map."""

    script: str
    header: str
    html: str
    map_id: str
    css_links: list[str]
    js_links: list[str]
    bounds: list[list[float | None]]
    zoom: Any


def render_base(fmap: folium.Map) -> RenderedBase:
    """Render a base map the way `st_folium` does, once."""
    fmap.get_root().render()
    fmap.render()
    html = sf._get_html(fmap)
    header = sf._get_header(fmap)
    script = sf._get_map_string(fmap)
    css: list[str] = []
    js: list[str] = []
    for elem in _walk(fmap):
        css.extend(href for _, href in getattr(elem, "default_css", []))
        js.extend(src for _, src in getattr(elem, "default_js", []))
    try:
        bounds = fmap.get_bounds()
    except AttributeError:
        bounds = [[None, None], [None, None]]
    return RenderedBase(
        script=script,
        header=header,
        html=html,
        map_id=sf.get_full_id(fmap),
        css_links=list(dict.fromkeys(css)),
        js_links=list(dict.fromkeys(js)),
        bounds=bounds,
        zoom=fmap.options.get("zoom"),
    )


def _walk(element: Any) -> Iterable[Any]:
    if isinstance(element, folium.elements.JSCSSMixin):
        yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def _box(bounds: list[list[float | None]]) -> dict[str, dict[str, float | None]]:
    (south, west), (north, east) = bounds
    return {"_southWest": {"lat": south, "lng": west}, "_northEast": {"lat": north, "lng": east}}


def map_frame(
    base: RenderedBase,
    layer_js: str,
    *,
    key: str,
    height: int,
    returned_objects: list[str],
    on_change: Callable[[], None] | None = None,
) -> dict[str, Any] | None:
    """Draw the map with the layer script swapped in; returns what the browser sent back."""
    defaults = {
        "last_active_drawing": None,
        "last_object_clicked_count": None,
        "bounds": _box(base.bounds),
        "zoom": base.zoom,
    }
    hash_key = sf.generate_js_hash(base.script, key, False)

    def changed() -> None:
        import streamlit as st

        st.session_state[key] = st.session_state.get(hash_key, {})
        if on_change is not None:
            on_change()

    return sf._component_func(  # type: ignore[no-any-return]
        script=base.script,
        header=base.header,
        html=base.html,
        id=base.map_id,
        key=hash_key,
        height=height,
        width=None,
        returned_objects=returned_objects,
        default={k: v for k, v in defaults.items() if k in returned_objects},
        zoom=None,
        center=None,
        feature_group=layer_js,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=base.css_links,
        js_links=base.js_links,
        on_change=changed,
        wrap_longitude=False,
    )
