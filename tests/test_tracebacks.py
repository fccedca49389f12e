"""Inputs that ended in a Python traceback (issue 19): each now gets one line on stderr and exit
code 2 from the installed `newsgraph`, and leaves the store as it was. One row per input."""

from __future__ import annotations

import os
import resource
import subprocess

import pytest
from conftest import newsgraph_command, run_cli
from servers import free_port

NOT_UTF8 = os.fsdecode(b"\xff")  # what Python makes of an argument that is not UTF-8


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "deep.jsonld").write_text('{"@id": "urn:test:a", ' + '"urn:test:p": {' * 1500 + "}" * 1501)
    (folder / "bignum.jsonld").write_text('{"@id": "urn:test:a", "urn:test:b": ' + "9" * 4400 + "}")
    (folder / "bignum.ttl").write_text("<urn:test:a> <urn:test:b> " + "9" * 4400 + " .\n")
    (folder / "small.ttl").write_text("<urn:test:a> <urn:test:b> 1 .\n")
    (folder / "article.txt").write_text("Japan offered to buy chips, officials said on Tuesday.\n")
    (folder / "a-folder").mkdir()
    return folder


@pytest.fixture(scope="module")
def own_store(tmp_path_factory):
    """A built store of this module's own, which some rows try to write to."""
    path = tmp_path_factory.mktemp("own") / "store"
    assert run_cli("build", store=path).returncode == 0
    return path


@pytest.fixture(scope="module")
def rows_run(own_store) -> dict:
    """The store's export before any row ran, and the rows run since (test_one_line_and_exit_2
    adds each), so that test_the_store_is_unchanged_by_every_row runs only those not yet run."""
    return {"before": snapshot(own_store), "names": set()}


def snapshot(store) -> str:
    result = run_cli("export", "-F", "nquads", store=store)
    assert result.returncode == 0, result.stderr
    return result.stdout


NESTED = "{" * 3000 + "}" * 3000

# (row name, arguments; {files} is the folder of inputs, {port} a free port)
ROWS = [
    ("JSON-LD nested 1,500 levels, imported", ["import", "{files}/deep.jsonld"]),
    ("JSON-LD nested 1,500 levels, validated", ["validate", "{files}/deep.jsonld"]),
    ("a number of 4,400 digits in JSON-LD", ["import", "{files}/bignum.jsonld"]),
    ("a number of 4,400 digits, validated", ["validate", "{files}/bignum.ttl"]),
    ("a number of 4,400 digits, reasoned over", ["reason", "--reasoner", "owlrl", "{files}/bignum.ttl"]),
    ("import --graph 'not an iri'", ["import", "--graph", "not an iri", "{files}/small.ttl"]),
    ("import --base 'not an iri'", ["import", "--base", "not an iri", "{files}/small.ttl"]),
    ("ingest --url 'bad <>'", ["ingest", "{files}/article.txt", "--published", "2025-05-28", "--source", "X", "--url", "bad <>"]),
    ("ingest --url 'http://[::1'", ["ingest", "{files}/article.txt", "--published", "2025-05-28", "--source", "X",
                                    "--url", "http://[::1"]),
    ("-p 'x=<http://[::1>'", ["query", "-q", "SELECT * WHERE { ?s ?p ?x }", "-p", "x=<http://[::1>"]),
    ("-p 'x=<http://ex/%zz>'", ["query", "-q", "SELECT * WHERE { ?s ?p ?x }", "-p", "x=<http://ex/%zz>"]),
    ("a parameter that is not UTF-8", ["query", "tariffs", "-p", f"country={NOT_UTF8}"]),
    ("an entity name that is not UTF-8", ["describe", NOT_UTF8]),
    ("export -o into a folder that does not exist", ["export", "-o", "{files}/missing/out.ttl"]),
    ("export -o onto a folder", ["export", "-o", "{files}/a-folder"]),
    ("serve --port 70000", ["serve", "--port", "70000"]),
    ("serve --port -1", ["serve", "--port", "-1"]),
    ("serve --timeout nan", ["serve", "--timeout", "nan", "--port", "{port}"]),
    ("serve --host 0.0.0.0 --allow-update without a token", ["serve", "--host", "0.0.0.0", "--allow-update", "--port", "{port}"]),
    ("query --timeout inf", ["query", "tariffs", "--timeout", "inf"]),
    ("query --timeout nan", ["query", "tariffs", "--timeout", "nan"]),
    ("update --timeout nan", ["update", "--timeout", "nan", "-q", "INSERT DATA { <urn:test:a> <urn:test:b> 1 }"]),
    ("--endpoint-timeout nan", ["--endpoint-timeout", "nan", "--endpoint", "http://127.0.0.1:{port}/sparql", "stats"]),
    ("--endpoint-timeout inf", ["--endpoint-timeout", "inf", "--endpoint", "http://127.0.0.1:{port}/sparql", "stats"]),
    ("--wait inf", ["--wait", "inf", "stats"]),
    ("a query nested 3,000 braces deep", ["query", "-q", f"SELECT * WHERE {NESTED}"]),
    ("an update nested 3,000 braces deep", ["update", "-q", f"INSERT {{ <urn:test:a> <urn:test:b> 1 }} WHERE {NESTED}"]),
    ("a SERVICE after a comment ended by CR", ["query", "-q", "SELECT * WHERE { #x\rSERVICE <http://127.0.0.1:{port}/x> { } }"]),
    # Found by the fuzz test (tests/test_fuzz.py):
    ("--endpoint 'http://[::1'", ["--endpoint", "http://[::1", "stats"]),
    ("--update-endpoint 'http://[::1'", ["--endpoint", "http://127.0.0.1:{port}/sparql", "--update-endpoint", "http://[::1", "push"]),
    ("query --timeout 1e300", ["query", "tariffs", "--timeout", "1e300"]),
    ("update --timeout 1e300", ["update", "--timeout", "1e300", "-q", "INSERT DATA { <urn:test:a> <urn:test:b> 1 }"]),
    ("serve --timeout 1e300", ["serve", "--timeout", "1e300", "--port", "{port}"]),
    ("--endpoint-timeout 1e300", ["--endpoint-timeout", "1e300", "--endpoint", "http://127.0.0.1:{port}/sparql", "stats"]),
    ("link --timeout 1e300", ["link", "--wikidata", "http://127.0.0.1:{port}/sparql", "--timeout", "1e300"]),
    ("--allow-service 'http://[::1'", ["query", "--allow-service", "http://[::1", "-q", "ASK { SERVICE <http://[::1> { } }"]),
    ("--allow-service with port 99999", ["query", "--allow-service", "http://127.0.0.1:99999/", "-q",
                                         "ASK { SERVICE <http://127.0.0.1:99999/> { } }"]),
    ("import --allow-remote 'http://[::1/x.ttl'", ["import", "--allow-remote", "http://[::1/x.ttl"]),
    ("import --allow-remote with port 99999", ["import", "--allow-remote", "http://127.0.0.1:99999/x.ttl"]),
    ("import --allow-remote with a 300-letter host", ["import", "--allow-remote", f"http://{'a' * 300}/x.ttl"]),
    ("describe 'http://ex/%zz'", ["describe", "http://ex/%zz"]),
    ("timeline --entity 'http://ex/%zz'", ["timeline", "--entity", "http://ex/%zz"]),
]


@pytest.mark.parametrize("name, arguments", ROWS, ids=[row[0] for row in ROWS])
def test_one_line_and_exit_2(own_store, files, rows_run, name, arguments):
    port = str(free_port())
    filled = [argument.replace("{files}", str(files)).replace("{port}", port) for argument in arguments]
    result = run_cli(*filled, store=own_store, timeout=120)
    assert result.returncode == 2, (name, result.returncode, result.stderr[-2000:])
    rows_run["names"].add(name)
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr[-2000:]


def test_the_store_is_unchanged_by_every_row(own_store, files, rows_run):
    """Every row has run on the store (the rows above, in this session, or here those that did
    not), and the store is as it was built, before the first."""
    for name, arguments in ROWS:
        if name not in rows_run["names"]:
            port = str(free_port())
            filled = [argument.replace("{files}", str(files)).replace("{port}", port) for argument in arguments]
            assert run_cli(*filled, store=own_store, timeout=120).returncode == 2, name
            rows_run["names"].add(name)
    assert snapshot(own_store) == rows_run["before"]


def test_a_store_that_cannot_be_opened(tmp_path, seed_copy):
    """Another user's store, or a broken one: the lock file cannot be opened."""
    store = seed_copy  # tmp_path / "store": the seed, built once a session and copied
    (store / "newsgraph.lock").unlink()
    (store / "newsgraph.lock").mkdir()
    result = run_cli("stats", store=store)
    assert result.returncode == 2 and result.stderr == f"Error: {store}: cannot open the store: Is a directory\n"
    if os.geteuid() != 0:  # root reads whatever it likes
        (store / "newsgraph.lock").rmdir()
        store.chmod(0o500)
        try:
            denied = run_cli("update", "-q", "INSERT DATA { <urn:test:a> <urn:test:b> 1 }", store=store)
        finally:
            store.chmod(0o700)
        assert denied.returncode == 2 and "Permission denied" in denied.stderr and "Traceback" not in denied.stderr


def _limited(limit_bytes: int, *arguments: str, store) -> subprocess.CompletedProcess:
    """The command with files limited to `limit_bytes` (RLIMIT_FSIZE): writes past it fail as on a
    full disk (Python ignores SIGXFSZ, so the write returns EFBIG)."""
    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    environment = {**os.environ, "NEWSGRAPH_STORE": str(store)}
    return subprocess.run(newsgraph_command() + list(arguments), capture_output=True, text=True, env=environment,
                          preexec_fn=limit, timeout=300)


def test_a_full_disk_is_one_line_and_the_store_survives(tmp_path, seed_copy):
    store = seed_copy  # tmp_path / "store": the seed, built once a session and copied
    before = snapshot(store)
    big = tmp_path / "big.nt"
    big.write_text("".join(f'<urn:test:s{i}> <urn:test:p> "{"x" * 100}{i}" .\n' for i in range(60_000)))
    result = _limited(2 * 1024 * 1024, "import", str(big), store=store)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "cannot write the store" in result.stderr and "File too large" in result.stderr
    assert snapshot(store) == before
    exported = _limited(50 * 1024, "export", "-o", str(tmp_path / "out.ttl"), store=store)
    assert exported.returncode == 2 and exported.stderr == f"Error: {tmp_path / 'out.ttl'}: cannot write: File too large\n"
    assert not list(tmp_path.glob(".out.ttl.*")), "no temporary file is left behind"
