"""Start `newsgraph serve` for a test on 127.0.0.1, and stop it by its process id."""

from __future__ import annotations

import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import newsgraph_command

# The token a test server started with --allow-update takes updates with (NEWSGRAPH_UPDATE_TOKEN).
UPDATE_TOKEN = "test-token-0123456789abcdef"
AUTHORISED = {"Authorization": f"Bearer {UPDATE_TOKEN}"}


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
def newsgraph_server(store: Path, *options: str, env: dict | None = None):
    """Yield the base URL of a running `newsgraph serve` over `store` (`env`: more environment)."""
    with newsgraph_server_process(store, *options, env=env) as (base, _):
        yield base


@contextmanager
def newsgraph_server_process(store: Path, *options: str, env: dict | None = None):
    """Yield (base URL, process) of a running `newsgraph serve` over `store`."""
    import os

    port = free_port()
    environment = {**os.environ, "NEWSGRAPH_STORE": str(store), "NEWSGRAPH_UPDATE_TOKEN": UPDATE_TOKEN, **(env or {})}
    process = subprocess.Popen(newsgraph_command() + ["serve", "--port", str(port), *options],
                               env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(port)
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.kill()
        process.wait()
        process.stderr.close()


@contextmanager
def oxigraph_server(*options: str):
    """Yield the base URL of the `oxigraph` server (the PyPI package's binary) started with
    `options` on 127.0.0.1, and stop it by its process id."""
    port = free_port()
    process = subprocess.Popen([str(oxigraph_binary()), *options, "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.kill()
        process.wait()


def oxigraph_binary() -> Path:
    import shutil
    import sys

    binary = Path(sys.executable).parent / "oxigraph"
    return binary if binary.exists() else Path(shutil.which("oxigraph") or "oxigraph")


def chromium_or_skip() -> str:
    """Debian's Chromium; skipped where missing, unless NEWSGRAPH_REQUIRE_CHROMIUM (CI) says fail."""
    import os
    import shutil

    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("NEWSGRAPH_REQUIRE_CHROMIUM"):
            pytest.fail("NEWSGRAPH_REQUIRE_CHROMIUM is set but Chromium is not installed")
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium)")
    return found
