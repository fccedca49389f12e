"""Events as a reader of a report understands them: what did not happen, who "he" and "the two
sides" are, which event a date or a place belongs to, and a reference to an event reported before.
Texts written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

NGID = "https://w3id.org/newsgraph/id/"


@pytest.fixture(scope="module")
def events(store):
    from newsgraph.graph.link.ingest import analyse

    def events(text: str, published: date = date(2024, 3, 5)):
        """(kind, trigger, actors, date, place, status) of each event the text reports."""
        analysis = analyse(store, text, published)
        dates = dict(analysis.dates)
        tail = lambda iri: iri and iri.removeprefix(NGID).rsplit("/", 1)[-1].rsplit("#", 1)[-1]  # noqa: E731
        return [(e.kind, e.trigger.text, sorted(tail(a) for a in e.actors),
                 dates[e.when].value if e.when is not None else None, tail(e.place), tail(e.status))
                for e in analysis.events if e.joins is None]
    return events


@pytest.mark.parametrize("sentence", [
    "The two ministers failed to reach an agreement on Friday.",
    "The talks ended on Friday without a deal.",
    "The negotiators stopped short of an agreement.",
])
def test_what_did_not_come_about_is_no_event(events, sentence):
    assert [e[0] for e in events(sentence)] in ([], ["Negotiation"])


def test_he_after_a_speech_verb_is_the_speaker(events):
    found = events("Foreign Minister Ana Duarte of Portugal said on Saturday she had held a second round of talks "
                   "with Canadian Trade Minister Paul Leclerc and Finance Minister Rui Costa.")
    assert found[0][:3] == ("NegotiationRound", "second round of talks", ["ana-duarte", "paul-leclerc", "rui-costa"])


def test_a_round_without_a_number_is_a_round(events):
    found = events("Portugal and Canada plan to hold another round of talks in April, an official said.")
    assert found == [("NegotiationRound", "another round of talks", ["canada", "portugal"], "2024-04", None, "EventScheduled")]
    found = events("In the previous round held on Feb. 23, officials discussed fishing quotas.")
    assert found == [("NegotiationRound", "previous round", [], "2024-02-23", None, "EventTookPlace")]


def test_a_reference_is_the_event_before_and_dates_it(events):
    text = ("Foreign Minister Ana Duarte of Portugal held a second round of talks with Canadian Trade Minister Paul Leclerc "
            "in Ottawa. Duarte told reporters after the two-hour meeting on Friday that progress had been made.")
    found = events(text)
    # One event: "the two-hour meeting" is the round, and its Friday is the round's day.
    assert found == [("NegotiationRound", "second round of talks", ["ana-duarte", "paul-leclerc"], "2024-03-01", "ottawa",
                      "EventTookPlace")]
    # Not a new event: "the next meeting" is one.
    assert [e[0] for e in events(text + " The next meeting will be held in May.")] == ["NegotiationRound", "Meeting"]


def test_a_date_or_place_after_another_event_is_that_events(events):
    found = events("Portugal and Canada will hold another round of talks in mid-April, before a summit in Madrid.")
    assert found[0][:5] == ("NegotiationRound", "another round of talks", ["canada", "portugal"], "2024-04", None)
    assert found[1][0] == "Summit" and found[1][4] == "madrid"
    # But a meeting held at another event is where that event is.
    found = events("The two leaders may hold a meeting at the NATO summit in Madrid from July 9 to 11.")
    meeting = next(e for e in found if e[0] == "Meeting")
    assert meeting[3:5] == ("2024-07-09", "madrid")


def test_the_two_countries_and_the_two_leaders(events):
    text = "Portugal and Canada have traded accusations for weeks. The two countries will hold talks in April."
    assert events(text)[-1][:3] == ("Meeting", "hold talks", ["canada", "portugal"])
    text = ("Prime Minister Luis Sousa spoke to Canadian Prime Minister Mark Carney on Monday. "
            "The two leaders agreed to meet in Lisbon in May.")
    assert ["luis-sousa", "mark-carney"] in [e[2] for e in events(text) if e[0] == "Agreement"]
    # Three countries named: which two is not known, so none.
    text = "Portugal, Spain and Canada have traded accusations for weeks. The two countries will hold talks in April."
    assert events(text)[-1][:3] == ("Meeting", "hold talks", [])


def test_a_country_in_a_persons_apposition_is_no_participant(events):
    found = events("Ana Duarte, Portugal's foreign minister, is set to leave for Ottawa on Thursday.")
    assert found == [("Departure", "leave for", ["ana-duarte"], "2024-03-07", "ottawa", "EventScheduled")]


def test_a_possibility_is_neither_scheduled_nor_done(events):
    found = events("Canadian officials said Ottawa could impose tariffs on Portuguese wine.")
    assert found[0][0] == "TariffDecision" and found[0][5] is None


@pytest.mark.parametrize("words, first, last", [
    ("from June 15 to 17", "2024-06-15", "2024-06-17"),
    ("June 15-17", "2024-06-15", "2024-06-17"),
    ("15-17 June", "2024-06-15", "2024-06-17"),
    ("between June 15 and June 17, 2025", "2025-06-15", "2025-06-17"),
])
def test_a_span_of_days_is_an_interval(words, first, last):
    from newsgraph.graph.link.ingest import find_dates

    [(span, value)] = find_dates(f"The summit is to be held {words} in Madrid.", date(2024, 3, 5))
    assert (span.text, value.datatype, value.first_day.isoformat(), value.last_day.isoformat()) == (words, "interval", first, last)


def test_a_country_in_a_compound_word_is_a_modifier_but_not_when_it_leads(events):
    found = events("Officials said Portugal had offered to buy U.S.-made aircraft.")
    assert found[0][:3] == ("Proposal", "offered", ["portugal"])
    found = events("Canada and Portugal held U.S.-led talks in Ottawa on Monday.")
    assert found[0][2] == ["canada", "portugal", "united-states"]


@pytest.mark.parametrize("sentence", [
    "The coach said his transfer has met the Alabama High School Athletic Association guidelines.",
    "Chipmakers met the new export control requirements last year.",
    "The firm filed a petition with the state Election Commission on Monday.",
    "Residents gathered for the annual Town Meeting Day in Vermont.",
])
def test_a_measure_met_and_a_word_of_a_name_are_no_events(events, sentence):
    assert events(sentence) == []


def test_a_meeting_with_people_about_targets_is_still_a_meeting(events):
    found = events("Finance Minister Rui Costa met with Trade Minister Paul Leclerc on Friday about the deficit targets.")
    assert [e[:3] for e in found] == [("Meeting", "met", ["paul-leclerc", "rui-costa"])]


def test_the_first_word_on_an_event_is_the_event_and_its_verb_gives_the_status(events):
    # No event before it: "The talks" is the report's own, and "ended" says they took place.
    assert events("The talks between Portugal and Canada ended on Monday, a Portuguese official said.") == [
        ("Negotiation", "talks", ["canada", "portugal"], "2024-03-04", None, "EventTookPlace")]
    assert events("The meeting between Finance Minister Rui Costa and Trade Minister Paul Leclerc lasted 70 minutes.")[0][2:] == (
        ["paul-leclerc", "rui-costa"], None, None, "EventTookPlace")
    # After the meeting is reported, "the meeting" is that one, not a second.
    assert [e[0] for e in events("Finance Minister Rui Costa met Trade Minister Paul Leclerc on Monday. The meeting lasted 70 minutes.")] == [
        "Meeting"]


def test_would_points_a_weekday_forward(events):
    # Published on Tuesday 5 March 2024: "would take place on Saturday" is the coming Saturday.
    assert events("Finance Minister Rui Costa said the meeting with Paul Leclerc would take place on Saturday.")[0][3:] == (
        "2024-03-09", None, "EventScheduled")


def test_a_month_without_its_year_goes_the_way_its_verb_says(events):
    # Published in March: "signed in May" is last May, "will meet in February" next February.
    assert events("Portugal signed the trade agreement in May.")[0][3] == "2023-05"
    assert events("Portugal and Canada will meet again in February.")[0][3] == "2025-02"


@pytest.mark.parametrize("sentence", [
    "President Ana Duarte threatened to impose tariffs of 50% on Canadian goods.",
    "Portugal wants to reach a deal with Canada before July 9.",
    "Canada urged Portugal to sign the agreement.",
])
def test_a_threat_a_wish_or_an_urging_is_no_event(events, sentence):
    assert events(sentence) == []


def test_a_country_before_its_verb_is_the_subject_and_a_place_after_an_infinitive_is_the_infinitives(events):
    assert events("Portugal agreed to invest $55 billion in Canada.") == [
        ("Agreement", "agreed", ["portugal"], None, None, "EventTookPlace")]
    assert [e[:3] for e in events("Portugal agreed with Canada to lower tariffs on wine.") if e[0] == "Agreement"] == [
        ("Agreement", "agreed", ["canada", "portugal"])]
    # A meeting keeps its place: "met to discuss trade in Ottawa" met in Ottawa.
    assert events("Finance Minister Rui Costa and Trade Minister Paul Leclerc met to discuss trade in Ottawa.")[0][4] == "ottawa"


def test_a_country_that_modifies_a_noun_is_no_place_and_a_party_stays_a_party_where_it_meets(events):
    assert events("Portugal has proposed investing in Canadian shipbuilding and in U.S. ports.")[0][2:5] == (["portugal"], None, None)
    assert events("Portugal and Canada signed an agreement in Portugal last week.")[0][2:5] == (
        ["canada", "portugal"], "2024-02-26", "portugal")


def test_what_a_tariff_falls_on_and_a_titles_department_take_no_part(events):
    assert events("Portugal imposed tariffs on wine from Canada and Chile on Monday.")[0][:3] == (
        "TariffDecision", "imposed tariffs", ["portugal"])
    # "Finance Ministry Secretary Rui Costa": the person meets, not the ministry of his title.
    found = events("Portuguese Finance Ministry Secretary Rui Costa and Trade Minister Paul Leclerc held talks in Ottawa on Monday.")
    assert [e[2] for e in found] == [["paul-leclerc", "rui-costa"]]


def test_an_announcement_is_dated_by_the_day_it_was_announced(events):
    assert events("The European Union announced on Monday it would suspend its countermeasures.")[0][3] == "2024-03-04"
    # What is announced is not dated by the announcement's day.
    assert [e[:4] for e in events("Canada announced on Monday that it had signed an agreement with Portugal.")
            if e[0] == "Agreement"] == [("Agreement", "signed", ["canada", "portugal"], None)]


def test_a_month_goes_the_way_of_its_own_sentences_verb(events):
    # "stopped" is the sentence before's: "the end of May" written in March is this May; and
    # "planned for" looks ahead.
    found = events("Canada stopped the talks on Monday. A summit of the G7 is at the end of May.")
    assert [e[3] for e in found if e[0] == "Summit"] == ["2024-05"]
    assert [e[3] for e in events("A summit of the G7 is planned in May.")] == ["2024-05"]
