"""The main screen: feed tree, headline list and article, and the actions between them.

Every store call runs in a thread worker (``@work(thread=True)``) that posts a message from
:mod:`tuinews.ui.messages`; only the handlers here touch widgets. Page, tree and article
loads are ``exclusive`` in their group, so a newer request cancels an older one and a
stale result (for a view no longer shown) is dropped on arrival.

Layout: three panes from 100 columns up; below that the tree folds away (``t`` shows it)
and an opened article takes the list's place until Escape.
"""

from __future__ import annotations

import subprocess
import threading
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Markdown
from textual.worker import get_current_worker

from tuinews.i18n import _
from tuinews.i18n.dates import format_datetime
from tuinews.models import Feed, Page, View, ViewKind
from tuinews.store.search import parse_query
from tuinews.ui.bindings import N_, translate_bindings
from tuinews.ui.browser import browser_command, is_web_url
from tuinews.ui.data import (
    InitialData,
    TreeData,
    find_unread,
    load_article,
    load_initial,
    load_page,
    load_tree,
)
from tuinews.ui.messages import (
    ArticleLoaded,
    ArticleMissing,
    InitialLoaded,
    MarkedAllRead,
    NoUnread,
    PageLoaded,
    Reextracted,
    RefreshFailed,
    RefreshFinished,
    RefreshProgress,
    RefreshStarted,
    StoreChanged,
    TreeLoaded,
    UnreadFound,
    Wrote,
)
from tuinews.ui.screens.confirm import ConfirmDialog
from tuinews.ui.screens.help import HelpScreen, binding_rows
from tuinews.ui.screens.prompt import NumberPrompt
from tuinews.ui.screens.search import SearchDialog
from tuinews.ui.text import format_count, search_terms
from tuinews.ui.widgets.article_view import ArticleView
from tuinews.ui.widgets.feed_tree import FeedTree
from tuinews.ui.widgets.headline_list import HeadlineList, PagerBar, ViewHeader
from tuinews.ui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from tuinews.fetch.refresh import RefreshReport
    from tuinews.store import Store

NARROW_BELOW = 100
"""Below this many columns the tree folds away and the article replaces the list."""


NO_FEEDS = N_(
    "No feeds yet. Add one with `tuinews feeds add URL` or `tuinews import FILE` (OPML or "
    "newsboat's urls), or try `tuinews demo`."
)


@dataclass(slots=True, frozen=True)
class Target:
    """The article an action applies to."""

    id: int
    feed_id: int
    read: bool
    starred: bool
    link: str


@dataclass
class ReextractRequested(Message):
    """Ask the app to fetch an article's page again (network work belongs to the app)."""

    article_id: int


class MainScreen(Screen[None]):
    """The three panes.

    Args:
        store: The cache.
        page_size: Headlines per page.
        initial: The first screen's data, read before the app started (None: read now).
        blink: Blink text cursors (off for tests and screenshots).
        keymap: The user's keymap (binding id → keys), for the help screen.
    """

    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (NARROW_BELOW, "-wide"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_unread", N_("Next unread"), id="main.next-unread"),
        Binding("p", "prev_unread", N_("Previous unread"), show=False, id="main.prev-unread"),
        Binding("slash", "search", N_("Search"), id="main.search"),
        Binding("u", "toggle_unread_only", N_("Hide read"), show=False, id="headlines.hide-read"),
        Binding("t", "toggle_tree", N_("Feeds"), id="main.toggle-tree"),
        Binding("question_mark,f1", "help", N_("Help"), id="main.help"),
        Binding(
            "right_square_bracket,pagedown",
            "next_page",
            N_("Next page"),
            show=False,
            id="headlines.next-page",
        ),
        Binding(
            "left_square_bracket,pageup",
            "prev_page",
            N_("Previous page"),
            show=False,
            id="headlines.prev-page",
        ),
        Binding("g", "first_page", N_("First page"), show=False, id="headlines.first-page"),
        Binding("G", "last_page", N_("Last page"), show=False, id="headlines.last-page"),
        Binding("colon", "ask_page", N_("Go to page…"), show=False, id="headlines.goto-page"),
        Binding(
            "A", "mark_all_read", N_("Mark all read"), show=False, id="headlines.mark-all-read"
        ),
        Binding("r", "toggle_read", N_("Read / unread"), show=False, id="article.toggle-read"),
        Binding("s", "toggle_star", N_("Star"), show=False, id="article.toggle-star"),
        Binding("o", "open_browser", N_("Open in browser"), show=False, id="article.open-browser"),
        Binding("y", "copy_link", N_("Copy link"), show=False, id="article.copy-link"),
        Binding("f", "ask_link", N_("Open link N"), show=False, id="article.open-link"),
        Binding("x", "reextract", N_("Fetch full text again"), show=False, id="article.reextract"),
        Binding("w", "toggle_width", N_("Reading width"), show=False, id="article.width"),
        Binding("e", "feed_error", N_("Feed error"), show=False, id="main.feed-error"),
        Binding("escape", "back", N_("Back"), show=False, id="main.back"),
    ]

    def __init__(
        self,
        store: Store,
        *,
        page_size: int,
        initial: InitialData | None = None,
        blink: bool = True,
        keymap: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        translate_bindings(self)
        self.store = store
        self.page_size = page_size
        self._initial = initial
        self._blink = blink
        self._keymap = keymap or {}
        self.view: View = View(ViewKind.ALL)
        """What the list shows."""
        self.unread_only = False
        """Read articles are hidden."""
        self.page: Page | None = None
        """The page on screen."""
        self.open_id: int | None = None
        """The article opened last (shown in the article pane)."""
        self._before_search: View | None = None
        self._write_lock = threading.Lock()

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield FeedTree(id="tree")
            with Vertical(id="headline-pane"):
                yield ViewHeader(id="view-header")
                yield HeadlineList(id="headlines")
                yield PagerBar(id="pager")
            yield ArticleView(id="article")
        yield StatusLine(id="status")
        yield Footer(compact=True)

    @property
    def feed_tree(self) -> FeedTree:
        """The feed tree."""
        return self.query_one("#tree", FeedTree)

    @property
    def headlines(self) -> HeadlineList:
        """The headline list."""
        return self.query_one("#headlines", HeadlineList)

    @property
    def article_view(self) -> ArticleView:
        """The article pane."""
        return self.query_one("#article", ArticleView)

    @property
    def status(self) -> StatusLine:
        """The status line."""
        return self.query_one("#status", StatusLine)

    @property
    def narrow(self) -> bool:
        """The screen is narrower than three panes need."""
        return self.has_class("-narrow")

    def on_mount(self) -> None:
        self.article_view.show_placeholder(self._welcome())
        self.headlines.focus()
        if self._initial is not None:
            self._apply_initial(self._initial)
            self._initial = None
        else:
            self._load_initial()

    def _apply_initial(self, data: InitialData) -> None:
        self.view = data.view
        self._show_tree(data.tree)
        self.feed_tree.select_view(data.view, quiet=True)
        self._show_page(data.page, focus_id=None, keep_cursor=False)
        self.article_view.show_placeholder(self._welcome())

    def _welcome(self) -> Content:
        data = self.feed_tree.data
        parts: list[tuple[str, str] | str] = [("tuinews", "bold $text-primary"), "\n\n"]
        if data is not None and not data.feeds:
            parts.append(_(NO_FEEDS))
        elif data is not None and data.total == 0:
            parts.append(_("The cache is empty. Press R to fetch the feeds."))
        elif data is not None:
            parts.append(
                _(
                    "{total} articles in the cache, {unread} unread.",
                    total=format_count(data.total),
                    unread=format_count(data.unread),
                )
            )
        parts.append("\n\n")
        hints = [
            ("Enter", _("read the article under the cursor")),
            ("n / p", _("next / previous unread article")),
            ("[ ]", _("previous / next page")),
            ("/", _("search")),
            ("R", _("refresh the feeds now")),
            ("?", _("every key")),
        ]
        for key, text in hints:
            parts.append((f"{key:<8}", "bold $text-accent"))
            parts.append((text + "\n", "$text-muted"))
        return Content.assemble(*parts)

    # -- workers: every store call runs here, off the event loop -----------------------------

    @work(thread=True, exclusive=True, group="initial", exit_on_error=False)
    def _load_initial(self) -> None:
        data = load_initial(self.store, page_size=self.page_size)
        if not get_current_worker().is_cancelled:
            self.post_message(InitialLoaded(data))

    @work(thread=True, exclusive=True, group="tree", exit_on_error=False)
    def _load_tree(self) -> None:
        data = load_tree(self.store)
        if not get_current_worker().is_cancelled:
            self.post_message(TreeLoaded(data))

    @work(thread=True, exclusive=True, group="page", exit_on_error=False)
    def _load_page(
        self,
        view: View,
        number: int,
        unread_only: bool,
        near: Page | None,
        focus_id: int | None,
        keep_cursor: bool,
    ) -> None:
        page = load_page(
            self.store, view, number, page_size=self.page_size, unread_only=unread_only, near=near
        )
        if not get_current_worker().is_cancelled:
            self.post_message(PageLoaded(view, unread_only, page, focus_id, keep_cursor))

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def _load_article(self, article_id: int, mark_read: bool, keep_scroll: bool) -> None:
        doc = load_article(self.store, article_id)
        if get_current_worker().is_cancelled:
            return
        if doc is None:
            self.post_message(ArticleMissing(article_id))
        else:
            self.post_message(ArticleLoaded(doc, mark_read, keep_scroll))

    @work(thread=True, group="write", exit_on_error=False)
    def _write_state(self, article_id: int, read: bool | None, starred: bool | None) -> None:
        # Writes are never cancelled, and one at a time keeps quick toggles in order.
        with self._write_lock:
            if read is not None:
                self.store.set_read([article_id], read)
            if starred is not None:
                self.store.set_starred(article_id, starred)
            generation = self.store.generation()
            tree = load_tree(self.store)
        self.post_message(Wrote(generation, article_id, read, starred))
        self.post_message(TreeLoaded(tree))

    @work(thread=True, group="write", exit_on_error=False)
    def _mark_all_read(self, view: View) -> None:
        with self._write_lock:
            count = self.store.mark_all_read(view)
            generation = self.store.generation()
            tree = load_tree(self.store)
        self.post_message(MarkedAllRead(view, count, generation))
        self.post_message(TreeLoaded(tree))

    @work(thread=True, exclusive=True, group="unread", exit_on_error=False)
    def _find_unread(self, view: View, anchor: int | None, forward: bool) -> None:
        hit = find_unread(
            self.store,
            view,
            anchor,
            forward=forward,
            page_size=self.page_size,
            unread_only=self.unread_only,
        )
        if get_current_worker().is_cancelled:
            return
        self.post_message(UnreadFound(hit) if hit is not None else NoUnread())

    # -- loading views and pages -------------------------------------------------------------

    def show_view(self, view: View, *, number: int = 1, focus_id: int | None = None) -> None:
        """Show ``view`` in the list, at page ``number``."""
        if view != self.view:
            self.page = None
        self.view = view
        self._request_page(number, focus_id=focus_id)

    def _request_page(
        self, number: int, *, focus_id: int | None = None, keep_cursor: bool = False
    ) -> None:
        near = self.page if self.page is not None and abs(number - self.page.number) == 1 else None
        self._load_page(
            self.view, number, self._effective_unread_only(), near, focus_id, keep_cursor
        )

    def _effective_unread_only(self) -> bool:
        return self.unread_only and self.view.kind != ViewKind.UNREAD

    def reload(self) -> None:
        """Read the tree and the page on screen again; the cursor stays on its article."""
        self._load_tree()
        number = self.page.number if self.page is not None else 1
        self._load_page(self.view, number, self._effective_unread_only(), None, None, True)

    @on(InitialLoaded)
    def _initial_loaded(self, message: InitialLoaded) -> None:
        self._apply_initial(message.data)

    @on(TreeLoaded)
    def _tree_loaded(self, message: TreeLoaded) -> None:
        self._show_tree(message.data)

    def _show_tree(self, data: TreeData) -> None:
        self.feed_tree.update_data(data)
        self.status.unread = data.unread
        # "Updated" is the newest successful fetch on record, by this app, a cron
        # `tuinews fetch` or an earlier session.
        newest = max((f.last_success for f in data.feeds if f.last_success), default=None)
        last = self.status.last_refresh
        if newest is not None and (last is None or newest > last):
            self.status.last_refresh = newest
        if self.article_view.doc is None:
            self.article_view.show_placeholder(self._welcome())
        self._update_header()

    @on(PageLoaded)
    def _page_loaded(self, message: PageLoaded) -> None:
        if message.view != self.view or message.unread_only != self._effective_unread_only():
            return  # an answer for a view the user already left
        self._show_page(message.page, focus_id=message.focus_id, keep_cursor=message.keep_cursor)

    def _show_page(self, page: Page, *, focus_id: int | None, keep_cursor: bool) -> None:
        self.page = page
        view = self.view
        if view.kind == ViewKind.SEARCH:
            self.feed_tree.set_search_count(page.total_items)
        if self.unread_only or view.kind == ViewKind.UNREAD:
            empty = _("No unread articles here.")
        elif view.kind == ViewKind.SEARCH:
            empty = _("Nothing matches this search.")
        elif self.feed_tree.data is not None and not self.feed_tree.data.feeds:
            empty = _(NO_FEEDS)
        elif self.feed_tree.data is not None and self.feed_tree.data.total == 0:
            empty = _("The cache is empty. Press R to fetch the feeds.")
        else:
            empty = _("No articles here.")
        self.headlines.show_rows(
            page.items,
            focus_id=focus_id,
            keep_cursor=keep_cursor,
            show_source=view.kind != ViewKind.FEED,
            terms=search_terms(view.query) if view.kind == ViewKind.SEARCH else (),
            empty=empty,
        )
        self.query_one("#pager", PagerBar).show_page(
            page, unread_only=self._effective_unread_only()
        )
        self._update_header()

    def _update_header(self) -> None:
        data = self.feed_tree.data
        view = self.view
        title = _("All")
        total = unread = 0
        feed: Feed | None = None
        if data is not None:
            total, unread = data.total, data.unread
        if view.kind == ViewKind.UNREAD:
            title = _("Unread")
        elif view.kind == ViewKind.STARRED:
            title = _("Starred")
            total = data.starred if data else 0
            unread = self.page.total_items if self.page and self.unread_only else 0
        elif view.kind == ViewKind.SEARCH:
            title = _("Search: {query}", query=view.query)
            total = self.page.total_items if self.page else 0
            unread = 0
        elif view.kind == ViewKind.FEED:
            feed = self.feed_tree.feed(view.feed_id)
            if feed is not None:
                title, total, unread = feed.display_title, feed.total, feed.unread
        elif view.kind == ViewKind.CATEGORY and data is not None:
            cat = next((c for c in data.categories if c.id == view.category_id), None)
            if cat is not None:
                title, total, unread = cat.name, cat.total, cat.unread
        self.query_one("#view-header", ViewHeader).show(
            title,
            total=total,
            unread=unread,
            unread_only=self._effective_unread_only(),
            feed=feed,
            show_unread=view.kind not in (ViewKind.SEARCH, ViewKind.STARRED),
        )

    # -- the tree and the list ----------------------------------------------------------------

    @on(FeedTree.ViewHighlighted)
    def _view_highlighted(self, message: FeedTree.ViewHighlighted) -> None:
        if message.view != self.view:
            self.show_view(message.view)

    @on(FeedTree.ViewChosen)
    def _view_chosen(self, message: FeedTree.ViewChosen) -> None:
        if message.view != self.view:
            self.show_view(message.view)
        if self.narrow:
            self.remove_class("-show-tree")
        self.headlines.focus()

    @on(HeadlineList.Chosen)
    def _headline_chosen(self, message: HeadlineList.Chosen) -> None:
        self.open_article(message.row.id, focus=True)

    def open_article(self, article_id: int, *, focus: bool) -> None:
        """Show an article (and mark it read once it is on screen).

        Args:
            article_id: The article.
            focus: Move the keyboard focus to the article pane.
        """
        self.open_id = article_id
        if self.narrow:
            self.add_class("-reading")
            self.remove_class("-show-tree")
            focus = True
        if focus:
            self.article_view.focus()
        self._load_article(article_id, True, False)

    @on(ArticleLoaded)
    async def _article_loaded(self, message: ArticleLoaded) -> None:
        doc = message.doc
        if doc.article.id != self.open_id:
            return
        await self.article_view.show(doc, keep_scroll=message.keep_scroll)
        if message.mark_read and not doc.article.read:
            self._set_state(doc.article.id, read=True)

    @on(ArticleMissing)
    def _article_missing(self, message: ArticleMissing) -> None:
        if message.article_id == self.open_id:
            self.notify(_("This article is no longer in the cache."), severity="warning")

    def action_focus_tree(self) -> None:
        """Move to the feed tree (showing it when folded away)."""
        if self.narrow:
            self.add_class("-show-tree")
        else:
            self.remove_class("-hide-tree")
        self.feed_tree.focus()

    def action_leave_article(self) -> None:
        """Back from the article to the list."""
        self.remove_class("-reading")
        self.headlines.focus()
        if self.open_id is not None:
            self.headlines.select_id(self.open_id)

    # -- reading state --------------------------------------------------------------------

    def _target(self) -> Target | None:
        """The article under the cursor when the list has focus, else the open article."""
        article = self.article_view.article
        row = self.headlines.current
        list_first = self.focused is self.headlines or (
            self.focused is self.feed_tree and article is None
        )
        if article is not None and not (list_first and row is not None):
            return Target(article.id, article.feed_id, article.read, article.starred, article.link)
        if row is not None:
            return Target(row.id, row.feed_id, row.read, row.starred, row.link)
        return None

    def _set_state(
        self, article_id: int, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """Change read/starred on screen now, and in the store in a worker."""
        self._apply_state(article_id, read, starred)
        self._write_state(article_id, read, starred)

    def _apply_state(self, article_id: int, read: bool | None, starred: bool | None) -> None:
        for row in self.headlines.rows:
            if row.id == article_id:
                new = replace(
                    row,
                    read=row.read if read is None else read,
                    starred=row.starred if starred is None else starred,
                )
                self.headlines.update_row(new)
        doc = self.article_view.doc
        if doc is not None and doc.article.id == article_id:
            article = replace(
                doc.article,
                read=doc.article.read if read is None else read,
                starred=doc.article.starred if starred is None else starred,
            )
            self.article_view.doc = replace(doc, article=article)
            self.article_view.refresh_header(article)

    def action_toggle_read(self) -> None:
        """Mark the article read or unread."""
        target = self._target()
        if target is not None:
            self._set_state(target.id, read=not target.read)

    def action_toggle_star(self) -> None:
        """Star or unstar the article."""
        target = self._target()
        if target is not None:
            self._set_state(target.id, starred=not target.starred)
            self.notify(_("Starred.") if not target.starred else _("Star removed."), timeout=2)

    def action_mark_all_read(self) -> None:
        """Mark every article of the list read, after a confirmation."""
        view = self.view
        header = self._view_name(view)
        question = Content(_("Mark every article in “{name}” as read?", name=header))

        def answer(yes: bool | None) -> None:
            if yes:
                self._mark_all_read(view)

        self.app.push_screen(ConfirmDialog(question, yes=_("Mark read")), answer)

    def _view_name(self, view: View) -> str:
        if view.kind == ViewKind.FEED:
            feed = self.feed_tree.feed(view.feed_id)
            return feed.display_title if feed else ""
        data = self.feed_tree.data
        if view.kind == ViewKind.CATEGORY and data is not None:
            cat = next((c for c in data.categories if c.id == view.category_id), None)
            return cat.name if cat else ""
        if view.kind == ViewKind.SEARCH:
            return _("Search: {query}", query=view.query)
        return {
            ViewKind.ALL: _("All"),
            ViewKind.UNREAD: _("Unread"),
            ViewKind.STARRED: _("Starred"),
        }.get(view.kind, "")

    @on(MarkedAllRead)
    def _marked_all_read(self, message: MarkedAllRead) -> None:
        self.notify(
            _("{count} articles marked read.", count=format_count(message.count)), timeout=3
        )
        if message.view == self.view:
            self.reload()

    def action_toggle_unread_only(self) -> None:
        """Hide or show read articles."""
        self.unread_only = not self.unread_only
        current = self.headlines.current
        self.page = None
        self._request_page(1, focus_id=current.id if current else None)
        self.notify(
            _("Read articles hidden.") if self.unread_only else _("Read articles shown."), timeout=2
        )

    # -- next / previous unread -------------------------------------------------------------

    def action_next_unread(self) -> None:
        """Read the next unread article, moving on to the next feed when this one is done."""
        self._step_unread(forward=True)

    def action_prev_unread(self) -> None:
        """Read the previous unread article."""
        self._step_unread(forward=False)

    def _step_unread(self, *, forward: bool) -> None:
        row = self.headlines.current
        anchor = self.open_id
        if anchor is None or self.headlines.index_of(anchor) is None:
            if row is not None and not row.read and row.id != self.open_id:
                self.open_article(row.id, focus=False)
                return
            anchor = row.id if row is not None else None
        self._find_unread(self.view, anchor, forward)

    @on(UnreadFound)
    def _unread_found(self, message: UnreadFound) -> None:
        hit = message.hit
        if hit.view != self.view:
            self.feed_tree.select_view(hit.view, quiet=True)
            self.show_view(hit.view, number=hit.page, focus_id=hit.row.id)
        elif not (
            self.page is not None
            and hit.page == self.page.number
            and self.headlines.select_id(hit.row.id)
        ):
            self._request_page(hit.page, focus_id=hit.row.id)
        self.open_article(hit.row.id, focus=False)

    @on(NoUnread)
    def _no_unread(self, message: NoUnread) -> None:
        self.notify(_("No more unread articles."), timeout=3)

    # -- pages ------------------------------------------------------------------------------

    def action_next_page(self) -> None:
        """The next page of headlines."""
        if self.page is not None and self.page.number < self.page.total_pages:
            self._request_page(self.page.number + 1)

    def action_prev_page(self) -> None:
        """The previous page of headlines."""
        if self.page is not None and self.page.number > 1:
            self._request_page(self.page.number - 1)

    def action_first_page(self) -> None:
        """The first page."""
        if self.page is not None and self.page.number != 1:
            self._request_page(1)

    def action_last_page(self) -> None:
        """The last page."""
        if self.page is not None and self.page.number != self.page.total_pages:
            self._request_page(self.page.total_pages)

    def action_goto_page(self, number: int) -> None:
        """Page ``number`` (clamped to the pages there are)."""
        if self.page is not None and number != self.page.number:
            self._request_page(max(1, min(number, self.page.total_pages)))

    def action_ask_page(self) -> None:
        """Ask for a page number and go there."""
        if self.page is None or self.page.total_pages <= 1:
            return
        prompt = NumberPrompt(_("Go to page"), low=1, high=self.page.total_pages, blink=self._blink)

        def go(number: int | None) -> None:
            if number is not None:
                self.action_goto_page(number)

        self.app.push_screen(prompt, go)

    # -- search -----------------------------------------------------------------------------

    def action_search(self) -> None:
        """Ask for a search and show its results."""
        initial = self.view.query if self.view.kind == ViewKind.SEARCH else ""

        def done(query: str | None) -> None:
            if query:
                self.start_search(query)

        self.app.push_screen(SearchDialog(initial, blink=self._blink), done)

    def start_search(self, query: str) -> None:
        """Show the results of ``query`` under a "Search: …" entry of the tree."""
        problems = parse_query(query).errors
        if problems:
            self.notify("\n".join(problems), severity="warning", markup=False)
        if self.view.kind != ViewKind.SEARCH:
            self._before_search = self.view
        view = View(ViewKind.SEARCH, query=query)
        self.feed_tree.set_search(query)
        self.feed_tree.select_view(view, quiet=True)
        self.show_view(view)
        self.headlines.focus()

    def _leave_search(self) -> None:
        previous = self._before_search or View(ViewKind.ALL)
        self._before_search = None
        self.feed_tree.set_search(None)
        self.feed_tree.select_view(previous, quiet=True)
        self.show_view(previous)

    # -- the article's link -----------------------------------------------------------------

    def action_open_browser(self) -> None:
        """Open the article's page in the browser."""
        target = self._target()
        if target is not None:
            self.open_link(target.link)

    def action_copy_link(self) -> None:
        """Copy the article's link (OSC 52: works over SSH in most terminals)."""
        target = self._target()
        if target is None or not target.link:
            return
        self.app.copy_to_clipboard(target.link)
        self.notify(_("Link copied: {url}", url=target.link), markup=False, timeout=3)

    def action_ask_link(self) -> None:
        """Ask for a link number of the article and open it."""
        doc = self.article_view.doc
        if doc is None or not doc.links:
            self.notify(_("This article has no links."), timeout=2)
            return

        def go(number: int | None) -> None:
            if number is not None and doc is not None:
                self.open_link(doc.links[number - 1])

        self.app.push_screen(
            NumberPrompt(_("Open link number"), low=1, high=len(doc.links), blink=self._blink),
            go,
        )

    @on(Markdown.LinkClicked)
    def _link_clicked(self, message: Markdown.LinkClicked) -> None:
        message.stop()
        self.open_link(message.href)

    def open_link(self, url: str) -> None:
        """Open ``url`` in the browser: http(s) only, no shell; else say why not."""
        if not is_web_url(url):
            self.notify(
                _("Not opened: only http and https links are opened ({url})", url=url),
                severity="warning",
                markup=False,
            )
            return
        command = browser_command(url)
        if command is None:
            self.app.copy_to_clipboard(url)
            self.notify(
                _("No browser here (set $BROWSER). The link was copied instead."),
                markup=False,
                timeout=4,
            )
            return
        try:
            if command.console:
                with self.app.suspend():
                    subprocess.run(command.argv, check=False)
            else:
                subprocess.Popen(
                    command.argv,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
        except (OSError, SuspendNotSupported) as exc:
            self.notify(
                _("Cannot start the browser: {error}", error=str(exc)),
                severity="error",
                markup=False,
            )
            return
        self.notify(_("Opened in the browser."), timeout=2)

    def action_reextract(self) -> None:
        """Fetch the article's page and extract its text again."""
        target = self._target()
        if target is None:
            return
        self.notify(_("Fetching the full text again…"), timeout=3)
        self.post_message(ReextractRequested(target.id))

    @on(Reextracted)
    def _reextracted(self, message: Reextracted) -> None:
        if message.ok:
            self.notify(_("Full text updated."), timeout=3)
        else:
            self.notify(_("The full text could not be extracted."), severity="warning")
        if message.article_id == self.open_id:
            self._load_article(message.article_id, False, True)

    # -- panes and help -------------------------------------------------------------------

    def action_toggle_width(self) -> None:
        """Switch the article between a reading column and the full width."""
        self.article_view.narrow = not self.article_view.narrow

    def action_toggle_tree(self) -> None:
        """Show or hide the feed tree."""
        if self.narrow:
            self.remove_class("-reading")
            showing = not self.has_class("-show-tree")
            self.set_class(showing, "-show-tree")
        else:
            showing = self.has_class("-hide-tree")
            self.set_class(not showing, "-hide-tree")
        if showing:
            self.feed_tree.focus()
        elif self.focused is self.feed_tree or self.focused is None:
            self.headlines.focus()

    def action_back(self) -> None:
        """Escape: close the article (narrow), fold the tree, leave a search, or go back."""
        if self.narrow and self.has_class("-reading"):
            self.action_leave_article()
        elif self.narrow and self.has_class("-show-tree"):
            self.remove_class("-show-tree")
            self.headlines.focus()
        elif self.view.kind == ViewKind.SEARCH:
            self._leave_search()
        elif self.focused is self.article_view:
            self.action_leave_article()

    def action_feed_error(self) -> None:
        """Say why the feed's last fetch failed (or that it did not)."""
        feed = None
        entry = self.feed_tree.entry
        if self.focused is self.feed_tree and entry is not None and entry.feed is not None:
            feed = entry.feed
        elif self.view.kind == ViewKind.FEED:
            feed = self.feed_tree.feed(self.view.feed_id)
        else:
            target = self._target()
            feed = self.feed_tree.feed(target.feed_id) if target else None
        if feed is None:
            self.notify(_("Choose a feed first."), timeout=2)
            return
        lines = [feed.url]
        if feed.last_error:
            lines.append(_("Last fetch failed: {error}", error=feed.last_error))
        elif feed.warning:
            lines.append(_("Last fetch had problems: {problem}", problem=feed.warning))
        if not feed.enabled:
            lines.append(_("Disabled: {reason}", reason=feed.disabled_reason or "-"))
        if feed.last_success is not None:
            lines.append(_("Last success: {when}", when=format_datetime(feed.last_success)))
        else:
            lines.append(_("Never fetched successfully."))
        self.notify(
            "\n".join(lines),
            title=feed.display_title,
            markup=False,
            severity="error" if feed.last_error else "warning" if feed.warning else "information",
            timeout=10,
        )

    def action_help(self) -> None:
        """Show every key and the search syntax."""
        show = self.app.get_key_display
        groups = [
            (
                _("Everywhere"),
                binding_rows(type(self).BINDINGS, self._keymap, show)
                + binding_rows(type(self.app).BINDINGS, self._keymap, show),
            ),
            (_("Feed tree"), binding_rows(FeedTree.BINDINGS, self._keymap, show)),
            (_("Headlines"), binding_rows(HeadlineList.BINDINGS, self._keymap, show)),
            (_("Article"), binding_rows(ArticleView.BINDINGS, self._keymap, show)),
        ]
        self.app.push_screen(HelpScreen(groups))

    # -- background events (posted by the app) ------------------------------------------------

    @on(StoreChanged)
    def _store_changed(self, message: StoreChanged) -> None:
        self.reload()
        doc = self.article_view.doc
        if doc is not None and doc.article.body_status == "pending":
            self._load_article(doc.article.id, False, True)

    @on(RefreshStarted)
    def _refresh_started(self, message: RefreshStarted) -> None:
        self.status.busy = True
        self.status.activity = _("Refreshing…")

    @on(RefreshProgress)
    def _refresh_progress(self, message: RefreshProgress) -> None:
        if message.phase == "feeds":
            self.status.activity = _(
                "Refreshing {done}/{total} feeds…", done=message.done, total=message.total
            )
        else:
            self.status.activity = _(
                "Fetching full text {done}/{total}…", done=message.done, total=message.total
            )

    @on(RefreshFinished)
    def _refresh_finished(self, message: RefreshFinished) -> None:
        from tuinews.i18n.dates import now

        report = message.report
        status = self.status
        status.busy = False
        status.offline = report.offline
        if not report.offline:
            status.last_refresh = now()
        if report.offline:
            status.activity = ""
        elif report.new:
            status.activity = _("{count} new articles", count=format_count(report.new))
        else:
            status.activity = _("No new articles")
        errors = report.errors
        if errors and not report.offline:
            shown = errors[:5]
            lines = [f"{o.title}: {o.error}" for o in shown]
            if len(errors) > len(shown):
                lines.append(_("…and {count} more", count=len(errors) - len(shown)))
            lines.append(_("e on a feed shows its error."))
            self.notify(
                "\n".join(lines),
                title=_("{count} feeds failed", count=len(errors)),
                severity="warning",
                markup=False,
                timeout=8,
            )
        elif report.offline and message.manual:
            self.notify(
                _("No network: the cache is still here to read."), severity="warning", timeout=4
            )
        if _wrote_anything(report):
            self.reload()

    @on(RefreshFailed)
    def _refresh_failed(self, message: RefreshFailed) -> None:
        self.status.busy = False
        self.status.activity = _("Refresh failed")
        self.notify(message.error, title=_("Refresh failed"), severity="error", markup=False)


def _wrote_anything(report: RefreshReport) -> bool:
    """Whether a refresh may have changed the cache (a refresh that skipped every feed and
    fetched no page wrote nothing, and reloading thousands of feeds for it is wasted)."""
    return (
        report.bodies_ok > 0
        or report.bodies_failed > 0
        or any(o.status != "skipped" for o in report.outcomes)
    )
