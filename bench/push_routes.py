"""Routes to a Virtuoso at the 100k bench scale, each into a fresh Virtuoso of its own (Debian's
virtuoso-t and settings, tests/servers.py), several runs each in turn: `newsgraph push` on N
connections (`push:N`), a push over a Virtuoso that holds the graphs already (`again:N`: the
second of two pushes is timed), one Graph Store Protocol PUT a graph to /sparql-graph-crud (a
prototype: Virtuoso's Turtle loader, one connection), and export N-Quads + the bulk loader. After
each route, `export` through `--endpoint` is compared with the local export, byte for byte.

    python bench/push_routes.py --articles 800 --runs 5 [--routes push:1,push:2,push:4,again:2,bulk_load]

Prints, for each route, the median, fastest and slowest wall seconds, the median CPU seconds of
newsgraph and of Virtuoso, the requests, and whether every export equalled the local one.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from push import corpus_store, newsgraph  # noqa: E402


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu() -> float:
    usage = os.times()
    return usage.children_user + usage.children_system


def graph_store_put(base: str, store: Path) -> str:
    """One Graph Store Protocol PUT a graph (Virtuoso's /sparql-graph-crud loads Turtle with its
    own parser); one keep-alive connection."""
    from newsgraph.graph import remote as R
    from newsgraph.graph.store import GraphStore

    connection = http.client.HTTPConnection(urllib.parse.urlsplit(base).netloc)
    with GraphStore(store, read_only=True) as local:
        graphs = local.graph_names()
        for graph in graphs:
            body = "\n".join(line for unit in R._units(local.quads(graph)) for line in unit).encode()
            connection.request("PUT", "/sparql-graph-crud?" + urllib.parse.urlencode({"graph-uri": graph}), body=body,
                               headers={"Content-Type": "text/turtle"})
            answer = connection.getresponse()
            said = answer.read()
            if answer.status >= 300:
                raise SystemExit(f"PUT <{graph}>: HTTP {answer.status}: {said[:300]!r}")
    return f"{len(graphs)} PUTs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=800)
    parser.add_argument("--runs", type=int, default=3, help="runs of each route, in turn")
    parser.add_argument("--routes", default="push:1,push:2,push:4,again:2,bulk_load", help="which routes, comma-separated")
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    arguments = parser.parse_args()
    import servers

    work = Path(tempfile.mkdtemp(prefix="newsgraph-routes-"))
    store, quads = corpus_store(work, arguments.articles)
    local = newsgraph("export", "--format", "nquads", store=store).stdout
    (work / "load").mkdir()
    routes = arguments.routes.split(",")
    runs: dict[str, list[dict]] = {route: [] for route in routes}

    def run(route: str, number: int) -> dict:
        folder = work / f"{route.replace(':', '-')}-{number}"
        folder.mkdir()
        with servers.virtuoso_server(folder, dirs_allowed=(str(work / "load"),)) as virtuoso:
            endpoint = ("--endpoint", virtuoso.base + "/sparql")
            kind, _, connections = route.partition(":")
            if kind == "again":
                newsgraph(*endpoint, "push", store=store)
            cpu, server_cpu, start = children_cpu(), cpu_seconds(virtuoso.pid), time.perf_counter()
            if kind in ("push", "again"):
                said = newsgraph(*endpoint, "push", "--connections", connections, store=store).stderr
                detail = re.findall(r"\d+ requests on \d+ connections", said)[-1]
            elif kind == "graph_store_put":
                detail = graph_store_put(virtuoso.base, store)
            elif kind == "bulk_load":
                newsgraph("export", "--format", "nquads", "-o", str(work / "load" / "store.nq"), store=store)
                virtuoso.isql(f"ld_dir('{work / 'load'}', '*.nq', 'urn:newsgraph:unused'); rdf_loader_run(); checkpoint;")
                detail = "export + ld_dir + rdf_loader_run + checkpoint"
            else:
                raise SystemExit(f"no route {route!r}")
            figures = {"s": time.perf_counter() - start, "newsgraph_cpu_s": children_cpu() - cpu,
                       "virtuoso_cpu_s": cpu_seconds(virtuoso.pid) - server_cpu, "detail": detail}
            figures["equals_local"] = newsgraph(*endpoint, "export", "--format", "nquads", store=store).stdout == local
        print(route, number, {k: round(v, 2) if isinstance(v, float) else v for k, v in figures.items()}, file=sys.stderr)
        return figures

    for number in range(arguments.runs):
        for route in routes:
            runs[route].append(run(route, number))
    summary: dict = {"quads": quads, "runs": arguments.runs, "load": os.getloadavg()}
    bulk = statistics.median(r["s"] for r in runs["bulk_load"]) if "bulk_load" in runs else None
    for route, found in runs.items():
        seconds = [r["s"] for r in found]
        summary[route] = {
            "median_s": round(statistics.median(seconds), 1), "min_s": round(min(seconds), 1), "max_s": round(max(seconds), 1),
            "newsgraph_cpu_s": round(statistics.median(r["newsgraph_cpu_s"] for r in found), 1),
            "virtuoso_cpu_s": round(statistics.median(r["virtuoso_cpu_s"] for r in found), 1),
            "detail": found[-1]["detail"], "equals_local": all(r["equals_local"] for r in found)}
        if bulk:
            summary[route]["over_bulk_load"] = round(statistics.median(seconds) / bulk, 2)
            summary[route]["over_bulk_load_per_run"] = [round(r["s"] / b["s"], 2) for r, b in zip(found, runs["bulk_load"])]
    print(json.dumps(summary, indent=2))
    if arguments.json:
        arguments.json.write_text(json.dumps({"summary": summary, "runs": runs}, indent=2))


if __name__ == "__main__":
    main()
