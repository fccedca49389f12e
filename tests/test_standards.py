"""The ontology with the standards it reuses (issue 21): OWL 2 DL by the OWL API's profile check,
consistent with OWL-Time's own axioms and with ordinary schema.org and NewsReader data, after
everything `ingest`, `import` and `link` write; every clash a test provokes is named by HermiT and
by the OWL 2 RL rules alike."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import REPO, java_or_skip, run_cli
from newsgraph.graph.checks.reasoning import reason, reasoning_input

STORY = REPO / "tests" / "fixtures" / "story"
INGEST = REPO / "tests" / "fixtures" / "ingest"
STANDARDS = REPO / "tests" / "fixtures" / "standards"
ONTOLOGY = REPO / "ontology" / "newsgraph.ttl"
OWL_TIME = REPO / "ontology" / "vendor" / "owl-time.ttl"
NGID = "https://w3id.org/newsgraph/id/"


@pytest.fixture(scope="module")
def java() -> str:
    return java_or_skip()


def _triples(path: Path) -> list:
    return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]


def owl_profile(java: str, document: Path) -> list[str]:
    """The OWL API's OWL 2 DL profile violations of a document (scripts/OwlProfile.java, run from
    source against the OWL API inside the HermiT jar that owlready2 ships)."""
    import owlready2

    jar = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
    result = subprocess.run([java, "-cp", str(jar), str(REPO / "scripts" / "OwlProfile.java"), str(document)],
                            capture_output=True, text=True, timeout=300)
    if "in profile" not in result.stdout:
        if "compiler" in result.stderr.lower() and not os.environ.get("NEWSGRAPH_REQUIRE_JAVA"):
            pytest.skip(f"this Java runtime cannot run a source file: {result.stderr.strip()[:200]}")
        pytest.fail(f"the profile check did not run: {result.stderr[-2000:]}")
    assert result.stdout.strip().splitlines()[-1] in ("in profile", "not in profile")
    return [line for line in result.stdout.splitlines() if line.startswith("violation: ")]


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Path:
    """Everything newsgraph writes: the seed and an annotated report (build), a news page
    (import), four ingested articles (ingest) and the links between them (link)."""
    store = tmp_path_factory.mktemp("standards") / "store"
    steps = [("build", str(STORY / "round4-2025-05-31.trig")), ("import", str(STORY / "nikkei-style-page.html")),
             ("ingest", str(STORY / "wire-2025-05-28.txt"), "--published", "2025-05-28", "--source", "Reuters")]
    for text in sorted(INGEST.glob("*.txt")):
        steps.append(("ingest", str(text), "--published", text.stem[-10:], "--source", "Kyodo"))
    steps.append(("link",))
    for step in steps:
        result = run_cli(*step, store=store)
        assert result.returncode == 0, (step, result.stderr)
    return store


@pytest.fixture(scope="module")
def story_triples(story) -> list:
    from newsgraph.graph.api import Newsgraph

    with Newsgraph(story).open() as store:
        return reasoning_input(store)


def test_the_ontology_is_owl2_dl(java, tmp_path):
    assert owl_profile(java, ONTOLOGY) == []
    # The check catches what issue 21 found: owl:sameAs declared again.
    broken = tmp_path / "broken.ttl"
    broken.write_text(ONTOLOGY.read_text(encoding="utf-8") + "\nowl:sameAs a owl:ObjectProperty .\n", encoding="utf-8")
    assert any("owl:sameAs" in v for v in owl_profile(java, broken))


def test_what_the_reasoner_reads_after_link_is_owl2_dl(java, story_triples, tmp_path):
    document = tmp_path / "input.nt"
    document.write_bytes(ox.serialize(story_triples, format=ox.RdfFormat.N_TRIPLES))
    assert owl_profile(java, document) == []


@pytest.mark.parametrize("reasoner", ["hermit", "owlrl"])
def test_consistent_with_owl_time_schema_org_and_newsreader_data(reasoner, story_triples):
    if reasoner == "hermit":
        java_or_skip()
    extra = _triples(OWL_TIME) + _triples(STANDARDS / "schema-org-page.ttl") + _triples(STANDARDS / "newsreader-event.ttl")
    report = reason(story_triples + extra, reasoner)
    assert report.consistent, report.clashes
    assert report.unsatisfiable == []


def test_both_reasoners_agree_after_link(java, story_triples):
    hermit, owl_rl = reason(story_triples, "hermit"), reason(story_triples, "owlrl")
    assert hermit.consistent and owl_rl.consistent
    assert {str(t) for t in hermit.inferred} == {str(t) for t in owl_rl.inferred}
    # The page's skolemised entities (owl:sameAs the seed's) are reasoned over under their own IRIs.
    assert any("/.well-known/genid/" in t.subject.value for t in hermit.inferred)


def test_reason_command_after_link(java, story):
    result = run_cli("reason", "--dry-run", "--reasoner", "hermit", store=story)
    assert result.returncode == 0, result.stderr
    assert "calendar values" in result.stderr and "consistent (HermiT" in result.stderr


CLASHES = {
    # A month put on a proper interval, as 0.1.0 did: OWL-Time positions instants, and a proper
    # interval is not one.
    "month on a proper interval": ("""
        @prefix time: <http://www.w3.org/2006/time#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <https://w3id.org/newsgraph/id/next-month> a time:ProperInterval ; time:inXSDgYearMonth "2025-06"^^xsd:gYearMonth .""",
        NGID + "next-month"),
    "one tariff with two rates": ((STANDARDS / "two-rates.ttl").read_text(encoding="utf-8"), NGID + "rate-24"),
    "a person who is an organisation": ((REPO / "tests" / "fixtures" / "inconsistent-person-organisation.ttl").read_text(
        encoding="utf-8"), NGID + "scott-bessent"),
}


@pytest.mark.parametrize("reasoner", ["hermit", "owlrl"])
@pytest.mark.parametrize("case", sorted(CLASHES))
def test_every_provoked_clash_is_named_by_both_reasoners(case, reasoner):
    if reasoner == "hermit":
        java_or_skip()
    text, individual = CLASHES[case]
    data = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)]
    report = reason(_triples(ONTOLOGY) + _triples(OWL_TIME) + data, reasoner)
    assert not report.consistent
    assert individual in report.offending, report
    assert report.clashes and not report.clashes[0].startswith("HermiT found the graph inconsistent"), report.clashes
