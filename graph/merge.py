"""The default graph is the RDF merge of the store's named graphs: a set.

SPARQL over a store's union of graphs should see each triple once, however many graphs state it.
pyoxigraph 0.5's union default graph yields a triple once per graph that holds it (Oxigraph
issue 1919, fixed by pull request 1920, not yet released), so counts, sums and plain row lists
come out multiplied as soon as two sources say the same thing.

So the store keeps the merge itself, in its real default graph, and queries read that graph
(docs/decisions.md, "The default graph"):
- newsgraph's own writes (import, build, ingest, link, reason) go through MergeKeeper, which
  mirrors every write to a named graph into the default graph, and takes a triple out of it when
  the last named graph that held it lets it go;
- a user's SPARQL update runs as the specification says over that dataset, and then
  `after_update` makes the default graph the merge again: what the update wrote to the default
  graph is kept in the named graph graph/update, what it deleted there is deleted from
  graph/update (another source's statement stays in its own graph, and so in the merge).

When pyoxigraph's union default graph is a set, set UNION_IS_A_SET: queries then read the union,
writes stop mirroring, and nothing else changes.
"""

from __future__ import annotations

from itertools import chain, islice
from pathlib import Path

import pyoxigraph as ox

from ..ontology.graphs import UPDATE_GRAPH

UNION_IS_A_SET = False
CHUNK = 500_000  # quads of an iterator held at once by MergeKeeper.bulk_extend, a million with their merge
# The bulk loader holds what one call gives it (up to a million quads a batch) while it sorts and
# writes it, and that is most of an import's peak memory: a file of quads streamed to it goes in
# calls of FIRST_CALL quads, then each at most half of what the calls before it wrote, so that a
# call holds about a third of the file (a million quads: 8 calls, the largest 253,000) and the
# calls' fixed cost (about 20 ms each, and RocksDB ingesting their files) grows with the
# logarithm of its size. Calls of 50,000 throughout cost a fifth more CPU at a million quads
# (bench/RESULTS.md, "Import: the loader's calls and the alignment's quads").
FIRST_CALL = 50_000
MARKER = "merged-default-graph"  # a store folder with this file keeps the merge

_DEFAULT = ox.DefaultGraph()


def union_needed(folder: Path) -> bool:
    """Whether queries on the store in `folder` must read the engine's union default graph: the
    store keeps no merge (it predates it, or the engine's union is a set)."""
    return UNION_IS_A_SET or not (folder / MARKER).exists()


def start_keeping(engine, folder: Path) -> None:
    """Make a store keep the merge: its default graph is filled from its named graphs once (a
    store written by an older newsgraph), and marked."""
    if UNION_IS_A_SET or (folder / MARKER).exists():
        return
    engine.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in named_quads(engine))
    engine.flush()
    (folder / MARKER).touch()


def named_quads(engine, graph=None):
    """The quads of the named graphs (or of one): what the store holds, without the merge."""
    if graph is not None:
        return engine.quads_for_pattern(None, None, None, graph)
    return (q for q in engine.quads_for_pattern(None, None, None) if type(q.graph_name) is not ox.DefaultGraph)


def count_named(engine) -> int:
    if UNION_IS_A_SET:
        return len(engine)
    return len(engine) - count_default(engine)


def count_default(engine) -> int:
    """The triples of the default graph, counted by the engine (a Python loop is 15x slower)."""
    return int(next(iter(engine.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)


class MergeKeeper:
    """A pyoxigraph store as newsgraph's writers see it (GraphStore.import_atomically): the same
    methods, with every write to a named graph mirrored into the default graph. Writes the engine
    makes on its own (bulk_load, update) name their graphs, which are mirrored when `finish` runs."""

    def __init__(self, engine):
        self._engine = engine
        self._pending: set = set()  # graphs written behind our back, mirrored by finish()

    def __getattr__(self, name):
        if name in _UNMIRRORED_WRITES:
            raise AttributeError(f"MergeKeeper does not mirror {name}; use extend, remove or remove_graph")
        return getattr(self._engine, name)

    def extend(self, quads) -> None:
        self._engine.extend(list(_with_merge(quads)))

    def bulk_extend(self, quads, merge=None) -> None:
        """The quads, and their triples in the merge, by the engine's bulk loader: in two calls,
        the quads first and their merge after. One call holds up to a million quads per thread
        in memory (two threads), so one call of both would hold twice what a bulk load of the
        quads holds: an import's peak memory was 2.1x that of bulk-loading what it writes
        (bench/RESULTS.md). An iterator can be read once: `merge` gives the same statements
        again (a second reading of the file), and each goes in growing calls (_calls, FIRST_CALL),
        with the memory the first freed given back between them; else it is loaded in chunks of
        CHUNK quads."""
        if isinstance(quads, list):
            # Built as lists rather than through generators: a third less Python per quad, which
            # is most of an ingest's write.
            self._engine.bulk_extend(quads)
            self._engine.bulk_extend([ox.Quad(q.subject, q.predicate, q.object, _DEFAULT) for q in quads
                                      if type(q.graph_name) is not ox.DefaultGraph])
        elif merge is not None:
            self._calls(quads)
            release_freed_memory()
            self._calls(ox.Quad(q.subject, q.predicate, q.object, _DEFAULT) for q in merge)
        else:
            quads = iter(quads)
            while chunk := list(islice(quads, CHUNK)):
                self.bulk_extend(chunk)

    def write_graphs(self, graphs: dict) -> None:
        """Named graphs (NamedNode -> triples) and their merge, in one write (see write_graphs)."""
        write_graphs(self._engine, graphs, mirror=True)

    def load_text(self, calls, bulk: bool = True) -> None:
        """Quads given as text, and their merge: `calls` gives (quads, merge) pairs, N-Quads of
        named graphs and the same statements as N-Triples (bytes, or binary files read from where
        they stand). Each pair's quads are loaded as it comes, the merges after the last, as
        bulk_extend does with `merge` (the default graph is a set in the store as any graph is:
        a statement several graphs hold is one triple of it). With `bulk`, by the engine's bulk
        loader, else in a transaction for each. The merge's text was read once already, as the
        quads' (`lenient`: its IRIs are not checked again)."""
        load = self._engine.bulk_load if bulk else self._engine.load
        merges = []
        for quads, merged in calls:
            load(quads, format=ox.RdfFormat.N_QUADS)
            merges.append(merged)
        if bulk:
            release_freed_memory()
        for merged in merges:
            load(merged, format=ox.RdfFormat.N_TRIPLES, to_graph=_DEFAULT, lenient=True)

    def _calls(self, quads) -> None:
        """An iterator of quads to the bulk loader in calls that grow with what was written: the
        first FIRST_CALL quads, then each call at most half of what the calls before it wrote."""
        quads, size, written = iter(quads), FIRST_CALL, 0
        while (first := next(quads, None)) is not None:
            self._engine.bulk_extend(chain((first,), islice(quads, size - 1)))
            written += size
            size = max(FIRST_CALL, written // 2)

    def add(self, quad) -> None:
        self.extend([quad])

    def remove(self, quad) -> None:
        self._engine.remove(quad)
        if type(quad.graph_name) is not ox.DefaultGraph:
            self._release(quad.subject, quad.predicate, quad.object, ())

    def remove_graph(self, graph) -> None:
        self._release_graphs([graph])
        self._engine.remove_graph(graph)
        self._pending.discard(graph)

    def clear_graph(self, graph) -> None:
        self._release_graphs([graph])
        self._engine.clear_graph(graph)
        self._pending.discard(graph)

    def bulk_load(self, *, to_graph, **options) -> None:
        """A file into one named graph, by the engine's loader; its triples enter the merge when
        `finish` runs (read back from the graph), or by bulk_load_merge."""
        self._engine.bulk_load(to_graph=to_graph, **options)
        self._pending.add(to_graph)

    def bulk_load_merge(self, *, to_graph, **options) -> None:
        """The merge of a graph that bulk_load filled from a file (the same arguments), made by
        loading the file again into the default graph: the engine parses it, no Python per triple
        (reading the graph back costs 3x more). Only for a file every reading of which gives the
        same triples: no blank nodes, which each reading labels anew."""
        self._engine.bulk_load(to_graph=_DEFAULT, **options)
        self._pending.discard(to_graph)

    def update(self, sparql: str, *, graphs, **options) -> None:
        """An update of newsgraph's own that changes only `graphs`."""
        self._release_graphs(graphs)
        self._engine.update(sparql, **options)
        self._pending.update(graphs)

    def finish(self) -> None:
        for graph in sorted(self._pending, key=str):
            self._engine.bulk_extend(ox.Quad(q.subject, q.predicate, q.object)
                                     for q in self._engine.quads_for_pattern(None, None, None, graph))
        self._pending.clear()

    def _release_graphs(self, graphs) -> None:
        """Take out of the merge what only `graphs` hold (before they change)."""
        for graph in graphs:
            for quad in list(self._engine.quads_for_pattern(None, None, None, graph)):
                self._release(quad.subject, quad.predicate, quad.object, graphs)

    def _release(self, subject, predicate, obj, leaving) -> None:
        """Take a triple out of the merge unless a named graph other than `leaving` holds it."""
        for holder in self._engine.quads_for_pattern(subject, predicate, obj):
            if type(holder.graph_name) is not ox.DefaultGraph and holder.graph_name not in leaving:
                return
        self._engine.remove(ox.Quad(subject, predicate, obj, _DEFAULT))


def release_freed_memory() -> None:
    """Give the system back the memory the bulk loader freed. Its threads build their batches in
    glibc arenas of their own, which keep what was freed: a call of a million quads left 370 to
    490 MB resident, on top of which the next call (the merge) built its own batches. A no-op
    where the C library has no malloc_trim (it is glibc's)."""
    import ctypes

    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError):
        pass


class Unmerged:
    """MergeKeeper's methods for a store that keeps no merge (UNION_IS_A_SET): nothing mirrored."""

    def __init__(self, engine):
        self._engine = engine

    def __getattr__(self, name):
        return getattr(self._engine, name)

    def bulk_extend(self, quads, merge=None) -> None:
        self._engine.bulk_extend(quads)

    def bulk_load_merge(self, **options) -> None:
        pass

    def write_graphs(self, graphs: dict) -> None:
        write_graphs(self._engine, graphs, mirror=False)

    def load_text(self, calls, bulk: bool = True) -> None:
        load = self._engine.bulk_load if bulk else self._engine.load
        for quads, _ in calls:
            load(quads, format=ox.RdfFormat.N_QUADS)

    def update(self, sparql: str, *, graphs, **options) -> None:
        self._engine.update(sparql, **options)

    def finish(self) -> None:
        pass


def write_graphs(engine, graphs: dict, mirror: bool) -> None:
    """Add the triples of `graphs` (NamedNode -> triples) to their named graphs of `engine` and,
    with `mirror`, to the default graph, in one call of the engine's bulk loader.

    The quads go to the engine as N-Quads text rather than as Python objects: pyoxigraph writes
    each graph's triples out as N-Triples in Rust, a graph's name is put at the end of each line
    (a line of N-Triples ends in " .\n", which no term contains: IRIs have no spaces and
    literals escape their line breaks), and the same lines without a name are the merge. Building
    two ox.Quad objects per triple, reading each term back from Python, cost more than the
    engine's own write (bench/RESULTS.md, "Ingest speed"); parsing the text again is cheap, and
    is done without checking the IRIs (`lenient`), which were checked when the terms were made.
    The loader gives blank nodes new labels, so graphs with blank nodes take the object path,
    where a blank node keeps its identity across writes; so do quads given for triples (a copy of
    another store's graphs), which N-Triples cannot hold."""
    texts = []
    as_objects = False
    for graph, triples in graphs.items():
        triples = triples if isinstance(triples, list) else list(triples)
        try:
            text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        except ValueError:  # a quad of a named graph
            text, as_objects = b"", True
        as_objects = as_objects or b"_:" in text  # a blank node, or those characters in a literal
        texts.append((graph, triples, text))
    if as_objects:
        quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for graph, triples, _ in texts for t in triples]
        if mirror:
            quads += [ox.Quad(q.subject, q.predicate, q.object, _DEFAULT) for q in quads]
        engine.bulk_extend(quads)
        return
    data = b"".join(text.replace(b" .\n", b" " + str(graph).encode() + b" .\n") for graph, _, text in texts)
    if mirror:
        data += b"".join(text for _, _, text in texts)
    if data:
        engine.bulk_load(input=data, format=ox.RdfFormat.N_QUADS, lenient=True)


_UNMIRRORED_WRITES = frozenset({"load", "clear", "add_graph", "remove_graph_quads"})


def _with_merge(quads):
    for quad in quads:
        yield quad
        if type(quad.graph_name) is not ox.DefaultGraph:
            yield ox.Quad(quad.subject, quad.predicate, quad.object, _DEFAULT)


# What an update must say to change a named graph, and to take anything away.
_NAMED_GRAPH_WORDS = frozenset({"GRAPH", "WITH", "ALL", "NAMED", "ADD", "COPY", "MOVE", "DROP", "CLEAR", "CREATE"})
_REMOVING_WORDS = frozenset({"DELETE", "DROP", "CLEAR", "MOVE", "COPY"})


def after_update(engine, before, words: frozenset[str], default_before: int) -> None:
    """Make the default graph the merge again after a user's update ran on `engine`; `before`
    opens the store as it was (read-only), `words` are the update's keywords (upper case) and
    `default_before` the size of the default graph before it ran. See the module's docstring.

    Two scans of the store do it; each is skipped when the update cannot have changed what it
    looks for (no word that names or removes a graph, the default graph's size unchanged)."""
    update_graph = ox.NamedNode(UPDATE_GRAPH)
    removes = bool(words & _REMOVING_WORDS)
    previous = before() if removes or count_default(engine) != default_before else None
    if previous is not None:
        # Statements the update deleted from the default graph: the user's own leave graph/update.
        for quad in previous.quads_for_pattern(None, None, None, update_graph):
            if ox.Quad(quad.subject, quad.predicate, quad.object, _DEFAULT) not in engine:
                engine.remove(quad)
        # Statements in the default graph that no named graph holds: written there by the update
        # (kept in graph/update), or let go by every graph that held them (out of the merge).
        unheld = list(engine.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o MINUS { GRAPH ?g { ?s ?p ?o } } }"))
        kept = []
        for s, p, o in unheld:
            if ox.Quad(s, p, o, _DEFAULT) in previous:
                engine.remove(ox.Quad(s, p, o, _DEFAULT))
            else:
                kept.append(ox.Quad(s, p, o, update_graph))
        engine.extend(kept)
    if words & _NAMED_GRAPH_WORDS or removes:
        # Statements of named graphs missing from the default graph: written there by the update,
        # or deleted from the default graph while a source still states them.
        engine.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } MINUS { ?s ?p ?o } }")
