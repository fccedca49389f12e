"""What a store says about the identity of its entities, read the way other news graphs say it.

- **Entities**: everything typed as a person, organisation, place or event, and everything that is
  mentioned (schema:mentions, itsrdf:taIdentRef, gaf:denotedBy), acts in an event (sem:hasActor),
  is an event's place (sem:hasPlace), an article's publisher or author, even without rdf:type.
  An untyped entity gets a coarse kind from its role where one says it (a place, a publisher),
  else "unknown".
- **Names**: rdfs:label, skos:prefLabel, skos:altLabel, schema:name (http and https schema.org),
  foaf:name, in any graph but the ontology (an ingested publisher's name sits in an evidence
  graph), and the local name of a DBpedia resource.
- **Identifiers**: owl:sameAs, schema:sameAs and skos:exactMatch to a Wikidata item, a DBpedia
  resource or a Wikipedia page, and an entity that is itself such an IRI. A DBpedia resource and
  its Wikipedia page are one identifier ("enwiki:United_States"), read from the IRIs; a Wikidata
  item and an English Wikipedia title are one only where the verified table
  (graph/data/reference/wikidata.trig) says so: its item's English label is the title.
- **Articles**: a news article, a creative work or a NIF context with a published address
  (schema:url, nif:sourceUrl) is identified by that address, and only by it; a NIF context also
  has its extent in its document (nif:beginIndex, nif:endIndex: one each, NIF's functional
  properties), and two contexts with different extents are two texts even at one address (a
  corpus may hold two excerpts of one page).
- **Documents**: where each entity occurs (the article that mentions it, the article whose
  sentences state a fact about it, the NIF context of an annotation, the NewsReader document of a
  mention, the article or source graph that types it),
  with the documents' publishers: the context `link` weighs before it accepts a name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ...ontology.graphs import (
    DECISIONS_GRAPH,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    REFERENCE_EVIDENCE_GRAPH,
    REFERENCE_GRAPH,
    is_links_graph,
    sparql_evidence_graph_test,
    sparql_links_graph_test,
)

if TYPE_CHECKING:
    from ..store import Store

COARSE_KINDS = ("person", "organisation", "place")
UNKNOWN = "unknown"
ARTICLE = "article"
# A graph that types more entities than this is a corpus, not one document (NIF, NewsReader).
MAX_DOCUMENT = 400

NOT_OURS = frozenset((ONTOLOGY_GRAPH, DECISIONS_GRAPH, INFERRED_GRAPH))  # and the link graphs
_NOT_OURS = (f"?g != <{ONTOLOGY_GRAPH}> && !{sparql_links_graph_test()} && ?g != <{DECISIONS_GRAPH}> "
             f"&& ?g != <{INFERRED_GRAPH}>")

# The classes of the coarse kinds and the event classes (few), then their instances by index.
_CLASSES = """
SELECT DISTINCT ?type ?kind WHERE {
  {
    VALUES (?top ?kind) {
      (foaf:Person "person") (schema:Person "person") (<http://schema.org/Person> "person")
      (org:Organization "organisation") (schema:Organization "organisation")
      (<http://schema.org/Organization> "organisation") (ng:OrganizationGroup "organisation")
      (schema:Place "place") (<http://schema.org/Place> "place") (sem:Place "place")
    }
    ?type rdfs:subClassOf* ?top .
  } UNION {
    VALUES ?top { sem:Event schema:Event <http://schema.org/Event> }
    ?type rdfs:subClassOf* ?top .
    BIND(CONCAT("event ", STR(?type)) AS ?kind)
  }
}"""

_TYPED = "SELECT ?e ?type ?g WHERE { VALUES ?type { CLASSES } GRAPH ?g { ?e a ?type } FILTER(isIRI(?e)) }"

# Untyped entities by their role, with the document they occur in.
_ROLES = f"""
SELECT ?e ?role ?doc WHERE {{
  {{ ?doc schema:mentions|<http://schema.org/mentions> ?e BIND("mentioned" AS ?role) }}
  UNION {{ ?x <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?e OPTIONAL {{ ?x nif:referenceContext ?doc }}
          BIND("mentioned" AS ?role) }}
  UNION {{ GRAPH ?g {{ ?e gaf:denotedBy ?m }} FILTER(!{sparql_evidence_graph_test()}) BIND(STR(?m) AS ?doc)
          BIND("mentioned" AS ?role) }}
  UNION {{ ?event sem:hasActor ?e BIND("actor" AS ?role) BIND(?event AS ?doc) }}
  UNION {{ ?event sem:hasPlace ?e BIND("place" AS ?role) BIND(?event AS ?doc) }}
  UNION {{ ?doc schema:publisher|<http://schema.org/publisher> ?e BIND("organisation" AS ?role) }}
  UNION {{ ?doc schema:author|<http://schema.org/author> ?e BIND("author" AS ?role) }}
  FILTER(isIRI(?e))
}}"""

# When events took place: two events on different days are two events.
_DATES = """
SELECT DISTINCT ?e ?date WHERE {
  { ?e time:hasTime|sem:hasTime ?t . ?t time:inXSDDate|time:inXSDDateTime|time:inXSDgYearMonth|time:inXSDgYear ?date }
  UNION { ?e schema:startDate|<http://schema.org/startDate> ?date }
  FILTER(isIRI(?e))
}"""

# The articles whose sentences state facts about an entity (every entity of an annotated or
# ingested article has at least its type stated there).
# (The entities and mentions made distinct first: a quarter faster at 1,000 ingested articles.)
_STATED = """
SELECT DISTINCT ?e ?doc WHERE {
  { SELECT DISTINCT ?e ?m WHERE { ?st rdf:subject ?e ; gaf:denotedBy ?m FILTER(isIRI(?e)) } }
  ?m nif:referenceContext ?doc
}"""

_NAMES = """
SELECT ?e ?name ?g WHERE {
  VALUES ?p { rdfs:label skos:prefLabel skos:altLabel schema:name <http://schema.org/name> foaf:name }
  GRAPH ?g { ?e ?p ?name } FILTER(isIRI(?e) && isLITERAL(?name))
}"""

_IDENTIFIERS = f"""
SELECT DISTINCT ?e ?id WHERE {{
  GRAPH ?g {{ ?e owl:sameAs|schema:sameAs|<http://schema.org/sameAs>|skos:exactMatch ?id }}
  FILTER(isIRI(?e) && isIRI(?id) && {_NOT_OURS}
         && (CONTAINS(STR(?id), "wikidata.org/") || CONTAINS(STR(?id), "dbpedia.org/") || CONTAINS(STR(?id), "wikipedia.org/")))
}}"""

_PUBLISHERS = """
SELECT DISTINCT ?doc ?name WHERE {
  ?doc schema:publisher|<http://schema.org/publisher> ?p .
  ?p rdfs:label|schema:name|<http://schema.org/name> ?name .
}"""

# The web sites of an entity: its own address, and those of the documents it publishes.
_SITES = """
SELECT DISTINCT ?e ?url WHERE {
  { ?e schema:url|<http://schema.org/url> ?url }
  UNION { ?doc schema:publisher|<http://schema.org/publisher> ?e .
          ?doc schema:url|<http://schema.org/url>|nif:sourceUrl|schema:mainEntityOfPage|<http://schema.org/mainEntityOfPage> ?url }
  FILTER(isIRI(?e))
}"""

# Articles by their published address: the same article imported from its page and ingested
# from its text (or listed in a NIF corpus) is one article.
_ARTICLES = """
SELECT DISTINCT ?a ?url WHERE {
  VALUES ?type { schema:NewsArticle schema:CreativeWork <http://schema.org/NewsArticle> nif:Context }
  ?a a ?type ; schema:url|<http://schema.org/url>|nif:sourceUrl ?url .
  FILTER(isIRI(?a))
}"""

# The extent of each text in its document: a text has one (NIF's functional offsets).
_EXTENTS = """
SELECT DISTINCT ?a ?b ?e WHERE { ?a a nif:Context ; nif:beginIndex ?b ; nif:endIndex ?e FILTER(isIRI(?a)) }"""

_VERIFIED = f"""
SELECT DISTINCT ?item ?label WHERE {{
  GRAPH <{REFERENCE_GRAPH}> {{ ?entity owl:sameAs|skos:exactMatch ?item }}
  GRAPH <{REFERENCE_EVIDENCE_GRAPH}> {{ ?st rdf:subject ?entity ; rdf:object ?item ; ng:verifyingQuote ?label }}
  FILTER(STRSTARTS(STR(?item), "http://www.wikidata.org/entity/"))
}}"""

_WIKIDATA = re.compile(r"^https?://(?:www\.)?wikidata\.org/(?:entity|wiki)/(Q[1-9]\d*)$")
_DBPEDIA = re.compile(r"^https?://(?:([a-z]{2,3})\.)?dbpedia\.org/(?:resource|page)/(.+)$")
_WIKIPEDIA = re.compile(r"^https?://([a-z]{2,3})(?:\.m)?\.wikipedia\.org/wiki/(.+)$")


def _title(local: str) -> str:
    title = unquote(local).replace(" ", "_").split("#", 1)[0]
    return title[:1].upper() + title[1:]


def identifier(iri: str) -> str | None:
    """The identifier an IRI stands for: "wikidata:Q30", or "enwiki:United_States" for both
    dbpedia.org/resource/United_States and en.wikipedia.org/wiki/United_States (other languages'
    DBpedia and Wikipedia alike: "dewiki:..."); None for any other IRI."""
    if found := _WIKIDATA.match(iri):
        return "wikidata:" + found.group(1)
    if found := _DBPEDIA.match(iri):
        return f"{found.group(1) or 'en'}wiki:{_title(found.group(2))}"
    if found := _WIKIPEDIA.match(iri):
        return f"{found.group(1)}wiki:{_title(found.group(2))}"
    return None


def dbpedia_name(iri: str) -> str | None:
    """The name in a DBpedia resource's IRI: "United States" for dbpedia:United_States (a
    disambiguation in brackets dropped: "Washington (state)" is named "Washington")."""
    if found := _DBPEDIA.match(iri):
        name = re.sub(r"\s*\([^)]*\)$", "", unquote(found.group(2)).replace("_", " ")).strip()
        return name or None
    return None


def article_address(url: str) -> str | None:
    """An article's identifier from its published address: "url:" and the address with the
    scheme https, the host in lower case without "www.", no fragment and no trailing "/"."""
    found = re.match(r"^https?://(?:www\.)?([^/?#]+)([^#]*)", url.strip(), re.I)
    if not found or found.group(1).lower() == "w3id.org":
        return None
    return f"url:https://{found.group(1).lower()}{found.group(2).rstrip('/')}"


def web_site(url: str) -> str | None:
    """The host of a web address, without "www."; None for anything else."""
    found = re.match(r"^https?://(?:www\.)?([^/:?#]+)", url.strip(), re.I)
    if not found or found.group(1).lower() == "w3id.org":
        return None  # newsgraph's own IRIs are no one's web site
    return found.group(1).lower()


def namespace(ident: str) -> str:
    return ident.split(":", 1)[0]


@dataclass
class Entity:
    iri: str
    kind: str = UNKNOWN  # person | organisation | place | event <class IRI> | unknown
    names: set[str] = field(default_factory=set)
    identifiers: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    sites: set[str] = field(default_factory=set)  # web site host names, "www." dropped
    extents: set[str] = field(default_factory=set)  # a text's "begin,end" in its document (NIF contexts)
    dates: set[str] = field(default_factory=set)  # when an event took place (its lexical forms)

    @property
    def wikidata(self) -> set[str]:
        return {"http://www.wikidata.org/entity/" + i.split(":", 1)[1] for i in self.identifiers if i.startswith("wikidata:")}

    @property
    def is_event(self) -> bool:
        return self.kind.startswith("event ")


@dataclass
class Signals:
    entities: dict[str, Entity]
    members: dict[str, set[str]]  # document -> entities that occur in it
    publishers: dict[str, set[str]]  # document -> its publishers' names


def read_signals(store: Store) -> Signals:
    """Every entity of the store with its kind, names, identifiers and documents."""
    found: dict[str, Entity] = {}
    typed_in: dict[str, set[str]] = defaultdict(set)
    kinds = {row["type"].value: row["kind"].value for row in store.query(_CLASSES)}
    typed = store.query(_TYPED.replace("CLASSES", " ".join(f"<{iri}>" for iri in sorted(kinds)))) if kinds else []
    for row in typed:
        if row["g"].value in NOT_OURS or is_links_graph(row["g"].value):
            continue
        iri, kind = row["e"].value, kinds[row["type"].value]
        entity = found.setdefault(iri, Entity(iri, kind))
        if entity.kind == UNKNOWN or (kind in COARSE_KINDS and entity.is_event) \
                or (entity.is_event and kind.startswith("event ") and kind < entity.kind):
            entity.kind = kind  # a coarse kind wins over an event class; among classes, one order
        typed_in[row["g"].value].add(iri)
    members: dict[str, set[str]] = defaultdict(set)
    for graph, iris in typed_in.items():
        if len(iris) <= MAX_DOCUMENT:
            for iri in iris:
                found[iri].documents.add(graph)
                members[graph].add(iri)
    for row in store.query(_ROLES):
        iri, role = row["e"].value, row["role"].value
        entity = found.setdefault(iri, Entity(iri))
        entity.roles.add(role)
        if entity.kind == UNKNOWN and role in ("place", "organisation"):
            entity.kind = role
        if row["doc"] is not None:
            document = row["doc"].value.split("#", 1)[0] if role == "mentioned" else row["doc"].value
            entity.documents.add(document)
            members[document].add(iri)
    for row in store.query(_DATES):
        entity = found.get(row["e"].value)
        if entity is not None:
            entity.dates.add(row["date"].value[:10])
    for row in store.query(_STATED):
        entity = found.get(row["e"].value)
        if entity is not None:
            entity.documents.add(row["doc"].value)
            members[row["doc"].value].add(entity.iri)
    verified: dict[str, str] = {}
    for row in store.query(_VERIFIED):
        item = "wikidata:" + row["item"].value.rsplit("/", 1)[1]
        title = "enwiki:" + _title(row["label"].value)
        verified[item], verified[title] = title, item
    for row in store.query(_IDENTIFIERS):
        entity = found.get(row["e"].value)
        if entity is None:
            entity = found[row["e"].value] = Entity(row["e"].value)
        if ident := identifier(row["id"].value):
            entity.identifiers.add(ident)
    for row in store.query(_ARTICLES):
        if address := article_address(row["url"].value):
            found.setdefault(row["a"].value, Entity(row["a"].value, ARTICLE)).identifiers.add(address)
    for row in store.query(_EXTENTS):
        entity = found.get(row["a"].value)
        if entity is not None and entity.kind == ARTICLE:
            entity.extents.add(f"{row['b'].value},{row['e'].value}")
    for entity in found.values():
        if own := identifier(entity.iri):
            entity.identifiers.add(own)
        if name := dbpedia_name(entity.iri):
            entity.names.add(name)
        entity.identifiers |= {verified[i] for i in entity.identifiers if i in verified}
    for row in store.query(_NAMES):
        entity = found.get(row["e"].value)
        if entity is not None and row["g"].value not in NOT_OURS and not is_links_graph(row["g"].value):
            entity.names.add(row["name"].value)
    for row in store.query(_SITES):
        entity = found.get(row["e"].value)
        if entity is not None and (site := web_site(row["url"].value)):
            entity.sites.add(site)
    for entity in found.values():
        if entity.kind == ARTICLE:
            entity.names.clear()  # an article is one by its address, never by its title
    publishers: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_PUBLISHERS):
        publishers[row["doc"].value].add(row["name"].value)
    # An entity without a name cannot be matched by name; one with an identifier still can be.
    return Signals({iri: e for iri, e in found.items() if e.names or e.identifiers}, dict(members), dict(publishers))


# Identifiers a thing has one of: two different values are two things, whatever else they share.
SINGLE_VALUED = ("extent",)


def identifiers_conflict(first: set[str], second: set[str]) -> bool:
    """Two sets of identifiers name different things when they hold different identifiers in one
    namespace and none in common, or different values of one that a thing has only one of (a
    text's extent, "extent:BEGIN,END")."""
    for single in SINGLE_VALUED:
        ours, theirs = ({i for i in found if namespace(i) == single} for found in (first, second))
        if ours and theirs and not ours & theirs:
            return True
    if first & second:
        return False
    return bool({namespace(i) for i in first} & {namespace(i) for i in second})
