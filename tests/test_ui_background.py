"""Background work: refresh against a loopback server, offline, and another process writing."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.test_ui_support import (
    FIXED_NOW,
    build_store,
    make_app,
    screen_text,
    settle,
    wait_for,
)
from tuinews.fetch import client as client_module
from tuinews.fetch.refresh import RefreshOptions
from tuinews.models import BodyStatus, FeedSpec, ParsedEntry, View, ViewKind
from tuinews.store import Store
from tuinews.ui import app as app_module
from tuinews.ui.data import refresh_has_work

FEED_DELAY = 0.6
"""The server holds the feed this long, so keys arrive while the refresh runs."""


def rss(n: int) -> bytes:
    items = "".join(
        f"""<item><title>Tin nhanh số {i} [b]x[/b]</title>
        <link>http://127.0.0.1/tin-{i}.html</link><guid>tin-{i}</guid>
        <description>Nội dung tin nhanh số {i}.</description>
        <pubDate>{format_datetime(FIXED_NOW - timedelta(minutes=i))}</pubDate></item>"""
        for i in range(1, n + 1)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Loopback</title><link>http://127.0.0.1/</link>{items}</channel></rss>"
    ).encode()


ARTICLE_PAGE = (
    "<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>Bài đầy đủ</title>"
    "<meta property='article:published_time' content='2026-03-07T08:00:00+07:00'></head>"
    "<body><article><h1>Bài đầy đủ</h1>"
    + "".join(
        f"<p>Đoạn văn thứ {i} của bài viết đầy đủ, được tải lại từ trang gốc để đọc "
        "khi không có mạng, với đủ chữ để bộ trích xuất nhận ra đây là nội dung chính.</p>"
        for i in range(1, 9)
    )
    + "</article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        if self.path == "/feed.rss":
            time.sleep(FEED_DELAY)
            body = rss(3)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/article.html":
            body = ARTICLE_PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def closed_port() -> int:
    """A loopback port nothing listens on (connections are refused at once)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def small_store(path: Path, urls: list[tuple[str, str]]) -> None:
    with Store(path) as store:
        store.sync_feeds([FeedSpec(url=u, title=t, category="Loopback") for u, t in urls])


NO_FULLTEXT = RefreshOptions(fulltext=False)


async def test_refresh_keeps_the_ui_responsive(server: str, tmp_path: Path) -> None:
    db = tmp_path / "cache.db"
    bad = f"http://127.0.0.1:{closed_port()}/gone.rss"
    small_store(db, [(f"{server}/feed.rss", "Loopback feed"), (bad, "Broken feed")])
    with Store(db) as store:  # something to move the cursor over while the refresh runs
        fid = store.feed_by_url(bad)
        assert fid is not None
        store.store_entries(
            fid.id,
            [
                ParsedEntry(
                    title=f"Old {i}", guid=f"old-{i}", published=FIXED_NOW - timedelta(hours=i + 1)
                )
                for i in range(5)
            ],
        )
    app = make_app(db, refresh_options=NO_FULLTEXT)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        assert screen.headlines.cursor == 0
        await pilot.press("R")
        await wait_for(pilot, lambda: screen.status.busy)
        # Keys are handled while the server still holds the feed.
        await pilot.press("j", "j")
        assert screen.headlines.cursor == 2
        assert any(w.group == "refresh" and w.is_running for w in app.workers)
        await wait_for(pilot, lambda: not screen.status.busy, timeout=15)
        await settle(pilot)
        assert screen.status.activity == "3 new articles"
        assert screen.feed_tree.data is not None and screen.feed_tree.data.unread == 8
        text = screen_text(app)
        assert "Tin nhanh số 1 [b]x[/b]" in text
        # One notice for the failed feed, naming it; not one per feed.
        failures = [n for n in app._notifications if n.title == "1 feeds failed"]
        assert len(failures) == 1 and "Broken feed" in failures[0].message
        assert not screen.status.offline
        # A second R while one runs is refused politely.
        await pilot.press("R")
        await pilot.press("R")
        await pilot.pause()
        assert any("already running" in n.message for n in app._notifications)
        await wait_for(pilot, lambda: not screen.status.busy, timeout=15)
        # The reload the refresh started must end before the store closes under it.
        await settle(pilot)
    app.store.close()


async def test_a_refresh_with_nothing_due_fetches_and_reloads_nothing(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "cache.db"
    small_store(db, [(f"{server}/feed.rss", "Loopback feed")])
    with Store(db) as store:
        (feed,) = store.feeds()
        store.record_success(feed.id)  # fetched just now: not due for 30 minutes
    clients: list[object] = []
    real_make_client = client_module.make_client

    def counting_make_client(*args: object, **kw: object) -> object:
        client = real_make_client(*args, **kw)  # type: ignore[arg-type]
        clients.append(client)
        return client

    monkeypatch.setattr(client_module, "make_client", counting_make_client)
    app = make_app(db, refresh_options=RefreshOptions(fulltext=False, refresh_minutes=30))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        data = screen.feed_tree.data
        assert app.start_refresh(manual=False, due_only=True)
        await settle(pilot)
        assert not screen.status.busy
        assert screen.status.activity == "No new articles"
        assert clients == []  # no HTTP client for nothing
        assert screen.feed_tree.data is data  # nothing written, nothing reloaded
        # Once the period has passed, the same refresh fetches the feed.
        app.refresh_options = RefreshOptions(fulltext=False, refresh_minutes=0)
        assert app.start_refresh(manual=False, due_only=True)
        await wait_for(pilot, lambda: not screen.status.busy and bool(clients), timeout=15)
        await settle(pilot)
        assert screen.status.activity == "3 new articles"
        assert screen.feed_tree.data is not None and screen.feed_tree.data.unread == 3
    app.store.close()


def test_refresh_has_work_asks_the_refresh_rules(tmp_path: Path) -> None:
    due = RefreshOptions(due_only=True, refresh_minutes=30)
    with Store(tmp_path / "cache.db") as store:
        fid = store.upsert_feed(FeedSpec(url="https://a.example/feed.rss"))
        assert refresh_has_work(store, [fid], due)  # never fetched
        store.record_success(fid)
        assert not refresh_has_work(store, [fid], due)
        assert refresh_has_work(store, [fid], RefreshOptions(due_only=False))
        assert not refresh_has_work(store, [], due)
        # A page still to fetch is work, even when no feed is due.
        store.store_entries(
            fid,
            [ParsedEntry(title="Tin", guid="g", link="https://a.example/tin.html")],
            body_status_for_new=BodyStatus.PENDING,
        )
        assert refresh_has_work(store, [fid], due)
        assert not refresh_has_work(store, [fid], RefreshOptions(due_only=True, fulltext=False))


async def test_offline_says_so_and_reading_goes_on(tmp_path: Path) -> None:
    db = tmp_path / "cache.db"
    port = closed_port()  # every feed refuses: the network is "down"
    a, b = f"http://127.0.0.1:{port}/a.rss", f"http://127.0.0.1:{port}/b.rss"
    small_store(db, [(a, "A"), (b, "B")])
    with Store(db) as store:
        feed = store.feed_by_url(a)
        assert feed is not None
        store.store_entries(
            feed.id,
            [
                ParsedEntry(
                    title=f"Cached {i}",
                    guid=f"c-{i}",
                    content="Đọc được khi mất mạng.",
                    published=FIXED_NOW - timedelta(hours=i),
                )
                for i in range(3)
            ],
        )
    app = make_app(db, refresh_options=NO_FULLTEXT)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        await pilot.press("R")
        await wait_for(pilot, lambda: screen.status.offline, timeout=15)
        assert "Offline: reading from the cache" in screen_text(app)
        assert not any(n.title.endswith("feeds failed") for n in app._notifications)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.article_view.article is not None
        assert "Đọc được khi mất mạng." in screen_text(app)
    app.store.close()


async def test_another_process_writing_shows_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.1)
    db = tmp_path / "cache.db"
    fixture = build_store(db)
    app = make_app(db, poll=True)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        await pilot.press("j", "j", "j")
        watched = screen.headlines.current
        assert watched is not None
        unread = screen.feed_tree.data.unread if screen.feed_tree.data else 0
        await pilot.pause(0.3)  # the poll has seen the starting generation
        with Store(db) as cron:  # a `tuinews fetch` from cron, in effect
            cron.store_entries(
                fixture.feed_ids["thoi-su"],
                [
                    ParsedEntry(
                        title=f"Cron {i}",
                        guid=f"cron-{i}",
                        published=FIXED_NOW - timedelta(seconds=i),
                    )
                    for i in range(4)
                ],
            )
        await wait_for(
            pilot,
            lambda: (
                screen.feed_tree.data is not None and screen.feed_tree.data.unread == unread + 4
            ),
            timeout=5,
        )
        await settle(pilot)
        assert screen.view == View(ViewKind.UNREAD)
        assert screen.headlines.rows[0].title == "Cron 0"
        # The cursor stayed on the article it was on.
        assert screen.headlines.current is not None
        assert screen.headlines.current.id == watched.id
    app.store.close()


async def test_reextract_fetches_the_page_again(server: str, tmp_path: Path) -> None:
    db = tmp_path / "cache.db"
    small_store(db, [(f"{server}/feed.rss", "Loopback feed")])
    with Store(db) as store:
        feed = store.feed_by_url(f"{server}/feed.rss")
        assert feed is not None
        store.store_entries(
            feed.id,
            [
                ParsedEntry(
                    title="Chỉ có tóm tắt",
                    guid="short",
                    link=f"{server}/article.html",
                    summary="Tóm tắt ngắn.",
                    published=FIXED_NOW,
                )
            ],
        )
    app = make_app(db, refresh_options=NO_FULLTEXT)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        await pilot.press("enter")
        await settle(pilot)
        assert "Tóm tắt ngắn." in screen_text(app)
        await pilot.press("x")
        await wait_for(
            pilot,
            lambda: (
                screen.article_view.article is not None
                and "Đoạn văn thứ 3" in screen.article_view.article.body
            ),
            timeout=15,
        )
        await settle(pilot)
        assert "Đoạn văn thứ 3" in screen_text(app)
        assert any(n.message == "Full text updated." for n in app._notifications)
    app.store.close()
