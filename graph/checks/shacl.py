"""SHACL validation of a news graph with pySHACL and the shapes in ontology/shapes.ttl.

The data graph is the union of the store's graphs without the ontology and the inferences (the
ontology is mixed in by pySHACL as `ont_graph`, so that targets reach instances of subclasses; the
inferences are the reasoner's, not anyone's claims). Files given instead are read with pyoxigraph,
whose parsers reject what the RDF specs reject, then handed to rdflib.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import pyshacl
import rdflib

from ...ontology import ontology_path, shorten
from ...ontology.graphs import kind
from ..model.build import ontology_triples
from ..sparql import graph_format
from . import rdflib_graph

if TYPE_CHECKING:
    from ..store import Store

SH = "http://www.w3.org/ns/shacl#"


@dataclass
class ValidationResult:
    severity: str  # Violation, Warning or Info
    focus: str
    path: str
    message: str
    shape: str
    value: str = ""
    evidence: str = ""  # the sentence that states something about the focus node, where there is one


@dataclass
class ValidationReport:
    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    report_graph: object = None  # the W3C SHACL validation report, an rdflib Graph


def shapes_path() -> Path:
    return ontology_path().with_name("shapes.ttl")


def store_data(store: Store) -> list:
    """The triples to validate: every graph but the ontology and the inferences."""
    triples = []
    for graph in store.graph_names():
        if kind(graph) not in ("ontology", "inferred"):
            triples += [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads(graph)]
    return triples


def validate(triples: list) -> ValidationReport:
    """Validate `triples` (pyoxigraph Triples) against the shapes, with the ontology mixed in."""
    data = rdflib_graph(triples)
    shapes = rdflib.Graph().parse(shapes_path(), format="turtle")
    ontology = rdflib_graph(ontology_triples())
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True,
        allow_warnings=True, abort_on_first=False)
    return ValidationReport(bool(conforms), _results(report, data, shapes), report)


def serialize_report(report: ValidationReport, format: str) -> bytes:
    """The W3C SHACL validation report in an RDF format (name, extension or media type; "json"
    means JSON-LD, as for the graphs of CONSTRUCT queries)."""
    fmt = graph_format(format)
    names = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld", "xml": "xml"}
    graph = report.report_graph
    if fmt.name == "nquads":  # rdflib writes N-Quads from a dataset only: the report in its default graph
        graph = rdflib.Dataset()
        for triple in report.report_graph:
            graph.add(triple)
    return graph.serialize(format=names[fmt.name]).encode("utf-8")


def _results(report, data, shapes) -> list[ValidationResult]:
    sh = rdflib.Namespace(SH)
    results = []
    for node in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = report.value(node, sh.focusNode)
        path = report.value(node, sh.resultPath)
        value = report.value(node, sh.value)
        severity = report.value(node, sh.resultSeverity)
        shape = report.value(node, sh.sourceShape)
        messages = [str(m) for m in report.objects(node, sh.resultMessage)]
        results.append(ValidationResult(
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            focus=_show(focus),
            path=_show(path) if isinstance(path, rdflib.URIRef) else ("" if path is None else "(complex path)"),
            message=messages[0] if messages else "",
            shape=_show(shape) if isinstance(shape, rdflib.URIRef) else _parent_shape(shapes, shape),
            value=_show(value) if value is not None else "",
            evidence=_evidence_sentence(data, focus),
        ))
    return sorted(results, key=lambda r: (r.severity, r.shape, r.focus, r.path, r.value))


def _parent_shape(shapes, shape) -> str:
    """Blank property shapes are named after the node shape that holds them."""
    parent = shapes.value(None, rdflib.URIRef(SH + "property"), shape)
    return _show(parent) if isinstance(parent, rdflib.URIRef) else "(anonymous shape)"


def _show(term) -> str:
    if isinstance(term, rdflib.URIRef):
        return shorten(str(term))
    if isinstance(term, rdflib.Literal):
        return str(term)
    return str(term) if term is not None else ""


def _evidence_sentence(data, focus) -> str:
    """The sentence of a mention, or of a mention of any statement about the focus node."""
    nif = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    gaf = rdflib.Namespace("http://groundedannotationframework.org/gaf#")
    if focus is None:
        return ""
    mentions = [focus] if (focus, nif.sentence, None) in data else [
        mention for statement in data.subjects(rdflib.RDF.subject, focus)
        for mention in data.objects(statement, gaf.denotedBy)]
    for mention in sorted(mentions):
        sentence = data.value(mention, nif.sentence)
        text = data.value(sentence, nif.anchorOf) if sentence is not None else None
        if text is not None:
            return str(text)
    return ""
