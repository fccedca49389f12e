"""SERVICE to the endpoints a user allows, evaluated by newsgraph and never by the engine.

pyoxigraph would fetch a SERVICE target itself, with no say over where the request or its
redirects go. So newsgraph refuses SERVICE (see sparqltext.refuse_network) unless the endpoint is
on the user's list (`--allow-service URL`), and then it asks that endpoint itself: the SERVICE
group is sent as `SELECT * WHERE { group }`, and the block is replaced in the query by a VALUES
block of the answers. That is the meaning SPARQL gives SERVICE (its group is evaluated at the
endpoint on its own, and the answers joined in place).

The request goes only where the user said:
- the endpoint IRI must be on the list exactly, and so must every redirect target;
- a host name that resolves to a private, loopback, link-local or reserved address is refused
  (an address written as a literal IP on the list was named by the user and is allowed);
- the connection goes to the address that was checked, so a second DNS answer cannot move it.
SERVICE SILENT turns a failed request into one empty solution, as SPARQL says; a refusal by these
rules is never silent.
"""

from __future__ import annotations

import hashlib
import json
import re

from ..errors import InputError, RefusedError
from .guarded_http import FetchFailed, fetch
from .sparqltext import prologue_end, service_blocks

REQUEST_TIMEOUT = 30.0


def resolve_services(sparql: str, allowed: frozenset[str], prefixes: dict[str, str], source: str = "query") -> str:
    """The query with every SERVICE block (all to endpoints in `allowed`: refuse_network has
    checked, and the engine has parsed the query with those blocks in it, so nothing is sent for
    a broken query) replaced by the answers of its endpoint."""
    blocks = list(service_blocks(sparql, prefixes))
    if not blocks:
        return sparql
    prologue = _prologue(sparql, prefixes)
    pieces, done = [], 0
    for block in blocks:
        remote_query = f"{prologue}SELECT * WHERE {sparql[block.group_start:block.end]}"
        try:
            answers = _values(fetch_results(block.endpoint, remote_query, allowed), block.endpoint)
        except InputError as refusal:
            raise type(refusal)(f"{source}:{block.line}:{block.column}: {refusal.args[0]}", refusal.option) from None
        except _ServiceFailed as failure:
            if not block.silent:
                raise InputError(f"{source}:{block.line}:{block.column}: SERVICE <{block.endpoint}> failed: {failure}") from None
            answers = "{}"  # SILENT: one empty solution
        pieces += [sparql[done:block.start], answers]
        done = block.end
    return "".join(pieces) + sparql[done:]


class _ServiceFailed(Exception):
    """The endpoint could not be asked or gave no usable answer (SILENT hides this)."""


def fetch_results(endpoint: str, query: str, allowed: frozenset[str]) -> bytes:
    """POST the query to the endpoint and return its SPARQL JSON results, following only
    redirects to allowed endpoints."""
    def refused(target: str) -> RefusedError:
        return RefusedError(f"SERVICE <{endpoint}> redirected to <{target}>, which is not allowed "
                            "(give it with {option} to follow)", "allowed_services")

    try:
        response = fetch(endpoint, allowed.__contains__, form={"query": query}, post=True, what="SERVICE", refused=refused,
                         headers={"Accept": "application/sparql-results+json"}, timeout=REQUEST_TIMEOUT)
    except FetchFailed as failure:
        raise _ServiceFailed(str(failure)) from None
    if response.status != 200:
        raise _ServiceFailed(f"HTTP {response.status}: {response.body[:200].decode('utf-8', 'replace').strip()}")
    return response.body


def _values(body: bytes, endpoint: str) -> str:
    """A VALUES block of SPARQL JSON results. Blank nodes become IRIs local to this answer (VALUES
    cannot hold blank nodes), so that they still join within it."""
    try:
        results = json.loads(body)
        variables = results["head"].get("vars", [])
        rows = results["results"]["bindings"]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise _ServiceFailed(f"the answer is not SPARQL JSON results: {error}") from None
    if not all(isinstance(variable, str) and re.fullmatch(r"\w+", variable) for variable in variables):
        raise _ServiceFailed(f"the answer names an invalid variable in {variables!r}")
    salt = hashlib.sha256(endpoint.encode() + body).hexdigest()[:16]
    lines = [" ".join(_term(row.get(variable), salt) for variable in variables) for row in rows]
    head = " ".join(f"?{variable}" for variable in variables)
    return "VALUES (" + head + ") {\n" + "\n".join(f"({line})" for line in lines) + "\n}"


def _term(binding: dict | None, salt: str) -> str:
    if binding is None:
        return "UNDEF"
    kind, value = binding.get("type"), str(binding.get("value", ""))
    if kind == "uri":
        return _iri(value)
    if kind == "bnode":
        return _iri(f"urn:newsgraph:service-bnode:{salt}:{value}")
    if kind in ("literal", "typed-literal"):
        literal = json.dumps(value, ensure_ascii=False)
        if "xml:lang" in binding:
            if not re.fullmatch(r"[A-Za-z]+(-[A-Za-z0-9]+)*", str(binding["xml:lang"])):
                raise _ServiceFailed(f"the answer holds an invalid language tag {binding['xml:lang']!r}")
            return f"{literal}@{binding['xml:lang']}"
        if "datatype" in binding:
            return f"{literal}^^{_iri(binding['datatype'])}"
        return literal
    raise _ServiceFailed(f"unsupported term in the answer: {kind}")


def _iri(value: str) -> str:
    if any(character in value for character in '<>"{}|^`\\ \n'):
        raise _ServiceFailed(f"the answer holds an invalid IRI {value!r}")
    return f"<{value}>"


def _prologue(sparql: str, prefixes: dict[str, str]) -> str:
    """The query's own prologue, after our predeclared prefixes, for the remote query."""
    ours = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in prefixes.items())
    return ours + sparql[:prologue_end(sparql)] + "\n"
