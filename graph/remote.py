"""A remote SPARQL 1.1 endpoint behind the same interface as the local store.

`--endpoint URL` makes `query`, `queries`, `describe`, `stats` and `export` talk to any SPARQL
endpoint (Oxigraph, Virtuoso, Apache Jena Fuseki, GraphDB) over the SPARQL 1.1 Protocol, and
`push` uploads the local store to one. The endpoint should query the union of its named graphs
as its default graph, as the local store does (Oxigraph: --union-default-graph; Virtuoso does
when a query names no graph; Fuseki/TDB2: tdb2:unionDefaultGraph true; see the README).

Requests go through newsgraph's one HTTP client (guarded_http): a query as a POSTed form with
nothing but `query` and an Accept header, no `format`/`output` parameters beside the header
(Virtuoso obeys those and refuses the contradiction with 406); an update as the body itself
(application/sparql-update). Each request has a connection of its own, so push can send from
several threads. Credentials come from
NEWSGRAPH_ENDPOINT_USER and NEWSGRAPH_ENDPOINT_PASSWORD and answer the endpoint's challenge, Basic
or Digest (Virtuoso's /sparql-auth).

Answers are whole or refused: an endpoint that cuts a result off at its row limit (Virtuoso's
ResultSetMaxRows, announced by X-SPARQL-MaxRows) or sends a partial answer at its time limit
(Virtuoso's X-SQL-State) gets an error, never exit 0 with partial data; the reads of export and
stats page through such a limit. Terms come back in their canonical form (Virtuoso's booleans 1
and 0 as true and false, its `nodeID://` blank nodes as blank nodes).

Parameters are bound as pyoxigraph binds them locally (SEP-0007 substitution): each use of the
variable becomes the RDF term, serialised by pyoxigraph, never the text as typed. Prefixes the
query uses but does not declare are declared for it. Errors are typed and one line: unreachable,
unauthorised, refused, bad query, timed out.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlsplit

import pyoxigraph as ox

from ..errors import InputError, NewsgraphError, QueryTimeoutError, RefusedError
from ..ontology import PREFIXES
from .export import export_quads
from .guarded_http import FetchFailed, authorization, fetch
from .progress import silent
from .sparqltext import query_form, tokens

if TYPE_CHECKING:
    from .store import GraphStore

BATCH = 10_000  # triples in the first request of a push; halved while the endpoint refuses the size
CONNECTIONS = 2  # requests of a push in flight at once
NAMED = 10  # graphs a failed push's message names of those replaced and of those as they were
RETRIES = 4  # an update the engine rolled back as a deadlock's victim is sent again up to this many times
MAX_BYTES = 2**40  # the user's own endpoint: no limit of ours on the size of an answer
STAGING = "urn:newsgraph:push-staging:"  # + a hash of the graph: where push writes a graph first
XSD = "http://www.w3.org/2001/XMLSchema#"
# The graphs Virtuoso holds for itself (its RDF views, the DAV folder, the OWL and LDP vocabularies
# it loads, its service description): not the user's data, left out of listings, stats and export.
VIRTUOSO_OWN = re.compile(r"http://www\.openlinksw\.com/.*|http://www\.w3\.org/ns/ldp#|http://www\.w3\.org/2002/07/owl#"
                          r"|urn:activitystreams-owl:map|urn:core:services:sparql|https?://[^/]+/(sparql|DAV/)")
# Up to 10 million rows of nothing, made by the engine: asks whether it cuts an answer off.
_PROBE = "SELECT (1 AS ?one) WHERE { " + " ".join(f"VALUES ?d{i} {{ 0 1 2 3 4 5 6 7 8 9 }}" for i in range(7)) + " } LIMIT "


def _check_url(url: str, option: str) -> None:
    """An endpoint is an http(s) URL with a host (and a port, if any, that is a port): checked
    here, since what urlsplit cannot read (`http://[::1`) would fail later as a traceback."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it checks it
    except ValueError:
        parts = None
    if parts is None or not re.match(r"https?://", url) or not parts.hostname:
        raise InputError(f"{{option}} {url!r}: give an http(s) URL", option)


class _Rejected(InputError):
    """The endpoint refused one request (a bad query, or an update it will not take at this size)."""


class _Deadlocked(_Rejected):
    """The engine stopped the request as the victim of a deadlock with another request (Virtuoso:
    SR172, SQL state 40001). Virtuoso answers so having done part of the request: only a request
    that can be sent again whatever part of it was done may be sent again (push's all can)."""


class RemoteStore:
    def __init__(self, endpoint: str, update_endpoint: str | None = None, timeout: float = 60.0):
        _check_url(endpoint, "endpoint")
        if update_endpoint is not None:
            _check_url(update_endpoint, "update_endpoint")
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or endpoint
        self.timeout = timeout
        self.user = os.environ.get("NEWSGRAPH_ENDPOINT_USER") or None
        self.password = os.environ.get("NEWSGRAPH_ENDPOINT_PASSWORD") or ""
        self.max_rows: int | None = None  # the endpoint's row limit, once it has shown one
        self.server = ""  # the endpoint's Server header
        self._challenges: dict[str, str] = {}  # URL -> the last WWW-Authenticate challenge
        self._count = 0  # Digest's nonce count
        self._lock = threading.Lock()  # push sends from several threads: each request has a connection of its own
        self.requests = 0  # requests sent, each deadlock's again included
        self._graph_sizes: dict[str, int] | None = None
        self._engine_graphs: list[str] = []
        self.big_data = True  # Virtuoso: push's updates carry DEFINE sql:big-data-const 1

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc) -> None:
        pass

    def close(self) -> None:
        pass

    # The interface of GraphStore that reading commands use.

    def query(self, sparql: str, bindings: dict | None = None, source: str = "query", *,
              default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
              base_iri: str | None = None, allowed_services: frozenset[str] = frozenset()):
        """Run a query at the endpoint (see GraphStore.query). The dataset, a base IRI and SERVICE
        are the endpoint's own business: asking for them here is an error, not silently dropped.
        An answer the endpoint cut off at its row limit is an error."""
        if default_graphs or named_graphs or base_iri or allowed_services:
            raise InputError(f"{source}: a dataset, a base IRI and allowed SERVICE endpoints apply to the local store, "
                             "not to a remote endpoint")
        text = bind_parameters(with_prefixes(sparql), bindings or {})
        if query_form(text) in ("CONSTRUCT", "DESCRIBE"):
            triples = self._graph(text, source)
            if len(triples) >= 100 and self._cut_off(len(triples)):
                raise self._truncated(self.max_rows)
            return triples
        results, limit = self._select(text, source)
        if limit is not None:
            raise self._truncated(limit)
        return results

    def graph_names(self) -> list[str]:
        return sorted(self._sizes())

    def quads(self, graph: str | None = None) -> list:
        """The quads of one named graph, or of every graph of the user's; paged through the
        endpoint's row limit."""
        if graph is None:
            return [quad for name in self.graph_names() for quad in self.quads(name)]
        rows = self._all_rows("?s ?p ?o", f"GRAPH <{graph}> {{ ?s ?p ?o }}", "?s ?p ?o")
        name = ox.NamedNode(graph)
        return [ox.Quad(r["s"], r["p"], r["o"], name) for r in rows]

    def has_subject(self, iri: str) -> bool:
        return bool(self.query("ASK { ?s ?p ?o }", {"s": ox.NamedNode(iri)}))

    def export(self, fmt, graphs: list[str] | None = None) -> bytes:
        return export_quads((quad for graph in graphs or self.graph_names() for quad in self.quads(graph)), fmt, graphs)

    def is_empty(self) -> bool:
        return not self._sizes()

    def __len__(self) -> int:
        return sum(self._sizes().values())

    def engine_graphs(self) -> list[str]:
        """Graphs the endpoint holds for itself (Virtuoso's), which graph_names leaves out."""
        self._sizes()
        return self._engine_graphs

    def _sizes(self) -> dict[str, int]:
        """Graph -> quads, for the user's graphs (an engine's own graphs left out). One grouped
        count: on Virtuoso far faster than SELECT DISTINCT ?g."""
        if self._graph_sizes is None:
            rows = self._all_rows("?g ?n", "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", "?g",
                                  grouped=True)
            own = VIRTUOSO_OWN if self.server.startswith("Virtuoso") else re.compile("(?!)")
            sizes = {r["g"].value: int(r["n"].value) for r in rows if isinstance(r["g"], ox.NamedNode)}
            self._engine_graphs = sorted(graph for graph in sizes if own.fullmatch(graph))
            self._graph_sizes = {graph: n for graph, n in sizes.items() if not own.fullmatch(graph)}
        return self._graph_sizes

    # Writing (push).

    def update(self, text: str) -> None:
        self._graph_sizes = None
        self._send(text, "update")

    # Reading whole answers.

    def _all_rows(self, projection: str, pattern: str, order: str, grouped: bool = False) -> list:
        """Every row of `SELECT projection WHERE { pattern }` (`pattern` a whole SELECT when
        `grouped`). Asked once; if the endpoint cuts the answer off at its row limit, asked again
        page by page, sorted by `order` in a sub-select (Virtuoso sorts no more than its limit
        in a query that has ORDER BY beside OFFSET, but sorts a sub-select whole)."""
        inner = pattern if grouped else f"SELECT {projection} WHERE {{ {pattern} }}"
        rows, limit = self._select(inner, "export")
        if limit is None:
            return list(rows)
        # One row short of the limit a page: Virtuoso flags a page of exactly its limit as cut off.
        found, offset, size = [], 0, max(1, limit - 1)
        while True:
            page, again = self._select(f"SELECT {projection} WHERE {{ {{ {inner} ORDER BY {order} }} }} "
                                       f"LIMIT {size} OFFSET {offset}", "export")
            if again is not None:
                raise self._truncated(again)
            page = list(page)
            found += page
            if len(page) < size:
                return found
            offset += size

    def _select(self, text: str, source: str):
        """(results, the row limit the endpoint cut them off at or None) of a SELECT or ASK."""
        data, headers = self._send(text, source, "application/sparql-results+json")
        try:
            results = ox.parse_query_results(canonical_results(data), format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as error:
            raise NewsgraphError(f"{self.endpoint}: the endpoint sent results newsgraph cannot read: {error}") from None
        limit = headers.get("x-sparql-maxrows")
        if limit and limit.strip().isdigit():
            self.max_rows = int(limit)
            return results, int(limit)
        return results, None

    def _graph(self, text: str, source: str) -> list:
        data, headers = self._send(text, source, "application/n-triples, text/turtle;q=0.8")
        media_type = headers.get("content-type", "").split(";")[0].strip().lower()
        syntax = ox.RdfFormat.TURTLE if media_type == "text/turtle" else ox.RdfFormat.N_TRIPLES
        text_data = re.sub(rb"<nodeID://(\w+)>|_:nodeID://(\w+)", lambda m: b"_:" + (m.group(1) or m.group(2)), data)
        try:
            return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(text_data, format=syntax)]
        except SyntaxError as error:
            raise NewsgraphError(f"{self.endpoint}: the endpoint sent a graph newsgraph cannot read: {error}") from None

    def _cut_off(self, count: int) -> bool:
        """Whether `count` triples of a CONSTRUCT or DESCRIBE are the endpoint's row limit (Virtuoso
        cuts graphs off there without a word): asked once with a query of count + 1 rows."""
        if self.max_rows is None:
            _, limit = self._select(_PROBE + str(count + 1), "query")
            if limit is None:
                return False
        return count >= self.max_rows

    def _truncated(self, limit: int) -> NewsgraphError:
        return NewsgraphError(f"{self.endpoint}: the endpoint cut the answer off at its limit of {limit} rows "
                              "(Virtuoso: ResultSetMaxRows); newsgraph gives no partial answer: narrow the query, "
                              "page it with LIMIT and OFFSET, or raise the endpoint's limit")

    # The protocol.

    def _send(self, text: str, source: str, accept: str | None = None) -> tuple[bytes, dict]:
        """POST a query (with `accept`) or an update (without); (body, headers) of a 2xx answer,
        a typed one-line error otherwise. A request the engine stopped as a deadlock's victim
        (two requests in flight that lock the same rows) is sent again, after a short wait, up to
        RETRIES times: queries, and updates that can be (each of push's writes whole graphs or
        copies a staging graph whole, so part of it done before is overwritten)."""
        for attempt in range(RETRIES + 1):
            try:
                return self._send_once(text, source, accept)
            except _Deadlocked:
                if attempt == RETRIES:
                    raise
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    def _send_once(self, text: str, source: str, accept: str | None) -> tuple[bytes, dict]:
        with self._lock:
            self.requests += 1
        update = accept is None
        url = self.update_endpoint if update else self.endpoint
        # An update is the body itself (application/sparql-update): URL-encoding the megabytes of
        # a push cost more CPU than anything else push does here, and the engine decodes them.
        form = None if update else {"query": text}
        body = ("application/sparql-update", text.encode()) if update else None
        headers = {"Accept": accept or "*/*"}
        response = self._post(url, form, headers, body)
        challenge = response.headers.get("www-authenticate", "")
        if response.status == 401 and self.user and challenge and challenge != self._challenges.get(url):
            self._challenges[url] = challenge  # answered from now on (a new Digest nonce: answered again)
            response = self._post(url, form, headers, body)
        self.server = response.headers.get("server", self.server)
        if 200 <= response.status < 300:
            said = response.headers.get("x-sql-message", "")
            if response.headers.get("x-sql-state") and re.search(r"SR172|deadlock", said, re.I):
                # Virtuoso answers 200 with the deadlock in its headers (having done part of the request).
                raise _Deadlocked(f"{source}: the endpoint rolled the {'update' if update else 'query'} back as a "
                                  f"deadlock's victim: {said[:200]}")
            if response.headers.get("x-sql-state"):  # Virtuoso's anytime answer: partial, at its time limit
                raise QueryTimeoutError(f"{url}: the endpoint stopped the query at its time limit and sent a partial "
                                        "answer, which newsgraph refuses (Virtuoso: MaxQueryExecutionTime)")
            return response.body, response.headers
        raise self._failure(url, response, source, update)

    def _post(self, url: str, form: dict | None, headers: dict, body: tuple[str, bytes] | None = None):
        origin = urlsplit(url)[:2]
        challenge = self._challenges.get(url)
        if self.user and challenge:
            with self._lock:
                self._count += 1
                count = self._count
            answer = authorization(challenge, self.user, self.password, "POST", url, count)
            if answer is None:
                raise InputError(f"{url}: the endpoint asks for authentication newsgraph does not speak: "
                                 f"{challenge.split()[0] if challenge.split() else challenge!r}")
            headers = {**headers, "Authorization": answer}
        try:
            # Credentials never follow a redirect to another origin.
            return fetch(url, lambda target: target.startswith(("http://", "https://")) and (
                not self.user or urlsplit(target)[:2] == origin), form=form, body=body, post=True, headers=headers,
                private_names=True, timeout=self.timeout, max_bytes=MAX_BYTES,
                refused=lambda target: RefusedError(f"{url}: the endpoint redirects to {target}, another server; "
                                                    "newsgraph does not send credentials there"))
        except FetchFailed as error:
            if error.timed_out:
                raise QueryTimeoutError(f"{url}: no answer within {self.timeout:g} s; the request was abandoned") from None
            raise InputError(f"{url}: unreachable, cannot reach the endpoint: {error}") from None

    def _failure(self, url: str, response, source: str, update: bool) -> NewsgraphError:
        said = " ".join(response.body.decode("utf-8", "replace").split())
        said = re.sub(r"\s*SPARQL (query|request):.*", "", said)  # Virtuoso repeats the request after its message
        if response.status == 401:
            if not self.user:
                return InputError(f"{url}: unauthorised; set NEWSGRAPH_ENDPOINT_USER and NEWSGRAPH_ENDPOINT_PASSWORD")
            scheme = self._challenges.get(url, "").split(" ")[0] or "the endpoint's"
            return InputError(f"{url}: unauthorised: the endpoint refused {self.user}'s password ({scheme} authentication)")
        if re.search(r"SR186|No permission|permission denied", said, re.I) or response.status == 403:
            role = f'GRANT SPARQL_UPDATE TO "{self.user or "SPARQL"}"'
            what = "updates" if update else "this query"
            return RefusedError(f"{url}: the endpoint refuses {what} from {self.user or 'anonymous users'}: grant the "
                                f"SPARQL_UPDATE role (Virtuoso isql: {role};)" if update else
                                f"{url}: the endpoint refuses {what}: {said[:200]}")
        if response.status == 404:
            return InputError(f"{url}: no SPARQL endpoint at this address (404)")
        if re.search(r"SR172|\b40001\b|deadlock", said, re.I) and response.status >= 500:
            return _Deadlocked(f"{source}: the endpoint rolled the {'update' if update else 'query'} back as a "
                               f"deadlock's victim: {said[:200]}")
        if response.status == 503 and "timed out" in said:
            return QueryTimeoutError(f"{url}: the query timed out at the endpoint")
        if re.search(r"SR171|Transaction timed out|timeout", said, re.I) and response.status >= 500:
            return QueryTimeoutError(f"{url}: the {'update' if update else 'query'} timed out at the endpoint: {said[:200]}")
        if response.status in (400, 413, 414) or response.status >= 500 and said:
            rejected = _Rejected(f"{source}: the endpoint rejected the {'update' if update else 'query'}: "
                                 f"{said[:300] or f'HTTP {response.status}'}")
            rejected.status = response.status  # 413: the size (push makes its requests smaller)
            return rejected
        return InputError(f"{url}: HTTP {response.status}" + (f": {said[:200]}" if said else ""))


def canonical_results(data: bytes) -> bytes:
    """SPARQL JSON results with terms in their canonical form, as the local store gives them:
    Virtuoso writes booleans as 1 and 0, blank nodes as `nodeID://b1`, and literals as the
    obsolete "typed-literal"."""
    try:
        answer = json.loads(data)
    except ValueError:
        return data
    for row in answer.get("results", {}).get("bindings", []):
        for name, term in row.items():
            kind = term.get("type")
            if kind == "bnode":
                term["value"] = _blank_label(term.get("value", ""))
            elif kind in ("literal", "typed-literal"):
                term["type"] = "literal"
                datatype = term.get("datatype")
                if datatype == XSD + "boolean" and term.get("value") in ("1", "0"):
                    term["value"] = "true" if term["value"] == "1" else "false"
            elif kind == "uri" and term.get("value", "").startswith("nodeID://"):
                row[name] = {"type": "bnode", "value": _blank_label(term["value"])}
    return json.dumps(answer).encode()


def _blank_label(value: str) -> str:
    label = value.removeprefix("nodeID://")
    return label if re.fullmatch(r"[A-Za-z0-9_]+", label) else "h" + hashlib.sha1(value.encode()).hexdigest()[:16]


def with_prefixes(text: str) -> str:
    """Declare the project's prefixes that the query uses without declaring them."""
    declared = {m.group(1) for m in re.finditer(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:", text)}
    needed = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items() if p not in declared and re.search(rf"\b{p}:", text)]
    return "\n".join(needed + [text]) if needed else text


def bind_parameters(text: str, bindings: dict) -> str:
    """Bind parameters as pyoxigraph's substitutions (SEP-0007) do locally, so that a named query
    means the same on any endpoint: every use of a bound variable becomes its RDF term, written by
    pyoxigraph's serialiser (quoted and escaped: never the value as typed), and in the SELECT
    projection `?v` becomes `(TERM AS ?v)`, in ORDER BY and GROUP BY `(TERM)`. (A VALUES block would not reach into the branches of
    a UNION, which are evaluated on their own.)"""
    if not bindings:
        return text
    stream = list(tokens(text))
    # Each SELECT's projection (start, end) and the extent of its WHERE group. A projected
    # parameter becomes `(TERM AS ?v)`, unless a sub-select within already projects it that way
    # (SPARQL forbids binding a variable that is in scope).
    selects = []
    for index, (position, token) in enumerate(stream):
        if token.upper() == "SELECT":
            opening = next((later for later, (_, word) in enumerate(stream[index + 1:], index + 1) if word == "{"), len(stream))
            depth, closing = 0, len(text)
            for later_position, word in stream[opening:]:
                depth += (word == "{") - (word == "}")
                if depth == 0:
                    closing = later_position
                    break
            end = next((later for later, word in stream[index + 1:] if word.upper() == "WHERE" or word == "{"), len(text))
            variables = {word[1:] for _, word in stream[index + 1:opening] if word[0] in "?$"}
            selects.append((position, end, closing, variables))

    def projected_within(position: int, name: str) -> bool:
        return any(start <= position < end and any(start < inner < closing and name in names
                                                   for inner, _, _, names in selects)
                   for start, end, closing, _ in selects)

    pieces, done, ordering = [], 0, False
    for position, token in stream:
        if token.upper() in ("ORDER", "GROUP"):
            ordering = True  # ORDER BY and GROUP BY take a term only in brackets
        elif token in ("{", "}") or token.upper() in ("LIMIT", "OFFSET", "HAVING", "VALUES"):
            ordering = False
        if token[0] in "?$" and token[1:] in bindings:
            term = str(bindings[token[1:]])
            if any(start <= position < end for start, end, _, _ in selects):
                if projected_within(position, token[1:]):
                    continue
                term = f"({term} AS ?{token[1:]})"
            elif ordering:
                term = f"({term})"
            pieces += [text[done:position], term]
            done = position + len(token)
    return "".join(pieces) + text[done:]


def push(local: GraphStore, remote: RemoteStore, report=lambda line: None, progress=silent,
         batch: int = BATCH, connections: int = CONNECTIONS) -> dict[str, int]:
    """Upload every graph of the local store, each graph replaced whole or left as it was.

    A graph that fits in one request is replaced by one: `DROP SILENT GRAPH <g> ; INSERT DATA
    { GRAPH <g> { ... } }`, several small graphs sharing a request. A request the engine refuses
    (a value it cannot take, a size) leaves its graphs as they were: Oxigraph and Virtuoso check a
    request whole before writing. A graph larger than a request is written to a staging graph of
    its own first, then dropped and given its copy (SPARQL 1.1 ADD, then the staging graph
    dropped): if that fails, the graph may be empty and its new content waits in the staging graph.
    A failed push says which graphs were replaced, which may be partly written or empty, and which
    are as they were. Pushing twice leaves the endpoint as pushing once.

    `connections` requests are in flight at once, each on a connection of its own. A request the
    engine answers as a deadlock's victim (Virtuoso's SR172, which comes when two requests lock the
    same rows) is sent again as it was (RemoteStore._send): every request of a push can be, since
    each writes whole graphs. Virtuoso answers a deadlock having done part of the request, so the
    graphs of a request that fails that way are named as possibly partly written. Requests start
    at `batch` triples and are halved while the endpoint refuses one (Virtuoso: SP031 or SP030 for
    its size), and the size that worked is kept: the size is the engine's own answer. Triples
    that share a blank node go in one request (INSERT ... WHERE {}, which Virtuoso accepts with
    blank nodes where it refuses INSERT DATA), so each blank node stays one node.

    Virtuoso keeps a literal's old datatype when a request drops it and inserts an equal value of
    another type (24 and 24.0, a date and the same dateTime): a graph the endpoint held already is
    checked after its request (its literals counted by datatype, one query for the request's
    graphs) and, if a type stuck, written again through staging, where the DROP is a request of
    its own. `report(line)` is told of each graph pushed."""
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    if connections < 1:
        raise InputError(f"{{option}} must be 1 or more, not {connections}", "connections")
    graphs = local.graph_names()
    state, sent = _Push(remote, max(1, batch)), remote.requests
    try:
        # What a push stopped by force left behind goes first; the first write also asks whether
        # the endpoint lets us write at all.
        held = remote.graph_names()
        leftovers = [name for name in held if name.startswith(STAGING)]
        _drop(remote, leftovers or [_staging(graphs[0] if graphs else "")], quietly=False)
    except NewsgraphError as error:
        raise type(error)(f"{error.explain()}; push changed no graph on the endpoint", error.option) from None
    state.held = set(held)
    counts: dict[str, int] = {}
    told = 0

    def tell() -> None:
        nonlocal told
        with state.lock:
            replaced = state.replaced[told:]
            told += len(replaced)
        for graph in replaced:
            report(f"pushed <{graph}>: {counts[graph]} triples")

    bar = progress("pushing", len(graphs))
    pool = ThreadPoolExecutor(connections, thread_name_prefix="push")
    running: set = set()
    try:
        def submit(job: list) -> None:
            nonlocal running
            running.add(pool.submit(state.write, job))
            # The first request alone: the sizes the endpoint takes are found on one connection
            # (a refused request costs the engine as much as a taken one) before the others open.
            while len(running) > (2 * connections if state.replaced or state.failure else 0):
                # read ahead of the requests, not the whole store
                finished, running = wait(running, return_when=FIRST_COMPLETED)
                tell()

        job: list[_Graph] = []  # small graphs that share a request
        load = (0, 0)
        for graph in graphs:
            if state.failure is not None:
                break
            bar.advance(note=graph.rsplit("/", 1)[-1])
            quads = local.quads(graph)
            units = _units(quads)
            item = _Graph(graph, [unit[0] for unit in units if len(unit) == 1 and "_:" not in unit[0]],
                          [unit for unit in units if len(unit) > 1 or "_:" in unit[0]],
                          _typed(quads) if graph in state.held else None)
            counts[graph] = item.triples
            if job and not state.fits((load[0] + item.load[0], load[1] + item.load[1])):
                submit(job)
                job, load = [], (0, 0)
            job.append(item)
            load = (load[0] + item.load[0], load[1] + item.load[1])
        if job and state.failure is None:
            submit(job)
        wait(running)
    except BaseException as error:
        state.stop(error)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        tell()
        bar.__exit__()
    if state.failure is not None:
        error = state.failure
        if not isinstance(error, NewsgraphError):
            raise error
        raise type(error)(f"{error.explain()}; {state.outcome(graphs)}", error.option) from None
    if state.sizes[0] < batch:
        report(f"the endpoint took at most {state.sizes[0]} triples a request")
    if state.sizes[1] < batch:
        report(f"the endpoint took at most {state.sizes[1]} triples that share blank nodes a request")
    report(f"{remote.requests - sent} requests on {connections} connections")
    return counts


def _staging(graph: str) -> str:
    return STAGING + hashlib.sha1(graph.encode()).hexdigest()[:24]


def _typed(quads) -> dict[str, int]:
    """Datatype -> how many of the quads' objects have it (literals other than strings)."""
    found: dict[str, int] = {}
    for quad in quads:
        value = quad.object
        if isinstance(value, ox.Literal) and value.language is None and value.datatype.value != XSD + "string":
            found[value.datatype.value] = found.get(value.datatype.value, 0) + 1
    return found


class _Graph(NamedTuple):
    """One graph to push: its triples as N-Triples lines, those without blank nodes apart from
    the units of triples that share blank nodes (each unit goes in one request)."""

    name: str
    plain: list[str]
    blank: list[list[str]]
    typed: dict[str, int] | None  # datatype -> literals, for a graph the endpoint held already

    @property
    def triples(self) -> int:
        return len(self.plain) + sum(len(unit) for unit in self.blank)

    @property
    def load(self) -> tuple[int, int]:
        return len(self.plain), sum(len(unit) for unit in self.blank)


def _operations(blocks: list[tuple[str, list[str], list[list[str]]]]) -> list[str]:
    """INSERT DATA for the triples without blank nodes, INSERT ... WHERE {} for those with (which
    Virtuoso accepts with blank nodes where it refuses INSERT DATA, but compiles into far more SQL:
    it refuses fewer of them in one request, so they are counted apart)."""
    plain = "\n".join(f"GRAPH <{graph}> {{\n" + "\n".join(lines) + "\n}" for graph, lines, _ in blocks if lines)
    blank = "\n".join(f"GRAPH <{graph}> {{\n" + "\n".join(line for unit in units for line in unit) + "\n}"
                      for graph, _, units in blocks if units)
    return ([f"INSERT DATA {{ {plain} }}"] if plain else []) + ([f"INSERT {{ {blank} }} WHERE {{}}"] if blank else [])


class _Push:
    """What the threads of one push share: the request sizes that worked (triples without blank
    nodes, triples with), the graphs replaced, those emptied with their content in staging, those
    in no known state, and the first failure."""

    def __init__(self, remote: RemoteStore, size: int):
        self.remote, self.sizes = remote, [size, size]
        self.lock = threading.Lock()
        self.held: set[str] = set()  # the graphs the endpoint held before the push
        self.replaced: list[str] = []
        self.emptied: dict[str, str] = {}  # graph -> the staging graph that holds its content
        self.unknown: set[str] = set()  # graphs of a request that failed in a way that may have done part of it
        self.failure: BaseException | None = None

    def stop(self, error: BaseException) -> None:
        with self.lock:
            if self.failure is None:
                self.failure = error

    def fits(self, load: tuple[int, int], sizes: list[int] | None = None) -> bool:
        sizes = sizes or self.sizes
        return load[0] <= sizes[0] and load[1] <= sizes[1]

    def smaller(self, error: NewsgraphError, load: tuple[int, int], units: int,
                sizes: list[int] | None) -> tuple[bool, list[int] | None]:
        """Whether to try again after the endpoint refused a request of `load` (triples without
        and with blank nodes) in `units` units, and with which sizes: the size the blank nodes'
        triples are counted by halved if there were several, else the other. Not for a request
        that cannot be made smaller (one unit) or that a deadlock stopped (sent again RETRIES
        times already). A refusal that says it is about the size (Virtuoso's SP031 and SP030,
        HTTP 413, a time limit) sets the size of every request that follows (None: the push's
        sizes); another one (a value the engine cannot take) only that of the parts of this
        request, to find the graph it is about."""
        if isinstance(error, _Deadlocked) or units <= 1:
            return False, sizes
        found = list(sizes or self.sizes)
        if load[1] > 1:
            found[1] = max(1, min(found[1], load[1] // 2))
        else:
            found[0] = max(1, min(found[0], load[0] // 2))
        if isinstance(error, QueryTimeoutError) or re.search(r"\bSP03[01]\b|HTTP 413|too (large|long|big)", str(error), re.I) \
                or getattr(error, "status", None) == 413:
            with self.lock:
                self.sizes = [min(now, new) for now, new in zip(self.sizes, found)]
            return True, found if sizes else None
        return True, found

    def write(self, job: list[_Graph]) -> None:
        """Replace the graphs of `job`; a failure stops the push: requests not yet begun are not
        sent."""
        try:
            self._write(job)
        except BaseException as error:
            self.stop(error)

    def _write(self, job: list[_Graph], sizes: list[int] | None = None) -> None:
        """`sizes`: smaller than the push's, while finding the graph a refused request is about."""
        if self.failure is not None:
            return
        load = (sum(item.load[0] for item in job), sum(item.load[1] for item in job))
        if not self.fits(load, sizes):  # larger than the endpoint takes (or a job made before it refused a size)
            if len(job) > 1:
                half = max(1, len(job) // 2)
                self._write(job[:half], sizes)
                self._write(job[half:], sizes)
            else:
                self._stage(job[0], sizes)
            return
        try:
            # A graph the endpoint did not hold needs no DROP, which costs Virtuoso time even for
            # a graph it does not have (bench/RESULTS.md).
            _update_data(self.remote, " ;\n".join([f"DROP SILENT GRAPH <{item.name}>" for item in job if item.typed is not None]
                                                  + _operations([(item.name, item.plain, item.blank) for item in job])))
        except (_Rejected, QueryTimeoutError) as error:
            if isinstance(error, (_Deadlocked, QueryTimeoutError)):
                # Virtuoso answers a deadlock having done part of the request (tested: some of
                # its graphs replaced, one emptied), and a request past our time limit may still
                # run: its graphs are in no known state until written again.
                with self.lock:
                    self.unknown.update(item.name for item in job)
            again, smaller = self.smaller(error, load, sum(len(item.plain) + len(item.blank) for item in job), sizes)
            if not again:
                raise
            self._write(job, smaller)
            return
        try:
            stuck = self._stuck([item for item in job if item.typed is not None])
        except BaseException:
            with self.lock:  # written, but whether a datatype stuck is not known
                self.unknown.update(item.name for item in job)
            raise
        with self.lock:
            self.replaced += [item.name for item in job if item.name not in stuck]
            self.unknown.difference_update(item.name for item in job if item.name not in stuck)
            self.unknown.update(stuck)  # complete but for a datatype, until written again
        for item in job:
            if item.name in stuck:
                self._stage(item)

    def _stuck(self, items: list[_Graph]) -> set[str]:
        """The graphs of `items`, which the endpoint held before, where it kept a literal of another
        datatype than the one pushed: its literals counted by datatype, against the local counts."""
        if not items:
            return set()
        # A UNION of one GRAPH <g> a graph: Virtuoso answers it fastest (a VALUES ?g form ran
        # past its time limit). Each literal's datatype, counted here, is faster there than a
        # GROUP BY, which is kept where the rows could reach an endpoint's row limit.
        typed = f'FILTER(isLiteral(?o) && LANG(?o) = "" && DATATYPE(?o) != <{XSD}string>)'
        branches = " UNION ".join(f"{{ GRAPH <{item.name}> {{ ?s ?p ?o {typed} }} BIND(<{item.name}> AS ?g) "
                                  "BIND(DATATYPE(?o) AS ?t) }" for item in items)
        grouped = sum(sum(item.typed.values()) for item in items) > 1000
        rows = self.remote.query(f"SELECT ?g ?t (COUNT(*) AS ?n) WHERE {{ {branches} }} GROUP BY ?g ?t" if grouped
                                 else f"SELECT ?g ?t WHERE {{ {branches} }}")
        found: dict[str, dict[str, int]] = {}
        for row in rows:
            counted = found.setdefault(row["g"].value, {})
            counted[row["t"].value] = counted.get(row["t"].value, 0) + (int(row["n"].value) if grouped else 1)
        return {item.name for item in items if found.get(item.name, {}) != item.typed}

    def _fill(self, staging: str, item: _Graph, sizes: list[int] | None) -> None:
        """Insert a graph's triples into `staging`, in requests the endpoint takes."""
        plain, blank = list(item.plain), list(item.blank)
        while plain or blank:
            with self.lock:
                now = list(sizes or self.sizes)
            lines, units, count = plain[:now[0]], [], 0
            for unit in blank:  # as many units as the size takes; one larger than it goes alone
                if count + len(unit) > now[1] and (units or lines):
                    break
                units.append(unit)
                count += len(unit)
            try:
                _update_data(self.remote, " ;\n".join(_operations([(staging, lines, units)])))
            except (_Rejected, QueryTimeoutError) as error:
                again, sizes = self.smaller(error, (len(lines), count), len(lines) + len(units), sizes)
                if not again:
                    raise
                continue
            plain, blank = plain[len(lines):], blank[len(units):]

    def _stage(self, item: _Graph, sizes: list[int] | None = None) -> None:
        """Write one graph to its staging graph, then drop it and give it the copy."""
        staging = _staging(item.name)
        try:
            self._fill(staging, item, sizes)
        except BaseException:
            _drop(self.remote, [staging])
            raise
        try:
            self.remote.update(f"DROP SILENT GRAPH <{item.name}>")
            # ADD, then a DROP of the copy, not MOVE: each can be sent again. Virtuoso answers a
            # deadlock in a MOVE having moved part of the graph, and the MOVE sent again left it empty.
            self.remote.update(f"ADD GRAPH <{staging}> TO GRAPH <{item.name}>")
        except BaseException:
            with self.lock:
                self.emptied[item.name] = staging
            raise
        _drop(self.remote, [staging])
        with self.lock:
            self.replaced.append(item.name)
            self.unknown.discard(item.name)

    def outcome(self, graphs: list[str]) -> str:
        """What a failed push did, graph by graph."""
        def named(found) -> str:  # the first few: a push of thousands of graphs says each one it pushed
            return ", ".join(f"<{graph}>" for graph in found[:NAMED]) + (f" and {len(found) - NAMED} more"
                                                                       if len(found) > NAMED else "")

        done = set(self.replaced)
        replaced = [graph for graph in graphs if graph in done]
        unknown = [graph for graph in graphs if graph in self.unknown and graph not in done and graph not in self.emptied]
        unchanged = [graph for graph in graphs if graph not in done and graph not in self.emptied and graph not in unknown]
        if not replaced and not self.emptied and not unknown:
            return "push changed no graph on the endpoint"
        said = [f"push stopped: {len(replaced)} graphs replaced ({named(replaced)})" if replaced else "push stopped"]
        said += [f"<{graph}> may be empty: its new content is in <{staging}>" for graph, staging in self.emptied.items()]
        if unknown:
            said.append(f"{len(unknown)} graphs may be partly written ({named(unknown)})")
        said.append(f"{len(unchanged)} graphs as they were ({named(unchanged)})" if unchanged else "no graph as it was")
        return "; ".join(said) + "; push again to finish"


def _update_data(remote: RemoteStore, text: str) -> None:
    """An update that carries data; Virtuoso is told to take its constants as data."""
    # Virtuoso compiles the constants of an update into SQL text unless told otherwise: with
    # big-data-const it takes the same request far faster (bench/RESULTS.md).
    pragma = "DEFINE sql:big-data-const 1\n" if remote.server.startswith("Virtuoso") and remote.big_data else ""
    try:
        remote.update(pragma + text)
    except _Rejected as error:
        if pragma and "big-data-const 0" in str(error):  # Virtuoso says when the pragma is the trouble
            remote.big_data = False
            remote.update(text)
        else:
            raise


def _units(quads) -> list[list[str]]:
    """The triples of one graph as N-Triples lines, in units that must go in one request: a triple
    without blank nodes alone, triples that share blank nodes together."""
    plain, linked, owner = [], {}, {}

    def find(node):
        while owner.setdefault(node, node) != node:
            owner[node] = owner[owner[node]]
            node = owner[node]
        return node

    for quad in quads:
        value = quad.object
        if isinstance(value, ox.Literal) and value.datatype.value == XSD + "decimal" and re.fullmatch(r"[+-]?\d+", value.value):
            value = f'"{value.value}.0"^^<{XSD}decimal>'  # written "24", Virtuoso would keep an xsd:integer
        line = f"{quad.subject} {quad.predicate} {value} ."
        blanks = [term for term in (quad.subject, quad.object) if isinstance(term, ox.BlankNode)]
        if not blanks:
            plain.append([line])
            continue
        for other in blanks[1:]:
            owner[find(other)] = find(blanks[0])
        linked.setdefault(blanks[0], []).append(line)
    groups: dict = {}
    for node, lines in linked.items():
        groups.setdefault(find(node), []).extend(lines)
    return plain + list(groups.values())


def _drop(remote: RemoteStore, graphs, quietly: bool = True) -> None:
    """Remove staging graphs, 50 a request (Virtuoso refuses a request of a thousand operations);
    `quietly` as far as the endpoint lets us, when the push has failed already."""
    drops = [f"DROP SILENT GRAPH <{graph}>" for graph in graphs]
    for start in range(0, len(drops), 50):
        try:
            remote.update(" ;\n".join(drops[start:start + 50]))
        except NewsgraphError:
            if not quietly:
                raise
