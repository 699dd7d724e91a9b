"""Incidents and their passages: what happened, where, when, who says so, and in whose words.

Every incident is backed by exact quotes of the report. Dates left out of a record are
resolved from its `date_text` against the article's publication date by `mapview.data.dates`,
so the calendar a reader sees is derived from the report's own words, not retyped.

Where the report gives sides that disagree (one party claims a raid, another says it was
repelled), each side is an `Account` with its own quotes; the incident's own status and
source stay its headline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, Protocol

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from mapview.data.article import SLUG, Article, pydantic_problems
from mapview.data.dates import DateResolutionError, Precision, resolve
from mapview.data.errors import DataError, Problem, display_path
from mapview.data.places import Place
from mapview.data.storage import read_json, write_json

Status = Literal["confirmed", "reported", "claimed", "unverified", "denied", "unreviewed"]
STATUSES: dict[str, str] = {
    "confirmed": "Confirmed by the publisher's own reporting",
    "reported": "Reported by an official or witness, not independently confirmed",
    "claimed": "Claimed by a party to the conflict",
    "unverified": "The publisher says it could not verify it",
    "denied": "Denied by a party named in the report",
    "unreviewed": "Read from the report by mapview's ingest; no person has checked it yet",
}

# Category id -> (label, colour). Colours are from a colour-blind-safe qualitative set.
CATEGORIES: dict[str, tuple[str, str]] = {
    "ground-assault": ("Ground assault / raid", "#d62728"),
    "shelling": ("Shelling, artillery", "#ff7f0e"),
    "drone-attack": ("Drone attack", "#9467bd"),
    "missile-strike": ("Missile strike", "#8c564b"),
    "infrastructure-attack": ("Attack on infrastructure", "#b8860b"),
    "casualty": ("Casualties", "#111111"),
    "displacement": ("Evacuation, displacement", "#17becf"),
    "official-claim": ("Official statement or claim", "#7f7f7f"),
    "symbolic-action": ("Flags, propaganda", "#2ca02c"),
    "testimony": ("Interview, testimony", "#1f77b4"),
    "other": ("Other", "#e377c2"),
}
Category = Literal[
    "ground-assault",
    "shelling",
    "drone-attack",
    "missile-strike",
    "infrastructure-attack",
    "casualty",
    "displacement",
    "official-claim",
    "symbolic-action",
    "testimony",
    "other",
]


class Passage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    paragraph: str = Field(pattern=r"^p[1-9][0-9]*$")
    text: str = Field(min_length=1)
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)


class Account(BaseModel):
    """One side's version of an incident, in its own quotes.

    A report that says "the Legion claims the raid, the ministry says the attackers were
    eliminated" holds two versions of one event, not two events: mapping them as two
    incidents would double the event, and keeping only one would take a side.
    """

    model_config = ConfigDict(extra="forbid")

    source: str = Field(min_length=1)
    status: Status
    says: str = Field(default="", max_length=300)  # our words; the quotes are theirs
    passages: list[Passage] = Field(min_length=1)


# A death toll is a count: "12" or true in a data file is a typing slip, not a number.
Fatalities = Annotated[int, Field(strict=True, ge=0)]


class Reviewed(BaseModel):
    """Who accepted a machine draft into the dataset, and when: set by the review page or
    `mapview accept --reviewer`, never by ingest, so a machine draft never looks checked."""

    model_config = ConfigDict(extra="forbid")

    by: str = Field(min_length=1, max_length=80, pattern=r"^\S(?:.*\S)?$")
    on: date


class Incident(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1, max_length=300)
    category: Category
    place: str = Field(pattern=SLUG)
    article: str = Field(pattern=SLUG)
    date_text: str = Field(min_length=1)
    date_start: date | None = None
    date_end: date | None = None
    date_precision: Precision | None = None
    ongoing: bool = False
    status: Status
    source: str = Field(min_length=1)
    summary: str = ""
    passages: list[Passage] = Field(min_length=1)
    confidence: float | None = Field(default=None, ge=0, le=1)
    actors: list[str] = Field(default_factory=list)
    fatalities: Fatalities | None = None  # None: the report does not say
    # The report's words on the dead, from a passage; they may give no number at all
    # ("until they were completely eliminated"), which is why they are kept apart.
    fatalities_text: str | None = Field(default=None, min_length=1)
    accounts: list[Account] = Field(default_factory=list)
    reviewed: Reviewed | None = None

    @field_validator("actors")
    @classmethod
    def _clean_actors(cls, value: list[str]) -> list[str]:
        """Actor names are filter values: a stray space or a repeat would split one actor
        into two entries of the dashboard's list."""
        seen: set[str] = set()
        for name in value:
            if not name.strip() or name != name.strip():
                raise ValueError(f"actor {name!r} must be a name without surrounding spaces")
            if name in seen:
                raise ValueError(f"actor {name!r} is listed twice")
            seen.add(name)
        return value

    @model_validator(mode="after")
    def _ordered_dates(self) -> Incident:
        if self.date_start and self.date_end and self.date_end < self.date_start:
            raise ValueError(f"date_end {self.date_end} is before date_start {self.date_start}")
        return self

    @property
    def contested(self) -> bool:
        return is_contested(self.status, self.accounts)


class _Side(Protocol):
    @property
    def source(self) -> str: ...
    @property
    def status(self) -> str: ...


def is_contested(status: str, accounts: Sequence[_Side]) -> bool:
    """Whether the report gives versions of the incident that disagree.

    A denial, in the headline or an account, always disagrees with something the report
    carries; otherwise it takes two accounts that differ in who says it or how sure it is.
    The headline is not compared with the accounts: it usually restates one of them, and
    a single account that words the headline differently is not a dispute.
    """
    if status == "denied":
        return True
    if not accounts:  # most incidents: asked once per row when a table is built
        return False
    if any(a.status == "denied" for a in accounts):
        return True
    return len({(a.source, a.status) for a in accounts}) >= 2


def complete(
    incident: Incident, article: Article, places: dict[str, Place] | None, file: str
) -> list[Problem]:
    """Check an incident against its article and the gazetteer, filling derived fields.

    Offsets and dates that the file leaves out are computed; ones it gives must agree,
    so a stale offset after an article edit is caught rather than highlighting the
    wrong words.
    """
    problems: list[Problem] = []

    def bad(field: str, msg: str) -> None:
        problems.append(Problem(file, incident.id, field, msg))

    if places is not None and incident.place not in places:  # None: the gazetteer is broken
        bad("place", f"unknown place id {incident.place!r}")
    _complete_passages(incident.passages, "passages", article, bad)
    for k, account in enumerate(incident.accounts):
        _complete_passages(account.passages, f"accounts.{k}.passages", article, bad)
    if incident.fatalities_text is not None:
        quoted = [p.text for p in incident.passages] + [
            p.text for a in incident.accounts for p in a.passages
        ]
        if not any(incident.fatalities_text in text for text in quoted):
            bad(
                "fatalities_text",
                f"{incident.fatalities_text!r} is not in any of the incident's passages",
            )
    if incident.date_start is None:
        try:
            found = resolve(incident.date_text, article.published)
        except DateResolutionError as exc:
            bad("date_text", f"{exc}; give date_start/date_end/date_precision explicitly")
            return problems
        incident.date_start = found.start
        incident.date_end = article.published if incident.ongoing else found.end
        incident.date_precision = incident.date_precision or found.precision
    else:
        incident.date_end = incident.date_end or incident.date_start
        incident.date_precision = incident.date_precision or "day"
    if incident.date_start > article.published:
        bad("date_start", f"{incident.date_start} is after the article's date {article.published}")
    return problems


def _complete_passages(
    passages: list[Passage], prefix: str, article: Article, bad: Callable[[str, str], None]
) -> None:
    """Find each quote's offsets, or check the ones given, reporting under `prefix`."""
    for i, passage in enumerate(passages):
        field = f"{prefix}.{i}"
        para = article.paragraph(passage.paragraph)
        if para is None:
            bad(
                f"{field}.paragraph", f"article {article.id!r} has no paragraph {passage.paragraph}"
            )
            continue
        if passage.start is None and passage.end is None:
            at = para.text.find(passage.text)
            if at < 0:
                bad(f"{field}.text", f"quote not found in {article.id} {para.id}: {passage.text!r}")
                continue
            passage.start, passage.end = at, at + len(passage.text)
        elif para.text[passage.start : passage.end] != passage.text:
            bad(
                f"{field}.start",
                f"offsets {passage.start}..{passage.end} of {para.id} do not hold the quote",
            )


def parse_incidents(data: Any, file: str) -> tuple[list[Incident], list[Problem]]:
    if not isinstance(data, dict) or not isinstance(data.get("incidents"), list):
        return [], [Problem(file, None, "incidents", "must be an object with an 'incidents' list")]
    incidents: list[Incident] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, record in enumerate(data["incidents"]):
        rid = str(record.get("id")) if isinstance(record, dict) and record.get("id") else f"#{i}"
        try:
            incident = Incident.model_validate(record)
        except ValidationError as exc:
            problems.extend(pydantic_problems(file, rid, exc))
            continue
        if incident.id in seen:
            problems.append(Problem(file, incident.id, "id", "duplicate incident id"))
        seen.add(incident.id)
        incidents.append(incident)
    return incidents, problems


def load_incidents(path: Path) -> list[Incident]:
    file = display_path(path)
    incidents, problems = parse_incidents(read_json(path), file)
    if problems:
        raise DataError(problems)
    return incidents


def dump_incidents(incidents: list[Incident]) -> dict[str, Any]:
    """The file format; empty actor and account lists are left out like unknown values, so
    a draft shows only what was read from the report."""
    records = []
    for incident in incidents:
        record = incident.model_dump(mode="json", exclude_none=True)
        for key in ("actors", "accounts"):
            if not record[key]:
                del record[key]
        records.append(record)
    return {"incidents": records}


def save_incidents(path: Path, incidents: list[Incident]) -> None:
    write_json(path, dump_incidents(incidents))


@dataclass(slots=True)
class Quote:
    """A passage of a loaded incident, its offsets resolved."""

    paragraph: str
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Version:
    """An account of a loaded incident, its quotes' offsets resolved."""

    source: str
    status: str
    says: str
    passages: tuple[Quote, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "status": self.status,
            "says": self.says,
            "passages": [_quote_dict(q) for q in self.passages],
        }


def _quote_dict(q: Quote) -> dict[str, Any]:
    return {"paragraph": q.paragraph, "text": q.text, "start": q.start, "end": q.end}


def _quotes(passages: list[Passage]) -> tuple[Quote, ...]:
    return tuple(Quote(p.paragraph, p.text, p.start or 0, p.end or 0) for p in passages)


@dataclass(slots=True)
class Record:
    """A validated, completed incident as the page and the exports read it.

    The file format is checked with the pydantic `Incident` model, but a pydantic object
    costs tens of microseconds to make: 100,000 of them were most of a dataset's load time.
    A record is made in about a microsecond, from validated data or from the cache. Not
    frozen only because a frozen dataclass is several times slower to make: treat it as
    read-only (copy with `dataclasses.replace`).
    """

    id: str
    title: str
    category: str
    place: str
    article: str
    date_text: str
    date_start: date
    date_end: date
    date_precision: str
    ongoing: bool
    status: str
    source: str
    summary: str
    passages: tuple[Quote, ...]
    confidence: float | None = None
    actors: tuple[str, ...] = ()
    fatalities: int | None = None
    fatalities_text: str | None = None
    accounts: tuple[Version, ...] = ()
    reviewed_by: str | None = None
    reviewed_on: date | None = None

    @property
    def contested(self) -> bool:
        return is_contested(self.status, self.accounts)

    @classmethod
    def of(cls, incident: Incident) -> Record:
        assert incident.date_start and incident.date_end and incident.date_precision
        return cls(
            incident.id,
            incident.title,
            incident.category,
            incident.place,
            incident.article,
            incident.date_text,
            incident.date_start,
            incident.date_end,
            incident.date_precision,
            incident.ongoing,
            incident.status,
            incident.source,
            incident.summary,
            _quotes(incident.passages),
            incident.confidence,
            tuple(incident.actors),
            incident.fatalities,
            incident.fatalities_text,
            tuple(
                Version(a.source, a.status, a.says, _quotes(a.passages)) for a in incident.accounts
            ),
            incident.reviewed.by if incident.reviewed else None,
            incident.reviewed.on if incident.reviewed else None,
        )

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON values, the fields of the file format (None left out; lists
        always there, possibly empty, so every exported feature has the same keys)."""
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "category": self.category,
            "place": self.place,
            "article": self.article,
            "date_text": self.date_text,
            "date_start": self.date_start.isoformat(),
            "date_end": self.date_end.isoformat(),
            "date_precision": self.date_precision,
            "ongoing": self.ongoing,
            "status": self.status,
            "source": self.source,
            "summary": self.summary,
            "passages": [_quote_dict(q) for q in self.passages],
            "actors": list(self.actors),
            "accounts": [a.to_dict() for a in self.accounts],
        }
        for key in ("confidence", "fatalities", "fatalities_text"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.reviewed_by and self.reviewed_on:
            out["reviewed"] = {"by": self.reviewed_by, "on": self.reviewed_on.isoformat()}
        return out
