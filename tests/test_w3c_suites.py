"""The W3C RDF 1.1 syntax suites through `newsgraph import`, and the SPARQL 1.1 query and update
syntax suites through `newsgraph query` and `newsgraph update --dry-run`. The command runs in-process here (newsgraph.cli.main, the code the
installed command runs) so that hundreds of files take seconds; tests/test_cli.py runs the
installed command itself. Figures: README, "Figures"."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow

W3C = REPO / "tests" / "w3c"
PUBLIC = "https://w3c.github.io/rdf-tests/"
RDFT = "http://www.w3.org/ns/rdftest#"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
SUITES = {"rdf-turtle": "turtle", "rdf-trig": "trig", "rdf-n-triples": "ntriples", "rdf-n-quads": "nquads", "rdf-xml": "xml"}


def _entries(folder: Path, public: str):
    import rdflib

    graph = rdflib.Graph().parse(folder / "manifest.ttl", format="turtle", publicID=public + "manifest.ttl")
    mf = rdflib.Namespace(MF)
    for manifest in graph.subjects(rdflib.RDF.type, mf.Manifest):
        for entry in rdflib.collection.Collection(graph, graph.value(manifest, mf.entries)):
            kind = str(graph.value(entry, rdflib.RDF.type)).rsplit("#", 1)[-1]
            action = graph.value(entry, mf.action)
            result = graph.value(entry, mf.result)
            yield kind, str(action), (str(result) if result is not None else None)


def _rdf_tests():
    for suite, fmt in SUITES.items():
        folder = W3C / "rdf11" / suite
        public = f"{PUBLIC}rdf/rdf11/{suite}/"
        for kind, action, result in _entries(folder, public):
            local = folder / action.removeprefix(public)
            expected = folder / result.removeprefix(public) if result else None
            yield suite, fmt, kind, local, action, expected


def _cli(capsys, *args: str) -> tuple[int, str, str]:
    from newsgraph.cli import main

    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def rdf_tests():
    return list(_rdf_tests())


def test_every_negative_syntax_file_is_rejected_with_file_line_and_column(rdf_tests, tmp_path, capsys):
    store = tmp_path / "store"
    code, _, err = _cli(capsys, "--store", str(store), "import", str(W3C / "rdf11" / "rdf-turtle" / "IRI_subject.ttl"))
    assert code == 0, err
    before = _cli(capsys, "--store", str(store), "export", "--format", "nquads")[1]
    negatives = [t for t in rdf_tests if "Negative" in t[2]]
    rejected, with_position, tracebacks = 0, 0, 0
    for suite, fmt, kind, local, action, _ in negatives:
        code, _, err = _cli(capsys, "--store", str(store), "import", "--format", fmt, "--base", action, str(local))
        lines = err.strip().splitlines()
        tracebacks += "Traceback" in err
        if code == 2 and len(lines) == 1 and lines[0].startswith(f"Error: {local}"):
            rejected += 1
            with_position += bool(re.match(rf"Error: {re.escape(str(local))}:\d+:\d+: ", lines[0]))
        else:
            pytest.fail(f"{suite} {local.name}: exit {code}, stderr {err!r}")
    assert (len(negatives), rejected, tracebacks) == (312, 312, 0)
    assert with_position == 312, f"{312 - with_position} errors without line and column"
    assert _cli(capsys, "--store", str(store), "export", "--format", "nquads")[1] == before, "the store is unchanged"


def test_every_positive_syntax_file_loads(rdf_tests, tmp_path, capsys):
    store = tmp_path / "store"
    positives = [t for t in rdf_tests if "Positive" in t[2] or (t[2].endswith("Eval") and "Negative" not in t[2])]
    failed = []
    for suite, fmt, kind, local, action, _ in positives:
        code, _, err = _cli(capsys, "--store", str(store), "import", "--format", fmt, "--base", action,
                            "--graph", f"urn:w3c:{suite}:{local.name}", str(local))
        if code != 0:
            failed.append((suite, local.name, err.strip()))
    assert failed == []
    assert len(positives) > 500


def _deskolemised(quads):
    import pyoxigraph as ox

    def term(value):
        if isinstance(value, ox.NamedNode) and "/.well-known/genid/" in value.value:
            return ox.BlankNode("b" + hashlib.sha1(value.value.encode("utf-8")).hexdigest())
        return value

    return [ox.Quad(term(q.subject), q.predicate, term(q.object), term(q.graph_name)) for q in quads]


def test_every_evaluation_test_gives_the_expected_graph(rdf_tests):
    import pyoxigraph as ox
    from newsgraph.graph.importer import read_sources

    evaluations = [t for t in rdf_tests if t[2].endswith("Eval") and "Negative" not in t[2]]
    mismatches = []
    for suite, fmt, kind, local, action, expected in evaluations:
        (source,) = read_sources([str(local)], graph="urn:x:g", fmt=fmt, base=action)
        got = ox.Dataset([ox.Quad(q.subject, q.predicate, q.object, q.graph_name)
                          for q in _deskolemised(source.quads)])
        expected_format = ox.RdfFormat.N_QUADS if expected.suffix == ".nq" else ox.RdfFormat.N_TRIPLES
        want = ox.Dataset(ox.parse(path=str(expected), format=expected_format))
        for dataset in (got, want):
            dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        if set(got) != set(want):
            mismatches.append(f"{suite}/{local.parent.name}/{local.name}")
    # pyoxigraph's RDF/XML parser keeps the namespace declarations in rdf:XMLLiteral values where
    # the suite expects Exclusive XML Canonicalization to drop them.
    assert mismatches == ["rdf-xml/xml-canon/test001.rdf", "rdf-xml/xml-canon/test002.rdf"]
    assert len(evaluations) > 250


def _query_tests():
    folder = W3C / "sparql11-syntax-query"
    public = f"{PUBLIC}sparql/sparql11/syntax-query/"
    for kind, action, _ in _entries(folder, public):
        yield kind, folder / action.removeprefix(public)


def test_negative_sparql_query_syntax_is_rejected_with_its_position(tmp_path, capsys, cli_store):
    negatives = [path for kind, path in _query_tests() if kind.startswith("Negative")]
    assert len(negatives) == 31
    for path in negatives:
        code, _, err = _cli(capsys, "--store", str(cli_store), "query", "--file", str(path))
        assert code == 2, (path.name, err)
        assert re.match(rf"Error: {re.escape(str(path))}:\d+:\d+: ", err), (path.name, err)


def test_positive_sparql_query_syntax_runs(capsys, cli_store):
    positives = [path for kind, path in _query_tests() if kind.startswith("Positive")]
    failed = []
    for path in positives:
        code, _, err = _cli(capsys, "--store", str(cli_store), "query", "--file", str(path), "--format", "json")
        # Some parse but cannot run here: SERVICE is refused by design (no network), and custom
        # functions are unknown. Only a syntax error is a failure.
        if code not in (0, 1) and ("syntax error" in err or "Traceback" in err):
            failed.append((path.name, err.strip()))
    assert failed == []


def _update_tests():
    for suite in ("syntax-update-1", "syntax-update-2"):
        folder = W3C / f"sparql11-{suite}"
        public = f"{PUBLIC}sparql/sparql11/{suite}/"
        for kind, action, _ in _entries(folder, public):
            yield kind, folder / action.removeprefix(public)


def test_negative_sparql_update_syntax_is_rejected_by_query_with_its_position(capsys, cli_store):
    negatives = [path for kind, path in _update_tests() if kind.startswith("Negative")]
    assert len(negatives) == 13
    for path in negatives:
        for command in (["query", "--file", str(path)], ["update", "--dry-run", "--file", str(path)]):
            code, _, err = _cli(capsys, "--store", str(cli_store), *command)
            assert code == 2, (path.name, err)
            assert re.match(rf"Error: {re.escape(str(path))}:\d+:\d+: SPARQL syntax error: ", err), (path.name, err)


def test_positive_sparql_update_syntax_parses_and_never_runs(capsys, cli_store):
    """Many of them LOAD remote IRIs: parsed here, never run, so nothing is fetched and the
    store is untouched."""
    from newsgraph.graph.store import GraphStore

    positives = [path for kind, path in _update_tests() if kind.startswith("Positive")]
    assert len(positives) == 42
    with GraphStore(cli_store) as store:
        before = sorted(map(str, store.quads()))
    for path in positives:
        code, _, err = _cli(capsys, "--store", str(cli_store), "update", "--dry-run", "--file", str(path))
        assert (code, err) == (0, f"{path}: the update parses; nothing was run (--dry-run)\n"), path.name
    loads = [path for path in positives if "LOAD" in path.read_text()]
    assert len(loads) == 5
    for path in loads:  # run for real, LOAD is refused before anything runs
        code, _, err = _cli(capsys, "--store", str(cli_store), "update", "--file", str(path))
        assert code == 2 and "LOAD <" in err and "is refused" in err, (path.name, err)
    with GraphStore(cli_store) as store:
        assert sorted(map(str, store.quads())) == before
