"""What `newsgraph import` costs against bulk-loading the quads the store then holds (issue 17).

    python bench/import_cost.py --articles 800 --runs 3 [--copy LABEL=DIR ...] [--rdflib]

One synthetic corpus (bench/generate.py, about 125 quads an article, every quad in an article's
named graph), imported into a fresh built store by `newsgraph import` in a child process, against
pyoxigraph alone bulk-loading the same corpus, its merge (the default graph newsgraph keeps, see
graph/merge.py) and the ontology, as bench/run.py does. `--copy LABEL=DIR` also runs another copy
of newsgraph (DIR holds a `newsgraph` package, e.g. from `git archive`) in the same turns, so that
a change is measured against what it replaces on the same machine at the same time.
`--rdflib` adds rdflib parsing the corpus into a Dataset (memory only; no store).

Each side runs in turns, the sides alternating (every other turn in reverse); printed are the
medians of CPU seconds (user + system of the child, which load on a shared machine barely moves)
and peak RSS (the child's own, measured by bench/run.py's launcher), and their ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402
from run import python, run_measured  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=800)
    parser.add_argument("--corpus", type=Path, help="an N-Quads corpus made by bench/generate.py (else one is made)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--copy", action="append", default=[], metavar="LABEL=DIR",
                        help="another copy of newsgraph to measure beside this one: DIR holds its package folder")
    parser.add_argument("--rdflib", action="store_true")
    parser.add_argument("--copies-only", action="store_true", help="measure only the --copy copies, not this one")
    arguments = parser.parse_args()
    import pyoxigraph as ox
    from newsgraph.ontology import ontology_path

    work = Path(tempfile.mkdtemp(prefix="newsgraph-import-cost-"))
    corpus = arguments.corpus
    if corpus is None:
        corpus = work / "corpus.nq"
        generate(arguments.articles, 20251125, corpus)
    quads = sum(1 for _ in open(corpus, "rb"))
    merge_file = work / "corpus-merge.nt"
    ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(corpus), format=ox.RdfFormat.N_QUADS)),
                 output=str(merge_file), format=ox.RdfFormat.N_TRIPLES)

    def newsgraph(pythonpath: str | None):
        def run() -> tuple[float, int, float]:
            store = work / "store"
            shutil.rmtree(store, ignore_errors=True)
            environment = {**os.environ, "NEWSGRAPH_STORE": str(store)}
            if pythonpath:
                environment["PYTHONPATH"] = pythonpath
            subprocess.run([sys.executable, "-m", "newsgraph", "build"], env=environment, check=True, capture_output=True)
            return run_measured([sys.executable, "-m", "newsgraph", "import", str(corpus)], env=environment)
        return run

    def raw() -> tuple[float, int, float]:
        shutil.rmtree(work / "raw", ignore_errors=True)
        return run_measured(python(
            f"import pyoxigraph as ox; s = ox.Store({str(work / 'raw')!r}); s.bulk_load(path={str(corpus)!r}); "
            f"s.bulk_load(path={str(merge_file)!r}); "
            f"s.bulk_load(path={str(ontology_path())!r}, to_graph=ox.NamedNode('urn:ontology')); s.flush()"))

    def rdflib() -> tuple[float, int, float]:
        return run_measured(python(f"import rdflib; d = rdflib.Dataset(); d.parse({str(corpus)!r}, format='nquads')"))

    sides = {"bulk_load": raw} if arguments.copies_only else {"newsgraph": newsgraph(None), "bulk_load": raw}
    for copy in arguments.copy:
        label, folder = copy.split("=", 1)
        sides[label] = newsgraph(str(Path(folder).resolve()))
    if arguments.rdflib:
        sides["rdflib"] = rdflib
    figures: dict[str, list] = {name: [] for name in sides}
    names = list(sides)
    for turn in range(arguments.runs):
        for name in names if turn % 2 == 0 else names[::-1]:
            figures[name].append(sides[name]())
            wall, peak, cpu = figures[name][-1]
            print(f"  turn {turn + 1} {name}: {cpu:.2f} CPU s, {wall:.2f} s, {peak / 1024:.0f} MB", file=sys.stderr)
    print(f"{quads:,} quads, {arguments.runs} turns, medians")
    raw_cpu = statistics.median(f[2] for f in figures["bulk_load"])
    raw_peak = statistics.median(f[1] for f in figures["bulk_load"])
    for name in names:
        cpu = statistics.median(f[2] for f in figures[name])
        wall = statistics.median(f[0] for f in figures[name])
        peak = statistics.median(f[1] for f in figures[name])
        print(f"{name:10} {cpu:8.2f} CPU s {wall:8.2f} s {peak / 1024:8.0f} MB   "
              f"CPU ratio (bulk_load/it) {raw_cpu / cpu:.2f}x   memory ratio {peak / raw_peak:.2f}x")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
