"""SPARQL syntax errors a person can read (issue 19): the place of the token that is wrong, what
was found there and the few tokens that would fit, never the engine's internals (`[_]`, Rust
character ranges, RDF 1.2 tokens, "Prefix not found"). Queries and updates; in the library, the
installed `newsgraph`, the server's 400 body; and, fuzzed, every message one line with a place."""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from servers import AUTHORISED, newsgraph_server

# What the engine says and a person should never see: "any character", Rust character ranges,
# RDF 1.2 tokens, its own words and sentences.
INTERNALS = re.compile(r"\[_\]|\.\.=|\{\||\|\}|~|<<|not found,|Prefix not found|parsing failed|expected one of|"
                       r"\\u\{|\['[^'\]]{1,8}'\]|The SELECT|authorized|VERSION|\b[A-Z][a-z]+ (?:and [a-z ]+)?are not allowed")

ANY = "SELECT, CONSTRUCT, DESCRIBE, ASK, PREFIX or BASE"
AFTER_WHERE = "GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET, VALUES or end of query"
AFTER_TRIPLE = "'}', '.', ';', ',' or another pattern (FILTER, OPTIONAL, …)"
TERM = "a variable, an IRI or a literal"

# (query, line, column, what is said after "SPARQL syntax error: ")
QUERIES = [
    # keywords misspelt or misplaced
    ("SELEC * WHERE {?s ?p ?o}", 1, 1, f"unexpected 'SELEC'; expected {ANY}"),
    ("SELECT * WHERE { ?s ?p ?o } LIMT 3", 1, 29,
     "unexpected 'LIMT'; expected LIMIT, GROUP BY, HAVING, ORDER BY, OFFSET, VALUES or end of query"),
    ("SELECT * WHERE { ?s ?p ?o . FILTR(?o) }", 1, 29,
     f"unexpected 'FILTR'; expected FILTER, '}}', another pattern (OPTIONAL, BIND, …), {TERM}"),
    ("SELECT ?s WHERE { ?s ?p ?o } GROUP ?s", 1, 36, "unexpected '?s'; expected BY"),
    ("SELECT * WHERE { ?s ?p ?o } ORDER BY ?o ASC", 1, 44, "unexpected end of query; expected '('"),
    ("SELECT * WHERE { ?s ?p ?o OPTIONAL ?s }", 1, 36, "unexpected '?s'; expected '{'"),
    ("SELECT * FROM WHERE { ?s ?p ?o }", 1, 15, "unexpected 'WHERE'; expected an IRI or NAMED"),
    ("ASK ?s", 1, 5, "unexpected '?s'; expected WHERE, '{' or FROM"),
    ("SELECT", 1, 7, "unexpected end of query; expected a variable, '*', '(', DISTINCT or REDUCED"),
    ("", 1, 1, f"unexpected end of query; expected {ANY}"),
    # braces and brackets
    ("SELECT * WHERE { ?s ?p ?o ", 1, 27, "unexpected end of query; expected '}'"),
    ("SELECT * WHERE { ?s ?p ?o OPTIONAL { ?s ?q ?r }", 1, 48, "unexpected end of query; expected '}'"),
    ("SELECT * WHERE { ?s ?p ?o }}", 1, 28, f"unexpected '}}'; expected {AFTER_WHERE}"),
    ("SELECT * WHERE { ?s ?p ?o ) }", 1, 27, f"unexpected ')'; expected {AFTER_TRIPLE}"),
    ("SELECT * WHERE { ?s ?p [ ?q ?r }", 1, 32, "unexpected '}'; expected ']', ';' or ','"),
    ("SELECT * WHERE {\n  ?s ?p \n}", 3, 1, f"unexpected '}}'; expected {TERM}"),
    ("SELECT ?s WHERE ?s ?p ?o", 1, 17, "unexpected '?s'; expected '{'"),
    # IRIs
    ("SELECT * WHERE { ?s ?p <http://example.org/a b> }", 1, 24,
     "bad IRI '<http://example.org/a b>': a space is not allowed in an IRI"),
    ("SELECT * WHERE { ?s ?p <http://example.org/%zz> }", 1, 24, "bad IRI '<http://example.org/%zz>'"),
    ("SELECT * WHERE { ?s ?p 'x'^^<bad iri> }", 1, 29, "bad IRI '<bad iri>': a space is not allowed in an IRI"),
    # strings
    ('SELECT * WHERE { ?s ?p "abc }', 1, 24, 'unterminated string: no closing " on its line'),
    ("SELECT * WHERE {\n  ?s ?p '''abc\n}", 2, 9, "unterminated string: no closing '''"),
    ('SELECT * WHERE { ?s ?p ?o FILTER(?o = "abc) }', 1, 39, 'unterminated string: no closing " on its line'),
    # stray characters
    ("SELECT * WHERE { ?s ?p %x }", 1, 24, f"unexpected '%x'; expected {TERM}"),
    ("SELECT * WHERE { ?s ?p ?o } @", 1, 29, f"unexpected '@'; expected {AFTER_WHERE}"),
    ("SELECT * WHERE { ?s ?p 'x'@123 }", 1, 27, f"unexpected '@123'; expected {AFTER_TRIPLE}"),
    ("SELECT * WHERE { ?s ?p ?o \u00a0}", 1, 27,
     f"unexpected character U+00A0 (NO-BREAK SPACE); expected {AFTER_TRIPLE}"),
    # prefixes: the project's are predeclared, others must be declared
    ("SELECT * WHERE { ?s foo:bar ?o }", 1, 21, "undeclared prefix 'foo:'"),
    ("SELECT * WHERE {\n  ?s rdfs:label ?l .\n  ?s ex:name ?n\n}", 3, 6, "undeclared prefix 'ex:'"),
    ("PREFIX ex <http://example.org/> SELECT * {}", 1, 8, "unexpected 'ex'; expected a prefix name (ex:)"),
    # projections and aggregates
    ("SELECT (COUNT(?s) ?c) WHERE { ?s ?p ?o }", 1, 19, "unexpected '?c'; expected AS"),
    ("SELECT (SUMM(?s) AS ?c) WHERE { ?s ?p ?o }", 1, 9,
     f"unexpected 'SUMM'; expected SUM, {TERM.replace(' or', ',')}, '(' or a function"),
    ("SELECT ?o (COUNT(?s) AS ?n) WHERE { ?s ?p ?o }", 1, 8,
     "?o is selected but is neither in GROUP BY nor in an aggregate"),
    ("SELECT * WHERE { ?s ?p ?o } GROUP BY ?s", 1, 8,
     "SELECT * cannot be used with GROUP BY or an aggregate; name the variables"),
    ("SELECT (?o + 1 AS ?c) WHERE { ?s ?p ?o } GROUP BY ?s", 1, 9,
     "?o is used in a SELECT expression but is neither in GROUP BY nor in an aggregate"),
    ("SELECT ?s ?s WHERE { ?s ?p ?o }", 1, 11, "?s is selected twice"),
    ("SELECT (1 AS ?o) WHERE { ?s ?p ?o }", 1, 14,
     "?o is already bound in the query's pattern; give the expression a new name"),
    ("SELECT * WHERE { ?s ?p ?o BIND(1 AS ?o) }", 1, 37,
     "?o is already bound before this BIND; BIND needs a new variable"),
    ("SELECT * WHERE { VALUES (?a ?b) { (1) } }", 1, 35, "this row of VALUES has 1 value for 2 variables"),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT -1", 1, 35, "unexpected '-'; expected a number"),
    # the letters of a network keyword send the text through the gate's own parse first
    ("# service and load are only words here\nSELECT * WHERE { ?s ?p ?o } LIMT 3", 2, 29,
     "unexpected 'LIMT'; expected LIMIT, GROUP BY, HAVING, ORDER BY, OFFSET, VALUES or end of query"),
]

UPDATES = [
    ("DELET DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }", 1, 1,
     "unexpected 'DELET'; expected DELETE, INSERT, CLEAR, CREATE, DROP, COPY, MOVE or ADD"),
    ("INSERT DATA { <http://example.org/a> <http://example.org/b> ?x }", 1, 61,
     "variables are not allowed in INSERT DATA (found '?x')"),
    ("INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> ", 1, 84,
     "unexpected end of update; expected '}'"),
    ("DELETE DATA { _:b <http://example.org/b> <http://example.org/c> }", 1, 15,
     "variables and blank nodes are not allowed in DELETE DATA (found '_:b')"),
    ("DELETE { ?s ?p [] } WHERE { ?s ?p ?o }", 1, 16, "blank nodes are not allowed in DELETE (found '[')"),
    ("DROP GRAF <http://example.org/g>", 1, 6, "unexpected 'GRAF'; expected GRAPH, DEFAULT, NAMED, ALL or SILENT"),
    ("CLEAR", 1, 6, "unexpected end of update; expected GRAPH, DEFAULT, NAMED, ALL or SILENT"),
    ("COPY <http://example.org/a> <http://example.org/b>", 1, 29, "unexpected '<http://example.org/b>'; expected TO"),
    ("INSERT { ?s ?p ?o }", 1, 20, "unexpected end of update; expected WHERE or USING"),
    ("INSERT DATA { <http://example.org/a> foo:b <http://example.org/c> }", 1, 38, "undeclared prefix 'foo:'"),
    ("INSERT DATA { _:b ng:p ng:o } ;\nINSERT DATA { _:b ng:p ng:q }", 2, 15,
     "the blank node _:b is used in two blocks of the update; a blank node names one node per block"),
]


def _said(source: str, line: int, column: int, what: str) -> str:
    return f"{source}:{line}:{column}: SPARQL syntax error: {what}"


def test_the_internals_pattern_recognises_what_the_engine_says():
    """The issue's examples, as pyoxigraph words them: what INTERNALS is there to keep out."""
    import pyoxigraph as ox
    from newsgraph.ontology import PREFIXES

    for query in ("SELECT * WHERE { ?s ?p ?o ", "SELECT * WHERE { ?s foo:bar ?o }", "SELECT * WHERE { ?s ?p ?o }}",
                  "SELECT * WHERE { ?s ?p ?o } ORDER BY"):
        with pytest.raises(SyntaxError) as raw:
            ox.Store().query(query, prefixes=PREFIXES)
        assert INTERNALS.search(str(raw.value)), str(raw.value)


def test_the_table_is_broad_and_its_messages_hold_no_internals():
    assert len(QUERIES) + len(UPDATES) >= 30
    for _, _, _, what in QUERIES + UPDATES:
        assert not INTERNALS.search(what), what


@pytest.mark.parametrize("query, line, column, what", QUERIES, ids=[row[0][:40] for row in QUERIES])
def test_a_broken_query_names_the_token_and_what_would_fit(store, query, line, column, what):
    from newsgraph.errors import InputError

    with pytest.raises(InputError) as caught:
        store.query(query, source="q")
    assert str(caught.value) == _said("q", line, column, what)


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    """A store of one triple, which the updates below must leave as it is."""
    from newsgraph.graph.api import Newsgraph

    folder = tmp_path_factory.mktemp("small")
    (folder / "one.ttl").write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    Newsgraph(folder / "store").import_sources([str(folder / "one.ttl")])
    return folder / "store"


def _quads(store_path) -> list[str]:
    from newsgraph.graph.store import GraphStore

    with GraphStore(store_path) as store:
        return sorted(map(str, store.quads()))


@pytest.mark.parametrize("update, line, column, what", UPDATES, ids=[row[0][:40] for row in UPDATES])
def test_a_broken_update_names_the_token_and_changes_nothing(small_store, update, line, column, what):
    from newsgraph.errors import InputError
    from newsgraph.graph.api import Newsgraph

    before = _quads(small_store)
    for dry_run in (True, False):
        with pytest.raises(InputError) as caught:
            Newsgraph(small_store).update(update, source="u", dry_run=dry_run)
        assert str(caught.value) == _said("u", line, column, what)
    assert _quads(small_store) == before


def test_the_command_line_says_it_in_one_line_and_the_store_is_unchanged(small_store, tmp_path):
    query = run_cli("query", "--sparql", "SELEC * WHERE {?s ?p ?o}", store=small_store)
    assert (query.returncode, query.stdout) == (2, "")
    assert query.stderr == "Error: " + _said("--sparql", *QUERIES[0][1:]) + "\n"
    before = _quads(small_store)
    update = run_cli("update", "--sparql", UPDATES[1][0], store=small_store)
    assert update.returncode == 2
    assert update.stderr == "Error: " + _said("--sparql", *UPDATES[1][1:]) + "\n"
    broken = tmp_path / "broken.ru"
    broken.write_text("PREFIX ex: <http://example.org/>\nINSERT DATA {\n  ex:a ex:b ex:c\n")
    dry = run_cli("update", "--dry-run", "--file", str(broken), store=small_store)
    assert dry.returncode == 2
    assert dry.stderr == "Error: " + _said(str(broken), 3, 17, "unexpected end of update; expected '}'") + "\n"
    assert _quads(small_store) == before


def test_the_server_answers_400_with_the_same_line(small_store):
    with newsgraph_server(small_store, "--allow-update") as base:
        query = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p %x }"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{base}/sparql?{query}", timeout=60)
        assert refused.value.code == 400
        assert refused.value.read().decode() == _said("query", 1, 24, f"unexpected '%x'; expected {TERM}") + "\n"
        before = urllib.request.urlopen(f"{base}/sparql?{urllib.parse.urlencode({'query': 'SELECT * {?s ?p ?o}'})}",
                                        timeout=60).read()
        request = urllib.request.Request(f"{base}/sparql", data=UPDATES[1][0].encode(), method="POST",
                                         headers={"Content-Type": "application/sparql-update", **AUTHORISED})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=60)
        assert refused.value.code == 400
        assert refused.value.read().decode() == _said("update", *UPDATES[1][1:]) + "\n"
        after = urllib.request.urlopen(f"{base}/sparql?{urllib.parse.urlencode({'query': 'SELECT * {?s ?p ?o}'})}",
                                       timeout=60).read()
        assert after == before


def test_a_text_too_long_to_search_still_names_the_token(store):
    """Past 200,000 characters the message names the token where the engine stopped, with no
    list of what would fit (each probe would parse the whole text again)."""
    from newsgraph.errors import InputError

    lines = "\n".join(f"  ?s{i} <http://example.org/p> ?o{i} ." for i in range(8000))
    with pytest.raises(InputError) as caught:
        store.query(f"SELECT * WHERE {{\n{lines}\n  ?s ?p %x }}", source="q")
    assert str(caught.value) == _said("q", 8002, 9, "unexpected '%x'")


# Valid requests to break: the named queries and a few updates.
def _valid_requests() -> list[tuple[str, bool]]:
    from newsgraph.queries import named_queries

    queries = [(query.text, False) for query in named_queries().values()]
    updates = ["PREFIX ex: <http://example.org/>\nINSERT DATA { GRAPH ex:g { ex:a ex:b \"c\"@en, 42 } }",
               "DELETE { ?s ng:p ?o } INSERT { ?s ng:q ?o } WHERE { ?s ng:p ?o FILTER(?o > 1) }",
               "DROP SILENT GRAPH <http://example.org/g> ;\nCLEAR DEFAULT"]
    return queries + [(text, True) for text in updates]


VALID = _valid_requests()
CHARACTERS = list("{}()[]<>\"'#?$:.;,*@^|/!=+-_ \n\taxSE0\\%") + ["\u00a0", "\r", "é", "AS", "WHERE"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(request=st.sampled_from(VALID), edits=st.lists(
    st.tuples(st.integers(min_value=0), st.booleans(), st.sampled_from(CHARACTERS)), min_size=1, max_size=3))
def test_every_syntax_error_of_a_mutated_request_is_one_line_with_a_place_and_no_internals(store, request, edits):
    """A character deleted or inserted anywhere in a valid query or update: what fails to parse
    is said in one line, with its line and column, in words and not in the engine's."""
    from newsgraph.errors import InputError
    from newsgraph.graph.sparqltext import check_update_syntax

    text, update = request
    for position, delete, piece in edits:
        position %= len(text) + 1
        text = text[:position] + text[position + 1:] if delete else text[:position] + piece + text[position:]
    try:
        if update:
            check_update_syntax(text, "m")
        else:
            store.query(text, source="m")
    except InputError as error:
        message = str(error)
        assert "\n" not in message and "\r" not in message, message
        if "SPARQL syntax error" in message:
            assert re.match(r"m:\d+:\d+: SPARQL syntax error: \S", message), message
            assert not INTERNALS.search(message), message
