from __future__ import annotations

import gzip
import os
import time
from pathlib import Path

from mapview.dashboard.assets import DATA_DIR, GRACE_S, publish_data


def test_a_server_serves_only_its_current_data_file(tmp_path: Path) -> None:
    """Publishing removes data files of earlier datasets (after a grace for pages mid-load)."""
    folder = tmp_path / DATA_DIR
    folder.mkdir(parents=True)
    stale, recent = folder / "incidents-0000000000000000.json.gz", folder / "incidents-1.json.gz"
    other = folder / "details-0000000000000000.json.gz"  # another kind: not this call's to remove
    other.write_text("{}", encoding="utf-8")
    stale.write_text("{}", encoding="utf-8")
    recent.write_text("{}", encoding="utf-8")
    old = time.time() - GRACE_S - 10
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    url = publish_data({"n": 1}, tmp_path)
    current = folder / url.rsplit("/", 1)[1]
    assert gzip.decompress(current.read_bytes()) == b'{"n":1}'  # gzipped once, here
    assert not stale.exists() and other.exists()
    assert recent.exists()  # written a moment ago: a page may still be fetching it
    os.utime(current, (old, old))
    assert publish_data({"n": 1}, tmp_path) == url  # the current file stays, however old
    assert current.exists()
