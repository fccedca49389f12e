"""The alignment an import derives (graph/model/align.py into SOURCE/aligned) from the statements
the routing pass keeps for it (importer._Kept): written KEPT_CHUNK at a time to a temporary file
and read back, they give the alignment it derives from the source's graphs in a store."""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest
from conftest import import_through_objects

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SCHEMA = "https://schema.org/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
OLD_TIME = "http://www.w3.org/TR/owl-time#"
TIME = "http://www.w3.org/2006/time#"
EX = "http://example.org/"

# Every kind of premise the alignment reads: sub-properties (names, about, authors, places, times),
# sub-classes, a range, both property chains, GAF mentions with RFC 5147 fragments, OWL-Time dates
# in both namespaces; and triples it would derive, stated by the source itself.
PROPERTIES = [
    "http://www.w3.org/2004/02/skos/core#prefLabel", SCHEMA + "name", SCHEMA + "headline", "http://xmlns.com/foaf/0.1/name",
    "http://www.w3.org/2000/01/rdf-schema#label", SCHEMA + "about", SCHEMA + "mentions", SCHEMA + "author",
    "http://purl.org/dc/terms/creator", SCHEMA + "location", "http://semanticweb.cs.vu.nl/2009/11/sem/hasAtTime",
    NIF + "referenceContext", "http://www.w3.org/2005/11/its/rdf#taIdentRef", "http://groundedannotationframework.org/gaf#denotedBy",
    OLD_TIME + "inDateTime", TIME + "inDateTime", EX + "unread",
]
CLASSES = [SCHEMA + "NewsArticle", SCHEMA + "ReportageNewsArticle", SCHEMA + "Article", SCHEMA + "CreativeWork", SCHEMA + "Person",
           NIF + "Context", "http://www.newsreader-project.eu/ontologies/PER", OLD_TIME + "Instant", EX + "Thing"]


def _corpus(seed: int, quads: int) -> str:
    """N-Quads over a few subjects, so that the chains join: in the default graph, named graphs
    and a blank-node graph, with blank nodes as subjects and objects."""
    rng = random.Random(seed)
    nodes = [f"<{EX}n{i}>" for i in range(40)] + [f"_:b{i}" for i in range(5)]
    documents = [f"<{EX}doc{i}>" for i in range(6)]
    graphs = ["", f"<{EX}g1>", f"<{EX}g2>", "_:graph"]
    lines = []
    for _ in range(quads):
        predicate = rng.choice(PROPERTIES + [RDF_TYPE] * 4)
        subject = rng.choice(nodes)
        if predicate == RDF_TYPE:
            value = f"<{rng.choice(CLASSES)}>"
        elif predicate.endswith(("prefLabel", "name", "headline", "label")):
            value = rng.choice(['"Tokyo"', '"Tokyo"@en', '"Tōkyō"@ja', f'"n{rng.randrange(9)}"'])
        elif predicate.endswith("denotedBy"):
            value = f"<{rng.choice(documents)[1:-1]}#char={rng.randrange(9)},{rng.randrange(9, 20)}>"
        elif predicate.endswith("referenceContext"):
            value = rng.choice(documents)
        elif predicate.endswith("inDateTime"):
            # A description of its own, each part given once (in one graph or more), as OWL-Time
            # has it: with two days for one description, which date the alignment derives
            # depends on the order it reads them in, in the store as in the kept statements.
            description = value = f"<{EX}description{len(lines)}>"
            for part, text in (("year", "2023"), ("month", "--11"), ("day", f"---{rng.randrange(1, 32):02d}")):
                if rng.random() < 0.8:
                    namespace = OLD_TIME if predicate.startswith(OLD_TIME) else TIME
                    for graph in rng.sample(graphs, rng.randrange(1, 3)):
                        lines.append(f'{description} <{namespace}{part}> "{text}" {graph} .')
        else:
            value = rng.choice(nodes + documents)
        lines.append(f"{subject} <{predicate}> {value} {rng.choice(graphs)} .")
    return "\n".join(lines) + "\n"


def _imported_alignment(tmp_path, corpus: str, name: str) -> tuple[set, set]:
    """Import the corpus into a store of its own: the triples of its SOURCE/aligned graph, and
    what aligned_triples derives from the source's other graphs as the store holds them."""
    from newsgraph.graph.api import Newsgraph
    from newsgraph.graph.model.align import aligned_triples

    (tmp_path / name).mkdir()
    source = tmp_path / name / "corpus.nq"  # one name: the same graph, the same skolem IRIs
    source.write_text(corpus, encoding="utf-8")
    graph = Newsgraph(tmp_path / name / "store")
    (report,) = graph.import_sources([source]).imported
    aligned = report.graph + "/aligned"
    with graph.open(read_only=True) as store:
        imported = {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads(aligned)}
        memory = ox.Store()
        graphs = [g for g in report.written if g != aligned]
        memory.extend(q for g in graphs for q in store.quads(g))
    from_store = set(aligned_triples(memory, [ox.NamedNode(g) for g in graphs]))
    return imported, from_store


@pytest.mark.parametrize("routing", ["objects", "text"])
def test_the_alignment_from_the_kept_chunks_is_the_alignment_from_the_store(tmp_path, monkeypatch, routing):
    """Through objects (_Routed, every line) and as text (_TextRouted: the lines with blank nodes
    through objects, the others kept as text a chunk of the file at a time)."""
    from newsgraph.graph import importer, quadlines
    from newsgraph.graph.model.align import read_terms

    if routing == "objects":
        import_through_objects(monkeypatch)
    else:
        monkeypatch.setattr(quadlines, "CHUNK", 2_000)  # about 20 lines

    corpus = _corpus(20251201, 3_000)
    predicates, classes = read_terms()
    parsed = list(ox.parse(corpus, format=ox.RdfFormat.N_QUADS))
    kept = [q for q in parsed if q.predicate in predicates and (q.predicate.value != RDF_TYPE or q.object in classes)]
    assert 2_000 < len(kept) < importer.KEPT_CHUNK  # by default, no file: kept in memory

    in_memory, reference = _imported_alignment(tmp_path, corpus, "whole")
    spills, texts = [], []
    spill, write_text = importer._Kept.spill, importer._Kept.write_text
    monkeypatch.setattr(importer, "KEPT_CHUNK", 7)
    monkeypatch.setattr(importer._Kept, "spill", lambda self: (spills.append(len(self.buffer)), spill(self)))
    monkeypatch.setattr(importer._Kept, "write_text", lambda self, text, count: (texts.append(count), write_text(self, text, count)))
    chunked, chunked_reference = _imported_alignment(tmp_path, corpus, "chunked")

    if routing == "objects":
        assert len([n for n in spills if n]) > len(kept) // 7 and not texts  # several hundred chunks went through the file
    else:
        assert len(texts) > 50 and sum(texts) > len(kept) // 3  # the lines without blank nodes as text, chunk by chunk
        assert len([n for n in spills if n]) > 10  # the lines with blank nodes, through objects
    assert chunked == in_memory == reference == chunked_reference
    # Each kind of derivation is there, so the comparison compares something.
    derived = {t.predicate.value for t in chunked}
    assert {RDF_TYPE, SCHEMA + "mentions", "http://www.w3.org/2000/01/rdf-schema#label", "http://purl.org/dc/terms/creator",
            NIF + "referenceContext", TIME + "inXSDDate", TIME + "year"} <= derived
    assert any(t.object == ox.NamedNode(SCHEMA + "CreativeWork") for t in chunked)
    # Blank nodes were skolemised before they were kept: the same IRIs in both imports.
    assert any("/.well-known/genid/" in t.subject.value for t in chunked)
    # What the source states itself is not derived again.
    stated = {ox.Triple(q.subject, q.predicate, q.object) for q in parsed if type(q.subject) is ox.NamedNode}
    assert not chunked & stated
