from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from mapview.data.article import Article, build_article, classify, clean_text, load_article
from mapview.data.errors import DataError
from mapview.data.seed import SEED_ID, build_seed_article


@pytest.fixture(scope="module")
def cleaned(seed_dir: Path) -> Article:
    return build_seed_article(seed_dir / "sources" / f"{SEED_ID}.txt")


def test_shipped_article_is_what_the_cleaner_makes(cleaned: Article, seed_dir: Path) -> None:
    """The embedded article JSON is the cleaner's output on the raw copy, not a hand edit."""
    shipped = json.loads((seed_dir / "articles" / f"{SEED_ID}.json").read_text("utf-8"))
    assert shipped == cleaned.model_dump(mode="json", exclude_none=True)


def test_entities_are_decoded_and_tags_removed(cleaned: Article) -> None:
    """The video caption's &#8217; becomes ’ and its <span> markup disappears."""
    text = " ".join(p.text for p in cleaned.paragraphs)
    assert "&#8217;" not in text and "<span" not in text
    assert any(
        p.text.startswith("This is the destructive impact of Ukraine’s") for p in cleaned.paragraphs
    )


def test_page_leftovers_are_classified_not_dropped(cleaned: Article) -> None:
    """Alt text, credits, the video caption and the comment footer are kept, marked as such."""
    kinds = {p.text: p.kind for p in cleaned.paragraphs}
    assert kinds["belgorod russia attack"] == "caption"
    assert kinds["kremlin drone"] == "caption"
    assert kinds["This is the destructive impact of Ukraine’s secret weapons 2:40"] == "caption"
    assert kinds["Leave a Comment"] == "boilerplate"
    assert (
        kinds["Your email address will not be published. Required fields are marked *"]
        == "boilerplate"
    )
    credit = next(t for t in kinds if t.startswith("A helicopter flies over"))
    assert kinds[credit] == "caption"


def test_a_statements_contact_line_is_boilerplate() -> None:
    """ "Contact: press office, …, Dakar" closing a statement says where to call, not where
    anything happened (Dakar had been drafted as an event place)."""
    for line in (
        "Contact: press office, Sahel Civilian Protection Coalition, Dakar.",
        "Media enquiries: press@example.org",
        "Press contact: communications unit, Maputo",
    ):
        assert classify(line, first=False, had_media_tag=False) == "boilerplate"
    body = "Contacts between the two delegations resumed in Doha on Monday."
    assert classify(body, first=False, had_media_tag=False) == "body"


def test_headings_title_and_body(cleaned: Article) -> None:
    """The headline is the title, the question lines are headings, the rest is body."""
    assert cleaned.paragraphs[0].kind == "title"
    assert cleaned.paragraph("p7").text == "What happened in Belgorod?"
    assert cleaned.paragraph("p7").kind == "heading"
    body = [p for p in cleaned.paragraphs if p.kind == "body"]
    assert len(body) == 37
    assert body[0].text.startswith("(CNN) — An apparent attack")


def test_paragraph_ids_are_stable_and_sequential(cleaned: Article) -> None:
    """Ids number every block in order, so passages keep pointing at the same text."""
    assert [p.id for p in cleaned.paragraphs] == [f"p{i}" for i in range(1, 52)]


def test_metadata_comes_from_the_hand_over_note(cleaned: Article) -> None:
    """Publisher, date and language are what the seed README says, not guessed."""
    assert (cleaned.publisher, cleaned.published, cleaned.language) == (
        "CNN",
        date(2023, 5, 23),
        "en",
    )


def test_crlf_and_extra_whitespace() -> None:
    """Windows line ends and runs of spaces do not make empty or split paragraphs."""
    paras = clean_text("Title line\r\n\r\nFirst   para\r\ncontinues.\r\n\r\n\r\nSecond.")
    assert [p.text for p in paras] == ["Title line", "First para continues.", "Second."]


def test_a_live_blogs_dated_stamp_is_a_heading_not_a_clips_length() -> None:
    """ "Thu 26 Oct, 21:10" opens a live blog's entry and dates it; it ends like a video's
    running time ("… secret weapons 2:40") but names a day, so it is a heading, not a
    caption."""
    paras = clean_text(
        "A title\n\nThu 26 Oct, 21:10\n\nAn air bridge is now operating.\n\n"
        "Sunday 28 August, 11:40\n\nWatch the rescue 2:31"
    )
    kinds = {p.text: p.kind for p in paras}
    assert kinds["Thu 26 Oct, 21:10"] == "heading"
    assert kinds["Sunday 28 August, 11:40"] == "heading"
    assert kinds["Watch the rescue 2:31"] == "caption"


def test_empty_article_is_refused() -> None:
    """An article with no text cannot become a dataset."""
    with pytest.raises(ValueError, match="no text"):
        build_article("  \n\n ", article_id="x", publisher="P", published=date(2023, 1, 1))


def test_bad_article_file_names_file_and_field(tmp_path: Path) -> None:
    """A broken article file is reported with its path and the offending field."""
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "id": "bad",
                "title": "T",
                "publisher": "P",
                "published": "not a date",
                "paragraphs": [],
            }
        )
    )
    with pytest.raises(DataError) as err:
        load_article(path)
    text = str(err.value)
    assert "bad.json" in text and "'published'" in text and "'paragraphs'" in text
