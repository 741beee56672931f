"""The tuinews app: wires the main screen, owns the background workers, routes their errors.

Background work the app owns:

* the refresh worker (``R``, at start-up for feeds that are due, then every
  ``refresh_minutes``), which awaits :func:`tuinews.fetch.refresh.refresh_all` — that code
  already pushes sqlite and parsing to threads — and posts coalescing progress messages;
  when nothing is due (:func:`~tuinews.ui.data.refresh_has_work`) it reports so at once,
  without an HTTP client or a line for each of thousands of feeds;
* a poll of :meth:`Store.generation` every two seconds in a thread, so that a cron
  ``tuinews fetch`` writing the same file shows up on screen;
* re-extraction of one article (``x``).

Store reads and writes of the screen run in its own thread workers (:mod:`.screens.main`).
Every worker is ``exit_on_error=False``; :meth:`TuinewsApp._worker_failed` is the one place
their errors become a notification.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from tuinews.config import Config
from tuinews.fetch.client import FetchSettings
from tuinews.fetch.refresh import Progress, RefreshOptions, RefreshReport
from tuinews.i18n import _, set_language
from tuinews.i18n.dates import set_timezone
from tuinews.ui.bindings import N_, keys_display, translate_bindings
from tuinews.ui.data import InitialData, load_initial, refresh_has_work
from tuinews.ui.messages import (
    GenerationSeen,
    MarkedAllRead,
    Reextracted,
    RefreshFailed,
    RefreshFinished,
    RefreshProgress,
    RefreshStarted,
    StoreChanged,
    Wrote,
)
from tuinews.ui.screens.main import MainScreen, ReextractRequested

if TYPE_CHECKING:
    from tuinews.store import Store

POLL_SECONDS = 2.0
"""How often the cache is checked for other writers."""
STARTUP_REFRESH_DELAY = 1.0
"""The first refresh waits this long, so the cached screen is painted before any network."""
SETTLE_DELAY = 0.5
"""After this long the first screen is up and the start-up's objects are settled."""


def _settle_memory() -> None:
    """Collect the start-up's garbage once, then exempt what is left from later collections.

    The objects alive by now (Textual, the modules, the tree of thousands of feeds) stay for
    the session; without this every full collection walks them all again, and the one that
    lands on a key press made that page turn take 50-75 ms instead of 5 (2,000-feed cache,
    ``scripts/bench_inproc.py app``). Nothing is frozen that a collection could free.
    """
    gc.collect()
    gc.freeze()


class TuinewsApp(App[int]):
    """A keyboard-driven news reader over an offline cache.

    Args:
        store: The cache.
        config: The settings (page size, keymap, language, time zone, refresh period).
        settings: HTTP limits for refreshes (default: the defaults).
        refresh_options: What a refresh does (default: from ``config``).
        initial: The first screen, read before the app started (None: read at mount).
        poll: Watch the cache for other writers (off for snapshots).
        auto_refresh: Refresh at start-up and every ``refresh_minutes`` (off for tests).
        blink: Blink text cursors (off for snapshots).
    """

    CSS_PATH = "tuinews.tcss"
    TITLE = "tuinews"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", N_("Quit"), id="app.quit"),
        Binding("R", "refresh", N_("Refresh"), show=False, id="app.refresh"),
        Binding(
            "ctrl+p",
            "command_palette",
            N_("Commands"),
            show=False,
            priority=True,
            id="app.commands",
        ),
    ]

    def __init__(
        self,
        store: Store,
        config: Config,
        *,
        settings: FetchSettings | None = None,
        refresh_options: RefreshOptions | None = None,
        initial: InitialData | None = None,
        poll: bool = True,
        auto_refresh: bool = True,
        blink: bool = True,
    ) -> None:
        set_language(config.language)
        set_timezone(config.timezone)
        super().__init__()
        translate_bindings(self)
        self.store = store
        self.config = config
        self.settings = settings or FetchSettings()
        self.refresh_options = refresh_options or RefreshOptions(
            refresh_minutes=config.refresh_minutes,
            default_policy=config.fulltext,
            body_concurrency=config.body_concurrency,
            max_body_attempts=config.max_body_attempts,
        )
        self._poll_enabled = poll
        self._auto_refresh = auto_refresh
        self._generation = initial.generation if initial is not None else -1
        self.main_screen = MainScreen(
            store,
            page_size=config.page_size,
            initial=initial,
            blink=blink,
            keymap=dict(config.keymap),
        )
        if config.keymap:
            self.set_keymap(dict(config.keymap))

    def get_default_screen(self) -> Screen[None]:
        """The main screen is the app's first and only base screen."""
        return self.main_screen

    def on_mount(self) -> None:
        self.set_timer(SETTLE_DELAY, _settle_memory)
        if self._poll_enabled:
            self.set_interval(POLL_SECONDS, self._poll_generation)
        if not self._auto_refresh:
            return
        self.set_timer(
            STARTUP_REFRESH_DELAY, partial(self.start_refresh, manual=False, due_only=True)
        )
        minutes = self.config.refresh_minutes
        if minutes > 0:
            self.set_interval(
                minutes * 60, partial(self.start_refresh, manual=False, due_only=True)
            )

    # -- refresh ----------------------------------------------------------------------------

    def action_refresh(self) -> None:
        """Refresh every feed now."""
        if not self.start_refresh(manual=True, due_only=False):
            self.notify(_("A refresh is already running."), timeout=2)

    def start_refresh(self, *, manual: bool, due_only: bool) -> bool:
        """Start a refresh unless one runs; True when one was started."""
        if any(w.group == "refresh" and w.is_running for w in self.workers):
            return False
        self._refresh(manual, due_only)
        return True

    @work(exclusive=True, group="refresh", exit_on_error=False)
    async def _refresh(self, manual: bool, due_only: bool) -> None:
        from tuinews.fetch.client import make_client
        from tuinews.fetch.refresh import refresh_all

        screen = self.main_screen
        screen.post_message(RefreshStarted(manual))

        def progress(p: Progress) -> None:
            screen.post_message(RefreshProgress(p.phase, p.done, p.total))

        options = replace(self.refresh_options, due_only=due_only)
        # The feeds the tree shows are the cache's feeds (the tree reloads whenever the
        # cache changes).
        feed_ids = screen.feed_tree.feed_ids()
        if (
            due_only
            and feed_ids is not None
            and not await asyncio.to_thread(refresh_has_work, self.store, feed_ids, options)
        ):
            # Nothing due (the usual start-up): the same report as a refresh that skipped
            # every feed, without its client or its thousands of "not due" lines.
            screen.post_message(RefreshFinished(RefreshReport(), manual))
            return
        feeds = await asyncio.to_thread(self.store.feeds)
        # Building the client loads certificates: keep that off the event loop too.
        client = await asyncio.to_thread(make_client, self.settings)
        try:
            report = await refresh_all(
                self.store,
                feeds,
                self.settings,
                options=options,
                client=client,
                on_progress=progress,
            )
        finally:
            await client.aclose()
        screen.post_message(RefreshFinished(report, manual))

    @on(ReextractRequested)
    def _reextract_requested(self, message: ReextractRequested) -> None:
        self._reextract(message.article_id)

    @work(group="reextract", exit_on_error=False)
    async def _reextract(self, article_id: int) -> None:
        from tuinews.fetch.client import make_client
        from tuinews.fetch.refresh import fetch_bodies

        await asyncio.to_thread(self.store.reset_body, article_id)
        client = await asyncio.to_thread(make_client, self.settings)
        try:
            ok, _failed = await fetch_bodies(
                self.store,
                client,
                self.settings,
                self.refresh_options,
                article_ids=[article_id],
            )
        finally:
            await client.aclose()
        self.main_screen.post_message(Reextracted(article_id, ok > 0))

    # -- other writers ----------------------------------------------------------------------

    def _poll_generation(self) -> None:
        self._check_generation()

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def _check_generation(self) -> None:
        generation = self.store.generation()
        if not get_current_worker().is_cancelled:
            self.post_message(GenerationSeen(generation))

    @on(GenerationSeen)
    def _generation_seen(self, message: GenerationSeen) -> None:
        if message.generation == self._generation:
            return
        first = self._generation < 0
        self._generation = message.generation
        if not first:
            self.main_screen.post_message(StoreChanged(message.generation))

    @on(Wrote)
    def _wrote(self, message: Wrote) -> None:
        # Our own write: the screen already shows it, so the poll must not reload for it.
        self._generation = max(self._generation, message.generation)

    @on(MarkedAllRead)
    def _marked_all_read(self, message: MarkedAllRead) -> None:
        self._generation = max(self._generation, message.generation)

    # -- errors -----------------------------------------------------------------------------

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """The one place worker errors are reported."""
        worker = event.worker
        if event.state != WorkerState.ERROR:
            return
        error = worker.error
        text = f"{type(error).__name__}: {error}" if error is not None else "?"
        if worker.group == "refresh":
            self.main_screen.post_message(RefreshFailed(text))
            return
        if worker.group == "poll":
            return  # the next poll tries again; a locked database is not news
        self.notify(text, title=_("Something went wrong"), severity="error", markup=False)

    # -- commands and quitting --------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette: the same actions as the keys, in the UI's language."""
        main = self.main_screen
        for binding in [*MainScreen.BINDINGS, *type(self).BINDINGS]:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.action in ("command_palette", "help"):
                continue
            key = keys_display(binding, self.config.keymap, self.get_key_display)
            target = main if binding in MainScreen.BINDINGS else self
            yield SystemCommand(
                _(binding.description),
                _("Key: {key}", key=key),
                partial(target.run_action, binding.action),
            )
        yield SystemCommand(_("Help"), _("Every key and the search syntax"), main.action_help)
        yield SystemCommand(_("Theme"), _("Change the colours"), self.action_change_theme)

    def action_command_palette(self) -> None:
        """Open the command palette (with a translated prompt)."""
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=_("Search for commands…"))
            )

    def action_help_quit(self) -> None:
        """Ctrl+C: say how to quit (the terminal's copy key stays free)."""
        self.notify(_("Press q to quit."), timeout=2)

    async def action_quit(self) -> None:
        """Quit."""
        self.exit(0)


def run_app(
    config: Config,
    store: Store,
    settings: FetchSettings,
    refresh_options: RefreshOptions,
) -> int:
    """Run the UI until the user quits; returns the process exit code.

    The first screen's data is read before the terminal is taken over, so the cached
    headlines are on the very first frame.
    """
    set_language(config.language)
    set_timezone(config.timezone)
    # Not kept in a local: the screen drops it once shown, and a reference here would keep
    # a second copy of every feed alive for the whole session.
    app = TuinewsApp(
        store,
        config,
        settings=settings,
        refresh_options=refresh_options,
        initial=load_initial(store, page_size=config.page_size),
    )
    app.run()
    return app.return_code or 0
