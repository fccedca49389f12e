"""The command line and the server fuzzed for tracebacks (issue 19), in the slow suite.

- Every command of the installed `newsgraph`, with argument vectors drawn from a seeded random
  generator: real options with values that are hostile (not UTF-8, empty, 50,000 characters,
  huge numbers, nan and inf, IRIs that are not IRIs, missing files, folders as files, unknown
  options), against a copy of a built store. No traceback, an exit code the README names, and the
  store unchanged by every command that fails or only reads.
- `newsgraph serve` (read-only and --allow-update) over raw sockets: request lines, headers
  (Content-Length bad, huge, negative or twice; chunked; bad encodings; odd methods), bodies
  (random bytes, cut short, the wrong media type, nested braces, a whole request) and clients
  that hang up, each a good query or update with one to three parts spoiled. After every case the
  server answers a good query; every answer starts with a well-formed status line, none is a 500,
  no body is answered as a request of its own; its log holds no traceback.

The cases are the same on every run (NEWSGRAPH_FUZZ_SEED, default 19); NEWSGRAPH_FUZZ_CASES
changes how many (200 command lines, 300 requests to each server by default). A failure lists
the cases that failed, each reproducible by hand.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from conftest import newsgraph_command, run_cli
from servers import UPDATE_TOKEN, free_port, newsgraph_server_process

pytestmark = pytest.mark.slow

SEED = int(os.environ.get("NEWSGRAPH_FUZZ_SEED", "19"))
CLI_CASES = int(os.environ.get("NEWSGRAPH_FUZZ_CASES", "200"))  # a process each: about 2 minutes on 2 cores
SERVER_CASES = int(os.environ.get("NEWSGRAPH_FUZZ_CASES", "300"))  # per server: about 30 s
SERVE_GRACE = 4.0  # seconds after which a `serve` that has not exited is taken to be serving

NOT_UTF8 = os.fsdecode(b"\xff\xfe\x80")  # what Python makes of argument bytes that are not UTF-8
HALF_SURROGATE = os.fsdecode("é".encode("latin-1"))


# The command line


def inputs(folder: Path) -> dict[str, Path]:
    """Files of every kind a command may be given, in `folder`."""
    files = {
        "small.ttl": "<urn:test:a> <urn:test:b> 1 .\n",
        "broken.ttl": "<urn:test:a> <urn:test:b> .\n",
        "quads.nq": "<urn:test:a> <urn:test:b> <urn:test:c> <urn:test:g> .\n",
        "empty.ttl": "",
        "page.html": '<html><script type="application/ld+json">{"@type": "NewsArticle", "headline": "x"}</script></html>',
        "doc.jsonld": '{"@id": "urn:test:a", "urn:test:b": [' + "[" * 200 + "]" * 200 + "]}",
        "deep.jsonld": '{"@id": "urn:test:a", ' + '"urn:test:p": {' * 1500 + "}" * 1501,
        "bignum.ttl": "<urn:test:a> <urn:test:b> " + "9" * 4400 + " .\n",
        "bomb.rdf": '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">]><r>&a;</r>',
        "query.rq": "SELECT ?s WHERE { ?s a ?t } LIMIT 3",
        "bad.rq": "SELECT ?s WHERE { ?s a }",
        "update.ru": "INSERT DATA { <urn:test:fuzz> <urn:test:p> 1 }",
        "article.txt": "Japan offered to buy American chips worth 1 trillion yen, officials said on Tuesday.\n",
        "annotation.trig": "this is not TriG {",
    }
    paths = {}
    for name, text in files.items():
        paths[name] = folder / name
        paths[name].write_text(text, encoding="utf-8")
    paths["binary.ttl"] = folder / "binary.ttl"
    paths["binary.ttl"].write_bytes(bytes(random.Random(SEED).randrange(256) for _ in range(2000)))
    paths["latin1.ttl"] = folder / "latin1.ttl"
    paths["latin1.ttl"].write_bytes('<urn:test:a> <urn:test:b> "caf\xe9" .\n'.encode("latin-1"))
    (folder / "a-folder").mkdir()
    paths["a-folder"] = folder / "a-folder"
    paths["missing"] = folder / "missing.ttl"
    return paths


class Values:
    """The pools argument values are drawn from; every path is inside the test's folder (the
    tests run as any user, root included, so nothing may name a file elsewhere to write)."""

    def __init__(self, folder: Path, closed_port: int):
        self.folder = folder
        self.files = inputs(folder / "in")
        self.closed = f"http://127.0.0.1:{closed_port}"  # nothing listens there: nothing is fetched

    def hostile(self, rng: random.Random) -> str:
        return rng.choice([
            "", " ", "-", "--", "x" * 50_000, NOT_UTF8, HALF_SURROGATE, "日本語", "\u202e\u200b", "a\nb", "\t",
            "9" * 400, "-1", "0", "1e308", "-1e309", "1e-320", "nan", "inf", "-inf", "NaN", "0x10",
            "not an iri", "http://[::1", "<http://ex/>", "http://ex/%zz", "urn:", ":", "ng:", "_:b", "file:///dev/null",
            "--nope", "-Z", "--json", "--help", "'\"{}<>", "%s%n", "${HOME}", "$(true)", "\\", "\x7f",
            str(self.files["missing"]), str(self.files["a-folder"]), "/dev/null",
        ])

    def pick(self, kind: str, rng: random.Random) -> str:
        if kind not in ("host", "store", "output") and rng.random() < 0.3:
            return self.hostile(rng)
        files = self.files
        choices = {
            "rdf": [files[n] for n in ("small.ttl", "broken.ttl", "quads.nq", "empty.ttl", "page.html", "doc.jsonld",
                                       "deep.jsonld", "bignum.ttl", "bomb.rdf", "binary.ttl", "latin1.ttl", "a-folder",
                                       "missing")] + ["-", "/dev/null", f"{self.closed}/x.ttl"],
            "query_file": [files[n] for n in ("query.rq", "bad.rq", "update.ru", "binary.ttl", "a-folder", "missing")] + ["-"],
            "text_file": [files[n] for n in ("article.txt", "binary.ttl", "empty.ttl", "a-folder", "missing", "latin1.ttl")],
            "annotation": [files[n] for n in ("annotation.trig", "article.txt", "missing", "a-folder")],
            "iri": ["urn:test:g", "https://w3id.org/newsgraph/graph/update", "http://ex/a b", "http://[::1", "ex:",
                    "http://ex/%zz", "urn:test:" + "a" * 5000],
            "format": ["turtle", "ntriples", "nquads", "trig", "jsonld", "json", "xml", "html", "csv", "tsv", "table",
                       "text/turtle", "application/sparql-results+json", ".ttl", "bogus", "TURTLE", "svg", "png"],
            "number": ["0", "1", "2", "0.5", "1e-9", "100", "-3", "99999999999999999999", "1e400"],
            "seconds": ["0.001", "1", "30", "0", "-1", "1e-300", "1e300"],
            "sparql": ["SELECT * WHERE { ?s ?p ?o } LIMIT 2", "ASK { <urn:none> ?p ?o }", "ASK {}",
                       "CONSTRUCT WHERE { ?s a ?t } LIMIT 2", "DESCRIBE ngid:japan", "SELECT (1/0 AS ?x) {}",
                       'SELECT * WHERE { ?s ?p ?o FILTER regex(?o, "(((") }', "SELECT ?x WHERE { BIND(?x AS ?x) }",
                       f"SELECT * WHERE {{ SERVICE <{self.closed}/sparql> {{ ?s ?p ?o }} }}",
                       "SELECT * WHERE " + "{" * 3000 + "}" * 3000, "SELECT * WHERE { ?s ?p ?o } LIMIT 99999999999999999999",
                       "INSERT DATA { <urn:a> <urn:b> 1 }", "SELECT", "PREFIX : <bad iri> SELECT * {}",
                       'SELECT * WHERE { ?s ?p "\\uD800" }', "SELECT * { ?s ?p ?o } ORDER BY (?o + 1) LIMIT 1"],
            "update": ["INSERT DATA { <urn:test:fuzz> <urn:test:p> 1 }", "DROP SILENT GRAPH <urn:none>",
                       f"LOAD <{self.closed}/x.ttl>", "DELETE WHERE { <urn:none> ?p ?o }", "CLEAR GRAPH <urn:none>",
                       "INSERT DATA { GRAPH <bad iri> { <urn:a> <urn:b> 1 } }", "INSERT { ?s ?p ?o } WHERE { ?s ?p ?o } ;",
                       "INSERT DATA { <urn:a> <urn:b> " + "9" * 5000 + " }", "SELECT * {}", "DROP", "ADD <urn:x> TO <urn:y>"],
            "param": ["country=Japan", "country=<http://ex/>", "x=1", "x", "=", "=1", "x=", "country=\"Japan\"@en",
                      'x="5"^^xsd:integer', 'x="a"^^<bad iri>', "x=ngid:nvidia", "x=undeclared:thing", "x=<http://[::1>",
                      "x=_:b", f"x={NOT_UTF8}", "1x=2", "x=" + "9" * 5000, 'x="unterminated', "x=<>", "x=true"],
            "name": ["tariffs", "offer", "negotiations", "tariff-composition", "nope", "../etc/passwd", ""],
            "entity": ["Japan", "japan", "ngid:nvidia", "https://w3id.org/newsgraph/id/japan", "Akazawa", "NVIDIA",
                       "nobody at all", "ng:", "<http://ex/>", "a"],
            "date": ["2025-05-28", "2025-13-45", "0000-01-01", "9999-12-31", "2025-5-28", "yesterday", "20250528"],
            "lang": ["en", "ja", "", "x" * 100, "en-US", "123", "-"],
            "url": [self.closed + "/sparql", "http://127.0.0.1:0/", "ftp://127.0.0.1/x", "not a url", "http://", "//x",
                    "http://[::1"],
            "reasoner": ["owlrl", "hermit", "auto", "bogus", ""],
            "id": ["1", "0", "-1", "abc", "https://w3id.org/newsgraph/link/x", "9" * 400],
            "depth": ["1", "2", "3", "0", "4", "-1", "99999999999999999999"],
            "token": [UPDATE_TOKEN, "short", "x" * 16 + " y", "\u00e9" * 20, "a" * 5000],
            # Loopback or names that fail before any look-up: a fuzz test listens nowhere else.
            "host": ["127.0.0.1", "localhost", "::1", "127.0.0.2", "a" * 300, NOT_UTF8, "[::1"],
            "port": ["0", "-1", "70000", "nan", "abc", "99999999999999999999", "1.5"],
            "store": [self.folder / "missing-store", self.files["small.ttl"], self.files["a-folder"], self.folder / "in"],
            "output": [self.folder / "out" / n for n in ("o.ttl", "o.svg", "o.png", "o.html", "o.nt", "o", "o.bogus")]
                      + [self.folder / "missing" / "o.ttl", self.files["a-folder"], "-", "/dev/null", ""],
        }[kind]
        return str(rng.choice(choices))


# command -> ([(option, kind or None for a flag), ...], [(positional kind, least, most), ...], weight)
COMMANDS = {
    "build": ([("--json", None)], [("annotation", 0, 1)], 1),
    "import": ([("-g", "iri"), ("-F", "format"), ("--allow-remote", None), ("--max-bytes", "number"),
                ("--base", "iri"), ("--lenient", None), ("--url", "iri")], [("rdf", 0, 3)], 5),
    "query": ([("-p", "param"), ("-f", "query_file"), ("-q", "sparql"), ("-F", "format"), ("--timeout", "seconds"),
               ("--allow-service", "url")], [("name", 0, 1)], 8),
    "update": ([("-f", "query_file"), ("-q", "update"), ("--dry-run", None), ("--timeout", "seconds")], [], 5),
    "queries": ([("--json", None)], [], 1),
    "export": ([("-F", "format"), ("-o", "output"), ("-g", "iri")], [], 3),
    "stats": ([("--json", None)], [], 1),
    "describe": ([("--json", None)], [("entity", 0, 2)], 2),
    "reason": ([("--reasoner", "reasoner"), ("--dry-run", None), ("--json", None)], [("rdf", 0, 2)], 1),
    "validate": ([("-F", "format"), ("--json", None)], [("rdf", 0, 2)], 1),
    "check": ([("--json", None)], [], 1),
    "report": ([("--json", None)], [], 1),
    "ingest": ([("--published", "date"), ("--source", "entity"), ("--url", "iri"), ("--lang", "lang")],
               [("text_file", 0, 2)], 3),
    "link": ([("--threshold", "number"), ("--wikidata", "url"), ("--timeout", "seconds")], [], 2),
    "links": ([("--accept", "id"), ("--reject", "id"), ("--json", None)], [], 2),
    "serve": ([("--host", "host"), ("--port", "port"), ("--allow-update", None), ("--update-token", "token"),
               ("--timeout", "seconds"), ("--allow-service", "url")], [], 2),
    "push": ([("--connections", "depth")], [], 1),
    "show": ([("-o", "output"), ("--depth", "depth"), ("--article", "entity")], [("entity", 0, 1)], 2),
    "timeline": ([("--entity", "entity"), ("-o", "output"), ("--json", None)], [], 2),
}
GLOBAL = [("--wait", "seconds"), ("--endpoint", "url"), ("--update-endpoint", "url"), ("--endpoint-timeout", "seconds"),
          ("--store", "store")]
# Commands that write to the store when they succeed; every other one must leave it as it was.
WRITERS = {"build", "import", "update", "ingest", "link", "links", "reason"}
# Exit codes the README names: 0 success, 1 a negative answer, 2 bad input or usage, 3 a query out of time.
NEGATIVE = {"query", "reason", "validate", "check", "report"}
TIMED = {"query", "update"}


def cli_case(rng: random.Random, values: Values) -> tuple[list[str], bytes]:
    """An argument vector and the bytes on its standard input."""
    names = list(COMMANDS)
    command = rng.choices(names, weights=[COMMANDS[n][2] for n in names])[0]
    options, positionals, _ = COMMANDS[command]
    argv = []
    for flag, kind in rng.sample(GLOBAL, rng.choice([0, 0, 0, 1, 2])):
        argv += [flag, values.pick(kind, rng)]
    argv.append(command)
    for flag, kind in (rng.choice(options) for _ in range(rng.choice([0, 1, 1, 2, 3, 4]) if options else 0)):
        argv += [flag] if kind is None else [flag, values.pick(kind, rng)]
    for kind, least, most in positionals:
        argv += [values.pick(kind, rng) for _ in range(rng.randint(least, most))]
    if command != "serve" and rng.random() < 0.1:  # not for serve: a stray value could become its --host
        argv.insert(rng.randrange(len(argv) + 1), values.hostile(rng))  # a stray argument anywhere
    if command != "serve" and rng.random() < 0.05:
        argv.insert(rng.randrange(len(argv) + 1), rng.choice(["--no-such-option", "-?", "--store"]))
    stdin = rng.choice([b"", b"SELECT * WHERE { ?s ?p ?o } LIMIT 1", b"\xff\xfe\x00garbage",
                        b"<urn:test:a> <urn:test:b> 2 .", bytes(rng.randrange(256) for _ in range(300))])
    return argv, stdin


def store_digest(store: Path) -> str:
    """The store's quads as sorted N-Quads, hashed (read in this process: no command to spawn)."""
    from newsgraph.graph.api import Newsgraph

    data, _ = Newsgraph(store, wait=30).export(format="nquads")
    return hashlib.sha256(b"\n".join(sorted(data.splitlines()))).hexdigest()


def run_case(argv: list[str], stdin: bytes, store: Path, cwd: Path, command: str | None) -> tuple[int | None, str]:
    """(exit code, or None for a server still serving after SERVE_GRACE; stderr)."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("NEWSGRAPH_")}
    environment.update(NEWSGRAPH_STORE=str(store), HOME=str(cwd), XDG_DATA_HOME=str(cwd / "data"), NEWSGRAPH_JAVA="none")
    process = subprocess.Popen(newsgraph_command() + argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=environment, cwd=cwd)
    try:
        _, stderr = process.communicate(stdin, timeout=SERVE_GRACE if command == "serve" else 300)
        code = process.returncode
    except subprocess.TimeoutExpired:
        process.kill()
        _, stderr = process.communicate()
        code = None
    return code, stderr.decode("utf-8", "replace")


def shown(argv: list[str], folder: Path) -> str:
    """The command as one could type it, the test's folder written $T and long values cut."""
    short = [a.replace(str(folder), "$T") for a in argv]
    return " ".join(repr(a[:60] + f"...({len(a)} characters)" if len(a) > 60 else a) for a in short)


def test_the_command_line_fuzzed(tmp_path):
    seed_store = tmp_path / "seed"
    assert run_cli("build", store=seed_store).returncode == 0
    pristine = store_digest(seed_store)
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    work = tmp_path / "work"
    (work / "out").mkdir(parents=True)
    (work / "in").mkdir()
    values = Values(work, free_port())
    rng = random.Random(SEED)
    failures, codes = [], {}
    for number in range(CLI_CASES):
        argv, stdin = cli_case(rng, values)
        command = next((a for a in argv if a in COMMANDS), None)
        code, stderr = run_case(argv, stdin, store, work, command)
        codes[code] = codes.get(code, 0) + 1
        problem = None
        if "Traceback" in stderr:
            problem = "a traceback: " + stderr[-600:]
        elif code is None and command != "serve":
            problem = "still running"
        elif code is not None and code not in {0, 2} | ({1} if command in NEGATIVE else set()) | ({3} if command in TIMED else set()):
            problem = f"exit code {code}: {stderr[-300:]}"
        elif code == 2 and not stderr.strip():
            problem = "exit 2 without a word"
        else:
            after = store_digest(store)
            if after != pristine:
                # A batch import keeps the sources it could read and exits 2 for the others (README).
                partly = command == "import" and code == 2 and re.search(r"^[1-9]\d* sources? imported", stderr, re.M)
                if (code != 0 and not partly) or command not in WRITERS:
                    problem = f"the store changed (exit {code})"
                shutil.rmtree(store)  # the next case starts from the built store again
                shutil.copytree(seed_store, store)
        if problem:
            failures.append(f"case {number}: newsgraph {shown(argv, work)}: {problem}")
    print(f"{CLI_CASES} command lines; exit codes {codes}")
    assert failures == [], "\n".join(failures)


# The server


GOOD_QUERIES = ["SELECT * WHERE { ?s ?p ?o } LIMIT 1", "ASK { ?s a ?t }", "CONSTRUCT WHERE { ?s a ?t } LIMIT 2",
                "DESCRIBE ngid:japan", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"]
GOOD_UPDATES = ["INSERT DATA { <urn:fuzz:a> <urn:fuzz:b> 1 }", "DELETE DATA { <urn:fuzz:a> <urn:fuzz:b> 1 }",
                "DROP SILENT GRAPH <urn:fuzz:none>", "INSERT DATA { GRAPH <urn:fuzz:g> { <urn:fuzz:a> <urn:fuzz:b> 'x' } }"]


def request_cases(rng: random.Random, port: int, token: str) -> tuple[str, bytes, str, int | None]:
    """(label, the bytes a client sends, how it leaves: 'half' closes its sending side and reads
    the answer, 'hangup' goes away without reading, 'stall' sends and waits a moment before
    hanging up; how many requests the bytes hold, or None when the Content-Length does not say
    where the body ends, and what follows it is a request of its own). A good request (a query by GET or POST, or an update with the token) with one to
    three of its parts spoiled."""
    form = rng.choice(["get", "post-query", "post-form", "post-update", "post-form-update"])
    text = rng.choice(GOOD_UPDATES if "update" in form else GOOD_QUERIES)
    key = "update" if "update" in form else "query"
    part = {
        "method": "GET" if form == "get" else "POST",
        "path": "/sparql?query=" + quote(text) if form == "get" else "/sparql",
        "version": "HTTP/1.1",
        "host": f"127.0.0.1:{port}",
        "type": {"get": None, "post-query": "application/sparql-query", "post-update": "application/sparql-update",
                 "post-form": "application/x-www-form-urlencoded", "post-form-update": "application/x-www-form-urlencoded"}[form],
        "body": b"" if form == "get" else (f"{key}={quote(text)}" if "form" in form else text).encode(),
        "length": "exact",
        "extra": [f"Authorization: Bearer {token}"] if "update" in form else [],
        "accept": rng.choice([None, "application/sparql-results+json", "text/csv", "text/turtle", "application/ld+json"]),
    }
    insert = "INSERT DATA { <urn:fuzz:smuggled> <urn:fuzz:b> 1 }"
    smuggled = (f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/sparql-update\r\n"
                f"Authorization: Bearer {token}\r\nContent-Length: {len(insert)}\r\n\r\n{insert}").encode()
    spoilers = {
        "method": lambda: rng.choice(["HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "get", "BREW", "",
                                      "G\x00T", "POST\tPOST", "\xe9", "GET" if part["method"] == "POST" else "POST"]),
        "path": lambda: rng.choice([
            "/sparql/", "/", "/index.html", "/queries", "/named/tariffs?country=Japan", "/named/nope",
            "/named/tariffs?country=%FF", "/named/tariffs?country=<http://[::1>", "/named/measures?party=japan",
            "/named/event-reports?event=" + quote("fourth round of the Japan–U.S. tariff negotiations"), "/named/tariffs?country=" + "9" * 5000,
            "/named/../../etc/passwd", "/sparql?query=%ZZ", "/sparql?query=%FF%FE", "/sparql?query=" + quote("{" * 2000),
            "/sparql?query=ASK{}&query=ASK{}", "/sparql?update=DROP%20ALL", "/sparql?query=" + quote("SELECT"),
            "/sparql?query=" + quote("ASK {}") + "&default-graph-uri=" + quote("not an iri"),
            "/sparql?query=" + quote("ASK {}") + "&named-graph-uri=" + quote("http://[::1"),
            "/sparql?query=" + quote("ASK { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"),
            "/sparql?query=" + quote('SELECT * WHERE { ?s ?p ?o FILTER regex(?o, "(((") }'),
            "/sparql?using-graph-uri=urn:x", "/sparql?" + "a=" * 5000, "*", "http://127.0.0.1/sparql", "//",
            "/" + "x" * 70_000, "/%00", "/sparql#frag", "", "/sparql?query=" + quote(text) + "&query=",
        ]),
        "version": lambda: rng.choice(["HTTP/1.0", "HTTP/2.0", "HTTP/1.1 extra", "HTTP/9", "http/1.1", "", "HTTP/1.x",
                                       "HTTP/01.1", "HTTP/1.1\x00"]),
        "host": lambda: rng.choice([None, f"localhost:{port}", "evil.example", "", "127.0.0.1:1", "\xff", "[::1",
                                    f"127.0.0.1:{port}\x00", "x" * 10_000, f"127.0.0.1:{port}, evil.example"]),
        "type": lambda: rng.choice([None, "text/plain", "", "multipart/form-data; boundary=x", ";;;", "\xff/\xfe",
                                    "application/x-www-form-urlencoded; charset=latin-1", "application/sparql-query; charset",
                                    "application/sparql-query; charset=utf-16", "application/sparql-update; charset=\"UTF-8\"",
                                    "application/sparql-query" if "update" in form else "application/sparql-update"]),
        "body": lambda: rng.choice([
            b"\xff\xfe\x00\x01", b"{" * 20_000, b"SELECT * WHERE " + b"{" * 3000 + b"}" * 3000, b"a=" * 5000,
            f"{key}=".encode() + b"x" * 100_000, bytes(rng.randrange(256) for _ in range(rng.randrange(1, 2000))),
            text.encode("utf-16"), b"LOAD <http://127.0.0.1:1/x>", f"{key}=%FF%FE".encode(), f"{key}={key}".encode(),
            b"update=" + quote("INSERT DATA { GRAPH <bad iri> { <urn:a> <urn:b> 1 } }").encode(),
            b"update=DROP%20GRAPH%20%3Curn:none%3E&query=ASK{}", b"INSERT DATA { <urn:a> <urn:b> " + b"9" * 5000 + b" }",
            b"query=" + quote(text).encode() + b"&default-graph-uri=%FF", b"",
            smuggled,  # a whole request in the body, to be run only if the body is read as the next request
        ]),
        "length": lambda: rng.choice(["none", "abc", "-5", "9" * 5000, str(10 ** 12), "0", "+3", " 3 ", "1e3", "0x10",
                                      "twice", "twice-different", "short", "long", "\xbd", "\xb2", "\u0663"]),
        "extra": lambda: rng.sample([
            "Authorization: Bearer", "Authorization: Basic Zm9vOmJhcg==", f"Authorization: Bearer {token}\xe9",
            f"Authorization: bearer  {token} ", "Authorization: " + "B" * 9000, "Transfer-Encoding: chunked",
            "Transfer-Encoding: gzip, chunked", "Content-Encoding: gzip", "Expect: 100-continue", "Accept: \xff",
            "Accept: application/sparql-results+xml;q=0.5, text/csv;q=x", "Accept: */*;q=nan", "Accept: ;q=1e999",
            "Origin: http://evil.example", f"Origin: http://127.0.0.1:{port}", "Origin: null", "Referer: ::::",
            "Referer: http://[::1", "Connection: keep-alive", "Connection: close", "X-Long: " + "x" * 70_000,
            "no colon here", ": empty name", " folded continuation", "Host: second.example", "\xe9: \xe9",
            "Range: bytes=0-1", *[f"X-Many-{n}: {n}" for n in range(120)],
        ], rng.choice([1, 2, 3])),
        "accept": lambda: rng.choice(["\xff", "*/*;q=nan", "text/turtle;q=0, application/n-triples;q=1e999", "x" * 9000]),
    }
    spoiled = rng.sample(list(spoilers), rng.choice([1, 1, 2, 3]))
    for name in spoiled:
        part[name] = spoilers[name]()
    if isinstance(part["extra"], str):
        part["extra"] = [part["extra"]]
    body = part["body"]
    headers = [] if part["host"] is None else [f"Host: {part['host']}"]
    if part["type"] is not None:
        headers.append(f"Content-Type: {part['type']}")
    if part["accept"] is not None:
        headers.append(f"Accept: {part['accept']}")
    length = part["length"]
    if length == "exact":
        headers.append(f"Content-Length: {len(body)}")
    elif length == "twice":
        headers += [f"Content-Length: {len(body)}"] * 2
    elif length == "twice-different":
        headers += [f"Content-Length: {len(body)}", f"Content-Length: {len(body) + 1}"]
    elif length == "short":
        headers.append(f"Content-Length: {max(len(body) - 3, 0)}")
    elif length == "long":
        headers.append(f"Content-Length: {len(body) + 50}")
    elif length != "none":
        headers.append(f"Content-Length: {length}")
    headers += part["extra"]
    if "Authorization: " + "B" * 9000 in headers or f"Authorization: Bearer {token}\xe9" in headers:
        headers = [h for h in headers if h != f"Authorization: Bearer {token}"]
    head = f"{part['method']} {part['path']} {part['version']}".rstrip()
    data = (head + "\r\n" + "".join(h + "\r\n" for h in headers) + "\r\n").encode("utf-8", "surrogateescape")
    if any("chunked" in h for h in headers) and rng.random() < 0.5:
        body = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
    data += body
    requests = 1 if length in ("exact", "twice") else None
    if requests and rng.random() < 0.1:  # a second request on the same connection
        data += f"GET /sparql?query={quote('ASK {}')} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
        requests = 2
    leave = rng.choice(["half"] * 8 + ["hangup", "stall"])
    if leave != "half" and rng.random() < 0.5:
        data = data[: rng.randrange(len(data) + 1)]  # gone in the middle of the request
    return f"{form}, spoiled {'/'.join(spoiled)}: {head[:70]!r}, {len(body)} bytes, {leave}", data, leave, requests


STATUS_LINE = re.compile(rb"HTTP/1\.[01] [1-5]\d\d [^\r\n]*\r\n")


def exchange(port: int, data: bytes, leave: str) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        try:
            connection.sendall(data)
        except (BrokenPipeError, ConnectionResetError):  # the server already answered and closed
            pass
        if leave == "hangup":
            return b""
        if leave == "stall":
            time.sleep(0.2)
            return b""
        try:
            connection.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        answer = b""
        try:
            while chunk := connection.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
    return answer


def good_query_answers(port: int) -> bool:
    data = (f"GET /sparql?query={quote('ASK { ?s a ?t }')} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Accept: application/sparql-results+json\r\nConnection: close\r\n\r\n").encode()
    answer = exchange(port, data, "half")
    return answer.startswith(b"HTTP/1.1 200 ") and b'"boolean":true' in answer.replace(b" ", b"")


@pytest.mark.parametrize("mode", ["read-only", "allow-update"])
def test_the_server_fuzzed(tmp_path, mode):
    store = tmp_path / "store"
    assert run_cli("build", store=store).returncode == 0
    options = ["--timeout", "5"] + (["--allow-update"] if mode == "allow-update" else [])
    rng = random.Random(SEED + (mode == "allow-update"))
    failures, statuses = [], {}
    with newsgraph_server_process(store, *options) as (base, process):
        port = urlsplit(base).port
        for number in range(SERVER_CASES):
            label, data, leave, requests = request_cases(rng, port, UPDATE_TOKEN)
            answer = exchange(port, data, leave)
            answers = [s for s in re.findall(rb"(?:^|\r\n)HTTP/1\.[01] (\d\d\d) ", answer) if s != b"100"]
            if requests and len(answers) > requests:  # a body was read as a request of its own
                failures.append(f"case {number} ({label}): {len(answers)} answers to {requests} requests: {answer[:300]!r}")
            if answer:
                status = answer[9:12].decode("ascii", "replace")
                statuses[status] = statuses.get(status, 0) + 1
                if not STATUS_LINE.match(answer):
                    failures.append(f"case {number} ({label}): not an HTTP answer: {answer[:120]!r}")
                elif status.startswith("5") and status not in ("501", "503", "505"):  # 501 a method, 505 a version we do not speak
                    failures.append(f"case {number} ({label}): {answer[:300]!r}")
            elif leave == "half":
                statuses["closed"] = statuses.get("closed", 0) + 1
            if process.poll() is not None:
                failures.append(f"case {number} ({label}): the server stopped")
                break
            if not good_query_answers(port):
                failures.append(f"case {number} ({label}): a good query went unanswered afterwards")
        process.kill()
        process.wait()
        log = process.stderr.read().decode("utf-8", "replace")
    print(f"{mode}: {SERVER_CASES} requests; statuses {dict(sorted(statuses.items()))}")
    assert "Traceback" not in log, log[-3000:]
    assert failures == [], "\n".join(failures)
