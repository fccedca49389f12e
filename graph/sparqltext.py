"""A reading of SPARQL text: tokens outside comments and strings, the query form, the operations
that would reach the network (SERVICE in queries, LOAD in updates), and how deep the text nests.

pyoxigraph fetches SERVICE and LOAD targets over HTTP when it evaluates them, and it has no hook to
stop that, so newsgraph refuses such requests before they reach the engine (`refuse_network`), in
two steps:
1. The tokens below follow the SPARQL 1.1 grammar (a comment ends at CR or LF; short and long
   strings with their escapes; IRIs), so that a refusal names the place of the keyword and the
   endpoints that `--allow-service` lets through are found.
2. The engine has the last word, because a hand tokenizer that disagrees with it once is a way
   around the check (a comment ended by CR, `\\"` inside a long string, `SERVICESILENT` written
   as one word). Every place where the letters SERVICE or LOAD occur, in any case and whatever
   they seem to be part of (a comment, a string, an IRI, a name), gets its last letter changed,
   and pyoxigraph parses the result on an empty in-memory store. Where all of them were inside
   comments, strings or names, the changed text parses as the original does; where one was a
   keyword, it cannot (SERVICF is no keyword), and the text is refused without being run. The
   changed text holds no SERVICE or LOAD, so parsing it fetches nothing.
Nesting is bounded before either step (`check_nesting`): pyoxigraph's parser recurses, and a
couple of thousand nested braces overflow its stack (the process dies of SIGSEGV).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import pyoxigraph as ox

from ..errors import InputError, RefusedError
from ..ontology import PREFIXES
from .sparqlsyntax import COMMENT, IRIREF, LONG_STRINGS, SHORT_STRINGS

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_OPERATIONS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
# The deepest nesting of (), [] and {} handed to the engine. Real queries nest a few levels;
# pyoxigraph's parser overflows its stack at about 2,000 braces, and nested blank-node brackets
# cost it super-linear time (60 levels: 0.5 s, 100 levels: 3 s).
MAX_NESTING = 64

# SPARQL 1.1 terminals, one definition for the gate and the syntax messages (sparqlsyntax.py).
_COMMENT, _LONG_STRINGS, _SHORT_STRINGS, _IRI = COMMENT, LONG_STRINGS, SHORT_STRINGS, IRIREF
_TOKEN = re.compile("|".join((
    # A prefixed name's local part may hold colons and inner dots, but ends in neither a dot
    # (PN_LOCAL): `ex:a:b` is one name, and `ex:a.` is `ex:a` ending a triple.
    _COMMENT, _LONG_STRINGS, _SHORT_STRINGS, _IRI, r"[{}()\[\]]", r"[?$]\w+", r"[A-Za-z_][\w-]*(?::(?:[\w:.-]*[\w:-])?)?",
    r":(?:[\w:.-]*[\w:-])?")), re.S)
# Every place the letters of a keyword that reaches the network occur, whatever they are part of.
_NETWORK_WORDS = re.compile(r"service|load", re.I)
_BRACKETS = {"{": 1, "(": 1, "[": 1, "}": -1, ")": -1, "]": -1}


def _scan(text: str):
    """Every token of the text, comments and strings included."""
    return ((match.start(), match.group()) for match in _TOKEN.finditer(text))


@lru_cache(maxsize=256)
def tokens(text: str) -> tuple[tuple[int, str], ...]:
    """(position, token) for keywords, names, variables, IRIs and braces; comments, string
    literals and other brackets are skipped. Cached: a server or a benchmark runs the same named
    queries again."""
    return tuple((position, token) for position, token in _scan(text) if token[0] not in "#'\"()[]")


def check_nesting(text: str, source: str) -> None:
    """InputError, naming the place, if brackets and braces (outside comments and strings) nest
    deeper than MAX_NESTING."""
    depth = 0
    for position, token in _scan(text):
        step = _BRACKETS.get(token)
        if step is None:
            continue
        depth += step
        if depth > MAX_NESTING:
            line, column = _line_column(text, position)
            raise InputError(f"{source}:{line}:{column}: brackets and braces nest more than {MAX_NESTING} levels deep; "
                             "newsgraph refuses such text before parsing it")


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
                   prefixes: dict[str, str] | None = None, *, update: bool = False, base_iri: str | None = None) -> None:
    """RefusedError, naming the position, for LOAD and for SERVICE unless its endpoint is in
    `allowed_services`, is given as an IRI, and has no SERVICE inside it; InputError for text
    that nests too deep or, where the engine had to be asked, that does not parse. `update` says
    whether `text` is an update, `base_iri` is the one it will run with (see the module's
    docstring for the two steps)."""
    check_nesting(text, source)
    words = keywords(text)
    blocks = []
    if "LOAD" in words or "SERVICE" in words:
        for position, token in tokens(text):
            if token.upper() == "LOAD":
                raise _refusal(text, source, position, f"LOAD {_target(text, position + 4)}".rstrip())
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
            blocks.append(block)
    _ask_the_engine(text, source, blocks, update, base_iri)


def _ask_the_engine(text: str, source: str, allowed_blocks: list, update: bool, base_iri: str | None) -> None:
    """Step 2 of refuse_network: the text with the head of each allowed SERVICE block blanked
    (newsgraph asks those endpoints itself, and every position stays where it was) and every
    other SERVICE or LOAD poisoned, parsed by the engine."""
    for block in allowed_blocks:
        text = text[:block.start] + " " * (block.group_start - block.start) + text[block.group_start:]
    spans = [match.span() for match in _NETWORK_WORDS.finditer(text)]
    if not spans and not allowed_blocks and not update:
        return  # no keyword that fetches can be in it: nothing to ask
    poisoned = _poison(text)
    if update:
        error, offset = _parse_update(poisoned, base_iri, _POISONED_PREFIXES)
    else:
        error, offset = _parse_query(poisoned, base_iri, _POISONED_PREFIXES)
    if error is None:
        return
    for start, end in spans:
        # The engine stops at the changed letter or at the end of the word it is in (SERVICFSILENT).
        if offset is not None and start <= offset <= _word_end(text, end):
            raise _refusal(text, source, start, f"{text[start:end].upper()} {_target(text, end)}".rstrip())
    raise InputError(_syntax_message(source, text, str(error), offset, update, base_iri))


# The last letter of SERVICE and LOAD, changed to one that makes no keyword and keeps every token
# of the text what it was (a letter for a letter, a hex digit for a hex digit).
_POISON = {"E": "F", "e": "f", "D": "E", "d": "e"}


def _poison(text: str) -> str:
    return _NETWORK_WORDS.sub(lambda match: match.group()[:-1] + _POISON[match.group()[-1]], text)


# The predeclared prefixes, as the poisoned text spells them (a prefix `load:` is `loae:` there).
_POISONED_PREFIXES = {_poison(name): iri for name, iri in PREFIXES.items()}


def _parse_query(text: str, base_iri: str | None, prefixes: dict[str, str]) -> tuple[SyntaxError | None, int | None]:
    """The engine's syntax error for a query, and its offset in `text`. The query is given to an
    empty in-memory store, where a SELECT, CONSTRUCT or DESCRIBE is not evaluated until read but
    an ASK is evaluated at once: an ASK over nothing can still take minutes (VALUES blocks joined),
    so it is parsed as the SELECT * it has the grammar of, and positions mapped back."""
    ask = _ask_keyword(text)
    if ask is not None:
        text = text[:ask] + "SELECT *" + text[ask + 3:]
    try:
        ox.Store().query(text, prefixes=prefixes, base_iri=base_iri)
    except SyntaxError as error:
        position = _engine_position(error)
        offset = _offset(text, *position[:2]) if position else None
        if ask is not None and offset is not None and offset > ask:
            offset = max(ask, offset - len("SELECT *") + 3)
        return error, offset
    except (OSError, RuntimeError, ValueError):
        pass  # it parsed; evaluating it over nothing failed
    return None, None


def _ask_keyword(text: str) -> int | None:
    """Where the query's form is ASK (its first keyword after the prologue), if it is. Read
    token by token, and only as far as that keyword: this runs for every parse of a long text."""
    skip = 0
    for position, token in _scan(text):
        if token[0] in "#'\"()[]":
            continue
        if skip:
            skip -= 1
        elif token.upper() in ("PREFIX", "BASE"):
            skip = 2 if token.upper() == "PREFIX" else 1
        else:
            return position if token.upper() == "ASK" else None
    return None


def _word_end(text: str, position: int) -> int:
    return re.compile(r"[\w.-]*").match(text, position).end()


def _target(text: str, after: int) -> str:
    """What a LOAD or SERVICE names: the first token after `after` that is not SILENT."""
    return next((token for _, token in tokens(text[after:]) if token.upper() != "SILENT"), "")


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
    for match in re.finditer(r"PREFIX" + _SPACE + r"([^\s<>#:]*):" + _SPACE + r"<([^<>\s]*)>", text[:prologue_end(text)], re.I):
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
# prologue (the only place it may go): dropping a graph that cannot exist fails at once, before
# any operation of the request (a LOAD above all) is reached. The guard starts on a line of its
# own, so no comment can swallow it, and comments in the prologue are read whole (no
# backtracking into them: `#x PREFIX a: <u>` is all comment). Errors are reported at their place
# in the text as given.
_GUARD = "\nDROP GRAPH <urn:newsgraph:parse-only> ;\n"
_SPACE = r"(?:[ \t\r\n]++|#[^\n\r]*+)*+"
_PROLOGUE_ITEM = re.compile(_SPACE + r"(?:BASE" + _SPACE + _IRI + "|PREFIX" + _SPACE + r"[^\s<>#:]*:" + _SPACE + _IRI + ")", re.I)


def check_update_syntax(text: str, source: str, base_iri: str | None = None) -> None:
    """InputError "SOURCE:LINE:COLUMN: SPARQL syntax error: …" if `text` is not a SPARQL 1.1
    update; nothing is executed."""
    check_nesting(text, source)
    error, offset = _parse_update(text, base_iri)
    if error is not None:
        raise InputError(_syntax_message(source, text, str(error), offset, True, base_iri))


def _parse_update(text: str, base_iri: str | None, prefixes: dict[str, str] = PREFIXES) -> tuple[SyntaxError | None, int | None]:
    """The engine's syntax error for an update, and its offset in `text` (see _GUARD)."""
    end = prologue_end(text)
    guarded = text[:end] + _GUARD + text[end:]
    try:
        ox.Store().update(guarded, prefixes=prefixes, base_iri=base_iri)
    except SyntaxError as error:
        position = _engine_position(error)
        if not position:
            return error, None
        offset = _offset(guarded, *position[:2])
        if offset >= end + len(_GUARD):
            offset -= len(_GUARD)
        elif offset >= end:
            offset = end
        return error, offset
    except (OSError, RuntimeError, ValueError):
        return None, None  # the guard stopped the run: the request parsed
    raise AssertionError("the parse-only guard of an update did not stop it")


def _engine_position(error: SyntaxError) -> tuple[int, int, str] | None:
    """Line, column and message of pyoxigraph's SPARQL syntax error ("error at LINE:COLUMN: ...")."""
    match = re.match(r"error at (\d+):(\d+): (.*)", str(error).split("\n")[0])
    return (int(match.group(1)), int(match.group(2)), match.group(3)) if match else None


def query_syntax_message(source: str, error: SyntaxError, text: str, base_iri: str | None = None) -> str:
    """"SOURCE:LINE:COLUMN: SPARQL syntax error: …" for the engine's error about query `text`."""
    position = _engine_position(error)
    offset = _offset(text, *position[:2]) if position else None
    return _syntax_message(source, text, str(error), offset, False, base_iri)


def _syntax_message(source: str, text: str, message: str, offset: int | None, update: bool,
                    base_iri: str | None) -> str:
    """The engine's error at `offset`, said with the offending token's place and what a person
    would expect there (sparqlsyntax.explain). The queries it parses to find out are poisoned as
    the gate's are, and the updates never run, so they fetch nothing."""
    from .sparqlsyntax import explain, where_the_engine_stopped

    if message.startswith("Invalid SPARQL base IRI"):
        return f"{source}: the base IRI {base_iri!r} is not an absolute IRI"

    def parse(probe: str) -> tuple[str | None, int | None]:
        if update:  # never run (see _GUARD), so a LOAD in it fetches nothing, as in check_update_syntax
            found, at = _parse_update(probe, base_iri)
        else:
            found, at = _parse_query(_poison(probe), base_iri, _POISONED_PREFIXES)
        return (None if found is None else str(found)), at

    try:
        at, said = explain(text, message, offset, parse, update=update, declared=frozenset(PREFIXES))
    except Exception:  # noqa: BLE001 - a message that cannot be worked out must not become a traceback
        at, said = where_the_engine_stopped(text, len(text) if offset is None else offset, "update" if update else "query")
    line, column = _line_column(text, at)
    return f"{source}:{line}:{column}: SPARQL syntax error: {said}"


def _offset(text: str, line: int, column: int) -> int:
    start = 0
    for _ in range(line - 1):
        found = text.find("\n", start)
        if found < 0:
            return len(text)
        start = found + 1
    return min(start + column - 1, len(text))
