"""The timeline: everything with a dated time (events, reports, periods) and every imported article
by its publication date, in date order, with participants, place, sources and status; months and
years as ranges."""

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
    # The same two kinds of entry as the named query `timeline`: things with a dated time (events,
    # reports, periods; NewsReader's events once import has aligned them), and imported articles
    # and documents on the day they were published. DISTINCT: a SPARQL server whose default graph
    # repeats a triple once per graph that states it (Virtuoso: a kind's or a place's label restated
    # by every article) would repeat the rows, past its row limit at the 100k bench scale.
    for row in store.query("""
        SELECT DISTINCT ?x ?what ?kind ?when ?status ?place ?resolved ?published ?source WHERE {
          {
            ?x time:hasTime ?t ; rdfs:label ?what .
            ?t time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear ?resolved .
            OPTIONAL { ?x a/rdfs:label ?kind }
            OPTIONAL { ?t ng:originalExpression ?when }
            OPTIONAL { ?x schema:eventStatus/rdfs:label ?status }
            OPTIONAL { ?x sem:hasPlace/rdfs:label ?place }
          } UNION {
            ?x a schema:CreativeWork ; schema:datePublished ?published .
            BIND(IF(DATATYPE(?published) = xsd:dateTime, xsd:date(?published), ?published) AS ?resolved)
            FILTER(DATATYPE(?resolved) = xsd:date)
            OPTIONAL { ?x rdfs:label ?title }
            OPTIONAL { ?x schema:publisher/rdfs:label ?publisher }
            OPTIONAL { GRAPH ?g { ?x schema:datePublished ?published } }
            BIND(COALESCE(?title, STR(?x)) AS ?what)
            BIND("article" AS ?kind)
            BIND(COALESCE(?publisher, STR(?g)) AS ?source)
          }
        }"""):
        resolved = ResolvedDate(row["resolved"].datatype.value.rsplit("#", 1)[-1], row["resolved"].value)
        try:
            resolved.first_day, resolved.last_day
        except ValueError:  # a year Python's dates do not hold (before 1, after 9999), or a malformed value
            continue
        x = row["x"]
        # The thing's IRI written into the text (a term from the store, serialised by pyoxigraph), not
        # substituted: pyoxigraph plans as if a substituted ?x were unbound, reading every label
        # first (120 ms a row at 100k, 806 rows: two minutes; 0.1 ms written in).
        actors = "?x sem:hasActor|ng:proposedBy|ng:deficitCountry|ng:partnerCountry|ng:reportedBy ?a . ?a rdfs:label ?label }"
        participants = sorted({r["label"].value for r in (
            store.query(f"SELECT ?label WHERE {{ VALUES ?x {{ {x} }} {actors}") if isinstance(x, ox.NamedNode)
            else store.query("SELECT ?x ?label WHERE { " + actors, {"x": x}))})
        if focus is not None and row["published"] is not None:
            if x.value not in focus:  # an article is no event its entities take part in
                continue
        elif focus is not None:
            actors = {r["a"].value for r in store.query("SELECT ?x ?a WHERE { ?x ?p ?a FILTER(isIRI(?a)) }", {"x": x})}
            if not actors & focus and x.value not in focus:
                continue
        if row["source"] is not None:
            sources = [row["source"].value]
        else:
            # Who the article attributes it to; else the article it is reported in, where known.
            sources = sorted({r["source"].value for r in store.query(
                "SELECT ?x ?source WHERE { ?st rdf:subject ?x ; gaf:denotedBy/grasp:wasAttributedTo/rdfs:label ?source }",
                {"x": x})}) or sorted({r["source"].value for r in store.query("""
                SELECT ?x ?source WHERE {
                  ?x ^rdf:subject/gaf:denotedBy/nif:referenceContext|^schema:mentions ?article .
                  OPTIONAL { ?article rdfs:label ?title } BIND(COALESCE(?title, STR(?article)) AS ?source) }""", {"x": x})})
        events.append(TimelineEvent(resolved.first_day.isoformat(), resolved.last_day.isoformat(),
                                    row["when"].value if row["when"] is not None else "", row["what"].value,
                                    row["kind"].value if row["kind"] is not None else "",
                                    row["status"].value if row["status"] is not None else "",
                                    row["place"].value if row["place"] is not None else "", participants, sources))
    # One entry a day, name and status; of several, the first in full order, so that every engine
    # keeps the same one whatever order its rows come in.
    unique: dict[tuple[str, str, str], TimelineEvent] = {}
    for e in sorted(events, key=lambda e: (e.start, e.what, e.status, e.end, e.when, e.kind, e.place,
                                           e.participants, e.sources)):
        unique.setdefault((e.start, e.what, e.status), e)
    return sorted(unique.values(), key=lambda e: (e.start, e.end, e.what))
