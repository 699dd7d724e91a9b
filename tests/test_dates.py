from __future__ import annotations

from datetime import date

import pytest

from mapview.data.dates import DateRange, DateResolutionError, event_noun, find_dates, resolve

PUBLISHED = date(2023, 5, 23)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Sunday night", date(2023, 5, 21), date(2023, 5, 21), "day"),
        ("Monday night", date(2023, 5, 22), date(2023, 5, 22), "day"),
        ("authorities said Tuesday", PUBLISHED, PUBLISHED, "day"),
        ("later on Tuesday", PUBLISHED, PUBLISHED, "day"),
        ("last Tuesday", date(2023, 5, 16), date(2023, 5, 16), "day"),
        # said on a Tuesday, "last Monday" is not yesterday but the Monday before it
        ("last Monday", date(2023, 5, 15), date(2023, 5, 15), "day"),
        ("last Sunday", date(2023, 5, 21), date(2023, 5, 21), "day"),
        # the Monday of the week before, not a week before the report
        ("a week ago on Monday", date(2023, 5, 15), date(2023, 5, 15), "day"),
        ("Friday two weeks ago", date(2023, 5, 5), date(2023, 5, 5), "day"),
        ("overnight", date(2023, 5, 22), PUBLISHED, "day"),
        ("Earlier this month", date(2023, 5, 1), date(2023, 5, 22), "month"),
        ("this month", date(2023, 5, 1), PUBLISHED, "month"),
        ("in October", date(2022, 10, 1), date(2022, 10, 31), "month"),
        ("in December", date(2022, 12, 1), date(2022, 12, 31), "month"),
        ("in May", date(2023, 5, 1), PUBLISHED, "month"),
        ("for 15 months", date(2022, 2, 23), PUBLISHED, "month"),
        ("last week", date(2023, 5, 15), date(2023, 5, 21), "week"),
        ("last month", date(2023, 4, 1), date(2023, 4, 30), "month"),
        ("yesterday", date(2023, 5, 22), date(2023, 5, 22), "day"),
        ("two days ago", date(2023, 5, 21), date(2023, 5, 21), "day"),
        ("8 October 2022", date(2022, 10, 8), date(2022, 10, 8), "day"),
        ("October 8, 2022", date(2022, 10, 8), date(2022, 10, 8), "day"),
        ("2022-10-08", date(2022, 10, 8), date(2022, 10, 8), "day"),
        ("on May 3", date(2023, 5, 3), date(2023, 5, 3), "day"),
        ("October 2022", date(2022, 10, 1), date(2022, 10, 31), "month"),
        ("in 2022", date(2022, 1, 1), date(2022, 12, 31), "year"),
        ("since February", date(2023, 2, 1), PUBLISHED, "month"),
    ],
)
def test_resolve(text: str, start: date, end: date, precision: str) -> None:
    """Each relative expression lands on the dates the publication day implies."""
    got = resolve(text, PUBLISHED)
    assert (got.start, got.end, got.precision) == (start, end, precision)


def test_weekday_same_as_publication_is_that_day() -> None:
    """ "Tuesday" in a Tuesday report means that Tuesday, not a week before."""
    assert resolve("Tuesday", PUBLISHED).start == PUBLISHED


def test_month_after_publication_month_is_last_year() -> None:
    """ "In December" said in May 2023 is December 2022."""
    assert resolve("in December", PUBLISHED).start.year == 2022


def test_lowercase_may_is_not_a_month() -> None:
    """ "may" the verb is not the month of May."""
    assert [m.range.text for m in find_dates("which may already be underway", PUBLISHED)] == []


def test_no_expression_raises() -> None:
    """Words with no time in them are an error, not a silent publication date."""
    with pytest.raises(DateResolutionError):
        resolve("the bridge", PUBLISHED)


def test_future_dates_are_skipped() -> None:
    """A date after publication is a misreading in a report about the past."""
    assert list(find_dates("on 1 June 2023", PUBLISHED)) == []


def test_find_dates_gives_offsets() -> None:
    """Each found expression carries its character span in the text."""
    text = "It began Sunday night and ended in October."
    found = list(find_dates(text, PUBLISHED))
    assert [text[m.start : m.end] for m in found] == ["Sunday night", "in October"]


def test_invalid_calendar_date_is_skipped() -> None:
    """31 February is not a date; it is skipped, not a crash."""
    assert list(find_dates("on 31 February 2023", PUBLISHED)) == []


def test_two_days_and_their_month_in_either_order_are_one_range() -> None:
    """British order ("between 12 and 14 March") as well as American ("March 12-14"),
    with or without a year."""
    published = date(2023, 3, 17)
    assert resolve("Between 12 and 14 March the rain fell", published) == DateRange(
        date(2023, 3, 12), date(2023, 3, 14), "day", "Between 12 and 14 March"
    )
    assert resolve("the talks ran 3-5 June 2019", published).start == date(2019, 6, 3)
    assert resolve("the talks ran 3-5 June 2019", published).end == date(2019, 6, 5)
    assert resolve("on May 3-5, 2019", published).end == date(2019, 5, 5)


def test_a_story_told_in_order_keeps_the_year_it_gave() -> None:
    """A feature that says "In November 2019" and then "on 10 November" means 2019, not
    the latest 10 November before publication; a date before the year's own is left alone."""
    text = (
        "In November 2019 the protests grew. On 10 November the president resigned, and "
        "four days later, on 15 November, troops fired on a march. In March, a fire broke out."
    )
    found = [d.range for d in find_dates(text, date(2021, 8, 18))]
    assert [(r.start, r.end) for r in found[1:3]] == [
        (date(2019, 11, 10), date(2019, 11, 10)),
        (date(2019, 11, 15), date(2019, 11, 15)),  # "four days later" gives way to its date
    ]
    assert found[3].start == date(2021, 3, 1)  # March 2019 is before the story's November


def test_a_date_after_days_later_is_the_day_counted_from_in_its_year() -> None:
    """ "Three days later, on 9 July" in a 2024 look back at 2021: July 2021, counted from
    the day the paragraph before gave, not the latest 9 July before publication."""
    before = DateRange(date(2021, 7, 6), date(2021, 7, 6), "day", "6 July 2021")
    text = "Three days later, on 9 July, the bodies were flown home."
    [found] = [d.range for d in find_dates(text, date(2024, 7, 6), previous=before)]
    assert (found.start, found.end) == (date(2021, 7, 9), date(2021, 7, 9))


def test_a_night_named_by_its_weekdays_spans_both() -> None:
    published = date(2024, 3, 8)  # a Friday
    for text, want in (
        ("Four people drowned overnight on Tuesday near the ford.", (5, 6)),
        ("Shelling went on overnight into Thursday.", (6, 7)),
        ("The river rose during the night of Monday to Tuesday.", (4, 5)),
    ):
        [found] = [d.range for d in find_dates(text, published)]
        assert (found.start.day, found.end.day) == want, text


def test_that_year_is_the_year_the_sentence_named() -> None:
    text = (
        "Floods in May 1998 were worse. The record is the 2011 flood, which reached the "
        "port on 14 January that year."
    )
    found = [d.range for d in find_dates(text, date(2024, 2, 1))]
    assert found[-1].start == date(2011, 1, 14)


def test_a_weekday_ahead_of_the_report_is_no_date() -> None:
    """Flights "cancelled for Thursday" or talks that "will resume on Monday" have not
    happened: the weekday is not last week's, and no event is dated by it."""
    published = date(2022, 1, 5)  # a Wednesday
    for text in (
        "Two airlines cancelled their flights to the city for Thursday.",
        "Talks will resume on Monday in Geneva.",
        "The minister is expected to visit the port on Friday.",
    ):
        assert list(find_dates(text, published)) == [], text
    assert resolve("Talks resumed on Monday in Geneva.", published).start == date(2022, 1, 3)


def test_the_same_day_is_the_days_event_not_a_long_since() -> None:
    """ "The worst since October 1974" measures the eruption; "the same day" after it is
    still the eruption's Sunday."""
    text = (
        "The eruption on Sunday was the most violent since October 1974. The same day, "
        "guests at a resort on its slopes were moved away."
    )
    found = [d.range for d in find_dates(text, date(2018, 6, 6))]
    assert found[-1].start == found[-1].end == date(2018, 6, 3)


def test_that_monday_is_the_storys_monday() -> None:
    """A retrospective that names its day, then "that Monday", means the day it named, not
    the Monday before publication; with no day named before it, it is no date at all."""
    text = "The hill gave way on 14 August 2017. In the early hours of that Monday, mud fell."
    found = [d.range for d in find_dates(text, date(2022, 8, 14))]
    assert found[-1].start == date(2017, 8, 14)
    assert list(find_dates("In the early hours of that Monday, mud fell.", PUBLISHED)) == []


def test_overnight_after_a_day_the_text_gave_is_that_night() -> None:
    """ "Overnight" after a sentence dated in the same paragraph is the night after that
    day; alone, it is the night before the report."""
    text = "The dam broke on the evening of Monday, 23 July 2018. Overnight, the water rose."
    assert [d.range for d in find_dates(text, date(2018, 7, 27))][-1].end == date(2018, 7, 24)
    alone = resolve("Drones struck the port overnight.", date(2023, 8, 2))
    assert (alone.start, alone.end) == (date(2023, 8, 1), date(2023, 8, 2))


def test_a_night_after_which_the_day_came_is_the_night_before_it() -> None:
    """ "On 3 May 2018, after gunmen had fired on the camp overnight, crowds marched": the
    night before the day the sentence gave, not the one after it."""
    text = "On 3 May 2018, after gunmen had fired on the camp overnight, crowds marched."
    night = [d.range for d in find_dates(text, date(2024, 1, 9))][-1]
    assert (night.start, night.end) == (date(2018, 5, 2), date(2018, 5, 3))


def test_days_after_an_event_count_from_the_day_it_was_told() -> None:
    """ "A lorry hit the market on 19 December 2016. The driver was shot near Milan four
    days after the attack": the 23rd; "On Monday they buried the dead, a day after the
    strike" names Monday again, not Tuesday."""
    text = (
        "A lorry hit the market on 19 December 2016. The driver was shot dead near Milan "
        "four days after the attack."
    )
    found = [d.range for d in find_dates(text, date(2024, 12, 22))]
    assert (found[-1].start, found[-1].end) == (date(2016, 12, 23), date(2016, 12, 23))
    text = "On Monday, residents buried the dead, a day after the strike."
    found = [d.range for d in find_dates(text, date(2023, 12, 7))]
    assert [(r.start, r.end) for r in found] == [(date(2023, 12, 4), date(2023, 12, 4))]


def test_the_day_after_the_bombing_counts_from_the_bombs_day() -> None:
    """ "His brother was detained in Tripoli the day after the bombing", in a paragraph
    that gives no day, is the day after the one the report told the bomb went off on."""
    bomb = DateRange(date(2017, 5, 22), date(2017, 5, 22), "day", "22 May 2017")
    month = DateRange(date(2025, 4, 1), date(2025, 4, 30), "month", "last month")
    text = "His brother was detained in Tripoli the day after the bombing."
    [found] = find_dates(text, date(2025, 5, 22), month, None, {event_noun("bomb"): bomb})
    assert found.range.start == date(2017, 5, 23)


def test_within_hours_of_an_event_is_the_day_it_was_told() -> None:
    """A section after the weekend was told: "Within hours of the verdict, students
    clashed" is the verdict's day, which the report gave earlier (`events`), not the
    weekend's; with no such day told, the day the text went on from."""
    weekend = DateRange(date(2023, 6, 3), date(2023, 6, 4), "day", "that weekend")
    verdict = DateRange(date(2023, 6, 1), date(2023, 6, 1), "day", "June 1")
    text = "Within hours of the verdict, students clashed with police on the campus."
    [found] = find_dates(text, date(2023, 6, 9), weekend, None, {"verdict": verdict})
    assert (found.range.start, found.range.end) == (date(2023, 6, 1), date(2023, 6, 1))
    [found] = find_dates(text, date(2023, 6, 9), weekend)
    assert found.range.start == date(2023, 6, 3)


def test_the_following_night_and_hours_before_an_announcement() -> None:
    """ "The first wave came early on 18 July. The following night was heavier": the
    night from the 18th into the 19th. "Hours before the announcement" is the day the
    announcement was told on ("Russia announced on 17 July"), found by its verb."""
    text = "The first wave came early on 18 July 2023. The following night was heavier."
    night = [d.range for d in find_dates(text, date(2023, 7, 25))][-1]
    assert (night.start, night.end) == (date(2023, 7, 18), date(2023, 7, 19))
    told = DateRange(date(2023, 7, 17), date(2023, 7, 17), "day", "on 17 July")
    sunday = DateRange(date(2023, 7, 23), date(2023, 7, 23), "day", "on Sunday")
    text = "Hours before the announcement, sea drones struck the bridge."
    [found] = find_dates(text, date(2023, 7, 25), sunday, None, {event_noun("announced"): told})
    assert found.range.start == date(2023, 7, 17)


def test_a_day_a_toll_was_put_is_when_it_was_told() -> None:
    """ "On Monday, officials had put the national toll at around 800": the day the count
    was told, which the next sentences' deaths do not go on from."""
    text = "On Monday, officials had put the national toll at around 800."
    [found] = find_dates(text, date(2025, 9, 2))
    assert found.reporting
    [found] = find_dates("On Monday, officials buried the dead.", date(2025, 9, 2))
    assert not found.reporting


def test_a_night_until_the_early_hours_of_a_weekday_runs_into_it() -> None:
    """ "Firefighters fought the blaze overnight, and by the early hours of Wednesday the
    fuselage was a shell", told on Thursday: the night into that Wednesday, not the one
    just gone before the report."""
    text = (
        "Firefighters fought the blaze overnight, and by the early hours of Wednesday the "
        "fuselage was a shell."
    )
    night = next(d.range for d in find_dates(text, date(2024, 1, 4)) if "overnight" in d.range.text)
    assert (night.start, night.end) == (date(2024, 1, 2), date(2024, 1, 3))


def test_the_same_day_after_two_days_is_the_first() -> None:
    """ "People were detained on Friday and Saturday." Then, in the next paragraph, "The
    president travelled there the same day": one day, the first of the two just told."""
    told = DateRange(date(2023, 10, 13), date(2023, 10, 14), "day", "on Friday and Saturday")
    [found] = find_dates("The president travelled there the same day.", date(2023, 10, 15), told)
    assert (found.range.start, found.range.end) == (date(2023, 10, 13), date(2023, 10, 13))


def test_a_recent_day_after_an_old_storys_paragraph_is_the_news() -> None:
    """After a paragraph on the killings of 9 April 2013, "crowds gathered outside the
    parliament on May 8", told on 24 May 2023, is this month's May 8; "on April 19" after
    "April 18, 2020", told in 2023, is still 2020's."""
    old = DateRange(date(2013, 4, 9), date(2013, 4, 9), "day", "9 April 2013")
    [found] = find_dates("Crowds gathered outside parliament on May 8.", date(2023, 5, 24), old)
    assert found.range.start == date(2023, 5, 8)
    told = DateRange(date(2020, 4, 18), date(2020, 4, 18), "day", "April 18, 2020")
    [found] = find_dates("Police arrested him on April 19.", date(2023, 5, 24), told)
    assert found.range.start == date(2020, 4, 19)


def test_a_night_spent_is_the_night_before_or_the_days_night() -> None:
    """ "Families spent the night on rooftops" is last night, as "overnight" is; after a
    day this text gave, it is that day's night; "the night of 6 August" is left to its
    date (the words had dated nothing, so the sentence took the report's day)."""
    alone = resolve("Families spent the night on rooftops.", date(2018, 8, 10))
    assert (alone.start, alone.end) == (date(2018, 8, 9), date(2018, 8, 10))
    worked = resolve("Crews worked through the night to clear the road.", date(2018, 8, 10))
    assert (worked.start, worked.end) == (date(2018, 8, 9), date(2018, 8, 10))
    text = "The river burst its banks on Monday, 6 August. Families spent the night on roofs."
    last = [d.range for d in find_dates(text, date(2018, 8, 10))][-1]
    assert (last.start, last.end) == (date(2018, 8, 6), date(2018, 8, 7))
    named = [
        d.range for d in find_dates("They spent the night of 6 August outside.", date(2018, 8, 10))
    ]
    assert [(d.start, d.end) for d in named] == [(date(2018, 8, 6), date(2018, 8, 6))]


def test_a_weekday_and_date_just_past_the_report_are_not_years_back() -> None:
    """ "Thursday 8 November" in a page dated Wednesday 7 November 2012 is the next day (a
    live blog that ran on); it had been 8 November 2007. Three days ahead is still read
    as no date of the report's."""
    found = [d.range.start for d in find_dates("Thursday 8 November", date(2012, 11, 7))]
    assert found == [date(2012, 11, 8)]
    far = [d.range.start for d in find_dates("Saturday 10 November", date(2012, 11, 7))]
    assert date(2012, 11, 10) not in far


def test_a_months_worth_is_no_date() -> None:
    """ "More rain than the city gets in the whole of February" and "in a typical June"
    measure rain, they date nothing (the month had become the thread that the next
    paragraph's undated sentences took); "fighting in February" is still February."""
    published = date(2022, 2, 22)
    assert list(find_dates("more than it gets in the whole of February", published)) == []
    assert list(find_dates("twice the rain of a typical June", published)) == []
    assert [d.range.text for d in find_dates("fighting in February", published)] == ["in February"]


def test_a_weekday_before_a_date_names_that_date() -> None:
    """ "Thursday, September 26, 2002" in a report of 2022 is one day in 2002: the weekday
    labels the date after it, and is not also last week's Thursday."""
    text = "The ferry left the port on the afternoon of Thursday, September 26, 2002."
    found = [d.range for d in find_dates(text, date(2022, 9, 26))]
    assert [(d.start, d.end) for d in found] == [(date(2002, 9, 26), date(2002, 9, 26))]


def test_weekdays_with_their_dates_make_one_span() -> None:
    """ "From Friday 15 March until Saturday 16 March" is one span of two days; "overnight
    on 15 to 16 March" is those two days, not the night before the report."""
    published = date(2019, 3, 20)
    spans = [
        "Rain fell from Friday 15 March until Saturday 16 March.",
        "Mud struck the school overnight on 15 to 16 March.",
    ]
    for text in spans:
        found = [d.range for d in find_dates(text, published)]
        assert [(d.start, d.end) for d in found] == [(date(2019, 3, 15), date(2019, 3, 16))]


def test_one_day_or_the_next_is_both() -> None:
    """ "Last Friday or Saturday": the report does not know which, so both days; two days
    far apart joined by "or" stay two dates."""
    published = date(2023, 6, 16)  # a Friday
    found = [d.range for d in find_dates("It sailed last Friday or Saturday.", published)]
    assert [(d.start, d.end) for d in found] == [(date(2023, 6, 9), date(2023, 6, 10))]
    apart = list(find_dates("It sailed on Monday or Friday.", published))
    assert len(apart) == 2


def test_since_the_weekend_runs_to_the_report() -> None:
    found = resolve("Divers have been working since the weekend.", date(2024, 11, 4))
    assert (found.start, found.end) == (date(2024, 11, 2), date(2024, 11, 4))


def test_an_abbreviated_month_needs_its_day_or_year() -> None:
    """ "Viña del Mar" is a town, not March; "3 Mar 2023" is a date."""
    assert list(find_dates("A curfew began in Viña del Mar and Quilpué.", date(2024, 2, 5))) == []
    [found] = [d.range for d in find_dates("It reopened on 3 Mar 2023.", date(2024, 2, 5))]
    assert found.start == date(2023, 3, 3)


def test_a_paragraph_goes_on_in_the_year_of_the_day_before_it() -> None:
    """An inquiry's report of 2023: "April 18, 2020" ends one paragraph, "on April 19"
    opens the next; that is 2020, not April 2022."""
    before = DateRange(date(2020, 4, 18), date(2020, 4, 18), "day", "April 18, 2020")
    text = "Shortly after 10 a.m. on April 19 he shot two women on a rural road."
    [found] = [d.range for d in find_dates(text, date(2023, 3, 31), previous=before)]
    assert found.start == date(2020, 4, 19)


def test_another_year_named_ends_the_old_storys_year() -> None:
    """ "A flood in March 1952 … In 2011 a dyke gave way. A school closed on 2 May." The
    story left 1952 when it named 2011: the school closed on the latest 2 May."""
    text = (
        "The valley flooded on 3 March 1952, and in 2011 a dyke gave way. "
        "Upstream, a school closed on 2 May after the river rose."
    )
    found = [d.range.start for d in find_dates(text, date(2024, 5, 20))]
    assert found == [date(1952, 3, 3), date(2011, 1, 1), date(2024, 5, 2)]


def test_a_weekday_says_which_year_a_day_without_one_is() -> None:
    """ "Friday, 19 February" in a report of 20 February 2026: 19 February 2026 is a
    Thursday, so the date is the latest 19 February that was a Friday (2021); with the
    story told in 2016 before it, 2016's."""
    [found] = [
        d.range.start for d in find_dates("Friday, 19 February: the storm grew.", date(2026, 2, 20))
    ]
    assert found == date(2021, 2, 19)
    before = DateRange(date(2016, 2, 17), date(2016, 2, 17), "day", "17 February 2016")
    found = [
        d.range.start
        for d in find_dates("Friday, 19 February: it grew.", date(2026, 2, 20), previous=before)
    ]
    assert found == [date(2016, 2, 19)]
    [same] = [d.range.start for d in find_dates("Thursday, 19 February: talks.", date(2026, 2, 20))]
    assert same == date(2026, 2, 19)


def test_a_rule_reaching_far_from_the_word_it_needs_still_reads_the_whole_expression():
    # Rules are searched only near the words they need (a month, "day"); the longest
    # expressions start or end far from that word and must still be read whole.
    text = (
        "Sirens sounded across the valley again. Shelling of the border villages went on "
        "for twelve consecutive nights beginning on March 3, and a school was hit."
    )
    (mention,) = find_dates(text, date(2024, 4, 2))
    assert mention.range == DateRange(
        date(2024, 3, 3), date(2024, 3, 14), "day", mention.range.text
    )
    assert mention.range.text.startswith("for twelve")
    before = DateRange(date(2024, 3, 1), date(2024, 3, 1), "day", "1 March")
    text = "A day after the dam at the head of the long northern valley gave way, help came."
    (mention,) = find_dates(text, date(2024, 4, 2), previous=before)
    assert mention.range.start == date(2024, 3, 2)


def test_over_the_weekend_is_last_saturday_and_sunday() -> None:
    """In Wednesday's paper, "over the weekend" is the Saturday and Sunday before it, not
    Monday to Wednesday; in Sunday's, it is Saturday and that Sunday."""
    found = resolve("Thousands laid flowers over the weekend.", date(2013, 11, 27))
    assert (found.start, found.end) == (date(2013, 11, 23), date(2013, 11, 24))
    found = resolve("Thousands laid flowers over the weekend.", date(2013, 11, 24))
    assert (found.start, found.end) == (date(2013, 11, 23), date(2013, 11, 24))
    found = resolve("Shops reopened after last weekend's storm.", date(2013, 11, 25))
    assert (found.start, found.end) == (date(2013, 11, 23), date(2013, 11, 24))


def test_a_week_of_a_month_is_its_seven_days() -> None:
    """ "In the last week of April" is 24-30 April, "the first week of March 2020" the
    1st to the 7th: a week, not the whole month."""
    published = date(2023, 8, 25)
    found = resolve("The utility said in the last week of April that it would act.", published)
    assert (found.start, found.end, found.precision) == (
        date(2023, 4, 24),
        date(2023, 4, 30),
        "week",
    )
    found = resolve("Schools shut in the first week of March 2020.", published)
    assert (found.start, found.end) == (date(2020, 3, 1), date(2020, 3, 7))


def test_a_weekday_ahead_is_not_last_weeks() -> None:
    """In Tuesday's live blog, "flags will fly tomorrow, Wednesday" and "our coverage
    continues on Wednesday" are tomorrow, not last Wednesday; "fighting continued on
    Monday" is yesterday."""
    published = date(2024, 4, 2)  # a Tuesday
    assert list(find_dates("Flags will fly at half-mast tomorrow, Wednesday.", published)) == []
    assert list(find_dates("Our coverage continues on Wednesday.", published)) == []
    [found] = find_dates("Fighting continued on Monday in the east.", published)
    assert found.range.start == date(2024, 4, 1)


def test_a_weekday_beside_an_old_date_that_fell_on_it_is_that_day() -> None:
    """26 June 2015 was a Friday: "during Friday prayers" in the same sentence is that
    Friday. Another sentence's Friday, or a date that was no Friday, leaves it last week's."""
    published = date(2024, 7, 18)
    text = "On 26 June 2015 a bomber blew himself up during Friday prayers at a mosque."
    assert [d.range.start for d in find_dates(text, published)] == [date(2015, 6, 26)] * 2
    text = "On 26 June 2015 a bomb went off. On Friday police raided a flat."
    assert [d.range.start for d in find_dates(text, published)][1] == date(2024, 7, 12)
    text = "On 27 June 2015 a bomber struck during Friday prayers."
    assert [d.range.start for d in find_dates(text, published)][1] == date(2024, 7, 12)


def test_years_ago_this_morning_is_that_day() -> None:
    """An anniversary's "ten years ago this morning" is the same day ten years back."""
    found = resolve("It was ten years ago this morning that the blast hit.", date(2021, 7, 11))
    assert (found.start, found.end, found.precision) == (
        date(2011, 7, 11),
        date(2011, 7, 11),
        "day",
    )
    found = resolve("Two weeks ago today the dam broke.", date(2021, 7, 11))
    assert found.start == date(2021, 6, 27)


def test_a_weekday_running_to_a_dated_day_is_in_that_days_week() -> None:
    """A timeline's "Friday night to Saturday 9 March" is 8-9 March, not last Friday and
    then 9 March (the weekday had been read from the report's own day)."""
    found = list(find_dates("Friday night to Saturday 9 March", date(2019, 4, 1)))
    assert [(d.range.start, d.range.end) for d in found] == [(date(2019, 3, 8), date(2019, 3, 9))]


def test_a_storys_year_holds_for_a_day_it_names_before_the_last_one() -> None:
    """ "In November 2019 … on 10 November, and on 5 November …": both days are 2019's,
    the second too, though it comes before the first (it had become last year's)."""
    text = (
        "In November 2019 the levee broke. Crews came on 10 November, and on 5 November the "
        "first warning had gone out."
    )
    found = [d.range.start for d in find_dates(text, date(2026, 1, 1))]
    assert found == [date(2019, 11, 1), date(2019, 11, 10), date(2019, 11, 5)]


def test_a_decade_ago_is_ten_years_ago() -> None:
    """ "A decade ago tonight" opens an anniversary as "ten years ago tonight" does."""
    found = resolve("A decade ago tonight the cyclone reached the coast.", date(2026, 2, 20))
    assert (found.start, found.precision) == (date(2016, 2, 20), "day")
    assert resolve("Two decades ago the port burned.", date(2026, 2, 20)).start.year == 2006


def test_a_retrospectives_days_are_its_storys_year() -> None:
    """In a look back at 2008, "on the morning of 2 July" is 2 July 2008, and "on the
    Thursday" the story's Thursday; "last April" and "every year on 2 July" are still
    told from the report's own time."""
    published = date(2018, 7, 1)

    def starts(text: str) -> list[date]:
        return [d.range.start for d in find_dates(text, published, story=2008)]

    assert starts("On the morning of 2 July troops guarded the square.") == [date(2008, 7, 2)]
    previous = DateRange(date(2008, 7, 1), date(2008, 7, 1), "day", "1 July 2008")
    found = find_dates("On the Thursday the curfew was lifted.", published, previous, 2008)
    assert [d.range.start for d in found] == [date(2008, 7, 3)]
    assert starts("Last April the court ruled on the case.") == [date(2018, 4, 1)]
    assert starts("Every year on 2 July the families gather.") == [date(2017, 7, 2)]
    assert [d.range.start for d in find_dates("On 2 July they met.", published)] == [
        date(2017, 7, 2)
    ]


def test_six_days_later_counts_from_the_day_just_told() -> None:
    """ "Six days later" and "12 days later" count from the day just told, as "two days
    later" did; they were not read at all."""
    before = DateRange(date(2023, 11, 1), date(2023, 11, 1), "day", "1 November")
    published = date(2023, 11, 29)
    [six] = find_dates("Six days later a protester was shot.", published, previous=before)
    assert six.range.start == date(2023, 11, 7)
    [twelve] = find_dates("12 days later the mine closed.", published, previous=before)
    assert twelve.range.start == date(2023, 11, 13)


def test_the_following_week_is_the_week_after_the_day_just_told() -> None:
    """ "Protesters retook the square on 19 February, and the following week thousands
    marched": Monday 21 to Sunday 27 February. "Over the next week" is a span ahead."""
    before = DateRange(date(2011, 2, 19), date(2011, 2, 19), "day", "19 February")
    published = date(2011, 3, 18)
    [week] = find_dates("The following week thousands marched.", published, previous=before)
    assert (week.range.start, week.range.end, week.range.precision) == (
        date(2011, 2, 21),
        date(2011, 2, 27),
        "week",
    )
    assert list(find_dates("Aid will arrive over the next week.", published, previous=before)) == []


def test_a_weekday_last_week_is_in_the_week_before() -> None:
    """ "Tuesday last week", said on a Thursday, is the Tuesday nine days back; "Tuesday"
    alone was taken for two days back."""
    published = date(2025, 9, 18)  # a Thursday
    [found] = find_dates("The raid came on the afternoon of Tuesday last week.", published)
    assert (found.range.start, found.range.end) == (date(2025, 9, 9), date(2025, 9, 9))
    [found] = find_dates("Talks resumed on Friday of last week.", published)
    assert found.range.start == date(2025, 9, 12)


def test_at_the_weekend_is_last_saturday_and_sunday() -> None:
    """British "at the weekend", read on a Tuesday, is the Saturday and Sunday before; it
    was no date at all."""
    [found] = find_dates("The goalkeeper was flown to Durban at the weekend.", date(2010, 1, 12))
    assert (found.range.start, found.range.end) == (date(2010, 1, 9), date(2010, 1, 10))


def test_a_weekday_before_a_span_of_days_can_name_its_last_day() -> None:
    """ "Thursday and Friday, September 5-6" in a 2019 timeline: Friday is the 6th, so the
    days are 2019's, not those of 2014, when the 5th was a Friday."""
    [*_, days] = find_dates("THURSDAY AND FRIDAY, SEPTEMBER 5-6", date(2019, 9, 12))
    assert (days.range.start, days.range.end) == (date(2019, 9, 5), date(2019, 9, 6))


def test_an_overnight_kind_of_thing_is_no_date() -> None:
    """ "A routine overnight run" and "an overnight curfew" are kinds of crossing and
    curfew, not last night; "shelled overnight" is."""
    assert [d.range.text for d in find_dates("It was a routine overnight run.", PUBLISHED)] == []
    assert [d.range.text for d in find_dates("They set an overnight curfew.", PUBLISHED)] == []
    [night] = find_dates("The town was shelled overnight.", PUBLISHED)
    assert (night.range.start, night.range.end) == (date(2023, 5, 22), PUBLISHED)


def test_a_week_later_is_seven_days_after_the_day_just_told() -> None:
    """ "The rebels took Rubaya on 30 April. Talks opened in Doha a week later." dates the
    talks 7 May; "two weeks earlier" goes back fourteen days; "about a week earlier" is no
    day to date by."""
    published = date(2025, 6, 2)
    text = "The rebels took Rubaya on 30 April. Talks opened in Doha a week later."
    assert [(d.range.start, d.range.end) for d in find_dates(text, published)][-1] == (
        date(2025, 5, 7),
        date(2025, 5, 7),
    )
    text = "Talks opened on 7 May. Two weeks earlier, the rebels had taken Rubaya."
    assert [d.range.start for d in find_dates(text, published)][-1] == date(2025, 4, 23)
    text = "Talks opened on 7 May. About a week earlier, the rebels had taken Rubaya."
    assert [d.range.text for d in find_dates(text, published)] == ["7 May"]


def test_a_weekday_may_name_each_day_of_a_span() -> None:
    """A timeline headed "Sunday 26 to Monday 27 January" covers both days; read as the
    last Sunday before the report and then the 27th alone, its entry was dated three weeks
    late."""
    published = date(2025, 2, 20)
    [days] = find_dates("Sunday 26 to Monday 27 January", published)
    assert (days.range.start, days.range.end) == (date(2025, 1, 26), date(2025, 1, 27))
    [days] = find_dates("Rain fell on Saturday, 15 and Sunday, 16 February.", published)
    assert (days.range.start, days.range.end) == (date(2025, 2, 15), date(2025, 2, 16))


def test_a_part_of_a_named_year_keeps_that_year() -> None:
    """ "A fire in early 2001" in a 2025 look back is 2001, not the day of the report; read
    as no date at all, the sentence took the report's own day."""
    published = date(2025, 5, 13)

    def span(text: str) -> tuple[date, date]:
        [d] = find_dates(text, published)
        return d.range.start, d.range.end

    assert span("A fire broke out in early 2001.") == (date(2001, 1, 1), date(2001, 4, 30))
    assert span("It took up arms again in late 2021.") == (date(2021, 9, 1), date(2021, 12, 31))
    assert span("Talks stalled in mid-2019.") == (date(2019, 5, 1), date(2019, 8, 31))
    assert span("By the end of 2021 it was over.") == (date(2021, 12, 1), date(2021, 12, 31))
    assert span("in the first hour of 2001") == (date(2001, 1, 1), date(2001, 1, 1))
    # a season is the year: which months it means depends on the hemisphere
    assert span("In the autumn of 1995 they returned.") == (date(1995, 1, 1), date(1995, 12, 31))
    assert span("Sieges have run since early 2025.") == (date(2025, 1, 1), published)
    assert span("on New Year's Eve 2000") == (date(2000, 12, 31), date(2000, 12, 31))
    assert span("On Christmas Eve in 2016, a lorry hit the market.") == (
        date(2016, 12, 24),
        date(2016, 12, 24),
    )


def test_came_days_after_an_event_dates_that_event_before_the_day_told() -> None:
    """ "Guards emptied the camp on Thursday. The move came two days after police fired
    water cannon at the crowd": the water cannon was Tuesday's, not Thursday's, and the
    story goes on from Thursday. Without a day told in the paragraph it names no day (the
    story's strikes may not be the last day told)."""
    published = date(2021, 11, 18)
    text = (
        "Guards emptied the camp on Thursday. The move came two days after police fired "
        "water cannon at the crowd. The same day, a flight left."
    )
    found = list(find_dates(text, published))
    assert [(d.range.start, d.background) for d in found] == [
        (date(2021, 11, 18), False),
        (date(2021, 11, 16), True),
        (date(2021, 11, 18), False),
    ]
    alone = "The strikes came two days after the largest attack yet on shipping."
    assert list(find_dates(alone, published, previous=found[0].range)) == []
    assert list(find_dates("It came two days after landfall.", published)) == []


def test_a_retrospective_tells_its_storys_weekdays() -> None:
    """Ten years after the cyclone, "landfall late on Saturday 20 February ... out to sea
    in the early hours of Sunday" is 21 February 2016, not the Sunday before the
    anniversary; "last Sunday" is still the recent one."""
    published = date(2026, 2, 20)
    told = DateRange(date(2016, 2, 20), date(2016, 2, 20), "day", "20 February")
    [sunday] = find_dates("It left in the early hours of Sunday.", published, told, 2016)
    assert sunday.range.start == date(2016, 2, 21)
    [recent] = find_dates("Survivors met last Sunday.", published, told, 2016)
    assert recent.range.start == date(2026, 2, 15)
    [live] = find_dates("It left in the early hours of Sunday.", published, told)
    assert live.range.start == date(2026, 2, 15)  # no retold story: the latest Sunday


def test_a_timeline_entry_opening_with_two_days_is_one_span() -> None:
    """ "31 October to 2 November. The government declares three days of mourning." is a
    timeline's entry for those three days; read as two days, the entry's sentences took
    the last one alone or none. Inside a sentence, "moved it to 2 November" still needs
    its "from"."""
    published = date(2025, 12, 30)
    [span] = find_dates("31 October to 2 November. The government declares mourning.", published)
    assert (span.range.start, span.range.end) == (date(2025, 10, 31), date(2025, 11, 2))
    found = find_dates("The vote set for 31 October was moved to 2 November.", published)
    assert len(list(found)) == 2


def test_a_declared_period_may_end_after_the_report() -> None:
    """ "A state of emergency from 3 July until 2 August", told on 5 July, runs to the
    August ahead, not last year's; "from 30 December to 2 January" crosses the year."""
    published = date(2022, 7, 5)

    def spans(text: str) -> list[tuple[date, date]]:
        return [(d.range.start, d.range.end) for d in find_dates(text, published)]

    assert spans("an emergency from 3 July until 2 August") == [
        (date(2022, 7, 3), date(2022, 8, 2))
    ]
    assert spans("a curfew from 30 December to 2 January") == [
        (date(2021, 12, 30), date(2022, 1, 2))
    ]
    assert len(spans("It was held on 1 May, and on 3 April before it.")) == 2


def test_by_a_weekday_goes_on_from_the_day_the_paragraph_told() -> None:
    """Told on Tuesday 22 April: "The raid began on Friday, 11 April. By Sunday the
    militia held the town" is Sunday the 13th, the days the paragraph is telling, not the
    20th. "On Sunday" after it may be this week's news, and stays the 20th."""
    published = date(2025, 4, 22)

    def days(text: str) -> list[date]:
        return [d.range.start for d in find_dates(text, published)]

    text = "The raid began on Friday, 11 April. By Sunday the militia held the town."
    assert days(text) == [date(2025, 4, 11), date(2025, 4, 13)]
    text = "The raid began on Friday, 11 April. On Sunday the militia said it held the town."
    assert days(text) == [date(2025, 4, 11), date(2025, 4, 20)]
    # "by" belongs to the weekday right after it, not to one further on
    text = "The raid began on Friday, 11 April. By Monday it was over; on Sunday they spoke."
    assert days(text) == [date(2025, 4, 11), date(2025, 4, 14), date(2025, 4, 20)]


def test_years_earlier_counts_back_from_the_day_just_told() -> None:
    """An anniversary piece: "On Thursday they laid flowers. Five years earlier the ground
    had turned to liquid" is five years before that Thursday, as "five years ago" is from
    the report's day; it was no date at all."""
    published = date(2023, 9, 28)
    text = "On Thursday they laid flowers. Five years earlier the ground had turned to liquid."
    found = [(d.range.start, d.range.precision) for d in find_dates(text, published)]
    assert found == [(date(2023, 9, 28), "day"), (date(2018, 9, 28), "year")]


def test_a_month_that_cannot_be_in_the_storys_year_moves_the_story_on() -> None:
    """Told on 21 April 2025: "The raids began on January 12, 2024. A truce took effect in
    January. In March the attacks resumed": that January is 2025's (2024's would come
    before the 12th), so March is 2025's too, not 2024's."""
    text = (
        "The raids began on January 12, 2024. A truce took effect in January. In March the "
        "attacks resumed."
    )
    starts = [d.range.start for d in find_dates(text, date(2025, 4, 21))]
    assert starts == [date(2024, 1, 12), date(2025, 1, 1), date(2025, 3, 1)]


def test_a_month_before_a_day_told_with_its_year_is_in_that_year() -> None:
    """ "Troops pulled back at the end of March, and the region was declared retaken on
    April 3, 2022", read in April 2024: that March is 2022's, the one before the dated
    day, not the latest March; a month told after it, or far from it, keeps its own."""
    text = (
        "Troops pulled back from the region at the end of March, and the ministry declared "
        "it retaken on April 3, 2022."
    )
    ranges = [d.range for d in find_dates(text, date(2024, 4, 18))]
    assert (ranges[0].start, ranges[0].end) == (date(2022, 3, 1), date(2022, 3, 31))
    text = "The siege began on April 3, 2022. Shelling resumed in March."
    ranges = [d.range for d in find_dates(text, date(2024, 4, 18))]
    assert ranges[1].start == date(2024, 3, 1)
    text = "Aid arrived in November, after the dam failed on April 3, 2022."
    ranges = [d.range for d in find_dates(text, date(2024, 4, 18))]
    assert ranges[0].start == date(2023, 11, 1)


def test_shortly_before_midnight_is_still_that_day() -> None:
    """ "Woken by screams shortly before midnight on Thursday" is Thursday; "around
    midnight on Thursday" may be either side of it."""
    [before] = find_dates("She was woken shortly before midnight on Thursday.", date(2025, 6, 1))
    assert (before.range.start, before.range.end) == (date(2025, 5, 29), date(2025, 5, 29))
    [around] = find_dates("The wall fell around midnight on Thursday.", date(2025, 6, 1))
    assert (around.range.start, around.range.end) == (date(2025, 5, 29), date(2025, 5, 30))


def test_a_span_whose_year_is_told_at_its_end_with_an_abbreviated_month() -> None:
    """ "The 34-day war fought from July 12 to Aug. 14, 2006", read in 2023: one span in
    2006 (the abbreviated month had left July 12 alone, in 2023)."""
    text = "During the war fought from July 12 to Aug. 14, 2006, rockets hit the north."
    [war] = find_dates(text, date(2023, 10, 17))
    assert (war.range.start, war.range.end) == (date(2006, 7, 12), date(2006, 8, 14))


def test_a_month_later_is_the_month_after_the_one_just_told() -> None:
    """ "In February 2016 a car bomb killed 29, and a month later a suicide bombing killed
    37": March 2016; "two months later" after a day is that day's month two on; "about a
    month later than planned" dates nothing."""
    text = "In February 2016 a car bomb killed 29, and a month later a suicide bombing killed 37."
    later = list(find_dates(text, date(2024, 10, 24)))[-1]
    assert (later.range.start, later.range.end) == (date(2016, 3, 1), date(2016, 3, 31))
    text = "The dam broke on 3 May 2021. Two months later, the town was rebuilt."
    later = list(find_dates(text, date(2024, 10, 24)))[-1]
    assert (later.range.start, later.range.end) == (date(2021, 7, 1), date(2021, 7, 31))
    assert list(find_dates("It ended about a month later than planned.", date(2024, 1, 1))) == []


def test_a_weekday_that_fits_the_latest_year_brings_the_story_back_to_it() -> None:
    """ "On Saturday, October 23, a bomb exploded", told in November 2021 after a paragraph
    on a bombing of July 2010: 23 October 2021 was a Saturday, so it is that one (23
    October 2010 was one too, and the year before had kept it there)."""
    told = DateRange(date(2010, 7, 11), date(2010, 7, 11), "day", "July 11, 2010")
    text = "On Saturday, October 23, a bomb exploded. Two days later a bus blew up."
    day, later = find_dates(text, date(2021, 11, 16), told)
    assert day.range.start == date(2021, 10, 23)
    assert later.range.start == date(2021, 10, 25)


def test_a_retrospective_that_comes_to_this_year_dates_its_days_now() -> None:
    """A feature on a massacre of August 2014, published on 1 August 2024: "Earlier this
    year a deadline of July 30 was set … That deadline passed on Tuesday" is 30 July 2024,
    not the story's July 2014."""
    told = DateRange(date(2014, 8, 3), date(2014, 8, 3), "day", "August 3, 2014")
    text = (
        "Earlier this year the ministry set a deadline of July 30 for closing the camps. "
        "That deadline passed on Tuesday with the camps still full."
    )
    days = [d.range.start for d in find_dates(text, date(2024, 8, 1), told, 2014)]
    assert days[1:] == [date(2024, 7, 30), date(2024, 7, 30)]


def test_a_weekday_whose_sentence_looks_ahead_is_no_date_yet() -> None:
    """ "On Tuesday, two years to the day, families will gather" is a plan, not last
    Tuesday's event (nor a retrospective's old Tuesday); "On Monday, the minister said talks
    will resume" and "On Sunday the army shelled the town, which will be rebuilt" are
    Monday's and Sunday's."""
    published = date(2024, 9, 30)

    def days(text: str) -> list[date]:
        return [d.range.start for d in find_dates(text, published)]

    assert days("On Tuesday, two years to the day, families will gather there again.") == []
    assert days("On Sunday, talks will resume, officials said.") == []
    assert days("On Monday, the minister said talks will resume.") == [date(2024, 9, 30)]
    assert days("On Sunday the army shelled the town, which will be rebuilt.") == [
        date(2024, 9, 29)
    ]


def test_as_they_did_last_year_is_background() -> None:
    """ "Families will gather again, as they did last year": a like thing done before, which
    the story does not go on from (the next paragraphs are not last year's)."""
    [last] = find_dates("Families will gather again, as they did last year.", date(2024, 9, 30))
    assert last.background
    [told] = find_dates("Families gathered there last year.", date(2024, 9, 30))
    assert not told.background


def test_until_a_day_just_ahead_runs_from_the_report_to_it() -> None:
    """ "Schools are closed until 8 October", told on 4 October 2023: from the 4th to the
    coming 8th, not 8 October 2022; "He ruled until 1 December" is still last December's,
    and "fighting went on until 3 October" the day before."""
    published = date(2023, 10, 4)

    def spans(text: str) -> list[tuple[date, date]]:
        return [(d.range.start, d.range.end) for d in find_dates(text, published)]

    assert spans("Schools are closed until 8 October.") == [(published, date(2023, 10, 8))]
    assert spans("He ruled until 1 December.") == [(date(2022, 12, 1), date(2022, 12, 1))]
    assert spans("Fighting went on until 3 October.") == [(date(2023, 10, 3), date(2023, 10, 3))]


def test_the_saturday_is_the_saturday_of_the_days_told() -> None:
    """After "the slope gave way on 25 November", told on 5 December: "on the Saturday
    afternoon" is the 26th, the Saturday of that week; "on Saturday afternoon" is still
    the latest one."""
    told = DateRange(date(2022, 11, 25), date(2022, 11, 25), "day", "25 November")
    [the] = find_dates(
        "The first body was found on the Saturday afternoon.", date(2022, 12, 5), told
    )
    assert the.range.start == date(2022, 11, 26)
    [bare] = find_dates("The first body was found on Saturday afternoon.", date(2022, 12, 5), told)
    assert bare.range.start == date(2022, 12, 3)


def test_will_far_before_a_weekday_still_looks_ahead() -> None:
    """ "ECOWAS will hold an emergency summit on Niger in Abuja on Sunday": a plan, though
    "will" comes 50 characters before its day; "officials will investigate the attack that
    hit the market on Sunday" is still last Sunday's attack."""
    published = date(2023, 7, 28)
    text = "ECOWAS will hold an emergency summit on Niger in Abuja on Sunday, its chairman said."
    assert list(find_dates(text, published)) == []
    text = "Officials will investigate the attack that hit the market in Niamey on Sunday."
    assert [d.range.start for d in find_dates(text, published)] == [date(2023, 7, 23)]


def test_that_weekend_is_the_weekend_of_the_days_told() -> None:
    """After "the typhoon struck on Thursday 7 November", told two weeks later: "crews spent
    the weekend cutting trunks" and "that weekend" are the 9th and 10th; "over the weekend"
    is still the news's own last weekend."""
    told = DateRange(date(2013, 11, 7), date(2013, 11, 7), "day", "7 November")
    published = date(2013, 11, 20)

    def span(text: str) -> list[tuple[date, date]]:
        return [(d.range.start, d.range.end) for d in find_dates(text, published, told)]

    storm_weekend = [(date(2013, 11, 9), date(2013, 11, 10))]
    assert span("Crews spent the weekend cutting through trunks.") == storm_weekend
    assert span("That weekend crews cut through trunks.") == storm_weekend
    assert span("Over the weekend, crews cut trunks.") == [(date(2013, 11, 16), date(2013, 11, 17))]


def test_a_day_heading_that_fits_this_year_is_not_the_last_paragraphs_year() -> None:
    """A live blog's heading "Wednesday 28 September", read on 28 September 2022 after an
    entry on Hurricane Matthew of 2016: this year's Wednesday (28 September 2016 was one
    too, and the year the paragraph before told had won)."""
    told = DateRange(date(2016, 9, 20), date(2016, 9, 20), "day", "20 September 2016")
    [day] = find_dates("Wednesday 28 September", date(2022, 9, 28), told)
    assert day.range.start == date(2022, 9, 28)


def test_earlier_in_the_day_is_the_day_told_or_the_reports() -> None:
    """ "Key West reported flooding earlier in the day": after "overnight" (the night into
    the 28th) it is the 28th; after a paragraph that told only "August 2008", it is the
    report's own day, not nothing (the sentence took the last day carried)."""
    night = DateRange(date(2022, 9, 27), date(2022, 9, 28), "day", "overnight")
    text = "Key West reported flooding in its streets earlier in the day."
    [day] = find_dates(text, date(2022, 9, 28), night)
    assert (day.range.start, day.range.end) == (date(2022, 9, 28), date(2022, 9, 28))
    month = DateRange(date(2008, 8, 1), date(2008, 8, 31), "month", "August 2008")
    [day] = find_dates(text, date(2022, 9, 28), month)
    assert day.range.start == date(2022, 9, 28)


def test_an_event_named_by_its_year_is_that_year() -> None:
    """ "The 2010 earthquake destroyed much of Port-au-Prince", "the 1988 floods, which
    submerged Dhaka": those years (they had dated nothing, and the sentence took the day
    carried from before); "since the 2021 coup" is background."""
    published = date(2024, 8, 24)
    [quake] = find_dates("The 2010 earthquake destroyed much of Port-au-Prince.", published)
    assert (quake.range.start, quake.range.end) == (date(2010, 1, 1), date(2010, 12, 31))
    [floods] = find_dates("It recalled the 1988 floods, which submerged Dhaka.", published)
    assert floods.range.start.year == 1988
    [coup] = find_dates("Since the 2021 coup, the army has ruled by decree.", published)
    assert coup.background
    assert list(find_dates("The 2010 team won the cup.", published)) == []
    # the year after the event: "during the drought of 2023", "since the war of 1971"
    [drought] = find_dates("During the drought of 2023, taps ran dry.", published)
    assert (drought.range.start, drought.range.end) == (date(2023, 1, 1), date(2023, 12, 31))
    [war] = find_dates("Since the war of 1971, the two have not fought.", published)
    assert war.range.start.year == 1971 and war.background


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # years alone were no date unless "in" or "since" came before them
        ("Fighting raged from 2014 to 2016 in the east.", date(2014, 1, 1), date(2016, 12, 31)),
        ("the years between 1992 and 1995", date(1992, 1, 1), date(1995, 12, 31)),
        # a span still running reaches the report, not the year's end
        ("The dam was built from 2021 until 2023.", date(2021, 1, 1), PUBLISHED),
        # two days more than two months apart were two events, even when the words made
        # them one span and each named its year
        (
            "The canal stayed closed from 5 June 1967 until 5 June 1975.",
            date(1967, 6, 5),
            date(1975, 6, 5),
        ),
    ],
)
def test_spans_of_years(text: str, start: date, end: date) -> None:
    (found,) = find_dates(text, PUBLISHED)
    assert (found.range.start, found.range.end) == (start, end)


def test_two_days_years_apart_are_two_events() -> None:
    """Without "from … until" between them, two far days stay two dates."""
    text = "He was born on 3 June 1967 and died on 5 June 1975."
    assert [d.range.start for d in find_dates(text, PUBLISHED)] == [
        date(1967, 6, 3),
        date(1975, 6, 5),
    ]


def test_a_war_a_sentence_is_told_after_is_its_reference() -> None:
    """ "After the 1967 war": when the sentence's story starts from, marked as such, while
    "The 2010 earthquake destroyed Jacmel" is the event itself."""
    after, _ = find_dates("After the 1967 war, the canal closed in June 1967.", PUBLISHED)
    assert after.reference
    (itself,) = find_dates("The 2010 earthquake destroyed Jacmel.", PUBLISHED)
    assert not itself.reference


def test_last_year_is_the_reports_even_after_an_old_day() -> None:
    """ "In November last year", after a paragraph on 25 April 2015: the November before
    the report, not November 2015."""
    before = DateRange(date(2015, 4, 25), date(2015, 4, 25), "day", "April 25, 2015")
    (found,) = find_dates("In November last year, a quake killed six.", PUBLISHED, before)
    assert (found.range.start, found.range.end) == (date(2022, 11, 1), date(2022, 11, 30))


def test_the_day_a_record_is_counted_from_is_history() -> None:
    """ "the deadliest since April 25, 2015, when a quake killed 9,000": that quake's day,
    which the story does not go on from."""
    (found,) = find_dates(
        "It is the deadliest quake since April 25, 2015, when 9,000 died.", PUBLISHED
    )
    assert found.range.start == date(2015, 4, 25)
    assert found.background


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("In 1755, an earthquake and the fire after it levelled the lower town.", 1755),
        ("The old mill burned down in 1868.", 1868),
        ("Floods have come every spring since 1620.", 1620),
    ],
)
def test_years_before_1900_are_dates(text: str, year: int) -> None:
    (found,) = find_dates(text, PUBLISHED)
    assert found.range.start == date(year, 1, 1)


@pytest.mark.parametrize(
    "text",
    ["The convoy was due in 1600 GMT.", "Water reached in 1700 homes, officials said."],
)
def test_a_clock_or_a_count_is_no_old_year(text: str) -> None:
    assert not [d for d in find_dates(text, PUBLISHED) if d.range.precision == "year"]


def test_a_building_s_founding_year_is_background() -> None:
    """ "The mosque, built in 1602, lost its minaret": when it rose, which the story's next
    paragraphs do not go on from."""
    (built,) = find_dates("The mosque, built in 1602, lost its minaret.", PUBLISHED)
    assert built.background
    (founded,) = find_dates("The school, founded in 1998, was shelled.", PUBLISHED)
    assert founded.background


def test_by_daylight_on_a_weekday_goes_on_from_the_story_s_day() -> None:
    """Told on Tuesday 23 May about the night of Monday 8 May: "By daylight on Tuesday" in
    the next paragraph is the 9th, not the day of the report."""
    night = DateRange(date(2023, 5, 8), date(2023, 5, 9), "day", "Overnight")
    (found,) = find_dates("By daylight on Tuesday, crews were clearing the road.", PUBLISHED, night)
    assert found.range.start == date(2023, 5, 9)
    (today,) = find_dates("On Tuesday, crews were clearing the road.", PUBLISHED, night)
    assert today.range.start == PUBLISHED


def test_a_retrospective_come_to_this_week_names_this_year_s_days() -> None:
    """A report of Tuesday 23 May 2023 retelling June 2022: "On Tuesday, the town held a
    vigil; on 2 May, a court convicted the builder" is this May, the paragraph having come
    to the report's own week."""
    before = DateRange(date(2022, 6, 14), date(2022, 6, 14), "day", "14 June 2022")
    tuesday, may = find_dates(
        "On Tuesday, the town held a vigil. On 2 May, a court convicted the builder.",
        PUBLISHED,
        before,
        2022,
    )
    assert tuesday.range.start == PUBLISHED
    assert may.range.start == date(2023, 5, 2)


def test_a_paragraph_marking_the_anniversary_is_this_week_s() -> None:
    """A report of 23 May 2023 on a flood of 20 May 2013: "The town marked the anniversary
    early. On Sunday, hundreds gathered" is last Sunday, not the Sunday of 2013's week."""
    before = DateRange(date(2013, 5, 20), date(2013, 5, 20), "day", "20 May 2013")
    text = "The town marked the anniversary early. On Sunday, hundreds gathered at the memorial."
    (sunday,) = find_dates(text, PUBLISHED, before, 2013)
    assert sunday.range.start == date(2023, 5, 21)
    (story,) = find_dates("On Sunday, the river rose again.", PUBLISHED, before, 2013)
    assert story.range.start == date(2013, 5, 19)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Since late last week, lorries have brought water.", date(2023, 5, 18), PUBLISHED),
        ("Early last week the river rose.", date(2023, 5, 15), date(2023, 5, 17)),
        ("The dam was breached late last week.", date(2023, 5, 18), date(2023, 5, 21)),
    ],
)
def test_early_and_late_last_week(text: str, start: date, end: date) -> None:
    (found,) = find_dates(text, PUBLISHED)
    assert (found.range.start, found.range.end) == (start, end)


def test_a_day_of_mourning_is_declared_ahead() -> None:
    """ "Declared a day of mourning on Wednesday", told on Tuesday: tomorrow, not six days
    back; but after a story told up to Wednesday the 17th, "mourning from Thursday" is the
    18th, gone by."""
    (wednesday,) = find_dates("The governor declared a day of mourning on Wednesday.", PUBLISHED)
    assert wednesday.range.start == date(2023, 5, 24)
    told = DateRange(date(2023, 5, 17), date(2023, 5, 17), "day", "Wednesday")
    (thursday,) = find_dates(
        "The president declared three days of national mourning from Thursday.", PUBLISHED, told
    )
    assert thursday.range.start == date(2023, 5, 18)


def test_that_month_is_in_the_year_just_told() -> None:
    """ "Rebels took the port in 2011, and an assault that October failed": October 2011,
    not the latest October."""
    _, october = find_dates(
        "Rebels took the port in 2011, and an assault that October failed.", PUBLISHED
    )
    assert (october.range.start, october.range.end) == (date(2011, 10, 1), date(2011, 10, 31))


def test_a_day_kept_every_year_is_background() -> None:
    """ "They wanted buses for the annual march on 2 October": a day kept each year, which
    the next paragraph's "that evening" does not go on from."""
    (march,) = find_dates("They wanted buses for the annual march on 2 October.", PUBLISHED)
    assert march.background
    (feast,) = find_dates("Pilgrims gather every year on 15 August.", PUBLISHED)
    assert feast.background


def test_overnight_after_the_small_hours_is_the_night_into_that_day() -> None:
    """ "The fire broke out shortly before 1 a.m. on Wednesday. Overnight the blaze spread":
    the night into Wednesday, which the fire had already begun; after "10 p.m. on Monday",
    the night after Monday."""
    _, into = find_dates(
        "The fire broke out shortly before 1 a.m. on Wednesday. Overnight the blaze spread.",
        PUBLISHED,
    )
    assert (into.range.start, into.range.end) == (date(2023, 5, 16), date(2023, 5, 17))
    _, after = find_dates(
        "Shortly after 10 p.m. on Monday the dam broke. Overnight, water swept the valley.",
        PUBLISHED,
    )
    assert (after.range.start, after.range.end) == (date(2023, 5, 22), PUBLISHED)
