"""Look entities up by label on a Wikidata-compatible SPARQL endpoint (`link --wikidata`).

Only when asked: nothing here runs unless the user names an endpoint. Labels are sent as bound
values, RDF literals serialised by pyoxigraph inside a VALUES block, never pasted text; each
request has a time limit. Every item found becomes a candidate link (skos:closeMatch, method
"wikidata-lookup") for the user to accept or reject with `newsgraph links`.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..remote import RemoteStore
from .resolve import (
    Link,
    canonical_entities,
    decisions,
    link_id,
    stored_links,
    write_links,
)

BATCH = 50


def lookup_candidates(store, endpoint: str, timeout: float) -> list[Link]:
    """Query `endpoint` for items whose English label is one of our entities' names; add them to
    the link set as candidates (decisions applied) and return the whole link set."""
    wanted: dict[str, set[str]] = {}
    for entity in canonical_entities(store).values():
        if entity.wikidata or entity.kind not in ("person", "organisation", "place"):
            continue
        for name in entity.names:
            wanted.setdefault(name, set()).add(entity.iri)
    links = {link.id: link for link in stored_links(store)}
    decided = decisions(store)
    names = sorted(wanted)
    for start in range(0, len(names), BATCH):
        batch = names[start:start + BATCH]
        values = " ".join(str(ox.Literal(name, language="en")) for name in batch)
        query = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                 f"SELECT ?item ?label WHERE {{ VALUES ?label {{ {values} }} ?item rdfs:label ?label }}")
        for item, label in _select(endpoint, query, timeout):
            for iri in sorted(wanted.get(label, ())):
                identifier = link_id(iri, item)
                if identifier not in links:
                    links[identifier] = Link(identifier, iri, item, "wikidata-lookup", 1.0, (label, label),
                                             decided.get(identifier, "candidate"))
    result = sorted(links.values(), key=lambda link: link.id)
    write_links(store, result)
    return result


def _select(endpoint: str, query: str, timeout: float) -> list[tuple[str, str]]:
    rows = RemoteStore(endpoint, timeout=timeout).query(query, source=f"the look-up sent to {endpoint}")
    return [(row["item"].value, row["label"].value) for row in rows]
