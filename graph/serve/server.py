"""`newsgraph serve`: the store over the SPARQL 1.1 Protocol, with a query page at `/`.

Why our own server rather than Oxigraph's: the page offers the named queries with their
parameters, bound as RDF terms, which a generic server cannot; and queries must stop at their
time limit, which needs the worker processes newsgraph already uses (pyoxigraph cannot cancel a
query). The server is the standard library's threading HTTP server: no framework to install.

- GET /sparql?query=..., POST form (query=...), POST application/sparql-query; dataset by
  default-graph-uri / named-graph-uri, which only name graphs of the store (nothing is fetched);
  without them the default graph is the union of all graphs, as on the command line.
- Updates (update=..., application/sparql-update) only with allow_update; otherwise 403. An
  update must carry the server's token (`Authorization: Bearer TOKEN`, RFC 6750): a web page
  cannot add that header to a cross-site request without the server's consent (CORS), and it
  cannot know the token. An update whose Origin (or, without one, Referer) is another site is
  refused too.
- A server bound to a loopback address answers only requests whose Host header names it by a
  loopback name and its port: a page that rebinds its own host name to 127.0.0.1 (DNS
  rebinding) gets 403.
- A request body is read whole (at most MAX_BODY bytes: 413) before anything runs; one that ends
  early (fewer bytes than Content-Length) is answered 400 and never run. A client that sends
  nothing for SOCKET_TIMEOUT seconds is dropped, and one that hangs up is not an error of ours.
- Content negotiation for the W3C result formats and for RDF formats (CONSTRUCT/DESCRIBE).
- Each query runs in a worker process that is killed at the time limit: the client gets 503
  with "query timed out", never a cut-off 200.
- GET /queries lists the named queries; GET /named/NAME?param=... runs one with bound parameters.

Concurrency: the server holds the store's lock for its lifetime. Queries run in forked workers
that open the store read-only; in update mode a readers-writer lock keeps updates (run in the
server process) and queries apart, first come first served so that neither starves the other, and
the store is flushed after every update.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import re
import sys
import threading
from collections import deque
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ...errors import InputError, NewsgraphError, QueryTimeoutError, RefusedError
from ...queries import named_queries
from ..store import GraphStore, StoreLock

MAX_BODY = 16 * 1024 * 1024  # bytes of a request body
SOCKET_TIMEOUT = 60.0  # seconds a client may keep the server waiting for its request
RESULT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle", "application/n-triples": "ntriples", "application/ld+json": "jsonld",
    "application/rdf+xml": "xml", "application/trig": "trig", "application/n-quads": "nquads",
}


class _ReadersWriter:
    """Many queries at once, or one update alone, in the order they asked. A plain readers-writer
    lock lets a new query in whenever another is running, so with a few clients querying the
    readers never all finish and an update waits for ever (issue 19: 8 readers let 4 writers
    through 8 times in 20 s). Here everyone queues: a query that arrives behind a waiting update
    waits for it, and the queries queued together run together."""

    def __init__(self):
        self._condition = threading.Condition()
        self._queue: deque[object] = deque()  # one ticket per waiter, first come first served
        self._readers = 0
        self._writing = False

    @contextmanager
    def read(self):
        self._acquire(writer=False)
        try:
            yield
        finally:
            self._release(writer=False)

    @contextmanager
    def write(self):
        self._acquire(writer=True)
        try:
            yield
        finally:
            self._release(writer=True)

    def _acquire(self, writer: bool) -> None:
        ticket = object()  # compared by identity: this waiter's place in the queue
        with self._condition:
            self._queue.append(ticket)
            try:
                self._condition.wait_for(lambda: self._queue[0] is ticket and not self._writing
                                         and not (writer and self._readers))
            except BaseException:
                self._queue.remove(ticket)
                self._condition.notify_all()
                raise
            self._queue.popleft()
            if writer:
                self._writing = True
            else:
                self._readers += 1
            self._condition.notify_all()  # the next in line may be a reader that can join this one

    def _release(self, writer: bool) -> None:
        with self._condition:
            if writer:
                self._writing = False
            else:
                self._readers -= 1
            self._condition.notify_all()


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default backlog is 5: with a dozen clients connecting at once, a connection
    # the kernel drops waits for its SYN to be sent again (1 s, 3 s, 7 s, 15 s, 31 s), which looks
    # to the client like a server that does not answer.
    request_queue_size = 128

    def __init__(self, address, graph, allow_update: bool, timeout: float,
                 allowed_services: frozenset[str] = frozenset(), wait: float = 0.0, update_token: str | None = None):
        self.store_path = graph.store_path
        self.allow_update = allow_update
        self.update_token = update_token
        self.allowed_services = allowed_services
        self.query_timeout = timeout
        self.lock = _ReadersWriter()
        # The server holds the store's lock for its lifetime: shared when read-only, so that other
        # readers (the command line) run beside it; alone when it takes updates. The database
        # itself is opened only where it is used: read-only in each query worker, and for writing
        # by each update, which closes it before any worker opens it again. A writer kept open
        # beside read-only workers would compact away files they are reading.
        if not (self.store_path / "oxigraph").is_dir():
            raise InputError(f"the store at {self.store_path} is empty; run `newsgraph build` first")
        self.store_lock = StoreLock(self.store_path, shared=not allow_update, wait=wait)
        self.graph = graph
        try:
            super().__init__(address, _Handler)
        except BaseException:
            self.store_lock.release()
            raise
        host, port = self.server_address[:2]
        self.hosts = frozenset(f"{name}:{port}" for name in ("127.0.0.1", "localhost", "[::1]", host)) \
            if is_loopback(host) else None

    def server_close(self):
        super().server_close()
        self.store_lock.release()

    def handle_error(self, request, client_address):
        """A client that hangs up or stalls is not an error; anything else is one line on stderr."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        print(f"newsgraph serve: a request from {client_address[0]} failed: {type(error).__name__}: {error}",
              file=sys.stderr, flush=True)


def is_loopback(host: str) -> bool:
    """Whether `host` (an address or a name) is a loopback address, or names only loopback addresses."""
    import socket

    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        return False
    return bool(addresses) and all(ipaddress.ip_address(address.split("%")[0]).is_loopback for address in addresses)


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"
    # A request line without a version ("GET /") is HTTP/0.9 to the base class, which then answers
    # with a bare body, no status line, as it does to a request line it cannot read: every answer
    # here has a status line.
    default_request_version = "HTTP/1.0"
    timeout = SOCKET_TIMEOUT  # set on the socket: a silent client does not hold a thread for ever

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # requests are not logged to stderr; the command prints where it listens

    def send_error(self, code, message=None, explain=None):
        """The base class's own refusals (a request line it cannot read, headers too long, a
        method it has no do_ for) as one line of text, as every other error here, not an HTML page."""
        self.close_connection = True
        self._error(code, message or self.responses.get(code, ("error",))[0])

    # Routing

    def do_GET(self):
        self._handle(self._get)

    def do_HEAD(self):
        self._handle(self._get)

    def do_POST(self):
        self._handle(self._post)

    def _handle(self, method):
        """Run a request: the Host check first; a client that hangs up is left alone, any other
        failure is a 500 with one line, never a traceback."""
        try:
            if len(self.headers.get_all("Host") or ()) > 1:  # which one names the server? (RFC 9112: 400)
                self.close_connection = True
                return self._error(400, "a request has one Host header")
            if self.server.hosts is not None and self.headers.get("Host") is not None \
                    and self.headers["Host"].lower() not in self.server.hosts:
                self.close_connection = True
                return self._error(403, f"Host {self.headers['Host']!r} does not name this server "
                                        "(it answers to its loopback address and port only)")
            if self.command != "POST" and (self.headers.get("Content-Length", "0").strip() != "0"
                                           or self.headers.get("Transfer-Encoding")):
                self.close_connection = True  # a body nobody reads must not be taken for the next request
            method()
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception as error:  # noqa: BLE001 - one line to the client and the log, never a traceback
            self.close_connection = True
            self.server.handle_error(self.request, self.client_address)
            try:
                self._error(500, f"internal error: {type(error).__name__}")
            except OSError:
                pass

    def _get(self):
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path in ("/", "/index.html"):
            return self._send(200, "text/html; charset=utf-8", _page())
        if url.path == "/queries":
            return self._send(200, "application/json", json.dumps(_named_query_list()).encode("utf-8"))
        if url.path.startswith("/named/"):
            return self._named(url.path[len("/named/"):], params)
        if url.path.rstrip("/") == "/sparql":
            if "update" in params:
                return self._error(405, "updates must be sent with POST")
            return self._query(params)
        return self._error(404, f"no such resource: {url.path}")

    def _post(self):
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path.rstrip("/") != "/sparql":
            self.close_connection = True
            return self._error(404, f"no such resource: {url.path}")
        body = self._body()
        if body is None:
            return None
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        charset = _charset(self.headers.get("Content-Type") or "")
        if charset not in ("utf-8", "utf8"):
            return self._error(415, f"only UTF-8 is accepted, not {charset}")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._error(400, "the request body is not UTF-8")
        if content_type == "application/x-www-form-urlencoded":
            form = parse_qs(text, keep_blank_values=True)
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
            if "update" in params and "query" in params:
                return self._error(400, "a request has either a query or an update, not both")
            if "update" in params:
                return self._update(params)
            return self._query(params)
        if content_type == "application/sparql-query":
            if "query" in params:
                return self._error(400, "the query is in the body; it cannot also be a parameter")
            params["query"] = [text]
            return self._query(params)
        if content_type == "application/sparql-update":
            if "update" in params:
                return self._error(400, "the update is in the body; it cannot also be a parameter")
            params["update"] = [text]
            return self._update(params)
        if not content_type:
            return self._error(400, "a POST needs a Content-Type: application/x-www-form-urlencoded, "
                                    "application/sparql-query or application/sparql-update")
        return self._error(415, f"unsupported media type {content_type}")

    def _body(self) -> bytes | None:
        """The whole request body, or None once an error has been answered (the connection is
        then closed: what is left of the body must not be read as the next request)."""
        lengths = {length.strip() for length in self.headers.get_all("Content-Length") or ()}
        if self.headers.get("Transfer-Encoding"):
            # With a Content-Length as well, the two could each be read as the end of the body.
            self.close_connection = True
            self._error(411, "send the body with a Content-Length, and no Transfer-Encoding")
            return None
        if not lengths:
            return b""
        raw = lengths.pop()
        if lengths:
            self.close_connection = True
            self._error(400, "Content-Length is given twice, with different values")
            return None
        if not re.fullmatch(r"[0-9]{1,18}", raw):  # ASCII digits: str.isdigit() also takes '²', which int() refuses
            self.close_connection = True
            self._error(400, f"Content-Length {raw[:40]!r} is not a number of bytes")
            return None
        length = int(raw)
        if length > MAX_BODY:
            self.close_connection = True
            self._error(413, f"the request body is {length} bytes; this server takes at most {MAX_BODY}")
            return None
        chunks, received = [], 0
        while received < length:
            chunk = self.rfile.read(length - received)
            if not chunk:
                break
            chunks.append(chunk)
            received += len(chunk)
        if received < length:
            self.close_connection = True
            self._error(400, f"the request body ended after {received} of {length} bytes; nothing was run")
            return None
        return b"".join(chunks)

    def do_PUT(self):
        self.close_connection = True
        self._error(405, "use GET or POST")

    do_DELETE = do_PATCH = do_PUT

    # Work

    def _query(self, params, name: str | None = None, values: dict | None = None):
        queries = params.get("query", [])
        if name is None and len(queries) != 1:
            return self._error(400, "give exactly one query parameter")
        graph_format, results_format = self._negotiate()
        try:
            with self.server.lock.read():
                outcome = self.server.graph.query(
                    queries[0] if name is None else None, name=name, params=values, format=results_format,
                    graph_format=graph_format, timeout=self.server.query_timeout, base_iri=self._base(),
                    default_graphs=params.get("default-graph-uri", []), named_graphs=params.get("named-graph-uri", []),
                    allowed_services=self.server.allowed_services)
        except QueryTimeoutError as error:
            return self._error(503, self._explain(error))
        except InputError as error:
            return self._error(400, self._explain(error))
        except NewsgraphError as error:
            return self._error(500, self._explain(error))
        media = outcome.media_type or "application/octet-stream"
        # A named query's string parameter that matched nothing but a language-tagged text.
        hints = [f'{h.name}={h.term}' for h in outcome.hints]
        self._send(200, media, outcome.data, {"X-Newsgraph-Hint": "no rows; try " + ", ".join(hints)} if hints else None)

    def _update(self, params):
        updates = params.get("update", [])
        if len(updates) != 1:
            return self._error(400, "give exactly one update parameter")
        if not self.server.allow_update:
            return self._error(403, "this endpoint is read-only: it accepts no updates")
        foreign = self._foreign_origin()
        if foreign:
            return self._error(403, f"an update from another site ({foreign}) is refused")
        if not self._authorised():
            self.close_connection = True
            return self._send(401, "text/plain; charset=utf-8", b"an update needs the header Authorization: Bearer TOKEN "
                              b"(the token newsgraph serve printed, or the one it was given)\n",
                              {"WWW-Authenticate": 'Bearer realm="newsgraph"'})
        if params.get("using-graph-uri") or params.get("using-named-graph-uri"):
            return self._error(400, "using-graph-uri and using-named-graph-uri are not supported; write USING in the update")
        try:
            with self.server.lock.write():
                with GraphStore(self.server.store_path, lock=False) as store:
                    store.update(updates[0], "update", base_iri=self._base())
        except RefusedError as error:
            return self._error(403, self._explain(error))
        except InputError as error:
            return self._error(400, self._explain(error))
        self._send(204, None, b"")

    def _own_origin(self) -> str:
        return f"http://{self.headers.get('Host') or '%s:%s' % self.server.server_address[:2]}".lower()

    def _foreign_origin(self) -> str | None:
        """The site a browser says the request comes from (Origin, else Referer), when that is not
        this server."""
        origin = self.headers.get("Origin")
        if origin is None and self.headers.get("Referer"):
            referer = urlsplit(self.headers["Referer"])
            origin = f"{referer.scheme}://{referer.netloc}"
        if origin is None or origin.lower() == self._own_origin():
            return None
        return origin[:100]

    def _authorised(self) -> bool:
        token = self.server.update_token
        scheme, _, given = (self.headers.get("Authorization") or "").partition(" ")
        return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())

    def _named(self, name, params):
        values = {key: vals[0] for key, vals in params.items() if vals and vals[0] != ""}
        return self._query({}, name, values)

    @staticmethod
    def _explain(error: NewsgraphError) -> str:
        """An error for an HTTP client: settings are the server's, named as its operator set them."""
        return error.explain({"allowed_services": "--allow-service", "timeout": "the server's time limit"})

    def _base(self) -> str:
        """Relative IRIs in a request resolve against the endpoint's own address."""
        host = self.headers.get("Host") or f"{self.server.server_address[0]}:{self.server.server_address[1]}"
        return f"http://{host}{urlsplit(self.path).path}"

    def _negotiate(self) -> tuple[str, str]:
        accept = self.headers.get("Accept") or ""
        ranked = []
        for position, part in enumerate(accept.split(",")):
            media, _, rest = part.strip().partition(";")
            quality = 1.0
            for parameter in rest.split(";"):
                key, _, value = parameter.strip().partition("=")
                if key == "q":
                    try:
                        quality = float(value)
                    except ValueError:
                        quality = 0.0
            ranked.append((-quality, position, media.strip().lower()))
        graph, results = "turtle", "json"
        for _, _, media in sorted(ranked):
            if media in GRAPH_TYPES:
                graph = GRAPH_TYPES[media]
                break
        for _, _, media in sorted(ranked):
            if media in RESULT_TYPES:
                results = RESULT_TYPES[media]
                break
        return graph, results

    def _error(self, status: int, message: str):
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def _send(self, status: int, media: str | None, data: bytes, headers: dict | None = None):
        self.send_response(status)
        if self.close_connection:
            self.send_header("Connection", "close")
        if media:
            self.send_header("Content-Type", media)
        for name, value in (headers or {}).items():  # a header is Latin-1 on the wire: text beyond ASCII is escaped
            self.send_header(name, value.encode("ascii", "backslashreplace").decode("ascii"))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if data and self.command != "HEAD":
            self.wfile.write(data)


def _charset(content_type: str) -> str:
    for parameter in content_type.split(";")[1:]:
        key, _, value = parameter.strip().partition("=")
        if key.lower() == "charset":
            return value.strip().strip('"').lower()
    return "utf-8"


def _page() -> bytes:
    return Path(__file__).with_name("page.html").read_bytes()


def _named_query_list() -> list[dict]:
    return [{"name": q.name, "title": q.title, "description": q.description, "text": q.text,
             "params": [{"name": p.name, "type": p.type, "optional": p.optional, "description": p.description} for p in q.params]}
            for q in named_queries().values()]


def serve(graph, host: str, port: int, allow_update: bool, timeout: float, ready=None,
          allowed_services: frozenset[str] = frozenset(), wait: float = 0.0, update_token: str | None = None) -> None:
    """Serve `graph` (an api.Newsgraph that takes no lock of its own: the server holds it) until
    interrupted; `ready(server)` is called once the socket listens. SERVICE may call only
    `allowed_services`. A busy store is waited for up to `wait` seconds. Updates need
    `update_token`."""
    server = SparqlServer((host, port), graph, allow_update, timeout, allowed_services, wait, update_token)
    if ready is not None:
        ready(server)
    try:
        server.serve_forever()
    finally:
        server.server_close()
