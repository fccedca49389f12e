"""`link` measured on labelled cross-graph identity pairs of real news graphs (bench/link_eval.py)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO

DATA = REPO.parent / "shared" / "news-graphs"


@pytest.mark.skipif(not DATA.is_dir(), reason="the news graphs of ../shared/news-graphs are not here")
def test_link_on_the_labelled_pairs(tmp_path):
    figures_path = tmp_path / "figures.json"
    result = subprocess.run([sys.executable, str(REPO / "bench" / "link_eval.py"), "--data", str(DATA), "--json", str(figures_path)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    figures = json.loads(figures_path.read_text())
    assert (figures["pairs"], figures["same"], figures["different"], figures["missing"]) == (38, 25, 13, 0)
    # Targets of issue 15: precision of accepted owl:sameAs >= 0.99, recall >= 0.9 on pairs with a
    # shared identifier or a full name with compatible types, no event merged without an identifier.
    assert figures["precision_accepted"] == 1.0
    assert figures["recall_should_join"] == 1.0 and figures["should_join"] == 16
    assert figures["merged_events_without_identifier"] == 0
    assert figures["by_method"]["identifier"] == {"joined": 4, "right": 4, "precision": 1.0}
    assert figures["by_method"]["name-context"] == {"joined": 11, "right": 11, "precision": 1.0}
    assert figures["by_method"]["ingest"] == {"joined": 3, "right": 3, "precision": 1.0}
    # What is left for review: 5 labelled pairs are candidates, 4 of them right (two NewsReader
    # "Transported" sentences share a month and a term, and are proposed). A sixth right pair is
    # accepted by name and context since imported names are aligned (skos:prefLabel is a label).
    assert figures["candidates"] == {"proposed": 5, "right": 4, "precision": 0.8}
    assert figures["recall_same_joined_or_proposed"] == 0.88  # English and German DBpedia stay apart
    assert figures["wrong"] == [] and figures["missed"] == []
    assert "precision of accepted owl:sameAs   1.0" in result.stdout
