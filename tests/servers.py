"""Start `newsgraph serve` for a test on 127.0.0.1, and stop it by its process id."""

from __future__ import annotations

import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

from conftest import newsgraph_command


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


@contextmanager
def newsgraph_server(store: Path, *options: str):
    """Yield the base URL of a running `newsgraph serve` over `store`."""
    with newsgraph_server_process(store, *options) as (base, _):
        yield base


@contextmanager
def newsgraph_server_process(store: Path, *options: str):
    """Yield (base URL, process) of a running `newsgraph serve` over `store`."""
    import os

    port = free_port()
    environment = {**os.environ, "NEWSGRAPH_STORE": str(store)}
    process = subprocess.Popen(newsgraph_command() + ["serve", "--port", str(port), *options],
                               env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(port)
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.kill()
        process.wait()
        process.stderr.close()
