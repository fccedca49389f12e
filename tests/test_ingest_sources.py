"""Who a sentence's claims come from when the speaker stands before an inserted clause, when the
words after a speech verb are its hearers, and when the sources are a bare plural; and the
events of such sentences: a definite "the meeting" is the meeting reported before, an
organisation that names another event is not a participant, and the country after a place the
gazetteer does not know is the place. Read in process; texts written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

NGID = "https://w3id.org/newsgraph/id/"


@pytest.fixture(scope="module")
def read(store):
    from newsgraph.graph.link.ingest import analyse

    def read(text: str, published: date = date(2024, 3, 4)):
        analysis = analyse(store, text, published)
        return analysis, [analysis.attributions[s.begin] for s in analysis.sentences]
    return read


def _tail(iri):
    return iri and iri.removeprefix(NGID)


@pytest.mark.parametrize("sentence, speaker", [
    ("Trade Minister Paul Leclerc, who met Foreign Minister Ana Duarte for an hour, told reporters the talks went well.",
     "paul-leclerc"),
    ("Trade Minister Paul Leclerc, Canada's chief negotiator, said the talks went well.", "paul-leclerc"),
    ("Trade Minister Paul Leclerc, the chief negotiator, who met Ana Duarte on Friday, said the talks went well.",
     "paul-leclerc"),
])
def test_the_speaker_before_an_inserted_clause_is_the_source(read, sentence, speaker):
    _, said = read(sentence)
    assert _tail(said[0].source) == speaker
    assert said[0].cue.endswith(("told", "said"))


def test_the_hearers_after_told_are_no_source(read):
    # ", told reporters ... Japanese ..." named the country after "told" as the source.
    _, said = read("Leclerc arrived on Friday, told reporters that Canadian exporters were worried.")
    assert said[0].source != NGID + "canada"
    # A source after "said" still is one: "..., said Trade Minister Paul Leclerc".
    _, said = read("The talks went well, said Trade Minister Paul Leclerc.")
    assert _tail(said[0].source) == "paul-leclerc"


@pytest.mark.parametrize("sentence, unnamed", [
    ("The economy could shrink next year, economists said.", "economists"),
    ("Lawmakers said the bill would pass.", "Lawmakers"),
    ("The plant will close, people close to the company said.", "people close to the company"),
])
def test_bare_plural_and_unnamed_sources(read, sentence, unnamed):
    _, said = read(sentence)
    assert said[0].source is None
    assert said[0].unnamed == unnamed


def test_the_meeting_named_again_is_the_meeting_reported_before(read):
    analysis, _ = read("Trade Minister Paul Leclerc met Foreign Minister Ana Duarte in Ottawa on Friday. "
                       "Duarte, who also met Finance Minister Rui Costa, spoke to reporters after the meeting.")
    meetings = [(e.trigger.text, sorted(_tail(a) for a in e.actors)) for e in analysis.events if e.kind == "Meeting"]
    assert meetings == [("met", ["ana-duarte", "paul-leclerc"]), ("met", ["ana-duarte", "rui-costa"])]


def test_an_organisation_naming_another_event_is_no_participant_and_the_country_is_the_place(read):
    analysis, _ = read("Prime Minister Luis Sousa will meet Trade Minister Paul Leclerc on the sidelines of the "
                       "Group of Seven summit in Kananaskis, Canada, next month.")
    by_kind = {e.kind: e for e in analysis.events}
    assert sorted(_tail(a) for a in by_kind["Meeting"].actors) == ["luis-sousa", "paul-leclerc"]
    assert _tail(by_kind["Meeting"].place) == "canada"
    # The summit is the Group of Seven's.
    assert "g7" in {_tail(a) for a in by_kind["Summit"].actors}


def test_where_a_meeting_is_held_is_no_participant_and_an_announcer_is_the_subject(read):
    analysis, _ = read("Trade Minister Paul Leclerc announced the accord after a meeting at the White House with "
                       "Foreign Minister Ana Duarte.")
    by_kind = {e.kind: e for e in analysis.events}
    assert sorted(_tail(a) for a in by_kind["Meeting"].actors) == ["ana-duarte", "paul-leclerc"]
    assert [_tail(a) for a in by_kind["Announcement"].actors] == ["paul-leclerc"]


def test_a_period_bound_is_no_event_date_and_a_planned_trip_is_the_last_persons(read):
    analysis, _ = read("Trade Minister Paul Leclerc left for Ottawa on Monday on his third trip to Canada since April. "
                       "He is expected to visit again in early June.", published=date(2024, 5, 8))
    trips = [(e.kind, e.when and e.when.text, [_tail(a) for a in e.actors]) for e in analysis.events]
    assert ("Visit", "on Monday", ["paul-leclerc"]) in trips
    assert ("Departure", "on Monday", ["paul-leclerc"]) in trips
    assert ("Visit", "early June", ["paul-leclerc"]) in trips
    assert not [t for t in trips if t[1] and t[1].startswith("since")]


def test_an_organisation_and_a_person_named_in_apposition(read):
    analysis, said = read("Corvana, Portugal's biggest business lobby, welcomed the accord. Its chairman, Tomas Ferreira, "
                          "said in a statement that exporters were relieved.")
    found = {(f.span.text, _tail(f.iri), f.kind) for f in analysis.found}
    assert ("Corvana", "corvana", "organisation") in found
    assert ("Tomas Ferreira", "tomas-ferreira", "person") in found
    assert _tail(said[1].source) == "tomas-ferreira"


def test_the_events_of_a_report_of_speech_and_the_day_a_measure_is_decided(read):
    analysis, _ = read("Trade Minister Paul Leclerc told CBC Radio that Portugal had agreed to buy Canadian wheat. "
                       "Prime Minister Luis Sousa signed an order on Monday imposing a 10% tariff on steel, effective March 20. "
                       "Canada's chief negotiator Paul Leclerc, 58, will travel to Lisbon next week. He met Sousa twice in February.",
                       published=date(2024, 3, 6))
    events = {e.kind: e for e in analysis.events}
    # The speaker and the hearer did not agree: Portugal did.
    assert [_tail(a) for a in events["Agreement"].actors] == ["portugal"]
    assert events["Agreement"].place is None  # "Canadian wheat" is no place
    assert events["TariffDecision"].when.text == "on Monday"
    trips = [e for e in analysis.events if e.kind == "Visit"]
    assert [_tail(a) for a in trips[0].actors] == ["paul-leclerc"]  # not Canada's
    meeting = next(e for e in analysis.events if e.kind == "Meeting")
    assert sorted(_tail(a) for a in meeting.actors) == ["luis-sousa", "paul-leclerc"]  # "He" is Leclerc
