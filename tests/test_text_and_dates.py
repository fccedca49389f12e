"""Sentence splitting and relative dates, the two pieces of text handling the build relies on."""

from __future__ import annotations

from datetime import date

import pytest
from newsgraph.graph.model.dates import resolve
from newsgraph.graph.model.text import find_quote, split_sentences


def test_seed_article_has_twelve_sentences(article_text):
    sentences = split_sentences(article_text)
    assert len(sentences) == 12
    assert sentences[1].text.endswith("during tariff negotiations with the U.S.")
    assert sentences[2].text.startswith("It is expected that")
    assert "U.S. Treasury Secretary Scott Vessen" in sentences[10].text
    assert sentences[10].text.endswith("in Washington, D.C.")
    for sentence in sentences:
        assert article_text[sentence.begin:sentence.end] == sentence.text


def test_abbreviation_before_a_name_does_not_split():
    text = "He met U.S. Treasury Secretary Scott Bessent. It went well."
    assert [s.text for s in split_sentences(text)] == [
        "He met U.S. Treasury Secretary Scott Bessent.", "It went well."]


def test_quote_must_be_unique_or_numbered():
    text = "the 10% and the 10% again."
    (sentence,) = split_sentences(text)
    with pytest.raises(ValueError, match="more than once"):
        find_quote(text, sentence, "10%")
    assert find_quote(text, sentence, "10%", occurrence=2).begin == 16


@pytest.mark.parametrize("expression, published, expected", [
    ("the morning of the 28th", date(2025, 5, 28), ("date", "2025-05-28")),
    ("on the 29th", date(2025, 5, 28), ("date", "2025-05-29")),
    ("on the 30th (local time)", date(2025, 5, 28), ("date", "2025-05-30")),
    ("the 2nd", date(2025, 5, 30), ("date", "2025-06-02")),
    ("the 31st", date(2025, 6, 2), ("date", "2025-05-31")),
    ("next month", date(2025, 5, 28), ("gYearMonth", "2025-06")),
    ("next month", date(2025, 12, 3), ("gYearMonth", "2026-01")),
    ("last year", date(2025, 5, 28), ("gYear", "2024")),
    ("yesterday", date(2025, 3, 1), ("date", "2025-02-28")),
    ("in December", date(2026, 1, 10), ("gYearMonth", "2025-12")),
])
def test_relative_dates(expression, published, expected):
    resolved = resolve(expression, published)
    assert (resolved.datatype, resolved.value) == expected


def test_month_ranges():
    resolved = resolve("next month", date(2025, 5, 28))
    assert (resolved.first_day, resolved.last_day) == (date(2025, 6, 1), date(2025, 6, 30))
    assert resolve("about 30%", date(2025, 5, 28)) is None


@pytest.mark.parametrize("expression, datatype, value, first, last", [
    ("two months ago", "gYearMonth", "2019-09", date(2019, 9, 1), date(2019, 9, 30)),
    ("5 days ago", "date", "2019-11-15", date(2019, 11, 15), date(2019, 11, 15)),
    ("a week ago", "interval", "2019-11-11", date(2019, 11, 11), date(2019, 11, 17)),
    ("three years ago", "gYear", "2016", date(2016, 1, 1), date(2016, 12, 31)),
    ("eleven months ago", "gYearMonth", "2018-12", date(2018, 12, 1), date(2018, 12, 31)),
])
def test_so_long_ago_as_precise_as_its_unit(expression, datatype, value, first, last):
    resolved = resolve(expression, date(2019, 11, 20))  # a Wednesday
    assert (resolved.datatype, resolved.value, resolved.first_day, resolved.last_day) == (datatype, value, first, last)


def test_the_year_before_counts_from_the_year_named_last():
    from newsgraph.graph.link.ingest import find_dates

    text = ("Emissions fell last year compared with the year before. In 2015 the plant opened; a year later it closed. "
            "Sales rose from the previous year.")
    found = [(span.text, value.value) for span, value in find_dates(text, date(2020, 1, 10))]
    assert found == [("last year", "2019"), ("the year before", "2018"), ("In 2015", "2015"), ("a year later", "2016"),
                     ("the previous year", "2015")]
