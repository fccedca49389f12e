"""A synthetic, linked news corpus in newsgraph's own model, deterministic by seed.

Each article (about 100 triples) has its text, a publisher, people, organisations and countries
drawn from shared pools (so articles link, and people appear under other spellings: name order,
b/v), a purchase proposal with an amount, a tariff with its rate and components, a negotiation
round with actors, place and date, and a grounded statement for every fact: mention with offsets,
source, certainty and hedges.

    python bench/generate.py --articles 100 --seed 1 -o corpus.nq
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

NG = "https://w3id.org/newsgraph/ontology#"
ID = "https://w3id.org/newsgraph/id/"
GRAPH = "https://w3id.org/newsgraph/graph/article/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
FOAF = "http://xmlns.com/foaf/0.1/"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
TIME = "http://www.w3.org/2006/time#"
GAF = "http://groundedannotationframework.org/gaf#"
GRASP = "http://groundedannotationframework.org/grasp#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"

GIVEN = ["Ryosei", "Scott", "Hana", "Kenji", "Mina", "David", "Yuki", "Laura", "Jin", "Paolo", "Aiko", "Viktor", "Sara"]
FAMILY = ["Akazawa", "Bessent", "Sato", "Kim", "Tanaka", "Rossi", "Novak", "Park", "Lee", "Vargas", "Berg", "Lindqvist"]
COUNTRIES = ["Japan", "United States", "Canada", "South Korea", "Germany", "France", "Italy", "Brazil", "India", "Mexico"]
CURRENCIES = ["JPY", "USD", "KRW", "EUR"]
PUBLISHERS = ["Chosun Biz", "Example Wire", "Asahi Shimbun", "Business Daily", "Global Post", "Trade Times"]


def iri(value: str) -> str:
    return f"<{value}>"


def literal(value, datatype: str | None = None, language: str | None = None) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if language:
        return f'"{text}"@{language}'
    if datatype:
        return f'"{text}"^^<{XSD}{datatype}>'
    return f'"{text}"'


def article_quads(number: int, rng: random.Random, people: list[tuple[str, str]]) -> list[str]:
    name = f"synthetic-{number:07d}"
    article = f"{ID}article/{name}"
    graph, evidence = iri(GRAPH + name), iri(GRAPH + name + "/evidence")
    a, b = rng.sample(people, 2)
    country_a, country_b = rng.sample(COUNTRIES, 2)
    # Spelling variants the linker must resolve: family-name-first order, b/v.
    spelling = f"{a[1]} {a[0]}" if rng.random() < 0.3 else f"{a[0]} {a[1]}"
    if rng.random() < 0.1:
        spelling = spelling.replace("B", "V", 1)
    amount = rng.choice([1, 2, 5, 10, 50, 100, 950]) * 10 ** rng.choice([9, 12])
    currency = rng.choice(CURRENCIES)
    base_rate, extra_rate = rng.choice([10, 15]), rng.choice([4, 14, 20])
    day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    text = (f"{spelling} of {country_a} met {b[0]} {b[1]} of {country_b} on {day}. "
            f"{country_a} reportedly offered to buy goods worth as much as {amount} {currency}. "
            f"A {base_rate + extra_rate}% tariff includes an additional {extra_rate}% on the uniform {base_rate}%.")
    person_a, person_b = f"{ID}person/{a[0].lower()}-{a[1].lower()}", f"{ID}person/{b[0].lower()}-{b[1].lower()}"
    local_person = rng.random() < 0.3  # as an import would: an article-local IRI that `link` must resolve
    if local_person:
        person_a = f"{article}/person-a"
    land_a, land_b = f"{ID}country/{country_a.lower().replace(' ', '-')}", f"{ID}country/{country_b.lower().replace(' ', '-')}"
    local = f"{article}/"
    facts = [
        (person_a, RDF + "type", iri(FOAF + "Person")),
        (person_a, RDFS + "label", literal(spelling if local_person else f"{a[0]} {a[1]}", language="en")),
        (person_a, SKOS + "altLabel", literal(spelling, language="en")),
        (person_b, RDF + "type", iri(FOAF + "Person")), (person_b, RDFS + "label", literal(f"{b[0]} {b[1]}", language="en")),
        (land_a, RDF + "type", iri(SCHEMA + "Country")), (land_a, RDFS + "label", literal(country_a, language="en")),
        (land_b, RDF + "type", iri(SCHEMA + "Country")), (land_b, RDFS + "label", literal(country_b, language="en")),
        (person_a, NG + "negotiatesWith", iri(person_b)),
        (local + "round", RDF + "type", iri(NG + "NegotiationRound")),
        (local + "round", RDFS + "label", literal(f"talks of {country_a} and {country_b}", language="en")),
        (local + "round", SEM + "hasActor", iri(person_a)), (local + "round", SEM + "hasActor", iri(person_b)),
        (local + "round", SEM + "hasPlace", iri(land_b)), (local + "round", TIME + "hasTime", iri(local + "day")),
        (local + "round", SCHEMA + "eventStatus", iri(SCHEMA + "EventScheduled")),
        (local + "day", RDF + "type", iri(TIME + "Instant")), (local + "day", TIME + "inXSDDate", literal(day, "date")),
        (local + "proposal", RDF + "type", iri(NG + "PurchaseProposal")),
        (local + "proposal", RDFS + "label", literal(f"{country_a}'s purchase offer", language="en")),
        (local + "proposal", NG + "proposedBy", iri(land_a)), (local + "proposal", NG + "proposedTo", iri(land_b)),
        (local + "proposal", NG + "amount", iri(local + "amount")), (local + "proposal", NG + "dateUnknown", literal("true", "boolean")),
        (local + "amount", RDF + "type", iri(SCHEMA + "MonetaryAmount")),
        (local + "amount", SCHEMA + "maxValue", literal(amount, "decimal")), (local + "amount", SCHEMA + "currency", literal(currency)),
        (local + "tariff", RDF + "type", iri(NG + "Tariff")),
        (local + "tariff", RDFS + "label", literal(f"{base_rate + extra_rate}% tariff on {country_b}", language="en")),
        (local + "tariff", NG + "appliesTo", iri(land_a)), (local + "tariff", NG + "imposedBy", iri(land_b)),
        (local + "tariff", NG + "rate", iri(local + "rate")),
        (local + "rate", RDF + "type", iri(SCHEMA + "QuantitativeValue")),
        (local + "rate", SCHEMA + "value", literal(base_rate + extra_rate, "decimal")), (local + "rate", SCHEMA + "unitCode", literal("P1")),
    ]
    for part, value in (("base", base_rate), ("extra", extra_rate)):
        facts += [(local + "tariff", NG + "hasComponent", iri(local + part)), (local + part, RDF + "type", iri(NG + "Tariff")),
                  (local + part, RDFS + "label", literal(f"{value}% component", language="en")),
                  (local + part, NG + "rate", iri(local + part + "-rate")),
                  (local + part + "-rate", RDF + "type", iri(SCHEMA + "QuantitativeValue")),
                  (local + part + "-rate", SCHEMA + "value", literal(value, "decimal"))]
    quads = [f"{iri(s)} {iri(p)} {o} {graph} ." for s, p, o in facts]
    sentence_end = text.index(".") + 1
    quads += [
        f"{iri(article)} {iri(RDF + 'type')} {iri(SCHEMA + 'NewsArticle')} {evidence} .",
        f"{iri(article)} {iri(RDF + 'type')} {iri(NIF + 'Context')} {evidence} .",
        f"{iri(article)} {iri(RDFS + 'label')} {literal(name, language='en')} {evidence} .",
        f"{iri(article)} {iri(NIF + 'isString')} {literal(text)} {evidence} .",
        f"{iri(article)} {iri(SCHEMA + 'publisher')} {iri(ID + 'publisher/' + str(number % len(PUBLISHERS)))} {evidence} .",
        f"{iri(article + '#char=0,' + str(sentence_end))} {iri(RDF + 'type')} {iri(NIF + 'Sentence')} {evidence} .",
        f"{iri(article + '#char=0,' + str(sentence_end))} {iri(NIF + 'anchorOf')} {literal(text[:sentence_end])} {evidence} .",
        f"{iri(article + '#char=0,' + str(sentence_end))} {iri(NG + 'sentenceNumber')} {literal(1, 'integer')} {evidence} .",
    ]
    mention = f"{article}#char=0,{len(spelling)}"
    attribution = f"{article}/attribution/0"
    quads += [
        f"{iri(mention)} {iri(RDF + 'type')} {iri(GAF + 'Mention')} {evidence} .",
        f"{iri(mention)} {iri(NIF + 'beginIndex')} {literal(0, 'integer')} {evidence} .",
        f"{iri(mention)} {iri(NIF + 'endIndex')} {literal(len(spelling), 'integer')} {evidence} .",
        f"{iri(mention)} {iri(NIF + 'anchorOf')} {literal(spelling)} {evidence} .",
        f"{iri(mention)} {iri(NIF + 'referenceContext')} {iri(article)} {evidence} .",
        f"{iri(mention)} {iri(NIF + 'sentence')} {iri(article + '#char=0,' + str(sentence_end))} {evidence} .",
        f"{iri(mention)} {iri(GRASP + 'wasAttributedTo')} {iri(article)} {evidence} .",
        f"{iri(mention)} {iri(GRASP + 'hasAttribution')} {iri(attribution)} {evidence} .",
        f"{iri(attribution)} {iri(RDF + 'value')} {iri(GRASP + rng.choice(['CERTAIN', 'PROBABLE']))} {evidence} .",
        f"{iri(attribution)} {iri(NG + 'hedge')} {literal('reportedly')} {evidence} .",
    ]
    for index, (s, p, o) in enumerate(facts[:12]):
        statement = f"{ID}statement/{name}-{index}"
        quads += [f"{iri(statement)} {iri(RDF + 'type')} {iri(RDF + 'Statement')} {evidence} .",
                  f"{iri(statement)} {iri(RDF + 'subject')} {iri(s)} {evidence} .",
                  f"{iri(statement)} {iri(RDF + 'predicate')} {iri(p)} {evidence} .",
                  f"{iri(statement)} {iri(RDF + 'object')} {o} {evidence} .",
                  f"{iri(statement)} {iri(GAF + 'denotedBy')} {iri(mention)} {evidence} ."]
    return quads


def generate(articles: int, seed: int, path: Path) -> int:
    rng = random.Random(seed)
    people = [(given, family) for given in GIVEN for family in FAMILY]
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        for number in range(articles):
            lines = article_quads(number, rng, people)
            out.write("\n".join(lines) + "\n")
            count += len(lines)
    return count


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, default=Path("corpus.nq"))
    arguments = parser.parse_args()
    print(f"{generate(arguments.articles, arguments.seed, arguments.output)} quads in {arguments.output}")
