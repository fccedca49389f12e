"""Quality-report rules: each fires on a graph that breaks it, and none on the seed."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from conftest import run_cli
from newsgraph.graph.checks.report import run_report
from newsgraph.queries import report_rules as rules

PREFIXES = """
@prefix ngid: <https://w3id.org/newsgraph/id/> .
@prefix ng: <https://w3id.org/newsgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix gaf: <http://groundedannotationframework.org/gaf#> .
@prefix schema: <https://schema.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
ARTICLE_GRAPH = "https://w3id.org/newsgraph/graph/article/test"


def _results(turtle: str, graph: str = ARTICLE_GRAPH) -> dict[str, list]:
    import pyoxigraph as ox
    from newsgraph.graph.model.build import ontology_triples
    from newsgraph.graph.store import GraphStore
    from newsgraph.ontology.graphs import ONTOLOGY_GRAPH

    store = GraphStore(Path(tempfile.mkdtemp(prefix="newsgraph-test-")) / "store")
    store.replace_graphs({ONTOLOGY_GRAPH: ontology_triples(),
                          graph: list(ox.parse((PREFIXES + turtle).encode(), format=ox.RdfFormat.TURTLE))})
    return {r.rule.name: r.rows for r in run_report(store)}


def test_rules_are_documented():
    found = {rule.name: rule for rule in rules()}
    assert set(found) == {"missing-label", "fact-without-evidence", "claim-without-source", "dangling-reference", "duplicate-label",
                          "sameas-conflict"}
    for rule in found.values():
        assert rule.problem and rule.why and rule.fix


def test_the_seed_is_clean(store):
    assert {r.rule.name: r.rows for r in run_report(store)} == {
        "missing-label": [], "fact-without-evidence": [], "claim-without-source": [],
        "dangling-reference": [], "duplicate-label": [], "sameas-conflict": []}


@pytest.mark.parametrize("rule, turtle, entity", [
    ("missing-label", "ngid:x a foaf:Person .", "https://w3id.org/newsgraph/id/x"),
    ("fact-without-evidence", 'ngid:x rdfs:label "X"@en .', "https://w3id.org/newsgraph/id/x"),
    ("claim-without-source", "ngid:m a gaf:Mention .", "https://w3id.org/newsgraph/id/m"),
    ("dangling-reference", 'ngid:x rdfs:label "X"@en ; ng:negotiatesWith ngid:nobody .', "https://w3id.org/newsgraph/id/nobody"),
    ("duplicate-label", 'ngid:x rdfs:label "Japan"@en . ngid:y rdfs:label "japan"@en .', "https://w3id.org/newsgraph/id/x"),
    ("sameas-conflict", "ngid:x a foaf:Person ; owl:sameAs ngid:y . ngid:y a schema:Place .", "https://w3id.org/newsgraph/id/x"),
])
def test_each_rule_fires(rule, turtle, entity):
    rows = _results(turtle)[rule]
    assert entity in {e for e, _ in rows}


def test_cli_report(cli_store):
    result = run_cli("report", store=cli_store)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("0 errors, 0 warnings, 0 infos from 6 rules")
    listed = json.loads(run_cli("report", "--json", store=cli_store).stdout)
    assert [r["severity"] for r in listed] == ["error", "error", "warning", "warning", "warning", "warning"]


def test_sameas_conflicts_name_what_disagrees():
    rows = _results("""
        ngid:a a foaf:Person ; owl:sameAs ngid:b . ngid:b owl:sameAs ngid:c . ngid:c a schema:Place .
        ngid:d schema:birthDate "1960-01-01"^^xsd:date ; owl:sameAs ngid:e . ngid:e schema:birthDate "1971-05-02"^^xsd:date .
        ngid:f owl:sameAs ngid:g . ngid:talks sem:hasActor ngid:f ; sem:hasPlace ngid:g .
        ngid:h a foaf:Person ; owl:sameAs ngid:i . ngid:i a foaf:Person .
    """)["sameas-conflict"]
    assert ("https://w3id.org/newsgraph/id/a", "is a person, but the linked https://w3id.org/newsgraph/id/c is a place") in rows
    assert ("https://w3id.org/newsgraph/id/d", "birthDate 1960-01-01, but the linked https://w3id.org/newsgraph/id/e has 1971-05-02") in rows
    assert ("https://w3id.org/newsgraph/id/f", "is an actor of https://w3id.org/newsgraph/id/talks where the linked "
            "https://w3id.org/newsgraph/id/g is the place") in rows
    assert not [row for row in rows if row[0] in ("https://w3id.org/newsgraph/id/h", "https://w3id.org/newsgraph/id/i")]


def test_validate_and_report_agree_on_facts_without_evidence(tmp_path):
    """One rule in two places (ngsh:FactEvidenceShape and fact-without-evidence.rq): after build,
    import of a news page and link, both find no fact without evidence and pass the link records
    and the page's own (skolemised) data; with facts added without evidence in an article graph
    and in a dataset graph, both find exactly those (issue 21)."""
    from conftest import REPO

    store = tmp_path / "store"
    story = REPO / "tests" / "fixtures" / "story"
    for step in (("build",), ("import", str(story / "nikkei-style-page.html")), ("link",)):
        assert run_cli(*step, store=store).returncode == 0, step

    def both() -> tuple[set, set]:
        validated = json.loads(run_cli("validate", "--json", store=store).stdout)["results"]
        shape = {(r["focus"], r["path"], r["value"]) for r in validated if r["shape"] == "ngsh:FactEvidenceShape"}
        (rule,) = [r for r in json.loads(run_cli("report", "--json", store=store).stdout) if r["rule"] == "fact-without-evidence"]
        return shape, {(row["entity"], row["detail"]) for row in rule["rows"]}

    shape, report = both()
    assert shape == set() and report == set()
    update = """INSERT DATA {
      GRAPH <https://w3id.org/newsgraph/graph/article/chosunbiz-2025-05-28> { ngid:japan ng:negotiatesWith ngid:canada }
      GRAPH <https://w3id.org/newsgraph/graph/source/someone> { ngid:canada rdfs:label "Kanada"@de } }"""
    assert run_cli("update", "--sparql", update, store=store).returncode == 0
    shape, report = both()
    assert {focus for focus, _, _ in shape} == {"ngid:japan", "ngid:canada"}
    assert {entity for entity, _ in report} == {"https://w3id.org/newsgraph/id/japan", "https://w3id.org/newsgraph/id/canada"}
    assert len(shape) == len(report) == 2
