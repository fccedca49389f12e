"""Taking part in an event the article reported already ("X also attended the talks"), read in
process: who, which event, and what a refusal or a plan gives. Texts written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

NGID = "https://w3id.org/newsgraph/id/"
ROUND = ("Foreign Minister Ana Duarte of Portugal held a second round of talks with Canadian Trade Minister Paul Leclerc "
         "in Ottawa on Friday. ")


@pytest.fixture(scope="module")
def read(store):
    from newsgraph.graph.link.ingest import analyse

    def read(text: str, published: date = date(2024, 3, 4)):
        """(events the text reports, participations: (trigger, actors, the trigger of the event joined))."""
        analysis = analyse(store, text, published)
        tail = lambda iris: sorted(a.removeprefix(NGID) for a in iris)  # noqa: E731
        reported = [(e.kind, e.trigger.text, tail(e.actors), e.status and e.status.rsplit("/", 1)[-1].rsplit("#", 1)[-1])
                    for e in analysis.events if e.joins is None]
        joined = [(e.trigger.text, tail(e.actors), e.joins.trigger.text) for e in analysis.events if e.joins is not None]
        return reported, joined
    return read


@pytest.mark.parametrize("sentence, trigger, who", [
    ("Finance Minister Rui Costa also attended the talks, an official said.", "attended the talks", ["rui-costa"]),
    ("Finance Minister Rui Costa and Deputy Minister Lena Park joined the talks later in the day.", "joined the talks",
     ["lena-park", "rui-costa"]),
    ("Finance Minister Rui Costa took part in the negotiations.", "took part in the negotiations", ["rui-costa"]),
    ("Finance Minister Rui Costa was present at the meeting.", "was present at the meeting", ["rui-costa"]),
    ("Finance Minister Rui Costa sat in on the talks.", "sat in on the talks", ["rui-costa"]),
    ("Duarte was accompanied by Finance Minister Rui Costa.", "accompanied by", ["rui-costa"]),
    ("The talks, also attended by Finance Minister Rui Costa and Deputy Minister Lena Park, lasted two hours.",
     "also attended by", ["lena-park", "rui-costa"]),
    ("Leclerc said Finance Minister Rui Costa joined Duarte at the talks.", "joined Duarte at the talks", ["rui-costa"]),
])
def test_a_participant_joins_the_event_reported_before(read, sentence, trigger, who):
    reported, joined = read(ROUND + sentence)
    assert joined == [(trigger, who, "second round of talks")]
    # The reference is no event of its own.
    assert [e[0] for e in reported] == ["NegotiationRound"]


def test_the_reference_names_the_nearest_event_of_its_kind_and_tense(read):
    text = ROUND + "Prime Minister Luis Sousa will meet Leclerc next month. Finance Minister Rui Costa also attended the talks."
    assert read(text)[1] == [("attended the talks", ["rui-costa"], "second round of talks")]
    # "the meeting" is the meeting, the nearest one; "will attend" is the meeting to come, not the round.
    text = ROUND + "Leclerc met Prime Minister Luis Sousa on Saturday. Finance Minister Rui Costa also attended the meeting."
    assert read(text)[1] == [("attended the meeting", ["rui-costa"], "met")]
    text = ROUND + "Prime Minister Luis Sousa will meet Leclerc on Tuesday. Finance Minister Rui Costa is expected to attend the meeting."
    assert read(text)[1] == [("attend the meeting", ["rui-costa"], "meet")]


@pytest.mark.parametrize("sentence", [
    "Finance Minister Rui Costa did not attend the talks.",
    "Finance Minister Rui Costa skipped the talks.",
    "Finance Minister Rui Costa declined to join the talks.",
    "Finance Minister Rui Costa, who had been expected to attend, never joined the talks.",
    "Finance Minister Rui Costa was not present at the meeting.",
])
def test_a_refusal_is_no_participation_and_no_event(read, sentence):
    reported, joined = read(ROUND + sentence)
    assert joined == [] and [e[0] for e in reported] == ["NegotiationRound"]


def test_a_planned_participation_is_never_a_certain_one(read):
    # In an event that took place: a participation still to come is not in it, but a report of an
    # event to come, scheduled.
    reported, joined = read(ROUND + "Finance Minister Rui Costa is expected to attend the talks.")
    assert joined == [] and ("Negotiation", "attend the talks", ["rui-costa"], "EventScheduled") in reported
    # In an event to come: the participant joins it, as the event is scheduled (the sentence's
    # hedge gives the statement its certainty, as for any claim).
    text = ("Foreign Minister Ana Duarte will hold talks with Canadian Trade Minister Paul Leclerc in Ottawa on March 8. "
            "Finance Minister Rui Costa may join the talks.")
    reported, joined = read(text)
    assert joined == [("join the talks", ["rui-costa"], "hold talks")]


def test_a_reference_with_no_event_before_it_is_a_report_of_its_own(read):
    reported, joined = read("Finance Minister Rui Costa also attended the talks in Ottawa on Friday, an official said.")
    assert joined == [] and reported == [("Negotiation", "attended the talks", ["rui-costa"], "EventTookPlace")]
    reported, _ = read("Finance Minister Rui Costa attended the third round of talks in Ottawa.")
    assert [e[:2] for e in reported] == [("NegotiationRound", "attended the third round of talks")]
    reported, _ = read("Finance Minister Rui Costa will attend the summit in Ottawa next week.")
    assert reported == [("Summit", "attend the summit", ["rui-costa"], "EventScheduled")]


def test_no_participation_without_an_event_or_a_participant(read):
    assert read("Students who attended the school said so.")[1] == []
    assert read(ROUND + "They attended the talks.")[1] == []  # no one named
    assert read(ROUND + "Leclerc said the school was attended by Finance Minister Rui Costa.")[1] == []
    # The verb is not the named person's: "X, who met Y last week, attended" takes neither.
    assert read(ROUND + "Rui Costa, who met Duarte last week, also took part in the negotiations.")[1] == []
