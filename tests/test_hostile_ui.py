"""The app on a cache of hostile feeds: nothing but text reaches the screen; links stay shut.

Two ways in: the hostile corpus through the real parser (what a fetch stores), and hostile
strings written straight into the store (a cache from an older, less careful version): the
screen must be safe either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile import corpus as hc
from tests.test_ui_support import make_app, screen_text, settle
from tuinews.fetch.extract import extract_article
from tuinews.fetch.parse import parse_feed
from tuinews.models import BodyStatus, FeedSpec, ParsedEntry, View, ViewKind
from tuinews.store import Store
from tuinews.text.sanitize import is_safe
from tuinews.ui.app import TuinewsApp
from tuinews.ui.browser import browser_command, is_web_url

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
RAW = hc.ALL_ESCAPES


def assert_screen_safe(text: str) -> None:
    bad = [text[max(0, m.start() - 15) : m.end() + 15] for m in _UNSAFE.finditer(text)]
    assert not bad, bad[:5]


@pytest.fixture(scope="module")
def hostile_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from datetime import UTC, datetime

    path = tmp_path_factory.mktemp("hostile-ui") / "cache.db"
    with Store(path) as store:
        docs = {
            "raw": hc.rss_doc(hc.escape_items("raw"), feed_title=RAW + "Kho độc").encode(),
            "refs": hc.rss_doc(hc.escape_items("ref"), feed_title=RAW, encode="refs").encode(),
            "json": hc.json_doc(hc.escape_items("json"), feed_title=RAW).encode(),
        }
        for name, body in docs.items():
            url = f"https://hostile.example/{name}.xml"
            parsed = parse_feed(body, url=url)
            (fid,) = store.sync_feeds([FeedSpec(url=url, category=RAW + "Nhóm")])
            store.store_entries(fid, parsed.entries, success={"title": parsed.title})
        # An old cache: hostile strings stored as they came, in every field.
        old_url = "https://old.example/feed"
        (old,) = store.sync_feeds([FeedSpec(url=old_url, title=RAW + "[bold]Cũ[/", category=RAW)])
        when = datetime(2026, 3, 7, 9, 0, tzinfo=UTC)
        entries = [
            ParsedEntry(
                title=f"{RAW}cũ {i} {hc.MARKUP[i % len(hc.MARKUP)]}",
                link=f"https://old.example/{i}\x1b]8;;file:///etc/passwd\x07",
                guid=f"old-{i}",
                author=RAW + "tác giả",
                summary=RAW + "tóm tắt\n" + RAW,
                content=f"Đoạn một {RAW}\n\n[liên kết](javascript:alert(1)) {RAW}",
                published=when,
            )
            for i in range(4)
        ]
        entries.append(
            ParsedEntry(title=hc.RTL_TITLE, guid="old-rtl", summary=hc.RTL_TITLE, published=when)
        )
        store.store_entries(old, entries)
        store.record_failure(old, "HTTP 500 " + RAW + "[red]boom[/red]")
        # A hostile article page, extracted as a fetch would, as one article's body.
        ex = extract_article(hc.hostile_page(), url="https://hostile.example/page")
        first = store.headlines_page(View(ViewKind.FEED, feed_id=fid), 1).items[0]
        store.store_body(first.id, status=BodyStatus.OK, markdown=ex.markdown)
    return path


@pytest.fixture
def app(hostile_cache: Path, tmp_path: Path) -> Iterator[TuinewsApp]:
    db = tmp_path / "cache.db"
    db.write_bytes(hostile_cache.read_bytes())
    application = make_app(db, page_size=50)
    yield application
    application.store.close()


async def test_hostile_headlines_tree_and_articles_render_as_plain_text(app: TuinewsApp) -> None:
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        screen.feed_tree.select_view(View(ViewKind.ALL), quiet=True)
        await settle(pilot)
        text = screen_text(app)
        assert_screen_safe(text)
        assert "RTL override: txt.exe and isolate" in text
        seen = 0
        # The three hostile feeds carry the same items at the same times: every third row
        # is each kind of attack once, besides the old cache's rows and the hostile page.
        for index in range(0, len(screen.headlines.rows), 3):
            screen.headlines.move_cursor(index)
            await pilot.press("enter")
            await settle(pilot)
            assert_screen_safe(screen_text(app))
            seen += 1
        assert seen >= 15
        # Every notification (the old feed's error holds escapes and markup) is plain text.
        old = next(f for f in app.store.feeds() if f.url == "https://old.example/feed")
        screen.feed_tree.select_view(View(ViewKind.FEED, feed_id=old.id), quiet=False)
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert_screen_safe(screen_text(app))
        for note in app._notifications:
            assert is_safe(note.message, block=True) and is_safe(note.title)
        svg = app.export_screenshot()
        assert_screen_safe(svg)
        assert app.is_running


async def test_markup_in_hostile_titles_is_shown_literally(app: TuinewsApp) -> None:
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        screen.feed_tree.select_view(View(ViewKind.ALL), quiet=True)
        await settle(pilot)
        titles = [r.title for r in screen.headlines.rows]
        for markup in hc.MARKUP:
            index = titles.index(markup)
            screen.headlines.move_cursor(index)
            await pilot.press("enter")
            await settle(pilot)
            text = screen_text(app)
            # In the list and again in the article header, exactly as written.
            assert text.count(markup) >= 2, markup
        assert app.is_running  # [@click=app.quit] did not quit


@pytest.mark.parametrize(
    ("url", "opens"),
    [
        ("https://example.com/a?b=c#d", True),
        ("http://example.com/", True),
        ("https://example.com/$(reboot);rm", True),  # opened as one argument, never by a shell
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("mailto:a@b.c", False),
        ("ftp://example.com/x", False),
        ("http://", False),
        ("//example.com/x", False),
        ("http://exa mple.com/", False),
        ("http://example.com/\x1b]52;c;AAAA\x07", False),
        ("http://example.com/\n--foo", False),
        ("-h", False),
        ("--help", False),
        ("", False),
    ],
)
def test_only_http_links_open_and_never_through_a_shell(url: str, opens: bool) -> None:
    assert is_web_url(url) is opens
    if opens:
        cmd = browser_command(url, {"BROWSER": "true %s"})
        assert cmd is not None and cmd.argv[-1] == url  # one argv item: no shell, no splitting
