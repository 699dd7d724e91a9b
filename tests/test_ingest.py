from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from mapview.cli import main
from mapview.data.article import build_article
from mapview.data.dataset import Dataset, load_dataset
from mapview.data.seed import DESIGN_CARD_PLACES
from mapview.ingest import IngestError, draft, read_source
from mapview.ingest.gazetteer import Gazetteer
from mapview.ingest.mentions import find_mentions

ARTICLES = Path(__file__).parent / "data" / "articles"
PUBLISHED = date(2024, 5, 18)


@pytest.fixture(scope="module")
def kharkiv(gazetteer: Gazetteer, seed: Dataset):  # type: ignore[no-untyped-def]
    text = (ARTICLES / "kharkiv-drones.txt").read_text(encoding="utf-8")
    article = build_article(text, article_id="kharkiv", publisher="Example", published=PUBLISHED)
    return article, draft(article, seed, gazetteer)


def _names(text: str, gazetteer: Gazetteer, seed: Dataset) -> list[tuple[str, str]]:
    article = build_article(text, article_id="t", publisher="P", published=PUBLISHED)
    found = find_mentions(article, gazetteer.with_curated(seed.places))
    return [(m.text, m.candidate.country) for m in found]


def test_mentions_carry_offsets(kharkiv) -> None:  # type: ignore[no-untyped-def]
    """Every drafted passage is the paragraph's text at its offsets."""
    article, result = kharkiv
    for inc in result.incidents:
        for p in inc.passages:
            assert article.paragraph(p.paragraph).text[p.start : p.end] == p.text


def test_geonames_places_resolve_with_ids(kharkiv) -> None:  # type: ignore[no-untyped-def]
    """Kharkiv and Vovchansk come from GeoNames with their ids and coordinates."""
    _, result = kharkiv
    by_name = {p.name: p for p in result.places.values()}
    assert by_name["Kharkiv"].geonames_id == 706483
    assert by_name["Vovchansk"].geonames_id == 689304
    point = by_name["Vovchansk"].geometry
    assert 36.9 < point.x < 37.0 and 50.2 < point.y < 50.4


def test_curated_places_win(kharkiv) -> None:  # type: ignore[no-untyped-def]
    """Kyiv resolves to the dataset's own entry, not a new copy; "In Belgorod" names the
    city, which the curated border zone (answering to "Belgorod region") does not stand for."""
    _, result = kharkiv
    places = {inc.place for inc in result.incidents}
    assert {"belgorod", "kyiv"} <= places
    assert "kyiv" not in result.places
    assert result.places["belgorod"].geonames_id == 578072


def test_dates_attach_to_their_place(kharkiv) -> None:  # type: ignore[no-untyped-def]
    """Vovchansk is dated Friday 17 May, Kharkiv overnight into Saturday 18 May."""
    _, result = kharkiv
    by_place = {inc.place: inc for inc in result.incidents}
    assert by_place["vovchansk"].date_start == date(2024, 5, 17)
    assert (by_place["kharkiv"].date_start, by_place["kharkiv"].date_end) == (
        date(2024, 5, 17),
        date(2024, 5, 18),
    )
    assert by_place["belgorod"].date_start == date(2024, 5, 16)  # Thursday


def test_drafts_are_unreviewed_with_confidence(kharkiv) -> None:  # type: ignore[no-untyped-def]
    """Machine readings never claim more than a person has checked, and never put words in
    the publisher's mouth: "unverified" would say the publisher could not verify it."""
    _, result = kharkiv
    assert {inc.status for inc in result.incidents} == {"unreviewed"}
    assert all(0 < (inc.confidence or 0) <= 1 for inc in result.incidents)


def test_categories_from_wording(kharkiv) -> None:  # type: ignore[no-untyped-def]
    """Drones, shelling and casualties get their categories from the sentence."""
    _, result = kharkiv
    by_place = {inc.place: inc.category for inc in result.incidents}
    assert by_place["kharkiv"] == "drone-attack"
    assert by_place["vovchansk"] == "shelling"


def test_person_names_are_not_places(gazetteer: Gazetteer, seed: Dataset) -> None:
    """Vladimir Putin is not Vladimir the city; Anna in a byline is not Anna, Russia."""
    found = _names(
        "The strike came as President Vladimir Putin spoke. Vladimir Putin said Moscow would "
        "respond. Anna Chernova reported from Moscow.",
        gazetteer,
        seed,
    )
    assert [name for name, _ in found] == ["Moscow", "Moscow"]


def test_demonyms_and_countries_are_context_not_places(gazetteer: Gazetteer, seed: Dataset) -> None:
    """ "Russian" and "Ukraine" choose Moscow, Russia, and are not mapped themselves."""
    found = _names("Russian officials said Ukraine sent drones to Moscow.", gazetteer, seed)
    assert found == [("Moscow", "RU")]


def test_moscow_idaho_when_the_context_says_so(gazetteer: Gazetteer) -> None:
    """With the United States named and no Russia, Moscow is the Idaho city."""
    article = build_article(
        "Police in Moscow, a college town in the United States, said on Monday that roads "
        "near Lewiston were closed.",
        article_id="t",
        publisher="P",
        published=PUBLISHED,
    )
    found = find_mentions(article, gazetteer)
    moscow = next(m for m in found if m.text == "Moscow")
    assert moscow.candidate.country == "US" and moscow.candidate.population > 20_000


def test_adjectival_place_is_not_an_event_place(gazetteer: Gazetteer, seed: Dataset) -> None:
    """A "Kyiv-based group" says where the group sits, not where anything happened."""
    assert _names("A Kyiv-based group said fighting continued.", gazetteer, seed) == []


def test_seed_places_all_found(gazetteer: Gazetteer, seed: Dataset) -> None:
    """Ingesting the seed report finds the six places of the design card and no others."""
    article = seed.articles["cnn-2023-05-23-belgorod-raid"].model_copy(update={"id": "again"})
    result = draft(article, Dataset(seed.root, {}, seed.places, []), gazetteer)
    found = {inc.place for inc in result.incidents}
    assert set(DESIGN_CARD_PLACES) <= found
    assert found <= set(seed.places)
    assert result.places == {}


def test_html_article_uses_page_metadata() -> None:
    """An HTML page gives its main text, its title and its date; navigation is left out."""
    text, title, found = read_source((ARTICLES / "kharkiv-drones.html").read_bytes(), "x.html")
    assert title == "Drone strikes hit Kharkiv as shelling continues near the border"
    assert found == PUBLISHED
    assert "Vovchansk" in text and "Home" not in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ((ARTICLES / "nav-only.html").read_bytes(), "no article body"),
        (b"x" * 5_000_001, "too large"),
    ],
)
def test_bad_input_is_a_clear_error(content: bytes, message: str) -> None:
    """Empty, binary, oversized and bodiless inputs are refused with a reason."""
    with pytest.raises(IngestError, match=message):
        read_source(content, "input")


def _ingest_args(data: Path, *extra: str) -> list[str]:
    article = str(ARTICLES / "kharkiv-drones.txt")
    return ["ingest", article, "--published", "2024-05-18", "--data", str(data), *extra]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_ingest_then_accept(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """ingest writes drafts only; accept merges them and the dataset still validates."""
    before = (data_copy / "incidents.json").read_text(encoding="utf-8")
    code, out, err = _run(
        _ingest_args(data_copy, "--id", "kharkiv", "--publisher", "Example"), capsys
    )
    assert code == 0, err
    assert (data_copy / "drafts" / "kharkiv" / "incidents.json").exists()
    assert (data_copy / "incidents.json").read_text(encoding="utf-8") == before
    code, out, err = _run(["accept", "kharkiv", "--data", str(data_copy)], capsys)
    assert code == 0, err
    assert "accepted kharkiv" in out
    dataset = load_dataset(data_copy)
    assert "kharkiv" in dataset.articles
    assert any(i.place == "vovchansk" for i in dataset.incidents)
    assert not (data_copy / "drafts" / "kharkiv").exists()


def test_cli_refuses_to_overwrite_reviewed_article(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An article id that is already reviewed data is refused, and nothing is written."""
    code, _, err = _run(_ingest_args(data_copy, "--id", "cnn-2023-05-23-belgorod-raid"), capsys)
    assert code == 1 and "never overwritten" in err
    assert not (data_copy / "drafts").exists()


@pytest.mark.parametrize("bad", ["23/05/2023", "yesterday", "2023-02-30"])
def test_cli_bad_published_date(
    bad: str, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unparseable --published is a usage error before anything is read or written."""
    with pytest.raises(SystemExit) as exc:
        article = str(ARTICLES / "kharkiv-drones.txt")
        main(["ingest", article, "--published", bad, "--data", str(data_copy)])
    assert exc.value.code == 2
    assert "is not a date" in capsys.readouterr().err
    assert not (data_copy / "drafts").exists()


def test_cli_binary_file(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A binary file is one line of error and exit 1."""
    blob = tmp_path / "photo.jpg"
    blob.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 10)
    code, _, err = _run(
        ["ingest", str(blob), "--published", "2024-05-18", "--data", str(data_copy)], capsys
    )
    assert code == 1 and "binary" in err and "Traceback" not in err
    assert not (data_copy / "drafts").exists()


def test_accept_rejects_a_broken_draft(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A draft edited into an invalid state is refused whole; the dataset is untouched."""
    assert main(_ingest_args(data_copy, "--id", "kharkiv")) == 0
    path = data_copy / "drafts" / "kharkiv" / "incidents.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["incidents"][0]["place"] = "nowhere"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in data_copy.glob("*.*")}
    code, _, err = _run(["accept", "kharkiv", "--data", str(data_copy)], capsys)
    assert code == 1 and "unknown place id 'nowhere'" in err
    assert {p.name: p.read_bytes() for p in data_copy.glob("*.*")} == before
    assert not (data_copy / "articles" / "kharkiv.json").exists()


def test_cli_reads_standard_input(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`mapview ingest -` takes the article from standard input."""
    import io
    import sys

    raw = (ARTICLES / "kharkiv-drones.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    code, out, err = _run(
        ["ingest", "-", "--published", "2024-05-18", "--data", str(data_copy), "--id", "piped"],
        capsys,
    )
    assert code == 0, err
    assert "4 draft incident(s)" in out
    assert (data_copy / "drafts" / "piped" / "article.json").exists()


def test_another_versions_index_in_use_is_kept_and_a_stale_one_goes(tmp_path: Path) -> None:
    """Two mapview versions on one machine share the cache: each keeps the other's index
    while it is in use, so neither rebuilds it for minutes; one unused for a month goes."""
    import os

    from mapview.ingest.gazetteer import STALE_DAYS, remove_stale

    mine = tmp_path / "gazetteer-v7-a.sqlite"
    recent, old = tmp_path / "gazetteer-v6-a.sqlite", tmp_path / "gazetteer-v5-a.sqlite"
    old_areas = tmp_path / "gazetteer-v5-a-areas.sqlite"
    for path in (mine, recent, old, old_areas):
        path.write_bytes(b"x")
    now = 2_000_000_000.0
    os.utime(recent, (now - 86_400, now - 86_400))
    for path in (old, old_areas):
        os.utime(path, (now - (STALE_DAYS + 1) * 86_400,) * 2)
    half_built = tmp_path / ".gazetteer-v7-a.sqlite.x1y2"  # a build killed yesterday
    half_built.write_bytes(b"x")
    os.utime(half_built, (now - 2 * 86_400,) * 2)
    gone = sorted(p.name for p in remove_stale(mine, now))
    assert gone == sorted([half_built.name, old_areas.name, old.name])
    assert mine.exists() and recent.exists() and not old.exists()
