"""Shared fixtures: a real HTTP server on 127.0.0.1, isolated paths, a real store."""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest


@dataclass
class Route:
    """What the loopback server answers for one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: bool = True
    """Send ETag/Last-Modified and answer 304 to matching conditional requests."""
    gzip: bool = True
    """Compress when the client accepts gzip."""
    drip: float = 0.0
    """Seconds between single bytes (a slow server)."""
    hang: float = 0.0
    """Seconds to wait after the headers before the body."""
    handler: Callable[[BaseHTTPRequestHandler], bool] | None = None
    """Custom handling; return True when it answered."""


class LoopbackServer:
    """A threaded HTTP/1.1 server on 127.0.0.1:0 whose routes tests change at will."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, str, int, dict[str, str]]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                server._handle(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def set(self, path: str, body: bytes | str = b"", **kw: object) -> str:
        if isinstance(body, str):
            body = body.encode("utf-8")
        with self._lock:
            self.routes[path] = Route(body=body, **kw)  # type: ignore[arg-type]
        return self.url(path)

    def statuses(self, path: str) -> list[int]:
        return [s for (p, _m, s, _h) in self.log if p == path]

    def requests(self, path: str) -> list[dict[str, str]]:
        return [h for (p, _m, _s, h) in self.log if p == path]

    def _record(self, h: BaseHTTPRequestHandler, status: int) -> None:
        with self._lock:
            self.log.append(
                (h.path, h.command, status, {k.lower(): v for k, v in h.headers.items()})
            )

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        with self._lock:
            route = self.routes.get(h.path)
        if route is None:
            self._send(h, 404, b"not found", "text/plain", {})
            return
        if route.handler is not None and route.handler(h):
            self._record(h, -1)
            return
        headers = dict(route.headers)
        body = route.body
        if route.status == 200 and route.etag:
            tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            lm = formatdate(1_700_000_000, usegmt=True)
            headers["ETag"] = tag
            headers["Last-Modified"] = lm
            if h.headers.get("If-None-Match") == tag or (
                not h.headers.get("If-None-Match") and h.headers.get("If-Modified-Since") == lm
            ):
                self._send(h, 304, b"", None, headers)
                return
        if route.gzip and "gzip" in (h.headers.get("Accept-Encoding") or "") and body:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        self._send(h, route.status, body, route.content_type, headers, route.drip, route.hang)

    def _send(
        self,
        h: BaseHTTPRequestHandler,
        status: int,
        body: bytes,
        ctype: str | None,
        headers: dict[str, str],
        drip: float = 0.0,
        hang: float = 0.0,
    ) -> None:
        self._record(h, status)
        try:
            h.send_response(status)
            if ctype:
                h.send_header("Content-Type", ctype)
            for k, v in headers.items():
                h.send_header(k, v)
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            if hang:
                time.sleep(hang)
            if drip:
                for i in range(len(body)):
                    h.wfile.write(body[i : i + 1])
                    h.wfile.flush()
                    time.sleep(drip)
            elif status != 304:
                h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    """A fresh loopback HTTP server."""
    srv = LoopbackServer()
    try:
        yield srv
    finally:
        srv.close()


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test reads the real config or cache; English unless a test asks otherwise."""
    monkeypatch.setenv("TUINEWS_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("TUINEWS_DATA_DIR", str(tmp_path / "data"))
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    from tuinews import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[object]:
    """A real store on a temporary SQLite file."""
    from tuinews.store import Store

    s = Store(tmp_path / "data" / "tuinews.db")
    try:
        yield s
    finally:
        s.close()
