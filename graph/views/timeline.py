"""The timeline: everything with a time (events, reports, periods) in date order, with its
participants, place, sources and status; months and years as ranges."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..link.resolve import same_as_representatives
from ..model.dates import ResolvedDate
from .describe import find_entity

if TYPE_CHECKING:
    from ..store import Store


@dataclass
class TimelineEvent:
    start: str  # first day, ISO
    end: str  # last day, ISO (= start for a day)
    when: str  # the text's words
    what: str
    kind: str
    status: str
    place: str
    participants: list[str]
    sources: list[str]


def timeline(store: Store, entity: str | None = None) -> list[TimelineEvent]:
    """Everything with a time, in date order; months and years as ranges."""
    focus = None
    if entity:
        found = find_entity(store, entity)
        canonical = same_as_representatives(store)
        root = canonical.get(found, found)
        focus = {iri for iri, r in canonical.items() if r == root} | {found}
    events = []
    for row in store.query("""
        SELECT ?x ?what ?kind ?when ?status ?place ?day ?month ?year WHERE {
          ?x time:hasTime ?t ; rdfs:label ?what ; a ?type . ?type rdfs:label ?kind .
          OPTIONAL { ?t time:inXSDDate ?day } OPTIONAL { ?t time:inXSDgYearMonth ?month } OPTIONAL { ?t time:inXSDgYear ?year }
          OPTIONAL { ?t ng:originalExpression ?when }
          OPTIONAL { ?x schema:eventStatus/rdfs:label ?status }
          OPTIONAL { ?x sem:hasPlace/rdfs:label ?place }
        }"""):
        if row["day"] is not None:
            resolved = ResolvedDate("date", row["day"].value)
        elif row["month"] is not None:
            resolved = ResolvedDate("gYearMonth", row["month"].value)
        elif row["year"] is not None:
            resolved = ResolvedDate("gYear", row["year"].value)
        else:
            continue
        x = row["x"]
        participants = sorted({r["label"].value for r in store.query(
            "SELECT ?x ?label WHERE { ?x sem:hasActor|ng:proposedBy|ng:deficitCountry|ng:partnerCountry|ng:reportedBy ?a . ?a rdfs:label ?label }",
            {"x": x})})
        if focus is not None:
            actors = {r["a"].value for r in store.query("SELECT ?x ?a WHERE { ?x ?p ?a FILTER(isIRI(?a)) }", {"x": x})}
            if not actors & focus and x.value not in focus:
                continue
        sources = sorted({r["source"].value for r in store.query(
            "SELECT DISTINCT ?x ?source WHERE { ?st rdf:subject ?x ; gaf:denotedBy/grasp:wasAttributedTo/rdfs:label ?source }",
            {"x": ox.NamedNode(x.value)})})
        events.append(TimelineEvent(resolved.first_day.isoformat(), resolved.last_day.isoformat(),
                                    row["when"].value if row["when"] is not None else "", row["what"].value, row["kind"].value,
                                    row["status"].value if row["status"] is not None else "",
                                    row["place"].value if row["place"] is not None else "", participants, sources))
    unique = {(e.start, e.what, e.status): e for e in events}
    return sorted(unique.values(), key=lambda e: (e.start, e.end, e.what))
