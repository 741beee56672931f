"""SQLite connections: WAL, foreign keys, busy timeout, explicit write transactions.

One connection per thread (sqlite3 objects are not shared across threads). Connections are
in autocommit mode; writes go through :func:`transaction`, which takes the write lock at once
(``BEGIN IMMEDIATE``) so two processes never deadlock upgrading a read lock, and waits up to
the busy timeout for the other writer instead of failing with "database is locked".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tuinews.errors import StoreError, StoreVersionError
from tuinews.text.fold import fold, index_text, nfc

BUSY_TIMEOUT_S = 60.0
_SQLITE_MAGIC = b"SQLite format 3\x00"


def _contains_exact(haystack: str | None, needle: str | None) -> bool:
    """Case-insensitive, diacritic-sensitive containment (for "=" searches)."""
    if not haystack or not needle:
        return False
    return nfc(needle).lower() in nfc(haystack).lower()


def check_file(path: Path) -> None:
    """Raise :class:`StoreError` if ``path`` exists but is not an SQLite database.

    Checked before SQLite opens it, so a wrong file is never modified.
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the cache: {exc.strerror or exc}") from exc
    if head and head != _SQLITE_MAGIC:
        raise StoreError(
            f"{path}: not an SQLite database; left untouched (move it away to start anew)"
        )


def connect(
    path: Path, *, create: bool = True, max_schema: int | None = None
) -> sqlite3.Connection:
    """Open the cache database with the settings every tuinews connection uses.

    Args:
        path: The database file.
        create: Create the file (and its folder) when missing.
        max_schema: The newest schema this version knows: a file from a newer tuinews is
            refused before anything (even the journal mode) is written to it.
    """
    check_file(path)
    if create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"{path.parent}: cannot create the data folder: {exc.strerror or exc}"
            ) from exc
    elif not path.exists():
        raise StoreError(f"{path}: no cache yet (run `tuinews fetch` first)")
    try:
        conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if max_schema is not None:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > max_schema:
                conn.close()
                raise StoreVersionError(
                    f"{path}: the cache is from a newer tuinews (schema {version}, this version "
                    f"knows {max_schema}); left untouched"
                )
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            # A read-only folder cannot hold the -wal file; reading still works.
            conn.execute("PRAGMA query_only = 1")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -16000")
        conn.create_function("fold", 1, fold, deterministic=True)
        conn.create_function("index_text", 1, index_text, deterministic=True)
        conn.create_function("contains_exact", 2, _contains_exact, deterministic=True)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot open the cache: {exc}") from exc
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction: ``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise
    else:
        conn.execute("COMMIT")
