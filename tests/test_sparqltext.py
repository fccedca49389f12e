"""The network gate's reading of SPARQL text (graph/sparqltext.py), in process and without a store:
what it refuses, where it says the keyword is, and what it lets through. These pin the mutants of
`refuse_network` and `check_nesting` that the end-to-end gate tests (tests/test_gate.py, which
check that nothing reaches a listener) leave alive: a message at the wrong place, a lost hint, an
allowed endpoint refused, a nesting limit moved by one (docs/ontology.md, "Mutation testing")."""

from __future__ import annotations

import pytest
from newsgraph.errors import InputError, RefusedError
from newsgraph.graph.sparqltext import MAX_NESTING, check_nesting, refuse_network

FETCH = "is refused: newsgraph does not fetch anything from the network while it runs a query or an update"


def refusal(text: str, **options) -> RefusedError:
    with pytest.raises(RefusedError) as caught:
        refuse_network(text, "q", **options)
    return caught.value


def test_a_service_is_refused_at_its_line_and_column_with_the_allowlist_hint():
    error = refusal("SELECT * WHERE {\n  SERVICE <http://x.example/sparql> { ?s ?p ?o } }")
    assert error.args[0] == f"q:2:3: SERVICE <http://x.example/sparql> {FETCH} (allow an endpoint with {{option}} URL)"
    assert error.option == "allowed_services"
    assert str(error) == error.args[0].replace("{option}", "allowed_services")
    assert error.explain({"allowed_services": "--allow-service"}).endswith("(allow an endpoint with --allow-service URL)")


def test_a_service_with_a_variable_endpoint_is_refused_without_a_hint():
    error = refusal("SELECT * WHERE {\n  SERVICE SILENT ?e { ?s ?p ?o } }")
    assert str(error) == f"q:2:3: SERVICE ?e {FETCH}"
    assert error.option is None


@pytest.mark.parametrize("text, column", [
    ("SELECT * WHERE { SERVICE\r<http://x/> {} }", 18),  # a CR is space, not a line end, for the column
    ('SELECT * WHERE { """a\\"""" SERVICE <http://x/> {} }', 28),  # \" inside a long string
    ("SELECT * WHERE { ?s ?p ?o } #\rSERVICE <http://x/> {}", 31),  # a comment ends at CR
])
def test_a_service_the_hand_tokenizer_might_miss_is_found_at_its_place(text, column):
    assert str(refusal(text)).startswith(f"q:1:{column}: SERVICE <http://x/> {FETCH}")


def test_a_service_written_together_with_silent_is_refused_by_the_engine():
    assert str(refusal("SELECT * WHERE { SERVICESILENT <http://x/> {} }")) == f"q:1:18: SERVICE <http://x/> {FETCH}"
    # the words changed before it keep their length, so the engine's error is still at the keyword
    text = 'SELECT * WHERE { BIND("service load" AS ?x) SERVICESILENT <http://x/> {} }'
    assert str(refusal(text)) == f"q:1:45: SERVICE <http://x/> {FETCH}"


def test_load_is_refused_naming_its_target_not_silent():
    error = refusal("LOAD SILENT <http://x.example/data.ttl> INTO GRAPH <urn:g>", update=True)
    assert str(error) == f"q:1:1: LOAD <http://x.example/data.ttl> {FETCH}"
    assert error.option is None
    error = refusal("PREFIX ex: <http://x.example/>\nINSERT DATA { ex:a ex:b ex:c } ;\n  LOAD <http://x.example/d>",
                    update=True)
    assert str(error) == f"q:3:3: LOAD <http://x.example/d> {FETCH}"
    assert str(refusal("LOAD<http://x.example/d>", update=True)) == f"q:1:1: LOAD <http://x.example/d> {FETCH}"


def test_an_allowed_endpoint_passes_by_iri_and_by_prefixed_name():
    allowed = frozenset({"http://x.example/sparql"})
    assert refuse_network("SELECT * WHERE { SERVICE <http://x.example/sparql> { ?s ?p ?o } }", "q", allowed) is None
    assert refuse_network("PREFIX ex: <http://x.example/>\nSELECT * WHERE { SERVICE ex:sparql { ?s ?p ?o } }", "q",
                          allowed) is None
    assert refuse_network("SELECT * WHERE { SERVICE ex:sparql { ?s ?p ?o } }", "q", allowed,
                          {"ex": "http://x.example/"}) is None
    # the allowlist names endpoints exactly: another path on the same host is refused
    assert str(refusal("SELECT * WHERE { SERVICE <http://x.example/other> {} }", allowed_services=allowed)).startswith(
        f"q:1:18: SERVICE <http://x.example/other> {FETCH}")


def test_a_service_inside_an_allowed_service_is_refused_at_its_place():
    error = refusal("SELECT * WHERE { SERVICE <http://x.example/sparql> {\n ?s ?p ?o SERVICE <http://y/> {} } }",
                    allowed_services=frozenset({"http://x.example/sparql"}))
    assert str(error) == ("q:2:11: a SERVICE inside SERVICE <http://x.example/sparql> is refused: "
                          "newsgraph does not pass a query on to other endpoints")


def test_a_later_service_is_refused_after_an_allowed_one():
    error = refusal("SELECT * WHERE { SERVICE <http://x.example/sparql> { ?s ?p ?o }\n SERVICE <http://y/> { ?s ?p ?o } }",
                    allowed_services=frozenset({"http://x.example/sparql"}))
    assert str(error).startswith(f"q:2:2: SERVICE <http://y/> {FETCH}")


@pytest.mark.parametrize("text", [
    '# LOAD <http://x/>\nSELECT ("SERVICE" AS ?x) WHERE {}',
    "SELECT * WHERE { BIND(<http://example.org/service#load> AS ?x) }",
    "PREFIX load: <urn:test:load/>\nSELECT ?x WHERE { BIND(load:service AS ?x) }",
])
def test_text_that_only_mentions_service_or_load_passes(text):
    assert refuse_network(text, "q") is None


def test_an_update_that_only_mentions_load_passes_and_a_broken_one_is_an_input_error():
    assert refuse_network('INSERT DATA { <a:b> <a:c> "load" }', "u", update=True) is None
    with pytest.raises(InputError) as caught:
        refuse_network("INSERT DATA { <a:b> <a:c> }", "u", update=True)
    assert not isinstance(caught.value, RefusedError)
    assert str(caught.value).startswith("u:1:27: SPARQL syntax error: ")


def test_a_broken_query_with_a_network_word_is_an_input_error_at_its_place():
    with pytest.raises(InputError) as caught:
        refuse_network('SELECT * WHERE {\n ?s ?p "service" . ?s }', "q")
    assert not isinstance(caught.value, RefusedError)
    assert str(caught.value).startswith("q:2:")
    assert "SPARQL syntax error" in str(caught.value)


def test_nesting_is_bounded_at_the_limit_exactly():
    assert MAX_NESTING == 64
    assert check_nesting("SELECT * WHERE " + "{" * 64 + "}" * 64, "q") is None
    # brackets in strings and comments do not count, and closing brackets undo opening ones
    assert check_nesting('SELECT * WHERE { "((((" } # ' + "(" * 100 + "\n" + "{}" * 100, "q") is None
    with pytest.raises(InputError) as caught:
        check_nesting("SELECT * WHERE\n" + "(" * 30 + "[" * 20 + "{" * 15 + "}" * 15, "q")
    assert str(caught.value) == ("q:2:65: brackets and braces nest more than 64 levels deep; "
                                 "newsgraph refuses such text before parsing it")
    with pytest.raises(InputError) as caught:
        refuse_network("SELECT * WHERE " + "{" * 65 + "}" * 65, "q")
    assert str(caught.value).startswith("q:1:80: brackets and braces nest more than 64 levels deep")


def test_the_engine_reads_the_text_with_the_base_iri_it_will_run_with():
    text = 'SELECT * WHERE { BIND(<relative> AS ?x) BIND("service" AS ?y) }'
    assert refuse_network(text, "q", base_iri="http://example.org/") is None
    with pytest.raises(InputError):  # a relative IRI without a base does not parse
        refuse_network(text, "q")


def test_service_blocks_are_found_with_their_places_wherever_the_keyword_is():
    """Each outermost SERVICE block: the keyword's place, its group's braces, its endpoint (a
    prefixed name expanded), SILENT; a SERVICE first in the text, at its end with nothing after
    it, and one with other tokens between its endpoint and its group."""
    from newsgraph.graph.sparqltext import ServiceBlock, service_blocks

    def blocks(text):
        return list(service_blocks(text, {"ex": "http://x.example/"}))

    assert blocks("SERVICE <urn:e> { ?s ?p ?o }") == [ServiceBlock(0, 16, 28, "urn:e", False, 1, 1)]
    assert blocks("SELECT * WHERE { ?s ?p ?o\nSERVICE") == [ServiceBlock(26, 33, 33, "", False, 2, 1)]
    assert blocks("SELECT * WHERE { SERVICE SILENT") == [ServiceBlock(17, 31, 31, "", True, 1, 18)]
    assert blocks("SELECT * WHERE { SERVICE <urn:e>") == [ServiceBlock(17, 32, 32, "urn:e", False, 1, 18)]
    assert [block.endpoint for block in blocks("SELECT * WHERE { SERVICE <urn:a> {}SERVICE <urn:b> {} }")] == [
        "urn:a", "urn:b"], "a SERVICE right after the previous block's brace"
    assert blocks("SELECT * WHERE { SERVICE SILENT ex:q {} SERVICE <urn:b> { { ?s ?p ?o } } ?x ?y ?z }") == [
        ServiceBlock(17, 37, 39, "http://x.example/q", True, 1, 18), ServiceBlock(40, 56, 72, "urn:b", False, 1, 41)]
    assert blocks("SELECT * WHERE { SERVICE <urn:e> ?x { } }") == [ServiceBlock(17, 36, 39, "urn:e", False, 1, 18)]
    assert blocks("SELECT * WHERE { SERVICE SILENT <urn:e> ?x ?y { } }") == [ServiceBlock(17, 46, 49, "urn:e", True, 1, 18)]
    assert blocks("SELECT * WHERE { ?s ?p ?o }") == []


def test_service_endpoints_are_expanded_as_the_query_declares_them():
    from newsgraph.graph.sparqltext import service_blocks

    def endpoints(text):
        return [block.endpoint for block in service_blocks(text, {"ex": "http://x.example/"})]

    assert endpoints("prefix ex: <http://y.example/>\nSELECT * WHERE { SERVICE ex:q {} }") == ["http://y.example/q"]
    assert endpoints("SELECT * WHERE { SERVICE unknown:q {} }") == ["unknown:q"]
    assert endpoints("SELECT * WHERE { SERVICE ex {} }") == ["ex"]
    assert endpoints("SELECT * WHERE { SERVICE $e {} }") == ["?e"]
    assert endpoints("SELECT * WHERE { SERVICE ?e {} }") == ["?e"]
    assert str(refusal("SELECT * WHERE { SERVICE $e { ?s ?p ?o } }")) == f"q:1:18: SERVICE ?e {FETCH}"


def test_a_load_with_nothing_after_it_is_named_alone():
    assert str(refusal("LOAD", update=True)) == f"q:1:1: LOAD {FETCH}"
    assert str(refusal("CLEAR ALL ; LOAD SILENT", update=True)) == f"q:1:13: LOAD {FETCH}"


def test_a_prefixed_endpoint_with_a_colon_in_its_local_name_is_the_whole_name():
    """`ex:a:b` is http://e/a:b (PN_LOCAL holds colons), as the engine reads it: the gate names
    and allows that endpoint, never http://e/a."""
    text = "PREFIX ex: <http://e/> SELECT * WHERE { SERVICE ex:a:b { ?s ?p ?o } }"
    with pytest.raises(RefusedError, match=r"^q:1:41: SERVICE <http://e/a:b> is refused"):
        refuse_network(text, "q", frozenset({"http://e/a"}))
    refuse_network(text, "q", frozenset({"http://e/a:b"}))
    refuse_network("PREFIX ex: <http://e/> SELECT * WHERE { SERVICE ex:a { ?s ?p ex:o. } }", "q", frozenset({"http://e/a"}))
