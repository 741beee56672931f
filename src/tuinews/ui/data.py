"""What the UI asks of the store, as plain functions run in worker threads.

Every function here takes the :class:`~tuinews.store.Store` and returns plain data
(dataclasses of the core's models); none of them touches a widget, so each can run in a
thread worker and be tested without Textual. No Textual import.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

# skip_reason is the refresh's own rule for which feeds it leaves alone: asking it (rather
# than copying it) keeps refresh_has_work from drifting away from what a refresh does.
from tuinews.fetch.refresh import RefreshOptions, skip_reason
from tuinews.models import Article, Category, Feed, HeadlineRow, Page, View, ViewKind
from tuinews.text.sanitize import clean_block
from tuinews.ui.text import display_line

if TYPE_CHECKING:
    from tuinews.store import Store


@dataclass(slots=True, frozen=True)
class TreeData:
    """Everything the feed tree shows: feeds, categories and the virtual entries' counts."""

    feeds: list[Feed]
    categories: list[Category]
    total: int
    unread: int
    starred: int


@dataclass(slots=True, frozen=True)
class InitialData:
    """What the first screen shows, read before the app starts (or by its first workers)."""

    tree: TreeData
    view: View
    page: Page
    generation: int


def load_tree(store: Store) -> TreeData:
    """Feeds, categories and totals for the tree, with display-safe titles and errors."""
    # Cleaned in place, not copied: with thousands of feeds a second set of objects would
    # raise the reader's peak memory for nothing.
    feeds = store.feeds(for_display=True)
    for f in feeds:
        f.title = display_line(f.title, max_len=300)
        f.url = display_line(f.url, max_len=500)
        f.last_error = display_line(f.last_error, max_len=500)
        f.warning = display_line(f.warning, max_len=500)
        f.disabled_reason = display_line(f.disabled_reason, max_len=300)
    categories = [replace(c, name=display_line(c.name, max_len=200)) for c in store.categories()]
    total, unread, starred = store.totals()
    return TreeData(feeds, categories, total, unread, starred)


def clean_row(row: HeadlineRow) -> HeadlineRow:
    """A headline row whose texts are safe single lines in NFC."""
    return replace(
        row,
        title=display_line(row.title, max_len=500),
        feed_title=display_line(row.feed_title, max_len=200),
        link=display_line(row.link, max_len=2000),
    )


def load_page(
    store: Store,
    view: View,
    number: int,
    *,
    page_size: int,
    unread_only: bool = False,
    near: Page | None = None,
) -> Page:
    """One page of headlines (see :meth:`Store.headlines_page`) with display-safe rows."""
    page = store.headlines_page(
        view, number, page_size=page_size, unread_only=unread_only, near=near
    )
    page.items = [clean_row(r) for r in page.items]
    return page


def load_initial(store: Store, *, page_size: int) -> InitialData:
    """The first screen: Unread when there is anything unread, else All, page 1."""
    generation = store.generation()
    tree = load_tree(store)
    view = View(ViewKind.UNREAD) if tree.unread else View(ViewKind.ALL)
    page = load_page(store, view, 1, page_size=page_size)
    return InitialData(tree, view, page, generation)


# -- refreshes ------------------------------------------------------------------------------


def refresh_has_work(store: Store, feed_ids: Sequence[int], options: RefreshOptions) -> bool:
    """Whether :func:`~tuinews.fetch.refresh.refresh_all` would fetch anything for these feeds.

    It would when a feed is not skipped (disabled, backing off after errors, or, with
    ``due_only``, not due yet) or, with full texts on, when an article page of a skipped feed
    is still pending (a refresh that fetches no feed still fetches those).

    The usual start-up refresh has nothing to do; knowing it first spares an HTTP client
    (its certificate store alone is megabytes) and a report line for each of thousands of
    feeds. Feeds are read one at a time, so they never sit in memory all together, and
    pages are asked for feed by feed: one query naming thousands of feeds would stay in
    the connection's statement cache.
    """
    now = datetime.now(UTC)
    for feed_id in feed_ids:
        feed = store.feed(feed_id)
        if feed is not None and not skip_reason(store, feed, options, now):
            return True
    if not options.fulltext:
        return False
    return any(
        store.pending_bodies(feed_ids=[i], max_attempts=options.max_body_attempts, limit=1)
        for i in feed_ids
    )


# -- next / previous unread across feeds ----------------------------------------------------


@dataclass(slots=True, frozen=True)
class UnreadHit:
    """Where the next (or previous) unread article is: its view, row and page there."""

    view: View
    row: HeadlineRow
    page: int


def _rotated(ids: list[int], current: int | None, forward: bool) -> list[int]:
    """``ids`` in the order they are met going forward (or back) from ``current``, wrapping,
    without ``current`` itself."""
    at = ids.index(current) if current in ids else (-1 if forward else len(ids))
    if forward:
        order = ids[at + 1 :] + ids[: max(at, 0)]
    else:
        order = ids[:at][::-1] + ids[at + 1 :][::-1]
    return [i for i in order if i != current]


def _neighbours(view: View, tree: TreeData, forward: bool) -> list[View]:
    """The views after (or before) ``view`` in tree order that hold unread articles."""
    if view.kind == ViewKind.FEED:
        unread = {f.id for f in tree.feeds if f.unread}
        ids = _rotated([f.id for f in tree.feeds], view.feed_id, forward)
        return [View(ViewKind.FEED, feed_id=i) for i in ids if i in unread]
    if view.kind == ViewKind.CATEGORY:
        unread = {c.id for c in tree.categories if c.unread}
        ids = _rotated([c.id for c in tree.categories], view.category_id, forward)
        return [View(ViewKind.CATEGORY, category_id=i) for i in ids if i in unread]
    return []


def find_unread(
    store: Store,
    view: View,
    anchor: int | None,
    *,
    forward: bool = True,
    page_size: int,
    unread_only: bool = False,
) -> UnreadHit | None:
    """The next (``forward``) or previous unread article after ``anchor``.

    Looks in ``view`` first; when it has no more, moves on in tree order: a feed view to
    the next feed with unread articles, a category to the next category (wrapping around).
    The virtual views and searches already span every feed.

    Returns:
        The hit with the page it sits on in its view, or None when nothing is unread.
    """
    step = store.next_unread if forward else store.prev_unread
    row = step(view, anchor)
    target = view
    if row is None:
        tree = load_tree(store)
        for candidate in _neighbours(view, tree, forward):
            row = step(candidate, None)
            if row is not None:
                target = candidate
                break
    if row is None:
        return None
    page = store.page_of(target, row.id, page_size=page_size, unread_only=unread_only)
    return UnreadHit(target, clean_row(row), page)


# -- the article ----------------------------------------------------------------------------

_CAPTION = re.compile(
    r"^\[(?:Ảnh|Hình|Image|Photo)(?::[ \t]*(?P<caption>(?:\\.|[^\]\\])*))?\]"
    r"(?:\((?P<url>[^()\s]*)\))?[ \t]*$",
    re.IGNORECASE,
)
_LINK = re.compile(
    r"(?<![!\\])\[(?P<text>(?:\\.|[^\[\]\\])*)\]\((?P<url><[^<>]*>|[^()\s]+)"
    r"(?:\s+\"[^\"]*\")?\)"
)
_IMAGE = re.compile(r"!\[(?P<alt>(?:\\.|[^\[\]\\])*)\]\((?P<url>[^()\s]*)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(?P<url>https?://[^<>\s]+)>")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_UNESCAPE = re.compile(r"\\(.)")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
CAPTION_MARK = "▣"
"""Starts an image-caption line in the article view."""


@dataclass(slots=True, frozen=True)
class ArticleDoc:
    """An article ready to show: its Markdown with numbered links, and the link list."""

    article: Article
    markdown: str
    links: list[str] = field(default_factory=list)
    """Link N of the text is ``links[N - 1]``."""


def _caption_line(caption: str) -> str:
    plain = _UNESCAPE.sub(r"\1", caption).strip()
    escaped = _MD_SPECIAL.sub(r"\\\1", plain)
    return f"*{CAPTION_MARK} {escaped}*" if plain else ""


def prepare_body(markdown: str) -> tuple[str, list[str]]:
    """Number the links of ``markdown`` and mark its image captions.

    * ``[text](url)`` and ``<url>`` gain a visible ``[N]`` after them; the same URL keeps
      its number. Link N is ``links[N - 1]``.
    * An image-caption paragraph (``[Ảnh: caption](url)``, ``[Ảnh: caption]``, and
      ``![alt](src)`` with an alt text) becomes an italic line starting with ``▣``;
      an image with no caption is dropped.
    * Fenced code blocks are left alone.
    """
    links: list[str] = []
    numbers: dict[str, int] = {}

    def number(url: str) -> int:
        url = url.strip("<>")
        if url not in numbers:
            links.append(url)
            numbers[url] = len(links)
        return numbers[url]

    def link(m: re.Match[str]) -> str:
        return f"{m.group(0)} \\[{number(m.group('url'))}\\]"

    def autolink(m: re.Match[str]) -> str:
        return f"{m.group(0)} \\[{number(m.group('url'))}\\]"

    def image(m: re.Match[str]) -> str:
        return _caption_line(m.group("alt"))

    out: list[str] = []
    in_fence = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append(line)
            continue
        if in_fence:
            out.append(line)
            continue
        cap = _CAPTION.match(line.strip())
        if cap is not None:
            out.append(_caption_line(cap.group("caption") or ""))
            continue
        line = _IMAGE.sub(image, line)
        line = _LINK.sub(link, line)
        line = _AUTOLINK.sub(autolink, line)
        out.append(line)
    return "\n".join(out), links


def load_article(store: Store, article_id: int) -> ArticleDoc | None:
    """An article with its body prepared for the view (None when it is gone)."""
    article = store.article(article_id)
    if article is None:
        return None
    article = replace(
        article,
        title=display_line(article.title, max_len=1000),
        feed_title=display_line(article.feed_title, max_len=300),
        author=display_line(article.author, max_len=300),
        link=display_line(article.link),
        image_caption=display_line(article.image_caption, max_len=1000),
        body_error=display_line(article.body_error, max_len=500),
    )
    # The fetcher stores clean text; cleaning again costs little and keeps escapes out even
    # when something else wrote the cache.
    markdown, links = prepare_body(clean_block(article.body))
    return ArticleDoc(article, markdown, links)
