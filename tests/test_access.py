"""Who may review: the rule, for addresses a loopback-only test server cannot have."""

from __future__ import annotations

import pytest

from mapview.dashboard.access import review_policy
from mapview.dashboard.settings import SettingsError

TOKEN = "a-long-enough-random-token"


@pytest.mark.parametrize(
    ("mode", "token", "peer", "given", "allowed"),
    [
        ("local", None, "127.0.0.1", None, True),
        ("local", None, "::1", None, True),
        ("local", None, "192.168.1.20", None, False),  # a colleague on the LAN
        ("local", None, None, None, False),  # an unknown address is not local
        ("local", TOKEN, "192.168.1.20", TOKEN, True),
        ("local", TOKEN, "192.168.1.20", TOKEN[:-1], False),
        ("local", TOKEN, "192.168.1.20", "", False),
        ("token", TOKEN, "127.0.0.1", None, False),  # behind a proxy, loopback is everyone
        ("token", TOKEN, "127.0.0.1", TOKEN, True),
        ("off", TOKEN, "127.0.0.1", TOKEN, False),
    ],
)
def test_who_may_review(
    mode: str, token: str | None, peer: str | None, given: str | None, allowed: bool
) -> None:
    assert review_policy(mode, token).allows(peer, given) is allowed


@pytest.mark.parametrize(
    ("mode", "token", "message"),
    [
        ("open", None, "use local, token or off"),
        ("token", None, "needs MAPVIEW_REVIEW_TOKEN"),
        ("local", "short", "at least 16"),
    ],
)
def test_settings_that_cannot_work_are_refused(mode: str, token: str | None, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        review_policy(mode, token)
