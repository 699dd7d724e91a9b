"""st.pydeck_chart with a ScatterplotLayer (no basemap: no outside request)."""

import pydeck as pdk
import streamlit as st
from _data import points

layer = pdk.Layer("ScatterplotLayer", points(), get_position="[lon, lat]", get_radius=2000)
view = pdk.ViewState(latitude=50, longitude=35, zoom=4)
st.pydeck_chart(pdk.Deck(layers=[layer], initial_view_state=view, map_style=None))
