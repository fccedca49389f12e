"""`newsgraph check`: the seed's findings exactly, and constructed graphs for each kind of check."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from conftest import run_cli
from newsgraph.graph.checks.crosscheck import check_store

PREFIXES = """
@prefix ngid: <https://w3id.org/newsgraph/id/> .
@prefix ng: <https://w3id.org/newsgraph/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix schema: <https://schema.org/> .
"""


def _store(turtle: str):
    import pyoxigraph as ox
    from newsgraph.graph.model.build import reference_graphs
    from newsgraph.graph.store import GraphStore

    store = GraphStore(Path(tempfile.mkdtemp(prefix="newsgraph-test-")) / "store")
    graphs = {"urn:test:facts": list(ox.parse((PREFIXES + turtle).encode(), format=ox.RdfFormat.TURTLE))}
    store.replace_graphs(graphs | reference_graphs())
    return store


def _tariff(name: str, rate: str, components: list[tuple[str, str]]) -> str:
    text = f'ngid:{name} a ng:Tariff ; ng:rate [ schema:value "{rate}"^^xsd:decimal ; schema:unitCode "P1" ] '
    text += "".join(f"; ng:hasComponent ngid:{part} " for part, _ in components) + ".\n"
    for part, part_rate in components:
        text += f'ngid:{part} a ng:Tariff ; ng:rate [ schema:value "{part_rate}"^^xsd:decimal ; schema:unitCode "P1" ] .\n'
    return text


def _amount(name: str, value: str, currency: str, bound: str = "value", approximate: bool = False, expression: str = "") -> str:
    return (f'ngid:{name} a schema:MonetaryAmount ; schema:{bound} "{value}"^^xsd:decimal ; schema:currency "{currency}" '
            + ("; ng:approximate true " if approximate else "")
            + (f'; ng:originalExpression "{expression}" ' if expression else "") + ".\n")


def _share(name: str, part: str, whole: str, percent: str) -> str:
    return (f'ngid:{name} a ng:Share ; ng:part ngid:{part} ; ng:whole ngid:{whole} ; '
            f'ng:fraction [ schema:value "{percent}"^^xsd:decimal ; schema:unitCode "P1" ; ng:approximate true ] .\n')


def test_the_seed_has_exactly_one_finding_the_won_conversion(store):
    findings = check_store(store)
    assert [(f.kind, f.severity) for f in findings] == [("magnitude", "error")]
    (finding,) = findings
    assert [c.text for c in finding.claims] == ["as high as 1 trillion yen", "about 950 billion won"]
    assert finding.computed["implied_rate"] == pytest.approx(0.95)
    assert finding.computed["reference_rate"] == pytest.approx(1376.5 / 144.14)
    assert finding.computed["ratio"] == pytest.approx(0.95 / (1376.5 / 144.14))
    assert "10 times too small" in finding.message
    assert finding.claims[0].sentence.startswith("It is expected that the semiconductor import amount")
    assert "1.01%" in finding.computed["consequence"]


def test_composition_that_does_not_add_up():
    (finding,) = check_store(_store(_tariff("t", "25", [("a", "10"), ("b", "14")])))
    assert finding.kind == "composition"
    assert finding.computed["sum_of_components"] == 24 and finding.computed["stated"] == 25


def test_composition_that_adds_up_is_silent():
    assert check_store(_store(_tariff("t", "24", [("a", "10"), ("b", "14")]))) == []


def test_composition_off_by_ten_is_a_magnitude_error():
    (finding,) = check_store(_store(_tariff("t", "2.4", [("a", "10"), ("b", "14")])))
    assert finding.kind == "magnitude" and "10 times too large" in finding.message


def test_share_that_is_off():
    turtle = (_amount("part", "1000000000000", "JPY", "maxValue") + _amount("whole", "68500000000", "USD")
              + _share("s", "part", "whole", "30"))
    (finding,) = check_store(_store(turtle))
    assert finding.kind == "share"
    assert finding.computed["computed_percent"] == pytest.approx(100 * 1e12 / 144.14 / 68.5e9)


def test_share_that_agrees_is_silent():
    turtle = (_amount("part", "1000000000000", "JPY", "maxValue") + _amount("whole", "68500000000", "USD")
              + _share("s", "part", "whole", "10"))
    assert check_store(_store(turtle)) == []


def test_conversion_off_by_a_factor_of_ten():
    turtle = (_amount("yen", "1000000000000", "JPY", expression="1 trillion yen")
              + _amount("won", "950000000000", "KRW", approximate=True, expression="about 950 billion won")
              + "ngid:yen ng:statedAs ngid:won .\n")
    (finding,) = check_store(_store(turtle))
    assert finding.kind == "magnitude"
    assert finding.computed["expected_restatement"] == pytest.approx(1e12 * 1376.5 / 144.14)


def test_conversion_a_little_off_is_a_conversion_finding():
    turtle = (_amount("dollars", "68500000000", "USD") + _amount("won", "80000000000000", "KRW", approximate=True)
              + "ngid:dollars ng:statedAs ngid:won .\n")
    (finding,) = check_store(_store(turtle))
    assert finding.kind == "conversion"
    assert finding.computed["ratio"] == pytest.approx(80e12 / 68.5e9 / 1376.5)


def test_consistent_conversions_are_silent():
    turtle = (_amount("yen", "1000000000000", "JPY") + _amount("won", "9500000000000", "KRW", approximate=True)
              + "ngid:yen ng:statedAs ngid:won .\n"
              + _amount("dollars", "68500000000", "USD") + _amount("won2", "94000000000000", "KRW", approximate=True)
              + "ngid:dollars ng:statedAs ngid:won2 .\n")
    assert check_store(_store(turtle)) == []


def test_cli_check_text_json_and_exit_code(cli_store):
    text = run_cli("check", store=cli_store)
    assert text.returncode == 1
    assert text.stdout.startswith('error (magnitude): "as high as 1 trillion yen" restated as "about 950 billion won"')
    assert "tolerance: 10.0% relative" in text.stdout
    findings = json.loads(run_cli("check", "--json", store=cli_store).stdout)
    assert [f["kind"] for f in findings] == ["magnitude"]


def test_two_statements_of_a_pair_without_a_sourced_rate_must_agree():
    turtle = (_amount("euros", "100", "EUR", expression="100 euros") + _amount("pounds", "85", "GBP", approximate=True, expression="about 85 pounds")
              + "ngid:euros ng:statedAs ngid:pounds .\n"
              + _amount("euros2", "200", "EUR", expression="200 euros") + _amount("pounds2", "1700", "GBP", approximate=True, expression="about 1,700 pounds")
              + "ngid:euros2 ng:statedAs ngid:pounds2 .\n")
    findings = check_store(_store(turtle))
    assert [(f.kind, [c.text for c in f.claims]) for f in findings] == [("magnitude", ["200 euros", "about 1,700 pounds"])]
    assert 'implied by "100 euros" restated as "about 85 pounds"' in findings[0].message


def _bare_store(turtle: str):
    """A store with the given facts only: no reference rates."""
    import pyoxigraph as ox
    from newsgraph.graph.store import GraphStore

    store = GraphStore(Path(tempfile.mkdtemp(prefix="newsgraph-test-")) / "store")
    prefixes = PREFIXES + ("@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
                           "@prefix gaf: <http://groundedannotationframework.org/gaf#> .\n"
                           "@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .\n")
    store.replace_graphs({"urn:test:facts": list(ox.parse((prefixes + turtle).encode(), format=ox.RdfFormat.TURTLE))})
    return store


def _rate(name: str, base: str, quote: str, value: str, day: str) -> str:
    return (f'ngid:{name} a ng:ExchangeRate ; ng:baseCurrency "{base}" ; ng:quoteCurrency "{quote}" ; '
            f'schema:value "{value}"^^xsd:decimal ; ng:rateDate "{day}"^^xsd:date .\n')


def _published(node: str, day: str) -> str:
    return f'[] rdf:subject ngid:{node} ; gaf:denotedBy [ nif:referenceContext [ schema:datePublished "{day}"^^xsd:date ] ] .\n'


def test_a_figure_is_as_right_as_its_last_digit():
    # 1 trillion yen at 144.14 is $6.938 billion: "$6.9 billion" rounds it (0.55% off, within 0.05/6.9).
    rounded = (_amount("yen", "1000000000000", "JPY", expression="1 trillion yen")
               + _amount("usd", "6900000000", "USD", expression="$6.9 billion") + "ngid:yen ng:statedAs ngid:usd .\n")
    assert check_store(_store(rounded)) == []
    wrong = rounded.replace('"6900000000"', '"6800000000"').replace("$6.9 billion", "$6.8 billion")
    (finding,) = check_store(_store(wrong))
    assert finding.kind == "conversion" and finding.tolerance.startswith("0.7%")


def test_rates_implied_by_the_articles_find_the_won_error_without_reference_rates():
    # The seed's two restatements and a wire report's "($1 = 144.17 yen)"; no hand-added rate.
    turtle = (_amount("yen", "1000000000000", "JPY", "maxValue", expression="as high as 1 trillion yen")
              + _amount("won", "950000000000", "KRW", "maxValue", approximate=True, expression="about 950 billion won")
              + "ngid:yen ng:statedAs ngid:won .\n"
              + _amount("usd", "68500000000", "USD", expression="$68.5 billion")
              + _amount("won2", "94000000000000", "KRW", approximate=True, expression="about 94 trillion won")
              + "ngid:usd ng:statedAs ngid:won2 .\n"
              + _rate("wire-rate", "USD", "JPY", "144.17", "2025-05-28"))
    (finding,) = check_store(_bare_store(turtle))
    assert finding.kind == "magnitude"
    assert [c.text for c in finding.claims] == ["as high as 1 trillion yen", "about 950 billion won"]
    assert finding.computed["reference_rate"] == pytest.approx(94e12 / 68.5e9 / 144.17)
    assert 'implied by "$68.5 billion" restated as "about 94 trillion won"' in finding.computed["reference_source"]


def test_the_rate_nearest_in_time_wins():
    turtle = (_amount("usd", "1000000000", "USD", expression="$1 billion")
              + _amount("yen", "144000000000", "JPY", expression="144 billion yen") + "ngid:usd ng:statedAs ngid:yen .\n"
              + _published("usd", "2025-05-28")
              + _rate("old", "USD", "JPY", "110", "2019-05-28") + _rate("new", "USD", "JPY", "144.1", "2025-05-27"))
    assert check_store(_bare_store(turtle)) == []
    stale = turtle.replace('"2025-05-27"', '"2015-05-27"')  # now the 2019 rate is the nearest: 144/110 is off
    (finding,) = check_store(_bare_store(stale))
    assert finding.computed["reference_rate"] == pytest.approx(110)
