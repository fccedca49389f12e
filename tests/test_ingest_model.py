"""`ingest` builds knowledge of the seed's model from a report it has never seen: entities with
their posts, who says what and how sure, events with participants, dates and status, loose dates
and amounts. The two reports in tests/fixtures/ingest/ were written for these tests (not copied
from any outlet) and are about other stories than the seed's."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import REPO, run_cli

FIXTURES = REPO / "tests" / "fixtures" / "ingest"
NGID = "https://w3id.org/newsgraph/id/"
EUROPE = NGID + "article/wire-2025-06-03-europe-2025-06-03"


def _rows(store, sparql: str) -> list[dict[str, str]]:
    result = run_cli("query", "-F", "csv", "--sparql", sparql, store=store)
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    store = tmp_path_factory.mktemp("ingest-model") / "store"
    assert run_cli("build", store=store).returncode == 0
    for name, day in (("europe-2025-06-03", "2025-06-03"), ("officials-2025-05-02", "2025-05-02"), ("rounds-2025-03-07", "2025-03-07")):
        result = run_cli("ingest", str(FIXTURES / f"{name}.txt"), "--published", day, "--source", "Wire", store=store)
        assert result.returncode == 0, result.stderr
    return store


def test_people_posts_and_organisations_from_titles(ingested):
    rows = _rows(ingested, "SELECT ?person ?post ?org WHERE { ?p a foaf:Person ; rdfs:label ?person ; org:holds ?h . "
                           "?h rdfs:label ?post ; org:postIn/rdfs:label ?org }")
    found = {(r["person"], r["post"], r["org"]) for r in rows}
    assert ("Emmanuel Macron", "France President", "Government of France") in found
    assert ("Friedrich Merz", "Germany Chancellor", "Government of Germany") in found
    assert ("Howard Lutnick", "United States Commerce Secretary", "U.S. Department of Commerce") in found
    assert ("Shigeru Ishiba", "Japan Prime Minister", "Government of Japan") in found
    assert ("Tim Cook", "Apple CEO", "Apple") in found
    # New people get an article-independent IRI, as the seed names its people.
    assert _rows(ingested, "SELECT ?p WHERE { ?p rdfs:label \"Emmanuel Macron\"@en }") == [{"p": NGID + "emmanuel-macron"}]


def test_countries_by_abbreviation_adjective_and_capital_by_context(ingested):
    # A known entity is mentioned through the article's own node, linked to it by a reviewable link.
    rows = _rows(ingested, f"SELECT ?spelling ?entity WHERE {{ ?m nif:referenceContext <{EUROPE}> ; nif:anchorOf ?spelling . "
                           "?st gaf:denotedBy ?m ; rdf:predicate schema:mentions ; rdf:object ?said "
                           "OPTIONAL { ?said owl:sameAs ?linked } BIND(COALESCE(?linked, ?said) AS ?entity) }")
    found = {(r["spelling"], r["entity"]) for r in rows}
    assert {("UK", NGID + "united-kingdom"), ("EU", NGID + "european-union"), ("America", NGID + "united-states"),
            ("French", NGID + "france"), ("American", NGID + "united-states"), ("BERLIN", NGID + "berlin"),
            ("Berlin", NGID + "berlin"), ("Tokyo", NGID + "tokyo"), ("Washington", NGID + "government-of-united-states"),
            ("Paris", NGID + "government-of-france"), ("French government", NGID + "government-of-france")} <= found
    # A demonym that starts an organisation's name is the organisation, not the country.
    assert ("American Airlines", NGID + "american-airlines") in found
    assert ("American", NGID + "american-corporations") not in found


def test_sources_and_hedges_of_claims(ingested):
    rows = _rows(ingested, f"SELECT ?quote ?source ?certainty (GROUP_CONCAT(?hedge; separator='|') AS ?hedges) WHERE {{ "
                           f"?m nif:referenceContext <{EUROPE}> ; nif:anchorOf ?quote ; grasp:wasAttributedTo ?source ; "
                           "grasp:hasAttribution ?a . ?a rdf:value ?certainty OPTIONAL { ?a ng:hedge ?hedge } } "
                           "GROUP BY ?quote ?source ?certainty")
    by_quote = {r["quote"]: r for r in rows}
    assert by_quote["Tokyo"]["source"] == EUROPE + "/report/nikkei"  # the Nikkei newspaper reported
    assert by_quote["Tokyo"]["certainty"].endswith("#probable") and by_quote["Tokyo"]["hedges"] == "will"
    assert by_quote["25%"]["source"] == NGID + "jonathan-reynolds"  # Jonathan Reynolds said
    assert by_quote["25%"]["certainty"].endswith("#probable")
    assert set(by_quote["25%"]["hedges"].split("|")) == {"could", "as high as"}
    assert by_quote["billions of dollars"]["source"] == EUROPE + "/source/officials"  # officials said
    assert by_quote["billions of dollars"]["certainty"].endswith("#possible")
    assert by_quote["Friedrich Merz"]["source"] == NGID + "elysee-palace"  # according to the Elysee Palace
    # The words that name a source are the article's own statement.
    assert by_quote["Jonathan Reynolds"]["source"] == EUROPE
    report = _rows(ingested, f"SELECT ?by WHERE {{ <{EUROPE}/report/nikkei> a ng:NewsReport ; ng:reportedBy ?by }}")
    assert report == [{"by": NGID + "nikkei"}]


def test_events_with_participants_dates_places_and_status(ingested):
    rows = _rows(ingested, "SELECT ?type ?status ?place ?date ?begin (GROUP_CONCAT(STR(?actor); separator='|') AS ?actors) WHERE { "
                           "?e a ?type ; ng:trigger ?t . FILTER(STRSTARTS(STR(?type), STR(ng:))) "
                           "OPTIONAL { ?e schema:eventStatus ?status } OPTIONAL { ?e sem:hasPlace ?place } "
                           "OPTIONAL { ?e time:hasTime/time:inXSDDate ?date } OPTIONAL { ?e time:hasTime/(time:hasBeginning|^time:inside/time:hasBeginning)/time:inXSDDate ?begin } "
                           "OPTIONAL { ?e sem:hasActor ?actor } } GROUP BY ?e ?type ?status ?place ?date ?begin")
    events = {(r["type"].rsplit("#", 1)[-1], r["status"].rsplit("/", 1)[-1].rsplit("#", 1)[-1], r["place"], r["date"] or r["begin"],
               frozenset(r["actors"].split("|")) if r["actors"] else frozenset()) for r in rows}
    assert ("Meeting", "EventTookPlace", NGID + "berlin", "2025-06-03",
            frozenset({NGID + "emmanuel-macron", NGID + "friedrich-merz"})) in events
    # "The two leaders are expected to hold a second round of talks in mid-June": the two named before.
    assert ("NegotiationRound", "EventScheduled", "", "2025-06-11",
            frozenset({NGID + "emmanuel-macron", NGID + "friedrich-merz"})) in events
    assert ("Visit", "EventScheduled", NGID + "tokyo", "2025-07-01", frozenset({NGID + "united-states"})) in events
    assert ("Meeting", "EventScheduled", NGID + "washington-dc", "2025-05-05",
            frozenset({NGID + "ahn-duk-geun", NGID + "howard-lutnick"})) in events
    rounds = _rows(ingested, "SELECT ?n WHERE { ?e a ng:NegotiationRound ; ng:trigger ?t ; ng:roundNumber ?n "
                             f"FILTER(STRSTARTS(STR(?e), \"{EUROPE}/\")) }}")
    assert rounds == [{"n": "2"}]


def test_loose_dates_and_amounts_keep_their_words(ingested):
    rows = _rows(ingested, f"SELECT ?words ?begin ?end WHERE {{ <{EUROPE}> ng:statesTime ?t . ?t ng:originalExpression ?words ; "
                           "(time:hasBeginning|^time:inside/time:hasBeginning)/time:inXSDDate ?begin ; "
                           "(time:hasEnd|^time:inside/time:hasEnd)/time:inXSDDate ?end }")
    assert {(r["words"], r["begin"], r["end"]) for r in rows} == {
        ("mid-June", "2025-06-11", "2025-06-20"), ("early next month", "2025-07-01", "2025-07-10"),
        ("last week", "2025-05-26", "2025-06-01")}
    amounts = _rows(ingested, f"SELECT ?words ?min ?currency WHERE {{ <{EUROPE}> ng:statesQuantity ?q . ?q ng:originalExpression ?words ; "
                              "schema:minValue ?min ; schema:currency ?currency }")
    assert amounts == [{"words": "billions of dollars", "min": "1000000000", "currency": "USD"}]


def test_validate_and_report_are_clean_on_what_ingest_writes(ingested):
    result = run_cli("validate", store=ingested)
    assert result.returncode == 0, result.stdout + result.stderr
    report = run_cli("report", store=ingested)
    assert report.returncode == 0, report.stdout
    assert "0 errors, 0 warnings" in report.stdout
    # Candidates are evidence, not entities: no labels of their own.
    assert _rows(ingested, "SELECT ?c WHERE { ?c a ng:CandidateEntity ; rdfs:label ?l }") == []


def test_a_round_that_took_place_and_one_announced_with_whom_when_and_where(ingested):
    rows = _rows(ingested, "SELECT ?n ?status ?place ?date ?begin (GROUP_CONCAT(STR(?actor); separator='|') AS ?actors) WHERE { "
                           "?e a ng:NegotiationRound ; ng:trigger ?t ; ng:roundNumber ?n ; schema:eventStatus ?status ; sem:hasPlace ?place . "
                           "OPTIONAL { ?e time:hasTime/time:inXSDDate ?date } OPTIONAL { ?e time:hasTime/(time:hasBeginning|^time:inside/time:hasBeginning)/time:inXSDDate ?begin } "
                           "OPTIONAL { ?e sem:hasActor ?actor } FILTER(?n > 2) } GROUP BY ?e ?n ?status ?place ?date ?begin ORDER BY ?n")
    assert [(r["n"], r["status"].rsplit("#", 1)[-1].rsplit("/", 1)[-1], r["place"], r["date"] or r["begin"], r["actors"]) for r in rows] == [
        ("3", "EventTookPlace", NGID + "brussels", "2025-03-06", NGID + "maros-sefcovic"),  # "took place ... on Thursday"
        ("4", "EventScheduled", NGID + "brasilia", "2025-04-01", ""),  # "will be held in Brasilia in early April"
    ]
    # "according to a Brazilian official": an unnamed official, not Brazil; the person named with
    # a title after the name ("Maros Sefcovic, the European Union trade commissioner") is a person.
    sources = _rows(ingested, "SELECT DISTINCT ?label WHERE { ?m grasp:wasAttributedTo ?s . ?s a ng:UnnamedSource ; rdfs:label ?label }")
    assert {"a Brazilian official (unnamed)", "Brazilian officials (unnamed)"} <= {r["label"] for r in sources}
    types = _rows(ingested, f"SELECT ?type WHERE {{ <{NGID}maros-sefcovic> a ?type }}")
    assert {"http://xmlns.com/foaf/0.1/Person"} == {r["type"] for r in types}


def test_words_that_name_nothing_are_not_entities(store):
    from newsgraph.graph.link.ingest import find_mentions

    text = ("However, the Minister said in June that American firms would comply.\n"
            "Monday's Treasury statement was brief. American said nothing.\n")
    found, candidates = find_mentions(store, text)
    assert [(f.span.text, f.iri.rsplit("/", 1)[-1]) for f in found] == [("American", "united-states"), ("American", "united-states")]
    # Titles alone, months, days and sentence openers are not even candidates.
    assert [c.text for c in candidates] == []
