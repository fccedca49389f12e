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
    ("Trade Minister Paul Leclerc, speaking on public radio, said the talks went well.", "paul-leclerc"),
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


@pytest.mark.parametrize("sentence, source, unnamed", [
    ("The economy could shrink next year, economists said.", None, "economists"),
    ("Lawmakers said the bill would pass.", None, "Lawmakers"),
    ("The plant will close, people close to the company said.", None, "people close to the company"),
    ("Lisbon is weighing an offer, sources familiar with the matter said on Saturday.", None, "sources familiar with the matter"),
    # speech in the present tense
    ("Analysts at Halvard Securities estimate the levy could cut growth by half a point.", "halvard-securities", None),
    ("Portugal expects the accord to hold.", "portugal", None),
])
def test_bare_plurals_sources_that_describe_themselves_and_speech_in_the_present(read, sentence, source, unnamed):
    _, said = read(sentence)
    assert (_tail(said[0].source), said[0].unnamed) == (source, unnamed)


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


def test_a_date_in_another_events_clause_is_that_events(read):
    analysis, _ = read("After unveiling the Corsa two months ago, Vendra Motor has taken the covers off the Astra.",
                       published=date(2019, 11, 20))
    when = {e.trigger.text: e.when and e.when.text for e in analysis.events}
    assert when == {"unveiling": "two months ago", "taken the covers off": None}


def test_a_one_word_name_that_acts_is_an_agent_of_unknown_kind(read):
    analysis, _ = read("Yesterday, Corvex announced new tools for publishers. Analysts said the tools were late, "
                       "and Officials announced nothing. On Monday, Zephyrine said it would appeal.")
    agents = {(f.span.text, _tail(f.iri)): f.types for f in analysis.found if f.kind == "agent"}
    assert agents == {("Corvex", "corvex"): ("http://xmlns.com/foaf/0.1/Agent",),
                      ("Zephyrine", "zephyrine"): ("http://xmlns.com/foaf/0.1/Agent",)}
    announcement = next(e for e in analysis.events if e.kind == "Announcement")
    assert [_tail(a) for a in announcement.actors] == ["corvex"]


def test_he_may_be_an_agent_named_by_one_word_and_a_rumours_day_is_not_the_talks(read):
    analysis, _ = read("Most recently, Tarzana launched a contest for students. In October he announced a new school.",
                       published=date(2014, 12, 18))
    announcement = next(e for e in analysis.events if e.kind == "Announcement")
    assert [_tail(a) for a in announcement.actors] == ["tarzana"]
    analysis, _ = read("Rumors spread earlier today that Corvex Group was in talks with Halden Group.", published=date(2015, 1, 14))
    talks = next(e for e in analysis.events if e.kind == "Negotiation")
    assert talks.when is None and talks.status is None  # a rumour, of no day


def test_a_dateline_with_dashes_and_a_countrys_government_in_the_possessive(read):
    analysis, _ = read("LISBON -- Portugal's government is weighing an offer, while Canada's cabinet met on Monday.")
    found = {(f.span.text, _tail(f.iri), f.kind) for f in analysis.found}
    assert {("LISBON", "lisbon", "city"), ("Portugal's government", "government-of-portugal", "government"),
            ("Canada's cabinet", "government-of-canada", "government")} <= found
    assert not [f for f in found if f[2] == "organisation"]


def test_a_common_noun_that_acts_is_no_agent(read):
    analysis, _ = read("On Monday, Parliament approved the bill, and Cabinet agreed. Later, Opposition said no.")
    assert not [f for f in analysis.found if f.kind == "agent"]
    # A dash after capitals that name no known place is no dateline.
    analysis, _ = read("ICYMI – the accord was signed by Portugal.")
    assert not [f for f in analysis.found if f.span.text == "ICYMI"]


def test_calls_hosts_and_countries_that_act_together(read):
    analysis, _ = read("Portugal and the United States held their third round of trade talks in Lisbon on Wednesday. "
                       "Prime Minister Luis Sousa spoke with Trade Minister Paul Leclerc by phone on Monday. "
                       "Foreign Minister Ana Duarte hosted Leclerc on Thursday. "
                       "Leclerc said there was no plan to hold further talks this month.", published=date(2025, 6, 20))
    events = [(e.kind, e.trigger.text, sorted(_tail(a) for a in e.actors), e.when and e.when.text,
               e.status and e.status.rsplit("/", 1)[-1].rsplit("#", 1)[-1]) for e in analysis.events]
    assert events == [
        ("NegotiationRound", "third round of trade talks", ["portugal", "united-states"], "on Wednesday", "EventTookPlace"),
        ("Meeting", "spoke with", ["luis-sousa", "paul-leclerc"], "on Monday", "EventTookPlace"),  # the Monday before
        ("Meeting", "hosted", ["ana-duarte", "paul-leclerc"], "on Thursday", "EventTookPlace"),
    ]  # and "no plan to hold further talks" is no event


def test_a_speaker_reporting_a_summit_of_two_others_is_not_at_it(read):
    analysis, _ = read("Trade Minister Paul Leclerc told reporters that Prime Minister Luis Sousa and Chancellor Erik Brandt "
                       "would hold a summit at the G7 meeting in Canada next month.", published=date(2025, 5, 2))
    assert [(e.kind, sorted(_tail(a) for a in e.actors)) for e in analysis.events] == [("Summit", ["erik-brandt", "luis-sousa"])]
    # One other in the report: the speaker is the other side ("Leclerc said talks with Sousa went well").
    analysis, _ = read("Trade Minister Paul Leclerc said his meeting with Prime Minister Luis Sousa went well.")
    assert sorted(_tail(a) for a in analysis.events[0].actors) == ["luis-sousa", "paul-leclerc"]


def test_the_newspaper_is_the_one_newspaper_the_article_names(read):
    _, said = read("Portugal's official newspaper blasted Canada on Tuesday. In a commentary, the Atlantic Gazette "
                   "said the accord was unfair.")
    assert _tail(said[0].source) == "atlantic-gazette"
    # Two newspapers named: which one is meant is not said, and it stays unnamed.
    _, said = read("Portugal's official newspaper blasted Canada on Tuesday. The Atlantic Gazette and the Harbour Times agreed.")
    assert said[0].source is None and said[0].unnamed


@pytest.mark.parametrize("sentence, certainty", [
    ("Perhaps surprisingly, exports rose 2 percent.", "CERTAIN"),
    ("Possibly most importantly, the accord holds.", "CERTAIN"),
    ("Exports perhaps rose 2 percent.", "POSSIBLE"),
])
def test_a_comment_on_a_fact_is_no_hedge(read, sentence, certainty):
    _, said = read(sentence)
    assert said[0].certainty == certainty


def test_the_words_of_an_inverted_unnamed_source_are_its_offsets(read):
    text = "“The files are lost,” said researchers."
    _, said = read(text)
    span = said[0].source_span
    assert said[0].unnamed == "researchers" and text[span.begin:span.end] == span.text == "said researchers"


@pytest.mark.parametrize("sentence, speaker", [
    ("Judge Maria Ortiz tried to stop the testimony, telling the lawyer to “control your client”.", "maria-ortiz"),
    ("Trade Minister Paul Leclerc left the talks early, saying Canada would not accept the quota.", "paul-leclerc"),
])
def test_a_speech_participle_gives_the_subject_as_the_source(read, sentence, speaker):
    _, said = read(sentence)
    assert _tail(said[0].source) == speaker
    assert said[0].cue.split()[-1] in ("telling", "saying")
    # No subject named: the article's own statement.
    _, said = read("The talks ended early, with reporters waiting outside.")
    assert said[0].source is None
