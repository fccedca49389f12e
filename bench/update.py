"""What keeping the merge costs a user's SPARQL update (graph/merge.py): `Newsgraph.update` against
the bare engine running the same update on a copy of the same store.

    python bench/update.py [--quads 1000000] [--runs 3]

The store holds the bench corpus (bench/generate.py). Each turn runs a small INSERT DATA into the
default graph, then a DELETE DATA of it, on both sides; prints the medians and their ratio.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

INSERT = 'INSERT DATA { <urn:bench:s> <urn:bench:p> "value" . GRAPH <urn:bench:g> { <urn:bench:s> <urn:bench:q> 1 } }'
DELETE = 'DELETE DATA { <urn:bench:s> <urn:bench:p> "value" . GRAPH <urn:bench:g> { <urn:bench:s> <urn:bench:q> 1 } }'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import pyoxigraph as ox
    from generate import generate
    from newsgraph.graph.api import Newsgraph
    from newsgraph.graph.store import engine_folder
    from run import PER_ARTICLE

    work = Path(tempfile.mkdtemp(prefix="newsgraph-update-"))
    corpus = work / "corpus.nq"
    quads = generate(max(1, arguments.quads // PER_ARTICLE), 20251125, corpus)
    graph = Newsgraph(work / "store")
    graph.import_sources([corpus])
    raw_folder = work / "raw"
    shutil.copytree(engine_folder(graph.store_path), raw_folder)
    ours, raw = [], []
    for _ in range(arguments.runs):
        started = time.perf_counter()
        graph.update(INSERT)
        graph.update(DELETE)
        ours.append(time.perf_counter() - started)
        engine = ox.Store(str(raw_folder))
        started = time.perf_counter()
        engine.update(INSERT)
        engine.update(DELETE)
        engine.flush()
        raw.append(time.perf_counter() - started)
        del engine
    print(f"store: {quads:,} quads; an INSERT DATA and a DELETE DATA: newsgraph {statistics.median(ours):.2f} s, "
          f"bare engine {statistics.median(raw):.3f} s")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
