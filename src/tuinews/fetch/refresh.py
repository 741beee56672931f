"""One refresh of many feeds: the code path of both the app's worker and ``tuinews fetch``.

Order of work, so that headlines land first and bodies follow:

1. every due feed is fetched (conditional GET), parsed (in a thread) and stored in its own
   transaction (in a thread), ``concurrency`` at a time and ``per_host`` per host;
2. then the article pages that need their full text are fetched with their own limits and
   extracted off the event loop (a process pool sized for the machine when there is
   enough work, else a thread), each stored as it lands.

A failure is recorded on its feed (backoff, last error) and the run goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from tuinews.errors import FetchError, HTTPStatusError, StoreError, TooLargeError, TuinewsError
from tuinews.fetch.client import (
    FetchSettings,
    HostLimiter,
    NetworkError,
    get,
    make_client,
)
from tuinews.fetch.ingest import (
    IN_FLIGHT,
    FeedWorkers,
    IngestJob,
    IngestResult,
    init_process,
    parse_job,
    store_parsed,
)
from tuinews.i18n import _, language
from tuinews.models import BodyStatus, Feed, FullText, ParsedFeed
from tuinews.store import PendingBody, Store
from tuinews.text.sanitize import clean_line

if TYPE_CHECKING:
    import httpx

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
PROCESS_THRESHOLD = 40
"""From this many feeds on, parsing and storing run in worker processes."""
NOT_DUE = "not due"
"""The skip reason of a feed whose refresh period has not passed: a marker that ``tuinews
fetch`` leaves out of its report (so it is compared, not translated)."""


@dataclass(slots=True)
class FeedOutcome:
    """What happened to one feed in a refresh."""

    feed_id: int
    url: str
    title: str
    status: str
    """"new", "unchanged" (304 or nothing new), "error", "skipped"."""
    new: int = 0
    updated: int = 0
    error: str = ""
    """Why it failed or was skipped, one line in the language in force."""
    warning: str = ""
    """Problems of a fetch that still worked (a scraped listing's unreadable items)."""
    network: bool = False
    """The failure was the network's (no route, DNS, connection refused), not the feed's."""


@dataclass(slots=True)
class RefreshReport:
    """The result of :func:`refresh_all`."""

    outcomes: list[FeedOutcome] = field(default_factory=list)
    bodies_ok: int = 0
    bodies_failed: int = 0
    seconds: float = 0.0

    @property
    def new(self) -> int:
        """New articles over every feed."""
        return sum(o.new for o in self.outcomes)

    @property
    def errors(self) -> list[FeedOutcome]:
        """The feeds that failed."""
        return [o for o in self.outcomes if o.status == "error"]

    @property
    def offline(self) -> bool:
        """Every attempted feed failed with a network error (no route, refused, DNS)."""
        tried = [o for o in self.outcomes if o.status != "skipped"]
        return bool(tried) and all(o.status == "error" and o.network for o in tried)


@dataclass(slots=True)
class Progress:
    """A progress report: ``done`` of ``total`` feeds (or pages, in the body phase)."""

    phase: str
    """"feeds" or "bodies"."""
    done: int
    total: int
    outcome: FeedOutcome | None = None


ProgressFn = Callable[[Progress], None]


@dataclass(slots=True)
class RefreshOptions:
    """What a refresh does beyond the settings."""

    due_only: bool = False
    """Only feeds whose refresh period has passed."""
    force: bool = False
    """Also feeds backing off after errors (and disabled ones named explicitly)."""
    fulltext: bool = True
    """Fetch article pages for full text after the feeds."""
    refresh_minutes: int = 30
    default_policy: FullText = FullText.AUTO
    body_concurrency: int = 4
    max_body_attempts: int = 3
    max_items: int = 5000


def _spawn_context() -> Any:
    """The multiprocessing context for worker pools: spawn, with its tracker started safely.

    spawn, not fork: this process has threads (event loop, writer, maybe the UI) whose locks a
    forked child would inherit in whatever state they were. The resource tracker that the
    first pool starts is handed ``sys.stderr.fileno()``; under Textual that is -1 and the
    start fails ("bad value(s) in fds_to_keep"), so it is started here with /dev/null.
    """
    import multiprocessing
    from multiprocessing import resource_tracker

    with open(os.devnull, "w") as sink, contextlib.redirect_stderr(sink):
        resource_tracker.ensure_running()
    return multiprocessing.get_context("spawn")


class Writer:
    """Where a refresh's store work runs.

    * Small store calls go to one dedicated thread (SQLite takes one write at a time, and
      threads queueing on its lock would sleep in its busy handler instead of working).
    * Parsing and storing a fetched feed (:meth:`ingest`) go, for big runs on a machine with
      more than one core, to worker processes that each parse *and* store: parsing is Python
      that holds the GIL, indexing is C in SQLite, and in one process they would take turns.
      Workers take a shared lock around their write transactions so the one waiting wakes at
      once instead of sleeping in SQLite's busy handler, and each is given two feeds at a
      time, so that one finding the lock taken parses its next feed meanwhile (see
      :class:`~tuinews.fetch.ingest.FeedWorkers`). Small runs (and the app's usual refresh)
      parse in a thread and store on the writer thread.
    """

    def __init__(self, store: Store | None = None, *, processes: int = 0) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tuinews-store")
        self._unchanged: list[int] = []
        self._workers: FeedWorkers | None = None
        self._callers: ThreadPoolExecutor | None = None
        if store is not None and processes > 0:
            # Started now: they load while the HTTP client is made and the first feeds come.
            self._workers = FeedWorkers(processes, store.path, store.keep_per_feed, language())
            self._callers = ThreadPoolExecutor(
                max_workers=processes * IN_FLIGHT, thread_name_prefix="tuinews-feed-worker"
            )

    async def __call__(self, fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, lambda: fn(*args, **kw))

    async def unchanged(self, store: Store, feed_id: int) -> None:
        """Note a 304; written in batches (losing one to a crash costs nothing)."""
        self._unchanged.append(feed_id)
        if len(self._unchanged) >= 200:
            await self.flush(store)

    async def flush(self, store: Store) -> None:
        """Write the batched 304s."""
        ids, self._unchanged = self._unchanged, []
        if ids:
            await self(store.record_unchanged, ids)

    async def checkpoints(self, store: Store, every: float = 0.5) -> None:
        """Checkpoint the WAL every ``every`` seconds until cancelled (workers do not)."""
        if self._workers is None:
            return
        try:
            while True:
                await asyncio.sleep(every)
                await self(store.checkpoint)
        except asyncio.CancelledError:
            await self(store.checkpoint)
            raise

    async def ingest(self, store: Store, job: IngestJob) -> IngestResult:
        """Parse a fetched feed and store its entries (one transaction)."""
        if self._workers is not None and self._callers is not None:
            loop = asyncio.get_running_loop()
            result: IngestResult = await loop.run_in_executor(
                self._callers, self._workers.call, job
            )
            return result
        parsed = await asyncio.to_thread(parse_job, job)
        stored: IngestResult = await self(store_parsed, store, job, parsed)
        return stored

    def stop_processes(self) -> None:
        """Stop the worker processes once their calls in flight are done (ingest then runs
        in a thread)."""
        if self._callers is not None:
            self._callers.shutdown(wait=True, cancel_futures=True)
            self._callers = None
        if self._workers is not None:
            self._workers.close()
            self._workers = None

    def close(self) -> None:
        """Stop the thread and the processes once the calls in flight are done."""
        self._pool.shutdown(wait=True)
        self.stop_processes()


def _is_due(feed: Feed, spec_minutes: int | None, opts: RefreshOptions, now: datetime) -> bool:
    if not opts.due_only:
        return True
    period = spec_minutes if spec_minutes is not None else opts.refresh_minutes
    if feed.last_attempt is None:
        return True
    return (now - feed.last_attempt).total_seconds() >= period * 60


async def refresh_all(
    store: Store,
    feeds: Sequence[Feed],
    settings: FetchSettings,
    *,
    options: RefreshOptions | None = None,
    client: httpx.AsyncClient | None = None,
    on_progress: ProgressFn | None = None,
) -> RefreshReport:
    """Refresh ``feeds`` into ``store``; see the module docstring for the order of work."""
    opts = options or RefreshOptions()
    started = time.monotonic()
    report = RefreshReport()
    own_client = client is None
    # Worker processes pay off past a few dozen feeds (spawning one costs ~0.3 s). They start
    # first, so that they load while the HTTP client is made and the first feeds come in.
    cores = os.cpu_count() or 1
    processes = min(cores, 4) if cores > 1 and len(feeds) >= PROCESS_THRESHOLD else 0
    db = Writer(store, processes=processes)
    http = client if client is not None else make_client(settings)
    try:
        now = datetime.now(UTC)
        # On the writer thread: a query per feed (due or not), never on the event loop, which
        # under the reader is the UI's.
        reasons = await db(lambda: [skip_reason(store, f, opts, now) for f in feeds])
        todo: list[Feed] = []
        for feed, skip in zip(feeds, reasons, strict=True):
            if skip:
                report.outcomes.append(
                    FeedOutcome(feed.id, feed.url, feed.display_title, "skipped", error=skip)
                )
            else:
                todo.append(feed)
        total = len(todo)
        done = 0
        hosts = HostLimiter(settings.per_host)
        # ``concurrency`` runners take the feeds in turn: a task per feed would cost memory
        # per feed (2,000 feeds: thousands of waiting coroutines) for the same effect.
        queue = iter(todo)

        async def runner() -> None:
            nonlocal done
            for feed in queue:
                outcome = await refresh_feed(store, http, feed, settings, opts, hosts, db=db)
                report.outcomes.append(outcome)
                done += 1
                if on_progress is not None:
                    on_progress(Progress("feeds", done, total, outcome))

        checkpointer = asyncio.create_task(db.checkpoints(store))
        try:
            await asyncio.gather(*(runner() for _ in range(max(1, settings.concurrency))))
        finally:
            await db.flush(store)
            checkpointer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await checkpointer
            # Their memory is not needed for what follows (pages, statistics).
            await asyncio.to_thread(db.stop_processes)
        if opts.fulltext:
            ok_ids = [o.feed_id for o in report.outcomes if o.status != "error"]
            ok, failed = await fetch_bodies(
                store, http, settings, opts, feed_ids=ok_ids, on_progress=on_progress, db=db
            )
            report.bodies_ok, report.bodies_failed = ok, failed
        if report.new > 1000:
            # Planner statistics after a big change; only an optimisation, so never fatal.
            with contextlib.suppress(StoreError):
                await db(store.optimize)
    finally:
        db.close()
        if own_client:
            await http.aclose()
    report.seconds = time.monotonic() - started
    return report


def skip_reason(store: Store, feed: Feed, opts: RefreshOptions, now: datetime) -> str:
    """Why a refresh leaves ``feed`` alone now ("" when it fetches it): disabled, backing off
    after errors, or (``due_only``) not due yet."""
    if not feed.enabled:
        if feed.disabled_reason:
            return _("disabled: {reason}", reason=feed.disabled_reason)
        return _("disabled")
    if not opts.force and feed.next_attempt is not None and feed.next_attempt > now:
        left = int((feed.next_attempt - now).total_seconds() // 60) + 1
        return _(
            "backing off after errors, next try in {minutes} min (--force to try now)",
            minutes=left,
        )
    if opts.due_only:
        spec = store.feed_spec(feed.id)
        if not _is_due(feed, spec.refresh_minutes, opts, now):
            return NOT_DUE
    return ""


async def refresh_feed(
    store: Store,
    client: httpx.AsyncClient,
    feed: Feed,
    settings: FetchSettings,
    opts: RefreshOptions,
    hosts: HostLimiter,
    *,
    db: Writer | None = None,
) -> FeedOutcome:
    """Fetch, parse and store one feed; every failure becomes an outcome, never an exception."""
    if db is None:
        db = Writer()
        try:
            return await refresh_feed(store, client, feed, settings, opts, hosts, db=db)
        finally:
            await db.flush(store)
            db.close()
    title = feed.display_title
    try:
        spec = await db(store.feed_spec, feed.id)
        if spec.kind != "scrape":
            headers: dict[str, str] = {}
            if feed.etag:
                headers["If-None-Match"] = feed.etag
            if feed.last_modified:
                headers["If-Modified-Since"] = feed.last_modified
            async with hosts(feed.url):
                # Decoded where it is parsed: a worker process gets the compressed bytes.
                resp = await get(
                    client, feed.url, settings, headers=headers, accept=FEED_ACCEPT, decode=False
                )
            permanent = resp.permanent_url
            if resp.status == 304:
                if permanent:
                    await db(
                        store.record_success,
                        feed.id,
                        etag=feed.etag,
                        last_modified=feed.last_modified,
                        url=permanent,
                    )
                else:
                    await db.unchanged(store, feed.id)
                return FeedOutcome(feed.id, feed.url, title, "unchanged")
            job = IngestJob(
                feed_id=feed.id,
                body=resp.body,
                url=resp.url,
                content_type=resp.content_type,
                max_items=opts.max_items,
                policy=spec.fulltext or opts.default_policy,
                success={
                    "etag": resp.headers.get("etag", ""),
                    "last_modified": resp.headers.get("last-modified", ""),
                    "url": permanent,
                },
                encoding=resp.encoding,
                max_bytes=settings.max_bytes,
            )
            ingested = await db.ingest(store, job)
            title = feed.title or ingested.title or feed.url
            status = "new" if ingested.new else "unchanged"
            return FeedOutcome(
                feed.id, feed.url, title, status, new=ingested.new, updated=ingested.updated
            )
        # A scraped listing: fetched and parsed here, stored on the writer thread.
        parsed, warning = await _scrape(client, spec.scrape, settings, hosts)
        job = IngestJob(
            feed.id,
            b"",
            feed.url,
            "",
            opts.max_items,
            spec.fulltext or opts.default_policy,
            {"etag": "", "last_modified": "", "url": None, "warning": warning},
        )
        ingested = await db(store_parsed, store, job, parsed)
        title = feed.title or ingested.title or feed.url
        status = "new" if ingested.new else "unchanged"
        return FeedOutcome(
            feed.id,
            feed.url,
            title,
            status,
            new=ingested.new,
            updated=ingested.updated,
            warning=warning,
        )
    except StoreError:
        raise  # the cache itself failed (disk full, read-only): the whole run stops
    # The error is stored (feeds.last_error) in the language of this run and shown later as
    # it was written, whatever the language then.
    except HTTPStatusError as exc:
        gone = exc.status == 410
        msg = _("410 Gone: the feed was removed; disabled") if gone else str(exc)
        await db(store.record_failure, feed.id, msg, retry_after=exc.retry_after, disable=gone)
        return FeedOutcome(feed.id, feed.url, title, "error", error=msg)
    except TuinewsError as exc:
        msg = clean_line(str(exc), max_len=300)
        await db(store.record_failure, feed.id, msg)
        network = isinstance(exc, NetworkError)
        return FeedOutcome(feed.id, feed.url, title, "error", error=msg, network=network)


async def _scrape(
    client: httpx.AsyncClient,
    rule_json: str,
    settings: FetchSettings,
    hosts: HostLimiter,
) -> tuple[ParsedFeed, str]:
    """Scrape a listing: its entries, and one line on the items it could not read ("")."""
    from tuinews.fetch.scrape import scrape

    try:
        rule: dict[str, Any] = json.loads(rule_json)
    except ValueError as exc:
        raise FetchError(_("broken scrape rule in the cache: {error}", error=exc)) from exc
    result = await scrape(client, rule, settings, hosts)
    why = result.failure()
    if why is not None:
        raise FetchError(clean_line(why, max_len=500))
    problems = result.problems
    warning = ""
    if problems:
        # Stored (feeds.warning) in the language of this run, like errors.
        warning = _("problems: {n}, the first: {problem}", n=len(problems), problem=problems[0])
    return result.feed(), clean_line(warning, max_len=500)


# -- full text -----------------------------------------------------------------------------


def _extract(html: bytes, url: str, content_type: str, selector: str | None) -> Any:
    from tuinews.fetch.extract import extract_article

    return extract_article(html, url=url, content_type=content_type, body_selector=selector)


def _pool(n_pages: int) -> tuple[Executor, bool]:
    """A process pool (one worker per core) for big batches; a thread for a handful."""
    cores = os.cpu_count() or 1
    if n_pages >= 16 and cores > 1:
        # Extraction errors are made in the workers: in this process's language.
        pool = ProcessPoolExecutor(
            max_workers=cores,
            mp_context=_spawn_context(),
            initializer=init_process,
            initargs=(language(),),
        )
        return pool, True
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract"), False


async def fetch_bodies(
    store: Store,
    client: httpx.AsyncClient,
    settings: FetchSettings,
    opts: RefreshOptions,
    *,
    feed_ids: Sequence[int] | None = None,
    article_ids: Sequence[int] | None = None,
    on_progress: ProgressFn | None = None,
    db: Writer | None = None,
) -> tuple[int, int]:
    """Fetch and extract the pending article pages; returns (ok, failed)."""
    if db is None:
        db = Writer()
        try:
            return await fetch_bodies(
                store,
                client,
                settings,
                opts,
                feed_ids=feed_ids,
                article_ids=article_ids,
                on_progress=on_progress,
                db=db,
            )
        finally:
            db.close()
    pending: list[PendingBody] = await db(
        store.pending_bodies, feed_ids=feed_ids, max_attempts=opts.max_body_attempts
    )
    if article_ids is not None:
        wanted = set(article_ids)
        pending = [p for p in pending if p.id in wanted]
    if not pending:
        return 0, 0
    selectors: dict[int, str | None] = {}
    for fid in {p.feed_id for p in pending}:
        spec = await db(store.feed_spec, fid)
        sel = None
        if spec.kind == "scrape" and spec.scrape:
            try:
                sel = json.loads(spec.scrape).get("body") or None
            except ValueError:
                sel = None
        selectors[fid] = sel
    executor, is_proc = _pool(len(pending))
    loop = asyncio.get_running_loop()
    sem = asyncio.Semaphore(opts.body_concurrency)
    hosts = HostLimiter(settings.per_host)
    ok = failed = done = 0

    async def one(p: PendingBody) -> None:
        nonlocal ok, failed, done
        try:
            async with sem, hosts(p.link):
                resp = await get(client, p.link, settings, accept=PAGE_ACCEPT)
            ctype = resp.content_type.lower()
            if ctype and "html" not in ctype and "xml" not in ctype:
                await db(
                    store.store_body,
                    p.id,
                    status=BodyStatus.NOT_HTML,
                    error=_("not an HTML page ({type})", type=clean_line(ctype, max_len=60)),
                )
                failed += 1
                return
            ex = await loop.run_in_executor(
                executor, _extract, resp.body, resp.url, resp.content_type, selectors[p.feed_id]
            )
            await db(
                store.store_body,
                p.id,
                status=ex.status,
                markdown=ex.markdown,
                error=ex.error,
                author=ex.author,
                published=ex.published,
                image_url=ex.image_url,
                image_caption=ex.image_caption,
            )
            if ex.status == BodyStatus.OK:
                ok += 1
            else:
                failed += 1
        except StoreError:
            raise
        except TooLargeError as exc:
            await db(store.store_body, p.id, status=BodyStatus.TOO_LARGE, error=str(exc))
            failed += 1
        except TuinewsError as exc:
            await db(
                store.store_body,
                p.id,
                status=BodyStatus.FAILED,
                error=clean_line(str(exc), max_len=300),
            )
            failed += 1
        except Exception as exc:  # an extractor crash must not stop the run
            await db(
                store.store_body,
                p.id,
                status=BodyStatus.FAILED,
                error=clean_line(
                    _("extraction failed: {error}", error=f"{type(exc).__name__}: {exc}"),
                    max_len=300,
                ),
            )
            failed += 1
        finally:
            done += 1
            if on_progress is not None:
                on_progress(Progress("bodies", done, len(pending)))

    try:
        await asyncio.gather(*(one(p) for p in pending))
    finally:
        executor.shutdown(wait=not is_proc, cancel_futures=True)
    return ok, failed
