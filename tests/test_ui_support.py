"""Shared helpers for the UI tests: a fixture cache, an app factory, waiting, screen text.

Not fixtures (only ``tests/test_ui_*.py`` files belong to the UI): each test module builds
its own small fixtures from these functions.
"""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot

from tuinews.config import Config
from tuinews.fetch.refresh import RefreshOptions
from tuinews.i18n.dates import set_clock
from tuinews.models import FeedSpec, ParsedEntry
from tuinews.store import Store
from tuinews.ui.app import TuinewsApp

FIXED_NOW = datetime(2026, 3, 7, 10, 30, tzinfo=UTC)
"""The clock of every UI test: 17:30 in Hà Nội, Saturday 7 March 2026."""
TIMEZONE = "Asia/Ho_Chi_Minh"
PAGE_SIZE = 20

MARKUP_TITLES = ("[bold]x[/", "[link=file:///etc]y", "[@click=app.quit]z[/]")
CJK_TITLE = "中文标题 漢字テスト 🇻🇳 emoji 👨‍👩‍👧 hết"
NFD_TITLE = unicodedata.normalize("NFD", "Điện Biên: lễ hội hoa ban")

NEWS_WORDS = [
    "Thủ tướng chủ trì hội nghị về chuyển đổi số",
    "Giá xăng dầu giảm nhẹ từ chiều nay",
    "Hà Nội mở rộng tuyến đường sắt đô thị",
    "Đà Nẵng đón lượng khách kỷ lục dịp lễ",
    "Ngân hàng Nhà nước điều chỉnh lãi suất",
    "Nông dân Đồng Tháp trúng mùa lúa",
    "Đội tuyển Việt Nam chuẩn bị cho vòng loại",
    "Mưa lớn kéo dài ở các tỉnh miền Trung",
    "Công bố kết quả thi tốt nghiệp THPT",
    "Doanh nghiệp xuất khẩu thủy sản tăng trưởng",
]


@dataclass(slots=True)
class Fixture:
    """What the fixture cache holds."""

    path: Path
    feed_ids: dict[str, int]
    """Feed URL suffix ("thoi-su", …) → id."""
    total: int


FEEDS = [
    # (slug, title, category, articles)
    ("thoi-su", "Thời sự", "Trong nước", 90),
    ("kinh-te", "Kinh tế", "Trong nước", 70),
    ("the-gioi", "Thế giới", "Quốc tế", 50),
    ("markup", "[bold]Feed[/ markup", "Quốc tế", 6),
    ("empty", "Quiet feed", "Quốc tế", 0),
]


def build_store(path: Path) -> Fixture:
    """A cache with five feeds in two categories and 216 articles (11 pages of 20).

    The newest articles of "Kinh tế" are the markup, CJK/emoji and NFD titles; the "markup"
    feed's title is markup itself and its last fetch failed.
    """
    base = FIXED_NOW - timedelta(minutes=5)
    ids: dict[str, int] = {}
    total = 0
    with Store(path) as store:
        specs = [
            FeedSpec(url=f"https://news.example.vn/{slug}.rss", title=title, category=cat)
            for slug, title, cat, _n in FEEDS
        ]
        for (slug, *_rest), fid in zip(FEEDS, store.sync_feeds(specs), strict=True):
            ids[slug] = fid
        for index, (slug, title, _cat, n) in enumerate(FEEDS):
            entries: list[ParsedEntry] = []
            for i in range(n):
                headline = NEWS_WORDS[(i + index) % len(NEWS_WORDS)]
                entries.append(
                    ParsedEntry(
                        title=f"{headline} ({title} #{i + 1})",
                        link=f"https://news.example.vn/{slug}/{i + 1}.html",
                        guid=f"{slug}-{i + 1}",
                        author="Phóng viên" if i % 3 == 0 else "",
                        summary=f"Tóm tắt bài {i + 1} của {title}.",
                        content=_body(title, i),
                        published=base - timedelta(minutes=37 * i + 3 * index),
                    )
                )
            if slug == "kinh-te":
                specials = [*MARKUP_TITLES, CJK_TITLE, NFD_TITLE]
                for j, special in enumerate(specials):
                    entries[j].title = special
            if slug == "markup":
                entries[0].title = "[link=file:///etc]y"
            store.store_entries(ids[slug], entries)
            total += n
        store.record_failure(ids["markup"], "404 Not Found [red]boom[/red]")
    return Fixture(path, ids, total)


def _body(title: str, i: int) -> str:
    return (
        f"## Nội dung chính\n\nĐoạn mở đầu của bài {i + 1} ({title}). Xem thêm "
        f"[trang chủ](https://news.example.vn/) và [chi tiết](https://news.example.vn/{i}).\n\n"
        "- Ý thứ nhất\n- Ý thứ hai\n\n"
        "> Một trích dẫn quan trọng.\n\n"
        "[Ảnh: Quang cảnh hội nghị \\[ảnh minh họa\\]](https://news.example.vn/a.jpg)\n\n"
        "Đoạn cuối cùng của bài viết."
    )


def copy_store(fixture: Fixture, dest: Path) -> Path:
    """A private copy of the fixture cache (tests write to it)."""
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / "cache.db"
    shutil.copy(fixture.path, target)
    return target


def make_app(
    db: Path,
    *,
    language: str = "en",
    page_size: int = PAGE_SIZE,
    keymap: dict[str, str] | None = None,
    poll: bool = False,
    config: Config | None = None,
    refresh_options: RefreshOptions | None = None,
) -> TuinewsApp:
    """The real app on a copy of the cache, with a fixed clock and no background timers."""
    set_clock(lambda: FIXED_NOW)
    cfg = config or Config(
        language=language, timezone=TIMEZONE, page_size=page_size, keymap=keymap or {}
    )
    store = Store(db)
    return TuinewsApp(
        store, cfg, poll=poll, auto_refresh=False, blink=False, refresh_options=refresh_options
    )


async def wait_for(
    pilot: Pilot[object], check: Callable[[], bool], *, timeout: float = 5.0
) -> None:
    """Let the app run until ``check()`` holds (fails after ``timeout`` seconds)."""
    loops = int(timeout / 0.01)
    for _ in range(loops):
        if check():
            return
        await pilot.pause(0.01)
    assert check(), "condition not reached in time"


async def settle(pilot: Pilot[object]) -> None:
    """Wait for every worker to finish and the messages they posted to be handled."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app: TuinewsApp) -> str:
    """The text of the whole screen as it would be painted now."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)
