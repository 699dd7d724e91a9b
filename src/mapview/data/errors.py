"""Problems with input data, phrased so a person can find and fix the record.

Every message names the file, the record and the field, because the people who fix
datasets are analysts with a text editor, not developers with a debugger.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    file: str
    record: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        parts = [self.file]
        if self.record is not None:
            parts.append(f"record {self.record!r}")
        if self.field is not None:
            parts.append(f"field {self.field!r}")
        return ": ".join([*parts, self.message])


class DataError(Exception):
    """Raised with every problem found, not just the first, so one run lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def display_path(path: Path | str) -> str:
    """Paths in messages are relative to the working directory when that is shorter."""
    p = Path(path)
    try:  # abspath, not resolve: a link is named as the user named it, and loops cannot hang
        return str(Path(os.path.abspath(p)).relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(p)
