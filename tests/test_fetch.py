"""The fetcher against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
import time
from datetime import UTC, datetime

import pytest

from tests.conftest import LoopbackServer
from tests.feedgen import rss
from tuinews.fetch.client import FetchSettings
from tuinews.fetch.refresh import RefreshOptions, RefreshReport, refresh_all
from tuinews.models import FeedSpec, View, ViewKind
from tuinews.store import Store

FAST = FetchSettings(
    concurrency=4,
    per_host=4,
    connect_timeout=2,
    read_timeout=2,
    total_timeout=3,
    max_bytes=2_000_000,
)


async def refresh(store: Store, settings: FetchSettings = FAST, **kw: object) -> RefreshReport:
    opts = RefreshOptions(fulltext=bool(kw.pop("fulltext", False)), **kw)  # type: ignore[arg-type]
    return await refresh_all(store, store.feeds(), settings, options=opts)


async def test_second_fetch_is_a_304_and_costs_no_parsing(
    store: Store, server: LoopbackServer
) -> None:
    url = server.set("/feed.rss", rss(5))
    store.upsert_feed(FeedSpec(url=url))
    first = await refresh(store)
    assert [o.status for o in first.outcomes] == ["new"] and first.new == 5
    second = await refresh(store)
    assert [o.status for o in second.outcomes] == ["unchanged"] and second.new == 0
    assert server.statuses("/feed.rss") == [200, 304]
    sent = server.requests("/feed.rss")[1]
    assert sent.get("if-none-match") and sent.get("if-modified-since")
    assert "gzip" in sent.get("accept-encoding", "")
    feed = store.feeds()[0]
    assert feed.title == "Báo thử nghiệm" and feed.last_success is not None


async def test_read_and_star_survive_a_changed_refetch(
    store: Store, server: LoopbackServer
) -> None:
    url = server.set("/feed.rss", rss(5))
    store.upsert_feed(FeedSpec(url=url))
    await refresh(store)
    rows = store.headlines_page(View(ViewKind.ALL)).items
    store.set_read([rows[0].id, rows[1].id])
    store.set_starred(rows[2].id, True)
    server.set("/feed.rss", rss(7, prefix="Bài"))  # two new items, the rest the same
    report = await refresh(store)
    assert report.new == 2
    by_title = {r.title: r for r in store.headlines_page(View(ViewKind.ALL)).items}
    assert by_title[rows[0].title].read and by_title[rows[1].title].read
    assert by_title[rows[2].title].starred
    assert store.totals() == (7, 5, 1)


async def test_gzip_and_missing_guids(store: Store, server: LoopbackServer) -> None:
    items = [
        {"title": "Không có guid", "link": "http://example.test/a"},
        {"title": "Không guid, không link", "pubDate": "Sun, 01 Mar 2026 10:00:00 +0700"},
        {"title": "Trùng guid 1", "guid": "dup"},
        {"title": "Trùng guid 2", "guid": "dup"},
    ]
    url = server.set("/g.rss", rss(items))
    store.upsert_feed(FeedSpec(url=url))
    await refresh(store)
    await refresh(store)
    server.set("/g.rss", rss(items), etag=False)  # no validators: a full refetch
    await refresh(store)
    titles = sorted(r.title for r in store.headlines_page(View(ViewKind.ALL)).items)
    assert titles == ["Không có guid", "Không guid, không link", "Trùng guid 1"]


async def test_permanent_redirect_moves_the_feed_temporary_does_not(
    store: Store, server: LoopbackServer
) -> None:
    new = server.set("/new.rss", rss(2))
    old = server.set("/old.rss", status=301, headers={"Location": "/new.rss"}, etag=False)
    tmp = server.set("/tmp.rss", status=302, headers={"Location": "/new.rss"}, etag=False)
    store.upsert_feed(FeedSpec(url=old))
    store.upsert_feed(FeedSpec(url=tmp))
    report = await refresh(store)
    assert not report.errors
    assert sorted(f.url for f in store.feeds()) == sorted([new, tmp])


async def test_redirect_loop_and_too_many_hops_are_errors(
    store: Store, server: LoopbackServer
) -> None:
    a = server.set("/a", status=302, headers={"Location": "/b"}, etag=False)
    server.set("/b", status=302, headers={"Location": "/a"}, etag=False)
    for i in range(8):
        server.set(f"/hop{i}", status=302, headers={"Location": f"/hop{i + 1}"}, etag=False)
    store.upsert_feed(FeedSpec(url=a))
    store.upsert_feed(FeedSpec(url=server.url("/hop0")))
    report = await refresh(store)
    errors = sorted(o.error for o in report.errors)
    assert errors == ["redirect loop", "too many redirects (more than 5)"]


async def test_errors_back_off_and_410_disables(store: Store, server: LoopbackServer) -> None:
    store.upsert_feed(FeedSpec(url=server.url("/missing.rss")))
    store.upsert_feed(FeedSpec(url=server.set("/gone.rss", b"gone", status=410, etag=False)))
    store.upsert_feed(
        FeedSpec(
            url=server.set(
                "/busy.rss", b"busy", status=503, headers={"Retry-After": "120"}, etag=False
            )
        )
    )
    store.upsert_feed(FeedSpec(url=server.set("/ok.rss", rss(1))))
    report = await refresh(store)
    by_url = {o.url.rsplit("/", 1)[1]: o for o in report.outcomes}
    assert by_url["missing.rss"].error == "HTTP 404 Not Found"
    assert by_url["gone.rss"].error.startswith("410 Gone")
    assert by_url["busy.rss"].error == "HTTP 503 Service Unavailable"
    assert by_url["ok.rss"].status == "new"
    feeds = {f.url.rsplit("/", 1)[1]: f for f in store.feeds()}
    assert not feeds["gone.rss"].enabled and feeds["gone.rss"].disabled_reason
    busy = feeds["busy.rss"]
    assert busy.next_attempt is not None
    wait = (busy.next_attempt - datetime.now(UTC)).total_seconds()
    assert 100 < wait <= 121
    # The next run skips the failing feeds (backoff) unless forced; ok.rss is a 304.
    again = await refresh(store)
    assert {o.url.rsplit("/", 1)[1]: o.status for o in again.outcomes} == {
        "missing.rss": "skipped",
        "gone.rss": "skipped",
        "busy.rss": "skipped",
        "ok.rss": "unchanged",
    }
    forced = await refresh(store, force=True)
    assert {o.status for o in forced.outcomes if "ok.rss" not in o.url} == {"error", "skipped"}
    assert store.feeds()[0].error_count >= 1


async def test_slow_and_hanging_servers_give_up_on_time(
    store: Store, server: LoopbackServer
) -> None:
    store.upsert_feed(FeedSpec(url=server.set("/drip.rss", rss(3), drip=0.2, gzip=False)))
    store.upsert_feed(FeedSpec(url=server.set("/hang.rss", rss(3), hang=30)))
    store.upsert_feed(FeedSpec(url=server.set("/ok.rss", rss(2))))
    settings = FetchSettings(
        concurrency=4, per_host=4, connect_timeout=1, read_timeout=0.5, total_timeout=1.5
    )
    t0 = time.monotonic()
    report = await refresh(store, settings)
    took = time.monotonic() - t0
    assert took < 5
    errs = {o.url.rsplit("/", 1)[1]: o.error for o in report.errors}
    assert set(errs) == {"drip.rss", "hang.rss"}
    assert "timed out" in errs["drip.rss"] and "timeout" in errs["hang.rss"]
    assert store.totals()[0] == 2


async def test_size_cap_holds_for_plain_and_compressed_bodies(
    store: Store, server: LoopbackServer
) -> None:
    big = rss(3) + "<!--" + "x" * 3_000_000 + "-->"
    store.upsert_feed(FeedSpec(url=server.set("/big.rss", big, gzip=False)))
    bomb = gzip.compress(b"\0" * 50_000_000)  # 50 MB of zeros in ~50 KB

    def send_bomb(h: object) -> bool:
        h.send_response(200)  # type: ignore[attr-defined]
        h.send_header("Content-Type", "application/rss+xml")  # type: ignore[attr-defined]
        h.send_header("Content-Encoding", "gzip")  # type: ignore[attr-defined]
        h.send_header("Content-Length", str(len(bomb)))  # type: ignore[attr-defined]
        h.end_headers()  # type: ignore[attr-defined]
        h.wfile.write(bomb)  # type: ignore[attr-defined]
        return True

    store.upsert_feed(FeedSpec(url=server.set("/bomb.rss", handler=send_bomb)))
    report = await refresh(store)
    errs = sorted(o.error for o in report.errors)
    assert len(errs) == 2 and all("too large" in e for e in errs)


async def test_html_instead_of_a_feed_is_a_clear_error(
    store: Store, server: LoopbackServer
) -> None:
    page = "<!doctype html><html><head><title>Trang chủ</title></head><body><p>x</p></body></html>"
    store.upsert_feed(FeedSpec(url=server.set("/page", page, content_type="text/html")))
    report = await refresh(store)
    assert len(report.errors) == 1 and "HTML" in report.errors[0].error


async def test_one_bad_feed_does_not_stop_the_others(store: Store, server: LoopbackServer) -> None:
    store.upsert_feed(FeedSpec(url=server.set("/bad.rss", "\x00\x01 not a feed at all {{{")))
    for i in range(5):
        store.upsert_feed(FeedSpec(url=server.set(f"/f{i}.rss", rss(3, prefix=f"f{i}"))))
    report = await refresh(store)
    assert report.new == 15
    assert len(report.errors) == 1 and report.errors[0].url.endswith("/bad.rss")


@pytest.mark.parametrize("policy", ["auto", "always", "never"])
async def test_full_text_policy(store: Store, server: LoopbackServer, policy: str) -> None:
    page = (
        "<html><head><title>Bài</title></head><body><nav><a href='/'>Trang chủ</a></nav>"
        "<article><h1>Bài dài</h1>"
        + "".join(
            f"<p>Đoạn văn thứ {i} của bài viết về Điện Biên, đủ dài để đọc.</p>" for i in range(30)
        )
        + "<p>Lan Phương</p></article></body></html>"
    )
    server.set("/a/1.html", page, content_type="text/html; charset=utf-8")
    items = [
        {
            "title": "Tin ngắn",
            "guid": "1",
            "link": server.url("/a/1.html"),
            "description": "Chỉ có tóm tắt.",
        }
    ]
    from tuinews.models import FullText

    store.upsert_feed(FeedSpec(url=server.set("/s.rss", rss(items)), fulltext=FullText(policy)))
    report = await refresh(store, fulltext=True)
    art = store.article(store.headlines_page(View(ViewKind.ALL)).items[0].id)
    assert art is not None
    if policy == "never":
        assert art.body == "Chỉ có tóm tắt." and server.statuses("/a/1.html") == []
        assert report.bodies_ok == 0
    else:
        assert report.bodies_ok == 1
        assert "Đoạn văn thứ 29" in art.body and art.body_status == "ok"
        assert "Trang chủ" not in art.body


async def test_big_refresh_parses_and_stores_in_worker_processes(
    store: Store, server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tuinews.fetch import refresh as refresh_mod

    monkeypatch.setattr(refresh_mod.os, "cpu_count", lambda: 2)  # as on CI: two cores
    started: list[int] = []
    real_init = refresh_mod.Writer.__init__

    def spy(self: object, store: object = None, *, processes: int = 0) -> None:
        started.append(processes)
        real_init(self, store, processes=processes)  # type: ignore[arg-type]

    monkeypatch.setattr(refresh_mod.Writer, "__init__", spy)
    n = refresh_mod.PROCESS_THRESHOLD + 5
    urls = [server.set(f"/w{i}.rss", rss(4, prefix=f"w{i}")) for i in range(n)]
    store.sync_feeds([FeedSpec(url=u) for u in urls])
    report = await refresh(store)
    assert started[0] == 2, "a refresh this big runs in worker processes"
    assert not report.errors and report.new == 4 * n
    assert store.totals()[0] == 4 * n
    dups = (
        store._conn()
        .execute("SELECT feed_id, guid FROM articles GROUP BY feed_id, guid HAVING COUNT(*) > 1")
        .fetchall()
    )
    assert dups == []
    assert [r.title for r in store.search("w7 so 3")] == ["w7 số 3"]
    assert all(f.etag and f.last_success for f in store.feeds())
    again = await refresh(store)
    assert {o.status for o in again.outcomes} == {"unchanged"} and again.new == 0
    assert store.integrity_ok()


async def test_a_killed_feed_worker_costs_its_feed_only(store: Store) -> None:
    """A feed worker process killed mid-run (out of memory, by hand): its feed gets an error,
    a new worker takes its place, and the next feed is stored."""
    import os
    import signal

    from tuinews.errors import FetchError
    from tuinews.fetch.ingest import IngestJob
    from tuinews.fetch.refresh import Writer
    from tuinews.models import FullText

    ids = store.sync_feeds([FeedSpec(url=f"http://h.test/{i}.rss") for i in range(2)])
    writer = Writer(store, processes=1)
    try:
        assert writer._workers is not None
        (victim,) = writer._workers._all
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait()

        def job(i: int) -> IngestJob:
            body = rss(3, prefix=f"f{i}").encode()
            return IngestJob(ids[i], body, f"http://h.test/{i}.rss", "", 100, FullText.NEVER, {})

        with pytest.raises(FetchError, match="feed worker process ended unexpectedly"):
            await writer.ingest(store, job(0))
        result = await writer.ingest(store, job(1))
        assert result.new == 3
    finally:
        writer.close()
    assert [f.total for f in store.feeds()] == [0, 3]


async def test_a_feed_worker_given_several_feeds_at_once_answers_each_with_its_own(
    store: Store,
) -> None:
    """Workers take more than one job at a time (they parse the next one while another
    worker writes): every caller still gets its own feed's result, and a broken feed among
    them costs only itself."""
    import asyncio

    from tuinews.errors import ParseError
    from tuinews.fetch.ingest import IN_FLIGHT, IngestJob
    from tuinews.fetch.refresh import Writer
    from tuinews.models import FullText

    assert IN_FLIGHT >= 2
    n = 12
    ids = store.sync_feeds([FeedSpec(url=f"http://h.test/{i}.rss") for i in range(n)])
    writer = Writer(store, processes=1)

    def job(i: int) -> IngestJob:
        body = b"<html>not a feed</html>" if i == 5 else rss(i + 1, title=f"Feed {i}").encode()
        return IngestJob(ids[i], body, f"http://h.test/{i}.rss", "", 100, FullText.NEVER, {})

    # Another writer holds the cache's write lock at first: the worker parses ahead.
    from tuinews.fetch.ingest import _FolderLock

    other = _FolderLock(store.path.parent)
    other.acquire()

    async def let_go() -> None:
        await asyncio.sleep(0.5)
        other.release()

    try:
        results = await asyncio.gather(
            *(writer.ingest(store, job(i)) for i in range(n)), let_go(), return_exceptions=True
        )
    finally:
        writer.close()
    results = results[:n]
    assert isinstance(results[5], ParseError)
    for i, result in enumerate(results):
        if i != 5:
            assert not isinstance(result, BaseException), (i, result)
            assert (result.title, result.new) == (f"Feed {i}", i + 1)
    assert [f.total for f in store.feeds()] == [0 if i == 5 else i + 1 for i in range(n)]
