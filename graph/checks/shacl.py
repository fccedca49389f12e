"""SHACL validation of a news graph with pySHACL and the shapes in ontology/shapes.ttl.

The data graph is the union of the store's graphs without the ontology and the inferences (the
ontology is mixed in by pySHACL as `ont_graph`, so that targets reach instances of subclasses; the
inferences are the reasoner's, not anyone's claims). Files given instead are read with pyoxigraph,
whose parsers reject what the RDF specs reject, then handed to rdflib.

The SPARQL-based constraints and SPARQL targets (SHACL 5 and 6.1) run in pyoxigraph, not in
pySHACL: pySHACL parses a constraint's query again for every focus node with rdflib's parser, which
took more than a quarter of an hour on a store of 342 ingested reports (bench/RESULTS.md). Here each
query runs once a focus node with `$this` pre-bound through pyoxigraph's substitutions (SEP-0007,
the pre-binding SHACL defines), over the data and the ontology in one in-memory store, and its
results join pySHACL's report as pySHACL would have written them.
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
from . import rdflib_graph, rdflib_term

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
    ontology = ontology_triples()
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=_without_sparql(shapes), ont_graph=rdflib_graph(ontology), inference="none",
        advanced=True, allow_warnings=True, abort_on_first=False, inplace=True)
    found = _sparql_results(shapes, list(triples) + list(ontology), data)
    conforms = _add_to_report(report, shapes, found) and bool(conforms)
    return ValidationReport(conforms, _results(report, data, shapes), report)


# SPARQL-based constraints, run in pyoxigraph

_TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target")
# What a shape may say beside its SPARQL constraints and targets and still have nothing for pySHACL.
_NOT_CONSTRAINTS = {"http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                    "http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2000/01/rdf-schema#comment",
                    *(SH + name for name in ("sparql", "message", "severity", "name", "description", "deactivated", *_TARGETS))}


@dataclass
class _Found:
    shape: object  # rdflib term of the shape
    constraint: object  # the sh:sparql node
    severity: object
    focus: object
    path: object | None
    value: object
    messages: list[str]


def _sparql_shapes(shapes) -> list:
    """The shapes with SPARQL-based constraints that pyoxigraph runs: node shapes whose queries
    pre-bind only $this (the shapes newsgraph ships; anything else stays with pySHACL)."""
    sh = rdflib.Namespace(SH)
    chosen = []
    for shape in set(shapes.subjects(sh.sparql, None)):
        selects = [shapes.value(c, sh.select) for c in shapes.objects(shape, sh.sparql)]
        if (shapes.value(shape, sh.path) is None and all(s is not None for s in selects)
                and not any(word in str(s) for s in selects for word in ("$PATH", "$currentShape", "$shapesGraph", "?failure"))):
            chosen.append(shape)
    return chosen


def _without_sparql(shapes):
    """A copy of the shapes for pySHACL: without the SPARQL constraints run here, and without the
    targets of shapes left with no other constraint (pySHACL would still compute them)."""
    sh = rdflib.Namespace(SH)
    core = rdflib.Graph()
    for prefix, namespace in shapes.namespaces():  # pySHACL's messages write names with them
        core.bind(prefix, namespace, replace=True)
    for triple in shapes:
        core.add(triple)
    for shape in _sparql_shapes(shapes):
        core.remove((shape, sh.sparql, None))
        if {str(p) for p in shapes.predicates(shape, None)} <= _NOT_CONSTRAINTS:
            for name in _TARGETS:
                core.remove((shape, sh[name], None))
    return core


def _prefixes(shapes, node) -> str:
    """The PREFIX lines of a query's sh:prefixes (SHACL 5.2.1)."""
    sh = rdflib.Namespace(SH)
    lines = []
    for ontology in shapes.objects(node, sh.prefixes):
        for declaration in shapes.objects(ontology, sh.declare):
            lines.append(f"PREFIX {shapes.value(declaration, sh.prefix)}: <{shapes.value(declaration, sh.namespace)}>\n")
    return "".join(lines)


def _focus_nodes(shapes, shape, engine) -> list:
    """The focus nodes of a shape's targets (SHACL 2.1.3), in pyoxigraph terms; class targets
    reach instances of subclasses, as pySHACL's mixed-in ontology makes them."""
    sh = rdflib.Namespace(SH)
    queries = []
    for target in shapes.objects(shape, sh.targetClass):
        queries.append(f"SELECT DISTINCT ?this WHERE {{ ?this a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{target}> }}")
    if (shape, rdflib.RDF.type, rdflib.RDFS.Class) in shapes:
        queries.append(f"SELECT DISTINCT ?this WHERE {{ ?this a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{shape}> }}")
    for predicate in shapes.objects(shape, sh.targetSubjectsOf):
        queries.append(f"SELECT DISTINCT ?this WHERE {{ ?this <{predicate}> ?o }}")
    for predicate in shapes.objects(shape, sh.targetObjectsOf):
        queries.append(f"SELECT DISTINCT ?this WHERE {{ ?s <{predicate}> ?this }}")
    for target in shapes.objects(shape, sh.target):
        queries.append(_prefixes(shapes, target) + str(shapes.value(target, sh.select)))
    nodes = {_oxigraph_term(node) for node in shapes.objects(shape, sh.targetNode)}
    for query in queries:
        nodes.update(row["this"] for row in engine.query(query))
    return sorted(nodes, key=str)


def _sparql_results(shapes, triples: list, data) -> list[_Found]:
    sh = rdflib.Namespace(SH)
    chosen = _sparql_shapes(shapes)
    if not chosen:
        return []
    engine = ox.Store()
    engine.bulk_extend([ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples])
    this = ox.Variable("this")
    found = []
    for shape in sorted(chosen, key=str):
        if shapes.value(shape, sh.deactivated) == rdflib.Literal(True):
            continue
        severity = shapes.value(shape, sh.severity) or sh.Violation
        focus_nodes = _focus_nodes(shapes, shape, engine)
        for constraint in sorted(shapes.objects(shape, sh.sparql), key=str):
            if shapes.value(constraint, sh.deactivated) == rdflib.Literal(True):
                continue
            query = _prefixes(shapes, constraint) + str(shapes.value(constraint, sh.select))
            messages = [str(m) for m in shapes.objects(constraint, sh.message)] + [str(m) for m in shapes.objects(shape, sh.message)]
            for focus in focus_nodes:
                seen = set()
                solutions = engine.query(query, substitutions={this: focus})
                focus = rdflib_term(focus)
                for row in solutions:
                    bound = {var.value: rdflib_term(row[var]) for var in solutions.variables if row[var] is not None}
                    key = tuple(sorted(bound.items()))
                    if key in seen:  # as pySHACL: one result for a repeated row
                        continue
                    seen.add(key)
                    if "value" in bound:
                        bound["value"] = _as_written(data, focus, bound.get("path"), bound["value"])
                    path, value = bound.get("path"), bound.get("value", focus)
                    found.append(_Found(shape, constraint, severity, focus, path, value,
                                        [_fill(message, {"this": focus, **bound}) for message in messages]))
    return found


def _as_written(data, focus, path, value):
    """A literal as the data writes it: the engine keeps numbers in canonical form ("130.0" comes
    back as 130), the report quotes the source."""
    if not isinstance(value, rdflib.Literal):
        return value
    for written in data.objects(focus, path if isinstance(path, rdflib.URIRef) else None):
        if (isinstance(written, rdflib.Literal) and written.datatype == value.datatype
                and written.language == value.language and written.eq(value)):
            return written
    return value


def _fill(message: str, bound: dict) -> str:
    """A message template with {?var} and {$var} replaced by the row's values (SHACL 5.3.2)."""
    for name, value in bound.items():
        message = message.replace("{?" + name + "}", str(value)).replace("{$" + name + "}", str(value))
    return message


def _add_to_report(report, shapes, found: list[_Found]) -> bool:
    """Add the results to pySHACL's report graph as pySHACL writes them; False when one of them is
    a violation (warnings and infos conform, as pySHACL runs here)."""
    from pyshacl.rdfutil import clone_blank_node

    sh = rdflib.Namespace(SH)
    (top,) = report.subjects(rdflib.RDF.type, sh.ValidationReport)
    cloned = {}
    violation = False
    for result in found:
        node = rdflib.BNode()
        report.add((top, sh.result, node))
        if result.constraint not in cloned:
            cloned[result.constraint] = clone_blank_node(shapes, result.constraint, report, keepid=True) \
                if isinstance(result.constraint, rdflib.BNode) else result.constraint
        for predicate, value in ((rdflib.RDF.type, sh.ValidationResult), (sh.sourceConstraintComponent, sh.SPARQLConstraintComponent),
                                 (sh.sourceShape, result.shape), (sh.resultSeverity, result.severity), (sh.focusNode, result.focus),
                                 (sh.value, result.value), (sh.resultPath, result.path), (sh.sourceConstraint, cloned[result.constraint])):
            if value is not None:
                report.add((node, predicate, value))
        for message in result.messages:
            report.add((node, sh.resultMessage, rdflib.Literal(message)))
        violation = violation or result.severity == sh.Violation
    if violation:
        report.set((top, sh.conforms, rdflib.Literal(False)))
    return not violation


def _oxigraph_term(term):
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)


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
