"""Remote engines: push the store to a real SPARQL server (oxigraph, started on 127.0.0.1) and get
the same answers from every named query there as here."""

from __future__ import annotations

import json
import shlex

import pytest
import servers
from conftest import MEETING_REPORTS, read_cli_store, run_cli
from newsgraph.queries import named_queries
from servers import free_port


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    with servers.oxigraph_server("serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                 "--union-default-graph") as base:
        yield base


@pytest.fixture(scope="module")
def pushed(oxigraph_server, cli_store):
    options = ["--endpoint", oxigraph_server + "/query", "--update-endpoint", oxigraph_server + "/update"]
    first = run_cli(*options, "push", store=cli_store)
    assert first.returncode == 0, first.stderr
    assert "pushed <https://w3id.org/newsgraph/graph/ontology>:" in first.stderr
    return options


def _remote_quads(options) -> str:
    result = run_cli(*options, "export", "--format", "nquads")
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_push_is_idempotent_and_complete(pushed, cli_store):
    once = _remote_quads(pushed)
    assert run_cli(*pushed, "push", store=cli_store).returncode == 0
    assert _remote_quads(pushed) == once
    local = read_cli_store(cli_store, "export", "--format", "nquads").stdout
    assert once == local, "the endpoint holds exactly the store's quads (same canonical export)"


def _example_params(query) -> list[str]:
    words = shlex.split(query.examples[-1])
    return [w for i, w in enumerate(words) if i > 0 and words[i - 1] == "-p"]


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_queries_answer_the_same_remotely(name, pushed, cli_store):
    params = _example_params(named_queries()[name])
    args = ["query", name] + [x for p in params for x in ("-p", p)] + ["--format", "json"]
    local = read_cli_store(cli_store, *args)
    remote = run_cli(*pushed, *args)
    assert local.returncode == 0, local.stderr
    assert remote.returncode == 0, remote.stderr

    def answers(result):
        data = json.loads(result.stdout)
        return sorted(json.dumps({k: v["value"] for k, v in b.items()}, sort_keys=True) for b in data["results"]["bindings"])

    assert answers(remote) == answers(local)
    if name == "event-reports":  # the seed reports no event twice: test_event_reports_answer_the_same_remotely
        assert answers(local) == []
    else:
        assert answers(local), "the example has an answer"


def test_event_reports_answer_the_same_remotely(tmp_path, linked_reports):
    """event-reports needs two reports of one event, linked: the seed has none, so this pushes a
    store of its own (the seed, a meeting announced and the report that it took place) to a
    server of its own."""
    store = tmp_path / "store"
    linked_reports(store, MEETING_REPORTS)
    with servers.oxigraph_server("serve", "--location", str(tmp_path / "oxigraph"), "--union-default-graph") as base:
        options = ["--endpoint", base + "/query", "--update-endpoint", base + "/update"]
        assert run_cli(*options, "push", store=store).returncode == 0
        local = run_cli("query", "event-reports", "-F", "csv", store=store)
        remote = run_cli(*options, "query", "event-reports", "-F", "csv")
    assert remote.returncode == 0, remote.stderr
    assert sorted(remote.stdout.splitlines()[1:]) == sorted(local.stdout.splitlines()[1:])
    assert len(local.stdout.splitlines()) == 3, local.stdout  # a header, "scheduled" and "took place"


def test_describe_and_stats_remotely(pushed, cli_store):
    remote = run_cli(*pushed, "describe", "Scott Vessen")
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == read_cli_store(cli_store, "describe", "Scott Vessen").stdout
    stats = json.loads(run_cli(*pushed, "stats", "--json").stdout)
    local = json.loads(read_cli_store(cli_store, "stats", "--json").stdout)
    assert stats["graphs"] == local["graphs"]


def test_parameters_reach_the_endpoint_as_bound_values(pushed):
    hostile = 'Japan" } } SELECT * WHERE { ?s ?p ?o } #'
    result = run_cli(*pushed, "query", "tariffs", "-p", f"country={hostile}", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["country,appliesTo,tariff,ratePercent,imposedBy,goods,allCountries"]


def test_comments_cannot_turn_a_query_into_an_update(pushed):
    # SPARQLWrapper strips only the first of two comment lines in a row and would read "copy" as
    # the COPY update, sending the query to the update endpoint.
    query = ("# Which tariff applies to Japan?\n# We copy nothing: a plain SELECT.\n"
             "SELECT ?rate WHERE { ?t ng:appliesTo/rdfs:label \"Japan\"@en ; ng:rate/schema:value ?rate }")
    result = run_cli(*pushed, "query", "--sparql", query, "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.splitlines()[1:], key=float) == ["10", "14", "24"]  # uniform, additional, total


def test_remote_errors_are_one_line(pushed, oxigraph_server):
    bad = run_cli(*pushed, "query", "--sparql", "SELECT * WHERE { ?s ?p }")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    assert bad.stderr.startswith("Error: --sparql: the endpoint rejected the query: error at 1:25")
    gone = run_cli("--endpoint", f"http://127.0.0.1:{free_port()}/query", "query", "tariffs")
    assert gone.returncode == 2 and "unreachable" in gone.stderr and gone.stderr.count("\n") == 1
    refused = run_cli(*pushed, "build")
    assert refused.returncode == 2 and "works on the local store" in refused.stderr


def test_a_parameter_projected_by_a_sub_select_is_bound_there_only():
    import pyoxigraph as ox
    from newsgraph.graph.remote import bind_parameters

    flat = bind_parameters("SELECT ?x WHERE { ?x ?p ?o } ORDER BY ?x", {"x": ox.NamedNode("urn:a")})
    assert flat == "SELECT (<urn:a> AS ?x) WHERE { <urn:a> ?p ?o } ORDER BY (<urn:a>)"
    # Bound in the outer projection too, it would be bound twice: a syntax error on a strict endpoint.
    nested = bind_parameters("SELECT ?x ?y WHERE { SELECT DISTINCT ?x ?y WHERE { ?s ?p ?y FILTER(?y != ?x) } } ORDER BY ?x",
                             {"x": ox.Literal("a")})
    assert nested == ('SELECT ?x ?y WHERE { SELECT DISTINCT ("a" AS ?x) ?y WHERE { ?s ?p ?y FILTER(?y != "a") } } '
                      'ORDER BY ("a")')
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("b")))
    assert [(row["x"], row["y"]) for row in store.query(nested)] == [(ox.Literal("a"), ox.Literal("b"))]
