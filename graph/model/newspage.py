"""Map schema.org news pages (JSON-LD from HTML) onto newsgraph's model.

A page's JSON-LD uses the http://schema.org/ vocabulary of the published context. newsgraph keeps
those triples with the vocabulary moved to https://schema.org/ (the ontology's namespace) and adds,
for each NewsArticle, Article or ReportageNewsArticle:
- the article with its headline, url, publication date (xsd:date) and language;
- its authors as foaf:Person and its publisher as schema:NewsMediaOrganization, with rdfs:label;
- what it is about and what it mentions, typed as people, organisations or places, with
  rdfs:label, and linked by schema:about / schema:mentions.
Every added triple gets a statement node derived from the page (prov:wasDerivedFrom), so it
carries its source like any fact from outside an article's text.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox

from ...ontology import FOAF, ID, ORG, PROV, RDF, RDFS, SCHEMA, XSD

HTTP_SCHEMA = "http://schema.org/"
ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BackgroundNewsArticle"}
ENTITY_TYPES = {
    "Person": FOAF + "Person",
    "Organization": ORG + "Organization",
    "Corporation": SCHEMA + "Corporation",
    "NewsMediaOrganization": SCHEMA + "NewsMediaOrganization",
    "GovernmentOrganization": SCHEMA + "GovernmentOrganization",
    "Country": SCHEMA + "Country",
    "City": SCHEMA + "City",
    "Place": SCHEMA + "Place",
}


def _https(term):
    if isinstance(term, ox.NamedNode) and term.value.startswith(HTTP_SCHEMA):
        return ox.NamedNode(SCHEMA + term.value[len(HTTP_SCHEMA):])
    return term


def map_news_pages(quads: list, page: str) -> list:
    original = quads
    # Dates are re-stated below as xsd:date; the page's untyped strings would only compete with them.
    quads = [ox.Quad(q.subject, _https(q.predicate), _https(q.object), q.graph_name) for q in quads
             if _https(q.predicate).value not in (SCHEMA + "datePublished", SCHEMA + "dateModified")]
    by_subject: dict = {}
    for q in quads:
        by_subject.setdefault(q.subject, []).append(q)

    def values(node, local):
        return [q.object for q in by_subject.get(node, []) if q.predicate.value == SCHEMA + local]

    def types(node):
        return {t.value[len(SCHEMA):] for t in values_of_type(node)}

    def values_of_type(node):
        return [q.object for q in by_subject.get(node, []) if q.predicate.value == RDF + "type"
                and q.object.value.startswith(SCHEMA)]

    page_dates = {}
    for q in original:
        if q.predicate.value in (HTTP_SCHEMA + "datePublished", SCHEMA + "datePublished"):
            page_dates.setdefault(q.subject, []).append(q.object)
    added: list = []
    rdf_type, label = ox.NamedNode(RDF + "type"), ox.NamedNode(RDFS + "label")

    def describe(node, default_type):
        kinds = types(node)
        mapped = next((ENTITY_TYPES[k] for k in ("Corporation", "NewsMediaOrganization", "GovernmentOrganization",
                                                  "Country", "City", "Person", "Organization", "Place") if k in kinds), default_type)
        added.append(ox.Triple(node, rdf_type, ox.NamedNode(mapped)))
        for name in values(node, "name")[:1]:
            added.append(ox.Triple(node, label, ox.Literal(name.value, language="en")))

    for subject in list(by_subject):
        if not types(subject) & ARTICLE_TYPES:
            continue
        added.append(ox.Triple(subject, rdf_type, ox.NamedNode(SCHEMA + "NewsArticle")))
        for headline in values(subject, "headline")[:1]:
            added.append(ox.Triple(subject, ox.NamedNode(SCHEMA + "headline"), ox.Literal(headline.value)))
            added.append(ox.Triple(subject, label, ox.Literal(headline.value, language="en")))
        for published in page_dates.get(subject, [])[:1]:
            day = published.value[:10]
            added.append(ox.Triple(subject, ox.NamedNode(SCHEMA + "datePublished"), ox.Literal(day, datatype=ox.NamedNode(XSD + "date"))))
        for author in values(subject, "author"):
            describe(author, FOAF + "Person")
            added.append(ox.Triple(subject, ox.NamedNode(SCHEMA + "author"), author))
        for publisher in values(subject, "publisher"):
            describe(publisher, SCHEMA + "NewsMediaOrganization")
            added.append(ox.Triple(subject, ox.NamedNode(SCHEMA + "publisher"), publisher))
        for relation in ("about", "mentions"):
            for entity in values(subject, relation):
                describe(entity, ORG + "Organization")
                added.append(ox.Triple(subject, ox.NamedNode(SCHEMA + "mentions"), entity))
                if relation == "about":
                    added.append(ox.Triple(subject, ox.NamedNode(SCHEMA + "about"), entity))
    page_iri = ox.NamedNode(page if "://" in page else Path(page).resolve().as_uri())
    statements = []
    for triple in dict.fromkeys(added):
        key = f"{triple.subject} {triple.predicate} {triple.object}"
        node = ox.NamedNode(ID + "statement/" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:20])
        statements += [
            ox.Triple(node, rdf_type, ox.NamedNode(RDF + "Statement")),
            ox.Triple(node, ox.NamedNode(RDF + "subject"), triple.subject),
            ox.Triple(node, ox.NamedNode(RDF + "predicate"), triple.predicate),
            ox.Triple(node, ox.NamedNode(RDF + "object"), triple.object),
            ox.Triple(node, ox.NamedNode(PROV + "wasDerivedFrom"), page_iri),
        ]
    return quads + [ox.Quad(t.subject, t.predicate, t.object) for t in list(dict.fromkeys(added)) + statements]
