"""The dataset half: articles, places, incidents and dates, read, validated and written safely.

Nothing here knows about Streamlit or ingest; both build on it.
"""
