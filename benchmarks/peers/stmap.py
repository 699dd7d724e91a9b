"""st.map: Streamlit's own point map."""

import streamlit as st
from _data import points

st.map(points())
