"""The floor: a page that only says hello."""

import streamlit as st

st.write("hello")
