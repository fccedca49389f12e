"""What the alignment of imported vocabularies costs (graph/model/align.py): `import` of news
graphs in the vocabularies others publish, with the alignment and without it.

    python bench/alignment.py [--quads 1000000] [--runs 3]

The corpus is the NewsReader TriG files and the NIF corpora of ../shared/news-graphs, copied
with their IRIs renamed per copy until it holds about --quads quads, written as N-Quads (one
source, so that the figure is the alignment's and not the per-file cost). Each side imports it
into a fresh store with the installed package, in alternating turns; prints the medians, their
ratio and the number of derived triples.
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
NEWS_GRAPHS = HERE.parent.parent / "shared" / "news-graphs"

_IMPORT = """
import sys
from pathlib import Path
import newsgraph.graph.importer as importer
from newsgraph.graph.api import Newsgraph
if sys.argv[3] == "off":
    importer._align = lambda engine, source, graphs: None
report = Newsgraph(Path(sys.argv[1])).import_sources([sys.argv[2]], lenient=True)
print(sum(source.aligned for source in report.sources))
"""


def corpus(target: int, path: Path) -> int:
    import pyoxigraph as ox

    files = sorted((NEWS_GRAPHS / "newsreader").glob("*.trig")) + sorted((NEWS_GRAPHS / "nif").glob("*.ttl"))
    originals = []
    for file in files:
        fmt = ox.RdfFormat.TRIG if file.suffix == ".trig" else ox.RdfFormat.TURTLE
        originals.append([q for q in ox.parse(path=str(file), format=fmt, lenient=True)])
    size = sum(len(quads) for quads in originals)
    copies = max(1, round(target / size))

    def renamed(term, copy):
        if type(term) is ox.NamedNode and ("cltl.nl" in term.value or "aksw.org" in term.value):
            head, hash_sign, fragment = term.value.replace("://", f"://copy{copy}.", 1).partition("#")
            return ox.NamedNode(head + hash_sign + fragment.replace("#", "%23"))  # as --lenient repairs it
        return term

    def quads():
        for copy in range(copies):
            for quads_of_file in originals:
                for q in quads_of_file:
                    graph = q.graph_name if type(q.graph_name) is ox.DefaultGraph else renamed(q.graph_name, copy)
                    yield ox.Quad(renamed(q.subject, copy), q.predicate, renamed(q.object, copy), graph)

    ox.serialize(quads(), output=str(path), format=ox.RdfFormat.N_QUADS)
    return copies * size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    if not NEWS_GRAPHS.is_dir():
        sys.exit(f"the news graphs are not at {NEWS_GRAPHS}")
    work = Path(tempfile.mkdtemp(prefix="newsgraph-align-"))
    data = work / "corpus.nq"
    quads = corpus(arguments.quads, data)
    seconds: dict[str, list[float]] = {"on": [], "off": []}
    derived = 0
    for turn in range(arguments.runs):
        for side in ("on", "off") if turn % 2 == 0 else ("off", "on"):
            store = work / f"store-{side}"
            shutil.rmtree(store, ignore_errors=True)
            started = time.perf_counter()
            result = subprocess.run([sys.executable, "-c", _IMPORT, str(store), str(data), side],
                                    capture_output=True, text=True, check=True)
            seconds[side].append(time.perf_counter() - started)
            if side == "on":
                derived = int(result.stdout.strip())
    on, off = statistics.median(seconds["on"]), statistics.median(seconds["off"])
    print(f"corpus: {quads:,} quads (NewsReader and NIF, renamed copies)")
    print(f"import with the alignment {on:.1f} s, without {off:.1f} s: {on / off:.2f}x; "
          f"{derived:,} triples derived ({derived / quads:.1%} of the quads)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
