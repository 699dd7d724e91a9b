from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mapview.cli import main
from tests.conftest import Editor, record


def test_validate_ok(seed_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A good dataset exits 0 with a one-line summary."""
    assert main(["validate", str(seed_dir)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "ok" in out[0] and "12 incident(s)" in out[0]


def test_validate_bad_lists_problems_without_traceback(
    edit_incidents: Editor, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad data exits 1 with one line per problem and no Python traceback."""
    root = edit_incidents(
        lambda d: (
            record(d, "kyiv-missile-barrage").update(place="nowhere"),
            record(d, "crimea-bridge-attack").update(status="rumour"),
        )
    )
    assert main(["validate", str(root)]) == 1
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert "Traceback" not in err
    assert any("'kyiv-missile-barrage': field 'place'" in line for line in lines)


def test_validate_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder that does not exist is a one-line error."""
    assert main(["validate", str(tmp_path / "nope")]) == 1
    assert "dataset folder not found" in capsys.readouterr().err


def test_export_to_stdout_and_file(
    seed_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without -o the export goes to stdout; with -o it lands in the file."""
    assert main(["export", "--format", "geojson", "--data", str(seed_dir)]) == 0
    assert len(json.loads(capsys.readouterr().out)["features"]) == 12
    out = tmp_path / "x.kml"
    assert main(["export", "-f", "kml", "--data", str(seed_dir), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<?xml")


def test_failed_export_keeps_the_old_file(edit_incidents: Editor, tmp_path: Path) -> None:
    """An export that fails validation leaves an existing output file untouched."""
    out = tmp_path / "keep.csv"
    out.write_text("precious", encoding="utf-8")
    root = edit_incidents(lambda d: record(d, "kyiv-missile-barrage").update(place="nowhere"))
    assert main(["export", "-f", "csv", "--data", str(root), "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "precious"


def test_console_script_is_installed() -> None:
    """`mapview` runs as a program, as the README says."""
    exe = Path(sys.executable).with_name("mapview")
    result = subprocess.run([str(exe), "validate"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
