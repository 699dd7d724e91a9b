"""Any report in, draft incidents out: mentions (mentions.py) resolved against an offline
gazetteer (gazetteer.py, areas.py), drafted and accepted (drafts.py)."""

from mapview.ingest.drafts import (
    Draft,
    IngestError,
    accept,
    categorise,
    draft,
    drafts_dir,
    ingest,
    read_source,
    slug,
    speaker,
    write_draft,
)

__all__ = [
    "Draft",
    "IngestError",
    "accept",
    "categorise",
    "draft",
    "drafts_dir",
    "ingest",
    "read_source",
    "slug",
    "speaker",
    "write_draft",
]
