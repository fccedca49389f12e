"""The `newsgraph` command: typer commands that parse arguments, call one library function and print.

Library errors (newsgraph.errors) and usage errors become one line on stderr and an exit code in
`main`, the only place that does so: 0 ok, 1 a negative answer (ASK false, an inconsistent
graph), 2 bad input or usage, 3 a query that ran out of time. Heavy libraries (pyoxigraph,
rdflib, owlready2) are imported inside the commands that use them, so `--help` stays fast.
"""

# No `from __future__ import annotations`: typer would evaluate every annotation string of the
# command it runs (about 2 ms); evaluated here, once, at definition.
import os
import sys
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple, Optional

import typer

from .errors import InputError, NewsgraphError, QueryTimeoutError

app = typer.Typer(
    name="newsgraph",
    help="News articles as an evidence-backed RDF/OWL knowledge graph, queried with SPARQL.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if not value:
        return
    from importlib.metadata import PackageNotFoundError, version

    from . import __version__

    typer.echo(f"newsgraph {__version__}")
    typer.echo(f"python {sys.version.split()[0]}")
    for package in ("pyoxigraph", "rdflib", "owlready2", "SPARQLWrapper", "typer"):
        try:
            typer.echo(f"{package} {version(package)}")
        except PackageNotFoundError:
            typer.echo(f"{package} (not installed)")
    raise typer.Exit(0)


class Settings(NamedTuple):
    store: Path
    endpoint: Optional[str] = None
    update_endpoint: Optional[str] = None
    endpoint_timeout: float = 60.0


@app.callback()
def main_options(
    ctx: typer.Context,
    store: Optional[Path] = typer.Option(
        None, "--store", envvar="NEWSGRAPH_STORE", metavar="PATH",
        help="Store folder (default: $XDG_DATA_HOME/newsgraph/store, i.e. ~/.local/share/newsgraph/store).",
    ),
    endpoint: Optional[str] = typer.Option(
        None, "--endpoint", envvar="NEWSGRAPH_ENDPOINT", metavar="URL",
        help="Run query, queries, describe, stats and export against this SPARQL endpoint instead of the store."),
    update_endpoint: Optional[str] = typer.Option(
        None, "--update-endpoint", envvar="NEWSGRAPH_UPDATE_ENDPOINT", metavar="URL",
        help="The endpoint's update URL, for push (default: --endpoint)."),
    endpoint_timeout: float = typer.Option(60.0, "--endpoint-timeout", metavar="SECONDS", help="Time limit of each request to --endpoint."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the versions of newsgraph and its libraries."),
) -> None:
    """News articles as an evidence-backed RDF/OWL knowledge graph, queried with SPARQL.

    Example: newsgraph build && newsgraph query negotiations
    """
    from .graph.store import default_store_path

    ctx.obj = Settings(store.expanduser() if store else default_store_path(), endpoint, update_endpoint, endpoint_timeout)


def _open_store(ctx: typer.Context, remote_ok: bool = False, read_only: bool = False):
    """The local store, or with --endpoint the remote one (for the commands that read).
    `read_only` for a command that only reads: it shares the store with other readers."""
    settings: Settings = ctx.obj
    if settings.endpoint:
        if not remote_ok:
            raise InputError(f"`newsgraph {ctx.command.name}` works on the local store; --endpoint serves query, queries, "
                             "describe, stats and export (use `newsgraph push` to upload the store)")
        from .graph.remote import RemoteStore

        return RemoteStore(settings.endpoint, settings.update_endpoint, settings.endpoint_timeout)
    from .graph.store import GraphStore

    return GraphStore(settings.store, read_only=read_only)


def _complete_query_names(incomplete: str) -> list[str]:
    from .queries import named_queries

    return [name for name in named_queries() if name.startswith(incomplete)]


def _complete_entities(ctx, incomplete: str) -> list[str]:
    """Labels and alternative labels of the store's entities; nothing when the store is busy."""
    from .graph.store import GraphStore, default_store_path

    path = (ctx.parent.params.get("store") if ctx and ctx.parent else None) or default_store_path()
    try:
        with GraphStore(Path(path), read_only=True) as store:
            rows = store.query("SELECT DISTINCT ?l WHERE { ?e rdfs:label|skos:altLabel ?l FILTER(isIRI(?e)) }")
            labels = sorted({row["l"].value for row in rows})
    except NewsgraphError:
        return []
    return [label for label in labels if label.lower().startswith(incomplete.lower())]


@contextmanager
def _time_limit(seconds: float, what: str):
    """End this process with exit code 3 if the block runs past `seconds`. pyoxigraph cannot
    cancel a query or an update, but it releases the GIL while it works, so a timer thread can end
    the process: the store's lock and any unfinished transaction end with it. Running in place
    rather than in a forked worker saves about 20 ms of a 100 ms command."""
    import threading

    finishing = threading.Lock()
    finished = False

    def stop() -> None:
        with finishing:  # never while the block's results are being written
            if not finished:
                os._exit(_report(QueryTimeoutError.stopped(what, seconds)))

    timer = threading.Timer(seconds, stop)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with finishing:
            finished = True
        timer.cancel()


def _report(error: NewsgraphError) -> int:
    """The one line for a library error, on stderr; returns its exit code."""
    typer.echo(f"Error: {error}", err=True)
    return error.exit_code


def _echo_json(value) -> None:
    import json

    typer.echo(json.dumps(value, indent=2, ensure_ascii=False))


def _write(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


@app.command()
def build(
    ctx: typer.Context,
    annotations: Optional[list[Path]] = typer.Argument(
        None, help="More annotated articles (NAME.trig beside NAME.txt) to build with the bundled one."),
    as_json: bool = typer.Option(False, "--json", help="Print the headline answers as JSON."),
) -> None:
    """Build or rebuild the store from the ontology and the bundled article (and any annotated
    articles given), then answer three headline questions. Idempotent: rebuilding gives the same graph.

    Example: newsgraph build
    """
    from .graph.data import bundled_articles
    from .graph.model.build import build_store
    from .graph.views.headlines import headline_answers

    with _open_store(ctx) as store:
        report = build_store(store, bundled_articles() + list(annotations or []))
        headlines = headline_answers(store)
        total = len(store)
    typer.echo(f"built {ctx.obj.store}: {total} triples in {len(report.graphs)} graphs "
               f"(ontology; article {', '.join(report.articles)})", err=True)
    if as_json:
        _echo_json([{"question": h.question, "query": h.query, "answers": h.answers} for h in headlines])
        return
    for headline in headlines:
        typer.echo(headline.question)
        for answer in headline.answers:
            typer.echo(f"  - {answer}")
        typer.echo(f"  (newsgraph query {headline.query})")


@app.command("import")
def import_(
    ctx: typer.Context,
    sources: list[str] = typer.Argument(..., help="Files (or - for stdin, or http(s) URLs with --allow-remote)."),
    graph: Optional[str] = typer.Option(None, "--graph", "-g", metavar="IRI", help="The named graph to load one source into."),
    input_format: Optional[str] = typer.Option(None, "--format", "-F",
                                               help="turtle, ntriples, nquads, trig, jsonld, xml or html; default from the extension."),
    allow_remote: bool = typer.Option(False, "--allow-remote", help="Allow http(s) sources and remote JSON-LD contexts."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", metavar="N", help="Refuse any source larger than N bytes."),
    base: Optional[str] = typer.Option(None, "--base", metavar="IRI", help="Base IRI for relative IRIs (default: the file's own URI)."),
) -> None:
    """Import RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML) or news pages with
    schema.org JSON-LD, each into its own named graph, all or nothing. Re-importing a source replaces it.

    Example: newsgraph import other-article.ttl page.html
    """
    from .graph.importer import import_sources, read_sources

    parsed = read_sources(sources, graph, input_format, allow_remote, max_bytes=max_bytes, base=base)
    with _open_store(ctx) as store:
        report = import_sources(store, parsed)
    for source in report.sources:
        typer.echo(f"imported {source.name}: {source.count} triples into <{source.graph}>", err=True)


@app.command()
def query(
    ctx: typer.Context,
    name: Optional[str] = typer.Argument(None, help="A named query (see `newsgraph queries`).",
                                         autocompletion=lambda incomplete: _complete_query_names(incomplete)),
    param: Optional[list[str]] = typer.Option(None, "-p", "--param", metavar="KEY=VALUE",
                                              help="Bind a parameter (repeatable); bound as an RDF term, never pasted."),
    file: Optional[str] = typer.Option(None, "--file", "-f", metavar="Q.rq", help="Run the query in a file; - reads stdin."),
    sparql: Optional[str] = typer.Option(None, "--sparql", "-q", metavar="TEXT", help="Run this query text."),
    output_format: Optional[str] = typer.Option(
        None, "--format", "-F",
        help="SELECT/ASK: table, json, csv, tsv, xml. CONSTRUCT/DESCRIBE: turtle, ntriples, nquads, trig, jsonld, xml. "
             "Default: a table on a terminal, TSV in a pipe; Turtle for graphs."),
    timeout: float = typer.Option(60.0, "--timeout", metavar="SECONDS", help="Stop the query after this many seconds."),
    allow_service: Optional[list[str]] = typer.Option(
        None, "--allow-service", metavar="URL", help="Let SERVICE call this endpoint (repeatable); no other is called."),
) -> None:
    """Run a named query, a query file or query text over all graphs of the store. ASK sets the
    exit status: 0 true, 1 false.

    Example: newsgraph query tariffs -p country=Japan --format csv
    """
    from .graph.formats import RDF_FORMATS, RESULT_FORMATS, lookup_format
    from .graph.sparql import run_query
    from .queries import bind, get_named_query, parse_assignments

    sources = [given for given in (name, file, sparql) if given is not None]
    if len(sources) != 1:
        raise InputError("give exactly one of: a query NAME, --file Q.rq (or - for stdin), --sparql 'TEXT'")
    if output_format is not None:
        try:
            lookup_format(RESULT_FORMATS, output_format, "result")
        except InputError:
            lookup_format(RDF_FORMATS, output_format, "output")
    if timeout <= 0:
        raise InputError("--timeout must be a positive number of seconds")
    named = get_named_query(name) if name is not None else None
    base = None
    if named is not None:
        text, source = named.text, f"{name}.rq"
    elif file is not None:
        text, source = _read_query_file(file)
        # Relative IRIs in a query file resolve against the file, as for any document.
        base = Path(file).resolve().as_uri() if file != "-" else None
    else:
        text, source = sparql, "--sparql"
    from .graph.sparqltext import check_update_syntax, is_update

    if is_update(text):
        check_update_syntax(text, source, base)
        raise InputError(f"{source}: this is a SPARQL update and `newsgraph query` only reads; "
                         "run it with `newsgraph update`")
    values = parse_assignments(param or [])
    bindings = bind(named, values)
    hidden = frozenset(p.name for p in named.params if p.name not in values) if named else frozenset()
    default_results = "table" if sys.stdout.isatty() else "tsv"
    if ctx.obj.endpoint:
        from .graph.sparql import render

        with _open_store(ctx, remote_ok=True) as remote:
            outcome = render(remote.query(text, bindings, source), output_format, hidden, default_results)
    else:
        with _time_limit(timeout, "query"):
            outcome = run_query(ctx.obj.store, text, bindings, output_format, source, hidden, default_results,
                                base_iri=base, allowed_services=_endpoints(allow_service))
    _write(outcome.data)
    if outcome.boolean is False:
        raise typer.Exit(1)


@app.command()
def update(
    ctx: typer.Context,
    file: Optional[str] = typer.Option(None, "--file", "-f", metavar="U.ru", help="Run the update in a file; - reads stdin."),
    sparql: Optional[str] = typer.Option(None, "--sparql", "-q", metavar="TEXT", help="Run this update text."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only parse the update; change nothing."),
    timeout: float = typer.Option(60.0, "--timeout", metavar="SECONDS", help="Stop the update after this many seconds."),
) -> None:
    """Run a SPARQL 1.1 update on the store, in one transaction: all of it is written or none.
    The whole request is parsed before anything runs. LOAD is refused (no network).

    Example: newsgraph update -q "DROP SILENT GRAPH <https://w3id.org/newsgraph/graph/inferred>"
    """
    from .graph.sparql import run_update
    from .graph.sparqltext import check_update_syntax

    if (file is None) == (sparql is None):
        raise InputError("give exactly one of: --file U.ru (or - for stdin), --sparql 'TEXT'")
    if timeout <= 0:
        raise InputError("--timeout must be a positive number of seconds")
    text, source = _read_query_file(file, "update") if file is not None else (sparql, "--sparql")
    base = Path(file).resolve().as_uri() if file not in (None, "-") else None
    if dry_run:
        check_update_syntax(text, source, base)
        typer.echo(f"{source}: the update parses; nothing was run (--dry-run)", err=True)
        return
    with _time_limit(timeout, "update"):
        before, after = run_update(ctx.obj.store, text, source, base)
    typer.echo(f"updated the store: {before} quads before, {after} after", err=True)


def _endpoints(urls: list[str] | None) -> frozenset[str]:
    for url in urls or []:
        if not url.startswith(("http://", "https://")):
            raise InputError(f"--allow-service {url!r}: give an http(s) endpoint URL")
    return frozenset(urls or [])


def _read_query_file(file: str, what: str = "query") -> tuple[str, str]:
    if file == "-":
        return sys.stdin.read(), "<stdin>"
    try:
        return Path(file).read_text(encoding="utf-8"), file
    except FileNotFoundError:
        raise InputError(f"{file}: no such {what} file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{file}: cannot read the {what} file: {error}") from None


@app.command("queries")
def list_queries(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the named queries with their descriptions and parameters.

    Example: newsgraph queries
    """
    from .queries import named_queries

    found = named_queries()
    if as_json:
        _echo_json([
            {"name": q.name, "title": q.title, "description": q.description, "examples": list(q.examples),
             "params": [{"name": p.name, "type": p.type, "optional": p.optional, "description": p.description}
                        for p in q.params]}
            for q in found.values()])
        return
    for q in found.values():
        typer.echo(f"{q.name}  {q.signature()}".rstrip())
        typer.echo(f"    {q.title}")
        for p in q.params:
            typer.echo(f"    -p {p.name}=<{p.type}>{' (optional)' if p.optional else ''}: {p.description}")


@app.command()
def export(
    ctx: typer.Context,
    output_format: Optional[str] = typer.Option(
        None, "--format", "-F",
        help="turtle (default), ntriples, nquads, trig, jsonld, xml; or an extension (ttl) or media type (text/turtle)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="FILE",
                                          help="Write to FILE (via a temporary file and a rename); default stdout."),
    graph: Optional[list[str]] = typer.Option(None, "--graph", "-g", metavar="IRI", help="Export only this named graph (repeatable)."),
) -> None:
    """Export the store, deterministically (same graph, same bytes) with the project's prefixes.
    Formats without named graphs get the union of all graphs, evidence included.

    Example: newsgraph export -o seed.ttl
    """
    from .graph.export import export_bytes, write_atomically
    from .graph.formats import rdf_format, rdf_format_for_path

    if output_format:
        fmt = rdf_format(output_format)
    elif output is not None and str(output) != "-":
        fmt = rdf_format_for_path(str(output))
    else:
        fmt = rdf_format("turtle")
    with _open_store(ctx, remote_ok=True, read_only=True) as store:
        known = set(store.graph_names())
        missing = [g for g in graph or [] if g not in known]
        if missing:
            raise InputError(f"no graph <{missing[0]}> in the store; `newsgraph stats` lists them")
        data = export_bytes(store, fmt, graph or None)
    write_atomically(data, output)
    if output is not None and str(output) != "-":
        typer.echo(f"wrote {output} ({fmt.name}, {len(data)} bytes)", err=True)


@app.command()
def stats(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Count triples per named graph and instances per class.

    Example: newsgraph stats
    """
    from .graph.views.describe import store_stats
    from .graph.sparql import format_table
    from .ontology import shorten

    with _open_store(ctx, remote_ok=True, read_only=True) as store:
        result = store_stats(store)
    if as_json:
        _echo_json({"triples": result.total, "graphs": dict(result.graphs), "classes": dict(result.classes)})
        return
    typer.echo(f"{result.total} triples")
    typer.echo(format_table(["graph", "triples"], [[g, str(n)] for g, n in result.graphs]), nl=False)
    typer.echo(format_table(["class", "instances"], [[shorten(c), str(n)] for c, n in result.classes]), nl=False)


@app.command()
def describe(
    ctx: typer.Context,
    entity: str = typer.Argument(..., help="An IRI, a prefixed name (ngid:nvidia), a label or an alternative label.",
                                 autocompletion=lambda ctx, incomplete: _complete_entities(ctx, incomplete)),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Everything about one entity, each fact with its evidence sentence and source.

    Example: newsgraph describe "Scott Vessen"
    """
    from dataclasses import asdict

    from .graph.views.describe import describe_entity
    from .ontology import shorten

    with _open_store(ctx, remote_ok=True, read_only=True) as store:
        found = describe_entity(store, entity)
    if as_json:
        _echo_json(asdict(found))
        return
    typer.echo(f"{found.label or shorten(found.iri)}  <{found.iri}>")
    if found.alternative_labels:
        typer.echo(f"  also written: {', '.join(found.alternative_labels)}")
    for fact in found.facts:
        typer.echo(f"  {fact.property}  {fact.value}")
        for item in fact.evidence:
            if item.verified_by:
                typer.echo(f"      verified by {item.verified_by}: \"{item.sentence}\"")
            else:
                hedges = f", hedged: {', '.join(item.hedges)}" if item.hedges else ""
                typer.echo(f"      \"{item.quote}\" [{item.begin}:{item.end}] — {item.source} ({item.certainty}{hedges})")
    for subject, prop in found.referenced_by:
        typer.echo(f"  <- {prop}  {subject}")


@app.command()
def reason(
    ctx: typer.Context,
    files: Optional[list[Path]] = typer.Argument(None, help="Reason over these RDF files with the ontology, instead of the store."),
    reasoner: str = typer.Option("auto", "--reasoner", help="auto (HermiT if Java is found, else OWL 2 RL), hermit or owlrl."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the inferences without writing them to the store."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Check with an OWL reasoner that the ontology and the facts are consistent, list
    unsatisfiable classes and the inferred types and property values, and write the inferences
    into their own named graph (graph/inferred). Exit 1 if inconsistent.

    Example: newsgraph reason --dry-run
    """
    from .graph.load import load_files
    from .ontology import shorten
    from .ontology.graphs import INFERRED_GRAPH
    from .graph.checks.reasoning import reason as run_reasoner, reasoning_input, write_inferences

    if sys.stderr.isatty():
        typer.echo(f"reasoning ({reasoner}) ...", err=True)
    if files:
        from .graph.model.build import ontology_triples

        triples = ontology_triples() + [q.triple for q in load_files(files)]
        report = run_reasoner(triples, reasoner)
    else:
        with _open_store(ctx) as store:
            report = run_reasoner(reasoning_input(store), reasoner)
            if report.consistent and not dry_run:
                write_inferences(store, report)
    if report.note:
        typer.echo(report.note, err=True)
    if as_json:
        _echo_json({
            "reasoner": report.reasoner, "consistent": report.consistent, "unsatisfiable": report.unsatisfiable,
            "clashes": report.clashes, "offending": report.offending,
            "inferred": [[t.subject.value, t.predicate.value, t.object.value] for t in report.inferred]})
    elif not report.consistent:
        typer.echo(f"inconsistent ({report.reasoner})")
        for clash in report.clashes:
            typer.echo(f"  clash: {clash}")
        for iri in report.offending:
            typer.echo(f"  offending individual: {shorten(iri)}")
    else:
        for iri in report.unsatisfiable:
            typer.echo(f"unsatisfiable class: {shorten(iri)}")
        for t in report.inferred:
            typer.echo(f"{shorten(t.subject.value)} {shorten(t.predicate.value)} {shorten(t.object.value)}")
        written = "not written (dry run)" if dry_run or files else f"written to <{INFERRED_GRAPH}>"
        typer.echo(f"consistent ({report.reasoner}, {report.seconds:.1f} s): {len(report.unsatisfiable)} unsatisfiable "
                   f"classes, {len(report.inferred)} inferences, {written}", err=True)
    if not report.consistent:
        raise typer.Exit(1)


@app.command()
def validate(
    ctx: typer.Context,
    files: Optional[list[Path]] = typer.Argument(None, help="Validate these RDF files (any format) instead of the store."),
    output_format: str = typer.Option("text", "--format", "-F", help="text, or the W3C SHACL validation report as turtle or json (JSON-LD)."),
) -> None:
    """Validate the store (or files) against the SHACL shapes in ontology/shapes.ttl: evidence
    inside its article, claims with source and certainty, amounts with currency, percentages in
    [0, 100], events with a date or "date unknown", labels. Exit 0 conforms, 1 does not, 2 could not load.

    Example: newsgraph validate
    """
    from .graph.load import load_files
    from .graph.checks.shacl import store_data, validate as run_validation

    if output_format not in ("text", "turtle", "json"):
        raise InputError(f"unknown validation report format {output_format!r}; use text, turtle or json")
    if files:
        triples = [q.triple for q in load_files(files)]
    else:
        with _open_store(ctx, read_only=True) as store:
            triples = store_data(store)
    report = run_validation(triples)
    if output_format == "turtle":
        _write(report.report_graph.serialize(format="turtle").encode("utf-8"))
    elif output_format == "json":
        _write(report.report_graph.serialize(format="json-ld").encode("utf-8"))
    elif report.conforms:
        typer.echo(f"conforms: {len(triples)} triples, no violations")
    else:
        for result in report.results:
            typer.echo(f"{result.severity}: {result.focus}" + (f" {result.path}" if result.path else "")
                       + f": {result.message}" + (f" (value {result.value})" if result.value else "")
                       + f" [{result.shape}]")
            if result.evidence:
                typer.echo(f"    sentence: {result.evidence}")
        typer.echo(f"does not conform: {len(report.results)} results", err=True)
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def check(
    ctx: typer.Context,
    output_format: str = typer.Option("text", "--format", "-F", help="text or json (a list of findings)."),
) -> None:
    """Cross-check the numbers of the graph against each other: components that must add up,
    stated shares recomputed from amounts, stated currency conversions against sourced exchange
    rates, and order-of-magnitude slips. Exit 1 if anything disagrees.

    Example: newsgraph check --format json
    """
    from .graph.checks.crosscheck import check_store

    if output_format not in ("text", "json"):
        raise InputError(f"unknown check output format {output_format!r}; use text or json")
    with _open_store(ctx, read_only=True) as store:
        findings = check_store(store)
    if output_format == "json":
        _echo_json([finding.as_dict() for finding in findings])
    elif not findings:
        typer.echo("no disagreements between the quantitative claims")
    for finding in findings if output_format == "text" else []:
        typer.echo(f"{finding.severity} ({finding.kind}): {finding.message}")
        for claim in finding.claims:
            typer.echo(f"    claim: {claim.text!r}" + (f" in \"{claim.sentence}\"" if claim.sentence else ""))
        typer.echo(f"    arithmetic: {finding.computed.get('arithmetic', '')}")
        if finding.computed.get("consequence"):
            typer.echo(f"    consequence: {finding.computed['consequence']}")
        if finding.computed.get("reference_source") or finding.computed.get("rate_source"):
            typer.echo(f"    rate: {finding.computed.get('reference_source') or finding.computed.get('rate_source')}")
        typer.echo(f"    tolerance: {finding.tolerance}")
    if any(finding.severity == "error" for finding in findings):
        raise typer.Exit(1)


@app.command()
def report(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Run the quality-report rules (queries/report/*.rq: entities without labels, facts without
    evidence, claims without source, dangling references, duplicate labels) and summarise them by
    severity. Exit 1 if a rule of severity error finds anything.

    Example: newsgraph report
    """
    from collections import Counter

    from .graph.checks.report import SEVERITIES, run_report

    with _open_store(ctx, read_only=True) as store:
        results = run_report(store)
    if as_json:
        _echo_json([{"rule": r.rule.name, "title": r.rule.title, "severity": r.rule.severity,
                     "problem": r.rule.problem, "why": r.rule.why, "fix": r.rule.fix,
                     "rows": [{"entity": e, "detail": d} for e, d in r.rows]} for r in results])
    else:
        counts = Counter()
        for result in results:
            counts[result.rule.severity] += len(result.rows)
        typer.echo(", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in SEVERITIES)
                   + f" from {len(results)} rules")
        for result in results:
            typer.echo(f"{result.rule.severity:8} {result.rule.name}: {len(result.rows)}  ({result.rule.title})")
            for entity, detail in result.rows:
                typer.echo(f"    {entity}  {detail}")
            if result.rows:
                typer.echo(f"    why: {result.rule.why}")
                typer.echo(f"    fix: {result.rule.fix}")
    if any(r.rows and r.rule.severity == "error" for r in results):
        raise typer.Exit(1)


@app.command()
def ingest(
    ctx: typer.Context,
    articles: list[Path] = typer.Argument(..., help="The articles' texts (UTF-8), all from the same source and day."),
    published: str = typer.Option(..., "--published", metavar="YYYY-MM-DD", help="Publication date: relative dates resolve against it."),
    source: str = typer.Option(..., "--source", metavar="NAME", help="The publisher, e.g. Reuters."),
    url: Optional[str] = typer.Option(None, "--url", help="Where the article was published."),
    lang: str = typer.Option("en", "--lang", help="The language of the text (BCP 47)."),
) -> None:
    """Turn a new article's text into a graph of the same model, linked to what the store knows:
    sentences and offsets, mentions of known entities (scored), dates, amounts with currency and
    stated conversions, percentages, and candidate new entities.

    Example: newsgraph ingest wire.txt --published 2025-05-28 --source Reuters
    """
    from datetime import date

    from .graph.link.ingest import ingest_article

    try:
        day = date.fromisoformat(published)
    except ValueError:
        raise InputError(f"--published {published!r}: not a date (YYYY-MM-DD)") from None
    from .graph.progress import Progress

    if url and len(articles) > 1:
        raise InputError("--url names one article; give one file with it")
    with _open_store(ctx) as store, Progress("ingesting", len(articles)) as progress:
        for article in articles:
            progress.advance(note=article.name)
            graphs = ingest_article(store, article, day, source, url, lang)
            store.replace_graphs(graphs)
            facts, evidence = graphs.values()
            typer.echo(f"ingested {article}: {len(facts)} facts, {len(evidence)} evidence triples into <{next(iter(graphs))}>",
                       err=True)


@app.command()
def link(
    ctx: typer.Context,
    threshold: float = typer.Option(0.85, "--threshold", help="Least similarity (0-1) for a fuzzy candidate link."),
    wikidata: Optional[str] = typer.Option(None, "--wikidata", metavar="ENDPOINT",
                                           help="Also look entities up by label on this Wikidata-compatible SPARQL endpoint."),
    timeout: float = typer.Option(30.0, "--timeout", metavar="SECONDS", help="Time limit for each --wikidata request."),
) -> None:
    """Resolve entities across all graphs: same Wikidata item or same normalised name (name order
    included) -> owl:sameAs; similar names above the threshold -> skos:closeMatch with a score,
    for review. The link set goes to graph/links; decisions made with `links` survive re-runs.

    Example: newsgraph link --threshold 0.9
    """
    from .graph.link.resolve import link_store

    with _open_store(ctx) as store:
        links = link_store(store, threshold)
        if wikidata:
            from .graph.link.wikidata import lookup_candidates

            links = lookup_candidates(store, wikidata, timeout)
    counts = {status: sum(1 for l in links if l.status == status) for status in ("accepted", "candidate", "rejected")}
    typer.echo(f"{len(links)} links: {counts['accepted']} owl:sameAs, {counts['candidate']} candidates for review, "
               f"{counts['rejected']} rejected", err=True)


@app.command()
def links(
    ctx: typer.Context,
    accept: Optional[str] = typer.Option(None, "--accept", metavar="ID", help="Turn a candidate into an owl:sameAs link."),
    reject: Optional[str] = typer.Option(None, "--reject", metavar="ID", help="Remove a link and keep it removed."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the links with their method, score and the names that matched; accept or reject one.

    Example: newsgraph links --accept 3f2a9c1b0d4e
    """
    from .graph.link.resolve import decide, stored_links
    from .graph.sparql import format_table
    from .ontology import shorten

    if accept and reject:
        raise InputError("give --accept or --reject, not both")
    with _open_store(ctx, read_only=not (accept or reject)) as store:
        if accept or reject:
            changed = decide(store, accept or reject, "accepted" if accept else "rejected")
            typer.echo(f"link {changed.id} {changed.status}", err=True)
        found = stored_links(store)
    if as_json:
        _echo_json([{"id": l.id, "first": l.first, "second": l.second, "method": l.method, "score": l.score,
                     "status": l.status, "names": list(l.evidence)} for l in found])
        return
    rows = [[l.id, l.status, l.method, f"{l.score:.3f}", shorten(l.first), shorten(l.second), " = ".join(l.evidence)] for l in found]
    typer.echo(format_table(["id", "status", "method", "score", "first", "second", "names"], rows), nl=False)


@app.command()
def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(7878, "--port", help="Port to listen on."),
    allow_update: bool = typer.Option(False, "--allow-update", help="Accept SPARQL updates (read-only without it)."),
    timeout: float = typer.Option(30.0, "--timeout", metavar="SECONDS", help="Stop a query after this many seconds (HTTP 503)."),
    allow_service: Optional[list[str]] = typer.Option(
        None, "--allow-service", metavar="URL", help="Let SERVICE in queries call this endpoint (repeatable)."),
) -> None:
    """Serve the store over the SPARQL 1.1 Protocol at /sparql, with a query page at / that runs
    the named queries. Read-only unless --allow-update; binds 127.0.0.1 unless told otherwise.

    Example: newsgraph serve --port 7878
    """
    from .graph.serve.server import serve as run_server

    if timeout <= 0:
        raise InputError("--timeout must be a positive number of seconds")

    def ready(server):
        mode = "read-write" if allow_update else "read-only"
        typer.echo(f"serving {ctx.obj.store} ({mode}) at http://{host}:{server.server_address[1]}/ (SPARQL endpoint /sparql)", err=True)

    try:
        if ctx.obj.endpoint:
            raise InputError("`newsgraph serve` serves the local store, not --endpoint")
        run_server(ctx.obj.store, host, port, allow_update, timeout, ready, _endpoints(allow_service))
    except OSError as error:
        raise InputError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    except KeyboardInterrupt:
        pass


@app.command()
def push(ctx: typer.Context) -> None:
    """Upload the ontology and every graph of the local store to the SPARQL endpoint named by
    --endpoint (and --update-endpoint), with SPARQL Update in batches. Idempotent: each graph is
    replaced, so pushing twice changes nothing.

    Example: newsgraph --endpoint http://localhost:3030/news/sparql --update-endpoint http://localhost:3030/news/update push
    """
    from .graph.remote import RemoteStore, push as push_graphs
    from .graph.store import GraphStore

    settings: Settings = ctx.obj
    if not settings.endpoint:
        raise InputError("push needs --endpoint URL (and --update-endpoint URL if updates go elsewhere)")
    remote = RemoteStore(settings.endpoint, settings.update_endpoint, settings.endpoint_timeout)
    with GraphStore(settings.store, read_only=True) as store:
        counts = push_graphs(store, remote, lambda line: typer.echo(line, err=True))
    typer.echo(f"pushed {sum(counts.values())} triples in {len(counts)} graphs to {remote.update_endpoint}", err=True)


@app.command()
def show(
    ctx: typer.Context,
    entity: Optional[str] = typer.Argument(None, help="An IRI, prefixed name, label or alternative label.",
                                           autocompletion=lambda ctx, incomplete: _complete_entities(ctx, incomplete)),
    output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="FILE",
                                          help="FILE.svg, FILE.png or FILE.html (pan, zoom, click for evidence); default SVG on stdout."),
    depth: int = typer.Option(1, "--depth", help="How many steps around the entity (1-3)."),
    article: Optional[str] = typer.Option(None, "--article", metavar="ARTICLE", help="Draw everything one article says instead."),
) -> None:
    """Draw the neighbourhood of an entity (or everything one article says): nodes by label and
    kind, edges by property, reported claims drawn by certainty with their source, entities
    linked across articles drawn once.

    Example: newsgraph show "Akazawa Ryosei" -o akazawa.svg
    """
    from .graph.export import write_atomically
    from .graph.views.pictures import article_picture, entity_picture, render_picture

    if (entity is None) == (article is None):
        raise InputError("give an ENTITY or --article ARTICLE")
    fmt = "svg" if output is None or str(output) == "-" else output.suffix.lower().lstrip(".")
    if fmt not in ("svg", "png", "html"):
        raise InputError(f"{output}: the picture is written as .svg, .png or .html")
    with _open_store(ctx, read_only=True) as store:
        picture = article_picture(store, article) if article else entity_picture(store, entity, depth)
    data = render_picture(picture, fmt)
    write_atomically(data, output)
    if output is not None and str(output) != "-":
        typer.echo(f"wrote {output}: {len(picture.nodes)} nodes, {len(picture.edges)} edges", err=True)


@app.command()
def timeline(
    ctx: typer.Context,
    entity: Optional[str] = typer.Option(None, "--entity", help="Only the events this entity takes part in."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="FILE", help="Draw it to FILE.svg or FILE.png."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """The events in date order with their participants, place, source and whether they were
    announced as scheduled or reported as done; months and years are ranges.

    Example: newsgraph timeline --entity "Scott Bessent"
    """
    from dataclasses import asdict

    from .graph.export import write_atomically
    from .graph.views.pictures import timeline as build_timeline, timeline_picture

    with _open_store(ctx, read_only=True) as store:
        events = build_timeline(store, entity)
    if output is not None:
        fmt = output.suffix.lower().lstrip(".")
        if fmt not in ("svg", "png"):
            raise InputError(f"{output}: the timeline is drawn as .svg or .png")
        write_atomically(timeline_picture(events).pipe(format=fmt), output)
        typer.echo(f"wrote {output}: {len(events)} events", err=True)
        return
    if as_json:
        _echo_json([asdict(event) for event in events])
        return
    for event in events:
        when = event.start if event.start == event.end else f"{event.start}..{event.end}"
        status = f" [{event.status}]" if event.status else ""
        typer.echo(f"{when:24} {event.what}{status}")
        typer.echo(f"{'':24}   {event.kind}" + (f", \u201c{event.when}\u201d" if event.when else "")
                   + (f", at {event.place}" if event.place else ""))
        if event.participants:
            typer.echo(f"{'':24}   with {', '.join(event.participants)}")
        if event.sources:
            typer.echo(f"{'':24}   source: {'; '.join(event.sources)}")


class _CommandsOnFirstUse(Mapping):
    """The group's commands by name, in the order they are defined; each is turned into a click
    command when first looked up. typer turns every command's signature into click parameters
    up front, 13 ms for our 19, a tenth of a whole `newsgraph query`; a run needs one of them
    (and --help all)."""

    def __init__(self, typer_app: typer.Typer):
        self._app = typer_app
        self._infos = {info.name or typer.main.get_command_name(info.callback.__name__): info
                       for info in typer_app.registered_commands}
        self._built: dict = {}

    def __getitem__(self, name: str):
        if name not in self._built:
            self._built[name] = typer.main.get_command_from_info(
                self._infos[name], pretty_exceptions_short=self._app.pretty_exceptions_short,
                rich_markup_mode=self._app.rich_markup_mode)
        return self._built[name]

    def __iter__(self):
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)


def click_group():
    """`app` as a click group whose commands are built on first use (typer.main.get_command(app)
    builds them all)."""
    registered, app.registered_commands = app.registered_commands, []
    try:
        group = typer.main.get_command(app)  # the global options and the callback only
    finally:
        app.registered_commands = registered
    group.commands = _CommandsOnFirstUse(app)
    return group


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `newsgraph` command; returns the exit code."""
    command = click_group()
    try:
        result = command.main(args=argv, prog_name="newsgraph", standalone_mode=False)
    except NewsgraphError as error:
        return _report(error)
    except typer.Exit as done:
        return done.exit_code
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("Error: interrupted", err=True)
        return 130
    except BrokenPipeError:
        # The reader went away (`newsgraph export | head`); not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:
        # Usage errors of typer's (vendored) click: one line, never a traceback.
        if hasattr(error, "format_message") and hasattr(error, "exit_code"):
            typer.echo(f"Error: {error.format_message()} (see `newsgraph --help`)", err=True)
            return 2
        raise
    return result if isinstance(result, int) else 0
