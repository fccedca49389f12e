"""Every named query on Virtuoso beside the local store: the same rows? how long on each?

    python bench/virtuoso_queries.py --articles 800             # about 100k quads; needs virtuoso-opensource
    python bench/virtuoso_queries.py --store S --endpoint URL   # a store already loaded into an endpoint

With --articles, the synthetic corpus (bench/generate.py, seed 20251125) is imported into a new
store, exported as N-Quads and loaded by Virtuoso's bulk loader into a private Virtuoso (Debian's
settings, on 127.0.0.1, tests/servers.py), which is stopped at the end. Each named query runs with
each of its header's examples, and without parameters where all are optional (the cases of
tests/test_virtuoso.py), through newsgraph's API: locally and with --endpoint. Their JSON results
are compared whole (the same rows in the same order, each term in its canonical form) and as
multisets of rows. Times are wall-clock seconds of one run each, in this process (local) and to
the endpoint's answer (Virtuoso), after one untimed run of each; on a shared machine they move.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]


def cases() -> list[tuple[str, dict[str, str]]]:
    from newsgraph.queries import named_queries

    found = []
    for query in named_queries().values():
        for example in query.examples:
            words = shlex.split(example)
            found.append((query.name, {w.split("=", 1)[0]: w.split("=", 1)[1]
                                       for i, w in enumerate(words) if i and words[i - 1] == "-p"}))
        if all(param.optional for param in query.params):
            found.append((query.name, {}))
    unique = {}
    for name, params in found:
        unique.setdefault((name, tuple(sorted(params.items()))), (name, params))
    return list(unique.values())


def run(graph, name: str, params: dict) -> tuple[float, dict | str]:
    start = time.perf_counter()
    try:
        outcome = graph.query(name=name, params=params, format="json")
        return time.perf_counter() - start, json.loads(outcome.data)
    except Exception as error:  # a refused or timed-out query is one of the answers
        return time.perf_counter() - start, f"{type(error).__name__}: {' '.join(str(error).split())[:120]}"


def rows(results: dict) -> Counter:
    return Counter(json.dumps(row, sort_keys=True) for row in results["results"]["bindings"])


def compare(store: Path, endpoint: str, timeout: float, only: list[str]) -> list[dict]:
    from newsgraph.graph.api import Newsgraph

    local, remote = Newsgraph(store), Newsgraph(store, endpoint=endpoint, endpoint_timeout=timeout)
    report = []
    for name, params in cases():
        if only and name not in only:
            continue
        run(local, name, params)
        local_s, here = run(local, name, params)
        remote_s, there = run(remote, name, params)
        entry = {"query": name, "params": params, "local_s": local_s, "virtuoso_s": remote_s,
                 "local_rows": len(here["results"]["bindings"]) if isinstance(here, dict) else here}
        if isinstance(there, str):
            entry.update(virtuoso_rows=there, same_rows=False, same_results=False)
        else:
            entry.update(virtuoso_rows=len(there["results"]["bindings"]), same_results=there == here,
                         same_rows=isinstance(here, dict) and rows(there) == rows(here))
        report.append(entry)
        print(f"{name:20} {' '.join(f'{k}={v!r}' for k, v in params.items())[:40]:40} "
              f"local {entry['local_rows']!s:>5} rows {local_s:7.2f} s | Virtuoso {entry['virtuoso_rows']!s:>5} rows "
              f"{remote_s:7.2f} s | {'same' if entry['same_results'] else 'same rows' if entry['same_rows'] else 'DIFFERENT'}",
              flush=True)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=800)
    parser.add_argument("--store", type=Path, help="an existing store, with --endpoint")
    parser.add_argument("--endpoint", help="a SPARQL endpoint that already holds the store's quads")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for the endpoint")
    parser.add_argument("--only", nargs="*", default=[], metavar="NAME")
    parser.add_argument("--json", type=Path)
    arguments = parser.parse_args()
    if arguments.endpoint:
        report = compare(arguments.store, arguments.endpoint, arguments.timeout, arguments.only)
    else:
        import servers
        from generate import generate
        from newsgraph.graph.api import Newsgraph

        work = Path(tempfile.mkdtemp(prefix="newsgraph-vq-"))
        store, load = work / "store", work / "load"
        (work / "virtuoso").mkdir()
        load.mkdir()
        generate(arguments.articles, 20251125, work / "corpus.nq")
        graph = Newsgraph(store)
        graph.build()
        graph.import_sources([str(work / "corpus.nq")])
        (load / "store.nq").write_bytes(graph.export(format="nquads")[0])
        with servers.virtuoso_server(work / "virtuoso", dirs_allowed=(str(load),)) as virtuoso:
            virtuoso.isql(f"ld_dir('{load}', '*.nq', 'urn:newsgraph:unused'); rdf_loader_run(); checkpoint;")
            report = compare(store, virtuoso.base + "/sparql", arguments.timeout, arguments.only)
    same = sum(entry["same_results"] for entry in report)
    print(f"{same} of {len(report)} cases give the same results on Virtuoso as locally")
    if arguments.json:
        arguments.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
