"""N-Quads and N-Triples routed as text (importer._TextRouted, graph/quadlines.py): the store an
import leaves, and what it reports, are those of the object path (_Routed), line by line where
the text could mislead a splitter (a literal that ends like a graph, escaped quotes, comments,
blank nodes, http://schema.org/ terms, other spacing); a broken line is reported at its line and
column, as the object path reports it, and leaves the store as it was."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from conftest import import_through_objects
from newsgraph.errors import InputError
from newsgraph.graph import importer, merge, quadlines
from newsgraph.graph.api import Newsgraph
from newsgraph.graph.store import engine_folder
from newsgraph.ontology import GRAPH

EX = "http://example.org/"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"

# Each line is something a splitter at the line's end could get wrong.
TRICKY = "\n".join([
    f'<{EX}s1> <{EX}p> "ends like a graph <{EX}x> ." .',  # a literal holding " <IRI> ." in the default graph
    f'<{EX}s2> <{EX}p> "quoted \\" <{EX}y> ." <{GRAPH}article/a> .',  # an escaped quote, then a graph
    f'<{EX}s3> <{EX}p> "back\\\\slash" <{GRAPH}article/a> .',  # an escaped backslash before the closing quote
    f'<{EX}s4> <{EX}p> <{GRAPH}article/b> .',  # a triple whose object is an IRI in newsgraph's graph namespace
    f'<{EX}s5> <{EX}p> "7"^^<{GRAPH}article/c> .',  # a datatype that looks like a graph
    f'<{EX}s6> <{EX}p> "7"^^<http://www.w3.org/2001/XMLSchema#integer> <{EX}g> .',
    f'<{EX}s7> {LABEL} "Seoul"@ko <{GRAPH}article/a> .',  # read by the alignment
    f'<{EX}s7> {TYPE} <https://schema.org/NewsArticle> <{GRAPH}article/a> .',
    f'<{EX}s8> <{EX}p> <{EX}o> <{EX}g> . # a comment <{GRAPH}article/z> .',  # a comment that ends like a graph
    f'# <{EX}s9> <{EX}p> <{EX}o> <{GRAPH}article/z> .',
    "",
    f'_:b1 <{EX}p> _:b2 <{GRAPH}article/a> .',  # blank nodes: skolemised
    f'<{EX}s10> <{EX}p> <{EX}o> _:graph .',  # a blank node as graph
    f'<http://schema.org/Thing> <http://schema.org/name> "Thing" <{EX}g> .',  # schema.org over http: moved to https
    f'<{EX}s11> <{EX}p> "see http://schema.org/ and _:x" <{EX}g> .',  # those characters in a literal only
    f'<{EX}s12>\t<{EX}p>\t<{EX}o>\t<{EX}g>\t.',  # tabs
    f'<{EX}s13>  <{EX}p> <{EX}o>   .',  # more spaces
    f'<{EX}s14> <{EX}p> <{EX}\\u0041> <{GRAPH}article/\\u0041> .',  # escaped IRIs, the graph in newsgraph's namespace
    f'<{EX}s15> <{EX}p> "tab\\tline\\nunicode \\u00E9" <{EX}g> .\r',  # a CRLF line
    f'<{EX}s16> <{EX}p> "" <{EX}g> .',
    f'<{EX}s17> <{EX}p> "x"@en-GB <{EX}g>.',  # no space before the dot
    f'<{EX}s18> <{EX}p> <{EX}o> <{GRAPH}article/a> .',  # last line without a line break
])


def _dump(folder) -> list[str]:
    """Every quad of the store, its default graph (the merge) too, as N-Quads lines sorted, the
    import's time stamp left out."""
    engine = ox.Store.read_only(str(engine_folder(folder)))
    try:
        return sorted(str(q) for q in engine if not q.predicate.value.endswith("generatedAtTime"))
    finally:
        del engine


def _report(report) -> list:
    return [(s.count, sorted(s.named_graphs), s.written, s.blank_nodes, sorted(s.repairs.items()), s.aligned)
            for s in report.imported]


def _both(tmp_path, monkeypatch, files: list, **options):
    """The stores and reports of importing `files` (each a list of sources, one import each) by
    the text path and by the object path."""
    results = []
    for label in ("text", "objects"):
        if label == "objects":
            import_through_objects(monkeypatch)
        graph = Newsgraph(tmp_path / label)
        reports = [_report(graph.import_sources([str(name) for name in names], **options)) for names in files]
        results.append((_dump(tmp_path / label), reports))
    return results


@pytest.fixture(params=["transaction", "bulk loader in small calls"])
def write_path(request, monkeypatch):
    """Small files are written in a transaction, large ones by the bulk loader in growing calls:
    both, with chunks of a few lines so that lines cross the chunks' ends."""
    monkeypatch.setattr(quadlines, "CHUNK", 64)
    if request.param != "transaction":
        monkeypatch.setattr(importer, "SMALL_FILE", 0)
        monkeypatch.setattr(merge, "FIRST_CALL", 3)
    return request.param


def test_tricky_lines_are_imported_as_the_object_path_imports_them(tmp_path, monkeypatch, write_path):
    path = tmp_path / "tricky.nq"
    path.write_bytes(TRICKY.encode())
    (text, text_report), (objects, objects_report) = _both(tmp_path, monkeypatch, [[path]])
    assert text == objects
    assert text_report == objects_report
    source = f"{GRAPH}source/tricky-nq"
    # The answers themselves, not only the agreement.
    expected = [
        f'<{EX}s1> <{EX}p> "ends like a graph <{EX}x> ." <{source}>',
        f'<{EX}s2> <{EX}p> "quoted \\" <{EX}y> ." <{source}/article/a>',
        f'<{EX}s3> <{EX}p> "back\\\\slash" <{source}/article/a>',
        f'<{EX}s4> <{EX}p> <{GRAPH}article/b> <{source}>',  # an object, not a graph
        f'<{EX}s5> <{EX}p> "7"^^<{GRAPH}article/c> <{source}>',
        f'<{EX}s8> <{EX}p> <{EX}o> <{EX}g>',
        f'<{EX}s13> <{EX}p> <{EX}o> <{source}>',
        f'<{EX}s14> <{EX}p> <{EX}A> <{source}/article/A>',
        f'<{EX}s17> <{EX}p> "x"@en-gb <{EX}g>',
        f'<{EX}s18> <{EX}p> <{EX}o> <{source}/article/a>',
        f'<https://schema.org/Thing> <https://schema.org/name> "Thing" <{EX}g>',
        f'<{EX}s7> {TYPE} <https://schema.org/CreativeWork> <{source}/aligned>',
        # the merge: each statement once in the default graph
        f'<{EX}s1> <{EX}p> "ends like a graph <{EX}x> ."',
        f'<{EX}s4> <{EX}p> <{GRAPH}article/b>',
        f'<{EX}s7> {TYPE} <https://schema.org/CreativeWork>',
    ]
    assert [line for line in expected if line not in text] == []
    assert not any(f"{GRAPH}article/z" in line or f"{EX}s9>" in line for line in text)  # comments hold nothing
    assert not any("<http://schema.org/" in line or line.startswith("_:") or "> _:" in line for line in text)
    assert not any(f"<{source}/article/b>" in line or f"<{source}/article/c>" in line for line in text)
    assert text_report[0][0][0] == 20  # quads: the comment lines and the empty one hold none
    assert text_report[0][0][3] is True  # blank nodes
    assert text_report[0][0][4] == [(importer.SCHEMA_OVER_HTTPS, 1)]
    merged = [line for line in text if line.count(" <") + line.count(' "') == 2 and line.endswith(("o>", '"'))]
    assert len(merged) == len(set(merged))


def test_a_newsgraph_export_and_a_default_graph_with_iris_split_as_objects_do(tmp_path, monkeypatch, write_path):
    """Lines of three terms whose object is an IRI, among lines of four: the object is never taken
    for a graph."""
    lines = []
    for index in range(30):
        lines.append(f"<{EX}a{index}> <{EX}wroteGraph> <{GRAPH}article/{index}> .")
        lines.append(f"<{EX}a{index}> <{EX}wroteGraph> <{GRAPH}article/{index}> <{GRAPH}sources> .")
    path = tmp_path / "export.nq"
    path.write_text("\n".join(lines) + "\n")
    (text, report), (objects, objects_report) = _both(tmp_path, monkeypatch, [[path]])
    assert text == objects and report == objects_report
    source = f"{GRAPH}source/export-nq"
    assert sum(line.startswith(f"<{EX}a") and line.endswith(f"> <{source}>") for line in text) == 30
    assert sum(line.startswith(f"<{EX}a") and line.endswith(f"> <{source}/sources>") for line in text) == 30
    assert f"<{EX}a7> <{EX}wroteGraph> <{GRAPH}article/7>" in text  # in the merge, once


def test_n_triples_with_schema_org_over_http(tmp_path, monkeypatch, write_path):
    path = tmp_path / "page.nt"
    path.write_text(f'<{EX}a> <http://schema.org/headline> "Tariffs"@en .\n<{EX}a> {TYPE} <http://schema.org/NewsArticle> .\n'
                    f'<{EX}a> <{EX}p> "http://schema.org/ in a literal" .\n<{EX}b> {LABEL} "b" .\n')
    (text, report), (objects, objects_report) = _both(tmp_path, monkeypatch, [[path]])
    assert text == objects and report == objects_report
    assert report[0][0][4] == [(importer.SCHEMA_OVER_HTTPS, 2)]
    assert f'<{EX}a> <https://schema.org/headline> "Tariffs"@en <{GRAPH}source/page-nt>' in text
    assert f'<{EX}a> <https://schema.org/headline> "Tariffs"@en' in text


def test_graphs_shared_with_another_source_and_imported_again(tmp_path, monkeypatch, write_path):
    """A named graph two sources write goes to the graph and to each source's piece of it: each
    line twice; and a source imported again replaces what it brought."""
    first, second = tmp_path / "first.nq", tmp_path / "second.nq"
    first.write_text(f'<{EX}a> <{EX}p> "one" <{EX}shared> .\n<{EX}a> <{EX}p> "both" <{EX}shared> .\n')
    second.write_text(f'<{EX}b> <{EX}p> "two" <{EX}shared> .\n<{EX}a> <{EX}p> "both" <{EX}shared> .\n<{EX}c> <{EX}p> <{EX}d> .\n')
    (text, report), (objects, objects_report) = _both(tmp_path, monkeypatch, [[first], [second], [first]])
    assert text == objects and report == objects_report
    assert any("/shared/" in line for line in text)


# A broken line (the 26th of the file) and the line the parser names: the next one when what is
# missing shows only there.
BROKEN = [
    (f'<{EX}a> <{EX}p> <{EX}bad iri> <{GRAPH}article/a> .', "an IRI with a space", 26),
    (f'<{EX}a> <{EX}p> "unterminated <{GRAPH}article/a> .', "an unterminated literal", 26),
    (f'<{EX}a> <{EX}p> "x"@1bad <{GRAPH}article/a> .', "a language tag", 26),
    (f'<{EX}a> <{EX}p> <relative> <{GRAPH}article/a> .', "a relative IRI", 26),
    (f'<{EX}a> <{EX}p> <{EX}o> <relative> .', "a relative graph", 26),
    (f'<{EX}a> <{EX}p> "\\q" <{EX}g> .', "an unknown escape", 26),
    (f'_:b <{EX}p> <{EX}o> <{EX}g> <{EX}h> .', "five terms, with a blank node", 26),
    (f'<{EX}a> <{EX}p> <{EX}o> <{EX}g>', "no dot", 27),
]


@pytest.mark.parametrize("line, what, named", BROKEN, ids=[what for _, what, _ in BROKEN])
def test_a_broken_line_in_the_middle_is_named_and_changes_nothing(tmp_path, monkeypatch, write_path, line, what, named):
    good = tmp_path / "good.nq"
    good.write_text(f'<{EX}kept> <{EX}p> "before" <{EX}g> .\n')
    path = tmp_path / "broken.nq"
    lines = [f'<{EX}s{index}> <{EX}p> "line {index}" <{GRAPH}article/{index % 3}> .' for index in range(40)]
    lines[25] = line
    path.write_text("\n".join(lines) + "\n")
    messages = []
    for label in ("text", "objects"):
        if label == "objects":
            import_through_objects(monkeypatch)
        graph = Newsgraph(tmp_path / label)
        graph.import_sources([str(good)])
        before = _dump(tmp_path / label)
        with pytest.raises(InputError) as caught:
            graph.import_sources([str(path)])
        messages.append(str(caught.value))
        assert _dump(tmp_path / label) == before
    assert messages[0] == messages[1]
    assert messages[0].startswith(f"{path}:{named}:"), messages[0]
    assert "\n" not in messages[0]


def test_a_graph_in_n_triples_is_an_error_at_its_line(tmp_path, monkeypatch, write_path):
    path = tmp_path / "quads.nt"
    path.write_text(f'<{EX}a> <{EX}p> <{EX}o> .\n<{EX}a> <{EX}p> <{EX}o> <{EX}g> .\n')
    with pytest.raises(InputError) as caught:
        Newsgraph(tmp_path / "store").import_sources([str(path)])
    assert str(caught.value).startswith(f"{path}:2:")


def test_a_text_the_engine_refuses_is_imported_through_objects(tmp_path, monkeypatch):
    """The safety net: if the engine refused the text made from a file that parses, the import
    starts again with that file through objects, and gives the same store."""
    path = tmp_path / "tricky.nq"
    path.write_bytes(TRICKY.encode())
    chunk = importer._TextRouted._chunk

    def spoilt(self, text):
        routed, statements, count = chunk(self, text)
        return routed + b"<not a quad\n", statements, count

    monkeypatch.setattr(importer._TextRouted, "_chunk", spoilt)
    Newsgraph(tmp_path / "text").import_sources([str(path)])
    monkeypatch.undo()
    import_through_objects(monkeypatch)
    Newsgraph(tmp_path / "objects").import_sources([str(path)])
    assert _dump(tmp_path / "text") == _dump(tmp_path / "objects")


def test_the_splitter_answers():
    """quadlines.split: the statement and graph of each line written the common way; every other
    line left whole for the parser."""
    chunk = (f'<{EX}s> <{EX}p> "a <{EX}x> ." .\n'
             f'<{EX}s> <{EX}p> "b \\" <{EX}x> ." <{EX}g> .\n'
             f'<{EX}s> <{EX}p> <{EX}o> .\n'
             f'<{EX}s> <{EX}p> "1"^^<{EX}t> <{EX}g> .\n'
             f'<{EX}s> <{EX}p> <{EX}o> <{EX}g> . # c\n'
             f'_:b <{EX}p> <{EX}o> .\n'
             f'<{EX}s> <{EX}p> <{EX}\\u0041> .\n').encode()
    lines = quadlines.split(chunk)
    assert lines.statements == [f'<{EX}s> <{EX}p> "a <{EX}x> ."'.encode(), f'<{EX}s> <{EX}p> "b \\" <{EX}x> ."'.encode(),
                                f'<{EX}s> <{EX}p> <{EX}o>'.encode(), f'<{EX}s> <{EX}p> "1"^^<{EX}t>'.encode()]
    assert lines.graphs == [None, f"<{EX}g>".encode(), None, f"<{EX}g>".encode()]
    assert lines.objects == [None, None, f"<{EX}o>".encode(), None]
    assert lines.other == (f'<{EX}s> <{EX}p> <{EX}o> <{EX}g> . # c\n_:b <{EX}p> <{EX}o> .\n'
                           f'<{EX}s> <{EX}p> <{EX}\\u0041> .\n').encode()
    # What the engine reads of the statements is what the splitter says.
    parsed = list(ox.parse(b" .\n".join(lines.statements) + b" .\n", format=ox.RdfFormat.N_TRIPLES))
    assert [t.object for t in parsed][:2] == [ox.Literal(f"a <{EX}x> ."), ox.Literal(f'b " <{EX}x> .')]
