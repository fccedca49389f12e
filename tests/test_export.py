"""Exports parse back, in every format, into a graph isomorphic to the store's; Turtle is
deterministic and self-contained."""

from __future__ import annotations

import pytest
from newsgraph.graph.formats import RDF_FORMATS, rdf_format

RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld", "xml": "xml"}


def _store_union_graph(store):
    """The store's triples, serialised straight from the store (not by our exporter)."""
    import pyoxigraph as ox
    import rdflib

    data = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in store.quads()], format=ox.RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=data, format="nt")


@pytest.mark.parametrize("fmt", [f for f in RDF_FORMATS if not f.datasets], ids=lambda f: f.name)
def test_triple_formats_round_trip_through_rdflib(store, fmt):
    import rdflib
    from rdflib.compare import isomorphic

    exported = rdflib.Graph().parse(data=store.export(fmt), format=RDFLIB_FORMAT[fmt.name])
    expected = _store_union_graph(store)
    distinct = {(q.subject, q.predicate, q.object) for q in store.quads()}
    assert len(exported) == len(distinct)
    assert isomorphic(exported, expected)


@pytest.mark.parametrize("fmt", [f for f in RDF_FORMATS if f.datasets], ids=lambda f: f.name)
def test_dataset_formats_keep_every_named_graph(store, fmt):
    import rdflib
    from rdflib.compare import isomorphic

    exported = rdflib.Dataset()
    # JSON-LD keeps named graphs when they are asked for; the whole store is one graph (below).
    chosen = store.graph_names() if fmt.name == "jsonld" else None
    exported.parse(data=store.export(fmt, chosen), format=RDFLIB_FORMAT[fmt.name])
    names = sorted(str(g.identifier) for g in exported.graphs() if len(g))
    assert names == store.graph_names()
    for name in names:
        import pyoxigraph as ox

        raw = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in store.quads(name)], format=ox.RdfFormat.N_TRIPLES)
        expected = rdflib.Graph().parse(data=raw, format="nt")
        assert isomorphic(exported.graph(rdflib.URIRef(name)), expected), name


def test_turtle_is_deterministic_across_rebuilds(tmp_path):
    from newsgraph.graph.model.build import build_store
    from newsgraph.graph.store import GraphStore

    outputs = []
    for attempt in range(2):
        with GraphStore(tmp_path / f"store{attempt}") as store:
            build_store(store)
            build_store(store)
            outputs.append(store.export(rdf_format("turtle")))
    assert outputs[0] == outputs[1]
    assert outputs[0].startswith(b"@prefix")


def test_formats_are_found_by_name_extension_or_media_type():
    assert rdf_format("ttl") is rdf_format("text/turtle") is rdf_format("turtle")
    assert rdf_format("application/ld+json").name == "jsonld"
    assert rdf_format(".nq").name == "nquads"


def test_turtle_export_alone_answers_which_sentence_and_source_support_a_fact(store):
    """Loaded alone into rdflib, the Turtle export still tells which sentence and source
    support "Akazawa negotiates with Bessent"."""
    import rdflib

    graph = rdflib.Graph().parse(data=store.export(rdf_format("turtle")), format="turtle")
    answer = list(graph.query("""
        PREFIX ng: <https://w3id.org/newsgraph/ontology#>
        PREFIX ngid: <https://w3id.org/newsgraph/id/>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX gaf: <http://groundedannotationframework.org/gaf#>
        PREFIX grasp: <http://groundedannotationframework.org/grasp#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?sentence ?source ?certainty WHERE {
          ngid:ryosei-akazawa ng:negotiatesWith ngid:scott-bessent .
          ?st rdf:subject ngid:ryosei-akazawa ; rdf:predicate ng:negotiatesWith ; rdf:object ngid:scott-bessent ;
              gaf:denotedBy ?m .
          ?m nif:sentence/nif:anchorOf ?sentence ; grasp:wasAttributedTo/rdfs:label ?source ;
             grasp:hasAttribution/rdf:value ?certainty .
        }"""))
    assert len(answer) == 1
    sentence, source, certainty = (str(value) for value in answer[0])
    assert sentence.startswith("In this context, Minister Akazawa Ryosei is scheduled to depart")
    assert source.startswith("Chosun Biz, 28 May 2025")
    assert certainty == "http://groundedannotationframework.org/grasp/factuality#probable"


def test_json_ld_is_compacted_and_read_alike_by_rdflib_and_pyld(store):
    import json

    import rdflib
    from pyld import jsonld
    from rdflib.compare import isomorphic

    data = store.export(rdf_format("jsonld"))
    document = json.loads(data)
    assert document["@context"]["ngid"] == "https://w3id.org/newsgraph/id/"
    assert any(node.get("@id") == "ngid:nvidia" for node in document["@graph"])
    expected = _store_union_graph(store)
    by_rdflib = rdflib.Graph().parse(data=data, format="json-ld")
    by_pyld = rdflib.Graph().parse(data=jsonld.to_rdf(document, {"format": "application/n-quads"}), format="nt")
    assert len(by_rdflib) == len(by_pyld) == len(expected) > 3000
    assert isomorphic(by_rdflib, expected) and isomorphic(by_pyld, expected)


def test_turtle_names_read_cleanly(store):
    text = store.export(rdf_format("turtle")).decode("utf-8")
    assert "\\/" not in text and "\\=" not in text  # no escaped local names
    assert "ngid:nvidia " in text
    assert "<https://w3id.org/newsgraph/id/article/chosunbiz-2025-05-28#char=" in text
    lines = text.splitlines()
    declared = [line.split()[1] for line in lines if line.startswith("@prefix")]
    body = "\n".join(line for line in lines if not line.startswith("@prefix"))
    assert declared == sorted(declared) and all(prefix in body for prefix in declared)  # only used prefixes
