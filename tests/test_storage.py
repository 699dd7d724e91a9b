from __future__ import annotations

import os
from pathlib import Path

import pytest

from mapview.data.storage import write_atomic


def test_write_replaces_content(tmp_path: Path) -> None:
    """A write leaves exactly the new text, readable by others."""
    path = tmp_path / "f.json"
    write_atomic(path, "old")
    write_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "new"
    assert os.stat(path).st_mode & 0o044  # group/other can read, like any file


def test_crash_mid_write_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the rename never happens, the old file is intact and no temp file is left."""
    path = tmp_path / "f.json"
    write_atomic(path, "old")

    def boom(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]
