"""SIGKILL during `tuinews fetch` loses at most the feed in flight."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import LoopbackServer
from tests.feedgen import rss
from tuinews.fetch.client import FetchSettings
from tuinews.fetch.refresh import RefreshOptions, refresh_all
from tuinews.models import FeedSpec, View, ViewKind
from tuinews.store import Store

N_FEEDS = 30

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _descendants(pid: int) -> set[int]:
    out: set[int] = set()
    todo = [pid]
    while todo:
        p = todo.pop()
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                kids = {int(k) for k in (task / "children").read_text().split()}
            except OSError:
                continue
            todo.extend(kids - out)
            out |= kids
    return out


def _still_running(pids: set[int], *, within: float) -> set[int]:
    deadline = time.monotonic() + within
    alive = set(pids)
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = {p for p in alive if _alive(p)}
    return alive


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.parametrize(
    "n_feeds",
    [N_FEEDS, 45],
    ids=["in-process", "worker-processes"],  # 45 >= refresh.PROCESS_THRESHOLD
)
async def test_sigkill_mid_refresh_leaves_a_sound_cache(
    tmp_path: Path, server: LoopbackServer, n_feeds: int
) -> None:
    data = tmp_path / "data"
    store = Store(data / "tuinews.db")
    urls = [server.set(f"/f{i}.rss", rss(10, prefix=f"f{i}")) for i in range(n_feeds)]
    store.sync_feeds([FeedSpec(url=u) for u in urls])
    await refresh_all(store, store.feeds(), FetchSettings(), options=RefreshOptions(fulltext=False))
    rows = store.headlines_page(View(ViewKind.ALL), 1, page_size=300).items
    rng = random.Random(7)
    read_ids = {r.id for r in rng.sample(rows, 40)}
    starred_ids = {r.id for r in rng.sample(rows, 15)}
    store.set_read(sorted(read_ids))
    for sid in starred_ids:
        store.set_starred(sid, True)
    store.close()

    trials = 4
    partial: list[bool] = []
    for trial in range(trials):
        # Every feed now has more items, served slowly so the kill lands mid-run.
        n_items = 10 + 5 * (trial + 1)
        for i in range(n_feeds):
            server.set(f"/f{i}.rss", rss(n_items, prefix=f"f{i}"), hang=0.03)
        env = {**os.environ, "TUINEWS_DATA_DIR": str(data)}
        proc = subprocess.Popen(
            [sys.executable, "-m", "tuinews", "fetch", "--no-fulltext", "--concurrency", "2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(0.4 + rng.random() * 0.8)
        children = _descendants(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # Its worker processes (and multiprocessing's resource tracker) follow it.
        assert _still_running(children, within=10.0) == set(), (trial, children)

        s = Store(data / "tuinews.db")
        try:
            assert s.integrity_ok()
            done = 0
            for f in s.feeds():
                # A feed is either wholly stored (with its new validators) or not at all.
                if f.etag and f.total == n_items:
                    done += 1
                else:
                    assert f.total in range(10, n_items), (trial, f.url, f.total)
            state = {
                r.id: (r.read, r.starred)
                for r in s.headlines_page(View(ViewKind.ALL), 1, page_size=5000).items
            }
            assert {i for i, (rd, _) in state.items() if rd} == read_ids
            assert {i for i, (_, st) in state.items() if st} == starred_ids
            fts = s._conn().execute("SELECT count(*) FROM articles_fts").fetchone()[0]
            assert fts == sum(f.total for f in s.feeds())
            partial.append(0 < done < n_feeds)
        finally:
            s.close()
    assert any(partial), "no kill landed mid-refresh; the test proved nothing"
