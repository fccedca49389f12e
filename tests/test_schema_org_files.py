"""`validate FILE` and `reason FILE` on files whose JSON-LD `@context` is schema.org, and on news
pages (issue 19: they said "No LoadDocumentCallback" where `import` read the file). They read
through the importer's reader: the bundled schema.org context, schema.org terms over https:// and
what import derives into SOURCE/aligned (schema:name is an rdfs:label), so a file is judged as it
will be once imported; and nothing goes to the network."""

from __future__ import annotations

import json
import os
import textwrap

import pytest
from conftest import REPO, run_cli

NEWS_GRAPHS = REPO.parent / "shared" / "news-graphs"

ARTICLE = {
    "@type": "NewsArticle", "@id": "https://news.example/2025/05/28/chips",
    "headline": "Japan offers to buy U.S. chips", "datePublished": "2025-05-28",
    "author": {"@type": "Person", "@id": "https://news.example/staff/hana-sato", "name": "Hana Sato"},
    "publisher": {"@type": "Organization", "@id": "https://news.example/", "name": "News Example"},
    "about": {"@type": "Organization", "@id": "https://www.nvidia.com/", "name": "NVIDIA"},
}

# Installed in every Python process the test starts (through PYTHONPATH): an audit hook that
# writes down and refuses every attempt to resolve a host name or open a connection.
WATCH = textwrap.dedent("""\
    import os, sys

    def _watch(event, args):
        if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"):
            with open(os.environ["NEWSGRAPH_TEST_NETWORK_LOG"], "a") as log:
                log.write(f"{event} {args!r}\\n")
            raise OSError(f"this test allows no network ({event})")

    if os.environ.get("NEWSGRAPH_TEST_NETWORK_LOG"):
        sys.addaudithook(_watch)
""")


@pytest.fixture
def offline(tmp_path):
    """Run the installed `newsgraph` with every network attempt written to a log: (run, log)."""
    watch = tmp_path / "watch"
    watch.mkdir()
    (watch / "sitecustomize.py").write_text(WATCH)
    log = tmp_path / "network.log"
    environment = {"PYTHONPATH": str(watch), "NEWSGRAPH_TEST_NETWORK_LOG": str(log)}

    def run(*args: str, store=None):
        return run_cli(*args, env=environment, store=store or tmp_path / "unused-store")
    return run, log


def test_the_watch_sees_a_fetch(offline, tmp_path):
    """The harness itself: a command that does fetch (with --allow-remote) is caught."""
    run, log = offline
    result = run("import", "--allow-remote", "http://127.0.0.1:9/data.ttl", store=tmp_path / "store")
    assert result.returncode == 2
    assert log.read_text().startswith("socket.getaddrinfo ('127.0.0.1', 9,")


@pytest.mark.parametrize("context", ["https://schema.org", "http://schema.org/", ["https://schema.org/"]])
def test_validate_and_reason_read_a_schema_org_context_offline(offline, tmp_path, context):
    run, log = offline
    article = tmp_path / "article.jsonld"
    article.write_text(json.dumps({"@context": context, **ARTICLE}))
    validated = run("validate", str(article))
    # 12 triples stated, 11 derived as import derives them (names as labels, the people's and
    # organisations' classes in the vocabularies newsgraph reads).
    assert (validated.returncode, validated.stdout, validated.stderr) == (0, "conforms: 23 triples, no violations\n", "")
    reasoned = run("reason", "--json", str(article))
    assert reasoned.returncode == 0, reasoned.stderr
    report = json.loads(reasoned.stdout)
    assert (report["consistent"], report["unsatisfiable"], report["clashes"]) == (True, [], [])
    assert "LoadDocumentCallback" not in validated.stderr + reasoned.stderr
    assert not log.exists(), log.read_text()


def test_a_nameless_person_is_reported_not_passed_over(offline, tmp_path):
    """Read with http:// schema.org terms, the file used to conform: no shape targets them."""
    run, log = offline
    person = tmp_path / "person.jsonld"
    person.write_text('{"@context": "https://schema.org", "@type": "Person", "@id": "https://news.example/staff/x"}')
    validated = run("validate", str(person))
    assert validated.returncode == 1
    assert validated.stdout == "Violation: <https://news.example/staff/x> rdfs:label: no rdfs:label [ngsh:LabelShape]\n"
    assert validated.stderr == "does not conform: 1 results\n"
    assert not log.exists(), log.read_text()


@pytest.fixture
def news_page():
    if not NEWS_GRAPHS.is_dir():
        if os.environ.get("NEWSGRAPH_REQUIRE_NEWS_GRAPHS"):
            pytest.fail(f"NEWSGRAPH_REQUIRE_NEWS_GRAPHS is set but {NEWS_GRAPHS} is missing")
        pytest.skip(f"the shared news graphs are not at {NEWS_GRAPHS}")
    return NEWS_GRAPHS / "pages" / "np4k__cnn_001.html"


def test_validate_and_reason_read_a_news_page_as_import_does(offline, news_page, tmp_path):
    """CNN's page names itself ("CNN", schema:name) and no rdfs:label: validated as a file it
    used to fail the label shape that the same page passes once imported."""
    run, log = offline
    validated = run("validate", str(news_page))
    assert (validated.returncode, validated.stdout) == (0, "conforms: 191 triples, no violations\n"), validated.stderr
    store = tmp_path / "store"
    assert run("import", str(news_page), store=store).returncode == 0
    imported = run("validate", store=store)
    assert imported.returncode == 0 and imported.stdout.startswith("conforms:")
    reasoned = run("reason", "--reasoner", "owlrl", str(news_page))
    assert reasoned.returncode == 0, reasoned.stderr
    assert reasoned.stderr.splitlines()[-1].startswith("consistent (OWL 2 RL (owlrl), ")
    assert not log.exists(), log.read_text()
