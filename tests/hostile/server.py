"""A misbehaving HTTP server on raw sockets, for the hostile tests.

:class:`HostileServer` listens on a loopback address (``127.0.0.1`` by default; ``127.0.0.2``
is another host for cross-host redirects) and answers each path with a *behaviour*: a
function that gets the parsed request and the socket and may write anything at all: a
status line with escape sequences, a body that drips, stops, resets or never ends. Every
request is logged with its headers, so tests can assert what was (never) asked.

Nothing large is held in memory: big bodies are generated in chunks as they are sent, and
the compression bombs (:func:`gzip_bomb`, :func:`zlib_bomb`, :func:`brotli_bomb`) are built
once per process, about a megabyte each, from a gigabyte of zeros.
"""

from __future__ import annotations

import functools
import socket
import socketserver
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate

CHUNK = 64 * 1024
GIB = 1 << 30


@dataclass
class Request:
    """One request as the server read it."""

    method: str
    target: str
    headers: dict[str, str]
    host: str
    """The address of the server that got it."""

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]


class Conn:
    """The client socket with small helpers for writing responses by hand."""

    def __init__(self, sock: socket.socket, request: Request, stop: threading.Event) -> None:
        self.sock = sock
        self.request = request
        self.stop = stop

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def head(
        self,
        status: int = 200,
        headers: dict[str, str] | None = None,
        *,
        reason: bytes = b"OK",
        raw_headers: bytes = b"",
    ) -> None:
        """Send a status line and headers (``Connection: close`` unless given)."""
        lines = [b"HTTP/1.1 %d %s" % (status, reason)]
        hdrs = {"Connection": "close", **(headers or {})}
        lines += [f"{k}: {v}".encode("latin-1") for k, v in hdrs.items()]
        self.send(b"\r\n".join(lines) + b"\r\n" + raw_headers + b"\r\n")

    def sleep(self, seconds: float) -> bool:
        """Wait (False when the server is stopping)."""
        return not self.stop.wait(seconds)

    def reset(self) -> None:
        """Close with an RST instead of a FIN (SO_LINGER 0)."""
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.sock.close()


Behaviour = Callable[[Conn], None]


@dataclass
class _State:
    routes: dict[str, Behaviour] = field(default_factory=dict)
    log: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)


class _TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128
    state: _State


class _Handler(socketserver.BaseRequestHandler):
    server: _TCPServer

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(30)
        state = self.server.state
        try:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = sock.recv(65536)
                if not chunk or len(data) > 1 << 20:
                    return
                data += chunk
            head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1")
            first, *rest = head.split("\r\n")
            method, target, _version = first.split(" ", 2)
            headers: dict[str, str] = {}
            for line in rest:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            req = Request(method, target, headers, self.server.server_address[0])
            with state.lock:
                state.log.append(req)
                behaviour = state.routes.get(req.path)
            conn = Conn(sock, req, state.stop)
            if behaviour is None:
                conn.head(404, {"Content-Length": "9", "Content-Type": "text/plain"})
                conn.send(b"not found")
                return
            behaviour(conn)
        except OSError:
            pass  # the client gave up (reset, broken pipe, timeout): that is the point


class HostileServer:
    """A threaded raw-socket HTTP server on ``host``:0 whose paths behave as told."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.state = _State()
        self._srv = _TCPServer((host, 0), _Handler)
        self._srv.state = self.state
        self._thread = threading.Thread(
            target=self._srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    @property
    def base(self) -> str:
        host, port = self._srv.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, behaviour: Behaviour) -> str:
        """Answer ``path`` with ``behaviour``; returns its URL."""
        with self.state.lock:
            self.state.routes[path] = behaviour
        return self.url(path)

    def requests(self, path: str | None = None) -> list[Request]:
        """Requests received (for ``path`` only when given)."""
        with self.state.lock:
            return [r for r in self.state.log if path is None or r.path == path]

    def close(self) -> None:
        self.state.stop.set()
        self._srv.shutdown()
        self._srv.server_close()

    def __enter__(self) -> HostileServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- behaviours ----------------------------------------------------------------------------------

FEED_TYPE = "application/rss+xml; charset=utf-8"


def static(
    body: bytes,
    *,
    status: int = 200,
    content_type: str = FEED_TYPE,
    headers: dict[str, str] | None = None,
    reason: bytes = b"OK",
    delay: float = 0.0,
) -> Behaviour:
    """A complete, well-formed response (after ``delay`` seconds)."""

    def run(c: Conn) -> None:
        if delay and not c.sleep(delay):
            return
        c.head(
            status,
            {"Content-Type": content_type, "Content-Length": str(len(body)), **(headers or {})},
            reason=reason,
        )
        c.send(body)

    return run


def drip(body: bytes, interval: float = 1.0) -> Behaviour:
    """One byte every ``interval`` seconds (with an honest Content-Length)."""

    def run(c: Conn) -> None:
        c.head(200, {"Content-Type": FEED_TYPE, "Content-Length": str(len(body))})
        for i in range(len(body)):
            c.send(body[i : i + 1])
            if not c.sleep(interval):
                return

    return run


def hang_after_headers(seconds: float = 60.0) -> Behaviour:
    """Headers promising a body, then silence."""

    def run(c: Conn) -> None:
        c.head(200, {"Content-Type": FEED_TYPE, "Content-Length": "5000"})
        c.sleep(seconds)

    return run


def reset_mid_body(body: bytes, after: int = 1000) -> Behaviour:
    """Part of the body, then a TCP reset."""

    def run(c: Conn) -> None:
        c.head(200, {"Content-Type": FEED_TYPE, "Content-Length": str(len(body))})
        c.send(body[:after])
        c.sleep(0.05)
        c.reset()

    return run


def error_status(status: int, *, retry_after: str | None = None, reason: bytes = b"") -> Behaviour:
    """An error status, with Retry-After when given."""
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    default = {500: b"Internal Server Error", 503: b"Service Unavailable"}.get(status, b"Error")
    return static(
        b"<html><body>error</body></html>",
        status=status,
        content_type="text/html",
        headers=headers,
        reason=reason or default,
    )


def redirect(location: str, status: int = 302) -> Behaviour:
    """A redirect to ``location`` (taken literally)."""

    def run(c: Conn) -> None:
        c.head(status, {"Location": location, "Content-Length": "0"})

    return run


def validators_feed(body: bytes) -> Behaviour:
    """A feed with ETag and Last-Modified that answers 304 to matching validators."""
    etag = '"v1-' + format(zlib.crc32(body), "x") + '"'
    modified = formatdate(1_700_000_000, usegmt=True)

    def run(c: Conn) -> None:
        h = c.request.headers
        if h.get("if-none-match") == etag:
            c.head(304, {"ETag": etag, "Content-Length": "0"})
            return
        c.head(
            200,
            {
                "Content-Type": FEED_TYPE,
                "Content-Length": str(len(body)),
                "ETag": etag,
                "Last-Modified": modified,
            },
        )
        c.send(body)

    return run


def _filler(total: int, prefix: bytes) -> Iterator[bytes]:
    """``prefix`` then spaces-and-text filler up to ``total`` bytes, in CHUNK pieces."""
    yield prefix
    sent = len(prefix)
    block = (b"<!-- filler " + b"x" * 1000 + b" -->\n") * (CHUNK // 1018)
    while sent < total:
        piece = block[: min(len(block), total - sent)]
        yield piece
        sent += len(piece)


BIG_PREFIX = (
    b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>big</title>'
    b"<item><title>big</title><guid>big</guid></item>\n"
)


def endless(total: int = 200 * 1000 * 1000, *, framing: str = "length") -> Behaviour:
    """A ``total``-byte body generated while it is sent.

    ``framing``: "length" (an honest Content-Length), "close" (no length, the end of the
    body is the end of the connection) or "chunked" (Transfer-Encoding: chunked).
    """

    def run(c: Conn) -> None:
        headers = {"Content-Type": FEED_TYPE}
        if framing == "length":
            headers["Content-Length"] = str(total)
        elif framing == "chunked":
            headers["Transfer-Encoding"] = "chunked"
        c.head(200, headers)
        for piece in _filler(total, BIG_PREFIX):
            if c.stop.is_set():
                return
            if framing == "chunked":
                c.send(b"%x\r\n%s\r\n" % (len(piece), piece))
            else:
                c.send(piece)
        if framing == "chunked":
            c.send(b"0\r\n\r\n")

    return run


def lying_length(declared: int, actual: bytes) -> Behaviour:
    """A Content-Length that is smaller than the body really sent."""

    def run(c: Conn) -> None:
        c.head(200, {"Content-Type": FEED_TYPE, "Content-Length": str(declared)})
        c.send(actual)

    return run


def compressed(blob: bytes, encoding: str, *, length: bool = True) -> Behaviour:
    """``blob`` sent as is with ``Content-Encoding: encoding``."""

    def run(c: Conn) -> None:
        headers = {"Content-Type": FEED_TYPE, "Content-Encoding": encoding}
        if length:
            headers["Content-Length"] = str(len(blob))
        c.head(200, headers)
        for i in range(0, len(blob), CHUNK):
            c.send(blob[i : i + CHUNK])

    return run


def raw(response: bytes) -> Behaviour:
    """Exactly these bytes, then close."""

    def run(c: Conn) -> None:
        c.send(response)

    return run


# -- compression bombs -----------------------------------------------------------------------------


def _deflate_zeros(size: int) -> bytes:
    """A raw deflate stream of ``size`` zero bytes (a whole MiB count), built in a fraction of a
    second: after a full flush, every further MiB of zeros compresses to the same block."""
    mib = 1 << 20
    assert size % mib == 0 and size >= 2 * mib
    zeros = bytes(mib)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    assert c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH) == block
    # A final, empty fixed-Huffman block (BFINAL=1, BTYPE=01, end-of-block) closes the stream.
    return first + block * (size // mib - 1) + b"\x03\x00"


def _crc32_zeros(size: int) -> int:
    crc = 0
    zeros = bytes(1 << 20)
    for _ in range(size // len(zeros)):
        crc = zlib.crc32(zeros, crc)
    return crc


@functools.cache
def gzip_bomb(size: int = GIB) -> bytes:
    """A gzip member of ``size`` zeros (1 GiB: about 1 MB)."""
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", _crc32_zeros(size), size & 0xFFFFFFFF)
    return header + _deflate_zeros(size) + trailer


@functools.cache
def zlib_bomb(size: int = GIB) -> bytes:
    """A zlib stream of ``size`` zeros ("deflate" as the standard means it)."""
    adler = ((size % 65521) << 16) | 1
    return b"\x78\xda" + _deflate_zeros(size) + struct.pack(">I", adler)


@functools.cache
def brotli_bomb(size: int = GIB) -> bytes:
    """A brotli stream of ``size`` zeros (1 GiB: a few KB)."""
    import brotli

    c = brotli.Compressor(quality=1)
    zeros = bytes(1 << 20)
    out = [c.process(zeros) for _ in range(size // len(zeros))]
    out.append(c.finish())
    return b"".join(out)


def wait_for(check: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Poll ``check`` until it holds or ``timeout`` passes."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.01)
    return check()
