"""Push to a SPARQL server: newsgraph push against the Oxigraph server and Debian's Virtuoso,
beside the engine's own route for large stores (export N-Quads, then Virtuoso's bulk loader), and
the reads of a whole store back through --endpoint.

    python bench/push.py --articles 800      # about 100k quads; needs virtuoso-opensource

Each server is started on 127.0.0.1 with a database of its own in a temporary folder (the same
helpers as the tests, tests/servers.py) and stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]
BIN = Path(sys.executable).parent


def newsgraph(*args: str, store: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([str(BIN / "newsgraph"), *args], env={**os.environ, "NEWSGRAPH_STORE": str(store)},
                            capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"newsgraph {' '.join(args)}: {result.stderr}")
    return result


def timed(run) -> tuple[float, object]:
    start = time.perf_counter()
    value = run()
    return time.perf_counter() - start, value


def corpus_store(work: Path, articles: int) -> tuple[Path, int]:
    """A store in `work` built and given the synthetic corpus of `articles` articles; its path and
    its number of triples."""
    from generate import generate

    store, corpus = work / "store", work / "corpus.nq"
    generate(articles, 20251125, corpus)
    newsgraph("build", store=store)
    newsgraph("import", str(corpus), store=store)
    return store, json.loads(newsgraph("stats", "--json", store=store).stdout)["triples"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=800)
    parser.add_argument("--json", type=Path)
    arguments = parser.parse_args()
    import servers

    work = Path(tempfile.mkdtemp(prefix="newsgraph-push-"))
    store, total = corpus_store(work, arguments.articles)
    figures: dict = {"quads": total}

    oxigraph_folder = work / "oxigraph"
    with servers.oxigraph_server("serve", "--location", str(oxigraph_folder), "--union-default-graph") as base:
        endpoint = ["--endpoint", base + "/query", "--update-endpoint", base + "/update"]
        seconds, _ = timed(lambda: newsgraph(*endpoint, "push", store=store))
        figures["oxigraph_push_s"] = seconds

    (work / "virtuoso").mkdir()
    (work / "load").mkdir()
    with servers.virtuoso_server(work / "virtuoso", dirs_allowed=(str(work / "load"),)) as virtuoso:
        endpoint = ["--endpoint", virtuoso.base + "/sparql"]
        seconds, pushed = timed(lambda: newsgraph(*endpoint, "push", store=store))
        figures["virtuoso_push_s"] = seconds
        figures["virtuoso_batch"] = next((line.split()[-4] for line in pushed.stderr.splitlines()
                                          if "triples a request" in line), "10000")
        seconds, _ = timed(lambda: newsgraph(*endpoint, "push", store=store))
        figures["virtuoso_push_again_s"] = seconds
        figures["virtuoso_stats_s"], _ = timed(lambda: newsgraph(*endpoint, "stats", store=store))
        figures["virtuoso_export_s"], exported = timed(lambda: newsgraph(*endpoint, "export", "--format", "nquads",
                                                                        store=store))
        local = newsgraph("export", "--format", "nquads", store=store).stdout
        figures["virtuoso_export_equals_local"] = exported.stdout == local
    # The engine's own route, into a Virtuoso of its own as empty as the first push found it:
    # export N-Quads, then Virtuoso's bulk loader.
    (work / "virtuoso-bulk").mkdir()
    with servers.virtuoso_server(work / "virtuoso-bulk", dirs_allowed=(str(work / "load"),)) as virtuoso:
        def bulk() -> None:
            newsgraph("export", "--format", "nquads", "-o", str(work / "load" / "store.nq"), store=store)
            virtuoso.isql(f"ld_dir('{work / 'load'}', '*.nq', 'urn:newsgraph:unused'); rdf_loader_run(); checkpoint;")
        figures["virtuoso_bulk_load_s"], _ = timed(bulk)
        after = newsgraph("--endpoint", virtuoso.base + "/sparql", "export", "--format", "nquads", store=store).stdout
        figures["bulk_load_equals_local"] = after == local
    figures["push_over_bulk_load"] = figures["virtuoso_push_s"] / figures["virtuoso_bulk_load_s"]
    print(json.dumps(figures, indent=2))
    if arguments.json:
        arguments.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
