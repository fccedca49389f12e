"""Map schema.org news pages (JSON-LD from HTML) onto newsgraph's model.

A page's JSON-LD uses the schema.org vocabulary, over http or https. newsgraph keeps those triples
with the vocabulary written as https://schema.org/ (the ontology's namespace: schema.org treats
both alike) and adds, for each NewsArticle, Article or ReportageNewsArticle:
- the article with its headline, canonical address (schema:url, an IRI as schema.org's context
  makes it), publication date (xsd:date, from datePublished or dateCreated) and language;
- its authors and creators as foaf:Person and its publisher as schema:NewsMediaOrganization, with
  rdfs:label; a name given as a plain string becomes an entity of its own, named by it;
- what it is about and what it mentions, typed as people, organisations or places, with
  rdfs:label, and linked by schema:about / schema:mentions.
Names carry the page's language (the article's inLanguage, else the page's <html lang>), or
none; HTML entities in them are decoded. A date no parser reads is kept as the page's text, with a
warning. Every added triple gets a statement derived from the page, at its canonical address
(prov:wasDerivedFrom), so it carries its source like any fact from outside an article's text.
"""

from __future__ import annotations

import hashlib
import html
import re
from typing import NamedTuple

import pyoxigraph as ox

from ...ontology import FOAF, ID, ORG, PROV, RDF, RDFS, SCHEMA, XSD

HTTP_SCHEMA = "http://schema.org/"
ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BackgroundNewsArticle",
                 "BlogPosting", "OpinionNewsArticle", "ReviewNewsArticle", "LiveBlogPosting"}
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
# Which type of schema.org names an entity best, most specific first.
_TYPE_ORDER = ("Corporation", "NewsMediaOrganization", "GovernmentOrganization", "Country", "City", "Person",
               "Organization", "Place")
# The roles an article gives the things it names: the property, the type a bare name gets, and
# whether it is also a mention.
_ROLES = (("author", FOAF + "Person"), ("creator", FOAF + "Person"), ("publisher", SCHEMA + "NewsMediaOrganization"),
          ("about", ORG + "Organization"), ("mentions", ORG + "Organization"))


class MappedPage(NamedTuple):
    quads: list
    warnings: list[str]  # what could not be read as the model wants it (a date no parser reads)


def https(term):
    """A schema.org IRI over http written over https; other terms as they are."""
    if type(term) is ox.NamedNode and term.value.startswith(HTTP_SCHEMA):
        return ox.NamedNode(SCHEMA + term.value[len(HTTP_SCHEMA):])
    return term


def map_news_pages(quads: list, page: str, lang: str | None = None) -> MappedPage:
    """The page's quads (schema.org over https) and the model's triples for its articles;
    `page` is its canonical address (or where it was read from), `lang` the page's language."""
    quads = [ox.Quad(https(q.subject), https(q.predicate), _decoded(https(q.object)), q.graph_name) for q in quads]
    by_subject: dict = {}
    for q in quads:
        by_subject.setdefault(q.subject, []).append(q)
    page_node = ox.NamedNode(page)
    added: list = []
    warnings: list[str] = []

    def values(node, local):
        return [q.object for q in by_subject.get(node, []) if q.predicate.value == SCHEMA + local]

    def types(node):
        return {q.object.value[len(SCHEMA):] for q in by_subject.get(node, [])
                if q.predicate.value == RDF + "type" and q.object.value.startswith(SCHEMA)}

    def text(literal) -> str:
        return " ".join(html.unescape(literal.value).split())

    for subject in list(by_subject):
        if not types(subject) & ARTICLE_TYPES:
            continue
        language = next((text(v) for v in values(subject, "inLanguage") if type(v) is ox.Literal), None) or lang

        def name(value: str):
            return ox.Literal(value, language=_language_tag(language)) if _language_tag(language) else ox.Literal(value)

        def describe(node, default_type):
            kinds = types(node)
            mapped = next((ENTITY_TYPES[k] for k in _TYPE_ORDER if k in kinds), default_type)
            added.append(ox.Triple(node, ox.NamedNode(RDF + "type"), ox.NamedNode(mapped)))
            for found in [v for v in values(node, "name") if type(v) is ox.Literal][:1]:
                added.append(ox.Triple(node, ox.NamedNode(RDFS + "label"), name(text(found))))

        added.append(ox.Triple(subject, ox.NamedNode(RDF + "type"), ox.NamedNode(SCHEMA + "NewsArticle")))
        for headline in [v for v in values(subject, "headline") if type(v) is ox.Literal][:1]:
            added.append(ox.Triple(subject, ox.NamedNode(SCHEMA + "headline"), ox.Literal(text(headline))))
            added.append(ox.Triple(subject, ox.NamedNode(RDFS + "label"), name(text(headline))))
        if "://" in page and not page.startswith("file:"):
            added.append(ox.Triple(subject, ox.NamedNode(SCHEMA + "url"), page_node))
        if language:
            added.append(ox.Triple(subject, ox.NamedNode(SCHEMA + "inLanguage"), ox.Literal(language)))
        stated = [v for local in ("datePublished", "dateCreated") for v in values(subject, local) if type(v) is ox.Literal]
        for written in stated[:1]:
            day = calendar_date(written.value)
            if day is None:
                warnings.append(f"the date {written.value!r} is kept as text: no date parser reads it")
            else:
                added.append(ox.Triple(subject, ox.NamedNode(SCHEMA + "datePublished"),
                                       ox.Literal(day, datatype=ox.NamedNode(XSD + "date"))))
        for role, default_type in _ROLES:
            for value in values(subject, role):
                if type(value) is ox.Literal:
                    label = re.sub(r"^by\s+", "", text(value), flags=re.I)
                    if not label:
                        continue
                    value = _named_entity(page, role, label)
                    added.append(ox.Triple(value, ox.NamedNode(RDFS + "label"), name(label)))
                    added.append(ox.Triple(value, ox.NamedNode(RDF + "type"), ox.NamedNode(default_type)))
                else:
                    describe(value, default_type)
                predicate = {"creator": "author"}.get(role, role)
                added.append(ox.Triple(subject, ox.NamedNode(SCHEMA + predicate), value))
                if role in ("about", "mentions"):
                    added.append(ox.Triple(subject, ox.NamedNode(SCHEMA + "mentions"), value))
    # Dates are restated above as xsd:date; the page's own strings stay only where none was read.
    read = {t.subject for t in added if t.predicate.value == SCHEMA + "datePublished"}
    kept = [q for q in quads if not (q.subject in read and q.predicate.value in (SCHEMA + "datePublished", SCHEMA + "dateModified"))]
    statements = []
    for triple in dict.fromkeys(added):
        key = f"{triple.subject} {triple.predicate} {triple.object}"
        node = ox.NamedNode(ID + "statement/" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:20])
        statements += [
            ox.Triple(node, ox.NamedNode(RDF + "type"), ox.NamedNode(RDF + "Statement")),
            ox.Triple(node, ox.NamedNode(RDF + "subject"), triple.subject),
            ox.Triple(node, ox.NamedNode(RDF + "predicate"), triple.predicate),
            ox.Triple(node, ox.NamedNode(RDF + "object"), triple.object),
            ox.Triple(node, ox.NamedNode(PROV + "wasDerivedFrom"), page_node),
        ]
    mapped = kept + [ox.Quad(t.subject, t.predicate, t.object) for t in list(dict.fromkeys(added)) + statements]
    return MappedPage(mapped, warnings)


def _decoded(term):
    """A string with HTML entities in it decoded: a script's JSON is not HTML, but publishers
    write "O&#039;Donnell" there all the same."""
    if type(term) is ox.Literal and "&" in term.value and ";" in term.value:
        decoded = html.unescape(term.value)
        if decoded != term.value:
            return ox.Literal(decoded, language=term.language) if term.language else ox.Literal(decoded, datatype=term.datatype)
    return term


def calendar_date(written: str) -> str | None:
    """The calendar day (YYYY-MM-DD, as the page wrote it, in its own time zone) of a date in
    any of the forms pages use: ISO 8601 (extended or basic: 20180619T055000+0900), RFC 2822,
    "Tue Jan 28 15:28:56 CET 2020"; None if python-dateutil cannot read it."""
    import warnings

    from dateutil import parser

    value = written.strip()
    if not value:
        return None
    try:
        return parser.isoparse(value).date().isoformat()
    except (ValueError, OverflowError):
        pass
    try:
        with warnings.catch_warnings():  # a zone abbreviation it does not know (CET) is only dropped
            warnings.simplefilter("ignore")
            return parser.parse(value).date().isoformat()
    except (ValueError, OverflowError):
        return None


def _named_entity(page: str, role: str, label: str):
    """An entity a page names only by a string: local to the page, so that two pages' "Staff" are
    two entities until `link` finds better evidence."""
    key = hashlib.sha1(f"{page} {role} {label}".encode("utf-8")).hexdigest()[:16]
    return ox.NamedNode(f"{ID}page-entity/{key}")


def _language_tag(language: str | None) -> str | None:
    """A BCP 47 tag, or None where the page's value is not one ("English", "en_US" -> "en-US")."""
    if not language:
        return None
    tag = language.strip().replace("_", "-")
    return tag if re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", tag) else None
