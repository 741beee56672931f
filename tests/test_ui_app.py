"""Pilot tests of the real app on a fixture cache: panes, pages, reading, search, safety."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.test_ui_support import (
    CJK_TITLE,
    NFD_TITLE,
    PAGE_SIZE,
    Fixture,
    build_store,
    copy_store,
    make_app,
    screen_text,
    settle,
)
from tuinews.models import View, ViewKind
from tuinews.store import Store
from tuinews.ui.app import TuinewsApp
from tuinews.ui.screens.confirm import ConfirmDialog
from tuinews.ui.screens.help import HelpScreen
from tuinews.ui.screens.main import MainScreen
from tuinews.ui.screens.prompt import NumberPrompt
from tuinews.ui.screens.search import SearchDialog
from tuinews.ui.widgets.article_view import ArticleView
from tuinews.ui.widgets.feed_tree import FeedTree
from tuinews.ui.widgets.headline_list import HeadlineList

AppFactory = Callable[..., TuinewsApp]


@pytest.fixture(scope="module")
def fixture_cache(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    return build_store(tmp_path_factory.mktemp("fixture") / "cache.db")


@pytest.fixture
def new_app(fixture_cache: Fixture, tmp_path: Path) -> Iterator[AppFactory]:
    """Build apps on a private copy of the fixture cache; their stores close afterwards."""
    apps: list[TuinewsApp] = []
    db = copy_store(fixture_cache, tmp_path)

    def factory(**kw: object) -> TuinewsApp:
        app = make_app(db, **kw)  # type: ignore[arg-type]
        apps.append(app)
        return app

    yield factory
    for app in apps:
        app.store.close()


def main(app: TuinewsApp) -> MainScreen:
    return app.main_screen


def unread_of(db: Path, article_id: int) -> bool:
    with Store(db) as store:
        article = store.article(article_id)
        assert article is not None
        return not article.read


# -- start-up and panes ------------------------------------------------------------------


async def test_startup_shows_the_cache(new_app: AppFactory, fixture_cache: Fixture) -> None:
    app = new_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        assert screen.view == View(ViewKind.UNREAD)
        assert screen.page is not None and screen.page.total_pages == 11
        assert len(screen.headlines.rows) == PAGE_SIZE
        text = screen_text(app)
        assert "Thời sự" in text and "Trong nước" in text and "Quốc tế" in text
        assert "page 1/11" in text
        assert app.focused is screen.headlines


async def test_navigation_across_panes(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("h")
        assert app.focused is screen.feed_tree
        # The cursor starts on Unread; down: Starred, Trong nước, Thời sự — each shown as met.
        assert screen.feed_tree.entry is not None and screen.feed_tree.entry.key == "unread"
        await pilot.press("j", "j", "j")
        await settle(pilot)
        assert screen.view.kind == ViewKind.FEED
        assert {r.feed_title for r in screen.headlines.rows} == {"Thời sự"}
        await pilot.press("enter")
        assert app.focused is screen.headlines
        await pilot.press("j", "enter")
        await settle(pilot)
        assert app.focused is screen.article_view
        assert screen.article_view.article is not None
        assert screen.article_view.article.id == screen.headlines.rows[1].id
        await pilot.press("h")
        assert app.focused is screen.headlines
        await pilot.press("tab")
        assert app.focused is screen.article_view
        await pilot.press("tab")
        assert app.focused is screen.feed_tree


async def test_tree_folds_categories(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        tree = main(app).feed_tree
        await pilot.press("h", "j", "j")
        assert tree.entry is not None and tree.entry.folder
        before = tree.row_count
        await pilot.press("space")
        assert tree.row_count == before - 2
        await pilot.press("space")
        assert tree.row_count == before


async def test_tree_rows_of_feeds_keep_their_place(
    new_app: AppFactory, fixture_cache: Fixture
) -> None:
    app = new_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        tree = screen.feed_tree
        kinh_te = fixture_cache.feed_ids["kinh-te"]
        # A feed inside a folded category: choosing its view unfolds the category.
        await pilot.press("h", "j", "j", "space")
        assert tree.entry is not None and tree.entry.folder and not tree.entry.expanded
        tree.select_view(View(ViewKind.FEED, feed_id=kinh_te), quiet=False)
        await settle(pilot)
        entry = tree.entry
        assert entry is not None and entry.key == f"feed:{kinh_te}"
        assert entry.depth == 1 and entry.feed is not None and entry.feed.id == kinh_te
        assert entry.label == "Kinh tế" and entry.count == 70
        assert screen.view == View(ViewKind.FEED, feed_id=kinh_te)
        # New data (a reload) keeps the cursor on the same feed.
        data = tree.data
        assert data is not None
        tree.update_data(data)
        assert tree.entry is not None and tree.entry.key == f"feed:{kinh_te}"
        # h on a feed goes up to its category.
        await pilot.press("h")
        assert tree.entry is not None and tree.entry.key.startswith("cat:")
        assert tree.entry.label == "Trong nước"


# -- pages -------------------------------------------------------------------------------


async def test_paging_next_last_jump(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        first = [r.id for r in screen.headlines.rows]
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.page is not None and screen.page.number == 2
        second = [r.id for r in screen.headlines.rows]
        assert not set(first) & set(second)
        await pilot.press("G")
        await settle(pilot)
        assert screen.page.number == 11
        assert len(screen.headlines.rows) == 216 - 10 * PAGE_SIZE
        assert "page 11/11" in screen_text(app)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.page.number == 10
        await pilot.press("g")
        await settle(pilot)
        assert screen.page.number == 1
        assert [r.id for r in screen.headlines.rows] == first
        await pilot.press("colon")
        assert isinstance(app.screen, NumberPrompt)
        await pilot.press("5", "enter")
        await settle(pilot)
        assert screen.page.number == 5
        await pilot.press("pagedown")
        await settle(pilot)
        assert screen.page.number == 6
        # Every article appears exactly once across the pages.
        seen: set[int] = set()
        await pilot.press("g")
        await settle(pilot)
        for _ in range(11):
            seen.update(r.id for r in screen.headlines.rows)
            await pilot.press("right_square_bracket")
            await settle(pilot)
        assert len(seen) == 216


async def test_pager_numbers_are_clickable(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await screen.run_action("goto_page(3)")
        await settle(pilot)
        assert screen.page is not None and screen.page.number == 3


# -- reading -----------------------------------------------------------------------------


async def test_opening_marks_read(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        row = screen.headlines.rows[0]
        unread_before = screen.feed_tree.data.unread if screen.feed_tree.data else 0
        await pilot.press("enter")
        await settle(pilot)
        assert screen.article_view.article is not None
        assert screen.article_view.article.id == row.id
        assert not unread_of(app.store.path, row.id)
        assert screen.headlines.rows[0].read
        assert screen.feed_tree.data is not None
        assert screen.feed_tree.data.unread == unread_before - 1
        text = screen_text(app)
        assert row.title[:30] in text
        assert "Sat 7 Mar 2026 17:25" in text
        assert "[1] https://news.example.vn/" in text
        assert "▣ Quang cảnh hội nghị [ảnh minh họa]" in text
        # r toggles it back to unread.
        await pilot.press("r")
        await settle(pilot)
        assert unread_of(app.store.path, row.id)


async def test_next_unread_moves_across_feeds(new_app: AppFactory, fixture_cache: Fixture) -> None:
    app = new_app()
    thoi_su = fixture_cache.feed_ids["thoi-su"]
    with Store(app.store.path) as other:
        other.mark_all_read(View(ViewKind.FEED, feed_id=thoi_su))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        screen.feed_tree.select_view(View(ViewKind.FEED, feed_id=thoi_su), quiet=False)
        await settle(pilot)
        assert screen.view.feed_id == thoi_su
        await pilot.press("n")
        await settle(pilot)
        kinh_te = fixture_cache.feed_ids["kinh-te"]
        assert screen.view == View(ViewKind.FEED, feed_id=kinh_te)
        assert screen.feed_tree.entry is not None
        assert screen.feed_tree.entry.key == f"feed:{kinh_te}"
        article = screen.article_view.article
        assert article is not None and article.feed_id == kinh_te
        assert article.title == "[bold]x[/"  # the newest of Kinh tế
        assert screen.headlines.current is not None
        assert screen.headlines.current.id == article.id
        # n again: the next one in the same feed; p goes back.
        await pilot.press("n")
        await settle(pilot)
        second = screen.article_view.article
        assert second is not None and second.id != article.id
        assert second.feed_id == kinh_te
        await pilot.press("p")
        await settle(pilot)
        assert screen.article_view.article is not None


async def test_star(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        row = screen.headlines.rows[2]
        await pilot.press("j", "j", "s")
        await settle(pilot)
        with Store(app.store.path) as other:
            article = other.article(row.id)
            assert article is not None and article.starred
        assert screen.headlines.rows[2].starred
        assert screen.feed_tree.data is not None and screen.feed_tree.data.starred == 1
        assert "★" in screen_text(app)


async def test_hide_read(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        screen.feed_tree.select_view(View(ViewKind.ALL), quiet=False)
        await settle(pilot)
        read_ids = [r.id for r in screen.headlines.rows[:3]]
        for _ in range(3):
            await pilot.press("r", "j")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        shown = {r.id for r in screen.headlines.rows}
        assert not shown & set(read_ids)
        assert all(not r.read for r in screen.headlines.rows)
        assert screen.page is not None and screen.page.total_items == 216 - 3
        await pilot.press("u")
        await settle(pilot)
        assert screen.page.total_items == 216


async def test_mark_all_read_asks_first(new_app: AppFactory, fixture_cache: Fixture) -> None:
    app = new_app()
    feed = fixture_cache.feed_ids["the-gioi"]
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        screen.feed_tree.select_view(View(ViewKind.FEED, feed_id=feed), quiet=False)
        await settle(pilot)
        await pilot.press("A")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert app.store.count(View(ViewKind.FEED, feed_id=feed), unread_only=True) == 50
        await pilot.press("A", "y")
        await settle(pilot)
        assert app.store.count(View(ViewKind.FEED, feed_id=feed), unread_only=True) == 0
        assert all(r.read for r in screen.headlines.rows)


# -- search ------------------------------------------------------------------------------


async def test_search_entry_and_escape(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchDialog)
        await pilot.press(*"dien bien", "enter")
        await settle(pilot)
        assert screen.view == View(ViewKind.SEARCH, query="dien bien")
        assert screen.feed_tree.entry is not None
        assert screen.feed_tree.entry.key == "search"
        titles = [r.title for r in screen.headlines.rows]
        assert titles == ["Điện Biên: lễ hội hoa ban"]
        text = screen_text(app)
        assert "Search: dien bien" in text
        # The matched words are marked in the title.
        line = screen.headlines.render_line(0)
        marked = [
            seg.text
            for seg in line
            if seg.style and seg.style.bold and seg.style.bgcolor is not None and "Bi" in seg.text
        ]
        assert marked, list(line)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.view == View(ViewKind.UNREAD)
        assert "Search:" not in screen_text(app)


async def test_search_results_are_paginated(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        screen.start_search("tom tat")
        await settle(pilot)
        assert screen.page is not None
        assert screen.page.total_items > PAGE_SIZE
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.page.number == 2


# -- safety ------------------------------------------------------------------------------


async def test_markup_in_feed_text_shows_literally(
    new_app: AppFactory, fixture_cache: Fixture
) -> None:
    app = new_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        text = screen_text(app)
        assert "[bold]x[/" in text
        assert "[link=file:///etc]y" in text
        assert "[@click=app.quit]z[/]" in text
        assert "[bold]Feed[/ markup" in text  # the tree and the source column
        # Open the markup title: the article header shows it as written.
        index = next(i for i, r in enumerate(screen.headlines.rows) if r.title == "[bold]x[/")
        screen.headlines.move_cursor(index)
        await pilot.press("enter")
        await settle(pilot)
        assert "[bold]x[/" in screen_text(app)
        # The failed feed's error (itself markup) in a notification, literally.
        markup_feed = fixture_cache.feed_ids["markup"]
        screen.feed_tree.select_view(View(ViewKind.FEED, feed_id=markup_feed), quiet=False)
        await settle(pilot)
        assert "last fetch failed" in screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        notes = list(app._notifications)
        assert any("[red]boom[/red]" in n.message and not n.markup for n in notes)
        assert any(n.title == "[bold]Feed[/ markup" for n in notes)
        assert app.is_running  # [@click=app.quit] did not quit


async def test_wide_and_combining_characters_keep_columns(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        rows = screen.headlines.rows
        assert CJK_TITLE in [r.title for r in rows]
        assert NFD_TITLE not in [r.title for r in rows]  # shown in NFC
        width = screen.headlines.scrollable_content_region.width
        for y in range(len(rows)):
            strip = screen.headlines.render_line(y)
            assert strip.cell_length == width
        # The source column starts at the same cell on every row.
        from rich.cells import cell_len

        starts = set()
        for y in range(len(rows)):
            line = screen.headlines.render_line(y).text
            title = rows[y].title
            prefix = line[: line.index(title[:4])] if title[:4] in line else None
            if prefix is not None:
                starts.add(cell_len(prefix))
        assert len(starts) == 1


# -- links, clipboard, browser -------------------------------------------------------------


async def test_copy_link(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        row = main(app).headlines.rows[0]
        await pilot.press("y")
        assert app.clipboard == row.link


async def test_open_link_uses_browser_without_shell(
    new_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "opened.txt"
    script = tmp_path / "browser.py"
    script.write_text(
        f"import sys, pathlib\npathlib.Path({str(record)!r}).write_text(repr(sys.argv[1:]))\n"
    )
    monkeypatch.setenv("BROWSER", f"{sys.executable} {script} %s")
    app = new_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f")
        assert isinstance(app.screen, NumberPrompt)
        await pilot.press("2", "enter")
        for _ in range(300):
            if record.exists():
                break
            await pilot.pause(0.01)
        assert record.read_text() == repr(["https://news.example.vn/0"])
        screen.open_link("file:///etc/passwd")
        screen.open_link("javascript:alert(1)")
        await pilot.pause()
        refused = [n for n in app._notifications if "only http and https" in n.message]
        assert len(refused) == 2
        assert record.read_text() == repr(["https://news.example.vn/0"])


async def test_no_browser_copies_instead(
    new_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BROWSER", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    app = new_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        row = main(app).headlines.rows[0]
        await pilot.press("o")
        assert app.clipboard == row.link


# -- help, keymap, commands --------------------------------------------------------------


async def test_help_lists_every_binding_and_the_search_syntax(new_app: AppFactory) -> None:
    app = new_app(keymap={"headlines.next-page": "ctrl+n"})
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.pause()
        text = "\n".join(str(w.render()) for w in app.screen.query(Static))
        for binding in [
            *MainScreen.BINDINGS,
            *FeedTree.BINDINGS,
            *HeadlineList.BINDINGS,
            *ArticleView.BINDINGS,
            *TuinewsApp.BINDINGS,
        ]:
            assert getattr(binding, "id", None) in text
        assert "^n" in text  # the keymap's key, not the default
        assert "since:2026-01-01" in text and "=Điện Biên" in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_keymap_remaps_a_binding(new_app: AppFactory) -> None:
    app = new_app(keymap={"headlines.next-page": "ctrl+n"})
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.page is not None and screen.page.number == 1
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert screen.page.number == 2


async def test_command_palette_lists_the_actions(new_app: AppFactory) -> None:
    app = new_app(language="vi")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in ("Trang sau", "Chưa đọc tiếp", "Tìm kiếm", "Gắn sao", "Làm mới"):
            assert wanted in titles


# -- narrow terminals -------------------------------------------------------------------


async def test_80x24_layout(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main(app)
        assert screen.narrow
        assert not screen.feed_tree.display or screen.feed_tree.region.width == 0
        assert screen.headlines.region.width >= 78
        text = screen_text(app)
        assert "page 1/11" in text
        assert text.count("\n") == 23
        await pilot.press("enter")
        await settle(pilot)
        assert screen.article_view.region.width >= 78
        assert screen.headlines.region.width == 0
        assert app.focused is screen.article_view
        await pilot.press("escape")
        assert screen.headlines.region.width >= 78
        assert app.focused is screen.headlines
        await pilot.press("t")
        await pilot.pause()
        assert screen.feed_tree.region.width > 0
        assert app.focused is screen.feed_tree
        await pilot.press("j", "enter")
        await settle(pilot)
        assert screen.view == View(ViewKind.STARRED)
        assert screen.feed_tree.region.width == 0
        assert app.focused is screen.headlines


async def test_vietnamese_interface(new_app: AppFactory) -> None:
    app = new_app(language="vi")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        for word in ("Tất cả", "Chưa đọc", "Đã gắn sao", "trang 1/11", "Trợ giúp", "Thoát"):
            assert word in text
        await pilot.press("enter")
        await settle(pilot)
        assert "Thứ Bảy, 07/03/2026 17:25 · 5 phút trước" in screen_text(app)


async def test_reading_width_toggle(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("enter")
        await settle(pilot)
        column = screen.article_view.query_one("#article-column")
        assert column.region.width <= 76
        await pilot.press("w")
        await pilot.pause()
        assert column.region.width > 76
        await pilot.press("w")
        await pilot.pause()
        assert column.region.width <= 76
