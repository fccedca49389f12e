"""What an imported source says, in the terms newsgraph's queries read.

News graphs are published in schema.org, SEM and GAF (NewsReader, with the 2006 OWL-Time
namespace), NIF and ITS, with names in SKOS, FOAF or schema.org. `ontology/alignment.ttl` says,
in OWL, how their terms relate to ours; this module derives what those axioms entail from one
source's quads (sub-properties, sub-classes, ranges, property chains), so that the named queries,
`timeline`, `describe` and `link` see imported data without a reasoner at query time.

Two derivations are conventions of the vocabularies rather than axioms, and are written here:
- a mention whose IRI is a document's IRI with an RFC 5147 fragment (`DOC#char=B,E`, as NIF and
  NewsReader write them) is in that document (nif:referenceContext);
- an OWL-Time date-time description with a year, a month and a day gives its instant an
  xsd:date (a year and a month an xsd:gYearMonth, a year an xsd:gYear), as OWL-Time defines
  inXSDDate.

The derived triples go to a graph of their own (SOURCE/aligned), replaced with the source: what
the source brought is never changed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

import pyoxigraph as ox

from ...ontology import PREFIXES, RDF, XSD, ontology_path

_TYPE = ox.NamedNode(RDF + "type")
_OWL = "http://www.w3.org/2002/07/owl#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_TIME = "http://www.w3.org/2006/time#"
_NIF_CONTEXT = ox.NamedNode(PREFIXES["nif"] + "referenceContext")
_DENOTED_BY = ox.NamedNode(PREFIXES["gaf"] + "denotedBy")
_LABEL = ox.NamedNode(_RDFS + "label")
_FRAGMENT = re.compile(r"#char=\d+,\d+")
_FEW_GRAPHS = 20


class Rules(NamedTuple):
    properties: dict  # property -> its super-properties (transitively)
    classes: dict  # class -> its super-classes (transitively)
    ranges: dict  # property -> the classes of its objects (with their super-classes)
    chains: list  # (property, ((step property, inverse?), ...)), with the property's super-properties


def alignment_path():
    return ontology_path().with_name("alignment.ttl")


@lru_cache(maxsize=1)
def rules() -> Rules:
    triples = list(ox.parse(path=str(alignment_path()), format=ox.RdfFormat.TURTLE))
    by_subject = defaultdict(list)
    for triple in triples:
        by_subject[triple.subject].append(triple)

    def closure(relation: str) -> dict:
        direct = defaultdict(set)
        for t in triples:
            if t.predicate.value == relation and type(t.object) is ox.NamedNode:
                direct[t.subject].add(t.object)
        result = {}
        for start in direct:
            seen, todo = set(), list(direct[start])
            while todo:
                term = todo.pop()
                if term not in seen:
                    seen.add(term)
                    todo.extend(direct.get(term, ()))
            result[start] = frozenset(seen)
        return result

    properties = closure(_RDFS + "subPropertyOf")
    classes = closure(_RDFS + "subClassOf")
    ranges = {t.subject: frozenset({t.object} | classes.get(t.object, frozenset()))
              for t in triples if t.predicate.value == _RDFS + "range"}

    def value(subject, predicate):
        return next((t.object for t in by_subject[subject] if t.predicate.value == predicate), None)

    def steps(head):
        found = []
        while head is not None and head != ox.NamedNode(RDF + "nil"):
            step = value(head, RDF + "first")
            inverse = value(step, _OWL + "inverseOf") if type(step) is ox.BlankNode else None
            found.append((inverse, True) if inverse is not None else (step, False))
            head = value(head, RDF + "rest")
        return tuple(found)

    chains = [(t.subject, steps(t.object), frozenset({t.subject} | properties.get(t.subject, frozenset())))
              for t in triples if t.predicate.value == _OWL + "propertyChainAxiom"]
    return Rules(properties, classes, ranges, chains)


@lru_cache(maxsize=1)
def read_terms() -> tuple[frozenset, frozenset]:
    """What aligned_triples reads of a source: the predicates of the quads it looks at, rdf:type
    among them (the derivations' premises, and every predicate it derives, for its test of what
    the source states itself), and the classes whose rdf:type quads it reads. A source without
    such a quad derives nothing, and the alignment can be given only these quads of a source
    (importer._routed keeps them as it writes)."""
    rule = rules()
    predicates = {_TYPE, _DENOTED_BY, _NIF_CONTEXT, _LABEL, *rule.properties, *rule.ranges}
    predicates.update(p for supers in rule.properties.values() for p in supers)
    for _, steps, targets in rule.chains:
        predicates.update(prop for prop, _ in steps)
        predicates.update(targets)
    predicates.update(ox.NamedNode(_TIME + name) for name in _TIME_TERMS)
    classes = {*rule.classes, *(c for supers in rule.classes.values() for c in supers),
               *(c for kinds in rule.ranges.values() for c in kinds)}
    return frozenset(predicates), frozenset(classes)


_TIME_TERMS = ("year", "month", "day", "inDateTime", "inXSDDate", "inXSDgYearMonth", "inXSDgYear", "inXSDDateTimeStamp")


def aligned_triples(engine, graphs: list) -> list:
    """What the alignment derives from the quads in `graphs` (named nodes of one source's graphs)
    that the source does not state itself."""
    rule = rules()
    stated_cache: dict = {}
    chosen = {g.value for g in graphs}

    def ours(quad) -> bool:
        return type(quad.graph_name) is ox.NamedNode and quad.graph_name.value in chosen

    def quads(predicate, obj=None):
        # A source of many graphs (NewsReader writes one per relation) is read by predicate across
        # the store, keeping its graphs; a source of a few graphs, graph by graph.
        if len(graphs) > _FEW_GRAPHS:
            return (q for q in engine.quads_for_pattern(None, predicate, obj) if ours(q))
        return (q for g in graphs for q in engine.quads_for_pattern(None, predicate, obj, g))

    def stated(predicate) -> list:
        if predicate not in stated_cache:
            stated_cache[predicate] = [(q.subject, q.object) for q in quads(predicate)]
        return stated_cache[predicate]

    derived: dict = defaultdict(set)

    def pairs(predicate) -> list:
        return stated(predicate) + list(derived.get(predicate, ()))

    def add(subject, predicate, obj) -> None:
        derived[predicate].add((subject, obj))

    for sub, supers in rule.properties.items():
        for subject, obj in stated(sub):
            for super_property in supers:
                add(subject, super_property, obj)
    for mention in {m for _, m in stated(_DENOTED_BY) if type(m) is ox.NamedNode}:
        found = _FRAGMENT.search(mention.value)
        if found and found.start() > 0:
            add(mention, _NIF_CONTEXT, ox.NamedNode(mention.value[:found.start()]))
    for prop, kinds in rule.ranges.items():
        for _, obj in pairs(prop):
            if type(obj) is not ox.Literal:
                for kind in kinds:
                    add(obj, _TYPE, kind)
    for kind, supers in rule.classes.items():
        for quad in quads(_TYPE, kind):
            for super_class in supers:
                add(quad.subject, _TYPE, super_class)
    for _, steps, targets in rule.chains:
        relation = None
        for prop, inverse in steps:
            step = [(o, s) if inverse else (s, o) for s, o in pairs(prop)]
            if relation is None:
                relation = step
                continue
            following = defaultdict(list)
            for a, b in step:
                following[a].append(b)
            relation = [(x, z) for x, y in relation for z in following.get(y, ())]
        for x, z in relation or ():
            for target in targets:
                add(x, target, z)
    _derive_dates(pairs, add)

    def said(s, p, o) -> bool:
        if len(graphs) <= _FEW_GRAPHS:  # asked graph by graph: at most one quad read back for each
            return any(next(engine.quads_for_pattern(s, p, o, g), None) is not None for g in graphs)
        return any(ours(q) for q in engine.quads_for_pattern(s, p, o))
    # A name the source gives with its language is not repeated without it (a page's headline
    # beside the label the page's language tags).
    named = {(s, o.value) for s, o in stated(_LABEL) if type(o) is ox.Literal}
    return [ox.Triple(s, p, o) for p, found in derived.items() for s, o in found
            if type(s) is not ox.Literal and not said(s, p, o)
            and not (p == _LABEL and type(o) is ox.Literal and not o.language and (s, o.value) in named)]


def _derive_dates(pairs, add) -> None:
    """OWL-Time: an instant in a date-time description with a year (and a month, and a day) has
    that xsd:gYear (xsd:gYearMonth, xsd:date), unless the source gives one."""
    parts = {name: dict(pairs(ox.NamedNode(_TIME + name))) for name in ("year", "month", "day")}
    given = {s for name in ("inXSDDate", "inXSDgYearMonth", "inXSDgYear", "inXSDDateTimeStamp")
             for s, _ in pairs(ox.NamedNode(_TIME + name))}
    for instant, description in pairs(ox.NamedNode(_TIME + "inDateTime")):
        if instant in given:
            continue
        year = _digits(parts["year"].get(description), r"-?\d{4,}")
        month = _digits(parts["month"].get(description), r"--(\d{2})")
        day = _digits(parts["day"].get(description), r"---(\d{2})")
        if year and month and day and not _real_date(year, month, day):
            day = None
        if year and month and day:
            add(instant, ox.NamedNode(_TIME + "inXSDDate"), ox.Literal(f"{year}-{month}-{day}", datatype=ox.NamedNode(XSD + "date")))
        elif year and month:
            add(instant, ox.NamedNode(_TIME + "inXSDgYearMonth"), ox.Literal(f"{year}-{month}", datatype=ox.NamedNode(XSD + "gYearMonth")))
        elif year:
            add(instant, ox.NamedNode(_TIME + "inXSDgYear"), ox.Literal(year, datatype=ox.NamedNode(XSD + "gYear")))


def _real_date(year: str, month: str, day: str) -> bool:
    from datetime import date

    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def _digits(term, pattern: str) -> str | None:
    if type(term) is not ox.Literal:
        return None
    found = re.fullmatch(pattern, term.value.strip())
    if not found:
        return None
    return found.group(1) if found.groups() else found.group(0)
