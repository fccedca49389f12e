"""`newsgraph reason`: HermiT when Java is there, OWL 2 RL in pure Python when it is not."""

from __future__ import annotations

import json

import pytest
from conftest import REPO, java_or_skip, run_cli
from newsgraph.errors import ReasonerError
from newsgraph.graph.checks.reasoning import find_java, reason, reasoning_input
from newsgraph.ontology.graphs import INFERRED_GRAPH

FIXTURES = REPO / "tests" / "fixtures"
NGID = "https://w3id.org/newsgraph/id/"


@pytest.fixture(scope="module")
def java():
    return java_or_skip()


def _inferred(report) -> set[tuple[str, str, str]]:
    return {(t.subject.value, t.predicate.value, t.object.value) for t in report.inferred}


EXPECTED = {
    # sub-class: a broadcaster is a news media organisation, an organisation, an agent
    (NGID + "nhk", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/ns/org#Organization"),
    (NGID + "nhk", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://xmlns.com/foaf/0.1/Agent"),
    # inverse: org:holds / org:heldBy
    (NGID + "post-us-treasury-secretary", "http://www.w3.org/ns/org#heldBy", NGID + "scott-bessent"),
    # symmetric: ng:negotiatesWith
    (NGID + "scott-bessent", "https://w3id.org/newsgraph/ontology#negotiatesWith", NGID + "ryosei-akazawa"),
    # sub-property and inverse: ng:roundOf is a sem:subEventOf, whose inverse is sem:hasSubEvent
    (NGID + "japan-us-tariff-negotiations-2025", "http://semanticweb.cs.vu.nl/2009/11/sem/hasSubEvent",
     NGID + "japan-us-tariff-negotiations-2025-round-4"),
}


def test_hermit_infers_what_the_ontology_implies(store, java):
    report = reason(reasoning_input(store), "hermit")
    assert report.reasoner == "HermiT (owlready2)"
    assert report.consistent and report.unsatisfiable == []
    assert EXPECTED <= _inferred(report)


def test_owl_rl_fallback_infers_the_same(store):
    report = reason(reasoning_input(store), "owlrl")
    assert report.reasoner == "OWL 2 RL (owlrl)"
    assert report.consistent
    assert EXPECTED <= _inferred(report)


def test_both_reasoners_agree_on_the_seed(store, java):
    assert _inferred(reason(reasoning_input(store), "hermit")) == _inferred(reason(reasoning_input(store), "owlrl"))


@pytest.mark.parametrize("reasoner", ["hermit", "owlrl"])
def test_inconsistent_fixture_is_reported_with_the_offending_individual(reasoner):
    if reasoner == "hermit" and find_java() is None:
        pytest.skip("no Java runtime")
    result = run_cli("reason", "--reasoner", reasoner, str(FIXTURES / "inconsistent-person-organisation.ttl"))
    assert result.returncode == 1, result.stderr
    assert "inconsistent" in result.stdout
    assert "offending individual: ngid:scott-bessent" in result.stdout
    assert "ngid:ryosei-akazawa" not in result.stdout
    assert "Disjoint classes http://xmlns.com/foaf/0.1/Person and http://www.w3.org/ns/org#Organization" in result.stdout


def test_hermit_consistency_check_alone_agrees_with_its_classification(store, java):
    """reason(..., consistency_only=True) runs HermiT's consistency check without classifying (for
    graphs too large to classify in time): the same verdict, the same clash, no inferences; and a
    datatype HermiT cannot read is an error there too, not a silent gap."""
    import pyoxigraph as ox

    triples = reasoning_input(store)
    alone = reason(triples, "hermit", consistency_only=True)
    assert alone.consistent and alone.inferred == [] and alone.calendar_values == reason(triples, "hermit").calendar_values
    person = [ox.Triple(ox.NamedNode(NGID + "scott-bessent"), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                        ox.NamedNode("http://www.w3.org/ns/org#Organization"))]
    clash = reason(triples + person, "hermit", consistency_only=True)
    assert not clash.consistent and NGID + "scott-bessent" in clash.offending
    unreadable = [ox.Triple(ox.NamedNode(NGID + "scott-bessent"), ox.NamedNode("https://schema.org/value"),
                            ox.Literal("3", datatype=ox.NamedNode("https://example.org/no-such-datatype")))]
    with pytest.raises(ReasonerError, match="HermiT failed"):
        reason(triples + unreadable, "hermit", consistency_only=True)


def test_unsatisfiable_class_is_named(java):
    result = run_cli("reason", "--reasoner", "hermit", "--json", str(FIXTURES / "unsatisfiable-class.ttl"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["unsatisfiable"] == ["https://w3id.org/newsgraph/ontology#PersonOrganisation"]


def test_without_java_it_says_so_and_falls_back(cli_store):
    result = run_cli("reason", "--dry-run", store=cli_store, env={"NEWSGRAPH_JAVA": "none"})
    assert result.returncode == 0, result.stderr
    assert "no Java runtime found, so HermiT could not run; used OWL 2 RL (owlrl) instead" in result.stderr
    assert "consistent (OWL 2 RL (owlrl)" in result.stderr
    assert "ngid:scott-bessent ng:negotiatesWith ngid:ryosei-akazawa" in result.stdout
    forced = run_cli("reason", "--reasoner", "hermit", store=cli_store, env={"NEWSGRAPH_JAVA": "none"})
    assert forced.returncode == 2 and forced.stderr.startswith("Error: no Java runtime found for HermiT")


def test_inferences_go_into_their_own_graph_and_queries_see_them(tmp_path, seed_copy):
    store = seed_copy  # tmp_path / "store": the seed, built once a session and copied
    dry = run_cli("reason", "--dry-run", "--json", "--reasoner", "owlrl", store=store)
    first = json.loads(dry.stdout)["inferred"]
    assert len(first) > 100
    ask = "ASK { GRAPH <%s> { ngid:scott-bessent ng:negotiatesWith ngid:ryosei-akazawa } }" % INFERRED_GRAPH
    assert run_cli("query", "--sparql", ask, store=store).returncode == 1
    written = run_cli("reason", "--reasoner", "owlrl", store=store)
    assert written.returncode == 0, written.stderr
    assert run_cli("query", "--sparql", ask, store=store).returncode == 0
    # Asserted facts stay apart from inferred ones.
    asserted = "ASK { GRAPH ?g { ngid:scott-bessent ng:negotiatesWith ngid:ryosei-akazawa } FILTER(?g != <%s>) }" % INFERRED_GRAPH
    assert run_cli("query", "--sparql", asserted, store=store).returncode == 1
    # The reasoner does not read its own earlier inferences: a re-run infers the same.
    rerun = json.loads(run_cli("reason", "--dry-run", "--json", "--reasoner", "owlrl", store=store).stdout)
    assert rerun["inferred"] == first
    assert f"{len(first)} inferences, written to <{INFERRED_GRAPH}>" in written.stderr


def test_hermit_never_fetches_what_owl_imports_names(java):
    """owlready2 fetches the documents that owl:imports names; the reasoner must read only the
    triples it is given. An import of a loopback listener is never requested."""
    import socket
    import threading

    import pyoxigraph as ox

    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    accepted: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            with connection:
                accepted.append(connection.recv(1024))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    owl, rdf = "http://www.w3.org/2002/07/owl#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    triples = [
        ox.Triple(ox.NamedNode("urn:test:o"), ox.NamedNode(rdf + "type"), ox.NamedNode(owl + "Ontology")),
        ox.Triple(ox.NamedNode("urn:test:o"), ox.NamedNode(owl + "imports"), ox.NamedNode(f"http://127.0.0.1:{port}/other.owl")),
        ox.Triple(ox.NamedNode("urn:test:C"), ox.NamedNode(rdf + "type"), ox.NamedNode(owl + "Class")),
        ox.Triple(ox.NamedNode("urn:test:a"), ox.NamedNode(rdf + "type"), ox.NamedNode("urn:test:C")),
    ]
    try:
        report = reason(triples, "hermit")
    finally:
        stop.set()
        thread.join()
        listener.close()
    assert report.consistent
    assert accepted == []


def test_the_command_checks_consistency_only_and_writes_nothing(tmp_path, java, seed_copy):
    store = seed_copy  # tmp_path / "store": the seed, built once a session and copied
    checked = run_cli("reason", "--consistency-only", "--reasoner", "hermit", store=store)
    assert checked.returncode == 0, checked.stderr
    assert "consistent (HermiT" in checked.stderr and "0 inferences, not written (consistency only)" in checked.stderr
    ask = "ASK { GRAPH <%s> { ?s ?p ?o } }" % INFERRED_GRAPH
    assert run_cli("query", "--sparql", ask, store=store).returncode == 1
    clash = run_cli("reason", "--consistency-only", "--reasoner", "hermit", str(FIXTURES / "inconsistent-person-organisation.ttl"))
    assert clash.returncode == 1 and "inconsistent (HermiT" in clash.stdout
