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

import re

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
    the merge of its named graphs in its default graph (graph/merge.py). JSON-LD of the whole
    store is the merge as one graph (merged_as_one); of named graphs, those graphs."""
    blank_node = ox.BlankNode
    datasets = fmt.datasets and not merged_as_one(fmt, graphs)
    if datasets:
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
                datasets and type(item.graph_name) is blank_node):
            blank.append(item)
        else:
            items.append(item)
    items += _canonical(blank, datasets)
    if fmt.name == "jsonld":
        return compact_json_ld(items, datasets)
    if fmt.name in ("turtle", "trig"):
        return with_prefixed_names(ox.serialize(items, format=fmt.rdf_format()))
    return ox.serialize(items, format=fmt.rdf_format(), prefixes=PREFIXES if fmt.name == "xml" else None)


def merged_as_one(fmt: Format, graphs: list[str] | None) -> bool:
    """Whether an export writes the merge of the store's graphs as one default graph: JSON-LD
    without chosen graphs (a JSON-LD reader expects one graph of statements, and most read only
    the default graph of a dataset)."""
    return fmt.name == "jsonld" and not graphs


def compact_json_ld(items: list, datasets: bool) -> bytes:
    """JSON-LD compacted with a context of the project's prefixes (rdflib's serialiser), sorted so
    that the same graph gives the same bytes. Quads keep their graphs; triples are one graph."""
    import json

    import rdflib

    def term(node):
        if type(node) is ox.NamedNode:
            return rdflib.URIRef(node.value)
        if type(node) is ox.BlankNode:
            return rdflib.BNode(node.value)
        if node.language:
            return rdflib.Literal(node.value, lang=node.language)
        return rdflib.Literal(node.value, datatype=rdflib.URIRef(node.datatype.value))

    dataset = rdflib.Dataset()
    for item in items:
        graph = dataset.default_graph if not datasets or type(item.graph_name) is ox.DefaultGraph \
            else dataset.graph(term(item.graph_name))
        graph.add((term(item.subject), term(item.predicate), term(item.object)))
    target = dataset if datasets else dataset.default_graph
    document = json.loads(target.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True))
    return (json.dumps(_sorted_json(document), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _sorted_json(value):
    """Arrays of nodes sorted by their @id (and every other array by its text, but never an RDF
    list's @list), for deterministic bytes."""
    import json

    if isinstance(value, dict):
        return {key: [_sorted_json(v) for v in item] if key == "@list" else _sorted_json(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(item) for item in value]
        return sorted(items, key=lambda item: (str(item.get("@id", "")) if isinstance(item, dict) else "",
                                               json.dumps(item, sort_keys=True, ensure_ascii=False)))
    return value


_IRI_OR_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|<([^<>"{}|^`\\\s]*)>')
_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*")


def with_prefixed_names(data: bytes) -> bytes:
    """Turtle or TriG whose IRIs are written with the project's prefixes wherever the rest of the
    IRI is a plain name (ngid:nvidia), and in full otherwise (<.../article/x#char=1,5>), never
    with escapes such as ngid:article\\/x; only the prefixes used are declared."""
    namespaces = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
    used: set[str] = set()

    def shorten(match: re.Match) -> str:
        iri = match.group(1)
        if iri is None:
            return match.group(0)  # a string literal, left as written
        for prefix, namespace in namespaces:
            if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(iri[len(namespace):]):
                used.add(prefix)
                return f"{prefix}:{iri[len(namespace):]}"
        return match.group(0)

    text = _IRI_OR_STRING.sub(shorten, data.decode("utf-8"))
    declared = "".join(f"@prefix {prefix}: <{PREFIXES[prefix]}> .\n" for prefix in sorted(used))
    return (declared + text).encode("utf-8")


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
