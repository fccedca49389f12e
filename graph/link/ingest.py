"""`newsgraph ingest`: a new article's text into a graph of the same model, GDELT-GKG style.

What it extracts, each with character offsets and its sentence:
- mentions of entities the store already knows: their labels and alternative labels (any case),
  people's names in either order, with titles and honorifics ("Minister Akazawa"), by a surname
  that only one known person has, and by transliteration variants (b/v, l/r) or near spellings,
  each with a score and the method that matched;
- dates: absolute ("May 30", "30 May 2025", "2025-05-30") and relative ("the 29th", "next month",
  "last year", "yesterday"), resolved against the publication date, the words kept;
- money amounts with their ISO 4217 currency, bounds ("as high as", "at least") and "about", and the
  conversions the text states: "1 trillion yen ($6.94 billion)" and "($1 = 144.17 yen)";
- percentages;
- candidate new entities: capitalised names the store does not know, kept as candidates in the
  evidence graph, never as facts;
- the article itself as a source, with its publisher, date, address and language.

What it does not do: it is not a relation extractor. It does not say who proposed what to whom, or
which amount belongs to which proposal; those come from annotations (like the seed's) or from
graphs imported with `newsgraph import`.

Numbers and dates are parsed here rather than with a library: dateparser reads absolute dates but
does not anchor "the 29th" to a publication date the way news needs, and price parsers do not read
scale words ("1 trillion") or stated conversions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ...errors import InputError
from ...ontology import GAF, GRASP, ID, NG, NIF, RDF, RDFS, SCHEMA, TIME, XSD
from ...ontology.graphs import article_graph, evidence_graph, ingest_links_graph
from ..files import read_text
from ..model import dates
from ..model.build import _statement, mention_triples, sentence_triples
from ..model.text import Span, split_sentences
from . import names
from .context import generic
from .resolve import MENTIONED, Link, apply_decisions, canonical_entities, link_id, link_triples, representative_rank

if TYPE_CHECKING:
    from ..store import Store

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
ABSOLUTE_DATE = re.compile(
    r"\b(?:(?P<y1>\d{4})-(?P<m1>\d{2})-(?P<d1>\d{2})"
    r"|(?P<mon2>" + "|".join(MONTHS) + r")\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{4}))?"
    r"|(?P<d3>\d{1,2})\s+(?P<mon3>" + "|".join(MONTHS) + r")(?:\s+(?P<y3>\d{4}))?)\b")
RELATIVE_DATE = re.compile(
    r"\b(?:(?:on\s+)?the\s+(?:(?:morning|evening|afternoon|night)\s+of\s+the\s+)?\d{1,2}(?:st|nd|rd|th)\b(?:\s*\(local time\))?"
    r"|(?:last|this|next)\s+(?:month|year)|yesterday|today|tomorrow"
    r"|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))", re.I)
CAPITALISED = re.compile(r"\b(?:[A-Z][A-Za-z’'\-]*\.?|[A-Z]{2,}\d*|G\d{1,2})(?:\s+(?:of\s+(?:the\s+)?)?(?:[A-Z][A-Za-z’'\-]*\.?|[A-Z]{2,}\d*))*")
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


def ingest_article(store: Store, text_path: Path, published: date, source: str, url: str | None = None, lang: str = "en") -> dict:
    """Build the graphs of a new article; return {graph IRI: triples} ready for replace_graphs."""
    text = read_text(text_path, "article")
    if not text.strip():
        raise InputError(f"{text_path}: the article is empty")
    slug = lambda value: re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")  # noqa: E731
    name = f"{slug(source)}-{published.isoformat()}-{slug(text_path.stem)}"
    article = ox.NamedNode(f"{ID}article/{name}")
    publisher = ox.NamedNode(f"{ID}{slug(source)}")
    sentences = split_sentences(text)
    facts: list = []
    evidence: list = []
    statements: dict = {}

    def node(kind: str, span: Span):
        return ox.NamedNode(f"{article.value}/{kind}/char={span.begin},{span.end}")

    def literal(value, datatype: str):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + datatype))

    def ground(triples: list, span: Span, certainty: str = "CERTAIN", extra: list = ()):
        """Facts `triples` stated by `span`: mention, attribution to the article, statements."""
        sentence = next(s for s in sentences if s.begin <= span.begin and span.end <= s.end)
        mention, grounding = mention_triples(article, span, sentence, article, ox.NamedNode(GRASP + certainty))
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
        ox.Triple(publisher, ox.NamedNode(RDF + "type"), ox.NamedNode(SCHEMA + "NewsMediaOrganization")),
        ox.Triple(publisher, ox.NamedNode(RDFS + "label"), ox.Literal(source, language="en")),
    ]
    if url:
        evidence += [ox.Triple(article, ox.NamedNode(SCHEMA + "url"), literal(url, "anyURI")),
                     ox.Triple(article, ox.NamedNode(NIF + "sourceUrl"), ox.NamedNode(url))]
    evidence += sentence_triples(article, sentences)

    # Known entities and candidates. The article mentions what it names ("Bessent"), an entity of
    # its own; that this is the known entity is a link, recorded with its method and score, which
    # `links --reject` undoes (the mention then stays the article's own, unlinked).
    matches, candidates = find_mentions(store, text)
    mentioned: dict[tuple[str, str], ox.NamedNode] = {}
    links: dict[str, Link] = {}
    for match in matches:
        spelling = " ".join(match.span.text.split())
        local = mentioned.get((spelling.casefold(), match.entity))
        if local is None:
            local = ox.NamedNode(f"{article.value}/{MENTIONED}/{slug(spelling) or 'x'}")
            while local in mentioned.values():
                local = ox.NamedNode(local.value + "-2")
            mentioned[(spelling.casefold(), match.entity)] = local
            evidence.append(ox.Triple(local, ox.NamedNode(RDFS + "label"), ox.Literal(spelling, language=lang)))
        ground([ox.Triple(article, ox.NamedNode(SCHEMA + "mentions"), local)], match.span,
               extra=[(NG + "matchScore", literal(f"{match.score:.2f}", "decimal")), (NG + "matchMethod", ox.Literal(match.method))])
        identifier = link_id(local.value, match.entity)
        if identifier not in links or links[identifier].score < match.score:
            links[identifier] = Link(identifier, local.value, match.entity, "ingest", match.score,
                                     (spelling, _name_of(store, match.entity)), "accepted",
                                     [f"ingest matched the mention by {match.method}"], _doubts(match.method),
                                     ingest_links_graph(name))
    apply_decisions(store, list(links.values()))
    for span in candidates:
        candidate = node("candidate", span)
        evidence += [
            ox.Triple(candidate, ox.NamedNode(RDF + "type"), ox.NamedNode(NG + "CandidateEntity")),
            ox.Triple(candidate, ox.NamedNode(RDFS + "label"), ox.Literal(span.text, language=lang)),
            ox.Triple(candidate, ox.NamedNode(NIF + "anchorOf"), ox.Literal(span.text)),
            ox.Triple(candidate, ox.NamedNode(NIF + "beginIndex"), literal(span.begin, "integer")),
            ox.Triple(candidate, ox.NamedNode(NIF + "endIndex"), literal(span.end, "integer")),
            ox.Triple(candidate, ox.NamedNode(NIF + "referenceContext"), article),
        ]

    # Dates.
    for span, resolved in find_dates(text, published):
        when = node("time", span)
        kind = {"date": "Instant", "gYearMonth": "ProperInterval", "gYear": "ProperInterval"}[resolved.datatype]
        prop = {"date": "inXSDDate", "gYearMonth": "inXSDgYearMonth", "gYear": "inXSDgYear"}[resolved.datatype]
        ground([ox.Triple(article, ox.NamedNode(NG + "statesTime"), when),
                ox.Triple(when, ox.NamedNode(RDF + "type"), ox.NamedNode(TIME + kind)),
                ox.Triple(when, ox.NamedNode(TIME + prop), literal(resolved.value, resolved.datatype)),
                ox.Triple(when, ox.NamedNode(NG + "originalExpression"), ox.Literal(span.text))], span)

    # Amounts, their stated conversions, exchange rates, percentages.
    for amount in find_amounts(text):
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

    return {article_graph(name): list(dict.fromkeys(facts)), evidence_graph(name): list(dict.fromkeys(evidence)),
            ingest_links_graph(name): link_triples(sorted(links.values(), key=lambda link: link.id))}


def _name_of(store: Store, iri: str) -> str:
    for row in store.query("SELECT ?e ?name WHERE { ?e rdfs:label ?name } ORDER BY ?name LIMIT 1", {"e": ox.NamedNode(iri)}):
        return row["name"].value
    return iri


def _doubts(method: str) -> list[str]:
    """What speaks against a match made by `method`."""
    if "surname" in method:
        return ["matched on a surname only"]
    if method == "partial name":
        return ["matched on one word of the name"]
    if "spelling" in method:
        return ["the spelling differs"]
    return []


def find_mentions(store: Store, text: str) -> tuple[list[Match], list[Span]]:
    """Mentions of entities the store knows, and capitalised names it does not know."""
    known = canonical_entities(store, typed_only=True)
    by_key: dict[tuple[str, bool], set[str]] = {}
    surnames: dict[str, set[str]] = {}
    # People not yet linked but with the same full name are one person for these look-ups
    # (the page's "Ryosei Akazawa" and the seed's, before `link` has run); our own IRI names them.
    same_name: dict[str, str] = {}
    for entity in sorted(known.values(), key=lambda e: representative_rank(e.iri)):
        if entity.kind == "person":
            for label in entity.names:
                same_name.setdefault(names.key(label, True), entity.iri)
    for entity in known.values():
        person = entity.kind == "person"
        for label in entity.names:
            representative = same_name.get(names.key(label, True), entity.iri) if person else entity.iri
            by_key.setdefault((names.key(label, person), person), set()).add(representative)
            if person:
                for token in names.person_tokens(label):
                    surnames.setdefault(token, set()).add(representative)
    matches: list[Match] = []
    taken: list[tuple[int, int]] = []

    def free(begin: int, end: int) -> bool:
        return all(end <= b or begin >= e for b, e in taken)

    # 1. Known names, longest first, in any case (people in either order too).
    owners: dict[str, tuple[str, bool]] = {}
    for entity in sorted(known.values(), key=lambda e: representative_rank(e.iri)):
        for label in entity.names:
            if generic(label, entity.kind):
                continue  # a byline or a lemma ("say") is not a mention of one thing
            owners.setdefault(label, (entity.iri, entity.kind == "person"))  # the best-ranked owner of a spelling
    for label in sorted(owners, key=lambda item: (-len(item), item)):
        iri, person = owners[label]
        if len(label) < 2:
            continue
        variants = {label}
        if person and len(label.split()) == 2:
            variants.add(" ".join(reversed(label.split())))
        for variant in variants:
            pattern = r"(?<![\w])" + r"\s+".join(re.escape(part) for part in variant.split()) + r"(?![\w])"
            for found in re.finditer(pattern, text, re.I):
                if not free(found.start(), found.end()):
                    continue
                if " " not in variant and not found.group()[0].isupper():
                    continue  # a one-word name in any case, but a lower-case word ("time") is a word
                exact = found.group() == variant
                method = ("label" if variant == label else "name order") + ("" if exact else ", case")
                score = 1.0 if exact and variant == label else 0.95
                matches.append(Match(Span(found.start(), found.end(), found.group()), iri, score, method))
                taken.append((found.start(), found.end()))
    # 2. Capitalised names: titles, a unique surname, transliteration and near spellings.
    candidates: list[Span] = []
    for found in CAPITALISED.finditer(text):
        words = list(re.finditer(r"\S+", found.group()))
        first = 0
        while first < len(words) and words[first].group().rstrip(".") in NOT_ENTITIES:
            first += 1  # sentence openers and titles are not names
        if first == len(words):
            continue
        titled = first > 0 and words[first - 1].group().rstrip(".") in TITLE_WORDS
        begin, end = found.start() + words[first].start(), found.start() + words[-1].end()
        if text[end - 1] == "." and not re.search(r"(?:[A-Z]\.){2,}$", text[begin:end]):
            end -= 1  # the sentence's full stop, not an abbreviation's
        if not free(begin, end):
            continue
        span = Span(begin, end, text[begin:end])
        match = _resolve(span.text, titled, by_key, surnames, known)
        if match is not None:
            matches.append(Match(span, *match))
            taken.append((begin, end))
        elif len(span.text) > 1 and not span.text.isdigit() and not _sentence_opener(text, span):
            candidates.append(span)
    return sorted(matches, key=lambda m: m.span.begin), candidates


def _proper_name(label: str) -> bool:
    """A name, not a description: every word but "of", "the", "and" ... is capitalised ("The Asahi
    Shimbun", not "American corporations" or "corporations that operate data centres")."""
    words = [word for word in re.split(r"[\s\-/]+", label) if word]
    return all(word[0].isupper() or word[0].isdigit() or word.lower() in names.STOPWORDS for word in words)


def _headline(sentences: list[Span]) -> str:
    """The first sentence, cut to a title's length at a word boundary."""
    first = sentences[0].text if sentences else ""
    return first if len(first) <= 90 else first[:90].rsplit(" ", 1)[0] + " ..."


def _sentence_opener(text: str, span: Span) -> bool:
    """A single capitalised word that opens a sentence ("Economic revitalization minister ...") is
    not a name on that evidence alone; a word in capitals (a dateline: "TOKYO") still is."""
    before = text[:span.begin].rstrip()
    opens = not before or before[-1] in ".!?\n"
    return opens and " " not in span.text and not span.text.isupper()


def _resolve(phrase: str, titled: bool, by_key, surnames, known) -> tuple[str, float, str] | None:
    person_key = names.key(phrase, person=True)
    if person_key and len(by_key.get((person_key, True), ())) == 1:
        (iri,) = by_key[(person_key, True)]
        return iri, 0.9 if titled else 0.95, "name with title" if titled else "name"
    tokens = names.person_tokens(phrase)
    if len(tokens) == 1 and len(surnames.get(tokens[0], ())) == 1:
        (iri,) = surnames[tokens[0]]
        return iri, 0.85 if titled else 0.75, "surname with title" if titled else "unique surname"
    # One word of an organisation's name that no other organisation has ("Asahi").
    word = names.tokens(phrase)
    if len(word) == 1 and len(word[0]) >= 4:
        owners = {e.iri for e in known.values() if e.kind == "organisation"
                  for label in e.names if word[0] in names.tokens(label) and len(names.tokens(label)) > 1
                  and _proper_name(label)}
        if len(owners) == 1:
            return owners.pop(), 0.7, "partial name"
    # Transliteration folding and near spellings, against people and organisations alike.
    best: tuple[float, str] = (0.0, "")
    for entity in known.values():
        person = entity.kind == "person"
        for label in entity.names:
            score = names.similarity(phrase, label, person)
            if score > best[0]:
                best = (score, entity.iri)
    if best[0] >= 0.85:
        return best[1], round(best[0] * 0.9, 2), "transliteration or spelling variant"
    return None


def find_dates(text: str, published: date) -> list[tuple[Span, dates.ResolvedDate]]:
    found = []
    for match in ABSOLUTE_DATE.finditer(text):
        groups = match.groupdict()
        if groups["y1"]:
            value = date(int(groups["y1"]), int(groups["m1"]), int(groups["d1"]))
            resolved = dates.ResolvedDate("date", value.isoformat())
        else:
            month = MONTHS.index(groups["mon2"] or groups["mon3"]) + 1
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
        if resolved is not None:
            found.append((Span(match.start(), match.end(), match.group()), resolved))
    return sorted(found, key=lambda item: item[0].begin)


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


def find_amounts(text: str) -> list[FoundAmount]:
    rates = [match.span() for match in RATE.finditer(text)]
    found = [_amount(m) for m in AMOUNT.finditer(text) if not any(b <= m.start() < e for b, e in rates)]
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
