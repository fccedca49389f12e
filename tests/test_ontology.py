"""The ontology: header, labels and definitions, declarations of everything the data uses."""

from __future__ import annotations

from conftest import rows
from newsgraph.ontology import NG


def test_header(store):
    (row,) = rows(store, """
        SELECT ?version ?label ?comment ?license WHERE {
          <https://w3id.org/newsgraph/ontology> a owl:Ontology ; owl:versionIRI ?version ;
             rdfs:label ?label ; rdfs:comment ?comment ; dcterms:license ?license }""")
    assert row["version"] == "https://w3id.org/newsgraph/ontology/0.2.0"
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
          # RDF's, RDFS's and OWL's own terms are built in: OWL 2 DL does not let a vocabulary declare them.
          FILTER(!STRSTARTS(STR(?term), "http://www.w3.org/1999/02/22-rdf-syntax-ns#"))
          FILTER(!STRSTARTS(STR(?term), "http://www.w3.org/2000/01/rdf-schema#"))
          FILTER(!STRSTARTS(STR(?term), "http://www.w3.org/2002/07/owl#"))
          FILTER NOT EXISTS { GRAPH <https://w3id.org/newsgraph/graph/ontology> { ?term a ?kind } }
        }""")
    assert undeclared == []


def test_disjointness_person_organisation(store):
    assert store.query("""
        ASK { ?axiom a owl:AllDisjointClasses ; owl:members/rdf:rest*/rdf:first foaf:Person , org:Organization }""")


def test_published_as_a_vocabulary(store):
    """rdfs:isDefinedBy on every term (newsgraph's by this ontology, the others by theirs), VANN
    prefix and namespace, a creator IRI, version IRI and dates (issue 21)."""
    (row,) = rows(store, """
        SELECT ?prefix ?namespace ?creator ?prior ?modified WHERE {
          <https://w3id.org/newsgraph/ontology> vann:preferredNamespacePrefix ?prefix ;
             vann:preferredNamespaceUri ?namespace ; dcterms:creator ?creator ; owl:priorVersion ?prior ;
             dcterms:modified ?modified . FILTER(isIRI(?creator)) }""".replace(
        "SELECT", "PREFIX vann: <http://purl.org/vocab/vann/> SELECT"))
    assert (row["prefix"], row["namespace"]) == ("ng", NG)
    terms = rows(store, """
        SELECT ?term (COUNT(DISTINCT ?by) AS ?n) (SAMPLE(?by) AS ?definer) WHERE {
          GRAPH <https://w3id.org/newsgraph/graph/ontology> {
            ?term a ?kind . FILTER(isIRI(?term))
            VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty owl:NamedIndividual }
            OPTIONAL { ?term rdfs:isDefinedBy ?by } } } GROUP BY ?term""")
    assert len(terms) > 200
    assert [t["term"] for t in terms if t["n"] != "1"] == []
    for t in terms:
        if t["term"].startswith(NG):
            assert t["definer"] == "https://w3id.org/newsgraph/ontology", t
        else:
            assert t["definer"] != "https://w3id.org/newsgraph/ontology" or t["term"].endswith(
                ("#CERTAIN", "#PROBABLE", "#POSSIBLE")), t


def test_deprecated_terms_keep_old_data_meaningful(store):
    deprecated = {r["term"]: r["same"] for r in rows(store, """
        SELECT ?term ?same WHERE { ?term owl:deprecated true ;
          owl:equivalentProperty|owl:equivalentClass|owl:sameAs ?same }""")}
    assert deprecated == {
        NG + "about": "https://schema.org/about",
        NG + "heldBy": NG + "positionOf",
        "http://groundedannotationframework.org/grasp#CERTAIN": "http://groundedannotationframework.org/grasp/factuality#certain",
        "http://groundedannotationframework.org/grasp#PROBABLE": "http://groundedannotationframework.org/grasp/factuality#probable",
        "http://groundedannotationframework.org/grasp#POSSIBLE": "http://groundedannotationframework.org/grasp/factuality#possible",
    }
    # Data writes the new terms only.
    assert not store.query("""ASK { GRAPH ?g { ?s ng:about|ng:heldBy ?o }
                                   FILTER(?g != <https://w3id.org/newsgraph/graph/ontology>) }""")
