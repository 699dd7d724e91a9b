"""Who may open the review page.

Reviewing writes the dataset, so it is never open to every visitor on the network. The
person running the server chooses with MAPVIEW_REVIEW:

- `local` (the default): a browser on the server's own machine (a loopback connection)
  may review; anyone else only with the token in MAPVIEW_REVIEW_TOKEN, if one is set.
- `token`: everyone needs the token, the machine itself included. Use this behind a
  reverse proxy on the same machine, where every visitor arrives over loopback.
- `off`: nobody; the page does not exist.

A reviewer from elsewhere opens `/review?token=…` once; the token is checked in constant
time, kept in their session and removed from the address bar. Without it a visitor has no
review page at all: no link, no draft ids, no draft content.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
from dataclasses import dataclass
from functools import cache

from mapview.dashboard.settings import SettingsError

MODES = ("local", "token", "off")
MIN_TOKEN = 16


@dataclass(frozen=True)
class ReviewPolicy:
    mode: str
    token: str | None

    def allows(self, peer: str | None, given: str | None) -> bool:
        """`peer`: the connection's address (None when unknown); `given`: a token the
        visitor presented, if any."""
        if self.mode == "off":
            return False
        if self.token and given and hmac.compare_digest(given.encode(), self.token.encode()):
            return True
        return self.mode == "local" and is_loopback(peer)


def is_loopback(peer: str | None) -> bool:
    if not peer:
        return False  # unknown is not local
    try:
        return ipaddress.ip_address(peer.split("%")[0]).is_loopback
    except ValueError:
        return False


def review_policy(mode: str | None, token: str | None) -> ReviewPolicy:
    mode = (mode or "local").strip().lower()
    token = (token or "").strip() or None
    if mode not in MODES:
        raise SettingsError(f"MAPVIEW_REVIEW={mode!r}: use local, token or off")
    if token is not None and len(token) < MIN_TOKEN:
        raise SettingsError(
            f"MAPVIEW_REVIEW_TOKEN is {len(token)} characters: use at least {MIN_TOKEN} "
            "random ones (python -c 'import secrets; print(secrets.token_urlsafe())')"
        )
    if mode == "token" and token is None:
        raise SettingsError("MAPVIEW_REVIEW=token needs MAPVIEW_REVIEW_TOKEN")
    return ReviewPolicy(mode, token)


@cache
def policy() -> ReviewPolicy:
    return review_policy(os.environ.get("MAPVIEW_REVIEW"), os.environ.get("MAPVIEW_REVIEW_TOKEN"))


def peer_address() -> str | None:
    """The browser's address as the server's socket sees it (not a header a client could
    write). Streamlit's public `st.context.ip_address` reports loopback as None, the same
    as "unknown", so the session's client context is read instead."""
    from streamlit.runtime import exists, get_instance
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None or not exists():
        return None
    client = get_instance().get_client(ctx.session_id)
    context = getattr(client, "client_context", None) if client is not None else None
    return getattr(context, "remote_ip", None)
