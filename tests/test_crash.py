"""Crashes: `kill -9` in the middle of an import, and of `serve --allow-update` under a stream of
updates. The store must reopen and hold all of an import or none of it, and every acknowledged
update, none half done."""

from __future__ import annotations

import json
import os
import random
import subprocess
import threading
import time
import urllib.request

import pytest
from conftest import newsgraph_command, run_cli
from servers import AUTHORISED, newsgraph_server_process

pytestmark = pytest.mark.slow

TRIPLES = 3_000_000
RUNS = 20


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.nt"
    with open(path, "w") as out:
        for i in range(TRIPLES):
            out.write(f'<https://example.org/s{i // 10}> <https://example.org/p{i % 7}> "value {i}" .\n')
    return path


def _count(store) -> int:
    result = run_cli("query", "-F", "csv", "--sparql",
                     "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/newsgraph/graph/source/big-nt> { ?s ?p ?o } }",
                     store=store, timeout=300)
    assert result.returncode in (0, 2), result.stderr
    if "is empty" in result.stderr:
        return 0
    return int(result.stdout.splitlines()[1])


def test_kill_during_import_leaves_all_or_nothing(big_file, tmp_path):
    rng = random.Random(20251125)
    environment = {**os.environ}
    full = tmp_path / "full"
    started = time.monotonic()
    assert subprocess.run(newsgraph_command() + ["--store", str(full), "import", str(big_file)], env=environment,
                          capture_output=True).returncode == 0
    duration = time.monotonic() - started
    assert _count(full) == TRIPLES
    outcomes = []
    for run in range(RUNS):
        store = tmp_path / f"store{run}"
        process = subprocess.Popen(newsgraph_command() + ["--store", str(store), "import", str(big_file)], env=environment,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, duration * 1.4))  # about a quarter of the runs finish
        process.kill()
        process.wait()
        count = _count(store)
        assert count in (0, TRIPLES), f"run {run}: {count} triples after kill -9"
        outcomes.append(count == TRIPLES)
    print(f"\nkill -9 during import of {TRIPLES} triples, {RUNS} runs: {sum(outcomes)} complete, "
          f"{RUNS - sum(outcomes)} empty, 0 partial (full import {duration:.1f} s)")


def test_kill_of_the_server_keeps_every_acknowledged_update(cli_store, tmp_path):
    import shutil

    store = tmp_path / "store"
    shutil.copytree(cli_store, store, ignore=shutil.ignore_patterns("newsgraph.lock"))
    rng = random.Random(7)
    acknowledged: list[int] = []
    for run in range(5):
        with newsgraph_server_process(store, "--allow-update") as (base, process):
            stop = threading.Event()

            def stream():
                n = run * 100_000
                while not stop.is_set():
                    update = (f"INSERT DATA {{ GRAPH <urn:crash> {{ <urn:s{n}> <urn:first> {n} . "
                              f"<urn:s{n}> <urn:second> {n} }} }}")
                    request = urllib.request.Request(base + "/sparql", data=update.encode(), method="POST",
                                                     headers={"Content-Type": "application/sparql-update", **AUTHORISED})
                    try:
                        with urllib.request.urlopen(request, timeout=10) as response:
                            if response.status == 204:
                                acknowledged.append(n)
                    except OSError:
                        return
                    n += 1

            client = threading.Thread(target=stream)
            client.start()
            time.sleep(rng.uniform(0.5, 2.0))
            process.kill()
            process.wait()
            stop.set()
            client.join()
    rows = json.loads(run_cli("query", "--format", "json", "--sparql",
                              "SELECT ?s (COUNT(?p) AS ?n) WHERE { GRAPH <urn:crash> { ?s ?p ?o } } GROUP BY ?s",
                              store=store).stdout)["results"]["bindings"]
    present = {int(r["s"]["value"][len("urn:s"):]): int(r["n"]["value"]) for r in rows}
    assert acknowledged, "updates were acknowledged"
    assert set(acknowledged) <= set(present), "every acknowledged update survives"
    assert set(present.values()) == {2}, "no update is half done"
    print(f"\nkill -9 of serve --allow-update, 5 runs: {len(acknowledged)} acknowledged updates, all present, none half done")
