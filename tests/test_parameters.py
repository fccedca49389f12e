"""Parameters as RDF terms: `-p` takes Turtle term syntax, and a plain string that matches
nothing while a language-tagged text exists gets a hint (README, `newsgraph query`)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from conftest import run_cli

LABEL = "SELECT ?e ?name WHERE { ?e rdfs:label ?name }"


@pytest.mark.parametrize("value, expected", [
    ("<https://w3id.org/newsgraph/id/nvidia>", ox.NamedNode("https://w3id.org/newsgraph/id/nvidia")),
    ("ngid:nvidia", ox.NamedNode("https://w3id.org/newsgraph/id/nvidia")),
    ('"NVIDIA"@en', ox.Literal("NVIDIA", language="en")),
    ('"5"^^xsd:integer', ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
    ("42", ox.Literal("42", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
    ("4.5", ox.Literal("4.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))),
    ("true", ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))),
    ("NVIDIA", ox.Literal("NVIDIA")),
    ("Akazawa Ryosei", ox.Literal("Akazawa Ryosei")),
    ("unknown:thing", ox.Literal("unknown:thing")),
    ("10:30", ox.Literal("10:30")),
])
def test_values_are_read_as_turtle_terms(value, expected):
    from newsgraph.graph.sparql import bind

    assert bind(None, {"x": value}) == {"x": expected}


@pytest.mark.parametrize("value", ["<http://[::1>", "<not an iri>", '"unclosed', '"x"@', '"x"^^<bad iri>'])
def test_a_broken_term_is_one_line(value):
    from newsgraph.errors import InputError
    from newsgraph.graph.sparql import bind

    with pytest.raises(InputError, match=r"^parameter x=.*: not an RDF term"):
        bind(None, {"x": value})


def test_typed_parameters_match_through_the_installed_command(cli_store):
    tagged = run_cli("query", "--format", "csv", "--sparql", LABEL, "-p", 'name="NVIDIA"@en', store=cli_store)
    assert (tagged.returncode, tagged.stdout.splitlines()) == (0, ["e,name", "https://w3id.org/newsgraph/id/nvidia,NVIDIA"])
    by_name = run_cli("query", "--format", "csv", "--sparql", LABEL, "-p", "e=ngid:nvidia", store=cli_store)
    assert (by_name.returncode, by_name.stdout.splitlines()) == (0, ["e,name", "https://w3id.org/newsgraph/id/nvidia,NVIDIA"])


def test_a_plain_string_that_misses_a_tagged_text_gets_a_hint(cli_store):
    plain = run_cli("query", "--format", "csv", "--sparql", LABEL, "-p", "name=NVIDIA", store=cli_store)
    assert plain.returncode == 0
    assert plain.stdout.splitlines() == ["e,name"]
    assert plain.stderr == ("no rows: name='NVIDIA' is plain text, and the store has \"NVIDIA\"@en; "
                            "try -p 'name=\"NVIDIA\"@en'\n")
    nothing = run_cli("query", "--format", "csv", "--sparql", LABEL, "-p", "name=No such name", store=cli_store)
    assert (nothing.returncode, nothing.stderr) == (0, "")


def test_the_python_api_returns_the_hint(cli_store):
    from newsgraph.graph.api import Newsgraph

    outcome = Newsgraph(cli_store).query(LABEL, params={"name": "NVIDIA"}, format="csv")
    assert [tuple(hint) for hint in outcome.hints] == [("name", "NVIDIA", '"NVIDIA"@en')]
