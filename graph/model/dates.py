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

    datatype: str  # "date" | "gYearMonth" | "gYear"
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
    day = _ORDINAL_DAY.search(expression)
    if day:
        return ResolvedDate("date", _nearest_day_of_month(int(day.group(1)), published).isoformat())
    for number, name in enumerate(calendar.day_name):
        if re.search(rf"\b{name.lower()}\b", text):
            # The nearest such weekday: news says "on Thursday" of the days around its publication.
            offset = (number - published.weekday()) % 7
            return ResolvedDate("date", (published + timedelta(days=offset if offset <= 3 else offset - 7)).isoformat())
    if re.search(r"\btoday\b", text):
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
            year = published.year
            # A month named without a year is the nearest one: "December" written in January is last December.
            if number - published.month > 6:
                year -= 1
            elif published.month - number > 6:
                year += 1
            return ResolvedDate("gYearMonth", f"{year:04d}-{number:02d}")
    return None


def _nearest_day_of_month(day: int, published: date) -> date:
    candidates = []
    for month_offset in (-1, 0, 1):
        month_index = published.year * 12 + published.month - 1 + month_offset
        year, month = divmod(month_index, 12)
        month += 1
        if day <= calendar.monthrange(year, month)[1]:
            candidates.append(date(year, month, day))
    return min(candidates, key=lambda candidate: abs((candidate - published).days))
