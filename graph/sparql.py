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
    empty: bool | None = None  # whether a SELECT found no rows
    hints: tuple[LanguageHint, ...] = ()  # string parameters that would match with a language tag


class LanguageHint(NamedTuple):
    """A string parameter that matched nothing, while the store has the same text with a language
    tag: `term` is the parameter to give instead, in Turtle syntax."""

    name: str
    value: str
    term: str


def bind(query: NamedQuery | None, values: dict[str, str]) -> dict:
    """Turn parameter values into RDF terms by the types the query declares. A value for a
    parameter the query does not declare (query text or a file) is read as a Turtle term
    (rdf_term); a declared string may be given as a Turtle literal too ("NVIDIA"@en)."""
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
        where = f"parameter {key}={value!r}"
        try:
            if key not in declared:
                terms[key] = rdf_term(value, where)
            elif declared[key].type in ("string", "name") and value[:1] == '"':
                term = rdf_term(value, where)
                if type(term) is not ox.Literal:
                    raise InputError(f"{where}: not a string")
                terms[key] = term
            else:
                terms[key] = _term(declared[key].type, value, where)
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


def rdf_term(value: str, where: str):
    """A parameter in Turtle term syntax: <IRI>, a prefixed name with the project's prefixes,
    "text"@lang, "v"^^type, a number or a boolean. Anything else is plain text: a string."""
    text = value.strip()
    if text.startswith("<") or text[:1] == '"' or _PREFIXED.fullmatch(text) or _NUMBER_OR_BOOLEAN.fullmatch(text):
        prologue = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items())
        try:
            # The whole document, not its first triple: the parser yields `1` from `1. .` before it
            # finds the stray dot, and `1.` or `ngid:a.` are not terms.
            (parsed,) = list(ox.parse(f"{prologue}<urn:x:s> <urn:x:p> {text} .", format=ox.RdfFormat.TURTLE))
        except (SyntaxError, ValueError):
            if text.startswith("<") or text[:1] == '"':
                raise InputError(f"{where}: not an RDF term in Turtle syntax (<IRI>, \"text\"@lang, \"v\"^^type)") from None
            return ox.Literal(value)  # an unknown prefix: plain text, as written
        return parsed.object
    return ox.Literal(value)


_PREFIXED = re.compile(r"[A-Za-z][\w.-]*:[\w.:%-]*")
_NUMBER_OR_BOOLEAN = re.compile(r"[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|true|false")


def language_hints(store, bindings: dict) -> tuple[LanguageHint, ...]:
    """For each plain-string binding, whether the store holds the same text with a language tag."""
    hints = []
    for name, term in bindings.items():
        if type(term) is not ox.Literal or term.language or term.datatype.value != XSD + "string":
            continue
        found = next(iter(store.query(
            "SELECT ?o ?text WHERE { ?s ?p ?o FILTER(isLiteral(?o) && LANG(?o) != '' && STR(?o) = ?text) } LIMIT 1",
            {"text": term})), None)
        if found is not None:
            tagged = found["o"]
            hints.append(LanguageHint(name, term.value, f'"{term.value}"@{tagged.language}'))
    return tuple(hints)


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
            outcome = render(results, output, hide, default_results, graph_output)
        except RuntimeError as error:  # pyoxigraph evaluates lazily: its errors come while rendering
            raise InputError(f"{source}: the query could not be evaluated: {error}") from None
        if outcome.empty and bindings:
            outcome = outcome._replace(hints=language_hints(store, bindings))
        return outcome


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
        return QueryOutcome(b"", media_type="text/plain", table=(variables, rows), empty=not rows)
    data = results.serialize(format=fmt.results_format())
    return QueryOutcome(data, media_type=fmt.results_format().media_type, empty=_no_rows(data, fmt.name))


def _no_rows(data: bytes, fmt: str) -> bool | None:
    """Whether serialised SELECT results hold no row (their serialisation is all there is)."""
    if fmt in ("csv", "tsv"):
        return data.strip().count(b"\n") == 0
    if fmt == "json":
        return re.search(rb'"bindings"\s*:\s*\[\s*\]', data) is not None
    if fmt == "xml":
        return b"<result>" not in data and b"<result " not in data
    return None


def graph_format(output: str | None) -> Format:
    """The RDF format for a graph result: Turtle by default, "json" for JSON-LD."""
    if output in (None, "table"):
        return rdf_format("turtle")
    if output == "json":
        return rdf_format("jsonld")
    return rdf_format(output)


def serialize_triples(triples: list, fmt: Format) -> bytes:
    """A CONSTRUCT or DESCRIBE result as an export writes it (export.py): Turtle with clean
    prefixed names, JSON-LD compacted."""
    from .export import compact_json_ld, with_prefixed_names

    if fmt.name == "jsonld":
        return compact_json_ld(triples, datasets=False)
    if fmt.datasets:
        triples = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
    if fmt.name in ("turtle", "trig"):
        return with_prefixed_names(ox.serialize(triples, format=fmt.rdf_format()))
    return ox.serialize(triples, format=fmt.rdf_format(), prefixes=PREFIXES if fmt.name == "xml" else None)


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
