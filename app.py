"""mapview dashboard entry point: `streamlit run app.py` (or `make run`)."""

from mapview.page import render

render()
