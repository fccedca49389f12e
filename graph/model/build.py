"""Build the graphs of an annotated article: plain facts, and statement nodes that ground each
fact in the sentence (by character offsets) and the source that asserted it.

Input: an article's text (`NAME.txt`) and its annotation (`NAME.trig`, see the comment at the top
of the bundled one). Output, per article, four named graphs:

- ``graph/article/NAME``            the facts the article states, as plain triples;
- ``graph/article/NAME/evidence``   for every fact an ``rdf:Statement`` with ``gaf:denotedBy`` a
  mention (NIF offsets, quote, sentence), its source (``grasp:wasAttributedTo``) and attribution
  (GRaSP certainty, hedges, attribution cue); the sentences; the document and its full text;
- ``graph/reference``               facts from outside the article (corrected names, posts);
- ``graph/reference/evidence``      their statements with the page that verifies each.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ...errors import InputError
from ...ontology import (
    GAF,
    GRASP,
    GRASPF,
    ID,
    NG,
    NIF,
    PROV,
    RDF,
    SCHEMA,
    TIME,
    XSD,
    ontology_path,
)
from ...ontology.graphs import (
    ONTOLOGY_GRAPH,
    REFERENCE_EVIDENCE_GRAPH,
    REFERENCE_GRAPH,
    article_graph,
    evidence_graph,
)
from ..data import bundled_articles, bundled_references
from ..files import read_text
from ..formats import syntax_error_message
from . import dates
from .text import Span, find_quote, split_sentences

if TYPE_CHECKING:
    from ..store import GraphStore

ANN = "https://w3id.org/newsgraph/annotation#"
CLAIM = "https://w3id.org/newsgraph/annotation/claim/"
EXTERNAL = "https://w3id.org/newsgraph/annotation/external/"
DOCUMENT_GRAPH = ANN + "document"

_CLAIM_KEYS = {"sentence", "quote", "source", "certainty", "hedge", "cue", "occurrence"}
_EXTERNAL_KEYS = {"derivedFrom", "verifyingQuote"}
# GRaSP's certainty values (grasp/factuality#), and the names newsgraph 0.1.0 gave them in grasp#,
# which an older annotation may still use: those are read as the values they stand for.
_CERTAINTIES = {GRASPF + "certain", GRASPF + "probable", GRASPF + "possible"}
_OLD_CERTAINTIES = {GRASP + name.upper(): GRASPF + name for name in ("certain", "probable", "possible")}


@dataclass
class ArticleGraphs:
    """The quads built from one annotated article, by named graph IRI."""

    name: str
    article_iri: str
    text: str
    graphs: dict[str, list] = field(default_factory=dict)

    def quads(self) -> list:
        return [
            ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g))
            for g, triples in self.graphs.items()
            for t in triples
        ]


def build_article(annotation: Path) -> ArticleGraphs:
    """Read `annotation` (TriG) and the text beside it; return the article's graphs."""
    text_path = annotation.with_suffix(".txt")
    text = read_text(text_path, "article text")
    metadata, by_graph = _read_annotation(annotation)
    document = by_graph.pop(DOCUMENT_GRAPH, None)
    if not document:
        raise InputError(f"{annotation}: no document graph <{DOCUMENT_GRAPH}>")
    contexts = [t.subject for t in document if t.predicate.value == RDF + "type" and t.object.value == NIF + "Context"]
    if len(contexts) != 1:
        raise InputError(f"{annotation}: the document graph must describe exactly one nif:Context")
    article = contexts[0]
    published = _published(document, annotation)
    name = annotation.stem
    result = ArticleGraphs(name=name, article_iri=article.value, text=text)

    facts: list = []
    evidence: list = list(document)
    statements: dict = {}
    # What the document graph says about others than the article itself (its publisher) comes
    # from the publication page, like any fact from outside the text.
    page = next((t.object for t in document if t.subject == article and t.predicate.value == NIF + "sourceUrl"), None)
    if page is None:
        raise InputError(f"{annotation}: the document has no nif:sourceUrl")
    for triple in document:
        if triple.subject != article:
            _statement(statements, triple, evidence, (PROV + "wasDerivedFrom", page))
    evidence.append(ox.Triple(article, ox.NamedNode(NIF + "isString"), ox.Literal(text)))
    sentences = split_sentences(text)
    evidence += sentence_triples(article, sentences)

    reference_facts: list = []
    reference_evidence: list = []
    for graph_iri in sorted(by_graph):
        triples = by_graph[graph_iri]
        meta = metadata.get(graph_iri, {})
        _check_dates(triples, published, annotation, graph_iri)
        if graph_iri.startswith(CLAIM):
            mention = _ground_claim(annotation, graph_iri, meta, article, text, sentences, evidence)
            for triple in triples:
                facts.append(triple)
                _statement(statements, triple, evidence, (GAF + "denotedBy", mention))
        elif graph_iri.startswith(EXTERNAL):
            reference_facts += triples
            _external_statements(annotation, graph_iri, triples, meta, statements, reference_evidence)
        else:
            raise InputError(f"{annotation}: graph <{graph_iri}> is neither a claim (c:) nor an external (x:) graph")
    for subject in metadata:
        if subject not in by_graph:
            raise InputError(f"{annotation}: metadata for <{subject}>, which has no graph")

    result.graphs = {
        article_graph(name): _unique(facts),
        evidence_graph(name): _unique(evidence),
    }
    if reference_facts:
        result.graphs[REFERENCE_GRAPH] = _unique(reference_facts)
        result.graphs[REFERENCE_EVIDENCE_GRAPH] = _unique(reference_evidence)
    return result


def _external_statements(source: Path, graph_iri: str, triples: list, meta, statements: dict, out: list) -> None:
    """Statements for facts from outside an article: the page that verifies them and its words."""
    unknown = set(meta) - _EXTERNAL_KEYS
    if unknown or "derivedFrom" not in meta or "verifyingQuote" not in meta:
        raise InputError(f"{source}: external graph <{graph_iri}> needs ann:derivedFrom and ann:verifyingQuote only")
    for triple in triples:
        _statement(statements, triple, out,
                   (PROV + "wasDerivedFrom", meta["derivedFrom"][0]),
                   (NG + "verifyingQuote", meta["verifyingQuote"][0]),
                   (NG + "fromOutsideArticle", ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))))


def _read_annotation(path: Path) -> tuple[dict, dict]:
    """An annotation file's default-graph metadata (subject -> ann: key -> values) and its named
    graphs (graph IRI -> triples)."""
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
    except SyntaxError as error:
        raise InputError(_syntax_message(path, error)) from None
    metadata: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    by_graph: dict[str, list] = defaultdict(list)
    for quad in quads:
        if isinstance(quad.graph_name, ox.DefaultGraph):
            metadata[quad.subject.value][quad.predicate.value.removeprefix(ANN)].append(quad.object)
        else:
            by_graph[quad.graph_name.value].append(ox.Triple(quad.subject, quad.predicate, quad.object))
    return metadata, by_graph


def build_reference(path: Path) -> dict[str, list]:
    """Graphs of a reference file: external graphs only (facts with the page that verifies each),
    such as the exchange-rate table."""
    metadata, by_graph = _read_annotation(path)
    facts: list = []
    evidence: list = []
    statements: dict = {}
    for graph_iri in sorted(by_graph):
        if not graph_iri.startswith(EXTERNAL):
            raise InputError(f"{path}: graph <{graph_iri}> is not an external (x:) graph")
        facts += by_graph[graph_iri]
        _external_statements(path, graph_iri, by_graph[graph_iri], metadata.get(graph_iri, {}), statements, evidence)
    return {REFERENCE_GRAPH: _unique(facts), REFERENCE_EVIDENCE_GRAPH: _unique(evidence)}


def reference_graphs() -> dict[str, list]:
    """The graphs of all bundled reference files (exchange rates, Wikidata items), merged."""
    graphs: dict[str, list] = {}
    for reference in bundled_references():
        for iri, triples in build_reference(reference).items():
            graphs[iri] = _unique(graphs.get(iri, []) + triples)
    return graphs


def _statement(statements: dict, triple, out: list, *extra: tuple) -> None:
    """Add the rdf:Statement node of `triple` (one per triple, shared by all its mentions) and
    the (predicate IRI, object) pairs in `extra` about it."""
    key = f"{triple.subject} {triple.predicate} {triple.object}"
    node = ox.NamedNode(ID + "statement/" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:20])
    if key not in statements:
        statements[key] = node
        out += [
            ox.Triple(node, ox.NamedNode(RDF + "type"), ox.NamedNode(RDF + "Statement")),
            ox.Triple(node, ox.NamedNode(RDF + "subject"), triple.subject),
            ox.Triple(node, ox.NamedNode(RDF + "predicate"), triple.predicate),
            ox.Triple(node, ox.NamedNode(RDF + "object"), triple.object),
        ]
    for predicate, value in extra:
        out.append(ox.Triple(node, ox.NamedNode(predicate), value))


def _ground_claim(annotation: Path, claim: str, meta, article, text: str, sentences: list[Span], out: list):
    """Locate the claim's quote and emit its mention and attribution; return the mention node."""
    where = f"{annotation}: claim <{claim}>"
    unknown = set(meta) - _CLAIM_KEYS
    if unknown:
        raise InputError(f"{where}: unknown annotation properties {sorted(unknown)}")
    if "sentence" not in meta or "quote" not in meta:
        raise InputError(f"{where}: needs ann:sentence and ann:quote")
    number = int(meta["sentence"][0].value)
    if not 1 <= number <= len(sentences):
        raise InputError(f"{where}: sentence {number} does not exist (the text has {len(sentences)})")
    occurrence = int(meta["occurrence"][0].value) if "occurrence" in meta else 1
    try:
        span = find_quote(text, sentences[number - 1], meta["quote"][0].value, occurrence)
    except ValueError as error:
        raise InputError(f"{where}: {error}") from None
    certainty = meta.get("certainty", [ox.NamedNode(GRASPF + "certain")])[0]
    certainty = ox.NamedNode(_OLD_CERTAINTIES.get(certainty.value, certainty.value))
    if certainty.value not in _CERTAINTIES:
        raise InputError(f"{where}: certainty must be graspf:certain, graspf:probable or graspf:possible")
    source = meta.get("source", [article])[0]

    mention, triples = mention_triples(article, span, sentences[number - 1], source, certainty,
                                       meta.get("hedge", []), meta.get("cue", []))
    out += triples
    return mention


def sentence_triples(article, sentences: list[Span]) -> list:
    """The nif:Sentence nodes of an article's text, numbered from 1."""
    triples = []
    for number, sentence in enumerate(sentences, start=1):
        node = _span_node(article, sentence)
        triples += [
            ox.Triple(node, ox.NamedNode(RDF + "type"), ox.NamedNode(NIF + "Sentence")),
            ox.Triple(node, ox.NamedNode(NIF + "beginIndex"), _integer(sentence.begin)),
            ox.Triple(node, ox.NamedNode(NIF + "endIndex"), _integer(sentence.end)),
            ox.Triple(node, ox.NamedNode(NIF + "anchorOf"), ox.Literal(sentence.text)),
            ox.Triple(node, ox.NamedNode(NIF + "referenceContext"), article),
            ox.Triple(node, ox.NamedNode(NG + "sentenceNumber"), _integer(number)),
        ]
    return triples


def mention_triples(article, span: Span, sentence: Span, source, certainty, hedges=(), cues=()) -> tuple:
    """A mention of the text (NIF offsets, quote, sentence) with its source and its attribution
    (GRaSP certainty, hedges, attribution cue): the node and its triples."""
    mention = _span_node(article, span)
    attribution = ox.NamedNode(f"{article.value}/attribution/char={span.begin},{span.end}")
    triples = [
        ox.Triple(mention, ox.NamedNode(RDF + "type"), ox.NamedNode(GAF + "Mention")),
        ox.Triple(mention, ox.NamedNode(RDF + "type"), ox.NamedNode(NIF + "Phrase")),
        ox.Triple(mention, ox.NamedNode(NIF + "beginIndex"), _integer(span.begin)),
        ox.Triple(mention, ox.NamedNode(NIF + "endIndex"), _integer(span.end)),
        ox.Triple(mention, ox.NamedNode(NIF + "anchorOf"), ox.Literal(span.text)),
        ox.Triple(mention, ox.NamedNode(NIF + "referenceContext"), article),
        ox.Triple(mention, ox.NamedNode(NIF + "sentence"), _span_node(article, sentence)),
        ox.Triple(mention, ox.NamedNode(GRASP + "wasAttributedTo"), source),
        ox.Triple(mention, ox.NamedNode(GRASP + "hasAttribution"), attribution),
        ox.Triple(attribution, ox.NamedNode(RDF + "type"), ox.NamedNode(GRASP + "Attribution")),
        ox.Triple(attribution, ox.NamedNode(RDF + "value"), certainty),
    ]
    triples += [ox.Triple(attribution, ox.NamedNode(NG + "hedge"), hedge) for hedge in hedges]
    triples += [ox.Triple(attribution, ox.NamedNode(NG + "attributionCue"), cue) for cue in cues]
    return mention, triples


def _check_dates(triples, published: date, annotation: Path, graph_iri: str) -> None:
    """Every resolved date must be what its original expression means on the publication day."""
    by_subject: dict = defaultdict(dict)
    for triple in triples:
        by_subject[triple.subject][triple.predicate.value] = triple.object
    for subject, values in by_subject.items():
        expression = values.get(NG + "originalExpression")
        if expression is None:
            continue
        resolved = dates.resolve(expression.value, published)
        if resolved is None:
            continue
        stated = values.get(TIME + "inXSD" + ("Date" if resolved.datatype == "date" else resolved.datatype))
        if stated is None or stated.value != resolved.value:
            raise InputError(
                f"{annotation}: <{graph_iri}>: {subject} says {expression.value!r}, which resolves to "
                f"{resolved.value} ({resolved.datatype}) against {published}, but the value given is "
                f"{stated.value if stated is not None else 'missing'}"
            )


def _published(document, annotation: Path) -> date:
    for triple in document:
        if triple.predicate.value == SCHEMA + "datePublished":
            return date.fromisoformat(triple.object.value)
    raise InputError(f"{annotation}: the document has no schema:datePublished")


def _span_node(article, span: Span):
    # RFC 5147 fragment, as NIF and NewsReader name spans of a text.
    return ox.NamedNode(f"{article.value}#char={span.begin},{span.end}")


def _integer(value: int):
    # xsd:integer, not nonNegativeInteger: Oxigraph stores every integer type as xsd:integer, so
    # writing the derived type would only make the store differ from what was built.
    return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))


def _unique(triples: list) -> list:
    return list(dict.fromkeys(triples))


def _syntax_message(path: Path, error: SyntaxError) -> str:
    return syntax_error_message(str(path), error)


@dataclass
class BuildReport:
    graphs: dict[str, int]  # named graph IRI -> triples
    articles: list[str]


def ontology_triples() -> list:
    """The ontology's triples, parsed from its Turtle source."""
    path = ontology_path()
    try:
        return list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except SyntaxError as error:
        raise InputError(_syntax_message(path, error)) from None


def build_store(store: GraphStore, annotations: list[Path] | None = None) -> BuildReport:
    """(Re)build the ontology graph and the graphs of the bundled (or given) articles in one
    transaction. Idempotent: building twice leaves the same graphs."""
    graphs: dict[str, list] = {ONTOLOGY_GRAPH: ontology_triples()}
    names = []
    for annotation in annotations or bundled_articles():
        article = build_article(annotation)
        names.append(article.name)
        for iri, triples in article.graphs.items():
            graphs[iri] = _unique(graphs.get(iri, []) + triples)
    for iri, triples in reference_graphs().items():
        graphs[iri] = _unique(graphs.get(iri, []) + triples)
    store.replace_graphs(graphs)
    return BuildReport({iri: len(triples) for iri, triples in graphs.items()}, names)
