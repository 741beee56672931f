"""The store: the single source of truth for feeds, articles and reading state.

Everything above this module speaks to :class:`Store`; only this package speaks SQL.
A :class:`Store` is safe to use from several threads: each thread gets its own
connection (sqlite3 objects are not shared across threads).

Pagination is keyset on ``(published, id)``, newest first: a page is one index range scan of
``page_size + 1`` rows (the extra row says whether there is a next page). Jumping to a page
far away finds its first key with an index-only scan from the nearer end, then reads the
page by keyset; turning to an adjacent page uses the current page's edge key directly.
Counts come from per-feed counters that triggers keep, so "page X of Y" costs O(feeds).
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tuinews.errors import StoreError
from tuinews.i18n import _
from tuinews.models import (
    Article,
    BodyStatus,
    Category,
    Cursor,
    Feed,
    FeedSpec,
    HeadlineRow,
    Page,
    ParsedEntry,
    View,
    ViewKind,
)
from tuinews.store import migrations
from tuinews.store.db import connect, transaction
from tuinews.text.fold import index_text
from tuinews.text.html import html_words
from tuinews.text.sanitize import clean_line

DEFAULT_KEEP_PER_FEED = 1000


FUTURE_SLACK = 86400
"""A date further ahead than this (seconds) is taken for a mistake: no date."""


def _ts(dt: datetime | None) -> int | None:
    return None if dt is None else int(dt.timestamp())


def _published(dt: datetime | None, now: int) -> int | None:
    """A publication time to sort by, or None when there is none or it is in the future
    (a year-9999 date would pin an article to the top of every list for ever)."""
    ts = _ts(dt)
    if ts is None or ts > now + FUTURE_SLACK or ts < 0:
        return None
    return ts


def _dt(ts: int | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC)


def entry_key(entry: ParsedEntry) -> str:
    """The identity of an entry within its feed: guid, else link, else hash(title, date)."""
    if entry.guid:
        return entry.guid
    if entry.link:
        return entry.link
    basis = f"{entry.title}\x00{entry.published.isoformat() if entry.published else ''}"
    return "sha1:" + hashlib.sha1(basis.encode("utf-8")).hexdigest()


def _index_body(body: str, content: str, content_html: str, words: str = "") -> str:
    """The text the index holds for an article's body (recomputable: deletes need it).

    ``words`` is ``html_words(content_html)`` when the caller already has it (the parser
    computes exactly that), saving a second pass over the body.
    """
    if body:
        return index_text(body)
    if content:
        return index_text(content)
    if content_html:
        return index_text(words or html_words(content_html))
    return ""


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _entry_hash(e: ParsedEntry, html_utf8: bytes | None = None) -> str:
    """What tells a changed entry from an unchanged one (``html_utf8``: the content_html
    already encoded, as :func:`_utf8` does)."""
    h = hashlib.sha1()
    for part in (e.title, e.link, e.author, e.summary, e.content):
        h.update(_utf8(part))
        h.update(b"\x00")
    h.update(_utf8(e.content_html) if html_utf8 is None else html_utf8)
    h.update(b"\x00")
    for part in (e.image_url, e.image_caption):
        h.update(_utf8(part))
        h.update(b"\x00")
    h.update(str(_ts(e.published)).encode())
    return h.hexdigest()


def _text_param(text: str, utf8: bytes) -> str | bytes:
    """A text column's value to bind: its UTF-8 bytes, for ``CAST(? AS TEXT)``, so that
    SQLite takes them as they are rather than the binding encoding ``text`` again under
    the write lock. ``text`` itself when it holds a lone surrogate (no valid UTF-8)."""
    return utf8 if b"\xed" not in utf8 or _valid_utf8(utf8) else text


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_Row = tuple[str, ParsedEntry, str, BodyStatus, tuple[str, str, str | bytes], str | bytes]
"""(key, entry, hash, status for new, index texts, content_html to bind)."""


@dataclass(slots=True)
class PreparedEntries:
    """A feed's entries with everything the store computes without the database."""

    rows: list[_Row]


def prepare_entries(
    entries: Iterable[ParsedEntry],
    *,
    body_status_for_new: BodyStatus | None = None,
    needs_page: Any = None,
) -> PreparedEntries:
    """The part of :meth:`Store.store_entries` that needs no database (keys, hashes, index
    texts, encoding): done before the write lock is taken, since others may wait for it.
    Repeated keys keep the first entry."""
    seen: set[str] = set()
    batch: list[_Row] = []
    for e in entries:
        key = entry_key(e)
        if key in seen:
            continue
        seen.add(key)
        if body_status_for_new is not None:
            status = body_status_for_new
        elif needs_page is not None and needs_page(e):
            status = BodyStatus.PENDING
        else:
            status = BodyStatus.FEED
        html_utf8 = _utf8(e.content_html)
        body = _index_body("", e.content, e.content_html, e.content_text)
        fts = (index_text(e.title), index_text(e.summary), _text_param(body, _utf8(body)))
        html = _text_param(e.content_html, html_utf8)
        h = _entry_hash(e, html_utf8)
        # The HTML travels as ``html`` from here on (a feed may wait its turn in memory).
        batch.append((key, replace(e, content_html="", content_text=""), h, status, fts, html))
    return PreparedEntries(batch)


@dataclass(slots=True)
class StoreResult:
    """What storing one fetched feed changed."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    """Old articles removed by retention."""
    new_ids: list[int] | None = None


@dataclass(slots=True)
class PendingBody:
    """An article whose full text is still to be fetched."""

    id: int
    feed_id: int
    link: str
    attempts: int


_HEADLINE_COLS = (
    "a.id, a.feed_id, COALESCE(NULLIF(f.title, ''), f.url), a.title, a.published, a.read, "
    "a.starred, a.link"
)
_FEED_COLS = (
    "f.id, f.url, f.title, f.category_id, COALESCE(c.name, ''), f.site_url, f.kind, f.enabled, "
    "f.disabled_reason, f.etag, f.last_modified, f.last_success, f.last_attempt, f.last_error, "
    "f.error_count, f.next_attempt, f.unread_count, f.total_count, f.warning"
)
_FEED_DISPLAY_COLS = (
    "f.id, f.url, f.title, f.category_id, COALESCE(c.name, ''), '', f.kind, f.enabled, "
    "f.disabled_reason, '', '', f.last_success, NULL, f.last_error, "
    "f.error_count, NULL, f.unread_count, f.total_count, f.warning"
)


def _feed(row: Sequence[Any]) -> Feed:
    # Category names and kinds repeat across thousands of feeds: one string object each.
    return Feed(
        id=row[0],
        url=row[1],
        title=row[2],
        category_id=row[3],
        category=sys.intern(row[4]),
        site_url=row[5],
        kind=sys.intern(row[6]),
        enabled=bool(row[7]),
        disabled_reason=row[8],
        etag=row[9],
        last_modified=row[10],
        last_success=_dt(row[11]),
        last_attempt=_dt(row[12]),
        last_error=row[13],
        error_count=row[14],
        next_attempt=_dt(row[15]),
        unread=row[16],
        total=row[17],
        warning=row[18],
    )


def _headline(row: Sequence[Any]) -> HeadlineRow:
    return HeadlineRow(
        id=row[0],
        feed_id=row[1],
        feed_title=row[2],
        title=row[3],
        published=datetime.fromtimestamp(row[4], UTC),
        read=bool(row[5]),
        starred=bool(row[6]),
        link=row[7],
    )


def _pending_query(
    feed_ids: Sequence[int] | None, max_attempts: int, limit: int
) -> tuple[str, list[Any]]:
    sql = (
        "SELECT id, feed_id, link, body_attempts FROM articles "
        "WHERE body_status IN ('pending', 'failed') AND body_attempts < ? AND link != ''"
    )
    args: list[Any] = [max_attempts]
    if feed_ids is not None:
        sql += f" AND feed_id IN ({','.join('?' * len(feed_ids))})"
        args.extend(feed_ids)
    # Found in articles_body_todo and sorted after ("+"), not by walking articles_time: that
    # would read every article (bodies included) to find the few still pending.
    sql += " ORDER BY +published DESC, +id DESC LIMIT ?"
    args.append(limit)
    return sql, args


class Store:
    """The cache database.

    Args:
        path: The SQLite file (created with its folder when missing).
        keep_per_feed: Retention: the newest N articles per feed are kept, plus every
            starred one and every one still in the feed's latest document.
    """

    def __init__(
        self,
        path: Path,
        *,
        keep_per_feed: int = DEFAULT_KEEP_PER_FEED,
        write_lock: AbstractContextManager[Any] | None = None,
        autocheckpoint: bool = True,
        clock: Callable[[], float] = time.time,
        cache_kib: int = 16000,
    ) -> None:
        self.cache_kib = cache_kib
        """SQLite page cache per connection (KiB)."""
        self.clock = clock
        """Seconds since the epoch, for fetch times (a fixed clock makes screenshots stable)."""
        self.path = path
        self.keep_per_feed = keep_per_feed
        self.autocheckpoint = autocheckpoint
        """False: commits never checkpoint the WAL (someone else runs :meth:`checkpoint`)."""
        self.write_lock = write_lock
        """Held around every write transaction when set (shared by worker processes)."""
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        conn = self._conn()
        try:
            migrations.migrate(conn, path)
        except sqlite3.DatabaseError as exc:
            reason = _("cannot prepare the cache: {error}", error=exc)
            raise StoreError(f"{path}: {reason}") from exc

    # -- connections ------------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(
                self.path, max_schema=len(migrations.MIGRATIONS), cache_kib=self.cache_kib
            )
            if not self.autocheckpoint:
                conn.execute("PRAGMA wal_autocheckpoint = 0")
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def close(self) -> None:
        """Close every connection this store opened (call once, at exit)."""
        with self._lock:
            for conn in self._all:
                try:
                    conn.close()
                except sqlite3.Error:
                    pass
            self._all.clear()
        self._local = threading.local()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def generation(self) -> int:
        """A number that grows with every committed change, by any process.

        The open app polls it (cheaply) to notice a cron ``tuinews fetch``.
        """
        row = self._conn().execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return int(row[0]) if row else 0

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self.write_lock or nullcontext(), transaction(self._conn()) as conn:
            yield conn
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('generation', 1) ON CONFLICT (key) "
                "DO UPDATE SET value = CAST(value AS INTEGER) + 1"
            )

    # -- categories and feeds ---------------------------------------------------------

    def ensure_category(self, name: str) -> int | None:
        """The id of category ``name`` (created when missing); None for no category."""
        if not name:
            return None
        conn = self._conn()
        row = conn.execute("SELECT id FROM categories WHERE name = ?", (name,)).fetchone()
        if row:
            return int(row[0])
        with self._write():
            pos = conn.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM categories").fetchone()
            conn.execute(
                "INSERT OR IGNORE INTO categories (name, position) VALUES (?, ?)", (name, pos[0])
            )
            row = conn.execute("SELECT id FROM categories WHERE name = ?", (name,)).fetchone()
        return int(row[0])

    def upsert_feed(self, spec: FeedSpec) -> int:
        """Add a feed or update its declared options; fetch state and articles are kept."""
        return self.sync_feeds([spec])[0]

    def sync_feeds(self, specs: Sequence[FeedSpec]) -> list[int]:
        """Add or update many feeds in one transaction; returns their ids in order."""
        conn = self._conn()
        now = int(self.clock())
        ids: list[int] = []
        cats: dict[str, int | None] = {}
        # Titles and categories can come from OPML files and the command line: untrusted.
        specs = [
            replace(
                spec,
                title=clean_line(spec.title, max_len=500),
                category=clean_line(spec.category, max_len=200),
            )
            for spec in specs
        ]
        for spec in specs:
            if spec.category not in cats:
                cats[spec.category] = self.ensure_category(spec.category)
        with self._write():
            pos = conn.execute("SELECT COALESCE(MAX(position), 0) FROM feeds").fetchone()[0]
            for spec in specs:
                pos += 1
                conn.execute(
                    """INSERT INTO feeds (url, title, category_id, kind, scrape, origin, fulltext,
                                          refresh_minutes, enabled, position, created)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                       ON CONFLICT (url) DO UPDATE SET
                           title = CASE WHEN excluded.title != '' THEN excluded.title
                                        ELSE feeds.title END,
                           category_id = COALESCE(excluded.category_id, feeds.category_id),
                           kind = excluded.kind, scrape = excluded.scrape,
                           origin = CASE WHEN excluded.origin = 'config' THEN 'config'
                                         ELSE feeds.origin END,
                           fulltext = excluded.fulltext,
                           refresh_minutes = excluded.refresh_minutes,
                           enabled = CASE WHEN feeds.disabled_reason != '' THEN feeds.enabled
                                          ELSE excluded.enabled END""",
                    (
                        spec.url,
                        spec.title,
                        cats[spec.category],
                        spec.kind,
                        spec.scrape,
                        spec.origin,
                        str(spec.fulltext) if spec.fulltext else "",
                        spec.refresh_minutes,
                        int(spec.enabled),
                        pos,
                        now,
                    ),
                )
                row = conn.execute("SELECT id FROM feeds WHERE url = ?", (spec.url,)).fetchone()
                ids.append(int(row[0]))
        return ids

    def remove_feed(self, url: str) -> bool:
        """Remove a feed and its articles (starred ones too). False when unknown."""
        conn = self._conn()
        with self._write():
            row = conn.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
            if not row:
                return False
            self._fts_delete_where(conn, "feed_id = ?", (row[0],))
            conn.execute("DELETE FROM articles WHERE feed_id = ?", (row[0],))
            conn.execute("DELETE FROM feeds WHERE id = ?", (row[0],))
        return True

    def feed_spec(self, feed_id: int) -> FeedSpec:
        """The declared options of a stored feed."""
        row = (
            self._conn()
            .execute(
                """SELECT f.url, f.title, COALESCE(c.name, ''), f.fulltext, f.refresh_minutes,
                      f.enabled, f.kind, f.scrape, f.origin
                 FROM feeds f LEFT JOIN categories c ON c.id = f.category_id WHERE f.id = ?""",
                (feed_id,),
            )
            .fetchone()
        )
        if row is None:
            raise StoreError(_("no feed with id {id}", id=feed_id))
        from tuinews.models import FullText

        try:
            policy: FullText | None = FullText(row[3]) if row[3] else None
        except ValueError:
            policy = None
        return FeedSpec(
            url=row[0],
            title=row[1],
            category=row[2],
            fulltext=policy,
            refresh_minutes=row[4],
            enabled=bool(row[5]),
            kind=row[6],
            scrape=row[7],
            origin=row[8],
        )

    def feeds(self, *, enabled_only: bool = False, for_display: bool = False) -> list[Feed]:
        """Every feed in tree order (category position, then feed position).

        Args:
            enabled_only: Leave out disabled feeds.
            for_display: Leave out what only the fetcher needs (validators, site URL, attempt
                times): the reader holds every feed in memory, thousands of them.
        """
        cols = _FEED_DISPLAY_COLS if for_display else _FEED_COLS
        sql = (
            f"SELECT {cols} FROM feeds f LEFT JOIN categories c ON c.id = f.category_id"
            + (" WHERE f.enabled = 1" if enabled_only else "")
            + " ORDER BY c.position IS NULL, c.position, f.position, f.id"
        )
        return [_feed(r) for r in self._conn().execute(sql)]

    def feed(self, feed_id: int) -> Feed | None:
        """One feed by id."""
        row = (
            self._conn()
            .execute(
                f"SELECT {_FEED_COLS} FROM feeds f LEFT JOIN categories c ON c.id = f.category_id "
                "WHERE f.id = ?",
                (feed_id,),
            )
            .fetchone()
        )
        return _feed(row) if row else None

    def feed_by_url(self, url: str) -> Feed | None:
        """One feed by URL."""
        row = (
            self._conn()
            .execute(
                f"SELECT {_FEED_COLS} FROM feeds f LEFT JOIN categories c ON c.id = f.category_id "
                "WHERE f.url = ?",
                (url,),
            )
            .fetchone()
        )
        return _feed(row) if row else None

    def categories(self) -> list[Category]:
        """Categories in order, with unread and total counts summed over their feeds."""
        rows = self._conn().execute(
            """SELECT c.id, c.name, COALESCE(SUM(f.unread_count), 0),
                      COALESCE(SUM(f.total_count), 0)
                 FROM categories c LEFT JOIN feeds f ON f.category_id = c.id
                GROUP BY c.id ORDER BY c.position, c.id"""
        )
        return [Category(id=r[0], name=r[1], unread=r[2], total=r[3]) for r in rows]

    def totals(self) -> tuple[int, int, int]:
        """(articles, unread, starred) over the whole cache."""
        conn = self._conn()
        total, unread = conn.execute(
            "SELECT COALESCE(SUM(total_count), 0), COALESCE(SUM(unread_count), 0) FROM feeds"
        ).fetchone()
        starred = conn.execute(
            "SELECT COUNT(*) FROM articles INDEXED BY articles_starred_time WHERE starred = 1"
        ).fetchone()[0]
        return int(total), int(unread), int(starred)

    # -- fetch state --------------------------------------------------------------------

    def record_success(
        self,
        feed_id: int,
        *,
        etag: str = "",
        last_modified: str = "",
        title: str = "",
        site_url: str = "",
        url: str | None = None,
        warning: str = "",
        conn: sqlite3.Connection | None = None,
    ) -> None:
        """Note a successful fetch (or a 304); a permanent redirect passes the new ``url``.

        ``warning`` replaces the feed's last warning ("" clears it).
        """
        own = conn is None
        conn = conn or self._conn()
        now = int(self.clock())
        sql = """UPDATE feeds SET etag = ?, last_modified = ?, last_success = ?, last_attempt = ?,
                        last_error = '', error_count = 0, next_attempt = NULL, warning = ?,
                        title = CASE WHEN title = '' AND ? != '' THEN ? ELSE title END,
                        site_url = CASE WHEN ? != '' THEN ? ELSE site_url END
                  WHERE id = ?"""
        args = (
            etag,
            last_modified,
            now,
            now,
            warning,
            title,
            title,
            site_url,
            site_url,
            feed_id,
        )
        if own:
            with self._write():
                conn.execute(sql, args)
                self._move_url(conn, feed_id, url)
        else:
            conn.execute(sql, args)
            self._move_url(conn, feed_id, url)

    def record_unchanged(self, feed_ids: Sequence[int]) -> None:
        """Note many 304s at once (one transaction: a refresh of 2,000 unchanged feeds
        should not cost 2,000 commits)."""
        if not feed_ids:
            return
        now = int(self.clock())
        with self._write() as conn:
            conn.executemany(
                """UPDATE feeds SET last_success = ?, last_attempt = ?, last_error = '',
                          error_count = 0, next_attempt = NULL WHERE id = ?""",
                [(now, now, fid) for fid in feed_ids],
            )

    def _move_url(self, conn: sqlite3.Connection, feed_id: int, url: str | None) -> None:
        if url and not conn.execute("SELECT 1 FROM feeds WHERE url = ?", (url,)).fetchone():
            conn.execute("UPDATE feeds SET url = ? WHERE id = ?", (url, feed_id))

    def record_failure(
        self,
        feed_id: int,
        error: str,
        *,
        retry_after: float | None = None,
        disable: bool = False,
        base_backoff: float = 300.0,
        max_backoff: float = 86400.0,
    ) -> None:
        """Note a failed fetch: exponential backoff (or the server's Retry-After, capped).

        ``error`` is stored as given: in the language of the run that failed, and shown later
        in that language even if the reader's has changed since.
        """
        conn = self._conn()
        now = int(self.clock())
        with self._write():
            row = conn.execute("SELECT error_count FROM feeds WHERE id = ?", (feed_id,)).fetchone()
            if row is None:
                return
            count = int(row[0]) + 1
            delay = min(max_backoff, base_backoff * (2 ** min(count - 1, 16)))
            if retry_after is not None:
                delay = min(max_backoff, max(retry_after, 0.0))
            conn.execute(
                """UPDATE feeds SET last_error = ?, last_attempt = ?, error_count = ?,
                          next_attempt = ?,
                          enabled = CASE WHEN ? THEN 0 ELSE enabled END,
                          disabled_reason = CASE WHEN ? THEN ? ELSE disabled_reason END
                    WHERE id = ?""",
                (error, now, count, now + int(delay), disable, disable, error, feed_id),
            )

    def enable_feed(self, feed_id: int) -> None:
        """Re-enable a feed that was disabled (for example after a 410)."""
        with self._write():
            self._conn().execute(
                "UPDATE feeds SET enabled = 1, disabled_reason = '', error_count = 0, "
                "next_attempt = NULL WHERE id = ?",
                (feed_id,),
            )

    # -- storing articles ---------------------------------------------------------------

    def store_entries(
        self,
        feed_id: int,
        entries: Iterable[ParsedEntry],
        *,
        body_status_for_new: BodyStatus | None = None,
        needs_page: Any = None,
        success: dict[str, Any] | None = None,
    ) -> StoreResult:
        """Store one fetched feed's entries in one transaction.

        New entries are inserted; an entry that changed upstream is updated in place; read
        and starred state are never touched. Retention runs in the same transaction.

        Args:
            feed_id: The feed.
            entries: Parsed entries, newest first or in any order; repeated keys keep the first.
            body_status_for_new: Body status for new entries (default: decided by ``needs_page``).
            needs_page: ``callable(entry) -> bool``: whether a new entry's full text must be
                fetched from its page (status PENDING) or the feed's content is enough (FEED).
            success: When given, :meth:`record_success` keywords applied in the same
                transaction, so the feed's validators move only with its articles.
        """
        prepared = prepare_entries(
            entries, body_status_for_new=body_status_for_new, needs_page=needs_page
        )
        return self.store_prepared(feed_id, prepared, success=success)

    def store_prepared(
        self, feed_id: int, prepared: PreparedEntries, *, success: dict[str, Any] | None = None
    ) -> StoreResult:
        """:meth:`store_entries` for entries :func:`prepare_entries` made ready."""
        conn = self._conn()
        now = int(self.clock())
        result = StoreResult(new_ids=[])
        batch = prepared.rows
        with self._write():
            existing: dict[str, tuple[int, str, int, str]] = {
                r[0]: (r[1], r[2], r[3], r[4])
                for r in conn.execute(
                    "SELECT guid, id, hash, published, body_status FROM articles WHERE feed_id = ?",
                    (feed_id,),
                )
            }
            keep_ids: list[int] = []
            category_id = conn.execute(
                "SELECT category_id FROM feeds WHERE id = ?", (feed_id,)
            ).fetchone()[0]
            new_rows: list[tuple[Any, ...]] = []
            new_fts: list[tuple[str, str, str | bytes]] = []
            for key, e, h, status, fts, html in batch:
                old = existing.get(key)
                if old is None:
                    published = _published(e.published, now)
                    date_known = published is not None
                    if published is None:
                        published = now
                    new_rows.append(
                        (
                            feed_id,
                            category_id,
                            key,
                            e.link,
                            e.title,
                            e.author,
                            e.summary,
                            e.content,
                            html,
                            str(status),
                            e.image_url,
                            e.image_caption,
                            published,
                            int(date_known),
                            _ts(e.updated),
                            now,
                            h,
                        )
                    )
                    new_fts.append(fts)
                    continue
                aid, old_hash, old_published, _status = old
                keep_ids.append(aid)
                if old_hash == h:
                    result.unchanged += 1
                    continue
                self._fts_delete_where(conn, "id = ?", (aid,))
                published = _published(e.published, now)
                conn.execute(
                    """UPDATE articles SET link = ?, title = ?, author = ?, summary = ?,
                           content = ?, content_html = CAST(? AS TEXT), image_url = ?,
                           image_caption = ?,
                           published = COALESCE(?, published),
                           date_known = CASE WHEN ? IS NULL THEN date_known ELSE 1 END,
                           updated = ?, hash = ?
                       WHERE id = ?""",
                    (
                        e.link,
                        e.title,
                        e.author,
                        e.summary,
                        e.content,
                        html,
                        e.image_url,
                        e.image_caption,
                        published,
                        published,
                        _ts(e.updated),
                        h,
                        aid,
                    ),
                )
                self._fts_insert(conn, aid)
                result.updated += 1
            if new_rows:
                new_ids = self._insert_new(conn, feed_id, new_rows)
                conn.executemany(
                    "INSERT INTO articles_fts (rowid, title, summary, body) "
                    "VALUES (?, ?, ?, CAST(? AS TEXT))",
                    [(aid, *fts) for aid, fts in zip(new_ids, new_fts, strict=True)],
                )
                result.new = len(new_ids)
                result.new_ids = new_ids
                keep_ids.extend(new_ids)
            result.removed = self._retain(conn, feed_id, keep_ids)
            if success is not None:
                self.record_success(feed_id, conn=conn, **success)
        return result

    def _insert_new(
        self, conn: sqlite3.Connection, feed_id: int, rows: list[tuple[Any, ...]]
    ) -> list[int]:
        """Insert new articles in one statement; their ids, in the order of ``rows``."""
        top = conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
        conn.executemany(
            """INSERT INTO articles (feed_id, category_id, guid, link, title, author,
                   summary, content, content_html, body_status, image_url, image_caption,
                   published, date_known, updated, fetched, hash)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT), ?, ?, ?, ?, ?, ?, ?, ?)""",
            rows,
        )
        last = conn.execute("SELECT last_insert_rowid()").fetchone()[0]
        if last == top + len(rows):
            # Inside the write transaction, rowids follow the largest one: consecutive.
            return list(range(top + 1, last + 1))
        # (Only after an id near 2**63 would SQLite pick them at random.)
        ids = {
            guid: aid
            for aid, guid in conn.execute(
                "SELECT id, guid FROM articles WHERE feed_id = ?", (feed_id,)
            )
        }
        return [ids[row[2]] for row in rows]

    def _retain(self, conn: sqlite3.Connection, feed_id: int, keep_ids: list[int]) -> int:
        """Drop the oldest unstarred articles past ``keep_per_feed`` (not those just seen)."""
        total = conn.execute("SELECT total_count FROM feeds WHERE id = ?", (feed_id,)).fetchone()[0]
        if total <= self.keep_per_feed:
            return 0
        victims = [
            r[0]
            for r in conn.execute(
                """SELECT id FROM articles WHERE feed_id = ?
                    ORDER BY published DESC, id DESC LIMIT -1 OFFSET ?""",
                (feed_id, self.keep_per_feed),
            )
        ]
        keep = set(keep_ids)
        victims = [v for v in victims if v not in keep]
        if not victims:
            return 0
        removed = 0
        for chunk_start in range(0, len(victims), 500):
            chunk = victims[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            where = f"id IN ({marks}) AND starred = 0"
            self._fts_delete_where(conn, where, tuple(chunk))
            removed += conn.execute(f"DELETE FROM articles WHERE {where}", chunk).rowcount
        return removed

    def _fts_delete_where(
        self, conn: sqlite3.Connection, where: str, args: tuple[Any, ...]
    ) -> None:
        # A contentless FTS5 table forgets a row only when given the exact values it indexed.
        rows = conn.execute(
            f"SELECT id, title, summary, body, content, content_html FROM articles WHERE {where}",
            args,
        ).fetchall()
        for aid, title, summary, body, content, content_html in rows:
            conn.execute(
                "INSERT INTO articles_fts (articles_fts, rowid, title, summary, body) "
                "VALUES ('delete', ?, ?, ?, ?)",
                (
                    aid,
                    index_text(title),
                    index_text(summary),
                    _index_body(body, content, content_html),
                ),
            )

    def _fts_insert(self, conn: sqlite3.Connection, aid: int) -> None:
        row = conn.execute(
            "SELECT title, summary, body, content, content_html FROM articles WHERE id = ?", (aid,)
        ).fetchone()
        if row is None:
            return
        conn.execute(
            "INSERT INTO articles_fts (rowid, title, summary, body) VALUES (?, ?, ?, ?)",
            (aid, index_text(row[0]), index_text(row[1]), _index_body(row[2], row[3], row[4])),
        )

    # -- full text ----------------------------------------------------------------------

    def pending_bodies(
        self, *, feed_ids: Sequence[int] | None = None, max_attempts: int = 3, limit: int = 10000
    ) -> list[PendingBody]:
        """Articles whose page is still to be fetched (new, or failed fewer than N times)."""
        if feed_ids is not None and not feed_ids:
            return []
        sql, args = _pending_query(feed_ids, max_attempts, limit)
        return [PendingBody(r[0], r[1], r[2], r[3]) for r in self._conn().execute(sql, args)]

    def explain_pending_query(self, *, by_feed: bool) -> list[str]:
        """The query plan of :meth:`pending_bodies` (for tests)."""
        sql, args = _pending_query([1, 2] if by_feed else None, 3, 100)
        return [str(r[3]) for r in self._conn().execute("EXPLAIN QUERY PLAN " + sql, args)]

    def store_body(
        self,
        article_id: int,
        *,
        status: BodyStatus,
        markdown: str = "",
        error: str = "",
        author: str = "",
        published: datetime | None = None,
        image_url: str = "",
        image_caption: str = "",
    ) -> None:
        """Store an article's extracted full text (or why there is none).

        Metadata from the page fills only what the feed lacked (author, a missing date).
        A failure keeps the feed's summary and counts an attempt. ``error`` is stored in the
        language of the run that made it and shown later as written.
        """
        conn = self._conn()
        now = int(self.clock())
        with self._write():
            row = conn.execute(
                "SELECT date_known FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if row is None:
                return  # removed meanwhile (retention, feed removed)
            ok = status == BodyStatus.OK and bool(markdown)
            page_ts = _published(published, now)
            if ok:
                self._fts_delete_where(conn, "id = ?", (article_id,))
            conn.execute(
                """UPDATE articles SET
                       body = CASE WHEN ? THEN ? ELSE body END,
                       body_status = ?, body_error = ?, extracted_at = ?,
                       body_attempts = body_attempts + 1,
                       author = CASE WHEN author = '' THEN ? ELSE author END,
                       image_url = CASE WHEN image_url = '' THEN ? ELSE image_url END,
                       image_caption = CASE WHEN image_caption = '' THEN ? ELSE image_caption END,
                       published = CASE WHEN date_known = 0 AND ? IS NOT NULL THEN ?
                                        ELSE published END,
                       date_known = CASE WHEN ? IS NOT NULL THEN 1 ELSE date_known END
                   WHERE id = ?""",
                (
                    ok,
                    markdown,
                    str(status),
                    error,
                    now,
                    author,
                    image_url,
                    image_caption,
                    page_ts,
                    page_ts,
                    page_ts,
                    article_id,
                ),
            )
            if ok:
                self._fts_insert(conn, article_id)

    def reset_body(self, article_id: int) -> None:
        """Queue one article for re-extraction (the user's "re-extract" key)."""
        with self._write():
            self._conn().execute(
                "UPDATE articles SET body_status = 'pending', body_attempts = 0 WHERE id = ?",
                (article_id,),
            )

    # -- reading ------------------------------------------------------------------------

    def article(self, article_id: int) -> Article | None:
        """One article with its body (the extracted text, else the feed's content/summary)."""
        row = (
            self._conn()
            .execute(
                """SELECT a.id, a.feed_id, COALESCE(NULLIF(f.title, ''), f.url), f.url, a.guid,
                      a.link, a.title, a.author, a.summary,
                      CASE WHEN a.body != '' THEN a.body WHEN a.content != '' THEN a.content
                           ELSE '' END,
                      a.body_status, a.body_error, a.published, a.read, a.starred,
                      a.image_url, a.image_caption
                 FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?""",
                (article_id,),
            )
            .fetchone()
        )
        if row is None:
            return None
        body = row[9]
        if not body:
            html_row = (
                self._conn()
                .execute("SELECT content_html FROM articles WHERE id = ?", (article_id,))
                .fetchone()
            )
            if html_row and html_row[0]:
                from tuinews.fetch.htmlmd import html_to_markdown

                body = html_to_markdown(html_row[0], base_url=row[3])
            else:
                body = row[8]
        return Article(
            id=row[0],
            feed_id=row[1],
            feed_title=row[2],
            feed_url=row[3],
            guid=row[4],
            link=row[5],
            title=row[6],
            author=row[7],
            summary=row[8],
            body=body,
            body_status=row[10],
            body_error=row[11],
            published=datetime.fromtimestamp(row[12], UTC),
            read=bool(row[13]),
            starred=bool(row[14]),
            image_url=row[15],
            image_caption=row[16],
        )

    def set_read(self, article_ids: Sequence[int], read: bool = True) -> None:
        """Mark articles read or unread."""
        if not article_ids:
            return
        with self._write():
            self._conn().executemany(
                "UPDATE articles SET read = ? WHERE id = ? AND read != ?",
                [(int(read), aid, int(read)) for aid in article_ids],
            )

    def set_starred(self, article_id: int, starred: bool) -> None:
        """Star or unstar an article (starred articles survive retention)."""
        with self._write():
            self._conn().execute(
                "UPDATE articles SET starred = ? WHERE id = ?", (int(starred), article_id)
            )

    def mark_all_read(self, view: View) -> int:
        """Mark every article of a view read; returns how many changed."""
        where, args = self._view_filter(view)
        conn = self._conn()
        with self._write():
            if view.kind == ViewKind.SEARCH:
                ids = [r[0] for r in conn.execute(f"SELECT a.id FROM {where}", args)]
                conn.executemany("UPDATE articles SET read = 1 WHERE id = ?", [(i,) for i in ids])
                return len(ids)
            cur = conn.execute(
                f"UPDATE articles SET read = 1 WHERE read = 0 AND id IN (SELECT a.id FROM {where})",
                args,
            )
            return cur.rowcount

    # -- headline pages -----------------------------------------------------------------

    def _view_filter(self, view: View, *, unread_only: bool = False) -> tuple[str, list[Any]]:
        """FROM-clause body (``articles a [JOIN …] WHERE …``) selecting the view's rows."""
        conds: list[str] = []
        args: list[Any] = []
        src = "articles a"
        if view.kind == ViewKind.FEED:
            conds.append("a.feed_id = ?")
            args.append(view.feed_id)
            src = (
                "articles a INDEXED BY articles_feed_unread_time"
                if unread_only
                else "articles a INDEXED BY articles_feed_time"
            )
        elif view.kind == ViewKind.CATEGORY:
            conds.append("a.category_id = ?")
            args.append(view.category_id)
            src = (
                "articles a INDEXED BY articles_cat_unread_time"
                if unread_only
                else "articles a INDEXED BY articles_cat_time"
            )
        elif view.kind == ViewKind.STARRED:
            conds.append("a.starred = 1")
        elif view.kind == ViewKind.UNREAD:
            unread_only = True
        elif view.kind == ViewKind.SEARCH:
            from tuinews.store.search import compile_query

            q = compile_query(view.query)
            conds.extend(q.conditions)
            args.extend(q.args)
        if unread_only:
            conds.append("a.read = 0")
        where = " AND ".join(conds) if conds else "1"
        return f"{src} WHERE {where}", args

    def count(self, view: View, *, unread_only: bool = False) -> int:
        """How many articles the view holds (from counters where possible)."""
        conn = self._conn()
        col = "unread_count" if unread_only or view.kind == ViewKind.UNREAD else "total_count"
        if view.kind in (ViewKind.ALL, ViewKind.UNREAD):
            return int(conn.execute(f"SELECT COALESCE(SUM({col}), 0) FROM feeds").fetchone()[0])
        if view.kind == ViewKind.FEED:
            row = conn.execute(f"SELECT {col} FROM feeds WHERE id = ?", (view.feed_id,)).fetchone()
            return int(row[0]) if row else 0
        if view.kind == ViewKind.CATEGORY:
            return int(
                conn.execute(
                    f"SELECT COALESCE(SUM({col}), 0) FROM feeds WHERE category_id = ?",
                    (view.category_id,),
                ).fetchone()[0]
            )
        where, args = self._view_filter(view, unread_only=unread_only)
        return int(conn.execute(f"SELECT COUNT(*) FROM {where}", args).fetchone()[0])

    def headlines_page(
        self,
        view: View,
        number: int = 1,
        *,
        page_size: int = 50,
        unread_only: bool = False,
        near: Page | None = None,
    ) -> Page:
        """One page of headlines, newest first.

        Args:
            view: What to list.
            number: 1-based page number; clamped to the last page.
            page_size: Rows per page.
            unread_only: Hide read articles.
            near: The page currently shown; when ``number`` is next to it, its edge key
                is the keyset cursor and no other rows are touched.
        """
        total = self.count(view, unread_only=unread_only)
        pages = max(1, -(-total // page_size))
        number = max(1, min(number, pages))
        where, args = self._view_filter(view, unread_only=unread_only)
        conn = self._conn()
        rows: list[Sequence[Any]]
        if near is not None and number == near.number + 1 and near.last is not None:
            rows = conn.execute(
                f"SELECT a.id FROM {where} AND (a.published, a.id) < (?, ?) "
                "ORDER BY a.published DESC, a.id DESC LIMIT ?",
                [*args, near.last.published, near.last.id, page_size + 1],
            ).fetchall()
            has_more = len(rows) > page_size
            ids = [r[0] for r in rows[:page_size]]
        elif near is not None and number == near.number - 1 and near.first is not None:
            rows = conn.execute(
                f"SELECT a.id FROM {where} AND (a.published, a.id) > (?, ?) "
                "ORDER BY a.published ASC, a.id ASC LIMIT ?",
                [*args, near.first.published, near.first.id, page_size],
            ).fetchall()
            ids = [r[0] for r in reversed(rows)]
            has_more = True
        else:
            offset = (number - 1) * page_size
            if offset == 0:
                anchor = None
            elif offset <= total // 2:
                anchor = conn.execute(
                    f"SELECT a.published, a.id FROM {where} "
                    "ORDER BY a.published DESC, a.id DESC LIMIT 1 OFFSET ?",
                    [*args, offset],
                ).fetchone()
            else:
                # Nearer the end: count back from the oldest row.
                anchor = conn.execute(
                    f"SELECT a.published, a.id FROM {where} "
                    "ORDER BY a.published ASC, a.id ASC LIMIT 1 OFFSET ?",
                    [*args, max(0, total - offset - 1)],
                ).fetchone()
            if anchor is None:
                rows = conn.execute(
                    f"SELECT a.id FROM {where} ORDER BY a.published DESC, a.id DESC LIMIT ?",
                    [*args, page_size + 1],
                ).fetchall()
            else:
                rows = conn.execute(
                    f"SELECT a.id FROM {where} AND (a.published, a.id) <= (?, ?) "
                    "ORDER BY a.published DESC, a.id DESC LIMIT ?",
                    [*args, anchor[0], anchor[1], page_size + 1],
                ).fetchall()
            has_more = len(rows) > page_size
            ids = [r[0] for r in rows[:page_size]]
        items = self._headlines_by_ids(ids)
        return Page(
            items=items,
            number=number,
            total_pages=pages,
            total_items=total,
            has_next=has_more and number < pages,
            has_prev=number > 1,
            first=Cursor(int(items[0].published.timestamp()), items[0].id) if items else None,
            last=Cursor(int(items[-1].published.timestamp()), items[-1].id) if items else None,
        )

    def _headlines_by_ids(self, ids: list[int]) -> list[HeadlineRow]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = (
            self._conn()
            .execute(
                f"SELECT {_HEADLINE_COLS} FROM articles a JOIN feeds f ON f.id = a.feed_id "
                f"WHERE a.id IN ({marks})",
                ids,
            )
            .fetchall()
        )
        by_id = {r[0]: _headline(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def page_of(
        self, view: View, article_id: int, *, page_size: int, unread_only: bool = False
    ) -> int:
        """The page number on which an article appears in a view (1 when absent)."""
        row = (
            self._conn()
            .execute("SELECT published, id FROM articles WHERE id = ?", (article_id,))
            .fetchone()
        )
        if row is None:
            return 1
        where, args = self._view_filter(view, unread_only=unread_only)
        before = (
            self._conn()
            .execute(
                f"SELECT COUNT(*) FROM {where} AND (a.published, a.id) > (?, ?)", [*args, *row]
            )
            .fetchone()[0]
        )
        return int(before) // page_size + 1

    def next_unread(self, view: View, after: int | None) -> HeadlineRow | None:
        """The next unread article after ``after`` in the view's order (older direction)."""
        return self._unread_beside(view, after, older=True)

    def prev_unread(self, view: View, before: int | None) -> HeadlineRow | None:
        """The previous unread article before ``before`` in the view's order (newer direction)."""
        return self._unread_beside(view, before, older=False)

    def _unread_beside(self, view: View, anchor: int | None, *, older: bool) -> HeadlineRow | None:
        where, args = self._view_filter(view, unread_only=True)
        conn = self._conn()
        if anchor is not None:
            row = conn.execute(
                "SELECT published, id FROM articles WHERE id = ?", (anchor,)
            ).fetchone()
            if row is not None:
                where += f" AND (a.published, a.id) {'<' if older else '>'} (?, ?)"
                args = [*args, row[0], row[1]]
        order = "DESC" if older else "ASC"
        found = conn.execute(
            f"SELECT a.id FROM {where} ORDER BY a.published {order}, a.id {order} LIMIT 1", args
        ).fetchone()
        if found is None:
            return None
        items = self._headlines_by_ids([found[0]])
        return items[0] if items else None

    # -- search and listing -------------------------------------------------------------

    def search(self, query: str, *, limit: int = 50, offset: int = 0) -> list[HeadlineRow]:
        """Articles matching ``query`` (see :mod:`tuinews.store.search`), newest first."""
        view = View(ViewKind.SEARCH, query=query)
        where, args = self._view_filter(view)
        ids = [
            r[0]
            for r in self._conn().execute(
                f"SELECT a.id FROM {where} ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?",
                [*args, limit, offset],
            )
        ]
        return self._headlines_by_ids(ids)

    def articles(
        self,
        *,
        feed_url: str | None = None,
        unread_only: bool = False,
        limit: int = 50,
        ids: Sequence[int] | None = None,
    ) -> Iterator[Article]:
        """Full articles for the CLI, newest first."""
        conds = ["1"]
        args: list[Any] = []
        if feed_url is not None:
            conds.append("a.feed_id = (SELECT id FROM feeds WHERE url = ?)")
            args.append(feed_url)
        if unread_only:
            conds.append("a.read = 0")
        if ids is not None:
            conds.append(f"a.id IN ({','.join('?' * len(ids))})")
            args.extend(ids)
        rows = (
            self._conn()
            .execute(
                f"SELECT a.id FROM articles a WHERE {' AND '.join(conds)} "
                "ORDER BY a.published DESC, a.id DESC LIMIT ?",
                [*args, limit],
            )
            .fetchall()
        )
        for (aid,) in rows:
            art = self.article(aid)
            if art is not None:
                yield art

    def explain_page_query(self, view: View, *, unread_only: bool = False) -> list[str]:
        """The query plan of a keyset page read (for tests and notes)."""
        where, args = self._view_filter(view, unread_only=unread_only)
        rows = (
            self._conn()
            .execute(
                f"EXPLAIN QUERY PLAN SELECT a.id FROM {where} AND (a.published, a.id) <= (?, ?) "
                "ORDER BY a.published DESC, a.id DESC LIMIT ?",
                [*args, 2**40, 2**40, 51],
            )
            .fetchall()
        )
        return [str(r[-1]) for r in rows]

    # -- upkeep -------------------------------------------------------------------------

    def optimize(self) -> None:
        """Refresh the planner's statistics (cheap; run after big fetches)."""
        # In a write transaction: on its own it would try to turn a read into a write, which
        # SQLite refuses at once (no busy wait) when another process committed meanwhile.
        with self._write() as conn:
            # Statistics from a sample of each index (1,000 rows), not from every row: the
            # plans are the same, and a first fetch does not read its whole cache again.
            conn.execute("PRAGMA analysis_limit = 1000")
            conn.execute("PRAGMA optimize")

    def analyze(self) -> None:
        """Gather planner statistics (after the first big fetch)."""
        with self._write() as conn:
            conn.execute("ANALYZE")

    def checkpoint(self, mode: str = "PASSIVE") -> None:
        """Copy committed WAL pages into the database file (and fsync it).

        PASSIVE never waits for or blocks writers: during a big fetch the workers commit with
        autocheckpoint off and a checkpointer runs this beside them, so the fsyncs are off
        the writers' critical path.
        """
        if mode not in ("PASSIVE", "FULL", "RESTART", "TRUNCATE"):
            raise ValueError(mode)
        self._conn().execute(f"PRAGMA wal_checkpoint({mode})").fetchone()

    def integrity_ok(self) -> bool:
        """``PRAGMA integrity_check`` says ok."""
        return bool(self._conn().execute("PRAGMA integrity_check").fetchone()[0] == "ok")
