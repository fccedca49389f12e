"""Deterministic exports: the same graph gives the same bytes.

Formats without named graphs (Turtle, N-Triples, RDF/XML) get the union of the graphs, each
triple once; every fact's evidence travels with it, since statements are ordinary triples (see
README, "How the model works"). Dataset formats keep every graph.

How the bytes are made the same every time, at the engine's speed:
- Triples and quads without blank nodes are written in the on-disk store's own index order. That
  order is a function of the terms alone (RocksDB keys are the terms' encodings: their values, or
  hashes with fixed keys), not of when or how they were written: no sort in Python is needed.
  A remote store's quads are first copied into a temporary on-disk store, so its export has
  exactly the bytes the local one would have.
- Triples with blank nodes (OWL axioms, mostly) are few. They get canonical labels (W3C RDFC-1.0,
  by pyoxigraph), which depend only on the quads that mention blank nodes, and are written after
  the others, sorted.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..ontology import PREFIXES
from .formats import Format


def export_quads(quads, fmt: Format, graphs: list[str] | None = None) -> bytes:
    """Quads from elsewhere (a remote endpoint) in `fmt`, with exactly the bytes the local store
    would give for them: they are copied into a temporary on-disk store first."""
    import tempfile  # here: the store imports this module for every query

    with tempfile.TemporaryDirectory(prefix="newsgraph-export-") as folder:
        copy = ox.Store(folder)
        copy.bulk_extend(quads)
        data = export_engine(copy, fmt, graphs)
        del copy  # closes RocksDB before its folder is removed
        return data


def export_engine(engine, fmt: Format, graphs: list[str] | None = None, merged: bool = False) -> bytes:
    """The quads of a pyoxigraph store (or of its named `graphs`) in `fmt`. A `merged` store keeps
    the merge of its named graphs in its default graph (graph/merge.py)."""
    blank_node = ox.BlankNode
    if fmt.datasets:
        chosen = [ox.NamedNode(graph) for graph in graphs] if graphs else [None]
        found = (quad for graph in chosen for quad in engine.quads_for_pattern(None, None, None, graph)
                 if not merged or type(quad.graph_name) is not ox.DefaultGraph)
    else:
        scope = {"default_graph": [ox.NamedNode(graph) for graph in graphs]} if graphs \
            else {} if merged else {"use_default_graph_as_union": True}
        # CONSTRUCT yields each triple once, in index order.
        found = engine.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", **scope)
    items, blank = [], []
    for item in found:
        if type(item.subject) is blank_node or type(item.object) is blank_node or (
                fmt.datasets and type(item.graph_name) is blank_node):
            blank.append(item)
        else:
            items.append(item)
    items += _canonical(blank, fmt.datasets)
    prefixes = PREFIXES if fmt.name in ("turtle", "trig", "xml") else None
    return ox.serialize(items, format=fmt.rdf_format(), prefixes=prefixes)


def _canonical(items: list, datasets: bool) -> list:
    """Triples or quads with blank nodes, relabelled by RDFC-1.0 and sorted."""
    if not items:
        return []
    dataset = ox.Dataset(item if datasets else ox.Quad(item.subject, item.predicate, item.object) for item in items)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    if datasets:
        return sorted(dataset, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    return sorted((ox.Triple(q.subject, q.predicate, q.object) for q in dataset),
                  key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
