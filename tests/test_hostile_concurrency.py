"""Crashes and concurrency: SIGKILL at random moments, two fetches and a reader at once."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.feedgen import rss
from tests.hostile.server import HostileServer, static
from tuinews.models import FeedSpec, View, ViewKind
from tuinews.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

N_FEEDS = 30


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with HostileServer() as srv:
        yield srv


def env_for(data: Path) -> dict[str, str]:
    return {
        **os.environ,
        "TUINEWS_DATA_DIR": str(data),
        "TUINEWS_CONFIG": str(data.parent / "config.toml"),
    }


def no_duplicates(store: Store) -> None:
    conn = store._conn()
    dups = conn.execute(
        "SELECT feed_id, guid, COUNT(*) FROM articles GROUP BY feed_id, guid HAVING COUNT(*) > 1"
    ).fetchall()
    assert dups == []
    fts = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
    assert fts == conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def reading_state(store: Store) -> dict[int, tuple[bool, bool]]:
    rows = store.headlines_page(View(ViewKind.ALL), 1, page_size=100_000).items
    return {r.id: (r.read, r.starred) for r in rows}


# -- SIGKILL at random moments ---------------------------------------------------------------


@pytest.mark.slow
def test_sigkill_at_random_moments_never_loses_committed_work(
    tmp_path: Path, server: HostileServer
) -> None:
    seed = int(os.environ.get("TUINEWS_KILL_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    data = tmp_path / "data"
    sizes = [10]
    html = (
        "<html><body><article>" + "<p>Đoạn văn đủ dài của bài. </p>" * 30 + "</article>"
    ).encode()

    def serve(n: int) -> None:
        for i in range(N_FEEDS):
            items = [
                {
                    "title": f"f{i} bài {k}",
                    "guid": f"f{i}-{k}",
                    "link": server.url(f"/a/{i}/{k}"),
                    "pubDate": f"Sun, 01 Mar 2026 {k % 24:02d}:00:00 +0700",
                    "description": "Tóm tắt.",
                }
                for k in range(n)
            ]
            server.route(f"/f{i}.rss", static(rss(items).encode(), delay=0.04))
            for k in range(n):
                server.route(f"/a/{i}/{k}", static(html, content_type="text/html", delay=0.02))

    serve(10)
    with Store(data / "tuinews.db") as store:
        store.sync_feeds([FeedSpec(url=server.url(f"/f{i}.rss")) for i in range(N_FEEDS)])
    first = subprocess.run(
        [sys.executable, "-m", "tuinews", "fetch", "--no-fulltext"],
        env=env_for(data),
        capture_output=True,
    )
    assert first.returncode == 0, first.stdout + first.stderr
    with Store(data / "tuinews.db") as store:
        ids = sorted(reading_state(store))
        read_ids = set(rng.sample(ids, 60))
        starred_ids = set(rng.sample(ids, 20))
        store.set_read(sorted(read_ids))
        for sid in starred_ids:
            store.set_starred(sid, True)

    trials = kills_mid_run = 0
    deadline = time.monotonic() + 10
    while trials < 6 and time.monotonic() < deadline:
        n = 10 + 4 * (trials + 1)
        sizes.append(n)
        serve(n)
        args = ["fetch", "--force", "--concurrency", str(rng.choice((2, 4, 8)))]
        if rng.random() < 0.5:
            args.append("--no-fulltext")
        proc = subprocess.Popen(
            [sys.executable, "-m", "tuinews", *args],
            env=env_for(data),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: workers die with it
        )
        delay = rng.uniform(0.3, 2.2)
        time.sleep(delay)
        finished = proc.poll() is not None
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # done before the kill
        proc.wait()
        trials += 1
        kills_mid_run += not finished
        with Store(data / "tuinews.db") as store:
            where = f"seed {seed}, trial {trials}, killed after {delay:.2f} s"
            assert store.integrity_ok(), where
            no_duplicates(store)
            for f in store.feeds():
                # Each feed holds one whole document of some run, never a part of one.
                assert f.total in sizes, (where, f.url, f.total, sizes)
            state = reading_state(store)
            assert {i for i, (rd, _) in state.items() if rd} == read_ids, where
            assert {i for i, (_, st) in state.items() if st} == starred_ids, where
            assert len(state) >= len(ids), where
    print(f"\nkill test: seed {seed}, {trials} trials, {kills_mid_run} killed mid-run, 0 failures")
    assert trials >= 4 and kills_mid_run >= 2


# -- two fetches and a reader at once ----------------------------------------------------------

TOGGLER = textwrap.dedent(
    """
    import json, random, sys, time
    from pathlib import Path
    from tuinews.store import Store
    from tuinews.models import View, ViewKind

    db, stop, out, seed = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    store = Store(db)
    ids = [r.id for r in store.headlines_page(View(ViewKind.ALL), 1, page_size=100000).items]
    want = {}
    changes = 0
    while not stop.exists() or changes < 50:
        aid = rng.choice(ids)
        read, starred = want.get(aid, (False, False))
        if rng.random() < 0.5:
            read = not read
            store.set_read([aid], read)
        else:
            starred = not starred
            store.set_starred(aid, starred)
        want[aid] = (read, starred)
        changes += 1
    store.close()
    out.write_text(json.dumps({"changes": changes, "want": want}))
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("n_feeds", [N_FEEDS, 45], ids=["in-process", "worker-processes"])
def test_two_fetches_and_a_reader_at_once(
    tmp_path: Path, server: HostileServer, n_feeds: int
) -> None:
    data = tmp_path / "data"
    db = data / "tuinews.db"
    for i in range(n_feeds):
        server.route(f"/f{i}.rss", static(rss(20, prefix=f"f{i}").encode()))
    with Store(db) as store:
        store.sync_feeds([FeedSpec(url=server.url(f"/f{i}.rss")) for i in range(n_feeds)])
    env = env_for(data)
    first = subprocess.run(
        [sys.executable, "-m", "tuinews", "fetch", "--no-fulltext"], env=env, capture_output=True
    )
    assert first.returncode == 0, first.stdout + first.stderr
    # Bigger documents, served a little slowly, so that the two runs overlap for a while.
    for i in range(n_feeds):
        server.route(f"/f{i}.rss", static(rss(60, prefix=f"f{i}").encode(), delay=0.05))

    script = tmp_path / "toggler.py"
    script.write_text(TOGGLER)
    stop, result = tmp_path / "stop", tmp_path / "toggles.json"
    toggler = subprocess.Popen(
        [sys.executable, str(script), str(db), str(stop), str(result), "11"],
        env=env,
        stderr=subprocess.PIPE,
    )
    fetches = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tuinews",
                "fetch",
                "--no-fulltext",
                "--force",
                "--concurrency",
                str(c),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for c in (4, 8)
    ]
    outputs = [p.communicate(timeout=120) for p in fetches]
    stop.touch()
    _, toggler_err = toggler.communicate(timeout=120)
    assert toggler.returncode == 0, toggler_err.decode()
    for p, (out, err) in zip(fetches, outputs, strict=True):
        # "database is locked" here came from Store.optimize: PRAGMA optimize in autocommit
        # upgrades a read to a write, which WAL refuses at once (no busy wait) when the other
        # process committed meanwhile. It must run in a BEGIN IMMEDIATE transaction.
        text = (out + err).decode()
        assert p.returncode == 0, text
        assert "locked" not in text and "Traceback" not in text, text
    toggles = json.loads(result.read_text())
    assert toggles["changes"] >= 50
    with Store(db) as store:
        assert store.integrity_ok()
        no_duplicates(store)
        assert all(f.total == 60 for f in store.feeds())
        state = reading_state(store)
        for aid, (read, starred) in toggles["want"].items():
            assert state[int(aid)] == (read, starred), aid


def test_another_process_closing_never_deletes_the_wal_under_open_connections(
    tmp_path: Path,
) -> None:
    """A second connection in this process (a thread's) must not cost the first its SQLite
    locks: checking the file's header used to open and close it, which drops every POSIX
    lock the process holds on the file. Another process closing its connection then took
    itself for the last one and deleted the WAL and the shared memory under ours, and the
    writes made here afterwards went to a deleted file."""
    import threading

    path = tmp_path / "tuinews.db"
    store = Store(path)
    store.upsert_feed(FeedSpec(url="http://h.test/a.rss"))
    thread = threading.Thread(target=lambda: store._conn().execute("SELECT 1").fetchone())
    thread.start()
    thread.join()
    code = (
        "import sys; from pathlib import Path; from tuinews.models import FeedSpec; "
        "from tuinews.store import Store; s = Store(Path(sys.argv[1])); "
        "s.upsert_feed(FeedSpec(url='http://h.test/b.rss')); s.close()"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)
    assert (tmp_path / "tuinews.db-wal").exists() and (tmp_path / "tuinews.db-shm").exists()
    store.upsert_feed(FeedSpec(url="http://h.test/c.rss"))  # after the other one's close
    fresh = Store(tmp_path / "tuinews.db")  # (a new connection, as another process's would)
    try:
        assert sorted(f.url for f in fresh.feeds()) == [
            "http://h.test/a.rss",
            "http://h.test/b.rss",
            "http://h.test/c.rss",
        ]
    finally:
        fresh.close()
        store.close()
