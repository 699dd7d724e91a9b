"""Incidents and their dates: turning a report's time words into date ranges.

Reports date things relative to the day they were published ("Sunday night", "earlier
this month", "in October"). Each rule here resolves one such shape against the
publication date and says how precise the answer is, so the map never shows a day where
the report only gave a month. The same patterns find expressions in new articles.
"""

from __future__ import annotations

import calendar
import contextlib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from mapview.data.numbers import UNITS

Precision = Literal["day", "week", "month", "year"]

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {"a": 1, "an": 1, "several": 3, **UNITS}  # "a day later", "several days ago"


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date
    precision: Precision
    text: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"{self.text!r}: end {self.end} is before start {self.start}")


class DateResolutionError(ValueError):
    """The words hold no time expression this module can place on a calendar."""


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    total = day.year * 12 + (day.month - 1) + months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _latest_month(month: int, published: date) -> tuple[int, int]:
    """The most recent `month` not after publication: "in October" said in May means last year's."""
    year = published.year if month <= published.month else published.year - 1
    return year, month


def _month_range(year: int, month: int, published: date, text: str) -> DateRange:
    end = (
        min(month_end(year, month), published)
        if (year, month)
        == (
            published.year,
            published.month,
        )
        else month_end(year, month)
    )
    return DateRange(date(year, month, 1), end, "month", text)


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word.lower()]


_FULL_MONTHS = [m.lower() for m in calendar.month_name if m]
_ABBR_MONTHS = sorted(set(MONTHS) - set(_FULL_MONTHS), key=len, reverse=True)
_MONTH = r"(?P<month>" + "|".join(_FULL_MONTHS) + r"|(?:" + "|".join(_ABBR_MONTHS) + r")\.?)"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_NUM = r"(?P<n>\d{1,3}|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_AGO_UNIT = r"(?P<unit>day|week|month|year|decade)s?"  # "a decade ago"
_PART = r"(?:\s+(?P<part>night|morning|evening|afternoon))?"

Rule = Callable[[re.Match[str], date], DateRange]
_RULES: list[tuple[re.Pattern[str], Rule, str]] = []


# Words without which a rule cannot match: a rule is searched for only near its word (a
# month rule near each month named, not across the whole paragraph). Each rule has one,
# named by `_rule(need=)` or read from its pattern's groups.
_NEEDS = {
    "month": re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"),
    "weekday": re.compile(r"(?i)(?:mon|tues|wednes|thurs|fri|satur|sun)day"),
    "unit": re.compile(r"(?i)\b(?:day|week|month|year|night|decade)s?\b"),
    "midnight": re.compile(r"(?i)midnight"),
    "year": re.compile(r"\b(?:1[5-9]|20)\d\d\b"),
    "iso": re.compile(r"\d-\d"),
    "night": re.compile(r"(?i)night|weekend"),
    "today": re.compile(r"(?i)today|yesterday|tonight|this"),
    "feast": re.compile(r"(?i)day\b|eve\b|pentecost"),
    "relative": re.compile(
        r"(?i)\b(?:days?|night|morning|evening|afternoon|hours|weeks?|months?|years)\b"
    ),
}


def _needs(pattern: str) -> str | None:
    if "(?P<month>" in pattern:
        return "month"
    if "(?P<weekday>" in pattern:
        return "midnight" if "midnight" in pattern else "weekday"
    if "(?P<unit>" in pattern or "(?:days|nights)" in pattern:
        return "unit"
    if "(?P<y>(?:19|20)" in pattern:
        return "year"
    return None


def _rule(pattern: str, need: str | None = None) -> Callable[[Rule], Rule]:
    compiled = re.compile(r"(?<![\w-])" + pattern + r"(?![\w-])", re.IGNORECASE)
    need = need or _needs(pattern)
    if need is None:  # every rule is searched only near a word it needs
        raise ValueError(
            f"date rule {pattern[:40]!r} needs a `need`: a word it cannot match without"
        )

    def register(fn: Rule) -> Rule:
        _RULES.append((compiled, fn, need))
        return fn

    return register


# Rules are tried in this order at each position, longest shapes first.


@_rule(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", need="iso")
def _iso(m: re.Match[str], published: date) -> DateRange:
    day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    return DateRange(day, day, "day", m[0])


@_rule(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<y>\d{4})")
def _day_month_year(m: re.Match[str], published: date) -> DateRange:
    day = date(int(m["y"]), _month_number(m["month"]), int(m["d"]))
    return DateRange(day, day, "day", m[0])


@_rule(_MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})")
def _month_day_year(m: re.Match[str], published: date) -> DateRange:
    day = date(int(m["y"]), _month_number(m["month"]), int(m["d"]))
    return DateRange(day, day, "day", m[0])


@_rule(
    r"(?:on\s+|between\s+)?" + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\s*(?:and|to|-|–)\s*"
    r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?"
)
def _month_days(m: re.Match[str], published: date) -> DateRange:
    """ "Nov. 28 and 29", "May 3-5, 2019": two days, one range."""
    return _days(m, published)


# "Sunday 26 to Monday 27 January": a weekday naming each day of a span, as a timeline's
# heading writes it; not a group of its own, so the span is not read as a bare weekday
_DAY_LABEL = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"


@_rule(
    r"(?:on\s+|between\s+|from\s+)?" + _DAY_LABEL + r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s*"
    r"(?:and|to|-|–)\s*"
    + _DAY_LABEL
    + r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH
    + r"(?:,?\s+(?P<y>\d{4}))?"
)
def _days_month(m: re.Match[str], published: date) -> DateRange:
    """ "Between 12 and 14 March", "3-5 June 2019", "Saturday 15 and Sunday 16 February":
    the same, day first."""
    return _days(m, published)


def _days(m: re.Match[str], published: date) -> DateRange:
    month, d, d2 = _month_number(m["month"]), int(m["d"]), int(m["d2"])
    year = int(m["y"]) if m["y"] else published.year
    if not m["y"] and (month, d) > (published.month, published.day):
        year -= 1  # the latest such days not after publication
    first, last = date(year, month, d), date(year, month, max(d, d2))
    return DateRange(first, last, "day", m[0])


_WEEK_OF = {"first": 0, "second": 1, "third": 2, "fourth": 3}


@_rule(
    r"(?:(?:in|during|by)\s+)?the\s+(?P<nth>first|second|third|fourth|last|final)\s+week\s+"
    r"of\s+" + _MONTH + r"(?:,?\s+(?P<y>\d{4}))?"
)
def _week_of_month(m: re.Match[str], published: date) -> DateRange:
    """ "In the last week of April": its seven days (the first week is the 1st to the
    7th, the last ends with the month)."""
    month = _month_number(m["month"])
    year = int(m["y"]) if m["y"] else _latest_month(month, published)[0]
    nth = m["nth"].lower()
    if nth in _WEEK_OF:
        first = date(year, month, 1 + 7 * _WEEK_OF[nth])
    else:
        first = month_end(year, month) - timedelta(days=6)
    return DateRange(first, min(first + timedelta(days=6), published), "week", m[0])


@_rule(
    r"(?:(?:in|by|at|during|until|since)\s+)?(?:(?P<part>early|mid|late)[-\s]+|the\s+"
    r"(?P<edge>end|beginning|start|middle)\s+of\s+)" + _MONTH + r"(?:,?\s+(?P<y>\d{4}))?"
)
def _part_of_month(m: re.Match[str], published: date) -> DateRange:
    """ "mid-April", "the end of October 2022": the month. A third of it (1-10, 11-20,
    21-end) was tried and matched how careful readers date these less often than the
    whole month did, so the words stay in `date_text` for the reviewer to narrow."""
    month = _month_number(m["month"])
    year = int(m["y"]) if m["y"] else _latest_month(month, published)[0]
    if m[0].lower().startswith("since"):
        return DateRange(date(year, month, 1), published, "month", m[0])
    return _month_range(year, month, published, m[0])


@_rule(r"(?:(?:in|during|by)\s+)?" + _MONTH + r"\s+(?:of\s+)?last\s+year")
def _month_last_year(m: re.Match[str], published: date) -> DateRange:
    """ "In March last year": that month of the year before publication."""
    return _month_range(published.year - 1, _month_number(m["month"]), published, m[0])


@_rule(_MONTH + r"\s+(?P<y>\d{4})")
def _month_year(m: re.Match[str], published: date) -> DateRange:
    return _month_range(int(m["y"]), _month_number(m["month"]), published, m[0])


_LAST_YEAR = r"(?P<ly>,?\s+(?:of\s+)?last\s+year)?"


@_rule(r"(?:on\s+)?" + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?" + _LAST_YEAR)
def _month_day(m: re.Match[str], published: date) -> DateRange:
    return _day_in_year(m, published)


@_rule(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + _LAST_YEAR)
def _day_month(m: re.Match[str], published: date) -> DateRange:
    return _day_in_year(m, published)


def _day_in_year(m: re.Match[str], published: date) -> DateRange:
    """The latest such day not after publication, or last year's ("Oct. 27 last year")."""
    month, d = _month_number(m["month"]), int(m["d"])
    year = published.year if (month, d) <= (published.month, published.day) else published.year - 1
    if m.groupdict().get("ly"):
        year = published.year - 1
    day = date(year, month, d)
    return DateRange(day, day, "day", m[0])


@_rule(
    r"(?:for\s+)?" + _NUM + r"\s+(?:straight\s+|consecutive\s+)?(?:days|nights)\s+"
    r"(?:from|starting(?:\s+on)?|beginning(?:\s+on)?)\s+(?:on\s+)?"
    + _MONTH
    + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?"
)
def _days_from(m: re.Match[str], published: date) -> DateRange:
    """ "For three nights from July 18": the nights of 18, 19 and 20 July."""
    first = _day_in_year(m, published).start
    last = min(first + timedelta(days=_number(m["n"]) - 1), published)
    return DateRange(first, last, "day", m[0])


@_rule(r"(?P<rel>earlier|later|early|late)?\s*this\s+month", need="unit")
def _this_month(m: re.Match[str], published: date) -> DateRange:
    start = published.replace(day=1)
    end = published - timedelta(days=1) if (m["rel"] or "").lower() == "earlier" else published
    return DateRange(start, max(start, end), "month", m[0].strip())


@_rule(r"last\s+month", need="unit")
def _last_month(m: re.Match[str], published: date) -> DateRange:
    prev = add_months(published.replace(day=1), -1)
    return DateRange(prev, month_end(prev.year, prev.month), "month", m[0])


@_rule(r"(?P<rel>earlier\s+)?this\s+year", need="unit")
def _this_year(m: re.Match[str], published: date) -> DateRange:
    start = published.replace(month=1, day=1)
    end = published - timedelta(days=1) if m["rel"] else published
    return DateRange(start, max(start, end), "year", m[0])


@_rule(r"last\s+year", need="unit")
def _last_year(m: re.Match[str], published: date) -> DateRange:
    y = published.year - 1
    return DateRange(date(y, 1, 1), date(y, 12, 31), "year", m[0])


@_rule(r"this\s+week", need="unit")
def _this_week(m: re.Match[str], published: date) -> DateRange:
    return DateRange(published - timedelta(days=published.weekday()), published, "week", m[0])


@_rule(r"(?:(?P<part>early|late|mid-?)\s*)?last\s+week", need="unit")
def _last_week(m: re.Match[str], published: date) -> DateRange:
    """ "Last week" is its Monday to Sunday; "early last week" Monday to Wednesday, "late
    last week" Thursday to Sunday ("since late last week, convoys have arrived")."""
    monday = published - timedelta(days=published.weekday() + 7)
    first, last = {"early": (0, 2), "mid": (1, 3), "mid-": (1, 3), "late": (3, 6)}.get(
        (m["part"] or "").lower(), (0, 6)
    )
    return DateRange(monday + timedelta(days=first), monday + timedelta(days=last), "week", m[0])


@_rule(r"(?:for\s+(?:the\s+(?:past|last)\s+)?)" + _NUM + r"\s+" + _UNIT)
def _duration(m: re.Match[str], published: date) -> DateRange:
    return _ago(m, published, until_published=True)


@_rule(
    _NUM + r"\s+" + _AGO_UNIT + r"\s+ago"
    r"(?P<today>\s+(?:today|tonight|this\s+(?:morning|afternoon|evening)|yesterday))?"
)
def _n_ago(m: re.Match[str], published: date) -> DateRange:
    """ "Three weeks ago", and an anniversary's "ten years ago this morning": that very
    day, ten years back."""
    n, unit = _years(_number(m["n"]), m["unit"].lower())
    if m["today"] and unit != "day":
        day = published - timedelta(days=1) if "yesterday" in m["today"].lower() else published
        if unit == "week":
            day -= timedelta(weeks=n)
        else:
            day = add_months(day, -n * (12 if unit == "year" else 1))
        return DateRange(day, day, "day", m[0])
    return _ago(m, published, until_published=False)


def _years(n: int, unit: str) -> tuple[int, str]:
    """ "A decade ago" is ten years ago."""
    return (n * 10, "year") if unit == "decade" else (n, unit)


def _ago(m: re.Match[str], published: date, *, until_published: bool) -> DateRange:
    n, unit = _years(_number(m["n"]), m["unit"].lower())
    precision: Precision
    if unit == "day":
        start, precision = published - timedelta(days=n), "day"
    elif unit == "week":
        start, precision = published - timedelta(weeks=n), "week"
    elif unit == "month":
        start, precision = add_months(published, -n), "month"
    else:
        start, precision = add_months(published, -12 * n), "year"
    return DateRange(start, published if until_published else start, precision, m[0])


# the hours after midnight and before dawn, which open the day they are told of
_SMALL_HOURS = re.compile(
    r"\b(?:[1-4](?:[:.]\d\d)?\s*a\.?m\.?|(?:early|small|wee)\s+hours|before\s+dawn|"
    r"pre-?dawn)",
    re.IGNORECASE,
)
# "… the night in the open, some without food, before venturing back on Thursday"
_NIGHT_BEFORE_DAY = re.compile(
    r"[^.;!?]{0,120}?\b(?:before|until|till|by)\s+(?:\w+\s+){0,3}?(?:on|early\s+on|late\s+on|of)\s+"
    r"(?P<weekday>(?i:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
)


def _a_night(words: str) -> bool:
    """Whether the words of an `_overnight` match tell one night ("overnight", "spent the
    night"), which a day told just before them dates: that day's night."""
    return not re.search(r"(?i)weekend|^last|^over\s+the", words)


# "On Nov. 25, after eight people were killed overnight, …": the night before that day
_AFTER_WORD = re.compile(r"\b(?:after|following)\b", re.I)


@_rule(
    # "an overnight curfew", "a routine overnight run": a kind of thing, not last night
    r"(?:last|over(?:\s+the)?)\s+(?:night|weekend)|(?<!\ban\s)(?<!\ba\s)(?<!routine\s)overnight"
    r"|(?<=since\s)the\s+weekend"
    # "that weekend", "spent the weekend": the weekend of the days being told
    r"|(?:that|the\s+following|the\s+next)\s+weekend|spent\s+the\s+weekend"
    r"|at\s+the\s+weekend"  # British for "over the weekend"
    # "residents spent the night in the streets", "crews worked through the night": the
    # night just gone, as "overnight" is (but "the night of 6 February" names its own)
    r"|(?:spent|through)\s+the\s+night(?!\s+(?:of|before|after)\b)",
    need="night",
)
def _overnight(m: re.Match[str], published: date) -> DateRange:
    if "weekend" not in m[0].lower():
        return DateRange(published - timedelta(days=1), published, "day", m[0])
    # "over the weekend" in Wednesday's paper: last Saturday and Sunday, not the days
    # since Monday; "since the weekend" runs on to the report
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    sunday = min(saturday + timedelta(days=1), published)
    since = m[0].lower().startswith("the")  # the rule's "(?<=since )the weekend"
    return DateRange(saturday, published if since else sunday, "day", m[0])


@_rule(r"(?P<word>today|yesterday|tonight|this\s+(?:morning|afternoon|evening))", need="today")
def _today(m: re.Match[str], published: date) -> DateRange:
    day = published - timedelta(days=1) if m["word"].lower() == "yesterday" else published
    return DateRange(day, day, "day", m[0])


# Feasts of the Western church calendar, by their distance from Easter Sunday
_FEASTS = {
    "palm sunday": -7, "maundy thursday": -3, "good friday": -2, "holy saturday": -1,
    "easter sunday": 0, "easter day": 0, "easter monday": 1, "ash wednesday": -46,
    "pentecost": 49, "pentecost sunday": 49, "whit sunday": 49,
}  # fmt: skip


def easter(year: int) -> date:
    """Western Easter Sunday (the Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


# Days with a fixed date: (month, day)
_FIXED_DAYS = {
    "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
    "new year's day": (1, 1), "new year’s day": (1, 1), "new year's eve": (12, 31),
    "new year’s eve": (12, 31),
}  # fmt: skip
_DAY_NAMES = [*_FEASTS, *_FIXED_DAYS]


@_rule(
    r"(?P<feast>" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in _DAY_NAMES) + r")"
    r"(?:,?\s+(?:in\s+|of\s+)?(?P<y>(?:19|20)\d{2})(?![\d:]))?",
    need="feast",
)
def _feast(m: re.Match[str], published: date) -> DateRange:
    """ "On Palm Sunday", "Christmas Day": the latest such day on or before publication;
    "New Year's Eve 2000" and "Christmas Day in 2021" keep their year."""
    name = re.sub(r"\s+", " ", m["feast"].lower())
    years = (int(m["y"]),) if m["y"] else (published.year, published.year - 1)
    for year in years:
        if name in _FIXED_DAYS:
            day = date(year, *_FIXED_DAYS[name])
        else:
            day = easter(year) + timedelta(days=_FEASTS[name])
        if day <= published:
            break
    return DateRange(day, day, "day", m[0])


@_rule(_WEEKDAY + _PART + r",?\s+(?:of\s+)?last\s+week")
def _weekday_last_week(m: re.Match[str], published: date) -> DateRange:
    """ "Tuesday last week", "Tuesday of last week": that day of the week before the
    report's, not the latest Tuesday (which may be this week's)."""
    monday = published - timedelta(days=published.weekday() + 7)
    day = monday + timedelta(days=WEEKDAYS[m["weekday"].lower()])
    return DateRange(day, day, "day", m[0])


@_rule(_NUM + r"\s+weeks?\s+ago,?\s+(?:on\s+|last\s+)?" + _WEEKDAY + _PART)
@_rule(_WEEKDAY + _PART + r",?\s+" + _NUM + r"\s+weeks?\s+ago")
def _weekday_weeks_ago(m: re.Match[str], published: date) -> DateRange:
    """ "A week ago on Monday", "Friday two weeks ago": that weekday, so many weeks before
    the latest one; not a week before the report and a separate Monday."""
    back = (published.weekday() - WEEKDAYS[m["weekday"].lower()]) % 7
    day = published - timedelta(days=back, weeks=_number(m["n"]))
    return DateRange(day, day, "day", m[0])


@_rule(r"(?<!\ba\s)(?<!\bevery\s)(?<!\beach\s)(?P<last>last\s+)?" + _WEEKDAY + _PART)
def _weekday(m: re.Match[str], published: date) -> DateRange:
    """The latest such weekday on or before publication: "Tuesday" said on a Tuesday is that day.
    "A Sunday service" or "every Friday" names a kind of day, not a date. "Last Thursday"
    is never today nor yesterday, which a writer would call so: said on a Friday, it is
    the Thursday of the week before."""
    back = (published.weekday() - WEEKDAYS[m["weekday"].lower()]) % 7
    if m.groupdict().get("last") and back <= 1:
        back += 7
    day = published - timedelta(days=back)
    return DateRange(day, day, "day", m[0])


@_rule(
    r"(?:(?:around|about|shortly|just|soon)\s+)?(?:before|after|at|around|about)?\s*"
    r"midnight\s+(?:on\s+)?" + _WEEKDAY
)
def _midnight(m: re.Match[str], published: date) -> DateRange:
    """ "Around midnight on Saturday": the night from Saturday into Sunday; "shortly after
    midnight on Tuesday" is early Tuesday, and "shortly before midnight on Thursday" still
    Thursday."""
    night = _weekday(m, published).start
    if re.search(r"\b(?:after|before)\b", m[0], re.IGNORECASE):
        return DateRange(night, night, "day", m[0])
    return DateRange(night, min(night + timedelta(days=1), published), "day", m[0])


@_rule(r"(?:since\s+)?(?:(?:in|during|by)\s+)?" + _MONTH)
def _month(m: re.Match[str], published: date) -> DateRange:
    year, month = _latest_month(_month_number(m["month"]), published)
    if m[0].lower().startswith("since"):
        return DateRange(date(year, month, 1), published, "month", m[0])
    return _month_range(year, month, published, m[0])


# Parts of a year, as (first month, last month); a season is the whole year, since the
# hemisphere decides which months it means ("the summer of 2019" in Australia began in 2018).
_YEAR_PARTS = {
    "early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12),
    "start": (1, 1), "beginning": (1, 1), "end": (12, 12), "first half": (1, 6),
    "second half": (7, 12), "first months": (1, 3), "last months": (10, 12),
    "first weeks": (1, 1), "first days": (1, 1), "last weeks": (12, 12), "last days": (12, 12),
    "summer": (1, 12), "winter": (1, 12), "spring": (1, 12), "autumn": (1, 12), "fall": (1, 12),
}  # fmt: skip
# The first or last hour, night or day of a year is its first or last day.
_YEAR_ENDS = {"first": (1, 1), "last": (12, 31), "final": (12, 31)}


_PART_OF_YEAR = (
    r"(?P<since>since\s+|(?:in|during|by|until|from)\s+)?(?:the\s+)?(?:"
    r"(?P<end>first|last|final)\s+(?:hours?|minutes|moments|night|day)\s+of\s+|"
    r"(?P<part>early|late|mid|middle|start|beginning|end|first\s+half|second\s+half|"
    r"(?:first|last)\s+(?:months|weeks|days)|summer|winter|spring|autumn|fall)"
)


@_rule(_PART_OF_YEAR + r"(?:\s+of|-|\s)\s*)(?P<y>(?:19|20)\d{2})")
# "the second half of last year", "the end of that year": the scan puts "that" year in the
# year the text named last
@_rule(_PART_OF_YEAR + r"\s+of\s+)(?P<rel>that|last|this)\s+year", need="unit")
def _part_of_year(m: re.Match[str], published: date) -> DateRange:
    """ "In early 2001", "the end of 2021", "the first hour of 2001": the year named, not
    the report's; a part the words give (a third of the year for early, mid and late)."""
    groups = m.groupdict()
    rel = (groups.get("rel") or "").lower()
    y = published.year - (rel == "last") if rel else int(m["y"])
    return _year_part(m, y, published)


def _year_part(m: re.Match[str], y: int, published: date) -> DateRange:
    if m["end"]:
        day = date(y, *_YEAR_ENDS[m["end"].lower()])
        return DateRange(day, day, "day", m[0])
    first, last = _YEAR_PARTS[re.sub(r"\s+", " ", m["part"].lower())]
    start = date(y, first, 1)
    end = published if (m["since"] or "").lower().startswith("since") else month_end(y, last)
    precision: Precision = "year" if (first, last) == (1, 12) else "month"
    return DateRange(start, max(start, min(end, published)), precision, m[0].strip())


@_rule(
    r"(?:from|between)\s+(?P<y>(?:19|20)\d{2})\s*(?:-|–|to|until|till|and)\s*"
    r"(?P<y2>(?:19|20)\d{2})"
)
def _year_span(m: re.Match[str], published: date) -> DateRange:
    """ "from 2014 to 2016", "between 1992 and 1995": those years, first to last."""
    first, last = int(m["y"]), int(m["y2"])
    if last <= first:
        raise ValueError("a span ends after it begins")
    return DateRange(date(first, 1, 1), min(date(last, 12, 31), published), "year", m[0])


# "the 2010 earthquake", "the 1988 floods": an event named by its year
_YEAR_EVENTS = (
    r"earthquakes?|quakes?|floods?|flooding|tsunami|war|elections?|coup|attacks?|bombings?|"
    r"massacres?|uprising|revolution|cyclone|hurricane|typhoon|storm|fires?|wildfires?|"
    r"eruption|protests?|riots?|unrest|crisis|famine|drought|landslides?|mudslides?|"
    r"explosions?|blasts?|offensive|invasion|siege|genocide|disaster|collapse|crash|shooting|"
    r"ceasefire|referendum|outbreak|epidemic|strike|strikes|clashes|fighting|crackdown"
)


@_rule(
    r"(?<=\bthe\s)(?P<y>(?:19|20)\d{2})\s+(?:[a-z]+\s+){0,2}?(?:" + _YEAR_EVENTS + r")",
)
@_rule(
    r"(?<=\bthe\s)(?:[a-z]+\s+)?(?:" + _YEAR_EVENTS + r")\s+of\s+(?P<y>(?:19|20)\d{2})(?!,\d)",
)
def _year_named_event(m: re.Match[str], published: date) -> DateRange:
    """ "The 2010 earthquake destroyed Port-au-Prince", "during the drought of 2023": that
    year's event."""
    y = int(m["y"])
    return DateRange(date(y, 1, 1), min(date(y, 12, 31), published), "year", m[0])


# "In 1842, an earthquake destroyed the city": older years too, but not a clock ("in 1600
# GMT") or a count ("in 1800 homes", which a report writes "1,800")
@_rule(
    r"(?:in|during|since)\s+(?P<y>(?:19|20)\d{2}|"
    r"1[5-8]\d{2}(?!\s+(?:GMT|UTC|BST|CET|CEST|EST|EDT|hours?|hrs|local|[a-z]+s\b)))",
    need="year",
)
def _year(m: re.Match[str], published: date) -> DateRange:
    y = int(m["y"])
    end = published if m[0].lower().startswith("since") else min(date(y, 12, 31), published)
    return DateRange(date(y, 1, 1), end, "year", m[0])


# "May" and "March" are also ordinary words; only count them as months where the
# capital letter says so, and not inside a name: "the Tribal Solidarity March", "Theresa May".
_AMBIGUOUS_MONTHS = {"may", "march"}
_FULL_NAMES = frozenset(_FULL_MONTHS)
_DIGIT = re.compile(r"\d")
_NAME_BEFORE = re.compile(r"(?:^|[^\w.!?])([A-Z][\w'’-]*)[\s\"'“‘]*$")
_BEFORE_A_MONTH = frozenset(
    re.findall(
        r"\w+",
        "in on by since until till from during early late mid last this next of through "
        "between and to or after before around about",
    )
)


# "the May Pen Civic Forum": a name, not a month, after "the" and before a capital
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")


def _a_month(text: str, m: re.Match[str], month: str) -> bool:
    if not month[0].isupper():
        return False
    if (
        m.end("month") == m.end()
        and _NAME_AFTER.match(text, m.end())
        and _THE_BEFORE.search(text, max(0, m.start("month") - 8), m.start("month"))
    ):
        return False
    if m.start("month") > m.start():
        return True  # the rule's own words come first: "in March", "on May 3"
    name = _NAME_BEFORE.search(text, max(0, m.start() - 40), m.start())
    return name is None or name[1].lower() in _BEFORE_A_MONTH


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    range: DateRange
    reporting: bool = False  # "said on Friday": when it was told, not when it happened
    background: bool = False  # "tension had built since the court in March ruled": history
    # "After the 1967 war, the canal stayed closed from June 1967": the time a sentence's
    # event is told from, which dates it only if nothing else in the sentence does
    reference: bool = False


# "officials said on Friday", "the ministry said in a statement late on Friday"
_REPORTING = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|added|confirmed|wrote|posted|tweeted)\s+"
    r"(?:\w+\s+)?(?:in\s+an?\s+(?:statement|post|interview|briefing)\s+)?"
    r"(?:late\s+|early\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)


# "On Monday, officials had put the national toll at around 800": when a count was
# told, not when the deaths were
_TOLL_AFTER = re.compile(
    r",?\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:had\s+)?(?:put|raised|revised|updated|"
    r"lowered)\s+(?:the|their|its)\s+(?:\w+\s+){0,2}?(?:toll|count|tally)\b",
    re.IGNORECASE,
)
# "since" opening a clause: right before a date it makes a range to publication; further
# back in the clause ("since the court in March ruled") the date is history
_SINCE = re.compile(r"\bsince\s+(?:[^,.;:—]{0,50}?\s)?$", re.IGNORECASE)
_SINCE_DIRECT = re.compile(r"\bsince\s+$", re.IGNORECASE)
# Nouns of events a report counts days from ("four days after the attack", "within hours
# of the verdict"): the day the sentence that told the event gave (`event_noun`)
EVENT_NOUNS = (
    r"attacks?|shootings?|bombings?|blasts?|explosions?|quakes?|earthquakes?|massacre|"
    r"killings?|fire|floods?|storm|cyclone|hurricane|typhoon|collapse|crash|verdict|ruling|"
    r"arrest|raid|coup|disaster|tragedy|landslides?|sinking|eruption|strikes?|announcement|"
    r"landfall|invasion"
)
# the verbs that tell those events ("Russia announced on July 17": the announcement's day)
_EVENT_VERBS = {
    "announced": "announcement",
    "attacked": "attack",
    "arrested": "arrest",
    "exploded": "explosion",
    "erupted": "eruption",
    "collapsed": "collapse",
    "crashed": "crash",
    "bombed": "bombing",
    "invaded": "invasion",
    "ruled": "ruling",
    "bomb": "bombing",  # "detonated a homemade bomb" … "the day after the bombing"
}
_EVENT_NOUN = re.compile(rf"\b(?:{EVENT_NOUNS}|{'|'.join(_EVENT_VERBS)})\b", re.IGNORECASE)


def event_noun(word: str) -> str:
    """The event a noun or verb names, plural or not ("attacks", "attacked" and "attack"
    are one)."""
    word = word.lower()
    if word in _EVENT_VERBS:
        return _EVENT_VERBS[word]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def event_nouns(sentence: str) -> list[str]:
    """The events a sentence names, in order."""
    return [event_noun(w) for w in _EVENT_NOUN.findall(sentence)]


_RELATIVE = re.compile(
    r"(?<![\w-])(?:(?P<same>the\s+same\s+(?:day|night|morning|evening|afternoon)|"
    r"that\s+(?:day|night|morning|evening|afternoon)|hours\s+later)|"
    # "Key West reported flooding earlier in the day": the day just told
    r"(?P<inday>(?:earlier|later)\s+in\s+the\s+(?:day|morning|afternoon|evening))|"
    r"(?P<next>(?:a|one|the)\s+day\s+later|the\s+(?:next|following)\s+(?:day|morning|night|"
    r"evening)|(?<!to\s)(?:the|a|one)\s+day\s+after(?=\s*[,.;:)]|\s*$))|"
    r"(?P<prev>the\s+(?:day|night)\s+before|the\s+previous\s+(?:day|night)|a\s+day\s+earlier)|"
    # "The bombings came a day after a drone strike in Beirut": the strike the day before
    # the bombings just told
    r"(?:came|comes|occurred|happened|took\s+place)\s+(?:just\s+|only\s+)?"
    r"(?P<came>a|one|two|three|four|five|six|seven|\d)\s+days?\s+after"
    r"(?=(?:\s+[^\s.;]+){4})|"  # an event told after it, not "came two days after landfall"
    # not "over the next week", "within the next week": a span ahead, not a week told
    r"(?P<week>(?<!over\s)(?<!in\s)(?<!within\s)(?<!during\s)(?<!for\s)"
    r"the\s+(?:next|following)\s+week)|"
    r"(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+days\s+"
    r"(?P<dir>later|earlier)|"
    # "a week later": seven days from the day just told, as "seven days later" would be
    # ("about a week earlier" is no day to date by)
    r"(?<!about\s)(?<!some\s)(?<!roughly\s)(?<!nearly\s)(?<!almost\s)(?<!around\s)"
    r"(?P<wn>a|one|two|three|four|\d)\s+weeks?\s+(?P<wdir>later|earlier)|"
    # "On Thursday they laid flowers. Five years earlier the ground had turned to liquid":
    # that day, so many years back, as "five years ago" is from the report's day
    r"(?P<yn>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+years\s+"
    r"(?P<ydir>later|earlier)|"
    # "In February 2016 a car bomb …, and a month later a suicide bombing": that month
    r"(?<!about\s)(?<!some\s)(?<!roughly\s)(?<!nearly\s)(?<!almost\s)(?<!around\s)"
    r"(?P<mn>a|one|two|three|four|five|six|\d)\s+months?\s+(?P<mdir>later|earlier)|"
    r"(?P<after>(?-i:A|One|Two|Three|\d)\s+days?\s+after)(?=\s+(?:the|a|an|its|their)\s[^.;,]{0,60},)|"
    # "shot dead near Milan four days after the attack", "a week after the attacks": from
    # the day the event was told (the day just given)
    r"(?P<after2>(?:a|one|two|three|four|five|six|seven|\d|the)\s+(?P<unit>days?|weeks?)\s+after)"
    rf"(?=\s+the\s+(?:[\w-]+\s+){{0,2}}?(?P<event>{EVENT_NOUNS})\b)|"
    # "Within hours of the verdict, students clashed": that day
    r"(?P<within>(?:within|in\s+the)\s+(?:hours|minutes)\s+(?:of|after)|"
    r"(?:hours|minutes)\s+before)"
    rf"(?=\s+the\s+(?:[\w-]+\s+){{0,2}}?(?P<event2>{EVENT_NOUNS})\b))"
    r"(?![\w-])",
    re.IGNORECASE,
)


RECENT_NEWS_DAYS = 31  # a day and month this recent is the news's, not an old story's
OLD_STORY_YEAR_DAYS = 365
_NIGHT_WORDS = re.compile(r"(?i)\bnight\b|overnight")


def _relative(m: re.Match[str], previous: DateRange) -> DateRange | None:
    """ "The same day", "a day later": dated from the day just mentioned, if it was a day;
    "a month later" from the day or month just mentioned, as that month."""
    if m["mn"] and previous.precision in ("day", "month"):
        months = 1 if m["mn"].lower() in ("a", "one") else _number(m["mn"])
        first = add_months(
            previous.start.replace(day=1), -months if m["mdir"].lower() == "earlier" else months
        )
        return DateRange(first, month_end(first.year, first.month), "month", m[0])
    if previous.precision != "day":
        return None
    # "That night, police searched a house. The next day he appeared in court": the day
    # after the night's evening, which is the morning it ran into, not a day later still
    night = (previous.end - previous.start).days == 1 and bool(_NIGHT_WORDS.search(previous.text))
    after = previous.start if night else previous.end
    base = previous.start if m["prev"] or m["dir"] == "earlier" else after
    if m["inday"]:
        # "earlier in the day" after "overnight": the day the night ran into
        return DateRange(previous.end, previous.end, "day", m[0])
    if m["same"]:
        if not night and previous.end > previous.start:
            # "taken into custody on Friday and Saturday … Macron travelled to Arras the
            # same day": one day, the first of the span just told
            return DateRange(previous.start, previous.start, "day", m[0])
        return DateRange(previous.start, previous.end, "day", m[0])
    if m["week"]:  # "the following week": Monday to Sunday after the day just told
        monday = previous.end + timedelta(days=7 - previous.end.weekday())
        return DateRange(monday, monday + timedelta(days=6), "week", m[0])
    if m["came"]:
        back = 1 if m["came"].lower() in ("a", "one") else _number(m["came"])
        day = previous.start - timedelta(days=back)
        return DateRange(day, day, "day", m[0])
    if m["next"] and re.search(r"(?i)night$", m["next"]):
        # "The first wave came in the early hours of July 18. The following night was
        # heavier": the night from the 18th into the 19th, as a night is told
        return DateRange(previous.end, previous.end + timedelta(days=1), "day", m[0])
    if m["within"]:
        return DateRange(previous.start, previous.start, "day", m[0])
    if m["after2"]:
        count = m["after2"].split()[0].lower()
        n = 1 if count in ("a", "one", "the") else _number(count)
        day = previous.start + timedelta(days=n * (7 if m["unit"].startswith("week") else 1))
        return DateRange(day, day, "day", m[0])
    if m["after"]:  # "A day after the offensive began, ...": from the date just given
        word = m["after"].split()[0]
        day = after + timedelta(days=1 if word.lower() == "a" else _number(word))
        return DateRange(day, day, "day", m[0])
    if m["yn"]:
        months = 12 * _number(m["yn"]) * (-1 if m["ydir"].lower() == "earlier" else 1)
        day = add_months(previous.start, months)
        return DateRange(day, day, "year", m[0])
    if m["wn"]:
        weeks = 1 if m["wn"].lower() in ("a", "one") else _number(m["wn"])
        sign = -1 if m["wdir"].lower() == "earlier" else 1
        day = (previous.start if sign < 0 else after) + timedelta(weeks=sign * weeks)
        return DateRange(day, day, "day", m[0])
    shift = 1 if (m["next"] or m["prev"]) else _number(m["n"])
    sign = -1 if (m["prev"] or (m["dir"] or "").lower() == "earlier") else 1
    day = base + timedelta(days=sign * shift)
    return DateRange(day, day, "day", m[0])


_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z]")
# A rule's match lies within this many characters of the word it needs ("for seventeen
# consecutive nights beginning on 5 March, 2024" is the longest reach, about 60)
_REACH = 120
_SPACE = re.compile(r"\s")
Windows = list[tuple[int, int]]


def _windows(need: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """The stretches of `text` around each word a rule needs, merged where they meet.

    A rule is searched in these, not the whole text: a paragraph with one month in it is
    scanned near that month only. Each stretch ends at a space, where a rule's closing
    word-edge test reads the same as in the whole text."""
    spans: list[tuple[int, int]] = []
    for m in need.finditer(text):
        if spans and m.end() + _REACH <= spans[-1][1]:
            continue  # the stretch so far already reaches past this word's
        lo = max(0, m.start() - _REACH)
        space = _SPACE.search(text, m.end() + _REACH)
        hi = space.start() if space is not None else len(text)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return spans


def _next(pattern: re.Pattern[str], text: str, pos: int, windows: Windows) -> re.Match[str] | None:
    for lo, hi in windows:
        if hi <= pos:
            continue
        m = pattern.search(text, max(lo, pos), hi)
        while m is not None and not m[0].strip():
            m = pattern.search(text, m.end() + 1, hi)
        if m is not None:
            return m
    return None


# Two dates that are one span: "from Monday to Wednesday", "between Friday and Sunday",
# "on Monday and Tuesday", "began on Sunday and ended early on Monday"
_SPAN_TO = re.compile(
    # "from Thursday, July 25, to Saturday, July 27": the comma closes the first label
    r"^,?\s*(?:-|–|—|to|until|till|through|thru|into)\s+(?:(?:early|late)\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)
_BARE_WEEKDAY = re.compile(r"(?i)((?:mon|tues|wednes|thurs|fri|satur|sun)day)\b\D*$")
_SPAN_AND = re.compile(r"^\s*and\s+(?:(?:early|late)\s+)?(?:on\s+)?$", re.IGNORECASE)
_SPAN_OR = re.compile(r"^\s*or\s+(?:on\s+)?$", re.IGNORECASE)
_SPAN_OR_DAYS = 3  # "on Friday or Saturday": one of a few days, so the days between
_SPAN_ENDED = re.compile(
    r"^[^.;:]{0,40}?\band\s+(?:ended|finished|lasted|continued|stopped|ceased|"
    r"went\s+on)\s+(?:\w+\s+)?(?:(?:early|late)\s+)?(?:on\s+|until\s+|till\s+)?$",
    re.IGNORECASE,
)
_SPAN_FROM = re.compile(
    r"\b(?:from|between|nights?\s+of)\s+(?:(?:early|late)\s+)?(?:on\s+)?$", re.I
)
_SPAN_ON = re.compile(r"\b(?:on|between)\s+$", re.IGNORECASE)
_SPAN_BEGAN = re.compile(r"\b(?:began|started|broke\s+out|erupted)\b[^.;:]{0,30}$", re.I)
_OPENS_TEXT = re.compile(r"(?:^|[.!?:]\s+)\s*$")
_SPAN_DAYS = 62  # longer than two months between two days is two events, not one span


def _span(text: str, first: DateMention, second: DateMention) -> DateMention | None:
    """The one span two dates make, if the words between them say they are one."""
    a, b = first.range, second.range
    if first.reporting or second.reporting or first.background or second.background:
        return None
    weekday = _BARE_WEEKDAY.match(a.text)
    gap = text[first.end : second.start]
    if weekday and b.precision == "day" and _DIGIT.search(b.text) and _SPAN_TO.match(gap):
        # "Tuesday night to Wednesday 24 November": the Tuesday before that Wednesday, not
        # the latest Tuesday before the report
        day = b.start - timedelta(days=(b.start.weekday() - WEEKDAYS[weekday[1].lower()]) % 7)
        words = text[first.start : second.end]
        return DateMention(first.start, second.end, DateRange(day, b.end, "day", words))
    if a.text.lower().startswith(("for ", "since ")) or b.text.lower().startswith("for "):
        return None
    if (
        a.precision == b.precision == "day"
        and b.end < a.start
        and not _NEEDS["year"].search(b.text)
        and _SPAN_TO.match(text[first.end : second.start])
    ):
        # "from 3 July until 2 August", told on 5 July: the August after that July (a
        # declared period runs past the report), not last year's
        try:
            b = DateRange(
                b.start.replace(year=b.start.year + 1),
                b.end.replace(year=b.end.year + 1),
                b.precision,
                b.text,
            )
        except ValueError:  # 29 February
            return None
    if a.precision != b.precision or not a.start < b.end:
        return None
    if (
        a.precision == "day"
        and (b.end - a.start).days > _SPAN_DAYS
        # "from 3 June 1967 until 5 June 1975": a span each end of which says its year
        and not (
            _NEEDS["year"].search(a.text)
            and _NEEDS["year"].search(b.text)
            and _SPAN_TO.match(text[first.end : second.start])
            and _SPAN_FROM.search(text[max(0, first.start - 25) : first.start])
        )
    ):
        return None
    gap = text[first.end : second.start]
    before = text[max(0, first.start - 25) : first.start]
    joined = (
        (
            _SPAN_TO.match(gap)
            and (
                _SPAN_FROM.search(before)
                or gap.strip().lower() != "to"
                # "31 October to 2 November. The government declares…": a timeline entry
                # opening with its span
                or _OPENS_TEXT.search(before)
            )
        )
        or (_SPAN_AND.match(gap) and _SPAN_ON.search(before))
        or (_SPAN_ENDED.match(gap) and _SPAN_BEGAN.search(before))
        or (_SPAN_OR.match(gap) and a.precision == "day" and (b.end - a.start).days < _SPAN_OR_DAYS)
    )
    if not joined:
        return None
    words = text[first.start : second.end]
    return DateMention(first.start, second.end, DateRange(a.start, b.end, a.precision, words))


def find_dates(
    text: str,
    published: date,
    previous: DateRange | None = None,
    story: int | None = None,
    events: Mapping[str, DateRange] | None = None,
) -> Iterator[DateMention]:
    """Every time expression in `text`, left to right, longest match at each place; two
    that the words between them make one span ("from Monday to Wednesday") come as one.

    `previous` is the last date before this text (the paragraph before): "the same day" and
    "a day later" are read against the date mentioned just before them. `story` is the year
    of the old event a retrospective retells: a day named there without its year ("On the
    morning of 2 July") is that year's, not the latest 2 July. `events` are the days the
    report told its events on, by noun (`event_nouns`): "within hours of the verdict" in a
    text that gave no day of its own is the verdict's day.
    """
    scanned = _year_told_after(text, _scan_dates(text, published, previous, story, events))
    yield from _joined(text, scanned)


def _joined(text: str, mentions: Iterator[DateMention]) -> Iterator[DateMention]:
    held: DateMention | None = None
    for mention in mentions:
        if held is not None:
            span = _span(text, held, mention)
            if span is not None:
                held = span
                continue
            yield held
        held = mention
    if held is not None:
        yield held


def _year_told_after(text: str, mentions: Iterator[DateMention]) -> Iterator[DateMention]:
    """ "Russian forces pulled back at the end of March, and the region was declared
    retaken on April 3, 2022": a month named without its year, just before a day the same
    sentence gives with one, is in that year (the March before it), not the latest March."""
    pending: list[DateMention] = []
    for d in mentions:
        if _YEAR_NUMBER.search(d.range.text) and d.range.precision == "day":
            for i in range(len(pending) - 1, -1, -1):
                bare = pending[i]
                if d.start - bare.end > TOLD_AFTER_CHARS:
                    break  # a sentence back at most: a long text stays linear
                r = bare.range
                if (
                    r.precision in ("day", "month")
                    and not bare.reporting
                    and not measures(r)
                    and not _YEAR_NUMBER.search(r.text)
                    and r.start > d.range.end
                    and not _SENTENCE_END.search(text, bare.end, d.start)
                ):
                    with contextlib.suppress(ValueError):
                        moved = _in_year(r, d.range.start.year, "")
                        if moved.end <= d.range.start and (
                            (d.range.start - moved.start).days <= TOLD_AFTER_DAYS
                        ):
                            pending[i] = replace(bare, range=moved)
        pending.append(d)
    yield from pending


TOLD_AFTER_CHARS = 300
TOLD_AFTER_DAYS = 92  # a month this close before the dated day is the one the story means


def _scan_dates(
    text: str,
    published: date,
    previous: DateRange | None = None,
    story: int | None = None,
    events: Mapping[str, DateRange] | None = None,
) -> Iterator[DateMention]:
    near = {need: _windows(p, text) for need, p in _NEEDS.items()}
    rules: list[tuple[re.Pattern[str], Rule | None, Windows]] = [
        (pattern, fn, near[need]) for pattern, fn, need in _RULES if near[need]
    ]
    rules.append((_RELATIVE, None, near["relative"]))
    # Each rule's next match is kept until the scan passes it, and a rule with no match
    # left is dropped: one pass over the text per rule (over the stretches near the words
    # it needs), so a long text costs linear time.
    # The last date this text gave with its year ("In November 2019"): a story told in
    # order keeps that year for the days and months it names next without one.
    # A paragraph that goes on from an old day the one before told ("April 18, 2020 …" then
    # "on April 19") is still in that year.
    narrative: date | None = (
        previous.start if previous is not None and previous.precision == "day" else None
    )
    # whether this text itself set `narrative` (rather than the paragraph before)
    narrative_here = False
    local: DateRange | None = None  # the last day this text itself gave
    # this text has come to the report's own time ("Earlier this year …"): a retrospective's
    # days after it are the present's, until a year is named again
    present = False
    told_here = False  # whether this text has told a day of its own yet
    # the last day this text named by its month; before it names one, the story's day the
    # paragraph before told ("Late on Monday, 13 December, …", then "By daylight on Tuesday")
    told_day = (
        previous
        if previous is not None
        and previous.precision == "day"
        and (previous.end - previous.start).days <= 1
        else None
    )
    local_at: int | None = None  # where its words end
    pending: list[tuple[re.Match[str], Rule | None, re.Pattern[str], Windows]] = []
    label: tuple[int, int] | None = None  # a weekday that names the date after it
    overnight: tuple[int, int, bool] | None = None  # "overnight into": its start, the weekday's
    for pattern, fn, windows in rules:
        m = _next(pattern, text, 0, windows)
        if m is not None:
            pending.append((m, fn, pattern, windows))
    pos = 0
    said_at: int | None = None  # where the last date this text named (by its rules) ends
    while pending:
        refreshed = []
        for m, fn, pattern, windows in pending:
            if m.start() < pos:
                m = _next(pattern, text, pos, windows)
            if m is not None:
                refreshed.append((m, fn, pattern, windows))
        pending = refreshed
        if not pending:
            return
        found_matches = [(m, fn) for m, fn, _, _ in pending]
        first = min(m.start() for m, _ in found_matches)
        # Leftmost, then longest among those that overlap it: "in March 2019" is one
        # expression, not "in March" followed by a stray year.
        first_end = max(m.end() for m, _ in found_matches if m.start() == first)
        overlapping = [(m, fn) for m, fn in found_matches if m.start() < first_end]
        m, fn = max(overlapping, key=lambda t: (t[0].end(), -t[0].start()))
        pos = m.end()
        if fn is None:
            if (
                m["after2"]
                and said_at is not None
                and not _SENTENCE_END.search(text, said_at, m.start())
            ):
                # "On Monday, residents buried the dead, a day after the strike": the day
                # the sentence gave, told again, not a day after it
                continue
            told_event = (
                events.get(event_noun(m["event"] or m["event2"]))
                if events and (m["after2"] or m["within"]) and not told_here
                else None
            )
            if told_event is not None:
                # "Within hours of the verdict", a section after the weekend was told: from
                # the day of the verdict, which an earlier paragraph gave
                previous = told_event
            if m["inday"] and (previous is None or previous.precision != "day"):
                # "earlier in the day" with no day told before it: the report's own day
                # (a live blog's section day)
                previous = DateRange(published, published, "day", "")
            if previous is None:
                continue
            if m["came"] and not told_here:
                # "The strikes came two days after": the story's strikes, which may not be
                # the day told last
                continue
            found = _relative(m, previous)
            if found is None or found.start > published:
                continue
            if found.end > published:  # "the following week", told on its Wednesday
                found = DateRange(found.start, published, found.precision, found.text)
            if _LABEL_BEFORE_DATE.match(text, m.end()):
                # "Four days later, on August 18": the date says which day, and its year is
                # the story's (the day this counts from), not the latest August 18
                narrative = previous.start
                narrative_here = True
                label = (m.start(), _LABEL_BEFORE_DATE.match(text, m.end()).end())  # type: ignore[union-attr]
                continue
            if not m["came"]:  # the day before the one told is a step back, not the thread
                previous = found
            named = _WEEKDAY_AFTER.match(text, m.end())
            end = m.end()
            if (
                named is not None
                and found.precision == "day"
                and found.start == found.end
                and WEEKDAYS[named["weekday"].lower()] == found.start.weekday()
            ):
                # "the next day, Friday": the weekday names the day counted to, it is not
                # the Friday before the report
                end = pos = named.end()
            yield DateMention(m.start(), end, found, background=bool(m["came"]))
            continue
        groups = m.groupdict()
        month = groups.get("month")
        if month and month.lower() in _AMBIGUOUS_MONTHS and not _a_month(text, m, month):
            continue
        if month and month.rstrip(".").lower() not in _FULL_NAMES and not _DIGIT.search(m[0]):
            continue  # "Viña del Mar", "Jan Smuts": an abbreviation needs its day or year
        if groups.get("weekday") and _NAMED_DAY.search(text, max(0, m.start() - 12), m.start()):
            continue
        if (
            groups.get("month")
            and not groups.get("d")
            and not groups.get("y")
            and _A_WHOLE_MONTH_BEFORE.search(text, max(0, m.start() - 30), m.start())
        ):
            continue  # "more rain than the city gets in the whole of February": a measure
        try:
            found = fn(m, published)
        except ValueError:  # e.g. 31 February
            continue
        night = _OVERNIGHT_DAY.match(text, m.end()) if fn is _overnight else None
        if night is not None and m[0].lower() == "overnight":
            # "overnight on Tuesday", "overnight into Sunday": the weekday says which night
            overnight = (m.start(), night.end(), bool(night["into"] or night["into2"]))
            pos = max(pos, night.end())  # "from Thursday to" is the night's, not a day
            continue
        if overnight is not None and groups.get("weekday") and m.start() == overnight[1]:
            day = found.start - timedelta(days=1) if overnight[2] else found.start
            words = text[overnight[0] : m.end()]
            found = DateRange(day, min(day + timedelta(days=1), published), "day", words)
        overnight = None
        if fn in (_weekday, _overnight) and _LABEL_BEFORE_DATE.match(text, m.end()):
            # "Thursday, September 26, 2002", "overnight on 15 to 16 March": the date that
            # follows says which day; the weekday names it, it is not last week's Thursday
            label = (m.start(), _LABEL_BEFORE_DATE.match(text, m.end()).end())
            continue
        if groups.get("weekday") and (
            _THAT_BEFORE.search(text, max(0, m.start() - 15), m.start())
            # "on the Saturday afternoon": the Saturday of the days being told, in a
            # retrospective or after a day this report has told
            or (
                (story is not None or (previous is not None and previous.precision == "day"))
                and _THE_BEFORE.search(text, max(0, m.start() - 4), m.start())
            )
            or (
                # a retrospective telling its story's days: "Late Saturday, 20 February,
                # landfall ... out to sea in the early hours of Sunday" is the 21st of the
                # story's year, not the Sunday before the anniversary
                story is not None
                and not present
                # "Residents marked the anniversary early. On Wednesday evening they
                # gathered": the days of the anniversary's own week
                and not _ANNIVERSARY_BEFORE.search(text, 0, m.start())
                and previous is not None
                and previous.precision == "day"
                and previous.start.year == story
                and not groups.get("last")
                # but the weekday of the day it is published on is today's: "Friday's
                # rally" in a feature of Friday 28 February 2025 on a crash of 2023
                and found.start != published
            )
        ):
            # "in the early hours of that Monday": the story's Monday, not last week's; in a
            # retrospective, "on the Tuesday afternoon" is the story's Tuesday too
            if previous is None:
                continue
            found = _that_weekday(m, previous)
        elif (
            fn is _weekday
            and told_day is not None
            and not groups.get("last")
            and STORY_WEEKS[0] < (published - told_day.start).days <= STORY_WEEKS[1]
            and (found.start - told_day.start).days > 6
            and _BY_BEFORE.search(text, max(0, m.start("weekday") - 40), m.start("weekday"))
        ):
            # "The assault began on Friday, 11 April … By Sunday the group held the camp",
            # told on 22 April: "by" goes on from the day this paragraph told, to its
            # Sunday, not the one before the report ("On Sunday" may be this week's news)
            found = _that_weekday(m, told_day)
        elif (
            fn is _overnight
            and "weekend" in m[0].lower()
            # not "over the weekend", the news's own last weekend
            and m[0].lower().startswith(("that", "the following", "the next", "spent"))
            and previous is not None
            and previous.precision == "day"
            and (published - previous.start).days > 7
        ):
            # "On Thursday 7 November the typhoon struck. … Crews spent the weekend
            # cutting trunks": the weekend after the day told, not the last before the report
            saturday = previous.start + timedelta(days=(5 - previous.start.weekday()) % 7)
            found = DateRange(saturday, saturday + timedelta(days=1), "day", m[0])
        elif (
            fn is _overnight
            and _a_night(m[0])
            and (ahead := _NIGHT_BEFORE_DAY.match(text, m.end())) is not None
        ):
            # "spent the night in the fields before going back on Thursday": the night
            # into that Thursday
            day = _weekday(ahead, published).start
            found = DateRange(day - timedelta(days=1), day, "day", m[0])
        elif fn is _overnight and _a_night(m[0]) and local is not None:
            # "On Monday, 23 July, the dam broke. Overnight, water swept…": that night; but
            # "The fire broke out shortly before 1 a.m. on Wednesday. Overnight the blaze
            # spread": the night into that Wednesday, which had begun; and "On Nov. 25,
            # after eight people were killed overnight": the night before the day told
            into = local_at is not None and (
                _SMALL_HOURS.search(text, max(0, local_at - 60), min(m.start(), local_at + 20))
                or (
                    not _SENTENCE_END.search(text, local_at, m.start())
                    and _AFTER_WORD.search(text, local_at, m.start())
                )
            )
            first = local.end - timedelta(days=1) if into else local.end
            found = DateRange(first, first + timedelta(days=1), "day", m[0])
        elif (
            fn is _overnight
            and _a_night(m[0])
            and local is None
            and not present
            and previous is not None
            and previous.precision == "day"
            and (published - previous.end).days > OLD_NIGHT_DAYS
        ):
            # a timeline of 7 October 2023 told a year on: "Militants hold the police
            # station through the night" is that day's night, not the one before the report
            found = DateRange(previous.end, previous.end + timedelta(days=1), "day", m[0])
        elif (
            fn is _weekday
            and not groups.get("last")
            and local is not None
            and local_at is not None
            and local.start == local.end
            and (published - local.start).days > 7
            and local.start.weekday() == WEEKDAYS[groups["weekday"].lower()]
            and not _SENTENCE_END.search(text, local_at, m.start())
        ):
            # "On 26 June 2015 a bomber struck during Friday prayers": that day was a
            # Friday, so the Friday is that day's, not last week's
            found = DateRange(local.start, local.end, "day", m[0])
        planned = False
        if (
            fn is _weekday
            and not groups.get("last")
            and found.start < published
            and _MOURNING_BEFORE.search(text, max(0, m.start() - 60), m.start())
            # unless the story has told the days up to it: "killed on Wednesday … mourning
            # from Thursday" in a report of the Monday after is that Thursday, gone by
            and (
                (previous is None and (published - found.start).days >= MOURNING_BACK_DAYS)
                or (previous is not None and found.start < previous.start)
            )
        ):
            # the coming such weekday, the report's own day being "today"
            ahead = found.start + timedelta(days=7)
            found = DateRange(ahead, ahead, "day", m[0])
            planned = True
        if (
            groups.get("weekday")
            and found.start < published
            and (
                _FUTURE_BEFORE.search(text, max(0, m.start() - 80), m.start())
                or (fn is _weekday and _FUTURE_AFTER.match(text, m.end()))
            )
        ):
            # "flights cancelled for Thursday", "talks will resume on Monday", "On Tuesday,
            # families will gather": ahead, no day anything happened on yet
            continue
        if groups.get("rel") and groups["rel"].lower() == "that" and fn is _part_of_year:
            # "in the second half of that year": the year the text named last
            year = _that_year(text, m.start(), previous)
            if year is None:
                continue
            found = _year_part(m, year, published)
        same_year = _SAME_YEAR.match(text, m.end())
        year = _that_year(text, m.start(), previous) if same_year else None
        if (
            not same_year
            and month
            and not groups.get("y")
            and found.precision == "month"
            and _THAT_BEFORE.search(text, max(0, m.start() - 12), m.start())
            and (told_year := _that_year(text, m.start(), previous)) is not None
        ):
            # "declared a break in 1997, and a federal attempt that September failed": the
            # September of the year just told, not the latest one
            with contextlib.suppress(ValueError):
                found = _in_year(found, told_year, "")
        if year is not None and found.precision in ("day", "month"):
            try:  # "On April 28 of the same year": the year just mentioned
                found = _in_year(found, year, same_year[0])
            except ValueError:
                continue
            pos = same_year.end()
            narrative = found.start  # "… with attacks on January 17": that year's too
            narrative_here = True
        shared = _YEAR_SHARED.match(text, m.end()) if month and not groups.get("y") else None
        if shared and not same_year and found.precision in ("day", "month"):
            with contextlib.suppress(ValueError):  # 29 February
                # "in February and March 2021": the year named once is both months'
                found = _in_year(found, int(shared["y"]), "")
        this_year = _THIS_YEAR.match(text, m.end())
        if this_year and found.precision in ("day", "month"):
            try:  # "on January 15 this year": one expression, the publication's year
                found = _in_year(found, published.year, this_year[0])
            except ValueError:
                continue
            pos = this_year.end()
        retimed = False  # moved into the year this text told last
        if groups.get("y") and found.precision in ("day", "month"):
            narrative = found.start
            narrative_here = True
        elif (
            narrative is not None
            and found.precision == "year"
            and found.start.year != narrative.year
            and not measures(found)
        ):
            # "… in October 1924. In 2014 a smaller slide hit. On 15 December …": the story
            # left 1924; a day named without its year is the latest one again
            narrative = None
        elif (
            narrative is not None
            and groups.get("month")
            and not groups.get("ly")
            and fn is not _month_last_year  # "In November last year": the report's
            and not present
            and not same_year
            and not this_year
            and found.precision in ("day", "month")
            and narrative.year < found.start.year
            and not _NOT_THE_STORY.search(text, max(0, m.start("month") - 45), m.start("month"))
            # "gathered outside the National Assembly on May 8", told on 24 May 2023 after a
            # paragraph on 2013: this month's news, not a day of the old story the
            # paragraph before told (unless this text told that year itself)
            and not (
                story is None
                and not narrative_here
                and label is None  # a weekday says which year ("Friday, 19 February")
                and (published - found.start).days <= RECENT_NEWS_DAYS
                and (published - narrative).days > OLD_STORY_YEAR_DAYS
            )
            # "On Saturday, October 23" after a paragraph on 2010, in a report of November
            # 2021: 23 October 2021 was a Saturday, so the weekday says the story is back in
            # the latest year (a retrospective's own year still wins: it fits too)
            and not (
                story is None
                and label is not None
                and m.start() <= label[1]
                and found.precision == "day"
                and _names_weekday(text[label[0] : m.start()], found.start)
            )
        ):
            try:  # "In November 2019 … on 10 November": 2019, not the latest 10 November
                told = _in_year(found, narrative.year, "")
            except ValueError:
                told = None
            # a retrospective goes back and forth in its story's year: "On 10 May … He was
            # arrested on 28 April" is still 2013
            if told is not None and (told.start >= narrative or told.start.year == story):
                found = told
                retimed = True  # the story's year below is not to undo it
            else:
                # "… on January 12, 2024. A ceasefire took effect in January. In March…":
                # January could not be 2024's, so the story has come to the latest one, and
                # March is that year's too
                narrative = found.start
                narrative_here = True
        if groups.get("y"):
            present = False
        elif _THIS_PERIOD.search(m[0]):
            present = True
        elif (
            groups.get("weekday")
            and story is not None
            and found.precision == "day"
            and 0 <= (published - found.start).days < 7
        ):
            # "One year later … On Monday, the Taliban marked the anniversary … on 31 July, a
            # drone strike": the retrospective has come to this week, and a day named
            # after it is the latest one, not the story year's
            present = True
        if (
            story is not None
            and not retimed
            and not present
            and groups.get("month")
            and not _NOT_THE_STORY.search(text, max(0, m.start("month") - 45), m.start("month"))
            and not groups.get("y")
            and not groups.get("ly")
            and not same_year
            and not this_year
            and found.precision in ("day", "month")
            and found.start.year > story
            and (
                narrative is None
                or narrative.year > found.start.year
                or (published - narrative).days <= PRESENT_DAYS
            )
        ):
            with contextlib.suppress(ValueError):  # 29 February
                # a retrospective of 2008: "on 2 July" is 2 July 2008
                found = _in_year(found, story, "")
        if (
            label is not None
            and m.start() <= label[1]
            and found.precision == "day"
            and not groups.get("y")
            and not same_year
            and not this_year
        ):
            # "Friday, 19 February" in a 2026 retrospective: 19 February 2026 is a
            # Thursday; the weekday says which year (the story's if it fits)
            # a live blog's heading "Wednesday 28 September" after a paragraph on 2016
            # is this year's if it fits: the year before is the story's only in a
            # retrospective or when this text told it
            told_year = narrative if story is not None or narrative_here else None
            found = _weekday_year(found, text[label[0] : m.start()], told_year, published)
        if (
            not groups.get("y")
            and found.precision == "day"
            and found.start == found.end
            and groups.get("month")
            and not groups.get("last")
            and _UNTIL_BEFORE.search(text, max(0, m.start() - 20), m.start())
        ):
            # "schools are closed until 8 October", told on 4 October: until the coming 8
            # October (not last year's), from the report's day on
            ahead = _coming(found.start, published)
            if ahead is not None:
                found = DateRange(published, ahead, "day", f"until {found.text}")
        if (
            found.start > published
            and not planned
            and not (
                # "Thursday 8 November" heading a blog dated the 7th: weekday and date agree on
                # a day just past the report's date, which the blog went on to tell
                label is not None
                and m.start() <= label[1]
                and (found.start - published).days <= AHEAD_DAYS
                and _names_weekday(text[label[0] : m.start()], found.start)
            )
        ):
            continue  # reports describe the past; a future date is a misreading
        start = label[0] if label is not None and m.start() <= label[1] else m.start()
        label = None
        reporting = bool(
            _REPORTING.search(text, max(0, start - 60), start) or _TOLL_AFTER.match(text, m.end())
        )
        since = _SINCE.search(text, max(0, start - 60), start)
        direct = _SINCE_DIRECT.search(text, max(0, start - 8), start) is not None
        compared = False
        if _WHEN_AFTER.match(text, m.end()) and (direct or m[0].lower().startswith("since")):
            # "the worst since March 22, 2021, when a fire killed…": the clause tells what
            # happened on that date, so the date is the event's, not the start of a period;
            # but the record's, so history: the story does not go on from it
            found = _without_since(found, published)
            direct = True
            compared = bool(_RECORD_SINCE.search(text, max(0, start - 80), start))
        elif direct and found.end < published:
            # "since Friday": from then until the report, still going
            found = DateRange(found.start, published, found.precision, f"since {found.text}")
        # "families will gather, as they did last year": a like thing done before, which
        # the story does not go on from
        background = (
            (since is not None and not direct)
            or compared
            or bool(_AS_BEFORE.search(text, max(0, start - 40), start))
            # "Drametse Lhakhang, founded in 1511, was left with fissures": when a building
            # rose, which the next paragraph's shaking does not go on from
            or bool(_BUILT_BEFORE.search(text, max(0, start - 30), start))
            # "the annual march on 2 October": a day kept every year, not one the story
            # goes on from
            or bool(_RECURRING_BEFORE.search(text, max(0, start - 40), start))
        )
        reference = fn is _year_named_event and bool(
            _ANCHORED.search(text, max(0, start - 16), start)
        )
        # "the same day" is a day something happened: not one told of, not a measure
        if not measures(found) and not reporting and not background:
            previous = found
            told_here = told_here or found.precision == "day"
            if found.precision == "day" and found.end < published:
                local, local_at = found, m.end()
            if groups.get("month") and found.precision == "day" and found.start == found.end:
                told_day = found
        said_at = m.end()
        yield DateMention(start, m.end(), found, reporting, background, reference)


def _coming(day: date, published: date) -> date | None:
    """The first such day and month after publication, if within UNTIL_DAYS of it: a day
    a year back is not what "until" reaches to (a weekday, "fought until Saturday", is)."""
    for year in (published.year, published.year + 1):
        try:
            ahead = day.replace(year=year)
        except ValueError:  # 29 February
            continue
        if ahead > published:
            return ahead if (ahead - published).days <= UNTIL_DAYS else None
    return None


def _weekday_named(words: str) -> int | None:
    """The weekday `words` ("Saturday, ") open with, if they do."""
    name = re.match(r"\s*(\w+)", words)
    return WEEKDAYS.get(name[1].lower()) if name else None


def _names_weekday(words: str, day: date) -> bool:
    """Whether `words` open with the weekday `day` falls on."""
    return _weekday_named(words) == day.weekday()


def _weekday_year(
    found: DateRange, words: str, narrative: date | None, published: date
) -> DateRange:
    """The day and month of `found` in the year whose calendar puts them on the weekday
    `words` names: the story's year if it does, else the latest such year up to the
    report. Unchanged when the weekday already fits or names none, or names the last day
    of the span ("Thursday and Friday, September 5-6": Friday is the 6th)."""
    wanted = _weekday_named(words)
    if wanted is None or wanted in (found.start.weekday(), found.end.weekday()):
        return found
    years = [narrative.year] if narrative is not None else []
    years += range(published.year, published.year - 40, -1)
    for year in years:
        try:
            day = found.start.replace(year=year)
        except ValueError:  # 29 February
            continue
        # "Thursday 8 November" heading a live blog dated the 7th: the blog ran on a day
        # past its page's date, not back to 2007, the last such Thursday before it
        if day.weekday() == wanted and day <= published + timedelta(days=AHEAD_DAYS):
            return DateRange(day, day, "day", found.text)
    return found


# "last April", "every July": a month told from the report's time, not the old story's;
# nor is "The families tried again this year. In August, …" ("this winter. On 26 January")
_NOT_THE_STORY = re.compile(
    r"(?i)\b(?:last|this|next|every|each)\s+$|\b(?:every|each)\s+year\b[^.;]{0,30}$"
    r"|\bthis\s+(?:year|winter|spring|summer|autumn)\b[^;]{0,30}$"
)
# a day this close to the report is the present a retrospective is written in, not the
# old story's time: "this morning they came again", then "on 20 February" is the story's
PRESENT_DAYS = 30
OLD_NIGHT_DAYS = 30  # a day told this long before the report: its night is the story's
AHEAD_DAYS = 2  # a weekday and date this far past the report's date are its own days ahead
LONG_SINCE_DAYS = 31  # "since Friday" still dates what follows; "since 1974" does not


def _that_year(text: str, end: int, previous: DateRange | None) -> int | None:
    """The year "that year" or "the same year" means: the last one named in its sentence,
    else earlier in this text ("… the rebellion of 2012. In January of that year"), though
    not as a date of its own, else the year of the date told before."""
    year = _bare_year(text, end) or _year_before(text, end)
    if year is None and previous is not None:
        return previous.start.year
    return year


_YEAR_NUMBER = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
YEAR_BEFORE_CHARS = 600  # how far back "that year" looks for a year the text named


def _year_before(text: str, end: int) -> int | None:
    """The last year named anywhere in the stretch before `end`."""
    years = _YEAR_NUMBER.findall(text[max(0, end - YEAR_BEFORE_CHARS) : end])
    return int(years[-1]) if years else None


def _bare_year(text: str, end: int) -> int | None:
    """The last year named in the sentence before `end`, if any."""
    start = max(text.rfind(". ", 0, end), text.rfind("! ", 0, end), text.rfind("? ", 0, end))
    years = _YEAR_NUMBER.findall(text[start + 1 : end])
    return int(years[-1]) if years else None


def measures(found: DateRange) -> bool:
    """Whether a date measures a span rather than tells the day of an event: "for 15
    months", "the worst since October 1974". Neither is "the same day" of anything, nor a
    date to carry to the sentences after it."""
    words = found.text.lower()
    if words.startswith("since "):
        return (found.end - found.start).days > LONG_SINCE_DAYS
    return words.startswith("for ")


_THAT_BEFORE = re.compile(r"\b(?:that|that\s+same|the\s+same)\s+$", re.IGNORECASE)


# How old, in days, the day a paragraph names must be for its bare weekdays to be that
# day's week rather than the week before the report: older than a week, within a month.
STORY_WEEKS = (7, 31)
_BY_BEFORE = re.compile(
    r"\bby\s+(?:the\s+(?:early\s+|small\s+)?(?:hours|morning|evening|night|end)\s+of\s+|"
    r"(?:daylight|dawn|first\s+light|nightfall|dusk|midday|noon|mid-?morning|mid-?afternoon)"
    r"\s+(?:on\s+)?)?$",
    re.IGNORECASE,
)


def _that_weekday(m: re.Match[str], previous: DateRange) -> DateRange:
    """ "That Monday": the one in the week of the day just told, on or after it if it can."""
    want = WEEKDAYS[m["weekday"].lower()]
    ahead = (want - previous.start.weekday()) % 7
    shift = ahead if ahead <= 3 else ahead - 7
    day = previous.start + timedelta(days=shift)
    return DateRange(day, day, "day", m[0])


# Words that send the weekday after them forward, past the report: it is not yet a date
# anything happened on.
_FUTURE_BEFORE = re.compile(
    r"(?:\b(?:will|shall|due\s+to|expected\s+to|plans?\s+to|planned\s+for|scheduled\s+(?:for|to)|"
    r"set\s+(?:for|to))\b(?:(?!\b(?:which|who|that|where|when|after|before|and|but|while|since|"
    r"said|says|told)\b)[^.;:,]){0,60}|\b(?:for|next|ahead\s+of|this\s+coming)\s+(?:on\s+)?"
    # "flags will fly tomorrow, Wednesday", "our coverage continues on Wednesday"
    r"|\btomorrow,?\s+|\b(?:continues?|resumes?|reopens?)\s+(?:on\s+)?)$",
    re.IGNORECASE,
)
MOURNING_BACK_DAYS = 5  # a day of mourning this far back, with no story told, is the next one
# "declared a day of state mourning on Wednesday", "three days of mourning from Friday
# through Sunday": mourning is declared for days ahead, which are its days
_MOURNING_BEFORE = re.compile(
    r"\b(?:days?|period)\s+of\s+(?:national\s+|state\s+|official\s+)?mourning\s+"
    r"(?:on|for|from)\s+(?:(?:this|next)\s+)?$|"
    r"\bmourning\s+(?:from|on)\s+\w+\s+(?:to|through|until|till|and)\s+$",
    re.IGNORECASE,
)
# "On Saturday, families will gather": the verb after the weekday looks ahead; not "On
# Monday, the minister said talks will resume", a telling of Monday's, nor "On Sunday the
# army shelled the town, which will be rebuilt"
_FUTURE_AFTER = re.compile(
    r"(?:\s+(?:morning|afternoon|evening|night))?,?\s+"
    r"(?:(?!\b(?:said|says|told|announced|added|warned|stated|insisted|confirmed|which|who|"
    r"that|where|when|after|before|and|but|while|until)\b)[^.;:])"
    r"{0,70}?\b(?:will|shall|(?:is|are)\s+(?:due|expected|set|scheduled)\s+to)\b",
    re.IGNORECASE,
)
_MONTH_WORD = r"(?:" + "|".join(_FULL_MONTHS) + r"|(?:" + "|".join(_ABBR_MONTHS) + r")\.?)"
_DAY_WORD = r"\d{1,2}(?:st|nd|rd|th)?"
_WEEKDAY_AFTER = re.compile(r",\s+(?:on\s+)?" + _WEEKDAY + r"\b(?![’']s)", re.IGNORECASE)
# "in the whole of February", "in an entire March", "in a typical June": a month's worth
_A_WHOLE_MONTH_BEFORE = re.compile(
    r"\b(?:(?:the\s+)?(?:whole|entire)\s+(?:month\s+)?of|an?\s+(?:whole|entire|typical|"
    r"normal|average|usual)(?:\s+month\s+of)?)\s+$",
    re.IGNORECASE,
)
_LABEL_BEFORE_DATE = re.compile(
    r",?\s+(?:(?:on|of)\s+)?(?:the\s+)?(?="
    + _DAY_WORD
    + r"(?:\s*(?:-|–|to|and)\s*"
    + _DAY_WORD
    + r")?\s+(?:of\s+)?"
    + _MONTH_WORD
    + r"\b|"
    + _MONTH_WORD
    + r"\s+\d{1,2}\b)",
    re.IGNORECASE,
)
_OVERNIGHT_DAY = re.compile(
    r"\s+(?:on\s+|(?P<into>into|to)\s+"
    # "overnight from Thursday to Friday last week": the night into the Friday named
    r"|from\s+(?:" + "|".join(WEEKDAYS) + r")\s+(?P<into2>to|into)\s+)?"
    r"(?=(?:" + "|".join(WEEKDAYS) + r")\b)",
    re.IGNORECASE,
)
_SAME_YEAR = re.compile(r",?\s+(?:of\s+(?:the\s+same|that)\s+year|that\s+(?:same\s+)?year)\b", re.I)

# "Bloody Sunday", "Black Saturday": a named day in history, not last Sunday
_NAMED_DAY = re.compile(r"\b(?:Bloody|Black|Orthodox|Trinity|Super|Cyber)\s+$")
_YEAR_SHARED = re.compile(
    r"\s+(?:and|or|to|through|until)\s+(?:again\s+)?(?:on\s+|in\s+)?(?:(?:early|late|mid-?)\s*)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:"
    + "|".join(_FULL_MONTHS)
    + r")(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s+(?P<y>1[89]\d\d|20\d\d)\b",
    re.IGNORECASE,
)
# the words that make a record of a thing, shared with drafts' "the sixth … since 2016"
SUPERLATIVES = (
    r"worst|deadliest|bloodiest|biggest|largest|heaviest|highest|lowest|strongest|longest"
    r"|fiercest|most\s+\w+"
)
# "the deadliest in Nepal since": a record counted from the date that follows
_RECORD_SINCE = re.compile(r"(?i)\b(?:" + SUPERLATIVES + r"|first)\b[^.;:!?]*\bsince\s+$")
_ANCHORED = re.compile(r"\b(?:after|before|following|since|until)\s+the\s+$", re.IGNORECASE)
_AS_BEFORE = re.compile(
    r"\bas\s+(?:they|it|he|she|we|you|many|others|people|families|thousands)\s+"
    r"(?:did|had|have|has|do|does|were|was)\s+(?:\w+\s+)?(?:in\s+|on\s+)?$",
    re.IGNORECASE,
)
_RECURRING_BEFORE = re.compile(
    r"\b(?:annual|yearly)\s+(?:[\w-]+\s+){0,3}?(?:on|in)\s+$|\b(?:every|each)\s+year\s+(?:on|in)\s+$",
    re.IGNORECASE,
)
_BUILT_BEFORE = re.compile(
    r"\b(?:founded|built|constructed|erected|established|consecrated|dating\s+(?:back\s+)?"
    r"(?:from|to))\s+(?:in\s+|on\s+)?$",
    re.IGNORECASE,
)
# "closed until 8 October": the end of a span that runs on past the report
_UNTIL_BEFORE = re.compile(r"\b(?:until|till)\s+(?:at\s+least\s+)?$", re.IGNORECASE)
UNTIL_DAYS = 31  # "closed until 8 October" told on the 4th; "ruled until 1 December", past
_ANNIVERSARY_BEFORE = re.compile(
    r"\b(?:mark(?:s|ed|ing)?|commemorat(?:e|es|ed|ing)|observ(?:e|es|ed|ing))\s+the\s+"
    r"(?:\w+\s+)?anniversary\b",
    re.IGNORECASE,
)
_THIS_PERIOD = re.compile(r"\bthis\s+(?:year|month|spring|summer|autumn|fall|winter)\b", re.I)
_THIS_YEAR = re.compile(r",?\s+(?:of\s+)?this\s+year\b", re.IGNORECASE)
_WHEN_AFTER = re.compile(r",?\s+when\b", re.IGNORECASE)


def _in_year(found: DateRange, year: int, words: str) -> DateRange:
    start = found.start.replace(year=year)
    end = found.end.replace(year=year) if found.precision == "day" else _month_end(start)
    return DateRange(start, end, found.precision, found.text + words)


def _month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _without_since(found: DateRange, published: date) -> DateRange:
    """The period a "since" date opened, back to the date itself."""
    text = re.sub(r"^since\s+", "", found.text, flags=re.IGNORECASE)
    start = found.start
    if found.precision == "day":
        end = start
    elif found.precision == "month":
        end = _month_end(start)
    elif found.precision == "year":
        end = date(start.year, 12, 31)
    else:
        end = found.end
    return DateRange(start, min(end, published), found.precision, text)


def resolve(text: str, published: date) -> DateRange:
    """The date range that the first time expression in `text` means."""
    for mention in find_dates(text, published):
        return mention.range
    raise DateResolutionError(f"no date expression found in {text!r}")
