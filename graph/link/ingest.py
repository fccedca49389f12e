"""`newsgraph ingest`: a new article's text into a graph of the same model as the seed's.

`analyse` reads the text; `build_graphs` writes what it read as facts, each grounded in its
sentence by offsets with its source, certainty and hedges (graph/model/build.py's statements):
- entities the store knows: labels and alternative labels (any case), people's names in either
  order, with titles ("Minister Akazawa"), by a surname only one known person has, one word of an
  organisation's name, transliteration variants (b/v, l/r) or near spellings, each with a score
  and the method that matched;
- new entities (entities.py): countries, governments and capitals from the gazetteer, people with
  their posts and organisations, organisations, datelines; what is none of these stays a
  candidate in the evidence graph, never a fact;
- each sentence's source and hedges (attribution.py);
- events with participants, date, place and status (events.py);
- dates, absolute and relative ("the 29th", "mid-June", "last week"), resolved against the
  publication date, the words kept;
- money amounts with their ISO 4217 currency, bounds ("as high as", "at least", "billions of
  dollars") and "about", and the conversions the text states: "1 trillion yen ($6.94 billion)"
  and "($1 = 144.17 yen)"; percentages;
- the article itself as a source, with its publisher, date, address and language.

It is not a parser: which amount belongs to which proposal comes from annotations (like the
seed's) or imported graphs. Numbers and dates are parsed here rather than with a library (see
docs/decisions.md, "Ingest: our own number and date parsers").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ...errors import InputError
from ...ontology import GAF, GRASPF, ID, NG, NIF, PROV, RDF, RDFS, SCHEMA, SEM, TIME, XSD
from ...ontology.graphs import article_graph, evidence_graph, ingest_links_graph
from ..files import read_text
from ..model import dates
from ..model.build import _statement, mention_triples, sentence_triples
from ..model.text import Span, split_sentences
from . import attribution, entities, events, gazetteer, names
from .resolve import MENTIONED, Entity, Link, apply_decisions, canonical_entities, link_id, link_triples, representative_rank

if TYPE_CHECKING:
    from ..store import Store

# Articles `ingest` writes in one transaction: fewer writes, and a failure loses at most this many.
INGEST_BATCH = 100
CURRENCY_WORDS = {"yen": "JPY", "won": "KRW", "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR",
                  "pound": "GBP", "pounds": "GBP", "yuan": "CNY"}
CURRENCY_SYMBOLS = {"$": "USD", "¥": "JPY", "₩": "KRW", "€": "EUR", "£": "GBP"}
SCALES = {"thousand": Decimal(10) ** 3, "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9, "trillion": Decimal(10) ** 12}
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s+(?P<{0}>thousand|million|billion|trillion))?"
_QUALIFIER = r"(?:(?P<qualifier>about|around|roughly|approximately|nearly|some|almost|as high as|as much as|up to|at most|at least|more than|over)\s+)?"
AMOUNT = re.compile(
    _QUALIFIER
    + r"(?:(?P<symbol>[$¥₩€£])\s?(?P<n1>" + _NUMBER + r")" + _SCALE.format("s1")
    + r"|(?P<n2>" + _NUMBER + r")" + _SCALE.format("s2") + r"\s+(?P<word>yen|won|dollars?|euros?|pounds?|yuan)\b)",
    re.I)
RATE = re.compile(r"\(\s*(?P<base>[$¥₩€£])\s?1\s*=\s*(?P<value>" + _NUMBER + r")\s+(?P<word>yen|won|dollars?|euros?|pounds?|yuan)\s*\)", re.I)
PERCENT = re.compile(r"(?:(?P<qualifier>about|around|roughly|approximately|nearly|some|almost)\s+)?(?P<n>\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)", re.I)
MONTHS = ("January February March April May June July August September October November December").split()
MONTH_ABBREVIATIONS = {"Jan.": 1, "Feb.": 2, "Mar.": 3, "Apr.": 4, "Aug.": 8, "Sept.": 9, "Sep.": 9, "Oct.": 10, "Nov.": 11, "Dec.": 12}
_MONTH = "|".join(MONTHS) + "|" + "|".join(re.escape(m) for m in MONTH_ABBREVIATIONS)
ABSOLUTE_DATE = re.compile(
    r"\b(?:(?P<y1>\d{4})-(?P<m1>\d{2})-(?P<d1>\d{2})"
    r"|(?P<mon2>" + _MONTH + r")\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{4}))?"
    r"|(?P<d3>\d{1,2})\s+(?P<mon3>" + _MONTH + r")(?:\s+(?P<y3>\d{4}))?)\b")
RELATIVE_DATE = re.compile(
    r"\b(?:(?:on\s+)?the\s+(?:(?:morning|evening|afternoon|night)\s+of\s+the\s+)?\d{1,2}(?:st|nd|rd|th)\b(?:\s*\(local time\))?"
    r"|(?:early|mid|late|(?:the\s+)?(?:end|beginning|middle)\s+of)[-\s]+(?:the\s+)?(?:(?:next|this|last)\s+(?:month|year)|" + "|".join(MONTHS) + r")"
    r"|(?:last|this|next|earlier\s+this|later\s+this)\s+week|(?:earlier|later)\s+this\s+(?:month|year)"
    r"|(?:in|since|by|until|from|last|this|next)\s+(?:" + "|".join(MONTHS) + r")(?:\s+\d{4})?"
    r"|(?:" + "|".join(MONTHS) + r")\s+(?:19|20)\d\d\b"
    r"|(?<=\bthe\s)(?:19|20)\d\d(?=\s+(?:[a-z]+\s+)?(?:elections?|vote|referendum|summit|games|olympics|census|campaign)\b)"
    r"|(?:last|this|next)\s+(?:month|year)|(?:later|earlier) in the day|yesterday|today|tomorrow|(?:in|since|by)\s+(?:19|20)\d\d\b"
    r"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(?:days?|weeks?|months?|years?)\s+ago\b"
    r"|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))", re.I)
PAST_TENSE = re.compile(r"\b(?:said|issued|met|held|was|were|had|did|told|announced|visited|signed|agreed|made|took|gave|left|spoke|sat"
                        r"|won|lost|began|sent|went|came|saw|wrote|flew|struck|sought|brought|bought|\w+ed)\b(?![^.]*\b(?:will|would|to be)\b)", re.I)
_SENTENCE_END = re.compile(r"[.!?][”\"]?\s+|\n")
FUTURE_TENSE = re.compile(r"\b(?:will|would|shall|to be held|is to|are to|scheduled|set to|plans? to|next)\b", re.I)
CAPITALISED = re.compile(r"\b(?:[A-Z][A-Za-z’'\-]*\.?|[A-Z]{2,}\d*|G\d{1,2})(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?(?:[A-Z][A-Za-z’'\-]*\.?|[A-Z]{2,}\d*))*")
NOT_ENTITIES = frozenset("""The A An In On At It This That These Those However But And Also So Consequently Meanwhile
According Minister Secretary President Prime Treasury Government Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday
Saturday Sunday""".split()) | frozenset(MONTHS)
TITLE_WORDS = frozenset("Minister Secretary President Prime Mr Mrs Ms Dr Governor Ambassador Chairman".split())


@dataclass
class Match:
    span: Span
    entity: str
    score: float
    method: str


def ingest_article(store: Store, text_path: Path, published: date, source: str, url: str | None = None, lang: str = "en",
                   lexicon: Lexicon | None = None) -> dict:
    """Build the graphs of a new article; return {graph IRI: triples} ready for replace_graphs.
    `lexicon` (Lexicon.of(store)) saves reading the store's entities again for each article of a
    batch; it learns the article's new entities."""
    text = read_text(text_path, "article")
    if not text.strip():
        raise InputError(f"{text_path}: the article is empty")
    name = f"{slug(source)}-{published.isoformat()}-{slug(text_path.stem)}"
    return build_graphs(store, text, name, published, source, url, lang, known=lexicon)


def slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def build_graphs(store: Store, text: str, name: str, published: date, source: str, url: str | None = None,
                 lang: str = "en", known=None) -> dict:
    """The fact and evidence graphs of `text` as article `name` (see the module's docstring);
    `known` (canonical_entities of the store) may be given to save a query per article."""
    article = ox.NamedNode(f"{ID}article/{name}")
    publisher = ox.NamedNode(f"{ID}{slug(source)}")
    sentences = split_sentences(text)
    facts: list = []
    evidence: list = []
    statements: dict = {}
    sentence_of = _sentence_index(sentences)

    def node(kind: str, span: Span):
        return ox.NamedNode(f"{article.value}/{kind}/char={span.begin},{span.end}")

    def literal(value, datatype: str):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + datatype))

    def ground(triples: list, span: Span, extra: list = (), own: bool = False):
        """Facts `triples` stated by `span`: mention, attribution (the sentence's source, unless
        the span is the article's own words), statements."""
        sentence = sentence_of(span)
        said = attributions.get(sentence.begin)
        if said is None or own or (said.source_span and said.source_span.begin <= span.begin < said.source_span.end):
            said_by, certainty, hedge_words, cues = article, "CERTAIN", [], []
            if said is not None and not (said.source_span and said.source_span.begin <= span.begin < said.source_span.end) and not own:
                certainty, hedge_words = said.certainty, said.hedges
        else:
            said_by, certainty, hedge_words = sources[sentence.begin] or article, said.certainty, said.hedges
            cues = [said.cue] if said.cue and sources[sentence.begin] is not None else []
        mention, grounding = mention_triples(article, span, sentence, said_by, ox.NamedNode(GRASPF + certainty.lower()),
                                             [ox.Literal(h) for h in dict.fromkeys(hedge_words)], [ox.Literal(c) for c in cues])
        evidence.extend(grounding)
        evidence.extend(ox.Triple(mention, ox.NamedNode(p), o) for p, o in extra)
        for triple in triples:
            facts.append(triple)
            _statement(statements, triple, evidence, (GAF + "denotedBy", mention))

    # The document and its sentences.
    evidence += [
        ox.Triple(article, ox.NamedNode(RDF + "type"), ox.NamedNode(SCHEMA + "NewsArticle")),
        ox.Triple(article, ox.NamedNode(RDF + "type"), ox.NamedNode(NIF + "Context")),
        ox.Triple(article, ox.NamedNode(RDFS + "label"),
                  ox.Literal(f"{source}, {published.isoformat()}: {_headline(sentences)}", language="en")),
        ox.Triple(article, ox.NamedNode(NIF + "isString"), ox.Literal(text)),
        ox.Triple(article, ox.NamedNode(SCHEMA + "datePublished"), literal(published.isoformat(), "date")),
        ox.Triple(article, ox.NamedNode(SCHEMA + "inLanguage"), ox.Literal(lang)),
        ox.Triple(article, ox.NamedNode(SCHEMA + "publisher"), publisher),
    ]
    # The publisher is known from the ingest's own settings: its facts derive from the article.
    for triple in (ox.Triple(publisher, ox.NamedNode(RDF + "type"), ox.NamedNode(SCHEMA + "NewsMediaOrganization")),
                   ox.Triple(publisher, ox.NamedNode(RDFS + "label"), ox.Literal(source, language="en"))):
        evidence.append(triple)
        _statement(statements, triple, evidence, (PROV + "wasDerivedFrom", article))
    if url:
        evidence += [ox.Triple(article, ox.NamedNode(SCHEMA + "url"), ox.NamedNode(url)),
                     ox.Triple(article, ox.NamedNode(NIF + "sourceUrl"), ox.NamedNode(url))]
    evidence += sentence_triples(article, sentences)

    # Entities (known and new) and candidates; then who says what in each sentence.
    analysis = analyse(store, text, published, known, sentences)
    found, candidates, news_media, attributions = analysis.found, analysis.candidates, analysis.media, analysis.attributions
    sources: dict[int, ox.NamedNode | None] = {}
    source_facts: list = []
    for sentence in sentences:
        said = attributions[sentence.begin]
        sources[sentence.begin] = None
        if said.source is not None:
            who = said.source
            if who in news_media:
                report = ox.NamedNode(f"{article.value}/report/{who.rsplit('/', 1)[-1]}")
                source_facts.append(([ox.Triple(report, ox.NamedNode(RDF + "type"), ox.NamedNode(NG + "NewsReport")),
                                      ox.Triple(report, ox.NamedNode(NG + "reportedBy"), ox.NamedNode(who)),
                                      ox.Triple(report, ox.NamedNode(RDFS + "label"),
                                                ox.Literal(f"{news_media[who]} report, as {source} cites it", language="en"))],
                                     said.source_span))
                sources[sentence.begin] = report
            else:
                sources[sentence.begin] = ox.NamedNode(who)
        elif said.unnamed:
            unnamed = ox.NamedNode(f"{article.value}/source/{slug(said.unnamed)}")
            source_facts.append(([ox.Triple(unnamed, ox.NamedNode(RDF + "type"), ox.NamedNode(NG + "UnnamedSource")),
                                  ox.Triple(unnamed, ox.NamedNode(RDFS + "label"), ox.Literal(f"{said.unnamed} (unnamed)", language="en"))],
                                 said.source_span))
            sources[sentence.begin] = unnamed
    for triples, span in source_facts:
        ground(triples, span, own=True)

    # The article mentions what it names ("Bessent"). A known entity's mention is a node of the
    # article's own; that it is the known entity is a link, recorded with its method and score,
    # which `links --reject` undoes (the mention then stays the article's own, unlinked).
    mentioned: dict[tuple[str, str], ox.NamedNode] = {}
    links: dict[str, Link] = {}
    for match in found:
        target = ox.NamedNode(match.iri)
        if not match.new:
            spelling = " ".join(match.span.text.split())
            local = mentioned.get((spelling.casefold(), match.iri))
            if local is None:
                local = ox.NamedNode(f"{article.value}/{MENTIONED}/{slug(spelling) or 'x'}")
                while local in mentioned.values():
                    local = ox.NamedNode(local.value + "-2")
                mentioned[(spelling.casefold(), match.iri)] = local
                evidence.append(ox.Triple(local, ox.NamedNode(RDFS + "label"), ox.Literal(spelling, language=lang)))
            identifier = link_id(local.value, match.iri)
            if identifier not in links or links[identifier].score < match.score:
                links[identifier] = Link(identifier, local.value, match.iri, "ingest", match.score,
                                         (spelling, _name_of(store, match.iri, known)), "accepted",
                                         [f"ingest matched the mention by {match.method}"], _doubts(match.method),
                                         ingest_links_graph(name))
            target = local
        triples = [ox.Triple(article, ox.NamedNode(SCHEMA + "mentions"), target)]
        if match.new or match.facts:
            triples += [ox.Triple(ox.NamedNode(match.iri), ox.NamedNode(RDF + "type"), ox.NamedNode(t)) for t in match.types]
            triples += [ox.Triple(ox.NamedNode(s), ox.NamedNode(p), o if isinstance(o, ox.Literal) else ox.NamedNode(o))
                        for s, p, o in match.facts]
        ground(triples, match.span,
               extra=[(NG + "matchScore", literal(f"{match.score:.2f}", "decimal")), (NG + "matchMethod", ox.Literal(match.method))])
    for span in candidates:
        candidate = node("candidate", span)
        evidence += [
            ox.Triple(candidate, ox.NamedNode(RDF + "type"), ox.NamedNode(NG + "CandidateEntity")),
            ox.Triple(candidate, ox.NamedNode(NIF + "anchorOf"), ox.Literal(span.text)),
            ox.Triple(candidate, ox.NamedNode(NIF + "beginIndex"), literal(span.begin, "integer")),
            ox.Triple(candidate, ox.NamedNode(NIF + "endIndex"), literal(span.end, "integer")),
            ox.Triple(candidate, ox.NamedNode(NIF + "referenceContext"), article),
        ]

    # Dates.
    found_dates = analysis.dates
    for span, resolved in found_dates:
        ground(date_triples(article, node("time", span), span, resolved), span)

    # Events, with their participants, date, place and status.
    for event in analysis.events:
        if event.joins is not None:
            # "X also attended the talks": X takes part in the event reported before, on the
            # evidence of this sentence (its source, its certainty).
            ground([ox.Triple(node("event", event.joins.trigger), ox.NamedNode(SEM + "hasActor"), ox.NamedNode(a))
                    for a in event.actors], event.trigger)
            continue
        subject = node("event", event.trigger)
        actors = [a for a in event.actors]
        labels = {m.iri: m.label for m in found}
        who = ", ".join(dict.fromkeys(labels.get(a, a.rsplit("/", 1)[-1]) for a in actors))
        label = f"{event.label}{f' {event.round}' if event.round else ''}: {who or 'participants not named'}"
        if event.when is not None:
            label += f" ({dict(found_dates)[event.when].value})"
        label += f", as {source} reports it on {published.isoformat()} (sentence {sentences.index(event.sentence) + 1})"
        triples = [ox.Triple(subject, ox.NamedNode(RDF + "type"), ox.NamedNode(NG + event.kind)),
                   ox.Triple(subject, ox.NamedNode(RDFS + "label"), ox.Literal(label, language="en")),
                   ox.Triple(subject, ox.NamedNode(NG + "trigger"), ox.Literal(event.trigger.text))]
        triples += [ox.Triple(subject, ox.NamedNode(SEM + "hasActor"), ox.NamedNode(a)) for a in actors]
        if event.place:
            triples.append(ox.Triple(subject, ox.NamedNode(SEM + "hasPlace"), ox.NamedNode(event.place)))
        if event.when is not None:
            triples.append(ox.Triple(subject, ox.NamedNode(TIME + "hasTime"), node("time", event.when)))
        else:
            triples.append(ox.Triple(subject, ox.NamedNode(NG + "dateUnknown"), literal("true", "boolean")))
        if event.status:
            triples.append(ox.Triple(subject, ox.NamedNode(SCHEMA + "eventStatus"), ox.NamedNode(event.status)))
        if event.round:
            triples.append(ox.Triple(subject, ox.NamedNode(NG + "roundNumber"), literal(event.round, "integer")))
        ground(triples, event.trigger)

    # Amounts, their stated conversions, exchange rates, percentages.
    for amount in analysis.amounts:
        amount_node = node("amount", amount.span)
        triples = [ox.Triple(article, ox.NamedNode(NG + "statesQuantity"), amount_node),
                   ox.Triple(amount_node, ox.NamedNode(RDF + "type"), ox.NamedNode(SCHEMA + "MonetaryAmount")),
                   ox.Triple(amount_node, ox.NamedNode(SCHEMA + "currency"), ox.Literal(amount.currency)),
                   ox.Triple(amount_node, ox.NamedNode(SCHEMA + amount.bound), literal(amount.value, "decimal")),
                   ox.Triple(amount_node, ox.NamedNode(NG + "originalExpression"), ox.Literal(amount.span.text))]
        if amount.approximate:
            triples.append(ox.Triple(amount_node, ox.NamedNode(NG + "approximate"), literal("true", "boolean")))
        if amount.restates is not None:
            triples.append(ox.Triple(node("amount", amount.restates), ox.NamedNode(NG + "statedAs"), amount_node))
        ground(triples, amount.span)
    for span, base, quote, value in find_rates(text):
        rate = node("rate", span)
        ground([ox.Triple(article, ox.NamedNode(NG + "statesQuantity"), rate),
                ox.Triple(rate, ox.NamedNode(RDF + "type"), ox.NamedNode(NG + "ExchangeRate")),
                ox.Triple(rate, ox.NamedNode(NG + "baseCurrency"), ox.Literal(base)),
                ox.Triple(rate, ox.NamedNode(NG + "quoteCurrency"), ox.Literal(quote)),
                ox.Triple(rate, ox.NamedNode(SCHEMA + "value"), literal(value, "decimal")),
                ox.Triple(rate, ox.NamedNode(NG + "rateDate"), literal(published.isoformat(), "date")),
                ox.Triple(rate, ox.NamedNode(NG + "originalExpression"), ox.Literal(span.text))], span)
    for span, value, approximate in find_percentages(text):
        percent = node("percent", span)
        triples = [ox.Triple(article, ox.NamedNode(NG + "statesQuantity"), percent),
                   ox.Triple(percent, ox.NamedNode(RDF + "type"), ox.NamedNode(SCHEMA + "QuantitativeValue")),
                   ox.Triple(percent, ox.NamedNode(SCHEMA + "value"), literal(value, "decimal")),
                   ox.Triple(percent, ox.NamedNode(SCHEMA + "unitCode"), ox.Literal("P1")),
                   ox.Triple(percent, ox.NamedNode(SCHEMA + "unitText"), ox.Literal("percent")),
                   ox.Triple(percent, ox.NamedNode(NG + "originalExpression"), ox.Literal(span.text))]
        if approximate:
            triples.append(ox.Triple(percent, ox.NamedNode(NG + "approximate"), literal("true", "boolean")))
        ground(triples, span)

    apply_decisions(store, list(links.values()))
    return {article_graph(name): list(dict.fromkeys(facts)), evidence_graph(name): list(dict.fromkeys(evidence)),
            ingest_links_graph(name): link_triples(sorted(links.values(), key=lambda link: link.id))}


def _name_of(store: Store, iri: str, lexicon=None) -> str:
    """The first label of `iri` in the store (kept by the batch's `lexicon` once found: what the
    store labels does not change during a batch)."""
    cache = lexicon.labels if isinstance(lexicon, Lexicon) else {}
    if iri not in cache:
        query = "SELECT ?e ?name WHERE { ?e rdfs:label ?name } ORDER BY ?name LIMIT 1"
        writing = lexicon.writing_labels.get(iri) if isinstance(lexicon, Lexicon) and lexicon.writing is not None else None
        if writing:
            # The batch being written labels it too: the first of the store's labels and that
            # batch's, as the store will hold them once it is written (whatever part of it the
            # store shows now, its labels are among those given here).
            values = " ".join(str(label) for label in writing)
            query = f"SELECT ?e ?name WHERE {{ {{ ?e rdfs:label ?name }} UNION {{ VALUES ?name {{ {values} }} }} }} ORDER BY ?name LIMIT 1"
        for row in store.query(query, {"e": ox.NamedNode(iri)}):
            cache[iri] = row["name"].value
    return cache.get(iri, iri)


def _doubts(method: str) -> list[str]:
    """What speaks against a match made by `method`."""
    if "surname" in method:
        return ["matched on a surname only"]
    if method == "partial name":
        return ["matched on one word of the name"]
    if "spelling" in method:
        return ["the spelling differs"]
    return []


@dataclass
class Analysis:
    """What `ingest` reads in a text, before it becomes triples (bench/ingest_eval.py scores it)."""

    sentences: list[Span]
    found: list  # entities.Found: known and new entities, with their spans
    candidates: list[Span]
    media: dict[str, str]  # news organisations among them: IRI -> label
    attributions: dict[int, attribution.Attribution]  # sentence begin -> its source, certainty, hedges
    dates: list
    events: list
    amounts: list


def analyse(store: Store, text: str, published: date, known=None, sentences: list[Span] | None = None) -> Analysis:
    sentences = sentences if sentences is not None else split_sentences(text)
    lexicon = known if isinstance(known, Lexicon) else Lexicon(known if known is not None else canonical_entities(store, typed_only=True))
    found, candidates = find_mentions(store, text, lexicon)
    media = _news_media(store, found, lexicon)
    attributions: dict[int, attribution.Attribution] = {}
    last_person = last_outlet = None
    people = [f for f in found if f.kind in events.PRONOUN_KINDS]  # whom "he said" may name
    previous = None
    for sentence in sentences:
        said = attribution.attribute(sentence, found, last_person, last_outlet)
        if said.source is None and not said.unnamed and previous is not None and (previous[1].source or previous[1].unnamed) \
                and "\n" not in text[previous[0].end:sentence.begin] and _in_quote(text, sentence):
            # A quotation that goes on past its sentence is still the speaker's.
            said.source, said.unnamed, said.cue = previous[1].source, previous[1].unnamed, previous[1].cue
            said.source_span = Span(sentence.begin, sentence.begin, "")
        attributions[sentence.begin] = said
        previous = (sentence, said)
        named = [p for p in people if sentence.begin <= p.span.begin < sentence.end]
        if named:
            last_person = named[-1]
        outlets = [m for m in found if m.iri in media and sentence.begin <= m.span.begin < sentence.end]
        if outlets:
            last_outlet = outlets[-1]
    # "North Korea's official newspaper blasted ...", the paper named later: the one newspaper (or
    # broadcaster) the article names is the one it means.
    for words, kind in ((r"newspaper|paper|daily", entities.NG + "Newspaper"), (r"broadcaster|television|TV", entities.NG + "Broadcaster")):
        named = {m.iri for m in found if kind in m.types}
        if len(named) == 1:
            for said in attributions.values():
                if said.source is None and said.unnamed and re.search(rf"\b(?:{words})\b", said.cue or "", re.I):
                    said.source, said.unnamed = next(iter(named)), None
    found_dates = find_dates(text, published)
    found_events = events.find_events(sentences, found, found_dates, published, set(media))
    lexicon.learn(found)
    return Analysis(sentences, found, candidates, media, attributions, found_dates, found_events, find_amounts(text))


def _in_quote(text: str, sentence: Span) -> bool:
    """Does the sentence open a quotation or continue one that an earlier sentence of its
    paragraph opened?"""
    paragraph_start = text.rfind("\n", 0, sentence.begin) + 1
    before = text[paragraph_start:sentence.begin]
    curly_open = before.count("“") > before.count("”")
    straight_open = before.count('"') % 2 == 1
    return curly_open or straight_open or sentence.text.startswith(("“", '"'))


def date_triples(article, when, span: Span, resolved: dates.ResolvedDate) -> list:
    """A stated time, as OWL-Time has it: a day, month or year is the position of an instant
    (time:inXSDDate, time:inXSDgYearMonth, time:inXSDgYear have the domain time:Instant), known to
    that precision; a period bounded by days ("mid-June", "last week") is a proper interval with
    its first and last days. Where the text gives both ("mid-June": June 2025, the 11th to the
    20th), the stated time is the instant, time:inside the interval (WHEN/period)."""
    def literal(value, datatype):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + datatype))
    prop = {"date": "inXSDDate", "gYearMonth": "inXSDgYearMonth", "gYear": "inXSDgYear", "interval": None}[resolved.datatype]
    positioned = resolved.begin is None or (prop is not None and resolved.datatype != "date")
    kind = "Instant" if positioned else "ProperInterval"
    triples = [ox.Triple(article, ox.NamedNode(NG + "statesTime"), when),
               ox.Triple(when, ox.NamedNode(RDF + "type"), ox.NamedNode(TIME + kind)),
               ox.Triple(when, ox.NamedNode(NG + "originalExpression"), ox.Literal(span.text))]
    if positioned:
        triples.append(ox.Triple(when, ox.NamedNode(TIME + prop), literal(resolved.value, resolved.datatype)))
    if resolved.begin is not None:
        period = when if not positioned else ox.NamedNode(f"{when.value}/period")
        if positioned:
            triples += [ox.Triple(period, ox.NamedNode(RDF + "type"), ox.NamedNode(TIME + "ProperInterval")),
                        ox.Triple(period, ox.NamedNode(TIME + "inside"), when)]
        for edge, day in (("hasBeginning", resolved.begin), ("hasEnd", resolved.end)):
            instant = ox.NamedNode(f"{period.value}/{edge.removeprefix('has').lower()}")
            triples += [ox.Triple(period, ox.NamedNode(TIME + edge), instant),
                        ox.Triple(instant, ox.NamedNode(RDF + "type"), ox.NamedNode(TIME + "Instant")),
                        ox.Triple(instant, ox.NamedNode(TIME + "inXSDDate"), literal(day.isoformat(), "date"))]
    return triples


def _sentence_index(sentences: list[Span]):
    starts = [s.begin for s in sentences]

    def sentence_of(span: Span) -> Span:
        index = bisect.bisect_right(starts, span.begin) - 1
        return sentences[max(index, 0)]
    return sentence_of


_NEWS_MEDIA = """SELECT DISTINCT ?e ?label WHERE {
  { SELECT DISTINCT ?t WHERE { ?t rdfs:subClassOf* schema:NewsMediaOrganization } }
  ?e a ?t ; rdfs:label ?label }"""


def _news_media(store: Store, found: list, lexicon=None) -> dict[str, str]:
    """The news organisations among the found entities (IRI -> label): their words are reports."""
    media = {m.iri: m.label for m in found if set(m.types) & entities.NEWS_TYPES}
    if any(not m.types for m in found):
        if lexicon is None or lexicon.media is None:
            if lexicon is not None:
                lexicon.settle()
            stored = {row["e"].value: row["label"].value for row in store.query(_NEWS_MEDIA)}
            if lexicon is not None:
                lexicon.media = stored
        else:
            stored = lexicon.media
        for iri, label in stored.items():
            media.setdefault(iri, label)
    if lexicon is not None and lexicon.media is not None:
        lexicon.media.update((m.iri, m.label) for m in found if set(m.types) & entities.NEWS_TYPES)
    return media


class Lexicon:
    """What the store knows, indexed for reading many articles: names by their words (for exact
    matches in any case), by key (for titles, name order, surnames), by folded prefix (for near
    spellings). Built once per `ingest` and told of the new entities of each article, so the next
    article of the batch knows them too."""

    def __init__(self, known: dict) -> None:
        self.known = known
        self.index = entities.Known(known)
        self.media: dict[str, str] | None = None  # news organisations the store knows, read once
        self.labels: dict[str, str] = {}  # an entity's first label in the store, read once
        self.writing = None  # the batch being written while the next is read (a Future)
        self.writing_labels: dict[str, list] = {}  # the labels that batch gives, by IRI (see _name_of)
        self.by_key: dict[tuple[str, bool], set[str]] = {}
        self.surnames: dict[str, set[str]] = {}
        self.same_name: dict[str, str] = {}
        self.phrases: dict[tuple[str, ...], tuple[str, str, bool, bool]] = {}  # words -> (spelling, iri, person, as labelled)
        self.lengths: dict[str, set[int]] = {}  # first word of a name -> the lengths of the names it starts
        self.blocks: dict[str, set[tuple[str, str, bool]]] = {}
        self.capitalised_words: dict[str, set[str]] = {}  # a capitalised word of an organisation's name -> organisations
        # People not yet linked but with the same full name are one person for these look-ups
        # (the page's "Ryosei Akazawa" and the seed's, before `link` has run); our own IRI names them.
        ranked = sorted(known.values(), key=lambda e: representative_rank(e.iri))
        for entity in ranked:
            if entity.kind == "person":
                for label in entity.names:
                    self.same_name.setdefault(names.key(label, True), entity.iri)
        for entity in ranked:
            self._add(entity)
        self.index.words = self.capitalised_words
        self.index.surnames = self.surnames

    def _add(self, entity) -> None:
        person = entity.kind == "person"
        for label in sorted(entity.names):
            representative = self.same_name.setdefault(names.key(label, True), entity.iri) if person else entity.iri
            self.by_key.setdefault((names.key(label, person), person), set()).add(representative)
            if person:
                for token in names.person_tokens(label):
                    self.surnames.setdefault(token, set()).add(representative)
            if entity.kind not in ("person", "organisation", "place") or len(label) < 2:
                continue  # events are matched by their facts, not by their labels
            if person and len(names.person_tokens(label)) < 2:
                continue  # a person known by a surname alone ("Alito"): found through the surname, never inside another name
            variants = [(label, True)]
            if person and len(label.split()) == 2:
                variants.append((" ".join(reversed(label.split())), False))
            for variant, as_labelled in variants:
                words = tuple(re.findall(r"\w+", variant.casefold()))
                if words:
                    self.phrases.setdefault(words, (variant, entity.iri, person, as_labelled))  # the best-ranked owner
                    self.lengths.setdefault(words[0], set()).add(len(words))
            for block in names.blocking_keys(label, person):
                self.blocks.setdefault(block[:3], set()).add((label, entity.iri, person))
            if entity.kind == "organisation" and len(names.tokens(label)) > 1:
                for word in names.tokens(" ".join(re.findall(r"\b[A-Z][\w’'-]*", label))):
                    if word not in _country_words():  # "American" is the country, not "American corporations"
                        self.capitalised_words.setdefault(word, set()).add(entity.iri)

    def leads(self, store: Store):
        """A function: the government a person leads (a president's or prime minister's post in a
        government), as the store says, read once a person."""
        cache = self.__dict__.setdefault("_leads", {})

        def government_led_by(person: str) -> str | None:
            if person not in cache:
                cache[person] = None
                if store is not None and person in self.known:
                    query = ("SELECT ?government WHERE { <%s> <%sholds> ?post . ?post <%spostIn> ?government ; <%srole> ?role . "
                             "?government a <%sGovernment> . VALUES ?role { %s } } LIMIT 1"
                             % (person, entities.ORG, entities.ORG, entities.ORG, NG, " ".join(f"<{r}>" for r in entities.HEAD_ROLES)))
                    for row in store.query(query):
                        cache[person] = row["government"].value
            return cache[person]
        return government_led_by

    @classmethod
    def of(cls, store: Store) -> Lexicon:
        return cls(canonical_entities(store, typed_only=True))

    def write_behind(self, pool, write, graphs: dict) -> None:
        """Start `write(graphs)` in `pool`, noting the labels the batch gives (see _name_of)."""
        label = ox.NamedNode(RDFS + "label")
        labels: dict[str, list] = {}
        for triples in graphs.values():
            for triple in triples:
                if triple.predicate == label:
                    labels.setdefault(triple.subject.value, []).append(triple.object)
        self.writing_labels = labels
        self.writing = pool.submit(write, graphs)

    def settle(self) -> None:
        """Wait for the batch being written, raising its error. An article reads the store as it
        would with the batches before it written, so ingest's result does not depend on how far
        the write in the background has gone: the labels of an entity (_name_of) are asked with
        those the batch being written gives, and anything else is asked after the write."""
        if self.writing is not None:
            writing, self.writing, self.writing_labels = self.writing, None, {}
            writing.result()

    def learn(self, found: list) -> None:
        """Add the new entities an article named, under their labels."""
        for item in found:
            if not item.new or item.iri in self.known:
                continue
            # (an agent of unknown kind is found again by its name as an organisation's is)
            kind = {"country": "place", "city": "place", "region": "place", "government": "organisation", "agent": "organisation"}.get(item.kind, item.kind)
            entity = Entity(item.iri, kind, {item.label})
            self.known[item.iri] = entity
            self.index.iris.add(item.iri)
            self.index.kind[item.iri] = kind
            self.index.by_key.setdefault((names.key(item.label, kind == "person"), kind == "person"), set()).add(item.iri)
            self._add(entity)


@lru_cache(maxsize=1)
def _country_iris() -> frozenset[str]:
    return frozenset(ID + c.slug for c in gazetteer.load().countries)


@lru_cache(maxsize=1)
def _region_iris() -> frozenset[str]:
    return frozenset(ID + p.iri_slug for p in gazetteer.places().places if p.region)


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    return frozenset(word for form in gazetteer.load().forms for word in names.tokens(form))


def find_mentions(store: Store, text: str, known_entities=None) -> tuple[list[entities.Found], list[Span]]:
    """Mentions of entities, known and new, and capitalised names that are neither (candidates).
    `known_entities`: a Lexicon, or canonical_entities of the store (read from it when None)."""
    if isinstance(known_entities, Lexicon):
        lexicon = known_entities
    else:
        lexicon = Lexicon(known_entities if known_entities is not None else canonical_entities(store, typed_only=True))
    known, index, by_key, surnames = lexicon.known, lexicon.index, lexicon.by_key, lexicon.surnames
    matches: list[Match] = []
    taken = _Taken()
    free = taken.free

    # 1. Known names, the longest at each place, in any case (people in either order too).
    words = list(re.finditer(r"\w+", text))
    folded = [w.group().casefold() for w in words]
    position = 0
    while position < len(words):
        for length in sorted(lexicon.lengths.get(folded[position], ()), reverse=True):
            if position + length > len(words):
                continue
            owner = lexicon.phrases.get(tuple(folded[position:position + length]))
            if owner is None:
                continue
            variant, iri, person, as_labelled = owner
            begin, end = words[position].start(), words[position + length - 1].end()
            if variant.endswith(".") and text[end:end + 1] == ".":
                end += 1
            written = text[begin:end]
            if re.sub(r"\s+", " ", written).casefold() != variant.casefold():
                continue
            exact = re.sub(r"\s+", " ", written) == variant
            if not exact and not person and (written.islower() or len(variant) <= 3):
                continue  # "us" is not "US", "the" is no label
            if not free(begin, end):
                continue
            if iri in _country_iris() and ((written.isupper() or "." in written) and entities.starts_organisation(text, end)
                                           or entities.ends_organisation(text, begin)):
                continue  # "U.S." of "U.S. Energy Information Administration", "Japan" of "Bank of Japan": the organisation's name
            if iri in _country_iris() and re.match(r"['’]s\s+(?:government|administration|cabinet)\b", text[end:end + 20], re.I):
                continue  # "Japan's government": the gazetteer reads the government
            method = ("label" if as_labelled else "name order") + ("" if exact else ", case")
            matches.append(Match(Span(begin, end, written), iri, 1.0 if exact and as_labelled else 0.95, method))
            taken.append((begin, end))
            position += length - 1
            break
        position += 1
    # 2. Countries, governments and capitals; people with titles or who speak; organisations.
    result: list[entities.Found] = [_known(match, known) for match in matches]
    for finder in (entities.find_places, entities.find_institutions, entities.find_people, entities.find_organisations,
                   entities.find_regions_and_cities):
        if finder in (entities.find_people, entities.find_regions_and_cities, entities.find_institutions):
            new = finder(text, index, free, result)
        else:
            new = finder(text, index, free)
        for item in new:
            if free(item.span.begin, item.span.end):
                result.append(item)
                taken.append((item.span.begin, item.span.end))
    # "The North" for North Korea, once the article has named it.
    for item in entities.find_compass_short_forms(text, index, free, result):
        result.append(item)
        taken.append((item.span.begin, item.span.end))
    # 3. People named without a title whose surname the article uses again on its own ("Joaquin
    # Phoenix ... Phoenix said"): the repetition is how news refers to a person it has introduced.
    for item in entities.find_recurring_people(text, index, free):
        result.append(item)
        taken.append((item.span.begin, item.span.end))
    # "The Biden administration", "Ishiba's government": the government the person leads.
    for item in entities.find_administrations(text, index, free, result, lexicon.leads(store)):
        result.append(item)
        taken.append((item.span.begin, item.span.end))
    # Organisations of one word, where the text says they are ("Nissan has unveiled", "shares of Nvidia").
    for item in entities.find_one_word_organisations(text, index, free, result):
        result.append(item)
        taken.append((item.span.begin, item.span.end))
    # 4. Capitalised names: titles, a unique surname, transliteration and near spellings.
    gazetteer_words = gazetteer.load().forms
    in_article: dict[str, dict[str, entities.Found]] = {}
    in_article_orgs: dict[str, entities.Found] = {}
    first_named: dict[str, int] = {}
    for item in result:
        first_named[item.iri] = min(first_named.get(item.iri, item.span.begin), item.span.begin)
        if item.kind == "organisation" and len(item.span.text.split()) > 1 and item.new:
            in_article_orgs.setdefault(item.span.text.split()[0].casefold(), item)
        if item.kind == "person" and len(names.person_tokens(item.span.text)) > 1:
            for token in {*names.person_tokens(item.span.text), *names.person_tokens(item.label)}:
                in_article.setdefault(token, {})[item.iri] = item
    candidates: list[Span] = []
    for found in CAPITALISED.finditer(text):
        words = list(re.finditer(r"\S+", found.group()))
        first = 0
        while first < len(words) and re.sub(r"['’]s$", "", words[first].group().rstrip(".")) in NOT_ENTITIES:
            first += 1  # sentence openers and titles are not names
        if first == len(words):
            continue
        titled = first > 0 and words[first - 1].group().rstrip(".") in TITLE_WORDS
        begin, end = found.start() + words[first].start(), found.start() + words[-1].end()
        if text[end - 1] == "." and not re.search(r"(?:[A-Z]\.){2,}$", text[begin:end]):
            end -= 1  # the sentence's full stop, not an abbreviation's
        if not free(begin, end):
            continue
        if text[begin:end].endswith(("’s", "'s")):
            end -= 2  # the possessive is not part of the name
        span = Span(begin, end, text[begin:end])
        if span.text in gazetteer_words:
            continue
        tokens = names.person_tokens(span.text)
        organisation = in_article_orgs.get(span.text.casefold())
        if organisation is not None and len(span.text) >= 4 and not (len(tokens) == 1 and tokens[0] in in_article):
            # The first word of an organisation the article has named in full ("Rhodium" after "Rhodium
            # Group"), unless it is the surname of a person it names ("Trump", the Trump Organization's Trump).
            result.append(entities.Found(span, organisation.iri, "organisation", "short name of an organisation named in the article",
                                         0.85, new=False, types=organisation.types, label=organisation.label))
            taken.append((begin, end))
            continue
        if len(tokens) == 1 and len(in_article.get(tokens[0], ())) == 1:
            # The surname of a person the article has named in full ("Prelogar" after "Elizabeth Prelogar").
            person = next(iter(in_article[tokens[0]].values()))
            result.append(entities.Found(span, person.iri, "person", "surname of a person named in the article", 0.9,
                                         new=False, types=person.types, label=person.label))
            taken.append((begin, end))
            continue
        if len(tokens) == 1 and in_article.get(tokens[0]):
            # A surname several people named in the article share, where only one of them has been
            # named so far: the reader knows no other yet ("Minister Akazawa" before "spokesman
            # Kenji Akazawa" is introduced). Once both are, the surname alone stays unresolved.
            before = [item for item in in_article[tokens[0]].values() if first_named[item.iri] < begin]
            if len(before) == 1:
                first = before[0]
                result.append(entities.Found(span, first.iri, "person", "surname of the one person named with it so far", 0.8,
                                             new=False, types=first.types, label=first.label))
                taken.append((begin, end))
                continue
        match = _resolve(span.text, titled, by_key, surnames, lexicon)
        if match is not None:
            result.append(_known(Match(span, *match), known))
            taken.append((begin, end))
        elif len(span.text) > 1 and not span.text.isdigit() and not _sentence_opener(text, span) \
                and not entities.not_a_name(span.text):
            candidates.append(span)
    return sorted(result, key=lambda m: m.span.begin), candidates


class _Taken:
    """The spans of a text already taken by a mention, sorted by their start, for `free`: a
    span is free when it overlaps none of them. Looked up by bisection among the spans that
    start less than the longest span's length before it (a scan of every span, for each of
    the hundred thousand look-ups of a thousand articles, was a tenth of their reading)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.longest = 0

    def append(self, span: tuple[int, int]) -> None:
        begin, end = span
        at = bisect.bisect_right(self.starts, begin)
        self.starts.insert(at, begin)
        self.ends.insert(at, end)
        self.longest = max(self.longest, end - begin)

    def free(self, begin: int, end: int) -> bool:
        starts, ends = self.starts, self.ends
        for at in range(bisect.bisect_left(starts, begin - self.longest), bisect.bisect_left(starts, end)):
            if ends[at] > begin and starts[at] < end:
                return False
        return True


def _known(match: Match, known) -> entities.Found:
    entity = known.get(match.entity)
    kind = entity.kind if entity is not None else "organisation"
    if kind == "place":
        kind = "country" if match.entity in _country_iris() else "region" if match.entity in _region_iris() else "city"
    elif kind == "organisation" and "/government-of-" in match.entity:
        kind = "government"
    label = sorted(entity.names, key=len)[-1] if entity is not None and entity.names else match.span.text
    return entities.Found(match.span, match.entity, kind, match.method, match.score, new=False, label=label)


def _headline(sentences: list[Span]) -> str:
    """The first sentence, cut to a title's length at a word boundary."""
    first = sentences[0].text if sentences else ""
    return first if len(first) <= 90 else first[:90].rsplit(" ", 1)[0] + " ..."


def _sentence_opener(text: str, span: Span) -> bool:
    """A single capitalised word that opens a sentence ("Economic revitalization minister ...") is
    not a name on that evidence alone; a word in capitals (a dateline: "TOKYO") still is."""
    before = text[:span.begin].rstrip()
    opens = not before or before[-1] in ".!?\n“\"‘:—"
    return opens and " " not in span.text and not span.text.isupper()


def _resolve(phrase: str, titled: bool, by_key, surnames, lexicon: Lexicon) -> tuple[str, float, str] | None:
    person_key = names.key(phrase, person=True)
    if person_key and len(by_key.get((person_key, True), ())) == 1:
        (iri,) = by_key[(person_key, True)]
        return iri, 0.9 if titled else 0.95, "name with title" if titled else "name"
    tokens = names.person_tokens(phrase)
    if len(tokens) == 1 and len(surnames.get(tokens[0], ())) == 1:
        (iri,) = surnames[tokens[0]]
        return iri, 0.85 if titled else 0.75, "surname with title" if titled else "unique surname"
    # One capitalised word of an organisation's name that no other organisation has ("Asahi").
    word = names.tokens(phrase)
    if len(word) == 1 and len(word[0]) >= 4 and len(lexicon.capitalised_words.get(word[0], ())) == 1:
        return next(iter(lexicon.capitalised_words[word[0]])), 0.7, "partial name"
    # Transliteration folding and near spellings, against the names that share a folded prefix.
    best: tuple[float, str] = (0.0, "")
    nearby = set().union(*(lexicon.blocks.get(block[:3], set()) for person in (True, False)
                           for block in names.blocking_keys(phrase, person)))
    for label, iri, person in sorted(nearby):
        score = names.similarity(phrase, label, person)
        if score > best[0]:
            best = (score, iri)
    if best[0] >= 0.85:
        return best[1], round(best[0] * 0.9, 2), "transliteration or spelling variant"
    return None


# A span of days in one month: "June 15 to 17", "June 15-17", "15-17 June", "from June 15 to June 17".
DAY_RANGE = re.compile(
    r"\b(?:from\s+|between\s+)?(?:(?P<mon1>" + _MONTH + r")\s+(?P<a1>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|through|and|until)\s*(?:(?P=mon1)\s+)?(?P<b1>\d{1,2})(?:st|nd|rd|th)?"
    r"|(?P<a2>\d{1,2})\s*(?:-|–|to|and)\s*(?P<b2>\d{1,2})\s+(?P<mon2>" + _MONTH + r"))(?:,?\s+(?P<year>\d{4}))?\b")


def _day_ranges(text: str, published: date) -> list[tuple[Span, dates.ResolvedDate]]:
    found = []
    for match in DAY_RANGE.finditer(text):
        groups = match.groupdict()
        written = groups["mon1"] or groups["mon2"]
        month = MONTH_ABBREVIATIONS[written] if written in MONTH_ABBREVIATIONS else MONTHS.index(written) + 1
        year = int(groups["year"]) if groups["year"] else published.year
        try:
            first, last = (date(year, month, int(groups["a1"] or groups["a2"])), date(year, month, int(groups["b1"] or groups["b2"])))
        except ValueError:
            continue
        if first >= last:
            continue  # "June 15 and 3" is no span of days
        if not groups["year"] and abs((first - published).days) > 183:
            shift = 1 if first < published else -1
            first, last = first.replace(year=year + shift), last.replace(year=year + shift)
        found.append((Span(match.start(), match.end(), match.group()), dates.ResolvedDate("interval", first.isoformat(), first, last)))
    return found


def find_dates(text: str, published: date) -> list[tuple[Span, dates.ResolvedDate]]:
    found = _day_ranges(text, published)
    for match in ABSOLUTE_DATE.finditer(text):
        if any(s.begin <= match.start() < s.end for s, _ in found):
            continue
        groups = match.groupdict()
        if groups["y1"]:
            value = date(int(groups["y1"]), int(groups["m1"]), int(groups["d1"]))
            resolved = dates.ResolvedDate("date", value.isoformat())
        else:
            written = groups["mon2"] or groups["mon3"]
            month = MONTH_ABBREVIATIONS[written] if written in MONTH_ABBREVIATIONS else MONTHS.index(written) + 1
            day = int(groups["d2"] or groups["d3"])
            year = groups["y2"] or groups["y3"]
            try:
                candidate = date(int(year) if year else published.year, month, day)
            except ValueError:
                continue
            if not year and abs((candidate - published).days) > 183:
                candidate = candidate.replace(year=published.year + (1 if candidate < published else -1))
            resolved = dates.ResolvedDate("date", candidate.isoformat())
        found.append((Span(match.start(), match.end(), match.group()), resolved))
    for match in RELATIVE_DATE.finditer(text):
        if any(s.begin <= match.start() < s.end for s, _ in found):
            continue
        resolved = dates.resolve(match.group(), published)
        if resolved is not None and re.search(r"day\b", match.group(), re.I) and resolved.datatype == "date":
            # A weekday is the nearest one, unless the verb says which way: "issued a statement
            # Friday" written on a Tuesday is the Friday before, "will meet Friday" the one after.
            before = text[max(0, text.rfind("\n", 0, match.start()), match.start() - 80):match.start()]
            day = date.fromisoformat(resolved.value)
            if PAST_TENSE.search(before) and not FUTURE_TENSE.search(before) and day > published:
                resolved = dates.ResolvedDate("date", (day - timedelta(days=7)).isoformat())
            elif FUTURE_TENSE.search(before) and day < published:
                resolved = dates.ResolvedDate("date", (day + timedelta(days=7)).isoformat())
        elif resolved is not None and resolved.datatype == "gYearMonth" and not re.search(r"\d{4}", match.group()):
            # A month without its year is the nearest one, unless the verb just before says which
            # way: "the deal signed in July" written in June is last July, "will meet in January"
            # written in November the next.
            window = max(0, match.start() - 60)
            window = max([window, *(m.end() for m in _SENTENCE_END.finditer(text, window, match.start()))])  # this sentence's verbs
            past = [m for m in PAST_TENSE.finditer(text, window, match.start())
                    if not re.search(r"\b(?:be|been|being)\s+$", text[window:m.start()]) and not re.match(r"\s+to\b", text[m.end():])
                    and m.group().lower() not in ("scheduled", "planned", "expected", "slated")]
            last = max((*past, *FUTURE_TENSE.finditer(text, window, match.start())), key=lambda m: m.start(), default=None)
            shift = 0
            if last is not None and last.re is PAST_TENSE and resolved.first_day > published:
                shift = -1  # "signed in July" (but not "will be held in", "is expected to ... in")
            elif last is not None and last.re is FUTURE_TENSE and resolved.last_day < published:
                shift = 1
            if shift:
                year, month = resolved.value.split("-")
                resolved = dates.ResolvedDate("gYearMonth", f"{int(year) + shift:04d}-{month}",
                                              *(day.replace(year=day.year + shift) if day else None for day in (resolved.begin, resolved.end)))
        if resolved is not None:
            found.append((Span(match.start(), match.end(), match.group()), resolved))
    found.sort(key=lambda item: item[0].begin)
    # "the year before", "a year later": a year counted from the year the text names last before it
    # ("emissions fell last year ... compared with the year before" is the year before last year).
    for match in _YEAR_AROUND.finditer(text):
        if any(s.begin < match.end() and match.start() < s.end for s, _ in found):
            continue
        earlier = [(span.begin, value) for span, value in found if span.end <= match.start()]
        base = max(earlier, key=lambda item: item[0])[1].first_day.year if earlier else published.year
        step = -1 if match.group(1) else 1
        found.append((Span(match.start(), match.end(), match.group()), dates.ResolvedDate("gYear", f"{base + step:04d}")))
    return sorted(found, key=lambda item: item[0].begin)


_YEAR_AROUND = re.compile(r"\b(?:(the year before|the previous year|the prior year|a year earlier|the preceding year)"
                          r"|the following year|a year later|the next year)\b", re.I)


@dataclass
class FoundAmount:
    span: Span
    value: Decimal
    currency: str
    bound: str  # value | maxValue | minValue
    approximate: bool
    restates: Span | None = None  # the amount this one restates in another currency


def _amount(match) -> FoundAmount:
    groups = match.groupdict()
    number = Decimal((groups["n1"] or groups["n2"]).replace(",", ""))
    scale = groups["s1"] or groups["s2"]
    value = number * SCALES[scale.lower()] if scale else number
    currency = CURRENCY_SYMBOLS[groups["symbol"]] if groups["symbol"] else CURRENCY_WORDS[groups["word"].lower()]
    qualifier = (groups["qualifier"] or "").lower()
    bound = "maxValue" if qualifier in ("as high as", "as much as", "up to", "at most") else "minValue" if qualifier in ("at least", "more than", "over") else "value"
    approximate = qualifier in ("about", "around", "roughly", "approximately", "nearly", "some", "almost")
    normalised = format(value.normalize(), "f")
    return FoundAmount(Span(match.start(), match.end(), match.group()), Decimal(normalised), currency, bound, approximate)


VAGUE_AMOUNT = re.compile(r"\b(?:(?P<multiple>tens|hundreds)\s+of\s+)?(?P<scale>thousands|millions|billions|trillions)\s+of\s+"
                          r"(?:(?:US|U\.S\.|American|Japanese|South\s+Korean)\s+)?(?P<word>yen|won|dollars|euros|pounds|yuan)\b", re.I)


def find_amounts(text: str) -> list[FoundAmount]:
    rates = [match.span() for match in RATE.finditer(text)]
    found = [_amount(m) for m in AMOUNT.finditer(text) if not any(b <= m.start() < e for b, e in rates)]
    # "billions of dollars": at least one billion, as the seed models it; "tens of billions" ten.
    for m in VAGUE_AMOUNT.finditer(text):
        value = SCALES[m.group("scale").lower().rstrip("s")] * {None: 1, "tens": 10, "hundreds": 100}[m.group("multiple") and m.group("multiple").lower()]
        found.append(FoundAmount(Span(m.start(), m.end(), m.group()), Decimal(format(value.normalize(), "f")),
                                 CURRENCY_WORDS[m.group("word").lower()], "minValue", False))
    found.sort(key=lambda amount: amount.span.begin)
    for previous, current in zip(found, found[1:]):
        between = text[previous.span.end:current.span.begin]
        if re.fullmatch(r"\s*\(\s*", between) and text[current.span.end:current.span.end + 1] == ")" \
                and previous.currency != current.currency:
            current.restates = previous.span
            if previous.bound != "value" and current.bound == "value":
                current.bound = previous.bound  # "as high as 1 trillion yen (about 950 billion won)"
    return found


def find_rates(text: str) -> list[tuple[Span, str, str, Decimal]]:
    return [(Span(m.start(), m.end(), m.group()), CURRENCY_SYMBOLS[m.group("base")], CURRENCY_WORDS[m.group("word").lower()],
             Decimal(m.group("value").replace(",", ""))) for m in RATE.finditer(text)]


def find_percentages(text: str) -> list[tuple[Span, Decimal, bool]]:
    return [(Span(m.start(), m.end(), m.group()), Decimal(m.group("n")), bool(m.group("qualifier"))) for m in PERCENT.finditer(text)]
