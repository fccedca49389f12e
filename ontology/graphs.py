"""The dataset layout: every named graph newsgraph writes, and what each kind of graph holds.

- ``graph/ontology``                 the ontology (``newsgraph build``);
- ``graph/article/NAME``             the facts an article states, as plain triples;
- ``graph/article/NAME/evidence``    their statement nodes, mentions, sentences and the text;
- ``graph/reference``                facts from outside the articles (corrected names, rates);
- ``graph/reference/evidence``       the pages and sentences that verify them;
- ``graph/source/NAME``              what ``newsgraph import`` read from one source;
- ``graph/sources``                  when and from where each source was imported;
- ``graph/links``                    the link set of ``newsgraph link`` (records and links);
- ``graph/links/article/NAME``       the links ``newsgraph ingest`` made for the article NAME (each
                                     mention it matched to a known entity, as a record and a link);
- ``graph/link-decisions``           the user's decisions on links;
- ``graph/inferred``                 the reasoner's inferences.

Queries run over the merge of all graphs (graph/merge.py). Graphs of other names (written by a
dataset file or a user's update) hold facts; what an update writes to the default graph is kept
in graph/update.
"""

from __future__ import annotations

from . import GRAPH

ONTOLOGY_GRAPH = GRAPH + "ontology"
REFERENCE_GRAPH = GRAPH + "reference"
REFERENCE_EVIDENCE_GRAPH = GRAPH + "reference/evidence"
SOURCES_GRAPH = GRAPH + "sources"
LINKS_GRAPH = GRAPH + "links"
INGEST_LINKS_PREFIX = LINKS_GRAPH + "/article/"
DECISIONS_GRAPH = GRAPH + "link-decisions"
INFERRED_GRAPH = GRAPH + "inferred"
STDIN_SOURCE_GRAPH = GRAPH + "source/stdin"
UPDATE_GRAPH = GRAPH + "update"  # what users' updates wrote to the default graph
EVIDENCE_SUFFIX = "/evidence"

# Graphs that record newsgraph's own bookkeeping rather than statements about the world.
_RECORD_GRAPHS = {SOURCES_GRAPH: "sources", LINKS_GRAPH: "links", DECISIONS_GRAPH: "decisions",
                  INFERRED_GRAPH: "inferred", ONTOLOGY_GRAPH: "ontology"}


def article_graph(name: str) -> str:
    """The facts of the article NAME."""
    return f"{GRAPH}article/{name}"


def evidence_graph(name: str) -> str:
    """The evidence of the article NAME."""
    return article_graph(name) + EVIDENCE_SUFFIX


def source_graph(slug: str) -> str:
    """What one imported source brought."""
    return f"{GRAPH}source/{slug}"


def ingest_links_graph(name: str) -> str:
    """The links ingest made for the article NAME: kept apart from `link`'s set, so that neither
    a re-run of `link` nor a re-ingest of another article loses them."""
    return INGEST_LINKS_PREFIX + name


def is_links_graph(graph: str) -> bool:
    """Whether a graph holds link records: `link`'s set or an ingested article's links."""
    return graph == LINKS_GRAPH or graph.startswith(INGEST_LINKS_PREFIX)


def sparql_links_graph_test(variable: str = "?g") -> str:
    """The test of is_links_graph as a SPARQL expression on a graph variable."""
    return f'({variable} = <{LINKS_GRAPH}> || STRSTARTS(STR({variable}), "{INGEST_LINKS_PREFIX}"))'


def kind(graph: str) -> str:
    """What a named graph holds: "ontology", "evidence", "facts", or one of newsgraph's records
    ("sources", "links", "decisions", "inferred")."""
    if graph in _RECORD_GRAPHS:
        return _RECORD_GRAPHS[graph]
    if is_links_graph(graph):
        return "links"
    if is_evidence_graph(graph):
        return "evidence"
    return "facts"


def is_evidence_graph(graph: str) -> bool:
    """Whether a graph holds evidence (statement nodes, mentions, sentences, texts)."""
    return graph.startswith(GRAPH) and graph.endswith(EVIDENCE_SUFFIX)


def is_fact_graph(graph: str) -> bool:
    """Whether a graph holds statements about the world: an article's facts, the reference facts,
    an import, a user's graph."""
    return kind(graph) == "facts"


def sparql_fact_graph_test(variable: str = "?g") -> str:
    """The test of is_fact_graph as a SPARQL expression on a graph variable."""
    records = " && ".join(f"{variable} != <{iri}>" for iri in _RECORD_GRAPHS)
    return (f'({records} && !STRSTARTS(STR({variable}), "{INGEST_LINKS_PREFIX}") && !(STRSTARTS(STR({variable}), "{GRAPH}") '
            f'&& STRENDS(STR({variable}), "{EVIDENCE_SUFFIX}")))')


def sparql_evidence_graph_test(variable: str = "?g") -> str:
    """The test of is_evidence_graph as a SPARQL expression on a graph variable."""
    return f'(STRSTARTS(STR({variable}), "{GRAPH}") && STRENDS(STR({variable}), "{EVIDENCE_SUFFIX}"))'
