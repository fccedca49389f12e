"""The one HTTP client newsgraph fetches with: SERVICE endpoints the user allowed, remote sources
and JSON-LD contexts with --allow-remote, and the SPARQL endpoint the user names (remote.py, which
answers its Basic or Digest challenge with `authorization`).

A request goes only where the caller's policy says:
- every URL, the first and each redirect target, must pass `allowed(url)`;
- unless `private_names` is set, a host name that resolves to a private, loopback, link-local or
  reserved address is refused (an address written as a literal IP was named by the user and is
  used as it is);
- the connection goes to the address that was checked, so a second DNS answer cannot move it;
- answers are cut off at `max_bytes`, and every request has a time limit.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import urlencode, urljoin, urlsplit

from ..errors import InputError, RefusedError

MAX_REDIRECTS = 5
TIMEOUT = 30.0
MAX_BYTES = 100 * 1024 * 1024


class FetchFailed(Exception):
    """The server could not be asked or gave no usable answer; `timed_out` when it did not answer
    in time."""

    def __init__(self, message: str, timed_out: bool = False):
        super().__init__(message)
        self.timed_out = timed_out


class Response(NamedTuple):
    url: str  # after redirects
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes


def fetch(url: str, allowed: Callable[[str], bool], *, form: dict[str, str] | None = None, post: bool = False,
          headers: dict[str, str] | None = None, private_names: bool = False, what: str = "",
          refused: Callable[[str], Exception] | None = None, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
          body: tuple[str, bytes] | None = None) -> Response:
    """Ask `url`, by GET or (`post`) by POST, with `form` as URL-encoded fields (in the body of
    a POST, in the URL of a GET), or with `body` (media type, bytes) as the body of a POST,
    following redirects that `allowed` allows; a redirect elsewhere
    raises `refused(target)` (RefusedError by default). A 303, 301 or 302 turns a POST into a GET,
    as browsers do. `what` names the request in errors ("SERVICE"). FetchFailed for everything
    the network does."""
    for _ in range(MAX_REDIRECTS + 1):
        if not allowed(url):
            raise (refused or _refused)(url)
        status, answer_headers, data = _request(url, form, post, headers or {}, private_names, what, timeout, max_bytes,
                                                body if post else None)
        if status in (301, 302, 303, 307, 308):
            target = urljoin(url, answer_headers.get("location", ""))
            if not allowed(target):
                raise (refused or _refused)(target)
            post = post and status in (307, 308)
            url = target
            continue
        return Response(url, status, answer_headers, data)
    raise FetchFailed(f"more than {MAX_REDIRECTS} redirects")


def get(url: str, private_names: bool = True, max_bytes: int = MAX_BYTES) -> bytes:
    """The body of a GET of an http(s) URL the user asked for (a source or a context to import);
    InputError if it fails."""
    try:
        response = fetch(url, lambda target: target.startswith(("http://", "https://")), private_names=private_names,
                         max_bytes=max_bytes)
    except FetchFailed as error:
        raise InputError(f"{url}: cannot fetch: {error}") from None
    if response.status != 200:
        raise InputError(f"{url}: cannot fetch: HTTP {response.status}")
    return response.body


def authorization(challenge: str, user: str, password: str, method: str, url: str, count: int = 1) -> str | None:
    """The Authorization header that answers a WWW-Authenticate `challenge` (Basic, or Digest with
    MD5 or SHA-256 and qop auth, RFC 7616) for a `method` request of `url`; None for a scheme
    newsgraph does not speak. `count` is the nonce count of a Digest answer."""
    import base64
    import hashlib
    import re
    import secrets

    scheme, _, rest = challenge.strip().partition(" ")
    if scheme.lower() == "basic":
        return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
    if scheme.lower() != "digest":
        return None
    fields = {key.lower(): value if value else quoted
              for key, quoted, value in re.findall(r'(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))', rest)}
    algorithm = fields.get("algorithm", "MD5").upper()
    digest = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}.get(algorithm.removesuffix("-SESS"))
    if digest is None or "nonce" not in fields:
        return None

    def h(text: str) -> str:
        return digest(text.encode()).hexdigest()

    parts = urlsplit(url)
    uri = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    realm, nonce, cnonce, nc = fields.get("realm", ""), fields["nonce"], secrets.token_hex(8), f"{count:08x}"
    secret = h(f"{user}:{realm}:{password}")
    if algorithm.endswith("-SESS"):
        secret = h(f"{secret}:{nonce}:{cnonce}")
    qop = "auth" if "auth" in [q.strip() for q in fields.get("qop", "").split(",")] else None
    target = h(f"{method}:{uri}")
    response = h(f"{secret}:{nonce}:{nc}:{cnonce}:{qop}:{target}" if qop else f"{secret}:{nonce}:{target}")
    answer = [f'username="{user}"', f'realm="{realm}"', f'nonce="{nonce}"', f'uri="{uri}"',
              f'response="{response}"', f"algorithm={algorithm}"]
    if qop:
        answer += [f"qop={qop}", f"nc={nc}", f'cnonce="{cnonce}"']
    if "opaque" in fields:
        answer.append(f'opaque="{fields["opaque"]}"')
    return "Digest " + ", ".join(answer)


def _refused(url: str) -> RefusedError:
    return RefusedError(f"{url}: newsgraph does not fetch from this address")


def _request(url: str, form: dict[str, str] | None, post: bool, headers: dict[str, str], private_names: bool,
             what: str, timeout: float, max_bytes: int, body: tuple[str, bytes] | None = None) -> tuple[int, dict, bytes]:
    try:
        parts = urlsplit(url)
        port = parts.port  # a port out of range is a ValueError here, as is a broken [IPv6] host
    except ValueError as error:
        raise InputError(f"{what} <{url}>: not an http(s) address: {error}".lstrip()) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{what} <{url}>: only http and https addresses are fetched".lstrip())
    address = _checked_address(parts.hostname, port or (443 if parts.scheme == "https" else 80), private_names, what)
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(parts.hostname, parts.port, address, timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    encoded = urlencode(form) if form else ""
    headers = {"User-Agent": "newsgraph", **headers}
    try:
        if post and body is not None:
            headers["Content-Type"] = body[0]
            connection.request("POST", path, body=body[1], headers=headers)
        elif post:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request("POST", path, body=encoded.encode(), headers=headers)
        else:
            connection.request("GET", path + (("&" if parts.query else "?") + encoded if encoded else ""), headers=headers)
        response = connection.getresponse()
        data = response.read(max_bytes + 1)
    except (OSError, http.client.HTTPException) as error:
        raise FetchFailed(str(error) or type(error).__name__, isinstance(error, TimeoutError)) from None
    finally:
        connection.close()
    if len(data) > max_bytes:
        raise FetchFailed(f"the answer is larger than {max_bytes // 2**20} MB")
    return response.status, {key.lower(): value for key, value in response.getheaders()}, data


def _checked_address(host: str, port: int, private_names: bool, what: str) -> str:
    """The address to connect to. A host name must resolve to public addresses only (unless
    `private_names`); a literal IP address was named by the user and is used as it is."""
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:  # UnicodeError: a name IDNA cannot encode (a label over 63 letters)
        raise FetchFailed(f"cannot resolve {host}: {error}") from None
    addresses = [info[4][0] for info in infos]
    for address in addresses if not private_names else ():
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise RefusedError(f"{what} host {host} resolves to the non-public address {address}; ".lstrip()
                               + "newsgraph does not send requests there (name the address itself to allow it)")
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
    return _pinned(http.client.HTTPConnection), _pinned(http.client.HTTPSConnection)


_PinnedHTTPConnection, _PinnedHTTPSConnection = _connection_classes()
