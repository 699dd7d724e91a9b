"""streamlit-folium with FastMarkerCluster, offline (the app's own Leaflet files)."""

import folium
import streamlit as st
from _data import points
from folium.plugins import FastMarkerCluster
from streamlit_folium import st_folium

from mapview.dashboard import assets


@st.cache_data
def data() -> list[list[float]]:
    return points()[["lat", "lon"]].values.tolist()


m = folium.Map(location=[50, 35], zoom_start=4, tiles=None, max_zoom=18)
m.options["max_zoom"] = 18
m.default_js = assets.LEAFLET_JS
m.default_css = assets.LEAFLET_CSS
cluster = FastMarkerCluster(
    data(), callback="function (row) { return L.marker(new L.LatLng(row[0], row[1])); }"
)
cluster.default_js = assets.CLUSTER_JS
cluster.default_css = assets.CLUSTER_CSS
cluster.add_to(m)
st_folium(m, height=560, width=None, returned_objects=[])
