"""``tuinews demo``: serve the bundled sites on 127.0.0.1, fetch them, open the reader.

Everything is written under one temporary folder named ``tuinews-demo-*`` (config and
cache), removed on exit; the user's own config and cache are never touched.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tuinews.i18n import _, set_language

if TYPE_CHECKING:
    from tuinews.cli import Context
    from tuinews.config import Config
    from tuinews.store import Store


def prepare_demo(folder: Path, base_url: str, site: Any) -> tuple[Config, Path]:
    """Write the demo config into ``folder`` and load it."""
    from tuinews.config import load_config
    from tuinews.demo import demo_config_toml

    config_path = folder / "config.toml"
    config_path.write_text(demo_config_toml(base_url, site), "utf-8")
    return load_config(config_path), folder / "data"


def fill_demo_store(config: Config, store: Store, settings: Any, *, progress: bool) -> None:
    """Fetch every demo source (headlines, then full texts) into ``store``."""
    from tuinews.fetch.refresh import Progress, RefreshOptions, refresh_all

    store.sync_feeds(config.feeds())

    def show(p: Progress) -> None:
        label = _("feeds") if p.phase == "feeds" else _("pages")
        sys.stderr.write(f"\r{_('Preparing the demo')}: {p.done}/{p.total} {label}   ")
        if p.done == p.total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    opts = RefreshOptions(refresh_minutes=config.refresh_minutes, default_policy=config.fulltext)
    asyncio.run(
        refresh_all(
            store, store.feeds(), settings, options=opts, on_progress=show if progress else None
        )
    )


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def run_demo(ctx: Context) -> int:
    """Run the demo end to end; returns the reader's exit code."""
    from tuinews.demo.server import DemoServer
    from tuinews.fetch.client import FetchSettings
    from tuinews.fetch.refresh import RefreshOptions
    from tuinews.paths import db_path
    from tuinews.store import Store

    folder = Path(tempfile.mkdtemp(prefix="tuinews-demo-"))
    # A closed terminal (SIGHUP) or a kill (SIGTERM) must still remove the demo folder:
    # turn them into an exit that runs the clean-up below.
    for name in ("SIGHUP", "SIGTERM"):
        sig = getattr(signal, name, None)  # no SIGHUP on Windows
        if sig is not None:
            signal.signal(sig, _exit_on_signal)
    try:
        server = DemoServer()
        with server as base_url:
            config, data = prepare_demo(folder, base_url, server.site)
            if ctx.args.config is None:
                set_language(config.language)
            # One local server: the per-host politeness limit is for other people's servers.
            settings = FetchSettings(concurrency=8, per_host=8, total_timeout=30)
            store = Store(db_path(data), keep_per_feed=config.keep_per_feed)
            try:
                fill_demo_store(config, store, settings, progress=sys.stderr.isatty())
                from tuinews.ui.app import run_app

                opts = RefreshOptions(refresh_minutes=config.refresh_minutes)
                return run_app(config, store, settings, opts)
            finally:
                store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
