"""Routes to a Virtuoso at the 100k bench scale, each into a fresh Virtuoso of its own (Debian's
virtuoso-t and settings, tests/servers.py): newsgraph push as it is (every graph staged, then
DROP and MOVE, so a failed push changes nothing); two prototypes that replace each graph in one
atomic write with no staging, so a failed push leaves each graph as it was or complete but may
have replaced some (DROP + INSERT DATA of whole graphs in one SPARQL request, several graphs a
request; a Graph Store Protocol PUT a graph to /sparql-graph-crud); and export N-Quads + the
bulk loader.

    python bench/push_routes.py --articles 800 [--routes push,direct,graph_store_put,bulk_load]
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from push import corpus_store, newsgraph  # noqa: E402


def direct(base: str, store: Path, size: int = 625) -> int:
    """DROP + INSERT of whole graphs in one request each (several graphs a request); graphs larger
    than a request through staging and MOVE as push does. Returns the number of requests."""
    from newsgraph.graph import remote as R
    from newsgraph.graph.store import GraphStore

    requests, group, count = 0, [], 0
    with GraphStore(store) as local:
        remote = R.RemoteStore(base + "/sparql")
        remote.query("ASK {}")

        def flush() -> None:
            nonlocal requests, group, count
            if group:
                blank = any("_:" in line for _, found in group for line in found)
                body = "\n".join(f"GRAPH <{g}> {{\n" + "\n".join(found) + "\n}" for g, found in group)
                drops = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g, _ in group)
                insert = f"INSERT {{ {body} }} WHERE {{}}" if blank else f"INSERT DATA {{ {body} }}"
                remote.update("DEFINE sql:big-data-const 1\n" + drops + " ;\n" + insert)
                requests += 1
            group, count = [], 0

        for graph in local.graph_names():
            units = R._units(local.quads(graph))
            found = [line for unit in units for line in unit]
            if len(found) > size:
                staging = R.STAGING + "route"
                remote.update(f"DROP SILENT GRAPH <{staging}>")
                R._insert(remote, [(staging, unit) for unit in units], size, final=True)
                remote.update(f"DROP SILENT GRAPH <{graph}>")
                remote.update(f"MOVE GRAPH <{staging}> TO GRAPH <{graph}>")
                requests += 3 + len(found) // size
                continue
            if count + len(found) > size:
                flush()
            group.append((graph, found))
            count += len(found)
        flush()
    return requests


def graph_store_put(base: str, store: Path) -> int:
    """One Graph Store Protocol PUT a graph (Virtuoso's /sparql-graph-crud loads Turtle with its
    own parser); one keep-alive connection."""
    from newsgraph.graph import remote as R
    from newsgraph.graph.store import GraphStore

    connection = http.client.HTTPConnection(urllib.parse.urlsplit(base).netloc)
    with GraphStore(store) as local:
        graphs = local.graph_names()
        for graph in graphs:
            body = "\n".join(line for unit in R._units(local.quads(graph)) for line in unit).encode()
            connection.request("PUT", "/sparql-graph-crud?" + urllib.parse.urlencode({"graph-uri": graph}), body=body,
                               headers={"Content-Type": "text/turtle"})
            answer = connection.getresponse()
            said = answer.read()
            if answer.status >= 300:
                raise SystemExit(f"PUT <{graph}>: HTTP {answer.status}: {said[:300]!r}")
    return len(graphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=800)
    parser.add_argument("--routes", default="push,direct,graph_store_put,bulk_load", help="which routes, comma-separated")
    arguments = parser.parse_args()
    import servers

    work = Path(tempfile.mkdtemp(prefix="newsgraph-routes-"))
    store, quads = corpus_store(work, arguments.articles)
    local = newsgraph("export", "--format", "nquads", store=store).stdout
    figures: dict = {"quads": quads}
    (work / "load").mkdir()

    def route(name, run) -> None:
        if name not in arguments.routes.split(","):
            return
        folder = work / name
        folder.mkdir()
        with servers.virtuoso_server(folder, dirs_allowed=(str(work / "load"),)) as virtuoso:
            start = time.perf_counter()
            detail = run(virtuoso)
            figures[name + "_s"] = round(time.perf_counter() - start, 1)
            figures[name + "_detail"] = detail
            after = newsgraph("--endpoint", virtuoso.base + "/sparql", "export", "--format", "nquads", store=store).stdout
            figures[name + "_equals_local"] = after == local
        print(name, figures[name + "_s"], file=sys.stderr)

    route("push", lambda v: re.findall(r"pushed \d+ triples.*", newsgraph("--endpoint", v.base + "/sparql", "push",
                                                                           store=store).stderr)[-1])
    route("direct", lambda v: f"{direct(v.base, store)} requests")
    route("graph_store_put", lambda v: f"{graph_store_put(v.base, store)} PUTs")

    def bulk(virtuoso) -> str:
        newsgraph("export", "--format", "nquads", "-o", str(work / "load" / "store.nq"), store=store)
        virtuoso.isql(f"ld_dir('{work / 'load'}', '*.nq', 'urn:newsgraph:unused'); rdf_loader_run(); checkpoint;")
        return "export + ld_dir + rdf_loader_run + checkpoint"

    route("bulk_load", bulk)
    for name in ("push", "direct", "graph_store_put"):
        if name + "_s" in figures and "bulk_load_s" in figures:
            figures[name + "_over_bulk_load"] = round(figures[name + "_s"] / figures["bulk_load_s"], 1)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
