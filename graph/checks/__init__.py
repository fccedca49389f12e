"""Checks of a graph: SHACL shapes (shacl), cross-checks of its numbers (crosscheck), OWL
reasoning (reasoning) and the quality report (report). pySHACL and owlrl read rdflib graphs;
rdflib_graph hands them pyoxigraph's triples."""

from __future__ import annotations

import pyoxigraph as ox


def rdflib_graph(triples):
    """pyoxigraph triples as an rdflib Graph (for pySHACL and owlrl), through N-Triples."""
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph
