"""A remote SPARQL 1.1 endpoint behind the same interface as the local store.

`--endpoint URL` makes `query`, `queries`, `describe`, `stats` and `export` talk to any SPARQL
endpoint (Oxigraph, Apache Jena Fuseki, GraphDB, Virtuoso) through SPARQLWrapper, and `push`
uploads the local store to one. The endpoint should query the union of its named graphs as its
default graph, as the local store does (Oxigraph: --union-default-graph; Fuseki/TDB2:
tdb2:unionDefaultGraph true; see the README).

Parameters are bound as pyoxigraph binds them locally (SEP-0007 substitution): each use of the
variable becomes the RDF term, serialised by pyoxigraph, never the text as typed. Prefixes the query uses but does
not declare are declared for it. Credentials come from NEWSGRAPH_ENDPOINT_USER and
NEWSGRAPH_ENDPOINT_PASSWORD. Errors are typed and one line: unreachable, unauthorised, bad query,
timed out.
"""

from __future__ import annotations

import os
import re
import socket
from typing import TYPE_CHECKING
from urllib.error import HTTPError, URLError

import pyoxigraph as ox
from SPARQLWrapper import POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
)

from ..errors import InputError, NewsgraphError, QueryTimeoutError
from ..ontology import PREFIXES
from .export import export_quads
from .progress import silent
from .sparqltext import query_form, tokens

if TYPE_CHECKING:
    from .store import GraphStore

BATCH = 10_000


class RemoteStore:
    def __init__(self, endpoint: str, update_endpoint: str | None = None, timeout: float = 60.0):
        if not re.match(r"https?://", endpoint):
            raise InputError(f"{{option}} {endpoint!r}: give an http(s) URL", "endpoint")
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or endpoint
        self.timeout = timeout

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
        are the endpoint's own business: asking for them here is an error, not silently dropped."""
        if default_graphs or named_graphs or base_iri or allowed_services:
            raise InputError(f"{source}: a dataset, a base IRI and allowed SERVICE endpoints apply to the local store, "
                             "not to a remote endpoint")
        text = bind_parameters(with_prefixes(sparql), bindings or {})
        form = query_form(text)
        if form in ("CONSTRUCT", "DESCRIBE"):
            data, _ = self._request(text, "application/n-triples", source)
            try:
                return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
            except SyntaxError as error:
                raise NewsgraphError(f"{self.endpoint}: the endpoint sent a graph newsgraph cannot read: {error}") from None
        data, _ = self._request(text, "application/sparql-results+json", source)
        try:
            return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        except SyntaxError as error:
            raise NewsgraphError(f"{self.endpoint}: the endpoint sent results newsgraph cannot read: {error}") from None

    def graph_names(self) -> list[str]:
        return sorted(row["g"].value for row in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))

    def quads(self, graph: str | None = None) -> list:
        if graph:
            rows = self.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
            return [ox.Quad(r["s"], r["p"], r["o"], ox.NamedNode(graph)) for r in rows]
        rows = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]

    def has_subject(self, iri: str) -> bool:
        return bool(self.query("ASK { ?s ?p ?o }", {"s": ox.NamedNode(iri)}))

    def export(self, fmt, graphs: list[str] | None = None) -> bytes:
        return export_quads((quad for graph in graphs or [None] for quad in self.quads(graph)), fmt, graphs)

    def is_empty(self) -> bool:
        return not bool(self.query("ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"))

    def __len__(self) -> int:
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0]["n"].value) if rows else 0

    # Writing (push).

    def update(self, text: str) -> None:
        self._request(text, None, "update", update=True)

    def _request(self, text: str, accept: str | None, source: str, update: bool = False) -> tuple[bytes, str]:
        endpoint = self.update_endpoint if update else self.endpoint
        client = SPARQLWrapper(self.endpoint, updateEndpoint=self.update_endpoint, agent="newsgraph")
        client.setMethod(POST)
        client.setTimeout(int(max(1, self.timeout)))
        user, password = os.environ.get("NEWSGRAPH_ENDPOINT_USER"), os.environ.get("NEWSGRAPH_ENDPOINT_PASSWORD")
        if user:
            client.setCredentials(user, password or "")
        client.setQuery(text)
        # SPARQLWrapper guesses the form with a regular expression that comments can fool (of two
        # comment lines in a row it strips only the first, so "keeps one copy" reads as COPY and
        # the query goes to the update endpoint). We tokenise the text ourselves.
        client.queryType = "INSERT" if update else query_form(text)
        if accept:
            client.addCustomHttpHeader("Accept", accept)
        try:
            response = client.query().response
            return response.read(), response.headers.get("Content-Type", "")
        except Unauthorized:
            raise InputError(f"{endpoint}: unauthorised; set NEWSGRAPH_ENDPOINT_USER and NEWSGRAPH_ENDPOINT_PASSWORD") from None
        except QueryBadFormed as error:
            said = re.search(r"Response:\s*b?(['\"])(.*)\1", str(error), re.S)
            detail = " ".join((said.group(2) if said else str(error)).replace("\\n", " ").split())[:300]
            raise InputError(f"{source}: the endpoint rejected the {'update' if update else 'query'}: {detail}") from None
        except EndPointNotFound:
            raise InputError(f"{endpoint}: no SPARQL endpoint at this address (404)") from None
        except SPARQLWrapperException as error:
            raise InputError(f"{endpoint}: {' '.join(str(error).split())[:300]}") from None
        except HTTPError as error:
            if error.code == 503 and b"timed out" in error.read():
                raise QueryTimeoutError(f"{endpoint}: the query timed out at the endpoint") from None
            raise InputError(f"{endpoint}: HTTP {error.code} {error.reason}") from None
        except (socket.timeout, TimeoutError):
            raise QueryTimeoutError(f"{endpoint}: no answer within {self.timeout:g} s; the query was abandoned") from None
        except (URLError, ConnectionError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise QueryTimeoutError(f"{endpoint}: no answer within {self.timeout:g} s") from None
            raise InputError(f"{endpoint}: unreachable, cannot reach the endpoint: {reason}") from None


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


def push(local: GraphStore, remote: RemoteStore, report=lambda line: None, progress=silent) -> dict[str, int]:
    """Upload every graph of the local store: each graph is dropped and inserted again, so pushing
    twice leaves the endpoint as pushing once. Graphs with blank nodes go in one request, so that
    their blank nodes stay one node each. `report(line)` is told of each graph pushed."""
    counts = {}
    graphs = local.graph_names()
    bar = progress("pushing", len(graphs))
    for graph in graphs:
        bar.advance(note=graph.rsplit("/", 1)[-1])
        quads = local.quads(graph)
        triples = [f"{q.subject} {q.predicate} {q.object} ." for q in quads]
        has_blank = any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in quads)
        size = len(triples) if has_blank else BATCH
        batches = [triples[i:i + size] for i in range(0, len(triples), size)] or [[]]
        for number, batch in enumerate(batches):
            drop = f"DROP SILENT GRAPH <{graph}> ;\n" if number == 0 else ""
            remote.update(drop + f"INSERT DATA {{ GRAPH <{graph}> {{\n" + "\n".join(batch) + "\n} }")
        counts[graph] = len(triples)
        report(f"pushed <{graph}>: {len(triples)} triples")
    bar.__exit__()
    return counts
