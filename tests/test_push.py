"""push against a fake endpoint: an HTTP server on 127.0.0.1, in a thread, over an in-memory
pyoxigraph store, that refuses or answers as a deadlock the requests a test picks. What a failed
push leaves graph by graph, the message that names them, deadlocks sent again, and the same
endpoint after a push on one connection or on several. (Virtuoso itself: tests/test_virtuoso.py.)"""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pyoxigraph as ox
import pytest

OLD = ox.Literal("old")  # what every graph holds on the endpoint before the push


class FakeEndpoint:
    """`answer(text)` picks, for each update, None (run it), "refuse" (HTTP 400, nothing done),
    "too large" (HTTP 413 with no message, nothing done) or
    "deadlock" (the DROPs of the request done, the rest not, and Virtuoso's answer: 200 with
    X-SQL-State and `SR172: Transaction deadlocked`)."""

    def __init__(self, answer=lambda text: None):
        self.data, self.answer = ox.Store(), answer
        self.updates: list[str] = []
        self.lock = threading.Lock()

    def handle(self, form: dict[str, str]) -> tuple[int, dict, bytes]:
        with self.lock:  # one request at a time, as a transaction would see the store
            if "query" in form:
                results = self.data.query(form["query"])
                return 200, {"Content-Type": "application/sparql-results+json"}, \
                    results.serialize(format=ox.QueryResultsFormat.JSON)
            text = form["update"]
            self.updates.append(text)
            answer = self.answer(text)
            if answer == "refuse":
                return 400, {}, b"Error: refused by the test"
            if answer == "too large":
                return 413, {}, b""
            if answer == "deadlock":
                for graph in re.findall(r"DROP SILENT GRAPH <([^>]+)>", text):
                    self.data.update(f"DROP SILENT GRAPH <{graph}>")
                return 200, {"X-SQL-State": "00000", "X-SQL-Message": "SR172: Transaction deadlocked"}, b"<sparql/>"
            self.data.update(text)
            return 200, {}, b""


@contextmanager
def fake_endpoint(endpoint: FakeEndpoint):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            data = self.rfile.read(length).decode()
            if self.headers.get("Content-Type", "").startswith("application/sparql-update"):
                form = {"update": data}
            else:
                form = {key: values[0] for key, values in parse_qs(data).items()}
            status, headers, body = endpoint.handle(form)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _old(endpoint: FakeEndpoint, graphs: list[str]) -> None:
    for graph in graphs:
        endpoint.data.add(ox.Quad(ox.NamedNode("urn:was"), ox.NamedNode("urn:p"), OLD, ox.NamedNode(graph)))


def _state(endpoint: FakeEndpoint, local, graph: str) -> str:
    """"new" (the local graph exactly, blank nodes aside), "old" (as it was) or "other"."""
    found = list(endpoint.data.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    if [quad.object for quad in found] == [OLD]:
        return "old"
    expected = local.quads(graph)

    def plain(quads):
        return sorted(str(q) for q in quads if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode))

    return "new" if len(found) == len(expected) and plain(found) == plain(expected) else "other"


def _line(store, graph: str) -> str:
    """One triple of `graph` without blank nodes, as push writes it."""
    quad = next(q for q in store.quads(graph) if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)
                and not (isinstance(q.object, ox.Literal) and q.object.datatype.value.endswith("#decimal")))
    return f"{quad.subject} {quad.predicate} {quad.object} ."


def _push(store, url: str, **options):
    from newsgraph.graph.remote import RemoteStore, push

    reported: list[str] = []
    return push(store, RemoteStore(url), reported.append, **options), reported


def test_a_failed_request_leaves_earlier_graphs_complete_and_later_ones_as_they_were(store):
    """One request on one connection at a time, the one that holds a graph in the middle refused
    (as Virtuoso refuses a value it cannot take): graphs before it are replaced, it and those after
    are as they were, and the message names both kinds."""
    from newsgraph.errors import NewsgraphError

    graphs = store.graph_names()
    middle = graphs[len(graphs) // 2]
    bad = _line(store, middle)
    endpoint = FakeEndpoint(lambda text: "refuse" if bad in text else None)
    _old(endpoint, graphs)
    with fake_endpoint(endpoint) as url, pytest.raises(NewsgraphError) as error:
        _push(store, url, connections=1, batch=200)
    states = {graph: _state(endpoint, store, graph) for graph in graphs}
    assert "other" not in states.values(), states
    assert states[middle] == "old"
    replaced = [graph for graph in graphs if states[graph] == "new"]
    assert replaced and replaced == graphs[:len(replaced)], "replaced in order, up to the refused graph"
    assert all(states[graph] == "old" for graph in graphs[graphs.index(middle):])
    message = str(error.value)
    assert "refused by the test" in message
    assert f"push stopped: {len(replaced)} graphs replaced (<{replaced[0]}>" in message
    assert f"{len(graphs) - len(replaced)} graphs as they were (<{middle}>" in message
    assert "may be" not in message
    assert not [g for g in endpoint.data.named_graphs() if g.value.startswith("urn:newsgraph:push-staging:")]


def test_a_refused_graph_larger_than_a_request_is_as_it_was(store):
    """A graph staged in several requests, one of them refused: the graph is as it was and its
    staging graph is gone."""
    from newsgraph.errors import NewsgraphError
    from newsgraph.graph.remote import STAGING

    graphs = store.graph_names()
    largest = max(graphs, key=lambda graph: len(store.quads(graph)))
    bad = _line(store, largest)
    endpoint = FakeEndpoint(lambda text: "refuse" if bad in text and STAGING in text else None)
    _old(endpoint, graphs)
    with fake_endpoint(endpoint) as url, pytest.raises(NewsgraphError) as error:
        _push(store, url, connections=1, batch=50)
    assert _state(endpoint, store, largest) == "old"
    assert f"<{largest}>" in str(error.value).split("as they were")[1]
    assert not [g for g in endpoint.data.named_graphs() if g.value.startswith(STAGING)]


def test_deadlocks_are_sent_again(store):
    """Every request answered as a deadlock's victim twice (having done its DROPs, as Virtuoso
    does), then run: the push completes and every graph is the local one."""
    seen: dict[str, int] = {}

    def twice(text: str):
        seen[text] = seen.get(text, 0) + 1
        return "deadlock" if seen[text] <= 2 else None

    endpoint = FakeEndpoint(twice)
    graphs = store.graph_names()
    _old(endpoint, graphs)
    with fake_endpoint(endpoint) as url:
        counts, reported = _push(store, url, connections=3, batch=200)
    assert sorted(counts) == graphs and len(reported) >= len(graphs)
    assert all(_state(endpoint, store, graph) == "new" for graph in graphs)
    # Each request sent three times: two deadlocks, then done (a request sent twice by the push,
    # the DROP of a staging graph, is answered as a deadlock the first two times only).
    assert all(n == 3 for text, n in seen.items() if "INSERT" in text) and min(seen.values()) >= 3


def test_a_request_that_keeps_deadlocking_names_its_graphs_as_partly_written(store):
    from newsgraph.errors import NewsgraphError
    from newsgraph.graph.remote import RETRIES

    graphs = store.graph_names()
    victim = graphs[-1]
    bad = _line(store, victim)
    endpoint = FakeEndpoint(lambda text: "deadlock" if bad in text else None)
    _old(endpoint, graphs)
    with fake_endpoint(endpoint) as url, pytest.raises(NewsgraphError) as error:
        _push(store, url, connections=1)
    message = str(error.value)
    assert "deadlock's victim" in message and "graphs may be partly written (" in message
    assert f"<{victim}>" in message.split("may be partly written")[1].split("as they were")[0]
    assert _state(endpoint, store, victim) != "new"
    assert len([text for text in endpoint.updates if bad in text]) >= RETRIES + 1


def test_parallel_push_equals_serial_push(store):
    """The endpoint holds the same quads after a push on one connection as on four, and pushing
    again changes nothing."""
    results = []
    for connections in (1, 4, 4):
        endpoint = FakeEndpoint()
        _old(endpoint, store.graph_names())
        with fake_endpoint(endpoint) as url:
            _push(store, url, connections=connections, batch=100)
            if len(results) == 2:  # the third: pushed twice to the same endpoint
                _push(store, url, connections=connections, batch=100)
        results.append(sorted(str(q) for q in endpoint.data if "_:" not in str(q)))
        assert len(endpoint.data) == len(store)
    assert results[0] == results[1] == results[2]


def test_the_request_size_is_the_endpoints_answer(store):
    """An endpoint that answers 413 to a request of more than 300 lines: push halves its requests
    until they pass, keeps that size, and every graph arrives whole."""
    endpoint = FakeEndpoint(lambda text: "too large" if text.count("\n") > 300 else None)
    graphs = store.graph_names()
    _old(endpoint, graphs)
    with fake_endpoint(endpoint) as url:
        counts, reported = _push(store, url, connections=2)
    size = int(next(line for line in reported if "triples a request" in line).split()[-4])
    assert size <= 300 and all(_state(endpoint, store, graph) == "new" for graph in graphs)
    refused = [text for text in endpoint.updates if text.count("\n") > 300]
    assert len(refused) < 12, "halved until taken, then kept: not refused request after request"


def test_connections_must_be_positive(store):
    from newsgraph.errors import InputError
    from newsgraph.graph.remote import RemoteStore, push

    with pytest.raises(InputError, match="must be 1 or more"):
        push(store, RemoteStore("http://127.0.0.1:9/sparql"), connections=0)
