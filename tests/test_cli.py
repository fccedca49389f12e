"""The installed `newsgraph` command, end to end in subprocesses against a temporary store."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest
from conftest import run_cli


def _one_line_error(result, exit_code: int = 2) -> str:
    assert result.returncode == exit_code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


def test_build_prints_three_headline_answers(tmp_path):
    result = run_cli("build", store=tmp_path / "store")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Who negotiates with whom, when and where?" in out
    assert "Ryosei Akazawa with Scott Bessent: fourth round of the Japan–U.S. tariff negotiations, 2025-05-30, Washington, D.C." in out
    assert "at most 1 trillion JPY" in out
    assert "24% U.S. tariff notified to Japan: 24% = 10% applied to all countries + 14% additional" in out
    assert "triples in 5 graphs" in result.stderr


def test_named_query_as_csv(cli_store):
    result = run_cli("query", "tariffs", "-p", "country=Japan", "--format", "csv", store=cli_store)
    assert result.returncode == 0, result.stderr
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {(r["tariff"], r["ratePercent"]) for r in table} == {
        ("24% U.S. tariff notified to Japan", "24"), ("additional 14% U.S. tariff on Japan", "14"),
        ("uniform 10% U.S. tariff", "10"), ("U.S. tariff on automobiles from Japan", "")}


def test_named_query_as_json_and_table(cli_store):
    result = run_cli("query", "posts", "--format", "json", store=cli_store)
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert {b["person"]["value"] for b in bindings} == {"Ryosei Akazawa", "Scott Bessent"}
    table = run_cli("query", "posts", "--format", "table", store=cli_store).stdout
    assert table.splitlines()[0].split() == ["person", "post", "organisation", "articleSpellings"]
    assert "(3 rows)" in table


def test_tsv_is_the_w3c_format_in_a_pipe(cli_store):
    result = run_cli("query", "export-shares", "-p", "goods=automobiles", store=cli_store)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("?goods\t?partGoods\t?exporter")
    assert '"automobiles"@en\t"Japan"@en\t"United States"@en\t"30"^^<http://www.w3.org/2001/XMLSchema#decimal>' in lines[1]


def test_query_file_and_stdin(cli_store, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?name WHERE { ngid:scott-bessent rdfs:label ?name }")
    from_file = run_cli("query", "--file", str(query), "--format", "csv", store=cli_store)
    assert from_file.stdout.splitlines() == ["name", "Scott Bessent"]
    from_stdin = run_cli("query", "--file", "-", "--format", "csv", store=cli_store,
                         stdin="SELECT ?name WHERE { ngid:ryosei-akazawa rdfs:label ?name }")
    assert from_stdin.stdout.splitlines() == ["name", "Ryosei Akazawa"]


def test_ask_sets_the_exit_status(cli_store):
    yes = run_cli("query", "--sparql", "ASK { ngid:ryosei-akazawa ng:negotiatesWith ngid:scott-bessent }", store=cli_store)
    assert (yes.returncode, yes.stdout.strip()) == (0, "true")
    no = run_cli("query", "--sparql", "ASK { ngid:scott-bessent ng:negotiatesWith ngid:nvidia }", store=cli_store)
    assert (no.returncode, no.stdout.strip()) == (1, "false")


def test_construct_as_turtle_and_ntriples(cli_store):
    query = "CONSTRUCT { ?p foaf:name ?n } WHERE { ?p a foaf:Person ; foaf:name ?n }"
    turtle = run_cli("query", "--sparql", query, store=cli_store)
    assert turtle.returncode == 0
    assert 'ngid:scott-bessent foaf:name "Scott Bessent"' in turtle.stdout
    ntriples = run_cli("query", "--sparql", query, "--format", "nt", store=cli_store)
    assert '<https://w3id.org/newsgraph/id/ryosei-akazawa> <http://xmlns.com/foaf/0.1/name> "Ryosei Akazawa" .' in ntriples.stdout


def test_parameters_are_bound_not_pasted(cli_store):
    # A value that would break out of the query if pasted is just a string that matches nothing.
    hostile = 'Japan")) } SELECT * WHERE { ?s ?p ?o } #'
    result = run_cli("query", "tariffs", "-p", f"country={hostile}", "--format", "csv", store=cli_store)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["country,appliesTo,tariff,ratePercent,imposedBy,goods,allCountries"]


def test_queries_lists_names_descriptions_and_parameters():
    result = run_cli("queries")
    assert result.returncode == 0
    assert "tariffs  [country=string]" in result.stdout
    assert "-p country=<string> (optional)" in result.stdout
    listed = json.loads(run_cli("queries", "--json").stdout)
    assert len(listed) >= 15 and {q["name"] for q in listed} >= {"negotiations", "timeline", "evidence"}


def test_export_to_file_is_written_and_parses(cli_store, tmp_path):
    import rdflib

    target = tmp_path / "seed.ttl"
    result = run_cli("export", "-o", str(target), store=cli_store)
    assert result.returncode == 0, result.stderr
    graph = rdflib.Graph().parse(target, format="turtle")
    assert (rdflib.URIRef("https://w3id.org/newsgraph/id/scott-bessent"), rdflib.RDFS.label,
            rdflib.Literal("Scott Bessent", lang="en")) in graph
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    again = tmp_path / "again.ttl"
    run_cli("export", "--format", "text/turtle", "-o", str(again), store=cli_store)
    assert again.read_bytes() == target.read_bytes()


def test_stats_and_describe(cli_store):
    stats = json.loads(run_cli("stats", "--json", store=cli_store).stdout)
    assert stats["graphs"]["https://w3id.org/newsgraph/graph/article/chosunbiz-2025-05-28"] > 300
    assert stats["classes"]["http://xmlns.com/foaf/0.1/Person"] == 2
    described = run_cli("describe", "Scott Vessen", store=cli_store)
    assert described.returncode == 0, described.stderr
    assert described.stdout.startswith("Scott Bessent  <https://w3id.org/newsgraph/id/scott-bessent>")
    assert '"U.S. Treasury Secretary Scott Vessen" [1901:1937]' in described.stdout
    assert "verified by https://japannews.yomiuri.co.jp/" in described.stdout
    as_json = json.loads(run_cli("describe", "ngid:nvidia", "--json", store=cli_store).stdout)
    assert as_json["label"] == "NVIDIA"


def test_version_lists_libraries():
    result = run_cli("--version")
    assert result.returncode == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == ["newsgraph", "python", "pyoxigraph", "rdflib", "owlready2", "typer"]


def test_python_dash_m_works(cli_store):
    result = subprocess.run([sys.executable, "-m", "newsgraph", "query", "--sparql", "ASK { ?x a foaf:Person }"],
                            capture_output=True, text=True, env={"NEWSGRAPH_STORE": str(cli_store), "PATH": ""})
    assert (result.returncode, result.stdout.strip()) == (0, "true")


@pytest.mark.parametrize("args, expected", [
    (["query", "--sparql", "SELECT * WHERE {\n  ?s ?p \n}"],
     "Error: --sparql:3:1: SPARQL syntax error: unexpected '}'; expected a variable, an IRI or a literal"),
    (["query", "no-such-query"], "Error: unknown query 'no-such-query'"),
    (["query", "../queries/tariffs"], "Error: unknown query '../queries/tariffs'"),  # a name is never a path
    (["query", "tariffs", "-p", "country"], "Error: bad parameter 'country'"),
    (["query", "tariffs", "-p", "colour=red"], "Error: query 'tariffs' has no parameter 'colour'"),
    (["query", "evidence"], "Error: query 'evidence' needs parameter 'entity'"),
    (["query", "evidence", "-p", "entity=x", "-p", "property=not an iri"], "Error: parameter property='not an iri': not an IRI"),
    (["query", "--file", "/no/such/file.rq"], "Error: /no/such/file.rq: no such query file"),
    (["query", "tariffs", "--format", "yaml"], "Error: unknown output format 'yaml'"),
    (["query", "--timeout", "0", "tariffs"], "Error: --timeout must be a positive number"),
    (["query"], "Error: give exactly one of"),
    (["export", "--format", "docx"], "Error: unknown RDF format 'docx'"),
    (["describe", "Nobody Atall"], "Error: no entity with IRI, label or alternative label 'Nobody Atall'"),
    (["frobnicate"], "Error: No such command"),
])
def test_bad_input_is_one_line_and_exit_code_2(cli_store, args, expected):
    line = _one_line_error(run_cli(*args, store=cli_store))
    assert line.startswith(expected), line


def test_syntax_error_in_a_query_file_names_the_file(cli_store, tmp_path):
    query = tmp_path / "broken.rq"
    query.write_text("PREFIX x: <http://x/>\nSELECT ?a WHERE { ?a ?b ?c . FOO }\nLIMIT 1\n")
    line = _one_line_error(run_cli("query", "--file", str(query), store=cli_store))
    # The position is the word that is wrong, not where pyoxigraph's parser gave up (3:3, LIMIT).
    assert line == (f"Error: {query}:2:30: SPARQL syntax error: unexpected 'FOO'; expected '}}', "
                    "another pattern (FILTER, OPTIONAL, …), a variable, an IRI or a literal")


def test_query_on_an_empty_store_says_to_build(tmp_path):
    line = _one_line_error(run_cli("query", "tariffs", store=tmp_path / "empty"))
    assert "is empty; run `newsgraph build` first" in line


def test_a_reader_given_a_file_as_its_store_says_so(tmp_path):
    not_a_folder = tmp_path / "store.trig"
    not_a_folder.write_text("")
    for command in (["query", "tariffs"], ["stats"]):
        line = _one_line_error(run_cli(*command, store=not_a_folder))
        assert line == f"Error: {not_a_folder}: the store path exists and is not a folder"


def test_runaway_query_is_stopped_by_the_timeout(cli_store):
    result = run_cli("query", "--timeout", "1", "--sparql",
                     "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", store=cli_store)
    line = _one_line_error(result, exit_code=3)
    assert line == "Error: query timed out after 1 s and was stopped"
    after = run_cli("query", "--sparql", "ASK { ?x a foaf:Person }", store=cli_store)
    assert after.returncode == 0, "the store is usable after a stopped query"


def test_update_writes_all_or_nothing_and_stops_at_its_timeout(tmp_path):
    store = tmp_path / "store"
    assert run_cli("build", store=store).returncode == 0
    ask = "ASK { GRAPH <urn:test:notes> { ng:offer-1 rdfs:comment ?note } }"
    # Our prefixes are predeclared, as in queries.
    inserted = run_cli("update", "-q", "INSERT DATA { GRAPH <urn:test:notes> { ng:offer-1 rdfs:comment 'checked' } }", store=store)
    assert inserted.returncode == 0 and inserted.stderr.startswith("updated the store: ")
    before, after = (int(n) for n in re.findall(r"\d+", inserted.stderr))
    assert after == before + 1
    assert run_cli("query", "-q", ask, store=store).returncode == 0
    # The second operation fails (the graph exists), so the first is not kept either.
    failed = run_cli("update", "-q", "INSERT DATA { GRAPH <urn:test:other> { ng:a ng:b ng:c } } ; CREATE GRAPH <urn:test:notes>",
                     store=store)
    line = _one_line_error(failed)
    assert line.startswith("Error: --sparql: the update failed and changed nothing: ")
    assert run_cli("query", "-q", "ASK { GRAPH <urn:test:other> { ?s ?p ?o } }", store=store).returncode == 1
    runaway = run_cli("update", "--timeout", "1", "-q",
                      "INSERT { GRAPH <urn:test:count> { ng:count rdf:value ?n } } WHERE { SELECT (COUNT(*) AS ?n) "
                      "WHERE { GRAPH ?g { ?a ?b ?c } GRAPH ?h { ?d ?e ?f } GRAPH ?i { ?x ?y ?z } } }", store=store)
    assert _one_line_error(runaway, exit_code=3) == "Error: update timed out after 1 s and was stopped"
    assert run_cli("query", "-q", "ASK { GRAPH <urn:test:count> { ?s ?p ?o } }", store=store).returncode == 1
    assert run_cli("query", "-q", ask, store=store).returncode == 0


@contextmanager
def _store_held_open(store, read_only: bool):
    """Another process that has the store open (as a writer, or as a reader), until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from newsgraph.graph.store import GraphStore\n"
         f"s = GraphStore(Path(sys.argv[1]), read_only={read_only}); print('open', flush=True); time.sleep(60)",
         str(store)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        yield holder
    finally:
        holder.kill()
        holder.wait()


def test_busy_store_is_reported_with_the_process(cli_store):
    with _store_held_open(cli_store, read_only=False) as holder:
        line = _one_line_error(run_cli("stats", store=cli_store))
        assert line == f"Error: store {cli_store} is in use by process {holder.pid}"
        # A reader waits for no writer either: what it would read may be half written.
        line = _one_line_error(run_cli("query", "tariffs", store=cli_store))
        assert line == f"Error: store {cli_store} is in use by process {holder.pid}"


def test_queries_read_side_by_side_and_a_writer_waits_for_them(cli_store):
    with _store_held_open(cli_store, read_only=True):
        both = run_cli("query", "tariffs", "-p", "country=Japan", "-F", "csv", store=cli_store)
        assert both.returncode == 0, both.stderr
        tariffs = {row["tariff"]: row["ratePercent"] for row in csv.DictReader(io.StringIO(both.stdout))}
        assert tariffs["24% U.S. tariff notified to Japan"] == "24"
        line = _one_line_error(run_cli("update", "-q", "INSERT DATA { ng:a ng:b ng:c }", store=cli_store))
        assert line.startswith(f"Error: store {cli_store} is in use by process ")
    assert run_cli("query", "-q", "ASK { ng:a ng:b ng:c }", store=cli_store).returncode == 1


def test_a_busy_store_is_waited_for_with_wait(cli_store):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from newsgraph.graph.store import GraphStore\n"
         "s = GraphStore(Path(sys.argv[1])); print('open', flush=True); time.sleep(1.5); s.close(); time.sleep(60)",
         str(cli_store)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        started = time.monotonic()
        waited = run_cli("--wait", "20", "query", "tariffs", "-p", "country=Japan", "-F", "csv", store=cli_store)
        assert waited.returncode == 0, waited.stderr
        assert "24% U.S. tariff notified to Japan" in waited.stdout and time.monotonic() - started < 20
    finally:
        holder.kill()
        holder.wait()
    with _store_held_open(cli_store, read_only=False) as other:
        by_environment = run_cli("stats", store=cli_store, env={"NEWSGRAPH_WAIT": "0.5"})
        assert _one_line_error(by_environment) == (f"Error: store {cli_store} is in use by process {other.pid} "
                                                   "(waited 0.5 s)")
    assert _one_line_error(run_cli("--wait", "-1", "stats", store=cli_store)) == \
        "Error: --wait must be a number of seconds, 0 or more"


def test_the_command_alone_prints_its_help():
    """`newsgraph` with no arguments prints the help, as git does: not an error."""
    from conftest import run_cli

    result = run_cli()
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("Usage: newsgraph [OPTIONS] COMMAND [ARGS]...")
    assert "query" in result.stdout and "import" in result.stdout


def test_a_byte_order_mark_is_read_as_jena_reads_it(tmp_path):
    """A UTF-8 file that starts with a byte order mark (as Windows editors write it) imports."""
    from conftest import run_cli

    source = tmp_path / "bom.ttl"
    source.write_bytes(b"\xef\xbb\xbf@prefix ex: <http://example.org/> .\nex:a ex:b \"\xc3\xa9t\xc3\xa9\" .\n")
    result = run_cli("import", str(source), store=tmp_path / "store")
    assert result.returncode == 0, result.stderr
    answer = run_cli("query", "-F", "csv", "--sparql", "SELECT ?o WHERE { <http://example.org/a> ?p ?o }", store=tmp_path / "store")
    assert answer.stdout.splitlines() == ["o", "été"]
