"""newsgraph against the bare engines, on the same synthetic linked corpus, in one run.

    python bench/run.py --scale 10k|100k|1M [--json FILE] [--no-rdflib]

Measures import throughput and peak memory (newsgraph import, raw pyoxigraph bulk_load, rdflib
in memory), each named query's median latency (newsgraph's store wrapper, the raw pyoxigraph
store under it, rdflib), `link` time, Turtle export throughput (deterministic newsgraph export,
raw pyoxigraph dump), and whole commands from a cold start: `--help` and `query negotiations`
against bench/hello.py, a two-command typer app whose `query` does the same engine work, and the
rdflib path to the same answer. Prints a table; writes every figure and ratio
as JSON. Not part of the test suite (tests/test_bench.py runs the smallest scale once).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

SCALES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}
PER_ARTICLE = 125
BIN = Path(sys.executable).parent


# Linux carries a process's peak RSS (ru_maxrss) over from the parent that forked it, so a child
# of this (large) process would report at least our size. The launcher is a small process that
# forks the command and reports the command's own peak.
_LAUNCHER = ("import os, sys, time\n"
             "started = time.monotonic()\n"
             "pid = os.fork()\n"
             "if pid == 0:\n    os.execvp(sys.argv[1], sys.argv[1:])\n"
             "_, status, usage = os.wait4(pid, 0)\n"
             "print(time.monotonic() - started, usage.ru_maxrss, usage.ru_utime + usage.ru_stime, file=sys.stderr)\n"
             "sys.exit(os.waitstatus_to_exitcode(status))\n")


def run_measured(command: list[str], env: dict | None = None) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (KiB) and CPU seconds (user and system) of a child process. CPU
    seconds are the steadier figure on a machine that other work shares: they do not count the
    time the child waits for a core."""
    process = subprocess.run([sys.executable, "-c", _LAUNCHER, *command], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, env=env)
    if process.returncode != 0:
        raise SystemExit(f"failed: {shlex.join(command)}: {process.stderr.decode()[-500:]}")
    elapsed, peak, cpu = process.stderr.decode().split()[-3:]
    return float(elapsed), int(peak), float(cpu)


def capped_seconds(action, cap: float) -> tuple[float, float, object] | None:
    """Wall and CPU seconds `action` takes in a forked child and what it returned, or None if it is still
    running after `cap` seconds (then it is killed): rdflib cannot be interrupted, and some
    queries take hours."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def child():
        started, cpu = time.perf_counter(), time.process_time()
        result = action()
        sender.send((time.perf_counter() - started, time.process_time() - cpu, result))

    process = context.Process(target=child, daemon=True)
    process.start()
    try:
        return receiver.recv() if receiver.poll(cap) else None
    finally:
        process.kill()
        process.join()


def medians(*actions, runs: int) -> list[float]:
    """Median wall seconds of each action (see timed_medians)."""
    return timed_medians(*actions, runs=runs)[0]


def timed_medians(*actions, runs: int) -> tuple[list[float], list[float]]:
    """Median wall seconds and median CPU seconds of this process for each action, timed in
    alternating turns after one untimed run of each: the first run after an import or another
    query pays for cold caches, and whatever the machine does meanwhile (a page-fault storm after
    the rdflib child's fork, another process) falls on every side alike. pyoxigraph answers a
    query in the calling thread, so its CPU seconds are the query's own."""
    for action in actions:
        action()
    walls: list[list[float]] = [[] for _ in actions]
    cpus: list[list[float]] = [[] for _ in actions]
    for turn in range(runs):
        # Every other turn in reverse, so that no side always runs just after the same other one.
        for index in list(range(len(actions)))[::1 if turn % 2 == 0 else -1]:
            started, cpu = time.perf_counter(), time.process_time()
            actions[index]()
            walls[index].append(time.perf_counter() - started)
            cpus[index].append(time.process_time() - cpu)
    return [statistics.median(kept) for kept in walls], [statistics.median(kept) for kept in cpus]


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="10k")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--no-rdflib", action="store_true", help="skip rdflib (slow and large at 1M)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rdflib-cap", type=float, default=60.0, metavar="SECONDS",
                        help="stop an rdflib query after this long and report the speed-up as at least cap/ours")
    arguments = parser.parse_args()
    import pyoxigraph as ox
    from newsgraph.graph.api import Newsgraph, named_queries
    from newsgraph.graph.formats import rdf_format
    from newsgraph.graph.sparql import bind, render
    from newsgraph.graph.store import engine_folder
    from newsgraph.ontology import PREFIXES, ontology_path

    work = Path(tempfile.mkdtemp(prefix="newsgraph-bench-"))
    corpus = work / "corpus.nq"
    quads = generate(max(1, SCALES[arguments.scale] // PER_ARTICLE), 20251125, corpus)
    figures: dict = {"scale": arguments.scale, "quads": quads, "machine": {
        "cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}}
    from importlib.metadata import version

    figures["versions"] = {name: version(name) for name in ("newsgraph", "pyoxigraph", "rdflib", "typer")}
    environment = {**os.environ, "NEWSGRAPH_STORE": str(work / "store")}

    # Import: newsgraph (validated, transactional) against raw bulk load and rdflib in memory.
    subprocess.run([str(BIN / "newsgraph"), "build"], env=environment, check=True, capture_output=True)
    seconds, memory, cpu = run_measured([str(BIN / "newsgraph"), "import", str(corpus)], env=environment)
    # The bare engine bulk-loads the quads newsgraph's store then holds: the corpus, and its merge
    # in the default graph (graph/merge.py), written beforehand as N-Triples.
    merge_file = work / "corpus-merge.nt"
    ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(corpus), format=ox.RdfFormat.N_QUADS)),
                 output=str(merge_file), format=ox.RdfFormat.N_TRIPLES)
    raw_seconds, raw_memory, raw_cpu = run_measured(python(
        f"import pyoxigraph as ox; s = ox.Store({str(work / 'raw')!r}); s.bulk_load(path={str(corpus)!r}); "
        f"s.bulk_load(path={str(merge_file)!r}); "
        f"s.bulk_load(path={str(ontology_path())!r}, to_graph=ox.NamedNode('urn:ontology')); s.flush()"))
    figures["import"] = {"newsgraph_quads_per_s": quads / seconds, "raw_quads_per_s": quads / raw_seconds,
                         "newsgraph_peak_kib": memory, "raw_peak_kib": raw_memory,
                         "throughput_ratio": raw_seconds / seconds, "memory_ratio": memory / raw_memory,
                         "newsgraph_cpu_s": cpu, "raw_cpu_s": raw_cpu, "cpu_ratio": raw_cpu / cpu}
    if not arguments.no_rdflib:
        rdflib_seconds, rdflib_memory, _ = run_measured(python(
            f"import rdflib; d = rdflib.Dataset(); d.parse({str(corpus)!r}, format='nquads')"))
        figures["import"].update({"rdflib_quads_per_s": quads / rdflib_seconds, "rdflib_peak_kib": rdflib_memory})

    # Queries: each named query with its example parameters.
    figures["queries"] = {}
    rdflib_dataset = None
    graph = Newsgraph(work / "store")
    # newsgraph's store and the bare engine, side by side on the same files, both reading.
    with graph.open(read_only=True) as store:
        engine = ox.Store.read_only(str(engine_folder(graph.store_path)))
        if not arguments.no_rdflib:
            import rdflib

            # rdflib gets every quad of newsgraph's store (the corpus, the ontology, the bundled
            # article), so that both answer over the same data; the bench checks the row counts.
            everything = work / "store.nq"
            engine.dump(str(everything), format=ox.RdfFormat.N_QUADS)
            rdflib_dataset = rdflib.Dataset(default_union=True)
            rdflib_dataset.parse(everything, format="nquads")
        for query in named_queries():
            name = query.name
            words = shlex.split(query.examples[-1])
            values = dict(w.split("=", 1) for i, w in enumerate(words) if i and words[i - 1] == "-p")
            bindings = bind(query, values)
            substitutions = {ox.Variable(k): v for k, v in bindings.items()}
            # Both sides give the answer as SPARQL JSON results.
            def raw_query():
                # The same store's default graph: the merge of its graphs (graph/merge.py).
                return engine.query(query.text, prefixes=PREFIXES,
                                    substitutions=substitutions or None).serialize(format=ox.QueryResultsFormat.JSON)

            started = time.perf_counter()
            raw_query()
            # Under 10 ms the spread between runs is larger than newsgraph's cost per call (about
            # 25 µs): such a query gets 101 turns.
            turns = arguments.runs if time.perf_counter() - started > 0.01 else max(arguments.runs, 101)
            answer = {}

            def our_query():
                answer["json"] = render(store.query(query.text, bindings), "json").data

            (ours, raw), (ours_cpu, raw_cpu) = timed_medians(our_query, raw_query, runs=turns)
            entry = {"newsgraph_ms": ours * 1000, "raw_ms": raw * 1000, "ratio_to_raw": ours / raw if raw else None,
                     "newsgraph_cpu_ms": ours_cpu * 1000, "raw_cpu_ms": raw_cpu * 1000,
                     "cpu_ratio_to_raw": ours_cpu / raw_cpu if raw_cpu else None,
                     "rows": len(json.loads(answer["json"])["results"]["bindings"])}
            if rdflib_dataset is not None:
                import rdflib

                init = {k: rdflib.Literal(v.value) if isinstance(v, ox.Literal) else rdflib.URIRef(v.value) for k, v in bindings.items()}
                capped = capped_seconds(lambda: len(rdflib_dataset.query(query.text, initBindings=init)), arguments.rdflib_cap)
                if capped is None:  # still running at the cap: the speed-up is at least cap / ours
                    entry.update({"rdflib_ms": None, "rdflib_over_cap_s": arguments.rdflib_cap,
                                  "speedup_over_rdflib_at_least": arguments.rdflib_cap / ours})
                else:
                    # A speed-up means something only if both found the same answer: rdflib has
                    # SPARQL bugs of its own (the MIN of no value is the string "None").
                    slow, slow_cpu, rdflib_rows = capped
                    entry.update({"rdflib_ms": slow * 1000, "speedup_over_rdflib": slow / ours if ours else None,
                                  "rdflib_cpu_ms": slow_cpu * 1000,
                                  "cpu_speedup_over_rdflib": slow_cpu / ours_cpu if ours_cpu else None,
                                  "rdflib_rows": rdflib_rows, "same_rows": rdflib_rows == entry["rows"]})
            figures["queries"][name] = entry
        engine = None  # closes the bare engine
    rdflib_dataset = None  # 1.8 GB at 1M: gone before the link, the export and the cold starts are timed
    gc.collect()
    started = time.monotonic()
    links = graph.link()
    figures["link"] = {"seconds": time.monotonic() - started, "links": len(links)}
    # Turns alternate and each side's median is kept: a single run of either was off by up to
    # a third on this machine, depending on which ran first.
    outputs = {}
    with graph.open(read_only=True) as store:
        size = len(store)
        engine = ox.Store.read_only(str(engine_folder(graph.store_path)))

        def our_export() -> None:
            outputs["ours"] = store.export(rdf_format("turtle"))

        def raw_export() -> None:
            # The bare engine's Turtle of the same merge of graphs: unsorted, blank nodes as stored.
            outputs["raw"] = ox.serialize((ox.Triple(q.subject, q.predicate, q.object)
                                           for q in engine.quads_for_pattern(None, None, None, ox.DefaultGraph())),
                                          format=ox.RdfFormat.TURTLE)

        ours, raw = medians(our_export, raw_export, runs=arguments.runs)
        engine = None  # closes the bare engine
    data, raw_data = outputs["ours"], outputs["raw"]
    figures["export"] = {"newsgraph_quads_per_s": size / ours, "raw_quads_per_s": size / raw,
                         "ratio": raw / ours, "bytes": len(data), "raw_bytes": len(raw_data)}

    # Cold start of whole commands.
    seed_store = work / "seed"
    subprocess.run([str(BIN / "newsgraph"), "--store", str(seed_store), "build"], check=True, capture_output=True)
    trig = work / "seed.trig"
    subprocess.run([str(BIN / "newsgraph"), "--store", str(seed_store), "export", "-o", str(trig)], check=True, capture_output=True)
    negotiations = next(query.text for query in named_queries() if query.name == "negotiations")

    def run(command: list[str]):
        return lambda: subprocess.run(command, capture_output=True, check=True)

    # Start-up is a few tens of milliseconds against a noisy machine: more turns than the queries.
    turns = max(arguments.runs, 21)
    newsgraph, hello = [str(BIN / "newsgraph")], [sys.executable, str(HERE / "hello.py")]
    ours_query = newsgraph + ["--store", str(seed_store), "query", "negotiations", "-F", "csv"]
    hello_query = hello + ["query", str(seed_store / "oxigraph"), negotiations]
    answers = [subprocess.run(command, capture_output=True, check=True).stdout.count(b"\n")
               for command in (ours_query, hello_query)]
    assert answers[0] == answers[1], f"newsgraph and the hello app answer differently: {answers} lines"
    start: dict = {}
    start["newsgraph_help_s"], start["hello_help_s"] = medians(run(newsgraph + ["--help"]), run(hello + ["--help"]),
                                                               runs=turns)
    start["newsgraph_query_s"], start["hello_query_s"], start["rdflib_query_s"] = medians(
        run(ours_query), run(hello_query),
        run(python(f"import rdflib; d = rdflib.Dataset(default_union=True); d.parse({str(trig)!r}, format='trig'); "
                   f"print(len(list(d.query({negotiations!r}))))")),
        runs=turns)
    start["help_ratio"] = start["newsgraph_help_s"] / start["hello_help_s"]
    start["query_ratio_to_rdflib"] = start["newsgraph_query_s"] / start["rdflib_query_s"]
    start["query_ratio_to_hello"] = start["newsgraph_query_s"] / start["hello_query_s"]
    figures["cold_start"] = start

    print(f"newsgraph bench, scale {arguments.scale} ({quads} quads), {figures['machine']['cpus']} cores, "
          + ", ".join(f"{k} {v}" for k, v in figures["versions"].items()))
    i = figures["import"]
    print(f"import   newsgraph {i['newsgraph_quads_per_s']:,.0f} q/s, {i['newsgraph_peak_kib'] / 1024:.0f} MB | raw pyoxigraph "
          f"{i['raw_quads_per_s']:,.0f} q/s, {i['raw_peak_kib'] / 1024:.0f} MB | ratio {i['throughput_ratio']:.2f}x, memory "
          f"{i['memory_ratio']:.2f}x, CPU seconds {i['newsgraph_cpu_s']:.1f} vs {i['raw_cpu_s']:.1f} ({i['cpu_ratio']:.2f}x)"
          + (f" | rdflib {i['rdflib_quads_per_s']:,.0f} q/s, {i['rdflib_peak_kib'] / 1024:.0f} MB"
                                          if "rdflib_quads_per_s" in i else ""))
    # Wall-clock figures, then the same by CPU seconds (steadier when other work shares the machine).
    print(f"{'query':22} {'rows':>6} {'newsgraph ms':>13} {'raw ms':>8} {'x raw':>6} {'rdflib ms':>10} {'x faster':>9}"
          f" {'cpu x raw':>10} {'cpu x faster':>13}")
    for name, q in figures["queries"].items():
        print(f"{name:22} {q['rows']:6} {q['newsgraph_ms']:13.2f} {q['raw_ms']:8.2f} {q['ratio_to_raw']:6.2f} "
              + (f"{'>' + format(q['rdflib_over_cap_s'] * 1000, '.0f'):>10} {'>' + format(q['speedup_over_rdflib_at_least'], '.0f'):>9}"
                 if q.get("rdflib_over_cap_s") else
                 f"{q.get('rdflib_ms') or float('nan'):10.1f} {q.get('speedup_over_rdflib') or float('nan'):9.1f}")
              + f" {q.get('cpu_ratio_to_raw') or float('nan'):10.2f} {q.get('cpu_speedup_over_rdflib') or float('nan'):13.1f}"
              + (f"  rdflib: {q['rdflib_rows']} rows" if q.get("same_rows") is False else ""))
    print(f"link     {figures['link']['seconds']:.2f} s, {figures['link']['links']} links")
    e = figures["export"]
    print(f"export   newsgraph Turtle {e['newsgraph_quads_per_s']:,.0f} q/s | raw dump {e['raw_quads_per_s']:,.0f} q/s | ratio {e['ratio']:.2f}x")
    print(f"start    --help {start['newsgraph_help_s'] * 1000:.0f} ms (hello {start['hello_help_s'] * 1000:.0f} ms, "
          f"{start['help_ratio']:.2f}x); query {start['newsgraph_query_s'] * 1000:.0f} ms vs rdflib path "
          f"{start['rdflib_query_s'] * 1000:.0f} ms ({start['query_ratio_to_rdflib']:.2f}x), vs hello app's query "
          f"{start['hello_query_s'] * 1000:.0f} ms ({start['query_ratio_to_hello']:.2f}x)")
    if arguments.json:
        arguments.json.write_text(json.dumps(figures, indent=2))
    import shutil

    shutil.rmtree(work, ignore_errors=True)  # the corpus and the stores: half a gigabyte at 1M


if __name__ == "__main__":
    main()
