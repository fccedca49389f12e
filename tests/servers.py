"""Start servers for a test on 127.0.0.1 (`newsgraph serve`, the Oxigraph server, Debian's
Virtuoso), and stop each by its process id."""

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


DEBIAN_VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
VIRTUOSO_GRANT = 'GRANT SPARQL_UPDATE TO "SPARQL";'  # the one grant the README tells users to make


def virtuoso_or_skip() -> str:
    """Debian's virtuoso-t; skipped where missing, unless NEWSGRAPH_REQUIRE_VIRTUOSO (CI) says fail."""
    import os
    import shutil

    found = shutil.which("virtuoso-t")
    if found is None or shutil.which("isql-vt") is None or not DEBIAN_VIRTUOSO_INI.exists():
        if os.environ.get("NEWSGRAPH_REQUIRE_VIRTUOSO"):
            pytest.fail("NEWSGRAPH_REQUIRE_VIRTUOSO is set but Virtuoso is not installed")
        pytest.skip("Virtuoso is not installed (Debian: apt-get install virtuoso-opensource)")
    return found


class Virtuoso:
    """A private Virtuoso: `base` is its HTTP address, `isql(statement)` runs SQL as dba."""

    def __init__(self, base: str, sql_port: int, folder: Path):
        self.base, self.sql_port, self.folder = base, sql_port, folder

    def isql(self, statement: str) -> str:
        result = subprocess.run(["isql-vt", str(self.sql_port), "dba", "dba", f"exec={statement}"],
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0 or "*** Error" in result.stdout + result.stderr:
            raise RuntimeError(f"isql: {statement[:200]}: {(result.stdout + result.stderr)[-1000:]}")
        return result.stdout


@contextmanager
def virtuoso_server(folder: Path, *, dirs_allowed: tuple[str, ...] = ()):
    """Yield a Virtuoso (base URL, isql) started by Debian's `virtuoso-t` with Debian's settings
    (ResultSetMaxRows 10000, MaxQueryExecutionTime 60 s, ...), its database in `folder` and its
    SQL and HTTP ports on 127.0.0.1, with the README's grant made; stopped by its process id."""
    import re
    import urllib.request

    binary = virtuoso_or_skip()
    http_port = free_port()
    sql_port = free_port()
    while sql_port == http_port:
        sql_port = free_port()
    ini = DEBIAN_VIRTUOSO_INI.read_text()
    ini = ini.replace("/var/lib/virtuoso-opensource-7/db/", f"{folder}/")
    ini = re.sub(r"(?m)^ServerPort(\s*)=\s*1111\b", f"ServerPort\\1= 127.0.0.1:{sql_port}", ini)
    ini = re.sub(r"(?m)^ServerPort(\s*)=\s*8890\b", f"ServerPort\\1= 127.0.0.1:{http_port}", ini)
    ini = re.sub(r"(?m)^(DirsAllowed\s*=.*)$", lambda m: ", ".join([m.group(1), *dirs_allowed]), ini)
    assert f"127.0.0.1:{sql_port}" in ini and f"127.0.0.1:{http_port}" in ini, "Debian's virtuoso.ini has changed"
    (folder / "virtuoso.ini").write_text(ini)
    log = open(folder / "virtuoso-t.out", "wb")
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")], cwd=folder,
                               stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"virtuoso-t stopped: {(folder / 'virtuoso.log').read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("Virtuoso was not ready within 120 s")
            time.sleep(0.2)
        server = Virtuoso(base, sql_port, folder)
        server.pid = process.pid  # for a benchmark's CPU seconds (/proc/PID/stat)
        server.isql(VIRTUOSO_GRANT)
        yield server
    finally:
        process.kill()
        process.wait()
        log.close()
