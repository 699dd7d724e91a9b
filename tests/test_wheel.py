"""mapview installed like any Python package: a built wheel in a fresh venv, used from an
empty folder, with nothing of the checkout in reach.

The fresh venv gets mapview from the wheel alone; its dependencies come from the test
venv's site-packages through a plain path entry, which (unlike the test venv's own
site-packages) runs no `.pth` file, so the checkout's editable mapview is not importable.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import free_port, wait_healthy
from tests.test_browser import Page

ROOT = Path(__file__).resolve().parents[1]
REPORT = """Floods in Mozambique

Rivers burst their banks in Beira, Mozambique, on Monday, and roads to Dondo were cut.
"""


class Installed:
    def __init__(self, venv_dir: Path, home: Path) -> None:
        self.bin = venv_dir / "bin"
        self.home = home  # an empty folder, the user's working folder

    def run(
        self, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / "mapview"), *args],
            cwd=self.home,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=600,
        )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    base = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(base)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr
    [wheel] = base.glob("mapview-*.whl")
    fresh = base / "venv"
    venv.EnvBuilder(with_pip=False).create(fresh)
    python = fresh / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
         str(wheel)],
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    # the test venv's packages, as a plain path: no .pth of its runs, so no editable mapview
    deps = sysconfig.get_paths()["purelib"]
    (Path(purelib) / "test-deps.pth").write_text(deps + "\n")
    home = base / "home"
    home.mkdir()
    yield Installed(fresh, home)
    shutil.rmtree(base, ignore_errors=True)


def test_the_wheel_is_mapview_from_the_wheel(installed: Installed) -> None:
    where = subprocess.run(
        [str(installed.bin / "python"), "-c", "import mapview; print(mapview.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "venv" in where and str(ROOT / "src") not in where


def test_validate_and_export_find_the_embedded_dataset(installed: Installed) -> None:
    checked = installed.run("validate")
    assert checked.returncode == 0, checked.stderr
    assert "ok: 1 article(s), 8 place(s), 12 incident(s)" in checked.stdout
    assert "-packages" in checked.stdout  # the copy inside the installed package
    exported = installed.run("export", "--format", "csv")
    assert exported.returncode == 0, exported.stderr
    assert len(exported.stdout.strip().splitlines()) == 13  # a header and 12 incidents


def test_ingest_into_a_new_folder_and_not_into_the_package(installed: Installed) -> None:
    (installed.home / "report.txt").write_text(REPORT)
    refused = installed.run("ingest", "report.txt", "--published", "2019-03-20")
    assert refused.returncode == 1
    assert "pass --data DIR" in refused.stderr and "Traceback" not in refused.stderr
    made = installed.run("ingest", "report.txt", "--published", "2019-03-20", "--data", "mine")
    assert made.returncode == 0, made.stderr
    assert "Beira" in made.stdout
    accepted = installed.run("accept", "--all", "--data", "mine")
    assert accepted.returncode == 0, accepted.stderr
    checked = installed.run("validate", "mine")
    assert checked.returncode == 0 and "0 incident(s)" not in checked.stdout
    assert sorted(p.name for p in installed.home.iterdir()) == ["mine", "report.txt"]


@pytest.mark.browser
def test_serve_from_an_empty_folder_draws_the_map(
    installed: Installed,
    browser: object,
) -> None:
    port = free_port()
    log = installed.home / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(installed.bin / "mapview"), "serve", "--port", str(port), "--address",
             "127.0.0.1"],
            cwd=installed.home,
            stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc, 120, log.read_text(errors="replace"))
        page = Page(browser, url)
        try:
            page.open()
            frame = page.map_frame()
            frame.wait_for_selector('#map_div[data-basemap="loaded"]', timeout=30_000)
            assert page.incidents_drawn() == 12  # the embedded dataset, all of it
            assert page.blocked == [] and page.errors == []
        finally:
            page.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        first = log.read_text(errors="replace").splitlines()[0]
        folder = Path(first.rsplit(" from ", 1)[1])
        shutil.rmtree(folder, ignore_errors=True)  # the app folder this test's server used
    lib = installed.bin.parent / "lib"
    assert not list(lib.glob("python3*/static"))  # nothing written beside site-packages
