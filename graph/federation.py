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
import ipaddress
import json
import re
import socket
from urllib.parse import urlencode, urljoin, urlsplit

from ..errors import InputError, RefusedError
from .sparqltext import prologue_end, service_blocks

MAX_RESPONSE_BYTES = 100 * 1024 * 1024
MAX_REDIRECTS = 5
REQUEST_TIMEOUT = 30.0


def resolve_services(sparql: str, allowed: frozenset[str], prefixes: dict[str, str], source: str = "query") -> str:
    """The query with every SERVICE block (all to endpoints in `allowed`: refuse_network has
    checked) replaced by the answers of its endpoint. The query's syntax is checked first, so
    that errors name their place in the text as given and nothing is sent for a broken query."""
    blocks = list(service_blocks(sparql, prefixes))
    if not blocks:
        return sparql
    _check_syntax(sparql, blocks, prefixes, source)
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


def _check_syntax(sparql: str, blocks, prefixes: dict[str, str], source: str) -> None:
    """Parse the query with each `SERVICE [SILENT] <endpoint>` blanked out, which leaves its
    group in place and every position unchanged; the parse runs on an empty store and nothing is
    evaluated from it."""
    import pyoxigraph as ox

    from .store import query_syntax_message

    text = sparql
    for block in blocks:
        text = text[:block.start] + " " * (block.group_start - block.start) + text[block.group_start:]
    try:
        ox.Store().query(text, prefixes=prefixes)
    except SyntaxError as error:
        raise InputError(query_syntax_message(source, error)) from None


class _ServiceFailed(Exception):
    """The endpoint could not be asked or gave no usable answer (SILENT hides this)."""


def fetch_results(endpoint: str, query: str, allowed: frozenset[str]) -> bytes:
    """POST the query to the endpoint and return its SPARQL JSON results, following only
    redirects to allowed endpoints."""
    url, method = endpoint, "POST"
    for _ in range(MAX_REDIRECTS + 1):
        status, headers, body = _request(url, method, query)
        if status in (301, 302, 303, 307, 308):
            target = urljoin(url, headers.get("location", ""))
            if target not in allowed:
                raise RefusedError(f"SERVICE <{endpoint}> redirected to <{target}>, which is not allowed "
                                   "(give it with {option} to follow)", "allowed_services")
            url, method = target, ("POST" if status in (307, 308) else "GET")
            continue
        if status != 200:
            raise _ServiceFailed(f"HTTP {status}: {body[:200].decode('utf-8', 'replace').strip()}")
        return body
    raise _ServiceFailed(f"more than {MAX_REDIRECTS} redirects")


def _request(url: str, method: str, query: str) -> tuple[int, dict, bytes]:
    import http.client

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"SERVICE <{url}>: only http and https endpoints can be allowed")
    address = _checked_address(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(parts.hostname, parts.port, address, REQUEST_TIMEOUT)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {"Accept": "application/sparql-results+json", "User-Agent": "newsgraph"}
    form = urlencode({"query": query})
    try:
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request("POST", path, body=form.encode(), headers=headers)
        else:
            connection.request("GET", path + ("&" if parts.query else "?") + form, headers=headers)
        response = connection.getresponse()
        body = response.read(MAX_RESPONSE_BYTES + 1)
    except (OSError, http.client.HTTPException) as error:
        raise _ServiceFailed(str(error) or type(error).__name__) from None
    finally:
        connection.close()
    if len(body) > MAX_RESPONSE_BYTES:
        raise _ServiceFailed(f"the answer is larger than {MAX_RESPONSE_BYTES // 2**20} MB")
    return response.status, {key.lower(): value for key, value in response.getheaders()}, body


def _checked_address(host: str, port: int) -> str:
    """The address to connect to. A host name must resolve to public addresses only; a literal
    IP address was named by the user on the list and is used as it is."""
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise _ServiceFailed(f"cannot resolve {host}: {error}") from None
    addresses = [info[4][0] for info in infos]
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise InputError(f"SERVICE host {host} resolves to the non-public address {address}; "
                             "newsgraph does not send queries there (name the address itself to allow it)")
    return addresses[0]


def _pinned(base):
    class Pinned(base):
        def __init__(self, host, port, address, timeout):
            super().__init__(host, port, timeout=timeout)
            self._address = address

        def connect(self):
            sock = socket.create_connection((self._address, self.port), self.timeout)
            if hasattr(self, "_context"):  # https: verify the certificate for the host name
                sock = self._context.wrap_socket(sock, server_hostname=self.host)
            self.sock = sock

    return Pinned


def _connection_classes():
    import http.client

    return _pinned(http.client.HTTPConnection), _pinned(http.client.HTTPSConnection)


_PinnedHTTPConnection, _PinnedHTTPSConnection = _connection_classes()


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
