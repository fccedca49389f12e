"""How long `validate` and `report` take on a store of many ingested reports.

The store: the seed, then every saved page of ../shared/news-graphs/pages/ (its paragraphs, as
bench/gold/pages.py reads them) and N sentences of the RSS-500 NIF corpus (a fixed shuffle),
each ingested as an article of its own, the way a user ingests a folder of texts. Then `validate`
and `report` run in this process through the library's front door, as the commands run them, and
their wall seconds and findings are printed.

    python bench/checks_scale.py [--sentences 300] [--store DIR]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "gold"))

from newsgraph.graph.api import Newsgraph  # noqa: E402
from pages import SHARED, _nif_strings, detokenise, paragraphs  # noqa: E402


def texts(folder: Path, sentences: int) -> list[Path]:
    """The texts to ingest, written to `folder`: one file an article."""
    written = []
    for page in sorted((SHARED / "pages").glob("*.html")):
        text = "\n\n".join(paragraphs(page))
        if len(text) > 200:
            written.append(folder / f"{page.stem}.txt")
            written[-1].write_text(text, encoding="utf-8")
    strings = _nif_strings(SHARED / "nif" / "RSS-500.ttl")
    contexts = sorted(strings)
    random.Random(7).shuffle(contexts)
    for number, context in enumerate(contexts[:sentences]):
        written.append(folder / f"rss-{number:03d}.txt")
        written[-1].write_text(detokenise(strings[context]), encoding="utf-8")
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=300, help="RSS-500 sentences to ingest beside the pages")
    parser.add_argument("--store", type=Path, help="the store's folder (default: a temporary one)")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"needs {SHARED}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="newsgraph-checks-"))
    graph = Newsgraph(args.store or work / "store")
    graph.build()
    articles = texts(work, args.sentences)
    started = time.perf_counter()
    for article in articles:  # one call an article, as `ingest` on one file at a time
        graph.ingest([article], "2020-01-15", "Test Wire")
    print(f"ingested {len(articles)} texts in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    validated = graph.validate()
    print(f"validate: {validated.triples} triples, {len(validated.report.results)} results, "
          f"conforms {validated.report.conforms}, {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    reported = graph.report()
    counts = {result.rule.name: len(result.rows) for result in reported.rules}
    print(f"report: {counts}, {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
