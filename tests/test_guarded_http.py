"""newsgraph's one HTTP client (graph/guarded_http.py), in process: loopback servers on 127.0.0.1
that the tests start and stop, and a stand-in resolver for host names, so that every answer is
exact: the refusals and their messages, the requests as the server received them, redirects,
size and time limits, and the Digest answers of RFC 7616 and RFC 2617's worked examples."""

from __future__ import annotations

import hashlib
import http.client
import http.server
import secrets
import socket
import threading

import pytest
from newsgraph.errors import InputError, RefusedError
from newsgraph.graph.guarded_http import FetchFailed, Response, authorization, fetch, get


def anything(url: str) -> bool:
    return True


class Server:
    """An HTTP server on 127.0.0.1 that answers `routes[path]` (status, headers, body) and records
    each request as (method, path, headers, body)."""

    def __init__(self, routes: dict[str, tuple[int, dict[str, str], bytes]], host: str = "127.0.0.1"):
        self.routes, self.requests = routes, []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                server.requests.append((self.command, self.path, dict(self.headers), body))
                status, headers, data = server.routes.get(self.path, (404, {}, b"not here"))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value.format(base=server.base))
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = answer

            def log_message(self, *args):
                pass

        class Quiet(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address):  # a client that went away: the test's business
                pass

        self.http = Quiet((host, 0), Handler)
        self.port = self.http.server_address[1]
        self.base = f"http://{host}:{self.port}"
        self.thread = threading.Thread(target=self.http.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def close(self):
        self.http.shutdown()
        self.http.server_close()
        self.thread.join(5)


@pytest.fixture
def server():
    running = Server({})
    yield running
    running.close()


class Silent:
    """A TCP listener on 127.0.0.1 that accepts, keeps what the client sends, and never answers."""

    def __init__(self, answer: bytes = b""):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.answer = answer
        self.port = self.socket.getsockname()[1]
        self.received, self.open = b"", []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.open.append(connection)
            connection.settimeout(2)
            try:
                self.received += connection.recv(65536)
                connection.sendall(self.answer)
            except OSError:
                pass

    def close(self):
        for connection in self.open:
            connection.close()
        self.socket.shutdown(socket.SHUT_RDWR)  # wakes the accept
        self.socket.close()
        self.thread.join(5)


def fetch_failure_within(seconds: float, url: str, **options) -> FetchFailed:
    """The FetchFailed that fetch(url) raises, which must come within `seconds`: a request with no
    time limit fails here instead of hanging the test (the Silent fixture then ends it)."""
    outcome: list = []

    def call():
        try:
            outcome.append(fetch(url, anything, **options))
        except Exception as error:  # noqa: BLE001 - handed to the test
            outcome.append(error)

    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"no answer and no failure within {seconds} s: the time limit was not applied"
    assert isinstance(outcome[0], FetchFailed), outcome[0]
    return outcome[0]


@pytest.fixture
def silent():
    listener = Silent()
    yield listener
    listener.close()


class Names(dict):
    """Made-up host names: `names[host] = [addresses]`, or an exception to raise; `asked` records
    each lookup of one of them as (host, port, type)."""

    def __init__(self):
        super().__init__()
        self.asked: list[tuple] = []


@pytest.fixture
def names(monkeypatch):
    """A resolver for made-up host names; every other name and address resolves as usual."""
    real, table = socket.getaddrinfo, Names()

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in table:
            return real(host, port, *args, **kwargs)
        table.asked.append((host, port, kwargs.get("type")))
        answer = table[host]
        if isinstance(answer, Exception):
            raise answer
        return [(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))
                for address in answer]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table


# What the server received, and what fetch answers.

def test_a_get_sends_the_form_in_the_url_and_the_callers_headers(server):
    server.routes["/q?x=1&a=b+c&d=%26"] = (200, {"X-Answer": "Yes", "Content-Type": "text/plain"}, b"hello")
    response = fetch(f"{server.base}/q?x=1", anything, form={"a": "b c", "d": "&"}, headers={"Accept": "text/csv"})
    assert response == Response(f"{server.base}/q?x=1", 200, response.headers, b"hello")
    assert response.headers["x-answer"] == "Yes" and response.headers["content-type"] == "text/plain"
    assert all(name == name.lower() for name in response.headers)
    [(method, path, headers, body)] = server.requests
    assert (method, path, body) == ("GET", "/q?x=1&a=b+c&d=%26", b"")
    assert headers["User-Agent"] == "newsgraph" and headers["Accept"] == "text/csv"
    assert headers["Host"] == f"127.0.0.1:{server.port}"
    assert "Content-Type" not in headers


def test_a_get_without_a_query_starts_one_and_without_a_path_asks_for_the_root(server):
    server.routes["/?a=1"] = (200, {}, b"form")
    server.routes["/"] = (200, {}, b"root")
    assert fetch(server.base, anything, form={"a": "1"}).body == b"form"
    assert fetch(server.base, anything).body == b"root"
    assert fetch(server.base + "/", anything, form={}).body == b"root"
    assert [path for _, path, _, _ in server.requests] == ["/?a=1", "/", "/"]


def test_a_post_sends_the_form_in_its_body(server):
    server.routes["/update?keep=1"] = (204, {}, b"")
    response = fetch(f"{server.base}/update?keep=1", anything, form={"update": "INSERT DATA {}"}, post=True,
                     headers={"User-Agent": "caller"})
    assert (response.status, response.body) == (204, b"")
    [(method, path, headers, body)] = server.requests
    assert (method, path, body) == ("POST", "/update?keep=1", b"update=INSERT+DATA+%7B%7D")
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert headers["User-Agent"] == "caller", "the caller's headers win over the default"
    fetch(f"{server.base}/update?keep=1", anything, post=True)
    assert server.requests[1][0] == "POST" and server.requests[1][3] == b""
    assert server.requests[1][2]["Content-Length"] == "0"


def test_an_error_status_is_an_answer_not_an_exception(server):
    server.routes["/broken"] = (500, {}, b"oops")
    for path, status, body in (("/broken", 500, b"oops"), ("/missing", 404, b"not here")):
        response = fetch(server.base + path, anything)
        assert (response.url, response.status, response.body) == (server.base + path, status, body)
    server.routes["/choices"] = (300, {"Location": "/broken"}, b"pick")
    server.routes["/same"] = (304, {"Location": "/broken"}, b"")
    assert fetch(server.base + "/choices", anything).status == 300, "300 is not followed"
    assert fetch(server.base + "/same", anything).status == 304, "304 is not followed"


# Redirects.

@pytest.mark.parametrize("status", [301, 302, 303])
def test_a_redirect_turns_a_post_into_a_get(server, status):
    server.routes["/from"] = (status, {"Location": "/to?x=1"}, b"")
    server.routes["/to?x=1&a=1"] = (200, {}, b"arrived")
    response = fetch(server.base + "/from", anything, form={"a": "1"}, post=True)
    assert (response.url, response.status, response.body) == (server.base + "/to?x=1", 200, b"arrived")
    assert [(method, path, body) for method, path, _, body in server.requests] == [
        ("POST", "/from", b"a=1"), ("GET", "/to?x=1&a=1", b"")], "the form goes along, in the URL"


@pytest.mark.parametrize("status", [307, 308])
def test_a_307_or_308_keeps_a_get_a_get(server, status):
    server.routes["/from?a=1"] = (status, {"Location": "/to"}, b"")
    server.routes["/to?a=1"] = (200, {}, b"arrived")
    assert fetch(server.base + "/from", anything, form={"a": "1"}).body == b"arrived"
    assert [(method, path, body) for method, path, _, body in server.requests] == [
        ("GET", "/from?a=1", b""), ("GET", "/to?a=1", b"")]


@pytest.mark.parametrize("status", [307, 308])
def test_a_307_or_308_keeps_the_post(server, status):
    server.routes["/from"] = (status, {"Location": "{base}/to"}, b"")
    server.routes["/to"] = (200, {}, b"arrived")
    response = fetch(server.base + "/from", anything, form={"a": "1"}, post=True)
    assert (response.url, response.body) == (server.base + "/to", b"arrived")
    assert [(method, path, body) for method, path, _, body in server.requests] == [
        ("POST", "/from", b"a=1"), ("POST", "/to", b"a=1")]


def test_five_redirects_are_followed_and_a_sixth_is_not(server):
    for hop in range(6):
        server.routes[f"/{hop}"] = (302, {"Location": f"/{hop + 1}"}, b"")
    server.routes["/5"] = (200, {}, b"fifth")
    assert fetch(server.base + "/0", anything).body == b"fifth"
    assert len(server.requests) == 6
    server.routes["/5"] = (302, {"Location": "/6"}, b"")
    server.requests.clear()
    with pytest.raises(FetchFailed) as failure:
        fetch(server.base + "/0", anything)
    assert str(failure.value) == "more than 5 redirects" and failure.value.timed_out is False
    assert [path for _, path, _, _ in server.requests] == ["/0", "/1", "/2", "/3", "/4", "/5"]


def test_a_redirect_without_a_location_asks_the_same_address_again(server):
    server.routes["/loop"] = (302, {}, b"")
    with pytest.raises(FetchFailed, match="^more than 5 redirects$"):
        fetch(server.base + "/loop", anything)
    assert [path for _, path, _, _ in server.requests] == ["/loop"] * 6


def test_a_redirect_the_policy_does_not_allow_is_refused_before_it_is_asked(server):
    server.routes["/from"] = (302, {"Location": "/elsewhere"}, b"")
    allowed = {server.base + "/from"}.__contains__
    with pytest.raises(RefusedError) as refusal:
        fetch(server.base + "/from", allowed)
    assert str(refusal.value) == f"{server.base}/elsewhere: newsgraph does not fetch from this address"
    assert [path for _, path, _, _ in server.requests] == ["/from"]

    class Mine(Exception):
        pass

    with pytest.raises(Mine) as mine:
        fetch(server.base + "/from", allowed, refused=Mine)
    assert mine.value.args == (f"{server.base}/elsewhere",)


def test_an_address_the_policy_does_not_allow_is_never_asked(server):
    with pytest.raises(RefusedError) as refusal:
        fetch(server.base + "/x", lambda url: False)
    assert str(refusal.value) == f"{server.base}/x: newsgraph does not fetch from this address"
    with pytest.raises(KeyError) as mine:
        fetch(server.base + "/y", lambda url: False, refused=KeyError)
    assert mine.value.args == (server.base + "/y",)
    assert server.requests == []


# Limits.

def test_the_size_limit_is_exact(server):
    server.routes["/ten"] = (200, {}, b"0123456789")
    assert fetch(server.base + "/ten", anything, max_bytes=10).body == b"0123456789"
    with pytest.raises(FetchFailed) as failure:
        fetch(server.base + "/ten", anything, max_bytes=9)
    assert str(failure.value) == "the answer is larger than 0 MB"
    server.routes["/big"] = (200, {}, b"x" * (3 * 2**20 + 1))
    with pytest.raises(FetchFailed, match="^the answer is larger than 3 MB$"):
        fetch(server.base + "/big", anything, max_bytes=3 * 2**20)
    assert len(fetch(server.base + "/big", anything, max_bytes=3 * 2**20 + 1).body) == 3 * 2**20 + 1


def test_an_answer_that_does_not_end_is_cut_off_at_the_limit_not_read_to_its_end():
    endless = Silent(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + b"x" * 20)  # no length, kept open
    try:
        with pytest.raises(FetchFailed) as failure:
            fetch(f"http://127.0.0.1:{endless.port}/", anything, max_bytes=10, timeout=5)
        assert str(failure.value) == "the answer is larger than 0 MB"
    finally:
        endless.close()


def test_an_answer_that_does_not_come_in_time_is_a_timeout(silent):
    failure = fetch_failure_within(5, f"http://127.0.0.1:{silent.port}/slow", timeout=0.3)
    assert str(failure) == "timed out" and failure.timed_out is True
    assert silent.received.startswith(b"GET /slow HTTP/1.1\r\n")


def test_a_failure_without_a_message_is_named_by_its_kind(server, monkeypatch):
    def reset(self):
        raise ConnectionResetError()

    monkeypatch.setattr(http.client.HTTPConnection, "getresponse", reset)
    with pytest.raises(FetchFailed) as failure:
        fetch(server.base, anything)
    assert str(failure.value) == "ConnectionResetError" and failure.value.timed_out is False


def test_a_closed_port_fails_without_a_timeout():
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    with pytest.raises(FetchFailed) as failure:
        fetch(f"http://127.0.0.1:{port}/", anything)
    assert failure.value.timed_out is False and "refused" in str(failure.value).lower()
    assert FetchFailed("x").timed_out is False and FetchFailed("x", True).timed_out is True
    assert FetchFailed("x").args == ("x",)


# Addresses: what is not http(s), host names that resolve to private addresses, pinning.

@pytest.mark.parametrize("url, what, message", [
    ("ftp://127.0.0.1/x", "", "<ftp://127.0.0.1/x>: only http and https addresses are fetched"),
    ("file:///etc/passwd", "SERVICE", "SERVICE <file:///etc/passwd>: only http and https addresses are fetched"),
    ("http:///no-host", "", "<http:///no-host>: only http and https addresses are fetched"),
    ("http://127.0.0.1:99999/", "", "<http://127.0.0.1:99999/>: not an http(s) address: Port out of range 0-65535"),
    ("http://[::1/", "SERVICE", "SERVICE <http://[::1/>: not an http(s) address: Invalid IPv6 URL"),
])
def test_what_is_not_an_http_address_is_an_input_error(url, what, message):
    with pytest.raises(InputError) as error:
        fetch(url, anything, what=what)
    assert str(error.value) == message and type(error.value) is InputError


def test_a_host_name_that_resolves_to_a_private_address_is_refused(names, server):
    names["inside.test"] = ["127.0.0.1"]
    with pytest.raises(RefusedError) as refusal:
        fetch(f"http://inside.test:{server.port}/", anything)
    assert str(refusal.value) == ("host inside.test resolves to the non-public address 127.0.0.1; newsgraph does not "
                                  "send requests there (name the address itself to allow it)")
    with pytest.raises(RefusedError) as refusal:
        fetch(f"http://inside.test:{server.port}/", anything, what="SERVICE")
    assert str(refusal.value).startswith("SERVICE host inside.test resolves to the non-public address 127.0.0.1; ")
    assert server.requests == []
    assert names.asked == [("inside.test", server.port, socket.SOCK_STREAM)] * 2


@pytest.mark.parametrize("addresses, named", [
    (["93.184.215.14", "10.1.2.3"], "10.1.2.3"),  # every address is checked, not only the first
    (["fe80::1%eth0"], "fe80::1%eth0"),  # a scoped IPv6 address
    (["239.1.2.3"], "239.1.2.3"),  # multicast, which ipaddress counts as global
    (["100.64.0.1"], "100.64.0.1"),  # shared address space
    (["169.254.169.254"], "169.254.169.254"),  # a cloud's metadata service
])
def test_every_non_public_address_of_a_name_is_refused(names, addresses, named):
    names["mixed.test"] = addresses
    with pytest.raises(RefusedError, match=f"^host mixed.test resolves to the non-public address {named};"):
        fetch("http://mixed.test/", anything)


def test_a_name_is_resolved_for_the_port_of_its_scheme(names):
    names["nowhere.test"] = socket.gaierror(-2, "Name or service not known")
    for url in ("http://nowhere.test/", "https://nowhere.test/x", "http://nowhere.test:8080/", "https://nowhere.test:8443"):
        with pytest.raises(FetchFailed) as failure:
            fetch(url, anything)
        assert str(failure.value) == "cannot resolve nowhere.test: [Errno -2] Name or service not known"
        assert failure.value.timed_out is False
    assert [port for _, port, _ in names.asked] == [80, 443, 8080, 8443]
    assert {kind for _, _, kind in names.asked} == {socket.SOCK_STREAM}


def test_a_name_idna_cannot_encode_is_a_fetch_failure():
    long = "a" * 64 + ".example"
    with pytest.raises(FetchFailed) as failure:
        fetch(f"http://{long}/", anything)
    assert str(failure.value).startswith(f"cannot resolve {long}: ")


def test_private_names_lets_a_name_reach_its_first_address_and_the_connection_stays_there(names, server):
    names["inside.test"] = ["127.0.0.1", "127.0.0.2"]
    server.routes["/x"] = (200, {}, b"inside")
    response = fetch(f"http://inside.test:{server.port}/x", anything, private_names=True)
    assert (response.url, response.body) == (f"http://inside.test:{server.port}/x", b"inside")
    [(_, _, headers, _)] = server.requests
    assert headers["Host"] == f"inside.test:{server.port}", "the Host header names the host, not the address"
    assert names.asked == [("inside.test", server.port, socket.SOCK_STREAM)], "resolved once, the connection is pinned"


def test_the_connection_goes_to_the_address_that_was_checked(names):
    """A second loopback address (127.0.0.2): a connection that looked the name up again, or went
    to the host's default address, would not reach this server."""
    other = Server({"/": (200, {}, b"pinned")}, host="127.0.0.2")
    try:
        names["pinned.test"] = ["127.0.0.2"]
        assert fetch(f"http://pinned.test:{other.port}/", anything, private_names=True).body == b"pinned"
        assert len(names.asked) == 1
    finally:
        other.close()


def test_a_literal_address_is_used_as_it_is(server):
    server.routes["/"] = (200, {}, b"loopback")
    assert fetch(server.base, anything).body == b"loopback", "a loopback address the user named"
    with pytest.raises(FetchFailed) as failure:  # not refused: nothing listens on [::1] at this port, or IPv6 is off
        fetch(f"http://[::1]:{server.port}/", anything)
    assert not str(failure.value).startswith("cannot resolve")


def test_https_speaks_tls_with_the_host_name_to_the_checked_address(names, silent):
    names["secure.test"] = ["127.0.0.1"]
    failure = fetch_failure_within(5, f"https://secure.test:{silent.port}/", private_names=True, timeout=0.5)
    assert failure.timed_out is True
    assert silent.received[:1] == b"\x16", "a TLS handshake, not plain HTTP"
    assert b"secure.test" in silent.received, "the server name sent for the certificate check"
    assert names.asked == [("secure.test", silent.port, socket.SOCK_STREAM)]


def test_plain_http_to_a_name_is_not_wrapped_in_tls(names, silent):
    names["plain.test"] = ["127.0.0.1"]
    fetch_failure_within(5, f"http://plain.test:{silent.port}/p", private_names=True, timeout=0.3)
    assert silent.received.startswith(b"GET /p HTTP/1.1\r\nHost: plain.test:")


# get: a source or a context the user asked for.

def test_get_answers_the_body_of_a_200_and_an_input_error_otherwise(server, names):
    server.routes["/data.ttl"] = (200, {}, b"<urn:a> <urn:b> <urn:c> .")
    server.routes["/moved"] = (301, {"Location": "/data.ttl"}, b"")
    server.routes["/away"] = (302, {"Location": "file:///etc/passwd"}, b"")
    assert get(server.base + "/moved") == b"<urn:a> <urn:b> <urn:c> ."
    with pytest.raises(InputError) as error:
        get(server.base + "/missing")
    assert str(error.value) == f"{server.base}/missing: cannot fetch: HTTP 404"
    with pytest.raises(RefusedError) as refusal:
        get(server.base + "/away")
    assert str(refusal.value) == "file:///etc/passwd: newsgraph does not fetch from this address"
    with pytest.raises(InputError) as error:
        get(server.base + "/data.ttl", max_bytes=5)
    assert str(error.value) == f"{server.base}/data.ttl: cannot fetch: the answer is larger than 0 MB"
    names["inside.test"] = ["127.0.0.1"]
    assert get(f"http://inside.test:{server.port}/data.ttl").startswith(b"<urn:a>"), "private names by default"
    with pytest.raises(RefusedError, match="resolves to the non-public address"):
        get(f"http://inside.test:{server.port}/data.ttl", private_names=False)


def test_get_refuses_what_is_not_http_and_asks_https(names):
    with pytest.raises(RefusedError) as refusal:
        get("ftp://127.0.0.1/x")
    assert str(refusal.value) == "ftp://127.0.0.1/x: newsgraph does not fetch from this address"
    names["nowhere.test"] = socket.gaierror(-2, "Name or service not known")
    with pytest.raises(InputError) as error:
        get("https://nowhere.test/x")
    assert str(error.value) == "https://nowhere.test/x: cannot fetch: cannot resolve nowhere.test: [Errno -2] Name or service not known"


# authorization: Basic (RFC 7617) and Digest (RFC 7616, RFC 2617), against their worked examples.

def test_basic_answers_with_user_and_password():
    assert authorization('Basic realm="WallyWorld"', "Aladdin", "open sesame", "GET", "http://h/") == (
        "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    assert authorization("  BASIC realm=x", "Aladdin", "open sesame", "GET", "http://h/") == (
        "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")


@pytest.mark.parametrize("challenge", [
    'Bearer realm="x"', "Negotiate", "", 'Digest realm="r", qop="auth"', 'Digest realm="r", nonce="n", algorithm=SHA-512-256',
    'Digest realm="r", nonce="n", algorithm=SHA-1',
])
def test_a_scheme_or_challenge_newsgraph_cannot_answer_gets_none(challenge):
    assert authorization(challenge, "u", "p", "GET", "http://h/") is None


@pytest.fixture
def cnonce(monkeypatch):
    """The client nonce of the worked examples instead of a random one (asked for 8 random bytes)."""
    chosen = []

    def token_hex(size):
        assert size == 8
        return chosen[0]

    monkeypatch.setattr(secrets, "token_hex", token_hex)
    return chosen


RFC7616 = ('Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm={algorithm}, '
           'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"')


@pytest.mark.parametrize("algorithm, response", [
    ("MD5", "8ca523f5e9506fed4657c9700eebdbec"),
    ("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
])
def test_digest_answers_rfc_7616s_example(cnonce, algorithm, response):
    """RFC 7616 section 3.9.1: Mufasa, "Circle of Life", GET /dir/index.html."""
    cnonce.append("f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
    answer = authorization(RFC7616.format(algorithm=algorithm), "Mufasa", "Circle of Life", "GET",
                           "http://www.example.org/dir/index.html")
    assert answer == (f'Digest username="Mufasa", realm="http-auth@example.org", '
                      f'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", uri="/dir/index.html", '
                      f'response="{response}", algorithm={algorithm}, qop=auth, nc=00000001, '
                      f'cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", '
                      f'opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"')


def test_digest_answers_rfc_2617s_example(cnonce):
    """RFC 2617 section 3.5: Mufasa, "Circle Of Life", realm testrealm@host.com, nc 1, cnonce 0a4f113b."""
    cnonce.append("0a4f113b")
    challenge = ('Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", '
                 'opaque="5ccc069c403ebaf9f0171e9517f40e41"')
    answer = authorization(challenge, "Mufasa", "Circle Of Life", "GET", "http://www.nowhere.org/dir/index.html")
    assert answer == ('Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", '
                      'uri="/dir/index.html", response="6629fae49393a05397450978507c4ef1", algorithm=MD5, qop=auth, '
                      'nc=00000001, cnonce="0a4f113b", opaque="5ccc069c403ebaf9f0171e9517f40e41"')


def md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


def test_digest_without_qop_is_rfc_2069s_answer(cnonce):
    """No qop: response = H(H(A1):nonce:H(A2)), with no nc or cnonce; no realm given is the empty realm;
    the uri keeps the query; unquoted values and upper-case field names are read."""
    cnonce.append("unused")
    answer = authorization("Digest NONCE=abc, Opaque=xyz", "u", "p", "POST", "http://h:8890/sparql?x=1&y=2")
    expected = md5(f"{md5('u::p')}:abc:{md5('POST:/sparql?x=1&y=2')}")
    assert answer == (f'Digest username="u", realm="", nonce="abc", uri="/sparql?x=1&y=2", response="{expected}", '
                      'algorithm=MD5, opaque="xyz"')
    only_int = authorization('Digest realm="r", nonce="n", qop="auth-int"', "u", "p", "GET", "http://h")
    expected = md5(f"{md5('u:r:p')}:n:{md5('GET:/')}")
    assert only_int == f'Digest username="u", realm="r", nonce="n", uri="/", response="{expected}", algorithm=MD5'


def test_digest_sess_hashes_the_nonces_into_the_secret_and_counts_in_hex(cnonce):
    cnonce.append("c0ffee")
    challenge = 'digest realm="r", nonce="n", qop="auth-int, auth", algorithm="MD5-sess"'
    answer = authorization(challenge, "u", "p", "GET", "http://h/a", count=255)
    secret = md5(f"{md5('u:r:p')}:n:c0ffee")
    expected = md5(f"{secret}:n:000000ff:c0ffee:auth:{md5('GET:/a')}")
    assert answer == (f'Digest username="u", realm="r", nonce="n", uri="/a", response="{expected}", '
                      'algorithm=MD5-SESS, qop=auth, nc=000000ff, cnonce="c0ffee"')
    sha = authorization('Digest realm="r", nonce="n", algorithm=sha-256-sess', "u", "p", "GET", "http://h/a")

    def sha256(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()

    secret = sha256(f"{sha256('u:r:p')}:n:c0ffee")
    expected = sha256(f"{secret}:n:{sha256('GET:/a')}")
    assert sha == f'Digest username="u", realm="r", nonce="n", uri="/a", response="{expected}", algorithm=SHA-256-SESS'


def test_a_quoted_value_keeps_its_escapes_and_commas(cnonce):
    cnonce.append("c")
    answer = authorization(r'Digest realm="a \"b\", c", nonce="n,1"', "u", "p", "GET", "http://h/")
    assert answer.startswith(r'Digest username="u", realm="a \"b\", c", nonce="n,1", uri="/", ')
