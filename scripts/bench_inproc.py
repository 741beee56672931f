"""In-process measurements for ``scripts/bench.py`` (run with the tuinews venv's Python).

    python bench_inproc.py pages   DB [--runs 20] [--page-size 50]
    python bench_inproc.py search  DB [--runs 10] [--query Q ...]
    python bench_inproc.py first   DB [--page-size 50] [--count 10]
    python bench_inproc.py app     CONFIG DATA_DIR [--runs 10]

Each prints one JSON object on stdout; times are milliseconds. ``pages`` times
``Store.headlines_page`` on the All and Unread views: page 1, the middle page and the
last page from scratch, and the adjacent-page path (``near=`` the page shown); ``search``
times ``Store.search(q, limit=50)``; ``first`` lists the titles of the first screen's page
(for checking a saved screen); ``app`` runs the real app headless (``App.run_test``) and
times key presses until the new page is shown.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

DEFAULT_QUERIES = [
    "ha noi",
    "kinh te",
    '"dien bien"',
    "xay dung -covid",
    "giao duc",
    "nong nghiep",
    "cong nghe",
    "the gioi",
    "tài chính ngân hàng",
    "xylophone",
]
"""Mixed queries: plain and diacritic-free words, a phrase, a negation, a word in no item."""


def _ms(fn: Any, runs: int) -> tuple[list[float], Any]:
    out = None
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times, out


def _stat(times: list[float]) -> dict[str, float]:
    return {
        "median_ms": statistics.median(times),
        "min_ms": min(times),
        "max_ms": max(times),
        "runs": len(times),
    }


def _view_pages(store: Any, view: Any, runs: int, size: int) -> dict[str, Any]:
    p1 = store.headlines_page(view, 1, page_size=size)
    last = p1.total_pages
    mid = max(1, (last + 1) // 2)
    res: dict[str, Any] = {"total_items": p1.total_items, "total_pages": last, "middle": mid}

    def timed(name: str, number: int, near: Any = None) -> None:
        times, page = _ms(
            lambda: store.headlines_page(view, number, page_size=size, near=near), runs
        )
        res[name] = _stat(times) | {"rows": len(page.items)}

    timed("page 1", 1)
    timed(f"middle (page {mid})", mid)
    timed(f"last (page {last})", last)
    # adjacent pages with the page shown as the keyset cursor, as the UI turns pages
    shown = store.headlines_page(view, mid, page_size=size)
    timed(f"next (page {mid + 1}, near=page {mid})", mid + 1, shown)
    timed(f"previous (page {mid - 1}, near=page {mid})", mid - 1, shown)
    shown_last = store.headlines_page(view, last, page_size=size)
    timed(f"previous from last (page {last - 1})", last - 1, shown_last)
    return res


def cmd_pages(a: argparse.Namespace) -> dict[str, Any]:
    from tuinews.models import View, ViewKind
    from tuinews.store import Store

    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    store = Store(Path(a.db))
    store.headlines_page(View(ViewKind.ALL), 1, page_size=a.page_size)
    out["open_and_first_page_ms"] = (time.perf_counter() - t0) * 1000
    for kind in (ViewKind.ALL, ViewKind.UNREAD):
        out[str(kind)] = _view_pages(store, View(kind), a.runs, a.page_size)
    store.close()
    return out


def cmd_search(a: argparse.Namespace) -> dict[str, Any]:
    from tuinews.store import Store

    store = Store(Path(a.db))
    store.search("warm up", limit=50)
    res: dict[str, Any] = {}
    for q in a.query or DEFAULT_QUERIES:
        times, rows = _ms(lambda q=q: store.search(q, limit=50), a.runs)
        res[q] = _stat(times) | {"hits": len(rows)}
    store.close()
    meds = [r["median_ms"] for r in res.values()]
    return {
        "queries": res,
        "median_of_medians_ms": statistics.median(meds),
        "worst_median_ms": max(meds),
        "worst_query": max(res, key=lambda q: res[q]["median_ms"]),
        "worst_single_ms": max(r["max_ms"] for r in res.values()),
    }


def cmd_first(a: argparse.Namespace) -> dict[str, Any]:
    from tuinews.store import Store
    from tuinews.ui.data import load_initial

    store = Store(Path(a.db))
    data = load_initial(store, page_size=a.page_size)
    store.close()
    return {
        "view": str(data.view.kind),
        "total_pages": data.page.total_pages,
        "total_items": data.page.total_items,
        "titles": [r.title for r in data.page.items[: a.count]],
    }


async def _app_pages(a: argparse.Namespace) -> dict[str, Any]:
    from textual import events

    from tuinews.config import load_config
    from tuinews.paths import db_path
    from tuinews.store import Store
    from tuinews.ui.app import TuinewsApp
    from tuinews.ui.data import load_initial

    config = load_config(Path(a.config))
    store = Store(db_path(Path(a.data_dir)), keep_per_feed=config.keep_per_feed)
    initial = load_initial(store, page_size=config.page_size)
    app = TuinewsApp(store, config, initial=initial, poll=False, auto_refresh=False, blink=False)
    res: dict[str, list[float]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        for _ in range(500):
            if screen.page is not None:
                break
            await pilot.pause(0.01)
        assert screen.page is not None, "no page shown"
        await app.workers.wait_for_complete()
        # Steady state: past the app's one-off settling of start-up memory (ui/app.py).
        from tuinews.ui.app import SETTLE_DELAY

        await pilot.pause(SETTLE_DELAY + 0.2)
        last = screen.page.total_pages

        keys = {"]": "right_square_bracket", "[": "left_square_bracket", "G": "G", "g": "g"}

        async def turn(char: str, target: int) -> float:
            # The key goes in as the terminal driver would deliver it (pilot.press would add
            # its own idle waits, 40+ ms, to the figure); the clock stops when the screen
            # holds the new page (rows and pager updated in the same handler).
            before = screen.page
            event = events.Key(keys[char], char)
            event.set_sender(app)
            driver = app._driver
            assert driver is not None
            t0 = time.perf_counter()
            driver.send_message(event)
            for _ in range(40000):
                page = screen.page
                if page is not before and page is not None and page.number == target:
                    break
                await asyncio.sleep(0.0002)
            took = (time.perf_counter() - t0) * 1000
            await pilot.pause()  # settle before the next key (untimed)
            assert screen.page is not None and screen.page.number == target, (char, target)
            return took

        for _ in range(a.runs):
            n = screen.page.number
            res.setdefault("next page (])", []).append(await turn("]", n + 1))
            res.setdefault("previous page ([)", []).append(await turn("[", n))
        for _ in range(a.runs):
            res.setdefault("last page (G)", []).append(await turn("G", last))
            res.setdefault("first page (g)", []).append(await turn("g", 1))
    store.close()
    return {"total_pages": last, "view": str(initial.view.kind)} | {
        k: _stat(v) for k, v in res.items()
    }


def cmd_app(a: argparse.Namespace) -> dict[str, Any]:
    return asyncio.run(_app_pages(a))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pages")
    p.add_argument("db")
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--page-size", type=int, default=50)
    p = sub.add_parser("search")
    p.add_argument("db")
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--query", action="append")
    p = sub.add_parser("first")
    p.add_argument("db")
    p.add_argument("--page-size", type=int, default=50)
    p.add_argument("--count", type=int, default=10)
    p = sub.add_parser("app")
    p.add_argument("config")
    p.add_argument("data_dir")
    p.add_argument("--runs", type=int, default=10)
    a = ap.parse_args()
    fn = {"pages": cmd_pages, "search": cmd_search, "first": cmd_first, "app": cmd_app}[a.cmd]
    json.dump(fn(a), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
