"""Parsing and storing one fetched feed: the part of a refresh that may run in a worker process.

:mod:`tuinews.fetch.refresh` sends an :class:`IngestJob` (the body as it came, maybe still
compressed) to a feed worker process through :class:`FeedWorkers` (big runs), or parses it
in a thread and stores it on its writer thread (small runs). This module imports only what
that needs (no asyncio, no HTTP client): each worker process loads it, and what it loads is
memory paid once per worker.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tuinews.errors import FetchError
from tuinews.fetch.decode import decode_body
from tuinews.i18n import _, set_language
from tuinews.models import FullText, ParsedEntry, ParsedFeed
from tuinews.store import Store

SHORT_CONTENT = 1200
"""Feed content shorter than this many characters is taken for a summary (policy auto)."""

WORKER_CACHE_KIB = 4000
"""SQLite page cache of each worker's connection. A worker writes one feed per transaction;
16 MB made a 500-feed first fetch no faster and cost ~10 MiB per worker (scripts/bench.py)."""


@dataclass(slots=True)
class IngestJob:
    """A fetched feed body to parse and store (sent to a worker process)."""

    feed_id: int
    body: bytes
    url: str
    content_type: str
    max_items: int
    policy: FullText
    success: dict[str, Any]
    encoding: str = ""
    """The body's Content-Encoding, still to decode (where it is parsed, under ``max_bytes``)."""
    max_bytes: int = 0


@dataclass(slots=True)
class IngestResult:
    """What ingesting one feed changed."""

    new: int
    updated: int
    title: str


def init_process(lang: str) -> None:
    """Set up a multiprocessing worker (page extraction): the parent's language, and its
    lifetime.

    Messages are made in the worker, so in the parent's language, which may be the
    config's rather than the locale's. A multiprocessing worker waits on a pipe that its
    sibling workers also hold open, so when the parent is killed (SIGKILL, the OOM killer)
    it would wait for ever: a thread ends it once its parent is gone.
    """
    set_language(lang)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="tuinews-parent-watch", daemon=True).start()


# -- feed worker processes ----------------------------------------------------------------
#
# Each is ``python -c "from tuinews.fetch.ingest import serve; serve()" DB KEEP LANG``,
# spoken to through its stdin and stdout: a job goes in as one length-prefixed pickle, its
# result (or its exception) comes back as one. No multiprocessing: no resource-tracker
# process, no queue threads, and a worker whose parent dies reads the end of its stdin and
# leaves. Workers take turns writing through an flock on the cache's folder (SQLite's own
# busy wait sleeps in steps; a lock wakes the next writer at once, and dies with its holder).

_FRAME = struct.Struct(">Q")


def _send(stream: IO[bytes], value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_FRAME.pack(len(data)))
    stream.write(data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    """The next value, or :data:`_EOF` when the other side is gone."""
    head = stream.read(_FRAME.size)
    if len(head) < _FRAME.size:
        return _EOF
    data = stream.read(_FRAME.unpack(head)[0])
    return pickle.loads(data)


_EOF = object()


class _FolderLock:
    """An exclusive flock on a folder, shared by processes (none where flock is missing)."""

    def __init__(self, folder: Path) -> None:
        self._fd: int | None = None
        try:
            import fcntl

            self._fd = os.open(folder, os.O_RDONLY)
            self._flock = fcntl.flock
            self._ex, self._un = fcntl.LOCK_EX, fcntl.LOCK_UN
        except (ImportError, OSError):
            self._fd = None

    def __enter__(self) -> None:
        if self._fd is not None:
            self._flock(self._fd, self._ex)

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            self._flock(self._fd, self._un)


def _portable(exc: BaseException) -> BaseException:
    """``exc`` if it survives pickling, else a RuntimeError saying what it was."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - any exception that cannot travel is described instead
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def serve() -> None:
    """The loop of a feed worker process: ingest jobs from stdin until it ends."""
    db_path, keep_per_feed, lang = sys.argv[1:4]
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # stdout carries the results, and nothing else
    set_language(lang)
    store: Store | None = None
    failure: BaseException | None = None
    try:
        path = Path(db_path)
        store = Store(
            path,
            keep_per_feed=int(keep_per_feed),
            write_lock=_FolderLock(path.parent),
            autocheckpoint=False,
            cache_kib=WORKER_CACHE_KIB,
        )
        from tuinews.fetch.parse import load_parsers

        load_parsers()  # before the first feed arrives
    except Exception as exc:  # noqa: BLE001 - told to the parent with each job
        failure = _portable(exc)
    while (job := _receive(stdin)) is not _EOF:
        try:
            if failure is not None:
                raise failure
            assert store is not None
            reply: tuple[bool, object] = (True, store_parsed(store, job, parse_job(job)))
        except Exception as exc:  # noqa: BLE001 - the parent raises it for this feed
            reply = (False, _portable(exc))
        _send(stdout, reply)


class FeedWorkers:
    """``n`` feed worker processes; :meth:`call` is blocking (one thread per worker)."""

    def __init__(self, n: int, db_path: Path, keep_per_feed: int, lang: str) -> None:
        self._argv = [
            sys.executable,
            "-c",
            "from tuinews.fetch.ingest import serve; serve()",
            str(db_path),
            str(keep_per_feed),
            lang,
        ]
        self._all: list[subprocess.Popen[bytes]] = []
        self._idle: queue.SimpleQueue[subprocess.Popen[bytes]] = queue.SimpleQueue()
        for _i in range(n):
            self._idle.put(self._start())

    def _start(self) -> subprocess.Popen[bytes]:
        # stderr goes nowhere: under the reader it is the terminal the screen is drawn on.
        proc = subprocess.Popen(
            self._argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self._all.append(proc)
        return proc

    def call(self, job: IngestJob) -> IngestResult:
        """Parse and store ``job`` in a worker; its exception is raised here."""
        proc = self._idle.get()
        assert proc.stdin is not None and proc.stdout is not None
        try:
            _send(proc.stdin, job)
            reply = _receive(proc.stdout)
        except OSError:
            reply = _EOF
        if reply is _EOF:
            # Killed (out of memory, by hand): a new worker takes its place.
            proc.kill()
            proc.wait()
            self._all.remove(proc)
            self._idle.put(self._start())
            raise FetchError(_("the feed worker process ended unexpectedly"))
        self._idle.put(proc)
        ok, value = reply
        if ok:
            result: IngestResult = value
            return result
        raise value

    def close(self) -> None:
        """End every worker once its job in flight is done."""
        for proc in self._all:
            with contextlib.suppress(OSError):
                assert proc.stdin is not None
                proc.stdin.close()
        for proc in self._all:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self._all.clear()


def store_parsed(store: Store, job: IngestJob, parsed: ParsedFeed) -> IngestResult:
    policy = job.policy
    success = {**job.success, "title": parsed.title, "site_url": parsed.link}
    result = store.store_entries(
        job.feed_id,
        parsed.entries,
        # Marked pending even when this run skips full text, so a later run fetches it.
        needs_page=lambda e: needs_page(e, policy),
        success=success,
    )
    return IngestResult(result.new, result.updated, parsed.title)


def needs_page(entry: ParsedEntry, policy: FullText) -> bool:
    """Whether an entry's full text must come from its page."""
    if policy == FullText.NEVER or not entry.link:
        return False
    if policy == FullText.ALWAYS:
        return True
    text = (entry.content_text or entry.content).strip()
    if not text or len(text) < SHORT_CONTENT:
        return True
    return text == entry.summary.strip()


def parse_job(job: IngestJob) -> ParsedFeed:
    from tuinews.fetch.parse import parse_feed

    body = decode_body(job.body, job.encoding, job.max_bytes) if job.encoding else job.body
    return parse_feed(body, url=job.url, content_type=job.content_type, max_items=job.max_items)
