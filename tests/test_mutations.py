"""Mutation tests of the model's rules (issue 21): each mutant breaks one axiom of the ontology or
one constraint of the shapes, and the check the suite makes for that rule must then fail. A
mutant that the check does not notice is a rule no test guards. The checks run OWL 2 RL (no Java
needed) and pySHACL, on the fixtures the suite uses; docs/ontology.md gives the score."""

from __future__ import annotations

import functools

import pyoxigraph as ox
import pytest
from conftest import REPO
from newsgraph.graph.checks import shacl
from newsgraph.graph.checks.reasoning import reason

ONTOLOGY = (REPO / "ontology" / "newsgraph.ttl").read_text(encoding="utf-8")
SHAPES = (REPO / "ontology" / "shapes.ttl").read_text(encoding="utf-8")
FIXTURES = REPO / "tests" / "fixtures"


def _parse(text: str) -> list:
    return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)]


def _consistent(ontology: str, fixture: str) -> bool:
    return reason(_parse(ontology) + _parse(fixture), "owlrl").consistent


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


MONTH_ON_INTERVAL = """@prefix time: <http://www.w3.org/2006/time#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/newsgraph/id/next-month> a time:ProperInterval ; time:inXSDgYearMonth "2025-06"^^xsd:gYearMonth ."""

# The checks, each as the suite makes it: True when the rule holds.
CHECKS = {
    "two rates clash": lambda o, s: not _consistent(o, _fixture("standards/two-rates.ttl")),
    "person and organisation clash": lambda o, s: not _consistent(o, _fixture("inconsistent-person-organisation.ttl")),
    "a month is an instant's position": lambda o, s: not _consistent(o, MONTH_ON_INTERVAL),
    "goods may be SEM actors": lambda o, s: _consistent(o, _fixture("standards/newsreader-event.ttl")),
    "ordinary schema.org data": lambda o, s: _consistent(o, _fixture("standards/schema-org-page.ttl")),
}


def _shape_check(case: str):
    def check(ontology: str, shapes: str, monkeypatch) -> bool:
        import test_validate

        path = REPO / "tests" / ".mutant-shapes.ttl"
        path.write_text(shapes, encoding="utf-8")
        try:
            monkeypatch.setattr(shacl, "shapes_path", lambda: path)
            if case == "base conforms":
                return test_validate._validate(test_validate.BASE).conforms
            if case == "the fact without evidence is named":
                # The evidence shape's target finds the entity; its constraint names the fact.
                extra, _ = test_validate.VIOLATIONS["fact without evidence"]
                results = test_validate._validate(test_validate.BASE + extra).results
                return [(r.focus, r.path, r.value) for r in results if r.shape == "ngsh:FactEvidenceShape"] == [
                    ("ngid:japan", "ng:negotiatesWith", "ngid:canada")]
            extra, expected = test_validate.VIOLATIONS[case]
            return expected <= test_validate._found(test_validate._validate(test_validate.BASE + extra))
        finally:
            path.unlink()
    return check


# (file, text to find, replacement, the check that must fail)
MUTANTS = {
    "ng:rate not functional": ("ontology", "ng:rate a owl:ObjectProperty , owl:FunctionalProperty", "ng:rate a owl:ObjectProperty",
                               "two rates clash"),
    "a quantity with any number of values": ("ontology", 'owl:onProperty schema:value ; owl:maxCardinality "1"', 'owl:onProperty schema:value ; owl:minCardinality "1"',
                                              "two rates clash"),
    "person and organisation not disjoint": ("ontology", "owl:members ( foaf:Person org:Organization", "owl:members ( foaf:Person",
                                             "person and organisation clash"),
    "calendar positions on any temporal entity": ("ontology", "skos:definition \"Position of an instant, expressed using xsd:gYearMonth (OWL-Time).\"@en ;\n    rdfs:domain time:Instant",
                                                  "skos:definition \"Position of an instant, expressed using xsd:gYearMonth (OWL-Time).\"@en ;\n    rdfs:domain time:TemporalEntity",
                                                  "a month is an instant's position"),
    "instants and proper intervals not disjoint": ("ontology", "    rdfs:subClassOf time:Interval ;\n    owl:disjointWith time:Instant .", "    rdfs:subClassOf time:Interval .",
                                                   "a month is an instant's position"),
    "SEM actors disjoint with goods again": ("ontology", "owl:members ( foaf:Agent sem:Event", "owl:members ( sem:Actor sem:Event",
                                             "goods may be SEM actors"),
    "a range on schema:publisher": ("ontology", 'skos:definition "The publisher of a work (schema.org)."@en .',
                                    'skos:definition "The publisher of a work (schema.org)."@en ; rdfs:range org:Organization .',
                                    "ordinary schema.org data"),
    "functional schema:name": ("ontology", "schema:name a owl:DatatypeProperty ;", "schema:name a owl:DatatypeProperty , owl:FunctionalProperty ;",
                               "ordinary schema.org data"),
    "no end-offset check": ("shapes", " || ?end > STRLEN(?text)", "", "end offset past the text"),
    "old certainty names": ("shapes", "sh:in ( graspf:certain graspf:probable graspf:possible )",
                            "sh:in ( grasp:CERTAIN grasp:PROBABLE grasp:POSSIBLE )", "base conforms"),
    "evidence check inverted": ("shapes", "FILTER NOT EXISTS {\n                ?statement rdf:subject $this",
                                "FILTER EXISTS {\n                ?statement rdf:subject $this", "the fact without evidence is named"),
    "evidence target selects nothing": ("shapes", "FILTER(isIRI(?this) && STRSTARTS", "FILTER(!isIRI(?this) && STRSTARTS",
                                        "fact without evidence"),
}


@functools.cache
def _holds_unbroken(check_name: str) -> bool:
    """The check on the unbroken model: the same for every mutant of the rule, so made once."""
    if check_name in CHECKS:
        return CHECKS[check_name](ONTOLOGY, SHAPES)
    with pytest.MonkeyPatch.context() as monkeypatch:
        return _shape_check(check_name)(ONTOLOGY, SHAPES, monkeypatch)


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_the_mutant_is_killed(name, monkeypatch):
    where, find, replace, check_name = MUTANTS[name]
    ontology, shapes = ONTOLOGY, SHAPES
    if where == "ontology":
        assert ontology.count(find) == 1, f"mutant {name}: the text to break is not in the ontology once"
        ontology = ontology.replace(find, replace)
    else:
        assert shapes.count(find) == 1, f"mutant {name}: the text to break is not in the shapes once"
        shapes = shapes.replace(find, replace)
    if check_name in CHECKS:
        check = CHECKS[check_name]
        assert _holds_unbroken(check_name), f"{check_name}: the check fails on the unbroken model"
        assert not check(ontology, shapes), f"mutant {name} survives {check_name}"
    else:
        check = _shape_check(check_name)
        assert _holds_unbroken(check_name), f"{check_name}: the check fails on the unbroken shapes"
        assert not check(ontology, shapes, monkeypatch), f"mutant {name} survives {check_name}"
