"""N-Quads and N-Triples read as lines of text, for the import's routing (importer._TextRouted).

Routing a file's quads to their graphs through pyoxigraph's Python objects makes several objects
per quad (a term at every attribute read, a quad, and the loader's copy back), which cost more
than the engine's own write. Most lines of these formats are written the one way every tool
writes them: terms separated by one space, a graph last, " ." and a line break. Such a line is
split into its statement and its graph with one regular expression over a chunk of the file;
the graph is renamed as text, and the engine parses the result itself (Store.bulk_load).

The expression follows the formats' lexical rules for the terms it accepts, so what it matches
is what the engine reads: an IRI ends at its first ">" (it can hold no space, quote, "<" or
backslash, so it is written as its value, without escapes), a literal at the first quote that no
backslash escapes. A line it does not match (a blank node, a comment, tabs or other spacing, an
escaped IRI, a triple term, a line break other than LF) is left for pyoxigraph to parse into
objects. It checks nothing the engine checks: what is not valid there (an IRI with characters
it cannot hold, an unknown escape, a language tag) is rejected when the text is loaded.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_IRI = rb'<[^\x00-\x20<>"\\]*+>'
_LITERAL = rb'"[^"\\\n\r]*+(?:\\.[^"\\\n\r]*+)*+"(?:@[-a-zA-Z0-9]++|\^\^' + _IRI + rb')?+'
# Groups: the statement without its graph, its predicate, its object when an IRI, its graph.
_LINE = re.compile(rb"^(" + _IRI + rb" (" + _IRI + rb") (?:(" + _IRI + rb")|" + _LITERAL + rb"))(?: (" + _IRI + rb"))? \.\n",
                   re.MULTILINE)
GROUPS = 5  # what _LINE.split gives per line: the text before it, and its four groups

CHUNK = 1 << 20  # bytes of the file split at once


class Lines(NamedTuple):
    """A chunk of a file: the lines written the common way, group by group (in the order of the
    file), and the other lines."""

    statements: list[bytes]  # subject, predicate and object as written, without the graph or " ."
    predicates: list[bytes]  # "<IRI>"
    objects: list[bytes | None]  # "<IRI>", or None for a literal
    graphs: list[bytes | None]  # "<IRI>", or None for the default graph
    other: bytes  # the lines not matched, whole, in order (empty, comments, blank nodes, ...)


def chunks(file):
    """The bytes of a binary file in chunks of whole lines, each ending with a line break."""
    while chunk := file.read(CHUNK):
        chunk += file.readline()
        yield chunk if chunk.endswith(b"\n") else chunk + b"\n"


def split(chunk: bytes) -> Lines:
    """The chunk's lines (it ends with a line break), as Lines. Each match is a whole line from
    its start (MULTILINE ^) to its line break, so what lies between matches is whole lines."""
    parts = _LINE.split(chunk)
    return Lines(parts[1::GROUPS], parts[2::GROUPS], parts[3::GROUPS], parts[4::GROUPS], b"".join(parts[0::GROUPS]))
