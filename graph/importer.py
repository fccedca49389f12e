"""`newsgraph import`: other graphs into the store, one named graph per source, all or nothing.

- Formats: Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML (by --format, else the extension),
  and HTML pages whose `<script type="application/ld+json">` blocks carry schema.org data (read
  with the standard library's HTML parser), mapped onto newsgraph's model.
- Blank nodes are skolemised per source (`.../.well-known/genid/SOURCE/LABEL`), so two files never
  share one by accident.
- Nothing is fetched unless asked: JSON-LD contexts naming schema.org resolve to the local copy in
  graph/contexts/; any other remote context, and any http(s) source, needs allow_remote.
- All sources are parsed before anything is written; the write is one transaction.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

from ..errors import InputError
from ..ontology import GRAPH, ID, PROV, RDF, XSD
from .formats import rdf_format, rdf_format_for_path, syntax_error_message

SOURCES_GRAPH = GRAPH + "sources"
SCHEMA_CONTEXTS = {"http://schema.org", "https://schema.org", "http://schema.org/", "https://schema.org/",
                   "https://schema.org/docs/jsonldcontext.jsonld", "http://schema.org/docs/jsonldcontext.jsonld"}
REMOTE_TIMEOUT = 20


@dataclass
class Source:
    name: str  # as given: a path, "-" or a URL
    graph: str  # the named graph its default-graph triples go to
    quads: list = field(default_factory=list)
    format: str = ""


@dataclass
class ImportReport:
    sources: list[Source]

    @property
    def total(self) -> int:
        return sum(len(source.quads) for source in self.sources)


def source_graph(name: str) -> str:
    """The named graph of a source: graph/source/<slug of its file name>."""
    stem = Path(name.split("?")[0].rstrip("/")).name or "source"
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "source"
    return f"{GRAPH}source/{slug}"


def read_sources(names: list[str], graph: str | None = None, fmt: str | None = None,
                 allow_remote: bool = False, stdin: bytes | None = None, max_bytes: int | None = None,
                 base: str | None = None) -> list[Source]:
    """Parse every source; raise InputError (naming file, line and column) on the first bad one.
    A source larger than `max_bytes` is refused before it is parsed."""
    if graph is not None and len(names) > 1:
        raise InputError("--graph names one graph, so give one source with it")
    from .progress import Progress

    sources = []
    progress = Progress("reading", len(names))
    for name in names:
        progress.advance(note=name)
        data, label = _read(name, allow_remote, stdin)
        if max_bytes is not None and len(data) > max_bytes:
            raise InputError(f"{label}: {len(data)} bytes is more than --max-bytes {max_bytes}")
        kind = _kind(name, fmt)
        target = graph or (source_graph(name) if name != "-" else GRAPH + "source/stdin")
        if kind == "html":
            quads = _html_quads(data, label, allow_remote)
        else:
            quads = _rdf_quads(data, label, rdf_format(kind), allow_remote, base=base or _base(name))
        quads = _skolemised(quads, target)
        if kind == "html":
            from .newspage import map_news_pages

            quads = map_news_pages(quads, label)
        sources.append(Source(name, target, quads, kind))
    progress.__exit__()
    return sources


def import_sources(store, sources: list[Source]) -> ImportReport:
    """Write the sources in one transaction: each source's graph (and the named graphs a dataset
    file carries) is replaced, and the sources graph records what came from where and when."""
    import pyoxigraph as ox

    now = ox.Literal(datetime.now(timezone.utc).replace(microsecond=0).isoformat(), datatype=ox.NamedNode(XSD + "dateTime"))
    records = [q for q in store.quads(SOURCES_GRAPH)]
    placed: list = []  # every quad in the named graph it goes to
    for source in sources:
        target = ox.NamedNode(source.graph)
        placed += [ox.Quad(q.subject, q.predicate, q.object, target) if isinstance(q.graph_name, ox.DefaultGraph) else q
                   for q in source.quads]
        node = ox.NamedNode(source.graph)
        records = [q for q in records if q.subject != node]
        records += [
            ox.Quad(node, ox.NamedNode(RDF + "type"), ox.NamedNode(PROV + "Entity")),
            ox.Quad(node, ox.NamedNode(PROV + "wasDerivedFrom"), ox.Literal(source.name)),
            ox.Quad(node, ox.NamedNode(PROV + "generatedAtTime"), now),
            ox.Quad(node, ox.NamedNode("http://purl.org/dc/terms/format"), ox.Literal(source.format)),
        ]
    targets = {source.graph for source in sources} | {q.graph_name.value for q in placed}
    existing = set(store.graph_names())
    if targets & existing:
        # A re-import: drop and insert the source's graphs, and rewrite its records, in one update.
        graphs: dict[str, list] = {graph: [] for graph in targets}
        for q in placed:
            graphs[q.graph_name.value].append(ox.Triple(q.subject, q.predicate, q.object))
        graphs[SOURCES_GRAPH] = [ox.Triple(q.subject, q.predicate, q.object) for q in records]
        store.replace_graphs(graphs)
    else:
        # New graphs only: one bulk transaction (much faster than an update for millions of quads),
        # with the new sources' records.
        new_records = [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(SOURCES_GRAPH))
                       for q in records if q.subject.value in targets]
        store.add_in_one_transaction(placed + new_records)
    return ImportReport(sources)


def _kind(name: str, fmt: str | None) -> str:
    if fmt:
        return "html" if fmt.lower() in ("html", "htm", "text/html") else rdf_format(fmt).name
    if name == "-":
        raise InputError("reading from stdin needs --format")
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
    if re.match(r"[a-z][a-z0-9+.-]*://", name, re.I):
        if not re.match(r"https?://", name, re.I):
            raise InputError(f"{name}: only local files and, with --allow-remote, http(s) sources can be imported")
        if not allow_remote:
            raise InputError(f"{name}: a remote source is fetched only with --allow-remote")
        return _fetch(name), name
    try:
        return Path(name).read_bytes(), name
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror or error}") from None


def _fetch(url: str) -> bytes:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=REMOTE_TIMEOUT) as response:
            return response.read()
    except OSError as error:
        raise InputError(f"{url}: cannot fetch: {error}") from None


def _rdf_quads(data: bytes, label: str, fmt, allow_remote: bool, base: str | None) -> list:
    import pyoxigraph as ox

    if fmt.name == "xml" and re.search(rb"<!ENTITY", data):
        # Entity declarations can expand to gigabytes (a "billion laughs" bomb) or name files and
        # URLs to read; RDF/XML from the wild does not need them, so they are refused unread.
        raise InputError(f"{label}: RDF/XML with entity declarations (<!ENTITY>) is refused")
    if fmt.name == "jsonld":
        data = _local_contexts(data, label, allow_remote)
    try:
        return list(ox.parse(data, format=fmt.rdf_format(), base_iri=base))
    except SyntaxError as error:
        if not error.lineno:
            located = _locate(data, str(error))
            if located:
                error.lineno, error.offset = located
        raise InputError(syntax_error_message(label, error)) from None


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
    path = files("newsgraph.graph").joinpath("contexts/schema.org.jsonld")
    return json.loads(path.read_text(encoding="utf-8"))["@context"]


def _local_contexts(data: bytes, label: str, allow_remote: bool, line_offset: int = 0) -> bytes:
    """Replace remote @context references: schema.org by the local copy; others are fetched only
    when allowed. JSON errors name the line and column."""
    try:
        document = json.loads(data)
    except json.JSONDecodeError as error:
        raise InputError(f"{label}:{error.lineno + line_offset}:{error.colno}: invalid JSON: {error.msg}") from None
    except UnicodeDecodeError:
        raise InputError(f"{label}: not UTF-8 text") from None

    def resolve(context):
        if isinstance(context, list):
            return [resolve(item) for item in context]
        if isinstance(context, str):
            if context in SCHEMA_CONTEXTS:
                return schema_context()
            if not re.match(r"https?://", context):
                raise InputError(f"{label}: JSON-LD context {context} is not an http(s) address; local files are not read")
            if not allow_remote:
                raise InputError(f"{label}: remote JSON-LD context {context} is fetched only with --allow-remote")
            return json.loads(_fetch(context)).get("@context", {})
        return context

    def walk(node):
        if isinstance(node, dict):
            return {key: (resolve(value) if key == "@context" else walk(value)) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    return json.dumps(walk(document)).encode("utf-8")


class _ScriptCollector(HTMLParser):
    """Collects the text of <script type="application/ld+json"> elements with their start line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[int, str]] = []
        self._current: list[str] | None = None
        self._line = 0

    def handle_starttag(self, tag, attrs):
        if tag == "script" and (dict(attrs).get("type") or "").split(";")[0].strip().lower() == "application/ld+json":
            self._current = []
            self._line = self.getpos()[0]

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.blocks.append((self._line, "".join(self._current)))
            self._current = None


def _html_quads(data: bytes, label: str, allow_remote: bool) -> list:
    import pyoxigraph as ox

    collector = _ScriptCollector()
    collector.feed(data.decode("utf-8", errors="replace"))
    collector.close()
    if not collector.blocks:
        raise InputError(f"{label}: no <script type=\"application/ld+json\"> in the page")
    quads = []
    for line, text in collector.blocks:
        # The script's JSON starts on the line of its <script> tag; JSON line 1 is that line.
        local = _local_contexts(text.encode("utf-8"), label, allow_remote, line_offset=line - 1)
        try:
            quads += ox.parse(local, format=ox.RdfFormat.JSON_LD)
        except SyntaxError as error:
            raise InputError(f"{label}:{line}: in the JSON-LD script: {str(error).splitlines()[0]}") from None
    return quads


def _skolemised(quads: list, graph: str) -> list:
    """Blank nodes become IRIs unique to the source (RDF 1.1 skolem IRIs)."""
    import pyoxigraph as ox

    key = hashlib.sha1(graph.encode("utf-8")).hexdigest()[:12]
    prefix = f"{ID}.well-known/genid/{key}/"

    def term(value):
        # A blank node label may hold characters an IRI may not: percent-encode it.
        return ox.NamedNode(prefix + quote(value.value, safe="")) if isinstance(value, ox.BlankNode) else value

    return [ox.Quad(term(q.subject), q.predicate, term(q.object), term(q.graph_name))
            if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) or isinstance(q.graph_name, ox.BlankNode)
            else q for q in quads]
