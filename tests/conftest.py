"""Fixtures build on each other: the shipped dataset, a writable copy, then broken copies."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mapview.data.dataset import DEFAULT_DATA, Dataset, load_dataset
from mapview.ingest.gazetteer import Gazetteer, load_gazetteer

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return DEFAULT_DATA


@pytest.fixture(scope="session")
def seed(seed_dir: Path) -> Dataset:
    return load_dataset(seed_dir)


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The real offline gazetteer (built into the user cache on first use)."""
    return load_gazetteer()


@pytest.fixture
def data_copy(seed_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "geodata"
    shutil.copytree(seed_dir, target)
    return target


Editor = Callable[[Callable[[Any], None]], Path]


def _json_editor(path: Path) -> Editor:
    """Apply a change to one JSON file of the copied dataset and return the folder."""

    def apply(change: Callable[[Any], None]) -> Path:
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path.parent

    return apply


@pytest.fixture
def edit_incidents(data_copy: Path) -> Editor:
    return _json_editor(data_copy / "incidents.json")


@pytest.fixture
def edit_places(data_copy: Path) -> Editor:
    return _json_editor(data_copy / "places.geojson")


def feature(data: Any, place_id: str) -> dict[str, Any]:
    return next(f for f in data["features"] if f["id"] == place_id)


def record(data: Any, incident_id: str) -> dict[str, Any]:
    return next(i for i in data["incidents"] if i["id"] == incident_id)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless chromium for every browser test of the session (two sync Playwright
    instances cannot run in one process)."""
    from tests.test_browser import CHROMIUM, FLAGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()
