"""Context before identity: what speaks for and against two entities with one name being one.

A name is only a string. Before `link` accepts owl:sameAs on one, it looks at what surrounds the
two entities: the other entities in the documents they occur in (co-mentioned people, places,
organisations, the same event's actors), and the publishers of those documents. Generic names
(bylines such as "Redaktion", "Staff", "Reuters staff", "AP"; lemmas such as "say", "have"; one
common word) identify nothing, whatever the context.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import names
from .signals import UNKNOWN, Entity, Signals

# Bylines and desks: names a newsroom signs with, which two newsrooms share without being one.
BYLINES = frozenset("""
redaktion redaktionen staff editor editors editorial newsroom desk team reporter reporters
correspondent correspondents agency agencies wire wires admin administrator guest contributor
contributors author authors writer writers press news online digital web media service services
""".split())
# News agencies: as an author ("Reuters", "AP staff"), a credit line, not a person.
AGENCIES = frozenset("ap afp dpa reuters ansa efe kyodo yonhap xinhua apa sda epd kna pa upi bloomberg".split())
# Words of more than two letters that name kinds of things rather than one thing.
COMMON = frozenset("""
government police court state states city country people company companies group market markets
president minister ministry official officials party army bank council committee university
school hospital church house office world nation nations people
""".split())


@lru_cache(maxsize=1 << 16)
def generic(name: str, kind: str = UNKNOWN) -> str | None:
    """Why a name identifies nothing on its own (a byline, a lemma, one common word), or None.
    An agency's name is a byline as a person's name, and a name as an organisation's."""
    raw = names.tokens(name)
    if not raw:
        return "no letters"
    credits = BYLINES | AGENCIES if kind in ("person", UNKNOWN) else BYLINES
    if all(token in credits for token in raw):
        return "a byline or agency credit"
    if name == name.lower() and any(ch.isalpha() for ch in name):
        return "a lemma or a description in lower case"  # "say", "the prosecutor", "three month"
    if len(raw) == 1:
        if raw[0] in COMMON or len(raw[0]) <= 2:
            return "a single common word"
    return None


def full_name(name: str, kind: str) -> bool:
    """A person's name with at least a given name and a surname; any other entity's whole name."""
    return len(names.person_tokens(name)) >= 2 if kind == "person" else bool(names.key(name))


@dataclass(frozen=True)
class Profile:
    """What surrounds an entity, or a group of them: the signatures of what occurs beside it, its
    documents' publishers, its web sites, its documents and its own name keys."""
    neighbours: frozenset = frozenset()
    publishers: frozenset = frozenset()
    sites: frozenset = frozenset()
    documents: frozenset = frozenset()
    own: frozenset = frozenset()

    def __or__(self, other: Profile) -> Profile:
        return Profile(self.neighbours | other.neighbours, self.publishers | other.publishers, self.sites | other.sites,
                       self.documents | other.documents, self.own | other.own)


class Context:
    """Signatures of each entity (its identifiers, else its kind and name keys) and, per entity
    and per group, the profile of what surrounds it, computed on demand."""

    def __init__(self, signals: Signals):
        self.signals = signals
        self._profiles: dict[str, Profile] = {}
        self._groups: dict[str, Profile] = {}

    def signature(self, entity: Entity) -> frozenset:
        if entity.identifiers:
            return frozenset(entity.identifiers)
        person = entity.kind == "person"
        return frozenset((entity.kind, names.key(name, person)) for name in entity.names
                         if not generic(name, entity.kind) and names.key(name, person))

    def profile(self, iri: str) -> Profile:
        if iri not in self._profiles:
            entity = self.signals.entities[iri]
            own = self.signature(entity)
            found: set = set()
            publishers: set = set()
            for document in entity.documents:
                for other in self.signals.members.get(document, ()):
                    if other != iri and other in self.signals.entities:
                        found |= self.signature(self.signals.entities[other])
                publishers |= {names.key(name) for name in self.signals.publishers.get(document, ())}
            self._profiles[iri] = Profile(frozenset(found - own), frozenset(publishers), frozenset(entity.sites),
                                          frozenset(d for d in entity.documents if d in self.signals.members),
                                          frozenset(names.key(name) for name in entity.names))
        return self._profiles[iri]

    def group(self, root: str, members: list[str]) -> Profile:
        """The profile of a group: the union of its members' (cached until the group grows)."""
        if root not in self._groups:
            found = self.profile(root)
            for member in members:
                found = found | self.profile(member)
            self._groups[root] = found
        return self._groups[root]

    def joined(self, new_root: str, first: Profile, second: Profile) -> None:
        self._groups[new_root] = first | second

    def weigh(self, first: Profile, second: Profile) -> tuple[list[str], list[str], int]:
        """Evidence for and against two entities (or groups) being one, and how much context they
        share: the co-mentioned entities in common, plus one each for the same publisher, the same
        web site, the same document."""
        shared = first.neighbours & second.neighbours
        publishers = (first.publishers & second.publishers) - first.own - second.own  # a publisher is not its own context
        sites = first.sites & second.sites
        documents = first.documents & second.documents
        support, against = [], []
        if shared:
            shown = sorted(_show(sig) for sig in shared)
            support.append(f"shared context: {', '.join(shown[:5])}" + (f" and {len(shown) - 5} more" if len(shown) > 5 else ""))
        if publishers:
            support.append(f"same publisher: {', '.join(sorted(publishers))}")
        if sites:
            support.append(f"same web site: {', '.join(sorted(sites))}")
        if documents:
            support.append(f"in the same document: {', '.join(sorted(documents)[:3])}")
        if not support:
            against.append("no co-mentioned entity, publisher, web site or document in common")
        return support, against, len(shared) + bool(publishers) + bool(sites) + bool(documents)


def _show(signature) -> str:
    if isinstance(signature, str):
        return signature
    return signature[1]


def kinds_compatible(first: Entity, second: Entity) -> bool:
    """Same coarse kind (or event class); an untyped entity is compatible with none on a name."""
    return first.kind == second.kind and first.kind != UNKNOWN
