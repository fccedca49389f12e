"""newsgraph: news articles as an evidence-backed RDF/OWL knowledge graph, queried with SPARQL."""

__version__ = "0.1.0"
