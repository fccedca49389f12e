"""Smoke test of the benchmark harness at its smallest scale: it runs, and its figures are sane.
The benchmark itself is run by hand (bench/run.py); its figures are in the README."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow


def test_bench_runs_at_the_smallest_scale(tmp_path):
    report = tmp_path / "bench.json"
    result = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--scale", "10k", "--runs", "1",
                             "--no-rdflib", "--json", str(report)], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(report.read_text())
    assert figures["quads"] >= 10_000
    assert figures["import"]["newsgraph_quads_per_s"] > 0 and figures["import"]["raw_quads_per_s"] > 0
    assert figures["import"]["newsgraph_cpu_s"] > 0 and figures["import"]["raw_cpu_s"] > 0
    assert all(q["newsgraph_cpu_ms"] > 0 and q["raw_cpu_ms"] > 0 for q in figures["queries"].values())
    assert set(figures["queries"]) >= {"negotiations", "tariffs", "timeline"}
    assert figures["link"]["links"] > 0, "the corpus links: article-local people are resolved"
    assert figures["cold_start"]["query_ratio_to_hello"] > 0
    assert "import   newsgraph" in result.stdout and "start    --help" in result.stdout


def test_the_generator_is_deterministic(tmp_path):
    sys.path.insert(0, str(REPO / "bench"))
    from generate import generate

    first, second = tmp_path / "a.nq", tmp_path / "b.nq"
    assert generate(20, 7, first) == generate(20, 7, second)
    assert first.read_bytes() == second.read_bytes()
