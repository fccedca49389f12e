"""`newsgraph serve` with SPARQLWrapper as a real client, the read-only default, the time limit,
and the query page."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from servers import AUTHORISED, chromium_or_skip, newsgraph_server

PERSONS = "PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " \
          "SELECT ?label WHERE { ?p a foaf:Person ; rdfs:label ?label } ORDER BY ?label"


@pytest.fixture(scope="module")
def endpoint(cli_store):
    with newsgraph_server(cli_store, "--timeout", "2") as base:
        yield base


def _client(endpoint, query, fmt):
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(endpoint + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setTimeout(30)
    return client.query()


def test_sparqlwrapper_json_xml_csv_tsv(endpoint):
    from SPARQLWrapper import CSV, JSON, TSV, XML

    rows = _client(endpoint, PERSONS, JSON).convert()["results"]["bindings"]
    assert [r["label"]["value"] for r in rows] == ["Ryosei Akazawa", "Scott Bessent"]
    document = _client(endpoint, PERSONS, XML).convert()
    assert [node.firstChild.data for node in document.getElementsByTagName("literal")] == ["Ryosei Akazawa", "Scott Bessent"]
    assert _client(endpoint, PERSONS, CSV).convert().decode().splitlines() == ["label", "Ryosei Akazawa", "Scott Bessent"]
    assert _client(endpoint, PERSONS, TSV).convert().decode().splitlines() == ["?label", '"Ryosei Akazawa"@en', '"Scott Bessent"@en']


def test_sparqlwrapper_construct_as_turtle(endpoint):
    from SPARQLWrapper import TURTLE

    query = ("PREFIX foaf: <http://xmlns.com/foaf/0.1/> CONSTRUCT { ?p foaf:name ?n } WHERE { ?p a foaf:Person ; foaf:name ?n }")
    result = _client(endpoint, query, TURTLE)
    assert result.info()["content-type"].startswith("text/turtle")
    graph = result.convert()
    import rdflib

    parsed = rdflib.Graph().parse(data=graph, format="turtle")
    assert {str(o) for o in parsed.objects()} == {"Ryosei Akazawa", "Scott Bessent"}


def test_updates_are_refused_by_default(endpoint):
    from urllib.error import HTTPError

    from SPARQLWrapper import POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(endpoint + "/sparql", updateEndpoint=endpoint + "/sparql")
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }")
    with pytest.raises((SPARQLWrapperException, HTTPError)) as refused:
        client.query()
    assert "403" in str(refused.value) or "read-only" in str(refused.value)
    assert _client(endpoint, "ASK { <https://example.org/a> ?p ?o }", "json").convert()["boolean"] is False


def test_updates_with_allow_update(tmp_path):
    from newsgraph.graph.model.build import build_store
    from newsgraph.graph.store import GraphStore

    with GraphStore(tmp_path / "store") as store:
        build_store(store)
    with newsgraph_server(tmp_path / "store", "--allow-update") as base:
        request = urllib.request.Request(base + "/sparql", method="POST",
                                         data=b"INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }",
                                         headers={"Content-Type": "application/sparql-update", **AUTHORISED})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 204
        assert _client(base, "ASK { <https://example.org/a> <https://example.org/b> 1 }", "json").convert()["boolean"] is True


def test_a_runaway_query_gets_503_and_the_server_goes_on(endpoint):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    request = urllib.request.Request(endpoint + "/sparql?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/sparql-results+json"})
    with pytest.raises(urllib.error.HTTPError) as stopped:
        urllib.request.urlopen(request, timeout=30)
    assert stopped.value.code == 503
    assert "timed out" in stopped.value.read().decode()
    assert _client(endpoint, "ASK { ?s ?p ?o }", "json").convert()["boolean"] is True


def test_named_queries_over_http(endpoint):
    listed = json.loads(urllib.request.urlopen(endpoint + "/queries", timeout=30).read())
    assert {q["name"] for q in listed} >= {"negotiations", "tariffs", "timeline"}
    with urllib.request.urlopen(endpoint + "/named/tariffs?country=Japan", timeout=30) as response:
        rows = json.loads(response.read())["results"]["bindings"]
    assert {r["ratePercent"]["value"] for r in rows if "ratePercent" in r} == {"24", "14", "10"}
    with pytest.raises(urllib.error.HTTPError) as bad:
        urllib.request.urlopen(endpoint + "/named/tariffs?colour=red", timeout=30)
    assert bad.value.code == 400


def test_the_page_is_served(endpoint):
    page = urllib.request.urlopen(endpoint + "/", timeout=30).read().decode()
    assert "<title>newsgraph — SPARQL</title>" in page
    import re

    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page), "the page loads nothing from elsewhere"
    assert 'fetch("/queries")' in page


def test_headless_chromium_runs_a_named_query_on_the_page(endpoint, tmp_path):
    import subprocess

    chromium = chromium_or_skip()
    result = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
         f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=15000", "--dump-dom",
         endpoint + "/#named=tariffs&country=Japan"],
        capture_output=True, text=True, timeout=120)
    dom = result.stdout
    assert 'id="result-table"' in dom, result.stderr[-2000:]
    assert "<td>24% U.S. tariff notified to Japan</td>" in dom
    assert "<td>24</td>" in dom
    assert 'class="active"' in dom and 'data-name="tariffs"' in dom


def test_a_read_only_server_shares_the_store_with_readers(cli_store):
    with newsgraph_server(cli_store) as base:
        assert _client(base, PERSONS, "json").convert()["results"]["bindings"]
        from conftest import run_cli

        beside = run_cli("query", "tariffs", "-p", "country=Japan", "-F", "csv", store=cli_store)
        assert beside.returncode == 0 and "24% U.S. tariff notified to Japan" in beside.stdout, beside.stderr
        exported = run_cli("export", "-F", "nquads", store=cli_store)
        assert exported.returncode == 0 and exported.stdout.count("\n") > 3000
        refused = run_cli("update", "-q", "INSERT DATA { ng:a ng:b ng:c }", store=cli_store)
        assert refused.returncode == 2 and "is in use by process" in refused.stderr


@pytest.mark.slow
def test_queries_after_updates_never_fail(tmp_path):
    """Each update closes the database before the next query's worker opens it: a writer left open
    beside the read-only workers compacted away files they were reading (HTTP 500)."""
    from newsgraph.graph.api import Newsgraph

    Newsgraph(tmp_path / "store").build()
    pairs = 300
    with newsgraph_server(tmp_path / "store", "--allow-update") as base:
        for number in range(pairs):
            update = f"INSERT DATA {{ GRAPH <urn:test:g{number % 7}> {{ <urn:test:s{number}> <urn:test:p> {number} }} }}"
            request = urllib.request.Request(base + "/sparql", method="POST", data=update.encode(),
                                             headers={"Content-Type": "application/sparql-update", **AUTHORISED})
            with urllib.request.urlopen(request, timeout=30) as response:
                assert response.status == 204
            query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s <urn:test:p> ?o }"})
            with urllib.request.urlopen(f"{base}/sparql?{query}", timeout=30) as response:
                assert response.status == 200
                count = json.loads(response.read())["results"]["bindings"][0]["n"]["value"]
            assert int(count) == number + 1
