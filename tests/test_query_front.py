"""The query front end in process, no store built (issue 21, mutation testing of graph/sparql.py):
parameter values to RDF terms by the declared types, Turtle term syntax, the language hint, and
the rendering of SELECT, ASK and CONSTRUCT results in each format."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from newsgraph.errors import InputError
from newsgraph.graph.sparql import _no_rows, bind, graph_format, language_hints, rdf_term, render
from newsgraph.queries import NamedQuery, Param

XSD = "http://www.w3.org/2001/XMLSchema#"
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
QUERY = NamedQuery("q", "title", "description", "SELECT * {}", (
    Param("who", "iri", False, "an entity"), Param("n", "integer", True, "how many"), Param("s", "string", True, "a text")))


def test_unknown_and_missing_parameters_are_named_with_what_is_allowed():
    with pytest.raises(InputError, match=r"^query 'q' has no parameter 'x' \(parameters: who, n, s\)$"):
        bind(QUERY, {"who": "ngid:a", "x": "1"})
    with pytest.raises(InputError, match=r"^query 'e' has no parameter 'a' \(parameters: none\)$"):
        bind(NamedQuery("e", "t", "d", "ASK {}"), {"a": "1"})
    with pytest.raises(InputError, match=r"^query 'q' needs parameter 'who' \(an entity\)$"):
        bind(QUERY, {"n": "1"})
    assert bind(QUERY, {"who": "<urn:a>"}) == {"who": ox.NamedNode("urn:a")}  # the optional ones may be left out


def test_declared_types_make_their_terms():
    terms = bind(QUERY, {"who": "ngid:japan", "n": "-7", "s": '"NVIDIA"@en'})
    assert terms == {"who": ox.NamedNode("https://w3id.org/newsgraph/id/japan"),
                     "n": ox.Literal("-7", datatype=ox.NamedNode(XSD + "integer")), "s": ox.Literal("NVIDIA", language="en")}
    assert bind(QUERY, {"who": "urn:x:a", "s": "<urn:a>"})["s"] == ox.Literal("<urn:a>")  # a declared string stays text
    assert bind(QUERY, {"who": "urn:x:a", "s": "NVIDIA"})["s"] == ox.Literal("NVIDIA")
    dated = NamedQuery("d", "t", "d", "ASK {}", (Param("on", "date", False, "a day"), Param("who", "name", False, "a name")))
    assert bind(dated, {"on": "2025-05-28", "who": "Akazawa"}) == {
        "on": ox.Literal("2025-05-28", datatype=ox.NamedNode(XSD + "date")), "who": ox.Literal("Akazawa")}


@pytest.mark.parametrize("param, value, error", [
    (Param("who", "iri", False, ""), "bad iri", r"^parameter who='bad iri': not an IRI or a known prefixed name$"),
    (Param("who", "iri", False, ""), "http://[::1", r"^parameter who='http://\[::1': Invalid character"),
    (Param("on", "date", False, ""), "2025-5-28", r"^parameter on='2025-5-28': not a date \(YYYY-MM-DD\)$"),
    (Param("on", "date", False, ""), "2025-05-28T00:00", r"^parameter on='2025-05-28T00:00': not a date"),
    (Param("n", "integer", False, ""), "7.0", r"^parameter n='7.0': not an integer$"),
    (Param("n", "integer", False, ""), "7 ", r"^parameter n='7 ': not an integer$"),
    (Param("v", "decimal", False, ""), "1e3", r"^parameter v='1e3': not a decimal number$"),
    (Param("v", "float", False, ""), "1", r"^parameter v='1': unknown parameter type float$"),
    (Param("s", "string", False, ""), '"unclosed', r"^parameter s='\"unclosed': not an RDF term in Turtle syntax"),
])
def test_a_value_that_is_not_of_its_type_is_one_line(param, value, error):
    with pytest.raises(InputError, match=error):
        bind(NamedQuery("t", "t", "d", "ASK {}", (param,)), {param.name: value})


@pytest.mark.parametrize("value, expected", [
    ("  <urn:a> ", ox.NamedNode("urn:a")),
    ("-1.5e3", ox.Literal("-1.5e3", datatype=ox.NamedNode(XSD + "double"))),
    (".5", ox.Literal(".5", datatype=ox.NamedNode(XSD + "decimal"))),
    ("+5", ox.Literal("+5", datatype=ox.NamedNode(XSD + "integer"))),
    ("false", ox.Literal("false", datatype=ox.NamedNode(XSD + "boolean"))),
    ("TRUE", ox.Literal("TRUE")),
    ("xsd:string", ox.NamedNode(XSD + "string")),
    ("ngid:a-b.c", ox.NamedNode("https://w3id.org/newsgraph/id/a-b.c")),
    (" unknown:x", ox.Literal(" unknown:x")),  # an unknown prefix: the text as written
    ("a b:c", ox.Literal("a b:c")),
    # Not terms: a trailing dot would end a Turtle statement, so they stay the text as written.
    ("1.", ox.Literal("1.")),
    ("ngid:a.", ox.Literal("ngid:a.")),
    ('"x" .', None),
])
def test_turtle_terms_and_plain_text(value, expected):
    if expected is None:
        with pytest.raises(InputError, match="^W: not an RDF term in Turtle syntax"):
            rdf_term(value, "W")
    else:
        assert rdf_term(value, "W") == expected


def test_a_plain_string_gets_a_hint_when_the_store_has_it_with_a_language_tag():
    engine = ox.Store()
    engine.add(ox.Quad(ox.NamedNode("urn:x:japan"), LABEL, ox.Literal("Japan", language="en")))
    engine.add(ox.Quad(ox.NamedNode("urn:x:korea"), LABEL, ox.Literal("Korea")))

    class Store:
        def query(self, sparql, bindings):
            return engine.query(sparql, substitutions={ox.Variable(k): v for k, v in bindings.items()})

    bindings = {"name": ox.Literal("Japan"), "tagged": ox.Literal("Japan", language="en"), "iri": ox.NamedNode("urn:Japan"),
                "typed": ox.Literal("Japan", datatype=ox.NamedNode("urn:x:t")), "plain": ox.Literal("Korea"),
                "missing": ox.Literal("Canada")}
    assert language_hints(Store(), bindings) == (("name", "Japan", '"Japan"@en'),)


def _store() -> ox.Store:
    engine = ox.Store()
    engine.add(ox.Quad(ox.NamedNode("https://w3id.org/newsgraph/id/japan"), LABEL, ox.Literal("Japan", language="en")))
    engine.add(ox.Quad(ox.BlankNode("b1"), LABEL, ox.Literal("Nippon")))
    return engine


SELECT = "SELECT ?e ?name ?none WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?name"


def test_a_table_shows_prefixed_names_blank_nodes_texts_and_unset_cells_and_hides_columns():
    outcome = render(_store().query(SELECT), None)
    assert outcome == (b"", None, "text/plain", (["e", "name", "none"], [["ngid:japan", "Japan", ""], ["_:b1", "Nippon", ""]]),
                       False, ())
    hidden = render(_store().query(SELECT), "table", frozenset({"none", "name"}))
    assert hidden.table == (["e"], [["ngid:japan"], ["_:b1"]])
    assert render(_store().query(SELECT + " LIMIT 0"), None).empty is True


@pytest.mark.parametrize("fmt, media_type", [("csv", "text/csv; charset=utf-8"), ("tsv", "text/tab-separated-values; charset=utf-8"),
                                             ("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml")])
def test_serialised_results_say_whether_they_hold_rows(fmt, media_type):
    full = render(_store().query(SELECT), fmt)
    assert (full.media_type, full.empty, full.table) == (media_type, False, None)
    assert b"Nippon" in full.data
    assert render(_store().query(SELECT + " LIMIT 0"), fmt).empty is True
    assert render(_store().query(SELECT), None, default_results=fmt).data == full.data


def test_no_rows_by_format():
    assert _no_rows(b"e,name\r\n", "csv") is True
    assert _no_rows(b"e,name\r\nx,y\r\n", "csv") is False
    assert _no_rows(b"?e\t?name\n", "tsv") is True
    assert _no_rows(b'{"head":{"vars":["e"]},"results":{"bindings": [ ]}}', "json") is True
    assert _no_rows(b'{"head":{"vars":["e"]},"results":{"bindings":[{}]}}', "json") is False
    assert _no_rows(b"<results></results>", "xml") is True
    assert _no_rows(b"<results><result></result></results>", "xml") is False
    assert _no_rows(b'<results><result a="1"></result></results>', "xml") is False
    assert _no_rows(b"", "table") is None


def test_ask_answers_as_text_or_in_a_results_format():
    assert render(_store().query("ASK { ?s ?p ?o }"), None)[:3] == (b"true\n", True, "text/plain")
    assert render(_store().query("ASK { <urn:x> ?p ?o }"), "table")[:3] == (b"false\n", False, "text/plain")
    json = render(_store().query("ASK { ?s ?p ?o }"), "json")
    assert json[:3] == (b'{"head":{},"boolean":true}', True, "application/sparql-results+json")
    assert render(_store().query("ASK { ?s ?p ?o }"), None, default_results="json") == json


def test_graphs_are_turtle_by_default_json_ld_for_json_or_the_graph_output():
    construct = "CONSTRUCT WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o }"
    turtle = render(_store().query(construct), None)
    assert turtle.media_type == "text/turtle"
    assert b'ngid:japan rdfs:label "Japan"@en .' in turtle.data
    assert render(_store().query(construct), "table").data == turtle.data
    nt = render(_store().query(construct), "json", graph_output="nt")
    assert nt.media_type == "application/n-triples"
    assert b'<https://w3id.org/newsgraph/id/japan> <http://www.w3.org/2000/01/rdf-schema#label> "Japan"@en .' in nt.data
    remote = render([ox.Triple(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.Literal("c"))], "json")
    assert remote.media_type == "application/ld+json"
    assert [graph_format(output).name for output in (None, "table", "json", "nt", "ttl")] == [
        "turtle", "turtle", "jsonld", "ntriples", "turtle"]


@pytest.mark.parametrize("keyword", ["MINUS", "FILTER NOT EXISTS"])
def test_negation_is_answered_not_refused(cli_store, keyword):
    """MINUS and NOT EXISTS are plain SPARQL: the network gate and the syntax checks let them
    through, and the answer is the countries but Japan, through the installed command."""
    from conftest import run_cli

    query = f'SELECT ?c WHERE {{ ?c a schema:Country {keyword} {{ ?c rdfs:label "Japan"@en }} }} ORDER BY ?c'
    result = run_cli("query", "-q", query, "-F", "csv", store=cli_store)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["c", "https://w3id.org/newsgraph/id/canada", "https://w3id.org/newsgraph/id/united-states"]


def test_a_name_may_be_given_as_a_turtle_literal_and_an_iri_with_an_upper_case_scheme():
    named = NamedQuery("n", "t", "d", "ASK {}", (Param("who", "name", False, "a name"),))
    assert bind(named, {"who": '"Akazawa"@ja'}) == {"who": ox.Literal("Akazawa", language="ja")}
    with pytest.raises(InputError, match=r"^parameter who='\"Akazawa': not an RDF term in Turtle syntax"):
        bind(named, {"who": '"Akazawa'})
    # RFC 3986: a scheme starts with a letter, either case, then letters, digits, +, - and .
    assert bind(QUERY, {"who": "URN:X:A"})["who"] == ox.NamedNode("URN:X:A")
    assert bind(QUERY, {"who": "Z9+.-:a"})["who"] == ox.NamedNode("Z9+.-:a")


def test_a_hint_is_looked_for_after_a_binding_that_gets_none():
    engine = ox.Store()
    engine.add(ox.Quad(ox.NamedNode("urn:x:japan"), LABEL, ox.Literal("Japan", language="en")))

    class Store:
        def query(self, sparql, bindings):
            return engine.query(sparql, substitutions={ox.Variable(k): v for k, v in bindings.items()})

    bindings = {"iri": ox.NamedNode("urn:Japan"), "n": ox.Literal("1", datatype=ox.NamedNode(XSD + "integer")),
                "name": ox.Literal("Japan")}
    assert language_hints(Store(), bindings) == (("name", "Japan", '"Japan"@en'),)


def test_a_quoted_triple_in_a_table_is_its_three_terms():
    results = ox.Store().query("SELECT ?t WHERE { BIND(TRIPLE(<urn:a>, <urn:b>, \"c\") AS ?t) }")
    assert render(results, None).table == (["t"], [['<urn:a> <urn:b> "c"']])


CONSTRUCT = "CONSTRUCT WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o }"


def test_a_graph_as_compacted_json_ld():
    import json

    from newsgraph.ontology import PREFIXES

    document = json.loads(render(_store().query(CONSTRUCT), "json").data)
    assert document == {"@context": dict(PREFIXES), "@graph": [
        {"@id": "_:b1", "rdfs:label": "Nippon"}, {"@id": "ngid:japan", "rdfs:label": {"@language": "en", "@value": "Japan"}}]}


def test_a_graph_in_n_quads_trig_and_rdf_xml():
    """Formats of datasets get the triples as quads of the default graph; TriG and RDF/XML are
    written with the project's prefixes, N-Quads in full."""
    nq = render(_store().query(CONSTRUCT), None, graph_output="nq")
    assert nq.media_type == "application/n-quads"
    assert sorted(nq.data.decode().splitlines()) == [
        '<https://w3id.org/newsgraph/id/japan> <http://www.w3.org/2000/01/rdf-schema#label> "Japan"@en .',
        '_:b1 <http://www.w3.org/2000/01/rdf-schema#label> "Nippon" .']
    trig = render(_store().query(CONSTRUCT), "trig")
    assert trig.media_type == "application/trig"
    assert sorted(trig.data.decode().splitlines()) == [
        '@prefix ngid: <https://w3id.org/newsgraph/id/> .', '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .',
        '_:b1 rdfs:label "Nippon" .', 'ngid:japan rdfs:label "Japan"@en .']
    xml = render(_store().query(CONSTRUCT), "json", graph_output="rdf")
    assert xml.media_type == "application/rdf+xml"
    assert b' xmlns:ngid="https://w3id.org/newsgraph/id/"' in xml.data and b' xmlns:rdfs="' in xml.data
    assert b'<rdfs:label xml:lang="en">Japan</rdfs:label>' in xml.data
