"""Write SVG screenshots of the real app, on the bundled demo, into ``screenshots/``.

    .venv/bin/python scripts/screenshots.py [--out screenshots]

The demo site is built for a fixed day and served on 127.0.0.1, fetched once into a
temporary cache (exactly what ``tuinews demo`` does), and the app is driven headlessly
(``App.run_test``) with a fixed clock and time zone, so the pictures change only when the
UI does. Run it after every UI change and commit the result.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tuinews.config import Config
from tuinews.fetch.client import FetchSettings
from tuinews.i18n.dates import set_clock
from tuinews.models import View, ViewKind
from tuinews.paths import db_path
from tuinews.store import Store
from tuinews.ui.app import TuinewsApp

NOW = datetime(2026, 3, 7, 3, 30, tzinfo=UTC)
"""The moment every screenshot is taken at (10:30 in Hà Nội)."""
TIMEZONE = "Asia/Ho_Chi_Minh"

Action = Callable[[Any], Awaitable[None]]


DEMO_PORT = 18123
"""A fixed port keeps the article links in the pictures the same from run to run."""


def build_demo_cache(folder: Path) -> tuple[Config, Path]:
    """Serve the demo site, fetch it into a cache under ``folder``; returns (config, db)."""
    from tuinews.demo.run import fill_demo_store, prepare_demo
    from tuinews.demo.server import DemoServer
    from tuinews.demo.site import build_site

    server = DemoServer(lambda base: build_site(base, now=NOW), port=DEMO_PORT)
    try:
        base_url = server.start()
    except OSError:  # the port is taken: any port will do, only the links change
        server = DemoServer(lambda base: build_site(base, now=NOW))
        base_url = server.start()
    try:
        config, data = prepare_demo(folder, base_url, server.site)
        db = db_path(data)
        with Store(db, keep_per_feed=config.keep_per_feed, clock=NOW.timestamp) as store:
            fill_demo_store(config, store, FetchSettings(concurrency=8, per_host=8), progress=False)
    finally:
        server.close()
    return config, db


def rich_article(db: Path, page_size: int) -> int:
    """An unread article that shows what the view does: a caption, a list, links."""
    with Store(db) as store:
        page = store.headlines_page(View(ViewKind.UNREAD), 1, page_size=page_size)
        best, score = page.items[0].id, -1
        for row in page.items:
            article = store.article(row.id)
            if article is None:
                continue
            body = article.body
            points = (
                ("[Ảnh" in body) * 3
                + ("\n- " in body) * 2
                + ("\n> " in body)
                + min(body.count("]("), 3)
                + (len(body) > 1500)
                + (not row.title.isascii()) * 2
            )
            if points > score and len(body) < 6000:
                best, score = row.id, points
        return best


async def settle(pilot: Any) -> None:
    """Let workers finish and their messages land."""
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def shoot(
    db: Path,
    config: Config,
    out: Path,
    name: str,
    *,
    language: str,
    size: tuple[int, int],
    action: Action | None = None,
) -> Path:
    """Run the app on a copy of the cache, do ``action``, save ``out/name.svg``."""
    work = out.parent / ".screenshot-work"
    work.mkdir(exist_ok=True)
    copy = work / f"{name}.db"
    shutil.copy(db, copy)
    set_clock(lambda: NOW)
    cfg = replace(config, language=language, timezone=TIMEZONE, path=None)
    store = Store(copy)
    try:
        app = TuinewsApp(store, cfg, poll=False, auto_refresh=False, blink=False)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            # The demo was fetched just now; show the screenshot's own clock instead.
            app.main_screen.status.last_refresh = NOW
            if action is not None:
                await action(pilot)
                await settle(pilot)
            await pilot.pause(0.2)
            path = Path(app.save_screenshot(f"{name}.svg", str(out)))
    finally:
        store.close()
        shutil.rmtree(work, ignore_errors=True)
    return path


def open_article(article_id: int) -> Action:
    """An action that reads ``article_id``."""

    async def act(pilot: Any) -> None:
        screen = pilot.app.main_screen
        if not screen.headlines.select_id(article_id):
            raise SystemExit(f"article {article_id} is not on the first page")
        await pilot.press("enter")

    return act


def press(*keys: str) -> Action:
    """An action that presses keys."""

    async def act(pilot: Any) -> None:
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return act


async def main_async(out: Path, config: Config, db: Path) -> list[Path]:
    """Take every screenshot."""
    article = rich_article(db, config.page_size)
    out.mkdir(parents=True, exist_ok=True)
    shots = [
        ("main", "vi", (140, 40), None),
        ("article", "vi", (140, 40), open_article(article)),
        ("help", "vi", (120, 44), press("question_mark")),
        ("narrow", "vi", (80, 24), None),
        ("narrow-article", "vi", (80, 24), open_article(article)),
        ("main-en", "en", (140, 40), press("h", "k", "enter")),
        ("search", "vi", (140, 40), press("slash", *"son lam", "enter")),
    ]
    return [
        await shoot(db, config, out, name, language=lang, size=size, action=action)
        for name, lang, size, action in shots
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[1] / "screenshots"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tuinews-shots-"))
    try:
        config, db = build_demo_cache(folder)  # runs its own event loop
        for path in asyncio.run(main_async(args.out, config, db)):
            print(path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
