"""`ingest`'s entity reader on texts written for these tests (none copied from an outlet, none
about the stories of the gold set): places below countries, institutions, one-word organisation
names and surnames, each with what must NOT become an entity beside it."""

from __future__ import annotations

import pytest

NGID = "https://w3id.org/newsgraph/id/"


@pytest.fixture(scope="module")
def read(store):
    from newsgraph.graph.link.ingest import find_mentions

    def read(text: str) -> list[tuple[str, str, str]]:
        found, _ = find_mentions(store, text)
        return [(f.span.text, f.iri.removeprefix(NGID), f.kind) for f in found]
    return read


def test_us_states_and_cities_by_name_with_their_country(read, store):
    from newsgraph.graph.link.ingest import find_mentions

    text = ("Honda will build batteries in Ohio, and the plant near Columbus, Ohio, will hire 2,000 people. "
            "Officials in Michigan and Tennessee said Detroit had lost out.")
    found = read(text)
    assert ("Ohio", "ohio", "region") in found
    assert ("Columbus", "columbus", "city") in found  # an ambiguous name, with its state beside it
    assert {("Michigan", "michigan", "region"), ("Tennessee", "tennessee", "region")} <= set(found)
    mentions, _ = find_mentions(store, text)
    columbus = next(m for m in mentions if m.span.text == "Columbus")
    facts = {(p.rsplit("/", 1)[-1].rsplit("#", 1)[-1], o if isinstance(o, str) else o.value) for s, p, o in columbus.facts if s == columbus.iri}
    assert ("country", NGID + "united-states") in facts and ("containedInPlace", NGID + "ohio") in facts
    assert columbus.types == ("https://schema.org/City",)
    ohio = next(m for m in mentions if m.span.text == "Ohio")
    assert ohio.types == ("https://schema.org/AdministrativeArea",)


def test_a_place_name_inside_another_name_is_not_the_place(read):
    found = read("Texas Instruments and Georgia Tech signed a deal. Indiana Jones is a film. Kentucky Fried Chicken opened. "
                 "The actor Joaquin Phoenix spoke; Phoenix thanked the crew.")
    assert not [f for f in found if f[2] in ("region", "city")]


def test_ambiguous_names_are_decided_by_context_or_left_alone(read):
    # Georgia: the state beside other US places, the country beside Tbilisi.
    assert ("Georgia", "georgia-state", "region") in read("Hyundai opened a plant in Georgia; Alabama and South Carolina also bid.")
    assert ("Georgia", "georgia", "country") in read("Georgia's prime minister flew from Tbilisi to Brussels.")
    # Washington: the state by a cue, else the capital (the government or the city).
    assert ("Washington state", "washington-state", "region") in read("Farmers in Washington state grow apples.")
    assert ("Washington", "washington-state", "region") in read("The company is based in Spokane, Washington.")
    assert ("Washington", "government-of-united-states", "government") in read("Washington said it would respond.")
    # New York: the city by default, the state by a cue.
    assert ("New York", "new-york", "city") in read("She moved to New York in 2019.")
    assert ("New York state", "new-york-state", "region") in read("Lawmakers in New York state voted.")
    assert ("New York", "new-york-state", "region") in read("New York Gov. Kathy Hochul signed the bill.")
    # A name that is also a given name, with no place cue, is no place; with one it is.
    assert not [f for f in read("Victoria said the results were good.") if f[2] in ("region", "city")]
    assert ("Phoenix", "phoenix", "city") in read("The company moved its offices to Phoenix last year.")


def test_japanese_prefectures_and_cities(read):
    found = read("Toyota's plants in Aichi supply dealers in Osaka, and Osaka Prefecture hosts the fair. Hokkaido farmers protested.")
    assert {("Aichi", "aichi", "region"), ("Osaka", "osaka", "city"), ("Osaka Prefecture", "osaka-prefecture", "region"),
            ("Hokkaido", "hokkaido", "region")} <= set(found)


def test_a_university_named_after_a_state_is_the_university(read):
    found = read("Harvard and the University of North Carolina lost. North Carolina voters disagreed.")
    assert ("University of North Carolina", "university-of-north-carolina", "organisation") in found
    assert ("North Carolina", "north-carolina", "region") in found
    assert not [f for f in found if f[2] == "person"]


def test_institutions_are_the_article_countrys(read):
    us = read("The Senate voted 51-49 on Tuesday, and the White House said the U.S. Congress would act. "
              "Officials in Ohio and at the Fed agreed; the Pentagon did not comment.")
    assert {("Senate", "united-states-senate", "organisation"), ("White House", "white-house", "organisation"),
            ("Congress", "united-states-congress", "organisation"), ("Fed", "federal-reserve", "organisation"),
            ("Pentagon", "us-department-of-defense", "organisation")} <= set(us)
    japan = read("Japan's Diet passed the bill, Japanese officials said, and the Supreme Court in Tokyo upheld it.")
    assert {("Diet", "national-diet", "organisation"), ("Supreme Court", "supreme-court-of-japan", "organisation")} <= set(japan)
    # A chamber many countries have is left alone where another country leads or none is named.
    assert not [f for f in read("Russian lawmakers said the Senate in Moscow met. Russia's officials agreed.") if "senate" in f[1]]
    assert not [f for f in read("The Senate met on Monday.") if "senate" in f[1]]
    # Names that are no institution.
    assert not [f for f in read("The house was sold. She joined the Congress party in Delhi, India.") if f[2] == "organisation"]


def test_new_york_listed_with_states_is_the_state(read):
    assert ("New York", "new-york-state", "region") in read("Wages rise in Rhode Island and New York next year.")


def test_a_name_the_report_gave_a_state_stays_the_state(read):
    found = read("New York Governor Kathy Hochul signed the budget. Living costs are high in New York, she said.")
    assert [item for item in found if item[0] == "New York"] == [("New York", "new-york-state", "region")] * 2
    # Without the governor, "New York" alone is the city.
    assert ("New York", "new-york", "city") in read("Living costs are high in New York, she said.")


def test_one_word_organisations_need_evidence(read):
    found = read("Shares of Kestrel fell 3% after Kestrel's chief executive quit. Brightwell has unveiled a new tablet, "
                 "and a Brightwell spokeswoman said more would follow. Oakridge and the University of Leeds signed a pact.")
    assert {("Kestrel", "kestrel", "organisation"), ("Brightwell", "brightwell", "organisation"),
            ("Oakridge", "oakridge", "organisation"), ("University of Leeds", "university-of-leeds", "organisation")} <= set(found)
    assert [f for f in found if f[0] == "Kestrel"] == [("Kestrel", "kestrel", "organisation")] * 2
    # Without evidence, or where the word is a person's, a title, a month or a place, no organisation.
    plain = read("Kestrel said the results were good. In March, Marlowe unveiled nothing; Ms. Marlowe's products sold. "
                 "Justice Hale wrote. Ohio and the University of Leeds agreed. Dana Whitfield's chief executive role ended.")
    assert not [f for f in plain if f[2] == "organisation" and f[0] not in ("University of Leeds",)]


def test_a_one_word_name_listed_with_an_organisation_is_one(read):
    """"Kestrel Motor Corp. and Brightwell said", "Nvidia, Oakridge and Quillon": the one-word names
    of a list that has an organisation in it (found by its suffix, or known: the seed's NVIDIA) are
    organisations of its kind."""
    found = read("Kestrel Motor Corp. and Brightwell said the levies would cost them. Brightwell shares fell.")
    assert ("Brightwell", "brightwell", "organisation") in found and len([f for f in found if f[0] == "Brightwell"]) == 2
    found = read("Chips from Nvidia, Oakridge and Quillon are in short supply.")
    assert {("Oakridge", "oakridge", "organisation"), ("Quillon", "quillon", "organisation")} <= set(found)
    found = read("Halvard Systems Inc., Merrow, and Tesk posted losses.")
    assert {("Merrow", "merrow", "organisation"), ("Tesk", "tesk", "organisation")} <= set(found)
    # No list without "and" or "or", and no organisation in a list of places or people.
    plain = read("Kestrel Motor Corp., Brightwell said, would pay. Ohio, Oakridge and Texas voted. Ana Duarte, Merrow and Tesk met.")
    assert not [f for f in plain if f[2] == "organisation" and f[0] in ("Brightwell", "Oakridge", "Merrow", "Tesk")]
    # (", Brightwell said," is someone speaking: an agent, of a kind the text does not give)
    assert ("Brightwell", "brightwell", "agent") in plain


def test_coordinated_names_are_not_one_name(read):
    found = read("Harvard and the University of North Carolina lost. The Harvard and University of North Carolina lawsuits went on.")
    assert ("Harvard", "harvard", "organisation") in found
    assert not [f for f in found if "and" in f[1].split("-")]


def test_an_acronym_defined_in_brackets_either_way_is_the_organisation(read):
    found = read("The FWA [Federated Widget Alliance] said costs rose. Later the FWA cut its forecast.")
    assert [f for f in found if f[2] == "organisation"] == [("FWA", "federated-widget-alliance", "organisation"),
                                                             ("Federated Widget Alliance", "federated-widget-alliance", "organisation"),
                                                             ("FWA", "federated-widget-alliance", "organisation")]
    found = read("Members of the Coastal Rail Workers Union (CRWU) voted. The CRWU said it would strike.")
    assert {f[1] for f in found if f[2] == "organisation"} == {"coastal-rail-workers-union"}
    # Brackets whose words are not the acronym's initials define nothing.
    assert not [f for f in read("The ABC (a small lobby) spoke.") if f[1] == "a-small-lobby"]


def test_an_acronym_with_the_initials_of_a_named_organisation_is_it(read):
    found = read("A study in the Review of Harbour Economics found the effect. The RHE paper was cited widely.")
    assert ("Review of Harbour Economics", "review-of-harbour-economics", "organisation") not in found  # "Review" heads no name
    found = read("A study in the Journal of Harbour Economics found the effect. The JHE paper was cited widely.")
    assert ("JHE", "journal-of-harbour-economics", "organisation") in found
    # Two organisations with those initials: the acronym stays its own.
    found = read("The Journal of Harbour Economics and the Journal of Hill Economics disagreed. The JHE paper was cited.")
    assert ("JHE", "jhe", "organisation") in found


def test_an_organisation_name_is_read_whole_never_a_prefix(read):
    found = read("Researchers at Carrow University Ohio and the Bureau of Ferry Statistics said prices fell, "
                 "according to the U.S. Energy Information Administration. Bank of Japan Governor Kazuo Ueda spoke.")
    assert ("Carrow University Ohio", "carrow-university-ohio", "organisation") in found
    assert ("Bureau of Ferry Statistics", "bureau-of-ferry-statistics", "organisation") in found
    assert ("U.S. Energy Information Administration", "u-s-energy-information-administration", "organisation") in found
    assert ("Bank of Japan", "bank-of-japan", "organisation") in found
    assert not [f for f in found if f[0] in ("U.S.", "Ohio", "Japan", "Carrow University")]
    # The name stops at a title, a sentence's end and a country that is no part of it.
    found = read("The Federal Bureau of Investigation Director Kash Pat spoke. The Energy Department. Bank shares fell.")
    assert ("Federal Bureau of Investigation", "federal-bureau-of-investigation", "organisation") in found
    # "U.S." before a title or an institution is still the country.
    found = read("U.S. Trade Representative Jamieson Greer said the U.S. Senate would vote.")
    assert ("U.S.", "united-states", "country") in found


def test_us_departments_are_one_organisation_however_written(read):
    found = read("Commerce Secretary Ann Vell met U.S. officials. The Commerce Department declined to comment, and the "
                 "U.S. Department of Commerce later said talks went on. The Department of Homeland Security agreed.")
    assert ("Commerce Department", "us-department-of-commerce", "organisation") in found
    assert ("U.S. Department of Commerce", "us-department-of-commerce", "organisation") in found
    assert ("Department of Homeland Security", "us-department-of-homeland-security", "organisation") in found
    # Without the US named, a department is the organisation its words name; a fire department is no US department.
    assert ("Commerce Department", "commerce-department", "organisation") in read("The Commerce Department in Ottawa said so.")
    assert ("Fire Department", "fire-department", "organisation") in read("The Fire Department in Ohio came, U.S. media said.")
    # A country's adjective before a ministry is the country; the ministry is read apart.
    found = read("The Japanese Ministry of Foreign Affairs said it would respond.")
    assert ("Ministry of Foreign Affairs", "ministry-of-foreign-affairs", "organisation") in found


def test_a_persons_administration_is_the_government_they_lead(read):
    found = read("Freedonian President Rufus Ortega spoke on Monday. The Ortega administration later said it would respond.")
    assert ("Ortega administration", "government-of-freedonia", "government") not in found  # no such country: the next case
    found = read("U.S. President Rufus Ortega spoke on Monday. The Ortega administration later said it would respond, "
                 "and Japanese Prime Minister Kenji Arata said Arata's government agreed.")
    assert ("Ortega administration", "government-of-united-states", "government") in found
    assert ("Arata's government", "government-of-japan", "government") in found
    # No post that says which country: an organisation named for the person, a government, never the person.
    found = read("The Ortega administration lost the case. The Kenmore government fell.")
    assert ("Ortega administration", "ortega-administration", "government") in found
    assert ("Kenmore government", "kenmore-government", "government") in found
    assert not [f for f in found if f[2] == "person"]
    # Parties, levels and kinds of government are no person's.
    found = read("The Labour government fell. The federal government and the Social Security Administration agreed. "
                 "The Conservative government of Ontario and the Tokyo government met.")
    assert not [f for f in found if f[0].endswith((" government", " administration")) and f[2] == "government"
                and not f[1].startswith("government-of-")]


def test_a_persons_administration_from_the_store(store):
    """The store says who leads which government: "the Ishiba administration" is Japan's when the
    store knows a Shigeru Ishiba with Japan's prime minister's post."""
    from newsgraph.graph.link import entities
    from newsgraph.graph.link.ingest import Lexicon
    lexicon = Lexicon.of(store)
    leads = lexicon.leads(store)
    assert leads(NGID + "ryosei-akazawa") is None  # a minister, not the head of the government
    found = entities.find_administrations("The Akazawa government said so.", lexicon.index, lambda b, e: True, [],
                                          lambda person: NGID + "government-of-japan" if person == NGID + "ryosei-akazawa" else None)
    assert [(f.span.text, f.iri.removeprefix(NGID)) for f in found] == [("Akazawa government", "government-of-japan")]


@pytest.fixture(scope="module")
def events_of(store):
    from datetime import date

    from newsgraph.graph.link.ingest import analyse

    def events_of(text: str) -> list[tuple[str, str, list[str]]]:
        analysis = analyse(store, text, date(2024, 3, 1))
        return [(e.kind, e.trigger.text, sorted(a.removeprefix(NGID) for a in e.actors)) for e in analysis.events]
    return events_of


def test_coordinated_subjects_are_all_participants(events_of):
    found = events_of("In the end, Acme Corp and the University of Leeds, along with the Ortega administration, lost the case by a 5-4 vote.")
    assert found == [("Ruling", "by a 5-4 vote", ["acme-corp", "ortega-administration", "university-of-leeds"])]
    # A subject of its own in the verb's clause: only its subject.
    found = events_of("Acme Corp lost the case, and the University of Leeds voted to appeal.")
    assert ("Vote", "voted", ["university-of-leeds"]) in found


def test_a_state_acts_through_its_residents_and_a_country_through_its_negotiators(events_of):
    assert events_of("Ohio residents voted to raise the minimum wage.") == [("Vote", "voted", ["ohio"])]
    found = events_of("U.S. negotiators met Canadian officials in Ottawa on Friday.")
    assert found and set(found[0][2]) >= {"united-states", "canada"}
    # A modifier stays a modifier: "Ohio wages" vote nothing.
    assert events_of("Lawmakers voted to raise Ohio wages.") == [("Vote", "voted", [])]


def test_a_surname_with_a_title_and_no_full_name(read):
    found = read("Justice Varga wrote the opinion, and Prime Minister Okafor said Mr. Lindqvist would reply.")
    assert ("Varga", "justice-varga", "person") in found  # a post's title: an IRI from the title and the surname
    assert ("Okafor", "prime-minister-okafor", "person") in found
    # An honorific alone: an IRI of this article, so two articles' "Mr. Lindqvist" are not made one person.
    lindqvist = next(f for f in found if f[0] == "Lindqvist")
    assert lindqvist[1].startswith("mr-lindqvist-") and lindqvist[2] == "person"
    # Named in full in the text: the surname is that person's.
    found = read("Prime Minister Ada Okafor spoke on Monday. Later Prime Minister Okafor left for Lagos.")
    assert [f[1] for f in found if f[0] == "Okafor"] == ["ada-okafor"]
    # The store's one person of that name ("Secretary Bessent": the seed's Scott Bessent).
    assert ("Bessent", "scott-bessent", "person") in read("Secretary Bessent declined to comment.")
    # No person: companies, titles used as names, departments, "a Mr. Universe contest".
    found = read("General Electric rose. The Justice Department sued. She won a Mr. Universe contest. Director General Ito spoke.")
    assert not [f for f in found if f[2] == "person" and f[0] in ("Electric", "Department", "Universe", "General")]


def test_a_surname_person_is_never_found_inside_another_name(store):
    """A person the store knows by a surname alone is found through the surname, never inside a
    full name of someone else ("Samuel Varga" is not "Varga")."""
    from newsgraph.graph.link.ingest import Lexicon, find_mentions

    lexicon = Lexicon.of(store)
    lexicon.learn(find_mentions(store, "Justice Varga wrote the opinion.", lexicon)[0])
    found, _ = find_mentions(store, "Samuel Varga, a lawyer, said the case was closed. Varga said so again.", lexicon)
    assert [(f.span.text, f.iri.removeprefix(NGID)) for f in found if f.kind == "person"][0] == ("Samuel Varga", "samuel-varga")


def test_two_companies_joined_by_and_are_two(read):
    found = read("Shares of Sakura Motor and Kestrel Motor rose, while Arden Holdings and Finch Group fell.")
    orgs = {f[0] for f in found if f[2] == "organisation"}
    assert orgs == {"Sakura Motor", "Kestrel Motor", "Arden Holdings", "Finch Group"}
    # One name with "and" inside stays one: no suffix before the "and".
    assert ("Pryor and Gable Co", "pryor-and-gable-co", "organisation") in read("Pryor and Gable Co said sales fell.")


def test_smaller_cities_need_a_strong_place_cue(read):
    # Cities from 100,000 people are in the table; under 500,000 a preposition or a place beside them is needed.
    found = read("She lives in Tel Rumeida, Hebron, and works in Nablus. The road to Eugene was closed.")
    assert {("Hebron", "hebron", "city"), ("Nablus", "nablus", "city"), ("Eugene", "eugene", "city")} <= set(found)
    # A comma alone is no cue for them: "Also, Eugene ..." is a sentence's word or a person's.
    assert not [f for f in read("Also, Eugene crossed the street.") if f[2] == "city"]


def test_the_north_and_the_south_once_the_countries_are_named(read):
    found = read("North Korea fired two missiles, and South Korea protested. The North said the South had provoked it.")
    short = [f for f in found if f[0] in ("North", "South")]
    assert short == [("North", "north-korea", "country"), ("South", "south-korea", "country")]
    # Before the country is named, or with two countries of that word, "the North" stays a word.
    assert not [f for f in read("The North said nothing. North Korea fired a missile.") if f[0] == "North"]
    assert not [f for f in read("South Korea and South Africa met; the South gained.") if f[0] == "South"]


def test_members_and_examples_say_a_word_is_an_organisation(read):
    found = read("Corvane gunmen crossed the border. Firms like Kestrel, Ardent, and Pelham, as well as Halvard Group, "
                 "supplied the cameras. Republican lawmakers objected.")
    orgs = {f[0] for f in found if f[2] == "organisation"}
    assert {"Corvane", "Kestrel", "Ardent", "Pelham", "Halvard Group"} <= orgs
    assert "Republican" not in orgs  # an adjective before members is no organisation
    # A name whose first word is a company ending stays whole.
    assert ("Securities and Exchange Commission", "securities-and-exchange-commission", "organisation") in read(
        "The Securities and Exchange Commission fined the firm.")
