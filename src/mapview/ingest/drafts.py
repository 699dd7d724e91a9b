"""Any report in: article text or HTML to draft incidents in the dashboard's format.

Drafts are machine readings: every one is "unreviewed" with a confidence, and lands in
`DIR/drafts/<article-id>/` until a person reviews it and runs `mapview accept`, which
validates the merged dataset before it writes anything.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import textwrap
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from functools import cache
from html import unescape
from pathlib import Path
from typing import Any

import shapely
from pydantic import ValidationError

from mapview.data.article import (
    MONTH_WORD,
    SLUG,
    WEEKDAY_WORD,
    Article,
    Paragraph,
    build_article,
    dump_article,
    load_article,
    save_article,
)
from mapview.data.dataset import Dataset, load_dataset
from mapview.data.dates import (
    AHEAD_DAYS,
    SUPERLATIVES,
    DateMention,
    DateRange,
    event_nouns,
    find_dates,
    measures,
)
from mapview.data.errors import DataError, Problem, display_path
from mapview.data.incidents import (
    Incident,
    Passage,
    Reviewed,
    complete,
    dump_incidents,
    load_incidents,
    save_incidents,
)
from mapview.data.naturalearth import in_countries
from mapview.data.numbers import UNITS
from mapview.data.places import Place, load_places, position_text, save_places
from mapview.data.storage import append_to_list, dump_feature_collection, dump_json, writing
from mapview.ingest.areas import METHOD as AREA_METHOD
from mapview.ingest.areas import region_area
from mapview.ingest.facts import actors, fatalities
from mapview.ingest.gazetteer import (
    GEONAMES_SOURCE,
    WHOLE_TERRITORY,
    Candidate,
    Gazetteer,
    fold,
    load_gazetteer,
    region_name,
)
from mapview.ingest.mentions import DATELINE, Mention, is_byline, read_places
from mapview.ingest.sites import exact_site_source, find_sites, site_candidate, unlisted

SLUG_RE = re.compile(SLUG)
BACKGROUND_DAYS = 120  # an older date is history: it dates its paragraph, not the next ones
MAX_BYTES = 5_000_000  # a news article is tens of kilobytes; 5 MB is a wrong file
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"”’)]*|$)")
_SPEAKER = re.compile(
    r"(?:according to (?:the )?(?P<a>[A-Z][\w’'\-]*(?: [A-Za-z][\w’'\-]*){0,5}))"
    r"|(?P<b>[A-Z][\w’'\-]*(?: [A-Z][\w’'\-]*){0,3}),? (?:said|told|says|claimed|announced)"
)
FACTS_NOTE = (
    " Deaths and actors are read from the sentence's wording: check that they belong to "
    "this place and event."
)
_ONGOING = re.compile(r"\b(?:continu(?:e|es|ing)|ongoing|still under way|under way)\b", re.I)
_CATEGORY_RULES = [
    ("drone-attack", r"\bdrones?\b|unmanned aerial"),
    ("missile-strike", r"\bmissiles?\b|\brockets?\b"),
    ("shelling", r"\bshell(?:ing|ed)?\b|artillery|mortar"),
    ("casualty", r"\bkill(?:ed|ing)?\b|\binjur|\bwounded\b|\bdead\b|\bdied\b|\blosses\b"),
    ("displacement", r"evacuat|resettl|displace|refugee|fled"),
    ("infrastructure-attack", r"\bbridge\b|power (?:plant|station)|infrastructure|\bdam\b"),
    ("testimony", r"\binterview"),
    ("symbolic-action", r"\bflags?\b|propaganda"),
    (
        "ground-assault",
        r"\braid\b|incursion|assault|\battack|fighting|offensive|crossed the border",
    ),
    ("official-claim", r"\bsaid\b|\bclaimed\b|\bdenied\b|\bbriefing\b|statement"),
]


class IngestError(ValueError):
    """Input that cannot become an article; the message says what is wrong with it."""


@dataclass
class Draft:
    article: Article
    places: dict[str, Place]  # new places only
    incidents: list[Incident]
    # per drafted place id: the namesakes the resolver weighed and why each lost, written
    # beside the draft as candidates.json for the reviewer (accept does not read it)
    candidates: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def candidate_record(candidate: Candidate, score: float, why: str) -> dict[str, Any]:
    """A namesake as candidates.json keeps it: enough to make it the incident's place."""
    # its plain fields as they are (asdict would deep-copy the curated Place, then drop it)
    record = {f.name: getattr(candidate, f.name) for f in fields(candidate) if f.name != "place"}
    if candidate.place is not None:  # a curated place: choosing it means that very place
        record["place_id"] = candidate.place.id
    return {**record, "score": score, "why": why}


def read_source(raw: bytes, name: str) -> tuple[str, str | None, date | None]:
    """(plain text with blank lines between paragraphs, title, date) from text or HTML bytes."""
    if not raw.strip():
        raise IngestError(f"{name}: the file is empty")
    if len(raw) > MAX_BYTES:
        raise IngestError(
            f"{name}: {len(raw):,} bytes is too large for an article (limit {MAX_BYTES:,})"
        )
    if b"\x00" in raw[:8192]:
        raise IngestError(f"{name}: this is a binary file, not article text or HTML")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise IngestError(f"{name}: not UTF-8 or Windows-1252 text") from exc
    head = text[:2000].lower()
    if "<html" in head or "<body" in head or "<!doctype html" in head or "<article" in head:
        return _from_html(text, name)
    return text, None, None


# A live blog's entry stamp, its own short element: "<p class="stamp"><time …>Thu 26 Oct,
# 21:10</time></p>", "<p class="time">Sunday 28 August, 11:40</p>"
_STAMP_ELEMENT = re.compile(
    r"<(?P<tag>p|div|span)\b(?P<attrs>[^>]*\bclass=[\"'][^\"']*(?:time|stamp|date|posted|updated)"
    r"[^\"']*[\"'][^>]*)>(?P<inner>(?:(?!</?(?:p|div|span)\b)[^\n]){1,200}?)</(?P=tag)>",
    re.IGNORECASE,
)
# or a <time> element standing alone between tags: "<time …>Sun 1 Jun, 18:05</time><h3>"
_TIME_ELEMENT = re.compile(r"(?<=>)\s*<time\b[^>]*>(?P<inner>[^<]{1,80})</time>(?=\s*<)")
_TAG = re.compile(r"<[^>]+>")
_CLOCK_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_DAY_WORDS = re.compile(rf"(?i)\b(?:{WEEKDAY_WORD}|{MONTH_WORD})\b")
STAMPS_MIN = 3  # a page with this many dated entry stamps is a live blog


def _with_stamps(html: str, paragraphs: list[str]) -> list[str]:
    """The extracted paragraphs with a live blog's dated entry stamps put back, each as a
    line of its own before its entry's first paragraph: the extractor drops such short
    lines, and a stamp dates the entry under it, as a timeline's heading does. The page is
    extracted as it is (rewriting it changed what the extractor took for the article).
    Stamps with a time alone ("21:10") say no day and stay out, and so does a page with
    fewer than three (a byline's date is no entry's)."""
    found: list[tuple[int, int, str]] = []
    for pattern in (_STAMP_ELEMENT, _TIME_ELEMENT):
        for m in pattern.finditer(html):
            if any(a < m.end() and m.start() < b for a, b, _ in found):
                continue  # the <time> inside a stamp element already taken
            text = _plain(m["inner"])
            if len(text) <= 60 and _CLOCK_TIME.search(text) and _DAY_WORDS.search(text):
                found.append((m.start(), m.end(), text))
    if len(found) < STAMPS_MIN:
        return paragraphs
    out = list(paragraphs)
    at = 0  # stamps go in page order, each after the one before
    for _, end, text in sorted(found):
        follows = _plain(html[end : end + STAMP_LOOKAHEAD])
        head = follows[:STAMP_MATCH_CHARS]
        if len(head) < STAMP_MATCH_MIN:
            continue
        k = next(
            (
                k
                for k in range(at, len(out))
                # the entry's first paragraph, or its title ("Toll rises to at least 151")
                if out[k].startswith(head)
                or (len(out[k]) >= STAMP_MATCH_MIN and follows.startswith(out[k]))
            ),
            None,
        )
        if k is None:
            continue  # its entry was not taken for the article
        out.insert(k, text)
        at = k + 2
    return out


def _plain(fragment: str) -> str:
    """A stretch of page as the extractor's text reads it: no tags, entities decoded."""
    return " ".join(unescape(_TAG.sub(" ", fragment)).split())


_SECTION_TAG = re.compile(r"<(/?)section\b", re.IGNORECASE)
_ARTICLE_OPEN = re.compile(r"<article\b", re.IGNORECASE)
STAMP_LOOKAHEAD = 2000  # characters of page after a stamp in which its entry's text begins
STAMP_MATCH_CHARS = 30  # the entry's first words, matched against the extracted text
STAMP_MATCH_MIN = 12


def _article_span(html: str) -> tuple[int, int] | None:
    """Where the page's article runs: its first <article> tag to its last </article>,
    so articles nested in it stay inside; None for a page without one."""
    opening = _ARTICLE_OPEN.search(html)
    closing = html.lower().rfind("</article")
    if opening is None or closing < opening.start():
        return None
    return opening.start(), closing


def _sections_as_blocks(html: str) -> str:
    """The page with its article's <section>s as plain blocks: the extractor keeps only
    the first section of an article, and a live blog's days are sections."""
    span = _article_span(html)
    if span is None:
        return _SECTION_TAG.sub(r"<\1div", html)
    start, end = span
    return html[:start] + _SECTION_TAG.sub(r"<\1div", html[start:end]) + html[end:]


def _article_alone(html: str) -> str | None:
    """A page with one <article> element cut down to it: the extractor kept a newsletter
    box beside it ("Politics and climate from Caracas to Tierra del Fuego, in your inbox")
    as the article's last paragraph. None for a page with no article element or several
    (teasers are articles too)."""
    span = _article_span(html)
    if span is None or len(_ARTICLE_OPEN.findall(html)) != 1:
        return None
    body = html.lower().find("<body")
    head = html[: html.find(">", body) + 1] if body >= 0 else ""
    return head + html[span[0] : span[1]] + "</article></body></html>"


ARTICLE_SHARE = 0.6  # of the page's words the article alone must keep to be the article


def _extract(html: str) -> str:
    import trafilatura

    return (
        trafilatura.extract(
            html,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            output_format="txt",
        )
        or ""
    )


def _from_html(html: str, name: str) -> tuple[str, str | None, date | None]:
    import trafilatura

    blocks = _sections_as_blocks(html)
    body = _extract(blocks)
    if not body or len(body.split()) < 20:
        raise IngestError(f"{name}: no article body found in this HTML page")
    alone = _article_alone(blocks)
    if alone is not None:
        # unless the one <article> is a teaser beside a body the page keeps elsewhere
        own = _extract(alone)
        if len(own.split()) >= ARTICLE_SHARE * len(body.split()):
            body = own
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta and meta.title else None
    found: date | None = None
    if meta and meta.date:
        try:
            found = date.fromisoformat(meta.date[:10])
        except ValueError:
            found = None
    if found is not None:
        found = _last_update(html, found)
    paragraphs = _with_stamps(html, [line.strip() for line in body.splitlines() if line.strip()])
    if title:
        paragraphs.insert(0, title)
    return "\n\n".join(paragraphs), title, found


# a live page says so in its title ("Live: …", "LIVE updates") or its article's class
_LIVE_PAGE = re.compile(
    r"<title>\s*(?:live\b|[^<]*\blive(?::|\s+(?:updates?|blog|coverage)\b))"
    r"|<article\b[^>]*\bclass=[\"'][^\"']*\blive",
    re.IGNORECASE,
)
_MACHINE_DATE = re.compile(
    r"<time\b[^>]*\bdatetime=[\"'](?P<a>\d{4}-\d{2}-\d{2})"
    r"|(?:article:modified_time|dateModified)[\"'][^>]{0,40}?(?:content=|:\s*)[\"'](?P<b>\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)
# "Last updated Wednesday 28 September 2022, 20:40", told in words only
_UPDATED_WORDS = re.compile(r"\b(?:last\s+)?updated:?\s+(?:on\s+|at\s+)?", re.IGNORECASE)
LIVE_DAYS = 14  # a live page runs on for days after it opens, not months


def _last_update(html: str, published: date) -> date:
    """The day a live page was last updated, which its newest entries' "on Thursday" and
    day headings are told from: the extractor gives the day it first went up ("Published
    7 December · Updated 8 December"), and read from that, the 8th's "Thursday" would be
    the week before. Other pages keep the day they were published."""
    if not (_LIVE_PAGE.search(html) or len(_TIME_ELEMENT.findall(html)) >= STAMPS_MIN):
        return published
    latest = published
    for m in _MACHINE_DATE.finditer(html):
        try:
            day = date.fromisoformat(m["a"] or m["b"])
        except ValueError:
            continue
        if latest < day <= published + timedelta(days=LIVE_DAYS):
            latest = day
    for m in _UPDATED_WORDS.finditer(html):
        words = _plain(html[m.end() : m.end() + 120])[:60]
        told = next(
            (
                d.range.start
                # the page's own words: any day it names as its update, however late
                for d in find_dates(words, published + timedelta(days=366))
                if d.start == 0 and d.range.precision == "day"
            ),
            None,
        )
        if told is not None and latest < told:
            latest = told
    return latest


def slug(text: str) -> str:
    """An id from a name, transliterated ("Keflavík" gives "keflavik", not "keflav-k")."""
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return s or "x"


# Abbreviations after which a full stop never ends a sentence, and those after which it
# does not when a number or a lower-case word follows ("Nov. 19", "approx. 40").
_TITLE_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Maj|Sgt|Capt|Gov|Sen|Rep|Rev|Prof)|\b[A-Z])\.$"
)
_ABBREVIATION = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|vs|etc|approx|est)\.$"
    r"|\d\s*[ap]\.(?:m\.)?$"  # "shortly after 4 a.m. on Friday"
)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans; "Nov. 19", "Gen. Smith", "U.S.", "7.5" and "4 a.m. on Friday" do not
    end a sentence."""
    spans: list[tuple[int, int]] = []
    open_start: int | None = None
    for m in _SENTENCE.finditer(text):
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        end = m.end() - (len(m.group(0)) - len(m.group(0).rstrip()))
        if end <= start:
            continue
        if open_start is not None:
            start = open_start
        nxt = text[m.end() : m.end() + 2].lstrip()[:1]
        tail = text[max(0, end - 7) : end]
        if text[end - 2 : end - 1].isdigit() and text[end : end + 1].isdigit():
            open_start = start  # "a magnitude 7.5 earthquake": a decimal point
            continue
        if nxt and (
            _TITLE_ABBREVIATION.search(tail) or (_ABBREVIATION.search(tail) and not nxt.isupper())
        ):
            open_start = start
            continue
        open_start = None
        spans.append((start, end))
    if open_start is not None:
        spans.append((open_start, len(text.rstrip())))
    return spans


def _clauses(text: str) -> list[tuple[int, int]]:
    """Sentences, split where a semicolon joins two statements: "gunmen killed 28 near
    Mandera in November; on Dec. 2, 36 workers were killed outside the same town" is two
    events, each with its own date."""
    spans = []
    for start, end in _sentences(text):
        for m in _SEMICOLON.finditer(text, start, end):
            spans.append((start, m.start() + 1))
            start = m.end()
        spans.append((start, end))
    return spans


_SEMICOLON = re.compile(r";\s+")


def categorise(sentence: str) -> str:
    lower = sentence.lower()
    for category, pattern, needles in _CATEGORY_PATTERNS:
        if any(n in lower for n in needles) and pattern.search(sentence):
            return category
    return "other"


# Words each category's pattern needs, one of which must be in the sentence: looking for a
# word is far cheaper than running the pattern, and most sentences have none
_CATEGORY_NEEDLES = {
    "drone-attack": ("drone", "unmanned aerial"),
    "missile-strike": ("missile", "rocket"),
    "shelling": ("shell", "artillery", "mortar"),
    "casualty": ("kill", "injur", "wounded", "dead", "died", "losses"),
    "displacement": ("evacuat", "resettl", "displace", "refugee", "fled"),
    "infrastructure-attack": ("bridge", "power plant", "power station", "infrastructure", "dam"),
    "testimony": ("interview",),
    "symbolic-action": ("flag", "propaganda"),
    "ground-assault": (
        "raid", "incursion", "assault", "attack", "fighting", "offensive", "crossed the border"
    ),
    "official-claim": ("said", "claimed", "denied", "briefing", "statement"),
}  # fmt: skip
_CATEGORY_PATTERNS = [
    (c, re.compile(p, re.IGNORECASE), _CATEGORY_NEEDLES[c]) for c, p in _CATEGORY_RULES
]


def speaker(sentence: str, publisher: str) -> str:
    m = _SPEAKER.search(sentence)
    if m:
        return (m.group("a") or m.group("b")).strip(" ,.")
    return f"{publisher} (the report's own account)"


@dataclass
class PlaceIndex:
    """The dataset's and the draft's places by GeoNames id, and by name for those with
    none: a draft of a long report makes thousands, each looked up, not searched for."""

    by_id: dict[int, Place] = field(default_factory=dict)
    by_name: dict[str, Place] = field(default_factory=dict)

    @classmethod
    def of(cls, *groups: dict[str, Place]) -> PlaceIndex:
        index = cls()
        for group in groups:
            for place in group.values():
                index.add(place)
        return index

    def add(self, place: Place) -> None:
        if place.geonames_id is not None:
            self.by_id.setdefault(place.geonames_id, place)
        else:
            self.by_name.setdefault(place.name, place)


def place_for(
    mention: Mention,
    gaz: Gazetteer,
    known: dict[str, Place],
    new: dict[str, Place],
    index: PlaceIndex | None = None,
) -> Place:
    """The place a resolved mention stands for: one the dataset or this draft already has
    (same GeoNames id, same curated place) rather than a duplicate, else a new one. The
    review page makes places the same way when a reviewer picks another namesake.
    `index` holds `known` and `new` when the caller keeps one."""
    cand = mention.candidate
    if cand.place is not None:
        return cand.place
    index = index or PlaceIndex.of(known, new)
    if cand.geonames_id is not None and cand.geonames_id in index.by_id:
        return index.by_id[cand.geonames_id]
    name = region_name(cand.name) if cand.kind == "region" else cand.name
    pid = slug(name)
    if cand.kind in ("feature", "site") and cand.name in index.by_name:
        return index.by_name[cand.name]  # no GeoNames id: the same name is the same place
    if pid in known or pid in new:
        base = pid
        pid = f"{base}-{cand.geonames_id}" if cand.geonames_id is not None else f"{base}-2"
        n = 2
        while pid in known or pid in new:  # a site and a town of one name, or a third
            n += 1
            pid = f"{base}-{n}"
    geometry: shapely.geometry.base.BaseGeometry = shapely.Point(cand.lon, cand.lat)
    at = position_text(cand.lat, cand.lon)
    source = f"{GEONAMES_SOURCE}: GeoNames {cand.geonames_id}, {at}"
    located_at = site_candidate(cand) or None
    countries = sorted(cand.countries)
    if exact := exact_site_source(cand):
        kind = "infrastructure"
        source = f"{exact}; {at}"
    elif located_at and unlisted(cand):
        kind = "village"
        source = (
            f"No gazetteer has this place: drawn at {located_at} ({at}, {GEONAMES_SOURCE}), "
            "which the report puts it near. Move it to the place itself."
        )
    elif located_at:
        kind = "landmark"
        source = (
            f"No gazetteer has this site: drawn at {located_at} ({at}, "
            f"{GEONAMES_SOURCE}), where the report puts it. Move it to the site itself."
        )
    elif cand.kind == "feature":
        kind = FEATURE_PLACE_KIND.get(cand.feature_kind, "area")
        source = (
            f"mapview's feature list (src/mapview/ingest/features.tsv): {cand.feature_source}; "
            f"one point for a {cand.feature_kind} about {cand.radius_km:,.0f} km across, "
            f"touching {', '.join(countries) or 'no country'}"
        )
        # A place's countries are those its point lies in, as `accept` checks: the Red
        # Sea's point is in no country, though the sea touches eight
        countries = [c for c in countries if in_countries(cand.lon, cand.lat, [c])]
    elif cand.kind == "region":
        kind = "region"
        area = region_area(gaz, cand.country, cand.admin1)
        if area is not None:
            geometry = area
            source = f"GeoNames {cand.geonames_id} ({cand.feature or 'region'}). {AREA_METHOD}"
        else:
            source += " (the region's population-weighted centre: no area could be derived)"
    else:
        kind = (
            "city"
            if cand.population >= 100_000
            else "town"
            if cand.population >= 10_000
            else "village"
        )
    place = Place(
        id=pid,
        name=name,
        kind=kind,  # type: ignore[arg-type]
        country=countries,
        aliases=[mention.text] if fold(mention.text) != fold(cand.name) else [],
        geonames_id=cand.geonames_id if cand.kind not in ("feature", "site") else None,
        located_at=located_at,
        source=source,
        note=f"Machine-resolved by mapview ingest (confidence {mention.score:.2f}): "
        f"{mention.reason}. Check before accepting.",
        geometry=geometry,
    )
    new[pid] = place
    index.add(place)
    return place


# A feature drawn as one point: a dam, pass or cape is a spot; a sea, river or desert is an
# area the point stands for (drawn with a region's wide ring)
FEATURE_PLACE_KIND = {
    "dam": "infrastructure",
    "canal": "infrastructure",
    "pass": "landmark",
    "cape": "landmark",
    "mountain": "landmark",
}


def draft(article: Article, dataset: Dataset, gazetteer: Gazetteer | None = None) -> Draft:
    """Draft incidents: each sentence that names a place, with the nearest date words."""
    gaz = (gazetteer or load_gazetteer()).with_curated(dataset.places)
    mentions = find_sites(article, gaz, *read_places(article, gaz))
    by_para: dict[str, list[Mention]] = {}
    for m in mentions:
        by_para.setdefault(m.paragraph, []).append(m)
    new_places: dict[str, Place] = {}
    incidents: dict[tuple[str, str, date, date], Incident] = {}
    passage_starts: dict[tuple[str, str, date, date], set[int]] = {}
    carried: DateMention | None = None  # the story's last date, until the next heading
    section_day: DateMention | None = None  # the date the last heading named, if it did
    told: DateMention | None = None  # the last day told, which "that night" refers to
    home = _home_place(article, mentions)
    lede = next((p for p in article.body if p.kind == "body"), None)
    recent: list[Mention] = []  # places named since the last heading, for "the town"
    named = Counter(_key(m) for m in mentions)  # how often the report names each place
    retold = _retold(article, lede)  # an anniversary's old dates carry to the sentences after
    old_year = _story_year(article) if retold else None
    main = _main_place(mentions, named, article.title)
    # the one volcano the report names: where "the eruption" of a sentence naming no place is
    volcanoes = {_key(m): m for m in mentions if _volcano(m.candidate)}
    volcano = next(iter(volcanoes.values())) if len(volcanoes) == 1 else None
    # read only when a paragraph asks for it ("on the day of the attack")
    asking = {p.id for p in article.body if _DAY_OF_EVENT.search(p.text)}
    story_day = _story_day(article) if asking else None

    @cache
    def event_day() -> DateMention | None:
        """The day of the story's event, read once and only if a sentence needs it."""
        day = story_day or _story_day(article)
        if day is None or (article.published - day.end).days > STORY_WEEK_DAYS:
            return None  # an old event the report opens with is not its news
        told = f"no date in the text; the day of the story's event ({day.text})"
        return DateMention(0, 0, replace(day, text=told))

    told_events: dict[str, DateRange] = {}  # the day each event noun was first told on
    facts_of: dict[tuple[str, int], tuple[Any, list[str], str]] = {}
    place_of: dict[tuple[object, ...], Place] = {}
    index = PlaceIndex.of(dataset.places)
    weighed: dict[str, list[dict[str, Any]]] = {}

    def add(
        para_id: str,
        sentence: tuple[int, int],
        text: str,
        mention: Mention,
        when: DateMention | None,
        carried_from: str | None,
    ) -> None:
        s_start, s_end = sentence
        sentence_text = text[s_start:s_end]
        ongoing = bool(_ONGOING.search(sentence_text))
        c = mention.candidate
        ident = (c.kind, c.geonames_id, c.name, c.lat, c.lon)
        if ident not in place_of:  # a long report names its places thousands of times
            place_of[ident] = place_for(mention, gaz, dataset.places, new_places, index)
            if mention.alternatives and place_of[ident].id not in weighed:
                weighed[place_of[ident].id] = [
                    candidate_record(*alt) for alt in mention.alternatives
                ]
        place = place_of[ident]
        if (
            when is None
            and not today
            and (categorise(sentence_text) in VIOLENT or _HARM.search(sentence_text))
        ):
            # an undated strike under a subheading ("WAVE OF MISSILES ACROSS UKRAINE") is
            # the story's, on its day, not on the day of the report; so is the damage a
            # quake did ("the control tower at the airport collapsed")
            when = event_day()
        start = when.range.start if when else today or article.published
        end = article.published if ongoing else when.range.end if when else start
        if when is not None and when.range.precision == "day" and not when.background:
            # "a criminal court in Dakar delivered its verdict" on June 1: what "within
            # hours of the verdict" later counts from
            for noun in event_nouns(sentence_text):
                told_events.setdefault(noun, when.range)
        key = (para_id, place.id, start, end)
        passage = Passage(paragraph=para_id, text=sentence_text, start=s_start, end=s_end)
        if (para_id, s_start) not in facts_of:  # once per sentence, not per place in it
            facts_of[para_id, s_start] = (
                fatalities(sentence_text),
                actors(sentence_text),
                categorise(sentence_text),
            )
        toll, named, category = facts_of[para_id, s_start]
        named = list(named)
        if key in incidents:
            known = incidents[key]
            if s_start not in passage_starts[key]:  # a set: a long paragraph has thousands
                passage_starts[key].add(s_start)
                known.passages.append(passage)
                known.actors.extend(a for a in named if a not in known.actors)
                if known.fatalities is None and toll is not None:
                    known.fatalities, known.fatalities_text = toll.count, toll.text
                if (toll or named) and FACTS_NOTE not in known.summary:
                    known.summary += FACTS_NOTE
            return
        confidence = mention.score * (1.0 if when else 0.6) * (0.4 if carried_from else 1.0)
        title = sentence_text if len(sentence_text) <= 140 else sentence_text[:137].rstrip() + "…"
        note = (
            "Machine draft from mapview ingest: review place, date and wording. "
            f"Place: {mention.text!r} read as {place.name} ({mention.reason})."
        )
        if carried_from:
            note += f" This sentence names no place; {carried_from}: check it."
        if when is None and today is not None:
            note += " No date in the text: the day of the live blog's section stands in for it."
        elif when is None:
            note += " No date in the text: the publication day stands in for it."
        if toll is not None or named:
            note += FACTS_NOTE
        passage_starts[key] = {s_start}
        incidents[key] = Incident(
            id=f"{article.id}-{len(incidents) + 1}",
            title=title,
            category=category,  # type: ignore[arg-type]
            place=place.id,
            article=article.id,
            date_text=when.range.text
            if when
            else "no date in the text; the live blog section's day"
            if today
            else "no date in the text; publication day",
            date_start=start,
            date_end=end,
            date_precision=when.range.precision if when else "day",
            ongoing=ongoing,
            status="unreviewed",
            source=speaker(sentence_text, article.publisher),
            summary=note,
            passages=[passage],
            confidence=round(confidence, 2),
            actors=named,
            fatalities=toll.count if toll else None,
            fatalities_text=toll.text if toll else None,
        )

    seats: list[Mention] = []  # national capitals named so far, headings too: "the capital"
    section: date | None = None  # the day a timeline's dated heading names, until the next
    today: date | None = None  # the day a live blog's section heading names
    entry: DateMention | None = None  # the date of the heading right above a paragraph
    stamped = False  # the paragraph before was a dated heading ("Sun 1 Jun, 18:05")
    stamped_day = False  # a live blog day heading opened the section: its entries are that day's
    for para in article.body:
        mentions_here = by_para.get(para.id, [])
        seats += (m for m in mentions_here if gaz.is_capital(m.candidate))
        if para.kind == "heading" and is_byline(para.text):
            continue  # "By Hannah Nelson, The Tasman Record, 15 March 2024": the report's day
        if para.kind == "heading":
            # a timeline's heading ("Wednesday 31 July - Hartlepool") dates the section it
            # opens; any other heading starts one with no date of its own
            heading = [
                d
                for d in find_dates(
                    para.text, article.published, told.range if told else None, old_year
                )
                if d.range.precision == "day" and not (measures(d.range) or d.reporting)
            ]
            if not heading:
                # a timeline's heading that is only a month, a year or a span of them
                # ("May 1991", "May 1998 – June 2000") dates the entries under it
                heading = _period_heading(para.text, article.published, old_year)
            if not heading and stamped:
                continue  # a live blog entry's title under its stamp: the stamp's entry
            stamped = bool(heading)
            # a retold story's sections ("Lalomanu", "The warnings") still tell its day
            carried = heading[0] if heading else carried if retold else None
            section_day = heading[0] if heading else None
            # the last day told stays the story's thread: "THE FIRST WEEK" then "2 November"
            # is still the year the section before told
            told = heading[0] if heading and heading[0].range.precision == "day" else told
            entry = heading[0] if heading else None
            # a timeline's day: a heading that opens with its date ("Saturday, October
            # 11 - Fay closes in"), not a headline that names one ("... toll from February 6")
            section = heading[0].range.start if heading and heading[0].start <= 2 else None
            # a live blog's day ("WEDNESDAY", then its entries): "today" and "this
            # afternoon" below it are that day's, not the day the blog was last updated
            day = heading[0].range.start if heading and _DAY_HEADING.fullmatch(para.text) else None
            if heading or not stamped_day:
                # a live blog's entries have titles of their own ("Ministers resign"):
                # under its day heading, they stay that day's
                # (a day or two past the page's date: the blog ran on after it was dated)
                today = (
                    day
                    if day and -AHEAD_DAYS <= (article.published - day).days <= SECTION_DAYS
                    else None
                )
                stamped_day = today is not None
            recent = []
            continue
        stamped = False
        ends = [m.end for m in mentions_here]  # sorted, as the mentions are by start
        before = told.range if told else None
        if (
            before is not None
            and before.start == before.end == article.published
            and today is None
            and _THAT_PART.search(para.text)
            and (story := event_day()) is not None
        ):
            # "were taken to hospital that afternoon" after a paragraph on the report's own
            # day: "that" is not today (which would be "this afternoon") but the story's day
            before = story.range
        para_dates = [
            d
            for d in find_dates(
                para.text, today or article.published, before, old_year, told_events
            )
            # "the May Pen Civic Forum", "out of May Pen": a place's name is no month
            if not _in_a_name(mentions_here, ends, d)
        ]
        # "MOSCOW, June 24 (Meridian Wire) - Gunmen attacked … on Sunday evening": the day
        # the report was filed, told as a telling is, not the story's event
        if DATELINE.match(para.text):
            para_dates = [
                replace(d, reporting=True)
                if d.start < DATELINE_CHARS and _DATELINE_AFTER.match(para.text, d.end)
                else d
                for d in para_dates
            ]
        if story_day is not None and para.id in asking:
            para_dates = _with_story_day(para.text, para_dates, story_day)
        if (
            today is not None
            and (article.published - today).days == 1
            and not _ENTRY_TIME.match(para.text)
        ):
            # a timeline written the day after its last heading ("MONDAY 20 DECEMBER",
            # published on the 21st): its "yesterday" is the heading's Monday, the day
            # before the report, not the Sunday before the heading
            para_dates = [_yesterday_is(d, today) for d in para_dates]
        if section is not None and today is None:
            # a timeline's "Saturday, October 11 - Fay closes in", then "By Saturday
            # afternoon residents had boarded up": that section's Saturday, not the one
            # before the report
            para_dates = [_in_section(d, section, article.published) for d in para_dates]
        date_starts = [d.start for d in para_dates]
        # within its paragraph an old date goes on ("On 17 July 2014, MH17 was shot down;
        # most of the wreckage fell near Hrabove"); only the next paragraphs leave it behind
        carrying = [j for j, d in enumerate(para_dates) if _tells(d)]
        if _ENTRY_TIME.match(para.text):
            # "5:20 p.m. In Clarendon, …": a live blog's entry is told as it happens; an
            # older entry's "on Tuesday night" is not this one's day; the day its section's
            # heading names ("Saturday, 7 October 2023", then "06:29 — Sirens sound") is
            carried = section_day
        last_place: Mention | None = None  # carried only within this paragraph
        # a timeline entry's date: "Wednesday, 4 November." opening it, or the dated heading
        # right above it ("Friday 29 August", then what happened that day)
        stamp: DateMention | None = entry
        entry = None
        mi = 0
        for s_start, s_end in _clauses(para.text):
            while mi < len(mentions_here) and mentions_here[mi].start < s_start:
                mi += 1
            here = []
            while mi < len(mentions_here) and mentions_here[mi].start < s_end:
                here.append(mentions_here[mi])
                mi += 1
            lo = bisect_left(date_starts, s_start)
            hi = bisect_left(date_starts, s_end)
            inside = para_dates[lo:hi]
            before = _before(para_dates, carrying, lo)
            sentence = para.text[s_start:s_end]
            if not here and _is_stamp(sentence, s_start, inside):
                stamp = _event_date(inside)  # dates the entry's sentences, drafted alone
                continue
            if here:
                if all(_attribution(para.text, m) for m in here) and recent:
                    # "..., said the governor of the Kharkiv region": the event is where
                    # the story is, not the governor's region
                    story = next(
                        (m for m in reversed(recent) if m.candidate.kind != "region"), None
                    )
                    own, _ = _dates_for(para.text, (s_start, s_end), inside, here, 0, article)
                    if story is not None and story.candidate != here[0].candidate:
                        why = f"{story.text!r}, the place the story is about, is carried over"
                        when = own[0] if own else before or carried
                        add(para.id, (s_start, s_end), para.text, story, when, why)
                there = _THERE.search(sentence)
                if last_place is not None and (
                    (
                        there is not None
                        and all(_ORIGIN_BEFORE.search(para.text, s_start, m.start) for m in here)
                    )
                    # "… homes were set on fire, and residents fled east toward Kalar and
                    # Sulaymaniyah": the fire was in the town before, the flight went there
                    or all(_FLED_TO.search(para.text, s_start, m.start) for m in here)
                ):
                    # "Residents there dug through rubble on Wednesday while waiting for
                    # machinery to arrive from Cuernavaca": the town before, as well as
                    # where the machinery comes from (drafted below, for the reviewer)
                    own, _ = _dates_for(para.text, (s_start, s_end), inside, here, 0, article)
                    when = (own[0] if own else None) or stamp or before or carried
                    why = (
                        f"'there' is read as {last_place.text!r}, named before it"
                        if there is not None
                        else f"{last_place.text!r}, named before it, is where people fled from"
                    )
                    add(para.id, (s_start, s_end), para.text, last_place, when, why)
                first_when: DateMention | None = None  # the sentence's first place's date
                for k, mention in enumerate(here):
                    own, history = _dates_for(para.text, (s_start, s_end), inside, here, k, article)
                    when = _nearest(own, mention, para.text) or stamp or before or carried
                    first_when = when if k == 0 else first_when
                    add(para.id, (s_start, s_end), para.text, mention, when, None)
                    if len(here) == 1:
                        for d in _other_days(own, when, para.text):
                            add(para.id, (s_start, s_end), para.text, mention, d, None)
                    for past in history:  # "Daraa, where protests erupted in March 2011"
                        add(para.id, (s_start, s_end), para.text, mention, past, None)
                words = _ANAPHOR.search(sentence)
                at = s_start + words.start() if words else 0
                no_town = all(m.candidate.kind not in ("city", "curated") for m in here)
                if words and words[1].lower() in _TOWN_WORDS and (no_town or at < here[0].start):
                    # "troops had retaken the city centre, and the road to the Blue Nile
                    # bridge reopened": the bridge's sentence is also the city's; so is
                    # "soldiers killed hundreds in the city on November 28, the weekend
                    # federal forces took Mekelle" the city's this paragraph named
                    referent = _referent(words[1].lower(), recent, para.id, named, seats, main)
                    if (
                        referent is not None
                        and (no_town or referent.paragraph == para.id)
                        and not any(m.start <= at < m.end for m in here)
                        and all(m.candidate != referent.candidate for m in here)
                    ):
                        why = f"{words[0]!r} is read as {referent.text!r}, named before it"
                        add(para.id, (s_start, s_end), para.text, referent, first_when, why)
                topics = [m for m in here if not _landmark(para.text, m)] or here
                # the sentence's own place: a town rather than the region around it
                last_place = next((m for m in topics if m.candidate.kind != "region"), topics[0])
            else:
                # no place of its own: "the town" named before, or, for a dated sentence or
                # an act of violence right after a dated one, this paragraph's place or the
                # dateline's. An undated "across the city" is the town named before, on the
                # day the paragraph, the story or the live blog's section is on.
                dated = _event_date(inside) or stamp
                told_here = dated is not None or (
                    before is not None
                    and (categorise(sentence) in VIOLENT or _HARM.search(sentence) is not None)
                )
                when = dated or before or carried
                words = _ANAPHOR.search(sentence)
                referent = (
                    _referent(words[1].lower(), recent, para.id, named, seats, main)
                    if words
                    else None
                )
                if referent is None and (site_words := _SITE_ANAPHOR.search(sentence)):
                    # "the terminal lost its roof", "the hospital ran out of fuel": the site
                    # of that kind named last
                    words, referent = site_words, _site_referent(site_words[1], recent)
                if told_here and words and words[1].lower() == "scene":
                    referent = main or referent  # "the scene" is the report's, not the last
                if (
                    referent is None
                    and volcano is not None
                    and (erupting := _ERUPTING.search(sentence))
                ):
                    # "The eruption began in the early afternoon of January 12": at Taal
                    # Volcano, not at the lakeshore town the sentence before named
                    words, referent = erupting, volcano
                if referent is not None and (told_here or when or today):
                    why = f"{words[0]!r} is read as {referent.text!r}, named before it"
                    add(para.id, (s_start, s_end), para.text, referent, when, why)
                    if dated is not None:
                        # "The minister toured it on January 7, and a day later the town
                        # was declared a disaster zone": both days are the town's
                        for d in _other_days(inside, when, para.text):
                            add(para.id, (s_start, s_end), para.text, referent, d, why)
                    last_place = referent  # "the town" is this paragraph's place from here on
                elif not told_here:
                    pass  # undated and calm: only a town it names ("the city") is its place
                elif last_place is not None:
                    why = (
                        f"{last_place.text!r} is carried over from the sentence before it "
                        "in the same paragraph"
                    )
                    add(para.id, (s_start, s_end), para.text, last_place, when, why)
                    if dated is not None:
                        # "She died on 16 September, and protests began at her burial
                        # the next day": the town of the sentence before, on both days
                        for d in _other_days(inside, when, para.text):
                            add(para.id, (s_start, s_end), para.text, last_place, d, why)
                elif (ahead := _ahead(mentions_here, mi)) is not None:
                    # "The quake struck at 3:54 on Tuesday. Its epicentre was near Durrës."
                    why = f"{ahead.text!r} is carried back from later in the same paragraph"
                    add(para.id, (s_start, s_end), para.text, ahead, when, why)
                elif main is not None and (inside or stamp):
                    why = f"{main.text!r}, the place the report names most, stands in"
                    add(para.id, (s_start, s_end), para.text, main, when, why)
                elif home is not None and (inside or stamp):
                    why = f"{home.text!r}, the dateline's place, also named in the report"
                    add(para.id, (s_start, s_end), para.text, home, when, why)
            recent.extend(m for m in here if not _landmark(para.text, m))
        # "that night" in the next paragraph is the night of the day told last, however
        # long ago: unlike carrying a date to a sentence with none, it names it
        events = [
            d
            for d in para_dates
            if not (d.reporting or d.background or measures(d.range))
            and d.range.start <= article.published  # a day planned ahead is no thread
            # '"I came back the next morning," said a gallery owner': her morning, told
            # from her own night; the story's thread stays where it was
            and not (d.range.text.lower().startswith(_COUNTED_FROM) and _quoted(para.text, d.start))
        ]
        if told is not None and (article.published - told.range.end).days > OLD_STORY_DAYS:
            # a timeline of 2015 that says "Overnight the ministry puts the toll at 27"
            # has not come to the report's night: the thread stays in the story's year
            events = [d for d in events if fold(d.range.text) not in _REPORT_NIGHT]
        told = events[-1] if events else told
        points = [d for d in para_dates if _carries(d, article, retold)]
        # "… missiles on 23 June, after strikes carried out a day earlier": the story goes
        # on from the 23rd, not from the day before it
        points = [d for d in points if not _BACKWARD.search(d.range.text)] or points
        # "Rescuers spent the night searching … after a quake struck at midday on Tuesday":
        # the night is the aftermath; the story goes on from the quake's day
        points = [d for d in points if not _night_span(d)] or [
            # "taken to Christchurch Hospital, where surgeons operated through the night":
            # a story's night (not the one just gone before the report) leaves the thread
            # on the day it fell, which the next paragraph goes on to tell
            _evening(d) if d.range.end < article.published else d
            for d in points
        ]
        if points:
            # the lede's first date is the story's main event, which the next paragraphs
            # go on to tell; elsewhere the story moves on with its last date
            carried = points[0] if para is lede else points[-1]
    return Draft(article, new_places, list(incidents.values()), weighed)


QUOTE_REACH = 600  # characters looked back for an open quotation mark
_COUNTED_FROM = ("the next", "the following", "a day later", "the day after", "that ")


def _quoted(text: str, at: int) -> bool:
    """Whether `at` lies inside quotation marks: an odd number of straight quotes before
    it, or a curly opening one not yet closed, within the sentences just before it (a
    report on one line is not counted back to its start for every date)."""
    head = text[max(0, at - QUOTE_REACH) : at]
    return head.count('"') % 2 == 1 or head.count("“") > head.count("”")


def _night_span(mention: DateMention) -> bool:
    """Whether a date is a night that runs into the next day ("overnight", "spent the
    night")."""
    r = mention.range
    return (r.end - r.start).days == 1 and bool(_NIGHT.search(r.text))


_NIGHT = re.compile(r"(?i)night")


def _evening(mention: DateMention) -> DateMention:
    """A night's first day alone: the day whose night it was."""
    r = mention.range
    return replace(mention, range=DateRange(r.start, r.start, r.precision, r.text))


def _period_heading(text: str, published: date, old_year: int | None) -> list[DateMention]:
    """The period a heading names when the heading is nothing but that period."""
    found = [
        d
        for d in find_dates(text, published, None, old_year)
        if not (measures(d.range) or d.reporting)
    ]
    if len(found) != 1 or not _ONLY_PUNCTUATION.fullmatch(
        text[: found[0].start] + text[found[0].end :]
    ):
        return []
    return found


_ONLY_PUNCTUATION = re.compile(r"[\s,.:;–—-]*")


_WEEKDAY_ALONE = re.compile(
    r"(?i:(?:(?:on|by|early|late|until|from)\s+)*(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"(?:\s+(?:morning|afternoon|evening|night))?)"
)


def _yesterday_is(d: DateMention, day: date) -> DateMention:
    if d.range.text.strip().lower() != "yesterday":
        return d
    return replace(d, range=DateRange(day, day, "day", d.range.text))


def _in_section(d: DateMention, section: date, published: date) -> DateMention:
    """A bare weekday under a dated heading is that day or the first such day after it
    (the section tells on from its day), never after the report; not the latest before
    the report."""
    if (
        fold(d.range.text) == "overnight"
        and d.range.end == published
        and section < published - timedelta(days=1)
    ):
        # "22 May", then "Overnight, one of the flows crept into Buhene": the night after
        # the section's day, which the section tells on from, not the report's last night
        return replace(
            d, range=DateRange(section, section + timedelta(days=1), "day", d.range.text)
        )
    if d.range.precision != "day" or not _WEEKDAY_ALONE.fullmatch(d.range.text.strip()):
        return d
    day = section + timedelta(days=(d.range.start.weekday() - section.weekday()) % 7)
    if day > published or day == d.range.start:
        return d
    return replace(d, range=DateRange(day, day, "day", d.range.text))


# a live blog entry's time: "5:20 p.m.", "15.25", "22:10 GMT"
# "5:20 p.m. In Clarendon", "06:30 — A landslide", "14.05 GMT: Police": an entry's stamp
_ENTRY_TIME = re.compile(
    r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?(?:\s*[-–—:|]\s*|\s+)(?=[A-Z\"“])"
)
# a day heading: a live blog's "WEDNESDAY", a timeline's "Friday morning" ("34 people
# were arrested overnight" is the night before it); not "17 October - the talks"
_DAY_HEADING = re.compile(
    r"\W*(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b,?(?:\s+[\w.]+,?){0,3}\W*"
)
SECTION_DAYS = 7  # a heading naming a day this recent is a live blog's day, its entries' today


def _in_a_name(mentions: list[Mention], ends: list[int], when: DateMention) -> bool:
    """Whether date words lie inside a place's name ("May Pen", "28 September stadium"):
    `ends` are the mentions' ends, built once per paragraph."""
    at = bisect_left(ends, when.start + 1)
    return at < len(mentions) and mentions[at].start < when.end


VIOLENT = {
    "drone-attack",
    "missile-strike",
    "shelling",
    "casualty",
    "ground-assault",
    "infrastructure-attack",
}
# Harm a sentence tells without the words of an attack category: "the first bomber struck a
# wedding at 3 p.m." after "the attacks on Saturday", in the paragraph's town
_HARM = re.compile(
    r"\b(?:bomb(?:s|ers?|ings?|ed)?|blasts?|explo(?:ded|sions?)|struck|gunmen|shot|"
    r"opened\s+fire|set\s+fire|torched|burned|burnt|looted|collapsed|destroyed|damaged|"
    r"flooded|swept\s+away|buried)\b",
    re.IGNORECASE,
)
# "60 kilometres north of El Fasher", "the outskirts of Goma": a place used to locate
# another, not where the sentence's event is
_LANDMARK = re.compile(
    r"(?:\b(?:kilomet(?:re|er)s?|km|miles?|met(?:re|er)s?)\s+(?:\([^)]*\)\s+)?"
    r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?(?:of|from)"
    r"|\b(?:near|outside|beyond)|\bfar\s+from"
    r"|\b(?<!the\s)(?:north|south|east|west)(?:-?(?:east|west))?\s+of)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A relative clause that may carry history: "Sanaa, which the Houthis have held since
# they swept into the city in September 2014, and ..."
_CLAUSE_OPEN = re.compile(
    r",\s+(?:which|who|whose|where|when)\b|\bsince\b"
    # "the building that housed parliament from 2012 until 2019": what a place once was
    r"|(?<=\w)\s+that\s+(?:once\s+|had\s+)?(?:housed|hosted|served|held)\b"
)
_CLAUSE_CLOSE = re.compile(r",\s+and\b|;|\s[—–]\s")


_ATTRIBUTION = re.compile(
    r"\b(?:governor|mayor|head|chief|administrator|authorities|officials|police|"
    r"spokes\w+)\s+(?:of|for|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _attribution(text: str, mention: Mention) -> bool:
    """ "the governor of the Kharkiv region": who speaks, not where it happened."""
    return bool(_ATTRIBUTION.search(text, max(0, mention.start - 40), mention.start))


def _landmark(text: str, mention: Mention) -> bool:
    return bool(_LANDMARK.search(text, max(0, mention.start - 50), mention.start))


DATELINE_CHARS = 80  # a dateline's filing day comes this early in its paragraph
DATELINE_PARAGRAPHS = 3  # a standfirst and a byline may come before the dateline


def _home_place(article: Article, mentions: list[Mention]) -> Mention | None:
    """The dateline's place, if the report also names it as a place (in its headline or
    text): sentences about "this town" with no name of their own happened there. A
    feature's standfirst and byline may come before the dateline."""
    for para in [p for p in article.body if p.kind == "body"][:DATELINE_PARAGRAPHS]:
        m = DATELINE.match(para.text)
        if not m:
            continue
        key = fold(m["place"])  # "MARAWI CITY" is the Marawi the text names
        keys = {key, key.removesuffix(" city")}
        return next((x for x in mentions if keys & {fold(x.text), fold(x.candidate.name)}), None)
    return None


def _dates_for(
    text: str,
    sentence: tuple[int, int],
    inside: list[DateMention],
    here: list[Mention],
    k: int,
    article: Article,
) -> tuple[list[DateMention], list[DateMention]]:
    """(dates that can date the sentence's event at here[k], history dates of here[k]).

    History in a relative clause ("Sanaa, which the Houthis have held since September
    2014, and Hodeidah") dates only the places inside the clause and the place it
    describes, and that as a second, past incident: the sentence's own event keeps the
    story's date.
    """
    s_start, s_end = sentence
    mention = here[k]
    own: list[DateMention] = []
    history: list[DateMention] = []
    spans: list[DateMention] = []
    plain = any(not (d.reference or d.reporting or measures(d.range)) for d in inside)
    for d in inside:
        if d.reference and plain:
            continue  # "After the 1967 war, it stayed closed from June 1967 to June 1975"
        if measures(d.range):
            if not _COMPARED.search(text[max(s_start, d.start - COMPARED_CHARS) : d.end]):
                spans.append(d)  # "for two days" dates an event only if nothing else does
            continue
        if _carries(d, article):
            own.append(d)
            continue
        opens = [m.start() for m in _CLAUSE_OPEN.finditer(text, s_start, d.start)]
        if not opens:
            own.append(d)
            continue
        o = opens[-1]
        close = _CLAUSE_CLOSE.search(text, d.end, s_end)
        e = close.start() if close else s_end
        described = max((m for m in here if m.end <= o), key=lambda m: m.end, default=None)
        if described is not None:
            # "the destruction of Armero, in Tolima, when a mudflow …": the clause
            # describes the town, not the region that locates it
            owner = max(
                (m for m in here if m.end <= described.start), key=lambda m: m.end, default=None
            )
            if owner is not None and _LOCATED_IN.fullmatch(text, owner.end, described.start):
                described = owner
        if o <= mention.start < e:
            own.append(d)
        elif described is mention:
            history.append(d)
    return own or spans, history


# "the sixth person to hold the office since 2016", "the worst flooding since 1974": the
# years a record is counted over, which date no event, not even for want of another
_COMPARED = re.compile(
    r"(?i)\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)"
    r"|" + SUPERLATIVES + r"|only)\b[^.;:!?]*\bsince\s[^.;:!?]*$"
)
COMPARED_CHARS = 80


_LOCATED_IN = re.compile(
    r",\s+(?:in|near|outside)\s+(?:the\s+)?(?:(?:province|region|state|department)\s+of\s+)?"
)
_CLOCK = re.compile(
    r"(?i:\b(?:about|around|at|from|c\.)\s+)?\b\d{1,2}[:.h]\d{2}\b(?:\s*(?:a\.m\.|p\.m\.|am\b|pm\b"
    r"|hrs\b|GMT\b|UTC\b|local time\b))?"
)


def _is_stamp(sentence: str, offset: int, inside: list[DateMention]) -> bool:
    """Whether a clause is only a date (and a clock time): a timeline entry's opening,
    "Wednesday, 4 November." or "Friday, 30 October 2015, about 22:30."."""
    if not inside:
        return False
    rest = sentence
    for d in sorted(inside, key=lambda d: d.start, reverse=True):
        a, b = d.start - offset, d.end - offset
        rest = rest[:a] + " " + rest[b:]
    return not re.search(r"[^\W\d_]", _CLOCK.sub(" ", rest))


def _event_date(inside: list[DateMention]) -> DateMention | None:
    """The date of a sentence's event: its first time words that are not a duration
    ("lay in the streets for a day ... buried on Nov. 30"), an event's before a telling's."""
    dates = [d for d in inside if not measures(d.range)]
    return next((d for d in dates if not d.reporting), dates[0] if dates else None)


# "there" standing for a place ("residents there", "died there"), not "there were"
_THERE = re.compile(
    r"(?<=\w)\s+there\b(?!\s+(?:is|are|was|were|has|have|had|will|would|may|might|could|must|"
    r"should|seems?|seemed|appears?|appeared|remains?|remained|exists?|existed|be|being)\b)"
    r"(?![’']s)"
)
# where people fled to, which is not where what they fled from happened
_FLED_TO = re.compile(
    r"\b(?:fled|flee|fleeing|escaped|evacuated|headed|moved)\s+(?:\w+\s+){0,2}?"
    r"(?:to|toward|towards|into)\s+(?:the\s+)?(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*"
    r"(?:,\s+|\s+(?:and|or)\s+))*$"
)
# where people or things come from, which is not where the sentence's event is
_ORIGIN_BEFORE = re.compile(
    r"\b(?:arrive|arrived|arriving|come|came|coming|sent|brought|flown|driven|travelled|"
    r"traveled|bused|trucked|shipped)\s+(?:in\s+)?from\s+(?:the\s+)?$"
)
# "The town fell on Jan. 5": a definite description names the place last named of its kind.
_ANAPHOR = re.compile(
    r"\b[Tt]he\s+(?:(?:besieged|embattled|frontline|front-line|coastal|port|northern|southern|"
    r"eastern|western|regional|border)\s+)?(city|town|village|port|capital|scene|region|province|"
    r"governorate|state(?!\s+(?:media|news|television|tv|radio|broadcaster|department|agency|"
    r"council|security|prosecutor|funeral|of\s+emergency)))\b"
)
# "the hospital", "the camp": a site of that kind the report named just before
_SITE_ANAPHOR = re.compile(
    r"\b[Tt]he\s+(?:(?:main|old|new|city's|town's|camp's)\s+)?(hospital|camp|prison|jail|"
    r"stadium|airport|terminal|bridge|dam|market|church|mosque|cathedral|monastery|school|"
    r"refinery|compound|hotel|mall|factory|barracks|palace|square)\b(?!\s+(?:of|in|at)\b)"
)
# the words a site's name ends with that "the terminal" and the rest may stand for
_SITE_NOUNS = {
    "terminal": ("airport", "terminal"),
    "jail": ("jail", "prison"),
    "prison": ("prison", "jail"),
    "cathedral": ("cathedral", "church"),
}


def _site_referent(word: str, recent: list[Mention]) -> Mention | None:
    """The last site named since the last heading (among the last eight places) whose
    name says it is what "the <word>" names: "Mnazi Mmoja Hospital" for "the hospital",
    "Princess Juliana International Airport" for "the terminal"."""
    nouns = _SITE_NOUNS.get(word.lower(), (word.lower(),))
    for m in reversed(recent[-8:]):
        name = fold(m.text).split()
        if m.candidate.kind in ("site", "curated") and name and name[-1] in nouns:
            return m
    return None


_TOWN_WORDS = frozenset(("city", "town", "village", "capital"))
_ANAPHOR_KINDS = {
    "city": ("city", "curated"),
    "town": ("city", "curated"),
    "village": ("city", "curated"),
    "port": ("city", "curated"),
    "capital": ("city", "curated"),
    "scene": ("city", "curated", "site"),  # "visited the scene on Wednesday"
    "region": ("region",),
    "province": ("region",),
    "governorate": ("region",),
    "state": ("region",),
}


def _ahead(mentions: list[Mention], at: int) -> Mention | None:
    """The place a paragraph names after a sentence with none (mentions[at:]): a town
    before a region. Read in place, not copied: a long paragraph stays linear."""
    later = (mentions[i] for i in range(at, len(mentions)))
    return next((m for m in later if m.candidate.kind != "region"), None) or (
        mentions[at] if at < len(mentions) else None
    )


# Words dated from the report's own day that name no day of their own
_REPORT_NIGHT = frozenset(["overnight", "last night", "tonight"])
OLD_STORY_DAYS = 30  # a story told this long before the report is an old one
# a sentence's second day this far from its first belongs to another story ("recalled …
# on June 8, 1998"); closer ("closed in March …, and reopened on 26 October"), the same
OTHER_DAY_GAP_DAYS = 366


def _main_place(
    mentions: list[Mention], named: Counter[tuple[object, str]], title: str
) -> Mention | None:
    """The town the report is about: named at least three times, and more than any other
    place; the headline's town counts as named twice more ("Mangaf fire victims flown
    home" and twice in the text). A dated sentence in a paragraph that names no place
    happened there, more likely than anywhere else; the draft says so and keeps a low
    confidence."""
    # a street or hotel named three times is where things happened, not the report's town
    towns = [m for m in mentions if m.candidate.kind not in ("region", "feature", "site")]
    counts = Counter(_key(m) for m in towns)
    headline = f" {fold(title)} "
    for m in {_key(m): m for m in towns}.values():
        if f" {fold(m.text)} " in headline:
            counts[_key(m)] += HEADLINE_COUNTS
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        # no town stands out: a region the report names over and over, and no town as
        # often ("Tobago's shore", "across Tobago", a statement that never names a town
        # three times)
        regions = [m for m in mentions if m.candidate.kind == "region"]
        top = Counter(_key(m) for m in regions).most_common(2)
        best_town = ranked[0][1] if ranked else 0
        if not top or top[0][1] < 3 or top[0][1] < REGION_OVER_TOWNS * best_town:
            return None
        if len(top) > 1 and top[1][1] == top[0][1]:
            return None
        region = next(m for m in regions if _key(m) == top[0][0]).candidate
        inside = [
            m
            for m in towns
            if m.candidate.country == region.country
            and region.admin1 in (m.candidate.admin1, WHOLE_TERRITORY)
        ]
        if towns and not inside:
            return None  # the report's towns all lie elsewhere: the region is not its place
        return next(m for m in regions if _key(m) == top[0][0])
    return next(m for m in towns if _key(m) == ranked[0][0])


HEADLINE_COUNTS = 2  # a town in the headline counts as this many more mentions
REGION_OVER_TOWNS = 2  # a region stands in for the report's town if named twice as often


_ERUPTING = re.compile(
    r"\b(?:erupt\w*|lava|magma|crater|ash\s+(?:column|plume|cloud)|lahars?|pyroclastic)\b",
    re.IGNORECASE,
)


def _volcano(candidate: Candidate) -> bool:
    """A mountain the feature list names a volcano ("Taal Volcano", "Volcán de Fuego")."""
    return candidate.kind == "feature" and "volcan" in fold(candidate.name)


def _key(mention: Mention) -> tuple[object, str]:
    return mention.candidate.geonames_id, mention.candidate.name


def _referent(
    word: str,
    recent: list[Mention],
    paragraph: str,
    named: Counter[tuple[object, str]],
    seats: list[Mention],
    main: Mention | None = None,
) -> Mention | None:
    """The place "the town" means: the last one of its kind if this paragraph named it;
    otherwise, further back, the one the report names most (the town the story is
    about, rather than the city a background sentence passed through), or, when the
    section names none, the report's own town."""
    kinds = _ANAPHOR_KINDS[word]
    fitting = [m for m in recent[-8:] if m.candidate.kind in kinds]
    if word == "village":
        # "a mass grave on the edge of the village": the village the report named (one no
        # gazetteer has, drawn at its town), not the town it was drawn at
        villages = [m for m in recent[-8:] if m.candidate.feature.startswith("unlisted|")]
        fitting = villages or fitting
    if word == "capital" and seats:
        # "disturbances in the capital": the national capital the report named, however
        # far back (a heading or dateline too), not the last town of any size
        fitting = [m for m in fitting if m in seats] or seats
    if not fitting and word in ("city", "town") and main is not None:
        # "leaving the city", under a heading after paragraphs on its square and avenues:
        # the town the report is about
        fitting = [main] if main.candidate.kind in kinds else []
    if not fitting:
        return None
    if fitting[-1].paragraph == paragraph:
        return fitting[-1]
    return max(reversed(fitting), key=lambda m: named[_key(m)])


def _tells(mention: DateMention) -> bool:
    """Whether a date tells when something happened, which the next sentences of its
    paragraph go on from: not a duration ("for 15 months"), not when something was said,
    not background ("since they took the city in September 2014")."""
    return not (measures(mention.range) or mention.reporting or mention.background)


def _carries(mention: DateMention, article: Article, retold: bool = False) -> bool:
    """Whether a date can stand for the sentences after it, beyond its paragraph too: one
    that tells, and is recent. In a report that retells an old event ("fifteen years ago",
    "the anniversary"), an old date is the story's, not background."""
    if not _tells(mention) or mention.range.start > article.published:
        return False  # "declared Saturday, 23 December, a day of mourning": a day ahead
    return retold or (article.published - mention.range.end).days <= BACKGROUND_DAYS


_RETOLD = re.compile(
    # not "cracks that showed up more than a year ago have opened": an aside, not the
    # old story a report retells
    r"(?<!\bthan\s)(?<!\bover\s)"
    r"\b(?:(?:\d+|[a-z]+)[-\s](?:years?|decades?)\s+(?:ago|on|after|since|later)|anniversary"
    r"|years\s+on)\b",
    re.IGNORECASE,
)


def _retold(article: Article, lede: Paragraph | None) -> bool:
    """Whether the report retells an old event: its title or first paragraph says so."""
    return bool(_RETOLD.search(f"{article.title or ''} {lede.text if lede else ''}"))


# "carried to Managil on the day of the attack": the day of the report's main event
_EVENT_NOUNS = (
    r"(?:attack|attacks|strike|strikes|blast|"
    r"blasts|quake|earthquake|explosion|explosions|massacre|bombing|bombings|fire|crash|storm|"
    r"shooting|raid|assault|collapse|landslide|flood|floods|eruption|ambush|killings|"
    r"hijacking|siege)\b"
)
_THAT_PART = re.compile(r"\bthat\s+(?:morning|afternoon|evening|night)\b", re.IGNORECASE)
_DAY_OF_EVENT = re.compile(
    r"\b(?:on\s+)?the\s+(?:very\s+)?day\s+of\s+the\s+"
    + _EVENT_NOUNS
    # "The same evening as the Kramatorsk strike": that strike's day, not the day told last
    # (a paragraph on last year's strike in Kremenchuk)
    + r"|\b(?P<same>the\s+same\s+(?:day|morning|afternoon|evening|night)\s+as\s+the\s+"
    r"(?:[\w’'-]+\s+){0,3}?)" + _EVENT_NOUNS,
    re.IGNORECASE,
)


def _story_day(article: Article) -> DateRange | None:
    """The day of the event a report is about: the first day its opening paragraphs tell
    ("stormed the village last Wednesday, 5 June")."""
    for para in [p for p in article.body if p.kind == "body"][:STORY_PARAGRAPHS]:
        for d in find_dates(para.text[:STORY_CHARS], article.published):
            r = d.range
            if d.reporting or d.background or measures(r) or r.precision != "day":
                continue
            if r.start == r.end and r.end < article.published:
                return r
    return None


def _with_story_day(text: str, dates: list[DateMention], story: DateRange) -> list[DateMention]:
    """The paragraph's dates with each "on the day of the attack" as the story's day."""
    out = list(dates)
    for m in _DAY_OF_EVENT.finditer(text):
        over = [d for d in out if d.start < m.end() and m.start() < d.end]
        if over and not m["same"]:
            continue
        # "the same evening as the strike" was read as the same evening as the day told last
        out = [d for d in out if d not in over]
        out.append(DateMention(m.start(), m.end(), replace(story, text=m[0])))
    return sorted(out, key=lambda d: d.start)


def _story_year(article: Article) -> int | None:
    """The year of the old event a retrospective retells: the first date from long before
    the report in its opening paragraphs ("Ten years ago today, in July 2008"), headings
    too (a timeline's "Early February 2016")."""
    for para in article.body[:STORY_PARAGRAPHS]:
        for d in find_dates(para.text[:STORY_CHARS], article.published):
            if d.reporting or measures(d.range):
                continue
            if (article.published - d.range.end).days > OLD_STORY_DAYS:
                return d.range.start.year
    # "Ten years after Rana Plaza", its old date told further down: the title counts the
    # years back to it, if the report names that year
    lede = next((p for p in article.body if p.kind == "body"), None)
    counted = _YEARS_COUNTED.search(f"{article.title or ''} {lede.text if lede else ''}")
    if counted:
        n = counted[1]
        year = article.published.year - (int(n) if n.isdigit() else UNITS[n.lower()])
        if year < article.published.year and any(
            re.search(rf"\b{year}\b", p.text) for p in article.body
        ):
            return year
    return None


_YEARS_COUNTED = re.compile(
    rf"\b(\d{{1,3}}|{'|'.join(UNITS)})[-\s]years?\s+(?:ago|on|after|since|later)\b", re.IGNORECASE
)


STORY_PARAGRAPHS = 3
STORY_CHARS = 3000  # an opening paragraph tells its day early; a report on one line is read once
STORY_WEEK_DAYS = 7  # a story's event this close to the report is the news it reports


# "before Thursday", "until 2 August": a bound, not the day something happened
_BOUND_BEFORE = re.compile(r"\b(?:before|until|till|since|after|from)\s+$", re.IGNORECASE)
# "GANJA, Azerbaijan, Oct 18 (Meridian Wire) - ": the day the report was filed
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)]{1,60}\)\s*)?[—–-]{1,2}\s")
_REPORT_DAY = frozenset(["today", "tonight", "this morning", "this afternoon", "this evening"])


def _other_days(own: list[DateMention], chosen: DateMention | None, text: str) -> list[DateMention]:
    """The other days a one-place sentence dates something on: "rescue crews spent Sunday
    clearing homes hit by a missile before dawn on Saturday" is two events at that town.
    Only named days count (or months, in a sentence dated by its month); a day right beside
    another one restates it ("two days later, on Sunday 17 March")."""
    seen = {chosen.range if chosen else None}
    out = []
    for d in own:
        if d.range in seen or d.reporting or measures(d.range):
            continue
        # "marched in February and March 2021, and troops shot protesters there in March":
        # a month beside a month the sentence dates by
        # (and a month after a year: "a break in 1997, and an attempt that September")
        month = chosen is not None and chosen.range.precision in ("month", "year")
        if d.range.precision != "day" and not (month and d.range.precision == "month"):
            continue
        bound = _BOUND_BEFORE.search(text, max(0, d.start - 12), d.start)
        if fold(d.range.text) in _REPORT_DAY or bound:
            continue
        if d.start < DATELINE_CHARS and _DATELINE_AFTER.match(text, d.end):
            continue
        if any(_side_by_side(o, d) for o in own if o is not d):
            continue
        if chosen is not None and _days_apart(chosen.range, d.range) > OTHER_DAY_GAP_DAYS:
            # "the attack on Friday recalled ... on June 8, 1998, rebels burned a school
            # near Fort Portal": the town is in the old story, not in Friday's
            continue
        seen.add(d.range)
        out.append(d)
    return out


def _side_by_side(a: DateMention, b: DateMention) -> bool:
    return 0 <= b.start - a.end <= 3 or 0 <= a.start - b.end <= 3


def _days_apart(a: DateRange, b: DateRange) -> int:
    return max(0, (b.start - a.end).days, (a.start - b.end).days)


def _nearest(inside: list[DateMention], mention: Mention, text: str) -> DateMention | None:
    """The time words closest to the place in its sentence: each event its own date."""
    if not inside:
        return None
    # "the bombing in Nairobi in 1998": a date right after another name is that name's
    taken = set()
    for d in inside:
        if d.start >= mention.end:
            continue  # a date after the place: "Kochi in Kerala on Thursday" is Kochi's too
        bound = _NAME_RIGHT_BEFORE.search(text, max(0, d.start - 60), d.start)
        if bound is not None and not (bound["prep"] or _PREP.match(text, d.start)):
            bound = None  # "Kharkiv 1998" is no date of Kharkiv's
        if bound is None or mention.start <= bound.start() < mention.end:
            continue
        if mention.end <= bound.start() and _LOCATES.fullmatch(text, mention.end, bound.start()):
            continue  # "the US embassy in Nairobi in 1998": the embassy's town, its date
        taken.add(d.start)

    def gap(d: DateMention) -> tuple[int, int, int]:
        after = d.start >= mention.end
        # "bombs hit Algiers, and on December 11 two more struck": a date opening the next
        # clause dates what follows it, not the place before it
        opens_next = after and bool(_NEXT_CLAUSE.search(text, mention.end, d.start))
        # "Wednesday's fire in Mangaf": the date of that fire and its place, not of a
        # place the sentence goes on to ("... landed at Kochi on Friday")
        if _POSSESSIVE.match(text, d.end):
            opens_next = opens_next or not _ITS_PLACE.fullmatch(text, d.end, mention.start)
        opens_next = opens_next or d.start in taken
        return (
            int(opens_next),
            max(d.start - mention.end, mention.start - d.end, 0),
            0 if after else 1,
        )

    best = min(inside, key=gap)
    if best.range.precision != "day":
        # "Last month, in Mango, … on 20 September": the day is the month's, and says more
        finer = [
            d
            for d in inside
            if d.range.precision == "day"
            and best.range.start <= d.range.start
            and d.range.end <= best.range.end
            and d.start not in taken
        ]
        if finer:
            return min(finer, key=gap)
    return best


def _before(dates: list[DateMention], carrying: list[int], at: int) -> DateMention | None:
    """The date a sentence with none of its own takes from earlier in its paragraph: the
    last one that can carry, unless it looks back ("… carried out a day earlier. Qatar shut
    its airspace": the story goes on from its own day, named before that). `carrying` holds
    the indices of the dates that can carry, so a paragraph of a thousand dates that cannot
    (a report on one line) is not read back through for every sentence."""
    last, stop = None, -1
    for k in range(bisect_left(carrying, at) - 1, -1, -1):
        j = carrying[k]
        d = dates[j]
        if not _BACKWARD.search(d.range.text):
            return d
        if last is None:
            last, stop = d, j - BACKWARD_REACH
        elif j <= stop:
            break
    return last


BACKWARD_REACH = 8  # dates looked through for the day a backward date looked back from
_BACKWARD = re.compile(r"\b(?:before|earlier|previous|prior)\b", re.IGNORECASE)
_NEXT_CLAUSE = re.compile(r"[,;]\s+(?:and|but|while|whereas|then)\s+(?:\w+\s+){0,2}$")
_POSSESSIVE = re.compile(r"[’']s\b")
_NAME_RIGHT_BEFORE = re.compile(r"\b[A-Z][\w'’-]+,?\s+(?P<prep>(?:in|on)\s+)?$")
_PREP = re.compile(r"(?:in|on)\s", re.IGNORECASE)
_LOCATES = re.compile(r",?\s+(?:in|at|near|outside|of)\s+(?:the\s+)?")
_ITS_PLACE = re.compile(
    r"[’']s\s+(?:[\w-]+\s+){1,3}(?:in|at|on|near|outside|of)\s+(?:the\s+)?", re.IGNORECASE
)


CANDIDATES = "candidates.json"


def drafts_dir(root: Path, article_id: str) -> Path:
    return Path(root) / "drafts" / article_id


def write_draft(root: Path, result: Draft, *, replace: bool = False) -> Path:
    """Write the draft folder whole, under the dataset's writer lock: never half a draft."""
    root = Path(root)
    target = drafts_dir(root, result.article.id)
    with writing(root):
        if (root / "articles" / f"{result.article.id}.json").exists():
            raise IngestError(
                f"article {result.article.id!r} is already in the dataset: reviewed data is "
                "never overwritten; pass a different --id"
            )
        if target.exists() and not replace:
            raise IngestError(
                f"a draft {result.article.id!r} is already waiting: review it and run "
                "`mapview accept`, or pass --replace"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(
            tempfile.mkdtemp(prefix=f".{result.article.id}.", suffix=".tmpdir", dir=target.parent)
        )
        try:
            save_article(tmp / "article.json", result.article)
            save_places(tmp / "places.geojson", result.places)
            save_incidents(tmp / "incidents.json", result.incidents)
            (tmp / CANDIDATES).write_text(dump_json(result.candidates), encoding="utf-8")
            if target.exists():
                shutil.rmtree(target)
            tmp.rename(target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return target


def init_dataset(root: Path) -> None:
    """Make a new or empty folder a valid empty dataset, so anyone can start their own."""
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise IngestError(f"{root}: not a folder")
    if (root / "places.geojson").exists():
        return
    if root.exists() and any(
        p.name != "drafts" and not p.name.startswith(".mapview-") for p in root.iterdir()
    ):
        raise IngestError(
            f"{root}: not a mapview dataset (no places.geojson) and not empty; "
            "pass an empty or new folder to start a dataset"
        )
    with writing(root) as tx:
        (root / "articles").mkdir(parents=True, exist_ok=True)
        tx.write(root / "incidents.json", dump_json(dump_incidents([])))
        tx.write(root / "places.geojson", dump_feature_collection([]))
        tx.commit()


def pending_drafts(root: Path) -> list[str]:
    """Ids of the drafts waiting in a dataset, in name order."""
    folder = Path(root) / "drafts"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and SLUG_RE.fullmatch(p.name))


def _feature_line(feature: dict[str, Any]) -> str:
    return "    " + json.dumps(feature, ensure_ascii=False)


def _record(record: dict[str, Any]) -> str:
    return textwrap.indent(json.dumps(record, ensure_ascii=False, indent=2), "    ")


@dataclass
class Accepted:
    incidents: int
    places: int
    already: bool = False  # the draft had been accepted (by a run that was interrupted)


def accept(root: Path, article_id: str, reviewer: Reviewed | None = None) -> Accepted:
    """Merge a reviewed draft into the dataset, all or nothing, under the writer lock.

    Everything is validated before any file is written; problems in the draft name the
    draft's own files. Records already in the dataset are written back byte for byte, so a
    version-controlled dataset shows only the added lines. With a `reviewer`, every
    incident is stamped with who reviewed it and when, and none may still be "unreviewed".
    """
    root = Path(root)
    if not SLUG_RE.fullmatch(article_id):
        raise IngestError(f"{article_id!r} is not a draft id (lower-case letters, digits, -)")
    with writing(root) as tx:
        folder = drafts_dir(root, article_id)
        if not folder.is_dir():
            if (root / "articles" / f"{article_id}.json").exists():
                return Accepted(0, 0, already=True)
            raise IngestError(f"no draft {article_id!r} waiting in this dataset")
        dataset = load_dataset(root)
        article = load_article(folder / "article.json")
        place_file = folder / "places.geojson"
        places = load_places(place_file) if place_file.exists() else {}
        inc_file = folder / "incidents.json"
        drafted = load_incidents(inc_file)
        problems: list[Problem] = []
        if article.id != article_id:
            msg = f"article id {article.id!r} must be the draft's folder name {article_id!r}"
            problems.append(Problem(display_path(folder / "article.json"), article.id, "id", msg))
        if article.id in dataset.articles:
            msg = "an article with this id is already in the dataset"
            problems.append(Problem(display_path(folder / "article.json"), article.id, "id", msg))
        for pid, place in places.items():
            known = dataset.places.get(pid)
            if known is not None and not known.geometry.equals(place.geometry):
                msg = "a different place with this id is already in the dataset"
                problems.append(Problem(display_path(place_file), pid, "id", msg))
        new_places = {k: v for k, v in places.items() if k not in dataset.places}
        merged_places = {**dataset.places, **new_places}
        taken = {i.id for i in dataset.incidents}
        for incident in drafted:
            if reviewer is not None:
                incident.reviewed = reviewer
                if incident.status == "unreviewed":
                    msg = (
                        "still 'unreviewed': choose what the report says of it (reported, "
                        "claimed, denied...) before signing the review"
                    )
                    problems.append(Problem(display_path(inc_file), incident.id, "status", msg))
            if incident.id in taken:
                msg = "an incident with this id is already in the dataset"
                problems.append(Problem(display_path(inc_file), incident.id, "id", msg))
            if incident.article != article.id:
                msg = f"must be the draft's article {article.id!r}"
                problems.append(Problem(display_path(inc_file), incident.id, "article", msg))
                continue
            checked = incident.model_copy(deep=True)
            problems.extend(complete(checked, article, merged_places, display_path(inc_file)))
        if problems:
            raise DataError(problems)
        tx.write(root / "articles" / f"{article.id}.json", dump_article(article))
        if new_places:
            text = (root / "places.geojson").read_text(encoding="utf-8")
            features = [p.to_feature() for p in new_places.values()]
            tx.write(
                root / "places.geojson",
                append_to_list(text, "features", features, _feature_line),
            )
        text = (root / "incidents.json").read_text(encoding="utf-8")
        records = dump_incidents(drafted)["incidents"]
        tx.write(root / "incidents.json", append_to_list(text, "incidents", records, _record))
        tx.remove(folder)
        tx.commit()
    return Accepted(len(drafted), len(new_places))


def ingest(
    raw: bytes,
    name: str,
    *,
    published: date | None,
    root: Path,
    article_id: str | None = None,
    title: str | None = None,
    publisher: str = "unknown publisher",
    url: str | None = None,
) -> Draft:
    article = read_article(
        raw, name, published=published, article_id=article_id, title=title,
        publisher=publisher, url=url,
    )  # fmt: skip
    init_dataset(root)
    result = draft(article, load_dataset(root))
    if not result.incidents:
        raise IngestError(
            f"{name}: no place found in this report, so nothing was drafted (names of places "
            "must be capitalised; countries alone are not mapped)"
        )
    return result


def read_article(
    raw: bytes,
    name: str,
    *,
    published: date | None,
    article_id: str | None = None,
    title: str | None = None,
    publisher: str = "unknown publisher",
    url: str | None = None,
) -> Article:
    """A report's bytes (text or HTML) as an article: a pure function of its inputs, so a
    corpus can be read on any worker of a cluster."""
    text, found_title, found_date = read_source(raw, name)
    when = published or found_date
    if when is None:
        raise IngestError(f"{name}: no publication date in the page; pass --published YYYY-MM-DD")
    title = title or found_title
    try:
        article = build_article(
            text,
            article_id=article_id or slug(f"{publisher}-{when}-{title or Path(name).stem}")[:80],
            publisher=publisher,
            published=when,
            title=title,
            url=url,
            source_file=name,
        )
    except ValidationError as exc:
        fields = "; ".join(
            f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise IngestError(f"{name}: {fields}") from exc
    except ValueError as exc:
        raise IngestError(f"{name}: {exc}") from exc
    if not article.body:
        raise IngestError(f"{name}: no paragraph of body text found")
    return article
