"""The `newsgraph` command: typer commands that parse arguments, call one method of the Python API
(graph/api.py) and print through the console (console.py).

Library errors (newsgraph.errors) and usage errors become one line on stderr and an exit code in
`main`, the only place that does so: 0 ok, 1 a negative answer (ASK false, an inconsistent
graph), 2 bad input or usage, 3 a query that ran out of time.
"""

# No `from __future__ import annotations`: typer would evaluate every annotation string of the
# command it runs; evaluated here, once, at definition.
import os
import shlex
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Optional

import typer

from . import console
from .errors import InputError, NewsgraphError
from .graph import api

app = typer.Typer(
    name="newsgraph",
    help="News articles as an evidence-backed RDF/OWL knowledge graph, queried with SPARQL.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# How the library's settings (errors.py) are called here: by their flags.
FLAGS = {
    "allow_remote": "--allow-remote", "allowed_services": "--allow-service", "base": "--base", "connections": "--connections",
    "decision": "--accept or --reject", "depth": "--depth", "endpoint": "--endpoint", "update_endpoint": "--update-endpoint", "format": "--format",
    "graph": "--graph", "max_bytes": "--max-bytes", "published": "--published", "threshold": "--threshold",
    "timeout": "--timeout", "url": "--url", "wait": "--wait", "port": "--port", "endpoint_timeout": "--endpoint-timeout",
    "update_token": "--update-token TOKEN (or NEWSGRAPH_UPDATE_TOKEN)",
    "push_endpoint": "--endpoint URL (and --update-endpoint URL if updates go elsewhere)",
    "query_source": "a query NAME, --file Q.rq (or - for stdin), --sparql 'TEXT'",
    "update_source": "--file U.ru (or - for stdin), --sparql 'TEXT'",
}


# Options shared by commands, declared once.
def _json_option(help: str = "Print JSON."):
    return typer.Option(False, "--json", help=help)


def _output_option(help: str):
    return typer.Option(None, "-o", "--output", metavar="FILE", help=help)


def _timeout_option(default: float, help: str):
    return typer.Option(default, "--timeout", metavar="SECONDS", help=help)


def _allow_service_option(help: str):
    return typer.Option(None, "--allow-service", metavar="URL", help=help)


def _version(value: bool) -> None:
    if not value:
        return
    for package, version in api.versions():
        console.echo(f"{package} {version}")
    raise typer.Exit(0)


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
    wait: float = typer.Option(0.0, "--wait", envvar="NEWSGRAPH_WAIT", metavar="SECONDS",
                               help="Wait this long for a store another process is using (default: fail at once)."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the versions of newsgraph and its libraries."),
) -> None:
    """News articles as an evidence-backed RDF/OWL knowledge graph, queried with SPARQL.

    Example: newsgraph build && newsgraph query negotiations
    """
    ctx.obj = api.Newsgraph(store, endpoint, update_endpoint, endpoint_timeout, wait=wait)


def _graph(ctx: typer.Context) -> api.Newsgraph:
    return ctx.obj


def _complete_query_names(incomplete: str) -> list[str]:
    return [query.name for query in api.named_queries() if query.name.startswith(incomplete)]


def _complete_entities(ctx, incomplete: str) -> list[str]:
    store = ctx.parent.params.get("store") if ctx and ctx.parent else None
    return api.Newsgraph(store).entity_names(incomplete)


def _read_stdin(file: Optional[str], sparql: Optional[str]) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """`--file -` reads standard input: (file, text, source) for the API."""
    if file == "-":
        return None, sys.stdin.read(), "<stdin>"
    return file, sparql, "--sparql" if sparql is not None else None


@app.command()
def build(
    ctx: typer.Context,
    annotations: Optional[list[Path]] = typer.Argument(
        None, help="More annotated articles (NAME.trig beside NAME.txt) to build with the bundled one."),
    as_json: bool = _json_option("Print the headline answers as JSON."),
) -> None:
    """Build or rebuild the store from the ontology and the bundled article (and any annotated
    articles given), then answer three headline questions. Idempotent: rebuilding gives the same graph.

    Example: newsgraph build
    """
    graph = _graph(ctx)
    result = graph.build(annotations or [])
    console.note(f"built {graph.store_path}: {result.total} triples in {len(result.graphs)} graphs "
                 f"(ontology; article {', '.join(result.articles)})")
    if as_json:
        console.print_json([{"question": h.question, "query": h.query, "answers": h.answers} for h in result.headlines])
        return
    for headline in result.headlines:
        console.echo(headline.question)
        for answer in headline.answers:
            console.echo(f"  - {answer}")
        console.echo(f"  (newsgraph query {headline.query})")


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
    lenient: bool = typer.Option(False, "--lenient", help="Repair IRIs that strict RDF 1.1 rejects (a second '#', spaces), "
                                                          "or leave their triples out, and count what changed."),
    url: Optional[str] = typer.Option(None, "--url", help="Where a news page was published, if the page does not say "
                                                          "(one source)."),
) -> None:
    """Import RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML) or news pages with
    schema.org JSON-LD, each all or nothing: a source's triples go to its own named graph, the
    graphs a file names keep their names. Re-importing a source replaces only what it brought.

    Example: newsgraph import other-article.ttl page.html
    """
    stdin = sys.stdin.buffer.read() if "-" in sources else None
    report = _graph(ctx).import_sources(sources, graph, input_format, allow_remote, max_bytes, base, stdin, console.Progress,
                                        lenient, url)
    for source in report.sources:
        if source.error is not None:
            console.error_line(source.error, FLAGS)
            continue
        aligned = source.graph + "/aligned"
        named = [g for g in source.written if g not in (source.graph, aligned)]
        into = f"<{source.graph}>" + (f" and {len(named)} named graph{'s' if len(named) != 1 else ''}" if named else "")
        shown = ", ".join(f"<{g}>" for g in named[:3]) + (f", ... ({len(named) - 3} more)" if len(named) > 3 else "")
        changes = "".join(f"; repaired: {times} {reason}" for reason, times in sorted(source.repairs.items()))
        skipped = f"; {source.skipped} quads left out" if source.skipped else ""
        derived = f"; {source.aligned} triples in newsgraph's terms in <{aligned}>" if source.aligned else ""
        console.note(f"imported {source.name}: {source.count} quads into {into}{f' ({shown})' if named else ''}"
                     f"{changes}{skipped}{derived}")
        for warning in source.warnings:
            console.note(f"warning: {source.name}: {warning}")
    if report.rejected:
        console.note(f"{len(report.imported)} sources imported, {len(report.rejected)} rejected")
        raise typer.Exit(2)


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
    timeout: float = _timeout_option(60.0, "Stop the query after this many seconds."),
    allow_service: Optional[list[str]] = _allow_service_option("Let SERVICE call this endpoint (repeatable); no other is called."),
) -> None:
    """Run a named query, a query file or query text over all graphs of the store. ASK sets the
    exit status: 0 true, 1 false.

    Example: newsgraph query tariffs -p country=Japan --format csv
    """
    graph = _graph(ctx)
    file, sparql, source = _read_stdin(file, sparql)
    api.check_timeout(timeout)
    request = dict(name=name, file=file, source=source, params=api.parse_params(param or []), format=output_format,
                   default_format="table" if console.on_terminal() else "tsv", allowed_services=allow_service or ())
    if graph.endpoint:
        outcome = graph.query(sparql, **request)
    else:
        with console.time_limit(timeout, "query"):
            outcome = graph.query(sparql, **request)
    if outcome.table is not None:
        console.echo(console.table(*outcome.table), nl=False)
    else:
        console.write_data(outcome.data)
    for hint in outcome.hints:
        console.note(f"no rows: {hint.name}={hint.value!r} is plain text, and the store has {hint.term}; "
                     f"try -p {shlex.quote(f'{hint.name}={hint.term}')}")
    if outcome.boolean is False:
        raise typer.Exit(1)


@app.command()
def update(
    ctx: typer.Context,
    file: Optional[str] = typer.Option(None, "--file", "-f", metavar="U.ru", help="Run the update in a file; - reads stdin."),
    sparql: Optional[str] = typer.Option(None, "--sparql", "-q", metavar="TEXT", help="Run this update text."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only parse the update; change nothing."),
    timeout: float = _timeout_option(60.0, "Stop the update after this many seconds."),
) -> None:
    """Run a SPARQL 1.1 update on the store, in one transaction: all of it is written or none.
    The whole request is parsed before anything runs. LOAD is refused (no network).

    Example: newsgraph update -q "DROP SILENT GRAPH <https://w3id.org/newsgraph/graph/inferred>"
    """
    graph = _graph(ctx)
    file, sparql, source = _read_stdin(file, sparql)
    api.check_timeout(timeout)
    if dry_run:
        graph.update(sparql, file=file, source=source, dry_run=True)
        console.note(f"{source or file}: the update parses; nothing was run (--dry-run)")
        return
    with console.time_limit(timeout, "update"):
        result = graph.update(sparql, file=file, source=source)
    console.note(f"updated the store: {result.before} quads before, {result.after} after")


@app.command("queries")
def list_queries(as_json: bool = _json_option()) -> None:
    """List the named queries with their descriptions and parameters.

    Example: newsgraph queries
    """
    found = api.named_queries()
    if as_json:
        console.print_json([
            {"name": q.name, "title": q.title, "description": q.description, "examples": list(q.examples),
             "params": [{"name": p.name, "type": p.type, "optional": p.optional, "description": p.description}
                        for p in q.params]}
            for q in found])
        return
    for q in found:
        console.echo(f"{q.name}  {q.signature()}".rstrip())
        console.echo(f"    {q.title}")
        for p in q.params:
            console.echo(f"    -p {p.name}=<{p.type}>{' (optional)' if p.optional else ''}: {p.description}")


@app.command()
def export(
    ctx: typer.Context,
    output_format: Optional[str] = typer.Option(
        None, "--format", "-F",
        help="turtle (default), ntriples, nquads, trig, jsonld, xml; or an extension (ttl) or media type (text/turtle)."),
    output: Optional[Path] = _output_option("Write to FILE (via a temporary file and a rename); default stdout."),
    graph: Optional[list[str]] = typer.Option(None, "--graph", "-g", metavar="IRI", help="Export only this named graph (repeatable)."),
) -> None:
    """Export the store, deterministically (same graph, same bytes) with the project's prefixes.
    Formats without named graphs get the merge of all graphs, evidence included; so does JSON-LD
    (compacted with the prefixes as its context) unless --graph names graphs.

    Example: newsgraph export -o seed.ttl
    """
    data, fmt = _graph(ctx).export(output_format, output, graph or None)
    console.write_data(data, output)
    if fmt.name == "jsonld" and not graph:
        console.note("JSON-LD: the merge of all graphs as one graph; --graph IRI keeps named graphs, "
                     "and trig or nquads keep them all")
    if output is not None and str(output) != "-":
        console.note(f"wrote {output} ({fmt.name}, {len(data)} bytes)")


@app.command()
def stats(ctx: typer.Context, as_json: bool = _json_option()) -> None:
    """Count triples per named graph and instances per class.

    Example: newsgraph stats
    """
    result = _graph(ctx).stats()
    if as_json:
        console.print_json({"triples": result.total, "graphs": dict(result.graphs), "classes": dict(result.classes)})
        return
    console.echo(f"{result.total} triples")
    console.echo(console.table(["graph", "triples"], [[g, str(n)] for g, n in result.graphs]), nl=False)
    console.echo(console.table(["class", "instances"], [[api.shorten(c), str(n)] for c, n in result.classes]), nl=False)


@app.command()
def describe(
    ctx: typer.Context,
    entity: str = typer.Argument(..., help="An IRI, a prefixed name (ngid:nvidia), a label or an alternative label.",
                                 autocompletion=lambda ctx, incomplete: _complete_entities(ctx, incomplete)),
    as_json: bool = _json_option(),
) -> None:
    """Everything about one entity, each fact with its evidence sentence and source.

    Example: newsgraph describe "Scott Vessen"
    """
    from dataclasses import asdict

    found = _graph(ctx).describe(entity)
    if as_json:
        console.print_json(asdict(found))
        return
    console.echo(f"{found.label or api.shorten(found.iri)}  <{found.iri}>")
    if found.alternative_labels:
        console.echo(f"  also written: {', '.join(found.alternative_labels)}")
    for fact in found.facts:
        console.echo(f"  {fact.property}  {fact.value}")
        for item in fact.evidence:
            if item.verified_by:
                console.echo(f"      verified by {item.verified_by}: \"{item.sentence}\"")
            else:
                hedges = f", hedged: {', '.join(item.hedges)}" if item.hedges else ""
                console.echo(f"      \"{item.quote}\" [{item.begin}:{item.end}] — {item.source} ({item.certainty}{hedges})")
    for subject, prop in found.referenced_by:
        console.echo(f"  <- {prop}  {subject}")


@app.command()
def reason(
    ctx: typer.Context,
    files: Optional[list[Path]] = typer.Argument(None, help="Reason over these RDF files with the ontology, instead of the store."),
    reasoner: str = typer.Option("auto", "--reasoner", help="auto (HermiT if Java is found, else OWL 2 RL), hermit or owlrl."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the inferences without writing them to the store."),
    consistency_only: bool = typer.Option(False, "--consistency-only",
                                          help="Only check consistency: HermiT infers nothing (faster on large stores); writes nothing."),
    as_json: bool = _json_option(),
) -> None:
    """Check with an OWL reasoner that the ontology and the facts are consistent, list
    unsatisfiable classes and the inferred types and property values, and write the inferences
    into their own named graph (graph/inferred). Exit 1 if inconsistent.

    Example: newsgraph reason --dry-run
    """
    if sys.stderr.isatty():
        console.note(f"reasoning ({reasoner}) ...")
    result = api.reason_over_files(files, reasoner, consistency_only) if files else \
        _graph(ctx).reason(reasoner, dry_run, consistency_only)
    report = result.report
    if report.note:
        console.note(report.note)
    if report.calendar_values:
        console.note(f"{report.calendar_values} calendar values and ranges (xsd:date, xsd:gYear, ...: outside the OWL 2 "
                     "datatype map) were read by HermiT as text; `newsgraph validate` checks their form")
    if as_json:
        console.print_json({
            "reasoner": report.reasoner, "consistent": report.consistent, "unsatisfiable": report.unsatisfiable,
            "calendar_values_not_reasoned": report.calendar_values,
            "clashes": report.clashes, "offending": report.offending,
            "inferred": [[t.subject.value, t.predicate.value, t.object.value] for t in report.inferred]})
    elif not report.consistent:
        console.echo(f"inconsistent ({report.reasoner})")
        for clash in report.clashes:
            console.echo(f"  clash: {clash}")
        for iri in report.offending:
            console.echo(f"  offending individual: {api.shorten(iri)}")
    else:
        for iri in report.unsatisfiable:
            console.echo(f"unsatisfiable class: {api.shorten(iri)}")
        for t in report.inferred:
            console.echo(f"{api.shorten(t.subject.value)} {api.shorten(t.predicate.value)} {api.shorten(t.object.value)}")
        written = f"written to <{result.written}>" if result.written else \
            "not written (consistency only)" if consistency_only else "not written (dry run)"
        console.note(f"consistent ({report.reasoner}, {report.seconds:.1f} s): {len(report.unsatisfiable)} unsatisfiable "
                     f"classes, {len(report.inferred)} inferences, {written}")
    if not report.consistent:
        raise typer.Exit(1)


@app.command()
def validate(
    ctx: typer.Context,
    files: Optional[list[Path]] = typer.Argument(None, help="Validate these RDF files (any format) instead of the store."),
    output_format: Optional[str] = typer.Option(
        None, "--format", "-F", help="Print the W3C SHACL validation report in this RDF format: turtle, jsonld (or json), ..."),
    as_json: bool = _json_option("Print the results as JSON."),
) -> None:
    """Validate the store (or files) against the SHACL shapes in ontology/shapes.ttl: evidence
    inside its article, claims with source and certainty, amounts with currency, percentages in
    [0, 100], events with a date or "date unknown", labels. Exit 0 conforms, 1 does not, 2 could not load.

    Example: newsgraph validate
    """
    from dataclasses import asdict

    result = api.validate_files(files, output_format) if files else _graph(ctx).validate(output_format)
    report = result.report
    if output_format:
        console.write_data(result.serialized)
    elif as_json:
        console.print_json({"conforms": report.conforms, "triples": result.triples,
                            "results": [asdict(item) for item in report.results]})
    elif report.conforms:
        console.echo(f"conforms: {result.triples} triples, no violations")
    else:
        for item in report.results:
            console.echo(f"{item.severity}: {item.focus}" + (f" {item.path}" if item.path else "")
                         + f": {item.message}" + (f" (value {item.value})" if item.value else "")
                         + f" [{item.shape}]")
            if item.evidence:
                console.echo(f"    sentence: {item.evidence}")
        console.note(f"does not conform: {len(report.results)} results")
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def check(ctx: typer.Context, as_json: bool = _json_option("Print the findings as JSON.")) -> None:
    """Cross-check the numbers of the graph against each other: components that must add up,
    stated shares recomputed from amounts, stated currency conversions against sourced exchange
    rates, and order-of-magnitude slips. Exit 1 if anything disagrees.

    Example: newsgraph check --json
    """
    findings = _graph(ctx).check()
    if as_json:
        console.print_json([finding.as_dict() for finding in findings])
    elif not findings:
        console.echo("no disagreements between the quantitative claims")
    for finding in [] if as_json else findings:
        console.echo(f"{finding.severity} ({finding.kind}): {finding.message}")
        for claim in finding.claims:
            console.echo(f"    claim: {claim.text!r}" + (f" in \"{claim.sentence}\"" if claim.sentence else ""))
        console.echo(f"    arithmetic: {finding.computed.get('arithmetic', '')}")
        if finding.computed.get("consequence"):
            console.echo(f"    consequence: {finding.computed['consequence']}")
        if finding.computed.get("reference_source") or finding.computed.get("rate_source"):
            console.echo(f"    rate: {finding.computed.get('reference_source') or finding.computed.get('rate_source')}")
        console.echo(f"    tolerance: {finding.tolerance}")
    if any(finding.severity == "error" for finding in findings):
        raise typer.Exit(1)


@app.command()
def report(ctx: typer.Context, as_json: bool = _json_option()) -> None:
    """Run the quality-report rules (queries/report/*.rq: entities without labels, facts without
    evidence, claims without source, dangling references, duplicate labels) and summarise them by
    severity. Exit 1 if a rule of severity error finds anything.

    Example: newsgraph report
    """
    summary = _graph(ctx).report()
    results = summary.rules
    if as_json:
        console.print_json([{"rule": r.rule.name, "title": r.rule.title, "severity": r.rule.severity,
                             "problem": r.rule.problem, "why": r.rule.why, "fix": r.rule.fix,
                             "rows": [{"entity": e, "detail": d} for e, d in r.rows]} for r in results])
    else:
        console.echo(", ".join(f"{n} {severity}{'s' if n != 1 else ''}" for severity, n in summary.counts.items())
                     + f" from {len(results)} rules")
        for result in results:
            console.echo(f"{result.rule.severity:8} {result.rule.name}: {len(result.rows)}  ({result.rule.title})")
            for entity, detail in result.rows:
                console.echo(f"    {entity}  {detail}")
            if result.rows:
                console.echo(f"    why: {result.rule.why}")
                console.echo(f"    fix: {result.rule.fix}")
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
    for result in _graph(ctx).ingest(articles, published, source, url, lang, console.Progress):
        console.note(f"ingested {result.article}: {result.facts} facts, {result.evidence} evidence triples into <{result.graph}>")


@app.command()
def link(
    ctx: typer.Context,
    threshold: float = typer.Option(0.85, "--threshold", help="Least similarity (0-1) for a fuzzy candidate link."),
    wikidata: Optional[str] = typer.Option(None, "--wikidata", metavar="ENDPOINT",
                                           help="Also look entities up by label on this Wikidata-compatible SPARQL endpoint."),
    timeout: float = _timeout_option(30.0, "Time limit for each --wikidata request."),
) -> None:
    """Resolve entities across all graphs: a shared identifier (Wikidata, DBpedia, Wikipedia), or
    the same full name with the same kind and context in common -> owl:sameAs; events, untyped
    entities and generic names are never joined on a name; the rest worth a look, and similar
    names above the threshold -> skos:closeMatch candidates with the evidence for and against,
    for review. The link set goes to graph/links; decisions made with `links` survive re-runs.

    Example: newsgraph link --threshold 0.9
    """
    links = _graph(ctx).link(threshold, wikidata, timeout, console.Progress)
    counts = {status: sum(1 for l in links if l.status == status) for status in ("accepted", "candidate", "rejected")}
    console.note(f"{len(links)} links: {counts['accepted']} owl:sameAs, {counts['candidate']} candidates for review, "
                 f"{counts['rejected']} rejected")


@app.command()
def links(
    ctx: typer.Context,
    accept: Optional[str] = typer.Option(None, "--accept", metavar="ID", help="Turn a candidate into an owl:sameAs link."),
    reject: Optional[str] = typer.Option(None, "--reject", metavar="ID", help="Remove a link and keep it removed."),
    as_json: bool = _json_option(),
) -> None:
    """List the links (those of link and those ingest made) with their method, score, the names
    that matched and the evidence for (+) and against (-); accept or reject one.

    Example: newsgraph links --accept 3f2a9c1b0d4e
    """
    result = _graph(ctx).links(accept, reject)
    if result.changed is not None:
        console.note(f"link {result.changed.id} {result.changed.status}")
    if as_json:
        console.print_json([{"id": l.id, "first": l.first, "second": l.second, "method": l.method, "score": l.score,
                             "status": l.status, "names": list(l.evidence), "for": l.support, "against": l.against}
                            for l in result.links])
        return
    rows = [[l.id, l.status, l.method, f"{l.score:.3f}", api.shorten(l.first), api.shorten(l.second), " = ".join(l.evidence),
             "; ".join([f"+ {s}" for s in l.support] + [f"- {a}" for a in l.against])]
            for l in result.links]
    console.echo(console.table(["id", "status", "method", "score", "first", "second", "names", "evidence"], rows), nl=False)


@app.command()
def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(7878, "--port", help="Port to listen on."),
    allow_update: bool = typer.Option(False, "--allow-update", help="Accept SPARQL updates (read-only without it); "
                                                                    "each needs the header Authorization: Bearer TOKEN."),
    update_token: Optional[str] = typer.Option(None, "--update-token", envvar="NEWSGRAPH_UPDATE_TOKEN", metavar="TOKEN",
                                               help="The token updates must carry (default: a new one, printed at start); "
                                                    "needed for updates beyond loopback."),
    timeout: float = _timeout_option(30.0, "Stop a query after this many seconds (HTTP 503)."),
    allow_service: Optional[list[str]] = _allow_service_option("Let SERVICE in queries call this endpoint (repeatable)."),
) -> None:
    """Serve the store over the SPARQL 1.1 Protocol at /sparql, with a query page at / that runs
    the named queries. Read-only unless --allow-update; binds 127.0.0.1 unless told otherwise.

    Example: newsgraph serve --port 7878
    """
    graph = _graph(ctx)

    def ready(server):
        mode = "read-write" if allow_update else "read-only"
        console.note(f"serving {graph.store_path} ({mode}) at http://{host}:{server.server_address[1]}/ (SPARQL endpoint /sparql)")
        if allow_update and update_token is None:
            console.note(f"updates need the header: Authorization: Bearer {server.update_token}")

    try:
        graph.serve(host, port, allow_update, timeout, allow_service or (), ready, update_token)
    except KeyboardInterrupt:
        pass


@app.command()
def push(
    ctx: typer.Context,
    connections: int = typer.Option(2, "--connections", metavar="N", help="Requests in flight at once."),
) -> None:
    """Upload the ontology and every graph of the local store to the SPARQL endpoint named by
    --endpoint (and --update-endpoint), with SPARQL Update in batches. Each graph is replaced whole
    or left as it was, so pushing twice changes nothing.

    Example: newsgraph --endpoint http://localhost:3030/news/sparql --update-endpoint http://localhost:3030/news/update push
    """
    graph = _graph(ctx)
    counts = graph.push(console.note, console.Progress, connections)
    console.note(f"pushed {sum(counts.values())} triples in {len(counts)} graphs to {graph.update_endpoint or graph.endpoint}")


@app.command()
def show(
    ctx: typer.Context,
    entity: Optional[str] = typer.Argument(None, help="An IRI, prefixed name, label or alternative label.",
                                           autocompletion=lambda ctx, incomplete: _complete_entities(ctx, incomplete)),
    output: Optional[Path] = _output_option("FILE.svg, FILE.png or FILE.html (pan, zoom, click for evidence); default SVG on stdout."),
    depth: int = typer.Option(1, "--depth", help="How many steps around the entity (1-3)."),
    article: Optional[str] = typer.Option(None, "--article", metavar="ARTICLE", help="Draw everything one article says instead."),
) -> None:
    """Draw the neighbourhood of an entity (or everything one article says): nodes by label and
    kind, edges by property, reported claims drawn by certainty with their source, entities
    linked across articles drawn once.

    Example: newsgraph show "Akazawa Ryosei" -o akazawa.svg
    """
    if (entity is None) == (article is None):
        raise InputError("give an ENTITY or --article ARTICLE")
    fmt = "svg" if output is None or str(output) == "-" else output.suffix.lower().lstrip(".")
    if fmt not in ("svg", "png", "html"):
        raise InputError(f"{output}: the picture is written as .svg, .png or .html")
    picture = _graph(ctx).show(entity, article, depth, fmt)
    console.write_data(picture.data, output)
    if output is not None and str(output) != "-":
        console.note(f"wrote {output}: {picture.nodes} nodes, {picture.edges} edges")


@app.command()
def timeline(
    ctx: typer.Context,
    entity: Optional[str] = typer.Option(None, "--entity", help="Only the events this entity takes part in."),
    output: Optional[Path] = _output_option("Draw it to FILE.svg or FILE.png."),
    as_json: bool = _json_option(),
) -> None:
    """The events in date order with their participants, place, source and whether they were
    announced as scheduled or reported as done; months and years are ranges.

    Example: newsgraph timeline --entity "Scott Bessent"
    """
    from dataclasses import asdict

    graph = _graph(ctx)
    events = graph.timeline(entity)
    if output is not None:
        fmt = output.suffix.lower().lstrip(".")
        if fmt not in ("svg", "png"):
            raise InputError(f"{output}: the timeline is drawn as .svg or .png")
        console.write_data(graph.timeline_picture(events, fmt), output)
        console.note(f"wrote {output}: {len(events)} events")
        return
    if as_json:
        console.print_json([asdict(event) for event in events])
        return
    for event in events:
        when = event.start if event.start == event.end else f"{event.start}..{event.end}"
        status = f" [{event.status}]" if event.status else ""
        console.echo(f"{when:24} {event.what}{status}")
        console.echo(f"{'':24}   {event.kind}" + (f", \u201c{event.when}\u201d" if event.when else "")
                     + (f", at {event.place}" if event.place else ""))
        if event.participants:
            console.echo(f"{'':24}   with {', '.join(event.participants)}")
        if event.sources:
            console.echo(f"{'':24}   source: {'; '.join(event.sources)}")


class _CommandsOnFirstUse(Mapping):
    """The group's commands by name, in the order they are defined; each is turned into a click
    command when first looked up. typer turns every command's signature into click parameters
    up front, a tenth of a whole `newsgraph query`; a run needs one of them (and --help all)."""

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


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def click_group():
    """`app` as a click group whose commands are built on first use (typer.main.get_command(app)
    builds them all). The lazy build uses typer.main's internals; where a typer release has
    changed them, the group is typer's own."""
    if not all(hasattr(typer.main, name) for name in ("get_command_from_info", "get_command_name")):
        return typer.main.get_command(app)
    registered, app.registered_commands = app.registered_commands, []
    try:
        group = typer.main.get_command(app)  # the global options and the callback only
    finally:
        app.registered_commands = registered
    group.commands = _CommandsOnFirstUse(app)
    return group


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `newsgraph` command; returns the exit code."""
    for number, argument in enumerate(sys.argv[1:] if argv is None else argv, start=1):
        if not _utf8(argument) and not os.path.lexists(argument):
            # Python keeps bytes that are not UTF-8 as surrogates, which no RDF term can hold.
            shown = argument.encode("utf-8", "surrogateescape")
            console.note(f"Error: argument {number} ({shown!r}) is not UTF-8 text")
            return 2
    command = click_group()
    try:
        result = command.main(args=argv, prog_name="newsgraph", standalone_mode=False)
    except NewsgraphError as error:
        return console.error_line(error, FLAGS)
    except typer.Exit as done:
        return done.exit_code
    except (typer.Abort, KeyboardInterrupt):
        console.note("Error: interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (`newsgraph export | head`); not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:
        # Usage errors of typer's (vendored) click: one line, never a traceback.
        if hasattr(error, "format_message") and hasattr(error, "exit_code"):
            if type(error).__name__ == "NoArgsIsHelpError":  # `newsgraph` alone: the help, as git prints it
                console.echo(error.format_message())
                return 0
            console.note(f"Error: {error.format_message()} (see `newsgraph --help`)")
            return 2
        raise
    return result if isinstance(result, int) else 0
