"""Importing news graphs and pages that others published (../shared/news-graphs: NewsReader TriG,
NIF corpora, schema.org news pages; see its SOURCES.md), read from where they lie, never copied."""

from __future__ import annotations

import os

import pyoxigraph as ox
import pytest
from conftest import REPO, run_cli

NEWS_GRAPHS = REPO.parent / "shared" / "news-graphs"
INSTANCES = "http://www.newsreader-project.eu/instances"
PROVENANCE = "http://www.newsreader-project.eu/provenance"


@pytest.fixture(scope="module")
def news_graphs():
    if not NEWS_GRAPHS.is_dir():
        if os.environ.get("NEWSGRAPH_REQUIRE_NEWS_GRAPHS"):
            pytest.fail(f"NEWSGRAPH_REQUIRE_NEWS_GRAPHS is set but {NEWS_GRAPHS} is missing")
        pytest.skip(f"the shared news graphs are not at {NEWS_GRAPHS}")
    return NEWS_GRAPHS


def _newsreader(news_graphs) -> list[str]:
    return sorted(str(path) for path in (news_graphs / "newsreader").glob("*.trig"))


def _graph_triples(store, graph: str) -> set:
    from newsgraph.graph.store import GraphStore

    with GraphStore(store, read_only=True) as opened:
        return {ox.Triple(q.subject, q.predicate, q.object) for q in opened.quads(graph)}


def repaired(term):
    if type(term) is ox.NamedNode and term.value.count("#") > 1:
        head, _, fragment = term.value.partition("#")
        return ox.NamedNode(head + "#" + fragment.replace("#", "%23"))
    return term


def _union_of_files(files: list[str], graph: str) -> set:
    """What the files say in `graph`, read by pyoxigraph on its own, with the IRIs --lenient repairs
    (a second '#' as %23) repaired the same way."""
    found = set()
    for path in files:
        for quad in ox.parse(path=path, format=ox.RdfFormat.TRIG, lenient=True):
            if type(quad.graph_name) is ox.NamedNode and quad.graph_name.value == graph:
                found.add(ox.Triple(repaired(quad.subject), repaired(quad.predicate), repaired(quad.object)))
    return found


def test_newsreader_files_share_their_graphs_and_nothing_is_lost(news_graphs, tmp_path, seed_copy):
    files = _newsreader(news_graphs)
    store = seed_copy  # tmp_path / "store": the seed, built once a session and copied
    strict = run_cli("import", *files, store=store)
    assert strict.returncode == 2
    rejected = [line for line in strict.stderr.splitlines() if line.startswith("Error: ")]
    assert rejected and all("Invalid IRI code point '#'" in line for line in rejected)
    assert len(rejected) < len(files)  # the files without a second '#' are imported all the same
    lenient = run_cli("import", "--lenient", *files, store=store)
    assert lenient.returncode == 0, lenient.stderr
    assert "a second '#' in an IRI written as %23" in lenient.stderr
    instances, provenance = _union_of_files(files, INSTANCES), _union_of_files(files, PROVENANCE)
    assert len(instances) > 10_000
    assert _graph_triples(store, INSTANCES) == instances
    assert _graph_triples(store, PROVENANCE) == provenance
    # One file again: it replaces only what it brought; every other file's part stays.
    chosen = max(files, key=os.path.getsize)
    before = run_cli("export", "-F", "nquads", store=store).stdout
    again = run_cli("import", "--lenient", chosen, store=store)
    assert again.returncode == 0, again.stderr
    assert _graph_triples(store, INSTANCES) == instances
    after = run_cli("export", "-F", "nquads", store=store).stdout
    ignore = "https://w3id.org/newsgraph/graph/sources"  # the record of the import's time changes
    assert {line for line in before.splitlines() if ignore not in line} == {line for line in after.splitlines() if ignore not in line}
    # A file that no longer brings what it brought takes only its own part away.
    kept = next(q for q in ox.parse(path=chosen, format=ox.RdfFormat.TRIG, lenient=True)
                if type(q.graph_name) is ox.NamedNode and q.graph_name.value == INSTANCES and repaired(q.subject) == q.subject
                and repaired(q.object) == q.object)
    shorter = tmp_path / chosen.rsplit("/", 1)[-1]  # the same name: the same source
    shorter.write_bytes(ox.serialize([kept], format=ox.RdfFormat.TRIG))
    assert run_cli("import", "--lenient", str(shorter), store=store).returncode == 0
    others = _union_of_files([f for f in files if f != chosen], INSTANCES)
    assert _graph_triples(store, INSTANCES) == others | {ox.Triple(kept.subject, kept.predicate, kept.object)}


def test_newsreader_files_one_by_one_give_the_same_graphs(news_graphs, tmp_path):
    files = _newsreader(news_graphs)[:6]
    store = tmp_path / "store"
    for path in files:
        assert run_cli("import", "--lenient", path, store=store).returncode == 0
    assert _graph_triples(store, INSTANCES) == _union_of_files(files, INSTANCES)


def test_every_page_imports_without_a_traceback(news_graphs, tmp_path):
    store = tmp_path / "store"
    pages = sorted((news_graphs / "pages").glob("*.html"))
    assert len(pages) >= 40
    # One command for all of them: a batch imports each file on its own, all or nothing, and
    # reports each (one process per page took 40 start-ups for the same result).
    result = run_cli("import", *map(str, pages), store=store)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    imported = [line for line in result.stderr.splitlines() if line.startswith("imported ")]
    assert [line.split(":", 1)[0] for line in imported] == [f"imported {page}" for page in pages], result.stderr
    rows = run_cli("query", "-F", "tsv", "-q", """
        SELECT ?article ?date WHERE { GRAPH ?g { ?article a schema:NewsArticle . OPTIONAL { ?article schema:datePublished ?date } }
          FILTER(STRSTARTS(STR(?g), "https://w3id.org/newsgraph/graph/source/")) }""", store=store).stdout.splitlines()[1:]
    dates = [row.split("\t")[1] for row in rows if "\t" in row and row.split("\t")[1]]
    assert len(dates) >= 40
    assert all(date.endswith("^^<http://www.w3.org/2001/XMLSchema#date>") and len(date.split('"')[1]) == 10 for date in dates)
    # A string-valued author is a person with a name; the page's language tags the names.
    authors = run_cli("query", "-F", "csv", "-q", """
        SELECT DISTINCT ?name WHERE { ?article schema:author ?person . ?person a foaf:Person ; rdfs:label ?name
          FILTER(STRSTARTS(STR(?person), "https://w3id.org/newsgraph/id/page-entity/")) }""", store=store).stdout
    assert len(authors.splitlines()) > 3
    languages = run_cli("query", "-F", "csv", "-q", """
        SELECT DISTINCT (LANG(?label) AS ?lang) WHERE { ?article a schema:NewsArticle ; rdfs:label ?label }""",
                        store=store).stdout.split()
    assert {"ja", "lv", "my", "de"} <= set(languages)
    # HTML entities are decoded, and the page's facts come from its published address.
    assert "&#039;" not in run_cli("export", "-F", "nquads", store=store).stdout
    sources = run_cli("query", "-F", "csv", "-q", """
        SELECT DISTINCT ?page WHERE { ?statement a rdf:Statement ; prov:wasDerivedFrom ?page
          FILTER(STRSTARTS(STR(?page), "file:")) }""", store=store).stdout.splitlines()[1:]
    assert len(sources) <= 3, sources  # only pages that name no address of their own


def test_nif_corpora_import(news_graphs, tmp_path):
    store = tmp_path / "store"
    for corpus in ("RSS-500.ttl", "News-100.ttl"):
        result = run_cli("import", str(news_graphs / "nif" / corpus), store=store)
        assert result.returncode == 0, result.stderr
    contexts = run_cli("query", "-F", "csv", "-q", "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a nif:Context }",
                       store=store).stdout.splitlines()[1]
    nif_context = ox.NamedNode("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Context")
    expected = {q.subject for corpus in ("RSS-500.ttl", "News-100.ttl")
                for q in ox.parse(path=news_graphs / "nif" / corpus, format=ox.RdfFormat.TURTLE) if q.object == nif_context}
    assert int(contexts) == len(expected) > 500


def test_another_stores_export_never_replaces_our_graphs(tmp_path):
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    for store in (ours, theirs):
        assert run_cli("build", store=store).returncode == 0
    assert run_cli("update", "-q", "INSERT DATA { GRAPH <https://w3id.org/newsgraph/graph/links> { ng:x ng:y ng:z } }",
                   store=ours).returncode == 0
    export = tmp_path / "theirs.trig"
    assert run_cli("export", "-o", str(export), store=theirs).returncode == 0
    result = run_cli("import", str(export), store=ours)
    assert result.returncode == 0, result.stderr
    links = _graph_triples(ours, "https://w3id.org/newsgraph/graph/links")
    assert ox.Triple(ox.NamedNode("https://w3id.org/newsgraph/ontology#x"), ox.NamedNode("https://w3id.org/newsgraph/ontology#y"),
                     ox.NamedNode("https://w3id.org/newsgraph/ontology#z")) in links
    renamed = _graph_triples(ours, "https://w3id.org/newsgraph/graph/source/theirs-trig/ontology")
    assert len(renamed) > 900


def test_schema_org_over_http_reads_as_https(tmp_path):
    data = tmp_path / "article.ttl"
    data.write_text('@prefix s: <http://schema.org/> .\n<https://example.org/a> a s:NewsArticle ; s:headline "H" .\n')
    store = tmp_path / "store"
    result = run_cli("import", str(data), store=store)
    assert result.returncode == 0 and "written as https://schema.org/" in result.stderr
    found = run_cli("query", "-F", "csv", "-q", "SELECT ?h WHERE { ?a a schema:NewsArticle ; schema:headline ?h }", store=store)
    assert found.stdout.splitlines() == ["h", "H"]


NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
ITS_IDENT = "http://www.w3.org/2005/11/its/rdf#taIdentRef"


def test_nif_documents_mention_what_their_phrases_identify(news_graphs, tmp_path):
    """ontology/alignment.ttl's property chain, derived on import into SOURCE/aligned: a NIF
    context mentions (schema:mentions) every entity a phrase in it identifies, and is a creative
    work. Checked against the files read by pyoxigraph on its own."""
    store = tmp_path / "store"
    corpus = news_graphs / "nif" / "News-100.ttl"
    assert run_cli("import", str(corpus), store=store).returncode == 0
    quads = list(ox.parse(path=corpus, format=ox.RdfFormat.TURTLE))
    context = {q.subject: q.object for q in quads if q.predicate.value == NIF + "referenceContext"}
    expected = {(context[q.subject], q.object) for q in quads if q.predicate.value == ITS_IDENT and q.subject in context}
    found = run_cli("query", "-F", "tsv", "-q", "SELECT ?doc ?entity WHERE { ?doc schema:mentions ?entity }", store=store)
    rows = {tuple(line.split("\t")) for line in found.stdout.splitlines()[1:]}
    assert rows == {(str(doc), str(entity)) for doc, entity in expected}
    assert len(rows) > 500
    works = run_cli("query", "-F", "csv", "-q", "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a schema:CreativeWork }", store=store)
    assert int(works.stdout.split()[1]) == len({q.subject for q in quads if q.object == ox.NamedNode(NIF + "Context")})
    # What the source brought is unchanged: the derived triples are in a graph of their own.
    # (pyoxigraph stores xsd:nonNegativeInteger as xsd:integer, with the same value; docs/decisions.md.)
    source = _graph_triples(store, "https://w3id.org/newsgraph/graph/source/news-100-ttl")
    assert source == {ox.Triple(q.subject, q.predicate, _as_stored(q.object)) for q in quads}


def _as_stored(term):
    if type(term) is ox.Literal and term.datatype.value == "http://www.w3.org/2001/XMLSchema#nonNegativeInteger":
        return ox.Literal(term.value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return term


def test_newsreader_names_dates_and_mentions_are_read_in_our_terms(news_graphs, tmp_path):
    files = _newsreader(news_graphs)[:5]
    store = tmp_path / "store"
    assert run_cli("import", "--lenient", *files, store=store).returncode == 0
    quads = [q for path in files for q in ox.parse(path=path, format=ox.RdfFormat.TRIG, lenient=True)]
    # Names: skos:prefLabel is a label.
    pref = {(repaired(q.subject), q.object) for q in quads if q.predicate.value == "http://www.w3.org/2004/02/skos/core#prefLabel"}
    labels = run_cli("query", "-F", "tsv", "-q", "SELECT ?e ?l WHERE { ?e skos:prefLabel ?p ; rdfs:label ?l FILTER(?l = ?p) }",
                     store=store).stdout.splitlines()[1:]
    assert len(labels) == len(pref) > 100
    # Dates: the 2006 OWL-Time date-time descriptions give each instant its xsd:date.
    old = "http://www.w3.org/TR/owl-time#"
    parts = {(q.subject, q.predicate.value[len(old):]): q.object.value for q in quads if q.predicate.value.startswith(old)}
    expected = set()
    for q in quads:
        if q.predicate.value == old + "inDateTime":
            year, month, day = (parts.get((q.object, part)) for part in ("year", "month", "day"))
            if year and month and day:
                expected.add((str(repaired(q.subject)), f'"{year}-{month[2:]}-{day[3:]}"^^<http://www.w3.org/2001/XMLSchema#date>'))
    found = run_cli("query", "-F", "tsv", "-q", "SELECT ?t ?d WHERE { ?t time:inXSDDate ?d }", store=store).stdout.splitlines()[1:]
    assert {tuple(line.split("\t")) for line in found} == expected and expected
    # Mentions: a document (the IRI before #char=) mentions what is denoted in it.
    documents = run_cli("query", "-F", "tsv", "-q", "SELECT DISTINCT ?doc WHERE { ?doc schema:mentions ?e }", store=store).stdout.split()[1:]
    assert sorted(documents) == sorted(f"<http://cltl.nl/old_bailey/sessionpaper/{os.path.basename(f).split('.')[0]}>" for f in files)


def test_an_article_from_its_page_and_from_ingest_is_one_article(news_graphs, tmp_path):
    store = tmp_path / "store"
    address = "https://www.cnn.com/2023/11/06/politics/alito-prelogar-supreme-court-analysis/index.html"
    assert run_cli("import", str(news_graphs / "pages" / "np4k__cnn_001.html"), store=store).returncode == 0
    ingest = run_cli("ingest", str(news_graphs / "text" / "cnn_001.txt"), "--source", "CNN", "--published", "2023-11-06",
                     "--url", address.replace("https://www.", "http://"), store=store)
    assert ingest.returncode == 0, ingest.stderr
    assert run_cli("link", store=store).returncode == 0
    same = run_cli("query", "-F", "tsv", "-q", """
        SELECT ?page ?ingested WHERE { ?page a schema:NewsArticle ; schema:url ?url ; owl:sameAs ?ingested .
          ?ingested schema:url ?other FILTER(?page != ?ingested && STRSTARTS(STR(?ingested), "https://w3id.org/newsgraph/id/article/")) }""",
                   store=store).stdout.splitlines()[1:]
    assert len(same) == 1 and same[0].endswith("<https://w3id.org/newsgraph/id/article/cnn-2023-11-06-cnn-001>"), same
    # The links table shows why: the evidence for (+) and against (-) each link.
    table = run_cli("links", store=store).stdout.splitlines()
    assert table[0].split()[-2:] == ["names", "evidence"]
    assert any("identifier" in line and "+ both are url:https://cnn.com/2023/11/06/politics/alito-prelogar" in line for line in table)


def test_describe_finds_a_newsreader_entity_by_its_name_and_states_each_fact_once(news_graphs, tmp_path):
    store = tmp_path / "store"
    files = _newsreader(news_graphs)[:1]
    assert run_cli("import", "--lenient", *files, store=store).returncode == 0
    described = run_cli("describe", "Harrington", store=store)
    assert described.returncode == 0, described.stderr
    lines = described.stdout.splitlines()
    assert lines[0].split() == ["Harrington", "<http://dbpedia.org/resource/Scott_Harrington>"]
    facts = [line for line in lines if line.startswith("  gaf:denotedBy")]
    expected = {q.object.value for q in ox.parse(path=files[0], format=ox.RdfFormat.TRIG, lenient=True)
                if q.subject.value == "http://dbpedia.org/resource/Scott_Harrington" and q.predicate.value.endswith("#denotedBy")}
    assert len(facts) == len(set(facts)) == len(expected) > 1

# Named queries over imported news graphs: NewsReader's documents and events, and news pages'
# articles, read in newsgraph's terms once import has aligned them (ontology/alignment.ttl).

SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
GAF_DENOTED_BY = "http://groundedannotationframework.org/gaf#denotedBy"
SEM_HAS_TIME = "http://semanticweb.cs.vu.nl/2009/11/sem/hasTime"
OLD_TIME = "http://www.w3.org/TR/owl-time#"


@pytest.fixture(scope="module")
def imported(news_graphs, tmp_path_factory):
    """A store with the seed, the NewsReader files and the news pages."""
    store = tmp_path_factory.mktemp("imported") / "store"
    assert run_cli("build", store=store).returncode == 0
    result = run_cli("import", "--lenient", *_newsreader(news_graphs), store=store)
    assert result.returncode == 0, result.stderr
    pages = run_cli("import", *sorted(str(page) for page in (news_graphs / "pages").glob("*.html")), store=store)
    assert pages.returncode == 0, pages.stderr
    return store


def _named(store, *args) -> list[dict]:
    """A named query's rows as {variable: lexical value}, from its SPARQL JSON results."""
    import json

    result = run_cli("query", *args, "-F", "json", store=store)
    assert result.returncode == 0, result.stderr
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(result.stdout)["results"]["bindings"]]


def _first_day(date: str) -> str:
    """The first day of a date, a month or a year, as ISO text that sorts as the dates do."""
    return date if len(date) == 10 else date + "-01" if len(date) == 7 else date + "-01-01"


def test_articles_mentioning_finds_newsreader_documents(imported, news_graphs):
    files = _newsreader(news_graphs)
    quads = [q for path in files for q in ox.parse(path=path, format=ox.RdfFormat.TRIG, lenient=True)]
    named = {repaired(q.subject) for q in quads if q.predicate.value == SKOS_PREF and q.object.value.lower() == "harrington"}
    expected = {repaired(q.object).value.split("#char=")[0] for q in quads
                if q.predicate.value == GAF_DENOTED_BY and repaired(q.subject) in named}
    assert expected  # the document of the trial of Harrington
    rows = _named(imported, "articles-mentioning", "-p", "name=Harrington")
    found = {row["article"] for row in rows}
    assert expected <= found
    assert all(article.startswith("http://cltl.nl/old_bailey/sessionpaper/") for article in found)
    assert {row["spelling"] for row in rows} == {"Harrington"}


def test_timeline_lists_newsreader_events_with_their_dates_in_order(imported, news_graphs):
    files = _newsreader(news_graphs)
    quads = [q for path in files for q in ox.parse(path=path, format=ox.RdfFormat.TRIG, lenient=True)]
    label = {}
    for q in quads:
        if q.predicate.value == SKOS_PREF:
            label.setdefault(repaired(q.subject), set()).add(q.object.value)
    parts = {(q.subject, q.predicate.value[len(OLD_TIME):]): q.object.value for q in quads if q.predicate.value.startswith(OLD_TIME)}
    description = {repaired(q.subject): q.object for q in quads if q.predicate.value == OLD_TIME + "inDateTime"}
    expected = set()  # (label, date) of every event with a time that has at least a year
    for q in quads:
        if q.predicate.value == SEM_HAS_TIME and repaired(q.object) in description:
            year, month, day = (parts.get((description[repaired(q.object)], part)) for part in ("year", "month", "day"))
            date = year if not month else f"{year}-{month[2:]}" if not day else f"{year}-{month[2:]}-{day[3:]}"
            if year:
                expected |= {(name, date) for name in label.get(repaired(q.subject), ())}
    rows = _named(imported, "timeline")
    newsreader = [row for row in rows if row.get("source", "").startswith("http://cltl.nl/old_bailey/sessionpaper/")]
    assert len(newsreader) > 100
    assert {(row["what"], row["date"]) for row in newsreader} <= expected
    assert len({(row["what"], row["date"]) for row in newsreader}) > len(expected) / 2
    days = [_first_day(row["date"]) for row in rows]
    assert days == sorted(days)
    # The seed's entries are still there, as they were.
    assert [(r["date"], r["what"]) for r in rows if r["what"] == "fourth round of the Japan–U.S. tariff negotiations"] == [
        ("2025-05-30", "fourth round of the Japan–U.S. tariff negotiations")]


def test_timeline_lists_the_pages_articles_by_date(imported):
    published = run_cli("query", "-F", "tsv", "-q", """
        SELECT ?headline ?date WHERE { GRAPH ?g { ?article a schema:NewsArticle ; schema:headline ?headline ;
          schema:datePublished ?date } FILTER(STRSTARTS(STR(?g), "https://w3id.org/newsgraph/graph/source/np4k")) }""",
                        store=imported).stdout.splitlines()[1:]
    expected = set()
    for line in published:
        headline, date = (ox.parse(f"<urn:x:s> <urn:x:p> {cell} .", format=ox.RdfFormat.N_TRIPLES).__next__().object
                          for cell in line.split("\t"))
        if date.datatype.value.endswith("#date"):
            expected.add((headline.value, date.value))
    assert len(expected) >= 10
    rows = _named(imported, "timeline")
    articles = {(row["what"], row["date"]) for row in rows if row.get("kind") == "article"}
    assert expected <= articles
    with_publisher = [row for row in rows if row.get("kind") == "article" and not row["source"].startswith("https://w3id.org/")]
    assert len(with_publisher) >= 10  # the publisher's name where the page gives one, else the source graph


def test_articles_mentioning_finds_nif_documents_once_dbpedia_is_linked(news_graphs, tmp_path, seed_copy):
    """The issue's example: NIF news documents that link to DBpedia's United States are articles
    that mention the seed's United States once `link` joins the two (through the verified
    Wikidata table: the same identifier)."""
    store = seed_copy  # tmp_path / "store": the seed, built once a session and copied
    corpus = news_graphs / "nif" / "RSS-500.ttl"
    assert run_cli("import", str(corpus), store=store).returncode == 0
    assert run_cli("link", store=store).returncode == 0
    quads = list(ox.parse(path=corpus, format=ox.RdfFormat.TURTLE))
    context = {q.subject: q.object for q in quads if q.predicate.value == NIF + "referenceContext"}
    expected = {context[q.subject].value for q in quads if q.predicate.value == ITS_IDENT
                and q.object.value == "http://dbpedia.org/resource/United_States" and q.subject in context}
    rows = run_cli("query", "articles-mentioning", "-p", "name=United States", "-F", "tsv", store=store).stdout.splitlines()[1:]
    articles = {row.split("\t")[1].strip("<>") for row in rows}
    assert expected and expected <= articles
    assert "https://w3id.org/newsgraph/id/article/chosunbiz-2025-05-28" in articles
