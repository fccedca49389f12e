"""Writers against readers on `newsgraph serve --allow-update`: how many queries and updates get
through in a window, with the server's lock (a queue, first come first served) and with the plain
readers-writer lock it had before (issue 19), in one run on a copy of the seed store.

    python bench/fairness.py [--readers 8] [--writers 4] [--seconds 20]

Each reader sends `SELECT (COUNT(*) ...)` without pause, each writer a one-triple INSERT DATA.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

TOKEN = "bench-fairness-token-0123456789"


class OldLock:
    """The lock the server had before: a query gets in whenever no update runs, so an update waits
    until no query is running at all."""

    def __init__(self):
        from contextlib import contextmanager

        self._readers = 0
        self._condition = threading.Condition()

        @contextmanager
        def read():
            with self._condition:
                self._readers += 1
            try:
                yield
            finally:
                with self._condition:
                    self._readers -= 1
                    self._condition.notify_all()

        @contextmanager
        def write():
            with self._condition:
                self._condition.wait_for(lambda: self._readers == 0)
                yield

        self.read, self.write = read, write


def serve_with_old_lock(argv: list[str]) -> int:
    from newsgraph import cli
    from newsgraph.graph.serve import server

    server._ReadersWriter = OldLock
    return cli.main(argv)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure(store: Path, old_lock: bool, readers: int, writers: int, seconds: float) -> tuple[int, int]:
    port = free_port()
    launcher = [sys.executable, __file__, "--serve-with-old-lock"] if old_lock else \
        [str(Path(sys.executable).parent / "newsgraph")]
    process = subprocess.Popen(launcher + ["--store", str(store), "serve", "--allow-update", "--port", str(port)],
                               env={**os.environ, "NEWSGRAPH_UPDATE_TOKEN": TOKEN},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        counts = [0, 0]
        stop = time.monotonic() + seconds
        query = "/sparql?" + urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})

        def client(kind: int, number: int) -> None:
            sent = 0
            while time.monotonic() < stop:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
                if kind == 0:
                    connection.request("GET", query)
                else:
                    connection.request("POST", "/sparql", f"INSERT DATA {{ <urn:bench:w{number}> <urn:bench:n> {sent} }}",
                                       {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
                    sent += 1
                response = connection.getresponse()
                response.read()
                connection.close()
                if time.monotonic() < stop and response.status in (200, 204):  # only what finished in the window
                    counts[kind] += 1

        threads = [threading.Thread(target=client, args=(0, n)) for n in range(readers)] + \
                  [threading.Thread(target=client, args=(1, n)) for n in range(writers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return counts[0], counts[1]
    finally:
        process.kill()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20.0)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        seed = Path(folder) / "seed"
        subprocess.run([str(Path(sys.executable).parent / "newsgraph"), "--store", str(seed), "build"],
                       check=True, stdout=subprocess.DEVNULL)
        for label, old, readers, writers in (("before (plain readers-writer lock)", True, arguments.readers, arguments.writers),
                                             ("after (queue)", False, arguments.readers, arguments.writers),
                                             ("writers alone", False, 0, arguments.writers),
                                             ("readers alone", False, arguments.readers, 0)):
            store = Path(folder) / "store"
            shutil.rmtree(store, ignore_errors=True)
            shutil.copytree(seed, store)
            reads, writes = measure(store, old, readers, writers, arguments.seconds)
            print(f"{label}: {readers} readers, {writers} writers, {arguments.seconds:g} s: "
                  f"{reads} queries, {writes} updates", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve-with-old-lock"]:
        raise SystemExit(serve_with_old_lock(sys.argv[2:]))
    main()
