"""The error tree of tuinews.

Every error that reaches a user is one of these; the CLI prints ``str(error)`` as one line
on stderr, the UI as a one-line notification. Tracebacks only with ``--debug``.

::

    TuinewsError
    ├── ConfigError        a config, OPML or urls file is wrong (names file, line, key)
    ├── StoreError         the cache cannot be opened or written
    │   └── StoreVersionError   the cache was written by a newer tuinews
    ├── FetchError         one feed or page could not be fetched or parsed
    │   ├── HTTPStatusError     the server answered with an error status
    │   ├── TooLargeError       the body passed the size cap (after decompression)
    │   └── ParseError          the bytes are not a feed we can read
    └── ExtractError       an article page gave no usable text
"""

from __future__ import annotations


class TuinewsError(Exception):
    """Base of every error tuinews raises on purpose."""


class ConfigError(TuinewsError):
    """A configuration, OPML or urls file is invalid."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        key: str | None = None,
    ) -> None:
        self.file = file
        self.line = line
        self.key = key
        self.reason = message
        where = ""
        if file:
            where = file
            if line is not None:
                where += f":{line}"
            where += ": "
        if key:
            where += f"{key}: "
        super().__init__(f"{where}{message}")


class StoreError(TuinewsError):
    """The cache database cannot be opened, upgraded or written."""


class StoreVersionError(StoreError):
    """The cache was written by a newer version of tuinews; it is left untouched."""


class FetchError(TuinewsError):
    """A feed or article page could not be fetched."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class TooLargeError(FetchError):
    """The response body passed the configured size cap."""


class ParseError(FetchError):
    """The response is not a feed tuinews can read."""


class ExtractError(TuinewsError):
    """An article page gave no usable text."""
