"""Many small files against the same quads as one file: `newsgraph import` of the NewsReader
files in ../shared/news-graphs (or of a generated corpus cut into N files), each side a whole
command in a fresh store, in alternating turns; prints the medians and their ratio.

    python bench/many_files.py [--runs 5] [--files N]

With --files N the bench corpus (bench/generate.py, about 100k quads) is cut into N TriG files;
without it the NewsReader files are used, with --lenient (they need it), against one N-Quads file
holding all their quads.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEWSREADER = HERE.parent.parent / "shared" / "news-graphs" / "newsreader"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--files", type=int, default=0, metavar="N")
    arguments = parser.parse_args()
    import pyoxigraph as ox

    work = Path(tempfile.mkdtemp(prefix="newsgraph-many-"))
    options: list[str] = []
    if arguments.files:
        sys.path.insert(0, str(HERE))
        from generate import generate

        corpus = work / "corpus.nq"
        generate(800, 20251125, corpus)
        quads = list(ox.parse(path=corpus, format=ox.RdfFormat.N_QUADS))
        # Foreign graph names, so that the import keeps them (newsgraph's own are renamed).
        quads = [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode("https://example.org/" + q.graph_name.value.rsplit("/", 2)[-2]))
                 for q in quads]
        small = []
        for index in range(arguments.files):
            path = work / f"part-{index:04d}.trig"
            path.write_bytes(ox.serialize(quads[index::arguments.files], format=ox.RdfFormat.TRIG))
            small.append(str(path))
    else:
        small = sorted(str(path) for path in NEWSREADER.glob("*.trig"))
        quads = [q for path in small for q in ox.parse(path=path, format=ox.RdfFormat.TRIG, lenient=True)]
        options = ["--lenient"]
    one = work / "all.nq"
    one.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    command = [str(Path(sys.executable).parent / "newsgraph")]

    def run(files: list[str]) -> float:
        store = work / "store"
        shutil.rmtree(store, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run(command + ["--store", str(store), "import", *options, *files], check=True, capture_output=True)
        return time.perf_counter() - started

    run([str(one)])  # untimed: caches warm for both sides
    many, single = [], []
    for turn in range(arguments.runs):
        for side in ((many, small), (single, [str(one)]))[:: 1 if turn % 2 == 0 else -1]:
            side[0].append(run(side[1]))
    shutil.rmtree(work, ignore_errors=True)
    ratio = statistics.median(many) / statistics.median(single)
    print(f"{len(small)} files, {len(quads)} quads: {statistics.median(many):.2f} s against one file "
          f"{statistics.median(single):.2f} s: {ratio:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
