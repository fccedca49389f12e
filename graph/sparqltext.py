"""A light reading of SPARQL text: tokens outside comments and strings, the query form, and the
operations that would reach the network (SERVICE in queries, LOAD in updates).

pyoxigraph fetches SERVICE and LOAD targets over HTTP when it evaluates them, and it has no hook to
stop that, so newsgraph refuses such requests before they reach the engine.
"""

from __future__ import annotations

import re

from ..errors import InputError

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_TOKEN = re.compile(
    r"""#[^\n]*|'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\s]*>|[{}]"""
    r"""|[?$][\w]+|[A-Za-z_][\w-]*(?::[\w.-]*)?|:[\w.-]*""", re.S)


def tokens(text: str):
    """(position, token) for keywords, names, variables, IRIs and braces; comments and string
    literals are skipped."""
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0] in "#'\"":
            continue
        yield match.start(), token


def query_form(text: str) -> str:
    for _, token in tokens(text):
        if token.upper() in FORMS:
            return token.upper()
    return "SELECT"


def declares_dataset(text: str) -> bool:
    """Whether the query names its dataset with FROM or FROM NAMED."""
    return any(token.upper() == "FROM" for _, token in tokens(text))


def refuse_network(text: str, source: str) -> None:
    """InputError, naming the position, for SERVICE (queries) or LOAD (updates)."""
    stream = list(tokens(text))
    for index, (position, token) in enumerate(stream):
        keyword = token.upper()
        if keyword not in ("SERVICE", "LOAD"):
            continue
        target = next((t for _, t in stream[index + 1:index + 3] if t.upper() != "SILENT"), "")
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        raise InputError(f"{source}:{line}:{column}: {keyword} {target} is refused: newsgraph does not fetch "
                         "anything from the network while it runs a query or an update")
