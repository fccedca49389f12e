"""The ontology with the standards it reuses (issue 21): OWL 2 DL by the OWL API's profile check,
alone and together with the vendored modules of OWL-Time, PROV-O, W3C ORG, SEM, SKOS and
schema.org (ontology/vendor); consistent with those standards' own axioms and with ordinary
schema.org and NewsReader data, after everything `build`, `ingest`, `import` and `link` write,
the dev news graphs included; every clash a test provokes is named by HermiT and by the OWL 2 RL
rules alike; and the reasoner reads the alignment module (ontology/alignment.ttl), what OWL 2 DL
can take of it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import REPO, java_or_skip, run_cli
from newsgraph.graph.checks.reasoning import alignment_axioms, reason, reasoning_input

STORY = REPO / "tests" / "fixtures" / "story"
INGEST = REPO / "tests" / "fixtures" / "ingest"
STANDARDS = REPO / "tests" / "fixtures" / "standards"
ONTOLOGY = REPO / "ontology" / "newsgraph.ttl"
VENDOR = REPO / "ontology" / "vendor"
# One module per standard: the standard's own axioms for the terms newsgraph uses.
MODULES = {"OWL-Time": "owl-time.ttl", "PROV-O": "prov-o.ttl", "W3C ORG": "org.ttl", "SEM": "sem.ttl",
           "SKOS": "skos.ttl", "schema.org": "schema-org.ttl"}
NEWS_GRAPHS = REPO.parent / "shared" / "news-graphs"
NGID = "https://w3id.org/newsgraph/id/"
OWL = "http://www.w3.org/2002/07/owl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"


@pytest.fixture(scope="module")
def java() -> str:
    return java_or_skip()


def _triples(path: Path) -> list:
    return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]


def standards() -> list:
    """The axioms of every vendored module, together."""
    return [t for name in MODULES.values() for t in _triples(VENDOR / name)]


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


def _story_steps() -> list[tuple[str, ...]]:
    steps = [("build", str(STORY / "round4-2025-05-31.trig")), ("import", str(STORY / "nikkei-style-page.html")),
             ("ingest", str(STORY / "wire-2025-05-28.txt"), "--published", "2025-05-28", "--source", "Reuters")]
    for text in sorted(INGEST.glob("*.txt")):
        steps.append(("ingest", str(text), "--published", text.stem[-10:], "--source", "Kyodo"))
    return steps


def _run(store: Path, steps: list) -> Path:
    for step in steps:
        result = run_cli(*step, store=store, timeout=900)
        assert result.returncode == 0, (step, result.stderr[-2000:])
    return store


def _reasoner_reads(store: Path) -> list:
    from newsgraph.graph.api import Newsgraph

    with Newsgraph(store).open() as opened:
        return reasoning_input(opened)


@pytest.fixture(scope="module")
def _story_unlinked(tmp_path_factory) -> Path:
    """The story's build, import and ingest steps, run once for `story` and `everything_triples`,
    which each link a copy of their own."""
    return _run(tmp_path_factory.mktemp("story-unlinked") / "store", _story_steps())


def _copy(store: Path, tmp_path_factory, name: str) -> Path:
    return Path(shutil.copytree(store, tmp_path_factory.mktemp(name) / "store"))


@pytest.fixture(scope="module")
def story(_story_unlinked, tmp_path_factory) -> Path:
    """Everything newsgraph writes: the seed and an annotated report (build), a news page
    (import), four ingested articles (ingest) and the links between them (link)."""
    return _run(_copy(_story_unlinked, tmp_path_factory, "standards"), [("link",)])


@pytest.fixture(scope="module")
def story_triples(story) -> list:
    return _reasoner_reads(story)


@pytest.fixture(scope="module")
def news_graphs() -> Path:
    if not NEWS_GRAPHS.is_dir():
        if os.environ.get("NEWSGRAPH_REQUIRE_NEWS_GRAPHS"):
            pytest.fail(f"NEWSGRAPH_REQUIRE_NEWS_GRAPHS is set but {NEWS_GRAPHS} is missing")
        pytest.skip(f"the shared news graphs are not at {NEWS_GRAPHS}")
    return NEWS_GRAPHS


@pytest.fixture(scope="module")
def everything_triples(_story_unlinked, tmp_path_factory, news_graphs) -> list:
    """The story and the dev news graphs in one store: NewsReader's TriG files, the news pages, the
    NIF corpora (import), then link over all of it."""
    imports = [("import", "--lenient", *sorted(str(p) for p in (news_graphs / "newsreader").glob("*.trig"))),
               ("import", *sorted(str(p) for p in (news_graphs / "pages").glob("*.html")),
                *sorted(str(p) for p in (news_graphs / "nif").glob("*.ttl")))]
    store = _run(_copy(_story_unlinked, tmp_path_factory, "everything"), imports + [("link",)])
    return _reasoner_reads(store)


def test_the_ontology_is_owl2_dl(java, tmp_path):
    assert owl_profile(java, ONTOLOGY) == []
    # The check catches what issue 21 found: owl:sameAs declared again.
    broken = tmp_path / "broken.ttl"
    broken.write_text(ONTOLOGY.read_text(encoding="utf-8") + "\nowl:sameAs a owl:ObjectProperty .\n", encoding="utf-8")
    assert any("owl:sameAs" in v for v in owl_profile(java, broken))


def test_the_ontology_with_the_vendored_standards_is_owl2_dl(java, tmp_path):
    """Each module keeps the standard's axioms that are OWL 2 DL; what a standard states outside
    OWL 2 DL is left out and said so in the module's header."""
    document = tmp_path / "ontology-and-standards.nt"
    document.write_bytes(ox.serialize(_triples(ONTOLOGY) + standards(), format=ox.RdfFormat.N_TRIPLES))
    assert owl_profile(java, document) == []


@pytest.mark.parametrize("standard", sorted(MODULES))
def test_each_vendored_module_names_its_source_commit_and_licence(standard):
    path = VENDOR / MODULES[standard]
    header = " ".join(line.lstrip("#").strip() for line in path.read_text(encoding="utf-8").splitlines()
                      if line.startswith("#"))
    assert "Source:" in header and "Licence:" in header and "What is copied:" in header
    assert re.search(r"commit [0-9a-f]{40}", header), f"{path.name}: name the source commit"
    triples = _triples(path)
    module = [t.subject for t in triples if t.predicate.value == RDF_TYPE and t.object.value == OWL + "Ontology"]
    assert [m.value for m in module] == [f"https://w3id.org/newsgraph/ontology/vendor/{path.stem}"]


def test_what_the_reasoner_reads_after_link_is_owl2_dl(java, story_triples, tmp_path):
    document = tmp_path / "input.nt"
    document.write_bytes(ox.serialize(story_triples + standards(), format=ox.RdfFormat.N_TRIPLES))
    assert owl_profile(java, document) == []


def _language_tagged_texts(triples: list) -> list:
    """The texts the published NIF corpora write as language-tagged strings (RSS-500's "..."@en,
    News-100's "..."@de) where NIF 2.0 gives nif:isString the range xsd:string."""
    return [t for t in triples if t.predicate.value == NIF + "isString" and type(t.object) is ox.Literal
            and t.object.language]


@pytest.mark.parametrize("reasoner", ["hermit", "owlrl"])
def test_consistent_with_the_standards_news_graphs_and_newsreader_data(reasoner, everything_triples):
    """The seed, the story (build, import, ingest), the dev news graphs (import) and the links
    over all of them, with every vendored module and with ordinary schema.org and NewsReader data:
    consistent, but for one clash in the NIF corpora as published, which both reasoners name
    (the clash test "NIF: a language-tagged text") and which is all the OWL 2 RL rules find in
    everything; without those values HermiT finds everything consistent. (Leaving triples out
    cannot make a clash, so the OWL 2 RL rules finding only those clashes in everything means they
    find the rest consistent.)"""
    if reasoner == "hermit":
        java_or_skip()
    extra = standards() + _triples(STANDARDS / "schema-org-page.ttl") + _triples(STANDARDS / "newsreader-event.ttl")
    tagged = _language_tagged_texts(everything_triples)
    assert tagged and not any(t.subject.value.startswith(NGID) for t in tagged)  # the corpora's, not newsgraph's
    if reasoner == "owlrl":
        report = reason(everything_triples + extra, reasoner)
        assert not report.consistent
        named = {t.subject.value for t in tagged}
        assert len(report.clashes) == len(tagged), [c for c in report.clashes if "isString" not in c][:20]
        assert all(c.split(" ", 1)[0] in named and NIF + "isString" in c for c in report.clashes), report.clashes[:20]
    else:
        # HermiT's consistency check: its classification, which `reason` runs by default, takes
        # over a quarter of an hour here (GRaSP's owl:oneOf makes every subsumption test carry the
        # whole ABox); the story's test below classifies.
        leave_out = set(tagged)
        report = reason([t for t in everything_triples if t not in leave_out] + extra, reasoner, consistency_only=True)
        assert report.consistent, report.clashes[:20]
    assert report.unsatisfiable == []


def test_both_reasoners_agree_with_the_standards_after_link(java, story_triples):
    with_standards = story_triples + standards()
    hermit, owl_rl = reason(with_standards, "hermit"), reason(with_standards, "owlrl")
    assert hermit.consistent and owl_rl.consistent, (hermit.clashes, owl_rl.clashes)
    assert {str(t) for t in hermit.inferred} == {str(t) for t in owl_rl.inferred}
    # The page's skolemised entities (owl:sameAs the seed's) are reasoned over under their own IRIs.
    assert any("/.well-known/genid/" in t.subject.value for t in hermit.inferred)
    # The standards' axioms are read: W3C ORG makes a held post an organisation (org:holds is a
    # sub-property of org:memberOf), SEM makes an actor an authority.
    inferred = {(t.subject.value, t.object.value) for t in hermit.inferred if t.predicate.value == RDF_TYPE}
    assert (NGID + "post-us-treasury-secretary", "http://www.w3.org/ns/org#Organization") in inferred
    assert any(kind == "http://semanticweb.cs.vu.nl/2009/11/sem/Authority" for _, kind in inferred)


ALIGNED = {
    # nwr:ORG rdfs:subClassOf org:Organization (and ORG's org:Organization is a foaf:Agent)
    ("nwr-toyota", RDF_TYPE, "http://www.w3.org/ns/org#Organization"),
    ("nwr-toyota", RDF_TYPE, "http://xmlns.com/foaf/0.1/Agent"),
    # sem:hasAtTime rdfs:subPropertyOf sem:hasTime, sem:hasTime rdfs:subPropertyOf time:hasTime
    ("nwr-talks", "http://semanticweb.cs.vu.nl/2009/11/sem/hasTime", "nwr-may-2025"),
    ("nwr-talks", "http://www.w3.org/2006/time#hasTime", "nwr-may-2025"),
    # nif:Context rdfs:subClassOf schema:CreativeWork; the chain (^nif:referenceContext itsrdf:taIdentRef)
    ("nwr-text", RDF_TYPE, "https://schema.org/CreativeWork"),
    ("nwr-text", "https://schema.org/mentions", "nwr-toyota"),
}


@pytest.mark.parametrize("reasoner", ["hermit", "owlrl"])
def test_the_reasoner_reads_the_alignment(reasoner):
    """`reason` reads ontology/alignment.ttl beside the ontology (what OWL 2 DL can take of it):
    NewsReader-style data that was not imported, so that nothing was derived from it, is
    classified in newsgraph's terms by the reasoner itself."""
    if reasoner == "hermit":
        java_or_skip()
    import pyoxigraph as ox
    from newsgraph.graph.checks.reasoning import alignment_axioms, declarations, reason
    from newsgraph.graph.model.build import ontology_triples

    # The file as it is: reason_over_files would add what import derives from it (read_files).
    data = [q.triple for q in ox.parse(path=str(STANDARDS / "newsreader-unaligned.ttl"), format=ox.RdfFormat.TURTLE)]
    triples = ontology_triples() + data
    triples += declarations(triples)
    triples += alignment_axioms(triples)[0]
    report = reason(triples, reasoner)
    assert report.consistent, report.clashes
    inferred = {(t.subject.value.removeprefix(NGID), t.predicate.value, t.object.value.removeprefix(NGID))
                for t in report.inferred if t.subject.value.startswith(NGID + "nwr-")}
    assert ALIGNED <= inferred, ALIGNED - inferred


def test_what_is_left_out_of_the_alignment():
    """What the reasoner cannot read of the alignment beside the ontology alone: sub-properties
    across kinds (a data property under an annotation property is not OWL 2 DL) and the 2006
    OWL-Time terms, which nothing declares or uses unless NewsReader data is read."""
    RDFS = "http://www.w3.org/2000/01/rdf-schema#"
    _, left_out = alignment_axioms(_triples(ONTOLOGY))
    assert {(t.subject.value, t.object.value) for t in left_out} == {
        ("https://schema.org/name", RDFS + "label"), ("http://xmlns.com/foaf/0.1/name", RDFS + "label"),
        ("https://schema.org/headline", RDFS + "label"), ("https://schema.org/author", "http://purl.org/dc/terms/creator"),
        *((f"http://www.w3.org/TR/owl-time#{name}", f"http://www.w3.org/2006/time#{name}")
          for name in ("inDateTime", "year", "month", "day", "unitType"))}


def test_reason_command_after_link(java, story):
    result = run_cli("reason", "--dry-run", "--reasoner", "hermit", store=story)
    assert result.returncode == 0, result.stderr
    assert "calendar values" in result.stderr and "consistent (HermiT" in result.stderr


PREFIXES = """@prefix ngid: <https://w3id.org/newsgraph/id/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix schema: <https://schema.org/> . @prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
"""

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
    # PROV-O: an entity is never an activity. What has a generation time (prov:generatedAtTime,
    # domain prov:Entity) is an entity; a report written as the act of reporting clashes.
    "PROV-O: an activity with a generation time": (PREFIXES + """
        ngid:reporting a prov:Activity ; prov:generatedAtTime "2025-05-28T09:00:00Z"^^xsd:dateTime .""",
        NGID + "reporting"),
    # W3C ORG: org:member is functional, so one membership's two members are one agent; a person
    # and an organisation cannot be (newsgraph's disjointness).
    "W3C ORG: one membership with two members": (PREFIXES + """
        ngid:bessent-membership a org:Membership ; org:member ngid:scott-bessent , ngid:us-treasury .
        ngid:scott-bessent a foaf:Person . ngid:us-treasury a org:Organization .""",
        NGID + "scott-bessent"),
    # W3C ORG: a membership is never an organisation; what has posts (org:hasPost, domain
    # org:Organization) is one.
    "W3C ORG: a membership with a post": (PREFIXES + """
        ngid:g7-membership a org:Membership ; org:hasPost ngid:post-japan-prime-minister .""",
        NGID + "g7-membership"),
    # SKOS: a concept scheme is never a concept; what skos:exactMatch links is a concept (the
    # domain of skos:semanticRelation).
    "SKOS: a concept scheme matched as a concept": (PREFIXES + """
        ngid:goods-categories a skos:ConceptScheme ; skos:exactMatch <http://www.wikidata.org/entity/Q2424752> .""",
        NGID + "goods-categories"),
    # NIF 2.0 (declared in newsgraph.ttl): a text is an xsd:string, and a language-tagged string is
    # none. The published NIF corpora (RSS-500, News-100) write their texts so.
    "NIF: a language-tagged text": (PREFIXES + """
        ngid:excerpt a nif:Context ; nif:isString "Die Zölle steigen."@de .""",
        NGID + "excerpt"),
    # The alignment: NewsReader's entity classes are FOAF's and ORG's (nwr:PER a foaf:Person,
    # nwr:ORG an org:Organization), which newsgraph keeps apart.
    "NewsReader: a person who is an organisation": (PREFIXES + """
        @prefix nwr: <http://www.newsreader-project.eu/ontologies/> .
        ngid:nwr-toyota-person a nwr:PER , nwr:ORG .""",
        NGID + "nwr-toyota-person"),
}
# SEM and schema.org state no disjointness, functional or cardinality axiom: nothing in them can
# clash with data by itself.


@pytest.mark.parametrize("reasoner", ["hermit", "owlrl"])
@pytest.mark.parametrize("case", sorted(CLASHES))
def test_every_provoked_clash_is_named_by_both_reasoners(case, reasoner):
    if reasoner == "hermit":
        java_or_skip()
    text, individual = CLASHES[case]
    data = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)]
    given = _triples(ONTOLOGY) + standards() + data
    report = reason(given + alignment_axioms(given)[0], reasoner)  # with the alignment, as `reason` reads it
    assert not report.consistent
    assert individual in report.offending, report
    assert report.clashes and not report.clashes[0].startswith("HermiT found the graph inconsistent"), report.clashes
