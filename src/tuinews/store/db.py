"""SQLite connections: WAL, foreign keys, busy timeout, explicit write transactions.

One connection per thread (sqlite3 objects are not shared across threads). Connections are
in autocommit mode; writes go through :func:`transaction`, which takes the write lock at once
(``BEGIN IMMEDIATE``) so two processes never deadlock upgrading a read lock, and waits up to
the busy timeout for the other writer instead of failing with "database is locked".
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tuinews.errors import StoreError, StoreVersionError
from tuinews.i18n import _
from tuinews.store.search import exact_contains
from tuinews.text.fold import fold, index_text

BUSY_TIMEOUT_S = 60.0
_SQLITE_MAGIC = b"SQLite format 3\x00"


_head_fds: dict[tuple[int, int], int] = {}
_head_lock = threading.Lock()


def _read_head(path: Path) -> bytes:
    """The first 16 bytes of ``path`` (FileNotFoundError when there is no such file).

    Read through a descriptor kept open for the life of the process, one per file: closing
    *any* descriptor of a file drops every POSIX lock the process holds on it, SQLite's
    included, and another process closing its connection would then take itself for the
    last one and delete the WAL under this process's open connections.
    """
    if not hasattr(os, "pread"):  # (Windows locks do not go with another handle's close)
        with path.open("rb") as fh:
            return fh.read(16)
    st = os.stat(path)
    key = (st.st_dev, st.st_ino)
    with _head_lock:
        fd = _head_fds.get(key)
        if fd is None:
            fd = os.open(path, os.O_RDONLY)
            opened = os.fstat(fd)
            # (Replaced since the stat: this descriptor is the file now at ``path``.)
            fd = _head_fds.setdefault((opened.st_dev, opened.st_ino), fd)
        return os.pread(fd, 16, 0)


def check_file(path: Path) -> None:
    """Raise :class:`StoreError` if ``path`` exists but is not an SQLite database.

    Checked before SQLite opens it, so a wrong file is never modified.
    """
    try:
        head = _read_head(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        reason = _("cannot read the cache: {error}", error=exc.strerror or exc)
        raise StoreError(f"{path}: {reason}") from exc
    if head and head != _SQLITE_MAGIC:
        reason = _("not an SQLite database; left untouched (move it away to start anew)")
        raise StoreError(f"{path}: {reason}")


def connect(
    path: Path,
    *,
    create: bool = True,
    max_schema: int | None = None,
    cache_kib: int = 16000,
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
            reason = _("cannot create the data folder: {error}", error=exc.strerror or exc)
            raise StoreError(f"{path.parent}: {reason}") from exc
    elif not path.exists():
        raise StoreError(f"{path}: " + _("no cache yet (run `tuinews fetch` first)"))
    try:
        conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if max_schema is not None:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > max_schema:
                conn.close()
                raise StoreVersionError(f"{path}: {newer_version(version, max_schema)}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            # A read-only folder cannot hold the -wal file; reading still works.
            conn.execute("PRAGMA query_only = 1")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA temp_store = MEMORY")
        # 16 MB by default, for a process that writes many feeds (a small refresh stores on
        # one thread). Feed worker processes ask for 4 MB (tuinews.fetch.ingest): since the
        # search index merges in bigger steps (store step 3) that costs them no speed. The
        # reader asks for 2 MB: it reads a page at a time.
        conn.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
        conn.create_function("fold", 1, fold, deterministic=True)
        conn.create_function("index_text", 1, index_text, deterministic=True)
        conn.create_function("contains_exact", 2, exact_contains, deterministic=True)
    except sqlite3.DatabaseError as exc:
        hint = ""
        if "unable to open" in str(exc) or "readonly" in str(exc):
            # SQLite needs to create the -wal and -shm files next to the cache.
            hint = " (" + _("the data folder must exist and be writable") + ")"
        reason = _("cannot open the cache: {error}", error=exc)
        raise StoreError(f"{path}: {reason}{hint}") from exc
    return conn


def newer_version(version: int, known: int) -> str:
    """Why a cache written by a newer tuinews is refused (in the language in force)."""
    return _(
        "the cache is from a newer tuinews (schema {version}, this version knows {known}); "
        "left untouched",
        version=version,
        known=known,
    )


def _db_file(conn: sqlite3.Connection) -> str:
    try:
        row = conn.execute("PRAGMA database_list").fetchone()
    except sqlite3.Error:
        return _("the cache")
    return str(row[2]) if row and row[2] else _("the cache")


def write_error(conn: sqlite3.Connection, exc: sqlite3.Error) -> StoreError:
    """A :class:`StoreError` saying in one line why a write to the cache failed."""
    text = str(exc) or type(exc).__name__
    low = text.lower()
    # SQLite's own message (English) is kept after ours: it is what a search finds.
    if "full" in low:
        hint = _("the disk is full")
    elif "readonly" in low or "read-only" in low:
        hint = _("the data folder or the cache file is read-only")
    elif "locked" in low or "busy" in low:
        hint = _("another program kept it locked for {seconds:g} s", seconds=BUSY_TIMEOUT_S)
    elif "i/o" in low:
        hint = _("the disk is full or failing")
    else:
        hint = ""
    reason = _("cannot write the cache: {error}", error=text)
    return StoreError(f"{_db_file(conn)}: {reason}" + (f" ({hint})" if hint else ""))


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        try:
            conn.rollback()
        except sqlite3.Error:
            pass  # SQLite has rolled back itself (a full disk, an I/O error)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction: ``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any error.

    Raises:
        StoreError: SQLite could not write (disk full, I/O error, read-only file or folder,
            still locked by another writer after the busy timeout); nothing was committed.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise write_error(conn, exc) from exc
    try:
        yield conn
    except sqlite3.OperationalError as exc:
        _rollback(conn)
        raise write_error(conn, exc) from exc
    except BaseException:
        _rollback(conn)
        raise
    else:
        try:
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            _rollback(conn)
            raise write_error(conn, exc) from exc
