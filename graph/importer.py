"""`newsgraph import`: other graphs into the store, one named graph per source, all or nothing.

- Formats: Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML (by --format, else the extension),
  and HTML pages whose `<script type="application/ld+json">` blocks carry schema.org data (read
  with the standard library's HTML parser), mapped onto newsgraph's model.
- Blank nodes are skolemised per source (`.../.well-known/genid/SOURCE/LABEL`), so two files never
  share one by accident.
- Nothing is fetched unless asked: JSON-LD contexts naming schema.org resolve to the local copy in
  graph/contexts/; any other remote context, and any http(s) source, needs allow_remote.
- The write is all or nothing, even across a crash (GraphStore.import_atomically). Local RDF
  files (not JSON-LD) are streamed: a file of triples by pyoxigraph's bulk loader while a second
  thread checks it (_bulk_load); N-Quads (and N-Triples with schema.org over http) routed to
  their graphs as text, which the bulk loader parses (_TextRouted); other files with named graphs
  read once by Python, which routes each quad to its graph as the bulk loader takes it (_Routed);
  other sources are parsed into memory first.
"""

from __future__ import annotations

import re
import sys
import threading
from copy import copy
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache
from html.parser import HTMLParser
from io import BytesIO
from itertools import chain, compress
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import quote

import pyoxigraph as ox

from ..errors import InputError, RefusedError
from ..ontology import DCTERMS, GRAPH, ID, NG, PROV, RDF, XSD
from ..ontology.graphs import SOURCES_GRAPH, STDIN_SOURCE_GRAPH, source_graph
from . import files, merge, quadlines
from .data import context_path
from .formats import rdf_format, rdf_format_for_path, syntax_error_message
from .model.align import aligned_triples, read_terms
from .model.newspage import HTTP_SCHEMA, https, map_news_pages
from .progress import silent

if TYPE_CHECKING:
    from .store import GraphStore

# Quads from which the bulk loader writes faster than a transaction (extend): it pays a fixed cost
# of its own at each call (about 20 ms), and a transaction's cost per quad grows with its size
# (at 5,000 quads both take 60 ms of CPU; at 40,000, 1.1 s against 0.3 s).
SMALL_SOURCE = 5_000
# schema.org names its terms alike over http and https; the store writes them as the ontology does.
SCHEMA_OVER_HTTPS = "quads with http://schema.org/ terms written as https://schema.org/"
SCHEMA_CONTEXTS = {f"{scheme}://{host}schema.org{path}" for scheme in ("http", "https") for host in ("", "www.")
                   for path in ("", "/", "/docs/jsonldcontext.jsonld", "/docs/jsonldcontext.json")}


@dataclass
class Source:
    name: str  # as given: a path, "-" or a URL
    graph: str  # the named graph its default-graph triples go to
    parsed: list | None = None  # the quads, for sources read into memory; None for a file read while it is written
    format: str = ""
    path: Path | None = None  # a file read while it is written
    base: str | None = None
    count: int = 0
    named_graphs: set[str] = field(default_factory=set)  # the named graphs of a dataset file, as it names them
    blank_nodes: bool = False
    lenient: bool = False
    error: InputError | None = None  # why the source was rejected
    repairs: dict[str, int] = field(default_factory=dict)  # what --lenient changed, and why -> how often
    skipped: int = 0  # quads --lenient left out, because no repair made them valid
    written: list[str] = field(default_factory=list)  # the named graphs written, as the store names them
    aligned: int = 0  # triples derived in the vocabularies newsgraph reads (SOURCE/aligned)
    warnings: list[str] = field(default_factory=list)  # what was read, but not as the model wants it
    as_text: bool = True  # N-Quads or N-Triples routed as text (_TextRouted); False once the engine refused that text

    @property
    def quads(self) -> list:
        """Every quad, skolemised (a file is parsed again)."""
        if self.parsed is not None:
            return self.parsed
        return list(_skolemised(self._parse(), self.graph))

    def _parse(self):
        quads = ox.parse(path=self.path, format=rdf_format(self.format).rdf_format(), base_iri=self.base,
                         lenient=self.lenient)
        return _repaired(quads, self) if self.lenient else quads


@dataclass
class ImportReport:
    sources: list[Source]

    @property
    def imported(self) -> list[Source]:
        return [source for source in self.sources if source.error is None]

    @property
    def rejected(self) -> list[Source]:
        return [source for source in self.sources if source.error is not None]

    @property
    def total(self) -> int:
        return sum(source.count for source in self.imported)


def source_slug(name: str) -> str:
    """The name of a source's graph: the slug of its file name (graph/source/SLUG)."""
    stem = Path(name.split("?")[0].rstrip("/")).name or "source"
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "source"


def read_sources(names: list[str], graph: str | None = None, fmt: str | None = None,
                 allow_remote: bool = False, stdin: bytes | None = None, max_bytes: int | None = None,
                 base: str | None = None, progress=silent, lenient: bool = False, url: str | None = None) -> list[Source]:
    """Read every source, or note why it cannot be (its `error`, naming file, line and column).
    A source larger than `max_bytes` is refused before it is parsed. `url` is where a news page
    was published, when the page does not say."""
    if graph is not None and len(names) > 1:
        raise InputError("{option} names one graph, so give one source with it", "graph")
    if url is not None and len(names) > 1:
        raise InputError("{option} names where one page was published, so give one source with it", "url")
    if url is not None:
        check_iri(url, "url")
    if graph is not None:
        check_iri(graph, "graph")
    if base is not None:
        check_iri(base, "base")
    sources = []
    bar = progress("reading", len(names))
    for name in names:
        bar.advance(note=name)
        target = graph or (source_graph(source_slug(name)) if name != "-" else STDIN_SOURCE_GRAPH)
        try:
            sources.append(_read_source(name, target, fmt, allow_remote, stdin, max_bytes, base, lenient, url))
        except InputError as error:
            sources.append(Source(name, target, error=error))
    bar.__exit__()
    return sources


def _read_source(name: str, target: str, fmt: str | None, allow_remote: bool, stdin: bytes | None,
                 max_bytes: int | None, base: str | None, lenient: bool, url: str | None = None) -> Source:
    kind = _kind(name, fmt)
    if _local_rdf_file(name, kind):
        return _checked_file(Path(name), target, kind, max_bytes, base or _base(name), lenient)
    data, label = _read(name, allow_remote, stdin)
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(f"{label}: {len(data)} bytes is more than {{option}} {max_bytes}", "max_bytes")
    source = Source(name, target, None, kind, lenient=lenient)
    if kind == "html":
        page = _html_page(data, label, allow_remote)
        quads = page.quads
    else:
        quads = _rdf_quads(data, label, rdf_format(kind), allow_remote, base=base or _base(name), lenient=lenient)
    if lenient:
        quads = list(_repaired(quads, source))
    quads = list(_skolemised(quads, target))
    if kind == "html":
        quads, source.warnings = map_news_pages(quads, url or _page_address(page, name), page.lang)
    source.parsed, source.count = quads, len(quads)
    source.named_graphs = {q.graph_name.value for q in quads if not _in_default_graph(q)}
    return source


def read_files(paths: list[Path]) -> list:
    """Every quad of the files (format from the extension; HTML pages mapped as import maps
    them), read with the guards of an import, blank nodes as they are, schema.org over https:// as
    import writes it, and what import derives from each into its SOURCE/aligned graph: for commands that read files without importing them
    (validate, reason), which then judge a file as they judge it once imported. Nothing is
    returned unless every file reads."""
    quads = []
    for path in paths:
        kind, name = _kind(str(path), None), str(path)
        data = files.read_bytes(path)
        if kind == "html":
            page = _html_page(data, name, False)
            read = map_news_pages(page.quads, _page_address(page, name), page.lang).quads
        else:
            read = [ox.Quad(https(q.subject), https(q.predicate), https(q.object), q.graph_name) if _over_http(q) else q
                    for q in _rdf_quads(data, name, rdf_format(kind), False, base=_base(name))]
        quads += read + _aligned(read)
    return quads


def _aligned(quads: list) -> list:
    """What _align would derive from one source's quads (a page's schema:name is its rdfs:label),
    in the default graph."""
    engine, own = ox.Store(), ox.NamedNode("urn:newsgraph:read")
    engine.extend(ox.Quad(q.subject, q.predicate, q.object,
                          q.graph_name if type(q.graph_name) is ox.NamedNode else own) for q in quads)
    graphs = [own, *{q.graph_name for q in quads if type(q.graph_name) is ox.NamedNode}]
    return [ox.Quad(t.subject, t.predicate, t.object) for t in aligned_triples(engine, graphs)]


def _local_rdf_file(name: str, kind: str) -> bool:
    """Local files that pyoxigraph parses as they are (JSON-LD needs its contexts replaced first,
    and a file that starts with a byte order mark needs it taken off), read while they are
    written rather than held in memory."""
    if name == "-" or kind not in ("turtle", "ntriples", "nquads", "trig", "xml") or _is_url(name):
        return False
    try:
        with open(name, "rb") as file:
            return file.read(len(_BOM)) != _BOM
    except OSError:
        return True  # the file's own reader gives the one line for it


_BOM = b"\xef\xbb\xbf"


def _is_url(name: str) -> bool:
    return re.match(r"[a-z][a-z0-9+.-]*://", name, re.I) is not None


def _checked_file(path: Path, target: str, kind: str, max_bytes: int | None, base: str | None, lenient: bool) -> Source:
    """A local file to stream: its size and, for RDF/XML, entity declarations are checked now;
    its syntax while it is imported (see _scan and _Routed)."""
    label = str(path)
    size = files.size(path)
    if max_bytes is not None and size > max_bytes:
        raise InputError(f"{label}: {size} bytes is more than {{option}} {max_bytes}", "max_bytes")
    if kind == "xml":
        refuse_entities(label, path=path)
    return Source(str(path), target, None, kind, path=path, base=base, lenient=lenient)


def _scan(source: Source, progress=silent) -> None:
    """Parse a streamed file once without keeping its quads: check its syntax (errors name line
    and column), count its quads, note its named graphs and whether it has blank nodes."""
    named, blank, count = set(), False, 0
    default, blank_node = ox.DefaultGraph, ox.BlankNode
    bar = progress(f"importing {source.name}")
    try:
        for quad in source._parse():
            count += 1
            if count % 100_000 == 0:
                bar.advance(100_000, "triples")
            graph = quad.graph_name
            if type(graph) is not default:
                if type(graph) is blank_node:
                    blank = True  # a graph of the source's own, named when it is written (see _Routed)
                else:
                    named.add(graph.value)
            if not blank and (type(quad.subject) is blank_node or type(quad.object) is blank_node):
                blank = True
    except SyntaxError as error:
        raise _located_syntax_error(error, source.name, source.path.read_bytes) from None
    except OSError as error:
        raise files.unreadable(source.name, error) from None
    bar.__exit__()
    source.count, source.blank_nodes = count, blank
    source.named_graphs = named


def refuse_entities(label: str, data: bytes | None = None, path: Path | None = None) -> None:
    """InputError for RDF/XML (its bytes, or the file at `path`) that declares entities. They can
    expand to gigabytes (a "billion laughs" bomb) or name files and URLs to read; RDF/XML from the
    wild does not need them, so they are refused unread. Every reader of the user's RDF/XML
    (import, and validate and reason through read_files) comes here."""
    if data is not None and b"<!ENTITY" in data or path is not None and _file_contains(path, b"<!ENTITY"):
        raise InputError(f"{label}: RDF/XML with entity declarations (<!ENTITY>) is refused")


def _file_contains(path: Path, pattern: bytes) -> bool:
    """Whether the file holds `pattern`, read in chunks that overlap by the pattern's length."""
    tail = b""
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            if pattern in tail + chunk:
                return True
            tail = chunk[-len(pattern):]
    return False


def _in_default_graph(quad) -> bool:
    return isinstance(quad.graph_name, ox.DefaultGraph)


def import_sources(store: GraphStore, sources: list[Source], progress=silent) -> ImportReport:
    """Write every source that could be read, each all or nothing, under one checkpoint: the
    store ends up with all of them or, after a crash, none. A file found broken while it is
    written is rejected and the others are written again without it.

    The layout (README, "Imports"): a source's default graph goes to its own graph
    (graph/source/SLUG, or the graph asked for); its named graphs keep their names, and several
    sources may write to one (it holds what they all brought); what each source brought to a
    graph it shares is kept beside it, so that importing the source again replaces only that.
    Graph names in newsgraph's own namespace are never written by an import: they are renamed
    into the source's (graph/source/SLUG/...). graph/sources records what came from where."""
    now = ox.Literal(datetime.now(timezone.utc).replace(microsecond=0).isoformat(), datatype=ox.NamedNode(XSD + "dateTime"))
    while True:
        try:
            store.import_atomically(lambda engine: _write(engine, [s for s in sources if s.error is None], now, progress,
                                                          spool=store.path))
            return ImportReport(sources)
        except _Rejected as rejected:
            rejected.source.error = rejected.error
        except _NotAsText as refused:
            refused.source.as_text = False


class _Rejected(Exception):
    """A file turned out to be broken while it was written: the import starts again without it."""

    def __init__(self, source: Source, error: InputError):
        super().__init__(str(error))
        self.source, self.error = source, error


def _write(engine, sources: list[Source], now, progress, spool: Path | None = None) -> None:
    """`spool`: the folder where the quads the alignment reads wait for it (_Kept), the store's
    own, so that they take disk rather than memory where the system's temporary folder is in
    memory (tmpfs)."""
    for source in sources:
        source.written = []
        previous = _previous_records(engine, source.graph)
        _forget_contributions(engine, previous)
        for graph in previous.own | {source.graph}:
            engine.remove_graph(ox.NamedNode(graph))
        # Whether schema.org terms over http:// may need moving to https://: a streamed file is
        # searched for the bytes once; a source parsed into memory (no path: a page, JSON-LD,
        # whose text may spell the address otherwise) is looked at quad by quad.
        over_http = source.path is None or _file_contains(source.path, HTTP_SCHEMA.encode())
        if source.path is not None and not source.lenient and source.format in ("turtle", "ntriples", "xml") \
                and not over_http:
            _bulk_load(engine, source, progress)  # no named graphs: the engine reads the file itself
            _align(engine, source, [source.graph])
        else:
            source.repairs, source.skipped = {}, 0
            # The bulk loader builds and ingests files of its own on every call: fast for a large
            # source, a fixed cost that dominates a small one (many small files). A file is not
            # read beforehand to count its quads: its size says.
            large = source.count >= SMALL_SOURCE if source.path is None else files.size(source.path) >= SMALL_FILE
            if source.path is not None and source.as_text and not source.lenient and source.format in ("nquads", "ntriples"):
                routed = _TextRouted(engine, source, previous, over_http, progress, spool)
                routed.write(bulk=large)
            else:
                routed = _Routed(engine, source, previous, over_http, progress, spool)
                if large:
                    engine.bulk_extend(routed.quads(), merge=_statements(source, over_http))
                else:
                    engine.extend(routed.quads())
            _align(engine, source, kept=routed.kept)
        _record(engine, source, now)


def _align(engine, source: Source, graphs: list[str] = (), kept: _Kept | None = None) -> None:
    """What the source says in the vocabularies newsgraph reads (model/align.py), derived into
    SOURCE/aligned: from the source's quads the alignment reads, `kept` as they were written, or
    else from its `graphs` in the store."""
    target = source.graph + "/aligned"
    engine.remove_graph(ox.NamedNode(target))
    if kept is None:
        derived = aligned_triples(engine, [ox.NamedNode(graph) for graph in dict.fromkeys(graphs)])
    elif kept:
        # In a store of their own: the derivation and its test of what the source states itself
        # read only these, not every source's quads of a predicate, nor the merge's copies.
        derived = aligned_triples(kept.store(), [_KEPT])
    else:
        derived = []
    if derived:
        text = ox.serialize(derived, format=ox.RdfFormat.N_TRIPLES) if len(derived) >= SMALL_SOURCE else b""  # as in _write
        if text and b"_:" not in text:
            # As text, parsed by the engine: a Python quad and its merge's copy for each derived
            # triple cost more than the loader's own work. The graph is put at each line's end (a
            # line of N-Triples ends in " .\n", which no term holds, see merge.write_graphs), and
            # the quads and their merge go in two calls, as a source's do: in one, the loader held
            # both at once.
            engine.load_text([(text.replace(b" .\n", b" <" + target.encode() + b"> .\n"), text)])
        elif text:  # a blank node (or those characters in a literal): as objects
            engine.bulk_extend([ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(target)) for t in derived])
        else:
            engine.extend([ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(target)) for t in derived])
        source.written = sorted(set(source.written) | {target})
        source.aligned = len(derived)


_KEPT = ox.NamedNode("urn:newsgraph:import:kept")
# Triples the routing pass holds as Python objects before it writes them to _Kept's file as text.
KEPT_CHUNK = 10_000


class _Kept:
    """The statements of a source that the alignment reads (align.read_terms), kept by _Routed
    as it writes the source and given to the alignment in a store of their own once the write is
    done. They wait as N-Triples in a temporary file, written KEPT_CHUNK at a time: as Python
    objects they were 128 MB at a million quads (272,000 kept), held while the bulk loader held
    its own batches, and an in-memory pyoxigraph store of them is nearly as large, 106 MB
    (bench/RESULTS.md, "Import: the loader's calls and the alignment's quads"). A source that
    keeps fewer than KEPT_CHUNK never makes the file. The text is read back without checking
    IRIs again (`lenient`): each was checked when its term was made."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder
        self.buffer: list = []  # ox.Triple, not yet written
        self.count = 0
        self._file = None

    def __bool__(self) -> bool:
        return self.count > 0 or bool(self.buffer)

    def spill(self) -> None:
        """Write the buffer to the file, and empty it (in place: _Routed holds it)."""
        if self._file is None:
            import tempfile

            self._file = tempfile.TemporaryFile(dir=self.folder)
        ox.serialize(self.buffer, output=self._file, format=ox.RdfFormat.N_TRIPLES)
        self.count += len(self.buffer)
        self.buffer.clear()

    def write_text(self, text: bytes, count: int) -> None:
        """`count` statements written as N-Triples (_TextRouted), after those of the buffer."""
        self.spill()
        self._file.write(text)
        self.count += count

    def store(self):
        """An in-memory store holding the statements in the graph _KEPT; the file is closed."""
        memory = ox.Store()
        if self._file is None:
            memory.extend([ox.Quad(t.subject, t.predicate, t.object, _KEPT) for t in self.buffer])
        else:
            self.spill()
            self._file.seek(0)
            memory.load(self._file, format=ox.RdfFormat.N_TRIPLES, to_graph=_KEPT, lenient=True)
            self._file.close()
            self._file = None
        self.buffer.clear()
        self.count = 0
        return memory
SMALL_FILE = SMALL_SOURCE * 100  # bytes: about SMALL_SOURCE quads of Turtle, fewer of N-Quads


def _bulk_load(engine, source: Source, progress) -> None:
    """A file without named graphs, read by pyoxigraph's bulk loader while a second thread parses
    it once more (_scan) for its syntax, size and blank nodes; the loader releases the GIL, so on
    two cores the check costs no time."""
    failure: list[BaseException] = []
    options = {"path": source.path, "format": rdf_format(source.format).rdf_format(), "base_iri": source.base,
               "to_graph": ox.NamedNode(source.graph)}

    def load():
        try:
            engine.bulk_load(**options)
        except BaseException as error:  # noqa: BLE001 - the scan reports syntax errors with their position
            failure.append(error)

    loader = threading.Thread(target=load)
    loader.start()
    try:
        _scan(source, progress)
    except InputError as error:
        loader.join()
        raise _Rejected(source, error) from None
    finally:
        loader.join()
    if failure:
        raise failure[0]
    if source.blank_nodes:
        _skolemise_in_store(engine, source)  # and the merge is read back from the graph
    else:
        engine.bulk_load_merge(**options)


class _Previous(NamedTuple):
    """What graph/sources says a source wrote when it was last imported."""

    own: set[str]  # graphs only it wrote: replaced
    shared: dict[str, str]  # graph -> the copy of what it brought there


def _previous_records(engine, base: str) -> _Previous:
    records, node = ox.NamedNode(SOURCES_GRAPH), ox.NamedNode(base)
    wrote = {q.object.value for q in engine.quads_for_pattern(node, _NG_WROTE, None, records)}
    pieces = {_piece_of(engine, q.subject): q.subject.value
              for q in engine.quads_for_pattern(None, _PROV_DERIVED, node, records)}
    pieces.pop(None, None)
    own = {graph for graph in wrote if graph not in pieces and not (_writers(engine, graph) - {base})}
    return _Previous(own, pieces)


def _piece_of(engine, piece) -> str | None:
    found = next(engine.quads_for_pattern(piece, _DCT_PART_OF, None, ox.NamedNode(SOURCES_GRAPH)), None)
    return found.object.value if found is not None else None


def _writers(engine, graph: str) -> set[str]:
    """The sources that wrote to a named graph under its own name."""
    return {q.subject.value for q in engine.quads_for_pattern(None, _NG_WROTE, ox.NamedNode(graph), ox.NamedNode(SOURCES_GRAPH))}


def _route(engine, source: Source, graph: str, previous: _Previous) -> tuple[str, ...]:
    """Where the quads a source states in its named graph `graph` go (see import_sources)."""
    if graph.startswith(GRAPH):
        renamed = source.graph + "/" + graph[len(GRAPH):]
        engine.remove_graph(ox.NamedNode(renamed))
        return (renamed,)
    others = _writers(engine, graph) - {source.graph}
    exists = engine.contains_named_graph(ox.NamedNode(graph))
    if not others and (not exists or graph in previous.own):
        return (graph,)  # its own: replaced as a whole
    for other in others:  # what a sole earlier source brought is the graph as it was
        if _piece(other, graph) not in _pieces_of_graph(engine, graph):
            _copy_graph(engine, graph, _piece(other, graph))
            _record_piece(engine, other, graph)
    return (graph, _piece(source.graph, graph))


def _piece(base: str, graph: str) -> str:
    """The copy of what a source brought to a graph it shares."""
    import hashlib  # lazily, like json: OpenSSL weighs on every import's peak memory (bench/RESULTS.md)

    return f"{base}/shared/{hashlib.sha1(graph.encode('utf-8')).hexdigest()[:12]}"


def _pieces_of_graph(engine, graph: str) -> set[str]:
    return {q.subject.value for q in engine.quads_for_pattern(None, _DCT_PART_OF, ox.NamedNode(graph), ox.NamedNode(SOURCES_GRAPH))}


def _copy_graph(engine, graph: str, to: str) -> None:
    target = ox.NamedNode(to)
    engine.extend([ox.Quad(q.subject, q.predicate, q.object, target)
                        for q in engine.quads_for_pattern(None, None, None, ox.NamedNode(graph))])


def _record_piece(engine, base: str, graph: str) -> None:
    records, piece = ox.NamedNode(SOURCES_GRAPH), ox.NamedNode(_piece(base, graph))
    engine.extend([ox.Quad(piece, _DCT_PART_OF, ox.NamedNode(graph), records),
                   ox.Quad(piece, _PROV_DERIVED, ox.NamedNode(base), records)])


class _Routed:
    """A source's quads, read once, each in the graphs it goes to: its default graph to its own
    graph, each named graph where _route sends it (asked when the graph first appears). As they
    go by: blank nodes are skolemised, schema.org terms over http:// moved to https:// (with
    `over_http`), the quads the alignment reads kept (`kept`), and what the source holds noted
    in it (its count, named graphs, blank nodes, the graphs written). A file found broken
    rejects the source (_Rejected), from inside the write, which the checkpoint then undoes."""

    def __init__(self, engine, source: Source, previous: _Previous, over_http: bool, progress, spool: Path | None = None):
        self.engine, self.source, self.previous, self.over_http, self.progress = engine, source, previous, over_http, progress
        self.kept = _Kept(spool)
        self.routes: dict[str, tuple[str, ...]] = {}
        self.targets: dict[str, tuple] = {}  # a named graph of the source -> the NamedNodes its quads go to
        self.named: set[str] = set()
        self.count = self.http_schema = 0
        self.blank = False

    def quads(self):
        source = self.source
        bar = self.progress(f"importing {source.name}")
        try:
            yield from self._quads(source.parsed if source.parsed is not None else source._parse(), bar)
        except SyntaxError as error:
            raise _Rejected(source, _located_syntax_error(error, source.name, source.path.read_bytes)) from None
        except OSError as error:  # reading the file: the engine's errors come from outside this generator
            raise _Rejected(source, files.unreadable(source.name, error)) from None
        bar.__exit__()
        self._finish()

    def _quads(self, quads, bar=None):
        source, over_http, kept, spill = self.source, self.over_http, self.kept.buffer, self.kept.spill
        base = ox.NamedNode(source.graph)
        targets, target = self.targets, self._target
        align_predicates, align_classes = read_terms()
        Quad, Triple, blank_node, default, rdf_type = ox.Quad, ox.Triple, ox.BlankNode, ox.DefaultGraph, _RDF_TYPE
        count = http_schema = 0
        blank = False
        # Per-quad Python is most of an import's cost: each term is read once (pyoxigraph makes a
        # new Python object at every read), and what a quad does not have is not looked for.
        for count, (s, p, o, g) in enumerate(quads, 1):
            if bar is not None and not count % 100_000:
                bar.advance(100_000, "triples")
            if type(s) is blank_node or type(o) is blank_node or type(g) is blank_node:
                blank = True
                s, o = self._skolem(s), self._skolem(o)
            if over_http and (p.value.startswith(HTTP_SCHEMA) or (type(o) is ox.NamedNode and o.value.startswith(HTTP_SCHEMA))
                              or (type(s) is ox.NamedNode and s.value.startswith(HTTP_SCHEMA))):
                s, p, o = https(s), https(p), https(o)
                http_schema += 1
            if type(g) is default:
                yield Quad(s, p, o, base)
            else:
                found = targets.get(g.value)
                if found is None:
                    found = target(g)
                if len(found) == 1:
                    yield Quad(s, p, o, found[0])
                else:
                    for name in found:
                        yield Quad(s, p, o, name)
            if p in align_predicates and (p != rdf_type or o in align_classes):
                kept.append(Triple(s, p, o))
                if len(kept) >= KEPT_CHUNK:
                    spill()
        self.count += count
        self.http_schema += http_schema
        self.blank = self.blank or blank

    def _finish(self) -> None:
        """Note in the source what the routing found in it."""
        source = self.source
        source.count, source.blank_nodes = self.count, self.blank
        source.named_graphs = self.named
        source.written = sorted({source.graph} | {name for names in self.routes.values() for name in names})
        if self.http_schema:
            source.repairs[SCHEMA_OVER_HTTPS] = self.http_schema

    def _skolem(self, term):
        return skolem_iri(self.source.graph, term.value) if type(term) is ox.BlankNode else term

    def _target(self, graph) -> tuple:
        """Where the quads of a named graph of the source go, asked when it first appears."""
        if type(graph) is ox.BlankNode:  # a graph of the source's own, under its skolem IRI
            skolem = self._skolem(graph)
            self.routes[skolem.value] = (skolem.value,)
            found = (skolem,)
        else:
            self.named.add(graph.value)
            names = self.routes[graph.value] = _route(self.engine, self.source, graph.value, self.previous)
            found = tuple(ox.NamedNode(name) for name in names)
        self.targets[graph.value] = found
        return found


_RDF_TYPE = ox.NamedNode(RDF + "type")


class _TextRouted(_Routed):
    """A file of N-Quads or N-Triples routed as _Routed routes it, but as text (quadlines): the
    lines written the common way are split from their graphs a chunk at a time, their graphs
    replaced by the names _route gives, and the engine's loader parses the result itself, with
    their merge (the same statements without a graph) after them; only the other lines (blank
    nodes, http://schema.org/ terms with `over_http`, comments, unusual spacing) go through
    _Routed's objects. Nothing is checked twice: a line the engine rejects rejects the file,
    with the position the object path gives (_broken)."""

    def __init__(self, engine, source: Source, previous: _Previous, over_http: bool, progress, spool: Path | None = None):
        super().__init__(engine, source, previous, over_http, progress, spool)
        self.spool = spool
        self.tails: dict[bytes | None, bytes | tuple[bytes, ...]] = {}  # a line's graph -> what replaces it
        self._files: list = []

    def write(self, bulk: bool) -> None:
        """Write the source (with the bulk loader, in growing calls, with `bulk`; else in one
        transaction) and note what it holds in it."""
        try:
            self.engine.load_text(self._calls(bulk), bulk=bulk)
        except SyntaxError:
            raise self._broken() from None
        finally:
            for file in self._files:
                file.close()
            self._files.clear()
        self._finish()

    def _calls(self, bulk: bool):
        """(quads, merge) pairs for the loader: N-Quads in the store's graphs, and the same
        statements as N-Triples. With `bulk`, in temporary files of `spool`, written as the file
        is read: FIRST_CALL lines, then each call at most half of what the calls before it wrote
        (merge.MergeKeeper._calls); else the whole file as bytes, in one pair."""
        bar = self.progress(f"importing {self.source.name}")
        quads = merged = None
        lines, size, written = 0, merge.FIRST_CALL, 0
        for chunk in self._chunks():
            routed, statements, count = self._chunk(chunk)
            if quads is None:
                quads, merged = (self._spool_file(), self._spool_file()) if bulk else (BytesIO(), BytesIO())
            quads.write(routed)
            merged.write(statements)
            lines += count
            bar.advance(count, "triples")
            if bulk and lines >= size:
                yield _rewound(quads), _rewound(merged)
                written += lines
                quads, lines, size = None, 0, max(merge.FIRST_CALL, written // 2)
        if quads is not None:
            yield (_rewound(quads), _rewound(merged)) if bulk else (quads.getvalue(), merged.getvalue())
        bar.__exit__()

    def _spool_file(self):
        """A temporary file in the spool, closed once the write is done."""
        import tempfile

        file = tempfile.TemporaryFile(dir=self.spool)
        self._files.append(file)
        return file

    def _chunks(self):
        source = self.source
        try:
            with open(source.path, "rb") as file:
                yield from quadlines.chunks(file)
        except OSError as error:
            raise _Rejected(source, files.unreadable(source.name, error)) from None

    def _chunk(self, chunk: bytes) -> tuple[bytes, bytes, int]:
        """A chunk of the file as the loader's text: its quads in their graphs, their statements
        (the merge), and how many quads."""
        lines = quadlines.split(chunk)
        statements, predicates, objects, graphs, other = lines
        if self.over_http and _HTTP_SCHEMA_BYTES in chunk and any(_HTTP_SCHEMA_BYTES in s for s in statements):
            statements, predicates, objects, graphs, other = self._without_http_schema(lines)
        if graphs and self.source.format == "ntriples" and graphs.count(None) != len(graphs):
            raise self._broken()  # a graph where N-Triples has none
        tails = self._tails(graphs)
        if any(type(tails[graph]) is tuple for graph in set(graphs)):
            # A graph shared with other sources goes to two graphs: each of its lines twice.
            routed = b"".join(statement + tail for statement, graph in zip(statements, graphs)
                              for tail in (tails[graph] if type(tails[graph]) is tuple else (tails[graph],)))
        else:
            routed = b"".join(chain.from_iterable(zip(statements, map(tails.__getitem__, graphs))))
        merged = b" .\n".join(statements) + b" .\n" if statements else b""
        predicates_read, types_read = _read_as_text()
        kept = list(compress(statements, map(predicates_read.__contains__, predicates)))
        kept += compress(statements, map(types_read.__contains__, zip(predicates, objects)))
        if kept:
            self.kept.write_text(b" .\n".join(kept) + b" .\n", len(kept))
        count = len(statements)
        if other.strip():
            before = self.count
            try:
                quads = list(self._quads(ox.parse(other, format=rdf_format(self.source.format).rdf_format(),
                                                  base_iri=self.source.base)))
            except SyntaxError:
                raise self._broken() from None
            count += self.count - before
            routed += ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
            merged += ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads], format=ox.RdfFormat.N_TRIPLES)
        self.count += len(statements)
        return routed, merged, count

    def _without_http_schema(self, lines: quadlines.Lines) -> quadlines.Lines:
        """The lines with http://schema.org/ in a term moved to the other lines (which _Routed
        writes over https)."""
        moved, kept = [], []
        for line in zip(lines.statements, lines.predicates, lines.objects, lines.graphs):
            (moved if _HTTP_SCHEMA_BYTES in line[0] else kept).append(line)
        other = b"".join(statement + (b" " + graph if graph else b"") + b" .\n" for statement, _, _, graph in moved)
        columns = [list(column) for column in zip(*kept)] if kept else [[], [], [], []]
        return quadlines.Lines(*columns, lines.other + other)

    def _tails(self, graphs: list) -> dict:
        """What replaces " <GRAPH> .\n" for each graph of the lines (None: the default graph),
        routed when it first appears: the text after a statement, or a tuple of them for a graph
        whose quads go to two graphs."""
        tails = self.tails
        for graph in set(graphs) - tails.keys():
            if graph is None:
                names = (self.source.graph,)
            else:
                try:
                    node = ox.NamedNode(graph[1:-1].decode())
                except (ValueError, UnicodeDecodeError):
                    raise self._broken() from None
                names = [target.value for target in (self.targets.get(node.value) or self._target(node))]
            texts = tuple(b" <" + name.encode() + b"> .\n" for name in names)
            tails[graph] = texts[0] if len(texts) == 1 else texts
        return tails

    def _broken(self) -> Exception:
        """What to raise when the engine or the chunks' parse rejected the text: the file's first
        syntax error, found by parsing it as the object path does (_Rejected); if it parses,
        _NotAsText, and the import writes it again through objects."""
        source = self.source
        try:
            for _ in source._parse():
                pass
        except SyntaxError as error:
            return _Rejected(source, _located_syntax_error(error, source.name, source.path.read_bytes))
        except OSError as error:
            return _Rejected(source, files.unreadable(source.name, error))
        return _NotAsText(source)


def _rewound(file):
    file.seek(0)
    return file


class _NotAsText(Exception):
    """A file that parses was refused by the engine as _TextRouted wrote it: imported again
    through objects (_Routed)."""

    def __init__(self, source: Source):
        super().__init__(source.name)
        self.source = source


_HTTP_SCHEMA_BYTES = HTTP_SCHEMA.encode()


@cache
def _read_as_text() -> tuple[frozenset, frozenset]:
    """read_terms as a line's text gives them: the predicates whose statements the alignment
    reads ("<IRI>"), and the (rdf:type, class) pairs."""
    predicates, classes = read_terms()
    rdf_type = f"<{_RDF_TYPE.value}>".encode()
    return (frozenset(f"<{p.value}>".encode() for p in predicates if p != _RDF_TYPE),
            frozenset((rdf_type, f"<{c.value}>".encode()) for c in classes))


def _statements(source: Source, over_http: bool):
    """The source's statements once more, as _Routed gives them but in no particular graph: what
    the merge (the default graph) gets of them, read lazily, after _Routed has been read (a
    streamed file is parsed a second time; its repairs are not counted again)."""
    if source.parsed is not None:
        quads = source.parsed
    else:
        again = copy(source)
        again.repairs = {}
        quads = _skolemised(again._parse(), source.graph) if source.blank_nodes else again._parse()
    if not over_http:
        yield from quads
        return
    for quad in quads:
        yield ox.Triple(https(quad.subject), https(quad.predicate), https(quad.object)) if _over_http(quad) else quad


def _over_http(quad) -> bool:
    """Whether the quad names a schema.org term over http:// (written over https://, as the
    ontology names them)."""
    return quad.predicate.value.startswith(HTTP_SCHEMA) \
        or (type(quad.object) is ox.NamedNode and quad.object.value.startswith(HTTP_SCHEMA)) \
        or (type(quad.subject) is ox.NamedNode and quad.subject.value.startswith(HTTP_SCHEMA))


def _forget_contributions(engine, previous: _Previous) -> None:
    """What a source brought to the graphs it shares leaves them, unless another source brought
    it too; the import that follows adds back whatever the source still brings."""
    for graph, piece in previous.shared.items():
        others = _pieces_of_graph(engine, graph) - {piece}
        target = ox.NamedNode(graph)
        for quad in list(engine.quads_for_pattern(None, None, None, ox.NamedNode(piece))):
            holders = {q.graph_name.value for q in engine.quads_for_pattern(quad.subject, quad.predicate, quad.object, None)
                       if type(q.graph_name) is ox.NamedNode}
            if not holders & others:
                engine.remove(ox.Quad(quad.subject, quad.predicate, quad.object, target))
        engine.remove_graph(ox.NamedNode(piece))


def _record(engine, source: Source, now) -> None:
    """graph/sources: when and from where the source came, and the graphs it wrote."""
    records, node = ox.NamedNode(SOURCES_GRAPH), ox.NamedNode(source.graph)
    for quad in list(engine.quads_for_pattern(node, None, None, records)):
        engine.remove(quad)
    written = set(source.written)  # searching the list of 8,000 graphs 8,000 times took 0.75 s at 1M quads
    shared = {graph for graph in source.named_graphs if _piece(source.graph, graph) in written}
    for piece in [q.subject for q in engine.quads_for_pattern(None, _PROV_DERIVED, node, records)]:
        if piece.value not in written:
            for quad in list(engine.quads_for_pattern(piece, None, None, records)):
                engine.remove(quad)
    quads = [
        ox.Quad(node, ox.NamedNode(RDF + "type"), ox.NamedNode(PROV + "Entity"), records),
        ox.Quad(node, ox.NamedNode(DCTERMS + "source"), ox.Literal(source.name), records),
        ox.Quad(node, ox.NamedNode(PROV + "generatedAtTime"), now, records),
        ox.Quad(node, ox.NamedNode(DCTERMS + "format"), ox.Literal(source.format), records),
    ]
    if _is_url(source.name):
        quads.append(ox.Quad(node, _PROV_DERIVED, ox.NamedNode(source.name), records))
    for graph in source.written:
        if graph != source.graph and not graph.startswith(source.graph + "/shared/"):
            quads.append(ox.Quad(node, _NG_WROTE, ox.NamedNode(graph), records))
    for graph in shared:
        quads += [ox.Quad(ox.NamedNode(_piece(source.graph, graph)), _DCT_PART_OF, ox.NamedNode(graph), records),
                  ox.Quad(ox.NamedNode(_piece(source.graph, graph)), _PROV_DERIVED, node, records)]
    for reason, times in sorted(source.repairs.items()):
        quads.append(ox.Quad(node, ox.NamedNode(NG + "repair"), ox.Literal(f"{times} {reason}"), records))
    write = engine.bulk_extend if len(quads) >= SMALL_SOURCE else engine.extend  # as in _write
    write(quads)


_NG_WROTE = ox.NamedNode(NG + "wroteGraph")
_DCT_PART_OF = ox.NamedNode(DCTERMS + "isPartOf")
_PROV_DERIVED = ox.NamedNode(PROV + "wasDerivedFrom")


def _skolemise_in_store(engine, source: Source) -> None:
    """Replace the blank nodes the bulk loader wrote for a source (in its graph, its named graphs,
    or as graph names) by skolem IRIs, in one update."""
    skolem = ox.NamedNode("urn:newsgraph:skolem")
    graphs = ", ".join(f"<{graph}>" for graph in sorted({source.graph} | source.named_graphs))
    engine.update(f"""
        DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} INSERT {{ GRAPH ?g2 {{ ?s2 ?p ?o2 }} }}
        WHERE {{
          GRAPH ?g {{ ?s ?p ?o }}
          FILTER((isBlank(?g) || ?g IN ({graphs})) && (isBlank(?g) || isBlank(?s) || isBlank(?o)))
          BIND(IF(isBlank(?g), <urn:newsgraph:skolem>(?g), ?g) AS ?g2)
          BIND(IF(isBlank(?s), <urn:newsgraph:skolem>(?s), ?s) AS ?s2)
          BIND(IF(isBlank(?o), <urn:newsgraph:skolem>(?o), ?o) AS ?o2)
        }}""", custom_functions={skolem: lambda node: skolem_iri(source.graph, node.value)},
        graphs=[ox.NamedNode(graph) for graph in sorted({source.graph} | source.named_graphs)])


def _repaired(quads, source: Source):
    """--lenient: each IRI that strict RDF 1.1 rejects but widely used tools read (a second '#',
    a space, a bracket) is percent-encoded; a quad with an IRI that no repair makes valid is left
    out. What was changed is counted in `source.repairs`, what was left out in `source.skipped`."""
    fixed: dict[str, object] = {}
    for quad in quads:
        terms = [quad.subject, quad.predicate, quad.object, quad.graph_name]
        changed = False
        for index, term in enumerate(terms):
            if type(term) is not ox.NamedNode:
                continue
            if term.value not in fixed:
                fixed[term.value] = _repair_iri(term, source)
            repaired = fixed[term.value]
            if repaired is None:
                break
            if repaired is not term:
                terms[index], changed = repaired, True
        else:
            yield ox.Quad(*terms) if changed else quad
            continue
        source.skipped += 1


_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _repair_iri(term, source: Source):
    """The term itself if it is a valid IRI, a repaired copy, or None."""
    try:
        ox.NamedNode(term.value)
        return term
    except ValueError:
        pass
    value, reasons = term.value, []
    head, hash_mark, fragment = value.partition("#")
    if "#" in fragment:
        value, reasons = head + hash_mark + fragment.replace("#", "%23"), ["a second '#' in an IRI written as %23"]
    if _NOT_IN_IRI.search(value):
        value = _NOT_IN_IRI.sub(lambda match: "%{:02X}".format(ord(match.group())), value)
        reasons.append("characters an IRI cannot hold percent-encoded")
    try:
        repaired = ox.NamedNode(value)
    except ValueError:
        reason = "IRIs no repair makes valid (their quads left out)"
        source.repairs[reason] = source.repairs.get(reason, 0) + 1
        return None
    for reason in reasons:
        source.repairs[reason] = source.repairs.get(reason, 0) + 1
    return repaired


def _kind(name: str, fmt: str | None) -> str:
    if fmt:
        return "html" if fmt.lower() in ("html", "htm", "text/html") else rdf_format(fmt).name
    if name == "-":
        raise InputError("reading from stdin needs {option}", "format")
    path = name.split("?")[0]
    if path.lower().endswith((".html", ".htm")):
        return "html"
    return rdf_format_for_path(path).name


def _base(name: str) -> str | None:
    if name == "-":
        return None
    if re.match(r"https?://", name):
        return name
    return Path(name).resolve().as_uri()


def _read(name: str, allow_remote: bool, stdin: bytes | None) -> tuple[bytes, str]:
    if name == "-":
        return (stdin if stdin is not None else sys.stdin.buffer.read()), "<stdin>"
    if _is_url(name):
        if not re.match(r"https?://", name, re.I):
            raise InputError(f"{name}: only local files and, with {{option}}, http(s) sources can be imported", "allow_remote")
        if not allow_remote:
            raise RefusedError(f"{name}: a remote source is fetched only with {{option}}", "allow_remote")
        return _fetch(name), name
    return files.read_bytes(Path(name)), name


def _fetch(url: str) -> bytes:
    # Lazily: http.client imports ssl, and OpenSSL is 5 MB of every import's peak memory, which
    # reads local files unless told otherwise (bench/RESULTS.md).
    from .guarded_http import get

    return get(url)


def _rdf_quads(data: bytes, label: str, fmt, allow_remote: bool, base: str | None, lenient: bool = False) -> list:
    data = data.removeprefix(_BOM)  # a UTF-8 byte order mark, as Windows editors write it (Jena reads it too)
    if fmt.name == "xml":
        refuse_entities(label, data)
    if fmt.name == "jsonld":
        data = _local_contexts(data, label, allow_remote)
    try:
        return list(ox.parse(data, format=fmt.rdf_format(), base_iri=base, lenient=lenient))
    except SyntaxError as error:
        raise _located_syntax_error(error, label, lambda: data) from None


def _located_syntax_error(error: SyntaxError, label: str, read) -> InputError:
    """One line naming the file, line and column; where the parser gives no position, the name
    the error is about is looked for in the text (`read()` gives its bytes)."""
    if not error.lineno:
        located = _locate(read(), str(error))
        if located:
            error.lineno, error.offset = located
    return InputError(syntax_error_message(label, error))


def _locate(data: bytes, message: str) -> tuple[int, int] | None:
    """Line and column of the name a position-less parser error is about (pyoxigraph's RDF/XML
    parser reports some errors, such as a bad rdf:ID, without a position): the first place the
    file has that name, as an attribute value or a tag."""
    text = data.decode("utf-8", errors="replace")
    candidates = []
    head = message.split(" is not a valid ")[0] if " is not a valid " in message else None
    if head:
        candidates += [f'"{head}"', f"'{head}'", head]
    for iri in re.findall(r"https?://[^\s<>]+", message):
        local = re.split(r"[#/]", iri.rstrip(">"))[-1]
        if local:
            candidates += [f":{local}", local]
    candidates += re.findall(r"rdf:\w+", message)
    for candidate in candidates:
        index = text.find(candidate)
        if index >= 0:
            line = text.count("\n", 0, index) + 1
            return line, index - (text.rfind("\n", 0, index) + 1) + 1
    return None


def schema_context() -> dict:
    """The local copy of the schema.org JSON-LD context."""
    import json

    return json.loads(context_path("schema.org").read_text(encoding="utf-8"))["@context"]


def _local_contexts(data: bytes, label: str, allow_remote: bool, line_offset: int = 0, forgiving: bool = False) -> bytes:
    """Replace remote @context references: schema.org by the local copy; others are fetched only
    when allowed. JSON errors name the line and column. `forgiving` (the scripts of web pages)
    accepts what browsers and search engines accept: trailing commas, comments, single quotes
    (JSON5)."""
    try:
        return _local_contexts_of(data, label, allow_remote, line_offset, forgiving)
    except RecursionError:
        raise InputError(f"{label}: the JSON nests too deep for newsgraph to read") from None


def _local_contexts_of(data: bytes, label: str, allow_remote: bool, line_offset: int, forgiving: bool) -> bytes:
    import json

    try:
        document = json.loads(data)
    except json.JSONDecodeError as error:
        if not forgiving:
            raise InputError(f"{label}:{error.lineno + line_offset}:{error.colno}: invalid JSON: {error.msg}") from None
        import json5

        try:
            document = json5.loads(data.decode("utf-8"))
        except ValueError:
            raise InputError(f"{label}:{error.lineno + line_offset}:{error.colno}: invalid JSON: {error.msg}") from None
    except UnicodeDecodeError:
        raise InputError(f"{label}: not UTF-8 text") from None
    except ValueError as error:  # an integer longer than Python converts (4,300 digits)
        raise InputError(f"{label}: {str(error).split(';')[0]}") from None

    def resolve(context):
        if isinstance(context, list):
            return [resolve(item) for item in context]
        if isinstance(context, str):
            if context in SCHEMA_CONTEXTS:
                return schema_context()
            if not re.match(r"https?://", context):
                raise InputError(f"{label}: JSON-LD context {context} is not an http(s) address; local files are not read")
            if not allow_remote:
                raise RefusedError(f"{label}: remote JSON-LD context {context} is fetched only with {{option}}", "allow_remote")
            return json.loads(_fetch(context)).get("@context", {})
        return context

    def walk(node):
        if isinstance(node, dict):
            return {key: (resolve(value) if key == "@context" else walk(value)) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    return json.dumps(walk(document)).encode("utf-8")


class _PageReader(HTMLParser):
    """The text of <script type="application/ld+json"> elements with their start line, and what
    the page says about itself: its language (<html lang>) and canonical address
    (<link rel="canonical">, <meta property="og:url">)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[int, str]] = []
        self.lang: str | None = None
        self.canonical: str | None = None
        self._current: list[str] | None = None
        self._line = 0

    def handle_starttag(self, tag, attrs):
        attributes = {key: value or "" for key, value in attrs}
        if tag == "script" and attributes.get("type", "").split(";")[0].strip().lower() == "application/ld+json":
            self._current = []
            self._line = self.getpos()[0]
        elif tag == "html" and attributes.get("lang"):
            self.lang = self.lang or attributes["lang"].strip()
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split() and attributes.get("href"):
            self.canonical = self.canonical or attributes["href"].strip()
        elif tag == "meta" and attributes.get("property") == "og:url" and attributes.get("content"):
            self.canonical = self.canonical or attributes["content"].strip()

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.blocks.append((self._line, "".join(self._current)))
            self._current = None


class Page(NamedTuple):
    """What an HTML page's JSON-LD says, and what the page says about itself."""

    quads: list
    url: str | None  # its canonical address, when it gives one
    lang: str | None  # the language of its <html> element


# What browsers and search engines accept around the JSON of a script: CDATA wrappers and HTML
# comments, commented out or not.
_SCRIPT_WRAPPERS = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")


def _html_page(data: bytes, label: str, allow_remote: bool) -> Page:
    reader = _PageReader()
    reader.feed(data.decode("utf-8", errors="replace"))
    reader.close()
    if not reader.blocks:
        raise InputError(f"{label}: no <script type=\"application/ld+json\"> in the page")
    quads = []
    for line, text in reader.blocks:
        # The script's JSON starts on the line of its <script> tag; JSON line 1 is that line.
        text = _SCRIPT_WRAPPERS.sub("", text)
        if not text.strip():
            continue
        local = _local_contexts(text.encode("utf-8"), label, allow_remote, line_offset=line - 1, forgiving=True)
        try:
            quads += ox.parse(local, format=ox.RdfFormat.JSON_LD)
        except SyntaxError as error:
            raise InputError(f"{label}:{line}: in the JSON-LD script: {str(error).splitlines()[0]}") from None
    return Page(quads, reader.canonical, reader.lang)


def _page_address(page: Page, name: str) -> str:
    """Where a page was published, as it says (a canonical address that is an IRI), else where
    it was read from."""
    if page.url and _valid_iri(page.url):
        return page.url
    return name if _is_url(name) else Path(name).resolve().as_uri()


def check_iri(value: str, option: str) -> str:
    """InputError naming the setting `option` unless `value` is an absolute IRI."""
    if not _valid_iri(value):
        raise InputError(f"{{option}} {value!r}: not an absolute IRI", option)
    return value


def _valid_iri(value: str) -> bool:
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value) is not None


def skolem_iri(graph: str, label: str):
    """The skolem IRI (RDF 1.1) of a blank node of the source whose graph is `graph`; a label may
    hold characters an IRI may not, so it is percent-encoded."""
    import hashlib  # lazily, like json: OpenSSL weighs on every import's peak memory (bench/RESULTS.md)

    key = hashlib.sha1(graph.encode("utf-8")).hexdigest()[:12]
    return ox.NamedNode(f"{ID}.well-known/genid/{key}/{quote(label, safe='')}")


def _skolemised(quads, graph: str):
    """Blank nodes become IRIs unique to the source."""
    def term(value):
        return skolem_iri(graph, value.value) if isinstance(value, ox.BlankNode) else value

    return (ox.Quad(term(q.subject), q.predicate, term(q.object), term(q.graph_name))
            if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) or isinstance(q.graph_name, ox.BlankNode)
            else q for q in quads)
