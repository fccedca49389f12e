"""A remote SPARQL 1.1 endpoint behind the same interface as the local store.

`--endpoint URL` makes `query`, `queries`, `describe`, `stats` and `export` talk to any SPARQL
endpoint (Oxigraph, Virtuoso, Apache Jena Fuseki, GraphDB) over the SPARQL 1.1 Protocol, and
`push` uploads the local store to one. The endpoint should query the union of its named graphs
as its default graph, as the local store does (Oxigraph: --union-default-graph; Virtuoso does
when a query names no graph; Fuseki/TDB2: tdb2:unionDefaultGraph true; see the README).

Requests go through newsgraph's one HTTP client (guarded_http), as POSTed forms with nothing but
`query` or `update` and an Accept header: no `format`/`output` parameters beside the header
(Virtuoso obeys those and refuses the contradiction with 406). Credentials come from
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
from typing import TYPE_CHECKING
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
MAX_BYTES = 2**40  # the user's own endpoint: no limit of ours on the size of an answer
MOVES = 50  # graphs replaced a request pair (a DROP each, then a MOVE each); Virtuoso refuses a thousand operations
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
        self._count = 0
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
        a typed one-line error otherwise."""
        update = accept is None
        url = self.update_endpoint if update else self.endpoint
        form = {"update": text} if update else {"query": text}
        headers = {"Accept": accept or "*/*"}
        response = self._post(url, form, headers)
        challenge = response.headers.get("www-authenticate", "")
        if response.status == 401 and self.user and challenge and challenge != self._challenges.get(url):
            self._challenges[url] = challenge  # answered from now on (a new Digest nonce: answered again)
            response = self._post(url, form, headers)
        self.server = response.headers.get("server", self.server)
        if 200 <= response.status < 300:
            if response.headers.get("x-sql-state"):  # Virtuoso's anytime answer: partial, at its time limit
                raise QueryTimeoutError(f"{url}: the endpoint stopped the query at its time limit and sent a partial "
                                        "answer, which newsgraph refuses (Virtuoso: MaxQueryExecutionTime)")
            return response.body, response.headers
        raise self._failure(url, response, source, update)

    def _post(self, url: str, form: dict, headers: dict):
        origin = urlsplit(url)[:2]
        challenge = self._challenges.get(url)
        if self.user and challenge:
            self._count += 1
            answer = authorization(challenge, self.user, self.password, "POST", url, self._count)
            if answer is None:
                raise InputError(f"{url}: the endpoint asks for authentication newsgraph does not speak: "
                                 f"{challenge.split()[0] if challenge.split() else challenge!r}")
            headers = {**headers, "Authorization": answer}
        try:
            # Credentials never follow a redirect to another origin.
            return fetch(url, lambda target: target.startswith(("http://", "https://")) and (
                not self.user or urlsplit(target)[:2] == origin), form=form, post=True, headers=headers,
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
        if response.status == 503 and "timed out" in said:
            return QueryTimeoutError(f"{url}: the query timed out at the endpoint")
        if re.search(r"SR171|Transaction timed out|timeout", said, re.I) and response.status >= 500:
            return QueryTimeoutError(f"{url}: the {'update' if update else 'query'} timed out at the endpoint: {said[:200]}")
        if response.status in (400, 413, 414) or response.status >= 500 and said:
            return _Rejected(f"{source}: the endpoint rejected the {'update' if update else 'query'}: "
                             f"{said[:300] or f'HTTP {response.status}'}")
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
         batch: int = BATCH) -> dict[str, int]:
    """Upload every graph of the local store, all or nothing per graph: each graph is written to a
    staging graph of its own first, and only when every graph is staged is each one replaced by its
    staged copy (DROP, then SPARQL 1.1 MOVE, which Virtuoso, Oxigraph, Fuseki and GraphDB all run),
    50 graphs a request.
    A push that fails while staging removes what it staged and has changed nothing; one that fails
    while replacing says which graphs are done. Pushing twice leaves the endpoint as pushing once.

    Requests start at `batch` triples and are halved while the endpoint refuses their size
    (Virtuoso takes about 1,400 triples at a time), so the size is the engine's own answer.
    Triples that share a blank node go in one request (INSERT ... WHERE {}, which Virtuoso accepts
    with blank nodes where it refuses INSERT DATA), so each blank node stays one node.
    `report(line)` is told of each graph pushed."""
    graphs = local.graph_names()
    staging = {graph: STAGING + hashlib.sha1(graph.encode()).hexdigest()[:24] for graph in graphs}
    counts: dict[str, int] = {}
    size = max(1, batch)
    try:
        # What a push stopped by force left behind goes first; the first write also asks whether
        # the endpoint lets us write at all.
        leftovers = [name for name in remote.graph_names() if name.startswith(STAGING)]
        _drop(remote, leftovers or list(staging.values())[:1], quietly=False)
        bar = progress("pushing", len(graphs))
        pending: list[tuple[str, list[str]]] = []  # (staging graph, unit): small graphs share requests
        for graph in graphs:
            bar.advance(note=graph.rsplit("/", 1)[-1])
            units = _units(local.quads(graph))
            counts[graph] = sum(len(unit) for unit in units)
            pending += [(staging[graph], unit) for unit in units]
            if len(pending) >= size:
                pending, size = _insert(remote, pending, size, final=False)
        _insert(remote, pending, size, final=True)
        bar.__exit__()
    except BaseException as error:
        _drop(remote, staging.values())
        if isinstance(error, NewsgraphError):
            raise type(error)(f"{error.explain()}; push changed no graph on the endpoint", error.option) from None
        raise
    done: list[str] = []
    queue, alone = list(graphs), []  # alone: graphs of a refused group, replaced one at a time
    while queue or alone:
        group = [alone.pop(0)] if alone else [queue.pop(0) for _ in range(min(MOVES, len(queue)))]
        dropped = False
        try:
            # Two requests for a group of graphs: Virtuoso's MOVE onto a graph that holds an equal
            # value of another type (24 beside 24.0) keeps the old triple, even after a DROP in
            # the same request.
            remote.update(" ;\n".join(f"DROP SILENT GRAPH <{graph}>" for graph in group))
            dropped = True
            remote.update(" ;\n".join(f"MOVE GRAPH <{staging[graph]}> TO GRAPH <{graph}>" for graph in group))
        except BaseException as error:
            if len(group) > 1 and isinstance(error, NewsgraphError):
                # A request may have done part of its operations: a graph whose staging copy is
                # gone was moved; the others are replaced one at a time, so a failure names its graph.
                try:
                    alone = [graph for graph in group
                             if remote.query(f"ASK {{ GRAPH <{staging[graph]}> {{ ?s ?p ?o }} }}")]
                except BaseException as asked:  # what the group's graphs hold is not known: their copies stay
                    error, dropped = asked, True
                else:
                    for graph in group:
                        if graph not in alone:
                            done.append(graph)
                            report(f"pushed <{graph}>: {counts[graph]} triples")
                    continue
            # Staging copies go, except those of graphs this request may have emptied.
            _drop(remote, (staging[g] for g in graphs if g not in done and not (dropped and g in group)))
            if not isinstance(error, NewsgraphError):
                raise
            complete = f"{len(done)} graphs are complete ({', '.join(f'<{g}>' for g in done)})" if done else "no other graph was changed"
            if len(group) == 1:
                state = f"<{group[0]}>, which " + (f"is empty: its new content is in <{staging[group[0]]}>; push again"
                                                  if dropped else "is as it was")
            else:
                state = (f"{len(group)} graphs ({', '.join(f'<{g}>' for g in group)}), each as it was, replaced, or empty "
                         "with its new content in its staging graph; push again")
            raise type(error)(f"{error.explain()}; push stopped at {state}; {complete}", error.option) from None
        for graph in group:
            done.append(graph)
            report(f"pushed <{graph}>: {counts[graph]} triples")
    if size < batch:
        report(f"the endpoint took at most {size} triples a request")
    return counts


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


def _insert(remote: RemoteStore, units: list[tuple[str, list[str]]], size: int, final: bool):
    """Insert (graph, unit) pairs, about `size` triples a request (one request may fill several
    graphs), halving the size while the endpoint refuses a request (its size, or its time). Unless
    `final`, a last request short of `size` is left for later; (what is left, the size that worked)."""
    start = 0
    while start < len(units):
        end, count = start, 0
        while end < len(units) and (end == start or count + len(units[end][1]) <= size):
            count += len(units[end][1])
            end += 1
        if end == len(units) and count < size and not final:
            break
        blocks, blank = [], False
        for graph in dict.fromkeys(graph for graph, _ in units[start:end]):
            lines = "\n".join(line for named, unit in units[start:end] if named == graph for line in unit)
            blocks.append(f"GRAPH <{graph}> {{\n{lines}\n}}")
        blank = any(len(unit) > 1 or "_:" in unit[0] for _, unit in units[start:end])
        body = "\n".join(blocks)
        # Virtuoso compiles the constants of an update into SQL text unless told otherwise: with
        # big-data-const it takes the same request about ten times faster.
        pragma = "DEFINE sql:big-data-const 1\n" if remote.server.startswith("Virtuoso") and remote.big_data else ""
        try:
            remote.update(pragma + (f"INSERT {{ {body} }} WHERE {{}}" if blank else f"INSERT DATA {{ {body} }}"))
        except (_Rejected, QueryTimeoutError) as error:
            if pragma and "big-data-const 0" in str(error):  # Virtuoso says when the pragma is the trouble
                remote.big_data = False
                continue
            if end - start == 1:
                raise
            size = max(1, count // 2)
            continue
        start = end
    return units[start:], size


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
