"""Named SPARQL queries: `.rq` files in this folder, each with a comment header.

Header lines (at the top of the file, before the query)::

    # title: Who negotiates with whom, when and where
    # description: One sentence on what the query answers.
    # param: name string optional - what the parameter means
    # example: newsgraph query negotiations

A parameter is bound to the variable of the same name as an RDF term (pyoxigraph substitutions,
SEP-0007), never pasted into the query text. Types: string, name (an entity's name: any of its
names, or a surname or part of a name only one entity has, given to the query as that entity's
label), iri, date, decimal, integer.
In a SELECT query a parameter's variable must be in the projection (SEP-0007 binds projected
variables); a test checks this for every bundled query. An optional parameter compares with
``COALESCE(?param, ?x)``: ``FILTER(LCASE(STR(?x)) = LCASE(STR(COALESCE(?param, ?x))))``. Unset,
COALESCE gives ?x and the row passes, on every engine. (``FILTER(COALESCE(<test>, true))`` is
false on Virtuoso when the parameter is unset, and ``!BOUND(?param)`` does not work: pyoxigraph
replaces a substituted variable by its value, and BOUND of a value is false.)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from ..errors import InputError

_FOLDER = Path(__file__).parent
PARAM_TYPES = ("string", "name", "iri", "date", "decimal", "integer")
SEVERITIES = ("error", "warning", "info")
_PARAM = re.compile(r"^(\w+)\s+(\w+)(\s+optional)?\s*(?:-\s*(.*))?$")


class Param(NamedTuple):
    name: str
    type: str
    optional: bool
    description: str


class NamedQuery(NamedTuple):
    name: str
    title: str
    description: str
    text: str
    params: tuple[Param, ...] = ()
    examples: tuple[str, ...] = ()

    def signature(self) -> str:
        return " ".join(f"[{p.name}={p.type}]" if p.optional else f"{p.name}={p.type}" for p in self.params)


class Rule(NamedTuple):
    """A quality-report rule (report/NAME.rq): its query selects ?entity and ?detail for every
    place the rule is broken."""

    name: str
    title: str
    severity: str
    problem: str
    why: str
    fix: str
    text: str


def read_header(text: str, keys: tuple[str, ...]) -> dict[str, list[str]]:
    """The comment header of a `.rq` file: `# key: value` lines (a key may repeat), each value
    continued by the `#   ` lines under it, up to the first line that is not a comment."""
    pattern = re.compile(r"^#\s*(" + "|".join(keys) + r"):\s*(.*)$")
    fields: dict[str, list[str]] = {key: [] for key in keys}
    last = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = pattern.match(line)
        if match:
            last = match.group(1)
            fields[last].append(match.group(2).strip())
        elif last and line.startswith("#   "):
            fields[last][-1] += " " + line[1:].strip()
    return fields


def parse_named_query(name: str, text: str) -> NamedQuery:
    """Read the header of a named query; a malformed header is an InputError."""
    fields = read_header(text, ("title", "description", "param", "example"))
    if not fields["title"] or not fields["description"] or not fields["example"]:
        raise InputError(f"{name}.rq: the header needs a title, a description and an example")
    params = []
    for spec in fields["param"]:
        match = _PARAM.match(spec)
        if not match or match.group(2) not in PARAM_TYPES:
            raise InputError(f"{name}.rq: bad param line {spec!r}; write NAME TYPE [optional] - description, TYPE one of {', '.join(PARAM_TYPES)}")
        params.append(Param(match.group(1), match.group(2), bool(match.group(3)), (match.group(4) or "").strip()))
    return NamedQuery(name, fields["title"][0], " ".join(fields["description"]), text, tuple(params), tuple(fields["example"]))


def named_queries() -> dict[str, NamedQuery]:
    """All bundled named queries by name, sorted."""
    return {entry.stem: parse_named_query(entry.stem, entry.read_text(encoding="utf-8"))
            for entry in sorted(_FOLDER.glob("*.rq"))}


def get_named_query(name: str) -> NamedQuery:
    # Only its own file is read (a command's start-up counts); a name is never a path.
    path = _FOLDER / f"{name}.rq"
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", name) and path.is_file():
        return parse_named_query(name, path.read_text(encoding="utf-8"))
    queries = named_queries()
    if name not in queries:
        close = [candidate for candidate in queries if name.lower() in candidate or candidate in name.lower()]
        hint = f"; did you mean {', '.join(close)}?" if close else "; `newsgraph queries` lists them"
        raise InputError(f"unknown query {name!r}{hint}")
    return queries[name]


def parse_assignments(assignments: list[str]) -> dict[str, str]:
    """`KEY=VALUE` strings from the command line into a dict; a malformed one is an InputError."""
    values: dict[str, str] = {}
    for assignment in assignments:
        key, sep, value = assignment.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", key):
            raise InputError(f"bad parameter {assignment!r}: write KEY=VALUE, KEY a SPARQL variable name")
        values[key] = value
    return values


def report_rules() -> list[Rule]:
    """The quality-report rules (report/*.rq), by name; a malformed header is an InputError."""
    found = []
    for entry in sorted((_FOLDER / "report").glob("*.rq")):
        text = entry.read_text(encoding="utf-8")
        fields = {key: " ".join(values) for key, values in
                  read_header(text, ("title", "severity", "problem", "why", "fix")).items() if values}
        missing = [key for key in ("title", "severity", "problem", "why", "fix") if key not in fields]
        if missing or fields.get("severity") not in SEVERITIES:
            raise InputError(f"report rule {entry.stem}.rq: the header needs title, severity ({'/'.join(SEVERITIES)}), "
                             "problem, why and fix")
        found.append(Rule(entry.stem, fields["title"], fields["severity"], fields["problem"], fields["why"], fields["fix"], text))
    return found
