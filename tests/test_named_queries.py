"""Every named query gives the article's actual answer."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import rows
from newsgraph.errors import InputError
from newsgraph.graph.sparql import bind
from newsgraph.queries import named_queries, parse_named_query


def test_there_are_at_least_fifteen_documented_queries():
    found = named_queries()
    assert len(found) >= 15
    for query in found.values():
        assert query.title and query.description and query.examples, query.name
        assert all(example.startswith("newsgraph query " + query.name) for example in query.examples)


def test_a_decimal_parameter_takes_the_lexical_forms_of_xsd_decimal_only():
    query = parse_named_query("above", "# title: Amounts above\n# description: Amounts above a bound.\n"
                                       "# param: bound decimal - the bound\n# example: newsgraph query above -p bound=1\n"
                                       "SELECT ?bound WHERE { ?a schema:minValue ?v FILTER(?v > ?bound) }\n")
    for value in ("1", "-2.50", "+.5", "3."):
        term = bind(query, {"bound": value})["bound"]
        assert (term.value, term.datatype.value) == (value, "http://www.w3.org/2001/XMLSchema#decimal")
    for value in ("1e5", "NaN", "Infinity", "1,5", ""):  # Python's Decimal takes the first three
        with pytest.raises(InputError, match="not a decimal number"):
            bind(query, {"bound": value})


@pytest.mark.parametrize("name", sorted(name for name, query in named_queries().items() if query.params))
def test_select_queries_project_their_parameters(name):
    # pyoxigraph binds only projected variables (SEP-0007): a parameter missing from the
    # projection would fail at run time.
    query = named_queries()[name]
    head = query.text[query.text.index("SELECT"):query.text.index("WHERE")]
    for param in query.params:
        assert f"?{param.name}" in head.split(), (name, param.name)


def test_negotiations(store):
    found = {(r["party"], r["counterpart"], r["event"], r["date"], r["place"]) for r in rows(store, "negotiations")}
    assert ("Ryosei Akazawa", "Scott Bessent", "fourth round of the Japan–U.S. tariff negotiations", "2025-05-30",
            "Washington, D.C.") in found
    assert ("Japan", "United States", "Japan–U.S. summit", "2025-06", "Canada") in found
    assert ("Japan", "United States", "Japan–U.S. tariff negotiations", None, None) in found
    assert len(found) == 3


def test_offer_amounts_bounds_and_currencies(store):
    found = {(r["bound"], Decimal(r["amount"]), r["currency"], r["expression"]) for r in rows(store, "offer")}
    assert found == {
        ("at most", Decimal("1000000000000"), "JPY", "as high as 1 trillion yen"),
        ("at most", Decimal("950000000000"), "KRW", "about 950 billion won"),
        ("at least", Decimal("1000000000"), "USD", "billions of dollars"),
    }
    first = rows(store, "offer")[0]
    assert (first["proposedBy"], first["recipient"], first["goods"]) == (
        "Government of Japan", "United States", "semiconductor products of American corporations")


def test_offer_parameter_filters(store):
    assert rows(store, "offer", proposer="government of japan")
    assert rows(store, "offer", proposer="NVIDIA") == []


def test_offer_purposes(store):
    found = {(r["purpose"], r["supplier"], r["usedFor"]) for r in rows(store, "offer-purposes")}
    assert found == {
        ("resolve trade imbalances", None, None),
        ("secure products from NVIDIA", "NVIDIA", "data centres for AI development"),
    }


def test_tariffs_on_japan(store):
    found = {(r["tariff"], r["ratePercent"], r["goods"]) for r in rows(store, "tariffs", country="Japan")}
    assert found == {
        ("24% U.S. tariff notified to Japan", "24", None),
        ("additional 14% U.S. tariff on Japan", "14", None),
        ("uniform 10% U.S. tariff", "10", None),
        ("U.S. tariff on automobiles from Japan", None, "automobiles"),
    }
    assert rows(store, "tariffs", country="Canada") == []


def test_tariff_composition_adds_up(store):
    found = rows(store, "tariff-composition")
    assert {(r["componentPercent"], r["allCountries"]) for r in found} == {("10", "true"), ("14", None)}
    assert {r["ratePercent"] for r in found} == {"24"}
    assert {Decimal(r["sumOfComponents"]) for r in found} == {Decimal(24)}


def test_automobile_share_of_exports(store):
    (row,) = rows(store, "export-shares", goods="automobiles")
    assert (row["partGoods"], row["exporter"], row["importer"], row["percent"], row["approximate"]) == (
        "automobiles", "Japan", "United States", "30", "true")


def test_trade_deficit_and_the_offer_share(store):
    (row,) = rows(store, "trade-deficit")
    assert row["deficit"] == "U.S. trade deficit with Japan, 2024"
    assert row["year"] == "2024"
    assert (Decimal(row["amount"]), row["currency"]) == (Decimal("68500000000"), "USD")
    assert (Decimal(row["restated"]), row["restatedCurrency"]) == (Decimal("94000000000000"), "KRW")
    assert (Decimal(row["comparedAmount"]), row["comparedCurrency"], row["sharePercent"]) == (
        Decimal("1000000000000"), "JPY", "10")


def test_other_measures(store):
    found = {(r["presentedBy"], r["measure"], r["presentedTo"], r["concerns"]) for r in rows(store, "measures", party="Japan")}
    assert found == {
        ("Japan", "expanding agricultural imports", "United States", "agricultural products"),
        ("Japan", "improving regulations for expanding automobile imports", "United States", "automobiles"),
        ("Japan", "cooperation in the shipbuilding sector", "United States", "shipbuilding sector"),
    }


def test_us_position(store):
    (row,) = rows(store, "positions", party="United States")
    assert row["position"] == "negotiations can only proceed regarding tariffs that are applied differentially by country"


def test_timeline_in_date_order(store):
    found = [(r["date"], r["what"], r["when"]) for r in rows(store, "timeline")]
    assert found == [
        ("2024", "U.S. trade deficit with Japan, 2024", "last year"),
        ("2025-05-28", "The Asahi Shimbun, morning edition of 28 May 2025", "the morning of the 28th"),
        ("2025-05-29", "Ryosei Akazawa departs for the U.S.", "on the 29th"),
        ("2025-05-30", "fourth round of the Japan–U.S. tariff negotiations", "on the 30th (local time)"),
        ("2025-06", "G7 meeting in Canada", "next month"),
        ("2025-06", "Japan–U.S. summit", "next month"),
    ]


def test_claims_by_source_and_certainty(store):
    found = rows(store, "claims-by-source")
    by_source: dict[str, set] = {}
    for r in found:
        by_source.setdefault(r["attributedTo"], set()).add((r["certainty"], r["hedges"]))
    assert by_source["The Asahi Shimbun, morning edition of 28 May 2025"] == {("certain", None)}
    assert by_source["NHK report on Japan's aim for the Japan–U.S. summit"] == {("probable", "aims"), ("certain", None)}
    assert by_source["unnamed analyses"] == {("possible", "may")}
    article = by_source["Chosun Biz, 28 May 2025: Japan offers to buy American semiconductors, NVIDIA above all"]
    assert ("probable", "reportedly") in article
    hedges = {r["hedges"] for r in found if r["hedges"]}
    assert any({"It is expected", "could", "as high as"} == set(h.split(", ")) for h in hedges)
    asahi = rows(store, "claims-by-source", source="The Asahi Shimbun, morning edition of 28 May 2025")
    assert {r["cue"] for r in asahi} == {"According to the Asahi Shimbun"}
    assert len(asahi) == 3


def test_evidence_sentence_for_a_fact(store, article_text):
    found = rows(store, "evidence", entity="Akazawa Ryosei", property="org:holds")
    article = [r for r in found if r["begin"] is not None]
    assert {r["value"] for r in article} == {"Minister in charge of Economic Revitalization"}
    (row,) = article
    assert row["quote"] == "Minister Akazawa Ryosei" == article_text[int(row["begin"]):int(row["end"])]
    assert row["sentence"].startswith("In this context, Minister Akazawa Ryosei is scheduled to depart")
    outside = [r for r in found if r["begin"] is None]
    assert {r["source"] for r in outside} == {"https://japannews.yomiuri.co.jp/politics/politics-government/20250408-247720"}


def test_posts(store):
    found = {(r["person"], r["post"], r["organisation"], r["articleSpellings"]) for r in rows(store, "posts")}
    assert found == {
        ("Ryosei Akazawa", "Minister in charge of Economic Revitalization", "Government of Japan", "Akazawa Ryosei"),
        ("Ryosei Akazawa", "Japan's chief negotiator in the tariff negotiations with the United States", "Government of Japan", "Akazawa Ryosei"),
        ("Scott Bessent", "U.S. Treasury Secretary", "U.S. Department of the Treasury", "Scott Vessen"),
    }


def test_every_amount_with_currency(store):
    found = {(r["code"], r["bound"], Decimal(r["value"])) for r in rows(store, "amounts")}
    assert found == {
        ("JPY", "at most", Decimal("1000000000000")),
        ("KRW", "at most", Decimal("950000000000")),
        ("KRW", "exactly", Decimal("94000000000000")),
        ("USD", "at least", Decimal("1000000000")),
        ("USD", "exactly", Decimal("68500000000")),
    }
    krw = rows(store, "amounts", currency="krw")
    assert {r["restates"] for r in krw} == {"as high as 1 trillion yen", "$68.5 billion"}


def test_organisations_by_kind(store):
    found = {(r["typeLabel"], r["organisation"]) for r in rows(store, "organisations")}
    assert ("newspaper", "The Asahi Shimbun") in found
    assert ("broadcaster", "NHK") in found
    assert ("corporation", "NVIDIA") in found
    assert ("government agency", "U.S. Department of the Treasury") in found
    assert ("government", "Government of Japan") in found
    assert ("intergovernmental forum", "Group of Seven") in found
    assert {r["organisation"] for r in rows(store, "organisations", kind="newspaper")} == {"The Asahi Shimbun"}


def test_everything_about_an_entity(store):
    found = {(r["direction"], r["property"], r["value"]) for r in rows(store, "entity", name="nvidia")}
    assert ("->", "https://w3id.org/newsgraph/ontology#dominates", "semiconductor market for AI data centres") in found
    assert ("<-", "https://w3id.org/newsgraph/ontology#secureGoodsFrom", "secure products from NVIDIA") in found
    assert not any(r[1].startswith("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject") for r in found)


def test_subsidies(store):
    (row,) = rows(store, "subsidies")
    assert (row["provider"], row["recipient"], row["recipientsOperate"], row["certainty"], row["hedges"]) == (
        "Government of Japan", "Japanese IT corporations that operate data centres", "data centres", "probable", "plans")


def test_reports(store):
    found = {(r["by"], r["kind"], r["date"], r["edition"]) for r in rows(store, "reports")}
    assert found == {("The Asahi Shimbun", "newspaper", "2025-05-28", "morning"), ("NHK", "broadcaster", None, None)}


def test_name_variants(store):
    found = {(r["name"], r["articleSpelling"]) for r in rows(store, "name-variants")}
    assert found == {("Scott Bessent", "Scott Vessen"), ("Ryosei Akazawa", "Akazawa Ryosei")}


def test_a_fact_stated_in_two_graphs_counts_once(tmp_path):
    """pyoxigraph's union default graph yields a triple once per graph that holds it; the named
    queries and the cross-checks must not count it twice."""
    import pyoxigraph as ox
    from newsgraph.graph.checks.crosscheck import check_store
    from newsgraph.graph.model.build import build_store
    from newsgraph.graph.store import GraphStore

    store = GraphStore(tmp_path / "store")
    build_store(store)
    copy = [q for q in store.quads("https://w3id.org/newsgraph/graph/article/chosunbiz-2025-05-28")]
    store.replace_graphs({"urn:test:restated": [ox.Triple(q.subject, q.predicate, q.object) for q in copy]})
    assert {r["sumOfComponents"] for r in rows(store, "tariff-composition")} == {"24"}
    assert len(rows(store, "posts")) == 3
    assert len(rows(store, "tariffs")) == 4
    assert [f.kind for f in check_store(store)] == ["magnitude"]


def test_inferred_triples_never_add_rows(tmp_path, seed_copy):
    """After `reason` writes its inferences (symmetric negotiations, super-classes), every named
    query without a required parameter answers with the same rows as before."""
    import json

    from conftest import run_cli

    store = seed_copy  # tmp_path / "store": the seed, built once a session and copied
    names = [q["name"] for q in json.loads(run_cli("queries", "--json", store=store).stdout)
             if not [p for p in q.get("params", []) if not p.get("optional")]]
    # The rows through the library, as `newsgraph query NAME -F csv` writes them (one process
    # per query was 40 start-ups; the command itself is tested in test_cli).
    from newsgraph.graph.api import Newsgraph

    def answers() -> dict[str, bytes]:
        return {name: Newsgraph(store).query(name=name, format="csv").data for name in names}

    before = answers()
    reasoned = run_cli("reason", store=store)
    assert reasoned.returncode == 0 and "inferences, written to" in reasoned.stderr, reasoned.stderr
    after = answers()
    assert after == before
    assert len(names) >= 15 and before["negotiations"].count(b"\n") == 4
    # What the command writes (run_cli reads it as text: CSV's CRLF becomes LF).
    assert before["negotiations"].decode().replace("\r\n", "\n") == run_cli("query", "negotiations", "-F", "csv", store=store).stdout
