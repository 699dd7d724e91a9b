"""mapview dashboard entry point: `streamlit run app.py` (or `make run`)."""

from mapview.dashboard.page import render

render()
