"""The dashboard half: the Streamlit page, its Leaflet layers, the URL view state and assets."""
