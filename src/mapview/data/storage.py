"""Reading and writing dataset files without ever leaving one half-written.

A dataset is several files that must agree (an article, its places, its incidents). One file
is made safe by writing a temporary copy and renaming it over the target. Several files are
made safe by a journal: every new file is written and synced first, then the list of renames
is written (itself atomically), then the renames happen, then the journal goes. A writer
killed before the journal exists changed nothing; one killed after it is finished by the next
writer, which replays the journal. Writers take an exclusive lock on the dataset, so two
`mapview accept` runs queue instead of each merging into a copy the other is replacing;
readers take a shared lock only for the moment the renames happen, so they always see one
consistent version.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mapview.data.errors import DataError, Problem, display_path


def write_atomic(path: Path, text: str | bytes) -> None:
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
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
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


def _one_per_line(records: list[dict[str, Any]]) -> str:
    """A list's items, one compact JSON object per indented line: a diff still shows which
    record changed, and a million records take seconds (json's C encoder), not minutes
    (its indenting one)."""
    return ",\n".join("    " + json.dumps(r, ensure_ascii=False) for r in records)


def dump_record_list(key: str, records: list[dict[str, Any]]) -> str:
    """`{"key": [...]}` with one record per line."""
    lines = _one_per_line(records)
    return f'{{\n  "{key}": [\n' + lines + ("\n" if records else "") + "  ]\n}\n"


def dump_feature_collection(features: list[dict[str, Any]]) -> str:
    """One feature per line: readable, and a diff shows which place changed."""
    lines = _one_per_line(features)
    return '{\n  "type": "FeatureCollection",\n  "features": [\n' + lines + "\n  ]\n}\n"


def append_to_list(text: str, key: str, items: list[Any], item_text: Any) -> str:
    """The JSON object `text` with `items` appended to its list `key`, the rest untouched.

    Records already in a dataset are written back byte for byte, so a dataset kept under
    version control shows only the added lines. When the file's layout does not allow a
    clean splice (another member after the list, say), the whole object is re-dumped.
    """
    data = json.loads(text)
    expected = {**data, key: [*data[key], *items]}
    body = text.rstrip()
    if body.endswith("}") and body[:-1].rstrip().endswith("]"):
        head = body[:-1].rstrip()[:-1].rstrip()
        sep = "" if head.endswith("[") else ","
        added = ",\n".join(item_text(i) for i in items)
        spliced = f"{head}{sep}\n{added}\n  ]\n}}\n" if items else text
        try:
            if json.loads(spliced) == expected:
                return spliced
        except json.JSONDecodeError:
            pass
    return dump_json(expected)


def read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        msg = f"cannot read file: {exc.strerror}"
        raise DataError([Problem(display_path(path), None, None, msg)]) from exc


def read_json(path: Path, raw: bytes | None = None) -> Any:
    """Parse a JSON file (or bytes already read from it), every failure a Problem naming it."""
    name = display_path(path)
    if raw is None:
        raw = read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError([Problem(name, None, None, "file is not UTF-8 text")]) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        msg = f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        raise DataError([Problem(name, None, None, msg)]) from exc
    except RecursionError as exc:
        msg = "JSON nested too deeply to be a mapview file"
        raise DataError([Problem(name, None, None, msg)]) from exc


WRITE_LOCK = ".mapview-write.lock"
COMMIT_LOCK = ".mapview-commit.lock"
JOURNAL = ".mapview-journal.json"
TMP_SUFFIX = ".tmp"


class StorageError(Exception):
    """A write that could not start or finish, phrased for the person running the command."""


def _open_lock(path: Path) -> int | None:
    """A descriptor to flock, or None where the dataset is read-only and nobody can write."""
    for flags in (os.O_RDWR | os.O_CREAT, os.O_RDONLY):
        try:
            return os.open(path, flags, 0o666)
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EROFS, errno.ENOENT, errno.EPERM):
                raise
    return None


@contextmanager
def _flock(path: Path, mode: int, timeout: float, what: str) -> Iterator[None]:
    fd = _open_lock(path)
    if fd is None:
        yield
        return
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StorageError(what) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


@contextmanager
def reading(root: Path, timeout: float = 60.0) -> Iterator[None]:
    """Hold while reading a dataset's files: a commit never lands half-way through the read."""
    root = Path(root)
    if not root.is_dir():
        yield
        return
    busy = f"{root.name}: a writer has held the dataset for {timeout:.0f} s; try again"
    with _flock(root / COMMIT_LOCK, fcntl.LOCK_SH, timeout, busy):
        yield


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_temp(target: Path, text: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TMP_SUFFIX, dir=target.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    return Path(tmp)


def _inside(root: Path, relative: str) -> Path:
    """Resolve a journal entry, refusing anything that would leave the dataset folder."""
    path = (root / relative).resolve()
    if not path.is_relative_to(root.resolve()):
        raise StorageError(f"{JOURNAL}: entry {relative!r} points outside the dataset")
    return path


def _replay(root: Path) -> bool:
    """Finish a commit whose writer died after writing its journal; True if there was one."""
    journal = root / JOURNAL
    if not journal.exists():
        return False
    try:
        steps = json.loads(journal.read_text(encoding="utf-8"))
        renames, removals = steps["renames"], steps["removals"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StorageError(
            f"{root.name}/{JOURNAL} is unreadable ({exc}); restore it or remove it"
        ) from exc
    for tmp, target in renames:
        tmp_path = _inside(root, tmp)
        if tmp_path.exists():
            os.replace(tmp_path, _inside(root, target))
    _fsync_dir(root)
    for folder in removals:
        shutil.rmtree(_inside(root, folder), ignore_errors=True)
    journal.unlink()
    _fsync_dir(root)
    return True


def _sweep(root: Path) -> None:
    """Remove temporary files a writer killed before its journal left behind."""
    for folder in (root, root / "articles", root / "drafts"):
        if folder.is_dir():
            for leftover in folder.glob(f".*{TMP_SUFFIX}"):
                leftover.unlink(missing_ok=True)
            for leftover in folder.glob(".*.tmpdir"):
                shutil.rmtree(leftover, ignore_errors=True)


class Transaction:
    """Changes to several files of one dataset that land together or not at all."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).absolute()  # temp files come back absolute from mkstemp
        self.recovered = False
        self._writes: list[tuple[Path, str]] = []
        self._removals: list[Path] = []

    def write(self, path: Path, text: str) -> None:
        """Queue a file's new content; files land in the order queued."""
        self._writes.append((Path(path).absolute(), text))

    def remove(self, folder: Path) -> None:
        """Queue a folder to delete once every write has landed."""
        self._removals.append(Path(folder).absolute())

    def commit(self) -> None:
        root = self.root
        renames = []
        try:
            for target, text in self._writes:
                if target.exists() and target.read_text(encoding="utf-8") == text:
                    continue  # unchanged: not rewritten, so its mtime and history stay
                tmp = _write_temp(target, text)
                renames.append((tmp, target))
            steps = {
                "renames": [
                    [str(t.relative_to(root)), str(p.relative_to(root))] for t, p in renames
                ],
                "removals": [str(f.relative_to(root)) for f in self._removals],
            }
        except BaseException:
            for tmp, _ in renames:
                tmp.unlink(missing_ok=True)
            raise
        busy = f"{root.name}: readers have held the dataset for 60 s; nothing was changed"
        with _flock(root / COMMIT_LOCK, fcntl.LOCK_EX, 60.0, busy):
            write_atomic(root / JOURNAL, json.dumps(steps))
            _fsync_dir(root)
            _replay(root)
        self._writes, self._removals = [], []


@contextmanager
def writing(root: Path, timeout: float = 120.0) -> Iterator[Transaction]:
    """The one way to change a dataset: exclusive, recovered first, committed as a whole.

    Whatever the block queues on the transaction lands only if the block ends without an
    exception and calls `commit`.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    busy = (
        f"{root.name}: another mapview command has been writing this dataset for "
        f"{timeout:.0f} s; nothing was changed, try again when it has finished"
    )
    with _flock(root / WRITE_LOCK, fcntl.LOCK_EX, timeout, busy):
        tx = Transaction(root)
        with _flock(root / COMMIT_LOCK, fcntl.LOCK_EX, 60.0, busy):
            tx.recovered = _replay(root)
        _sweep(root)
        yield tx
