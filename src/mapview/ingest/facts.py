"""Who acted and how many died, read from one sentence of a report.

Drafts are reviewed by a person, so these rules aim at the common ways wire copy states a
toll or an actor and stay silent otherwise: a missing count costs the reviewer one field
to fill, a wrong one can reach the map unnoticed. "Dozens were killed" and "no one was
killed" therefore give no count, and a group named as the target of an attack ("shelling
killed two Ukrainian soldiers") is not drafted as an actor.

Tolls: a number directly after a killing verb ("killed at least 12 people", "killing
two"), a counted group before one ("12 civilians were killed", "five soldiers and two
medics were killed" is 7), or a death toll ("the death toll rose to 30"). A count of the
sentence's own killing wins over a running toll.

Actors: a named subject of an attack verb ("the RSF shelled", "Russia launched"), a name
after "by" following one ("claimed by the Freedom for Russia Legion"), a named armed
group ("Hamas fighters", "pro-Russian militias") unless the sentence makes it the target,
and a nationality's weapons ("Israeli airstrikes") as that nationality's forces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mapview.data.numbers import TENS, UNITS

_UNITS = UNITS
_TENS = TENS
_WORD_NUMBER = (
    rf"(?:(?:{'|'.join(_TENS)})-(?:{'|'.join(list(_UNITS)[:9])})"
    rf"|{'|'.join(sorted({*_UNITS, *_TENS}, key=len, reverse=True))})"
)
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORD_NUMBER})\b"
_NUM = rf"(?P<n>{_NUMBER})"
_QUALIFIER = (
    r"(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|up\s+to|"
    r"as\s+many\s+as|an\s+estimated|a\s+total\s+of|another|a\s+further)\s+)?"
)
_VICTIMS = (
    r"(?:people|persons?|civilians?|soldiers?|servicem[ae]n|troops|fighters?|militants?|"
    r"children|child|kids|women|woman|men|man|residents?|villagers?|officers?|policem[ae]n|"
    r"police\s+officers?|members?|workers?|journalists?|students?|protesters?|passengers?|"
    r"pilgrims?|patients?|medics?|doctors?|rebels?|insurgents?|personnel|others|"
    r"(?-i:[A-Z][a-z]+(?:ians?|is|ese)))"  # Palestinians, Israelis, Sudanese: by the capital
)
_UNIT_AFTER = re.compile(
    r"-\w|\s*(?:%|percent|per\s+cent|km|kilomet|miles?|met(?:re|er)s?|years?|months?|weeks?|"
    r"days?|hours?|minutes?|times)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\b(?:none\s+of|no|not|neither\s+of|nor)\s+(?:the\s+)?$", re.IGNORECASE)

# "killed at least 12 people", "killing two", "claimed the lives of 40"
_KILLED_N = re.compile(
    rf"\b(?:kill(?:ed|ing|s)|claim(?:ed|ing|s)\s+the\s+lives\s+of)\s+{_QUALIFIER}{_NUM}"
    rf"(?:(?:\s+[\w’'-]+)?\s+{_VICTIMS}\b)?",
    re.IGNORECASE,
)
_COUNTED = rf"{_QUALIFIER}{_NUMBER}(?:\s+[\w’'-]+){{0,2}}?\s+{_VICTIMS}"
# "12 civilians were killed", "five soldiers and two medics were killed", "12 killed"
_N_KILLED = re.compile(
    rf"\b(?P<list>{_COUNTED}(?:(?:\s*,\s*|,?\s+and\s+){_COUNTED}){{0,6}}|{_QUALIFIER}{_NUMBER})"
    r"\s+(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|is|lay)\s+)?"
    r"(?:(?:reportedly|also|all|now|confirmed|since|later)\s+)?(?:killed|dead|died|slain)\b",
    re.IGNORECASE,
)
_PERSON = (
    r"(?:an?|one)\s+(?:[\w’'-]+\s+)?(?:civilian|man|woman|child|boy|girl|person|soldier|"
    r"resident|officer|policeman|journalist|worker|medic)\b"
)
# "a civilian was killed", "killing a man": one death, though no number is written
_A_PERSON_KILLED = re.compile(
    rf"\b{_PERSON}\s+(?:was|has\s+been|had\s+been)\s+(?:reportedly\s+)?killed\b"
    rf"|\bkill(?:ed|ing|s)\s+{_PERSON}",
    re.IGNORECASE,
)
_TOLL = re.compile(
    rf"\bdeath\s+toll\b[^.;]{{0,100}}?\b(?:to|at|of|is|was|reached|hit)\s+{_QUALIFIER}{_NUM}",
    re.IGNORECASE,
)
_NUMBER_IN = re.compile(rf"\b{_NUM}", re.IGNORECASE)
# A word every toll rule needs: most sentences have none, and are not scanned by the rules
_DEATH_WORD = re.compile(r"kill|claim|dead|died|slain|death", re.IGNORECASE)


def _wordset(text: str) -> frozenset[str]:
    """A word list kept as one string: reads as prose and diffs cleanly."""
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class Toll:
    """A death toll and the exact words of the sentence that give it."""

    count: int
    text: str


def _number(word: str) -> int:
    word = word.lower().replace(",", "")
    if word.isdigit():
        return int(word)
    if "-" in word:
        tens, unit = word.split("-")
        return _TENS[tens] + _UNITS[unit]
    return _UNITS.get(word) or _TENS[word]


def _year_like(word: str, after: str) -> bool:
    """ "since 2014 killed" or "the 2022 attack": a four-digit year, unless people follow."""
    return (
        len(word) == 4
        and word.isdigit()
        and 1900 <= int(word) <= 2099
        and not re.match(rf"\s+(?:[\w’'-]+\s+)?{_VICTIMS}", after)
    )


def _before(m: re.Match[str]) -> tuple[int, int]:
    """The few words before a match, where its context is read: a bounded window keeps a
    long sentence from being rescanned from its start for every match."""
    return max(0, m.start() - 60), m.start()


def _count(match: re.Match[str], sentence: str, group: str = "n") -> int | None:
    if _NEGATED.search(sentence, *_before(match)):
        return None
    after = sentence[match.end(group) : match.end(group) + 40]
    word = match.group(group)
    if _year_like(word, after) or (group == "n" and _UNIT_AFTER.match(after)):
        return None
    return _number(word)


def fatalities(sentence: str) -> Toll | None:
    """The deaths a sentence reports, or None when it gives no number for them."""
    if not _DEATH_WORD.search(sentence):
        return None
    found: list[tuple[int, int, str]] = []  # (start, count, words)
    for m in _KILLED_N.finditer(sentence):
        n = _count(m, sentence)
        if n is not None:
            found.append((m.start(), n, m.group(0)))
    for m in _N_KILLED.finditer(sentence):
        if _NEGATED.search(sentence, *_before(m)):
            continue
        numbers = [x.group("n") for x in _NUMBER_IN.finditer(m.group("list"))]
        if not numbers or any(_year_like(x, " ") for x in numbers):
            continue
        found.append((m.start(), sum(_number(x) for x in numbers), m.group(0)))
    for m in _A_PERSON_KILLED.finditer(sentence):
        if not _NEGATED.search(sentence, *_before(m)):
            found.append((m.start(), 1, m.group(0)))
    if found:
        _, n, words = min(found)
        return Toll(n, words.strip())
    for m in _TOLL.finditer(sentence):
        n = _count(m, sentence)
        if n is not None:
            return Toll(n, m.group(0).strip())
    return None


_ATTACK_VERBS = (
    r"(?:attacked|shelled|bombed|bombarded|struck|stormed|raided|invaded|launched|fired|"
    r"shot(?:\s+down)?|killed|seized|captured|ambushed|targeted|hit|besieged|overran|"
    r"torched|burned|looted|abducted|kidnapped|massacred|executed|assaulted|downed|"
    r"destroyed|blew\s+up|detonated|carried\s+out)"
)
# "claimed by the Legion" names who acted; "the Kremlin claimed that" does not
_PASSIVE_VERBS = rf"(?:{_ATTACK_VERBS}|claimed)"
_GROUP_NOUNS = (
    r"(?:forces|troops|army|militias?|fighters|soldiers|militants|rebels|gunmen|police|"
    r"paramilitaries|paratroopers|marines|insurgents|jihadists|guerrillas|separatists)"
)
# "police chief", "army positions": the group noun names something else, not the group
_COMPOUND = (
    r"(?!\s+(?:chiefs?|commanders?|spokes\w+|officials?|stations?|bases?|camps?|positions?|"
    r"posts?|headquarters|academy|compound|lines?|convoys?|checkpoints?|barracks|units?|"
    r"officers?|vehicles?|uniforms?))"
)
_WEAPONS = (
    r"(?:(?:air\s*)?strikes?|airstrikes?|shelling|shells|bombardment|bombing|drones?|"
    r"missiles?|rockets?|artillery|warplanes?|jets?|helicopters?|aircraft|gunfire|fire|"
    r"attacks?|assaults?|offensive|raids?)"
)
_CAP = r"(?:(?:pro|anti)-)?(?:[A-Z][\w’'\-]*|(?:al|el|ar|as|ash|ad)-[A-Z][\w’'\-]*)"
# At most eight words: no name is longer, and a bound keeps a run of capitals (a table
# pasted as one "sentence") from costing time quadratic in its length.
_NAME = rf"{_CAP}(?:\s+(?:(?:of|for|and)(?:\s+the)?\s+)?{_CAP}){{0,7}}"
_ACTOR = (
    rf"(?:the\s+)?(?P<name>{_NAME})(?:\s+\([A-Z0-9]{{2,8}}\))?"
    rf"(?P<group>\s+{_GROUP_NOUNS}{_COMPOUND})?"
)
_ADVERB = (
    r"(?:(?:has|have|had)\s+)?(?:(?:reportedly|allegedly|also|again|repeatedly|then|later)\s+)?"
)
_SUBJECT = re.compile(rf"{_ACTOR}(?:\s+{_ADVERB}{_ATTACK_VERBS}\b|,?\s+claimed\s+responsibility)")
_BY = re.compile(rf"\b{_PASSIVE_VERBS}(?:\s+[a-z]+){{0,3}}?\s+by\s+{_ACTOR}")
_GROUP = re.compile(rf"(?P<name>{_NAME})(?P<group>\s+{_GROUP_NOUNS})\b{_COMPOUND}")
_DEMONYM = r"[A-Z][a-z]+(?:ian|ean|ese|ish|i)"
_DEMONYM_WEAPON = re.compile(rf"(?<![\w-])(?P<name>{_DEMONYM})\s+{_WEAPONS}\b(?!-)")
# The group is acted upon: "killing two Ukrainian soldiers", "attacks on Russian troops",
# "Russian troops were killed", "three Israeli soldiers died".
_TARGET_BEFORE = re.compile(
    r"\b(?:against|on|at|targeting|targeted|kill(?:ed|ing|s)?|wound(?:ed|ing)|injur(?:ed|ing)|"
    r"hit(?:ting)?|struck|striking|captur(?:ed|ing)|ambush(?:ed|ing)|attack(?:ed|ing|s)?|"
    r"shell(?:ed|ing)|besieg(?:ed|ing)|surround(?:ed|ing)|repell(?:ed|ing)|of|among|"
    r"toward|towards|into)\s+(?:[\w’'-]+\s+){0,2}$",
    re.IGNORECASE,
)
_TARGET_AFTER = re.compile(
    r"(?:[^.;]{0,40}?\s(?:were|was|are|is|have\s+been|has\s+been|had\s+been|being)"
    r"(?:\s+[a-z]+ly)?\s+(?:killed|wounded|injured|captured|taken|hit|attacked|shelled|"
    r"ambushed|targeted|repelled|surrounded|trapped|detained|arrested)"
    r"|\s+(?:killed|wounded|injured|died|dead|lost)\b)"
)
# The words each actor rule needs, looked for first: a sentence without any is not
# scanned by that rule, a cost paid on every sentence of every report
_NEEDS_VERB = re.compile(rf"\b(?:{_ATTACK_VERBS}|claimed)\b")
_NEEDS_GROUP = re.compile(rf"\s{_GROUP_NOUNS}\b")
_NEEDS_WEAPON = re.compile(rf"\s{_WEAPONS}\b")


# Capitalised words that open a sentence or a date, or name an act: never an actor's name.
_NOT_NAMES = _wordset(
    "a an the in on at after before during since when while then meanwhile overnight earlier "
    "later yesterday today tonight it they he she we this that these those who which there "
    "some several many all both dozens hundreds thousands monday tuesday wednesday thursday "
    "friday saturday sunday january february march april may june july august september "
    "october november december drones missiles rockets shells strikes airstrikes explosions "
    "artillery gunmen militants rebels attackers officials authorities residents witnesses "
    "police but and or shelling fighting clashes bombing airstrike strike attack attacks fire "
    "blast explosion violence gunfire raid raids troops soldiers forces fighters army "
    "caption photo " + " ".join([*_UNITS, *_TENS])
)
# Where a name is a place, not a subject ("airstrikes on Rafah killed 18"), or the subject
# of background ("since Moscow invaded Ukraine"), not of the sentence's event.
_PLACE_BEFORE = re.compile(
    r"\b(?:on|in|at|near|from|into|to|of|over|against|across|around|outside|inside|toward|"
    r"towards|through|with|for|between|since)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A label someone gives, not a group that acted: 'described them as “Ukrainian militants”'.
_LABEL_BEFORE = re.compile(r"\bas\s+[“\"]?$")


def _clean(name: str, at_start: bool) -> str | None:
    """The name without the capitalised sentence openers a run of capitals picks up.

    A sentence's first word is capitalised whatever it is: "Surviving fighters" opens a
    sentence, it does not name a group.
    """
    words = name.split()
    dropped = False
    while words and words[0].lower().strip("’'") in _NOT_NAMES:
        words.pop(0)
        dropped = True
    if not words or not re.match(r"(?:(?:pro|anti)-)?[A-Z0-9]", words[0]):
        return None  # "Five soldiers": a count and a noun, no name left
    if (
        (at_start or dropped)
        and len(words) <= 2
        and re.fullmatch(r"[A-Z][a-z]+(?:ing|ed)", words[0])
    ):
        return None
    return " ".join(words)


_LOWER_NEXT = re.compile(r"\s+[a-z]")  # "Russian guided bombs": the name is an adjective


def _names(sentence: str, m: re.Match[str]) -> list[str]:
    """The actors a match names: "the Legion and the Russian Volunteer Corps" is two,
    "Ukrainian and Russian troops" is Ukrainian troops and Russian troops, and a bare
    nationality ("struck by Russian guided bombs") is that nationality's forces."""
    group = (m.group("group") or "").strip()
    parts = re.split(r"\s+and\s+(?:the\s+)?", m.group("name"))
    out = []
    for k, part in enumerate(parts):
        name = _clean(part, at_start=k == 0 and m.start("name") == 0)
        if name is None:
            continue
        if group:
            name = f"{name} {group}"
        elif re.fullmatch(_DEMONYM, name) and _LOWER_NEXT.match(sentence, m.end("name")):
            name = f"{name} forces"
        out.append(name)
    return out


def actors(sentence: str) -> list[str]:
    """Who acted in a sentence, by name, in the order they are named."""
    found: list[tuple[int, str]] = []
    verb = _NEEDS_VERB.search(sentence) is not None
    for m in _SUBJECT.finditer(sentence) if verb else ():
        if not _PLACE_BEFORE.search(sentence, *_before(m)):
            found.extend((m.start(), name) for name in _names(sentence, m))
    for m in _BY.finditer(sentence) if verb else ():
        found.extend((m.start("name"), name) for name in _names(sentence, m))
    for m in _GROUP.finditer(sentence) if _NEEDS_GROUP.search(sentence) else ():
        if not (
            _TARGET_BEFORE.search(sentence, *_before(m))
            or _LABEL_BEFORE.search(sentence, *_before(m))
            or _TARGET_AFTER.match(sentence, m.end())
        ):
            found.extend((m.start(), name) for name in _names(sentence, m))
    for m in _DEMONYM_WEAPON.finditer(sentence) if _NEEDS_WEAPON.search(sentence) else ():
        if m.group("name").lower() not in _NOT_NAMES:
            found.append((m.start(), f"{m.group('name')} forces"))
    out: list[str] = []
    for _, name in sorted(found, key=lambda x: x[0]):  # stable: same place, sentence order
        # "Hamas fighters" after "Hamas", or one phrase found by two rules: one actor, once
        if not any(_within(name, known) or _within(known, name) for known in out):
            out.append(name)
    return out


def _within(part: str, whole: str) -> bool:
    """Whole words of one name inside another: "Hamas" in "Hamas fighters", while
    "Russia" is not in "Russian forces"."""
    return re.search(rf"(?<![\w-]){re.escape(part)}(?![\w-])", whole, re.IGNORECASE) is not None
