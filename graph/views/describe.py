"""Everything about one entity, each fact with its evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ...errors import InputError
from ...ontology import expand, shorten
from ...ontology.graphs import sparql_evidence_graph_test, sparql_fact_graph_test
from ..link import names
from ..link.resolve import representative_rank, same_as_representatives

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


NAME_PROPERTIES = ("rdfs:label|skos:prefLabel|skos:altLabel|schema:name|<http://schema.org/name>|foaf:name")

# Entities by one of their names (any case); candidates of ingest and mentions are not entities.
_LOOKUP = f"""
SELECT DISTINCT ?name ?e WHERE {{
  ?e {NAME_PROPERTIES} ?label .
  FILTER(isIRI(?e) && LCASE(STR(?label)) = LCASE(STR(?name)))
  FILTER NOT EXISTS {{ ?e a ng:CandidateEntity }}
}} ORDER BY ?e
"""

# Entities with a name that contains the words (a surname, a part of a name); checked word by word.
_PARTIAL = f"""
SELECT DISTINCT ?name ?e ?label WHERE {{
  ?e {NAME_PROPERTIES} ?label .
  FILTER(isIRI(?e) && CONTAINS(LCASE(STR(?label)), LCASE(STR(?name))))
  FILTER NOT EXISTS {{ ?e a ng:CandidateEntity }}
}} ORDER BY ?e
"""

# An entity's label, else another of its names.
_LABEL = f"""
SELECT ?e ?label ?rank WHERE {{
  {{ ?e rdfs:label ?label BIND(0 AS ?rank) }} UNION {{ ?e {NAME_PROPERTIES} ?label BIND(1 AS ?rank) }}
}} ORDER BY ?rank ?label LIMIT 1"""

# A person, an organisation or a place: what a surname or a part of a name names first.
_NAMED_THING = """
SELECT ?e WHERE {
  VALUES ?top { foaf:Person schema:Person org:Organization schema:Organization schema:Place sem:Place }
  ?e a ?type . ?type rdfs:subClassOf* ?top .
} LIMIT 1"""

_PERSON = """
SELECT ?e WHERE { ?e a ?type . ?type rdfs:subClassOf* ?top . VALUES ?top { foaf:Person schema:Person } } LIMIT 1"""

# Something a text refers to: typed, denoted by a mention, mentioned, or taking part in an event.
# A name that also labels a node that is none of these (NewsReader's phrase counts, a label's own
# node) names the entity.
_REFERRED_TO = """
SELECT ?e WHERE {
  { ?e a ?type } UNION { ?e gaf:denotedBy ?m } UNION { ?doc schema:mentions ?e }
  UNION { ?event sem:hasActor|sem:hasPlace ?e }
} LIMIT 1"""

_SUMMARY = """
SELECT ?e (SAMPLE(?label) AS ?name) (GROUP_CONCAT(DISTINCT STR(?type); separator=" ") AS ?types)
       (GROUP_CONCAT(DISTINCT STR(?g); separator=" ") AS ?graphs) WHERE {
  GRAPH ?g { ?e ?p ?o } FILTER(FACT_GRAPH || EVIDENCE_GRAPH)
  OPTIONAL { ?e rdfs:label|skos:prefLabel|schema:name|<http://schema.org/name> ?label }
  OPTIONAL { ?e a ?type }
} GROUP BY ?e
""".replace("FACT_GRAPH", sparql_fact_graph_test()).replace("EVIDENCE_GRAPH", sparql_evidence_graph_test())

_FACTS = """
SELECT DISTINCT ?e ?p ?o ?objectLabel ?st WHERE {  # a fact once, however many graphs state it
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
    """The entities a reference names, each sameAs group once (by its representative): an IRI, a
    prefixed name, any of an entity's names (any case), else a unique surname or part of a name
    (whole words)."""
    iri = expand(reference)
    if _is_iri(iri) and store.has_subject(iri):
        return [iri]
    found = [row["e"].value for row in store.query(_LOOKUP, {"name": ox.Literal(reference)})]
    if len(found) > 1:
        referred = [iri for iri in found if list(store.query(_REFERRED_TO, {"e": ox.NamedNode(iri)}))]
        found = referred or found
    words = names.tokens(reference)
    if found and len(words) == 1:
        # A one-word name ("Akazawa", the label of an article's mention) is also the surname of
        # every person who has it: they are as much what the reader means.
        found += [row["e"].value for row in store.query(_PARTIAL, {"name": ox.Literal(reference)})
                  if _contains_words(names.tokens(row["label"].value), words) and list(store.query(_PERSON, {"e": row["e"]}))]
    if not found:
        if words:
            found = list(dict.fromkeys(row["e"].value for row in store.query(_PARTIAL, {"name": ox.Literal(reference)})
                                       if _contains_words(names.tokens(row["label"].value), words)))
            named = [iri for iri in found if list(store.query(_NAMED_THING, {"e": ox.NamedNode(iri)}))]
            found = named or found  # a surname names a person before an event that has it in its label
    representative = same_as_representatives(store)
    return list(dict.fromkeys(representative.get(iri, iri) for iri in sorted(found, key=representative_rank)))


def find_entity(store: Store, reference: str) -> str:
    """The one entity (its sameAs group's representative) a reference names; an InputError that
    lists the matches with their types and sources when there are several, or says there is none."""
    found = find_entities(store, reference)
    if not found:
        raise InputError(f"no entity with IRI, label or alternative label {reference!r}")
    if len(found) > 1:
        shown = "; ".join(_summary(store, iri) for iri in found[:8]) + ("; ..." if len(found) > 8 else "")
        raise InputError(f"{reference!r} names {len(found)} entities: {shown}; give an IRI or a fuller name")
    return found[0]


def entity_name(store: Store, reference: str) -> str:
    """The name a named query looks an entity up by: `reference` itself when it is one of an
    entity's names; else the label of the one entity a surname or part of a name finds (an
    InputError lists several); else `reference`, which then finds nothing."""
    if list(store.query(_LOOKUP, {"name": ox.Literal(reference)})):
        # One of an entity's names: the query finds whatever has it, unless it is one word that
        # other people have as their surname ("Akazawa"), which is for the user to choose.
        if len(names.tokens(reference)) != 1 or len(find_entities(store, reference)) <= 1:
            return reference
        return find_entity(store, reference)
    found = find_entities(store, reference)
    if len(found) != 1:
        return find_entity(store, reference) if found else reference
    for row in store.query(_LABEL, {"e": ox.NamedNode(found[0])}):
        return row["label"].value
    return reference


def same_as_group(store: Store, iri: str) -> list[str]:
    """The IRIs of an entity's owl:sameAs group, its representative first."""
    representative = same_as_representatives(store)
    root = representative.get(iri, iri)
    return [root] + sorted(other for other, r in representative.items() if r == root and other != root)


def _contains_words(label: list[str], words: list[str]) -> bool:
    return any(label[i:i + len(words)] == words for i in range(len(label) - len(words) + 1))


def _summary(store: Store, iri: str) -> str:
    """One entity in one line: its name, types and the graphs that state it."""
    for row in store.query(_SUMMARY, {"e": ox.NamedNode(iri)}):
        types = ", ".join(sorted({shorten(t) for t in row["types"].value.split()})) if row["types"] is not None else ""
        graphs = sorted({shorten(g) for g in row["graphs"].value.split()} if row["graphs"] is not None else set())
        name = row["name"].value if row["name"] is not None else shorten(iri)
        return f"{name} <{iri}> ({types or 'no type'}; from {', '.join(graphs[:3])}{', ...' if len(graphs) > 3 else ''})"
    return shorten(iri)


def _is_iri(value: str) -> bool:
    """Whether `value` is written as an IRI that RDF accepts; one that is not (`http://ex/%zz`)
    is looked up as a name, and finds nothing, instead of failing in the engine."""
    if not ("://" in value or value.startswith("urn:")):
        return False
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


# The internal queries above project the variables they bind (?e, ?st, ?name): pyoxigraph
# substitutes only projected variables (SEP-0007).


def describe_entity(store: Store, reference: str) -> Description:
    """An entity and everything its owl:sameAs group says, as one entity."""
    members = same_as_group(store, find_entity(store, reference))
    facts, labels, alternatives, types, referenced = [], [], [], [], []
    for member in members:
        entity = ox.NamedNode(member)
        for row in store.query(_FACTS, {"e": entity}):
            prop, value = row["p"].value, row["o"]
            if prop.endswith("rdf-schema#label"):
                labels.append(value.value)
            elif prop.endswith("core#altLabel") or prop.endswith("core#prefLabel"):
                alternatives.append(value.value)
            elif prop.endswith("22-rdf-syntax-ns#type"):
                types.append(shorten(value.value))
            shown = row["objectLabel"].value if row["objectLabel"] is not None else (
                shorten(value.value) if isinstance(value, ox.NamedNode) else value.value)
            evidence = _evidence(store, row["st"]) if row["st"] is not None else []
            facts.append(Fact(shorten(prop), shown, evidence))
        referenced += [(row["subjectLabel"].value, shorten(row["p"].value)) for row in store.query(_REFERENCED, {"e": entity})
                       if not row["p"].value.startswith("http://www.w3.org/1999/02/22-rdf-syntax-ns#")]
    label = labels[0] if labels else ""
    alternatives = list(dict.fromkeys(a for a in alternatives + labels[1:] if a != label))
    return Description(members[0], label, alternatives, list(dict.fromkeys(types)), facts, list(dict.fromkeys(referenced)))


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
