"""The article and its passages: cleaning a handed-over page into numbered paragraphs.

A copied web page carries leftovers (image alt text, photo credits, a video caption with
raw HTML, a comment-form footer). They are kept, classified, rather than dropped, so a
reader can still see what the page held while only body text backs incidents.
"""

from __future__ import annotations

import html
import re
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mapview.data.errors import DataError, Problem, display_path
from mapview.data.storage import dump_json, read_json, write_atomic

ParagraphKind = Literal["title", "heading", "body", "caption", "boilerplate"]

SLUG = r"^[a-z0-9][a-z0-9-]*$"

_TAG = re.compile(r"<[^>]{0,500}>")
_MEDIA_TAG = re.compile(r"<span[^>]*class=\"[^\"]*(caption|duration)[^\"]*\"", re.IGNORECASE)
_DURATION_END = re.compile(r"\b\d{1,2}:\d{2}$")
# Weekday and month words as live blogs abbreviate them ("Thu", "Sept"), for telling an
# entry's stamp ("Thu 26 Oct, 21:10") from a clip's running time
WEEKDAY_WORD = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*"
MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_DAY_WORD = re.compile(
    rf"(?i)\b(?:{WEEKDAY_WORD}|{MONTH_WORD}\.?\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH_WORD})\b"
)
_BLANK_LINES = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"\s+")
_BOILERPLATE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^leave a (comment|reply)\b",
        r"your email address will not be published",
        r"required fields are marked",
        r"contributed to this report\.?$",
        r"^(sign up|subscribe)\b.*newsletter",
        r"all rights reserved",
        r"^(share|advertisement|related:?)$",
        # a statement's closing "Contact: press office, …, Dakar": where to call, no event
        r"^(?:(?:media|press)\s+)?(?:contacts?|enquiries|inquiries)\s*:\s",
    )
]
_CREDIT = re.compile(r"\b(credit|photo|image|video)s?:\s", re.IGNORECASE)
_TERMINAL = tuple('.!?"”’»:;')


class Paragraph(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^p[1-9][0-9]*$")
    kind: ParagraphKind
    text: str = Field(min_length=1)


class Article(BaseModel):
    """One report. `published` anchors every relative date the text uses."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    published: date
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}$")
    url: str | None = None
    attribution: str = ""
    source_file: str | None = None
    paragraphs: list[Paragraph] = Field(min_length=1)

    @field_validator("paragraphs")
    @classmethod
    def _unique_ids(cls, value: list[Paragraph]) -> list[Paragraph]:
        seen: set[str] = set()
        for p in value:
            if p.id in seen:
                raise ValueError(f"duplicate paragraph id {p.id!r}")
            seen.add(p.id)
        return value

    @cached_property
    def _paragraph_index(self) -> dict[str, Paragraph]:
        return {p.id: p for p in self.paragraphs}

    def paragraph(self, pid: str) -> Paragraph | None:
        """By id; called once per passage of every incident, so a lookup, not a scan."""
        return self._paragraph_index.get(pid)

    @property
    def body(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind in ("body", "heading")]


def classify(text: str, *, first: bool, had_media_tag: bool) -> ParagraphKind:
    """Guess what a block of a copied page is, from its shape alone.

    The rules are deliberately conservative: anything that is not clearly a leftover stays
    body text, because dropping a real sentence loses evidence while keeping a caption
    only costs a line.
    """
    if any(p.search(text) for p in _BOILERPLATE):
        return "boilerplate"
    if _DURATION_END.search(text) and len(text.split()) <= 8 and _DAY_WORD.search(text):
        return "heading"  # a live blog's entry stamp, "Thu 26 Oct, 21:10", not a clip's length
    if had_media_tag or _DURATION_END.search(text) or _CREDIT.search(text):
        return "caption"
    words = text.split()
    ends_open = not text.endswith(_TERMINAL)
    if first and ends_open and len(words) <= 25:
        return "title"
    if ends_open and len(words) <= 6 and text == text.lower():
        return "caption"  # image alt text such as "kremlin drone"
    if len(words) <= 14 and (text.endswith("?") or ends_open):
        return "heading"
    return "body"


def split_blocks(raw: str) -> list[tuple[str, bool]]:
    """Blocks of text separated by blank lines, entities decoded and tags removed."""
    out: list[tuple[str, bool]] = []
    for block in _BLANK_LINES.split(raw.replace("\r\n", "\n").replace("\r", "\n")):
        had_media = bool(_MEDIA_TAG.search(block))
        text = html.unescape(_TAG.sub(" ", block))
        text = _SPACES.sub(" ", text).strip()
        if text:
            out.append((text, had_media))
    return out


def clean_text(raw: str) -> list[Paragraph]:
    """Split raw article text into numbered, classified paragraphs."""
    blocks = split_blocks(raw)
    return [
        Paragraph(id=f"p{i}", kind=classify(text, first=i == 1, had_media_tag=media), text=text)
        for i, (text, media) in enumerate(blocks, start=1)
    ]


def build_article(
    raw: str,
    *,
    article_id: str,
    publisher: str,
    published: date,
    title: str | None = None,
    language: str = "en",
    url: str | None = None,
    attribution: str = "",
    source_file: str | None = None,
) -> Article:
    paragraphs = clean_text(raw)
    if not paragraphs:
        raise ValueError("the article has no text")
    if title is None:
        titled = next((p for p in paragraphs if p.kind == "title"), None)
        title = titled.text if titled else paragraphs[0].text[:120]
    return Article(
        id=article_id,
        title=title,
        publisher=publisher,
        published=published,
        language=language,
        url=url,
        attribution=attribution,
        source_file=source_file,
        paragraphs=paragraphs,
    )


def load_article(path: Path, raw: bytes | None = None) -> Article:
    data = read_json(path, raw)
    try:
        return Article.model_validate(data)
    except ValidationError as exc:
        record = data.get("id") if isinstance(data, dict) else None
        raise DataError(pydantic_problems(display_path(path), record, exc)) from exc


def dump_article(article: Article) -> str:
    return dump_json(article.model_dump(mode="json", exclude_none=True))


def save_article(path: Path, article: Article) -> None:
    write_atomic(path, dump_article(article))


def pydantic_problems(file: str, record: str | None, exc: ValidationError) -> list[Problem]:
    """Turn pydantic's error list into Problems that name the field by its dotted path."""
    problems = []
    for err in exc.errors():
        loc = ".".join(str(part) for part in err["loc"]) or None
        problems.append(Problem(file, record, loc, err["msg"]))
    return problems
