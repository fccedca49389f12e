"""Load: 16 concurrent clients against `newsgraph serve` for NEWSGRAPH_LOAD_SECONDS (60 by default),
mixing valid queries with bad and timing-out ones."""

from __future__ import annotations

import os
import random
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from servers import newsgraph_server_process

pytestmark = pytest.mark.slow

VALID = ["/named/tariffs?country=Japan", "/named/negotiations", "/named/timeline",
         "/sparql?" + urllib.parse.urlencode({"query": "SELECT ?l WHERE { ?p a foaf:Person ; rdfs:label ?l }"})]
BAD = "/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p }"})
SLOW = "/sparql?" + urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"})


def _rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def test_sixteen_clients(cli_store):
    seconds = float(os.environ.get("NEWSGRAPH_LOAD_SECONDS", "60"))
    latencies: list[float] = []
    errors: list[str] = []
    counts = {"valid": 0, "bad": 0, "timeout": 0}
    lock = threading.Lock()
    with newsgraph_server_process(cli_store, "--timeout", "2") as (base, process):
        urllib.request.urlopen(base + VALID[0], timeout=30).read()
        deadline = time.monotonic() + seconds
        warm = None

        def client(seed: int):
            rng = random.Random(seed)
            while time.monotonic() < deadline:
                roll = rng.random()
                path, kind, expected = ((rng.choice(VALID), "valid", 200) if roll < 0.8 else
                                        (BAD, "bad", 400) if roll < 0.95 else (SLOW, "timeout", 503))
                started = time.monotonic()
                try:
                    with urllib.request.urlopen(base + path, timeout=30) as response:
                        status = response.status
                        response.read()
                except urllib.error.HTTPError as error:
                    status = error.code
                except OSError as error:
                    status = f"connection error {error}"
                with lock:
                    counts[kind] += 1
                    if status != expected:
                        errors.append(f"{kind}: {status}")
                    elif kind == "valid":
                        latencies.append(time.monotonic() - started)

        threads = [threading.Thread(target=client, args=(seed,)) for seed in range(16)]
        for thread in threads:
            thread.start()
        time.sleep(min(5.0, seconds / 4))
        warm = _rss_kib(process.pid)
        for thread in threads:
            thread.join()
        after = _rss_kib(process.pid)
        with urllib.request.urlopen(base + VALID[0], timeout=30) as response:
            assert response.status == 200, "the server still answers"
    quantiles = statistics.quantiles(latencies, n=100)
    print(f"\n16 clients for {seconds:.0f} s: {counts}; valid p50 {quantiles[49] * 1000:.0f} ms, "
          f"p95 {quantiles[94] * 1000:.0f} ms, p99 {quantiles[98] * 1000:.0f} ms; server RSS {warm} -> {after} KiB")
    assert errors == []
    assert after <= warm * 1.10, f"memory grew from {warm} to {after} KiB"
