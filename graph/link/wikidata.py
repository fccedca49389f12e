"""Look entities up by label on a Wikidata-compatible SPARQL endpoint (`link --wikidata`).

Only when asked: nothing here runs unless the user names an endpoint. Labels are sent as bound
values, RDF literals serialised by pyoxigraph inside a VALUES block, never pasted text; each
request has a time limit. Every item found becomes a candidate link (skos:closeMatch, method
"wikidata-lookup") in the link set `link` writes, for the user to accept or reject.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..remote import RemoteStore
from .resolve import Link, canonical_entities, link_id

if TYPE_CHECKING:
    from ..store import Store

BATCH = 50


def lookup_candidates(store: Store, endpoint: str, timeout: float) -> list[Link]:
    """Candidate links (method "wikidata-lookup") to the items of `endpoint` whose English label
    is one of our entities' names."""
    wanted: dict[str, set[str]] = {}
    for entity in canonical_entities(store).values():
        if entity.wikidata or entity.kind not in ("person", "organisation", "place"):
            continue
        for name in entity.names:
            wanted.setdefault(name, set()).add(entity.iri)
    links: dict[str, Link] = {}
    names = sorted(wanted)
    for start in range(0, len(names), BATCH):
        batch = names[start:start + BATCH]
        values = " ".join(str(ox.Literal(name, language="en")) for name in batch)
        query = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                 f"SELECT ?item ?label WHERE {{ VALUES ?label {{ {values} }} ?item rdfs:label ?label }}")
        for item, label in _select(endpoint, query, timeout):
            for iri in sorted(wanted.get(label, ())):
                identifier = link_id(iri, item)
                links.setdefault(identifier, Link(identifier, iri, item, "wikidata-lookup", 1.0, (label, label), "candidate"))
    return sorted(links.values(), key=lambda link: link.id)


def _select(endpoint: str, query: str, timeout: float) -> list[tuple[str, str]]:
    rows = RemoteStore(endpoint, timeout=timeout).query(query, source=f"the look-up sent to {endpoint}")
    return [(row["item"].value, row["label"].value) for row in rows]
