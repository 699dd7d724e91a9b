"""Reading and writing dataset files without ever leaving one half-written."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from mapview.data.errors import DataError, Problem, display_path


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside the target, then rename over it.

    A rename within one directory is atomic on POSIX, so a reader (or a crash) sees the
    old file or the new one, never a truncated mix.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; keep the usual file mode
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_json(path: Path, data: Any) -> None:
    write_atomic(path, dump_json(data))


def dump_feature_collection(features: list[dict[str, Any]]) -> str:
    """One feature per line: readable, and a diff shows which place changed."""
    lines = ",\n".join("    " + json.dumps(f, ensure_ascii=False) for f in features)
    return '{\n  "type": "FeatureCollection",\n  "features": [\n' + lines + "\n  ]\n}\n"


def read_json(path: Path) -> Any:
    """Parse a JSON file, turning every failure into a Problem that names the file."""
    name = display_path(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DataError([Problem(name, None, None, f"cannot read file: {exc.strerror}")]) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError([Problem(name, None, None, "file is not UTF-8 text")]) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        msg = f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        raise DataError([Problem(name, None, None, msg)]) from exc
