"""Entity resolution across the graphs of a store: `newsgraph link` and `newsgraph links`.

Candidates come from blocking, never from all pairs: every name of every entity is indexed under
its folded tokens within its kind (person, organisation, place, or the event class), and only
entities that share a key are compared. A pair becomes
- owl:sameAs when both have the same Wikidata item (method "wikidata"), or a label or alternative
  label of one equals one of the other after normalisation, name order included (method "label");
- skos:closeMatch with its score when the names are similar above the threshold (method "fuzzy",
  transliteration rules and edit distance; see graph/names.py), for review.

The link set lives in graph/links: each link is a node with its method, score, time, the labels
that matched and its status, beside the owl:sameAs / skos:closeMatch triple itself. Decisions
(`links --accept ID`, `--reject ID`) live in graph/link-decisions and are applied on every re-run:
an accepted candidate becomes owl:sameAs, a rejected one is kept as a record with no link triple.

Queries see linked entities as one by expanding owl:sameAs at query time with the property path
(owl:sameAs|^owl:sameAs)*; see the named queries articles-mentioning, proposal-amounts and
event-reports.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..errors import InputError
from ..ontology import GRAPH, ID, NG, OWL, PROV, RDF, SKOS, XSD
from . import names

LINKS_GRAPH = GRAPH + "links"
DECISIONS_GRAPH = GRAPH + "link-decisions"
WIKIDATA = "http://www.wikidata.org/entity/"
DEFAULT_THRESHOLD = 0.85
# A block this large says nothing about identity (a token shared by half the corpus); skip it.
MAX_BLOCK = 2000

_ENTITIES = """
SELECT ?e ?name ?kind ?wikidata WHERE {
  GRAPH ?g { ?e rdfs:label|skos:altLabel|foaf:name ?name }
  FILTER(isIRI(?e) && !STRENDS(STR(?g), "/evidence") && ?g != <https://w3id.org/newsgraph/graph/ontology>)
  ?e a ?type .
  OPTIONAL {
    VALUES (?top ?group) {
      (foaf:Person "person") (schema:Person "person") (org:Organization "organisation")
      (ng:OrganizationGroup "organisation") (schema:Place "place") (sem:Place "place")
    }
    ?type rdfs:subClassOf* ?top .
  }
  OPTIONAL { ?type rdfs:subClassOf* sem:Event . BIND(STR(?type) AS ?eventKind) }
  BIND(COALESCE(?group, ?eventKind) AS ?kind)
  FILTER(BOUND(?kind))
  OPTIONAL { ?e owl:sameAs ?wikidata FILTER(STRSTARTS(STR(?wikidata), "http://www.wikidata.org/entity/")) }
}"""


@dataclass
class Entity:
    iri: str
    kind: str
    names: set[str] = field(default_factory=set)
    wikidata: set[str] = field(default_factory=set)


@dataclass
class Link:
    id: str
    first: str
    second: str
    method: str  # wikidata | label | fuzzy
    score: float
    evidence: tuple[str, str]  # the names that matched
    status: str = "accepted"  # accepted | candidate | rejected

    @property
    def relation(self) -> str | None:
        return {"accepted": OWL + "sameAs", "candidate": SKOS + "closeMatch"}.get(self.status)


def link_id(first: str, second: str) -> str:
    a, b = sorted((first, second))
    return hashlib.sha1(f"{a} {b}".encode("utf-8")).hexdigest()[:12]


def entities(store) -> dict[str, Entity]:
    found: dict[str, Entity] = {}
    for row in store.query(_ENTITIES):
        iri = row["e"].value
        entity = found.get(iri)
        kind = row["kind"].value
        if entity is None:
            entity = found[iri] = Entity(iri, kind)
        elif entity.kind != kind and kind in ("person", "organisation", "place"):
            entity.kind = kind  # a coarse kind wins over a superclass seen first
        entity.names.add(row["name"].value)
        if row["wikidata"] is not None:
            entity.wikidata.add(row["wikidata"].value)
    return found


def find_links(store, threshold: float = DEFAULT_THRESHOLD) -> list[Link]:
    """Candidate links by blocking, scored; decisions not yet applied."""
    if not 0 < threshold <= 1:
        raise InputError("--threshold must be in (0, 1]")
    known = entities(store)
    blocks: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entity in known.values():
        person = entity.kind == "person"
        for name in entity.names:
            for block in names.blocking_keys(name, person):
                blocks[(entity.kind, block)].add(entity.iri)
        for item in entity.wikidata:
            blocks[("wikidata", item)].add(entity.iri)
    pairs = set()
    for members in blocks.values():
        if 1 < len(members) <= MAX_BLOCK:
            ordered = sorted(members)
            pairs.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:])
    from .progress import Progress

    links = []
    with Progress("comparing candidate pairs", len(pairs)) as progress:
        for first_iri, second_iri in sorted(pairs):
            progress.advance()
            link = _compare(known[first_iri], known[second_iri], threshold)
            if link is not None:
                links.append(link)
    return links


def _compare(first: Entity, second: Entity, threshold: float) -> Link | None:
    if first.kind != second.kind:
        return None
    identifier = link_id(first.iri, second.iri)
    shared = sorted(first.wikidata & second.wikidata)
    if shared:
        return Link(identifier, first.iri, second.iri, "wikidata", 1.0, (shared[0], shared[0]))
    if first.wikidata and second.wikidata:
        return None  # different Wikidata items: different things, whatever their names
    person = first.kind == "person"
    best: tuple[float, str, str] = (0.0, "", "")
    for a in sorted(first.names):
        for b in sorted(second.names):
            if names.key(a, person) and names.key(a, person) == names.key(b, person):
                return Link(identifier, first.iri, second.iri, "label", 1.0, (a, b))
            score = names.similarity(a, b, person)
            if score > best[0]:
                best = (score, a, b)
    if best[0] >= threshold:
        return Link(identifier, first.iri, second.iri, "fuzzy", round(best[0], 3), (best[1], best[2]), "candidate")
    return None


def representative_rank(iri: str) -> tuple[bool, bool, bool, str]:
    """Which of several IRIs of one thing names it: ours (not a Wikidata item's) over others, a real
    one over a skolemised blank node of an import, a durable one (ngid:japan) over one minted
    inside an article, then the smallest."""
    return (not iri.startswith(ID), "/.well-known/genid/" in iri, iri.startswith(ID + "article/"), iri)


def same_as_representatives(store, members: set[str] | None = None) -> dict[str, str]:
    """For every IRI in an owl:sameAs link, the IRI that names its group (representative_rank).
    With `members`, only links between two members count."""
    parent: dict[str, str] = {}

    def root(iri: str) -> str:
        parent.setdefault(iri, iri)
        while parent[iri] != iri:
            parent[iri] = parent[parent[iri]]
            iri = parent[iri]
        return iri

    for row in store.query("SELECT ?a ?b WHERE { ?a owl:sameAs ?b FILTER(isIRI(?a) && isIRI(?b)) }"):
        a, b = row["a"].value, row["b"].value
        if members is None or (a in members and b in members):
            first, second = sorted((root(a), root(b)), key=representative_rank)
            parent[second] = first
    return {iri: root(iri) for iri in list(parent)}


def canonical_entities(store) -> dict[str, Entity]:
    """Entities with those linked by owl:sameAs merged into one, named by the representative IRI:
    an IRI of our own (not a skolem IRI of an imported blank node), else the smallest."""
    known = entities(store)
    representative = same_as_representatives(store, set(known))
    merged: dict[str, Entity] = {}
    for iri, entity in known.items():
        name = representative.get(iri, iri)
        target = merged.setdefault(name, Entity(name, known[name].kind))
        target.names |= entity.names
        target.wikidata |= entity.wikidata
    return merged


def decisions(store) -> dict[str, str]:
    """Link id -> "accepted" or "rejected", as decided by a user."""
    found = {}
    for quad in store.quads(DECISIONS_GRAPH):
        if quad.predicate.value == NG + "decision":
            found[quad.subject.value.rsplit("/", 1)[-1]] = quad.object.value
    return found


def link_store(store, threshold: float = DEFAULT_THRESHOLD) -> list[Link]:
    """Find links, apply the user's decisions and replace graph/links with the result."""
    links = find_links(store, threshold)
    decided = decisions(store)
    for link in links:
        if link.id in decided:
            link.status = decided[link.id]
    write_links(store, links)
    return links


def write_links(store, links: list[Link]) -> None:
    import pyoxigraph as ox

    now = ox.Literal(datetime.now(timezone.utc).replace(microsecond=0).isoformat(), datatype=ox.NamedNode(XSD + "dateTime"))
    triples = []
    for link in links:
        node = ox.NamedNode(f"{ID}link/{link.id}")
        first, second = ox.NamedNode(link.first), ox.NamedNode(link.second)
        triples += [
            ox.Triple(node, ox.NamedNode(RDF + "type"), ox.NamedNode(NG + "Link")),
            ox.Triple(node, ox.NamedNode(NG + "linkSubject"), first),
            ox.Triple(node, ox.NamedNode(NG + "linkObject"), second),
            ox.Triple(node, ox.NamedNode(NG + "linkMethod"), ox.Literal(link.method)),
            ox.Triple(node, ox.NamedNode(NG + "linkScore"), ox.Literal(f"{link.score:.3f}", datatype=ox.NamedNode(XSD + "decimal"))),
            ox.Triple(node, ox.NamedNode(NG + "linkStatus"), ox.Literal(link.status)),
            ox.Triple(node, ox.NamedNode(NG + "matchedName"), ox.Literal(link.evidence[0])),
            ox.Triple(node, ox.NamedNode(NG + "matchedName"), ox.Literal(link.evidence[1])),
            ox.Triple(node, ox.NamedNode(PROV + "generatedAtTime"), now),
        ]
        if link.relation:
            triples.append(ox.Triple(first, ox.NamedNode(link.relation), second))
    store.replace_graphs({LINKS_GRAPH: triples})


def stored_links(store) -> list[Link]:
    rows = store.query("""
        SELECT ?node ?first ?second ?method ?score ?status (GROUP_CONCAT(?name; separator="\\t") AS ?names) WHERE {
          GRAPH <https://w3id.org/newsgraph/graph/links> {
            ?node a ng:Link ; ng:linkSubject ?first ; ng:linkObject ?second ; ng:linkMethod ?method ;
                  ng:linkScore ?score ; ng:linkStatus ?status ; ng:matchedName ?name .
          }
        } GROUP BY ?node ?first ?second ?method ?score ?status ORDER BY ?status ?first ?second""")
    found = []
    for row in rows:
        matched = sorted(row["names"].value.split("\t"))
        found.append(Link(row["node"].value.rsplit("/", 1)[-1], row["first"].value, row["second"].value,
                          row["method"].value, float(row["score"].value), (matched[0], matched[-1]), row["status"].value))
    return found


def decide(store, identifier: str, decision: str) -> Link:
    """Record a user's decision on a link and apply it to the stored link set at once."""
    import pyoxigraph as ox

    current = {link.id: link for link in stored_links(store)}
    if identifier not in current:
        raise InputError(f"no link {identifier!r}; `newsgraph links` lists them")
    decided = [q for q in store.quads(DECISIONS_GRAPH) if not q.subject.value.endswith("/" + identifier)]
    node = ox.NamedNode(f"{ID}link/{identifier}")
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in decided]
    triples.append(ox.Triple(node, ox.NamedNode(NG + "decision"), ox.Literal(decision)))
    store.replace_graphs({DECISIONS_GRAPH: triples})
    links = list(current.values())
    current[identifier].status = decision
    write_links(store, links)
    return current[identifier]
