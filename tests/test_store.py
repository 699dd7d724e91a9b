"""The columnar store: built from a dataset folder and back without loss, queried with
DuckDB, fed by ingest on a Dask LocalCluster, its drafts accepted all or nothing."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pyarrow.parquet as pq
import pytest
from streamlit.testing.v1 import AppTest

from mapview.cli import main
from mapview.data.dataset import Dataset, load_dataset
from mapview.store import Store, StoreError, build_store, export_store
from mapview.store import period as period_module
from mapview.store.ingest import RunReport, commit_drafts, draft_report, expand, read_report
from mapview.store.period import Period, choose_period, month_counts, period_folder
from mapview.store.review import accept_all
from mapview.store.store import DRAFT_TABLES, MANIFEST, committing, compact, create_store
from tests.servers import APP_DIR

CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus" / "test"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory, seed_dir: Path) -> Path:
    return build_store(seed_dir, tmp_path_factory.mktemp("stores") / "seed").root


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_dataset_comes_back_from_its_store_byte_for_byte(
    seed_dir: Path, seed_store: Path, tmp_path: Path
) -> None:
    out = export_store(seed_store, tmp_path / "back")
    assert _files(out) == _files(seed_dir)


def test_incidents_are_geoparquet_partitioned_by_month(seed_store: Path) -> None:
    store = Store.open(seed_store)
    parts = store.files("incidents")
    assert {p.parent.name for p in parts} == {"month=2022-10", "month=2022-12", "month=2023-05"}
    geo = json.loads(pq.read_metadata(parts[0]).metadata[b"geo"])
    assert geo["primary_column"] == "geometry"
    assert geo["columns"]["geometry"]["encoding"] == "WKB"
    frame = gpd.read_parquet(parts[0])  # any GeoParquet reader gets the shapes and the CRS
    assert frame.crs.equals("OGC:CRS84") and not frame.geometry.is_empty.any()
    assert set(geo["columns"]["geometry"]["geometry_types"]) == set(frame.geom_type)
    assert store.count("incidents") == 12 and store.count("places") == 8


def _query(store: Path, sql: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, str]]:
    assert main(["query", "--store", str(store), sql]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_query_answers_sql_over_the_tables_as_csv(
    seed_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _query(
        seed_store,
        "SELECT i.month, count(*) AS n FROM incidents i JOIN places p ON p.id = i.place "
        "WHERE p.kind = 'village' GROUP BY 1 ORDER BY 1",
        capsys,
    )
    assert rows and all(int(r["n"]) > 0 for r in rows)
    [row] = _query(seed_store, "SELECT count(DISTINCT article) AS a FROM passages", capsys)
    assert row["a"] == "1"
    assert main(["query", "--store", str(seed_store), "SELECT * FROM nowhere"]) == 1
    assert "query failed" in capsys.readouterr().err


def test_a_broken_dataset_builds_no_store(edit_incidents, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = edit_incidents(lambda d: d["incidents"][0].update(place="nowhere"))
    code = main(["store", "build", "--data", str(broken), "--store", str(tmp_path / "s")])
    assert code == 1 and not (tmp_path / "s").exists()


def test_a_failed_commit_leaves_the_manifest_as_it_was(seed_store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(seed_store, copy)
    before = (copy / MANIFEST).read_bytes()
    with pytest.raises(RuntimeError), committing(copy) as manifest:
        manifest["tables"]["incidents"] = []
        raise RuntimeError("killed half-way")
    assert (copy / MANIFEST).read_bytes() == before
    assert Store.open(copy).count("incidents") == 12


def test_a_store_folder_that_is_not_one_is_named(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="not a mapview store"):
        Store.open(tmp_path)


def _corpus(folder: Path, names: list[str]) -> Path:
    """Reports of the test corpus with their dates in sidecars, and one that cannot be read."""
    folder.mkdir()
    for name in names:
        gold = json.loads((CORPUS / f"{name}.gold.json").read_text())
        shutil.copyfile(CORPUS / gold["file"], folder / gold["file"])
        sidecar = {"published": gold["published"], "publisher": gold["publisher"]}
        (folder / f"{gold['file']}.json").write_text(json.dumps(sidecar))
    (folder / "empty.txt").write_text("\n")
    return folder


def test_a_corpus_runs_on_a_local_cluster_into_a_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two workers draft three reports; the unreadable one is listed and the rest land;
    a rerun skips them all; accept --all makes them incidents; export gives a dataset that
    validates, DuckDB finds the incidents by month and by box, and the dashboard opens on
    the store."""
    reports = _corpus(tmp_path / "in", ["karabakh-exodus", "haiti-port-au-prince"])
    store = tmp_path / "store"
    args = ["ingest", str(reports), "--store", str(store), "--workers", "2"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "2 ingested" in out and "1 failed" in out and "empty.txt" in out
    [row] = _query(store, "SELECT count(DISTINCT article) AS a FROM draft_incidents", capsys)
    assert row["a"] == "2"
    assert main(args) == 0
    assert "0 ingested" in (out := capsys.readouterr().out) and "2 skipped as unchanged" in out
    assert main(["accept", "--all", "--store", str(store)]) == 0
    capsys.readouterr()
    [row] = _query(
        store,
        "SELECT (SELECT count(*) FROM draft_incidents) AS waiting, count(*) AS n, "
        "count(*) FILTER (WHERE lon BETWEEN -75 AND -71 AND lat BETWEEN 17 AND 20.5) AS haiti "
        "FROM incidents",
        capsys,
    )
    assert row["waiting"] == "0" and int(row["n"]) > 10 and int(row["haiti"]) > 0
    back = export_store(store, tmp_path / "back")
    dataset = load_dataset(back)
    assert len(dataset.articles) == 2 and len(dataset.incidents) == int(row["n"])
    monkeypatch.setenv("MAPVIEW_DATA", str(store))
    monkeypatch.setenv("MAPVIEW_CACHE", str(tmp_path / "cache"))  # where periods are exported
    at = AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=60).run().run()
    assert not at.exception
    n = row["n"]
    assert f"{n} of {n} incidents" in " ".join(c.value for c in at.caption)


# -- periods: the dashboard's bounded view of a store ---------------------------------------


def test_a_period_is_the_latest_months_that_fit_the_limit() -> None:
    counts = {"2023-01": 500, "2023-02": 300, "2023-03": 400}
    assert choose_period(counts, None, limit=800) == (Period("2023-02", "2023-03"), False)
    # a wish over the limit keeps its latest months and says it was cut
    assert choose_period(counts, Period("2023-01", "2023-03"), 800) == (
        Period("2023-02", "2023-03"),
        True,
    )
    assert choose_period(counts, Period("2023-01", "2023-02"), 800) == (
        Period("2023-01", "2023-02"),
        False,
    )
    # a month over the limit on its own is still loaded: it is the store's smallest part
    assert choose_period(counts, Period("2023-01", "2023-01"), 100)[0] == Period(
        "2023-01", "2023-01"
    )
    # a wish outside the store: its nearest month
    assert choose_period(counts, Period("2021-01", "2021-05"), 800) == (
        Period("2023-01", "2023-01"),
        True,
    )
    assert choose_period({}, None) == (None, False)


def test_a_period_in_a_link_is_read_strictly() -> None:
    assert Period.parse("2023-03..2023-01") == Period("2023-01", "2023-03")
    assert Period.parse("2023-02") == Period("2023-02", "2023-02")
    assert Period.parse("2023-13") is None and Period.parse("2023-01..soon") is None
    assert Period("2023-01", "2023-03").label == "Jan 2023 to Mar 2023"


def test_months_are_counted_from_the_parts_footers(
    seed_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _query(seed_store, "SELECT month, count(*) AS n FROM incidents GROUP BY 1", capsys)
    assert month_counts(Store.open(seed_store)) == {r["month"]: int(r["n"]) for r in rows}


def test_a_period_exports_its_months_with_the_places_and_reports_they_name(
    seed_store: Path, seed: Dataset, tmp_path: Path
) -> None:
    folder = period_folder(seed_store, Period("2023-05", "2023-05"), tmp_path)
    part = load_dataset(folder)
    wanted = [i.id for i in seed.incidents if f"{i.date_start:%Y-%m}" == "2023-05"]
    assert [i.id for i in part.incidents] == wanted and 0 < len(wanted) < len(seed.incidents)
    assert set(part.places) == {i.place for i in part.incidents} < set(seed.places)
    assert period_folder(seed_store, Period("2023-05", "2023-05"), tmp_path) == folder


def test_old_period_exports_are_pruned(
    seed_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(period_module, "KEEP_PERIODS", 2)
    for month in ("2022-10", "2022-12", "2023-05"):
        last = period_folder(seed_store, Period(month, month), tmp_path)
    assert sorted(p.name[-7:] for p in tmp_path.iterdir()) == ["2022-12", "2023-05"]
    assert last.is_dir()


@pytest.fixture
def period_app(
    seed_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[[dict[str, str]], AppTest]:
    """The page on the seed's store with a limit of 5 incidents at a time: the store's
    May 2023 alone fills it."""
    monkeypatch.setenv("MAPVIEW_DATA", str(seed_store))
    monkeypatch.setenv("MAPVIEW_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(period_module, "PERIOD_LIMIT", 5)

    def open_with(query: dict[str, str]) -> AppTest:
        at = AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=60)
        at.query_params.update(query)
        return at.run().run()

    return open_with


def _counts(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def test_the_page_on_a_store_loads_its_latest_months_and_shares_them(
    period_app: Callable[[dict[str, str]], AppTest], seed: Dataset
) -> None:
    at = period_app({})
    assert not at.exception
    may = sum(f"{i.date_start:%Y-%m}" == "2023-05" for i in seed.incidents)
    assert f"{may} of {may} incidents" in _counts(at)
    assert f"{may} of the store's {len(seed.incidents)} incidents" in _counts(at)
    assert at.query_params["period"] == "2023-05"
    at = period_app({"period": "2022-10..2022-12"})  # a colleague's link
    old = sum(i.date_start.year == 2022 for i in seed.incidents)
    assert f"{old} of {old} incidents" in _counts(at) and not at.warning
    assert at.query_params["period"] == "2022-10..2022-12"


def test_picking_months_over_the_limit_loads_the_latest_that_fit_and_says_so(
    period_app: Callable[[dict[str, str]], AppTest], seed: Dataset
) -> None:
    at = period_app({"period": "2022-10..2022-12", "start": "2022-12-01"})
    at.select_slider(key="w_period_2022-10..2022-12").set_value(("2022-10", "2023-05")).run()
    assert not at.exception
    assert "Oct 2022 to May 2023 holds more than 5 incidents" in at.warning[0].value
    assert at.query_params["period"] == "2023-05"
    assert "start" not in at.query_params  # the old months' window went with them
    at = period_app({"period": "soon"})
    assert "is not a month range" in at.warning[0].value


def test_the_review_page_lists_a_stores_drafts_and_accepts_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports = _corpus(tmp_path / "in", ["haiti-port-au-prince"])
    store = create_store(tmp_path / "store").root
    [path] = [p for p in expand([str(reports)]) if p.name != "empty.txt"]
    commit_drafts(store, [draft_report(read_report(path, None, "Test"))], RunReport())
    monkeypatch.setenv("MAPVIEW_DATA", str(store))
    review_app = Path(__file__).with_name("review_app.py")
    at = AppTest.from_file(str(review_app), default_timeout=60).run()
    assert not at.exception
    assert at.subheader[0].value == "1 draft(s) waiting"
    drafted = len(at.dataframe[1].value)  # the chosen draft's incidents, with their places
    assert drafted > 0 and at.dataframe[1].value["place"].notna().all()
    at.button(key="rv_store_accept").click().run()
    assert (
        "Published 1 draft(s)" in at.success[0].value and "0 still waiting" in at.success[0].value
    )
    assert Store.open(store).count("drafts/articles") == 0
    assert Store.open(store).count("incidents") == drafted
    assert at.info[0].value == "No drafts are waiting."


def test_small_parts_are_merged_into_one_per_table_and_month(tmp_path: Path) -> None:
    """Each ingest batch adds its own small parts; compacting leaves one per table (and
    month), with every row, and drafts still accept."""
    reports = _corpus(tmp_path / "in", ["haiti-port-au-prince", "karabakh-exodus"])
    store = create_store(tmp_path / "store").root
    for path in [p for p in expand([str(reports)]) if p.name != "empty.txt"]:
        commit_drafts(store, [draft_report(read_report(path, None, "Test"))], RunReport())
    before = Store.open(store)
    assert len(before.files("drafts/articles")) == 2
    rows = {t: before.count(t) for t in DRAFT_TABLES}
    assert compact(store, DRAFT_TABLES) > 0
    after = Store.open(store)
    assert len(after.files("drafts/articles")) == 1
    months = [p.parent.name for p in after.files("drafts/incidents")]
    assert len(months) == len(set(months))  # one part per month
    assert {t: after.count(t) for t in DRAFT_TABLES} == rows
    live = {p for t in DRAFT_TABLES for p in after.files(t)}
    assert set((store / "drafts").rglob("*.parquet")) == live  # the merged parts are gone
    assert len(accept_all(store).accepted) == 2
