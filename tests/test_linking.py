"""Linking with other news graphs: import, ingest, link across spellings, cross-article queries."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from conftest import MEETING_REPORTS, REPO, ROUND_REPORTS, run_cli
from servers import free_port, oxigraph_binary, oxigraph_server

STORY = REPO / "tests" / "fixtures" / "story"
NGID = "https://w3id.org/newsgraph/id/"
ROUND4 = NGID + "article/round4-2025-05-31/"


def _csv(result) -> list[dict[str, str]]:
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Path:
    """A store with the seed, an annotated report of the fourth round, an imported news page and
    an ingested wire report, linked."""
    store = tmp_path_factory.mktemp("story") / "store"
    assert run_cli("build", str(STORY / "round4-2025-05-31.trig"), store=store).returncode == 0
    assert run_cli("import", str(STORY / "nikkei-style-page.html"), store=store).returncode == 0
    result = run_cli("ingest", str(STORY / "wire-2025-05-28.txt"), "--published", "2025-05-28", "--source", "Reuters", store=store)
    assert result.returncode == 0, result.stderr
    result = run_cli("link", store=store)
    assert result.returncode == 0, result.stderr
    return store


def _links(store) -> list[dict]:
    return json.loads(run_cli("links", "--json", store=store).stdout)


def test_the_same_person_is_found_across_spellings(story):
    links = _links(story)
    by_names = {tuple(sorted(l["names"])): l for l in links}
    # The page's "Ryosei Akazawa" is the seed's "Akazawa Ryosei": same name, other order.
    assert by_names[("Akazawa Ryosei", "Ryosei Akazawa")]["status"] == "accepted"
    assert by_names[("Akazawa Ryosei", "Ryosei Akazawa")]["method"] == "name-context"
    # The round report's "Ryousei Akazawa" is a transliteration variant: a candidate for review.
    variant = [l for l in links if l["status"] == "candidate" and NGID + "ryosei-akazawa" in (l["first"], l["second"])]
    assert len(variant) == 1 and variant[0]["method"] == "fuzzy" and "Ryousei Akazawa" in variant[0]["names"]
    # The seed's "Scott Vessen" and the other sources' "Scott Bessent" are one person.
    assert any(l["status"] == "accepted" and {l["first"], l["second"]} == {NGID + "scott-bessent", ROUND4 + "bessent"}
               for l in links)
    # The wire report's mentions resolve to the known entities when ingested, each through a link.
    mentions = _csv(run_cli("query", "-F", "csv", "--sparql",
                            "SELECT ?spelling ?entity ?method WHERE { ?m ng:matchMethod ?method ; nif:anchorOf ?spelling . "
                            "?st gaf:denotedBy ?m ; rdf:object ?mentioned . ?mentioned owl:sameAs ?entity } ORDER BY ?spelling",
                            store=story))
    found = {(r["spelling"], r["entity"]) for r in mentions}
    assert ("Ryosei Akazawa", NGID + "ryosei-akazawa") in found
    assert ("Scott Bessent", NGID + "scott-bessent") in found
    assert ("Nvidia", NGID + "nvidia") in found
    assert ("Asahi", NGID + "asahi-shimbun") in found


def test_no_wrong_merge_between_people_who_share_a_surname(story):
    links = _links(story)
    kenji = [l for l in links if ROUND4 + "kenji-akazawa" in (l["first"], l["second"])]
    # The wire report names the spokesman in full: ingest's one link, from its own mention.
    assert [(l["method"], l["first"].rsplit("/", 1)[1]) for l in kenji] == [("ingest", "kenji-akazawa")]
    # "Minister Akazawa" in the wire report comes before the report names the spokesman: the one
    # Akazawa it has named so far, the minister, as a link to review; not a candidate, not Kenji.
    candidates = _csv(run_cli("query", "-F", "csv", "--sparql",
                              "SELECT ?label WHERE { ?c a ng:CandidateEntity ; nif:anchorOf ?label } ORDER BY ?label", store=story))
    assert {r["label"] for r in candidates} == set()
    minister = [l for l in links if l["first"].endswith("/mentioned/akazawa")]
    assert [(l["method"], l["second"]) for l in minister] == [("ingest", NGID + "ryosei-akazawa")]
    # The dateline is the city; "talks with Washington" is the U.S. government (by context).
    places = _csv(run_cli("query", "-F", "csv", "--sparql",
                          "SELECT ?spelling ?entity WHERE { ?m ng:matchMethod ?method ; nif:anchorOf ?spelling . "
                          "?st gaf:denotedBy ?m ; rdf:predicate schema:mentions ; rdf:object ?entity "
                          "FILTER(?spelling IN (\"TOKYO\", \"Washington\")) }", store=story))
    assert {(r["spelling"], r["entity"]) for r in places} == {("TOKYO", NGID + "tokyo"),
                                                              ("Washington", NGID + "government-of-united-states")}


def test_cross_article_queries_after_accepting_the_variant(story):
    links = _links(story)
    (variant,) = [l for l in links if l["status"] == "candidate" and NGID + "ryosei-akazawa" in (l["first"], l["second"])]
    before = {r["article"] for r in _csv(run_cli("query", "articles-mentioning", "-p", "name=Akazawa Ryosei", "-F", "csv", store=story))}
    assert NGID + "article/round4-2025-05-31" not in before
    accepted = run_cli("links", "--accept", variant["id"], store=story)
    assert accepted.returncode == 0, accepted.stderr
    # The proposal and the round are events with one label in two articles: never joined on the
    # label, they are candidates that say why; a reviewer accepts them.
    events = [l for l in links if l["status"] == "candidate" and l["method"] == "name"]
    assert {l["names"][0] for l in events} == {"Japan's proposal to buy American semiconductor products",
                                               "fourth round of the Japan–U.S. tariff negotiations"}
    for link in events:
        assert "events are not joined on a label" in link["against"]
        assert any(reason.startswith("shared context: ") for reason in link["for"])
        assert run_cli("links", "--accept", link["id"], store=story).returncode == 0
    after = _csv(run_cli("query", "articles-mentioning", "-p", "name=Akazawa Ryosei", "-F", "csv", store=story))
    articles = {r["article"] for r in after}
    assert {NGID + "article/chosunbiz-2025-05-28", NGID + "article/round4-2025-05-31",
            NGID + "article/reuters-2025-05-28-wire-2025-05-28"} <= articles
    assert any(r["title"] == "Akazawa heads to Washington with chip-purchase offer" for r in after)
    assert len(articles) == 4

    amounts = _csv(run_cli("query", "proposal-amounts", "-F", "csv", store=story))
    assert {(r["source"], r["bound"], r["value"], r["currency"]) for r in amounts} == {
        ("Chosun Biz, 28 May 2025: Japan offers to buy American semiconductors, NVIDIA above all", "at most", "1000000000000", "JPY"),
        ("The Asahi Shimbun, morning edition of 28 May 2025", "at least", "1000000000", "USD"),
        ("Japanese officials (unnamed)", "about/exactly", "7000000000", "USD"),
    }
    assert len({r["proposal"] for r in amounts}) == 1

    events = _csv(run_cli("query", "event-reports", "-F", "csv", store=story))
    assert [(r["status"], r["date"], r["source"]) for r in events] == [
        ("event scheduled", "2025-05-30", "Chosun Biz, 28 May 2025: Japan offers to buy American semiconductors, NVIDIA above all"),
        ("event took place", "2025-05-30", "Japanese officials (unnamed)"),
    ]


def test_the_link_set_and_decisions_survive_re_running(story):
    first = {l["id"]: l["status"] for l in _links(story)}
    (to_reject,) = [i for i, l in {l["id"]: l for l in _links(story)}.items()
                    if "Nvidia" in l["names"] and l["status"] == "accepted" and l["method"] != "ingest"
                    and NGID + "nvidia" in (l["first"], l["second"])]
    assert run_cli("links", "--reject", to_reject, store=story).returncode == 0
    assert run_cli("link", store=story).returncode == 0
    second = {l["id"]: l["status"] for l in _links(story)}
    assert set(second) == set(first)
    assert second[to_reject] == "rejected"
    # The user's decisions are kept; an event match may grow firmer with them: accepting "Ryousei
    # Akazawa" (above) gives the wire's fourth round and the round report both participants.
    events = {l["id"] for l in _links(story) if l["method"] == "event"}
    assert {i: s for i, s in second.items() if i != to_reject and i not in events} == \
        {i: s for i, s in first.items() if i != to_reject and i not in events}
    assert {l["id"]: l["status"] for l in _links(story) if l["method"] == "event" and "round4-2025-05-31/fourth-round" in l["second"]
            and "wire" in l["first"]}.popitem()[1] == "accepted"
    ask = "ASK { GRAPH <https://w3id.org/newsgraph/graph/links> { ?a owl:sameAs ngid:nvidia FILTER(!CONTAINS(STR(?a), '/mentioned/')) } }"
    assert run_cli("query", "--sparql", ask, store=story).returncode == 1
    assert run_cli("links", "--accept", to_reject, store=story).returncode == 0
    assert run_cli("query", "--sparql", ask, store=story).returncode == 0


def _quads(store) -> str:
    return run_cli("export", "--format", "nquads", store=store).stdout


def test_import_of_a_broken_file_changes_nothing(story, tmp_path):
    before = _quads(story)
    broken = tmp_path / "broken.ttl"
    broken.write_text('<https://example.org/a> <https://example.org/b> "c" .\n<https://example.org/a> <b "c" .\n')
    result = run_cli("import", str(broken), store=story)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(f"Error: {broken}:2:")
    assert "Traceback" not in result.stderr
    assert _quads(story) == before


def test_a_batch_imports_each_file_all_or_nothing_and_reports_each(story, tmp_path):
    """Issue #14: a bad file no longer aborts the batch; it is rejected alone, with its line."""
    before = _quads(story)
    good = tmp_path / "good.ttl"
    good.write_text('<https://example.org/a> <https://example.org/b> "c" .\n')
    broken = tmp_path / "broken.ttl"
    broken.write_text('<https://example.org/x> <https://example.org/y> "z" .\n<https://example.org/a> <b "c" .\n')
    result = run_cli("import", str(good), str(broken), store=story)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"imported {good}: 1 quads into <https://w3id.org/newsgraph/graph/source/good-ttl>"
    assert lines[1].startswith(f"Error: {broken}:2:") and lines[2] == "1 sources imported, 1 rejected"
    after = _quads(story)
    assert '<https://example.org/a> <https://example.org/b> "c" <https://w3id.org/newsgraph/graph/source/good-ttl> .' in after
    assert "https://example.org/x" not in after  # the broken file's first, valid line was not kept either
    assert set(before.splitlines()) <= set(after.splitlines())


def test_replacing_graphs_is_all_or_nothing_on_disk(tmp_path):
    # link, build and ingest write through replace_graphs: the bulk loader under a checkpoint.
    import pyoxigraph as ox
    from newsgraph.graph.store import GraphStore

    def triple(n):
        return ox.Triple(ox.NamedNode(f"urn:s{n}"), ox.NamedNode("urn:p"), ox.Literal(n))

    def failing():
        yield triple(1)
        raise RuntimeError("disk full")

    with GraphStore(tmp_path / "store") as store:
        store.replace_graphs({"urn:g:kept": [triple(0)], "urn:g:other": [triple(5)]})
        with pytest.raises(RuntimeError):
            store.replace_graphs({"urn:g:kept": failing(), "urn:g:new": [triple(2)]})
        assert [q.object.value for q in store.quads("urn:g:kept")] == ["0"]
        assert store.graph_names() == ["urn:g:kept", "urn:g:other"]
        store.replace_graphs({"urn:g:kept": [triple(3)]})
        assert [q.object.value for q in store.quads("urn:g:kept")] == ["3"]
        assert [q.object.value for q in store.quads("urn:g:other")] == ["5"]
    assert sorted(p.name for p in (tmp_path / "store").iterdir()) == ["merged-default-graph", "newsgraph.lock", "oxigraph"]  # no checkpoint left


def test_blank_nodes_from_two_files_never_collide(tmp_path):
    store = tmp_path / "store"
    for name in ("one", "two"):
        (tmp_path / f"{name}.ttl").write_text(f'_:b1 <https://example.org/name> "{name}" .\n')
    assert run_cli("import", str(tmp_path / "one.ttl"), str(tmp_path / "two.ttl"), store=store).returncode == 0
    rows = _csv(run_cli("query", "-F", "csv", "--sparql",
                        "SELECT ?s ?n WHERE { ?s <https://example.org/name> ?n } ORDER BY ?n", store=store))
    assert [r["n"] for r in rows] == ["one", "two"]
    assert rows[0]["s"] != rows[1]["s"] and all("/.well-known/genid/" in r["s"] for r in rows)


def test_every_rdf_format_imports_into_its_own_graph(tmp_path, store):
    from newsgraph.graph.formats import RDF_FORMATS

    target = tmp_path / "store"
    files = []
    for fmt in RDF_FORMATS:
        path = tmp_path / f"seed.{ {'turtle': 'ttl', 'ntriples': 'nt', 'nquads': 'nq', 'trig': 'trig', 'jsonld': 'jsonld', 'xml': 'rdf'}[fmt.name] }"
        path.write_bytes(store.export(fmt, ["https://w3id.org/newsgraph/graph/reference"]))
        files.append(str(path))
    result = run_cli("import", *files, store=target)
    assert result.returncode == 0, result.stderr
    counts = json.loads(run_cli("stats", "--json", store=target).stdout)["graphs"]
    for name in ("seed-ttl", "seed-nt", "seed-rdf"):
        assert counts[f"https://w3id.org/newsgraph/graph/source/{name}"] == len(store.quads("https://w3id.org/newsgraph/graph/reference"))


def test_remote_sources_and_contexts_need_allow_remote(tmp_path):
    page = tmp_path / "page.jsonld"
    page.write_text('{"@context": "https://example.org/context.jsonld", "@id": "https://example.org/x", "name": "x"}')
    result = run_cli("import", str(page), store=tmp_path / "store")
    assert result.returncode == 2
    assert result.stderr.strip() == f"Error: {page}: remote JSON-LD context https://example.org/context.jsonld is fetched only with --allow-remote"
    remote = run_cli("import", "https://example.org/data.ttl", store=tmp_path / "store")
    assert remote.returncode == 2 and "only with --allow-remote" in remote.stderr


def test_schema_org_context_resolves_locally(tmp_path):
    page = tmp_path / "page.jsonld"
    page.write_text('{"@context": "https://schema.org", "@id": "https://example.org/x", "@type": "Person", "name": "Hana Sato"}')
    store = tmp_path / "store"
    assert run_cli("import", str(page), store=store).returncode == 0
    # The context's vocabulary is http://schema.org/; the store writes it as the ontology names it (issue #14).
    assert run_cli("query", "--sparql", 'ASK { <https://example.org/x> <https://schema.org/name> "Hana Sato" }', store=store).returncode == 0
    assert run_cli("query", "--sparql", 'ASK { <https://example.org/x> <http://schema.org/name> "Hana Sato" }', store=store).returncode == 1


def test_news_page_maps_onto_the_model(story):
    rows = _csv(run_cli("query", "-F", "csv", "--sparql", """
        SELECT ?headline ?published ?author ?publisher WHERE {
          ?a a schema:NewsArticle ; schema:headline ?headline ; schema:datePublished ?published ;
             schema:author/rdfs:label ?author ; schema:publisher/rdfs:label ?publisher . }""", store=story))
    assert rows == [{"headline": "Akazawa heads to Washington with chip-purchase offer", "published": "2025-05-29",
                     "author": "Hana Sato", "publisher": "Example Business Daily"}]


def test_ingest_extracts_amounts_conversions_rates_dates_and_percentages(story):
    graph = "<https://w3id.org/newsgraph/graph/article/reuters-2025-05-28-wire-2025-05-28>"
    amounts = _csv(run_cli("query", "-F", "csv", "--sparql", f"""
        SELECT ?expression ?currency ?bound ?value ?restates WHERE {{ GRAPH {graph} {{
          ?a a schema:MonetaryAmount ; schema:currency ?currency ; ng:originalExpression ?expression ;
             ?boundProperty ?value . VALUES ?boundProperty {{ schema:value schema:maxValue schema:minValue }}
          BIND(STRAFTER(STR(?boundProperty), "https://schema.org/") AS ?bound)
          OPTIONAL {{ ?o ng:statedAs ?a ; ng:originalExpression ?restates }} }} }} ORDER BY ?expression""", store=story))
    assert [(r["expression"], r["currency"], r["bound"], r["value"], r["restates"]) for r in amounts] == [
        ("$6.94 billion", "USD", "maxValue", "6940000000", "as much as 1 trillion yen"),
        ("$68.5 billion", "USD", "value", "68500000000", ""),
        ("as much as 1 trillion yen", "JPY", "maxValue", "1000000000000", ""),
    ]
    rates = _csv(run_cli("query", "-F", "csv", "--sparql", f"""
        SELECT ?base ?quote ?value ?day WHERE {{ GRAPH {graph} {{ ?r a ng:ExchangeRate ; ng:baseCurrency ?base ;
          ng:quoteCurrency ?quote ; schema:value ?value ; ng:rateDate ?day }} }}""", store=story))
    assert rates == [{"base": "USD", "quote": "JPY", "value": "144.17", "day": "2025-05-28"}]
    times = _csv(run_cli("query", "-F", "csv", "--sparql", f"""
        SELECT ?expression ?value WHERE {{ GRAPH {graph} {{ ?t ng:originalExpression ?expression ;
          time:inXSDDate|time:inXSDgYear ?value }} }} ORDER BY ?expression""", store=story))
    assert {(r["expression"], r["value"]) for r in times} == {
        ("May 28", "2025-05-28"), ("May 30", "2025-05-30"), ("on Wednesday", "2025-05-28"),
        ("on Thursday", "2025-05-29"), ("last year", "2024")}
    percents = _csv(run_cli("query", "-F", "csv", "--sparql", f"""
        SELECT ?expression ?value WHERE {{ GRAPH {graph} {{ ?p schema:unitCode "P1" ; schema:value ?value ;
          ng:originalExpression ?expression }} }} ORDER BY ?value""", store=story))
    assert [(r["expression"], r["value"]) for r in percents] == [("about 10%", "10"), ("25%", "25"), ("about 30%", "30")]


def test_ingested_offsets_cut_out_their_quotes(story):
    text = (STORY / "wire-2025-05-28.txt").read_text(encoding="utf-8")
    rows = _csv(run_cli("query", "-F", "csv", "--sparql", """
        SELECT ?quote ?begin ?end WHERE { ?m nif:referenceContext <https://w3id.org/newsgraph/id/article/reuters-2025-05-28-wire-2025-05-28> ;
          nif:anchorOf ?quote ; nif:beginIndex ?begin ; nif:endIndex ?end }""", store=story))
    assert len(rows) > 20
    for r in rows:
        assert text[int(r["begin"]):int(r["end"])] == r["quote"]


def _loose(name: str) -> str:
    """Names compared as Wikidata's English label and ours may differ: case, order, plural, spelling."""
    from newsgraph.graph.link.names import tokens

    return " ".join(sorted(t.rstrip("s").replace("centre", "center") for t in tokens(name)))


def test_wikidata_table_is_consistent(store):
    import re


    rows = store.query("""
        SELECT ?entity ?item ?label ?page WHERE {
          ?entity owl:sameAs|skos:exactMatch ?item FILTER(STRSTARTS(STR(?item), "http://www.wikidata.org/entity/"))
          ?st rdf:subject ?entity ; rdf:object ?item ; prov:wasDerivedFrom ?page ; ng:verifyingQuote ?label }""")
    table = [(r["entity"].value, r["item"].value, r["label"].value, r["page"].value) for r in rows]
    assert len(table) == 11
    items = [item for _, item, _, _ in table]
    assert len(set(items)) == len(items), "one item per entity"
    assert len({entity for entity, _, _, _ in table}) == len(table), "one item for each entity"
    for entity, item, label, page in table:
        qid = item.rsplit("/", 1)[1]
        assert re.fullmatch(r"Q[1-9]\d*", qid)
        assert page == f"https://www.wikidata.org/wiki/{qid}"
        names = {row["n"].value for row in store.query(
            "SELECT ?e ?n WHERE { ?e rdfs:label|skos:altLabel ?n }", {"e": __import__("pyoxigraph").NamedNode(entity)})}
        assert any(_loose(label) == _loose(name) for name in names), (entity, label, names)
    assert dict((item.rsplit("/", 1)[1], entity.rsplit("/", 1)[1]) for entity, item, _, _ in table)["Q1764511"] == "g7"


@pytest.fixture
def wikidata_endpoint(tmp_path):
    """A Wikidata-shaped SPARQL endpoint: the oxigraph server on 127.0.0.1, stopped by its pid."""
    location = tmp_path / "wikidata"
    subprocess.run([str(oxigraph_binary()), "load", "--location", str(location),
                    "--file", str(REPO / "tests" / "fixtures" / "wikidata-shaped.ttl")], check=True, capture_output=True)
    with oxigraph_server("serve-read-only", "--location", str(location)) as base:
        yield base + "/query"


def test_link_with_a_wikidata_endpoint_proposes_candidates(tmp_path, wikidata_endpoint, seed_copy):
    store = seed_copy  # tmp_path / "store": the seed, built once a session and copied
    result = run_cli("link", "--wikidata", wikidata_endpoint, store=store)
    assert result.returncode == 0, result.stderr
    found = {(l["first"], l["second"], l["status"], l["method"]) for l in _links(store) if l["method"] == "wikidata-lookup"}
    assert found == {
        (NGID + "nhk", "http://www.wikidata.org/entity/Q999000001", "candidate", "wikidata-lookup"),
        (NGID + "asahi-shimbun", "http://www.wikidata.org/entity/Q999000002", "candidate", "wikidata-lookup"),
        (NGID + "ryosei-akazawa", "http://www.wikidata.org/entity/Q999000003", "candidate", "wikidata-lookup"),
    }


def test_unreachable_wikidata_endpoint_is_one_line(tmp_path, seed_copy):
    store = seed_copy  # tmp_path / "store": the seed, built once a session and copied
    result = run_cli("link", "--wikidata", f"http://127.0.0.1:{free_port()}/query", "--timeout", "3", store=store)
    assert result.returncode == 2
    assert result.stderr.startswith("Error: http://127.0.0.1:") and "cannot reach the endpoint" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_entity_is_found_by_any_of_its_names_a_unique_surname_or_part_of_a_name(story):
    # "Bessent" is a surname only one person has: describe finds the person, not the events and
    # memberships whose labels contain it, and shows the sameAs group as one entity.
    result = run_cli("describe", "Bessent", store=story)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Scott Bessent  <https://w3id.org/newsgraph/id/scott-bessent>"
    assert run_cli("describe", "Akazawa Ryosei", store=story).stdout.splitlines()[0] == \
        "Ryosei Akazawa  <https://w3id.org/newsgraph/id/ryosei-akazawa>"
    # The page's "Ryosei Akazawa" (a skolem IRI) is joined to ours: one entity, not "names 2".
    assert run_cli("describe", "ryosei akazawa", store=story).returncode == 0
    # Two people are called Akazawa: one line that lists both, with their types and sources.
    for command in (["describe", "Akazawa"], ["show", "Akazawa"], ["timeline", "--entity", "Akazawa"]):
        result = run_cli(*command, store=story)
        assert result.returncode == 2, (command, result.stderr)
        line = result.stderr.strip()
        assert line.count("\n") == 0 and "Traceback" not in line
        assert line.startswith("Error: 'Akazawa' names ") and " entities: " in line  # 3 until the variant is accepted
        assert "Ryosei Akazawa <https://w3id.org/newsgraph/id/ryosei-akazawa> (foaf:Person; from " in line
        assert "Kenji Akazawa <https://w3id.org/newsgraph/id/article/round4-2025-05-31/kenji-akazawa> (foaf:Person; from " in line


def test_the_matches_of_ingest_are_links_to_review(story, tmp_path):
    wire = NGID + "article/reuters-2025-05-28-wire-2025-05-28/mentioned/"
    ingested = {l["first"].removeprefix(wire): l for l in _links(story) if l["method"] == "ingest"}
    assert {name: (l["second"].removeprefix(NGID), l["score"]) for name, l in ingested.items()} == {
        "akazawa": ("ryosei-akazawa", 0.8), "asahi": ("asahi-shimbun", 0.85), "japan": ("japan", 1.0), "nvidia": ("nvidia", 0.95),
        "kenji-akazawa": ("article/round4-2025-05-31/kenji-akazawa", 1.0), "ryosei-akazawa": ("ryosei-akazawa", 0.95),
        "scott-bessent": ("scott-bessent", 1.0), "the-united-states": ("united-states", 1.0), "u-s": ("united-states", 1.0)}
    assert ingested["asahi"]["names"] == ["Asahi", "The Asahi Shimbun"]
    assert ingested["asahi"]["for"] == ["ingest matched the mention by organisation: outlet"]
    assert ingested["asahi"]["against"] == []
    assert ingested["nvidia"]["against"] == []
    assert all(l["status"] == "accepted" for l in ingested.values())
    # `link` does not find them again.
    assert not [l for l in _links(story) if l["method"] != "ingest" and wire in l["first"] + l["second"]]

    rejected = ingested["asahi"]["id"]
    result = run_cli("links", "--reject", rejected, store=story)
    assert result.returncode == 0, result.stderr
    graph = "<https://w3id.org/newsgraph/graph/article/reuters-2025-05-28-wire-2025-05-28>"
    mentioned = f'ASK {{ GRAPH {graph} {{ ?a schema:mentions <{wire}asahi> }} }}'
    linked = f"ASK {{ <{wire}asahi> owl:sameAs ngid:asahi-shimbun }}"
    assert run_cli("query", "--sparql", mentioned, store=story).returncode == 0  # the mention stays
    assert run_cli("query", "--sparql", linked, store=story).returncode == 1  # no longer the newspaper
    articles = "SELECT DISTINCT ?article WHERE { ngid:asahi-shimbun (owl:sameAs|^owl:sameAs)* ?same . " \
               "?article schema:mentions ?same FILTER(CONTAINS(STR(?article), 'reuters')) }"
    assert not _csv(run_cli("query", "-F", "csv", "--sparql", articles, store=story))
    # Neither a re-run of link nor a re-ingest of the article loses the decision.
    assert run_cli("link", store=story).returncode == 0
    again = run_cli("ingest", str(STORY / "wire-2025-05-28.txt"), "--published", "2025-05-28", "--source", "Reuters", store=story)
    assert again.returncode == 0, again.stderr
    assert {l["id"]: l["status"] for l in _links(story)}[rejected] == "rejected"
    assert run_cli("query", "--sparql", linked, store=story).returncode == 1
    assert run_cli("links", "--accept", rejected, store=story).returncode == 0
    assert run_cli("query", "--sparql", linked, store=story).returncode == 0
    assert [r["article"] for r in _csv(run_cli("query", "-F", "csv", "--sparql", articles, store=story))] == [
        NGID + "article/reuters-2025-05-28-wire-2025-05-28"]


def test_named_queries_take_an_entity_by_a_unique_surname(story):
    by_surname = _csv(run_cli("query", "articles-mentioning", "-p", "name=Bessent", "-F", "csv", store=story))
    by_name = _csv(run_cli("query", "articles-mentioning", "-p", "name=Scott Bessent", "-F", "csv", store=story))
    assert by_surname == by_name and len({r["article"] for r in by_name}) >= 2
    ambiguous = run_cli("query", "articles-mentioning", "-p", "name=Akazawa", store=story)
    assert ambiguous.returncode == 2 and ambiguous.stderr.count("\n") == 1
    assert ambiguous.stderr.startswith("Error: 'Akazawa' names ") and "Kenji Akazawa <" in ambiguous.stderr
    # A name no entity has still finds nothing, as before.
    nobody = run_cli("query", "articles-mentioning", "-p", "name=Nobody Atall", "-F", "csv", store=story)
    assert nobody.returncode == 0 and _csv(nobody) == []


IDENTITY_SIGNALS = """
@prefix schema: <https://schema.org/> .
@prefix httpschema: <http://schema.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
@prefix gaf: <http://groundedannotationframework.org/gaf#> .
@prefix ex: <https://example.org/> .

# A NIF annotation of a document that names Japan (DBpedia, untyped).
ex:doc1 a nif:Context ; nif:isString "Japan and Canada." .
ex:doc1-japan nif:referenceContext ex:doc1 ; itsrdf:taIdentRef <http://dbpedia.org/resource/Japan> .
# A page's publisher names its Wikipedia page (http schema.org), another page's the same by https.
ex:yonhap a schema:NewsMediaOrganization ; schema:name "Yonhap" ; httpschema:sameAs <https://en.wikipedia.org/wiki/Yonhap_News_Agency> .
ex:yna a schema:Organization ; schema:name "Yonhap News Agency" ; schema:sameAs <http://dbpedia.org/resource/Yonhap_News_Agency> .
# Two outlets' bylines, and two events labelled by lemma (untyped actors).
ex:article1 a schema:NewsArticle ; schema:author ex:byline1 ; schema:publisher ex:yna .
ex:article2 a schema:NewsArticle ; schema:author ex:byline2 ; schema:publisher ex:other .
ex:byline1 a schema:Person ; schema:name "Redaktion" .
ex:byline2 a schema:Person ; schema:name "Redaktion" .
ex:other a schema:Organization ; schema:name "Other Outlet" .
ex:ev1 a sem:Event ; skos:prefLabel "say" ; sem:hasActor ex:smith ; gaf:denotedBy <https://example.org/t1#char=0,3> .
ex:ev2 a sem:Event ; skos:prefLabel "say" ; sem:hasActor ex:jones ; gaf:denotedBy <https://example.org/t2#char=0,3> .
ex:smith skos:prefLabel "John Smith" ; gaf:denotedBy <https://example.org/t1#char=4,14> .
ex:jones skos:prefLabel "Mary Jones" ; gaf:denotedBy <https://example.org/t2#char=4,14> .
"""


TWO_EXCERPTS = """
@prefix schema: <https://schema.org/> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .

# A corpus that holds two excerpts of one page (News-100 does), and the page itself.
<https://example.org/corpus/1#char=0,11> a nif:Context ; nif:isString "Golf today." ;
    nif:beginIndex 0 ; nif:endIndex 11 ; nif:sourceUrl <https://news.example/sport/golf/> .
<https://example.org/corpus/2#char=0,25> a nif:Context ; nif:isString "Golf today in Dubai, sun." ;
    nif:beginIndex 0 ; nif:endIndex 25 ; nif:sourceUrl <https://news.example/sport/golf/> .
<https://news.example/sport/golf/#article> a schema:NewsArticle ; schema:url <https://news.example/sport/golf/> .
"""


def test_two_texts_at_one_address_are_two_texts(tmp_path, seed_copy):
    """An article is identified by its address, but a NIF context is a text with one extent in its
    document (nif:beginIndex and nif:endIndex are functional): two excerpts of one page are never
    owl:sameAs each other (with NIF's axioms that would be inconsistent); the page is one of them."""
    store = seed_copy  # tmp_path / "store": the seed, built once a session and copied
    data = tmp_path / "excerpts.ttl"
    data.write_text(TWO_EXCERPTS)
    assert run_cli("import", str(data), store=store).returncode == 0
    assert run_cli("link", store=store).returncode == 0
    accepted = [frozenset((l["first"], l["second"])) for l in _links(store) if l["status"] == "accepted"]
    excerpts = {"https://example.org/corpus/1#char=0,11", "https://example.org/corpus/2#char=0,25"}
    assert frozenset(excerpts) not in accepted
    page = [pair for pair in accepted if "https://news.example/sport/golf/#article" in pair]
    assert len(page) == 1 and len(page[0] & excerpts) == 1


def test_link_reads_the_identity_signals_of_other_graphs(tmp_path, seed_copy):
    store = seed_copy  # tmp_path / "store": the seed, built once a session and copied
    data = tmp_path / "signals.ttl"
    data.write_text(IDENTITY_SIGNALS)
    assert run_cli("import", str(data), store=store).returncode == 0
    before = _quads(store)
    result = run_cli("link", store=store)
    assert result.returncode == 0, result.stderr
    links = _links(store)
    accepted = {frozenset((l["first"], l["second"])): l for l in links if l["status"] == "accepted"}
    # NIF's DBpedia resource is the seed's Japan: the verified table gives Q17 the title Japan.
    japan = accepted[frozenset(("http://dbpedia.org/resource/Japan", NGID + "japan"))]
    assert japan["method"] == "identifier" and japan["for"] == ["both are enwiki:Japan"]
    # A Wikipedia page and its DBpedia resource are one identifier, http or https schema.org.
    assert accepted[frozenset(("https://example.org/yonhap", "https://example.org/yna"))]["method"] == "identifier"
    # Bylines and lemmas never join, nor are they proposed.
    touched = {iri for l in links for iri in (l["first"], l["second"])}
    assert not touched & {"https://example.org/byline1", "https://example.org/byline2",
                          "https://example.org/ev1", "https://example.org/ev2"}
    # The link set lives in its own graph: what the sources brought is unchanged.
    after = _quads(store)
    assert {line for line in before.splitlines() if "/graph/links>" not in line} == \
        {line for line in after.splitlines() if "/graph/links>" not in line}


def test_an_event_announced_in_one_report_and_reported_done_in_another_is_one_linked_event(tmp_path, linked_reports):
    """Two short reports written for this test (tests/fixtures/events/): a meeting announced for
    June 12, and reported the day after as held "on Thursday". `link` matches them on their facts
    (kind, participants, date, place) through a reviewable link; each keeps its status and source."""
    store = tmp_path / "store"
    linked_reports(store, MEETING_REPORTS)
    (link,) = [l for l in _links(store) if l["method"] == "event"]
    assert link["status"] == "accepted" and link["score"] == 1.0
    assert {"same kind (Meeting)", "shared participants: emmanuel-macron, friedrich-merz", "dates agree: 2025-06-12 and 2025-06-12",
            "same place: paris"} <= set(link["for"])
    assert any("took place in agency-2025-06-13" in reason and "scheduled in wire-2025-06-09" in reason for reason in link["for"])
    reports = _csv(run_cli("query", "event-reports", "-F", "csv", store=store))
    assert sorted((r["status"], r["date"], r["published"]) for r in reports) == [
        ("event scheduled", "2025-06-12", "2025-06-09"), ("event took place", "2025-06-12", "2025-06-13")]
    # A reviewer who disagrees undoes it, and the decision survives another run of link.
    assert run_cli("links", "--reject", link["id"], store=store).returncode == 0
    assert run_cli("link", store=store).returncode == 0
    (again,) = [l for l in _links(store) if l["id"] == link["id"]]
    assert again["status"] == "rejected"
    assert _csv(run_cli("query", "event-reports", "-F", "csv", store=store)) == []


def test_a_participant_named_only_by_the_later_report_takes_part_in_the_linked_event(tmp_path, linked_reports):
    """A round of talks announced between two ministers (tests/fixtures/events/round-announced-*),
    and the report days later that it took place, which adds "X also attended the talks" and says
    that a third minister "did not attend". After `link`, the event has three participants, each
    traceable to the report that names it; both statuses stay, each with its report."""
    store = tmp_path / "store"
    linked_reports(store, ROUND_REPORTS)
    (link,) = [l for l in _links(store) if l["method"] == "event"]
    assert link["status"] == "accepted" and "same round (2)" in link["for"]
    reports = _csv(run_cli("query", "event-reports", "-F", "csv", store=store))
    assert sorted((r["status"], r["date"], r["published"]) for r in reports) == [
        ("event scheduled", "2025-03-06", "2025-03-03"), ("event took place", "2025-03-06", "2025-03-08")]
    (event,) = {r["label"] for r in reports}
    rows = _csv(run_cli("query", "participants", "-p", f"event={event}", "-F", "csv", store=store))
    named = {(r["participant"], r["published"]) for r in rows}
    assert named == {("Ana Duarte", "2025-03-03"), ("Ana Duarte", "2025-03-08"), ("Paul Leclerc", "2025-03-03"),
                     ("Paul Leclerc", "2025-03-08"), ("Marie Tremblay", "2025-03-08")}
    (tremblay,) = [r for r in rows if r["participant"] == "Marie Tremblay"]
    assert tremblay["article"].endswith("agency-2025-03-08-round-held-2025-03-08") and tremblay["sentence"] == "2"
    assert tremblay["source"] == "Canadian official (unnamed)" and tremblay["certainty"] == "certain"
    assert not [r for r in rows if "Costa" in r["participant"]]  # "did not attend the talks"
    # The participation is grounded in its own sentence, and the checks stay clean.
    assert run_cli("validate", store=store).returncode == 0
    report = run_cli("report", store=store)
    assert report.returncode == 0 and "0 errors, 0 warnings" in report.stdout


def test_reports_that_name_one_event_by_compatible_kinds_are_matched_and_others_never(tmp_path, seed_copy):
    """Seven short reports written for this test (tests/fixtures/events/kinds-*): a meeting
    announced for Friday in Washington and reported from Tokyo as a summit held on Saturday (one
    day later, another time zone) is one event; negotiations announced for "mid-June" and a first
    round of talks held on 16 June are a candidate only (the ontology declares the two kinds
    disjoint). Never linked: the same leaders meeting a week later, two other ministers meeting in
    Washington that Friday, the first round and the second."""
    store = seed_copy  # tmp_path / "store": the seed, built once a session and copied
    fixtures = REPO / "tests" / "fixtures" / "events"
    for path in sorted(fixtures.glob("kinds-*.txt")):
        result = run_cli("ingest", str(path), "--published", path.stem[-10:], "--source", "Wire", store=store)
        assert result.returncode == 0, result.stderr
    assert run_cli("link", store=store).returncode == 0
    def kind_and_day(name):  # "summit: ..., as Wire reports it on 2025-09-14 (sentence 1)": the kind and the day
        return name.split(":")[0] + " " + name.split(" reports it on ")[1][:10]
    found = {tuple(sorted(kind_and_day(name) for name in l["names"])): l for l in _links(store) if l["method"] == "event"}
    summit = found.pop(("meeting 2025-09-08", "summit 2025-09-14"))
    assert summit["status"] == "accepted"
    assert {"compatible kinds: Meeting and Summit", "shared participants: claire-whitlock, kenji-aoyama",
            "dates agree: 2025-09-12 and 2025-09-13", "same place: washington-dc"} <= set(summit["for"])
    assert "different kinds: Meeting and Summit" in summit["against"]
    first = found.pop(("negotiations 2025-06-02", "round of talks 1 2025-06-17"))
    assert first["status"] == "candidate"
    assert {"compatible kinds: Negotiation and NegotiationRound", "dates agree: 2025-06-11..2025-06-20 and 2025-06-16"} <= set(first["for"])
    assert any("declares Negotiation and NegotiationRound disjoint" in reason for reason in first["against"])
    # Accepting it would put owl:sameAs between disjoint classes: refused in one line, nothing changed.
    refused = run_cli("links", "--accept", first["id"], store=store)
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1, refused.stderr
    assert (f"link {first['id']}: the ontology declares Negotiation and NegotiationRound disjoint; accepting it would make "
            "the store inconsistent") in refused.stderr
    assert {l["id"]: l["status"] for l in _links(store)}[first["id"]] == "candidate"
    # The second round is also a round of the negotiations announced for mid-June: a candidate too.
    assert found.pop(("negotiations 2025-06-02", "round of talks 2 2025-06-18"))["status"] == "candidate"
    assert found == {}  # no week-later meeting, no other ministers, no first round = second round
    report = run_cli("report", store=store)
    assert report.returncode == 0 and "0 errors" in report.stdout
