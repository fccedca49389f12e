"""Run a SPARQL query or update against a store, with a time limit, and render its results.

pyoxigraph cannot cancel a running query. It releases the GIL while it works, though, so a
process that may end when the limit passes (the `newsgraph` command) runs the query in place and
lets a timer end it (see `cli._time_limit`). A process that must live on (the server) runs each
query with `run_query_with_timeout`: in a forked worker that opens the store itself and is
killed at the limit (the store lock dies with it).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox

from ..errors import InputError, NewsgraphError, QueryTimeoutError
from ..ontology import PREFIXES, XSD, expand, shorten
from ..queries import NamedQuery
from .formats import Format, rdf_format, results_format
from .store import GraphStore


class QueryOutcome(NamedTuple):
    data: bytes  # the rendered results (empty for a table)
    boolean: bool | None = None  # the answer of an ASK query
    media_type: str = ""  # of `data`
    table: tuple[list[str], list[list[str]]] | None = None  # headers and cells, for the "table" format


def bind(query: NamedQuery | None, values: dict[str, str]) -> dict:
    """Turn parameter values into RDF terms by the types the query declares. For a query without
    a header (text, file) every value is a plain string literal, or an IRI when written <...>."""
    declared = {p.name: p for p in query.params} if query else {}
    if query:
        unknown = sorted(set(values) - set(declared))
        if unknown:
            allowed = ", ".join(declared) or "none"
            raise InputError(f"query {query.name!r} has no parameter {unknown[0]!r} (parameters: {allowed})")
        missing = [p.name for p in query.params if not p.optional and p.name not in values]
        if missing:
            raise InputError(f"query {query.name!r} needs parameter {missing[0]!r} ({declared[missing[0]].description})")
    terms = {}
    for key, value in values.items():
        kind = declared[key].type if key in declared else ("iri" if value.startswith("<") and value.endswith(">") else "string")
        where = f"parameter {key}={value!r}"
        try:
            terms[key] = _term(kind, value, where)
        except ValueError as error:  # pyoxigraph's own checks: an IRI's host or escapes, text that is not Unicode
            raise InputError(f"{where}: {error}") from None
    return terms


def _term(kind: str, value: str, where: str):
    """The RDF term of a parameter value of type `kind`."""
    if kind in ("string", "name"):
        return ox.Literal(value)
    if kind == "iri":
        iri = expand(value)
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*", iri):
            raise InputError(f"{where}: not an IRI or a known prefixed name")
        return ox.NamedNode(iri)
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise InputError(f"{where}: not a date (YYYY-MM-DD)")
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "date"))
    if kind == "decimal":
        if not re.fullmatch(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", value):  # xsd:decimal's lexical space
            raise InputError(f"{where}: not a decimal number")
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "decimal"))
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise InputError(f"{where}: not an integer")
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "integer"))
    raise InputError(f"{where}: unknown parameter type {kind}")


def run_query(store_path: Path, sparql: str, bindings: dict, output: str | None, source: str = "query",
              hide: frozenset[str] = frozenset(), default_results: str = "table", lock: bool = True, wait: float = 0.0,
              dataset: tuple[list[str], list[str]] = ([], []), graph_output: str | None = None,
              base_iri: str | None = None, allowed_services: frozenset[str] = frozenset()) -> QueryOutcome:
    """Open the store, run `sparql` with `bindings` over `dataset` (default and named graphs;
    empty means the union of all graphs) and render as `output` (see `render`), in this process
    and without a time limit. The store is opened read-only; `lock=False` takes no lock, for a
    caller that holds it (see GraphStore)."""
    with GraphStore(store_path, read_only=True, lock=lock, wait=wait) as store:
        if store.is_empty():
            raise InputError(f"the store at {store_path} is empty; run `newsgraph build` first")
        results = store.query(sparql, bindings, source, default_graphs=dataset[0], named_graphs=dataset[1], base_iri=base_iri,
                              allowed_services=allowed_services)
        try:
            return render(results, output, hide, default_results, graph_output)
        except RuntimeError as error:  # pyoxigraph evaluates lazily: its errors come while rendering
            raise InputError(f"{source}: the query could not be evaluated: {error}") from None


def run_query_with_timeout(store_path: Path, sparql: str, bindings: dict, output: str | None, timeout: float,
                           **options) -> QueryOutcome:
    """`run_query` in a forked worker, stopped at `timeout` seconds (SERVICE calls included)
    with QueryTimeoutError; this process lives on."""
    return _run_in_worker(run_query, timeout, "query", store_path, sparql, bindings, output, **options)


def _run_in_worker(function, timeout: float, what: str, *args, **options):
    """Run `function(*args, **options)` in a forked worker and return its result; kill the
    worker at `timeout` seconds. NewsgraphErrors raised in the worker are raised here."""
    import multiprocessing  # here: only the server runs queries in workers, and it costs every command 10 ms

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_worker, daemon=True, args=(sender, function, args, options))
    worker.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryTimeoutError.stopped(what, timeout)
        try:
            kind, payload = receiver.recv()
        except EOFError:
            raise NewsgraphError(f"the {what} worker died (exit code {worker.exitcode})") from None
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join()
        receiver.close()
    if kind == "error":
        raise payload
    return payload


def _worker(sender, function, args, options) -> None:
    try:
        sender.send(("ok", function(*args, **options)))
    except NewsgraphError as error:
        sender.send(("error", error))
    except Exception as error:  # noqa: BLE001 - reported to the parent as one line
        sender.send(("error", NewsgraphError(f"{function.__name__} failed: {type(error).__name__}: {error}")))
    finally:
        sender.close()


def render(results, output: str | None, hide: frozenset[str] = frozenset(), default_results: str = "table",
           graph_output: str | None = None) -> QueryOutcome:
    """Render SELECT/ASK/CONSTRUCT results: `output` is a format name, extension or media type,
    or None for the default (`default_results` for SELECT/ASK, Turtle for CONSTRUCT/DESCRIBE).
    A table leaves out the columns in `hide` (the unset optional parameters of a named query).
    `graph_output`, where given, is the format for CONSTRUCT/DESCRIBE instead of `output`."""
    if isinstance(results, ox.QueryBoolean):
        answer = bool(results)
        fmt = results_format(output or default_results)
        if fmt.kind == "table":
            return QueryOutcome(b"true\n" if answer else b"false\n", answer, "text/plain")
        return QueryOutcome(results.serialize(format=fmt.results_format()), answer, fmt.results_format().media_type)
    if isinstance(results, (ox.QueryTriples, list)):  # a list: a remote endpoint's graph
        fmt = graph_format(graph_output or output)
        return QueryOutcome(serialize_triples(list(results), fmt), media_type=fmt.rdf_format().media_type)
    fmt = results_format(output or default_results)
    if fmt.kind == "table":
        variables = [variable.value for variable in results.variables if variable.value not in hide]
        rows = [[_cell(solution[variable]) for variable in variables] for solution in results]
        return QueryOutcome(b"", media_type="text/plain", table=(variables, rows))
    return QueryOutcome(results.serialize(format=fmt.results_format()), media_type=fmt.results_format().media_type)


def graph_format(output: str | None) -> Format:
    """The RDF format for a graph result: Turtle by default, "json" for JSON-LD."""
    if output in (None, "table"):
        return rdf_format("turtle")
    if output == "json":
        return rdf_format("jsonld")
    return rdf_format(output)


def serialize_triples(triples: list, fmt: Format) -> bytes:
    if fmt.datasets:
        triples = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
    prefixes = PREFIXES if fmt.name in ("turtle", "trig", "xml") else None
    return ox.serialize(triples, format=fmt.rdf_format(), prefixes=prefixes)


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)
