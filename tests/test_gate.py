"""The network gate, fuzzed against the real engine: SERVICE and LOAD hidden behind every comment,
string, escape and spelling the grammar allows, through the library, the command line (--sparql,
--file, stdin) and the HTTP server. A listener on 127.0.0.1 counts connections: newsgraph must
make none, and the same text given to pyoxigraph directly must make one (so every case is a
real way around a tokenizer, not a broken query)."""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newsgraph.errors import InputError, RefusedError
from servers import newsgraph_server


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it accepts and closes each."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(128)
        self.address = self.socket.getsockname()
        self.url = f"http://127.0.0.1:{self.address[1]}"
        self.connections = 0
        self._probes: set[int] = set()  # the local ports of settled()'s own connections, not yet accepted
        self._accepted = threading.Condition()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while True:
            try:
                connection, peer = self.socket.accept()
            except OSError:
                return
            with self._accepted:
                if peer[1] in self._probes:
                    self._probes.discard(peer[1])
                else:
                    self.connections += 1
                self._accepted.notify_all()
            connection.close()

    def settled(self) -> int:
        """The count once every connection made so far has been accepted: a probe connection of
        our own is queued behind them (the kernel's accept queue is first in, first out), so once
        the probe is accepted, they are counted. No fixed sleep, and nothing in flight missed."""
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
            with self._accepted:
                self._probes.add(port)
            probe.connect(self.address)
            with self._accepted:
                if not self._accepted.wait_for(lambda: port not in self._probes, timeout=20):
                    raise TimeoutError("the listener did not accept its own probe within 20 s")
                return self.connections

    def close(self):
        self.socket.shutdown(socket.SHUT_RDWR)
        self.socket.close()
        self._thread.join(5)


@pytest.fixture(scope="module")
def listener():
    canary = Listener()
    yield canary
    canary.close()


# What hides the operation from a tokenizer that reads SPARQL wrong: comments that end at CR,
# backslash escapes in long and short strings, IRIs with # and \u escapes.
HIDERS = [
    "", "#c\r", "#c\r\n", "#c\n", "# c \"\"\" ' \r",
    'BIND("""a\\"""" AS ?h) ', "BIND('''a\\'''' AS ?h) ", 'BIND("""a""\\"""" AS ?h) ', 'BIND("a\\"b" AS ?h) ',
    "BIND('a\\'b' AS ?h) ", 'BIND("a\\\\" AS ?h) ', 'BIND("\\u0022" AS ?h) ', "BIND(<http://x/#> AS ?h) ",
    "BIND(<http://x/\\u0041#> AS ?h) ", 'BIND("#" AS ?h) ',
]
QUERY_OPS = [
    "SERVICE <{url}/q> {{ ?s ?p ?o }}",
    "SERVICE SILENT <{url}/q> {{ ?s ?p ?o }}",
    "SERVICESILENT<{url}/q>{{?s ?p ?o}}",
    "service\t<{url}/q>\t{{ ?s ?p ?o }}",
    "SeRvIcE canary:q {{ ?s ?p ?o }}",
]
QUERY_FORMS = [
    "PREFIX canary: <{url}/>\nSELECT * WHERE {{ {hider}{op} }}",
    "PREFIX canary: <{url}/>\nASK {{ {hider}{op} }}",
    "PREFIX canary: <{url}/>\nSELECT * WHERE {{ OPTIONAL {{ {hider}{op} }} }}",
    "PREFIX canary: <{url}/>\nSELECT * WHERE {{ {{ SELECT * WHERE {{ {hider}{op} }} }} }}",
    "PREFIX canary: <{url}/>\nCONSTRUCT {{ ?s ?p ?o }} WHERE {{ {hider}{op} }}",
]
LITERALS = ['"x"', '"""a\\""""', "'''a\\''''", '"a\\\\"', '"""#"""', '"\\u0022"']
COMMENTS = ["", "#c\r", "#c\r\n", "#LOAD\n"]
UPDATE_OPS = [
    "LOAD <{url}/l>",
    "LOAD SILENT <{url}/l> INTO GRAPH <urn:test:g>",
    "load<{url}/l>",
    "INSERT {{ <urn:test:a> <urn:test:b> <urn:test:c> }} WHERE {{ SERVICE <{url}/u> {{ }} }}",
]


def query_cases(url: str) -> list[str]:
    return [form.format(url=url, hider=hider, op=op.format(url=url))
            for form in QUERY_FORMS for hider in HIDERS for op in QUERY_OPS]


def update_cases(url: str) -> list[str]:
    return [f"INSERT DATA {{ <urn:test:a> <urn:test:b> {literal} }} ;\n{comment}{op.format(url=url)}"
            for literal in LITERALS for comment in COMMENTS for op in UPDATE_OPS]


def _engine_connects(listener: Listener, text: str, update: bool) -> bool:
    """Whether pyoxigraph, given the text directly, connects to the listener."""
    import pyoxigraph as ox

    before = listener.connections
    try:
        if update:
            ox.Store().update(text)
        else:
            results = ox.Store().query(text)
            if not isinstance(results, ox.QueryBoolean):
                list(results)
    except (OSError, RuntimeError, ValueError):
        pass
    return _settled(listener, before) > before


def _settled(listener: Listener, before: int) -> int:
    """The listener's count once a connection in flight has been accepted."""
    return listener.settled()


def test_every_hidden_service_is_refused_and_the_engine_would_have_fetched(store, listener):
    from newsgraph.graph.sparql import render

    cases = query_cases(listener.url)
    refused = 0
    for text in cases:
        before = listener.connections
        with pytest.raises(RefusedError, match="is refused: newsgraph does not fetch anything") as refusal:
            render(store.query(text, source="fuzz"), "json")
        assert "\n" not in str(refusal.value)
        assert _settled(listener, before) == before, text
        refused += 1
        assert _engine_connects(listener, text, update=False), f"not a live SERVICE for the engine: {text!r}"
    assert refused == len(cases) == 375


def test_every_hidden_load_is_refused_and_the_engine_would_have_fetched(tmp_path, listener):
    from newsgraph.graph.store import GraphStore

    cases = update_cases(listener.url)
    with GraphStore(tmp_path / "store") as scratch:
        for text in cases:
            before = listener.connections
            with pytest.raises(RefusedError, match="is refused"):
                scratch.update(text, "fuzz")
            assert _settled(listener, before) == before, text
            assert len(scratch) == 0, "nothing of a refused update is written"
            assert _engine_connects(listener, text, update=True), f"not a live LOAD/SERVICE for the engine: {text!r}"
    assert len(cases) == 96


def test_the_allowlist_lets_nothing_else_through(store, listener):
    """An allowed endpoint in the query does not open the way for a hidden one."""
    from newsgraph.graph.sparql import render

    allowed = Listener()
    try:
        for hider in HIDERS[1:]:
            for op in QUERY_OPS[:4]:
                text = (f"SELECT * WHERE {{ SERVICE <{allowed.url}/ok> {{ ?x ?y ?z }} {hider}{op.format(url=listener.url)} }}")
                for endpoints in ({f"{allowed.url}/ok"}, {f"{allowed.url}/ok", f"{listener.url}/other"}):
                    with pytest.raises(RefusedError):
                        render(store.query(text, source="fuzz", allowed_services=frozenset(endpoints)), "json")
        assert allowed.connections == 0, "the query is refused before any endpoint is asked"
    finally:
        allowed.close()
    assert listener.connections == _settled(listener, listener.connections)


FUZZ_PIECES = st.sampled_from([
    "#", "\r", "\n", "\r\n", '"', "'", '"""', "'''", "\\", '\\"', "\\'", "<", ">", "{", "}", "(", ")", " ", "\t",
    "SERVICE", "service", "SILENT", "LOAD", "<URL>", "?s ?p ?o", "BIND(", " AS ?v)", ";", ".", "x", "\\u0022", "\\u000a",
])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(FUZZ_PIECES, max_size=24), update=st.booleans())
def test_fuzzed_text_never_reaches_the_network(store, listener, pieces, update):
    from newsgraph.graph.sparql import render

    body = "".join(pieces).replace("<URL>", f"<{listener.url}/f>")
    before = listener.connections
    try:
        if update:
            from newsgraph.graph.sparqltext import refuse_network

            # The gate alone: a fuzzed update that passes it would be run on the session store.
            refuse_network(f"INSERT DATA {{ <urn:a> <urn:b> <urn:c> }} ;\n{body}", "fuzz", update=True)
        else:
            render(store.query(f"SELECT * WHERE {{ {body} }}", source="fuzz"), "json")
    except InputError as error:
        assert "\n" not in str(error)
    except (RuntimeError, OSError) as error:
        assert str(error)
    assert _settled(listener, before) == before


# The cases of the issue, through the installed command: --sparql, --file and stdin.

CLI_QUERIES = [
    "SELECT * WHERE {{ #x\rSERVICE <{url}/x> {{ ?s ?p ?o }} }}",
    'SELECT * WHERE {{ BIND("""a\\"""" AS ?x) SERVICE <{url}/y> {{ ?s ?p ?o }} }}',
    "SELECT * WHERE {{SERVICESILENT<{url}/z>{{?s ?p ?o}}}}",
]
CLI_UPDATES = [
    "INSERT DATA {{ <urn:test:a> <urn:test:b> 1 }} ; #x\rLOAD <{url}/l>",
    'INSERT DATA {{ <urn:test:a> <urn:test:b> """a\\"""" }} ; LOAD <{url}/l>',
]


@pytest.mark.parametrize("channel", ["--sparql", "--file", "stdin"])
def test_the_command_line_refuses_hidden_service_and_load(cli_store, listener, tmp_path, channel):
    for command, templates in (("query", CLI_QUERIES), ("update", CLI_UPDATES)):
        for template in templates:
            text = template.format(url=listener.url)
            before = listener.connections
            if channel == "--sparql":
                result = run_cli(command, "--sparql", text, store=cli_store)
            elif channel == "--file":
                path = tmp_path / "hidden.rq"
                path.write_bytes(text.encode())
                result = run_cli(command, "--file", str(path), store=cli_store)
            else:
                result = run_cli(command, "--file", "-", stdin=text, store=cli_store)
            assert result.returncode == 2, (text, result.stderr)
            assert result.stderr.count("\n") == 1 and "is refused: newsgraph does not fetch anything" in result.stderr
            assert _settled(listener, before) == before
    unchanged = run_cli("query", "-q", "ASK { <urn:test:a> ?p ?o }", store=cli_store)
    assert unchanged.returncode == 1, "no refused update wrote anything"


def test_the_server_refuses_hidden_service_and_load(tmp_path, seed_copy, listener):
    token = "t0ken-for-the-test"
    with newsgraph_server(tmp_path / "store", "--allow-update", env={"NEWSGRAPH_UPDATE_TOKEN": token}) as base:
        requests = []
        for template in CLI_QUERIES:
            text = template.format(url=listener.url)
            requests.append(urllib.request.Request(f"{base}/sparql?{urllib.parse.urlencode({'query': text})}"))
            requests.append(urllib.request.Request(f"{base}/sparql", data=text.encode(), method="POST",
                                                   headers={"Content-Type": "application/sparql-query"}))
        for template in CLI_UPDATES:
            text = template.format(url=listener.url)
            requests.append(urllib.request.Request(f"{base}/sparql", data=text.encode(), method="POST", headers={
                "Content-Type": "application/sparql-update", "Authorization": f"Bearer {token}"}))
            requests.append(urllib.request.Request(f"{base}/sparql", data=urllib.parse.urlencode({"update": text}).encode(),
                                                   method="POST", headers={
                "Content-Type": "application/x-www-form-urlencoded", "Authorization": f"Bearer {token}"}))
        before = listener.connections
        for request in requests:
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=30)
            assert refused.value.code in (400, 403)
            assert b"is refused" in refused.value.read()
        assert _settled(listener, before) == before
        ask = urllib.parse.urlencode({"query": "ASK { <urn:test:a> ?p ?o }"})
        with urllib.request.urlopen(f"{base}/sparql?{ask}", timeout=30) as response:
            assert b"false" in response.read()


@pytest.mark.parametrize("text, answer", [
    ('SELECT ?service WHERE { BIND("download the SERVICE" AS ?service) }', "download the SERVICE"),
    ("PREFIX load: <urn:test:load/>\nSELECT ?x WHERE { BIND(load:service AS ?x) }", "urn:test:load/service"),
    ('SELECT ?x WHERE { # SERVICE <http://127.0.0.1:1/> { }\n BIND("""a\\" SERVICE <http://127.0.0.1:1/> {}""" AS ?x) }',
     'a" SERVICE <http://127.0.0.1:1/> {}'),
    ("SELECT ?x WHERE { BIND(<http://example.org/service#load> AS ?x) }", "http://example.org/service#load"),
    ('SELECT ?x WHERE { BIND("x"@en-service AS ?y) BIND(STR(?y) AS ?x) }', "x"),
])
def test_text_that_only_mentions_service_or_load_runs(store, listener, text, answer):
    """Poisoning never turns away a query whose SERVICE and LOAD are words in strings, names,
    IRIs and comments."""
    import json

    from newsgraph.graph.sparql import render

    before = listener.connections
    outcome = render(store.query(text, source="fuzz"), "json")
    bindings = json.loads(outcome.data)["results"]["bindings"]
    assert [binding["x" if "x" in binding else "service"]["value"] for binding in bindings] == [answer]
    assert _settled(listener, before) == before
