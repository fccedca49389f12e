"""Deterministic exports: the same graph gives the same bytes.

Blank nodes get canonical labels (W3C RDFC-1.0, by pyoxigraph) and quads are
written sorted, so rebuilding the store and exporting again is byte-identical. Formats without
named graphs (Turtle, N-Triples, RDF/XML) get the union of the graphs; every fact's evidence
travels with it, since statements are ordinary triples (see README, "How the model works").
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .formats import Format


def export_bytes(store, fmt: Format, graphs: list[str] | None = None) -> bytes:
    import pyoxigraph as ox

    from ..ontology import PREFIXES

    quads = []
    for graph in graphs or [None]:
        quads += store.quads(graph)
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    if fmt.datasets:
        items = sorted(dataset, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    else:
        unique = {ox.Triple(q.subject, q.predicate, q.object) for q in dataset}
        items = sorted(unique, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    prefixes = PREFIXES if fmt.name in ("turtle", "trig", "xml") else None
    return ox.serialize(items, format=fmt.rdf_format(), prefixes=prefixes)


def write_atomically(data: bytes, path: Path | None) -> None:
    """Write to `path` through a temporary file in the same folder and a rename, so a reader never
    sees half a file; None or '-' writes to standard output."""
    if path is None or str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
