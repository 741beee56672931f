"""Ordered schema migrations, recorded in ``PRAGMA user_version``.

Each step runs in one transaction together with the new version number, so a crash leaves
the schema at a whole step. Never edit a released step: add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from tuinews.errors import StoreVersionError
from tuinews.store.db import newer_version, transaction

Step = Callable[[sqlite3.Connection], None]

_V1 = """
CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    category_id INTEGER REFERENCES categories(id) ON DELETE SET NULL,
    site_url TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'feed',
    scrape TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT 'cli',
    fulltext TEXT NOT NULL DEFAULT '',  -- '' = the config's default
    refresh_minutes INTEGER,
    enabled INTEGER NOT NULL DEFAULT 1,
    disabled_reason TEXT NOT NULL DEFAULT '',
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    last_success INTEGER,
    last_attempt INTEGER,
    last_error TEXT NOT NULL DEFAULT '',
    error_count INTEGER NOT NULL DEFAULT 0,
    next_attempt INTEGER,
    position INTEGER NOT NULL DEFAULT 0,
    unread_count INTEGER NOT NULL DEFAULT 0,
    total_count INTEGER NOT NULL DEFAULT 0,
    created INTEGER NOT NULL
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    -- Copied from the feed (a trigger follows changes) so a category's page is one index range.
    category_id INTEGER,
    guid TEXT NOT NULL,
    link TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    -- The feed's content as sanitised HTML, turned into Markdown when read.
    content_html TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    body_status TEXT NOT NULL DEFAULT 'pending',
    body_error TEXT NOT NULL DEFAULT '',
    body_attempts INTEGER NOT NULL DEFAULT 0,
    extracted_at INTEGER,
    image_url TEXT NOT NULL DEFAULT '',
    image_caption TEXT NOT NULL DEFAULT '',
    published INTEGER NOT NULL,
    date_known INTEGER NOT NULL DEFAULT 1,
    updated INTEGER,
    fetched INTEGER NOT NULL,
    hash TEXT NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    UNIQUE (feed_id, guid)
);
-- Keyset pagination on (published, id), newest first, per view.
CREATE INDEX articles_feed_time ON articles (feed_id, published DESC, id DESC);
CREATE INDEX articles_time ON articles (published DESC, id DESC);
CREATE INDEX articles_unread_time ON articles (published DESC, id DESC) WHERE read = 0;
CREATE INDEX articles_feed_unread_time ON articles (feed_id, published DESC, id DESC)
    WHERE read = 0;
CREATE INDEX articles_cat_time ON articles (category_id, published DESC, id DESC);
CREATE INDEX articles_cat_unread_time ON articles (category_id, published DESC, id DESC)
    WHERE read = 0;
CREATE INDEX articles_starred_time ON articles (published DESC, id DESC) WHERE starred = 1;
CREATE INDEX articles_body_pending ON articles (feed_id) WHERE body_status = 'pending';

-- Per-feed counters kept by triggers: the tree's unread counts cost O(feeds), not O(articles).
CREATE TRIGGER articles_count_ins AFTER INSERT ON articles BEGIN
    UPDATE feeds SET total_count = total_count + 1,
                     unread_count = unread_count + (NEW.read = 0)
     WHERE id = NEW.feed_id;
END;
CREATE TRIGGER articles_count_del AFTER DELETE ON articles BEGIN
    UPDATE feeds SET total_count = total_count - 1,
                     unread_count = unread_count - (OLD.read = 0)
     WHERE id = OLD.feed_id;
END;
CREATE TRIGGER articles_count_read AFTER UPDATE OF read ON articles
    WHEN OLD.read != NEW.read BEGIN
    UPDATE feeds SET unread_count = unread_count + (NEW.read = 0) - (OLD.read = 0)
     WHERE id = NEW.feed_id;
END;

CREATE TRIGGER feeds_category AFTER UPDATE OF category_id ON feeds
    WHEN OLD.category_id IS NOT NEW.category_id BEGIN
    UPDATE articles SET category_id = NEW.category_id WHERE feed_id = NEW.id;
END;

-- Search, diacritics and case ignored: the tokenizer folds marks and case; đ/Đ, which do
-- not decompose, are mapped to d before indexing (tuinews.text.fold.index_text).
-- Contentless: the text is not stored twice.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, summary, body, content = '', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _v1(conn: sqlite3.Connection) -> None:
    for statement in _split(_V1):
        conn.execute(statement)
    from tuinews.text.fold import FOLD_VERSION

    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('fold_version', ?)", (str(FOLD_VERSION),)
    )


def _split(script: str) -> list[str]:
    """Split a script into statements (``executescript`` would commit our transaction)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return out


def _v2(conn: sqlite3.Connection) -> None:
    # A source that worked but with problems (a scraped listing with items it could not
    # read): shown beside the feed without counting as a failure (no backoff).
    conn.execute("ALTER TABLE feeds ADD COLUMN warning TEXT NOT NULL DEFAULT ''")


def _v3(conn: sqlite3.Connection) -> None:
    # FTS5 writes one index segment per transaction and merges a level once it holds
    # ``automerge`` segments (default 4). Merging at 16 rewrites each posting about half as
    # often: a first fetch of 500 feeds spends ~25% less time indexing and writes half the
    # WAL, and queries on an 80k-article cache are as fast (scripts/search_bench.py).
    conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16)")


def _v4(conn: sqlite3.Connection) -> None:
    # The articles whose page is still to fetch, found without reading any other article:
    # body_status lies after the bodies in each row, so a scan reads every body (the whole
    # cache) just to skip it, at the end of every fetch.
    conn.execute("DROP INDEX IF EXISTS articles_body_pending")
    conn.execute(
        "CREATE INDEX articles_body_todo ON articles (feed_id) "
        "WHERE body_status IN ('pending', 'failed')"
    )


MIGRATIONS: list[tuple[str, Step]] = [
    ("initial schema", _v1),
    ("feed warnings", _v2),
    ("search index merges in bigger steps", _v3),
    ("an index of the pages still to fetch", _v4),
]
"""Every step, in order; step i brings ``user_version`` from i to i + 1."""


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the file."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: Path) -> int:
    """Bring the schema up to date; refuse (untouched) a file from a newer tuinews.

    Returns:
        The number of steps applied.
    """
    current = schema_version(conn)
    if current > len(MIGRATIONS):
        raise StoreVersionError(f"{path}: {newer_version(current, len(MIGRATIONS))}")
    applied = 0
    while current < len(MIGRATIONS):
        with transaction(conn):
            # Re-read inside the write lock: another process may have migrated meanwhile.
            current = schema_version(conn)
            if current >= len(MIGRATIONS):
                break
            MIGRATIONS[current][1](conn)
            conn.execute(f"PRAGMA user_version = {current + 1}")
        current += 1
        applied += 1
    return applied
