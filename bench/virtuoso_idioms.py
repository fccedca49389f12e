"""SPARQL idioms that answer differently on Virtuoso than on the local store: each one a minimal
query over a few triples, run on both, with Virtuoso's raw JSON beside what newsgraph makes of it
(so a difference can be told apart: the engine's, or our parsing's).

    python bench/virtuoso_idioms.py http://127.0.0.1:8890/sparql

The endpoint must take updates (GRANT SPARQL_UPDATE TO "SPARQL"); the script writes and then
drops the graphs urn:newsgraph:idioms:a and urn:newsgraph:idioms:b.
"""

from __future__ import annotations

import json
import sys
import urllib.parse
import urllib.request

import pyoxigraph as ox
from newsgraph.graph.remote import RemoteStore

A, B = "urn:newsgraph:idioms:a", "urn:newsgraph:idioms:b"
DATA = {
    A: """
<urn:e1> <http://www.w3.org/2000/01/rdf-schema#label> "Japan"@en .
<urn:e1> <http://www.w3.org/2004/02/skos/core#altLabel> "Nippon"@en .
<urn:e2> <http://www.w3.org/2000/01/rdf-schema#label> "Korea"@en .
<urn:e2> <http://www.w3.org/2002/07/owl#sameAs> <urn:e3> .
<urn:p> <urn:to> <urn:t> .
<urn:t> <http://www.w3.org/2000/01/rdf-schema#label> "United States"@en .
<urn:x> <urn:flag> true .
<urn:x> <urn:rate> "24.0"^^<http://www.w3.org/2001/XMLSchema#decimal> .
<urn:x> <urn:hedge> "plans" .
<urn:o> <urn:amount> <urn:m1> .
<urn:o> <urn:amount> <urn:m2> .
<urn:m1> <urn:statedAs> <urn:m3> .
<urn:m1> <urn:max> 1 .
<urn:m2> <urn:min> 2 .
<urn:m3> <urn:max> 3 .
<urn:m1> <urn:words> "m1" .
<urn:st> <urn:about> <urn:e1> .
<urn:st> a <urn:Work> .
""",
    B: """
<urn:x> <urn:hedge> "plans" .
""",
}

IDIOMS = {
    "optional parameter, unbound: FILTER(COALESCE(?x = STR(?param), true))":
        'SELECT ?label WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label '
        'FILTER(COALESCE(LCASE(STR(?label)) = LCASE(STR(?param)), true)) } ORDER BY ?label',
    "optional parameter, written !BOUND(?param) || ...":
        'SELECT ?label WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label '
        'FILTER(!BOUND(?param) || LCASE(STR(?label)) = LCASE(STR(?param))) } ORDER BY ?label',
    "OPTIONAL { ?e (owl:sameAs|^owl:sameAs)+ ?l } with no match":
        'SELECT ?e ?l WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label '
        'OPTIONAL { ?e (<http://www.w3.org/2002/07/owl#sameAs>|^<http://www.w3.org/2002/07/owl#sameAs>)+ ?l } } ORDER BY ?e ?l',
    "OPTIONAL { ?e (owl:sameAs|^owl:sameAs)* ?l } (zero or more)":
        'SELECT ?e ?l WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label '
        'OPTIONAL { ?e (<http://www.w3.org/2002/07/owl#sameAs>|^<http://www.w3.org/2002/07/owl#sameAs>)* ?l } } ORDER BY ?e ?l',
    "OPTIONAL whose body joins two sub-selects":
        'SELECT ?p ?recipient WHERE { { SELECT DISTINCT ?p WHERE { ?p <urn:to> [] } } '
        'OPTIONAL { { SELECT DISTINCT ?p ?to WHERE { ?p <urn:to> ?to } } '
        '{ SELECT DISTINCT ?to ?recipient WHERE { ?to <http://www.w3.org/2000/01/rdf-schema#label> ?recipient } } } }',
    "the same, the OPTIONAL body as one group of triple patterns":
        'SELECT ?p ?recipient WHERE { { SELECT DISTINCT ?p WHERE { ?p <urn:to> [] } } '
        'OPTIONAL { ?p <urn:to> ?to . ?to <http://www.w3.org/2000/01/rdf-schema#label> ?recipient } }',
    "OPTIONAL { ... FILTER(?a != ?base) } after a path and a UNION (offer.rq before the fix)":
        'SELECT ?a ?restates WHERE { <urn:o> <urn:amount> ?base . ?base <urn:statedAs>? ?a '
        '{ ?a <urn:max> ?v } UNION { ?a <urn:min> ?v } '
        'OPTIONAL { ?base <urn:words> ?restates FILTER(?a != ?base) } } ORDER BY ?a',
    "the same, the condition as a triple pattern: OPTIONAL { ?base <urn:statedAs> ?a ; <urn:words> ?restates }":
        'SELECT ?a ?restates WHERE { <urn:o> <urn:amount> ?base . ?base <urn:statedAs>? ?a '
        '{ ?a <urn:max> ?v } UNION { ?a <urn:min> ?v } '
        'OPTIONAL { ?base <urn:statedAs> ?a ; <urn:words> ?restates } } ORDER BY ?a',
    "FILTER EXISTS beside two OPTIONALs, after a * path and a group with a FILTER (articles-mentioning.rq before the fix)":
        'SELECT ?st ?title ?date WHERE { <urn:e1> (<http://www.w3.org/2002/07/owl#sameAs>|^<http://www.w3.org/2002/07/owl#sameAs>)* ?same '
        '{ ?st <urn:about> ?same FILTER(?st != ?same) } FILTER EXISTS { ?st a <urn:Work> } '
        'OPTIONAL { ?st <urn:title> ?title } OPTIONAL { ?st <urn:date> ?date } }',
    "the same, the path, group and FILTER EXISTS in a group of their own before the OPTIONALs":
        'SELECT ?st ?title ?date WHERE { { <urn:e1> (<http://www.w3.org/2002/07/owl#sameAs>|^<http://www.w3.org/2002/07/owl#sameAs>)* ?same '
        '{ ?st <urn:about> ?same FILTER(?st != ?same) } FILTER EXISTS { ?st a <urn:Work> } } '
        'OPTIONAL { ?st <urn:title> ?title } OPTIONAL { ?st <urn:date> ?date } }',
    "GROUP_CONCAT of @en literals (language kept?)":
        'SELECT (GROUP_CONCAT(?l; separator=", ") AS ?all) WHERE { <urn:e1> ?p ?l FILTER(isLiteral(?l)) }',
    "GROUP_CONCAT(STR(...)) of @en literals (posts.rq after the fix)":
        'SELECT (GROUP_CONCAT(STR(?l); separator=", ") AS ?all) WHERE { <urn:e1> ?p ?l FILTER(isLiteral(?l)) }',
    "GROUP_CONCAT without SEPARATOR":
        'SELECT (GROUP_CONCAT(?l) AS ?all) WHERE { <urn:e1> ?p ?l FILTER(isLiteral(?l)) }',
    "the same triple in two graphs, through the union default graph":
        'SELECT (GROUP_CONCAT(?h; separator=", ") AS ?hedges) (COUNT(*) AS ?n) WHERE { <urn:x> <urn:hedge> ?h }',
    "a boolean, a whole decimal written 24.0":
        'SELECT ?flag ?rate WHERE { <urn:x> <urn:flag> ?flag ; <urn:rate> ?rate }',
}


def main(endpoint: str) -> None:
    remote = RemoteStore(endpoint)
    local = ox.Store()
    for graph, triples in DATA.items():
        local.load(triples.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph))
        remote.update(f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{ {triples} }} }}")
    try:
        for title, query in IDIOMS.items():
            # Virtuoso's default graph holds its own graphs too (labels of OWL terms, ...): the
            # queries name ours, except the one about the union default graph itself.
            scoped = query if "union" in title else query.replace("WHERE {", f"FROM <{A}> FROM <{B}> WHERE {{", 1)
            print(f"## {title}\n{query}")
            print("local:    " + _show(lambda: local.query(query, use_default_graph_as_union=True)))
            print("Virtuoso: " + _show(lambda: remote.query(scoped)))
            print("raw:      " + _raw(endpoint, scoped) + "\n")
    finally:
        remote.update(f"DROP SILENT GRAPH <{A}> ; DROP SILENT GRAPH <{B}>")


def _show(run) -> str:
    try:
        results = run()
        return json.dumps([{str(v)[1:]: str(row[v]) for v in results.variables if row[v] is not None} for row in results],
                          ensure_ascii=False)
    except Exception as error:  # a refused query is one of the answers
        return f"error: {' '.join(str(error).split())[:160]}"


def _raw(endpoint: str, query: str) -> str:
    request = urllib.request.Request(endpoint, urllib.parse.urlencode({"query": query}).encode(),
                                     {"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return json.dumps(json.loads(answer.read()).get("results", {}).get("bindings"), ensure_ascii=False)[:300]
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code}: {' '.join(error.read().decode(errors='replace').split())[:160]}"


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8890/sparql")
