"""Resolve the relative dates of news text ("the 29th", "next month", "last year") against the
publication date, keeping the original expression beside the value."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_ORDINAL_DAY = re.compile(r"\bthe (?:morning |evening |afternoon |night )?(?:of )?(?:the )?(\d{1,2})(?:st|nd|rd|th)\b", re.I)


@dataclass(frozen=True)
class ResolvedDate:
    """A calendar value with its XSD datatype: date, gYearMonth or gYear."""

    datatype: str  # "date" | "gYearMonth" | "gYear" | "interval" (a week: first and last days only)
    value: str
    begin: date | None = None  # a part of the period ("mid-June", "last week"): its first day
    end: date | None = None  # and its last

    @property
    def first_day(self) -> date:
        if self.begin is not None:
            return self.begin
        if self.datatype == "date":
            return date.fromisoformat(self.value)
        if self.datatype == "gYearMonth":
            return date.fromisoformat(self.value + "-01")
        return date(int(self.value), 1, 1)

    @property
    def last_day(self) -> date:
        if self.end is not None:
            return self.end
        if self.datatype == "date":
            return self.first_day
        if self.datatype == "gYearMonth":
            start = self.first_day
            return start.replace(day=calendar.monthrange(start.year, start.month)[1])
        return date(int(self.value), 12, 31)


def resolve(expression: str, published: date) -> ResolvedDate | None:
    """The date an expression refers to, read as written on `published`; None if it names none.

    A bare day of the month ("the 28th") is the nearest such day to the publication date, so
    "the 30th" written on 28 May is 30 May and "the 2nd" written on 30 May is 2 June.
    """
    text = expression.lower()
    part = _part_of_period(text, published)
    if part is not None:
        return part
    ago = _AGO.search(text)
    if ago:
        return _ago(_NUMBER_WORDS.get(ago.group(1)) or int(ago.group(1)), ago.group(2), published)
    day = _ORDINAL_DAY.search(expression)
    if day:
        return ResolvedDate("date", _nearest_day_of_month(int(day.group(1)), published).isoformat())
    for number, name in enumerate(calendar.day_name):
        if re.search(rf"\b{name.lower()}\b", text):
            # The nearest such weekday: news says "on Thursday" of the days around its publication.
            offset = (number - published.weekday()) % 7
            return ResolvedDate("date", (published + timedelta(days=offset if offset <= 3 else offset - 7)).isoformat())
    if re.search(r"\btoday\b|\b(?:later|earlier) in the day\b", text):
        return ResolvedDate("date", published.isoformat())
    if re.search(r"\byesterday\b", text):
        return ResolvedDate("date", (published - timedelta(days=1)).isoformat())
    if re.search(r"\btomorrow\b", text):
        return ResolvedDate("date", (published + timedelta(days=1)).isoformat())
    for word, step in (("last", -1), ("this", 0), ("next", 1)):
        if re.search(rf"\b{word} month\b", text):
            month_index = published.year * 12 + published.month - 1 + step
            return ResolvedDate("gYearMonth", f"{month_index // 12:04d}-{month_index % 12 + 1:02d}")
        if re.search(rf"\b{word} year\b", text):
            return ResolvedDate("gYear", f"{published.year + step:04d}")
    for name, number in _MONTHS.items():
        if re.search(rf"\b{name}\b", text):
            stated = re.search(r"\b((?:19|20)\d\d)\b", text)
            if stated:
                return ResolvedDate("gYearMonth", f"{stated.group(1)}-{number:02d}")
            year = published.year
            # A month named without a year is the nearest one: "December" written in January is last December.
            if number - published.month > 6:
                year -= 1
            elif published.month - number > 6:
                year += 1
            return ResolvedDate("gYearMonth", f"{year:04d}-{number:02d}")
    year = re.fullmatch(r"(?:(?:in|since|by|until|from)\s+)?((?:19|20)\d\d)", text.strip())
    if year:
        return ResolvedDate("gYear", year.group(1))
    return None


_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_AGO = re.compile(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(day|week|month|year)s?\s+ago\b")


def _ago(count: int, unit: str, published: date) -> ResolvedDate:
    """"two months ago": as precise as its unit (a day, the week as an interval, a month, a year)."""
    if unit == "day":
        return ResolvedDate("date", (published - timedelta(days=count)).isoformat())
    if unit == "week":
        day = published - timedelta(weeks=count)
        monday = day - timedelta(days=day.weekday())
        return ResolvedDate("interval", monday.isoformat(), monday, monday + timedelta(days=6))
    if unit == "month":
        index = published.year * 12 + published.month - 1 - count
        return ResolvedDate("gYearMonth", f"{index // 12:04d}-{index % 12 + 1:02d}")
    return ResolvedDate("gYear", f"{published.year - count:04d}")


def _nearest_day_of_month(day: int, published: date) -> date:
    candidates = []
    for month_offset in (-1, 0, 1):
        month_index = published.year * 12 + published.month - 1 + month_offset
        year, month = divmod(month_index, 12)
        month += 1
        if day <= calendar.monthrange(year, month)[1]:
            candidates.append(date(year, month, day))
    return min(candidates, key=lambda candidate: abs((candidate - published).days))


_PART = re.compile(r"\b(early|mid|middle of|late|end of|the end of|beginning of|the beginning of)[-\s]+(?:the\s+)?"
                   r"(next month|this month|last month|next year|this year|last year|" + "|".join(_MONTHS) + r")\b")
_WEEK = re.compile(r"\b(last|this|next|earlier this|later this)\s+week\b")
_LATER = re.compile(r"\b(earlier|later)\s+this\s+(month|year)\b")
# The days of a month that "early", "mid" and "late" cover: thirds, as news uses them.
_THIRDS = {"early": (1, 10), "beginning of": (1, 10), "the beginning of": (1, 10), "mid": (11, 20), "middle of": (11, 20),
           "late": (21, 31), "end of": (21, 31), "the end of": (21, 31)}


def _month_of(word: str, published: date) -> tuple[int, int] | None:
    for name, step in (("last month", -1), ("this month", 0), ("next month", 1)):
        if word == name:
            index = published.year * 12 + published.month - 1 + step
            return index // 12, index % 12 + 1
    if word in _MONTHS:
        number, year = _MONTHS[word], published.year
        if number - published.month > 6:
            year -= 1
        elif published.month - number > 6:
            year += 1
        return year, number
    return None


def _part_of_period(text: str, published: date) -> ResolvedDate | None:
    """"mid-June", "early next month", "late this year", "last week", "later this month": the
    period with its first and last days."""
    found = _PART.search(text)
    if found:
        part, period = found.group(1), found.group(2)
        if period.endswith("year"):
            year = published.year + {"last": -1, "this": 0, "next": 1}[period.split()[0]]
            months = {"early": (1, 4), "beginning of": (1, 4), "the beginning of": (1, 4), "mid": (5, 8), "middle of": (5, 8)}.get(part, (9, 12))
            return ResolvedDate("gYear", f"{year:04d}", date(year, months[0], 1),
                                date(year, months[1], calendar.monthrange(year, months[1])[1]))
        year, month = _month_of(period, published)
        first, last = _THIRDS[part]
        last = min(last, calendar.monthrange(year, month)[1])
        return ResolvedDate("gYearMonth", f"{year:04d}-{month:02d}", date(year, month, first), date(year, month, last))
    found = _WEEK.search(text)
    if found:
        monday = published - timedelta(days=published.weekday())
        step = {"last": -7, "this": 0, "next": 7, "earlier this": 0, "later this": 0}[found.group(1)]
        begin = monday + timedelta(days=step)
        if found.group(1) == "earlier this":
            return ResolvedDate("interval", begin.isoformat(), begin, published)
        if found.group(1) == "later this":
            return ResolvedDate("interval", published.isoformat(), published, begin + timedelta(days=6))
        return ResolvedDate("interval", begin.isoformat(), begin, begin + timedelta(days=6))
    found = _LATER.search(text)
    if found:
        if found.group(2) == "month":
            end = published.replace(day=calendar.monthrange(published.year, published.month)[1])
            start = published.replace(day=1)
            value, datatype = f"{published.year:04d}-{published.month:02d}", "gYearMonth"
        else:
            start, end = date(published.year, 1, 1), date(published.year, 12, 31)
            value, datatype = f"{published.year:04d}", "gYear"
        return ResolvedDate(datatype, value, start, published) if found.group(1) == "earlier" else ResolvedDate(datatype, value, published, end)
    return None
