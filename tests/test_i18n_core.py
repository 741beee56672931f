"""Messages made by the core (config, OPML, fetching, scrape rules, full text) follow the
language: a Vietnamese run has no English sentence left; the same run in English still
says them in English (so the check below is not vacuous)."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import LoopbackServer
from tuinews.errors import ParseError
from tuinews.fetch.client import FetchSettings
from tuinews.fetch.ingest import IngestJob
from tuinews.fetch.refresh import RefreshOptions, Writer, _pool, refresh_all
from tuinews.i18n import language, set_language
from tuinews.models import FeedSpec, FullText
from tuinews.store import Store

ENGLISH = re.compile(
    r"\b(cannot|not|error|errors|redirect|refused|failed|must|unknown|backing off|"
    r"feeds fetched|matched nothing|bundled rules|Problems|Summary|items)\b"
)
"""Words of the core's English messages. Case matters: the HTTP status line a server sends
("HTTP 404 Not Found") is shown as sent in every language."""

BAD_CONFIGS = {
    "so.toml": 'page_size = "lots"\n',
    "khoa.toml": 'colour = "blue"\n',
    "gio.toml": 'timezone = "Mars/Olympus"\n',
    "diachi.toml": '[[category]]\nname = "Tin"\n[[category.feed]]\nurl = "ftp://x.vn/rss"\n',
    "quytac.toml": '[[category]]\nname = "Tin"\n[[category.feed]]\nscrape = "khong-co"\n',
}
URLS_FILE = 'exec:ls\nquery:"Tin":unread = "yes"\nftp://x.vn/rss "Tin"\n'
RULE = 'url = "https://example.vn/tin"\nitem = "div.tin"\ntitle = "a"\n'
PAGE = "<html><head><title>Trang</title></head><body><p>Trống.</p></body></html>"


def _cli(args: list[str], *, lang: str, home: Path) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(
        {
            "LANG": lang,
            "TUINEWS_CONFIG": str(home / "missing.toml"),
            "TUINEWS_DATA_DIR": str(home / "data"),
            "PYTHONIOENCODING": "utf-8",
        }
    )
    done = subprocess.run(
        [sys.executable, "-m", "tuinews", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=home,
        timeout=120,
    )
    return done.returncode, done.stdout + done.stderr


def _session(server: LoopbackServer, home: Path, lang: str) -> str:
    """Run commands that make core messages; returns everything they printed."""
    home.mkdir()
    out: list[str] = []

    def run(*args: str, code: int, keep: bool = True) -> None:
        got, text = _cli(list(args), lang=lang, home=home)
        assert got == code, (args, text)
        assert text.strip(), args
        if keep:
            out.append(text)

    for name, text in BAD_CONFIGS.items():
        (home / name).write_text(text, "utf-8")
        run("--config", name, "stats", code=2)
    (home / "urls").write_text(URLS_FILE, "utf-8")
    run("import", "urls", code=0)
    gone = server.url("/mat.rss")  # the loopback server answers 404 for unknown paths
    loop = server.set("/vong", status=302, headers={"Location": "/vong"}, etag=False)
    page = server.set("/trang", PAGE, content_type="text/html; charset=utf-8")
    for url in (gone, loop, page):
        run("feeds", "add", url, code=0, keep=False)  # "Added …": the CLI's own words
    run("fetch", code=1)
    run("feeds", "list", code=0)
    run("fetch", code=0)  # every feed backs off now
    run("rules", "list", code=0)
    (home / "quytac.json").write_text(
        '{"url": "https://example.vn/tin", "item": "div.tin", "title": "a"}', "utf-8"
    )
    (home / "trang.html").write_text(PAGE, "utf-8")
    run("rules", "test", "trang.html", "--rule", "quytac.json", code=1)
    run("extract", "trang.html", code=1)
    return "".join(out)


def test_core_messages_in_a_vietnamese_session(server: LoopbackServer, tmp_path: Path) -> None:
    text = _session(server, tmp_path / "vi", "vi_VN.UTF-8")
    for expected in (
        "page_size: phải là số nguyên, không phải chuỗi",
        "colour: khóa không hợp lệ",
        "timezone: múi giờ 'Mars/Olympus' không hợp lệ",
        "category.feed.url: url 'ftp://x.vn/rss' không phải địa chỉ http(s)",
        "không có quy tắc lấy tin có sẵn nào tên 'khong-co'",
        "urls:1: từ chối nguồn exec: (nguồn này sẽ chạy một lệnh)",
        "urls:2: bỏ qua nguồn query: (hãy dùng chức năng tìm kiếm)",
        "urls:3: url 'ftp://x.vn/rss' không phải địa chỉ http(s)",
        "/mat.rss>: HTTP 404 Not Found",
        "/vong>: chuyển hướng lặp vòng",
        "/trang>: không phải nguồn tin: nhận được một trang HTML",
        "Đã tải 3 nguồn tin",
        "tạm ngừng do lỗi, thử lại sau",
        'quy tắc có sẵn. Dùng trong tệp cấu hình bằng scrape = "TÊN".',
        "bộ chọn tin 'div.tin' không khớp phần tử nào trên https://example.vn/tin",
        "Tổng hợp: 0 tin (0 tin có ngày) từ 1 trang, 1 vấn đề.",
        "[thất bại] ",
    ):
        assert expected in text, (expected, text)
    left = sorted({m.group(0) for m in ENGLISH.finditer(text)})
    assert left == [], (left, text)


def test_the_same_session_in_english_says_it_in_english(
    server: LoopbackServer, tmp_path: Path
) -> None:
    text = _session(server, tmp_path / "en", "C.UTF-8")
    for expected in (
        "page_size: must be a whole number, not str",
        "urls:1: refused exec: source (it would run a command)",
        "/mat.rss>: HTTP 404 Not Found",
        "/vong>: redirect loop",
        "/trang>: not a feed: got an HTML page",
        "3 feeds fetched",
        "backing off after errors, next try in",
        'bundled rules. Use one in the config with scrape = "NAME".',
        "Summary: 0 items (0 dated) from 1 page, 1 problem.",
        "[failed] ",
    ):
        assert expected in text, (expected, text)
    assert ENGLISH.search(text)


# -- in the process: worker processes, and "offline" whatever the language ---------------------


def test_extraction_workers_speak_the_parents_language() -> None:
    set_language("vi")  # the locale (conftest: C.UTF-8) would say English
    executor, is_process = _pool(16)
    try:
        assert executor.submit(language).result(timeout=60) == "vi"
    finally:
        executor.shutdown(wait=True)
    if not is_process:
        pytest.skip("one core: extraction runs in a thread")


async def test_parse_workers_speak_the_parents_language(store: Store) -> None:
    feed_id = store.upsert_feed(FeedSpec(url="https://x.vn/rss"))
    set_language("vi")
    db = Writer(store, processes=1)
    job = IngestJob(feed_id, PAGE.encode(), "https://x.vn/rss", "text/html", 10, FullText.AUTO, {})
    try:
        with pytest.raises(ParseError, match="^không phải nguồn tin: nhận được một trang HTML$"):
            await db.ingest(store, job)
    finally:
        db.close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_offline_is_told_by_the_kind_of_error_not_its_words(store: Store, lang: str) -> None:
    for i in range(2):
        store.upsert_feed(FeedSpec(url=f"http://127.0.0.1:{_closed_port()}/{i}.rss"))
    set_language(lang)
    settings = FetchSettings(connect_timeout=2, read_timeout=2, total_timeout=3)
    report = asyncio.run(
        refresh_all(store, store.feeds(), settings, options=RefreshOptions(fulltext=False))
    )
    assert len(report.errors) == 2
    assert report.offline, [o.error for o in report.errors]
    refused = "máy chủ từ chối kết nối" if lang == "vi" else "connection refused"
    assert {o.error for o in report.errors} == {refused}
