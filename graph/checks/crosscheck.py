"""Cross-check the quantitative claims of a graph against each other.

Four kinds of check, none tuned to one article:

- composition: a tariff (or amount) said to be made of components equals the sum of their rates
  (or amounts);
- share: "X is about N% of Y", recomputed from the amounts of X and Y, converting currencies;
- conversion: every stated restatement "A (about B)" implies an exchange rate; it must agree with
  the sourced rates in the graph (directly, or crossed through a third currency);
- magnitude: a disagreement whose ratio is a power of ten is called out as an order-of-magnitude
  error rather than a mere mismatch.

Rates: every rate the store holds is used: the sourced ones (reference tables, and the rates an
article states, "($1 = 144.17 yen)"), and the rates implied by the articles' own restatements
("$68.5 billion (about 94 trillion won)" implies 1,372 won per dollar), directly or crossed through
a third currency. Of several rates for a pair, the one nearest in time to the statement checked
wins (a rate's ng:rateDate; an implied rate's article's publication date), a sourced one on a tie.
A restatement is never checked against the rate it implies itself, and of two restatements of
the same pair only the later is reported against the earlier.

Tolerances: 0.5% relative for exact statements, or the stated precision of a restated figure when
that is wider ("$6.9 billion" is right to within 0.05 billion, 0.72%); for approximate ones
("about", a rate from another day) 10% relative, and for stated percentages at least 1
percentage point. A ratio within 10% of 10^k (k != 0) is an order-of-magnitude error.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ..views.readable import in_words

if TYPE_CHECKING:
    from ..store import Store

EXACT_TOLERANCE = 0.005
APPROXIMATE_TOLERANCE = 0.10
PERCENT_POINTS = 1.0


@dataclass
class Claim:
    node: str
    text: str  # the original expression or a description
    value: float
    unit: str  # ISO 4217 code, "percent" or a rate "KRW per JPY"
    quote: str = ""
    sentence: str = ""


@dataclass
class Finding:
    kind: str  # composition | share | conversion | magnitude
    severity: str  # error | warning
    message: str
    claims: list[Claim]
    computed: dict = field(default_factory=dict)
    tolerance: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Amount:
    node: str
    currency: str
    value: float
    bound: str  # value | max | min
    approximate: bool
    expression: str
    published: str = ""  # the publication date of the article that states it

    @property
    def precision(self) -> float:
        """Half a unit of the last digit written, relative to the value ("$6.9 billion": 0.05/6.9)."""
        number = re.search(r"\d[\d,]*(?:\.(\d+))?", self.expression)
        if number is None:
            return 0.0
        written = float(number.group().replace(",", ""))
        if not written:
            return 0.0
        decimals = len(number.group(1) or "")
        return 0.5 * 10 ** -decimals / written


_PUBLISHED = """
SELECT DISTINCT ?node ?published WHERE {
  ?st rdf:subject ?node ; gaf:denotedBy/nif:referenceContext/schema:datePublished ?published .
}"""


_AMOUNTS = """
SELECT ?a ?currency ?value ?max ?min ?approximate ?expression WHERE {
  ?a schema:currency ?currency .
  OPTIONAL { ?a schema:value ?value }
  OPTIONAL { ?a schema:maxValue ?max }
  OPTIONAL { ?a schema:minValue ?min }
  OPTIONAL { ?a ng:approximate ?approximate }
  OPTIONAL { ?a ng:originalExpression ?expression }
}"""

_RATES = """
SELECT ?r ?base ?quote ?value ?date ?label WHERE {
  ?r a ng:ExchangeRate ; ng:baseCurrency ?base ; ng:quoteCurrency ?quote ; schema:value ?value .
  OPTIONAL { ?r ng:rateDate ?date }
  OPTIONAL { ?r rdfs:label ?label }
} ORDER BY ?r"""

_EVIDENCE = """
SELECT ?node ?quote ?sentence WHERE {
  ?st rdf:subject ?node ; gaf:denotedBy ?m .
  ?m nif:anchorOf ?quote ; nif:beginIndex ?begin ; nif:sentence/nif:anchorOf ?sentence .
} ORDER BY ?node DESC(STRLEN(?quote)) ?begin"""

_COMPOSITIONS = """
SELECT DISTINCT ?whole ?wholeLabel ?wholeValue ?part ?partLabel ?partValue ?wholeExpression ?partExpression WHERE {
  ?whole ng:hasComponent ?part .
  ?whole ng:rate ?wr . ?wr schema:value ?wholeValue .
  ?part ng:rate ?pr . ?pr schema:value ?partValue .
  OPTIONAL { ?whole rdfs:label ?wholeLabel }
  OPTIONAL { ?part rdfs:label ?partLabel }
  OPTIONAL { ?wr ng:originalExpression ?wholeExpression }
  OPTIONAL { ?pr ng:originalExpression ?partExpression }
} ORDER BY ?whole ?part"""

_SHARES = """
SELECT DISTINCT ?share ?part ?whole ?percent ?approximate ?expression WHERE {
  ?share a ng:Share ; ng:part ?part ; ng:whole ?whole ; ng:fraction ?f .
  ?f schema:value ?percent .
  OPTIONAL { ?f ng:approximate ?approximate }
  OPTIONAL { ?f ng:originalExpression ?expression }
} ORDER BY ?share"""

_RESTATEMENTS = "SELECT DISTINCT ?a ?b WHERE { ?a ng:statedAs ?b } ORDER BY ?a ?b"


class _Graph:
    """The quantities of a store, read once."""

    def __init__(self, store: Store):
        self.store = store
        self.amounts: dict[str, Amount] = {}
        for row in store.query(_AMOUNTS):
            value, bound = _first(row, ("value", "value"), ("max", "max"), ("min", "min"))
            if value is None:
                continue
            self.amounts[row["a"].value] = Amount(
                row["a"].value, row["currency"].value, value, bound,
                row["approximate"] is not None and row["approximate"].value == "true",
                row["expression"].value if row["expression"] is not None else "")
        self.rates = [
            (row["base"].value, row["quote"].value, float(Decimal(row["value"].value)),
             row["date"].value if row["date"] is not None else "", row["label"].value if row["label"] is not None else row["r"].value,
             row["r"].value)
            for row in store.query(_RATES)
        ]
        self.evidence: dict[str, tuple[str, str]] = {}
        for row in store.query(_EVIDENCE):
            self.evidence.setdefault(row["node"].value, (row["quote"].value, row["sentence"].value))
        for row in store.query(_PUBLISHED):
            if row["node"].value in self.amounts:
                self.amounts[row["node"].value].published = row["published"].value[:10]
        # Rates implied by restatements: (original node, restated node) -> rate, with its date.
        self.implied: list[tuple[Amount, Amount, float]] = []
        for row in store.query(_RESTATEMENTS):
            original, restated = self.amounts.get(row["a"].value), self.amounts.get(row["b"].value)
            if original is not None and restated is not None and original.value and restated.value:
                self.implied.append((original, restated, restated.value / original.value))

    def claim(self, node: str, text: str, value: float, unit: str) -> Claim:
        quote, sentence = self.evidence.get(node, ("", ""))
        return Claim(node, text, value, unit, quote, sentence)

    def amount_claim(self, amount: Amount) -> Claim:
        bound = {"max": "at most ", "min": "at least ", "value": "about " if amount.approximate else ""}[amount.bound]
        return self.claim(amount.node, amount.expression or f"{bound}{amount.value:g} {amount.currency}", amount.value, amount.currency)

    def table_rate(self, base: str, quote: str, when: str = "", direct: set | None = None,
                   crossed: set | None = None) -> tuple[float, str] | None:
        """Units of `quote` per unit of `base`: direct, inverted, or crossed through one third
        currency, from the sourced rates and the rates implied by the restatements whose indexes
        are in `direct` (for the pair itself) and `crossed` (for a leg of a cross rate); all of
        them when not given. Of several, the nearest in time to `when` wins, a sourced one on a
        tie. Returns the rate and its source."""
        if base == quote:
            return 1.0, "same currency"
        options: dict[tuple[str, str], list] = {}

        def add(b, q, value, day, label, sourced, index):
            distance = _days_apart(day, when)
            options.setdefault((b, q), []).append((distance, not sourced, value, label, index))
            options.setdefault((q, b), []).append((distance, not sourced, 1 / value, f"{label}, inverted", index))

        for b, q, value, day, label, _ in self.rates:
            add(b, q, value, day, label, True, None)
        for index, (original, restated, rate) in enumerate(self.implied):
            if direct is None or index in direct or index in (crossed or ()):
                add(original.currency, restated.currency, rate, original.published or restated.published,
                    f"implied by \"{original.expression}\" restated as \"{restated.expression}\"", False, index)

        def best(pair, allowed):
            usable = [o for o in options.get(pair, []) if o[4] is None or allowed is None or o[4] in allowed]
            return min(usable, key=lambda o: (o[0], o[1], o[3])) if usable else None

        found = best((base, quote), direct)
        if found is not None:
            return found[2], found[3]
        through = []
        for middle in sorted({q for b, q in options if b == base}):
            first, second = best((base, middle), crossed), best((middle, quote), crossed)
            if first is not None and second is not None:
                through.append((max(first[0], second[0]), first[1] or second[1], first[2] * second[2], f"{first[3]} x {second[3]}"))
        if through:
            found = min(through, key=lambda o: (o[0], o[1], o[3]))
            return found[2], found[3]
        return None


def _days_apart(day: str, when: str) -> float:
    try:
        return abs((date.fromisoformat(day[:10]) - date.fromisoformat(when[:10])).days)
    except ValueError:
        return math.inf


def _first(row, *names):
    for variable, bound in names:
        if row[variable] is not None:
            return float(Decimal(row[variable].value)), bound
    return None, ""


def _power_of_ten(ratio: float) -> int:
    """k where ratio is within 10% of 10**k, k != 0; else 0."""
    if ratio <= 0:
        return 0
    k = round(math.log10(ratio))
    return k if k != 0 and abs(ratio / 10**k - 1) <= 0.10 else 0


def _factor(k: int) -> str:
    """How far off a value with ratio 10**k to the right one is, in words."""
    return f"{10 ** abs(k):,} times too {'large' if k > 0 else 'small'}"


def _relative(stated: float, computed: float) -> float:
    return abs(computed - stated) / abs(stated) if stated else math.inf


def check_store(store: Store) -> list[Finding]:
    """Every disagreement between the quantitative claims of the store."""
    graph = _Graph(store)
    return _compositions(graph) + _shares(graph) + _conversions(graph)


def _compositions(graph: _Graph) -> list[Finding]:
    wholes: dict[str, dict] = {}
    for row in graph.store.query(_COMPOSITIONS):
        whole = wholes.setdefault(row["whole"].value, {
            "label": row["wholeLabel"].value if row["wholeLabel"] is not None else row["whole"].value,
            "value": float(Decimal(row["wholeValue"].value)),
            "expression": row["wholeExpression"].value if row["wholeExpression"] is not None else "",
            "parts": []})
        part = (row["part"].value, row["partLabel"].value if row["partLabel"] is not None else row["part"].value,
                float(Decimal(row["partValue"].value)), row["partExpression"].value if row["partExpression"] is not None else "")
        if part not in whole["parts"]:  # the union of graphs repeats a fact once per graph that states it
            whole["parts"].append(part)
    findings = []
    for node, whole in wholes.items():
        total = sum(part[2] for part in whole["parts"])
        if _relative(whole["value"], total) <= EXACT_TOLERANCE:
            continue
        claims = [graph.claim(node, whole["expression"] or whole["label"], whole["value"], "percent")]
        claims += [graph.claim(p, expression or label, value, "percent") for p, label, value, expression in whole["parts"]]
        arithmetic = " + ".join(f"{part[2]:g}" for part in whole["parts"]) + f" = {total:g}, stated {whole['value']:g}"
        k = _power_of_ten(total / whole["value"]) if whole["value"] else 0
        findings.append(Finding(
            "magnitude" if k else "composition", "error",
            f"the components of {whole['label']} add up to {total:g}%, not the stated {whole['value']:g}%"
            + (f" ({_factor(k)})" if k else ""),
            claims, {"sum_of_components": total, "stated": whole["value"], "arithmetic": arithmetic},
            f"{EXACT_TOLERANCE:.1%} relative"))
    return findings


def _shares(graph: _Graph) -> list[Finding]:
    findings = []
    for row in graph.store.query(_SHARES):
        part, whole = graph.amounts.get(row["part"].value), graph.amounts.get(row["whole"].value)
        if part is None or whole is None:
            continue  # a share of trade flows or other things without amounts: nothing to recompute
        stated = float(Decimal(row["percent"].value))
        approximate = row["approximate"] is not None and row["approximate"].value == "true"
        rate = graph.table_rate(part.currency, whole.currency)
        if rate is None:
            continue
        converted = part.value * rate[0]
        computed = 100 * converted / whole.value
        tolerance = max(PERCENT_POINTS, APPROXIMATE_TOLERANCE * stated) if approximate else EXACT_TOLERANCE * stated
        if abs(computed - stated) <= tolerance:
            continue
        k = _power_of_ten(computed / stated) if stated else 0
        expression = row["expression"].value if row["expression"] is not None else f"{stated:g}%"
        findings.append(Finding(
            "magnitude" if k else "share", "error",
            f"{part.expression or part.value} is {computed:.2f}% of {whole.expression or whole.value}, not {expression}"
            + (f" ({_factor(k)})" if k else ""),
            [graph.claim(row["share"].value, expression, stated, "percent"), graph.amount_claim(part), graph.amount_claim(whole)],
            {"part_converted": converted, "part_currency": whole.currency, "rate": rate[0], "rate_source": rate[1],
             "computed_percent": computed,
             "arithmetic": f"{part.value:g} {part.currency} x {rate[0]:g} = {converted:.4g} {whole.currency}; "
                           f"{converted:.4g} / {whole.value:g} = {computed:.2f}%"},
            f"{tolerance:g} percentage points"))
    return findings


def _conversions(graph: _Graph) -> list[Finding]:
    findings = []
    implied = graph.implied
    # Which restatements may serve as references for another: for the same pair, the earlier ones
    # (so two that disagree give one finding); as a leg of a cross rate, the more precise ones
    # ("$68.5 billion (about 94 trillion won)" is a better witness of the won than "1 trillion yen
    # (about 950 billion won)").
    trust = {index: original.precision + restated.precision for index, (original, restated, _) in enumerate(implied)}
    for index, (original, restated, rate) in enumerate(implied):
        pair = f"{restated.currency} per {original.currency}"
        reference = graph.table_rate(original.currency, restated.currency, original.published or restated.published,
                                     direct=set(range(index)),
                                     crossed={j for j in trust if j != index and (trust[j], j) < (trust[index], index)})
        if reference is None:
            continue
        ratio = rate / reference[0]
        k = _power_of_ten(ratio)
        tolerance = APPROXIMATE_TOLERANCE if (restated.approximate or original.approximate) else EXACT_TOLERANCE
        tolerance = max(tolerance, restated.precision)  # "$6.9 billion" is as right as its last digit
        if not k and abs(ratio - 1) <= tolerance:
            continue
        expected = original.value * reference[0]
        computed = {
            "implied_rate": rate, "reference_rate": reference[0], "reference_source": reference[1], "ratio": ratio,
            "expected_restatement": expected,
            "arithmetic": f"{restated.value:g} / {original.value:g} = {rate:.6g} {pair}; sourced rate {reference[0]:.6g} "
                          f"{pair}; {original.value:g} {original.currency} x {reference[0]:.6g} = {expected:.4g} {restated.currency}",
        }
        consequences = _consequences(graph, original, restated, implied)
        if consequences:
            computed["consequence"] = consequences
        findings.append(Finding(
            "magnitude" if k else "conversion", "error",
            f"\"{original.expression}\" restated as \"{restated.expression}\" implies {rate:.4g} {pair}, but "
            f"{reference[1]} gives {reference[0]:.4g} {pair}"
            + (f": {_factor(k)} (about {in_words(expected)} {restated.currency} would agree)" if k
               else f" ({ratio - 1:+.1%})"),
            [graph.amount_claim(original), graph.amount_claim(restated)], computed,
            f"{tolerance:.1%} relative; a ratio within 10% of a power of ten is an order-of-magnitude error"))
    return findings


def _consequences(graph: _Graph, original: Amount, restated: Amount, implied: list) -> str:
    """What a wrong restatement does to a share the text states between restated amounts."""
    notes = []
    for row in graph.store.query(_SHARES):
        if row["part"].value != original.node:
            continue
        whole = graph.amounts.get(row["whole"].value)
        restated_whole = next((r for o, r, _ in implied if whole is not None and o.node == whole.node
                               and r.currency == restated.currency), None)
        if restated_whole is None:
            continue
        percent = 100 * restated.value / restated_whole.value
        notes.append(f"with the restated figures the share would be {percent:.2f}% "
                     f"({restated.value:g} / {restated_whole.value:g} {restated.currency}), not {row['percent'].value}%")
    return "; ".join(notes)
