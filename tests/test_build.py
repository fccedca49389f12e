"""Building: idempotent, transactional, and strict about its annotation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from newsgraph.errors import InputError
from newsgraph.graph.model.build import build_article, build_store, bundled_articles
from newsgraph.graph.store import GraphStore


def _isomorphic(first: GraphStore, second: GraphStore) -> bool:
    import pyoxigraph as ox

    def canonical(store):
        dataset = ox.Dataset(store.quads())
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        return set(dataset)

    return canonical(first) == canonical(second)


def test_rebuilding_gives_an_isomorphic_graph(tmp_path):
    with GraphStore(tmp_path / "store") as store:
        build_store(store)
        first_size = len(store)
        once = GraphStore(tmp_path / "once")
        once.replace_graphs({g: [q for q in store.quads(g)] for g in store.graph_names()})
        build_store(store)
        assert len(store) == first_size
        assert _isomorphic(store, once)


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    (source,) = bundled_articles()
    target = tmp_path / source.name
    target.write_text(source.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    shutil.copy(source.with_suffix(".txt"), target.with_suffix(".txt"))
    return target


def test_a_quote_not_in_its_sentence_is_an_error(tmp_path):
    broken = _broken_copy(tmp_path, 'ann:quote "Minister Akazawa Ryosei"', 'ann:quote "Minister Akazawa Ryosel"')
    with pytest.raises(InputError, match="Minister Akazawa Ryosel.*not found"):
        build_article(broken)


def test_a_date_that_disagrees_with_its_expression_is_an_error(tmp_path):
    broken = _broken_copy(tmp_path, '"2025-05-29"^^xsd:date', '"2025-05-19"^^xsd:date')
    with pytest.raises(InputError, match="on the 29th.*2025-05-29"):
        build_article(broken)


def test_a_syntax_error_names_file_line_and_column(tmp_path):
    broken = _broken_copy(tmp_path, "c:s1-government {", "c:s1-government {{")
    with pytest.raises(InputError) as caught:
        build_article(broken)
    message = str(caught.value)
    line = next(number for number, text in enumerate(broken.read_text().splitlines(), 1) if "c:s1-government {{" in text)
    assert message.startswith(f"{broken}:{line}:")


def test_a_failed_build_leaves_the_store_as_it_was(tmp_path):
    broken = _broken_copy(tmp_path, 'ann:quote "Minister Akazawa Ryosei"', 'ann:quote "nowhere"')
    with GraphStore(tmp_path / "store") as store:
        build_store(store)
        before = set(store.quads())
        with pytest.raises(InputError):
            build_store(store, [broken])
        assert set(store.quads()) == before


def test_a_second_process_gets_store_in_use(tmp_path):
    import os
    import subprocess
    import sys

    from newsgraph.errors import StoreBusyError

    with GraphStore(tmp_path / "store"):
        child = subprocess.run(
            [sys.executable, "-c",
             "import sys; from pathlib import Path; from newsgraph.graph.store import GraphStore\n"
             "from newsgraph.errors import StoreBusyError\n"
             "try:\n    GraphStore(Path(sys.argv[1]))\nexcept StoreBusyError as e:\n    print(e)\n",
             str(tmp_path / "store")], capture_output=True, text=True, timeout=60)
        assert child.stdout.strip() == f"store {tmp_path / 'store'} is in use by process {os.getpid()}"
        with pytest.raises(StoreBusyError):
            GraphStore(tmp_path / "store")
