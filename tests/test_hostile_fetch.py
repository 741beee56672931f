"""Broken and malicious servers: every failure is bounded, named, and ends one feed only."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from tests.feedgen import rss
from tests.hostile import corpus as hc
from tests.hostile.server import (
    GIB,
    HostileServer,
    brotli_bomb,
    compressed,
    drip,
    endless,
    error_status,
    gzip_bomb,
    hang_after_headers,
    lying_length,
    raw,
    redirect,
    reset_mid_body,
    static,
    validators_feed,
    zlib_bomb,
)
from tuinews.fetch.client import FetchSettings
from tuinews.fetch.refresh import RefreshOptions, RefreshReport, refresh_all
from tuinews.models import FeedSpec
from tuinews.store import Store
from tuinews.text.sanitize import is_safe

SETTINGS = FetchSettings(
    concurrency=32,
    per_host=16,
    connect_timeout=1,
    read_timeout=1,
    total_timeout=2,
    max_bytes=2_000_000,
    max_redirects=5,
    max_retry_after=60,
)
GOOD = rss(5).encode()


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    """Three compression bombs of 1 GiB of zeros each, built once for the module."""
    return {"gzip": gzip_bomb(GIB), "deflate": zlib_bomb(GIB), "br": brotli_bomb(GIB)}


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    with HostileServer() as srv:
        yield srv


@pytest.fixture
def other_host() -> Iterator[HostileServer]:
    """The same machine under another name: 127.0.0.2 (all of 127/8 is loopback)."""
    try:
        srv = HostileServer("127.0.0.2")
    except OSError:
        pytest.skip("127.0.0.2 is not usable here")
    with srv:
        yield srv


async def refresh(store: Store, **kw: object) -> RefreshReport:
    opts = RefreshOptions(fulltext=False, **kw)  # type: ignore[arg-type]
    return await refresh_all(store, store.feeds(), SETTINGS, options=opts)


def broken_routes(srv: HostileServer, bombs: dict[str, bytes]) -> dict[str, str]:
    """Every broken-server behaviour on ``srv``: path → a regex its error must match."""
    body = GOOD * 20
    retry_date = format_datetime(datetime.now(UTC) + timedelta(days=30), usegmt=True)
    behaviours = {
        "/drip": (drip(body, 1.0), r"timed out after 2 s"),
        "/hang": (hang_after_headers(30), r"read timeout \(1 s\)|timed out"),
        "/reset": (reset_mid_body(body, 2000), r"reset|closed|network error"),
        "/500": (error_status(500), r"^HTTP 500 Internal Server Error$"),
        "/503-seconds": (error_status(503, retry_after="999999"), r"^HTTP 503"),
        "/503-date": (error_status(503, retry_after=retry_date), r"^HTTP 503"),
        "/500-escapes": (
            raw(b"HTTP/1.1 500 \x1b]52;c;AAAA\x07Bad\x1b[31m\r\nContent-Length: 0\r\n\r\n"),
            r"^HTTP 500 Bad$",
        ),
        "/loop-a": (redirect("/loop-b"), r"redirect loop"),
        "/loop-b": (redirect("/loop-a"), r"redirect loop"),
        "/self": (redirect("/self"), r"redirect loop"),
        "/hops": (redirect("/hop1"), r"too many redirects"),
        "/to-file": (redirect("file:///etc/passwd"), r"non-http\(s\)"),
        "/to-bad-port": (redirect("http://127.0.0.1:99999/x"), r"invalid URL"),
        "/to-bad-host": (redirect("http://[::1"), r"invalid|Invalid"),
        "/html": (
            static(b"<!doctype html><html><body><p>hi</p></body></html>", content_type="text/html"),
            r"HTML page",
        ),
        "/big-length": (endless(200_000_000, framing="length"), r"too large"),
        "/big-close": (endless(200_000_000, framing="close"), r"too large"),
        "/big-chunked": (endless(200_000_000, framing="chunked"), r"too large"),
        "/lying-length": (lying_length(100, GOOD * 5), r"."),
        "/gzip-bomb": (compressed(bombs["gzip"], "gzip"), r"too large"),
        "/deflate-bomb": (compressed(bombs["deflate"], "deflate"), r"too large"),
        "/br-bomb": (compressed(bombs["br"], "br"), r"too large"),
        "/gzip-bomb-nolength": (compressed(bombs["gzip"], "gzip", length=False), r"too large"),
        "/stacked-encodings": (compressed(b"x", "gzip, br"), r"stacked"),
        "/zstd": (compressed(b"x", "zstd"), r"unsupported Content-Encoding"),
    }
    for i in range(1, 8):
        srv.route(f"/hop{i}", redirect(f"/hop{i + 1}"))
    expected: dict[str, str] = {}
    for path, (behaviour, pattern) in behaviours.items():
        expected[srv.route(path, behaviour)] = pattern
    return expected


def assert_one_line(text: str) -> None:
    assert text and "\n" not in text and is_safe(text) and len(text) <= 300, repr(text)


async def test_every_broken_server_at_once_fails_alone_and_on_time(
    store: Store, hostile: HostileServer, bombs: dict[str, bytes]
) -> None:
    expected = broken_routes(hostile, bombs)
    good = [hostile.route(f"/good{i}", static(rss(5, prefix=f"g{i}").encode())) for i in range(3)]
    store.sync_feeds([FeedSpec(url=u) for u in [*expected, *good]])
    started = time.monotonic()
    report = await refresh(store)
    took = time.monotonic() - started
    assert took < SETTINGS.total_timeout + 3, took
    by_url = {o.url: o for o in report.outcomes}
    for url in good:
        assert by_url[url].status == "new" and by_url[url].new == 5
    for url, pattern in expected.items():
        o = by_url[url]
        if url.endswith("/lying-length"):
            # Reads what was declared: a truncated document, refused or partly stored.
            assert o.status in ("error", "new", "unchanged"), o
            continue
        assert o.status == "error", (url, o)
        assert_one_line(o.error)
        assert re.search(pattern, o.error), (url, o.error)
    assert store.totals()[0] >= 15


async def test_retry_after_is_honoured_up_to_the_cap(store: Store, hostile: HostileServer) -> None:
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    later = format_datetime(datetime.now(UTC) + timedelta(days=400), usegmt=True)
    past = format_datetime(datetime.now(UTC) - timedelta(days=1), usegmt=True)
    cases = {
        "/s20": ("20", 20),
        "/s-huge": ("9" * 40, 60),
        "/d-soon": (soon, 30),
        "/d-later": (later, 60),
        "/d-past": (past, 0),
    }
    urls = {
        hostile.route(p, error_status(503, retry_after=v)): want for p, (v, want) in cases.items()
    }
    garbage = hostile.route("/garbage", error_status(503, retry_after="soon\x1b[31m"))
    store.sync_feeds([FeedSpec(url=u) for u in [*urls, garbage]])
    await refresh(store)
    feeds = {f.url: f for f in store.feeds()}
    for url, want in urls.items():
        f = feeds[url]
        assert f.next_attempt is not None and f.last_attempt is not None
        delay = (f.next_attempt - f.last_attempt).total_seconds()
        assert abs(delay - want) <= 2, (url, delay, want)
    # Unreadable: the usual backoff (5 minutes for a first failure).
    g = feeds[garbage]
    assert g.next_attempt is not None and g.last_attempt is not None
    assert (g.next_attempt - g.last_attempt).total_seconds() == 300
    # Honoured: the next run leaves the waiting feeds alone and asks the server nothing.
    asked = len(hostile.requests())
    report = await refresh(store)
    skipped = {o.url for o in report.outcomes if o.status == "skipped"}
    assert skipped == set(urls) - {u for u, w in urls.items() if w == 0} | {garbage}
    assert len(hostile.requests()) == asked + 1  # only the Retry-After in the past


async def test_validators_never_follow_a_redirect_to_another_host(
    store: Store, hostile: HostileServer, other_host: HostileServer
) -> None:
    target = other_host.route("/feed.rss", validators_feed(GOOD))
    hostile.route("/moved", redirect(target, 302))
    same_host_target = hostile.route("/same.rss", validators_feed(rss(2, prefix="s").encode()))
    hostile.route("/moved-here", redirect("/same.rss", 302))
    store.sync_feeds(
        [FeedSpec(url=hostile.url("/moved")), FeedSpec(url=hostile.url("/moved-here"))]
    )
    first = await refresh(store)
    assert {o.status for o in first.outcomes} == {"new"}, first.outcomes
    assert all(f.etag for f in store.feeds())
    await refresh(store)
    # The first host got the validators both times it was asked; the other host never.
    sent = [r.headers for r in hostile.requests("/moved")]
    assert len(sent) == 2 and "if-none-match" in sent[1] and "if-modified-since" in sent[1]
    got = other_host.requests("/feed.rss")
    assert len(got) == 2 and all(r.host == "127.0.0.2" for r in got)
    for r in got:
        assert not {"if-none-match", "if-modified-since", "cookie", "authorization"} & set(
            r.headers
        ), r.headers
    # On the same host they do follow, and the answer is a 304.
    same = hostile.requests("/same.rss")
    assert same[-1].headers.get("if-none-match"), same_host_target


async def test_validators_that_cannot_be_sent_are_dropped_not_fatal(
    store: Store, hostile: HostileServer
) -> None:
    url = hostile.route(
        "/etag",
        static(GOOD, headers={"ETag": '"\xc3\xa9\xe2\x82\xac"', "Last-Modified": "x\x1b[31m"}),
    )
    store.upsert_feed(FeedSpec(url=url))
    for _ in range(3):
        report = await refresh(store)
        assert not report.errors, report.errors
    for f in store.feeds():
        assert is_safe(f.etag) and is_safe(f.last_modified)


async def test_external_entities_are_never_fetched(store: Store, hostile: HostileServer) -> None:
    trap = hostile.url("/x")
    docs = {
        "/xxe": hc.external_entities(trap),
        "/dtd": hc.external_dtd(trap),
        "/xi": hc.xinclude(trap),
    }
    store.sync_feeds([FeedSpec(url=hostile.route(p, static(d))) for p, d in docs.items()])
    report = await refresh(store)
    assert {o.status for o in report.outcomes} <= {"new", "unchanged", "error"}
    assert hostile.requests("/x") == []
    conn = store._conn()
    for (text,) in conn.execute("SELECT title || summary || content_html FROM articles"):
        assert "root:" not in text and "/bin/" not in text


async def test_the_whole_corpus_through_the_fetcher_stores_only_safe_text(
    store: Store, hostile: HostileServer
) -> None:
    cases = hc.corpus(hostile.url("/x"))
    for case in cases:
        path = "/c/" + case.name
        store.upsert_feed(
            FeedSpec(url=hostile.route(path, static(case.body, content_type=case.content_type)))
        )
    report = await refresh(store)
    by_name = {o.url.rsplit("/", 1)[1]: o for o in report.outcomes}
    for case in cases:
        o = by_name[case.name]
        if case.expect == "ok":
            assert o.status == "new", (case.name, o.error)
        elif case.expect == "error":
            assert o.status == "error" and case.reason in o.error, (case.name, o)
        if o.status == "error":
            assert_one_line(o.error)
    assert hostile.requests("/x") == []
    assert_store_is_safe(store)


def assert_store_is_safe(store: Store) -> None:
    """Every text column of every table holds safe text (newline/tab only in bodies)."""
    conn = store._conn()
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
            "AND name NOT LIKE 'sqlite_%'"
        )
    ]
    checked = 0
    for table in tables:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        for row in conn.execute(f"SELECT * FROM {table}"):
            for col, value in zip(cols, row, strict=True):
                if isinstance(value, bytes):
                    value = value.decode("utf-8", "replace")
                if isinstance(value, str):
                    checked += 1
                    assert is_safe(value, block=True), (table, col, value[:200])
                    if col in ("title", "link", "guid", "author", "url", "etag", "name"):
                        assert is_safe(value), (table, col, value[:200])
    assert checked > 100
