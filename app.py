"""mapview dashboard entry point: `streamlit run app.py` (or `make run`)."""

from pathlib import Path

from mapview.dashboard.page import render

render(Path(__file__).parent / "static")
