"""App-wide messages: worker results and background events, as dataclasses.

Workers never touch widgets: they post one of these and a handler on the screen does.
Progress reports coalesce (``can_replace``), so a fast refresh cannot flood the queue.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tuinews.fetch.refresh import RefreshReport
from tuinews.models import Page, View
from tuinews.ui.data import ArticleDoc, InitialData, TreeData, UnreadHit


@dataclass
class TreeLoaded(Message):
    """The feed tree's data was read."""

    data: TreeData


@dataclass
class PageLoaded(Message):
    """A page of headlines was read for ``view``."""

    view: View
    unread_only: bool
    page: Page
    focus_id: int | None = None
    """Put the cursor on this article when it is on the page."""
    keep_cursor: bool = False
    """A reload of the page on screen: the cursor stays on its article (or row)."""


@dataclass
class ArticleLoaded(Message):
    """An article was read from the cache."""

    doc: ArticleDoc
    mark_read: bool = True
    keep_scroll: bool = False


@dataclass
class ArticleMissing(Message):
    """The article asked for is no longer in the cache (removed by retention)."""

    article_id: int


@dataclass
class UnreadFound(Message):
    """The next/previous unread article was found."""

    hit: UnreadHit


@dataclass
class NoUnread(Message):
    """There is no unread article left in that direction."""


@dataclass
class Wrote(Message):
    """The UI's own write landed; ``generation`` is the store's generation after it."""

    generation: int
    article_id: int
    read: bool | None = None
    """The new read state, when it changed."""
    starred: bool | None = None
    """The new starred state, when it changed."""


@dataclass
class MarkedAllRead(Message):
    """Every article of a view was marked read."""

    view: View
    count: int
    generation: int


@dataclass
class StoreChanged(Message):
    """Another writer (a cron ``tuinews fetch``, or our refresh) changed the cache."""

    generation: int


@dataclass
class GenerationSeen(Message):
    """The store's generation, as polled."""

    generation: int


@dataclass
class RefreshStarted(Message):
    """A refresh began."""

    manual: bool


@dataclass
class RefreshProgress(Message):
    """Refresh progress: ``done`` of ``total`` feeds (or article pages, phase "bodies")."""

    phase: str
    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        """A newer report of the same phase makes an older one pointless."""
        return isinstance(message, RefreshProgress) and message.phase == self.phase


@dataclass
class RefreshFinished(Message):
    """A refresh ended with this report."""

    report: RefreshReport
    manual: bool


@dataclass
class RefreshFailed(Message):
    """A refresh stopped with an error before it could report."""

    error: str


@dataclass
class Reextracted(Message):
    """An article's page was fetched and extracted again."""

    article_id: int
    ok: bool


@dataclass
class InitialLoaded(Message):
    """The first screen's data was read."""

    data: InitialData
