"""Counts: triples per named graph, instances per class."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...ontology.graphs import ONTOLOGY_GRAPH

if TYPE_CHECKING:
    from ..store import Store


@dataclass
class Stats:
    total: int
    graphs: list[tuple[str, int]]
    classes: list[tuple[str, int]]  # class IRI -> instances (asserted types, all graphs)


def store_stats(store: Store) -> Stats:
    """Counts over the user's graphs: a remote engine's own graphs (Virtuoso's) are not among
    store.graph_names() and are left out."""
    mine = set(store.graph_names())
    graphs = [
        (row["g"].value, int(row["n"].value))
        for row in store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
        if row["g"].value in mine
    ]
    skipped = "".join(f" && ?g != <{graph}>" for graph in store.engine_graphs())
    classes = [
        (row["c"].value, int(row["n"].value))
        for row in store.query(
            "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a ?c } "
            f"FILTER(?g != <{ONTOLOGY_GRAPH}>{skipped}) }} GROUP BY ?c ORDER BY DESC(?n) ?c"
        )
    ]
    return Stats(len(store), graphs, classes)
