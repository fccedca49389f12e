"""Context before identity: what speaks for and against two entities with one name being one.

A name is only a string. Before `link` accepts owl:sameAs on one, it looks at what surrounds the
two entities: the other entities in the documents they occur in (co-mentioned people, places,
organisations, the same event's actors), and the publishers of those documents. Generic names
(bylines such as "Redaktion", "Staff", "Reuters staff", "AP"; lemmas such as "say", "have"; one
common word) identify nothing, whatever the context.
"""

from __future__ import annotations

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


class Context:
    """Signatures of each entity (its identifiers, else its kind and name keys) and, per entity,
    the signatures of what occurs beside it, computed on demand."""

    def __init__(self, signals: Signals):
        self.signals = signals
        self._neighbours: dict[str, frozenset] = {}

    def signature(self, entity: Entity) -> frozenset:
        if entity.identifiers:
            return frozenset(entity.identifiers)
        person = entity.kind == "person"
        return frozenset((entity.kind, names.key(name, person)) for name in entity.names
                         if not generic(name, entity.kind) and names.key(name, person))

    def neighbours(self, iri: str) -> frozenset:
        if iri not in self._neighbours:
            entity = self.signals.entities[iri]
            own = self.signature(entity)
            found: set = set()
            for document in entity.documents:
                for other in self.signals.members.get(document, ()):
                    if other != iri and other in self.signals.entities:
                        found |= self.signature(self.signals.entities[other])
            self._neighbours[iri] = frozenset(found - own)
        return self._neighbours[iri]

    def publishers(self, iri: str) -> set[str]:
        found = set()
        for document in self.signals.entities[iri].documents:
            found |= {names.key(name) for name in self.signals.publishers.get(document, ())}
        return found

    def weigh(self, first: str, seconds: list[str]) -> tuple[list[str], list[str], int]:
        """Evidence for and against `first` being the same as the group `seconds`, and how much
        context they share: the co-mentioned entities in common, plus one each for the same
        publisher, the same web site, the same document."""
        shared, publishers, sites, documents = set(), set(), set(), set()
        entity = self.signals.entities[first]
        for second in seconds:
            documents |= {d for d in entity.documents & self.signals.entities[second].documents if d in self.signals.members}
            shared |= self.neighbours(first) & self.neighbours(second)
            publishers |= self.publishers(first) & self.publishers(second)
            sites |= entity.sites & self.signals.entities[second].sites
        own = {names.key(name) for iri in [first] + seconds for name in self.signals.entities[iri].names}
        publishers -= own  # a publisher is not its own context
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
