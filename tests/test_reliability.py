"""Nothing saved is lost or half-written: concurrent writers, kills mid-write, hostile input.

Writers here are real processes (forked, so they start in milliseconds) acting on a copy of
the shipped dataset, because locks and renames only show their worth between processes.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import sys
from pathlib import Path
from typing import Any

import pytest

from mapview.cli import main
from mapview.data.dataset import load_dataset
from mapview.data.errors import DataError
from mapview.data.storage import JOURNAL

FORK = multiprocessing.get_context("fork")


def make_draft(root: Path, n: int) -> int:
    """A draft built from the seed article under a new id, with one new place; its size."""
    seed = json.loads(next((root / "articles").glob("*.json")).read_text(encoding="utf-8"))
    seed_id = seed["id"]
    article_id = f"copy-{n}"
    folder = root / "drafts" / article_id
    folder.mkdir(parents=True)
    seed["id"] = article_id
    (folder / "article.json").write_text(json.dumps(seed), encoding="utf-8")
    records = json.loads((root / "incidents.json").read_text(encoding="utf-8"))["incidents"]
    records = [r for r in records if r["article"] == seed_id][:4]
    for r in records:
        r.update(id=f"{r['id']}-c{n}", article=article_id, status="unreviewed")
    records[0]["place"] = f"extra-{n}"
    (folder / "incidents.json").write_text(json.dumps({"incidents": records}), encoding="utf-8")
    place = {
        "type": "Feature",
        "id": f"extra-{n}",
        "properties": {"name": f"Extra {n}", "kind": "village", "source": "test fixture"},
        "geometry": {"type": "Point", "coordinates": [36.0 + n / 100, 50.5]},
    }
    collection = {"type": "FeatureCollection", "features": [place]}
    (folder / "places.geojson").write_text(json.dumps(collection), encoding="utf-8")
    return len(records)


def _run_cli(argv: list[str]) -> None:
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - the child exits below
    os._exit(main(argv))


def run_in_child(argv: list[str]) -> int:
    proc = FORK.Process(target=_run_cli, args=(argv,))
    proc.start()
    proc.join(120)
    assert proc.exitcode is not None, "child did not finish"
    return proc.exitcode


def snapshot(root: Path, *, temporary: bool = True) -> dict[str, bytes]:
    """Every file's bytes (lock files aside); without `temporary`, only the visible files."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
        and not p.name.startswith(".mapview-")
        and (temporary or not any(part.startswith(".") for part in p.relative_to(root).parts))
    }


@pytest.mark.parametrize("trial", range(3))
def test_concurrent_accepts_lose_nothing(data_copy: Path, trial: int) -> None:
    """Four accepts started together (each its own process) all land; none is lost."""
    before = len(load_dataset(data_copy).incidents)
    sizes = [make_draft(data_copy, n) for n in range(4)]
    procs = [
        FORK.Process(target=_run_cli, args=(["accept", f"copy-{n}", "--data", str(data_copy)],))
        for n in range(4)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    dataset = load_dataset(data_copy)
    assert len(dataset.incidents) == before + sum(sizes)
    assert {f"copy-{n}" for n in range(4)} <= set(dataset.articles)
    assert {f"extra-{n}" for n in range(4)} <= set(dataset.places)
    assert not any((data_copy / "drafts").iterdir())


def _killed_at(step: int, argv: list[str]) -> None:
    """Run the CLI, dying by SIGKILL just before its `step`-th file-system change."""
    count = 0

    def wrap(name: str) -> None:
        real = getattr(os, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            nonlocal count
            count += 1
            if count == step:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)

        setattr(os, name, counted)

    for name in ("replace", "rename", "unlink", "rmdir", "fsync", "mkdir"):
        wrap(name)
    _run_cli(argv)


def test_kill_at_every_write_of_accept_leaves_old_or_new_and_retry_works(
    data_copy: Path, tmp_path: Path
) -> None:
    """SIGKILL before each file-system step of accept: the dataset is always valid and either
    all old or all new, and running accept again finishes the job."""
    make_draft(data_copy, 1)
    old = snapshot(data_copy)
    done = tmp_path / "done"
    shutil.copytree(data_copy, done)
    assert main(["accept", "copy-1", "--data", str(done)]) == 0
    new = snapshot(done)
    steps = 0
    for step in range(1, 200):
        trial = tmp_path / f"kill-{step}"
        shutil.copytree(data_copy, trial)
        proc = FORK.Process(
            target=_killed_at, args=(step, ["accept", "copy-1", "--data", str(trial)])
        )
        proc.start()
        proc.join(120)
        if proc.exitcode == 0:  # the run finished before reaching this step: all covered
            break
        assert proc.exitcode == -signal.SIGKILL
        steps += 1
        state = snapshot(trial, temporary=False)
        load_dataset(trial)  # valid, whatever moment the kill came
        if not (trial / JOURNAL).exists():  # no journal: none of the change, or all of it
            assert state in (old, snapshot(done, temporary=False)), f"kill at step {step}"
        assert main(["accept", "copy-1", "--data", str(trial)]) == 0
        assert snapshot(trial) == new, f"retry after a kill at step {step}"
        shutil.rmtree(trial)
    assert steps >= 8  # the writes of accept were really interrupted, many times


@pytest.mark.parametrize(
    "draft_id", ["../../somewhere", "..", "/tmp", "copy-1/../../x", "Copy-1", "a b", ""]
)
def test_accept_never_reads_or_deletes_outside_drafts(
    data_copy: Path, tmp_path: Path, draft_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Draft ids are slugs: a path never names a folder to merge or delete."""
    victim = tmp_path / "somewhere"
    make_draft(data_copy, 1)
    shutil.copytree(data_copy / "drafts" / "copy-1", victim)
    before = snapshot(data_copy)
    assert main(["accept", draft_id, "--data", str(data_copy)]) == 1
    assert victim.is_dir() and (victim / "incidents.json").exists()
    assert snapshot(data_copy) == before
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "target", ["incidents.json", "places.geojson", "articles/x.json", "drafts/y.json"]
)
def test_export_never_writes_over_dataset_files(
    data_copy: Path, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Export refuses a dataset file as its output and leaves the dataset as it was."""
    before = snapshot(data_copy)
    out = data_copy / target
    assert main(["export", "-f", "csv", "--data", str(data_copy), "-o", str(out)]) == 1
    assert "part of the dataset" in capsys.readouterr().err
    assert snapshot(data_copy) == before
    load_dataset(data_copy)


def test_accept_without_new_places_leaves_places_file_byte_identical(data_copy: Path) -> None:
    """A write changes only what it must: a version-controlled dataset diffs cleanly."""
    make_draft(data_copy, 1)
    (data_copy / "drafts" / "copy-1" / "places.geojson").write_text(
        '{"type": "FeatureCollection", "features": []}', encoding="utf-8"
    )
    incidents = data_copy / "drafts" / "copy-1" / "incidents.json"
    data = json.loads(incidents.read_text(encoding="utf-8"))
    data["incidents"][0]["place"] = "kozinka"
    incidents.write_text(json.dumps(data), encoding="utf-8")
    places_before = (data_copy / "places.geojson").read_bytes()
    incidents_before = (data_copy / "incidents.json").read_text(encoding="utf-8")
    assert main(["accept", "copy-1", "--data", str(data_copy)]) == 0
    assert (data_copy / "places.geojson").read_bytes() == places_before
    after = (data_copy / "incidents.json").read_text(encoding="utf-8")
    # the old records are written back unchanged; the new ones follow them
    assert after.startswith(incidents_before.rstrip().removesuffix("]\n}").rstrip("]}\n "))


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("name", ["incidents.json", "places.geojson"])
def test_deeply_nested_json_is_a_clean_error(
    data_copy: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_copy / name).write_text(_nested(100_000), encoding="utf-8")
    assert main(["validate", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "nested too deeply" in err and name in err and "Traceback" not in err


def test_symlink_loop_is_a_clean_error(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data_copy / "incidents.json").unlink()
    (data_copy / "incidents.json").symlink_to(data_copy / "loop")
    (data_copy / "loop").symlink_to(data_copy / "incidents.json")
    assert main(["validate", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "incidents.json" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "coordinates", [["35.6", "50.4"], [35.6, "50.4"], [True, 50.4], [None, 50.4]]
)
def test_coordinates_must_be_numbers(
    edit_places: Any, coordinates: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    def change(data: Any) -> None:
        feature = next(f for f in data["features"] if f["id"] == "kozinka")
        feature["geometry"]["coordinates"] = coordinates

    root = edit_places(change)
    with pytest.raises(DataError) as err:
        load_dataset(root)
    messages = [str(p) for p in err.value.problems]
    assert len(messages) == 1, messages  # the place, once: no follow-on line per incident
    assert "'kozinka': field 'geometry'" in messages[0]
    assert "numbers" in messages[0]


def test_accept_error_names_the_draft_file_not_a_temporary_copy(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_draft(data_copy, 1)
    incidents = data_copy / "drafts" / "copy-1" / "incidents.json"
    data = json.loads(incidents.read_text(encoding="utf-8"))
    data["incidents"][1]["place"] = "atlantis"
    incidents.write_text(json.dumps(data), encoding="utf-8")
    before = snapshot(data_copy)
    assert main(["accept", "copy-1", "--data", str(data_copy)]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    assert "drafts/copy-1/incidents.json" in lines[0] and "'atlantis'" in lines[0]
    assert "tmp" not in lines[0].replace(str(data_copy), "")
    assert snapshot(data_copy) == before


def test_bad_article_id_is_one_plain_line(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = Path(__file__).parent / "data" / "articles" / "kharkiv-drones.txt"
    argv = ["ingest", str(article), "--published", "2024-05-01", "--data", str(data_copy)]
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--id", "Bad Id!"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "'Bad Id!' is not an article id" in err
    assert "http" not in err and "Traceback" not in err


def _hold_lock(root: Path, held: Any, release: Any) -> None:
    from mapview.data.storage import writing

    with writing(root):
        held.set()
        release.wait(60)
    os._exit(0)


def test_a_second_writer_waits_for_the_first(data_copy: Path) -> None:
    """While one process holds the writer lock, another's accept waits, then lands."""
    make_draft(data_copy, 1)
    held, release = FORK.Event(), FORK.Event()
    holder = FORK.Process(target=_hold_lock, args=(data_copy, held, release))
    holder.start()
    assert held.wait(30)
    proc = FORK.Process(target=_run_cli, args=(["accept", "copy-1", "--data", str(data_copy)],))
    proc.start()
    proc.join(1.0)
    assert proc.exitcode is None  # still waiting for the lock
    assert (data_copy / "drafts" / "copy-1").is_dir()
    release.set()
    holder.join(30)
    proc.join(60)
    assert proc.exitcode == 0
    assert "copy-1" in load_dataset(data_copy).articles
