"""Entity resolution across the graphs of a store: `newsgraph link` and `newsgraph links`.

Two passes, never all pairs (see find_links):
- identity: entities of a kind with the same Wikidata item (method "wikidata") or a name that is
  the same after normalisation, name order included (method "label"), are joined into groups,
  one owl:sameAs link per join;
- similarity: groups that share a blocking key (a folded name token, within the kind) are
  compared once, name against name (transliteration rules and edit distance; see
  graph/names.py); a pair above the threshold is a skos:closeMatch candidate with its score, for
  review (method "fuzzy").

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
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ...errors import InputError
from ...ontology import ID, NG, OWL, PROV, RDF, SKOS, XSD
from ...ontology.graphs import (
    DECISIONS_GRAPH,
    LINKS_GRAPH,
    ONTOLOGY_GRAPH,
    sparql_evidence_graph_test,
)
from ..progress import silent
from . import names

if TYPE_CHECKING:
    from ..store import GraphStore, Store

WIKIDATA = "http://www.wikidata.org/entity/"
DEFAULT_THRESHOLD = 0.85
# A block this large says nothing about identity (a token shared by half the corpus); skip it.
MAX_BLOCK = 2000

# Each part is de-duplicated on its own: the union of the graphs repeats a triple once for every
# graph that states it, and a shared entity's type and names are stated by every article.
_ENTITIES = f"""
SELECT ?e ?name ?kind ?wikidata WHERE {{
  {{ SELECT DISTINCT ?type ?kind WHERE {{
      {{
        VALUES (?top ?kind) {{
          (foaf:Person "person") (schema:Person "person") (org:Organization "organisation")
          (ng:OrganizationGroup "organisation") (schema:Place "place") (sem:Place "place")
        }}
        ?type rdfs:subClassOf* ?top .
      }} UNION {{
        ?type rdfs:subClassOf* sem:Event .
        BIND(STR(?type) AS ?kind)
      }}
  }} }}
  {{ SELECT DISTINCT ?e ?type WHERE {{ ?e a ?type FILTER(isIRI(?e)) }} }}
  {{ SELECT DISTINCT ?e ?name WHERE {{
      GRAPH ?g {{ ?e rdfs:label|skos:altLabel|foaf:name ?name }}
      FILTER(isIRI(?e) && !{sparql_evidence_graph_test()} && ?g != <{ONTOLOGY_GRAPH}>)
  }} }}
  OPTIONAL {{ SELECT DISTINCT ?e ?wikidata WHERE {{
      ?e owl:sameAs ?wikidata FILTER(STRSTARTS(STR(?wikidata), "http://www.wikidata.org/entity/"))
  }} }}
}}"""


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


def entities(store: Store) -> dict[str, Entity]:
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


def find_links(store: Store, threshold: float = DEFAULT_THRESHOLD, progress=silent) -> list[Link]:
    """Links, decisions not yet applied. Two passes, so that the work grows with the number of
    distinct names rather than with the square of the number of entities:
    1. identity: entities of a kind with the same Wikidata item, or a name with the same key, are
       joined into groups (never across two different Wikidata items); each join is one
       owl:sameAs link, so a group of n entities has n - 1 links (owl:sameAs is transitive);
    2. similarity: groups that share a blocking key are compared once, name against name, and a
       pair above the threshold is one candidate between the groups' representatives."""
    if not 0 < threshold <= 1:
        raise InputError("{option} must be in (0, 1]", "threshold")
    known = entities(store)
    groups = Groups({iri: entity.wikidata for iri, entity in known.items()})
    links = []
    by_identity: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for entity in known.values():
        for item in entity.wikidata:
            by_identity[("wikidata", item)].append((entity.iri, item))
        for name in entity.names:
            if identity := names.key(name, entity.kind == "person"):
                by_identity[(entity.kind, identity)].append((entity.iri, name))
    for (kind, identity), members in sorted(by_identity.items()):
        members = sorted(set(members), key=lambda member: representative_rank(member[0]))
        head = members[0][0]
        for other, _ in members[1:]:
            if known[head].kind == known[other].kind and groups.join(head, other):
                first, second = sorted((head, other))
                if kind == "wikidata":
                    links.append(Link(link_id(first, second), first, second, "wikidata", 1.0, (identity, identity)))
                else:
                    matched = _same_key_names(known[first], known[second])
                    links.append(Link(link_id(first, second), first, second, "label", 1.0, matched))
    links += _similar_groups(known, groups, threshold, progress)
    return sorted(links, key=lambda link: (link.first, link.second))


class Groups:
    """Union-find over IRIs; each group is named by its representative (representative_rank).
    With `items` (IRI -> Wikidata items), two groups with different items are never joined."""

    def __init__(self, items: dict[str, set[str]] | None = None):
        self.parent: dict[str, str] = {}
        self.items = {iri: set(found) for iri, found in (items or {}).items()}

    def root(self, iri: str) -> str:
        self.parent.setdefault(iri, iri)
        while self.parent[iri] != iri:
            self.parent[iri] = self.parent[self.parent[iri]]
            iri = self.parent[iri]
        return iri

    def join(self, first: str, second: str) -> bool:
        """Join the groups of two IRIs; False if they were one, or hold different Wikidata items
        (different things)."""
        a, b = self.root(first), self.root(second)
        items_a, items_b = self.items.get(a, set()), self.items.get(b, set())
        if a == b or (items_a and items_b and not items_a & items_b):
            return False
        a, b = sorted((a, b), key=representative_rank)
        self.parent[b] = a
        self.items[a] = items_a | items_b
        return True


def _similar_groups(known: dict[str, Entity], groups: Groups, threshold: float, progress) -> list[Link]:
    members: dict[str, list[str]] = defaultdict(list)
    for iri in known:
        members[groups.root(iri)].append(iri)
    group_names = {root: set().union(*(known[iri].names for iri in iris)) for root, iris in members.items()}
    blocks: dict[tuple[str, str], set[str]] = defaultdict(set)
    for root in members:
        kind = known[root].kind
        for name in group_names[root]:
            for block in names.blocking_keys(name, kind == "person"):
                blocks[(kind, block)].add(root)
    pairs = set()
    for block in blocks.values():
        if 1 < len(block) <= MAX_BLOCK:
            ordered = sorted(block)
            pairs.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:])
    links = []
    with progress("comparing candidate pairs", len(pairs)) as bar:
        for first, second in sorted(pairs):
            bar.advance()
            if groups.items.get(first) and groups.items.get(second):
                continue  # both identified by Wikidata, and not the same item
            person = known[first].kind == "person"
            score, a, b = max((names.similarity(a, b, person), a, b)
                              for a in sorted(group_names[first]) for b in sorted(group_names[second]))
            if score >= threshold:
                (first, a), (second, b) = sorted(((first, a), (second, b)))
                links.append(Link(link_id(first, second), first, second, "fuzzy", round(score, 3), (a, b), "candidate"))
    return links


def _same_key_names(first: Entity, second: Entity) -> tuple[str, str]:
    """The first pair of names, one of each, that are the same name (in sorted order)."""
    person = first.kind == "person"
    return next((a, b) for a in sorted(first.names) for b in sorted(second.names)
                if names.key(a, person) and names.key(a, person) == names.key(b, person))


def representative_rank(iri: str) -> tuple[bool, bool, bool, str]:
    """Which of several IRIs of one thing names it: ours (not a Wikidata item's) over others, a real
    one over a skolemised blank node of an import, a durable one (ngid:japan) over one minted
    inside an article, then the smallest."""
    return (not iri.startswith(ID), "/.well-known/genid/" in iri, iri.startswith(ID + "article/"), iri)


def same_as_representatives(store: Store, members: set[str] | None = None) -> dict[str, str]:
    """For every IRI in an owl:sameAs link, the IRI that names its group (representative_rank).
    With `members`, only links between two members count."""
    groups = Groups()
    for row in store.query("SELECT ?a ?b WHERE { ?a owl:sameAs ?b FILTER(isIRI(?a) && isIRI(?b)) }"):
        a, b = row["a"].value, row["b"].value
        if members is None or (a in members and b in members):
            groups.join(a, b)
    return {iri: groups.root(iri) for iri in list(groups.parent)}


def canonical_entities(store: Store) -> dict[str, Entity]:
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


def decisions(store: Store) -> dict[str, str]:
    """Link id -> "accepted" or "rejected", as decided by a user."""
    found = {}
    for quad in store.quads(DECISIONS_GRAPH):
        if quad.predicate.value == NG + "decision":
            found[quad.subject.value.rsplit("/", 1)[-1]] = quad.object.value
    return found


def link_store(store: GraphStore, threshold: float = DEFAULT_THRESHOLD, progress=silent, lookup=None) -> list[Link]:
    """Find links (and the candidates `lookup(store)` proposes), apply the user's decisions and
    replace graph/links with the result, in one write."""
    links = find_links(store, threshold, progress)
    if lookup is not None:
        found = {link.id for link in links}
        links += [link for link in lookup(store) if link.id not in found]
    decided = decisions(store)
    for link in links:
        if link.id in decided:
            link.status = decided[link.id]
    write_links(store, links)
    return links


def write_links(store: GraphStore, links: list[Link]) -> None:
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


def stored_links(store: Store) -> list[Link]:
    rows = store.query(f"""
        SELECT ?node ?first ?second ?method ?score ?status (GROUP_CONCAT(?name; separator="\\t") AS ?names) WHERE {{
          GRAPH <{LINKS_GRAPH}> {{
            ?node a ng:Link ; ng:linkSubject ?first ; ng:linkObject ?second ; ng:linkMethod ?method ;
                  ng:linkScore ?score ; ng:linkStatus ?status ; ng:matchedName ?name .
          }}
        }} GROUP BY ?node ?first ?second ?method ?score ?status ORDER BY ?status ?first ?second""")
    found = []
    for row in rows:
        matched = sorted(row["names"].value.split("\t"))
        found.append(Link(row["node"].value.rsplit("/", 1)[-1], row["first"].value, row["second"].value,
                          row["method"].value, float(row["score"].value), (matched[0], matched[-1]), row["status"].value))
    return found


def decide(store: GraphStore, identifier: str, decision: str) -> Link:
    """Record a user's decision on a link and apply it to the stored link set at once."""
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
