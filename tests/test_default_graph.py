"""The default graph is the RDF merge of the store's graphs: a set (graph/merge.py).

A differential test: generated data spread over several graphs, many triples stated by more than
one graph, written through newsgraph's own write paths (import, re-import, a user's updates);
generated queries (joins, OPTIONAL, UNION, aggregates, property paths, sub-selects, negation)
answered by newsgraph and by rdflib over the union of the same named graphs, compared as
multisets of rows."""

from __future__ import annotations

import random
from collections import Counter
from decimal import Decimal

import pytest
from conftest import run_cli

EX = "http://example.org/"
GRAPHS = [f"{EX}g{i}" for i in range(5)]


def _terms(rng: random.Random):
    subjects = [f"<{EX}s{i}>" for i in range(12)]
    objects = subjects + [f'"{v}"' for v in ("a", "b")] + ['"a"@en', '"b"@ja'] + [str(n) for n in (1, 2, 3, 5, 8)]
    return subjects, objects


def _dataset(rng: random.Random) -> dict[str, set[str]]:
    """Graph IRI -> N-Triples lines; about half of the triples are stated by two or more graphs."""
    subjects, objects = _terms(rng)
    pool = [f"{rng.choice(subjects)} <{EX}p{rng.randrange(4)}> {rng.choice(objects)} ." for _ in range(90)]
    return {graph: set(rng.sample(pool, 40)) for graph in GRAPHS}


def _trig(dataset: dict[str, set[str]]) -> str:
    return "\n".join(f"<{graph}> {{\n" + "\n".join(sorted(lines)) + "\n}" for graph, lines in dataset.items())


def _queries(rng: random.Random) -> list[str]:
    def p():
        return f"<{EX}p{rng.randrange(4)}>"

    templates = [
        lambda: f"SELECT ?s ?o WHERE {{ ?s {p()} ?o }}",
        lambda: "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
        lambda: f"SELECT ?a ?b ?c WHERE {{ ?a {p()} ?b . ?b {p()} ?c }}",
        lambda: f"SELECT ?a ?b ?c WHERE {{ ?a {p()} ?b OPTIONAL {{ ?b {p()} ?c }} }}",
        lambda: f"SELECT ?a ?b WHERE {{ {{ ?a {p()} ?b }} UNION {{ ?a {p()} ?b }} }}",
        lambda: "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        lambda: f"SELECT ?s (COUNT(?o) AS ?n) (SUM(?o) AS ?total) WHERE {{ ?s {p()} ?o FILTER(isNumeric(?o)) }} GROUP BY ?s",
        lambda: "SELECT ?p (AVG(?o) AS ?mean) (MAX(?o) AS ?top) WHERE { ?s ?p ?o FILTER(isNumeric(?o)) } GROUP BY ?p",
        lambda: f"SELECT (COUNT(DISTINCT ?s) AS ?n) (COUNT(?s) AS ?all) WHERE {{ ?s {p()} ?o }}",
        lambda: f"SELECT ?a ?b WHERE {{ ?a {p()}+ ?b }}",
        lambda: f"SELECT ?a ?b WHERE {{ ?a {p()}/{p()} ?b }}",
        lambda: f"SELECT ?a ?b WHERE {{ ?a ({p()}|{p()})* ?b FILTER(isIRI(?b)) }}",
        lambda: f"SELECT ?a ?n WHERE {{ {{ SELECT ?a (COUNT(*) AS ?n) WHERE {{ ?a {p()} ?x }} GROUP BY ?a }} ?a {p()} ?y }}",
        lambda: f"SELECT ?s ?o WHERE {{ ?s {p()} ?o FILTER NOT EXISTS {{ ?o {p()} ?z }} }}",
        lambda: f"SELECT ?s ?o WHERE {{ ?s {p()} ?o MINUS {{ ?s {p()} ?z }} }}",
        lambda: f"SELECT ?s ?o WHERE {{ ?s {p()} ?o FILTER(lang(?o) != '') }}",
        lambda: f"ASK {{ ?s {p()} 5 }}",
        lambda: f"SELECT ?s (MIN(STR(?o)) AS ?least) (COUNT(?o) AS ?n) WHERE {{ ?s {p()} ?o FILTER(isLiteral(?o) && !isNumeric(?o)) }} GROUP BY ?s",
    ]
    return [template() for template in templates for _ in range(3)]


def _cell(term) -> str:
    """A comparable form of a result term: numbers by value (engines spell AVG differently)."""
    if term is None:
        return "UNBOUND"
    text = term.n3() if hasattr(term, "n3") else str(term)
    datatype = str(getattr(term, "datatype", "") or "")
    if datatype.startswith("http://www.w3.org/2001/XMLSchema#") and datatype.rsplit("#", 1)[1] in ("integer", "decimal", "double"):
        return _number(str(term))
    if text.startswith("<") or text.startswith('"'):
        return text
    return str(term)


def _number(lexical: str) -> str:
    """Numbers by value, to 12 digits: engines give AVG's decimals to different precisions."""
    return f"{float(Decimal(lexical)):.12g}"


def _ox_cell(term) -> str:
    import pyoxigraph as ox

    if term is None:
        return "UNBOUND"
    if type(term) is ox.Literal and term.datatype.value.rsplit("#", 1)[-1] in ("integer", "decimal", "double") \
            and term.datatype.value.startswith("http://www.w3.org/2001/XMLSchema#"):
        return _number(term.value)
    return str(term)


def _newsgraph_rows(store, query: str):
    results = store.query(query)
    if isinstance(results, bool) or type(results).__name__ == "QueryBoolean":
        return bool(results)
    names = [v.value for v in results.variables]
    return Counter(tuple(_ox_cell(solution[name]) for name in names) for solution in results)


def _rdflib_rows(dataset, query: str):
    result = dataset.query(query)
    if result.type == "ASK":
        return bool(result.askAnswer)
    names = [str(v) for v in result.vars]
    return Counter(tuple(_cell(row[name]) for name in names) for row in result)


def _rdflib_union(trig: str):
    import rdflib

    rdflib.NORMALIZE_LITERALS = False  # compare lexical forms, as pyoxigraph keeps them
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=trig, format="trig")
    return dataset


def _compare(path, queries, expected: dict[str, set[str]] | None = None) -> int:
    """Every query gets rdflib's answer over the union of the store's named graphs (as exported),
    and the generated graphs hold exactly `expected`."""
    from newsgraph.graph.api import Newsgraph

    oracle = _rdflib_union(_store_trig(path))
    if expected is not None:
        wanted = _rdflib_union(_trig(expected))
        for graph in GRAPHS:
            assert set(oracle.graph(graph)) == set(wanted.graph(graph)), graph
    compared = 0
    with Newsgraph(path).open() as store:
        for query in queries:
            assert _newsgraph_rows(store, query) == _rdflib_rows(oracle, query), query
            compared += 1
    return compared


def _store_trig(path) -> str:
    from newsgraph.graph.api import Newsgraph

    data, _ = Newsgraph(path).export(format="trig", graphs=None)
    return data.decode("utf-8")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_default_graph_answers_as_the_merge_of_the_graphs(tmp_path, seed):
    from newsgraph.graph.api import Newsgraph

    rng = random.Random(seed)
    dataset = _dataset(rng)
    source = tmp_path / "data.trig"
    source.write_text(_trig(dataset), encoding="utf-8")
    path = tmp_path / "store"
    graph = Newsgraph(path)
    graph.import_sources([source])
    queries = _queries(rng)
    # The store's named graphs hold exactly the generated data, and every query agrees with rdflib.
    assert _compare(path, queries, dataset) == len(queries)

    # A second source shares the graphs (the import keeps what each brought); then the first
    # source is imported again with less: the merge follows both.
    other = _dataset(random.Random(seed + 100))
    second = tmp_path / "more.trig"
    second.write_text(_trig(other), encoding="utf-8")
    graph.import_sources([second])
    smaller = {g: set(sorted(lines)[:20]) for g, lines in dataset.items()}
    source.write_text(_trig(smaller), encoding="utf-8")
    graph.import_sources([source])
    expected = {g: smaller[g] | other[g] for g in GRAPHS}
    assert _compare(path, queries, expected) == len(queries)

    # A user's updates: into the default graph, into a named graph, a graph dropped, a statement
    # deleted from the default graph that a source still states.
    kept = sorted(expected[GRAPHS[1]])[0]
    graph.update(f"INSERT DATA {{ <{EX}s1> <{EX}p0> <{EX}s2> . <{EX}s3> <{EX}p1> 5 }}")
    graph.update(f"INSERT DATA {{ GRAPH <{EX}g9> {{ <{EX}s4> <{EX}p2> <{EX}s5> }} }}")
    graph.update(f"DROP GRAPH <{GRAPHS[0]}>")
    graph.update(f"DELETE DATA {{ {kept} }}")
    graph.update(f"INSERT {{ ?s <{EX}p9> ?o }} WHERE {{ GRAPH <{GRAPHS[1]}> {{ ?s <{EX}p1> ?o }} }}")
    graph.update(f"DELETE {{ ?s <{EX}p2> ?o }} INSERT {{ GRAPH <{EX}g8> {{ ?s <{EX}p2> ?o }} }} WHERE {{ ?s <{EX}p2> ?o }}")
    named = _rdflib_union(_store_trig(path))
    assert {str(g.identifier) for g in named.graphs()} >= {f"{EX}g9", "https://w3id.org/newsgraph/graph/update"}
    assert GRAPHS[0] not in {str(g.identifier) for g in named.graphs()}
    assert _compare(path, queries) == len(queries)


def test_a_statement_from_many_sources_counts_once(tmp_path):
    """The issue's example: a label stated by many articles comes back once."""
    path = tmp_path / "store"
    sources = []
    for index in range(20):
        source = tmp_path / f"article{index}.ttl"
        source.write_text(f'<{EX}japan> <http://www.w3.org/2000/01/rdf-schema#label> "Japan"@en .\n'
                          f'<{EX}article{index}> <http://schema.org/mentions> <{EX}japan> .\n', encoding="utf-8")
        sources.append(str(source))
    assert run_cli("import", *sources, store=path).returncode == 0
    count = run_cli("query", "--format", "csv", "--sparql",
                    f"SELECT (COUNT(*) AS ?n) WHERE {{ <{EX}japan> ?p ?o }}", store=path)
    assert (count.returncode, count.stdout.split()) == (0, ["n", "1"]), count.stderr
    rows = run_cli("query", "--format", "csv", "--sparql", f"SELECT ?article WHERE {{ ?article ?p <{EX}japan> }}", store=path)
    assert len(rows.stdout.split()) == 1 + 20, rows.stdout


def test_user_updates_keep_their_statements_in_graph_update_and_never_remove_a_sources(tmp_path):
    from newsgraph.graph.api import Newsgraph

    source = tmp_path / "a.ttl"
    source.write_text(f"<{EX}a> <{EX}p> <{EX}b> .\n", encoding="utf-8")
    path = tmp_path / "store"
    graph = Newsgraph(path)
    graph.import_sources([source])
    ask = f"ASK {{ <{EX}a> <{EX}p> <{EX}b> }}"
    graph.update(f"INSERT DATA {{ <{EX}x> <{EX}p> <{EX}y> }}")
    with graph.open() as store:
        assert [str(q.graph_name) for q in store.quads() if q.subject.value == f"{EX}x"] == \
            ["<https://w3id.org/newsgraph/graph/update>"]
    # Deleting a source's statement from the default graph leaves it with the source.
    graph.update(f"DELETE DATA {{ <{EX}a> <{EX}p> <{EX}b> }}")
    with graph.open() as store:
        assert bool(store.query(ask))
    # The user's own statement can be deleted again, through the default graph.
    graph.update(f"DELETE WHERE {{ <{EX}x> ?p ?o }}")
    with graph.open() as store:
        assert not bool(store.query(f"ASK {{ <{EX}x> ?p ?o }}"))
        assert not any(q.subject.value == f"{EX}x" for q in store.quads())
