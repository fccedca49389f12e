"""Every fact points back to the sentence that states it and the source that asserted it."""

from __future__ import annotations

from conftest import ARTICLE, rows
from newsgraph.ontology.graphs import REFERENCE_GRAPH, article_graph

GROUNDING = """
SELECT ?s ?p ?o ?quote ?begin ?end ?sentenceText ?sentenceBegin ?sentenceEnd ?source ?certainty WHERE {
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; gaf:denotedBy ?m .
  ?m nif:anchorOf ?quote ; nif:beginIndex ?begin ; nif:endIndex ?end ;
     nif:sentence ?sentence ; grasp:wasAttributedTo ?source ; grasp:hasAttribution/rdf:value ?certainty .
  ?sentence nif:anchorOf ?sentenceText ; nif:beginIndex ?sentenceBegin ; nif:endIndex ?sentenceEnd .
}
"""


def _facts(store, graph: str) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in store.quads(graph)}


def test_every_article_fact_has_a_statement_with_a_mention(store):
    import pyoxigraph as ox

    facts = _facts(store, article_graph(ARTICLE))
    assert len(facts) > 300
    grounded = {(str(ox.NamedNode(r["s"])), str(ox.NamedNode(r["p"])), r["o"]) for r in rows(store, GROUNDING)}
    grounded_subjects_predicates = {(s, p) for s, p, _ in grounded}
    for subject, predicate, _ in facts:
        assert (subject, predicate) in grounded_subjects_predicates, (subject, predicate)
    # Exact check on the object too, term by term.
    statements = store.query(
        "SELECT ?s ?p ?o WHERE { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; gaf:denotedBy ?m }")
    grounded_exact = {(str(r["s"]), str(r["p"]), str(r["o"])) for r in statements}
    assert facts <= grounded_exact, sorted(facts - grounded_exact)[:5]


def test_every_quote_is_the_text_at_its_offsets(store, article_text):
    found = rows(store, GROUNDING)
    assert len(found) > 300
    for r in found:
        begin, end = int(r["begin"]), int(r["end"])
        assert article_text[begin:end] == r["quote"], r
        sentence_begin, sentence_end = int(r["sentenceBegin"]), int(r["sentenceEnd"])
        assert article_text[sentence_begin:sentence_end] == r["sentenceText"]
        assert sentence_begin <= begin < end <= sentence_end, "a mention lies inside its sentence"
        assert r["certainty"].rsplit("#", 1)[1] in {"certain", "probable", "possible"}


def test_article_text_is_stored_whole(store, article_text):
    (row,) = rows(store, "SELECT ?text WHERE { ?a a nif:Context ; nif:isString ?text }")
    assert row["text"] == article_text


def test_hedges_and_attributions_are_data(store):
    hedged = rows(store, """
        SELECT ?quote ?hedge ?certainty WHERE {
          ?m nif:anchorOf ?quote ; grasp:hasAttribution ?a . ?a ng:hedge ?hedge ; rdf:value ?certainty }""")
    by_hedge = {(r["hedge"], r["certainty"].rsplit("#", 1)[1]) for r in hedged}
    assert ("reportedly", "probable") in by_hedge
    assert ("as high as", "probable") in by_hedge
    assert ("It is expected", "probable") in by_hedge
    assert ("may", "possible") in by_hedge
    assert ("plans", "probable") in by_hedge
    assert ("aims", "probable") in by_hedge
    cues = {r["cue"] for r in rows(store, "SELECT ?cue WHERE { ?a ng:attributionCue ?cue }")}
    assert cues == {"According to the Asahi Shimbun", "NHK reported", "analyses"}


def test_outside_facts_name_the_page_that_verifies_them(store):
    facts = _facts(store, REFERENCE_GRAPH)
    assert facts
    verified = store.query("""
        SELECT ?s ?p ?o WHERE { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                                    prov:wasDerivedFrom ?page ; ng:verifyingQuote ?quote }""")
    assert facts == {(str(r["s"]), str(r["p"]), str(r["o"])) for r in verified}


def test_garbled_names_are_linked_and_kept(store):
    found = rows(store, """
        SELECT ?label ?alt WHERE { ?p a foaf:Person ; rdfs:label ?label ; skos:altLabel ?alt } ORDER BY ?label""")
    assert [(r["label"], r["alt"]) for r in found] == [("Ryosei Akazawa", "Akazawa Ryosei"), ("Scott Bessent", "Scott Vessen")]


def test_quantities_are_typed_decimals_with_currency_or_unit(store):
    amounts = rows(store, """
        SELECT ?a ?value ?currency (DATATYPE(?value) AS ?type) WHERE {
          ?a a schema:MonetaryAmount ; schema:value|schema:minValue|schema:maxValue ?value ; schema:currency ?currency }""")
    assert len(amounts) == 5
    assert {r["type"] for r in amounts} == {"http://www.w3.org/2001/XMLSchema#decimal"}
    assert {r["currency"] for r in amounts} == {"JPY", "USD", "KRW"}
    percents = rows(store, """
        SELECT ?value (DATATYPE(?value) AS ?type) ?unit WHERE {
          ?q a schema:QuantitativeValue ; schema:value ?value ; schema:unitCode ?unit }""")
    assert {r["value"] for r in percents} == {"10", "14", "24", "30"}
    assert {r["unit"] for r in percents} == {"P1"}
    assert {r["type"] for r in percents} == {"http://www.w3.org/2001/XMLSchema#decimal"}
    # "as high as" is a maximum, never a point value.
    (bound,) = rows(store, """
        SELECT ?p WHERE { ?a ng:originalExpression "as high as 1 trillion yen" ; ?p "1000000000000"^^xsd:decimal }""")
    assert bound["p"] == "https://schema.org/maxValue"


def test_relative_dates_are_resolved_and_kept(store):
    found = {(r["expression"], r["value"], r["type"].rsplit("#", 1)[1]) for r in rows(store, """
        SELECT ?expression ?value (DATATYPE(?value) AS ?type) WHERE {
          ?t ng:originalExpression ?expression ; time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear ?value }""")}
    assert found >= {
        ("the morning of the 28th", "2025-05-28", "date"),
        ("on the 29th", "2025-05-29", "date"),
        ("on the 30th (local time)", "2025-05-30", "date"),
        ("next month", "2025-06", "gYearMonth"),
        ("last year", "2024", "gYear"),
    }
