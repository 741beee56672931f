"""A quiet loopback HTTP server for the demo site.

::

    with DemoServer() as base_url:          # binds 127.0.0.1 on a free port
        ...                                 # fetch base_url + "/feeds/thoi-su.rss"

The server binds first and then builds the site with the real base URL (the feeds carry
absolute links). It runs :class:`http.server.ThreadingHTTPServer` in a daemon thread and
serves from memory with ``ETag`` and ``Last-Modified``, answers conditional requests with
``304``, compresses with gzip when asked, and never writes to stdout or stderr: it runs
inside a full-screen terminal app.
"""

from __future__ import annotations

import gzip
import sys
import threading
from collections.abc import Callable
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Final
from urllib.parse import unquote, urlsplit

from tuinews.demo.site import DemoFile, DemoSite, build_site

SiteFactory = Callable[[str], DemoSite]
"""Builds the site for a base URL such as ``http://127.0.0.1:41234``."""

HOST: Final = "127.0.0.1"

_NOT_FOUND: Final = (
    '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>404</title></head>'
    "<body><h1>404 - Không tìm thấy trang</h1><p>Not found.</p>"
    '<p><a href="/index.html">Trang chủ</a></p></body></html>\n'
).encode()


def accepts_gzip(header: str | None) -> bool:
    """Whether an ``Accept-Encoding`` value allows gzip (``gzip;q=0`` does not).

    Args:
        header: The header value, or None when absent.

    Returns:
        True when ``gzip``, ``x-gzip`` or ``*`` is listed with a non-zero quality.
    """
    if not header:
        return False
    for part in header.split(","):
        name, _, params = part.partition(";")
        if name.strip().lower() not in ("gzip", "x-gzip", "*"):
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            return True
    return False


def etag_matches(header: str, etag: str) -> bool:
    """Weak comparison of an ``If-None-Match`` value against a file's entity tag.

    The gzip variant's tag (``"…-gz"``) matches the plain one: both name the same file.

    Args:
        header: The ``If-None-Match`` value (a list of tags or ``*``).
        etag: The file's strong tag, quoted.

    Returns:
        True when any listed tag names the same file.
    """
    if header.strip() == "*":
        return True
    for tag in header.split(","):
        tag = tag.strip().removeprefix("W/")
        if tag.endswith('-gz"'):
            tag = tag[: -len('-gz"')] + '"'
        if tag == etag:
            return True
    return False


class _Catalog:
    """The site's files plus a cache of their gzip bodies."""

    def __init__(self, site: DemoSite) -> None:
        self.site = site
        self._gzipped: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def find(self, raw_path: str) -> DemoFile | None:
        parts = urlsplit(raw_path)
        path = unquote(parts.path) or "/"
        candidates = [path]
        if parts.query:
            candidates.insert(0, f"{path}?{parts.query}")
        if path.endswith("/"):
            candidates.append(path + "index.html")
        for candidate in candidates:
            found = self.site.files.get(candidate)
            if found is not None:
                return found
        return None

    def gzipped(self, file: DemoFile) -> bytes:
        with self._lock:
            body = self._gzipped.get(file.etag)
            if body is None:
                body = gzip.compress(file.body, compresslevel=6, mtime=0)
                self._gzipped[file.etag] = body
            return body


class _Handler(BaseHTTPRequestHandler):
    """Serves GET and HEAD from the catalog of its server."""

    server_version = "tuinews-demo/1"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    timeout = 30  # idle keep-alive connections close after this many seconds

    def version_string(self) -> str:
        """The ``Server`` header value."""
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Log nothing: the app owns the terminal."""

    def do_GET(self) -> None:
        """Answer a GET request."""
        self._serve(head=False)

    def do_HEAD(self) -> None:
        """Answer a HEAD request."""
        self._serve(head=True)

    def _serve(self, *, head: bool) -> None:
        server = self.server
        catalog = server.catalog if isinstance(server, _Server) else None
        if catalog is None:  # not ready yet: the site is still being built
            self._send(503, b"", {"Retry-After": "1"}, head)
            return
        file = catalog.find(self.path)
        if file is None:
            self._send(404, _NOT_FOUND, {"Content-Type": "text/html; charset=utf-8"}, head)
            return
        use_gzip = accepts_gzip(self.headers.get("Accept-Encoding"))
        etag = file.etag[:-1] + '-gz"' if use_gzip else file.etag
        headers = {
            "ETag": etag,
            "Last-Modified": format_datetime(file.last_modified, usegmt=True),
            "Cache-Control": "no-cache",
            "Vary": "Accept-Encoding",
        }
        if self._not_modified(file):
            self._send(304, b"", headers, head=True)
            return
        body = file.body
        if use_gzip:
            body = catalog.gzipped(file)
            headers["Content-Encoding"] = "gzip"
        headers["Content-Type"] = file.content_type
        self._send(200, body, headers, head)

    def _not_modified(self, file: DemoFile) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            return etag_matches(if_none_match, file.etag)
        since = self.headers.get("If-Modified-Since")
        if not since:
            return False
        try:
            when = parsedate_to_datetime(since)
        except (TypeError, ValueError, IndexError):
            return False
        if when.tzinfo is None:
            return False
        return file.last_modified <= when

    def _send(self, status: int, body: bytes, headers: dict[str, str], head: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head and body:
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int) -> None:
        super().__init__((HOST, port), _Handler)
        self.catalog: _Catalog | None = None
        self.errors: list[BaseException] = []

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Keep the error for inspection instead of printing a traceback."""
        error = sys.exc_info()[1]
        if error is not None and not isinstance(error, ConnectionError):
            self.errors.append(error)


class DemoServer:
    """The demo site on ``http://127.0.0.1:<free port>``, as a context manager.

    Entering binds the socket, builds the site for the real base URL (when given a
    factory), starts serving in a daemon thread and returns the base URL; leaving stops the
    server and closes the socket.
    """

    def __init__(self, site: DemoSite | SiteFactory | None = None, *, port: int = 0) -> None:
        """Prepare a server (nothing is bound until :meth:`start`).

        Args:
            site: A built site to serve as is, a factory called with the base URL once the
                port is known, or None for :func:`build_site` dated now.
            port: Port to bind on 127.0.0.1; 0 picks a free one.
        """
        self._source: DemoSite | SiteFactory = site if site is not None else build_site
        self._port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._site: DemoSite | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>`` of the running server."""
        if self._server is None:
            raise RuntimeError("the demo server is not running")
        return f"http://{HOST}:{self._server.server_address[1]}"

    @property
    def site(self) -> DemoSite:
        """The site being served."""
        if self._site is None:
            raise RuntimeError("the demo server is not running")
        return self._site

    @property
    def errors(self) -> list[BaseException]:
        """Exceptions raised while handling requests (connection resets excluded)."""
        return [] if self._server is None else list(self._server.errors)

    def start(self) -> str:
        """Bind, build the site if needed, start serving.

        Returns:
            The base URL, e.g. ``http://127.0.0.1:41234``.

        Raises:
            RuntimeError: The server is already running.
            OSError: The port could not be bound.
        """
        if self._server is not None:
            raise RuntimeError("the demo server is already running")
        server = _Server(self._port)
        self._server = server
        try:
            base_url = self.base_url
            source = self._source
            site = source if isinstance(source, DemoSite) else source(base_url)
        except BaseException:
            server.server_close()
            self._server = None
            raise
        self._site = site
        server.catalog = _Catalog(site)
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.2},
            name="tuinews-demo-server",
            daemon=True,
        )
        self._thread.start()
        return base_url

    def close(self) -> None:
        """Stop serving and close the socket (safe to call twice)."""
        server, thread = self._server, self._thread
        if server is None:
            return
        if thread is not None:
            server.shutdown()
            thread.join(timeout=5)
        server.server_close()
        self._server = None
        self._thread = None

    def __enter__(self) -> str:
        """Start the server; returns the base URL."""
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop the server."""
        self.close()


def serve(site: DemoSite | SiteFactory | None = None, *, port: int = 0) -> DemoServer:
    """A :class:`DemoServer` for ``with serve() as base_url:``.

    Args:
        site: A built site, a factory taking the base URL, or None for the default site.
        port: Port on 127.0.0.1; 0 picks a free one.

    Returns:
        The (not yet started) server.
    """
    return DemoServer(site, port=port)
