"""The Python API of newsgraph: one method per command, typed results, nothing printed.

    from newsgraph.graph.api import Newsgraph

    graph = Newsgraph("~/news-store")          # or Newsgraph() for the default store
    graph.build()
    outcome = graph.query(name="tariffs", params={"country": "Japan"}, format="csv")
    print(outcome.data.decode())

The command line (cli.py) and the server (`serve`) are thin faces over this class. Errors are
newsgraph.errors.NewsgraphError and its subclasses; a message about a setting names it by the
parameter name of the method (see errors.py). Long work reports through `progress` (see
graph/progress.py).

Heavy libraries (pyoxigraph, rdflib, owlready2, pyshacl, graphviz) are imported inside the methods
that use them, so that importing this module, and starting a command, stays fast.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..errors import InputError
from ..ontology import shorten  # noqa: F401 - for the faces: how a table shows an IRI
from .progress import silent

if TYPE_CHECKING:
    from .store import GraphStore, Store

class BuildResult(NamedTuple):
    graphs: dict[str, int]  # named graph -> triples written
    articles: list[str]
    total: int  # triples in the store afterwards
    headlines: list  # views.headlines.Headline


class UpdateResult(NamedTuple):
    before: int  # quads
    after: int


class IngestResult(NamedTuple):
    article: Path
    graph: str  # the article's fact graph
    facts: int
    evidence: int


class ReasonResult(NamedTuple):
    report: object  # checks.reasoning.ReasonerReport
    written: str | None  # the graph the inferences went to, or None


class ValidateResult(NamedTuple):
    report: object  # checks.shacl.ValidationReport
    triples: int  # how many were validated
    serialized: bytes | None = None  # the W3C report in the RDF format asked for


class ReportResult(NamedTuple):
    rules: list  # checks.report.RuleResult, most severe first
    counts: dict[str, int]  # severity -> rows, most severe first


class LinksResult(NamedTuple):
    links: list  # link.resolve.Link
    changed: object | None = None  # the Link a decision changed


class Picture(NamedTuple):
    data: bytes
    nodes: int
    edges: int


# The longest time limit there is: timers and sockets keep it as 64-bit nanoseconds, and a longer
# one overflows (a traceback in the timer's thread). It is 292 years.
MAX_SECONDS = 9_223_372_036.0


def check_timeout(seconds: float, option: str = "timeout") -> float:
    """A time limit must be a positive, finite number of seconds, at most MAX_SECONDS."""
    if not (seconds > 0 and math.isfinite(seconds)):
        raise InputError("{option} must be a positive number of seconds", option)
    if seconds > MAX_SECONDS:
        raise InputError(f"{{option}} must be at most {MAX_SECONDS:.0f} seconds", option)
    return seconds


def parse_params(assignments: Iterable[str]) -> dict[str, str]:
    """`KEY=VALUE` strings (as typed after -p) into a dict."""
    from ..queries import parse_assignments

    return parse_assignments(list(assignments))


def default_store_path() -> Path:
    """$NEWSGRAPH_STORE, else $XDG_DATA_HOME/newsgraph/store (~/.local/share/newsgraph/store)."""
    import os

    if os.environ.get("NEWSGRAPH_STORE"):
        return Path(os.environ["NEWSGRAPH_STORE"]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "newsgraph" / "store"


def versions() -> list[tuple[str, str]]:
    """newsgraph, Python and the libraries newsgraph uses, with their versions."""
    import sys
    from importlib.metadata import PackageNotFoundError, version

    from .. import __version__

    found = [("newsgraph", __version__), ("python", sys.version.split()[0])]
    for package in ("pyoxigraph", "rdflib", "owlready2", "typer"):
        try:
            found.append((package, version(package)))
        except PackageNotFoundError:
            found.append((package, "(not installed)"))
    return found


def named_queries() -> list:
    """The named queries (queries/*.rq) with their titles, descriptions and parameters."""
    from ..queries import named_queries as bundled

    return list(bundled().values())


def reason_over_files(files: list[Path], reasoner: str = "auto", consistency_only: bool = False) -> ReasonResult:
    """`reason` over RDF files with the ontology, instead of a store; nothing is written. The
    reasoner reads what it reads from a store: with the declarations and the alignment axioms."""
    from .checks.reasoning import alignment_axioms, declarations, reason
    from .importer import read_files
    from .model.build import ontology_triples

    triples = ontology_triples() + [quad.triple for quad in read_files(files)]
    triples += declarations(triples)
    triples += alignment_axioms(triples)[0]
    check_numbers(triples)
    return ReasonResult(reason(triples, reasoner, consistency_only), None)


def validate_files(files: list[Path], format: str | None = None) -> ValidateResult:
    """`validate` RDF files (any format) instead of a store; with `format`, the W3C report is
    serialised in that RDF format too."""
    from .importer import read_files

    return _validate([quad.triple for quad in read_files(files)], format)


def check_numbers(triples: list) -> None:
    """InputError for an integer longer than Python converts (sys.get_int_max_str_digits(), 4,300
    digits: longer conversions take quadratic time, so Python refuses them), which the reasoners
    and the SHACL validator would meet as a traceback."""
    import sys

    import pyoxigraph as ox

    limit = sys.get_int_max_str_digits() or None
    for triple in triples if limit else ():
        value = triple.object
        if isinstance(value, ox.Literal) and len(value.value) > limit and value.value.lstrip("+-").isdigit():
            raise InputError(f"a number of {len(value.value)} digits (on {value.value[:20]}...): newsgraph reads "
                             f"integers of at most {limit} digits")


def _validate(triples: list, format: str | None) -> ValidateResult:
    from .checks.shacl import serialize_report, validate

    check_numbers(triples)
    report = validate(triples)
    return ValidateResult(report, len(triples), serialize_report(report, format) if format else None)


class Newsgraph:
    """A news graph: the local store at `store` (default: default_store_path()), or with
    `endpoint` a SPARQL endpoint for the methods that read (query, export, stats, describe) and
    for push. A store that another process holds is waited for up to `wait` seconds. `lock=False`
    is for a caller that holds the store's lock itself (the server)."""

    def __init__(self, store: str | Path | None = None, endpoint: str | None = None,
                 update_endpoint: str | None = None, endpoint_timeout: float = 60.0, lock: bool = True,
                 wait: float = 0.0):
        self.store_path = Path(store).expanduser() if store else default_store_path()
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint
        self.endpoint_timeout = endpoint_timeout
        self.lock = lock
        if not (wait >= 0 and math.isfinite(wait)):
            raise InputError("{option} must be a number of seconds, 0 or more", "wait")
        check_timeout(endpoint_timeout, "endpoint_timeout")
        self.wait = wait

    # Opening

    def open(self, read_only: bool = False) -> GraphStore:
        """The local store, locked (shared among readers when `read_only`)."""
        from .store import GraphStore

        return GraphStore(self.store_path, read_only=read_only, lock=self.lock, wait=self.wait)

    def _reader(self, command: str) -> Store:
        """The store a reading command works on: the endpoint if one is set, else the local store."""
        if self.endpoint:
            return self._remote()
        return self.open(read_only=True)

    def _writer(self, command: str) -> GraphStore:
        if self.endpoint:
            raise InputError(f"`newsgraph {command}` works on the local store; {{option}} serves query, queries, "
                             "describe, stats and export (use `newsgraph push` to upload the store)", "endpoint")
        return self.open()

    def _remote(self):
        from .remote import RemoteStore

        return RemoteStore(self.endpoint, self.update_endpoint, self.endpoint_timeout)

    # Building and importing

    def build(self, annotations: Iterable[Path] = ()) -> BuildResult:
        """Build or rebuild the store from the ontology and the bundled article (and the annotated
        articles given): one transaction, idempotent. Answers the three headline questions."""
        from .data import bundled_articles
        from .model.build import build_store
        from .views.headlines import headline_answers

        with self._writer("build") as store:
            report = build_store(store, bundled_articles() + list(annotations))
            return BuildResult(report.graphs, report.articles, len(store), headline_answers(store))

    def import_sources(self, sources: list[str | Path], graph: str | None = None, format: str | None = None,
                       allow_remote: bool = False, max_bytes: int | None = None, base: str | None = None,
                       stdin: bytes | None = None, progress=silent, lenient: bool = False, url: str | None = None):
        """Import files, `-` (`stdin`) or, with allow_remote, http(s) URLs, each all or nothing
        (README, "Imports"). A source that cannot be read is rejected and the others are imported;
        with `lenient`, IRIs that strict RDF rejects are repaired or their quads left out, and
        counted. `url` is where a news page was published, when the page does not say. Returns
        importer.ImportReport; raises the error if no source could be imported."""
        from .importer import import_sources, read_sources

        parsed = read_sources([str(source) for source in sources], graph, format, allow_remote, stdin=stdin, max_bytes=max_bytes, base=base,
                              progress=progress, lenient=lenient, url=url)
        if all(source.error is not None for source in parsed):
            raise parsed[0].error
        with self._writer("import") as store:
            report = import_sources(store, parsed, progress)
        if not report.imported:
            raise report.rejected[0].error
        return report

    def ingest(self, articles: list[Path], published: str, source: str, url: str | None = None, lang: str = "en",
               progress=silent) -> list[IngestResult]:
        """Turn articles' texts (from one source and day) into graphs of the model, linked to what
        the store knows. Each article is written on its own, all or nothing."""
        from concurrent.futures import ThreadPoolExecutor
        from datetime import date

        from .link.ingest import INGEST_BATCH, Lexicon, ingest_article

        try:
            day = date.fromisoformat(published)
        except ValueError:
            raise InputError(f"{{option}} {published!r}: not a date (YYYY-MM-DD)", "published") from None
        if url and len(articles) > 1:
            raise InputError("{option} names one article; give one file with it", "url")
        if url:
            from .importer import check_iri

            check_iri(url, "url")
        results = []
        with self._writer("ingest") as store, progress("ingesting", len(articles)) as bar, \
                ThreadPoolExecutor(1, thread_name_prefix="ingest-write") as writer:
            # The store's entities are read once; each article's new ones are added as it is read.
            # Articles are written in batches (each all or nothing): a write has a fixed cost.
            # A batch is written in a thread while the next is read: the engine's bulk loader
            # runs without Python's lock, so reading and writing take a core each. What the
            # reading asks the store is answered as if the batch were written (Lexicon.settle).
            lexicon = Lexicon.of(store)
            pending: dict = {}
            try:
                for number, article in enumerate(articles, start=1):
                    bar.advance(note=article.name)
                    graphs = ingest_article(store, article, day, source, url, lang, lexicon)
                    pending.update(graphs)
                    (facts_graph, facts), (_, evidence), *_ = graphs.items()
                    results.append(IngestResult(article, facts_graph, len(facts), len(evidence)))
                    if number % INGEST_BATCH == 0 or number == len(articles):
                        lexicon.settle()  # one batch at a time: the one before is written first
                        lexicon.write_behind(writer, store.replace_graphs, pending)
                        pending = {}
                lexicon.settle()
            except BaseException as error:
                # The batch being written is an earlier one: it is kept, as it would have been
                # written before this article was read. If it failed, its error is the one to tell.
                try:
                    lexicon.settle()
                except BaseException as failed:
                    raise failed from error
                raise
        return results

    # Querying

    def query(self, sparql: str | None = None, *, name: str | None = None, file: str | Path | None = None,
              source: str | None = None, params: dict[str, str] | None = None, format: str | None = None,
              default_format: str = "table", graph_format: str | None = None, timeout: float | None = None,
              allowed_services: Iterable[str] = (), default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None, base_iri: str | None = None):
        """Run a named query (`name`), a query file (`file`) or query text (`sparql`, named
        `source` in errors) over all graphs, with `params` bound as RDF terms. Results are rendered
        as `format` (a result or RDF format name, extension or media type; `default_format` when
        None, `graph_format` for CONSTRUCT/DESCRIBE when given). With `timeout`, the query runs in
        a worker process that is stopped at the limit; without, in this process. Returns
        sparql.QueryOutcome: the bytes, or the cells for the "table" format, and an ASK's answer."""
        from ..queries import get_named_query
        from .formats import RDF_FORMATS, RESULT_FORMATS, lookup_format
        from .sparql import bind
        from .sparqltext import check_update_syntax, is_update

        if sum(given is not None for given in (name, file, sparql)) != 1:
            raise InputError("give exactly one of: {option}", "query_source")
        if format is not None:
            try:
                lookup_format(RESULT_FORMATS, format, "result")
            except InputError:
                lookup_format(RDF_FORMATS, format, "output")
        if timeout is not None:
            check_timeout(timeout)
        named = get_named_query(name) if name is not None else None
        file_base = None
        if named is not None:
            sparql, source = named.text, f"{name}.rq"
        elif file is not None:
            sparql, source = _read_text(Path(file), "query"), str(file)
            file_base = Path(file).resolve().as_uri()  # relative IRIs resolve against the file
        source = source or "query"
        if is_update(sparql):
            check_update_syntax(sparql, source, base_iri or file_base)
            raise InputError(f"{source}: this is a SPARQL update and `newsgraph query` only reads; "
                             "run it with `newsgraph update`")
        values = dict(params or {})
        names = [p.name for p in named.params if p.type == "name" and p.name in values] if named else []
        if names and not self.endpoint:
            from .views.describe import entity_name

            with self._reader("query") as store:
                values.update({key: entity_name(store, values[key]) for key in names})
        bindings = bind(named, values)
        hidden = frozenset(p.name for p in named.params if p.name not in values) if named else frozenset()
        services = _endpoints(allowed_services)
        if self.endpoint:
            from .sparql import render

            with self._remote() as remote:
                results = remote.query(sparql, bindings, source, default_graphs=default_graphs,
                                       named_graphs=named_graphs, base_iri=base_iri, allowed_services=services)
                return render(results, format, hidden, default_format, graph_format)
        from .sparql import run_query, run_query_with_timeout

        options = dict(source=source, hide=hidden, default_results=default_format, lock=self.lock, wait=self.wait,
                       dataset=(default_graphs or [], named_graphs or []), graph_output=graph_format,
                       base_iri=base_iri or file_base, allowed_services=services)
        if timeout is not None:
            return run_query_with_timeout(self.store_path, sparql, bindings, format, timeout, **options)
        return run_query(self.store_path, sparql, bindings, format, **options)

    def update(self, sparql: str | None = None, *, file: str | Path | None = None, source: str | None = None,
               dry_run: bool = False, base_iri: str | None = None) -> UpdateResult | None:
        """Run a SPARQL 1.1 update in one transaction (all of it or none); `dry_run` only parses
        it (None is returned). LOAD is refused."""
        from .sparqltext import check_update_syntax

        if (file is None) == (sparql is None):
            raise InputError("give exactly one of: {option}", "update_source")
        if file is not None:
            sparql, source = _read_text(Path(file), "update"), str(file)
            base_iri = base_iri or Path(file).resolve().as_uri()
        source = source or "update"
        if dry_run:
            check_update_syntax(sparql, source, base_iri)
            return None
        with self._writer("update") as store:
            before = len(store)
            store.update(sparql, source, base_iri=base_iri)
            return UpdateResult(before, len(store))

    # Reading

    def export(self, format: str | None = None, output: Path | None = None, graphs: list[str] | None = None):
        """The store (or its named `graphs`) serialised, deterministically; the format is `format`,
        else the extension of `output`, else Turtle. Returns (bytes, formats.Format)."""
        from .formats import rdf_format, rdf_format_for_path

        if format:
            fmt = rdf_format(format)
        elif output is not None and str(output) != "-":
            fmt = rdf_format_for_path(str(output))
        else:
            fmt = rdf_format("turtle")
        with self._reader("export") as store:
            known = set(store.graph_names())
            missing = [graph for graph in graphs or [] if graph not in known]
            if missing:
                raise InputError(f"no graph <{missing[0]}> in the store; `newsgraph stats` lists them")
            return store.export(fmt, graphs or None), fmt

    def stats(self):
        """Triples per named graph and instances per class (views.stats.Stats)."""
        from .views.stats import store_stats

        with self._reader("stats") as store:
            return store_stats(store)

    def describe(self, entity: str):
        """Everything about one entity (IRI, prefixed name, label or alternative label), each fact
        with its evidence (views.describe.Description)."""
        from .views.describe import describe_entity

        with self._reader("describe") as store:
            return describe_entity(store, entity)

    def entity_names(self, prefix: str = "") -> list[str]:
        """Labels and alternative labels of the store's entities that start with `prefix` (any
        case), for completion; none when the store is busy or missing."""
        from ..errors import NewsgraphError

        try:
            with self.open(read_only=True) as store:
                rows = store.query("SELECT DISTINCT ?l WHERE { ?e rdfs:label|skos:altLabel ?l FILTER(isIRI(?e)) }")
                labels = sorted({row["l"].value for row in rows})
        except NewsgraphError:
            return []
        return [label for label in labels if label.lower().startswith(prefix.lower())]

    def timeline(self, entity: str | None = None) -> list:
        """Events, reports and periods in date order (views.timeline.TimelineEvent)."""
        from .views.timeline import timeline

        with self._reader("timeline") as store:
            return timeline(store, entity)

    def show(self, entity: str | None = None, article: str | None = None, depth: int = 1, format: str = "svg") -> Picture:
        """A picture of an entity's neighbourhood (`depth` steps) or of everything one article
        says, as svg, png or html."""
        from .views.pictures import article_picture, entity_picture, render_picture

        with self._reader("show") as store:
            picture = article_picture(store, article) if article else entity_picture(store, entity, depth)
        return Picture(render_picture(picture, format), len(picture.nodes), len(picture.edges))

    def timeline_picture(self, events: list, format: str) -> bytes:
        """The timeline drawn as svg or png."""
        from .views.pictures import render_timeline

        return render_timeline(events, format)

    # Checking

    def reason(self, reasoner: str = "auto", dry_run: bool = False, consistency_only: bool = False) -> ReasonResult:
        """Check the ontology and the facts with an OWL reasoner; unless `dry_run`, write the
        inferences of a consistent graph to their own named graph. With `consistency_only`, HermiT
        only checks consistency (no classification, which can take long on large stores) and
        nothing is written."""
        from ..ontology.graphs import INFERRED_GRAPH
        from .checks.reasoning import reason, reasoning_input, write_inferences

        with self._writer("reason") as store:
            triples = reasoning_input(store)
            check_numbers(triples)
            report = reason(triples, reasoner, consistency_only)
            if report.consistent and not dry_run and not consistency_only:
                write_inferences(store, report)
                return ReasonResult(report, INFERRED_GRAPH)
        return ReasonResult(report, None)

    def validate(self, format: str | None = None) -> ValidateResult:
        """Validate the store against the SHACL shapes; with `format`, the W3C report is
        serialised in that RDF format too."""
        from .checks.shacl import store_data

        with self._reader("validate") as store:
            triples = store_data(store)
        return _validate(triples, format)

    def check(self) -> list:
        """Cross-check the quantitative claims (checks.crosscheck.Finding)."""
        from .checks.crosscheck import check_store

        with self._reader("check") as store:
            return check_store(store)

    def report(self) -> ReportResult:
        """Run the quality-report rules, most severe first, and count what they find by severity."""
        from .checks.report import SEVERITIES, run_report

        with self._reader("report") as store:
            rules = run_report(store)
        counts = {severity: sum(len(r.rows) for r in rules if r.rule.severity == severity) for severity in SEVERITIES}
        return ReportResult(rules, counts)

    # Linking

    def link(self, threshold: float = 0.85, wikidata: str | None = None, timeout: float = 30.0,
             progress=silent) -> list:
        """Resolve entities across all graphs into the link set (link.resolve.Link); with
        `wikidata`, also look names up on that endpoint."""
        from functools import partial

        from .link.eventmatch import find_event_links
        from .link.resolve import link_store
        from .link.wikidata import lookup_candidates

        lookup = partial(lookup_candidates, endpoint=wikidata, timeout=check_timeout(timeout)) if wikidata else None
        with self._writer("link") as store:
            # Then the reports of one event in two articles, matched on their facts.
            return link_store(store, threshold, progress, lookup, related=find_event_links)

    def links(self, accept: str | None = None, reject: str | None = None) -> LinksResult:
        """The link set; `accept` or `reject` a link by its id first."""
        from .link.resolve import decide, stored_links

        if accept and reject:
            raise InputError("give {option}, not both", "decision")
        decision = accept or reject
        if decision:
            with self._writer("links") as store:
                changed = decide(store, decision, "accepted" if accept else "rejected")
                return LinksResult(stored_links(store), changed)
        with self._reader("links") as store:
            return LinksResult(stored_links(store))

    # Serving and pushing

    def push(self, report: Callable[[str], None] = lambda line: None, progress=silent,
             connections: int = 2) -> dict[str, int]:
        """Upload every graph of the local store to the endpoint, `connections` requests in flight
        at once; graph -> triples pushed."""
        from .remote import push

        if not self.endpoint:
            raise InputError("push needs {option}", "push_endpoint")
        remote = self._remote()
        with self.open(read_only=True) as store:
            return push(store, remote, report, progress, connections=connections)

    def serve(self, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False, timeout: float = 30.0,
              allowed_services: Iterable[str] = (), ready: Callable | None = None, update_token: str | None = None) -> None:
        """Serve the store over the SPARQL 1.1 Protocol until interrupted; `ready(server)` is
        called once it listens. With `allow_update`, updates need `update_token` (sent as
        `Authorization: Bearer TOKEN`); without one, a token is made up and is the server's
        `update_token`. Updates on an address beyond loopback need a token given here."""
        from .serve.server import is_loopback, serve

        check_timeout(timeout)
        if self.endpoint:
            raise InputError("`newsgraph serve` serves the local store, not {option}", "endpoint")
        if not 0 <= port <= 65535:
            raise InputError(f"{{option}} {port}: a port is a number from 0 to 65535", "port")
        if update_token is not None and (len(update_token) < 16 or not update_token.isprintable() or " " in update_token):
            raise InputError("{option}: give at least 16 printable characters, no spaces", "update_token")
        if allow_update and update_token is None:
            if not is_loopback(host):
                raise InputError(f"updates on {host}, which is not a loopback address, need {{option}}: anyone who can "
                                 "reach it could change the store", "update_token")
            import secrets

            update_token = secrets.token_urlsafe(24)
        try:
            unlocked = Newsgraph(self.store_path, lock=False)  # the server holds the lock; its workers read under it
            serve(unlocked, host, port, allow_update, timeout, ready, _endpoints(allowed_services), self.wait,
                  update_token if allow_update else None)
        except (OSError, OverflowError) as error:
            raise InputError(f"cannot listen on {host}:{port}: {getattr(error, 'strerror', None) or error}") from None


def _endpoints(urls: Iterable[str]) -> frozenset[str]:
    urls = frozenset(urls)
    for url in urls:
        if not url.startswith(("http://", "https://")):
            raise InputError(f"{{option}} {url!r}: give an http(s) endpoint URL", "allowed_services")
    return urls


def _read_text(path: Path, what: str) -> str:
    from .files import read_text

    return read_text(path, f"{what} file")
