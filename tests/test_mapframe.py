"""The map frame leans on streamlit-folium's helpers and on a layer script of our own."""

from __future__ import annotations

import json
import re

import streamlit_folium as sf

from mapview.dashboard import assets
from mapview.dashboard.layers import base_map, layer_view, view_script
from mapview.dashboard.mapframe import render_base
from mapview.dashboard.view import default_view
from mapview.data.dataset import Dataset


def test_streamlit_folium_still_has_what_the_frame_uses() -> None:
    """An upgrade that renames these fails here, not in a visitor's browser."""
    for name in ("_component_func", "_get_html", "_get_header", "_get_map_string"):
        assert callable(getattr(sf, name)), name
    assert callable(sf.get_full_id) and callable(sf.generate_js_hash)


def test_base_is_rendered_once_with_our_scripts(seed: Dataset) -> None:
    base = render_base(base_map(seed))
    assert base.js_links == [assets.map_js("")]
    assert not any(link.startswith("http") for link in base.js_links + base.css_links)
    assert "window.mapviewStyles" in base.script


def test_a_rerun_sends_only_the_view(seed: Dataset) -> None:
    """The swapped layer is a few hundred bytes, whatever the dataset's size."""
    script = view_script(layer_view("/app/static/x.json", default_view(seed), focus="k"))
    assert len(script.encode()) < 1_000
    assert "feature_group_feature_group_0" in script and "map_div" in script
    view = json.loads(re.search(r"map_div, (\{.*\})\);", script)[1])  # type: ignore[index]
    assert view["focus"] == "k" and view["url"] == "/app/static/x.json"


def test_view_json_cannot_close_the_script() -> None:
    from mapview.dashboard.layers import _js_json

    text = _js_json({"focus": "</script><script>alert(1)</script>"})
    assert "</script>" not in text and "<" not in text
    assert json.loads(text)["focus"] == "</script><script>alert(1)</script>"
