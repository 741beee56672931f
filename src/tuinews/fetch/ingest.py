"""Parsing and storing one fetched feed: the part of a refresh that may run in a worker process.

:mod:`tuinews.fetch.refresh` sends an :class:`IngestJob` (the body as it came, maybe still
compressed) to a feed worker process through :class:`FeedWorkers` (big runs), or parses it
in a thread and stores it on its writer thread (small runs). This module imports only what
that needs (no asyncio, no HTTP client): each worker process loads it, and what it loads is
memory paid once per worker.
"""

from __future__ import annotations

import collections
import contextlib
import os
import pickle
import select
import struct
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tuinews.errors import FetchError
from tuinews.fetch.decode import decode_body
from tuinews.i18n import _, set_language
from tuinews.models import FullText, ParsedEntry, ParsedFeed
from tuinews.store import Store
from tuinews.store.store import PreparedEntries, prepare_entries

if TYPE_CHECKING:
    import subprocess
    from concurrent.futures import Future

SHORT_CONTENT = 1200
"""Feed content shorter than this many characters is taken for a summary (policy auto)."""

WORKER_CACHE_KIB = 4000
"""SQLite page cache of each worker's connection. A worker writes one feed per transaction;
16 MB made a 500-feed first fetch no faster and cost ~10 MiB per worker (scripts/bench.py)."""

IN_FLIGHT = 2
"""Jobs sent to a feed worker before its first reply: while another worker holds the write
lock, it parses the next feed instead of waiting (about 0.8 s of waiting per worker in a
500-feed first fetch before)."""


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
# result (or its exception) comes back as one, in the order the jobs came. No
# multiprocessing: no resource-tracker process, no queue threads, and a worker whose parent
# dies reads the end of its stdin and leaves. Workers take turns writing through an flock on
# the cache's folder (SQLite's own busy wait sleeps in steps; a lock wakes the next writer at
# once, and dies with its holder). A worker that finds the lock taken parses the next job it
# has been sent, if any, and then waits.

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


def _read_exact(fd: int, n: int) -> bytes | None:
    parts: list[bytes] = []
    while n:
        part = os.read(fd, min(n, 1 << 20))
        if not part:
            return None
        parts.append(part)
        n -= len(part)
    return b"".join(parts)


def _receive_fd(fd: int) -> Any:
    """:func:`_receive` from an unbuffered descriptor, so that ``select`` tells the truth
    about what is left to read."""
    head = _read_exact(fd, _FRAME.size)
    if head is None:
        return _EOF
    data = _read_exact(fd, _FRAME.unpack(head)[0])
    return _EOF if data is None else pickle.loads(data)


def _readable(fd: int) -> bool:
    """Whether ``fd`` has something to read now (never where select cannot poll a pipe)."""
    if os.name == "nt":
        return False
    try:
        return bool(select.select([fd], [], [], 0)[0])
    except (OSError, ValueError):
        return False


_EOF = object()


class _FolderLock:
    """An exclusive flock on a folder, shared by processes (none where flock is missing).

    Re-entrant within its process: the store's writes take it inside a hold of the worker's.
    """

    def __init__(self, folder: Path) -> None:
        self._fd: int | None = None
        self._depth = 0
        try:
            import fcntl

            self._fd = os.open(folder, os.O_RDONLY)
            self._flock = fcntl.flock
            self._ex, self._un, self._nb = fcntl.LOCK_EX, fcntl.LOCK_UN, fcntl.LOCK_NB
        except (ImportError, OSError):
            self._fd = None

    def acquire(self, *, blocking: bool = True) -> bool:
        """Take the lock; False when ``blocking`` is off and another process holds it."""
        if self._depth == 0 and self._fd is not None:
            try:
                self._flock(self._fd, self._ex if blocking else self._ex | self._nb)
            except BlockingIOError:
                return False
        self._depth += 1
        return True

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            self._flock(self._fd, self._un)

    def __enter__(self) -> None:
        self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


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
    stdin, stdout = sys.stdin.fileno(), sys.stdout.buffer
    sys.stdout = sys.stderr  # stdout carries the results, and nothing else
    set_language(lang)
    store: Store | None = None
    lock: _FolderLock | None = None
    failure: BaseException | None = None
    try:
        path = Path(db_path)
        lock = _FolderLock(path.parent)
        store = Store(
            path,
            keep_per_feed=int(keep_per_feed),
            write_lock=lock,
            autocheckpoint=False,
            cache_kib=WORKER_CACHE_KIB,
        )
        from tuinews.fetch.parse import load_parsers

        load_parsers()  # before the first feed arrives
    except Exception as exc:  # noqa: BLE001 - told to the parent with each job
        failure = _portable(exc)
    ready: collections.deque[tuple[IngestJob, _Prepared | BaseException]] = collections.deque()
    ended = False

    def take() -> None:
        nonlocal ended
        job = _receive_fd(stdin)
        if job is _EOF:
            ended = True
            return
        try:
            if failure is not None:
                raise failure
            ready.append((job, prepare_job(job)))
        except Exception as exc:  # noqa: BLE001 - the parent raises it for this feed
            ready.append((job, _portable(exc)))

    while True:
        if not ready:
            if ended:
                return
            take()
            continue
        job, prepared = ready[0]
        if isinstance(prepared, _Prepared) and lock is not None:
            # The write lock taken: parse what has come meanwhile rather than wait for it.
            while not lock.acquire(blocking=False):
                if ended or len(ready) >= IN_FLIGHT or not _readable(stdin):
                    lock.acquire()
                    break
                take()
            try:
                assert store is not None
                reply: tuple[bool, object] = (True, store_prepared(store, job, prepared))
            except Exception as exc:  # noqa: BLE001 - the parent raises it for this feed
                reply = (False, _portable(exc))
            finally:
                lock.release()
        else:
            reply = (False, prepared)
        ready.popleft()
        _send(stdout, reply)


class _Worker:
    """One feed worker process and the replies it owes, oldest first."""

    def __init__(self, argv: list[str]) -> None:
        import subprocess  # (the parent's side only: each worker imports this module)

        # stderr goes nowhere: under the reader it is the terminal the screen is drawn on.
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.owed: collections.deque[Future[IngestResult]] = collections.deque()
        self.sending = threading.Lock()
        self.busy = 0
        """Jobs given to it and not answered yet (counted under FeedWorkers._cond)."""
        self.dead = False
        """Set under ``sending`` once what it owed has been failed."""


class FeedWorkers:
    """``n`` feed worker processes, each given up to :data:`IN_FLIGHT` jobs at a time;
    :meth:`call` is blocking (run it from threads)."""

    def __init__(self, n: int, db_path: Path, keep_per_feed: int, lang: str) -> None:
        self._argv = [
            sys.executable,
            "-c",
            "from tuinews.fetch.ingest import serve; serve()",
            str(db_path),
            str(keep_per_feed),
            lang,
        ]
        self._cond = threading.Condition()
        self._workers: list[_Worker] = []
        self._readers: list[threading.Thread] = []
        self._closed = False
        with self._cond:
            for _i in range(n):
                self._start()

    @property
    def _all(self) -> list[subprocess.Popen[bytes]]:
        return [w.proc for w in self._workers]

    def _start(self) -> None:
        """A new worker and the thread that reads its replies (called under _cond)."""
        worker = _Worker(self._argv)
        self._workers.append(worker)
        reader = threading.Thread(
            target=self._read, args=(worker,), name="tuinews-feed-replies", daemon=True
        )
        self._readers.append(reader)
        reader.start()

    def call(self, job: IngestJob) -> IngestResult:
        """Parse and store ``job`` in a worker; its exception is raised here."""
        with self._cond:
            while True:
                if self._closed:
                    raise FetchError(_("the feed worker process ended unexpectedly"))
                worker = min(self._workers, key=lambda w: w.busy)
                if worker.busy < IN_FLIGHT:
                    break
                self._cond.wait()
            worker.busy += 1
            self._cond.notify_all()  # its reader may wait for something owed
        from concurrent.futures import Future

        future: Future[IngestResult] = Future()
        with worker.sending:
            if worker.dead:
                raise FetchError(_("the feed worker process ended unexpectedly"))
            worker.owed.append(future)
            assert worker.proc.stdin is not None
            with contextlib.suppress(OSError):  # a dead worker: its reader reports it
                _send(worker.proc.stdin, job)
        return future.result()

    def _read(self, worker: _Worker) -> None:
        """Hand each reply of ``worker`` to its caller; replace the worker if it dies."""
        stdout = worker.proc.stdout
        assert stdout is not None
        while True:
            with self._cond:
                while worker.busy == 0 and not self._closed:
                    self._cond.wait()
                if worker.busy == 0:
                    return
            try:
                reply = _receive(stdout)
            except (OSError, EOFError, pickle.UnpicklingError):
                reply = _EOF
            if reply is _EOF or not worker.owed:  # (a reply nobody waits for: no worker of ours)
                break
            future = worker.owed.popleft()
            with self._cond:
                worker.busy -= 1
                self._cond.notify_all()
            ok, value = reply
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        # Killed (out of memory, by hand): what it owed fails, a new worker takes its place.
        worker.proc.kill()
        worker.proc.wait()
        with worker.sending, self._cond:
            worker.dead = True
            owed = list(worker.owed)
            worker.owed.clear()
            self._workers.remove(worker)
            if not self._closed:
                self._start()
            self._cond.notify_all()
        for future in owed:
            future.set_exception(FetchError(_("the feed worker process ended unexpectedly")))

    def close(self) -> None:
        """End every worker once its jobs in flight are done."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
            workers = list(self._workers)
        for worker in workers:
            with contextlib.suppress(OSError), worker.sending:
                assert worker.proc.stdin is not None
                worker.proc.stdin.close()
        import subprocess

        for worker in workers:
            try:
                worker.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.proc.kill()
                worker.proc.wait()
        for reader in self._readers:
            reader.join(timeout=5)
        self._workers.clear()
        self._readers.clear()


@dataclass(slots=True)
class _Prepared:
    """A parsed feed made ready to store (see :func:`prepare_job`)."""

    title: str
    link: str
    entries: PreparedEntries


def prepare_job(job: IngestJob) -> _Prepared:
    """Parse ``job`` and compute all of its store work that needs no database."""
    return _prepare_parsed(job, parse_job(job))


def _prepare_parsed(job: IngestJob, parsed: ParsedFeed) -> _Prepared:
    policy = job.policy
    entries = prepare_entries(
        parsed.entries,
        # Marked pending even when this run skips full text, so a later run fetches it.
        needs_page=lambda e: needs_page(e, policy),
    )
    return _Prepared(parsed.title, parsed.link, entries)


def store_prepared(store: Store, job: IngestJob, prepared: _Prepared) -> IngestResult:
    success = {**job.success, "title": prepared.title, "site_url": prepared.link}
    result = store.store_prepared(job.feed_id, prepared.entries, success=success)
    return IngestResult(result.new, result.updated, prepared.title)


def store_parsed(store: Store, job: IngestJob, parsed: ParsedFeed) -> IngestResult:
    return store_prepared(store, job, _prepare_parsed(job, parsed))


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
