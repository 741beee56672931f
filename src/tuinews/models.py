"""Plain data objects shared by the core, the CLI and the UI (no I/O, no heavy imports)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class FullText(StrEnum):
    """When the fetcher downloads an article's page for its full text."""

    AUTO = "auto"
    """Fetch the page when the feed's content is short or looks like a summary."""
    ALWAYS = "always"
    NEVER = "never"


class BodyStatus(StrEnum):
    """State of an article's extracted full text."""

    PENDING = "pending"
    """Not tried yet (or to be retried)."""
    OK = "ok"
    FEED = "feed"
    """The feed's own content is the full text; no page was fetched."""
    FAILED = "failed"
    SKIPPED = "skipped"
    TOO_LARGE = "too-large"
    NOT_HTML = "not-html"
    LISTING = "listing"
    """The link is a listing or home page, not an article."""


@dataclass(slots=True)
class ParsedEntry:
    """One item of a parsed feed or scraped listing, already sanitised (NFC, no controls)."""

    title: str
    link: str = ""
    guid: str = ""
    author: str = ""
    summary: str = ""
    """Short text (plain or Markdown) from the feed's summary/description."""
    content: str = ""
    """Full content as Markdown, when the feed carries it as text (JSON Feed, scraped)."""
    content_html: str = ""
    """Full content as (sanitised) HTML, when the feed carries it so; converted to Markdown
    only when the article is read, which keeps a fetch of thousands of bodies cheap."""
    content_text: str = ""
    """Plain text of the content (either form), for the search index and length checks."""
    published: datetime | None = None
    """UTC, or None when the feed had no usable date."""
    updated: datetime | None = None
    image_url: str = ""
    image_caption: str = ""


@dataclass(slots=True)
class ParsedFeed:
    """A parsed feed: its own metadata and its entries."""

    title: str = ""
    link: str = ""
    entries: list[ParsedEntry] = field(default_factory=list)
    parser: str = ""
    """Which parser read it ("fastfeedparser", "feedparser", "json", "scrape")."""


@dataclass(slots=True)
class Category:
    """A category of the feed tree with its unread and total counts."""

    id: int
    name: str
    unread: int = 0
    total: int = 0


@dataclass(slots=True)
class Feed:
    """A subscribed source as stored, with its fetch state and counts."""

    id: int
    url: str
    title: str
    category_id: int | None = None
    category: str = ""
    site_url: str = ""
    kind: str = "feed"
    """"feed" or "scrape"."""
    enabled: bool = True
    disabled_reason: str = ""
    etag: str = ""
    last_modified: str = ""
    last_success: datetime | None = None
    last_attempt: datetime | None = None
    last_error: str = ""
    error_count: int = 0
    next_attempt: datetime | None = None
    warning: str = ""
    """Problems of the last successful fetch (items a scrape rule could not read)."""
    unread: int = 0
    total: int = 0

    @property
    def display_title(self) -> str:
        """The title, or the URL when the feed has none yet."""
        return self.title or self.url


@dataclass(slots=True, frozen=True)
class HeadlineRow:
    """One row of the headline list."""

    id: int
    feed_id: int
    feed_title: str
    title: str
    published: datetime
    read: bool
    starred: bool
    link: str = ""


@dataclass(slots=True)
class Article:
    """A stored article with its body, for the article view and the CLI."""

    id: int
    feed_id: int
    feed_title: str
    feed_url: str
    guid: str
    link: str
    title: str
    author: str
    summary: str
    body: str
    """Markdown: the extracted full text, else the feed's content, else its summary."""
    body_status: str
    body_error: str
    published: datetime
    read: bool
    starred: bool
    image_url: str = ""
    image_caption: str = ""


@dataclass(slots=True, frozen=True)
class Cursor:
    """A keyset position in a headline list: the (published, id) of a row."""

    published: int
    id: int


@dataclass(slots=True)
class Page:
    """One page of headlines."""

    items: list[HeadlineRow]
    number: int
    """1-based page number."""
    total_pages: int
    total_items: int
    has_next: bool
    has_prev: bool
    first: Cursor | None = None
    last: Cursor | None = None


class ViewKind(StrEnum):
    """What a headline list shows."""

    ALL = "all"
    UNREAD = "unread"
    STARRED = "starred"
    FEED = "feed"
    CATEGORY = "category"
    SEARCH = "search"


@dataclass(slots=True, frozen=True)
class View:
    """A headline list's scope: a virtual entry, a feed, a category or a search."""

    kind: ViewKind
    feed_id: int | None = None
    category_id: int | None = None
    query: str = ""


@dataclass(slots=True)
class FeedSpec:
    """A subscription as declared (config, CLI, OPML) before it is stored."""

    url: str
    title: str = ""
    category: str = ""
    fulltext: FullText | None = None
    """The feed's own full-text policy; None: the config's ``fulltext``."""
    refresh_minutes: int | None = None
    enabled: bool = True
    kind: str = "feed"
    scrape: str = ""
    """The scrape rule as JSON text, for kind "scrape"."""
    origin: str = "cli"
    """"config" for feeds declared in the config file, else "cli"."""
