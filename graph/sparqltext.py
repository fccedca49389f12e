"""A light reading of SPARQL text: tokens outside comments and strings, the query form, and the
operations that would reach the network (SERVICE in queries, LOAD in updates).

pyoxigraph fetches SERVICE and LOAD targets over HTTP when it evaluates them, and it has no hook to
stop that, so newsgraph refuses such requests before they reach the engine.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import pyoxigraph as ox

from ..errors import InputError, RefusedError
from ..ontology import PREFIXES

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_OPERATIONS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
_TOKEN = re.compile(
    r"""#[^\n]*|'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\s]*>|[{}]"""
    r"""|[?$][\w]+|[A-Za-z_][\w-]*(?::[\w.-]*)?|:[\w.-]*""", re.S)


@lru_cache(maxsize=256)
def tokens(text: str) -> tuple[tuple[int, str], ...]:
    """(position, token) for keywords, names, variables, IRIs and braces; comments and string
    literals are skipped. Cached: a server or a benchmark runs the same named queries again."""
    return tuple((match.start(), match.group()) for match in _TOKEN.finditer(text) if match.group()[0] not in "#'\"")


def query_form(text: str) -> str:
    for _, token in tokens(text):
        if token.upper() in FORMS:
            return token.upper()
    return "SELECT"


def is_update(text: str) -> bool:
    """Whether the text is a SPARQL update: its first keyword after the prologue starts an update
    operation."""
    stream = [token.upper() for _, token in tokens(text)]
    index = 0
    while index < len(stream) and stream[index] in ("PREFIX", "BASE"):
        index += 3 if stream[index] == "PREFIX" else 2
    return index < len(stream) and stream[index] in UPDATE_OPERATIONS


@lru_cache(maxsize=256)
def keywords(text: str) -> frozenset[str]:
    """The text's tokens, upper-cased, as a set: every query is checked for a few of them, and a
    scan of the tokens was a third of the time of a millisecond query. Cached like tokens()."""
    return frozenset(token.upper() for _, token in tokens(text))


def declares_dataset(text: str) -> bool:
    """Whether the query names its dataset with FROM or FROM NAMED."""
    return "FROM" in keywords(text)


class ServiceBlock(NamedTuple):
    start: int  # of the SERVICE keyword
    group_start: int  # of the group's "{"
    end: int  # just after the group's "}"
    endpoint: str  # the IRI, or "?var" for a variable
    silent: bool
    line: int
    column: int


def service_blocks(text: str, prefixes: dict[str, str] | None = None):
    """The outermost SERVICE blocks of a query, in order. Prefixed endpoint names are expanded
    with the query's PREFIX declarations and then `prefixes`."""
    if "SERVICE" not in keywords(text):
        return
    stream = tokens(text)
    declared = dict(prefixes or {})
    declared.update(_declared_prefixes(text))
    index = 0
    while index < len(stream):
        position, token = stream[index]
        if token.upper() != "SERVICE":
            index += 1
            continue
        following = stream[index + 1:index + 4]
        silent = bool(following) and following[0][1].upper() == "SILENT"
        rest = following[1:] if silent else following
        target = rest[0][1] if rest else ""
        endpoint = _expand(target, declared)
        close = index + 1 + silent + 1
        while close < len(stream) and stream[close][1] != "{":
            close += 1
        group_start = stream[close][0] if close < len(stream) else len(text)
        depth, end = 0, len(text)
        for later_position, later in stream[close:]:
            depth += (later == "{") - (later == "}")
            if depth == 0:
                end = later_position + 1
                break
        line, column = _line_column(text, position)
        yield ServiceBlock(position, group_start, end, endpoint, silent, line, column)
        while index < len(stream) and stream[index][0] < end:
            index += 1


def refuse_network(text: str, source: str, allowed_services: frozenset[str] = frozenset(),
                   prefixes: dict[str, str] | None = None) -> None:
    """InputError, naming the position, for LOAD (updates) and for SERVICE (queries) unless its
    endpoint is in `allowed_services`, is given as an IRI, and has no SERVICE inside it."""
    words = keywords(text)
    if "LOAD" not in words and "SERVICE" not in words:
        return
    for position, token in tokens(text):
        if token.upper() == "LOAD":
            target = next((t for p, t in tokens(text[position + 4:]) if t.upper() != "SILENT"), "")
            raise _refusal(text, source, position, f"LOAD {target}")
    for block in service_blocks(text, prefixes):
        shown = block.endpoint if block.endpoint.startswith("?") else f"<{block.endpoint}>"
        if block.endpoint not in allowed_services:
            hint = " (allow an endpoint with {option} URL)" if not block.endpoint.startswith("?") else ""
            raise _refusal(text, source, block.start, f"SERVICE {shown}", hint)
        inner = next((p for p, t in tokens(text[block.group_start:block.end]) if t.upper() == "SERVICE"), None)
        if inner is not None:
            line, column = _line_column(text, block.group_start + inner)
            raise RefusedError(f"{source}:{line}:{column}: a SERVICE inside SERVICE {shown} is refused: "
                             "newsgraph does not pass a query on to other endpoints")


def _refusal(text: str, source: str, position: int, what: str, hint: str = "") -> RefusedError:
    line, column = _line_column(text, position)
    return RefusedError(f"{source}:{line}:{column}: {what} is refused: newsgraph does not fetch anything from the network "
                        f"while it runs a query or an update{hint}", "allowed_services" if hint else None)


def _line_column(text: str, position: int) -> tuple[int, int]:
    return text.count("\n", 0, position) + 1, position - (text.rfind("\n", 0, position) + 1) + 1


def _expand(target: str, prefixes: dict[str, str]) -> str:
    if target.startswith("<") and target.endswith(">"):
        return target[1:-1]
    if target.startswith(("?", "$")):
        return "?" + target[1:]
    name, colon, local = target.partition(":")
    if colon and name in prefixes:
        return prefixes[name] + local
    return target


def _declared_prefixes(text: str) -> dict[str, str]:
    declared = {}
    for match in re.finditer(r"PREFIX\s+([^\s<>#:]*):\s*<([^<>\s]*)>", text[:prologue_end(text)], re.I):
        declared[match.group(1)] = match.group(2)
    return declared


def prologue_end(text: str) -> int:
    """Where the prologue (BASE and PREFIX declarations) of a query or update ends."""
    end = 0
    while match := _PROLOGUE_ITEM.match(text, end):
        end = match.end()
    return end


# Parsing an update without running it. pyoxigraph parses a whole update request before it runs
# its first operation, and stops at the first operation that fails, but has no parse-only call.
# So the check runs the request on an empty in-memory store with a guard placed right after the
# prologue: dropping a graph that cannot exist fails at once, before any operation of the request
# (a LOAD above all) is reached. Errors are reported at their place in the text as given.
_GUARD = "DROP GRAPH <urn:newsgraph:parse-only> ;\n"
_PROLOGUE_ITEM = re.compile(
    r"""(?:\s|\#[^\n]*)*(?:BASE(?:\s|\#[^\n]*)*<[^<>"{}|^`\\\s]*>"""
    r"""|PREFIX(?:\s|\#[^\n]*)+[^\s<>#:]*:(?:\s|\#[^\n]*)*<[^<>"{}|^`\\\s]*>)""", re.I)


def check_update_syntax(text: str, source: str, base_iri: str | None = None) -> None:
    """InputError "SOURCE:LINE:COLUMN: SPARQL syntax error: …" if `text` is not a SPARQL 1.1
    update; nothing is executed."""
    end = prologue_end(text)
    guarded = text[:end] + _GUARD + text[end:]
    try:
        ox.Store().update(guarded, prefixes=PREFIXES, base_iri=base_iri)
    except SyntaxError as error:
        raise InputError(_update_syntax_message(source, error, text, end, guarded)) from None
    except (OSError, RuntimeError, ValueError):
        return  # the guard stopped the run: the request parsed
    raise AssertionError("the parse-only guard of an update did not stop it")


def _engine_position(error: SyntaxError) -> tuple[int, int, str] | None:
    """Line, column and message of pyoxigraph's SPARQL syntax error ("error at LINE:COLUMN: ...")."""
    match = re.match(r"error at (\d+):(\d+): (.*)", str(error).split("\n")[0])
    return (int(match.group(1)), int(match.group(2)), match.group(3)) if match else None


def query_syntax_message(source: str, error: SyntaxError) -> str:
    """pyoxigraph says "error at LINE:COLUMN: message"; we say "SOURCE:LINE:COLUMN: message"."""
    position = _engine_position(error)
    if position:
        return f"{source}:{position[0]}:{position[1]}: SPARQL syntax error: {position[2]}"
    return f"{source}: SPARQL syntax error: {str(error).splitlines()[0]}"


def _update_syntax_message(source: str, error: SyntaxError, text: str, guard_at: int, guarded: str) -> str:
    message = str(error).split("\n")[0]
    position = _engine_position(error)
    shared = re.match(r"The blank node (_:\S+) cannot be shared", message)
    if position:
        line, column, detail = position
        offset = _offset(guarded, line, column)
        if offset >= guard_at + len(_GUARD):
            offset -= len(_GUARD)
        elif offset >= guard_at:
            offset = guard_at
    elif shared and (found := _second_block_use(text, shared.group(1))) is not None:
        offset, detail = found, message
    else:
        return f"{source}: SPARQL syntax error: {message}"
    line, column = _line_column(text, offset)
    return f"{source}:{line}:{column}: SPARQL syntax error: {detail}"


def _offset(text: str, line: int, column: int) -> int:
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + column - 1


def _second_block_use(text: str, label: str) -> int | None:
    """Where a blank node label is used in a second data block (pyoxigraph names the label, not
    the place)."""
    depth, block, first_block = 0, 0, None
    for position, token in tokens(text):
        if token == "{":
            depth += 1
            block += depth == 1
        elif token == "}":
            depth -= 1
        elif token == label:
            if first_block is None:
                first_block = block
            elif block != first_block:
                return position
    return None
