"""No network behind the user's back: a canary HTTP listener on 127.0.0.1 records every request
while queries, imports, the reasoner and the endpoint meet SERVICE, LOAD, FROM, remote contexts,
external entities, owl:imports and the protocol's dataset parameters. It must record none."""

from __future__ import annotations

import http.server
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import run_cli
from servers import AUTHORISED, newsgraph_server


@pytest.fixture
def canary():
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/turtle")
            self.end_headers()
            self.wfile.write(b"<urn:a> <urn:b> <urn:c> .")

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)  # shutdown() waits a poll
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("template, keyword", [
    ("SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}", "SERVICE"),
    ("SELECT * WHERE {{ SERVICE SILENT <{url}/silent> {{ ?s ?p ?o }} }}", "SERVICE"),
    ("SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SELECT * WHERE {{ SERVICE <{url}/nested> {{ ?s ?q ?r }} }} }} }}", "SERVICE"),
    ("SELECT * WHERE {{\n  BIND(<{url}/var> AS ?endpoint)\n  SERVICE ?endpoint {{ ?s ?p ?o }} }}", "SERVICE"),
])
def test_service_in_a_query_is_refused(canary, cli_store, template, keyword):
    url, hits = canary
    result = run_cli("query", "--sparql", template.format(url=url), store=cli_store)
    assert result.returncode == 2
    assert "is refused: newsgraph does not fetch anything from the network" in result.stderr
    assert result.stderr.startswith("Error: --sparql:") and keyword in result.stderr
    assert hits == []


def test_load_in_an_update_is_parsed_but_never_fetched(canary, tmp_path, seed_copy):
    url, hits = canary
    store = seed_copy  # tmp_path / "store": the seed, built once a session and copied
    update = f"PREFIX ex: <http://example.org/>\nLOAD SILENT <{url}/load> INTO GRAPH ex:g ;\nINSERT DATA {{ ex:a ex:b ex:c }}"
    parsed = run_cli("update", "--dry-run", "--sparql", update, store=store)
    assert parsed.returncode == 0 and "the update parses; nothing was run" in parsed.stderr
    refused = run_cli("update", "--sparql", update, store=store)
    assert refused.returncode == 2
    assert refused.stderr == (f"Error: --sparql:2:1: LOAD <{url}/load> is refused: newsgraph does not fetch anything "
                              "from the network while it runs a query or an update\n")
    as_query = run_cli("query", "--sparql", update, store=store)
    assert as_query.returncode == 2 and "is a SPARQL update and `newsgraph query` only reads" in as_query.stderr
    assert run_cli("query", "-q", "ASK { <http://example.org/a> ?p ?o }", store=store).returncode == 1
    assert hits == []


def test_from_names_only_graphs_of_the_store(canary, cli_store):
    url, hits = canary
    result = run_cli("query", "--sparql", f"SELECT * FROM <{url}/from> WHERE {{ ?s ?p ?o }}", "-F", "csv", store=cli_store)
    # The graph is not in the store, so the default graph is empty; nothing is fetched to fill it.
    assert result.returncode == 0 and sorted(result.stdout.strip().split(",")) == ["o", "p", "s"]
    assert hits == []


def test_the_endpoint_refuses_service_load_and_fetches_no_dataset(canary, tmp_path):
    from newsgraph.graph.model.build import build_store
    from newsgraph.graph.store import GraphStore

    url, hits = canary
    with GraphStore(tmp_path / "store") as store:
        build_store(store)
    with newsgraph_server(tmp_path / "store", "--allow-update") as base:
        query = urllib.parse.urlencode({"query": f"ASK {{ SERVICE <{url}/q> {{ ?s ?p ?o }} }}"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{base}/sparql?{query}", timeout=30)
        assert refused.value.code == 400
        load = urllib.request.Request(f"{base}/sparql", data=f"LOAD <{url}/load>".encode(), method="POST",
                                      headers={"Content-Type": "application/sparql-update", **AUTHORISED})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(load, timeout=30)
        assert refused.value.code == 403
        dataset = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }", "default-graph-uri": f"{url}/graph"})
        with urllib.request.urlopen(f"{base}/sparql?{dataset}", timeout=30) as response:
            assert b"false" in response.read()
    assert hits == []


def test_imports_fetch_nothing(canary, tmp_path):
    url, hits = canary
    store = tmp_path / "store"
    context = tmp_path / "remote-context.jsonld"
    context.write_text(f'{{"@context": "{url}/context.jsonld", "@id": "urn:x", "name": "x"}}')
    entity = tmp_path / "entity.rdf"
    entity.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY e SYSTEM "{url}/entity">]>\n'
                      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="urn:a">'
                      '<rdf:value>&e;</rdf:value></rdf:Description></rdf:RDF>\n')
    for source, message in ((str(context), "remote JSON-LD context"), (f"{url}/data.ttl", "only with --allow-remote"),
                            (str(entity), "entity declarations")):
        result = run_cli("import", source, store=store)
        assert result.returncode == 2 and message in result.stderr, result.stderr
    secret = tmp_path / "secret.jsonld"
    secret.write_text('{"@context": {"@vocab": "urn:secret:"}}')
    local_context = tmp_path / "local-context.jsonld"
    local_context.write_text(f'{{"@context": "{secret.as_uri()}", "@id": "urn:x", "name": "x"}}')
    refused = run_cli("import", "--allow-remote", str(local_context), store=store)
    assert refused.returncode == 2 and "local files are not read" in refused.stderr
    imports = tmp_path / "imports.ttl"
    imports.write_text(f"<urn:o> a <http://www.w3.org/2002/07/owl#Ontology> ; <http://www.w3.org/2002/07/owl#imports> <{url}/onto.owl> .\n")
    result = run_cli("reason", "--reasoner", "owlrl", str(imports))
    assert result.returncode == 0, result.stderr
    assert hits == []


def test_entity_bomb_is_refused_fast_and_small(tmp_path):
    import subprocess
    import sys

    bomb = tmp_path / "bomb.rdf"
    entities = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    bomb.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY l0 "lol">{entities}]>\n'
                    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="urn:a">'
                    '<rdf:value>&l9;</rdf:value></rdf:Description></rdf:RDF>\n')
    assert bomb.stat().st_size < 1000
    result = run_cli("import", str(bomb), store=tmp_path / "store")
    assert result.returncode == 2 and "entity declarations" in result.stderr
    # The refusal on its own, timed and weighed in a fresh process: under a second and 100 MB.
    probe = subprocess.run([sys.executable, "-c", (
        "import sys, time\n"
        "from newsgraph.errors import InputError\n"
        "from newsgraph.graph.importer import import_sources, read_sources\n"
        "from newsgraph.graph.store import GraphStore\n"
        "started = time.monotonic()\n"
        "from pathlib import Path\n"
        "try:\n    import_sources(GraphStore(Path(sys.argv[2])), read_sources([sys.argv[1]]))\n"
        "except InputError:\n    pass\n"
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent (pytest).
        "peak = next(line for line in open('/proc/self/status') if line.startswith('VmHWM:')).split()[1]\n"
        "print(time.monotonic() - started, peak)\n"), str(bomb), str(tmp_path / "probe-store")],
        capture_output=True, text=True, check=True)
    seconds, peak_kib = probe.stdout.split()
    assert float(seconds) < 1.0 and int(peak_kib) < 100 * 1024, probe.stdout


def test_max_bytes_refuses_oversized_input(tmp_path):
    data = tmp_path / "big.nt"
    data.write_text("<urn:a> <urn:b> <urn:c> .\n" * 100)
    result = run_cli("import", "--max-bytes", "1000", str(data), store=tmp_path / "store")
    assert result.returncode == 2
    assert result.stderr.strip() == f"Error: {data}: 2600 bytes is more than --max-bytes 1000"


# --allow-service: SERVICE to the endpoints a user names, asked by newsgraph itself.

REMARK_QUERY = """SELECT ?name ?remark ?thing WHERE {{
  SERVICE <{endpoint}> {{ ?who <urn:test:remark> ?remark ; <urn:test:saw> ?seen . ?seen rdfs:label ?thing }}
  ?who rdfs:label ?name
}}"""


@pytest.fixture(scope="module")
def remote_endpoint(tmp_path_factory):
    """A second newsgraph store served on 127.0.0.1, holding a remark on a person of the seed
    graph and a blank node."""
    store = tmp_path_factory.mktemp("remote") / "store"
    inserted = run_cli("update", "-q", "INSERT DATA { GRAPH <urn:test:remote> { ngid:ryosei-akazawa <urn:test:remark> "
                       "'asked about chips'@en ; <urn:test:saw> [ rdfs:label 'a wafer' ] } }", store=store)
    assert inserted.returncode == 0, inserted.stderr
    with newsgraph_server(store) as base:
        yield f"{base}/sparql"


def test_an_allowed_service_is_asked_and_joined(remote_endpoint, cli_store):
    result = run_cli("query", "--allow-service", remote_endpoint, "-F", "csv", "-q",
                     REMARK_QUERY.format(endpoint=remote_endpoint), store=cli_store)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["name,remark,thing", "Ryosei Akazawa,asked about chips,a wafer"]


def test_the_allowlist_is_exact(canary, remote_endpoint, cli_store):
    url, hits = canary
    refused = run_cli("query", "--allow-service", remote_endpoint, "-q",
                      REMARK_QUERY.format(endpoint=f"{url}/sparql"), store=cli_store)
    assert refused.returncode == 2
    assert refused.stderr == (f"Error: --sparql:2:3: SERVICE <{url}/sparql> is refused: newsgraph does not fetch anything "
                              "from the network while it runs a query or an update (allow an endpoint with --allow-service URL)\n")
    variable = run_cli("query", "--allow-service", f"{url}/sparql", "-q",
                       f"SELECT * WHERE {{ BIND(<{url}/sparql> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}", store=cli_store)
    assert variable.returncode == 2 and "SERVICE ?e is refused" in variable.stderr
    nested = run_cli("query", "--allow-service", remote_endpoint, "-q",
                     f"SELECT * WHERE {{ SERVICE <{remote_endpoint}> {{ SERVICE <{url}/x> {{ ?s ?p ?o }} }} }}", store=cli_store)
    assert nested.returncode == 2 and "a SERVICE inside SERVICE" in nested.stderr
    assert hits == []


def test_redirects_off_the_list_and_private_host_names_are_refused(canary, cli_store):
    url, hits = canary
    redirected: list[str] = []

    class Redirector(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            redirected.append(self.path)
            self.send_response(307)
            self.send_header("Location", f"{url}/sparql")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirector)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    endpoint = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    try:
        result = run_cli("query", "--allow-service", endpoint, "-q", REMARK_QUERY.format(endpoint=endpoint), store=cli_store)
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 2 and redirected == ["/sparql"]
    assert result.stderr == (f"Error: --sparql:2:3: SERVICE <{endpoint}> redirected to <{url}/sparql>, which is not "
                             "allowed (give it with --allow-service to follow)\n")
    # A host name on the list that resolves to a private address (here loopback) is not asked.
    by_name = url.replace("127.0.0.1", "localhost") + "/sparql"
    result = run_cli("query", "--allow-service", by_name, "-q", REMARK_QUERY.format(endpoint=by_name), store=cli_store)
    assert result.returncode == 2
    assert "SERVICE host localhost resolves to the non-public address" in result.stderr
    assert hits == []


def test_service_silent_turns_a_failure_into_one_empty_solution(cli_store):
    from servers import free_port

    closed = f"http://127.0.0.1:{free_port()}/sparql"
    query = f"SELECT ?name WHERE {{ SERVICE SILENT <{closed}> {{ ?x ?y ?z }} ngid:ryosei-akazawa rdfs:label ?name }}"
    silent = run_cli("query", "--allow-service", closed, "-F", "csv", "-q", query, store=cli_store)
    assert silent.returncode == 0 and silent.stdout.splitlines() == ["name", "Ryosei Akazawa"]
    loud = run_cli("query", "--allow-service", closed, "-q", query.replace("SILENT ", ""), store=cli_store)
    assert loud.returncode == 2 and f"SERVICE <{closed}> failed: " in loud.stderr


def test_serve_passes_its_allowlist_to_queries(remote_endpoint, canary, tmp_path):
    from newsgraph.graph.model.build import build_store
    from newsgraph.graph.store import GraphStore

    url, hits = canary
    with GraphStore(tmp_path / "store") as store:
        build_store(store)
    with newsgraph_server(tmp_path / "store", "--allow-service", remote_endpoint) as base:
        allowed = urllib.parse.urlencode({"query": REMARK_QUERY.format(endpoint=remote_endpoint)})
        request = urllib.request.Request(f"{base}/sparql?{allowed}", headers={"Accept": "text/csv"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.read().decode().splitlines() == ["name,remark,thing", "Ryosei Akazawa,asked about chips,a wafer"]
        other = urllib.parse.urlencode({"query": REMARK_QUERY.format(endpoint=f"{url}/sparql")})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{base}/sparql?{other}", timeout=30)
        assert refused.value.code == 400
    assert hits == []


@pytest.mark.parametrize("binding, problem", [
    ({"type": "literal", "value": "x", "xml:lang": "en } ; DELETE WHERE { ?s ?p ?o"}, "invalid language tag"),
    ({"type": "uri", "value": "urn:a> } ; DELETE WHERE { ?s ?p ?o } #"}, "invalid IRI"),
    ({"type": "literal", "value": "x", "datatype": "urn:t> . ?s ?p ?o"}, "invalid IRI"),
])
def test_a_hostile_service_answer_cannot_change_the_query(binding, problem):
    import json

    from newsgraph.graph.federation import _ServiceFailed, _values

    body = json.dumps({"head": {"vars": ["v"]}, "results": {"bindings": [{"v": binding}]}}).encode()
    with pytest.raises(_ServiceFailed, match=problem):
        _values(body, "http://127.0.0.1:1/sparql")


def test_service_answers_become_values_with_quotes_escaped():
    import json

    from newsgraph.graph.federation import _values

    body = json.dumps({"head": {"vars": ["a", "b"]}, "results": {"bindings": [
        {"a": {"type": "literal", "value": 'say "hi" }\n'}, "b": {"type": "bnode", "value": "b0"}}, {}]}}).encode()
    values = _values(body, "http://127.0.0.1:1/sparql")
    assert values.startswith('VALUES (?a ?b) {\n("say \\"hi\\" }\\n" <urn:newsgraph:service-bnode:')
    assert values.endswith("\n(UNDEF UNDEF)\n}")


def test_every_reader_of_rdf_files_refuses_the_entity_bomb(canary, tmp_path):
    """import, validate and reason read a user's RDF/XML through one guard (importer.refuse_entities);
    an external DTD is never fetched either."""
    url, hits = canary
    bomb = tmp_path / "bomb.rdf"
    entities = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    bomb.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY l0 "lol">{entities}]>\n'
                    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="urn:a">'
                    '<rdf:value>&l9;</rdf:value></rdf:Description></rdf:RDF>\n')
    owl = tmp_path / "bomb.owl"
    owl.write_bytes(bomb.read_bytes())
    for command in (["import"], ["validate"], ["reason", "--reasoner", "owlrl"], ["reason"]):
        for path in (bomb, owl):
            result = run_cli(*command, str(path), store=tmp_path / "store", timeout=60)
            assert result.returncode == 2, (command, result.stderr)
            assert result.stderr == f"Error: {path}: RDF/XML with entity declarations (<!ENTITY>) is refused\n"
    dtd = tmp_path / "dtd.rdf"
    dtd.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "{url}/x.dtd">\n'
                   '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="urn:a">'
                   '<rdf:value>v</rdf:value></rdf:Description></rdf:RDF>\n')
    for command in (["import"], ["validate"]):
        result = run_cli(*command, str(dtd), store=tmp_path / "store", timeout=60)
        assert "Traceback" not in result.stderr and result.returncode in (0, 1, 2)
    assert hits == []
