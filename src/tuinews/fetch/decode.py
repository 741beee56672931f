"""Response bodies decoded (gzip, deflate, brotli) with a cap on the *output*.

A 10 KB bomb costs at most the cap, not gigabytes. Used by :mod:`tuinews.fetch.client` while
a body streams in, and by the parsing side (:mod:`tuinews.fetch.ingest`, maybe in a worker
process) for feed bodies kept compressed until then. Imports nothing heavy: worker processes
load it.
"""

from __future__ import annotations

import zlib
from typing import Protocol

from tuinews.errors import FetchError, TooLargeError
from tuinews.i18n import _, language
from tuinews.text.sanitize import clean_line

__all__ = ["count", "decode_body", "decoder"]


def count(n: int) -> str:
    """A byte count with the thousands separator of the language in force."""
    text = f"{n:,}"
    return text.replace(",", ".") if language() == "vi" else text


class _Decoder(Protocol):
    def feed(self, data: bytes, limit: int) -> bytes: ...


class _Identity:
    def feed(self, data: bytes, limit: int) -> bytes:
        return data


class _Zlib:
    """gzip or zlib/raw deflate, output bounded by ``limit`` per call."""

    def __init__(self, gzip: bool) -> None:
        self._gzip = gzip
        self._d = zlib.decompressobj(47 if gzip else 15)
        self._started = False

    def feed(self, data: bytes, limit: int) -> bytes:
        if not self._started and not self._gzip:
            self._started = True
            # "deflate" is zlib-wrapped by the standard, raw by some servers.
            if data and (data[0] & 0x0F) != 8:
                self._d = zlib.decompressobj(-15)
        try:
            # max_length = limit + 1: one byte past the cap proves the body is too large,
            # without ever inflating more than that.
            out = self._d.decompress(data, limit + 1)
        except zlib.error as exc:
            raise FetchError(_("corrupt compressed body: {error}", error=exc)) from exc
        if len(out) > limit:
            raise TooLargeError(_("body too large after decompression"))
        return out


class _Brotli:
    def __init__(self) -> None:
        import brotli

        self._d = brotli.Decompressor()
        self._err = brotli.error

    def feed(self, data: bytes, limit: int) -> bytes:
        try:
            out = self._d.process(data, output_buffer_limit=limit + 1)
        except self._err as exc:
            raise FetchError(_("corrupt brotli body: {error}", error=exc)) from exc
        if len(out) > limit or not self._d.can_accept_more_data():
            raise TooLargeError(_("body too large after decompression"))
        return bytes(out)


def decoder(encoding: str) -> _Decoder:
    enc = encoding.strip().lower()
    if enc in ("", "identity"):
        return _Identity()
    if enc in ("gzip", "x-gzip"):
        return _Zlib(gzip=True)
    if enc == "deflate":
        return _Zlib(gzip=False)
    if enc == "br":
        return _Brotli()
    shown = repr(clean_line(encoding, max_len=40))
    raise FetchError(_("unsupported Content-Encoding {encoding}", encoding=shown))


def decode_body(body: bytes, encoding: str, max_bytes: int) -> bytes:
    """A body received with ``get(decode=False)``, decoded (at most ``max_bytes`` of it).

    Raises:
        TooLargeError: The decoded body would pass ``max_bytes``.
        FetchError: The encoding is unknown or the bytes are corrupt.
    """
    if not encoding:
        return body
    out = decoder(encoding).feed(body, max_bytes)
    if len(out) > max_bytes:
        raise TooLargeError(_("body too large (limit {limit} bytes)", limit=count(max_bytes)))
    return out
