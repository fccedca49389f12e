"""Everything about one entity, each fact with its evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ...errors import InputError
from ...ontology import expand, shorten
from ...ontology.graphs import sparql_evidence_graph_test

if TYPE_CHECKING:
    from ..store import Store


@dataclass
class Evidence:
    quote: str = ""
    begin: int | None = None
    end: int | None = None
    sentence: str = ""
    source: str = ""
    certainty: str = ""
    hedges: list[str] = field(default_factory=list)
    verified_by: str = ""  # for facts from outside the article: the page that verifies them


@dataclass
class Fact:
    property: str
    value: str
    evidence: list[Evidence]


@dataclass
class Description:
    iri: str
    label: str
    alternative_labels: list[str]
    types: list[str]
    facts: list[Fact]
    referenced_by: list[tuple[str, str]]  # (subject label, property)


_LOOKUP = """
SELECT DISTINCT ?name ?e WHERE {
  ?e rdfs:label|skos:altLabel ?label .
  FILTER(LCASE(STR(?label)) = LCASE(STR(?name)))
  GRAPH ?g { ?e ?p ?o } FILTER(!EVIDENCE_GRAPH)
} ORDER BY ?e
""".replace("EVIDENCE_GRAPH", sparql_evidence_graph_test())

_FACTS = """
SELECT ?e ?p ?o ?objectLabel ?st WHERE {
  GRAPH ?g { ?e ?p ?o } FILTER(!EVIDENCE_GRAPH)
  OPTIONAL { ?o rdfs:label ?objectLabel }
  OPTIONAL { ?st rdf:subject ?e ; rdf:predicate ?p ; rdf:object ?o }
} ORDER BY ?p ?o
""".replace("EVIDENCE_GRAPH", sparql_evidence_graph_test())

_EVIDENCE = """
SELECT ?st ?quote ?begin ?end ?sentence ?source ?certainty ?page ?verifying
       (GROUP_CONCAT(?hedge; separator="|") AS ?hedges) WHERE {
  {
    ?st gaf:denotedBy ?m .
    ?m nif:anchorOf ?quote ; nif:beginIndex ?begin ; nif:endIndex ?end ;
       nif:sentence/nif:anchorOf ?sentence ;
       grasp:wasAttributedTo ?src ; grasp:hasAttribution ?att .
    ?src rdfs:label ?source .
    ?att rdf:value/rdfs:label ?certainty .
    OPTIONAL { ?att ng:hedge ?hedge }
  } UNION {
    ?st prov:wasDerivedFrom ?page ; ng:verifyingQuote ?verifying .
  }
} GROUP BY ?st ?quote ?begin ?end ?sentence ?source ?certainty ?page ?verifying ORDER BY ?begin
"""

_REFERENCED = """
SELECT DISTINCT ?e ?subjectLabel ?p WHERE {
  GRAPH ?g { ?s ?p ?e } FILTER(!EVIDENCE_GRAPH)
  OPTIONAL { ?s rdfs:label ?label }
  BIND(COALESCE(?label, STR(?s)) AS ?subjectLabel)
} ORDER BY ?p ?subjectLabel
""".replace("EVIDENCE_GRAPH", sparql_evidence_graph_test())


def find_entities(store: Store, reference: str) -> list[str]:
    """IRIs of the entities a reference names: an IRI, a prefixed name, or a label/alt label."""
    iri = expand(reference)
    if _is_iri(iri) and store.has_subject(iri):
        return [iri]
    return [row["e"].value for row in store.query(_LOOKUP, {"name": ox.Literal(reference)}) if isinstance(row["e"], ox.NamedNode)]


def _is_iri(value: str) -> bool:
    return "://" in value or value.startswith("urn:")


# The internal queries above project the variables they bind (?e, ?st, ?name): pyoxigraph
# substitutes only projected variables (SEP-0007).


def describe_entity(store: Store, reference: str) -> Description:
    found = find_entities(store, reference)
    if not found:
        raise InputError(f"no entity with IRI, label or alternative label {reference!r}")
    if len(found) > 1:
        raise InputError(f"{reference!r} names {len(found)} entities ({', '.join(shorten(i) for i in found)}); give an IRI")
    entity = ox.NamedNode(found[0])
    facts, label, alternatives, types = [], "", [], []
    for row in store.query(_FACTS, {"e": entity}):
        prop, value = row["p"].value, row["o"]
        if prop.endswith("rdf-schema#label"):
            label = value.value
        elif prop.endswith("core#altLabel"):
            alternatives.append(value.value)
        elif prop.endswith("22-rdf-syntax-ns#type"):
            types.append(shorten(value.value))
        shown = row["objectLabel"].value if row["objectLabel"] is not None else (
            shorten(value.value) if isinstance(value, ox.NamedNode) else value.value)
        evidence = _evidence(store, row["st"]) if row["st"] is not None else []
        facts.append(Fact(shorten(prop), shown, evidence))
    referenced = [(row["subjectLabel"].value, shorten(row["p"].value)) for row in store.query(_REFERENCED, {"e": entity})
                  if not row["p"].value.startswith("http://www.w3.org/1999/02/22-rdf-syntax-ns#")]
    return Description(entity.value, label, alternatives, types, facts, referenced)


def _evidence(store: Store, statement) -> list[Evidence]:
    items = []
    for row in store.query(_EVIDENCE, {"st": statement}):
        if row["page"] is not None:
            items.append(Evidence(sentence=row["verifying"].value, verified_by=row["page"].value,
                                  source=row["page"].value, certainty="verified outside the article"))
        else:
            hedges = [h for h in row["hedges"].value.split("|") if h] if row["hedges"] is not None else []
            items.append(Evidence(row["quote"].value, int(row["begin"].value), int(row["end"].value),
                                  row["sentence"].value, row["source"].value, row["certainty"].value, sorted(hedges)))
    return items
