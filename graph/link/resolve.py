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
from ...ontology.graphs import DECISIONS_GRAPH, INGEST_LINKS_PREFIX, LINKS_GRAPH, sparql_links_graph_test
from ..progress import silent
from . import names
from .context import Context, full_name, generic, kinds_compatible
from .signals import UNKNOWN, Entity, identifiers_conflict, read_signals

if TYPE_CHECKING:
    from ..store import GraphStore, Store

WIKIDATA = "http://www.wikidata.org/entity/"
DEFAULT_THRESHOLD = 0.85
# A block this large says nothing about identity (a token shared by half the corpus); skip it.
MAX_BLOCK = 2000
# A label more things than this share is a kind of thing ("Germany's purchase offer", "say"): events
# and untyped entities with it are not proposed as candidates.
MAX_ALIKE = 20
# Groups of one name that a newcomer is weighed against (a lemma shared by a thousand events).
MAX_GROUPS_PER_NAME = 50
# The path segment of the IRIs ingest mints for what an article mentions (article/NAME/mentioned/X).
MENTIONED = "mentioned"
# Scores of the methods that do not compare spellings: how much the evidence says, 0 to 1.
SCORES = {"identifier": 1.0, "name-context": 0.95, "name": 0.7}


@dataclass
class Link:
    id: str
    first: str
    second: str
    method: str  # identifier | name-context | name | fuzzy | wikidata-lookup | ingest
    score: float
    evidence: tuple[str, str]  # the names (or identifiers) that matched
    status: str = "accepted"  # accepted | candidate | rejected
    support: list[str] = field(default_factory=list)  # evidence for
    against: list[str] = field(default_factory=list)  # evidence against
    graph: str = LINKS_GRAPH  # where the record lives: link's set, or an ingested article's links

    @property
    def relation(self) -> str | None:
        return {"accepted": OWL + "sameAs", "candidate": SKOS + "closeMatch"}.get(self.status)


def link_id(first: str, second: str) -> str:
    a, b = sorted((first, second))
    return hashlib.sha1(f"{a} {b}".encode("utf-8")).hexdigest()[:12]


def entities(store: Store) -> dict[str, Entity]:
    """Every entity of the store with its kind, names and identifiers (link.signals)."""
    return read_signals(store).entities


def find_links(store: Store, threshold: float = DEFAULT_THRESHOLD, progress=silent, exclude: set[str] = frozenset()) -> list[Link]:
    """Links, decisions not yet applied. Two passes, so that the work grows with the number of
    distinct names rather than with the square of the number of entities:
    1. identity: entities with a shared identifier (Wikidata, DBpedia, Wikipedia) are joined into
       groups (method "identifier"); entities with the same full name, compatible kinds and a
       shared context (link.context) are joined too (method "name-context"), never across two
       different identifiers, never two events, never on a generic name; an equal name without
       that is a candidate (method "name") carrying the evidence for and against;
    2. similarity: groups that share a blocking key are compared once, name against name, and a
       pair above the threshold is one candidate between the groups' representatives."""
    if not 0 < threshold <= 1:
        raise InputError("{option} must be in (0, 1]", "threshold")
    signals = read_signals(store)
    for iri in exclude:  # resolved already (the mentions ingest matched)
        signals.entities.pop(iri, None)
    known = signals.entities
    context = Context(signals)
    # A text's extent is not an identifier to link by, but two texts with different extents are
    # never joined (nif:beginIndex and nif:endIndex are functional).
    groups = Groups({iri: entity.identifiers | {f"extent:{x}" for x in entity.extents} for iri, entity in known.items()})
    links: list[Link] = []
    by_identifier: dict[str, list[str]] = defaultdict(list)
    for entity in known.values():
        for ident in entity.identifiers:
            by_identifier[ident].append(entity.iri)
    for ident, members in sorted(by_identifier.items()):
        members = sorted(set(members), key=representative_rank)
        for other in members[1:]:
            if groups.join(members[0], other):
                first, second = sorted((members[0], other))
                links.append(Link(link_id(first, second), first, second, "identifier", SCORES["identifier"],
                                  (ident, ident), support=[f"both are {ident}"]))
    by_name: dict[str, set[str]] = defaultdict(set)
    for entity in known.values():
        for name in entity.names:
            if identity := names.key(name, entity.kind == "person"):
                by_name[identity].add(entity.iri)
    proposed: set[tuple[str, str]] = set()
    for identity, members in sorted(by_name.items()):
        if len(members) < 2:
            continue
        roots: list[str] = []
        crowded = len(members) > MAX_ALIKE
        for iri in sorted(members, key=representative_rank):
            link = _place(known, groups, context, iri, roots, identity, proposed, crowded)
            if link is not None:
                links.append(link)
    links += _similar_groups(known, groups, threshold, progress)
    return sorted(links, key=lambda link: (link.first, link.second))


def _place(known, groups, context, iri, roots, identity, proposed, crowded=False) -> Link | None:
    """Weigh the entity `iri` against the groups already seen under one name key: join the first
    one the evidence allows (a link), else propose a candidate to the first one with enough shared
    context, else start a group. A generic name is neither joined nor proposed: it says nothing;
    nor is a label that many events or untyped things share (`crowded`)."""
    entity = known[iri]
    root = groups.root(iri)
    name_a = _name_with_key(entity, identity)
    if root in roots or generic(name_a, entity.kind):
        return None
    full_a = full_name(name_a, entity.kind)
    candidate = None
    for index, other_root in enumerate(roots[:MAX_GROUPS_PER_NAME]):
        other = known[other_root]  # the group's first entity: its name and kind stand for the group
        if groups.root(other_root) == root:
            return None  # joined already, by an identifier or an earlier name
        if groups.conflict(root, other_root):
            continue
        name_b = _name_with_key(other, identity)
        if generic(name_b, other.kind):
            continue
        if _different_days(entity.dates, other.dates):
            continue  # two events on different days: not even a candidate
        reasons_against = []
        if entity.is_event or other.is_event:
            reasons_against.append("events are not joined on a label")
        if not kinds_compatible(entity, other):
            reasons_against.append(f"kinds differ or are unknown ({_kind(entity)}, {_kind(other)})")
        if not (full_a and full_name(name_b, other.kind)):
            reasons_against.append("not a full name")
        if reasons_against and (candidate is not None or crowded):
            continue  # at most a second candidate, or a label of many: not worth weighing
        their_root = groups.root(other_root)
        mine, theirs = context.group(root, groups.members(root)), context.group(their_root, groups.members(their_root))
        support, against, strength = context.weigh(mine, theirs)
        first, second = sorted((iri, other_root))
        if not reasons_against and strength:
            groups.join(other_root, iri)
            context.joined(groups.root(iri), mine, theirs)
            roots[index] = groups.root(iri)
            return Link(link_id(first, second), first, second, "name-context", SCORES["name-context"],
                        tuple(sorted((name_a, name_b))), support=[f"same full name {name_a!r}", "same kind"] + support)
        # A candidate: a full name of a known kind without context, or anything else with context
        # (events and untyped entities with at least two things in common).
        enough = strength >= 2 if reasons_against else True
        if candidate is None and enough and (first, second) not in proposed:
            candidate = Link(link_id(first, second), first, second, "name", SCORES["name"],
                             tuple(sorted((name_a, name_b))), "candidate",
                             [f"same name {name_a!r}"] + support, reasons_against + against)
            proposed.add((first, second))
    roots.append(root)
    return candidate


def _different_days(first: set[str], second: set[str]) -> bool:
    """Both dated, and no date of one is a date (or the month or year) of the other."""
    if not first or not second:
        return False
    return not any(a.startswith(b) or b.startswith(a) for a in first for b in second)


def _name_with_key(entity: Entity, identity: str) -> str:
    person = entity.kind == "person"
    return min(name for name in entity.names if names.key(name, person) == identity)


def _kind(entity: Entity) -> str:
    return "event" if entity.is_event else entity.kind


class Groups:
    """Union-find over IRIs; each group is named by its representative (representative_rank).
    With `items` (IRI -> identifiers), two groups whose identifiers conflict are never joined."""

    def __init__(self, items: dict[str, set[str]] | None = None):
        self.parent: dict[str, str] = {}
        self.items = {iri: set(found) for iri, found in (items or {}).items()}
        self._members: dict[str, list[str]] = {}

    def root(self, iri: str) -> str:
        self.parent.setdefault(iri, iri)
        while self.parent[iri] != iri:
            self.parent[iri] = self.parent[self.parent[iri]]
            iri = self.parent[iri]
        return iri

    def conflict(self, first: str, second: str) -> bool:
        return identifiers_conflict(self.items.get(self.root(first), set()), self.items.get(self.root(second), set()))

    def members(self, root: str) -> list[str]:
        """The other members of a group, in the order they joined."""
        return self._members.get(root, [])

    def join(self, first: str, second: str) -> bool:
        """Join the groups of two IRIs; False if they were one, or hold conflicting identifiers
        (different things)."""
        a, b = self.root(first), self.root(second)
        if a == b or self.conflict(a, b):
            return False
        a, b = sorted((a, b), key=representative_rank)
        self.parent[b] = a
        self.items[a] = self.items.get(a, set()) | self.items.get(b, set())
        self._members[a] = self._members.get(a, []) + [b] + self._members.pop(b, [])
        return True


def _similar_groups(known: dict[str, Entity], groups: Groups, threshold: float, progress) -> list[Link]:
    """Candidates between groups with similar names, compared name key against name key: each key
    (of one kind) is compared once, through the best-ranked group that has it, so a name that many
    groups share (one person in many articles, not joined for want of context) costs one."""
    owner: dict[tuple[str, str], tuple[str, str]] = {}  # (kind, name key) -> (group root, a name with that key)
    for iri in sorted(known, key=lambda iri: (representative_rank(groups.root(iri)), iri)):
        entity = known[iri]
        if entity.kind == UNKNOWN or entity.is_event:
            continue
        for name in sorted(entity.names):
            identity = names.key(name, entity.kind == "person")
            if identity and not generic(name, entity.kind):
                owner.setdefault((entity.kind, identity), (groups.root(iri), name))
    blocks: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for kind, identity in owner:
        for block in names.blocking_keys(owner[(kind, identity)][1], kind == "person"):
            blocks[(kind, block)].add((kind, identity))
    pairs = set()
    for block in blocks.values():
        if 1 < len(block) <= MAX_BLOCK:
            ordered = sorted(block)
            pairs.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:])
    best: dict[tuple[str, str], tuple[float, str, str]] = {}
    with progress("comparing candidate pairs", len(pairs)) as bar:
        for key_a, key_b in sorted(pairs):
            bar.advance()
            (first, a), (second, b) = owner[key_a], owner[key_b]
            if groups.root(first) == groups.root(second) or (groups.items.get(first) and groups.items.get(second)):
                continue  # one group already, or both identified and not as one thing
            score = names.similarity(a, b, key_a[0] == "person")
            if score >= threshold:
                (first, a), (second, b) = sorted(((first, a), (second, b)))
                if score > best.get((first, second), (0.0,))[0]:
                    best[(first, second)] = (score, a, b)
    return [Link(link_id(first, second), first, second, "fuzzy", round(score, 3), (a, b), "candidate",
                 [f"similar names ({score:.2f})"], ["different spellings"])
            for (first, second), (score, a, b) in sorted(best.items())]


def representative_rank(iri: str) -> tuple[bool, bool, bool, bool, str]:
    """Which of several IRIs of one thing names it: ours (not a Wikidata item's) over others, a real
    one over a skolemised blank node of an import, anything over a name an ingested article
    mentions, a durable one (ngid:japan) over one minted inside an article, then the smallest."""
    return (not iri.startswith(ID), "/.well-known/genid/" in iri, f"/{MENTIONED}/" in iri,
            iri.startswith(ID + "article/"), iri)


def same_as_representatives(store: Store, members: set[str] | None = None) -> dict[str, str]:
    """For every IRI in an owl:sameAs link, the IRI that names its group (representative_rank).
    With `members`, only links between two members count."""
    groups = Groups()
    for row in store.query("SELECT ?a ?b WHERE { ?a owl:sameAs ?b FILTER(isIRI(?a) && isIRI(?b)) }"):
        a, b = row["a"].value, row["b"].value
        if members is None or (a in members and b in members):
            groups.join(a, b)
    return {iri: groups.root(iri) for iri in list(groups.parent)}


def canonical_entities(store: Store, typed_only: bool = False) -> dict[str, Entity]:
    """Entities with those linked by owl:sameAs merged into one, named by the representative IRI:
    an IRI of our own (not a skolem IRI of an imported blank node), else the smallest. With
    `typed_only`, entities of unknown kind (untyped mentions, an article's own mentioned names)
    are left out."""
    known = entities(store)
    if typed_only:
        known = {iri: entity for iri, entity in known.items() if entity.kind != UNKNOWN}
    representative = same_as_representatives(store, set(known))
    merged: dict[str, Entity] = {}
    for iri, entity in known.items():
        name = representative.get(iri, iri)
        head = known.get(name, entity)
        target = merged.setdefault(name, Entity(name, head.kind))
        target.names |= entity.names
        target.identifiers |= entity.identifiers
    return merged


def decisions(store: Store) -> dict[str, str]:
    """Link id -> "accepted" or "rejected", as decided by a user."""
    found = {}
    for quad in store.quads(DECISIONS_GRAPH):
        if quad.predicate.value == NG + "decision":
            found[quad.subject.value.rsplit("/", 1)[-1]] = quad.object.value
    return found


def link_store(store: GraphStore, threshold: float = DEFAULT_THRESHOLD, progress=silent, lookup=None, related=None) -> list[Link]:
    """Find links (and the candidates `lookup(store)` proposes), apply the user's decisions and
    replace graph/links with the result, in one write. The links ingest made (in their own
    graphs) are left as they are, and not found twice. `related(store, links)` proposes more
    links from those decided so far (the events whose participants they join)."""
    ingested = stored_links(store, ingest_only=True)
    links = find_links(store, threshold, progress, exclude={link.first for link in ingested})
    if lookup is not None:
        found = {link.id for link in links}
        links += [link for link in lookup(store) if link.id not in found]
    taken = {link.id for link in ingested}
    links = [link for link in links if link.id not in taken]
    apply_decisions(store, links)
    if related is not None:
        found = {link.id for link in links} | taken
        more = [link for link in related(store, links) if link.id not in found]
        apply_decisions(store, more)
        links += more
    write_links(store, links)
    return links


def identities(store: Store, links: list[Link]) -> dict[str, str]:
    """Each IRI's representative under the owl:sameAs of every graph but `link`'s own set (which
    the run being made replaces) and the accepted `links` of that run: what a run concludes does
    not depend on what the run before it wrote."""
    groups = Groups()
    for row in store.query(f"""SELECT ?a ?b WHERE {{ GRAPH ?g {{ ?a owl:sameAs ?b }}
                                 FILTER(isIRI(?a) && isIRI(?b) && ?g != <{LINKS_GRAPH}>) }}"""):
        groups.join(row["a"].value, row["b"].value)
    for link in links:
        if link.status == "accepted":
            groups.join(link.first, link.second)
    return {iri: groups.root(iri) for iri in list(groups.parent)}


def apply_decisions(store: Store, links: list[Link]) -> None:
    """Give each link the status its user decided, where there is a decision."""
    decided = decisions(store)
    for link in links:
        if link.id in decided:
            link.status = decided[link.id]


def link_triples(links: list[Link]) -> list:
    """The records of `links` and the owl:sameAs / skos:closeMatch triples they hold."""
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
        triples += [ox.Triple(node, ox.NamedNode(NG + "supportingEvidence"), ox.Literal(text)) for text in link.support]
        triples += [ox.Triple(node, ox.NamedNode(NG + "opposingEvidence"), ox.Literal(text)) for text in link.against]
        if link.relation:
            triples.append(ox.Triple(first, ox.NamedNode(link.relation), second))
    return triples


def write_links(store: GraphStore, links: list[Link]) -> None:
    """Replace graph/links with `links`."""
    store.replace_graphs({LINKS_GRAPH: link_triples(links)})


def stored_links(store: Store, ingest_only: bool = False) -> list[Link]:
    """The link records of `link` and of ingest (only ingest's with `ingest_only`)."""
    which = f'STRSTARTS(STR(?lg), "{INGEST_LINKS_PREFIX}")' if ingest_only else sparql_links_graph_test("?lg")
    # Grouped and ordered here rather than by GROUP BY, GROUP_CONCAT and ORDER BY in the query:
    # a third of the time at 11,000 links (bench/RESULTS.md, "Ingest speed").
    names: dict[tuple, list[str]] = defaultdict(list)
    for row in store.query(f"""
        SELECT ?lg ?node ?first ?second ?method ?score ?status ?name WHERE {{
          GRAPH ?lg {{
            ?node a ng:Link ; ng:linkSubject ?first ; ng:linkObject ?second ; ng:linkMethod ?method ;
                  ng:linkScore ?score ; ng:linkStatus ?status ; ng:matchedName ?name .
          }}
          FILTER({which})
        }}"""):
        lg, node, first, second, method, score, status, name = (term.value for term in row)
        names[(lg, node, first, second, method, score, status)].append(name)
    evidence: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for row in store.query(f"""
        SELECT ?node ?p ?text WHERE {{
          GRAPH ?lg {{ ?node ?p ?text VALUES ?p {{ ng:supportingEvidence ng:opposingEvidence }} }}
          FILTER({which})
        }}"""):
        evidence[row["node"].value][row["p"].value == NG + "opposingEvidence"].append(row["text"].value)
    found = []
    for key in sorted(names, key=lambda key: (key[6], key[2], key[3], key[0], key[1])):  # status, first, second
        lg, node, first, second, method, score, status = key
        matched = sorted(names[key])
        support, against = evidence[node]
        found.append(Link(node.rsplit("/", 1)[-1], first, second, method, float(score), (matched[0], matched[-1]), status,
                          sorted(support), sorted(against), lg))
    return found


# The start of the evidence against a link between two things of classes the ontology declares
# disjoint (graph/link/eventmatch.py writes it): such a link can never be accepted.
DISJOINT_KINDS = "the ontology declares "


def _reason_of(against: list[str]) -> str:
    reason = next(reason for reason in against if reason.startswith(DISJOINT_KINDS))
    return reason.split(":")[0]


def decide(store: GraphStore, identifier: str, decision: str) -> Link:
    """Record a user's decision on a link and apply it to the graph that holds the link, in one
    write: graph/links for `link`'s, the article's link graph for ingest's."""
    current = {link.id: link for link in stored_links(store)}
    if identifier not in current:
        raise InputError(f"no link {identifier!r}; `newsgraph links` lists them")
    if decision == "accepted" and any(reason.startswith(DISJOINT_KINDS) for reason in current[identifier].against):
        # owl:sameAs between individuals of disjoint classes makes the store inconsistent.
        raise InputError(f"link {identifier}: {_reason_of(current[identifier].against)}; accepting it would make the "
                         "store inconsistent, so it stays a candidate (reject it, or leave it for review)")
    decided = [q for q in store.quads(DECISIONS_GRAPH) if not q.subject.value.endswith("/" + identifier)]
    node = ox.NamedNode(f"{ID}link/{identifier}")
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in decided]
    triples.append(ox.Triple(node, ox.NamedNode(NG + "decision"), ox.Literal(decision)))
    changed = current[identifier]
    changed.status = decision
    same_graph = [link for link in current.values() if link.graph == changed.graph]
    store.replace_graphs({DECISIONS_GRAPH: triples, changed.graph: link_triples(same_graph)})
    return changed
