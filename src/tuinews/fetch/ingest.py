"""Parsing and storing one fetched feed: the part of a refresh that may run in a worker process.

:mod:`tuinews.fetch.refresh` sends an :class:`IngestJob` (the body as it came, maybe still
compressed) to :func:`ingest_job` in a spawned worker (big runs), or parses it in a thread
and stores it on its writer thread (small runs). This module imports only what that needs
(no asyncio, no HTTP client): each worker process loads it, and what it loads is memory
paid once per worker.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tuinews.fetch.decode import decode_body
from tuinews.i18n import set_language
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


_worker_store: Store | None = None


def init_process(lang: str) -> None:
    """Set up a worker process (feeds or pages): the parent's language, and its lifetime.

    Messages (parse errors) are made in the worker, so in the parent's language, which may
    be the config's rather than the locale's. A worker waits on a pipe that its sibling
    workers also hold open, so when the parent is killed (SIGKILL, the OOM killer) it would
    wait for ever: a thread ends it once its parent is gone.
    """
    set_language(lang)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="tuinews-parent-watch", daemon=True).start()


def init_worker(db_path: str, keep_per_feed: int, lock: Any, lang: str) -> None:
    """Set up a feed worker process: :func:`init_process` and its own store connection."""
    global _worker_store
    init_process(lang)
    _worker_store = Store(
        Path(db_path),
        keep_per_feed=keep_per_feed,
        write_lock=lock,
        autocheckpoint=False,
        cache_kib=WORKER_CACHE_KIB,
    )


def load_parsers() -> None:
    """Import the feed parsers (a worker does so before its first feed arrives)."""
    from tuinews.fetch.parse import load_parsers

    load_parsers()


def ingest_job(job: IngestJob) -> IngestResult:
    assert _worker_store is not None, "worker not initialised"
    parsed = parse_job(job)
    return store_parsed(_worker_store, job, parsed)


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
