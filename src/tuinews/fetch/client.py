"""HTTP for feeds and pages: timeouts, concurrency limits, redirects and a size cap that holds.

:func:`make_client` builds the ``httpx.AsyncClient`` (a transport can be injected for
faults a real server cannot produce). :func:`get` does one bounded request:

* at most ``max_redirects`` hops, followed by hand so that a *permanent* redirect chain
  (301/308 all the way) can move the stored feed URL, and only to http(s);
* the body is decoded here, not by httpx, with decoders that stop at ``max_bytes`` of
  *output* (:mod:`tuinews.fetch.decode`): a 10 KB gzip/deflate/brotli bomb costs at most
  the cap, not gigabytes. With ``decode=False`` the body is kept as it came
  (``Response.encoding`` says how) and decoded under the same cap where it is parsed: a
  feed goes to a worker process as a fifth of the bytes;
* ``connect``/``read`` timeouts per operation and a ``total`` deadline for the whole
  response, so a server that drips one byte a second gives up on time.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from tuinews import __version__
from tuinews.errors import FetchError, HTTPStatusError, TooLargeError
from tuinews.fetch.decode import count, decoder
from tuinews.i18n import _
from tuinews.text.sanitize import clean_line

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"tuinews/{__version__} (+terminal news reader)"
_PERMANENT = {301, 308}
_REDIRECTS = {301, 302, 303, 307, 308}


class NetworkError(FetchError):
    """The network failed (the host name does not resolve, the connection is refused, no
    route): every feed failing so means "offline", whatever the language of the message."""


@dataclass(slots=True)
class FetchSettings:
    """The limits every request obeys (from the config)."""

    concurrency: int = 8
    per_host: int = 2
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 20_000_000
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    max_retry_after: float = 6 * 3600.0
    """A server's Retry-After is honoured up to this many seconds."""


@dataclass(slots=True)
class Response:
    """A complete, decoded response."""

    status: int
    url: str
    """The final URL, after redirects."""
    headers: dict[str, str]
    body: bytes = b""
    permanent_url: str | None = None
    """Set when every hop was a permanent redirect: the feed's new address."""
    redirects: list[str] = field(default_factory=list)
    encoding: str = ""
    """The Content-Encoding ``body`` still has ("" when decoded; see ``get(decode=False)``)."""

    @property
    def content_type(self) -> str:
        """The Content-Type header ("" when absent)."""
        return self.headers.get("content-type", "")


def make_client(
    settings: FetchSettings, *, transport: httpx.AsyncBaseTransport | None = None
) -> httpx.AsyncClient:
    """The shared async client (cookies off, redirects by hand, our own decoding)."""
    import httpx

    timeout = httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.read_timeout,
        pool=settings.total_timeout,
    )
    limits = httpx.Limits(
        max_connections=max(settings.concurrency * 2, 4),
        max_keepalive_connections=max(settings.concurrency, 4),
    )
    return httpx.AsyncClient(
        timeout=timeout,
        limits=limits,
        follow_redirects=False,
        transport=transport,
        headers={
            "User-Agent": settings.user_agent or USER_AGENT,
            "Accept-Encoding": "gzip, deflate, br",
        },
        trust_env=False,
    )


class HostLimiter:
    """At most ``per_host`` requests in flight to one host (politeness)."""

    def __init__(self, per_host: int) -> None:
        self.per_host = per_host
        self._sems: dict[str, asyncio.Semaphore] = {}

    def __call__(self, url: str) -> asyncio.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        sem = self._sems.get(host)
        if sem is None:
            sem = self._sems[host] = asyncio.Semaphore(self.per_host)
        return sem


def retry_after_seconds(value: str | None) -> float | None:
    """Parse a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        from datetime import UTC, datetime

        when = parsedate_to_datetime(value)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return max(0.0, (when - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError, IndexError):
        return None


async def get(
    client: httpx.AsyncClient,
    url: str,
    settings: FetchSettings,
    *,
    headers: dict[str, str] | None = None,
    accept: str = "*/*",
    decode: bool = True,
) -> Response:
    """GET ``url`` within every limit in ``settings``.

    Returns the final response for 2xx and 304; raises :class:`HTTPStatusError` for error
    statuses (with Retry-After), :class:`TooLargeError` past the size cap, and
    :class:`FetchError` for network failures, timeouts and redirect problems.

    With ``decode=False`` the body keeps its Content-Encoding (named in
    ``Response.encoding``; the cap then holds for the bytes received, and
    :func:`tuinews.fetch.decode.decode_body` applies it to the decoded ones).
    """
    import httpx

    try:
        async with asyncio.timeout(settings.total_timeout):
            return await _get(client, url, settings, headers or {}, accept, decode)
    except FetchError:
        raise
    except TimeoutError:
        raise FetchError(
            _("timed out after {seconds:g} s", seconds=settings.total_timeout)
        ) from None
    except httpx.TimeoutException as exc:
        raise FetchError(_timeout_message(exc, settings)) from None
    except httpx.TransportError as exc:
        message, network = _transport_message(exc)
        raise (NetworkError if network else FetchError)(message) from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchError(_("bad request or response: {error}", error=_short(exc))) from None
    except Exception as exc:  # noqa: BLE001 - whatever a server provokes is this feed's error
        # What httpx and the socket layer raise for addresses and headers they cannot
        # handle (a port past 65535 in a redirect: OverflowError inside an ExceptionGroup;
        # a header value that is not ASCII: UnicodeEncodeError) must not end the run.
        raise FetchError(
            _("request failed: {error}", error=f"{type(exc).__name__}: {_short(exc)}")
        ) from None


def _short(exc: BaseException) -> str:
    return clean_line(str(exc), max_len=160) or type(exc).__name__


def _phase_limit(exc: Exception, settings: FetchSettings) -> float:
    name = type(exc).__name__
    if name.startswith("Connect"):
        return settings.connect_timeout
    return settings.read_timeout


def _timeout_message(exc: Exception, settings: FetchSettings) -> str:
    """Which of httpx's timeouts passed, and its limit."""
    seconds = _phase_limit(exc, settings)
    name = type(exc).__name__
    if name == "ConnectTimeout":
        return _("connect timeout ({seconds:g} s)", seconds=seconds)
    if name == "ReadTimeout":
        return _("read timeout ({seconds:g} s)", seconds=seconds)
    if name == "WriteTimeout":
        return _("write timeout ({seconds:g} s)", seconds=seconds)
    if name == "PoolTimeout":
        return _("pool timeout ({seconds:g} s)", seconds=seconds)
    return _("timed out after {seconds:g} s", seconds=seconds)


def _transport_message(exc: Exception) -> tuple[str, bool]:
    """Why a connection failed, in one line, and whether the network is to blame."""
    # httpx often wraps the socket error with an empty message ("ReadError"): the cause says
    # what happened (a reset is ConnectionResetError).
    causes: list[BaseException] = []
    todo: list[BaseException] = [exc]
    while todo and len(causes) < 16:
        cause = todo.pop(0)
        causes.append(cause)
        if isinstance(cause, BaseExceptionGroup):
            todo.extend(cause.exceptions)
        nxt = cause.__cause__ or cause.__context__
        if nxt is not None:
            todo.append(nxt)
    if any(isinstance(c, ConnectionResetError) for c in causes):
        return _("connection reset by the server"), False
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return _("connection refused"), True
    texts = (clean_line(str(c), max_len=160) for c in causes)
    text = next((t for t in texts if t), "") or type(exc).__name__
    low = text.lower()
    if "name or service not known" in low or "nodename nor servname" in low or "getaddrinfo" in low:
        return _("cannot resolve the host name (offline?)"), True
    if "connection refused" in low or "connect call failed" in low:
        return _("connection refused"), True
    if "reset" in low:
        return _("connection reset by the server"), False
    return _("network error: {error}", error=text), True


async def _get(
    client: httpx.AsyncClient,
    url: str,
    settings: FetchSettings,
    headers: dict[str, str],
    accept: str,
    decode: bool = True,
) -> Response:
    hops: list[str] = []
    permanent = True
    current = url
    # A validator is echoed from an earlier response: one that is not printable ASCII (an
    # ETag in UTF-8) cannot go into a request, and without it the GET is merely unconditional.
    req_headers = {"Accept": accept, **{k: v for k, v in headers.items() if _sendable(v)}}
    while True:
        async with client.stream("GET", current, headers=req_headers) as r:
            status = r.status_code
            if status in _REDIRECTS:
                location = r.headers.get("location", "")
                if not location:
                    raise HTTPStatusError(
                        _("HTTP {status} redirect without a Location", status=status), status
                    )
                nxt = _redirect_target(current, location, status)
                if len(hops) >= settings.max_redirects:
                    raise FetchError(
                        _("too many redirects (more than {n})", n=settings.max_redirects)
                    )
                if nxt == current or nxt in hops:
                    raise FetchError(_("redirect loop"))
                hops.append(current)
                permanent = permanent and status in _PERMANENT
                if urlsplit(nxt).netloc != urlsplit(current).netloc:
                    # Validators belong to the old host; do not send them to another one.
                    req_headers = {"Accept": accept}
                current = nxt
                continue
            resp_headers = {k.lower(): clean_line(v, max_len=2000) for k, v in r.headers.items()}
            encoding = ""
            if status == 304:
                body = b""
            elif status >= 400:
                retry = retry_after_seconds(r.headers.get("retry-after"))
                if retry is not None:
                    retry = min(retry, settings.max_retry_after)
                reason = clean_line(r.reason_phrase, max_len=60)
                # The status line as the server sent it: a code, not a sentence to translate.
                raise HTTPStatusError(f"HTTP {status} {reason}".strip(), status, retry)
            else:
                declared = r.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > settings.max_bytes:
                    raise TooLargeError(
                        _(
                            "body too large ({size} bytes, limit {limit})",
                            size=count(int(declared)),
                            limit=count(settings.max_bytes),
                        )
                    )
                encoding = _content_encoding(r.headers.get("content-encoding", ""))
                if decode:
                    body = await _read_body(r, encoding, settings.max_bytes)
                    encoding = ""
                else:
                    decoder(encoding)  # an unknown encoding fails here, not in the parser
                    body = await _read_body(r, "", settings.max_bytes)
            return Response(
                status=status,
                url=current,
                headers=resp_headers,
                body=body,
                permanent_url=current if hops and permanent else None,
                redirects=hops,
                encoding=encoding,
            )


def _sendable(value: str) -> bool:
    return value.isascii() and value.isprintable()


def _redirect_target(current: str, location: str, status: int) -> str:
    """The absolute http(s) URL a Location header names, or a FetchError saying why not."""
    try:
        nxt = urljoin(current, location.strip())
        parts = urlsplit(nxt)
        parts.port  # noqa: B018 - raises ValueError for a port past 65535
    except ValueError:
        raise FetchError(
            _("refused a redirect to an invalid URL ({status})", status=status)
        ) from None
    if parts.scheme not in ("http", "https"):
        raise FetchError(_("refused a redirect to a non-http(s) URL ({status})", status=status))
    if not parts.hostname or any(ord(c) < 0x21 or c == "\x7f" for c in nxt):
        raise FetchError(_("refused a redirect to an invalid URL ({status})", status=status))
    return nxt


def _content_encoding(header: str) -> str:
    """The one Content-Encoding of a response ("" for none); stacked ones are refused."""
    encodings = [e.strip() for e in header.split(",") if e.strip()]
    if len(encodings) > 1:
        raise FetchError(_("stacked Content-Encodings are not accepted"))
    return encodings[0] if encodings else ""


async def _read_body(r: httpx.Response, encoding: str, max_bytes: int) -> bytes:
    stream = decoder(encoding)
    chunks: list[bytes] = []
    size = 0
    async for raw in r.aiter_raw():
        out = stream.feed(raw, max_bytes - size)
        size += len(out)
        if size > max_bytes:
            raise TooLargeError(_("body too large (limit {limit} bytes)", limit=count(max_bytes)))
        chunks.append(out)
    return b"".join(chunks)
