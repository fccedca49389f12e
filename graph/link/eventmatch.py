"""One event in two reports: an event that one article announces ("will meet ... on June 12") and
another reports as done ("met ... on Thursday") are matched on their facts, never on their labels:
the same or a compatible kind (`compatible`), participants in common, dates within a window, no
conflicting round number (a place named differently, "Washington" and "the United States", speaks
against a match but does not forbid it).

Compatible kinds: one report's "meeting" is another's "summit" or "round of talks". The event kinds
of the ontology all sit directly under sem:Event, so the hierarchy gives only what a subclass gives
(a PurchaseProposal is a Proposal); the rest is the short list MEETING_LIKE, read from the classes'
own definitions (a round is "one meeting in a series of negotiations", a summit "a meeting of heads
of government", a negotiation is "made of rounds"). A Visit is not among them: a visit holds
meetings (sem:subEventOf), it is not one. Kinds the ontology declares disjoint (Negotiation and
NegotiationRound) are never made one individual: their match stays a candidate for review. A match
on compatible kinds scores lower than one on the same kind, and needs stronger evidence to become
owl:sameAs (docs/decisions.md): two participants or more, all of the report naming fewer in the
other, both dates days within the window, no place against.

Each match is a link record of `link`'s set (method "event"), with what speaks for and against it;
an owl:sameAs where every participant of the report that names fewer is in the other, else a
skos:closeMatch candidate. `links --reject` undoes either. Both reports keep their own status
(scheduled, took place) and the source of each, so the event-reports query shows how the story
moved from plan to fact.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ...ontology import NG
from .resolve import DISJOINT_KINDS, Link, identities, link_id

if TYPE_CHECKING:
    from ..store import Store

WINDOW = timedelta(days=1)  # a day either way: time zones, "Friday" read on Saturday
MAX_BLOCK = 50  # events of one kind with one participant on one day: more says nothing
STATUS = {"https://schema.org/EventScheduled": "scheduled", NG + "EventTookPlace": "took place"}

_EVENTS = """SELECT ?g ?e ?type ?label ?actor ?place ?date ?begin ?end ?pbegin ?pend ?round ?status WHERE {
  { SELECT DISTINCT ?type WHERE { ?type rdfs:subClassOf+ sem:Event FILTER(STRSTARTS(STR(?type), STR(ng:))) } }
  GRAPH ?g { ?e a ?type }
  OPTIONAL { ?e rdfs:label ?label }
  OPTIONAL { ?e sem:hasActor ?actor }
  OPTIONAL { ?e sem:hasPlace ?place }
  OPTIONAL { ?e time:hasTime/time:inXSDDate ?date }
  OPTIONAL { ?e time:hasTime ?t . ?t time:hasBeginning/time:inXSDDate ?begin ; time:hasEnd/time:inXSDDate ?end }
  OPTIONAL { ?e time:hasTime ?t2 . ?p time:inside ?t2 ; time:hasBeginning/time:inXSDDate ?pbegin ; time:hasEnd/time:inXSDDate ?pend }
  OPTIONAL { ?e ng:roundNumber ?round }
  OPTIONAL { ?e schema:eventStatus ?status }
}"""


@dataclass
class Reported:
    iri: str
    kind: str
    graph: str
    label: str = ""
    actors: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    first: date | None = None
    last: date | None = None
    rounds: set[str] = field(default_factory=set)
    statuses: set[str] = field(default_factory=set)


def reported_events(store: Store, links: list[Link] = ()) -> dict[str, Reported]:
    """The events of the store's article graphs with the facts a match needs; participants and
    places named by their representatives (owl:sameAs, and the accepted `links` of this run)."""
    same = identities(store, list(links))
    found: dict[str, Reported] = {}
    for row in store.query(_EVENTS):
        iri = row["e"].value
        event = found.get(iri)
        if event is None:
            event = found[iri] = Reported(iri, row["type"].value.rsplit("#", 1)[-1], row["g"].value)
        if row["label"] is not None and not event.label:
            event.label = row["label"].value
        if row["actor"] is not None:
            event.actors.add(same.get(row["actor"].value, row["actor"].value))
        if row["place"] is not None:
            event.places.add(same.get(row["place"].value, row["place"].value))
        # a day; a period ("last week"); a month with the part of it the text names ("mid-June":
        # the instant's gYearMonth, time:inside the period of the 11th to the 20th)
        for first, last in ((row["date"], row["date"]), (row["begin"], row["end"]), (row["pbegin"], row["pend"])):
            if first is not None and last is not None:
                try:
                    a, b = date.fromisoformat(first.value[:10]), date.fromisoformat(last.value[:10])
                except ValueError:
                    continue
                event.first = a if event.first is None else min(event.first, a)
                event.last = b if event.last is None else max(event.last, b)
        if row["round"] is not None:
            event.rounds.add(row["round"].value)
        if row["status"] is not None:
            event.statuses.add(STATUS.get(row["status"].value, row["status"].value.rsplit("/", 1)[-1]))
    return found


# Kinds that one event may be reported as, from the classes' definitions (module docstring).
MEETING_LIKE = frozenset({"Meeting", "Summit", "NegotiationRound", "Negotiation"})


@dataclass(frozen=True)
class Kinds:
    """The ontology's event kinds as the match needs them: which are subclasses of which (below
    sem:Event), and which are declared disjoint."""
    below: frozenset[tuple[str, str]] = frozenset()  # (sub, super), transitive
    disjoint: frozenset[frozenset[str]] = frozenset()

    def relation(self, a: str, b: str) -> str | None:
        """"same", "compatible" or None (no match between these kinds)."""
        if a == b:
            return "same"
        if (a, b) in self.below or (b, a) in self.below or (a in MEETING_LIKE and b in MEETING_LIKE):
            return "compatible"
        return None

    def family(self, kind: str) -> str:
        """The block an event of this kind is compared in: every kind it can match is in it."""
        if kind in MEETING_LIKE:
            return "Meeting"
        tops = sorted(b for a, b in self.below if a == kind and not any(x == b for x, _ in self.below))
        return tops[0] if tops else kind

    def are_disjoint(self, a: str, b: str) -> bool:
        return frozenset((a, b)) in self.disjoint


def _tail_kind(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def event_kinds(store: Store) -> Kinds:
    """The subclasses and the disjoint classes among the ontology's event kinds, from the store."""
    below = set()
    for row in store.query("""SELECT ?a ?b WHERE { ?a rdfs:subClassOf+ ?b . ?b rdfs:subClassOf+ sem:Event
            FILTER(STRSTARTS(STR(?a), STR(ng:)) && STRSTARTS(STR(?b), STR(ng:))) }"""):
        below.add((_tail_kind(row["a"].value), _tail_kind(row["b"].value)))
    disjoint = set()
    for row in store.query("""SELECT ?a ?b WHERE {
            { ?x a owl:AllDisjointClasses ; owl:members/rdf:rest*/rdf:first ?a , ?b } UNION { ?a owl:disjointWith ?b }
            FILTER(?a != ?b && STRSTARTS(STR(?a), STR(ng:)) && STRSTARTS(STR(?b), STR(ng:))) }"""):
        disjoint.add(frozenset((_tail_kind(row["a"].value), _tail_kind(row["b"].value))))
    return Kinds(frozenset(below), frozenset(disjoint))


def find_event_links(store: Store, links: list[Link] = (), taken: set[str] = frozenset()) -> list[Link]:
    """Links between reports of one event in different graphs, their participants identified by
    owl:sameAs and the accepted `links` found so far; `taken`: link ids found already."""
    events = [e for e in reported_events(store, links).values() if e.actors and e.first is not None]
    kinds = event_kinds(store)
    blocks: dict[tuple, list[Reported]] = defaultdict(list)
    for event in events:
        if (event.last - event.first).days > 31:
            continue  # "this year" says too little to match on
        day = event.first - WINDOW
        while day <= event.last + WINDOW:
            for actor in event.actors:
                blocks[(kinds.family(event.kind), actor, day)].append(event)
            day += timedelta(days=1)
    pairs: set[tuple[str, str]] = set()
    by_iri = {e.iri: e for e in events}
    for members in blocks.values():
        if 1 < len(members) <= MAX_BLOCK:
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    if a.graph != b.graph:
                        pairs.add(tuple(sorted((a.iri, b.iri))))
    links = []
    for first, second in sorted(pairs):
        link = _weigh(by_iri[first], by_iri[second], kinds)
        if link is not None and link.id not in taken:
            links.append(link)
    return links


def within_window(a: Reported, b: Reported) -> bool:
    """The dates agree: days at most WINDOW apart, a day inside a period or a day next to it,
    periods that overlap or touch within WINDOW."""
    return not (a.last + WINDOW < b.first or b.last + WINDOW < a.first)


def _weigh(a: Reported, b: Reported, kinds: Kinds = Kinds()) -> Link | None:
    relation = kinds.relation(a.kind, b.kind)
    if relation is None:
        return None
    if a.rounds and b.rounds and not a.rounds & b.rounds:
        return None  # the third round is not the fourth
    if not within_window(a, b):
        return None
    shared = a.actors & b.actors
    if not shared:
        return None  # events with no participant in common are two events
    fewer = min(len(a.actors), len(b.actors))
    pair = " and ".join(sorted((a.kind, b.kind)))
    support = [f"same kind ({a.kind})" if relation == "same" else f"compatible kinds: {pair}",
               "shared participants: " + ", ".join(sorted(_tail(x) for x in shared)),
               f"dates agree: {_days(a)} and {_days(b)}"]
    against = []
    if relation == "compatible":
        against.append(f"different kinds: {pair}")
    disjoint = kinds.are_disjoint(a.kind, b.kind)
    if disjoint:
        against.append(f"{DISJOINT_KINDS}{pair} disjoint: one may be part of the other, not the same event; "
                       "a candidate only")
    only = (a.actors | b.actors) - shared
    if only:
        against.append("participants named by one report only: " + ", ".join(sorted(_tail(x) for x in only)))
    if a.places & b.places:
        support.append("same place: " + ", ".join(sorted(_tail(x) for x in a.places & b.places)))
    elif a.places and b.places:
        against.append("different places: " + ", ".join(sorted(_tail(x) for x in a.places | b.places)))
    elif a.places or b.places:
        against.append("place named by one report only")
    if a.rounds & b.rounds:
        support.append(f"same round ({min(a.rounds & b.rounds)})")
    if a.first == a.last and b.first == b.last and a.first != b.first:
        against.append("the dates are a day apart (a time zone, or a day named where another report names the next)")
    elif (a.first, a.last) != (b.first, b.last):
        against.append("the dates are not the same day or period")
    statuses = f"{'/'.join(sorted(a.statuses)) or 'no status'} in {_tail(a.graph)}, {'/'.join(sorted(b.statuses)) or 'no status'} in {_tail(b.graph)}"
    support.append("each report keeps its status: " + statuses)
    score = (0.6 if relation == "same" else 0.5) + 0.2 * len(shared) / max(fewer, 1) \
        + (0.1 if (a.first, a.last) == (b.first, b.last) else 0.0) + (0.1 if a.places & b.places or a.rounds & b.rounds else 0.0)
    places_differ = bool(a.places and b.places and not a.places & b.places)
    accepted = len(shared) == fewer and score >= 0.85 and not places_differ
    if relation == "compatible":
        # stronger evidence: two participants or more, every one of the report naming fewer in the
        # other, both dates days within the window (not a "mid-June"), the same place or the same
        # day, no place against
        days = a.first == a.last and b.first == b.last
        accepted = (not disjoint and len(shared) == fewer and len(shared) >= 2 and days
                    and bool(a.places & b.places or a.first == b.first) and not places_differ and bool(a.places) == bool(b.places))
    first, second = sorted((a.iri, b.iri))
    names = tuple(sorted((a.label or _tail(a.iri), b.label or _tail(b.iri))))
    return Link(link_id(first, second), first, second, "event", round(min(score, 1.0), 3), names,
                "accepted" if accepted else "candidate", support, against)


def _days(event: Reported) -> str:
    return event.first.isoformat() if event.first == event.last else f"{event.first.isoformat()}..{event.last.isoformat()}"


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]
