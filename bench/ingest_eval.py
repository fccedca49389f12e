"""How well `ingest` reads news, measured on a gold set annotated by hand (bench/gold/), and how
fast it is.

    python bench/ingest_eval.py [--speed N] [--json FILE] [--dump FILE]

Prints precision and recall per kind: entities (span and entity), attributions (each annotated
sentence's source), hedges (the hedge words of each sentence), dates (span and value), amounts
(span, unit, value and bound), events (kind and trigger; with the same participants and date;
and, for the events found, each participant, the date, the place and the status). Then the speed: N articles of about 600 words (cut from the gold set's and ../shared's
real texts) ingested into a store holding the seed, then linked (default 1,000; 0 skips it).
The texts live in ../shared/news-graphs/; without it the script says so and stops (exit 2).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "gold"))

import pyoxigraph as ox  # noqa: E402
from newsgraph.graph.api import Newsgraph  # noqa: E402
from newsgraph.graph.link.ingest import analyse  # noqa: E402
from newsgraph.graph.store import engine_folder  # noqa: E402
from pages import SHARED, document_in_context, document_text  # noqa: E402

GOLD = HERE / "gold" / "ingest-gold.json"
KINDS = ("entities", "attributions", "hedges", "dates", "amounts", "events", "events with participants and dates",
         "event participants", "event dates", "event places", "event statuses")
STATUS = {"https://schema.org/EventScheduled": "scheduled", "https://w3id.org/newsgraph/ontology#EventTookPlace": "took place"}


def _tail(iri: str | None) -> str:
    return iri.rsplit("/", 1)[-1] if iri else ""


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _date_value(resolved) -> str:
    if resolved.begin is not None and resolved.datatype == "interval":
        return f"{resolved.begin.isoformat()}/{resolved.end.isoformat()}"
    return resolved.value


def predictions(store, doc: dict, text: str, context: tuple[str, int] | None = None) -> dict[str, list]:
    """What ingest finds in a gold document, in the gold set's terms. `context`: the whole report
    and where the document's text begins in it; ingest reads the whole report, as a user gives it,
    and what it finds in the document's text is scored."""
    whole, offset = context or (text, 0)
    stop = offset + len(text)
    analysis = analyse(store, whole, date.fromisoformat(doc["published"]))
    inside = lambda span: offset <= span.begin and span.end <= stop  # noqa: E731
    media = analysis.media
    found = {
        "entities": [((f.span.begin - offset, f.span.end - offset), _tail(f.iri), f.span.text) for f in analysis.found if inside(f.span)],
        "attributions": [], "hedges": [], "dates": [], "amounts": [], "events": [],
    }
    for begin, said in analysis.attributions.items():
        if not offset <= begin < stop:
            continue
        if said.source is not None or said.unnamed:
            source = "unnamed" if said.source is None else _tail(said.source)
            found["attributions"].append((begin - offset, source if said.source not in media else _tail(said.source)))
        for word in said.hedges:
            found["hedges"].append((begin - offset, word.lower()))
    found["dates"] = [((span.begin - offset, span.end - offset), _date_value(value), span.text) for span, value in analysis.dates if inside(span)]
    found["amounts"] = [((a.span.begin - offset, a.span.end - offset), a.currency, str(a.value), a.bound, a.span.text)
                        for a in analysis.amounts if inside(a.span)]
    from newsgraph.graph.link.ingest import find_percentages  # noqa: PLC0415 - the same reader ingest uses
    found["amounts"] += [((span.begin - offset, span.end - offset), "percent", str(value.normalize()), "value", span.text)
                         for span, value, _ in find_percentages(whole) if inside(span)]
    dates = dict((span, value) for span, value in analysis.dates)
    # "X also attended the talks": X is a participant of the event reported before, not an event.
    joined = {}
    for e in analysis.events:
        if e.joins is not None:
            joined.setdefault(id(e.joins), []).extend(e.actors)
    found["events"] = [((e.trigger.begin - offset, e.trigger.end - offset), e.kind, sorted({_tail(a) for a in e.actors + joined.get(id(e), [])}),
                        _date_value(dates[e.when]) if e.when is not None else None, _tail(e.place) or None, STATUS.get(e.status),
                        e.trigger.text) for e in analysis.events if e.joins is None and inside(e.trigger)]
    return found


def score(gold_docs: list[dict], store) -> tuple[dict, list]:
    counts = {kind: [0, 0, 0] for kind in KINDS}  # true positives, predicted, gold
    misses = []

    def tally(kind, gold, predicted, match, describe):
        counts[kind][1] += len(predicted)
        counts[kind][2] += len(gold)
        used = set()
        for item in gold:
            hit = next((i for i, p in enumerate(predicted) if i not in used and match(item, p)), None)
            if hit is None:
                misses.append((kind, "missed", describe(item)))
            else:
                used.add(hit)
                counts[kind][0] += 1
        for i, p in enumerate(predicted):
            if i not in used:
                misses.append((kind, "wrong", str(p[-1] if isinstance(p, tuple) else p)))

    def attribute_tally(kind, gold: set, predicted: set, where: str):
        counts[kind][0] += len(gold & predicted)
        counts[kind][1] += len(predicted)
        counts[kind][2] += len(gold)
        misses.extend((kind, "missed", f"{where}: {item}") for item in sorted(gold - predicted))
        misses.extend((kind, "wrong", f"{where}: {item}") for item in sorted(predicted - gold))

    for doc in gold_docs:
        text = document_text(doc)
        found = predictions(store, doc, text, document_in_context(doc))
        for kind in ("entities", "attributions", "hedges", "dates", "amounts"):
            if kind not in doc.get("scored", (kind,)):
                found[kind] = doc[kind] = []  # a document annotated for its events only
        tag = doc["id"]
        tally("entities", doc["entities"], found["entities"],
              lambda g, p: _overlaps((g["begin"], g["end"]), p[0]) and g["entity"] == p[1],
              lambda g: f"{tag}: {g['text']} -> {g['entity']}")
        tally("attributions", doc["attributions"], found["attributions"],
              lambda g, p: g["begin"] == p[0] and g["source"] == p[1], lambda g: f"{tag}: sentence {g['sentence']} by {g['source']}")
        tally("hedges", doc["hedges"], found["hedges"],
              lambda g, p: g["begin"] == p[0] and g["words"].lower() == p[1], lambda g: f"{tag}: sentence {g['sentence']}: {g['words']}")
        tally("dates", doc["dates"], found["dates"],
              lambda g, p: _overlaps((g["begin"], g["end"]), p[0]) and g["value"] == p[1], lambda g: f"{tag}: {g['text']} = {g['value']}")
        tally("amounts", doc["amounts"], found["amounts"],
              lambda g, p: _overlaps((g["begin"], g["end"]), p[0]) and (g["unit"], g["value"], g["bound"]) == p[1:4],
              lambda g: f"{tag}: {g['text']}")
        tally("events", doc["events"], found["events"],
              lambda g, p: _overlaps((g["begin"], g["end"]), p[0]) and g["kind"] == p[1], lambda g: f"{tag}: {g['text']} ({g['kind']})")
        tally("events with participants and dates", doc["events"], found["events"],
              lambda g, p: _overlaps((g["begin"], g["end"]), p[0]) and g["kind"] == p[1] and sorted(g["actors"]) == p[2] and g["date"] == p[3],
              lambda g: f"{tag}: {g['text']} ({g['kind']}, {g['actors']}, {g['date']})")
        # Each attribute of the events found with the right kind and trigger: participants one by
        # one, and the date, place and status of those that have one (gold) or give one (found).
        for g in doc["events"]:
            p = next((p for p in found["events"] if _overlaps((g["begin"], g["end"]), p[0]) and g["kind"] == p[1]), None)
            if p is None:
                continue
            attribute_tally("event participants", set(g["actors"]), set(p[2]), f"{tag}: {g['text']}")
            for kind, gold_value, found_value in (("event dates", g["date"], p[3]), ("event places", g["place"], p[4]),
                                                  ("event statuses", g["status"], p[5])):
                attribute_tally(kind, {gold_value} - {None}, {found_value} - {None}, f"{tag}: {g['text']}")
    figures = {}
    for kind, (hits, predicted, gold) in counts.items():
        figures[kind] = {"precision": round(hits / predicted, 3) if predicted else None,
                         "recall": round(hits / gold, 3) if gold else None, "correct": hits, "found": predicted, "gold": gold}
    return figures, misses


def corpus(count: int, folder: Path) -> list[Path]:
    """`count` articles of about 600 words, cut from real texts (the gold set's and ../shared/text)."""
    words: list[str] = []
    for path in sorted((SHARED / "text").glob("*.txt")):
        words += path.read_text(encoding="utf-8").split(" ")
    files = []
    for index in range(count):
        start = (index * 577) % max(1, len(words) - 600)
        path = folder / f"article-{index:04d}.txt"
        path.write_text(" ".join(words[start:start + 600]), encoding="utf-8")
        files.append(path)
    return files


def _cpu() -> float:
    """CPU seconds of this process and of its children so far (user + system): on a machine that
    other work shares, wall-clock time counts the waits for a core too."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def speed(count: int, dump: Path | None = None) -> dict:
    """Ingest `count` articles into a store holding the seed, then link; with `dump`, also write
    the store's quads there afterwards, sorted N-Quads (to compare two versions' output)."""
    with tempfile.TemporaryDirectory() as folder:
        graph = Newsgraph(Path(folder) / "store")
        graph.build()
        files = corpus(count, Path(folder))
        started, cpu_started = time.perf_counter(), _cpu()
        graph.ingest(files, "2025-05-28", "Bench")
        ingested, cpu_ingested = time.perf_counter() - started, _cpu() - cpu_started
        graph.link()
        total, cpu_total = time.perf_counter() - started, _cpu() - cpu_started
        if dump is not None:
            # Every quad of the engine, the default graph (the kept merge) included.
            engine = ox.Store.read_only(str(engine_folder(Path(folder) / "store")))
            lines = sorted(str(q) + " ." for q in engine)
            del engine
            dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"articles": count, "words_each": 600, "ingest_seconds": round(ingested, 1), "ingest_and_link_seconds": round(total, 1),
            "ingest_cpu_seconds": round(cpu_ingested, 1), "ingest_and_link_cpu_seconds": round(cpu_total, 1)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--speed", type=int, default=1000, help="articles for the speed figure (0: none)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--dump", type=Path, help="write the speed run's store as sorted N-Quads to this file")
    parser.add_argument("--misses", action="store_true", help="list every miss and wrong finding")
    args = parser.parse_args(argv)
    if not SHARED.exists():
        print(f"the gold set's texts are in {SHARED}, which is missing", file=sys.stderr)
        return 2
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["documents"]
    with tempfile.TemporaryDirectory() as folder:
        graph = Newsgraph(Path(folder) / "store")
        graph.build()
        with graph.open() as store:
            figures, misses = score([doc for doc in gold if not doc.get("heldout")], store)
            held = [doc for doc in gold if doc.get("heldout")]
            held_figures, held_misses = score(held, store) if held else ({}, [])
    show = lambda v: "-" if v is None else f"{v:.2f}"  # noqa: E731
    for title, table, listed in (("", figures, misses), (f"held out ({len(held)} reports kept out of the rule-writing set; bench/RESULTS.md says how far):", held_figures, held_misses)):
        if not table:
            continue
        if title:
            print(title)
        print(f"{'kind':38} {'precision':>9} {'recall':>7}  correct/found/gold")
        for kind, f in table.items():
            if f["gold"] or f["found"]:
                print(f"{kind:38} {show(f['precision']):>9} {show(f['recall']):>7}  {f['correct']}/{f['found']}/{f['gold']}")
        if args.misses:
            for kind, what, item in listed:
                print(f"  {kind}: {what}: {item}")
    result = {"figures": figures, "held_out": held_figures}
    if args.speed:
        result["speed"] = speed(args.speed, args.dump)
        s = result["speed"]
        print(f"speed: {s['articles']} articles of {s['words_each']} words ingested in {s['ingest_seconds']} s "
              f"({s['ingest_cpu_seconds']} CPU s), ingested and linked in {s['ingest_and_link_seconds']} s "
              f"({s['ingest_and_link_cpu_seconds']} CPU s)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
