"""Names folded for matching, so spellings of one name meet: case, accents, script,
apostrophes and hyphens do not matter. Used by the gazetteer (lookup keys), the map's
place names and the dashboard's search, which must agree on what "the same name" is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

_NOT_KEY = re.compile(r"[^a-z0-9 ]+")


@lru_cache(maxsize=1 << 17)
def fold(name: str) -> str:
    """Lookup key: "Şanlıurfa" and "Sanliurfa" both give "sanliurfa"; "al-Fashir" gives
    "al fashir"; "Kharkivs'ka" gives "kharkivska"."""
    text = name if name.isascii() else anyascii(name)
    text = _NOT_KEY.sub("", text.lower().replace("-", " "))
    return " ".join(text.split())
