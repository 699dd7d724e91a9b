"""Untrusted text made safe for Streamlit's Markdown, with highlighted passages.

Streamlit escapes raw HTML, but Markdown itself can still act on article text: links,
images that fetch remote URLs, `:colour[...]` directives, emoji shortcodes and `$`
maths. Backslash-escaping every ASCII punctuation character (CommonMark allows that for
all of them) makes the text render literally, whatever it holds.
"""

from __future__ import annotations

import re
import string

_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")


def escape(text: str) -> str:
    """Literal text for st.markdown: every ASCII punctuation mark backslash-escaped."""
    text = text.replace("\r", " ").replace("\n", " ")
    return _PUNCT.sub(r"\\\1", text)


def highlight(text: str, spans: list[tuple[int, int]], colour: str = "orange") -> str:
    """Escaped text with the character spans [start, end) wrapped in a background colour."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        start, end = max(0, start), min(len(text), end)
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        out.append(escape(text[pos:start]))
        out.append(f":{colour}-background[{escape(text[start:end])}]")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)
